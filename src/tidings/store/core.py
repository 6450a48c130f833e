"""The event store: one DuckDB file of articles, events, quotes, actors, counts, places
and errors.

Writes are idempotent (an article id is stored once; a second ingest of the same input
adds nothing) and transactional (one transaction per batch: a crash leaves whole
articles or none). Reads are parameterised queries. The default file is
``tidings.duckdb`` in the working directory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tidings.model import Article, ArticleRecord, Failure

DEFAULT_DB = "tidings.duckdb"
PERIODS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, url VARCHAR, source VARCHAR,
    text VARCHAR, n_events INTEGER, n_quotes INTEGER, ingested_at TIMESTAMP, site VARCHAR,
    duplicate_of VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, idx INTEGER, date DATE, date_value VARCHAR, date_text VARCHAR,
    source_code VARCHAR, source_country VARCHAR, source_name VARCHAR, source_text VARCHAR,
    target_code VARCHAR, target_country VARCHAR, target_name VARCHAR, target_text VARCHAR,
    cameo VARCHAR, cameo_root VARCHAR, cameo_name VARCHAR, plover VARCHAR, quad_class TINYINT,
    goldstein DOUBLE, negated BOOLEAN, confidence DOUBLE, rule VARCHAR, verb VARCHAR,
    sentence INTEGER, span_start INTEGER, span_end INTEGER, location VARCHAR,
    location_country VARCHAR, lat DOUBLE, lon DOUBLE, cluster_id BIGINT,
    verb_start INTEGER, verb_end INTEGER, source_start INTEGER, source_end INTEGER,
    target_start INTEGER, target_end INTEGER
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, idx INTEGER, text VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR,
    speaker_country VARCHAR, cue VARCHAR, sentence INTEGER, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR, idx INTEGER, name VARCHAR, code VARCHAR, country VARCHAR, role VARCHAR,
    kind VARCHAR, resolved_by VARCHAR, mentions INTEGER
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, actor_idx INTEGER, span_start INTEGER, span_end INTEGER, sentence INTEGER,
    how VARCHAR
);
CREATE TABLE IF NOT EXISTS counts (
    article_id VARCHAR, value DOUBLE, text VARCHAR, what VARCHAR, location VARCHAR, sentence INTEGER
);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, kind VARCHAR,
    sentence INTEGER
);
CREATE TABLE IF NOT EXISTS article_bands (article_id VARCHAR, band TINYINT, hash BIGINT);
CREATE SEQUENCE IF NOT EXISTS error_ids;
CREATE TABLE IF NOT EXISTS errors (
    id BIGINT DEFAULT nextval('error_ids'), article_id VARCHAR, source VARCHAR, reason VARCHAR,
    logged_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
INSERT OR IGNORE INTO meta VALUES ('schema_version', '4');
"""
SCHEMA_VERSION = "4"
CLUSTERS_SQL = """
SELECT e.cluster_id, min(e.date) AS date, any_value(e.date_value) AS date_value,
       e.source_code, any_value(e.source_country) AS source_country,
       any_value(e.source_name) AS source_name, e.target_code,
       any_value(e.target_country) AS target_country, any_value(e.target_name) AS target_name,
       e.cameo, any_value(e.cameo_root) AS cameo_root, any_value(e.cameo_name) AS cameo_name,
       any_value(e.plover) AS plover, any_value(e.quad_class) AS quad_class,
       any_value(e.goldstein) AS goldstein, count(*) AS num_mentions,
       count(DISTINCT e.article_id) AS num_articles,
       count(DISTINCT coalesce(a.site, a.id)) AS num_sources,
       arg_min(e.location, {'t': a.ingested_at, 'a': a.id, 'i': e.idx})
           FILTER (WHERE e.location IS NOT NULL) AS location,
       arg_min(e.location_country, {'t': a.ingested_at, 'a': a.id, 'i': e.idx})
           FILTER (WHERE e.location IS NOT NULL) AS location_country,
       arg_min(e.lat, {'t': a.ingested_at, 'a': a.id, 'i': e.idx})
           FILTER (WHERE e.location IS NOT NULL) AS lat,
       arg_min(e.lon, {'t': a.ingested_at, 'a': a.id, 'i': e.idx})
           FILTER (WHERE e.location IS NOT NULL) AS lon,
       min(e.sentence) AS sentence,
       arg_min(a.url, {'t': a.ingested_at, 'a': a.id, 'i': e.idx}) AS url,
       arg_min(a.id, {'t': a.ingested_at, 'a': a.id, 'i': e.idx}) AS first_article_id,
       min(a.ingested_at) AS first_ingested
FROM events e JOIN articles a ON a.id = e.article_id
{where}
GROUP BY e.cluster_id, e.source_code, e.target_code, e.cameo"""
EXPORT_QUERY = (
    "SELECT e.*, substr(a.text, e.span_start + 1, e.span_end - e.span_start) AS sentence_text, "
    "a.title AS article_title, a.url AS article_url FROM events e JOIN articles a ON a.id = e.article_id "
    "ORDER BY e.date NULLS LAST, e.article_id, e.idx"
)


