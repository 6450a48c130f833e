"""The Python entry points an analyst uses: a record that prints short, turns into dicts,
JSON and back, dates as ``datetime.date``, and events as an Arrow table."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import tidings
from tidings.ingest import InputError
from tidings.model import record_from_dict

TEXT = ("Japan and China agree to hold talks\n\n"
        "Japanese Prime Minister Fumio Kishida met Chinese President Xi Jinping in Beijing on "
        "Tuesday. \"We will work together,\" Kishida told reporters. Police in Seoul arrested "
        "dozens of protesters on Monday.")


@pytest.fixture(scope="module")
def rec(coder):
    return tidings.code(TEXT, date=dt.date(2023, 11, 16), coder=coder)


def test_a_date_object_is_a_date(rec, coder):
    assert rec.date == "2023-11-16"
    again = tidings.code(TEXT, date=dt.datetime(2023, 11, 16, 9, 30), coder=coder)
    assert again.date == "2023-11-16" and again.events == rec.events
    with pytest.raises(InputError):
        tidings.code(TEXT, date=20231116, coder=coder)


def test_repr_is_short_and_says_what_is_inside(rec):
    text = repr(rec)
    assert len(text) < 300 and rec.id in text and f"{len(rec.events)} events" in text


def test_to_dict_and_json_go_back_to_the_same_record(rec):
    assert record_from_dict(rec.to_dict()) == rec
    assert record_from_dict(json.loads(rec.to_json())) == rec


def test_events_frame_is_one_typed_row_per_event(rec):
    table = tidings.events_frame([rec, rec])
    assert table.num_rows == 2 * len(rec.events) > 0
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("negated").type) == "bool"
    row = table.slice(0, 1).to_pylist()[0]
    assert row["article_id"] == rec.id and row["cameo"] == rec.events[0].cameo
    assert tidings.events_frame([]).num_rows == 0
