"""Questions: /v1/ask (JSON or server-sent events) and /v1/search."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from sse_starlette import EventSourceResponse
from starlette.background import BackgroundTask

from api import answering
from api.deps import Guarded, Service, request_id
from api.errors import Timeout, error_body
from api.schemas import AskRequest, SearchRequest, check_question
from rag.answer.chain import Ask
from rag.errors import AnswererUnavailable, AQAError, MissingExtra, ModelError

router = APIRouter(prefix="/v1", tags=["answers"])
log = logging.getLogger("aqa.api")


@router.post("/ask", summary="A short answer with verified citations (JSON, or SSE with stream: true)")
async def ask(req: AskRequest, request: Request, svc: Guarded) -> Any:
    started = time.perf_counter()
    ask = answering.ask_of(svc, req)
    rid = request_id(request)
    if req.stream or "text/event-stream" in request.headers.get("accept", ""):
        return _sse(svc, ask, rid, started)
    answer = await answering.answer(svc, ask)
    answering.record(svc, answer)
    await answering.log_query(svc, rid, "/v1/ask", ask, answer, started)
    return answering.answer_json(answer, rid)


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
                            yield {"event": "citations", "data": json.dumps({"citations": answering.citations_json(value)})}
                        elif kind == "token":
                            yield {"event": "token", "data": json.dumps({"text": value})}
                        else:
                            answering.record(svc, value)
                            await answering.log_query(svc, rid, "/v1/ask", ask, value, started)
                            yield {"event": "done", "data": json.dumps(answering.answer_json(value, rid))}
                except MissingExtra as e:
                    raise AnswererUnavailable(str(e)) from None
                except (ModelError, Timeout) as e:
                    if not answering.generative(svc, ask):
                        raise
                    # `done` replaces whatever draft was streamed: it carries the extractive answer.
                    answer = await answering.extractive_instead(svc, ask, e, svc.gate.call)
                    answering.record(svc, answer)
                    await answering.log_query(svc, rid, "/v1/ask", ask, answer, started)
                    if not cited:
                        yield {"event": "citations", "data": json.dumps({"citations": answering.citations_json(answer.citations)})}
                    yield {"event": "done", "data": json.dumps(answering.answer_json(answer, rid))}
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
