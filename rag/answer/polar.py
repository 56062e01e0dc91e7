"""Yes-or-no questions about one council: when the sentences an answer quotes settle one, "Yes" or
"No" goes before them. A wrong "Yes" is worse than none: each rule says when a sentence settles it,
and anything less is left to the quoted sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag import rules
from rag.answer.candidate import (
    ENOUGH_WORDS,
    EVERYWHERE,
    SYNONYMS,
    Candidate,
    Embed,
    cosine,
    councils_alike,
    question_terms,
)
from rag.answer.followup import told_first
from rag.answer.support import stems
from rag.query import Analysis, own_words
from rag.text import IRREGULAR_FORMS, STOPWORDS, content_words, one_term_each


def verdict(question: str, analysis: Analysis, chosen: list[Candidate], read_on: list[str], embed: Embed | None = None) -> str | None:
    """"Yes" or "No" when the sentences chosen settle a yes-or-no question about one council, else
    None. It is the best sentence's (the first quoted may be the one it goes on from); one saying the
    opposite, or that it is lacking or not done, comes before one saying most of what was asked.
    `read_on` is each sentence read with the next (a figure and its average may be two)."""
    if (q := Asked.read(question, analysis)) is None:
        return None
    lead = max(chosen, key=lambda c: c.score)
    figured = max((c for c in chosen if PERCENT.search(c.text)), key=lambda c: c.score, default=lead)  # (the best giving a figure)
    for settled in (_versus_rank(q, chosen), _versus_span(q, lead), _versus_scale(q, chosen), _versus_average(q, read_on), _versus_estimate(q, chosen), _versus_party(q, chosen), _versus_seats(q, chosen), _versus_body(q, chosen), _versus_named(q, chosen), _versus_threshold(q, figured), _versus_count(q, lead),
                    _versus_how_often(q, lead)):
        if settled is not None:
            return "Yes" if settled else "No"
    if (_says_few(q, lead) or _says_not_always(q, lead, embed) or _says_the_opposite(q, lead) or _says_shared(q, lead) or _says_elsewhere(q, lead)
            or _says_lacking(q, lead) or _says_the_antonym(q, lead) or _says_not_done(q, chosen) or _says_not_so(q, chosen)
            or _says_done_by_other(q, lead) or _says_for_other_group(q, lead) or _says_other_doer(q, lead)
            or _says_other_level(q, lead) or _says_other_year(q, lead) or _says_open_to_all(q, lead)):
        return "No"
    return "Yes" if _says_yes(q, lead, embed) or _says_the_same_not(question, analysis, lead) or _says_it_worked(q, lead) or _says_group_went(q, lead) else None


@dataclass(frozen=True)
class Asked:
    """A yes-or-no question about one council, read once for every rule."""

    question: str
    analysis: Analysis
    plain: str  # its own words (_yes_or_no_about_one)
    own: str | None  # asked plainly, as a first question or after what the user told first (about_one)
    terms: frozenset[str]  # the words `own` asks with, but its verb and fillers

    @classmethod
    def read(cls, question: str, analysis: Analysis) -> Asked | None:
        if (plain := _yes_or_no_about_one(question, analysis)) is None:
            return None
        own = about_one(question, analysis)
        return cls(question, analysis, plain, own, frozenset(_polar_terms(own, analysis)) if own else frozenset())

    def share(self, text: str, besides: frozenset[str] = frozenset()) -> float:
        """The share of its words (but `besides`) that the text holds, in its words or a synonym's; 0 when it asks with none."""
        return _share_of(self.terms - besides, text)


# "has it gone up?", "did it get worse?": a change, in everyday words.
_WENT = re.compile(r"\b(?:go|goes|gone|went|going|gotten|got)\s+(?:up|down|better|worse)\b", re.I)
# "since 2022", "compared with the 2022 survey", "than in 2021": a change since a year.
_SINCE_YEAR = re.compile(r"\b(?:since|compared (?:with|to)|than (?:in )?|from)\s+(?:the\s+)?(?:19|20)\d\d\b", re.I)


CHANGE_SINCE = "a change since then"  # (a figure alone does not say it: the sentence must say it changed)


def needs_figure(own: str) -> str | None:
    """What a yes-or-no question takes a figure (or a change) to settle, worded for the reply, or None:
    "over 30%?", "more than 500 people waiting?", "more falls than the London average?", "meeting
    its target?", "did it go up since 2022?". A sentence quoted without one does not settle it."""
    own = rules.as_percentages(own)
    if rules.ASKS_BEYOND.search(own) or rules.ASKS_ABOUT.search(own):
        return "the figure"
    if ((m := _ASKS_COUNT.search(own)) and m.group("bound") and m.group("bound").strip().lower() not in _ROUGHLY
            and not stems(m.group("what")) & _NOT_COUNTED):
        return "the number"
    if rules.ASKS_TARGET.search(own) and (rules.TARGET_BEATEN.search(own) or rules.TARGET_MISSED.search(own)):
        return "a figure against its target"
    if rules.ASKS_VERSUS_AVERAGE.search(own) and rules.COMPARATIVE.search(own) and re.search(r"\baverage\b|\bthan\b", own, re.I):
        return "figures to compare"
    if (rules.CHANGE.search(own) or _WENT.search(own)) and _SINCE_YEAR.search(own):
        return CHANGE_SINCE
    return None


def settles_figure(wanted: str, text: str) -> bool:
    """Does a sentence give what `needs_figure` said the question takes?"""
    return bool(rules.CHANGED.search(text) and gives_figure(text)) if wanted == CHANGE_SINCE else gives_figure(text)


def asks_figure(own: str) -> bool:
    """Does a yes-or-no question ask about a figure ("over 30%", "roughly one in five", "above the average")?"""
    own = rules.as_percentages(own)
    return bool(rules.ASKS_BEYOND.search(own) or rules.ASKS_ABOUT.search(own) or rules.ASKS_VERSUS_AVERAGE.search(own))


def _yes_or_no_about_one(question: str, analysis: Analysis) -> str | None:
    """A question's own words when it asks yes or no (not a choice: "X or Y?") about one council."""
    own = own_words(question)
    # ("are there any walking groups or exercise classes?" asks whether there is either, no choice)
    # (nor "carers who cook or clean for someone?", where the "or" is inside a clause about them)
    chooses = rules.CHOICE.search(own) and not _ANY_THING.search(own) and not _OR_IN_CLAUSE.search(own)
    return own if len(analysis.authorities) == 1 and rules.POLAR.match(own) and not chooses else None


_OR_IN_CLAUSE = re.compile(r"\b(?:who|whose|that|which)\s+(?:[\w'’-]+\s+){1,3}?or\b(?![^?]*\bor\b)", re.I)


def _says_yes(q: Asked, best: Candidate, embed: Embed | None = None) -> bool:
    """"Does Islington have a carers' hub?" is answered "Yes" when the sentence found says, of the
    one council asked about, what the question does without a negation, a qualification or a
    plan: every word of it, or two of three and close in meaning. Anything less ("every case …
    yet?", "do many …?", "happy with …?" answered by "easy to access", a follow-up) is left to the
    quoted sentence: a wrong "Yes" is worse than none."""
    # (what the user told first is no earlier turn: "we live in telford. is there a calm cafe for veterans?")
    if (own := q.own) is None:
        return False
    # (a word like "most" or "longer than" the sentence says too: "Do most people have a named social
    # worker?" - "Most people …"; not a comparison with a figure: "over 30%" is not said by "over 65")
    # ("online rather than in person?" names another way, not a comparison)
    asked = _RATHER_THAN.sub(" ", own)
    # ("over" and "under" compare only with a figure: not "handing people over", "aged 65 and over")
    strict = {m.group(0).lower() for m in rules.STRICT_POLAR.finditer(asked)
              if m.group(0).lower() not in ("over", "under") or _FIGURE_NEXT.match(asked, m.end())}
    if _ANY_THING.search(own):  # "is there any …?", "any kind of …?" ask whether there is one, not about all
        strict.discard("any")
    said = {m.group(0).lower() for m in rules.STRICT_POLAR.finditer(best.text)}
    if rules.ONLY_FOR.search(best.text):  # ("just for veterans?": "a specific Calm Café … for … veterans")
        said |= {"just", "only"}
    if strict & _COMPARATIVES and re.search(r"\d", own) or strict - said:
        return False
    # (read with the sentences quoted beside it: "… a pooled budget with the NHS in place … . Such an
    # agreement lets the council and the NHS share money and staff …")
    beside = best.beside
    if _negates_asked(best.text, stems(own)) or rules.intends(best.text) or rules.QUALIFIED.search(best.text):
        return False
    # (nor one saying it needed to improve, unless that is what was asked: "an area they needed to improve")
    if rules.NEEDS_IMPROVING.search(best.text) and not rules.NEEDS_IMPROVING.search(own):
        return False
    # (a part of the area asked about must be said: "in the north?" is not answered yes by a sentence naming none)
    if (asked := compass_asked(own, q.analysis)) and not any(a in p or p in a for a in asked for p in _compass(beside)):
        return False
    # (what "Has X refreshed its strategy?" asks was done must be said, not only the rest: "a key principle of the strategy")
    if (done := _action_asked(own)) and not _says_word(done, beside):
        return False
    # (a number or year the question names must be said: "run to 2030?" is not confirmed by "(2024-2031)")
    if set(_DIGITS.findall(own)) - set(_DIGITS.findall(beside)):
        return False
    # (nor a group of people it names: "unpaid carers?" is not confirmed by a figure for everyone)
    if any(g.search(own) and not g.search(beside) for g in rules.PEOPLE_GROUPS):
        return False
    if (share := q.share(beside)) == 1.0:
        return True
    # (of the words that say what it is about: "care" and "services" are in every sentence of a care report)
    if topic := q.terms - EVERYWHERE:
        share = q.share(beside, EVERYWHERE)
        # (every word saying what it is about, two or more, said: "does X record people's pronouns?" -
        # "steps such as noting gender identity and pronouns in records were taken")
        if share == 1.0 and len(topic) >= 2:
            return True
    # Most of it said in its words: the rest must be said in other words ("contact … by text" -
    # "access … via text message"), so the sentence must be close in meaning too.
    if share < rules.YES_HALF_SHARE or embed is None:
        return False
    return _similarity(embed, own, beside) >= (rules.YES_MEANING if share >= rules.YES_SHARE else rules.YES_HALF_MEANING)


