"""Shared fixtures: the real embedder (loaded once), real Chroma stores in temporary folders,
the real CQC report sections from ../shared/corpus and the fictional sample corpus."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from aqa.components import Components, build_components  # noqa: E402
from rag.embeddings import Embedder, SentenceTransformerEmbedder  # noqa: E402
from rag.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
EXAMPLES = ROOT / "examples" / "corpus"
WIRRAL = SHARED / "000_3b4cf9f850c44e2d.txt"
TELFORD = SHARED / "003_d6945e273276b01c.txt"


def real_reports() -> list[Path]:
    if not WIRRAL.exists() or not TELFORD.exists():
        pytest.fail(f"The real report sections are missing: expected them in {SHARED}")
    return [WIRRAL, TELFORD]


def make_twin(src: Path, dest: Path, replacements: dict[str, str]) -> Path:
    """A look-alike report: the same text with another authority's name and other figures."""
    text = src.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, f"{old!r} not in {src.name}"
        text = text.replace(old, new)
    dest.write_text(text, encoding="utf-8")
    return dest


# Wirral's section renamed to Knowsley (a real authority the gazetteer knows), figures changed.
WIRRAL_TWIN = {"Wirral": "Knowsley", "July 2023": "March 2022", "Arrowe Park": "Whiston", "2024-2029": "2023-2028"}
# Telford's section with its title line naming a fictional authority, figures changed.
TELFORD_TWIN = {"Telford and Wrekin": "Oakhurst Vale", "(2022-2025)": "(2021-2024)", "5 key priorities": "4 key priorities"}


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return SentenceTransformerEmbedder()


def settings_for(path: Path, **kw) -> Settings:
    return Settings(data_dir=path, _env_file=None, **kw)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return settings_for(tmp_path / "data")


@pytest.fixture
def components(settings: Settings, embedder: Embedder) -> Components:
    return build_components(settings, embedder)


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real reports, their twins and the sample corpus, side by side in one folder."""
    d = tmp_path_factory.mktemp("corpus")
    for p in real_reports():
        shutil.copy(p, d / p.name)
    make_twin(WIRRAL, d / "twin_wirral.txt", WIRRAL_TWIN)
    make_twin(TELFORD, d / "twin_telford.txt", TELFORD_TWIN)
    shutil.copytree(EXAMPLES, d / "examples")
    return d


@pytest.fixture(scope="session")
def loaded(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, corpus_dir: Path) -> Components:
    """One store with everything in corpus_dir ingested, shared by read-only tests."""
    c = build_components(settings_for(tmp_path_factory.mktemp("loaded")), embedder)
    report = c.ingestor.ingest([str(corpus_dir)])
    assert not report.failures, report.failures
    return c


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def app_over(components: Components, **overrides):
    """The API app over existing components (models already loaded), with some settings changed."""
    import dataclasses

    from api.app import create_app

    settings = components.settings.model_copy(update=overrides)
    return create_app(components=dataclasses.replace(components, settings=settings))


@pytest.fixture(scope="session")
def api_url(loaded: Components):
    """A real uvicorn server over the loaded store, keys off, CORS open to one origin."""
    from tests.servers import serving

    with serving(app_over(loaded, cors_origins=["http://allowed.example"], rate_limit_per_minute=100_000)) as url:
        yield url
