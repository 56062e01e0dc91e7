"""Score, overall and aggregate questions, answered from the catalog's facts: one claim per
council, each citing the line of its report that states it. Where a fact is absent the answer
says exactly which, and never offers a different fact instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from rag import framework as fw
from rag.answer.compose import Cited, abstain, listing
from rag.answer.route import Aggregate, Overall, Scores
from rag.catalog import Catalog, OverallFact, ScoreFact
from rag.models import Answer

STRUCTURED = "structured"
_Fact = TypeVar("_Fact", ScoreFact, OverallFact)


def _name(f: ScoreFact | OverallFact) -> str:
    """The council as its report's title names it."""
    return fw.shown(f.authority, f.chunk.title)


def _score_claim(f: ScoreFact) -> str:
    """"X scored 2 for S" in the page's own terms: the label only where the page states it."""
    scored = f"received an indicative score of {f.score}" if f.indicative else f"scored {f.score}"
    label = f" ({f.label})" if f.label and f.label.lower() in f.chunk.text.lower() else ""
    return f"{_name(f)} {scored}{label} for {f.statement}"


def _figure(f: OverallFact) -> str:
    """The overall figure as the page gives it: "39%", "78 out of 100", or a bare "75" ("Score: 75")."""
    text = f.chunk.text.lower()
    if "%" in text or "per cent" in text:
        return f"{f.percent}%"
    return f"{f.percent} out of 100" if "100" in text else str(f.percent)


def _overall_claim(f: OverallFact) -> str:
    kind = "The indicative overall" if f.indicative else "The overall"
    if f.rating and f.percent:
        return f"{kind} rating for {_name(f)} is {f.rating}, with an overall score of {_figure(f)}"
    if f.rating:
        return f"{kind} rating for {_name(f)} is {f.rating}"
    return f"{kind} score for {_name(f)} is {_figure(f)}"


def _answered(yes: bool) -> str:
    """A yes-or-no question is answered in so many words before the fact that decides it."""
    return "Yes: " if yes else "No: "


def _answering(yes: bool, said: str) -> str:
    """"Yes: " or "No: " before a sentence that goes on in lower case ("No: the overall rating …")."""
    return _answered(yes) + said[0].lower() + said[1:]


def _ahead(facts: list[_Fact], key: Callable[[_Fact], float]) -> tuple[_Fact, list[_Fact], bool] | None:
    """Councils' results compared: the best, the others (best first) and whether all are alike; None
    for fewer than two, or a tie at the top (each council's own result then says it)."""
    ranked = sorted(facts, key=key, reverse=True)
    if len(ranked) < 2:
        return None
    top, rest = ranked[0], ranked[1:]
    alike = all(key(f) == key(top) for f in rest)
    return None if not alike and key(rest[0]) == key(top) else (top, rest, alike)


def statement_verdict(authorities: Sequence[str], statement: str, catalog: Catalog, cited: Cited) -> str | None:
    """Councils compared on one statement that each has a score for: which did better first ("Which
    did better on safeguarding, X or Y?" is answered, not left to the reader), or that they scored
    the same."""
    facts = [catalog.scores.get((a, statement)) for a in authorities]
    if not all(facts) or (ahead := _ahead([f for f in facts if f], lambda f: f.score)) is None:
        return None
    best, rest, alike = ahead
    if alike:
        who = "Both" if len(facts) == 2 else "All of them"  # (a count of councils no passage states)
        return f"{who} scored {best.score} for {statement}, the same score {''.join(cited.mark(f.chunk) for f in facts if f)}."
    word = "higher" if len(facts) == 2 else "highest"
    lead = f"{_name(best)} scored {word} for {statement}: {best.score} {cited.mark(best.chunk)}"  # (numbered first)
    return f"{lead}, against {listing([f'{f.score} for {_name(f)} {cited.mark(f.chunk)}' for f in rest])}."


