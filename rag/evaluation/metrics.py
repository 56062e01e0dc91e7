"""Metrics that need no LLM judge. Each works on one case; `summarise` averages over the cases
where a metric applies (None = not applicable, e.g. retrieval metrics on a case without gold).

Citation precision and recall follow ALCE (Gao et al., 2023), with our support scorer standing in
for their NLI model: a sentence is recalled when its citations together support it; a citation
is precise when it supports the sentence alone, or the others no longer do without it.

Each citation figure comes twice: scored with the answer path's own support check (`citation_*`,
`faithfulness`), and with the independent, stricter scorer of `rag.evaluation.independent`
(`*_independent`), which the answer path never uses; `passed_independent` is `passed` with the
independent scorer's verdict on the sentences. The optional LLM judge adds `judge_*`.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from rag.answer.check import DECLINES, split_claims
from rag.answer.support import support
from rag.evaluation import independent
from rag.evaluation.dataset import Case, Gold
from rag.models import Citation, SearchHit
from rag.text import normalise_space

METRICS = (  # name, higher is better, shown as a share
    "hit_at_k", "recall_at_k", "mrr", "ndcg_at_k", "fact_recall", "citation_validity",
    "citation_precision", "citation_recall", "faithfulness", "passed",
    "citation_precision_independent", "citation_recall_independent", "faithfulness_independent", "passed_independent",
    "judge_correctness", "judge_support",
)
# The figures scored twice: answer-path name -> independent name.
INDEPENDENT = {"citation_precision": "citation_precision_independent", "citation_recall": "citation_recall_independent",
               "faithfulness": "faithfulness_independent", "passed": "passed_independent"}
JUDGE = ("judge_correctness", "judge_support")  # only with --judge-url


def _source(s: str) -> str:
    return PurePosixPath(s.replace("\\", "/")).name


def gold_in(gold: Gold, hit: SearchHit) -> bool:
    """A gold quote matches a retrieved chunk from the same source that contains it."""
    return _holds(gold, hit.source, hit.text)


def _holds(gold: Gold, source: str, text: str) -> bool:
    return gold.quote is not None and _source(gold.source) == _source(source) and normalise_space(gold.quote) in normalise_space(text)


def retrieval(gold: Sequence[Gold], hits: Sequence[SearchHit], k: int) -> dict[str, float | None]:
    if not gold:
        return dict.fromkeys(("hit_at_k", "recall_at_k", "mrr", "ndcg_at_k"))
    top = list(hits)[:k]
    found = [any(gold_in(g, h) for h in top) for g in gold]
    first = next((i for i, h in enumerate(hits, 1) if any(gold_in(g, h) for g in gold)), None)
    # nDCG with binary gains: a chunk gains when it holds a gold quote not yet found higher up.
    seen: set[int] = set()
    dcg = 0.0
    for i, h in enumerate(top, 1):
        new = {j for j, g in enumerate(gold) if j not in seen and gold_in(g, h)}
        if new:
            dcg += 1 / math.log2(i + 1)
            seen |= new
    ideal = sum(1 / math.log2(i + 1) for i in range(1, min(len(gold), k) + 1))
    return {
        "hit_at_k": float(any(found)),
        "recall_at_k": sum(found) / len(gold),
        "mrr": 1 / first if first else 0.0,
        "ndcg_at_k": dcg / ideal,
    }


def fact_recall(facts: Sequence[Sequence[str]], answer: str) -> tuple[float | None, list[str]]:
    """Share of fact groups with an alternative found in the answer; the groups missed."""
    if not facts:
        return None, []
    missed = [" | ".join(g) for g in facts if not any(re.search(alt, answer, re.I) for alt in g)]
    return 1 - len(missed) / len(facts), missed


def citation_validity(citations: Sequence[Citation], text_of: Callable[[str], str | None]) -> float | None:
    """Share of citations whose quote is exactly the stored document text at [start:end]."""
    if not citations:
        return None
    ok = 0
    for c in citations:
        text = text_of(c.document_id)
        ok += text is not None and text[c.start : c.end] == c.quote
    return ok / len(citations)


@dataclass
class CitationScores:
    precision: float | None
    recall: float | None
    faithfulness: float | None
    unsupported: list[str]


# The region an aggregate was narrowed to, as the question asked it: the question's scope, not a claim.
_AMONG = re.compile(r"^\s*Among the [\w ]{1,40} councils in the ingested reports: ")
_COUNTED = re.compile(r"^\s*(\d+) (?:councils?|authorities)\b|^[^:]{0,120}? scored [1-4] for (\d+) quality statements?:")


def _uncounted(claim: str, cited: set[str], cites: int) -> str:
    """"5 councils scored 3 for Safeguarding: A [1], …", "X scored 3 for 2 quality statements: A [1]
    and B [2]": a count of the councils or statements the sentence cites is supported by the
    citations themselves, so it is left out of the check; so is the yes or no
    that answers a question before the fact it rests on ("No: X scored 2 for Safeguarding [1]."),
    which the question, not the passage, gives its sense; and the region a list was narrowed to."""
    claim = _AMONG.sub("", independent.ANSWER_WORD.sub("", claim))
    m = _COUNTED.match(claim)
    if m is None:
        return claim
    n, counted = (1, len(cited)) if m.group(1) else (2, cites)  # councils cited, or citations (one a statement)
    return claim[: m.start(n)] + claim[m.end(n) :] if int(m.group(n)) == counted else claim


# "The average score for X across the 3 councils … is 2.33: A 2 [1], B 3 [2] and C 2 [3].": a mean
# worked out from the results the sentence lists, each cited.
_AVERAGE = re.compile(r"^\s*The average [^:]{1,120}? across the (\d+) (?:councils|scores)\b[^:]{0,80}? is (\d+(?:\.\d+)?)(?: out of 100)?:")
_LISTED_VALUE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:%| out of 100)?(?: \((\d+) scores?\))?(?=\)|, indicative\)| \(indicative\)|,| and |\.?$)")


def _unaveraged(claim: str) -> str:
    """The mean a sentence gives of the results it lists is supported by those results (each of
    which its citations must support), so it is left out of the check when it is their mean."""
    m = _AVERAGE.match(claim)
    if m is None:
        return claim
    listed = [(float(v), int(k or 1)) for v, k in _LISTED_VALUE.findall(claim[m.end() :])]
    weight = sum(k for _, k in listed)
    if not listed or int(m.group(1)) not in (len(listed), weight):
        return claim
    mean = sum(v * k for v, k in listed) / weight
    # (a council's own mean is listed to two places, so the whole is good to 0.005 more then)
    weighted = weight != len(listed)
    if abs(mean - float(m.group(2))) > (0.011 if weighted else 0.006):
        return claim
    # the claim less the count and the mean: what it is the mean of stays a claim
    head = claim[: m.start(1)] + claim[m.end(1) : m.start(2)] + claim[m.end(2) : m.end()]
    if weighted:  # ("across the 36 scores of 4 councils": the councils listed)
        head = re.sub(rf"\b{len(listed)} (?=councils\b)", "", head)
    # (each council's own mean of its scores, "2.5 (4 scores)", is worked out too; its scores are cited)
    return head + (_LISTED_VALUE.sub(" ", claim[m.end() :]) if weighted else claim[m.end() :])


def citation_scores(answer: str, citations: Sequence[Citation]) -> CitationScores:
    # (a sentence saying what the reports do not give is no claim from a passage)
    claims = [c for c in split_claims(answer) if c.cites or not DECLINES.search(c.text)]
    if not claims:
        return CitationScores(None, None, None, [])
    by_n = {c.n: c for c in citations}
    everything = "\n".join(c.passage for c in citations)
    recalled = precise = cited = faithful = 0
    unsupported: list[str] = []
    for claim in claims:
        passages = [by_n[n].passage if n in by_n else "" for n in claim.cites]
        text = _unaveraged(_uncounted(claim.text, {by_n[n].authority for n in claim.cites if n in by_n}, len(claim.cites)))
        joint = bool(claim.cites) and support(text, "\n".join(passages)).supported
        recalled += joint
        if not joint:
            unsupported.append(claim.text)
        for i, p in enumerate(passages):
            cited += 1
            if not joint:
                continue  # ALCE: citations of an unsupported sentence are all imprecise
            alone = support(text, p).supported
            rest = "\n".join(q for j, q in enumerate(passages) if j != i)
            precise += alone or not (rest and support(text, rest).supported)
        faithful += bool(everything) and support(text, everything).supported
    return CitationScores(
        precision=precise / cited if cited else 0.0,
        recall=recalled / len(claims),
        faithfulness=faithful / len(claims),
        unsupported=unsupported,
    )


@dataclass
class Abstention:
    precision: float | None  # of the abstentions, the share on unanswerable questions
    recall: float | None  # of the unanswerable questions, the share abstained on
    accuracy: float  # right decision (answer or abstain) over all cases


def abstention(pairs: Sequence[tuple[bool, bool]]) -> Abstention:
    """`pairs`: (answerable, abstained) for each case."""
    abstained = [a for a in pairs if a[1]]
    unanswerable = [a for a in pairs if not a[0]]
    return Abstention(
        precision=sum(not ans for ans, _ in abstained) / len(abstained) if abstained else None,
        recall=sum(ab for _, ab in unanswerable) / len(unanswerable) if unanswerable else None,
        accuracy=sum(ans != ab for ans, ab in pairs) / len(pairs) if pairs else 0.0,
    )


def percentile(values: Sequence[float], p: float) -> float | None:
    s = sorted(values)
    if not s:
        return None
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def mean(values: Sequence[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return sum(got) / len(got) if got else None


def bootstrap(values: Sequence[float | None], rounds: int = 1000, seed: int = 7) -> tuple[float, float] | None:
    """95% confidence interval of the mean, by resampling the cases (seeded: runs compare)."""
    got = [v for v in values if v is not None]
    if len(got) < 2:
        return None
    rng = random.Random(seed)
    means = sorted(sum(rng.choices(got, k=len(got))) / len(got) for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def case_metrics(case: Case, abstained: bool, answer: str, citations: Sequence[Citation],
                 hits: Sequence[SearchHit], k: int, text_of: Callable[[str], str | None],
                 scorer: independent.Scorer | None = None) -> tuple[dict[str, float | None], list[str]]:
    """Every per-case metric, and what failed in words."""
    d = case_detail(case, abstained, answer, citations, hits, k, text_of, scorer)
    return d["metrics"], d["failures"]


def case_detail(case: Case, abstained: bool, answer: str, citations: Sequence[Citation],
                hits: Sequence[SearchHit], k: int, text_of: Callable[[str], str | None],
                scorer: independent.Scorer | None = None) -> dict[str, Any]:
    """A case scored, with its evidence: `metrics`; `failures` (what fails the case, then, for a
    failed case, what explains it: gold passages not retrieved or not cited); `failures_independent`
    (the same with the independent scorer's verdict on the sentences); `notes` (the explanations,
    for a case that passed); `retrieved` (the passages in rank order, each a hit or a miss against
    gold); `gold` (each gold passage, its rank and the citations holding it); `sentences` (the
    independent scorer's verdict on every sentence)."""
    scorer = scorer or independent.Scorer()
    failures: list[str] = []
    m: dict[str, float | None] = dict(retrieval(case.gold, hits, k) if case.answerable else dict.fromkeys(("hit_at_k", "recall_at_k", "mrr", "ndcg_at_k")))
    if case.answerable and abstained:
        failures.append("abstained but should answer")
    if not case.answerable and not abstained:
        failures.append("answered but should abstain")
    recall, _ = fact_recall(case.facts, answer) if case.answerable else (None, [])
    m["fact_recall"] = recall
    if case.answerable:
        failures += [f"fact group {i} missing: {' | '.join(g)}" for i, g in enumerate(case.facts, 1)
                     if not any(re.search(alt, answer, re.I) for alt in g)]
    m["citation_validity"] = citation_validity(citations, text_of)
    if m["citation_validity"] is not None and m["citation_validity"] < 1:
        failures.append("a citation's quote differs from the stored text")
    shared = list(failures)  # what fails the case whichever scorer judges the sentences
    scores = citation_scores(answer, citations) if not abstained else CitationScores(None, None, None, [])
    m["citation_precision"], m["citation_recall"], m["faithfulness"] = scores.precision, scores.recall, scores.faithfulness
    failures += [f"unsupported sentence: {s}" for s in scores.unsupported]
    m["passed"] = float(not failures)
    if abstained:
        ind = independent.Scores(None, None, None, [])
    else:
        ind = scorer.score(answer, {c.n: independent.passage_text(c.model_dump()) for c in citations})
    m["citation_precision_independent"], m["citation_recall_independent"], m["faithfulness_independent"] = ind.precision, ind.recall, ind.faithfulness
    failures_ind = shared + [f"sentence {i} not supported by {_marks(s['cites'])} (independent): {s['reason']}: {s['text']}"
                             for i, s in enumerate(ind.sentences, 1) if not s["supported"]]
    m["passed_independent"] = float(not failures_ind)
    for name in JUDGE:
        m[name] = None
    retrieved, gold, notes = evidence(case, abstained, citations, hits, k)
    return {
        "metrics": m,
        "failures": failures + notes if failures else [],
        "failures_independent": failures_ind + notes if failures_ind else [],
        "notes": [] if failures and failures_ind else notes,
        "retrieved": retrieved,
        "gold": gold,
        "sentences": ind.sentences,
    }


def _marks(cites: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in cites) or "no citation"


def evidence(case: Case, abstained: bool, citations: Sequence[Citation], hits: Sequence[SearchHit],
             k: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """Retrieved passages in rank order marked hit or miss against gold, each gold passage with
    its rank and citations, and in words why a gold passage is missing from the answer."""
    retrieved: list[dict[str, Any]] = []
    ranks: dict[int, int] = {}  # gold passage -> best rank
    for rank, h in enumerate(hits, 1):
        golds = [i for i, g in enumerate(case.gold, 1) if gold_in(g, h)]
        retrieved.append({
            "rank": rank, "in_k": rank <= k, "hit": bool(golds), "gold": golds,
            "cited": [c.n for c in citations if c.chunk_id == h.chunk_id],
            "source": h.source, "authority": h.authority, "quality_statement": h.quality_statement,
            "section": h.section, "start": h.start, "end": h.end, "text": h.text,
        })
        for i in golds:
            ranks.setdefault(i, rank)
    gold: list[dict[str, Any]] = []
    notes: list[str] = []
    for i, g in enumerate(case.gold, 1):
        found = ranks.get(i)
        cited = [c.n for c in citations if _holds(g, c.source, c.quote)]
        gold.append({"n": i, "source": g.source, "span": list(g.span) if g.span else None, "quote": g.quote,
                     "rank": found, "cited": cited})
        where = f"{g.source} [{g.span[0]}:{g.span[1]}]" if g.span else g.source
        if g.quote:
            q = normalise_space(g.quote)
            where += f" “{q[:70]}{'…' if len(q) > 70 else ''}”"
        if found is None or found > k:
            notes.append(f"gold passage {i} not retrieved (rank > k={k}): {where}")
        elif not cited and not abstained:
            notes.append(f"gold passage {i} retrieved (rank {found}) but not cited: {where}")
    return retrieved, gold, notes
