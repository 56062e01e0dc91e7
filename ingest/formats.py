"""Bytes to the document text we store, by the format the content shows (not the extension).

For UTF-8 .txt and .md the stored text is the content unchanged. HTML keeps only the main
text; PDF its text layer, with wrapped lines joined back into paragraphs; DOCX its paragraphs.
Every offset of every chunk points into this stored text.

Format bombs are refused before parsing, each with one line for that file: a .docx that unpacks
past AQA_MAX_INPUT_BYTES or packs a part implausibly tightly, a PDF of more than
AQA_MAX_PDF_PAGES pages, HTML over AQA_MAX_HTML_BYTES.
"""

from __future__ import annotations

import bisect
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ingest.sources import web_url
from ingest.structure import structural
from rag.errors import BadInput, TooLarge

FORMATS = ("txt", "md", "html", "pdf", "docx")

# A zip member unpacking to more than this many times its packed size is a bomb, not a report
# (a report's XML packs 5-20x; deflate bombs reach 1000x). Small members are let through.
MAX_ZIP_RATIO = 200
RATIO_FLOOR_BYTES = 1_000_000
MAX_ZIP_MEMBERS = 10_000


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 25_000_000  # AQA_MAX_INPUT_BYTES, for a .docx unpacked
    max_pdf_pages: int = 2000  # AQA_MAX_PDF_PAGES
    max_html_bytes: int = 10_000_000  # AQA_MAX_HTML_BYTES

    @classmethod
    def of(cls, settings: Any) -> Limits:
        return cls(settings.max_input_bytes, settings.max_pdf_pages, settings.max_html_bytes)


def default_limits() -> Limits:
    """The limits of the environment's settings, for callers that pass none."""
    from rag.settings import get_settings

    try:
        return Limits.of(get_settings())
    except Exception:  # unreadable settings are reported by the command itself
        return Limits()


def detect(data: bytes, name: str = "") -> str:
    head = data[:4096]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile as e:
            raise BadInput("a damaged zip archive, not a readable .docx") from e
        raise BadInput("a zip archive that is not a .docx")
    if not data.strip():
        raise BadInput("empty file")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput("binary content, not a report")
    text = decode(data)
    sniff = text[:2048].lstrip().lower()
    if sniff.startswith(("<!doctype html", "<html")) or len(re.findall(r"</?(?:p|div|h[1-6]|body|main)\b", sniff)) >= 3:
        return "html"
    if name.lower().endswith((".md", ".markdown")) or re.search(r"^#{1,3} \S", text[:4096], re.M):
        return "md"
    return "txt"


# An HTML tag left in text copied from a web page ("… (ASCS)./p>", "<br>"): blanked, not cut, so
# every offset into the text stays where it was.
_STRAY_TAG = re.compile(r"</?(?:p|br|div|span|li|ul|ol|strong|em|b|i|u|a|h[1-6]|td|tr|table)\b[^<>\n]{0,200}>"
                        r"|(?<=[^\s<])/(?:p|div|span|li|strong|em|b|i|u|a|h[1-6])>", re.I)


def without_stray_tags(text: str) -> str:
    return _STRAY_TAG.sub(lambda m: " " * len(m.group(0)), text)


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadInput(f"not UTF-8 text (undecodable byte at offset {e.start})") from e


@dataclass(frozen=True)
class Extracted:
    """The stored text and what the file says about itself: the HTML <title>, its canonical URL as
    the page gives it (`<link rel="canonical">`, maybe relative; else a saved page's "saved from
    url" comment), and for a PDF the offset in `text` where each page starts (`page_starts[i]`:
    page i + 1; a page without text starts where the next one does)."""

    text: str
    title: str = ""
    canonical: str = ""
    page_starts: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int:
        """The 1-based PDF page holding `offset` of the text; 0 when the format has no pages."""
        return page_at(self.page_starts, offset)


