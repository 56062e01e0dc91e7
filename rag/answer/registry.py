"""The answerers, in one registry keyed by name. Settings validation, the API's schemas and
/v1/models, and the CLI all read it: adding an answerer is one module and one `register` call.

`extractive` and `structured` need no model; `structured` is chosen by the route (scores, overall
results, aggregates) whichever answerer was asked for, so it is not selectable. Generative
answerers draft from retrieved passages and are checked sentence by sentence.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.errors import AnswererUnavailable, BadInput

if TYPE_CHECKING:
    from rag.answer.llm import ChatModel
    from rag.settings import Settings


@dataclass(frozen=True)
class AnswererSpec:
    name: str
    description: str
    selectable: bool = True  # can be asked for (settings, API, CLI)
    # Why it cannot run here (missing package, setting), or None when it can.
    unavailable: Callable[[Settings], str | None] = lambda _s: None
    # Generative answerers: build the chat model (lazily, on first use).
    chat: Callable[[Settings], ChatModel] | None = None

    @property
    def generative(self) -> bool:
        return self.chat is not None


REGISTRY: dict[str, AnswererSpec] = {}


def register(spec: AnswererSpec) -> AnswererSpec:
    REGISTRY[spec.name] = spec
    return spec


def names() -> list[str]:
    """The answerers one may ask for."""
    return [n for n, s in REGISTRY.items() if s.selectable]


def get(name: str) -> AnswererSpec:
    if name not in REGISTRY or not REGISTRY[name].selectable:
        raise BadInput(f"No answerer {name!r}: choose {', '.join(names())}")
    return REGISTRY[name]


def available(settings: Settings) -> list[str]:
    """The answerers that can run here (`local` only when its runtime is installed, ...)."""
    return [n for n in names() if REGISTRY[n].unavailable(settings) is None]


def check(settings: Settings, name: str | None) -> AnswererSpec:
    """The answerer asked for (or the default), known and runnable, before any model is loaded."""
    spec = get(name or settings.llm)
    if (why := spec.unavailable(settings)) is not None:
        raise AnswererUnavailable(f"The {spec.name} answerer cannot run here: {why}")
    return spec


# --- the answerers ------------------------------------------------------------------------------


def _openai_chat(settings: Settings) -> ChatModel:
    from rag.answer.llm import OpenAIChat

    return OpenAIChat(settings)


def _local_chat(settings: Settings) -> ChatModel:
    from rag.answer.llm import LlamaServerChat

    return LlamaServerChat(settings)


def _openai_unavailable(settings: Settings) -> str | None:
    if not settings.llm_base_url and not settings.llm_api_key:
        return "AQA_LLM_BASE_URL is not set (and AQA_LLM_API_KEY if the endpoint wants one)"
    return None


def _local_unavailable(settings: Settings) -> str | None:
    if importlib.util.find_spec("xllamacpp") is None:
        return "llama.cpp (xllamacpp) is not installed: `make local` or `pip install 'assessment-qa[local]'`"
    return None


register(AnswererSpec("extractive", "the report sentences that best answer, each cited (no LLM)"))
register(AnswererSpec("structured", "scores, overall results and aggregates from the reports' facts", selectable=False))
register(AnswererSpec("openai", "any OpenAI-compatible endpoint, checked against the passages",
                      unavailable=_openai_unavailable, chat=_openai_chat))
register(AnswererSpec("local", "llama.cpp on a local GGUF, checked against the passages",
                      unavailable=_local_unavailable, chat=_local_chat))
