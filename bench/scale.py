"""Scale: real ingest at ~10k chunks (against bare encode), then search latency and peak memory
at 10k, 100k and 1M chunks. Embedding 1M chunks at ~50 a second would take most of a week here,
so the large stores hold *perturbed copies of the real 10k vectors* (Gaussian noise, re-normalised)
with synthetic text and metadata: search cost depends on the count, not on where vectors came from.

    python -m bench.scale            # all sizes, each in its own process (peak memory is per size)
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from aqa.components import build_components
from bench import synthetic
from bench.common import machine, percentile, write_section
from rag import framework as fw
from rag.models import Chunk
from rag.settings import Settings

WORK = Path(tempfile.gettempdir()) / "aqa-scale"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def queries(authorities: list[str], rng: random.Random, n: int = 40) -> list[str]:
    out = []
    for i in range(n):
        topic = rng.choice(synthetic._TOPICS)
        out.append(f"How many people were waiting for {topic} in {rng.choice(authorities)}?" if i % 2 else f"{topic} budget and waiting times")
    return out


def search_times(components, qs: list[str]) -> list[float]:  # noqa: ANN001
    r = components.retriever
    r.search(qs[0])
    times = []
    for q in qs:
        t = time.perf_counter()
        r.search(q, k=5)
        times.append((time.perf_counter() - t) * 1000)
    return times


def real(target_chunks: int) -> dict:
    """Write synthetic reports until about `target_chunks`, ingest them for real, compare with bare encode."""
    shutil.rmtree(WORK, ignore_errors=True)
    folder = WORK / "reports"
    n_auth = max(1, round(target_chunks / (9 * 8)))  # about 8 chunks a report
    files = list(synthetic.write(folder, n_auth))
    c = build_components(Settings(data_dir=WORK / "real", _env_file=None))
    c.embedder.embed_documents(["warm up"] * 8)
    t = time.perf_counter()
    report = c.ingestor.ingest([str(folder)])
    ingest_s = time.perf_counter() - t
    texts = [ch.embedding_text() for ch in c.store.all_chunks()]
    t = time.perf_counter()
    c.embedder.embed_documents(texts)
    encode_s = time.perf_counter() - t
    t = time.perf_counter()
    c.retriever.refresh()
    index_s = time.perf_counter() - t
    times = search_times(c, queries(synthetic.authorities(n_auth), random.Random(3)))
    return {"chunks": report.added, "documents": len(files), "ingest_s": ingest_s, "encode_s": encode_s,
            "index_s": index_s, "p50": percentile(times, 50), "p95": percentile(times, 95), "peak_mb": peak_mb(),
            "failures": len(report.failures)}


def perturbed(size: int, keep: bool = False) -> dict:
    """A store of `size` chunks: the real vectors' perturbed copies, synthetic text."""
    base = build_components(Settings(data_dir=WORK / "real", _env_file=None))
    got = base.store._chunks.get(include=["embeddings"], limit=20_000)
    vectors = np.asarray(got["embeddings"], dtype=np.float32)
    c = build_components(Settings(data_dir=WORK / f"p{size}", _env_file=None), base.embedder)
    rng, nrng = random.Random(size), np.random.default_rng(size)
    names = synthetic.authorities(len(synthetic._C) * len(synthetic._A) * len(synthetic._B) * len(synthetic._KIND))
    t = time.perf_counter()
    batch = 5000
    with c.store.writing():
        for start in range(0, size, batch):
            chunks, vecs = [], []
            for i in range(start, min(start + batch, size)):
                st = fw.STATEMENTS[i % 9]
                text = " ".join(synthetic.sentence(rng) for _ in range(4))
                chunks.append(Chunk(id=f"s{i}", text=text, document_id=f"d{i // 3}", source=f"synthetic_{i // 3}.txt",
                                    authority=names[(i // 27) % len(names)], quality_statement=st.name, theme=st.theme,
                                    score=1 + i % 4, section="Key findings for this quality statement", start=0, end=len(text), position=i % 3))
            v = vectors[nrng.integers(0, len(vectors), len(chunks))] + nrng.normal(0, 0.02, (len(chunks), vectors.shape[1])).astype(np.float32)
            vecs = (v / np.linalg.norm(v, axis=1, keepdims=True)).tolist()
            c.store.upsert_chunks(chunks, vecs)
        c.store.bump_generation()
    insert_s = time.perf_counter() - t
    t = time.perf_counter()
    c.retriever.refresh()
    index_s = time.perf_counter() - t
    used = sorted({names[(i // 27) % len(names)] for i in range(0, size, 27)})
    times = search_times(c, queries(used, random.Random(3)))
    if not keep:
        shutil.rmtree(WORK / f"p{size}", ignore_errors=True)
    return {"chunks": size, "insert_s": insert_s, "index_s": index_s, "p50": percentile(times, 50), "p95": percentile(times, 95), "peak_mb": peak_mb()}


def child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.scale", *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--real", type=int, help="(child) real ingest at about this many chunks")
    ap.add_argument("--size", type=int, help="(child) a perturbed store of this many chunks")
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--target", type=int, default=10_000)
    args = ap.parse_args(argv)
    if args.real:
        print(json.dumps(real(args.real)))
        return
    if args.size:
        print(json.dumps(perturbed(args.size)))
        return
    r = child(["--real", str(args.target)])
    rows = [f"| {r['chunks']:,} (real vectors) | {r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['peak_mb']:,.0f} MB | {r['index_s']:.1f} s | ingest {r['ingest_s']:.0f} s |"]
    for size in (int(s) for s in args.sizes.split(",") if s):
        p = child(["--size", str(size)])
        rows.append(f"| {p['chunks']:,} (perturbed copies) | {p['p50']:.1f} ms | {p['p95']:.1f} ms | {p['peak_mb']:,.0f} MB | {p['index_s']:.1f} s | insert {p['insert_s']:.0f} s |")
    ratio = r["ingest_s"] / r["encode_s"]
    body = f"""Machine: {machine()}.
Synthetic corpus (`bench/synthetic.py`): fictional authorities x 9 quality statements in the
sample reports' shape; {r['documents']:,} report files for the real run.

**Real ingest at {r['chunks']:,} chunks:** {r['ingest_s']:.1f} s ({r['chunks'] / r['ingest_s']:.1f} chunks/s) against a bare
`encode` of the same chunk texts in {r['encode_s']:.1f} s: ratio **{ratio:.2f}** (target <= 1.15). {r['failures']} failures.

| chunks | search p50 | search p95 | peak RSS (process) | index load (BM25 + metadata) | build |
| --- | --- | --- | --- | --- | --- |
""" + "\n".join(rows) + """

Search = the full hybrid retrieval (query embedding, Chroma HNSW, BM25, fusion), warm, 40 queries
(half naming an authority, half not). Target: p50 <= 50 ms at 100k chunks. The perturbed stores'
vectors are the real ones plus N(0, 0.02) noise per dimension, re-normalised; their text and
metadata are synthetic. Peak RSS includes the embedding model (~0.8 GB).
"""
    write_section("Scale (issue 6)", body)
    print(body)


if __name__ == "__main__":
    main()
