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


def test_people_asked_what_they_found_hard_get_their_own_views_not_staffs_account():
    passages = (
        "Senior staff told us the needs assessment described people in the poorest neighbourhoods well. "
        "This included people most likely to have poor outcomes and unpaid carers.",
        "Sources of frustration were waiting for call-backs, repeating their story and not always being offered a choice.",
    )
    got = answer("What did people in Ashcombe Vale find frustrating about dealing with the council over assessments?", *passages)
    assert "call-backs" in got and "needs assessment" not in got
    # (what a review found is still a finding: "find" before no word of how it felt)
    assert extractive.rules.ASKS_FINDINGS.search("What did the Ashcombe Vale review find?")
    assert not extractive.rules.ASKS_FINDINGS.search("What did carers find confusing?")


def test_people_asked_how_they_felt_about_something_get_their_views_of_that_thing():
    passages = (
        "Senior staff told us the needs assessment described people in the poorest neighbourhoods well. "
        "This included people contacting the council for the first time and people who arranged their own care.",
        "Most calls to the council were about arranging care at home. Sources of frustration were waiting for call-backs and repeating their story.",
    )
    got = answer("What were people in Ashcombe Vale frustrated about when dealing with the council over their care?", *passages)
    assert "call-backs" in got and "needs assessment" not in got
    # (people's views of another thing are no answer: not their views of the meals service)
    meals = ("The council ran a meals service delivering hot food to people at home. "
             "In the survey 64% of people said the support they received helped them feel better.")
    assert answer("What do people who receive Ashcombe Vale's meals service say about it?", meals) == ""


def test_trouble_getting_an_advocate_is_a_barrier_to_advocacy():
    passage = ("There were sometimes barriers to getting advocacy, so decisions could be made without people being heard. "
               "The front door team signposted people to local groups.")
    assert "advocacy" in answer("Do people in Ashcombe Vale have any trouble getting an advocate?", passage)


def test_a_word_and_its_negation_name_one_thing():
    passage = "At times there were inconsistencies in getting sign language interpreters. Most people found the website clear."
    assert "sign language" in answer("In Ashcombe Vale, what kind of interpreter was not always consistently available?", passage)


def test_partners_views_asked_need_a_sentence_reporting_what_partners_said():
    staff_only = ("Front-line teams had a good grasp of the needs of local communities and could call on interpreters. "
                  "The council worked with NHS partners on hospital discharge.")
    assert answer("What did NHS partners say about working with Ashcombe Vale?", staff_only) == ""
    said = staff_only + " One NHS partner told us joint working had become easier since the new hub opened."
    assert "joint working had become easier" in answer("What did NHS partners say about working with Ashcombe Vale?", said)
    # (people saying something of staff is not staff saying it)
    assert answer("What did staff in Ashcombe Vale say about their caseloads?",
                  "People told us staff were kind and their caseloads were visible in the new system.") == ""


def test_waiting_asked_about_needs_a_sentence_about_waiting_or_time_taken():
    passage = ("Unpaid carers told us their assessments were person-centred and focused on what mattered to them. "
               "Carers valued the respite and peer support they received.")
    assert answer("What did unpaid carers in Ashcombe Vale say about how long they waited for a carer's assessment?", passage) == ""
    timed = passage + " Carers told us they usually waited about three weeks for a carer's assessment."
    assert "three weeks" in answer("What did unpaid carers in Ashcombe Vale say about how long they waited for a carer's assessment?", timed)
    # (people described as waiting ask no wait: pin)
    changed = "Changes to the diagnostic pathway meant autistic adults could be assessed closer to home, with fewer cancellations."
    assert "closer to home" in answer("What has changed for autistic people waiting for a diagnosis in Ashcombe Vale?", changed)


def test_who_made_something_needs_a_sentence_saying_it_was_made():
    passage = ("Staff told us they had adopted the Brightwater Model to listen to people during assessments. "
               "The model focuses on creating space for the person to speak.")
    assert answer("Who created the Brightwater Model that Ashcombe Vale staff use?", passage) == ""
    made = passage + " The Brightwater Model was developed by a local carers' charity in 2019."
    assert "carers' charity" in answer("Who created the Brightwater Model that Ashcombe Vale staff use?", made)


# --- the session's review: each problem found, as a pin ---------------------------------------------

