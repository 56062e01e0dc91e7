"""Which local authority a text is about: the 153 English authorities and the ways texts name them.

The shipped list (data/authorities.csv) is extended with the authorities found in the store, so
fictional or renamed authorities are recognised in questions as well.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Single-word place names that are also ordinary words: matched only when capitalised.
_COMMON_WORDS = {"reading", "bury", "slough", "harrow", "derby", "hull", "bath", "poole", "sutton", "bucks", "wilts", "staffs", "stoke"}
# What shows a lower-case word ("harrow", "reading") is the council's name: "council" after it, or
# what is asked of councils ("harrow assessing needs score", "harrow cqc rating").
# Or the question starts with it, set off as its subject ("staffs - healthier lives score?", "derby: population").
_COUNCIL_AFTER = re.compile(r"\s+(?:(?:borough\s+|city\s+|county\s+)?council\b|(?:[\w,&'’–-]+\s+){0,5}?(?:score|scored|rating|rated|cqc)\b"
                            r"|(?:residents|population)\b)|['’]s\s+(?:residents|population|adult social care)\b", re.I)  # "derby residents"
# … or it owns something: "harrow's conversation cafe" (a word's possessive is rare in a question)
_POSSESSIVE = re.compile(r"['’]s\s+[a-z]", re.I)
# Or it ends the question as where it asks about: "how many people live in derby?", "what do carers say in hull?"
_PLACE_LAST = re.compile(r"\b(?:in|of|across|within)\s+$", re.I)
# … or where someone lives, cares or works, whatever follows: "i'm a carer in harrow and …"
_LIVES_IN = re.compile(r"\b(?:live[sd]?|living|carer|caring|resident|based|work(?:s|ed|ing)?|moved|moving|move)\s+(?:in|to)\s+$", re.I)
_QUESTION_END = re.compile(r"\s*[?.!]*\s*$|\s*[.!?;,]\s.*", re.S)  # (or its sentence's: "im a carer in harrow. is there …")
# … or what people there are, do or say: "what proportion of people in derby are asian?"
_THERE_VERB = re.compile(r"\s+(?:are|is|was|were|have|has|had|do|does|did|get|gets|got|feel|felt|say|said|think|wait|waited|"
                         r"live|lives|need|needs)\b", re.I)
_LISTED = re.compile(r"\s*(?:,|,?\s+(?:and|or|vs\.?|versus)\b)\s*", re.I)
_SUBJECT_FIRST = re.compile(r"\s*(?:[-–:]|\bvs?\b\.?)\s", re.I)
# … or the subject of a question's verb: "when is harrow bringing out its strategy?", "how does bury …"
# (not "how is derby doing", which may be the race)
_ASKED_OF = re.compile(r"(?:^|[.?!]\s*)(?:(?:when|what|why|where|who)\s+(?:is|are|was|were|does|do|did|has|have|will|would|can|could)"
                       r"|how\s+(?:does|do|did|has|have|will|would))\s+$", re.I)


def _statement_next(rest: str) -> bool:
    """"staffs equity in experience and outcomes - 2 or 3?": a quality statement named straight after."""
    from rag import framework as fw  # (framework imports nothing of the project; loaded on first use)

    first = fw.statement_mentions(rest[:80])
    return bool(first) and first[0].clear and not rest[: first[0].start].strip()


_SUFFIXES = (
    "metropolitan borough council", "borough council", "city council", "county council",
    "district council", "council",
)
_NOT_A_SHORT_NAME = {"city", "london", "borough", "royal", "north", "south", "east", "west", "isle", "central", "tower",
                     "isles", "st", "the", "council", "county", "new", "great", "kingston",
                     "cleveland", "chelsea"}  # (Cleveland Police, a daughter called Chelsea: not a council alone)


@dataclass(frozen=True)
class Authority:
    name: str
    kind: str = "other"
    region: str = ""
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    authority: str
    start: int
    end: int


def base_name(name: str) -> str:
    """"Telford and Wrekin Council" -> "Telford and Wrekin"; "London Borough of Camden" -> "Camden"."""
    n = re.sub(r"^(?:the\s+)?(?:london borough of|royal borough of|city of|council of the)\s+", "", name, flags=re.I)
    lowered = n.lower()
    for suffix in _SUFFIXES:
        if lowered.endswith(" " + suffix):
            return n[: -len(suffix) - 1].strip()
    return n.strip()


def _first_word(base: str) -> str:
    return base.split()[0]


def _last_place_joined(base: str) -> str | None:
    """"Windsor and Maidenhead" -> "Maidenhead"; None for a name joining no places."""
    parts = re.split(r"\s+(?:and|&)\s+", base)
    return parts[-1] if len(parts) > 1 else None


def variants_of(name: str) -> set[str]:
    base = base_name(name)
    out = {name, base, f"{base} Council"}
    if " and " in base:
        out.add(base.replace(" and ", " & "))
    return {v for v in out if v}


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of `words` (lower-case), longest first, as a character trie."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body  # greedy: the longer name wins

    return build(trie)


class Gazetteer:
    def __init__(self, authorities: Iterable[Authority]) -> None:
        self.authorities: dict[str, Authority] = {}
        surface: dict[str, str] = {}
        for a in authorities:
            self.authorities[a.name] = a
            for v in (*a.variants, *variants_of(a.name)):
                surface.setdefault(v.lower(), a.name)
        # A unique first word ("Telford", "Ashcombe") also names its authority; so does the last of two
        # places a name joins ("Maidenhead", "Wrekin", "Fulham"), when only one name holds it.
        for short_of in (_first_word, _last_place_joined):
            shorts = {n: s.lower() for n in self.authorities if (s := short_of(base_name(n)))}
            counts = Counter(shorts.values())
            for n, short in shorts.items():
                if counts[short] == 1 and len(short) >= 4 and short not in _NOT_A_SHORT_NAME and short not in surface:
                    surface[short] = n
        self._surface = surface
        # A trie, not a flat alternation of ~1,000 names: one character test per position, so a
        # scan is linear in the text (a flat alternation tried every name at every position).
        self._one_word: dict[str, str] | None = None  # one-word names, built when first asked for
        self._words: frozenset[str] | None = None  # every word of every name, built when first asked for
        self._pattern = re.compile(rf"(?<![\w-])({_trie_pattern(surface)})(?:['’]?s)?(?![\w-])", re.IGNORECASE)

    def with_names(self, names: Iterable[str]) -> Gazetteer:
        """This gazetteer plus authorities it does not know yet (e.g. found in the store)."""
        extra = [Authority(n) for n in names if n and n not in self.authorities and self.canonical(n) is None]
        if not extra:
            return self
        return Gazetteer([*self.authorities.values(), *extra])

    def names_word(self, word: str) -> bool:
        """Is the word part of an authority's name or variant ("wrekin", "tyneside")?"""
        if self._words is None:
            self._words = frozenset(w for k in self._surface for w in re.split(r"[\s&,.'’-]+", k) if w)
        return word.lower() in self._words

    def canonical(self, name: str) -> str | None:
        """The authority a name or variant stands for, if any ("Telford & Wrekin" -> its full name)."""
        return self._surface.get(name.strip().lower())

    def mentions(self, text: str, *, case_sensitive: bool = False) -> list[Mention]:
        found: list[tuple[Mention, bool]] = []  # (mention, sure)
        for m in self._pattern.finditer(text):
            surface = m.group(1)
            lowered, common = not surface[:1].isupper(), surface.lower() in _COMMON_WORDS
            # "reading", "harrow": words too, unless capitalised, followed by "council" ("harrow council")
            # or set off as the question's subject
            named = common and bool(_COUNCIL_AFTER.match(text, m.end()) or _POSSESSIVE.match(text, m.end(1))
                                    or _LIVES_IN.search(text[: m.start()]) or _ASKED_OF.search(text[: m.start()])
                                    or _PLACE_LAST.search(text[: m.start()]) and (_QUESTION_END.fullmatch(text, m.end())
                                                                                   or _THERE_VERB.match(text, m.end()))
                                    or not text[: m.start()].strip() and (_SUBJECT_FIRST.match(text, m.end())
                                                                          or _statement_next(text[m.end() :])))
            if lowered and case_sensitive and not named:
                continue
            found.append((Mention(self._surface[surface.lower()], m.start(), m.end()), not (lowered and common) or named))
        # Or listed with councils named for sure ("derby, westminster or darlington").
        sure = [x for x, ok in found if ok]
        return [x for x, ok in found if ok or any(_LISTED.fullmatch(text[min(x.end, y.end) : max(x.start, y.start)]) for y in sure)]

    def near_mentions(self, text: str, is_word: Callable[[str], bool] = lambda w: False) -> list[Mention]:
        """Names typed one letter wrong ("Darlngton", "Westminser"): words one edit from a one-word
        name, for questions (never report text). A word under 8 letters must be capitalised and not
        open the sentence ("narrow" is no Harrow). A word `is_word` knows (the reports use it) is
        that word, not a name typed wrong ("the Adult Social Care Survey" is no Surrey)."""
        if self._one_word is None:
            self._one_word = {k: v for k, v in self._surface.items() if " " not in k and "-" not in k and len(k) >= 6}
        out = []
        for m in re.finditer(r"[A-Za-z]{6,}", text):
            word = m.group(0)
            if len(word) < 8 and (not word[0].isupper() or m.start() == 0):
                continue
            low = word.lower()
            if low in _COMMON_WORDS or is_word(low):
                continue
            hit = next((v for k, v in self._one_word.items() if abs(len(k) - len(low)) <= 1 and _one_edit(k, low)), None)
            if hit is not None:
                out.append(Mention(hit, m.start(), m.end()))
        return out

    def initials_mentions(self, text: str, among: Iterable[str]) -> list[Mention]:
        """Councils named by their initials ("WCC" for Westminster City Council, "LBB" for the London
        Borough of Brent), for questions: an all-capitals word that is the initials of exactly one of
        `among` (the ingested authorities; among all 153 most initials are shared)."""
        by_initials: dict[str, set[str]] = {}
        for name in among:
            for form in initials_of(name):
                by_initials.setdefault(form, set()).add(name)
        out = []
        for m in re.finditer(r"(?<![\w-])[A-Z]{2,6}(?![\w-])", text):
            if m.group(0) not in _SECTOR_ACRONYMS and len(names := by_initials.get(m.group(0), set())) == 1:
                out.append(Mention(next(iter(names)), m.start(), m.end()))
        # ("w&m" for Windsor & Maidenhead, "B&NES", in any case: an ampersand's initials name no sector body)
        for m in re.finditer(r"(?<![\w&-])[A-Za-z]{1,3}&[A-Za-z]{1,4}(?![\w&-])", text):
            if len(names := by_initials.get(m.group(0).upper(), set())) == 1:
                out.append(Mention(next(iter(names)), m.start(), m.end()))
        return out

    def in_query(self, text: str) -> list[str]:
        """Authorities a question names, in order of first mention, without repeats."""
        seen: dict[str, None] = {}
        for m in self.mentions(text):
            seen.setdefault(m.authority, None)
        return list(seen)

    def most_mentioned(self, text: str) -> str | None:
        """The authority a report is about, judged by the names its text uses most."""
        counts = Counter(m.authority for m in self.mentions(text, case_sensitive=True))
        if not counts:
            return None
        (best, n), *rest = counts.most_common(2) + [("", 0)]
        return best if n > rest[0][1] else None


