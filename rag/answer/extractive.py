"""The default answerer, no LLM: the report sentences that best answer the question, each cited.

Grounded by construction: every sentence of the answer is a verbatim sentence of a cited passage.
A relevance gate stands before every answer: when the question asks for a kind of thing (a date,
a count, a share, a name …) and the best sentence does not give one, it abstains and says what
the reports do not give, rather than answer a neighbouring question.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rag import framework as fw
from rag import rules
from rag.answer import polar, structured
from rag.answer.candidate import (
    COUNTED,
    EVERYWHERE,
    FIGURES,
    GENERIC,
    NOT_A_TOPIC,
    NOT_COUNTED,
    RESIDENTS,
    ROLES,
    SAID_BY,
    SYNONYMS,
    Candidate,
    Embed,
    cosine,
    councils_alike,
    question_terms,
)
from rag.answer.compose import Cited, abstain, listing
from rag.answer.followup import context_of, told_first
from rag.answer.support import (
    FIGURE,
    NAME_ENDINGS,
    facts,
    figures_unsaid,
    names_stated,
    numbers,
    quoted_names,
    stems,
    unsaid,
)
from rag.catalog import Catalog
from rag.gazetteer import Gazetteer, load_gazetteer
from rag.models import Answer, SearchHit
from rag.query import Analysis, own_words
from rag.text import (
    STOPWORDS,
    Span,
    content_words,
    fold,
    normalise_space,
    sentences,
    stem,
    uncontracted,
    words,
)
from rag.text import terms as in_order

MIN_COVERAGE = rules.MIN_COVERAGE
NEAR_BEST = 0.75  # a sentence scoring this share of the best's may be quoted beside it
EXTRACTIVE = "extractive"
def expects(question: str) -> str | None:
    """What kind of thing the question asks for (rules.KIND_PATTERNS), or None for anything. A
    follow-up asks in its own words: "What happened to the urgent ones (How many cases …)?" is no count."""
    return _asked(question)[1]


def _asked_part(question: str) -> str:
    return _asked(question)[0]


def _asked(question: str) -> tuple[str, str | None]:
    """The words that ask, after any told first ("X was due to be refreshed – when was …?",
    "camden's neighbourhood teams - what sort of system do they run?"), and the kind they ask for."""
    question = uncontracted(own_words(question))
    while (kind := next((k for k, pattern in rules.KIND_PATTERNS if pattern.search(question)), None)) is None and (
            told := rules.TOLD_THEN_ASKED.match(question)):
        question = question[told.end() :]
    return question, kind


_TIMED_BY = re.compile(r"\b(?:after|before|since|following|until|when)\b(?:\s+[\w'’-]+){0,6}\s*$", re.I)


def answers_kind(text: str, wants: str | None, generic: set[str]) -> bool:
    match wants:
        case "date":  # (not the year in a law's name, "assessed under the Care Act 2014", unless a time is set by it: "after the Act 2022")
            return bool(rules.DATE.search(rules.LAW_YEAR.sub(lambda m: m.group(0) if _TIMED_BY.search(text[: m.start()]) else " ", text)))
        case "contact":
            return bool(rules.CONTACT.search(text))
        case "duration":
            return bool(rules.DURATION.search(text))
        case "share":
            return bool(rules.SHARE.search(text))
        case "amount":
            return bool(rules.AMOUNT.search(text))
        case "quantity":  # a year or a month is no quantity ("for 2024/25" neither)
            return polar.gives_figure(text)
        case "count":
            text = rules.ONE_OF_THEM.sub("", text)
            return bool(rules.COUNT_NUMBER.search(text) or rules.COUNT_CHANGE.search(text))
        case "rate":
            return bool(rules.RATE.search(text))
        case "age":
            return bool(rules.AGE.search(text))
        case "rank":  # (not the ends of a scale explained: "(where 1 is the lowest need and 10 the highest)")
            return bool(rules.RANK.search(rules.SCALE_NOTE.sub(" ", text)))
        case "party":
            return bool(rules.PARTY.search(text))
        case "frequency":
            return bool(rules.FREQUENCY.search(text))
        case "name" | "place":  # a proper name other than the authority's own or the question's
            return any(f.startswith("!") and stems(f[1:]) - generic for f in facts(text))
    return True


def _thing_asked(question: str, wants: str | None) -> str | None:
    """The kind of thing a "which team/service/scheme …" question asks for, as a stem: a sentence
    naming such a thing answers it even when the thing has no proper name ("the reablement team")."""
    m = _name_asked(question, wants)
    return stem(m.group("thing").lower()) if m and m.group("thing") else None


def _name_asked(question: str, wants: str | None) -> re.Match[str] | None:
    """Where a name question says what it asks for ("which services", "which hospital")."""
    return dict(rules.KIND_PATTERNS)["name"].search(_asked_part(question)) if wants == "name" else None


_PLURAL_AFTER = re.compile(r"\s+(?:areas|members|leads|leaders|managers|workers|providers|partners|types|groups|sites|users|staff)\b", re.I)


def _many_asked(question: str, wants: str | None) -> bool:
    """"Which services …?" asks for several things, "which team …?" for one."""
    m = _name_asked(question, wants)
    # (or a plural after it: "which service areas …", "which team members …")
    return bool(m and m.group("thing") and (m.group(0).lower().endswith("s") or _PLURAL_AFTER.match(m.string[m.end():])))


def _named_thing(question: str, wants: str | None) -> str | None:
    """"What is the name of Telford's long-term vision that …?": a vision, as a stem, whose proper
    name ("Borough Vision 2032") answers it though the question says "vision" too."""
    asked = _asked_part(question) if wants == "name" else ""
    m = _NAME_OF.search(asked) or _CALLED.search(asked)
    return stem(m.group("thing").lower()) if m else None


# The thing whose name is asked: the last word before what is said of it (or the question's end).
_NAME_OF = re.compile(r"\bnames? of (?:the |its |their |an? )?(?:(?:[A-Z][\w&-]*|and|of|upon|on)\s+)*?(?:[\w&-]+['’]s?\s+)?"
                      r"(?:[a-z-]+\s+){0,3}?(?P<thing>[a-z]+)\b(?=\s+(?:that|which|who|whose|where|it|they|used|for|in|to|at|with|under|by|of|on|from|within|across|through|being|run|set)\b|\s*[?.]?\s*$)")


# (or asked what it is called: "what is Camden's phone contact centre called?")
_CALLED = re.compile(r"\bwhat(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+|its\s+|their\s+)?(?:(?:[\w&-]+\s+){0,3}?[\w&-]+['’]s?\s+)?"
                     r"(?:[a-z-]+\s+){0,3}?(?P<thing>[a-z]+)\s+(?:called|named|known as)\b", re.I)


# A quoted name said to be a thing ("‘Ask Ashcombe’ was the council's phone line"), or a thing said to be
# called one ("a helpline known as ‘Care Direct’"): `what` is the thing, in up to five words.
_QUOTED_AS = re.compile(r"[‘“\"'][^’”\"']{2,60}[’”\"']\s+(?:is|was|are|were)\s+(?:(?:the|an?|its|their)\s+(?:[\w-]+['’]s\s+)?|[\w-]+['’]s\s+)(?P<what>(?:[\w-]+\s+){0,4}[\w-]+)"
                        r"|(?P<what2>(?:[\w-]+\s+){0,3}[\w-]+)\s+(?:called|named|known as|branded(?: as)?)\s+[‘“\"']", re.I)


_PLACE_IN = re.compile(r"\b[Ii]n\s+((?:[A-Z][\w'’-]+)(?:\s+(?:upon\s+|on\s+)?[A-Z][\w'’-]+)*)")
_NEAR_FIGURE = 8  # words between a place's name and its figure ("In Eton, about 5,000 people …")


def _places_asked(own: str, analysis: Analysis, hits: list[SearchHit]) -> tuple[frozenset[str], ...]:
    """The places a figure question names with "in" that are not the council asked about ("in
    Eton"): names the passages write with capitals too (not "in Care Homes", "in Quarter 2")."""
    council = stems(" ".join([analysis.authority_words, *analysis.statement_names, *rules.NOT_NAMES])) | GENERIC
    written = " ".join(h.text for h in hits)
    out = []
    for m in _PLACE_IN.finditer(own):
        # ("in Enfield's Bush Hill Park ward": the ward; "in Enfield": the council)
        words = [w for w in re.findall(r"[\w'’-]+", m.group(1)) if not stems(w) <= council]
        if (words and not re.match(rules.MONTH, m.group(1), re.I) and not any(c.isdigit() for c in m.group(1))
                and re.search(rf"\b{re.escape(' '.join(words))}\b", written)):
            out.append(frozenset(stems(" ".join(words))))
    return tuple(out)


def _figure_near(text: str, place: frozenset[str]) -> bool:
    """Does the sentence give a figure within a few words of the place's name?"""
    ws = re.findall(r"[\w'’.,£%-]+", text)
    at = [i for i, w in enumerate(ws) if stem(w.strip(".,").lower()) in place]
    figures = [i for i, w in enumerate(ws) if re.search(r"\d", w) and not rules.PERIOD.fullmatch(w.strip(".,"))]
    return any(abs(i - j) <= _NEAR_FIGURE for i in at for j in figures)


_COUNCILS_ASKED = re.compile(r"\bwhich\s+(?:\w+\s+)?(?:boroughs?|councils?|authorit(?:y|ies)|local authorit(?:y|ies)|districts?)\b", re.I)


def _names_a_council(text: str, besides: tuple[str, ...], gazetteer: Gazetteer) -> bool:
    """Does the sentence name an English council but those asked about ("shared with Slough and
    Reading"), not only say there are some ("neighbouring boroughs", "4 other local authorities")?"""
    return any(m.authority not in besides for m in gazetteer.mentions(text, case_sensitive=True))


_AFTER_PREPOSITION = re.compile(r"^\s*who\s+[\w-]+\s+(?:on|in|at|to|for|from|with|under|within|alongside)\s+$", re.I)


def _numbered(question: str) -> re.Pattern[str] | None:
    """"When did phase 2 go live?": the numbered thing asked about, which the sentence must name."""
    m = rules.NUMBERED_THING.search(question)
    return re.compile(rf"\b{m.group(1)}\s+{m.group(2)}\b", re.I) if m else None


def _counts_only_other_things(text: str) -> bool:
    """Every number the sentence counts with is of things other than people ("287 ethnic groups")."""
    counted = [m.group("noun").lower() for m in rules.COUNTED_NOUN.finditer(text)
               if m.group("noun").lower() not in STOPWORDS | rules.NO_NOUN and not rules.YEAR_AT.match(m.group(0))]
    numbers = len(rules.COUNT_NUMBER.findall(text))
    return bool(counted) and len(counted) >= numbers and not any(n in rules.PEOPLE_NOUNS for n in counted)


_HOME_TO = re.compile(r"\bhome to\b", re.I)


def _counts_other_than(text: str, needed: set[str]) -> bool:
    """"How many care homes …": no number in the sentence has the thing asked for beside it (in the
    five words after it, or, when no noun follows it, the four before: "400 people living with
    dementia" is no count of homes; "nurses worked from three localities" counts
    localities; "the list stood at 1,200" may count what comes before)."""
    found = list(rules.COUNT_NUMBER.finditer(text))
    before: list[str] = []
    for m in found:
        after = _HOME_TO.sub(" ", text[m.start() :]).split()[:6]  # "home to 898,000 residents": no care home
        if _names(stems(" ".join(after)), needed):
            return False
        first = words(" ".join(after[1:2]))
        if not first or first[0] in STOPWORDS | rules.NO_NOUN:
            before.append(_HOME_TO.sub(" ", " ".join(text[: m.start()].split()[-4:])))
    return bool(found) and not any(_names(stems(b), needed) for b in before)


def _name_with_ending_in(name: set[str], said: set[str]) -> bool:
    """Does a passage name what the question does, each word as written or with a people's or place's ending?"""
    return all(w in said or any(x.startswith(w) and x[len(w):] in NAME_ENDINGS or w.startswith(x) and w[len(x):] in NAME_ENDINGS
                                for x in said if len(x) >= 4 and len(w) >= 4) for w in name)


def _names(said: set[str], needed: set[str]) -> bool:
    """Do these words name one of the things needed, in its words or a synonym's ("14 local
    authorities" are councils)?"""
    said = councils_alike(said)
    return bool(needed & said or any(SYNONYMS.get(t, frozenset()) & said for t in needed))


_POPULATION = stem("population")


_OLDER_AGES = frozenset({"65", "65s", "75", "85", "elder", "elderli"})


_WHICH_THING = re.compile(r"^\s*(?:which|what)\s+(?!(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|kind|kinds|sort|type|types)\b)([a-z-]+)", re.I)


def _needed(question: str, wants: str | None) -> set[str]:
    """What must be named alongside: the role asked about ("who is the director"), or the thing
    counted ("how many beds": a sentence with a number of pounds does not answer it)."""
    if wants == "name" and rules.WHO_DOES.match(question):  # "Who does the director meet?": the role is who asks
        return set()
    if wants == "name" and (m := _WHICH_THING.match(question)) and not rules.ROLE_NOUN.match(f"the {question[m.start(1):]}"):
        return set()  # ("which languages do the link workers speak?": languages asked, the workers only said)
    if wants == "name":  # whole words: "directorate" is no director; nouns: "who leads it" asks for no person
        # "Who sits on the Care Partnership Executive?": a role after a preposition is where they sit, not who
        return {in_order(question[m.start(0) : m.end(0)])[-1] for m in rules.ROLE_NOUN.finditer(question)
                if not _AFTER_PREPOSITION.search(question[: m.start()])}  # (as a term: "vice chair" is "vicechair")
    # (in the reports' words: "the percentage of family members who look after someone" is of unpaid carers)
    if wants == "share" and (m := rules.search_as_asked(rules.SHARE_OF, question)):
        return stems(m.group(1))
    if wants in ("share", "quantity") and (m := rules.HOW_MEASURE.search(question)):  # "how safe … what %": safe
        return stems(m.group(1))
    if wants == "count" and (m := rules.search_as_asked(rules.PEOPLE_COUNTED, question)):  # "how many unpaid carers": carers
        return stems(m.group(1)) - NOT_COUNTED - RESIDENTS  # but residents are people
    if wants == "count":  # (as asked, or in the reports' words: "mother tongues" are languages spoken)
        head = []
        for m in filter(None, (rules.COUNTED.search(q) for q in dict.fromkeys((question, rules.in_report_words(question))))):
            for w in words(m.group(1)):
                if w in STOPWORDS:
                    break
                head.append(w)
        return stems(" ".join(head)) - NOT_COUNTED
    return set()


@dataclass
class _Sentence:
    hit: SearchHit
    span: Span  # offsets into the document
    text: str
    stems: set[str]
    inherited: set[str]  # the words of the sentence it goes on from, less its own
    continues: int | None  # the index of that sentence in the pool
    pairs: set[tuple[str, str]] = field(default_factory=set)  # its adjacent content words
    said: set[tuple[str, str]] = field(default_factory=set)  # the same, as written (lower case, unstemmed)
    periods: set[tuple[int, int]] = field(default_factory=set)  # the years it names, else those of the one it goes on from
    after: int | None = None  # the index of the sentence before it in its paragraph, whether or not it goes on from it


def _sentences(hits: list[SearchHit], use_frame: bool) -> list[_Sentence]:
    """Every sentence a passage answer may quote, each linked to the one it goes on from."""
    pool: list[_Sentence] = []
    spelled = _abbreviations(hits)
    for hit in hits:
        if hit.section in (fw.SCORE_SECTION, fw.OVERALL_SECTION) or (hit.boilerplate and not use_frame):
            continue
        spelled_here = spelled.get(hit.document_id, {})
        previous: tuple[int | None, int, set[str]] | None = None  # (pool index, line start, stems)
        announced = False
        for span in sentences(hit.text):
            text = span.of(hit.text)
            line = hit.text.rfind("\n", 0, span.start)
            stemmed = in_order(rules.IDLE_WORDS.sub(" ", text))
            own = set(stemmed)
            # ("the PSW had joined recently": the page spelled out "Principal Social Worker (PSW)")
            own |= {w for abbr in _ABBREVIATION.findall(text) for w in spelled_here.get(abbr, ())}
            # "This included …", "The service was based at …": a sentence that goes on from the one
            # before it in its paragraph is read with that one's words (at a discount).
            goes_on = previous is not None and previous[1] == line and (
                bool(rules.goes_on(text) or rules.REFERS_BACK.search(text)) or _same_subject(text, previous[2])
                or announced)
            # A sentence addressing the reader with instructions never drives an answer.
            # Nor does a line introducing a list ("The Financial facts for Darlington are:"), which says nothing itself.
            # Nor does a heading ("About Darlington Borough Council"): a short line with no full stop and no figure.
            if (rules.INJECTION.search(text) or rules.IMPERATIVE.match(text) or len(text.split()) < 4 or text.rstrip().endswith(":")
                    or _heading(hit.text, span) or _title(text)):
                previous = (None, line, own)
                continue
            inherited = previous[2] - own if goes_on and previous else set()
            before = previous[0] if inherited and previous else None
            years = rules.periods(text) or (pool[before].periods if before is not None else set())
            after = previous[0] if previous is not None and previous[1] == line else None
            previous = (len(pool), line, own)
            # "Partners reported some gaps in mental health services.": the next sentence says which
            announced = bool(rules.ANNOUNCES.search(text))
            pool.append(_Sentence(hit, Span(hit.start + span.start, hit.start + span.end), text, own, inherited, before,
                                  _pairs(stemmed), _pairs(content_words(text)), years, after))
    return pool


_DEFINED = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|the|&)\s+)?){2,6})\(([A-Z]{2,6})s?\)")
_ABBREVIATION = re.compile(r"\b([A-Z]{2,6})s?\b")


