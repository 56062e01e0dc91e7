"""The vector store: chunks with their vectors and metadata, and each document's full text.

Chroma, embedded (`PersistentClient` in the data dir) or a `chroma run` server (`HttpClient`).
We always pass our own vectors: Chroma's default embedding function downloads a model.
"""

from __future__ import annotations

import functools
import os
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
from filelock import FileLock, Timeout

from rag.errors import ModelMismatch, NotFound, StoreBusy, StoreError, StoreUnavailable
from rag.models import Chunk, DocumentInfo
from rag.settings import Settings

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

_MODEL_KEY = "aqa_embedding_model"
_DIM_KEY = "aqa_dimension"
_GENERATION_ID = "__generation__"
_PAGE = 2000


class ChromaStore:
    def __init__(self, client: Any, prefix: str, model_name: str, dimension: int, lock_path: Path | None = None) -> None:
        self._client = client
        self.model_name = model_name
        self.lock_path = lock_path
        self._held: FileLock | None = None
        self._holders = 0
        self._thread_lock = threading.Lock()
        self._chunks = _Reachable(self._open(f"{prefix}_chunks", model_name, dimension))
        self._docs = _Reachable(client.get_or_create_collection(f"{prefix}_docs", embedding_function=None))
        self._max_batch = int(getattr(client, "get_max_batch_size", lambda: 5000)() or 5000)

    def _open(self, name: str, model_name: str, dimension: int) -> Any:
        existing = {c.name if hasattr(c, "name") else c for c in self._client.list_collections()}
        if name in existing:
            col = self._client.get_collection(name, embedding_function=None)
            built_with = (col.metadata or {}).get(_MODEL_KEY)
            if built_with != model_name:
                raise ModelMismatch(
                    f"The store was built with embedding model {built_with!r}, not {model_name!r}. "
                    f"Use that model (AQA_EMBEDDING_MODEL) or a new AQA_DATA_DIR / AQA_COLLECTION, and re-ingest."
                )
            return col
        return self._client.create_collection(
            name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={_MODEL_KEY: model_name, _DIM_KEY: dimension},
        )

    # --- writing (callers hold `writing()`) -------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Exclusive write access. Embedded stores are not made for several writer processes."""
        if self.lock_path is None:
            yield
            return
        if self._held is not None:  # this process owns the store (a server): serialise its threads
            with self._thread_lock:
                yield
            return
        lock = self._acquire()
        try:
            yield
        finally:
            lock.release()

    def hold(self) -> None:
        """Own the store while this process serves it (an API server), so no other process writes to it.

        Counted: two apps over one store in one process (tests) each hold and release it.
        """
        if self.lock_path is None:
            return
        if self._held is None:
            self._held = self._acquire()
        self._holders += 1

    def release(self) -> None:
        if self._held is None:
            return
        self._holders -= 1
        if self._holders == 0:
            self._held.release()
            self._held = None

    def _acquire(self) -> FileLock:
        assert self.lock_path is not None
        lock = FileLock(str(self.lock_path))
        try:
            lock.acquire(timeout=0)
        except Timeout as e:
            raise StoreBusy(
                f"The store in {self.lock_path.parent} is busy: another process (an API server or an ingest) "
                "is writing to it. Upload through the API (POST /v1/documents) or try again when it is done."
            ) from e
        return lock

    def upsert_chunks(self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]]) -> None:
        for i in range(0, len(chunks), self._max_batch):
            part = chunks[i : i + self._max_batch]
            self._chunks.upsert(
                ids=[c.id for c in part],
                embeddings=[list(e) for e in embeddings[i : i + self._max_batch]],
                documents=[c.text for c in part],
                metadatas=[c.metadata() for c in part],
            )

    def delete_chunks(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), self._max_batch):
            self._chunks.delete(ids=list(ids[i : i + self._max_batch]))

    def put_documents(self, docs: Sequence[tuple[DocumentInfo, str]]) -> None:
        """Document records (metadata and full text), in one write."""
        for i in range(0, len(docs), self._max_batch):
            part = docs[i : i + self._max_batch]
            self._docs.upsert(
                ids=[info.id for info, _ in part], embeddings=[[1.0]] * len(part), documents=[text for _, text in part],
                metadatas=[_meta(info) for info, _ in part],
            )

    def delete_document(self, document_id: str) -> int:
        """Remove a document and all its chunks; returns the number of chunks removed."""
        ids = self.chunk_ids_of(document_id)
        self.delete_chunks(ids)
        self._docs.delete(ids=[document_id])
        return len(ids)

    def bump_generation(self) -> None:
        """Tell every reader (other API workers too) that the chunk set changed."""
        self._docs.upsert(
            ids=[_GENERATION_ID], embeddings=[[1.0]], documents=[uuid.uuid4().hex], metadatas=[{"kind": "generation"}]
        )

    # --- reading --------------------------------------------------------------------------------

    def generation(self) -> str:
        got = self._docs.get(ids=[_GENERATION_ID], include=["documents"])
        return got["documents"][0] if got["ids"] else ""

    def chunk_ids_of(self, document_id: str) -> list[str]:
        return list(self._chunks.get(where={"document_id": document_id}, include=[])["ids"])

    def count(self) -> int:
        return int(self._chunks.count())

    def document(self, document_id: str) -> tuple[DocumentInfo, str]:
        got = self._docs.get(ids=[document_id], include=["documents", "metadatas"])
        if not got["ids"] or document_id == _GENERATION_ID:
            raise NotFound(f"No document with id {document_id!r}")
        return _info(got["ids"][0], got["metadatas"][0]), got["documents"][0]

    def find_document(self, document_id: str) -> DocumentInfo | None:
        got = self._docs.get(ids=[document_id], include=["metadatas"])
        return _info(got["ids"][0], got["metadatas"][0]) if got["ids"] else None

    def documents(self) -> list[DocumentInfo]:
        got = self._docs.get(include=["metadatas"])
        docs = [_info(i, m) for i, m in zip(got["ids"], got["metadatas"], strict=True) if i != _GENERATION_ID]
        return sorted(docs, key=lambda d: (d.authority, d.source))

    def all_chunks(self) -> Iterator[Chunk]:
        offset = 0
        while True:
            got = self._chunks.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                yield Chunk(id=cid, text=text, **meta)
            if len(got["ids"]) < _PAGE:
                return
            offset += _PAGE

    def nearest(self, embedding: Sequence[float], n: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Ids of the nearest chunks (HNSW) with their cosine similarity; n at most the chunk count."""
        if n <= 0:
            return []
        got = self._chunks.query(query_embeddings=[list(embedding)], n_results=n, where=where or None, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0], strict=True)]

    def nearest_among(self, embedding: Sequence[float], ids: Sequence[str], n: int) -> list[tuple[str, float]]:
        """Exact nearest chunks among the given ids. For a filter that leaves few chunks this is
        much faster than a filtered HNSW query (Chroma pre-filters through its metadata tables)."""
        if not ids or n <= 0:
            return []
        got = self._chunks.get(ids=list(ids), include=["embeddings"])
        sims = np.asarray(got["embeddings"], dtype=np.float32) @ np.asarray(embedding, dtype=np.float32)
        top = np.argsort(-sims, kind="stable")[:n]
        return [(got["ids"][i], float(sims[i])) for i in top]

class _Reachable:
    """A Chroma collection whose connection failures (a Chroma server down or restarting) are
    `StoreUnavailable`: a 503 to retry, not an internal error."""

    def __init__(self, collection: Any) -> None:
        self._collection = collection

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._collection, name)
        if not callable(attr):
            return attr

        @functools.wraps(attr)
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return attr(*args, **kwargs)
            except _connection_errors() as e:
                raise StoreUnavailable(f"The document store is not reachable just now ({type(e).__name__}); retry shortly.") from e

        return call


@functools.cache
def _connection_errors() -> tuple[type[BaseException], ...]:
    import httpx  # what chromadb's HttpClient speaks through

    return (httpx.TransportError, ConnectionError)


def _meta(info: DocumentInfo) -> dict[str, Any]:
    meta = info.model_dump(exclude={"id", "quality_statements", "scores", "warnings"})
    meta["quality_statements"] = "\n".join(info.quality_statements)
    meta["warnings"] = "\n".join(info.warnings)
    meta["scores"] = "\n".join(f"{k}={v}" for k, v in info.scores.items())
    return meta


def _info(doc_id: str, meta: dict[str, Any]) -> DocumentInfo:
    meta = dict(meta)
    statements = [s for s in str(meta.pop("quality_statements", "")).split("\n") if s]
    warnings = [w for w in str(meta.pop("warnings", "")).split("\n") if w]
    scores = {}
    for line in str(meta.pop("scores", "")).split("\n"):
        if "=" in line:
            k, v = line.rsplit("=", 1)
            scores[k] = int(v)
    meta.pop("kind", None)
    return DocumentInfo(id=doc_id, quality_statements=statements, scores=scores, warnings=warnings, **meta)


def open_store(settings: Settings, model_name: str, dimension: int) -> ChromaStore:
    import chromadb

    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            client = chromadb.HttpClient(
                host=url.hostname or "localhost",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
            )
            client.heartbeat()
            return ChromaStore(client, settings.collection, model_name, dimension)
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(settings.chroma_dir))
    except (ModelMismatch, StoreError):
        raise
    except Exception as e:
        where = settings.chroma_url or settings.chroma_dir
        raise StoreError(f"Cannot open the Chroma store at {where}: {e}") from e
    return ChromaStore(client, settings.collection, model_name, dimension, lock_path=settings.data_dir / ".write.lock")
