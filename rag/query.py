"""Query analysis: which authorities and quality statements a question names, and what it asks for."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from rag import framework as fw
from rag import rules
from rag.gazetteer import Gazetteer, Mention
from rag.text import content_words, words


@dataclass
class Analysis:
    text: str
    authorities: list[str] = field(default_factory=list)  # named and in the store
    missing_authorities: list[str] = field(default_factory=list)  # named, but no report ingested
    named_as: list[str] = field(default_factory=list)  # how the question names them ("Newcastle upon Tyne's")
    statements: list[fw.Statement] = field(default_factory=list)  # named clearly: may scope and filter
    topics: list[fw.Statement] = field(default_factory=list)  # pointed at by a topic word: boost only
    wants_boilerplate: bool = False
    frame: tuple[str, ...] = ()  # fw.EXPECT and/or fw.COMMITMENT when the frame text is asked for
    wants_score: bool = False
    wants_overall: bool = False
    aggregate: bool = False  # about every council
    which_authority: bool = False  # the answer is an authority's name
    comparison: bool = False
    score_value: int | None = None
    score_range: tuple[int, int] | None = None  # "scored below 3": (1, 2)
    percent_range: tuple[int, int] | None = None  # an overall score asked by its figure: "over 70%": (71, 100)
    statement_values: tuple[tuple[str, int], ...] | None = None  # "a 4 for X and a 3 for Y": each statement's score asked
    region: str | None = None  # "Which London boroughs …?": the English region it narrows councils to
    rating_value: str | None = None
    count_of_councils: bool = False
    partners: list[str] = field(default_factory=list)  # "Which council teams up with Hartlepool?": named, not the answer
    # the gazetteer the question was read with (it knows the authorities ingested reports name, too)
    gazetteer: Gazetteer | None = field(default=None, repr=False, compare=False)

    @property
    def authority_words(self) -> str:
        """Every word that names an authority the question asks about, in the report's name and in
        the question's ("Newcastle upon Tyne" for Newcastle City Council): these name no topic."""
        return " ".join([*self.authorities, *self.missing_authorities, *self.named_as])

    @property
    def statement_names(self) -> list[str]:
        return [s.name for s in self.statements]

    @property
    def boosted_names(self) -> list[str]:
        return [s.name for s in (*self.statements, *self.topics)]


def _ends_with_statement(text: str, mention: fw.Mention) -> bool:
    """The question ends with the statement's name ("… get for safeguarding?"), not with a topic
    that merely starts with it ("… get for safeguarding concerns?")."""
    rest = text[mention.end :].strip(" ?.!'\"’()").lower()
    # or with the rest of its name, shortened ("… for safe pathways & transitions"), or more of the
    # words it goes by ("… for keeping people safe from abuse and neglect")
    named = mention.named_by | {"and"}
    if rest in ("", "quality statement", "statement") or set(words(rest.replace("&", " and "))) <= named:
        return True
    # or with the same statement in other words after a slash or "or" ("… for care provision / joined up care")
    if (other := re.match(r"(?:/|or\b|aka\b)\s*", rest)) and (tail := rest[other.end() :]):
        return any(m.statement == mention.statement and _ends_with_statement(tail, m) for m in fw.statement_mentions(tail))
    return False


def _bounds(n: int, cmp: str, lo: int, hi: int) -> tuple[int, int]:
    """The values from lo to hi that a comparison with n allows: "below 3" -> (lo, 2), "3 or higher"
    -> (3, hi), "at most 2" -> (lo, 2), "75" or "exactly 75" -> (75, 75)."""
    if cmp in ("below", "under", "less than", "lower than"):
        return (lo, n - 1)  # "below 1": an empty range, and nothing is in it
    if cmp in ("above", "over", "more than", "higher than") or cmp.startswith("exceed"):
        return (n + 1, hi)
    if cmp in ("at least", "higher", "more", "better"):
        return (n, hi)
    if cmp in ("", "exactly"):
        return (n, n)
    return (lo, n)  # at most, or lower, or less, or worse


