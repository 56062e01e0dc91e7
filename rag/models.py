"""Results are data: chunks, search hits, citations, answers. Formatting happens at the edges."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from rag import framework as fw


def with_header(authority: str, quality_statement: str, section: str, text: str) -> str:
    """A passage as a reader sees it: which authority, statement and section it comes from, then the text.

    The support check reads this too, so "Wirral scored 3" is supported by Wirral's score line.
    """
    return " | ".join(p for p in (authority, quality_statement, section) if p) + "\n" + text


def named(authority: str, title: str) -> str:
    """The authority for a passage's header: as its report's title names it too, when that differs
    ("Hackney Council (London Borough of Hackney)"), since answers name it so."""
    shown = fw.shown(authority, title)
    return authority if shown == authority else f"{shown} ({authority})"


class ChunkMeta(BaseModel):
    """Metadata stored with every chunk (flat: Chroma metadata values are scalars)."""

    document_id: str
    source: str
    authority: str
    quality_statement: str = ""
    theme: str = ""
    score: int = 0  # 0 = no score (overview text)
    score_label: str = ""
    section: str = ""  # heading path, " > " between levels
    boilerplate: bool = False
    indicative: bool = False  # a pilot assessment's indicative score or rating
    rating: str = ""  # on the overall-rating passage of a summary: the overall rating word
    percent: int = 0  # on the overall-rating passage: the overall figure out of 100
    title: str = ""  # the report's title line (or an HTML page's <title>)
    published: str = ""  # as the page states it, e.g. "17 May 2024"
    url: str = ""  # the web page: the URL ingested, its canonical link, or a sidecar's url
    page: int = 0  # PDF page holding the chunk's start; 0 for other formats
    start: int
    end: int
    position: int  # order within the document


class Chunk(ChunkMeta):
    id: str
    text: str

    @property
    def header(self) -> str:
        return " | ".join(p for p in (self.authority, self.quality_statement, self.section) if p)

    def embedding_text(self) -> str:
        """What the embedder and BM25 see: the header first, so a passage knows its authority."""
        return with_header(self.authority, self.quality_statement, self.section, self.text)

    def metadata(self) -> dict[str, Any]:
        return self.model_dump(exclude={"id", "text"})


class SearchHit(BaseModel):
    chunk_id: str
    document_id: str
    source: str
    authority: str
    quality_statement: str
    theme: str
    score: int | None
    section: str
    text: str
    start: int
    end: int
    rank_score: float
    boilerplate: bool = False
    title: str = ""
    published: str = ""
    url: str = ""
    page: int = 0

    @property
    def passage(self) -> str:
        return with_header(named(self.authority, self.title), self.quality_statement, self.section, self.text)

    @classmethod
    def from_chunk(cls, chunk: Chunk, rank_score: float) -> SearchHit:
        return cls(
            chunk_id=chunk.id,
            document_id=chunk.document_id,
            source=chunk.source,
            authority=chunk.authority,
            quality_statement=chunk.quality_statement,
            theme=chunk.theme,
            score=chunk.score or None,
            section=chunk.section,
            text=chunk.text,
            start=chunk.start,
            end=chunk.end,
            rank_score=round(rank_score, 6),
            boilerplate=chunk.boilerplate,
            title=chunk.title,
            published=chunk.published,
            url=chunk.url,
            page=chunk.page,
        )


class SearchResponse(BaseModel):
    results: list[SearchHit]
    query: str = ""
    filters: dict[str, list[str]] = Field(default_factory=dict)
    notice: str | None = None


class DocumentInfo(BaseModel):
    id: str
    source: str
    format: str
    authority: str
    authority_from: str  # title | text | option | sidecar | unknown
    quality_statements: list[str] = Field(default_factory=list)
    scores: dict[str, int] = Field(default_factory=dict)
    overall_rating: str = ""
    overall_percent: int = 0
    indicative: bool = False
    title: str = ""
    published: str = ""
    updated: str = ""  # "Page last updated: …", when the page says so
    url: str = ""  # the web page: the URL ingested, its canonical link, or a sidecar's url
    warnings: list[str] = Field(default_factory=list)
    chunks: int = 0
    chars: int = 0
    content_hash: str = ""
    ingested_at: str = ""


class Citation(BaseModel):
    n: int
    chunk_id: str
    document_id: str
    source: str
    authority: str
    quality_statement: str
    section: str
    quote: str  # the cited passage: stored document text [start:end]
    start: int
    end: int
    title: str = ""
    published: str = ""
    url: str = ""
    page: int = 0

    @property
    def passage(self) -> str:
        return with_header(named(self.authority, self.title), self.quality_statement, self.section, self.quote)

    @classmethod
    def from_hit(cls, n: int, hit: SearchHit) -> Citation:
        return cls(
            n=n, chunk_id=hit.chunk_id, document_id=hit.document_id, source=hit.source,
            authority=hit.authority, quality_statement=hit.quality_statement, section=hit.section,
            quote=hit.text, start=hit.start, end=hit.end,
            title=hit.title, published=hit.published, url=hit.url, page=hit.page,
        )


class Removed(BaseModel):
    """A sentence the citation check took out or repaired, and why."""

    sentence: str
    reason: str
    action: str  # removed | repaired
    cited: list[int] = Field(default_factory=list)
    now_cites: list[int] = Field(default_factory=list)


class Answer(BaseModel):
    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)
    answerer: str = "extractive"
    degraded: bool = False  # the answering model could not be reached: this is the extractive answer
    question: str = ""  # as understood: follow-ups come back rewritten
    read_as: dict[str, str] = Field(default_factory=dict)  # words typed with a slip, each as it was read ("safegaurding": "safeguarding")
    retrieved: list[SearchHit] = Field(default_factory=list, exclude=True)  # for evaluation, never sent
