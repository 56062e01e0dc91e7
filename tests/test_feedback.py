"""Request ids, feedback, the opt-in query log and `aqa feedback export`, through a real server."""

from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from httpx_sse import connect_sse
from typer.testing import CliRunner

from rag.evaluation import dataset
from rag.feedback import JsonlFile, Logs, export_cases
from tests.conftest import app_over
from tests.servers import serving

ASHCOMBE_Q = "When did Ashcombe Vale launch its Joint Discharge Hub?"
MANCHESTER_Q = "What did Manchester score for safeguarding?"
KEY = {"Authorization": "Bearer reader-key"}


# --- files ----------------------------------------------------------------------------------------


def _append_many(path: str, worker: int) -> None:
    log = JsonlFile(Path(path))
    for i in range(50):
        log.append({"worker": worker, "i": i, "text": "x" * 500})


@pytest.mark.unit
def test_appends_from_several_processes_and_threads_are_whole_lines(tmp_path):
    path = tmp_path / "f" / "log.jsonl"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_append_many, args=(str(path), w)) for w in range(3)]
    for p in procs:
        p.start()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda w: _append_many(str(path), w), range(10, 14)))
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    records = list(JsonlFile(path).read())
    assert len(records) == 7 * 50 == len(path.read_bytes().splitlines())
    assert {(r["worker"], r["i"]) for r in records} == {(w, i) for w in [0, 1, 2, 10, 11, 12, 13] for i in range(50)}


@pytest.mark.unit
def test_a_line_torn_by_a_crash_is_skipped_and_the_next_record_starts_on_its_own_line(tmp_path):
    log = JsonlFile(tmp_path / "log.jsonl")
    log.append({"n": 1})
    with log.path.open("ab") as f:
        f.write(b'{"n": 2, "half')  # killed mid-write
    log.append({"n": 3})
    assert [r["n"] for r in log.read()] == [1, 3]


@pytest.mark.unit
def test_the_query_log_is_pruned_by_age_and_is_off_unless_asked_for(tmp_path):
    old = (datetime.now(UTC) - timedelta(days=31)).isoformat()
    recent = (datetime.now(UTC) - timedelta(days=29)).isoformat()
    logs = Logs(tmp_path, query_log=True, query_log_days=30)
    for when, rid in ((old, "old"), (recent, "recent")):
        logs.queries.append({"time": when, "request_id": rid})
    assert logs.prune() == 1
    assert [r["request_id"] for r in logs.queries.read()] == ["recent"]
    off = Logs(tmp_path / "off")
    off.log_query({"request_id": "x"})
    assert not off.queries.path.exists()


@pytest.mark.unit
def test_export_joins_ratings_with_the_query_log_and_infers_abstention(tmp_path):
    logs = Logs(tmp_path, query_log=True)
    logs.queries.append({"time": "2026-01-01T00:00:00+00:00", "request_id": "a", "question": "Q a", "answer": "A", "abstained": False,
                         "history": [{"role": "user", "content": "before"}, {"role": "assistant", "content": "reply"}],
                         "filters": {"authorities": ["Wirral Council"]}, "citations": [{"n": 1, "source": "w.txt"}]})
    logs.queries.append({"time": "2026-01-01T00:00:00+00:00", "request_id": "b", "question": "Q b",
                         "answer": "The assessment reports do not say.", "abstained": True})
    logs.add_feedback({"request_id": "a", "rating": "up"})
    logs.add_feedback({"request_id": "a", "rating": "down", "reason": "Wirral is not in the reports; it should have abstained"})
    logs.add_feedback({"request_id": "b", "rating": "up"})
    logs.add_feedback({"request_id": "c", "rating": "down", "question": "Q c", "corrected_answer": "It opened in March 2023."})
    logs.add_feedback({"request_id": "d", "rating": "down"})  # no question anywhere
    got = export_cases(logs)
    assert got.skipped == ["d"]
    by_id = {c["id"]: c for c in got.cases}
    assert set(by_id) == {"fb-a", "fb-b", "fb-c"}
    a, b, c = by_id["fb-a"], by_id["fb-b"], by_id["fb-c"]
    assert (a["rating"], a["answerable"], a["filters"], len(a["history"]), a["cited"]) == (
        "down", False, {"authorities": ["Wirral Council"]}, 2, ["w.txt"])
    assert (b["answerable"], b["rating"]) == (False, "up")  # approved abstention
    assert (c["answerable"], c["reference"], c["kind"]) == (True, "It opened in March 2023.", "feedback")
    assert [x["id"] for x in export_cases(logs, "down").cases] == ["fb-a", "fb-c"]
    out = tmp_path / "cases.jsonl"
    out.write_text("".join(json.dumps(x) + "\n" for x in got.cases))
    assert [x.id for x in dataset.load(out)] == ["fb-a", "fb-b", "fb-c"]


