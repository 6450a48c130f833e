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
