"""A quality statement named in other words is recognised by meaning, with the real embedder.

The thresholds in rag/answer/meaning.py were set on the phrasings below (our own), never on an
evaluation set: each names one statement in words that are none of its names or aliases, or a thing
no statement covers.
"""

from __future__ import annotations

import pytest

from rag.answer.chain import Ask
from rag.answer.meaning import StatementReader

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def reader(embedder) -> StatementReader:
    return StatementReader(embedder.embed_documents)


@pytest.mark.parametrize(
    "words, statement",
    [
        ("how it works with other organisations and the community", "Partnerships and communities"),
        ("moving people between hospital and home safely", "Safe pathways, systems and transitions"),
        ("young people moving into adult services", "Safe pathways, systems and transitions"),
        ("checking what people need", "Assessing needs"),
        ("how long people wait for an assessment", "Assessing needs"),
        ("carers assessments", "Assessing needs"),
        ("supply of care services", "Care provision, integration and continuity"),
        ("treating everyone fairly", "Equity in experience and outcomes"),
        ("keeping people healthy", "Supporting people to live healthier lives"),
        ("prevention and early help", "Supporting people to live healthier lives"),
        ("protecting people from harm", "Safeguarding"),
        ("learning lessons and improving", "Learning, improvement and innovation"),
    ],
)
def test_words_that_mean_a_statement_read_as_it(reader, words, statement):
    found = reader._closest(words)
    assert found is not None and found.name == statement


@pytest.mark.parametrize(
    "words",
    ["handling complaints", "waiting times", "direct payments", "staff turnover", "the cost of care", "housing",
     "customer service", "day centres", "respite for carers", "social workers' caseloads", "unpaid carers",
     "charging for care", "delayed transfers of care", "technology enabled care",
     # (CQC rates care homes and home care agencies itself)
     "its care homes", "home care"],
)
def test_a_thing_no_statement_covers_reads_as_none(reader, words):
    assert reader._closest(words) is None


def ask(components, question: str):
    return components.answerer.invoke(Ask(question))


@pytest.mark.parametrize(
    "question, words, statement, score",
    [
        ("What mark did Northmere get for how it works with other organisations and the community?",  # ("how it": not the thing)
         "works with other organisations and the community", "Partnerships and communities", 1),
        ("how did kestrel bay do at moving people between hospital and home safely",
         "moving people between hospital and home safely", "Safe pathways, systems and transitions", 2),
        ("Ashcombe Vale: what rating out of 4 did CQC give for checking what people need?",
         "checking what people need", "Assessing needs", 2),
        ("Harrowfield's grade for the supply of care services?", "supply of care services",
         "Care provision, integration and continuity", 3),
        # (rated "whether" it does so; the score asked "for that", of what the question first described)
        ("Kestrel Bay: how did the regulator rate whether people move safely between hospital and home?",
         "people move safely between hospital and home", "Safe pathways, systems and transitions", 2),
        ("does ashcombe vale check properly what people need? what mark did they get for that",
         "check properly what people need", "Assessing needs", 2),
        # (the council said first: "for harrowfield on …")
        ("score for harrowfield on the supply of care services", "supply of care services", "Care provision, integration and continuity", 3),
    ],
)
def test_a_score_asked_in_other_words_is_that_statements_score_and_says_how_it_was_read(loaded, question, words, statement, score):
    answer = ask(loaded, question)
    assert f"scored {score}" in answer.answer and statement in answer.answer
    assert answer.read_as == {words: statement}
    assert len(answer.citations) == 1 and f"Score: {score}" in answer.citations[0].quote


@pytest.mark.parametrize("question", [
    "in terms of checking what people need, what did Ashcombe Vale score?",
    "when it comes to checking what people need, how did Ashcombe Vale score?",
    "what score did cqc give Ashcombe Vale's work on checking what people need",
    "how many points did Ashcombe Vale get on checking what people need",
    "for checking what people need, what did Ashcombe Vale score?",
])
def test_a_score_asked_in_more_ways_of_pointing_at_what_it_is_for_is_read_so(loaded, question):
    answer = ask(loaded, question)
    assert "scored 2" in answer.answer and "Assessing needs" in answer.answer
    assert answer.read_as == {"checking what people need": "Assessing needs"}


@pytest.mark.parametrize("question", [
    # (pins from session 29's review: the asker's situation first, another question after the dash)
    "After checking what people need, how did Ashcombe Vale score?", "Given checking what people need, how did Ashcombe Vale score?",
    "As someone checking what people need - how did Ashcombe Vale score?", "Ashcombe Vale's score - what does checking what people need mean?",
    "For a council checking what people need, how did Ashcombe Vale score?", "Amid checking what people need, how did Ashcombe Vale score?",
    "Ashcombe Vale's rating - checking what people need?",
])
def test_what_is_said_before_or_after_a_score_asked_is_not_read_as_a_statement(loaded, question):
    assert ask(loaded, question).read_as == {}


def test_a_score_asked_for_a_thing_no_statement_covers_is_not_read_as_one(loaded):
    answer = ask(loaded, "What score did Harrowfield get for handling complaints?")
    assert answer.read_as == {}
    assert "scored" not in answer.answer


def test_words_that_mean_a_statement_in_a_question_asking_no_score_are_left_as_typed(loaded):
    # ("what did X do for …" asks what it did: the question read with the statement's name asks no score either)
    answer = ask(loaded, "What did Kestrel Bay do for people moving between hospital and home?")
    assert answer.read_as == {}
    assert "scored" not in answer.answer
    # (nor when the overall result is asked: a statement read is asked for its own score, never the headline one)
    answer = ask(loaded, "What overall rating did Ashcombe Vale get for checking what people need?")
    assert answer.read_as == {}
