"""Evaluations over HTTP: POST a test set, it runs in the background; GET its status and results;
DELETE cancels a running one (between cases) or forgets a finished one. Starting and cancelling
need an admin key when admin keys are set: an evaluation keeps the models busy for minutes."""

from __future__ import annotations

import asyncio
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from api.deps import Admin, Guarded, Service
from api.errors import Saturated
from api.limits import ModelGate
from api.schemas import LLM
from rag.errors import BadInput, Cancelled, NotFound
from rag.evaluation import dataset, report, runner

router = APIRouter(prefix="/v1/evaluations", tags=["evaluations"])
MAX_CASES = 5000
MAX_TESTSET_CHARS = 20_000_000


class EvaluationRequest(BaseModel):
    cases: list[dict[str, Any]] | None = Field(None, max_length=MAX_CASES, description="Test cases, as the lines of a JSONL test set")
    jsonl: str | None = Field(None, max_length=MAX_TESTSET_CHARS, description="Or the test set as JSONL text")
    csv: str | None = Field(None, max_length=MAX_TESTSET_CHARS, description="Or as CSV text")
    llm: LLM | None = None
    k: int = Field(5, ge=1, le=50)
    name: str = Field("", max_length=200)


@dataclass
class Job:
    id: str
    total: int
    status: str = "queued"  # queued | running | cancelling | done | failed | cancelled
    done: int = 0
    error: str | None = None
    results: dict[str, Any] | None = None
    html: str | None = field(default=None, repr=False)
    cancel: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def active(self) -> bool:
        return self.status in ("queued", "running", "cancelling")

    def view(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "status": self.status, "progress": {"done": self.done, "total": self.total}}
        if self.error:
            out["error"] = {"code": "evaluation_failed", "message": self.error}
        if self.results:
            out["results"] = self.results
            out["report"] = f"/v1/evaluations/{self.id}/report"
        return out


_starting = threading.Lock()


def _jobs(svc: Service) -> dict[str, Job]:
    return svc.evaluations


@router.post("", status_code=202, summary="Start an evaluation (runs in the background; admin key)")
async def start(req: EvaluationRequest, svc: Admin) -> Any:
    given = [x for x in (req.cases, req.jsonl, req.csv) if x is not None]
    if len(given) != 1:
        raise BadInput("Send the test set once: as `cases` (a list), `jsonl` or `csv` text.")
    if req.cases is not None:
        import json

        cases = dataset.parse_jsonl("\n".join(json.dumps(c) for c in req.cases), "cases")
    elif req.jsonl is not None:
        cases = dataset.parse_jsonl(req.jsonl, "jsonl")
    else:
        cases = dataset.parse_csv(req.csv or "", "csv")
    if len(cases) > MAX_CASES:
        raise BadInput(f"The test set has {len(cases):,} cases; the limit is {MAX_CASES:,}.")
    with _starting:  # one evaluation at a time per server: each keeps the model busy for minutes
        if any(j.active for j in _jobs(svc).values()):
            raise Saturated("Another evaluation is running; retry when it is done.", retry_after=30)
        job = Job(uuid.uuid4().hex[:12], len(cases))
        _jobs(svc)[job.id] = job

    gated = _Gated(svc.components.answerer, svc.gate, asyncio.get_running_loop())

    def work() -> None:
        try:
            with _starting:
                if job.status == "queued":  # not if it was cancelled meanwhile
                    job.status = "running"

            def progress(done: int, total: int, case: str) -> None:
                job.done = done

            results = runner.run(cases, gated, svc.components.store, llm=req.llm, k=req.k,
                                 progress=progress, name=req.name or job.id, cancel=job.cancel.is_set)
            job.html = report.report_html(results)
            job.results, job.status = results, "done"
        except Cancelled:
            job.status = "cancelled"
        except Exception as e:  # reported through the job, never lost
            job.status, job.error = "failed", f"{type(e).__name__}: {e}"

    threading.Thread(target=work, name=f"evaluation-{job.id}", daemon=True).start()
    return job.view()


@router.delete("/{job_id}", summary="Cancel a running evaluation (it stops between cases), or forget a finished one")
async def cancel(job_id: str, svc: Admin) -> Any:
    job = _job(svc, job_id)
    with _starting:
        if job.active:
            job.cancel.set()
            job.status = "cancelling"  # until the runner stops, after the case it is on
            return JSONResponse(job.view(), status_code=202)
        del _jobs(svc)[job_id]
    return {"deleted": job_id, "status": job.status}


@router.get("/{job_id}", summary="Status, progress and (when done) every metric and case")
async def status(job_id: str, svc: Guarded) -> Any:
    return _job(svc, job_id).view()


@router.get("/{job_id}/report", summary="The self-contained HTML report", response_class=HTMLResponse)
async def html_report(job_id: str, svc: Guarded) -> HTMLResponse:
    job = _job(svc, job_id)
    if job.html is None:
        raise NotFound(f"Evaluation {job_id} has no report yet (status: {job.status}).")
    return HTMLResponse(job.html)


class _Gated:
    """The answer chain with each call through the server's model gate, as answers' calls are:
    an evaluation shares the model slots (and their time limit) instead of running beside them."""

    def __init__(self, chain: Any, gate: ModelGate, loop: asyncio.AbstractEventLoop) -> None:
        self._chain, self._gate, self._loop = chain, gate, loop

    async def _call(self, ask: Any) -> Any:
        async with self._gate.slot():  # waits for a slot; never refused like a request past the queue
            return await self._gate.call(self._chain.invoke, ask)

    def invoke(self, ask: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(self._call(ask), self._loop).result()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._chain, name)


def _job(svc: Service, job_id: str) -> Job:
    job = _jobs(svc).get(job_id)
    if job is None:
        raise NotFound(f"No evaluation {job_id!r}")
    return job

