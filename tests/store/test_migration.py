"""A store of an earlier schema is brought up to date when opened for writing, keeping
everything it holds; a read-only open leaves it as it is."""

from __future__ import annotations

import json

import duckdb
import pytest

from tidings.run.ingest import ingest
from tidings.store import Store, StoreError
from tidings.store.schema import SCHEMA_VERSION

STORY = {"id": "k1", "date": "2021-03-02", "text": (
    "Police in Kingston, Ontario, arrested two men on Monday after a protest outside the "
    "city hall. Canada condemned the attack on the protesters.")}


def _downgrade_to_4(db) -> None:
    """What a store written by the previous release looks like: no GeoNames id or
    province on its places."""
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE places DROP COLUMN geonames_id")
    con.execute("ALTER TABLE places DROP COLUMN admin1")
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
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
    with Store(db, read_only=True) as s:  # read-only: opens, changes nothing
        before = s.stats()
    assert _version(db) == "4"
    story2 = {"id": "k2", "date": "2021-03-09", "text": (
        "Kingston, Ontario, police detained a third man on Tuesday. Officers in the city said "
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


def test_a_store_of_an_unknown_schema_is_refused(tmp_path):
    db = tmp_path / "t.duckdb"
    with Store(db):
        pass
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="older tidings"):
        Store(db)
