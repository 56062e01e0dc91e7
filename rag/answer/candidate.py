"""What the extractive answerer weighs: each report sentence that may answer, as a candidate, and
the word lists (as stems) it is weighed with."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag import rules
from rag.answer.support import stems
from rag.models import SearchHit
from rag.query import Analysis
from rag.text import Span, stem
from rag.text import terms as in_order

# The rules' word lists, as the stems that matching compares.
GENERIC = frozenset(stem(w) for w in rules.GENERIC | rules.QUESTION_WORDS | rules.SMALL_TALK)
COMPARING = frozenset(stem(w) for w in rules.COMPARING)
ROLES = frozenset(stem(w) for w in rules.ROLES)
# A question word a kind of sentence says without using it: a percentage says what share ("34% of the
# budget"), a sentence saying something declined says how it changed ("had declined since then").
SAID_BY: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (rules.SHARE, frozenset(stems("share proportion percentage percent portion fraction"))),
    (rules.CHANGED, frozenset(stems("change changed changes changing trend"))),
    # ("Is X short of care home places?": "there were enough services …" says whether it is)
    (rules.ENOUGH, ENOUGH_WORDS := frozenset(stems("shortage lack gaps enough sufficient"))),
    (rules.SHORT, ENOUGH_WORDS),
    # ("did it keep within budget?": "overspent by £4.4 million" says how spending went against the budget)
    (rules.SPENT_MORE, BUDGET_WORDS := frozenset(stems("budget budgeted spend spent spending estimate estimated planned plan"))),
    (rules.SPENT_LESS, BUDGET_WORDS),
    # ("which party runs the council?": "went from a Labour majority to a Green one")
    (rules.PARTY, frozenset(stems("party parties political politically run runs control controls controlled lead leads led charge"))),
)
NOT_COUNTED = frozenset(stem(w) for w in ("pound", "time", "more", "fewer", "extra", "people"))
RESIDENTS = frozenset(stem(w) for w in ("residents", "citizens", "individuals"))
# Words nearly every sentence of a care report holds: covering only these, a sentence is not about
# what a figure question asks ("how many people are waiting for an assessment?": not "6,660 older
# people providing unpaid care").
EVERYWHERE = frozenset(stem(w) for w in rules.EVERYWHERE)
# Words that say what kind of figure is asked for, not what it is of.
KIND_OF_FIGURE = frozenset(stems("percentage percent proportion share fraction number figure total count amount rate level cost costs price"))
# Nor is what every report says, or a verb any question asks with ("how many people actually use them?").
NOT_A_TOPIC = EVERYWHERE | KIND_OF_FIGURE | frozenset(stems("actual actually really use used get got have make do go"))
# Kinds of answer that are a figure or a date: one sentence gives them.
FIGURES = frozenset({"date", "duration", "share", "amount", "count", "rate", "quantity", "age", "rank"})
# Kinds of answer that are a number of something: a number of what was asked, not of a neighbour.
COUNTED = frozenset({"share", "amount", "count", "rate", "quantity"})
# Each stem's synonym group (rules.SYNONYMS), as stems read the way question words are ("higher": "high").
SYNONYMS: dict[str, frozenset[str]] = {}
for _group in rules.SYNONYMS:
    _stems = frozenset(s for w in _group for s in in_order(w))
    for _s in _stems:
        SYNONYMS[_s] = SYNONYMS.get(_s, frozenset()) | _stems


_COUNCIL_STEMS = frozenset(stem(w) for w in ("council", "councils", "authority", "authorities", "borough", "boroughs"))


def councils_alike(said: set[str]) -> set[str]:
    """A council is a local authority or a borough: words naming one name them all."""
    return said | _COUNCIL_STEMS if said & _COUNCIL_STEMS else said


@dataclass(eq=False)  # one candidate is one sentence: compared by identity
class Candidate:
    hit: SearchHit
    span: Span  # offsets into the document, inside the hit
    text: str
    score: float
    coverage: float
    terms: frozenset[str]
    fits: bool = True  # holds the kind of thing asked for (a date for "when", ...)
    kind_asked: str | None = None  # the kind of thing the question asked for (and `fits` says if this has it)
    names_asked: bool = True  # its passage names what the question names ("Care Act", "Home First")
    toned: bool | None = None  # says something fell short (or went well) as the question asks; None: it asks neither
    planned: bool = False  # only a plan for what the question asks was achieved or found
    continues: Candidate | None = None  # the sentence this one goes on from ("This included …")
    continued_by: Candidate | None = None  # the sentence that goes on from this one

    @property
    def beside(self) -> str:
        """The sentence read with those it goes on from and that go on from it."""
        return " ".join(x.text for x in (self.continues, self, self.continued_by) if x is not None)

    @property
    def eligible(self) -> bool:
        """May answer on its own: it gives the kind of thing asked for, and its passage names what
        the question names."""
        return self.fits and self.names_asked


def question_terms(question: str, analysis: Analysis) -> set[str]:
    drop = stems(analysis.authority_words.lower()) | GENERIC | (COMPARING if len(analysis.authorities) > 1 else frozenset())
    said = rules.IDLE_WORDS.sub(" ", rules.ASKERS_OWN.sub(" ", rules.NOT_WANTED.sub(" ", question)))
    return {t for t in stems(rules.in_report_words(said)) if t not in drop and "'" not in t}


Embed = Callable[[list[str]], list[list[float]]]


def cosine(u: list[float], v: list[float]) -> float:
    """Cosine of two embeddings (the embedder's vectors are unit length)."""
    return sum(x * y for x, y in zip(u, v, strict=True))
