"""The worker pool on its own, with a stand-in worker: results in input order, and a
worker that dies, hangs or dies mid-reply costs only its own batch."""

from __future__ import annotations

import threading

from tests.run import fake_worker
from tidings.model import Article, Failure
from tidings.run.workers import Workers


def _articles(*texts: str) -> list[Article]:
    return [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]


def _run(pool: Workers, batches: list[list[Article]]) -> list:
    """All batches through the pool, in a thread that must end within a minute."""
    out: list = []

    def go() -> None:
        tickets = [pool.submit(b) for b in batches]
        for t in tickets:
            out.append(pool.results(t))
        pool.close(cancel=False)

    th = threading.Thread(target=go, daemon=True)
    th.start()
    th.join(60)
    assert not th.is_alive(), "the pool hung"
    return out


def _reasons(results: list) -> list[str]:
    return [r.reason for r in results if isinstance(r, Failure)]


def test_batches_come_back_in_order_from_two_workers():
    pool = Workers(2, 60.0, serve=fake_worker.serve)
    batches = [_articles(f"t{i}", f"u{i}") for i in range(7)]
    got = _run(pool, batches)
    assert got == [[f"a0:t{i}", f"a1:u{i}"] for i in range(7)]
    assert pool.lost == 0


def test_a_worker_that_dies_costs_only_the_article_that_kills_it():
    pool = Workers(2, 60.0, serve=fake_worker.serve)
    got = _run(pool, [_articles("x", "die", "y"), _articles("p", "q"), _articles("r")])
    first = got[0]
    assert first[0] == "a0:x" and first[2] == "a2:y"
    assert isinstance(first[1], Failure) and "died on this article" in first[1].reason
    assert got[1:] == [["a0:p", "a1:q"], ["a0:r"]]
    assert pool.lost == 1


def test_a_worker_killed_halfway_through_its_reply_is_seen_as_dead():
    """Half a reply never blocks the pool waiting for the rest."""
    pool = Workers(1, 60.0, serve=fake_worker.serve)
    got = _run(pool, [_articles("half", "z"), _articles("after")])
    assert got[0][1] == "a1:z" and "died on this article" in _reasons(got[0])[0]
    assert got[1] == ["a0:after"] and pool.lost == 1


def test_a_worker_that_hangs_is_ended_after_its_budget():
    pool = Workers(1, 0.05, serve=fake_worker.serve, grace=0.5)
    got = _run(pool, [_articles("ok", "hang"), _articles("fine")])
    assert got[0][0] == "a0:ok" and "stopped answering on this article" in _reasons(got[0])[0]
    assert got[1] == ["a0:fine"] and pool.lost == 1


def test_an_empty_batch_needs_no_worker():
    pool = Workers(1, 60.0, serve=fake_worker.serve)
    assert _run(pool, [[]]) == [[]] and pool.workers == []
