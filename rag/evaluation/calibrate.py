"""Calibrate the independent scorer's embedding threshold on labelled sentence-passage pairs.

    python -m rag.evaluation.calibrate TUNE/results.json [CHECK/results.json ...] [--json OUT]

The pairs come from `aqa eval` runs (results.json):
- supported: an answer sentence that is a verbatim sentence of the passage it cites;
- unsupported: the same sentence against a passage of another authority or another section
  (any passage the runs retrieved or cited; passages that hold the sentence verbatim are left out,
  e.g. boilerplate every report shares).

The threshold serves the whole rule (anchors and cosine): it is chosen on the first file only, as
the most lenient one whose Youden's J (TPR - FPR) is within one supported pair of the best; the
other files are scored with it and never tune it (use the held-out set there).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.evaluation import independent


@dataclass(frozen=True)
class Pair:
    sentence: str
    passage: str
    supported: bool
    hard: bool = False  # a negative from a twin: same statement and section, another authority


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".").lower()


def _passages(results: dict[str, Any]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, int, int], dict[str, Any]] = {}
    for row in results["cases"]:
        for p in [*row.get("citations", []), *({**r, "quote": r["text"]} for r in row.get("retrieved", []))]:
            seen.setdefault((p["source"], p["start"], p["end"]), p)
    return list(seen.values())


def pairs(results: dict[str, Any]) -> list[Pair]:
    pool = _passages(results)
    out: list[Pair] = []
    done: set[tuple[str, str]] = set()
    for row in results["cases"]:
        by_n = {c["n"]: c for c in row.get("citations", [])}
        for s in row.get("sentences", []):
            for n in s["cites"]:
                c = by_n.get(n)
                if c is None or _flat(independent.claim(s["text"])) not in _flat(c["quote"]) or (s["text"], c["chunk_id"]) in done:
                    continue
                done.add((s["text"], c["chunk_id"]))
                out.append(Pair(s["text"], independent.passage_text(c), True))
                for p in pool:
                    if (p["authority"], p["section"]) == (c["authority"], c["section"]) or _flat(independent.claim(s["text"])) in _flat(p["quote"]):
                        continue
                    hard = p["authority"] != c["authority"] and p["quality_statement"] == c["quality_statement"]
                    out.append(Pair(s["text"], independent.passage_text(p), False, hard))
    return out


def auc(pos: Sequence[float], neg: Sequence[float]) -> float | None:
    """Probability that a supported pair scores above an unsupported one (ties count half)."""
    if not pos or not neg:
        return None
    ranked = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    # Mann-Whitney U from average ranks.
    ranks: dict[int, float] = {}
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        for t in range(i, j):
            ranks[t] = (i + j + 1) / 2
        i = j
    r_pos = sum(ranks[t] for t, (_, lab) in enumerate(ranked) if lab)
    return (r_pos - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def choose(pos: Sequence[float], neg: Sequence[float], tolerance: float | None = None) -> float:
    """The most lenient threshold (accepting score >= threshold) whose Youden's J = TPR - FPR is
    within `tolerance` of the best (default: one supported pair, 1/len(pos), the resolution the
    supported side has). A candidate value c_i stands for the interval (c_i-1, c_i]: the middle of
    that interval is returned. Scores of -inf (pairs the anchor rule rejects) are never accepted."""
    tolerance = 1 / len(pos) if tolerance is None else tolerance
    cands = sorted(v for v in set(pos) | set(neg) if v != float("-inf"))
    j = [sum(v >= t for v in pos) / len(pos) - sum(v >= t for v in neg) / len(neg) for t in cands]
    best = max(j)
    i = next(i for i, x in enumerate(j) if x >= best - tolerance - 1e-12)
    below = cands[i - 1] if i > 0 else cands[i]
    return round((below + cands[i]) / 2, 3)


def rates(pairs_: Sequence[Pair], accept: Callable[[Pair], bool]) -> dict[str, float | None]:
    pos = [p for p in pairs_ if p.supported]
    neg = [p for p in pairs_ if not p.supported]
    hard = [p for p in neg if p.hard]
    share = lambda xs: round(sum(map(accept, xs)) / len(xs), 4) if xs else None  # noqa: E731
    return {"tpr": share(pos), "fpr": share(neg), "fpr_hard": share(hard)}


def _quantiles(values: Sequence[float]) -> dict[str, float]:
    s = sorted(values)
    q = lambda p: round(s[min(len(s) - 1, int(p * (len(s) - 1)))], 3)  # noqa: E731
    return {"min": round(s[0], 3), "p05": q(0.05), "median": q(0.5), "p95": q(0.95), "max": round(s[-1], 3)}


def calibrate(tune: list[Pair], checks: dict[str, list[Pair]], embed: Callable[[Sequence[str]], list[list[float]]],
              threshold: float | None = None) -> dict[str, Any]:
    scorer = independent.Scorer(embed, threshold=None)
    cos = lambda p: scorer.cosine(independent.claim(p.sentence), independent.body(p.passage)) or 0.0  # noqa: E731
    scored = {id(p): cos(p) for ps in [tune, *checks.values()] for p in ps}
    anchors_ok = lambda p: not independent.missing(p.sentence, p.passage)  # noqa: E731
    # The threshold serves the whole rule: chosen on the pairs the anchors let through.
    rule = lambda p: scored[id(p)] if anchors_ok(p) else float("-inf")  # noqa: E731
    t = choose([rule(p) for p in tune if p.supported], [rule(p) for p in tune if not p.supported]) if threshold is None else threshold
    out: dict[str, Any] = {"threshold": t, "chosen_on": "tune" if threshold is None else "given"}
    for name, ps in {"tune": tune, **checks}.items():
        p_ = [scored[id(p)] for p in ps if p.supported]
        n_ = [scored[id(p)] for p in ps if not p.supported]
        hardest: dict[str, float] = {}
        for p in ps:
            if not p.supported:
                hardest[p.sentence] = max(hardest.get(p.sentence, -1.0), scored[id(p)])
        out[name] = {
            "supported_pairs": len(p_), "unsupported_pairs": len(n_), "twin_pairs": sum(p.hard for p in ps if not p.supported),
            "cosine_supported": _quantiles(p_) if p_ else None,
            "cosine_unsupported": _quantiles(n_) if n_ else None,
            "cosine_hardest_unsupported_per_sentence": _quantiles(list(hardest.values())) if hardest else None,
            "auc": None if auc(p_, n_) is None else round(auc(p_, n_) or 0.0, 4),
            "cosine_only": rates(ps, lambda p: scored[id(p)] >= t),
            "anchors_only": rates(ps, anchors_ok),
            "anchors_and_cosine": rates(ps, lambda p: anchors_ok(p) and scored[id(p)] >= t),
        }
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tune", type=Path, help="results.json whose pairs choose the threshold")
    ap.add_argument("check", type=Path, nargs="*", help="results.json files scored with it (e.g. the held-out set)")
    ap.add_argument("--threshold", type=float, help="score with this threshold instead of choosing one")
    ap.add_argument("--json", type=Path, help="write the figures here too")
    args = ap.parse_args(argv)
    from rag.embeddings import SentenceTransformerEmbedder

    load = lambda p: json.loads(p.read_text(encoding="utf-8"))  # noqa: E731
    embedder = SentenceTransformerEmbedder()
    figures = calibrate(pairs(load(args.tune)), {str(p): pairs(load(p)) for p in args.check}, embedder.embed_batch, args.threshold)
    figures["model"] = embedder.name
    text = json.dumps(figures, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
