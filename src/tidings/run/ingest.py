"""Ingest: read inputs, code articles (in worker processes), store them in batches.

The main process reads and stores; workers only code (one spaCy model per worker,
loaded once). Every batch is one transaction, and articles already in the store are
skipped before coding, so re-running the same command after a crash or a kill codes
and stores only what is missing. The output folder of ``tidings spark`` is an input
too: its records go through the same batches and near-duplicate linking, uncoded.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.model import Article, ArticleRecord, Coded, Failure
from tidings.run.budget import DEFAULT_ARTICLE_TIMEOUT
from tidings.run.signals import Interrupted, StopSignals
from tidings.run.workers import Ticket, Workers

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
                ) -> Iterator[Article | Coded | Failure]:
    """Every article in the given inputs (an :class:`Article`), each input or record that
    cannot be read (a :class:`Failure` naming its source), and, from a ``tidings spark``
    output folder, its records already coded (:class:`~tidings.model.Coded`) and its
    error rows. ``date`` is the publication date for articles that carry none."""
    from tidings.ingest import InputError, read_path
    from tidings.ingest.spark_output import OutputError, is_spark_output, read_spark_output

    for p in paths:
        if is_spark_output(p):
            for source, item in read_spark_output(p):
                if isinstance(item, Coded):
                    yield item
                else:
                    yield Failure(getattr(item, "article_id", None), source, str(item),
                                  "coder" if isinstance(item, OutputError) else "input")
            continue
        try:
            limits = {k: v for k, v in (("max_bytes", max_bytes), ("max_chars", max_chars)) if v}
            for item in read_path(p, date=date, **limits):
                if isinstance(item, InputError):
                    yield Failure(item.article_id, item.source or str(p), str(item))
                else:
                    yield item
        except InputError as exc:
            yield Failure(exc.article_id, exc.source or str(p), str(exc))


@dataclass
class _Batch:
    """A batch between reading and storing: coding may still be running in a worker."""

    todo: list[Article]
    errors: list[Failure]
    duplicates: list[tuple[Article, str]]
    bands: list[tuple[str, int, int]]
    result: object  # the worker pool's Ticket ([] when there was nothing to code)
    to_code: list[Article]  # the articles being coded (to code again if a worker dies)
    coded: list[ArticleRecord]  # records coded elsewhere (a Spark output)


def duplicate_reason(article_id: str, first_source: str | None) -> str:
    """Why a second article with an id this run already read is not stored (ingest and
    Spark say the same)."""
    where = f" ({first_source})" if first_source else ""
    return (f"duplicate id '{article_id}': an earlier input of this run{where} has the same id "
            f"(after trimming spaces and control characters), so this one was not stored: give "
            f"each article its own id")


class _RunIds:
    """The ids this run has read: an article whose id an earlier input of the same run
    already had is an error (its text would otherwise be silently dropped, or its source
    given to the other's text). Ids still in flight are held here; stored ones are
    recognised by the store's ``ingested_at`` (at or after the run's start)."""

    def __init__(self) -> None:
        self.started = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        self.in_flight: dict[str, str | None] = {}  # id -> source of the first one

    def duplicate(self, a: Article, first_source: str | None) -> Failure:
        return Failure(a.id, a.source, duplicate_reason(a.id, first_source))

    def split(self, store, items: list[Article | Coded], stats: IngestStats,  # noqa: ANN001
              ) -> tuple[list[Article], dict[str, ArticleRecord], list[Failure]]:
        """Articles to store (with any records coded elsewhere) and the duplicates' errors;
        counts the ones an earlier run stored as skipped."""
        failures: list[Failure] = []
        fresh: list[Article | Coded] = []
        batch_ids: dict[str, str | None] = {}
        for it in items:
            a = it.article if isinstance(it, Coded) else it
            if a.id in self.in_flight or a.id in batch_ids:
                first = self.in_flight[a.id] if a.id in self.in_flight else batch_ids[a.id]
                failures.append(self.duplicate(a, first))
                continue
            batch_ids[a.id] = a.source
            fresh.append(it)
        known = store.known_ids(list(batch_ids))
        todo: list[Article] = []
        coded: dict[str, ArticleRecord] = {}
        for it in fresh:
            a = it.article if isinstance(it, Coded) else it
            if a.id in known:
                at, src = known[a.id]
                if at is not None and at >= self.started:
                    failures.append(self.duplicate(a, src))
                else:
                    stats.skipped += 1
                continue
            todo.append(a)
            self.in_flight[a.id] = a.source
            if isinstance(it, Coded):
                coded[a.id] = it.record
        return todo, coded, failures


def ingest(paths: Sequence[str | Path], db: str | Path, *, workers: int = 1, batch: int = 64,
           date: str | None = None, article_timeout: float | None = DEFAULT_ARTICLE_TIMEOUT,
           wait: float = 0.0, snapshot: bool = True, snapshot_every: float = 60.0,
           max_bytes: int | None = None, max_chars: int | None = None,
           on_batch: Callable[[IngestStats], None] | None = None,
           on_start: Callable[[], None] | None = None, rules_dirs: Sequence[str | Path] = ()
           ) -> IngestStats:
    """Code and store every article of ``paths`` in the store at ``db``.

    Coding runs in ``workers`` worker processes (never in this one, so a crash in
    native code costs a restart, not the run); up to two batches per worker are being
    coded while this process reads, links near-duplicates and stores. Batches are
    stored in input order, each in one transaction. An article that takes longer than
    ``article_timeout`` seconds to code is stored as an error, and so is an input over
    ``max_bytes``, an article over ``max_chars``, a second article with an id this run
    already read, and an article the store cannot hold. While another process holds the
    store, keep trying for ``wait`` seconds, then raise :class:`~tidings.store.core.StoreBusy`.
    With ``snapshot``, a snapshot for readers is published at the start (unless the one
    there is current), at most every ``snapshot_every`` seconds, and at the end, each
    time only if something was stored since the last one (see :mod:`tidings.store.snapshot`).
    ``on_start`` is called once the store is open; ``rules_dirs`` are rules folders the
    workers load over the package's tables. SIGINT or SIGTERM stop it with
    :class:`Interrupted` (carrying the stats so far): the workers are ended, the batch
    being written is rolled back, everything committed before stays."""
    stats = IngestStats()
    with StopSignals() as stop:
        received = stop.received
        try:
            _run(paths, db, stats, workers=workers, batch=batch, date=date,
                 article_timeout=article_timeout, wait=wait, snapshot=snapshot,
                 snapshot_every=snapshot_every, max_bytes=max_bytes, max_chars=max_chars,
                 on_batch=on_batch, on_start=on_start, stop=stop,
                 rules_dirs=tuple(str(d) for d in rules_dirs))
        except KeyboardInterrupt as exc:
            signum = exc.signum if isinstance(exc, Interrupted) else (received or [signal.SIGINT])[0]
            raise Interrupted(signum, stats) from None
        except Exception:
            # the signal came while DuckDB ran a write: the query was stopped, the batch
            # rolled back, and the store says it could not write. It was the interrupt.
            if received:
                raise Interrupted(received[0], stats) from None
            raise
    return stats


def _run(paths: Sequence[str | Path], db: str | Path, stats: IngestStats, *, workers: int,
         batch: int, date: str | None, article_timeout: float | None, wait: float,
         snapshot: bool, snapshot_every: float, max_bytes: int | None, max_chars: int | None,
         on_batch: Callable[[IngestStats], None] | None,
         on_start: Callable[[], None] | None, stop: StopSignals, rules_dirs: tuple[str, ...]) -> None:
    from tidings.store import Store
    from tidings.store.snapshot import is_current

    with Store(db, memory_limit=os.environ.get(MEMORY_ENV, DEFAULT_MEMORY), wait=wait) as store:
        if on_start is not None:
            on_start()
        publisher = _Publisher(store, db, snapshot_every, stats) if snapshot else None
        if publisher is not None and not is_current(db):
            publisher.publish()
        pool = Workers(workers, article_timeout, rules_dirs)  # coding never runs in this process
        window: deque[_Batch] = deque()
        pending: dict = {}  # LSH bands of articles in batches not stored yet
        ids = _RunIds()
        try:
            items = read_inputs(paths, date, max_bytes=max_bytes, max_chars=max_chars)
            for chunk in _batches(items, batch):
                stop.check()
                stats.read += len(chunk)
                errors = [it for it in chunk if isinstance(it, Failure)]
                t0 = time.perf_counter()
                todo, coded, dup_errors = ids.split(
                    store, [it for it in chunk if not isinstance(it, Failure)], stats)
                errors += dup_errors
                todo, duplicates, bands = _link_duplicates(store, todo, pending)
                stats.store_seconds += time.perf_counter() - t0
                to_code = [a for a in todo if a.id not in coded]
                result = pool.submit(to_code) if to_code else []
                window.append(_Batch(todo, errors, duplicates, bands, result, to_code,
                                     [coded[a.id] for a in todo if a.id in coded]))
                while len(window) > 2 * workers:
                    _store_batch(store, window.popleft(), stats, pending, on_batch, pool, publisher, ids)
                    stop.check()
            while window:
                _store_batch(store, window.popleft(), stats, pending, on_batch, pool, publisher, ids)
                stop.check()
            if publisher is not None and publisher.dirty:
                publisher.publish()
        finally:
            pool.close(cancel=bool(window))  # stopped by an error: drop batches in flight
            stats.worker_losses = pool.lost


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
        from tidings.store.snapshot import SnapshotError, publish

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
                 on_batch: Callable[[IngestStats], None] | None, pool: Workers,
                 publisher: _Publisher | None, ids: _RunIds) -> None:
    coded = pool.results(b.result) if isinstance(b.result, Ticket) else b.result
    results = list(coded) + b.coded
    t0 = time.perf_counter()
    records = [r for r in results if isinstance(r, ArticleRecord)]
    sources = {a.id: a.source for a in b.todo}
    errors = b.errors + [Failure(r.article_id, sources.get(r.article_id) or "coder", r.reason, "coder")
                         for r in results if isinstance(r, Failure)]
    added = store.add(records, errors, sources=sources, duplicates=b.duplicates, bands=b.bands)
    stats.added += added.articles
    stored = {a.id for a in b.todo}
    for aid in stored:
        ids.in_flight.pop(aid, None)
    for key in {(band, h) for _, band, h in b.bands}:
        left = [fp for fp in pending.get(key, ()) if fp.article_id not in stored]
        if left:
            pending[key] = left
        else:
            pending.pop(key, None)
    stats.store_seconds += time.perf_counter() - t0
    stats.duplicates += len(b.duplicates)
    refused = {f.article_id for f in added.failures}
    stats.events += sum(len(r.events) for r in records if r.id not in refused)
    stats.errors += len(errors) + len(added.failures)
    if publisher is not None:
        publisher.dirty = publisher.dirty or bool(added.articles or errors or added.failures)
        publisher.maybe()
    if on_batch is not None:
        on_batch(stats)


def _link_duplicates(store, todo: list[Article], pending: dict):  # noqa: ANN001, ANN202
    """Split ``todo`` into articles to code and near-duplicates of an earlier article
    (linked to it, not coded again), plus the LSH band rows of the ones to code.
    ``pending`` holds the bands of articles read but not stored yet; the new canonical
    articles are added to it."""
    from tidings.store.dedup import band_rows, fingerprint, link

    fps = [fingerprint(a.id, a.text) for a in todo]
    keys = sorted({(band, h) for fp in fps for band, h in enumerate(fp.bands)})
    candidates = store.band_candidates(keys)
    texts = store.texts(sorted({aid for ids in candidates.values() for aid in ids}))
    dup_of = link(fps, candidates, texts, pending)
    keep = [a for a in todo if a.id not in dup_of]
    duplicates = [(a, dup_of[a.id]) for a in todo if a.id in dup_of]
    return keep, duplicates, band_rows(fps, dup_of)
