"""Lexical retrieval: BM25 (bm25s) over every chunk's header and text, kept in memory."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import bm25s
import numpy as np

from rag.models import Chunk
from rag.text import STOPWORDS, words


def tokens(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS]


class LexicalIndex:
    def __init__(self, chunks: Iterable[Chunk]) -> None:
        self.chunks: list[Chunk] = list(chunks)
        self._retriever: bm25s.BM25 | None = None
        # Metadata as arrays, so filters cost one vectorised comparison, not a Python loop.
        self._authority = np.array([c.authority for c in self.chunks], dtype=object)
        self._statement = np.array([c.quality_statement for c in self.chunks], dtype=object)
        if self.chunks:
            corpus = [tokens(f"{c.header} {c.text}") or ["_"] for c in self.chunks]
            self._retriever = bm25s.BM25()
            self._retriever.index(corpus, show_progress=False)

    def __len__(self) -> int:
        return len(self.chunks)

    def search(
        self,
        query: str,
        n: int,
        authorities: Collection[str] = (),
        statements: Collection[str] = (),
    ) -> list[tuple[Chunk, float]]:
        """Top n chunks by BM25, restricted to the given authorities and statements if any."""
        q = tokens(query)
        if self._retriever is None or not q:
            return []
        scores = np.asarray(self._retriever.get_scores(q), dtype=np.float32)
        if authorities:
            scores = np.where(np.isin(self._authority, list(authorities)), scores, -1.0)
        if statements:
            scores = np.where(np.isin(self._statement, list(statements)), scores, -1.0)
        n = min(n, len(self.chunks))
        top = np.argpartition(-scores, n - 1)[:n] if n < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.chunks[i], float(scores[i])) for i in top if scores[i] > 0]
