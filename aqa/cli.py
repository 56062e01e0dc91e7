"""The `aqa` command line. Formatting of results happens here (and in the API), nowhere else."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rag.answer import registry
from rag.errors import AQAError, BadInput
from rag.feedback import source_card
from rag.models import DocumentInfo
from rag.settings import INGEST_FIELDS, LLM_FIELDS, SEARCH_FIELDS, STORE_FIELDS, Settings, get_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="Question answering over CQC assessment reports.")
docs_app = typer.Typer(no_args_is_help=True, help="List, show and remove ingested documents.")
app.add_typer(docs_app, name="docs")
feedback_app = typer.Typer(no_args_is_help=True, help="Ratings of answers (POST /v1/feedback), exported as test cases.")
app.add_typer(feedback_app, name="feedback")
err = Console(stderr=True)
out = Console(highlight=False)

DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Store location (AQA_DATA_DIR).")]
Json = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("assessment-qa")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.1.0"


def _show_version(value: bool) -> None:
    if value:
        print(f"aqa (assessment-qa) {_version()}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Question answering over CQC assessment reports."""


def _settings(data_dir: Path | None = None, **overrides: Any) -> Settings:
    s = get_settings()
    changes = {k: v for k, v in {"data_dir": data_dir, **overrides}.items() if v is not None}
    # An option given on the command line replaces its setting, bad or not.
    return s.model_copy(update=changes).without_problems(changes) if changes else s


SEARCHING = STORE_FIELDS | SEARCH_FIELDS
ANSWERING = SEARCHING | LLM_FIELDS


def _components(settings: Settings, needs: frozenset[str] = ANSWERING):  # noqa: ANN202
    """Build the models and the store, once the settings this command needs are known to be good."""
    settings.ensure(needs)
    from aqa.components import build_components

    return build_components(settings)


def _existing_store(settings: Settings) -> Settings:
    """Reading commands need a store that exists: a mistyped --data-dir is an error, not an empty answer."""
    settings.ensure(STORE_FIELDS)
    if not settings.chroma_url and not settings.chroma_dir.exists():
        raise BadInput(
            f"No store in {settings.data_dir}: nothing has been ingested there. "
            "Run `aqa ingest` first, or point --data-dir (AQA_DATA_DIR) at the store."
        )
    return settings


