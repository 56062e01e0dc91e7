"""What the store holds, as facts: authorities, statements per authority, scores and overall
results with the passages that state them. Built once per store generation and shared by
routing, retrieval and the structured answerer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rag import framework as fw
from rag.gazetteer import Gazetteer
from rag.models import Chunk

OVERALL_SECTION = fw.OVERALL_SECTION


@dataclass(frozen=True)
class ScoreFact:
    authority: str
    statement: str
    score: int
    indicative: bool
    chunk: Chunk  # the score line: cited for this fact

    @property
    def label(self) -> str:
        return fw.SCORE_LABELS.get(self.score, "")


@dataclass(frozen=True)
class OverallFact:
    authority: str
    rating: str  # "" when the page gives only a figure
    percent: int  # 0 when the page gives only a rating
    indicative: bool
    chunk: Chunk


@dataclass
class Catalog:
    generation: str | None = None
    gazetteer: Gazetteer | None = None
    authorities: set[str] = field(default_factory=set)
    statements: dict[str, set[str]] = field(default_factory=dict)  # authority -> statements it has text or a score for
    scores: dict[tuple[str, str], ScoreFact] = field(default_factory=dict)
    overall: dict[str, OverallFact] = field(default_factory=dict)
    # (statement, frame heading) -> the frame passages, by authority: the same text in every report
    frames: dict[tuple[str, str], dict[str, list[Chunk]]] = field(default_factory=dict)
    published: dict[str, set[str]] = field(default_factory=dict)  # authority -> its pages' "Published" dates

    @classmethod
    def build(cls, chunks: Iterable[Chunk], gazetteer: Gazetteer, generation: str | None = None) -> Catalog:
        parts = CatalogParts()
        for c in chunks:
            parts.add(c)
        return parts.catalog(gazetteer, generation)

    def dump(self) -> dict[str, Any]:
        """As JSON: the sets and only the chunks the facts cite (what `load` needs), in order."""
        return {
            "authorities": sorted(self.authorities),
            "statements": {a: sorted(s) for a, s in sorted(self.statements.items())},
            "scores": [f.chunk.model_dump() for f in self.scores.values()],
            "overall": [f.chunk.model_dump() for f in self.overall.values()],
            "frames": [c.model_dump() for by in self.frames.values() for cs in by.values() for c in cs],
            "published": {a: sorted(d) for a, d in sorted(self.published.items())},
        }

    @classmethod
    def load(cls, data: dict[str, Any], gazetteer: Gazetteer | None = None, generation: str | None = None) -> Catalog:
        cat = cls(generation=generation, authorities=set(data["authorities"]),
                  statements={a: set(s) for a, s in data["statements"].items()},
                  published={a: set(d) for a, d in data.get("published", {}).items()})
        for c in map(Chunk.model_validate, data["scores"]):
            cat.scores[(c.authority, c.quality_statement)] = ScoreFact(c.authority, c.quality_statement, c.score, c.indicative, c)
        for c in map(Chunk.model_validate, data["overall"]):
            cat.overall[c.authority] = OverallFact(c.authority, c.rating, c.percent, c.indicative, c)
        for c in map(Chunk.model_validate, data["frames"]):
            cat.frames.setdefault((c.quality_statement, _heading(c)), {}).setdefault(c.authority, []).append(c)
        cat.gazetteer = gazetteer.with_names(cat.authorities) if gazetteer is not None else None
        return cat

    def region_of(self, authority: str) -> str:
        """The English region of an authority the gazetteer knows; "" for one it does not."""
        known = self.gazetteer.authorities.get(authority) if self.gazetteer is not None else None
        return known.region if known is not None else ""

    def within(self, region: str) -> Catalog:
        """The facts of the councils of one region only."""
        keep = {a for a in self.authorities if self.region_of(a) == region}
        return Catalog(self.generation, self.gazetteer, keep, {a: s for a, s in self.statements.items() if a in keep},
                       {k: f for k, f in self.scores.items() if k[0] in keep},
                       {a: f for a, f in self.overall.items() if a in keep},
                       {k: {a: cs for a, cs in by.items() if a in keep} for k, by in self.frames.items()},
                       {a: d for a, d in self.published.items() if a in keep})

    def scores_of(self, authority: str) -> list[ScoreFact]:
        order = {s.name: i for i, s in enumerate(fw.STATEMENTS)}
        return sorted((f for (a, _), f in self.scores.items() if a == authority), key=lambda f: order.get(f.statement, 99))

    def covers(self, authority: str, statement: str) -> bool:
        return statement in self.statements.get(authority, set())


def _heading(c: Chunk) -> str:
    return c.section.split(" > ")[0]


@dataclass
class CatalogParts:
    """What a catalog is built from, gathered one chunk at a time: the sets, and only the chunks
    that can become facts (a writer streams a million chunks through this without keeping them)."""

    authorities: set[str] = field(default_factory=set)
    statements: dict[str, set[str]] = field(default_factory=dict)
    findings: set[tuple[str, str]] = field(default_factory=set)  # (document, statement) with a finding's text
    published: dict[str, set[str]] = field(default_factory=dict)
    kept: list[Chunk] = field(default_factory=list)

    def add(self, c: Chunk) -> None:
        self.authorities.add(c.authority)
        if c.published:
            self.published.setdefault(c.authority, set()).add(c.published)
        if c.quality_statement:
            self.statements.setdefault(c.authority, set()).add(c.quality_statement)
            if c.section != fw.SCORE_SECTION:
                self.findings.add((c.document_id, c.quality_statement))
        if (
            (c.boilerplate and c.quality_statement and _heading(c) in fw.BOILERPLATE_HEADINGS)
            or (c.section == fw.SCORE_SECTION and c.score)
            or (c.section == OVERALL_SECTION and (c.rating or c.percent))
        ):
            self.kept.append(c)

    def catalog(self, gazetteer: Gazetteer | None = None, generation: str | None = None) -> Catalog:
        cat = Catalog(generation=generation, authorities=set(self.authorities),
                      statements={a: set(s) for a, s in self.statements.items()},
                      published={a: set(d) for a, d in self.published.items()})
        findings = self.findings
        # Statement pages are preferred over a summary's list when both give a score: the page
        # has the finding's own score line. They agree on the real site; if not, the page wins.
        for c in sorted(self.kept, key=lambda c: (c.document_id, c.position)):
            heading = _heading(c)
            if c.boilerplate and c.quality_statement and heading in fw.BOILERPLATE_HEADINGS:
                cat.frames.setdefault((c.quality_statement, heading), {}).setdefault(c.authority, []).append(c)
            if c.section == fw.SCORE_SECTION and c.score:
                key = (c.authority, c.quality_statement)
                fact = ScoreFact(c.authority, c.quality_statement, c.score, c.indicative, c)
                old = cat.scores.get(key)
                if old is None or ((c.document_id, c.quality_statement) in findings
                                   and (old.chunk.document_id, old.statement) not in findings):
                    cat.scores[key] = fact
            elif c.section == OVERALL_SECTION and (c.rating or c.percent):
                old_o = cat.overall.get(c.authority)
                if old_o is None or (not (old_o.rating and old_o.percent) and c.rating and c.percent):
                    cat.overall[c.authority] = OverallFact(c.authority, c.rating, c.percent, c.indicative, c)
        cat.gazetteer = gazetteer.with_names(cat.authorities) if gazetteer is not None else None
        return cat
