"""Every record we print validates against the published JSON Schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from tidings.ingest import from_text
from tidings.output import record_dict
from tidings.rules.tables import data_path


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((resources.files("tidings") / "schema" / "record.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check(validator, rec):
    d = record_dict(rec)
    errors = sorted(validator.iter_errors(d), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    text = d["text"]
    spans = [e["span"] for e in d["events"]] + [q["span"] for q in d["quotes"]]
    spans += [m["span"] for a in d["actors"] for m in a["mentions"]]
    spans += [c["span"] for c in d["counts"]] + [x["span"] for x in d["dates"]]
    for s, e in spans:
        assert 0 <= s < e <= len(text)
    for a in d["actors"]:
        for m in a["mentions"]:
            assert text[m["span"][0] : m["span"][1]] == m["text"]
    for q in d["quotes"]:
        assert text[q["span"][0] : q["span"][1]] == q["text"]


def test_sample_article_validates(validator, coder):
    raw = data_path("sample_article.txt").read_text(encoding="utf-8")
    check(validator, coder.code(from_text(raw, id="sample", date="2024-03-15")))


def test_record_without_date_validates(validator, coder):
    check(validator, coder.code(from_text("Israel accused Iran of arming militias.", id="x")))


def test_schema_rejects_a_broken_record(validator, coder):
    d = record_dict(coder.code(from_text("Israel accused Iran of arming militias.", id="x")))
    d["events"][0]["plover"] = "FIGHT"  # an old label is not a current PLOVER type
    assert list(validator.iter_errors(d))


def test_a_target_no_words_name_validates(validator, coder):
    # a domestic act falls on the doers' own country, which no words name: an empty span
    rec = coder.code(from_text("Teachers across Malawi went on strike on Monday.", id="x"))
    assert any(e.target is not None and e.target.text == "" and e.target.code == "MWI" for e in rec.events)
    d = record_dict(rec)
    assert not list(validator.iter_errors(d))
