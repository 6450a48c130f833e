"""A store of an earlier schema is brought up to date when opened for writing, keeping
everything it holds; a read-only open leaves it as it is."""

from __future__ import annotations

import json
import re

import duckdb
import pytest

from tidings.run.ingest import ingest
from tidings.store import Store, StoreError
from tidings.store.schema import CLUSTERS_SQL, SCHEMA_VERSION

NEW_COLUMNS = [("places", "geonames_id"), ("places", "admin1"), ("events", "location_kind"),
               ("events", "location_geonames_id"), ("events", "location_admin1")]
COLUMNS_OF_6 = [("events", "lead"), ("events", "source_root"), ("events", "target_root")]
COLUMNS_OF_7 = [("articles", "tone"), ("articles", "tone_positive"), ("articles", "tone_negative"),
                ("articles", "word_count")]

STORY = {"id": "k1", "date": "2021-03-02", "text": (
    "Police in Kingston, Ontario, arrested two men on Monday after a protest outside the "
    "city hall. Canada condemned the attack on the protesters.")}


def _downgrade_to_4(db) -> None:
    """What a store written by the previous release looks like: no GeoNames id or
    province on its places."""
    con = duckdb.connect(str(db))
    con.execute("DROP VIEW clusters")
    for table, column in NEW_COLUMNS + COLUMNS_OF_6 + COLUMNS_OF_7:
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    old_view = re.sub(r"\s*arg_min\(e\.location_(?:kind|geonames_id|admin1),[^\n]*\n[^\n]*,", "", CLUSTERS_SQL)
    con.execute("CREATE VIEW clusters AS " + old_view.replace("{where}", ""))
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.close()


def _downgrade_to_5(db) -> None:
    """A store of schema 5: no lead or root columns on its events."""
    con = duckdb.connect(str(db))
    for table, column in COLUMNS_OF_6 + COLUMNS_OF_7:
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    con.close()


def _downgrade_to_6(db) -> None:
    """A store of schema 6: no tone on its articles."""
    con = duckdb.connect(str(db))
    for table, column in COLUMNS_OF_7:
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    con.close()


def _version(db) -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    finally:
        con.close()


def test_places_carry_geonames_id_and_province(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(STORY) + "\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    ingest([src], db)
    with Store(db, read_only=True) as s:
        rows = s.con.execute("SELECT name, kind, geonames_id, admin1 FROM places ORDER BY name").fetchall()
    assert ("Kingston", "city", 5992500, "Ontario") in rows
    assert ("Ontario", "region", None, "Ontario") in rows


def test_an_older_store_is_migrated_when_written(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(STORY) + "\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    ingest([src], db)
    _downgrade_to_4(db)
    with Store(db, read_only=True) as s:  # read-only: opens, changes nothing, reads what it has
        before = s.stats()
        assert "location_kind" not in [d[0] for d in s.con.execute("SELECT * FROM clusters LIMIT 0").description]
        assert s.clusters()
    assert _version(db) == "4"
    story2 = {"id": "k2", "date": "2021-03-09", "text": (
        "Police detained a third man in Kingston, Ontario, on Tuesday. Officers in the city said "
        "the men were charged with assault, and Canada promised an inquiry into the clashes.")}
    src.write_text(json.dumps(story2) + "\n", encoding="utf-8")
    ingest([src], db)
    assert _version(db) == SCHEMA_VERSION
    with Store(db, read_only=True) as s:
        after = s.stats()
        old = s.con.execute("SELECT count(*) FROM places WHERE article_id = 'k1' AND admin1 IS NULL").fetchone()[0]
        new = s.con.execute("SELECT admin1 FROM places WHERE article_id = 'k2' AND name = 'Kingston'").fetchone()
    assert after["articles"] == before["articles"] + 1 and after["events"] > before["events"]
    assert old > 0  # the old rows are kept as they were
    assert new == ("Ontario",)
    with Store(db, read_only=True) as s:
        located = s.con.execute("SELECT location_admin1, location_geonames_id FROM events "
                                "WHERE article_id = 'k2' AND location = 'Kingston'").fetchall()
        view = [d[0] for d in s.con.execute("SELECT * FROM clusters LIMIT 0").description]
    assert ("Ontario", 5992500) in located
    assert "location_geonames_id" in view  # the clusters view was made anew


@pytest.mark.parametrize(("version", "says"), [("2", "older tidings .*new --db file"),
                                               ("99", "newer tidings .*upgrade tidings")])
def test_a_store_of_another_schema_is_refused_saying_what_to_do(tmp_path, version, says):
    db = tmp_path / "t.duckdb"
    with Store(db):
        pass
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [version])
    con.close()
    for read_only in (True, False):
        with pytest.raises(StoreError, match=says):
            Store(db, read_only=read_only)


def test_a_store_of_schema_5_reads_and_migrates_to_the_same_dyads(tmp_path):
    src = tmp_path / "a.jsonl"
    stories = [{"id": f"s{i}", "date": "2021-03-0" + str(i), "text": (
        "Russia accused Ukraine of shelling a village on Monday. Ukraine denied it. The "
        "United Nations urged Russia and Ukraine to hold talks.")} for i in range(1, 4)]
    src.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    db = tmp_path / "t.duckdb"
    ingest([src], db)
    with Store(db, read_only=True) as s:
        want = (s.dyads("RUS", "UKR"), s.dyads("IGO", "RUS"), s.stats())
        leads = s.con.execute("SELECT article_id, idx, lead FROM events ORDER BY 1, 2").fetchall()
    assert want[0] and want[1]
    _downgrade_to_5(db)
    with Store(db, read_only=True) as s:  # read through views that compute the columns
        assert (s.dyads("RUS", "UKR"), s.dyads("IGO", "RUS"), s.stats()) == want
    assert _version(db) == "5"
    with Store(db) as s:  # opened for writing: migrated
        pass
    assert _version(db) == SCHEMA_VERSION
    with Store(db, read_only=True) as s:
        assert (s.dyads("RUS", "UKR"), s.dyads("IGO", "RUS"), s.stats()) == want
        assert s.con.execute("SELECT article_id, idx, lead FROM events ORDER BY 1, 2").fetchall() == leads



def test_a_store_of_schema_6_reads_without_tone_and_migrates_keeping_its_articles(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(STORY) + "\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    ingest([src], db)
    _downgrade_to_6(db)
    out = tmp_path / "g.tsv"
    with Store(db, read_only=True) as s:  # the articles read through a view with tone unknown
        assert s.con.execute("SELECT tone FROM articles").fetchall() == [(None,)]
        assert s.export("gdelt", out).written > 0
    assert {line.split("\t")[34] for line in out.read_text().splitlines()} == {"0"}  # AvgTone
    assert _version(db) == "6"
    story2 = {**STORY, "id": "k2", "text": STORY["text"].replace("Monday", "Tuesday")}
    src.write_text(json.dumps(story2) + "\n", encoding="utf-8")
    ingest([src], db)
    assert _version(db) == SCHEMA_VERSION
    with Store(db, read_only=True) as s:
        tones = dict(s.con.execute("SELECT id, tone FROM articles").fetchall())
    assert tones["k1"] is None and tones["k2"] < 0  # "arrested", "protest", "condemned", "attack"
