"""The event store: one DuckDB file of articles, events, quotes, actors, counts, places
and errors.

Writes are idempotent (an article id is stored once; a second ingest of the same input
adds nothing) and transactional (one transaction per batch: a crash leaves whole
articles or none). Reads are parameterised queries. The default file is
``tidings.duckdb`` in the working directory.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.model import Article, ArticleRecord, Failure
from tidings.store import export as _export
from tidings.store import queries
from tidings.store.rows import Row, clean, duplicate_rows, record_rows
from tidings.store.schema import (
    CLUSTERS_SQL,
    DEFAULT_DB,
    LEAD_SQL,
    MIGRATIONS,
    ROOT_SQL,
    SCHEMA,
    SCHEMA_VERSION,
    SHIMS,
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


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""


class StoreBusy(StoreError):
    """Another process holds the store's file lock (an ingest writing to it)."""


# columns the store computes on insert, from the batch's rows and what is stored
_COMPUTED = {"events": {"lead": LEAD_SQL.replace("{rows}", "_tidings_rows"),
                        "source_root": ROOT_SQL.format(col="source"),
                        "target_root": ROOT_SQL.format(col="target")}}
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
        if version in MIGRATIONS:
            if read_only:
                self._shim(version)
            else:
                self._migrate(version)
            return
        if version != SCHEMA_VERSION:
            if version and version.isdigit() and int(version) > int(SCHEMA_VERSION):
                raise StoreError(f"{self.path} was made by a newer tidings (store schema {version}, "
                                 f"this is {SCHEMA_VERSION}): upgrade tidings to read it")
            raise StoreError(f"{self.path} was made by an older tidings (store schema {version or 1}, "
                             f"this is {SCHEMA_VERSION}): ingest into a new --db file")

    def _shim(self, version: str) -> None:
        """Read a store of schema ``version`` without changing it: temporary views over its
        tables add the columns it lacks (as NULL, or computed as ingest would have)."""
        db = self.con.execute("SELECT current_database()").fetchone()[0].replace('"', '""')
        for table, select in SHIMS[version].items():
            self.con.execute(f"CREATE TEMP VIEW {table} AS " + select.replace("{db}", f'"{db}"'))

    def _migrate(self, version: str) -> None:
        """Bring a store of schema ``version`` up to this one, all or nothing."""
        import duckdb

        try:
            self.con.execute("BEGIN TRANSACTION")
            while version in MIGRATIONS:
                self.con.execute(MIGRATIONS[version])
                version = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise write_failed(self.path, exc, "the store was left as it was") from None

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

        rows = pa.table({"article_id": pa.array([clean(e.article_id) for e in errors], pa.string()),
                         "source": pa.array([clean(e.source) for e in errors], pa.string()),
                         "reason": pa.array([clean(e.reason) for e in errors], pa.string())})
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
        computed = _COMPUTED.get(table, {})
        data = pa.table({c: [r.get(c) for r in rows] for c in cols if c not in computed})
        self.con.register("_tidings_rows", data)
        try:
            names = ", ".join(cols)
            values = ", ".join(f"{computed[c]} AS {c}" if c in computed else c for c in cols)
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {values} FROM _tidings_rows")
        finally:
            self.con.unregister("_tidings_rows")

    # -- reading: the queries of tidings.store.queries on this store's connection ------------
    def stats(self) -> dict[str, Any]:
        return queries.stats(self.con)

    def events(self, **filters: Any) -> list[dict[str, Any]]:
        """Events matching the filters (see :func:`tidings.store.queries.events`)."""
        return queries.events(self.con, **filters)

    def dyads(self, a: queries.Actor, b: queries.Actor, by: str = "month") -> list[dict[str, Any]]:
        return queries.dyads(self.con, a, b, by)

    def resolve_actor(self, text: str) -> queries.ActorFilter:
        """A country, actor code, person or organisation as typed, as a filter for
        ``events``/``dyads``/``clusters`` (see :func:`tidings.store.queries.resolve_actor`)."""
        return queries.resolve_actor(self.con, text)

    def clusters(self, **filters: Any) -> list[dict[str, Any]]:
        return queries.clusters(self.con, **filters)

    def top_actors(self, n: int = 20, since: str | None = None) -> list[dict[str, Any]]:
        return queries.top_actors(self.con, n, since)

    def export_arrow(self):  # noqa: ANN201 - pyarrow.Table
        return _export.export_arrow(self.con)

    def export(self, fmt: str, out: str | Path, *, coarse_dates: bool = False) -> _export.Exported:
        """Every event (or event cluster, for ``gdelt`` and ``polecat``) to a file; see
        :func:`tidings.store.export.export`."""
        return _export.export(self.con, fmt, out, coarse_dates=coarse_dates)

    def _columns(self, table: str) -> list[str]:
        cache = self.__dict__.setdefault("_column_cache", {})
        if table not in cache:
            cache[table] = [c[0] for c in self.con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        return cache[table]

    # -- reading ---------------------------------------------------------------------------
