"""Talks with a side that resumed while the clause's doer acted are the doer's; aid
someone orders given is the commander's; a sum counted in millions of any currency is
money; one person held is detained. Invented news sentences, one construction per test."""

from __future__ import annotations

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


def test_talks_that_resumed_as_a_doer_acted_are_its_talks(run):
    rec = run("The Chadian army lifted the curfew in Abeche on Sunday as talks with the rebels resumed.")
    assert find_events(rec, cameo="046", src="TCDMIL", tgt="TCDREB"), _rows(rec)


def test_talks_still_to_begin_are_not_held(run):
    rec = run("The Chadian army lifted the curfew in Abeche on Sunday before talks with the rebels begin.")
    assert not find_events(rec, cameo="046"), _rows(rec)


def test_a_sum_counted_in_millions_of_any_currency_is_aid(run):
    rec = run("The energy ministry released 40 million kwacha for families displaced by the floods.")
    assert find_events(rec, plover="AID"), _rows(rec)
    assert not find_events(rec, plover="RETREAT"), _rows(rec)


def test_aid_ordered_given_is_the_commanders(run):
    rec = run("Zambia's president ordered the treasury to release 40 million kwacha for families displaced "
              "by the floods.")
    assert find_events(rec, plover="AID", src="ZMBGOV", tgt="ZMBCVL"), _rows(rec)


def test_a_release_of_people_ordered_stays_a_release(run):
    rec = run("The court ordered the government to release the detained journalists.")
    assert find_events(rec, cameo="0841"), _rows(rec)


def test_one_person_held_is_detained(run):
    rec = run("Soldiers in Niger are holding President Mohamed Bazoum at his residence in Niamey.")
    assert find_events(rec, plover="COERCE", src="NERMIL", tgt="NERGOV"), _rows(rec)


def test_talks_held_are_no_detention(run):
    rec = run("Soldiers in Niger held talks with ECOWAS envoys in Niamey.")
    assert not find_events(rec, plover="COERCE"), _rows(rec)
