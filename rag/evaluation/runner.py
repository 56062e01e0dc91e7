"""Run a test set through the answer chain and score every case."""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from rag.answer.chain import AnswerChain, Ask
from rag.errors import AQAError, NotFound
from rag.evaluation import dataset
from rag.evaluation import metrics as M
from rag.evaluation.dataset import Case
from rag.store import ChromaStore

Progress = Callable[[int, int, str], None]  # (done, total, case id)


def run(cases: list[Case], chain: AnswerChain, store: ChromaStore, *, llm: str | None = None, k: int = 5,
        progress: Progress | None = None, name: str = "") -> dict[str, Any]:
    texts: dict[str, str | None] = {}

    def text_of(document_id: str) -> str | None:
        if document_id not in texts:
            try:
                texts[document_id] = store.document(document_id)[1]
            except NotFound:
                texts[document_id] = None
        return texts[document_id]

    by_source = {d.source: d.id for d in store.documents()}
    dataset.resolve_spans(cases, lambda source: text_of(by_source[source]) if source in by_source else None)
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    for i, case in enumerate(cases):
        if progress:
            progress(i, len(cases), case.id)
        ask = Ask(case.question, history=case.history, authorities=case.filters.get("authorities", []),
                  statements=case.filters.get("statements", []), llm=llm, k=k)
        t = time.perf_counter()
        try:
            answer = chain.invoke(ask)
        except AQAError as e:  # one failing case (a model timeout, say) is a failed row, not a failed run
            rows.append(_row(case, error=str(e), latency=(time.perf_counter() - t) * 1000))
            continue
        latency = (time.perf_counter() - t) * 1000
        hits = answer.retrieved or [_as_hit(c) for c in answer.citations]
        values, failures = M.case_metrics(case, answer.abstained, answer.answer, answer.citations, hits, k, text_of)
        rows.append(_row(case, answer=answer.answer, abstained=answer.abstained, latency=latency, metrics=values,
                         failures=failures, citations=[c.model_dump() for c in answer.citations],
                         removed=[r.model_dump() for r in answer.removed], answerer=answer.answerer,
                         contexts=[h.text for h in hits]))
    if progress:
        progress(len(cases), len(cases), "")
    return {
        "name": name,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": {"llm": llm or chain.settings.llm, "k": k, "embedding_model": chain.retriever.embedder.name,
                   "cases": len(cases), "python": platform.python_version()},
        "seconds": round(time.perf_counter() - started, 2),
        "summary": summarise(rows),
        "cases": rows,
    }


def _row(case: Case, *, answer: str = "", abstained: bool = False, latency: float, metrics: dict | None = None,
         failures: list[str] | None = None, error: str | None = None, **more: Any) -> dict[str, Any]:
    values = metrics or {name: None for name in M.METRICS}
    if error:
        values["passed"] = 0.0
        failures = [f"error: {error}"]
    return {"id": case.id, "kind": case.kind, "question": case.question, "answerable": case.answerable,
            "reference": case.reference, "answer": answer, "abstained": abstained, "latency_ms": round(latency, 1),
            "metrics": values, "failures": failures or [], "passed": values["passed"] == 1.0, **more}


def _as_hit(citation):  # noqa: ANN001, ANN202 - structured answers retrieve nothing; their citations are the passages
    from rag.models import SearchHit

    return SearchHit(chunk_id=citation.chunk_id, document_id=citation.document_id, source=citation.source,
                     authority=citation.authority, quality_statement=citation.quality_statement, theme="", score=None,
                     section=citation.section, text=citation.quote, start=citation.start, end=citation.end, rank_score=1.0)


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in M.METRICS:
        values = [r["metrics"].get(name) for r in rows]
        out[name] = {"value": M.mean(values), "ci95": M.bootstrap(values), "n": sum(v is not None for v in values)}
    a = M.abstention([(r["answerable"], r["abstained"]) for r in rows])
    for name, value in (("abstention_precision", a.precision), ("abstention_recall", a.recall), ("abstention_accuracy", a.accuracy)):
        out[name] = {"value": value, "ci95": None, "n": len(rows)}
    latencies = [r["latency_ms"] for r in rows]
    out["latency_p50_ms"] = {"value": M.percentile(latencies, 50), "ci95": None, "n": len(rows)}
    out["latency_p95_ms"] = {"value": M.percentile(latencies, 95), "ci95": None, "n": len(rows)}
    return out
