"""What route modules depend on, as `Annotated` aliases: the app's Service, the caller checks,
the request id. Route modules import this, never api.app (which imports them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from api.limits import ModelGate
from api.metrics import Metrics
from api.security import Guard
from rag.feedback import Logs
from rag.settings import Settings

if TYPE_CHECKING:  # built by the composition root (aqa.components), which sits above the API
    from aqa.components import Components

STATIC = Path(__file__).parent / "static"


@dataclass
class Service:
    """What the routes use; one per app."""

    settings: Settings
    components: Components
    gate: ModelGate
    guard: Guard
    metrics: Metrics
    evaluations: dict = field(default_factory=dict)  # id -> api.routes.evaluations.Job
    logs: Logs | None = None  # feedback and the query log (rag.feedback)


def service(request: Request) -> Service:
    return request.app.state.service


def request_id(request: Request) -> str:
    """This request's id (the X-Request-ID header of its response)."""
    return str(getattr(request.state, "request_id", "") or "")


def guarded(request: Request) -> Service:
    """The app's Service, for a caller with a valid key (or any caller when keys are off)."""
    svc = service(request)
    svc.guard.caller(request)
    return svc


def admin(request: Request) -> Service:
    """The app's Service, for a caller with an admin key (when admin keys are set)."""
    svc = service(request)
    svc.guard.admin(request)
    return svc


Guarded = Annotated[Service, Depends(guarded)]
Admin = Annotated[Service, Depends(admin)]
RequestIdDep = Annotated[str, Depends(request_id)]
