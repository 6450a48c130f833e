"""The event store: one DuckDB file of articles, events, quotes, actors, counts, places
and errors.

Writes are idempotent (an article id is stored once; a second ingest of the same input
adds nothing) and transactional (one transaction per batch: a crash leaves whole
articles or none). Reads are parameterised queries. The default file is
``tidings.duckdb`` in the working directory.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tidings.model import ArticleRecord

DEFAULT_DB = "tidings.duckdb"
PERIODS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, url VARCHAR, source VARCHAR,
    text VARCHAR, n_events INTEGER, n_quotes INTEGER, ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, idx INTEGER, date DATE, date_value VARCHAR, date_text VARCHAR,
    source_code VARCHAR, source_country VARCHAR, source_name VARCHAR, source_text VARCHAR,
    target_code VARCHAR, target_country VARCHAR, target_name VARCHAR, target_text VARCHAR,
    cameo VARCHAR, cameo_root VARCHAR, cameo_name VARCHAR, plover VARCHAR, quad_class TINYINT,
    goldstein DOUBLE, negated BOOLEAN, confidence DOUBLE, rule VARCHAR, verb VARCHAR,
    sentence INTEGER, span_start INTEGER, span_end INTEGER, location VARCHAR,
    location_country VARCHAR, lat DOUBLE, lon DOUBLE, PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, idx INTEGER, text VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR,
    speaker_country VARCHAR, cue VARCHAR, sentence INTEGER, span_start INTEGER, span_end INTEGER,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR, name VARCHAR, code VARCHAR, country VARCHAR, role VARCHAR, kind VARCHAR,
    resolved_by VARCHAR, mentions INTEGER
);
CREATE TABLE IF NOT EXISTS counts (
    article_id VARCHAR, value DOUBLE, text VARCHAR, what VARCHAR, location VARCHAR, sentence INTEGER
);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, kind VARCHAR,
    sentence INTEGER
);
CREATE SEQUENCE IF NOT EXISTS error_ids;
CREATE TABLE IF NOT EXISTS errors (
    id BIGINT DEFAULT nextval('error_ids'), article_id VARCHAR, source VARCHAR, reason VARCHAR,
    logged_at TIMESTAMP
);
"""


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""


