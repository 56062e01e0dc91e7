"""Session 32's fresh development sets: a figure written in words is the figure ("Forty-two
languages" is "42 languages"); a yes-or-no question's own figure must be given for a "Yes";
contact details, "which month" and "who is the …" ask for what they say; the public's words ("is X
any good", "losing my sight") are read as asked.
Passages are fictional (Ashcombe Vale, Lowbridge)."""

from __future__ import annotations

import pytest

from rag.answer import extractive
from rag.answer import route as R
from rag.answer.support import figures_unsaid, written_figures
from rag.query import Analysis
from tests.test_extractive import hit, lowbridge
from tests.test_route import H, route_of
from tests.test_session30 import answer

pytestmark = pytest.mark.unit


def which(question: str, *hits) -> str:
    a = extractive.which_authority(question, Analysis(text=question, which_authority=True), list(hits))
    return "" if a.abstained else a.answer


@pytest.mark.parametrize(("written", "digits"), [
    ("Forty-two languages were spoken at home.", "42 languages"),
    ("Thirty seven people were waiting.", "37 people"),
    ("Twelve per cent of carers said so.", "12% of carers"),
    ("Ninety staff had the training.", "90 staff"),
])
def test_a_figure_written_in_words_is_read_as_its_digits(written, digits):
    assert digits in written_figures(written)


def test_one_alone_and_a_number_before_of_or_or_stay_words():  # (pin: "one of the …" is no figure)
    assert written_figures("One of the hubs opened; a one-off grant paid for two or three posts.") == \
        "One of the hubs opened; a one-off grant paid for two or 3 posts."


def test_a_figure_the_question_states_is_given_by_the_same_figure_in_words():
    assert figures_unsaid("Where are 42 languages spoken?", "Forty-two languages are spoken at home in the district.") == []
    assert figures_unsaid("Where are 42 languages spoken?", "Forty languages are spoken at home in the district.") == ["42"]


def test_which_council_is_found_by_a_figure_its_report_writes_in_words():
    question = "Which council's residents speak 42 languages at home?"
    words = lowbridge("Forty-two languages are spoken at home by residents of Lowbridge.")
    assert "Lowbridge" in which(question, hit("Residents of Ashcombe Vale speak Polish and Tamil at home."), words)
    # (pin: another figure in words is not the one stated)
    assert which(question, lowbridge("Forty languages are spoken at home by residents of Lowbridge.")) == ""


def test_how_many_is_answered_by_a_figure_in_words():  # (pin)
    assert "Forty-two" in answer("How many languages are spoken at home in Ashcombe Vale?",
                                 "Forty-two languages are spoken at home by Ashcombe Vale residents.")


def test_which_month_needs_a_month_not_a_year_alone():
    yearly = "The council published its market position statement for 2024/2025 alongside the strategy."
    assert answer("Which month did Ashcombe Vale publish its market position statement?", yearly) == ""
    monthly = "The council published its market position statement in March 2024 alongside the strategy."
    assert "March 2024" in answer("Which month did Ashcombe Vale publish its market position statement?", monthly)
    # (pin: a year asked for is given by a year)
    assert "2024/2025" in answer("Which year did Ashcombe Vale publish its market position statement?", yearly)


def test_what_prompted_something_is_answered_by_what_it_followed():
    passage = "Leaders set up staff support groups following local events that had affected staff morale."
    assert "following local events" in answer("In Ashcombe Vale, what prompted the staff support groups?", passage)


@pytest.mark.parametrize("passage", [
    "Staff were following guidance on staff support groups set up by leaders.",
    "Leaders set up the following staff support groups: a peer group and a carers group.",
])
def test_following_guidance_or_the_following_list_gives_no_reason(passage):  # (pin)
    assert answer("Why did Ashcombe Vale set up staff support groups?", passage) == ""


def test_who_holds_a_post_is_answered_by_the_post_said_to_hold_it_too():
    passage = "The Strategic Director for Communities also acted as the NHS place Director, linking the two systems."
    assert "Strategic Director for Communities" in answer("who's the NHS place director in Ashcombe Vale", passage)
    passage = "The Strategic Director for Communities was also the NHS place Director, linking the two systems."
    assert "Strategic Director for Communities" in answer("Who is the NHS place director in Ashcombe Vale?", passage)
    # (pin: a sentence only naming the post does not say who holds it)
    assert answer("Who is the NHS place director in Ashcombe Vale?",
                  "The NHS Place Director joined up commissioning with the council.") == ""


