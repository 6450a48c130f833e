"""A reply to a text is aimed at the author its participle names ("a Swiss-drafted
resolution"); a headline's two names joined by a comma both act, however the parse hangs
the first; two sides agreeing on a topic agree with each other; "coastguards" as one word.
Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize("text, author", [
    ("Moscow vetoed a Swiss-drafted resolution on Syria at the Security Council.", "CHE"),
    ("Beijing blocked a British-sponsored resolution on North Korea.", "GBR"),
])
def test_a_reply_to_a_text_is_aimed_at_its_author(run, text, author):
    rec = run(text)
    assert find_events(rec, plover="REJECT", tgt=author), _rows(rec)


def test_a_text_of_no_named_author_keeps_its_other_target(run):
    rec = run("Moscow vetoed a resolution on Syria at the Security Council.")
    assert find_events(rec, plover="REJECT", src="RUS"), _rows(rec)
    assert not find_events(rec, plover="REJECT", tgt="CHE"), _rows(rec)


@pytest.mark.parametrize("text, first, second", [
    ("Ruto, Museveni meet at Malaba over sugar row", "KEN", "UGA"),
    ("Ramaphosa, Mnangagwa hold talks at Beitbridge on border queues", "ZAF", "ZWE"),
])
def test_a_headlines_two_names_both_act(run, text, first, second):
    rec = run(text)
    assert find_events(rec, plover="CONSULT", src=first, tgt=second), _rows(rec)
    assert find_events(rec, plover="CONSULT", src=second, tgt=first), _rows(rec)


def test_two_sides_agreeing_on_a_topic_agree_with_each_other(run):
    rec = run("Niger and Burkina Faso pledged to exchange intelligence about jihadist groups near the frontier.")
    assert find_events(rec, plover="AGREE", src="NER", tgt="BFA"), _rows(rec)
    assert find_events(rec, plover="AGREE", src="BFA", tgt="NER"), _rows(rec)


def test_two_sides_agreeing_to_talk_with_a_third_agree_with_it(run):
    rec = run("Niger and Burkina Faso agreed to hold talks with Mali on the border.")
    assert find_events(rec, plover="AGREE", src="NER", tgt="MLI"), _rows(rec)
    assert not find_events(rec, plover="AGREE", src="NER", tgt="BFA"), _rows(rec)


def test_coastguards_written_as_one_word_are_a_force(run):
    rec = run("Vietnamese and Indonesian coastguards carried out joint patrols in the Natuna Sea.")
    assert find_events(rec, plover="COOPERATE", src="VNM", tgt="IDN"), _rows(rec)