def _abbreviations(hits: list[SearchHit]) -> dict[str, dict[str, frozenset[str]]]:
    """Per document, the stems of each abbreviation its passages spell out: "Principal Social Worker
    (PSW)" - PSW: principal, social, worker. Only where the capitals are the words' initials."""
    out: dict[str, dict[str, frozenset[str]]] = {}
    for hit in hits:
        for m in _DEFINED.finditer(hit.text):
            words = [w for w in m.group(1).split() if w[:1].isupper()]
            for start in range(len(words)):  # ("… the Multi Agency Safeguarding Hub (MASH)": the last words)
                if "".join(w[0] for w in words[start:]).upper() == m.group(2):
                    out.setdefault(hit.document_id, {})[m.group(2)] = frozenset(stems(" ".join(words[start:])))
                    break
    return out


def _heading(text: str, span: Span) -> bool:
    """A line of its own, short, with no full stop and no figure: a heading, not a finding."""
    said = span.of(text)
    alone = not text[text.rfind("\n", 0, span.start) + 1 : span.start].strip() and not text[span.end :].split("\n", 1)[0].strip()
    return alone and len(said.split()) <= rules.HEADING_WORDS and not _ENDED.search(said) and not re.search(r"\d", said)


def _waits_for_other(question: str, text: str) -> bool:
    """Does the sentence give a wait for something else than the question asks the wait for? ("for a
    review": not "for a Care Act assessment"; "for an assessment" is answered by "for a Care Act assessment".)"""
    asked, said = rules.WAIT_OBJECT.search(question), rules.WAIT_OBJECT.search(text)
    if not asked or not said:
        return False
    a, s = stems(asked.group(1)) - EVERYWHERE, stems(said.group(1)) - EVERYWHERE
    return bool(a - s) and bool(s - a)


# "34% in 2011", "£4.2m in 2022/23": a year an earlier figure is given for
_FIGURE_OF_YEAR = re.compile(r"\d[\d.,]*\s*(?:%|per ?cent|m|million|bn)?\s+(?:in|for|during|by)\s+(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?", re.I)


def _years_around(hit: SearchHit, span: Span) -> set[tuple[int, int]]:
    """The years a passage names before a sentence (in it or earlier, but a year an earlier figure is
    given for), or in the source's title right after it ("… 65.30% … . Adult Social Care Survey
    (ASCS) 2023."): the years its figure is for. (Not "… up from 30% in 2011. Fewer people had a
    disability (14%) …": 2011 is the other figure's year.)"""
    own_start = span.start - hit.start
    before = _FIGURE_OF_YEAR.sub(" ", hit.text[:own_start]) + " " + hit.text[own_start : span.end - hit.start]
    after = hit.text[span.end - hit.start :]
    if (following := sentences(after)) and _title(source := following[0].of(after)):
        before += " " + source
    return rules.periods(before)


_TITLE_WORDS = frozenset({"and", "of", "the", "for", "in", "on", "to", "a", "an", "by", "at", "with"})


def _title(text: str) -> bool:
    """A title ending in a full stop ("Adult Social Care Survey (ASCS) 2023."): every word but the
    small ones capitalised; it names a source and says nothing (the "Published" line says when)."""
    said = re.findall(r"[A-Za-z][\w'’-]*", text)
    return (bool(said) and not rules.PUBLISHED_LINE.search(text)
            and all(w[0].isupper() or w.lower() in _TITLE_WORDS for w in said))


# A figure asked per unit ("how much does home care cost per hour?"): a sentence must give it per that unit.
_PER_UNIT = re.compile(r"\b(?:per|an?|each|every)\s+(?P<unit>hour|week|night|day|visit|person|head|resident|bed)\b"
                       r"|\b(?P<adverb>hourly|weekly|nightly|daily)\b", re.I)
_ADVERB_OF = {"hourly": "hour", "weekly": "week", "nightly": "night", "daily": "day"}


def _per_unit_all(text: str) -> set[str]:
    return {(m.group("unit") or _ADVERB_OF[m.group("adverb").lower()]).lower() for m in _PER_UNIT.finditer(text)}


def _per_unit(own: str) -> str | None:
    """The first unit a question asks a figure per, if any."""
    return None if (m := _PER_UNIT.search(own)) is None else (m.group("unit") or _ADVERB_OF[m.group("adverb").lower()]).lower()


_LEADING = frozenset({"chair", "head", "lead", "led", "run", "ran", "manag", "oversee", "coordinat"})
_LEADS = re.compile(r"\b(?:director|chair\w*|head(?:s|ed)?|manager|lead(?:s|er|ing)?|led|principal|chief|executive|"
                    r"cabinet member|portfolio holder|councillor|run by|managed by|overseen by)\b", re.I)