def scores(r: Scores, catalog: Catalog) -> Answer:
    cited = Cited()
    said: list[str] = []
    if (len(r.statements) == 1 and not r.whether and r.value is None and not r.extreme
            and (verdict := statement_verdict(r.authorities, r.statements[0], catalog, cited))):
        said.append(verdict)
    missing: list[str] = []
    empty: list[str] = []  # authorities the reports give no result of any kind for
    for authority in r.authorities:
        facts = [catalog.scores.get((authority, s)) for s in r.statements] if r.statements else catalog.scores_of(authority)
        if r.extreme and facts:
            known = [f for f in facts if f]
            top = (max if r.extreme == "highest" else min)(f.score for f in known)
            facts = [f for f in known if f.score == top]
        elif r.value is not None and facts and not any(f and f.score == r.value for f in facts):
            no = _answered(False) if r.whether else ""  # "Did X get any 4s?": no, and these are its scores
            said.append(f"{no}{'the' if no else 'The'} ingested reports give no score of {r.value} for {authority}.")  # then every score it has
        elif r.value is not None and r.every:  # every statement: how many scored so, and the rest
            given = [f for f in facts if f]
            so = [f for f in given if f.score == r.value]
            rest = [f for f in given if f.score != r.value]
            lead = _answered(not rest) if r.whether else ""
            said.append(lead + _statements_scored(authority, r.value, so, cited))
            said += [f"{_score_claim(f)} {cited.mark(f.chunk)}." for f in rest]
            if not rest:
                said.append(f"The ingested reports give no other score for {authority}.")
            continue
        elif r.value is not None:
            given = [f for f in facts if f]
            facts = [f for f in given if f.score == r.value]
            if r.count:  # how many, then which: one sentence, each statement cited
                said.append(_statements_scored(authority, r.value, facts, cited))
                continue
        for statement, fact in zip(r.statements or [f.statement for f in facts if f], facts, strict=False):
            if fact is None:
                missing.append(f"{authority} for {statement}")
                continue
            # (asked of every statement, "Did X get any 4s?", the first of those it got is the yes)
            polar = r.whether and (r.statements or not said)
            said.append(f"{_answered(r.whether[0] <= fact.score <= r.whether[1]) if polar else ''}"
                        f"{_score_claim(fact)} {cited.mark(fact.chunk)}.")
        if not r.statements and not facts:
            (missing if authority in catalog.overall else empty).append(authority)
    if r.versus and not missing and (len(said) == 2 or len(r.authorities) == 2):  # one score against the other
        # (one council's two statements, or two councils' scores for one statement)
        pairs = [(a, s) for a in r.authorities for s in r.statements]
        first, second = (catalog.scores[p].score for p in pairs)
        said[0] = _answered(first > second if r.versus == "higher" else first < second) + said[0]
    missing = [f"{m} for any quality statement" if m in catalog.overall else m for m in missing]
    more = f"The ingested reports give no overall rating or quality statement score for {listing(empty)}." if empty else ""
    return _facts_or_gap(said, missing, "score", cited, more)


def _statements_scored(authority: str, value: int, facts: list[ScoreFact], cited: Cited) -> str:
    """"X scored 3 for 2 quality statements: A [1] and B [2].": how many, then which, each cited."""
    which = listing([f"{f.statement} {cited.mark(f.chunk)}" for f in facts])
    return f"{authority} scored {value} for {len(facts)} quality {'statement' if len(facts) == 1 else 'statements'}: {which}."


def overall(r: Overall, catalog: Catalog) -> Answer:
    cited = Cited()
    said, missing = [], []
    for authority in r.authorities:
        if (fact := catalog.overall.get(authority)) is None or (r.figure and not fact.percent):
            missing.append(authority)  # a rating word is no answer to "what percentage"
            continue
        claim = _overall_claim(fact)
        if r.whether and fact.rating:  # "Was X rated Good?"
            claim = _answering(fact.rating.lower() == r.whether.lower(), claim)
        elif r.within:  # "Did X score over 75 overall?"
            claim = _answering(r.within[0] <= fact.percent <= r.within[1], claim)
        said.append(f"{claim} {cited.mark(fact.chunk)}.")
    facts = [] if missing else [catalog.overall[a] for a in r.authorities]
    if facts and (verdict := _overall_verdict(facts, cited)):
        if r.versus and (key := _overall_ahead(facts)):  # (a verdict was given: the results compare)
            first, second = map(key, facts)
            verdict = _answered(first > second if r.versus == "higher" else first < second) + verdict
        said.insert(0, verdict)
    return _facts_or_gap(said, missing, "overall score" if r.figure else "overall rating", cited)


