"""Event coding: where a meeting is held is not whom it is with, unless a visitor holds
it in its hosts' capital; a meeting told in a side clause is an event of its own; an
envoy summoned by no one named is summoned by the government of the place where it
happens; a role after a possessive country and an adjective is that country's; talks at
which an act was done were held by its doer. Invented news sentences, one construction per
test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize("text", [
    "Mediators from the two camps met in Nairobi for a fourth round of talks.",
    "Ghanaian opposition figures met in Accra on Thursday to choose a candidate.",
])
def test_the_place_of_a_meeting_is_not_its_other_side(run, text):
    rec = run(text)
    assert find_events(rec, plover="CONSULT", tgt=""), _rows(rec)
    assert not find_events(rec, plover="CONSULT", tgt="KEN"), _rows(rec)
    assert not find_events(rec, plover="CONSULT", tgt="GHA"), _rows(rec)


def test_a_visitors_talks_in_a_capital_are_with_its_hosts(run):
    rec = run("Egypt's foreign minister held talks in Ankara on Monday.")
    assert find_events(rec, plover="CONSULT", src="EGY", tgt="TUR"), _rows(rec)


def test_a_meeting_in_a_side_clause_is_told_beside_the_main_acts(run):
    rec = run("The Arab League foreign ministers, meeting in Cairo, denounced the raid and "
              "agreed to send aid to Lebanon.")
    assert find_events(rec, plover="CONSULT"), _rows(rec)
    assert find_events(rec, plover="ACCUSE"), _rows(rec)


@pytest.mark.parametrize("text, summoner", [
    ("The Swedish ambassador was summoned on Monday in Ankara over the remarks.", "TUR"),
    ("The Chinese charge d'affaires was summoned in Vilnius on Tuesday.", "LTU"),
])
def test_an_envoy_summoned_by_no_one_named_is_summoned_where_it_happens(run, text, summoner):
    rec = run(text)
    assert find_events(rec, cameo="114", src=summoner), _rows(rec)


@pytest.mark.parametrize("text, country", [
    ("Japan's top envoy criticised China over China's missile launch near Chinese waters.", "JPN"),
    ("Brazil's new foreign minister condemned Venezuela's crackdown on Venezuelan opposition "
     "leaders in Caracas.", "BRA"),
])
def test_a_role_after_a_possessive_country_and_an_adjective_is_that_countrys(run, text, country):
    rec = run(text)
    assert find_events(rec, plover="ACCUSE", src_code=country + "GOV"), _rows(rec)


def test_talks_at_which_an_act_was_done_were_held_by_its_doer(run):
    rec = run("Egypt's foreign minister dismissed Ethiopian claims about the dam at talks "
              "with Sudan's prime minister.")
    assert find_events(rec, plover="CONSULT", src="EGY", tgt="SDN"), _rows(rec)


@pytest.mark.parametrize("text, one, other", [
    ("The presidents of Rwanda and Burundi signed a trade pact at their talks in Luanda.", "RWA", "BDI"),
    ("Ghana and Togo agreed at a summit in Lome to share intelligence.", "GHA", "TGO"),
])
def test_two_sides_who_acted_at_their_talks_or_summit_met(run, text, one, other):
    rec = run(text)
    assert find_events(rec, plover="CONSULT", src=one, tgt=other), _rows(rec)
    assert find_events(rec, plover="CONSULT", src=other, tgt=one), _rows(rec)


def test_a_visit_agreed_on_is_still_no_meeting_held(run):
    rec = run("The two foreign ministers agreed on a visit by the Danish queen to Accra.")
    assert not find_events(rec, cameo="042"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Rwanda and Burundi agreed to reopen their shared border.",
    "The two airlines agreed to resume direct flights.",
])
def test_agreeing_to_reopen_or_resume_something_else_is_no_intent_to_meet(run, text):
    rec = run(text)
    assert not find_events(rec, cameo="036"), _rows(rec)


def test_agreeing_to_reopen_talks_is_an_intent_to_meet(run):
    rec = run("Armenia and Azerbaijan agreed to reopen negotiations.")
    assert find_events(rec, cameo="036", src="ARM", tgt="AZE"), _rows(rec)