@pytest.mark.parametrize("question", [
    "How many were rated outstanding?", "How many got a 4 for safeguarding?", "How many of them got a 4?",
    "How many places in England were rated outstanding?", "How many adult social care departments were rated good?",
    "How many did York get for safeguarding?", "How many categories did York get a 1 in?",
    "How many sections of York's assessment were rated 1?",
])
def test_review_30_pins_counts_not_of_providers_or_people_still_ask_scores(question):
    assert wants_score(question)


@pytest.mark.parametrize("question", [
    "Was York rated 'good' or 'requires improvement'?", "Was York rated ‘good’ or ‘requires improvement’?",
    "Was York's overall rating good or was it requires improvement?", "Did York get 25% or 39% overall?",
    "Did York get 3 stars or 4 stars for safeguarding?", "Did York get a score of 1 or a score of 2 for safeguarding?",
])
def test_review_30_pins_a_choice_typed_any_way_is_answered_by_the_fact(question):
    r = route_of(question)
    assert getattr(r, "whether", None) is None


@pytest.mark.parametrize("question, passage, said", [
    ("How many people are on the waiting list for an assessment in Ashcombe Vale?",
     "At the time of our visit, 412 people were awaiting a Care Act assessment. Most had been contacted.", "412"),
    ("Are there any delays getting people home from hospital in Ashcombe Vale?",
     "Some people stayed in hospital longer than they needed to because home care was hard to find in rural areas.", "longer"),
    ("What did the review of carers' services in Ashcombe Vale find?",
     "The review of carers' services showed that respite was hard to book and information was out of date.", "respite"),
    ("What did the 2023 survey of unpaid carers in Ashcombe Vale find?",
     "The 2023 survey of unpaid carers showed 58% were able to take a break from caring.", "58%"),
    ("What did staff say about training in Ashcombe Vale?",
     "Staff working with people with learning disabilities told us training was good and easy to access.", "training was good"),
    ("What did leaders in Ashcombe Vale say about the budget?",
     "The director of adult social care told us the budget was under pressure from rising demand.", "under pressure"),
    ("What did NHS partners say about working with Ashcombe Vale?",
     "The integrated care board told us joint working with the council had become easier.", "easier"),
    ("How big is the population of unpaid carers in Ashcombe Vale?",
     "The population of 212,000 lives mostly in the two market towns. The council estimated there were 21,500 unpaid carers.", "21,500"),
])
def test_review_30_pins_each_answerable_question_still_answers(question, passage, said):
    assert said in answer(question, passage)


@pytest.mark.parametrize("question, passages", [
    ("What did the evaluation of the Ashcombe Vale carers hub find regarding respite?",
     ("The carers hub offered advice on respite, benefits and housing. The hub opened in 2022 in the town library.",)),
    ("What did people in Ashcombe Vale find frustrating about the direct payments process?",
     ("Staff told us the direct payments process had been simplified in 2023 and was now quicker.",
      "Residents told us parking at the civic centre was a source of frustration.")),
    ("Who created the Brightwater Model that Ashcombe Vale staff use?",
     ("Staff told us they had adopted the Brightwater Model to listen to people during assessments. "
      "The Brightwater Model was used by social workers in every locality team.",)),
])
def test_review_30_pins_each_unanswered_question_is_still_refused(question, passages):
    assert answer(question, *passages) == ""


def test_review_30_pins_only_words_whose_negation_is_the_same_thing_match_it():
    passages = ("The council helped people stay independent at home through reablement and equipment.",
                "Alcohol support was commissioned from a local charity.")
    assert answer("How does Ashcombe Vale support people with alcohol dependence?", *passages).startswith("Alcohol support")


@pytest.mark.parametrize("question", ["How did York do on fairness, I.e. making sure everyone gets an equal deal?",
                                      "How did York do on partnerships, esp. with the NHS?"])
def test_review_30_pins_an_abbreviation_in_capitals_ends_nothing_either(question):
    assert followup.resolve(question, [], CATALOG.gazetteer) == question


@pytest.mark.parametrize("question", [
    "What has Ashcombe Vale done about delays in getting responses from the council?",
    "What steps has Ashcombe Vale taken to help staff feel confident asking about gender identity?",
    "how is Ashcombe Vale making sure people speak to the same worker each time?",
    "What did Ashcombe Vale do about slow safeguarding referrals?",
])
def test_what_was_done_about_a_problem_is_not_answered_by_the_problem(question):
    problem = ("Areas of annoyance were not always seeing the same worker, slow replies and not always being offered a choice. "
               "However, staff did not have the confidence to ask people about gender identity. "
               "Safeguarding referrals were slow and leaders said work was still needed to support staff with them.")
    assert answer(question, problem) == ""


