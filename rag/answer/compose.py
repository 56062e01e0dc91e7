"""Pieces every answerer uses: numbered citations in order of first use, and abstentions."""

from __future__ import annotations

import re
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


_MARKS = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def joined(parts: Sequence[str], answers: Sequence[Answer]) -> Answer:
    """The answers to a question's `parts` as one: their texts in order, citations numbered anew (a
    passage two parts cite is one citation); a part the reports do not answer is named. Abstains
    only when every part does."""
    timings: dict[str, float] = {}
    for a in answers:
        for k, v in a.timings.items():
            timings[k] = round(timings.get(k, 0.0) + v, 1)
    common = {"removed": [r for a in answers for r in a.removed], "timings": timings,
              "question": " ".join(a.question for a in answers), "degraded": any(a.degraded for a in answers),
              "read_as": {k: v for a in answers for k, v in a.read_as.items()},
              "retrieved": list({h.chunk_id: h for a in answers for h in a.retrieved}.values())}
    if all(a.abstained for a in answers):
        reasons = [a.answer.removeprefix(NOT_IN_REPORTS).strip() for a in answers]
        return abstain(" ".join(r for r in dict.fromkeys(reasons) if r)).model_copy(update=common)
    citations: list[Citation] = []
    by_chunk: dict[str, int] = {}
    texts = []
    seen: set[str] = set()  # the answers' sentences quoted so far, without their marks
    for part, a in zip(parts, answers, strict=True):
        said = {s.strip() for s in _MARKS.sub("\x00", a.answer).split("\x00") if s.strip()}
        if said <= seen:  # two parts the same sentences answer
            continue
        seen |= said
        if a.abstained:
            texts.append(f"As for “{part.strip()}”: {a.answer}")
            continue
        new: dict[int, int] = {}
        for c in a.citations:
            if c.chunk_id not in by_chunk:
                by_chunk[c.chunk_id] = len(citations) + 1
                citations.append(c.model_copy(update={"n": by_chunk[c.chunk_id]}))
            new[c.n] = by_chunk[c.chunk_id]
        texts.append(_renumbered(a.answer, new))
    return Answer(answer=" ".join(texts), abstained=False, citations=citations,
                  answerer=next(a.answerer for a in answers if not a.abstained), **common)


def _renumbered(text: str, new: dict[int, int]) -> str:
    """The text with its [n] markers numbered as `new` says."""
    return _MARKS.sub(lambda m: "[" + ", ".join(str(new.get(int(n), int(n))) for n in re.split(r"\s*,\s*", m.group(1))) + "]", text)