# --- through a real server ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def logged(loaded, tmp_path_factory):
    """A server with keys on and the query log on, its feedback files in a folder of its own
    (seeded with a query-log line older than the retention, which start-up prunes)."""
    data = tmp_path_factory.mktemp("fbdata")
    stale = Logs(data / "feedback", query_log=True)
    stale.queries.append({"time": (datetime.now(UTC) - timedelta(days=40)).isoformat(), "request_id": "stale"})
    stale.queries.append({"time": (datetime.now(UTC) - timedelta(days=2)).isoformat(), "request_id": "kept"})
    app = app_over(loaded, data_dir=data, api_keys=["reader-key"], query_log=True, query_log_days=30,
                   rate_limit_per_minute=100_000)
    with serving(app) as url:
        yield url, data


@pytest.mark.integration
def test_every_response_has_a_request_id_and_a_sane_client_id_is_kept(logged):
    url, _ = logged
    mine = httpx.post(f"{url}/v1/ask", json={"question": ASHCOMBE_Q}, headers={**KEY, "X-Request-ID": "client-42.a:b"}, timeout=60)
    assert mine.headers["x-request-id"] == "client-42.a:b" == mine.json()["request_id"]
    fresh = httpx.post(f"{url}/v1/ask", json={"question": ASHCOMBE_Q}, headers={**KEY, "X-Request-ID": "bad id <script>"}, timeout=60)
    rid = fresh.headers["x-request-id"]
    assert rid != "bad id <script>" and len(rid) == 32 and fresh.json()["request_id"] == rid
    for r in (httpx.get(f"{url}/healthz"), httpx.post(f"{url}/v1/ask", json={"question": "x"}),  # 401
              httpx.get(f"{url}/v1/nothing", headers=KEY), httpx.options(f"{url}/v1/ask", headers={"X-Request-ID": "pre"})):
        assert r.headers.get("x-request-id"), (r.status_code, r.headers)
    assert httpx.get(f"{url}/healthz", headers={"X-Request-ID": "x" * 129}).headers["x-request-id"] != "x" * 129


