"""Event coding: acting together or alongside, acts someone is only charged with, the
dead counted from an attack, the attacker named in the cause of a passive killing, and
"they" standing for coordinated subjects. Invented news sentences, one construction per
test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "cameo", "src", "tgt"), [
    ("Kenyan and Somali officials are working together to stop arms smuggling.", "060", "KEN", "SOM"),
    ("Chadian troops have been working alongside Nigerien soldiers near the lake.", "060", "TCD", "NER"),
    ("Iranian militias fought alongside Syrian government forces near Palmyra.", "062", "IRN", "SYR"),
])
def test_acting_together_or_alongside_is_cooperation(run, text, cameo, src, tgt):
    rec = run(text)
    assert find_events(rec, src=src, cameo=cameo, tgt=tgt), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The driver, who was charged with attempted murder, appeared in court in Leeds.",
    "A former guard was convicted of killing three inmates in 2015.",
    "The reporter was detained on suspicion of spying for Ukraine.",
    "Police arrested two men for throwing petrol bombs at a bus.",
])
def test_what_someone_is_charged_with_is_not_done_here(run, text):
    rec = run(text)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_an_attack_reported_plainly_is_still_done(run):
    rec = run("Gunmen killed three inmates at a prison in Leeds.")
    assert find_events(rec, plover="ASSAULT"), _rows(rec)


def test_the_dead_counted_from_an_attack_say_it_happened(run):
    rec = run("The death toll from Friday's car bombing in Kabul rose to 30, officials said.")
    assert find_events(rec, plover="ASSAULT", tgt="AFG"), _rows(rec)


def test_the_dead_counted_from_a_disaster_are_no_attack(run):
    rec = run("The death toll from the landslide in Kerala rose to 30, officials said.")
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("Four villagers were wounded in Turkish drone strikes in northern Iraq.", "TUR", "IRQ"),
    ("Two soldiers were killed in shelling by Armenian forces on Sunday.", "ARMMIL", None),
])
def test_a_passive_killing_was_done_by_the_doer_of_its_cause(run, text, src, tgt):
    rec = run(text)
    found = find_events(rec, plover="ASSAULT", src=src)
    assert found, _rows(rec)
    if tgt:
        assert any(e.target is not None and e.target.country == tgt for e in found), _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "sides"), [
    ("Armenia and Azerbaijan said they would hold talks in Vienna.", "036", {"ARM", "AZE"}),
    ("Egypt and Sudan said they will send troops to the border.", None, {"EGY", "SDN"}),
])
def test_they_after_coordinated_subjects_is_all_of_them(run, text, cameo, sides):
    rec = run(text)
    events = [e for e in rec.events if cameo is None or e.cameo == cameo]
    assert {e.source.country for e in events} >= sides, _rows(rec)


def test_sporting_bodies_are_actors(run):
    rec = run("The World Anti-Doping Agency suspended the Kenyan athletics federation.")
    assert find_events(rec, src_code="NGO", plover="SANCTION"), _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "src", "tgt"), [
    ("Georgia formally applied to join the European Union on Thursday.", "022", "GEO", "IGOEUREEC"),
    ("Moldova applied for membership of the European Union.", "022", "MDA", "IGOEUREEC"),
    ("Traders in Kolkata observed a boycott of Chinese goods on Friday.", "143", "IND", None),
    ("The Bolivian president called the protests a coup.", "111", "BOL", None),
])
def test_applying_boycotting_and_naming_a_coup(run, text, cameo, src, tgt):
    rec = run(text)
    assert find_events(rec, src=src, cameo=cameo, tgt=tgt), _rows(rec)


def test_the_rapid_support_forces_are_a_sudanese_armed_group(run):
    rec = run("The Rapid Support Forces shelled a market in Omdurman on Sunday.")
    assert find_events(rec, src_code="SDNUAF", plover="ASSAULT"), _rows(rec)


@pytest.mark.parametrize(("text", "target"), [
    ("Russian forces shelled the city of Kharkiv overnight. The United Nations condemned the attack.", "RUSMIL"),
    ("Police arrested the opposition leader in Dhaka on Monday. The United States criticised the arrest.",
     "BGDCOP"),
])
def test_a_reaction_to_the_act_told_just_before_is_aimed_at_its_doer(run, text, target):
    rec = run(text)
    found = [e for e in rec.events if e.cameo_root == "11"]
    assert found and all(e.target is not None and e.target.code == target for e in found), _rows(rec)


def test_a_reaction_to_an_act_of_another_kind_borrows_no_doer(run):
    rec = run("Police arrested the opposition leader in Dhaka on Monday. The United States "
              "condemned the attack on a church in Lahore.")
    found = [e for e in rec.events if e.cameo_root == "11"]
    assert found and all(e.target is None or e.target.code != "BGDCOP" for e in found), _rows(rec)
