"""Answers over real CQC report pages (../shared/reports, read at run time): scores, overall
results, aggregates across section and summary pages, "which council" and frame questions."""

from __future__ import annotations

import csv

import pytest
from conftest import ROOT

from aqa.components import build_components
from rag.answer.chain import Ask
from rag.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]
REPORTS = ROOT.parent / "shared" / "reports"


@pytest.fixture(scope="module")
def real(tmp_path_factory, embedder):
    c = build_components(Settings(data_dir=tmp_path_factory.mktemp("real")), embedder=embedder)
    report = c.ingestor.ingest([str(p) for p in sorted(REPORTS.glob("*.txt"))])
    assert not report.failures
    c.retriever.refresh()
    return c


def manifest() -> list[dict[str, str]]:
    with (REPORTS / "manifest.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def ask(c, question: str):
    answer = c.answerer.invoke(Ask(question))
    for cit in answer.citations:  # every citation is the stored text, verbatim
        assert c.store.document(cit.document_id)[1][cit.start : cit.end] == cit.quote
    return answer


def test_every_section_pages_score_is_recognised_as_the_manifest_gives_it(real):
    facts = real.retriever.catalog.scores
    for row in manifest():
        if row["kind"] == "section":
            fact = facts[(real.gazetteer.canonical(row["authority"]) or row["authority"], row["statement"])]
            assert fact.score == int(row["score"]), row["file"]


def test_summary_pages_give_overall_results_or_none(real):
    overall = real.retriever.catalog.overall
    assert (overall["Hertfordshire County Council"].rating, overall["Hertfordshire County Council"].percent) == ("Good", 78)
    assert (overall["City of York Council"].rating, overall["City of York Council"].percent) == ("Requires improvement", 39)
    for empty in ("Gateshead Borough Council", "Shropshire Council", "St Helens Borough Council"):
        assert empty not in overall


def test_an_overall_question_is_answered_from_the_summary_and_never_with_a_statement_score(real):
    a = ask(real, "What overall rating did York get?")
    assert "Requires improvement" in a.answer and "39%" in a.answer and len(a.citations) == 1
    none = ask(real, "What is the overall rating for Wiltshire?")
    assert none.abstained and "no overall rating for Wiltshire Council" in none.answer
    assert "Score" not in " ".join(c.section for c in none.citations)


def test_aggregates_are_complete_across_section_and_summary_pages_with_one_citation_per_council(real):
    expected = {r["authority"] for r in manifest() if r["statement"] == "Assessing needs" and r["score"] == "2"}
    a = ask(real, "Which councils scored 2 for assessing needs?")
    named = {c.authority for c in a.citations}
    assert {real.gazetteer.canonical(x) or x for x in expected} <= named
    assert len(a.citations) == len(named)  # no council twice
    york = ask(real, "Which councils scored 1 for safeguarding?")  # only York's summary lists a 1
    assert {c.authority for c in york.citations} == {"City of York Council"}


def test_a_which_council_question_names_the_council(real):
    a = ask(real, "Which council had a multi-agency safeguarding hub that included a nurse?")
    assert a.answer.startswith("Wiltshire Council") and a.citations[0].authority == "Wiltshire Council"


def test_frame_questions_are_answered_from_the_frame(real):
    a = ask(real, "What do people expect under the safeguarding quality statement?")
    assert not a.abstained and a.citations[0].section.startswith("What people expect")


def test_what_a_statement_is_about_is_both_parts_of_its_frame(real):
    a = ask(real, "What is the safeguarding quality statement about?")
    assert not a.abstained
    assert {c.section for c in a.citations} == {"What people expect", "The local authority commitment"}


def test_a_score_line_with_an_en_dash_and_a_title_without_london_borough_of(real):
    assert "scored 3" in ask(real, "What did Stockton-on-Tees score for governance?").answer
    assert "scored 2" in ask(real, "What did Hammersmith and Fulham score for partnerships and communities?").answer
