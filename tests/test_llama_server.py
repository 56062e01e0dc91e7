"""llama.cpp's server from the xllamacpp wheel (rag/llama_server.py), with SmolLM2: llama.cpp's
unsafe defaults (web UI, every origin allowed, no key) are changed, and `AQA_LLM=local` starts it
once, on first use, and answers through it."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.servers import llama_server, smollm2_gguf

pytestmark = [pytest.mark.integration, pytest.mark.slow]

KEY = "test-key-5b1f"
CHAT = {"model": "smollm2", "messages": [{"role": "user", "content": "Say hello."}], "max_tokens": 8}


@pytest.fixture(scope="module")
def keyed(tmp_path_factory):
    """The server as its own process (`python -m rag.llama_server`), with an API key."""
    with llama_server(tmp_path_factory.mktemp("llama") / "server.log", api_key=KEY) as url:
        yield url.removesuffix("/v1")


def test_it_refuses_a_request_without_the_key(keyed):
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        assert httpx.post(f"{keyed}/v1/chat/completions", json=CHAT, headers=headers, timeout=60).status_code == 401
        assert httpx.get(f"{keyed}/v1/models", headers=headers).status_code == 401
    r = httpx.post(f"{keyed}/v1/chat/completions", json=CHAT, headers={"Authorization": f"Bearer {KEY}"}, timeout=60)
    assert r.status_code == 200 and r.json()["choices"][0]["message"]["content"]
    models = httpx.get(f"{keyed}/v1/models", headers={"Authorization": f"Bearer {KEY}"}).json()
    assert [m["id"] for m in models["data"]] == ["smollm2"]  # the alias, not the file's path
    assert httpx.get(f"{keyed}/health").status_code == 200  # the readiness probe needs no key


def test_it_serves_no_web_ui(keyed):
    for headers in ({}, {"Authorization": f"Bearer {KEY}"}):
        r = httpx.get(f"{keyed}/", headers=headers)
        assert r.status_code == 404 and "<html" not in r.text.lower()


def test_it_allows_no_browser_origin(keyed):
    origin = {"Origin": "http://evil.example"}
    auth = {"Authorization": f"Bearer {KEY}"}
    responses = [
        httpx.get(f"{keyed}/health", headers=origin),
        httpx.get(f"{keyed}/v1/models", headers={**origin, **auth}),
        httpx.options(f"{keyed}/v1/chat/completions",
                      headers={**origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}),
    ]
    for r in responses:
        allowed = r.headers.get("access-control-allow-origin", "")
        assert allowed not in ("*", "http://evil.example"), (r.request.method, r.url, allowed)
        assert r.headers.get("access-control-allow-credentials") != "true"


def test_it_listens_on_loopback_only_and_hides_slots_and_metrics(keyed):
    auth = {"Authorization": f"Bearer {KEY}"}
    for path in ("/slots", "/metrics"):
        assert httpx.get(f"{keyed}{path}", headers=auth).status_code >= 400, path
    assert httpx.post(f"{keyed}/props", headers=auth, json={}).status_code >= 400  # changing settings
    port = int(keyed.rsplit(":", 1)[1])
    try:  # this machine's address on its default route (a UDP "connect" sends nothing)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            outside = s.getsockname()[0]
    except OSError:
        outside = ""
    if outside and not outside.startswith("127."):
        with pytest.raises(OSError), socket.create_connection((outside, port), timeout=2):
            pass


def test_the_local_answerer_starts_the_server_on_first_use_and_answers_through_it(tmp_path):
    from rag.answer import llm
    from rag.settings import Settings

    settings = Settings(data_dir=tmp_path, _env_file=None, llm="local", llm_gguf_path=smollm2_gguf(), llm_max_tokens=16)
    chat = llm.build_chat(settings, "local")
    assert chat.name == f"local:{smollm2_gguf().name}"
    assert not llm._servers, "the server started before it was needed"
    try:
        text = "".join(chat.stream([{"role": "user", "content": "Say hello."}]))
        assert text.strip()
        again = llm.build_chat(settings, "local")
        assert "".join(again.stream([{"role": "user", "content": "Say hello."}])) == text  # temperature 0
        assert len(llm._servers) == 1, "a second answerer started a second server"
        (server,) = llm._servers.values()
        assert server.url.startswith("http://127.0.0.1:")
        assert httpx.post(f"{server.openai_url}/chat/completions", json=CHAT, timeout=60).status_code == 401
    finally:
        llm.stop_local_servers()
    assert not llm._servers


def test_a_missing_or_bad_model_file_is_a_short_model_error(tmp_path):
    from rag.answer import llm
    from rag.errors import ModelError
    from rag.settings import Settings

    bad = tmp_path / "not-a-model.gguf"
    bad.write_bytes(b"GGUF but not really")
    for path in (bad, tmp_path / "missing.gguf"):
        chat = llm.build_chat(Settings(data_dir=tmp_path, _env_file=None, llm_gguf_path=path), "local")
        with pytest.raises(ModelError) as err:
            list(chat.stream([{"role": "user", "content": "hi"}]))
        assert str(tmp_path) not in str(err.value)
    assert not llm._servers


@pytest.mark.unit
def test_without_xllamacpp_the_error_names_the_extra(tmp_path, monkeypatch):
    import importlib.util

    from rag.answer import llm
    from rag.errors import MissingExtra
    from rag.settings import Settings

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "xllamacpp" else real(name, *a))
    with pytest.raises(MissingExtra, match=r"\[local\]"):
        llm.build_chat(Settings(data_dir=tmp_path, _env_file=None), "local")
