"""Lexical retrieval: BM25 (bm25s) over every committed chunk's header and text, with the
per-chunk columns search filters and weighs by (authority, statement, flags) as integer codes.

Built once per store generation by the writer and saved (`save`); workers memory-map it (`load`),
so they hold neither the chunks' text nor a copy of the index. Rows are chunk positions; the
retriever fetches the few chunks it returns from the store by id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

import bm25s
import numpy as np
from bm25s.tokenization import Tokenized

from rag import framework as fw
from rag.models import Chunk
from rag.text import terms

BOILERPLATE = 1  # flag bits
SCORE_LINE = 2  # a score or overall-result line

_BM25 = "bm25"
_WHOLE = re.compile(r"\d{2,3}")  # (a share of 10% or more: smaller decimals are as often miles or hours)
_DECIMAL = re.compile(r"\d{1,3}\.\d{1,2}")
_COLUMNS = ("ids", "sorted_ids", "sorted_rows", "authority", "statement", "flags")


def tokens(text: str) -> list[str]:
    return terms(text)


def flags_of(chunk: Chunk) -> int:
    return (BOILERPLATE if chunk.boilerplate else 0) | (SCORE_LINE if chunk.section in (fw.SCORE_SECTION, fw.OVERALL_SECTION) else 0)


class LexicalIndex:
    def __init__(self, retriever: bm25s.BM25 | None, codes: list[str], columns: dict[str, np.ndarray]) -> None:
        self._retriever = retriever
        self._codes = {value: i for i, value in enumerate(codes)}
        self._ids = columns["ids"]  # chunk ids (utf-8 bytes) in row order
        self._sorted_ids, self._sorted_rows = columns["sorted_ids"], columns["sorted_rows"]
        self._authority, self._statement, self._flags = columns["authority"], columns["statement"], columns["flags"]
        self._decimals: list[tuple[float, str]] | None = None  # the decimal figures the reports use, read on first need

    # --- building, saving, mapping --------------------------------------------------------------

    @classmethod
    def build(cls, chunks: Iterable[Chunk]) -> LexicalIndex:
        """In memory, one chunk at a time: only token ids and the columns are kept, not the chunks."""
        vocab: dict[str, int] = {}
        corpus: list[list[int]] = []
        codes: dict[str, int] = {}
        ids: list[bytes] = []
        authority: list[int] = []
        statement: list[int] = []
        flags: list[int] = []
        for c in chunks:
            ids.append(c.id.encode())
            authority.append(codes.setdefault(c.authority, len(codes)))
            statement.append(codes.setdefault(c.quality_statement, len(codes)))
            flags.append(flags_of(c))
            corpus.append([vocab.setdefault(t, len(vocab)) for t in tokens(f"{c.header} {c.text}") or ["_"]])
        retriever = None
        if corpus:
            retriever = bm25s.BM25()
            retriever.index(Tokenized(ids=corpus, vocab=vocab), show_progress=False)
        id_array = np.array(ids, dtype=np.bytes_) if ids else np.array([], dtype="S1")
        order = np.argsort(id_array, kind="stable").astype(np.int32)
        columns = {
            "ids": id_array, "sorted_ids": id_array[order], "sorted_rows": order,
            "authority": np.array(authority, dtype=np.int32), "statement": np.array(statement, dtype=np.int32),
            "flags": np.array(flags, dtype=np.uint8),
        }
        return cls(retriever, list(codes), columns)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self._retriever is not None:
            self._retriever.save(str(folder / _BM25), show_progress=False)
        for name in _COLUMNS:
            np.save(folder / f"{name}.npy", getattr(self, f"_{name}"))
        (folder / "codes.json").write_text(json.dumps(list(self._codes)), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Memory-mapped: opening costs about nothing, and every worker shares the page cache."""
        retriever = bm25s.BM25.load(str(folder / _BM25), mmap=True) if (folder / _BM25).is_dir() else None
        columns = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _COLUMNS}
        return cls(retriever, json.loads((folder / "codes.json").read_text(encoding="utf-8")), columns)

    # --- reading ----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ids)

    def knows(self, word: str) -> bool:
        """Do the reports use this word (as matching compares words: stemmed)?"""
        return self.used(word) > 0

    def used(self, word: str) -> int:
        """In how many passages the reports use this word (as matching compares words: stemmed)."""
        vocab = getattr(self._retriever, "vocab_dict", None) or {}
        if not (ids := [vocab.get(t) for t in tokens(word)]) or None in ids:
            return 0
        pointers = self._retriever.scores["indptr"]  # (a term's column of the sparse score matrix: one row per passage)
        return int(min(pointers[i + 1] - pointers[i] for i in ids))

    def mask(self, authorities: Collection[str] = (), statements: Collection[str] = ()) -> np.ndarray:
        """Which rows pass the filters."""
        keep = np.ones(len(self), dtype=bool)
        for column, wanted in ((self._authority, authorities), (self._statement, statements)):
            if wanted:
                keep &= np.isin(column, [self._codes.get(w, -1) for w in wanted])
        return keep

    def id(self, row: int) -> str:
        return bytes(self._ids[row]).decode()

    def ids(self, keep: np.ndarray) -> list[str]:
        return [self.id(int(i)) for i in np.flatnonzero(keep)]

    def rows(self, chunk_ids: Sequence[str]) -> list[int | None]:
        """Each id's row, None for a chunk not in the index (an orphan, or written after it)."""
        if not chunk_ids or not len(self):
            return [None] * len(chunk_ids)
        wanted = np.array([c.encode() for c in chunk_ids], dtype=np.bytes_)
        at = np.minimum(np.searchsorted(self._sorted_ids, wanted), len(self) - 1)
        found = self._sorted_ids[at] == wanted
        return [int(self._sorted_rows[a]) if ok else None for a, ok in zip(at, found, strict=True)]

    def flags(self, row: int) -> int:
        return int(self._flags[row])

    def has_statement(self, row: int, statements: Collection[str]) -> bool:
        return int(self._statement[row]) in {self._codes[s] for s in statements if s in self._codes}

    def _precise_shares(self, q: list[str]) -> list[str]:
        """A share asked in round figures ("69%") is searched for as the reports give it too
        (68.83%): the decimal figures the reports use that round to it."""
        # (a whole share is one word, "69%"; a decimal one two, "68.83" and "%")
        asked = [float(t.removesuffix("%")) for t, after in zip(q, [*q[1:], ""], strict=True)
                 if _WHOLE.fullmatch(t) and after == "%" or _WHOLE.fullmatch(t.removesuffix("%")) and t.endswith("%")]
        if not asked:
            return []
        if self._decimals is None:
            vocab = getattr(self._retriever, "vocab_dict", None) or {}
            self._decimals = sorted((float(t), t) for t in vocab if _DECIMAL.fullmatch(t))
        return [t for value, t in self._decimals if any(abs(value - x) <= 0.5 for x in asked)]

    def search(self, query: str, n: int, keep: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top n rows by BM25, among those `keep` (a `mask`) lets through, if given."""
        q = tokens(query)
        if self._retriever is None or not q:
            return []
        q += self._precise_shares(q)
        scores = np.asarray(self._retriever.get_scores(q), dtype=np.float32)
        if keep is not None:
            scores = np.where(keep, scores, -1.0)
        n = min(n, len(self))
        top = np.argpartition(-scores, n - 1)[:n] if n < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]
