"""Issue 14 figures, in one run, against real processes on loopback:

1. POST /v1/search at 32 concurrent clients for 15 s with `aqa serve --workers N` (N = 1, 2, 4), every
   worker on one `chroma run` server, rate limits counted in one real `redis-server`
   (AQA_RATE_LIMIT_STORAGE=redis://...; the limit set high enough never to refuse).
2. Start-up: `aqa serve` (one worker, embedded store, examples/corpus) from process start to
   `/readyz` 200, median of 5; a cold `aqa ask` (a new process each time) wall time, median of 5.
   Targets (issue 14): serve ready under 5 s, cold ask under 3 s.

`python -m bench.workers` (part of `make bench`); about 4 minutes.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from datetime import date
from pathlib import Path

import httpx

from bench.api_load import load
from bench.common import EXAMPLES, copy_corpus, eval_cases, machine, write_section
from tests.servers import free_port, redis_server, running

BIN = Path(sys.executable).parent
AQA = str(BIN / "aqa")
QUESTION = "When did Ashcombe Vale launch its Joint Discharge Hub?"
WORKERS = (1, 2, 4)
CLIENTS = 32
SECONDS = 15.0
WARM_SECONDS = 3.0
STARTS = 5
RATE_LIMIT = 10_000_000  # a minute, per caller: counted in Redis on every request, never reached
SERVE_TARGET, ASK_TARGET = 5.0, 3.0


def stop_leftovers(pids: set[int]) -> None:
    """Worker processes seen answering (X-AQA-Worker) that outlived their supervisor: kill them by pid."""
    deadline = time.monotonic() + 10
    for pid in pids:
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def all_workers_answering(url: str, n: int, query: dict, pids: set[int], wait: float = 120.0) -> float:
    """Searches on fresh connections until `n` distinct worker processes have answered; seconds taken."""
    seen: set[str] = set()
    started = time.perf_counter()
    deadline = time.monotonic() + wait
    while len(seen) < n:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {len(seen)} of {n} workers answered within {wait} s")
        try:
            r = httpx.post(f"{url}/v1/search", json=query, timeout=60)
        except httpx.HTTPError:
            time.sleep(0.2)
            continue
        if r.status_code == 200:
            seen.add(r.headers["x-aqa-worker"])
            pids.add(int(r.headers["x-aqa-worker"]))
        else:
            time.sleep(0.2)
    return time.perf_counter() - started


def run_ingest(paths: list[str], env: dict[str, str], log: Path) -> None:
    with log.open("wb") as out:
        r = subprocess.run([AQA, "ingest", *paths, "--quiet"], env={**os.environ, **env}, stdout=out,
                           stderr=subprocess.STDOUT, timeout=600)
    if r.returncode != 0:
        raise RuntimeError(f"aqa ingest failed ({r.returncode}):\n{log.read_text()[-3000:]}")


def workers_load(tmp: Path) -> list[dict]:
    questions = [c["question"] for c in eval_cases() if not c.get("history")]
    bodies = [{"query": q} for q in questions]
    rows: list[dict] = []
    pids: set[int] = set()
    chroma_port = free_port()
    chroma_url = f"http://127.0.0.1:{chroma_port}"
    chroma = [str(BIN / "chroma"), "run", "--path", str(tmp / "chroma-db"), "--host", "127.0.0.1", "--port", str(chroma_port)]
    try:
        with running(chroma, f"{chroma_url}/api/v2/heartbeat", tmp / "chroma.log"), redis_server(tmp / "redis.log") as redis_url:
            import redis

            base = {"AQA_CHROMA_URL": chroma_url, "AQA_DATA_DIR": str(tmp / "server-data"), "AQA_COLLECTION": "benchworkers"}
            t = time.perf_counter()
            run_ingest([str(copy_corpus(tmp / "corpus"))], base, tmp / "ingest-server.log")
            print(f"ingested the sample + real corpus into the Chroma server in {time.perf_counter() - t:.0f} s", flush=True)
            env = {**base, "AQA_RATE_LIMIT_STORAGE": redis_url, "AQA_RATE_LIMIT_PER_MINUTE": str(RATE_LIMIT)}
            store = redis.Redis.from_url(redis_url)
            for n in WORKERS:
                store.flushdb()
                port = free_port()
                url = f"http://127.0.0.1:{port}"
                cmd = [AQA, "serve", "--workers", str(n), "--port", str(port)]
                t = time.perf_counter()
                with running(cmd, f"{url}/readyz", tmp / f"serve-{n}.log", env=env, wait=240):
                    ready = time.perf_counter() - t
                    chunks = httpx.get(f"{url}/readyz", timeout=10).json()["chunks"]
                    everyone = ready + all_workers_answering(url, n, bodies[0], pids)
                    asyncio.run(load(url, "/v1/search", bodies, CLIENTS, WARM_SECONDS))  # warm-up
                    r = asyncio.run(load(url, "/v1/search", bodies, CLIENTS, SECONDS))
                    keys = len(store.keys("aqa-limits*"))
                rows.append({"workers": n, "ready": ready, "everyone": everyone, "chunks": chunks, "redis_keys": keys, **r})
                print(f"{n} worker(s): {r['rps']:.1f} req/s, p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms, "
                      f"{r['n']} requests, {r['errors']} non-200; ready {ready:.1f} s, all workers {everyone:.1f} s; "
                      f"{keys} limit key(s) in Redis", flush=True)
    finally:
        stop_leftovers(pids)
    return rows


def startup(tmp: Path) -> tuple[list[float], list[float], dict, str]:
    data = tmp / "embedded-data"
    run_ingest([str(EXAMPLES), "--data-dir", str(data)], {}, tmp / "ingest-embedded.log")
    ready: list[float] = []
    info: dict = {}
    for i in range(STARTS):
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        t = time.perf_counter()
        with running([AQA, "serve", "--port", str(port), "--data-dir", str(data)], f"{url}/readyz", tmp / f"serve-embedded-{i}.log"):
            ready.append(time.perf_counter() - t)
            info = httpx.get(f"{url}/readyz", timeout=10).json()
        print(f"serve start {i + 1}: ready in {ready[-1]:.2f} s", flush=True)
    asks: list[float] = []
    answer = ""
    for i in range(STARTS):
        t = time.perf_counter()
        r = subprocess.run([AQA, "ask", QUESTION, "--data-dir", str(data)], capture_output=True, text=True, timeout=120)
        asks.append(time.perf_counter() - t)
        if r.returncode != 0:
            raise RuntimeError(f"aqa ask failed ({r.returncode}):\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
        answer = r.stdout.strip()
        print(f"cold ask {i + 1}: {asks[-1]:.2f} s", flush=True)
    return ready, asks, info, answer


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f} s"


def main(argv: list[str] | None = None) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="aqa-workers-"))
    load_before = os.getloadavg()
    started = time.perf_counter()
    try:
        ready, asks, info, answer = startup(tmp)
        rows = workers_load(tmp)
    except BaseException:
        print(f"logs kept in {tmp}", file=sys.stderr)
        raise
    took = time.perf_counter() - started
    print(f"answer of the last cold ask:\n{answer}\n")
    cores = os.cpu_count()
    lines = [f"| {r['workers']} | {r['rps']:.1f} | {r['p50']:.0f} ms | {r['p95']:.0f} ms | {r['n']:,} | {r['errors']} "
             f"| {r['ready']:.1f} s / {r['everyone']:.1f} s |" for r in rows]
    serve_med, ask_med = statistics.median(ready), statistics.median(asks)
    shared = ("After each run Redis held the limit count (keys `aqa-limits*`) that every worker updated."
              if all(r["redis_keys"] for r in rows) else "**Redis held no limit count after a run: the limits were not shared.**")
    met = lambda v, target: "met" if v < target else "**not met**"  # noqa: E731
    body = f"""Machine: {machine()}. Measured {date.today().isoformat()} by `python -m bench.workers` (part of
`make bench`) in {took / 60:.1f} min; 1-minute load average {load_before[0]:.2f} when it started (other
work may share the cores: one run per row, so read the rows as rough).