# CQC's four ratings, best first.
_RATINGS = ("outstanding", "good", "requires improvement", "inadequate")


def _overall_ahead(facts: list[OverallFact]) -> Callable[[OverallFact], float] | None:
    """What councils' overall results are compared by: the overall score where every page gives one,
    else the rating; None when neither is given for all."""
    if all(f.percent for f in facts):
        return lambda f: f.percent
    if all(f.rating.lower() in _RATINGS for f in facts):
        return lambda f: -_RATINGS.index(f.rating.lower())
    return None


def _overall_verdict(facts: list[OverallFact], cited: Cited) -> str | None:
    """Councils compared overall: which came out ahead, by the overall score where every page gives
    one, else by the rating ("Who did better overall, X or Y?" is answered, not left to the reader)."""
    if (key := _overall_ahead(facts)) is None:
        return None
    shown, how = (_figure, "scored") if all(f.percent for f in facts) else ((lambda f: f.rating), "was rated")
    if (ahead := _ahead(facts, key)) is None:
        return None
    top, rest, alike = ahead
    if alike:
        who = "Both" if len(facts) == 2 else "All of them"  # (a count of councils no passage states)
        marks = "".join(cited.mark(f.chunk) for f in facts)
        return f"{who} {'scored' if how == 'scored' else 'were rated'} {shown(top)} overall {marks}."
    word = "higher" if how == "scored" else "better"
    others = listing([f"{shown(f)} for {_name(f)} {cited.mark(f.chunk)}" for f in rest])
    return f"{_name(top)} {how} {word} overall: {shown(top)} {cited.mark(top.chunk)}, against {others}."


def _facts_or_gap(said: list[str], missing: list[str], what: str, cited: Cited, more: str = "") -> Answer:
    """The facts found, then exactly which were asked for and are not in the reports; with none
    found, an abstention that says so (never a different fact instead)."""
    gap = " ".join(x for x in (f"The ingested reports give no {what} for {listing(missing)}." if missing else "", more) if x)
    if not said:
        return abstain(gap)
    text = " ".join([*said, gap]).strip()
    return Answer(answer=text, abstained=False, citations=cited.citations, answerer=STRUCTURED)


def aggregate(r: Aggregate, catalog: Catalog) -> Answer:
    if r.region:  # "Which London boroughs …": the region's councils only, and said so
        a = aggregate(replace(r, region=None), catalog.within(r.region))
        among = f"Among the {r.region} councils in the ingested reports"
        if a.abstained:
            return a.model_copy(update={"answer": a.answer.replace("No ingested report", f"{among}, none")})
        return a.model_copy(update={"answer": f"{among}: {a.answer[0].lower()}{a.answer[1:]}"})
    return _aggregate_overall(r, catalog) if r.overall else _aggregate_scores(r, catalog)


def _lead(n: int, verb: str) -> str:
    return f"{n} {'council' if n == 1 else 'councils'} {verb}"


_OVERALL_SCORE = "overall score"


