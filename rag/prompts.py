"""Prompt files in prompts/ (package data: they ship with a normal install), loaded once when the
answer chain is built, filled by name."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from rag.errors import AQAError

NAMES = ("system", "answer", "passage")


def prompts_dir() -> Traversable:
    return resources.files("prompts")


def prompt_text(name: str, directory: Traversable | Path | None = None) -> str:
    path = (directory or prompts_dir()) / f"{name}.md"
    if not path.is_file():
        raise AQAError(f"Prompt file {name}.md is missing from {directory or 'the prompts package'}")
    return path.read_text(encoding="utf-8").strip()


class Prompts:
    def __init__(self, directory: Traversable | Path | None = None) -> None:
        self._texts: dict[str, str] = {name: prompt_text(name, directory) for name in NAMES}

    def text(self, name: str) -> str:
        return self._texts[name]

    def fill(self, name: str, **values: object) -> str:
        # str.format would re-read braces inside the values; replace named slots only.
        out = self._texts[name]
        for key, value in values.items():
            out = out.replace("{" + key + "}", str(value))
        return out
