"""The citation check for generated answers.

Each sentence must cite a passage that supports it (rag.answer.support). A wrong citation number
is repaired when another retrieved passage clearly supports the sentence; an unsupported
sentence is removed. What was removed or repaired is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.answer.support import support
from rag.models import Removed, SearchHit
from rag.text import normalise_space, sentences

_MARKS = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
# A sentence saying what the reports do not give: no claim from a passage ("The assessment reports
# do not say.", "No passage found for X gives a date …", "The ingested reports give no overall rating for X.").
DECLINES = re.compile(
    r"\b(?:do(?:es)? not (?:say|mention|contain|include|provide|cover)|not (?:in|covered by) the (?:reports|passages)|"
    r"(?:cannot|can't|unable to) (?:answer|find|tell)|no information|no passage found|reports? gives? no)\b",
    re.I,
)


@dataclass
class Claim:
    text: str  # the sentence without its markers
    cites: list[int]  # 1-based passage numbers


@dataclass
class Checked:
    claims: list[Claim] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    declined: bool = False


def split_claims(answer: str) -> list[Claim]:
    """Sentences with the [n] markers that follow them (markers may trail the full stop)."""
    text = normalise_space(answer)
    # Move markers written after the full stop ("... 2023. [1]", a quotation's "... every day.’ [1]") before it.
    text = re.sub(r"([.!?]+[\"'”’)]*)((?:\s*\[\d+(?:\s*,\s*\d+)*\])+)", r"\2\1", text)
    out = []
    for span in sentences(text):
        s = span.of(text)
        cites = [int(n) for group in _MARKS.findall(s) for n in re.split(r"\s*,\s*", group)]
        bare = normalise_space(_MARKS.sub("", s))
        if bare:
            out.append(Claim(bare, list(dict.fromkeys(cites))))
    return out


def check(answer: str, passages: list[SearchHit]) -> Checked:
    result = Checked()
    claims = split_claims(answer)
    if not claims or all(DECLINES.search(c.text) and not c.cites for c in claims):
        result.declined = True
        return result
    for claim in claims:
        if DECLINES.search(claim.text) and not claim.cites:
            continue  # a hedge, not a claim
        valid = [n for n in claim.cites if 1 <= n <= len(passages)]
        good = [n for n in valid if support(claim.text, passages[n - 1].passage).supported]
        if good:
            result.claims.append(Claim(claim.text, good))
            if len(good) < len(claim.cites):
                result.removed.append(Removed(
                    sentence=claim.text, action="repaired", cited=claim.cites, now_cites=good,
                    reason="dropped citations that do not support the sentence",
                ))
            continue
        best = _best_other(claim.text, passages)
        if best is not None:
            result.claims.append(Claim(claim.text, [best]))
            result.removed.append(Removed(
                sentence=claim.text, action="repaired", cited=claim.cites, now_cites=[best],
                reason="no citation" if not claim.cites else f"cited [{', '.join(map(str, claim.cites))}], which does not support it",
            ))
            continue
        result.removed.append(Removed(sentence=claim.text, action="removed", cited=claim.cites, reason=_why(claim, passages)))
    return result


def _best_other(sentence: str, passages: list[SearchHit]) -> int | None:
    scored = [(support(sentence, p.passage), i) for i, p in enumerate(passages, 1)]
    ok = [(s.overlap, i) for s, i in scored if s.supported]
    return max(ok)[1] if ok else None


def _why(claim: Claim, passages: list[SearchHit]) -> str:
    if not claim.cites:
        return "no citation, and no retrieved passage supports it"
    n = claim.cites[0]
    if not 1 <= n <= len(passages):
        return f"cites [{n}], which does not exist"
    s = support(claim.text, passages[n - 1].passage)
    if s.missing:
        return f"not in the cited passage: {', '.join(s.missing)}"
    return f"too little of it is in the cited passage ({s.overlap:.0%} of its words)"
