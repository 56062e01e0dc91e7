"""What people tell us about answers, and how answers name their sources to people.

- Feedback (`POST /v1/feedback`): one JSON line per rating in `DATA_DIR/feedback/feedback.jsonl`.
- The query log (opt-in, `AQA_QUERY_LOG=true`): one JSON line per answer in
  `DATA_DIR/feedback/queries.jsonl` (request id, time, question, answer, citations, latency),
  lines older than `AQA_QUERY_LOG_DAYS` pruned at start-up and then daily.
- `export_cases`: rated answers as `aqa eval` test cases (joined with the query log by request id).
- `source_card`: one line naming a citation's source, for the CLI, the API and content-only clients.

Both files are append-only: every line is written with one `write` under a file lock (several
workers may share the data dir) and fsynced before the request is answered.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from filelock import FileLock

from rag.settings import Settings

FEEDBACK_FILE = "feedback.jsonl"
QUERIES_FILE = "queries.jsonl"
# A request id we accept from a client (X-Request-ID) or in a feedback body: a plain token.
REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
NOT_IN_REPORTS = "The assessment reports do not say."
PRUNE_EVERY = timedelta(days=1)


def sane_request_id(value: str | None) -> str | None:
    return value if value and REQUEST_ID.match(value) else None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


# --- source cards -------------------------------------------------------------------------------


class Sourced(Protocol):
    source: str
    authority: str
    quality_statement: str
    title: str
    published: str
    url: str
    page: int


def source_card(c: Sourced) -> str:
    """"Wiltshire Council: local authority assessment — Safeguarding — published 17 May 2024 — https://…":
    the report's title (else its authority, else the file name), the quality statement, the
    publication date and PDF page when known, and the web address (else the file name)."""
    known = c.authority if c.authority and c.authority != "unknown" else ""
    name = c.title or known or c.source
    parts = [name]
    if c.quality_statement and c.quality_statement.lower() not in name.lower():
        parts.append(c.quality_statement)
    if c.published:
        parts.append(f"published {c.published}")
    if c.page:
        parts.append(f"page {c.page}")
    where = c.url or c.source
    if where and where != name:
        parts.append(where)
    return " — ".join(parts)


SOURCES_HEADING = "Sources:"


def sources_block(citations: Iterable[Any]) -> str:
    """The text appended to an answer for clients that show only its content: "\n\nSources:\n- [1] …"."""
    lines = [f"- [{c.n}] {source_card(c)}" for c in citations]
    return f"\n\n{SOURCES_HEADING}\n" + "\n".join(lines) if lines else ""


def without_sources_block(text: str) -> str:
    """An earlier answer sent back as history, without the Sources block we appended to it."""
    cut = text.rfind(f"\n\n{SOURCES_HEADING}\n")
    return text[:cut] if cut >= 0 else text


# --- append-only JSONL files ----------------------------------------------------------------------


class JsonlFile:
    """An append-only JSONL file shared by threads and processes (a file lock beside it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._threads = threading.Lock()

    def _locked(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.path) + ".lock", timeout=30)

    def append(self, record: dict[str, Any]) -> None:
        line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        with self._threads, self._locked():
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":  # a line torn by a crash: start afresh
                    line = b"\n" + line
                view = memoryview(line)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            if not size:  # a new file: its directory entry is made durable too
                _fsync_dir(self.path.parent)

    def read(self) -> Iterator[dict[str, Any]]:
        """Every whole record, oldest first (a torn or foreign line is skipped)."""
        try:
            handle = self.path.open("rb")
        except FileNotFoundError:
            return
        with handle:
            for raw in handle:
                try:
                    record = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(record, dict):
                    yield record

    def prune(self, keep: Any) -> int:
        """Rewrite the file with only the records `keep(record)` accepts; returns how many went."""
        if not self.path.exists():
            return 0
        with self._threads, self._locked():
            kept: list[bytes] = []
            dropped = 0
            with self.path.open("rb") as handle:
                for raw in handle:
                    try:
                        record = json.loads(raw)
                    except ValueError:
                        dropped += 1
                        continue
                    if isinstance(record, dict) and keep(record):
                        kept.append(raw if raw.endswith(b"\n") else raw + b"\n")
                    else:
                        dropped += 1
            if not dropped:
                return 0
            tmp = self.path.with_name(self.path.name + ".tmp")
            with tmp.open("wb") as out:
                out.writelines(kept)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
            _fsync_dir(self.path.parent)
            return dropped


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _time_of(record: dict[str, Any]) -> datetime | None:
    try:
        when = datetime.fromisoformat(str(record.get("time", "")))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


# --- feedback and the query log -------------------------------------------------------------------


def feedback_dir(settings: Settings) -> Path:
    return settings.data_dir / "feedback"


@dataclass
class Logs:
    """The feedback file and the (opt-in) query log of one data dir."""

    folder: Path
    query_log: bool = False
    query_log_days: int = 30
    feedback: JsonlFile = field(init=False, repr=False)
    queries: JsonlFile = field(init=False, repr=False)
    _pruned_at: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        self.feedback = JsonlFile(self.folder / FEEDBACK_FILE)
        self.queries = JsonlFile(self.folder / QUERIES_FILE)

    @classmethod
    def of(cls, settings: Settings) -> Logs:
        return cls(feedback_dir(settings), settings.query_log, settings.query_log_days)

    def add_feedback(self, record: dict[str, Any]) -> dict[str, Any]:
        stored = {"time": now_iso(), **{k: v for k, v in record.items() if v not in (None, "", [])}}
        self.feedback.append(stored)
        return stored

    def log_query(self, record: dict[str, Any]) -> None:
        """One answer, when the query log is on (a no-op otherwise)."""
        if not self.query_log:
            return
        if time.monotonic() - self._pruned_at > PRUNE_EVERY.total_seconds():
            self.prune()
        self.queries.append({"time": now_iso(), **record})

    def prune(self) -> int:
        """Drop query-log lines older than `query_log_days` (at start-up, then daily)."""
        self._pruned_at = time.monotonic()
        cutoff = datetime.now(UTC) - timedelta(days=self.query_log_days)
        return self.queries.prune(lambda r: (when := _time_of(r)) is not None and when >= cutoff)


