"""The vector store: chunks with their vectors and metadata, and each document's full text.

Chroma, embedded (`PersistentClient` in the data dir) or a `chroma run` server (`HttpClient`).
We always pass our own vectors: Chroma's default embedding function downloads a model.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import pickle
import shutil
import sqlite3
import struct
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
from filelock import FileLock, Timeout

from rag.durable import fsync
from rag.errors import AQAError, ModelMismatch, NotFound, StoreBusy, StoreError, StoreUnavailable
from rag.models import Chunk, DocumentInfo
from rag.settings import Settings

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

_MODEL_KEY = "aqa_embedding_model"
_DIM_KEY = "aqa_dimension"
_GENERATION_ID = "__generation__"
_PAGE = 2000
# Copies of Chroma's per-collection vector index files (DATA_DIR/chroma-snapshots), taken after writes.
SNAPSHOTS = "chroma-snapshots"
_REBUILD_SUFFIX = "__rebuild"

log = logging.getLogger("aqa.store")

# Turns texts into vectors (an embedder's embed_documents): what a lost vector index is rebuilt with.
Embed = Callable[[Sequence[str]], list[list[float]]]


_READ_BATCH = 4096  # chunks whose vectors one request reads


def nearest_rows(embedding: Sequence[float], ids: Sequence[str], vectors: np.ndarray, n: int) -> list[tuple[str, float]]:
    """The n ids whose vectors are nearest the embedding (cosine of unit vectors), exactly, ties in
    the order given."""
    if not ids or n <= 0:
        return []
    sims = vectors @ np.asarray(embedding, dtype=np.float32)
    return [(ids[i], float(sims[i])) for i in np.argsort(-sims, kind="stable")[:n]]


class ChromaStore:
    def __init__(
        self, client: Any, prefix: str, model_name: str, dimension: int, lock_path: Path | None = None, *,
        local: LocalIndex | None = None, embed: Callable[[], Embed] | None = None,
    ) -> None:
        self._client = client
        self.prefix = prefix
        self.model_name = model_name
        self.dimension = dimension
        self.lock_path = lock_path
        self._held: FileLock | None = None
        self._holders = 0
        self._thread_lock = threading.Lock()
        # The embedded store's own files (None for a Chroma server): snapshots, checks, rebuilds.
        self.local = local
        self._embed = embed  # gives the function a lost chunk index is re-embedded with
        self.index_notes: list[str] = []  # what was restored or rebuilt on open, one line each
        self._write_failed = False
        self._depth = 0
        self._connect()

    @property
    def collection_names(self) -> list[str]:
        return [f"{self.prefix}_chunks", f"{self.prefix}_docs"]

    def _connect(self) -> None:
        self._chunks = _Reachable(self._open(f"{self.prefix}_chunks", self.model_name, self.dimension))
        self._docs = _Reachable(self._client.get_or_create_collection(f"{self.prefix}_docs", embedding_function=None))
        self._max_batch = int(getattr(self._client, "get_max_batch_size", lambda: 5000)() or 5000)

    def _open(self, name: str, model_name: str, dimension: int) -> Any:
        existing = {c.name if hasattr(c, "name") else c for c in self._client.list_collections()}
        if name in existing:
            col = self._client.get_collection(name, embedding_function=None)
            built_with = (col.metadata or {}).get(_MODEL_KEY)
            if built_with != model_name:
                raise ModelMismatch(
                    f"The store was built with embedding model {built_with!r}, not {model_name!r}. "
                    f"Use that model (AQA_EMBEDDING_MODEL) or a new AQA_DATA_DIR / AQA_COLLECTION, and re-ingest."
                )
            return col
        return self._client.create_collection(
            name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={_MODEL_KEY: model_name, _DIM_KEY: dimension},
        )

    # --- writing (callers hold `writing()`) -------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Exclusive write access. Embedded stores are not made for several writer processes."""
        if self.lock_path is None:
            yield
            return
        if self._held is not None:  # this process owns the store (a server): serialise its threads
            with self._thread_lock:
                yield
            return
        lock = self._acquire()
        try:
            yield
        finally:
            lock.release()

    def hold(self) -> None:
        """Own the store while this process serves it (an API server), so no other process writes to it.

        Counted: two apps over one store in one process (tests) each hold and release it.
        """
        if self.lock_path is None:
            return
        if self._held is None:
            self._held = self._acquire()
        self._holders += 1

    def release(self) -> None:
        if self._held is None:
            return
        self._holders -= 1
        if self._holders == 0:
            self._held.release()
            self._held = None

    def _acquire(self) -> FileLock:
        assert self.lock_path is not None
        lock = FileLock(str(self.lock_path))
        try:
            lock.acquire(timeout=0)
        except Timeout as e:
            raise StoreBusy(
                f"The store in {self.lock_path.parent} is busy: another process (an API server or an ingest) "
                "is writing to it. Upload through the API (POST /v1/documents) or try again when it is done."
            ) from e
        return lock

    @contextmanager
    def _storing(self, what: str) -> Iterator[None]:
        """One write. An embedded store first heals after an earlier failed write (a full disk can
        leave Chroma's index files half written), turns a failure into one line, and snapshots the
        vector index files after success."""
        outer = self._depth == 0
        self._depth += 1
        try:
            if outer and self._write_failed and self.local is not None:
                self._heal_after_failure()
            yield
        except AQAError:
            raise
        except Exception as e:
            if self.local is None:
                raise
            self._write_failed = True
            raise StoreError(
                f"Writing {what} to the store in {self.local.chroma_dir} failed ({_one_line(e)}); what was committed "
                "before stays. If the disk is full, free space; the next write or `aqa doctor --repair` mends the index."
            ) from e
        finally:
            self._depth -= 1
        if outer and self.local is not None:
            self.local.snapshot_all(self.collection_names)

    def upsert_chunks(self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]]) -> None:
        with self._storing("chunks"):
            self._upsert_chunks(chunks, embeddings)

    def _upsert_chunks(self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]]) -> None:
        for i in range(0, len(chunks), self._max_batch):
            part = chunks[i : i + self._max_batch]
            self._chunks.upsert(
                ids=[c.id for c in part],
                embeddings=[list(e) for e in embeddings[i : i + self._max_batch]],
                documents=[c.text for c in part],
                metadatas=[c.metadata() for c in part],
            )

    def delete_chunks(self, ids: Sequence[str]) -> None:
        with self._storing("chunk deletions"):
            for i in range(0, len(ids), self._max_batch):
                self._chunks.delete(ids=list(ids[i : i + self._max_batch]))

    def put_documents(self, docs: Sequence[tuple[DocumentInfo, str]]) -> None:
        """Document records (metadata and full text), in one write."""
        with self._storing("document records"):
            for i in range(0, len(docs), self._max_batch):
                part = docs[i : i + self._max_batch]
                self._docs.upsert(
                    ids=[info.id for info, _ in part], embeddings=[[1.0]] * len(part), documents=[text for _, text in part],
                    metadatas=[_meta(info) for info, _ in part],
                )

    def delete_document(self, document_id: str) -> int:
        """Remove a document and all its chunks; returns the number of chunks removed."""
        with self._storing("a deletion"):
            ids = self.chunk_ids_of(document_id)
            self.delete_chunks(ids)
            self._docs.delete(ids=[document_id])
        return len(ids)

    def delete_records(self, ids: Sequence[str]) -> None:
        """Drop document records (not their chunks), e.g. a record whose chunks are incomplete."""
        with self._storing("record deletions"):
            self._docs.delete(ids=list(ids))

    def bump_generation(self) -> None:
        """Tell every reader (other API workers too) that the chunk set changed."""
        with self._storing("the generation marker"):
            self._docs.upsert(
                ids=[_GENERATION_ID], embeddings=[[1.0]], documents=[uuid.uuid4().hex], metadatas=[{"kind": "generation"}]
            )

    # --- reading --------------------------------------------------------------------------------

    def generation(self) -> str:
        got = self._docs.get(ids=[_GENERATION_ID], include=["documents"])
        return got["documents"][0] if got["ids"] else ""

    def has_generation(self) -> bool:
        return bool(self._docs.get(ids=[_GENERATION_ID], include=[])["ids"])

    def chunk_ids_of(self, document_id: str) -> list[str]:
        return list(self._chunks.get(where={"document_id": document_id}, include=[])["ids"])

    def count(self) -> int:
        return int(self._chunks.count())

    def document(self, document_id: str) -> tuple[DocumentInfo, str]:
        got = self._docs.get(ids=[document_id], include=["documents", "metadatas"])
        if not got["ids"] or document_id == _GENERATION_ID:
            raise NotFound(f"No document with id {document_id!r}")
        return _info(got["ids"][0], got["metadatas"][0]), got["documents"][0]

    def find_document(self, document_id: str) -> DocumentInfo | None:
        got = self._docs.get(ids=[document_id], include=["metadatas"])
        return _info(got["ids"][0], got["metadatas"][0]) if got["ids"] else None

    def documents(self) -> list[DocumentInfo]:
        docs: list[DocumentInfo] = []
        offset = 0
        while True:  # in pages: one get of tens of thousands of records exceeds SQLite's variable limit
            got = self._docs.get(include=["metadatas"], limit=_PAGE, offset=offset)
            docs += [_info(i, m) for i, m in zip(got["ids"], got["metadatas"], strict=True) if i != _GENERATION_ID]
            if len(got["ids"]) < _PAGE:
                break
            offset += _PAGE
        return sorted(docs, key=lambda d: (d.authority, d.source))

    def all_chunks(self) -> Iterator[Chunk]:
        offset = 0
        while True:
            got = self._chunks.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                yield Chunk(id=cid, text=text, **meta)
            if len(got["ids"]) < _PAGE:
                return
            offset += _PAGE

    def get_chunks(self, ids: Sequence[str]) -> list[Chunk]:
        """The chunks with these ids that the store holds (in no particular order)."""
        if not ids:
            return []
        got = self._chunks.get(ids=list(ids), include=["documents", "metadatas"])
        return [Chunk(id=cid, text=text, **meta) for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)]

    def nearest(self, embedding: Sequence[float], n: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Ids of the nearest chunks (HNSW) with their cosine similarity; n at most the chunk count."""
        if n <= 0:
            return []
        got = self._chunks.query(query_embeddings=[list(embedding)], n_results=n, where=where or None, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0], strict=True)]

    def vectors(self, ids: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """The chunks' ids (as the store returns them) and their vectors, one row each."""
        if not ids:
            return [], np.zeros((0, 0), dtype=np.float32)
        out_ids: list[str] = []
        parts: list[np.ndarray] = []
        ids = list(ids)
        for start in range(0, len(ids), _READ_BATCH):  # (a server takes a request of bounded size)
            got = self._chunks.get(ids=ids[start : start + _READ_BATCH], include=["embeddings"])
            if got["ids"]:  # (none of a batch may be in the store: chunks an index lists but the store lost)
                out_ids += list(got["ids"])
                parts.append(np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), -1))
        return out_ids, np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)

    def nearest_among(self, embedding: Sequence[float], ids: Sequence[str], n: int) -> list[tuple[str, float]]:
        """Exact nearest chunks among the given ids. For a filter that leaves few chunks this is
        much faster than a filtered HNSW query (Chroma pre-filters through its metadata tables)."""
        if not ids or n <= 0:
            return []
        return nearest_rows(embedding, *self.vectors(ids), n)

    # --- the embedded vector index: checks, restores, rebuilds -------------------------------------

    def index_problems(self, probe: bool = True) -> dict[str, str]:
        """{collection: what is wrong with its vector index}. Its files (a half-written or empty
        index_metadata.pickle, truncated vectors), an unfinished rebuild, and with `probe` a read of
        every vector. Empty for a Chroma server (its own business) and for a sound index."""
        if self.local is None:
            return {}
        found = self.local.problems(self.collection_names)
        if probe:
            for name in self.collection_names:
                if name in found:
                    continue
                try:
                    self._read_all(name, embeddings=True, raw=True)
                except Exception as e:  # noqa: BLE001 - whatever Chroma raises for a broken index
                    found[name] = f"reading its vectors fails: {_one_line(e)}"
        return found

    def repair_index(self, problems: dict[str, str]) -> dict[str, str]:
        """Mend the collections named in `problems` (callers hold `writing()`): restore the index
        files from their snapshot when it matches the store, else rebuild the collection.
        {collection: one line saying what was done}."""
        if self.local is None or not problems:
            return {}
        notes: dict[str, str] = {}
        segments = {seg.collection: seg for seg in self.local.segments()}
        _evict(self.local.chroma_dir)  # Chroma must read the files again, not its cached index
        rebuild = []
        for name, problem in problems.items():
            seg = segments.get(name)
            taken = self.local.restore(seg) if seg is not None and not self.local.marked(name) else None
            if taken:
                notes[name] = _note(f"restored the vector index of {name} from its snapshot of {taken} ({problem})")
            else:
                rebuild.append((name, problem))
        self._reconnect()
        for name, problem in rebuild:
            notes[name] = self._rebuild(name, problem)
        self.index_notes.extend(notes.values())
        self._write_failed = False
        return notes

    def _heal_after_failure(self) -> None:
        """After a failed write (a full disk), before the next one: Chroma keeps the index in memory
        and would write only what changed over the half-written files, so a damaged collection is
        copied (from memory) into a fresh one, written in full."""
        assert self.local is not None
        damaged = self.local.problems(self.collection_names)
        for name, problem in damaged.items():
            self.index_notes.append(self._rebuild(name, problem))
        self._write_failed = False

    def _reconnect(self) -> None:
        assert self.local is not None
        import chromadb

        _evict(self.local.chroma_dir)
        self._client = chromadb.PersistentClient(path=str(self.local.chroma_dir))
        self._connect()

    def _rebuild(self, name: str, problem: str) -> str:
        """Copy collection `name` into a fresh collection (a new vector index, written in full) and
        give it the old name. The vectors come from the collection when it can still give them,
        else the damaged index is set aside and they are made again: the document records' are
        constant, the chunks' are embedded again from their stored text."""
        assert self.local is not None
        local = self.local
        local.mark(name, problem)  # an interrupted rebuild is taken up again on the next open
        try:
            rows = self._read_all(name, embeddings=True, raw=True)
            how = "from its stored vectors"
        except Exception:  # noqa: BLE001 - the index cannot give its vectors: set it aside
            seg = next((s for s in local.segments() if s.collection == name), None)
            _evict(local.chroma_dir)
            if seg is not None:
                local.set_aside(seg)
            self._reconnect()
            rows = self._read_all(name, embeddings=False, raw=True)
            rows["embeddings"] = self._vectors_for(name, rows)
            how = "by embedding the chunks' stored text again" if name.endswith("_chunks") else "from the stored records"
        old_segment = next((s.id for s in local.segments() if s.collection == name), None)
        self._copy_into_fresh(name, rows)
        local.unmark(name)
        local.forget(old_segment)
        self._connect()
        local.snapshot_all(self.collection_names)  # the new index's first snapshot
        return _note(f"rebuilt the vector index of {name} ({len(rows['ids'])} records) {how}: it was damaged ({problem})")

    def _collection(self, name: str) -> Any:
        return self._client.get_collection(name, embedding_function=None)

    def _read_all(self, name: str, *, embeddings: bool, raw: bool = False) -> dict[str, list[Any]]:
        col = self._collection(name)
        include = ["documents", "metadatas", *(["embeddings"] if embeddings else [])]
        rows: dict[str, list[Any]] = {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
        offset = 0
        while True:
            got = col.get(include=include, limit=_PAGE, offset=offset)
            rows["ids"] += got["ids"]
            rows["documents"] += got["documents"]
            rows["metadatas"] += got["metadatas"]
            if embeddings:
                rows["embeddings"] += [list(map(float, e)) for e in got["embeddings"]]
            if len(got["ids"]) < _PAGE:
                return rows
            offset += _PAGE

    def _vectors_for(self, name: str, rows: dict[str, list[Any]]) -> list[list[float]]:
        if not name.endswith("_chunks"):
            return [[1.0]] * len(rows["ids"])  # document records carry a constant vector
        if self._embed is None:
            raise StoreError(f"The vector index of {name} must be rebuilt by embedding its chunks again, and no embedder is at hand.")
        embed = self._embed()
        texts = [Chunk(id=cid, text=text, **(meta or {})).embedding_text()
                 for cid, text, meta in zip(rows["ids"], rows["documents"], rows["metadatas"], strict=True)]
        return [list(map(float, v)) for v in embed(texts)] if texts else []

    def _copy_into_fresh(self, name: str, rows: dict[str, list[Any]]) -> None:
        tmp = name + _REBUILD_SUFFIX
        existing = {c.name if hasattr(c, "name") else c for c in self._client.list_collections()}
        if tmp in existing:
            self._client.delete_collection(tmp)
        old = self._collection(name)
        space = ((getattr(old, "configuration_json", None) or {}).get("hnsw") or {}).get("space")
        fresh = self._client.create_collection(
            tmp, embedding_function=None, configuration={"hnsw": {"space": space}} if space else None, metadata=old.metadata or None,
        )
        n = len(rows["ids"])
        for i in range(0, n, self._max_batch):
            j = i + self._max_batch
            fresh.add(ids=rows["ids"][i:j], embeddings=rows["embeddings"][i:j], documents=rows["documents"][i:j],
                      metadatas=[m or None for m in rows["metadatas"][i:j]])
        if fresh.count() != n:
            raise StoreError(f"Rebuilding {name}: the copy holds {fresh.count()} records, not {n}; the old collection is kept.")
        self._client.delete_collection(name)
        fresh.modify(name=name)

    def index_bytes(self) -> int:
        """Bytes of this store's vector index files (what a snapshot of them takes); 0 for a server."""
        return self.local.index_bytes(self.collection_names) if self.local is not None else 0


class _Reachable:
    """A Chroma collection whose connection failures (a Chroma server down or restarting) are
    `StoreUnavailable`: a 503 to retry, not an internal error."""

    def __init__(self, collection: Any) -> None:
        self._collection = collection

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._collection, name)
        if not callable(attr):
            return attr

        @functools.wraps(attr)
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return attr(*args, **kwargs)
            except _connection_errors() as e:
                raise StoreUnavailable(f"The document store is not reachable just now ({type(e).__name__}); retry shortly.") from e

        return call


