"""A quality statement named by the subject words CQC's framework gives it (rag/answer/meaning.COVERS),
when meaning alone finds no clear winner: the statement holding more of them than any other."""

from __future__ import annotations

import pytest

from rag.answer.meaning import StatementReader, _by_words

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("words", "statement"), [
    ("handling section 42 enquiries", "Safeguarding"),
    ("budgets and management grip", "Governance, management and sustainability"),
    ("how well the department is led and managed", "Governance, management and sustainability"),
    ("reaching seldom heard groups", "Equity in experience and outcomes"),
    ("accessibility for people who don't speak english", "Equity in experience and outcomes"),
    ("paying care providers fair fees", "Care provision, integration and continuity"),
    ("fair fees", "Care provision, integration and continuity"),  # (the market's fees, no fairness of treatment)
    ("the fair cost of care", "Care provision, integration and continuity"),
    ("people with protected characteristics", "Equity in experience and outcomes"),
    ("having enough care homes and home care", "Care provision, integration and continuity"),
    ("equipment and adaptations", "Supporting people to live healthier lives"),
    ("preparing young people for adulthood", "Safe pathways, systems and transitions"),
    ("joint working with the ICB", "Partnerships and communities"),
    ("co-production and getting better over time", "Learning, improvement and innovation"),
    ("assessment waiting lists and care plans", "Assessing needs"),
])
def test_a_thing_said_in_a_statements_subject_words_is_that_statement(words, statement):
    found = _by_words(words)
    assert found is not None and found.name == statement


@pytest.mark.parametrize("words", [
    # things CQC scores under no one statement (as tests/test_meaning.py's, read by meaning)
    "handling complaints", "waiting times", "direct payments", "staff turnover", "the cost of care", "housing",
    "customer service", "day centres", "respite for carers", "social workers' caseloads", "unpaid carers",
    "charging for care", "delayed transfers of care", "technology enabled care", "its care homes", "home care",
    # two statements' words as many times each: no winner
    "partners and providers",
    # (from session 29's review: words that are another thing's)
    "its peer review", "the mental capacity act", "dealing with enquiries from the public", "supporting people with learning disabilities",
])
def test_words_of_no_statement_or_of_two_alike_read_as_none(words):
    assert _by_words(words) is None


def test_the_reader_falls_back_on_subject_words_when_meaning_finds_no_clear_winner():
    reader = StatementReader(lambda texts: [[1.0, 0.0] for _ in texts])  # every description alike: no winner by meaning
    found = reader._closest("handling section 42 enquiries")
    assert found is not None and found.name == "Safeguarding"
    assert reader._closest("handling complaints") is None


@pytest.mark.parametrize(("text", "statement"), [
    ("fair access for minority communities", "Equity in experience and outcomes"),  # (not Partnerships and communities' "communities")
    ("support for diverse communities", "Equity in experience and outcomes"),
])
def test_a_topic_word_inside_another_statements_longer_words_is_theirs(text, statement):
    from rag import framework as fw

    assert [m.statement.name for m in fw.statement_mentions(text)] == [statement]