def query_record(
    *, request_id: str, route: str, question: str, answer: Any, latency_s: float,
    history: list[dict[str, str]] | None = None, authorities: list[str] | None = None, statements: list[str] | None = None,
) -> dict[str, Any]:
    """What the query log keeps of one answer (`answer` is a rag.models.Answer)."""
    record: dict[str, Any] = {
        "request_id": request_id,
        "route": route,
        "question": question,
        "answer": answer.answer,
        "abstained": answer.abstained,
        "answerer": answer.answerer,
        "degraded": answer.degraded,
        "citations": [
            {"n": c.n, "chunk_id": c.chunk_id, "document_id": c.document_id, "source": c.source,
             "title": c.title, "url": c.url, "start": c.start, "end": c.end}
            for c in answer.citations
        ],
        "latency_ms": round(latency_s * 1000, 1),
    }
    if answer.question and answer.question != question:
        record["question_understood"] = answer.question
    if history:
        record["history"] = history
    filters = {k: v for k, v in (("authorities", authorities), ("statements", statements)) if v}
    if filters:
        record["filters"] = filters
    return record


# --- export as test cases -------------------------------------------------------------------------

# A rating's reason or correction saying the right answer was to abstain.
# ("should not have abstained" is not one: it asks for an answer.)
_SHOULD_ABSTAIN = re.compile(
    r"\b(?:(?:should|ought to) (?:have )?abstain(?:ed)?"
    r"|(?:should|ought to) (?:have )?(?:said|say) (?:that )?(?:it|they|the reports?) (?:do|does|did) ?n[o']t (?:say|know)"
    r"|should ?n[o']t have answered|should not answer|not (?:in|covered by|mentioned in) (?:the |any )?reports"
    r"|(?:reports?|assessments?) (?:do|does|did) ?n[o']t (?:say|cover|mention|state)"
    r"|unanswerable|cannot be answered|can't be answered|no answer in the reports?)\b",
    re.I,
)


def should_abstain(reason: str | None, corrected: str | None) -> bool:
    corrected = (corrected or "").strip()
    if corrected and (corrected.rstrip(".").lower() == NOT_IN_REPORTS.rstrip(".").lower() or _SHOULD_ABSTAIN.search(corrected)):
        return True
    return bool(reason and _SHOULD_ABSTAIN.search(reason))


@dataclass
class Export:
    cases: list[dict[str, Any]]
    skipped: list[str]  # request ids rated without a question we could find


def export_cases(logs: Logs, only: str | None = None) -> Export:
    """Rated answers as `aqa eval` cases (evals/README.md), the latest rating per request id.

    The question, history and filters come from the feedback or, by request id, the query log.
    `answerable` is true unless the reason or the corrected answer says the system should have
    abstained, or a thumbs-up approved an abstention. `reference` is the corrected answer.
    """
    asked: dict[str, dict[str, Any]] = {}
    for q in logs.queries.read():
        if isinstance(q.get("request_id"), str):
            asked[q["request_id"]] = q
    latest: dict[str, dict[str, Any]] = {}
    for fb in logs.feedback.read():
        rid = fb.get("request_id")
        if isinstance(rid, str) and fb.get("rating") in ("up", "down"):
            latest.pop(rid, None)  # keep file order: the latest rating, at its place
            latest[rid] = fb
    cases: list[dict[str, Any]] = []
    skipped: list[str] = []
    for rid, fb in latest.items():
        if only and fb["rating"] != only:
            continue
        q = asked.get(rid, {})
        question = _text(fb.get("question")) or _text(q.get("question"))
        if not question:
            skipped.append(rid)
            continue
        reason, corrected = _text(fb.get("reason")), _text(fb.get("corrected_answer"))
        given = _text(fb.get("answer")) or _text(q.get("answer"))
        abstained = bool(q.get("abstained")) if "abstained" in q else given.strip() == NOT_IN_REPORTS
        answerable = not (should_abstain(reason, corrected) or (fb["rating"] == "up" and abstained))
        case: dict[str, Any] = {"id": f"fb-{rid}", "question": question, "answerable": answerable}
        if corrected:
            case["reference"] = corrected
        if isinstance(q.get("filters"), dict):
            case["filters"] = {k: v for k, v in q["filters"].items() if k in ("authorities", "statements") and isinstance(v, list)}
        if isinstance(q.get("history"), list):
            case["history"] = [t for t in q["history"] if isinstance(t, dict) and {"role", "content"} <= set(t)]
        cited: list[Any] = fb["citations"] if isinstance(fb.get("citations"), list) else q.get("citations") or []
        case.update({
            "kind": "feedback",
            "note": reason,
            "rating": fb["rating"],
            "request_id": rid,
            "rated_at": fb.get("time", ""),
            "answer_given": given,
            "cited": [c.get("source", "") for c in cited if isinstance(c, dict)],
        })
        cases.append(case)
    return Export(cases, skipped)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
