"""Human labels on a run's cases: a person marks a case pass or fail, with a note.

Labels live in results.json, on each case (`label`: {"label", "note", "at"}), and win over the
automatic verdict wherever an outcome is counted (`passed_labelled`, and `--compare`). A label
holds for the answer it was given on: `carry` copies a baseline's labels to a new run only for
cases whose answer is unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rag.evaluation.dataset import TestSetError

LABELS = ("pass", "fail")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def outcome(row: dict[str, Any]) -> bool:
    """The case's outcome: its human label where there is one, else the automatic verdict."""
    label = row.get("label")
    return label["label"] == "pass" if label else bool(row["passed"])


def read_file(path: Path) -> list[dict[str, str]]:
    """A labels file: JSONL lines {"id", "label": "pass"|"fail", "note"}; a bad line is named."""
    if not path.exists():
        raise TestSetError(f"{path}: no such file")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise TestSetError(f"{path} line {n}: not valid JSON ({e.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise TestSetError(f"{path} line {n}: a label is {{\"id\", \"label\", \"note\"}}")
        label = str(item.get("label", "")).strip().lower()
        if label not in LABELS:
            raise TestSetError(f"{path} line {n}: label must be pass or fail, not {item.get('label')!r}")
        out.append({"id": item["id"], "label": label, "note": str(item.get("note") or ""), "line": str(n)})
    return out


def apply(results: dict[str, Any], labels: list[dict[str, str]], source: str = "file") -> int:
    """Store labels on the cases they name; an id the run does not have is an error."""
    rows = {r["id"]: r for r in results["cases"]}
    for item in labels:
        if item["id"] not in rows:
            where = f" (line {item['line']})" if item.get("line") else ""
            raise TestSetError(f"label{where}: no case {item['id']!r} in these results")
    for item in labels:
        rows[item["id"]]["label"] = {"label": item["label"], "note": item.get("note", ""), "at": _now(), "by": source}
    summarise(results)
    return len(labels)


def summarise(results: dict[str, Any]) -> None:
    """Add the labelled figures to the summary: `passed_labelled` (labels win) and
    `label_agreement` (share of labelled cases whose label agrees with the automatic verdict)."""
    rows = results["cases"]
    labelled = [r for r in rows if r.get("label")]
    for key in ("passed_labelled", "label_agreement"):
        results["summary"].pop(key, None)
    if not labelled:
        return
    results["summary"]["passed_labelled"] = {"value": sum(map(outcome, rows)) / len(rows), "ci95": None, "n": len(rows)}
    agree = sum((r["label"]["label"] == "pass") == bool(r["passed"]) for r in labelled)
    results["summary"]["label_agreement"] = {"value": agree / len(labelled), "ci95": None, "n": len(labelled)}


def carry(now: dict[str, Any], baseline: dict[str, Any]) -> int:
    """Copy the baseline's labels to cases of `now` that have none and the very same answer."""
    before = {r["id"]: r for r in baseline["cases"] if r.get("label")}
    n = 0
    for row in now["cases"]:
        old = before.get(row["id"])
        if old and not row.get("label") and old.get("answer") == row.get("answer"):
            row["label"] = {**old["label"], "carried": True}
            n += 1
    if n:
        summarise(now)
    return n


def to_review(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The cases a person should look at: failed by either scorer (disagreements included)."""
    return [r for r in results["cases"] if not r["passed"] or not r.get("passed_independent", r["passed"])]


def interactive(results: dict[str, Any], ask: Callable[[str], str] = input, show: Callable[[str], None] = print) -> int:
    """Walk the failed cases: p(ass) / f(ail) with a note, Enter to skip, q to stop."""
    todo = to_review(results)
    done = 0
    for i, row in enumerate(todo, 1):
        show(describe(row, i, len(todo)))
        while True:
            answer = ask("label [p]ass / [f]ail / Enter skip / [q]uit: ").strip().lower()
            if answer in ("", "s", "skip", "q", "quit", "p", "pass", "f", "fail"):
                break
            show("type p, f, Enter or q")
        if answer in ("q", "quit"):
            break
        if answer in ("", "s", "skip"):
            continue
        note = ask("note (Enter for none): ").strip()
        label = "pass" if answer.startswith("p") else "fail"
        row["label"] = {"label": label, "note": note, "at": _now(), "by": "interactive"}
        done += 1
    summarise(results)
    return done


def describe(row: dict[str, Any], i: int, total: int) -> str:
    lines = [f"--- {i}/{total} {row['id']} ({row.get('kind') or 'no kind'}) "
             f"{'answer-path: pass' if row['passed'] else 'answer-path: FAIL'}, "
             f"{'independent: pass' if row.get('passed_independent', row['passed']) else 'independent: FAIL'}",
             f"Q: {row['question']}"]
    if row.get("reference"):
        lines.append(f"Reference: {row['reference']}")
    lines.append(f"A: {row['answer']}")
    for c in row.get("citations", []):
        lines.append(f"  [{c['n']}] {c.get('authority', '')} — {c.get('section', '')}: “{c['quote'][:400]}”")
    for f in dict.fromkeys([*row.get("failures", []), *row.get("failures_independent", [])]):
        lines.append(f"  ✗ {f}")
    if row.get("label"):
        lines.append(f"  current label: {row['label']['label']} {row['label'].get('note', '')}")
    return "\n".join(lines)


def changes(now: dict[str, Any], baseline: dict[str, Any]) -> list[dict[str, Any]]:
    """Cases whose human label differs between the runs, or whose label overrides the verdict."""
    before = {r["id"]: r for r in baseline["cases"]}
    out = []
    for row in now["cases"]:
        old = before.get(row["id"], {})
        was = (old.get("label") or {}).get("label")
        is_ = (row.get("label") or {}).get("label")
        if was != is_ or (is_ and (is_ == "pass") != bool(row["passed"])):
            out.append({"id": row["id"], "baseline": was, "now": is_, "automatic": "pass" if row["passed"] else "fail",
                        "note": (row.get("label") or {}).get("note", "")})
    return out


def label_run(path: Path, label_file: Path | None = None, ask: Callable[[str], str] = input,
              show: Callable[[str], None] = print) -> int:
    """`aqa eval --label RESULTS.json [--label-file labels.jsonl]`: store labels in the results
    file and render its summary.md and report.html (next to it) again. Returns how many were set."""
    from rag.evaluation import compare, report

    data = compare.load(path)
    comparison = data.pop("comparison", None)
    if label_file is not None:
        n = apply(data, read_file(label_file), source=str(label_file.name))
    else:
        n = interactive(data, ask, show)
    path.write_text(json.dumps({**data, "comparison": comparison}, indent=1, ensure_ascii=False), encoding="utf-8")
    (path.parent / "summary.md").write_text(report.summary_md(data, comparison), encoding="utf-8")
    (path.parent / "report.html").write_text(report.report_html(data, comparison), encoding="utf-8")
    return n
