"""Sources -> text -> structure -> chunks -> store, idempotent and safe to kill.

Order of writes per document: chunk upserts (deterministic ids), stale-chunk deletes, then the
document record, which is the commit mark. A run killed at any point leaves either the old
record (so the document is processed again) or the new one with all its chunks in place.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlparse

from ingest import formats, sources
from ingest.chunking import chunk_document
from ingest.structure import parse
from rag.embeddings import Embedder
from rag.errors import AQAError
from rag.gazetteer import Gazetteer
from rag.index_files import publish
from rag.models import Chunk, DocumentInfo
from rag.settings import Settings
from rag.store import ChromaStore

# Bump when parsing or chunking changes, so unchanged files are re-chunked once.
PIPELINE_VERSION = "9"  # 3: source metadata on every chunk; 4: pilot titles, "Indicative score:" alone, a bare overall "Score: 75"; 5: pilot ratings, announced scores; 6: "When I move …" is what people expect; 7: a sentence going on from the one before is chunked with it; 8: so is one comparing the figure before with a benchmark; 9: stray HTML tags in text files blanked

# A store write is refused unless the data dir's disk has this many times the batch's bytes free
# (Chroma's log, records, full-text index and vector index each hold a copy), plus a snapshot of
# the vector index and AQA_MIN_FREE_MB: a full disk mid-write can leave Chroma's files half written.
SPACE_FACTOR = 4
MB = 1 << 20

# "Page last updated: 17 May 2024", as CQC pages put it under the title.
UPDATED = re.compile(r"\bPage last updated ?:? ?(?P<d>\d{1,2} [A-Z][a-z]+ \d{4})", re.I)


@dataclass
class Failure:
    source: str
    message: str


@dataclass
class IngestReport:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    added: int = 0
    unchanged_chunks: int = 0
    removed: int = 0
    failures: list[Failure] = field(default_factory=list)
    unknown_authority: list[str] = field(default_factory=list)
    documents: list[DocumentInfo] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def chunk_summary(self) -> str:
        return f"added {self.added}, unchanged {self.unchanged_chunks}, removed {self.removed}"

    def summary(self) -> str:
        docs = self.new + self.changed + self.unchanged
        line = (
            f"{docs} document{'s' if docs != 1 else ''} ({self.new} new, {self.changed} changed, "
            f"{self.unchanged} unchanged), {len(self.failures)} failed; chunks: {self.chunk_summary}"
        )
        return line + f" in {self.seconds:.1f} s"


# (documents done, documents total, chunks embedded so far, source being read)
Progress = Callable[[int, int, int, str], None]
# (documents finished, documents total, source, what became of it): "5 chunks", "5 chunks (changed)",
# "unchanged", "failed: ...", once per document as soon as it is read and chunked; and, with source "",
# "embedding N chunks of M documents" before each embedding batch.
DocumentDone = Callable[[int, int, str, str], None]


@dataclass
class _Staged:
    """A document parsed and chunked, waiting for its chunks to be embedded and stored."""

    info: DocumentInfo
    text: str
    fresh: list[Chunk]
    stale: list[str]
    is_new: bool


def source_url(raw: sources.RawInput, canonical: str) -> str:
    """The page a citation links to. A web page: its `<link rel="canonical">` when that stays on
    the same site (a page cannot claim another site's address), else the URL ingested. A file: its
    sidecar's `url`, else the canonical link or "saved from" address a saved page carries."""
    if raw.url and raw.identity == raw.url:  # fetched from the web
        declared = sources.web_url(urljoin(raw.url, canonical)) if canonical else ""
        return declared if declared and _site(declared) == _site(raw.url) else raw.url
    return raw.url or sources.web_url(canonical)


def _site(url: str) -> str:
    return (urlparse(url).hostname or "").removeprefix("www.")


@dataclass
class Ingestor:
    settings: Settings
    embedder: Embedder
    store: ChromaStore
    gazetteer: Gazetteer

    def ingest(
        self,
        specs: Sequence[str | sources.Pending],
        *,
        authority: str | None = None,
        progress: Progress | None = None,
        done: DocumentDone | None = None,
    ) -> IngestReport:
        report = IngestReport()
        started = time.perf_counter()
        pending = list(sources.expand(specs))
        staged: list[_Staged] = []  # parsed and chunked, waiting to be embedded together
        # Store writes run in one background thread, in order, while the next batch is embedded.
        writer = ThreadPoolExecutor(1, thread_name_prefix="aqa-store-write")
        writing: Future[None] | None = None
        finished = 0

        def finish(source: str, what: str) -> None:
            nonlocal finished
            finished += bool(source)
            if done:
                done(finished, len(pending), source, what)

        def flush() -> None:
            nonlocal staged, writing
            batch, staged = staged, []
            if (fresh := sum(len(s.fresh) for s in batch)) and done:
                finish("", f"embedding {fresh} chunk{'s' if fresh != 1 else ''} of {len(batch)} document{'s' if len(batch) != 1 else ''}")
            vectors = self._embed(batch)
            if writing is not None:
                writing.result()  # the previous batch is stored before this one
            writing = writer.submit(self._write, batch, vectors, report)

        with self.store.writing(), writer:
            for i, item in enumerate(pending):
                if progress:
                    progress(i, len(pending), report.added, item.label)
                try:
                    raw = sources.read(item, max_bytes=self.settings.max_input_bytes, timeout=self.settings.url_timeout)
                    if (ready := self.prepare(raw, authority=authority, report=report)) is not None:
                        staged.append(ready)
                        n = ready.info.chunks
                        finish(raw.source, f"{n} chunk{'s' if n != 1 else ''}" + ("" if ready.is_new else " (changed)"))
                    else:
                        finish(raw.source, "unchanged")
                except AQAError as e:
                    report.failures.append(Failure(item.label, str(e)))
                    finish(item.label, f"failed: {e}")
                except Exception as e:  # a broken file must never abort the batch
                    report.failures.append(Failure(item.label, f"{type(e).__name__}: {e}"))
                    finish(item.label, f"failed: {type(e).__name__}: {e}")
                if sum(len(s.fresh) for s in staged) >= self.settings.ingest_flush_chunks:
                    flush()
            flush()
            if writing is not None:
                writing.result()
            if report.new or report.changed:
                self.store.bump_generation()
                publish(self.store, self.settings)
        if progress:
            progress(len(pending), len(pending), report.added, "")
        report.seconds = time.perf_counter() - started
        return report

    def prepare(self, raw: sources.RawInput, *, authority: str | None, report: IngestReport) -> _Staged | None:
        """Parse and chunk one input; its chunks are embedded and stored at the next flush.
        None when the input is unchanged since it was last ingested."""
        fmt = formats.detect(raw.data, raw.source)
        extracted = formats.extract_document(raw.data, fmt, formats.Limits.of(self.settings))
        text = extracted.text
        structure = parse(text, self.gazetteer, option=authority, sidecar=raw.sidecar.get("authority"))
        doc_id = raw.document_id
        title = structure.title or extracted.title
        url = source_url(raw, extracted.canonical)
        updated = m.group("d") if (m := UPDATED.search(text[:4000])) else ""
        content_hash = hashlib.sha256(
            "\x00".join([PIPELINE_VERSION, self.embedder.name, structure.authority, raw.source, title, url, text]).encode()
        ).hexdigest()
        if structure.authority == "unknown":
            report.unknown_authority.append(raw.source)

        old = self.store.find_document(doc_id)
        if old is not None and old.content_hash == content_hash:
            report.unchanged += 1
            report.unchanged_chunks += old.chunks
            report.documents.append(old)
            return None  # nothing to embed or write

        chunks = chunk_document(
            text,
            structure,
            document_id=doc_id,
            source=raw.source,
            count_tokens=self.embedder.count_tokens,
            window=self.embedder.max_tokens,
            chunk_tokens=self.settings.chunk_tokens,
            title=title,
            url=url,
            page_starts=extracted.page_starts,
        )
        existing = set(self.store.chunk_ids_of(doc_id))
        fresh = [c for c in chunks if c.id not in existing]
        stale = sorted(existing - {c.id for c in chunks})

        info = DocumentInfo(
            id=doc_id,
            source=raw.source,
            format=fmt,
            authority=structure.authority,
            authority_from=structure.authority_from,
            quality_statements=list(dict.fromkeys(c.quality_statement for c in chunks if c.quality_statement)),
            scores=structure.scores,
            overall_rating=structure.overall_rating,
            overall_percent=structure.overall_percent,
            indicative=structure.indicative,
            title=title,
            published=structure.published,
            updated=updated,
            url=url,
            warnings=structure.warnings,
            chunks=len(chunks),
            chars=len(text),
            content_hash=content_hash,
            ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        report.unchanged_chunks += len(chunks) - len(fresh)
        report.documents.append(info)
        return _Staged(info, text, fresh, stale, old is None)

    def _embed(self, staged: list[_Staged]) -> list[list[float]]:
        fresh = [c for s in staged for c in s.fresh]
        return self.embedder.embed_documents([c.embedding_text() for c in fresh]) if fresh else []

    def _write(self, staged: list[_Staged], vectors: list[list[float]], report: IngestReport) -> None:
        """Store the staged documents' chunks, drop their stale ones, then write their records:
        the commit marks, last, so an ingest killed before them is redone in full."""
        if not staged:
            return
        if (refused := self._space_refusal(staged, vectors)) is not None:
            for s in staged:  # nothing of this batch is written: each of its documents failed
                report.failures.append(Failure(s.info.source, refused))
                report.documents = [d for d in report.documents if d is not s.info]
                report.unchanged_chunks -= s.info.chunks - len(s.fresh)
            return
        fresh = [c for s in staged for c in s.fresh]
        if fresh:
            self.store.upsert_chunks(fresh, vectors)
        self.store.delete_chunks([cid for s in staged for cid in s.stale])
        self.store.put_documents([(s.info, s.text) for s in staged])
        for s in staged:
            report.new += s.is_new
            report.changed += not s.is_new
            report.added += len(s.fresh)
            report.removed += len(s.stale)

    def _space_refusal(self, staged: list[_Staged], vectors: list[list[float]]) -> str | None:
        """Why this batch must not be written (too little free space where the embedded store
        lives), or None. A Chroma server minds its own disk."""
        if self.store.local is None:
            return None
        fresh = [c for s in staged for c in s.fresh]
        batch = (
            sum(4 * len(v) for v in vectors)
            + sum(len(c.text.encode()) + len(json.dumps(c.metadata())) for c in fresh)
            + sum(len(s.text.encode()) + 2048 for s in staged)
        )
        needed = SPACE_FACTOR * batch + self.store.index_bytes() + self.settings.min_free_mb * MB
        free = shutil.disk_usage(self.store.local.chroma_dir).free
        if free >= needed:
            return None
        return (
            f"not enough free space in {self.settings.data_dir}: {free // MB} MB free, about {math.ceil(needed / MB)} MB needed "
            f"(nothing of this batch was written; free space or lower AQA_MIN_FREE_MB, now {self.settings.min_free_mb})"
        )

    def remove(self, document_id: str) -> int:
        with self.store.writing():
            self.store.document(document_id)  # NotFound for an unknown id
            removed = self.store.delete_document(document_id)
            self.store.bump_generation()
            publish(self.store, self.settings)
        return removed
