"""`export --format plover`: the PLOVER manual's JSON event records, checked field by
field against the manual's tables (our list of them, and the manual itself when
../shared is here)."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import shared_file
from tests.store.news import ARTICLES
from tidings.rules import RuleSet
from tidings.run.ingest import ingest
from tidings.store import Store
from tidings.store.plover import (
    CITE_FIELDS,
    ENTITY_FIELDS,
    EVENT_FIELDS,
    LOCATION_FIELDS,
    REQUIRED,
    TEXT_FIELDS,
    plover_record,
)


@pytest.fixture()
def records(tmp_path):
    src = tmp_path / "news.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    db = tmp_path / "p.duckdb"
    ingest([src], db)
    out = tmp_path / "events.plover.jsonl"
    with Store(db, read_only=True) as s:
        n = s.export("plover", out).written
        stored = s.con.execute("SELECT count(*) FROM events").fetchone()[0]
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert n == stored == len(lines) > 0
    return lines


def test_every_record_uses_the_manuals_names_and_has_what_it_requires(records):
    for r in records:
        assert set(r) <= set(EVENT_FIELDS) and all(r.get(k) for k in REQUIRED), r
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
        for ent in [*r["actor"], *r.get("recipient", [])]:
            assert set(ent) <= set(ENTITY_FIELDS)
            assert ent.get("code") is None or len(ent["code"]) == 3
        assert set(r.get("event_loc", {})) <= set(LOCATION_FIELDS)
        assert set(r["text_info"]) <= set(TEXT_FIELDS) and set(r["cite_info"]) <= set(CITE_FIELDS)
        assert r["event"] and r["quad_code"] in (1, 2, 3, 4)
    assert len({r["id"] for r in records}) == len(records)


def test_mode_context_place_and_source_come_with_the_event(records):
    arrest = next(r for r in records if r["event"] == ["COERCE"])
    assert (arrest["actor"][0]["code"], arrest["actor"][0]["sector"]) == ("KEN", "COP")
    assert arrest["actor"][0]["entity_text"] == "Kenyan police"
    assert (arrest["recipient"][0]["code"], arrest["recipient"][0]["sector"]) == ("KEN", "OPP")
    assert arrest["mode"] == ["arrest"] and arrest["context"] == ["legal"]
    assert arrest["event_loc"]["resolved_place"] == "Nairobi" and arrest["event_loc"]["feature_class"] == "P"
    assert arrest["event_loc"]["geonameid"] == 184745 and arrest["event_loc"]["country_code"] == "KEN"
    assert arrest["cite_info"]["url"] == "https://news.example/k1" and "Nairobi" in arrest["event_text"][0]
    talks = next(r for r in records if r["event"] == ["CONSULT"])
    assert talks["date"] == "2022-05-11"  # "on Wednesday" of a Thursday article


def test_a_partial_date_runs_to_its_last_day():
    codes = RuleSet.default().cameo
    row = {"article_id": "a", "idx": 0, "date": "2017-02-01", "date_value": "2017-02", "plover": "ASSAULT",
           "cameo": "190", "source_code": "SYRMIL", "source_country": "SYR", "source_name": "Syrian army"}
    rec = plover_record(row, codes)
    assert (rec["date"], rec["enddate"]) == ("2017-02-01", "2017-02-28")
    assert rec["actor"] == [{"code": "SYR", "sector": "MIL", "identifier_text": "Syrian army",
                             "entity_text": "Syrian army"}]
    assert "recipient" not in rec
    year = plover_record({**row, "date": "2016-01-01", "date_value": "2016"}, codes)
    assert year["enddate"] == "2016-12-31"
    # the store files "earlier this year" under its report's day; the period stays whole
    year = plover_record({**row, "date": "2016-06-09", "date_value": "2016"}, codes)
    assert (year["date"], year["enddate"]) == ("2016-01-01", "2016-12-31")
    quarter = plover_record({**row, "date": "2016-07-01", "date_value": "2016-Q3"}, codes)
    assert (quarter["date"], quarter["enddate"]) == ("2016-07-01", "2016-09-30")


def _manual_table(tex: str, caption: str) -> list[str]:
    body = tex.split(f"\\caption{{{caption}", 1)[1].split("\\end{tabular}", 1)[0]
    names = []
    for line in body.splitlines():
        cell = line.split("&", 1)[0].strip().replace("\\_", "_")
        if "&" in line and re.fullmatch(r"[a-z_]+", cell):
            names.append(cell)
    return names


@pytest.mark.shared
def test_our_field_lists_are_the_manuals():
    tex = shared_file("reference/plover/PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    assert tuple(_manual_table(tex, "PLOVER JSON")) == EVENT_FIELDS
    assert tuple(_manual_table(tex, "Information object for entities")) == ENTITY_FIELDS
    assert tuple(_manual_table(tex, "Information object for text")) == TEXT_FIELDS
    assert tuple(_manual_table(tex, "Information object for citations")) == CITE_FIELDS
    assert tuple(_manual_table(tex, "Location object")) == LOCATION_FIELDS


def test_the_export_command_writes_plover_to_standard_output(tmp_path):
    from typer.testing import CliRunner

    from tidings.cli import app

    src = tmp_path / "news.jsonl"
    src.write_text(json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    ingest([src], db)
    res = CliRunner().invoke(app, ["export", "--db", str(db), "-f", "plover", "-o", "-"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert lines and all(r["coder"].startswith("tidings-") for r in lines)