# "Did the new hub actually make things better?", "has it worked?": whether something did any good at all.
_ASKS_WORKED = re.compile(r"\b(?:did|has|have|had|does|do|is|was)\b[^?]{0,80}?\b(?:work(?:ed|ing|s)?|help(?:ed|s)?|"
                          r"make (?:things|it|life|a difference|any difference)|made (?:things|a difference|any difference)|"
                          r"been (?:a )?success\w*|pa(?:y|id) off)\b", re.I)
# … and a sentence saying it did ("figures showed the service was effective in cutting admissions")
_WORKED = re.compile(r"\b(?:effective|improv(?:ed|ing|ement|ements)|positive (?:impact|difference|effect|outcomes?|results?)|"
                     r"made a (?:real |positive |significant |big )?difference|successful(?:ly)?|led to (?:an? )?(?:reduc\w+|improv\w+|fewer|shorter))\b", re.I)
_EFFECT_WORDS = frozenset(stems("work worked working works help helped helps make made thing things better life difference "
                                "success successful pay paid off actually really"))


def _says_it_worked(q: Asked, best: Candidate) -> bool:
    """"Did the new safeguarding hub actually make things better?" is answered "Yes" by the sentence
    saying it was effective or improved things, that names most of what it is about (the hub), and
    says so without a negation, a qualification or a plan."""
    if (own := q.own) is None or not _ASKS_WORKED.search(own) or rules.NEGATION.search(own):
        return False
    text = best.text
    if not _WORKED.search(text) or rules.NEGATION.search(text) or rules.QUALIFIED.search(text) or rules.intends(text):
        return False
    thing = {t for t in question_terms(own, q.analysis) if t not in rules.POLAR_VERBS} - _FILLERS - _EFFECT_WORDS
    return bool(thing) and _share_of(thing, best.beside) >= rules.YES_SHARE


_FIGURE_NEXT = re.compile(r"\s*(?:£|\d|an? |half\b|a third\b|a quarter\b|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|a hundred)\b)", re.I)
_ANY_THING = re.compile(r"\b(?:have|has|had|run|runs|offer|offers|provide|provides|use|get|there (?:is|are|was|were)|(?:is|are|was|were) there)\s+any\b"
                        r"|\bany\s+(?:kind|sort|type|form)s?\s+of\b", re.I)
_DIGITS = re.compile(r"(?<![\d.,])\d+(?:\.\d+)?(?![\d,])")


_PARTICIPLE = re.compile(r"^\s*(?:has|have|had)\b(?:\s+[\w'’&-]+){1,5}?\s+(?:been\s+|(?:already|now|ever|really|actually|recently|formally|fully)\s+)*"
                         r"([a-z]{3,}ed|" + "|".join(sorted(IRREGULAR_FORMS, key=len, reverse=True)) + r")\b", re.I)


def _action_asked(own: str) -> str | None:
    """What "Has X …?" asks was done: the first word after its subject that reads as done ("refreshed",
    "been recognised", "built"); None for any other question."""
    m = _PARTICIPLE.match(own)
    return m.group(1) if m and m.group(1).lower() not in ("got", "gotten") else None


def _says_word(word: str, text: str) -> bool:
    """Does the text say the word, in its words or a synonym's?"""
    return _count_said(stems(word), text) > 0


_NEGATION_REACH = 3  # the words after "not" that it may be about


def _negates_asked(text: str, asked: set[str]) -> bool:
    """Does the sentence deny something, other than a thing the question does not mention? "… to make
    sure their needs had not changed" denies nothing asked by "do they keep in touch with people
    waiting?"; "did not always get assessments" denies what "do people get assessments?" asks."""
    for m in rules.NEGATION.finditer(text):
        if m.group(0).lower() not in ("not", "never") and not m.group(0).lower().endswith(("n't", "n’t")):
            return True  # ("no", "without", "none" …: what they deny is not read here)
        after = " ".join(text[m.end() :].split()[:_NEGATION_REACH])
        if not after or stems(after) & asked:
            return True
    return False


def about_one(question: str, analysis: Analysis) -> str | None:
    """The own words of a yes-or-no question about one council, asked plainly (no negation), as a
    first question or after what the user told first; else None."""
    own = _asked_first(question, analysis)
    return None if own is None or rules.NEGATION.search(own) else own


def _asked_first(question: str, analysis: Analysis) -> str | None:
    """The own words of a yes-or-no question about one council, negated or not, as a first question
    or after what the user told first; else None."""
    own = _yes_or_no_about_one(question, analysis)
    if own is None or own != question and not told_first(question):
        return None
    return rules.QUESTION_TAG.sub("?", own)  # ("… a month - is that right?", "…, doesn't it?": what it asks is the statement)


# "no waiting list", "without long delays", "never …": the word a question or a sentence says is not so.
_NO_THING = re.compile(r"\b(?:no|without|never|not)\s+(?:(?:any|a|an|the|long|real|major|yet|always|been|be)\s+){0,2}([a-z][\w-]{2,})", re.I)


def _says_the_same_not(question: str, analysis: Analysis, best: Candidate) -> bool:
    """"Is it true there's no waiting list for triage at X?" is answered "Yes" by "… told us they had
    no waiting lists for triage": the question says a thing is not so, the sentence says that same
    thing is not so, without a qualification or a plan, and with the sentences read beside it says
    the rest of what was asked."""
    if (own := _asked_first(question, analysis)) is None:
        return False
    if not (asked := {w for m in _NO_THING.finditer(own) for w in stems(m.group(1))}):
        return False
    said = {w for m in _NO_THING.finditer(best.text) for w in stems(m.group(1))}
    said |= {w for m in _NEGATED.finditer(best.text) for w in stems(m.group(1) or m.group(2))}
    if not asked <= said or rules.intends(best.text) or rules.QUALIFIED.search(best.text):
        return False
    rest = rules.NEGATION.sub(" ", own)
    return _share_of(frozenset(_polar_terms(rest, analysis)), best.beside) == 1.0


def _says_lacking(q: Asked, best: Candidate) -> bool:
    """"Does Blackpool have a local strategy to reduce inequalities?" is answered "No" by "there was
    a lack of local strategy to reduce inequalities …": the sentence says what is
    missing is a thing the question asks about, and says most of what it asks."""
    if (own := q.own) is None or not (m := rules.LACKING.search(best.text)):
        return False
    lacking = stems(m.group(1)) - {"for"}
    # ("no waiting lists for triage" is no answer to "a waiting list for assessments?")
    if (said_for := _for_what(best.text[m.start(1) :], lacking)) and (asked_for := _for_what(own, lacking)) and not said_for & asked_for:
        return False
    return bool(lacking & q.terms) and q.share(best.text) >= rules.YES_SHARE


