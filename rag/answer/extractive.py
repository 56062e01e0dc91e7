"""The default answerer, no LLM: the report sentences that best answer the question, each cited.

Grounded by construction: every sentence of the answer is a verbatim sentence of a cited passage.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rag import framework as fw
from rag.answer.support import numbers, stems
from rag.models import SearchHit
from rag.query import Analysis
from rag.text import Span, sentences

# Below this share of the question's (IDF-weighted) terms, a sentence does not answer it.
MIN_COVERAGE = 0.34
_WHEN = re.compile(r"^\s*(?:when|what (?:year|month|date))\b", re.I)
_HOW_MANY = re.compile(r"\b(how many|how much|what (?:share|percentage|proportion|number|amount)|what was the \w+ (?:rate|budget|cost))\b", re.I)
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
    wants_date, wants_number = bool(_WHEN.search(question)), bool(_HOW_MANY.search(question))
    out = []
    for hit, span, text, s in pool:
        covered = frozenset(terms & s)
        coverage = sum(idf[t] for t in covered) / total
        score = coverage + 0.25 * hit.rank_score / top_rank
        if wants_date:
            score += 0.2 if _DATE.search(text) else -0.3
        if wants_number:
            score += 0.2 if numbers(text) else -0.3
        out.append(Candidate(hit, span, text, score, coverage, covered))
    return sorted(out, key=lambda c: -c.score)


def choose(cands: list[Candidate], limit: int = 3, min_coverage: float = MIN_COVERAGE) -> list[Candidate]:
    """The best sentence, and up to two more that cover question terms it leaves out."""
    if not cands or cands[0].coverage < min_coverage:
        return []
    best = cands[0]
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
