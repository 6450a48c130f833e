"""Doers no table codes, datelines, borders, "the North", complaints about a third party,
and two parse repairs (a verb joined to the wrong clause; a verb read as a participle
after a relative clause). Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


def _pattern_events(rec):
    return [e for e in rec.events if e.rule.startswith("verbs.tsv")]


@pytest.mark.parametrize(("text", "cameo", "words"), [
    ("The panel recommended criminal charges against the former minister.", "020", "panel"),
    ("Donors pledged $300 million to rebuild the flooded districts.", "0331", "Donors"),
    ("The commission rejected the petition.", "120", "commission"),
])
def test_a_doer_no_table_codes_is_kept_by_its_words(run, text, cameo, words):
    rec = run(text)
    found = [e for e in _pattern_events(rec) if e.cameo == cameo]
    assert found, _rows(rec)
    assert found[0].source.code is None and found[0].source.text == words, _rows(rec)


@pytest.mark.parametrize("text", [
    "The report criticised the police.",           # a thing, not a doer
    "The storm destroyed hundreds of homes.",      # a hazard
    "No one questioned the minister.",             # nobody did it
    "The Patriot battery can intercept missiles.",  # a weapon
])
def test_other_uncoded_subjects_make_no_pattern_event(run, text):
    rec = run(text)
    assert not _pattern_events(rec), _rows(rec)


def test_a_name_no_table_knows_acts(run):
    rec = run("Petrosyan refused to testify before the parliamentary committee.")
    assert [e for e in rec.events if e.plover == "REJECT" and e.source.text == "Petrosyan"], _rows(rec)


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("HARARE (AP) — Zimbabwean police detained 12 trade unionists on Tuesday.", "ZWECOP", "ZWELAB"),
    ("LIMA, May 2 (Reuters) - Peruvian troops killed three rebels in a clash on Monday.", "PERMIL", "PERREB"),
])
def test_a_dateline_is_not_the_subject(run, text, src, tgt):
    rec = run(text)
    assert find_events(rec, src_code=src, tgt_code=tgt), _rows(rec)
    assert all(e.source.code for e in rec.events), _rows(rec)


@pytest.mark.parametrize("text", [
    "Government troops shelled militant hideouts near the Afghan border.",
    "Soldiers raided a militant camp along the Afghan border on Friday.",
])
def test_a_border_named_by_a_country_is_where_not_whom(run, text):
    rec = run(text)
    assert rec.events, _rows(rec)
    assert not [e for e in rec.events if e.target is not None and e.target.country == "AFG"], _rows(rec)
    assert not [e for e in rec.events if e.source.country == "AFG"], _rows(rec)


def test_a_border_patrol_is_still_its_country(run):
    rec = run("Greek border guards beat Afghan migrants.")
    assert find_events(rec, src="GRC", root="18"), _rows(rec)


def test_the_north_is_the_north_korea_named_before(run):
    rec = run("South Korea and North Korea held talks in Panmunjom. The North rejected the proposal.")
    assert find_events(rec, src="PRK", plover="REJECT"), _rows(rec)
    rec = run("The North Atlantic alliance met in Brussels. The North won the game.")
    assert not find_events(rec, src="PRK"), _rows(rec)


@pytest.mark.parametrize(("text", "tgt"), [
    ("Egypt protested to the UN about Ethiopian dam construction.", "ETH"),
    ("Serbia complained to the European Union over Croatian border checks.", "HRV"),
])
def test_a_complaint_to_someone_is_aimed_at_whom_it_is_about(run, text, tgt):
    rec = run(text)
    assert find_events(rec, root="11", tgt=tgt), _rows(rec)


def test_a_complaint_about_nobody_stays_with_whom_it_is_made_to(run):
    rec = run("Egypt complained to the UN about the delays.")
    assert find_events(rec, src="EGY", root="11", tgt="IGO") or find_events(
        rec, src="EGY", root="11", tgt_code="IGOUNO"), _rows(rec)


def test_a_second_verb_of_the_speaker_is_not_in_the_reported_clause(run):
    rec = run("Officials insisted that no soldier had been captured and vowed to retaliate against the militants.")
    assert find_events(rec, plover="THREATEN"), _rows(rec)


def test_a_verb_after_a_relative_clause_is_the_sentence_verb(run):
    rec = run("Turkey, which hosts millions of refugees, called on Germany to share the burden.")
    assert find_events(rec, src="TUR", root="02", tgt="DEU"), _rows(rec)


def test_a_vow_to_counter_is_a_threat(run):
    rec = run("India vowed to counter the move.")
    assert find_events(rec, src="IND", plover="THREATEN"), _rows(rec)
    assert not find_events(rec, plover="AGREE"), _rows(rec)
