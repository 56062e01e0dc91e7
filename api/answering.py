"""The answer service the routes share: a request made an Ask, the chain run through the model
gate (with the extractive fallback when a model fails), metrics, the query log, and answers as JSON."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio

from api.deps import Service
from api.errors import Timeout
from api.schemas import AskRequest, check_history, check_question
from rag.answer import registry
from rag.answer.chain import Ask
from rag.errors import AnswererUnavailable, MissingExtra, ModelError
from rag.feedback import query_record, source_card
from rag.models import Answer, Citation

log = logging.getLogger("aqa.api")


def ask_of(svc: Service, req: AskRequest) -> Ask:
    check_question(req.question, svc.settings)
    history = [{"role": t.role, "content": t.content} for t in req.history if t.role != "system"]
    check_history(history, svc.settings)
    registry.check(svc.settings, req.llm)  # a generative answerer not configured here: the caller's 4xx
    return Ask(req.question, history=history, authorities=req.authorities, statements=req.statements, llm=req.llm, k=req.k)


def generative(svc: Service, ask: Ask) -> bool:
    return registry.get(ask.llm or svc.settings.llm).generative


async def answer(svc: Service, ask: Ask) -> Answer:
    """The chain's answer. When the answering model fails or cannot be reached, the extractive
    answer instead, marked `degraded` (the model's error, which may name its address, is only logged)."""
    try:
        ask = dataclasses.replace(ask, cancel=threading.Event())  # set at the deadline: the generation stops
        return await svc.gate.run(svc.components.answerer.invoke, ask, cancel=ask.cancel)
    except MissingExtra as e:
        raise AnswererUnavailable(str(e)) from None
    except (ModelError, Timeout) as e:
        if not generative(svc, ask):
            raise
        return await extractive_instead(svc, ask, e, svc.gate.run)


async def extractive_instead(svc: Service, ask: Ask, error: Exception, run: Callable[..., Awaitable[Answer]]) -> Answer:
    """The extractive answer, marked `degraded`, when the generative model failed or timed out.
    `run` is the gate's way in: `run` (takes a slot) or `call` (already inside one)."""
    log.warning("the answering model failed (%s); answering extractively", error)
    answer = await run(svc.components.answerer.invoke, dataclasses.replace(ask, llm="extractive", cancel=None))
    answer.degraded = True
    return answer


def record(svc: Service, answer: Answer) -> None:
    svc.metrics.answers.labels(answer.answerer or "none", str(answer.abstained).lower()).inc()
    for r in answer.removed:
        svc.metrics.removed.labels(r.action).inc()


def citation_json(c: Citation) -> dict[str, Any]:
    """A citation with its source card ("Title — Statement — published … — URL") as `card`."""
    return {**c.model_dump(), "card": source_card(c)}


def citations_json(citations: list[Citation]) -> list[dict[str, Any]]:
    return [citation_json(c) for c in citations]


def answer_json(answer: Answer, rid: str = "") -> dict[str, Any]:
    body = answer.model_dump(exclude={"question"})
    body["citations"] = citations_json(answer.citations)
    if rid:
        body["request_id"] = rid
    return body


async def log_query(svc: Service, rid: str, route: str, ask: Ask, answer: Answer, started: float) -> None:
    """Into the query log, when it is on (AQA_QUERY_LOG). A log that cannot be written costs a
    warning, never the answer."""
    if svc.logs is None or not svc.logs.query_log:
        return
    record = query_record(
        request_id=rid, route=route, question=ask.question, answer=answer, latency_s=time.perf_counter() - started,
        history=[dict(t) for t in ask.history], authorities=ask.authorities, statements=ask.statements,
    )
    try:
        await anyio.to_thread.run_sync(svc.logs.log_query, record)
    except Exception:
        log.exception("could not write the query log")
