"""Golden-file test: the example article of the brief (../shared/examples), coded in full.

``tests/golden/us_japan_alliance.expected.json`` says what an analyst codes from it;
``tests/golden/us_japan_alliance.snapshot.json`` pins the whole compact output so any
change shows up in review (refresh it with TIDINGS_UPDATE_GOLDEN=1 after checking).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import shared_file
from tidings.ingest import from_text
from tidings.rules.cameo import PLOVER_TYPES

GOLDEN = Path(__file__).parent / "golden"
pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def expected():
    return json.loads((GOLDEN / "us_japan_alliance.expected.json").read_text())


@pytest.fixture(scope="module")
def record(coder, expected):
    path = shared_file(expected["article"])
    art = from_text(path.read_text(encoding="utf-8"), id="us-japan", date=expected["date"])
    return coder.code(art)


def _country(ref):
    return None if ref is None else (ref.country or (ref.code or "")[:3] or None)


def test_expected_events(record, expected):
    missing = []
    for want in expected["events"]:
        ok = any(
            _country(e.source) == want["source"] and e.cameo_root in want["roots"]
            and (want["target"] is None or _country(e.target) == want["target"])
            for e in record.events
        )
        if not ok:
            missing.append(want["what"])
    assert not missing, f"events not coded: {missing}"


def test_every_event_has_provenance(record):
    for e in record.events:
        assert e.rule and e.plover in (None, *PLOVER_TYPES)
        s, t = e.span
        assert record.text[s:t] == record.sentences[e.sentence].text
        vs, vt = e.verb_span
        assert s <= vs < vt <= t
        assert e.date and e.date.startswith("201")


def test_quotes_and_speakers(record, expected):
    assert len(record.quotes) == len(expected["quotes"])
    for want in expected["quotes"]:
        q = next((q for q in record.quotes if q.text.startswith(want["starts"])), None)
        assert q is not None, want
        assert q.speaker is not None and want["speaker"] in q.speaker.name, (want, q.speaker)


def test_counts_dates_actors(record, expected):
    got_counts = {(c.value, c.location) for c in record.counts}
    for c in expected["counts"]:
        assert (c["value"], c["location"]) in got_counts
    got_dates = {(d.text, d.value) for d in record.dates}
    for d in expected["dates"]:
        assert (d["text"], d["value"]) in got_dates
    got_actors = {(a.name, a.code) for a in record.actors}
    for a in expected["actors"]:
        assert (a["name"], a["code"]) in got_actors


def test_record_validates_against_schema(record):
    from tests.test_schema import check

    schema = json.loads((Path(__file__).parent.parent / "src" / "tidings" / "schema"
                         / "record.schema.json").read_text())
    import jsonschema

    check(jsonschema.Draft202012Validator(schema), record)


def test_boilerplate_and_caption_yield_nothing(record):
    assert "Add new comment" not in record.text
    assert "(L)" not in record.text
    assert record.title and record.title.startswith("US Backs Japan")


def compact(record):
    return {
        "events": [[e.sentence, e.source.code, e.cameo, e.target.code if e.target else None, e.plover,
                    e.date] for e in record.events],
        "quotes": [[q.sentence, q.speaker.name if q.speaker else None, q.cue] for q in record.quotes],
    }


def test_snapshot(record):
    path = GOLDEN / "us_japan_alliance.snapshot.json"
    got = compact(record)
    if os.environ.get("TIDINGS_UPDATE_GOLDEN") or not path.exists():
        path.write_text(json.dumps(got, indent=1) + "\n")
    assert got == json.loads(path.read_text())