@pytest.mark.integration
def test_ratings_are_stored_joined_with_the_query_log_and_exported_as_a_test_set(logged, tmp_path):
    url, data = logged
    # Start-up pruned the query log's stale line.
    ids = [r.get("request_id") for r in Logs(data / "feedback").queries.read()]
    assert "stale" not in ids and "kept" in ids

    answered = httpx.post(f"{url}/v1/ask", json={"question": ASHCOMBE_Q}, headers=KEY, timeout=60).json()
    with httpx.Client(timeout=60) as client, connect_sse(
        client, "POST", f"{url}/v1/ask", json={"question": MANCHESTER_Q, "stream": True}, headers=KEY
    ) as source:
        done = [json.loads(e.data) for e in source.iter_sse() if e.event == "done"][0]
    chat = httpx.post(f"{url}/v1/chat/completions", headers=KEY, timeout=60, json={
        "model": "assessment-qa", "messages": [{"role": "user", "content": "Which languages does Northmere's interpreting service cover?"}]})
    rid_ask, rid_sse, rid_chat = answered["request_id"], done["request_id"], chat.json()["request_id"]
    assert chat.headers["x-request-id"] == rid_chat and done["abstained"]

    # Every answer is in the query log, with its citations and latency.
    logged_q = {r["request_id"]: r for r in Logs(data / "feedback").queries.read()}
    first = logged_q[rid_ask]
    assert first["question"] == ASHCOMBE_Q and first["answer"] == answered["answer"] and first["latency_ms"] > 0
    assert first["citations"][0]["source"] == "report_0147.txt" and first["route"] == "/v1/ask"
    assert logged_q[rid_sse]["abstained"] is True and logged_q[rid_chat]["route"] == "/v1/chat/completions"

    post = lambda body, headers=KEY: httpx.post(f"{url}/v1/feedback", json=body, headers=headers, timeout=30)  # noqa: E731
    assert post({"request_id": rid_ask, "rating": "up"}, headers={}).status_code == 401  # a key, as for /v1/ask
    assert post({"request_id": rid_ask, "rating": "meh"}).status_code == 422
    assert post({"request_id": "not a token!", "rating": "up"}).status_code == 422
    ok = post({"request_id": rid_ask, "rating": "down", "reason": "Wrong month",
               "corrected_answer": "It launched in March 2023.", "answer": answered["answer"], "citations": answered["citations"]})
    assert ok.status_code == 201 and ok.json()["stored"] is True and ok.headers["x-request-id"]
    assert post({"request_id": rid_sse, "rating": "up", "reason": "Right to say it does not know"}).status_code == 201
    assert post({"request_id": rid_chat, "rating": "down", "reason": "It should have abstained"}).status_code == 201
    assert post({"request_id": "unlogged-1", "rating": "down", "question": "Who runs Wirral's hub?"}).status_code == 201

    stored = list(Logs(data / "feedback").feedback.read())
    assert [s["request_id"] for s in stored] == [rid_ask, rid_sse, rid_chat, "unlogged-1"]
    assert stored[0]["citations"][0]["source"] == "report_0147.txt" and stored[0]["caller"].startswith("key:")
    assert "reader-key" not in (data / "feedback" / "feedback.jsonl").read_text()

    from aqa.cli import app

    out = tmp_path / "feedback.jsonl"
    run = CliRunner().invoke(app, ["feedback", "export", "--out", str(out), "--data-dir", str(data)])
    assert run.exit_code == 0, run.output
    cases = {c.id: c for c in dataset.load(out)}  # the eval loader takes it as it is
    assert set(cases) == {f"fb-{rid_ask}", f"fb-{rid_sse}", f"fb-{rid_chat}", "fb-unlogged-1"}
    ask_case = cases[f"fb-{rid_ask}"]
    assert (ask_case.question, ask_case.answerable, ask_case.reference, ask_case.kind) == (
        ASHCOMBE_Q, True, "It launched in March 2023.", "feedback")
    assert cases[f"fb-{rid_sse}"].answerable is False  # a thumbs-up on an abstention
    assert cases[f"fb-{rid_chat}"].answerable is False  # "should have abstained"
    assert cases["fb-unlogged-1"].question == "Who runs Wirral's hub?"
    raw = {json.loads(line)["id"]: json.loads(line) for line in out.read_text().splitlines()}
    assert raw[f"fb-{rid_ask}"]["note"] == "Wrong month" and raw[f"fb-{rid_ask}"]["rating"] == "down"

    only_down = CliRunner().invoke(app, ["feedback", "export", "--only", "down", "--data-dir", str(data)])
    assert only_down.exit_code == 0
    down_ids = {json.loads(line)["id"] for line in only_down.stdout.splitlines() if line.startswith("{")}
    assert down_ids == {f"fb-{rid_ask}", f"fb-{rid_chat}", "fb-unlogged-1"}
    assert CliRunner().invoke(app, ["feedback", "export", "--only", "sideways", "--data-dir", str(data)]).exit_code != 0


@pytest.mark.integration
def test_concurrent_ratings_are_all_stored(logged):
    url, data = logged
    before = len(list(Logs(data / "feedback").feedback.read()))
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: httpx.post(f"{url}/v1/feedback", headers=KEY, timeout=30, json={
            "request_id": f"burst-{i}", "rating": "down" if i % 2 else "up", "reason": "r" * 300}).status_code, range(40)))
    assert codes == [201] * 40
    after = [r["request_id"] for r in Logs(data / "feedback").feedback.read()]
    assert len(after) == before + 40 and {f"burst-{i}" for i in range(40)} <= set(after)


@pytest.mark.integration
def test_the_query_log_is_off_by_default(api_url, loaded):
    r = httpx.post(f"{api_url}/v1/ask", json={"question": ASHCOMBE_Q}, timeout=60)
    assert r.json()["request_id"] == r.headers["x-request-id"]
    assert not (loaded.settings.data_dir / "feedback" / "queries.jsonl").exists()