def event_date(value: str | None) -> dt.date | None:
    """A partial ISO date ("2017", "2017-02", "2017-02-02") as the first day it covers."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2][:2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


class Store:
    """A DuckDB file of coded articles. Use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}: run `tidings ingest ... --db {self.path}` first")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(f"cannot open {self.path}: {str(exc).splitlines()[0]} "
                             "(is another tidings process writing to it?)") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not a tidings DuckDB store: {str(exc).splitlines()[0]}") from exc
        if not read_only:
            self.con.execute(SCHEMA)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return {r[0] for r in rows}

    def add(self, records: Sequence[ArticleRecord], errors: Sequence[tuple[str | None, str, str]] = (),
            source: str | None = None) -> int:
        """Store records and error rows in one transaction; records whose id is already
        stored are skipped. Returns how many articles were added."""
        new = self.existing_ids([r.id for r in records])
        todo: list[ArticleRecord] = []
        seen: set[str] = set()
        for r in records:
            if r.id not in new and r.id not in seen:
                todo.append(r)
                seen.add(r.id)
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        self.con.execute("BEGIN TRANSACTION")
        try:
            if todo:
                self._insert(todo, source, now)
            if errors:
                self.con.executemany("INSERT INTO errors (article_id, source, reason, logged_at) VALUES (?, ?, ?, ?)",
                                     [(a, s, reason, now) for a, s, reason in errors])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return len(todo)

    def _insert(self, recs: Sequence[ArticleRecord], source: str | None, now: dt.datetime) -> None:
        self._bulk_insert("articles", [
            (r.id, r.title, event_date(r.date), r.url, source, r.text, len(r.events), len(r.quotes), now)
            for r in recs])
        ev_rows, q_rows, a_rows, c_rows, p_rows = [], [], [], [], []
        for r in recs:
            for i, e in enumerate(r.events):
                loc = e.location
                t = e.target
                ev_rows.append((
                    r.id, i, event_date(e.date), e.date, e.date_text, e.source.code, e.source.country,
                    e.source.name, e.source.text, t.code if t else None, t.country if t else None,
                    t.name if t else None, t.text if t else None, e.cameo, e.cameo_root, e.cameo_name,
                    e.plover, e.quad_class, e.goldstein, e.negated, e.confidence, e.rule, e.verb,
                    e.sentence, e.span[0], e.span[1], loc.name if loc else None,
                    loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None))
            for i, q in enumerate(r.quotes):
                sp = q.speaker
                q_rows.append((r.id, i, q.text, sp.name if sp else None, sp.code if sp else None,
                               sp.country if sp else None, q.cue, q.sentence, q.span[0], q.span[1]))
            a_rows += [(r.id, a.name, a.code, a.country, a.role, a.kind, a.resolved_by, len(a.mentions))
                       for a in r.actors]
            c_rows += [(r.id, c.value, c.text, c.what, c.location, c.sentence) for c in r.counts]
            p_rows += [(r.id, p.name, p.country, p.lat, p.lon, p.kind, p.sentence) for p in r.places]
        for table, rows in (("events", ev_rows), ("quotes", q_rows), ("actors", a_rows),
                            ("counts", c_rows), ("places", p_rows)):
            if rows:
                self._bulk_insert(table, rows)

    def _bulk_insert(self, table: str, rows: list[tuple]) -> None:
        """Many rows at once through Arrow (row-by-row inserts cost more than coding)."""
        import pyarrow as pa

        cols = [c[0] for c in self.con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        data = pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)})
        self.con.register("_tidings_rows", data)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM _tidings_rows")
        finally:
            self.con.unregister("_tidings_rows")

    # -- reading ---------------------------------------------------------------------------
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def stats(self) -> dict[str, Any]:
        one = self.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM quotes), (SELECT count(DISTINCT code) FROM actors), "
            "(SELECT count(*) FROM errors), (SELECT min(date) FROM events), (SELECT max(date) FROM events)"
        ).fetchone()
        return {
            "articles": one[0], "events": one[1], "quotes": one[2], "actors": one[3], "errors": one[4],
            "first_event_date": one[5].isoformat() if one[5] else None,
            "last_event_date": one[6].isoformat() if one[6] else None,
        }

    def events(self, *, source: str | None = None, target: str | None = None, since: str | None = None,
               until: str | None = None, cameo: str | None = None, plover: str | None = None,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events matching the filters; source/target match a country or an actor code
        prefix ("USA" matches USA, USAGOV, USAMIL), cameo a code prefix ("13")."""
        where, params = _event_filters(source, target, since, until, cameo, plover)
        sql = (
            "SELECT e.article_id, e.idx, e.date, e.source_code, e.source_name, e.target_code, "
            "e.target_name, e.cameo, e.cameo_name, e.plover, e.quad_class, e.goldstein, e.confidence, "
            "e.verb, e.rule, substr(a.text, e.span_start + 1, e.span_end - e.span_start) AS sentence_text "
            f"FROM events e JOIN articles a ON a.id = e.article_id {where} "
            "ORDER BY e.date NULLS LAST, e.article_id, e.idx LIMIT ? OFFSET ?"
        )
        return self._rows(sql, [*params, limit, offset])

    def dyads(self, a: str, b: str, by: str = "month") -> list[dict[str, Any]]:
        """Per period and direction (a→b, b→a): event count, mean Goldstein and the count
        in each quad class (1 verbal cooperation ... 4 material conflict)."""
        if by not in PERIODS:
            raise ValueError(f"--by takes one of {', '.join(PERIODS)}, not {by!r}")
        sql = f"""
            SELECT CAST(date_trunc('{PERIODS[by]}', date) AS DATE) AS period,
                   CASE WHEN {_actor_match('source')} THEN ? ELSE ? END AS direction,
                   count(*) AS events, round(avg(goldstein), 3) AS mean_goldstein,
                   count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
                   count(*) FILTER (WHERE quad_class = 2) AS material_coop,
                   count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
                   count(*) FILTER (WHERE quad_class = 4) AS material_conflict
            FROM events
            WHERE date IS NOT NULL AND (
                ({_actor_match('source')} AND {_actor_match('target')}) OR
                ({_actor_match('source')} AND {_actor_match('target')}))
            GROUP BY ALL ORDER BY period, direction
        """
        a, b = a.upper(), b.upper()
        params = [a, a, f"{a}->{b}", f"{b}->{a}", a, a, b, b, b, b, a, a]
        rows = self._rows(sql, params)
        for r in rows:
            r["period"] = r["period"].isoformat() if r["period"] else None
        return rows

    def top_actors(self, n: int = 20, since: str | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE date >= ?", [since]) if since else ("", [])
        sql = (
            "SELECT code, any_value(name) AS name, count(*) AS events FROM ("
            f"SELECT source_code AS code, source_name AS name, date FROM events {where} UNION ALL "
            f"SELECT target_code, target_name, date FROM events {where}) "
            "WHERE code IS NOT NULL GROUP BY code ORDER BY events DESC, code LIMIT ?"
        )
        return self._rows(sql, [*params, *params, n])

    def export(self, fmt: str, out: str | Path) -> int:
        """Write every event (with its sentence) as parquet, csv or jsonl; returns rows."""
        query = (
            "SELECT e.*, substr(a.text, e.span_start + 1, e.span_end - e.span_start) AS sentence_text, "
            "a.title AS article_title, a.url AS article_url FROM events e JOIN articles a ON a.id = e.article_id "
            "ORDER BY e.date NULLS LAST, e.article_id, e.idx"
        )
        n = self.con.execute("SELECT count(*) FROM events").fetchone()[0]
        out = str(out)
        if fmt == "parquet":
            self.con.execute(f"COPY ({query}) TO '{_quote_path(out)}' (FORMAT PARQUET)")
        elif fmt == "csv":
            self.con.execute(f"COPY ({query}) TO '{_quote_path(out)}' (HEADER, DELIMITER ',')")
        elif fmt == "jsonl":
            with open(out, "w", encoding="utf-8") as fh:
                for row in self._rows(query):
                    fh.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
        else:
            raise ValueError(f"unknown export format {fmt!r}: choose parquet, csv or jsonl")
        return n


def _quote_path(p: str) -> str:
    return p.replace("'", "''")


def _actor_match(col: str) -> str:
    """SQL: the column's country equals ? or its code starts with ? (two parameters)."""
    return f"({col}_country = ? OR starts_with({col}_code, ?))"


def _event_filters(source, target, since, until, cameo, plover) -> tuple[str, list[Any]]:  # noqa: ANN001
    conds: list[str] = []
    params: list[Any] = []
    if source:
        conds.append(_actor_match("e.source"))
        params += [source.upper(), source.upper()]
    if target:
        conds.append(_actor_match("e.target"))
        params += [target.upper(), target.upper()]
    if since:
        conds.append("e.date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        conds.append("e.date <= CAST(? AS DATE)")
        params.append(until)
    if cameo:
        conds.append("starts_with(e.cameo, ?)")
        params.append(cameo)
    if plover:
        conds.append("e.plover = ?")
        params.append(plover.upper())
    return ("WHERE " + " AND ".join(conds)) if conds else "", params

