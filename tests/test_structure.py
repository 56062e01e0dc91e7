"""Recognising a report's authority, quality statements, scores and headings."""

from __future__ import annotations

import pytest
from conftest import TELFORD, WIRRAL

from ingest.structure import parse
from rag import framework as fw
from rag.gazetteer import load_gazetteer

pytestmark = pytest.mark.unit


def test_authority_named_only_inside_the_text_is_found_by_the_gazetteer():
    s = parse(WIRRAL.read_text(encoding="utf-8"), load_gazetteer())
    assert (s.authority, s.authority_from) == ("Wirral Council", "text")
    assert s.scores == {"Partnerships and communities": 3}


def test_authority_in_a_title_line_is_taken_from_it():
    s = parse(TELFORD.read_text(encoding="utf-8"), load_gazetteer())
    assert (s.authority, s.authority_from) == ("Telford and Wrekin Council", "title")
    assert s.scores == {"Partnerships and communities": 3}


def test_frame_sections_are_boilerplate_and_findings_are_not():
    text = WIRRAL.read_text(encoding="utf-8")
    s = parse(text, load_gazetteer())
    by_section = {b.section.split(" > ")[0]: b for b in s.blocks}
    assert by_section[fw.EXPECT].boilerplate and by_section[fw.COMMITMENT].boilerplate
    assert not by_section[fw.KEY_FINDINGS].boilerplate
    assert by_section[fw.EXPECT].paragraphs[0].of(text).startswith("I have care and support")


def test_quoted_i_statements_stay_in_what_people_expect():
    text = ("Ashcombe Vale Council (fictional): local authority assessment\n\nPartnerships and communities\n\nScore: 2\n\n"
            "What people expect:\n\n“I can find help close to home from people who know what matters to me.”\n\n"
            "The local authority commitment:\n\n“We plan help with our partners so people meet one team, not many.”\n\n"
            "Key findings for this quality statement\n\nThe council worked closely with the NHS trust on discharge.\n")
    by_section = {b.section.split(" > ")[0]: b for b in parse(text, load_gazetteer()).blocks}
    assert by_section[fw.EXPECT].boilerplate and by_section[fw.EXPECT].paragraphs[0].of(text).startswith("“I can find help")
    assert by_section[fw.COMMITMENT].boilerplate
    assert not by_section[fw.KEY_FINDINGS].boilerplate


def test_sub_headings_become_part_of_the_heading_path():
    s = parse(WIRRAL.read_text(encoding="utf-8"), load_gazetteer())
    sections = {b.section for b in s.blocks}
    assert f"{fw.KEY_FINDINGS} > Arrangements to support effective partnership working" in sections
    assert f"{fw.KEY_FINDINGS} > Impact of partnership working" in sections
    assert any(x.startswith(f"{fw.KEY_FINDINGS} > Working with voluntary") and x.endswith("sector groups") for x in sections)


def test_a_full_report_is_split_per_quality_statement():
    text = (
        "Northmere City Council: local authority assessment\n\nOverall rating: Requires improvement\n\n"
        "Assessing needs\n\nScore: 2\n\n2 - Evidence shows some shortfalls\n\n"
        "Key findings for this quality statement\n\nPeople waited 14 weeks on average for an assessment.\n\n"
        "Safeguarding\n\nScore: 1\n\n1 - Evidence shows significant shortfalls\n\n"
        "What people expect\n\nI feel safe.\n\n"
        "Key findings for this quality statement\n\nThere were 312 safeguarding concerns awaiting triage.\n"
    )
    s = parse(text, load_gazetteer())
    assert s.authority == "Northmere City Council"
    assert s.overall_rating == "Requires improvement"
    assert s.scores == {"Assessing needs": 2, "Safeguarding": 1}
    findings = [(b.statement.name, b.score, b.paragraphs[0].of(text)) for b in s.blocks if b.section == fw.KEY_FINDINGS]
    assert findings == [
        ("Assessing needs", 2, "People waited 14 weeks on average for an assessment."),
        ("Safeguarding", 1, "There were 312 safeguarding concerns awaiting triage."),
    ]


def test_authority_falls_back_to_the_option_then_the_sidecar_then_unknown():
    text = "Assessing needs\n\nScore: 2\n\nKey findings for this quality statement\n\nPeople waited.\n"
    g = load_gazetteer()
    assert parse(text, g, option="Telford & Wrekin").authority == "Telford and Wrekin Council"
    assert parse(text, g, sidecar="Wirral").authority_from == "sidecar"
    assert parse(text, g).authority == "unknown"


@pytest.mark.parametrize(
    "question, expected",
    [
        ("When did Wirral launch its Transfer of Care Hub?", ["Wirral Council"]),
        ("What did Wirral's partners say?", ["Wirral Council"]),
        ("Compare Telford & Wrekin and Wirral", ["Telford and Wrekin Council", "Wirral Council"]),
        ("and Telford?", ["Telford and Wrekin Council"]),
        ("How are people reading their care plans?", []),
        ("haringeys front door", ["London Borough of Haringey"]),  # typed without the apostrophe
        ("What did Wirral’s partners say?", ["Wirral Council"]),
        ("Staffs care provision score", ["Staffordshire County Council"]),  # a county's usual short form
        ("How did Lincs and Glos do?", ["Lincolnshire County Council", "Gloucestershire County Council"]),
        ("how do people in east yorkshire get help", ["East Riding of Yorkshire Council"]),  # as people call it
        ("Which staffs did the council hire?", []),  # lower case: a word, not Staffordshire
        ("how did harrow council do on safeguarding", ["London Borough of Harrow"]),  # a word, but "council" follows
        ("harrow assessing needs score", ["London Borough of Harrow"]),  # or what is asked of councils
        ("H&F safeguarding score", ["London Borough of Hammersmith & Fulham"]),
        ("Stoke's front door", ["Stoke-on-Trent City Council"]),
        ("How are people reading their care plans?", []),
    ],
)
def test_questions_name_authorities_by_variants_and_possessives(question, expected):
    assert load_gazetteer().in_query(question) == expected


def test_the_gazetteer_holds_the_153_authorities_with_adult_social_care_duties():
    assert len(load_gazetteer().authorities) == 153
