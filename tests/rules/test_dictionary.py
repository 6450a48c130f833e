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


def test_split_forms_are_remembered_between_runs(tmp_path, monkeypatch):
    from tidings.rules.dictionary import Forms, tokenize

    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path))
    first = Forms()
    assert first.split("People's Liberation Army") == ("People", "'s", "Liberation", "Army")
    first.save()
    again = Forms()
    assert again.known == {"People's Liberation Army": tuple(tokenize("People's Liberation Army"))}
    again.split("People's Liberation Army")
    assert again.new == 0  # read back, not split again
    monkeypatch.setenv("TIDINGS_CACHE_DIR", "off")
    assert Forms().path is None and Forms().known == {}


def test_a_broken_forms_cache_is_split_afresh(tmp_path, monkeypatch):
    from tidings.rules.dictionary import Forms

    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path))
    Forms().path.write_bytes(b"not a pickle")  # type: ignore[union-attr]
    forms = Forms()
    assert forms.known == {} and forms.split("riot police") == ("riot", "police")


def test_the_loaded_dictionary_splits_later_forms_itself():
    from tidings.rules import RuleSet
    from tidings.rules.dictionary import tokenize

    assert RuleSet.default().dictionary.split is tokenize
