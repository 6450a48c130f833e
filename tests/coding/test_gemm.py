"""The matrix product the model runs on: BLIS or numpy's BLAS, the same parses either way."""

from __future__ import annotations

import pytest

from tests.coding.test_attributes import _texts
from tidings.coding.parse import GEMMS, Parser, choose_gemm


def _parses(parser: Parser, texts: list[str]) -> list[list[tuple[str, str, str, int, str]]]:
    docs = parser.parse([parser.tokenize(t) for t in texts])
    return [[(t.text, t.tag_, t.dep_, t.head.i, t.lemma_) for t in d] for d in docs]


@pytest.fixture(scope="module")
def both():
    return Parser(gemm="blis"), Parser(gemm="numpy")


def test_each_gemm_builds_the_layers_on_its_own_ops(both):
    blis, numpy = both
    assert blis.nlp.get_pipe("tok2vec").model.ops.use_blis is True
    assert numpy.nlp.get_pipe("tok2vec").model.ops.use_blis is False
    assert numpy.nlp.get_pipe("parser").model.ops.use_blis is False


def test_both_give_the_same_parses(both):
    blis, numpy = both
    texts = _texts()
    assert _parses(numpy, texts) == _parses(blis, texts)


def test_the_choice_can_be_forced_and_is_one_of_two(monkeypatch):
    for kind in GEMMS:
        monkeypatch.setenv("TIDINGS_GEMM", kind.upper())
        assert choose_gemm() == kind
    monkeypatch.delenv("TIDINGS_GEMM")
    assert choose_gemm() in GEMMS


def test_spacy_as_it_comes_keeps_blis():
    bare = Parser(speedups=False)
    bare.tokenize("x")
    assert bare.gemm == "blis"
