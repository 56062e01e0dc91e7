"""The `aqa` command line. Formatting of results happens here (and in the API), nowhere else."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rag.errors import AQAError
from rag.settings import Settings, get_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="Question answering over CQC assessment reports.")
docs_app = typer.Typer(no_args_is_help=True, help="List, show and remove ingested documents.")
app.add_typer(docs_app, name="docs")
err = Console(stderr=True)
out = Console(highlight=False)

DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Store location (AQA_DATA_DIR).")]
Json = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def _settings(data_dir: Path | None = None, **overrides: Any) -> Settings:
    s = get_settings()
    changes = {k: v for k, v in {"data_dir": data_dir, **overrides}.items() if v is not None}
    return s.model_copy(update=changes) if changes else s


def _components(settings: Settings):  # noqa: ANN202
    from rag.components import build_components

    return build_components(settings)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or http(s) URLs.")],
    authority: Annotated[str | None, typer.Option(help="Authority for inputs whose text does not name one.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary and errors.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Ingest reports into the store. Unchanged inputs are skipped; changed ones replaced."""
    components = _components(_settings(data_dir))
    started = time.perf_counter()
    if quiet or not sys.stderr.isatty():
        progress_cb = None if quiet else _plain_progress(started)
        report = components.ingestor.ingest(paths, authority=authority, progress=progress_cb)
    else:
        with Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
            TextColumn("{task.fields[chunks]} chunks, {task.fields[rate]} chunks/s"), TimeElapsedColumn(),
            TextColumn("{task.fields[current]}"), console=err,
        ) as bar:
            task = bar.add_task("ingest", total=None, chunks=0, rate="0.0", current="")

            def update(done: int, total: int, chunks: int, current: str) -> None:
                rate = chunks / max(time.perf_counter() - started, 1e-6)
                bar.update(task, completed=done, total=total, chunks=chunks, rate=f"{rate:.1f}", current=Path(current).name)

            report = components.ingestor.ingest(paths, authority=authority, progress=update)
    for f in report.failures:
        err.print(f"[red]error[/red] {f.source}: {f.message}", soft_wrap=True)
    for src in report.unknown_authority:
        err.print(f"[yellow]warning[/yellow] {src}: authority unknown (no title line or known name; use --authority or a sidecar {src}.meta.json)", soft_wrap=True)
    out.print(report.summary(), soft_wrap=True)
    if report.failures:
        raise typer.Exit(1)


def _plain_progress(started: float):  # noqa: ANN202
    def update(done: int, total: int, chunks: int, current: str) -> None:
        rate = chunks / max(time.perf_counter() - started, 1e-6)
        err.print(f"[{done}/{total}] {chunks} chunks, {rate:.1f} chunks/s {current}", soft_wrap=True)

    return update


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="The query, or - to read one query per line from stdin.")],
    authority: Annotated[list[str] | None, typer.Option("--authority", "-a", help="Only this authority (repeatable).")] = None,
    statement: Annotated[list[str] | None, typer.Option("--statement", "-s", help="Only this quality statement (repeatable).")] = None,
    k: Annotated[int, typer.Option("-k", help="How many results.")] = 5,
    as_json: Json = False,
    data_dir: DataDir = None,
) -> None:
    """Hybrid search: passages with their authority, statement, score, section and offsets."""
    components = _components(_settings(data_dir))
    retriever = components.retriever
    queries = (line.strip() for line in sys.stdin) if query == "-" else iter([query])
    for q in queries:
        if not q:
            continue
        response = retriever.search(q, authorities=authority or (), statements=statement or (), k=k)
        if as_json:
            print(json.dumps(response.model_dump(), ensure_ascii=False), flush=True)
            continue
        if response.notice:
            out.print(f"[yellow]{response.notice}[/yellow]")
        for i, hit in enumerate(response.results, 1):
            score = f"score {hit.score}" if hit.score else "no score"
            out.print(f"[bold]{i}. {hit.authority}[/bold] — {hit.quality_statement or 'Overview'} ({score}) — {hit.section}")
            out.print(f"   {hit.source} [{hit.start}:{hit.end}]  rank {hit.rank_score:.4f}")
            out.print(f"   {hit.text[:400]}{'…' if len(hit.text) > 400 else ''}\n", soft_wrap=True)


LLMChoice = Annotated[str | None, typer.Option("--llm", help="extractive | local | openai (AQA_LLM).")]


def _print_answer(answer, as_json: bool) -> None:  # noqa: ANN001
    if as_json:
        print(json.dumps(answer.model_dump(exclude={"question", "answerer"}), ensure_ascii=False))
        return
    style = "yellow" if answer.abstained else "bold"
    out.print(f"[{style}]{answer.answer}[/{style}]", soft_wrap=True)
    for c in answer.citations:
        out.print(f"  [{c.n}] {c.authority} — {c.quality_statement or 'Overview'} — {c.section} ({c.source} {c.start}:{c.end})", soft_wrap=True)
        out.print(f"      “{c.quote[:300]}{'…' if len(c.quote) > 300 else ''}”", soft_wrap=True, markup=False)
    for r in answer.removed:
        err.print(f"  [dim]{r.action}: {r.sentence} ({r.reason})[/dim]", soft_wrap=True)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question about the reports.")],
    authority: Annotated[list[str] | None, typer.Option("--authority", "-a", help="Only this authority (repeatable).")] = None,
    statement: Annotated[list[str] | None, typer.Option("--statement", "-s", help="Only this quality statement.")] = None,
    llm: LLMChoice = None,
    as_json: Json = False,
    data_dir: DataDir = None,
) -> None:
    """A short answer with numbered citations to the exact passages, checked against them."""
    from rag.answer.chain import Ask

    components = _components(_settings(data_dir))
    answer = components.answerer.invoke(Ask(question, authorities=authority or [], statements=statement or [], llm=llm))
    _print_answer(answer, as_json)


