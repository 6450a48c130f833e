"""Event coding of orders: what is ordered is the act when the order names it as a noun.
Invented news sentences, one construction per test."""

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
