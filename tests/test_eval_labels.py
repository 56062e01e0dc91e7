"""Human labels: a labels file or an interactive pass over the failed cases stores pass/fail and a
note in results.json; the labelled figures; labels carried to a new run only for an unchanged
answer; `--compare` counts them and lists the label changes. `aqa eval --label` needs no model."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from rag.evaluation import compare, labels, report
from rag.evaluation.dataset import TestSetError
from tests.test_eval_report import by_id, sample_results

pytestmark = pytest.mark.unit


def test_a_labels_file_is_read_and_a_bad_line_is_named(tmp_path):
    good = tmp_path / "labels.jsonl"
    good.write_text('{"id": "a", "label": "PASS", "note": "fine"}\n\n{"id": "b", "label": "fail"}\n')
    assert [(x["id"], x["label"], x["note"]) for x in labels.read_file(good)] == [("a", "pass", "fine"), ("b", "fail", "")]
    for text, problem in [('{"id": "a", "label": "maybe"}', "line 1: label must be pass or fail, not 'maybe'"),
                          ('{"id": "a", "label": "pass"}\n{"label": "pass"}', "line 2: a label is"),
                          ('{"id": "a"', "line 1: not valid JSON")]:
        bad = tmp_path / "bad.jsonl"
        bad.write_text(text)
        with pytest.raises(TestSetError, match=problem.replace("(", r"\(").replace(")", r"\)")):
            labels.read_file(bad)


def test_labels_are_stored_on_their_cases_and_win_over_the_automatic_verdict():
    results = sample_results()
    assert labels.apply(results, [{"id": "fund-amount", "label": "pass", "note": "24.6 is another report's figure"},
                                  {"id": "hub-other-council", "label": "fail", "note": "another council's name"}]) == 2
    rows = by_id(results)
    assert rows["fund-amount"]["label"]["label"] == "pass" and rows["fund-amount"]["label"]["note"].startswith("24.6")
    assert labels.outcome(rows["fund-amount"]) and not labels.outcome(rows["hub-other-council"])
    assert labels.outcome(rows["hub-date"]) and not labels.outcome(rows["retrieved-not-cited"])
    # 6 cases: 4 passed automatically; fund-amount now passes, hub-other-council now fails.
    assert results["summary"]["passed_labelled"]["value"] == pytest.approx(4 / 6)
    assert results["summary"]["label_agreement"] == {"value": 0.0, "ci95": None, "n": 2}
    with pytest.raises(TestSetError, match="no case 'nope'"):
        labels.apply(results, [{"id": "nope", "label": "pass", "note": ""}])


def test_the_interactive_pass_walks_the_failed_cases_and_disagreements():
    results = sample_results()
    assert [r["id"] for r in labels.to_review(results)] == ["fund-amount", "hub-other-council", "retrieved-not-cited"]
    replies = iter(["p", "24.6 is not asked for", "x", "", "f", ""])  # pass with a note; a typo, then skip; fail
    shown: list[str] = []
    assert labels.interactive(results, ask=lambda prompt: next(replies), show=shown.append) == 2
    rows = by_id(results)
    assert rows["fund-amount"]["label"]["label"] == "pass" and rows["fund-amount"]["label"]["by"] == "interactive"
    assert "label" not in rows["hub-other-council"] and rows["retrieved-not-cited"]["label"] == {
        **rows["retrieved-not-cited"]["label"], "label": "fail", "note": ""}
    assert shown[0].startswith("--- 1/3 fund-amount (number) answer-path: FAIL, independent: FAIL")
    assert "type p, f, Enter or q" in shown
    replies = iter(["q"])
    assert labels.interactive(sample_results(), ask=lambda prompt: next(replies), show=lambda text: None) == 0


def test_labels_carry_to_a_new_run_only_for_the_same_answer_and_compare_lists_their_changes():
    base = sample_results()
    labels.apply(base, [{"id": "fund-amount", "label": "pass", "note": "ok"}, {"id": "hub-date", "label": "fail", "note": "wrong"}])
    now = sample_results()
    by_id(now)["hub-date"]["answer"] = "A different answer [1]."
    assert labels.carry(now, base) == 1
    assert by_id(now)["fund-amount"]["label"]["carried"] and "label" not in by_id(now)["hub-date"]
    c = compare.compare(now, base, "base")
    assert c["fixed"] == ["hub-date"] and c["regressed"] == []  # hub-date failed by label before, passes now unlabelled
    assert [(x["id"], x["baseline"], x["now"], x["automatic"]) for x in c["labels"]] == [
        ("hub-date", "fail", None, "pass"), ("fund-amount", "pass", "pass", "fail")]
    md = report.compare_md(c)
    assert "Label changes (2; a human label wins over the automatic verdict):" in md
    assert "- `hub-date`: fail → unlabelled (automatic: pass)" in md


def aqa(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aqa.cli", "eval", *args], capture_output=True, text=True, input=stdin, timeout=120)


@pytest.mark.slow
def test_aqa_eval_label_stores_labels_and_renders_the_reports_again(tmp_path):
    report.write(sample_results(), tmp_path)
    results = tmp_path / "results.json"
    (tmp_path / "labels.jsonl").write_text('{"id": "hub-other-council", "label": "fail", "note": "says <not> wrongly"}\n')
    proc = aqa("--label", str(results), "--label-file", str(tmp_path / "labels.jsonl"))
    assert proc.returncode == 0, proc.stderr
    assert "1 label(s) stored" in proc.stderr
    data = json.loads(results.read_text())
    assert by_id(data)["hub-other-council"]["label"]["note"] == "says <not> wrongly" and "passed_labelled" in data["summary"]
    assert "## Human labels (1)" in (tmp_path / "summary.md").read_text()
    assert "says &lt;not&gt; wrongly" in (tmp_path / "report.html").read_text()
    # Interactive, answers on stdin: pass the first failed case with a note, then stop.
    proc = aqa("--label", str(results), stdin="p\nfine after all\nq\n")
    assert proc.returncode == 0, proc.stderr
    assert "fund-amount" in proc.stdout and by_id(json.loads(results.read_text()))["fund-amount"]["label"]["note"] == "fine after all"
    (tmp_path / "bad.jsonl").write_text('{"id": "zzz", "label": "pass"}\n')
    proc = aqa("--label", str(results), "--label-file", str(tmp_path / "bad.jsonl"))
    assert proc.returncode == 2 and "no case 'zzz'" in proc.stderr
    proc = aqa("--label-file", str(tmp_path / "bad.jsonl"))
    assert proc.returncode == 2 and "--label-file goes with --label" in proc.stderr
