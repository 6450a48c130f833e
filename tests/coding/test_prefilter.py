"""The pre-parse filter: which sentences are worth parsing, from their words alone."""

from __future__ import annotations

import pytest

from tidings.coding.prefilter import MAX_SENTENCE_TOKENS, ParseFilter
from tidings.rules import RuleSet


@pytest.fixture(scope="module")
def prefilter() -> ParseFilter:
    return ParseFilter(RuleSet.default())


@pytest.mark.parametrize(("text", "named"), [
    ("The panel recommended charges against two officials.", False),          # a body no table codes
    ("Thousands marched through the capital.", False),                         # a crowd by its size
    ("Demonstrations continued for a fourth day in Bishkek.", True),           # a protest that went on
    ("Kenya's annexation of the islands drew protests.", True),                # an act named as a noun
])
def test_sentences_that_may_hold_an_act_are_parsed(prefilter, text, named):
    assert prefilter.worth(text.rstrip(".").split(), text, named)


@pytest.mark.parametrize(("text", "named"), [
    ("The weather was mild for the season.", False),        # nobody and no act
    ("The weather in Paris was mild all week.", True),       # a place, but no word for an act
])
def test_sentences_without_a_doer_or_an_act_are_not(prefilter, text, named):
    assert not prefilter.worth(text.rstrip(".").split(), text, named)


def test_a_quote_with_a_verb_of_saying_is_parsed_for_its_speaker(prefilter):
    text = "“We will not give up,” she said."
    assert prefilter.worth(["“", "We", "will", "not", "give", "up", ",", "”", "she", "said", "."], text, False)


def test_an_overlong_sentence_is_never_parsed(prefilter):
    words = ["Police", "arrested", "protesters"] * (MAX_SENTENCE_TOKENS // 3 + 1)
    assert not prefilter.worth(words, " ".join(words), True)
