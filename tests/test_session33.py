"""Session 33's fresh development sets: a question about a whole theme ("what are X's main strengths
on …?") is answered with the report's several points on it; the public's long questions are read for
what they ask ("… waited months. is this normal?", "…, roughly how many …?", "when staff assess you
do they …?", "As a carer, I heard …"); a council is named as people name it ("St. Helens", "North
Yorks"); and a second part asking what fell short is about the statement the first part named.
Passages are fictional (Ashcombe Vale)."""

from __future__ import annotations

import pytest

from rag import framework as fw
from rag import rules
from rag.answer import extractive, followup
from rag.answer import route as R
from rag.gazetteer import load_gazetteer
from rag.query import Analysis
from tests.test_extractive import ASHCOMBE, hit
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


def test_a_theme_question_asking_for_a_figure_is_not_widened():  # (pin)
    said = answer("What did the CQC say about how many people were waiting for an assessment in Ashcombe Vale?",
                  "In March 2024, 412 people were waiting for an assessment. " + PARTNERS)
    assert "412" in said and "neighbourhood teams" not in said


def test_a_word_setting_a_team_apart_is_not_the_kind_of_team_asked_for():
    said = answer("is there a specialist team at Ashcombe Vale council for people with sight or hearing loss",
                  "A dedicated sensory team helped residents with sensory needs.")
    assert "sensory team" in said
    # (pin: the kind named still counts: a dementia team is no sensory team)
    assert answer("Is there a specialist dementia team in Ashcombe Vale?",
                  "A dedicated sensory team helped residents with sensory needs.") == ""


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
                                  "However, only a few people had help to take up direct payments for arranging care.")
    # (pin: a group asked about still needs a passage naming it)
    assert answer("Do carers in Ashcombe Vale get help to use direct payments?",
                  "However, only a few people had help to take up direct payments for arranging care.") == ""


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
                  "Since the May 2023 elections there has been a Liberal Democrat majority, replacing the Conservatives.")
    assert said.startswith("No") and "Liberal Democrat" in said


def test_what_people_say_about_support_is_no_survey_measure_of_having_a_say():
    said = answer("What do unpaid carers say about support in Ashcombe Vale?",
                  "Unpaid carers said their assessments felt person-centred and kept them in control of daily life.")
    assert "person-centred" in said


def test_what_the_cqc_said_needs_to_improve_brings_what_fell_short():
    said = answer("What did the CQC say needs to improve in Ashcombe Vale's partnership working?", PARTNERS)
    assert "data sharing" in said and "joint funding" in said


def on_page(text: str, n: int, statement: str, document: str = "d1"):
    return hit(text, n).model_copy(update={"quality_statement": statement, "document_id": document})


def asked_of(question: str, *hits, statements: tuple[str, ...] = ()) -> str:
    analysis = Analysis(text=question, authorities=[ASHCOMBE], statements=[fw.statement_by_name(s) for s in statements])
    a = extractive.passages(question, analysis, list(hits))
    return "" if a.abstained else a.answer


EQUITY = "Equity in experience and outcomes"


def test_a_theme_asked_as_a_whole_brings_its_pages_points_even_when_they_share_few_words():
    page = [on_page("Equity sat at the centre of how the council ran its care services.", 1, EQUITY),
            on_page("Inequalities were understood and used to reduce disparities in care.", 2, EQUITY),
            on_page("Its work had made a real difference for underserved groups.", 3, EQUITY),
            on_page("The office moved to the town hall in May.", 4, "Assessing needs", "d2")]
    said = asked_of("What are Ashcombe Vale's strengths on equity?", *page, statements=(EQUITY,))
    assert "underserved" in said
    assert "town hall" not in said  # (another page's sentence must score near the best)


def test_a_theme_about_one_thing_within_a_statement_keeps_to_it():  # (pin)
    page = [on_page("The safeguarding board met quarterly and reviewed every enquiry it received.", 1, "Safeguarding"),
            on_page("The council had a clear vision for adult social care.", 2, "Safeguarding"),
            on_page("People waited 12 weeks for occupational therapy.", 3, "Safeguarding")]
    said = asked_of("What did the CQC find about the safeguarding board in Ashcombe Vale?", *page, statements=("Safeguarding",))
    assert "met quarterly" in said
    assert "clear vision" not in said and "occupational therapy" not in said


