"""The independent scorer (rag.evaluation.independent) and its calibration, on hand-built sentences
and passages whose verdicts are worked out by hand. No model: the embedding check runs with a
stand-in embedder whose cosines are set by the test."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from rag.evaluation import calibrate as C
from rag.evaluation import independent as I
from rag.evaluation import metrics as M
from rag.evaluation.dataset import Case, Gold
from rag.models import Citation, SearchHit

pytestmark = pytest.mark.unit

HEAD = "Ashcombe Vale Council | Partnerships and communities | Key findings"
HUB = "The local authority and Combe Valley NHS Foundation Trust launched a Joint Discharge Hub at St Elwyn's Hospital in March 2023."
FUND = "The Better Care Fund pooled £18,400,000 in 2024/25, and 22% was spent with voluntary organisations."
NOT = "Leaders told us the local authority did not have enough occupational therapists."
HUB_P = f"{HEAD}\n{HUB}"
FUND_P = f"{HEAD}\n{FUND}"
NOT_P = f"{HEAD}\n{NOT}"
TWIN_P = "Lowbridge and Fenn Council | Partnerships and communities | Key findings\n" + HUB.replace(
    "Combe Valley NHS Foundation Trust", "Fenn and Marsh Hospitals NHS Trust").replace("St Elwyn's Hospital", "Lowbridge General Hospital").replace("March", "October")


def test_the_scorer_shares_no_code_with_the_answer_path():
    tree = ast.parse(Path(I.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not any(str(m).startswith("rag") for m in imported), imported  # the standard library only
    code = "import sys, rag.evaluation.independent, rag.evaluation.calibrate; print(sorted(m for m in sys.modules if m.startswith('rag.answer')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


# --- what a sentence states -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, numbers, months, names, negations",
    [
        (HUB, {"2023"}, {3}, ["Combe Valley NHS Foundation Trust", "Joint Discharge Hub", "St Elwyn Hospital"], set()),
        ("The Better Care Fund pooled £18.4 million in 2024/25.", {"18.4", "2024", "25"}, set(), ["Better Care Fund"], set()),
        ("In 2024/25, 1,480 people received reablement.", {"2024", "25", "1480"}, set(), [], set()),
        ("Wirral Council scored 3 for Partnerships and communities.", {"3"}, set(), ["Wirral Council", "Partnerships"], set()),
        ("Leaders said it was two years late.", {"2"}, set(), [], set()),  # "Leaders": a lone first word is grammar
        ("Staff didn't know; there was no plan and never a review, without a budget.", set(), set(), [], {"not", "no", "never", "without"}),
        ("Northmere City Council: Only 6% of the fund was allocated.", {"6"}, set(), ["Northmere City Council"], set()),
        ("You may apply in May.", set(), {5}, [], set()),  # "may" the verb is no date
        ("Reviews began in Sept and ended in Oct.", set(), {9, 10}, [], set()),
        ("It was set out in the ‘Our Town’ Plan (2021-2030).", {"2021", "2030"}, set(), ["Town", "Plan"], set()),
        ("St Elwyn's Hospital and O'Neill House.", set(), set(), ["St Elwyn Hospital", "O'Neill House"], set()),
    ],
)
def test_anchors_of_a_sentence(sentence, numbers, months, names, negations):
    a = I.anchors(sentence)
    assert (a.numbers, a.months, a.names, a.negations) == (numbers, months, names, negations)


@pytest.mark.parametrize(
    "answer, expected",
    [
        ("One sentence in 2023. [1] Another one [2][3].", [("One sentence in 2023.", [1]), ("Another one.", [2, 3])]),
        ("A list [1, 2] and more [3]. Uncited.", [("A list and more.", [1, 2, 3]), ("Uncited.", [])]),
        ("e.g. this stays one sentence [1].\nA new line [2]", [("e.g. this stays one sentence.", [1]), ("A new line", [2])]),
        ("A carer said, ‘They rang every day.’ [1] Then [2].", [("A carer said, ‘They rang every day.’", [1]), ("Then.", [2])]),
        ("", []),
    ],
)
def test_answers_split_into_sentences_with_their_markers(answer, expected):
    assert [(s.text, s.cites) for s in I.split(answer)] == expected


# --- verdicts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, passage, missing",
    [
        (HUB, HUB_P, []),  # verbatim
        (HUB.replace("March", "October"), HUB_P, ["date October"]),
        (HUB, TWIN_P, ["date March", "name Combe Valley NHS Foundation Trust", "name St Elwyn Hospital"]),  # the twin's passage
        ("Ashcombe Vale Council launched a Joint Discharge Hub.", TWIN_P, ["name Ashcombe Vale Council"]),
        ("The fund pooled £18.4 million.", FUND_P, ["number 18.4"]),  # a figure written otherwise is not there
        ("The fund pooled £18,400,000 in 2024/25.", FUND_P, []),
        ("22% was spent with voluntary organisations.", FUND_P, []),
        ("The local authority had enough occupational therapists.", NOT_P, []),  # a dropped negation: the cosine's job
        ("The local authority did not launch a Joint Discharge Hub.", HUB_P, ["negation “not”"]),  # an added negation
        ("The local authority didn't have enough therapists.", NOT_P, []),  # n't is not
        ("Ashcombe Vale Council scored 3 for Partnerships and communities.", f"{HEAD}\nScore: 3", []),  # the header counts
        ("No: Ashcombe Vale Council scored 3 for Partnerships and communities.", f"{HEAD}\nScore: 3", []),  # the question's answer word
    ],
)
def test_every_number_date_name_and_negation_must_be_in_the_passage(sentence, passage, missing):
    assert I.missing(sentence, passage) == missing


def test_a_count_of_councils_may_be_the_number_of_authorities_cited():
    scores = [f"{a} | Partnerships and communities | Score\nScore: 4" for a in ("Wirral Council", "Ashcombe Vale Council")]
    assert I.missing("2 councils scored 4: Wirral Council and Ashcombe Vale Council.", scores) == []
    assert I.missing("3 councils scored 4: Wirral Council and Ashcombe Vale Council.", scores) == ["number 3"]


class Cosines:
    """A stand-in embedder: unit vectors whose dot products are the cosines the test sets."""

    def __init__(self, pairs: dict[tuple[str, str], float]) -> None:
        self.pairs = pairs

    def __call__(self, texts):  # noqa: ANN001, ANN204
        return [[hash(t) % 997 / 997] for t in texts]  # unused: cosine() is replaced below


def scorer_with(cosines: dict[tuple[str, str], float], threshold: float = 0.5) -> I.Scorer:
    s = I.Scorer(lambda texts: [[0.0] for _ in texts], threshold=threshold, embedder_name="test")
    s.cosine = lambda a, b: cosines.get((a, b), 0.0)  # type: ignore[method-assign]
    return s


def test_the_cosine_check_rejects_a_sentence_whose_anchors_pass_but_meaning_differs():
    sentence = "The local authority had enough occupational therapists."
    s = scorer_with({(sentence, NOT): 0.3, (NOT, NOT): 0.9})
    v = s.verdict(sentence, [NOT_P])
    assert not v.supported and v.missing == [] and v.cosine == 0.3 and v.reason(s.threshold) == "cosine 0.30 < 0.50"
    assert s.verdict(NOT, [NOT_P]).supported


def test_the_cosine_compares_the_claim_without_its_label_with_the_quote_without_its_header():
    sentence = "Ashcombe Vale Council: " + HUB
    seen = []
    s = I.Scorer(lambda texts: [seen.append(t) or [1.0, 0.0] for t in texts], threshold=0.5, embedder_name="test")
    assert s.verdict(sentence, [HUB_P]).supported
    assert seen == [HUB]  # the same text once: the label and the header are gone


def test_without_an_embedder_only_the_anchors_count():
    s = I.Scorer()
    assert s.threshold is None and s.verdict(HUB, [HUB_P]).cosine is None and s.verdict(HUB, [HUB_P]).supported
    assert I.Scorer.for_embedder(None).threshold is None
    assert "no embedder" in I.Scorer.for_embedder(None).describe()["note"]


def test_the_embedding_check_runs_only_for_the_model_it_was_calibrated_for():
    class Named:
        def __init__(self, name):  # noqa: ANN001, ANN204
            self.name = name

        def embed_batch(self, texts):  # noqa: ANN001, ANN201
            return [[1.0] for _ in texts]

    assert I.Scorer.for_embedder(Named(I.CALIBRATED_FOR)).threshold == I.EMBEDDING_THRESHOLD
    assert I.Scorer.for_embedder(Named(I.CALIBRATED_FOR + "+int8")).threshold == I.EMBEDDING_THRESHOLD
    other = I.Scorer.for_embedder(Named("hash-384"))
    assert other.threshold is None and "hash-384 is not" in other.describe()["note"]


# --- citation precision, recall, faithfulness (ALCE) ---------------------------------------------


@pytest.mark.parametrize(
    "answer, passages, precision, recall, faithfulness",
    [
        (f"{HUB} [1] {FUND} [2]", {1: HUB_P, 2: FUND_P}, 1.0, 1.0, 1.0),
        (f"{HUB} [1][2]", {1: HUB_P, 2: FUND_P}, 0.5, 1.0, 1.0),  # a needless citation: precision only
        (f"{HUB} [2] {FUND} [1]", {1: HUB_P, 2: FUND_P}, 0.0, 0.0, 1.0),  # swapped: unsupported, still faithful
        (f"{HUB} [1]", {1: TWIN_P}, 0.0, 0.0, 0.0),  # the twin's passage
        (f"{HUB}", {1: HUB_P}, 0.0, 0.0, 1.0),  # no citation at all
        (f"{HUB} [1] It was opened in October 2023 [1].", {1: HUB_P}, 0.5, 0.5, 0.5),
        # Both citations needed together: each is precise (without it the other no longer supports).
        ("2 councils scored 4: Wirral Council [1] and Ashcombe Vale Council [2].",
         {1: "Wirral Council | P | Score\nScore: 4", 2: "Ashcombe Vale Council | P | Score\nScore: 4"}, 1.0, 1.0, 1.0),
    ],
)
def test_independent_citation_scores(answer, passages, precision, recall, faithfulness):
    s = I.Scorer().score(answer, passages)
    assert (s.precision, s.recall, s.faithfulness) == (precision, recall, faithfulness)


def test_an_empty_answer_has_no_scores():
    assert I.Scorer().score("", {}).recall is None


def hit(text: str, authority: str = "Ashcombe Vale Council", n: int = 0, source: str = "report.txt") -> SearchHit:
    return SearchHit(chunk_id=f"c{n}", document_id="d1", source=source, authority=authority,
                     quality_statement="Partnerships and communities", theme="", score=None, section="Key findings",
                     text=text, start=0, end=len(text), rank_score=1.0)


def test_both_scorers_are_reported_side_by_side_so_disagreement_shows():
    # The answer path accepts "£18.4 million" for £18,400,000 (it compares digits loosely); the
    # independent scorer does not find the number 18.4 in the passage.
    case = Case(id="f", question="How much did the fund pool?", answerable=True, facts=[["18"]],
                gold=[Gold(source="report.txt", quote="pooled £18,400,000")])
    cite = Citation.from_hit(1, hit(FUND))
    d = M.case_detail(case, False, "The Better Care Fund pooled £18.4 million [1].", [cite], [hit(FUND)], 5, lambda _: FUND)
    m = d["metrics"]
    assert m["citation_recall_independent"] == 0.0 and m["passed_independent"] == 0.0
    assert d["failures_independent"][0].startswith("sentence 1 not supported by [1] (independent): number 18.4 not in passage")
    assert d["sentences"][0]["missing"] == ["number 18.4"]
    for a, b in M.INDEPENDENT.items():
        assert a in m and b in m


# --- calibration ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pos, neg, tolerance, expected",
    [
        ([0.6, 0.7, 0.8], [0.1, 0.2, 0.5], 0.0, 0.55),  # separable, no slack: the middle of the gap (0.5, 0.6]
        # Default slack, one supported pair (1/4): J = 1 - 0.2 at 0.45 is within it, J = 1 - 0.3 at 0.4 is not.
        ([0.6, 0.7, 0.8, 0.9], [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5], None, 0.425),
        ([0.8, float("-inf")], [0.3, float("-inf")], 0.0, 0.55),  # pairs the anchors reject are never accepted
    ],
)
def test_the_threshold_is_the_most_lenient_within_one_supported_pair_of_the_best_youden_j(pos, neg, tolerance, expected):
    assert C.choose(pos, neg, tolerance) == expected


def test_auc_counts_ties_half():
    assert C.auc([0.6, 0.7], [0.1, 0.65]) == 0.75 and C.auc([0.5], [0.5]) == 0.5 and C.auc([], [1.0]) is None


def cited(n: int, text: str, authority: str, section: str = "Key findings", start: int = 0) -> dict:
    return {"n": n, "chunk_id": f"{authority}-{start}", "source": f"{authority}.txt", "authority": authority,
            "quality_statement": "Partnerships and communities", "section": section, "quote": text, "start": start, "end": start + len(text)}


def test_calibration_pairs_are_verbatim_sentences_and_the_same_sentence_elsewhere():
    own = cited(1, HUB + " The hub helped 900 people.", "Ashcombe Vale Council")
    twin = cited(1, TWIN_P.split("\n", 1)[1], "Lowbridge and Fenn Council", start=50)
    same_section = cited(1, FUND, "Ashcombe Vale Council", start=99)  # same authority and section: left out
    shared = cited(1, "Boilerplate. " + HUB, "Wirral Council", start=7)  # holds the sentence: left out
    results = {"cases": [
        {"citations": [own], "sentences": [{"text": HUB, "cites": [1]}, {"text": "Not in it.", "cites": [1]}]},
        {"citations": [twin, same_section, shared], "sentences": []},
    ]}
    pairs = C.pairs(results)
    assert [(p.supported, p.hard) for p in pairs] == [(True, False), (False, True)]
    assert pairs[1].passage.startswith("Lowbridge and Fenn Council |")
