"""The HTTP API, through a real uvicorn server on a loopback port, with real clients."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest
from httpx_sse import connect_sse
from openai import OpenAI

from aqa.components import build_components
from tests.conftest import EXAMPLES, app_over
from tests.servers import serving

pytestmark = pytest.mark.integration

ASHCOMBE_Q = "When did Ashcombe Vale launch its Joint Discharge Hub?"


def assert_error(r: httpx.Response, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and body["error"]["message"] and "Traceback" not in r.text
    if code:
        assert body["error"]["code"] == code
    return body


# --- operations -----------------------------------------------------------------------------------


def test_health_readiness_metrics_and_docs_answer(api_url):
    assert httpx.get(f"{api_url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{api_url}/readyz").json()
    assert ready["status"] == "ready" and ready["chunks"] > 100
    httpx.post(f"{api_url}/v1/search", json={"query": "carers"})
    metrics = httpx.get(f"{api_url}/metrics").text
    assert 'aqa_requests_total{method="POST",route="/v1/search",status="200"}' in metrics
    assert "text/html" in httpx.get(f"{api_url}/docs").headers["content-type"]
    paths = httpx.get(f"{api_url}/openapi.json").json()["paths"]
    assert {"/v1/ask", "/v1/search", "/v1/chat/completions", "/v1/models", "/v1/documents"} <= set(paths)


def test_unknown_routes_and_malformed_bodies_get_json_errors(api_url):
    assert_error(httpx.get(f"{api_url}/v1/nothing-here"), 404, "not_found")
    assert_error(httpx.post(f"{api_url}/v1/ask", content=b"{not json", headers={"content-type": "application/json"}), 422)
    assert_error(httpx.post(f"{api_url}/v1/ask", json={"question": ""}), 422, "invalid_request")
    assert_error(httpx.get(f"{api_url}/v1/documents/no-such-id"), 404, "not_found")


# --- answers --------------------------------------------------------------------------------------


def test_ask_returns_the_answer_with_citations_that_match_the_stored_text(api_url):
    r = httpx.post(f"{api_url}/v1/ask", json={"question": ASHCOMBE_Q}, timeout=60)
    body = r.json()
    assert r.status_code == 200 and "March 2023" in body["answer"] and not body["abstained"]
    assert {"answer", "abstained", "citations", "removed", "timings"} <= set(body)
    for c in body["citations"]:
        assert {"n", "chunk_id", "document_id", "source", "authority", "quality_statement", "section", "quote", "start", "end"} <= set(c)
        doc = httpx.get(f"{api_url}/v1/documents/{c['document_id']}").json()
        assert doc["text"][c["start"] : c["end"]] == c["quote"]
        assert doc["document"]["authority"] == c["authority"] == "Ashcombe Vale Council"


def test_ask_says_how_it_read_a_word_typed_with_a_slip(api_url):
    body = httpx.post(f"{api_url}/v1/ask", json={"question": "What did Northmere score for partnerships and comunities?"}, timeout=60).json()
    assert body["read_as"] == {"comunities": "communities"} and "scored 1" in body["answer"]
    plain = httpx.post(f"{api_url}/v1/ask", json={"question": ASHCOMBE_Q}, timeout=60).json()
    assert plain["read_as"] == {}


def test_ask_abstains_plainly(api_url):
    body = httpx.post(f"{api_url}/v1/ask", json={"question": "What did Wirral score for safeguarding?"}, timeout=60).json()
    assert body["abstained"] and body["citations"] == []


def test_a_question_over_the_length_limit_is_refused(api_url):
    assert_error(httpx.post(f"{api_url}/v1/ask", json={"question": "why " * 1000}), 422, "bad_input")


def test_ask_streams_citations_tokens_then_the_checked_answer(api_url):
    with httpx.Client(timeout=60) as client, connect_sse(
        client, "POST", f"{api_url}/v1/ask", json={"question": ASHCOMBE_Q, "stream": True}
    ) as source:
        assert source.response.headers["content-type"].startswith("text/event-stream")
        events = [(e.event, json.loads(e.data)) for e in source.iter_sse()]
    kinds = [k for k, _ in events]
    assert kinds[0] == "citations" and kinds[-1] == "done" and kinds.count("token") >= 3
    done = events[-1][1]
    assert "".join(d["text"] for k, d in events if k == "token") == done["answer"]
    assert "March 2023" in done["answer"] and done["citations"] == events[0][1]["citations"]


def test_a_question_of_two_parts_streams_one_answer_to_both(api_url):
    question = "When was Ashcombe Vale's Joint Discharge Hub launched, and how many people were waiting for a Care Act assessment?"
    with httpx.Client(timeout=60) as client, connect_sse(
        client, "POST", f"{api_url}/v1/ask", json={"question": question, "stream": True}
    ) as source:
        events = [(e.event, json.loads(e.data)) for e in source.iter_sse()]
    done = events[-1][1]
    assert events[0][0] == "citations" and events[-1][0] == "done"
    assert "March 2023" in done["answer"] and "612" in done["answer"] and not done["abstained"]
    assert [c["n"] for c in done["citations"]] == list(range(1, len(done["citations"]) + 1))


def test_a_follow_up_uses_the_history_sent_with_it(api_url):
    first = httpx.post(f"{api_url}/v1/ask", json={"question": ASHCOMBE_Q}, timeout=60).json()
    history = [{"role": "user", "content": ASHCOMBE_Q}, {"role": "assistant", "content": first["answer"]}]
    body = httpx.post(f"{api_url}/v1/ask", json={"question": "And Lowbridge and Fenn?", "history": history}, timeout=60).json()
    assert "October 2023" in body["answer"] and "March 2023" not in body["answer"]


def test_search_returns_ranked_passages_with_offsets(api_url):
    body = httpx.post(f"{api_url}/v1/search", json={"query": "Joint Discharge Hub", "authorities": ["Lowbridge and Fenn"], "k": 3}).json()
    assert len(body["results"]) == 3 and body["filters"]["authority"] == ["Lowbridge and Fenn Council"]
    for hit in body["results"]:
        assert hit["authority"] == "Lowbridge and Fenn Council" and hit["end"] > hit["start"]
        assert {"chunk_id", "document_id", "source", "quality_statement", "section", "text", "rank_score", "score"} <= set(hit)


# --- OpenAI-compatible ----------------------------------------------------------------------------


def test_the_openai_client_lists_models_and_gets_answers_with_citations(api_url):
    client = OpenAI(base_url=f"{api_url}/v1", api_key="unused", max_retries=0)
    assert "assessment-qa" in [m.id for m in client.models.list().data]
    completion = client.chat.completions.create(model="assessment-qa", messages=[{"role": "user", "content": ASHCOMBE_Q}])
    assert "March 2023" in completion.choices[0].message.content
    citations = completion.model_extra["citations"]
    assert citations and citations[0]["source"] == "report_0147.txt" and "March 2023" in citations[0]["quote"]


def test_the_openai_client_streams_the_answer_and_keeps_the_citations(api_url):
    client = OpenAI(base_url=f"{api_url}/v1", api_key="unused", max_retries=0)
    stream = client.chat.completions.create(
        model="assessment-qa-extractive", stream=True,
        messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": ASHCOMBE_Q}],
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert "March 2023" in text and chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"][0]["authority"] == "Ashcombe Vale Council"


def test_an_unknown_model_name_is_a_clear_error(api_url):
    r = httpx.post(f"{api_url}/v1/chat/completions", json={"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]})
    assert "assessment-qa" in assert_error(r, 404)["error"]["message"]


# --- CORS, keys, limits ---------------------------------------------------------------------------


def test_cors_preflight_is_allowed_for_listed_origins_and_denied_for_others(api_url):
    ask = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,authorization"}
    ok = httpx.options(f"{api_url}/v1/ask", headers={"Origin": "http://allowed.example", **ask})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "http://allowed.example"
    denied = httpx.options(f"{api_url}/v1/ask", headers={"Origin": "http://evil.example", **ask})
    assert denied.status_code == 400 and "access-control-allow-origin" not in denied.headers


def test_keys_are_required_accepted_and_rejected_and_writes_need_an_admin_key(loaded):
    with serving(app_over(loaded, api_keys=["reader-key"], admin_keys=["admin-key"])) as url:
        search = {"query": "carers"}
        assert_error(httpx.post(f"{url}/v1/search", json=search), 401, "unauthorized")
        assert_error(httpx.post(f"{url}/v1/search", json=search, headers={"Authorization": "Bearer wrong"}), 401)
        assert httpx.post(f"{url}/v1/search", json=search, headers={"Authorization": "Bearer reader-key"}).status_code == 200
        assert httpx.post(f"{url}/v1/search", json=search, headers={"X-API-Key": "reader-key"}).status_code == 200
        assert httpx.post(f"{url}/v1/search", json=search, headers={"X-API-Key": "admin-key"}).status_code == 200
        delete = f"{url}/v1/documents/anything"
        assert_error(httpx.delete(delete, headers={"X-API-Key": "reader-key"}), 403, "forbidden")
        assert_error(httpx.delete(delete, headers={"X-API-Key": "admin-key"}), 404)  # allowed through, no such id
        assert httpx.get(f"{url}/healthz").status_code == 200  # liveness stays open


def test_an_oversized_body_is_refused_with_413(loaded):
    with serving(app_over(loaded, max_body_bytes=4000)) as url:
        r = httpx.post(f"{url}/v1/ask", json={"question": "x" * 5000})
        assert_error(r, 413, "too_large")
        files = {"files": ("big.txt", b"a" * 10_000, "text/plain")}
        assert_error(httpx.post(f"{url}/v1/documents", files=files), 413)


def test_callers_over_the_rate_limit_get_429_with_retry_after(loaded):
    with serving(app_over(loaded, rate_limit_per_minute=3)) as url:
        codes = [httpx.post(f"{url}/v1/search", json={"query": "carers"}).status_code for _ in range(3)]
        r = httpx.post(f"{url}/v1/search", json={"query": "carers"})
        assert codes == [200, 200, 200]
        assert_error(r, 429, "rate_limited")
        assert 1 <= int(r.headers["retry-after"]) <= 60


# --- documents ------------------------------------------------------------------------------------


@pytest.fixture
def small(settings, embedder):
    """A store of its own with two fictional reports, for tests that change it."""
    c = build_components(settings, embedder)
    c.ingestor.ingest([str(EXAMPLES / "report_0147.txt"), str(EXAMPLES / "doc_38a1c2.txt")])
    return c


def _state(url: str) -> tuple[list, int]:
    docs = httpx.get(f"{url}/v1/documents").json()["documents"]
    return sorted((d["id"], d["content_hash"]) for d in docs), httpx.get(f"{url}/readyz").json()["chunks"]


@pytest.mark.slow
def test_documents_are_uploaded_listed_read_and_deleted(small):
    with serving(app_over(small)) as url:
        assert len(httpx.get(f"{url}/v1/documents").json()["documents"]) == 2
        kestrel = EXAMPLES / "kestrel_bay_assessment.md"
        r = httpx.post(f"{url}/v1/documents", files={"files": (kestrel.name, kestrel.read_bytes(), "text/markdown")}, timeout=120)
        assert r.status_code == 201, r.text
        doc = r.json()["documents"][0]
        assert doc["authority"] == "Kestrel Bay Borough Council" and doc["source"] == kestrel.name
        got = httpx.get(f"{url}/v1/documents/{doc['id']}").json()
        assert got["document"]["id"] == doc["id"] and got["text"].startswith("#")
        answer = httpx.post(f"{url}/v1/ask", json={"question": "What did Kestrel Bay score for equity in experience and outcomes?"}, timeout=60).json()
        assert not answer["abstained"] and answer["citations"][0]["document_id"] == doc["id"]
        assert httpx.delete(f"{url}/v1/documents/{doc['id']}").json()["deleted"] == doc["id"]
        assert_error(httpx.get(f"{url}/v1/documents/{doc['id']}"), 404)
        assert len(httpx.get(f"{url}/v1/documents").json()["documents"]) == 2


@pytest.mark.parametrize(
    "name, data",
    [
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"),
        ("empty.txt", b""),
        ("binary.bin", bytes(range(256)) * 40),
    ],
)
def test_a_bad_upload_is_a_4xx_json_error_and_leaves_the_store_unchanged(small, name, data):
    with serving(app_over(small)) as url:
        before = _state(url)
        r = httpx.post(f"{url}/v1/documents", files={"files": (name, data, "application/octet-stream")}, timeout=60)
        assert_error(r, 422, "bad_input")
        assert name in r.json()["error"]["message"]
        assert _state(url) == before


def test_one_name_uploaded_twice_in_a_request_is_a_422_and_changes_nothing(small):
    """Found by fuzzing (bench/reliability.py): it was a 503 store_error from duplicate ids."""
    report = (EXAMPLES / "report_0147.txt").read_bytes()
    with serving(app_over(small)) as url:
        before = _state(url)
        files = [("files", ("files", report, "text/plain")), ("files", ("files", b"other text", "text/plain"))]
        r = httpx.post(f"{url}/v1/documents", files=files, timeout=60)
        assert "repeated: files" in assert_error(r, 422, "bad_input")["error"]["message"]
        assert _state(url) == before


@pytest.mark.slow
def test_past_the_queue_limit_requests_get_503_with_retry_after(small):
    """One model slot, no queue: while an upload is being embedded, a question is turned away."""
    with serving(app_over(small, max_concurrent_model_calls=1, max_queued_model_calls=0)) as url:
        corpus = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in sorted(EXAMPLES.iterdir())]
        upload = threading.Thread(target=lambda: httpx.post(f"{url}/v1/documents", files=corpus, timeout=300))
        upload.start()
        deadline = time.monotonic() + 30
        while "aqa_model_calls_inside 1.0" not in httpx.get(f"{url}/metrics").text:
            assert time.monotonic() < deadline, "the upload never took the model slot"
            time.sleep(0.02)
        r = httpx.post(f"{url}/v1/ask", json={"question": ASHCOMBE_Q})
        upload.join()
        assert_error(r, 503, "busy")
        assert int(r.headers["retry-after"]) >= 1
        assert httpx.post(f"{url}/v1/ask", json={"question": ASHCOMBE_Q}, timeout=60).status_code == 200