def _check_llm(settings: Settings, llm: str | None) -> None:
    """The answerer asked for is known and configured, before any model is loaded."""
    settings.ensure(LLM_FIELDS)
    registry.check(settings, llm)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or http(s) URLs.")],
    authority: Annotated[str | None, typer.Option(help="Authority for inputs whose text does not name one.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary and errors.")] = False,
    follow: Annotated[bool, typer.Option("--follow", help="From each URL (a CQC report page), also ingest the report's other pages: same host and report path, robots.txt honoured, only what changed since the last run.")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="With --follow: also the report's PDF download.")] = False,
    max_pages: Annotated[int | None, typer.Option("--max-pages", min=1, help="With --follow: at most this many pages per report (default 20).")] = None,
    delay: Annotated[float | None, typer.Option("--delay", min=0, help="With --follow: seconds between requests (default 1; more if robots.txt asks).")] = None,
    data_dir: DataDir = None,
) -> None:
    """Ingest reports into the store. Unchanged inputs are skipped; changed ones replaced."""
    from ingest.sources import is_url

    missing = [p for p in paths if not is_url(p) and not Path(p).exists()]
    if missing:  # before loading any model
        raise BadInput("; ".join(f"{p}: no such file" for p in missing))
    if not follow and (pdf or max_pages is not None or delay is not None):
        raise BadInput("--pdf, --max-pages and --delay go with --follow")
    if follow and not any(is_url(p) for p in paths):
        raise BadInput("--follow needs the URL of a report page (http or https)")
    settings = _settings(data_dir)
    components = _components(settings, needs=STORE_FIELDS | INGEST_FIELDS)
    crawl = None
    specs: list[Any] = list(paths)
    if follow:
        from ingest import crawl as crawling

        crawler = crawling.Crawler(
            max_bytes=settings.max_input_bytes, timeout=settings.url_timeout, max_html_bytes=settings.max_html_bytes,
            state=crawling.CrawlState(settings.data_dir / crawling.STATE_FILE),
            pipeline=crawling.pipeline_key(components.embedder.name, authority),
            known=lambda url: components.store.find_document(crawling.document_id(url)) is not None,
            max_pages=20 if max_pages is None else max_pages, delay=1.0 if delay is None else delay, pdf=pdf,
            log=(lambda line: None) if quiet else (lambda line: err.print(line, markup=False, soft_wrap=True, highlight=False)),
        )
        crawl = crawler.crawl([p for p in paths if is_url(p)])
        specs = [p for p in paths if not is_url(p)] + crawl.pending()
    started = time.perf_counter()
    if quiet or not sys.stderr.isatty():
        report = components.ingestor.ingest(specs, authority=authority, done=None if quiet else _plain_progress(started))
    else:
        with Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
            TextColumn("{task.fields[chunks]} chunks"), _Clock(started), TextColumn("{task.fields[current]}"), console=err,
        ) as bar:
            task = bar.add_task("ingest", total=None, chunks=0, current="")
            chunked = 0

            def reading(done: int, total: int, chunks: int, current: str) -> None:
                bar.update(task, total=total, current=escape(Path(current).name) if current else "")

            def finished(done: int, total: int, source: str, what: str) -> None:
                nonlocal chunked
                if not source:  # an embedding batch starts
                    bar.update(task, current=escape(what + "…"))
                    return
                chunked += int(what.split()[0]) if what[:1].isdigit() else 0
                bar.update(task, completed=done, total=total, chunks=chunked)

            report = components.ingestor.ingest(specs, authority=authority, progress=reading, done=finished)
    if crawl is not None:
        for line in crawl.finish(report, components.store):
            err.print(f"[yellow]{escape(line)}[/yellow]", soft_wrap=True)
    for f in report.failures:
        err.print(f"[red]error[/red] {escape(f.source)}: {escape(f.message)}", soft_wrap=True)
    for doc in report.documents:  # what each document was recognised as, and what looks missing
        if not quiet:
            err.print(f"  {escape(doc.source)}: {escape(_recognised(doc))}", soft_wrap=True)
        for w in doc.warnings:
            err.print(f"[yellow]warning[/yellow] {escape(doc.source)}: {escape(w)}", soft_wrap=True)
    for src in report.unknown_authority:
        err.print(f"[yellow]warning[/yellow] {escape(src)}: authority unknown (no title line or known name; use --authority or a sidecar {escape(src)}.meta.json)", soft_wrap=True)
    out.print(report.summary(), soft_wrap=True)
    if report.failures:
        raise typer.Exit(1)


def _recognised(doc: DocumentInfo) -> str:
    """"Wiltshire Council; 1 score (Safeguarding 2)", "City of York Council; 9 scores; overall Requires improvement, 39%"."""
    parts = [doc.authority]
    if doc.scores:
        listed = ", ".join(f"{k} {v}" for k, v in doc.scores.items()) if len(doc.scores) <= 2 else ""
        parts.append(f"{len(doc.scores)} score{'s' if len(doc.scores) != 1 else ''}" + (f" ({listed})" if listed else ""))
    statements = [s for s in doc.quality_statements if s not in doc.scores]
    if statements:
        parts.append(f"text for {', '.join(statements)}")
    overall = ", ".join(x for x in (doc.overall_rating, f"{doc.overall_percent}%" if doc.overall_percent else "") if x)
    if overall:
        parts.append(f"overall {overall}" + (" (indicative)" if doc.indicative else ""))
    return "; ".join(parts)


def _progress_line(done: int, total: int, source: str, what: str) -> str:
    """"[3/25] st-helens__summary.txt: 5 chunks"; an embedding batch: "embedding 130 chunks of 25 documents…"."""
    if not source:
        return f"{what}…"
    name = source if "://" in source else Path(source).name
    return f"[{done}/{total}] {name}: {what}"


class _Clock(TimeElapsedColumn):
    """Time since the ingest started, still running while the last batch is embedded (rich's own stops
    when every document is counted)."""

    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started

    def render(self, task):  # noqa: ANN001, ANN201
        from rich.text import Text

        seconds = int(time.perf_counter() - self.started)
        return Text(f"{seconds // 60}:{seconds % 60:02d}", style="progress.elapsed")


