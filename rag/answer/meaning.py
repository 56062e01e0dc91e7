"""A quality statement named in other words, recognised by meaning.

"What mark did Croydon get for how it works with other organisations?" asks a statement's score
without its name or any alias: the words after "for" are compared by meaning with what each
statement covers, and a clear winner is read as that statement's name ("read as" in the answer).
A score asked for a thing no statement covers ("for handling complaints") matches none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag import framework as fw
from rag import rules
from rag.answer.candidate import Embed, cosine
from rag.query import Analysis, blank_names, own_words, thing_words

# What each statement covers, in everyday words (our own, not CQC's frame text).
DESCRIBED: dict[str, tuple[str, ...]] = {
    "Assessing needs": ("assessing people's care and support needs", "working out what care and support someone needs",
                        "carers' assessments and eligibility for care", "how quickly people get an assessment of their needs"),
    "Supporting people to live healthier lives": ("helping people stay well and independent", "prevention, so fewer people come to need support",
                                                  "information, advice and early help so people avoid needing care"),
    "Equity in experience and outcomes": ("fair treatment and equal outcomes for everyone whatever their background",
                                          "tackling inequalities for people with protected characteristics",
                                          "diverse communities getting fair access to care"),
    "Care provision, integration and continuity": ("the supply and choice of care services in the local market",
                                                   "commissioning enough good quality care and support services",
                                                   "joined-up care that continues without gaps"),
    "Partnerships and communities": ("working with partner organisations, the NHS and the voluntary sector",
                                     "working together with local communities and charities"),
    "Safe pathways, systems and transitions": ("keeping people safe when they move between services",
                                               "safe hospital discharge and moving from children's to adult services"),
    "Safeguarding": ("protecting adults from abuse and neglect", "responding to safeguarding concerns and keeping people safe from harm"),
    "Governance, management and sustainability": ("leadership, governance and oversight of adult social care",
                                                  "managing money, risk and performance so services are sustainable"),
    "Learning, improvement and innovation": ("learning from feedback and improving services", "trying new ideas and innovating"),
}
# Set with all-MiniLM-L6-v2 (the default model; the chain reads by meaning with no other) on our own
# phrasings (tests/test_meaning.py), never on an evaluation set: a paraphrase of a
# statement scores 0.55 or more and beats the next statement clearly; a thing no statement covers
# ("waiting times", "the cost of care") scores less or ties two statements.
SIMILARITY = 0.55
MARGIN = 0.10

# What the score is asked for: "… get for <what>", "is X good at <what>", "how did X do at <what>".
# ("how did CQC rate whether <what>")
# (the route's verbs, rules.SCORE_VERBS, and a few more ways of asking how it did)
_ASKED_OF = re.compile(rf"\b(?:{rules.SCORE_VERBS}|give|gave|good|well|number|perform\w*)(?:\s+(?:them|it))?\s+(?:for|on|in|at|with|whether)\s+(?P<what>[^?]+)", re.I)
# … and, when a score is plainly asked, in more ways of pointing at it: "regarding <what>", "in terms of
# <what>", "when it comes to <what>", "X's work on <what>"
_ABOUT_WHAT = re.compile(r"\b(?:regarding|concerning|when it (?:came|comes) to|in (?:terms|respect) of|in (?:the )?areas? of|"
                         r"relating to|related to|with regards? to|as regards|(?:work|performance|record|efforts?|approach)\s+"
                         r"(?:on|in|around|with|to(?:wards)?))\s+(?P<what>[^?,]+)", re.I)
# (or set first, after a word pointing at it: "for <what>, what did X score?", not the asker's situation,
# "for a council with a deficit, how did X score?", "amid the budget crisis, how did X score?")
_WHAT_FIRST = re.compile(r"^\s*(?:for(?!\s+an?\b)|on|about|regarding|re:?)\s+(?P<what>[^?,:–-]+?)\s*(?:,|\s[-–]|:)\s*(?:what|how)\b", re.I)
# The score asked "for that", of what the question described first: "does X learn from feedback? what
# mark did they get for that?" (the words described, less the council and the question's first word)
_POINTING = re.compile(r"(?:that|this|it|that one|this one)\s*[.!]*", re.I)
_DESCRIBED_FIRST = re.compile(r"^\s*(?:(?:does|do|did|is|are|was|were|has|have|how (?:well )?(?:does|do|did))\s+)?(?P<what>[^?.!]+?)\s*[?.!]+\s", re.I)
# Words around the thing that are not it: "according to CQC", "the way it …", "in its assessment".
_TRAILING = re.compile(r"\s*(?:,|\b(?:according to|by|from|in)\b\s+(?:the\s+)?(?:cqc|regulator|inspectors?|its|their|the)\b).*$", re.I)
_LEADING = re.compile(r"^\s*(?:the way (?:it|they)\s+|how (?:well )?(?:it|they)\s+|its\s+|their\s+|the\s+)", re.I)


@dataclass(frozen=True)
class Meant:
    question: str  # the question with the statement's name in place of the words that meant it
    said: str  # those words, as typed
    statement: fw.Statement


@dataclass
class StatementReader:
    """Reads a statement named in other words; the descriptions are embedded once, on first use."""

    embed: Embed
    _vectors: list[tuple[fw.Statement, list[float]]] = field(default_factory=list)

    def read(self, question: str, analysis: Analysis) -> Meant | None:
        """The question with a statement's name in place of words that are no name or alias of one
        but mean one clearly, when they are what a score is asked for. Whether the question so read
        asks that statement's score is the caller's to check (by analysing it again)."""
        if analysis.statements or analysis.topics or analysis.frame:
            return None
        own = own_words(question)
        # (read with the council's name blanked out: "how did CQC score X on …", "score for X on …",
        # "how good is X at …")
        blanked = blank_names(own, analysis.named_as)
        # (how well it does something, only when a score is asked: not "how well does X support carers?")
        if not (m := _ASKED_OF.search(blanked) or analysis.wants_score and (
                rules.HOW_GOOD_AT.search(blanked) or _ABOUT_WHAT.search(blanked) or _WHAT_FIRST.search(blanked))):
            return None
        what, start = _TRAILING.sub("", m.group("what")), m.start("what")
        skipped = re.match(r"\s*(?:(?:on|for|in|at)\s+)?", what).end()  # (the blank and a preposition after it)
        what, start = what[skipped:], start + skipped
        lead = _LEADING.match(what)
        start += lead.end() if lead else 0
        what = what[lead.end() if lead else 0 :].strip()
        said = what  # the words the statement's name takes the place of
        if _POINTING.fullmatch(what) and (first := _DESCRIBED_FIRST.match(own[: m.start()] + " ")):
            what = " ".join(blank_names(first.group("what"), analysis.named_as).split())  # (the council is who, not what)
        if not thing_words(what, analysis.named_as):  # ("for its adult social care duties", "in 2024")
            return None
        if not (statement := self._closest(what)):
            return None
        meant = own[:start] + statement.name + own[start + len(said) :] + question[len(own) :]
        return Meant(meant, what, statement)

    def _closest(self, what: str) -> fw.Statement | None:
        if not self._vectors:
            texts = [(st, t) for st in fw.STATEMENTS for t in (st.name, *DESCRIBED[st.name])]
            self._vectors = list(zip([st for st, _ in texts], self.embed([t for _, t in texts]), strict=True))
        q = self.embed([what])[0]
        best: dict[str, tuple[float, fw.Statement]] = {}
        for st, v in self._vectors:
            best[st.name] = max(best.get(st.name, (-1.0, st)), (cosine(q, v), st), key=lambda x: x[0])
        (first, st), (second, _) = sorted(best.values(), key=lambda x: -x[0])[:2]
        return st if first >= SIMILARITY and first - second >= MARGIN else None
