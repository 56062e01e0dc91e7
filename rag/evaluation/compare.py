"""Compare a run with a baseline results.json: metric deltas (overall and per kind), the cases that
changed outcome (a human label, where there is one, wins over the automatic verdict), and the
label changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rag.evaluation import labels
from rag.evaluation.dataset import TestSetError


def load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise TestSetError(f"{path}: not a results.json from `aqa eval` ({e})") from None
    if "summary" not in data or "cases" not in data:
        raise TestSetError(f"{path}: not a results.json from `aqa eval` (no summary or cases)")
    return data


def _deltas(now: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for metric, m in now.items():
        old = before.get(metric, {}).get("value")
        after = m["value"]
        out[metric] = {"baseline": old, "now": after, "delta": None if old is None or after is None else after - old}
    return out


def compare(now: dict[str, Any], baseline: dict[str, Any], name: str = "baseline") -> dict[str, Any]:
    was = {r["id"]: labels.outcome(r) for r in baseline["cases"]}
    return {
        "baseline": name,
        "metrics": _deltas(now["summary"], baseline["summary"]),
        "by_kind": {kind: _deltas(s, baseline.get("by_kind", {}).get(kind, {})) for kind, s in now.get("by_kind", {}).items()},
        "regressed": [r["id"] for r in now["cases"] if was.get(r["id"]) is True and not labels.outcome(r)],
        "fixed": [r["id"] for r in now["cases"] if was.get(r["id"]) is False and labels.outcome(r)],
        "new": [r["id"] for r in now["cases"] if r["id"] not in was],
        "labels": labels.changes(now, baseline),
    }


def gate(now: dict[str, Any], thresholds: dict[str, float]) -> list[str]:
    """The --fail-under checks that fail, in words (latency metrics fail *over* their value).
    A check is `metric` (over all cases) or `kind:metric` (over the cases of that kind)."""
    failed = []
    for name, limit in thresholds.items():
        kind, _, metric = name.rpartition(":")
        summary = now["summary"]
        if kind:
            kinds = now.get("by_kind", {})
            if kind not in kinds:
                raise TestSetError(f"--fail-under: no case of kind {kind!r}; kinds are {', '.join(kinds) or 'none'}")
            summary = kinds[kind]
        if metric not in summary:
            raise TestSetError(f"--fail-under: no metric {metric!r}; metrics are {', '.join(summary)}")
        value = summary[metric]["value"]
        if metric.startswith("latency"):
            if value is not None and value > limit:
                failed.append(f"{name} {value:.0f} ms is over {limit:.0f} ms")
        elif value is None or value < limit:
            failed.append(f"{name} {'n/a' if value is None else f'{value:.3f}'} is under {limit}")
    return failed
