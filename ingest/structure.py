"""Recognise a report's structure: authority, quality statements, scores, headings.

Works on the stored text line by line and keeps offsets, so every block it returns is a
slice of that text. A full report with several quality statements comes out split per statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag import framework as fw
from rag.gazetteer import Gazetteer
from rag.text import Span, lines

TITLE = re.compile(r"^#*\s*(?P<name>.+?)\s*[:\-–]\s*local authority assessment\s*$", re.I)
SCORE = re.compile(r"^\**\s*Score\s*:?\s*(?P<n>[1-4])(?:\s*/\s*4)?\s*\**$", re.I)
LABEL = re.compile(r"^(?P<n>[1-4])\s*[-–—:]\s*Evidence shows\b.*$", re.I)
THEME = re.compile(r"^#*\s*Theme\s+\d+\s*[:\-–]", re.I)
RATING = re.compile(r"\b(?:Overall rating|Rating)\s*:?\s*(?P<r>Outstanding|Good|Requires improvement|Inadequate)\b", re.I)


@dataclass
class Block:
    """Consecutive paragraphs under one heading path: what chunks are cut from."""

    statement: fw.Statement | None
    score: int
    section: str
    boilerplate: bool
    paragraphs: list[Span] = field(default_factory=list)


@dataclass
class Structure:
    authority: str
    authority_from: str  # title | text | option | sidecar | unknown
    blocks: list[Block]
    scores: dict[str, int]
    overall_rating: str = ""


def authority_of(text: str, gazetteer: Gazetteer, *, option: str | None = None, sidecar: str | None = None) -> tuple[str, str]:
    """(authority, how we know): a title line, else the names the text uses, else what we were told."""
    for span in list(lines(text))[:8]:
        m = TITLE.match(span.of(text))
        if m:
            name = m.group("name").strip().strip("*# ")
            return gazetteer.canonical(name) or name, "title"
    if found := gazetteer.most_mentioned(text):
        return found, "text"
    if option:
        return gazetteer.canonical(option) or option, "option"
    if sidecar:
        return gazetteer.canonical(sidecar) or sidecar, "sidecar"
    return "unknown", "unknown"


def _is_subheading(line: str, next_line: str | None) -> bool:
    words = line.lstrip("#* ").split()
    if not words or len(words) > 14 or not line.lstrip("#* ")[:1].isupper():
        return False
    if re.search(r"[.!?;,:]$", line.rstrip("*")):
        return False
    if line.startswith("#"):
        return True
    return next_line is not None and len(next_line.split()) > max(len(words) + 4, 10)


def parse(text: str, gazetteer: Gazetteer, *, option: str | None = None, sidecar: str | None = None) -> Structure:
    authority, how = authority_of(text, gazetteer, option=option, sidecar=sidecar)
    spans = list(lines(text))
    blocks: list[Block] = []
    scores: dict[str, int] = {}
    statement: fw.Statement | None = None
    score = 0
    frame: str | None = None
    sub: str | None = None
    score_block: Block | None = None
    current: Block | None = None

    def section_path() -> str:
        if statement is None:
            return " > ".join(p for p in (fw.OVERVIEW_SECTION, sub) if p)
        return " > ".join(p for p in (frame or fw.KEY_FINDINGS, sub) if p)

    for i, span in enumerate(spans):
        line = span.of(text)
        nxt = spans[i + 1].of(text) if i + 1 < len(spans) else None
        if i < 8 and TITLE.match(line):
            continue
        if st := fw.statement_of_line(line):
            statement, score, frame, sub = st, 0, None, None
            score_block = Block(st, 0, fw.SCORE_SECTION, False, [span])
            blocks.append(score_block)
            current = None
            continue
        if score_block is not None and (m := SCORE.match(line) or LABEL.match(line)):
            score = score or int(m.group("n"))
            score_block.score = score
            score_block.paragraphs.append(span)
            if statement:
                scores[statement.name] = score
            continue
        score_block = None
        if heading := fw.frame_heading_of_line(line):
            frame, sub, current = heading, None, None
            continue
        if THEME.match(line):
            sub, current = None, None
            continue
        if statement is None and len(line.split()) <= 3 and not re.search(r"[.!?]$", line):
            continue  # navigation left over from a copied web page ("Downloads")
        if (statement is None or frame == fw.KEY_FINDINGS) and _is_subheading(line, nxt):
            sub, current = line.lstrip("#* ").rstrip("* ").strip(), None
            continue
        if current is None:
            current = Block(
                statement,
                score,
                section_path(),
                boilerplate=frame in fw.BOILERPLATE_HEADINGS,
            )
            blocks.append(current)
        current.paragraphs.append(span)

    rating = RATING.search(text)
    # Score blocks must cover a contiguous slice from the statement heading to the label line.
    for b in blocks:
        if b.section == fw.SCORE_SECTION and len(b.paragraphs) > 1:
            b.paragraphs = [Span(b.paragraphs[0].start, b.paragraphs[-1].end)]
    return Structure(
        authority=authority,
        authority_from=how,
        blocks=[b for b in blocks if b.paragraphs],
        scores=scores,
        overall_rating=rating.group("r").capitalize() if rating else "",
    )
