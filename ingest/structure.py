"""Recognise a report's structure: authority, quality statements, scores, overall result, headings.

Works on the stored text line by line and keeps offsets, so every block it returns is a
slice of that text. A full report with several quality statements comes out split per statement.

Real report pages vary (see tests/test_structure_variants.py): "Score: 3", "Score 2",
"Indicative score: 3", "3 – Evidence shows …", "1 - Inadequate: Evidence shows …"; headings with
or without colons; no "Key findings" heading; summary pages listing the nine scores as bullets, an
overall rating word, "scored 78 out of 100 overall", "Overall rating for X: 39%", or empty
headings. Every pattern runs on a line whose white space is collapsed and whose length is capped,
so parsing is linear in the size of the text whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag import framework as fw
from rag.gazetteer import Gazetteer
from rag.text import Span, lines

# Longer lines are prose, never a title, score or heading: the patterns below never see them.
MAX_STRUCTURAL_LINE = 300
# Patterns run on norm(line): single spaces, no surrounding markup. None has nested repeats.
SCORE = re.compile(
    r"^(?:(?P<ind>indicative|provisional) )?(?:quality statement )?score ?:? ?(?P<n>[1-4])(?: ?(?:/|out of) ?4)?"
    r"(?: ?[-–—:,] ?(?P<rest>.*))?$",
    re.I,
)
LABEL = re.compile(
    r"^(?P<n>[1-4]) ?[-–—:] ?(?:(?:outstanding|good|requires improvement|inadequate) ?[-–—:]? ?)?evidence shows\b.*$", re.I
)
THEME = re.compile(r"^Theme \d+ ?[:\-–]", re.I)
_RATING_WORDS = "outstanding|good|requires improvement|inadequate"
# A line that is only a rating, as under "Local authority rating and score" ("Good",
# "Indicative rating: Good", "Overall rating: Requires improvement").
RATING_LINE = re.compile(
    rf"^(?:(?P<ind>indicative|provisional) )?(?:overall )?(?:rating ?:? ?)?(?P<r>{_RATING_WORDS})\.?"
    r"(?: ?[-–—:] ?evidence shows\b.*)?$", re.I  # a pilot's "Good: Evidence shows a good standard"
)
# A rating inside a sentence, only when it says "overall" or "indicative" ("Overall rating: Good").
RATING_IN_TEXT = re.compile(
    rf"\b(?P<ind>indicative|provisional)? ?(?:overall )rating(?: for [^:.]{{1,80}})? ?(?:is|was|of|:) ?(?P<r>{_RATING_WORDS})\b"
    rf"|\b(?P<ind2>indicative) rating(?: for [^:.]{{1,80}})? ?(?:is|was|of|:) ?(?P<r2>{_RATING_WORDS})\b"
    rf"|\b(?:has|have) rated [^.]{{2,80}}? as (?P<r3>{_RATING_WORDS})\b",  # CQC's announcement of the rating
    re.I,
)
# The overall figure: "scored 78 out of 100 overall", "Overall rating for X: 39%", "Overall score: 62".
PERCENT = re.compile(
    r"\bscored (?P<a>\d{1,3}) ?(?:out of 100|/ ?100|%|per ?cent)(?: overall)?"
    r"|\boverall (?:rating|score)(?: for [^:.]{1,80})? ?(?:is|was|of|:) ?(?P<b>\d{1,3}) ?(?:%|per ?cent|out of 100|/ ?100)?",
    re.I,
)
SCORE_PERCENT = re.compile(r"^(?:(?P<ind>indicative) )?(?:overall )?score ?:? ?(?P<n>\d{1,3}) ?(?:%|out of 100|/ ?100)$", re.I)
# Under the rating heading, "Score: 75" with no unit is the overall figure: a statement scores 1 to 4,
# an overall result 25 to 100.
BARE_OVERALL = re.compile(r"^(?:(?P<ind>indicative) )?(?:overall )?score ?:? ?(?P<n>2[5-9]|[3-9]\d|100)$", re.I)
# "Indicative score:" on a line of its own, the score on the next ("3 - Evidence shows a good standard").
SCORE_HEAD = re.compile(r"^(?:(?P<ind>indicative|provisional) )?(?:quality statement )?score ?:?$", re.I)
# A numbered list of the nine scores, as CQC's announcement of a rating gives them: "1. Assessing
# people's needs – 2", "4. Care provision, integration and continuity of care - 2".
NUMBERED_SCORE = re.compile(r"^\d{1,2}[.)] ?(?P<name>[A-Za-z][\w ,'’-]{3,80}?) ?[-–—:] ?(?P<n>[1-4])$")
PUBLISHED = re.compile(r"^Published ?:? ?(?P<d>\d{1,2} [A-Z][a-z]+ \d{4})", re.I)
OVERALL_HEADINGS = ("local authority rating and score", "overall rating and score", "overall rating", "rating and score",
                    "local authority indicative rating", "local authority rating", "indicative rating")
SCORE_LIST_HEADINGS = ("quality statement scores", "scores for each quality statement")
_BULLET = "•-*–·▪◦"
OVERALL_SECTION = fw.OVERALL_SECTION


def norm(line: str) -> str:
    """The line as the patterns see it: white space collapsed, markup and bullets stripped."""
    return " ".join(line[: MAX_STRUCTURAL_LINE * 2].split()).strip(_BULLET + "#* ").replace("’", "'")


def title_name(line: str) -> str | None:
    """"Wiltshire Council: local authority assessment" -> "Wiltshire Council" (string work, no regex)."""
    c = norm(line)
    if len(c) > MAX_STRUCTURAL_LINE or not c.lower().endswith(fw.TITLE_TAIL):
        return None
    return fw.named_in_title(c)


def structural(line: str) -> bool:
    """A heading or score line of the report frame (a PDF's reflow never joins these)."""
    c = norm(line)
    if len(c) > MAX_STRUCTURAL_LINE:
        return False
    return bool(
        fw.statement_of_line(c) or fw.frame_heading_of_line(c) or title_name(c) or SCORE.match(c) or LABEL.match(c)
        or THEME.match(c) or c.lower() in OVERALL_HEADINGS or c.lower() in SCORE_LIST_HEADINGS
    )


@dataclass
class Block:
    """Consecutive paragraphs under one heading path: what chunks are cut from."""

    statement: fw.Statement | None
    score: int
    section: str
    boilerplate: bool
    paragraphs: list[Span] = field(default_factory=list)
    indicative: bool = False
    rating: str = ""  # the overall rating, on the overall block
    percent: int = 0  # the overall figure out of 100, on the overall block


@dataclass
class Structure:
    authority: str
    authority_from: str  # title | text | option | sidecar | unknown
    blocks: list[Block]
    scores: dict[str, int]
    overall_rating: str = ""
    overall_percent: int = 0
    indicative: bool = False  # a pilot assessment: scores and rating are indicative
    title: str = ""
    published: str = ""
    warnings: list[str] = field(default_factory=list)


def _titled(line: str, gazetteer: Gazetteer) -> str | None:
    """The authority a title line names: "X: local authority assessment", or a pilot report's
    "Lincolnshire County Council assessment" when X is a known authority."""
    if name := title_name(line):
        return name
    c = norm(line)
    name = fw.named_in_title(c) if len(c) <= MAX_STRUCTURAL_LINE else None
    return name if name and gazetteer.canonical(name) else None


def authority_of(text: str, gazetteer: Gazetteer, *, option: str | None = None, sidecar: str | None = None) -> tuple[str, str]:
    """(authority, how we know): a title line, else the names the text uses, else what we were told."""
    for span in list(lines(text[:4000]))[:8]:
        if name := _titled(span.of(text), gazetteer):
            return gazetteer.canonical(name) or name, "title"
    if found := gazetteer.most_mentioned(text):
        return found, "text"
    if option:
        return gazetteer.canonical(option) or option, "option"
    if sidecar:
        return gazetteer.canonical(sidecar) or sidecar, "sidecar"
    return "unknown", "unknown"


def _is_subheading(line: str, next_line: str | None) -> bool:
    c = norm(line)
    words = c.split()
    if not words or len(words) > 14 or not c[:1].isupper():
        return False
    if c[-1] in ".!?;,:":
        return False
    if line.lstrip().startswith("#"):
        return True
    return next_line is not None and len(next_line.split()) > max(len(words) + 4, 10)


_I_CLAUSE = re.compile(r"(?:When|Whenever|If|Where|Wherever|Once|As|While)\s+I\b")


def _frame_goes_on(frame: str | None, line: str) -> bool:
    """Does this line still belong to the frame? "What people expect" is "I" statements and the
    commitment "We" statements; the first line that is neither starts the findings, whether or not
    a "Key findings" heading says so."""
    c = norm(line).lstrip("“”\"‘'")  # (some pages put them in quotes: “I can …”, “We …”)
    if frame == fw.EXPECT:  # "When I move between services, …" (safe pathways) is one of them too
        return c.startswith(("I ", "I'")) or bool(_I_CLAUSE.match(c))
    if frame == fw.COMMITMENT:
        return c.startswith(("We ", "We'", "Our "))
    return True


def _overall_in(c: str) -> tuple[str, int, bool]:
    """(rating, percent, indicative) stated by one line, or empty."""
    rating, percent, indicative = "", 0, False
    if m := RATING_LINE.match(c):
        rating, indicative = m.group("r"), bool(m.group("ind"))
    elif m := RATING_IN_TEXT.search(c):
        rating = m.group("r") or m.group("r2") or m.group("r3")
        indicative = bool(m.group("ind") or m.group("ind2"))
    if m := SCORE_PERCENT.match(c):
        percent, indicative = int(m.group("n")), indicative or bool(m.group("ind"))
    elif m := PERCENT.search(c):
        percent = int(m.group("a") or m.group("b"))
    if percent > 100:
        percent = 0
    if "indicative" in c.lower() and (rating or percent):
        indicative = True
    return _rating_word(rating), percent, indicative


def _rating_word(r: str) -> str:
    return next((w for w in fw.RATINGS if w.lower() == r.lower()), "")


def parse(text: str, gazetteer: Gazetteer, *, option: str | None = None, sidecar: str | None = None) -> Structure:
    authority, how = authority_of(text, gazetteer, option=option, sidecar=sidecar)
    spans = list(lines(text))
    blocks: list[Block] = []
    scores: dict[str, int] = {}
    s = Structure(authority=authority, authority_from=how, blocks=blocks, scores=scores)
    statement: fw.Statement | None = None
    score = 0
    frame: str | None = None
    sub: str | None = None
    score_block: Block | None = None
    current: Block | None = None
    mode = ""  # "overall" under the rating heading, "list" under a summary's list of scores
    overall: Block | None = None
    listed: tuple[fw.Statement, Span] | None = None  # a listed statement awaiting its score line
    sections_scored: dict[str, bool] = {}
    headings: set[str] = set()  # the summary headings seen: "overall", "list"
    listed_scores = 0
    pilot = False  # under a "Local authority indicative rating" heading

    def section_path() -> str:
        if statement is None:
            return " > ".join(p for p in (fw.OVERVIEW_SECTION, sub) if p)
        return " > ".join(p for p in (frame or fw.KEY_FINDINGS, sub) if p)

    def set_overall(span: Span, rating: str, percent: int, indicative: bool) -> None:
        nonlocal overall
        if overall is None:
            overall = Block(None, 0, OVERALL_SECTION, False, [])
            blocks.append(overall)
        overall.paragraphs.append(span)
        overall.rating = overall.rating or rating
        overall.percent = overall.percent or percent
        overall.indicative = overall.indicative or indicative

    for i, span in enumerate(spans):
        raw = span.of(text)
        c = norm(raw) if len(raw) <= MAX_STRUCTURAL_LINE * 2 else ""
        low = c.lower()
        nxt = spans[i + 1].of(text) if i + 1 < len(spans) else None
        if i < 8 and c and _titled(c, gazetteer):
            s.title = s.title or c
            continue
        if c and (m := PUBLISHED.match(c)):
            s.published = s.published or m.group("d")  # and the line stays: it answers "when was it published"
        if low in OVERALL_HEADINGS:
            mode, current, score_block = "overall", None, None
            headings.add("overall")
            pilot = pilot or "indicative" in low
            continue
        if low in SCORE_LIST_HEADINGS:
            mode, current, score_block, listed = "list", None, None, None
            headings.add("list")
            continue
        if mode == "list" and c:
            if (st := fw.statement_of_line(c)) is not None:
                listed = (st, span)
                continue
            if listed and (m := SCORE.match(c) or LABEL.match(c)):
                st, first = listed
                n = int(m.group("n"))
                ind = bool(m.groupdict().get("ind"))
                blocks.append(Block(st, n, fw.SCORE_SECTION, False, [Span(first.start, span.end)], indicative=ind))
                scores.setdefault(st.name, n)
                listed_scores += 1
                s.indicative = s.indicative or ind
                listed = None
                continue
            mode, listed = "", None  # the list ended
        if mode == "overall" and c and len(c.split()) <= 40:
            rating, percent, ind = _overall_in(c)
            if not (rating or percent) and (m := BARE_OVERALL.match(c)):
                percent, ind = int(m.group("n")), bool(m.group("ind"))
            if rating or percent:
                set_overall(span, rating, percent, ind or pilot)
                continue
            if gazetteer.canonical(c) or c == norm(authority):  # the bullet naming the authority
                continue
            if len(c.split()) <= 3:
                continue
            mode = ""
        if st := (fw.statement_of_line(c) if c else None):
            statement, score, frame, sub, mode = st, 0, None, None, ""
            score_block = Block(st, 0, fw.SCORE_SECTION, False, [span])
            blocks.append(score_block)
            sections_scored.setdefault(st.name, False)
            current = None
            continue
        if score_block is not None and not score and c and (m := SCORE_HEAD.match(c)):
            score_block.indicative = score_block.indicative or bool(m.group("ind"))
            score_block.paragraphs.append(span)
            continue
        if score_block is not None and c and (m := SCORE.match(c) or LABEL.match(c)):
            score = score or int(m.group("n"))
            score_block.score = score
            score_block.indicative = score_block.indicative or bool(m.groupdict().get("ind"))
            score_block.paragraphs.append(span)
            if statement:
                scores[statement.name] = score
                sections_scored[statement.name] = True
            s.indicative = s.indicative or score_block.indicative
            continue
        score_block = None
        if c and (heading := fw.frame_heading_of_line(c)):
            frame, sub, current = heading, None, None
            continue
        if frame in fw.BOILERPLATE_HEADINGS and not _frame_goes_on(frame, raw):
            frame, sub, current = fw.KEY_FINDINGS, None, None
        if c and THEME.match(c):
            sub, current = None, None
            continue
        if statement is None and (m := NUMBERED_SCORE.match(c)) and len(found := fw.statements_in(m.group("name"))) == 1:
            blocks.append(Block(found[0], int(m.group("n")), fw.SCORE_SECTION, False, [span]))  # "3. Equity in … – 3"
            scores.setdefault(found[0].name, int(m.group("n")))
            listed_scores += 1
            continue
        if statement is None and overall is None and any(w in low for w in ("overall", "indicative", " rated ")) and len(c.split()) <= 60:
            rating, percent, ind = _overall_in(c)  # "Overall rating: Good" in a report without the heading
            if rating or percent:
                set_overall(span, rating, percent, ind)
                continue
        if statement is None and len(raw.split()) <= 3 and not re.search(r"[.!?]$", raw):
            continue  # navigation left over from a copied web page ("Downloads")
        if (statement is None or frame in (None, fw.KEY_FINDINGS)) and _is_subheading(raw, nxt):
            sub, current = norm(raw), None
            continue
        if current is None:
            current = Block(statement, score, section_path(), boilerplate=frame in fw.BOILERPLATE_HEADINGS)
            blocks.append(current)
        current.paragraphs.append(span)

    # Score blocks must cover a contiguous slice from the statement heading to the label line.
    for b in blocks:
        if b.section in (fw.SCORE_SECTION, OVERALL_SECTION) and len(b.paragraphs) > 1:
            b.paragraphs = [Span(b.paragraphs[0].start, b.paragraphs[-1].end)]
    if overall is not None:
        s.overall_rating, s.overall_percent = overall.rating, overall.percent
        s.indicative = s.indicative or overall.indicative
    s.warnings = [f"{name}: no score line found" for name, found in sections_scored.items() if not found]
    if "overall" in headings and overall is None:
        s.warnings.append("the rating heading has no rating or score under it")
    if "list" in headings and not listed_scores:
        s.warnings.append("the quality statement scores heading lists no scores")
    s.blocks = [b for b in blocks if b.paragraphs]
    return s