@dataclass
class _Asked:
    """What a question asks for, worked out once for all its candidate sentences."""

    wants: str | None  # the kind of thing (rules.KIND_PATTERNS)
    needed: set[str]  # the role or thing counted that the best sentence must name
    thing: str | None  # "which team …": the thing asked for, as a stem
    who: bool  # a "who …" question
    generic: set[str]  # words that name nothing new (the question's own, the authorities')
    common: set[str]  # words the passages use in lower case: no person's name
    toned: list[tuple[set[str], re.Pattern[str]]]  # the question's words for a weakness or strength, and
    # the sentences that say one ("What weaknesses …": "however …")
    names: list[set[str]]  # the proper names it asks about, as stems
    size_of_change: bool = False  # "How much did X reduce Y?" (not about time): a change's size
    periods: set[tuple[int, int]] = field(default_factory=set)  # the years it asks about
    ages: set[int] = field(default_factory=set)  # the age group it asks about ("85 and over": {85})
    actual: bool = False  # what was actually spent, not an estimate
    numbered: re.Pattern[str] | None = None  # "phase 2" asked about: a figure must be phase 2's
    people: bool = False  # "how many people …": a number of groups or cases does not count them
    findings: bool = False  # "what did the review find?": what came of something, not what was planned
    by: re.Pattern[str] | None = None  # "who chairs it?": "chaired by …" says who, whoever it is
    own: str = ""  # the question in its own words (a follow-up's, without its context)
    named_thing: str | None = None  # "the name of its long-term vision": a vision, as a stem
    of_whole: bool = False  # "what percentage of residents …": a share of a whole, not a relative difference
    benchmark: bool = False  # "what was the England average?": the benchmark's own figure
    surveyed: bool = False  # "how many people feel safe?": a survey's share answers it
    per_unit: str | None = None  # "how much does it cost per hour?": the unit a figure must be given per
    leader: bool = False  # "who leads/chairs/runs it?": staff and partners working in it do not say
    led: frozenset[str] = frozenset()  # "who chairs the high risk panel?": what is led, which the sentence must name
    councils: tuple[str, ...] = ()  # "which boroughs does X share it with?": X, and other councils the sentence must name
    gazetteer: Gazetteer = field(default_factory=load_gazetteer)  # the question's (it knows the ingested reports' names)
    places: tuple[frozenset[str], ...] = ()  # "how many people live in Eton?": a place, whose figure must be said next to it
    many: bool = False  # "which services …?" (not "which team …?"): a list of them answers it

    @classmethod
    def of(cls, question: str, analysis: Analysis, terms: set[str], hits: list[SearchHit]) -> _Asked:
        wants = expects(question)
        own = own_words(question)  # a follow-up's own words, without the context it carries
        if wants == "name" and len(analysis.authorities) > 1 and rules.CHOICE.search(own):
            wants = None  # "Who spends more, Brent or Darlington?": one of the councils, no other name
        needed = _needed(own, wants)  # not a role the context names ("a leader and cabinet model")
        # A name must add to the question: "Executive Director for People" does not name the director.
        generic = stems(analysis.authority_words) | GENERIC | (stems(question) if wants in ("name", "place") else set())
        common = set(re.findall(r"\b[a-z][a-z'’-]+\b", " ".join(h.text for h in hits))) if needed and wants == "name" else set()
        # Asked in the user's own words: not in the context a follow-up carries.
        toned = [({t for m in asks.finditer(own) for t in stems(m.group(0))} & terms, says)
                 for asks, says in rules.TONES]
        # "The weak spot in otherwise positive feedback": asked about both, it asks what fell short
        # (the first of rules.TONES).
        toned = [(w, says) for w, says in toned if w][:1]
        # (asked after what the user tells first: "windsor - who keeps an eye on safeguarding?")
        asked = question[told.end():] if (told := rules.TOLD_THEN_ASKED.match(question)) else question
        return cls(wants, needed, _thing_asked(question, wants), bool(re.match(r"\s*who\b", asked, re.I)), generic,
                   common, toned, _names_asked(question, analysis),
                   wants == "quantity" and bool(rules.HOW_MUCH.search(question) and rules.CHANGE.search(question))
                   and not rules.ABOUT_TIME.search(question), rules.periods(own), rules.ages(own),
                   bool(rules.ASKS_ACTUAL.search(own)), _numbered(own),
                   wants == "count" and bool((m := rules.PEOPLE_COUNTED.search(own)) and m.group(1).lower() in rules.PEOPLE_NOUNS),
                   bool(rules.ASKS_FINDINGS.search(own)), rules.done_by(own), own, _named_thing(question, wants),
                   wants == "share" and bool(rules.ASKS_SHARE_OF_WHOLE.search(own))
                   and not (rules.CHANGE.search(own) or rules.COMPARES.search(own)),
                   bool(rules.ASKS_BENCHMARK_FIGURE.search(own)), wants == "count" and bool(rules.search_as_asked(rules.SURVEYED, own) or rules.POPULATION_SHARE.search(own))
                   and not rules.NO_SHARE_WANTED.search(question),
                   per_unit=_per_unit(own), leader=(leader := bool(m := rules.WHO_VERB.match(own) or rules.WHO_VERB.match(asked))
                                                    and m.group(1).lower() in _LEADING),
                   led=frozenset(terms & stems(m.string[m.end():]) - stems(analysis.authority_words) - GENERIC) if leader else frozenset(),
                   councils=tuple(analysis.authorities) if wants == "name" and _COUNCILS_ASKED.search(own) else (),
                   places=_places_asked(own, analysis, hits) if wants in COUNTED else (), many=_many_asked(question, wants),
                   gazetteer=analysis.gazetteer or load_gazetteer())

    def names_thing(self, text: str) -> bool:
        """Does the sentence give a proper name with the thing whose name is asked ("Borough Vision 2032")?"""
        return bool(self.named_thing) and any(f.startswith("!") and self.named_thing in (n := stems(f[1:])) and len(n) > 1
                                              for f in facts(text))

    def names_needed(self, said: set[str]) -> bool:
        """Does a sentence name the role or thing counted? Of "how many main priorities" or "how many
        councillors sit", one of the two words is the thing counted: either will do. A council is
        a local authority or a borough."""
        said = councils_alike(said)
        said = _with_older(said)  # ("the share of older people": "aged 65 and over" names them)
        if self.wants == "count" and not self.people and len(self.needed) > 1:
            return bool(self.needed & said)
        if self.wants == "name":  # a role in other words ("deputy chair": "Vice Chair")
            return all(_names(said, {t}) for t in self.needed)
        return self.needed <= said

    def fits(self, sentence: _Sentence) -> bool:
        """Does the sentence give the kind of thing asked for (a date for "when" …)? The role or
        thing counted is checked apart, in `candidates`: only the best sentence must name it."""
        text, s = sentence.text, sentence.stems
        not_names = self.generic | stems(sentence.hit.authority)  # nor is the passage's own authority a name
        fits = answers_kind(rules.RELATIVE.sub(" ", text) if self.of_whole else text, self.wants, not_names)
        by_share = False
        if not fits and self.surveyed:  # "how many people feel safe?" (or are over 65): the share of them
            fits = by_share = answers_kind(text, "share", not_names)
        if not fits and self.wants == "duration" and (
                rules.ASKS_HOW_LONG_ONGOING.search(self.own) and rules.OVER_THE_LAST.search(text)
                or rules.ASKS_HOW_LONG_WAIT.search(self.own) and self._no_wait_for(text)):
            fits = True  # "how long has it been …?": "over the last year"; "how long do people wait?": "no waiting list"
        if not fits and self.wants == "duration" and rules.ASKS_HOW_LONG_RUNS.search(self.own) and any(
                last > first + 1 for first, last in rules.periods(text)):
            fits = True  # "how long does the strategy run?": "the Commissioning Strategy (2024-2031)"
        if not fits and self.wants == "count" and rules.COUNTS_WAYS.search(self.own) and rules.ENUMERATION.search(text):
            fits = True  # "in how many ways …?": "online, by phone or by text"
        if fits and self.size_of_change:  # the figure must not be only a length of time or a date
            fits = bool(rules.FIGURE.search(rules.DURATION.sub("", rules.DATE.sub("", text))))
        if not fits and (self.thing in s if self.thing else self.wants == "place" and rules.LOCATED.search(text)):
            fits = True  # "the reablement team" for "which team"; "based at the hospital" for "where"
        if not fits and self.names_thing(text):  # "Borough Vision 2032" names the vision asked about
            fits = True
        if not fits and self.named_thing and any(self.named_thing in stems(m.group("what") or m.group("what2")) for m in _QUOTED_AS.finditer(text)):
            fits = True  # "‘Call Fenn’ was the phone line the council ran": a name made of the question's own words
        if not fits and self.thing and self.many and rules.ENUMERATION.search(text):
            fits = True  # "which services": "housing, public health and adult social care"
        if not fits and self.wants == "name" and not self.needed and self.who and (rules.GROUPS.search(text) and not self.leader or ROLES & s):
            fits = True  # "who did the council consult?": "people with lived experience", "the director" answer it
        # (who leads it, said of something else: "the DASS chaired the partnership board" for "who chairs the panel?")
        if self.led and not self.led & (s | sentence.inherited):
            return False
        # "who is the director": a person's name, not a job title; but "which groups did the leaders
        # consult" asks for the groups.
        if self.wants == "name" and self.by is not None and self.by.search(text):
            return True  # "chaired by members from a VCSE organisation"
        if self.councils:  # ("no longer shared with neighbouring boroughs", "with 4 other local authorities": none named)
            fits = fits and _names_a_council(text, self.councils, self.gazetteer)
        if fits and self.wants == "name" and self.leader and not _LEADS.search(text):
            fits = _names_a_person(text, not_names, self.common)  # who leads it: not the staff working in it
        if self.wants == "name" and self.needed and fits and not self.thing:
            fits = _names_a_person(text, not_names, self.common)
        # Reports name posts, not people: a post said to be held by another answers who holds it ("who
        # is the place director?": "the director of communities also acted as the place director").
        # (the post asked is the one held too, named after "was also the" more than before it, as the holder)
        if not fits and self.wants == "name" and self.who and self.needed and (held := _HELD_TOO.search(text)):
            after, before, asked = stems(text[held.end() :]), stems(text[: held.start()]), stems(self.own) - GENERIC
            fits = self.needed <= after and len(asked & after) > len(asked & before)
        # (a question of any kind naming a year: "What was X's total budget for 2024/25?")
        if fits and (self.wants in FIGURES and self.wants != "date" or self.wants is None and self.periods):
            # A figure for another year is a neighbouring fact ("the 2022/23 survey": not 2023/24's
            # figure); asked about an age group ("aged 85 and over"), the sentence must name that age.
            given = rules.ages(text)
            fits = rules.same_period(self.periods, sentence.periods) and not (self.ages and not self.ages & given)
            # A figure asked for a year ("in 2001") from a sentence naming none is that year's only when
            # its passage names that year before it ("In 2024 we surveyed carers. 65% …"; not "68% … .
            # Unpublished 2024 data suggested further improvement.").
            if fits and self.periods and self.wants in COUNTED | {"rank"} and not sentence.periods:
                fits = bool(around := _years_around(sentence.hit, sentence.span)) and rules.same_period(self.periods, around)
            # A place in the council asked about: a figure said next to its name, not the whole
            # council's ("a population of 155,000 … across the borough, which includes … Eton").
            fits = fits and all(_figure_near(text, place) for place in self.places)
            # Asked what was actually spent, an estimate is not it ("estimated it would spend £105.7m").
            fits = fits and not self._only_aimed(text)
            # "How many people …": not "287 ethnic groups" nor "24 cases"
            # (a share of them counts them: "31% of residents were aged over 65")
            fits = fits and (by_share or not (self.people and _counts_only_other_things(text)))
            # "How many care homes …": not "400 people living with dementia"
            fits = fits and not (self.wants == "count" and not self.people and self.needed
                                 and _counts_other_than(text, self.needed))
        if fits and self.benchmark:  # the England average's figure: not the council's "in line with" it
            fits = bool(rules.BENCHMARK_FIGURE.search(text))
        if fits and self.wants == "date":  # a date the question names itself is no answer ("was due to be refreshed
            # after the Strategy (2020-2023): when was the new one published?")
            fits = any(m.group(0).lower() not in self.own.lower() for m in rules.DATE.finditer(text))
        if fits and self.wants == "date" and rules.ASKS_MONTH.search(self.own):
            fits = bool(rules.MONTH_WRITTEN.search(text) or rules.MONTH_SHORT.search(text))
        if fits and self.wants == "date" and rules.ASKS_NEW_THING.search(self.own):  # the new one's date
            fits = bool(rules.SPEAKS_OF_NEW.search(text))
        if fits and self.wants in FIGURES and self.numbered is not None:  # "when did phase 2 …": phase 2's date
            fits = bool(self.numbered.search(text))
        if fits and (self.wants in FIGURES or self.wants is None):  # "healthy life expectancy": not life expectancy; nor men's women's
            fits = not rules.lookalike_of(rules.in_report_words(self.own), text)
        if fits and self.wants in ("amount", "rate") and self.per_unit:  # "per hour": a figure per hour
            fits = self.per_unit in _per_unit_all(text)
        if fits and self.wants == "duration" and rules.TIME_DIFFERENCE.search(text) and not rules.ASKS_DIFFERENCE.search(self.own):  # the length, not a gap
            fits = answers_kind(rules.TIME_DIFFERENCE.sub(" ", text), self.wants, not_names)  # ("12.4 years lower than …")
        if fits and self.wants == "count" and rules.COUNT_MORE.search(text) and not rules.ASKS_MORE.search(self.own):  # a level, not a change
            fits = answers_kind(rules.AGE.sub(" ", rules.COUNT_MORE.sub(" ", text)), self.wants, not_names)  # ("6,000 more residents aged 65+")
        if fits and self.wants == "share" and rules.PERCENT_CHANGE.search(text) and not rules.ASKS_DIFFERENCE.search(self.own):  # the share, not a change
            fits = answers_kind(rules.PERCENT_CHANGE.sub(" ", text), self.wants, not_names)  # ("rose by 2.3%")
        if fits and self.wants in ("duration", "count"):  # a wait for a review: not one for an assessment
            fits = not _waits_for_other(self.own, text)
        if fits and self.wants == "date" and rules.ASKS_START.search(self.own):  # "when was it set up?": when it started
            fits = bool(rules.STARTED.search(text))
        if not fits and self.wants == "count" and self.needed and self._none_of(text):
            fits = True  # "how many acute hospitals …?": "there are no acute hospitals in the borough" (whatever else it counts)
        return fits

    def _none_of(self, text: str) -> bool:
        """Does the sentence say there is none of the thing counted ("there were no acute hospitals within …")?"""
        return any(self.needed & stems(m.group(1)) for m in rules.NONE_OF.finditer(text))

    def _no_wait_for(self, text: str) -> bool:
        """Does the sentence say nobody waits for what the question asks the wait for? ("no waiting
        lists for triage" answers a wait for triage, not for an assessment.)"""
        if not (said := rules.NO_WAIT.search(text)):
            return False
        m = rules.WAITED_FOR.search(self.own)
        asked = stems(m.group(1)) - EVERYWHERE if m else set()
        waited = re.match(r"\s+(?:for|on)\s+((?:\S+\s*){1,4})", text[said.end() :])
        # (asked the wait for something, a sentence must say nobody waits for that)
        return not asked or bool(waited) and bool(asked & stems(waited.group(1)))

    def planned(self, text: str) -> bool:
        """Asked whether something was achieved, or what it found, is this sentence only a plan for
        it? "Has it actually reached 13 providers yet?", "What did the JSNA find?" — "a tender to
        increase providers to 13", "they wanted to prepare a JSNA"."""
        return self.wants is None and (self._only_aimed(text) or self.findings and rules.intends(text))

    def _only_aimed(self, text: str) -> bool:
        """Asked what was actually done or spent, the sentence gives only an estimate or an aim."""
        return self.actual and bool(rules.ESTIMATE.search(text)) and not rules.ACTUAL.search(text)


def candidates(question: str, analysis: Analysis, hits: list[SearchHit], *, boilerplate: bool | None = None) -> list[Candidate]:
    terms = question_terms(question, analysis)
    # (not what it sets aside: "apart from dementia places, what other gaps …?")
    if set_aside := rules.SET_ASIDE.search(own_words(question)):
        terms -= stems(set_aside.group("what") or set_aside.group("what2"))
    pool = _sentences(hits, analysis.wants_boilerplate if boilerplate is None else boilerplate)
    if not pool or not terms:
        return []
    df = {t: sum(1 for x in pool if t in x.stems) for t in terms}
    idf = {t: math.log(1 + len(pool) / (1 + df[t])) + 0.1 for t in terms}
    asked = _Asked.of(question, analysis, terms, hits)
    reworded = rules.in_report_words(asked.own)  # the follow-up's own words, its idioms in the reports' words
    # A follow-up's own words weigh more than the earlier turn it was given as context.
    own = stems(reworded)  # (the reports' words for its idioms are its own too)
    # Words only the last answer brought weigh least: they say what "it" was, and much besides.
    asked_before, answered = context_of(question)
    only_answered = stems(answered) - stems(asked_before) - own
    idf = {t: w if t in own else w * rules.CONTEXT_WEIGHT * (rules.ANSWER_CONTEXT_SHARE if t in only_answered else 1)
           for t, w in idf.items()}
    total = sum(idf.values())
    top_rank = max(h.rank_score for h in hits) or 1.0
    # Words the question puts side by side ("care strategy"), as a phrase: a sentence that keeps
    # them together says what was asked rather than something near it.
    phrases = {p for p in _pairs(in_order(reworded)) if p[0] in terms and p[1] in terms}
    # and as written: of two sentences alike in every other way, the one in the question's own words
    # ("felt safe", not "made them feel safe").
    written = _pairs(content_words(asked.own))
    # (its council's own name too: "Which London borough …?" is answered by the London Borough of Haringey's)
    in_passage = {h.chunk_id: stems(f"{h.section} {h.text} {h.authority}") for h in hits} if asked.names else {}
    defines_nothing_asked = not rules.ASKS_DEFINITION.search(asked.own)
    exists_asked = bool(rules.ASKS_EXISTS.search(asked.own))
    # Asked whether a thing exists ("does X have a safeguarding adults board?"), a sentence must name
    # that kind of thing: the words before its last one ("safeguarding"), not another board.
    kind_of_thing = _kind_asked_to_exist(asked.own, terms) if exists_asked else set()
    why_asked = bool(rules.ASKS_WHY.search(asked.own))
    process_asked = bool(rules.ASKS_PROCESS.search(asked.own))
    population_asked = _POPULATION in terms and (asked.wants == "count" or bool(rules.search_as_asked(rules.ASKS_POPULATION_SIZE, question)))
    gap_not_asked = not rules.ASKS_GAP.search(rules.in_report_words(question))
    no_group_asked = asked.wants in COUNTED and not asked.ages and not any(g.search(asked.own) for g in rules.PEOPLE_GROUPS)
    planned = [asked.planned(x.text) for x in pool]
    fitting = [asked.fits(x) and not planned[i] for i, x in enumerate(pool)]
    # A sentence going on from another gives a figure of what that one measures ("… 68% were satisfied.
    # That is above the England figure of 61%."): a look-alike of the measure asked there is one here.
    if asked.wants in FIGURES or asked.wants is None:
        measure = rules.in_report_words(asked.own)
        fitting = [f and not (x.continues is not None and rules.lookalike_of(measure, f"{pool[x.continues].text} {x.text}"))
                   for f, x in zip(fitting, pool, strict=True)]
    # Asked the name of a vision, a sentence naming one ("Borough Vision 2032") is the answer, before
    # any other that only holds some proper name.
    if asked.named_thing:
        naming = [f and asked.names_thing(x.text) for f, x in zip(fitting, pool, strict=True)]
        fitting = naming if any(naming) else fitting
    # What a figure is asked about, beyond the words every report holds.
    # (not the words for the kind of figure: "what percentage" asks a share of something)
    # (a follow-up's, in its own words: "and what proportion felt in control?" after a satisfaction figure)
    topic = ((terms & own) - NOT_A_TOPIC or terms - NOT_A_TOPIC) if asked.wants in COUNTED else set()
    topic = topic - _PEOPLE_STEMS or topic  # ("what percentage of residents speak Turkish?": Turkish speakers, not any residents)
    topic = {t for t in topic if not rules.YEAR_AT.fullmatch(t)} or topic  # (a year asked is when, not what: "disabled in 2011?")
    # People counted by what they did or said: a sentence must say that too, not only count them
    # ("how many carers were satisfied?" is not "230 carers were waiting")
    doing = topic - _PEOPLE_STEMS if asked.wants == "count" and asked.people else set()
    # … and a share of some people that are something: a sentence must say what they are, not only
    # who they are ("what proportion of the economically inactive are students?": not "35% were inactive")
    if asked.wants == "share" and (m := rules.SHARE_THAT_ARE.search(asked.own)):
        doing = {t for t in (stems(m.group("what")) & terms) - NOT_A_TOPIC - _PEOPLE_STEMS if not rules.YEAR_AT.fullmatch(t)}
    out = []
    for i, x in enumerate(pool):
        covered = frozenset(terms & x.stems)
        # (a whole population, not an age group's, unless the question asks for one: "32,366 people over the age of 65")
        whole_population = population_asked and rules.POPULATION_SIZE.search(x.text) and (asked.ages or not rules.ages(x.text))
        if whole_population:
            covered |= {_POPULATION}  # "home to nearly 340,000 residents" is the population asked for
        borrowed = (terms & x.inherited) - covered
        # "Bristol's gap does not compare well. Out of 149 councils, Bristol is 27th worst.": a rank
        # follows the sentence that says what is ranked, and is read with its words. (Not a date or a
        # count: the one after a sentence is as often about something else.) So does how often: "… by
        # getting the relevant people together. Every few months a team would meet …". So do the things a
        # "what initiatives …" question asks for: "… winter planning with health partners. Initiatives
        # included wrap around care, …".
        if asked.wants in ("rank", "frequency") and fitting[i] and x.continues is None and x.after is not None and not fitting[x.after]:
            borrowed |= (terms & pool[x.after].stems) - covered
        if asked.wants == "name" and asked.thing is not None and asked.thing in x.stems and fitting[i]:
            back = x.after  # the things named close a paragraph that says what they came of
            while back is not None and not fitting[back]:
                borrowed |= (terms & pool[back].stems) - covered
                back = pool[back].after
        alike = {t for t in terms - covered - borrowed if SYNONYMS.get(t, frozenset()) & x.stems or _negated(t) & x.stems}
        for says, meant in SAID_BY:
            if says.search(x.text):
                alike |= (terms & meant) - covered - borrowed
        for words_, says in asked.toned:  # says what fell short: covers "weakness"; what went well: "went well"
            if says.search(x.text):
                alike |= words_ - covered - borrowed
        coverage = (sum(idf[t] for t in covered) + rules.INHERITED_WEIGHT * sum(idf[t] for t in borrowed)
                    + rules.SYNONYM_WEIGHT * sum(idf[t] for t in alike)) / total
        score = coverage + 0.25 * x.hit.rank_score / top_rank
        if phrases:
            score += rules.PHRASE_BONUS * len(phrases & x.pairs) / len(phrases)
        if written:
            score += rules.WORDING_BONUS * len(written & x.said) / len(written)
        if gap_not_asked and rules.GAP.search(x.text):
            score -= rules.GAP_PENALTY
        if exists_asked and rules.EXISTS.search(x.text):
            score += rules.EXISTS_BONUS
        if (why_asked and rules.REASON.search(x.text) or asked.findings and rules.FOUND.search(x.text)
                or process_asked and rules.SEQUENCE.search(x.text)):
            score += rules.REASON_BONUS
        if whole_population:
            score += rules.POPULATION_BONUS
        if no_group_asked and (rules.ages(x.text) or any(g.search(x.text) for g in rules.PEOPLE_GROUPS[:2])):
            score -= rules.AGE_GROUP_PENALTY
        if defines_nothing_asked and rules.DEFINITION.match(x.text):
            score -= rules.DEFINITION_PENALTY
        if x.hit.quality_statement in analysis.statement_names:  # the quality statement the question names
            score += rules.STATEMENT_BONUS
        fits = fitting[i] and not (topic and not (covered | borrowed | alike) & topic)
        fits = fits and not (doing and not (covered | borrowed | alike) & doing)
        fits = fits and not (kind_of_thing and not kind_of_thing & (covered | borrowed | alike))
        if asked.wants:
            score += 0.2 if fits else -0.3
        names = all(_name_with_ending_in(n, in_passage[x.hit.chunk_id]) for n in asked.names)
        # Only the best sentence must name the role or thing counted: others may answer another part.
        # ("DoLS cases": "… DoLS requests … There were 24 cases waiting": the sentence before may name it)
        fits = fits and (asked.names_needed(x.stems) or (x.after is not None and asked.names_needed(x.stems | pool[x.after].stems)))
        toned = any(says.search(x.text) for _, says in asked.toned) if asked.toned else None
        out.append(Candidate(x.hit, x.span, x.text, score, coverage, covered | borrowed, fits, asked.wants, names, toned, planned[i]))
    for i, x in enumerate(pool):
        if x.continues is not None:
            out[i].continues, out[x.continues].continued_by = out[x.continues], out[i]
    return sorted(out, key=lambda c: -c.score)


