"""Does a passage support a sentence? One scorer for the answer check and the evaluation metrics.

A sentence is supported by a passage when every number, date and name it states appears there,
and enough of its content words do. Thresholds were set on the eval set (see README).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass

from rag import rules
from rag.text import terms

# Share of a sentence's content words that must appear in the passage.
MIN_OVERLAP = 0.5
_NUMBER = re.compile(r"£?\d[\d,]*(?:\.\d+)?%?")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z'’&-]+(?:\s+(?:and\s+|of\s+|&\s+)?[A-Z][a-zA-Z'’&-]+)*)")
_GENERIC_NAMES = {"the", "this", "it", "they", "there", "we", "people", "local", "council", "leaders", "staff", "partners", "i",
                  "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll"}  # ("(I'm a carer in Bristol …)": nobody's name)


def stems(text: str) -> set[str]:
    return set(terms(text))


def numbers(text: str) -> set[str]:
    return {_canonical(n.replace(",", "").replace("£", "").rstrip(".")) for n in _NUMBER.findall(text)}


def _canonical(n: str) -> str:
    """"65.30%" is "65.3%", "2.0" is "2": a figure written with trailing zeros is the same figure."""
    return re.sub(r"\.(?=%?$)", "", re.sub(r"(\.\d*?)0+(?=%?$)", r"\1", n)) if "." in n else n


def facts(sentence: str) -> set[str]:
    """Numbers, months and proper names a sentence states: each must appear in its source."""
    out = {f"#{n}" for n in numbers(sentence)}
    out |= {f"@{(m['month'] or m['named'] or m['dated']).lower()}" for m in rules.MONTH_WRITTEN.finditer(sentence)}  # (not the verb "may")
    for m in _NAME.finditer(sentence):
        name = m.group(1)
        if name.lower() not in _GENERIC_NAMES and m.start() > 0:
            out.add(f"!{name.lower()}")
    return out


# A number as `numbers` gives it ("7.7%", "400"), or as a question's terms write it ("1,000").
FIGURE = re.compile(r"[\d.,]+%?")
_QUOTED = re.compile(r"(?:^|\s)['‘\"“]([^'’\"”]{3,40})['’\"”]")


def quoted_names(question: str) -> list[str]:
    """The names a question quotes ("the 'Our Borough' strategy"), in lower case."""
    return [m.group(1).lower() for m in _QUOTED.finditer(question)]


_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# The number words a question may state a figure in: two to twelve, and twenty to fifty.
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(_UNITS, 1) if 2 <= n <= 12} | {w: str(20 + 10 * i) for i, w in enumerate(_TENS[:4])}
# ("two of the", "two or three": loose; "a two-borough service": a kind, not a figure)
_NUMBER_WORD = r"(?<![\w-])(" + "|".join(_NUMBER_WORDS) + r")(?![\w-])(?!\s+(?:of|or)\b)"


# A people's name and its place's differ by an ending ("Somali", "Somalian", "Somalia"; "Nigeria", "Nigerian").
NAME_ENDINGS = ("n", "an", "ian", "a", "ia")
_ENDING = "|".join(NAME_ENDINGS)


def _holds_name(name: str, passage: str) -> bool:
    """A name as a whole word or words ("ai" is not in "maintain"), with a people's or place's ending
    ("Somali": "Somalian"), or an abbreviation spelled out ("ICB": "Integrated Care Board"; "MS":
    "multiple sclerosis")."""
    if re.fullmatch(r"[A-Za-z]{2,5}s", name) and " " not in name and _holds_name(name[:-1], passage):  # an abbreviation's plural: "OTs"
        return True
    root = re.sub(rf"(?<=\w{{4}})(?:{_ENDING})$", "", name)
    if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", passage) or (
            len(name) >= 4 and re.search(rf"(?<![\w-]){re.escape(root)}(?:{_ENDING})?(?![\w-])", passage)):
        return True
    if " " in name or not 2 <= len(name) <= 5:
        return False
    # ("a" and "in" are nobody's initials, but may come between three or more: "IMD", "Index of
    # Multiple Deprivation"; not "OT", "Older and Transitions")
    between = r"\W+(?:(?:of|and|for|the|in|on|&)\W+)?" if len(name) >= 3 else r"\W+"
    initials = between.join(rf"{c}\w{{3,}}" for c in name)
    return bool(re.search(rf"\b{initials}\b", passage))


# A figure said as a bound ("more than 280 ethnic groups", "nearly 300"): a passage's figure within it will do.
_BOUND = re.compile(r"\b(more than|over|above|at least|fewer than|less than|under|below|at most|nearly|almost|around|about|"
                    r"roughly|approximately|some)\s+£?(\d[\d,]*(?:\.\d+)?)(%?)(?!\d|[.,]\d)", re.I)
_NEAR = 0.1  # "nearly", "about": within a tenth
_NEAR_POINTS = 1.0  # a share: within a percentage point ("almost 62%": 61.74%)


def _bounds(question: str) -> dict[str, tuple[float, float]]:
    """Each figure the question gives as a bound, with the range it allows (a share's keyed with
    its "%", and compared with the passage's shares only)."""
    out = {}
    for m in _BOUND.finditer(question):
        word, figure, share = m.group(1).lower(), _canonical(m.group(2).replace(",", "")), m.group(3)
        n = float(figure)
        if word in ("more than", "over", "above", "at least"):
            out[figure + share] = (n, math.inf)
        elif word in ("fewer than", "less than", "under", "below", "at most"):
            out[figure + share] = (-math.inf, n)
        elif share:
            out[figure + share] = (n - _NEAR_POINTS, n + _NEAR_POINTS)
        else:
            out[figure] = (n * (1 - _NEAR), n * (1 + _NEAR))
    return out


_YEAR = re.compile(r"(?<![£\d.,])((?:19|20)\d\d)(?![\d%]|,\d)")


def _within(figure: str, bounds: dict[str, tuple[float, float]], given: set[str]) -> bool:
    """Does the passage give a figure within the bound the question set on `figure`?"""
    if figure not in bounds:
        return False
    low, high = bounds[figure]
    share = "%" if figure.endswith("%") else ""
    values = [float(g.removesuffix(share)) for g in given if re.fullmatch(r"\d+(?:\.\d+)?" + share, g)]
    return any(low <= v <= high for v in values)


_PER_CENT = re.compile(r"(\d)\s*(?:per ?cent|percent)\b", re.I)


def _stated(question: str) -> set[str]:
    # ("St Helens' Contact Cares": the council's name and the thing it has are two names)
    question = rules.DESCRIBED_BY.sub(r"\1", question)  # ("Labour-run": Labour)
    return {part for f in facts(question) for part in re.split(r"['’]s?(?:\s+|$)", f[1:].strip("'’‘\"“”")) if part}


def names_stated(question: str, not_names: Collection[str] = ()) -> set[str]:
    """The proper names a question states ("a front door service called Contact Cares"), figures aside."""
    return {n for n in _stated(question) - set(not_names) if not FIGURE.fullmatch(n)}


# A year range written short: "2023-24" is 2023 to 2024, as a passage may write it in full.
_SHORT_RANGE = re.compile(r"(?<![\d.,£])((?:19|20)(\d\d))\s*([-–/])\s*(\d\d)(?![\d%]|[.,]\d)")


def _long_years(text: str) -> str:
    return _SHORT_RANGE.sub(lambda m: f"{m.group(1)}{m.group(3)}{m.group(1)[:2]}{m.group(4)}" if m.group(4) > m.group(2) else m.group(0), text)


# ("twenty-one", "forty two", "seven"; "one" alone is too often no figure, and "two of"/"two or" loose)
_WRITTEN = re.compile(rf"\b(?:({'|'.join(_TENS)})(?:[- ]({'|'.join(_UNITS[:9])}))?|({'|'.join(_UNITS[1:])}))\b(?![- ]?(?:of|or)\b)",
                      re.I)


_WRITTEN_ORDINAL = re.compile(rf"\b({'|'.join(rules.ORDINALS)})\b", re.I)


def written_figures(text: str) -> str:
    """The text with its figures written in words as digits: a sentence may not begin with a digit
    ("Eighty-eight languages are spoken …" is "88 languages"; "Twenty per cent" is "20%")."""
    def digits(m: re.Match[str]) -> str:
        if m.group(3):
            return str(_UNITS.index(m.group(3).lower()) + 1)
        return str(20 + 10 * _TENS.index(m.group(1).lower()) + (_UNITS.index(m.group(2).lower()) + 1 if m.group(2) else 0))
    text = _WRITTEN_ORDINAL.sub(lambda m: rules.ORDINALS[m.group(1).lower()], text)  # ("the fifth highest": 5th)
    return _PER_CENT.sub(r"\1%", _WRITTEN.sub(digits, text))


def figures_unsaid(question: str, passage: str, years: bool = True) -> list[str]:
    """The figures a question states ("7.7%", "more than 1,000") that a passage gives neither
    exactly nor within the bound the question sets, in digits or words; its years too unless
    `years` is False."""
    question, passage = _long_years(_PER_CENT.sub(r"\1%", question)), _long_years(written_figures(passage))
    given, bounds = numbers(passage), _bounds(question)
    counts = given - set(_YEAR.findall(passage))  # ("December 2023" is no count "more than 1,000")
    stated = _stated(question) - (set() if years else set(_YEAR.findall(question)))
    scaled = _scaled(question)
    return [n for n in stated if FIGURE.fullmatch(n) and n not in given and not _within(n, bounds, counts)
            and not _rounds_to(scaled.get(n), counts) and not _share_rounded(n, counts)]


def _share_rounded(figure: str, given: set[str]) -> bool:
    """A whole share is the passage's share rounded ("61%": 61.21%)."""
    if not re.fullmatch(r"\d+%", figure):
        return False
    n = float(figure[:-1])
    return any(abs(float(g[:-1]) - n) <= 0.5 for g in given if re.fullmatch(r"\d+\.\d+%", g))


# A sum in millions or thousands: "£302m" is the passage's "£301,750,000".
_SCALED = re.compile(r"£?(\d[\d,]*(?:\.\d+)?)\s*(m|mn|million|bn|billion|k|thousand)\b", re.I)
_SCALE = {"m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3, "thousand": 1e3}


def _scaled(question: str) -> dict[str, tuple[float, float]]:
    """Each figure written with a scale, as its value and the unit of its last digit."""
    out = {}
    for m in _SCALED.finditer(question):
        figure, scale = m.group(1).replace(",", ""), _SCALE[m.group(2).lower()]
        places = len(figure.split(".")[1]) if "." in figure else 0
        out[_canonical(figure)] = (float(figure) * scale, scale / 10**places)
    return out


def _rounds_to(value: tuple[float, float] | None, given: set[str]) -> bool:
    """Does the passage give a figure that rounds to this one ("£301,750,000" for "£302m")?"""
    if value is None:
        return False
    v, unit = value
    return any(abs(float(g) - v) <= unit / 2 for g in given if re.fullmatch(r"\d+(?:\.\d+)?", g))


def unsaid(question: str, passage: str, not_names: Collection[str] = ()) -> list[str]:
    """What a question states to pick something out that a passage does not hold: any of its
    numbers or quoted terms ("a 'care passport'"), or every one of its proper names ("a Shared Lives
    scheme"; one of several will do: a report may spell out the rest otherwise)."""
    lowered = passage.lower()
    question = _PER_CENT.sub(r"\1%", question)  # "68.42 per cent" is the passage's "68.42%"
    missing = figures_unsaid(question, passage)
    missing += [q for q in quoted_names(question) if q not in lowered]
    # a number in words ("seven days a week") as either form: "2 days a week" is not it
    missing += [w for w in re.findall(_NUMBER_WORD, question.lower())
                if not re.search(rf"(?<![\d.,]){_NUMBER_WORDS[w]}(?![\d.,]\d)|\b{w}\b", lowered)]
    names = list(names_stated(question, not_names))
    if names and not any(_holds_name(part, lowered) for n in names for part in (n, *n.split(" and "))):  # ("MND and MS")
        missing += names
    return missing


@dataclass(frozen=True)
class Support:
    overlap: float
    missing: tuple[str, ...]

    @property
    def supported(self) -> bool:
        return not self.missing and self.overlap >= MIN_OVERLAP




def _named_in(name: str, passage: str) -> bool:
    """A name is there whole, or it is a list joined by "and" whose every name is there
    ("Telford and Wrekin Council and Wirral Council")."""
    if name in passage:
        return True
    parts = name.split(" and ")
    if len(parts) < 2:
        return False
    # Try each way of cutting the list: names may contain "and" themselves.
    def cut(i: int) -> bool:
        return i == len(parts) or any(" and ".join(parts[i:j]) in passage and cut(j) for j in range(i + 1, len(parts) + 1))
    return cut(0)


def support(sentence: str, passage: str) -> Support:
    s = stems(sentence)
    p = stems(passage)
    overlap = len(s & p) / len(s) if s else 0.0
    passage_numbers = numbers(passage)
    lowered = passage.lower()
    missing = []
    for f in sorted(facts(sentence)):
        kind, value = f[0], f[1:]
        if kind == "#" and value not in passage_numbers or kind in "@!" and not _named_in(value, lowered):
            missing.append(value)
    # A negation the passage does not make turns its meaning round: "did not", "no waiting list".
    if rules.NEGATION.search(sentence) and not rules.NEGATION.search(passage):
        missing.append("(a negation)")
    # An instruction addressed to the reader is never a finding, whatever it overlaps with.
    if rules.INJECTION.search(sentence) or rules.IMPERATIVE.match(sentence):
        missing.append("(an instruction to the reader)")
    return Support(overlap, tuple(missing))
