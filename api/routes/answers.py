"""Questions: /v1/ask (JSON or server-sent events), /v1/search, and the OpenAI-compatible routes."""

from __future__ import annotations

import dataclasses
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError
from sse_starlette import EventSourceResponse
from starlette.background import BackgroundTask

from api.app import Service, request_id, service
from api.errors import Timeout, error_body
from api.schemas import AskRequest, ChatCompletionRequest, SearchRequest, check_history, check_question
from rag.answer import registry
from rag.answer.chain import Ask
from rag.errors import AnswererUnavailable, AQAError, BadInput, MissingExtra, ModelError, NotFound
from rag.feedback import query_record, source_card, sources_block, without_sources_block
from rag.models import Answer, Citation
from rag.text import pieces

router = APIRouter(prefix="/v1", tags=["answers"])
log = logging.getLogger("aqa.api")
MODEL = "assessment-qa"


def guarded(request: Request) -> Service:
    svc = service(request)
    svc.guard.caller(request)
    return svc


Guarded = Annotated[Service, Depends(guarded)]


def admin(request: Request) -> Service:
    svc = service(request)
    svc.guard.admin(request)
    return svc


Admin = Annotated[Service, Depends(admin)]


def _ask_of(svc: Service, req: AskRequest) -> Ask:
    check_question(req.question, svc.settings)
    history = [{"role": t.role, "content": t.content} for t in req.history if t.role != "system"]
    check_history(history, svc.settings)
    _check_answerer(svc, req.llm)
    return Ask(req.question, history=history, authorities=req.authorities, statements=req.statements, llm=req.llm, k=req.k)


def _check_answerer(svc: Service, llm: str | None) -> None:
    """A generative answerer this server is not configured for is the caller's 4xx, not our 500."""
    registry.check(svc.settings, llm)


def _generative(svc: Service, ask: Ask) -> bool:
    return registry.get(ask.llm or svc.settings.llm).generative


async def _answer(svc: Service, ask: Ask) -> Answer:
    """The chain's answer. When the answering model fails or cannot be reached, the extractive
    answer instead, marked `degraded` (the model's error, which may name its address, is only logged)."""
    try:
        return await svc.gate.run(svc.components.answerer.invoke, ask)
    except MissingExtra as e:
        raise AnswererUnavailable(str(e)) from None
    except (ModelError, Timeout) as e:
        if not _generative(svc, ask):
            raise
        log.warning("the answering model failed (%s); answering extractively", e)
    answer = await svc.gate.run(svc.components.answerer.invoke, dataclasses.replace(ask, llm="extractive"))
    answer.degraded = True
    return answer


def _record(svc: Service, answer: Answer) -> None:
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


async def _log_query(svc: Service, rid: str, route: str, ask: Ask, answer: Answer, started: float) -> None:
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


@router.post("/ask", summary="A short answer with verified citations (JSON, or SSE with stream: true)")
async def ask(req: AskRequest, request: Request, svc: Guarded) -> Any:
    started = time.perf_counter()
    ask = _ask_of(svc, req)
    rid = request_id(request)
    if req.stream or "text/event-stream" in request.headers.get("accept", ""):
        return _sse(svc, ask, rid, started)
    answer = await _answer(svc, ask)
    _record(svc, answer)
    await _log_query(svc, rid, "/v1/ask", ask, answer, started)
    return answer_json(answer, rid)


def _sse(svc: Service, ask: Ask, rid: str = "", started: float = 0.0) -> EventSourceResponse:
    release = svc.gate.reserve()  # 503 now, before the stream starts, if the queue is full

    async def events() -> AsyncIterator[dict[str, str]]:
        cited = False
        try:
            async with svc.gate.slot():
                try:
                    events = svc.components.answerer.events(ask)
                    async for kind, value in svc.gate.stream(events, on_cancel=svc.metrics.cancelled.inc):
                        if kind == "citations":
                            cited = True
                            yield {"event": "citations", "data": json.dumps({"citations": citations_json(value)})}
                        elif kind == "token":
                            yield {"event": "token", "data": json.dumps({"text": value})}
                        else:
                            _record(svc, value)
                            await _log_query(svc, rid, "/v1/ask", ask, value, started)
                            yield {"event": "done", "data": json.dumps(answer_json(value, rid))}
                except MissingExtra as e:
                    raise AnswererUnavailable(str(e)) from None
                except (ModelError, Timeout) as e:
                    if not _generative(svc, ask):
                        raise
                    # `done` replaces whatever draft was streamed: it carries the extractive answer.
                    log.warning("the answering model failed (%s); answering extractively", e)
                    answer = await svc.gate.call(svc.components.answerer.invoke, dataclasses.replace(ask, llm="extractive"))
                    answer.degraded = True
                    _record(svc, answer)
                    await _log_query(svc, rid, "/v1/ask", ask, answer, started)
                    if not cited:
                        yield {"event": "citations", "data": json.dumps({"citations": citations_json(answer.citations)})}
                    yield {"event": "done", "data": json.dumps(answer_json(answer, rid))}
        except AQAError as e:
            yield {"event": "error", "data": json.dumps(error_body(e.code, str(e)))}
        except Exception:  # the stream has started: the error goes in it, as an event, never a traceback
            log.exception("error while streaming an answer")
            yield {"event": "error", "data": json.dumps(error_body("internal", "Something went wrong on the server; it has been logged."))}
        finally:
            release()

    return EventSourceResponse(events(), background=BackgroundTask(release), ping=15)


