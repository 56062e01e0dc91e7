"""Issue 12, API: bounded requests (history, lists, strings; chunked bodies), an answerer that is
not configured or not reachable, wrong keys rate-limited per address, evaluations that need an
admin key and can be cancelled."""

from __future__ import annotations

import json
import re
import socket
import threading
import time

import httpx
import pytest
from httpx_sse import connect_sse

from api.limits import RateLimiter
from tests.conftest import app_over
from tests.servers import free_port, serving
from tests.test_api import ASHCOMBE_Q, assert_error

pytestmark = pytest.mark.integration


# --- 3. request limits ---------------------------------------------------------------------------


def turns(n: int, chars: int) -> list[dict[str, str]]:
    return [{"role": "user" if i % 2 == 0 else "assistant", "content": "x" * chars} for i in range(n)]


def test_history_is_limited_in_turns_and_characters(api_url):
    ask = f"{api_url}/v1/ask"
    ok = httpx.post(ask, json={"question": ASHCOMBE_Q, "history": turns(20, 300)}, timeout=60)
    assert ok.status_code == 200, ok.text
    msg = assert_error(httpx.post(ask, json={"question": ASHCOMBE_Q, "history": turns(21, 10)}), 422)["error"]["message"]
    assert "AQA_MAX_HISTORY_TURNS" in msg
    msg = assert_error(httpx.post(ask, json={"question": ASHCOMBE_Q, "history": turns(1, 2001)}), 422)["error"]["message"]
    assert "per turn" in msg
    msg = assert_error(httpx.post(ask, json={"question": ASHCOMBE_Q, "history": turns(5, 1700)}), 422)["error"]["message"]
    assert "AQA_MAX_HISTORY_CHARS" in msg


def test_chat_completions_history_is_limited_too_and_content_parts_are_no_500(api_url):
    url = f"{api_url}/v1/chat/completions"
    messages = turns(21, 10) + [{"role": "user", "content": ASHCOMBE_Q}]
    assert "AQA_MAX_HISTORY_TURNS" in assert_error(httpx.post(url, json={"model": "assessment-qa", "messages": messages}), 422)["error"]["message"]
    parts = [{"type": "text", "text": "y" * 60_000}, {"type": "text", "text": "y" * 60_000}]
    r = httpx.post(url, json={"model": "assessment-qa", "messages": [{"role": "user", "content": parts}]})
    assert_error(r, 422)
    too_many = [{"role": "user", "content": "hi"}] * 201
    assert_error(httpx.post(url, json={"model": "assessment-qa", "messages": too_many}), 422, "invalid_request")


@pytest.mark.parametrize(
    "path, body",
    [
        ("/v1/ask", {"question": "carers", "authorities": ["Wirral"] * 51}),
        ("/v1/ask", {"question": "carers", "statements": ["x" * 201]}),
        ("/v1/search", {"query": "carers", "authorities": ["a" * 201]}),
        ("/v1/search", {"query": "q" * 100_001}),
        ("/v1/chat/completions", {"model": "m" * 201, "messages": [{"role": "user", "content": "hi"}]}),
        ("/v1/evaluations", {"cases": [], "name": "n" * 201}),
    ],
)
def test_every_list_and_string_field_is_bounded(api_url, path, body):
    assert_error(httpx.post(f"{api_url}{path}", json=body, timeout=60), 422, "invalid_request")


def test_an_over_limit_chunked_body_is_413_not_400(loaded):
    with serving(app_over(loaded, max_body_bytes=4000)) as url:
        def body():
            for _ in range(10):
                yield b" " * 1000  # white space: valid JSON once the object is closed
            yield json.dumps({"question": ASHCOMBE_Q}).encode()

        r = httpx.post(f"{url}/v1/ask", content=body(), headers={"content-type": "application/json"})
        assert "content-length" not in r.request.headers
        assert_error(r, 413, "too_large")
        def upload():  # a well-formed multipart start, so only the size can stop it (not a parse error)
            yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
            for _ in range(10):
                yield b"x" * 1000

        files = httpx.post(f"{url}/v1/documents", content=upload(), headers={"content-type": "multipart/form-data; boundary=b"})
        assert_error(files, 413, "too_large")
        small = httpx.post(f"{url}/v1/search", content=iter([json.dumps({"query": "carers"}).encode()]),
                           headers={"content-type": "application/json"})
        assert small.status_code == 200, small.text


# --- 5. answerer not configured or not reachable -------------------------------------------------


def test_an_openai_answer_on_a_server_without_an_llm_is_a_422_naming_the_setting(api_url):
    r = httpx.post(f"{api_url}/v1/ask", json={"question": ASHCOMBE_Q, "llm": "openai"}, timeout=60)
    assert "AQA_LLM_BASE_URL" in assert_error(r, 422, "answerer_unavailable")["error"]["message"]
    r = httpx.post(f"{api_url}/v1/ask", json={"question": ASHCOMBE_Q, "llm": "openai", "stream": True}, timeout=60)
    assert_error(r, 422, "answerer_unavailable")


_REQUEST_ID = re.compile(r'"request_id"\s*:\s*"[0-9a-f]+"')


def _no_internal_address(text: str, port: int) -> None:
    # (a request id is random hex: it may hold the port's digits by chance, and is no address)
    shown = _REQUEST_ID.sub("", text)
    assert str(port) not in shown and "127.0.0.1" not in shown, text