**Requests/s with 1, 2 and 4 workers.** `aqa serve --workers N` (uvicorn worker processes) over one
`chroma run` server holding the sample + real corpus ({rows[0]['chunks']:,} chunks), rate limits
shared in one real `redis-server` (`AQA_RATE_LIMIT_STORAGE=redis://127.0.0.1:PORT`,
`AQA_RATE_LIMIT_PER_MINUTE={RATE_LIMIT:,}`: every request is counted in Redis, none refused), all on
loopback. Client: httpx + asyncio, {CLIENTS} concurrent clients with kept-alive connections,
`POST /v1/search` with the eval set's questions in turn, {WARM_SECONDS:.0f} s warm-up then
{SECONDS:.0f} s measured, once every worker had answered. **Client, API workers, the Chroma server
and Redis all share the same {cores} cores**, so adding workers adds contention as much as capacity:
these figures are a floor, not what N workers give on N free cores. {shared}

| workers | requests/s | p50 | p95 | requests | non-200 | ready (`/readyz`) / all workers answering |
| --- | --- | --- | --- | --- | --- | --- |
""" + "\n".join(lines) + f"""

**Start-up** (embedded store, `examples/corpus`: {info['chunks']:,} chunks, embedder
`{info['embedding_model']}`, answerer `{info['llm']}`; the model is prepared by the ingest, before any timing). Each start is a new process; the OS file cache is warm.

| measure | median of {STARTS} | range | target (issue 14) | |
| --- | --- | --- | --- | --- |
| `aqa serve` (one worker), process start to `/readyz` 200 | {serve_med:.2f} s | {spread(ready)} | under {SERVE_TARGET:.0f} s | {met(serve_med, SERVE_TARGET)} |
| cold `aqa ask "{QUESTION}"`, wall time | {ask_med:.2f} s | {spread(asks)} | under {ASK_TARGET:.0f} s | {met(ask_med, ASK_TARGET)} |

Ready is polled every 0.2 s (`tests.servers.running`), so it reads up to about 0.2 s late.
"""
    write_section("Workers and start-up (issue 14)", body)
    print(body)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
