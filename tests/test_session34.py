"""Session 34's fresh development sets: questions written by people who have not read the reports,
in their own words ("mother tongues", "main gripes", "lines of responsibility", "drawn up jointly with
residents", "youngsters leaving foster care"), are read as the reports word them; a count written in
words ("Sixty-four languages") is a count; "how X did on safeguarding" asks its score. Passages are
fictional (Ashcombe Vale)."""

from __future__ import annotations

import pytest

from rag import rules
from rag.answer import extractive
from rag.answer import route as R
from rag.models import Answer
from rag.query import Analysis
from tests.test_extractive import northmere
from tests.test_route import route_of
from tests.test_session30 import answer, wants_score

pytestmark = pytest.mark.unit

LANGUAGES = "Sixty-four languages were the first language of residents somewhere in the borough."


@pytest.mark.parametrize("question", [
    "Can you tell me how York did on safeguarding?",
    "I'd like to know how York performed in safeguarding",
])
def test_how_a_council_did_on_a_statement_asks_its_score(question):
    assert isinstance(route_of(question), R.Scores)


def test_how_a_council_did_at_something_else_asks_no_score():  # (pin)
    assert not isinstance(route_of("how many people did York help in its reablement service?"), R.Scores)


def test_a_mark_with_a_word_before_it_asks_the_result():
    assert wants_score("What numerical mark did York receive from the inspectors?")


def test_a_count_of_mother_tongues_is_a_count_of_languages():
    assert "Sixty-four" in answer("How many different mother tongues do people in Ashcombe Vale speak?", LANGUAGES)
    assert "Sixty-four" in answer("How many languages are spoken in Ashcombe Vale?", LANGUAGES)  # (pin)


def test_main_gripes_are_the_frustrations_people_reported():
    said = answer("What were Ashcombe Vale residents' main gripes with the council?",
                  "Frustrations centred on slow replies to emails. Residents could use the library service at new opening times.")
    assert "slow replies" in said and "library" not in said


def test_lines_of_responsibility_are_accountability_and_governance():
    said = answer("How did inspectors describe lines of responsibility in Ashcombe Vale?",
                  "Accountability and governance arrangements were clear at every level of the council.")
    assert "clear at every level" in said


@pytest.mark.parametrize(("question", "reports_word"), [
    ("my mum wants extra care housing but there's nothing available, is that a known problem", "shortage"),
    ("we needed an advocate and just couldn't get one sorted, is that a thing there?", "barriers"),
    ("Where does Ashcombe Vale sit in the national deprivation league table?", "rank"),
    ("Why did Ashcombe Vale create a central unit for reports of abuse?", "hub"),
    ("What lies behind Ashcombe Vale's poor health?", "reasons"),
    ("What does Ashcombe Vale do for young people who grew up in council care?", "care leavers"),
    ("How does it stop young people ending up without a home?", "homeless"),
    ("What were the main complaints residents had about being assessed?", "frustration"),
    ("Do staff ask whether people are trans?", "gender identity"),
    ("Has Ashcombe Vale been officially recognised for welcoming refugees?", "sanctuary"),
    ("Was Ashcombe Vale's carers plan drawn up jointly with residents?", "co-produced"),
    ("Was the strategy written with local people?", "co-produced"),
])
def test_everyday_words_are_read_as_the_reports_word_them(question, reports_word):
    assert reports_word in rules.in_report_words(question)


def test_a_total_mark_asks_the_overall_result():
    assert wants_score("What total mark did York receive from the regulator for its care services for adults?")


def test_young_people_leaving_foster_care_are_care_leavers():
    said = answer("What does Ashcombe Vale do for young people leaving foster care?",
                  "A housing project helped care-leavers moving into adult services. The day centre opened in spring.")
    assert "care-leavers" in said


def test_the_past_twelve_months_is_the_reports_own_time():
    said = answer("Have waits for an assessment in Ashcombe Vale got shorter in the past twelve months?",
                  "Over the last year the wait to be assessed had fallen for most people.")
    assert "had fallen" in said
    assert rules.EARLIER_ASKED.search("Did Ashcombe Vale use day centres more in the past?")  # (pin)


def test_the_date_a_verdict_was_released_is_the_reports_publication_date():
    assert rules.ASKS_PUBLISHED.search("On what date did the CQC release its verdict on York?")


def test_the_year_in_a_laws_name_is_no_date():
    assert answer("When did the wellbeing hub in Ashcombe Vale offer assessments to anyone who asked?",
                  "The wellbeing hub offered assessments under the Care Act 2014 to anyone who asked.") == ""


def test_a_budget_asked_needs_a_passage_about_money():
    assert answer("Ashcombe Vale prevention strategy budget",
                  "The prevention strategy (2024-2026) was short and easy to follow.") == ""
    assert "£2 million" in answer("What is Ashcombe Vale's prevention strategy budget?",
                                  "The prevention strategy had a budget of £2 million a year.")  # (pin)