_FOR = re.compile(r"([\w'’-]+)\s+for\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.I)


def _for_what(text: str, thing: set[str]) -> set[str]:
    """What the text says `thing` is for ("waiting lists for triage": {"triag"}), as stems; empty when it does not say."""
    return next((stems(m.group(2)) for m in _FOR.finditer(text) if stems(m.group(1)) & thing), set())


def for_something_else(own: str, chosen: list[Candidate]) -> bool:
    """"Is there a waiting list for Care Act assessments?" is not answered by sentences that speak of
    the thing asked about only as for something else ("no waiting lists for triage"): neither yes
    nor no, the reports do not say."""
    if not rules.ASKS_EXISTS.search(own) or not (m := _FOR.search(own)) or not (thing := stems(m.group(1)) - {"for"}):
        return False
    asked_for = stems(m.group(2))
    said_for = [_for_what(c.text, thing) for c in chosen if thing & stems(c.text)]
    return bool(said_for) and all(f and not f & asked_for for f in said_for)


def _says_not_done(q: Asked, chosen: list[Candidate]) -> bool:
    """"Has Harrow already refreshed its strategy?" is answered "No" by a sentence quoted that says
    it only plans to, or that it is still going on, and with the sentences read beside it says most
    of what was asked ("… a trial of the new way in was running, its results not yet reviewed.
    The trial sent … calls from the front door …")."""
    if (own := q.own) is None or not (done := [m.group(0) for m in rules.ASKS_DONE.finditer(own)]):
        return False
    besides = frozenset(stems(" ".join(done)))
    return any((rules.NOT_DONE.search(c.text) or rules.FINDINGS_PENDING.search(c.text))
               and q.share(c.beside, besides) >= rules.YES_SHARE for c in chosen)


# "was not involved", "had not yet been asked", "didn't offer": the word a negation is about.
_NEGATED = re.compile(r"\b(?:not|never)\s+(?:(?:yet|always|been|be|being|fully|directly|currently|routinely)\s+){0,2}([a-z][\w-]+)"
                      r"|n['’]t\s+(?:(?:yet|always|been|be|fully|directly|currently|routinely)\s+){0,2}([a-z][\w-]+)", re.I)


def _says_not_so(q: Asked, chosen: list[Candidate]) -> bool:
    """"Is the principal social worker involved in fitness to practise cases?" is answered "No" by
    "… team managers handled fitness to practise concerns … . The PSW was not involved in any of this.": a sentence
    quoted negates a word the question asks with (not its verb "is"), and with the sentence it goes
    on from says most of what was asked."""
    if q.own is None:
        return False
    terms = q.terms
    for c in chosen:
        negated = {w for m in _NEGATED.finditer(c.text) for w in stems(m.group(1) or m.group(2))}
        if not negated & terms:
            continue
        read = " ".join(x.text for x in (c.continues, c) if x is not None)
        if q.share(read) >= rules.YES_SHARE:
            return True
    return False


# Prefixes that make a word its opposite: unclear/clear, inadequate/adequate, dissatisfied/satisfied.
_NOT_PREFIX = re.compile(r"^(?:un|in|im|dis|ir|il)(?=[a-z]{5,})")


def _says_the_antonym(q: Asked, best: Candidate) -> bool:
    """"Did CQC find Camden's governance arrangements unclear?" is answered "No" by "… arrangements
    were extremely clear …": a word of the question is the sentence's with a negating prefix, or
    the other way round, and the sentence says the rest of what was asked."""
    if (own := q.own) is None or rules.NEGATION.search(best.text):
        return False
    asked, said = set(content_words(own)), set(content_words(best.text))
    flipped = {w for w in asked if (m := _NOT_PREFIX.match(w)) and w[m.end() :] in said and w not in said}
    flipped |= {w[m.end() :] for w in said if (m := _NOT_PREFIX.match(w)) and w[m.end() :] in asked and w not in asked}
    return bool(flipped) and q.share(best.text, frozenset(stems(" ".join(flipped)))) >= rules.YES_SHARE


_RATHER_THAN = re.compile(r"\brather than\b[^?,.;]*", re.I)
_FILLERS = frozenset(stems(" ".join(rules.POLAR_FILLERS)))
# Words of a comparison no sentence settles by saying them too when the question compares with a
# figure ("over 30%?": not "over 65").
_COMPARATIVES = frozenset({"more", "less", "better", "worse", "than", "below", "above", "under", "over", "higher", "lower",
                           "easier", "harder", "faster", "slower", "longer", "shorter", "enough", "yet", "still"})


def _polar_terms(own: str, analysis: Analysis) -> set[str]:
    """The words a yes-or-no question asks with, but its verb and its fillers."""
    # not what the user told first ("my dad lives in X - …") nor the situation after ("… if something goes wrong?")
    asked = rules.POLAR_IF.sub("", rules.POLAR_TOLD.sub("", own, count=1))
    asked = _RATHER_THAN.sub(" ", asked)  # (nor the way it is not about: "online rather than going in?")
    return one_term_each({t for t in question_terms(asked, analysis) if t not in rules.POLAR_VERBS}) - _FILLERS


def _share_of(terms: set[str] | frozenset[str], text: str) -> float:
    """The share of the stems that the text holds, in its words or a synonym's; 0 when there are none."""
    return _count_said(terms, text) / len(terms) if terms else 0.0


def _count_said(terms: set[str], text: str) -> int:
    """How many of the stems the text holds, in its words or a synonym's."""
    said = stems(rules.in_report_words(text))
    return sum(1 for t in terms if t in said or SYNONYMS.get(t, frozenset()) & said)


def _says_few(q: Asked, best: Candidate) -> bool:
    """"Are lots of people in X managing their own care through direct payments?" is answered "No"
    when the sentence found says few do, saying most of what else the question asks."""
    own = q.plain
    if own != q.question or not (many := rules.MANY.search(own)) or rules.NEGATION.search(own):
        return False
    return (q.share(best.text, frozenset(stems(many.group(0)))) >= rules.YES_SHARE
            and bool(rules.FEW.search(best.text)) and not rules.NEGATION.search(best.text))


def _says_not_always(q: Asked, best: Candidate, embed: Embed | None) -> bool:
    """"Do you always get the same person when you call?" is answered "No" by a sentence saying it
    happens only sometimes ("not always getting the same person"), saying most of what else is asked,
    or half of it and close in meaning (as a "Yes" must)."""
    own = q.own
    if own is None or not (always := rules.ASKS_ALWAYS.search(own)) or rules.NEGATION.search(own) or not rules.NOT_ALWAYS.search(best.text):
        return False
    share = q.share(best.beside, frozenset(stems(always.group(0))))
    return share >= rules.YES_SHARE or (share >= rules.YES_HALF_SHARE and embed is not None
                                        and _similarity(embed, own, best.beside) >= rules.YES_HALF_MEANING)


# Opposites a yes-or-no question may be answered "No" by: (what it asks about, what says otherwise).
_OPPOSITES = ((rules.SHORT, rules.ENOUGH), (rules.ENOUGH, rules.SHORT), (rules.EASY, rules.HARD), (rules.HARD, rules.EASY),
              (rules.FELL, rules.ROSE), (rules.ROSE, rules.FELL), (rules.A_STRENGTH, rules.NEEDS_IMPROVING),
              (rules.NEEDS_IMPROVING, rules.A_STRENGTH), (rules.LONG_IN_POST, rules.NEW_IN_POST), (rules.NEW_IN_POST, rules.LONG_IN_POST),
              (rules.ALIKE_EVERYWHERE, rules.VARIES), (rules.VARIES, rules.ALIKE_EVERYWHERE))
_OPPOSITE_WORDS = ENOUGH_WORDS | frozenset(stems("easy easily simple straightforward difficult hard limited "
                                                  "increase rise rose grow grew fall fell decrease drop decline "
                                                  "strength strong point suit good great excellent scratch standard improve improvement area "
                                                  "new relatively fairly post role job years long time experienced recently appointed "
                                                  "recent addition introduction introduced launched brand "
                                                  "same standard quality level consistent consistently uniform everywhere all over "
                                                  "disparity disparities inconsistent inconsistency variation vary varies varied uneven patchy"))


def _says_the_opposite(q: Asked, best: Candidate) -> bool:
    """"Is X short of care home places?" is answered "No" by a sentence saying there were enough;
    "Is there enough …?" by one saying there is a shortage; "Is it easy to find paid work?" by one
    saying it is limited; "Has it fallen?" by one saying it rose; each saying most of what else the
    question asks (two of three words)."""
    # (asked plainly, or after what the user told first: "we might move to X, is the population growing?")
    own = q.plain if q.plain == q.question else q.own
    if own is None:
        return False
    # (the reports' words for "not enough", "short of" are a shortage: any other negation is the question's own)
    asked = rules.in_report_words(own)
    if rules.NEGATION.search(asked):
        return False
    found = [(m, asks, says) for asks, says in _OPPOSITES if (m := asks.search(asked))]
    if any(a is s2 for _, a, _ in found for _, _, s2 in found):  # asking both ways
        return False
    # (of what it asks, the one the sentence says the opposite of: "a recent addition for people who
    # struggle to cook?" - "a long-standing service … for people who had challenges preparing food")
    found = [f for f in found if f[2].search(best.text)] if len(found) > 1 else found
    if len(found) != 1:
        return False
    m, asks, says = found[0]
    # (a post-holder new in post is not long in it, though the post may be: "the post has existed for
    # years, though its current holder is fairly new" answers "new to the job?" yes)
    if asks is rules.NEW_IN_POST and asks.search(best.text):
        return False
    if not says.search(best.text) or rules.NEGATION.search(rules.SHORT.sub(" ", best.text)):
        return False
    besides = frozenset(stems(m.group(0))) | _OPPOSITE_WORDS
    # (a sentence saying it both ways, of different things, is read by the part about what was asked:
    # "the population had decreased …, with those aged 18-64 decreasing and those over 65 increasing")
    if asks.search(best.text) and ((about := _part_about(q, own, best.text, asks, says, besides)) is None or asks.search(about)):
        return False
    return q.share(best.text, besides) >= rules.YES_SHARE


# Where a sentence turns to another thing: "…, with those aged over 65 increasing …", "… while …".
_CLAUSE = re.compile(r"[,;]|\b(?:while|whilst|whereas|but|with|and)\b", re.I)


def _part_about(q: Asked, own: str, text: str, one: re.Pattern[str], other: re.Pattern[str], besides: frozenset[str]) -> str | None:
    """Of a sentence saying something both ways ("the population had decreased …, with those aged 18-64
    decreasing and those over 65 increasing"), the part about what was asked: the one naming the group
    of people asked about, else the one saying most of the question; None when no one part is."""
    groups = [g for g in rules.PEOPLE_GROUPS if g.search(own)]

    def weight(part: str) -> tuple[bool, float]:
        return any(g.search(part) for g in groups), q.share(part, besides)
    parts = [p for p in _CLAUSE.split(text) if one.search(p) or other.search(p)]
    about = max(parts, key=weight, default=None)
    if about is None or not any(weight(about)) or sum(weight(p) == weight(about) for p in parts) > 1:
        return None
    return about


def _says_group_went(q: Asked, best: Candidate) -> bool:
    """"Did the number of working-age adults fall?" is answered "Yes" by a sentence saying figures
    went both ways when the part naming that group says it went the way asked ("the number of
    residents fell …, while working-age adults fell by 3%"), saying most of the rest."""
    if (own := q.own) is None or not any(g.search(own) for g in rules.PEOPLE_GROUPS) or rules.intends(best.text):
        return False
    found = [(m, asks, says) for asks, says in ((rules.FELL, rules.ROSE), (rules.ROSE, rules.FELL)) if (m := asks.search(own))]
    if len(found) != 1 or not (found[0][1].search(best.text) and found[0][2].search(best.text)):
        return False
    m, asks, says = found[0]
    besides = frozenset(stems(m.group(0))) | _OPPOSITE_WORDS
    about = _part_about(q, own, best.text, asks, says, besides)
    return (about is not None and bool(asks.search(about)) and not says.search(about)
            and any(g.search(about) for g in rules.PEOPLE_GROUPS if g.search(own)) and q.share(best.text, besides) >= rules.YES_SHARE)


# A number that is part of a name: "Section 42 enquiries", "Care Act 2014", "phase 2", "tier 3".
_NUMBERED_NAME = re.compile(r"\b(?:sections?|s\.|phases?|tiers?|levels?|stages?|steps?|parts?|schedules?|articles?|chapters?|act)\s+\d+\b", re.I)


def gives_figure(text: str) -> bool:
    """Does the sentence give a figure other than a year, a date or a number in a name ("Section 42")?"""
    return bool(rules.FIGURE.search(_NUMBERED_NAME.sub("", rules.DATE.sub("", rules.PERIOD.sub("", text)))))


def _versus_threshold(q: Asked, best: Candidate) -> bool | None:
    """"Is over 30% of X's population aged over 65?", "Has X beaten the national 80% target?": yes
    when the other percentage the best sentence gives for it (read with the one going on from it) is
    beyond the question's, no when it is not; "Is roughly one in five …?": yes when it is within a
    tenth of it. None when the question asks no such thing, the sentence gives no such percentage,
    or the question names a year the sentence does not."""
    if (own := q.own) is None:
        return None
    own = rules.as_percentages(own)
    beyond, about = rules.ASKS_BEYOND.search(own), rules.ASKS_ABOUT.search(own)
    text = " ".join(c.text for c in (best, best.continued_by) if c is not None)
    years = rules.periods(own)
    if years and not ((given := rules.periods(text)) and rules.same_period(years, given)):
        return None
    if not (beyond or about):  # ("ahead of the national target?": the sentence's figure against its target)
        return _versus_target(own, text)
    if rules.ASKS_VERSUS_AVERAGE.search(own) and not rules.ASKS_TARGET.search(own):
        return None
    if beyond:
        asked = float(beyond.group("n"))
        if (figure := _figure_for(q.terms, text, besides=asked)) is None:
            return None
        up = not re.match(r"under|below|less|fewer|lower", beyond.group("dir"), re.I)
        return figure > asked if up else figure < asked
    asked = float(about.group("n"))
    if (figure := _figure_for(q.terms, text)) is None:
        return None
    return abs(figure - asked) <= rules.NEAR * asked


PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|per ?cent)", re.I)


