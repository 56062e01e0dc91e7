"""`aqa doctor`: find, and with `repair`, fix what a killed ingest or a full disk leaves behind.

- chunks without a document record (an ingest killed before its commit mark): deleted;
- document records whose chunks are missing or incomplete: the record and its chunks are dropped,
  so the next ingest of that source does the document again (the line names the source);
- a damaged vector index (half-written Chroma files): restored from its snapshot, else rebuilt;
- a missing generation marker (servers would not notice changes): written.

After a repair the chunk count is the sum of the documents' chunk counts (what `/readyz` and
`GET /v1/documents` report). `startup_lines(store)` is the same check (changing nothing) for a server's start-up log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.models import Chunk, DocumentInfo
from rag.settings import Settings
from rag.store import ChromaStore


@dataclass
class Finding:
    kind: str  # index, orphan_chunks, incomplete_document, generation, unreadable
    message: str
    repaired: str = ""  # what was done about it ("" when nothing was)

    def line(self) -> str:
        return f"{self.kind}: {self.message}" + (f" -> {self.repaired}" if self.repaired else "")


@dataclass
class Checkup:
    findings: list[Finding] = field(default_factory=list)
    documents: int = 0
    chunks: int = 0
    recorded_chunks: int = 0  # the sum of the documents' chunk counts
    repair: bool = False

    @property
    def healthy(self) -> bool:
        return not self.findings

    @property
    def unrepaired(self) -> list[Finding]:
        return [f for f in self.findings if not f.repaired]

    def lines(self) -> list[str]:
        return [f.line() for f in self.findings]

    def summary(self) -> str:
        state = (f"{self.documents} document{'s' if self.documents != 1 else ''}, {self.chunks} chunks "
                 f"(the documents' records count {self.recorded_chunks})")
        if self.healthy:
            return f"healthy: {state}"
        n = len(self.findings)
        fixed = n - len(self.unrepaired)
        problems = f"{n} problem{'s' if n != 1 else ''} found"
        if self.repair:
            return f"{problems}, {fixed} repaired: {state}"
        return f"{problems}: {state}; run `aqa doctor --repair` to fix them"


def examine(store: ChromaStore, *, repair: bool = False, probe: bool = True) -> Checkup:
    """Check the store (and fix it with `repair`; the caller need not hold the write lock: it is
    taken here). `probe` reads every vector to find a damaged index the files do not show."""
    report = Checkup(repair=repair)
    # What opening the store already mended (a server opens with repair on), reported once.
    report.findings += [Finding("index", note, "done on open") for note in store.index_notes]
    store.index_notes = []
    if repair:
        with store.writing():
            _check(store, report, repair=True, probe=probe)
    else:
        _check(store, report, repair=False, probe=probe)
    return report


def _check(store: ChromaStore, report: Checkup, *, repair: bool, probe: bool) -> None:
    changed = False
    problems = store.index_problems(probe=probe)
    if problems:
        done = store.repair_index(problems) if repair else {}
        changed = bool(done)
        report.findings += [Finding("index", f"the vector index of {name} is damaged: {why}", done.get(name, ""))
                            for name, why in problems.items()]
    try:
        docs = store.documents()
        owners: dict[str, list[Chunk]] = {}
        for chunk in store.all_chunks():
            owners.setdefault(chunk.document_id, []).append(chunk)
        has_generation = store.has_generation()
    except Exception as e:  # noqa: BLE001 - a damaged index makes every read fail
        report.findings.append(Finding("unreadable", f"the store cannot be read ({' '.join(str(e).split())[:300]})"))
        return
    known = {d.id for d in docs}
    for doc_id, chunks in sorted(owners.items()):
        if doc_id in known:
            continue
        n = len(chunks)
        finding = Finding("orphan_chunks", f"{n} chunk{'s' if n != 1 else ''} of {chunks[0].source or doc_id} (document {doc_id}) "
                                           "have no document record (an ingest stopped before its commit)")
        if repair:
            store.delete_chunks([c.id for c in chunks])
            finding.repaired = "deleted"
            changed = True
        report.findings.append(finding)
    for info in docs:
        problem = _incomplete(store, info, owners.get(info.id, []))
        if problem is None:
            continue
        finding = Finding("incomplete_document", f"{info.source} (document {info.id}): {problem}")
        if repair:
            store.delete_document(info.id)  # its chunks, then the record: the next ingest redoes it
            finding.repaired = f"record dropped: ingest {info.source} again"
            changed = True
        report.findings.append(finding)
    if (docs or owners) and not has_generation:
        finding = Finding("generation", "the generation marker is missing (running servers would not see changes)")
        if repair:
            finding.repaired = "written"
            changed = True
        report.findings.append(finding)
    if changed:
        store.bump_generation()  # every server rebuilds its indexes from what is left
        docs = store.documents()
    report.documents = len(docs)
    report.chunks = store.count()
    report.recorded_chunks = sum(d.chunks for d in docs)


def _incomplete(store: ChromaStore, info: DocumentInfo, chunks: list[Chunk]) -> str | None:
    """Why a document's chunks do not match its record: too few or too many (an ingest stopped
    between writing a new version's chunks and its record), or not slices of its stored text."""
    if len(chunks) != info.chunks:
        return f"its record says {info.chunks} chunks, the store has {len(chunks) or 'none'}"
    _, text = store.document(info.id)
    off = sum(text[c.start : c.end] != c.text for c in chunks)
    if off:
        return f"{off} of its {len(chunks)} chunks are not slices of its stored text (a new version's, not committed)"
    return None


def run(settings: Settings, model_name: str, *, repair: bool = False) -> Checkup:
    """Open the store as it is (no repair on open: without `repair` nothing is changed) and check it.
    `model_name`: the embedding model the store records; a rebuild loads it only when needed."""
    from rag.index_files import publish
    from rag.store import open_store

    store = open_store(settings, model_name, 0, repair=False)
    report = examine(store, repair=repair)
    if repair and store.generation():
        publish(store, settings)  # the repaired generation's index, built once here, not by each server
    return report


def startup_lines(store: ChromaStore, indexed: int | None = None) -> list[str]:
    """For a server's start-up log: what opening the store mended, what `aqa doctor` would report
    (nothing is changed here), and the summary line. Cheap at any size while the store is whole:
    the full check, which reads every chunk and vector, runs only when the chunk count differs from
    the committed chunks (`indexed`: those the current generation's saved index holds; else what
    the documents' records count), the generation marker is missing, or the index files or opening
    the store show damage. A worker at 1M chunks must be ready in seconds."""
    files_sound = not store.index_notes and not store.index_problems(probe=False)
    if indexed is not None:
        if files_sound and store.has_generation() and store.count() == indexed:
            return [f"healthy: {indexed} chunks, every one committed and searchable"]
    else:
        docs = store.documents()
        quick = Checkup(documents=len(docs), chunks=store.count(), recorded_chunks=sum(d.chunks for d in docs))
        # An empty store may have no generation marker yet: nothing was ever written.
        if files_sound and (store.has_generation() or not docs) and quick.chunks == quick.recorded_chunks:
            return [quick.summary()]
    report = examine(store)
    return [*report.lines(), report.summary()]
