"""The answer chain (LCEL), read top-down: understand (follow-ups, authorities, statements) ->
route (a pure function of the question and the catalog) -> retrieve (only for routes that need
passages) -> answer (structured facts, extractive sentences or a generated draft) -> check ->
response. Invoking and streaming share the same prepared state: the route is decided once."""

from __future__ import annotations

import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from langchain_core.runnables import Runnable, RunnableBranch, RunnableLambda

from rag import framework as fw
from rag import rules
from rag.answer import extractive, followup, registry, structured
from rag.answer import route as R
from rag.answer.check import check
from rag.answer.compose import NOT_IN_REPORTS, Cited, abstain, joined
from rag.answer.llm import ChatModel, Message
from rag.answer.meaning import StatementReader
from rag.errors import ModelError
from rag.models import Answer, Citation
from rag.prompts import Prompts
from rag.query import Analysis
from rag.retrieval import Retriever
from rag.settings import DEFAULT_EMBEDDING_MODEL, Settings
from rag.spelling import Speller
from rag.text import pieces, spelled_out

__all__ = ["NOT_IN_REPORTS", "AnswerChain", "Ask", "build_chain"]

Event = tuple[str, Any]  # ("citations", [Citation]) | ("token", str) | ("done", Answer)
# Routes whose answer is drawn from retrieved passages (the others come from the catalog).
_NEEDS_PASSAGES = (R.Passages, R.Compare, R.WhichAuthority)
# Passages an extractive answer is drawn from, at least (the request's k may ask for more).
PASSAGES_READ = 12


@dataclass
class Ask:
    question: str
    history: list[Message] = field(default_factory=list)
    authorities: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    llm: str | None = None
    k: int | None = None
    # Set by the caller at its deadline: a generation stops at its next piece (and closes the stream).
    cancel: threading.Event | None = field(default=None, repr=False, compare=False)


def _as_asked(ask: Ask, question: str) -> Ask:
    """The ask with its one question as read (without a closing "what did the cqc say?")."""
    return ask if question == ask.question else replace(ask, question=question)


