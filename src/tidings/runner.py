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
from dataclasses import dataclass
from pathlib import Path

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


def _init_worker() -> None:
    """Load the model once per worker process (``tidings.default_coder`` caches it)."""
    from tidings import default_coder

    default_coder()


def _code_batch(batch: list[Article]) -> list[ArticleRecord | tuple[str, str]]:
    from tidings import default_coder

    if not batch:
        return []
    coder = default_coder()
    out: list[ArticleRecord | tuple[str, str]] = []
    for a in batch:
        try:
            out.append(coder.code(a))
        except Exception as exc:  # a bug on one article must not stop the run
            out.append((a.id, f"internal error: {type(exc).__name__}: {exc}"))
    return out


def _batches(items: Iterable, size: int) -> Iterator[list]:
    buf: list = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def read_inputs(paths: Sequence[str | Path], date: str | None = None
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
            for item in read_path(p, date=date):
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
    result: object  # multiprocessing AsyncResult, or the coded list when coded inline
    coded: list[ArticleRecord]  # records coded elsewhere (a Spark output)


def ingest(paths: Sequence[str | Path], db: str | Path, *, workers: int = 1, batch: int = 64,
           date: str | None = None,
           on_batch: Callable[[IngestStats], None] | None = None) -> IngestStats:
    """Code and store every article of ``paths`` in the store at ``db``.

    With several workers, up to two batches per worker are being coded while the main
    process reads, links near-duplicates and stores, so workers do not wait for the
    store. Batches are stored in input order, each in one transaction."""
    from tidings.store import Store

    stats = IngestStats()
    with Store(db, memory_limit=os.environ.get(MEMORY_ENV, DEFAULT_MEMORY)) as store:
        pool = None  # started (and the model loaded) on the first article to code
        window: deque[_Batch] = deque()
        pending: dict = {}  # LSH bands of articles in batches not stored yet
        try:
            for chunk in _batches(read_inputs(paths, date), batch):
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
                if workers > 1 and to_code and pool is None:
                    pool = mp.get_context("spawn").Pool(workers, initializer=_init_worker)
                result = pool.apply_async(_code_batch, (to_code,)) if pool and to_code else _code_batch(to_code)
                window.append(_Batch(todo, errors, duplicates, bands, result,
                                     [coded[a.id] for a in todo if a.id in coded]))
                while len(window) > (2 * workers if pool else 0):
                    _store_batch(store, window.popleft(), stats, pending, on_batch)
            while window:
                _store_batch(store, window.popleft(), stats, pending, on_batch)
        finally:
            if pool is not None:
                if window:  # stopped by an error: batches still in flight are dropped
                    pool.terminate()
                else:
                    pool.close()
                pool.join()
    return stats


def _store_batch(store, b: _Batch, stats: IngestStats, pending: dict,  # noqa: ANN001
                 on_batch: Callable[[IngestStats], None] | None) -> None:
    results = (b.result.get() if hasattr(b.result, "get") else b.result) + b.coded
    t0 = time.perf_counter()
    records = [r for r in results if isinstance(r, ArticleRecord)]
    errors = b.errors + [(r[0], "coder", r[1]) for r in results if not isinstance(r, ArticleRecord)]
    stats.added += store.add(records, errors, sources={a.id: a.source for a in b.todo},
                             duplicates=b.duplicates, bands=b.bands)
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
