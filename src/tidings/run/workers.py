"""Worker processes that code batches for an ingest: one model and one rule set each,
loaded once; a worker never outlives the ingest, and one that dies or hangs costs only
the batch it was coding (coded again one article at a time).

Each worker has a pipe of its own and codes one batch at a time; the parent holds no
copy of the worker's end, so a worker that dies, even halfway through sending a result,
is seen at once as the end of its pipe. (A shared result queue cannot promise that: a
worker killed mid-write leaves half a message that nobody will ever finish.)"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait as wait_ready

from tidings.model import Article, ArticleRecord, Failure
from tidings.run.budget import DEFAULT_ARTICLE_TIMEOUT

Coded = list[ArticleRecord | Failure]


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
               rules_dirs: tuple[str, ...] = (), min_confidence: float = 0.0) -> Coded:
    """Code each article under its time budget (in a worker); see :func:`code_articles`."""
    from tidings.run.code import code_articles, process_coder

    coder = process_coder(rules_dirs, min_confidence)
    return list(code_articles(batch, coder, timeout)) if batch else []


def answer(conn, handle: Callable[[list[Article]], bytes]) -> None:  # noqa: ANN001
    """Answer each batch that comes down the pipe with ``handle(batch)`` (a pickled
    reply) until the pipe closes or a None comes."""
    while True:
        try:
            batch = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        if batch is None:
            return
        conn.send_bytes(handle(batch))


def _serve(conn, parent: int, timeout: float | None, rules_dirs: tuple[str, ...],  # noqa: ANN001
           min_confidence: float) -> None:
    """A worker's life: load once, then code each batch and reply ``("ok", results)`` or
    ``("error", why)``, until the pipe closes."""
    try:
        init_worker(parent, rules_dirs, min_confidence)
        broken = None
    except Exception as exc:  # noqa: BLE001 - every batch is told why
        broken = f"the coder could not start: {type(exc).__name__}: {exc}"

    def handle(batch: list[Article]) -> bytes:
        try:
            if broken:
                raise RuntimeError(broken)
            return pickle.dumps(("ok", code_batch(batch, timeout, rules_dirs, min_confidence)))
        except Exception as exc:  # noqa: BLE001 - a batch that fails whole is the parent's to report
            return pickle.dumps(("error", broken or f"{type(exc).__name__}: {exc}"))

    answer(conn, handle)


class Ticket:
    """A batch handed to :class:`Workers`; its results once coded."""

    __slots__ = ("batch", "result")

    def __init__(self, batch: list[Article]) -> None:
        self.batch = batch
        self.result: Coded | None = None


class _Worker:
    """One worker process and the parent's end of its pipe; one batch at a time."""

    def __init__(self, args: tuple, serve: Callable = _serve) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child_end = ctx.Pipe()
        self.proc = ctx.Process(target=serve, args=(child_end, os.getpid(), *args),
                                name="tidings-worker", daemon=True)
        self.proc.start()
        child_end.close()  # the worker holds the only other end: its death is EOF here
        self.ticket: Ticket | None = None
        self.since = 0.0  # when it was given its ticket

    def send(self, ticket: Ticket) -> bool:
        try:
            self.conn.send_bytes(pickle.dumps(ticket.batch))
        except OSError:  # it died while idle
            return False
        self.ticket, self.since = ticket, time.monotonic()
        return True

    def receive(self) -> tuple[str, object] | None:
        """The worker's reply, or None if it died before sending it whole."""
        try:
            return pickle.loads(self.conn.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            return None

    def run(self, batch: list[Article], limit: float | None) -> tuple[tuple[str, object] | None, str]:
        """Code ``batch`` and wait for it: (the reply, "") or (None, what went wrong)."""
        if not self.send(Ticket(batch)):
            return None, "died"
        if not wait_ready([self.conn, self.proc.sentinel], limit):
            return None, "stopped answering"
        self.ticket = None
        reply = self.receive()
        return reply, "" if reply is not None else "died"

    def stop(self, kill: bool) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send_bytes(pickle.dumps(None))
            except OSError:
                pass
        self.proc.join(timeout=None if kill else 30)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


class Workers:
    """``n`` worker processes that code batches, each batch going to whichever worker is
    free. A worker that dies (killed, out of memory, a crash in native code) or stops
    answering breaks only the batch it was coding: that batch is coded again one article
    at a time in a separate process, and the article that kills that process too becomes
    an error. A fresh worker takes the dead one's place. (``serve`` is the worker's main
    function, :func:`_serve`; ``grace`` the seconds added to a batch's time budget before
    its worker is called stuck.)"""

    def __init__(self, n: int, timeout: float | None, rules_dirs: tuple[str, ...] = (),
                 min_confidence: float = 0.0, *, grace: float = 120.0,
                 serve: Callable = _serve) -> None:
        self.n, self.timeout, self.grace, self.serve = n, timeout, grace, serve
        self.args = (timeout, rules_dirs, min_confidence)  # what every batch is coded with
        self.workers: list[_Worker] = []
        self.queue: deque[Ticket] = deque()  # handed in, not yet given to a worker
        self.single: _Worker | None = None  # codes broken batches one article at a time
        self.lost = 0  # times a worker died or hung

    def submit(self, batch: list[Article]) -> Ticket:
        ticket = Ticket(batch)
        self.queue.append(ticket)
        self._pump(0.0)  # collect what is finished, keep every worker busy
        return ticket

    def results(self, ticket: Ticket) -> Coded:
        """The ticket's results, waiting for them (and coding other batches meanwhile)."""
        while ticket.result is None:
            self._pump(1.0)
        return ticket.result

    def _deadline(self, n_articles: int) -> float | None:
        """Seconds to wait for a batch before calling its worker stuck: far beyond the
        per-article budget, so it only ends a worker that native code has hung."""
        if not self.timeout:
            return None
        return 2 * self.timeout * max(1, n_articles) + self.grace

    def _dispatch(self) -> None:
        while self.queue:
            free = next((w for w in self.workers if w.ticket is None), None)
            if free is None and len(self.workers) < self.n:
                free = _Worker(self.args, self.serve)
                self.workers.append(free)
            if free is None:
                return
            ticket = self.queue.popleft()
            if not ticket.batch:
                ticket.result = []
            elif not free.send(ticket):
                self._lose(free, ticket)

    def _pump(self, timeout: float) -> None:
        self._dispatch()
        busy = [w for w in self.workers if w.ticket is not None]
        if not busy:
            return
        ready = set(wait_ready([x for w in busy for x in (w.conn, w.proc.sentinel)], timeout))
        now = time.monotonic()
        for w in busy:
            ticket = w.ticket
            if w.conn in ready or w.proc.sentinel in ready:
                reply = w.receive()
                if reply is None:
                    self._lose(w, ticket)
                    continue
                w.ticket = None
                ticket.result = _unpack(reply, ticket.batch)
            else:
                limit = self._deadline(len(ticket.batch))
                if limit is not None and now - w.since > limit:
                    self._lose(w, ticket)
        self._dispatch()

    def _lose(self, w: _Worker, ticket: Ticket) -> None:
        """``w`` died or hung on ``ticket``: end it and code the batch article by article."""
        self.lost += 1
        self.workers.remove(w)
        w.stop(kill=True)
        ticket.result = self._isolated(ticket.batch)

    def _isolated(self, batch: list[Article]) -> Coded:
        out: Coded = []
        for a in batch:
            self.single = self.single or _Worker(self.args, self.serve)
            reply, why = self.single.run([a], self._deadline(1))
            if reply is not None:
                out.extend(_unpack(reply, [a]))
                continue
            out.append(Failure(a.id, a.source, f"the coding process {why} on this article (a "
                               f"crash or hang in native code), so it was skipped: please "
                               f"report it", "coder"))
            self.single.stop(kill=True)
            self.single = None
        return out

    def close(self, cancel: bool) -> None:
        """End the workers: at once if ``cancel``, else once they have finished."""
        for w in [*self.workers, *([self.single] if self.single else [])]:
            w.stop(kill=cancel)
        self.workers, self.single = [], None
        self.queue.clear()


def _unpack(reply: tuple[str, object], batch: list[Article]) -> Coded:
    status, payload = reply
    if status == "ok":
        return payload  # type: ignore[return-value]
    return [Failure(a.id, a.source, str(payload), "coder") for a in batch]


def code_in_order(items: Iterable[Article | Failure], workers: int, timeout: float | None,
                  rules_dirs: tuple[str, ...] = (), min_confidence: float = 0.0,
                  batch_size: int = 4) -> Iterator[ArticleRecord | Failure]:
    """:func:`~tidings.run.code.code_articles` over ``workers`` processes: articles go out
    in small batches as they are read and come back in input order, with at most two
    batches a worker handed in, so memory stays bounded however long the input is."""
    pool = Workers(workers, timeout, rules_dirs, min_confidence)
    pending: deque[Ticket | list[Failure]] = deque()  # in input order
    batch: list[Article] = []
    done = False
    try:
        for item in items:
            if isinstance(item, Failure):
                if batch:
                    pending.append(pool.submit(batch))
                    batch = []
                pending.append([item])
            else:
                batch.append(item)
                if len(batch) >= batch_size:
                    pending.append(pool.submit(batch))
                    batch = []
            while sum(isinstance(p, Ticket) for p in pending) > 2 * workers:
                yield from _first(pending, pool)
        if batch:
            pending.append(pool.submit(batch))
        while pending:
            yield from _first(pending, pool)
        done = True
    finally:
        pool.close(cancel=not done)


def _first(pending: deque[Ticket | list[Failure]], pool: Workers) -> Coded:
    first = pending.popleft()
    return pool.results(first) if isinstance(first, Ticket) else list(first)
