"""Pure text helpers that keep character offsets: paragraphs, sentences, words."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Non-blank lines of text[start:end], trimmed of surrounding white space."""
    end = len(text) if end is None else end
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = m.start() + start, m.end() + start
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield Span(s, e)


# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "st", "no", "vs", "approx", "cllr", "prof",
    "inc", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "fig", "para",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£])")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans within text[start:end]; line breaks always end a sentence."""
    out: list[Span] = []
    for line in lines(text, start, end):
        seg_start = line.start
        chunk = text[line.start : line.end]
        for m in _BOUNDARY.finditer(chunk):
            before = chunk[: m.start()]
            last_word = re.split(r"\s", before)[-1].lower().rstrip(".")
            if last_word in _ABBREV or re.fullmatch(r"[a-z]", last_word):
                continue
            stop = line.start + m.start() + len(m.group(0).rstrip())
            out.append(Span(seg_start, stop))
            seg_start = line.start + m.end()
        if seg_start < line.end:
            out.append(Span(seg_start, line.end))
    return out


_WORD = re.compile(r"[A-Za-z0-9£%]+(?:[.,'’][A-Za-z0-9]+)*")


def fold(text: str) -> str:
    """Accents dropped: "Café" and "Cafe" are one word."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# A prefix that is no word of its own joins its word with or without a hyphen ("co-produced" and
# "coproduced" and "co produced", "re-ablement" and "reablement").
_PREFIX = re.compile(r"\b(?:(co|pre|non)[\s-]|(re)-)(?=[a-z])", re.I)


# A role's second in command is another role: "Vice Chair" is one word, and no chair ("who chairs
# the board?" is not answered by its vice chair).
_SECOND_ROLE = re.compile(r"\b(vice|deputy|assistant)[\s-]+(?=(?:chair|director|head|manager|lead|chief|principal|executive)\w*\b)", re.I)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, accents folded; possessive 's is dropped ("Wirral's" -> "wirral");
    "co-ordinated" is "coordinated"; "Vice Chair" is "vicechair"."""
    out = []
    for w in _WORD.findall(_SECOND_ROLE.sub(r"\1", _PREFIX.sub(r"\1\2", fold(text)))):
        w = w.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w)
    return out


_CONTRACTED = re.compile(r"\b(what|who|where|when|how|which|that|there|it)['’]s\b", re.I)


def uncontracted(question: str) -> str:
    """ "What's the budget?" -> "What is the budget?": question patterns read one form."""
    return _CONTRACTED.sub(r"\1 is", question)


# Shorthand typed into chat boxes, as the words it stands for ("ppl" -> "people", "st helens
# partnerships n communities" -> "… and communities"). Whole words only; none is an English word.
SHORTHAND = {"ppl": "people", "yrs": "years", "yr": "year", "mths": "months", "wks": "weeks", "hrs": "hours",
             "n": "and", "&amp;": "and", "govt": "government", "dept": "department", "approx": "approximately",
             "w/": "with", "thru": "through", "b4": "before", "pls": "please", "plz": "please", "u": "you",
             "ur": "your", "cos": "because", "coz": "because", "bc": "because", "tho": "though", "wot": "what",
             "whch": "which", "wat": "what", "wht": "what", "abt": "about", "la": "local authority",
             "las": "local authorities", "no.": "number", "avg": "average", "%": "percentage",
             # parties by the names people call them (reports write them out)
             "lib dems": "Liberal Democrats", "lib dem": "Liberal Democrat", "libdems": "Liberal Democrats",
             "tories": "Conservatives", "tory": "Conservative",
             # contractions typed without their apostrophe
             "whats": "what is", "hows": "how is", "wheres": "where is", "whos": "who is", "theyre": "they are",
             "theres": "there is", "thats": "that is",
             "dont": "do not", "doesnt": "does not", "didnt": "did not", "isnt": "is not", "arent": "are not",
             "wasnt": "was not", "werent": "were not", "hasnt": "has not", "havent": "have not", "cant": "cannot",
             "couldnt": "could not", "shouldnt": "should not", "wouldnt": "would not", "im": "I am", "ive": "I have"}
