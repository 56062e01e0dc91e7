"""Source metadata (title, publication date, URL, PDF page) from ingest to every chunk, hit and
citation, shown as a source card in the CLI and the API, and as a Sources block in the content of
/v1/chat/completions (seen by LangChain's ChatOpenAI)."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from functools import partial
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from aqa.components import build_components
from ingest import formats, pipeline, sources
from rag.errors import BadInput
from rag.feedback import source_card, sources_block, without_sources_block
from rag.models import Citation, SearchHit
from rag.settings import Settings
from tests.conftest import EXAMPLES, app_over
from tests.servers import serving

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports"
WILTSHIRE = REPORTS / "wiltshire__safeguarding.txt"
HERTFORDSHIRE = REPORTS / "hertfordshire__summary.txt"
WILTSHIRE_URL = "https://www.example.org/local-authority-assessments/wiltshire-0924/safeguarding"
ASHCOMBE_Q = "When did Ashcombe Vale launch its Joint Discharge Hub?"
NORTHMERE_Q = "What is the name of Northmere's combined front door team?"
NORTHMERE_URL = "https://www.example.org/local-authority-assessments/northmere-city-council"


def hash_components(tmp_path: Path):  # noqa: ANN201
    """A store with the toy embedder: these tests are about metadata, not ranking."""
    return build_components(Settings(data_dir=tmp_path / "data", embedding_backend="hash", _env_file=None))


def pdf_of(pages: list[list[str]]) -> bytes:
    """A minimal PDF with one text line per entry, page by page (Helvetica, no compression)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        ops = "BT /F1 10 Tf 14 TL 40 800 Td " + " ".join(
            "(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for ln in lines
        ) + " ET"
        objects.append(f"<< /Length {len(ops)} >>\nstream\n{ops}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# --- formats and sources --------------------------------------------------------------------------


@pytest.mark.unit
def test_pdf_page_starts_follow_the_text_across_joined_lines_and_empty_pages():
    data = pdf_of([
        ["Ashcombe Vale Council: local authority assessment", "Safeguarding", "Score: 2",
         "The safeguarding board met every month and it reviewed the work of its partners in a",],
        ["published annual report which was shared with residents.", "Carers told us the helpline answered quickly."],
        [],
        ["The local authority opened a new hub in 2024."],
    ])
    got = formats.extract_document(data, formats.detect(data))
    assert got.text == formats.extract(data, "pdf")  # one text, whichever way it is asked for
    assert len(got.page_starts) == 4 and got.page_starts[0] == 0
    # The wrapped sentence was joined across the page break; its second half is on page 2.
    joined = got.text.index("in a published annual report")
    assert got.page_at(joined) == 1 and got.page_at(got.text.index("published annual")) == 2
    assert got.page_at(got.text.index("Carers told us")) == 2
    assert got.page_at(got.text.index("The local authority opened")) == 4  # page 3 is empty
    assert got.page_starts[2] == got.page_starts[3]


@pytest.mark.unit
def test_the_sample_pdf_has_three_pages_and_its_statements_start_on_pages_2_and_3():
    data = (EXAMPLES / "harrowfield_council_assessment.pdf").read_bytes()
    got = formats.extract_document(data, "pdf")
    assert got.page_at(got.text.index("Safe pathways, systems and transitions")) == 2
    assert got.page_at(got.text.index("Learning, improvement and innovation")) == 3
    assert got.page_at(0) == 1


@pytest.mark.unit
def test_html_gives_its_title_and_canonical_link_and_text_is_unchanged():
    saved = (EXAMPLES / "saved_page_0923.html").read_bytes()
    got = formats.extract_document(saved, "html")
    assert got.title.startswith("Northmere City Council: local authority assessment")
    assert got.canonical == NORTHMERE_URL  # from the "saved from url" comment
    assert got.text == formats.extract(saved, "html")
    page = b"""<!doctype html><html><head><title>  Wirral Council:
      local authority assessment - Care Quality Commission </title>
      <link rel="stylesheet" href="/x.css"><link rel="canonical" href="/care-services/wirral"></head>
      <body><main><h1>Wirral Council: local authority assessment</h1><p>Text.</p></main></body></html>"""
    got = formats.extract_document(page, "html")
    assert got.title == "Wirral Council: local authority assessment - Care Quality Commission"
    assert got.canonical == "/care-services/wirral"  # resolved against the page's address at ingest


@pytest.mark.unit
def test_a_sidecar_url_is_read_and_a_bad_one_refused(tmp_path):
    report = tmp_path / "w.txt"
    shutil.copy(WILTSHIRE, report)
    (tmp_path / "w.txt.meta.json").write_text(json.dumps({"url": WILTSHIRE_URL, "authority": "Wiltshire"}))
    raw = sources.read(sources.Pending(str(report), path=report), max_bytes=10**7, timeout=5)
    assert raw.url == WILTSHIRE_URL and raw.sidecar["authority"] == "Wiltshire"
    for bad in ("javascript:alert(1)", "www.cqc.org.uk/no-scheme", "https://exa mple.org"):
        (tmp_path / "w.txt.meta.json").write_text(json.dumps({"url": bad}))
        with pytest.raises(BadInput, match="not an absolute http"):
            sources.read(sources.Pending(str(report), path=report), max_bytes=10**7, timeout=5)


@pytest.mark.unit
def test_the_source_card_reads_like_a_reference():
    hit = SearchHit(chunk_id="c", document_id="d", source="wiltshire.txt", authority="Wiltshire Council",
                    quality_statement="Safeguarding", theme="", score=2, section="", text="t", start=0, end=1, rank_score=1.0,
                    title="Wiltshire Council: local authority assessment", published="21 June 2024", url=WILTSHIRE_URL)
    cite = Citation.from_hit(1, hit)
    assert (cite.title, cite.published, cite.url, cite.page) == (hit.title, "21 June 2024", WILTSHIRE_URL, 0)
    assert source_card(cite) == (
        f"Wiltshire Council: local authority assessment — Safeguarding — published 21 June 2024 — {WILTSHIRE_URL}"
    )
    bare = cite.model_copy(update={"title": "", "published": "", "url": "", "page": 4, "source": "h.pdf"})
    assert source_card(bare) == "Wiltshire Council — Safeguarding — page 4 — h.pdf"
    block = sources_block([cite])
    assert block == f"\n\nSources:\n- [1] {source_card(cite)}"
    assert without_sources_block("An answer. [1]" + block) == "An answer. [1]"


# --- ingest: documents, chunks, hits, citations ---------------------------------------------------


@pytest.mark.integration
def test_every_chunk_carries_title_date_url_and_page(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for src in (WILTSHIRE, HERTFORDSHIRE, EXAMPLES / "harrowfield_council_assessment.pdf", EXAMPLES / "saved_page_0923.html"):
        shutil.copy(src, inputs / src.name)
    (inputs / f"{WILTSHIRE.name}.meta.json").write_text(json.dumps({"url": WILTSHIRE_URL}))
    c = hash_components(tmp_path)
    report = c.ingestor.ingest([str(inputs)])
    assert not report.failures
    docs = {d.source: d for d in c.store.documents()}
    wilts, herts = docs[WILTSHIRE.name], docs[HERTFORDSHIRE.name]
    assert (wilts.title, wilts.url) == ("Wiltshire Council: local authority assessment", WILTSHIRE_URL)
    assert (herts.title, herts.published, herts.updated, herts.url) == (
        "Hertfordshire County Council: local authority assessment", "17 May 2024", "17 May 2024", "")
    assert docs["saved_page_0923.html"].url == NORTHMERE_URL
    chunks = list(c.store.all_chunks())
    for ch in chunks:
        doc = docs[ch.source]
        assert (ch.title, ch.published, ch.url) == (doc.title, doc.published, doc.url)
        assert (ch.page > 0) == ch.source.endswith(".pdf")
    pdf_pages = {ch.page for ch in chunks if ch.source.endswith(".pdf")}
    assert pdf_pages == {1, 2, 3}
    learning = next(ch for ch in chunks if ch.quality_statement == "Learning, improvement and innovation" and ch.source.endswith(".pdf"))
    assert learning.page == 3

    hit = c.retriever.search("Hertfordshire overall rating", k=1).results[0]
    assert (hit.title, hit.published) == (herts.title, "17 May 2024")
    cite = Citation.from_hit(1, hit)
    assert "published 17 May 2024" in source_card(cite)

    # Unchanged: nothing to do. A new sidecar url: that document is re-chunked with it.
    again = c.ingestor.ingest([str(inputs)])
    assert (again.unchanged, again.added) == (4, 0)
    (inputs / f"{WILTSHIRE.name}.meta.json").write_text(json.dumps({"url": WILTSHIRE_URL + "?v=2"}))
    moved = c.ingestor.ingest([str(inputs)])
    assert (moved.changed, moved.unchanged) == (1, 3)
    assert {ch.url for ch in c.store.all_chunks() if ch.source == WILTSHIRE.name} == {WILTSHIRE_URL + "?v=2"}


@pytest.mark.integration
def test_documents_of_the_previous_pipeline_are_rechunked_once(tmp_path, monkeypatch):
    c = hash_components(tmp_path)
    monkeypatch.setattr(pipeline, "PIPELINE_VERSION", "2")
    c.ingestor.ingest([str(EXAMPLES / "report_0147.txt")])
    monkeypatch.undo()
    assert pipeline.PIPELINE_VERSION != "2"
    report = c.ingestor.ingest([str(EXAMPLES / "report_0147.txt")])
    assert report.changed == 1
    assert c.ingestor.ingest([str(EXAMPLES / "report_0147.txt")]).unchanged == 1


@pytest.mark.integration
def test_a_web_page_links_to_its_canonical_address_on_its_own_site_only(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    body = "<main><h1>Wirral Council: local authority assessment</h1><p>Published: 3 March 2025</p><p>The hub opened.</p></main>"
    (site / "own.html").write_text(f'<html><head><link rel="canonical" href="/reports/wirral"></head><body>{body}</body></html>')
    (site / "other.html").write_text(f'<html><head><link rel="canonical" href="https://elsewhere.example/x"></head><body>{body}</body></html>')
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        c = hash_components(tmp_path)
        report = c.ingestor.ingest([f"{base}/own.html", f"{base}/other.html"])
    finally:
        server.shutdown()
    assert not report.failures
    urls = {d.source: d.url for d in report.documents}
    assert urls == {f"{base}/own.html": f"{base}/reports/wirral", f"{base}/other.html": f"{base}/other.html"}
    assert {d.published for d in report.documents} == {"3 March 2025"}


# --- the CLI --------------------------------------------------------------------------------------


@pytest.mark.integration
def test_aqa_search_and_ask_show_source_cards(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(WILTSHIRE, inputs / WILTSHIRE.name)
    (inputs / f"{WILTSHIRE.name}.meta.json").write_text(json.dumps({"url": WILTSHIRE_URL}))
    hash_components(tmp_path).ingestor.ingest([str(inputs)])
    from rag import settings as settings_module

    monkeypatch.setenv("AQA_EMBEDDING_BACKEND", "hash")
    settings_module.get_settings.cache_clear()
    try:
        from aqa.cli import app

        data = ["--data-dir", str(tmp_path / "data")]
        card = f"Wiltshire Council: local authority assessment — Safeguarding — {WILTSHIRE_URL}"
        searched = CliRunner().invoke(app, ["search", "multi-agency safeguarding hub MASH", "-k", "1", *data])
        assert searched.exit_code == 0, searched.output
        assert card in searched.stdout.replace("\n", "")
        asked = CliRunner().invoke(app, ["ask", "What did Wiltshire's multi-agency safeguarding hub include?", *data])
        assert asked.exit_code == 0, asked.output
        assert f"[1] {card}" in asked.stdout.replace("\n", "")
        as_json = json.loads(CliRunner().invoke(app, ["ask", "What did Wiltshire's MASH include?", "--json", *data]).stdout)
        assert as_json["citations"][0]["url"] == WILTSHIRE_URL and as_json["citations"][0]["title"]
    finally:
        settings_module.get_settings.cache_clear()


# --- the API --------------------------------------------------------------------------------------


@pytest.mark.integration
def test_api_citations_carry_the_metadata_and_a_card_in_json_and_sse(api_url):
    body = httpx.post(f"{api_url}/v1/ask", json={"question": NORTHMERE_Q}, timeout=60).json()
    cite = body["citations"][0]
    assert cite["url"] == NORTHMERE_URL and cite["title"].startswith("Northmere City Council")
    assert cite["card"].endswith(NORTHMERE_URL) and cite["page"] == 0
    with httpx.stream("POST", f"{api_url}/v1/ask", json={"question": NORTHMERE_Q, "stream": True}, timeout=60) as r:
        events = [json.loads(line[5:]) for line in r.iter_lines() if line.startswith("data:")]
    assert events[0]["citations"][0]["card"] == cite["card"]
    assert events[-1]["citations"][0]["url"] == NORTHMERE_URL


@pytest.mark.integration
def test_chat_completions_content_ends_with_the_sources_unless_turned_off(api_url):
    url = f"{api_url}/v1/chat/completions"
    ask = {"model": "assessment-qa", "messages": [{"role": "user", "content": NORTHMERE_Q}]}
    content = httpx.post(url, json=ask, timeout=60).json()["choices"][0]["message"]["content"]
    answer, _, sources = content.partition("\n\nSources:\n")
    assert "Northmere Connect" in answer and "[1]" in answer
    assert sources.startswith("- [1] Northmere City Council: local authority assessment") and NORTHMERE_URL in sources

    off = httpx.post(url, json={**ask, "sources_in_content": False}, timeout=60).json()
    assert "Sources:" not in off["choices"][0]["message"]["content"] and off["citations"]

    # Streaming: the block is the last content, before the finish.
    with httpx.stream("POST", url, json={**ask, "stream": True}, timeout=60) as r:
        chunks = [json.loads(line[6:]) for line in r.iter_lines() if line.startswith("data: {")]
    contents = [c["choices"][0]["delta"].get("content") for c in chunks]
    assert contents[-2].startswith("\n\nSources:\n- [1] ") and chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert "".join(x or "" for x in contents) == content

    # Our own answer sent back as history does not bring its Sources block into the follow-up.
    follow = {"model": "assessment-qa", "messages": [
        {"role": "user", "content": NORTHMERE_Q}, {"role": "assistant", "content": content},
        {"role": "user", "content": "And Ashcombe Vale's Joint Discharge Hub, when did it launch?"}]}
    assert "March 2023" in httpx.post(url, json=follow, timeout=60).json()["choices"][0]["message"]["content"]


@pytest.mark.integration
def test_the_setting_turns_the_sources_block_off_by_default(loaded):
    with serving(app_over(loaded, sources_in_content=False)) as url:
        ask = {"model": "assessment-qa", "messages": [{"role": "user", "content": ASHCOMBE_Q}]}
        r = httpx.post(f"{url}/v1/chat/completions", json=ask, timeout=60).json()
        assert "Sources:" not in r["choices"][0]["message"]["content"]
        r = httpx.post(f"{url}/v1/chat/completions", json={**ask, "sources_in_content": True}, timeout=60).json()
        assert "\n\nSources:\n- [1] Ashcombe Vale Council" in r["choices"][0]["message"]["content"]


@pytest.mark.integration
def test_langchain_chat_openai_sees_the_sources_in_content(api_url):
    from langchain_openai import ChatOpenAI

    llm = ChatOpenAI(base_url=f"{api_url}/v1", api_key="unused", model="assessment-qa", max_retries=0, timeout=60)
    message = llm.invoke(ASHCOMBE_Q)
    assert "March 2023" in message.content
    assert "\n\nSources:\n- [1] Ashcombe Vale Council: local authority assessment" in message.content
    assert "report_0147.txt" in message.content
    streamed = "".join(str(part.content) for part in llm.stream(NORTHMERE_Q))
    assert "Sources:" in streamed and NORTHMERE_URL in streamed
