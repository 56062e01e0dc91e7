"""Score, overall and aggregate answers from the catalog's facts: one citation per council, the
page's own terms, and exactly what is missing, never a different fact instead."""

from __future__ import annotations

import pytest
from test_route import AN, CATALOG, PC, SG, H, T, W, Y, chunk

from rag import framework as fw
from rag.answer import route as R
from rag.answer import structured
from rag.catalog import Catalog
from rag.gazetteer import load_gazetteer
from rag.query import analyse

pytestmark = pytest.mark.unit


def test_a_score_answer_cites_the_score_line():
    a = structured.scores(R.Scores((Y,), (SG,)), CATALOG)
    assert a.answer == "City of York Council scored 1 for Safeguarding [1]." and a.citations[0].section == fw.SCORE_SECTION


def test_a_missing_score_is_said_and_the_others_given():
    a = structured.scores(R.Scores((W, Y), (PC,)), CATALOG)
    assert "Wirral Council scored 3 for Partnerships and communities [1]." in a.answer
    assert a.answer.endswith("The ingested reports give no score for City of York Council for Partnerships and communities.")
    assert not a.abstained


def test_no_overall_result_is_an_abstention_that_says_so_and_gives_no_statement_score():
    a = structured.overall(R.Overall((W,)), CATALOG)
    assert a.abstained and a.answer.endswith("The ingested reports give no overall rating for Wirral Council.")
    assert not a.citations


def test_an_overall_answer_gives_the_rating_and_figure():
    a = structured.overall(R.Overall((H,)), CATALOG)
    assert a.answer.startswith("The overall rating for Hertfordshire County Council is Good, with an overall score of 78")


@pytest.mark.parametrize("line, said", [("Good\nScore: 75%", "75%"), ("scored 75 out of 100 overall", "75 out of 100"),
                                        ("Good\nScore: 75", "an overall score of 75 [1]")])
def test_the_overall_figure_is_said_in_the_pages_own_terms(line, said):
    c = chunk(W, section=fw.OVERALL_SECTION, rating="Good", percent=75).model_copy(update={"text": line})
    a = structured.overall(R.Overall((W,)), Catalog.build([c], load_gazetteer()))
    assert said in a.answer


def test_asked_for_the_overall_percentage_a_rating_alone_is_no_answer():
    c = chunk(W, section=fw.OVERALL_SECTION, rating="Good").model_copy(update={"text": "Good"})
    catalog = Catalog.build([c], load_gazetteer())
    a = structured.overall(R.Overall((W,), figure=True), catalog)
    assert a.abstained and a.answer.endswith("The ingested reports give no overall score for Wirral Council.")
    assert "is Good" in structured.overall(R.Overall((W,)), catalog).answer


@pytest.mark.parametrize("authority, title, shown", [
    ("London Borough of Hackney", "Hackney Council: local authority assessment", "Hackney Council"),
    ("Newcastle City Council", "Newcastle upon Tyne City Council: local authority assessment", "Newcastle upon Tyne City Council"),
    ("Lincolnshire County Council", "Lincolnshire County Council assessment", "Lincolnshire County Council"),  # a pilot's title
    ("South Tyneside Council", "North Tyneside Council: local authority assessment", "South Tyneside Council"),  # another place
    ("Wirral Council", "Carers assessment", "Wirral Council"),
])
def test_a_council_is_named_as_its_reports_title_names_it(authority, title, shown):
    assert fw.shown(authority, title) == shown


def test_a_score_answer_names_the_council_as_its_report_does_and_its_passage_supports_that():
    c = chunk("London Borough of Hackney", SG, fw.SCORE_SECTION, 2).model_copy(
        update={"title": "Hackney Council: local authority assessment", "text": "Score: 2"})
    a = structured.scores(R.Scores(("London Borough of Hackney",), (SG,)), Catalog.build([c], load_gazetteer()))
    assert a.answer == "Hackney Council scored 2 for Safeguarding [1]."
    assert a.citations[0].passage.startswith("Hackney Council (London Borough of Hackney) | Safeguarding")


def test_an_aggregate_lists_every_council_once_with_one_citation_each():
    a = structured.aggregate(R.Aggregate((PC,), 3), CATALOG)
    assert a.answer.startswith("Councils that scored 3 for Partnerships and communities:")
    assert [c.authority for c in a.citations] == [T, W]