def _plain_progress(started: float):  # noqa: ANN202
    """One line per document as it is done, for a log or a pipe (no bar, nothing repeated)."""

    def update(done: int, total: int, source: str, what: str) -> None:
        line = _progress_line(done, total, source, what)
        if not source:
            line += f" ({time.perf_counter() - started:.1f} s in)"
        err.print(line, soft_wrap=True, markup=False, highlight=False)

    return update


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="The query, or - to read one query per line from stdin.")],
    authority: Annotated[list[str] | None, typer.Option("--authority", "-a", help="Only this authority (repeatable).")] = None,
    statement: Annotated[list[str] | None, typer.Option("--statement", "-s", help="Only this quality statement (repeatable).")] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="How many results.")] = 5,
    as_json: Json = False,
    data_dir: DataDir = None,
) -> None:
    """Hybrid search: passages with their authority, statement, score, section and offsets."""
    if not query.strip():
        raise BadInput("The query is empty.")
    components = _components(_existing_store(_settings(data_dir)), needs=SEARCHING)
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
            out.print(f"[yellow]{escape(response.notice)}[/yellow]")
        for i, hit in enumerate(response.results, 1):
            score = f"score {hit.score}" if hit.score else "no score"
            out.print(f"[bold]{i}. {escape(hit.authority)}[/bold] — {escape(hit.quality_statement or 'Overview')} ({score}) — {escape(hit.section)}", soft_wrap=True)
            out.print(f"   {escape(source_card(hit))}  {escape(f'[{hit.start}:{hit.end}]')}  rank {hit.rank_score:.4f}", soft_wrap=True)
            out.print(f"   {hit.text[:400]}{'…' if len(hit.text) > 400 else ''}\n", markup=False, soft_wrap=True)


LLMChoice = Annotated[str | None, typer.Option("--llm", help="extractive | local | openai (AQA_LLM).")]


def _print_answer(answer, as_json: bool, *, wrap: bool = False) -> None:  # noqa: ANN001
    """`wrap` (a terminal): long lines fold at words, continuations indented; else one line each (pipes, logs)."""
    if as_json:
        print(json.dumps(answer.model_dump(exclude={"question", "answerer"}), ensure_ascii=False))
        return

    def say(text: str, indent: int = 0, console: Console = out) -> None:  # `text` is rich markup
        if wrap:
            from rich.padding import Padding
            from rich.text import Text

            console.print(Padding(Text.from_markup(text), (0, 0, 0, indent)))
        else:
            console.print(" " * indent + text, soft_wrap=True)

    if answer.read_as:  # (a word typed with a slip: say how it was read before the answer to it)
        say("[dim]" + escape("Read " + ", ".join(f"“{typed}” as “{read}”" for typed, read in answer.read_as.items()) + ".") + "[/dim]")
    style = "yellow" if answer.abstained else "bold"
    say(f"[{style}]{escape(answer.answer)}[/{style}]")
    for c in answer.citations:
        say(f"{escape(f'[{c.n}]')} [bold]{escape(source_card(c))}[/bold]", 2)
        say(f"[dim]{escape(f'{c.section} ({c.source} {c.start}:{c.end})')}[/dim]", 6)
        say(escape(f"“{c.quote[:300]}{'…' if len(c.quote) > 300 else ''}”"), 6)
    for r in answer.removed:
        say(f"[dim]{escape(r.action)}: {escape(r.sentence)} ({escape(r.reason)})[/dim]", 2, err)
    if getattr(answer, "degraded", False):
        say("[yellow]the answering model could not be reached: this is the extractive answer[/yellow]", 2, err)


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
    if not question.strip():
        raise BadInput("The question is empty.")
    settings = _existing_store(_settings(data_dir))
    _check_llm(settings, llm)
    from rag.answer.chain import Ask

    components = _components(settings)
    answer = components.answerer.invoke(Ask(question, authorities=authority or [], statements=statement or [], llm=llm))
    _print_answer(answer, as_json)


CHAT_HISTORY = "chat-history"  # in the data dir: the questions asked in `aqa chat`, for Up and Down


