"""A protest that police break up or troops fire on was held: the protest is coded too, by
whoever the noun names, else by no one named. A protest that is only banned or planned
was not. Invented news sentences."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "src"), [
    ("Riot police used water cannon to break up a demonstration in Lusaka on Friday.", None),
    ("Police broke up a sit-in by nurses outside the health ministry in Accra.", "GHA"),
    ("Soldiers opened fire on a march of opposition supporters in Bamako.", "MLI"),
])
def test_a_protest_broken_up_was_held(run, text, src):
    rec = run(text)
    held = find_events(rec, plover="PROTEST")
    assert held, _rows(rec)
    assert src is None or any(e.source.country == src for e in held), _rows(rec)
    assert find_events(rec, plover="ASSAULT"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Police banned a march planned for Saturday in Harare.",
    "The government said it would not allow any rally in the capital.",
])
def test_a_protest_banned_or_refused_was_not_held(run, text):
    rec = run(text)
    assert not find_events(rec, plover="PROTEST"), _rows(rec)
