"""Contracts every store and every answerer keeps, run against the fakes (rag.testing) and the
real ones (Chroma, the extractive and structured answerers; the generative ones through a
queued-reply model here and a real llama.cpp server in test_openai_answerer.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES

from ingest.pipeline import Ingestor
from rag.answer.chain import NOT_IN_REPORTS, AnswerChain, Ask
from rag.gazetteer import load_gazetteer
from rag.prompts import Prompts
from rag.retrieval import Retriever
from rag.settings import Settings
from rag.store import open_store
from rag.testing import HashEmbedder, MemoryStore, QueuedChat

pytestmark = pytest.mark.unit
EMBEDDER = HashEmbedder()


def chroma(tmp: Path):
    return open_store(Settings(data_dir=tmp, _env_file=None), EMBEDDER.name, EMBEDDER.dimension)


@pytest.fixture(params=["memory", "chroma"])
def store(request, tmp_path):
    return MemoryStore(EMBEDDER.name) if request.param == "memory" else chroma(tmp_path)


def ingest(store, tmp_path, *names: str) -> Settings:
    settings = Settings(data_dir=tmp_path, _env_file=None, embedding_backend="hash")
    report = Ingestor(settings, EMBEDDER, store, load_gazetteer()).ingest([str(EXAMPLES / n) for n in names])
    assert not report.failures
    return settings


# --- stores ---------------------------------------------------------------------------------------


def test_a_store_keeps_chunks_documents_and_offsets(store, tmp_path):
    ingest(store, tmp_path, "report_0147.txt")
    (doc,) = store.documents()
    info, text = store.document(doc.id)
    chunks = list(store.all_chunks())
    assert len(chunks) == store.count() == info.chunks > 0
    assert all(text[c.start : c.end] == c.text for c in chunks)
    assert sorted(store.chunk_ids_of(doc.id)) == sorted(c.id for c in chunks)


def test_a_store_gives_chunks_by_id_and_skips_ids_it_does_not_hold(store, tmp_path):
    ingest(store, tmp_path, "report_0147.txt")
    chunks = sorted(store.all_chunks(), key=lambda c: c.id)[:3]
    got = store.get_chunks([chunks[2].id, "no-such-chunk", chunks[0].id])
    assert sorted(got, key=lambda c: c.id) == [chunks[0], chunks[2]]


def test_a_store_finds_nearest_chunks_with_and_without_filters(store, tmp_path):
    ingest(store, tmp_path, "report_0147.txt", "doc_38a1c2.txt")
    query = EMBEDDER.embed_query("Joint Discharge Hub launched")
    anywhere = store.nearest(query, 5)
    assert len(anywhere) == 5 and anywhere == sorted(anywhere, key=lambda x: -x[1])
    only = store.nearest(query, 5, {"authority": {"$in": ["Lowbridge and Fenn Council"]}})
    by_id = {c.id: c for c in store.all_chunks()}
    assert only and {by_id[cid].authority for cid, _ in only} == {"Lowbridge and Fenn Council"}
    among = store.nearest_among(query, [cid for cid, _ in anywhere[:3]], 2)
    assert [cid for cid, _ in among] == [cid for cid, _ in anywhere[:2]]
    ids, vectors = store.vectors([cid for cid, _ in anywhere[:3]] + ["no-such-chunk"])
    assert sorted(ids) == sorted(cid for cid, _ in anywhere[:3]) and vectors.shape[0] == 3


def test_a_store_deletes_a_document_with_its_chunks_and_moves_its_generation(store, tmp_path):
    ingest(store, tmp_path, "report_0147.txt")
    before = store.generation()
    (doc,) = store.documents()
    with store.writing():
        removed = store.delete_document(doc.id)
        store.bump_generation()
    assert removed > 0 and store.count() == 0 and store.documents() == []
    assert store.find_document(doc.id) is None and store.generation() != before


# --- answerers ------------------------------------------------------------------------------------

DRAFT = "The local authority launched its Joint Discharge Hub in March 2023 [1]."


@pytest.fixture(params=["extractive", "openai"])
def answerer(request, tmp_path):
    """A chain over the sample's twin reports, answering with the named answerer (a generative one
    through a queued-reply model)."""
    store = MemoryStore(EMBEDDER.name)
    settings = ingest(store, tmp_path, "report_0147.txt", "doc_38a1c2.txt")
    settings = settings.model_copy(update={"llm": request.param, "llm_base_url": "http://127.0.0.1:9"})
    chain = AnswerChain(Retriever(store, EMBEDDER, load_gazetteer(), settings), settings, Prompts())
    chain._chat["openai"] = QueuedChat(DRAFT, DRAFT, DRAFT)
    return chain, store


def test_an_answer_cites_verbatim_passages_of_the_named_authority(answerer):
    chain, store = answerer
    answer = chain.invoke(Ask("When was Ashcombe Vale's Joint Discharge Hub launched?"))
    assert not answer.abstained and "March 2023" in answer.answer
    for c in answer.citations:
        assert c.authority == "Ashcombe Vale Council"
        assert store.document(c.document_id)[1][c.start : c.end] == c.quote


def test_an_answerer_abstains_for_an_authority_not_ingested(answerer):
    chain, _ = answerer
    answer = chain.invoke(Ask("When did Manchester launch its hub?"))
    assert answer.abstained and answer.answer.startswith(NOT_IN_REPORTS) and not answer.citations


def test_scores_come_from_the_facts_whichever_answerer_is_asked(answerer):
    chain, _ = answerer
    answer = chain.invoke(Ask("What did Lowbridge and Fenn score for partnerships and communities?"))
    assert answer.answerer == "structured" and answer.citations[0].section == "Score"


def test_streamed_events_end_with_the_same_checked_answer(answerer):
    chain, _ = answerer
    events = list(chain.events(Ask("When was Ashcombe Vale's Joint Discharge Hub launched?")))
    kinds = [k for k, _ in events]
    assert kinds[0] == "citations" and kinds[-1] == "done" and "token" in kinds
    done = events[-1][1]
    assert "March 2023" in done.answer and not done.abstained
