"""`aqa docs list / show / rm` through the real command."""

from __future__ import annotations

import json

import pytest
from conftest import TELFORD, WIRRAL, settings_for
from typer.testing import CliRunner

from aqa.cli import app
from aqa.components import build_components

pytestmark = pytest.mark.integration


def test_docs_list_show_and_rm(tmp_path, embedder):
    data = tmp_path / "data"
    build_components(settings_for(data), embedder).ingestor.ingest([str(WIRRAL), str(TELFORD)])
    run = CliRunner().invoke
    listed = json.loads(run(app, ["docs", "list", "--json", "--data-dir", str(data)]).stdout)["documents"]
    assert sorted(d["authority"] for d in listed) == ["Telford and Wrekin Council", "Wirral Council"]
    wirral = next(d for d in listed if d["authority"] == "Wirral Council")

    shown = json.loads(run(app, ["docs", "show", wirral["id"], "--json", "--data-dir", str(data)]).stdout)
    assert shown["text"] == WIRRAL.read_text(encoding="utf-8") and shown["source"] == WIRRAL.name

    removed = run(app, ["docs", "rm", wirral["id"], "--yes", "--data-dir", str(data)])
    assert removed.exit_code == 0 and f"removed {wirral['id']} ({wirral['chunks']} chunks)" in removed.stdout
    left = json.loads(run(app, ["docs", "list", "--json", "--data-dir", str(data)]).stdout)["documents"]
    assert [d["authority"] for d in left] == ["Telford and Wrekin Council"]
