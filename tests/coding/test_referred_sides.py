"""Reactions and appeals aimed at the sides of an act told before: an agreement named only
as "the deal" or "the rapprochement", fighting answered by an appeal for restraint.
Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize("text, noun", [
    ("Ghana and Togo signed a border security pact in Lome on Monday. Nigeria welcomed the {}.", "pact"),
    ("Ghana and Togo signed a border security pact in Lome on Monday. Nigeria welcomed the {}.", "agreement"),
    ("Ghana and Togo agreed on Monday to reopen their embassies. Nigeria praised the {}.", "rapprochement"),
])
def test_a_reaction_to_an_agreement_told_before_is_aimed_at_each_side(run, text, noun):
    rec = run(text.format(noun))
    assert find_events(rec, plover="SUPPORT", src="NGA", tgt="GHA"), _rows(rec)
    assert find_events(rec, plover="SUPPORT", src="NGA", tgt="TGO"), _rows(rec)


def test_criticism_of_an_agreement_told_before_is_aimed_at_its_sides(run):
    rec = run("Bolivia and Chile signed a water-sharing deal in La Paz on Tuesday. "
              "Peru criticised the deal.")
    assert find_events(rec, plover="ACCUSE", src="PER", tgt="BOL"), _rows(rec)


def test_an_agreement_noun_with_no_agreement_before_stays_without_target(run):
    rec = run("The Greek government said on Monday it would hold elections in May. Turkey welcomed the deal.")
    assert find_events(rec, plover="SUPPORT", src="TUR", tgt=""), _rows(rec)


def test_the_reactor_is_not_its_own_target(run):
    rec = run("Ghana and Togo signed a border security pact in Lome on Monday. Ghana later praised the pact.")
    assert not find_events(rec, cameo="051", src="GHA", tgt="GHA"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Eritrean and Ethiopian troops fought along the disputed frontier on Tuesday. Russia called for restraint.",
    "Eritrean and Ethiopian troops fought along the disputed frontier on Tuesday. "
    "Russia urged a ceasefire.",
])
def test_an_appeal_for_calm_is_aimed_at_the_sides_that_fought(run, text):
    rec = run(text)
    assert find_events(rec, plover="REQUEST", src="RUS", tgt="ERI"), _rows(rec)
    assert find_events(rec, plover="REQUEST", src="RUS", tgt="ETH"), _rows(rec)


def test_an_appeal_for_calm_with_no_fighting_before_names_no_one(run):
    rec = run("Eritrean and Ethiopian diplomats met in Geneva on Tuesday. Russia called for restraint.")
    assert not find_events(rec, plover="REQUEST", src="RUS", tgt="ERI"), _rows(rec)


@pytest.mark.parametrize("text, country", [
    ("Peru's president resigned on Sunday after weeks of angry street protests.", "PER"),
    ("The Malawian government withdrew the fuel levy on Monday after three days of protests.", "MWI"),
    ("The Sri Lankan prime minister stepped down amid mass protests over fuel shortages.", "LKA"),
])
def test_protests_before_or_around_a_government_s_act_were_aimed_at_it(run, text, country):
    rec = run(text)
    assert find_events(rec, plover="PROTEST", tgt=country), _rows(rec)


def test_protests_around_an_act_of_police_are_not_aimed_at_the_police(run):
    rec = run("Peruvian riot police detained nine students after weeks of protests.")
    assert not find_events(rec, plover="PROTEST", tgt="PERCOP"), _rows(rec)


def test_an_appeal_joined_to_an_act_on_an_actor_is_addressed_to_it(run):
    rec = run("Ghana accused Togo of harbouring rebels and called for talks.")
    assert find_events(rec, plover="REQUEST", src="GHA", tgt="TGO"), _rows(rec)


def test_an_appeal_joined_to_an_act_on_no_actor_names_no_one(run):
    rec = run("Ghana closed the border on Monday and called for talks.")
    assert not find_events(rec, plover="REQUEST", src="GHA", tgt="TGO"), _rows(rec)
    assert find_events(rec, plover="REQUEST", src="GHA"), _rows(rec)


@pytest.mark.parametrize("text, src", [
    ("The Peshawar police chief told a news conference dozens of men had been detained after the riots.", "PAKCOP"),
    ("The Ugandan army said the two commanders had been detained near Gulu.", "UGAMIL"),
])
def test_an_arrest_a_force_reports_with_no_agent_was_its_own(run, text, src):
    rec = run(text)
    assert find_events(rec, cameo="173", src_code=src), _rows(rec)


def test_a_killing_a_force_reports_is_not_its_own(run):
    rec = run("The Nigerian army said 30 villagers were killed in the attack.")
    assert not find_events(rec, root="19", src_code="NGAMIL"), _rows(rec)