@functools.cache
def _connection_errors() -> tuple[type[BaseException], ...]:
    import httpx  # what chromadb's HttpClient speaks through

    return (httpx.TransportError, ConnectionError)


def _meta(info: DocumentInfo) -> dict[str, Any]:
    meta = info.model_dump(exclude={"id", "quality_statements", "scores", "warnings"})
    meta["quality_statements"] = "\n".join(info.quality_statements)
    meta["warnings"] = "\n".join(info.warnings)
    meta["scores"] = "\n".join(f"{k}={v}" for k, v in info.scores.items())
    return meta


def _info(doc_id: str, meta: dict[str, Any]) -> DocumentInfo:
    meta = dict(meta)
    statements = [s for s in str(meta.pop("quality_statements", "")).split("\n") if s]
    warnings = [w for w in str(meta.pop("warnings", "")).split("\n") if w]
    scores = {}
    for line in str(meta.pop("scores", "")).split("\n"):
        if "=" in line:
            k, v = line.rsplit("=", 1)
            scores[k] = int(v)
    meta.pop("kind", None)
    return DocumentInfo(id=doc_id, quality_statements=statements, scores=scores, warnings=warnings, **meta)


# --- the embedded store's files ----------------------------------------------------------------------
#
# Chroma (1.x, embedded) keeps each collection's HNSW vector index in a folder named after the
# collection's VECTOR segment: header.bin, data_level0.bin, length.bin, link_lists.bin and
# index_metadata.pickle (the id <-> label maps). They are rewritten in place every ~1000 records
# (`sync_threshold`), and the segment's row in chroma.sqlite3's `max_seq_id` table says up to which
# write they hold; newer writes stay in sqlite's log (`embeddings_queue`) and are replayed on open.
# A full disk can leave these files half written (a 0-byte or truncated index_metadata.pickle) and
# then every read of the collection fails. A copy of the folder taken at the same `max_seq_id` is
# an exact replacement: Chroma replays the log from there.

