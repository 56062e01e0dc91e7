"""Request limits: body size, per-key rate, and a bounded queue in front of the models."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import math
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import RateLimited, Saturated, Timeout, error_body
from rag.errors import AQAError

if TYPE_CHECKING:
    from limits.storage import Storage

T = TypeVar("T")
log = logging.getLogger("aqa.api")


class BodyLimit:
    """413 for a body over `limit` bytes: declared (Content-Length) or counted as it arrives
    (a chunked body has no length to declare)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge(self.message)
            return message

        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    @property
    def message(self) -> str:
        return f"The request body is over the {self.limit:,}-byte limit (AQA_MAX_BODY_BYTES)."

    async def _refuse(self, send: Send) -> None:
        import json

        body = json.dumps(error_body("too_large", self.message)).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(HTTPException):
    """Raised from `receive` once the body passes the limit. An HTTPException, so FastAPI's body
    parsing lets it through as it is (any other error there becomes a 400), and it is a 413."""

    def __init__(self, message: str) -> None:
        super().__init__(413, message)


class RateLimiter:
    """At most `per_minute` events in any 60 s window (a moving window), per caller (API key, else
    client address), counted in a `limits` storage: `memory://` (this process) or `redis://...`
    (every worker and host that points at the same Redis shares the count).

    Called from the threadpool (sync dependencies run there); the storages are thread-safe.
    Callers are hashed before they are stored: no API key is written to Redis.
    """

    def __init__(self, per_minute: int, what: str = "requests", setting: str = "AQA_RATE_LIMIT_PER_MINUTE",
                 storage: str | Storage = "memory://", namespace: str = "aqa") -> None:
        from limits import RateLimitItemPerMinute
        from limits.strategies import MovingWindowRateLimiter

        self.per_minute, self.what, self.setting = per_minute, what, setting
        self.storage = open_limit_storage(storage) if isinstance(storage, str) else storage
        self._item = RateLimitItemPerMinute(max(per_minute, 1), namespace=namespace)
        self._scope = re.sub(r"\W+", "-", what)
        self._limiter = MovingWindowRateLimiter(self.storage)

    def check(self, caller: str) -> None:
        """Count one event for `caller`, or raise RateLimited (not counted) when its window is full."""
        if self.per_minute > 0 and not self._call(self._limiter.hit, caller):
            self._refuse(caller)

    def refuse_if_over(self, caller: str) -> None:
        """Raise RateLimited when `caller`'s window is full, without counting anything."""
        if self.per_minute > 0 and not self._call(self._limiter.test, caller):
            self._refuse(caller)

    def add(self, caller: str) -> None:
        """Count one event without checking (e.g. a failure, after the fact); a full window stays full."""
        if self.per_minute > 0:
            self._call(self._limiter.hit, caller)

    def _refuse(self, caller: str) -> None:
        reset = self._call(self._limiter.get_window_stats, caller).reset_time
        retry = min(60, max(1, math.ceil(reset - time.time())))
        raise RateLimited(f"Over {self.per_minute} {self.what} a minute ({self.setting}); retry in {retry} s.", retry)

    def _call(self, fn: Callable[..., T], caller: str) -> T:
        from limits.errors import StorageError

        key = hashlib.blake2b(caller.encode(), digest_size=12).hexdigest()
        try:
            return fn(self._item, self._scope, key)
        except (StorageError, ConnectionError, OSError) as e:
            log.warning("rate-limit storage unreachable: %s", e)
            raise LimitsUnavailable() from e


class LimitsUnavailable(AQAError):
    """The shared rate-limit storage (Redis) cannot be reached: refuse (503) rather than serve unlimited."""

    code = "rate_limit_unavailable"
    status = 503

    def __init__(self, retry_after: int = 5) -> None:
        super().__init__("The rate-limit storage (AQA_RATE_LIMIT_STORAGE) is not reachable just now; retry shortly.")
        self.headers = {"Retry-After": str(retry_after)}


