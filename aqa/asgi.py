"""The API app with its components built by the composition root: `uvicorn aqa.asgi:create_app --factory`."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aqa.components import build_components
from rag.doctor import startup_lines

if TYPE_CHECKING:
    from fastapi import FastAPI

    from aqa.components import Components
    from rag.settings import Settings

log = logging.getLogger("aqa.store")


def build_for_serving(settings: Settings) -> Components:
    """The server's components, with its store checked as `aqa doctor` would (nothing is changed):
    what opening it mended and each problem found (orphan chunks, broken records, a damaged index)
    are warnings in the start-up log, followed by the summary line."""
    components = build_components(settings)
    try:  # map the current generation's saved index now: its chunk count makes the check cheap
        components.retriever.refresh()
        indexed: int | None = len(components.retriever.lexical)
    except Exception:  # noqa: BLE001 - a store that cannot be read is what the full check reports
        indexed = None
    *problems, summary = startup_lines(components.store, indexed)
    for line in problems:
        log.warning("store: %s", line)
    (log.warning if problems else log.info)("store: %s", summary)
    return components


def create_app(settings: Settings | None = None, components: Components | None = None) -> FastAPI:
    from api.app import create_app as api_app

    return api_app(settings, components, build=build_for_serving)
