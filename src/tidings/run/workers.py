"""Worker processes that code batches for an ingest: one model and one rule set each,
loaded once; a worker never outlives the ingest, and one that dies or hangs costs only
the batches it was coding (coded again one article at a time)."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from tidings.model import Article, ArticleRecord, Failure
from tidings.run.budget import DEFAULT_ARTICLE_TIMEOUT


def init_worker(parent: int | None = None, rules_dirs: tuple[str, ...] = (),
                min_confidence: float = 0.0) -> None:
    """A worker: ignores Ctrl-C (the main process stops it), ends with its parent (even
    after ``kill -9`` of the ingest), and loads the model and the rules once."""
    from tidings.run.code import process_coder

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent or os.getppid())
    process_coder(rules_dirs, min_confidence)


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux), and watch for it
    in a thread everywhere: a worker never outlives the ingest that started it."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="tidings-parent-watch", daemon=True).start()


def code_batch(batch: list[Article], timeout: float | None = DEFAULT_ARTICLE_TIMEOUT,
               rules_dirs: tuple[str, ...] = (), min_confidence: float = 0.0,
               ) -> list[ArticleRecord | Failure]:
    """Code each article under its time budget (in a worker); see :func:`code_articles`."""
    from tidings.run.code import code_articles, process_coder

    coder = process_coder(rules_dirs, min_confidence)
    return list(code_articles(batch, coder, timeout)) if batch else []


class Workers:
    """Worker processes that code batches. A worker that dies (killed, out of memory,
    a crash in native code) or stops answering breaks only the batches in flight: they
    are coded again one article at a time in a separate process, and the article that
    kills that process too becomes an error. New batches go to a fresh pool."""

    def __init__(self, n: int, timeout: float | None, rules_dirs: tuple[str, ...] = (),
                 min_confidence: float = 0.0) -> None:
        self.n, self.timeout, self.rules_dirs = n, timeout, rules_dirs
        self.args = (timeout, rules_dirs, min_confidence)  # what every batch is coded with
        self.pool: ProcessPoolExecutor | None = None
        self.single: ProcessPoolExecutor | None = None  # codes broken batches one by one
        self.lost = 0  # times a pool broke (a worker died or hung)
        self._pools: dict[Future, ProcessPoolExecutor] = {}  # the pool of each future in flight

    def _start(self, n: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(n, mp_context=mp.get_context("spawn"), initializer=init_worker,
                                   initargs=(os.getpid(), *self.args[1:]))

    def submit(self, batch: list[Article]) -> Future:
        if self.pool is None:
            self.pool = self._start(self.n)
        try:
            future = self.pool.submit(code_batch, batch, *self.args)
        except BrokenProcessPool:  # a worker died since the last batch was handed out
            self.lost += 1
            self._kill(self.pool)
            self.pool = self._start(self.n)
            future = self.pool.submit(code_batch, batch, *self.args)
        self._pools[future] = self.pool
        return future

    def _deadline(self, n_articles: int) -> float | None:
        """Seconds to wait for a batch before calling its worker stuck: far beyond the
        per-article budget, so it only ends a worker that native code has hung."""
        if not self.timeout:
            return None
        return 2 * self.timeout * max(1, n_articles) + 120

    @staticmethod
    def _kill(pool: ProcessPoolExecutor | None) -> None:
        if pool is None:
            return
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.kill()
        pool.shutdown(wait=True, cancel_futures=True)

    def results(self, future: Future, batch: list[Article]) -> list[ArticleRecord | Failure]:
        pool = self._pools.pop(future, None)
        try:
            return future.result(timeout=self._deadline(len(batch)))
        except (BrokenProcessPool, FutureTimeout):
            if pool is self.pool:  # the first failure from this pool
                self.lost += 1
                self._kill(self.pool)
                self.pool = None
            return self._isolated(batch)

    def _isolated(self, batch: list[Article]) -> list[ArticleRecord | Failure]:
        out: list[ArticleRecord | Failure] = []
        for a in batch:
            self.single = self.single or self._start(1)
            try:
                out.extend(self.single.submit(code_batch, [a], *self.args)
                           .result(timeout=self._deadline(1)))
            except (BrokenProcessPool, FutureTimeout) as exc:
                why = "stopped answering" if isinstance(exc, FutureTimeout) else "died"
                out.append(Failure(a.id, a.source, f"the coding process {why} on this article (a "
                                   f"crash or hang in native code), so it was skipped: please "
                                   f"report it", "coder"))
                self._kill(self.single)
                self.single = None
        return out

    def close(self, cancel: bool) -> None:
        for pool in (self.pool, self.single):
            if pool is None:
                continue
            if cancel:
                self._kill(pool)
            else:
                pool.shutdown(wait=True)
        self.pool = self.single = None


def code_in_order(items: Iterable[Article | Failure], workers: int, timeout: float | None,
                  rules_dirs: tuple[str, ...] = (), min_confidence: float = 0.0,
                  batch_size: int = 4) -> Iterator[ArticleRecord | Failure]:
    """:func:`~tidings.run.code.code_articles` over ``workers`` processes: articles go out
    in small batches as they are read and come back in input order, with at most two
    batches a worker in flight, so memory stays bounded however long the input is."""
    pool = Workers(workers, timeout, rules_dirs, min_confidence)
    pending: deque[tuple[Future | None, list]] = deque()  # in input order
    batch: list[Article] = []
    done = False
    try:
        for item in items:
            if isinstance(item, Failure):
                if batch:
                    pending.append((pool.submit(batch), batch))
                    batch = []
                pending.append((None, [item]))
            else:
                batch.append(item)
                if len(batch) >= batch_size:
                    pending.append((pool.submit(batch), batch))
                    batch = []
            while sum(f is not None for f, _ in pending) > 2 * workers:
                yield from _first(pending, pool)
        if batch:
            pending.append((pool.submit(batch), batch))
        while pending:
            yield from _first(pending, pool)
        done = True
    finally:
        pool.close(cancel=not done)


def _first(pending: deque[tuple[Future | None, list]], pool: Workers) -> list:
    future, items = pending.popleft()
    return items if future is None else pool.results(future, items)