# Words whose negation names the same thing, as stems ("not consistently" and "inconsistencies"): only
# these, since many words look negated and are not ("income", "inform", "independent", "unpaid").
_NEGATABLE = frozenset(stems("consistent available accessible equal suitable appropriate adequate effective acceptable "
                             "safe sustainable affordable reliable timely fair clear"))


def _negated(t: str) -> set[str]:
    """A word and its negation name one thing ("not consistently" and "inconsistencies", "unavailable")."""
    if t[:2] in ("in", "un") and t[2:] in _NEGATABLE:
        return {t[2:]}
    return {f"in{t}", f"un{t}"} if t in _NEGATABLE else set()


def _kind_asked_to_exist(own: str, terms: set[str]) -> set[str]:
    """Of "is there a carers' drop-in hub in X?", the words saying which kind of hub ({"carer", "drop"}):
    a body's or a scheme's words but its last, as stems among the question's terms (one of them must
    be said); nothing for a thing of another kind ("an older population", "a big A&E hospital")."""
    m = rules.THING_ASKED_TO_EXIST.search(own)
    if not m or not rules.KIND_OF_BODY.search(m.group("thing")):
        return set()
    kind = [w for w in m.group("thing").split()[:-1] if w.lower() not in rules.SET_APART]
    return set(in_order(" ".join(kind))) & terms - EVERYWHERE


def _pairs(t: list[str]) -> set[tuple[str, str]]:
    """Adjacent content words, as stems in order (rag.text.terms)."""
    return set(zip(t, t[1:], strict=False))


_PERSON = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+\b")


def _names_a_person(text: str, not_names: set[str], common: set[str]) -> bool:
    """A person's name ("Jane Okafor"): two or more capitalised words, none a role, not the
    authority's or the question's own words, no acronyms ("ICS and ICB"), and none of them a
    word the passages also use in lower case ("Public Health" is a service, not a person)."""
    for m in _PERSON.finditer(text):
        n = stems(m.group(0))
        said = [w.lower() for w in m.group(0).split()]
        # (a body's name ends in what it is, "… Integrated Care System"; "Karen Ward" is a person)
        body = said[-1] in rules.BODY_HEADS or all(w in rules.NOT_IN_PERSONS_NAMES for w in said)
        if not n & ROLES and n - not_names and not body and not any(w in common for w in said):
            return True
    return False


_HELD_TOO = re.compile(r"\b(?:was|is|were|are) also (?:the|its|their)\b|\balso (?:acted|served|doubled) as\b|\bdoubled as\b", re.I)
_THE_NAME = re.compile(r"^\s*The ((?:[A-Z][\w'’-]*\s+){1,4})")


_PEOPLE_STEMS = frozenset(stems(" ".join(rules.PEOPLE_NOUNS)))
# Who else may be said to speak in a report: staff, leaders and partners.
_SPEAKERS = frozenset(stems(" ".join(rules.OTHERS.values()) + " staff workers practitioners professionals social officers team teams"))


def _same_subject(text: str, before: set[str]) -> bool:
    """A sentence whose subject is a name the sentence before it used ("… adopted the Lundy Model.
    The Lundy Model focuses on …"), or that points back at it by its last word ("The Health and
    Wellbeing Board met monthly. Carers also sat on the Board."), goes on from it."""
    m = _THE_NAME.match(text)
    if m and (named := stems(m.group(1))) and named <= before:
        return True
    return any((named := stems(n)) and named <= before for n in _THE_NAMED.findall(text))


# "the Board", "the Partnership" within a sentence: a name's last word, pointing back at it
# (not a name qualifying a noun: "the Riverside hub")
_THE_NAMED = re.compile(r"(?<=\w )the ([A-Z][a-z][\w'’-]+)(?=\s*[.,;:)]|\s*$|\s+(?:of|and|to|in|on|at|for|with|was|were|had|has|is|are|which|who|that)\b)")


def _names_asked(question: str, analysis: Analysis) -> list[set[str]]:
    """The proper names a question asks about ("the Care Act", "Home First"), as stems, less the
    authorities' and statements' own names and the framework's words: a passage that names none
    of them answers another question. Acronyms ("NHS", "BCF") are left out (a passage often spells
    them out, or they only qualify), and so are words people capitalise that name nothing in
    particular ("What did Inspectors find?")."""
    known = stems(" ".join([analysis.authority_words, *analysis.statement_names])) | GENERIC
    # Not the names the last answer happened to hold: a follow-up asks about its own and the question's.
    asked_before, answered = context_of(question)
    if answered:
        question = question.replace(answered, "")
        # nor the question's when the follow-up points at something only the answer named
        # ("How many areas does that ICB cover?" after "Who sits on the Health and Wellbeing Board?")
        pointed = [m.group(1) for m in _POINTED_AT.finditer(own_words(question))]
        if pointed and not any(stem(w.lower()) in stems(asked_before) for w in pointed):
            question = question.replace(asked_before, "")
    if told_first(question):  # nor what the user told first ("Councillor's researcher here.")
        question = own_words(question)
    question = rules.DESCRIBED_BY.sub(r"\1", fold(question))  # ("Labour-run": Labour)
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{2,6}s?\b|\b[A-Z]&[A-Z]\b", question)}
    out = []
    for f in facts(question):
        words_ = f[1:].split()
        # a name of several words is named whole ("People First"), its common words too
        parts = [w for w in words_ if w not in acronyms and (w not in rules.NOT_NAMES or len(words_) > 1)]
        if all(w in rules.NOT_NAMES for w in parts):
            parts = []
        if f.startswith("!") and parts and (n := stems(" ".join(parts)) - known):
            out.append(n)
    return out


# "that ICB", "this scheme": not "this year", nor "that" joining a clause ("said that it was …")
_POINTED_AT = re.compile(r"\b(?:that|this|those|these)\s+(?!(?:year|month|week|day|time|morning|evening|is|was|are|were|has|have|had|it|they|"
                         r"he|she|we|the|a|an|there)\b)([A-Za-z][\w-]*)", re.I)
_MONTH_AFTER = re.compile(rf"\s+{rules.MONTH}\b", re.I)


def only_planned(cands: list[Candidate]) -> bool:
    """The sentence most about the question is only a plan for what it asks was done: the reports
    do not say it was, unless the sentence going on from it does ("Its actual spend was …")."""
    if not cands or not cands[0].planned:
        return False
    after = cands[0].continued_by
    return not (after is not None and after.eligible and not after.planned and rules.ACTUAL.search(after.text))


def choose(cands: list[Candidate], limit: int = 3, min_coverage: float = MIN_COVERAGE, close: float = 1.0) -> list[Candidate]:
    """The best sentence, and up to two more that cover question terms it leaves out or score within
    `close` of it."""
    if not cands:
        return []
    if only_planned(cands):
        return []
    # The best sentence that gives the kind of thing asked for ("how many": a count); none: the reports do not say.
    best = next((c for c in cands if c.eligible), None)
    if best is None:
        return []
    # A sentence holding the kind of thing asked for ("which board" -> a board's name) needs less overlap.
    if best.coverage < min_coverage * (rules.KIND_BONUS if best.kind_asked else 1):
        return []
    # The sentences most about what was asked do not give the figure or date: one from a sentence
    # about something else is a neighbouring fact, not the answer.
    if best.kind_asked in FIGURES:
        about = max(c.coverage for c in cands if c.names_asked)
        if best.coverage < rules.NEIGHBOUR_SHARE * about:
            return []
    chosen = [best]
    covered = set(best.terms)
    if best.kind_asked in FIGURES:  # a figure or a date asked for: the best sentence's, not a rival's
        close = math.inf
    # The sentence that goes on from the best is tried first: of two that add the same ("against the
    # England average"), it is the one about the best's figure.
    tried_first = [best.continued_by] if best.continued_by is not None else []
    for c in tried_first + [c for c in cands if c is not best.continued_by]:
        if c is best:
            continue
        if len(chosen) >= limit:
            break
        new = c.terms - covered
        # Only the best sentence must give the kind asked for: others may answer another part.
        # (the best's own continuation comes whenever it adds a word asked: "This was better than the England average")
        if ((new or c.score >= close * best.score) and c.score >= NEAR_BEST * best.score and c.coverage >= min_coverage
                or c is best.continued_by and new):
            chosen.append(c)
            covered |= c.terms
    # "What could be better?": when the best sentence says nothing fell short ("most feedback was
    # positive"), the best that does comes too.
    if best.toned is False and not any(c.toned for c in chosen):
        toned = next((c for c in cands if c.toned and c.score >= rules.TONE_SHARE * best.score), None)
        if toned is not None:
            chosen.append(toned)
    # A sentence is read with the one it goes on from; and unless the question asks for a figure or
    # a date (which the best sentence gives), with the one that goes on from it ("This produced …"),
    # the best with up to two.
    for c in list(chosen):
        near = [c.continues]
        if best.kind_asked not in FIGURES:
            near += [after := c.continued_by, after.continued_by if after and c is best else None]
        for n in near:
            if n is not None and n not in chosen:
                chosen.append(n)
    # Read in document order within a passage, passages in rank order.
    order = {c.hit.chunk_id: i for i, c in enumerate(chosen)}
    return sorted(chosen, key=lambda c: (order[c.hit.chunk_id], c.span.start))


_NOT_IN = re.compile(r"\b(?:before|after|since|by|until|till|prior to)\s+(?:the\s+)?(?:end\s+of\s+)?(?:\w+\s+)?(?:19|20)\d\d\b", re.I)


def _published_then(own: str, line: str) -> str | None:
    """"Yes" or "No": was the page published in the year (and month, if named) the question says?"""
    years, given = rules.periods(own), rules.periods(line)
    if not years or not given or _NOT_IN.search(own):  # ("before 2025?", "since 2024?": not asked in which year)
        return None
    months = {m.group(0).split()[-1].lower() for m in rules.MONTH_WRITTEN.finditer(own)}
    said = {m.group(0).split()[-1].lower() for m in rules.MONTH_WRITTEN.finditer(line)}
    return "Yes" if rules.same_period(years, given) and (not months or months & said) else "No"


def _no_page_date(question: str, wants: str | None, cands: list[Candidate]) -> list[Candidate]:
    """The page's own date line gives no other kind of answer than a date ("a budget for 2025/26?":
    not "Assessment published: 28 February 2025"), nor when the next assessment is."""
    if wants == "date" and not rules.ASKS_NEXT_ASSESSMENT.search(question):
        return cands
    return [c for c in cands if not rules.PAGE_DATE_LINE.search(c.text)]


def kind_not_given(question: str, analysis: Analysis, texts: list[str]) -> str | None:
    """The relevance gate on sentences already written (a generated answer's): why to abstain when
    the question asks for a kind of thing none of them gives, else None."""
    wants = expects(question)
    generic = stems(analysis.authority_words) | GENERIC
    if wants and not any(answers_kind(t, wants, generic) for t in texts):
        return f"The passages found do not give {rules.KIND_WORDS[wants]} in answer to this question."
    return None


def _gap(question: str, analysis: Analysis) -> str | None:
    """Why we abstain, in the user's terms: what the reports do not give."""
    wants = expects(question)
    where = f" for {listing(analysis.authorities)}" if analysis.authorities else ""
    if wants:
        return f"No passage found{where} gives {rules.KIND_WORDS[wants]} in answer to this question."
    return None


# --- answers by route ---------------------------------------------------------------------------


