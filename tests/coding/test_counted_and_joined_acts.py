"""Acts a sentence tells beside its main one: a side clause's arrests of people counted by
a number or a crowd word, two acts joined by "and", an object "them" after an object, and
intelligence shared on someone (no partner).
Invented news sentences, one construction per test."""

from __future__ import annotations

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


def test_arrests_of_a_crowd_word_in_a_side_clause_are_told(run):
    rec = run("Riot police teargassed students in Lusaka, detaining dozens.")
    assert find_events(rec, plover="COERCE", src="ZMBCOP"), _rows(rec)


def test_arrests_of_at_least_a_number_in_a_side_clause_are_told(run):
    rec = run("Police used batons on striking miners in Rustenburg, arresting at least 25.")
    assert find_events(rec, plover="COERCE", src="ZAFCOP"), _rows(rec)


def test_two_acts_joined_by_and_are_both_told(run):
    rec = run("Soldiers stormed a rebel camp near Beledweyne and captured four rebels.")
    assert find_events(rec, cameo="190", src="SOMMIL"), _rows(rec)
    assert find_events(rec, plover="COERCE", src="SOMMIL"), _rows(rec)



def test_an_object_them_is_the_object_before_it(run):
    rec = run("Soldiers seized four traders at a checkpoint near Bunia and beat them.")
    assert find_events(rec, plover="ASSAULT", src="CODMIL", tgt="COD"), _rows(rec)


def test_intelligence_shared_on_someone_is_not_shared_with_them(run):
    rec = run("Benin shared intelligence on the movements of the jihadists with Togo.")
    assert find_events(rec, plover="COOPERATE", src="BEN", tgt="TGO"), _rows(rec)
    rec = run("Benin shared intelligence on the movements of the jihadists.")
    assert find_events(rec, plover="COOPERATE", src="BEN", tgt=""), _rows(rec)
