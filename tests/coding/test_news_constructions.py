"""Constructions of everyday news the coder read wrong or not at all: coercion told with no
doer, what an object is called, a stoppage of work, a place that is also a surname, a
counterpart, troops entering a country, and a verb read as a participle of its subject.
Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "root", "tgt"), [
    ("Two opposition leaders were detained in the capital late on Sunday.", "17", "OPP"),
    ("Several journalists who covered the rally were arrested on Monday.", "17", "MED"),
    ("Two soldiers were shot dead near the border.", "19", "MIL"),
])
def test_coercion_with_no_doer_is_told(run, text, root, tgt):
    rec = run(text)
    found = [e for e in find_events(rec, root=root, tgt=tgt) if e.rule.startswith("verbs.tsv")]
    assert found and found[0].source.code is None, _rows(rec)


def test_coercion_in_a_clause_describing_a_noun_is_background(run):
    rec = run("The army lifted the curfew in the town where 30 people were killed last year.")
    assert not [e for e in rec.events if e.cameo_root == "19" and e.rule.startswith("verbs.tsv")], _rows(rec)


@pytest.mark.parametrize(("text", "cameo"), [
    ("The foreign minister called the decision unacceptable.", "111"),
    ("The opposition leader called the new law reckless and irresponsible.", "111"),
    ("The president called the talks constructive.", "051"),
    ("The envoy described the meeting as fruitful.", "051"),
    ("Beijing called the charges politically motivated.", "111"),
    ("The senator called the inquiry a witch hunt.", "111"),
])
def test_what_the_object_is_called_says_the_act(run, text, cameo):
    rec = run(text)
    assert find_events(rec, cameo=cameo), _rows(rec)


@pytest.mark.parametrize("text", [
    "A general strike paralysed much of Argentina on Wednesday.",
    "A teachers' strike closed schools across Kenya.",
])
def test_a_strike_of_workers_is_a_protest(run, text):
    rec = run(text)
    assert find_events(rec, plover="PROTEST"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_an_air_strike_is_still_an_attack(run):
    rec = run("An air strike on the market killed six people in Idlib.")
    assert find_events(rec, plover="ASSAULT"), _rows(rec)


def test_a_city_after_a_place_noun_is_no_surname(run):
    rec = run("Thousands of people took to the streets of Lagos on Saturday.")
    assert find_events(rec, plover="PROTEST", src="NGA"), _rows(rec)
    assert not [a for a in rec.actors if a.country == "CHL"], _rows(rec)


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("Macron met his Italian counterpart in Rome.", "FRA", "ITAGOV"),
    ("The minister met his Italian counterpart in Rome.", None, "ITAGOV"),
])
def test_a_counterpart_is_the_other_side(run, text, src, tgt):
    rec = run(text)
    found = find_events(rec, cameo="040", tgt_code=tgt)
    assert found, _rows(rec)
    assert found[0].source.country == src, _rows(rec)


def test_troops_entering_a_country_occupy(run):
    rec = run("Turkish troops entered northern Syria on Wednesday.")
    assert find_events(rec, src="TUR", cameo="192", tgt="SYR"), _rows(rec)
    assert not find_events(run("The minister entered the building."), cameo="192")


def test_a_past_tense_verb_read_as_describing_the_subject_is_the_verb(run):
    rec = run("The rebels handed over their weapons to UN peacekeepers.")
    assert find_events(rec, src="REB", cameo="0873"), _rows(rec)


def test_a_participle_after_a_rescue_is_no_act_of_the_rescuers(run):
    rec = run("Security forces rescued 20 kidnapped schoolchildren in Kaduna.")
    assert find_events(rec, plover="AID"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_a_month_after_a_day_number_is_no_surname(run):
    rec = run("On 1 May, workers marched in Colombo for better pay.")
    assert find_events(rec, plover="PROTEST", src="LKA"), _rows(rec)
    assert not [a for a in rec.actors if a.kind == "person"], _rows(rec)


def test_burning_tyres_is_a_violent_protest(run):
    rec = run("Youths burned tyres on the main road in Port Harcourt.")
    assert find_events(rec, cameo="145"), _rows(rec)
    assert not find_events(rec, cameo="1712"), _rows(rec)


@pytest.mark.parametrize(("text", "plover", "tgt"), [
    ("Demonstrations continued for a fourth day in Bishkek.", "PROTEST", "KGZ"),
    ("Heavy clashes erupted in Tripoli overnight.", "ASSAULT", "LBY"),
])
def test_a_protest_or_fight_that_went_on_with_no_doer_named(run, text, plover, tgt):
    rec = run(text)
    found = [e for e in find_events(rec, plover=plover, tgt=tgt) if e.rule.startswith("verbs.tsv")]
    assert found and found[0].source.code is None, _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "tgt"), [
    ("The minister paid a visit to Kyiv on Thursday.", "042", "UKR"),
    ("The president received the Saudi foreign minister at the palace on Sunday.", "043", "SAU"),
])
def test_a_visit_or_reception_is_between_two_states(run, text, cameo, tgt):
    rec = run(text)
    found = find_events(rec, cameo=cameo, tgt=tgt)
    assert found and found[0].source.country is None, _rows(rec)


def test_a_meeting_at_home_keeps_its_country(run):
    rec = run("Kenya's president met opposition leaders in Nairobi. The president said the talks were frank.")
    assert find_events(rec, src="KEN", root="04"), _rows(rec)
