"""`aqa eval` end to end: the project's test set through the real chain, its CI gate, reports,
comparisons, CSV input, the HTTP route, and the HTML report in a real browser."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from aqa.components import build_components
from rag.evaluation import dataset, runner
from tests.conftest import EXAMPLES, ROOT, real_reports, settings_for

pytestmark = [pytest.mark.integration, pytest.mark.slow]

TESTSET = ROOT / "evals" / "cqc.jsonl"


def thresholds() -> dict[str, str]:
    lines = (ROOT / "evals" / "thresholds.txt").read_text().splitlines()
    return dict(line.split("=") for line in lines if line and not line.startswith("#"))


@pytest.fixture(scope="module")
def eval_store(tmp_path_factory, embedder):
    """The corpus the test set is written for: the real report sections and the sample corpus."""
    c = build_components(settings_for(tmp_path_factory.mktemp("eval") / "data"), embedder)
    report = c.ingestor.ingest([*map(str, real_reports()), str(EXAMPLES)])
    assert not report.failures
    return c


def aqa_eval(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aqa.cli", "eval", *args, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def gated_run(eval_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("eval-out")
    gate = [f"--fail-under={k}={v}" for k, v in thresholds().items()]
    proc = aqa_eval(str(TESTSET), "--out", str(out), *gate, data_dir=eval_store.settings.data_dir)
    return proc, out


def test_the_project_test_set_passes_the_ci_gate(gated_run):
    proc, out = gated_run
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = json.loads((out / "results.json").read_text())
    assert len(results["cases"]) == len(dataset.load(TESTSET)) >= 60
    assert sum(not c["answerable"] for c in results["cases"]) >= 15
    assert (out / "summary.md").read_text().startswith("# Evaluation cqc.jsonl")
    assert len((out / "ragas.jsonl").read_text().splitlines()) == len(results["cases"])


def test_the_readme_points_to_the_gate_and_the_figures_it_gives_pass_it():
    readme = (ROOT / "README.md").read_text()
    assert "evals/thresholds.txt" in readme
    gate = thresholds()
    measured = {}  # the cqc.jsonl column: the first figure after a gated metric's name in a table row
    for line in readme.splitlines():
        m = re.match(r"\| (\w+)[^|]*\| \**([\d.]+)", line)
        if m and m.group(1) in gate:
            measured.setdefault(m.group(1), float(m.group(2)))
    assert len(measured) >= 3, "README gives no measured figures for the gated metrics"
    for metric, value in measured.items():
        assert value >= float(gate[metric]), f"README gives {metric} {value}, under the gate's {gate[metric]}"


def test_the_results_give_both_scorers_and_every_metric_per_kind(gated_run):
    _, out = gated_run
    results = json.loads((out / "results.json").read_text())
    for metric in ("citation_precision", "citation_recall", "faithfulness", "passed"):
        assert results["summary"][metric]["n"] == results["summary"][f"{metric}_independent"]["n"] > 0
    assert set(results["by_kind"]) == {c["kind"] or "(none)" for c in results["cases"]}
    assert results["config"]["independent"]["embedding_check"]["threshold"] > 0
    for case in results["cases"]:
        assert {"retrieved", "gold", "sentences", "failures_independent"} <= set(case) or case["failures"][0].startswith("error:")
    assert "## By kind" in (out / "summary.md").read_text()


def test_a_run_under_a_threshold_fails_and_says_which(eval_store, tmp_path):
    cases = tmp_path / "two.jsonl"
    cases.write_text("\n".join(TESTSET.read_text().splitlines()[:2]))
    proc = aqa_eval(str(cases), "--out", str(tmp_path / "out"), "--fail-under", "fact_recall=1.01", data_dir=eval_store.settings.data_dir)
    assert proc.returncode == 1 and "fail-under: fact_recall" in proc.stderr
    kind = json.loads(TESTSET.read_text().splitlines()[0])["kind"]
    proc = aqa_eval(str(cases), "--out", str(tmp_path / "out"), "--fail-under", f"{kind}:passed=1.01", data_dir=eval_store.settings.data_dir)
    assert proc.returncode == 1 and f"fail-under: {kind}:passed" in proc.stderr


def test_runs_with_the_extractive_answerer_are_deterministic(eval_store):
    cases = dataset.load(TESTSET)[:25]
    first, second = (runner.run(cases, eval_store.answerer, eval_store.store) for _ in range(2))
    strip = lambda r: [{k: v for k, v in c.items() if k != "latency_ms"} for c in r["cases"]]  # noqa: E731
    assert strip(first) == strip(second)


def test_compare_prints_deltas_and_cases_that_went_from_pass_to_fail(gated_run, eval_store, tmp_path):
    _, baseline = gated_run
    # The same set with one answerable case's fact changed so it now fails.
    lines = TESTSET.read_text().splitlines()
    case = json.loads(lines[0])
    case["facts"] = [["a fact no report states"]]
    (tmp_path / "changed.jsonl").write_text("\n".join([json.dumps(case), *lines[1:]]))
    proc = aqa_eval(str(tmp_path / "changed.jsonl"), "--out", str(tmp_path / "out"), "--compare", str(baseline / "results.json"),
                    data_dir=eval_store.settings.data_dir)
    assert proc.returncode == 0, proc.stderr
    assert "## Compared with" in proc.stdout and "| fact_recall |" in proc.stdout
    assert f"Pass → fail (1): `{case['id']}`" in proc.stdout
    assert "Compared with" in (tmp_path / "out" / "report.html").read_text()


def test_a_csv_test_set_runs_and_a_bad_one_is_refused_with_its_line(eval_store, tmp_path):
    (tmp_path / "set.csv").write_text(
        "id,question,answerable,facts\n"
        "hub,When did Ashcombe Vale launch its Joint Discharge Hub?,true,March 2023\n"
        "sefton,When did Sefton launch its hub?,false,\n"
    )
    proc = aqa_eval(str(tmp_path / "set.csv"), "--out", str(tmp_path / "out"), "--fail-under", "passed=1", data_dir=eval_store.settings.data_dir)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (tmp_path / "bad.csv").write_text("id,question,answerable\nx,q,maybe\n")
    proc = aqa_eval(str(tmp_path / "bad.csv"), data_dir=eval_store.settings.data_dir)
    assert proc.returncode == 2 and "bad.csv line 2: answerable must be true or false" in proc.stderr


def test_evaluations_run_in_the_background_over_http(api_url):
    cases = [json.loads(line) for line in TESTSET.read_text().splitlines()[:3]]
    r = httpx.post(f"{api_url}/v1/evaluations", json={"cases": cases, "name": "http"})
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["status"] in ("queued", "running", "done") and job["progress"]["total"] == 3
    deadline = time.monotonic() + 120
    while job["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.2)
        job = httpx.get(f"{api_url}/v1/evaluations/{job['id']}").json()
    assert job["status"] == "done" and job["progress"]["done"] == 3
    assert [c["id"] for c in job["results"]["cases"]] == [c["id"] for c in cases]
    assert "fact_recall" in job["results"]["summary"]
    assert "<img id=\"chart-metrics\"" in httpx.get(f"{api_url}{job['report']}").text
    bad = httpx.post(f"{api_url}/v1/evaluations", json={"jsonl": '{"id": "a"}'})
    assert bad.status_code == 422 and "jsonl line 1: question: Field required" in bad.json()["error"]["message"]


@pytest.mark.browser
def test_the_html_report_opens_in_chromium_with_its_charts_and_no_errors(gated_run):
    from playwright.sync_api import sync_playwright

    from tests.browser import launch

    _, out = gated_run
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((out / "report.html").as_uri())
        for chart in ("#chart-metrics", "#chart-latency"):
            assert page.eval_on_selector(chart, "img => img.complete && img.naturalWidth > 100")
        rows = page.locator("#cases tbody tr")
        passing = page.locator("#cases tbody tr.pass")
        assert rows.count() > passing.count() > 0
        assert passing.first.is_visible()
        # Every metric per kind, and per case the retrieved passages beside the gold ones.
        results = json.loads((out / "results.json").read_text())
        kinds = sorted({c["kind"] or "(none)" for c in results["cases"]})
        assert page.locator("#by-kind thead th").count() == 1 + len(kinds)
        assert page.locator("#by-kind tbody tr").count() == len(results["summary"])
        first = results["cases"][0]
        row = page.locator(f"#case-{first['id']}")
        row.locator("summary").click()
        assert row.locator(".retrieved tbody tr").count() == len(first["retrieved"]) > 0
        assert row.locator(".gold tbody tr").count() == len(first["gold"]) > 0
        assert row.locator(".quote").count() == len(first["citations"])
        page.check("#only-failures")
        assert not passing.first.is_visible()
        browser.close()
    assert errors == []
