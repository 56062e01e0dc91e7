"""An independent scorer of citations: a second opinion the answer path never uses.

The answer path checks its own sentences (rag/answer/check.py with rag/answer/support.py) and
drops what fails, so scoring answers with that same check can only agree with it. This module
shares no code with it (it imports nothing from rag.answer) and is stricter, span by span:

A sentence is supported by its cited passage(s) only if every
- number (digits, and the words one to twelve, so "two" and "2" are the same number),
- date (month names; years are numbers),
- proper name (a capitalised word sequence not at sentence start; at the start, a sequence of
  two or more capitalised words still counts once a leading function word is dropped),
- negation ("not"/"n't", "no", "never", "without"; a leading "Yes:" or "No:" answers the question, not the passage)
it states is present in the passage (its header, authority | statement | section, included; a
count of councils, "3 councils scored 3", may instead equal the number of authorities cited), and,
when an embedder is available and this scorer was calibrated for it, the cosine between the
sentence and the passage's text is at least `EMBEDDING_THRESHOLD` (for several citations: the best).
Passages are given as `passage_text` makes them: the header line, a line break, the quote.

Citation precision and recall follow ALCE (Gao et al., 2023) as the answer-path figures do;
faithfulness is support by all the passages the answer cites together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Calibrated by `python -m rag.evaluation.calibrate CQC/results.json HOLDOUT/results.json` on pairs
# built from extractive runs (2026-11-25): chosen on evals/cqc.jsonl only, checked on the held-out
# set. tpr = supported pairs accepted, fpr = unsupported pairs accepted (all / same statement of
# another authority), for the whole rule (anchors and cosine).
EMBEDDING_THRESHOLD = 0.289
CALIBRATED_FOR = "all-MiniLM-L6-v2"
CALIBRATION: dict[str, Any] = {
    "cqc": {"supported": 69, "unsupported": 8931, "auc_cosine": 0.993, "cosine_supported_min": 0.35,
            "cosine_unsupported_p95": 0.463, "tpr": 1.0, "fpr": 0.031, "fpr_same_statement": 0.057,
            "fpr_anchors_only": 0.078},
    "holdout": {"supported": 29, "unsupported": 3000, "auc_cosine": 0.998, "cosine_supported_min": 0.486,
                "cosine_unsupported_p95": 0.448, "tpr": 1.0, "fpr": 0.026, "fpr_same_statement": 0.069,
                "fpr_anchors_only": 0.043},
}

NEGATIONS = ("not", "no", "never", "without")
_WORD_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12"}
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"], 1)}
_MONTH_ABBREV = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                 "oct": 10, "nov": 11, "dec": 12}
# Words that are capitalised only because they open a sentence or a clause, never names themselves.
_FUNCTION = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "it", "its", "they", "their", "there", "we", "our", "in", "on", "at", "for", "from", "by", "with", "of", "to", "as", "and", "but", "or", "if", "when", "while", "since", "after", "before", "during", "under", "over", "all", "both", "each", "some", "however", "also", "overall", "i", "yes", "no", "not"]
)
_MARKS = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_ABBREV = {"e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "st", "no", "vs", "approx", "cllr", "prof", "inc", "ltd", "co"}
_STOP = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9£])")
# A word may hold an apostrophe between letters ("Elwyn's"); a closing quote ends it ("‘Our Borough’").
_TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z&-]|['’](?=[A-Za-z]))*|\d[\d,]*(?:\.\d+)?|[^\sA-Za-z\d]")


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- sentences and their citation markers ---------------------------------------------------------


@dataclass
class Sentence:
    text: str  # without its [n] markers
    cites: list[int]


def split(answer: str) -> list[Sentence]:
    """The answer's sentences, each with the [n] markers inside it or right after its full stop."""
    text = _space(answer)
    # "... in 2023. [1] Next" -> "... in 2023 [1]. Next": a marker after the stop belongs before it.
    # (so does one after a quotation's closing quote: "... every day.’ [1]")
    text = re.sub(r"([.!?]+[\"'”’)]*)((?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])+)", r"\2\1", text)
    out: list[Sentence] = []
    for line in answer_lines(text):
        start = 0
        for m in _STOP.finditer(line):
            last = line[: m.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
            if last in _ABBREV or re.fullmatch(r"[a-z]", last):
                continue
            _add(out, line[start : m.start() + len(m.group(0).rstrip())])
            start = m.end()
        _add(out, line[start:])
    return out


def answer_lines(text: str) -> list[str]:
    return [x for x in (s.strip() for s in text.split("\n")) if x]


def _add(out: list[Sentence], s: str) -> None:
    cites = [int(n) for g in _MARKS.findall(s) for n in re.split(r"\s*[,;]\s*", g)]
    bare = _space(_MARKS.sub("", s))
    bare = re.sub(r"\s+([.,;:!?])", r"\1", bare)
    if bare:
        out.append(Sentence(bare, list(dict.fromkeys(cites))))


# --- anchors: what a sentence states that its passage must hold ------------------------------------


def _numbers(text: str) -> set[str]:
    out = set()
    for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
        n = n.rstrip(",")
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", n):
            n = n.replace(",", "")
        out |= {p for p in n.split(",") if p}
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in _WORD_NUMBERS:
            out.add(_WORD_NUMBERS[w])
    return out


def _months(text: str) -> set[int]:
    out = set()
    for w in re.findall(r"[A-Za-z]+", text):
        low = w.lower()
        if low in _MONTHS and (low != "may" or w == "May"):  # "may" the verb is no date
            out.add(_MONTHS[low])
        elif low in _MONTH_ABBREV and w == w.capitalize():  # "Sept", "Oct"
            out.add(_MONTH_ABBREV[low])
    return out


def _negations(text: str) -> set[str]:
    low = text.lower().replace("’", "'")
    out = {n for n in NEGATIONS if re.search(rf"\b{n}\b", low)}
    if re.search(r"\w+n't\b", low) or "cannot" in low:
        out.add("not")
    return out


def names(sentence: str) -> list[str]:
    """Capitalised word sequences. At the start of the sentence (or of a clause after a colon) a
    sequence counts only when two or more capitalised words remain after a leading function word."""
    out: list[str] = []
    for clause in re.split(r":\s+", sentence):
        seq: list[str] = []
        seq_at_start = False
        seen_word = False
        for tok in [*_TOKEN.findall(clause), ""]:
            if tok[:1].isalpha() and tok[:1].isupper():
                if not seq:
                    seq_at_start = not seen_word
                seq.append(tok)
            elif seq:
                _name(out, seq, seq_at_start)
                seq = []
            seen_word = seen_word or tok[:1].isalnum()
    return list(dict.fromkeys(out))


def _name(out: list[str], seq: list[str], at_start: bool) -> None:
    words = [w.rstrip("'’-&") for w in seq]
    while words and words[0].lower() in _FUNCTION:
        words = words[1:]
        at_start = False  # "The Better Care Fund": after "The", the rest is a name
    if not words:
        return
    if at_start and len(seq) < 2:
        return  # a lone capitalised first word: the sentence's grammar, not a name
    words = [re.sub(r"['’]s$", "", w) for w in words]
    words = [w for w in words if w]
    if len(words) == 1 and (words[0].lower() in _MONTHS or words[0].lower() in _MONTH_ABBREV):
        return  # a month is checked as a date
    if words and not all(w.lower() in _FUNCTION for w in words):
        out.append(" ".join(words))


@dataclass
class Anchors:
    numbers: set[str] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    names: list[str] = field(default_factory=list)
    negations: set[str] = field(default_factory=set)


def anchors(sentence: str) -> Anchors:
    return Anchors(_numbers(sentence), _months(sentence), names(sentence), _negations(sentence))


_COUNT = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:local\s+)?(?:councils?|authorit(?:y|ies))\b", re.I)