@dataclass(frozen=True)
class Added:
    """What one :meth:`Store.add` stored: articles added, and the articles that could not
    be stored (each now an error row)."""

    articles: int
    failures: tuple[Failure, ...] = ()


class _DataError(Exception):
    """A value of one article the store refused (not a failure of the store itself)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _is_store_failure(exc: BaseException) -> bool:
    """Whether ``exc`` is the store failing (I/O, disk, memory, a lost file), as opposed
    to one value it cannot hold."""
    import duckdb

    if isinstance(exc, StoreError | OSError | MemoryError):
        return True
    store_errors = tuple(getattr(duckdb, n) for n in ("IOException", "OutOfMemoryException",
                                                      "FatalException", "InternalException",
                                                      "TransactionException")
                         if hasattr(duckdb, n))
    return isinstance(exc, store_errors) or bool(_DISK_FULL.search(str(exc)))


def _store_failure(article_id: str | None, source: str | None, exc: BaseException) -> Failure:
    first = (str(exc).splitlines() or [""])[0][:300]
    return Failure(article_id, source, f"could not be stored ({type(exc).__name__}: {first}); "
                   f"the rest of the run went on: please report it", stage="store")


def _clean(value: str | None) -> str | None:
    """A string the store can hold: lone surrogates (from broken input) replaced."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""


class StoreBusy(StoreError):
    """Another process holds the store's file lock (an ingest writing to it)."""


_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")


_DISK_FULL = re.compile(r"no space left|disk (is )?full|file too large|quota exceeded|"
                        r"not enough space|could not (extend|grow|truncate)", re.I)


def write_failed(path: Path, exc: Exception, kept: str) -> StoreError:
    """The error for a write that failed. "Free disk space" is said only when the disk (or
    a file-size or quota limit) is what failed."""
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if _DISK_FULL.search(first):
        return StoreError(f"could not write to {path}: {first}: {kept}; free disk space and "
                          f"rerun the same command")
    return StoreError(f"could not write to {path}: {first}: {kept}; rerun the same command "
                      f"once the cause is fixed")


def _busy_message(path: Path, pid: int | None, read_only: bool) -> str:
    who = f" (PID {pid})" if pid and pid > 0 else ""
    return (f"{path} is in use by another process{who}, probably a running `tidings ingest`: "
            f"wait for it to finish or pass --wait SECONDS"
            + ("" if read_only else "; only one process can write to a store at a time"))


def _check_writable(path: Path) -> None:
    """Refuse a store file, or a folder, that is marked read-only, before any write (also
    when running as root, which the file system itself would let through). DuckDB
    writes a ``.wal`` file beside the store, so the folder must be writable too."""
    import stat

    folder = path.parent
    if not folder.is_dir():
        raise StoreError(f"cannot create {path}: the folder {folder} does not exist")
    for target, what in ((path, "store file"), (folder, "folder")):
        if target is path and not path.exists():
            continue
        mode = target.stat().st_mode
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
            raise StoreError(f"the {what} {target} is read-only: make it writable "
                             f"(chmod u+w) or give another --db")


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