def _versus_target(own: str, text: str) -> bool | None:
    """"Is X ahead of the national target?" with no figure of its own: yes when the figure the text
    sets against a target reaches it, no when it falls short; None when the question asks neither way
    or the text sets no figure against a target."""
    beaten, missed = rules.TARGET_BEATEN.search(own), rules.TARGET_MISSED.search(own)
    if bool(beaten) == bool(missed) or not (m := next((m for p in rules.VERSUS_TARGET if (m := p.search(text))), None)):
        return None
    reached = float(m.group("figure")) >= float(m.group("target"))
    return reached if beaten else not reached


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:a|an|the|just|only|around|about|some)\s+)?$", re.I)


def _figure_for(terms: frozenset[str], text: str, besides: float | None = None) -> float | None:
    """The percentage the text gives (but `besides`, the question's own): its only one, or the one
    whose words after it say most of what the question asks ("65.3% of people were
    satisfied … and 80.9% of people felt in control …" for "… feel in control …?")."""
    found = [m for m in PERCENT.finditer(text) if float(m.group(1)) != besides]
    # (a figure it rose or fell from is the earlier one: "increasing to 17% in 2021 (from 11% in 2011)";
    # not one end of a range: "from 18% to 35% across its wards")
    if rules.CHANGED.search(text) and len(now := [m for m in found if not _FROM_BEFORE.search(text[: m.start()])]) == 1:
        return float(now[0].group(1))
    if len({float(m.group(1)) for m in found}) <= 1:
        return float(found[0].group(1)) if found else None
    ends = [m.start() for m in found[1:]] + [len(text)]
    said = [len(terms & stems(text[m.end() : end])) for m, end in zip(found, ends, strict=True)]
    top = max(said)
    return float(found[said.index(top)].group(1)) if top and said.count(top) == 1 else None


_TENS, _UNITS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety", "one|two|three|four|five|six|seven|eight|nine"
# ("334,000", "eighty-eight", "five")
_COUNT = rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_TENS})[- ](?:{_UNITS})|" + "|".join(rules.NUMBER_VALUES) + r")"
# (a count asked roughly: "is it like 100 languages?", "around 40 care homes?")
_ROUGHLY = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost", "like", "some"})
_BOUND_COUNT = (r"(?P<bound>\b(?:more than|over|at least|fewer than|less than|under|about|around|roughly|approximately|"
                r"nearly|almost|like|some)\s+)?\b" + _COUNT)
# ("six other local authorities": local authorities counted)
_ASKS_COUNT = re.compile(_BOUND_COUNT + r"\s+(?:(?:other|more|additional|different|separate|new|further)\s+)?"
                         r"(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)", re.I)
