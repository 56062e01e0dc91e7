"""Prometheus metrics, in a registry of the app's own (two apps in one process never collide)."""

from __future__ import annotations

import os
import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("aqa_requests", "HTTP requests", ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram(
            "aqa_request_seconds", "Time to the end of the response", ["route"], registry=self.registry,
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
        )
        self.rejected = Counter("aqa_rejected", "Requests refused by a limit", ["reason"], registry=self.registry)
        self.model_calls = Gauge("aqa_model_calls_inside", "Model calls running or queued", registry=self.registry)
        self.answers = Counter("aqa_answers", "Answers given", ["answerer", "abstained"], registry=self.registry)
        self.removed = Counter("aqa_check_removed", "Sentences removed or repaired by the citation check", ["action"], registry=self.registry)
        self.cancelled = Counter("aqa_generations_cancelled", "Streamed answers stopped because the client left", registry=self.registry)
        self.chunks = Gauge("aqa_store_chunks", "Chunks in the store", registry=self.registry)


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def tracked(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                # Which worker process answered: for operators behind a load balancer.
                message = {**message, "headers": [*message.get("headers", []), (b"x-aqa-worker", str(os.getpid()).encode())]}
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - started)
            if status in (429, 503):
                self.metrics.rejected.labels("rate_limited" if status == 429 else "busy").inc()
