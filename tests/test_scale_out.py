"""Server mode: a real `chroma run` on loopback, `aqa ingest` and an API with two worker
processes sharing it; an upload or delete through one worker is seen by every worker."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import httpx
import pytest

from tests.conftest import EXAMPLES
from tests.servers import free_port, running

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    d = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    cmd = [str(BIN / "chroma"), "run", "--path", str(d / "db"), "--host", "127.0.0.1", "--port", str(port)]
    with running(cmd, f"http://127.0.0.1:{port}/api/v2/heartbeat", d / "chroma.log"):
        yield f"http://127.0.0.1:{port}"


def by_worker(url: str, query: dict, n: int = 40) -> dict[str, list[list[str]]]:
    """Send `n` searches on fresh connections; the authorities each worker process returned."""
    seen: dict[str, list[list[str]]] = defaultdict(list)
    for _ in range(n):
        r = httpx.post(f"{url}/v1/search", json=query, timeout=60)
        assert r.status_code == 200, r.text
        seen[r.headers["x-aqa-worker"]].append(sorted({h["authority"] for h in r.json()["results"]}))
    return seen


def test_two_api_workers_share_one_chroma_server_and_stay_consistent(chroma_url, tmp_path):
    env = {"AQA_CHROMA_URL": chroma_url, "AQA_DATA_DIR": str(tmp_path / "data"), "AQA_COLLECTION": "scaleout"}
    ingest = subprocess.run([str(BIN / "aqa"), "ingest", str(EXAMPLES / "report_0147.txt"), str(EXAMPLES / "doc_38a1c2.txt")],
                            env={**__import__("os").environ, **env}, capture_output=True, text=True, timeout=600)
    assert ingest.returncode == 0, ingest.stderr
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [str(BIN / "aqa"), "serve", "--workers", "2", "--port", str(port)]
    with running(cmd, f"{url}/readyz", tmp_path / "serve.log", env=env, wait=240):
        query = {"query": "How did Kestrel Bay support people from ethnic minority communities?", "k": 3}
        before = by_worker(url, query)
        assert len(before) == 2, f"requests reached {len(before)} worker(s)"  # both workers have built their indexes
        assert all("Kestrel Bay Borough Council" not in a for runs in before.values() for a in runs)

        kestrel = EXAMPLES / "kestrel_bay_assessment.md"
        up = httpx.post(f"{url}/v1/documents", files={"files": (kestrel.name, kestrel.read_bytes())}, timeout=300)
        assert up.status_code == 201, up.text
        after = by_worker(url, query)
        assert len(after) == 2
        assert all(runs == [["Kestrel Bay Borough Council"]] * len(runs) for runs in after.values()), after

        doc_id = up.json()["documents"][0]["id"]
        assert httpx.delete(f"{url}/v1/documents/{doc_id}", timeout=60).status_code == 200
        gone = by_worker(url, query)
        assert all("Kestrel Bay Borough Council" not in a for runs in gone.values() for a in runs), gone
