"""Small fakes for fast tests of logic: a deterministic embedder, a queued-reply chat model and an
in-memory store. Every feature is also tested through the real parts; tests/test_contracts.py
holds the fakes and the real ones to the same contracts."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from rag.embeddings import HashEmbedder
from rag.errors import NotFound
from rag.models import Chunk, DocumentInfo

__all__ = ["HashEmbedder", "MemoryStore", "QueuedChat"]


class QueuedChat:
    """A chat model that replies with queued texts, in order, and records what it was sent."""

    def __init__(self, *replies: str, name: str = "queued") -> None:
        self.name = name
        self.replies = list(replies)
        self.calls: list[list[dict[str, str]]] = []

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        self.calls.append(messages)
        reply = self.replies.pop(0) if self.replies else "The reports do not say."
        for word in reply.split(" "):
            yield word + " "


class MemoryStore:
    """The store's methods over dictionaries: same behaviour as ChromaStore, nothing on disk."""

    local = None  # no files of its own: nothing on disk to check or recover

    def __init__(self, model_name: str = "hash-384") -> None:
        self.model_name = model_name
        self._chunks: dict[str, tuple[Chunk, np.ndarray]] = {}
        self._docs: dict[str, tuple[DocumentInfo, str]] = {}
        self._generation = ""
        self._lock = threading.RLock()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._lock:
            yield

    def hold(self) -> None:
        pass

    def release(self) -> None:
        pass

    def upsert_chunks(self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]]) -> None:
        for c, e in zip(chunks, embeddings, strict=True):
            self._chunks[c.id] = (c, np.asarray(e, dtype=np.float32))

    def delete_chunks(self, ids: Sequence[str]) -> None:
        for i in ids:
            self._chunks.pop(i, None)

    def put_documents(self, docs: Sequence[tuple[DocumentInfo, str]]) -> None:
        for info, text in docs:
            self._docs[info.id] = (info, text)

    def delete_document(self, document_id: str) -> int:
        ids = self.chunk_ids_of(document_id)
        self.delete_chunks(ids)
        self._docs.pop(document_id, None)
        return len(ids)

    def bump_generation(self) -> None:
        self._generation = uuid.uuid4().hex

    def generation(self) -> str:
        return self._generation

    def chunk_ids_of(self, document_id: str) -> list[str]:
        return [cid for cid, (c, _) in self._chunks.items() if c.document_id == document_id]

    def count(self) -> int:
        return len(self._chunks)

    def index_bytes(self) -> int:
        return 0

    def document(self, document_id: str) -> tuple[DocumentInfo, str]:
        if document_id not in self._docs:
            raise NotFound(f"No document with id {document_id!r}")
        return self._docs[document_id]

    def find_document(self, document_id: str) -> DocumentInfo | None:
        return self._docs[document_id][0] if document_id in self._docs else None

    def documents(self) -> list[DocumentInfo]:
        return sorted((d for d, _ in self._docs.values()), key=lambda d: (d.authority, d.source))

    def all_chunks(self) -> Iterator[Chunk]:
        yield from (c for c, _ in list(self._chunks.values()))

    def get_chunks(self, ids: Sequence[str]) -> list[Chunk]:
        return [self._chunks[i][0] for i in ids if i in self._chunks]

    def nearest(self, embedding: Sequence[float], n: int, where: dict | None = None) -> list[tuple[str, float]]:
        ids = [cid for cid, (c, _) in self._chunks.items() if _matches(c, where)]
        return self.nearest_among(embedding, ids, n)

    def vectors(self, ids: Sequence[str]) -> tuple[list[str], np.ndarray]:
        held = [cid for cid in ids if cid in self._chunks]
        if not held:
            return [], np.zeros((0, 0), dtype=np.float32)
        return held, np.stack([np.asarray(self._chunks[cid][1], dtype=np.float32) for cid in held])

    def nearest_among(self, embedding: Sequence[float], ids: Sequence[str], n: int) -> list[tuple[str, float]]:
        if not ids or n <= 0:
            return []
        q = np.asarray(embedding, dtype=np.float32)
        sims = [(cid, float(self._chunks[cid][1] @ q)) for cid in ids if cid in self._chunks]
        return sorted(sims, key=lambda x: (-x[1], x[0]))[:n]


def _matches(chunk: Chunk, where: dict | None) -> bool:
    """Chroma's `where` as the retriever writes it: {"field": {"$in": [...]}} and {"$and": [...]}."""
    if not where:
        return True
    if "$and" in where:
        return all(_matches(chunk, w) for w in where["$and"])
    (field, cond), = where.items()
    value = getattr(chunk, field)
    return value in cond["$in"] if isinstance(cond, dict) else value == cond
