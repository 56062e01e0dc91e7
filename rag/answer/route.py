"""Routing, a pure function: what a question asks (its Analysis) and what the store holds (the
Catalog) decide which answerer takes it. No retrieval and no model here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag import framework as fw
from rag import rules
from rag.catalog import Catalog
from rag.query import Analysis, blank_names, own_words, thing_words
from rag.text import content_words


@dataclass(frozen=True)
class Abstain:
    reason: str


@dataclass(frozen=True)
class Scores:
    """One or more authorities' scores for named statements (all their statements if none named)."""

    authorities: tuple[str, ...]
    statements: tuple[str, ...]
    extreme: str | None = None  # "Which of its statements scored highest?"
    value: int | None = None  # "Which statements did York score 1 for?"
    whether: tuple[int, int] | None = None  # "Did York get a 3 for safeguarding?": answered yes or no
    count: bool = False  # "How many of its statements scored 3?": how many, then which
    every: bool = False  # "Did X get 3s across the board?": yes only if every statement scored so
    versus: str | None = None  # "Did X score higher on A than on B?": "higher" or "lower", answered yes or no


@dataclass(frozen=True)
class Overall:
    authorities: tuple[str, ...]
    figure: bool = False  # asks for the percentage ("What overall percentage did X get?"), not the rating word
    whether: str | None = None  # "Was X rated Good?": answered yes or no
    within: tuple[int, int] | None = None  # "Did X score over 75 overall?": answered yes or no
    versus: str | None = None  # "Was X's overall score higher than Y's?": "higher" or "lower", answered yes or no


@dataclass(frozen=True)
class Aggregate:
    """Scores or overall results across every council in the store."""

    statements: tuple[str, ...]
    value: int | None = None  # "scored 3"
    overall: bool = False
    rating: str | None = None  # "rated Good"
    extreme: str | None = None  # "highest" | "lowest"
    count: bool = False  # "how many councils"
    between: tuple[int, int] | None = None  # "scored below 3": (1, 2)
    whether: bool = False  # "Did any council score below 3 …?": answered "no" too, with the scores there are
    percent: tuple[int, int] | None = None  # "which council got 75 overall?": overall scores in this range
    values: tuple[tuple[str, int], ...] | None = None  # "a 4 for X and a 3 for Y": each statement's own score
    region: str | None = None  # "Which London boroughs …": only the councils of this English region
    average: bool = False  # "What is the average score for safeguarding?": the mean of those the reports give
    ranked: str | None = None  # "Rank the councils by safeguarding score": listed "highest" (or "lowest") first
    every: bool = False  # "Which councils scored 3 for everything?": all nine statements so


@dataclass(frozen=True)
class Frame:
    """The frame text every report repeats for a statement: what people expect, the commitment, or both."""

    headings: tuple[str, ...]
    authorities: tuple[str, ...]
    statements: tuple[str, ...]


@dataclass(frozen=True)
class WhichAuthority:
    statements: tuple[str, ...]


@dataclass(frozen=True)
class Compare:
    authorities: tuple[str, ...]
    statements: tuple[str, ...]


@dataclass(frozen=True)
class Passages:
    authorities: tuple[str, ...]
    statements: tuple[str, ...]
    covered: bool = True  # False: no page of these authorities covers the statements named


def not_included(authorities: tuple[str, ...], statements: tuple[str, ...]) -> str:
    pairs = "; ".join(f"{x}'s assessment of {s}" for x in authorities for s in statements)
    return f"The ingested reports do not include {pairs}."


Route = Abstain | Scores | Overall | Aggregate | Frame | WhichAuthority | Compare | Passages


