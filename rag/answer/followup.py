"""Follow-up questions resolved from the conversation without an LLM ("and Telford?")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag import framework as fw
from rag import rules
from rag.answer.compose import NOT_IN_REPORTS
from rag.gazetteer import Gazetteer
from rag.text import content_words, words

Message = dict[str, str]  # {"role": "user" | "assistant", "content": "..."}


# Questions about every council: never narrowed to the authority asked about before.
_ABOUT_ALL = ("which council", "which councils", "which authorit", "which local authorit", "how many councils", "what councils", "list the councils", "all councils")


_IN_IT = re.compile(r"\b(?:in|of|within|inside|make up|makes up)\s+(?:it|them|this|that)\b")
_THING_PRONOUNS = frozenset({"it", "its", "this", "that", "these", "those", "them", "they", "their", "ones"})


def _points_back(question: str) -> bool:
    """A short question about a thing named before ("Where is it based?"), not about scores."""
    return bool(_THING_PRONOUNS & set(words(question))) and len(content_words(question)) <= 5 and not rules.SCORE.search(question)


# A follow-up whose subject is still the one asked about before: "does it …", "did they …".
_SUBJECT_PRONOUN = re.compile(r"\b(?:does|do|did|is|are|was|were|has|have|had|can|could|will|would)\s+(?:it|they)\b"
                              r"|^\s*(?:and\s+)?(?:it|they)\s+\w+", re.I)


# … and the council named after "with", "to", "from" is its partner, not a new place to ask about
# ("Is it any easier in Telford?" asks about Telford).
_PARTNER_BEFORE = re.compile(r"\b(?:with|to|from|than|alongside|between)\s+(?:the\s+)?$", re.I)


_SCORE_WORDS = frozenset({"score", "scores", "scored", "rating", "rated", "get", "got"})


def _only_names_a_statement(question: str, mention: fw.Mention) -> bool:
    """"And for safeguarding?", "What about their score for safeguarding?": nothing but another
    statement; "What came out of that partnership?" asks something of its own."""
    rest = question[: mention.start] + " " + question[mention.end :]
    # "safe pathways and transitions": the rest of its name; "keeping people safe when they move
    # between services": the everyday words it goes by
    named = mention.named_by | _EVERYDAY
    return not [w for w in content_words(rest) if w not in _SCORE_WORDS and w not in named]


_EVERYDAY = frozenset({"keeping", "keep", "making", "make", "sure", "helping", "people", "safe", "well"})


def _leans_on_context(question: str) -> bool:
    """Does a question that names no authority take the previous one? In a conversation it does,
    unless it is about every council."""
    low = question.lower()
    # ("How many councils are in it?" counts the councils of what was asked about before.)
    return not any(p in low for p in _ABOUT_ALL) or bool(_IN_IT.search(low))


def resolve(question: str, history: Sequence[Message], gazetteer: Gazetteer) -> str:
    """The question as it would be asked on its own.

    "and Telford?" after "When did Wirral launch its hub?" becomes "When did Telford and Wrekin
    Council launch its hub?"; "What did they score?" inherits the authorities asked about before.
    A question told after what it is about ("I'm a carer in Bristol for my autistic son. Do the
    staff know much about autism?") is the question, with what came before as its context.
    """
    # A closing aside the user typed ("… charities (partnerships and communities)?") is part of the
    # question: the "(…)?" form is kept for the context a follow-up is given.
    question = _USERS_ASIDE.sub(r", \1?", question)
    if not history and (m := _TOLD_FIRST.match(question)):
        told, asked = (m.group("told_self") + ".", m.group("asked_self")) if m.group("told_self") else (m.group("told"), m.group("asked"))
        # ("… waited months for my assessment. is this normal for herts?": what was told is what is asked about)
        if rules.POINTS_BACK.search(asked) or rules.WHAT_REPORT_SAID.match(asked):
            return f"{told.strip().rstrip('.!')} ({asked.strip().rstrip('? ')})?"
        return f"{asked.rstrip('? ')} ({told.strip()})?"
    # ("… there's nothing available anywhere is that a known problem": typed on, the question points back at what was told)
    # (what comes before must tell, not ask: "How did Leeds do and did the CQC note that?" is two questions)
    if (not history and (m := _POINTER_LAST.search(question)) and rules.POINTS_BACK.search(m.group("asked"))
            and len((told := question[: m.start()]).split()) >= 5 and "?" not in told and not _ASKS_FIRST.match(told)
            and not re.search(r"\b(?:and|or|but)\s*$", told, re.I)):
        return f"{told.rstrip(' ,;-')} ({m.group('asked').strip().rstrip('? ')})?"
    return _resolve_in(question, _understood(history, gazetteer), gazetteer)


# (nor a phrase the question opens with: "In the report for Kent is it typical …?")
_ASKS_FIRST = re.compile(r"\s*(?:what|when|where|who|whom|which|why|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|"
                         r"in|for|at|on|about|regarding|with|from|across|within|according to)\b", re.I)
_POINTER_LAST = re.compile(r"(?:[,;–-]\s*|\s+)(?P<asked>(?:is|was|are|am|did|does|do|has|have)\s+(?:this|that|it|i|we|they|she|he|the)\b[^.!?,;]{0,80}\?*)\s*$", re.I)
_USERS_ASIDE = re.compile(r"\s*\(([^()]*)\)\s*\?\s*$")
# Sentences that tell, then the one question: "I'm a carer in X. My mum needs help. Do they …?"
# (typed without its question mark, the question starts with its question word: "… my nan. did they …")
# (an abbreviation's full stop ends nothing: "How did X do on fairness, i.e. making sure …?", "St. Helens")
# (a word before the question word: "…, roughly how many people live there?")
_LEAD_IN = r"(?i:(?:so|and|but|just|please|roughly|approximately|basically|honestly|realistically)\s+)?"
_TOLD_FIRST = re.compile(r"^\s*(?P<told>[^?]{12,}?(?<!(?i:\bi\.e))(?<!(?i:\be\.g))(?<!(?i:\bie))(?<!(?i:\beg))(?<!(?i:\betc))(?<!(?i:\bvs))"
                         r"(?<!(?i:\bapprox))(?<!(?i:\bincl))(?<!(?i:\besp))(?<!(?i:\bcf))(?<!(?i:\bst))(?<!(?i:\bmr))(?<!(?i:\bmrs))(?<!(?i:\bdr))[.!])\s+(?P<asked>[^.!?]{6,}\?+|" + _LEAD_IN + r"(?i:did|does|do|is|are|was|were|has|have|had|can|could|"
                         r"will|would|should|how|what|when|where|who|which|why)\b[^.!?]{4,})\s*$"
                         # or what the user tells of themselves, then a comma: "my mum is on the waiting list, does anyone …"
                         r"|^\s*(?P<told_self>(?i:i|i['’]?m|i['’]ve|my|our|we|we['’]re|me)\b[^?.!]{8,}?),\s+"
                         # (no comma in what is asked: "my council is X, which was rated Good, is that right?")
                         r"(?P<asked_self>" + _LEAD_IN + r"(?i:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|how|what|when|where|who|which|why)\b[^.!?,]{4,}\??)\s*$")


def _resolve_in(question: str, history: Sequence[Message], gazetteer: Gazetteer) -> str:
    """`resolve`, the conversation's earlier questions already understood."""
    previous = next(
        (m["content"] for m in reversed(history) if m.get("role") == "user" and gazetteer.mentions(m["content"])),
        None,
    )
    if previous is None:
        last = next((m["content"] for m in reversed(history) if m.get("role") == "user"), None)
        # "Which council runs People First?" then "How many residents does it have?": "it" is the
        # council the answer named.
        named = [m.authority for m in gazetteer.mentions(_answered(history))]
        if last is not None and rules.WHICH_AUTHORITY.search(last) and named and _THING_PRONOUNS & set(words(question)):
            return f"{question.rstrip('?. ')} ({' and '.join(dict.fromkeys(named))})?"
        # "What is the Lundy Model?" then "Which council uses it?": "it" is what was asked about.
        return _about(question, last, history) if last is not None and _points_back(question) else question
    earlier = gazetteer.mentions(previous)
    old = list(dict.fromkeys(m.authority for m in earlier))  # the authorities asked about before
    now = gazetteer.mentions(question)
    # "And what does it share with Hammersmith and Fulham?": "it" is still the council asked about
    # before; the one named is what it is asked about.
    if (now and _SUBJECT_PRONOUN.search(question) and _PARTNER_BEFORE.search(question[: now[0].start])
            and not {m.authority for m in now} & set(old)):
        return f"{question.rstrip('?. ')} ({' and '.join(old)})?"
    if now:
        named = {m.authority for m in now}
        rest = [w for w in content_words(question) if not any(w in a.lower() for a in named)]
        if len(rest) > 2:
            return question  # a question of its own
        out, last = [], 0
        new_name = " and ".join(dict.fromkeys(m.authority for m in now))
        for i, m in enumerate(earlier):
            out.append(previous[last : m.start] + (new_name if i == 0 else ""))
            last = m.end
        rewritten = ("".join(out) + previous[last:]).replace(f"{new_name} and {new_name}", new_name).replace("  ", " ")
        # "Is it any easier in Hounslow?": the previous question about Hounslow, but its own word
        # ("easier") is what it asks, so it stays, with that question as its context.
        return f"{question.rstrip('?. ')} ({rewritten.rstrip('?. ')})?" if rest else rewritten
    # "And for safeguarding?" after "What did Northmere score for partnerships and communities?"
    before, after = fw.statement_mentions(previous), fw.statement_mentions(question)
    # (but "what did they score for safeguarding?" after a question about something else asks its score)
    if before and after and _only_names_a_statement(question, after[0]) and (rules.SCORE.search(previous) or not rules.SCORE.search(question)):
        m = before[0]
        return previous[: m.start] + after[0].statement.name.lower() + previous[m.end :]
    if not _leans_on_context(question):
        return question  # "Which councils scored 3 for safeguarding?" is about every council
    if _points_back(question):  # "Where is it based?": "it" is what the previous question, or its answer, was about
        return _about(question, previous, history)
    # "Which one scored higher?" after a comparison on a statement; "and what was the main concern?" after
    # a statement's score: what fell short (or went well) in that statement
    if (rules.SCORE.search(question) or any(asks.search(question) for asks, _ in rules.TONES[:2])) and before and not after:
        return f"{question.rstrip('?. ')} ({' and '.join(old)}, {before[0].statement.name.lower()})?"
    return f"{question.rstrip('?. ')} ({' and '.join(old)})?"


def _about(question: str, asked: str, history: Sequence[Message]) -> str:
    """"Where is it based (the question before; the last answer's first sentence)?"."""
    said = _answered(history)
    context = f"{asked.rstrip('?. ')}; {said}" if said else asked.rstrip("?. ")
    return f"{question.rstrip('?. ')} ({context})?"


def context_of(question: str) -> tuple[str, str]:
    """A follow-up's context, as (the question before, the last answer's first sentence): "Where is
    it based (the question before; the answer's sentence)?". The answer's part names what "it" is,
    among many other words. Empty strings for a question given no context."""
    if not question.endswith(")?") or " (" not in question:
        return "", ""
    before, _, answered = question.split(" (", 1)[1][:-2].partition("; ")
    return before, answered


def told_first(question: str) -> bool:
    """Is the question's context what the user told before asking ("… (I'm a carer in York.)?"),
    not an earlier turn? (`resolve` keeps what was told as it ends: with its full stop.)"""
    before, answered = context_of(question)
    return not answered and before.rstrip().endswith((".", "!"))


# How many earlier questions are read as they were understood (each may lean on the one before).
_TURNS_UNDERSTOOD = 4


def _understood(history: Sequence[Message], gazetteer: Gazetteer, depth: int = _TURNS_UNDERSTOOD) -> list[Message]:
    """The conversation with its last question as it was understood: "And Haringey?" after a
    question about St Helens' score for assessing needs is that question about Haringey, so a next
    "What about for equity?" has a question to lean on."""
    users = [i for i, m in enumerate(history) if m.get("role") == "user"]
    if not users or depth == 0:
        return list(history)
    last = users[-1]
    earlier = _understood(history[:last], gazetteer, depth - 1)
    understood = _resolve_in(history[last]["content"], earlier, gazetteer)
    return [*earlier, {"role": "user", "content": understood}, *history[last + 1 :]]


def _answered(history: Sequence[Message]) -> str:
    """The first sentence of the last answer, without its citation marks and unless it declined."""
    last = next((m["content"] for m in reversed(history) if m.get("role") == "assistant"), "")
    first = re.split(r"(?<=[.!?])\s", re.sub(r"\s*\[\d+\]", "", last).strip(), maxsplit=1)[0]
    return "" if not first or first.startswith(NOT_IN_REPORTS) else first.rstrip(". ")
