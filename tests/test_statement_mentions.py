"""Which quality statement a question's words name (rag/framework.statement_mentions)."""

from __future__ import annotations

import pytest

from rag import framework as fw

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("text", "statement"), [
    ("fair access for minority communities", "Equity in experience and outcomes"),  # (not Partnerships and communities' "communities")
    ("support for diverse communities", "Equity in experience and outcomes"),
])
def test_a_topic_word_inside_another_statements_longer_words_is_theirs(text, statement):
    assert [m.statement.name for m in fw.statement_mentions(text)] == [statement]


def test_learning_disabilities_are_no_learning_of_the_councils():
    assert fw.statement_mentions("support for people with learning disabilities") == []
    assert [m.statement.name for m in fw.statement_mentions("learning from complaints")] == ["Learning, improvement and innovation"]  # pin
