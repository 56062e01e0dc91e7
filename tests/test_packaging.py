"""A normal (non-editable) install carries everything the answer path reads: prompts, static
files, gazetteer data. Built as a wheel, installed into a folder of its own, and run from
outside the repository, it ingests a report and answers a question."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_a_wheel_install_answers_a_question(tmp_path: Path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(ROOT), "-w", str(dist)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("assessment_qa-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"prompts/system.md", "prompts/answer.md", "prompts/passage.md", "rag/data/authorities.csv", "api/static/widget.js"} <= names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    script = f"""
import sys
sys.path.insert(0, {str(target)!r})
import rag, prompts
assert rag.__file__.startswith({str(target)!r}), rag.__file__
from rag.settings import Settings
from aqa.components import build_components
from rag.answer.chain import Ask, build_chain
from rag.prompts import Prompts
Prompts()
c = build_components(Settings(data_dir={str(tmp_path / 'data')!r}, embedding_backend="hash", _env_file=None))
c.ingestor.ingest([{str(EXAMPLES / 'report_0147.txt')!r}])
a = build_chain(c).invoke(Ask("What did Ashcombe Vale score for partnerships and communities?"))
print(a.answer)
"""
    # Run from an empty folder with the repository off the path: only the installed copy is importable.
    out = subprocess.run([sys.executable, "-I", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Ashcombe Vale Council scored 3" in out.stdout
