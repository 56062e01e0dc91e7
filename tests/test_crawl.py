"""Issue 13.4, `aqa ingest URL --follow`: a report's own pages, politely, and only what changed.

The link selection is a pure function, tested from a table. End to end, a loopback HTTP server
serves a CQC-like site built at run time from the real page texts in ../shared/reports/ (read
here, never copied into the project): each text wrapped in simple HTML with navigation between
the summary and the theme pages of the same report, plus links that must not be followed (off
the report's prefix, another authority's report, another host), a robots.txt that disallows one
page, and the report's PDF download."""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ingest import sources
from ingest.crawl import Crawler, CrawlState, Prefix, document_id, normalize, select_links
from tests.conftest import ROOT

REPORTS = ROOT.parent / "shared" / "reports"
BASE = "/care-services/local-authority-assessment-reports"
CQC = "https://www.cqc.org.uk"

# --- the pure parts: prefixes and link selection ------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(
    ("url", "prefix"),
    [
        (f"{CQC}{BASE}/sthelens-0525/summary", f"{CQC}{BASE}/sthelens-0525"),
        (f"{CQC}{BASE}/sthelens-0525/theme1/needs", f"{CQC}{BASE}/sthelens-0525"),
        (f"https://cqc.org.uk.{BASE}/haringey-0225-theme1-needs", f"https://cqc.org.uk{BASE}/haringey-0225"),
        (f"https://gl-cqc.axis12.com{BASE}/gateshead-0325-summary", f"https://gl-cqc.axis12.com{BASE}/gateshead-0325"),
        (f"https://cqc.org.uk.{BASE}/Hounslow4", f"https://cqc.org.uk{BASE}/Hounslow<n>"),
        (f"{CQC}{BASE}/northtyneside-0725/theme4/governance#top", f"{CQC}{BASE}/northtyneside-0725"),
        ("https://example.org/reports/x/summary.html", "https://example.org/reports/x/"),
    ],
)
def test_the_prefix_is_the_report_slug_of_the_start_url(url, prefix):
    assert str(Prefix.of(url)) == prefix
    assert Prefix.of(url).holds(url)


P_DIR = Prefix.of(f"{CQC}{BASE}/sthelens-0525/summary")
P_FLAT = Prefix.of(f"https://cqc.org.uk.{BASE}/haringey-0225-theme1-needs")
P_NUM = Prefix.of(f"https://cqc.org.uk.{BASE}/Hounslow4")


