"""Feedback on answers: thumbs up or down by request id, stored durably beside the store."""

from __future__ import annotations

import hashlib
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import Guarded, Service
from api.schemas import FeedbackRequest, check_question
from api.security import presented_key
from rag.feedback import Logs

router = APIRouter(prefix="/v1", tags=["feedback"])


@router.post("/feedback", status_code=201, summary="Rate an answer (up or down) by its request id; optional reason and correction")
async def feedback(req: FeedbackRequest, request: Request, svc: Guarded) -> Any:
    if req.question:
        check_question(req.question, svc.settings)
    logs = svc.logs or Logs.of(svc.settings)
    record = req.model_dump(exclude_none=True)
    record["citations"] = [c.model_dump(exclude_none=True) for c in req.citations]
    record["caller"] = _caller_tag(svc, request)
    stored = await anyio.to_thread.run_sync(logs.add_feedback, record)  # written and fsynced before we answer
    return JSONResponse({"stored": True, "request_id": req.request_id, "rating": req.rating, "time": stored["time"]}, status_code=201)


def _caller_tag(svc: Service, request: Request) -> str:
    """Who rated, without keeping the key: a short hash of it (or "open" when keys are off)."""
    key = presented_key(request)
    if not (svc.settings.api_keys or svc.settings.admin_keys) or not key:
        return "open"
    return "key:" + hashlib.sha256(key.encode()).hexdigest()[:12]
