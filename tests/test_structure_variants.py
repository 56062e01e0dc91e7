"""Report pages as the real site writes them: every variant of score line, heading and summary
layout is recognised, with the span of the text that states it. (Fictional text, real shapes.)"""

from __future__ import annotations

import pytest

from ingest.structure import norm, parse, structural, title_name
from rag import framework as fw
from rag.gazetteer import load_gazetteer

pytestmark = pytest.mark.unit
G = load_gazetteer()


def page(score_lines: str, *, statement: str = "Assessing needs", frame: str = "") -> str:
    return (
        "Northmere City Council: local authority assessment\n\n"
        f"{statement}\n\n{score_lines}\n\n{frame}"
        "Key findings for this quality statement\n\nPeople waited 14 weeks on average for an assessment.\n"
    )


@pytest.mark.parametrize(
    "lines, score, indicative",
    [
        ("Score: 3\n\n3 - Evidence shows a good standard", 3, False),
        ("Score 2\n\n2 - Evidence shows some shortfalls", 2, False),  # no colon
        ("Indicative score: 3", 3, True),  # a pilot assessment
        ("Indicative score:\n\n3 - Evidence shows a good standard", 3, True),  # the score on the next line
        ("3 – Evidence shows a good standard", 3, False),  # en dash, no "Score" line
        ("Score: 2 - Evidence shows some shortfalls", 2, False),  # score and label on one line
        ("1 - Inadequate: Evidence shows significant shortfalls", 1, False),
        ("**Score: 4/4**", 4, False),
        ("Score:   2", 2, False),  # odd spacing
    ],
)
def test_every_score_line_variant_gives_the_statement_its_score(lines, score, indicative):
    s = parse(page(lines), G)
    assert s.scores == {"Assessing needs": score}
    block = next(b for b in s.blocks if b.section == fw.SCORE_SECTION)
    assert block.indicative is indicative


def test_the_score_block_spans_from_the_heading_to_the_label():
    text = page("Score: 2\n\n2 - Evidence shows some shortfalls")
    block = next(b for b in parse(text, G).blocks if b.section == fw.SCORE_SECTION)
    assert block.paragraphs[0].of(text) == "Assessing needs\n\nScore: 2\n\n2 - Evidence shows some shortfalls"


@pytest.mark.parametrize(
    "heading",
    ["Supporting people to live healthier lives", "Supporting people to lead healthier lives", "## Safeguarding", "Safeguarding:",
     "• Partnerships and communities", "Care provision, integration and continuity", "Care provision, integration & continuity"],
)
def test_statement_headings_in_their_spellings(heading):
    assert fw.statement_of_line(heading) is not None


def test_frame_headings_with_colons_and_findings_without_their_heading():
    text = (
        "Lowmoor Council: local authority assessment\n\nSafeguarding\n\nScore: 2\n\n"
        "What people expect:\n\nI know who to call when I am worried about my safety.\n\n"
        "The local authority commitment:\n\nWe act quickly on every concern raised with us.\n\n"
        "There were 212 safeguarding concerns waiting to be screened.\n"
    )
    s = parse(text, G)
    sections = {b.section: b for b in s.blocks}
    assert sections[fw.EXPECT].boilerplate and sections[fw.COMMITMENT].boilerplate
    findings = sections[fw.KEY_FINDINGS]  # no "Key findings" heading: the first line that is no "we" statement
    assert not findings.boilerplate and findings.paragraphs[0].of(text).startswith("There were 212")


def test_what_people_expect_may_open_with_a_clause_before_its_i():
    # Safe pathways' expectation begins "When I move between services …", not with "I".
    text = page("Score: 3", statement="Safe pathways, systems and transitions",
                frame="What people expect\n\nWhen I change services, someone tells me what comes next.\n\n"
                      "I am kept safe and get help to manage any risks.\n\n")
    expect = [b for b in parse(text, G).blocks if b.section == fw.EXPECT]
    assert [b.boilerplate for b in expect] == [True]
    assert [p.of(text) for p in expect[0].paragraphs] == ["When I change services, someone tells me what comes next.",
                                                        "I am kept safe and get help to manage any risks."]


def test_a_leadership_page_has_no_what_people_expect_block():
    text = page("Score: 3", statement="Governance, management and sustainability",
                frame="The local authority commitment\n\nWe keep our plans under review with the people they serve.\n\n")
    s = parse(text, G)
    assert s.scores == {"Governance, management and sustainability": 3}
    assert [b.section for b in s.blocks if b.boilerplate] == [fw.COMMITMENT]


def summary(rating_block: str, scores: str = "") -> str:
    return (
        "Brackenholt Metropolitan Borough Council: local authority assessment\n\n"
        "Published: 4 March 2025 Page last updated: 4 March 2025\n\nDownloads\n\nOverall summary\n\n"
        f"Local authority rating and score\n\n{rating_block}\n\nQuality statement scores\n\n{scores}\n"
        "Summary of people's experiences\n\nPeople told us the front door was easy to reach and staff listened to them.\n"
    )


SCORES = "".join(f"  • {s.name.replace('live healthier', 'lead healthier')}\n    Score: {n}\n" for s, n in zip(fw.STATEMENTS, [3, 2, 3, 3, 4, 3, 2, 3, 3], strict=True))