_LOWER_ONLY = frozenset({"n", "u"})  # "N Yorkshire" is North Yorkshire
_SHORTHAND = re.compile(r"(?<![\w'’&/.-])(" + "|".join(re.escape(k) for k in sorted(SHORTHAND, key=len, reverse=True))
                        + r")(?![\w'’/-]|\.\w)", re.I)


def spelled_out(question: str) -> str:
    """A question as typed, with its chat shorthand written out and its contractions undone."""
    def written_out(m: re.Match[str]) -> str:
        typed = m.group(1)
        return typed if typed.lower() in _LOWER_ONLY and not typed.islower() else SHORTHAND[typed.lower()]

    return uncontracted(_SHORTHAND.sub(written_out, question))


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


STOPWORDS = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "tell", "told", "us", "did", "does", "say", "said", "according"]
)


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS]


_stemmers = threading.local()


def stem(word: str) -> str:
    """The Snowball (Porter 2) stem: services/service, priorities/priority, gaps/gap meet.
    One stemmer for BM25, the support check and the extractive scorer."""
    s = getattr(_stemmers, "english", None)
    if s is None:  # a Stemmer object is not safe to share between threads
        import Stemmer

        s = _stemmers.english = Stemmer.Stemmer("english")
    return s.stemWord(word)


# Irregular verb forms a stemmer leaves apart ("brought" / "bring", "felt" / "feel"): a question
# in one tense meets a report in another.
_IRREGULAR = {
    form: base
    for base, forms in {
        "bring": "brought", "build": "built", "buy": "bought", "begin": "began begun", "choose": "chose chosen",
        "feel": "felt", "find": "found", "give": "gave given", "grow": "grew grown", "hold": "held", "keep": "kept",
        "lead": "led", "leave": "left", "lose": "lost", "make": "made", "meet": "met", "pay": "paid", "rise": "rose risen",
        "fall": "fell fallen", "run": "ran", "see": "saw seen", "sell": "sold", "send": "sent", "set": "set",
        "spend": "spent", "take": "took taken", "teach": "taught", "think": "thought", "understand": "understood",
        "write": "wrote written", "win": "won", "go": "went gone", "know": "knew known", "show": "shown",
        "seek": "sought", "speak": "spoke spoken", "hear": "heard", "mean": "meant", "cut": "cut", "put": "put",
        "embed": "embedded embedding embeds",  # (regular, but the stemmer reads "embed" as "emb" + "ed")
    }.items()
    for form in forms.split()
}
# Comparatives, superlatives and adverbs a stemmer leaves apart from their adjective ("easier",
# "easily" / "easy"): "Is it any easier?" meets "could easily access". A list, not a suffix rule:
# "-ier" and "-ily" also end "barrier" and "family".
_COMPARATIVE = {
    form: base
    for base, forms in {
        "easy": "easier easiest easily", "early": "earlier earliest", "healthy": "healthier healthiest",
        "quick": "quicker quickest", "fast": "faster fastest", "long": "longer longest", "high": "higher highest",
        "low": "lower lowest", "great": "greater greatest", "small": "smaller smallest", "large": "larger largest",
        "big": "bigger biggest", "wide": "wider widest", "strong": "stronger strongest", "weak": "weaker weakest",
        "close": "closer closest", "happy": "happier happiest happily", "busy": "busier busiest",
        "ready": "readily", "timely": "timelier", "slow": "slower slowest", "short": "shorter shortest",
    }.items()
    for form in forms.split()
}
_BASE_FORM = _IRREGULAR | _COMPARATIVE
# Irregular past forms ("built", "given", "led"): what a question asks was done, as it writes it.
IRREGULAR_FORMS = frozenset(_IRREGULAR)


# American spellings as British ones: "program" / "programme", "organize" / "organise".
_SPELLING = {"program": "programme", "programs": "programmes", "center": "centre", "centers": "centres",
             "behavior": "behaviour", "behaviors": "behaviours", "neighbor": "neighbour", "neighbors": "neighbours",
             "neighborhood": "neighbourhood", "neighborhoods": "neighbourhoods", "labor": "labour", "favor": "favour",
             "counseling": "counselling", "modeling": "modelling", "traveling": "travelling", "enrollment": "enrolment",
             "fulfill": "fulfil", "aging": "ageing", "color": "colour", "judgment": "judgement", "judgments": "judgements",
             "pediatric": "paediatric", "skeptical": "sceptical", "catalog": "catalogue", "dialog": "dialogue",
             # British verb and noun spelled the same way: "fitness to practise" / "fitness to practice"
             "practise": "practice", "practised": "practiced", "practises": "practices", "practising": "practicing",
             "license": "licence", "licenses": "licences"}
