"""Who else acts in a sentence: a side clause's act by another country, the side ground or
goods are taken from, a reaction that came from someone, gunfire that rang out, and a
country's name before a participle. Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


def test_a_side_clause_act_by_another_country_is_its_own_event(run):
    rec = run("France expelled two Iranian diplomats on Monday, a move Tehran called hostile.")
    assert find_events(rec, root="16", src="FRA", tgt="IRN"), _rows(rec)
    assert find_events(rec, cameo="111", src="IRN"), _rows(rec)


def test_a_side_clause_act_by_the_dyads_own_side_is_still_pruned(run):
    rec = run("Kenya expelled two Somali diplomats on Monday, in a move Kenya called overdue.")
    assert find_events(rec, root="16", src="KEN", tgt="SOM"), _rows(rec)
    assert not [e for e in rec.events if e.source.country == "KEN" and e.target is None], _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "tgt"), [
    ("Ukrainian troops recaptured the city from Russian forces.", "192", "RUS"),
    ("Government forces seized the town from Islamist rebels on Monday.", "192", "RAD"),
    ("Police confiscated weapons from the militia in Basra.", "1711", "IRQ"),
])
def test_what_is_taken_from_someone_is_taken_from_the_target(run, text, cameo, tgt):
    rec = run(text)
    assert find_events(rec, cameo=cameo, tgt=tgt), _rows(rec)


@pytest.mark.parametrize("text", [
    "Mali's military rulers dissolved the national assembly on Friday, prompting sharp criticism from France.",
    "The Malian government expelled the French ambassador, drawing a sharp rebuke from France.",
])
def test_a_reaction_from_someone_is_their_act_on_the_doer(run, text):
    rec = run(text)
    assert find_events(rec, plover="ACCUSE", src="FRA", tgt="MLI"), _rows(rec)


def test_a_reaction_to_a_participle_clause_is_aimed_at_the_subject(run):
    rec = run("Guinea's junta dissolved the national assembly on Friday, drawing condemnation from the African Union.")
    assert find_events(rec, plover="ACCUSE", src="IGOAFRAFU", tgt="GIN"), _rows(rec)


def test_gunfire_that_rang_out_is_an_attack_where_it_rang(run):
    rec = run("Gunfire rang out near the central market in Bamako on Sunday.")
    found = find_events(rec, plover="ASSAULT", tgt="MLI")
    assert found and found[0].rule.startswith("verbs.tsv"), _rows(rec)


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("Russia detained protesters in Moscow.", "RUS", "RUSOPP"),
    ("Belarus jailed opposition leaders.", "BLR", "BLROPP"),
    ("Hezbollah banned journalists from the area.", "LBNREB", "LBNMED"),
])
def test_a_participle_after_a_name_is_the_verb(run, text, src, tgt):
    rec = run(text)
    assert find_events(rec, root="17", src_code=src, tgt_code=tgt), _rows(rec)


def test_a_participle_after_a_demonym_still_describes_the_role(run):
    rec = run("Afghan armed men attacked the convoy.")
    assert find_events(rec, plover="ASSAULT", src="AFG"), _rows(rec)


def test_a_participle_agent_of_another_country_is_its_own_event(run):
    rec = run("Sudan freed 40 Eritrean prisoners under a ceasefire brokered by Kenya and Ethiopia.")
    assert find_events(rec, root="08", src="SDN"), _rows(rec)
    assert find_events(rec, cameo="045", src="KEN") and find_events(rec, cameo="045", src="ETH"), _rows(rec)


@pytest.mark.parametrize(("text", "cameo"), [
    ("Lithuania repeated the charges which Belarus rejected.", "016"),
    ("Police displayed the weapons that the army seized in the raid.", "1711"),
])
def test_a_relative_clause_acts_on_the_noun_it_describes(run, text, cameo):
    rec = run(text)
    assert find_events(rec, cameo=cameo), _rows(rec)


def test_the_two_sides_in_reported_speech_are_the_two_named_before(run):
    rec = run("Kenya and Somalia signed a border deal on Monday. A spokesman said the two sides discussed trade.")
    assert [e for e in find_events(rec, plover="CONSULT", src="KEN", tgt="SOM") if e.sentence == 1], _rows(rec)


def test_an_arrest_across_a_country_is_its_authorities(run):
    rec = run("Dozens of activists were detained across Belarus on Sunday.")
    assert find_events(rec, root="17", src_code="BLRGOV", tgt="BLR"), _rows(rec)


def test_a_country_that_holds_a_place_is_not_its_people(run):
    rec = run("Ukrainians of the Russian-occupied city of Melitopol went on strike on Monday.")
    assert find_events(rec, plover="PROTEST", src="UKR"), _rows(rec)
    assert not find_events(rec, src="RUS"), _rows(rec)


def test_a_hyphened_participle_tells_no_act(run):
    rec = run("Residents of the Russian-occupied city of Kherson queued for water on Monday.")
    assert not rec.events, _rows(rec)


def test_people_sent_as_aid_are_what_is_given(run):
    rec = run("Kenya sent a team of doctors to Somalia.")
    assert find_events(rec, plover="AID", src="KEN", tgt="SOM"), _rows(rec)


def test_protection_granted_to_refugees_is_asylum(run):
    rec = run("Germany granted temporary protection to thousands of Syrian refugees.")
    assert find_events(rec, cameo="075", src="DEU"), _rows(rec)


def test_a_relative_clause_act_of_another_side_is_kept(run):
    rec = run("Ugandan troops retook the town from Congolese rebels, who had occupied it in May.")
    assert find_events(rec, cameo="192", src="UGA", tgt="COD"), _rows(rec)
    assert find_events(rec, cameo="192", src="COD"), _rows(rec)


def test_a_warning_and_the_threat_it_tells_are_one_event(run):
    rec = run("Iran warned it would retaliate against any attack.")
    assert [e.plover for e in rec.events] == ["THREATEN"], _rows(rec)


def test_a_relative_clause_on_two_sides_is_done_by_both(run):
    rec = run("Kenya and Ethiopia, which hosted the negotiations in Nairobi, welcomed the truce.")
    assert find_events(rec, plover="CONSULT", src="KEN") and find_events(rec, plover="CONSULT", src="ETH"), _rows(rec)
