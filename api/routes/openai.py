"""The OpenAI-compatible routes: /v1/models and /v1/chat/completions (plain and streaming), so the
official clients and chat front-ends work. Response shaping lives in api.openai_compat."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError

from api import answering, openai_compat
from api.deps import Guarded, Service, request_id
from api.schemas import AskRequest, ChatCompletionRequest
from rag.answer import registry
from rag.errors import BadInput, NotFound
from rag.feedback import sources_block, without_sources_block

router = APIRouter(prefix="/v1", tags=["openai"])
MODEL = openai_compat.MODEL


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
    ask = answering.ask_of(svc, as_ask)
    # The answer is checked before any of it is sent: OpenAI clients cannot take back streamed text.
    answer = await answering.answer(svc, ask)
    answering.record(svc, answer)
    rid = request_id(request)
    await answering.log_query(svc, rid, "/v1/chat/completions", ask, answer, started)
    extra: dict[str, Any] = {"citations": answering.citations_json(answer.citations), "abstained": answer.abstained,
                             "removed": [r.model_dump() for r in answer.removed], "degraded": answer.degraded, "request_id": rid}
    # Clients that show only the content (most chat front-ends) get the sources in it, numbered as cited.
    in_content = svc.settings.sources_in_content if req.sources_in_content is None else req.sources_in_content
    sources = sources_block(answer.citations) if in_content else ""
    reply = openai_compat.Reply(req.model, answer.answer, sources, extra)
    if not req.stream:
        return JSONResponse(reply.completion())
    return StreamingResponse(reply.chunks(), media_type="text/event-stream")
