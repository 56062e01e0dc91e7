"""The app factory: components are built once at start-up (or handed in) and shared by routes."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import errors
from api.deps import Service
from api.limits import BodyLimit, ModelGate
from api.metrics import Metrics, MetricsMiddleware
from api.security import Guard
from rag.feedback import Logs, sane_request_id
from rag.logs import install as install_logging
from rag.settings import Settings, get_settings

if TYPE_CHECKING:  # built by the composition root (aqa.components), which sits above the API
    from aqa.components import Components

log = logging.getLogger("aqa.api")
class RequestId:
    """Every request gets an id: the client's X-Request-ID when it is a plain token (letters,
    digits, `._:-`, at most 128), else a new one. It is in `request.state.request_id` and in the
    X-Request-ID header of every response, errors included; answers carry it as `request_id`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"x-request-id"), None)
        rid = sane_request_id(given) or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                message = {**message, "headers": [*headers, (b"x-request-id", rid.encode())]}
            await send(message)

        await self.app(scope, receive, tagged)


def create_app(settings: Settings | None = None, components: Components | None = None,
               build: Callable[[Settings], Components] | None = None) -> FastAPI:
    """The app over `components`, or over those `build(settings)` makes at start-up (the composition
    root passes its builder: `aqa.asgi.create_app`)."""
    if components is None and build is None:
        raise TypeError("create_app needs components or a build function (see aqa.asgi.create_app)")
    settings = settings or (components.settings if components else get_settings())
    settings.ensure()  # a server uses every setting: a bad one is refused here, in one line
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        built = components
        if built is None:
            built = await anyio.to_thread.run_sync(build, settings)
        # Warm the model and the indexes before the first request, off the event loop.
        await anyio.to_thread.run_sync(_warm, built)
        built.store.hold()  # no other process writes to an embedded store while we serve it
        if not settings.api_keys and not settings.admin_keys:
            log.warning("AQA_API_KEYS is not set: the API is open to anyone who can reach it.")
        app.state.service = Service(
            settings, built, ModelGate(settings.max_concurrent_model_calls, settings.max_queued_model_calls, settings.llm_timeout),
            Guard(settings), metrics,
        )
        app.state.service.logs = logs = Logs.of(settings)
        if logs.queries.path.exists():  # old lines go at start-up (even with the log now off), then daily
            await anyio.to_thread.run_sync(logs.prune)
        try:
            yield
        finally:
            built.store.release()

    app = FastAPI(
        title="assessment-qa",
        version="0.1.0",
        summary="Answers with verified citations over CQC local authority assessment reports.",
        lifespan=lifespan,
        docs_url=None,  # served below from local assets: /docs and /redoc work offline
        redoc_url=None,
    )
    _offline_docs(app)
    _security_schemes(app)
    errors.install(app)
    from api.routes import answers, documents, evaluations, feedback, openai, ops

    app.include_router(answers.router)
    app.include_router(openai.router)
    app.include_router(feedback.router)
    app.include_router(documents.router)
    app.include_router(evaluations.router)
    app.include_router(ops.router)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "X-API-Key", "Content-Type", "Accept", "X-Request-ID"],
        expose_headers=["Retry-After", "X-Request-ID"],
        max_age=600,
    )
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    install_logging(app, settings)  # JSON logs (AQA_LOG_FORMAT=json) carrying the request id
    app.add_middleware(RequestId)  # outermost: every response has the header, errors and 413s too
    return app


def _warm(components: Components) -> None:
    components.embedder.embed_query("warm up")
    components.retriever.refresh()
    _ = components.answerer


# --- OpenAPI: docs from local assets, security schemes ---------------------------------------------

DOCS_ASSETS = "/docs-assets"
KEY_SECURITY: list[dict[str, list[str]]] = [{"bearer": []}, {"apiKey": []}]  # either one


def _offline_docs(app: FastAPI) -> None:
    """Swagger UI (/docs) and ReDoc (/redoc) from the assets the fastapi-offline package ships: no CDN."""
    import fastapi_offline
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
    from fastapi.staticfiles import StaticFiles

    app.mount(DOCS_ASSETS, StaticFiles(directory=Path(fastapi_offline.__file__).parent / "static"), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> object:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} — API",
            oauth2_redirect_url="/docs/oauth2-redirect", swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css", swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
        )

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    async def swagger_redirect() -> object:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> object:
        return get_redoc_html(openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} — ReDoc",
                              redoc_js_url=f"{DOCS_ASSETS}/redoc.standalone.js", redoc_favicon_url=f"{DOCS_ASSETS}/favicon.png",
                              with_google_fonts=False)


def _security_schemes(app: FastAPI) -> None:
    """Bearer and X-API-Key declared in the spec, and required by every route that checks keys
    (those with the guard among their dependencies); /healthz, /readyz, /metrics stay open."""
    from fastapi.openapi.utils import get_openapi
    from fastapi.routing import APIRoute

    def guarded(dependant: object) -> bool:
        for dep in getattr(dependant, "dependencies", []):
            if getattr(dep.call, "__name__", "") in ("guarded", "admin") or guarded(dep):
                return True
        return False

    def api_routes() -> list[Any]:
        try:  # FastAPI >= 0.16x includes routers lazily: their routes are reached through route contexts
            from fastapi.openapi.utils import _get_api_route_for_openapi
            from fastapi.routing import iter_route_contexts
        except ImportError:
            return [r for r in app.routes if isinstance(r, APIRoute)]
        found = (_get_api_route_for_openapi(ctx) for ctx in iter_route_contexts(app.routes))
        return [r for r in found if r is not None]

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, summary=app.summary, description=app.description,
                             routes=app.routes)
        schema.setdefault("components", {})["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer", "description": "An API key (AQA_API_KEYS; admin routes: AQA_ADMIN_KEYS)."},
            "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key", "description": "The same key, in its own header."},
        }
        for route in api_routes():
            if route.include_in_schema and guarded(route.dependant):
                for method in route.methods or ():
                    operation = schema.get("paths", {}).get(route.path_format, {}).get(method.lower())
                    if operation is not None:
                        operation["security"] = KEY_SECURITY
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