# "No: X scored 2 for Safeguarding.": the yes or no that answers the question before the claim.
ANSWER_WORD = re.compile(r"^\s*(?:yes|no)\s*:\s*", re.I)


def missing(sentence: str, passages: str | Sequence[str]) -> list[str]:
    """The anchors of `sentence` that the passage(s) do not hold, in words ("number 41", "name Fenn")."""
    passages = [passages] if isinstance(passages, str) else list(passages)
    passage = "\n".join(passages)
    a = anchors(ANSWER_WORD.sub("", sentence))  # (the question's answer word, then the claim)
    p_numbers, p_months, p_neg = _numbers(passage), _months(passage), _negations(passage)
    cited = {p.split("\n", 1)[0].split(" | ")[0].strip() for p in passages if "\n" in p}
    for m in _COUNT.finditer(sentence):  # "3 councils scored 3": a count of the authorities cited
        if _numbers(m.group(1)) == {str(len(cited - {""}))}:
            p_numbers |= _numbers(m.group(1))
    flat = " " + _space(re.sub(r"['’]s\b", "", passage)).lower() + " "
    out = [f"number {n}" for n in sorted(a.numbers - p_numbers)]
    month_names = {v: k.capitalize() for k, v in _MONTHS.items()}
    out += [f"date {month_names[m]}" for m in sorted(a.months - p_months)]
    for name in a.names:
        if not re.search(rf"(?<![a-z0-9]){re.escape(name.lower())}(?![a-z0-9])", flat):
            out.append(f"name {name}")
    out += [f"negation “{n}”" for n in sorted(a.negations - p_neg)]
    return out


# --- the scorer -----------------------------------------------------------------------------------


@dataclass
class Verdict:
    supported: bool
    missing: list[str]
    cosine: float | None

    def reason(self, threshold: float | None) -> str:
        parts = [f"{m} not in passage" for m in self.missing]
        if self.cosine is not None and threshold is not None and self.cosine < threshold:
            parts.append(f"cosine {self.cosine:.2f} < {threshold:.2f}")
        return "; ".join(parts)