def _score_range(text: str) -> tuple[int, int] | None:
    """"below 3" -> (1, 2), "3 or higher" -> (3, 4), "at most 2" -> (1, 2)."""
    m = rules.SCORE_RANGE.search(text)
    if not m:
        return None
    if m.group("cmp"):
        return _bounds(int(m.group("n")), m.group("cmp").lower(), 1, 4)
    # after the number, the comparison includes it: "2 or below" is 2 or lower, "2 or above" 2 or higher
    after = m.group("cmp2").lower()
    return _bounds(int(m.group("n2")), {"below": "lower", "under": "lower", "above": "higher"}.get(after, after), 1, 4)


def _percent_range(text: str) -> tuple[int, int] | None:
    """"75 overall" -> (75, 75), "over 70%" -> (71, 100), "at least 60 overall" -> (60, 100)."""
    m = next((m for p in rules.OVERALL_FIGURE if (m := p.search(text))), None) if rules.FIGURE_OVERALL_CONTEXT.search(text) else None
    return None if m is None else _bounds(int(m.group("n")), (m.group("cmp") or "").lower(), 0, 100)


def _statement_values(own: str, mentions: list[fw.Mention], statements: list[fw.Statement]) -> tuple[tuple[str, int], ...] | None:
    """"a 4 for partnerships and a 3 for safeguarding" -> ((partnerships, 4), (safeguarding, 3)): the score
    said before each statement named (a statement with none takes the one before: "2 for X and Y").
    None unless the statements are asked with different scores."""
    named = [m for m in mentions if m.statement in statements]
    if len(named) < 2:
        return None
    out, last, value = [], 0, None
    for m in named:
        found = [int(x.group(1)) if x.group(1) else 4 for x in rules.SCORE_IN_WORDS.finditer(own[last : m.start])]
        value = found[-1] if found else value
        if value is None:
            return None
        out.append((m.statement.name, value))
        last = m.end
    return tuple(out) if len({v for _, v in out}) > 1 else None


def _region(text: str) -> str | None:
    """The one English region the question names (its councils' names already taken out), if any."""
    named = {region for pattern, region in rules.REGIONS if pattern.search(text)}
    return named.pop() if len(named) == 1 else None


def own_words(question: str) -> str:
    """A resolved question without the context a follow-up was given ("Where is it based (…)?")."""
    return question.split(" (", 1)[0] if question.endswith(")?") else question


# "What score did X get in its CQC assessment?": the whole assessment, no quality statement.
_WHOLE_ASSESSMENT = frozenset({"assessment", "assessments"})
# … unless it is someone's assessment of their needs ("care assessments", "carers' assessments", "people's
# assessments") or what waits for one ("assessment waiting lists"): Assessing needs.
# ("a care assessment", "care assessments"; not "its CQC care assessment", which is CQC's)
_SOMEONES_ASSESSMENT = re.compile(r"(?:\b(?:a|an|my|his|her|your|someone['’]s|people['’]s|person['’]s)\s+care|\b(?:carers?['’]?|needs|people['’]?s?|person['’]?s|"
                                  r"financial|care act|occupational therapy|ot)|\bwait(?:s|ed|ing)?\s+(?:for|on)\s+(?:an?|his|her|my))\s+$", re.I)
_CQCS_ASSESSMENTS = re.compile(r"\b(?:cqc|cqc['’]s|local authority|social care|adult social care)\s+$", re.I)
_OF_NEEDS = re.compile(r"^\s+of\s+(?:people['’]?s?|their|someone['’]s|a person['’]s|his|her|my)\s+(?:care\s+(?:and\s+support\s+)?)?needs\b", re.I)
_WAITED_FOR = re.compile(r"^\s*(?:waiting|waits?|lists?|backlogs?|delays?|times|timescales|promptly|quickly|on time"
                         r"|and (?:reviews?|care (?:plans?|planning)))\b", re.I)


