"""Questions typed as people type them (session 30's fresh development sets): a count of other things
rated is no council's result, an "or" inside a description is no choice of scores, an abbreviation's
full stop ends no sentence, a quoted name made of the question's words is the name asked, a
population asked "how big" is its size, and a figure asked against a benchmark comes with the
sentence setting it against one. Passages are fictional (Ashcombe Vale, Northmere)."""

from __future__ import annotations

import pytest

from rag.answer import extractive, followup
from rag.answer import route as R
from rag.query import Analysis, analyse
from tests.test_extractive import ASHCOMBE, hit
from tests.test_route import CATALOG, SG, Y, route_of

pytestmark = pytest.mark.unit


def wants_score(question: str) -> bool:
    return analyse(question, CATALOG.gazetteer, CATALOG.authorities).wants_score


def answer(question: str, *passages: str) -> str:
    hits = [hit(p, n) for n, p in enumerate(passages, 1)]
    a = extractive.passages(question, Analysis(text=question, authorities=[ASHCOMBE]), hits)
    return "" if a.abstained else a.answer


@pytest.mark.parametrize("question", [
    "How many care homes in York are rated good by CQC?",
    "how many people in York rated their support as good?",
    "How many home care agencies in York were rated outstanding?",
])
def test_a_count_of_other_things_rated_asks_no_council_result(question):
    assert not wants_score(question)
    assert isinstance(route_of(question), R.Passages)


@pytest.mark.parametrize("question", [
    "How many councils were rated good overall?",
    "how many of York's statements scored 1?",
    "How many points did York get for safeguarding?",
    "how many 1s did York get?",
    "how many out of 100 did York score overall?",
])
def test_a_count_of_councils_statements_or_points_still_asks_scores(question):  # pin
    assert wants_score(question)


def test_an_or_inside_what_the_statement_is_described_by_is_no_choice_of_scores():
    asked = "Did York get a 1 for safeguarding, like when abuse or neglect is reported?"
    assert route_of(asked) == R.Scores((Y,), (SG,), whether=(1, 1))


@pytest.mark.parametrize("question", [
    "Did York get a 1 or a 2 for safeguarding?",
    "Is York's safeguarding good or inadequate?",
])
def test_a_choice_between_scores_or_ratings_is_still_answered_by_the_fact(question):  # pin
    r = route_of(question)
    assert isinstance(r, R.Scores) and r.whether is None


def test_an_abbreviations_full_stop_does_not_end_what_was_told_first():
    q = "How did York do on fairness, i.e. making sure everyone gets an equal deal?"
    assert followup.resolve(q, [], CATALOG.gazetteer) == q
    assert route_of(q) == R.Scores((Y,), ("Equity in experience and outcomes",))
    # (a real sentence before the question is still what was told)
    told = followup.resolve("My dad lives in York. Did they get a 1 for safeguarding?", [], CATALOG.gazetteer)
    assert told == "Did they get a 1 for safeguarding (My dad lives in York.)?"


def test_a_quoted_name_made_of_the_questions_words_is_the_name_asked_after_a_councils_possessive():
    passage = ("‘Ask Ashcombe’ was the council's telephone line for advice and for asking for an assessment. "
               "Calls were answered by a team of advisers based at the civic centre.")
    assert "Ask Ashcombe" in answer("What is the name of Ashcombe council's telephone line for asking for an assessment?", passage)


def test_a_population_asked_how_big_is_the_whole_populations_size():
    passage = ("The population grew by 4% between the last two censuses. "
               "The population of 212,000 lives mostly in the two market towns.")
    for q in ("How big is the population of Ashcombe Vale?", "how large is Ashcombe Vale's population?"):
        assert "212,000" in answer(q, passage)


def test_a_figure_asked_against_a_benchmark_comes_with_the_sentence_that_sets_it_against_one():
    passage = ("The annual survey showed 71.4% of carers were satisfied with the support they got. "
               "This was below the England average of 76.2%. Carers said the helpline was busy.")
    got = answer("How does carers' satisfaction in Ashcombe Vale compare with the national figure?", passage)
    assert "71.4%" in got and "76.2%" in got
    # (not asked against a benchmark: the figure alone)
    assert "76.2%" not in answer("What share of carers in Ashcombe Vale were satisfied with their support?", passage)
