"""The composition root: build every component once, from settings, and hand them out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rag.embeddings import Embedder, build_embedder
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
    embedder = embedder or build_embedder(settings)
    store = open_store(settings, embedder.name, embedder.dimension)
    return Components(settings, embedder, store, load_gazetteer())
