"""Hybrid search: the right authority first, filters, boilerplate below findings, batch JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from rag.retrieval import Filters

pytestmark = pytest.mark.integration

RESULT_FIELDS = {
    "chunk_id", "document_id", "source", "authority", "quality_statement", "theme", "score",
    "section", "text", "start", "end", "rank_score",
}


@pytest.mark.parametrize(
    "question, authority, fact",
    [
        ("When did Wirral launch its Transfer of Care Hub?", "Wirral Council", "July 2023"),
        ("When did Knowsley launch its Transfer of Care Hub?", "Knowsley Metropolitan Borough Council", "March 2022"),
        ("How many key priorities did the Telford and Wrekin TWIPP strategic plan identify?", "Telford and Wrekin Council", "5 key priorities"),
        ("How many key priorities did the Oakhurst Vale TWIPP strategic plan identify?", "Oakhurst Vale Council", "4 key priorities"),
        ("When was Ashcombe Vale's Joint Discharge Hub launched?", "Ashcombe Vale Council", "March 2023"),
        ("When was the Lowbridge and Fenn Joint Discharge Hub launched?", "Lowbridge and Fenn Council", "October 2023"),
    ],
)
def test_a_question_naming_an_authority_gets_that_authoritys_passage_first(loaded, question, authority, fact):
    hits = loaded.retriever.search(question, k=5).results
    assert hits and {h.authority for h in hits} == {authority}
    assert fact in hits[0].text


def test_results_carry_every_field_and_verbatim_offsets(loaded):
    response = loaded.retriever.search("hospital discharge", k=8)
    assert len(response.results) == 8
    for hit in response.results:
        assert set(hit.model_dump()) >= RESULT_FIELDS
        _, text = loaded.store.document(hit.document_id)
        assert text[hit.start : hit.end] == hit.text


def test_filters_restrict_authority_and_statement(loaded):
    hits = loaded.retriever.search(
        "waiting lists", authorities=["Telford & Wrekin", "Northmere City Council"], statements=["safeguarding"], k=10
    ).results
    assert hits and {h.authority for h in hits} == {"Northmere City Council"}
    assert {h.quality_statement for h in hits} == {"Safeguarding"}


def test_an_authority_that_is_not_ingested_gets_no_one_elses_passages(loaded):
    response = loaded.retriever.search("When did Sefton launch its Transfer of Care Hub?")
    assert response.results == [] and "Sefton" in (response.notice or "")


def test_boilerplate_ranks_below_findings_unless_asked_for(loaded):
    hits = loaded.retriever.search("care and support that is coordinated, where everyone works well together", authorities=["Wirral"], k=5).results
    assert not hits[0].boilerplate
    asked = loaded.retriever.search("What people expect for partnerships in Wirral", k=3).results
    assert asked[0].boilerplate and asked[0].section == "What people expect"


def test_a_score_question_finds_the_score_line(loaded):
    hits = loaded.retriever.search("What did Northmere score for partnerships and communities?", k=3).results
    assert hits[0].section == "Score" and hits[0].score == 1 and hits[0].authority == "Northmere City Council"


def test_batch_search_reads_queries_from_stdin_and_prints_json_lines(loaded):
    queries = "When did Wirral launch its Transfer of Care Hub?\nfalls prevention classes Sallowmere\n"
    proc = subprocess.run(
        [sys.executable, "-m", "aqa.cli", "search", "--json", "-", "-k", "3", "--data-dir", str(loaded.settings.data_dir)],
        input=queries, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [len(x["results"]) for x in lines] == [3, 3]
    assert lines[0]["results"][0]["authority"] == "Wirral Council"
    assert lines[1]["results"][0]["authority"] == "Sallowmere County Council"
    assert set(lines[0]["results"][0]) >= RESULT_FIELDS


def test_searching_one_councils_passages_its_name_favours_no_passage(tmp_path, embedder):
    # A summary page repeats the council's name; the safeguarding page says what was asked. Within
    # Northmere's own passages, "Northmere" in the question must not pull the summary first.
    from aqa.components import build_components
    from tests.conftest import settings_for

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "northmere__summary.txt").write_text(
        "Northmere City Council: local authority assessment\n\nOverall summary\n\n"
        "Northmere City Council serves Northmere and its villages. Northmere has 210,000 residents and "
        "Northmere's council is Labour-led. Northmere borders two counties.\n", encoding="utf-8")
    (pages / "northmere__safeguarding.txt").write_text(
        "Northmere City Council: local authority assessment\n\nSafeguarding\n\nScore: 2\n\n"
        "Key findings for this quality statement\n\n"
        "A virtual Multi-Agency Safeguarding Hub (MASH) was introduced in November 2024 and was being piloted. "
        "Partners said phase 2 of the MASH would add health partners.\n", encoding="utf-8")
    c = build_components(settings_for(tmp_path / "data"), embedder)
    c.ingestor.ingest([str(pages)])
    hits = c.retriever.search("Does Northmere have a MASH?", k=1).results
    assert "MASH" in hits[0].text


def test_a_search_within_the_named_council_drops_its_name_from_the_words_searched():
    from rag.gazetteer import load_gazetteer
    from rag.query import analyse
    from rag.retrieval import lexical_words

    a = analyse("Does Bristol have a MASH?", load_gazetteer(), ["Bristol City Council"])
    assert lexical_words(a.text, a, within_named=True).split() == ["Does", "have", "a", "MASH?"]
    assert "Bristol" in lexical_words(a.text, a, within_named=False)  # searching every council: the name picks its passages


def test_a_small_store_is_searched_exactly_not_through_hnsw(loaded, monkeypatch):
    # HNSW's nearest neighbours differ from one process to the next; a store of at most
    # EXACT_SEARCH_LIMIT chunks compares the question with every vector, so every worker agrees.
    import numpy as np

    retriever = loaded.retriever
    retriever.refresh()
    monkeypatch.setattr(retriever.store, "nearest", lambda *a, **k: pytest.fail("searched through HNSW"))
    question = "How are unpaid carers supported?"
    dense = retriever._dense(question, 5, Filters([], []), None)
    assert len(dense) == 5
    ids, vectors = retriever.store.vectors(retriever.lexical.ids(retriever.lexical.mask()))
    sims = vectors @ np.asarray(retriever.embedder.embed_query(question), dtype=np.float32)
    assert [cid for cid, _ in dense] == [ids[i] for i in np.argsort(-sims, kind="stable")[:5]]


def test_a_small_store_filtered_by_council_is_searched_exactly_from_vectors_held_in_memory(loaded, monkeypatch):
    # The vectors are read once; a question about one council compares it with that council's
    # chunks only, and the store is not asked again.
    import numpy as np

    retriever = loaded.retriever
    retriever.refresh()
    lex = retriever.lexical
    keep = lex.mask(["Telford and Wrekin Council"])
    assert 0 < keep.sum() < len(lex)
    question = "How are unpaid carers supported?"
    ids, vectors = retriever.store.vectors(lex.ids(keep))
    retriever._dense(question, 5, Filters([], []), None)  # reads every vector once
    monkeypatch.setattr(retriever.store, "vectors", lambda *a, **k: pytest.fail("read the vectors again"))
    monkeypatch.setattr(retriever.store, "nearest", lambda *a, **k: pytest.fail("searched through HNSW"))
    dense = retriever._dense(question, 5, Filters(["Telford and Wrekin Council"], []), keep)
    sims = vectors @ np.asarray(retriever.embedder.embed_query(question), dtype=np.float32)
    assert [cid for cid, _ in dense] == [ids[i] for i in np.argsort(-sims, kind="stable")[:5]]


def test_a_which_council_question_reads_the_passages_that_match_its_words_best(loaded, monkeypatch):
    # told apart by its rarest words, whatever the embedding ranks first (here: the embedding finds
    # nothing of use, every chunk equally far)
    from rag.retrieval import lexical_words

    retriever = loaded.retriever
    retriever.refresh()
    question = "Which council runs a Calm Cafe with mental health social workers out of hours?"
    a = retriever.analyse(question)
    assert a.which_authority
    lex = retriever.lexical
    monkeypatch.setattr(retriever, "_dense", lambda *args: [(lex.id(i), 0.0) for i in range(len(lex))][::-1])
    hits = retriever.search(question, k=6, analysis=a).results
    best = [lex.id(row) for row, _ in lex.search(lexical_words(question, a, False), 3)]
    assert set(best) <= {h.chunk_id for h in hits}


def test_vectors_are_read_in_batches_of_bounded_size(loaded, monkeypatch):
    import numpy as np

    import rag.store

    loaded.retriever.refresh()
    store, lex = loaded.retriever.store, loaded.retriever.lexical
    ids = lex.ids(lex.mask())
    whole_ids, whole = store.vectors(ids)
    monkeypatch.setattr(rag.store, "_READ_BATCH", 7)
    batched_ids, batched = store.vectors(ids)
    assert len(ids) > 7 and batched_ids == whole_ids and np.array_equal(batched, whole)
    # a batch the store holds none of adds nothing
    found_ids, found = store.vectors([f"no-such-chunk-{i}" for i in range(7)] + ids[:3])
    assert found_ids == ids[:3] and found.shape == (3, whole.shape[1])
    assert store.vectors(["no-such-chunk"])[0] == []


def test_an_empty_store_is_searched_without_error(tmp_path, embedder):
    from aqa.components import build_components
    from tests.conftest import settings_for

    retriever = build_components(settings_for(tmp_path), embedder).retriever
    assert retriever.search("How are unpaid carers supported?", k=5).results == []