def test_a_rank_in_england_is_not_given_by_a_rank_in_the_region():
    ranked = "Ashcombe Vale was the 6th most deprived borough in London (Index of Multiple Deprivation)."
    assert answer("How does Ashcombe Vale rank nationally for deprivation?", ranked) == ""
    assert answer("Where does Ashcombe Vale rank in England for deprivation?", ranked) == ""
    assert "6th" in answer("Where does Ashcombe Vale rank for deprivation in London?", ranked)  # (pin)


@pytest.mark.parametrize("question", [
    "What is Ashcombe Vale's target waiting time for assessments?",
    "Is there a target for assessment waits in Ashcombe Vale?",
])
def test_a_target_asked_needs_a_sentence_setting_one(question):
    assert answer(question, "Some people had waited a long time for their assessments, which they found hard.") == ""


def which(question: str, *hits) -> Answer:
    return extractive.which_authority(question, Analysis(text=question, which_authority=True), list(hits))


@pytest.mark.parametrize("question", [
    "which council has a dedicated all-age autism strategy?",
    "which council offers carers an emergency card",
    "which council has a technology enabled care / telecare service",
])
def test_which_council_has_a_thing_its_passage_does_not_name_is_not_answered(question):
    staff = northmere("People were assessed by dedicated and caring staff who offered a range of services for carers.")
    assert which(question, staff).abstained


def test_which_council_has_a_thing_its_passage_names_is_answered():  # (pin)
    card = northmere("Carers could carry an emergency card telling others who they cared for.")
    assert which("which council offers carers an emergency card", card).answer.startswith("Northmere City Council")
    # (in other words for half of it, or by the name it is called)
    panel = northmere("Staff had set up a high risk panel. It worked to keep young adults leaving care out of homelessness.")
    assert which("which council has a high risk panel and works to keep care leavers from becoming homeless?", panel).answer.startswith("Northmere")


def test_a_percentage_mark_asks_the_overall_result():
    assert wants_score("What percentage mark did York get from the CQC overall?")


def test_signers_for_deaf_people_are_sign_language_interpreters():
    said = answer("What did the CQC say about Ashcombe Vale providing signers for Deaf people?",
                  "Residents could not always book a British Sign Language interpreter when they needed one.")
    assert "British Sign Language" in said


def test_a_mismatch_in_housing_is_a_shortage_of_one_kind_and_too_much_of_another():
    said = answer("What mismatch did Ashcombe Vale find in the kinds of housing for people needing care?",
                  "The market review found too few supported living flats and a shortage of specialist housing. Staff liked the new office.")
    assert "supported living" in said


def test_history_and_joblessness_are_read_as_legacy_and_unemployment():
    said = answer("What historical reasons lie behind joblessness in Ashcombe Vale?",
                  "Long-term unemployment in the borough was a legacy of the docks closing, which caused lasting hardship.")
    assert "docks" in said


# What the review of this session's rules found they must not do (pins: each held on the starting code)

@pytest.mark.parametrize("question", [
    "Describe how York performed in safeguarding",
    "I want to know how carers fared in York's safeguarding",
    "Can you tell me how York did on hospital discharge?",
])
def test_an_account_or_someone_elses_fortunes_asks_no_score(question):  # (pin)
    assert not isinstance(route_of(question), R.Scores)


@pytest.mark.parametrize(("pattern", "text"), [
    (rules.ASKS_TARGETS, "What groups does York target with its prevention work?"),
    (rules.COUNT_NUMBER, "Seventy-two per cent of people were seen within a week."),
], ids=["target-as-a-verb", "a-share-in-words"])
def test_a_verb_or_a_share_is_not_what_these_rules_look_for(pattern, text):  # (pin)
    assert not pattern.search(text)


def test_a_decade_ago_is_still_the_past():  # (pin)
    assert rules.EARLIER_ASKED.search("Have waiting times fallen in the past decade?")
    assert "homeless" not in rules.in_report_words("What happens if people lose their home care package?")


def test_a_part_of_the_borough_is_no_region():  # (pin)
    ranked = "Ashcombe Vale ranked 40th most deprived of 317 areas, with deprivation concentrated in the east of the borough."
    assert "40th" in answer("Where does Ashcombe Vale rank nationally for deprivation?", ranked)


def test_a_laws_year_setting_a_time_is_a_date():  # (pin)
    said = answer("When were the new carers pathways in Ashcombe Vale introduced?",
                  "The new carers pathways were introduced after the Health and Care Act 2022 took effect.")
    assert "2022" in said


def test_what_happened_to_a_council_is_no_thing_it_has():  # (pin)
    assert extractive._thing_had("Which council had a partner complain that relationships had become transactional?") is None
