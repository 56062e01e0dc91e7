"""Session 33's fresh development sets: a question about a whole theme ("what are X's main strengths
on …?") is answered with the report's several points on it; the public's long questions are read for
what they ask ("… waited months. is this normal?", "…, roughly how many …?", "when staff assess you
do they …?", "As a carer, I heard …"); a council is named as people name it ("St. Helens", "North
Yorks"); and a second part asking what fell short is about the statement the first part named.
Passages are fictional (Ashcombe Vale)."""

from __future__ import annotations

import pytest

from rag import rules
from rag.answer import extractive, followup
from rag.answer import route as R
from rag.gazetteer import load_gazetteer
from tests.test_route import route_of
from tests.test_session30 import answer

pytestmark = pytest.mark.unit

PARTNERS = ("The council had a very strong culture of partnership working. "
            "Partners praised the joint hospital discharge team, which was effective and responsive. "
            "Staff valued the integrated neighbourhood teams, which had improved joint working. "
            "However, data sharing with the community trust was still limited. "
            "Decisions on joint funding were delayed, which frustrated providers. "
            "The voluntary sector forum was described as a strong and trusted partner.")


def test_a_theme_question_is_answered_with_the_reports_several_points():
    said = answer("What are Ashcombe Vale's main strengths on partnership working?", PARTNERS)
    assert "very strong culture" in said
    assert "hospital discharge" in said and "neighbourhood teams" in said
    # (in the tone asked: what fell short is no strength)
    assert "data sharing" not in said


def test_what_needs_to_improve_brings_the_points_that_fell_short():
    said = answer("What needs to improve in Ashcombe Vale's partnership working?", PARTNERS)
    assert "data sharing" in said and "joint funding" in said
    assert "praised" not in said


def test_a_question_about_one_fact_is_not_widened():  # (pin)
    said = answer("Which team did partners praise in Ashcombe Vale?", PARTNERS)
    assert "hospital discharge team" in said
    assert "voluntary sector forum" not in said


def test_a_word_setting_a_team_apart_is_not_the_kind_of_team_asked_for():
    said = answer("is there a specialist team at Ashcombe Vale council for people with sight or hearing loss",
                  "There was a separate sensory team who supported people with sensory needs.")
    assert "sensory team" in said
    # (pin: the kind named still counts: a dementia team is no sensory team)
    assert answer("Is there a specialist dementia team in Ashcombe Vale?",
                  "There was a separate sensory team who supported people with sensory needs.") == ""


@pytest.mark.parametrize(("question", "asked_first"), [
    # what was told is what is asked about, when the question only points back at it
    ("i'm a carer in Ashcombe Vale and i've been waiting months for my carers assessment. is this normal or am i just unlucky",
     "i'm a carer in Ashcombe Vale and i've been waiting months for my carers assessment"),
    ("my aunt rings the council in Ashcombe Vale and gets a different person every time, did the inspectors hear this from others too",
     "my aunt rings the council"),
    # a word before the question word starts the question all the same
    ("im writing to my councillor about care in Ashcombe Vale, roughly how many people live in the borough?",
     "roughly how many people live in the borough"),
])
def test_a_long_question_is_read_for_what_it_asks(question, asked_first):
    assert followup.resolve(question, [], load_gazetteer()).startswith(asked_first)


def test_a_question_after_what_was_told_is_still_the_question():  # (pin)
    said = followup.resolve("My mum lives in York. What help is there for carers?", [], load_gazetteer())
    assert said.startswith("What help is there for carers")


def test_an_abbreviations_full_stop_ends_no_sentence_of_a_councils_name():
    question = "What score did St. Helens get for assessing needs?"
    assert followup.resolve(question, [], load_gazetteer()) == question
    assert load_gazetteer().in_query(question) == ["St Helens Borough Council"]


def test_a_county_is_named_by_its_usual_short_form():
    assert load_gazetteer().in_query("What did North Yorks get for equity?") == ["North Yorkshire Council"]


def test_getting_through_to_a_council_asks_no_score():
    assert isinstance(route_of("Is it easy to get through to York council on the phone to ask for an assessment?"), R.Passages)
    assert isinstance(route_of("What did York get for assessing needs?"), R.Scores)  # (pin)


def test_who_is_asking_is_no_group_asked_about():
    assert "few people" in answer("As a carer I heard that in Ashcombe Vale few people get help to use direct payments - did the CQC find that?",
                                  "However, few people were supported to access direct payments to manage their care.")
    # (pin: a group asked about still needs a passage naming it)
    assert answer("Do carers in Ashcombe Vale get help to use direct payments?",
                  "However, few people were supported to access direct payments to manage their care.") == ""


def test_when_as_in_whenever_asks_no_date():
    assert extractive.expects("when social care staff assess you do they ask about gender identity properly?") != "date"
    assert extractive.expects("When do they publish the new strategy?") == "date"  # (pin)
    assert extractive.expects("when was the report published?") == "date"  # (pin)


def test_asking_what_the_cqc_said_is_no_second_question():
    question = "do staff ask about gender identity properly in York? what did the cqc say"
    assert rules.question_parts(question) == ["do staff ask about gender identity properly in York?"]
    # (pin: about something named, it is a question of its own)
    assert len(rules.question_parts("What did York get for safeguarding and what did the CQC say about it?")) == 2


def test_what_fell_short_after_a_score_is_asked_of_that_statement():
    history = [{"role": "user", "content": "What did York get for safeguarding?"},
               {"role": "assistant", "content": "City of York Council scored 1 for Safeguarding [1]."}]
    assert "safeguarding" in followup.resolve("what was the main concern?", history, load_gazetteer())
    # (pin: another question keeps only the council)
    assert "safeguarding" not in followup.resolve("how many people live there?", history, load_gazetteer())


def test_a_span_of_years_said_otherwise_is_a_no():
    strategy = "The Ashcombe Vale Carers Strategy (2024-2031) set out how carers would be supported."
    assert answer("Ashcombe Vale's Carers Strategy runs 2024-2028 - correct?", strategy).startswith("No")
    assert not answer("Does Ashcombe Vale's Carers Strategy run 2024-2031?", strategy).startswith("No")  # (pin)


def test_another_party_in_control_is_a_no():
    said = answer("Ashcombe Vale's council switched to a Labour majority in May 2023, didn't it?",
                  "In May 2023 the council changed from a Conservative majority to a Liberal Democrat majority.")
    assert said.startswith("No") and "Liberal Democrat" in said


def test_what_people_say_about_support_is_no_survey_measure_of_having_a_say():
    said = answer("What do unpaid carers say about support in Ashcombe Vale?",
                  "Unpaid carers told us assessments were person-centred and gave people control over their daily lives.")
    assert "person-centred" in said


def test_what_the_cqc_said_needs_to_improve_brings_what_fell_short():
    said = answer("What did the CQC say needs to improve in Ashcombe Vale's partnership working?", PARTNERS)
    assert "data sharing" in said and "joint funding" in said
