"""CQC's local authority assessment framework: themes, quality statements, scores, frame headings."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    name: str
    theme: str
    # Phrases that name the statement clearly ("healthier lives", "care provision").
    aliases: tuple[str, ...] = ()
    # Single topic words that point at the statement but also occur in any question ("prevention",
    # "safeguarding"): they name the statement only in a question about scores or statements,
    # else they only boost its passages.
    topics: tuple[str, ...] = ()


THEME_PEOPLE = "Working with people"
THEME_SUPPORT = "Providing support"
THEME_SAFETY = "How the local authority ensures safety within the system"
THEME_LEADERSHIP = "Leadership"

STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "Assessing needs",
        THEME_PEOPLE,
        ("assessing needs", "needs assessment", "assessing people's needs", "assess needs", "assess people's needs", "assessment of needs",
         "assess my needs", "assessing my needs", "assess their needs", "assessing their needs", "assess your needs",
         "assesses needs", "assesses people's needs", "assesses their needs", "assessed people's needs", "assessed their needs",
         "assesing needs", "asessing needs"),  # (typed so)
        ("assessments", "assessment", "care act assessment", "care act assessments", "assessing people",
         "working out what care", "what care and help people need"),
    ),
    Statement(
        "Supporting people to live healthier lives",
        THEME_PEOPLE,
        ("healthier lives", "living healthier", "live healthier", "lead healthier"),
        ("prevention", "wellbeing", "stay well", "staying well", "independent for longer", "stay healthy", "staying healthy",
         "keep healthy", "keeping healthy", "stay independent", "staying independent", "reablement", "early intervention"),
    ),
    Statement("Equity in experience and outcomes", THEME_PEOPLE, ("equity in experience", "experience and outcomes"),
              ("equity", "inequality", "inequalities", "equality", "fairness", "fair deal", "fair treatment", "diversity", "inclusion",
               "treating people fairly", "treating everyone fairly", "treats people fairly", "treats everyone fairly", "treat people fairly",
               "treated fairly", "treated unfairly", "treated equally", "treated differently",
               "minority communities", "diverse communities", "ethnic minority communities", "seldom heard communities")),
    Statement(
        "Care provision, integration and continuity",
        THEME_SUPPORT,
        ("care provision", "integration and continuity", "continuity of care"),
        ("commissioning", "market shaping", "integration", "joined-up care", "joined up care", "joined-up services",
         "joined up services", "mix of services", "range of services", "care market", "co-ordinated care", "coordinated care"),
    ),
    Statement(
        "Partnerships and communities",
        THEME_SUPPORT,
        ("partnerships and communities", "partnership and communities", "partners and communities", "partnership working"),
        ("partnerships", "partnership", "communities", "working with partners", "work with partners",
         "working with other organisations", "work with other organisations", "joint working",
         "working with the nhs", "work with the nhs", "working with charities", "working with local charities",
         "working with the voluntary sector", "work with the voluntary sector"),
    ),
    Statement(
        "Safe pathways, systems and transitions",
        THEME_SAFETY,
        ("safe pathways", "safe systems", "systems and transitions"),
        ("transitions", "pathways", "move between services", "moving between services", "between services",
         "moves from hospital", "moving from hospital", "move from hospital", "to adult services", "hospital discharge",
         "discharge from hospital", "leaving hospital"),
    ),
    Statement("Safeguarding", THEME_SAFETY, (), ("safeguarding", "abuse", "neglect", "protecting adults", "protect adults",
                                                 "adult protection", "safe from harm", "safe guarding", "safegaurding")),
    Statement(
        "Governance, management and sustainability",
        THEME_LEADERSHIP,
        ("management and sustainability",),
        ("governance", "leadership", "financial sustainability", "oversight"),
    ),
    Statement(
        "Learning, improvement and innovation",
        THEME_LEADERSHIP,
        ("learning, improvement", "improvement and innovation"),
        ("innovation", "learning"),
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
OVERALL_SECTION = "Overall rating"  # a summary page's overall rating and figure


def _clean(line: str) -> str:
    """A heading as compared: one case, single spaces, no markup, bullets or closing colon, one
    spelling ("lead healthier lives" on summary pages, "live" on section pages)."""
    c = " ".join(line[:300].split()).strip("#*•-–·▪◦ ").rstrip(":").strip().lower().replace("’", "'").replace(" & ", " and ")
    return c.replace("lead healthier lives", "live healthier lives")


def statement_of_line(line: str) -> Statement | None:
    """The statement a heading line names exactly ("## Partnerships and communities")."""
    return BY_NAME.get(_clean(line))


def frame_heading_of_line(line: str) -> str | None:
    cleaned = _clean(line)
    for heading in FRAME_HEADINGS:
        if cleaned == heading.lower():
            return heading
    return None


def _alternation(phrases: tuple[str, ...]) -> str:
    """Any of the phrases, longest first, with either apostrophe or none ("assessing peoples needs") and "&" for "and"."""
    return "|".join(re.escape(p).replace("'", "['’]?").replace(re.escape(" and "), r"\s+(?:and|&)\s+")
                    for p in sorted(phrases, key=len, reverse=True))


# The four themes, each the quality statements it groups: "the leadership theme" names both of its statements.
THEME_NAMES = {
    THEME_PEOPLE: ("working with people",),
    THEME_SUPPORT: ("providing support",),
    THEME_SAFETY: ("how the local authority ensures safety within the system", "ensures safety within the system",
                   "ensuring safety within the system", "safety within the system"),
    THEME_LEADERSHIP: ("leadership theme", "leadership statements", "leadership quality statements", "leadership scores"),
}


# Not when the words name an organisation: "Safeguarding Partnership Board", "Safeguarding Adults Board".
_NOT_AN_ORGANISATION = r"(?!\s+(?:adults\s+)?(?:partnership|board|hub|team|service))"
_STATEMENT_PATTERNS = [
    (
        s,
        re.compile(r"\b(?:" + _alternation((s.name.lower(), *s.aliases)) + r")\b" + _NOT_AN_ORGANISATION),
        re.compile(r"\b(?:" + _alternation(s.topics) + r")\b" + _NOT_AN_ORGANISATION) if s.topics else None,
    )
    for s in STATEMENTS
]


_FILLER = frozenset({"what", "my", "your", "their", "of", "out", "to", "in", "on", "for", "the", "a", "and", "people", "care"})


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    statement: Statement
    clear: bool  # by name or a clear alias; False: by a topic word only

    @property
    def named_by(self) -> set[str]:
        """Every word the statement is named or pointed at by ("keeping people safe from abuse and
        neglect": all safeguarding's), in lower case."""
        named = re.findall(r"[a-z]+", " ".join((self.statement.name, *self.statement.aliases, *self.statement.topics)).lower())
        return set(named) - _FILLER  # (not "what", "my", "of": "what care and help people need" is a topic)


# "its CQC assessment", "the previous assessment": CQC's assessment of the council, not assessing needs.
_CQCS_ASSESSMENT = re.compile(r"\b(?:cqc|cqc's|its|previous|last|latest|recent|overall|whole|local authority)\s+$")
# "learning disabilities", "learning needs": people's, no learning of the council's.
_NOT_LEARNING = re.compile(r"[\s-]+(?:disab|difficult|needs)")


_THEME_PATTERNS = [(theme, re.compile(r"\b(?:" + _alternation(names) + r")\b")) for theme, names in THEME_NAMES.items()]


def statement_mentions(text: str) -> list[Mention]:
    """The first mention of each quality statement, in text order, by name, alias or topic word;
    a theme named mentions each of its statements."""
    lowered = text.lower()
    found = []
    for theme, pattern in _THEME_PATTERNS:
        if m := pattern.search(lowered):
            found += [Mention(m.start(), m.end(), st, True) for st in STATEMENTS if st.theme == theme]
    themed = {x.statement.name for x in found}
    for st, named, topic in _STATEMENT_PATTERNS:
        if st.name in themed:
            continue
        if m := named.search(lowered):
            found.append(Mention(m.start(), m.end(), st, True))
        elif topic is not None and (m := next((t for t in topic.finditer(lowered)
                                               if not (t.group(0).startswith("assessment") and _CQCS_ASSESSMENT.search(lowered[: t.start()]))
                                               and not (t.group(0) == "learning" and _NOT_LEARNING.match(lowered[t.end() :]))), None)):
            found.append(Mention(m.start(), m.end(), st, False))
    # (a topic word inside another statement's longer words is theirs: "communities" of "minority communities")
    found = [x for x in found if x.clear or not any(o.statement != x.statement and o.start <= x.start and x.end <= o.end
                                                     and o.end - o.start > x.end - x.start for o in found)]
    return sorted(found, key=lambda x: x.start)


def all_mentions(text: str, statements: Collection[Statement]) -> list[Mention]:
    """Every place the text names these statements, by name, alias or topic word ("care provision and
    integration" names one statement twice)."""
    lowered = text.lower()
    return [Mention(m.start(), m.end(), st, True) for st, named, topic in _STATEMENT_PATTERNS if st in statements
            for pattern in (named, topic) if pattern is not None for m in pattern.finditer(lowered)]


def statements_in(text: str, *, topics: bool = False) -> list[Statement]:
    """Quality statements a text names clearly (and, with topics=True, by topic word), in order."""
    return [m.statement for m in statement_mentions(text) if m.clear or topics]


def statement_by_name(name: str) -> Statement | None:
    """Look a statement up by full name or alias (for --statement filters)."""
    if s := BY_NAME.get(_clean(name)):
        return s
    hits = statements_in(name, topics=True)
    return hits[0] if len(hits) == 1 else None


# --- the authority as its report names it -----------------------------------------------------------

TITLE_TAIL = "local authority assessment"
# Words of a council's name that do not tell one council from another.
_NAME_WORDS = frozenset({"council", "city", "borough", "county", "london", "of", "the", "and", "&", "metropolitan",
                         "district", "royal", "upon"})


def named_in_title(title: str) -> str | None:
    """The authority a report's title line names: "Hackney Council: local authority assessment" ->
    "Hackney Council"; a pilot report's "Lincolnshire County Council assessment" -> its name."""
    c = " ".join(title.split()).strip("#* ")
    if c.lower().endswith(TITLE_TAIL):
        head = c[: -len(TITLE_TAIL)].rstrip()
        return (head[:-1].strip(" *#") or None) if head and head[-1] in ":-–—" else None
    if c.lower().endswith(" assessment"):
        return c[: -len(" assessment")].strip() or None
    return None


def shown(authority: str, title: str) -> str:
    """The authority as its report's title names it ("Hackney Council", where the gazetteer says
    London Borough of Hackney): answers use the report's own name. Its canonical name when the
    title names no authority or another one."""
    name = named_in_title(title)
    if not name or name == authority:
        return authority
    def distinctive(n: str) -> list[str]:
        return [w for w in n.lower().replace("-", " ").split() if w not in _NAME_WORDS]
    # The same place: the first word that tells councils apart agrees ("Newcastle upon Tyne City
    # Council" / "Newcastle City Council"; never "North Tyneside" / "South Tyneside").
    mine, theirs = distinctive(name), distinctive(authority)
    return name if mine and theirs and mine[0] == theirs[0] else authority
