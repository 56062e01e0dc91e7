"""Bytes to the document text we store, by the format the content shows (not the extension).

For UTF-8 .txt and .md the stored text is the content unchanged. HTML keeps only the main
text; PDF its text layer, with wrapped lines joined back into paragraphs; DOCX its paragraphs.
Every offset of every chunk points into this stored text.
"""

from __future__ import annotations

import io
import re
import zipfile

from ingest.structure import LABEL, SCORE, THEME, TITLE
from rag import framework as fw
from rag.errors import BadInput

FORMATS = ("txt", "md", "html", "pdf", "docx")


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


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadInput(f"not UTF-8 text (undecodable byte at offset {e.start})") from e


def extract(data: bytes, fmt: str) -> str:
    match fmt:
        case "txt" | "md":
            text = decode(data)
        case "html":
            text = _html(decode(data))
        case "pdf":
            text = _pdf(data)
        case "docx":
            text = _docx(data)
        case _:
            raise BadInput(f"unsupported format {fmt}")
    if not text.strip():
        raise BadInput(f"no text found in this {fmt.upper()}" + (" (a scan without a text layer?)" if fmt == "pdf" else ""))
    return text


_DROP = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button"
_NOISE = re.compile(r"cookie|breadcrumb|skip-link|banner|menu|share|feedback|print", re.I)
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "blockquote", "dt", "dd", "pre")


def _html(html: str) -> str:
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(html, "lxml")
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
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise BadInput(f"corrupt PDF: {e}") from e
    return _reflow("\n".join(_drop_running_lines(pages)))


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
    return bool(
        fw.statement_of_line(line) or fw.frame_heading_of_line(line)
        or TITLE.match(line) or SCORE.match(line) or LABEL.match(line) or THEME.match(line)
    )


def _reflow(raw: str) -> str:
    """Join a PDF's wrapped lines into paragraphs: a line ending without a full stop that is
    followed by one starting in lower case (or a long line followed by more text) continues."""
    out: list[str] = []
    for line in (ln.strip() for ln in raw.splitlines()):
        if not line:
            continue
        if out and not _structural(line) and not _structural(out[-1]):
            prev = out[-1]
            wrapped = not re.search(r"[.!?:;)\]\"”]$", prev) and (
                line[:1].islower() or line[:1] in "(£%,&-" or len(prev) > 60
            )
            if wrapped:
                out[-1] = prev + " " + line
                continue
        out.append(line)
    return "\n\n".join(out) + "\n"


def _docx(data: bytes) -> str:
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several unrelated types for damaged files
        raise BadInput(f"corrupt DOCX: {e}") from e
    paragraphs = [re.sub(r"\s+", " ", p.text).strip() for p in document.paragraphs]
    return "\n\n".join(p for p in paragraphs if p) + "\n"
