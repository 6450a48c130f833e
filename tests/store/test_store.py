"""The DuckDB store: idempotent ingest, errors kept, dyads, filters, export."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tidings.run.ingest import ingest
from tidings.store import Store, StoreError
from tidings.store.rows import event_date

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
    assert st["articles"] == 2 and st["events"] == first.events and st["errors"] == 2  # not logged twice
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
        n = s.export("parquet", tmp_path / "e.parquet").written
        assert pq.read_table(tmp_path / "e.parquet").num_rows == n > 0
        assert s.export("jsonl", tmp_path / "e.jsonl").written == n
    rows = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert len(rows) == n and {"source_code", "cameo", "sentence_text"} <= set(rows[0])
    # ids leave as text: JavaScript and R round 60-bit integers
    assert all(isinstance(r["cluster_id"], str) and r["cluster_id"].lstrip("-").isdigit() for r in rows)
    assert str(pq.read_table(tmp_path / "e.parquet").schema.field("cluster_id").type) == "string"


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="tidings ingest"):
        Store(tmp_path / "nope.duckdb", read_only=True)


def test_event_date_of_partial_dates():
    assert str(event_date("2017")) == "2017-01-01"
    assert str(event_date("2017-02")) == "2017-02-01"
    assert str(event_date("2017-Q3")) == "2017-07-01"
    assert event_date("9999-99") is None and event_date(None) is None
    assert event_date("2017-Q5") is None


def test_an_event_known_by_its_year_or_quarter_is_filed_under_a_day_it_covers(tmp_path):
    """"Earlier this year" is filed under the report's day, not 1 January (where every
    such event would pile up in a daily series); a quarter that has ended under its
    first day; the partial value itself is kept."""
    p = tmp_path / "news.jsonl"
    p.write_text(json.dumps({"id": "q", "date": "2023-10-18", "text": (
        "Earlier this year, Chile condemned Bolivia. In the second quarter, Peru "
        "accused Ecuador of smuggling.")}) + "\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    ingest([p], db)
    with Store(db, read_only=True) as s:
        rows = s.con.execute("SELECT source_country, date_value, CAST(date AS VARCHAR) FROM events "
                             "ORDER BY source_country").fetchall()
    assert rows == [("CHL", "2023", "2023-10-18"), ("PER", "2023-Q2", "2023-04-01")]


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


def test_sigkill_mid_ingest_then_rerun_stores_every_article_once(tmp_path):
    """kill -9 during ingest, run the same command again: every article exactly once,
    events consistent with a clean run, and the database opens cleanly."""
    import os
    import signal
    import time

    countries = ["France", "Germany", "Japan", "China", "Brazil", "Kenya", "Egypt", "India"]
    lines = []
    n = 400
    for i in range(n):
        a, b = countries[i % 8], countries[(i * 3 + 1) % 8]
        text = (f"{a} criticised {b} on Monday over trade. {b} rejected the criticism and "
                f"said it would hold talks with {a} next week. Officials from {a} met envoys "
                f"from {b} on Tuesday.")
        lines.append(json.dumps({"id": f"k{i}", "date": f"2022-{1 + i % 12:02d}-15", "text": text}))
    src = tmp_path / "many.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db, clean = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    cmd = [sys.executable, "-m", "tidings.cli", "ingest", str(src), "--batch", "2"]
    proc = subprocess.Popen([*cmd, "--db", str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    # wait for the first committed batches (the write-ahead log grows past the schema,
    # which the snapshot published at the start has checkpointed away), then kill
    wal = db.with_name(db.name + ".wal")
    deadline = time.time() + 120
    while time.time() < deadline and not (wal.exists() and wal.stat().st_size > 20_000):
        time.sleep(0.05)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with Store(db, read_only=True) as s:  # the killed store opens cleanly, whole articles only
        partial = s.stats()["articles"]
        half = s.con.execute("SELECT count(*) FROM articles a WHERE n_events <> "
                             "(SELECT count(*) FROM events e WHERE e.article_id = a.id)").fetchone()[0]
    assert 0 < partial < n, f"the kill did not land mid-run ({partial} of {n} stored)"
    assert half == 0
    assert subprocess.run([*cmd, "--db", str(db)], capture_output=True, timeout=300).returncode == 0
    assert subprocess.run([*cmd, "--db", str(clean)], capture_output=True, timeout=300).returncode == 0
    with Store(db, read_only=True) as s, Store(clean, read_only=True) as c:
        ids = s.con.execute("SELECT id, n_events FROM articles ORDER BY id").fetchall()
        assert ids == c.con.execute("SELECT id, n_events FROM articles ORDER BY id").fetchall()
        assert len(ids) == n
        per_article = "SELECT article_id, count(*) FROM events GROUP BY 1 ORDER BY 1"
        assert s.con.execute(per_article).fetchall() == c.con.execute(per_article).fetchall()
        assert s.stats()["events"] == c.stats()["events"]


def test_export_gdelt_one_row_per_event_cluster(tmp_path, corpus):
    from tidings.store.gdelt import GDELT_COLUMNS

    db = tmp_path / "t.duckdb"
    ingest([corpus], db)
    out = tmp_path / "events.tsv"
    with Store(db, read_only=True) as s:
        n = s.export("gdelt", out).written
        clusters = s.con.execute("SELECT count(*) FROM clusters").fetchone()[0]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == clusters == len(lines) > 0
    rows = [line.split("\t") for line in lines]
    assert all(len(r) == len(GDELT_COLUMNS) == 61 for r in rows)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    assert {r[col["Actor1CountryCode"]] for r in rows} <= {"RUS", "UKR", ""}
    assert all(r[col["SQLDATE"]].startswith("2021") for r in rows)
    assert len({r[col["GLOBALEVENTID"]] for r in rows}) == len(rows)


def test_spans_are_stored_for_provenance(tmp_path, corpus):
    """Every stored span points at the right words of the stored article text."""
    db = tmp_path / "t.duckdb"
    ingest([corpus], db)
    with Store(db, read_only=True) as s:
        rows = s.con.execute(
            "SELECT substr(a.text, e.verb_start + 1, e.verb_end - e.verb_start), e.verb, "
            "substr(a.text, e.source_start + 1, e.source_end - e.source_start), e.source_text "
            "FROM events e JOIN articles a ON a.id = e.article_id").fetchall()
        assert rows
        for verb_words, verb, src_words, src_text in rows:
            assert src_words == src_text
            assert verb_words.split()[0] == verb.split()[0]
        ments = s.con.execute(
            "SELECT substr(a.text, m.span_start + 1, m.span_end - m.span_start), ac.name "
            "FROM mentions m JOIN actors ac ON ac.article_id = m.article_id AND ac.idx = m.actor_idx "
            "JOIN articles a ON a.id = m.article_id").fetchall()
        assert ("Zelensky", "Volodymyr Zelensky") in ments or any(n == "Russia" for _, n in ments)
        assert all(words for words, _ in ments)


def test_events_without_a_known_doer_are_stored_apart(tmp_path):
    """Two looting reports on one day in two places are two events, not one cluster."""
    p = tmp_path / "news.jsonl"
    p.write_text("\n".join(json.dumps({"id": f"l{i}", "date": "2022-06-01", "text": (
        f"Shops were looted and torched in {town} overnight.")}) for i, town in
        enumerate(["Bangui", "Kisumu"])) + "\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    ingest([p], db)
    with Store(db, read_only=True) as s:
        rows = s.con.execute("SELECT source_code, source_name, cluster_id FROM events").fetchall()
    assert len(rows) == 2 and {r[:2] for r in rows} == {(None, "unidentified")}
    assert rows[0][2] != rows[1][2]
