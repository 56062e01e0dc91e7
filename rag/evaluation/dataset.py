"""Test sets: JSONL (one case a line) or CSV with the same columns. Errors name the line."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from rag.errors import BadInput


class Gold(BaseModel):
    """A passage that should be retrieved and cited: its text, or where it stands in the source.

    `span` ([start, end] into the source's stored text) keeps a test set free of copies of
    text it must not carry (the real reports); it is read from the store when the set runs.
    """

    source: str = Field(min_length=1)
    quote: str | None = Field(None, min_length=1)
    span: tuple[int, int] | None = None

    @model_validator(mode="after")
    def _one(self) -> Gold:
        if (self.quote is None) == (self.span is None):
            raise ValueError("give the gold passage as `quote` or as `span`, one of them")
        if self.span is not None and not 0 <= self.span[0] < self.span[1]:
            raise ValueError(f"span {list(self.span)} is not [start, end] with start < end")
        return self


class Case(BaseModel):
    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    answerable: bool
    reference: str | None = None
    facts: list[list[str]] = Field(default_factory=list)
    gold: list[Gold] = Field(default_factory=list)
    filters: dict[str, list[str]] = Field(default_factory=dict)
    history: list[dict[str, str]] = Field(default_factory=list)
    kind: str = ""

    @field_validator("facts")
    @classmethod
    def _regexes(cls, groups: list[list[str]]) -> list[list[str]]:
        for group in groups:
            if not group:
                raise ValueError("a facts group is empty: give at least one alternative")
            for alt in group:
                try:
                    re.compile(alt)
                except re.error as e:
                    raise ValueError(f"fact {alt!r} is not a valid regular expression ({e})") from None
        return groups

    @field_validator("filters")
    @classmethod
    def _filters(cls, f: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = set(f) - {"authorities", "statements"}
        if unknown:
            raise ValueError(f"unknown filter {', '.join(sorted(unknown))}: use authorities, statements")
        return f


class TestSetError(BadInput):
    __test__ = False  # not a pytest test class, despite the name

    code = "bad_test_set"


def resolve_spans(cases: list[Case], text_of_source: Callable[[str], str | None]) -> None:
    """Fill in the quotes of gold passages given by span, from the stored documents."""
    for case in cases:
        for gold in case.gold:
            if gold.span is None or gold.quote is not None:
                continue
            text = text_of_source(gold.source)
            if text is None:
                raise TestSetError(f"case {case.id}: gold source {gold.source} is not ingested")
            start, end = gold.span
            if end > len(text):
                raise TestSetError(f"case {case.id}: span {list(gold.span)} is beyond the end of {gold.source}")
            gold.quote = text[start:end]


def load(path: Path) -> list[Case]:
    if not path.exists():
        raise TestSetError(f"{path}: no such file")
    text = path.read_text(encoding="utf-8-sig")
    return parse_csv(text, str(path)) if path.suffix.lower() == ".csv" else parse_jsonl(text, str(path))


def parse_jsonl(text: str, name: str = "test set") -> list[Case]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((n, json.loads(line)))
        except json.JSONDecodeError as e:
            raise TestSetError(f"{name} line {n}: not valid JSON ({e.msg} at column {e.colno})") from None
    return _cases(rows, name)


# CSV columns holding JSON (lists and objects); `facts` may also be "a|b;c" (groups by ;, alternatives by |).
_JSON_COLUMNS = ("facts", "gold", "filters", "history")


def parse_csv(text: str, name: str = "test set") -> list[Case]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"id", "question", "answerable"} - set(reader.fieldnames or [])
    if missing:
        raise TestSetError(f"{name} line 1: missing column(s) {', '.join(sorted(missing))}")
    rows = []
    for row in reader:
        n = reader.line_num
        case: dict[str, Any] = {k: v for k, v in row.items() if k and v not in (None, "")}
        for col in _JSON_COLUMNS:
            if col in case:
                value = case[col].strip()
                if col == "facts" and not value.startswith("["):
                    case[col] = [[a.strip() for a in g.split("|")] for g in value.split(";") if g.strip()]
                    continue
                try:
                    case[col] = json.loads(value)
                except json.JSONDecodeError as e:
                    raise TestSetError(f"{name} line {n}: column {col} is not valid JSON ({e.msg})") from None
        if "answerable" in case:
            flag = str(case["answerable"]).strip().lower()
            if flag not in ("true", "false", "1", "0", "yes", "no"):
                raise TestSetError(f"{name} line {n}: answerable must be true or false, not {case['answerable']!r}")
            case["answerable"] = flag in ("true", "1", "yes")
        rows.append((n, case))
    return _cases(rows, name)


def _cases(rows: list[tuple[int, Any]], name: str) -> list[Case]:
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for n, raw in rows:
        if not isinstance(raw, dict):
            raise TestSetError(f"{name} line {n}: a case must be an object")
        try:
            case = Case.model_validate(raw)
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "case"
            raise TestSetError(f"{name} line {n}: {where}: {first['msg']}") from None
        if case.id in seen:
            raise TestSetError(f"{name} line {n}: id {case.id!r} repeats line {seen[case.id]}")
        if not case.answerable and (case.facts or case.gold):
            raise TestSetError(f"{name} line {n}: an unanswerable case cannot have facts or gold")
        seen[case.id] = n
        cases.append(case)
    if not cases:
        raise TestSetError(f"{name}: no cases")
    return cases