@app.command()
def chat(llm: LLMChoice = None, data_dir: DataDir = None) -> None:
    """Ask questions one after another; follow-ups ("and Telford?") use the conversation."""
    from rag.answer.chain import Ask

    components = _components(_settings(data_dir))
    history: list[dict[str, str]] = []
    out.print("Ask about the reports (empty line or Ctrl-D to stop).")
    while True:
        try:
            question = input("> ").strip()
        except EOFError:
            break
        if not question:
            break
        answer = components.answerer.invoke(Ask(question, history=list(history), llm=llm))
        _print_answer(answer, as_json=False)
        history += [{"role": "user", "content": answer.question}, {"role": "assistant", "content": answer.answer}]


@docs_app.command("list")
def docs_list(as_json: Json = False, data_dir: DataDir = None) -> None:
    """Every ingested document."""
    docs = _components(_settings(data_dir)).store.documents()
    if as_json:
        print(json.dumps({"documents": [d.model_dump() for d in docs]}, ensure_ascii=False))
        return
    for d in docs:
        scores = ", ".join(f"{k} {v}" for k, v in d.scores.items())
        out.print(f"{d.id}  {d.authority:<32} {d.format:<4} {d.chunks:>4} chunks  {d.source}  {scores}", soft_wrap=True)
    out.print(f"{len(docs)} documents")


@docs_app.command("show")
def docs_show(document_id: str, as_json: Json = False, data_dir: DataDir = None) -> None:
    """A document's metadata and full text."""
    info, text = _components(_settings(data_dir)).store.document(document_id)
    if as_json:
        print(json.dumps({**info.model_dump(), "text": text}, ensure_ascii=False))
        return
    for key, value in info.model_dump().items():
        out.print(f"{key}: {value}", soft_wrap=True)
    out.print("")
    out.print(text, soft_wrap=True, markup=False)


@docs_app.command("rm")
def docs_rm(document_id: str, data_dir: DataDir = None) -> None:
    """Remove a document and all its chunks."""
    removed = _components(_settings(data_dir)).ingestor.remove(document_id)
    out.print(f"removed {document_id} ({removed} chunks)")


@app.command("eval")
def evaluate(
    testset: Annotated[Path, typer.Argument(help="JSONL or CSV test set (see evals/README.md).")],
    llm: LLMChoice = None,
    k: Annotated[int, typer.Option("-k", help="Passages retrieved per question (retrieval metrics @k).")] = 5,
    out_dir: Annotated[Path, typer.Option("--out", help="Where results.json, summary.md, report.html go.")] = Path("evals/out"),
    compare: Annotated[Path | None, typer.Option("--compare", help="A baseline results.json.")] = None,
    fail_under: Annotated[list[str] | None, typer.Option("--fail-under", help="METRIC=VALUE; exit 1 below it (repeatable).")] = None,
    data_dir: DataDir = None,
) -> None:
    """Run a test set, score it without an LLM judge, and write the reports."""
    from rag.evaluation import compare as cmp
    from rag.evaluation import dataset, report, runner

    cases = dataset.load(testset)  # before loading any model: a bad test set fails fast
    thresholds = _thresholds(fail_under or [])
    baseline = cmp.load(compare) if compare else None
    components = _components(_settings(data_dir))
    with Progress(TextColumn("eval"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.fields[case]}"),
                  console=err, disable=not err.is_terminal) as bar:
        task = bar.add_task("eval", total=len(cases), case="")
        results = runner.run(cases, components.answerer, components.store, llm=llm, k=k, name=testset.name,
                             progress=lambda done, total, case: bar.update(task, completed=done, case=case))
    comparison = cmp.compare(results, baseline, str(compare)) if baseline else None
    paths = report.write(results, out_dir, comparison)
    out.print(report.summary_md(results, comparison), markup=False, soft_wrap=True)
    err.print(f"reports: {paths['report']}  {paths['results']}  {paths['summary']}")
    failed = cmp.gate(results, thresholds)
    for line in failed:
        err.print(f"[red]fail-under:[/red] {line}")
    if failed:
        raise typer.Exit(1)


def _thresholds(items: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise AQAError(f"--fail-under {item!r}: write METRIC=VALUE, e.g. fact_recall=0.8")
    return out


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (above 1 needs a Chroma server: AQA_CHROMA_URL).")] = 1,
    data_dir: DataDir = None,
) -> None:
    """Serve the HTTP API, the chat widget (/widget.js) and the demo page (/)."""
    import uvicorn

    settings = _settings(data_dir)
    if workers > 1 and not settings.chroma_url:
        raise AQAError(
            f"--workers {workers} needs a Chroma server (AQA_CHROMA_URL): the embedded store takes one writer "
            "process. Run `chroma run --path DIR` and point AQA_CHROMA_URL at it, or serve with --workers 1."
        )
    if workers > 1:  # each worker builds its own components from the environment
        os.environ["AQA_DATA_DIR"] = str(settings.data_dir)
        uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers)
        return
    from api.app import create_app

    uvicorn.run(create_app(settings), host=host, port=port)


def main() -> None:
    try:
        app()
    except AQAError as e:
        err.print(f"[red]error:[/red] {e}", soft_wrap=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