def _counts_other_things(own: str) -> bool:
    """"How many care homes …?", "how many people rated …?": a count of things that are not councils,
    statements or scores ("how many councils scored 3", "how many statements were rated good" ask scores)."""
    m = rules.COUNTED.search(own) or rules.WHICH_THINGS.search(own)  # (and "which care homes are rated best?")
    counted = " ".join(own[m.start(1) :].split()[:4]) if m else ""  # ("how many of York's scores …")
    return bool(rules.RATED_OTHERS.search(counted)) and not rules.SCORED_THINGS.search(counted)


def _whole_assessment(text: str, start: int, end: int) -> bool:
    """Is the word "assessment" here CQC's assessment of the council, not someone's of their needs?"""
    word = text[start:end].lower()
    # (CQC made one assessment of a council: "assessments" are people's, unless CQC's are named, "the
    # CQC assessments"; so is "the assessment of people's needs")
    return (word in _WHOLE_ASSESSMENT and not _SOMEONES_ASSESSMENT.search(text[:start]) and not _WAITED_FOR.match(text[end:])
            and not (word == "assessments" and not _CQCS_ASSESSMENTS.search(text[:start])) and not _OF_NEEDS.match(text[end:]))


def _asks_its_own(own: str, names: list[str]) -> bool:
    """Do a follow-up's own words ask something ("When did they bring it in?"), or only point at
    another council or compare ("How does that compare with Staffordshire?", "And Bristol?")?"""
    if rules.RESULT_ASK.search(own) or rules.OVERALL_ASK.search(own):
        return True  # "… and how did they do?": the assessment's result
    for name in names:
        own = own.replace(name, " ")
    return bool([w for w in content_words(own) if w not in rules.COMPARING and w not in rules.GENERIC])


def _without(text: str, spans: Collection) -> str:
    """The text with the spans (mentions of councils or statements, which may overlap) blanked out."""
    chars = list(text)
    for m in spans:
        chars[m.start : min(m.end, len(text))] = " " * (min(m.end, len(text)) - m.start)
    return "".join(chars)


def blank_names(text: str, names: Collection[str]) -> str:
    """The text with each of these names (a council as typed) blanked out by spaces, so offsets still hold."""
    for name in names:
        text = re.sub(rf"(?i)\b{re.escape(name)}(?:['’]s?)?(?!\w)", lambda m: " " * len(m.group(0)), text)
    return text


def thing_words(what: str, named_as: Collection[str]) -> list[str]:
    """The words of what a score is asked for that name something besides the assessment itself, a
    year or the council ("reablement" of "for its reablement in 2024")."""
    named = content_words(" ".join(named_as))
    return [w for w in content_words(what) if w not in rules.HEADLINE_WORDS and not w.isdigit() and w not in named]


def _score_beside(own: str, m: fw.Mention) -> bool:
    """Is a score asked right beside a statement's name? A score said before it ("Which council
    combined 3s for equity … with just a 2 for safeguarding?"), a result or verdict before it with
    nothing of the statement's own after ("the verdict on Wirral's safeguarding", not "… safeguarding
    audit") or right after it ("Wirral's safeguarding grade"), or best or worst before it ("Which
    council did best on partnerships and communities?"), or in more words around it ("how good was
    Wirral's safeguarding?")."""
    before, after = own[: m.start], own[m.end :]
    return bool(rules.SCORE_BEFORE.search(before) or rules.BEST_BEFORE.search(before)
                or rules.RESULT_BEFORE.search(before) and rules.RESULT_OF_STATEMENT.match(after) or rules.RESULT_AFTER.match(after)
                # (in more words around it, of a statement by its name or a clear alias)
                or m.clear and any(b.search(before) and a.match(after) for b, a in rules.STATEMENT_RESULT_AROUND))


# Words that may lead into a statement's topic words: "keeping people safe from abuse and neglect"
_LEADING_IN = frozenset({"keeping", "keep", "making", "make", "sure", "helping", "help", "people", "how", "it", "they"})


