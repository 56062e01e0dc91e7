"""Request bodies. Responses reuse rag.models (one answer shape for the CLI and the API)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

LLM = Literal["extractive", "local", "openai"]


class Turn(BaseModel):
    role: Literal["user", "assistant", "system"]
    content: str


class AskRequest(BaseModel):
    question: str = Field(min_length=1)
    history: list[Turn] = Field(default_factory=list)
    authorities: list[str] = Field(default_factory=list)
    statements: list[str] = Field(default_factory=list)
    llm: LLM | None = None
    k: int | None = Field(None, ge=1, le=20)
    stream: bool = False


class SearchRequest(BaseModel):
    query: str = Field(min_length=1)
    authorities: list[str] = Field(default_factory=list)
    statements: list[str] = Field(default_factory=list)
    k: int | None = Field(None, ge=1, le=50)


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):  # content parts: keep the text ones
            return " ".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    """OpenAI's chat request; fields we do not use (temperature, …) are accepted and ignored."""

    model_config = ConfigDict(extra="allow")
    model: str
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    # Extras beyond OpenAI's schema (send with the client's `extra_body`).
    authorities: list[str] = Field(default_factory=list)
    statements: list[str] = Field(default_factory=list)