_COUNTED_IN = re.compile(r"\b" + _COUNT + r"\s+(?P<what>(?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.I)
# (how long or how often is a wait, not a count of things: left to the sentence)
_NOT_COUNTED = frozenset(stems("day days week weeks month months year years hour hours minute minutes time times per cent percent"))


def _versus_count(q: Asked, best: Candidate) -> bool | None:
    """"Does Camden have social work teams in four neighbourhoods?" is answered "No" by "… in five
    neighbourhoods", "more than two hubs?" by how many the sentence counts: the count the sentence
    gives of the thing the question counts, when it says most of the rest. None when the question
    counts nothing or the sentence does not count it."""
    if (own := q.own) is None or not (m := _ASKS_COUNT.search(own)):
        return None
    # (what is counted: "four neighbourhood teams" counts teams, or neighbourhoods: "in five neighbourhoods")
    nouns = [w for w in m.group("what").split() if w.lower().endswith("s") or w.lower() in rules.PEOPLE_NOUNS]
    counted = stems(m.group("what")) if nouns else set()
    if not counted or counted & _NOT_COUNTED:
        return None
    asked = _count_of(m.group("n"))
    text = " ".join(c.text for c in (best, best.continued_by) if c is not None)
    # (councils counted are local authorities or boroughs counted: "three councils?" - "5 local authorities")
    given = {_count_of(g.group("n")) for g in _COUNTED_IN.finditer(text) if councils_alike(counted) & stems(g.group("what"))}
    besides = frozenset(stems(f"{m.group('n')} {m.group('bound') or ''}"))
    if len(given) != 1:
        return None
    figure = given.pop()
    # (another count of the same things needs only half the rest said: "three localities" is no to
    # "five areas … suffering most from crime?"; the same count, most of it)
    if q.share(text, besides) < (rules.YES_SHARE if figure == asked or m.group("bound") else rules.YES_HALF_SHARE):
        return None
    return _against(figure, asked, m.group("bound"))


def _against(figure: int, asked: int, bound: str | None) -> bool:
    """Is the count given what was asked: "more than", "at least", "fewer than", "about" it, or it?"""
    bound = (bound or "").strip().lower()
    if bound in _ROUGHLY:
        return abs(figure - asked) <= rules.NEAR * asked
    if bound in ("more than", "over"):
        return figure > asked
    if bound == "at least":
        return figure >= asked
    if bound:
        return figure < asked
    return figure == asked


# How often: "every week", "each month", "once a year", "an afternoon a week", "monthly".
_HOW_OFTEN = re.compile(r"\b(?:every|each|per)\s+(?P<unit>day|week|fortnight|month|quarter|year)\b"
                        r"|\b(?:once|twice|times|days?|afternoons?|mornings?|hours?|sessions?|visits?)\s+an?\s+(?P<unit2>day|week|fortnight|month|quarter|year)\b"
                        r"|\b(?P<adverb>daily|weekly|fortnightly|monthly|quarterly|annually|yearly)\b", re.I)
_ADVERB_UNIT = {"daily": "day", "weekly": "week", "fortnightly": "fortnight", "monthly": "month", "quarterly": "quarter",
                "annually": "year", "yearly": "year"}


def _how_often(text: str) -> set[str]:
    return {(m["unit"] or m["unit2"] or _ADVERB_UNIT[m["adverb"].lower()]).lower() for m in _HOW_OFTEN.finditer(text)}


def _versus_how_often(q: Asked, best: Candidate) -> bool | None:
    """"Do staff phone people on the waiting list every week?" is answered "No" by "… a day each
    month when staff would ring people waiting": the sentence says how often, and it is not
    how often the question says, and it says half the rest. None when either does not say how often."""
    if (own := q.own) is None or len(asked := _how_often(own)) != 1:
        return None
    text = best.beside
    if len(given := _how_often(text)) != 1 or given == asked:
        return None
    besides = frozenset(stems(" ".join(m.group(0) for m in _HOW_OFTEN.finditer(own))))
    return False if q.share(text, besides) >= rules.YES_HALF_SHARE else None


def _count_of(word: str) -> int:
    if (digits := word.replace(",", "")).isdigit():
        return int(digits)
    return sum(rules.NUMBER_VALUES[w] for w in re.split(r"[- ]", word.lower()))  # ("eighty-eight": 80 + 8)


def _says_shared(q: Asked, best: Candidate) -> bool:
    """"Does Islington run its mental health services on its own?" is answered "No" by a sentence
    saying it runs them with a partner, saying most of the rest asked."""
    if (own := q.own) is None or not (alone := rules.ASKS_ALONE.search(own)):
        return False
    return bool(rules.SHARED.search(best.text)) and q.share(best.text, frozenset(stems(alone.group(0)))) >= rules.YES_SHARE


_COUNCIL_ITSELF = re.compile(r"\b(?:council|local authority|authority|borough|adult social care|ASC|its own|in-house)\b", re.I)


def _says_done_by_other(q: Asked, best: Candidate) -> bool:
    """"Does Islington run the crisis line?" is answered "No" by "The crisis line was run by the NHS
    trust": the question asks whether the council does it (its verb), and the sentence says another
    body does, saying most of the rest asked."""
    if (own := q.own) is None:
        return False
    asked = next((rules.DONE_BY_VERBS[w] for w in re.findall(r"[a-z]+", own.lower()) if w in rules.DONE_BY_VERBS), None)
    if asked is None or not (m := next((m for m in rules.DONE_BY.finditer(best.text) if m.group(1).lower() == asked), None)):
        return False
    agent = m.group(2)
    names = {*q.analysis.named_as, *q.analysis.authorities}
    if not rules.OTHER_BODY.search(agent) or _COUNCIL_ITSELF.search(agent) or any(n.lower() in agent.lower() for n in names):
        return False
    return q.share(best.text, frozenset(stems(asked))) >= rules.YES_SHARE


# "Is it the community teams that decide …?": who the question says does it, and what is done.
_CLEFT = re.compile(r"(?:^|,\s*|\s[-–:]\s*)(?:is|was|are|were)\s+it\s+(?:really\s+|actually\s+|just\s+)?"
                    r"(?P<who>[\w'’&-]+(?:\s+[\w'’&-]+){0,7}?)\s+(?:that|who|which)\s+(?P<rest>[^?]+)", re.I)
# Someone a sentence can say does it: a team, a body, a service.
_DOER = re.compile(r"\b(?:teams?|hubs?|services?|boards?|panels?|partners?|providers?|NHS|ICBs?|trusts?|charit\w*|organisations?|"
                   r"council|local authority|staff|workers?|managers?|leaders?)\b", re.I)


def _says_other_doer(q: Asked, best: Candidate) -> bool:
    """"Is it the community teams that decide whether a concern goes to an enquiry?" is answered "No"
    by "The safeguarding hub … decided whether to proceed to an enquiry": the sentence says most of
    what is done, names who does it, and none of the words of who the question says does it."""
    if (own := q.own) is None or not (m := _CLEFT.search(own)):
        return False
    who = stems(m.group("who")) - stems(q.analysis.authority_words) - _DOING
    # (who it says leads or runs it, when it says: "run by the council together with NHS partners")
    doer = by.group("by") if (by := _DONE_BY.search(best.text)) else best.text
    if not who or _count_said(who, doer) or not _DOER.search(doer):
        return False
    return _share_of(_polar_terms(m.group("rest"), q.analysis), best.text) >= rules.YES_SHARE


_DONE_BY = re.compile(r"\b(?:led|run|chaired|managed|headed|delivered|overseen|coordinated|co-ordinated|hosted)\s+by\s+"
                      r"(?P<by>(?:the\s+)?[\w'’&-]+(?:\s+(?!with\b|and\b|alongside\b|in\b|to\b|for\b)[\w'’&-]+){0,4})", re.I)
_DOING = frozenset(stems("running run leading led chairing doing managing heading"))


# "a score of 6 (where 1 is the least deprived and 10 is the most deprived)": a figure on a scale
# whose ends the sentence names.
_ON_SCALE = re.compile(r"\b(?P<n>\d+)\s*\(\s*(?:with|where)\s+(?P<a>\d+)\s+(?:being|is|=|as)\s+(?:the\s+)?(?P<aw>least|most)\s+(?P<what>[\w-]+)"
                       r"\s*,?\s+and\s+(?P<b>\d+)\s+(?:being|is|=|as)\s+(?:the\s+)?(?:least|most)\b", re.I)
_SIDE_ASKED = re.compile(r"\b(?P<side>least|less|most|more)\s+(?P<what>[\w-]+)(?P<half>\s+half)?", re.I)
_OUTER = 0.2  # "one of the most deprived": within the outer fifth of the scale


def _versus_scale(q: Asked, chosen: list[Candidate]) -> bool | None:
    """"Is X one of the least deprived places?", "in the more deprived half?": answered from the figure
    a sentence places on a scale whose ends it names ("6 (where 1 is the least deprived and 10 is the
    most deprived)"): no when it is on the other side of the middle; yes when on the side asked, for a
    half, or within the outer fifth of the scale for "one of the least …"."""
    if (own := q.own) is None:
        return None
    for c in chosen:
        if not (m := _ON_SCALE.search(c.text)):
            continue
        asked = next((a for a in _SIDE_ASKED.finditer(own) if stems(a.group("what")) & stems(m.group("what"))), None)
        if asked is None:
            return None
        n, a, b = int(m.group("n")), int(m.group("a")), int(m.group("b"))
        if a == b or not min(a, b) <= n <= max(a, b):
            return None
        toward_a = (n - b) / (a - b)  # 1 at the end the sentence names first, 0 at the other
        toward_asked = toward_a if asked.group("side").lower().startswith("le") == (m.group("aw").lower() == "least") else 1 - toward_a
        if toward_asked < 0.5:
            return False
        if toward_asked == 0.5:
            return None
        return True if asked.group("half") or toward_asked >= 1 - _OUTER else None
    return None


_ORDINAL_VALUES = {"first": 1} | {word: int(written[:-2]) for word, written in rules.ORDINALS.items()}  # ("fifth": 5)
_SUPERLATIVES = "most|least|largest|biggest|smallest|highest|lowest|greatest|fewest|best|worst"
_SUPERLATIVE = rf"(?P<sup>{_SUPERLATIVES})"
# "the fifth highest", "152nd least deprived": a place in a ranking, said with what it ranks by
_RANKED_AS = re.compile(r"\b(?P<ord>\d+(?:st|nd|rd|th)|" + "|".join(_ORDINAL_VALUES) + r")\s+" + _SUPERLATIVE + r"\b", re.I)
_TOP = re.compile(r"\btop\s+(?P<n>\d+|" + "|".join(rules.NUMBER_VALUES) + r")\b(?!\s*(?:%|per ?cent))", re.I)
_ONE_OF = re.compile(rf"\b(?:one of|among|amongst)\s+(?:the\s+)?(?:\w+\s+)?(?:{_SUPERLATIVES})\b", re.I)
_THE_SUPERLATIVE = re.compile(r"\bthe\s+(?:(?:very|single)\s+)?" + _SUPERLATIVE + r"\b", re.I)
_UPWARD = frozenset({"most", "largest", "biggest", "highest", "greatest", "best"})
_RANK_WORDS = frozenset(stems("top " + " ".join(_ORDINAL_VALUES) + " " + " ".join(rules.NUMBER_VALUES) + " 1 2 3 4 5 6 7 8 9 10"))


# A year said with what it dates ("the 2019 needs assessment", "the JSNA 2022", "Carers Strategy (2024-2029)").
_DATED = re.compile(r"\b(?P<y>(?:19|20)\d\d(?:[/-]\d{2,4})?)\b")
_AFTER_PLACE = re.compile(r"\b(?:in|since|by|from|until|till|before|after|of|during|between|and|to|at)\s*$", re.I)


def _dated(text: str) -> list[tuple[set[int], set[str]]]:
    """Each year a text names with the words either side of it (not a year a place in time: "in 2019")."""
    out = []
    for m in _DATED.finditer(text):
        before = text[max(0, m.start() - 80) : m.start()]
        if _AFTER_PLACE.search(before):
            continue
        words = stems(" ".join(before.split()[-6:] + text[m.end() : m.end() + 60].split()[:5]))
        out.append(({y for first, last in rules.periods(m.group("y")) for y in range(first, last + 1)}, words))
    return out


_GENERIC_STEMS = frozenset(stems(" ".join(rules.GENERIC)))
_RENEWED = re.compile(r"\b(?:new|newer|replac\w*|refresh\w*|updat\w*|revis\w*|renew\w*|review\w*|previous|old|former|since)\b", re.I)


_RUNS = re.compile(r"\b(?:runs?|running|ran|lasts?|lasting|lasted|spans?|spanning|from\s+(?:19|20)\d\d\s+(?:to|until|till))\b", re.I)


def _says_other_year(q: Asked, best: Candidate) -> bool:
    """"Was it based on a 2019 needs assessment?" is answered "No" by "… the Joint Strategic Needs
    Assessment (JSNA) 2022 …": the same thing, dated another year (and the year asked nowhere in it)."""
    if (own := q.own) is None or not (asked := _dated(own)) or _RENEWED.search(own) or _RENEWED.search(best.text):
        return False  # ("has it replaced its 2019 strategy?" — "its new strategy 2024-2029": the new one is the answer)
    said = _dated(best.text)
    years_said = {y for ys, _ in said for y in ys}
    for years, words in asked:
        words = words - EVERYWHERE - _GENERIC_STEMS
        # (a span asked to be how long it runs is said only as that span: "does it run 2024-2028?" — "the
        # Strategy (2024-2031)"; one it covers lies within it: "does it cover 2025-2027?" — "(2024-2028)")
        spans = len(years) > 1
        if not words or (any(ys == years or not _RUNS.search(own) and years <= ys for ys, _ in said) if spans else years & years_said):
            continue
        if any((not ys & years or spans and len(ys) > 1) and len(words & ws) >= min(2, len(words)) for ys, ws in said):
            return True
    return False


# "Is it only for people who already get care?", "just for council-funded people?": a limit asked …
_ONLY_FOR_SOME = re.compile(r"\b(?:only|just|solely|exclusively)\s+(?:(?:any\s+)?(?:use|good|open|available|there)\s+)?(?:for|to|if|when)\b", re.I)
# … which a sentence saying it is for everyone denies ("gave general advice to the public", "whether or not eligible").
_OPEN_TO_ALL = re.compile(r"\b(?:the (?:general |wider )?public|(?:open|available) to (?:anyone|everyone)|all residents|whether or not|regardless of|"
                          r"either eligible or non-eligible|eligible (?:or|and) non-eligible|self-funders and|(?:open|available) to all)\b", re.I)


def _says_open_to_all(q: Asked, best: Candidate) -> bool:
    """"Is Contact X only for people who already get care?" — "… offered general advice to all members of the public and
    took requests for care": no, it is for everyone."""
    return (q.own is not None and bool(_ONLY_FOR_SOME.search(q.own)) and bool(_OPEN_TO_ALL.search(best.text))
            and q.share(best.text) >= rules.YES_MEANING / 2)


# "Is the plan just for one year?", "does the strategy cover five years?": how long it spans.
_SPAN_ASKED = re.compile(r"\b(?:for|cover(?:s|ing)?|last(?:s|ing)?|run(?:s|ning)?(?:\s+for)?|span(?:s|ning)?)\s+(?:just\s+|only\s+)?"
                         r"(?P<n>a|one|\d+|" + "|".join(rules.NUMBER_VALUES) + r")[\s-]+years?\b(?![\s-]*olds?\b)", re.I)


def _versus_span(q: Asked, best: Candidate) -> bool | None:
    """"Is the new commissioning plan just for one year?" — "the Commissioning Strategy (2024-2031)": no;
    the years a sentence says a plan spans, against those asked."""
    if (own := q.own) is None or not (m := _SPAN_ASKED.search(own)) or rules.periods(own):
        return None
    spans = {last - first for first, last in rules.periods(best.text) if last > first}
    if len(spans) != 1 or q.share(best.text, _RANK_WORDS | frozenset(stems("year years just only"))) < rules.YES_MEANING / 2:
        return None
    n = m.group("n").lower()
    return spans.pop() == (1 if n in ("a", "one") else int(n) if n.isdigit() else rules.NUMBER_VALUES[n])


def dated_otherwise(question: str, analysis: Analysis, cands: list[Candidate]) -> Candidate | None:
    """Of the sentences most about a yes-or-no question, one saying the thing it asks about is of
    another year ("a 2019 needs assessment?" — "the JSNA 2022"): a sentence held to the year asked
    finds no answer, and this one answers "No"."""
    if (q := Asked.read(question, analysis)) is None:
        return None
    return next((c for c in sorted(cands, key=lambda c: -c.score)[:3] if c.coverage >= rules.MIN_COVERAGE and _says_other_year(q, c)), None)


def _ordinal(word: str) -> int:
    return int(word[:-2]) if word[0].isdigit() else _ORDINAL_VALUES[word.lower()]


def _versus_rank(q: Asked, chosen: list[Candidate]) -> bool | None:
    """A place in a ranking asked about, against the one a sentence gives: "is X the least deprived
    council?" — "the second least deprived": no; "in the top 5 for …?" — "the fifth highest": yes;
    "the third largest?" — "the third largest": yes."""
    if (own := q.own) is None:
        return None
    if _ONE_OF.search(own):  # ("one of the most deprived?": no single place asked)
        return None
    for c in chosen:
        if not (given := list(_RANKED_AS.finditer(c.text))) or q.share(c.text, _RANK_WORDS) < rules.YES_MEANING:
            continue
        # (every place the sentence gives: "the 13th most deprived in England and the most deprived in the county")
        ranks = [(_ordinal(g.group("ord")), g.group("sup").lower()) for g in given]
        ranks += [(1, m.group("sup").lower()) for m in _THE_SUPERLATIVE.finditer(c.text)
                  if not _RANKED_AS.search(c.text[max(0, m.start() - 12) : m.end()])]
        if top := _TOP.search(own):
            n = top.group("n")
            up = [r for r, sup in ranks if sup in _UPWARD]
            return any(r <= (int(n) if n.isdigit() else rules.NUMBER_VALUES[n.lower()]) for r in up) if up else None
        asked = _RANKED_AS.search(own)
        want = (_ordinal(asked.group("ord")), asked.group("sup").lower()) if asked else (
            (1, m.group("sup").lower()) if (m := _THE_SUPERLATIVE.search(own)) else None)
        if want is None or not (same := [r for r, sup in ranks if sup == want[1]]):
            continue
        return want[0] in same
    return None


_LOW = re.compile(r"\b(?:low|lower|lowest|on the low side|small|smaller|smallest|few|fewer|fewest)\b", re.I)
_HIGH = re.compile(r"\b(?:high|higher|highest|on the high side|large|larger|largest|many|more|most)\b", re.I)
_NEXT_TO = 3  # words between a level and what it is the level of ("a higher number of referrals")


def _says_other_level(q: Asked, best: Candidate) -> bool:
    """"Are mental health referrals on the low side?" is answered "No" by "… where they received a
    higher number of referrals": the sentence puts the other level next to what was asked about, and
    says most of the rest. (Not a figure against an average: those are read from their figures.)"""
    if (own := q.own) is None or rules.ASKS_VERSUS_AVERAGE.search(own) or re.search(r"\bthan\b|\d", own):
        return False
    asks = [(a, b) for a, b in ((_LOW, _HIGH), (_HIGH, _LOW)) if a.search(own)]
    if len(asks) != 1 or asks[0][0].search(best.text):
        return False
    said, level = asks[0][1], asks[0][0].search(own)
    topic = q.terms - frozenset(stems(level.group(0))) - EVERYWHERE
    words = re.findall(r"[\w'’-]+", best.text)
    near = {w for i, w in enumerate(words) if said.fullmatch(w) for w in words[i + 1 : i + 2 + _NEXT_TO]}
    return bool(topic & stems(" ".join(near))) and q.share(best.text, frozenset(stems(level.group(0)))) >= rules.YES_SHARE


def _says_for_other_group(q: Asked, best: Candidate) -> bool:
    """"Is there a drop-in for veterans?" is answered "No" by "a drop-in for people with dementia":
    the sentence names another group of people, none the question names, saying most of the rest."""
    if (own := q.own) is None:
        return False
    asked = {i for i, g in enumerate(rules.PEOPLE_GROUPS) if g.search(own)}
    said = {i for i, g in enumerate(rules.PEOPLE_GROUPS) if g.search(best.text)}
    # (not when the groups it names are examples: "including younger adults", "such as people with autism")
    if not asked or not said or asked & said or re.search(r"\b(?:including|includes|such as|for example|e\.g\.|all|everyone|anyone)\b", best.text, re.I):
        return False
    group_words = frozenset(stems(" ".join(m.group(0) for i in asked for m in rules.PEOPLE_GROUPS[i].finditer(own))))
    return q.share(best.text, group_words) >= rules.YES_SHARE


def _compass(text: str) -> set[str]:
    """The parts of an area a text names by the compass ("the north", "East neighbourhood", "north-east")."""
    return {(m.group(1) + (m.group(2) or "")).lower() for m in rules.COMPASS.finditer(text)}


def compass_asked(own: str, analysis: Analysis) -> set[str]:
    """The parts of an area a question names, but in the council's own name ("does north somerset …")."""
    for name in sorted({*analysis.named_as, *analysis.authorities}, key=len, reverse=True):
        own = re.sub(re.escape(name), " ", own, flags=re.I)
    return _compass(own)


_PLACING_WORDS = frozenset(stems("mostly mainly largely primarily most area areas borough county district city part parts side"))


def _says_elsewhere(q: Asked, best: Candidate) -> bool:
    """"Is the pilot in the north of the borough?" is answered "No" by a sentence placing it in
    another part ("the East neighbourhood … pilot"), saying most of the rest asked."""
    if (own := q.own) is None or not (asked := compass_asked(own, q.analysis)):
        return False
    # (of the clauses about what was asked: "The hubs sat in the centre and south, while the north
    # had outreach sessions" places the hubs in the south)
    # (nor the words placing it: "mostly down in the south of the area")
    besides = frozenset(stems(" ".join(asked))) | _PLACING_WORDS
    about = q.terms - besides
    placed = {p for clause in re.split(r"[,;:–—]|\bwith\b|\bwhile\b|\bwhereas\b", best.text) if about & stems(clause)
              for p in _compass(clause)}
    if not placed or any(a in p or p in a for a in asked for p in placed):
        return False
    return q.share(best.text, besides) >= rules.YES_SHARE


def _versus_average(q: Asked, texts: list[str]) -> bool | None:
    """"Do fewer people in X feel safe than the England average?" answered from the first sentence
    quoted that gives both figures: yes when the council's is lower. None when the question compares
    with no average, both ways or neither, or no sentence gives such a pair ("older" needs the older
    people's share: a lower share aged 18 to 64 is no answer)."""
    own = q.plain
    if not rules.ASKS_VERSUS_AVERAGE.search(own):
        return None
    # ("clearly below the average?": a figure the report calls similar to it is not)
    if _CLEARLY.search(own) and any(rules.IN_LINE.search(t) for t in texts):
        return False
    if (up := rules.direction(own)) is None:
        return None
    found = next(((m, t) for t in texts for p in rules.VERSUS_AVERAGE if (m := p.search(t))), None)
    if found is None:  # ("in line with the England average": neither higher nor lower)
        return False if any(rules.IN_LINE.search(t) for t in texts) else _said_versus_average(q, texts, up)
    if float(found[0].group(1)) == float(found[0].group(3)):
        return None
    m, text = found
    if re.search(r"\b(?:older|younger)\b", own, re.I) and not rules.OLDER_PEOPLE.search(text):
        return None
    return (float(m.group(1)) > float(m.group(3))) == up


_CLEARLY = re.compile(r"\b(?:clearly|significantly|much|well|far|substantially|markedly|considerably|way|a lot|noticeably)\s+"
                      r"(?:above|below|higher|lower|better|worse|more|less|fewer|over|under)\b", re.I)
_THAN_LATER = re.compile(r"\b(more|less|lower)\b[^.?;]{1,60}?\bthan\b", re.I)
# "Is Woking the biggest borough in Surrey?", "is Southgate among its most populous wards?": a name asked
# to be the one (or among the ones) a superlative picks out.
_NAMED_SUPERLATIVE = re.compile(r"^\s*(?:is|was|are|were)\s+(?P<name>[\w'’ &-]{2,40}?)\s+(?:the|its|their|(?:one of|among) (?:the|its|their))\s+"
                                r"(?P<sup>biggest|largest|smallest|main|most|highest|lowest|busiest|poorest|richest|oldest|newest)\b", re.I)
_SUPERLATIVE_ALIKE = {"biggest": "biggest|largest", "largest": "biggest|largest", "poorest": "poorest|most deprived"}
_PICKED = re.compile(r"\b(?:is|was|are|were)\s+(?:in\s+)?(?P<names>(?:the\s+)?[A-Z][^;.]*?)(?=,?\s+followed by\b|,?\s+while\b|;|\.|$)")


def _versus_named(q: Asked, chosen: list[Candidate]) -> bool | None:
    """Answered by the sentence quoted that says which one the superlative picks out ("The largest
    borough in Surrey by population was Guildford"): yes when it names the one asked, no when it names
    others; the sentence must say most of the rest asked."""
    if q.own is None or not (m := _NAMED_SUPERLATIVE.match(q.own)):
        return None
    return next((said for c in chosen if (said := _picks(q, m, c.text)) is not None), None)


def by_name(question: str, analysis: Analysis, cands: list[Candidate]) -> tuple[str, Candidate] | None:
    """Asked whether a name no passage holds is the one a superlative picks out ("Is Woking the largest
    borough?"), the sentence that picks out another ("… was Guildford") answers "No"; asked whether the
    council belongs to a body by a name no passage spells so ("part of the Mid Downs ICS?"), the
    sentence naming the body answers "Yes" or "No"."""
    if (q := Asked.read(question, analysis)) is None or q.own is None:
        return None
    if m := _NAMED_SUPERLATIVE.match(q.own):
        return next((("No", c) for c in cands if _picks(q, m, c.text) is False), None)
    return next((("Yes" if said else "No", c) for c in cands if (said := _in_body(q, c.text)) is not None), None)


def named_otherwise(question: str, analysis: Analysis, cands: list[Candidate]) -> Candidate | None:
    """Asked whether something is the one a name no passage holds picks out ("run in the West
    neighbourhood?", "through the Lancashire Health and Care Partnership?"), the sentence about the
    same thing naming another of that kind in its place ("the East neighbourhood", "the Cheshire Health
    and Care Partnership") answers "No"."""
    if (q := Asked.read(question, analysis)) is None or q.own is None:
        return None
    council = stems(" ".join(analysis.authorities)) | stems(analysis.authority_words)
    read = " ".join(c.text for c in cands).lower()
    # A council is run by one party at a time: another said to be in control says no ("switched to a Labour
    # majority?" — "… to a Liberal Democrat majority"; not "the Lib Dems?", the same party)
    if rules.ASKS_CONTROL.search(q.own) and (party := _party(q.own)) is not None and not _LOST_CONTROL.search(q.own):
        return next((c for c in sorted(cands, key=lambda c: -c.score) if c.coverage >= _MOST_ASKED
                     and (said := list(rules.IN_CONTROL.finditer(c.beside))) and _party(said[-1].group("party")) != party), None)
    asked = [(name, _after(q.own, m.end())) for m in _PROPER.finditer(q.own)
             if (name := _bare(m.group(1))) and name.lower() not in read and not stems(name) <= council]
    for c in sorted(cands, key=lambda c: -c.score):
        if c.coverage < _MOST_ASKED:  # (a sentence about the same thing: most of what was asked)
            continue
        for m in _PROPER.finditer(c.text):
            said, after = _bare(m.group(1)), _after(c.text, m.end())
            if not said or stems(said) <= council:
                continue
            for name, then in asked:
                a, b = name.lower().split(), said.lower().split()
                # Only of what a council has one of: its health body ("… Health and Care Partnership"), or the
                # place something was done ("the East neighbourhood"); a council works with many charities,
                # boards and hubs, and one named says nothing of another.
                same_body = len(a) > 1 and len(b) > 1 and _ONE_BODY.search(name) and _ONE_BODY.search(said) and a[0] != b[0]
                same_place = then is not None and then == after and then in _PLACES
                if "".join(a) != "".join(b) and (same_body or same_place):  # ("Northwest" is "North West")
                    return c
    return None


# A name as a question or sentence writes it (its first word may open the sentence).
_PROPER = re.compile(r"\b((?-i:[A-Z])[a-zA-Z'’&-]+(?:\s+(?:and\s+|of\s+|&\s+)?(?-i:[A-Z])[a-zA-Z'’&-]+)*)")


_MOST_ASKED = 0.4
_ONE_BODY = re.compile(r"\b(?:health and care partnership|integrated care (?:system|board|partnership)|ICS|ICB|ICP)$", re.I)
_PLACES = frozenset({"neighbourhood", "neighbourhoods", "locality", "localities", "area", "ward", "district", "quarter", "patch", "side"})


def _bare(name: str) -> str:
    """A name without the small word a question or sentence opens with ("Was Camden's", "The East")."""
    words = name.split()
    while words and words[0].lower() in STOPWORDS:
        words = words[1:]
    return " ".join(words)


def _after(text: str, end: int) -> str | None:
    """The word just after a name, when it is no small word ("neighbourhood" of "the West neighbourhood")."""
    m = re.match(r"\s+([a-z]{4,})\b", text[end:])
    return m.group(1) if m and m.group(1) not in STOPWORDS else None


# "Is X part of the North Central London ICS?", "is it in the frimley integrated care system": the
# health body a council belongs to, by name; and a sentence saying which ("sits within the Frimley
# Integrated Care System (ICS)").
_BODY_KIND = r"(?P<kind>integrated care (?:system|board|partnership)|ICS|ICB|ICP)\b"
_BODY_ASKED = re.compile(r"^(?:is|are|was|were|(?:does|do|did)\s+(?:[\w&'’-]+\s+){1,5}?(?:sit|belong|fall|come))\s+(?:[\w&'’-]+\s+){0,5}?"
                         r"(?:part of|in|within|inside|(?:a )?member of|to|covered by|under)\s+(?:the\s+)?"
                         r"(?P<name>(?:[\w&'’,.-]+\s+){1,7}?)(?:nhs\s+)?" + _BODY_KIND, re.I)
_BODY_SAID = re.compile(r"\b(?:part of|in|within|inside|(?:a )?member of|belongs? to|covered by|under)\s+(?:the\s+)?"
                        r"(?P<name>(?:(?:[A-Z][\w&'’.-]*|and|&),?\s+){1,7}?)(?:\((?:[A-Z]{2,5})\)\s+)?(?:NHS\s+)?" + _BODY_KIND.replace("(?P<kind>", "(?P<kind>(?i:") + ")")


def _in_body(q: Asked, text: str) -> bool | None:
    """Does the sentence place the council in the health body the question names (True), in another
    (False), or say nothing of it (None)?"""
    if not (asked := _BODY_ASKED.search(q.own or "")) or not (said := _BODY_SAID.search(text)):
        return None
    a, b = _body_words(asked.group("name")), _body_words(said.group("name"))
    if not a or not b:
        return None
    if "".join(a) == "".join(b) or any(_initials(x) == "".join(y) for x, y in ((a, b), (b, a))) or re.search(rf"\(\s*{''.join(a)}\s*\)", text, re.I):
        return True  # ("Northwest London" is "North West London"; "NCL" is "North Central London (NCL)")
    # (a name within the other may be its short form, "Frimley" for "Frimley Health and Care"; two
    # names each with words the other lacks are two bodies, "North West London" and "North Central London")
    return None if set(a) <= set(b) or set(b) <= set(a) else False


def _body_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in ("and", "the", "nhs")]


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words)