def open_limit_storage(uri: str) -> Storage:
    """A `limits` storage from a URI: `memory://`, `redis://HOST:PORT[/DB]`, `rediss://`, `redis+unix://`,
    `redis+sentinel://`, `redis+cluster://`. Redis calls time out after 2 s rather than hang a request."""
    from limits.storage import storage_from_string

    options: dict[str, Any] = {"wrap_exceptions": True}
    if uri.startswith(("redis", "rediss")):
        options |= {"socket_timeout": 2.0, "socket_connect_timeout": 2.0, "key_prefix": "aqa-limits"}
    return storage_from_string(uri, **options)  # type: ignore[return-value]


class ModelGate:
    """At most `concurrent` model calls at once and `queued` more waiting; past that, 503.

    Model calls run in worker threads, never on the event loop, each under a time limit.
    """

    def __init__(self, concurrent: int, queued: int, timeout: float) -> None:
        self.concurrent, self.capacity, self.timeout = concurrent, concurrent + queued, timeout
        self.inside = 0  # running + waiting
        self.running = 0
        self._sem: asyncio.Semaphore | None = None

    def reserve(self) -> Callable[[], None]:
        """Take a place in the queue now (or 503); returns an idempotent release."""
        if self.inside >= self.capacity:
            raise Saturated(f"The server is answering {self.inside} requests, its limit; retry shortly.")
        self.inside += 1
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                self.inside -= 1

        return release

    async def run(self, fn: Callable[..., T], *args: object, cancel: threading.Event | None = None) -> T:
        """Run a blocking call in a thread, holding a model slot, with the timeout."""
        release = self.reserve()
        try:
            async with self.slot():
                return await self.call(fn, *args, cancel=cancel)
        finally:
            release()

    def slot(self) -> _Slot:
        if self._sem is None:
            self._sem = asyncio.Semaphore(self.concurrent)
        return _Slot(self, self._sem)

    async def call(self, fn: Callable[..., T], *args: object, cancel: threading.Event | None = None) -> T:
        """`cancel`, when given, is set at the deadline: the call (a model writing) stops at its
        next step instead of running on after the caller has had its 504."""
        try:
            with anyio.fail_after(self.timeout):
                return await anyio.to_thread.run_sync(fn, *args, abandon_on_cancel=True)
        except TimeoutError as e:
            if cancel is not None:
                cancel.set()
            raise Timeout(f"The model did not answer within {self.timeout:.0f} s (AQA_LLM_TIMEOUT).") from e


    async def stream(self, events: Iterator[T], on_cancel: Callable[[], None] | None = None) -> AsyncIterator[T]:
        """Drain a blocking iterator (a model writing tokens) in one worker thread.

        When the consumer goes away (the client disconnected), the thread stops at the next item
        and closes the iterator itself, which stops the generation. Each item is awaited under
        the timeout.
        """
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[object] = asyncio.Queue()
        stop = threading.Event()

        def put(item: object) -> None:
            with contextlib.suppress(RuntimeError):  # the loop is gone: nobody is listening
                loop.call_soon_threadsafe(queue.put_nowait, item)

        def pump() -> None:
            try:
                for item in events:
                    if stop.is_set():
                        if on_cancel:
                            on_cancel()
                        break
                    put(item)
            except BaseException as e:  # handed to the consumer, raised there
                put(_Failed(e))
            finally:
                close = getattr(events, "close", None)
                if close:
                    close()  # in the thread that ran it: stops the model
                put(_END)

        loop.run_in_executor(None, pump)
        deadline = loop.time() + self.timeout  # one deadline for the whole answer, not per token
        try:
            while True:
                try:
                    with anyio.fail_after(max(deadline - loop.time(), 0)):
                        item = await queue.get()
                except TimeoutError as e:
                    raise Timeout(f"The answer took longer than {self.timeout:.0f} s (AQA_LLM_TIMEOUT).") from e
                if item is _END:
                    return
                if isinstance(item, _Failed):
                    raise item.error
                yield item  # type: ignore[misc]
        finally:
            stop.set()


_END = object()


@dataclass
class _Failed:
    error: BaseException


class _Slot:
    def __init__(self, gate: ModelGate, sem: asyncio.Semaphore) -> None:
        self.gate, self.sem = gate, sem

    async def __aenter__(self) -> None:
        await self.sem.acquire()
        self.gate.running += 1

    async def __aexit__(self, *exc: object) -> None:
        self.gate.running -= 1
        self.sem.release()