_LINKING = frozenset({"of", "and", "the", "upon", "on", "in", "with", "&"})
# The sector's own acronyms: a question using one means it, whichever council has those initials.
_SECTOR_ACRONYMS = frozenset({"NHS", "CQC", "ICB", "ICS", "ASC", "MASH", "DOLS", "JSNA", "BCF", "PSW", "DASS", "LGA", "ADASS",
                              "SEND", "VCS", "VCSE", "CVS", "SAB", "LGBT", "LGBTQ", "IMD", "ONS", "OT", "UK"})


def initials_of(name: str) -> set[str]:
    """The initials a council goes by: of every word and of the main words ("LBB", "WCC", "CYC",
    "RBKC"), three letters or more (two-letter initials name too many things)."""
    words = re.split(r"[\s-]+", name.replace("’", "'"))
    main = [w for w in words if w.lower() not in _LINKING]
    forms = {"".join(w[0] for w in main).upper(), "".join(w[0] for w in words if w != "&").upper()}
    # two places joined ("Windsor & Maidenhead": "W&M"; "Bath and North East Somerset": "B&NES")
    places = [w for w in words if w.lower() not in _NOT_PLACE]
    if (i := next((i for i, w in enumerate(places) if w.lower() in ("and", "&")), 0)) > 0:
        forms.add("".join(w[0] for w in places[:i]).upper() + "&" + "".join(w[0] for w in places[i + 1 :]).upper())
    return {f for f in forms if len(f) >= 3}


_NOT_PLACE = frozenset({"royal", "london", "borough", "council", "city", "county", "metropolitan", "district", "of", "the"})


def _one_edit(a: str, b: str) -> bool:
    """Exactly one letter inserted, deleted, changed, or two neighbours swapped."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long_[i]), len(short))
    return short[i:] == long_[i + 1 :]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    data = resources.files("rag").joinpath("data/authorities.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(data.splitlines())
    return Gazetteer(
        Authority(
            name=r["name"].strip(),
            kind=r.get("kind", "").strip(),
            region=r.get("region", "").strip(),
            variants=tuple(v.strip() for v in (r.get("variants") or "").split(";") if v.strip()),
        )
        for r in rows
    )
