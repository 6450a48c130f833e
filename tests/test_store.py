"""The DuckDB store: idempotent ingest, errors kept, dyads, filters, export."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tidings.runner import ingest
from tidings.store import Store, StoreError, event_date

ARTICLES = [
    {"id": "a1", "date": "2021-03-02", "text": (
        "Russia threatens Ukraine\n\n"
        "Russia threatened Ukraine with military action on Monday. Ukrainian President "
        "Volodymyr Zelensky accused Russia of massing troops on the border.")},
    {"id": "a2", "date": "2021-04-14", "text": (
        "Talks in Geneva\n\n"
        "Russia and Ukraine held talks in Geneva on Tuesday. Ukraine condemned Russia "
        "for the shelling of Mariupol.")},
    {"id": "bad", "date": 20210101, "text": "Not stored: the date is a number."},
]


@pytest.fixture()
def corpus(tmp_path):
    p = tmp_path / "news.jsonl"
    p.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n{broken\n", encoding="utf-8")
    return p


def test_ingest_is_idempotent_and_keeps_errors(tmp_path, corpus):
    db = tmp_path / "t.duckdb"
    first = ingest([corpus], db)
    assert (first.added, first.errors) == (2, 2)
    second = ingest([corpus], db)
    assert second.added == 0 and second.skipped == 2
    with Store(db, read_only=True) as s:
        st = s.stats()
    assert st["articles"] == 2 and st["events"] == first.events and st["errors"] == 4
    assert st["first_event_date"] == "2021-03-01"


def test_dyads_both_directions_by_month(tmp_path, corpus):
    db = tmp_path / "t.duckdb"
    ingest([corpus], db)
    with Store(db, read_only=True) as s:
        rows = s.dyads("RUS", "UKR", by="month")
        assert {r["direction"] for r in rows} == {"RUS->UKR", "UKR->RUS"}
        assert {r["period"] for r in rows} == {"2021-03-01", "2021-04-01"}
        for r in rows:
            assert r["events"] == sum(r[k] for k in ("verbal_coop", "material_coop",
                                                      "verbal_conflict", "material_conflict"))
            assert -10 <= r["mean_goldstein"] <= 10
        with pytest.raises(ValueError):
            s.dyads("RUS", "UKR", by="fortnight")


def test_event_filters(tmp_path, corpus):
    db = tmp_path / "t.duckdb"
    ingest([corpus], db)
    with Store(db, read_only=True) as s:
        threats = s.events(source="RUS", plover="THREATEN")
        assert threats and all(e["plover"] == "THREATEN" for e in threats)
        assert all(e["sentence_text"] for e in threats)
        assert not s.events(source="RUS", since="2030-01-01")
        assert all(e["cameo"].startswith("11") for e in s.events(cameo="11"))
        # a hostile parameter is just a value, never SQL
        assert s.events(source="RUS' OR 1=1 --") == []


def test_export_parquet_and_jsonl(tmp_path, corpus):
    import pyarrow.parquet as pq

    db = tmp_path / "t.duckdb"
    ingest([corpus], db)
    with Store(db, read_only=True) as s:
        n = s.export("parquet", tmp_path / "e.parquet")
        assert pq.read_table(tmp_path / "e.parquet").num_rows == n > 0
        assert s.export("jsonl", tmp_path / "e.jsonl") == n
    rows = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert len(rows) == n and {"source_code", "cameo", "sentence_text"} <= set(rows[0])


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="tidings ingest"):
        Store(tmp_path / "nope.duckdb", read_only=True)


def test_event_date_of_partial_dates():
    assert str(event_date("2017")) == "2017-01-01"
    assert str(event_date("2017-02")) == "2017-02-01"
    assert event_date("9999-99") is None and event_date(None) is None


def test_cli_ingest_stats_dyads(tmp_path, corpus):
    db = tmp_path / "t.duckdb"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "tidings.cli", *args], capture_output=True,
                              text=True, timeout=300)

    res = run("ingest", str(corpus), "--db", str(db), "--workers", "2")
    assert res.returncode == 0, res.stderr
    st = json.loads(run("stats", "--db", str(db), "--json").stdout)
    assert st["articles"] == 2 and st["errors"] == 2
    rows = json.loads(run("dyads", "RUS", "UKR", "--db", str(db), "--format", "json").stdout)
    assert rows and rows[0]["period"].startswith("2021-")
    res = run("stats", "--db", str(tmp_path / "missing.duckdb"))
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
