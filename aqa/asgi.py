"""The API app with its components built by the composition root: `uvicorn aqa.asgi:create_app --factory`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aqa.components import build_components

if TYPE_CHECKING:
    from fastapi import FastAPI

    from aqa.components import Components
    from rag.settings import Settings


def create_app(settings: Settings | None = None, components: Components | None = None) -> FastAPI:
    from api.app import create_app as api_app

    return api_app(settings, components, build=build_components)
