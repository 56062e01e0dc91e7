"""Issue 12.1: a full disk never corrupts the embedded store for good.

Chroma 1.5.9 rewrites a collection's HNSW index files (index_metadata.pickle, data_level0.bin, ...)
every ~1000 records; when the disk fills during that write it leaves them half written (a 0-byte
index_metadata.pickle) and every later read of the collection fails. So: (a) the ingest refuses a
batch the disk has no room for, in one line naming each of its documents, writing nothing; (b) the
index files are snapshotted after writes and restored on open, or the collection is rebuilt; (c) a
real 12 MB tmpfs reproduces it (root only: skipped with the reason otherwise)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import namedtuple
from pathlib import Path

import httpx
import numpy as np
import pytest
from conftest import EXAMPLES, settings_for

from aqa.components import build_components
from rag.embeddings import HashEmbedder
from rag.errors import StoreError
from rag.models import Chunk
from rag.store import SNAPSHOTS, _evict, index_problem
from tests.servers import free_port, running

pytestmark = pytest.mark.integration

EMBEDDER = HashEmbedder()
NO_ROOM = re.compile(r"^not enough free space in (?P<dir>\S+): (?P<free>\d+) MB free, about (?P<need>\d+) MB needed \(.*\)$")


def copies(dest: Path, n: int) -> Path:
    """n copies of the sample corpus (7 documents, ~190 chunks each copy), each its own documents."""
    for i in range(n):
        shutil.copytree(EXAMPLES, dest / f"copy{i:02d}")
    return dest


def aqa(*args: str, data: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AQA_")}
    return subprocess.run([sys.executable, "-m", "aqa.cli", *args, "--data-dir", str(data)], capture_output=True, text=True,
                          timeout=600, env={**clean, "AQA_EMBEDDING_BACKEND": "hash", **(env or {})})


def chunk_segment(c) -> Path:  # noqa: ANN001
    seg = next(s for s in c.store.local.segments() if s.collection == "aqa_chunks")
    return c.store.local.chroma_dir / seg.id


def raw_read_fails(chroma_dir: Path) -> str:
    """What plain chromadb (no repair) says reading every chunk vector, in a fresh process ('' if it works)."""
    code = (
        "import chromadb, sys\n"
        "col = chromadb.PersistentClient(path=sys.argv[1]).get_collection('aqa_chunks')\n"
        "try:\n    col.get(include=['embeddings'])\nexcept Exception as e:\n    print(e)\n"
    )
    return subprocess.run([sys.executable, "-c", code, str(chroma_dir)], capture_output=True, text=True, timeout=120).stdout.strip()


def some_vectors(c) -> dict[str, list[float]]:  # noqa: ANN001
    got = c.store._chunks.get(include=["embeddings"], limit=50)
    return dict(zip(got["ids"], (list(map(float, e)) for e in got["embeddings"]), strict=True))


@pytest.fixture
def big_store(tmp_path):
    """Over 1000 chunks: Chroma has written its HNSW index files (and we a snapshot of them)."""
    c = build_components(settings_for(tmp_path / "data", embedding_backend="hash"), EMBEDDER)
    report = c.ingestor.ingest([str(copies(tmp_path / "in", 6))])
    assert not report.failures and c.store.count() > 1000
    assert index_problem(chunk_segment(c), 1) is None and (tmp_path / "data" / SNAPSHOTS / chunk_segment(c).name).is_dir()
    return c


# --- (a) the free-space check ------------------------------------------------------------------------


def test_a_batch_the_disk_has_no_room_for_is_refused_in_one_line_per_document_and_nothing_is_written(tmp_path, monkeypatch):
    c = build_components(settings_for(tmp_path / "data", embedding_backend="hash"), EMBEDDER)
    assert not c.ingestor.ingest([str(EXAMPLES / "report_0147.txt")]).failures
    before = (c.store.count(), [d.id for d in c.store.documents()], c.store.generation())

    Usage = namedtuple("Usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage(10 << 30, (10 << 30) - (150 << 20), 150 << 20))
    wanted = [EXAMPLES / "doc_38a1c2.txt", EXAMPLES / "kestrel_bay_assessment.md"]
    report = c.ingestor.ingest([str(p) for p in wanted])
    assert sorted(f.source for f in report.failures) == sorted(p.name for p in wanted)
    for f in report.failures:
        m = NO_ROOM.match(f.message)
        assert m and "\n" not in f.message, f.message
        assert m["dir"] == str(tmp_path / "data") and m["free"] == "150" and int(m["need"]) > 200  # AQA_MIN_FREE_MB=200 default
    assert report.documents == [] and report.new == 0 and report.added == 0
    assert (c.store.count(), [d.id for d in c.store.documents()], c.store.generation()) == before

    monkeypatch.undo()  # room again: the same documents go in
    again = c.ingestor.ingest([str(p) for p in wanted])
    assert not again.failures and again.new == 2


def test_the_setting_lowers_the_margin(tmp_path, monkeypatch):
    c = build_components(settings_for(tmp_path / "data", embedding_backend="hash", min_free_mb=100), EMBEDDER)
    Usage = namedtuple("Usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage(10 << 30, 0, 150 << 20))
    assert not c.ingestor.ingest([str(EXAMPLES / "report_0147.txt")]).failures


# --- (b) restore from the snapshot, or rebuild -------------------------------------------------------


def test_a_0_byte_index_metadata_file_is_restored_from_its_snapshot_on_open(big_store):
    c = big_store
    query = "When did Ashcombe Vale launch its Joint Discharge Hub?"
    hits = [h.chunk_id for h in c.retriever.search(query).results]
    vectors = some_vectors(c)
    (chunk_segment(c) / "index_metadata.pickle").write_bytes(b"")  # what the full disk left
    assert "pickle" in raw_read_fails(c.store.local.chroma_dir)  # plain Chroma: every read fails

    again = build_components(c.settings, EMBEDDER)
    (note,) = again.store.index_notes
    assert note.startswith("restored the vector index of aqa_chunks from its snapshot of ") and "0 bytes" in note
    assert again.store.index_problems() == {}
    assert [h.chunk_id for h in again.retriever.search(query).results] == hits
    assert some_vectors(again) == vectors
    report = again.ingestor.ingest([str(c.settings.data_dir.parent / "in")])
    assert not report.failures and report.unchanged == len(again.store.documents())
    assert raw_read_fails(again.store.local.chroma_dir) == ""


def test_without_a_usable_snapshot_the_index_is_rebuilt_by_embedding_the_stored_chunks_again(big_store):
    c = big_store
    vectors, count = some_vectors(c), c.store.count()
    folder = chunk_segment(c)
    (folder / "index_metadata.pickle").write_bytes(b"")
    with open(folder / "data_level0.bin", "r+b") as f:
        f.truncate(f.seek(0, 2) // 2 + 7)
    shutil.rmtree(c.settings.data_dir / SNAPSHOTS)

    again = build_components(c.settings, EMBEDDER)
    (note,) = again.store.index_notes
    assert note.startswith("rebuilt the vector index of aqa_chunks (") and "embedding the chunks' stored text again" in note
    assert again.store.index_problems() == {} and again.store.count() == count
    rebuilt = some_vectors(again)
    assert set(rebuilt) == set(vectors)
    for cid, v in vectors.items():
        assert np.allclose(rebuilt[cid], v, atol=1e-6)
        assert again.store.nearest(v, 1)[0][1] > 0.9999  # the index finds it (or its twin in another copy)
    assert not (c.settings.data_dir / SNAPSHOTS / "damaged").exists()  # the damaged copy is gone
    # and a snapshot of the new index was taken at the next write
    again.ingestor.ingest([str(EXAMPLES / "report_0147.txt")])
    assert again.store.local.problems(again.store.collection_names) == {}


def test_a_rebuild_killed_between_dropping_the_old_collection_and_renaming_the_copy_is_finished_on_open(big_store):
    c = big_store
    count = c.store.count()
    c.store._client.get_collection("aqa_chunks").modify(name="aqa_chunks__rebuild")  # the copy, complete
    c.store.local.mark("aqa_chunks", "index_metadata.pickle is empty (0 bytes)")
    again = build_components(c.settings, EMBEDDER)
    assert again.store.index_notes == ["finished an interrupted rebuild of aqa_chunks"]
    assert again.store.count() == count and again.store.index_problems() == {}
    assert not again.store.local.marked("aqa_chunks")


def test_a_process_whose_write_failed_mends_the_index_before_its_next_write(big_store, monkeypatch):
    """The API server's case: Chroma keeps the index in memory and, once there is room again,
    would write only what changed over the half-written files. The store copies the collection
    (from memory) into a fresh one first."""
    c = big_store
    vectors = some_vectors(c)
    store = type(c.store)

    def disk_full(self, chunks, embeddings):  # noqa: ANN001
        (chunk_segment(c) / "index_metadata.pickle").write_bytes(b"")
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(store, "_upsert_chunks", disk_full)
        with pytest.raises(StoreError) as e:
            c.ingestor.ingest([str(EXAMPLES / "report_0147.txt")])
    message = str(e.value)
    assert "\n" not in message and "No space left on device" in message and "free space" in message

    report = c.ingestor.ingest([str(EXAMPLES / "report_0147.txt")])  # room again
    assert not report.failures and report.new == 1
    assert any(n.startswith("rebuilt the vector index of aqa_chunks") and "from its stored vectors" in n for n in c.store.index_notes)
    assert c.store.index_problems() == {}
    _evict(c.store.local.chroma_dir)
    fresh = build_components(c.settings, EMBEDDER)
    assert fresh.store.index_notes == [] and fresh.store.index_problems() == {}
    assert all(fresh.store.nearest(v, 1)[0][1] > 0.9999 for v in vectors.values())
    assert raw_read_fails(fresh.store.local.chroma_dir) == ""


# --- (c) a real 12 MB tmpfs ------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 12 MB tmpfs (as in the report). Needs root and a kernel that lets us mount."""
    if os.geteuid() != 0:
        pytest.skip("mounting a 12 MB tmpfs needs root; the fake-disk tests above cover the same code")
    mnt = tmp_path / "small"
    mnt.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mnt)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"mount -t tmpfs was refused here: {proc.stderr.strip() or proc.returncode}")
    try:
        yield mnt
    finally:
        _evict(mnt / "data" / "chroma")
        if subprocess.run(["umount", str(mnt)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def grow(mnt: Path, mb: int) -> None:
    subprocess.run(["mount", "-o", f"remount,size={mb}m", str(mnt)], check=True)


def fill_until_full(c) -> StoreError:  # noqa: ANN001
    """Write chunks straight to the store (what an ingest did before the free-space check) until the disk is full."""
    n = 0
    while True:
        chunks = [Chunk(id=f"filler-{n + i}", text="filler text " * 50, document_id="filler", source="filler.txt",
                        authority="Nowhere", start=0, end=600, position=n + i) for i in range(500)]
        try:
            c.store.upsert_chunks(chunks, EMBEDDER.embed_documents([f"{ch.text} {ch.id}" for ch in chunks]))
        except StoreError as e:
            return e
        n += 500
        assert n < 20_000, "the disk never filled"


@pytest.mark.slow
def test_on_a_full_12mb_tmpfs_the_index_is_damaged_and_after_freeing_space_it_reads_ingests_and_serves(small_disk, tmp_path):
    data = small_disk / "data"
    c = build_components(settings_for(data, embedding_backend="hash", min_free_mb=0), EMBEDDER)
    assert not c.ingestor.ingest([str(EXAMPLES)]).failures
    committed = sorted((d.id, d.chunks) for d in c.store.documents())

    # Reproduce: the disk fills while Chroma writes its index files.
    error = fill_until_full(c)
    assert "\n" not in str(error) and "hnsw" in str(error)
    problem = index_problem(chunk_segment(c), None)
    assert problem is not None, "the full disk left the index files sound this time"
    assert (chunk_segment(c) / "index_metadata.pickle").stat().st_size == 0  # as reported
    broken = tmp_path / "broken-copy"
    shutil.copytree(data / "chroma", broken)
    assert "pickle" in raw_read_fails(broken)  # plain Chroma cannot read it, even with room to spare
    _evict(data / "chroma")  # this process's Chroma is done with it

    grow(small_disk, 64)  # space freed
    # The server starts (it used to exit 3), saying in one line what it mended.
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AQA_")}
    env = {**clean, "AQA_EMBEDDING_BACKEND": "hash", "AQA_MIN_FREE_MB": "1"}
    cmd = [sys.executable, "-m", "aqa.cli", "serve", "--port", str(port), "--data-dir", str(data)]
    with running(cmd, f"{url}/readyz", tmp_path / "serve.log", env=env):
        assert httpx.get(f"{url}/readyz").json()["status"] == "ready"
        docs = httpx.get(f"{url}/v1/documents").json()
        assert sorted((d["id"], d["chunks"]) for d in docs["documents"]) == committed
        hits = httpx.post(f"{url}/v1/search", json={"query": "Joint Discharge Hub"}, timeout=60).json()["results"]
        assert hits and all(h["source"] != "filler.txt" for h in hits)
    log = (tmp_path / "serve.log").read_text()
    assert "rebuilt the vector index of aqa_chunks" in log and problem in log

    # The chunks of the cut-off write have no document record: the doctor finds and removes them.
    found = aqa("doctor", data=data)
    assert found.returncode == 1 and "orphan_chunks" in found.stdout and "filler.txt" in found.stdout
    assert aqa("doctor", "--repair", data=data).returncode == 1
    healthy = aqa("doctor", data=data)
    assert healthy.returncode == 0 and healthy.stdout.startswith("healthy"), healthy.stdout

    # Re-ingest works for every document: the old ones unchanged, new ones added.
    more = copies(tmp_path / "more", 1)
    again = aqa("ingest", "-q", str(EXAMPLES), str(more), data=data, env={"AQA_MIN_FREE_MB": "1"})
    assert again.returncode == 0, again.stderr
    assert "7 new, 0 changed, 7 unchanged), 0 failed" in again.stdout
    assert aqa("doctor", data=data).returncode == 0


@pytest.mark.slow
def test_on_a_12mb_tmpfs_the_free_space_check_stops_the_ingest_before_the_store_breaks(small_disk, tmp_path):
    data = small_disk / "data"
    src = copies(tmp_path / "in", 40)
    proc = aqa("ingest", "-q", str(src), data=data, env={"AQA_MIN_FREE_MB": "0"})
    assert proc.returncode == 1
    refused = [ln for ln in proc.stderr.splitlines() if ln.startswith("error")]
    assert refused and all("not enough free space in " + str(data) in ln for ln in refused)
    assert "Traceback" not in proc.stderr
    checked = aqa("doctor", data=data)
    assert checked.returncode == 0 and checked.stdout.startswith("healthy"), checked.stdout
    assert raw_read_fails(data / "chroma") == ""
