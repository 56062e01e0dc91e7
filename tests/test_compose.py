"""Pieces every answerer uses: one answer made of the answers to a question's parts."""

from __future__ import annotations

import pytest

from rag.answer.compose import NOT_IN_REPORTS, abstain, joined
from rag.models import Answer, Citation

pytestmark = pytest.mark.unit


def cite(n: int, chunk: str) -> Citation:
    return Citation(n=n, chunk_id=chunk, document_id="d", source="s.txt", authority="Ashcombe Vale Council",
                    quality_statement="", section="", quote="q", start=0, end=1)


def test_the_parts_answers_are_joined_in_order_and_their_citations_numbered_anew():
    first = Answer(answer="It opened in March 2023. [1] It has 12 staff. [2]", abstained=False,
                   citations=[cite(1, "a"), cite(2, "b")])
    second = Answer(answer="612 people were waiting. [1] It has 12 staff. [2]", abstained=False,
                    citations=[cite(1, "c"), cite(2, "b")])
    answer = joined(["When did it open?", "How many were waiting?"], [first, second])
    assert answer.answer == "It opened in March 2023. [1] It has 12 staff. [2] 612 people were waiting. [3] It has 12 staff. [2]"
    assert [(c.n, c.chunk_id) for c in answer.citations] == [(1, "a"), (2, "b"), (3, "c")]


def test_a_part_the_reports_do_not_answer_is_named_and_only_all_parts_unanswered_abstain():
    found = Answer(answer="It opened in March 2023. [1]", abstained=False, citations=[cite(1, "a")])
    answer = joined(["When did it open?", "Who chairs it?"], [found, abstain("No passage found gives a name.")])
    assert not answer.abstained
    assert answer.answer.endswith(f"As for “Who chairs it?”: {NOT_IN_REPORTS} No passage found gives a name.")
    both = joined(["When?", "Who?"], [abstain("No date."), abstain("No name.")])
    assert both.abstained and both.answer == f"{NOT_IN_REPORTS} No date. No name."


def test_the_joined_answer_keeps_the_parts_timings_whether_or_not_it_abstains():
    one = abstain("No date.").model_copy(update={"timings": {"total_ms": 2.0}})
    two = abstain("No name.").model_copy(update={"timings": {"total_ms": 3.0}})
    assert joined(["When?", "Who?"], [one, two]).timings["total_ms"] == 5.0


def test_a_part_whose_sentences_an_earlier_part_quoted_adds_nothing():
    first = Answer(answer="It opened in March 2023. [1] It has 12 staff. [2]", abstained=False, citations=[cite(1, "a"), cite(2, "b")])
    again = Answer(answer="It has 12 staff. [1]", abstained=False, citations=[cite(1, "b")])
    answer = joined(["When did it open?", "How many staff?"], [first, again])
    assert answer.answer == "It opened in March 2023. [1] It has 12 staff. [2]"
