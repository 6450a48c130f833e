"""Articles coded a few at a time: one parse for the batch, the same records as one at a
time, and a broken or slow article costs only itself."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tidings.model import Article, ArticleRecord, Failure
from tidings.pipeline import Coder
from tidings.run.code import code_articles

TEXTS = [
    "Kenyan police arrested 40 protesters in Nairobi on Monday, a spokesman said.",
    "The Chinese foreign ministry criticised Japan over its new defence budget.",
    "\u201cWe will not back down,\u201d the mayor of Lyon told reporters on Friday.",
    "Brazil and Argentina signed a trade agreement in Buenos Aires last week.",
    "Rebels attacked an army post near Goma, killing three soldiers, the army said.",
]


class Troubled(Coder):
    """A real coder that breaks on the article "bad" and dawdles on "slow"."""

    def _prepare(self, article):  # noqa: ANN001, ANN202
        if article.id == "bad":
            raise ValueError("broken on purpose")
        if article.id == "slow":
            time.sleep(3)
        return super()._prepare(article)


@pytest.fixture(scope="module")
def coder() -> Troubled:
    return Troubled()


def _articles(ids: list[str]) -> list[Article]:
    return [Article(id=i, text=TEXTS[n % len(TEXTS)], date="2024-05-06") for n, i in enumerate(ids)]


def test_a_batch_is_parsed_once_with_the_records_of_one_at_a_time(coder, monkeypatch):
    arts = _articles([f"a{i}" for i in range(5)])
    alone = [coder.code(a) for a in arts]
    calls = []
    parse = coder.parser.parse
    monkeypatch.setattr(coder.parser, "parse", lambda docs: calls.append(len(docs)) or parse(docs))
    got = list(code_articles(arts, coder, timeout=60, batch=8))
    assert len([n for n in calls if n]) == 1  # one parse for the five, not five
    assert [r.to_dict() for r in got] == [r.to_dict() for r in alone]  # type: ignore[union-attr]


def test_a_broken_article_fails_alone_and_order_is_kept(coder):
    items: list[Article | Failure] = _articles(["a0", "a1", "bad", "a3"])
    items.insert(2, Failure("unread", "feed.jsonl:3", "not JSON", "input"))
    got = list(code_articles(items, coder, timeout=60, batch=8))
    assert [g.article_id if isinstance(g, Failure) else g.id for g in got] == ["a0", "a1", "unread", "bad", "a3"]
    assert isinstance(got[2], Failure) and got[2].stage == "input"
    assert isinstance(got[3], Failure) and "broken on purpose" in got[3].reason and got[3].stage == "coder"
    assert all(isinstance(got[i], ArticleRecord) for i in (0, 1, 4))


def test_a_slow_article_runs_out_of_its_own_budget_not_the_others(coder):
    got = list(code_articles(_articles(["a0", "slow", "a2"]), coder, timeout=1.5, batch=8))
    assert [type(g).__name__ for g in got] == ["ArticleRecord", "Failure", "ArticleRecord"]
    assert "coding took longer than 1.5 s" in got[1].reason  # type: ignore[union-attr]


def test_a_ready_coder_has_its_model_loaded_and_frozen_out_of_the_collector():
    import gc

    from tidings.run.code import ready

    c = Coder(detector=None)
    assert c.parser._nlp is None  # the model loads on first use
    try:
        ready(c)
        assert c.parser._nlp is not None and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


_FAULTS = """
import resource, sys
import numpy as np
if sys.argv[1] == "on":
    from tidings.run.code import _keep_freed_memory
    _keep_freed_memory()
r0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for i in range(200):  # arrays of a few MB, of varying sizes, as a parse makes and frees them
    a = np.ones((1 + i % 7) * 300_000, dtype=np.float32)
    b = np.ones((1 + (i * 3) % 5) * 500_000, dtype=np.float32)
    del a, b
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - r0)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_freed_memory_is_kept_for_the_next_batch_not_faulted_in_anew():
    def faults(mode: str) -> int:
        out = subprocess.run([sys.executable, "-c", _FAULTS, mode], capture_output=True, text=True, check=True)
        return int(out.stdout)

    assert faults("on") < 0.7 * faults("off")
