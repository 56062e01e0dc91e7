"""Run a test set through the answer chain and score every case."""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from rag.answer.chain import AnswerChain, Ask
from rag.errors import AQAError, Cancelled, NotFound
from rag.evaluation import dataset, independent
from rag.evaluation import metrics as M
from rag.evaluation.dataset import Case
from rag.store import ChromaStore

Progress = Callable[[int, int, str], None]  # (done, total, case id)


def run(cases: list[Case], chain: AnswerChain, store: ChromaStore, *, llm: str | None = None, k: int = 5,
        progress: Progress | None = None, name: str = "", cancel: Callable[[], bool] | None = None) -> dict[str, Any]:
    """`cancel`, when given, is asked between cases; once it says True the run stops with `Cancelled`."""
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
    scorer = independent.Scorer.for_embedder(getattr(chain.retriever, "embedder", None))
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    for i, case in enumerate(cases):
        if cancel is not None and cancel():
            raise Cancelled(f"cancelled after {i} of {len(cases)} cases")
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
        detail = M.case_detail(case, answer.abstained, answer.answer, answer.citations, hits, k, text_of, scorer)
        rows.append(_row(case, answer=answer.answer, abstained=answer.abstained, latency=latency,
                         citations=[c.model_dump() for c in answer.citations],
                         removed=[r.model_dump() for r in answer.removed], answerer=answer.answerer,
                         contexts=[h.text for h in hits], **detail))
    if progress:
        progress(len(cases), len(cases), "")
    return {
        "name": name,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": {"llm": llm or chain.settings.llm, "k": k, "embedding_model": chain.retriever.embedder.name,
                   "cases": len(cases), "python": platform.python_version(), "independent": scorer.describe()},
        "seconds": round(time.perf_counter() - started, 2),
        "summary": summarise(rows),
        "by_kind": by_kind(rows),
        "cases": rows,
    }


def _row(case: Case, *, answer: str = "", abstained: bool = False, latency: float, metrics: dict | None = None,
         failures: list[str] | None = None, error: str | None = None, **more: Any) -> dict[str, Any]:
    values = metrics or {name: None for name in M.METRICS}
    if error:
        values["passed"] = values["passed_independent"] = 0.0
        failures = [f"error: {error}"]
        more["failures_independent"] = failures
    return {"id": case.id, "kind": case.kind, "question": case.question, "answerable": case.answerable,
            "reference": case.reference, "answer": answer, "abstained": abstained, "latency_ms": round(latency, 1),
            "metrics": values, "failures": failures or [], "passed": values["passed"] == 1.0,
            "passed_independent": values.get("passed_independent") == 1.0, **more}


def _as_hit(citation):  # noqa: ANN001, ANN202 - structured answers retrieve nothing; their citations are the passages
    from rag.models import SearchHit

    return SearchHit(chunk_id=citation.chunk_id, document_id=citation.document_id, source=citation.source,
                     authority=citation.authority, quality_statement=citation.quality_statement, theme="", score=None,
                     section=citation.section, text=citation.quote, start=citation.start, end=citation.end, rank_score=1.0)


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in M.METRICS:
        values = [r["metrics"].get(name) for r in rows]
        if name in M.JUDGE and all(v is None for v in values):
            continue  # no judge in this run
        out[name] = {"value": M.mean(values), "ci95": M.bootstrap(values), "n": sum(v is not None for v in values)}
    a = M.abstention([(r["answerable"], r["abstained"]) for r in rows])
    for name, value in (("abstention_precision", a.precision), ("abstention_recall", a.recall), ("abstention_accuracy", a.accuracy)):
        out[name] = {"value": value, "ci95": None, "n": len(rows)}
    latencies = [r["latency_ms"] for r in rows]
    out["latency_p50_ms"] = {"value": M.percentile(latencies, 50), "ci95": None, "n": len(rows)}
    out["latency_p95_ms"] = {"value": M.percentile(latencies, 95), "ci95": None, "n": len(rows)}
    return out


def by_kind(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Every metric per kind of case (cases without a kind under "(none)")."""
    kinds = sorted({r.get("kind") or "(none)" for r in rows})
    return {kind: summarise([r for r in rows if (r.get("kind") or "(none)") == kind]) for kind in kinds}
