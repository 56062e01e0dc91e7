"""Pieces every answerer uses: numbered citations in order of first use, and abstentions."""

from __future__ import annotations

from collections.abc import Sequence

from rag.models import Answer, Chunk, Citation, Removed, SearchHit

NOT_IN_REPORTS = "The assessment reports do not say."


class Cited:
    """Builds an answer whose [n] markers number passages in order of first use."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self._index: dict[str, int] = {}

    def mark(self, hit: SearchHit | Chunk) -> str:
        if isinstance(hit, Chunk):
            hit = SearchHit.from_chunk(hit, 1.0)
        if hit.chunk_id not in self._index:
            self._index[hit.chunk_id] = len(self.citations) + 1
            self.citations.append(Citation.from_hit(self._index[hit.chunk_id], hit))
        return f"[{self._index[hit.chunk_id]}]"


def abstain(reason: str | None = None, removed: Sequence[Removed] = ()) -> Answer:
    text = NOT_IN_REPORTS if not reason else f"{NOT_IN_REPORTS} {reason}"
    return Answer(answer=text, abstained=True, removed=list(removed), answerer="none")


def listing(items: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