def route(a: Analysis, catalog: Catalog) -> Route:
    auths, sts = tuple(a.authorities), tuple(a.statement_names)
    if rules.INJECTION.search(a.text):
        return Abstain("I answer questions from the ingested reports; I do not take instructions from a question.")
    extreme = None
    ranked = ("lowest" if rules.RANK_UPWARDS.search(a.text) else "highest") if rules.RANK_ASKED.search(a.text) else None
    if (m := rules.EXTREME.search(a.text)) and not ranked:  # ("from best to worst": all of them, in order)
        extreme = rules.extreme_asked(m)
    if a.missing_authorities and not a.authorities and not a.which_authority:
        return Abstain(f"No report for {', '.join(a.missing_authorities)} has been ingested.")
    own = own_words(a.text)
    # compared with a council whose report is not in: no side of the comparison is there ("How does X
    # compare with Bristol?", "Is X's score better than Essex's?")
    if a.missing_authorities and a.authorities and any(rules.COMPARED_WITH.search(own[: own.find(n)]) for n in a.named_as if n in own):
        return Abstain(f"No report for {', '.join(a.missing_authorities)} has been ingested, so the reports cannot compare it.")
    # the reports say nothing of what came after them ("What did X do after the CQC assessment was published?")
    if rules.REINSPECTED.search(own) and (a.wants_score or auths):
        return Abstain("The ingested reports give each council's latest assessment only, not a later one.")
    # (nor whether a result was changed: "was X's rating upgraded after it appealed?")
    if a.wants_score and rules.RESULT_CHANGED.search(own):
        return Abstain("The ingested reports give each council's result as published, not any change to it.")
    if rules.AFTER_REPORT.search(own) and rules.DONE_SINCE.search(own) and not a.wants_score:
        return Abstain("The reports cannot say what happened after CQC's assessment was published.")
    # (or compared with it: "Did X do better on safeguarding than at its last assessment?")
    if (a.wants_score or rules.COMPARES.search(own) or rules.GOT.search(own)) and rules.EARLIER_ASSESSMENT.search(own):
        return Abstain("The ingested reports give each council's latest assessment only, not an earlier one.")
    # CQC began assessing local authorities in 2023: "What did X score back in 2022?" asks for a result no report gives
    if a.wants_score and (years := rules.periods(own)) and all(last < rules.FIRST_ASSESSMENT_YEAR for _, last in years):
        return Abstain(f"CQC's assessments of local authorities began in {rules.FIRST_ASSESSMENT_YEAR}: "
                       "the ingested reports give no score or rating for an earlier year.")
    # the reports give each council's own score, no average to set it against ("How does X's overall
    # score of 64% compare with the London average?", "Is X's safeguarding score above the national average?")
    if a.wants_score and auths and rules.ASKS_VERSUS_AVERAGE.search(own) and (rules.COMPARES.search(own) or rules.COMPARATIVE.search(own)):
        return Abstain("The ingested reports give each council's own scores and ratings, not an average to compare them with.")
    if a.wants_score and auths and (years := rules.periods(own)) and (why := _not_dated(auths, years, catalog)):
        return Abstain(why)
    # (a council's rank among all councils: "where does X rank nationally for its CQC rating?")
    if (a.wants_score or a.wants_overall) and auths and rules.RANK_WORD.search(own) and rules.NATIONWIDE.search(own):
        return Abstain("The ingested reports give each council's own scores and ratings, not its rank among all councils.")
    if rules.ASKS_ASSESSOR.search(own):
        return Abstain("The reports do not name who at CQC carried out the assessment.")
    # "What is the average score for safeguarding across the councils?": the mean of the scores there
    # are (not "which council has the highest average?", "scored above the average?", "rated Good");
    # a national one is no mean of the councils that happen to be ingested
    if (a.wants_score and not auths and not a.region and rules.AVERAGE_ASKED.search(own) and rules.NATIONWIDE.search(own)
            and not rules.IN_THE_REPORTS.search(own)):
        return Abstain("The ingested reports give each council's own scores, not a national average.")
    if (a.wants_score and not auths and rules.AVERAGE_ASKED.search(own) and not extreme and a.score_value is None
            and not a.rating_value and not a.which_authority and not a.count_of_councils and not rules.COMPARATIVE.search(own)):
        statements = not sts and bool(rules.EVERY_STATEMENT.search(own)) and not a.wants_overall  # every statement's scores together
        return Aggregate(sts, overall=not sts and not statements, average=True, region=a.region)
    # (a superlative with no council named asks across them all: "who got the worst overall rating?")
    if a.wants_score and not auths and (a.aggregate or a.score_value is not None or a.score_range or a.rating_value
                                        or a.which_authority or a.percent_range or extreme):
        # ("rank the councils by their scores": with no statement named, the overall results)
        overall = a.wants_overall or (not sts and (a.rating_value is not None or ranked is not None))
        value, between = a.score_value, a.score_range
        if value is None and sts and a.rating_value and not between:  # "which councils were rated good for safeguarding?": a 3
            named = sorted({rules.RATING_SCORE[m.lower()] for m in rules.RATING_VALUE.findall(own)})
            n = rules.RATING_SCORE[a.rating_value.lower()]
            if len(named) > 1:  # "good or outstanding": the band between them
                between = (named[0], named[-1])
            elif rules.BELOW_RATING.search(own):
                between = (1, n - 1) if n > 1 else None
            elif rules.ABOVE_RATING.search(own):
                between = (n + 1, 4) if n < 4 else None
            else:
                between = (n, 4) if rules.OR_BETTER.search(own) else (1, n) if rules.OR_WORSE.search(own) else None
            value = None if between else n
        return Aggregate(sts, None if overall else value, overall, a.rating_value, extreme, a.count_of_councils,
                         None if overall else between, bool(rules.ANY_COUNCIL.search(a.text)),
                         a.percent_range if overall else None, None if overall else a.statement_values, a.region,
                         ranked=ranked,
                         every=(not sts and not overall and (value is not None or between is not None)
                                and bool(rules.ACROSS_THE_BOARD.search(own))))
    # "York's score for reablement": a thing CQC gives no score of (no statement named); the passages
    # may say how it does, and the headline result is not its score
    if a.wants_score and auths and not sts and not a.topics and _scores_a_thing(own, a):
        return Passages(auths, (), True)
    # "Why did X score lower on A than on B?": why, which the scores do not say; the passages may
    # (asked first: not "What was X's rating, and what were the reasons for it?", which asks the rating too)
    if a.wants_score and auths and rules.WHY_FIRST.match(own):
        return Passages(auths, sts, not sts or any(catalog.covers(x, s) for x in auths for s in sts))
    if a.wants_score and auths:
        figure = bool(rules.ASKS_PERCENT.search(a.text))
        polar = len(auths) == 1 and _polar(own, a)
        rated = a.rating_value if polar else None
        within = a.percent_range if polar else None
        if not sts and (m := rules.COUNT_OF_SCORES.search(own)):  # (though it says "rated Good overall")
            return Scores(auths, (), value=int(m.group(1) or m.group(2)), count=True)
        if not sts and not a.wants_overall and a.score_value is not None and rules.ACROSS_THE_BOARD.search(own):
            v = a.score_value
            return Scores(auths, (), value=v, whether=(v, v) if _polar(own, a) else None, every=True)
        if a.wants_overall:
            # (two councils set against each other, the first named against the second)
            versus = _versus(own) if len(auths) == 2 and rules.POLAR.match(own) and not rules.CHOICE.search(own) else None
            return Overall(auths, figure or within is not None, rated, within, versus)
        if (not sts and not extreme and a.score_value is None and not rules.EVERY_STATEMENT.search(a.text)
                and any(x in catalog.overall for x in auths)):
            return Overall(auths, figure, rated, within)  # "What score did X get?": the headline result
        asked = a.score_range or ((a.score_value, a.score_value) if a.score_value is not None else None)
        if asked is None and sts and a.rating_value:  # "is X rated good for safeguarding?": a 3
            asked = (rules.RATING_SCORE[a.rating_value.lower()],) * 2
        # (one council's two statements set against each other: "did X score higher on A than on B?")
        versus = _versus(own) if polar and len(auths) == 1 and len(sts) == 2 and asked is None else None
        # (or two councils on one statement: "is X's safeguarding score better than Y's?")
        if (len(auths) == 2 and len(sts) == 1 and asked is None and rules.POLAR.match(own)
                and not rules.CHOICE.search(own)):
            versus = _versus(own)
        return Scores(auths, sts, extreme if not sts else None, a.score_value if not sts else None,
                      asked if polar and (len(sts) == 1 or not sts and asked and len(auths) == 1) else None, versus=versus)
    if a.frame and (sts or a.topics):
        return Frame(a.frame, auths, sts or tuple(s.name for s in a.topics[:1]))
    covered = not (auths and sts) or any(catalog.covers(x, s) for x in auths for s in sts)
    if not covered and (a.wants_score or not _asks_more(a)):
        return Abstain(not_included(auths, sts))
    if a.which_authority and not auths:
        return WhichAuthority(sts)
    if len(auths) >= 2:
        return Compare(auths, sts)
    return Passages(auths, sts, covered)


