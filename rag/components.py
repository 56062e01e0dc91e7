"""The composition root: build every component once, from settings, and hand them out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlparse

from rag.embeddings import DEFAULT_BACKEND, Embedder, backend_of, build_embedder
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


def choose_backend(settings: Settings) -> str:
    """`AQA_EMBEDDING_BACKEND=auto`: the backend the store was built with (a store built with the
    torch embedder keeps working, with torch), else the default (ONNX int8, no torch). Any other
    setting is taken as it is: a store built with another backend then refuses it (ModelMismatch)."""
    if settings.embedding_backend != "auto":
        return settings.embedding_backend
    recorded = recorded_model(settings)
    return (backend_of(recorded, settings) if recorded else None) or DEFAULT_BACKEND


def recorded_model(settings: Settings) -> str | None:
    """The embedding model name the store records, without building an embedder (None: no store
    yet, or it cannot be read now: opening it says why)."""
    if not settings.chroma_url and not settings.chroma_dir.exists():
        return None
    try:
        import chromadb

        from rag.store import _MODEL_KEY

        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            client = chromadb.HttpClient(host=url.hostname or "localhost", port=url.port or (443 if url.scheme == "https" else 8000),
                                         ssl=url.scheme == "https")
        else:
            client = chromadb.PersistentClient(path=str(settings.chroma_dir))
        collection = client.get_collection(f"{settings.collection}_chunks", embedding_function=None)
        return (collection.metadata or {}).get(_MODEL_KEY)
    except Exception:  # noqa: BLE001 - open_store reports the store's problems properly
        return None
