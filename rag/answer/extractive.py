"""The default answerer, no LLM: the report sentences that best answer the question, each cited.

Grounded by construction: every sentence of the answer is a verbatim sentence of a cited passage.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rag import framework as fw
from rag.answer.support import facts, numbers, stems
from rag.models import SearchHit
from rag.query import Analysis
from rag.text import Span, sentences

# Below this share of the question's (IDF-weighted) terms, a sentence does not answer it.
MIN_COVERAGE = 0.34
KIND_BONUS = 0.8  # share of MIN_COVERAGE needed when a sentence holds the date, number or name asked for
_WHEN = re.compile(r"^\s*(?:when|what (?:year|month|date))\b", re.I)
_HOW_MANY = re.compile(
    r"\b(how many|how much|what (?:[a-z-]+ ){0,2}(?:rate|share|percentage|proportion|number|amount|budget|cost|fee|price|figure)s?)\b", re.I
)
# "Who is the director ...": an answer must name that role, not just any name.
_ROLES = {"director", "leader", "manager", "chair", "chief", "executive", "officer", "lead", "head", "worker",
          "commissioner", "member", "minister", "principal", "coordinator", "champion"}
_COUNTED = re.compile(r"\bhow many ([a-z-]+)", re.I)
_WHO = re.compile(r"^\s*(?:who\b|what is the name of|what are the names of|name the)", re.I)
# "Which hospital does ...", "What charity runs ...": the answer names something.
_WHICH = re.compile(
    r"^\s*(?:which|what)\s+(?:[a-z-]+\s+){0,2}(?:hospital|trust|board|charity|organisation|organization|body|provider|partner|"
    r"team|service|scheme|project|programme|hub|plan|strategy|group|forum|network)s?\b", re.I
)
_DATE = re.compile(r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
_INJECTION = re.compile(r"\b(ignore (?:all |any )?(?:previous|prior|above|earlier) instructions|system prompt|disregard (?:the|your) instructions|you are now|reply with|respond with)\b", re.I)
# Words that say nothing about which sentence answers: every report is full of them.
_GENERIC = {"council", "local", "authority", "authorities", "report", "assessment", "cqc", "care", "social", "adult", "adults",
            "compare", "comparison", "differ", "difference", "describe", "explain", "summarise", "summarize", "between", "both"}


@dataclass
class Candidate:
    hit: SearchHit
    span: Span  # offsets into the document, inside the hit
    text: str
    score: float
    coverage: float
    terms: frozenset[str]
    fits: bool = True  # holds the kind of thing asked for (a date for "when", ...)
    kind_asked: bool = False  # the question asked for a kind of thing (and `fits` says if this has it)


def question_terms(question: str, analysis: Analysis) -> set[str]:
    names = " ".join(analysis.authorities + analysis.missing_authorities).lower()
    drop = stems(names) | _GENERIC
    return {t for t in stems(question) if t not in drop}


def candidates(question: str, analysis: Analysis, hits: list[SearchHit]) -> list[Candidate]:
    terms = question_terms(question, analysis)
    pool: list[tuple[SearchHit, Span, str, set[str]]] = []
    for hit in hits:
        if hit.section == fw.SCORE_SECTION or (hit.boilerplate and not analysis.wants_boilerplate):
            continue
        for span in sentences(hit.text):
            text = span.of(hit.text)
            if _INJECTION.search(text) or len(text.split()) < 4:
                continue
            pool.append((hit, Span(hit.start + span.start, hit.start + span.end), text, stems(text)))
    if not pool or not terms:
        return []
    df = {t: sum(1 for *_, s in pool if t in s) for t in terms}
    idf = {t: math.log(1 + len(pool) / (1 + df[t])) + 0.1 for t in terms}
    total = sum(idf.values())
    top_rank = max(h.rank_score for h in hits) or 1.0
    wants = expects(question)
    generic = stems(" ".join(analysis.authorities)) | _GENERIC
    # What must be named alongside: the role asked about ("who is the director"), or the thing
    # counted ("how many beds": a sentence with a number of pounds does not answer it).
    needed = stems(question) & _ROLES if wants == "name" else set()
    if wants == "number" and (m := _COUNTED.search(question)):
        needed = stems(m.group(1)) - {"pound", "time", "more", "fewer", "extra"}
    out = []
    for hit, span, text, s in pool:
        covered = frozenset(terms & s)
        coverage = sum(idf[t] for t in covered) / total
        score = coverage + 0.25 * hit.rank_score / top_rank
        fits = answers_kind(text, wants, generic)
        if wants:
            score += 0.2 if fits else -0.3
        # Only the best sentence must name the role or thing counted: others may answer another part.
        out.append(Candidate(hit, span, text, score, coverage, covered, fits and needed <= s, wants is not None))
    return sorted(out, key=lambda c: -c.score)


def expects(question: str) -> str | None:
    """What kind of thing the question asks for: a date, a number, a name, or anything."""
    if _WHEN.search(question):
        return "date"
    if _HOW_MANY.search(question):
        return "number"
    if _WHO.search(question) or _WHICH.search(question):
        return "name"
    return None


def answers_kind(text: str, wants: str | None, generic: set[str]) -> bool:
    match wants:
        case "date":
            return bool(_DATE.search(text))
        case "number":
            return bool(numbers(text))
        case "name":  # a proper name other than the authority's own
            return any(f.startswith("!") and stems(f[1:]) - generic for f in facts(text))
    return True


def choose(cands: list[Candidate], limit: int = 3, min_coverage: float = MIN_COVERAGE) -> list[Candidate]:
    """The best sentence, and up to two more that cover question terms it leaves out."""
    if not cands:
        return []
    best = cands[0]
    if not best.fits:  # "how many" answered by a sentence with no number: the reports do not say
        return []
    # A sentence holding the kind of thing asked for ("which board" -> a board's name) needs less overlap.
    if best.coverage < min_coverage * (KIND_BONUS if best.kind_asked else 1):
        return []
    chosen = [best]
    covered = set(best.terms)
    for c in cands[1:]:
        if len(chosen) >= limit:
            break
        new = c.terms - covered
        if new and c.score >= 0.75 * best.score and c.coverage >= min_coverage:
            chosen.append(c)
            covered |= c.terms
    # Read in document order within a passage, passages in rank order.
    order = {c.hit.chunk_id: i for i, c in enumerate(chosen)}
    return sorted(chosen, key=lambda c: (order[c.hit.chunk_id], c.span.start))
