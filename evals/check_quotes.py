#!/usr/bin/env python3
"""Check the evaluation set (stdlib only).

    python3 evals/check_quotes.py [evals/cqc.jsonl ...]

Checks: valid JSON per line, unique ids, required keys and types, known kinds, every facts
regex compiles, every gold quote is a substring of its source file after collapsing whitespace
(sources are looked up in ../shared/corpus and examples/corpus; the PDF is read from its text
source examples/sources/<name>.txt; HTML has its tags stripped and entities unescaped), and
every facts group has an alternative matching (case-insensitively) the text of one of the
case's gold quotes. A gold quote that is a bare score line ("Score: 3") names no authority,
so for it the authority named in the source's title line also counts as its text.

Real report pages in ../shared/reports (`reports_dev.jsonl`, `reports_holdout.jsonl`) must be
cited by `span` only (the set may not copy their text); a span must lie inside the file and not
start or end with white space. The authority's names (title line, and for report pages the
manifest.csv name) count as gold text for every score line (`Score: 2`, `Score 2`,
`3 – Evidence shows ...`, a summary bullet ending in `Score: N`) and, for the kinds score,
overall, which-authority and aggregate, for every gold passage. Filters must use canonical
statement names and a known authority, and no question, reference, history turn or fact may
repeat 8 or more consecutive words of a report page (the licence rule).
Exit code 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent  # /work/main
REPORTS_DIR = ROOT.parent / "shared" / "reports"  # real report pages: cite by span only
CORPUS_DIRS = [ROOT.parent / "shared" / "corpus", REPORTS_DIR, ROOT / "examples" / "corpus", HERE / "corpus" / "injection"]
PDF_SOURCES = ROOT / "examples" / "sources"
# Authorities whose name is not on a title line (see ../shared/corpus/README.md).
AUTHORITY_FALLBACK = {"000_3b4cf9f850c44e2d.txt": "Wirral Council"}

KINDS = {"fact", "number", "list", "comparison", "aggregate", "followup", "unanswerable", "twin_trap",
         "score", "overall", "frame", "which-authority", "planted_claim", "instruction"}
# Kinds whose answer is (or includes) an authority's name taken from the page title.
NAME_KINDS = {"score", "overall", "which-authority", "aggregate"}
KEYS = {"id", "question", "answerable", "reference", "facts", "gold", "filters", "history", "kind"}
REQUIRED = {"id", "question", "answerable", "kind"}
SCORE_LINE = re.compile(r"^(?:[A-Z][A-Za-z ,]* )?Score:? [1-4]$|^[1-4] [-–] Evidence shows [a-z ]+$")
TITLE = re.compile(r"^(?:#\s*)?(.+?): local authority assessment", re.M)
STATEMENTS = {
    "Assessing needs", "Supporting people to live healthier lives", "Equity in experience and outcomes",
    "Care provision, integration and continuity", "Partnerships and communities",
    "Safe pathways, systems and transitions", "Safeguarding", "Governance, management and sustainability",
    "Learning, improvement and innovation",
}
COPY_WORDS = 8  # this many consecutive words shared with a report page count as a copy


def _manifest() -> dict[str, str]:
    p = REPORTS_DIR / "manifest.csv"
    if not p.is_file():
        return {}
    with p.open(encoding="utf-8", newline="") as f:
        return {row["file"]: row["authority"] for row in csv.DictReader(f)}


MANIFEST = _manifest()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def _report_ngrams() -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for name in MANIFEST:
        p = REPORTS_DIR / name
        if p.is_file():
            w = _words(p.read_text(encoding="utf-8"))
            grams.update(tuple(w[i : i + COPY_WORDS]) for i in range(len(w) - COPY_WORDS + 1))
    return grams


REPORT_NGRAMS = _report_ngrams()


def copied(text: str) -> bool:
    w = _words(text)
    return any(tuple(w[i : i + COPY_WORDS]) in REPORT_NGRAMS for i in range(len(w) - COPY_WORDS + 1))


def known_authorities() -> set[str]:
    names = set(MANIFEST.values()) | set(AUTHORITY_FALLBACK.values())
    for d in CORPUS_DIRS:
        if d.is_dir():
            for p in d.iterdir():
                if p.is_file() and p.suffix.lower() in (".txt", ".md", ".html", ".htm", ".pdf") and p.name != "README.md":
                    src = load_source(p.name)
                    if src:
                        names.update(src[1])
    return {n for n in names if n}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_text(raw: str) -> str:
    raw = re.sub(r"<!--.*?-->", " ", raw, flags=re.S)
    raw = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", raw, flags=re.S | re.I)
    raw = re.sub(r"<[^>]+>", " ", raw)
    return html.unescape(raw)


_cache: dict[str, tuple[str, list[str]] | None] = {}


def load_source(name: str) -> tuple[str, list[str]] | None:
    """(normalised text, authority names) of a gold source, or None if it cannot be found."""
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
        names = [a for a in (authority, MANIFEST.get(name, "") if d == REPORTS_DIR else "") if a]
        result = (norm(raw), names)
        break
    _cache[name] = result
    return result


KNOWN_AUTHORITIES: set[str] = set()


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
                    continue
                for x in v:
                    if k == "statements" and x not in STATEMENTS:
                        err(f"filters.statements: {x!r} is not a canonical statement name")
                    if k == "authorities" and x not in KNOWN_AUTHORITIES:
                        err(f"filters.authorities: {x!r} is not a known authority name")

    # licence: nothing may repeat a run of words from a real report page
    texts = [case.get("question"), case.get("reference")]
    texts += [t.get("content") for t in case.get("history") or [] if isinstance(t, dict)]
    texts += [a for g in case.get("facts") or [] if isinstance(g, list) for a in g]
    for t in texts:
        if isinstance(t, str) and copied(t):
            err(f"repeats {COPY_WORDS}+ consecutive words of a report page: {t[:80]!r}")

    # gold quotes
    gold_texts: list[str] = []
    if gold is not None:
        if not isinstance(gold, list):
            err("gold must be a list")
            gold = []
        for g in gold:
            if isinstance(g, dict) and "quote" in g and isinstance(g.get("source"), str) and (REPORTS_DIR / g["source"]).is_file():
                err(f"gold in {g['source']} must be a span, not a quote (the set may not copy report text)")
                continue
            if isinstance(g, dict) and set(g) == {"source", "span"} and isinstance(g["source"], str):
                # A span into a real report (whose text the set must not copy): read it from the file.
                path = next((d / g["source"] for d in CORPUS_DIRS if (d / g["source"]).is_file()), None)
                span = g["span"]
                if path is None or not (isinstance(span, list) and len(span) == 2
                                        and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
                                        and 0 <= span[0] < span[1]):
                    err(f"bad gold span {g!r}")
                    continue
                raw = path.read_text(encoding="utf-8")
                piece = raw[span[0] : span[1]]
                if span[1] > len(raw):
                    err(f"gold span {span} is beyond the end of {g['source']} ({len(raw)} characters)")
                    continue
                if path.parent == REPORTS_DIR and piece != piece.strip():
                    err(f"gold span {span} in {g['source']} starts or ends with white space")
                g = {"source": g["source"], "quote": piece}
            if not (isinstance(g, dict) and set(g) == {"source", "quote"}
                    and isinstance(g["source"], str) and isinstance(g["quote"], str) and g["quote"].strip()):
                err(f"bad gold entry {g!r}")
                continue
            src = load_source(g["source"])
            if src is None:
                err(f"gold source not found: {g['source']}")
                continue
            text, authorities = src
            quote = norm(g["quote"])
            if quote not in text:
                err(f"quote not in {g['source']}: {quote[:80]!r}")
                continue
            gold_texts.append(quote)
            if SCORE_LINE.match(quote) or kind in NAME_KINDS:
                gold_texts.extend(authorities)

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
    paths = [Path(a) for a in argv[1:]] or [HERE / "cqc.jsonl"]
    return max(check_file(p) for p in paths)


def check_file(path: Path) -> int:
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

    KNOWN_AUTHORITIES.update(known_authorities())
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
    print(f"{path.name}: {len(cases)} cases: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for e in errors:
        print("ERROR", e)
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
