"""The layers: the composition root and CLI (aqa/) sit above rag/, ingest/ and api/; rag/ imports
neither ingest/ nor api/; api/ route modules never import api.app (it imports them); api/ never
imports the composition root. Checked on every module's imports, including those inside
functions (only `if TYPE_CHECKING:` blocks are exempt)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.unit


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):  # `if TYPE_CHECKING:` blocks: types only, never run
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for b in node.body for n in ast.walk(b)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("path", modules("rag"), ids=lambda p: str(p.relative_to(ROOT)))
def test_rag_imports_neither_ingest_nor_api_nor_the_composition_root(path):
    assert not {m for m in imports(path) if top(m) in ("ingest", "api", "aqa")}


@pytest.mark.parametrize("path", modules("ingest"), ids=lambda p: str(p.relative_to(ROOT)))
def test_ingest_imports_neither_api_nor_the_composition_root(path):
    assert not {m for m in imports(path) if top(m) in ("api", "aqa")}


@pytest.mark.parametrize("path", modules("api"), ids=lambda p: str(p.relative_to(ROOT)))
def test_api_never_imports_the_composition_root_and_routes_never_import_the_app(path):
    found = imports(path)
    assert not {m for m in found if top(m) == "aqa"}
    if "routes" in path.parts:
        assert "api.app" not in found