def page_at(page_starts: Sequence[int], offset: int) -> int:
    return bisect.bisect_right(page_starts, offset) if page_starts else 0


def extract(data: bytes, fmt: str, limits: Limits | None = None) -> str:
    return extract_document(data, fmt, limits).text


def extract_document(data: bytes, fmt: str, limits: Limits | None = None) -> Extracted:
    limits = limits or default_limits()
    match fmt:
        case "txt" | "md":
            got = Extracted(without_stray_tags(decode(data)))
        case "html":
            if len(data) > limits.max_html_bytes:
                raise TooLarge(
                    f"HTML of {len(data):,} bytes is over the {limits.max_html_bytes:,}-byte limit (AQA_MAX_HTML_BYTES)"
                )
            got = _html(decode(data))
        case "pdf":
            got = _pdf(data, limits.max_pdf_pages)
        case "docx":
            _check_zip(data, limits.max_bytes)
            got = Extracted(_docx(data))
        case _:
            raise BadInput(f"unsupported format {fmt}")
    if not got.text.strip():
        raise BadInput(f"no text found in this {fmt.upper()}" + (" (a scan without a text layer?)" if fmt == "pdf" else ""))
    return got


_DROP = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button"
_NOISE = re.compile(r"cookie|breadcrumb|skip-link|banner|menu|share|feedback|print", re.I)
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "blockquote", "dt", "dd", "pre")


_SAVED_FROM = re.compile(r"<!-- saved from url=\(\d{1,5}\)(https?://[^\s<>\"']{1,2000}) -->", re.I)
MAX_TITLE = 300


def _html(html: str) -> Extracted:
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(html, "lxml")
    title = re.sub(r"\s+", " ", soup.title.get_text(" ")).strip()[:MAX_TITLE] if soup.title else ""
    canonical = ""
    for link in soup.find_all("link", href=True):
        rel = link.get("rel")
        rels: list[str] = [str(r) for r in rel] if isinstance(rel, list) else str(rel or "").split()
        if "canonical" in [r.lower() for r in rels]:
            canonical = str(link["href"]).strip()[:2000]  # may be relative: resolved against the page's URL
            break
    if not canonical and (saved := _SAVED_FROM.search(html[:4096])):
        canonical = web_url(saved.group(1))
    for el in soup.select(_DROP):
        el.decompose()
    for el in soup.select('[role="navigation"], [role="banner"], [role="contentinfo"], [aria-hidden="true"]'):
        el.decompose()
    for el in list(soup.find_all(True)):
        if not isinstance(el, Tag) or el.attrs is None:
            continue
        marks = " ".join([el.get("id") or "", *(el.get("class") or [])])
        if marks.strip() and _NOISE.search(marks):
            el.decompose()
    root = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.find("article") or soup.body or soup
    blocks = []
    for el in root.find_all(_BLOCKS):
        if el.find(_BLOCKS):  # a container of blocks: its children speak for it
            continue
        text = re.sub(r"\s+", " ", el.get_text(" ")).strip()
        if text:
            blocks.append(text)
    return Extracted("\n\n".join(blocks) + ("\n" if blocks else ""), title=title, canonical=canonical)


