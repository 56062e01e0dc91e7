#!/usr/bin/env python3
"""Check the evaluation set (stdlib only).

    python3 evals/check_quotes.py [evals/cqc.jsonl]

Checks: valid JSON per line, unique ids, required keys and types, known kinds, every facts
regex compiles, every gold quote is a substring of its source file after collapsing whitespace
(sources are looked up in ../shared/corpus and examples/corpus; the PDF is read from its text
source examples/sources/<name>.txt; HTML has its tags stripped and entities unescaped), and
every facts group has an alternative matching (case-insensitively) the text of one of the
case's gold quotes. A gold quote that is a bare score line ("Score: 3") names no authority,
so for it the authority named in the source's title line also counts as its text.
Exit code 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent  # /work/main
CORPUS_DIRS = [ROOT.parent / "shared" / "corpus", ROOT / "examples" / "corpus"]
PDF_SOURCES = ROOT / "examples" / "sources"
# Authorities whose name is not on a title line (see ../shared/corpus/README.md).
AUTHORITY_FALLBACK = {"000_3b4cf9f850c44e2d.txt": "Wirral Council"}

KINDS = {"fact", "number", "list", "comparison", "aggregate", "followup", "unanswerable", "twin_trap"}
KEYS = {"id", "question", "answerable", "reference", "facts", "gold", "filters", "history", "kind"}
REQUIRED = {"id", "question", "answerable", "kind"}
SCORE_LINE = re.compile(r"^Score: [1-4]$")
TITLE = re.compile(r"^(?:#\s*)?(.+?): local authority assessment", re.M)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_text(raw: str) -> str:
    raw = re.sub(r"<!--.*?-->", " ", raw, flags=re.S)
    raw = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", raw, flags=re.S | re.I)
    raw = re.sub(r"<[^>]+>", " ", raw)
    return html.unescape(raw)


_cache: dict[str, tuple[str, str] | None] = {}


def load_source(name: str) -> tuple[str, str] | None:
    """(normalised text, authority) of a gold source, or None if it cannot be found."""
    if name in _cache:
        return _cache[name]
    result = None
    for d in CORPUS_DIRS:
        p = d / name
        if not p.is_file():
            continue
        if p.suffix.lower() == ".pdf":
            p = PDF_SOURCES / (p.stem + ".txt")
            if not p.is_file():
                break
        raw = p.read_text(encoding="utf-8")
        if p.suffix.lower() in (".html", ".htm"):
            raw = html_text(raw)
        m = TITLE.search(raw)
        authority = AUTHORITY_FALLBACK.get(name) or (norm(m.group(1)) if m else "")
        result = (norm(raw), authority)
        break
    _cache[name] = result
    return result


def check_case(case: dict, errors: list[str]) -> None:
    cid = case.get("id", "?")

    def err(msg: str) -> None:
        errors.append(f"{cid}: {msg}")

    missing = REQUIRED - case.keys()
    if missing:
        err(f"missing keys {sorted(missing)}")
    extra = case.keys() - KEYS
    if extra:
        err(f"unknown keys {sorted(extra)}")
    if not isinstance(case.get("id"), str) or not case.get("id"):
        err("id must be a non-empty string")
    if not isinstance(case.get("question"), str) or not case.get("question", "").strip():
        err("question must be a non-empty string")
    if not isinstance(case.get("answerable"), bool):
        err("answerable must be a bool")
    kind = case.get("kind")
    if kind not in KINDS:
        err(f"unknown kind {kind!r}")
    if "reference" in case and not isinstance(case["reference"], str):
        err("reference must be a string")

    answerable = case.get("answerable")
    facts = case.get("facts")
    gold = case.get("gold")
    if answerable is False:
        if facts or gold:
            err("unanswerable case must have no facts or gold")
        if kind not in ("unanswerable",):
            err("unanswerable case must have kind 'unanswerable'")
    if answerable is True:
        if kind == "unanswerable":
            err("kind 'unanswerable' but answerable is true")
        if not facts:
            err("answerable case needs facts")
        if not gold:
            err("answerable case needs gold")

    if kind == "followup" and not case.get("history"):
        err("followup needs history")
    if "history" in case:
        h = case["history"]
        if not isinstance(h, list) or not h:
            err("history must be a non-empty list")
        else:
            for turn in h:
                if not (isinstance(turn, dict) and turn.get("role") in ("user", "assistant")
                        and isinstance(turn.get("content"), str) and set(turn) == {"role", "content"}):
                    err(f"bad history turn {turn!r}")

    if "filters" in case:
        f = case["filters"]
        if not isinstance(f, dict) or not f or set(f) - {"authorities", "statements"}:
            err(f"bad filters {f!r}")
        else:
            for k, v in f.items():
                if not (isinstance(v, list) and v and all(isinstance(x, str) and x for x in v)):
                    err(f"filters.{k} must be a non-empty list of strings")

    # gold quotes
    gold_texts: list[str] = []
    if gold is not None:
        if not isinstance(gold, list):
            err("gold must be a list")
            gold = []
        for g in gold:
            if isinstance(g, dict) and set(g) == {"source", "span"} and isinstance(g["source"], str):
                # A span into a real report (whose text the set must not copy): read it from the file.
                path = next((d / g["source"] for d in CORPUS_DIRS if (d / g["source"]).is_file()), None)
                span = g["span"]
                if path is None or not (isinstance(span, list) and len(span) == 2 and 0 <= span[0] < span[1]):
                    err(f"bad gold span {g!r}")
                    continue
                g = {"source": g["source"], "quote": path.read_text(encoding="utf-8")[span[0] : span[1]]}
            if not (isinstance(g, dict) and set(g) == {"source", "quote"}
                    and isinstance(g["source"], str) and isinstance(g["quote"], str) and g["quote"].strip()):
                err(f"bad gold entry {g!r}")
                continue
            src = load_source(g["source"])
            if src is None:
                err(f"gold source not found: {g['source']}")
                continue
            text, authority = src
            quote = norm(g["quote"])
            if quote not in text:
                err(f"quote not in {g['source']}: {quote[:80]!r}")
                continue
            gold_texts.append(quote)
            if SCORE_LINE.match(quote) and authority:
                gold_texts.append(authority)

    # facts
    if facts is not None:
        if not isinstance(facts, list):
            err("facts must be a list of groups")
            facts = []
        for group in facts:
            if not (isinstance(group, list) and group and all(isinstance(a, str) and a for a in group)):
                err(f"bad facts group {group!r}")
                continue
            compiled = []
            for alt in group:
                try:
                    compiled.append(re.compile(alt, re.I))
                except re.error as e:
                    err(f"regex {alt!r} does not compile: {e}")
            if gold_texts and compiled and not any(rx.search(t) for rx in compiled for t in gold_texts):
                err(f"no alternative of facts group {group!r} matches a gold quote")


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else HERE / "cqc.jsonl"
    errors: list[str] = []
    cases: list[dict] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: invalid JSON: {e}")
            continue
        if not isinstance(case, dict):
            errors.append(f"line {n}: not a JSON object")
            continue
        cases.append(case)

    seen: set[str] = set()
    for case in cases:
        cid = case.get("id")
        if isinstance(cid, str):
            if cid in seen:
                errors.append(f"{cid}: duplicate id")
            seen.add(cid)
        check_case(case, errors)

    counts: dict[str, int] = {}
    for case in cases:
        counts[str(case.get("kind"))] = counts.get(str(case.get("kind")), 0) + 1
    print(f"{len(cases)} cases: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for e in errors:
        print("ERROR", e)
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
