"""Issue 12, ingest: one deadline for a whole URL download (a slow-drip server is cut off and its
partial body discarded), and format bombs (.docx, .pdf, HTML) refused in one line for that file
while the rest of the ingest goes on. Every hostile input is made here, at run time."""

from __future__ import annotations

import io
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from aqa.components import build_components
from ingest import formats, sources
from rag.errors import BadInput
from tests.conftest import EXAMPLES, settings_for

GOOD = EXAMPLES / "report_0147.txt"


@contextmanager
def drip_server(interval: float, seconds: float, head: bytes = b"") -> Iterator[str]:
    """An HTTP server on loopback that sends its headers, then one byte every `interval` seconds
    for `seconds` (no Content-Length: the body ends when it closes)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                try:
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n" + head)
                    ends = time.monotonic() + seconds
                    while time.monotonic() < ends and not stop.is_set():
                        conn.sendall(b"x")
                        time.sleep(interval)
                except OSError:
                    pass  # the client hung up: what a deadline does

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/report.txt"
    finally:
        stop.set()
        listener.close()
        thread.join(5)


# --- 7a. one deadline per download ----------------------------------------------------------------


@pytest.mark.unit
def test_a_slow_drip_download_is_cut_off_at_the_total_deadline():
    with drip_server(interval=0.05, seconds=6) as url:
        started = time.monotonic()
        with pytest.raises(BadInput) as e:
            sources.read(sources.Pending(url, url=url), max_bytes=1_000_000, timeout=1.0)
        took = time.monotonic() - started
    assert took < 2.5, f"the download went on for {took:.1f} s past a 1 s deadline"
    message = str(e.value)
    assert "1 s" in message and "AQA_URL_TIMEOUT" in message and "discarded" in message and "\n" not in message


@pytest.mark.unit
def test_a_download_within_the_deadline_still_works():
    with drip_server(interval=0.01, seconds=0.2, head=b"Hello. ") as url:
        raw = sources.read(sources.Pending(url, url=url), max_bytes=1_000_000, timeout=5.0)
    assert raw.data.startswith(b"Hello. x") and raw.source == url


@pytest.mark.integration
def test_a_cut_off_download_fails_alone_and_leaves_nothing_in_the_store(tmp_path, embedder):
    c = build_components(settings_for(tmp_path / "data", url_timeout=1.0), embedder)
    with drip_server(interval=0.05, seconds=6, head=b"Wirral Council: local authority assessment\n\n") as url:
        report = c.ingestor.ingest([url, str(GOOD)])
    assert [f.source for f in report.failures] == [url]
    assert "AQA_URL_TIMEOUT" in report.failures[0].message
    assert [d.source for d in c.store.documents()] == [GOOD.name]


# --- 7b. format bombs -----------------------------------------------------------------------------


def docx_bytes(paragraphs: list[str], extra: dict[str, bytes] | None = None) -> bytes:
    """A real .docx (python-docx), with extra zip members added if asked."""
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    if not extra:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        for name, data in extra.items():
            dst.writestr(name, data)
    return out.getvalue()


def pdf_bytes(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=72, height=72)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.unit
def test_a_docx_that_unpacks_past_the_input_limit_is_refused():
    data = docx_bytes(["Wirral Council: local authority assessment"], {"word/media/blob.bin": b"\0" * 3_000_000})
    assert len(data) < 100_000
    with pytest.raises(BadInput, match=r"unpacks to [\d,]+ bytes, over the 2,000,000-byte limit \(AQA_MAX_INPUT_BYTES\)"):
        formats.extract(data, formats.detect(data), formats.Limits(max_bytes=2_000_000))


@pytest.mark.unit
def test_a_docx_with_an_absurd_compression_ratio_is_refused_under_the_size_limit():
    data = docx_bytes(["Wirral Council: local authority assessment"], {"word/media/blob.bin": b"\0" * 5_000_000})
    with pytest.raises(BadInput, match=r"blob\.bin .* unpacks to [\d,]+x its packed size: refused as a zip bomb"):
        formats.extract(data, "docx", formats.Limits(max_bytes=25_000_000))


@pytest.mark.unit
def test_an_ordinary_docx_passes_the_checks():
    data = docx_bytes(["Wirral Council: local authority assessment", "The council works with partners. " * 200])
    assert "works with partners" in formats.extract(data, formats.detect(data), formats.Limits(max_bytes=2_000_000))


@pytest.mark.unit
def test_a_pdf_over_the_page_limit_is_refused():
    data = pdf_bytes(12)
    with pytest.raises(BadInput, match=r"a PDF of 12 pages is over the 10-page limit \(AQA_MAX_PDF_PAGES\)"):
        formats.extract(data, "pdf", formats.Limits(max_pdf_pages=10))
    with pytest.raises(BadInput, match="no text found"):  # under the limit: read as usual (blank pages)
        formats.extract(data, "pdf", formats.Limits(max_pdf_pages=12))


@pytest.mark.unit
def test_html_over_its_size_limit_is_refused():
    data = b"<html><body><main>" + b"<p>Wirral Council works with partners.</p>" * 3000 + b"</main></body></html>"
    with pytest.raises(BadInput, match=r"HTML of [\d,]+ bytes is over the 50,000-byte limit \(AQA_MAX_HTML_BYTES\)"):
        formats.extract(data, "html", formats.Limits(max_html_bytes=50_000))
    assert "works with partners" in formats.extract(data, "html", formats.Limits())


@pytest.mark.integration
@pytest.mark.slow
def test_bombs_fail_one_line_each_and_the_rest_of_the_ingest_goes_on(tmp_path, embedder):
    """With the default limits, whatever passes them to the parsers."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_bytes(GOOD.read_bytes())
    (src / "bomb.docx").write_bytes(docx_bytes(["Report"], {"word/media/blob.bin": b"\0" * 30_000_000}))
    (src / "ratio.docx").write_bytes(docx_bytes(["Report"], {"word/media/blob.bin": b"\0" * 5_000_000}))
    (src / "pages.pdf").write_bytes(pdf_bytes(2001))
    (src / "huge.html").write_bytes(b"<html><body><main>" + b"<p>Wirral Council works.</p>" * 400_000 + b"</main></body></html>")
    c = build_components(settings_for(tmp_path / "data"), embedder)
    report = c.ingestor.ingest([str(src)])
    failed = {f.source.rsplit("/", 1)[-1]: f.message for f in report.failures}
    assert set(failed) == {"bomb.docx", "ratio.docx", "pages.pdf", "huge.html"}, failed
    assert "AQA_MAX_INPUT_BYTES" in failed["bomb.docx"] and "zip bomb" in failed["ratio.docx"]
    assert "AQA_MAX_PDF_PAGES" in failed["pages.pdf"] and "AQA_MAX_HTML_BYTES" in failed["huge.html"]
    assert all("\n" not in m for m in failed.values())
    assert [d.source for d in c.store.documents()] == ["good.txt"]