_IZE = re.compile(r"(?<=[a-z]{3})(?:iz|yz)(e|es|ed|ing|ation|ations|er|ers)$")


def _british(word: str) -> str:
    """American spellings as British, and "-ism" as "-ist" ("racism" meets "anti-racist")."""
    if len(word) >= 6 and word.endswith("ism"):
        return word[:-3] + "ist"
    return _SPELLING.get(word) or _IZE.sub(lambda m: ("is" if m.group(0)[0] == "i" else "ys") + m.group(1), word)


# Abbreviations of health and social care and what they stand for, each with one meaning in this
# field. Reports spell a term out once and abbreviate it after; people ask either way. A spelled-out
# form also reads as its abbreviation, so a question that abbreviates meets the report that does not
# ("A&E" / "accident and emergency"); the abbreviation is one word ("A&E" would be two letters).
ABBREVIATIONS = {
    "A&E": "accident and emergency", "ICB": "integrated care board", "ICS": "integrated care system",
    "BCF": "better care fund", "DoLS": "deprivation of liberty safeguards", "LPS": "liberty protection safeguards",
    "SAB": "safeguarding adults board", "MASH": "multi-agency safeguarding hub", "MCA": "mental capacity act",
    "JSNA": "joint strategic needs assessment", "VCSE": "voluntary, community and social enterprise",
    "CHC": "continuing healthcare", "DFG": "disabled facilities grant", "PCN": "primary care network",
    "AMHP": "approved mental health professional", "IMCA": "independent mental capacity advocate",
    "DASS": "director of adult social services", "PSW": "principal social worker", "BSL": "British Sign Language", "GP": "general practitioner",
    "OT": "occupational therapist",
}
_AMPERSANDED = re.compile(r"\b([A-Z]) ?& ?([A-Z])\b")
_SPACE = re.compile(r"[\s-]+")  # between the words of a spelled-out form: "multi-agency", "multi agency"
_SPELLED = re.compile(
    r"\b(" + "|".join(r"[\s-]+".join(map(re.escape, _SPACE.split(v))) for v in ABBREVIATIONS.values()) + r")s?\b", re.I)
_SHORT = {" ".join(_SPACE.split(v.lower())): a.replace("&", "and") for a, v in ABBREVIATIONS.items()}


def _with_short_form(m: re.Match) -> str:
    return f"{m.group(0)} {_SHORT[' '.join(_SPACE.split(m.group(1).lower()))]}"


def _abbreviated(text: str) -> str:
    """ "A&E" as one word, and a spelled-out term followed by its abbreviation."""
    return _SPELLED.sub(_with_short_form, _AMPERSANDED.sub(r"\1and\2", text))


# The version of `terms`: a saved lexical index records it, and one of another version is rebuilt.
TOKENS = 9


def terms(text: str) -> list[str]:
    """Stemmed content words, in order (irregular verb forms as their base, American spellings as
    British, "-ism" as "-ist", spelled-out terms with their abbreviations): what matching compares."""
    return [stem(_british(_BASE_FORM.get(w, w))) for w in content_words(_abbreviated(text))]


# Each abbreviation's stem, with the stems of the words it stands for ("psw": principal, social, worker).
_SPELLED_OUT = {short[0]: frozenset(terms(long)) - {short[0]} for a, long in ABBREVIATIONS.items() if (short := terms(a))}


def one_term_each(stemmed: set[str]) -> set[str]:
    """Stems with a spelled-out term's words dropped where its abbreviation is among them: "principal
    social worker" and "PSW" are one thing asked about, not four."""
    out = set(stemmed)
    for short in stemmed & _SPELLED_OUT.keys():
        out -= _SPELLED_OUT[short]
    return out


def pieces(text: str) -> list[str]:
    """Words with their trailing space: the pieces an already written answer is streamed in."""
    return re.findall(r"\S+\s*", text)
