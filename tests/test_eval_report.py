"""The reports on a hand-built run (no model): the side-by-side scorers, every metric per kind,
per case the retrieved passages beside the gold ones, the opened citations and the reasons, all
text escaped, one self-contained file; several answerers in one comparison; and the page in a real
browser with no console errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rag.evaluation import independent, report, runner
from rag.evaluation import metrics as M
from rag.evaluation.dataset import Case, Gold
from rag.models import Citation, SearchHit

pytestmark = pytest.mark.unit

HUB = "The local authority launched a Joint Discharge Hub at St Elwyn's Hospital in March 2023."
FUND = "The Better Care Fund pooled £18.4 million in 2024/25."
TWIN = "The local authority launched a Joint Discharge Hub at Lowbridge General Hospital in October 2023."
TEXT = f"Intro.\n{HUB}\n{FUND}\n{TWIN}\n<b>Bold</b> & “quoted” text.\n"
EVIL = "<script>alert('x')</script> & <img src=x onerror=alert(1)>"


def hit(text: str, n: int, authority: str = "Ashcombe Vale Council", source: str = "report.txt") -> SearchHit:
    start = max(TEXT.find(text), 0)
    return SearchHit(chunk_id=f"c{n}", document_id="d1", source=source, authority=authority,
                     quality_statement="Partnerships and communities", theme="", score=None, section="Key findings",
                     text=text, start=start, end=start + len(text), rank_score=1.0)


def _row(case: Case, answer: str, cited: list[SearchHit], hits: list[SearchHit], abstained: bool = False, latency: float = 20.0) -> dict:
    citations = [Citation.from_hit(i, h) for i, h in enumerate(cited, 1)]
    detail = M.case_detail(case, abstained, answer, citations, hits, 5, lambda _: TEXT, independent.Scorer())
    return runner._row(case, answer=answer, abstained=abstained, latency=latency, citations=[c.model_dump() for c in citations],
                       removed=[], answerer="extractive", contexts=[h.text for h in hits], **detail)


def sample_results(name: str = "sample.jsonl", llm: str = "extractive") -> dict:
    hub, fund, twin = hit(HUB, 1), hit(FUND, 2), hit(TWIN, 3, "Lowbridge and Fenn Council", "doc_38a1c2.txt")
    hub_gold = Gold(source="report.txt", quote="Joint Discharge Hub at St Elwyn's Hospital")
    rows = [
        _row(Case(id="hub-date", kind="fact", question="When did Ashcombe Vale open its hub?", answerable=True, reference="March 2023.",
                  facts=[["March 2023"]], gold=[hub_gold]), f"{HUB} [1]", [hub], [hub, fund]),
        _row(Case(id="fund-amount", kind="number", question=EVIL, answerable=True, reference="£18.4 million", facts=[["£18\\.4 million"], ["24\\.6"]],
                  gold=[Gold(source="report.txt", quote="pooled £18.4 million")]), f"{FUND} [1]", [fund], [twin, fund]),
        # The answer-path check passes it (it does not check a name that opens a sentence); the
        # independent scorer sees a council the passage does not name.
        _row(Case(id="hub-other-council", kind="twin_trap", question="Did Ashcombe Vale open a hub?", answerable=True, reference="Yes, in March 2023.",
                  facts=[["Joint Discharge Hub"]], gold=[hub_gold]),
             "Sefton Council launched a Joint Discharge Hub at St Elwyn's Hospital in March 2023. [1]", [hub], [hub, twin]),
        _row(Case(id="retrieved-not-cited", kind="fact", question="Which hospital?", answerable=True, reference="St Elwyn's.",
                  facts=[["St Elwyn"]], gold=[hub_gold]), f"{TWIN} [1]", [twin], [twin, hub]),
        _row(Case(id="sefton", kind="unanswerable", question="When did Sefton open a hub?", answerable=False),
             "The assessment reports do not say.", [], [], abstained=True, latency=3.0),
        _row(Case(id="no-kind", question="Anything <b>bold</b>?", answerable=True, reference="<i>yes</i>", facts=[["Bold"]],
                  gold=[Gold(source="report.txt", quote="<b>Bold</b> & “quoted”")]),
             "<b>Bold</b> & “quoted” text. [1]", [hit("<b>Bold</b> & “quoted” text.", 4)], [hit("<b>Bold</b> & “quoted” text.", 4)]),
    ]
    return {"name": name, "created": "2026-11-25T12:00:00+00:00", "seconds": 1.5,
            "config": {"llm": llm, "k": 5, "embedding_model": "test", "cases": len(rows), "python": "3",
                       "independent": independent.Scorer().describe()},
            "summary": runner.summarise(rows), "by_kind": runner.by_kind(rows), "cases": rows}


def by_id(results: dict) -> dict:
    return {r["id"]: r for r in results["cases"]}


def test_the_sample_run_has_the_outcomes_the_report_must_show():
    rows = by_id(sample_results())
    assert rows["hub-date"]["passed"] and rows["hub-date"]["passed_independent"]
    assert rows["fund-amount"]["failures"] == ["fact group 2 missing: 24\\.6"]
    assert rows["hub-other-council"]["passed"] and not rows["hub-other-council"]["passed_independent"]
    assert rows["hub-other-council"]["failures_independent"] == [
        "sentence 1 not supported by [1] (independent): name Sefton Council not in passage: "
        "Sefton Council launched a Joint Discharge Hub at St Elwyn's Hospital in March 2023."]
    assert rows["retrieved-not-cited"]["failures"] == [
        "fact group 1 missing: St Elwyn", "gold passage 1 retrieved (rank 2) but not cited: report.txt “Joint Discharge Hub at St Elwyn's Hospital”"]
    assert rows["sefton"]["passed"] and rows["sefton"]["metrics"]["citation_recall_independent"] is None


def test_summary_md_puts_the_scorers_side_by_side_and_every_metric_per_kind():
    md = report.summary_md(sample_results())
    assert "## Answer-path check vs independent scorer" in md
    assert re.search(r"\| cases passed \| 0\.\d+ \(n=6\) \| 0\.\d+ \(n=6\) \|", md)
    assert "## By kind" in md and "| metric | (none) (n=1) | fact (n=2) | number (n=1) | twin_trap (n=1) | unanswerable (n=1) |" in md
    for name in (*M.METRICS[:14], "abstention_accuracy", "latency_p95_ms"):
        assert f"\n| {name} |" in md.split("## By kind")[1], name
    assert "## Cases the two scorers disagree on (1)" in md and "`hub-other-council` (answer path passes, independent fails)" in md


def test_results_json_holds_the_kinds_and_the_evidence(tmp_path):
    paths = report.write(sample_results(), tmp_path)
    data = json.loads(paths["results"].read_text())
    assert set(data["by_kind"]) == {"(none)", "fact", "number", "twin_trap", "unanswerable"}
    row = by_id(data)["retrieved-not-cited"]
    assert [(r["rank"], r["hit"], r["cited"]) for r in row["retrieved"]] == [(1, False, [1]), (2, True, [])]
    assert row["gold"][0]["rank"] == 2 and row["gold"][0]["cited"] == []
    assert row["citations"][0]["quote"] == TWIN and row["sentences"][0]["supported"]


def test_report_html_is_one_escaped_self_contained_page_with_kinds_and_per_case_evidence(tmp_path):
    page = report.report_html(sample_results())
    assert "<script>alert" not in page and "<img src=x" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b>Bold</b>" not in page and "&lt;b&gt;Bold&lt;/b&gt; &amp; “quoted”" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page) and "<link" not in page and "<script src" not in page
    assert page.count("<script>") == 1
    assert 'id="by-kind"' in page and 'id="scorers"' in page
    case = page[page.index('id="case-retrieved-not-cited"'):]
    case = case[: case.index("</tr>\n") if "</tr>\n" in case else len(case)]
    assert "Retrieved, in rank order" in case and "Gold passages" in case
    assert '<td class="miss">miss</td>' in case and '<td class="hit">hit (gold 1)</td>' in case
    assert "gold passage 1 retrieved (rank 2) but not cited" in case
    assert f'<div class="quote">{TWIN}</div>' in case  # the citation opened
    negated = page[page.index('id="case-hub-other-council"'):]
    assert 'class="pass disagree"' in page and "name Sefton Council not in passage" in negated


def test_several_answerers_get_one_comparison(tmp_path):
    one, two = sample_results(llm="extractive"), sample_results(llm="openai")
    by_id(two)["hub-date"].update(passed=False, failures=["fact group 1 missing: March 2023"])
    paths = report.write_combined({"extractive": one, "openai": two}, tmp_path)
    md = paths["summary"].read_text()
    assert "extractive, openai side by side" in md and "| metric | extractive | openai |" in md
    assert "## Cases with different outcomes (1)" in md and "`hub-date`: extractive pass, openai FAIL" in md
    page = paths["report"].read_text()
    assert 'href="openai/report.html#case-hub-date"' in page and 'id="by-kind-passed"' in page
    assert "<script>alert" not in page
    combined = json.loads(paths["combined"].read_text())
    assert combined["answerers"] == ["extractive", "openai"] and set(combined["by_kind"]["openai"]) >= {"fact", "number"}


@pytest.mark.browser
def test_the_report_opens_in_chromium_without_errors_with_kinds_and_passages(tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.browser import launch

    paths = report.write(sample_results(), tmp_path)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(Path(paths["report"]).as_uri())
        assert page.locator("#by-kind tbody tr").count() >= len(M.METRICS) - 2
        assert page.locator("#by-kind thead th").count() == 1 + 5
        row = page.locator("#case-retrieved-not-cited")
        assert not row.locator(".retrieved").is_visible()
        row.locator("summary").click()
        assert row.locator(".retrieved tbody tr").count() == 2 and row.locator(".gold tbody tr").count() == 1
        assert row.locator(".retrieved td.hit").first.inner_text().startswith("hit")
        assert TWIN in row.locator(".quote").first.inner_text()
        assert page.locator("#cases tbody tr.disagree").count() == 1
        page.check("#only-disagreements")
        assert not page.locator("#case-hub-date").is_visible() and page.locator("#case-hub-other-council").is_visible()
        assert page.evaluate("document.title") == "assessment-qa evaluation"
        assert page.evaluate("() => !!window.__xss") is False
        browser.close()
    assert errors == []