# --- 7c. chunking in linear time ------------------------------------------------------------------


def _counted_split(text: str) -> tuple[list, int]:
    """The spans `_split_words` cuts `text` into (budget 256 words) and how many characters it counted."""
    from ingest.chunking import _split_words
    from rag.text import Span

    counted = 0

    def count(s: str) -> int:
        nonlocal counted
        counted += len(s)
        return len(s.split())

    return _split_words(Span(0, len(text)), text, 256, count), counted


@pytest.mark.unit
def test_a_long_paragraph_without_sentence_ends_is_chunked_in_linear_time():
    """Found by bench/reliability.py: 3 MB of `a -` took over 120 s, each chunk counting the tokens of
    the whole rest of the paragraph. Now each count sees a bounded slice."""
    text = "a - " * 100_000
    spans, counted = _counted_split(text)
    _, counted_4x = _counted_split(text * 4)
    assert counted < 50 * len(text) and counted_4x < 4.5 * counted
    assert all(len(s.of(text).split()) <= 256 for s in spans)
    assert spans[0].start == 0 and text[spans[-1].end :].strip() == ""
    assert all(text[a.end : b.start].isspace() for a, b in zip(spans, spans[1:], strict=False))


@pytest.mark.unit
def test_a_long_run_without_spaces_is_chunked_in_linear_time_too():
    text = "x" * 400_000 + " tail"
    spans, counted = _counted_split(text)
    _, counted_4x = _counted_split("x" * 1_600_000 + " tail")
    assert counted_4x < 4.5 * counted
    assert spans[0].start == 0 and spans[-1].end == len(text)


@pytest.mark.unit
def test_an_over_long_sentence_of_ordinary_density_is_cut_where_unbounded_counting_cuts_it(monkeypatch):
    import ingest.chunking

    text = " ".join(f"word{i % 97}" for i in range(3000))  # one 'sentence' of 3,000 words
    bounded, _ = _counted_split(text)
    monkeypatch.setattr(ingest.chunking, "MAX_CHARS_PER_TOKEN", 10**9)  # count every slice, as before
    monkeypatch.setattr(ingest.chunking, "WORD_WINDOW", 10**9)  # and look back to the start for a space
    unbounded, _ = _counted_split(text)
    assert bounded == unbounded and len(bounded) > 10


def test_a_sentence_going_on_from_the_one_before_starts_its_chunk_with_that_one():
    from ingest.chunking import _pack_tight
    from rag.text import sentences

    text = "People could reach help easily. 94.95% had adequate food. This was better than the England average."
    words = lambda s: len(s.split())  # noqa: E731 - a token count for the test
    chunks = [c.of(text) for c in _pack_tight(sentences(text, 0, len(text)), text, 12, words)]
    assert chunks == ["People could reach help easily.", "94.95% had adequate food. This was better than the England average."]