def _versus_body(q: Asked, chosen: list[Candidate]) -> bool | None:
    """Answered by the sentence quoted that names the body the council belongs to."""
    return next((said for c in chosen if (said := _in_body(q, c.text)) is not None), None)


def _picks(q: Asked, m: re.Match[str], text: str) -> bool | None:
    """Does the sentence pick out the name asked (True), others (False), or say nothing of it (None)?"""
    name, sup = m.group("name").lower(), m.group("sup").lower()
    found = re.search(rf"\b(?:{_SUPERLATIVE_ALIKE.get(sup, sup)})\b", text, re.I)
    besides = frozenset(stems(f"{m.group('name')} {sup}"))
    if found is None or q.terms - besides and q.share(text, besides) < rules.YES_SHARE:  # (nothing else asked: the superlative says it)
        return None
    # (the ones it picks: what follows its verb, up to "followed by" or the sentence's end)
    picked = _PICKED.search(text, found.end())
    return None if picked is None else name in picked.group("names").lower()


def _party(text: str) -> str | None:
    """The party a text names, as one key ("the tories": conservative), if one."""
    return next((key for key, names in rules.PARTY_NAMES if re.search(rf"\b(?:{names})\b", text, re.I)), None)


def _versus_party(q: Asked, chosen: list[Candidate]) -> bool | None:
    """"Is the council run by the tories?" answered by the sentence quoted saying which party is in
    control ("a Labour-led council"; of "from a Labour majority to a Green majority", the last)."""
    if q.own is None or not rules.ASKS_CONTROL.search(q.own) or (asked := _party(q.own)) is None:
        return None
    lost = bool(_LOST_CONTROL.search(q.own))
    for c in chosen:
        if said := list(rules.IN_CONTROL.finditer(c.beside)):  # (or the sentence it goes on from)
            now = _party(said[-1].group("party"))
            if not lost:
                return now == asked
            # ("did the Greens lose their majority?": they held it before, and another holds it now)
            return None if asked not in {_party(m.group("party")) for m in said[:-1]} | {now} else now != asked
    if lost:
        return None
    for c in chosen:
        if len(seats := _seats(c.text)) >= 2:
            # (a party runs a council alone only with more than half the seats; short of that, no one
            # party is said to run it, though the largest may lead it)
            top = max(seats, key=seats.__getitem__)
            if seats[top] * 2 > sum(seats.values()):
                return top == asked
            return False if asked not in seats or seats[asked] < seats[top] else None
    return None


