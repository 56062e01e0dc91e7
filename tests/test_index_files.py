"""Issue 14.3, stateless workers: the writer saves each store generation's lexical index and
catalog beside the store; workers map them and switch when the generation changes. Search finds
exactly what an in-memory build finds; orphan chunks are never searched; missing files are built
once, under a lock, by one of the processes that want them."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT

from ingest.pipeline import Ingestor
from rag.gazetteer import load_gazetteer
from rag.index_files import IndexFiles, build, committed_chunks
from rag.lexical import LexicalIndex
from rag.models import Chunk
from rag.retrieval import Retriever
from rag.settings import Settings
from rag.testing import HashEmbedder, MemoryStore
from tests.servers import free_port, running

EMBEDDER = HashEmbedder()
BIN = Path(sys.executable).parent


def ingested(tmp_path: Path, *names: str) -> tuple[MemoryStore, Settings]:
    store, settings = MemoryStore(EMBEDDER.name), Settings(data_dir=tmp_path, _env_file=None, embedding_backend="hash")
    report = Ingestor(settings, EMBEDDER, store, load_gazetteer()).ingest([str(EXAMPLES / n) for n in names])
    assert not report.failures
    return store, settings


def in_memory(store, settings: Settings, embedder=EMBEDDER) -> Retriever:  # noqa: ANN001
    """A retriever over an index built in this process from the store's chunks (no files)."""
    r = Retriever(store, embedder, load_gazetteer(), settings)
    r.switch(build(committed_chunks(store)), store.generation())
    return r


