"""Calibrate the support threshold (rag/answer/support.py MIN_OVERLAP) on the eval set.

Positives: each answerable case's reference answer (written by a person, in their own words)
against its gold passage. Negatives: the same reference against the other passages retrieved for
the question that hold no gold quote (same topic, often the twin authority's). For each
threshold: the share of positives supported (recall) and of negatives supported (false support).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from aqa.components import build_components
from bench.common import copy_corpus, eval_cases, write_section
from rag.answer import support as S
from rag.settings import Settings
from rag.text import normalise_space, sentences

THRESHOLDS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]


def pairs(c, cases: list[dict]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:  # noqa: ANN001
    pos, neg = [], []
    for case in cases:
        ref, gold = case.get("reference"), case.get("gold") or []
        if not case["answerable"] or not ref or not gold or case.get("kind") in ("aggregate", "comparison"):
            continue
        quotes = [normalise_space(g["quote"]) for g in gold]
        claims = [s.of(ref) for s in sentences(ref)] or [ref]
        for h in c.retriever.search(case["question"], k=8).results:
            holds_gold = any(q in normalise_space(h.text) for q in quotes)
            for claim in claims:
                (pos if holds_gold else neg).append((claim, h.passage))
    return pos, neg


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="aqa-cal-"))
    c = build_components(Settings(data_dir=tmp / "data", _env_file=None))
    c.ingestor.ingest([str(copy_corpus(tmp / "corpus"))])
    pos, neg = pairs(c, eval_cases())
    rows = []
    saved = S.MIN_OVERLAP
    try:
        for t in THRESHOLDS:
            S.MIN_OVERLAP = t
            tpr = sum(S.support(a, b).supported for a, b in pos) / len(pos)
            fpr = sum(S.support(a, b).supported for a, b in neg) / len(neg)
            rows.append(f"| {t:.1f}{' (in use)' if t == saved else ''} | {tpr:.3f} | {fpr:.3f} | {tpr - fpr:.3f} |")
    finally:
        S.MIN_OVERLAP = saved
    body = f"""{len(pos)} positive pairs (a person's reference answer, its gold passage) and {len(neg)} negative
pairs (the same answer, another passage retrieved for the question) from `evals/cqc.jsonl`.
"Supported" = every number, month and name in the answer appears in the passage, and at least
the threshold's share of its content words.

| content-word overlap threshold | positives supported | negatives supported | difference |
| --- | --- | --- | --- |
""" + "\n".join(rows) + "\n"
    write_section("Support threshold calibration (issue 3)", body)
    print(body)


if __name__ == "__main__":
    main()
