"""Every test set's figures side by side: `python3 evals/side_by_side.py OUT/*/results.json`.

Prints one Markdown table (a column per set) and writes it to the first file's parent folder as
side_by_side.md. Standard library only."""

from __future__ import annotations

import json
import sys
from pathlib import Path

METRICS = ["passed", "fact_recall", "hit_at_k", "mrr", "citation_validity", "citation_precision", "citation_recall",
           "citation_precision_independent", "faithfulness", "abstention_precision", "abstention_recall",
           "abstention_accuracy", "latency_p50_ms"]


def main(paths: list[str]) -> str:
    runs = [(Path(p).parent.name, json.loads(Path(p).read_text(encoding="utf-8"))) for p in paths]
    head = "| metric | " + " | ".join(f"{name} ({len(r['cases'])})" for name, r in runs) + " |"
    rows = [head, "|" + " --- |" * (len(runs) + 1)]
    for m in METRICS:
        cells = []
        for _, r in runs:
            v = r["summary"].get(m, {}).get("value")
            cells.append("n/a" if v is None else (f"{v:.0f} ms" if m.endswith("_ms") else f"{v:.3f}"))
        rows.append(f"| {m} | " + " | ".join(cells) + " |")
    table = "\n".join(rows) + "\n"
    (Path(paths[0]).parent.parent / "side_by_side.md").write_text(table, encoding="utf-8")
    return table


if __name__ == "__main__":
    print(main(sys.argv[1:]), end="")
