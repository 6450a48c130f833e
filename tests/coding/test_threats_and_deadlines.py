"""Event coding: a stretch of time given to leave (an ultimatum, or an envoy's expulsion),
vows and threats to paralyse a country with protests, countermeasures taken or promised,
justice asked for (not a judge), what stands beside an act in time (not its target), sides
who fought a third or each other, a lawsuit announced, joint work halted, shipments
intercepted, quitting what no row names, soldiers dissolving a government, and what one
could not do, questions asked, and what two sides have never done.
Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize("text", [
    "The army gave the gunmen 24 hours to surrender their weapons.",
    "The military government gave the UN mission two weeks to leave the country.",
])
def test_a_stretch_of_time_given_to_leave_or_surrender_is_an_ultimatum(run, text):
    rec = run(text)
    assert find_events(rec, cameo="139"), _rows(rec)


def test_an_envoy_given_hours_to_leave_is_expelled(run):
    rec = run("Niger gave the Belgian ambassador 48 hours to leave.")
    assert find_events(rec, cameo="161", src="NER", tgt="BEL"), _rows(rec)


def test_time_given_for_something_else_is_no_ultimatum(run):
    rec = run("The court gave the electoral commission two weeks to publish the results.")
    assert not find_events(rec, plover="THREATEN"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The opposition vowed to paralyse the capital with strikes and marches.",
    "Transport unions threatened to cripple the country over the fuel price rise.",
])
def test_vowing_or_threatening_to_paralyse_a_country_threatens_dissent(run, text):
    rec = run(text)
    assert find_events(rec, cameo="133"), _rows(rec)
    assert not find_events(rec, plover="AGREE"), _rows(rec)


def test_countermeasures_taken_are_sanctions_and_promised_ones_a_threat(run):
    rec = run("Beijing took countermeasures against two American drone makers.")
    assert find_events(rec, cameo="163", src="CHN", tgt="USA"), _rows(rec)
    rec = run("Moscow said it would take countermeasures against Oslo.")
    assert find_events(rec, plover="THREATEN", src="RUS", tgt="NOR"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Relatives of the victims demanded justice outside the courthouse.",
    "The families said they would keep seeking justice.",
])
def test_justice_asked_for_is_not_a_judge(run, text):
    rec = run(text)
    assert not [e for e in rec.events if e.target is not None and e.target.role == "JUD"], _rows(rec)


def test_a_justice_by_title_is_a_judge(run):
    rec = run("Justice Odunga dismissed the petition on Monday.")
    assert [a for a in rec.actors if a.role == "JUD"], rec.actors


def test_whom_an_earlier_fight_was_with_is_not_the_target_of_the_capture(run):
    rec = run("Insurgents seized the district headquarters after fighting with police.")
    found = find_events(rec, cameo="192", src="INS")
    assert found and found[0].target is None, _rows(rec)


def test_the_parties_of_a_called_off_meeting_are_not_its_targets(run):
    rec = run("Talks between the Somali president and the Jubaland leader were called off.")
    assert not [e for e in rec.events if e.plover == "SANCTION" and e.target is not None], _rows(rec)


@pytest.mark.parametrize("text", [
    "Kenya and Uganda fought the rebels near the border.",
    "Malian and Burkinabe soldiers fought against the jihadists.",
])
def test_sides_who_fought_a_third_did_not_fight_each_other(run, text):
    rec = run(text)
    fights = [e for e in rec.events if e.plover == "ASSAULT"]
    assert len(fights) == 2 and all(e.target is not None and e.target.role == "REB" for e in fights), _rows(rec)


@pytest.mark.parametrize("text", [
    "Russian and Ukrainian forces clashed near the village.",
    "Russia and Ukraine exchanged 60 prisoners on Friday.",
])
def test_sides_who_clashed_or_exchanged_act_on_each_other(run, text):
    rec = run(text)
    pairs = {(e.source.country, e.target.country) for e in rec.events if e.target is not None}
    assert {("RUS", "UKR"), ("UKR", "RUS")} <= pairs, _rows(rec)


def test_a_lawsuit_announced_is_reported_as_brought(run):
    rec = run("The opposition will sue the electoral commission over the results.")
    assert find_events(rec, cameo="115"), _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "src", "tgt"), [
    ("Ankara halted joint patrols with Moscow along the border.", "160", "TUR", "RUS"),
    ("Seoul suspended joint exercises with Washington.", "160", "KOR", "USA"),
    ("Mali stopped its military cooperation with France.", "160", "MLI", "FRA"),
])
def test_joint_work_halted_with_another_state_reduces_relations(run, text, cameo, src, tgt):
    rec = run(text)
    assert find_events(rec, cameo=cameo, src=src, tgt=tgt), _rows(rec)


def test_a_shipment_intercepted_by_customs_is_seized(run):
    rec = run("Customs officers intercepted a shipment of heroin at the port.")
    assert [e for e in rec.events if e.cameo == "1711" and e.source.role == "COP"], _rows(rec)


def test_quitting_something_no_row_names_is_no_resignation(run):
    rec = run("Having joined the scheme in 2019, Hungary quit it four years later.")
    assert not find_events(rec, cameo="0831"), _rows(rec)
    rec = run("The finance minister quit on Friday.")
    assert find_events(rec, cameo="0831"), _rows(rec)


def test_soldiers_dissolving_the_government_stage_a_coup(run):
    rec = run("Mutinous soldiers dissolved the government and closed the borders.")
    assert find_events(rec, cameo="170", src="MIL"), _rows(rec)
    assert not find_events(rec, plover="RETREAT"), _rows(rec)


def test_could_not_support_is_a_refusal_as_cannot_is(run):
    rec = run("The Greens could not back the reform, their leader said.")
    assert find_events(rec, plover="REJECT"), _rows(rec)
    rec = run("Ethiopia could not attack Eritrea without foreign help.")
    assert not rec.events, _rows(rec)


@pytest.mark.parametrize("text", [
    "A reporter asked the prime minister whether Ghana would send troops.",
    "The senator asked the envoy how the talks had gone.",
])
def test_a_question_asked_is_no_appeal(run, text):
    rec = run(text)
    assert not find_events(rec, plover="REQUEST"), _rows(rec)


def test_an_appeal_with_an_infinitive_is_still_a_request(run):
    rec = run("Ghana asked Togo to reopen the border.")
    assert find_events(rec, plover="REQUEST", src="GHA", tgt="TGO"), _rows(rec)


def test_never_having_signed_is_an_absence_not_a_refusal(run):
    rec = run("Japan and Russia have never signed a peace treaty.")
    assert not find_events(rec, plover="REJECT"), _rows(rec)