def page(*links: str) -> str:
    return "<html><body><nav>" + "".join(links) + "</nav><main><p>text</p></main></body></html>"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("name", "prefix", "base", "html_links", "pdf", "expected"),
    [
        ("siblings, relative and absolute, each once", P_DIR, f"{CQC}{BASE}/sthelens-0525/summary",
         ['<a href="theme1/needs">a</a>', f'<a href="{CQC}{BASE}/sthelens-0525/theme1/equity">b</a>',
          '<a href="./theme1/needs#key-findings">a again</a>', f'<a href="{BASE}/sthelens-0525/theme2/partnerships">c</a>'],
         False, [f"{CQC}{BASE}/sthelens-0525/theme1/needs", f"{CQC}{BASE}/sthelens-0525/theme1/equity",
                 f"{CQC}{BASE}/sthelens-0525/theme2/partnerships"]),
        ("from a theme page, up to the summary", P_DIR, f"{CQC}{BASE}/sthelens-0525/theme1/needs",
         ['<a href="../summary">s</a>', '<a href="equity">e</a>', '<a href="#main">skip</a>', '<a href="">self</a>'],
         False, [f"{CQC}{BASE}/sthelens-0525/summary", f"{CQC}{BASE}/sthelens-0525/theme1/equity"]),
        ("off the prefix, another authority, another report of the same authority, another host", P_DIR,
         f"{CQC}{BASE}/sthelens-0525/summary",
         [f'<a href="{BASE}">all reports</a>', '<a href="/about-us">about</a>', f'<a href="{BASE}/hammersmithfulham-0525/summary">hf</a>',
          f'<a href="{BASE}/sthelens-0526/summary">next year</a>', f'<a href="{BASE}/sthelens-0525x/summary">look-alike</a>',
          f'<a href="https://cqc.org.uk{BASE}/sthelens-0525/theme1/needs">bare host</a>',
          f'<a href="https://evil.example{BASE}/sthelens-0525/theme1/needs">elsewhere</a>'],
         False, []),
        ("not pages: mail, script, images, nofollow", P_DIR, f"{CQC}{BASE}/sthelens-0525/summary",
         ['<a href="mailto:enquiries@cqc.org.uk">m</a>', '<a href="javascript:alert(1)">j</a>', '<a href="tel:03000616161">t</a>',
          '<a href="theme1/chart.png">img</a>', '<a rel="nofollow" href="theme1/needs?print=1">print</a>'],
         False, []),
        ("the flat shape: siblings share the slug", P_FLAT, f"https://cqc.org.uk{BASE}/haringey-0225-theme1-needs",
         ['<a href="haringey-0225-summary">s</a>', '<a href="haringey-0225-theme1-equity">e</a>',
          '<a href="haringey-0225x-theme1-equity">x</a>', '<a href="haringey-0325-summary">other month</a>',
          '<a href="hounslow-0225-summary">other</a>'],
         False, [f"https://cqc.org.uk{BASE}/haringey-0225-summary", f"https://cqc.org.uk{BASE}/haringey-0225-theme1-equity"]),
        ("numbered pages", P_NUM, f"https://cqc.org.uk{BASE}/Hounslow4",
         ['<a href="Hounslow1">1</a>', '<a href="Hounslow5">5</a>', '<a href="Hounslowe1">x</a>', '<a href="Havering1">h</a>'],
         False, [f"https://cqc.org.uk{BASE}/Hounslow1", f"https://cqc.org.uk{BASE}/Hounslow5"]),
        ("PDFs only with pdf=True", P_DIR, f"{CQC}{BASE}/sthelens-0525/summary",
         ['<a href="/sites/default/files/2025-05/sthelens-report.pdf">Download report</a>'], False, []),
        ("the report's PDF: a download link, or its name in the file name; not other PDFs", P_DIR,
         f"{CQC}{BASE}/sthelens-0525/summary",
         ['<a href="/sites/default/files/2025-05/20250521-la-assessment.pdf">Download this report (PDF, 1 MB)</a>',
          '<a href="/sites/default/files/2025-05/st-helens-0525.pdf">report</a>',
          '<a href="/files/guidance.pdf">How we assess</a>',
          '<a href="https://other.example/files/sthelens.pdf" download>mirror</a>',
          '<a href="/files/x.pdf" download>file</a>'],
         True, [f"{CQC}/sites/default/files/2025-05/20250521-la-assessment.pdf", f"{CQC}/sites/default/files/2025-05/st-helens-0525.pdf",
                f"{CQC}/files/x.pdf"]),
        ("a <base href> is honoured", P_DIR, f"{CQC}/somewhere/else",
         [f'<base href="{CQC}{BASE}/sthelens-0525/">', '<a href="summary">s</a>'], False, [f"{CQC}{BASE}/sthelens-0525/summary"]),
    ],
)
def test_select_links(name, prefix, base, html_links, pdf, expected):
    assert select_links(page(*html_links), base, prefix, pdf=pdf) == expected, name


@pytest.mark.unit
def test_normalize():
    assert normalize("HTTPS://WWW.CQC.org.uk.:443/a/b#c") == "https://www.cqc.org.uk/a/b"
    assert normalize("http://127.0.0.1:8080/x?y=1#z") == "http://127.0.0.1:8080/x?y=1"
    assert normalize("https://user:pw@example.org/x") == "https://example.org/x"


# --- a CQC-like site on loopback, built from ../shared/reports at run time ------------------------------


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: bool = True
    last_modified: str = "Wed, 21 May 2025 09:00:00 GMT"
    status: int = 200


