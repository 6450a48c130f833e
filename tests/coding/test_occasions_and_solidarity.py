"""Talks that tell when or after what another act was done, with the partner the clause's
verb names; solidarity as support. Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize("text", [
    "Ghana restored diplomatic ties with Togo at a summit in Accra on Sunday.",
    "Ghana signed a fisheries accord with Togo during a summit in Accra.",
])
def test_talks_at_which_a_doer_acted_with_a_partner_are_theirs(run, text):
    rec = run(text)
    assert find_events(rec, plover="CONSULT", src="GHA", tgt="TGO"), _rows(rec)
    assert find_events(rec, plover="CONSULT", src="TGO", tgt="GHA"), _rows(rec)


def test_hours_of_talks_before_a_deal_with_a_partner_are_theirs(run):
    rec = run("Peru reached a debt agreement with Bolivia after nine hours of talks in Lima.")
    assert find_events(rec, plover="CONSULT", src="PER", tgt="BOL"), _rows(rec)
    assert find_events(rec, plover="CONSULT", src="BOL", tgt="PER"), _rows(rec)


def test_talks_after_which_two_sides_agreed_went_on(run):
    rec = run("Chile and Argentina agreed to reopen the mountain pass after talks in Santiago.")
    assert find_events(rec, plover="CONSULT", src="CHL", tgt="ARG"), _rows(rec)


def test_a_lone_doer_with_no_partner_gets_no_talks(run):
    rec = run("Ghana restored power to the northern region at a summit in Accra.")
    assert not [e for e in rec.events if e.plover == "CONSULT" and e.target is not None], _rows(rec)


def test_talks_only_planned_are_not_told_as_held(run):
    rec = run("Chile and Argentina will agree to reopen the mountain pass after talks in Santiago.")
    assert not find_events(rec, cameo="046"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Malaysia expressed solidarity with the government of Fiji after the cyclone.",
    "Malaysia extended its solidarity to Fiji after the cyclone.",
])
def test_solidarity_is_support(run, text):
    rec = run(text)
    assert find_events(rec, plover="SUPPORT", src="MYS", tgt="FJI"), _rows(rec)


def test_condolences_stay_an_empathetic_comment(run):
    rec = run("Malaysia expressed condolences to Fiji after the cyclone.")
    assert find_events(rec, cameo="018", src="MYS", tgt="FJI"), _rows(rec)
    assert not find_events(rec, plover="SUPPORT"), _rows(rec)


@pytest.mark.parametrize("text, cameo", [
    ("The Ugandan government ordered telecom firms to shut down mobile internet.", "1721"),
    ("The Ugandan government ordered telecom companies to block Facebook and Twitter.", "1721"),
])
def test_a_commanded_act_of_coercion_is_the_commanders(run, text, cameo):
    rec = run(text)
    assert find_events(rec, cameo=cameo, src="UGA"), _rows(rec)
    assert not find_events(rec, cameo="100"), _rows(rec)


def test_a_command_not_to_act_is_no_act(run):
    rec = run("The Ugandan government ordered telecom firms not to shut down mobile internet.")
    assert not find_events(rec, cameo="1721"), _rows(rec)


def test_those_bidden_are_the_means_not_the_target(run):
    rec = run("Zambia's president ordered police to break up the opposition rally in Lusaka.")
    events = find_events(rec, plover="ASSAULT", src="ZMB")
    assert events, _rows(rec)
    assert all(e.target is None or e.target.code != "ZMBCOP" for e in events), _rows(rec)


@pytest.mark.parametrize("text", [
    "Peruvian police shared intelligence with Chilean customs officers.",
    "Peruvian police provided intelligence to Chilean customs officers.",
])
def test_intelligence_handed_over_is_a_thing_not_an_agency(run, text):
    rec = run(text)
    assert find_events(rec, plover="COOPERATE", src="PERCOP", tgt="CHL"), _rows(rec)
    assert not [e for e in rec.events if e.target is not None and e.target.code.endswith("SPY")], _rows(rec)


def test_an_intelligence_agency_named_by_its_country_stays_an_actor(run):
    rec = run("Kyiv accused Russian intelligence of plotting the sabotage.")
    assert find_events(rec, plover="ACCUSE", tgt="RUSSPY"), _rows(rec)


def test_a_plural_role_of_the_two_countries_is_held_by_each(run):
    rec = run("Peru and Chile signed a fisheries pact in Lima on Monday. "
              "The defence ministers of the two states met in Arica on Friday.")
    assert find_events(rec, plover="CONSULT", src="PERGOV", tgt="CHLGOV"), _rows(rec)
    assert find_events(rec, plover="CONSULT", src="CHLGOV", tgt="PERGOV"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The Ghanaian government paused plans to raise fuel taxes after a week of protests.",
    "The Ghanaian government postponed the new road toll programme.",
])
def test_a_plan_paused_or_put_off_is_a_concession(run, text):
    rec = run(text)
    assert find_events(rec, cameo="0832", src="GHA"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Police in Kumasi detained nine students following a march against fee increases.",
    "Police in Kumasi detained nine students at a march against fee increases.",
])
def test_a_protest_at_or_after_which_people_were_arrested_was_held(run, text):
    rec = run(text)
    assert find_events(rec, plover="COERCE", src="GHACOP"), _rows(rec)
    assert find_events(rec, plover="PROTEST"), _rows(rec)


def test_a_rally_where_nothing_the_table_knows_was_done_is_no_event(run):
    rec = run("His fans like to dance at rallies in Kumasi.")
    assert not [e for e in rec.events if "[at -> went on]" in e.rule], _rows(rec)


def test_a_press_conference_is_no_meeting(run):
    rec = run("The Ghanaian finance minister took questions at a news conference on Monday.")
    assert not find_events(rec, plover="CONSULT"), _rows(rec)


def test_protest_leaders_are_of_the_opposition_not_the_government(run):
    rec = run("Ghanaian protest leaders demanded the resignation of the energy minister.")
    assert find_events(rec, plover="REQUEST", src="GHAOPP"), _rows(rec)


def test_they_after_the_two_sides_are_both(run):
    rec = run("Ghana's foreign minister met Togo's president in Lome on Monday; "
              "both sides told reporters they had agreed to reopen the frontier.")
    assert find_events(rec, plover="AGREE", src="GHA", tgt="TGO"), _rows(rec)
    assert find_events(rec, plover="AGREE", src="TGO", tgt="GHA"), _rows(rec)


def test_the_one_praised_for_an_act_did_it(run):
    rec = run("Nigeria praised Ghana for agreeing to host the regional summit.")
    assert find_events(rec, plover="SUPPORT", src="NGA", tgt="GHA"), _rows(rec)
    assert find_events(rec, plover="AGREE", src="GHA"), _rows(rec)


def test_the_one_criticised_for_an_act_is_not_said_to_have_done_it(run):
    rec = run("Nigeria criticised Ghana for agreeing to host the rebel leaders.")
    assert not find_events(rec, plover="AGREE", src="GHA"), _rows(rec)


def test_a_promise_to_lead_a_mission_is_no_vow_of_conflict(run):
    rec = run("Ghana agreed on Monday to lead a regional police mission.")
    assert find_events(rec, plover="AGREE", src="GHA"), _rows(rec)


def test_a_one_word_name_the_tagger_reads_as_a_verb_is_parsed_as_a_name(run):
    rec = run("ECOWAS imposed sanctions on Guinea's junta.")
    assert find_events(rec, cameo="163", src="IGOWAFWAS"), _rows(rec)


def test_a_relative_pronoun_passive_subject_stands_for_its_noun(run):
    rec = run("Rebels in Mali freed a Ghanaian journalist who had been held at a camp in Gao for eight months.")
    assert find_events(rec, cameo="173", tgt="GHA"), _rows(rec)


@pytest.mark.parametrize("text, plover", [
    ("Ghana expelled two Togolese diplomats on Monday, a decision Togo condemned.", "ACCUSE"),
    ("Ghana freed 40 Togolese fishermen on Monday, a move Togo welcomed.", "SUPPORT"),
])
def test_a_reaction_to_a_move_set_beside_a_clause_is_aimed_at_its_doer(run, text, plover):
    rec = run(text)
    assert find_events(rec, plover=plover, src="TGO", tgt="GHA"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Ethiopian troops withdrew from the Somali town of Beledweyne on Monday.",
    "Ethiopian troops pulled out of the Somali town of Beledweyne on Monday.",
])
def test_a_place_withdrawn_from_gives_the_target(run, text):
    rec = run(text)
    assert find_events(rec, plover="RETREAT", src="ETH", tgt="SOM"), _rows(rec)


def test_a_threat_to_widen_attacks_is_aimed_at_their_target(run):
    rec = run("The Houthis warned that they would widen their attacks on Saudi Arabia.")
    assert find_events(rec, plover="THREATEN", tgt="SAU"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The Zambian opposition leader called for a three-day general strike.",
    "The Zambian opposition leader called for protests across the country.",
])
def test_a_call_for_a_strike_or_protests_is_an_appeal_not_the_protest(run, text):
    rec = run(text)
    assert find_events(rec, plover="REQUEST", src="ZMBOPP"), _rows(rec)
    assert not find_events(rec, plover="PROTEST", src="ZMBOPP"), _rows(rec)


def test_a_strike_called_is_held(run):
    rec = run("Zambian mine workers' unions called a strike on Monday.")
    assert find_events(rec, plover="PROTEST"), _rows(rec)


@pytest.mark.parametrize("text, cameo, src", [
    ("Ethiopia deployed troops to its border to confront an Eritrean offensive.", "190", "ERI"),
    ("Jordan blamed the hunger in the camps on the Syrian siege.", "191", "SYR"),
])
def test_a_nation_word_before_an_act_of_force_is_its_doer(run, text, cameo, src):
    rec = run(text)
    assert find_events(rec, cameo=cameo, src=src), _rows(rec)


def test_an_act_of_force_that_only_dates_the_clause_is_not_told_again(run):
    rec = run("Eritrea said it would withdraw its soldiers from the town after ten years of Ethiopian occupation.")
    assert not find_events(rec, src="ETH"), _rows(rec)
