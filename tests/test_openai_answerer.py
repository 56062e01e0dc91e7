"""The `openai` answerer against a real OpenAI-compatible server: llama.cpp's (the xllamacpp
wheel, `python -m rag.llama_server`), serving SmolLM2. And what a failing endpoint shows the user.

SmolLM2-135M writes poor answers, which is the point here: whatever it writes reaches the user
only after the citation check, and what survives is supported by the passage it cites.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from rag.answer.chain import NOT_IN_REPORTS, Ask
from rag.answer.check import split_claims
from rag.answer.support import support
from tests.servers import llama_server


def slow(test):  # noqa: ANN001, ANN201
    return pytest.mark.integration(pytest.mark.slow(test))


@pytest.fixture(scope="module")
def openai_url(tmp_path_factory):
    with llama_server(tmp_path_factory.mktemp("llama") / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def chain(loaded, openai_url):
    from rag.answer.chain import AnswerChain
    from rag.prompts import Prompts

    settings = loaded.settings.model_copy(update={"llm_base_url": openai_url, "llm_model": "smollm2", "llm_max_tokens": 120})
    return AnswerChain(loaded.retriever, settings, Prompts())


@slow
def test_the_server_writes_a_draft_and_the_user_gets_a_checked_answer(loaded, chain):
    question = "When did Wirral launch its Transfer of Care Hub?"
    hits = loaded.retriever.search(question, k=4).results
    draft = "".join(chain.chat_model("openai").stream(chain.messages(question, hits)))
    assert draft.strip(), "the model wrote nothing"

    answer = chain.invoke(Ask(question, llm="openai"))
    assert answer.answerer.startswith("openai:smollm2")
    assert answer.timings["generate_ms"] > 0
    assert not answer.abstained and answer.citations
    # Every sentence that reached the user is supported by a passage it cites, quoted verbatim.
    by_n = {c.n: c for c in answer.citations}
    for claim in split_claims(answer.answer):
        assert claim.cites and any(support(claim.text, by_n[n].quote).supported for n in claim.cites), claim
    for c in answer.citations:
        _, text = loaded.store.document(c.document_id)
        assert text[c.start : c.end] == c.quote
    if "fell back" in answer.answerer:  # nothing the model wrote survived: the removals say why
        assert answer.removed and "July 2023" in answer.answer


@slow
def test_an_unanswerable_question_is_abstained_on_without_calling_for_an_invented_answer(chain):
    answer = chain.invoke(Ask("When did Sefton launch its Transfer of Care Hub?", llm="openai"))
    assert answer.abstained and answer.answer.startswith(NOT_IN_REPORTS)


@slow
def test_a_streamed_answer_sends_passages_then_the_draft_then_the_checked_answer(loaded, chain):
    question = "When did Wirral launch its Transfer of Care Hub?"
    events = list(chain.events(Ask(question, llm="openai")))
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "citations" and kinds[-1] == "done" and set(kinds[1:-1]) == {"token"}
    passages, done = events[0][1], events[-1][1]
    assert [c.n for c in passages] == list(range(1, len(passages) + 1))
    assert "".join(piece for kind, piece in events if kind == "token").strip()
    assert done.answer == chain.invoke(Ask(question, llm="openai")).answer  # temperature 0: the same draft
    assert done.timings["first_token_ms"] <= done.timings["generate_ms"]


LONG_QUESTION = "Describe in detail everything the reports say about unpaid carers in Telford and Wrekin."


@slow
def test_a_client_that_disconnects_stops_its_generation(loaded, openai_url):
    from httpx_sse import connect_sse

    from tests.conftest import app_over
    from tests.servers import serving

    app = app_over(loaded, llm_base_url=openai_url, llm_model="smollm2", llm_max_tokens=600)
    body = {"question": LONG_QUESTION, "llm": "openai", "stream": True}
    with serving(app) as url, httpx.Client(timeout=120) as client:
        with connect_sse(client, "POST", f"{url}/v1/ask", json=body) as source:
            tokens = sum(e.event == "token" for e in source.iter_sse())
        assert tokens >= 40, f"the model wrote only {tokens} pieces: too short to show a stop"
        with connect_sse(client, "POST", f"{url}/v1/ask", json=body) as source:
            next(e for e in source.iter_sse() if e.event == "token")  # the first piece, then hang up
        deadline = time.monotonic() + 30
        while "aqa_generations_cancelled_total 1.0" not in client.get(f"{url}/metrics").text:
            assert time.monotonic() < deadline, "the generation was not stopped"
            time.sleep(0.1)


# --- a failing endpoint: the user gets a short reason, never the endpoint's address -----------------


@contextmanager
def raw_server(reply: bytes | None) -> Iterator[tuple[str, list[int]]]:
    """A loopback socket that answers every connection with `reply` (None: never answers)."""
    sock = socket.create_server(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    accepted: list[int] = []
    conns: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            accepted.append(1)
            conns.append(conn)
            if reply is not None:
                conn.recv(65536)
                conn.sendall(reply)
                conn.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/internal/v1", accepted
    finally:
        sock.close()
        for c in conns:
            c.close()


def failure(tmp_path, base_url: str, **kw) -> str:  # noqa: ANN001
    from rag.answer.llm import OpenAIChat
    from rag.errors import ModelError
    from rag.settings import Settings

    settings = Settings(data_dir=tmp_path, _env_file=None, llm_base_url=base_url, llm_model="m", **kw)
    with pytest.raises(ModelError) as err:
        list(OpenAIChat(settings).stream([{"role": "user", "content": "hello"}]))
    message = str(err.value)
    assert message.startswith("The answering model failed: ")
    port = base_url.rsplit(":", 1)[1].split("/")[0]
    for leak in ("http", "127.0.0.1", "localhost", port, "internal"):
        assert leak not in message, (leak, message)
    return message


@pytest.mark.unit
def test_an_unreachable_endpoint_is_reported_without_its_address(tmp_path):
    with raw_server(b"") as (url, _):
        pass  # closed again: nothing listens on the port
    assert "could not be reached" in failure(tmp_path, url)


@pytest.mark.unit
def test_an_error_status_is_reported_without_the_body_or_address(tmp_path):
    body = b'{"error": {"message": "upstream http://127.0.0.1:9/internal exploded"}}'
    reply = b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)
    with raw_server(reply) as (url, accepted):
        message = failure(tmp_path, url)
    assert "HTTP 500" in message and "exploded" not in message
    assert len(accepted) == 1, "the client retried a failed call"


@pytest.mark.unit
def test_a_hung_endpoint_times_out_once_without_a_retry(tmp_path):
    with raw_server(None) as (url, accepted):
        t = time.monotonic()
        message = failure(tmp_path, url, llm_timeout=1.0)
        elapsed = time.monotonic() - t
    assert "no answer within 1 s" in message
    assert len(accepted) == 1 and elapsed < 5, f"{len(accepted)} calls in {elapsed:.1f} s: the client retried"
