"""Answers on real CQC report pages (issue 11): every test set side by side, and the extractive
answer's latency on the real-page questions.

Runs `aqa eval`'s runner on each set over the corpus it was written for; the held-out sets were
never tuned on, so their figures are the honest ones. Target: extractive answer p50 <= 150 ms.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from aqa.components import build_components
from bench.common import ROOT, machine, percentile, write_section
from rag.answer.chain import Ask, build_chain
from rag.evaluation import dataset, runner
from rag.settings import Settings

SHARED = ROOT.parent / "shared"
SETS = {  # set -> corpus it was written for
    "cqc": [*sorted((SHARED / "corpus").glob("*.txt")), ROOT / "examples" / "corpus"],
    "holdout": [*sorted((SHARED / "corpus").glob("*.txt")), ROOT / "examples" / "corpus"],
    "sections_dev": [*sorted((SHARED / "corpus").glob("*.txt")), ROOT / "examples" / "corpus"],
    "reports_dev": sorted((SHARED / "reports").glob("*.txt")),
    "reports_dev2": sorted((SHARED / "reports").glob("*.txt")),
    "reports_holdout": sorted((SHARED / "reports").glob("*.txt")),
    "injection": [ROOT / "evals" / "corpus" / "injection"],
}
METRICS = ["passed", "fact_recall", "hit_at_k", "citation_validity", "citation_precision", "citation_precision_independent",
           "abstention_precision", "abstention_recall", "abstention_accuracy"]


def main() -> None:
    results, latencies = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        stores: dict[str, object] = {}
        for name, corpus in SETS.items():
            key = str(corpus)
            if key not in stores:
                c = build_components(Settings(data_dir=Path(tmp) / f"s{len(stores)}", _env_file=None))
                c.ingestor.ingest([str(p) for p in corpus])
                stores[key] = c
            c = stores[key]
            cases = dataset.load(ROOT / "evals" / f"{name}.jsonl")
            results[name] = runner.run(cases, c.answerer, c.store, name=name)
            if name.startswith("reports"):  # the real pages
                chain = build_chain(c)
                for case in cases:
                    latencies.append(chain.invoke(Ask(case.question, history=case.history)).timings["total_ms"])
    head = "| metric | " + " | ".join(f"{n} ({len(r['cases'])})" for n, r in results.items()) + " |"
    rows = [head, "|" + " --- |" * (len(results) + 1)]
    for m in METRICS:
        rows.append(f"| {m} | " + " | ".join(f"{r['summary'][m]['value']:.3f}" if r["summary"].get(m, {}).get("value") is not None
                                            else "n/a" for r in results.values()) + " |")
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    write_section("Answers on real report pages (issue 11)", f"""
Machine: {machine()}.
Sets: `cqc` (tuned on), `holdout` (never tuned on), `sections_dev` (paraphrased questions on the
two full real sections, tuned on), `reports_dev` and `reports_dev2` (real pages of 6 authorities,
tuned on), `reports_holdout` (the other 6 authorities' pages, **never tuned on**) and `injection`
(planted claims and injected instructions on a fictional corpus). Extractive answerer, k=5,
default embedder.

{chr(10).join(rows)}

Extractive answer latency on the {len(latencies)} real-page questions (warm, one process):
p50 **{p50:.0f} ms**, p95 {p95:.0f} ms (target p50 <= 150 ms).
""")


if __name__ == "__main__":
    main()
