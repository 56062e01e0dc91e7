"""The passage that best matches a question's words is read even when the embedding ranks it last."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from aqa.components import build_components
from rag.embeddings import HashEmbedder
from rag.settings import Settings

pytestmark = pytest.mark.integration


class MisleadingEmbedder(HashEmbedder):
    """Puts every passage naming the Gateway team as far from every question as it can."""

    def embed_batch(self, texts: Sequence[str]) -> list[list[float]]:
        near, far = [1.0] + [0.0] * (self.dimension - 1), [-1.0] + [0.0] * (self.dimension - 1)
        return [far if "Gateway team" in t else near for t in texts]


def test_a_rare_name_in_the_question_finds_its_passage_whatever_the_embedding(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, name in enumerate(f"{place} {kind}" for place in ("Ashcombe", "Lowbridge", "Northmere", "Kestrel", "Harrow")
                             for kind in ("Vale", "Bay", "Fenn", "Moor", "Cross", "Heath")):
        team = "the Gateway team gave people their first contact and assessment" if i == 3 else "the front door team took calls"
        (corpus / f"r{i}.txt").write_text(
            f"{name} Council (fictional): local authority assessment\nAssessing needs\nScore: 2\n"
            "Key findings for this quality statement\n"
            + " ".join(f"People told us that {team} and staff in team {j} were helpful." for j in range(12)) + "\n",
            encoding="utf-8",
        )
    c = build_components(Settings(data_dir=tmp_path / "data", _env_file=None), MisleadingEmbedder())
    assert not c.ingestor.ingest([str(corpus)]).failures
    hits = c.retriever.search("Which council has a Gateway team for first contact?", k=3).results
    assert any("Gateway team" in h.text for h in hits)
