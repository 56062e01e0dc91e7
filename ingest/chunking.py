"""Cut blocks into chunks on paragraph, then sentence boundaries, within a token budget.

Every chunk is a slice of the stored text (`text[start:end] == chunk.text`) and its header
(authority | statement | section) plus its text fit the embedder's window.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from ingest.formats import page_at
from ingest.structure import Block, Structure
from rag import framework as fw
from rag import rules
from rag.models import Chunk
from rag.text import Span, sentences

# Paragraphs shorter than this are merged with the next one in the same block.
MIN_TOKENS = 40


def _pack(pieces: list[Span], text: str, budget: int, count: Callable[[str], int]) -> list[Span]:
    """Greedily join consecutive pieces while the joined slice fits the budget.

    Pieces that fit on their own are only joined while the chunk is still short; a piece too
    big alone is split by sentences, and a sentence too big alone by words.
    """
    out: list[Span] = []
    for piece in pieces:
        if count(piece.of(text)) > budget:
            sents = sentences(text, piece.start, piece.end)
            if len(sents) > 1:
                out.extend(_pack_tight(sents, text, budget, count))
            else:
                out.extend(_split_words(piece, text, budget, count))
            continue
        if out and count(out[-1].of(text)) < MIN_TOKENS:
            joined = Span(out[-1].start, piece.end)
            if count(joined.of(text)) <= budget:
                out[-1] = joined
                continue
        out.append(piece)
    return out


def _pack_tight(sents: list[Span], text: str, budget: int, count: Callable[[str], int]) -> list[Span]:
    out: list[Span] = []
    last: Span | None = None  # the sentence before s, when it ends the chunk being filled
    for s in sents:
        if count(s.of(text)) > budget:
            out.extend(_split_words(s, text, budget, count))
            last = None
            continue
        if out and count(Span(out[-1].start, s.end).of(text)) <= budget:
            out[-1] = Span(out[-1].start, s.end)
        elif (last is not None and out and last.start > out[-1].start and rules.goes_on(s.of(text))
              and count(Span(last.start, s.end).of(text)) <= budget):
            # "… 94.95% had adequate food and drink. | This was better than the England average": a
            # sentence that goes on from the one before starts its chunk with that one.
            out[-1] = Span(out[-1].start, _end_before(text, out[-1].start, last.start))
            out.append(Span(last.start, s.end))
        else:
            out.append(s)
        last = s
    return out


def _end_before(text: str, start: int, at: int) -> int:
    """Where a slice ending just before `at` ends, without the whitespace between."""
    end = at
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# A slice longer than this many characters for each token of the budget is taken to be over the
# budget without being counted (WordPiece tokens of report text average about 4 characters), and a
# cut looks back at most WORD_WINDOW characters for a space: each chunk then costs a bounded slice,
# not the rest of the paragraph, so a paragraph with no sentence end is cut in linear time. For text
# below that density with a space in every window, the cuts are those unbounded counting gives.
MAX_CHARS_PER_TOKEN = 16
WORD_WINDOW = 1000


def _split_words(span: Span, text: str, budget: int, count: Callable[[str], int]) -> list[Span]:
    out: list[Span] = []
    start = span.start
    longest = budget * MAX_CHARS_PER_TOKEN
    while start < span.end:
        end = span.end
        while end - start > longest or count(text[start:end]) > budget:
            limit = start + (end - start) * 4 // 5
            cut = text.rfind(" ", max(start, limit - WORD_WINDOW), limit)
            end = cut if cut > start else limit
        out.append(Span(start, end))
        start = end
        while start < span.end and text[start].isspace():
            start += 1
    return out


def chunk_document(
    text: str,
    structure: Structure,
    *,
    document_id: str,
    source: str,
    count_tokens: Callable[[str], int],
    window: int,
    chunk_tokens: int,
    title: str = "",
    url: str = "",
    page_starts: Sequence[int] = (),
) -> list[Chunk]:
    """`title` (else the structure's), `url` and the PDF's `page_starts` go into every chunk's metadata."""
    chunks: list[Chunk] = []
    source_meta = {"title": title or structure.title, "published": structure.published, "url": url}
    for block in structure.blocks:
        if block.section == fw.SCORE_SECTION and not block.score:
            continue
        probe = Chunk(**_meta(block, structure, document_id, source, 0, 0, 0), id="", text="")
        # [CLS] + header + newline + text + [SEP] must fit the window.
        budget = min(chunk_tokens, window - 3 - count_tokens(probe.header))
        for span in _pack(block.paragraphs, text, budget, count_tokens):
            meta = _meta(block, structure, document_id, source, span.start, span.end, len(chunks))
            meta.update(source_meta, page=page_at(page_starts, span.start))
            body = span.of(text)
            digest = hashlib.sha256(f"{body}\x00{sorted(meta.items())}".encode()).hexdigest()[:16]
            chunks.append(Chunk(**meta, id=f"{document_id}-{digest}", text=body))
    return chunks


def _meta(block: Block, structure: Structure, document_id: str, source: str, start: int, end: int, position: int) -> dict:
    st = block.statement
    return {
        "document_id": document_id,
        "source": source,
        "authority": structure.authority,
        "quality_statement": st.name if st else "",
        "theme": st.theme if st else "",
        "score": block.score,
        "score_label": fw.SCORE_LABELS.get(block.score, ""),
        "section": block.section,
        "boilerplate": block.boilerplate,
        "indicative": block.indicative,
        "rating": block.rating,
        "percent": block.percent,
        "start": start,
        "end": end,
        "position": position,
    }
