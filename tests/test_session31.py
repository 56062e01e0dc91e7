"""Questions typed as people type them (session 31's fresh development set): what a thing "is called"
asks its name, "what did CQC give them" asks a score, "average waiting time for …" asks a length of
time, "bigger by population" compares populations, and "worse" or "had not" is said of what fell
short. Passages are fictional (Ashcombe Vale, Lowbridge)."""

from __future__ import annotations

import pytest

from rag.answer import extractive
from rag.answer import route as R
from rag.models import SearchHit
from rag.query import Analysis
from tests.test_extractive import ASHCOMBE, hit
from tests.test_route import GOV, route_of
from tests.test_session30 import answer, wants_score

pytestmark = pytest.mark.unit


def test_what_a_thing_is_called_is_its_name_even_when_the_name_uses_the_questions_words():
    passage = ("‘Call Ashcombe’ was the telephone contact line for the council, giving advice and taking requests for care. "
               "People were positive about the contact line.")
    assert "Call Ashcombe" in answer("what is Ashcombe Vale's phone contact line called", passage)
    assert "Call Ashcombe" in answer("What's the Ashcombe Vale telephone line called?", passage)
    # (pin: a name asked with nothing quoted as one is still no answer)
    assert answer("What is the Ashcombe Vale carers' café called?", "Carers were positive about the café they met at.") == ""


@pytest.mark.parametrize("question", [
    "York partnerships and communities - what did CQC give them?",
    "For partnerships and communities, what score did the regulator give York?",  # (pin: a score word)
])
def test_what_the_regulator_gave_a_council_for_a_statement_is_its_score(question):
    assert wants_score(question)
    assert isinstance(route_of(question), R.Scores)


def test_what_the_regulator_gave_is_no_score_without_a_statement_named():
    # (pin: "what did CQC give them" of no statement asks the report's words, not a statement's score)
    assert not isinstance(route_of("York: what feedback did CQC give them about the front door?"), R.Scores)
    assert wants_score(f"{GOV} for York, what did the CQC award?")


@pytest.mark.parametrize("question", [
    "average waiting time for a care act assessment in Ashcombe Vale?",
    "median wait for an occupational therapy assessment in Ashcombe Vale",
    "what's the longest wait for an assessment in Ashcombe Vale?",  # (pin: a full question)
])
def test_an_average_or_longest_wait_asked_in_a_few_words_needs_a_length_of_time(question):
    vague = "Most people were assessed in good time, with limited waits for most services."
    assert answer(question, vague) == ""
    assert "9 weeks" in answer(question, "People waited 9 weeks on average for an assessment, and at most 20 weeks.")


def test_compared_bigger_by_population_each_side_is_its_population():
    def lowbridge(text: str) -> SearchHit:
        return SearchHit(chunk_id="o1", document_id="d2", source="lowbridge.txt", authority="Lowbridge Council",
                         quality_statement="", theme="", score=None, section="About", text=text, start=0, end=len(text), rank_score=1.0)

    question = "is ashcombe vale bigger than lowbridge by population"
    analysis = Analysis(text=question, authorities=[ASHCOMBE, "Lowbridge Council"])
    hits = [hit("Ashcombe Vale has the largest populations of people who speak Polish and Tamil in the county."),
            hit("About 212,000 people live in Ashcombe Vale.", 2),
            lowbridge("Lowbridge is a district in the north of the county. The population of 98,000 is spread across four towns.")]
    got = extractive.compare(question, analysis, hits).answer
    assert "212,000" in got and "98,000" in got and "Polish" not in got
    assert extractive.rules.ASKS_POPULATION_SIZE.search("Which is more populous, Ashcombe Vale or Lowbridge?")


def test_worse_and_had_not_are_said_of_what_fell_short():
    passages = ("The council had a clear plan for its front door and a single number to call.",
                "People told us they had phoned several times before anyone called back, and some said things had got worse while they waited.")
    got = answer("What did people in Ashcombe Vale find frustrating?", *passages)
    assert got.startswith("People told us they had phoned")
    assert extractive.rules.SHORTFALL.search("Carers had not been offered an assessment.")

