"""The optional LLM judge: its reply parsed robustly (a garbage reply is "unparseable", never a
crash), its figures beside the rule-based ones; then against a real OpenAI-compatible server
(llama.cpp's, serving SmolLM2, from tests/servers.py), with two answerers side by side."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from rag.evaluation import judge as J
from rag.evaluation import report
from tests.test_eval_report import by_id, sample_results

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "reply, n, correct, sentences",
    [
        ("correct: yes\n1: supported\n2: unsupported", 2, "yes", ["supported", "unsupported"]),
        ("**Correct:** No\n- Sentence 1: Supported.\n- Sentence 2 - not supported", 2, "no", ["supported", "unsupported"]),
        ('Here you go: {"correct": true, "sentences": [{"supported": false}, "yes"]}', 2, "yes", ["unsupported", "supported"]),
        ('{"correct": "no", "1": "supported"}', 2, "no", ["supported", "unparseable"]),
        ("correct: yes or no\nsentence 1: supported or unsupported", 1, "unparseable", ["unparseable"]),  # the template echoed
        ("1. Yes\n2. No", 2, "unparseable", ["unparseable", "unparseable"]),  # numbered, but numbering what?
        ("The answer is correct. Sentence 1: The hub opened in 2023.", 1, "yes", ["unparseable"]),
        ("The answer is not correct.\nSentence 1 - unsupported", 1, "no", ["unsupported"]),
        ("The answer is yes.", 1, "unparseable", ["unparseable"]),
        ("correct: yes\ncorrect: no\n1: supported\n1: unsupported", 1, "unparseable", ["unparseable"]),  # contradicts itself
        ("The answer is about adult social care. I think it is good!", 2, "unparseable", ["unparseable", "unparseable"]),
        ("", 1, "unparseable", ["unparseable"]),
        ("{not json at all", 1, "unparseable", ["unparseable"]),
        ("correct: yes\n7: supported", 1, "yes", ["unparseable"]),  # a sentence that does not exist is ignored
        ("\x00\x01 {]]}} correct:: 1: ", 1, "unparseable", ["unparseable"]),
    ],
)
def test_a_judge_reply_is_parsed_or_recorded_as_unparseable(reply, n, correct, sentences):
    assert J.parse(reply, n) == (correct, sentences)


class Fake:
    def __init__(self, replies):  # noqa: ANN001, ANN204
        self.replies = list(replies)
        self.calls: list[tuple[str, dict, dict]] = []

    def __call__(self, url, body, headers):  # noqa: ANN001, ANN204
        self.calls.append((url, body, headers))
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply


def test_the_judge_prompt_is_the_template_filled_with_the_case():
    fake = Fake(["correct: yes\n1: supported"])
    judge = J.Judge("http://127.0.0.1:9/v1/", "tiny", "sekret", post=fake)
    row = by_id(sample_results())["hub-date"]
    verdict = judge.judge(row)
    url, body, headers = fake.calls[0]
    assert url == "http://127.0.0.1:9/v1/chat/completions" and headers == {"Authorization": "Bearer sekret"}
    assert body["model"] == "tiny" and body["temperature"] == 0
    prompt = body["messages"][0]["content"]
    assert row["question"] in prompt and "Sentence 1: The local authority launched a Joint Discharge Hub" in prompt
    assert "Passage [1] (Ashcombe Vale Council | Partnerships and communities | Key findings):" in prompt
    assert "sentence 1: supported or unsupported" in prompt and "{" not in prompt.replace("{}", "")
    assert verdict["correct"] == "yes" and verdict["sentences"][0]["verdict"] == "supported"
    assert J.metrics_of(verdict) == {"judge_correctness": 1.0, "judge_support": 1.0}
    with pytest.raises(ValueError, match="base URL"):
        J.Judge("127.0.0.1:8080")


def test_judging_a_run_adds_its_figures_beside_the_rules_and_survives_garbage_and_errors():
    results = sample_results()
    # Answered cases, in order: hub-date, fund-amount, hub-other-council, retrieved-not-cited, no-kind (sefton abstained).
    fake = Fake(["correct: yes\n1: supported", "blah blah", ConnectionError("refused"), "correct: no\n1: unsupported",
                 '{"correct": "yes", "1": "yes"}'])
    J.apply(results, J.Judge("http://judge.invalid/v1", "tiny", post=fake))
    rows = by_id(results)
    assert "judge" not in rows["sefton"] and len(fake.calls) == 5
    assert rows["fund-amount"]["judge"]["correct"] == "unparseable" and rows["fund-amount"]["metrics"]["judge_correctness"] is None
    assert rows["hub-other-council"]["judge"]["error"] == "ConnectionError: refused"
    assert results["judge"] == {"url": "http://judge.invalid/v1/chat/completions", "model": "tiny", "prompt": "prompts/judge.md",
                                "judged": 5, "unparseable": 1, "errors": 1}
    assert results["summary"]["judge_correctness"]["value"] == pytest.approx(2 / 3) and results["summary"]["judge_correctness"]["n"] == 3
    assert results["summary"]["judge_support"]["value"] == pytest.approx(2 / 3)
    assert "judge_support" in results["by_kind"]["fact"]
    md = report.summary_md(results)
    assert "| measure | answer-path check | independent scorer | LLM judge |" in md and "1 with an unparseable reply" in md
    page = report.report_html(results)
    assert "<th>LLM judge</th>" in page and "blah blah" in page and "ConnectionError: refused" in page


# --- a real server --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def judge_url(tmp_path_factory):
    from tests.servers import llama_server

    with llama_server(tmp_path_factory.mktemp("judge") / "server.log") as url:
        yield url


@pytest.mark.integration
@pytest.mark.slow
def test_a_real_small_model_as_judge_gives_a_verdict_or_an_unparseable_one(judge_url):
    judge = J.Judge(judge_url, "smollm2", timeout=300)
    for row in [by_id(sample_results())[i] for i in ("hub-date", "hub-other-council")]:
        verdict = judge.judge(row)
        assert verdict["error"] is None, verdict
        assert verdict["correct"] in ("yes", "no", J.UNPARSEABLE)
        assert [s["verdict"] in ("supported", "unsupported", J.UNPARSEABLE) for s in verdict["sentences"]] == [True]
        assert isinstance(verdict["raw"], str)


@pytest.fixture(scope="module")
def fictional_store(tmp_path_factory):
    """The sample corpus, ingested by `aqa ingest` itself (the embedder the command line uses)."""
    from tests.conftest import EXAMPLES

    data = tmp_path_factory.mktemp("judge-store") / "data"
    proc = subprocess.run([sys.executable, "-m", "aqa.cli", "ingest", str(EXAMPLES), "--quiet", "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return data


@pytest.mark.integration
@pytest.mark.slow
def test_two_answerers_side_by_side_with_a_judge(judge_url, fictional_store, tmp_path):
    from tests.conftest import ROOT

    lines = [json.loads(x) for x in (ROOT / "evals" / "cqc.jsonl").read_text().splitlines() if x.strip()]
    picked = [c for c in lines if c["id"] == "lowbridge-reablement-name"] + [c for c in lines if not c["answerable"]][:1]
    (tmp_path / "set.jsonl").write_text("\n".join(json.dumps(c) for c in picked))
    out = tmp_path / "out"
    env = {**os.environ, "AQA_LLM_BASE_URL": judge_url, "AQA_LLM_MODEL": "smollm2", "AQA_LLM_MAX_TOKENS": "120"}
    proc = subprocess.run(
        [sys.executable, "-m", "aqa.cli", "eval", str(tmp_path / "set.jsonl"), "--llm", "extractive,openai", "--out", str(out),
         "--judge-url", judge_url, "--judge-model", "smollm2", "--fail-under", "fact:passed=1.01",
         "--data-dir", str(fictional_store)], capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-3000:]  # the impossible gate fails, per answerer
    assert "extractive: fact:passed" in proc.stderr and "openai: fact:passed" in proc.stderr
    runs = {name: json.loads((out / name / "results.json").read_text()) for name in ("extractive", "openai")}
    for name, results in runs.items():
        assert [c["id"] for c in results["cases"]] == [c["id"] for c in picked]
        assert results["judge"]["model"] == "smollm2" and results["judge"]["errors"] == 0, results["judge"]
        for row in results["cases"]:
            if row.get("judge"):
                assert row["judge"]["correct"] in ("yes", "no", J.UNPARSEABLE, "n/a")
        assert (out / name / "report.html").exists() and "fact" in results["by_kind"]
    assert runs["extractive"]["judge"]["judged"] >= 1
    md = (out / "summary.md").read_text()
    assert "extractive, openai side by side" in md and "| metric | extractive | openai |" in md
    assert 'href="openai/report.html' in (out / "report.html").read_text()
    assert json.loads((out / "combined.json").read_text())["answerers"] == ["extractive", "openai"]
