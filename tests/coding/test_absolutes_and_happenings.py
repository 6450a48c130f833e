"""Acts told in side constructions of wire copy: a participle after "with" ("..., with
scores of marchers beaten and detained"), a protest or a fight that a relative clause or a
participle says happened ("the riots that erupted", "with clashes breaking out"),
property an attack named as the subject destroyed, and people "its" makes a country's
own. Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize("text, cameo", [
    ("Riot police cleared the square in Tbilisi, with dozens of demonstrators beaten and detained.", "173"),
    ("Riot police cleared the square in Tbilisi, with dozens of demonstrators beaten and detained.", "182"),
    ("Soldiers raided the market in Gao at dawn, with at least nine traders killed.", "190"),
])
def test_a_participle_after_with_is_an_act_done_to_its_noun(run, text, cameo):
    rec = run(text)
    assert find_events(rec, cameo=cameo, tgt="CVL") or find_events(rec, cameo=cameo, tgt="OPP") or \
        any(e.cameo == cameo and e.target is not None for e in rec.events), _rows(rec)


def test_a_participle_after_with_keeps_its_agent(run):
    rec = run("The vigil in Yerevan ended late on Sunday, with four students arrested by police.")
    assert any(e.cameo == "173" and e.source is not None and e.source.role == "COP" for e in rec.events), _rows(rec)


def test_a_participle_after_with_that_is_no_act_codes_nothing(run):
    rec = run("The delegates left the hall in Abuja with their papers signed.")
    assert not find_events(rec, plover="COERCE"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


@pytest.mark.parametrize("text, plover", [
    ("Nurses marched through Nairobi on Friday, with clashes breaking out near the county offices.", "ASSAULT"),
    ("Police in Dhaka detained 30 people over the riots that erupted in the garment district on Monday.", "PROTEST"),
    ("Officials in Bamako counted the dead from the fighting that erupted near the airport.", "ASSAULT"),
])
def test_a_protest_or_fight_a_participle_or_relative_clause_says_happened_is_told(run, text, plover):
    rec = run(text)
    assert find_events(rec, plover=plover), _rows(rec)


@pytest.mark.parametrize("text", [
    "Police in Dhaka warned of riots that could break out after the verdict.",
    "Residents of Bamako fear clashes that may erupt if the talks fail.",
])
def test_a_happening_only_feared_is_not_told(run, text):
    rec = run(text)
    assert not find_events(rec, plover="PROTEST"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_property_an_attack_destroyed_is_coded_from_where_it_happened(run):
    rec = run("Missile strikes set ablaze a grain terminal outside Odesa on Tuesday.")
    assert find_events(rec, cameo="1712", src="UKR"), _rows(rec)


def test_property_destroyed_by_no_attack_is_not_coded_from_the_place(run):
    rec = run("A kitchen fire set ablaze a restaurant in Odesa on Tuesday.")
    assert not find_events(rec, cameo="1712"), _rows(rec)


def test_its_people_are_the_country_s_own_wherever_they_are(run):
    rec = run("Japan evacuated 120 of its citizens from Sudan on Sunday.")
    assert find_events(rec, src="JPN", tgt_code="JPNCVL"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Investigators in Lyon ruled out foul play in the death of the magistrate.",
    "The finance minister moved an amendment in the Senate against the tax bill.",
])
def test_a_cause_ruled_out_or_a_resolution_moved_is_no_event(run, text):
    rec = run(text)
    assert not find_events(rec, plover="REJECT"), _rows(rec)
    assert not find_events(rec, plover="MOBILIZE"), _rows(rec)


def test_talks_ruled_out_are_still_rejected(run):
    rec = run("Caracas ruled out talks with the opposition on Monday.")
    assert find_events(rec, plover="REJECT"), _rows(rec)


def test_what_helped_is_no_one_when_it_is_a_thing(run):
    rec = run("Shares of the Lagos brewer rose on Tuesday, helped by lower barley prices.")
    assert not find_events(rec, plover="AID"), _rows(rec)


def test_people_who_helped_still_give_aid(run):
    rec = run("The flood victims in Sylhet were helped by volunteers from the Red Cross.")
    assert find_events(rec, plover="AID"), _rows(rec)


def test_deaths_after_a_collision_are_no_attack(run):
    rec = run("A minibus burst into flames after crashing into a lorry near Ibadan, killing eleven passengers.")
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_an_act_after_which_one_acted_is_not_the_verb_s_object(run):
    rec = run("Chad and Niger agreed to open a new customs post after talks in Niamey.")
    assert not find_events(rec, cameo="036"), _rows(rec)
    assert find_events(rec, plover="AGREE"), _rows(rec)


def test_forces_leaving_a_town_withdraw_from_it(run):
    rec = run("Government soldiers left the town of Kalehe on Sunday as rebels advanced.")
    assert find_events(rec, cameo="0874"), _rows(rec)


def test_a_minister_leaving_for_talks_still_travels(run):
    rec = run("The Kenyan foreign minister left Nairobi for talks in Kampala on Sunday.")
    assert not find_events(rec, cameo="0874"), _rows(rec)


def test_a_plan_put_on_hold_is_a_concession(run):
    rec = run("The Lusaka city council put the market demolition on hold after traders protested.")
    assert find_events(rec, cameo="0832"), _rows(rec)


def test_police_freeing_victims_rescue_them(run):
    rec = run("Police in Kano freed 23 trafficking victims from a house on Friday.")
    assert find_events(rec, plover="AID"), _rows(rec)


def test_captors_freeing_hostages_release_them(run):
    rec = run("Kidnappers in Zamfara freed nine hostages on Friday after a ransom was paid.")
    assert find_events(rec, plover="RETREAT"), _rows(rec)
    assert not find_events(rec, plover="AID"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Armenia said it would not sign the treaty until Azerbaijani troops had left its territory.",
    "The nurses' union said the strike would go on until the hospital board met its demands.",
])
def test_what_an_act_not_done_waits_for_has_not_happened(run, text):
    rec = run(text)
    assert not find_events(rec, plover="RETREAT"), _rows(rec)
    assert not find_events(rec, plover="CONCEDE"), _rows(rec)


def test_what_an_act_went_on_until_did_happen(run):
    rec = run("Shelling of the town went on until the rebels withdrew from it on Friday.")
    assert find_events(rec, plover="RETREAT"), _rows(rec)


def test_what_someone_is_warned_to_do_is_not_done(run):
    rec = run("The army in Cotabato warned the rebels to release the hostages by Friday.")
    assert not find_events(rec, plover="RETREAT"), _rows(rec)
    assert find_events(rec, plover="THREATEN"), _rows(rec)


def test_an_investigation_two_countries_open_together_is_judicial_cooperation(run):
    rec = run("Dutch and Belgian prosecutors opened a joint investigation into the port smuggling ring.")
    assert find_events(rec, cameo="063", src="NLD", tgt="BEL") or find_events(rec, cameo="063", src="BEL", tgt="NLD"), _rows(rec)


def test_an_investigation_one_country_opens_is_no_cooperation(run):
    rec = run("Dutch prosecutors opened an investigation into the port smuggling ring.")
    assert not find_events(rec, plover="COOPERATE"), _rows(rec)
