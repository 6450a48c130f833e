"""Short quotes come with the sentence around them in /api/quotes (the quotes page shows it)."""

from __future__ import annotations

import pytest

from tidings.web.quotes import SHORT, sentence_around

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


def test_short_quotes_come_with_their_sentence(client):
    items = client.get("/api/quotes?limit=500").json()["items"]
    step = next(q for q in items if q["text"] == "This is a small step")
    assert step["sentence_text"] == '"This is a small step," the South Korean envoy said.'
    rebuild = next(q for q in items if q["text"].startswith("We will rebuild"))
    assert rebuild["sentence_text"] == '"We will rebuild 💪," Ukrainian President Volodymyr Zelensky said.'
    for q in items:
        assert (q["sentence_text"] is None) == (len(q["text"]) >= SHORT)
        if q["sentence_text"]:
            assert q["text"] in q["sentence_text"]


def test_sentence_around_a_span():
    text = 'First one. Then "short," he said! Last? yes\nNew line "x" here'
    start = text.index("short")
    assert sentence_around(text, start, start + 5) == 'Then "short," he said!'
    x = text.index("x")
    assert sentence_around(text, x, x + 1) == 'New line "x" here'
    assert sentence_around("no end at all", 3, 6) == "no end at all"
    assert sentence_around('He said "Go." Then left.', 9, 11) == 'He said "Go."'