def test_asked_about_two_statements_each_statements_councils_are_listed_and_first_those_that_scored_so_for_both():
    a = structured.aggregate(R.Aggregate((SG, AN), 1), CATALOG)
    assert a.answer.startswith("City of York Council [1][2] scored 1 for both.")
    assert "The council that scored 1 for Safeguarding: City of York Council [2]." in a.answer
    one = structured.aggregate(R.Aggregate((PC, SG), 3), CATALOG)
    assert one.answer == ("The ingested reports give no council that scored 3 for both. "
                          "Councils that scored 3 for Partnerships and communities: Telford and Wrekin Council [1] "
                          "and Wirral Council [2]. No ingested report scored 3 for Safeguarding.")  # never "for both"


def test_how_many_councils_gives_the_count():
    a = structured.aggregate(R.Aggregate((PC,), 3, count=True), CATALOG)
    assert a.answer.startswith("2 councils scored 3 for Partnerships and communities:")


def test_an_average_is_the_mean_of_the_scores_the_reports_give_each_council_listed_and_cited():
    a = structured.aggregate(R.Aggregate((PC,), average=True), CATALOG)
    assert a.answer.startswith("The average score for Partnerships and communities across the 3 councils whose ingested reports give one is 3.33:")  # two places
    assert [c.authority for c in a.citations] == [H, T, W]
    overall = structured.aggregate(R.Aggregate((), overall=True, average=True), CATALOG)
    assert overall.answer.startswith("The average overall score across the 2 councils whose ingested reports give one is 58.5 out of 100:")
    assert structured.aggregate(R.Aggregate(("Learning, improvement and innovation",), average=True), CATALOG).abstained


def test_councils_ranked_by_a_score_are_listed_highest_or_lowest_first():
    # (listed otherwise in the councils' alphabetical order: York 2, Hertfordshire 4, Telford 1, Wirral 3)
    catalog = Catalog.build([chunk(a, SG, fw.SCORE_SECTION, s) for a, s in ((Y, 2), (H, 4), (T, 1), (W, 3))], CATALOG.gazetteer)
    a = structured.aggregate(R.Aggregate((SG,), ranked="highest"), catalog)
    assert a.answer.startswith("Scores for Safeguarding, highest first:") and [c.authority for c in a.citations] == [H, W, Y, T]
    assert [c.authority for c in structured.aggregate(R.Aggregate((SG,), ranked="lowest"), catalog).citations] == [T, Y, W, H]
    overall = structured.aggregate(R.Aggregate((), overall=True, ranked="highest"), CATALOG)
    assert [c.authority for c in overall.citations] == [H, Y]  # (78 before 39; York comes first by name)


def test_councils_that_scored_so_for_everything_are_those_with_all_nine_scores_so():
    nine = [chunk(H, s.name, fw.SCORE_SECTION, 3) for s in fw.STATEMENTS]
    catalog = Catalog.build([*nine, chunk(T, PC, fw.SCORE_SECTION, 3)], CATALOG.gazetteer)  # T: one score, not known for all
    a = structured.aggregate(R.Aggregate((), 3, every=True), catalog)
    assert {c.authority for c in a.citations} == {H} and len(a.citations) == 9
    none = structured.aggregate(R.Aggregate((), 4, every=True, whether=True), catalog)
    assert none.answer.startswith("No: none of the councils") and not none.abstained
    counted = structured.aggregate(R.Aggregate((), 3, count=True, every=True), catalog)
    assert counted.answer.startswith("1 council scored 3 for every quality statement:")
    at_least = structured.aggregate(R.Aggregate((), None, between=(3, 4), every=True), catalog)
    assert at_least.answer.startswith("Councils that scored 3 or higher for every quality statement:")
    assert structured.aggregate(R.Aggregate((), 3, every=True), Catalog.build([chunk(T, PC, fw.SCORE_SECTION, 3)], CATALOG.gazetteer)).abstained


def test_the_highest_score_across_councils():
    a = structured.aggregate(R.Aggregate((PC,), None, extreme="highest"), CATALOG)
    assert [c.authority for c in a.citations] == [H] and "scored 4, the highest score," in a.answer