def test_a_yes_or_no_question_stating_a_figure_no_passage_gives_gets_no_yes():  # (pin: the real pages' "Yes" came from the embedder)
    population = ("Ashcombe Vale's population is mostly of working age, with a growing older population. "
                  "The population grew by 6% over the decade.")
    said = answer("Does Ashcombe Vale have a population of around 250,000?", population)
    assert said and not said.startswith("Yes")  # (the sentences are still quoted, for the reader to judge)


def test_a_stated_figure_a_passage_gives_or_a_year_inside_its_period_still_gets_an_answer():  # (pin)
    assert answer("Does Ashcombe Vale have a population of about 155,000?", "The population of 155,000 lives in four towns.")
    assert answer("Does Ashcombe Vale's commissioning strategy run to 2030?", "Its commissioning strategy (2025-2033) named the priorities.")
    # (what the asker tells of themselves after the question is no claim)
    assert answer("does anyone contact people waiting in ashcombe vale? my dad will be 90 soon",
                  "Staff contacted people waiting each month to check they were safe.")


@pytest.mark.parametrize("question", [
    "ashcombe vale contact line phone number pls",
    "what time is the ashcombe vale contact line open till",
    "whats the email address for ashcombe vale adult social care",
])
def test_contact_details_are_answered_only_by_contact_details(question):
    assert answer(question, "People could reach the contact line by phone, email or online, and most found it helpful.") == ""


def test_contact_details_a_passage_gives_are_the_answer():  # (pin)
    assert "0300" in answer("what is the ashcombe vale contact line phone number?", "The contact line could be reached on 0300 123 4567.")


@pytest.mark.parametrize("question", [
    "is hertfordshire council good or bad for adult social care",
    "Is Hertfordshire good or bad?",
    "is hertfordshire any good",
    "is hertfordshire social care any good?",
])
def test_whether_a_council_is_any_good_asks_its_overall_result(question):
    assert isinstance(route_of(question), R.Overall)


@pytest.mark.parametrize("question", [
    "which care homes in hertfordshire are rated the best",
    "is the hertfordshire carers service any good?",
])
def test_care_homes_rated_or_a_service_any_good_are_not_the_councils_result(question):
    assert not isinstance(route_of(question), R.Overall | R.Scores)
    assert route_of(question) != R.Overall((H,))


def test_losing_ones_sight_is_a_sensory_need():
    passages = "A separate team supported people with sensory needs. The council ran a carers' café."
    assert "sensory" in answer("im losing my sight, does ashcombe vale have help for that", passages)


@pytest.mark.parametrize("question", [
    "Was Hertfordshire's overall rating upgraded after the council appealed the CQC's findings?",
    "Was Hertfordshire's safeguarding score overturned on appeal?",
])
def test_a_change_to_a_published_result_is_not_in_the_reports(question):
    assert isinstance(route_of(question), R.Abstain)


def test_a_result_asked_plainly_is_still_answered():  # (pin)
    assert isinstance(route_of("What was Hertfordshire's overall rating?"), R.Overall)


def test_whether_something_won_an_award_needs_a_passage_saying_so():
    pledge = "Staff signed an anti-racism pledge and set up peer support groups."
    assert answer("Did Ashcombe Vale's anti-racism pledge win a national award?", pledge) == ""
    won = "The anti-racism pledge won a national award for workforce equality in 2024."
    assert "won a national award" in answer("Did Ashcombe Vale's anti-racism pledge win a national award?", won)


def test_whether_a_council_plans_something_needs_a_passage_saying_what_is_planned():
    assert answer("Is Ashcombe Vale planning to build a new acute hospital?",
                  "There are no acute hospitals in Ashcombe Vale; people use hospitals in neighbouring areas.") == ""
    assert "plans" in answer("Is Ashcombe Vale planning to open walk-in hubs?",  # (pin)
                             "There were plans for walk-in hubs across the borough alongside phone and email contact.")