def site_of(url: str | None, source: str | None) -> str | None:
    """The outlet an article came from: its URL's host (without "www."), else a source
    name given with it ("AFP"), else None (file paths and feed positions are not outlets)."""
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:  # "http://[badipv6/x": not a URL we can read a host from
            host = None
        if host:
            return host.removeprefix("www.")
    if source and not any(ch in source for ch in "/\\:") and not source.startswith("<"):
        return source
    return None


def cluster_id(date_value: str | None, source_code: str | None, target_code: str | None,
               cameo: str, fallback: str) -> int:
    """The event cluster of a mention: same date (as precise as it was resolved), source,
    target and CAMEO code. Undated events get their own cluster (``fallback``). A
    positive 60-bit integer, stable across runs and machines."""
    key = f"{date_value}|{source_code}|{target_code or ''}|{cameo}" if date_value else f"#{fallback}"
    return int(hashlib.md5(key.encode()).hexdigest()[:15], 16)


Row = dict[str, Any]


def record_rows(r: ArticleRecord, source: str | None, now: dt.datetime) -> dict[str, list[Row]]:
    """The rows one coded article adds to each table, each a dict by column name (pure:
    Spark executors use it too). A column the table lacks is an error; one left out is
    NULL."""
    events: list[Row] = []
    for i, e in enumerate(r.events):
        loc, t = e.location, e.target
        events.append({
            "article_id": r.id, "idx": i, "date": event_date(e.date), "date_value": e.date,
            "date_text": e.date_text, "source_code": e.source.code, "source_country": e.source.country,
            "source_name": e.source.name, "source_text": e.source.text,
            "target_code": t.code if t else None, "target_country": t.country if t else None,
            "target_name": t.name if t else None, "target_text": t.text if t else None,
            "cameo": e.cameo, "cameo_root": e.cameo_root, "cameo_name": e.cameo_name,
            "plover": e.plover, "quad_class": e.quad_class, "goldstein": e.goldstein,
            "negated": e.negated, "confidence": e.confidence, "rule": e.rule, "verb": e.verb,
            "sentence": e.sentence, "span_start": e.span[0], "span_end": e.span[1],
            "location": loc.name if loc else None, "location_country": loc.country if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "cluster_id": cluster_id(e.date, e.source.code, t.code if t else None, e.cameo, f"{r.id}#{i}"),
            "verb_start": e.verb_span[0], "verb_end": e.verb_span[1],
            "source_start": e.source.span[0], "source_end": e.source.span[1],
            "target_start": t.span[0] if t else None, "target_end": t.span[1] if t else None,
        })
    quotes = [{"article_id": r.id, "idx": i, "text": q.text,
               "speaker_name": q.speaker.name if q.speaker else None,
               "speaker_code": q.speaker.code if q.speaker else None,
               "speaker_country": q.speaker.country if q.speaker else None,
               "cue": q.cue, "sentence": q.sentence, "span_start": q.span[0], "span_end": q.span[1]}
              for i, q in enumerate(r.quotes)]
    return {
        "articles": [{"id": r.id, "title": r.title, "date": event_date(r.date), "url": r.url,
                      "source": source, "text": r.text, "n_events": len(r.events),
                      "n_quotes": len(r.quotes), "ingested_at": now, "site": site_of(r.url, source),
                      "duplicate_of": None}],
        "events": events,
        "quotes": quotes,
        "actors": [{"article_id": r.id, "idx": i, "name": a.name, "code": a.code, "country": a.country,
                    "role": a.role, "kind": a.kind, "resolved_by": a.resolved_by,
                    "mentions": len(a.mentions)} for i, a in enumerate(r.actors)],
        "mentions": [{"article_id": r.id, "actor_idx": i, "span_start": m.span[0], "span_end": m.span[1],
                      "sentence": m.sentence, "how": m.how}
                     for i, a in enumerate(r.actors) for m in a.mentions],
        "counts": [{"article_id": r.id, "value": c.value, "text": c.text, "what": c.what,
                    "location": c.location, "sentence": c.sentence} for c in r.counts],
        "places": [{"article_id": r.id, "name": p.name, "country": p.country, "lat": p.lat,
                    "lon": p.lon, "kind": p.kind, "sentence": p.sentence} for p in r.places],
    }