def test_overall_ratings_across_councils():
    a = structured.aggregate(R.Aggregate((), None, True, "Requires improvement"), CATALOG)
    assert [c.authority for c in a.citations] == [Y] and "Requires improvement" in a.answer
    none = structured.aggregate(R.Aggregate((), None, True, "Outstanding"), CATALOG)
    assert none.abstained and "No ingested report was rated Outstanding." in none.answer


def test_asked_which_statements_scored_a_value_only_those_are_given():
    assert R.route(analyse("Which statements did York score 1 for?", CATALOG.gazetteer, CATALOG.authorities), CATALOG) == R.Scores((Y,), (), None, 1)
    a = structured.scores(R.Scores((Y,), (), None, 1), CATALOG)
    assert a.answer == "City of York Council scored 1 for Assessing needs [1]. City of York Council scored 1 for Safeguarding [2]."


def test_no_statement_with_the_value_asked_is_said_with_the_scores_there_are():
    a = structured.scores(R.Scores((H,), (), None, 1), CATALOG)
    assert a.answer.startswith("The ingested reports give no score of 1 for Hertfordshire County Council.")
    assert "scored 4 for Partnerships and communities [1]" in a.answer and not a.abstained


@pytest.mark.parametrize(
    "question, between",
    [
        ("Which councils scored below 3 for safeguarding?", (1, 2)),
        ("Which councils scored 3 or higher for partnerships and communities?", (3, 4)),
        ("How many councils scored at least 3 for safeguarding?", (3, 4)),
        ("Which councils scored 2 or lower for safeguarding?", (1, 2)),
        ("Which councils scored 2 or below for safeguarding?", (1, 2)),  # the number itself is in the range
        ("Which councils scored 3 or above for safeguarding?", (3, 4)),
    ],
)
def test_a_range_of_scores_is_asked_for(question, between):
    r = R.route(analyse(question, CATALOG.gazetteer, CATALOG.authorities), CATALOG)
    assert isinstance(r, R.Aggregate) and r.between == between and r.value is None


def test_an_aggregate_over_a_range_lists_each_council_with_its_score():
    a = structured.aggregate(R.Aggregate((PC,), between=(3, 4)), CATALOG)
    assert a.answer.startswith("Councils that scored 3 or higher for Partnerships and communities:")
    assert "Hertfordshire County Council (4)" in a.answer and "Wirral Council (3)" in a.answer
    assert structured.aggregate(R.Aggregate((SG,), between=(2, 4)), CATALOG).abstained  # York scored 1


def test_an_authority_with_no_result_of_any_kind_is_said_so():
    catalog = Catalog.build([chunk(W, PC), chunk(T, PC, fw.SCORE_SECTION, 3)], load_gazetteer())
    a = structured.scores(R.Scores((W, T), ()), catalog)
    assert a.answer.endswith("The ingested reports give no overall rating or quality statement score for Wirral Council.")
    assert "Telford and Wrekin Council scored 3" in a.answer


def test_whether_any_council_scored_so_is_answered_no_with_the_scores_there_are():
    a = structured.aggregate(R.Aggregate((PC,), None, between=(1, 2), whether=True), CATALOG)
    assert not a.abstained
    assert a.answer.startswith("No: the ingested reports give no score of 2 or lower for Partnerships and communities. Scores for")
    assert "Wirral Council (3) [" in a.answer and "Hertfordshire County Council (4) [" in a.answer
    which = structured.aggregate(R.Aggregate((PC,), None, between=(1, 2)), CATALOG)  # "Which councils …?" none: abstains
    assert which.abstained
    some = structured.aggregate(R.Aggregate((PC,), 4, whether=True), CATALOG)
    assert some.answer.startswith("Yes: the council that scored 4 for Partnerships and communities: Hertfordshire County Council [1]")


def test_whether_any_council_got_an_overall_rating_is_answered_yes_or_no_with_the_ratings_there_are():
    none = structured.aggregate(R.Aggregate((), overall=True, rating="Outstanding", whether=True), CATALOG)
    assert not none.abstained
    assert none.answer.startswith("No: no ingested report was rated Outstanding. Overall results in the ingested reports:")
    assert "Hertfordshire County Council (Good, 78" in none.answer
    some = structured.aggregate(R.Aggregate((), overall=True, rating="Good", whether=True), CATALOG)
    assert some.answer.startswith("Yes: the council rated Good overall: Hertfordshire County Council")
    assert structured.aggregate(R.Aggregate((), overall=True, rating="Outstanding"), CATALOG).abstained  # "Which councils …?"


