"""Event coding: leaving an international body named by its own name, an announced
withdrawal of troops, verdicts of guilt with and without a named court, a country's name
before a verb whose past is its base or a headline's present tense, acts ordered or told
done, stopping an act named by a gerund, force used jointly, legal procedures, headline
verbs parsed as compound nouns, calls, doses handed over, rescue teams, forces
targeted, and trips home. Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("Venezuela withdrew from the OAS in 2019.", "VEN", "IGOOAS"),
    ("Qatar quit OPEC.", "QAT", "IGOBUSOPC"),
    ("Argentina left UNESCO.", "ARG", "IGOUNOEDU"),
    ("Niger announced its withdrawal from the African Union.", "NER", "IGOAFRAFU"),
])
def test_leaving_a_body_named_by_its_name_is_reducing_relations(run, text, src, tgt):
    rec = run(text)
    assert find_events(rec, cameo="160", src=src, tgt_code=tgt), _rows(rec)
    assert not find_events(rec, cameo="0874"), _rows(rec)


def test_leaving_the_troops_of_a_body_behind_is_not_leaving_the_body(run):
    rec = run("The convoy pulled out of the valley, leaving forty UN troops in the town.")
    assert not find_events(rec, cameo="160"), _rows(rec)


def test_an_announced_withdrawal_of_troops_is_a_retreat_not_an_offer_of_troops(run):
    rec = run("Canada announced the withdrawal of its troops from Latvia.")
    assert find_events(rec, cameo="0874", src="CAN"), _rows(rec)
    assert not find_events(rec, plover="AGREE"), _rows(rec)


def test_a_court_finding_someone_guilty_is_a_verdict(run):
    rec = run("A court in Lima found the former mayor guilty of bribery.")
    assert find_events(rec, cameo="116", src="PER"), _rows(rec)


def test_a_verdict_with_no_court_named_is_still_told(run):
    rec = run("The former interior minister was found guilty of bribery on Tuesday.")
    assert find_events(rec, cameo="116"), _rows(rec)
    assert not run("Rescuers found the bodies of three climbers.").events



@pytest.mark.parametrize(("text", "cameo", "src"), [
    ("The United States cut military aid to Chile.", "162", "USA"),
    ("Spain cut military ties with Peru.", "161", "ESP"),
])
def test_a_verb_whose_past_is_its_base_is_not_part_of_the_name_before_it(run, text, cameo, src):
    rec = run(text)
    assert find_events(rec, cameo=cameo, src_code=src), _rows(rec)


@pytest.mark.parametrize(("text", "cameo"), [
    ("Denmark stopped funding the scheme last year.", "1621"),
    ("Nurses stopped working at noon.", "143"),
    ("Donors withheld budget support from the government.", "1621"),
    ("Ghana recalled its high commissioner from Nigeria.", "161"),
])
def test_stopping_an_act_named_by_a_gerund_or_a_compound(run, text, cameo):
    rec = run(text)
    assert find_events(rec, cameo=cameo), _rows(rec)


def test_an_act_ordered_is_done_to_the_infinitives_object(run):
    rec = run("The president ordered the army to attack the rebels in the north.")
    assert find_events(rec, cameo="190", tgt_code="REB"), _rows(rec)
    rec = run("The general ordered soldiers to fire on the marchers.")
    assert find_events(rec, root="19", tgt_code="OPP"), _rows(rec)
    assert not find_events(rec, plover="MOBILIZE"), _rows(rec)


def test_an_infinitive_after_tell_is_bidden_but_a_that_clause_is_told(run):
    rec = run("The UN envoy told the parties to negotiate a settlement.")
    assert not find_events(rec, plover="CONSULT"), _rows(rec)
    rec = run("The spokesman told reporters that the army had shelled the village.")
    assert find_events(rec, root="19"), _rows(rec)


def test_force_used_jointly_by_two_countries_is_also_their_cooperation(run):
    rec = run("Nigerien and Chadian troops carried out a joint operation against the insurgents.")
    assert find_events(rec, root="19"), _rows(rec)
    assert find_events(rec, cameo="062", src="NER", tgt="TCD"), _rows(rec)
    assert find_events(rec, cameo="062", src="TCD", tgt="NER"), _rows(rec)
    rec = run("Nigerien troops carried out an operation against the insurgents.")
    assert not find_events(rec, cameo="062"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The commission opened an infringement procedure against Slovakia.",
    "The bloc initiated a disciplinary procedure against Slovenia on Friday.",
])
def test_a_procedure_against_a_state_is_legal_action(run, text):
    rec = run(text)
    assert find_events(rec, cameo="115"), _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "src"), [
    ("Rioters torch bus depot in Mombasa", "1712", "KENOPP"),
    ("Bandits torch market in Zamfara", "1712", "NGA"),
])
def test_a_headline_verb_parsed_as_a_compound_noun_is_the_verb(run, text, cameo, src):
    rec = run(text)
    assert find_events(rec, cameo=cameo), _rows(rec)


@pytest.mark.parametrize(("text", "src_code"), [
    ("Ghana recalls envoy to Togo", "GHA"),
    ("Benin expels envoy over border row", "BEN"),
])
def test_a_headline_present_tense_is_not_part_of_the_name_before_it(run, text, src_code):
    rec = run(text)
    assert find_events(rec, root="16", src_code=src_code), _rows(rec)


def test_a_plural_naming_what_people_deal_in_stays_in_the_name(run):
    rec = run("Iranian rights activists condemned the executions.")
    assert find_events(rec, cameo="111", src="IRN"), _rows(rec)


def test_leaders_speaking_in_a_video_call_consult_each_other(run):
    rec = run("Lula and Ramaphosa spoke for an hour in a video call.")
    assert find_events(rec, cameo="041", src="BRA", tgt="ZAF"), _rows(rec)
    assert find_events(rec, cameo="041", src="ZAF", tgt="BRA"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Japan handed over 20,000 vaccine doses to Laos.",
    "Japan shipped two million doses to Laos.",
])
def test_doses_handed_over_or_shipped_are_aid(run, text):
    rec = run(text)
    assert find_events(rec, plover="AID", src="JPN", tgt="LAO"), _rows(rec)


def test_rescue_teams_arriving_bring_help_and_pay_no_visit(run):
    rec = run("Rescue teams from Greece arrived in Albania after the earthquake.")
    assert find_events(rec, plover="AID", src="GRC"), _rows(rec)
    assert not find_events(rec, plover="CONSULT"), _rows(rec)


def test_forces_targeted_are_attacked_and_foreign_forces_take_no_country_from_the_story(run):
    rec = run("Somalia's president flew to Mogadishu on Monday. The insurgents said they would target foreign forces.")
    assert find_events(rec, plover="THREATEN"), _rows(rec)
    assert not any(e.target is not None and e.target.country == "SOM" for e in rec.events), _rows(rec)
    rec = run("Gunmen targeted police officers in Quetta.")
    assert find_events(rec, cameo="190", tgt_code="PAKCOP"), _rows(rec)


def test_a_trip_home_visits_no_one(run):
    assert not run("Ghana's president flew to Accra on Monday.").events
    rec = run("Ghana's president flew to Lome on Monday.")
    assert find_events(rec, cameo="042", src="GHA", tgt="TGO"), _rows(rec)


def test_telling_a_state_to_stop_is_a_demand(run):
    rec = run("Beijing told Manila to stop provoking its coast guard.")
    assert find_events(rec, cameo="100", src="CHN", tgt="PHL"), _rows(rec)
