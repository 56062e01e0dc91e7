"""`aqa ingest URL --follow`: a CQC report's own pages, fetched politely, and only when changed.

From a report page (the summary or a quality-statement page) the crawler follows links to the
report's other pages: same host, and the same path prefix — the report's slug, taken from the
start URL (`.../local-authority-assessment-reports/sthelens-0525/...`, or the older flat shapes
`haringey-0225-theme1-needs` and `Hounslow4`) — depth- and count-limited, and, when asked, the
report's PDF download. robots.txt is honoured (fetched once per host; unreachable means allowed,
and is said), requests are spaced by a delay, and every request names the tool (User-Agent).

Every fetch goes through `sources.fetch`: one deadline for the whole download, the size cap.
A small state file in the data dir remembers, per URL, the ETag, Last-Modified, a hash of the
body and the page's report links, so a re-run sends If-None-Match / If-Modified-Since and a 304,
or an identical body, counts as unchanged without parsing anything again. Pages that were part
of the report last time and are no longer linked (or answer 404/410) are reported, never
deleted silently.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from ingest import formats, sources
from ingest.pipeline import IngestReport
from rag.errors import AQAError

STATE_FILE = "crawl-state.json"
MAX_DEPTH = 2
COLLECTION = "local-authority-assessment-reports"
# "sthelens-0525", "haringey-0225" (of "haringey-0225-theme1-needs"): the authority and the report's month.
_DATED = re.compile(r"^([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*?-\d{4})(?=$|-)", re.I)
# "Hounslow4", "Hertfordshire2": the authority and a page number.
_NUMBERED = re.compile(r"^([a-z][a-z-]*?)\d+$", re.I)
# Links to these are never report pages.
_NOT_PAGES = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|ico|css|js|json|xml|rss|zip|csv|xlsx?|docx?|pptx?|odt|mp[34]|txt)$", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize(url: str) -> str:
    """The form a URL is known by: no fragment, scheme and host in lower case, no trailing dot on the
    host, no default port. The path and query are kept as they are."""
    url = urldefrag(url.strip())[0]
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(parts.scheme.lower())) else f"{host}:{port}"  # no user:password@
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def document_id(url: str) -> str:
    """The id `aqa ingest` gives the page fetched from `url` (the URL is its identity)."""
    return sources.RawInput(source=url, identity=url, data=b"").document_id


@dataclass(frozen=True)
class Prefix:
    """Where a report's pages live: same scheme, host and port, under `folder`, in a segment that is
    the report's `slug` (then anything below it), or starts with `slug-` (flat shapes), or, for a
    `numbered` slug, is the slug and a number ("Hounslow4"). No slug: anything under `folder`."""

    origin: str  # "https://www.cqc.org.uk"
    folder: str  # "/care-services/local-authority-assessment-reports/"
    slug: str = ""  # "sthelens-0525"
    numbered: bool = False

    @classmethod
    def of(cls, url: str) -> Prefix:
        parts = urlsplit(normalize(url))
        origin = f"{parts.scheme}://{parts.netloc}"
        segments = parts.path.split("/")
        for i, seg in enumerate(segments):
            if m := _DATED.match(seg):
                return cls(origin, "/".join(segments[:i]) + "/", m.group(1))
        lowered = [s.lower() for s in segments]
        if COLLECTION in lowered and (i := lowered.index(COLLECTION)) + 1 < len(segments) and segments[i + 1]:
            seg = segments[i + 1]
            folder = "/".join(segments[: i + 1]) + "/"
            if m := _NUMBERED.match(seg):
                return cls(origin, folder, m.group(1), numbered=True)
            return cls(origin, folder, seg)
        return cls(origin, parts.path.rsplit("/", 1)[0] + "/")

    def __str__(self) -> str:
        return f"{self.origin}{self.folder}{self.slug}" + ("<n>" if self.numbered else "")

    def same_site(self, url: str) -> bool:
        parts = urlsplit(normalize(url))
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def holds(self, url: str) -> bool:
        if not self.same_site(url):
            return False
        path = urlsplit(normalize(url)).path
        if not path.lower().startswith(self.folder.lower()):
            return False
        if not self.slug:
            return True
        seg = path[len(self.folder) :].split("/", 1)[0].lower()
        slug = self.slug.lower()
        if self.numbered:
            return re.fullmatch(re.escape(slug) + r"\d*", seg) is not None
        return seg == slug or seg.startswith(slug + "-")


def _is_pdf_link(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(".pdf")


def select_links(html: str, base_url: str, prefix: Prefix, *, pdf: bool = False) -> list[str]:
    """The links on a report page worth following, in page order, each once, normalized: pages under
    the report's prefix (not the page itself, not images or other files, not rel="nofollow"), and,
    with `pdf`, the report's PDF download: a PDF under the prefix, or on the same site when the link
    says it is a download (a `download` attribute, "download" in its text or title) or its file name
    carries the report's name ("sthelens" of "sthelens-0525")."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    base = base_url
    if (tag := soup.find("base", href=True)) is not None:
        base = urljoin(base_url, str(tag["href"]))
    here = normalize(base_url)
    name = re.sub(r"[^a-z]", "", prefix.slug.lower().rsplit("-", 1)[0]) if prefix.slug else ""
    found: list[str] = []
    for a in soup.find_all("a", href=True):
        rel = a.get("rel")
        rels = [str(r).lower() for r in rel] if isinstance(rel, list) else str(rel or "").lower().split()
        if "nofollow" in rels:
            continue
        absolute = urljoin(base, str(a["href"]).strip())
        if not sources.web_url(urldefrag(absolute)[0]):
            continue  # mailto:, javascript:, tel:, malformed
        url = normalize(absolute)
        if url == here or url in found:
            continue
        if _is_pdf_link(url):
            if not pdf or not prefix.same_site(url):
                continue
            label = " ".join([a.get_text(" "), str(a.get("title") or ""), str(a.get("aria-label") or "")]).lower()
            filename = re.sub(r"[^a-z]", "", urlsplit(url).path.rsplit("/", 1)[-1].lower())
            if prefix.holds(url) or a.has_attr("download") or "download" in label or (name and name in filename):
                found.append(url)
        elif prefix.holds(url) and not _NOT_PAGES.search(urlsplit(url).path):
            found.append(url)
    return found


