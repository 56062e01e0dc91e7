"""The errors a user can see. Each maps to one HTTP status (api/errors.py) and one CLI line."""

from __future__ import annotations


class AQAError(Exception):
    """Base: `str(err)` is a one-line message fit for a person."""

    code = "error"
    status = 500


class BadInput(AQAError):
    """An input file, URL or request that cannot be used as it is."""

    code = "bad_input"
    status = 422


class TooLarge(BadInput):
    code = "too_large"
    status = 413


class NotFound(AQAError):
    code = "not_found"
    status = 404


class StoreError(AQAError):
    code = "store_error"
    status = 503


class StoreBusy(StoreError):
    code = "store_busy"


class StoreUnavailable(StoreError):
    """The store (a Chroma server) cannot be reached just now; the request may be retried."""

    code = "store_unavailable"
    status = 503

    def __init__(self, message: str = "The document store is not reachable just now; retry shortly.", retry_after: int = 5) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


class ModelMismatch(StoreError):
    """The store was built with another embedding model: its vectors would be garbage to us."""

    code = "model_mismatch"
    status = 409


class MissingExtra(AQAError):
    """An optional dependency is not installed; the message names the extra to install."""

    code = "missing_extra"
    status = 501

    def __init__(self, what: str, extra: str) -> None:
        hint = " (or `make local`)" if extra == "local" else ""
        super().__init__(f"{what} needs the optional extra: pip install 'assessment-qa[{extra}]'{hint}")


class ModelError(AQAError):
    """The answering model failed or timed out."""

    code = "model_error"
    status = 502


class AnswererUnavailable(BadInput):
    """The answerer asked for is not configured (or not installed) on this server."""

    code = "answerer_unavailable"
    status = 422


class BadSetting(AQAError):
    """An `AQA_` setting that cannot be used; the message names the variable and the expected form."""

    code = "bad_setting"
    status = 500


class Cancelled(AQAError):
    """A long job (an evaluation) was cancelled by its owner."""

    code = "cancelled"
    status = 409
