"""The app factory: components are built once at start-up (or handed in) and shared by routes."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import anyio
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

from api import errors
from api.limits import BodyLimit, ModelGate
from api.metrics import Metrics, MetricsMiddleware
from api.security import Guard
from rag.components import Components
from rag.settings import Settings, get_settings

log = logging.getLogger("aqa.api")
STATIC = Path(__file__).parent / "static"


@dataclass
class Service:
    """What the routes use; one per app."""

    settings: Settings
    components: Components
    gate: ModelGate
    guard: Guard
    metrics: Metrics
    evaluations: dict = field(default_factory=dict)  # id -> api.routes.evaluations.Job


def service(request: Request) -> Service:
    return request.app.state.service


def create_app(settings: Settings | None = None, components: Components | None = None) -> FastAPI:
    settings = settings or (components.settings if components else get_settings())
    settings.ensure()  # a server uses every setting: a bad one is refused here, in one line
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        built = components
        if built is None:
            from rag.components import build_components

            built = await anyio.to_thread.run_sync(build_components, settings)
        # Warm the model and the indexes before the first request, off the event loop.
        await anyio.to_thread.run_sync(_warm, built)
        built.store.hold()  # no other process writes to an embedded store while we serve it
        if not settings.api_keys and not settings.admin_keys:
            log.warning("AQA_API_KEYS is not set: the API is open to anyone who can reach it.")
        app.state.service = Service(
            settings, built, ModelGate(settings.max_concurrent_model_calls, settings.max_queued_model_calls, settings.llm_timeout),
            Guard(settings), metrics,
        )
        try:
            yield
        finally:
            built.store.release()

    app = FastAPI(
        title="assessment-qa",
        version="0.1.0",
        summary="Answers with verified citations over CQC local authority assessment reports.",
        lifespan=lifespan,
    )
    errors.install(app)
    from api.routes import answers, documents, evaluations, ops

    app.include_router(answers.router)
    app.include_router(documents.router)
    app.include_router(evaluations.router)
    app.include_router(ops.router)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "X-API-Key", "Content-Type", "Accept"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app


def _warm(components: Components) -> None:
    components.embedder.embed_query("warm up")
    components.retriever.refresh()
    _ = components.answerer
