"""Ingest: read inputs, code articles (in worker processes), store them in batches.

The main process reads and stores; workers only code (one spaCy model per worker,
loaded once). Every batch is one transaction, and articles already in the store are
skipped before coding, so re-running the same command after a crash or a kill codes
and stores only what is missing. The output folder of ``tidings spark`` is an input
too: its records go through the same batches and near-duplicate linking, uncoded.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from tidings.budget import DEFAULT_ARTICLE_TIMEOUT, ArticleTimeout, time_budget
from tidings.model import Article, ArticleRecord
from tidings.sparkout import Coded

MEMORY_ENV = "TIDINGS_STORE_MEMORY"  # DuckDB buffer memory of the ingest process
DEFAULT_MEMORY = "512MB"  # bounded, so memory stays flat as the store grows


@dataclass
class IngestStats:
    read: int = 0
    added: int = 0
    skipped: int = 0  # already in the store
    duplicates: int = 0  # near-duplicates of a stored article: linked, not coded
    store_seconds: float = 0.0  # known-id checks, near-duplicate linking and writing
    events: int = 0
    errors: int = 0
    worker_losses: int = 0  # a worker died or hung: its batches were coded again
    snapshots: int = 0  # snapshots published for readers
    snapshot_seconds: float = 0.0
    snapshot_error: str | None = None  # the last snapshot could not be written


def _init_worker() -> None:
    """Load the model once per worker process (``tidings.default_coder`` caches it)."""
    from tidings import default_coder

    default_coder()


def _code_batch(batch: list[Article], timeout: float | None = DEFAULT_ARTICLE_TIMEOUT,
                ) -> list[ArticleRecord | tuple[str, str]]:
    """Code each article under its time budget; a failing article becomes (id, reason)."""
    from tidings import default_coder

    if not batch:
        return []
    coder = default_coder()
    out: list[ArticleRecord | tuple[str, str]] = []
    for a in batch:
        try:
            with time_budget(timeout):
                out.append(coder.code(a))
        except ArticleTimeout as exc:
            out.append((a.id, str(exc)))
        except Exception as exc:  # a bug on one article must not stop the run
            out.append((a.id, f"internal error: {type(exc).__name__}: {exc}"))
    return out


class _Workers:
    """Worker processes that code batches. A worker that dies (killed, out of memory,
    a crash in native code) or stops answering breaks only the batches in flight: they
    are coded again one article at a time in a separate process, and the article that
    kills that process too becomes an error. New batches go to a fresh pool."""

    def __init__(self, n: int, timeout: float | None) -> None:
        self.n, self.timeout = n, timeout
        self.pool: ProcessPoolExecutor | None = None
        self.single: ProcessPoolExecutor | None = None  # codes broken batches one by one
        self.lost = 0  # times a pool broke (a worker died or hung)
        self._pools: dict[Future, ProcessPoolExecutor] = {}  # the pool of each future in flight

    @staticmethod
    def _start(n: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(n, mp_context=mp.get_context("spawn"), initializer=_init_worker)

    def submit(self, batch: list[Article]) -> Future:
        if self.pool is None:
            self.pool = self._start(self.n)
        try:
            future = self.pool.submit(_code_batch, batch, self.timeout)
        except BrokenProcessPool:  # a worker died since the last batch was handed out
            self.lost += 1
            self._kill(self.pool)
            self.pool = self._start(self.n)
            future = self.pool.submit(_code_batch, batch, self.timeout)
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

    def results(self, future: Future, batch: list[Article]) -> list[ArticleRecord | tuple[str, str]]:
        pool = self._pools.pop(future, None)
        try:
            return future.result(timeout=self._deadline(len(batch)))
        except (BrokenProcessPool, FutureTimeout):
            if pool is self.pool:  # the first failure from this pool
                self.lost += 1
                self._kill(self.pool)
                self.pool = None
            return self._isolated(batch)

    def _isolated(self, batch: list[Article]) -> list[ArticleRecord | tuple[str, str]]:
        out: list[ArticleRecord | tuple[str, str]] = []
        for a in batch:
            self.single = self.single or self._start(1)
            try:
                out.extend(self.single.submit(_code_batch, [a], self.timeout)
                           .result(timeout=self._deadline(1)))
            except (BrokenProcessPool, FutureTimeout) as exc:
                why = "stopped answering" if isinstance(exc, FutureTimeout) else "died"
                out.append((a.id, f"the coding process {why} on this article (a crash or hang "
                                  f"in native code), so it was skipped: please report it"))
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


def _batches(items: Iterable, size: int) -> Iterator[list]:
    buf: list = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def read_inputs(paths: Sequence[str | Path], date: str | None = None, *,
                max_bytes: int | None = None, max_chars: int | None = None,
                ) -> Iterator[tuple[str, Article | Coded | Exception]]:
    """(source, Article or InputError) for every article in the given inputs; ``date``
    is the publication date for articles that carry none. A ``tidings spark`` output
    folder gives its records already coded (:class:`~tidings.sparkout.Coded`) and its
    error rows."""
    from tidings.ingest import InputError, read_path
    from tidings.sparkout import is_spark_output, read_spark_output

    for p in paths:
        if is_spark_output(p):
            yield from read_spark_output(p)
            continue
        try:
            limits = {k: v for k, v in (("max_bytes", max_bytes), ("max_chars", max_chars)) if v}
            for item in read_path(p, date=date, **limits):
                yield str(p), item
        except InputError as exc:
            yield str(p), exc


@dataclass
class _Batch:
    """A batch between reading and storing: coding may still be running in a worker."""

    todo: list[Article]
    errors: list[tuple[str | None, str, str]]
    duplicates: list[tuple[Article, str]]
    bands: list[tuple[str, int, int]]
    result: object  # a Future of the worker pool ([] when there was nothing to code)
    to_code: list[Article]  # the articles being coded (to code again if a worker dies)
    coded: list[ArticleRecord]  # records coded elsewhere (a Spark output)


def ingest(paths: Sequence[str | Path], db: str | Path, *, workers: int = 1, batch: int = 64,
           date: str | None = None, article_timeout: float | None = DEFAULT_ARTICLE_TIMEOUT,
           wait: float = 0.0, snapshot: bool = True, snapshot_every: float = 60.0,
           max_bytes: int | None = None, max_chars: int | None = None,
           on_batch: Callable[[IngestStats], None] | None = None,
           on_start: Callable[[], None] | None = None) -> IngestStats:
    """Code and store every article of ``paths`` in the store at ``db``.

    Coding runs in ``workers`` worker processes (never in this one, so a crash in
    native code costs a restart, not the run); up to two batches per worker are being
    coded while this process reads, links near-duplicates and stores. Batches are
    stored in input order, each in one transaction. An article that takes longer than
    ``article_timeout`` seconds to code is stored as an error, and so is an input over
    ``max_bytes`` or an article over ``max_chars``. While another process holds the
    store, keep trying for ``wait`` seconds, then raise :class:`~tidings.store.StoreBusy`.
    With ``snapshot``, a snapshot for readers is published at the start (unless the one
    there is current), at most every ``snapshot_every`` seconds, and at the end, each
    time only if something was stored since the last one (see :mod:`tidings.snapshot`).
    ``on_start`` is called once the store is open."""
    from tidings.snapshot import is_current
    from tidings.store import Store

    stats = IngestStats()
    with Store(db, memory_limit=os.environ.get(MEMORY_ENV, DEFAULT_MEMORY), wait=wait) as store:
        if on_start is not None:
            on_start()
        publisher = _Publisher(store, db, snapshot_every, stats) if snapshot else None
        if publisher is not None and not is_current(db):
            publisher.publish()
        pool = _Workers(workers, article_timeout)  # coding never runs in this process
        window: deque[_Batch] = deque()
        pending: dict = {}  # LSH bands of articles in batches not stored yet
        try:
            items = read_inputs(paths, date, max_bytes=max_bytes, max_chars=max_chars)
            for chunk in _batches(items, batch):
                errors: list[tuple[str | None, str, str]] = []
                todo: list[Article] = []
                coded: dict[str, ArticleRecord] = {}
                for source, item in chunk:
                    stats.read += 1
                    if isinstance(item, Coded):
                        todo.append(item.article)
                        coded.setdefault(item.article.id, item.record)
                    elif isinstance(item, Article):
                        todo.append(item)
                    else:
                        errors.append((getattr(item, "article_id", None), source, str(item)))
                t0 = time.perf_counter()
                known = store.existing_ids([a.id for a in todo])
                stats.skipped += sum(1 for a in todo if a.id in known)
                todo = [a for a in todo if a.id not in known]
                todo, duplicates, bands = _link_duplicates(store, todo, pending)
                stats.store_seconds += time.perf_counter() - t0
                to_code = [a for a in todo if a.id not in coded]
                result = pool.submit(to_code) if to_code else []
                window.append(_Batch(todo, errors, duplicates, bands, result, to_code,
                                     [coded[a.id] for a in todo if a.id in coded]))
                while len(window) > 2 * workers:
                    _store_batch(store, window.popleft(), stats, pending, on_batch, pool, publisher)
            while window:
                _store_batch(store, window.popleft(), stats, pending, on_batch, pool, publisher)
            if publisher is not None and publisher.dirty:
                publisher.publish()
        finally:
            pool.close(cancel=bool(window))  # stopped by an error: drop batches in flight
            stats.worker_losses = pool.lost
    return stats


class _Publisher:
    """Publishes the store's snapshot between batches when something was stored: at
    most every ``every`` seconds, and never so often that copying takes more than a
    twentieth of the run."""

    def __init__(self, store, db: str | Path, every: float, stats: IngestStats) -> None:  # noqa: ANN001
        self.store, self.db, self.every, self.stats = store, db, every, stats
        self.next_at = time.monotonic() + every
        self.dirty = False  # stored since the last snapshot

    def maybe(self) -> None:
        if self.dirty and self.every > 0 and time.monotonic() >= self.next_at:
            self.publish()

    def publish(self) -> None:
        from tidings.snapshot import SnapshotError, publish

        try:
            took = publish(self.store)
        except SnapshotError as exc:
            self.stats.snapshot_error = str(exc)
            took = 0.0
        else:
            self.stats.snapshots += 1
            self.stats.snapshot_seconds += took
            self.stats.snapshot_error = None
            self.dirty = False
        self.next_at = time.monotonic() + max(self.every, 20 * took)


def _store_batch(store, b: _Batch, stats: IngestStats, pending: dict,  # noqa: ANN001
                 on_batch: Callable[[IngestStats], None] | None, pool: _Workers,
                 publisher: _Publisher | None = None) -> None:
    coded = pool.results(b.result, b.to_code) if isinstance(b.result, Future) else b.result
    results = list(coded) + b.coded
    t0 = time.perf_counter()
    records = [r for r in results if isinstance(r, ArticleRecord)]
    errors = b.errors + [(r[0], "coder", r[1]) for r in results if not isinstance(r, ArticleRecord)]
    added = store.add(records, errors, sources={a.id: a.source for a in b.todo},
                      duplicates=b.duplicates, bands=b.bands)
    stats.added += added
    stored = {a.id for a in b.todo}
    for key in {(band, h) for _, band, h in b.bands}:
        left = [fp for fp in pending.get(key, ()) if fp.article_id not in stored]
        if left:
            pending[key] = left
        else:
            pending.pop(key, None)
    stats.store_seconds += time.perf_counter() - t0
    stats.duplicates += len(b.duplicates)
    stats.events += sum(len(r.events) for r in records)
    stats.errors += len(errors)
    if publisher is not None:
        publisher.dirty = publisher.dirty or bool(added or errors)
        publisher.maybe()
    if on_batch is not None:
        on_batch(stats)


def _link_duplicates(store, todo: list[Article], pending: dict):  # noqa: ANN001, ANN202
    """Split ``todo`` into articles to code and near-duplicates of an earlier article
    (linked to it, not coded again), plus the LSH band rows of the ones to code.
    ``pending`` holds the bands of articles read but not stored yet; the new canonical
    articles are added to it."""
    from tidings.dedup import band_rows, fingerprint, link

    fps = [fingerprint(a.id, a.text) for a in todo]
    keys = sorted({(band, h) for fp in fps for band, h in enumerate(fp.bands)})
    candidates = store.band_candidates(keys)
    texts = store.texts(sorted({aid for ids in candidates.values() for aid in ids}))
    dup_of = link(fps, candidates, texts, pending)
    keep = [a for a in todo if a.id not in dup_of]
    duplicates = [(a, dup_of[a.id]) for a in todo if a.id in dup_of]
    return keep, duplicates, band_rows(fps, dup_of)