def test_how_to_complain_needs_a_passage_about_complaints():
    advocacy = "There were sometimes barriers to reaching advocacy services for people who needed them."
    assert answer("how do i complain about ashcombe vale social services", advocacy) == ""
    complaints = "People could complain online or by phone, and complaints were answered within 20 working days."
    assert "complain" in answer("how do i complain about ashcombe vale social services", complaints)


def test_a_name_no_passage_holds_is_answered_no_by_the_sentence_naming_another_in_its_place():
    pilot = "Staff praised closer working in the North neighbourhood integrated team pilot."
    assert answer("Was Ashcombe Vale's integrated team pilot run in the South neighbourhood?", pilot).startswith("No: Staff praised")
    body = "The council worked with partners through the Fenn and Marsh Health and Care Partnership."
    assert answer("Does Ashcombe Vale work with partners through the Ridge Valley Health and Care Partnership?", body).startswith("No: ")
    # (pin: the name the passage holds is confirmed, and a sentence about something else settles nothing)
    assert answer("Does Ashcombe Vale work with partners through the Fenn and Marsh Health and Care Partnership?", body).startswith("Yes: ")
    assert not answer("Does Ashcombe Vale run a Dementia Hub?", "The Carers Hub offered drop-in advice on Tuesdays.").startswith("No")


def test_whether_something_was_done_in_a_year_needs_a_passage_naming_that_year():
    adopted = "Staff had adopted a strengths-based model for conversations with people."
    assert answer("Did Ashcombe Vale train all its social workers in the strengths-based model in 2022?", adopted) == ""
    dated = "In 2022 staff had adopted a strengths-based model for conversations with people."
    assert "2022" in answer("Did Ashcombe Vale train all its social workers in the strengths-based model in 2022?", dated)
    # (pin: a year that only qualifies something else asks no year of what was done)
    assert answer("Did Ashcombe Vale's assessment in 2024 find long waits for care?",
                  "People waited a long time for care assessments and some waited several months.")
    assert answer("Does Ashcombe Vale still use paper records in 2024?", "Some teams still used paper records, which slowed sharing.")


# Pins from the session's review: questions the rules above must leave as they were.

@pytest.mark.parametrize(("question", "route"), [
    ("Is Wirral's advocacy any good?", R.Passages),  # (something of the council's: its report's words)
    ("Are Wirral's direct payments any good?", R.Passages),
    ("How did Wirral score on challenging the inequalities people face?", R.Scores),  # ("challenging" is no appeal)
    ("Did York score well on complaints and appeals?", R.Overall),
    ("What rating did York get and can they appeal it?", R.Overall),
])
def test_pins_any_good_of_a_service_and_appeals_as_a_topic(question, route):  # (pin)
    assert isinstance(route_of(question), route)


@pytest.mark.parametrize(("question", "passage", "said"), [
    ("Who is the director of adult social services in Ashcombe Vale?",
     "The director of adult social services was also the director for public health and housing.", ""),
    ("Did care workers in Ashcombe Vale get a pay award this year?",
     "Care workers in Ashcombe Vale got a pay rise this year through the fair cost of care uplift.", "pay rise"),
    ("Is the plan to close day centres in Ashcombe Vale going ahead?",
     "Two day centres had been closed and people moved to community activities.", "closed"),
    ("Is Ashcombe Vale planning to bring home care in house?",
     "The council had decided to bring home care in house from next April.", "decided to"),
    ("How do I complain about Ashcombe Vale adult social care?",
     "People could raise concerns or give feedback online, and most said they were listened to.", "raise concerns"),
    ("What time frame did Ashcombe Vale set to close its assessment backlog?",
     "The council aimed to clear its assessment backlog within 12 months, by March 2025.", "12 months"),
    ("Which month did Ashcombe Vale's new front door launch?", "The new front door launched in Sept 2024.", "Sept 2024"),
    ("Why did Ashcombe Vale set up a hospital discharge team?",
     "A hospital discharge team supported people in the days following their return home.", ""),
    ("My mum is 87, does Ashcombe Vale offer home care?",
     "The council offered home care to older people through a framework of providers.", "Yes: "),
])
def test_pins_from_the_review(question, passage, said):  # (pin)
    got = answer(question, passage)
    assert (said in got) if said else got == ""


