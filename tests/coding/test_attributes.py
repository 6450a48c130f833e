"""The parser's speed-ups (attribute rules by table lookup, the lemmatizer's word lists as
sets) change nothing it outputs."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from tests.conftest import shared_file
from tidings.coding.attributes import FACTORY, TableAttributes, tableable
from tidings.coding.parse import Parser

TRICKY = [  # contractions, spaces, auxiliaries and determiners the rules single out
    "I ain't gonna sign it, she said, and they're not doin' it either.",
    "He'd've gone  \n  if the U.S. hadn't  asked; that's all.",
    "Which of these is what the Ministry was going to do?  Nothin'.",
]


@pytest.fixture(scope="module")
def pair():
    return Parser(speedups=False), Parser()


def _attrs(parser, texts):
    docs = parser.parse([parser.tokenize(t) for t in texts])
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in d] for d in docs]


def _texts():
    data = resources.files("tidings") / "rules" / "data"
    news = [json.loads(line)["text"] for line in (data / "sample_news.jsonl").read_text().splitlines() if line]
    return TRICKY + news + [(data / "sample_article.txt").read_text()]


def test_the_table_is_used_in_place_of_the_ruler(pair):
    ours = pair[1]
    ours.tokenize("x")
    assert FACTORY in ours.nlp.pipe_names and tableable(ours.nlp.get_pipe("attribute_ruler"))
    assert "attribute_ruler" in ours._off


def test_the_table_gives_what_the_ruler_gives(pair):
    ruler, table = pair
    assert _attrs(table, _texts()) == _attrs(ruler, _texts())


def test_a_rule_outside_the_table_keeps_the_ruler():
    class Ruler:
        attrs = [{}]
        patterns = [{"patterns": [[{"ORTH": "x", "OP": "+"}]], "attrs": {}, "index": 0}]

    assert not tableable(Ruler())
    with pytest.raises(ValueError, match="keep the model's attribute_ruler"):
        TableAttributes(Ruler())


@pytest.mark.shared
def test_the_table_gives_what_the_ruler_gives_on_real_news(pair):
    path = shared_file("eval/rams_dev/data.jsonl")
    texts = [json.loads(line)["text"] for line in path.read_text().splitlines()[:300]]
    ruler, table = pair
    assert _attrs(table, texts) == _attrs(ruler, texts)
