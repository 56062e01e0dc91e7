"""The pipeline a user would build from LangChain's RAG tutorial, side by side with ours.

Naive: RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) -> the same embedder
(HuggingFaceEmbeddings on the bundled all-MiniLM-L6-v2 weights) -> Chroma -> similarity top-5.
Both read the same text (our format extraction; the tutorial's loaders would differ by format).
Measured on the eval set's answerable questions with gold passages: hit@5 (a gold quote inside a
retrieved chunk from the same source), ingest time and query latency.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from aqa.components import build_components
from bench.common import copy_corpus, eval_cases, machine, percentile, write_section
from ingest import formats
from rag.embeddings import resolve_model_path
from rag.settings import DEFAULT_EMBEDDING_MODEL, Settings
from rag.text import normalise_space


def naive_store(corpus: Path, where: Path):  # noqa: ANN201
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    embeddings = HuggingFaceEmbeddings(model_name=str(resolve_model_path(DEFAULT_EMBEDDING_MODEL)),
                                       model_kwargs={"device": "cpu"}, encode_kwargs={"normalize_embeddings": True})
    embeddings.embed_query("warm up")
    t = time.perf_counter()
    docs = []
    for p in sorted(corpus.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            docs.append(Document(page_content=formats.extract(data, formats.detect(data, p.name)), metadata={"source": p.name}))
    splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
    store = Chroma.from_documents(splits, embeddings, persist_directory=str(where), collection_name="naive")
    return store, len(splits), time.perf_counter() - t


def hit(gold: list[dict], retrieved: list[tuple[str, str]]) -> bool:
    return any(Path(g["source"]).name == src and normalise_space(g["quote"]) in normalise_space(text)
               for g in gold for src, text in retrieved)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="aqa-naive-"))
    corpus = copy_corpus(tmp / "corpus")
    cases = [c for c in eval_cases() if c["answerable"] and c.get("gold")]

    naive, naive_chunks, naive_ingest = naive_store(corpus, tmp / "naive")
    c = build_components(Settings(data_dir=tmp / "ours", _env_file=None))
    t = time.perf_counter()
    ours_report = c.ingestor.ingest([str(corpus)])
    ours_ingest = time.perf_counter() - t

    def run(search) -> tuple[float, list[float]]:  # noqa: ANN001
        search(cases[0]["question"])
        hits, ms = 0, []
        for case in cases:
            t = time.perf_counter()
            retrieved = search(case["question"])
            ms.append((time.perf_counter() - t) * 1000)
            hits += hit(case["gold"], retrieved)
        return hits / len(cases), ms

    naive_hit, naive_ms = run(lambda q: [(d.metadata["source"], d.page_content) for d in naive.similarity_search(q, k=5)])
    ours_hit, ours_ms = run(lambda q: [(h.source, h.text) for h in c.retriever.search(q, k=5).results])

    p50 = lambda xs: percentile(xs, 50)  # noqa: E731
    p95 = lambda xs: percentile(xs, 95)  # noqa: E731
    body = f"""Machine: {machine()}.
Corpus: the sample and the real report sections; questions: the {len(cases)} answerable cases of
`evals/cqc.jsonl` with gold passages (the question alone: no filters, no history).

| measure | naive LangChain tutorial | assessment-qa | ratio (naive / ours) |
| --- | --- | --- | --- |
| hit@5 | {naive_hit:.3f} | **{ours_hit:.3f}** | |
| chunks | {naive_chunks} | {ours_report.added} | |
| ingest (parse, split, embed, store) | {naive_ingest:.1f} s | {ours_ingest:.1f} s | {naive_ingest / ours_ingest:.2f} |
| query p50 | {p50(naive_ms):.1f} ms | {p50(ours_ms):.1f} ms | {p50(naive_ms) / p50(ours_ms):.2f} |
| query p95 | {p95(naive_ms):.1f} ms | {p95(ours_ms):.1f} ms | {p95(naive_ms) / p95(ours_ms):.2f} |

Naive: `RecursiveCharacterTextSplitter(1000, 200)`, `HuggingFaceEmbeddings` (same weights),
`langchain_chroma.Chroma`, `similarity_search(k=5)`. Ours: authority-aware chunks with headers,
BM25 + dense fused, authority filters from the query. Target: hit@5 >= 0.95.
"""
    write_section("Side by side with the naive LangChain pipeline (issue 6)", body)
    print(body)


if __name__ == "__main__":
    main()
