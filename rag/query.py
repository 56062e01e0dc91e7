"""Query analysis: which authorities and quality statements a question names, and what it asks for."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from rag import framework as fw
from rag.gazetteer import Gazetteer

_BOILERPLATE = re.compile(r"\b(what people expect|people expect|commitment|i statement|we statement)\b", re.I)
_SCORE = re.compile(r"\b(scor\w*|rated|rating|ratings|grade\w*|how (?:well|good) did)\b", re.I)
_AGGREGATE = re.compile(r"\b(which|what|list|how many|all)\s+(?:\w+\s+)?(councils?|authorities|local authorities|las)\b", re.I)
_SCORE_VALUE = re.compile(r"\b(?:scored?|score of|rated)\s+(?:a\s+)?([1-4])\b|\b([1-4])\s*(?:/\s*4|out of 4)\b", re.I)


@dataclass
class Analysis:
    text: str
    authorities: list[str] = field(default_factory=list)  # named and in the store
    missing_authorities: list[str] = field(default_factory=list)  # named, but no report ingested
    statements: list[fw.Statement] = field(default_factory=list)
    wants_boilerplate: bool = False
    wants_score: bool = False
    aggregate: bool = False
    comparison: bool = False
    score_value: int | None = None

    @property
    def statement_names(self) -> list[str]:
        return [s.name for s in self.statements]


def analyse(text: str, gazetteer: Gazetteer, known_authorities: Collection[str]) -> Analysis:
    named = gazetteer.in_query(text)
    value = _SCORE_VALUE.search(text)
    return Analysis(
        text=text,
        authorities=[a for a in named if a in known_authorities],
        missing_authorities=[a for a in named if a not in known_authorities],
        statements=fw.statements_in(text),
        wants_boilerplate=bool(_BOILERPLATE.search(text)),
        wants_score=bool(_SCORE.search(text)),
        aggregate=bool(_AGGREGATE.search(text)) and not named,
        comparison=len(named) >= 2,
        score_value=int(value.group(1) or value.group(2)) if value else None,
    )