def _not_dated(auths: tuple[str, ...], years: set[tuple[int, int]], catalog: Catalog) -> str | None:
    """A result asked for a year ("What did X score in its 2023 assessment?") is that year's only
    if X's report came out that year, or early the next (a report follows its assessment by some
    months). Else why to abstain: when the report did come out, or that no page says."""
    asked = {y for first, last in years for y in range(first, last + 1)}
    for x in auths:
        dated = sorted(_month_year(d) for d in catalog.published.get(x, ()))
        if any(y in asked or y - 1 in asked and month < len(rules.EARLY_MONTHS) for y, month in dated):
            continue
        when = f"{rules.MONTHS[dated[-1][1]]} {dated[-1][0]}" if dated else ""
        said = f"the ingested report for {x} was published in {when}" if when else f"no ingested page says when {x} was assessed"
        return f"The reports give no result for {x} from {listing_years(asked)}: {said}."
    return None


def _month_year(date: str) -> tuple[int, int]:
    """"3 October 2025" -> (2025, 9)."""
    _, month, year = date.split()
    return int(year), rules.MONTHS.index(month.capitalize()) if month.capitalize() in rules.MONTHS else 0


def listing_years(years: set[int]) -> str:
    return " or ".join(str(y) for y in sorted(years))


def _polar(own: str, a: Analysis) -> bool:
    """A yes-or-no question ("Did X get a 3 for …?", "Is X rated Good?"), not a choice between
    two answers ("Did X get a 2 or a 3?", "Is X good or outstanding?"), which is answered by the fact."""
    # (a score stated with a question mark asks whether it is so: "camden only got a 3 for partnerships?")
    stated = a.score_value is not None or a.rating_value is not None or a.percent_range is not None
    return bool(rules.POLAR.match(own) or stated and rules.DECLARED.match(own)) and (a.score_range is not None or not rules.VALUE_CHOICE.search(own))