@pytest.mark.parametrize("question, said", [
    ("Did York get a 1 for safeguarding?", "Yes: City of York Council scored 1 for Safeguarding [1]."),
    ("Did York get a 3 for safeguarding?", "No: City of York Council scored 1 for Safeguarding [1]."),
    ("Did York score below 3 on safeguarding?", "Yes: City of York Council scored 1 for Safeguarding [1]."),
    ("York safeguarding score?", "City of York Council scored 1 for Safeguarding [1]."),
    ("Did York get a 1 or a 2 for safeguarding?", "City of York Council scored 1 for Safeguarding [1]."),  # a choice: the fact
    ("Is Hertfordshire rated Good?", "Yes: the overall rating for Hertfordshire County Council is Good"),
    ("Was Hertfordshire rated outstanding overall?", "No: the overall rating for Hertfordshire County Council is Good"),
    ("Is Hertfordshire good or outstanding?", "The overall rating for Hertfordshire County Council is Good"),
    # two councils set against each other overall: the first named against the second
    ("Was York's overall score higher than Hertfordshire's?", "No: Hertfordshire County Council scored higher overall"),
    ("Did Hertfordshire score higher than York overall?", "Yes: Hertfordshire County Council scored higher overall"),
    ("Was York's overall result worse than Hertfordshire's?", "Yes: Hertfordshire County Council scored higher overall"),
    ("Who scored higher overall, York or Hertfordshire?", "Hertfordshire County Council scored higher overall"),
])
def test_a_yes_or_no_question_about_a_score_or_rating_is_answered_yes_or_no_before_the_fact(question, said):
    from test_route import route_of

    a = structured.overall(r, CATALOG) if isinstance(r := route_of(question), R.Overall) else structured.scores(r, CATALOG)
    assert a.answer.startswith(said)


def test_councils_compared_overall_are_answered_with_which_came_out_ahead_first():
    a = structured.overall(R.Overall((Y, H)), CATALOG)  # York 39%, Hertfordshire 78 (in the test pages' terms)
    assert a.answer.startswith("Hertfordshire County Council scored higher overall: 78")
    assert "against 39" in a.answer and "for City of York Council" in a.answer


def test_councils_compared_overall_by_rating_alone_and_alike():
    pages = [chunk(W, section=fw.OVERALL_SECTION, rating="Good"), chunk(T, section=fw.OVERALL_SECTION, rating="Inadequate"),
             chunk(Y, section=fw.OVERALL_SECTION, rating="Good")]
    catalog = Catalog.build(pages, load_gazetteer())
    assert structured.overall(R.Overall((T, W)), catalog).answer.startswith(
        "Wirral Council was rated better overall: Good [2], against Inadequate for Telford and Wrekin Council [1].")
    assert structured.overall(R.Overall((W, Y)), catalog).answer.startswith("Both were rated Good overall [1][2].")


def test_overall_scores_asked_about_by_their_figure():
    above = structured.aggregate(R.Aggregate((), overall=True, percent=(71, 100)), CATALOG)
    assert above.answer == "The council with an overall score in the range asked: Hertfordshire County Council (Good, 78) [1]."
    exactly = structured.aggregate(R.Aggregate((), overall=True, percent=(78, 78)), CATALOG)
    assert exactly.answer.startswith("The council with an overall score of 78: Hertfordshire County Council")
    assert structured.aggregate(R.Aggregate((), overall=True, percent=(90, 90)), CATALOG).abstained
    assert structured.overall(R.Overall((Y,), figure=True, within=(40, 100)), CATALOG).answer.startswith("No: the overall rating")
    assert structured.overall(R.Overall((H,), figure=True, within=(76, 100)), CATALOG).answer.startswith("Yes: the overall rating")


def test_statements_asked_with_different_scores_are_each_held_to_their_own():
    b = structured.aggregate(R.Aggregate((AN, SG), 1, values=((AN, 1), (SG, 1))), CATALOG)
    assert b.answer.startswith("City of York Council")
    c = structured.aggregate(R.Aggregate((PC, SG), 4, values=((PC, 4), (SG, 1))), CATALOG)
    assert c.answer.startswith("The ingested reports give no council that scored 4 for Partnerships and communities and 1 for Safeguarding.")
    assert "The council that scored 1 for Safeguarding: City of York Council" in c.answer


