"""Sanctions, expulsions and accusations as news tells them: in the passive with no one
named, by the means a side answered with ("responded by expelling"), in set phrases
("held X responsible", "ordered the envoy out", "put curbs on"); and a strike of workers
that goes on is a stoppage, not an attack. Invented news sentences."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "cameo", "src", "tgt"), [
    ("Moscow responded by expelling two British diplomats.", "161", "RUS", "GBR"),
    ("Beijing retaliated on Friday by halting imports of Australian barley.", "163", "CHN", "AUS"),
    ("Kenya answered by closing its border with Somalia.", "160", "KEN", "SOM"),
])
def test_the_means_of_an_answer_is_the_subjects_act(run, text, cameo, src, tgt):
    rec = run(text)
    assert find_events(rec, cameo=cameo, src=src, tgt=tgt), _rows(rec)


def test_a_means_gerund_of_a_passive_clause_is_no_act_of_its_subject(run):
    rec = run("The summit was overshadowed by Serbia's leaders boycotting it.")
    assert not find_events(rec, src="SRB", plover="SANCTION", tgt="SRB"), _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "tgt"), [
    ("Fresh sanctions were imposed on Belarus on Monday.", "163", "BLR"),
    ("An arms embargo was imposed on South Sudan in 2018.", "163", "SSD"),
    ("Two Dutch diplomats were expelled on Thursday.", "161", "NLD"),
    ("Four Polish diplomats were ordered to leave the country within 48 hours.", "161", "POL"),
    ("The editor of a Nigerian newspaper was accused of sedition.", "112", "NGA"),
])
def test_a_sanction_or_accusation_by_no_one_named_is_still_told(run, text, cameo, tgt):
    rec = run(text)
    found = find_events(rec, root=cameo[:2], tgt=tgt)
    assert found and all(e.source.code is None for e in found), _rows(rec)


def test_troops_ordered_to_fire_are_no_target(run):
    rec = run("Troops were ordered to fire on the crowd in Yangon.")
    assert not find_events(rec, root="19", tgt="MMRMIL"), _rows(rec)
    assert not find_events(rec, root="18", tgt="MMRMIL"), _rows(rec)


def test_a_government_expelling_an_envoy_is_not_of_the_envoys_country(run):
    rec = run("The government ordered the Swedish ambassador to leave.")
    assert find_events(rec, cameo="161", tgt="SWE"), _rows(rec)
    assert not find_events(rec, src="SWE"), _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "src", "tgt"), [
    ("Mali ordered the French envoy out of the country.", "161", "MLI", "FRA"),
    ("Washington held Tehran responsible for the attack on the ship.", "112", "USA", "IRN"),
    ("Russia cut gas supplies to Moldova on Saturday.", "163", "RUS", "MDA"),
    ("Japan placed export curbs on Russian banks.", "163", "JPN", "RUS"),
    ("Canada put new restrictions on Iranian airlines.", "163", "CAN", "IRN"),
    ("Ghana and Togo traded bans on each other's poultry.", "163", "GHA", "TGO"),
])
def test_set_phrases_of_sanction_and_blame(run, text, cameo, src, tgt):
    rec = run(text)
    assert find_events(rec, cameo=cameo, src=src, tgt=tgt), _rows(rec)


def test_a_cut_without_a_country_to_cut_it_to_is_no_sanction(run):
    rec = run("Saudi Arabia cut oil supplies by a million barrels a day.")
    assert not find_events(rec, plover="SANCTION"), _rows(rec)


def test_lawyers_boycotting_the_courts_strike(run):
    rec = run("Lawyers in Lahore boycotted the courts on Monday.")
    assert find_events(rec, cameo="143"), _rows(rec)
    assert not find_events(rec, plover="SANCTION"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The general strike continued in La Paz on Tuesday.",
    "The nurses' strike entered its second week in Harare.",
    "A nationwide strike paralysed Buenos Aires on Monday.",
])
def test_a_strike_of_work_that_goes_on_is_a_stoppage(run, text):
    rec = run(text)
    assert find_events(rec, plover="PROTEST"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_an_air_strike_that_goes_on_is_still_an_attack(run):
    rec = run("Air strikes continued on Idlib on Sunday.")
    assert find_events(rec, plover="ASSAULT"), _rows(rec)


def test_an_accusation_by_no_one_in_a_clause_of_time_is_background(run):
    rec = run("Opposition MPs walked out of parliament on Tuesday, a day after the speaker was accused of taking bribes.")
    assert not find_events(rec, plover="ACCUSE"), _rows(rec)


def test_the_attack_an_outrage_is_about_is_not_the_reacting_sides(run):
    rec = run("Italy expressed outrage at the attack on its consulate in Benghazi.")
    assert find_events(rec, plover="ACCUSE", src="ITA"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT", src="ITA"), _rows(rec)


def test_people_who_do_something_during_a_strike_are_not_its_strikers(run):
    rec = run("Commuters walked to work in Lagos during the general strike on Monday.")
    held = find_events(rec, plover="PROTEST")
    assert held and all(e.source.code is None or not e.source.code.endswith("CVL") for e in held), _rows(rec)


@pytest.mark.parametrize(("text", "cameo"), [
    ("ASEAN ministers agreed on Friday to impose an arms embargo on the junta in Naypyidaw.", "163"),
    ("Nordic ministers agreed to expel two Russian diplomats on Monday.", "161"),
])
def test_a_measure_agreed_is_taken(run, text, cameo):
    rec = run(text)
    assert [e for e in rec.events if e.cameo.startswith(cameo) and "[agreed -> decided]" in e.rule], rec.events
    assert not [e for e in rec.events if e.cameo.startswith("13")], rec.events


@pytest.mark.parametrize("text", [
    "ASEAN ministers did not agree to impose an arms embargo on the junta.",
    "ASEAN ministers may agree to impose an arms embargo on the junta.",
])
def test_a_measure_not_agreed_is_neither_taken_nor_threatened(run, text):
    rec = run(text)
    assert not [e for e in rec.events if e.cameo.startswith(("16", "13"))], rec.events



@pytest.mark.parametrize("text", [
    "EU foreign ministers agreed new sanctions on Minsk on Monday.",
    "G7 leaders agreed on an oil embargo against Russia.",
])
def test_sanctions_agreed_are_imposed(run, text):
    rec = run(text)
    assert [e.cameo for e in rec.events] == ["163"], rec.events


def test_an_expulsion_of_diplomats_named_as_a_noun_cuts_relations(run):
    rec = run("Vilnius's expulsion of two Belarusian diplomats angered Minsk.")
    assert [(e.cameo, e.source.country, e.target.country if e.target else None)
            for e in rec.events if e.verb == "expulsion"] == [("161", "LTU", "BLR")], rec.events
