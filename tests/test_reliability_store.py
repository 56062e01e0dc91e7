"""Issue 12, store outage: with the Chroma server killed mid-traffic, the API answers 503
`store_unavailable` with Retry-After (never 500, one log line per request, no traceback), and
serves again once the server is back."""

from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from aqa.components import build_components
from tests.conftest import EXAMPLES, app_over, settings_for
from tests.servers import free_port, running, serving
from tests.test_api import ASHCOMBE_Q, assert_error

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BIN = Path(sys.executable).parent


def test_a_chroma_server_outage_is_a_503_and_the_api_recovers(tmp_path, embedder, caplog):
    port = free_port()
    chroma = f"http://127.0.0.1:{port}"
    cmd = [str(BIN / "chroma"), "run", "--path", str(tmp_path / "db"), "--host", "127.0.0.1", "--port", str(port)]
    heartbeat = f"{chroma}/api/v2/heartbeat"
    requests = [
        ("POST", "/v1/ask", {"question": ASHCOMBE_Q}),
        ("POST", "/v1/search", {"query": "Joint Discharge Hub"}),
        ("GET", "/v1/documents", None),
    ]

    def send(url: str, method: str, path: str, body: dict | None) -> httpx.Response:
        return httpx.request(method, f"{url}{path}", json=body, timeout=60)

    with running(cmd, heartbeat, tmp_path / "chroma.log") as server:
        c = build_components(settings_for(tmp_path / "data", chroma_url=chroma, collection="outage"), embedder)
        assert not c.ingestor.ingest([str(EXAMPLES / "report_0147.txt"), str(EXAMPLES / "doc_38a1c2.txt")]).failures
        with serving(app_over(c)) as url:
            for method, path, body in requests:
                assert send(url, method, path, body).status_code == 200

            statuses: list[int] = []
            stop = threading.Event()

            def traffic() -> None:  # requests keep coming while the server goes away
                while not stop.is_set():
                    for method, path, body in requests:
                        statuses.append(send(url, method, path, body).status_code)

            background = threading.Thread(target=traffic)
            background.start()
            time.sleep(1.0)
            caplog.clear()
            with caplog.at_level(logging.INFO):
                server.kill()
                server.wait()
                time.sleep(1.5)
                stop.set()
                background.join()
                down = [send(url, method, path, body) for method, path, body in requests]
            for r in down:
                body = assert_error(r, 503, "store_unavailable")
                assert 1 <= int(r.headers["retry-after"]) <= 60
                assert chroma not in body["error"]["message"] and str(port) not in body["error"]["message"]
            assert 500 not in statuses and set(statuses) <= {200, 503}, statuses
            assert statuses.count(503) >= 3
            # One log line per refused request, and no traceback among them.
            refused = [rec for rec in caplog.records if "store unavailable" in rec.getMessage()]
            assert len(refused) == statuses.count(503) + len(down), [r.getMessage() for r in caplog.records]
            assert not [rec for rec in caplog.records if rec.exc_info], [r.getMessage() for r in caplog.records]

            with running(cmd, heartbeat, tmp_path / "chroma-again.log"):
                for method, path, body in requests:
                    r = send(url, method, path, body)
                    assert r.status_code == 200, r.text
                assert "March 2023" in send(url, *requests[0]).json()["answer"]