def duplicate_rows(a: Article, canonical: str, now: dt.datetime) -> dict[str, list[Row]]:
    """The article row of a near-duplicate linked to ``canonical`` (it is not coded)."""
    return {"articles": [{"id": a.id, "title": a.title, "date": event_date(a.date), "url": a.url,
                          "source": a.source, "text": a.text, "n_events": 0, "n_quotes": 0,
                          "ingested_at": now, "site": site_of(a.url, a.source),
                          "duplicate_of": canonical}]}


class Store:
    """A DuckDB file of coded articles. Use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 memory_limit: str | None = None, wait: float = 0.0) -> None:
        """``memory_limit`` caps DuckDB's buffer memory ("1GB"); without it DuckDB may
        keep up to 80% of the machine's memory of the file cached as a store grows.
        ``wait`` is how many seconds to keep trying while another process holds the
        file (:class:`StoreBusy` after that). A writer holds ``<store>.lock`` for as long
        as the store is open (:mod:`tidings.store.lock`); a reader of the live file holds
        it shared, and a reader that finds a writer gets :class:`StoreBusy` (the read
        commands then read the snapshot)."""
        import duckdb

        from tidings.store.lock import LockBusy, StoreLock

        self.path = Path(path)
        self._lock: StoreLock | None = None
        self._pin: int | None = None  # a descriptor of the file kept open until close
        self.con: Any = None
        memory = str(path) == ":memory:"
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}: run `tidings ingest ... --db {self.path}` first")
        if not read_only and not memory:
            _check_writable(self.path)
        if not memory:
            try:
                self._lock = StoreLock(self.path, writer=not read_only, wait=wait)
            except LockBusy as exc:
                raise StoreBusy(_busy_message(self.path, exc.pid, read_only)) from None
            except OSError as exc:
                raise StoreError(f"cannot lock {self.path}: {exc.strerror or exc}: "
                                 f"check the folder's permissions") from None
        try:
            self._connect(duckdb, read_only, memory_limit, wait)
            if not memory:
                self._pin = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
            self._check_version(read_only)
            if not read_only:
                self._create_schema()
        except BaseException:
            self._release()
            raise

    def _connect(self, duckdb: Any, read_only: bool, memory_limit: str | None, wait: float) -> None:
        config = {"memory_limit": memory_limit} if memory_limit else {}
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                self.con = duckdb.connect(str(self.path), read_only=read_only, config=config)
                return
            except duckdb.IOException as exc:
                first = str(exc).splitlines()[0]
                holder = _LOCK_HOLDER.search(first)
                if "lock" not in first.lower():
                    raise StoreError(f"cannot open {self.path}: {first}: if the file is damaged, "
                                     f"ingest again into a new --db file") from None
                if time.monotonic() < deadline:
                    time.sleep(min(0.5, max(0.05, deadline - time.monotonic())))
                    continue
                raise StoreBusy(_busy_message(self.path, int(holder.group(1)) if holder else None,
                                              read_only)) from None
            except duckdb.Error as exc:
                raise StoreError(f"{self.path} is not a readable tidings store "
                                 f"({str(exc).splitlines()[0]}): give another --db file") from None

    def _create_schema(self) -> None:
        import duckdb

        try:
            self.con.execute(SCHEMA)
            # IF NOT EXISTS: opening an up-to-date store writes nothing (its snapshot
            # stays current); SCHEMA_VERSION guards changes to the view
            self.con.execute("CREATE VIEW IF NOT EXISTS clusters AS " + CLUSTERS_SQL.replace("{where}", ""))
        except duckdb.Error as exc:
            raise write_failed(self.path, exc, "nothing was changed") from None

    def _check_version(self, read_only: bool) -> None:
        """Refuse a file that is not a tidings store (another application's DuckDB file is
        never taken over) or is one of another schema version."""
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if not tables:
            if read_only and str(self.path) != ":memory:":
                raise StoreError(f"{self.path} is an empty DuckDB file, not a tidings store: run "
                                 f"`tidings ingest ... --db {self.path}` first")
            return
        version = None
        if "meta" in tables:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = row[0] if row else None
        if version is None and not {"articles", "events", "quotes"} <= tables:
            shown = ", ".join(sorted(tables)[:6]) + (", ..." if len(tables) > 6 else "")
            raise StoreError(f"{self.path} is a DuckDB database of another application (tables: "
                             f"{shown}), not a tidings store: tidings leaves it alone; give a new "
                             f"--db file")
        if version != SCHEMA_VERSION:
            raise StoreError(f"{self.path} was made by an older tidings (store schema {version or 1}, "
                             f"this is {SCHEMA_VERSION}): ingest into a new --db file")

    def _release(self) -> None:
        """Close the connection, then the pinned descriptor, then the lock: in that order,
        so DuckDB's own locks are never dropped while it still has the file open."""
        con, self.con = self.con, None
        try:
            if con is not None:
                con.close()
        finally:
            if self._pin is not None:
                os.close(self._pin)
                self._pin = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def copy_to(self, dst: Path) -> None:
        """Copy the store's file as it is on disk now (after a CHECKPOINT: every commit) to
        ``dst``, through the descriptor held since opening (see :mod:`tidings.store.lock`)."""
        from tidings.store.lock import copy_from_fd

        if self._pin is None:
            raise StoreError("an in-memory store has no file to copy")
        copy_from_fd(self._pin, dst)

    def close(self) -> None:
        """Close the store (a writer checkpoints here: its WAL goes into the file)."""
        import duckdb

        try:
            self._release()
        except duckdb.Error as exc:
            raise write_failed(self.path, exc, "committed batches are kept") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            self.close()
        except StoreError:
            if exc_type is None:
                raise  # otherwise the first error is the one to report

    # -- writing ---------------------------------------------------------------------------
    def known_ids(self, ids: Sequence[str]) -> dict[str, tuple[dt.datetime | None, str | None]]:
        """Stored ids among ``ids``: id -> (when it was stored, its source)."""
        if not ids:
            return {}
        rows = self.con.execute("SELECT id, ingested_at, source FROM articles WHERE id IN (SELECT unnest(?))",
                                [list(ids)]).fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return {r[0] for r in rows}

    def band_candidates(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
        """Stored canonical articles sharing a (band, hash) with ``keys``."""
        if not keys:
            return {}
        import pyarrow as pa

        probe = pa.table({"band": pa.array([k[0] for k in keys], pa.int8()),
                          "hash": pa.array([k[1] for k in keys], pa.int64())})
        self.con.register("_tidings_probe", probe)
        try:
            rows = self.con.execute(
                "SELECT DISTINCT b.band, b.hash, b.article_id FROM article_bands b "
                "JOIN _tidings_probe p ON p.band = b.band AND p.hash = b.hash").fetchall()
        finally:
            self.con.unregister("_tidings_probe")
        out: dict[tuple[int, int], list[str]] = {}
        for band, h, aid in rows:
            out.setdefault((band, h), []).append(aid)
        return out

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = self.con.execute("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))",
                                [list(ids)]).fetchall()
        return dict(rows)

    def add(self, records: Sequence[ArticleRecord], errors: Sequence[Failure] = (),
            source: str | None = None, *, sources: dict[str, str | None] | None = None,
            duplicates: Sequence[tuple[Article, str]] = (),
            bands: Sequence[tuple[str, int, int]] = ()) -> Added:
        """Store records, linked near-duplicates, their LSH bands and error rows in one
        transaction. Articles whose id is already stored are skipped; an error already
        logged for the same input is not logged twice. ``sources`` gives each article's
        origin (file, feed, WARC URI) by id, ``source`` one for all.

        One article that cannot be stored (a value the store cannot hold) becomes an error
        row of its own and the rest of the batch is stored; only a failure of the store
        itself (disk full, I/O) stops, with :class:`StoreError`, nothing of the batch kept."""
        known = self.existing_ids([r.id for r in records] + [a.id for a, _ in duplicates])
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        sources = sources or {}
        units: list[tuple[str, str | None, dict[str, list[Row]]]] = []  # (id, source, rows)
        failures: list[Failure] = list(errors)
        seen: set[str] = set(known)
        for r in records:
            if r.id in seen:
                continue
            seen.add(r.id)
            src = sources.get(r.id, source)
            try:
                units.append((r.id, src, record_rows(r, src, now)))
            except Exception as exc:  # one odd value must not cost the batch
                failures.append(_store_failure(r.id, src, exc))
        for a, canonical in duplicates:
            if a.id not in seen:
                seen.add(a.id)
                units.append((a.id, a.source, duplicate_rows(a, canonical, now)))
        added_ids = {u[0] for u in units}
        band_rows = [{"article_id": b[0], "band": b[1], "hash": b[2]} for b in bands if b[0] in added_ids]
        try:
            self._transaction(units, band_rows, failures, now)
            stored = len(units)
        except _DataError:
            stored = self._one_by_one(units, band_rows, failures, now)
        return Added(stored, tuple(failures[len(errors):]))

    def _transaction(self, units: Sequence[tuple[str, str | None, dict[str, list[Row]]]],
                     band_rows: list[Row], failures: Sequence[Failure], now: dt.datetime) -> None:
        """Write ``units`` (each an article's rows), bands and error rows in one transaction.
        Raises :class:`_DataError` when a value could not be stored (nothing written),
        :class:`StoreError` when the store itself failed (nothing written)."""
        import duckdb

        tables: dict[str, list[Row]] = {}
        for _, _, rows in units:
            for table, part in rows.items():
                tables.setdefault(table, []).extend(part)
        if band_rows:
            tables["article_bands"] = band_rows
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, rows in tables.items():
                if rows:
                    self._bulk_insert(table, rows)
            if failures:
                self._add_errors(failures, now)
            self.con.execute("COMMIT")
        except BaseException as exc:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass  # a failed COMMIT has already rolled back
            if isinstance(exc, KeyboardInterrupt | duckdb.InterruptException):
                raise KeyboardInterrupt from None  # Ctrl-C or SIGTERM: nothing of it is kept
            if not isinstance(exc, Exception):
                raise
            if _is_store_failure(exc):
                raise write_failed(self.path, exc, "nothing of this batch was stored and "
                                   "everything stored before is kept") from exc
            raise _DataError(exc) from exc

    def _one_by_one(self, units: Sequence[tuple[str, str | None, dict[str, list[Row]]]],
                    band_rows: list[Row], failures: list[Failure], now: dt.datetime) -> int:
        """A batch that held a value the store refused: each article in its own
        transaction, the one that fails becomes an error row. Returns how many were stored."""
        stored = 0
        for aid, src, rows in units:
            bands = [b for b in band_rows if b["article_id"] == aid]
            try:
                self._transaction([(aid, src, rows)], bands, (), now)
                stored += 1
            except _DataError as exc:
                failures.append(_store_failure(aid, src, exc.cause))
        if failures:
            try:
                self._transaction([], [], failures, now)
            except _DataError as exc:  # error rows are plain text: the store itself failed
                raise write_failed(self.path, exc.cause, "the articles of this batch before it "
                                   "were stored, everything stored before is kept") from exc
        return stored

    def _add_errors(self, errors: Sequence[Failure], now: dt.datetime) -> None:
        import pyarrow as pa

        rows = pa.table({"article_id": pa.array([_clean(e.article_id) for e in errors], pa.string()),
                         "source": pa.array([_clean(e.source) for e in errors], pa.string()),
                         "reason": pa.array([_clean(e.reason) for e in errors], pa.string())})
        self.con.register("_tidings_errors", rows)
        try:
            self.con.execute(
                "INSERT INTO errors (article_id, source, reason, logged_at) "
                "SELECT DISTINCT n.article_id, n.source, n.reason, CAST(? AS TIMESTAMP) FROM _tidings_errors n "
                "WHERE NOT EXISTS (SELECT 1 FROM errors o WHERE o.source IS NOT DISTINCT FROM n.source "
                "AND o.article_id IS NOT DISTINCT FROM n.article_id AND o.reason = n.reason)", [now])
        finally:
            self.con.unregister("_tidings_errors")

    def _bulk_insert(self, table: str, rows: list[Row]) -> None:
        """Many rows at once through Arrow (row-by-row inserts cost more than coding),
        matched to the table's columns by name."""
        import pyarrow as pa

        cols = self._columns(table)
        unknown = set().union(*(r.keys() for r in rows)) - set(cols)
        if unknown:
            raise StoreError(f"internal error: no column(s) {sorted(unknown)} in table {table}")
        data = pa.table({c: [r.get(c) for r in rows] for c in cols})
        self.con.register("_tidings_rows", data)
        try:
            names = ", ".join(cols)
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _tidings_rows")
        finally:
            self.con.unregister("_tidings_rows")

    def _columns(self, table: str) -> list[str]:
        cache = self.__dict__.setdefault("_column_cache", {})
        if table not in cache:
            cache[table] = [c[0] for c in self.con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        return cache[table]

    # -- reading ---------------------------------------------------------------------------
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def stats(self) -> dict[str, Any]:
        one = self.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL), "
            "(SELECT count(*) FROM events), (SELECT count(DISTINCT cluster_id) FROM events), "
            "(SELECT count(*) FROM quotes), (SELECT count(DISTINCT code) FROM actors), "
            "(SELECT count(*) FROM errors), (SELECT min(date) FROM events), (SELECT max(date) FROM events)"
        ).fetchone()
        return {
            "articles": one[0], "duplicates": one[1], "events": one[2], "event_clusters": one[3],
            "quotes": one[4], "actors": one[5], "errors": one[6],
            "first_event_date": one[7].isoformat() if one[7] else None,
            "last_event_date": one[8].isoformat() if one[8] else None,
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
            "e.verb, e.rule, e.cluster_id, substr(a.text, e.span_start + 1, e.span_end - e.span_start) AS sentence_text "
            f"FROM events e JOIN articles a ON a.id = e.article_id {where} "
            "ORDER BY e.date NULLS LAST, e.article_id, e.idx LIMIT ? OFFSET ?"
        )
        return self._rows(sql, [*params, limit, offset])

    def dyads(self, a: str, b: str, by: str = "month") -> list[dict[str, Any]]:
        """Per period and direction (a→b, b→a): events (event clusters: one per date,
        source, target and CAMEO code however many articles report it), mentions, mean
        Goldstein over events, and the events in each quad class (1 verbal cooperation
        ... 4 material conflict)."""
        if by not in PERIODS:
            raise ValueError(f"--by takes one of {', '.join(PERIODS)}, not {by!r}")
        sql = f"""
            WITH m AS (
                SELECT cluster_id, any_value(date) AS date, count(*) AS mentions,
                       any_value(quad_class) AS quad_class, any_value(goldstein) AS goldstein,
                       any_value(CASE WHEN {_actor_match('source')} THEN ? ELSE ? END) AS direction
                FROM events
                WHERE date IS NOT NULL AND (
                    ({_actor_match('source')} AND {_actor_match('target')}) OR
                    ({_actor_match('source')} AND {_actor_match('target')}))
                GROUP BY cluster_id)
            SELECT CAST(date_trunc('{PERIODS[by]}', date) AS DATE) AS period, direction,
                   count(*) AS events, CAST(sum(mentions) AS BIGINT) AS mentions,
                   round(avg(goldstein), 3) AS mean_goldstein,
                   count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
                   count(*) FILTER (WHERE quad_class = 2) AS material_coop,
                   count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
                   count(*) FILTER (WHERE quad_class = 4) AS material_conflict
            FROM m GROUP BY ALL ORDER BY period, direction
        """
        a, b = a.upper(), b.upper()
        params = [a, a, f"{a}->{b}", f"{b}->{a}", a, a, b, b, b, b, a, a]
        rows = self._rows(sql, params)
        for r in rows:
            r["period"] = r["period"].isoformat() if r["period"] else None
        return rows

    def clusters(self, *, source: str | None = None, target: str | None = None, since: str | None = None,
                 until: str | None = None, cameo: str | None = None, limit: int = 100,
                 offset: int = 0) -> list[dict[str, Any]]:
        """Event clusters (one row per event however often it was reported) with
        GDELT-style num_mentions, num_articles and num_sources."""
        where, params = _event_filters(source, target, since, until, cameo, None)
        inner = CLUSTERS_SQL.replace("{where}", where)
        sql = (f"SELECT * FROM ({inner}) "
               "ORDER BY date NULLS LAST, num_mentions DESC, cluster_id LIMIT ? OFFSET ?")
        return self._rows(sql, [*params, limit, offset])

    def top_actors(self, n: int = 20, since: str | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE date >= ?", [since]) if since else ("", [])
        sql = (
            "SELECT code, any_value(name) AS name, count(*) AS events FROM ("
            f"SELECT source_code AS code, source_name AS name, date FROM events {where} UNION ALL "
            f"SELECT target_code, target_name, date FROM events {where}) "
            "WHERE code IS NOT NULL GROUP BY code ORDER BY events DESC, code LIMIT ?"
        )
        return self._rows(sql, [*params, *params, n])

    def export_arrow(self):  # noqa: ANN201
        """Every event with its sentence and article title/URL, as a pyarrow Table (the
        rows of ``export --format parquet``)."""
        rel = self.con.sql(EXPORT_QUERY)  # DuckDB 2 renamed arrow() (now a reader) to to_arrow_table()
        return rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()

    def export(self, fmt: str, out: str | Path) -> int:
        """Write every event (with its sentence) as parquet, csv or jsonl, or every event
        cluster as GDELT 2.0 Event rows (``gdelt``); returns the rows written. CSV and
        GDELT cells are formula-safe (see :func:`tidings.output.csv_safe`)."""
        out = str(out)
        if fmt == "gdelt":
            from tidings.store.gdelt import write_gdelt

            cur = self.con.execute("SELECT * FROM clusters ORDER BY date NULLS LAST, cluster_id")
            cols = [d[0] for d in cur.description]
            with open(out, "w", encoding="utf-8", newline="") as fh:
                n = 0
                while chunk := cur.fetchmany(10_000):
                    n += write_gdelt((dict(zip(cols, row, strict=True)) for row in chunk), fh)
            return n
        n = self.con.execute("SELECT count(*) FROM events").fetchone()[0]
        if fmt == "parquet":
            self.con.execute(f"COPY ({EXPORT_QUERY}) TO '{_quote_path(out)}' (FORMAT PARQUET)")
        elif fmt == "csv":
            safe = self._formula_safe(EXPORT_QUERY)
            self.con.execute(f"COPY ({safe}) TO '{_quote_path(out)}' (HEADER, DELIMITER ',')")
        elif fmt == "jsonl":
            cur = self.con.execute(EXPORT_QUERY)
            cols = [d[0] for d in cur.description]
            with open(out, "w", encoding="utf-8") as fh:
                while chunk := cur.fetchmany(10_000):
                    for row in chunk:
                        fh.write(json.dumps(dict(zip(cols, row, strict=True)), default=str,
                                            ensure_ascii=False) + "\n")
        else:
            raise ValueError(f"unknown export format {fmt!r}: choose parquet, gdelt, csv or jsonl")
        return n

    def _formula_safe(self, query: str) -> str:
        """``query`` with every text column that starts like a spreadsheet formula (and is
        not a number) prefixed with an apostrophe."""
        parts = []
        for name, typ, *_ in self.con.execute(f"DESCRIBE {query}").fetchall():
            q = '"' + name.replace('"', '""') + '"'
            if typ == "VARCHAR":
                parts.append(f"CASE WHEN regexp_matches({q}, '^[=+\\-@\\t\\r]') AND "
                             f"TRY_CAST({q} AS DOUBLE) IS NULL THEN chr(39) || {q} ELSE {q} END AS {q}")
            else:
                parts.append(q)
        return f"SELECT {', '.join(parts)} FROM ({query})"


def _quote_path(p: str) -> str:
    return p.replace("'", "''")


def date_range(conds: list[str], params: list[Any], since: str | None, until: str | None,
               col: str = "date") -> None:
    """Add ``col`` between ``since`` and ``until`` (ISO dates, each optional) to a WHERE."""
    if since:
        conds.append(f"{col} >= CAST(? AS DATE)")
        params.append(since)
    if until:
        conds.append(f"{col} <= CAST(? AS DATE)")
        params.append(until)


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
    date_range(conds, params, since, until, "e.date")
    if cameo:
        conds.append("starts_with(e.cameo, ?)")
        params.append(cameo)
    if plover:
        conds.append("e.plover = ?")
        params.append(plover.upper())
    return ("WHERE " + " AND ".join(conds)) if conds else "", params