# --- the state file ---------------------------------------------------------------------------------


@dataclass
class PageState:
    etag: str = ""
    last_modified: str = ""
    hash: str = ""  # sha256 of the body last ingested
    links: list[str] = field(default_factory=list)  # the report links it had then
    pipeline: str = ""  # what it was ingested with (pipeline version, embedder, --authority)
    checked: str = ""


class CrawlState:
    """URL -> PageState, and per report (its prefix) the pages it had at the last crawl."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pages: dict[str, PageState] = {}
        self.reports: dict[str, list[str]] = {}
        if path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                self.pages = {u: PageState(**{k: v for k, v in p.items() if k in PageState.__dataclass_fields__})
                              for u, p in raw.get("pages", {}).items()}
                self.reports = {k: list(v.get("pages", [])) for k, v in raw.get("reports", {}).items()}
            except (ValueError, TypeError, AttributeError):
                self.pages, self.reports = {}, {}  # a damaged state only costs full downloads

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "version": 1,
            "pages": {u: vars(p) for u, p in sorted(self.pages.items())},
            "reports": {k: {"pages": v} for k, v in sorted(self.reports.items())},
        }
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(self.path)


# --- robots.txt ---------------------------------------------------------------------------------------


class Robots:
    """robots.txt, fetched once per origin through the crawler's own (polite, capped) fetch."""

    def __init__(self, get: Callable[[str], sources.Fetched], log: Callable[[str], None]) -> None:
        self._get = get
        self._log = log
        self._rules: dict[str, RobotFileParser] = {}

    def _parser(self, url: str) -> RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin in self._rules:
            return self._rules[origin]
        rp = RobotFileParser(origin + "/robots.txt")
        nothing: list[str] = []  # no rules: everything allowed
        try:
            got = self._get(origin + "/robots.txt")
            rp.parse(got.data.decode("utf-8", "replace").splitlines())
        except sources.HTTPStatus as e:
            if e.status in (401, 403):  # as urllib.robotparser reads them: nothing may be fetched
                rp.parse(["User-agent: *", "Disallow: /"])
                self._log(f"robots.txt of {origin}: HTTP {e.status}, so nothing there is fetched")
            else:
                rp.parse(nothing)  # 404 and the like: no robots.txt
                if e.status >= 500:
                    self._log(f"robots.txt of {origin} unreachable (HTTP {e.status}): crawling as if allowed")
        except AQAError as e:
            rp.parse(nothing)
            self._log(f"robots.txt of {origin} unreachable ({e}): crawling as if allowed")
        self._rules[origin] = rp
        return rp

    def allowed(self, url: str) -> bool:
        return self._parser(url).can_fetch(sources.user_agent(), url)

    def delay(self, url: str) -> float:
        return float(self._parser(url).crawl_delay(sources.user_agent()) or 0)


# --- the crawl ------------------------------------------------------------------------------------------


_SAID = {"new": "new", "modified": "modified", "not-modified": "unchanged", "same": "unchanged", "blocked": "disallowed by robots.txt",
         "gone": "gone", "failed": "failed", "off-report": "redirected off the report"}


