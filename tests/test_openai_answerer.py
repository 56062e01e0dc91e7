"""The `openai` answerer against a real OpenAI-compatible server: llama.cpp's, serving SmolLM2.

SmolLM2-135M writes poor answers, which is the point here: whatever it writes reaches the user
only after the citation check, and what survives is supported by the passage it cites.
"""

from __future__ import annotations

import time

import httpx
import pytest

from rag.answer.chain import NOT_IN_REPORTS, Ask
from rag.answer.check import split_claims
from rag.answer.support import support
from tests.servers import llama_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]


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


def test_an_unanswerable_question_is_abstained_on_without_calling_for_an_invented_answer(chain):
    answer = chain.invoke(Ask("When did Sefton launch its Transfer of Care Hub?", llm="openai"))
    assert answer.abstained and answer.answer.startswith(NOT_IN_REPORTS)



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
