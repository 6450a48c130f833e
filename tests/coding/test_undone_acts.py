"""Acts a sentence names but does not report as done: stopped or kept from ("stopped
detaining journalists", "refrain from attacking"), still weighed ("whether to strike"),
and an act done to something by nobody named ("after the curfew was lifted"). Invented
news sentences."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows


@pytest.mark.parametrize(("text", "root"), [
    ("Turkish police stopped detaining journalists after the court ruling.", "17"),
    ("The drivers' union has yet to decide whether to strike over the new tolls.", "14"),
    ("The government in Ankara is still weighing whether to expel the Dutch ambassador.", "16"),
    ("The rebels promised to refrain from attacking aid convoys in Darfur.", "19"),
    ("The embassy told its nationals to avoid travelling to the border region.", "04"),
    ("The mediators urged both militias to stop shelling the camps near Goma.", "19"),
    ("Jordan said it would not allow refugees to be deported to Syria.", "17"),
    ("The junta did not want to detain the monitors at the airport.", "17"),
    ("Security services foiled a plot to bomb the French embassy in Niamey.", "19"),
    ("The rebels drew up a plan to attack the army base in Goma.", "19"),
    ("Malawi rejected calls by donors to expel the Chinese envoy.", "16"),
    ("Morocco and Nigeria signed a deal to build a gas pipeline along the coast.", "06"),
])
def test_an_act_stopped_avoided_or_weighed_is_not_done(run, text, root):
    rec = run(text)
    assert not [e for e in rec.events if e.cameo_root == root], _rows(rec)


@pytest.mark.parametrize("text", [
    "The army began shelling the town of Bakhmut on Monday.",
    "Despite the truce, the army did not stop shelling the town of Bakhmut.",
    "The army did not hesitate to shell the town of Bakhmut on Monday.",
])
def test_an_act_begun_or_not_stopped_is_still_done(run, text):
    rec = run(text)
    assert [e for e in rec.events if e.cameo_root == "19"], _rows(rec)


def test_stopping_a_thing_is_not_stopping_an_act(run):
    rec = run("Police in Lagos arrested 30 people after the protest was stopped.")
    assert [e for e in rec.events if e.cameo_root == "17"], _rows(rec)


@pytest.mark.parametrize("text", [
    "Shopkeepers reopened their stores in Srinagar after the curfew was lifted.",
    "Hundreds of protesters returned home after the curfew was lifted.",
])
def test_nobody_named_did_an_agentless_passive(run, text):
    rec = run(text)
    assert not [e for e in rec.events if e.source is not None and e.source.text
                and e.verb == "lifted"], _rows(rec)
