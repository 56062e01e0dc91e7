"""HTTP load on loopback: requests/s and latency of /v1/search and /v1/ask (extractive) at 1, 8
and 32 concurrent clients, against a real `aqa serve` process. The client runs on the same 2
cores as the server, so these figures are a floor. Target: >= 50 search requests/s, no errors
below the concurrency limit (2 running + 32 queued model calls by default)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.common import copy_corpus, eval_cases, machine, percentile, write_section
from tests.servers import free_port, running


async def load(url: str, route: str, bodies: list[dict], clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=clients)) as client:

        async def worker(i: int) -> None:
            nonlocal errors
            n = i
            while time.perf_counter() < stop:
                t = time.perf_counter()
                r = await client.post(f"{url}{route}", json=bodies[n % len(bodies)])
                latencies.append((time.perf_counter() - t) * 1000)
                errors += r.status_code != 200
                n += clients

        started = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed = time.perf_counter() - started
    return {"rps": len(latencies) / elapsed, "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
            "n": len(latencies), "errors": errors}


def main(argv: list[str] | None = None) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="aqa-load-"))
    data = tmp / "data"
    aqa = str(Path(sys.executable).parent / "aqa")
    subprocess.run([aqa, "ingest", str(copy_corpus(tmp / "corpus")), "--data-dir", str(data), "--quiet"], check=True)
    questions = [c["question"] for c in eval_cases() if not c.get("history")]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {"AQA_RATE_LIMIT_PER_MINUTE": "0", "AQA_DATA_DIR": str(data)}
    rows = []
    with running([aqa, "serve", "--port", str(port)], f"{url}/readyz", tmp / "serve.log", env={**os.environ, **env}):
        for route, key in (("/v1/search", "query"), ("/v1/ask", "question")):
            bodies = [{key: q} for q in questions]
            asyncio.run(load(url, route, bodies, 4, 2))  # warm
            for clients in (1, 8, 32):
                r = asyncio.run(load(url, route, bodies, clients, 15))
                rows.append(f"| `{route}` | {clients} | {r['rps']:.1f} | {r['p50']:.0f} ms | {r['p95']:.0f} ms | {r['n']} | {r['errors']} |")
    body = f"""Machine: {machine()}.
Server: `aqa serve` (one worker, embedded store, sample + real corpus, rate limit off); client:
httpx, asyncio, on the same machine; 15 s per row, the eval set's questions in turn.

| route | clients | requests/s | p50 | p95 | requests | errors |
| --- | --- | --- | --- | --- | --- | --- |
""" + "\n".join(rows) + """

Target: >= 50 search requests/s on this 2-core machine; 0 errors below the concurrency limit.
"""
    write_section("HTTP API under load (issue 4)", body)
    print(body)


if __name__ == "__main__":
    main()
