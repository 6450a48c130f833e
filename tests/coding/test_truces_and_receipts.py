"""Event coding: a truce said to take effect, come into force, begin or hold is declared
(not an agreement, and not when it breaks down); what a state receives with no giver
named was given by nobody named, not by the receiver; warships or troops ordered to a
place are deployed; "striking" before workers says they are on strike, no attack on
them; a call made in a text someone opposes is not theirs, one in a letter they send is;
a statement issued about no one is no event; relief handed over is aid; agreeing to
demands is yielding; a leader removed by soldiers; revenues withheld; evacuations and
deaths a hazard caused. Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize("text", [
    "A truce between Ethiopia and the Tigrayan forces took effect on Friday.",
    "A ceasefire between Thailand and Cambodia came into force at noon.",
    "The Yemeni government and the Houthis began a two-month truce on Saturday.",
])
def test_a_truce_that_takes_effect_or_begins_is_declared(run, text):
    rec = run(text)
    assert find_events(rec, cameo="0871"), _rows(rec)
    assert not find_events(rec, plover="AGREE"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The truce between the two militias broke down within hours.",
    "The ceasefire in the north ended on Sunday.",
])
def test_a_truce_that_breaks_down_or_ends_is_not_declared(run, text):
    rec = run(text)
    assert not find_events(rec, cameo="0871"), _rows(rec)


def test_a_truce_between_two_states_is_each_ones_to_the_other(run):
    rec = run("A ceasefire between Kyrgyzstan and Tajikistan took hold on Monday.")
    assert find_events(rec, cameo="0871", src="KGZ", tgt="TJK"), _rows(rec)
    assert find_events(rec, cameo="0871", src="TJK", tgt="KGZ"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Malawi received relief supplies after the cyclone.",
    "Lebanon received fuel and food aid last week.",
    "Moldova received military equipment worth 40 million euros.",
])
def test_what_a_state_receives_with_no_giver_named_is_not_its_own_gift(run, text):
    rec = run(text)
    aid = find_events(rec, plover="AID")
    assert aid, _rows(rec)
    assert all(e.source.country is None and e.target is not None for e in aid), _rows(rec)


def test_relief_received_from_a_named_giver_is_that_givers_aid(run):
    rec = run("Somalia received relief supplies from Qatar after the floods.")
    assert find_events(rec, plover="AID", src="QAT", tgt="SOM"), _rows(rec)


def test_refugees_accepted_are_still_shelter_given_by_those_who_accept(run):
    rec = run("Chad accepted thousands of refugees from Sudan.")
    assert find_events(rec, plover="AID", src="TCD"), _rows(rec)


@pytest.mark.parametrize("text", [
    "China ordered three warships to the Taiwan Strait.",
    "Greece ordered troops to its land border with Turkey.",
])
def test_warships_or_troops_ordered_to_a_place_are_deployed(run, text):
    rec = run(text)
    assert find_events(rec, plover="MOBILIZE"), _rows(rec)
    assert not find_events(rec, plover="REQUEST"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The health minister warned striking junior doctors they would lose their posts.",
    "The transport minister warned striking truckers that their permits would be cancelled.",
    "The governor urged striking nurses to return to work.",
])
def test_striking_before_workers_is_no_attack_on_them(run, text):
    rec = run(text)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_striking_before_a_target_is_still_an_attack(run):
    rec = run("Russian jets kept striking targets in Idlib.")
    assert find_events(rec, plover="ASSAULT", src="RUS"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Senators opposed a resolution calling for sanctions on Caracas.",
    "The cabinet rejected a petition demanding the release of the detained bloggers.",
])
def test_a_call_in_a_text_someone_opposes_is_not_theirs(run, text):
    rec = run(text)
    assert not find_events(rec, plover="REQUEST"), _rows(rec)
    assert not find_events(rec, plover="ACCUSE"), _rows(rec)


def test_a_call_in_a_text_someone_sends_is_theirs(run):
    rec = run("Forty senators sent a letter urging the president to halt arms sales to Riyadh.")
    assert find_events(rec, plover="REQUEST"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The embassy released a statement on Monday.",
    "The ministry issued a statement late on Friday.",
])
def test_a_statement_issued_about_no_one_is_no_event(run, text):
    rec = run(text)
    assert not rec.events, _rows(rec)


def test_relief_handed_over_is_aid_and_a_suspect_handed_over_cooperation(run):
    rec = run("India handed over 100 tonnes of wheat to the Afghan authorities.")
    assert find_events(rec, plover="AID", src="IND", tgt="AFG"), _rows(rec)
    rec = run("Tanzania handed over the fugitive to Kenya.")
    assert find_events(rec, cameo="063", src="TZA"), _rows(rec)


def test_agreeing_to_demands_is_yielding(run):
    rec = run("The provincial government agreed to the striking doctors' demands.")
    assert find_events(rec, cameo="080"), _rows(rec)
    assert not find_events(rec, plover="AGREE"), _rows(rec)


def test_a_leader_removed_by_soldiers_is_a_coup_and_by_a_vote_none(run):
    rec = run("The army removed the president of Guinea on Sunday.")
    assert find_events(rec, cameo="170", src_code="GINMIL"), _rows(rec)
    rec = run("Parliament removed the speaker in a vote on Tuesday.")
    assert not find_events(rec, cameo="170"), _rows(rec)


def test_revenues_withheld_from_another_are_aid_stopped(run):
    rec = run("Kenya withheld customs revenues from the South Sudanese government.")
    assert find_events(rec, cameo="1621", src="KEN", tgt="SSD"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Floods forced 20,000 people to evacuate their homes in Assam.",
    "Bushfires swept through the valley, forcing hundreds of families to evacuate.",
])
def test_an_evacuation_a_hazard_forced_is_no_aid(run, text):
    rec = run(text)
    assert not find_events(rec, plover="AID"), _rows(rec)


def test_an_evacuation_by_an_agency_is_still_aid(run):
    rec = run("The Red Cross evacuated 200 wounded civilians from the besieged city.")
    assert find_events(rec, plover="AID"), _rows(rec)


def test_deaths_in_a_crowd_crush_are_no_attack(run):
    rec = run("A crowd crush at the stadium killed 40 fans.")
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)
