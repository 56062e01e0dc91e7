"""Request bodies. Responses reuse rag.models (one answer shape for the CLI and the API).

Every list and string is bounded here, generously; the tighter limits that are settings
(question length, history turns and characters) are checked by the routes (`check_history`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from rag.errors import BadInput
from rag.settings import Settings


def _answerer(value: str | None) -> str | None:
    from rag.answer import registry

    if value is not None and value not in registry.names():
        raise ValueError(f"unknown answerer {value!r}: choose {', '.join(registry.names())}")
    return value


# An answerer's name, checked against rag.answer.registry.
LLM = Annotated[str, AfterValidator(_answerer)]

# Hard caps, whatever the settings: they keep a request's parsed size near its byte size.
MAX_TEXT = 100_000  # a question, a query or a turn (the settings' limits are far below)
MAX_TURNS = 200
MAX_FILTERS = 50  # authorities or statements in one request
Name = Annotated[str, StringConstraints(max_length=200)]
Filters = Annotated[list[Name], Field(max_length=MAX_FILTERS)]


class Turn(BaseModel):
    role: Literal["user", "assistant", "system"]
    content: str = Field(max_length=MAX_TEXT)


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_TEXT)
    history: list[Turn] = Field(default_factory=list, max_length=MAX_TURNS)
    authorities: Filters = Field(default_factory=list)
    statements: Filters = Field(default_factory=list)
    llm: LLM | None = None
    k: int | None = Field(None, ge=1, le=20)
    stream: bool = False


class SearchRequest(BaseModel):
    query: str = Field(min_length=1, max_length=MAX_TEXT)
    authorities: Filters = Field(default_factory=list)
    statements: Filters = Field(default_factory=list)
    k: int | None = Field(None, ge=1, le=50)


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str = Field(max_length=50)
    # Text, or content parts (the text parts are joined, then limited like any turn).
    content: Annotated[str, StringConstraints(max_length=MAX_TEXT)] | Annotated[list[dict[str, Any]], Field(max_length=100)] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):  # content parts: keep the text ones
            return " ".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    """OpenAI's chat request; fields we do not use (temperature, …) are accepted and ignored."""

    model_config = ConfigDict(extra="allow")
    model: str = Field(max_length=200)
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_TURNS)
    stream: bool = False
    # Extras beyond OpenAI's schema (send with the client's `extra_body`).
    authorities: Filters = Field(default_factory=list)
    statements: Filters = Field(default_factory=list)
    # Append a "Sources:" block (numbered titles and links) to the content; unset: AQA_SOURCES_IN_CONTENT (on).
    sources_in_content: bool | None = None


RequestIdField = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")]
Short = Annotated[str, StringConstraints(max_length=2000)]


class FeedbackCitation(BaseModel):
    """A citation as the client saw it; other keys are dropped."""

    model_config = ConfigDict(extra="ignore")
    n: int | None = None
    chunk_id: Name | None = None
    document_id: Name | None = None
    source: Short | None = None
    title: Short | None = None
    url: Short | None = None
    start: int | None = None
    end: int | None = None


class FeedbackRequest(BaseModel):
    """A rating of one answer, by the request id it came with (`request_id` / X-Request-ID)."""

    request_id: RequestIdField
    rating: Literal["up", "down"]
    reason: Annotated[str, StringConstraints(max_length=4000)] | None = None
    corrected_answer: Annotated[str, StringConstraints(max_length=MAX_TEXT)] | None = None
    question: Annotated[str, StringConstraints(max_length=MAX_TEXT)] | None = None
    answer: Annotated[str, StringConstraints(max_length=MAX_TEXT)] | None = None
    citations: list[FeedbackCitation] = Field(default_factory=list, max_length=MAX_FILTERS)


def check_question(text: str, settings: Settings, what: str = "question") -> None:
    if len(text) > settings.max_question_chars:
        raise BadInput(
            f"The {what} is {len(text):,} characters; the limit is {settings.max_question_chars:,} (AQA_MAX_QUESTION_CHARS)."
        )


def check_history(history: list[dict[str, str]], settings: Settings) -> None:
    """At most AQA_MAX_HISTORY_TURNS turns, each within AQA_MAX_QUESTION_CHARS, AQA_MAX_HISTORY_CHARS in all."""
    if len(history) > settings.max_history_turns:
        raise BadInput(
            f"The history has {len(history)} turns; the limit is {settings.max_history_turns} (AQA_MAX_HISTORY_TURNS). "
            "Send the latest turns only."
        )
    for i, turn in enumerate(history):
        if len(turn["content"]) > settings.max_question_chars:
            raise BadInput(
                f"History turn {i} is {len(turn['content']):,} characters; the limit per turn is "
                f"{settings.max_question_chars:,} (AQA_MAX_QUESTION_CHARS)."
            )
    total = sum(len(t["content"]) for t in history)
    if total > settings.max_history_chars:
        raise BadInput(
            f"The history is {total:,} characters; the limit is {settings.max_history_chars:,} (AQA_MAX_HISTORY_CHARS). "
            "Send the latest turns only."
        )
