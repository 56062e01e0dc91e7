"""OpenAI chat-completion shapes: a whole completion, or its stream of chunks. Our extra fields
(`citations`, `abstained`, `removed`, `degraded`, `request_id`) ride at the top level, on the
completion and on the first and last chunks; clients that read only `content` get the sources
appended to it."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from rag.text import pieces

MODEL = "assessment-qa"


@dataclass
class Reply:
    model: str
    text: str  # the checked answer
    sources: str  # "" or the Sources block, appended to the content
    extra: dict[str, Any]
    id: str = field(default_factory=lambda: f"chatcmpl-{uuid.uuid4().hex}")
    created: int = field(default_factory=lambda: int(time.time()))

    def completion(self) -> dict[str, Any]:
        return {
            "id": self.id, "object": "chat.completion", "created": self.created, "model": self.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": self.text + self.sources}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            **self.extra,
        }

    def _chunk(self, delta: dict[str, Any], finish: str | None = None, **more: Any) -> str:
        body = {"id": self.id, "object": "chat.completion.chunk", "created": self.created, "model": self.model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **more}
        return f"data: {json.dumps(body)}\n\n"

    async def chunks(self) -> AsyncIterator[str]:
        """The answer is checked before any of it is sent: OpenAI clients cannot take back streamed text."""
        yield self._chunk({"role": "assistant", "content": ""}, **self.extra)
        for piece in pieces(self.text):
            yield self._chunk({"content": piece})
        if self.sources:  # the last content before the finish
            yield self._chunk({"content": self.sources})
        yield self._chunk({}, "stop", **self.extra)
        yield "data: [DONE]\n\n"