def _mean(x: float) -> str:
    """2.44, 2.5, 3: to two places, as people quote a mean score (2.4 would pass for 2.35 or 2.44)."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _average(of: str, facts: Sequence[_Fact], value: Callable[[_Fact], int], item: Callable[[_Fact, Cited], str], cited: Cited) -> str:
    """The mean of the results the reports give, each council's listed and cited: an average of the
    ingested reports only, which it says."""
    if len(facts) == 1:  # (no average of one)
        return f"Only one council's ingested report gives a {of}: {item(facts[0], cited)}."
    shown = _mean(sum(value(f) for f in facts) / len(facts)) + (" out of 100" if of == _OVERALL_SCORE else "")
    return f"The average {of} across the {_lead(len(facts), 'whose ingested reports give one')} is {shown}: {listing([item(f, cited) for f in facts])}."


def _averages(r: Aggregate, given: list[ScoreFact]) -> Answer:
    """Each statement's average score in turn, saying which statements no report scores; or, with no
    statement named ("the average quality statement score"), every score together, by council."""
    cited = Cited()
    if not r.statements:
        each = _by_council(given)
        mean = sum(f.score for f in given) / len(given)
        items = [f"{_name(fs[0])} {_mean(sum(f.score for f in fs) / len(fs))} ({len(fs)} {'score' if len(fs) == 1 else 'scores'})"
                 f" {''.join(cited.mark(f.chunk) for f in fs)}" for fs in each.values()]
        said = (f"The average quality statement score across the {len(given)} scores of {_lead(len(each), 'in the ingested reports')}"
                f" is {_mean(mean)}: {listing(items)}.")
        return Answer(answer=said, abstained=False, citations=cited.citations, answerer=STRUCTURED)
    parts = [_average(f"score for {s}", [f for f in given if f.statement == s], lambda f: f.score,
                      lambda f, c: f"{_name(f)} {f.score}{' (indicative)' if f.indicative else ''} {c.mark(f.chunk)}", cited)
             for s in r.statements if any(f.statement == s for f in given)]
    if unscored := [s for s in r.statements if not any(f.statement == s for f in given)]:
        parts.append(f"No ingested report gives a score for {listing(unscored)}.")
    return Answer(answer=" ".join(parts), abstained=False, citations=cited.citations, answerer=STRUCTURED)


def _aggregate_scores(r: Aggregate, catalog: Catalog) -> Answer:
    given = [f for (_, s), f in sorted(catalog.scores.items()) if not r.statements or s in r.statements]
    if r.average:
        if not given:
            return abstain(f"No ingested report gives a score for {listing(list(r.statements)) or 'any quality statement'}.")
        return _averages(r, given)
    if r.every and (r.value is not None or r.between):
        return _every_statement(r, given)
    if r.values:  # "a 4 for partnerships and a 3 for safeguarding": each statement with its own score
        wanted = dict(r.values)
        return _per_statement(r, [f for f in given if f.score == wanted.get(f.statement)], None, wanted)
    facts = given
    what = listing(list(r.statements)) or "any quality statement"
    if r.extreme and facts:
        best = (max if r.extreme == "highest" else min)(f.score for f in facts)
        facts = [f for f in facts if f.score == best]
        value: int | None = best
    else:
        value = r.value
        if value is not None:
            facts = [f for f in facts if f.score == value]
        elif r.between:
            facts = [f for f in facts if r.between[0] <= f.score <= r.between[1]]
    band = _band(r.between) if r.between and value is None else None
    if len(r.statements) > 1 and (value is not None or band) and not r.extreme and facts:
        return _per_statement(r, facts, value if value is not None else band)
    if not facts:
        scored = f"scored {value}" if value is not None else f"scored {band}" if band else "has a score"
        if r.whether and r.statements and given:  # "Did any council … for governance?": no, and these are its scores
            return _no_such_score(value if value is not None else band, what, given)
        return abstain(f"No ingested report {scored} for {what}.")
    cited = Cited()
    several = len({f.statement for f in facts}) > 1
    if r.ranked:  # highest (or lowest) first, and in the order given among equals
        facts = sorted(facts, key=lambda f: -f.score if r.ranked == "highest" else f.score)
    items = []
    for f in facts:
        detail = []
        if several:
            detail.append(f.statement)
        if value is None:
            detail.append(str(f.score))
        if f.indicative:
            detail.append("indicative")
        items.append(_listed(f, detail, cited))
    councils = len({f.authority for f in facts})
    if value is not None or band:
        top = f", the {r.extreme} score," if r.extreme else ""
        who = _lead(councils, "") if r.count else ("Councils that" if councils > 1 else "The council that")
        lead = f"{who.rstrip()} scored {value if value is not None else band}{top} for {what}:"
    else:
        lead = f"Scores for {what}{f', {r.ranked} first' if r.ranked else ''}:"
    if r.whether and (value is not None or band):  # "Did any council score 4 for X?": yes, these
        lead = _answering(True, lead)
    return Answer(answer=f"{lead} {listing(items)}.", abstained=False, citations=cited.citations, answerer=STRUCTURED)


def _by_council(given: list[ScoreFact]) -> dict[str, list[ScoreFact]]:
    """Scores grouped by council, councils in alphabetical order."""
    out: dict[str, list[ScoreFact]] = {}
    for f in sorted(given, key=lambda f: f.authority):
        out.setdefault(f.authority, []).append(f)
    return out


def _every_statement(r: Aggregate, given: list[ScoreFact]) -> Answer:
    """"Which councils scored 3 for everything?", "… at least 3 across the board?": those whose reports
    give all nine statements' scores, every one of them so; a council with fewer scores in the reports
    is not known to have."""
    low, high = (r.value, r.value) if r.value is not None else r.between or (1, 4)
    so = str(r.value) if r.value is not None else _band((low, high))
    whole = {a: fs for a, fs in _by_council(given).items() if len(fs) == len(fw.STATEMENTS)}
    if not whole:
        return abstain("No ingested report gives a council's scores for all nine quality statements.")
    every = [fs for fs in whole.values() if all(low <= f.score <= high for f in fs)]
    if not every:
        said = f"None of the councils whose ingested reports give all nine scores scored {so} for every quality statement."
        return Answer(answer=_answering(False, said) if r.whether else said, abstained=False, citations=[], answerer=STRUCTURED)
    cited = Cited()
    items = [f"{_name(fs[0])} {''.join(cited.mark(f.chunk) for f in fs)}" for fs in every]
    who = _lead(len(every), "") if r.count else "Councils that"
    said = f"{who.rstrip()} scored {so} for every quality statement: {listing(items)}."
    return Answer(answer=_answering(True, said) if r.whether else said, abstained=False,
                  citations=cited.citations, answerer=STRUCTURED)


def _per_statement(r: Aggregate, facts: list[ScoreFact], score: int | str | None, each: dict[str, int] | None = None) -> Answer:
    """"Which councils scored 2 for assessing needs and partnerships?": each statement's councils in
    turn, and first those that scored so for every statement named; a council that scored so for one
    is never listed as if it had for both. With `each`, every statement has its own score ("a 4 for
    partnerships and a 3 for safeguarding")."""
    cited = Cited()
    score_of = each or {st: score for st in r.statements}
    by_statement = {st: [f for f in facts if f.statement == st] for st in r.statements}
    every = set.intersection(*({f.authority for f in fs} for fs in by_statement.values()))
    said = []
    both = len(r.statements) == 2
    so = (" and ".join(f"{score_of[st]} for {st}" for st in r.statements) if each
          else f"{score} for {'both' if both else 'each of them'}")
    if every:
        shown = [f"{_name(f)} {''.join(cited.mark(g.chunk) for g in facts if g.authority == f.authority)}"
                 for f in facts if f.authority in every and f.statement == r.statements[0]]
        said.append(f"{listing(shown)} scored {so}.")
    else:
        said.append(f"The ingested reports give no council that scored {so if each else f'{score} for ' + ('both' if both else 'all of them')}.")
    for st, fs in by_statement.items():
        if fs:
            said.append(f"{'Councils that' if len(fs) > 1 else 'The council that'} scored {score_of[st]} for {st}: "
                        f"{listing([f'{_name(f)} {cited.mark(f.chunk)}' for f in fs])}.")
        else:
            said.append(f"No ingested report scored {score_of[st]} for {st}.")
    return Answer(answer=" ".join(said), abstained=False, citations=cited.citations, answerer=STRUCTURED)


def _no_such_score(score: int | str | None, what: str, given: list[ScoreFact]) -> Answer:
    cited = Cited()
    several = len({f.statement for f in given}) > 1
    items = [f"{_name(f)} ({f.statement + ', ' if several else ''}{f.score}{', indicative' if f.indicative else ''}) {cited.mark(f.chunk)}"
             for f in given]
    text = f"No: the ingested reports give no score of {score} for {what}. Scores for {what}: {listing(items)}."
    return Answer(answer=text, abstained=False, citations=cited.citations, answerer=STRUCTURED)


def _band(between: tuple[int, int]) -> str:
    lo, hi = between
    return f"{hi} or lower" if lo == 1 else f"{lo} or higher" if hi == 4 else f"between {lo} and {hi}"


def _within(span: tuple[int, int]) -> str:
    lo, hi = span
    return f"of {lo}" if lo == hi else f"above {lo - 1}" if hi == 100 else f"below {hi + 1}" if lo == 0 else f"from {lo} to {hi}"


def _overall_item(f: OverallFact, cited: Cited, rating: bool = True) -> str:
    """"London Borough of Croydon (Good, 64%) [1]": a council's overall result as its page gives it."""
    detail = [x for x in (f.rating if rating else "", _figure(f) if f.percent else "", "indicative" if f.indicative else "") if x]
    return _listed(f, detail, cited)


def _listed(f: ScoreFact | OverallFact, detail: list[str], cited: Cited) -> str:
    """A council in a list, with what is said of it in brackets and its citation: "York (2) [1]"."""
    return f"{_name(f)}{' (' + ', '.join(detail) + ')' if detail else ''} {cited.mark(f.chunk)}"


def _aggregate_overall(r: Aggregate, catalog: Catalog) -> Answer:
    facts = sorted(catalog.overall.values(), key=lambda f: f.authority)
    if r.average:
        if not (figured := [f for f in facts if f.percent]):
            return abstain("No ingested report gives an overall score to average.")
        cited = Cited()
        said = _average(_OVERALL_SCORE, figured, lambda f: f.percent, _overall_item, cited)
        return Answer(answer=said, abstained=False, citations=cited.citations, answerer=STRUCTURED)
    if r.rating:
        facts = [f for f in facts if f.rating == r.rating]
    if r.percent:
        facts = [f for f in facts if f.percent and r.percent[0] <= f.percent <= r.percent[1]]
    if r.extreme:
        ranked = [f for f in facts if f.percent]
        if ranked:
            best = (max if r.extreme == "highest" else min)(f.percent for f in ranked)
            facts = [f for f in ranked if f.percent == best]
    if not facts:
        rated = f"was rated {r.rating}" if r.rating else "gives an overall rating"
        if r.percent:
            rated = f"gives an overall score {_within(r.percent)}"
        if r.whether and catalog.overall:  # "Did any council get Outstanding?": no, and these are the ratings there are
            given = sorted(catalog.overall.values(), key=lambda f: f.authority)
            cited = Cited()
            items = [_overall_item(f, cited) for f in given]
            return Answer(answer=f"No: no ingested report {rated}. Overall results in the ingested reports: {listing(items)}.",
                          abstained=False, citations=cited.citations, answerer=STRUCTURED)
        return abstain(f"No ingested report {rated}.")
    cited = Cited()
    if r.ranked:  # highest (or lowest) first; a rating given with no figure last
        facts = sorted(facts, key=lambda f: (not f.percent, -f.percent if r.ranked == "highest" else f.percent))
    items = [_overall_item(f, cited, rating=not r.rating) for f in facts]
    if r.rating:
        who = _lead(len(facts), "were" if len(facts) != 1 else "was") if r.count else ("Councils" if len(facts) > 1 else "The council")
        lead = f"{who} rated {r.rating} overall:"
    elif r.percent:
        # (the figure as the pages give it, never the question's bound, which no page states)
        asked = f"of {_figure(facts[0])}" if r.percent[0] == r.percent[1] else "in the range asked"
        who = _lead(len(facts), "had") if r.count else ("Councils with" if len(facts) > 1 else "The council with")
        lead = f"{who} an overall score {asked}:"
    elif r.extreme:
        lead = f"The {r.extreme} overall score among the ingested reports:"
    else:
        lead = f"Overall ratings in the ingested reports{f', {r.ranked} score first' if r.ranked else ''}:"
    if r.whether:  # "Were any councils rated Good overall?": yes, these
        lead = _answering(True, lead)
    return Answer(answer=f"{lead} {listing(items)}.", abstained=False, citations=cited.citations, answerer=STRUCTURED)