_LOST_CONTROL = re.compile(r"\b(?:lose|loses|lost|losing|ousted|voted out|out of (?:power|control)|give up|gave up)\b", re.I)


def _seats(text: str) -> dict[str, int]:
    """Councillors by party ("43 Labour councillors, 5 Liberal Democrat, …"), when a sentence counts them."""
    if not rules.SEATS_SAID.search(text):
        return {}
    seats: dict[str, int] = {}
    for m in rules.SEATS.finditer(text):
        if (party := _party(m.group("party") or m.group("party2"))) is not None:
            seats[party] = seats.get(party, 0) + int(m.group("n") or m.group("n2"))
    return seats


def _versus_seats(q: Asked, chosen: list[Candidate]) -> bool | None:
    """"Are there more Lib Dem councillors than Labour in X?", "like 10 tory councillors?" answered by
    the sentence counting councillors by party."""
    if q.own is None:
        return None
    if (n := _ASKS_SEATS.search(q.own)) and (party := _party(n.group("what"))):
        return next((_against(seats[party], _count_of(n.group("n")), n.group("bound")) for c in chosen if party in (seats := _seats(c.text))), None)
    if not (m := _MORE_SEATS.search(q.own)):
        return None
    first, second = _party(m.group("first")), _party(m.group("second"))
    if first is None or second is None or first == second:
        return None
    for c in chosen:
        if first in (seats := _seats(c.text)) and second in seats:
            return seats[first] > seats[second] if m.group("way").lower() == "more" else seats[first] < seats[second]
    return None


