"""Logs as one JSON object a line (`AQA_LOG_FORMAT=json`), each carrying the request it belongs to.

The request id is the one the X-Request-ID middleware gives the request (`request.state.request_id`,
i.e. `scope["state"]["request_id"]`), else the client's X-Request-ID header. `RequestLogContext`
remembers the request's scope in a context variable for the length of the request, so every
record logged while serving it — ours, the access log, a library's — carries the id, whichever
order the middlewares run in. Outside a request there is no `request_id`.

`install(app, settings)` is the one call the app factory makes. Logging is (re)configured when
the server starts the app (its lifespan), after uvicorn has set up its own loggers, so uvicorn's
access and error logs are JSON too.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
import sys
import time
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

_scope: contextvars.ContextVar[Scope | None] = contextvars.ContextVar("aqa_request_scope", default=None)

# LogRecord attributes that are not extra fields.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "request_id", "color_message"}
UVICORN = ("uvicorn", "uvicorn.error", "uvicorn.access")


def current_request_id() -> str | None:
    scope = _scope.get()
    if scope is None:
        return None
    rid = (scope.get("state") or {}).get("request_id")
    if rid:
        return str(rid)
    for key, value in scope.get("headers") or ():
        if key == b"x-request-id":
            return value.decode("latin-1")[:128] or None
    return None


class RequestLogContext:
    """ASGI middleware: the request's scope is the logging context while the request runs."""

    def __init__(self, app: ASGIApp, log_format: str = "text", level: str = "INFO") -> None:
        self.app, self.log_format, self.level = app, log_format, level

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":  # the server is starting the app: its loggers are set up by now
            configure(self.log_format, self.level)
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _scope.set(scope)
        try:
            await self.app(scope, receive, send)
        finally:
            _scope.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """{"time", "level", "logger", "message", "request_id", "pid", ...extra fields, "exc"}."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", None) or current_request_id()
        if rid:
            entry["request_id"] = rid
        entry["pid"] = record.process or os.getpid()
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) == 5:
            client, method, path, http, status = record.args
            entry |= {"client": client, "method": method, "path": path, "http": http, "status": status}
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else repr(value)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(log_format: str = "text", level: str = "INFO") -> None:
    """JSON: the root logger and uvicorn's to stderr as JSON lines carrying the request id; our
    loggers (`aqa.*`) and uvicorn's at `level`, libraries at WARNING. Text: logging is left as
    it is (uvicorn's own format)."""
    if log_format != "json":
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    handler.setLevel(level.upper())  # a library that sets its own logger to DEBUG stays quiet
    handler._aqa = True  # type: ignore[attr-defined]
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not getattr(h, "_aqa", False)] + [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger("aqa").setLevel(level.upper())
    for name in UVICORN:  # uvicorn's loggers do not propagate: give them the same handler
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False
        logger.setLevel(level.upper())


def install(app: Any, settings: Any) -> None:
    """The app factory's one call: the request context for every log line, JSON when asked."""
    log_format = getattr(settings, "log_format", "text")
    level = getattr(settings, "log_level", "INFO")
    app.add_middleware(RequestLogContext, log_format=log_format, level=level)