@pytest.mark.parametrize(
    "rating_block, rating, percent, indicative",
    [
        ("  • Brackenholt Metropolitan Borough Council\n    Good\nBrackenholt Metropolitan Borough Council scored 71 out of 100 overall, which the report calls good",
         "Good", 71, False),
        ("  • Brackenholt Metropolitan Borough Council\n    Requires improvement\nOverall rating for Brackenholt Metropolitan Borough Council: 44%",
         "Requires improvement", 44, False),
        ("Score: 56%", "", 56, False),
        ("  • Brackenholt Metropolitan Borough Council\n    Good\nScore: 75", "Good", 75, False),  # out of 100, unit unsaid
        ("Overall score: 62", "", 62, False),
        ("Indicative rating: Good", "Good", 0, True),
        ("", "", 0, False),  # the heading with nothing under it
    ],
)
def test_summary_pages_give_the_overall_result_in_any_of_their_layouts(rating_block, rating, percent, indicative):
    text = summary(rating_block, SCORES)
    s = parse(text, G)
    assert (s.overall_rating, s.overall_percent, s.indicative) == (rating, percent, indicative)
    assert s.published == "4 March 2025"
    assert len(s.scores) == 9 and s.scores["Partnerships and communities"] == 4
    assert s.scores["Supporting people to live healthier lives"] == 2  # "lead" on summary pages
    overall = [b for b in s.blocks if b.section == fw.OVERALL_SECTION]
    if rating or percent:
        assert overall and overall[0].paragraphs[0].of(text).strip()
    else:
        assert not overall


def test_a_pilot_summary_gives_its_indicative_rating_with_its_label():
    text = ("Brackenholt Metropolitan Borough Council assessment\n\nOverall summary\n\nLocal authority indicative rating\n\n"
            "Good: Evidence shows a good standard\n\nSummary of strengths\n\nLeaders were visible and staff felt supported.\n")
    s = parse(text, G)
    assert (s.overall_rating, s.indicative) == ("Good", True)


def test_an_announcement_of_the_rating_gives_the_rating_and_its_numbered_scores():
    lines = [f"  {i}. {name} – {n}" for i, (name, n) in enumerate(
        [("Assessing people’s needs", 2),
         ("Supporting people to lead healthier lives", 2), ("Equity in experience and outcomes", 3),
         ("Care provision, integration and continuity of care", 2), ("Partnership and communities", 2),
         ("Safe pathways, systems and transitions", 2), ("Safeguarding", 2), ("Governance, management and sustainability", 2),
         ("Learning, improvement and innovation", 3)], 1)]
    text = ("CQC rates Brackenholt Metropolitan Borough Council adult social care provision as requires improvement\n\n"
            "The Care Quality Commission (CQC), has rated Brackenholt Metropolitan Borough Council as requires improvement, "
            "in how well they are meeting their responsibilities.\n\n" + "\n".join(lines) + "\n")
    s = parse(text, G)
    assert s.overall_rating == "Requires improvement"
    assert len(s.scores) == 9 and s.scores["Partnerships and communities"] == 2 and s.scores["Learning, improvement and innovation"] == 3


def test_a_summary_with_empty_headings_states_no_rating_and_no_scores():
    text = ("Kestrel Bay Borough Council: local authority assessment\nOverall summary\nLocal authority rating and score\n\n"
            "Quality statement scores\nSummary of people's experiences\nPeople said the service listened to them and acted quickly.\n")
    s = parse(text, G)
    assert (s.overall_rating, s.overall_percent, s.scores) == ("", 0, {})
    assert s.warnings == ["the rating heading has no rating or score under it", "the quality statement scores heading lists no scores"]


def test_each_listed_score_is_its_own_block_citing_the_statement_and_its_score_line():
    text = summary("Good", SCORES)
    blocks = [b for b in parse(text, G).blocks if b.section == fw.SCORE_SECTION]
    assert len(blocks) == 9
    first = blocks[0].paragraphs[0].of(text)
    assert first.startswith("• Assessing needs") and first.endswith("Score: 3")


def test_a_statement_section_without_a_score_line_is_warned_about():
    text = "Wyvern Council: local authority assessment\n\nSafeguarding\n\nKey findings for this quality statement\n\nPeople felt safe.\n"
    assert parse(text, G).warnings == ["Safeguarding: no score line found"]


@pytest.mark.parametrize(
    "line, name",
    [("Hammersmith and Fulham: local authority assessment", "Hammersmith and Fulham"),
     ("# Wiltshire Council - local authority assessment", "Wiltshire Council"),
     ("Wiltshire Council local authority assessment", None),
     ("A very long line " * 40 + ": local authority assessment", None)],
)
def test_title_lines(line, name):
    assert title_name(line) == name


def test_a_title_without_london_borough_of_still_names_the_authority():
    s = parse("Hammersmith and Fulham: local authority assessment\n\nAssessing needs\n\nScore 2\n", G)
    assert s.authority == "London Borough of Hammersmith & Fulham" and s.authority_from == "title"


def test_a_pilot_reports_title_names_its_authority_and_not_an_unknown_one():
    s = parse("Lincolnshire County Council assessment\n\nPublished: 17 November 2023\n\nAssessing needs\n\nIndicative score: 3\n", G)
    assert (s.authority, s.authority_from, s.title) == ("Lincolnshire County Council", "title", "Lincolnshire County Council assessment")
    assert parse("Carers assessment\n\nPeople waited.\n", G).title == ""


@pytest.mark.parametrize("bomb", [" " * 40_000, "Score" + " " * 40_000 + "x", "a -" * 20_000, ("Score:" + " " * 50 + "\n") * 2000])
def test_pathological_white_space_parses_without_backtracking(bomb):
    # Patterns see lines collapsed and capped (norm), so cost is linear; a quadratic pattern
    # would take minutes here and trip the suite's timeout.
    parse(bomb, G)
    assert not structural(bomb)
    assert len(norm(bomb)) <= 600
