"""The lexical index and the catalog of one store generation, saved as files beside the store
(`AQA_INDEX_DIR`, default DATA_DIR/lexical/<generation>/) so that API workers map them instead of
each reading every chunk.

The writer (ingest, upload, delete, `aqa doctor --repair`) builds them once after it bumps the
generation. When they are missing (a store written before they existed, or a writer without the
shared path), the first reader builds them under a file lock; the others wait on it and map them.
A generation's folder is written under a temporary name and renamed: it is complete or absent.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from filelock import FileLock

from rag.catalog import Catalog, CatalogParts
from rag.durable import fsync
from rag.gazetteer import Gazetteer
from rag.lexical import LexicalIndex
from rag.models import Chunk, DocumentInfo
from rag.settings import Settings
from rag.text import TOKENS

log = logging.getLogger("aqa.index")

FORMAT = 2  # 2: the catalog holds each authority's publication dates
# A generation's folder is named for the file format and the tokenizer (rag.text.TOKENS): a new
# version of either finds no folder of its own and builds one, never mapping tokens it would not make.
VERSION = f"v{FORMAT}.{TOKENS}"
KEEP = 3  # generations kept: a worker still mapping an older one keeps reading it meanwhile
_TMP = ".tmp-"
_DONE = "meta.json"  # written last inside the folder


class ChunkSource(Protocol):
    def generation(self) -> str: ...
    def documents(self) -> list[DocumentInfo]: ...
    def all_chunks(self) -> Iterator[Chunk]: ...


def committed_chunks(store: ChunkSource) -> Iterator[Chunk]:
    """Only chunks whose document record exists: an ingest killed before its commit mark left
    orphans that are never searched or cited."""
    committed = {d.id for d in store.documents()}
    return (c for c in store.all_chunks() if c.document_id in committed)


@dataclass
class Built:
    lexical: LexicalIndex
    catalog: Catalog


def build(chunks: Iterator[Chunk], gazetteer: Gazetteer | None = None, generation: str | None = None) -> Built:
    parts = CatalogParts()

    def counted() -> Iterator[Chunk]:
        for c in chunks:
            parts.add(c)
            yield c

    lexical = LexicalIndex.build(counted())
    return Built(lexical, parts.catalog(gazetteer, generation))


class IndexFiles:
    def __init__(self, root: Path, keep: int = KEEP) -> None:
        self.root = root
        self.keep = keep

    @classmethod
    def of(cls, settings: Settings) -> IndexFiles:
        return cls(settings.lexical_dir)

    def folder(self, generation: str) -> Path:
        return self.root / f"{generation}.{VERSION}"

    def exists(self, generation: str) -> bool:
        return (self.folder(generation) / _DONE).is_file()

    def lock(self) -> FileLock:
        self.root.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.root / ".build.lock"))

    def ensure(self, store: ChunkSource, generation: str) -> Path:
        """The folder of `generation`, built from the store's committed chunks if it is missing:
        by exactly one process at a time (the others wait on the lock, then find it built)."""
        if self.exists(generation):
            return self.folder(generation)
        with self.lock():
            if not self.exists(generation):
                started = time.perf_counter()
                self._write(generation, build(committed_chunks(store)))
                log.info("built the lexical index of generation %s in %.1f s", generation[:8], time.perf_counter() - started)
                self._prune(self.folder(generation).name)
        return self.folder(generation)

    def open(self, generation: str) -> Built:
        folder = self.folder(generation)
        data = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
        return Built(LexicalIndex.load(folder / "lexical"), Catalog.load(data, generation=generation))

    def _write(self, generation: str, built: Built) -> None:
        tmp = self.root / f"{_TMP}{generation}-{uuid.uuid4().hex[:8]}"
        try:
            built.lexical.save(tmp / "lexical")
            (tmp / "catalog.json").write_text(json.dumps(built.catalog.dump()), encoding="utf-8")
            meta = {"format": FORMAT, "tokens": TOKENS, "generation": generation, "chunks": len(built.lexical),
                    "built": time.strftime("%Y-%m-%d %H:%M:%S")}
            (tmp / _DONE).write_text(json.dumps(meta), encoding="utf-8")
            for path in sorted(tmp.rglob("*"), reverse=True):
                fsync(path)
            shutil.rmtree(self.folder(generation), ignore_errors=True)  # an incomplete one (no meta.json)
            os.replace(tmp, self.folder(generation))
            fsync(self.root)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _prune(self, current: str) -> None:
        """Under the lock: drop unfinished temporary folders and all but the newest `keep`
        generations. A worker mapping a dropped one keeps its open files (POSIX unlink semantics)."""
        done = []
        for path in self.root.iterdir():
            if path.name.startswith(_TMP):
                shutil.rmtree(path, ignore_errors=True)
            elif path.is_dir() and path.name != current:
                done.append(path)
        done.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for path in done[max(self.keep - 1, 0):]:
            shutil.rmtree(path, ignore_errors=True)


def publish(store: ChunkSource, settings: Settings) -> None:
    """After a writer bumps the generation: build its files now, so no worker has to."""
    IndexFiles.of(settings).ensure(store, store.generation())
