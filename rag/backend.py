"""Which embedding backend opens a store: the one it was built with (read from the store without
building an embedder), else the default. Used by the composition root and by `aqa doctor`."""

from __future__ import annotations

from urllib.parse import urlparse

from rag.embeddings import DEFAULT_BACKEND, backend_of
from rag.settings import Settings


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
