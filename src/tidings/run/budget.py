"""A time budget per article: coding that runs longer is stopped, and the article
becomes an error instead of hanging the run.

The budget is a ``SIGALRM`` timer (``ITIMER_REAL``), so it interrupts Python code and
the ``re`` module; it only works in a process's main thread, which is where ``tidings
code``, ``tidings ingest`` and the ingest workers code. Elsewhere (a web server thread,
a Spark executor thread) the budget is not armed and coding runs unbounded.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_ARTICLE_TIMEOUT = 60.0  # seconds; the slowest real article we coded took ~2 s

class ArticleTimeout(Exception):
    """Coding one article took longer than its budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"coding took longer than {seconds:g} s, so the article was skipped: "
            f"split it or raise the budget (--article-timeout)")
        self.seconds = seconds


def can_arm() -> bool:
    """Whether a budget can be armed here (the main thread of a POSIX process)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the block when it runs longer than ``seconds``
    (``None`` or 0: no budget). Restores the previous handler and timer on exit."""
    if not seconds or seconds <= 0 or not can_arm():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ArticleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