@app.command()
def chat(llm: LLMChoice = None, data_dir: DataDir = None) -> None:
    """Ask questions one after another; follow-ups ("and Telford?") use the conversation.

    At a terminal: line editing, and Up/Down recall earlier questions (kept in DATA_DIR/chat-history);
    an empty line or Ctrl-D stops. Piped: one question per line, each echoed before its answer."""
    settings = _existing_store(_settings(data_dir))
    _check_llm(settings, llm)
    from rag.answer.chain import Ask

    interactive = sys.stdin.isatty()
    if interactive:
        err.print("[dim]Loading the models…[/dim]")
    components = _components(settings)
    history: list[dict[str, str]] = []
    if interactive:
        out.print("Ask about the reports. Up and Down recall earlier questions; an empty line or Ctrl-D stops.")
    questions = _terminal_questions(settings.data_dir / CHAT_HISTORY) if interactive else _piped_questions()
    for question in questions:
        if not interactive:
            out.print(f"> {question}", markup=False, soft_wrap=True)
        try:
            with err.status("Searching the reports…") if err.is_terminal else contextlib.nullcontext():
                answer = components.answerer.invoke(Ask(question, history=list(history), llm=llm))
        except AQAError as e:  # one question failing does not end the conversation
            err.print(f"[red]error:[/red] {escape(str(e))}", soft_wrap=True)
            continue
        except KeyboardInterrupt:
            if not interactive:
                raise
            err.print("[dim](stopped)[/dim]")
            continue
        _print_answer(answer, as_json=False, wrap=interactive and out.is_terminal)
        out.print()
        history += [{"role": "user", "content": answer.question}, {"role": "assistant", "content": answer.answer}]


def _piped_questions():  # noqa: ANN202
    """stdin that is not a terminal: one question per line; blank lines are skipped, end of input stops."""
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


def _terminal_questions(history_file: Path):  # noqa: ANN202
    """Questions typed at a terminal, with GNU readline's line editing and a history kept across sessions."""
    try:
        import readline
    except ImportError:  # pragma: no cover - a Python built without readline: plain input()
        readline = None  # type: ignore[assignment]
    if readline is not None:
        readline.set_history_length(1000)
        with contextlib.suppress(OSError):  # none yet
            readline.read_history_file(history_file)
    try:
        while True:
            try:
                line = input("> ").strip()
            except (EOFError, KeyboardInterrupt):
                print()
                return
            if not line:
                return
            if readline is not None:  # the same question twice in a row is kept once
                n = readline.get_current_history_length()
                if n >= 2 and readline.get_history_item(n) == readline.get_history_item(n - 1):
                    readline.remove_history_item(n - 1)
            yield line
    finally:
        if readline is not None:
            try:
                history_file.parent.mkdir(parents=True, exist_ok=True)
                readline.write_history_file(history_file)
                history_file.chmod(0o600)  # questions can be private
            except OSError as e:
                err.print(f"[yellow]warning[/yellow] chat history not saved: {escape(str(e))}", soft_wrap=True)


@docs_app.command("list")
def docs_list(as_json: Json = False, data_dir: DataDir = None) -> None:
    """Every ingested document."""
    docs = _components(_existing_store(_settings(data_dir)), needs=STORE_FIELDS).store.documents()
    if as_json:
        print(json.dumps({"documents": [d.model_dump() for d in docs]}, ensure_ascii=False))
        return
    for d in docs:
        scores = ", ".join(f"{k} {v}" for k, v in d.scores.items())
        out.print(f"{d.id}  {d.authority:<32} {d.format:<4} {d.chunks:>4} chunks  {d.source}  {scores}", soft_wrap=True, markup=False)
    out.print(f"{len(docs)} documents")


@docs_app.command("show")
def docs_show(document_id: str, as_json: Json = False, data_dir: DataDir = None) -> None:
    """A document's metadata and full text."""
    info, text = _components(_existing_store(_settings(data_dir)), needs=STORE_FIELDS).store.document(document_id)
    if as_json:
        print(json.dumps({**info.model_dump(), "text": text}, ensure_ascii=False))
        return
    for key, value in info.model_dump().items():
        out.print(f"{key}: {value}", soft_wrap=True, markup=False)
    out.print("")
    out.print(text, soft_wrap=True, markup=False)