SAFEGUARDING = ("Safeguarding referrals were triaged by a central hub. "
                "However, referrals were delayed at weekends. "
                "Staff told us training on mental capacity was not consistent. "
                "Recruiting and retaining experienced staff was difficult. "
                "Enquiries were not always completed in good time. "
                "There were gaps in how outcomes were recorded. "
                "Some people were not told the outcome of their enquiry.")


def test_a_summary_asked_for_brings_more_of_the_pages_points():
    listed = answer("What were the main concerns about safeguarding referrals and enquiries in Ashcombe Vale?", SAFEGUARDING)
    summary = answer("Summarise the concerns about safeguarding referrals and enquiries in Ashcombe Vale.", SAFEGUARDING)
    assert summary.count("[1]") > listed.count("[1]") >= 3


@pytest.mark.parametrize("question", [
    "For a councillor briefing: what did the CQC say about safeguarding in Ashcombe Vale?",
    "What did people and unpaid carers tell the CQC about safeguarding in Ashcombe Vale?",
    "What went well in Ashcombe Vale's safeguarding?",
    "Give me an overview of safeguarding in Ashcombe Vale",
])
def test_a_theme_is_asked_in_many_forms(question):
    assert rules.ASKS_THEME.search(question)


@pytest.mark.parametrize("question", [
    "What did the CQC score Ashcombe Vale for safeguarding?", "When did Ashcombe Vale open its safeguarding hub?",
    "What did the CQC find was the wait for an assessment in Ashcombe Vale?", "Which team did partners praise in Ashcombe Vale?",
])
def test_a_single_fact_is_no_theme(question):
    assert not rules.ASKS_THEME.search(question)


@pytest.mark.parametrize(("said", "as_reports_say"), [
    ("i ring the council", "phone contacting"),
    ("we cant get through to anyone", "difficult to get through"),
    ("i get someone different every single time", "not the same person"),
    ("they take ages to get back to me", "delays in getting responses"),
    ("is it well run?", "leadership governance management"),
    ("do they ever sit down and talk to each other", "multi-disciplinary meetings working together"),
])
def test_everyday_words_for_reaching_and_running_a_council_are_read_as_reports_put_them(said, as_reports_say):
    assert as_reports_say in rules.in_report_words(said)


def test_what_someone_went_through_trying_to_reach_the_council_finds_what_people_told_the_cqc():
    asked = ("every time i ring Ashcombe Vale about my mums care i get someone different and they take ages to get back to me. "
             "did the inspectors hear the same?")
    said = answer(followup.resolve(asked, [], load_gazetteer()),
                  "Staff were given the time to build relationships with people. "
                  "People were frustrated at rarely reaching the same person twice and at delays in getting responses.")
    assert "same person" in said


@pytest.mark.parametrize(("question", "asked_first"), [
    ("my mum wants to move into extra care housing in Ashcombe Vale but theres nothing available anywhere is that a known problem",
     "my mum wants to move into extra care housing"),
    ("my dad needed an advocate in Ashcombe Vale and we just couldnt get one sorted, is that a thing there?", "my dad needed an advocate"),
    ("my sister says the bosses in Ashcombe Vale are good, did the cqc think that or is she just being loyal", "my sister says the bosses"),
    ("we are a black family in Ashcombe Vale and im worried about dad being treated fairly, what did the cqc find",
     "we are a black family"),
    ("been trying to ring Ashcombe Vale for 2 weeks and cant get through to anyone. is it just us??", "been trying to ring"),
])
def test_a_question_pointing_back_at_what_was_told_asks_about_that(question, asked_first):
    resolved = followup.resolve(question, [], load_gazetteer())
    assert resolved.startswith(asked_first) and resolved.endswith(")?")  # (the question asked: its context)


def test_a_question_of_its_own_at_the_end_is_not_read_as_pointing_back():  # (pin)
    assert followup.resolve("What did York score and is it the lowest?", [], load_gazetteer()) == "What did York score and is it the lowest?"


