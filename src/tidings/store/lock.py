"""One writer per store: a lock that no file copy can release.

DuckDB guards its file with POSIX record locks, which belong to the process and the
file: closing *any* descriptor of that file in the process drops them, so copying the
store for a snapshot used to let a second writer in. tidings therefore also holds a
``flock`` on a separate file, ``<store>.lock``, for the whole time a process writes:
flock locks belong to the open file description, so nothing else the process opens or
closes can release them. The writer holds it exclusively and writes its PID into it;
a reader of the live file holds it shared while it reads, so a writer cannot start
under it, and a reader that finds a writer reads the snapshot instead.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

SUFFIX = ".lock"


class LockBusy(RuntimeError):
    """Another process holds the lock; ``pid`` is the writer's when known."""

    def __init__(self, path: Path, pid: int | None, writer: bool) -> None:
        self.path, self.pid, self.writer = path, pid, writer
        who = f" (PID {pid})" if pid else ""
        super().__init__(f"{path} is being {'written' if writer else 'read'} by another process{who}")


def lock_path(db: str | Path) -> Path:
    db = Path(db)
    return db.with_name(db.name + SUFFIX)


def _read_pid(fd: int) -> int | None:
    try:
        raw = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(raw) if raw.isdigit() else None
    except OSError:
        return None


class StoreLock:
    """``flock`` on ``<db>.lock``: exclusive for the writer (which records its PID),
    shared for readers of the live file. ``wait`` seconds are spent retrying while
    another process holds it; then :class:`LockBusy`."""

    def __init__(self, db: str | Path, *, writer: bool, wait: float = 0.0) -> None:
        self.path = lock_path(db)
        self.writer = writer
        self.fd: int | None = None
        if writer:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        else:
            try:
                fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
            except FileNotFoundError:
                return  # no process has ever written here: nothing to wait for
        deadline = time.monotonic() + max(0.0, wait)
        mode = (fcntl.LOCK_EX if writer else fcntl.LOCK_SH) | fcntl.LOCK_NB
        while True:
            try:
                fcntl.flock(fd, mode)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(min(0.5, max(0.05, deadline - time.monotonic())))
                    continue
                pid = _read_pid(fd)
                os.close(fd)
                raise LockBusy(Path(db), pid, writer=pid is not None) from None
        self.fd = fd
        if writer:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)

    def release(self) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            if self.writer:
                os.ftruncate(fd, 0)
        except OSError:
            pass
        os.close(fd)  # closing the last descriptor of the description drops the flock


def writer_pid(db: str | Path) -> int | None:
    """The PID of the process writing ``db`` now, or None when none is."""
    try:
        fd = os.open(lock_path(db), os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_pid(fd) or -1
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def copy_from_fd(src_fd: int, dst: Path) -> None:
    """Copy the whole file behind ``src_fd`` to ``dst`` without opening the source again
    (a second descriptor's close would drop the DuckDB locks of this process)."""
    size = os.fstat(src_fd).st_size
    out = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
    try:
        offset = 0
        use_sendfile = True
        while offset < size:
            sent = 0
            if use_sendfile:
                try:
                    sent = os.sendfile(out, src_fd, offset, min(size - offset, 1 << 30))
                except OSError:
                    use_sendfile = False
            if not use_sendfile:  # read at explicit offsets; the source's position is untouched
                chunk = os.pread(src_fd, min(size - offset, 1 << 24), offset)
                view = memoryview(chunk)
                while view:
                    view = view[os.write(out, view):]
                sent = len(chunk)
            if sent <= 0:
                break  # the file shrank under us: what was there is copied
            offset += sent
    finally:
        os.close(out)
