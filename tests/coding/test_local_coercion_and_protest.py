"""Event coding in the register of local news: people picked up, booked or named in a case
by the police; shops sealed; prohibitory orders imposed; search operations; immigration
officers as police; members of a state assembly; road blockades by residents (a protest)
or by troops (a blockade); lawyers abstaining from work; a demand beside a siege;
South Asian security forces by name; a leader named with the body as possessor; election
authorities and district collectors; fare hikes rolled back, demands conceded, workers
reinstated; allegations rubbished. Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


def test_youths_picked_up_by_the_police_are_detained(run):
    rec = run("Police in Srinagar picked up four youths for questioning.")
    assert find_events(rec, cameo="173", src="IND"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Police in Lucknow booked 30 people for rioting.",
    "Police in Patna registered a case against the MLA for hate speech.",
])
def test_people_booked_or_named_in_a_case_are_charged(run, text):
    rec = run(text)
    assert find_events(rec, plover="ACCUSE", src="IND"), _rows(rec)


def test_a_case_against_an_mla_targets_a_legislator(run):
    rec = run("Police registered an FIR against the MLA on Sunday.")
    assert find_events(rec, plover="ACCUSE", tgt_code="LEG"), _rows(rec)


def test_a_booked_flight_is_no_charge(run):
    rec = run("The minister booked a flight for Monday.")
    assert not find_events(rec, plover="ACCUSE"), _rows(rec)


def test_shops_sealed_by_officials_are_an_administrative_sanction(run):
    rec = run("Municipal officials sealed 15 shops for flouting the rules.")
    assert find_events(rec, cameo="172"), _rows(rec)


def test_prohibitory_orders_imposed_restrict_assembly(run):
    rec = run("The district magistrate imposed Section 144 in three subdivisions.")
    assert find_events(rec, cameo="1723"), _rows(rec)
    assert not find_events(rec, plover="SANCTION"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The army launched a search operation in the forest.",
    "Police carried out a combing operation in the hills.",
])
def test_a_search_operation_is_a_raid_not_a_battle(run, text):
    rec = run(text)
    assert find_events(rec, cameo="1711"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_immigration_officers_act_as_police(run):
    rec = run("Immigration officers detained 40 migrants in a raid on a factory.")
    assert find_events(rec, cameo="173", src_code="COP"), _rows(rec)


def test_a_road_blockade_by_residents_is_a_protest_and_by_troops_a_blockade(run):
    rec = run("Residents staged a road blockade after the shooting.")
    assert find_events(rec, cameo="144"), _rows(rec)
    rec = run("The navy staged a blockade of the harbour.")
    assert find_events(rec, cameo="191"), _rows(rec)
    assert not find_events(rec, plover="PROTEST"), _rows(rec)


def test_lawyers_abstaining_from_work_strike(run):
    rec = run("Lawyers abstained from court work on Monday.")
    assert find_events(rec, cameo="143"), _rows(rec)


def test_a_demand_beside_a_siege_of_a_police_post_is_not_the_polices(run):
    rec = run("Villagers laid siege to the police station demanding the release of the youths.")
    assert find_events(rec, cameo="191", src_code="CVL"), _rows(rec)
    assert not find_events(rec, plover="REQUEST", src_code="COP"), _rows(rec)


@pytest.mark.parametrize("text, code", [
    ("Militants lobbed a grenade at a CRPF camp in Pulwama.", "INDCOP"),
    ("Gunmen ambushed a Frontier Corps convoy near Quetta.", "PAKMIL"),
])
def test_south_asian_security_forces_are_their_states_forces(run, text, code):
    rec = run(text)
    assert find_events(rec, plover="ASSAULT", tgt_code=code), _rows(rec)


@pytest.mark.parametrize("text, code", [
    ("The union's leaders called an indefinite strike.", "LAB"),
    ("The rebels' commander rejected the government's offer.", "REB"),
    ("Farmers' leaders threatened to block the highways.", "AGR"),
])
def test_a_leader_of_a_body_named_as_its_possessor_acts_for_it(run, text, code):
    rec = run(text)
    assert rec.events, _rows(rec)
    assert all(e.source.role == code for e in rec.events), _rows(rec)


@pytest.mark.parametrize("text", [
    "The opposition urged the election commission to delay the vote.",
    "Tribal elders handed a petition to the district collector.",
])
def test_election_authorities_and_district_collectors_act_for_the_state(run, text):
    rec = run(text)
    assert find_events(rec, tgt_code="GOV"), _rows(rec)


@pytest.mark.parametrize("text, code", [
    ("The provincial government rolled back the bus fare hike.", "0832"),
    ("The cabinet conceded the demand for a new district.", "080"),
    ("The textile company reinstated the sacked workers.", "080"),
])
def test_yielding_in_local_news(run, text, code):
    rec = run(text)
    assert find_events(rec, cameo=code), _rows(rec)


def test_allegations_rubbished_are_denied(run):
    rec = run("The home minister rubbished the allegations of custodial torture.")
    assert find_events(rec, cameo="016"), _rows(rec)
    assert not find_events(rec, plover="ACCUSE"), _rows(rec)
