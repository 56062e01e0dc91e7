"""Questions: /v1/ask (JSON or server-sent events), /v1/search, and the OpenAI-compatible routes."""

from __future__ import annotations

import dataclasses
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError
from sse_starlette import EventSourceResponse
from starlette.background import BackgroundTask

from api.app import Service, service
from api.errors import Timeout, error_body
from api.schemas import AskRequest, ChatCompletionRequest, SearchRequest, check_history, check_question
from rag.answer.chain import Ask
from rag.errors import AnswererUnavailable, AQAError, BadInput, MissingExtra, ModelError, NotFound
from rag.models import Answer
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
    if (llm or svc.settings.llm) == "openai" and not svc.settings.llm_base_url and not svc.settings.llm_api_key:
        raise AnswererUnavailable(
            'The openai answerer is not configured on this server (AQA_LLM_BASE_URL is not set); ask with "llm": "extractive".'
        )


def _generative(svc: Service, ask: Ask) -> bool:
    return (ask.llm or svc.settings.llm) != "extractive"


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


def answer_json(answer: Answer) -> dict[str, Any]:
    return answer.model_dump(exclude={"question"})


@router.post("/ask", summary="A short answer with verified citations (JSON, or SSE with stream: true)")
async def ask(req: AskRequest, request: Request, svc: Guarded) -> Any:
    ask = _ask_of(svc, req)
    if req.stream or "text/event-stream" in request.headers.get("accept", ""):
        return _sse(svc, ask)
    answer = await _answer(svc, ask)
    _record(svc, answer)
    return answer_json(answer)


def _sse(svc: Service, ask: Ask) -> EventSourceResponse:
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
                            yield {"event": "citations", "data": json.dumps({"citations": [c.model_dump() for c in value]})}
                        elif kind == "token":
                            yield {"event": "token", "data": json.dumps({"text": value})}
                        else:
                            _record(svc, value)
                            yield {"event": "done", "data": json.dumps(answer_json(value))}
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
                    if not cited:
                        yield {"event": "citations", "data": json.dumps({"citations": [c.model_dump() for c in answer.citations]})}
                    yield {"event": "done", "data": json.dumps(answer_json(answer))}
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
    names = [MODEL, f"{MODEL}-extractive"]
    if svc.settings.llm_base_url:
        names.append(f"{MODEL}-openai")
    import importlib.util

    if importlib.util.find_spec("xllamacpp") or importlib.util.find_spec("llama_cpp"):
        names.append(f"{MODEL}-local")
    return names


@router.get("/models", summary="OpenAI-compatible model list")
async def models(svc: Guarded) -> Any:
    return {"object": "list", "data": [{"id": m, "object": "model", "created": 0, "owned_by": "assessment-qa"} for m in _models(svc)]}


@router.post("/chat/completions", summary="OpenAI-compatible chat; citations in the extra `citations` field")
async def chat_completions(req: ChatCompletionRequest, svc: Guarded) -> Any:
    if req.model not in _models(svc):
        raise NotFound(f"No model {req.model!r}; this server has {', '.join(_models(svc))} (GET /v1/models).")
    llm = req.model.removeprefix(MODEL).removeprefix("-") or None
    turns = [m for m in req.messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user" or not turns[-1].text().strip():
        raise BadInput("The last message must be a user message with the question.")
    try:
        as_ask = AskRequest(
            question=turns[-1].text(), history=[{"role": m.role, "content": m.text()} for m in turns[:-1]],  # type: ignore[misc]
            authorities=req.authorities, statements=req.statements, llm=llm, k=None,  # type: ignore[arg-type]
        )
    except ValidationError as e:  # content parts joined past a limit: the caller's 422, not our 500
        first = e.errors()[0]
        raise BadInput(f"messages: {first['msg']}") from None
    ask = _ask_of(svc, as_ask)
    # The answer is checked before any of it is sent: OpenAI clients cannot take back streamed text.
    answer = await _answer(svc, ask)
    _record(svc, answer)
    cid, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
    extra: dict[str, Any] = {"citations": [c.model_dump() for c in answer.citations], "abstained": answer.abstained,
             "removed": [r.model_dump() for r in answer.removed], "degraded": answer.degraded}
    if not req.stream:
        return JSONResponse({
            "id": cid, "object": "chat.completion", "created": created, "model": req.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": answer.answer}, "finish_reason": "stop"}],
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
        yield chunk({}, "stop", **extra)
        yield "data: [DONE]\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream")

