"""API keys (off when AQA_API_KEYS is unset), admin keys for write routes, and the rate limit."""

from __future__ import annotations

import hmac

from fastapi import Request

from api.errors import Forbidden, Unauthorized
from api.limits import RateLimiter, open_limit_storage
from rag.settings import Settings


def presented_key(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.headers.get("x-api-key") or None


def _known(key: str, keys: list[str]) -> bool:
    return any(hmac.compare_digest(key.encode(), k.encode()) for k in keys)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "?"


class Guard:
    def __init__(self, settings: Settings) -> None:
        self.keys = list(settings.api_keys) + list(settings.admin_keys)
        self.admin_keys = list(settings.admin_keys)
        storage = open_limit_storage(settings.rate_limit_storage)  # memory:// per process, redis:// shared
        self.limiter = RateLimiter(settings.rate_limit_per_minute, storage=storage)
        # Wrong or missing keys, per client address: guessing keys is slowed to a crawl.
        self.failures = RateLimiter(settings.auth_failures_per_minute, "failed key checks", "AQA_AUTH_FAILURES_PER_MINUTE", storage=storage)

    def caller(self, request: Request) -> str:
        """Checks the key (when keys are on) and the rate limit; returns who is calling."""
        key = presented_key(request)
        address = client_address(request)
        if self.keys:
            self.failures.refuse_if_over(address)  # an address that keeps failing is refused, even with a good key
            if key is None:
                self.failures.add(address)
                raise Unauthorized("An API key is required: send `Authorization: Bearer KEY` or `X-API-Key: KEY`.")
            if not _known(key, self.keys):
                self.failures.add(address)
                raise Unauthorized("The API key is not valid.")
        caller = f"key:{key}" if key and self.keys else f"ip:{address}"
        self.limiter.check(caller)
        return caller

    def admin(self, request: Request) -> str:
        caller = self.caller(request)
        key = presented_key(request)
        if self.admin_keys and not (key and _known(key, self.admin_keys)):
            raise Forbidden("This route changes the store and needs an admin key (AQA_ADMIN_KEYS).")
        return caller
