"""The answer chain (LCEL): question (+ history, filters) -> query analysis (follow-ups, authority
and statement recognition) -> hybrid retrieval -> answerer -> citation check -> response."""

from __future__ import annotations

import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from rag.answer import aggregate, extractive, followup
from rag.answer.check import check
from rag.answer.llm import ChatModel, Message, build_chat
from rag.models import Answer, Citation, Removed, SearchHit
from rag.prompts import Prompts
from rag.query import Analysis
from rag.retrieval import Retriever
from rag.settings import Settings
from rag.text import pieces

NOT_IN_REPORTS = "The assessment reports do not say."

Event = tuple[str, Any]  # ("citations", [Citation]) | ("token", str) | ("done", Answer)


@dataclass
class Ask:
    question: str
    history: list[Message] = field(default_factory=list)
    authorities: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    llm: str | None = None
    k: int | None = None


@dataclass
class State:
    ask: Ask
    question: str = ""
    analysis: Analysis | None = None
    hits: list[SearchHit] = field(default_factory=list)
    answer: Answer | None = None
    draft: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    def lap(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[name] = round((now - since) * 1000, 1)
        return now


class Cited:
    """Builds an answer whose [n] markers number passages in order of first use."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self._index: dict[str, int] = {}

    def mark(self, hit: SearchHit) -> str:
        if hit.chunk_id not in self._index:
            self._index[hit.chunk_id] = len(self.citations) + 1
            self.citations.append(Citation.from_hit(self._index[hit.chunk_id], hit))
        return f"[{self._index[hit.chunk_id]}]"


def abstain(reason: str | None = None, removed: Sequence[Removed] = ()) -> Answer:
    text = NOT_IN_REPORTS if not reason else f"{NOT_IN_REPORTS} {reason}"
    return Answer(answer=text, abstained=True, removed=list(removed))


class AnswerChain:
    def __init__(self, retriever: Retriever, settings: Settings, prompts: Prompts) -> None:
        self.retriever = retriever
        self.settings = settings
        self.prompts = prompts
        self._chat: dict[str, ChatModel] = {}
        self.runnable: Runnable[Ask, Answer] = (
            RunnableLambda(self._understand, name="analyse")
            | RunnableLambda(self._retrieve, name="retrieve")
            | RunnableLambda(self._answer, name="answer")
            | RunnableLambda(self._finish, name="respond")
        )

    def invoke(self, ask: Ask) -> Answer:
        return self.runnable.invoke(ask)

    def events(self, ask: Ask) -> Iterator[Event]:
        """The same chain, streamed: `citations`, then `token`s, then `done` with the checked answer.

        A generated draft streams as the model writes it, with the passages it was given as the
        citations; the check may then remove sentences already streamed, so `done` is what counts.
        Closing this iterator stops the generation.
        """
        state = self._retrieve(self._understand(ask))
        which = ask.llm or self.settings.llm
        if state.answer is None and which != "extractive" and state.hits:
            yield "citations", [Citation.from_hit(i, h) for i, h in enumerate(state.hits, 1)]
            t = time.perf_counter()
            state.answer = yield from self._drafting(state, which)
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
            self._chat[which] = build_chat(self.settings, which)
        return self._chat[which]

    # --- steps ------------------------------------------------------------------------------------

    def _understand(self, ask: Ask) -> State:
        state = State(ask)
        t = state.started
        self.retriever.refresh()  # before resolving follow-ups: the gazetteer learns the store's names
        state.question = followup.resolve(ask.question, ask.history, self.retriever.gazetteer)
        a = self.retriever.analyse(state.question)
        if ask.authorities:
            wanted = self.retriever.resolve_authorities(ask.authorities)
            a.authorities = [x for x in wanted if x in self.retriever.authorities]
            a.missing_authorities = [x for x in wanted if x not in self.retriever.authorities]
        if ask.statements:
            from rag import framework as fw

            a.statements = [s for s in (fw.statement_by_name(x) for x in ask.statements) if s]
        state.analysis = a
        state.lap("analyse_ms", t)
        return state

    def _retrieve(self, state: State) -> State:
        a = state.analysis
        assert a is not None
        t = time.perf_counter()
        if a.missing_authorities and not a.authorities:
            names = ", ".join(a.missing_authorities)
            state.answer = abstain(f"No report for {names} has been ingested.")
        elif aggregate.is_score_question(a):
            state.answer = self._scores(a)
        elif (gap := self._statement_gap(a)) is not None:
            state.answer = abstain(gap)
        elif len(a.authorities) >= 2:
            state.hits = []
            for authority in a.authorities:
                state.hits += self.retriever.search(
                    state.question, authorities=[authority], statements=state.ask.statements, k=state.ask.k or 3, analysis=a
                ).results
        else:
            state.hits = self.retriever.search(
                state.question, authorities=a.authorities, statements=state.ask.statements,
                k=state.ask.k or self.settings.top_k, analysis=a,
            ).results
        state.lap("retrieve_ms", t)
        return state

    def _answer(self, state: State) -> State:
        if state.answer is not None:
            return state
        t = time.perf_counter()
        which = state.ask.llm or self.settings.llm
        if which == "extractive":
            state.answer = self._extractive(state)
        else:
            state.answer = self._generate(state, which)
        state.lap("answer_ms", t)
        return state

    def _finish(self, state: State) -> Answer:
        answer = state.answer or abstain()
        answer.question = state.question
        answer.retrieved = state.hits
        state.timings["total_ms"] = round((time.perf_counter() - state.started) * 1000, 1)
        answer.timings = {**state.timings, **answer.timings}
        return answer

    # --- answerers --------------------------------------------------------------------------------

    def _extractive(self, state: State) -> Answer:
        a = state.analysis
        assert a is not None
        cited = Cited()
        parts: list[str] = []
        if len(a.authorities) >= 2:  # a comparison: the best sentence for each authority
            for authority in a.authorities:
                own = [h for h in state.hits if h.authority == authority]
                # The question is about each authority in turn: a weaker match still answers it.
                best = extractive.choose(
                    extractive.candidates(state.question, a, own), limit=1, min_coverage=extractive.MIN_COVERAGE / 2
                )
                if best:
                    parts.append(f"{authority}: {best[0].text} {cited.mark(best[0].hit)}")
                else:
                    parts.append(f"{authority}: the report does not say.")
            if not cited.citations:
                return abstain()
        else:
            chosen = extractive.choose(extractive.candidates(state.question, a, state.hits))
            if not chosen:
                return abstain()
            parts = [f"{c.text} {cited.mark(c.hit)}" for c in chosen]
        return Answer(answer=" ".join(parts), abstained=False, citations=cited.citations, answerer="extractive")

    def _scores(self, a: Analysis) -> Answer:
        result = aggregate.answer_scores(a, self.retriever.scores)
        if not result.claims:
            return abstain(f"The ingested reports include no score for {'; '.join(result.missing)}.")
        cited = Cited()
        marked = [f"{c.text} {cited.mark(SearchHit.from_chunk(c.chunk, 1.0))}" for c in result.claims]
        if result.lead:
            listed = ", ".join(marked[:-1]) + (" and " if len(marked) > 1 else "") + marked[-1]
            text = f"{result.lead} {listed}."
        else:
            text = " ".join(m.replace(". [", " [") + "." for m in marked)
        if result.missing:
            text += f" The ingested reports include no score for {'; '.join(result.missing)}."
        return Answer(answer=text, abstained=False, citations=cited.citations, answerer="structured")

    def _statement_gap(self, a: Analysis) -> str | None:
        """A question about a statement an authority's ingested report does not cover."""
        if not a.authorities or not a.statements:
            return None
        have = {(auth, st) for (auth, st) in self.retriever.scores}
        pairs = [(auth, s.name) for auth in a.authorities for s in a.statements]
        if any(p in have for p in pairs):
            return None
        return "The ingested reports do not include " + "; ".join(f"{auth}'s assessment of {st}" for auth, st in pairs) + "."

    def _generate(self, state: State, which: str) -> Answer:
        if not state.hits:
            return abstain()
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
        pieces: list[str] = []
        for piece in model.stream(self.messages(state.question, state.hits)):
            if first is None:
                first = round((time.perf_counter() - t) * 1000, 1)
            pieces.append(piece)
            yield "token", piece
        generate_ms = round((time.perf_counter() - t) * 1000, 1)
        answer = self.verify("".join(pieces), state, model.name)
        answer.timings.update(generate_ms=generate_ms, first_token_ms=first or generate_ms)
        return answer

    def messages(self, question: str, hits: list[SearchHit]) -> list[Message]:
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
        return Answer(answer=" ".join(parts), abstained=False, citations=cited.citations, removed=checked.removed, answerer=answerer)


def build_chain(components: Any) -> AnswerChain:
    return AnswerChain(components.retriever, components.settings, Prompts())
