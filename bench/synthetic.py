"""A synthetic corpus for scale only: many fictional authorities x nine quality statements, in the
shape of the sample reports (title line, fictional marker, statement, score, the frame headings,
findings). The sentences are templates with names and figures drawn at random: no real text."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from rag import framework as fw

_A = ["Ash", "Brack", "Cold", "Dun", "Elm", "Fern", "Glen", "Hart", "Ivy", "Kings", "Lark", "Marl", "Nettle", "Oak", "Pen",
      "Quarry", "Rook", "Sedge", "Thorn", "Wold", "Yew", "Alder", "Birch", "Cotter", "Dale"]
_B = ["ford", "ley", "mere", "wick", "ton", "bury", "field", "stow", "combe", "holt", "by", "worth"]
_C = ["", "North ", "South ", "East ", "West ", "Upper ", "Lower ", "Great ", "Little ", "Old "]
_KIND = ["Council", "County Council", "Borough Council", "City Council", "Metropolitan Borough Council"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_TOPICS = ["hospital discharge", "unpaid carers", "home care", "reablement", "day opportunities", "supported living",
           "falls prevention", "assistive technology", "advocacy", "transitions for young people", "mental health",
           "learning disability", "direct payments", "waiting lists", "safeguarding enquiries", "commissioning"]
_FINDINGS = [
    "The local authority worked with {partner} to launch a {topic} service in {month} {year}.",
    "In {year}/{yy} the service supported {n} people, up from {m} the year before.",
    "People told us that {topic} had improved, although {share}% said they waited too long for a first contact.",
    "Leaders told us the budget for {topic} was £{money} million in {year}/{yy}.",
    "Staff described good working relationships with {partner}, with joint meetings every {period}.",
    "There were {n} people waiting for {topic}, and the longest wait was {weeks} weeks.",
    "Partners said the local authority listened, but {share}% of providers reported late payments.",
    "The {topic} strategy for {year}-{year2} set out {k} priorities agreed with {partner}.",
    "Feedback from people using {topic} was collected through a panel that met every {period}.",
    "The local authority commissioned {partner} to deliver {topic}, covering {k} neighbourhoods.",
]
_PARTNERS = ["the integrated care board", "the NHS foundation trust", "the voluntary sector alliance", "the carers centre",
             "the housing association", "the community health trust", "the police", "local GP practices"]


def authorities(n: int, seed: int = 1) -> list[str]:
    names = [f"{c}{a}{b} {k}" for c in _C for a in _A for b in _B for k in _KIND]
    random.Random(seed).shuffle(names)
    if n > len(names):
        raise ValueError(f"at most {len(names)} synthetic authorities")
    return names[:n]


def sentence(rng: random.Random) -> str:
    year = rng.randint(2019, 2025)
    return rng.choice(_FINDINGS).format(
        partner=rng.choice(_PARTNERS), topic=rng.choice(_TOPICS), month=rng.choice(_MONTHS), year=year, yy=str(year + 1)[2:],
        year2=year + 4, n=f"{rng.randint(40, 4000):,}", m=f"{rng.randint(40, 4000):,}", share=rng.randint(3, 60),
        money=f"{rng.uniform(0.2, 40):.1f}", period=rng.choice(["week", "fortnight", "month", "quarter"]),
        weeks=rng.randint(2, 40), k=rng.randint(2, 9),
    )


def report(authority: str, statement: fw.Statement, rng: random.Random, paragraphs: int = 4) -> str:
    score = rng.randint(1, 4)
    lines = [f"{authority}: local authority assessment", "SYNTHETIC — generated for scale benchmarks; not a real CQC report.", "",
             statement.name, "", f"Score: {score}", f"{score} - {fw.SCORE_LABELS[score]}", "", "What people expect",
             f"I am supported by {authority} with {statement.name.lower()}.", "", "The local authority commitment",
             f"We work to deliver {statement.name.lower()} for everyone.", "", "Key findings for this quality statement", ""]
    for _ in range(paragraphs):
        lines += [" ".join(sentence(rng) for _ in range(rng.randint(3, 6))), ""]
    return "\n".join(lines)


def write(folder: Path, n_authorities: int, seed: int = 1) -> Iterator[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i, authority in enumerate(authorities(n_authorities, seed)):
        for j, statement in enumerate(fw.STATEMENTS):
            path = folder / f"synthetic_{i:05d}_{j}.txt"
            path.write_text(report(authority, statement, rng), encoding="utf-8")
            yield path
