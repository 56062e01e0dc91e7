"""Shared helpers for benchmarks: timing, percentiles, the machine, the BENCHMARKS.md writer."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
EXAMPLES = ROOT / "examples" / "corpus"
OUT = ROOT / "BENCHMARKS.md"


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def summary_ms(samples: list[float]) -> str:
    return f"p50 {percentile(samples, 50):.1f} ms, p95 {percentile(samples, 95):.1f} ms, mean {statistics.mean(samples):.1f} ms (n={len(samples)})"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, no GPU; Python {platform.python_version()}, {platform.system()} {platform.machine()}"


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section `## name` in BENCHMARKS.md, leaving the others alone."""
    text = OUT.read_text(encoding="utf-8") if OUT.exists() else "# Benchmarks\n\nWritten by `make bench`; each section by its own script in `bench/`.\n"
    start = text.find(f"\n## {name}\n")
    section = f"\n## {name}\n\n{body.strip()}\n"
    if start == -1:
        text = text.rstrip("\n") + "\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[end:] if end != -1 else "")
    OUT.write_text(text, encoding="utf-8")


def copy_corpus(dest: Path) -> Path:
    """The fictional sample and the real report sections in one folder, as the benchmarks ingest them."""
    import shutil

    shutil.copytree(EXAMPLES, dest)
    for p in SHARED.glob("*.txt"):
        shutil.copy(p, dest / p.name)
    return dest


def eval_cases(path: Path = ROOT / "evals" / "cqc.jsonl") -> list[dict]:
    """The eval cases as dicts, gold passages given by span filled in from the corpus files."""
    import json

    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for case in cases:
        for gold in case.get("gold", []):
            if "span" in gold:
                text = next(d / gold["source"] for d in (SHARED, EXAMPLES) if (d / gold["source"]).exists()).read_text(encoding="utf-8")
                gold["quote"] = text[gold["span"][0] : gold["span"][1]]
    return cases
