"""Issue 12.5: `aqa doctor` finds, and with --repair fixes, what a killed ingest or a full disk
leaves: chunks without a document record, records whose chunks are missing or are another
version's, a damaged vector index, a missing generation marker. Exit 0 healthy, 1 problems, 2 usage."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, WIRRAL, settings_for

from aqa.components import build_components
from rag import doctor
from rag.embeddings import HashEmbedder
from rag.store import _evict
from tests.servers import free_port, running

pytestmark = pytest.mark.integration

EMBEDDER = HashEmbedder()

# `aqa ...` that SIGKILLs itself at its first document-record write: chunks are stored, the
# records (the commit marks) are not. The worst moment for a kill.
KILLED_AT_COMMIT = """
import os, signal, sys
from rag.store import ChromaStore
ChromaStore.put_documents = lambda self, docs: os.kill(os.getpid(), signal.SIGKILL)
from aqa.cli import main
sys.argv = ["aqa", *sys.argv[1:]]
main()
"""


def env() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AQA_")}
    return {**clean, "AQA_EMBEDDING_BACKEND": "hash", "AQA_INGEST_FLUSH_CHUNKS": "16"}


def aqa(*args: str, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aqa.cli", *args, "--data-dir", str(data)], capture_output=True, text=True,
                          timeout=600, env=env())


def open_store(data: Path):  # noqa: ANN201
    _evict(data / "chroma")  # read what the other processes wrote
    return build_components(settings_for(data, embedding_backend="hash"), EMBEDDER)


def state(data: Path) -> tuple[list[str], list[tuple[str, str, int]]]:
    c = open_store(data)
    return sorted(ch.id for ch in c.store.all_chunks()), sorted((d.id, d.content_hash, d.chunks) for d in c.store.documents())


@pytest.mark.slow
def test_after_an_ingest_killed_at_its_commit_doctor_finds_the_orphans_and_repair_leaves_a_consistent_store(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    changed = src / "000_changed.txt"  # sorted first: in the first batch with the new documents
    shutil.copy(WIRRAL, changed)
    data = tmp_path / "data"
    assert aqa("ingest", "-q", str(src), data=data).returncode == 0
    assert aqa("doctor", data=data).returncode == 0

    changed.write_text(changed.read_text(encoding="utf-8").replace("July 2023", "January 2024").replace("Arrowe Park", "Clatterbridge"),
                       encoding="utf-8")
    for p in EXAMPLES.iterdir():
        shutil.copy(p, src / p.name)
    killed = subprocess.run([sys.executable, "-c", KILLED_AT_COMMIT, "ingest", "-q", str(src), "--data-dir", str(data)],
                            capture_output=True, text=True, timeout=600, env=env())
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    found = aqa("doctor", data=data)
    assert found.returncode == 1, found.stdout + found.stderr
    lines = found.stdout.strip().splitlines()
    orphans = [ln for ln in lines if ln.startswith("orphan_chunks:")]
    stale = [ln for ln in lines if ln.startswith("incomplete_document:")]
    assert orphans and all("have no document record" in ln for ln in orphans)
    assert len(stale) == 1 and "000_changed.txt" in stale[0]  # the old record, the new version's chunks
    assert lines[-1].startswith(f"{len(orphans) + 1} problems found:") and "aqa doctor --repair" in lines[-1]
    assert state(data) == state(data)  # doctor changed nothing

    repaired = aqa("doctor", "--repair", data=data)
    assert repaired.returncode == 1
    assert all(" -> " in ln for ln in repaired.stdout.strip().splitlines()[:-1])
    assert "record dropped: ingest 000_changed.txt again" in repaired.stdout
    healthy = aqa("doctor", data=data)
    assert healthy.returncode == 0 and healthy.stdout.startswith("healthy:"), healthy.stdout

    c = open_store(data)
    docs = c.store.documents()
    committed = {d.id for d in docs}
    assert {ch.document_id for ch in c.store.all_chunks()} <= committed  # no orphan chunk left to search
    assert c.store.count() == sum(d.chunks for d in docs)  # /readyz's count is GET /v1/documents' sum
    found_ids = {h.document_id for h in c.retriever.search("Transfer of Care Hub", k=20).results}
    assert found_ids <= committed

    # The next ingest redoes what was dropped and ends as a clean run would.
    assert aqa("ingest", "-q", str(src), data=data).returncode == 0
    clean = tmp_path / "clean"
    assert aqa("ingest", "-q", str(src), data=clean).returncode == 0
    assert state(data) == state(clean)
    assert aqa("doctor", data=data).returncode == 0


def test_doctor_reports_a_damaged_index_without_touching_it_and_repair_restores_it(tmp_path):
    data = tmp_path / "data"
    for i in range(6):
        shutil.copytree(EXAMPLES, tmp_path / "in" / f"c{i}")
    c = build_components(settings_for(data, embedding_backend="hash"), EMBEDDER)
    assert not c.ingestor.ingest([str(tmp_path / "in")]).failures and c.store.count() > 1000
    seg = next(s for s in c.store.local.segments() if s.collection == "aqa_chunks")
    pickle_file = data / "chroma" / seg.id / "index_metadata.pickle"
    pickle_file.write_bytes(b"")
    _evict(data / "chroma")

    found = aqa("doctor", data=data)
    assert found.returncode == 1
    assert "index: the vector index of aqa_chunks is damaged: index_metadata.pickle is empty (0 bytes)" in found.stdout
    assert pickle_file.stat().st_size == 0  # reported, not repaired

    repaired = aqa("doctor", "--repair", data=data)
    assert repaired.returncode == 1 and "restored the vector index of aqa_chunks from its snapshot" in repaired.stdout
    healthy = aqa("doctor", data=data)
    assert healthy.returncode == 0, healthy.stdout


def test_usage_errors_exit_2(tmp_path):
    assert aqa("doctor", "--bogus", data=tmp_path).returncode == 2
    missing = aqa("doctor", data=tmp_path / "typo")
    assert missing.returncode == 2 and "No store in" in missing.stderr and "Traceback" not in missing.stderr


def test_examine_writes_a_missing_generation_marker_and_gives_start_up_lines(tmp_path):
    c = build_components(settings_for(tmp_path / "data", embedding_backend="hash"), EMBEDDER)
    c.ingestor.ingest([str(EXAMPLES / "report_0147.txt")])
    assert doctor.startup_lines(c.store) == [f"healthy: 1 document, {c.store.count()} chunks (the documents' records count {c.store.count()})"]
    c.store._docs.delete(ids=["__generation__"])  # as if killed before the marker was first written
    lines = doctor.startup_lines(c.store)
    assert lines[0] == "generation: the generation marker is missing (running servers would not see changes)"
    report = doctor.examine(c.store, repair=True)
    assert [f.repaired for f in report.findings] == ["written"] and c.store.generation()
    assert doctor.examine(c.store).healthy


@pytest.mark.slow
def test_a_server_reports_orphans_in_its_start_up_log_and_still_serves(tmp_path):
    data = tmp_path / "data"
    c = build_components(settings_for(data, embedding_backend="hash"), EMBEDDER)
    report = c.ingestor.ingest([str(EXAMPLES / "report_0147.txt"), str(WIRRAL)])
    orphaned = next(d for d in report.documents if d.source == "report_0147.txt")
    # As after an ingest killed before its commit: chunks written, no document record, no new
    # generation (so the generation's saved index does not hold them).
    chunks = c.store.get_chunks(c.store.chunk_ids_of(orphaned.id))
    c.ingestor.remove(orphaned.id)  # a new generation, and its index, without them
    c.store.upsert_chunks(chunks, EMBEDDER.embed_documents([ch.text for ch in chunks]))
    _evict(data / "chroma")

    port = free_port()
    log = tmp_path / "serve.log"
    cmd = [sys.executable, "-m", "aqa.cli", "serve", "--port", str(port), "--data-dir", str(data)]
    with running(cmd, f"http://127.0.0.1:{port}/readyz", log, env=env()):
        started = log.read_text()
    orphan_lines = [ln for ln in started.splitlines() if "store: orphan_chunks:" in ln]
    assert len(orphan_lines) == 1 and "report_0147.txt" in orphan_lines[0] and "have no document record" in orphan_lines[0]
    summary = next(ln for ln in started.splitlines() if "store: 1 problem found:" in ln)
    assert "run `aqa doctor --repair`" in summary
    assert started.index("store: orphan_chunks:") < started.index("Application startup complete")


def test_a_healthy_store_adds_no_warning_to_the_start_up_log(tmp_path, caplog):
    import logging

    from aqa.asgi import build_for_serving

    data = tmp_path / "data"
    build_components(settings_for(data, embedding_backend="hash"), EMBEDDER).ingestor.ingest([str(EXAMPLES / "report_0147.txt")])
    _evict(data / "chroma")
    with caplog.at_level(logging.INFO, logger="aqa.store"):
        build_for_serving(settings_for(data, embedding_backend="hash"))
    lines = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "aqa.store"]
    assert lines and lines[-1][0] == "INFO" and lines[-1][1].startswith("store: healthy:")
    assert not [m for level, m in lines if level == "WARNING"]


def test_the_start_up_check_of_a_whole_store_reads_no_chunk_or_vector(tmp_path, monkeypatch):
    c = build_components(settings_for(tmp_path / "data", embedding_backend="hash"), EMBEDDER)
    c.ingestor.ingest([str(EXAMPLES / "report_0147.txt")])

    def refused(*_a, **_k):
        raise AssertionError("the start-up check read every chunk or vector of a whole store")

    monkeypatch.setattr(c.store, "all_chunks", refused)
    monkeypatch.setattr(c.store, "index_problems", lambda probe=True: refused() if probe else {})
    assert doctor.startup_lines(c.store)[-1].startswith("healthy: 1 document,")
