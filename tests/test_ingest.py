"""Ingest: every format to chunks with verbatim offsets, idempotent, safe with bad input."""

from __future__ import annotations

import http.server
import io
import shutil
import threading
from functools import partial
from pathlib import Path

import pytest
from conftest import EXAMPLES, TELFORD, WIRRAL, real_reports, settings_for

from aqa.components import build_components
from rag.embeddings import HashEmbedder
from rag.errors import ModelMismatch, StoreBusy

pytestmark = pytest.mark.integration


def docx_of(text_file: Path, dest: Path) -> Path:
    import docx

    d = docx.Document()
    for para in text_file.read_text(encoding="utf-8").split("\n"):
        if para.strip():
            d.add_paragraph(para)
    d.save(str(dest))
    return dest


def test_every_chunk_of_every_format_is_a_verbatim_slice_of_the_stored_text(components, tmp_path):
    docx_of(EXAMPLES / "report_0147.txt", tmp_path / "sample.docx")
    report = components.ingestor.ingest([str(EXAMPLES), str(tmp_path / "sample.docx"), *map(str, real_reports())])
    assert not report.failures
    assert {d.format for d in report.documents} == {"txt", "md", "html", "pdf", "docx"}
    store = components.store
    tokens = components.embedder.count_tokens
    checked = 0
    for chunk in store.all_chunks():
        _, text = store.document(chunk.document_id)
        assert text[chunk.start : chunk.end] == chunk.text
        assert tokens(chunk.embedding_text()) + 2 <= components.embedder.max_tokens
        checked += 1
    assert checked == sum(d.chunks for d in report.documents) > 100


def test_a_utf8_text_file_is_stored_unchanged(components):
    components.ingestor.ingest([str(WIRRAL)])
    (doc,) = components.store.documents()
    assert components.store.document(doc.id)[1] == WIRRAL.read_text(encoding="utf-8")


def test_html_keeps_the_main_text_without_navigation(components):
    components.ingestor.ingest([str(EXAMPLES / "saved_page_0923.html")])
    (doc,) = components.store.documents()
    text = components.store.document(doc.id)[1]
    assert doc.authority == "Northmere City Council" and doc.format == "html"
    assert "Key findings for this quality statement" in text
    for noise in ("cookie", "Cookie", "Skip to", "<p>", "Privacy"):
        assert noise not in text


def test_reports_are_recognised_with_authority_statement_and_score(loaded):
    docs = {d.source: d for d in loaded.store.documents()}
    wirral, telford = docs[WIRRAL.name], docs[TELFORD.name]
    assert (wirral.authority, wirral.authority_from) == ("Wirral Council", "text")
    assert (telford.authority, telford.authority_from) == ("Telford and Wrekin Council", "title")
    for d in (wirral, telford):
        assert d.scores == {"Partnerships and communities": 3}
    chunks = [c for c in loaded.store.all_chunks() if c.document_id == wirral.id]
    assert {c.theme for c in chunks} == {"Providing support"}
    assert {c.score_label for c in chunks} == {"Evidence shows a good standard"}
    assert any(c.boilerplate and c.section == "What people expect" for c in chunks)


def test_reingesting_unchanged_input_adds_nothing(components):
    first = components.ingestor.ingest([str(WIRRAL), str(TELFORD)])
    again = components.ingestor.ingest([str(WIRRAL), str(TELFORD)])
    n = first.added
    assert n > 30 and first.chunk_summary == f"added {n}, unchanged 0, removed 0"
    assert again.chunk_summary == f"added 0, unchanged {n}, removed 0"
    assert (again.new, again.changed, again.unchanged) == (0, 0, 2)
    assert components.store.count() == n


def test_a_changed_file_replaces_its_old_chunks(components, tmp_path):
    path = tmp_path / "wirral.txt"
    shutil.copy(WIRRAL, path)
    components.ingestor.ingest([str(path)])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("July 2023", "January 2024").replace("Arrowe Park", "Clatterbridge"), encoding="utf-8")
    report = components.ingestor.ingest([str(path)])
    assert report.changed == 1 and report.removed == report.added > 0
    texts = [c.text for c in components.store.all_chunks()]
    assert not any("July 2023" in t or "Arrowe Park" in t for t in texts)
    assert any("January 2024" in t for t in texts)
    assert len(components.store.documents()) == 1
    assert components.store.count() == components.store.documents()[0].chunks