@dataclass
class Scores:
    precision: float | None
    recall: float | None
    faithfulness: float | None
    sentences: list[dict[str, Any]]  # text, cites, supported, missing, cosine, reason

    @property
    def unsupported(self) -> list[dict[str, Any]]:
        return [s for s in self.sentences if not s["supported"]]


class Scorer:
    """Scores an answer's sentences against the passages it cites: `passages` maps [n] to the
    passage text (header line, then the quote)."""

    def __init__(self, embed: Callable[[Sequence[str]], list[list[float]]] | None = None,
                 threshold: float | None = EMBEDDING_THRESHOLD, embedder_name: str | None = None) -> None:
        self._embed = embed
        self.threshold = threshold if embed is not None else None
        self.embedder_name = embedder_name
        self._cache: dict[str, list[float]] = {}

    @classmethod
    def for_embedder(cls, embedder: Any) -> Scorer:
        """With the embedding check when `embedder` is the model the threshold was calibrated for."""
        name = str(getattr(embedder, "name", "") or "")
        if embedder is None or not name.startswith(CALIBRATED_FOR):
            return cls(None, None, name or None)
        return cls(embedder.embed_batch, EMBEDDING_THRESHOLD, name)

    def describe(self) -> dict[str, Any]:
        if self.threshold is None:
            why = f"no embedder calibrated ({self.embedder_name} is not {CALIBRATED_FOR})" if self.embedder_name else "no embedder"
            return {"rule": "numbers, dates, names and negations present", "embedding_check": None, "note": why}
        return {"rule": "numbers, dates, names and negations present, and cosine >= threshold",
                "embedding_check": {"model": self.embedder_name, "threshold": self.threshold}}

    def cosine(self, a: str, b: str) -> float | None:
        if self._embed is None:
            return None
        todo = [t for t in dict.fromkeys((a, b)) if t not in self._cache]
        if todo:
            for t, v in zip(todo, self._embed(todo), strict=True):
                self._cache[t] = list(v)
        va, vb = self._cache[a], self._cache[b]
        dot = sum(x * y for x, y in zip(va, vb, strict=True))
        na = sum(x * x for x in va) ** 0.5
        nb = sum(x * x for x in vb) ** 0.5
        return dot / (na * nb) if na and nb else 0.0

    def verdict(self, sentence: str, passages: Sequence[str]) -> Verdict:
        passages = [p for p in passages if p]
        if not passages:
            return Verdict(False, ["no cited passage"], None)
        gone = missing(sentence, passages)
        cos = None
        if self._embed is not None:
            cos = max(self.cosine(claim(sentence), body(p)) or 0.0 for p in passages)
        ok = not gone and (cos is None or self.threshold is None or cos >= self.threshold)
        return Verdict(ok, gone, cos)

    def score(self, answer: str, passages: Mapping[int, str]) -> Scores:
        sentences = split(answer)
        if not sentences:
            return Scores(None, None, None, [])
        everything = list(passages.values())
        recalled = precise = cited = faithful = 0
        out: list[dict[str, Any]] = []
        for s in sentences:
            cited_passages = [passages.get(n, "") for n in s.cites]
            joint = self.verdict(s.text, cited_passages) if s.cites else Verdict(False, ["no citation"], None)
            recalled += joint.supported
            for i, p in enumerate(cited_passages):
                cited += 1
                if not joint.supported:
                    continue  # ALCE: the citations of an unsupported sentence are all imprecise
                alone = self.verdict(s.text, [p]).supported
                rest = [q for j, q in enumerate(cited_passages) if j != i]
                precise += alone or not (rest and self.verdict(s.text, rest).supported)
            whole = self.verdict(s.text, everything)
            faithful += whole.supported
            out.append({"text": s.text, "cites": s.cites, "supported": joint.supported, "missing": joint.missing,
                        "cosine": None if joint.cosine is None else round(joint.cosine, 3),
                        "reason": "" if joint.supported else (joint.reason(self.threshold) or "not supported")})
        return Scores(precise / cited if cited else 0.0, recalled / len(sentences), faithful / len(sentences), out)


def passage_text(citation: Mapping[str, Any]) -> str:
    """A cited passage as a reader sees it: where it comes from (one line), then the quote."""
    head = " | ".join(str(citation.get(k) or "") for k in ("title", "authority", "quality_statement", "section") if citation.get(k))
    return f"{head}\n{citation.get('quote', '')}"


_LABEL = re.compile(r"^(?:[A-Z][\w'’&-]*\s+){0,6}[A-Z][\w'’&-]*:\s+(?=\S)")


def claim(sentence: str) -> str:
    """The sentence without a leading label naming whom it is about ("Wirral Council: ..."), as
    comparisons are written: the name is checked against the passage's header, and the embedding
    compares what is said with the passage's text."""
    return _LABEL.sub("", sentence, count=1)


def body(passage: str) -> str:
    """The quote of a `passage_text`: what the embedding is compared with (the header line adds
    words every passage of an authority shares, and separates supported pairs less well)."""
    return passage.split("\n", 1)[1] if "\n" in passage else passage