# "like 10 lib dem councillors?", "more than 5 Green seats?"
_ASKS_SEATS = re.compile(_BOUND_COUNT + r"\s+(?P<what>(?:[\w-]+\s+){1,3}?(?:councillors?|seats?|members?))\b", re.I)
_MORE_SEATS = re.compile(r"\b(?P<way>more|fewer|less)\s+(?P<first>[\w ]{2,30}?)\s+(?:councillors?|seats?|members?)?\s*than\s+(?:the\s+)?(?P<second>[\w ]{2,30})", re.I)


_SOCIAL_CARE = re.compile(r"\b(?:adult social care|social care|ASC|care)\b", re.I)
_WHOLE_BUDGET = re.compile(r"\b(?:total|overall|whole|council['’]?s?)\b", re.I)


def _versus_estimate(q: Asked, chosen: list[Candidate]) -> bool | None:
    """"Did X spend more than it estimated?", "did it stay within budget?": answered by the sentence
    quoted that says which way its spending went ("£8.3m less than estimated", "had overspent"). A
    report gives the council's whole budget and its adult social care spend apart: a question naming
    one is answered by that one's sentence; naming neither, both must agree."""
    # ("spend less on care in 2023/24 than it had estimated")
    if (asked := _spent_more(_THAN_LATER.sub(r"\1 than", q.plain))) is None:
        return None
    said = [(c, up) for c in chosen if (up := _spent_more(c.text)) is not None]
    topic = _SOCIAL_CARE.sub(" ", q.plain)
    if _SOCIAL_CARE.search(q.plain):
        said = [(c, up) for c, up in said if _SOCIAL_CARE.search(c.beside)]
    elif _WHOLE_BUDGET.search(topic):
        said = [(c, up) for c, up in said if not _SOCIAL_CARE.search(c.beside)] or said
    ways = {up for _, up in said}
    return None if len(ways) != 1 else ways.pop() == asked


def _spent_more(text: str) -> bool | None:
    """Does the text say spending went over the plan (True) or under it (False)? None: neither, or both."""
    more, less = bool(rules.SPENT_MORE.search(text)), bool(rules.SPENT_LESS.search(text))
    return None if more == less else more


_QUALITY = re.compile(r"\b(?:better|worse)\b", re.I)
_UP_SAID = re.compile(r"^(?:above|higher|more|greater|better|exceed)", re.I)


def _said_versus_average(q: Asked, texts: list[str], up: bool) -> bool | None:
    """"Was reablement above the national average?" answered by a sentence saying in words which side
    of it the thing asked lies ("only 2.1% … received reablement, below the national average"): the
    sentence must say most of what was asked, and compare as the question does (higher or lower is
    no answer to better or worse: a lower wait is better)."""
    asked = rules.UP_WORDS.search(q.plain) or rules.DOWN_WORDS.search(q.plain)
    if asked is None or re.fullmatch(r"older|younger", asked.group(0), re.I):
        return None
    for text in texts:
        if (said := rules.SAID_VERSUS_AVERAGE.search(text)) and q.share(text) >= rules.YES_SHARE:
            if bool(_QUALITY.search(said.group("dir"))) != bool(_QUALITY.search(asked.group(0))):
                return None
            return bool(_UP_SAID.match(said.group("dir"))) == up
    return None


def _similarity(embed: Embed, a: str, b: str) -> float:
    """Cosine of two texts' embeddings."""
    return cosine(*embed([a, b]))