def test_what_was_done_is_answered_by_work_said_done():
    passage = ("There had been extensive improvement work for unpaid carers as part of a new carers strategy. "
               "Some carers said they had not yet seen a difference.")
    assert "improvement work" in answer("What has Ashcombe Vale done to improve things for unpaid carers?", passage)


@pytest.mark.parametrize("question", [
    "What was healthy life expectancy in Ashcombe Vale's poorest wards in 2015?",
    "What will Ashcombe Vale's population be by 2040?",
    "What was the average wait for an assessment in Ashcombe Vale before the pandemic?",
    "What was the life expectancy gap in Ashcombe Vale ten years ago?",
])
def test_a_time_apart_from_the_reports_needs_a_sentence_that_speaks_of_it(question):
    passage = ("Healthy life expectancy was as low as 54 in some wards, and the gap between the richest and poorest wards was 9 years. "
               "The population of 212,000 has grown steadily. The average wait for an assessment was 6 weeks.")
    assert answer(question, passage) == ""


def test_a_sentence_that_speaks_of_the_time_asked_answers_it():
    passage = ("Since the pandemic, partners said relationships had become transactional. "
               "One partner told us that before the pandemic, working with the council was more positive.")
    assert "more positive" in answer("What were partners' relationships with Ashcombe Vale like before the pandemic?", passage)
    # (the report's own time, or a change since a year, asks nothing apart: pin)
    now = "The average wait for an assessment was 6 weeks in 2024."
    assert "6 weeks" in answer("What was the average wait for an assessment in Ashcombe Vale in 2024?", now)


@pytest.mark.parametrize("question, heading", [
    ("what promises does the local authority make about safeguarding in York?", "The local authority commitment"),
    ("Under safeguarding, what does York's report say people can expect?", "What people expect"),
])
def test_the_frame_asked_in_more_words_is_the_frame(question, heading):
    r = route_of(question)
    assert isinstance(r, R.Frame) and r.headings == (heading,) and r.statements == (SG,)


def test_ots_are_occupational_therapists_and_based_together_is_co_located():
    from rag.answer.support import unsaid
    from rag.text import terms
    assert "ot" in terms("occupational therapists") and "ot" in terms("OTs")
    assert unsaid("Which borough put social workers and OTs together?", "its occupational therapists and social workers shared offices") == []
    passage = ("The council's occupational therapists and social workers were co-located in four neighbourhood bases. "
               "A duty system ran in each base.")
    assert "co-located" in answer("Where were Ashcombe Vale's social workers and OTs based?", passage)


@pytest.mark.parametrize("question", ["how did York come out of the CQC inspection overall",
                                      "Is York's adult social care any good according to CQC?"])
def test_the_overall_result_asked_in_more_words(question):
    assert isinstance(route_of(question), R.Overall)
    # (its adult social care good at one thing is what the report says of that thing: pin)
    assert isinstance(route_of("Is York's social care good at helping carers?"), R.Passages)


def test_how_a_council_improved_something_asks_what_it_did():
    found = ("Care plans included information about medicines support, but we found the detail of what support was needed varied. "
             "Most plans were signed by the person.")
    assert answer("How has Ashcombe Vale improved the detail about medicines support in care plans?", found) == ""
    done = found + " The council introduced a medicines checklist for every care plan to improve the detail recorded."
    assert "checklist" in answer("How has Ashcombe Vale improved the detail about medicines support in care plans?", done)


@pytest.mark.parametrize("text, staff_only", [
    ("Staff told us high caseloads made the work hard, and they worried about people who were waiting.", True),
    ("Partners on the Ashcombe Vale safeguarding adults board told us feedback was slow.", True),
    ("Northmere Police told us referrals were sometimes closed without a reply.", True),
    ("Staff told us people were frustrated by the waits.", False),  # pin: people's feelings passed on
    ("People and partners told us they liked the new hub.", False),  # pin
])
def test_who_said_it_is_read_from_the_sentence(text, staff_only):
    assert extractive.rules.only_staff_said(text) is staff_only
