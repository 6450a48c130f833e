"""The gazetteer's cache file: built once, read back equal, keyed by the rule tables,
and never an error when it is broken or cannot be written."""

from __future__ import annotations

import os
import stat

import pytest

from tidings.extract.gazetteer import Gazetteer
from tidings.rules import RuleSet


def test_built_once_then_read_back_equal(tmp_path, gazetteer):
    rules = RuleSet.default()
    first = Gazetteer.load(rules, cache_dir=tmp_path)
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    again = Gazetteer.load(rules, cache_dir=tmp_path)
    assert again == first == gazetteer
    assert again.lookup("Tamil Nadu") == gazetteer.lookup("Tamil Nadu")


def test_a_rules_folder_is_its_own_cache_entry(tmp_path):
    user = tmp_path / "rules"
    user.mkdir()
    (user / "region_words.tsv").write_text("# mine\nword\tregion\tas\nNordic\tscandinavia\tmodifier\n")
    cache = tmp_path / "cache"
    plain = Gazetteer.load(RuleSet.default(), cache_dir=cache)
    mine = Gazetteer.load(RuleSet.load(user), cache_dir=cache)
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 2
    assert "nordic" in mine.demonyms and "nordic" not in plain.demonyms
    (user / "region_words.tsv").write_text("# mine\nword\tregion\tas\nBaltic\tscandinavia\tmodifier\n")
    changed = Gazetteer.load(RuleSet.load(user), cache_dir=cache)
    assert "baltic" in changed.demonyms and "nordic" not in changed.demonyms


def test_a_broken_cache_file_is_rebuilt(tmp_path, gazetteer):
    Gazetteer.load(RuleSet.default(), cache_dir=tmp_path)
    (path,) = tmp_path.glob("gazetteer-*.pickle")
    path.write_bytes(b"\x80\x05not a pickle")
    assert Gazetteer.load(RuleSet.default(), cache_dir=tmp_path) == gazetteer
    assert path.read_bytes()[:2] != b"\x80\x05n"  # written again


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_cache_folder_only_means_no_cache(tmp_path, gazetteer):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert Gazetteer.load(RuleSet.default(), cache_dir=ro / "sub") == gazetteer
    finally:
        ro.chmod(stat.S_IRWXU)


def test_a_cache_folder_that_is_a_file_only_means_no_cache(tmp_path, gazetteer):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert Gazetteer.load(RuleSet.default(), cache_dir=blocker) == gazetteer


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    from tidings import cache

    monkeypatch.setenv("TIDINGS_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path))
    assert cache.cache_dir() == tmp_path