@dataclass
class Site:
    resources: dict[str, Resource] = field(default_factory=dict)
    requests: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        with self.lock:
            return [r["path"] for r in self.requests]

    def clear(self) -> None:
        with self.lock:
            self.requests.clear()


@contextmanager
def serving(site: Site) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            with site.lock:
                site.requests.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
            res = site.resources.get(self.path)
            if res is None or res.status != 200:
                self.send_error(res.status if res else 404)
                return
            etag = '"' + hashlib.sha256(res.body).hexdigest()[:16] + '"' if res.etag else ""
            if (etag and self.headers.get("If-None-Match") == etag) or (
                not etag and res.last_modified and self.headers.get("If-Modified-Since") == res.last_modified
            ):
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", res.content_type)
            self.send_header("Content-Length", str(len(res.body)))
            if etag:
                self.send_header("ETag", etag)
            if res.last_modified:
                self.send_header("Last-Modified", res.last_modified)
            self.end_headers()
            self.wfile.write(res.body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def report_text(name: str) -> str:
    path = REPORTS / name
    if not path.exists():
        pytest.fail(f"The real report pages are missing: expected {path}")
    return path.read_text(encoding="utf-8")


def html_page(text: str, nav: list[tuple[str, str]], extra: str = "") -> bytes:
    """A report text as a CQC-like page: title, navigation between the report's pages, main text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    links = "".join(f'<li><a href="{html.escape(href)}">{html.escape(label)}</a></li>' for href, label in nav)
    body = f"<h1>{html.escape(lines[0])}</h1>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    return (
        f"<!doctype html><html><head><title>{html.escape(lines[0])} - Care Quality Commission</title></head><body>"
        f'<header><a href="/">CQC</a></header><nav aria-label="Report"><ul>{links}</ul></nav>'
        f"<main>{body}{extra}</main><footer><a href=\"/about-us\">About us</a></footer></body></html>"
    ).encode()


def pdf_with_text(text: str) -> bytes:
    """A small PDF whose text layer is `text` (Helvetica, WinAnsi), 50 wrapped lines a page."""
    lines = [w for para in text.splitlines() for w in (textwrap.wrap(para, 90) or [""])]
    pages = [lines[i : i + 50] for i in range(0, len(lines), 50)] or [[]]

    def esc(s: str) -> bytes:
        return s.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines_on_page in enumerate(pages):
        stream = b"BT /F1 10 Tf 14 TL 40 800 Td " + b" ".join(b"(" + esc(x) + b") Tj T*" for x in lines_on_page) + b" ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode() + b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


SH = f"{BASE}/sthelens-0525"
ST_HELENS = {  # path under the report -> the page text's file
    "summary": "st-helens__summary.txt",
    "theme1/needs": "st-helens__assessing-needs.txt",
    "theme1/support": "st-helens__supporting-people-to-live-healthier-lives.txt",
    "theme1/equity": "st-helens__equity-in-experience-and-outcomes.txt",
    "theme2/partnerships": "st-helens__partnerships-and-communities.txt",
    "theme4/governance": "st-helens__governance-management-and-sustainability.txt",
}
PDF = "/sites/default/files/2025-05/20250521-sthelens-la-assessment.pdf"
HF = f"{BASE}/hammersmithfulham-0525/theme1/needs"


def build_site(port: int, *, pages: dict[str, str] | None = None, changed: str = "") -> Site:
    """St Helens' report (summary, five theme pages, an annex two links deep, its PDF), Hammersmith
    and Fulham's needs page, and a robots.txt that disallows St Helens' governance page."""
    pages = dict(ST_HELENS if pages is None else pages)
    nav = [(f"{SH}/{p}", "Overall summary" if p == "summary" else p.split("/")[-1].title()) for p in pages]
    extra = (
        f'<p>See <a href="{BASE}">all local authority assessments</a>, <a href="{HF}">another council</a>, '
        f'<a href="http://localhost:{port}{SH}/theme1/needs">this page on another host</a> and '
        f'<a href="{PDF}">Download this report (PDF)</a>.</p>'
    )
    site = Site()
    for path, name in pages.items():
        text = report_text(name)
        if path == changed:
            text += "\nThis paragraph was added after publication, to test re-ingesting a changed page.\n"
        more = extra + ('<p><a href="needs/annex">How we assessed this</a></p>' if path == "theme1/needs" else "")
        bare = path == "theme1/equity"  # served without ETag or Last-Modified
        site.resources[f"{SH}/{path}"] = Resource(html_page(text, nav, more), etag=not bare, last_modified="" if bare else Resource.last_modified)
    annex_intro = "St Helens Borough Council: local authority assessment\nAnnex: how the assessment was carried out\n"
    site.resources[f"{SH}/theme1/needs/annex"] = Resource(html_page(
        annex_intro + "The assessment team met staff, partners and people who use services over several weeks.",
        nav, '<p><a href="annex/more">More detail</a></p>'))
    site.resources[f"{SH}/theme1/needs/annex/more"] = Resource(html_page(
        annex_intro + "A third level of links, which a crawl of depth two never reaches.", nav))
    site.resources[HF] = Resource(html_page(report_text("hammersmith-and-fulham__assessing-needs.txt"), []))
    site.resources[PDF] = Resource(pdf_with_text(report_text("st-helens__assessing-needs.txt")), "application/pdf", etag=False)
    site.resources["/robots.txt"] = Resource(f"User-agent: *\nDisallow: {SH}/theme4/\n".encode(), "text/plain")
    return site


def port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


@contextmanager
def cqc_site(**kw) -> Iterator[tuple[Site, str]]:
    site = Site()
    with serving(site) as url:
        site.resources.update(build_site(port_of(url), **kw).resources)
        yield site, url


def aqa_follow(url: str, data_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aqa.cli", "ingest", url, "--follow", "--pdf", "--delay", "0", *extra, "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=600,
    )


def documents(stdout_err: str) -> dict[str, str]:
    """The per-document lines of an ingest: source URL -> what it was recognised as."""
    return dict(re.findall(r"^  (http\S+): (.+)$", stdout_err, re.M))


# --- end to end ------------------------------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.slow
def test_follow_ingests_the_report_then_only_what_changed(tmp_path):
    data = tmp_path / "data"
    with cqc_site() as (site, root):
        start = f"{root}{SH}/summary"
        first = aqa_follow(start, data)
        assert first.returncode == 0, first.stderr
        got = documents(first.stderr)
        wanted = [f"{SH}/{p}" for p in ST_HELENS if p != "theme4/governance"] + [f"{SH}/theme1/needs/annex", PDF]
        assert sorted(got) == sorted(f"{root}{p}" for p in wanted), first.stderr
        assert all(what.startswith("St Helens Borough Council") for what in got.values()), got
        assert "7 documents (7 new, 0 changed, 0 unchanged), 0 failed" in first.stdout
        requested = site.paths()
        assert requested.count("/robots.txt") == 1 and requested[0] == "/robots.txt"
        assert f"{SH}/theme4/governance" not in requested  # robots.txt
        assert f"{SH}/theme1/needs/annex/more" not in requested  # depth 3
        assert HF not in requested and BASE not in requested and "/about-us" not in requested and "/" not in requested
        assert all(r["host"] == f"127.0.0.1:{port_of(root)}" for r in site.requests)  # never the localhost link
        assert all(r["user-agent"].startswith("assessment-qa/") and "+http" in r["user-agent"] for r in site.requests)
        assert len(requested) == len(set(requested)), requested  # each page fetched once
        assert f"skipped {root}{SH}/theme4/governance: disallowed by robots.txt" in first.stderr
        assert re.search(r"^\[\d+/7\] " + re.escape(f"{root}{SH}/summary") + r": \d+ chunks?$", first.stderr, re.M), first.stderr
        assert (data / "crawl-state.json").exists()

        # Again, nothing changed: conditional requests, everything unchanged, nothing parsed again.
        site.clear()
        again = aqa_follow(start, data)
        assert again.returncode == 0, again.stderr
        assert "7 documents (0 new, 0 changed, 7 unchanged), 0 failed; chunks: added 0" in again.stdout
        assert sorted(documents(again.stderr)) == sorted(got)
        by_path = {r["path"]: r for r in site.requests}
        etagged = [f"{SH}/{p}" for p in ST_HELENS if p not in ("theme4/governance", "theme1/equity")] + [f"{SH}/theme1/needs/annex"]
        assert all(by_path[p].get("if-none-match", "").startswith('"') for p in etagged), by_path
        assert by_path[PDF].get("if-modified-since") == "Wed, 21 May 2025 09:00:00 GMT"
        assert "if-none-match" not in by_path[f"{SH}/theme1/equity"] and "if-modified-since" not in by_path[f"{SH}/theme1/equity"]
        assert again.stderr.count("unchanged (304 Not Modified)") == 6
        assert f"{root}{SH}/theme1/equity: unchanged (same content)" in again.stderr
        assert not re.search(r"^\[\d+/", again.stderr, re.M)  # no document went through the ingest
        assert f"follow {start}: 8 pages: 7 unchanged, 1 disallowed by robots.txt" in again.stderr

        # The needs page changes, the partnerships page leaves the report (no link to it, 404).
        site.clear()
        remaining = {k: v for k, v in ST_HELENS.items() if k != "theme2/partnerships"}
        site.resources.clear()
        site.resources.update(build_site(port_of(root), pages=remaining, changed="theme1/needs").resources)
        third = aqa_follow(start, data)
        assert third.returncode == 0, third.stderr
        assert "6 documents (0 new, 1 changed, 5 unchanged), 0 failed" in third.stdout, third.stdout + third.stderr
        assert f"{root}{SH}/theme1/needs: modified since the last run (" in third.stderr
        # Every page's navigation changed, so each is read again (not the PDF: 304); only the needs text changed.
        assert re.search(r"^\[\d/5\] " + re.escape(f"{root}{SH}/theme1/needs") + r": \d+ chunks? \(changed\)$", third.stderr, re.M)
        assert re.search(r"^\[\d/5\] " + re.escape(f"{root}{SH}/summary") + r": unchanged$", third.stderr, re.M)
        gone = f"{root}{SH}/theme2/partnerships"
        assert f"removed from the report: {gone} (still in the store as {document_id(gone)}" in third.stderr
        assert f"{SH}/theme2/partnerships" not in site.paths()


# --- the crawler alone (no store): politeness, limits, caps ----------------------------------------------


def crawler(tmp_path: Path, log: list[str], **kw) -> Crawler:
    options = {"max_bytes": 1_000_000, "timeout": 5.0, "delay": 0.0, "pdf": True, **kw}
    return Crawler(state=CrawlState(tmp_path / "crawl-state.json"), log=log.append, **options)


@pytest.mark.unit
def test_unreachable_robots_txt_means_allowed_and_is_said(tmp_path):
    log: list[str] = []
    with cqc_site() as (site, root):
        site.resources["/robots.txt"] = Resource(b"down", status=503)
        crawl = crawler(tmp_path, log).crawl([f"{root}{SH}/summary"])
    assert any(f"robots.txt of {root} unreachable (HTTP 503): crawling as if allowed" in line for line in log), log
    assert f"{root}{SH}/theme4/governance" in {p.url for p in crawl.pages if p.to_ingest}
    assert site.paths().count("/robots.txt") == 1


@pytest.mark.unit
def test_max_pages_and_a_polite_delay_that_robots_txt_can_lengthen(tmp_path):
    log: list[str] = []
    pauses: list[float] = []
    with cqc_site() as (site, root):
        crawl = crawler(tmp_path, log, max_pages=3, delay=0.5, sleep=pauses.append).crawl([f"{root}{SH}/summary"])
        assert [p.outcome for p in crawl.pages] == ["new"] * 3
        assert len(site.paths()) == 4  # robots.txt and three pages
        assert len(pauses) == 3 and all(0.4 < p <= 0.5 for p in pauses), pauses
        assert crawl.reports[0].not_reached and "stopped at --max-pages 3" in " ".join(log)

        site.resources["/robots.txt"] = Resource(b"User-agent: *\nCrawl-delay: 2\n", "text/plain")
        pauses.clear()
        crawler(tmp_path, log, max_pages=2, delay=0.5, sleep=pauses.append).crawl([f"{root}{SH}/summary"])
        assert len(pauses) == 2 and pauses[-1] > 1.9, pauses


@pytest.mark.unit
def test_every_fetch_keeps_the_size_cap_and_the_one_deadline(tmp_path):
    from tests.test_reliability_ingest import drip_server

    log: list[str] = []
    with cqc_site() as (_, root):
        crawl = crawler(tmp_path, log, max_bytes=1000).crawl([f"{root}{SH}/summary"])
    assert [p.outcome for p in crawl.pages] == ["failed"], crawl.pages
    assert re.fullmatch(r"failed: [\d,]+ bytes is over the 1,000-byte limit", crawl.pages[0].detail)
    log.clear()
    with drip_server(interval=0.05, seconds=6) as url:
        crawl = crawler(tmp_path, log, timeout=1.0).crawl([url])
    assert "AQA_URL_TIMEOUT" in crawl.pages[0].detail and crawl.pages[0].outcome == "failed"
    assert any("robots.txt" in line and "unreachable" in line and "AQA_URL_TIMEOUT" in line for line in log), log


@pytest.mark.unit
def test_fetch_sends_conditional_headers_and_returns_a_304(tmp_path):
    with cqc_site() as (site, root):
        url = f"{root}{SH}/summary"
        first = sources.fetch(url, max_bytes=1_000_000, timeout=5)
        again = sources.fetch(url, max_bytes=1_000_000, timeout=5, headers={"If-None-Match": first.headers["etag"]})
        with pytest.raises(sources.HTTPStatus) as e:
            sources.fetch(f"{root}{SH}/nothing-here", max_bytes=1_000_000, timeout=5)
    assert first.status == 200 and first.data.startswith(b"<!doctype html>")
    assert again.status == 304 and again.data == b""
    assert e.value.status == 404 and str(e.value) == "HTTP 404"
    assert site.requests[1]["if-none-match"] == first.headers["etag"]


@pytest.mark.unit
def test_robots_txt_that_forbids_us_is_obeyed(tmp_path):
    log: list[str] = []
    with cqc_site() as (site, root):
        site.resources["/robots.txt"] = Resource(b"", status=403)
        crawl = crawler(tmp_path, log).crawl([f"{root}{SH}/summary"])
    assert [p.outcome for p in crawl.pages] == ["blocked"] and site.paths() == ["/robots.txt"]
    assert any("HTTP 403, so nothing there is fetched" in line for line in log)


class KnowsEverything:
    """A store stand-in for Crawl.finish: every page is in it, with 3 chunks."""

    def find_document(self, doc_id: str):  # noqa: ANN201
        from rag.models import DocumentInfo

        return DocumentInfo(id=doc_id, source="x", format="html", authority="St Helens Borough Council", authority_from="title", chunks=3)


@pytest.mark.unit
def test_pages_gone_or_unlinked_are_reported_but_not_when_the_crawl_was_cut_short(tmp_path):
    from ingest.pipeline import IngestReport

    log: list[str] = []
    with cqc_site() as (site, root):
        start = f"{root}{SH}/summary"
        crawler(tmp_path, log).crawl([start]).finish(IngestReport(), KnowsEverything())
        site.resources[f"{SH}/theme1/support"].status = 404  # still linked, but gone
        short = crawler(tmp_path, log, max_pages=2).crawl([start])
        assert short.reports[0].removed == []  # the support page was not reached: nothing can be said
        full = crawler(tmp_path, log).crawl([start])
        assert full.reports[0].removed == [f"{root}{SH}/theme1/support"]
        lines = full.finish(IngestReport(), KnowsEverything())
        assert lines == [f"removed from the report: {root}{SH}/theme1/support (still in the store as "
                         f"{document_id(f'{root}{SH}/theme1/support')}; `aqa docs rm {document_id(f'{root}{SH}/theme1/support')}` drops it)"]
