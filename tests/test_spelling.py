"""Spelling: a word typed wrong is read as the reports' word one slip away; words that are English,
or the reports' own, or too short to tell, stay as typed."""

from __future__ import annotations

import pytest

from rag.spelling import Speller

pytestmark = pytest.mark.unit

# How many passages of a fictional store use each word.
USED = {"digitized": 3, "safeguarding": 40, "assessment": 55, "reablement": 12, "ashcombe": 9, "carers": 30, "careers": 1}
speller = Speller(lambda word: USED.get(word.lower(), 0))


@pytest.mark.parametrize(("typed", "read"), [
    ("ashcombe safegaurding score", "ashcombe safeguarding score"),  # two letters swapped
    ("How long is the wait for an assesment?", "How long is the wait for an assessment?"),  # one left out
    ("Safegaurding in Ashcombe", "Safeguarding in Ashcombe"),  # a capital kept
])
def test_a_word_typed_one_slip_from_the_reports_word_is_read_as_it(typed, read):
    assert speller.correct(typed) == read


@pytest.mark.parametrize("typed", [
    "Does Ashcombe offer pilates classes?",  # English, though the reports never use it
    "Is there a reablement team?",  # the reports' own word
    "Is the cafe open?",  # too short to tell a slip from another word
    "What do careers advisers say?",  # English: not made into "carers"
    "Does Zqxwv have a hub?",  # nothing near it: left as typed
    "Is the care record digitised?",  # British spelling
    "Is there a reablment service?",  # one slip from a word only the reports use: not read as it (they are known by stems alone)
    "Is Carrers the largest town in Ashcombe?",  # a capital inside a sentence starts a name: a town, not "carers"
])
def test_a_word_that_is_english_or_the_reports_or_too_short_stays_as_typed(typed):
    assert speller.correct(typed) == typed


def test_of_two_words_one_slip_away_the_one_the_reports_use_most_is_read():
    # "carrers" is one slip from "carers" (30 passages) and from "careers" (1)
    assert speller.correct("support for carrers") == "support for carers"
