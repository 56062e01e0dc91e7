"""Hybrid retrieval: dense (Chroma) + lexical (BM25), fused by reciprocal rank, with metadata
filters taken from the request or from the authorities and statements a query names."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rag import framework as fw
from rag import rules
from rag.catalog import Catalog
from rag.embeddings import Embedder
from rag.gazetteer import Gazetteer
from rag.index_files import Built, IndexFiles, build, committed_chunks
from rag.lexical import BOILERPLATE, SCORE_LINE, LexicalIndex
from rag.models import SearchHit, SearchResponse
from rag.query import Analysis, analyse
from rag.settings import Settings
from rag.store import ChromaStore

log = logging.getLogger("aqa.retrieval")

# Multipliers on the fused score. Boilerplate frame text is identical across reports: it must not
# outrank findings unless asked for. Score lines only matter when the question is about scores.
BOILERPLATE_WEIGHT = 0.3
SCORE_LINE_WEIGHT = 0.5
SCORE_LINE_WANTED = 2.0
STATEMENT_BOOST = 1.6
# A store of at most this many chunks is searched exactly: its vectors are held in memory (50,000
# chunks of 384 floats is 77 MB; one question costs a few milliseconds), so every worker finds the
# same neighbours. A full report (nine sections and a summary) is about 220 chunks: all 153
# English authorities' reports (about 34,000) fit.
EXACT_SEARCH_LIMIT = 50_000
# A filter leaving at most this many chunks of a larger store: those chunks' vectors are read from
# the store and compared with each.
FILTERED_EXACT_LIMIT = 2048


def lexical_words(query: str, a: Analysis, within_named: bool) -> str:
    """The words a question is searched for: with the reports' words for its everyday phrasings,
    and, when only the named councils' passages are searched, without their names (which would only
    favour the passages that repeat them, title and summary lines, over the one about the question)."""
    words = rules.with_report_words(query)
    if within_named:
        for name in a.named_as:
            words = words.replace(name, " ")
    return words


@dataclass
class Filters:
    authorities: list[str]
    statements: list[str]

    def where(self) -> dict | None:
        clauses: list[dict] = []
        if self.authorities:
            clauses.append({"authority": {"$in": self.authorities}})
        if self.statements:
            clauses.append({"quality_statement": {"$in": self.statements}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def as_dict(self) -> dict[str, list[str]]:
        return {k: v for k, v in (("authority", self.authorities), ("quality_statement", self.statements)) if v}


class Retriever:
    def __init__(self, store: ChromaStore, embedder: Embedder, gazetteer: Gazetteer, settings: Settings) -> None:
        self.store = store
        self.embedder = embedder
        self.base_gazetteer = gazetteer
        self.settings = settings
        self.files = IndexFiles.of(settings)
        self.lexical: LexicalIndex = build(iter(())).lexical
        self.catalog = Catalog(gazetteer=gazetteer)
        self._generation: str | None = None
        self._lock = threading.Lock()
        self._exact: tuple[LexicalIndex, np.ndarray] | None = None  # a small store's vectors, one per row

    @property
    def gazetteer(self) -> Gazetteer:
        return self.catalog.gazetteer or self.base_gazetteer

    @property
    def authorities(self) -> set[str]:
        return self.catalog.authorities

    # --- keeping up with the store ----------------------------------------------------------------

    def refresh(self, force: bool = False) -> None:
        """Switch to the store's current generation (changed in this process or another): map its
        saved lexical index and catalog, built first by this process if nobody has yet."""
        generation = self.store.generation()
        if not force and generation == self._generation:
            return
        with self._lock:
            if not force and generation == self._generation:
                return
            try:
                built = self._open(generation)
            except FileNotFoundError:  # pruned while being opened: newer generations came meanwhile
                generation = self.store.generation()
                built = self._open(generation)
            self.switch(built, generation)

    def switch(self, built: Built, generation: str) -> None:
        """Serve `built` as the index and catalog of `generation` (refresh maps the saved ones)."""
        built.catalog.gazetteer = self.base_gazetteer.with_names(built.catalog.authorities)
        self.lexical, self.catalog = built.lexical, built.catalog
        self._generation = generation

    def _open(self, generation: str) -> Built:
        if not generation.isalnum():  # no generation marker (nothing written yet, or an old store): nothing to name files by
            return build(committed_chunks(self.store))
        try:
            self.files.ensure(self.store, generation)
        except PermissionError as e:  # a read-only index dir and no files for this generation: build for this process alone
            log.warning("cannot write the index files in %s (%s): building the index in memory", self.files.root, e)
            return build(committed_chunks(self.store))
        return self.files.open(generation)

    # --- searching --------------------------------------------------------------------------------

    def analyse(self, query: str) -> Analysis:
        self.refresh()
        return analyse(query, self.gazetteer, self.authorities, self.lexical.knows)

    def resolve_authorities(self, names: Sequence[str]) -> list[str]:
        return [self.gazetteer.canonical(n) or n for n in names]

    def search(
        self,
        query: str,
        *,
        authorities: Sequence[str] = (),
        statements: Sequence[str] = (),
        k: int | None = None,
        analysis: Analysis | None = None,
    ) -> SearchResponse:
        k = k or self.settings.top_k
        a = analysis or self.analyse(query)
        notice = None
        if authorities:
            wanted = self.resolve_authorities(authorities)
        else:
            wanted = a.authorities
            if a.missing_authorities and not a.authorities and not a.which_authority:
                names = ", ".join(a.missing_authorities)
                return SearchResponse(
                    results=[], query=query, notice=f"No report for {names} has been ingested.",
                    filters={"authority": a.missing_authorities},
                )
        statement_filter = [(st.name if (st := fw.statement_by_name(s)) else s) for s in statements]
        filters = Filters(list(wanted), statement_filter)
        unknown = [x for x in filters.authorities if x not in self.authorities]
        if unknown:
            notice = f"No report for {', '.join(unknown)} has been ingested."
        hits = self.fuse(query, a, filters, k)
        return SearchResponse(results=hits, query=query, filters=filters.as_dict(), notice=notice)

    def _dense(self, query: str, n: int, filters: Filters, keep: np.ndarray | None) -> list[tuple[str, float]]:
        lex = self.lexical
        if n <= 0 or not len(lex):
            return []
        embedding = self.embedder.embed_query(query)
        if len(lex) <= EXACT_SEARCH_LIMIT:
            # Read once per generation, in the index's row order: HNSW's nearest neighbours differ
            # from one process to the next (the same question got another answer in another worker).
            exact = self._exact
            if exact is None or exact[0] is not lex:
                exact = self._exact = (lex, self._vectors_by_row(lex))
            rows = None if keep is None else np.flatnonzero(keep)  # (every row: the matrix itself, not a copy)
            sims = (exact[1] if rows is None else exact[1][rows]) @ np.asarray(embedding, dtype=np.float32)
            return [(lex.id(int(i if rows is None else rows[i])), float(sims[i])) for i in np.argsort(-sims, kind="stable")[:n]]
        if keep is not None and keep.sum() <= FILTERED_EXACT_LIMIT:  # few chunks pass: compare with each, exactly
            return self.store.nearest_among(embedding, lex.ids(keep), n)
        return self.store.nearest(embedding, n, filters.where())

    def _vectors_by_row(self, lex: LexicalIndex) -> np.ndarray:
        """Every indexed chunk's vector, row i for the index's row i (the store returns its own
        order; a chunk with no vector keeps zeros and is never near)."""
        ids, vectors = self.store.vectors(lex.ids(lex.mask()))
        out = np.zeros((len(lex), vectors.shape[1] if len(ids) else self.embedder.dimension), dtype=np.float32)
        if ids:  # (none, when the index lists chunks the store no longer holds)
            at = np.array([-1 if r is None else r for r in lex.rows(ids)], dtype=np.int64)
            out[at[at >= 0]] = vectors[at >= 0]
        return out

    def fuse(self, query: str, a: Analysis, filters: Filters, k: int) -> list[SearchHit]:
        lex = self.lexical
        n = min(max(self.settings.candidates, k * 4), len(lex))
        keep = lex.mask(filters.authorities, filters.statements) if filters.authorities or filters.statements else None
        dense_ids = self._dense(query, n, filters, keep)
        dense = [row for row in lex.rows([cid for cid, _ in dense_ids]) if row is not None]  # never an orphan
        fused: dict[int, float] = {}
        lexical = [row for row, _ in lex.search(lexical_words(query, a, bool(keep is not None and filters.authorities)), n, keep)]
        for ranked in (dense, lexical):
            for rank, row in enumerate(ranked, start=1):
                fused[row] = fused.get(row, 0.0) + 1.0 / (self.settings.rrf_k + rank)
        wanted_statements = set(a.boosted_names)
        for row in fused:
            weight = 1.0
            flags = lex.flags(row)
            if flags & BOILERPLATE and not a.wants_boilerplate:
                weight *= BOILERPLATE_WEIGHT
            if flags & SCORE_LINE:
                weight *= SCORE_LINE_WANTED if a.wants_score else SCORE_LINE_WEIGHT
            if wanted_statements and lex.has_statement(row, wanted_statements):
                weight *= STATEMENT_BOOST
            fused[row] *= weight
        ranked_ids = sorted(((-score, lex.id(row)) for row, score in fused.items()))
        ranked = [(cid, -neg) for neg, cid in ranked_ids]
        # The passage that best matches the question's words is read whatever the embedding thinks
        # of it: a rare name ("the Gateway team") is what the words are best at finding. A "which
        # council" question is told apart by its rarest words ("by text message"), so the best half
        # of what it reads are the passages that match its words best.
        sure = (k // 2 if a.which_authority else 1) if k > 1 else 0
        shown = {cid for cid, _ in ranked[:k]}
        missing = [cid for cid in (lex.id(row) for row in lexical[:sure] if self._plain(row, a)) if cid not in shown]
        if missing:  # in place of the last of the first k
            rest = [x for x in ranked if x[0] not in missing]
            ranked = rest[: k - len(missing)] + [x for cid in missing for x in ranked if x[0] == cid] + rest[k - len(missing) :]
        return self._hits(ranked, k)

    def _plain(self, row: int, a: Analysis) -> bool:
        """A finding, not frame text or a score line the question does not ask for."""
        flags = self.lexical.flags(row)
        return not (flags & BOILERPLATE and not a.wants_boilerplate or flags & SCORE_LINE and not a.wants_score)

    def _hits(self, ranked: list[tuple[str, float]], k: int) -> list[SearchHit]:
        """The first k of `ranked` as hits, their chunks fetched from the store by id; one deleted
        since the index was built is skipped and the next taken."""
        hits: list[SearchHit] = []
        start = 0
        while len(hits) < k and start < len(ranked):
            part = ranked[start : start + k - len(hits)]
            start += len(part)
            chunks = {c.id: c for c in self.store.get_chunks([cid for cid, _ in part])}
            hits += [SearchHit.from_chunk(chunks[cid], score) for cid, score in part if cid in chunks]
        return hits