@dataclass
class Page:
    url: str
    depth: int
    outcome: str  # new | modified | not-modified | same | blocked | gone | failed | off-report
    detail: str = ""
    data: bytes = b""
    etag: str = ""
    last_modified: str = ""
    hash: str = ""
    links: list[str] = field(default_factory=list)

    @property
    def to_ingest(self) -> bool:
        return self.outcome in ("new", "modified")

    @property
    def unchanged(self) -> bool:
        return self.outcome in ("not-modified", "same")


@dataclass
class ReportCrawl:
    start: str
    prefix: Prefix
    pages: list[Page] = field(default_factory=list)
    not_reached: list[str] = field(default_factory=list)  # links left when --max-pages was reached
    removed: list[str] = field(default_factory=list)  # in the report last time, not now


@dataclass
class Crawl:
    reports: list[ReportCrawl]
    state: CrawlState
    pipeline: str

    @property
    def pages(self) -> list[Page]:
        return [p for r in self.reports for p in r.pages]

    def pending(self) -> list[sources.Pending]:
        """The new and modified pages, as inputs for `Ingestor.ingest` (each labelled by its URL)."""
        seen: set[str] = set()
        out = []
        for p in self.pages:
            if p.to_ingest and p.url not in seen:
                seen.add(p.url)
                raw = sources.RawInput(source=p.url, identity=p.url, data=p.data, url=sources.web_url(p.url))
                out.append(sources.Pending(p.url, upload=raw))
        return out

    def finish(self, report: IngestReport, store) -> list[str]:  # noqa: ANN001 - rag.store.ChromaStore
        """After the ingest: count the unchanged pages in `report` (one document line each), remember
        what was ingested, and say which pages left the report. Returns lines for the user."""
        failed = {f.source for f in report.failures}
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for p in self.pages:
            if p.unchanged:
                info = store.find_document(document_id(p.url))
                if info is not None:
                    report.unchanged += 1
                    report.unchanged_chunks += info.chunks
                    report.documents.append(info)
                old = self.state.pages.get(p.url, PageState())
                old.etag = p.etag or old.etag
                old.last_modified = p.last_modified or old.last_modified
                old.checked = now
                self.state.pages[p.url] = old
            elif p.to_ingest and p.url not in failed:
                self.state.pages[p.url] = PageState(p.etag, p.last_modified, p.hash, p.links, self.pipeline, now)
        lines = []
        for r in self.reports:
            key = str(r.prefix)
            current = [p.url for p in r.pages if p.outcome not in ("gone", "off-report")] + r.not_reached
            kept = []
            for url in r.removed:
                doc = document_id(url)
                if store.find_document(doc) is not None:
                    lines.append(f"removed from the report: {url} (still in the store as {doc}; `aqa docs rm {doc}` drops it)")
                    kept.append(url)  # said again next time, until it is dropped
                else:
                    lines.append(f"removed from the report: {url}")
                self.state.pages.pop(url, None)
            self.state.reports[key] = list(dict.fromkeys(current + kept))
        self.state.save()
        return lines


