"""Stopping a run by SIGINT (Ctrl-C) or SIGTERM: the signal becomes :class:`Interrupted`
in the main thread, so the run's ``finally`` blocks end its workers and roll back what
was half written; ``ingest`` and ``code`` both stop this way."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any


class Interrupted(KeyboardInterrupt):
    """The run was stopped by SIGINT (Ctrl-C) or SIGTERM. A KeyboardInterrupt, so no
    ``except Exception`` on the way swallows it; ``stats`` carries what the run had done."""

    def __init__(self, signum: int, stats: Any = None) -> None:
        name = signal.Signals(signum).name
        super().__init__(f"interrupted by {name}")
        self.signum = signum
        self.stats = stats


class StopSignals:
    """While in use, SIGINT and SIGTERM raise :class:`Interrupted` in the main thread at
    once, except inside :meth:`held`, where the signal is raised when the held block
    ends (a record being written is never cut in two by it). ``received`` lists the
    signals that came: an exception raised while a library runs Python code of its own
    (DuckDB's Arrow scan) can be lost there, so a run checks the list too. The previous
    handlers come back on exit; outside the main thread nothing is changed."""

    def __init__(self) -> None:
        self.received: list[int] = []
        self._hold = False
        self._previous: dict[int, Any] = {}

    def _stop(self, signum: int, frame: object) -> None:
        self.received.append(signum)
        if not self._hold:
            raise Interrupted(signum)

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            self._previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def check(self) -> None:
        """Raise :class:`Interrupted` if a signal came."""
        if self.received:
            raise Interrupted(self.received[0])

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        self._hold = True
        try:
            yield
        finally:
            self._hold = False
        self.check()
