"""Words that stand for one told before. An act named by a definite noun with no doer of its
own ("the strikes", "the arrests")
refers back to the act of its kind told just before: its doer is that act's. Invented
news paragraphs."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "plover", "src"), [
    ("Turkish jets bombed targets in northern Iraq on Monday. The strikes killed nine people, "
     "local officials said.", "ASSAULT", "TUR"),
    ("Kenyan nurses went on strike on Monday over unpaid wages. The strike continued on Thursday "
     "in Nairobi.", "PROTEST", "KEN"),
])
def test_the_act_told_before_gives_a_definite_act_its_doer(run, text, plover, src):
    rec = run(text)
    later = [e for e in find_events(rec, plover=plover, src=src) if e.sentence == 1]
    assert later, _rows(rec)


def test_a_reaction_to_the_acts_told_before_is_aimed_at_their_doer(run):
    rec = run("Ugandan police arrested 40 opposition supporters in Kampala on Saturday. "
              "The arrests drew condemnation from Amnesty International.")
    assert find_events(rec, plover="ACCUSE", tgt="UGA"), _rows(rec)


def test_an_indefinite_act_is_no_reference_back(run):
    rec = run("Turkish jets bombed targets in northern Iraq on Monday. "
              "A roadside bomb killed two soldiers in Mosul on Tuesday.")
    assert not [e for e in find_events(rec, plover="ASSAULT", src="TUR") if e.sentence == 1], _rows(rec)


def test_an_act_of_another_kind_is_no_reference_back(run):
    rec = run("Police arrested 40 protesters in Lagos on Saturday. The strike continued on Monday.")
    assert not [e for e in rec.events if e.sentence == 1 and e.source.code
                and e.source.code.startswith("NGACOP")], _rows(rec)


@pytest.mark.parametrize(("text", "plover", "src"), [
    ("The Malian president said he would step down after the elections.", None, "MLI"),
    ("Ghana's interior minister said she had ordered the release of the detained journalists.", "RETREAT", "GHA"),
])
def test_he_or_she_after_the_title_of_one_person_is_that_person(run, text, plover, src):
    rec = run(text)
    assert find_events(rec, plover=plover, src=src), _rows(rec)


@pytest.mark.parametrize("text", [
    "Ethiopia accused Eritrea of arming the rebels in Tigray. Asmara denied the charge on Friday.",
    "Ethiopia accused Eritrea of arming the rebels in Tigray. Asmara has denied arming any group.",
])
def test_a_denial_answers_the_accusation_told_before(run, text):
    rec = run(text)
    assert [(e.source.country, e.target.country if e.target else None)
            for e in rec.events if e.sentence == 1 and e.cameo == "016"] == [("ERI", "ETH")], _rows(rec)


def test_a_denial_with_no_accusation_before_has_no_target(run):
    rec = run("Ethiopia sent troops to the border on Monday. Asmara denied any role in the fighting.")
    assert [e.target for e in rec.events if e.sentence == 1 and e.cameo == "016"] == [None], _rows(rec)