def by_meaning(question: str, cands: list[Candidate], embed: Embed | None) -> list[Candidate]:
    """A paraphrased question shares few words with the sentence that answers it: when no sentence
    covers enough words, the few best that give the kind asked for are compared by meaning, and
    one close enough to the question answers it."""
    if embed is None:
        return []
    pool = [c for c in cands if c.eligible][: rules.MEANING_CANDIDATES]
    if not pool:
        return []
    # (without who is asking: "my dad …")
    vectors = embed([normalise_space(rules.ASKERS_OWN.sub(" ", question)), *(c.text for c in pool)])
    q = vectors[0]
    sims = [cosine(q, v) for v in vectors[1:]]
    best = max(range(len(pool)), key=lambda i: sims[i])
    return [pool[best]] if sims[best] >= rules.MEANING_SIMILARITY else []


_ENDED = re.compile(r"[.!?…:;)\]\"”’']\s*$")


def _quote(c: Candidate, cited: Cited) -> str:
    """A sentence as the answer quotes it, with its citation mark. One the page cuts off ("… satisfied
    with the care and support in We") is shown cut off, and still ends: the next sentence is another claim."""
    if _ENDED.search(c.text):
        return f"{c.text} {cited.mark(c.hit)}"
    return f"{c.text.rstrip()}… {cited.mark(c.hit)}."


def _quoted(cands: list[Candidate], cited: Cited) -> str:
    """Sentences as the answer quotes them, each with its citation mark."""
    return " ".join(_quote(c, cited) for c in cands)


def _pick(pool: list[Candidate], said: str, published: bool) -> list[Candidate]:
    """The sentences to quote from these: ones the last answer did not say first."""
    fresh = [c for c in pool if c.text not in said]  # all of them when nothing was said
    return (choose(fresh, close=rules.CLOSE, min_coverage=0.0 if published else MIN_COVERAGE)
            or (choose(pool, close=rules.CLOSE) if said else []))


# Asked for a kind of thing no sentence chosen says, the passages do not answer: what is being done about
# something ("what is X doing to reduce delays?": not "areas of frustration were … delays"), what something
# includes ("what is in the new prevention offer?": not "it had a fresh prevention offer to build on early
# help"), how a choice is made ("how does X decide who gets a named worker?": not "most people had a named
# worker"), what is planned, what targets are set.
_ASKED_AND_SAID: tuple[tuple[re.Pattern[str], Callable[[str], bool], str], ...] = (
    (rules.ASKS_ACTION, rules.says_action, "No passage found says what is being done about it."),
    (rules.ASKS_CONTENTS, rules.says_contents, "No passage found says what it includes."),
    (rules.ASKS_DECISION, rules.says_decision, "No passage found says how it is decided."),
    (rules.ASKS_PLANS, rules.says_planned, "No passage found says what is planned."),
    (rules.ASKS_TARGETS, rules.says_target, "No passage found gives a target."),
    (rules.ASKS_WAIT, rules.says_wait, "No passage found says how long people waited."),
    (rules.ASKS_MAKER, rules.says_made, "No passage found says who made it."),
)


def passages(question: str, analysis: Analysis, hits: list[SearchHit], embed: Embed | None = None, said: str = "") -> Answer:
    """The best sentences of the passages; in a conversation, sentences the last answer `said`
    already are the answer to a follow-up only when nothing new is."""
    cands = candidates(question, analysis, hits)
    wants = expects(question)
    published = bool(rules.ASKS_PUBLISHED.search(question))
    if published:  # when the report came out: only its "Published" line says, whatever words it shares
        cands = [c for c in cands if rules.PUBLISHED_LINE.search(c.text)]
    else:
        cands = _no_page_date(question, wants, cands)
    if only_planned(cands):
        return abstain("The passages found say what was planned, not that it was done or what it found.")
    own, asked_polar = own_words(question), polar.about_one(question, analysis)
    # A figure the question states picks out what it asks about ("… compared with its £302m budget
    # estimate?"): sentences that give it, or go on from or to one that does, are chosen from first.
    holding: list[Candidate] = []
    if not asked_polar and figures_unsaid(own, "", years=False):
        holding = [c for c in cands if not figures_unsaid(own, c.beside, years=False)]
    # So does a name it quotes ("does the 'Our Borough' strategy run to 2027?"), and only those: another
    # strategy's dates are no answer.
    # (with the sentences of their passages, which go on about it without naming it: "The card was free …")
    holders = {c.hit.chunk_id for c in cands if all(q in c.text.lower() for q in names_quoted)} if (names_quoted := quoted_names(own)) else set()
    quoting = [c for c in cands if c.hit.chunk_id in holders]
    chosen = (_pick(holding, said, published) if holding else []) or (_pick(quoting, said, published) if quoting else []) or (
        [] if quoting else _pick(cands, said, published))
    meant = not chosen  # (found by meaning alone, sharing too few of the question's words)
    chosen = chosen or by_meaning(question, quoting or cands, embed)
    # "X's report came out in 2024, right?": the page's "Published" line says when, yes or no
    # (its line, whatever else the question names: "in March 2025?" names a month the line may not)
    dated_lines = [c for c in cands if rules.PAGE_DATE_LINE.search(c.text)] if published and asked_polar else []
    if dated_lines and (verdict := _published_then(own, (line := max(dated_lines, key=lambda c: c.score)).text)):
        cited = Cited()
        return Answer(answer=f"{verdict}: {_quote(line, cited)}", abstained=False, citations=cited.citations, answerer=EXTRACTIVE)
    among = quoting or cands  # (a quoted name: only the sentences holding it)
    if not chosen and asked_polar and (settled := (("No", c) if (c := _placed_elsewhere(asked_polar, among) or polar.dated_otherwise(question, analysis, among))
                                                   else polar.by_name(question, analysis, among)
                                                   or (("No", c) if (c := polar.named_otherwise(question, analysis, among)) else None))):
        cited = Cited()  # "Is the deprivation concentrated in Clevedon?": "… concentrated in Weston-super-Mare"
        return Answer(answer=f"{settled[0]}: {_quote(settled[1], cited)}", abstained=False, citations=cited.citations, answerer=EXTRACTIVE)
    # Asked about a year, a sentence quoted for another year's figure is another fact ("in the
    # 2022-23 survey?": not "ASCS 2023-2024 showed 68.42% …", brought as the best's neighbour).
    if years := rules.periods(own):
        chosen = [c for c in chosen if not (given := rules.periods(c.text)) or rules.same_period(years, given) or not polar.gives_figure(c.text)]
        # (a figure found by meaning alone is the year asked's only if its sentence, or its passage before
        # it, names that year: "projected to reach by 2031" is not answered by today's share; a sentence
        # giving no figure may answer a question the year only qualifies, "… respond to the 2023 survey?")
        if meant:
            chosen = [c for c in chosen if not polar.gives_figure(c.text)
                      or (named := rules.periods(c.text) or _years_around(c.hit, c.span)) and rules.same_period(years, named)]
    # Asked yes or no about a figure for a year ("go above 70% in 2024?") or for a group ("is carer
    # satisfaction above the average?"), an undated figure whose passage names another year, or
    # none, or a figure for everyone, is no answer.
    group = rules.GROUP_ASKED.search(asked_polar) if asked_polar and polar.asks_figure(asked_polar) else None
    if asked_polar and polar.asks_figure(asked_polar) and (years or group):
        chosen = [c for c in chosen if not polar.gives_figure(c.text)
                  or (not years or (around := _years_around(c.hit, c.span)) and rules.same_period(years, around))
                  and (not group or stems(group.group(0)) <= _with_older(stems(c.text)))]
        chosen = chosen if any(polar.gives_figure(c.text) for c in chosen) else []
    # Asked yes or no against a length of time ("wait more than four weeks?"), a sentence must give one.
    if asked_polar and rules.ASKS_LONGER.search(asked_polar):
        chosen = chosen if any(rules.DURATION.search(c.text) for c in chosen) else []
    if not chosen:
        return abstain(_gap(question, analysis))
    # Asked against a benchmark ("how does it compare with the national figure?"), the sentence going on
    # from one chosen to set its figure against the benchmark comes too ("This was above the England average.").
    if rules.BENCHMARK_ASKED.search(own):
        for c in list(chosen):
            if (after := c.continued_by) is not None and after not in chosen and rules.BENCHMARK.search(after.text):
                chosen = _with(chosen, after)
    if group := _group_unsaid(own, chosen, other_answers=asked_polar is not None):
        return abstain(f"No passage found says it of {group}.")
    if when := _time_unsaid(own, chosen):
        return abstain(f"No passage found says it for {when}.")
    # Asked about a time apart from the report's own ("in 2015", "by 2030", "before the pandemic"), a
    # sentence must speak of it, or another that does answers instead (only those speak of the time asked:
    # any about what was asked will do).
    if (apart := _time_apart(own)) and not any(apart(c) for c in chosen) and not (chosen := _instead(cands, apart)):
        return abstain("No passage found says it for the time asked about.")
    if wants == "rank" and (scope := _scope_unsaid(own, chosen[0].text)):
        return abstain(f"No passage found gives the rank {scope}.")  # ("4th most deprived in London" for a rank in England)
    if (age := _age_unsaid(own, chosen)) and wants in COUNTED:
        return abstain(f"No passage found gives the figure for {age}.")
    # (an age asked, the sentences naming only other ages: "adults over 25", "10–24-year-olds")
    if ((asked_ages := rules.age_spans(own)) and (given := set().union(*(rules.age_spans(c.text) for c in chosen)))
            and not any(a[0] <= g[1] and g[0] <= a[1] for a in asked_ages for g in given)):
        return abstain(f"No passage found says it of people aged {rules.AGE.search(own).group(0)}.")
    # (another council service: "… a parking permit so my mum's carer can park?", unless a passage speaks of it)
    if (other := rules.OTHER_SERVICE.search(own)) and not any(other.re.search(c.hit.text) for c in chosen):
        return abstain(f"No passage found speaks of {other.group(0).lower()}; the assessment reports cover adult social care.")
    if rules.COST_ASKED.search(own) and not any(rules.COST_SAID.search(f"{c.hit.section} {c.text}") for c in chosen):
        return abstain("No passage found says what it costs.")
    if (doing := rules.HOW_TO_DO.search(own)) and not any(rules.OBJECTING.search(c.text) for c in chosen):
        return abstain(f"No passage found says how to {doing.group(1).lower()}.")  # ("how do I complain?": not "barriers to advocacy")
    if rules.AWARD_ASKED.search(own) and not any(rules.AWARD_SAID.search(c.text) for c in chosen):
        return abstain("No passage found says it won an award.")  # ("did the pledge win a national award?")
    # Asked yes or no about a figure, the sentences chosen must give one: else the best that does in
    # the passages they come from ("… moving care homes onto digital records … . The borough stood at
    # 88% against a target …"), else no passage says ("more than 500 people waiting?": not "limited waits").
    if asked_polar and (wanted := polar.needs_figure(asked_polar)) and not any(polar.settles_figure(wanted, c.text) for c in chosen):
        quoted = {c.hit.chunk_id for c in chosen}
        figured = next((c for c in cands if c.hit.chunk_id in quoted and c.coverage > 0 and polar.settles_figure(wanted, c.text)), None)
        # (or one from another passage that could have been quoted beside the best: "… mostly positive."
        # and, elsewhere, "… 71% of users said they were happy with the help they had")
        figured = figured or next((c for c in cands if c.eligible and c.coverage >= MIN_COVERAGE and c.score >= NEAR_BEST * chosen[0].score
                                   and polar.settles_figure(wanted, c.text)), None)
        if figured is None:
            return abstain(f"No passage found gives {wanted} to settle this.")
        chosen = _with(chosen, figured)
    # Asked in a form no sentence chosen answers in (a figure for "how far has it come?", a reason for
    # "why?", what is done for "what is X doing about …?", where it is for "where are the hubs?"), the
    # first sentence soon after the best that does comes too ("… the rollout of digital care
    # records … . X has a 91% compliance rate, against …").
    if (form := _form_asked(own)) and not any(form(c.text) for c in chosen):
        best = chosen[0]
        if more := next((c for c in sorted(cands, key=lambda c: c.span.start) if _soon_after(best, c) and form(c.text)), None):
            chosen = _with(chosen, more)
    for asks, says, gap in _ASKED_AND_SAID:
        # (a sentence that does say it, near the best in score, answers instead: "… was developed by …")
        if (asks.search(own) and not any(says(c.text) for c in chosen)
                and not (chosen := _instead(cands, lambda c, says=says: says(c.text), near=chosen[0]))):
            return abstain(gap)
    # People's views asked, a sentence reporting views of something else goes ("parking was a source of
    # frustration" for the direct payments process): its passage holds none of what was asked.
    terms, views_asked = question_terms(question, analysis), bool(rules.ASKS_PEOPLES_VIEWS.search(own))
    topic = _topic_held(terms, cands) if views_asked else set()
    # (about a thing no passage speaks of, in any of its words: "what do carers say about respite?")
    if views_asked and not topic and _topic_unheld(terms, cands):
        return abstain("No passage found says what they said about it.")
    if topic:
        chosen = [c for c in chosen if not rules.VIEWS_SAID.search(c.text) or _about_asked(c, topic)] or chosen[:1]
    # (the best sentence that reports people's views in its own words comes instead: "Areas of frustration
    # were …" for "what did people find frustrating?", not staff's account of it; and about what was
    # asked: in the tone asked, what fell short for "frustrated", with what was asked in its passage;
    # else holding the question's rarest words the passages hold, not people's views of something else)
    if _views_unsaid(own, chosen):
        rarest, toned = _rarest_terms(cands), any(c.toned is not None for c in cands)
        if not (chosen := _instead(cands, lambda c: bool(c.toned and _about_asked(c, topic) if toned else rarest <= c.terms)
                                   and bool(rules.VIEWS_SAID.search(c.text)) and not rules.only_staff_said(c.text)
                                   and not _views_unsaid(own, [c]))):
            return abstain("No passage found says what they said about it.")
    # (or the best sentence that reports partners' or staff's own)
    if ((others := rules.ASKS_OTHERS_VIEWS.search(own)) and not any(_said_by(others.group("who"), c.text) for c in chosen)
            and not (chosen := _instead(cands, lambda c: _said_by(others.group("who"), c.text)))):
        return abstain("No passage found says what they said about it.")
    # (what difference something made: said by the sentence most about it, the best, or one quoted soon
    # after it, "Staff told us this had enabled …"; not by a change in a sentence about something else)
    if rules.ASKS_WHAT_EFFECT.search(own) and not any(rules.says_effect(c.beside) for c in chosen
                                                      if c is chosen[0] or _soon_after(chosen[0], c)):
        return abstain("The passages found say it was done, not what came of it.")
    # Asked who did something, the sentence most about it saying only that it was done ("a peer review
    # was undertaken two years before"), by no one, means the reports do not say who.
    if (doer := rules.ASKS_DOER.match(own)) and (most := max(cands, key=lambda c: c.coverage, default=None)) and re.search(
            rf"\b{doer.group('what')}{rules.DONE_BY_NO_ONE}", most.text, re.I):
        return abstain("The passages found say it was done, not who did it.")
    # ("the smallest borough?": not "the largest borough was Guildford")
    if rank := _opposite_rank(own, [c.text for c in chosen]):
        return abstain(f"The passages found give the {rank[1]}, not the {rank[0]}.")
    # ("the previous JSNA?": not "the JSNA 2022", the one in use)
    if (earlier := _EARLIER_ONE.search(own)) and not any(_SAYS_EARLIER.search(c.text) for c in chosen):
        return abstain(f"No passage found speaks of an earlier {earlier.group(1)}.")
    purpose_answers = not rules.WHY_STATE.match(own)  # ("why are inequalities worse …?": a cause only)
    if rules.ASKS_WHY.search(own) and not any(_gives_reason(own, c.text, analysis) or purpose_answers and rules.PURPOSE.search(c.text)
                                              for c in chosen):
        return abstain("No passage found says why.")  # ("why did it get a new principal social worker?": "the PSW was visible")
    if rules.ASKS_OPEN_WHEN.search(own) and not any(rules.SAYS_OPEN_WHEN.search(c.text) for c in chosen):
        return abstain("No passage found says when it is open.")  # ("what hours is it open?": "an out of hours service")
    if rules.ASKS_WHERE_IS.search(own) and not rules.WHERE_RECORDED.search(own) and not any(rules.SAYS_WHERE.search(c.text) for c in chosen):
        return abstain("No passage found says where it is.")  # ("where is the demonstration centre?": "signposted to the centre")
    if _premise_denied(own, terms, chosen):
        return abstain("The passages found say it was not done, or not yet.")
    if _taken_as_done(own, chosen):
        return abstain("The passages found say it was planned, not that it was done.")
    if (asks := rules.ASKS_FINDINGS.search(own)) or rules.ASKS_RESULTS.search(own):
        # (a sentence of the passages quoted saying so, quoted or not, unless one quoted says what was found)
        passages_quoted = {c.hit.chunk_id for c in chosen}
        found = any(rules.FINDING_SAID.search(c.text) for c in chosen)
        if not found and any(rules.FINDINGS_PENDING.search(c.text) for c in cands if c.hit.chunk_id in passages_quoted and c.coverage > 0):
            return abstain("The passages found say its findings were not yet known.")  # ("what did the pilot find?")
        if not found and any(rules.CONSIDERING.search(c.text) for c in chosen):  # ("what changes did the board make?")
            return abstain("The passages found say it was still being looked at, not what came of it.")
    if asks and not any(_says_found(asks.group(0), c.text) for c in chosen):
        return abstain("No passage found says what it found.")  # ("what did the evaluation find?": "the hub offered advice")
    if (effect := rules.ASKS_EFFECT.search(own)) and _effect_unknown(effect.group("verb"), chosen):
        return abstain("The passages found say what it was for, or that it was still going on, not what it achieved.")
    # ("Did the review lead to contracts being ended?": "… such as through a review of provider contracts")
    if effect and not any(rules.CHANGED.search(c.text) or rules.OUTCOME_SAID.search(c.text) for c in chosen):
        return abstain("The passages found say it was done, not what came of it.")
    if rules.ASKS_THEME.search(own) and wants is None and not asked_polar and len(analysis.authorities) == 1:
        chosen = _theme(chosen, cands, views=views_asked, strengths=bool(rules.ASKS_STRENGTH.search(own) and not rules.ASKS_SHORTFALL.search(own)),
                        points=rules.SUMMARY_POINTS if rules.ASKS_SUMMARY.search(own) else rules.THEME_POINTS,
                        whole=_whole_statements(own, terms, analysis))
    cited = Cited()
    parts = [_quote(c, cited) for c in chosen]
    # (a figure and the average it is compared with may be two sentences: "68.8% … . The national average was 61.2%.")
    read_on = [" ".join(c.text for c in chosen[i : i + 2]) for i in range(len(chosen))]
    hedge = ""
    # A yes-or-no question stating a figure claims it ("a population of around 250,000?"): a "Yes" needs the
    # passages quoted to give it (the sentences are still quoted, for the reader to judge).
    said_so = polar.verdict(question, analysis, chosen, read_on, embed)
    # "Did X open a new hub in 2024?": the year is what is asked, unless a sentence says otherwise
    if said_so != "No" and asked_polar and (year := rules.DONE_IN_YEAR.match(asked_polar)) and not any(
            any(first <= int(year.group(1)) <= last for first, last in rules.periods(c.hit.text)) for c in chosen):
        return abstain(f"No passage found says it for {year.group(1)}.")
    # (and a "Yes" is the quoted name's: "the 'Our Borough' strategy (2024-2027)?" is not settled by another plan's dates)
    lead = max(chosen, key=lambda c: c.score)
    if said_so and not (said_so == "Yes" and asked_polar and (
            _claim_unsaid(asked_polar, chosen) or not all(q in lead.text.lower() for q in names_quoted))):
        parts[0] = f"{said_so}: {parts[0]}"
    elif _share_for_count(own, chosen[0].text):  # (a hedge of its own, which the answer check passes over)
        hedge = "The reports give no number of people, only a share."
    elif asked_polar and polar.for_something_else(asked_polar, chosen):
        return abstain("The passages found speak of it only for something else.")
    if not analysis.authorities:  # reports share their wording: say whose report each sentence is from
        parts = [f"{fw.shown(c.hit.authority, c.hit.title)}: {p}" if i == 0 or c.hit.authority != chosen[i - 1].hit.authority else p
                 for i, (c, p) in enumerate(zip(chosen, parts, strict=True))]
    return Answer(answer=" ".join([hedge, *parts] if hedge else parts), abstained=False, citations=cited.citations, answerer=EXTRACTIVE)


