"""`aqa ingest` as users run it: exit codes, summary lines, and a SIGKILL mid-way."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, TELFORD, WIRRAL, WIRRAL_TWIN, make_twin, settings_for

from aqa.components import build_components

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def aqa(*args: str, data_dir: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aqa.cli", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=600, **kw,
    )


def test_ingest_reports_bad_inputs_goes_on_and_exits_non_zero(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(TELFORD, tmp_path / "in" / "telford.txt")
    (tmp_path / "in" / "empty.txt").write_text("")
    proc = aqa("ingest", str(tmp_path / "in"), "http://127.0.0.1:9/x.html", data_dir=tmp_path / "data")
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 2
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("http://127.0.0.1:9/x.html: unreachable" in e for e in errors)
    assert "1 document (1 new, 0 changed, 0 unchanged), 2 failed" in proc.stdout
    added = int(re.search(r"chunks: added (\d+), unchanged 0, removed 0", proc.stdout).group(1))

    again = aqa("ingest", "--quiet", str(tmp_path / "in" / "telford.txt"), data_dir=tmp_path / "data")
    assert again.returncode == 0, again.stderr
    assert f"added 0, unchanged {added}, removed 0" in again.stdout


def _state(data_dir: Path, embedder=None) -> tuple[list[str], list[tuple[str, str, int]]]:
    # The store `aqa ingest` built, opened with the embedder it was built with (the default backend).
    c = build_components(settings_for(data_dir))
    chunk_ids = sorted(ch.id for ch in c.store.all_chunks())
    docs = sorted((d.id, d.content_hash, d.chunks) for d in c.store.documents())
    return chunk_ids, docs


def test_an_ingest_killed_mid_way_and_run_again_ends_as_a_clean_run(tmp_path, embedder):
    src = tmp_path / "in"
    shutil.copytree(EXAMPLES, src)
    shutil.copy(WIRRAL, src / WIRRAL.name)
    make_twin(WIRRAL, src / "twin.txt", WIRRAL_TWIN)

    clean = tmp_path / "clean"
    assert aqa("ingest", "-q", str(src), data_dir=clean).returncode == 0

    killed = tmp_path / "killed"
    proc = subprocess.Popen(
        [sys.executable, "-m", "aqa.cli", "ingest", str(src), "--data-dir", str(killed)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={**os.environ, "AQA_INGEST_FLUSH_CHUNKS": "16"},  # commit often, so the kill lands between commits
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 300
    for line in proc.stderr:  # progress lines: "[done/total] N chunks, ..."
        if line.startswith("[5/") or time.monotonic() > deadline:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _state(killed, embedder)
    full = _state(clean, embedder)
    assert 0 < len(partial[1]) < len(full[1])  # it really was cut off mid-way

    rerun = aqa("ingest", str(src), data_dir=killed)
    assert rerun.returncode == 0, rerun.stderr
    assert _state(killed, embedder) == full
