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


def publish(store: Any) -> float:
    """Checkpoint the writer's store and publish a snapshot. Call it from the process
    holding the write lock, between transactions. The copy is read through the store's
    own descriptor, so the process's locks on the file stay in place. Returns the seconds
    it took; raises :class:`SnapshotError` (the store is unaffected)."""
    import duckdb

    from tidings.store.core import write_failed

    db = Path(store.path)
    t0 = time.perf_counter()
    try:
        store.con.execute("CHECKPOINT")
    except duckdb.InterruptException:
        raise KeyboardInterrupt from None
    except duckdb.Error as exc:
        raise write_failed(db, exc, "committed batches are kept") from exc
    tmp = _tmp_name(db)
    try:
        _remove_orphans(db)
        store.copy_to(tmp)
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
    with Store(db, read_only=True) as store:  # holds the shared locks while copying
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
                store.copy_to(tmp)
            _install(tmp, db)
        except (OSError, duckdb.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise SnapshotError(f"could not write the snapshot {snapshot_path(db)}: {exc}") from exc
    return snapshot_path(db)


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")


class _Generation:
    """One opened snapshot and the requests still reading it."""

    def __init__(self, store: Any, key: tuple[int, int]) -> None:
        self.store, self.key = store, key
        self.users = 0
        self.retired = False
        self.cache: dict[str, Any] = {}  # what a reader derives once per snapshot

    def close_if_idle(self) -> None:
        if self.retired and self.users == 0 and self.store is not None:
            store, self.store = self.store, None
            store.close()


class SnapshotReader:
    """Read-only connections on the newest snapshot of a store, for a long-running
    reader (the web server). ``acquire()`` returns the current generation (switching to
    a newer snapshot when one has been published, checked at most every ``check_every``
    seconds) and ``release()`` gives it back: an old generation is closed only once the
    last request reading it is done, so a switch never breaks a query in flight. Each
    snapshot is opened through a private hard link that is removed at once, so DuckDB
    never confuses two generations of the same path and nothing is left behind."""

    def __init__(self, db: str | Path, *, configure: Callable[[Any], None] | None = None,
                 check_every: float = 1.0) -> None:
        self.db = self.path = Path(db)
        self.snapshot = snapshot_path(self.db)
        self.configure = configure
        self.check_every = check_every
        self._lock = threading.Lock()
        self._counter = itertools.count()
        self._checked = 0.0
        self.current: _Generation = self._open()

    def _stat_key(self) -> tuple[int, int]:
        st = self.snapshot.stat()
        return st.st_ino, st.st_mtime_ns

    def _open(self) -> _Generation:
        import duckdb

        from tidings.store import Store

        key = self._stat_key()
        link = self.db.with_name(f".{self.db.name}.serve-{os.getpid()}-{id(self):x}-{next(self._counter)}")
        link.unlink(missing_ok=True)
        os.link(self.snapshot, link)
        try:
            store = Store(link, read_only=True)
        finally:
            link.unlink(missing_ok=True)
        try:
            if self.configure is not None:
                self.configure(store.con)
        except duckdb.Error:
            store.close()
            raise
        return _Generation(store, key)

    @property
    def con(self) -> Any:
        return self.current.store.con

    def acquire(self) -> _Generation:
        """The newest generation, counted as in use until :meth:`release`."""
        with self._lock:
            now = time.monotonic()
            if now - self._checked >= self.check_every:
                self._checked = now
                try:
                    if self._stat_key() != self.current.key:
                        old, self.current = self.current, self._open()
                        old.retired = True
                        old.close_if_idle()
                except (OSError, RuntimeError):
                    pass  # keep answering from the snapshot already open
            gen = self.current
            gen.users += 1
            return gen

    def release(self, gen: _Generation) -> None:
        with self._lock:
            gen.users -= 1
            gen.close_if_idle()

    def connection(self) -> Any:
        """The newest connection, for a caller that holds no cursor across a switch."""
        gen = self.acquire()
        self.release(gen)
        return gen.store.con

    def close(self) -> None:
        with self._lock:
            self.current.retired = True
            self.current.close_if_idle()
