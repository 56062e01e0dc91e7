"""`aqa serve`: the real command, its refusal of several workers on an embedded store, and the
store lock that keeps a CLI ingest from writing under a running server."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from tests.conftest import EXAMPLES, TELFORD
from tests.servers import free_port, running

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def aqa(*args: str) -> list[str]:
    return [sys.executable, "-m", "aqa.cli", *args]


def test_several_workers_on_the_embedded_store_are_refused_with_the_way_out(tmp_path):
    proc = subprocess.run(aqa("serve", "--workers", "2", "--data-dir", str(tmp_path)), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "AQA_CHROMA_URL" in proc.stderr and "--workers 1" in proc.stderr and "Traceback" not in proc.stderr


def test_an_ingest_while_the_server_runs_is_refused_as_busy_and_changes_nothing(tmp_path):
    data = str(tmp_path / "data")
    subprocess.run(aqa("ingest", str(EXAMPLES / "report_0147.txt"), "--data-dir", data, "--quiet"), check=True, timeout=300)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running(aqa("serve", "--port", str(port), "--data-dir", data), f"{url}/readyz", tmp_path / "serve.log"):
        before = httpx.get(f"{url}/v1/documents").json()
        proc = subprocess.run(aqa("ingest", str(TELFORD), "--data-dir", data), capture_output=True, text=True, timeout=300)
        assert proc.returncode == 2 and "busy" in proc.stderr and "POST /v1/documents" in proc.stderr
        assert httpx.get(f"{url}/v1/documents").json() == before
        answer = httpx.post(f"{url}/v1/ask", json={"question": "When did Ashcombe Vale launch its Joint Discharge Hub?"}, timeout=60).json()
        assert "March 2023" in answer["answer"]
