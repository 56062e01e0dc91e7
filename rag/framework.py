"""CQC's local authority assessment framework: themes, quality statements, scores, frame headings."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    name: str
    theme: str
    # Words people use for the statement in questions ("partnerships", "safeguarding").
    aliases: tuple[str, ...] = ()


THEME_PEOPLE = "Working with people"
THEME_SUPPORT = "Providing support"
THEME_SAFETY = "How the local authority ensures safety within the system"
THEME_LEADERSHIP = "Leadership"

STATEMENTS: tuple[Statement, ...] = (
    Statement("Assessing needs", THEME_PEOPLE, ("assessing needs", "needs assessment", "assessments")),
    Statement(
        "Supporting people to live healthier lives",
        THEME_PEOPLE,
        ("healthier lives", "prevention", "living healthier"),
    ),
    Statement("Equity in experience and outcomes", THEME_PEOPLE, ("equity", "equity in experience")),
    Statement(
        "Care provision, integration and continuity",
        THEME_SUPPORT,
        ("care provision", "integration and continuity", "market shaping", "commissioning"),
    ),
    Statement(
        "Partnerships and communities",
        THEME_SUPPORT,
        ("partnerships", "partnership working", "partnerships and communities"),
    ),
    Statement(
        "Safe pathways, systems and transitions",
        THEME_SAFETY,
        ("safe pathways", "transitions", "safe systems"),
    ),
    Statement("Safeguarding", THEME_SAFETY, ("safeguarding",)),
    Statement(
        "Governance, management and sustainability",
        THEME_LEADERSHIP,
        ("governance", "management and sustainability"),
    ),
    Statement(
        "Learning, improvement and innovation",
        THEME_LEADERSHIP,
        ("learning, improvement", "improvement and innovation", "innovation"),
    ),
)
BY_NAME = {s.name.lower(): s for s in STATEMENTS}

SCORE_LABELS = {
    4: "Evidence shows an exceptional standard",
    3: "Evidence shows a good standard",
    2: "Evidence shows some shortfalls",
    1: "Evidence shows significant shortfalls",
}
RATINGS = ("Outstanding", "Good", "Requires improvement", "Inadequate")

# The frame of every quality statement section. The first two are word-for-word the same in
# every report for the same statement: boilerplate that must not outrank findings.
EXPECT = "What people expect"
COMMITMENT = "The local authority commitment"
KEY_FINDINGS = "Key findings for this quality statement"
FRAME_HEADINGS = (EXPECT, COMMITMENT, KEY_FINDINGS)
BOILERPLATE_HEADINGS = frozenset({EXPECT, COMMITMENT})
SCORE_SECTION = "Score"
OVERVIEW_SECTION = "Overview"


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip().lstrip("#").strip().strip("*").strip()).lower()


def statement_of_line(line: str) -> Statement | None:
    """The statement a heading line names exactly ("## Partnerships and communities")."""
    return BY_NAME.get(_clean(line))


def frame_heading_of_line(line: str) -> str | None:
    cleaned = _clean(line)
    for heading in FRAME_HEADINGS:
        if cleaned == heading.lower():
            return heading
    return None


_STATEMENT_PATTERNS = [
    # Not when the words name an organisation: "Safeguarding Partnership Board", "Safeguarding Adults Board".
    (s, re.compile(r"\b(?:" + "|".join(re.escape(a) for a in (s.name.lower(), *s.aliases)) + r")\b(?!\s+(?:adults\s+)?(?:partnership|board))"))
    for s in STATEMENTS
]


def statement_mentions(text: str) -> list[tuple[int, int, Statement]]:
    """(start, end, statement) of the first mention of each quality statement, in text order."""
    lowered = text.lower()
    found = [(m.start(), m.end(), st) for st, pattern in _STATEMENT_PATTERNS if (m := pattern.search(lowered))]
    return sorted(found, key=lambda x: x[0])


def statements_in(text: str) -> list[Statement]:
    """Quality statements a question mentions by name or alias, in order of first mention."""
    return [s for _, _, s in statement_mentions(text)]


def statement_by_name(name: str) -> Statement | None:
    """Look a statement up by full name or alias (for --statement filters)."""
    if s := BY_NAME.get(_clean(name)):
        return s
    hits = statements_in(name)
    return hits[0] if len(hits) == 1 else None
