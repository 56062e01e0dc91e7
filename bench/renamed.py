"""Names never seen: the real report pages and their test sets with every authority renamed.

The product will meet 153 authorities' reports, most with names no test here uses: "Newcastle
upon Tyne", "Blackburn with Darwen", "Bath and North East Somerset", "Isle of Wight". This writes
copies of ../shared/reports (to a temporary folder, never into the project) and of the report test
sets in which each of the 12 authorities is another real English authority, gold spans moved to
match. A set that scores lower renamed than as written depends on the names it was tuned with.

    python -m bench.renamed OUT_DIR        # writes OUT_DIR/reports/*.txt and OUT_DIR/evals/*.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from bench.common import ROOT

SHARED_REPORTS = ROOT.parent / "shared" / "reports"
SETS = ("reports_dev", "reports_dev2", "reports_dev3", "reports_dev4", "reports_dev5", "reports_dev6",
        "reports_holdout")

# (as the pages and questions say it, the other authority's name in the same form). Longest first
# wins, so the full title form is replaced before the short name inside it.
NAMES = [
    ("Gateshead Borough Council", "Herefordshire Council"), ("Gateshead", "Herefordshire"),
    ("London Borough of Hammersmith and Fulham", "London Borough of Tower Hamlets"),
    ("Hammersmith & Fulham", "Tower Hamlets"), ("Hammersmith and Fulham", "Tower Hamlets"), ("Hammersmith", "Tower Hamlets"),
    ("London Borough of Haringey", "Newcastle upon Tyne City Council"), ("Haringey", "Newcastle upon Tyne"),
    ("Hertfordshire County Council", "Westmorland and Furness Council"), ("Hertfordshire", "Westmorland and Furness"),
    ("London Borough of Hounslow", "Southend-on-Sea City Council"), ("Hounslow", "Southend-on-Sea"),
    ("North Tyneside Council", "Blackburn with Darwen Borough Council"), ("North Tyneside", "Blackburn with Darwen"),
    ("Tyneside", "Darwen"),
    ("North Yorkshire Council", "Royal Borough of Kensington and Chelsea"), ("North Yorkshire", "Kensington and Chelsea"),
    ("Shropshire", "Isle of Wight"),
    ("St Helens Borough Council", "Hull City Council"), ("St Helens", "Hull"), (r"St\.? Helens", "Hull"), ("Helens", "Hull"),
    ("Stockton-on-Tees Borough Council", "Redcar and Cleveland Borough Council"),
    ("Stockton-on-Tees", "Redcar and Cleveland"), ("Stockton", "Redcar"),
    ("Wiltshire", "Bath and North East Somerset"),
    ("City of York Council", "Brighton and Hove City Council"), ("City of York", "Brighton and Hove"), ("York", "Brighton"),
]
_NEW = dict(NAMES)
# A name ending in s may take a bare apostrophe ("St Helens' plan"): the new name takes its own.
_NAME = re.compile(r"(?<!\w)(" + "|".join(re.escape(a) for a, _ in sorted(NAMES, key=lambda n: -len(n[0]))) + r")(?!\w)(['’](?!\w))?")


def rename(text: str) -> tuple[str, list[int]]:
    """The text with every name replaced, and where each old offset (0..len) lands in it."""
    out: list[str] = []
    where = [0] * (len(text) + 1)
    pos = n = 0
    for m in _NAME.finditer(text):
        for i in range(pos, m.start()):
            where[i] = n + i - pos
        n += m.start() - pos
        out.append(text[pos : m.start()])
        for i in range(m.start(), m.end()):
            where[i] = n
        new = _NEW[m.group(1)]
        if m.group(2):
            new += m.group(2) if new.endswith("s") else m.group(2) + "s"
        out.append(new)
        n += len(new)
        pos = m.end()
    for i in range(pos, len(text) + 1):
        where[i] = n + i - pos
    out.append(text[pos:])
    return "".join(out), where


def _renamed_value(value: object) -> object:
    if isinstance(value, str):  # a fact's regex may say \bYork\b: keep \b out of the word match
        return rename(value.replace("\\b", "\0"))[0].replace("\0", "\\b")
    if isinstance(value, list):
        return [_renamed_value(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("id", "kind", "source", "span") else _renamed_value(v) for k, v in value.items()}
    return value


def write(out: Path, sets: tuple[str, ...] = SETS) -> dict[str, Path]:
    """Renamed pages under out/reports and sets under out/evals; returns set name -> path."""
    (out / "reports").mkdir(parents=True, exist_ok=True)
    (out / "evals").mkdir(parents=True, exist_ok=True)
    moved: dict[str, list[int]] = {}
    for page in sorted(SHARED_REPORTS.glob("*.txt")):
        text, moved[page.name] = rename(page.read_text(encoding="utf-8"))
        (out / "reports" / page.name).write_text(text, encoding="utf-8")
    paths = {}
    for name in sets:
        rows = []
        for line in (ROOT / "evals" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = _renamed_value(json.loads(line))
            for gold in row.get("gold", []):
                if "span" in gold and gold["source"] in moved:
                    where = moved[gold["source"]]
                    gold["span"] = [where[gold["span"][0]], where[gold["span"][1]]]
            rows.append(json.dumps(row, ensure_ascii=False))
        paths[name] = out / "evals" / f"{name}.jsonl"
        paths[name].write_text("\n".join(rows) + "\n", encoding="utf-8")
    return paths


if __name__ == "__main__":
    for name, path in write(Path(sys.argv[1])).items():
        print(name, path)
