"""An optional LLM judge, through any OpenAI-compatible chat endpoint: is the answer correct against
the reference, and does each sentence's cited passage support it? Its figures (`judge_correctness`,
`judge_support`) are reported beside the rule-based ones and never replace them.

The prompt is prompts/judge.md (a plain template: {question}, {reference}, {answer}, {sentences},
{format}). A reply the parser cannot read, as a tiny model may give, is recorded as "unparseable"
(and counts in no figure); a failed request is recorded as an error. Neither stops the run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rag.evaluation import independent
from rag.prompts import prompt_text

PROMPT = None  # prompts/judge.md, read through rag.prompts (package data: it ships with an install)
MAX_SENTENCES = 8  # sentences judged per answer; more are left unjudged
MAX_PASSAGE = 1200  # characters of each cited passage shown to the judge

UNPARSEABLE = "unparseable"
_YES = {"yes", "y", "true", "correct", "supported", "right"}
_NO = {"no", "n", "false", "incorrect", "unsupported", "not supported", "wrong", "not correct"}
_VALUE = r"(not supported|not correct|unsupported|supported|incorrect|correct|yes|no|true|false|right|wrong|y|n)"
_CORRECT = re.compile(rf"^(?:is\s+the\s+answer\s+)?correct(?:ness)?\s*\??\s*[:=\-]?\s*{_VALUE}\b(?!\s+or\b)", re.I)
_SAID = re.compile(r"^the answer (?:to grade )?is (not correct|incorrect|correct|wrong|right)\b(?!\s+or\b)", re.I)  # said in words
# "sentence 2: supported" or "2: supported"; not "2. Yes", which may answer something else.
_SENTENCE = re.compile(rf"^(?:sentence\s*(\d+)\s*[:.)=\-]?|(\d+)\s*[:=])\s*{_VALUE}\b(?!\s+or\b)", re.I)


def _truth(word: str) -> bool:
    return word.lower() in _YES


def parse(text: str, n: int) -> tuple[str, list[str]]:
    """("yes" | "no" | "unparseable", [per sentence "supported" | "unsupported" | "unparseable"]).

    Reads a JSON object ({"correct": ..., "sentences": [...]} or {"1": ...}) or the line format
    the prompt asks for; an item given twice with different values, or never, is unparseable."""
    correct: set[bool] = set()
    support: dict[int, set[bool]] = {}
    obj = _json(text)
    if isinstance(obj, dict):
        for key, value in obj.items():
            v = _json_truth(value)
            if v is None:
                continue
            if str(key).lower().startswith("correct"):
                correct.add(v)
            elif str(key).strip().isdigit():
                support.setdefault(int(key), set()).add(v)
        listed = obj.get("sentences") or obj.get("support")
        if isinstance(listed, list):
            for i, value in enumerate(listed, 1):
                v = _json_truth(value.get("supported") if isinstance(value, dict) else value)
                if v is not None:
                    support.setdefault(i, set()).add(v)
    else:
        for line in text.splitlines():
            line = re.sub(r"^[\s>*#`\-•]+|[*`]+", "", line).strip()
            if m := _CORRECT.match(line) or _SAID.match(line):
                correct.add(_truth(m.group(1)))
            elif m := _SENTENCE.match(line):
                support.setdefault(int(m.group(1) or m.group(2)), set()).add(_truth(m.group(3)))
    verdict = UNPARSEABLE if len(correct) != 1 else ("yes" if correct.pop() else "no")
    sentences = [UNPARSEABLE if len(support.get(i, ())) != 1 else ("supported" if next(iter(support[i])) else "unsupported")
                 for i in range(1, n + 1)]
    return verdict, sentences


def _json(text: str) -> Any:
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        return json.loads(text[start : end + 1])
    except (json.JSONDecodeError, RecursionError):
        return None


def _json_truth(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _YES | _NO:
        return value.strip().lower() in _YES
    return None


class Judge:
    def __init__(self, url: str, model: str = "default", key: str | None = None, timeout: float = 120.0,
                 prompt: Path | None = PROMPT, post: Callable[..., Any] | None = None) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"--judge-url {url!r}: give the endpoint's base URL, e.g. http://127.0.0.1:8080/v1")
        self.url = url.rstrip("/")
        if not self.url.endswith("/chat/completions"):
            self.url += "/chat/completions"
        self.model, self.key, self.timeout = model, key, timeout
        self.template = prompt.read_text(encoding="utf-8").strip() if prompt else prompt_text("judge")
        self._post = post

    def describe(self) -> dict[str, Any]:
        return {"url": self.url, "model": self.model, "prompt": "prompts/judge.md"}

    def prompt(self, row: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
        sentences = row.get("sentences") or [{"text": s.text, "cites": s.cites} for s in independent.split(row.get("answer", ""))]
        sentences = sentences[:MAX_SENTENCES]
        by_n = {c["n"]: c for c in row.get("citations", [])}
        parts = []
        for i, s in enumerate(sentences, 1):
            parts.append(f"Sentence {i}: {s['text']}")
            cited = [by_n[n] for n in s["cites"] if n in by_n]
            for c in cited:
                quote = c["quote"] if len(c["quote"]) <= MAX_PASSAGE else c["quote"][:MAX_PASSAGE] + " …"
                head = " | ".join(x for x in (c.get("authority"), c.get("quality_statement"), c.get("section")) if x)
                parts.append(f"Passage [{c['n']}] ({head}): {quote}")
            if not cited:
                parts.append("(no passage cited)")
        values = {"question": row.get("question", ""), "reference": row.get("reference") or "(none given)",
                  "answer": row.get("answer", ""), "sentences": "\n".join(parts),
                  "format": "\n".join(f"sentence {i}: supported or unsupported" for i in range(1, len(sentences) + 1))}
        text = self.template
        for key, value in values.items():  # named slots only: braces inside the values stay as they are
            text = text.replace("{" + key + "}", str(value))
        return text, sentences

    def complete(self, prompt: str, max_tokens: int) -> str:
        body = {"model": self.model, "messages": [{"role": "user", "content": prompt}], "temperature": 0,
                "max_tokens": max_tokens}
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        if self._post is not None:
            return self._post(self.url, body, headers)
        import httpx

        r = httpx.post(self.url, json=body, headers=headers, timeout=self.timeout)
        r.raise_for_status()
        return r.json()["choices"][0]["message"]["content"] or ""

    def judge(self, row: dict[str, Any]) -> dict[str, Any]:
        """One verdict for an answered case (abstentions are scored by rule, not judged)."""
        prompt, sentences = self.prompt(row)
        try:
            raw = self.complete(prompt, max_tokens=24 + 12 * len(sentences))
        except Exception as e:  # noqa: BLE001 - a judge that fails is recorded, never fatal
            return {"correct": None, "sentences": [], "raw": "", "error": f"{type(e).__name__}: {e}"[:500]}
        correct, verdicts = parse(raw, len(sentences))
        if not row.get("reference"):
            correct = "n/a" if correct != UNPARSEABLE else correct
        return {"correct": correct, "raw": raw[:2000], "error": None,
                "sentences": [{"n": i, "text": s["text"], "cites": s["cites"], "verdict": v}
                              for i, (s, v) in enumerate(zip(sentences, verdicts, strict=True), 1)]}


def metrics_of(verdict: dict[str, Any] | None) -> dict[str, float | None]:
    if not verdict:
        return {"judge_correctness": None, "judge_support": None}
    correct = {"yes": 1.0, "no": 0.0}.get(verdict.get("correct") or "")
    judged = [s["verdict"] == "supported" for s in verdict.get("sentences", []) if s["verdict"] != UNPARSEABLE]
    return {"judge_correctness": correct, "judge_support": sum(judged) / len(judged) if judged else None}


def apply(results: dict[str, Any], judge: Judge, progress: Callable[[int, int, str], None] | None = None) -> None:
    """Judge every answered case of a run, in place: each row gets `judge` and the judge metrics,
    and the summaries are recomputed."""
    from rag.evaluation import runner

    rows = results["cases"]
    counts = {"judged": 0, "unparseable": 0, "errors": 0}
    for i, row in enumerate(rows):
        if progress:
            progress(i, len(rows), row["id"])
        if row.get("abstained") or not row.get("answer") or any(f.startswith("error:") for f in row.get("failures", [])):
            continue
        verdict = judge.judge(row)
        row["judge"] = verdict
        row["metrics"].update(metrics_of(verdict))
        counts["judged"] += 1
        counts["errors"] += verdict["error"] is not None
        counts["unparseable"] += verdict["error"] is None and (
            verdict["correct"] == UNPARSEABLE or any(s["verdict"] == UNPARSEABLE for s in verdict["sentences"]))
    if progress:
        progress(len(rows), len(rows), "")
    results["judge"] = {**judge.describe(), **counts}
    results["summary"] = runner.summarise(rows)
    results["by_kind"] = runner.by_kind(rows)
