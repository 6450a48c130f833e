"""Event coding: leaving or joining an international body named by its own name, an
announced withdrawal of troops, verdicts of guilt with and without a named court, and the
home of local people at talks held abroad. Invented news sentences, one construction per
test."""

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


def test_rebels_at_talks_abroad_are_not_of_the_country_hosting_the_talks(run):
    rec = run("Chad's army and the rebels opened talks in Doha on Monday.")
    assert find_events(rec, plover="CONSULT", src="TCD", tgt_code="TCDREB"), _rows(rec)
    assert not any(e.source.country == "QAT" or (e.target is not None and e.target.country == "QAT")
                   for e in rec.events), _rows(rec)
