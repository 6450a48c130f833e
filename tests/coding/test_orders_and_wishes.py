"""Event coding of orders and wishes: what is ordered is the act when the order names it
as a noun; wanting someone else to act asks them to. Invented news sentences, one
construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "plover"), [
    ("The army chief ordered a complete blockade of the port city on Monday.", "COERCE"),
    ("The interior minister ordered a crackdown on illegal miners in the north.", "ASSAULT"),
])
def test_an_order_naming_an_act_is_that_act(run, text, plover):
    rec = run(text)
    assert find_events(rec, plover=plover), _rows(rec)
    assert not find_events(rec, cameo="100"), _rows(rec)


def test_an_order_to_someone_else_stays_a_demand(run):
    rec = run("The court ordered the ministry to publish the contracts.")
    assert find_events(rec, cameo="100"), _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "src", "tgt"), [
    ("The European Union wants Moscow to pull its troops back from the border.", "0256", "IGOEUREEC", "RUS"),
    ("Washington wants Cairo to let more aid trucks through the Rafah crossing.", "0255", "USA", "EGY"),
    ("The opposition wants the prime minister to resign over the scandal.", "0241", "OPP", "GOV"),
])
def test_wanting_someone_to_act_asks_them_to(run, text, cameo, src, tgt):
    rec = run(text)
    assert [e for e in rec.events if e.cameo == cameo and e.source.code.startswith(src)
            and e.target is not None and tgt in e.target.code], _rows(rec)


@pytest.mark.parametrize("text", [
    "Georgia wants to join the European Union within a decade.",
    "Iran wants nuclear weapons, the Israeli minister said.",
])
def test_wanting_to_act_or_to_have_something_asks_nobody(run, text):
    rec = run(text)
    assert not find_events(rec, plover="REQUEST"), _rows(rec)


def test_a_call_to_a_counterpart_with_a_purpose_is_still_a_phone_call(run):
    rec = run("The Kenyan president called his Ugandan counterpart to assure him of support.")
    assert [e for e in rec.events if e.cameo == "041" and e.target is not None and e.target.code == "UGAGOV"], \
        _rows(rec)


@pytest.mark.parametrize("text", [
    "The governor urged the federal government to suspend the resettlement of refugees.",
    "A regional governor in Nigeria urged the Nigerian government to stop the deportation of migrants.",
])
def test_the_one_asked_is_never_swapped_for_the_infinitives_object(run, text):
    """The object of "urged" is asked even when it is the source's own state: the event
    then stands without a target; the refugees or migrants are asked nothing."""
    rec = run(text)
    asks = find_events(rec, plover="REQUEST")
    assert asks and all(e.target is None for e in asks), _rows(rec)


def test_the_people_asked_are_the_target_not_the_place_the_infinitive_names(run):
    """"urged its citizens to avoid the country": the citizens are asked (the source's own
    people), not the country of the infinitive's object."""
    rec = run("Uganda has suspended flights to South Sudan and has urged its citizens to leave the country.")
    asks = find_events(rec, plover="REQUEST")
    assert asks and all(e.target is not None and e.target.country == "UGA" for e in asks), _rows(rec)
