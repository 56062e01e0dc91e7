"""The embedder on ONNX Runtime (fp32 and int8), exported locally from the bundled weights,
against sentence-transformers on torch: encode speed, and hit@5 on the eval set for each.

Target (issue 6): int8 encode >= 2x faster than torch with hit@5 within 0.01.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from aqa.components import build_components
from bench.common import ROOT, copy_corpus, machine, write_section
from rag.embeddings import build_embedder
from rag.evaluation import dataset, runner
from rag.settings import Settings


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="aqa-onnx-"))
    corpus = copy_corpus(tmp / "corpus")
    cases = [c for c in dataset.load(ROOT / "evals" / "cqc.jsonl") if c.answerable]
    rows, texts, base = [], None, None
    for backend in ("sentence-transformers", "onnx", "onnx-int8"):
        settings = Settings(data_dir=tmp / backend, embedding_backend=backend, _env_file=None)
        t = time.perf_counter()
        embedder = build_embedder(settings)  # exports on first use
        load_s = time.perf_counter() - t
        c = build_components(settings, embedder)
        c.ingestor.ingest([str(corpus)])
        if texts is None:
            texts = [ch.embedding_text() for ch in c.store.all_chunks()] * 3
        embedder.embed_documents(texts[:16])
        t = time.perf_counter()
        embedder.embed_documents(texts)
        rate = len(texts) / (time.perf_counter() - t)
        base = base or rate
        results = runner.run(cases, c.answerer, c.store)
        s = results["summary"]
        rows.append(f"| {backend} | {rate:.1f} | {rate / base:.2f}x | {s['hit_at_k']['value']:.3f} | {s['fact_recall']['value']:.3f} | {load_s:.1f} s |")
    body = f"""Machine: {machine()}.
Encode: {len(texts)} chunk texts (the sample and real corpus's chunks, three times), batch 32,
2 threads. Quality: the {len(cases)} answerable cases of `evals/cqc.jsonl`, each backend with its own store.

| backend | chunks/s | speed vs torch | hit@5 | fact recall | first load (incl. export) |
| --- | --- | --- | --- | --- | --- |
""" + "\n".join(rows) + """

`onnx`: torch.onnx export of the same weights (onnxruntime fuses the graph at load);
`onnx-int8`: the same, weights quantised to int8 (dynamic quantisation). Set
`AQA_EMBEDDING_BACKEND=onnx-int8` to use it; a store remembers its backend (vectors differ).
"""
    write_section("ONNX Runtime embedder (issue 6)", body)
    print(body)


if __name__ == "__main__":
    main()
