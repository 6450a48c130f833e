"""Event coding: concessions told in the passive with no one named as yielding, acts
whose passive subject names the act and whose target hangs on that subject, armed men
taking power, a head of state's guard, a state or its forces blocking a way in, the
country of a foreign envoy or embassy (and of a crowd outside one), a commander's visit,
supporters who protest, negotiators from two countries, and fans who gather.
Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "cameo", "tgt"), [
    ("Four detained fishermen were released on Thursday.", "0841", "AGR"),
    ("The jailed editor was pardoned last week.", "0841", "MED"),
    ("The ban on the main opposition party was lifted on Monday.", "081", "OPP"),
])
def test_a_concession_to_a_named_actor_told_in_the_passive_is_an_event(run, text, cameo, tgt):
    rec = run(text)
    found = find_events(rec, cameo=cameo, tgt=tgt)
    assert found and found[0].source.code is None, _rows(rec)


def test_the_target_of_a_passive_act_can_hang_on_the_subject_that_names_the_act(run):
    rec = run("The charges against Navalny were dropped on appeal.")
    assert find_events(rec, cameo="080", tgt="RUS"), _rows(rec)
    rec = run("Sanctions against Belarus were extended for another year.")
    assert find_events(rec, cameo="163", tgt="BLR"), _rows(rec)


def test_forces_disbanded_in_the_passive_are_the_ones_who_yield(run):
    rec = run("Two thousand rebel fighters were demobilized in Ituri last month.")
    assert not find_events(rec, plover="RETREAT", tgt="REB"), _rows(rec)


def test_a_concession_in_a_clause_of_time_is_background(run):
    rec = run("Shops reopened in the town after the curfew on the protesters was lifted.")
    assert not find_events(rec, plover="CONCEDE"), _rows(rec)


@pytest.mark.parametrize(("text", "src"), [
    ("The army took power in Gabon on Wednesday.", "GAB"),
    ("Mutinous officers grabbed power in the capital overnight.", "MIL"),
    ("The Taliban took power in Kabul in 2021.", "AFG"),
])
def test_armed_men_taking_power_is_a_coup(run, text, src):
    rec = run(text)
    assert find_events(rec, cameo="170", src=src), _rows(rec)


def test_a_leader_taking_power_after_an_election_is_no_coup(run):
    rec = run("The new president took power in March after a runoff vote.")
    assert not find_events(rec, cameo="170"), _rows(rec)


def test_a_presidential_guard_is_the_military(run):
    rec = run("Niger's presidential guard seized power on Wednesday.")
    assert find_events(rec, cameo="170", src_code="NERMIL"), _rows(rec)


@pytest.mark.parametrize(("text", "src"), [
    ("Soldiers blocked the road to the border town on Friday.", "MIL"),
    ("Egypt blocked the crossing for three days.", "EGY"),
    ("Police blocked access to the square before the march.", "COP"),
])
def test_a_state_or_its_forces_blocking_a_way_restricts_movement(run, text, src):
    rec = run(text)
    assert find_events(rec, cameo="191", src=src), _rows(rec)
    assert not find_events(rec, plover="PROTEST", src=src), _rows(rec)


def test_citizens_blocking_a_road_protest(run):
    rec = run("Angry farmers blocked the highway with their tractors.")
    assert find_events(rec, cameo="144", src="AGR"), _rows(rec)


def test_blocking_access_to_news_sites_restricts_the_press(run):
    rec = run("The authorities blocked access to two independent news websites.")
    assert find_events(rec, cameo="1721", src="GOV"), _rows(rec)
    assert not find_events(rec, cameo="191"), _rows(rec)


def test_a_ministry_summoning_a_foreign_envoy_is_not_of_the_envoys_country(run):
    rec = run("The interior ministry summoned the Brazilian envoy on Friday.")
    found = find_events(rec, cameo="114", tgt="BRA")
    assert found and found[0].source.country != "BRA", _rows(rec)


def test_an_envoy_speaking_first_leaves_the_country_to_the_roles_after(run):
    rec = run("Chile's envoy to the UN said the government would send more troops.")
    assert find_events(rec, src_code="CHLGOV", plover="MOBILIZE"), _rows(rec)


def test_one_commander_visiting_abroad_pays_a_visit(run):
    rec = run("Egypt's army chief visited Khartoum on Monday.")
    assert find_events(rec, cameo="042", src="EGY", tgt="SDN"), _rows(rec)


def test_troops_arriving_abroad_are_deployed_not_visiting(run):
    rec = run("Rwandan soldiers arrived in Maputo on Monday.")
    assert not find_events(rec, cameo="042"), _rows(rec)


def test_people_protesting_at_a_foreign_embassy_are_not_of_its_country(run):
    rec = run("Students protested outside the Turkish embassy.")
    found = find_events(rec, plover="PROTEST", tgt="TUR")
    assert found and found[0].source.country != "TUR", _rows(rec)


def test_a_crowd_at_a_foreign_embassy_is_of_the_city_it_is_in(run):
    rec = run("Hundreds rallied outside the Israeli embassy in Amman.")
    assert find_events(rec, plover="PROTEST", src="JOR", tgt="ISR"), _rows(rec)


def test_a_crowd_in_a_countrys_capital_is_of_that_country(run):
    rec = run("Thousands marched in the Senegalese capital on Friday.")
    assert find_events(rec, plover="PROTEST", src="SEN"), _rows(rec)


def test_supporters_of_a_leader_protesting_demonstrate(run):
    rec = run("Supporters of the detained president protested in Bamako.")
    assert find_events(rec, plover="PROTEST"), _rows(rec)
    assert not find_events(rec, plover="ACCUSE"), _rows(rec)


def test_people_from_two_countries_take_no_country_from_the_venue(run):
    rec = run("Negotiators from the two countries met in Vienna on Tuesday.")
    officials = [a for a in rec.actors if a.name == "Negotiators"]
    assert officials and officials[0].country is None, rec.actors


def test_people_gathering_whom_the_model_reads_as_no_protest_make_no_event(run):
    rec = run("Hundreds of fans gathered outside the stadium before the final.")
    assert not find_events(rec, plover="PROTEST"), _rows(rec)
