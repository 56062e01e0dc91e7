"""Ingest throughput against bare encode time, warm search latency, cold start to first result.

Targets (issue 2): ingest wall time <= 1.15x the embedder's bare `encode` of the same chunks;
search p50 <= 50 ms warm on the sample corpus.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aqa.components import build_components
from bench.common import copy_corpus, machine, percentile, summary_ms, timed, write_section
from rag.embeddings import SentenceTransformerEmbedder
from rag.settings import Settings

QUERIES = [
    "When did Wirral launch its Transfer of Care Hub?",
    "What did Telford and Wrekin's partners say about unpaid carers?",
    "How many people were waiting for a Care Act assessment in Ashcombe Vale?",
    "What share of discharges met Harrowfield's Home by Lunch commitment?",
    "Which charity runs the Bay Cultural Link project?",
    "safeguarding concerns awaiting triage",
    "What did Northmere score for partnerships and communities?",
    "agency social workers cost Brackenholt",
    "falls prevention classes",
    "Better Care Fund pooled budget",
]


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="aqa-bench-"))
    corpus = copy_corpus(tmp / "corpus")
    embedder = SentenceTransformerEmbedder()
    embedder.embed_documents(["warm up"] * 4)
    c = build_components(Settings(data_dir=tmp / "data", _env_file=None), embedder)

    t = time.perf_counter()
    report = c.ingestor.ingest([str(corpus)])
    ingest_s = time.perf_counter() - t
    texts = [ch.embedding_text() for ch in c.store.all_chunks()]
    t = time.perf_counter()
    embedder._model.encode(texts, batch_size=32, normalize_embeddings=True)  # the bare model call
    encode_s = time.perf_counter() - t
    ratio = ingest_s / encode_s

    retriever = c.retriever
    retriever.search(QUERIES[0])
    samples: list[float] = []
    for _ in range(5):
        for q in QUERIES:
            samples += timed(lambda q=q: retriever.search(q), 1)

    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "aqa.cli", "search", "Transfer of Care Hub", "--json", "--data-dir", str(tmp / "data")],
        check=True, capture_output=True,
    )
    cold_s = time.perf_counter() - t
    shutil.rmtree(tmp, ignore_errors=True)

    body = f"""Machine: {machine()}.
Corpus: the fictional sample (`examples/corpus`, 7 reports in 4 formats) and the 2 real report sections; {report.added} chunks.

| measure | value | target |
| --- | --- | --- |
| ingest wall time (parse, chunk, embed, store) | {ingest_s:.2f} s ({report.added / ingest_s:.1f} chunks/s) | |
| bare `encode` of the same {len(texts)} chunk texts | {encode_s:.2f} s ({len(texts) / encode_s:.1f} chunks/s) | |
| ratio ingest / bare encode | **{ratio:.2f}** | <= 1.15 |
| search, warm ({len(samples)} queries) | {summary_ms(samples)} | p50 <= 50 ms |
| cold start to first result (`aqa search --json`, new process) | {cold_s:.1f} s | |

Search p50 {percentile(samples, 50):.1f} ms includes embedding the query on the CPU. Cold start is
mostly importing torch and loading the model.
"""
    write_section("Ingest and search (issue 2)", body)
    print(body)


if __name__ == "__main__":
    main()
