"""Every error leaves the API as JSON `{"error": {"code", "message"}}`, never as a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from rag.errors import AQAError, StoreUnavailable

log = logging.getLogger("aqa.api")


class Unauthorized(AQAError):
    code = "unauthorized"
    status = 401


class Forbidden(AQAError):
    code = "forbidden"
    status = 403


class RateLimited(AQAError):
    code = "rate_limited"
    status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


class Saturated(AQAError):
    code = "busy"
    status = 503

    def __init__(self, message: str, retry_after: int = 2) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


class Timeout(AQAError):
    code = "timeout"
    status = 504


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def _store_down(e: BaseException) -> bool:
    """A connection error from the Chroma server's client (httpx) that no store method translated."""
    import httpx

    return isinstance(e, httpx.TransportError | ConnectionError)


def install(app: FastAPI) -> None:
    @app.exception_handler(AQAError)
    async def aqa_error(request: Request, e: AQAError) -> JSONResponse:
        if isinstance(e, StoreUnavailable):  # one line per request, no traceback: the cause is outside us
            log.warning("%s %s: store unavailable: %s", request.method, request.url.path, e.__cause__ or e)
        elif e.status >= 500:
            log.warning("%s %s: %s: %s", request.method, request.url.path, e.code, e)
        return error_response(e.status, e.code, str(e), getattr(e, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, e: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'] if p != 'body') or 'body'}: {err['msg']}" for err in e.errors()
        )
        return error_response(422, "invalid_request", problems or "The request is not valid.")

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, e: HTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(e.status_code, "http_error")
        return error_response(e.status_code, code, str(e.detail), getattr(e, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, e: Exception) -> JSONResponse:
        if _store_down(e):
            return await aqa_error(request, StoreUnavailable())
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal", "Something went wrong on the server; it has been logged.")
