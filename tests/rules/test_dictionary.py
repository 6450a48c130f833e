"""The actor dictionary's longest-match lookup and the first-word index behind it."""

from __future__ import annotations

from tidings.rules.dictionary import Dictionary, Entry


def _dictionary() -> Dictionary:
    d = Dictionary()
    d.add("United Nations Security Council", Entry("UN Security Council", "organisation", None, "IGO"))
    d.add("United Nations", Entry("United Nations", "organisation", None, "IGO"))
    d.add("riot police", Entry("riot police", "role", None, "COP"), case_sensitive=False)
    return d


def test_each_first_word_knows_the_longest_form_it_opens():
    d = _dictionary()
    assert d.first == {"united": 4, "riot": 2}


def test_the_longest_form_wins_and_other_words_open_nothing():
    d = _dictionary()
    words = "The United Nations Security Council and Riot Police met".split()
    assert d.lookup(words, 1)[0] == 4
    assert d.lookup(words[:3], 1)[0] == 2  # the text ends before the longer form
    assert d.lookup(words, 6)[0] == 2  # case-insensitive forms are indexed lowercased
    assert d.lookup(words, 0) == (0, []) and d.lookup(words, 5) == (0, [])
    assert d.lookup(words, len(words)) == (0, [])