def _leads_to(m: re.Match[str] | None, between: str, mention: fw.Mention) -> bool:
    """Does what is between the council and the statement's word lead only into it ("on keeping
    people safe from" abuse)?"""
    return m is not None and set(words(between[m.end() :])) <= mention.named_by | _LEADING_IN


def _council_result(own: str, said: list[Mention], mentions: list[fw.Mention]) -> bool:
    """Is a statement's result asked with the council named in the middle? "the result for York on
    safeguarding", "where did York land on safeguarding?", "is York good at safeguarding?" (and
    nothing of the statement's own after it: not "is York in safeguarding special measures?"), or
    "for safeguarding, what did York get?", "york safeguarding - what did they get?"."""
    # "york safeguarding - what did they get?" (the council and the statement, nothing else: not "york
    # safeguarding training - what did they get?")
    if (tail := rules.TAIL_WHAT_GOT.search(own)) and said and max(x.end for x in [*said, *mentions]) <= tail.start():
        rest = _without(own[: tail.start()], [*said, *mentions])
        if set(words(rest)) <= {"council", "s", "the", "for", "on", "in", "and"} | _LEADING_IN | set().union(*(m.named_by for m in mentions)):
            return True
    for x in said:
        before = own[: x.start]
        for m in mentions:
            between, after = own[x.end : m.start], own[m.end :]
            if m.start >= x.end and rules.RESULT_OF_STATEMENT.match(after) and any(
                    ahead.search(before) and _leads_to(leading.match(between), between, m) for ahead, leading in rules.COUNCIL_RESULT_FORMS):
                return True
            if m.end <= x.start and rules.WHAT_DID_BEFORE.search(before) and rules.GOT_AFTER_BOTH.match(own[x.end :]):
                return True
    return False


def _of_the_council(own: str, said: list[Mention], after: re.Pattern[str]) -> bool:
    """Is the council itself the subject, asked about first ("was X …", "did the X …") with `after`
    right after its name?"""
    polar = rules.POLAR.match(own)
    return bool(polar and said and re.fullmatch(r"\s*(?:the\s+)?", own[polar.end() : said[0].start])
                and after.match(own[said[0].end :]))


def _around(own: str, said: list[Mention], forms: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]) -> bool:
    """Is a council named with one of these (before, after) pairs of words around its name?"""
    return any(before.search(own[: x.start]) and after.match(own[x.end :]) for x in said for before, after in forms)


_NAMING = frozenset({"the", "a", "an", "this", "that", "its", "s", "cqc", "quality", "statement"})


def _names_only_a_statement(own: str, mentions: list[fw.Mention]) -> bool:
    """"Explain the safeguarding quality statement", "what is safeguarding in the CQC framework?": the
    statement named alone, nothing of a council's or a score ("outline the safeguarding quality
    statement evidence", "what does a 2 for safeguarding mean in CQC assessments?")."""
    if not (m := rules.FRAME_NAMED.search(own)) or not mentions:
        return False
    named = next(g for g in m.groups() if g is not None)
    # (a name's own small words too: "supporting people to live healthier lives")
    return set(words(named)) <= _NAMING | set().union(*(x.named_by | set(words(x.statement.name)) for x in mentions)) | {"and"}


def _council_compared(own: str, said: list) -> bool:
    """"Is Wirral better than York …?", "Did Wirral do better than York …?": the council itself is
    better or worse, not something of its ("Are Wirral's waiting times lower than York's?")."""
    m = rules.BETTER_THAN.search(own)
    before = [x for x in said if x.end <= (m.start() if m else 0)]
    return bool(m and before and rules.COUNCIL_THEN_COMPARED.fullmatch(own[before[-1].end : m.start()]))