_HEADER_BYTES = 100
_INDEX_FILES = ("header.bin", "data_level0.bin", "length.bin", "link_lists.bin", "index_metadata.pickle")


@dataclass(frozen=True)
class Segment:
    id: str
    collection: str
    seq: int | None  # the write the index files hold (None: never written)


class LocalIndex:
    """The vector index files of an embedded store, their snapshots, and rebuild marks."""

    def __init__(self, chroma_dir: Path, snapshots: Path) -> None:
        self.chroma_dir = chroma_dir
        self.snapshots = snapshots

    # reading Chroma's own records (read-only)

    def segments(self) -> list[Segment]:
        db = self.chroma_dir / "chroma.sqlite3"
        if not db.exists():
            return []
        try:
            rows, seqs = _read_segments(db, "ro")
        except sqlite3.OperationalError:  # a hot journal (a write cut off by a full disk) needs rolling back first
            rows, seqs = _read_segments(db, "rw")
        return [Segment(str(sid), str(name), _seq(seqs.get(sid))) for sid, name in rows]

    def problem(self, seg: Segment) -> str | None:
        return index_problem(self.chroma_dir / seg.id, seg.seq)

    def problems(self, names: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for seg in self.segments():
            if seg.collection in names and (p := self.problem(seg)):
                found[seg.collection] = p
        for name in names:
            if name not in found and self.marked(name):
                found[name] = f"a rebuild is pending: {self.why(name)}"
        return found

    def index_bytes(self, names: Sequence[str]) -> int:
        total = 0
        for seg in self.segments():
            folder = self.chroma_dir / seg.id
            if seg.collection in names and folder.is_dir():
                total += sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
        return total

    # snapshots

    def snapshot_all(self, names: Sequence[str]) -> None:
        """After a successful write: copy each changed, sound index folder. Never fails the write."""
        try:
            for seg in self.segments():
                if seg.collection in names:
                    self.snapshot(seg)
        except Exception as e:  # noqa: BLE001 - a snapshot is a safety net, not the write itself
            log.warning("could not snapshot the vector index in %s: %s", self.chroma_dir, _one_line(e))

    def snapshot(self, seg: Segment) -> bool:
        src = self.chroma_dir / seg.id
        if seg.seq is None or not src.is_dir():
            return False  # nothing written yet
        files = _stats(src)
        final = self.snapshots / seg.id
        current = _manifest(final)
        if current and current.get("seq") == seg.seq and current.get("files") == files:
            return False  # unchanged since the last snapshot
        if index_problem(src, seg.seq):
            return False  # not sound: keep the last good snapshot
        tmp = self.snapshots / f"{seg.id}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        try:
            for name in files:
                shutil.copyfile(src / name, tmp / name)
                fsync(tmp / name)
            if _stats(src) != files or _seq_of(self, seg.id) != seg.seq:
                shutil.rmtree(tmp, ignore_errors=True)  # written meanwhile: the next write takes one
                return False
            manifest = {"segment": seg.id, "collection": seg.collection, "seq": seg.seq, "files": files,
                        "taken": time.strftime("%Y-%m-%d %H:%M:%S")}
            (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
            fsync(tmp / "manifest.json")
            fsync(tmp)
            old = self.snapshots / f"{seg.id}.old"
            shutil.rmtree(old, ignore_errors=True)
            if final.exists():
                final.rename(old)
            tmp.rename(final)
            fsync(self.snapshots)
            shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return True

    def restore(self, seg: Segment) -> str | None:
        """Put back the snapshot taken at the write the store records for this index (so the log
        replays the rest); when it was taken, or None when no snapshot matches."""
        for candidate in (self.snapshots / seg.id, self.snapshots / f"{seg.id}.old"):
            m = _manifest(candidate)
            if not m or m.get("seq") != seg.seq or seg.seq is None:
                continue
            files = dict(m.get("files") or {})
            if any(not (candidate / n).is_file() or (candidate / n).stat().st_size != st[0] for n, st in files.items()):
                continue
            if index_problem(candidate, seg.seq):
                continue
            dest = self.chroma_dir / seg.id
            dest.mkdir(parents=True, exist_ok=True)
            for name in files:
                part = dest / f".{name}.restoring"
                shutil.copyfile(candidate / name, part)
                fsync(part)
                os.replace(part, dest / name)
            for f in dest.iterdir():
                if f.is_file() and f.name not in files:
                    f.unlink()
            fsync(dest)
            return str(m.get("taken", "?"))
        return None

    # rebuilds

    def _mark(self, name: str) -> Path:
        return self.snapshots / f"REBUILD-{name}"

    def mark(self, name: str, problem: str) -> None:
        """Record that `name` must be rebuilt, and why (until the rebuild is done)."""
        self.snapshots.mkdir(parents=True, exist_ok=True)
        if not self.marked(name):
            self._mark(name).write_text(problem, encoding="utf-8")
            fsync(self._mark(name))

    def why(self, name: str) -> str:
        try:
            return self._mark(name).read_text(encoding="utf-8").strip() or "an earlier rebuild did not finish"
        except OSError:
            return "an earlier rebuild did not finish"

    def unmark(self, name: str) -> None:
        self._mark(name).unlink(missing_ok=True)

    def marked(self, name: str) -> bool:
        return self._mark(name).exists()

    def set_aside(self, seg: Segment) -> None:
        """Move a damaged index folder out of Chroma's way (Chroma reads the records without it)."""
        folder = self.chroma_dir / seg.id
        if folder.is_dir():
            aside = self.snapshots / "damaged" / f"{seg.id}-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
            aside.parent.mkdir(parents=True, exist_ok=True)
            folder.rename(aside)

    def forget(self, segment_id: str | None) -> None:
        """After a rebuild: the old index's folder, snapshot and set-aside copies."""
        if not segment_id:
            return
        for path in (self.chroma_dir / segment_id, self.snapshots / segment_id, self.snapshots / f"{segment_id}.old"):
            shutil.rmtree(path, ignore_errors=True)
        for aside in (self.snapshots / "damaged").glob(f"{segment_id}-*"):
            shutil.rmtree(aside, ignore_errors=True)
        with contextlib.suppress(OSError):
            (self.snapshots / "damaged").rmdir()  # when empty

    def heal_files(self, names: Sequence[str]) -> tuple[list[str], dict[str, str]]:
        """On open, before Chroma reads anything: restore each damaged index from its snapshot, or
        set it aside and mark its collection for a rebuild. (notes, {collection to rebuild: why})."""
        notes: list[str] = []
        evicted = False
        for seg in self.segments():
            if seg.collection not in names or not (problem := self.problem(seg)):
                continue
            if not evicted:
                _evict(self.chroma_dir)
                evicted = True
            taken = self.restore(seg)
            if taken:
                notes.append(_note(f"restored the vector index of {seg.collection} from its snapshot of {taken} ({problem})"))
            else:
                self.mark(seg.collection, problem)
                self.set_aside(seg)
        return notes, {name: self.why(name) for name in names if self.marked(name)}


def index_problem(folder: Path, seq: int | None) -> str | None:
    """What is wrong with one HNSW index folder, or None when it is sound (or was never written)."""
    if not folder.is_dir():
        return "its index folder is missing" if seq else None
    sizes = {n: (folder / n).stat().st_size for n in _INDEX_FILES if (folder / n).is_file()}
    if not sizes:
        return "its index files are missing" if seq else None
    for name in _INDEX_FILES[:4]:
        if name not in sizes:
            return f"{name} is missing"
    header = (folder / "header.bin").read_bytes()
    if len(header) < _HEADER_BYTES:
        return f"header.bin has {len(header)} bytes, not {_HEADER_BYTES}"
    _, capacity, count, per_element, _, _ = struct.unpack_from("<6Q", header, 4)
    if per_element == 0 or count > capacity:
        return "header.bin is not an index header"
    data = sizes["data_level0.bin"]
    if data % per_element or data // per_element < count:
        return f"data_level0.bin is truncated ({data} bytes for {count} vectors of {per_element})"
    if sizes["length.bin"] != 4 * (data // per_element):
        return f"length.bin is truncated ({sizes['length.bin']} bytes)"
    if "index_metadata.pickle" not in sizes:
        return "index_metadata.pickle is missing" if count else None
    if sizes["index_metadata.pickle"] == 0:
        return "index_metadata.pickle is empty (0 bytes)"
    try:
        with open(folder / "index_metadata.pickle", "rb") as f:
            meta = _PlainUnpickler(f).load()
        labels = meta["id_to_label"]
        if not isinstance(labels, dict) or len(labels) > count:
            return "index_metadata.pickle does not match the index"
    except Exception as e:  # noqa: BLE001 - truncated, garbage, or not Chroma's
        return f"index_metadata.pickle is damaged ({_one_line(e)})"
    return None


class _PlainUnpickler(pickle.Unpickler):
    """Chroma's index metadata is plain dicts, strings and numbers: nothing else is loaded."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"unexpected {module}.{name}")


def _read_segments(db: Path, mode: str) -> tuple[list[tuple[Any, Any]], dict[Any, Any]]:
    """Chroma's VECTOR segments (id, collection name) and each segment's max_seq_id."""
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode={mode}", uri=True, timeout=10)
    try:
        rows = con.execute(
            "SELECT s.id, c.name FROM segments s JOIN collections c ON s.collection = c.id WHERE s.scope = 'VECTOR'"
        ).fetchall()
        return rows, dict(con.execute("SELECT segment_id, seq_id FROM max_seq_id").fetchall())
    finally:
        con.close()


def _seq(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return int.from_bytes(value, "big")
    return int(value)


def _seq_of(local: LocalIndex, segment_id: str) -> int | None:
    return next((s.seq for s in local.segments() if s.id == segment_id), None)


def _stats(folder: Path) -> dict[str, list[int]]:
    return {f.name: [st.st_size, st.st_mtime_ns] for f in sorted(folder.iterdir()) if f.is_file() and (st := f.stat())}


def _manifest(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _evict(chroma_dir: Path) -> None:
    """Drop chromadb's cached client system for this path, so the next client reads the files again."""
    from chromadb.api.shared_system_client import SharedSystemClient

    key = str(chroma_dir)
    system = SharedSystemClient._identifier_to_system.pop(key, None)
    getattr(SharedSystemClient, "_identifier_to_refcount", {}).pop(key, None)
    if system is not None:
        with contextlib.suppress(Exception):  # it is being dropped anyway
            system.stop()


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def _note(line: str) -> str:
    log.warning(line)
    return line


def _finish_rebuilds(client: Any, names: Sequence[str], local: LocalIndex) -> list[str]:
    """A rebuild killed between dropping the old collection and renaming the copy: finish it. A
    copy left beside its (still present) original is dropped; the mark makes the rebuild run again."""
    existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
    notes = []
    for name in names:
        tmp = name + _REBUILD_SUFFIX
        if tmp not in existing:
            continue
        if name in existing:
            client.delete_collection(tmp)
        else:
            client.get_collection(tmp, embedding_function=None).modify(name=name)
            local.unmark(name)
            notes.append(_note(f"finished an interrupted rebuild of {name}"))
    return notes


def _embedder_for(settings: Settings, model_name: str) -> Embed:
    """The embedding function of the model the store was built with (only to rebuild a lost index)."""
    from rag.embeddings import backend_of, build_embedder

    backend = backend_of(model_name, settings)
    if backend is None:
        raise StoreError(f"Rebuilding the vector index needs the embedding model {model_name!r}, which AQA_EMBEDDING_MODEL does not give.")
    return build_embedder(settings, backend).embed_documents


def open_store(
    settings: Settings, model_name: str, dimension: int, *, embed: Embed | None = None, repair: bool = True,
) -> ChromaStore:
    """The store. Embedded: a damaged vector index (a full disk) is restored from its snapshot on
    open, else rebuilt (re-embedding with `embed`, or the store's own model), saying so in one line;
    `repair=False` (`aqa doctor` without --repair) leaves it as it is. Skipped while another process
    holds the write lock: it owns the store."""
    import chromadb

    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            client = chromadb.HttpClient(
                host=url.hostname or "localhost",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
            )
            client.heartbeat()
            return ChromaStore(client, settings.collection, model_name, dimension)
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        lock_path = settings.data_dir / ".write.lock"
        local = LocalIndex(settings.chroma_dir, settings.data_dir / SNAPSHOTS)
        names = [f"{settings.collection}_chunks", f"{settings.collection}_docs"]
        lock = _try_lock(lock_path) if repair else None
        try:
            notes, rebuild = local.heal_files(names) if lock else ([], {})
            client = chromadb.PersistentClient(path=str(settings.chroma_dir))
            if lock:
                notes += _finish_rebuilds(client, names, local)
                rebuild = {name: why for name, why in rebuild.items() if local.marked(name)}
            store = ChromaStore(
                client, settings.collection, model_name, dimension, lock_path=lock_path, local=local,
                embed=(lambda: embed) if embed is not None else (lambda: _embedder_for(settings, model_name)),
            )
            store.index_notes = notes
            for name, problem in rebuild.items():
                store.index_notes.append(store._rebuild(name, problem))
        finally:
            if lock:
                lock.release()
    except (ModelMismatch, StoreError):
        raise
    except Exception as e:
        where = settings.chroma_url or settings.chroma_dir
        raise StoreError(f"Cannot open the Chroma store at {where}: {_one_line(e)}") from e
    return store


def _try_lock(path: Path) -> FileLock | None:
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return None
    return lock
