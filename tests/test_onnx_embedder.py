"""The ONNX Runtime embedder: exported locally from the bundled weights, close to torch's
vectors, and a store built with it refuses the torch embedder (and the other way round)."""

from __future__ import annotations

import numpy as np
import pytest

from aqa.components import build_components
from rag.embeddings import build_embedder
from rag.errors import ModelMismatch
from tests.conftest import EXAMPLES, settings_for

pytestmark = [pytest.mark.integration, pytest.mark.slow]

TEXTS = ["The local authority launched a Joint Discharge Hub in March 2023.", "Carers told us respite was hard to find.",
         "Safeguarding enquiries were completed on time."]


@pytest.mark.parametrize("backend, closeness", [("onnx", 0.999), ("onnx-int8", 0.85)])
def test_onnx_vectors_are_unit_length_and_close_to_torch(tmp_path, embedder, backend, closeness):
    onnx = build_embedder(settings_for(tmp_path, embedding_backend=backend))
    assert onnx.name == f"all-MiniLM-L6-v2+{backend}" and onnx.dimension == embedder.dimension
    a, b = np.array(onnx.embed_documents(TEXTS)), np.array(embedder.embed_documents(TEXTS))
    assert np.allclose(np.linalg.norm(a, axis=1), 1, atol=1e-4)
    assert (a * b).sum(1).min() > closeness
    assert onnx.count_tokens("Joint Discharge Hub") == embedder.count_tokens("Joint Discharge Hub")


def test_a_store_built_with_onnx_int8_answers_and_refuses_the_torch_embedder(tmp_path, embedder):
    settings = settings_for(tmp_path, embedding_backend="onnx-int8")
    c = build_components(settings)
    c.ingestor.ingest([str(EXAMPLES / "report_0147.txt")])
    hits = c.retriever.search("When was the Joint Discharge Hub launched?", k=3).results
    assert any("March 2023" in h.text for h in hits)
    with pytest.raises(ModelMismatch):
        build_components(settings_for(tmp_path), embedder)
