"""The names-never-seen check (bench/renamed.py) renames authorities and keeps every span on its words."""

from __future__ import annotations

import pytest

from bench import renamed

pytestmark = pytest.mark.unit


def test_every_authority_becomes_another_and_longer_names_go_first():
    text, _ = renamed.rename("City of York Council: York and North Yorkshire. St Helens' plan; Hammersmith & Fulham.")
    assert text == ("Brighton and Hove City Council: Brighton and Kensington and Chelsea. Hull's plan; Tower Hamlets.")


def test_a_span_keeps_its_words_after_renaming():
    text = "In Haringey the front door team replaced the first response team."
    new, where = renamed.rename(text)
    start, end = text.index("the front door"), text.index(" team.") + 5
    assert new[where[start] : where[end]] == text[start:end]


def test_a_fact_pattern_is_renamed_inside_its_word_boundaries():
    assert renamed._renamed_value(["\\bYork\\b", "Haringey"]) == ["\\bBrighton\\b", "Newcastle upon Tyne"]