def test_councils_asked_about_one_statement_together_are_compared_first():
    a = structured.scores(R.Scores((W, T), (PC,)), CATALOG)
    assert a.answer.startswith("Both scored 3 for Partnerships and communities, the same score [1][2].")
    b = structured.scores(R.Scores((W, H), (PC,)), CATALOG)
    assert b.answer.startswith("Hertfordshire County Council scored higher for Partnerships and communities: 4 [1], against 3 for Wirral Council [2].")


@pytest.mark.parametrize(("question", "said"), [
    ("Is Hertfordshire's partnerships and communities score better than Wirral's?", "Yes: Hertfordshire County Council scored higher"),
    ("Did Wirral score higher than Hertfordshire on partnerships and communities?", "No: Hertfordshire County Council scored higher"),
    ("Did Wirral score lower than Hertfordshire for partnerships and communities?", "Yes: Hertfordshire County Council scored higher"),
])
def test_whether_one_council_scored_higher_than_another_on_a_statement_is_answered_yes_or_no(question, said):
    r = R.route(analyse(question, CATALOG.gazetteer, CATALOG.authorities), CATALOG)
    assert structured.scores(r, CATALOG).answer.startswith(said)


def test_whether_a_council_got_a_score_for_anything_is_answered_yes_or_no_with_its_scores():
    assert structured.scores(R.Scores((Y,), (), value=1, whether=(1, 1)), CATALOG).answer.startswith(
        "Yes: City of York Council scored 1 for Assessing needs [1]. City of York Council scored 1 for Safeguarding [2].")
    no = structured.scores(R.Scores((Y,), (), value=4, whether=(4, 4)), CATALOG).answer
    assert no.startswith("No: the ingested reports give no score of 4 for City of York Council.") and "scored 1 for Safeguarding" in no


def test_how_many_statements_got_a_score_is_counted_then_listed():
    a = structured.scores(R.Scores((Y,), (), value=1, count=True), CATALOG).answer
    assert a == "City of York Council scored 1 for 2 quality statements: Assessing needs [1] and Safeguarding [2]."  # in the framework's order


def test_a_score_across_the_board_is_yes_only_when_every_statement_has_it():
    yes = structured.scores(R.Scores((Y,), (), value=1, whether=(1, 1), every=True), CATALOG).answer
    assert yes == ("Yes: City of York Council scored 1 for 2 quality statements: Assessing needs [1] and Safeguarding [2]. "
                   "The ingested reports give no other score for City of York Council.")
    cat = Catalog.build([chunk(Y, SG, fw.SCORE_SECTION, 3), chunk(Y, AN, fw.SCORE_SECTION, 2)], load_gazetteer())
    no = structured.scores(R.Scores((Y,), (), value=3, whether=(3, 3), every=True), cat).answer
    assert no.startswith("No: City of York Council scored 3 for 1 quality statement: Safeguarding [")
    assert "City of York Council scored 2" in no and "for Assessing needs" in no


def test_an_aggregate_narrowed_to_a_region_lists_only_its_councils_and_says_so():
    a = structured.aggregate(R.Aggregate((PC,), 3, region="North West"), CATALOG).answer
    assert a.startswith("Among the North West councils in the ingested reports: the council that scored 3")
    assert "Wirral" in a and "Telford" not in a  # Telford and Wrekin is in the West Midlands
    none = structured.aggregate(R.Aggregate((PC,), 3, region="London"), CATALOG)
    assert none.abstained and "Among the London councils in the ingested reports, none scored 3" in none.answer


@pytest.mark.parametrize(("versus", "said"), [("higher", "No: "), ("lower", "Yes: ")])
def test_one_statements_score_against_anothers_is_answered_yes_or_no_with_both(versus, said):
    cat = Catalog.build([chunk(Y, SG, fw.SCORE_SECTION, 2), chunk(Y, AN, fw.SCORE_SECTION, 3)], load_gazetteer())
    a = structured.scores(R.Scores((Y,), (SG, AN), versus=versus), cat).answer
    assert a.startswith(said + "City of York Council scored 2 for Safeguarding") and "scored 3 for Assessing needs" in a