def _pdf(data: bytes, max_pages: int) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        try:  # the declared count first: it costs nothing, while counting walks the page tree
            declared = int(reader.root_object["/Pages"]["/Count"])  # type: ignore[index, arg-type]
        except (KeyError, TypeError, ValueError):
            declared = 0
        count = declared if declared > max_pages else len(reader.pages)
        if count > max_pages:
            raise TooLarge(f"a PDF of {count:,} pages is over the {max_pages:,}-page limit (AQA_MAX_PDF_PAGES)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise BadInput(f"corrupt PDF: {e}") from e
    text, starts = _reflow_pages(_drop_running_lines(pages))
    return Extracted(text, page_starts=starts)


_PAGE_NUMBER = re.compile(r"(?:\bpage\s+\d+(?:\s+of\s+\d+)?|^\d+\s*(?:/|of)\s*\d+)\s*$", re.I)


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove running headers and footers: page numbers, and lines repeated atop or below every page."""
    split = [[ln for ln in p.splitlines() if ln.strip()] for p in pages]
    edges: dict[str, int] = {}
    for ls in split:
        for ln in {*ls[:2], *ls[-2:]}:
            edges[ln.strip()] = edges.get(ln.strip(), 0) + 1
    running = {ln for ln, n in edges.items() if len(pages) > 2 and n >= len(pages)}
    return ["\n".join(ln for ln in ls if not _PAGE_NUMBER.search(ln) and ln.strip() not in running) for ls in split]


def _structural(line: str) -> bool:
    """Heading and score lines of the report frame: never joined to their neighbours."""
    return structural(line)


def _reflow(raw: str) -> str:
    return _reflow_pages([raw])[0]


def _reflow_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """Join a PDF's wrapped lines into paragraphs: a line ending without a full stop that is
    followed by one starting in lower case (or a long line followed by more text) continues.
    Lines join across page breaks too. Also returns where each page's text starts in the result."""
    out: list[str] = []
    marks: list[list[tuple[int, int]]] = []  # per paragraph: (offset in it, page) where a page's text begins
    for page, content in enumerate(pages):
        for line in (ln.strip() for ln in content.splitlines()):
            if not line:
                continue
            if out and not _structural(line) and not _structural(out[-1]):
                prev = out[-1]
                wrapped = not re.search(r"[.!?:;)\]\"”]$", prev) and (
                    line[:1].islower() or line[:1] in "(£%,&-" or len(prev) > 60
                )
                if wrapped:
                    out[-1] = prev + " " + line
                    if marks[-1][-1][1] != page:
                        marks[-1].append((len(prev) + 1, page))
                    continue
            out.append(line)
            marks.append([(0, page)])
    text = "\n\n".join(out) + "\n"
    first: dict[int, int] = {}
    base = 0
    for para, where in zip(out, marks, strict=True):
        for pos, page in where:
            first.setdefault(page, base + pos)
        base += len(para) + 2
    starts: list[int] = []
    nxt = len(text)
    for page in reversed(range(len(pages))):  # a page without text starts where the next one does
        nxt = first.get(page, nxt)
        starts.append(nxt)
    return text, tuple(reversed(starts))


def _check_zip(data: bytes, max_bytes: int) -> None:
    """Refuse a zip bomb by its directory, before anything is unpacked (zipfile never unpacks a
    member past the size its directory declares, so the declared sizes are the real bound)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = z.infolist()
    except zipfile.BadZipFile as e:
        raise BadInput("a damaged zip archive, not a readable .docx") from e
    if len(members) > MAX_ZIP_MEMBERS:
        raise BadInput(f"a .docx of {len(members):,} parts (the limit is {MAX_ZIP_MEMBERS:,}): refused as a zip bomb")
    unpacked = sum(m.file_size for m in members)
    if unpacked > max_bytes:
        raise TooLarge(f"the .docx unpacks to {unpacked:,} bytes, over the {max_bytes:,}-byte limit (AQA_MAX_INPUT_BYTES)")
    for m in members:
        if m.file_size > RATIO_FLOOR_BYTES and m.file_size > MAX_ZIP_RATIO * max(m.compress_size, 1):
            ratio = m.file_size // max(m.compress_size, 1)
            raise BadInput(f"{m.filename} in the .docx unpacks to {ratio:,}x its packed size: refused as a zip bomb")


def _docx(data: bytes) -> str:
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several unrelated types for damaged files
        raise BadInput(f"corrupt DOCX: {e}") from e
    paragraphs = [re.sub(r"\s+", " ", p.text).strip() for p in document.paragraphs]
    return "\n\n".join(p for p in paragraphs if p) + "\n"
