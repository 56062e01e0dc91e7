"""Reliability figures (issue 12), each measured on loopback against real processes and bounded
in time: fuzzing the API from its own OpenAPI spec (schemathesis), broken inputs in one ingest,
SIGKILLed ingests run again, format bombs (seconds and peak memory), and a Chroma server killed
and restarted under traffic. `python -m bench.reliability [--fuzz-seconds 150] [--kills 5]`."""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.common import EXAMPLES, ROOT, copy_corpus, machine, write_section
from tests.servers import free_port, running
from tests.test_reliability_ingest import docx_bytes, drip_server, pdf_bytes

BIN = Path(sys.executable).parent
GOOD = EXAMPLES / "report_0147.txt"
PDF = EXAMPLES / "harrowfield_council_assessment.pdf"


def env(**extra: str) -> dict[str, str]:
    """This environment without the caller's AQA_ settings, plus `extra`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AQA_")}
    return {**clean, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1", **extra}


def aqa(*args: str, data: Path, extra: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aqa.cli", *args, "--data-dir", str(data)], capture_output=True,
                          text=True, timeout=timeout, env=env(**(extra or {})), cwd=ROOT)


@contextmanager
def serve(data: Path, log: Path, **settings: str) -> Iterator[str]:
    """`aqa serve` as its own process (real uvicorn) on a free loopback port; yields its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "aqa.cli", "serve", "--port", str(port), "--data-dir", str(data)]
    with running(cmd, f"{url}/readyz", log, env=env(**settings), wait=180):
        yield url


def status_counts(metrics: str) -> Counter[str]:
    """Requests by status from the server's own /metrics (aqa_requests_total)."""
    from prometheus_client.parser import text_string_to_metric_families

    counts: Counter[str] = Counter()
    for family in text_string_to_metric_families(metrics):
        for sample in family.samples:
            if sample.name == "aqa_requests_total":
                counts[sample.labels["status"]] += int(sample.value)
    return counts


# --- 1. fuzzing the API from its own spec ---------------------------------------------------------


def fuzz(tmp: Path, seconds: int) -> tuple[list[str], str]:
    data = tmp / "fuzz-data"
    assert aqa("ingest", "-q", str(EXAMPLES), data=data).returncode == 0
    # Rate limits up, so the fuzzer reaches the routes instead of a 429 (they are tested on their own).
    with serve(data, tmp / "fuzz-serve.log", AQA_RATE_LIMIT_PER_MINUTE="0", AQA_AUTH_FAILURES_PER_MINUTE="1000000") as url:
        before = status_counts(httpx.get(f"{url}/metrics").text)
        started = time.monotonic()
        st = subprocess.run(
            [str(BIN / "st"), "run", f"{url}/openapi.json", "--checks", "not_a_server_error", "--max-time", str(seconds),
             "--workers", "2", "--request-timeout", "60", "--seed", "12", "--suppress-health-check", "all",
             "--generation-database", "none", "--no-color", "--max-failures", "1000",
             "--report", "ndjson", "--report-ndjson-path", str(tmp / "fuzz.ndjson")],
            capture_output=True, text=True, timeout=seconds + 300, cwd=tmp, env=env(),
        )
        took = time.monotonic() - started
        after = status_counts(httpx.get(f"{url}/metrics").text)
        alive = httpx.get(f"{url}/healthz", timeout=10).status_code
    (tmp / "fuzz-st.log").write_text(st.stdout + st.stderr, encoding="utf-8")
    served = after - before
    n = sum(served.values())
    fivexx = {code: k for code, k in sorted(served.items()) if code.startswith("5")}
    statuses = ", ".join(f"{code}: {k}" for code, k in sorted(served.items()))
    cases = re.search(r"Test cases:\s*\n\s*(.+)", st.stdout)
    failures = re.findall(r"^\s*\S+ (ST\d+ [^:]+): (\d+)", st.stdout, re.M)  # "❌ ST101 Server error: 1"
    internal = re.findall(r"^\s*\S+ Runtime Error: (\d+)", st.stdout, re.M)  # the generator's own, not the API's
    verdict = "passed" if not failures else "FAILED: " + ", ".join(f"{name} x{k}" for name, k in failures)
    rows = [
        f"| fuzzed requests served (schemathesis 4, every operation of `/openapi.json`, {took:.0f} s) | **{n:,}** | |",
        f"| of which 5xx | **{sum(fivexx.values())}** {fivexx or ''} | 0 |",
        f"| schemathesis `not_a_server_error` check ({cases.group(1).strip() if cases else '?'}) | {verdict} | passes |",
        f"| `/healthz` after the run | {alive} | 200 |",
    ]
    note = f"Statuses served: {statuses}."
    if internal:
        note += (f" Schemathesis's own coverage phase stopped {internal[0]} time(s) on an internal error of its generator"
                 " (hypothesis: \"AST constructor recursion depth mismatch\"), not a response of the API; its exit code was"
                 f" {st.returncode}.")
    return rows, note