def _whole_statements(own: str, terms: set[str], analysis: Analysis) -> set[str]:
    """The quality statements a theme question is about as a whole ("what are X's strengths on equity?"):
    those it names, when it asks about nothing within them ("… about the safeguarding board?" asks
    about one thing)."""
    named = [*analysis.statements, *analysis.topics]
    said = stems(" ".join(f"{s.name} {' '.join(s.aliases)} {' '.join(s.topics)}" for s in named))
    asking = stems(" ".join(m.group(0) for p in (rules.ASKS_THEME, rules.ASKS_SHORTFALL, rules.ASKS_STRENGTH) for m in p.finditer(own)))
    return {s.name for s in named} if named and not terms - said - asking else set()


def _theme(chosen: list[Candidate], cands: list[Candidate], *, views: bool, strengths: bool, points: int, whole: set[str]) -> list[Candidate]:
    """Asked about a whole theme, the report's other points on it come too, best first, up to
    `points`: sentences of the best's council that may answer, from the best's statement page when the
    question is about that statement as a whole (`whole`), or else scoring near enough to the best (as a
    sentence in the tone asked must, rules.TONE_SHARE), in the tone asked if any, and people's views
    when views are asked for; each with the one it goes on from. (Asked for strengths where the best
    sentence names none in words of praise, what the page describes the council doing is one, unless it
    says something fell short.)"""
    best = chosen[0]
    made = sum(1 for c in chosen if c.continues not in chosen)
    for c in cands:
        if made >= points:
            break
        # (the page of a statement asked about as a whole is about it throughout: its sentences need not score near the best)
        own_page = c.hit.quality_statement in whole and (c.hit.document_id, c.hit.quality_statement) == (best.hit.document_id, best.hit.quality_statement)
        if (c in chosen or not c.eligible or c.hit.authority != best.hit.authority
                or c.score < rules.TONE_SHARE * best.score and not own_page
                or (bool(rules.SHORTFALL.search(c.text)) if strengths and best.toned is False else c.toned is False)
                or views and not rules.VIEWS_SAID.search(c.text)):
            continue
        for x in (c.continues, c):
            if x is not None and x not in chosen:
                chosen = _with(chosen, x)
        made += 1
    return chosen


# The two ends of a ranking (not "most" and "least", which say as often how much as which end).
_RANK_ENDS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset({"largest", "biggest", "greatest", "highest"}), frozenset({"smallest", "lowest", "fewest"})),
    (frozenset({"best"}), frozenset({"worst"})), (frozenset({"longest"}), frozenset({"shortest"})),
    (frozenset({"oldest"}), frozenset({"youngest"})))
_RANKED = re.compile(r"\b(?:" + "|".join(sorted({w for pair in _RANK_ENDS for end in pair for w in end}, key=len, reverse=True)) + r")\b", re.I)


_CAUSE_FIRST = re.compile(r"^(?:which )?(?:meant|means|meaning|result|le(?:d|ading)|caus|(?:have |has |had )?impacted)", re.I)


def _gives_reason(own: str, text: str, analysis: Analysis) -> bool:
    """Does the sentence give a reason for what a "why" question asks about? Not when what is asked
    about is the cause it names ("difficulty recruiting staff impacted on training" does not say why
    recruiting was hard)."""
    asked = stems(own) - GENERIC - stems(analysis.authority_words) - EVERYWHERE
    for m in rules.REASON.finditer(text):
        if not _CAUSE_FIRST.match(m.group(0)) or re.match(r"\s+by\b", text[m.end() :]):
            return True  # ("… because …", "due to …", "caused by …": the reason follows what it explains)
        if not (asked & stems(text[: m.start()])) or asked & stems(text[m.end() :]):
            return True
    return False


def _opposite_rank(own: str, texts: list[str]) -> tuple[str, str] | None:
    """Asked for one end of a ranking ("the smallest"), sentences giving only the other ("the
    largest"): (asked, given), else None."""
    asked = {m.group(0).lower() for m in _RANKED.finditer(own)}
    said = {m.group(0).lower() for t in texts for m in _RANKED.finditer(t)}
    for one, other in (end for pair in _RANK_ENDS for end in (pair, pair[::-1])):
        if asked & one and not asked & other and not said & one and said & other:
            return min(asked & one), min(said & other)
    return None


# "the previous JSNA", "its former strategy" (not "previous years", "earlier this year")
_EARLIER_ONE = re.compile(r"\b(?:previous|former|earlier|preceding)\s+(?:(?:cqc|adult social care|care|needs|market position|joint strategic)\s+)?"
                          r"(strateg(?:y|ies)|plans?|jsna|needs assessment|assessments?|ratings?|reports?|director|dass|polic(?:y|ies)|inspections?|"
                          r"reviews?|surveys?|scores?|models?|frameworks?|structures?|contracts?|schemes?|visions?|budgets?|statements?)\b", re.I)
_SAYS_EARLIER = re.compile(r"\b(?:previous(?:ly)?|prior|former(?:ly)?|earlier|preceding|predecessor|replac\w*|supersed\w*|old|older|last|before|until)\b", re.I)


# "… concentrated in Clevedon?", "Is the hub based in Northwich?": where something is, asked by a place's name.
_PLACE_ASKED = re.compile(r"\b(?P<how>concentrated|based|located|situated|cent(?:re|er)d|mostly|mainly|primarily|largely)\s+(?:in|around|near)\s+"
                          r"(?:the\s+)?(?P<place>[A-Z][\w'’-]+(?:[ -](?:upon[ -]|on[ -]|super[ -])?[A-Z][\w'’-]+)*)\s*\??\s*$")
_PLACED = re.compile(r"\b(?:concentrated|based|located|situated|cent(?:re|er)d|mostly|mainly|primarily|largely)\s+in\s+(?:the\s+)?[A-Z]")


def _placed_elsewhere(own: str, cands: list[Candidate]) -> Candidate | None:
    """Asked yes or no whether something is in a place no passage names, the best sentence that says
    most of the rest and where it is, by another place's name: it answers "No"."""
    if not (m := _PLACE_ASKED.search(own)):
        return None
    place = m.group("place").lower()
    return next((c for c in cands if c.fits and c.coverage >= MIN_COVERAGE and _PLACED.search(c.text)
                 and place not in c.text.lower()), None)


_HOW_MANY_PEOPLE = re.compile(r"\bhow many (?:[\w'’-]+ ){0,2}?(?:" + "|".join(sorted(rules.PEOPLE_NOUNS)) + r")\b", re.I)


def _share_for_count(own: str, text: str) -> bool:
    """"How many people in X have a disability?" answered by "20.5% of people …": the sentence gives
    a share of them and counts none, which the answer says."""
    return bool(_HOW_MANY_PEOPLE.search(own) and polar.PERCENT.search(text)
                and not any(m.group("noun").lower() in rules.PEOPLE_NOUNS for m in rules.COUNTED_NOUN.finditer(text)))


def _group_unsaid(own: str, chosen: list[Candidate], other_answers: bool) -> str | None:
    """Asked about a group of people apart ("a carers assessment", "for veterans"), the group when no
    passage quoted (its heading or any sentence) names it: "people were assessed …" is said of
    everyone. A sentence naming another group answers a yes-or-no question (`other_answers`): no."""
    own = rules.ASKERS_OWN.sub(" ", own)  # (not who is asking: "As a carer, I heard few people …")
    if not (asked := [m for g in rules.GROUPS_APART if (m := g.search(own))]):
        return None
    said = " ".join(f"{c.hit.section} {c.hit.text}" for c in chosen)  # (the passage's heading or sentences may name them)
    if any(m.re.search(said) for m in asked):
        return None
    if other_answers and any(g.search(said) for g in rules.PEOPLE_GROUPS):
        return None
    return asked[0].group(0).lower()


_IN_ENGLAND = re.compile(r"\b(?:in|across|of|among|within)\s+(?:all\s+)?(?:(?:the\s+)?(?:\d+\s+)?(?:local authorities|councils|areas|boroughs)\s+(?:in\s+)?)?"
                         r"(?:england|the (?:country|uk)|the united kingdom)\b|\bnational(?:ly)?\b|\bin the country\b", re.I)
# (a region by name, not a part of the borough or a council: "in the east of the borough", "North Yorkshire")
_IN_REGION = re.compile(r"\b(?:in|across|of|among|within)\s+(?:the\s+)?(?:london|region)\b|\bregional(?:ly)?\b|\blondon boroughs?\b"
                        r"|\b(?:in|across|of|among|within)\s+the\s+(?:north[- ]east|north[- ]west|south[- ]east|south[- ]west|east midlands|west midlands|"
                        r"east of england|midlands|north|south)\b(?!\s+of\b)", re.I)


def _scope_unsaid(own: str, text: str) -> str | None:
    """Asked for a rank in England, a sentence ranking the council within its region does not give it
    (nor the other way): the scope asked, when the sentence names only the other."""
    for asked, other, said in ((_IN_ENGLAND, _IN_REGION, "in England"), (_IN_REGION, _IN_ENGLAND, "in the region")):
        if asked.search(own) and not other.search(own) and other.search(text) and not asked.search(text):
            return said
    return None


