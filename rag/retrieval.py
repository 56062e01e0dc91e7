"""Hybrid retrieval: dense (Chroma) + lexical (BM25), fused by reciprocal rank, with metadata
filters taken from the request or from the authorities and statements a query names."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rag import framework as fw
from rag.catalog import Catalog
from rag.embeddings import Embedder
from rag.gazetteer import Gazetteer
from rag.lexical import LexicalIndex
from rag.models import Chunk, SearchHit, SearchResponse
from rag.query import Analysis, analyse
from rag.settings import Settings
from rag.store import ChromaStore

# Multipliers on the fused score. Boilerplate frame text is identical across reports: it must not
# outrank findings unless asked for. Score lines only matter when the question is about scores.
BOILERPLATE_WEIGHT = 0.3
SCORE_LINE_WEIGHT = 0.5
SCORE_LINE_WANTED = 2.0
STATEMENT_BOOST = 1.6
# A filter leaving at most this many chunks: dense search compares with each (exact, fast).
EXACT_SEARCH_LIMIT = 2048


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
        self.lexical = LexicalIndex([])
        self.catalog = Catalog(gazetteer=gazetteer)
        self._generation: str | None = None
        self._lock = threading.Lock()

    @property
    def gazetteer(self) -> Gazetteer:
        return self.catalog.gazetteer or self.base_gazetteer

    @property
    def authorities(self) -> set[str]:
        return self.catalog.authorities

    # --- keeping up with the store ----------------------------------------------------------------

    def refresh(self, force: bool = False) -> None:
        """Rebuild the in-memory indexes if the store changed (in this process or another)."""
        generation = self.store.generation()
        if not force and generation == self._generation:
            return
        with self._lock:
            if not force and generation == self._generation:
                return
            # Only committed documents: chunks whose document record is missing (an ingest killed
            # before its commit mark) are never searched or cited.
            committed = {d.id for d in self.store.documents()}
            chunks = [c for c in self.store.all_chunks() if c.document_id in committed]
            self.lexical = LexicalIndex(chunks)
            self.catalog = Catalog.build(chunks, self.base_gazetteer, generation)
            self._generation = generation

    # --- searching --------------------------------------------------------------------------------

    def analyse(self, query: str) -> Analysis:
        self.refresh()
        return analyse(query, self.gazetteer, self.authorities)

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
            if a.missing_authorities and not a.authorities:
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
        embedding = self.embedder.embed_query(query)
        if keep is not None and keep.sum() <= EXACT_SEARCH_LIMIT:  # few chunks pass: compare with each, exactly
            return self.store.nearest_among(embedding, self.lexical.ids(keep), n)
        return self.store.nearest(embedding, n, filters.where())

    def fuse(self, query: str, a: Analysis, filters: Filters, k: int) -> list[SearchHit]:
        n = min(max(self.settings.candidates, k * 4), len(self.lexical))
        keep = self.lexical.mask(filters.authorities, filters.statements) if filters.authorities or filters.statements else None
        dense = [(self.lexical.by_id[cid], sim) for cid, sim in self._dense(query, n, filters, keep) if cid in self.lexical.by_id]
        lexical = self.lexical.search(query, n, keep)
        fused: dict[str, float] = {}
        by_id: dict[str, Chunk] = {}
        for ranked in (dense, lexical):
            for rank, (chunk, _) in enumerate(ranked, start=1):
                fused[chunk.id] = fused.get(chunk.id, 0.0) + 1.0 / (self.settings.rrf_k + rank)
                by_id[chunk.id] = chunk
        wanted_statements = set(a.boosted_names)
        for cid, chunk in by_id.items():
            weight = 1.0
            if chunk.boilerplate and not a.wants_boilerplate:
                weight *= BOILERPLATE_WEIGHT
            if chunk.section in (fw.SCORE_SECTION, fw.OVERALL_SECTION):
                weight *= SCORE_LINE_WANTED if a.wants_score else SCORE_LINE_WEIGHT
            if wanted_statements and chunk.quality_statement in wanted_statements:
                weight *= STATEMENT_BOOST
            fused[cid] *= weight
        best = sorted(fused, key=lambda cid: (-fused[cid], cid))[:k]
        return [SearchHit.from_chunk(by_id[cid], fused[cid]) for cid in best]