@dataclass
class State:
    ask: Ask
    question: str = ""
    read_as: dict[str, str] = field(default_factory=dict)  # words typed with a slip, as read
    analysis: Analysis | None = None
    route: R.Route | None = None
    hits: list = field(default_factory=list)
    answer: Answer | None = None
    timings: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    def lap(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[name] = round((now - since) * 1000, 1)
        return now


class AnswerChain:
    def __init__(self, retriever: Retriever, settings: Settings, prompts: Prompts) -> None:
        self.retriever = retriever
        self.settings = settings
        self.prompts = prompts
        self._chat: dict[str, ChatModel] = {}
        self.speller = Speller(self._used)
        self.statements = StatementReader(lambda texts: self.retriever.embedder.embed_documents(texts))  # (looked up when first needed)
        self.prepare: Runnable[Ask, State] = (
            RunnableLambda(self._understand, name="understand")
            | RunnableLambda(self._route, name="route")
            | RunnableLambda(self._retrieve, name="retrieve")
        )
        # One branch over routes: facts (structured, frame, abstain), a generated draft, or extracted sentences.
        self.answer: Runnable[State, Answer] = RunnableBranch(
            (lambda s: not isinstance(s.route, _NEEDS_PASSAGES), RunnableLambda(self._from_facts, name="facts")),
            (self._generates, RunnableLambda(lambda s: self._generate(s, self._which(s)), name="generate")),
            RunnableLambda(self._extractive, name="extract"),
        )
        self.runnable: Runnable[Ask, Answer] = (
            self.prepare | RunnableLambda(self._answer, name="answer") | RunnableLambda(self._finish, name="respond")
        )

    def invoke(self, ask: Ask) -> Answer:
        parts = self._parts(ask)
        return self.runnable.invoke(_as_asked(ask, parts[0])) if len(parts) == 1 else self._by_parts(ask, parts)

    def _by_parts(self, ask: Ask, parts: list[str]) -> Answer:
        """A question of several parts, each answered as asked on its own, joined as one answer."""
        answers: list[Answer] = []
        for part in parts:  # the later parts as follow-ups of the first ("how many are 75 or older?")
            before = [] if not answers else [{"role": "user", "content": parts[0]}, {"role": "assistant", "content": answers[0].answer}]
            answers.append(self.runnable.invoke(replace(ask, question=part, history=[*ask.history, *before])))
        return joined(parts, answers)

    def _parts(self, ask: Ask) -> list[str]:
        """The questions a question asks, when an extractive answer answers each part apart: a
        model reads a question of two parts whole, and a comparison of authorities is one question."""
        if (registry.get(ask.llm or self.settings.llm).generative or rules.ABOUT_ALL.search(ask.question)
                or len({m.authority for m in self.retriever.gazetteer.mentions(ask.question)}) > 1):
            return [ask.question]  # (nor is a question about every council: "which ones, and what did each score?")
        return rules.question_parts(ask.question)

    def events(self, ask: Ask) -> Iterator[Event]:
        """The same chain, streamed: `citations`, then `token`s, then `done` with the checked answer.

        A generated draft streams as the model writes it, with the passages it was given as the
        citations; the check may then remove sentences already streamed, so `done` is what counts.
        Closing this iterator stops the generation.
        """
        if len(parts := self._parts(ask)) > 1:
            answer = self._by_parts(ask, parts)
            yield "citations", answer.citations
            for piece in pieces(answer.answer):
                yield "token", piece
            yield "done", answer
            return
        state = self.prepare.invoke(ask := _as_asked(ask, parts[0]))
        if self._generates(state):
            yield "citations", [Citation.from_hit(i, h) for i, h in enumerate(state.hits, 1)]
            t = time.perf_counter()
            state.answer = yield from self._drafting(state, self._which(state))
            state.lap("answer_ms", t)
            yield "done", self._finish(state)
            return
        answer = self._finish(self._answer(state))
        yield "citations", answer.citations
        for piece in pieces(answer.answer):
            yield "token", piece
        yield "done", answer

    def chat_model(self, which: str) -> ChatModel:
        if which not in self._chat:
            spec = registry.check(self.settings, which)
            assert spec.chat is not None, f"{which} is not a generative answerer"
            self._chat[which] = spec.chat(self.settings)
        return self._chat[which]

    # --- steps ------------------------------------------------------------------------------------

    def _understand(self, ask: Ask) -> State:
        state = State(ask)
        self.retriever.refresh()  # before resolving follow-ups: the gazetteer learns the store's names
        read, state.read_as = self.speller.read(spelled_out(ask.question))
        state.question = followup.resolve(read, ask.history, self.retriever.gazetteer)
        a = self.retriever.analyse(state.question)
        # A statement's score asked in other words ("… for checking what people need"): read with its
        # name, when the question so read asks that statement's score.
        if not ask.statements and self._reads_meaning() and (meant := self.statements.read(state.question, a)):
            again = self.retriever.analyse(meant.question)
            # (and not the overall result: a statement read is asked for its own score)
            if again.wants_score and again.statements == [meant.statement] and not again.wants_overall:
                state.question, a = meant.question, again
                state.read_as[meant.said] = meant.statement.name
        if ask.authorities:
            wanted = self.retriever.resolve_authorities(ask.authorities)
            a.authorities = [x for x in wanted if x in self.retriever.authorities]
            a.missing_authorities = [x for x in wanted if x not in self.retriever.authorities]
            a.aggregate = a.which_authority = False
        if ask.statements:
            a.statements = [s for s in (fw.statement_by_name(x) for x in ask.statements) if s]
        state.analysis = a
        state.lap("analyse_ms", state.started)
        return state

    def _reads_meaning(self) -> bool:
        """Statements are read by meaning only with the model meaning.py's thresholds were set with
        (in either backend): another model's similarities run on another scale."""
        name = getattr(getattr(self.retriever, "embedder", None), "name", "")
        return name.split("+")[0] == DEFAULT_EMBEDDING_MODEL

    def _used(self, word: str) -> int:
        """How often the reports use a word; an authority's name counts as used wherever it is not ingested."""
        return self.retriever.lexical.used(word) or int(self.retriever.gazetteer.names_word(word))

    def _route(self, state: State) -> State:
        assert state.analysis is not None
        state.route = R.route(state.analysis, self.retriever.catalog)
        return state

    def _retrieve(self, state: State) -> State:
        r, a = state.route, state.analysis
        assert a is not None
        if not isinstance(r, _NEEDS_PASSAGES):
            return state
        t = time.perf_counter()
        k = state.ask.k or self.settings.top_k
        extractive = not registry.get(self._which(state)).generative
        if isinstance(r, R.Compare):
            # (the extractive answerer ranks each side's sentences itself: it reads as many as for one council)
            each = max(state.ask.k or 5, PASSAGES_READ) if extractive else state.ask.k or 5
            for authority in r.authorities:
                state.hits += self.retriever.search(
                    self._about(state.question, authority), authorities=[authority], statements=state.ask.statements,
                    k=each, analysis=a,
                ).results
        else:
            authorities = getattr(r, "authorities", ())
            # The extractive answerer ranks sentences itself: it reads a few more passages than a
            # prompt would hold (and a which-council question needs candidates from several councils).
            if isinstance(r, R.WhichAuthority) or extractive:
                k = max(k, PASSAGES_READ)
            state.hits = self.retriever.search(
                state.question, authorities=authorities, statements=state.ask.statements, k=k, analysis=a
            ).results
        state.lap("retrieve_ms", t)
        return state

    def _about(self, question: str, authority: str) -> str:
        """A comparison's question as asked of one authority: the others' names would only match
        words of their own reports."""
        out, last = [], 0
        for m in self.retriever.gazetteer.mentions(question):
            if m.authority != authority:
                out.append(question[last : m.start])
                last = m.end
        return "".join(out) + question[last:]

    def _answer(self, state: State) -> State:
        if state.answer is not None:
            return state
        t = time.perf_counter()
        state.answer = self.answer.invoke(state)
        state.lap("answer_ms", t)
        return state

    def _finish(self, state: State) -> Answer:
        answer = state.answer or abstain()
        r = state.route
        if answer.abstained and isinstance(r, R.Passages) and not r.covered:  # say why: the statement's page is not in
            answer = abstain(R.not_included(r.authorities, r.statements), removed=answer.removed)
        answer.question, answer.read_as = state.question, state.read_as
        answer.retrieved = state.hits
        state.timings["total_ms"] = round((time.perf_counter() - state.started) * 1000, 1)
        answer.timings = {**state.timings, **answer.timings}
        return answer

    # --- answerers by route -------------------------------------------------------------------------

    def _which(self, state: State) -> str:
        return state.ask.llm or self.settings.llm

    def _generates(self, state: State) -> bool:
        return registry.get(self._which(state)).generative and isinstance(state.route, _NEEDS_PASSAGES) and bool(state.hits)

    def _from_facts(self, state: State) -> Answer:
        """Routes answered from the catalog, whichever answerer was asked for."""
        r = state.route
        catalog = self.retriever.catalog
        match r:
            case R.Abstain(reason=reason):
                return abstain(reason)
            case R.Scores():
                return structured.scores(r, catalog)
            case R.Overall():
                return structured.overall(r, catalog)
            case R.Aggregate():
                return structured.aggregate(r, catalog)
            case R.Frame(headings=headings, statements=sts, authorities=auths):
                return extractive.frame(headings, sts, auths, catalog)
        raise AssertionError(f"route {r!r} needs passages")

    def _extractive(self, state: State) -> Answer:
        r, a = state.route, state.analysis
        assert a is not None
        if isinstance(r, R.Compare):
            return extractive.compare(state.question, a, state.hits, self.retriever.catalog)
        if isinstance(r, R.WhichAuthority):
            return extractive.which_authority(state.question, a, state.hits)
        said = next((m["content"] for m in reversed(state.ask.history) if m.get("role") == "assistant"), "")
        answer = extractive.passages(state.question, a, state.hits, self.retriever.embedder.embed_documents, said)
        return extractive.naming_the_council(state.question, a, answer)

    def _generate(self, state: State, which: str) -> Answer:
        drafting = self._drafting(state, which)
        while True:
            try:
                next(drafting)
            except StopIteration as done:
                return done.value

    def _drafting(self, state: State, which: str) -> Generator[Event, None, Answer]:
        """Stream the model's draft as `token` events, then check it; returns the checked answer."""
        model = self.chat_model(which)
        t = time.perf_counter()
        first: float | None = None
        written: list[str] = []
        stream = model.stream(self.messages(state.question, state.hits))
        for piece in stream:
            if state.ask.cancel is not None and state.ask.cancel.is_set():
                close = getattr(stream, "close", None)
                if close:
                    close()  # the HTTP call to the model ends with it
                raise ModelError("The answer was cancelled at its deadline.")
            if first is None:
                first = round((time.perf_counter() - t) * 1000, 1)
            written.append(piece)
            yield "token", piece
        generate_ms = round((time.perf_counter() - t) * 1000, 1)
        answer = self.verify("".join(written), state, model.name)
        answer.timings.update(generate_ms=generate_ms, first_token_ms=first or generate_ms)
        return answer

    def messages(self, question: str, hits: list) -> list[Message]:
        passages = "\n\n".join(
            self.prompts.fill(
                "passage", n=i, authority=h.authority, quality_statement=h.quality_statement or "Overview",
                section=h.section, text=h.text.replace('"""', "'''"),
            )
            for i, h in enumerate(hits, 1)
        )
        return [
            {"role": "system", "content": self.prompts.text("system")},
            {"role": "user", "content": self.prompts.fill("answer", passages=passages, question=question)},
        ]

    def verify(self, draft: str, state: State, answerer: str) -> Answer:
        """Check a generated draft against the passages it was given; fall back to extractive."""
        checked = check(draft, state.hits)
        if checked.declined:
            return abstain(removed=checked.removed)
        if not checked.claims:
            fallback = self._extractive(state)
            fallback.removed = checked.removed
            fallback.answerer = f"{answerer} (fell back to extractive)"
            return fallback
        cited = Cited()
        parts = [f"{c.text} {''.join(cited.mark(state.hits[n - 1]) for n in c.cites)}" for c in checked.claims]
        answer = Answer(answer=" ".join(parts), abstained=False, citations=cited.citations, removed=checked.removed, answerer=answerer)
        # The relevance gate holds for generated answers too: the kind asked for must be there.
        assert state.analysis is not None
        if (gap := extractive.kind_not_given(state.question, state.analysis, [c.text for c in checked.claims])) is not None:
            return abstain(gap, removed=checked.removed)
        return answer


def build_chain(components: Any) -> AnswerChain:
    return AnswerChain(components.retriever, components.settings, Prompts())