@pytest.mark.parametrize(("place", "council"), [
    ("maidenhead", "Royal Borough of Windsor & Maidenhead"), ("Wrekin", "Telford and Wrekin Council"),
    ("Hove", "Brighton and Hove City Council"),
])
def test_the_second_place_a_councils_name_joins_names_it(place, council):
    assert load_gazetteer().in_query(f"my mum lives in {place}, is there help for carers?") == [council]


@pytest.mark.parametrize("said", ["a ring-fenced grant", "the Ring and Ride bus", "a different approach to reviews",
                                  "they run well-being cafes", "the hub was set up"])
def test_other_uses_of_those_words_are_left_as_they_are(said):  # (pin)
    assert rules.in_report_words(said) == said


@pytest.mark.parametrize("question", ["I live in York. Did the CQC find that reviews were late?",
                                      "my mum lives in York, did the inspectors notice that carers could not get respite?",
                                      "How did York do on equity and did the CQC note that disparities were growing",
                                      "In the CQC report for York is it typical that reviews are late?"])
def test_a_question_of_its_own_is_not_read_as_pointing_back(question):  # (pin)
    assert "(Did the CQC find that" not in followup.resolve(question, [], load_gazetteer())
    assert not followup.resolve(question, [], load_gazetteer()).startswith(("I live in York (", "my mum lives in York (", "How did York do on equity and ("))
    assert not followup.resolve(question, [], load_gazetteer()).startswith("In the CQC report for York (")


@pytest.mark.parametrize("question", ["Is Cleveland Police on the Hartlepool safeguarding board?", "my daughter Chelsea is a carer in Leeds"])
def test_a_place_that_is_also_something_else_does_not_name_a_council_alone(question):  # (pin)
    assert len(load_gazetteer().in_query(question)) == 1


def test_what_the_inspectors_found_after_a_score_is_a_question_of_its_own():  # (pin)
    assert len(rules.question_parts("What score did York get for safeguarding and what did the inspectors find?")) == 2


def test_a_second_question_after_and_with_a_word_before_it_is_asked_too():
    assert rules.question_parts("When was York's assessment published, and roughly how many people live there?") == [
        "When was York's assessment published?", "how many people live there?"]


def test_what_a_pilot_produced_is_not_said_while_its_findings_are_under_review():
    assert answer("What results did Ashcombe Vale's front door pilot produce?",
                  "A front door pilot was under way and its findings were still being reviewed.") == ""


def test_a_themes_main_concerns_are_its_shortfalls_not_its_risk_register():
    assert "main risk area" not in rules.in_report_words("What were the main concerns about equity in York?")
    assert "main risk area" in rules.in_report_words("What is York's biggest worry?")  # (pin)


def test_equity_is_asked_about_in_words_of_inequalities():
    said = answer("What were the main concerns about equity in Ashcombe Vale?",
                  "The council had a clear vision. However, engagement on health inequalities with seldom heard groups was less robust.")
    assert "seldom heard" in said


def test_a_verb_going_on_from_what_was_told_starts_no_second_question():
    question = "my dad has complex needs and is waiting for homecare, how many days do people like him usually wait"
    assert rules.question_parts(question) == [question]
    assert len(rules.question_parts("When was it published and has it been updated since?")) == 2  # (pin)


@pytest.mark.parametrize("question", ["where do i go first", "who do i ring first"])
def test_where_to_go_first_asks_for_the_front_door(question):
    assert "main point of contact front door" in rules.in_report_words(question)


@pytest.mark.parametrize("question", ["can i get a residents parking permit so my mums carer can park outside in Ashcombe Vale",
                                      "does Ashcombe Vale council give a council tax discount to unpaid carers"])
def test_another_council_service_is_not_in_the_reports(question):
    assert answer(question, "Carers and residents told us they could get support outside office hours. "
                            "Unpaid carers valued the respite the council gave them.") == ""


def test_another_council_service_a_passage_speaks_of_is_answered():  # (pin)
    assert "parking" in answer("Is there parking for carers at Ashcombe Vale's carers hub?",
                               "The carers hub had free parking for carers and a quiet room.")


def test_a_target_asked_in_hyphenated_words_needs_a_target():
    assert answer("What waiting-time target has Ashcombe Vale set for its contact centre?",
                  "People said waiting times at the contact centre were reasonable.") == ""
