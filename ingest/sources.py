"""Where inputs come from: files, directories (recursive) and http(s) URLs, as raw bytes."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

from rag.errors import BadInput, TooLarge

SIDECAR_SUFFIX = ".meta.json"


@dataclass
class RawInput:
    source: str  # what users see: the file name or the URL as ingested
    identity: str  # what makes a document the same document: resolved path or URL
    data: bytes
    sidecar: dict[str, str] = field(default_factory=dict)
    url: str = ""  # where a reader finds it on the web: the URL ingested, or a file's sidecar `url`

    @property
    def document_id(self) -> str:
        return hashlib.sha256(self.identity.encode()).hexdigest()[:16]


@dataclass
class Pending:
    """An input named on the command line, not read yet (so one bad input fails alone)."""

    label: str
    path: Path | None = None
    url: str | None = None
    upload: RawInput | None = None  # bytes already in hand (an API upload)

    @classmethod
    def uploaded(cls, filename: str, data: bytes) -> Pending:
        name = Path(filename).name or "upload"
        return cls(name, upload=RawInput(source=name, identity=f"upload:{name}", data=data))


def is_url(spec: str) -> bool:
    return urlparse(spec).scheme in ("http", "https")


def expand(specs: Sequence[str | Pending]) -> Iterator[Pending]:
    """Files, every file under a directory (hidden files and sidecars skipped), and URLs."""
    for spec in specs:
        if isinstance(spec, Pending):
            yield spec
            continue
        if is_url(spec):
            yield Pending(spec, url=spec)
            continue
        path = Path(spec)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                rel = p.relative_to(path)
                if p.is_file() and not any(part.startswith(".") for part in rel.parts) and not p.name.endswith(SIDECAR_SUFFIX):
                    yield Pending(str(p), path=p)
        else:
            yield Pending(spec, path=path)


def read(pending: Pending, *, max_bytes: int, timeout: float) -> RawInput:
    if pending.upload:
        if len(pending.upload.data) > max_bytes:
            raise TooLarge(f"{len(pending.upload.data):,} bytes is over the {max_bytes:,}-byte limit")
        return pending.upload
    if pending.url:
        return _fetch(pending.url, max_bytes=max_bytes, timeout=timeout)
    assert pending.path is not None
    path = pending.path
    if not path.exists():
        raise BadInput("no such file")
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLarge(f"{size:,} bytes is over the {max_bytes:,}-byte limit")
    sidecar = _sidecar(path)
    return RawInput(
        source=path.name,
        identity=str(path.resolve()),
        data=path.read_bytes(),
        sidecar=sidecar,
        url=_sidecar_url(path, sidecar),
    )


def web_url(value: str | None) -> str:
    """`value` when it is an absolute http(s) URL fit to show as a link, else "" (never javascript: and the like)."""
    url = (value or "").strip()
    if not url or len(url) > 2000 or any(c.isspace() or ord(c) < 32 or c in '<>"\\' for c in url):
        return ""
    try:
        parts = urlparse(url)
    except ValueError:
        return ""
    return url if parts.scheme in ("http", "https") and parts.hostname else ""


def _sidecar_url(path: Path, sidecar: dict[str, str]) -> str:
    """The sidecar's `url` (`{"url": "https://www.cqc.org.uk/..."}`): the page a citation links to."""
    given = sidecar.get("url", "").strip()
    if not given:
        return ""
    if not (url := web_url(given)):
        raise BadInput(f"sidecar {path.name}{SIDECAR_SUFFIX}: url {given[:80]!r} is not an absolute http(s) URL")
    return url


def _sidecar(path: Path) -> dict[str, str]:
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    if not side.exists():
        return {}
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise BadInput(f"sidecar {side.name} is not valid JSON: {e}") from e
    if not isinstance(meta, dict):
        raise BadInput(f"sidecar {side.name} must hold a JSON object")
    return {k: str(v) for k, v in meta.items()}


def _fetch(url: str, *, max_bytes: int, timeout: float) -> RawInput:
    got = fetch(url, max_bytes=max_bytes, timeout=timeout)
    return RawInput(source=url, identity=url, data=got.data, url=web_url(url))


def user_agent() -> str:
    """What every download says it is: the tool, its version and where to read about it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version("assessment-qa")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        v = "0.1.0"
    return f"assessment-qa/{v} (+https://example.org/assessment-qa; report-ingest bot)"


class HTTPStatus(BadInput):
    """The server answered with an error status (404, 410, 500...): `status` says which."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


@dataclass
class Fetched:
    url: str  # where the body came from, after redirects
    status: int  # 200 (or another 2xx), or 304 for a conditional request whose page has not changed (no body)
    data: bytes
    headers: dict[str, str]  # the response headers, names in lower case


def fetch(url: str, *, max_bytes: int, timeout: float, headers: dict[str, str] | None = None) -> Fetched:
    """GET `url` within one deadline, `timeout` seconds for the whole download (AQA_URL_TIMEOUT),
    and the size cap `max_bytes`; `headers` are sent with it (If-None-Match, If-Modified-Since:
    a 304 comes back as status 304 with no body). An error status raises HTTPStatus.

    httpx's timeouts are per operation, so a server that drips a byte a second would never time
    out; the download runs in a helper thread instead and is abandoned, its partial body
    discarded, when the deadline passes (the thread stops at its next read).
    """
    stop = threading.Event()
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["got"] = _download(url, max_bytes=max_bytes, timeout=timeout, stop=stop, headers=headers or {})
        except BaseException as e:  # handed to the caller
            outcome["error"] = e

    worker = threading.Thread(target=work, name="aqa-download", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        stop.set()
        raise BadInput(_too_slow(timeout))
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["got"]  # type: ignore[return-value]


def _too_slow(timeout: float) -> str:
    return f"download not finished within {timeout:g} s (AQA_URL_TIMEOUT); the partial download was discarded"


def _download(url: str, *, max_bytes: int, timeout: float, stop: threading.Event, headers: dict[str, str]) -> Fetched:
    deadline = time.monotonic() + timeout
    try:
        with httpx.stream(
            "GET", url, timeout=timeout, follow_redirects=True, headers={"User-Agent": user_agent(), **headers}
        ) as response:
            if response.status_code >= 400:
                raise HTTPStatus(response.status_code)
            got = Fetched(str(response.url), response.status_code, b"", {k.lower(): v for k, v in response.headers.items()})
            if response.status_code == 304:
                return got
            declared = int(response.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise TooLarge(f"{declared:,} bytes is over the {max_bytes:,}-byte limit")
            body = bytearray()
            for part in response.iter_bytes():
                if stop.is_set() or time.monotonic() > deadline:
                    raise BadInput(_too_slow(timeout))  # (the worker may see the deadline first: the same message)
                body.extend(part)
                if len(body) > max_bytes:
                    raise TooLarge(f"over the {max_bytes:,}-byte limit")
    except httpx.TimeoutException as e:
        raise BadInput(f"timed out after {timeout:g} s") from e
    except httpx.HTTPError as e:
        raise BadInput(f"unreachable: {e}") from e
    got.data = bytes(body)
    return got
