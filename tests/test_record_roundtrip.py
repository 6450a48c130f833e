"""`record_from_dict` is the exact inverse of `to_dict` / `record_dict(with_sentences=True)`."""

from __future__ import annotations

import json

import tidings
from tidings.ingest import read_path
from tidings.model import ArticleRecord, Event, record_from_dict, to_dict
from tidings.output import record_dict
from tidings.rules.tables import data_path


def test_sample_records_round_trip(coder):
    raw = data_path("sample_article.txt").read_text(encoding="utf-8")
    recs = [tidings.code(raw, date="2024-03-15", id="sample")]
    recs += [coder.code(a) for a in read_path(data_path("sample_news.jsonl"))]
    assert any(r.events and r.quotes and r.places and r.counts for r in recs)
    for rec in recs:
        assert record_from_dict(to_dict(rec)) == rec
        # through JSON, as `tidings spark` stores it (empty warnings left out)
        back = record_from_dict(json.loads(json.dumps(record_dict(rec, with_sentences=True))))
        assert back == rec and isinstance(back, ArticleRecord)
        assert all(isinstance(e, Event) and isinstance(e.span, tuple) for e in back.events)
        assert all(isinstance(m.span, tuple) for a in back.actors for m in a.mentions)


def test_warnings_and_missing_optional_parts():
    d = {"id": "x", "title": None, "date": None, "url": None, "text": "t", "warnings": ["short"]}
    rec = record_from_dict(d)
    assert rec.warnings == ("short",) and rec.events == () and rec.sentences == ()