def _age_unsaid(own: str, chosen: list[Candidate]) -> str | None:
    """Asked for a figure for people of an age ("what share of the spend went on older people?"), the
    age when no sentence quoted names any: a figure for everyone is not theirs."""
    if not (asked := next((m for g in rules.PEOPLE_GROUPS[:3] if (m := g.search(own))), None)):
        return None
    if any(g.search(c.text) for c in chosen for g in rules.PEOPLE_GROUPS[:3]) or any(rules.AGE.search(c.text) for c in chosen):
        return None
    return asked.group(0).lower()


# Numbers that name, not count ("phase 2", "Section 42", "24/7", "a 24-hour line", "the top 10"), and
# what askers say of themselves ("my mum is 87, …", "I'm 72 and …").
_NAMING_NUMBER = re.compile(r"\b(?:phase|stage|tier|section|level|pathway|step|band|wave|part|no\.?|number|top)\s+\d+\b|\b24/7\b|\b\d+[- ]hours?\b"
                            r"|\b\d+ in \d+\b", re.I)
_ASKERS_OWN_CLAUSE = re.compile(r"[^,;?]*\b(?:i|i'm|i’m|im|my|me|we|our)\b[^,;?]*[,;]", re.I)


def _claim_unsaid(own: str, chosen: list[Candidate]) -> list[str]:
    """The figures (not years) a yes-or-no question states that no passage quoted gives. Only the
    question claims: not what the asker tells of themselves ("…? he'll be 90 soon", "my mum is 87, …")."""
    asked = [s for s in re.split(r"(?<=[.?!])\s+", own) if s.rstrip().endswith("?")] or [own]
    claim = _NAMING_NUMBER.sub(" ", _ASKERS_OWN_CLAUSE.sub(" ", rules.LAWS_YEAR.sub(" ", " ".join(asked))))
    text = " ".join(dict.fromkeys(c.hit.text for c in chosen))
    return [f for f in figures_unsaid(claim, text, years=False) if not rules.YEAR_AT.fullmatch(f)]


def _time_unsaid(own: str, chosen: list[Candidate]) -> str | None:
    """Asked about a time apart ("open at weekends?", "out of hours"), the time when no passage quoted names it."""
    asked = next((m for t in rules.TIMES_APART if (m := t.search(own))), None)
    if asked is None or any(asked.re.search(f"{c.hit.section} {c.hit.text}") for c in chosen):
        return None
    return asked.group(0).lower()


def _time_apart(own: str) -> Callable[[Candidate], bool] | None:
    """Asked about a time before CQC's assessments or after this year, what a sentence must speak of:
    that year (in it or its passage before it), or, asked before the pandemic or years ago, an earlier time.
    None when the time asked is the report's own, or a change since then is asked."""
    if rules.EARLIER_ASKED.search(own):
        return lambda c: rules.says_earlier(c.text)
    years = rules.periods(own)
    now = date.today().year
    # (before a year gone: a sentence of a time before it, not "launched in March 2024" for "before 2024")
    if (before := rules.BEFORE_YEAR.search(own)) and (year := int(before.group(1))) <= rules.ASSESSMENTS_BEGAN + 1:
        return lambda c: any(first < year for first, _ in rules.periods(c.text)) or rules.says_earlier(c.text)
    if not years or rules.SINCE_YEAR.search(own) or not all(last < rules.ASSESSMENTS_BEGAN - 1 or first > now for first, last in years):
        return None
    return lambda c: bool(named := rules.periods(c.text) | _years_around(c.hit, c.span)) and rules.same_period(years, named)


def _with_older(said: set[str]) -> set[str]:
    """A sentence's stems, with "older" when it names older people by their age ("aged 65 and over")."""
    return said | {"older"} if said & _OLDER_AGES else said


# (the report's own findings are every sentence's: "what did CQC find about …?")
_THE_REPORT = frozenset(stems("cqc inspectors inspector inspection assessment report reports they we it"))


def _with(chosen: list[Candidate], more: Candidate) -> list[Candidate]:
    """The sentences chosen and one more, in page order within each passage; the passages in the
    order chosen, a new one right after the best's."""
    order = list(dict.fromkeys(c.hit.chunk_id for c in chosen))
    if more.hit.chunk_id not in order:
        order.insert(order.index(chosen[0].hit.chunk_id) + 1, more.hit.chunk_id)
    return sorted([*chosen, more], key=lambda c: (order.index(c.hit.chunk_id), c.span.start))


def _form_asked(own: str) -> Callable[[str], bool] | None:
    """What a sentence says when it answers in the form the question asks for: a figure for "how far
    has it come?", a reason for "why?", what is done for "what is X doing about …?", where the thing
    asked about is for "where are the hubs?"; None for any other question."""
    if rules.ASKS_PROGRESS.search(own):
        return polar.gives_figure
    if rules.ASKS_WHY.search(own):
        return lambda text: bool(rules.REASON.search(text))
    if rules.ASKS_ACTION.search(own):
        return rules.says_action
    if where := rules.ASKS_WHERE_IS.search(own):
        placed = re.compile(re.escape(where.group("what")) + rules.PLACED, re.I)
        return lambda text: bool(placed.search(text))
    return None


def _soon_after(first: Candidate, later: Candidate) -> bool:
    """Is `later` a sentence soon after `first` on its page: in its paragraph (no blank line between
    them) when the passage holds both, else within a sentence or two and about the question on its own?"""
    if later.hit.document_id != first.hit.document_id or later.span.start <= first.span.start:
        return False
    if later.hit.chunk_id != first.hit.chunk_id:  # (and about the question: another passage may start on another topic)
        return later.span.start - first.span.end <= rules.SOON_AFTER and later.coverage >= MIN_COVERAGE
    between = first.hit.text[first.span.end - first.hit.start : later.span.start - first.hit.start]
    return "\n\n" not in between


_WHO_SAYS = re.compile(r"[A-Za-z][\w'’-]*")


def _said_by(who: str, text: str) -> bool:
    """Does the sentence report what these partners, providers or staff said ("Partners told us …")?"""
    group = stem(who.lower().split()[-1])
    named = stems(rules.OTHERS.get(group, "")) | {group} | SYNONYMS.get(group, frozenset())
    anyone = named | _PEOPLE_STEMS | _SPEAKERS
    for m in rules.SAYS_SOMETHING.finditer(text):
        # (whoever is named first before their saying says it: "Staff working with people … told us",
        # not "People told us staff were kind")
        first = next((w for w in (stem(x.lower()) for x in _WHO_SAYS.findall(text[: m.start()])) if w in anyone), None)
        if first in named:
            return True
    return False


def _instead(cands: list[Candidate], answers: Callable[[Candidate], bool], near: Candidate | None = None) -> list[Candidate]:
    """The best sentence that may answer and does what the ones chosen did not (with the one it goes on
    from), scoring near `near` if given; none: nothing answers."""
    found = next((c for c in cands if c.eligible and c.coverage >= MIN_COVERAGE
                  and (near is None or c.score >= NEAR_BEST * near.score) and answers(c)), None)
    return [x for x in (found.continues, found) if x is not None] if found else []


def _passage_stems(c: Candidate) -> frozenset[str]:
    return _stems_of(f"{c.hit.quality_statement} {c.hit.section} {c.hit.text}")


@functools.lru_cache(maxsize=256)  # (one passage holds many sentences: stemmed once)
def _stems_of(text: str) -> frozenset[str]:
    return frozenset(stems(text))


def _topic_held(asked: set[str], cands: list[Candidate]) -> set[str]:
    """What people's views are asked about, of the words the passages hold: not who was asked about, nor
    how they felt ("frustrated"), nor words every report uses."""
    return _topic(asked) & set().union(*(_passage_stems(c) for c in cands))


def _topic_unheld(asked: set[str], cands: list[Candidate]) -> set[str]:
    """What people's views are asked about that no passage speaks of, in any of its words."""
    passages = set().union(*(_passage_stems(c) for c in cands))
    return {t for t in _topic(asked) - passages if not SYNONYMS.get(t, frozenset()) & passages}


def _topic(asked: set[str]) -> set[str]:
    return {t for t in asked - _PEOPLE_STEMS - NOT_A_TOPIC if not rules.VIEWS_SAID.search(t)}


def _about_asked(c: Candidate, topic: set[str]) -> bool:
    """Does the sentence, or its passage (its headings too), hold what was asked about?"""
    return not topic or bool(topic & (c.terms | _passage_stems(c)))


def _rarest_terms(cands: list[Candidate]) -> frozenset[str]:
    """The question's words the fewest sentences hold (of those any holds): what it is most about."""
    df = Counter(t for c in cands for t in c.terms)
    least = min(df.values(), default=0)
    return frozenset(t for t, n in df.items() if n == least)


def _views_unsaid(own: str, chosen: list[Candidate]) -> bool:
    """People's views asked, do the sentences quoted that report views report only staff's ("what did carers
    say about the hub?": not "Staff told us the hub was busy"), or does none report anyone's views ("The
    council had set up a hub to deal with concerns")?"""
    if not rules.ASKS_PEOPLES_VIEWS.search(own):
        return False
    viewed = [c for c in chosen if rules.VIEWS_SAID.search(c.text)]
    # (a sentence going on from staff's words is theirs: "Staff told us … . This included …")
    return all(rules.only_staff_said(c.text) or c.continues is not None and rules.only_staff_said(c.continues.text) for c in viewed)


def _premise_denied(own: str, asked: set[str], chosen: list[Candidate]) -> bool:
    """Asked how something was done, or what was done about it, does the best sentence deny the thing
    asked ("not recorded as being coproduced"), or one quoted say it was still to come?"""
    if not (rules.ASKS_AS_DONE.search(own) or rules.ASKS_ACTION.search(own)) or rules.NEGATION.search(own):
        return False  # (nor when the question negates it too: "carers who are not eligible")
    asked = asked - EVERYWHERE - GENERIC
    best = chosen[0].text
    for m in re.finditer(r"[\w'’-]+", best):
        if stem(m.group(0).lower()) in asked and rules.DENIED_BEFORE.search(best[max(0, m.start() - 60) : m.start()]):
            return True
    return any(rules.STILL_TO_COME.search(c.text) for c in chosen[1:])


def _taken_as_done(own: str, chosen: list[Candidate]) -> bool:
    """"What are the priorities of Harrow's refreshed strategy?", "what did it find once it had
    reviewed its data?" ask about something as done: a
    sentence quoted saying it is only planned ("plans to refresh the strategy"), and none saying it
    was done, does not answer it."""
    for m in [*rules.DONE_THING.finditer(own), *rules.DONE_BEFORE.finditer(own)]:
        verb, done = stems(m.group(1)), re.compile(rf"\b{re.escape(m.group(1))}\b", re.I)
        planned = [c for c in chosen if verb & stems(c.text) and (rules.intends(c.text) or rules.NOT_DONE.search(c.text))]
        # (said done in any form: "Following a review of its list, X found …" for "after it had reviewed its list")
        if planned and not any(done.search(c.text) or verb & stems(c.text) and c not in planned for c in chosen):
            return True
    return False


def _says_found(asked: str, text: str) -> bool:
    """Asked "what did the evaluation find?", does the sentence say something was found, or name
    what found it? Any sentence does when the question asks what the report found."""
    if re.search(r"achieved?$", asked, re.I):  # (what it achieved is said by what it did: "reduced hospital admissions")
        return True
    subject = [w for w in content_words(re.sub(r"^\w+ \w+ |\s\w+$", "", asked)) if not w.isdigit()]
    head = stems(subject[0]) if subject else set()
    return not head or bool(head & _THE_REPORT) or bool(rules.FOUND.search(text)) or bool(head & stems(text))


_AIMED_AT = re.compile(r"\b(?:aim(?:ed|s)? to|designed to|intended to|in order to|so as to|with the aim of|seeks? to|sought to)\b", re.I)


def _effect_unknown(verb: str, chosen: list[Candidate]) -> bool:
    """Asked whether something had an effect ("cut"), the sentences quoted say it was still going on
    or its findings were not known, and none says it had that effect or what was found."""
    effect = stems(verb)
    # (or say it only as what something was for: "classes …, aimed to reduce risks of falls")
    # (or only say what was aimed for, not the effect: "the council were aiming to address disparities")
    pending = [c for c in chosen if rules.NOT_DONE.search(c.text) or rules.FINDINGS_PENDING.search(c.text)
               or rules.intends(c.text) and not effect & stems(c.text)
               or (aim := _AIMED_AT.search(c.text)) and effect & stems(c.text[aim.end() :]) and not effect & stems(c.text[: aim.start()])]
    return bool(pending) and not any(rules.FINDING_SAID.search(c.text) or c not in pending and effect & stems(c.text) for c in chosen)


_MEASURE_COMPARED = re.compile(r"\b(?:bigger|larger|smaller|higher|lower|more|fewer|less|greater|older|younger)\s+"
                               r"(?:population|residents|budget|spend(?:ing)?|share|proportion|percentage|number)\b"
                               # (or named as what is compared: "compare the adult social care budgets of X and Y")
                               r"|\bcompar\w*\s+(?:the\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:budgets?|spend(?:ing)?|populations?)\b"
                               r"|\b(?:spends?|spent|spending)\s+(?:more|less)\b", re.I)
_SHARE_COMPARED = re.compile(r"\b(?:share|proportion|percentage|per ?cent)\b", re.I)
_SPEND_COMPARED = re.compile(r"\b(?:spends?|spent|spending|budgets?)\b", re.I)
_MONEY = re.compile(r"£\s?\d")
_WAITS_COMPARED = re.compile(r"\b(?:short|long|quick|fast|slow)(?:er|est)\s+(?:[\w-]+\s+){0,2}?wait|\bwait(?:s|ed|ing)?\s+(?:the\s+)?(?:long|short)(?:er|est)\b", re.I)


def _measure_said(question: str) -> Callable[[str], object] | None:
    """What a side's sentence must give when councils are compared by a measure ("the bigger
    population", "spends more", "the shortest wait"): a length of time for a wait, a population, a
    percentage for a share, a sum for spending, else any figure; None when compared by no measure."""
    if _WAITS_COMPARED.search(question):
        return rules.DURATION.search
    if rules.ASKS_POPULATION_SIZE.search(question):  # ("is X bigger than Y by population?")
        return rules.POPULATION_SIZE.search
    if not _MEASURE_COMPARED.search(question):
        return None
    if _SHARE_COMPARED.search(question):
        return polar.PERCENT.search
    return _MONEY.search if _SPEND_COMPARED.search(question) else polar.gives_figure


