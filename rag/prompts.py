"""Prompt files in prompts/, loaded once when the answer chain is built, filled by name."""

from __future__ import annotations

from pathlib import Path

from rag.errors import AQAError

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"
NAMES = ("system", "answer", "followup", "passage")


class Prompts:
    def __init__(self, directory: Path = PROMPTS_DIR) -> None:
        self._texts: dict[str, str] = {}
        for name in NAMES:
            path = directory / f"{name}.md"
            if not path.exists():
                raise AQAError(f"Prompt file {path} is missing")
            self._texts[name] = path.read_text(encoding="utf-8").strip()

    def text(self, name: str) -> str:
        return self._texts[name]

    def fill(self, name: str, **values: object) -> str:
        # str.format would re-read braces inside the values; replace named slots only.
        out = self._texts[name]
        for key, value in values.items():
            out = out.replace("{" + key + "}", str(value))
        return out
