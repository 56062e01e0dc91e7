"""Issue 12, settings and CLI: list settings as plain comma-separated values, one-line errors for
bad settings (only in the commands that need them), Rich markup in document text and names
shown as text, arguments checked before any model loads, `--version`, `docs rm` confirmation."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import settings_for
from typer.testing import CliRunner

from aqa.cli import app
from aqa.components import build_components
from ingest.sources import Pending, RawInput
from rag.settings import Settings, load_settings


def aqa(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AQA_")}
    return subprocess.run([sys.executable, "-m", "aqa.cli", *args], capture_output=True, text=True, timeout=600,
                          env={**clean, **(env or {})}, cwd=Path(__file__).parent)


def one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


# --- 1. settings ---------------------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(
    "value, expected",
    [("k1", ["k1"]), ("k1, k2 ,k3", ["k1", "k2", "k3"]), ('["k1","k2"]', ["k1", "k2"]), ("", []), (" , ", [])],
)
def test_list_settings_take_comma_separated_values_or_json(monkeypatch, value, expected):
    for name in ("AQA_API_KEYS", "AQA_ADMIN_KEYS", "AQA_CORS_ORIGINS"):
        monkeypatch.setenv(name, value)
    s = load_settings(_env_file=None)
    assert s.api_keys == s.admin_keys == s.cors_origins == expected
    assert s.problems == {}


@pytest.mark.unit
def test_a_bad_setting_is_remembered_not_raised_and_names_the_variable(monkeypatch):
    monkeypatch.setenv("AQA_API_KEYS", '["k1",')
    monkeypatch.setenv("AQA_TOP_K", "five")
    s = load_settings(_env_file=None)
    assert s.api_keys == [] and s.top_k == Settings.model_fields["top_k"].default
    assert set(s.problems) == {"api_keys", "top_k"}
    assert s.problems["api_keys"].startswith("AQA_API_KEYS") and "comma-separated" in s.problems["api_keys"]
    assert "AQA_TOP_K" in s.problems["top_k"] and "whole number" in s.problems["top_k"]
    s.ensure({"data_dir", "embedding_model"})  # what the store needs is fine


def test_aqa_api_keys_as_one_plain_key_breaks_no_command():
    proc = aqa("--version", env={"AQA_API_KEYS": "k1"})
    assert proc.returncode == 0 and "0.1.0" in proc.stdout and not proc.stderr


def test_a_bad_list_setting_fails_serve_in_one_line_and_not_the_commands_that_do_not_use_it(tmp_path):
    bad = {"AQA_API_KEYS": '["k1",', "AQA_DATA_DIR": str(tmp_path / "data")}
    one_line_error(aqa("serve", env=bad), "AQA_API_KEYS", "comma-separated", "JSON list")
    # docs list does not use the API's keys: it goes on to its own complaint (no store there).
    one_line_error(aqa("docs", "list", env=bad), "No store in")


def test_a_bad_number_setting_fails_search_in_one_line_before_loading_the_models(tmp_path):
    (tmp_path / "data" / "chroma").mkdir(parents=True)
    started = time.monotonic()
    proc = aqa("search", "carers", "--data-dir", str(tmp_path / "data"), env={"AQA_TOP_K": "five"})
    one_line_error(proc, "AQA_TOP_K", "whole number")
    assert time.monotonic() - started < 30


# --- 2. CLI ----------------------------------------------------------------------------------------


def test_version():
    proc = aqa("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == "aqa (assessment-qa) 0.1.0"


def test_a_missing_path_fails_at_once_before_any_model_or_store_is_opened(tmp_path):
    data = tmp_path / "data"
    proc = aqa("ingest", str(tmp_path / "nope.txt"), str(tmp_path / "nor-this"), "--data-dir", str(data))
    line = one_line_error(proc, "no such file", "nope.txt", "nor-this")
    assert "error" in line
    assert not data.exists()  # no store was opened: nothing ran before the check


def test_reading_commands_refuse_a_data_dir_with_no_store(tmp_path):
    for args in (["search", "carers"], ["ask", "Who?"], ["docs", "list"]):
        one_line_error(aqa(*args, "--data-dir", str(tmp_path / "typo")), "No store in")
    assert not (tmp_path / "typo").exists()


def test_ask_with_an_unconfigured_openai_answerer_fails_in_one_line(tmp_path):
    (tmp_path / "data" / "chroma").mkdir(parents=True)
    proc = aqa("ask", "Who?", "--llm", "openai", "--data-dir", str(tmp_path / "data"))
    one_line_error(proc, "AQA_LLM_BASE_URL")


ODD_SOURCE = "odd[/x] name [bold]report.txt"
MARKED_TEXT = (
    "Wirral Council: local authority assessment\n\n"
    "The council opened its Harbour Reablement Hub [note] in May 2024 with the local NHS trust.\n"
)


@pytest.fixture
def odd_store(tmp_path, embedder, monkeypatch):
    """A store holding one document whose source name and text contain Rich markup."""
    import aqa.components

    data = tmp_path / "data"
    c = build_components(settings_for(data), embedder)
    raw = RawInput(source=ODD_SOURCE, identity="upload:odd", data=MARKED_TEXT.encode())
    report = c.ingestor.ingest([Pending(ODD_SOURCE, upload=raw)])
    assert not report.failures, report.failures
    monkeypatch.setattr(aqa.components, "build_components", lambda s, e=None: build_components(s, embedder))
    return data, report.documents[0]


def test_markup_in_source_names_and_text_is_printed_as_text(odd_store):
    data, doc = odd_store
    run = CliRunner().invoke
    listed = run(app, ["docs", "list", "--data-dir", str(data)])
    assert listed.exit_code == 0, listed.output
    assert ODD_SOURCE in listed.stdout

    found = run(app, ["search", "Harbour Reablement Hub", "--data-dir", str(data)])
    assert found.exit_code == 0, found.output
    assert ODD_SOURCE in found.stdout and "Hub [note] in May 2024" in found.stdout

    asked = run(app, ["ask", "When did Wirral open its Harbour Reablement Hub?", "--data-dir", str(data)])
    assert asked.exit_code == 0, asked.output
    assert "[note]" in asked.stdout.split("\n")[0]  # the answer line keeps the bracketed text
    assert ODD_SOURCE in asked.stdout

    shown = run(app, ["docs", "show", doc.id, "--data-dir", str(data)])
    assert shown.exit_code == 0 and f"source: {ODD_SOURCE}" in shown.stdout


def test_docs_rm_asks_first_unless_yes(odd_store):
    data, doc = odd_store
    run = CliRunner().invoke
    kept = run(app, ["docs", "rm", doc.id, "--data-dir", str(data)], input="n\n")
    assert kept.exit_code == 1 and "Remove" in kept.output
    assert run(app, ["docs", "list", "--json", "--data-dir", str(data)]).stdout.count(doc.id) == 1

    no_answer = run(app, ["docs", "rm", doc.id, "--data-dir", str(data)], input="")  # not interactive: nothing removed
    assert no_answer.exit_code == 1
    assert doc.id in run(app, ["docs", "list", "--json", "--data-dir", str(data)]).stdout

    removed = run(app, ["docs", "rm", doc.id, "--yes", "--data-dir", str(data)])
    assert removed.exit_code == 0 and f"removed {doc.id}" in removed.stdout
    assert doc.id not in run(app, ["docs", "list", "--json", "--data-dir", str(data)]).stdout
