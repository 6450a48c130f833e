"""What an act was done for, aid announced, and bodies sides set up together. Invented news
sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize("text", [
    "The Zambian government sent 800 troops north to support the army near the border.",
    "The African Development Bank approved a 200 million dollar loan for Kenya to support farmers in the north.",
])
def test_support_as_the_purpose_of_another_act_is_no_word_of_support(run, text):
    rec = run(text)
    assert not find_events(rec, cameo="051"), _rows(rec)


@pytest.mark.parametrize("text", [
    "France said on Monday it supported the resolution.",
    "Germany strongly supports the Moldovan government, the chancellor said.",
])
def test_support_voiced_is_still_support(run, text):
    rec = run(text)
    assert find_events(rec, plover="SUPPORT"), _rows(rec)


@pytest.mark.parametrize("text, plover_root", [
    ("The EU announced 40 million euros in humanitarian aid for flood victims in Pakistan.",
     "07"),
    ("Japan announced a new package of military aid for the Philippines on Tuesday.", "07"),
])
def test_aid_announced_is_aid_given(run, text, plover_root):
    rec = run(text)
    assert find_events(rec, root=plover_root), _rows(rec)


def test_aid_to_be_announced_is_still_only_intended(run):
    rec = run("Japan will announce new military aid for the Philippines next week.")
    assert find_events(rec, root="03"), _rows(rec)
    assert not find_events(rec, root="07"), _rows(rec)


@pytest.mark.parametrize("text, cameo", [
    ("Kenya and Uganda set up a joint commission to monitor their shared border.", "060"),
    ("Chad and Niger formed a joint task force to fight the militants around the lake.", "062"),
    ("Ghana and Togo established a joint investigation team on Friday.", "060"),
])
def test_a_joint_body_the_sides_set_up_is_cooperation(run, text, cameo):
    rec = run(text)
    assert len({(e.source.country, e.target.country) for e in rec.events
                if e.cameo == cameo and e.target is not None}) == 2, _rows(rec)


def test_a_body_one_side_sets_up_alone_is_no_cooperation(run):
    rec = run("The Kenyan government set up a commission to investigate the killings.")
    assert not find_events(rec, root="06"), _rows(rec)


def test_a_command_inside_one_state_is_no_demand(run):
    rec = run("Kenyan President William Ruto ordered the police commander in Mombasa to look into the deaths.")
    assert not find_events(rec, root="10"), _rows(rec)


def test_an_order_to_another_state_is_a_demand(run):
    rec = run("The UN Security Council ordered Israel to halt the offensive in Rafah.")
    assert find_events(rec, root="10", tgt="ISR"), _rows(rec)


def test_ending_joint_drills_is_not_read_as_a_joint_body(run):
    rec = run("Iraq and Iran ended their joint military drills on Sunday.")
    assert not find_events(rec, plover="COOPERATE"), _rows(rec)


def test_a_court_s_order_to_the_government_is_still_a_demand(run):
    rec = run("A Kenyan court ordered the interior minister to appear before it on Friday.")
    assert find_events(rec, root="10", src="KEN", tgt="KEN"), _rows(rec)


def test_police_blocking_marchers_restrict_them(run):
    rec = run("Riot police blocked columns of marchers on the main avenue in Santiago.")
    assert find_events(rec, cameo="1721", src="CHL"), _rows(rec)
    assert not find_events(rec, plover="REJECT"), _rows(rec)