# --- 2. broken inputs in one ingest ---------------------------------------------------------------


def broken_inputs(folder: Path) -> dict[str, str]:
    """Each kind of broken file, written into `folder`: {file name: what it is}."""
    rng = random.Random(12)
    pdf = PDF.read_bytes()
    good_docx = docx_bytes(["Wirral Council: local authority assessment", "The council works with partners."])
    from pypdf import PdfReader, PdfWriter

    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    locked.encrypt("secret")
    buf = io.BytesIO()
    locked.write(buf)
    files: dict[str, tuple[bytes, str]] = {
        "empty.txt": (b"", "0 bytes"),
        "blank.txt": (b" \n\t\n" * 500, "white space only"),
        "random.txt": (bytes(rng.randrange(256) for _ in range(20_000)), "random bytes named .txt"),
        "nul.md": (b"Report\x00\x00\x00" * 1000, "text full of NUL bytes"),
        "truncated.pdf": (pdf[: len(pdf) // 2], "a PDF cut in half"),
        "header-only.pdf": (b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(5000)), "a PDF header, then noise"),
        "encrypted.pdf": (buf.getvalue(), "a password-protected PDF"),
        "blank.pdf": (pdf_bytes(3), "a PDF with no text layer"),
        "pages.pdf": (pdf_bytes(2001), "2,001 pages (over AQA_MAX_PDF_PAGES)"),
        "truncated.docx": (good_docx[: len(good_docx) // 2], "a .docx cut in half"),
        "not-a-docx.docx": (_zip({"hello.txt": b"hello"}), "a zip with no Word document in it"),
        "bomb.docx": (docx_bytes(["Report"], {"word/media/blob.bin": b"\0" * 30_000_000}), "unpacks past AQA_MAX_INPUT_BYTES"),
        "ratio.docx": (docx_bytes(["Report"], {"word/media/blob.bin": b"\0" * 5_000_000}), "an absurd compression ratio"),
        "empty.html": (b"<html><head><title>x</title></head><body></body></html>", "HTML with no text"),
        "scripts.html": (b"<html><body><script>" + b"var a=1;" * 2000 + b"</script></body></html>", "HTML that is only script"),
        "huge.html": (b"<html><body><main>" + b"<p>Wirral Council works.</p>" * 400_000 + b"</main></body></html>",
                      "11 MB of HTML (over AQA_MAX_HTML_BYTES)"),
        "big.txt": (b"The council works. " * 1_400_000, "26 MB (over AQA_MAX_INPUT_BYTES)"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: what for name, (_, what) in files.items()}


def _zip(members: dict[str, bytes]) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def bad_inputs(tmp: Path) -> tuple[list[str], str]:
    folder = tmp / "bad"
    shutil.copytree(EXAMPLES, folder)
    good = sorted(p.name for p in folder.iterdir())
    kinds = broken_inputs(folder)
    unreachable = f"http://127.0.0.1:{free_port()}/report.html"  # nothing listens there
    with drip_server(interval=0.05, seconds=30, head=b"Wirral Council: local authority assessment\n\n") as slow:
        started = time.monotonic()
        proc = aqa("ingest", str(folder), unreachable, slow, data=tmp / "bad-data", extra={"AQA_URL_TIMEOUT": "2"})
        took = time.monotonic() - started
    kinds[unreachable] = "a URL nothing listens on"
    kinds[slow] = "a URL that drips a byte every 50 ms (AQA_URL_TIMEOUT=2)"
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error")]
    named = {name: [e for e in errors if name in e] for name in kinds}
    one_each = all(len(lines) == 1 for lines in named.values()) and len(errors) == len(kinds)
    stored = json.loads(aqa("docs", "list", "--json", data=tmp / "bad-data").stdout)["documents"]
    went_in = sorted(d["source"].rsplit("/", 1)[-1] for d in stored)
    rows = [
        f"| bad inputs in one `aqa ingest` (with the 7 sample reports, {took:.0f} s) | **{len(kinds)}** | |",
        f"| bad inputs with exactly one error line naming them | **{sum(len(v) == 1 for v in named.values())}** of {len(kinds)}"
        f"{'' if one_each else ' (error lines: ' + str(len(errors)) + ')'} | all |",
        f"| good reports stored beside them | **{len(went_in)}** of {len(good)}{'' if went_in == good else ' ' + str(went_in)} | all |",
        f"| exit code | {proc.returncode} | 1 |",
    ]
    table = ["| input | what it is | the line `aqa ingest` printed |", "| --- | --- | --- |"]
    for name, what in kinds.items():
        shown = name if not name.startswith("http") else name.split("/")[-1] + " (URL)"
        line = named[name][0].split(": ", 1)[-1] if named[name] else "(none)"
        line = line.replace(name, "…").replace("|", "\\|")
        table.append(f"| `{shown}` | {what} | {line[:140]} |")
    return rows, "\n".join(table)


# --- 3. SIGKILL an ingest mid-way, run it again ---------------------------------------------------


def store_state(data: Path) -> tuple[list[str], list[tuple[str, str, int]]]:
    """Chunk ids and (document id, content hash, chunks) of every record: what a clean run decides."""
    script = ("import json,sys; from aqa.components import build_components; from rag.settings import Settings;"
              "c=build_components(Settings(data_dir=sys.argv[1], _env_file=None));"
              "print(json.dumps([sorted(ch.id for ch in c.store.all_chunks()),"
              "sorted((d.id, d.content_hash, d.chunks) for d in c.store.documents())]))")
    out = subprocess.run([sys.executable, "-c", script, str(data)], capture_output=True, text=True, timeout=300,
                         env=env(), cwd=ROOT, check=True).stdout
    chunks, docs = json.loads(out.strip().splitlines()[-1])
    return chunks, [tuple(d) for d in docs]


def kills(tmp: Path, n: int) -> tuple[list[str], str]:
    src = copy_corpus(tmp / "kill-src")
    total = len(list(src.iterdir()))
    clean = store_state(_ingest_clean(src, tmp / "kill-clean"))
    survived, cut, orphaned = 0, [], 0
    for i in range(n):
        data = tmp / f"killed-{i}"
        after = 1 + (i * (total - 2)) // max(n - 1, 1)  # kill points spread over the run: after document 1 .. total-1
        proc = subprocess.Popen([sys.executable, "-m", "aqa.cli", "ingest", str(src), "--data-dir", str(data)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                                env=env(AQA_INGEST_FLUSH_CHUNKS="16"))  # commit often: the kill lands between commits
        assert proc.stderr is not None
        deadline = time.monotonic() + 300
        for line in proc.stderr:
            if line.startswith(f"[{after}/") or time.monotonic() > deadline:
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        docs_then = len(store_state(data)[1])
        cut.append(f"{docs_then}/{len(clean[1])}")
        doctor = aqa("doctor", data=data)
        orphaned += doctor.returncode == 1
        rerun = aqa("ingest", "-q", str(src), data=data)
        survived += rerun.returncode == 0 and store_state(data) == clean and aqa("doctor", data=data).returncode == 0
    rows = [
        f"| ingests SIGKILLed mid-way ({total} documents, {len(clean[0])} chunks; records committed when killed: {', '.join(cut)}) | **{n}** | |",
        f"| re-run ends equal to a clean run (same chunk ids, records, hashes; `aqa doctor` healthy) | **{survived}** of {n} | all |",
        f"| killed stores where `aqa doctor` found something to repair before the re-run | {orphaned} of {n} | |",
    ]
    return rows, ""


def _ingest_clean(src: Path, data: Path) -> Path:
    assert aqa("ingest", "-q", str(src), data=data).returncode == 0
    return data


# --- 4. bombs: seconds and peak memory -----------------------------------------------------------


@dataclass
class Bomb:
    kind: str
    what: str
    name: str
    make: Callable[[], bytes]


def bombs_to_try() -> list[Bomb]:
    title = b"Wirral Council: local authority assessment\n\n"
    pdf_page = PDF.read_bytes()

    def many_page_pdf(pages: int) -> bytes:
        from pypdf import PdfReader, PdfWriter

        reader = PdfReader(io.BytesIO(pdf_page))
        writer = PdfWriter()
        for i in range(pages):
            writer.add_page(reader.pages[i % len(reader.pages)])
        buf = io.BytesIO()
        writer.write(buf)
        return buf.getvalue()

    return [
        Bomb("baseline", "an ordinary 13 KB report", "ordinary.txt", GOOD.read_bytes),
        Bomb(".txt", "5 MB run of spaces after a title", "spaces.txt", lambda: title + b" " * 5_000_000 + b"x\n"),
        Bomb(".txt", "`Score` + 5 MB of spaces + `x`", "score-spaces.txt", lambda: title + b"Score" + b" " * 5_000_000 + b"x\n"),
        Bomb(".txt", "100,000 lines `Score:` + 50 spaces", "score-lines.txt", lambda: title + (b"Score:" + b" " * 50 + b"\n") * 100_000),
        Bomb(".txt", "`a -` x 100,000 (one 300 KB paragraph, no sentence end)", "dashes.txt", lambda: title + b"a -" * 100_000),
        Bomb(".docx", "20 MB of spaces in one paragraph", "spaces.docx",
             lambda: docx_bytes(["Wirral Council: local authority assessment", " " * 20_000_000])),
        Bomb(".docx", "2 MB of spaces in each of 10 paragraphs", "paragraphs.docx",
             lambda: docx_bytes(["Wirral Council: local authority assessment"] + [" " * 2_000_000] * 10)),
        Bomb(".docx", "a 30 MB member packed small", "blob.docx",
             lambda: docx_bytes(["Report"], {"word/media/blob.bin": b"\0" * 30_000_000})),
        Bomb(".pdf", "2,000 blank pages (at AQA_MAX_PDF_PAGES)", "pages-2000.pdf", lambda: pdf_bytes(2000)),
        Bomb(".pdf", "200 pages with text (the sample's pages repeated)", "pages-200.pdf", lambda: many_page_pdf(200)),
        Bomb(".pdf", "2,001 blank pages (over the limit)", "pages-2001.pdf", lambda: pdf_bytes(2001)),
        Bomb(".html", "100,000 nested `<div>`s", "nested.html",
             lambda: b"<html><body>" + b"<div>" * 100_000 + b"Wirral Council works." + b"</div>" * 100_000 + b"</body></html>"),
        Bomb(".html", "9.9 MB of attributes in one tag", "attributes.html",
             lambda: b"<html><body><p " + b'a="b" ' * 1_650_000 + b">Wirral Council works.</p></body></html>"),
        Bomb(".html", "11 MB (over AQA_MAX_HTML_BYTES)", "huge.html",
             lambda: b"<html><body><main>" + b"<p>Wirral Council works.</p>" * 400_000 + b"</main></body></html>"),
    ]


@dataclass
class Cost:
    seconds: float  # the whole `aqa ingest` process
    parsed: float | None  # until the document was read, parsed and chunked (its progress line), or refused
    peak_mb: float  # the process's peak RSS
    outcome: str


def measure(path: Path, data: Path, limit: float) -> Cost:
    """What `aqa ingest PATH` costs as its own process, killed at `limit` seconds."""
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "aqa.cli", "ingest", str(path), "--data-dir", str(data)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env())
    timer = threading.Timer(limit, os.kill, (proc.pid, signal.SIGKILL))  # not proc.kill: its poll() would reap it
    timer.start()
    assert proc.stdout is not None and proc.stderr is not None
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.extend(proc.stdout.readlines()))  # type: ignore[union-attr]
    reader.start()
    parsed: float | None = None
    error = ""
    for line in proc.stderr:  # progress lines: "[1/1] name: N chunks" once parsed and chunked; "error ..."
        if line.startswith(("[", "error")) and parsed is None:
            parsed = time.monotonic() - started
        if line.startswith("error") and not error:
            error = line.strip().split(f"{path.name}: ", 1)[-1]
    reader.join()
    _, status, usage = os.wait4(proc.pid, 0)  # the child's own peak RSS (proc.wait would discard it)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    took, peak = time.monotonic() - started, usage.ru_maxrss / 1024
    if proc.returncode == -signal.SIGKILL:
        return Cost(took, parsed, peak, f"killed at {limit:.0f} s")
    added = re.search(r"chunks: added (\d+)", "".join(out))
    return Cost(took, parsed, peak, f"refused: {error[:110]}" if error else f"ingested: {added.group(1) if added else '?'} chunks")


def _s(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.1f}"


def bombs(tmp: Path, limit: float) -> tuple[list[str], str]:
    folder = tmp / "bombs"
    folder.mkdir()
    table = ["| kind | input | file size | read and parsed (s) | whole ingest (s) | peak MB | outcome |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    worst: dict[str, tuple[float, float]] = {}
    for i, bomb in enumerate(bombs_to_try()):
        path = folder / bomb.name
        path.write_bytes(bomb.make())
        cost = measure(path, tmp / f"bomb-data-{i}", limit)
        w = worst.get(bomb.kind, (0.0, 0.0))
        worst[bomb.kind] = (max(w[0], cost.seconds), max(w[1], cost.peak_mb))
        table.append(f"| {bomb.kind} | {bomb.what} | {path.stat().st_size / 1e3:,.0f} KB | {_s(cost.parsed)} | {cost.seconds:.1f} | "
                     f"{cost.peak_mb:,.0f} | {cost.outcome.replace('|', '/')} |")
        path.unlink()
        shutil.rmtree(tmp / f"bomb-data-{i}", ignore_errors=True)
    base = worst.pop("baseline")
    rows = [f"| worst {kind} bomb: seconds / peak MB of the whole `aqa ingest` process | **{s:.1f} s / {mb:,.0f} MB** | "
            f"an ordinary report: {base[0]:.1f} s / {base[1]:,.0f} MB |" for kind, (s, mb) in worst.items()]
    return rows, "\n".join(table)


# --- 5. a Chroma server killed and restarted under traffic ----------------------------------------


def outage(tmp: Path, cycles: int, down: float) -> tuple[list[str], str]:
    port = free_port()
    chroma = f"http://127.0.0.1:{port}"
    cmd = [str(BIN / "chroma"), "run", "--path", str(tmp / "chroma-db"), "--host", "127.0.0.1", "--port", str(port)]
    heartbeat = f"{chroma}/api/v2/heartbeat"
    settings = {"AQA_CHROMA_URL": chroma, "AQA_COLLECTION": "outage", "AQA_RATE_LIMIT_PER_MINUTE": "0"}
    seen: list[tuple[float, float, int]] = []  # (sent, done, status)
    requests = [("POST", "/v1/search", {"query": "Joint Discharge Hub"}),
                ("POST", "/v1/ask", {"question": "When did Ashcombe Vale launch its Joint Discharge Hub?"}),
                ("GET", "/v1/documents", None)]
    to_503, restart, recovery = [], [], []
    with ExitStack() as stack:
        server = stack.enter_context(running(cmd, heartbeat, tmp / "chroma.log"))
        assert aqa("ingest", "-q", str(EXAMPLES), data=tmp / "outage-data", extra=settings).returncode == 0
        url = stack.enter_context(serve(tmp / "outage-data", tmp / "outage-serve.log", **settings))
        stop = threading.Event()

        def client(offset: int) -> None:
            with httpx.Client(timeout=60) as http:
                n = offset
                while not stop.is_set():
                    method, path, body = requests[n % len(requests)]
                    sent = time.monotonic()
                    try:
                        status = http.request(method, f"{url}{path}", json=body).status_code
                    except httpx.HTTPError:
                        status = 0
                    seen.append((sent, time.monotonic(), status))
                    n += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        try:
            for cycle in range(cycles):
                time.sleep(3)
                killed = time.monotonic()
                server.kill()
                server.wait()
                to_503.append(_first(seen, killed, 503, by_sent=False))
                time.sleep(max(0.0, killed + down - time.monotonic()))
                started = time.monotonic()
                server = stack.enter_context(running(cmd, heartbeat, tmp / f"chroma-{cycle}.log"))
                ready = time.monotonic()
                restart.append(ready - started)
                recovery.append(_first(seen, ready, 200, by_sent=True))
            time.sleep(2)
        finally:
            stop.set()
            for t in threads:
                t.join(90)
    statuses = Counter(s for _, _, s in seen)
    others = {s: k for s, k in statuses.items() if s not in (200, 503)}
    fmt = lambda xs: ", ".join(f"{x:.2f}" for x in xs)  # noqa: E731
    rows = [
        f"| Chroma server outages under traffic (SIGKILL, {down:.0f} s down, restarted on the same path) | **{cycles}** | |",
        f"| time from the kill to the first 503 `store_unavailable` (each outage) | **{max(to_503):.2f} s** worst ({fmt(to_503)}) | |",
        f"| time from Chroma answering again to the first 200 (each outage) | **{max(recovery):.2f} s** worst ({fmt(recovery)}) | |",
        f"| Chroma's own restart, command to heartbeat | {fmt(restart)} s | |",
        f"| responses during the run: 200 / 503 / other | {statuses[200]:,} / {statuses[503]:,} / **{sum(others.values())}** {others or ''} | other: 0 |",
    ]
    return rows, ""


def _first(seen: list[tuple[float, float, int]], since: float, status: int, *, by_sent: bool, wait: float = 60) -> float:
    """Seconds from `since` to the end of the first response with `status` (sent after `since` when
    `by_sent`, else finished after it), waiting for one up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        ends = [done for sent, done, s in list(seen) if s == status and (sent if by_sent else done) >= since]
        if ends:
            return min(ends) - since
        time.sleep(0.02)
    return float("inf")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fuzz-seconds", type=int, default=150)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--bomb-limit", type=float, default=300, help="seconds before a bomb's ingest is killed")
    ap.add_argument("--outages", type=int, default=3)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="aqa-reliability-"))
    parts: list[tuple[str, list[str], str]] = []
    for title, run in (("Fuzzing the API", lambda: fuzz(tmp, args.fuzz_seconds)),
                       ("Bad inputs", lambda: bad_inputs(tmp)),
                       ("Killed ingests", lambda: kills(tmp, args.kills)),
                       ("Bombs", lambda: bombs(tmp, args.bomb_limit)),
                       ("Store outage", lambda: outage(tmp, args.outages, 5.0))):
        started = time.monotonic()
        rows, detail = run()
        print(f"{title}: {time.monotonic() - started:.0f} s", *rows, sep="\n", file=sys.stderr)
        parts.append((title, rows, detail))
    shutil.rmtree(tmp, ignore_errors=True)
    body = [
        f"Machine: {machine()}. Measured {time.strftime('%Y-%m-%d')} by `python -m bench.reliability` (part of `make bench`),",
        "every part against real processes on loopback: `aqa serve` (uvicorn), `aqa ingest`, `chroma run`.",
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
        *[row for _, rows, _ in parts for row in rows],
        "",
        "What was run:",
        f"- **Fuzzing**: `st run URL/openapi.json --checks not_a_server_error --max-time {args.fuzz_seconds} --workers 2 --seed 12`",
        "  against `aqa serve` over the sample corpus (keys off, rate limits off so requests reach the routes; uploads,",
        "  deletes and evaluations included). Requests are counted by the server's own `/metrics`.",
        "- **Bad inputs**: one `aqa ingest` of a folder with the 7 sample reports and the broken files below, plus two URLs.",
        f"- **Kills**: the sample and real corpus ingested with `AQA_INGEST_FLUSH_CHUNKS=16`, SIGKILLed {args.kills} times after",
        "  progress lines spread over the run, each store then checked by `aqa doctor`, ingested again, and compared",
        "  with a clean run's store (chunk ids, document ids, content hashes, chunk counts).",
        f"- **Bombs**: each file alone through `aqa ingest` as its own process (wall time and peak RSS from `wait4`, killed at {args.bomb_limit:.0f} s;",
        "  \"read and parsed\": until its progress line or error line, before embedding). The process's baseline (Python,",
        "  the ONNX embedder, Chroma) is the ordinary report's row. Default limits. A file that passes the limits costs",
        "  what its text costs to embed (the chunks column), so the worst rows are big texts, not slow parsing.",
        "- **Outage**: `aqa serve` on a `chroma run` server, 2 clients looping over `/v1/search`, `/v1/ask` and",
        f"  `/v1/documents`; the Chroma server SIGKILLed {args.outages} times, restarted after 5 s.",
    ]
    for title, _, detail in parts:
        if detail:
            body += ["", f"{title}:", "", detail]
    write_section("Reliability (issue 12)", "\n".join(body))


if __name__ == "__main__":
    main()