@router.post("/search", summary="Ranked passages with metadata and offsets (as `aqa search --json`)")
async def search(req: SearchRequest, svc: Guarded) -> Any:
    check_question(req.query, svc.settings, "query")
    retriever = svc.components.retriever  # search() refreshes its indexes if the store changed
    found = await svc.gate.run(lambda: retriever.search(req.query, authorities=req.authorities, statements=req.statements, k=req.k))
    return found.model_dump()


# --- OpenAI-compatible ----------------------------------------------------------------------------


def _models(svc: Service) -> list[str]:
    """`assessment-qa` (the server's default answerer) and one model per answerer that can run here."""
    return [MODEL, *(f"{MODEL}-{name}" for name in registry.available(svc.settings))]


@router.get("/models", summary="OpenAI-compatible model list")
async def models(svc: Guarded) -> Any:
    return {"object": "list", "data": [{"id": m, "object": "model", "created": 0, "owned_by": "assessment-qa"} for m in _models(svc)]}


def _turn_text(role: str, text: str) -> str:
    """An earlier turn as history: our own answers come back without the Sources block we added."""
    return without_sources_block(text) if role == "assistant" else text


@router.post("/chat/completions", summary="OpenAI-compatible chat; citations in the extra `citations` field")
async def chat_completions(req: ChatCompletionRequest, request: Request, svc: Guarded) -> Any:
    started = time.perf_counter()
    if req.model not in _models(svc):
        raise NotFound(f"No model {req.model!r}; this server has {', '.join(_models(svc))} (GET /v1/models).")
    llm = req.model.removeprefix(MODEL).removeprefix("-") or None
    turns = [m for m in req.messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user" or not turns[-1].text().strip():
        raise BadInput("The last message must be a user message with the question.")
    try:
        as_ask = AskRequest(
            question=turns[-1].text(), history=[{"role": m.role, "content": _turn_text(m.role, m.text())} for m in turns[:-1]],  # type: ignore[misc]
            authorities=req.authorities, statements=req.statements, llm=llm, k=None,  # type: ignore[arg-type]
        )
    except ValidationError as e:  # content parts joined past a limit: the caller's 422, not our 500
        first = e.errors()[0]
        raise BadInput(f"messages: {first['msg']}") from None
    ask = _ask_of(svc, as_ask)
    # The answer is checked before any of it is sent: OpenAI clients cannot take back streamed text.
    answer = await _answer(svc, ask)
    _record(svc, answer)
    rid = request_id(request)
    await _log_query(svc, rid, "/v1/chat/completions", ask, answer, started)
    cid, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
    extra: dict[str, Any] = {"citations": citations_json(answer.citations), "abstained": answer.abstained,
             "removed": [r.model_dump() for r in answer.removed], "degraded": answer.degraded, "request_id": rid}
    # Clients that show only the content (most chat front-ends) get the sources in it, numbered as cited.
    in_content = svc.settings.sources_in_content if req.sources_in_content is None else req.sources_in_content
    sources = sources_block(answer.citations) if in_content else ""
    if not req.stream:
        return JSONResponse({
            "id": cid, "object": "chat.completion", "created": created, "model": req.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": answer.answer + sources}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            **extra,
        })

    def chunk(delta: dict[str, Any], finish: str | None = None, **more: Any) -> str:
        body = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": req.model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **more}
        return f"data: {json.dumps(body)}\n\n"

    async def stream() -> AsyncIterator[str]:
        yield chunk({"role": "assistant", "content": ""}, **extra)
        for piece in pieces(answer.answer):
            yield chunk({"content": piece})
        if sources:  # the last content before the finish
            yield chunk({"content": sources})
        yield chunk({}, "stop", **extra)
        yield "data: [DONE]\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream")