def test_an_unreachable_llm_gives_the_extractive_answer_marked_degraded(loaded):
    port = free_port()  # nothing listens there
    with serving(app_over(loaded, llm_base_url=f"http://127.0.0.1:{port}/v1", llm_timeout=10)) as url:
        r = httpx.post(f"{url}/v1/ask", json={"question": ASHCOMBE_Q, "llm": "openai"}, timeout=60)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["degraded"] is True and "March 2023" in body["answer"] and body["citations"]
        _no_internal_address(r.text, port)

        normal = httpx.post(f"{url}/v1/ask", json={"question": ASHCOMBE_Q}, timeout=60).json()
        assert normal["degraded"] is False

        with httpx.Client(timeout=60) as client, connect_sse(
            client, "POST", f"{url}/v1/ask", json={"question": ASHCOMBE_Q, "llm": "openai", "stream": True}
        ) as source:
            events = [(e.event, json.loads(e.data)) for e in source.iter_sse()]
        assert events[-1][0] == "done", events
        assert events[-1][1]["degraded"] is True and "March 2023" in events[-1][1]["answer"]
        _no_internal_address(json.dumps(events), port)

        chat = httpx.post(f"{url}/v1/chat/completions", timeout=60, json={
            "model": "assessment-qa-openai", "messages": [{"role": "user", "content": ASHCOMBE_Q}]})
        assert chat.status_code == 200, chat.text
        assert chat.json()["degraded"] is True and "March 2023" in chat.json()["choices"][0]["message"]["content"]
        _no_internal_address(chat.text, port)


def test_an_llm_that_never_answers_gives_the_degraded_answer_after_the_timeout(loaded):
    """A server that accepts the connection and then says nothing."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    try:
        with serving(app_over(loaded, llm_base_url=f"http://127.0.0.1:{port}/v1", llm_timeout=2)) as url:
            started = time.monotonic()
            r = httpx.post(f"{url}/v1/ask", json={"question": ASHCOMBE_Q, "llm": "openai"}, timeout=60)
            assert r.status_code == 200, r.text
            assert r.json()["degraded"] is True and "March 2023" in r.json()["answer"]
            assert time.monotonic() - started < 15
            _no_internal_address(r.text, port)
    finally:
        listener.close()


# --- 6. wrong keys, the rate limiter's lock, evaluations ----------------------------------------


def test_wrong_keys_are_rate_limited_per_client_address(loaded):
    with serving(app_over(loaded, api_keys=["good-key"], auth_failures_per_minute=5)) as url:
        search = f"{url}/v1/search"
        for i in range(5):
            assert_error(httpx.post(search, json={"query": "carers"}, headers={"X-API-Key": f"guess-{i}"}), 401)
        r = httpx.post(search, json={"query": "carers"}, headers={"X-API-Key": "guess-5"})
        assert_error(r, 429, "rate_limited")
        assert 1 <= int(r.headers["retry-after"]) <= 60
        # Past the limit the address is refused outright, even with a good key ...
        assert_error(httpx.post(search, json={"query": "carers"}, headers={"X-API-Key": "good-key"}), 429)
        # ... while another address is not.
        other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"))
        assert other.post(search, json={"query": "carers"}, headers={"X-API-Key": "good-key"}).status_code == 200


@pytest.mark.unit
def test_the_rate_limiter_counts_exactly_under_threads():
    limiter = RateLimiter(per_minute=500)
    accepted, refused = [], []
    start = threading.Barrier(8)

    def hammer(n: int) -> None:
        start.wait()
        for i in range(200):
            try:
                limiter.check("shared")
                accepted.append(1)
            except Exception:
                refused.append(1)
            limiter.check(f"own-{n}-{i % 50}") if i % 4 == 0 else None

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(accepted) == 500 and len(refused) == 8 * 200 - 500


CASES = [{"id": f"c{i}", "question": ASHCOMBE_Q, "answerable": True, "facts": [["March 2023"]]} for i in range(400)]


def test_evaluations_need_an_admin_key_and_a_running_one_can_be_cancelled(loaded):
    with serving(app_over(loaded, api_keys=["reader"], admin_keys=["admin"])) as url:
        reader, admin = {"X-API-Key": "reader"}, {"X-API-Key": "admin"}
        assert_error(httpx.post(f"{url}/v1/evaluations", json={"cases": CASES[:2]}, headers=reader), 403, "forbidden")
        r = httpx.post(f"{url}/v1/evaluations", json={"cases": CASES}, headers=admin, timeout=60)
        assert r.status_code == 202, r.text
        job = r.json()["id"]
        deadline = time.monotonic() + 60
        while httpx.get(f"{url}/v1/evaluations/{job}", headers=reader).json()["progress"]["done"] < 2:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert_error(httpx.delete(f"{url}/v1/evaluations/{job}", headers=reader), 403)
        cancel = httpx.delete(f"{url}/v1/evaluations/{job}", headers=admin)
        assert cancel.status_code == 202 and cancel.json()["status"] in ("cancelling", "cancelled")
        while (view := httpx.get(f"{url}/v1/evaluations/{job}", headers=reader).json())["status"] == "cancelling":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert view["status"] == "cancelled" and view["progress"]["done"] < len(CASES) and "results" not in view
        # The server is free for the next one, and a finished job can be forgotten.
        again = httpx.post(f"{url}/v1/evaluations", json={"cases": CASES[:1]}, headers=admin, timeout=60)
        assert again.status_code == 202, again.text
        while httpx.get(f"{url}/v1/evaluations/{again.json()['id']}", headers=reader).json()["status"] != "done":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert httpx.delete(f"{url}/v1/evaluations/{job}", headers=admin).json() == {"deleted": job, "status": "cancelled"}
        assert_error(httpx.get(f"{url}/v1/evaluations/{job}", headers=reader), 404)