@docs_app.command("rm")
def docs_rm(
    document_id: str,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Remove a document and all its chunks (asks first, unless --yes)."""
    components = _components(_existing_store(_settings(data_dir)), needs=STORE_FIELDS)
    info, _ = components.store.document(document_id)  # an unknown id fails before the question
    if not yes:
        typer.confirm(f"Remove {info.source} ({info.authority}, {info.chunks} chunks) from the store?", abort=True, err=True)
    removed = components.ingestor.remove(document_id)
    out.print(f"removed {document_id} ({removed} chunks)", markup=False)


@app.command()
def doctor(
    repair: Annotated[bool, typer.Option("--repair", help="Fix what is found (takes the store's write lock).")] = False,
    data_dir: DataDir = None,
) -> None:
    """Check the store: chunks without a document record, records with missing chunks, a damaged
    vector index, a missing generation marker. One line per finding and a summary; exit 0 when
    healthy, 1 when problems were found (with --repair: and fixed)."""
    from aqa.components import recorded_model
    from rag import doctor as checkup

    settings = _existing_store(_settings(data_dir))
    model = recorded_model(settings)
    if model is None:  # nothing ingested yet (or the store cannot be read: opening it says why)
        report = checkup.examine(_components(settings, needs=STORE_FIELDS).store, repair=repair)
    else:
        report = checkup.run(settings, model, repair=repair)
    for line in report.lines():
        out.print(line, markup=False, soft_wrap=True)
    out.print(report.summary(), markup=False, soft_wrap=True)
    if not report.healthy:
        raise typer.Exit(1)


@feedback_app.command("export")
def feedback_export(
    out_file: Annotated[Path | None, typer.Option("--out", help="Write the cases here (JSONL); default: standard output.")] = None,
    only: Annotated[str | None, typer.Option("--only", help="Only answers rated `down` (or `up`).")] = None,
    data_dir: DataDir = None,
) -> None:
    """Rated answers as `aqa eval` cases (kind "feedback"): a thumbs-down becomes a case to fix."""
    from rag.feedback import Logs, export_cases

    if only not in (None, "up", "down"):
        raise BadInput(f"--only {only!r}: choose up or down")
    settings = _settings(data_dir).ensure({"data_dir"})
    logs = Logs.of(settings)
    if not logs.feedback.path.exists():
        raise BadInput(f"No feedback in {logs.folder}: ratings arrive through POST /v1/feedback (point --data-dir at the server's AQA_DATA_DIR).")
    result = export_cases(logs, only)
    text = "".join(json.dumps(case, ensure_ascii=False) + "\n" for case in result.cases)
    if out_file is None:
        sys.stdout.write(text)
    else:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = out_file.with_name(out_file.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out_file)
    down = sum(case["rating"] == "down" for case in result.cases)
    where = f" to {out_file}" if out_file else ""
    err.print(f"{len(result.cases)} case(s) ({down} down, {len(result.cases) - down} up){escape(where)}", soft_wrap=True)
    if result.skipped:
        err.print(f"[yellow]skipped {len(result.skipped)} rating(s) without a question[/yellow] (send `question` with the rating, "
                  "or turn on the query log, AQA_QUERY_LOG=true): " + escape(", ".join(result.skipped[:5])), soft_wrap=True)


@app.command("eval")
def evaluate(
    testset: Annotated[Path | None, typer.Argument(help="JSONL or CSV test set (see evals/README.md); none with --label.")] = None,
    llm: Annotated[str | None, typer.Option("--llm", help="extractive | local | openai (AQA_LLM); several, comma-separated, run side by side.")] = None,
    k: Annotated[int, typer.Option("-k", help="Passages retrieved per question (retrieval metrics @k).")] = 5,
    out_dir: Annotated[Path, typer.Option("--out", help="Where results.json, summary.md, report.html go.")] = Path("evals/out"),
    compare: Annotated[Path | None, typer.Option("--compare", help="A baseline results.json (its human labels count).")] = None,
    fail_under: Annotated[list[str] | None, typer.Option("--fail-under", help="METRIC=VALUE or KIND:METRIC=VALUE; exit 1 below it (repeatable).")] = None,
    label: Annotated[Path | None, typer.Option("--label", help="Label the failed cases of this results.json pass or fail, with a note (interactive).")] = None,
    label_file: Annotated[Path | None, typer.Option("--label-file", help="With --label: take the labels from JSONL lines {id, label, note}.")] = None,
    judge_url: Annotated[str | None, typer.Option("--judge-url", help="Optional LLM judge: an OpenAI-compatible base URL (e.g. http://127.0.0.1:8080/v1).")] = None,
    judge_model: Annotated[str, typer.Option("--judge-model", help="The judge's model name.")] = "default",
    judge_key: Annotated[str | None, typer.Option("--judge-key", envvar="AQA_JUDGE_KEY", help="The judge endpoint's API key (AQA_JUDGE_KEY).")] = None,
    data_dir: DataDir = None,
) -> None:
    """Run a test set, score it (rules, an independent scorer, optionally an LLM judge), and write the reports."""
    from rag.evaluation import compare as cmp
    from rag.evaluation import dataset, labels, report, runner
    from rag.evaluation import judge as judging

    if label is not None:
        n = labels.label_run(label, label_file, show=lambda text: out.print(text, markup=False, soft_wrap=True))
        err.print(f"{n} label(s) stored in {label}; {label.parent / 'report.html'} and summary.md rendered again")
        return
    if label_file is not None:
        raise BadInput("--label-file goes with --label RESULTS.json")
    if testset is None:
        raise BadInput("Give a test set (JSONL or CSV), or --label RESULTS.json")
    cases = dataset.load(testset)  # before loading any model: a bad test set fails fast
    thresholds = _thresholds(fail_under or [])
    baseline = cmp.load(compare) if compare else None
    answerers: list[str | None] = list(dict.fromkeys(x.strip() for x in (llm or "").split(",") if x.strip())) or [None]
    try:
        judge = judging.Judge(judge_url, judge_model, judge_key) if judge_url else None
    except ValueError as e:
        raise BadInput(str(e)) from None
    settings = _settings(data_dir)
    for which in answerers:
        _check_llm(settings, which)
    components = _components(settings)
    runs: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {}

    def ticker(bar: Progress, task: Any) -> Any:  # a progress callback for this bar
        return lambda done, total, case: bar.update(task, completed=done, case=escape(case))

    for which in answerers:
        with Progress(TextColumn(f"eval {which or ''}".strip()), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TextColumn("{task.fields[case]}"), console=err, disable=not err.is_terminal) as bar:
            task = bar.add_task("eval", total=len(cases), case="")
            results = runner.run(cases, components.answerer, components.store, llm=which, k=k, name=testset.name,
                                 progress=ticker(bar, task))
        if judge is not None:
            with Progress(TextColumn("judge"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.fields[case]}"),
                          console=err, disable=not err.is_terminal) as bar:
                task = bar.add_task("judge", total=len(cases), case="")
                judging.apply(results, judge, progress=ticker(bar, task))
        if baseline is not None:
            labels.carry(results, baseline)
        runs[str(results["config"]["llm"])] = (results, cmp.compare(results, baseline, str(compare)) if baseline else None)
    if len(runs) == 1:
        results, comparison = next(iter(runs.values()))
        paths = report.write(results, out_dir, comparison)
        out.print(report.summary_md(results, comparison), markup=False, soft_wrap=True)
        err.print(f"reports: {paths['report']}  {paths['results']}  {paths['summary']}")
    else:
        for name, (results, comparison) in runs.items():
            report.write(results, out_dir / name, comparison)
        paths = report.write_combined({name: r for name, (r, _) in runs.items()}, out_dir)
        out.print(report.combined_md({name: r for name, (r, _) in runs.items()}), markup=False, soft_wrap=True)
        err.print(f"reports: {paths['report']}  {paths['summary']}  and per answerer in {', '.join(str(out_dir / n) for n in runs)}")
    failed = [f"{name}: {line}" if len(runs) > 1 else line for name, (results, _) in runs.items() for line in cmp.gate(results, thresholds)]
    for line in failed:
        err.print(f"[red]fail-under:[/red] {escape(line)}")
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
    settings = _settings(data_dir).ensure()  # a server uses every setting
    if workers < 1:
        raise BadInput("--workers must be 1 or more")
    if not 0 < port < 65536:
        raise BadInput(f"--port {port}: choose a port from 1 to 65535")
    import uvicorn

    if workers > 1 and not settings.chroma_url:
        raise AQAError(
            f"--workers {workers} needs a Chroma server (AQA_CHROMA_URL): the embedded store takes one writer "
            "process. Run `chroma run --path DIR` and point AQA_CHROMA_URL at it, or serve with --workers 1."
        )
    if workers > 1:  # each worker builds its own components from the environment
        os.environ["AQA_DATA_DIR"] = str(settings.data_dir)
        uvicorn.run("aqa.asgi:create_app", factory=True, host=host, port=port, workers=workers)
        return
    from aqa.asgi import create_app

    uvicorn.run(create_app(settings), host=host, port=port)


def main() -> None:
    try:
        app()
    except AQAError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", soft_wrap=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
