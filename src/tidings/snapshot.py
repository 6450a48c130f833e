"""Snapshots: a published copy of a store that readers use while an ingest writes.

DuckDB lets one process write a database file and, while it does, no other process may
open the file, not even to read. So an ingest publishes ``<store>.snapshot`` beside the
store: when it starts, every minute or so while it runs (``--snapshot-every``), and
when it ends. A snapshot is always a whole committed state: the writer checkpoints,
copies the file under its own lock, then renames the copy into place, so a reader sees
the old snapshot or the new one and never a half-written file, and a kill during the
copy leaves the previous snapshot in place.

``tidings serve`` reads only snapshots (making one first if the store has none or a
stale one and no process is writing), so it never holds the store's lock and never
stops an ingest from starting; it picks up each new snapshot within a second. The
read commands (``stats``, ``dyads``, ``events`` ...) read the store itself and fall
back to the snapshot while an ingest holds the lock.
"""

from __future__ import annotations

import itertools
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SUFFIX = ".snapshot"


class SnapshotError(RuntimeError):
    """A snapshot could not be written (the store itself is unaffected)."""


def snapshot_path(db: str | Path) -> Path:
    db = Path(db)
    return db.with_name(db.name + SUFFIX)


def _wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def is_current(db: str | Path) -> bool:
    """Whether the snapshot holds everything the store holds: it was taken from the
    store's file as it is now (same modification time) and nothing waits in its WAL."""
    db = Path(db)
    snap = snapshot_path(db)
    try:
        same = snap.stat().st_mtime_ns == db.stat().st_mtime_ns
    except FileNotFoundError:
        return False
    wal = _wal(db)
    return same and (not wal.exists() or wal.stat().st_size == 0)


def _tmp_name(db: Path) -> Path:
    return db.with_name(f".{db.name}.snapshot-{os.getpid()}.tmp")


def _remove_orphans(db: Path) -> None:
    """Temporary copies left by a process killed while copying."""
    for p in db.parent.glob(f".{db.name}.snapshot-*.tmp"):
        try:
            pid = int(p.name.rsplit("-", 1)[1].split(".")[0])
        except ValueError:
            continue
        if pid == os.getpid() or not _alive(pid):
            p.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _install(tmp: Path, db: Path) -> None:
    """fsync the copy, give it the store's modification time, rename it into place."""
    with tmp.open("rb+") as f:
        os.fsync(f.fileno())
    st = db.stat()
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, snapshot_path(db))
    try:
        fd = os.open(db.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def publish(con: Any, db: str | Path) -> float:
    """Checkpoint the writer's connection ``con`` on ``db`` and publish a snapshot.
    Call it from the process holding the write lock, between transactions. Returns
    the seconds it took; raises :class:`SnapshotError` (the store is unaffected)."""
    import duckdb

    from tidings.store import write_failed

    db = Path(db)
    t0 = time.perf_counter()
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error as exc:
        raise write_failed(db, exc, "committed batches are kept") from exc
    tmp = _tmp_name(db)
    try:
        _remove_orphans(db)
        shutil.copyfile(db, tmp)
        _install(tmp, db)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SnapshotError(f"could not write the snapshot {snapshot_path(db)}: "
                            f"{exc.strerror or exc}: readers keep the previous one") from exc
    return time.perf_counter() - t0


def refresh(db: str | Path) -> Path:
    """Make the snapshot of a store that no process is writing (``StoreBusy`` when one
    is). Copies the file under a read lock, or, when a killed writer left a WAL, writes
    a fresh database with the WAL's transactions applied."""
    import duckdb

    from tidings.store import Store

    db = Path(db)
    tmp = _tmp_name(db)
    with Store(db, read_only=True):  # holds the shared lock while copying
        try:
            _remove_orphans(db)
            wal = _wal(db)
            if wal.exists() and wal.stat().st_size > 0:
                tmp.unlink(missing_ok=True)
                mem = duckdb.connect()
                try:
                    mem.execute(f"ATTACH '{_sql_path(db)}' AS src (READ_ONLY)")
                    mem.execute(f"ATTACH '{_sql_path(tmp)}' AS dst")
                    mem.execute("COPY FROM DATABASE src TO dst")
                finally:
                    mem.close()
            else:
                shutil.copyfile(db, tmp)
            _install(tmp, db)
        except (OSError, duckdb.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise SnapshotError(f"could not write the snapshot {snapshot_path(db)}: {exc}") from exc
    return snapshot_path(db)


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")


class SnapshotReader:
    """Read-only connections on the newest snapshot of a store, for a long-running
    reader (the web server). ``connection()`` returns the current one and switches to
    a newer snapshot when one has been published (checked at most every
    ``check_every`` seconds). Each snapshot is opened through a private hard link that
    is removed at once, so DuckDB never confuses two generations of the same path and
    nothing is left behind."""

    def __init__(self, db: str | Path, *, configure: Callable[[Any], None] | None = None,
                 check_every: float = 1.0) -> None:
        self.db = self.path = Path(db)
        self.snapshot = snapshot_path(self.db)
        self.configure = configure
        self.check_every = check_every
        self._lock = threading.Lock()
        self._counter = itertools.count()
        self._checked = 0.0
        self._key: tuple[int, int] | None = None
        self.con: Any = None
        self._open()

    def _stat_key(self) -> tuple[int, int]:
        st = self.snapshot.stat()
        return st.st_ino, st.st_mtime_ns

    def _open(self) -> None:
        import duckdb

        from tidings.store import Store

        key = self._stat_key()
        link = self.db.with_name(f".{self.db.name}.serve-{os.getpid()}-{next(self._counter)}")
        link.unlink(missing_ok=True)
        os.link(self.snapshot, link)
        try:
            store = Store(link, read_only=True)
        finally:
            link.unlink(missing_ok=True)
        con = store.con
        try:
            if self.configure is not None:
                self.configure(con)
        except duckdb.Error:
            con.close()
            raise
        old, self.con, self._key = self.con, con, key
        if old is not None:
            old.close()  # cursors in flight keep the old database alive until they finish

    def connection(self) -> Any:
        now = time.monotonic()
        if now - self._checked >= self.check_every:
            with self._lock:
                if now - self._checked >= self.check_every:
                    self._checked = now
                    try:
                        if self._stat_key() != self._key:
                            self._open()
                    except (OSError, RuntimeError):
                        pass  # keep answering from the snapshot already open
        return self.con

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