def analyse(text: str, gazetteer: Gazetteer, known_authorities: Collection[str],
            is_word: Callable[[str], bool] = lambda w: False) -> Analysis:
    """What a question asks. A follow-up resolved with its context ("When did they bring it in
    (What did Bristol score for safeguarding; …)?") takes whom it is about from the context but
    asks what its own words ask: a date, not a score."""
    own = own_words(text)
    exact = gazetteer.mentions(text)
    if own != text and not _asks_its_own(own, [text[m.start : m.end] for m in exact if m.end <= len(own)]):
        own = text  # "How does that compare with Staffordshire (What safeguarding score did …)?": the context's question
    near = [m for m in gazetteer.near_mentions(text, is_word) + gazetteer.initials_mentions(text, known_authorities)
            if not any(e.start < m.end and m.start < e.end for e in exact)]
    said = sorted(exact + near, key=lambda m: m.start)  # "Darlngton": a name typed one letter wrong
    named = list(dict.fromkeys(m.authority for m in said))
    own_mentions = fw.statement_mentions(own)
    mentions = own_mentions or fw.statement_mentions(text)
    bare_overall = bool(said) and bool(rules.BARE_OVERALL.fullmatch(_without(own, said)))  # "herts overall?"
    # "and what percentage was that?" after "What overall rating did X get?"
    context = text[len(own) :].lstrip(" (")
    bare_overall = bare_overall or (bool(context) and bool(rules.FIGURE_OF_THAT.fullmatch(own))
                                    and bool(rules.OVERALL_ASK.search(context) or rules.RESULT_ASK.search(context)))
    # "croydon safeguarding?", "what about safe pathways there?": a council's statement, and nothing else, asks its score
    named_statements = fw.all_mentions(own, {m.statement for m in own_mentions})
    # (by its name, a word of it or a clear alias: "york partnerships?" asks the score, "york hospital
    # discharge?" what the report says of discharge)
    by_name = [m for m in own_mentions if m.clear or set(own[m.start : m.end].lower().split()) <= set(re.findall(r"[a-z]+", m.statement.name.lower()))]
    bare_statement = bool(by_name) and len(by_name) == len(own_mentions) and bool(
        rules.BARE_STATEMENT.fullmatch(_without(own, [*said, *own_mentions, *named_statements])))
    # ("its satisfaction score": the survey's figure, not a score CQC gave)
    scored = rules.MEASURE_SCORE.sub(" measure ", own)
    wants_score = bool(rules.SCORE.search(scored) or rules.OVERALL_ASK.search(scored) or rules.RESULT_ASK.search(scored)
                       or bare_overall or bare_statement)
    if (not wants_score and own_mentions and rules.GOT_FOR.search(own) and _ends_with_statement(own, own_mentions[-1])
            and not rules.THINGS_OWN_GOT.search(own) and not rules.PEOPLE_GET.search(own)):
        wants_score = True  # "What did Wirral get for partnerships and communities?"
    if (not wants_score and own_mentions and own_mentions[-1].clear and (m := rules.DID_ON.search(own)) and own_mentions[-1].start >= m.end()
            and any(m.start() < x.start and x.end <= m.end() for x in said)  # (the council did it: not "how carers fared in X's …")
            and not rules.ASKS_ACCOUNT.search(own) and _ends_with_statement(own, own_mentions[-1])):
        wants_score = True  # "Can you tell me how Surrey did on assessing needs?"
    if not wants_score and own_mentions and rules.GOT_UNDER.search(own[: own_mentions[-1].start]) and _ends_with_statement(own, own_mentions[-1]):
        wants_score = True  # "What did North Somerset get under equity?"
    if not wants_score and own_mentions and len(named) == 2 and rules.POLAR.match(own) and _council_compared(own, said):
        wants_score = True  # "Is Wirral better than York at partnerships?": their scores, set against each other
    if not wants_score and own_mentions and _around(own, said, ((rules.STANDING_BEFORE, rules.STANDING_AFTER),)):
        wants_score = True  # "where does York stand on safeguarding?", "how strong is Wirral on partnerships?"
    if not wants_score and own_mentions and rules.GOT_FROM_REGULATOR.search(own):
        wants_score = True  # "For safeguarding, what number did Surrey get from the regulator?"
    if not wants_score and own_mentions and rules.GOOD_AT.search(own):
        wants_score = True  # "are they any good at keeping people safe from abuse?": that statement's score
    if not wants_score and own_mentions and (m := rules.WHAT_DID_GET_FOR.match(own)) and own_mentions[0].start >= m.end():
        wants_score = True  # "What did Haringey get for helping people stay well and avoid needing care?"
    if not wants_score and own_mentions and rules.GOT_BARE_SCORE.search(own):
        wants_score = True  # "safeguarding: which councils got 3?"
    if not wants_score and own_mentions and _council_result(own, said, own_mentions):
        wants_score = True  # "the result for York on safeguarding", "where did York land on …", "is York good at …"
    if not wants_score and own_mentions and rules.NUMBER_GIVEN.search(own):
        wants_score = True  # "croydon - keeping adults safe from abuse and neglect, what number did the inspectors give"
    if not wants_score and any(_score_beside(own, m) for m in own_mentions):
        wants_score = True  # "a 2 for safeguarding", "the verdict on Wirral's safeguarding", "did best on partnerships"
    if not wants_score and (said or rules.ABOUT_ALL.search(own)) and rules.SCORE_VALUE.search(own) and rules.ACROSS_THE_BOARD.search(own):
        wants_score = True  # "did westminster get 3s across the board?", "which councils got 3s across the board?"
    if not wants_score and said and rules.RATING_VALUE.search(own) and rules.OVERALL.search(own):
        wants_score = True  # "did croydon end up with requires improvement overall??"
    # "Did X come out as outstanding, good, requires improvement or inadequate?" (a choice of ratings), "was X
    # found to be inadequate?", "what did CQC conclude about X overall?", "the verdict on X": its rating
    # (a statement's rating, or the council's own: not "were X's home care agencies good or outstanding?")
    # (three ratings or more are the scale itself: "X - good, outstanding, RI or inadequate?")
    ratings_said = len({r.lower() for r in rules.RATING_VALUE.findall(own)})
    rating_choice = (ratings_said >= 2 and bool(rules.CHOICE.search(own)) and bool(said)
                     and (bool(own_mentions) or ratings_said >= 3 or _of_the_council(own, said, rules.RATINGS_AFTER)
                          or bool(rules.CARE_RATED.search(own))))
    judged = _of_the_council(own, said, rules.JUDGED_AS) or _around(own, said, rules.OVERALL_AROUND)
    wants_score = wants_score or rating_choice or judged
    if not wants_score and own_mentions and rules.SHORTFALLS.search(own) and rules.POLAR.match(own):
        wants_score = True  # "Did CQC find shortfalls in X's safeguarding?": a score of 1 or 2 ("… shows some shortfalls")
    # (not what the shortfalls were: "what shortfalls in safeguarding did CQC find across the councils?")
    if not wants_score and own_mentions and rules.COUNCILS_WITH_SHORTFALLS.search(own):
        wants_score = True  # "which councils were found to have shortfalls in safeguarding?": scores of 1 or 2
    if not wants_score and rules.COMPARE_COUNCILS.search(own) and any(
            m.clear and rules.RESULT_OF_STATEMENT.match(own[m.end :]) for m in own_mentions):
        wants_score = True  # "compare the councils on safeguarding": every council's score (not "… on how they handle referrals")
    percent_range = _percent_range(own) if not own_mentions else None
    wants_score = wants_score or percent_range is not None
    # "How many care homes are rated good?" counts other things rated: not a council's result
    wants_score = wants_score and not _counts_other_things(own)
    # "When was X's CQC rating published?" asks for a date, which the page's "Published" line gives
    wants_score = wants_score and not (rules.ASKS_PUBLISHED.search(own) and rules.ASKS_WHEN.match(own))
    about_statements = wants_score or "quality statement" in own.lower() or " theme" in own.lower()
    # A topic word ("safeguarding", "prevention") names a statement only in a question about scores,
    # and there "assessment" is CQC's.
    statements = [m.statement for m in mentions
                  if m.clear or (about_statements and not _whole_assessment(text, m.start, m.end))]
    topics = [m.statement for m in mentions if m.statement not in statements]
    frame = ((fw.EXPECT,) if rules.FRAME_EXPECT.search(own) else (fw.COMMITMENT,) if rules.FRAME_COMMITMENT.search(own)
             else (fw.EXPECT, fw.COMMITMENT) if rules.FRAME_ABOUT.search(own) or _names_only_a_statement(own, mentions) else ())  # both
    score_range = _score_range(own)
    if score_range is None and wants_score and rules.SHORTFALLS.search(own) and not any(p.search(own) for p, _ in rules.LABEL_VALUE):
        score_range = (1, 2)  # shortfalls, some or significant
    valued = rules.ANY_GOOD.sub(" ", own)  # ("are they any good at …" asks no rating of Good)
    value = None if score_range else rules.SCORE_VALUE.search(valued)
    score_value = int(next(g for g in value.groups() if g)) if value else None
    if score_value is None and wants_score:
        score_value = next((n for pattern, n in rules.LABEL_VALUE if pattern.search(valued)), None)
    if score_value is None and wants_score and named and rules.TOP_MARK.search(own):
        score_value = 4  # "did Camden get the top mark for governance?"
    rating = rules.RATING_VALUE.search(valued) if wants_score else None
    # ("put the councils in order of their scores")
    about_all = bool(rules.ABOUT_ALL.search(own) or rules.COMPARE_COUNCILS.search(own)
                     or rules.RANK_ASKED.search(own) and rules.COUNCILS_SAID.search(own)) and not named
    wants_overall = wants_score and (
        bare_overall or percent_range is not None or bool(rules.OVERALL.search(own))
        # ("how did CQC rate X's safeguarding?" names what was rated: a statement, not the headline result)
        or (bool(rules.OVERALL_ASK.search(own)) and not statements) or (not statements and score_value is None and bool(rules.RATED.search(own)))
        or ((rating_choice or judged) and not statements)
    )
    # "X was rated Good overall, but what did it score for safe pathways?": the overall result is
    # what was told; the statement's score is asked
    if wants_overall and statements and (but := rules.CLAUSE_BUT.search(own)) and not rules.OVERALL.search(own[but.end() :]):
        wants_overall = False
    known_named = [a for a in named if a in known_authorities]
    # (or, no council named, who runs something: "who runs a long-standing in-house meals service?")
    which = bool(rules.WHICH_AUTHORITY.search(own) or not named and rules.WHO_RUNS.match(own))
    # "Which council teams up with Hartlepool and Stockton?": the councils named are its partners, and
    # the answer is another ("Which council, Derby or Darlington, …?" chooses between those named).
    first = next((m.start for m in said if m.authority in known_named), None)
    partners = (known_named if which and first is not None and rules.PARTNERED.search(own[:first])
                and not rules.CHOICE.search(own) else [])
    asked_of = [a for a in known_named if a not in partners]
    return Analysis(
        text=text,
        authorities=asked_of,
        partners=partners,
        missing_authorities=[a for a in named if a not in known_authorities],
        named_as=list(dict.fromkeys(text[m.start : m.end] for m in said)),
        statements=statements,
        topics=topics,
        wants_boilerplate=bool(frame),
        frame=frame,
        wants_score=wants_score,
        wants_overall=wants_overall,
        aggregate=about_all,
        # "Which council shares its team with Hammersmith and Fulham?": another council named, not ingested, is a topic
        which_authority=which and not asked_of,
        comparison=len(named) >= 2 and not partners,
        score_value=score_value,
        score_range=score_range,
        percent_range=percent_range,
        statement_values=_statement_values(own, own_mentions, statements) if wants_score else None,
        region=_region(_without(own, said)),
        rating_value=next((r for r in fw.RATINGS if rating and r.lower() == rating.group(1).lower()), None),
        count_of_councils=bool(rules.COUNT_OF_COUNCILS.search(own)),
        gazetteer=gazetteer,
    )
