"""Query analysis: which authorities and quality statements a question names, and what it asks for."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from rag import framework as fw
from rag import rules
from rag.gazetteer import Gazetteer


@dataclass
class Analysis:
    text: str
    authorities: list[str] = field(default_factory=list)  # named and in the store
    missing_authorities: list[str] = field(default_factory=list)  # named, but no report ingested
    statements: list[fw.Statement] = field(default_factory=list)  # named clearly: may scope and filter
    topics: list[fw.Statement] = field(default_factory=list)  # pointed at by a topic word: boost only
    wants_boilerplate: bool = False
    frame: str | None = None  # fw.EXPECT or fw.COMMITMENT when the frame text is asked for
    wants_score: bool = False
    wants_overall: bool = False
    aggregate: bool = False  # about every council
    which_authority: bool = False  # the answer is an authority's name
    comparison: bool = False
    score_value: int | None = None
    rating_value: str | None = None
    count_of_councils: bool = False

    @property
    def statement_names(self) -> list[str]:
        return [s.name for s in self.statements]

    @property
    def boosted_names(self) -> list[str]:
        return [s.name for s in (*self.statements, *self.topics)]


def _ends_with_statement(text: str, mention: fw.Mention) -> bool:
    """The question ends with the statement's name ("… get for safeguarding?"), not with a topic
    that merely starts with it ("… get for safeguarding concerns?")."""
    rest = text[mention.end :].strip(" ?.!'\"’").lower()
    return rest in ("", "quality statement", "statement")


def analyse(text: str, gazetteer: Gazetteer, known_authorities: Collection[str]) -> Analysis:
    named = gazetteer.in_query(text)
    mentions = fw.statement_mentions(text)
    wants_score = bool(rules.SCORE.search(text) or rules.OVERALL_ASK.search(text) or rules.RESULT_ASK.search(text))
    if not wants_score and mentions and rules.GOT_FOR.search(text) and _ends_with_statement(text, mentions[-1]):
        wants_score = True  # "What did Wirral get for partnerships and communities?"
    about_statements = wants_score or "quality statement" in text.lower() or " theme" in text.lower()
    # A topic word ("safeguarding", "prevention") names a statement only in a question about scores.
    statements = [m.statement for m in mentions if m.clear or about_statements]
    topics = [m.statement for m in mentions if m.statement not in statements]
    frame = fw.EXPECT if rules.FRAME_EXPECT.search(text) else fw.COMMITMENT if rules.FRAME_COMMITMENT.search(text) else None
    value = rules.SCORE_VALUE.search(text)
    score_value = int(value.group(1) or value.group(2)) if value else None
    if score_value is None and wants_score:
        score_value = next((n for pattern, n in rules.LABEL_VALUE if pattern.search(text)), None)
    rating = rules.RATING_VALUE.search(text) if wants_score else None
    about_all = bool(rules.ABOUT_ALL.search(text)) and not named
    wants_overall = wants_score and (
        bool(rules.OVERALL.search(text)) or bool(rules.OVERALL_ASK.search(text)) or (not statements and score_value is None and bool(rules.RATED.search(text)))
    )
    return Analysis(
        text=text,
        authorities=[a for a in named if a in known_authorities],
        missing_authorities=[a for a in named if a not in known_authorities],
        statements=statements,
        topics=topics,
        wants_boilerplate=frame is not None,
        frame=frame,
        wants_score=wants_score,
        wants_overall=wants_overall,
        aggregate=about_all,
        which_authority=bool(rules.WHICH_AUTHORITY.search(text)) and not named,
        comparison=len(named) >= 2,
        score_value=score_value,
        rating_value=next((r for r in fw.RATINGS if rating and r.lower() == rating.group(1).lower()), None),
        count_of_councils=bool(rules.COUNT_OF_COUNCILS.search(text)),
    )
