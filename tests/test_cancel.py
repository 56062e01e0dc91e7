"""A deadline stops work: a generation cancelled at its deadline stops at its next piece and
closes the model's stream (the HTTP call to the model ends with it)."""

from __future__ import annotations

import threading

import pytest
from conftest import EXAMPLES

from ingest.pipeline import Ingestor
from rag.answer.chain import AnswerChain, Ask
from rag.errors import ModelError
from rag.gazetteer import load_gazetteer
from rag.prompts import Prompts
from rag.retrieval import Retriever
from rag.settings import Settings
from rag.testing import HashEmbedder, MemoryStore

pytestmark = pytest.mark.unit


class SlowModel:
    name = "slow"

    def __init__(self, cancel: threading.Event, after: int) -> None:
        self.cancel, self.after, self.sent, self.closed = cancel, after, 0, False

    def stream(self, messages):
        try:
            while True:
                self.sent += 1
                if self.sent == self.after:
                    self.cancel.set()  # the caller's deadline passes while the model writes
                yield "word "
        finally:
            self.closed = True


def test_a_generation_cancelled_at_its_deadline_stops_and_closes_the_model_stream(tmp_path):
    embedder, store = HashEmbedder(), MemoryStore()
    settings = Settings(data_dir=tmp_path, _env_file=None, embedding_backend="hash", llm="openai", llm_base_url="http://127.0.0.1:9")
    Ingestor(settings, embedder, store, load_gazetteer()).ingest([str(EXAMPLES / "report_0147.txt")])
    chain = AnswerChain(Retriever(store, embedder, load_gazetteer(), settings), settings, Prompts())
    cancel = threading.Event()
    model = chain._chat["openai"] = SlowModel(cancel, after=3)
    with pytest.raises(ModelError, match="cancelled"):
        chain.invoke(Ask("When was Ashcombe Vale's Joint Discharge Hub launched?", cancel=cancel))
    assert model.closed and model.sent == 3  # the piece written past the deadline is the last
