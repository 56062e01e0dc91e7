"""Lexical retrieval: BM25 (bm25s) over every chunk's header and text, kept in memory."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import bm25s
import numpy as np

from rag.models import Chunk
from rag.text import terms


def tokens(text: str) -> list[str]:
    return terms(text)


class LexicalIndex:
    def __init__(self, chunks: Iterable[Chunk]) -> None:
        self.chunks: list[Chunk] = list(chunks)
        self._retriever: bm25s.BM25 | None = None
        self.by_id: dict[str, Chunk] = {c.id: c for c in self.chunks}
        # Metadata as integer codes: a filter is one vectorised comparison, not a Python loop.
        self._codes: dict[str, int] = {}
        self._authority = np.array([self._code(c.authority) for c in self.chunks], dtype=np.int32)
        self._statement = np.array([self._code(c.quality_statement) for c in self.chunks], dtype=np.int32)
        if self.chunks:
            corpus = [tokens(f"{c.header} {c.text}") or ["_"] for c in self.chunks]
            self._retriever = bm25s.BM25()
            self._retriever.index(corpus, show_progress=False)

    def __len__(self) -> int:
        return len(self.chunks)

    def _code(self, value: str) -> int:
        return self._codes.setdefault(value, len(self._codes))

    def mask(self, authorities: Collection[str] = (), statements: Collection[str] = ()) -> np.ndarray:
        """Which chunks pass the filters."""
        keep = np.ones(len(self.chunks), dtype=bool)
        for column, wanted in ((self._authority, authorities), (self._statement, statements)):
            if wanted:
                keep &= np.isin(column, [self._codes.get(w, -1) for w in wanted])
        return keep

    def ids(self, keep: np.ndarray) -> list[str]:
        return [self.chunks[i].id for i in np.flatnonzero(keep)]

    def search(self, query: str, n: int, keep: np.ndarray | None = None) -> list[tuple[Chunk, float]]:
        """Top n chunks by BM25, among those `keep` (a `mask`) lets through, if given."""
        q = tokens(query)
        if self._retriever is None or not q:
            return []
        scores = np.asarray(self._retriever.get_scores(q), dtype=np.float32)
        if keep is not None:
            scores = np.where(keep, scores, -1.0)
        n = min(n, len(self.chunks))
        top = np.argpartition(-scores, n - 1)[:n] if n < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.chunks[i], float(scores[i])) for i in top if scores[i] > 0]