def test_losing_sight_of_something_is_no_sensory_need():  # (pin)
    from rag import rules
    assert "sensory" not in rules.in_report_words("Has Ashcombe Vale lost sight of unpaid carers?")


def test_a_phone_number_asked_yes_or_no_is_still_asked_for():
    line = "Carers could phone a dedicated carers line at the carers centre for advice."
    assert answer("Does Ashcombe Vale have a phone number for carers?", line) == ""
    assert "0300" in answer("Is there a phone number for carers in Ashcombe Vale?", "Carers could call the carers line on 0300 765 4321.")


@pytest.mark.parametrize("question", ["is hertfordshire good at treating everyone fairly in social care",
                                      "how does hertfordshire do at treating people fairly?"])
def test_treating_people_fairly_is_the_equity_statement(question):
    r = route_of(question)
    assert isinstance(r, R.Scores) and r.statements == ("Equity in experience and outcomes",)


@pytest.mark.parametrize("question", ["When will Hertfordshire next be inspected by the CQC?",
                                      "when will hertfordshire be assessed by the cqc again"])
def test_the_next_inspection_is_not_in_the_reports(question):
    assert isinstance(route_of(question), R.Abstain)


@pytest.mark.parametrize("question", ["When will my mum next be assessed in Hertfordshire?",
                                      "When was Hertfordshire inspected by the CQC?"])
def test_a_persons_next_assessment_or_the_inspection_done_are_still_asked(question):  # (pin)
    assert not isinstance(route_of(question), R.Abstain)


def test_a_name_the_question_quotes_is_answered_only_from_sentences_holding_it():  # (pin: the real pages' wrong "Yes" needs their ranking)
    passages = ("In 2024 the council wrote a new carers strategy (2024-2027) with carers.",  # (two passages)
                "Leaders described the corporate vision in the 'Brighter Vale' Strategy (2021-2030).")
    assert "carers strategy" not in answer("Does Ashcombe Vale's 'Brighter Vale' Strategy run from 2024 to 2027?", *passages)
    assert "Brighter Vale" in answer("What years does Ashcombe Vale's 'Brighter Vale' Strategy cover?", *passages)  # (pin)


@pytest.mark.parametrize(("question", "passage"), [
    ("Does Ashcombe Vale work with Age UK to support older people?", "The council worked with Carers UK to support older people and their carers."),
    ("Does Ashcombe Vale have a Learning Disability Partnership Board that meets regularly with people?",
     "The Carers Partnership Board meets regularly with people and carers."),
    ("Does Ashcombe Vale run a Dementia Hub offering drop-in advice?", "The council ran a Carers Hub offering drop-in advice every week."),
])
def test_pins_another_charity_board_or_hub_named_says_nothing_of_the_one_asked(question, passage):  # (pin, from the second review)
    assert not answer(question, passage).startswith("No")


@pytest.mark.parametrize("question", [
    "Did people find the contact number hard to get through to in Ashcombe Vale?",
    "Is the Ashcombe Vale carers helpline number free to call?",
    "Was the Ashcombe Vale contact number widely advertised?",
])
def test_pins_a_question_about_a_contact_number_does_not_ask_for_it(question):  # (pin, from the second review)
    assert extractive.expects(question) != "contact"


def test_pins_a_quoted_name_s_passage_goes_on_about_it_without_naming_it():  # (pin, from the second review)
    passage = "Carers could apply for an Ashcombe Carers Card to show they were carers. The card was free to all registered carers."
    assert "was free" in answer("Is the 'Ashcombe Carers Card' free for carers?", passage)


def test_a_yes_is_the_quoted_names_not_another_plan_in_its_passage():  # (pin: the real pages' wrong "Yes" needs their ranking)
    passage = ("Leaders set out the vision in the 'Brighter Vale' Strategy (2021-2030). "
               "This was built on in 2024 by the Vale Residents' Plan (2024-2027), written with partners.")
    assert not answer("Does Ashcombe Vale's 'Brighter Vale' Strategy run from 2024 to 2027?", passage).startswith("Yes")