def compare(question: str, analysis: Analysis, hits: list[SearchHit], catalog: Catalog | None = None) -> Answer:
    """The best sentence for each authority in turn: a weaker match still answers for each. Compared
    on a quality statement, each authority's score for it comes first."""
    cited = Cited()
    sides: list[str] = []  # one line per authority
    # Compared on a topic that is one statement's ("working with partners"), each side's score for
    # it comes too when every side has one.
    scored_on = analysis.statement_names or [
        s.name for s in analysis.topics[:1]
        if len(analysis.topics) == 1 and catalog is not None and all((a, s.name) in catalog.scores for a in analysis.authorities)]
    # (compared on one statement that every side has a score for, which did better comes first)
    if (catalog is not None and len(scored_on) == 1
            and (verdict := structured.statement_verdict(analysis.authorities, scored_on[0], catalog, cited))):
        sides.append(verdict)
    # Compared by a measure, a side is its figure for it: a sentence giving none says nothing to compare.
    gives = _measure_said(question)
    for authority in analysis.authorities:
        parts: list[str] = []
        own = [h for h in hits if h.authority == authority]
        name = fw.shown(authority, own[0].title) if own else authority  # as its report names it
        for st in scored_on:
            if catalog is not None and (fact := catalog.scores.get((authority, st))) is not None:
                parts.append(f"{name} scored {fact.score} for {st} {cited.mark(fact.chunk)}.")
        # No page for the statement compared on: that side says so, not another page's sentence.
        if catalog is not None and analysis.statement_names and not any(catalog.covers(authority, st) for st in analysis.statement_names):
            sides.append(f"{name}: the ingested reports do not include its assessment of {listing(analysis.statement_names)}.")
            continue
        # Each side in two sentences when the second is as good: a question that names two
        # authorities often has few words of its own, and one sentence is a narrow view of a side.
        cands = candidates(question, analysis, own)
        if gives is not None:  # ("limited waits for most services" gives no wait to compare)
            cands = [c for c in cands if gives(c.text)]
        best = choose(cands, limit=2, min_coverage=MIN_COVERAGE / 2, close=rules.CLOSE)
        if best:
            parts.append(f"{name}: {_quoted(best, cited)}")
        elif not parts:  # (its score, when given, is what its report says)
            parts.append(f"{name}: the report does not say.")
        sides.append(" ".join(parts))
    if not cited.citations:
        return abstain(_gap(question, analysis))
    return Answer(answer="\n".join(sides), abstained=False, citations=cited.citations, answerer=EXTRACTIVE)


def _ranks_asked(text: str, terms: frozenset[str], question: str = "") -> bool:
    """Does the sentence rank what the question asks about, a word it asks with among the four
    either side of its superlative ("the highest number of safeguarding referrals", "admissions for
    falls were the third highest"), or give a position ("27th")? Not "directed people to the most
    appropriate team". The superlative the question itself uses may stand further from what it ranks
    by ("the largest borough in the county by population")."""
    asked = terms - EVERYWHERE
    own = {rules.SAME_RANK.get(w, w) for m in rules.RANKED.finditer(question) if (w := m.group(0).lower()) not in ("most", "fewest")}  # (which rank adjectives: "the most appropriate")
    for m in rules.RANKED.finditer(text):
        if m.group(0)[0].isdigit() and not _MONTH_AFTER.match(text, m.end()) or m.group(0).lower() == "ranked":
            return True  # "27th" (not "1st April")
        reach = 8 if rules.SAME_RANK.get(w := m.group(0).lower(), w) in own else 4
        near = text[: m.start()].split()[-reach:] + text[m.end() :].split()[:reach]
        if stems(" ".join(near)) & asked:
            return True
    return False


def _counts_stated(question: str) -> bool:
    """Does the question state a figure that picks a council out: a decimal, a share or a count of a
    hundred or more ("12.4 years", "65.3%", "2,600 people"), not a year, an age band ("aged over 65")
    or a small number ("top 5")?"""
    own = own_words(question)
    ages = {str(n) for n in rules.ages(own)}
    return any(not rules.YEAR_AT.fullmatch(n) and n not in ages and ("." in n or n.endswith("%") or n.isdigit() and int(n) >= 100)
               for n in numbers(own))


def naming_the_council(question: str, analysis: Analysis, answer: Answer) -> Answer:
    """"Which council runs Staffordshire Cares?": a council the question names in passing (in a
    scheme's name) is the answer, so the answer says it first, as its report names it."""
    if answer.abstained or not answer.citations or len(analysis.authorities) != 1 or not rules.WHICH_AUTHORITY.search(own_words(question)):
        return answer
    cited = answer.citations[0]
    name = fw.shown(cited.authority, cited.title)
    if cited.authority != analysis.authorities[0] or answer.answer.startswith(name):
        return answer
    return answer.model_copy(update={"answer": f"{name}: {answer.answer}"})


_PLURAL = re.compile(r"^\s*(?:in\s+)?(?:which|what)\s+(?:\w+\s+)?(?:councils|authorities|boroughs|areas)\b", re.I)


def which_authority(question: str, analysis: Analysis, hits: list[SearchHit]) -> Answer:
    """"Which council …?": the authority whose report answers it, named, with the sentence that shows it."""
    question = rules.WHO_RUNS.sub("which council ", question, count=1)  # ("who runs a …?": the council is the one asked for)
    # The council is picked out by what the question states of it ("a Shared Lives scheme", "a
    # 'care passport'", "7.7%"): a passage holding none of that is about something else.
    # (in any of its passages read: two facts of one council may stand in two passages)
    not_names = {w.lower() for w in rules.NOT_NAMES}
    read = {h.authority: "" for h in hits}
    for h in hits:
        read[h.authority] += f"\n{h.title}\n{h.text}"
    stated = {a for a, text in read.items() if a not in analysis.partners and not unsaid(question, text, not_names)}
    # and a figure it states is the question's only if the sentence giving it says something else
    # the question does ("a social worker vacancy rate over 20%" is not "nursing homes up by 20%")
    every = [c for c in candidates(question, analysis, hits) if c.hit.authority in stated]
    cands = [c for c in every if any(not FIGURE.fullmatch(t) for t in c.terms)]
    # a figure it states must be given by the sentence quoted (or one read with it), not only somewhere
    # in the council's passages: "more than 1,000 adults waiting" is not shown by "1,499 calls" elsewhere
    # (a year is when, which the page may say elsewhere: "80.88% …, according to the 2023 survey")
    # Two figures it states may stand in two sentences side by side ("About 212,000 people live here.
    # Numbers grew by 4.3% …"): then both are quoted.
    beside = _side_by_side(every)
    shown: dict[Candidate, list[Candidate]] = {}
    # (a neighbour gives some figure the question states as stated: "1,870 calls" beside "people waiting"
    # is no "more than 1,000 people waiting"; and so does the sentence itself, if it gives one)
    figures_stated = numbers(question)
    for c in cands:
        if not figures_unsaid(question, c.beside, years=False):
            shown[c] = []
        elif ((not numbers(c.text) & figures_stated or _figure_said_alike(question, c.text, figures_stated))
              and (n := next((n for n in beside.get(c, []) if _figure_said_alike(question, n.text, figures_stated)
                              and not figures_unsaid(question, f"{c.beside} {n.beside}", years=False)), None))):
            shown[c] = [n]
    cands = [c for c in cands if c in shown]
    # "Which council has the most residents?": one that says it ranks (unless a figure the question
    # states picks the council out: "… 12.4 years lower in the most deprived wards …" is the figure's)
    if rules.SUPERLATIVE.search(question) and not _counts_stated(question):
        cands = [c for c in cands if _ranks_asked(c.text, c.terms, question) and not _opposite_rank(own_words(question), [c.text])]
    if rules.NEGATION.search(rules.in_report_words(own_words(question))):  # "… said it had no waiting list?": a sentence saying something is not so
        cands = [c for c in cands if rules.NEGATION.search(c.text)]
    # "Which council has a dedicated autism strategy?", "… offers carers an emergency card?": the best
    # sentence's passage must name the thing it has (_holds_thing), unless a name the question states
    # picks it out ("… called Contact Cares"); else the reports may not say, and no other council's
    # sentence is taken instead.
    chosen = choose(cands, limit=1)  # the best sentence, with those it goes on from or that go on from it
    if chosen and (thing := _thing_had(question)) and not names_stated(question, not_names) and not any(_holds_thing(thing, c) for c in chosen):
        return abstain("No passage found names what the council has.")
    if not chosen:
        return abstain(_gap(question, analysis))
    best = next(c for c in cands if c in chosen)
    groups = [sorted([*chosen, *(n for n in shown[best] if n not in chosen)], key=lambda c: c.span.start)]
    if _PLURAL.search(question):  # "Which councils …": every council whose report answers as well
        seen = {best.hit.authority}
        for c in cands:
            if c.hit.authority in seen or not c.eligible:
                continue
            seen.add(c.hit.authority)
            if c.coverage >= MIN_COVERAGE and c.score >= rules.WHICH_AUTHORITY_CLOSE * best.score:
                groups.append([x for x in (c.continues, c) if x is not None])
    cited = Cited()
    names = [fw.shown(g[0].hit.authority, g[0].hit.title) for g in groups]  # as each report names its council
    parts = [f"{name}: {_quoted(g, cited)}" for name, g in zip(names, groups, strict=True)]
    lead = f"{listing(names)}. " if len(groups) > 1 else ""
    return Answer(answer=lead + " ".join(parts), abstained=False, citations=cited.citations, answerer=EXTRACTIVE)


_THING_HAD = re.compile(r"^\s*(?:in\s+)?(?:which|what)\s+(?:\w+\s+)?(?:council|authority|borough|local authority|area)s?\s+"
                        r"(?:has|have|runs?|offers?|provides?|operates?|gives?|funds?)\s+"  # (not "had a partner complain …": what happened)
                        r"(?:(?:carers|people|residents|adults|staff)\s+)?(?:an?|the|its own|their own|its|their)\s+(?P<thing>[^?,;]+?)\s*"
                        r"(?:\?|$|,|;|\s(?:for|to|in|at|on|with|that|which|who|where|running|covering|lasting|from|until|called|named)\s"
                        # (a second thing it does: "… a high risk panel and works to …", not "Greek and Turkish …")
                        r"|\sand\s+(?:also\s+)?(?:has|have|had|is|was|are|were|runs?|ran|works?|worked|offers?|provides?|uses?|gives?|helps?|supports?|sets?|started|launched)\b)", re.I)


# Words placing the thing, not naming it: "the country's biggest Greek and Turkish Cypriot communities"
_RANKING = frozenset(words("biggest largest highest greatest lowest smallest most least best worst fastest newest oldest "
                           "country country's nation nation's national england england's uk"))


_MEASURES = frozenset(stems("number numbers proportion share percentage rate level amount figure count total"))


def _thing_had(question: str) -> list[str] | None:
    """The words of the thing a which-council question says the council has ("a dedicated all-age autism
    strategy"), its own noun last; None when it says none (or only words every report uses)."""
    if not (m := _THING_HAD.search(own_words(question))):
        return None
    said = [stem(w) for w in words(m.group("thing")) if w not in STOPWORDS | _RANKING and not w[0].isdigit()]
    while said and said[-1] in GENERIC | EVERYWHERE:  # ("a telecare service": a telecare one)
        said.pop()
    # (a measure is no thing had: "a high number of people from …", "the largest share of …")
    return said if said and said[-1] not in _MEASURES else None


def _holds_thing(thing: list[str], c: Candidate) -> bool:
    """Does the sentence's passage name the thing, in the words of it that not every report uses ("an
    all-age autism strategy" is not "dedicated staff"; "a telecare service" is not "care and support
    services"; "Greek and Turkish Cypriot communities" are "Greek Cypriot … populations")?"""
    said = stems(c.hit.text) | stems(c.hit.text.replace("-", " "))  # (in its passage; "the front-door function": a front door)
    def held(t: str) -> bool:  # (or a word of the same root: "delivered meals" for a "meals delivery")
        return t in said or bool(SYNONYMS.get(t, frozenset()) & said) or any(
            len(x) >= 5 and len(t) >= 5 and (x.startswith(t) or t.startswith(x)) for x in said)
    named = [t for t in dict.fromkeys(thing) if t not in GENERIC | EVERYWHERE]
    # (its noun with a word saying which, or most of its words: "a carers hub" is no safeguarding hub)
    return (held(named[-1]) and (len(named) == 1 or any(map(held, named[:-1])))) or 2 * sum(map(held, named)) > len(named)


_AROUND_FIGURE = 30  # characters either side of a figure read as what it counts


def _figure_said_alike(question: str, text: str, figures: set[str]) -> bool:
    """Does the text give a figure the question states, of the same thing: with a word beside it that is
    beside it in the question too, or means the same ("about 212,000 residents": "212,000 people live";
    "growing 4.3%": "increased by 4.3%"; not "a 15% vacancy rate": "15% of people were over 75")?"""
    def around(words: str, figure: str) -> set[str]:
        words = re.sub(r"(?<=\d),(?=\d{3})", "", words)  # (figures as support.numbers gives them: "212,000" is "212000")
        at = [m.start() for m in re.finditer(re.escape(figure), words)]
        return {t for i in at for t in stems(words[max(0, i - _AROUND_FIGURE) : i + len(figure) + _AROUND_FIGURE])
                if not FIGURE.fullmatch(t) and not t.isdigit()}
    for figure in numbers(text) & figures:
        asked, said = around(question, figure), around(text, figure)
        if any(t in said or SYNONYMS.get(t, frozenset()) & said for t in asked - GENERIC):
            return True
    return False


def _side_by_side(cands: list[Candidate]) -> dict[Candidate, list[Candidate]]:
    """Each sentence's neighbours in its passage, the one after it and the one before."""
    by_passage: dict[str, list[Candidate]] = {}
    for c in cands:
        by_passage.setdefault(c.hit.chunk_id, []).append(c)
    out: dict[Candidate, list[Candidate]] = {}
    for row in by_passage.values():
        row.sort(key=lambda c: c.span.start)
        for i, c in enumerate(row):
            out[c] = [n for n in (row[i + 1] if i + 1 < len(row) else None, row[i - 1] if i else None) if n is not None]
    return out


def frame(headings: tuple[str, ...], statements: tuple[str, ...], authorities: tuple[str, ...], catalog: Catalog) -> Answer:
    """What people expect, or the local authority commitment (or both, for what a statement is
    about), for a statement: the frame text itself, which is the same in every report (quoted from
    the authority asked about if any)."""
    cited = Cited()
    parts = []
    for statement in statements:
        for heading in headings:
            by_authority = catalog.frames.get((statement, heading), {})
            if not by_authority:
                continue
            source = next((a for a in authorities if a in by_authority), None) or sorted(by_authority)[0]
            if authorities and source not in authorities:
                continue  # asked about an authority whose report lacks this frame
            chunks = by_authority[source]
            body = " ".join(f"{' '.join(sp.of(c.text).split())} {cited.mark(c)}" for c in chunks for sp in sentences(c.text))
            parts.append(f"{heading} ({statement}): {body}")
    if not parts:
        where = f" in the report for {listing(list(authorities))}" if authorities else ""
        asked = " or ".join(f"“{h}”" for h in headings)
        return abstain(f"No ingested report gives {asked} for {listing(list(statements))}{where}.")
    return Answer(answer=" ".join(parts), abstained=False, citations=cited.citations, answerer=EXTRACTIVE)
