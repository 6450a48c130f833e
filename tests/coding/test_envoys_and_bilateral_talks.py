"""A body's envoy as a person a pronoun stands for; two titled leaders joined by "and";
"the bloc" or "the alliance" for the body named before; a speech to a summit; talks of two sides
held with whom an appeal is made to; a stance named "opposition"; injuries in an
accident. Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


def test_he_after_a_bodys_envoy_is_the_envoy(run):
    rec = run("The UN envoy for Libya said he was encouraged after meeting the country's prime minister in Tripoli.")
    assert find_events(rec, plover="CONSULT", src="IGOUNO", tgt="LBY"), _rows(rec)


def test_a_bodys_staff_in_the_plural_are_no_one_person(run):
    rec = run("UN envoys said he was encouraged after meeting the prime minister of Libya in Tripoli.")
    assert not find_events(rec, plover="CONSULT", src="IGOUNO"), _rows(rec)


@pytest.mark.parametrize("text, other", [
    ("Kenya's President William Ruto and Tanzania's President Samia Suluhu Hassan met in Arusha.", "TZA"),
    ("Chile's President Gabriel Boric and Peru's President Dina Boluarte pledged to work together on migration.",
     "PER"),
])
def test_two_titled_leaders_joined_by_and_both_act(run, text, other):
    rec = run(text)
    first = "KEN" if other == "TZA" else "CHL"
    assert find_events(rec, src=first, tgt=other), _rows(rec)
    assert find_events(rec, src=other, tgt=first), _rows(rec)


@pytest.mark.parametrize("text", [
    "The Gambian president addressed an ECOWAS summit in Abuja on Sunday.",
    "The Gambian president addressed a conference of ECOWAS ministers in Abuja.",
])
def test_a_speech_to_a_summit_is_a_part_in_it(run, text):
    rec = run(text)
    assert find_events(rec, plover="CONSULT", src="GMB"), _rows(rec)


def test_a_speech_to_a_rally_is_no_meeting(run):
    rec = run("The Gambian opposition leader addressed a rally of supporters in Banjul.")
    assert not find_events(rec, plover="CONSULT"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Zambia's finance minister appealed to the IMF for more time during talks in Washington.",
    "Paraguay thanked Uruguay for its patience at the talks in Montevideo.",
])
def test_talks_are_held_with_whom_a_word_is_aimed_at(run, text):
    rec = run(text)
    src = "ZMB" if text.startswith("Zambia") else "PRY"
    tgt = "IGOBUSIMF" if text.startswith("Zambia") else "URY"
    assert find_events(rec, cameo="046", src=src, tgt=tgt), _rows(rec)


def test_force_during_talks_makes_no_partner(run):
    rec = run("Azerbaijani troops shelled Armenian villages during talks in Moscow.")
    assert not find_events(rec, cameo="046"), _rows(rec)


def test_a_meeting_is_not_held_with_whom_a_word_is_aimed_at(run):
    rec = run("Mauritania's foreign minister thanked Senegal for the loan of two aircraft during a regional summit.")
    assert not find_events(rec, plover="CONSULT", tgt="SEN"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The Vietnamese foreign ministry voiced strong opposition to the oil survey near the Paracels.",
    "Hanoi expressed its firm opposition to the oil survey near the Paracels.",
])
def test_opposition_to_something_is_a_stance_not_a_party(run, text):
    rec = run(text)
    assert find_events(rec, plover="ACCUSE", src="VNM"), _rows(rec)
    assert not [e for e in rec.events if e.target is not None and e.target.code.endswith(("OPP", "BUS"))], _rows(rec)


def test_the_opposition_itself_is_still_a_party(run):
    rec = run("The Venezuelan opposition rejected the proposal for new talks.")
    assert find_events(rec, plover="REJECT", src="VENOPP"), _rows(rec)


def test_injuries_in_an_accident_are_no_attack(run):
    rec = run("Seven people were killed and scores injured when a passenger train derailed near Nakuru on Friday.")
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_injuries_in_an_ambush_are_still_an_attack(run):
    rec = run("Three policemen were killed and four injured when gunmen ambushed their patrol near Kidal.")
    assert find_events(rec, plover="ASSAULT"), _rows(rec)


@pytest.mark.parametrize("text, body, plover", [
    ("The African Union's commission chief said the bloc was ready to help Sudan.", "IGOAFRAFU", "AGREE"),
    ("NATO defence ministers met in Brussels. The alliance pledged more air defences to Ukraine.", "IGOWSTNAT",
     "AGREE"),
    ("ECOWAS leaders met in Abuja, and the regional bloc imposed sanctions on Guinea.", "IGOWAFWAS", "SANCTION"),
])
def test_the_bloc_or_the_alliance_is_the_body_named_before(run, text, body, plover):
    rec = run(text)
    assert find_events(rec, src_code=body, plover=plover), _rows(rec)


def test_the_bloc_with_no_body_named_before_is_no_body(run):
    rec = run("The ruling bloc in parliament rejected the budget on Tuesday.")
    assert not [e for e in rec.events if (e.source.code or "").startswith("IGO")], _rows(rec)
