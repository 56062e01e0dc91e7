"""Operations: liveness, readiness, Prometheus metrics; the widget script and the demo page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api.deps import STATIC, service
from api.errors import error_body

router = APIRouter(tags=["operations"])


@router.get("/healthz", summary="Alive")
async def healthz() -> Any:
    return {"status": "ok"}


@router.get("/readyz", summary="Models loaded and the store reachable")
async def readyz(request: Request) -> Any:
    svc = getattr(request.app.state, "service", None)
    if svc is None:
        return JSONResponse(error_body("starting", "The models are still loading."), status_code=503)
    try:
        chunks = await svc.gate.call(svc.components.store.count)
    except Exception as e:  # the store may be a server that went away
        return JSONResponse(error_body("store_unreachable", f"The store is not reachable: {e}"), status_code=503)
    return {"status": "ready", "chunks": chunks, "embedding_model": svc.components.embedder.name, "llm": svc.settings.llm}


@router.get("/metrics", summary="Prometheus metrics")
async def metrics(request: Request) -> Response:
    svc = service(request)
    svc.metrics.model_calls.set(svc.gate.inside)
    svc.metrics.chunks.set(await svc.gate.call(svc.components.store.count))
    return Response(generate_latest(svc.metrics.registry), media_type=CONTENT_TYPE_LATEST)


@router.get("/widget.js", include_in_schema=False)
async def widget() -> FileResponse:
    return FileResponse(STATIC / "widget.js", media_type="text/javascript")


@router.get("/", include_in_schema=False)
async def demo() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html")