def _scores_a_thing(own: str, a: Analysis) -> bool:
    """Is a council's score asked "for" or "on" something that is no quality statement and not the
    assessment itself ("reablement" of "York's score for reablement")?"""
    # (the council's name blanked out: "how did CQC score X on treating everyone fairly?")
    blanked = blank_names(own, a.named_as)
    if not (m := rules.SCORED_FOR.search(blanked) or rules.HOW_GOOD_AT.search(blanked)):
        return False
    return any(w not in rules.GENERIC and w not in rules.RESULT_VERBS for w in thing_words(m.group("what"), a.named_as))


def _versus(own: str) -> str | None:
    """"higher" or "lower", when a question sets one score against another ("… higher on A than on B?")."""
    if not re.search(r"\bthan\b", own, re.I) or (up := rules.direction(own)) is None:
        return None
    return "higher" if up else "lower"


def _asks_more(a: Analysis) -> bool:
    """Does a question ask about something besides the quality statement it names? "What was the
    transitional safeguarding work in Brent following?" is about that work, which another of Brent's
    pages may report; "What did CQC find about Brent's safeguarding?" asks about the statement."""
    text = a.text
    for m in sorted(fw.statement_mentions(text), key=lambda m: -m.start):
        text = text[: m.start] + " " + text[m.end :]
    for name in a.named_as:
        text = text.replace(name, " ")
    rest = [w for w in content_words(text) if w not in rules.GENERIC and w not in rules.QUESTION_WORDS]
    return len(rest) >= 2
