"""The composition root: build every component once, from settings, and hand them out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rag.backend import choose_backend, recorded_model  # noqa: F401 - part of this module's interface
from rag.embeddings import Embedder, build_embedder
from rag.errors import ModelMismatch
from rag.gazetteer import Gazetteer, load_gazetteer
from rag.retrieval import Retriever
from rag.settings import Settings
from rag.store import ChromaStore, open_store


@dataclass
class Components:
    settings: Settings
    embedder: Embedder
    store: ChromaStore
    gazetteer: Gazetteer

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.store, self.embedder, self.gazetteer, self.settings)

    @cached_property
    def ingestor(self):  # noqa: ANN201 - ingest depends on rag, not the other way round
        from ingest.pipeline import Ingestor

        return Ingestor(self.settings, self.embedder, self.store, self.gazetteer)

    @cached_property
    def answerer(self):  # noqa: ANN201
        from rag.answer.chain import build_chain

        return build_chain(self)


def build_components(settings: Settings, embedder: Embedder | None = None) -> Components:
    embedder = embedder or build_embedder(settings, choose_backend(settings))
    try:
        store = open_store(settings, embedder.name, embedder.dimension)
    except ModelMismatch as e:  # name the setting that chose this embedder
        raise ModelMismatch(f"{e} AQA_EMBEDDING_BACKEND is {settings.embedding_backend!r}: `auto` uses the store's own.") from None
    return Components(settings, embedder, store, load_gazetteer())
