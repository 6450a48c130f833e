"""An article's tone (GDELT's AvgTone): per cent of positive words minus per cent of
negative ones, from the tone lexicon (sentences invented)."""

from __future__ import annotations

import pytest

from tidings.extract.tone import article_tone
from tidings.rules import RuleSet
from tidings.rules.tables import TableError


def _tone(text, rules):
    return article_tone(text, rules.tone)


def test_violence_is_negative_and_accord_positive(rules):
    grim = _tone("Gunmen killed six villagers and wounded dozens in a brutal attack.", rules)
    glad = _tone("The two leaders welcomed the peace deal and praised the warm talks.", rules)
    assert grim.score < 0 < glad.score
    assert grim.negative > 0 and grim.positive == 0 and grim.words == 11


def test_the_score_is_positive_minus_negative_share_of_words(rules):
    t = _tone("Rebels killed a guard, and the mayor praised the calm response: 2 dead.", rules)
    assert t.words == 12  # punctuation and numbers are no words
    assert t.positive == pytest.approx(100 * 2 / 12, abs=0.001)  # praised, calm
    assert t.negative == pytest.approx(100 * 2 / 12, abs=0.001)  # killed, dead
    assert t.score == pytest.approx(t.positive - t.negative, abs=0.002)


def test_names_and_news_senses_carry_no_tone(rules):
    # "United", "Hope", "Justice" are names here; parties and shares are no feelings
    t = _tone("United Nations envoys met Justice Department staff in Hope on Tuesday.", rules)
    assert (t.positive, t.negative) == (0, 0)
    t = _tone("Both parties said shares of the security firm rose.", rules)
    assert (t.positive, t.negative) == (0, 0)


def test_an_empty_article_has_no_words_and_no_tone(rules):
    t = article_tone("", rules.tone)
    assert (t.score, t.words) == (0.0, 0)


def test_a_users_tone_table_adds_and_removes_words(tmp_path):
    (tmp_path / "tone.tsv").write_text("word\tvalence\nceasefire\t2\nattack\t0\n", encoding="utf-8")
    rules = RuleSet.load(tmp_path)
    assert rules.tone["ceasefire"] == 2 and "attack" not in rules.tone
    assert "attack" in RuleSet.default().tone


def test_a_bad_valence_is_a_clear_error(tmp_path):
    (tmp_path / "tone.tsv").write_text("word\tvalence\npeace\tvery good\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"tone.tsv.*valence is a number from -4 to 4"):
        RuleSet.load(tmp_path)


def test_every_record_carries_its_tone(run):
    rec = run("Troops shelled the town, killing four civilians. Aid groups condemned the attack.")
    assert rec.tone is not None and rec.tone.score < 0 and rec.tone.words == 12