class Crawler:
    def __init__(
        self,
        *,
        max_bytes: int,
        timeout: float,
        state: CrawlState,
        max_html_bytes: int = 10_000_000,
        pipeline: str = "",
        known: Callable[[str], bool] = lambda url: True,
        max_pages: int = 20,
        max_depth: int = MAX_DEPTH,
        delay: float = 1.0,
        pdf: bool = False,
        log: Callable[[str], None] = lambda line: None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.max_bytes, self.timeout, self.max_html_bytes = max_bytes, timeout, max_html_bytes
        self.state, self.pipeline, self.known = state, pipeline, known
        self.max_pages, self.max_depth, self.delay, self.pdf = max_pages, max_depth, delay, pdf
        self.log, self.sleep = log, sleep
        self._last = 0.0  # when the last request ended (monotonic); 0: none yet
        self._wait = delay
        self.robots = Robots(self._get, log)

    def _get(self, url: str, headers: dict[str, str] | None = None) -> sources.Fetched:
        """One request, `delay` seconds (or robots.txt's Crawl-delay) after the previous one ended."""
        if self._last:
            pause = self._wait - (time.monotonic() - self._last)
            if pause > 0:
                self.sleep(pause)
        try:
            return sources.fetch(url, max_bytes=self.max_bytes, timeout=self.timeout, headers=headers)
        finally:
            self._last = time.monotonic()

    def crawl(self, starts: Sequence[str]) -> Crawl:
        seen: set[str] = set()
        reports: list[ReportCrawl] = []
        for start in map(normalize, starts):
            if same := next((r for r in reports if r.prefix == Prefix.of(start)), None):
                self.log(f"follow {start}: the same report as {same.start}, followed once")
                continue
            reports.append(self._report(start, seen))
        return Crawl(reports, self.state, self.pipeline)

    def _report(self, start: str, seen: set[str]) -> ReportCrawl:
        prefix = Prefix.of(start)
        report = ReportCrawl(start, prefix)
        self.log(f"follow {start}: the report's pages under {prefix}" + (" and its PDF" if self.pdf else ""))
        queue: deque[tuple[str, int]] = deque([(start, 0)])
        queued = {start}
        fetched = 0
        while queue:
            url, depth = queue.popleft()
            if url in seen:  # already fetched for another start URL
                continue
            if fetched >= self.max_pages:
                report.not_reached = [url, *(u for u, _ in queue)]
                self.log(f"stopped at --max-pages {self.max_pages}: {len(report.not_reached)} link(s) not fetched")
                break
            if not self.robots.allowed(url):
                report.pages.append(Page(url, depth, "blocked", "disallowed by robots.txt"))
                self.log(f"  skipped {url}: disallowed by robots.txt")
                continue
            self._wait = max(self.delay, self.robots.delay(url))
            seen.add(url)
            fetched += 1
            page = self._page(url, depth, prefix)
            report.pages.append(page)
            self.log(f"  page {fetched}/{self.max_pages} {url}: {page.detail}")
            if depth < self.max_depth:
                for link in page.links:
                    if link not in queued:
                        queued.add(link)
                        queue.append((link, depth + 1))
        previous = self.state.reports.get(str(prefix), [])
        gone = {p.url for p in report.pages if p.outcome == "gone"}
        linked = {p.url for p in report.pages} | set(report.not_reached)
        complete = not report.not_reached
        report.removed = [u for u in previous if u in gone or (complete and u not in linked)]
        counts: dict[str, int] = {}
        for p in report.pages:
            counts[_SAID[p.outcome]] = counts.get(_SAID[p.outcome], 0) + 1
        said = ", ".join(f"{n} {k}" for k, n in counts.items())
        self.log(f"follow {start}: {len(report.pages)} page{'s' if len(report.pages) != 1 else ''}: {said or 'none'}")
        return report

    def _page(self, url: str, depth: int, prefix: Prefix) -> Page:
        old = self.state.pages.get(url)
        usable = old is not None and old.pipeline == self.pipeline and self.known(url)
        headers = {}
        if usable and old is not None:
            if old.etag:
                headers["If-None-Match"] = old.etag
            if old.last_modified:
                headers["If-Modified-Since"] = old.last_modified
        try:
            got = self._get(url, headers)
        except sources.HTTPStatus as e:
            if e.status in (404, 410):
                return Page(url, depth, "gone", f"HTTP {e.status}: no longer there")
            return Page(url, depth, "failed", f"failed: {e}")
        except AQAError as e:
            return Page(url, depth, "failed", f"failed: {e}")
        etag, modified = got.headers.get("etag", ""), got.headers.get("last-modified", "")
        if normalize(got.url) != url and not (prefix.holds(got.url) or (self.pdf and _is_pdf_link(got.url))):
            return Page(url, depth, "off-report", f"redirected off the report to {got.url}: not followed")
        if got.status == 304 and usable and old is not None:
            return Page(url, depth, "not-modified", "unchanged (304 Not Modified)", etag=etag, last_modified=modified,
                        hash=old.hash, links=list(old.links))
        if got.status == 304:  # not asked for: the server's caching went wrong; nothing to ingest
            return Page(url, depth, "failed", "failed: 304 Not Modified to a request without validators")
        digest = hashlib.sha256(got.data).hexdigest()
        if usable and old is not None and old.hash == digest:
            return Page(url, depth, "same", "unchanged (same content)", etag=etag, last_modified=modified,
                        hash=digest, links=list(old.links))
        links: list[str] = []
        if not _is_pdf_link(url) and len(got.data) <= self.max_html_bytes:  # a bigger page fails its ingest anyway
            try:
                if formats.detect(got.data, url) == "html":
                    links = select_links(formats.decode(got.data), got.url, prefix, pdf=self.pdf)
            except AQAError:
                pass  # not a page with links; the ingest says what is wrong with it
        outcome = "modified" if old is not None and old.hash and old.hash != digest else "new"
        detail = f"{'modified since the last run' if outcome == 'modified' else 'new'} ({len(got.data):,} bytes)"
        return Page(url, depth, outcome, detail, got.data, etag, modified, digest, links)


def pipeline_key(embedder: str, authority: str | None) -> str:
    """What a page's ingest depends on besides its bytes: when it changes, pages are fetched and
    ingested again (a 304 says nothing about a new pipeline version or another --authority)."""
    from ingest.pipeline import PIPELINE_VERSION

    return "|".join([PIPELINE_VERSION, embedder, authority or ""])
