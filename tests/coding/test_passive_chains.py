"""Passives that share one subject ("were beaten and detained by police"), the actor
inside a passive subject ("hundreds of villagers were ..."), and people who speak or act
for a body ("the leader of the rebels"). Invented news sentences, one construction per
test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "first", "second"), [
    ("Six students were beaten and detained by riot police in Dhaka.", "182", "173"),
    ("Three reporters were arrested and later deported by the authorities in Harare.", "173", "174"),
])
def test_an_agent_after_the_last_verb_did_every_verb_of_the_passive(run, text, first, second):
    rec = run(text)
    for cameo in (first, second):
        found = [e for e in rec.events if e.cameo == cameo]
        assert found and all(e.source.role == ("COP" if "police" in text else "GOV") for e in found), _rows(rec)
        assert all(e.target is not None and e.target.role in ("EDU", "MED") for e in found), _rows(rec)


def test_the_subject_of_a_shared_passive_is_not_its_doer(run):
    rec = run("Two aid workers were kidnapped near Gao and later released, officials in Mali said.")
    assert not [e for e in rec.events if e.source is not None and e.source.text
                and "aid workers" in e.source.text], _rows(rec)


def test_a_participle_after_a_comma_shares_the_passive(run):
    rec = run("The former governor was arrested in Lagos, charged with fraud and remanded in custody.")
    assert not [e for e in rec.events if e.source is not None and "governor" in (e.source.text or "")], _rows(rec)


def test_the_actor_inside_a_passive_subject_undergoes_the_act(run):
    rec = run("Hundreds of Yazidi villagers were massacred near Sinjar in 2014.")
    found = [e for e in rec.events if e.plover == "ASSAULT"]
    assert found and all(e.target is not None and "villagers" in e.target.text for e in found), _rows(rec)
    assert not [e for e in found if e.source is not None and "villagers" in (e.source.text or "")], _rows(rec)


def test_a_retreat_told_in_the_passive_keeps_its_doer(run):
    rec = run("About half of the militia fighters have been demobilized since the truce in Mozambique.")
    found = [e for e in rec.events if e.plover == "RETREAT"]
    assert found and all(e.source is not None and "fighters" in e.source.text for e in found), _rows(rec)


@pytest.mark.parametrize(("text", "role", "who"), [
    ("The leader of the rebels was captured near Bunia on Friday.", "REB", "target"),
    ("A spokesman for the rebels rejected the ceasefire offer from Kinshasa.", "REB", "source"),
    ("Police in Nairobi arrested the leaders of the protesters on Monday.", "OPP", "target"),
])
def test_who_speaks_or_acts_for_a_body_is_coded_as_the_body(run, text, role, who):
    rec = run(text)
    refs = [getattr(e, who) for e in rec.events]
    assert refs and any(r is not None and r.role == role for r in refs), _rows(rec)


def test_a_spokesman_for_an_organisation_is_the_organisation(run):
    rec = run("A spokeswoman for the European Union condemned the arrests in Minsk.")
    assert find_events(rec, src_code="IGOEUREEC"), _rows(rec)


@pytest.mark.parametrize(("text", "role"), [
    ("Four mourners were shot dead when soldiers opened fire on a funeral in Mandalay.", "MIL"),
    ("Nine villagers were killed after militants stormed a market in Borno.", "REB"),
])
def test_a_passive_killing_was_done_by_whoever_did_its_when_clause(run, text, role):
    rec = run(text)
    killed = [e for e in rec.events if e.plover == "ASSAULT" and e.verb in ("shot", "shot dead", "killed")]
    assert killed and all(e.source.role == role for e in killed), _rows(rec)


def test_a_when_clause_with_no_actor_names_no_doer(run):
    rec = run("Three soldiers were killed when their truck struck a landmine in Mali.")
    killed = [e for e in rec.events if e.verb == "killed"]
    assert not [e for e in killed if e.source is not None and e.source.role], _rows(rec)


def test_property_destroyed_by_no_one_named_is_not_the_authorities_act(run):
    rec = run("Dozens of shops were looted and set ablaze in Eldoret overnight.")
    assert not [e for e in rec.events if e.source is not None and e.source.role == "GOV"], _rows(rec)


@pytest.mark.parametrize(("text", "doer"), [
    ("The bus was hit by a rocket fired by Houthi rebels near Marib.", "YEMREB"),
    ("Three soldiers were killed by a roadside bomb planted by Taliban insurgents in Helmand.", "AFGREB"),
    ("The airliner was shot down by a missile believed to have been launched by Russian forces.", "RUSMIL"),
])
def test_whoever_fired_the_means_did_the_passive(run, text, doer):
    rec = run(text)
    hit = [e for e in rec.events if e.plover == "ASSAULT"]
    assert hit and all(e.source is not None and e.source.code == doer for e in hit), _rows(rec)


def test_a_person_named_as_agent_stays_the_doer(run):
    rec = run("The man was shot by a soldier trained by the United States.")
    shot = [e for e in rec.events if e.plover == "ASSAULT"]
    assert shot and all(e.source is not None and e.source.text == "soldier" for e in shot), _rows(rec)
