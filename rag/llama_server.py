"""llama.cpp's own HTTP server for one GGUF file, from the prebuilt `xllamacpp` wheel (extra `local`).

It speaks the OpenAI chat API (`/v1/chat/completions`, `/v1/models`, `/health`), so the `openai`
answerer's client talks to it. The listener lives as long as the `xllamacpp.Server` object.
Defaults changed from llama.cpp's: bound to loopback only; no web UI; no CORS for any browser
origin (llama.cpp's `*` echoes every origin back, with credentials); an API key when given;
`/slots`, `/props` and `/metrics` off; no downloads; the prompt cache held to a small size.

    python -m rag.llama_server --model FILE.gguf [--port N] [--alias NAME]   # key: AQA_LLAMA_API_KEY
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from rag.errors import AQAError, MissingExtra

HOST = "127.0.0.1"


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class LlamaServer:
    """A running server: `url` (http://127.0.0.1:PORT), `openai_url` (…/v1), `api_key`, `alias`."""

    def __init__(self, model: str | Path, *, port: int = 0, api_key: str | None = None, alias: str | None = None,
                 threads: int | None = None, n_ctx: int = 4096, cors_origin: str | None = None,
                 quiet: bool = True) -> None:
        try:
            import xllamacpp
        except ImportError as e:
            raise MissingExtra("The local answerer (llama.cpp)", "local") from e
        model = Path(model)
        if not model.is_file():
            raise AQAError(f"No GGUF model file at {model} (AQA_LLM_GGUF_PATH)")
        if cors_origin is not None and ("*" in cors_origin or "," in cors_origin or not cors_origin.strip()):
            raise AQAError("cors_origin must be one origin, e.g. https://app.example (llama.cpp sends it as it is)")
        self.api_key = api_key or None
        self.alias = alias or model.name
        n = threads or cores()

        p = xllamacpp.CommonParams()
        p.model.path = str(model)
        p.model_alias = {self.alias}  # /v1/models shows this name, not the file's path
        p.n_ctx = n_ctx
        p.n_batch = 512
        p.cpuparams.n_threads = p.cpuparams_batch.n_threads = n
        p.hostnames = [HOST]
        p.port = port  # 0: a free port
        p.api_keys = [self.api_key] if self.api_key else []  # /health stays open, as a readiness probe
        p.ui = False
        p.ui_mcp_proxy = False
        # The header carries this value as it is; "" matches no browser origin.
        p.cors_origins = cors_origin or ""
        p.cors_origins_explicit = True
        p.cors_credentials = False
        p.endpoint_slots = False  # would show other requests' slots
        p.endpoint_props = False
        p.endpoint_metrics = False
        p.offline = True  # never download a model
        p.cache_ram_mib = 512  # llama.cpp keeps up to 8 GiB of old prompts' state by default
        if quiet:
            p.verbosity = 0
        try:
            self._server: Any = xllamacpp.Server(p)  # loads the model, then listens
        except RuntimeError as e:
            raise AQAError(f"llama.cpp could not serve {model.name} (not a GGUF file it can load, or port {port} taken)") from e
        self.url: str = self._server.listening_address
        self.openai_url = f"{self.url}/v1"

    def stop(self) -> None:
        """Stops listening and frees the model (the C++ server ends with its Python object)."""
        self._server = None

    @property
    def running(self) -> bool:
        return self._server is not None

    def __enter__(self) -> LlamaServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(model: str | Path, **kwargs: Any) -> LlamaServer:
    return LlamaServer(model, **kwargs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m rag.llama_server", description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", required=True, help="the GGUF file")
    ap.add_argument("--port", type=int, default=0, help="on 127.0.0.1 (0: a free port)")
    ap.add_argument("--alias", help="model name in the API (default: the file name)")
    ap.add_argument("--threads", type=int, help="default: the cores")
    ap.add_argument("--ctx", type=int, default=4096)
    ap.add_argument("--cors-origin", help="the one browser origin allowed (default: none)")
    ap.add_argument("--verbose", action="store_true", help="llama.cpp's log on stderr")
    args = ap.parse_args(argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        server = LlamaServer(args.model, port=args.port, alias=args.alias, threads=args.threads, n_ctx=args.ctx,
                             cors_origin=args.cors_origin, quiet=not args.verbose,
                             api_key=os.environ.get("AQA_LLAMA_API_KEY"))  # not in argv, which `ps` shows
    except AQAError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"serving {server.alias} at {server.openai_url}" + (" (API key required)" if server.api_key else ""), flush=True)
    stop.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