def eval_questions() -> list[str]:
    lines = (ROOT / "evals" / "cqc.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


FILTERS = [{}, {"k": 10}, {"statements": ["safeguarding"], "k": 8}, {"authorities": ["Wirral"], "k": 5}]


@pytest.mark.integration
def test_the_mapped_index_finds_exactly_what_an_in_memory_build_finds(loaded):
    mapped, memory = loaded.retriever, in_memory(loaded.store, loaded.settings, loaded.embedder)
    mapped.refresh()
    assert mapped.files.exists(loaded.store.generation())  # written by the ingest, mapped here
    for query in eval_questions():
        for kw in FILTERS:
            a, b = mapped.search(query, **kw), memory.search(query, **kw)
            assert [(h.chunk_id, h.rank_score) for h in a.results] == [(h.chunk_id, h.rank_score) for h in b.results], (query, kw)
            assert a.notice == b.notice
    assert mapped.catalog.dump() == memory.catalog.dump()
    assert mapped.authorities == memory.authorities


@pytest.mark.unit
def test_the_writer_saves_the_index_of_each_generation_and_workers_switch_to_the_new_one(tmp_path):
    store, settings = ingested(tmp_path, "report_0147.txt")
    worker = Retriever(store, EMBEDDER, load_gazetteer(), settings)
    first = store.generation()
    assert worker.files.exists(first)  # built by the ingest, before any worker asked
    query = "How did Kestrel Bay support people from ethnic minority communities?"
    assert "Kestrel Bay Borough Council" not in {h.authority for h in worker.search(query, k=3).results}
    Ingestor(settings, EMBEDDER, store, load_gazetteer()).ingest([str(EXAMPLES / "kestrel_bay_assessment.md")])
    assert store.generation() != first and worker.files.exists(store.generation())
    hits = worker.search(query, k=3).results
    assert hits and {h.authority for h in hits} == {"Kestrel Bay Borough Council"}


@pytest.mark.unit
def test_an_orphan_chunk_is_never_searched(tmp_path):
    store, settings = ingested(tmp_path, "report_0147.txt")
    orphan = Chunk(id="orphan-1", text="Zyxwvut quokka sanctuary opened in Ashcombe Vale.", document_id="never-committed",
                   source="killed.txt", authority="Ashcombe Vale Council", start=0, end=49, position=0)
    store.upsert_chunks([orphan], EMBEDDER.embed_documents([orphan.embedding_text()]))
    store.bump_generation()  # as a later write would
    worker = Retriever(store, EMBEDDER, load_gazetteer(), settings)
    hits = worker.search("Zyxwvut quokka sanctuary opened", k=20).results
    assert store.nearest(EMBEDDER.embed_query(orphan.embedding_text()), 1)[0][0] == "orphan-1"  # dense finds it first...
    assert hits and "orphan-1" not in {h.chunk_id for h in hits}  # ...but it is never a result
    assert worker.lexical.rows(["orphan-1"]) == [None]


@pytest.mark.unit
def test_a_chunk_deleted_after_the_index_was_built_is_skipped_and_the_next_one_taken(tmp_path):
    store, settings = ingested(tmp_path, "report_0147.txt")
    worker = Retriever(store, EMBEDDER, load_gazetteer(), settings)
    before = worker.search("Joint Discharge Hub", k=3).results
    store.delete_chunks([before[0].chunk_id])  # no generation bump yet: the index still lists it
    after = worker.search("Joint Discharge Hub", k=3).results
    assert len(after) == 3 and before[0].chunk_id not in {h.chunk_id for h in after}


@pytest.mark.unit
def test_only_the_newest_generations_are_kept(tmp_path):
    store, settings = ingested(tmp_path, "report_0147.txt")
    files = IndexFiles.of(settings)
    seen = []
    for _ in range(5):
        store.bump_generation()
        seen.append(store.generation())
        files.ensure(store, store.generation())
        time.sleep(0.01)  # distinct modification times
    kept = sorted(p.name for p in files.root.iterdir() if p.is_dir())
    assert kept == sorted(files.folder(g).name for g in seen[-files.keep:])


class CountingStore(MemoryStore):
    """Counts, across processes, the reads of every chunk (an index build); each read is slow."""

    def __init__(self, reads: Any) -> None:
        super().__init__(EMBEDDER.name)
        self.reads = reads

    def all_chunks(self) -> Iterator[Chunk]:
        with self.reads.get_lock():
            self.reads.value += 1
        time.sleep(0.5)  # long enough for the other opener to arrive while this one builds
        yield from super().all_chunks()


def _open_index(store: CountingStore, root: Path, start: Any) -> None:
    start.wait()
    IndexFiles(root).ensure(store, store.generation())


@pytest.mark.unit
def test_a_missing_index_is_built_once_under_the_lock_by_one_of_two_concurrent_openers(tmp_path):
    ctx = multiprocessing.get_context("fork")
    store = CountingStore(ctx.Value("i", 0))
    settings = Settings(data_dir=tmp_path, _env_file=None, embedding_backend="hash", index_dir=tmp_path / "elsewhere")
    Ingestor(settings, EMBEDDER, store, load_gazetteer()).ingest([str(EXAMPLES / "report_0147.txt")])
    store.reads.value = 0  # the writer's index went elsewhere (no shared path): missing in `root`
    root, start = tmp_path / "shared", ctx.Barrier(2)
    procs = [ctx.Process(target=_open_index, args=(store, root, start)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert store.reads.value == 1  # one built it; the other waited on the lock and found it built
    folder = IndexFiles(root).folder(store.generation())
    assert [p.name for p in root.iterdir() if p.is_dir()] == [folder.name]  # no half-written folder left
    assert len(LexicalIndex.load(folder / "lexical")) == store.count()


@pytest.mark.integration
@pytest.mark.slow
def test_a_second_process_sees_a_new_generation_through_a_chroma_server_and_a_shared_index_dir(tmp_path):
    port = free_port()
    chroma = [str(BIN / "chroma"), "run", "--path", str(tmp_path / "db"), "--host", "127.0.0.1", "--port", str(port)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("AQA_")}
    env |= {"AQA_CHROMA_URL": f"http://127.0.0.1:{port}", "AQA_INDEX_DIR": str(tmp_path / "shared-index"),
            "AQA_DATA_DIR": str(tmp_path / "writer"), "AQA_EMBEDDING_BACKEND": "hash", "AQA_COLLECTION": "twoproc"}

    def ingest(name: str) -> None:  # the writer: another process
        done = subprocess.run([str(BIN / "aqa"), "ingest", str(EXAMPLES / name)], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr

    with running(chroma, f"http://127.0.0.1:{port}/api/v2/heartbeat", tmp_path / "chroma.log"):
        ingest("report_0147.txt")
        from aqa.components import build_components

        settings = Settings(_env_file=None, chroma_url=env["AQA_CHROMA_URL"], index_dir=tmp_path / "shared-index",
                            data_dir=tmp_path / "reader", embedding_backend="hash", collection="twoproc")
        worker = build_components(settings, EMBEDDER).retriever
        query = "How did Kestrel Bay support people from ethnic minority communities?"
        assert "Kestrel Bay Borough Council" not in {h.authority for h in worker.search(query, k=3).results}
        ingest("kestrel_bay_assessment.md")
        assert worker.files.exists(worker.store.generation())  # the writer built it: this worker only maps it
        hits = worker.search(query, k=3).results
        assert hits and {h.authority for h in hits} == {"Kestrel Bay Borough Council"}


@pytest.mark.unit
def test_an_index_saved_by_another_tokenizer_version_is_rebuilt_not_mapped(tmp_path, monkeypatch):
    import rag.index_files as index_files

    store, settings = ingested(tmp_path, "report_0147.txt")
    files = IndexFiles.of(settings)
    old = files.ensure(store, store.generation())
    monkeypatch.setattr(index_files, "VERSION", "v1.999")  # as if `terms` had changed since
    assert not files.exists(store.generation())
    new = files.ensure(store, store.generation())
    assert new != old and json.loads((new / "meta.json").read_text())["generation"] == store.generation()
