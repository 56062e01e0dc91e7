"""Issue 14.2: the torch-free query path. ONNX int8 is the default embedder for a new store; with
the model exported (make install does it), `import aqa.cli`, `aqa ask` and `aqa serve` import
neither torch nor sentence-transformers (nor transformers): the tokenizer is the `tokenizers`
library's. A store built with the torch embedder keeps working under `auto` (with torch); told
to use another backend it refuses, naming the setting. The export is checked by its checksums."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from aqa.components import build_components, choose_backend
from rag.embeddings import DEFAULT_BACKEND, build_embedder
from rag.errors import AQAError, ModelMismatch
from rag.onnx_embedder import OnnxEmbedder, check, default_cache_dir, ensure_exported, model_folder
from rag.settings import Settings
from tests.conftest import EXAMPLES, ROOT, SHARED, settings_for
from tests.servers import free_port, running

pytestmark = pytest.mark.integration

HEAVY = ("torch", "sentence_transformers", "transformers")
QUESTION = "When did Ashcombe Vale launch its Joint Discharge Hub?"


def heavy_imports(importtime_log: str) -> list[str]:
    """Modules of torch, sentence-transformers or transformers in a `python -X importtime` log."""
    names = (line.rsplit("|", 1)[-1].strip() for line in importtime_log.splitlines() if line.startswith("import time:"))
    return sorted({n for n in names if n.split(".")[0] in HEAVY})


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def onnx_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus ingested by `aqa ingest` with every setting at its default."""
    ensure_exported("all-MiniLM-L6-v2", default_cache_dir(), int8=DEFAULT_BACKEND == "onnx-int8")
    data = tmp_path_factory.mktemp("onnx-default") / "data"
    proc = run("-m", "aqa.cli", "ingest", str(EXAMPLES), "--data-dir", str(data), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return data


@pytest.mark.unit
def test_the_default_is_auto_and_a_new_store_gets_onnx_int8(tmp_path):
    assert Settings(_env_file=None).embedding_backend == "auto"
    assert DEFAULT_BACKEND == "onnx-int8"
    assert choose_backend(settings_for(tmp_path)) == "onnx-int8"
    assert choose_backend(settings_for(tmp_path, embedding_backend="onnx")) == "onnx"


def test_importing_the_cli_loads_no_torch():
    proc = run("-X", "importtime", "-c", "import aqa.cli")
    assert proc.returncode == 0, proc.stderr
    assert heavy_imports(proc.stderr) == []


def test_aqa_ask_answers_without_importing_torch(onnx_store):
    proc = run("-X", "importtime", "-m", "aqa.cli", "ask", QUESTION, "--json", "--data-dir", str(onnx_store))
    assert proc.returncode == 0, proc.stderr[-3000:]
    answer = json.loads(proc.stdout)
    assert "March 2023" in answer["answer"] and answer["citations"]
    assert heavy_imports(proc.stderr) == []


def test_aqa_serve_serves_without_importing_torch(onnx_store, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    cmd = [sys.executable, "-X", "importtime", "-m", "aqa.cli", "serve", "--port", str(port), "--data-dir", str(onnx_store)]
    import httpx

    with running(cmd, f"http://127.0.0.1:{port}/readyz", log):
        r = httpx.post(f"http://127.0.0.1:{port}/v1/ask", json={"question": QUESTION}, timeout=60)
        assert r.status_code == 200 and "March 2023" in r.json()["answer"]
    assert heavy_imports(log.read_text()) == []


def test_the_store_records_the_onnx_backend_and_refuses_another_by_name(onnx_store, embedder):
    settings = settings_for(onnx_store)
    assert choose_backend(settings) == "onnx-int8"
    c = build_components(settings)
    assert c.embedder.name == "all-MiniLM-L6-v2+onnx-int8" and c.store.model_name == c.embedder.name
    with pytest.raises(ModelMismatch, match="AQA_EMBEDDING_BACKEND is 'sentence-transformers'"):
        build_components(settings_for(onnx_store, embedding_backend="sentence-transformers"))


def test_a_store_built_with_torch_keeps_working_under_auto(tmp_path, embedder):
    """Stores from before this change hold torch vectors: `auto` follows them (with torch)."""
    settings = settings_for(tmp_path)
    old = build_components(settings, embedder)  # as the torch default built them
    old.ingestor.ingest([str(EXAMPLES / "report_0147.txt")])
    assert choose_backend(settings) == "sentence-transformers"
    again = build_components(settings)
    assert again.embedder.name == "all-MiniLM-L6-v2"
    assert any("March 2023" in h.text for h in again.retriever.search(QUESTION, k=3).results)
    with pytest.raises(ModelMismatch, match="onnx-int8"):
        build_components(settings_for(tmp_path, embedding_backend="onnx-int8"))


def test_the_tokenizer_is_the_models_own_without_transformers(embedder):
    """Same token counts as the torch embedder's tokenizer, and the same window: fp32 vectors of
    long paragraphs (past 256 tokens, so truncated) equal torch's."""
    texts = [p for f in sorted(SHARED.glob("*.txt")) for p in f.read_text().split("\n\n") if p.strip()][:60]
    texts += ["Wirral's Transfer of Care Hub — 2024/25: £1.2m, 74→38 patients; café naïve", " ".join(texts)]
    onnx = build_embedder(settings_for(Path("/nonexistent")), "onnx")
    assert [onnx.count_tokens(t) for t in texts] == [embedder.count_tokens(t) for t in texts]
    assert max(onnx.count_tokens(t) for t in texts) > 256
    a, b = np.array(onnx.embed_documents(texts)), np.array(embedder.embed_documents(texts))
    assert (a * b).sum(1).min() > 0.999


@pytest.mark.slow
def test_the_export_is_checked_and_made_again_when_damaged(tmp_path):
    cache = tmp_path / "models"
    good = model_folder("all-MiniLM-L6-v2", default_cache_dir(), int8=True)
    ensure_exported("all-MiniLM-L6-v2", default_cache_dir(), int8=True)
    folder = model_folder("all-MiniLM-L6-v2", cache, int8=True)
    shutil.copytree(good, folder)
    assert check(folder) is None
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["files"]) == {"model.onnx", "tokenizer.json"} and all(re.fullmatch(r"[0-9a-f]{64}", d) for d in manifest["files"].values())
    with (folder / "model.onnx").open("r+b") as f:  # one byte changed
        f.seek(1000)
        byte = f.read(1)
        f.seek(1000)
        f.write(bytes([byte[0] ^ 0xFF]))
    assert check(folder) == "model.onnx does not match its checksum"
    cache.chmod(0o500)  # cannot be written: a clear error, not a crash
    folder.chmod(0o500)
    try:
        if not _writable(cache):  # root writes anyway
            with pytest.raises(AQAError, match="not writable"):
                OnnxEmbedder("all-MiniLM-L6-v2", cache, int8=True)
    finally:
        cache.chmod(0o700)
        folder.chmod(0o700)
    e = OnnxEmbedder("all-MiniLM-L6-v2", cache, int8=True)  # exported again (with torch)
    assert check(folder) is None and len(e.embed_query("carers")) == 384


def _writable(path: Path) -> bool:
    try:
        (path / ".probe").touch()
        (path / ".probe").unlink()
        return True
    except OSError:
        return False
