"""Compare a run with a baseline results.json: metric deltas and the cases that changed outcome."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rag.evaluation.dataset import TestSetError


def load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise TestSetError(f"{path}: not a results.json from `aqa eval` ({e})") from None
    if "summary" not in data or "cases" not in data:
        raise TestSetError(f"{path}: not a results.json from `aqa eval` (no summary or cases)")
    return data


def compare(now: dict[str, Any], baseline: dict[str, Any], name: str = "baseline") -> dict[str, Any]:
    metrics = {}
    for metric, m in now["summary"].items():
        before = baseline["summary"].get(metric, {}).get("value")
        after = m["value"]
        metrics[metric] = {"baseline": before, "now": after,
                           "delta": None if before is None or after is None else after - before}
    was = {r["id"]: r["passed"] for r in baseline["cases"]}
    return {
        "baseline": name,
        "metrics": metrics,
        "regressed": [r["id"] for r in now["cases"] if was.get(r["id"]) is True and not r["passed"]],
        "fixed": [r["id"] for r in now["cases"] if was.get(r["id"]) is False and r["passed"]],
        "new": [r["id"] for r in now["cases"] if r["id"] not in was],
    }


def gate(now: dict[str, Any], thresholds: dict[str, float]) -> list[str]:
    """The --fail-under checks that fail, in words (latency metrics fail *over* their value)."""
    failed = []
    for metric, limit in thresholds.items():
        if metric not in now["summary"]:
            raise TestSetError(f"--fail-under: no metric {metric!r}; metrics are {', '.join(now['summary'])}")
        value = now["summary"][metric]["value"]
        if metric.startswith("latency"):
            if value is not None and value > limit:
                failed.append(f"{metric} {value:.0f} ms is over {limit:.0f} ms")
        elif value is None or value < limit:
            failed.append(f"{metric} {'n/a' if value is None else f'{value:.3f}'} is under {limit}")
    return failed
