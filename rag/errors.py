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


class ModelMismatch(StoreError):
    """The store was built with another embedding model: its vectors would be garbage to us."""

    code = "model_mismatch"
    status = 409


class MissingExtra(AQAError):
    """An optional dependency is not installed; the message names the extra to install."""

    code = "missing_extra"
    status = 501

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(f"{what} needs the optional extra: pip install -e '.[{extra}]' (or make {extra})")


class ModelError(AQAError):
    """The answering model failed or timed out."""

    code = "model_error"
    status = 502