def test_removing_a_document_removes_its_chunks(components):
    components.ingestor.ingest([str(WIRRAL), str(TELFORD)])
    wirral = next(d for d in components.store.documents() if d.authority == "Wirral Council")
    components.ingestor.remove(wirral.id)
    assert {c.authority for c in components.store.all_chunks()} == {"Telford and Wrekin Council"}
    assert [d.authority for d in components.store.documents()] == ["Telford and Wrekin Council"]


def _bad_inputs(d: Path) -> dict[str, Path | str]:
    (d / "empty.txt").write_text("")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without xref")
    (d / "latin1.txt").write_bytes("Caf\xe9 report: Wirral Council".encode("latin-1"))
    (d / "huge.txt").write_text("x" * 3000)
    return {
        "empty": d / "empty.txt",
        "binary": d / "binary.txt",
        "corrupt PDF": d / "corrupt.pdf",
        "undecodable": d / "latin1.txt",
        "over the cap": d / "huge.txt",
        "unreachable URL": "http://127.0.0.1:9/report.html",
    }


def test_bad_inputs_each_fail_alone_with_a_one_line_error_naming_them(embedder, tmp_path):
    c = build_components(settings_for(tmp_path / "data", max_input_bytes=2500, url_timeout=2), embedder)
    bad = _bad_inputs(tmp_path)
    small_good = tmp_path / "good.txt"
    small_good.write_text(TELFORD.read_text(encoding="utf-8")[:2400], encoding="utf-8")
    report = c.ingestor.ingest([str(p) for p in bad.values()] + [str(small_good)])
    failed = {f.source: f.message for f in report.failures}
    assert set(failed) == {str(p) for p in bad.values()}
    for message in failed.values():
        assert message and "\n" not in message
    assert "empty" in failed[str(bad["empty"])]
    assert "binary" in failed[str(bad["binary"])]
    assert "PDF" in failed[str(bad["corrupt PDF"])]
    assert "UTF-8" in failed[str(bad["undecodable"])]
    assert "limit" in failed[str(bad["over the cap"])]
    assert "unreachable" in failed[str(bad["unreachable URL"])]
    assert report.new == 1 and [d.source for d in c.store.documents()] == ["good.txt"]


def test_a_report_can_be_ingested_from_a_url(components, tmp_path):
    shutil.copy(EXAMPLES / "saved_page_0923.html", tmp_path / "page.html")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/page.html"
        report = components.ingestor.ingest([url])
    finally:
        server.shutdown()
    assert not report.failures
    (doc,) = components.store.documents()
    assert (doc.source, doc.format, doc.authority) == (url, "html", "Northmere City Council")


def test_a_sidecar_names_the_authority_of_a_text_that_does_not(components, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Safeguarding\n\nScore: 2\n\nKey findings for this quality statement\n\nConcerns were triaged in 2 days.\n")
    (tmp_path / "notes.txt.meta.json").write_text('{"authority": "Telford & Wrekin"}')
    report = components.ingestor.ingest([str(tmp_path)])
    assert report.new == 1 and not report.unknown_authority
    (doc,) = components.store.documents()
    assert (doc.authority, doc.authority_from) == ("Telford and Wrekin Council", "sidecar")


def test_a_store_built_with_another_model_is_a_clear_error(components, settings):
    components.ingestor.ingest([str(WIRRAL)])
    with pytest.raises(ModelMismatch, match="all-MiniLM-L6-v2"):
        build_components(settings, HashEmbedder())


def test_a_second_writer_gets_store_busy(components, settings, embedder):
    other = build_components(settings, embedder)
    with components.store.writing(), pytest.raises(StoreBusy, match="busy"):
        other.ingestor.ingest([str(WIRRAL)])


def test_docx_paragraphs_become_the_stored_text(components, tmp_path):
    path = docx_of(TELFORD, tmp_path / "t.docx")
    components.ingestor.ingest([str(path)])
    (doc,) = components.store.documents()
    assert doc.format == "docx" and doc.authority == "Telford and Wrekin Council"
    assert doc.scores == {"Partnerships and communities": 3}
    _ = io  # keep import for clarity of docx handling above


def test_a_stray_html_tag_in_a_text_file_is_blanked_and_every_offset_kept():
    from ingest.formats import extract

    text = "People are satisfied in Brent (ASCS)./p>\nThe hub opened <br> in 2023.\n"
    got = extract(text.encode(), "txt")
    assert "/p>" not in got and "<br>" not in got and len(got) == len(text)
    assert got.index("The hub") == text.index("The hub")
