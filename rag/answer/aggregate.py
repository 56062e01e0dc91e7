"""Questions answered from the structured fields: scores by authority and quality statement,
each claim citing the score line of its report."""

from __future__ import annotations

from dataclasses import dataclass

from rag.models import Chunk
from rag.query import Analysis


@dataclass
class Claim:
    text: str  # without its citation marker
    chunk: Chunk


@dataclass
class Aggregate:
    claims: list[Claim]
    missing: list[str]  # what was asked but is not in the reports
    lead: str = ""  # e.g. "2 councils scored 3 for Partnerships and communities:"


def is_score_question(a: Analysis) -> bool:
    return a.wants_score and (bool(a.authorities) or a.aggregate or a.score_value is not None)


def answer_scores(a: Analysis, scores: dict[tuple[str, str], list[Chunk]]) -> Aggregate:
    statements = a.statement_names
    if a.authorities:
        claims, missing = [], []
        for authority in a.authorities:
            wanted = statements or sorted({s for (auth, s) in scores if auth == authority})
            for statement in wanted:
                found = scores.get((authority, statement))
                if not found:
                    missing.append(f"{authority}: {statement}")
                    continue
                chunk = found[0]
                claims.append(Claim(f"{authority} scored {chunk.score} ({chunk.score_label}) for {statement}.", chunk))
        return Aggregate(claims, missing)
    rows = [
        (auth, statement, chunks[0])
        for (auth, statement), chunks in sorted(scores.items())
        if (not statements or statement in statements) and (a.score_value is None or chunks[0].score == a.score_value)
    ]
    if not rows:
        what = " and ".join(statements) or "any quality statement"
        value = f" {a.score_value}" if a.score_value else ""
        return Aggregate([], [f"no ingested report scored{value} for {what}"])
    several = len({r[1] for r in rows}) > 1
    claims = [
        Claim(f"{auth} ({statement}: {chunk.score})" if several or a.score_value is None else auth, chunk)
        for auth, statement, chunk in rows
    ]
    what = " and ".join(statements) if statements else "the quality statements asked about"
    if a.score_value is not None:
        n = len({r[0] for r in rows})
        lead = f"{n} {'council' if n == 1 else 'councils'} scored {a.score_value} for {what}:"
    else:
        lead = f"Scores for {what}:" if statements else "Scores:"
    return Aggregate(claims, [], lead)
