"""The one loop that codes articles: ``tidings code``, the ingest workers and the Spark
executors all run :func:`code_articles`, so a time budget, an error in one article and
the record that comes out are the same everywhere."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path

from tidings.model import Article, ArticleRecord, Failure
from tidings.pipeline import Coder
from tidings.run.budget import ArticleTimeout, time_budget


def code_articles(items: Iterable[Article | Failure], coder: Coder, timeout: float | None = None,
                  ) -> Iterator[ArticleRecord | Failure]:
    """Each article's record, in order; an article that takes longer than ``timeout``
    seconds or fails inside the coder becomes a :class:`Failure` (stage "coder"), and a
    Failure that comes in goes out as it is. The run never stops for one article."""
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            with time_budget(timeout):
                record = coder.code(item)
        except ArticleTimeout as exc:
            yield Failure(item.id, item.source, str(exc), "coder")
        except Exception as exc:  # a bug on one article must not stop the run
            yield Failure(item.id, item.source, f"internal error: {type(exc).__name__}: {exc} "
                                               f"(please report it)", "coder")
        else:
            yield record


@functools.lru_cache(maxsize=4)
def process_coder(rules_dirs: tuple[str, ...] = (), min_confidence: float = 0.0) -> Coder:
    """One coder (one spaCy model) per process and rules folders, made on first use."""
    from tidings.rules import RuleSet

    rules = RuleSet.load(*map(Path, rules_dirs)) if rules_dirs else RuleSet.default()
    return Coder(rules=rules, min_confidence=min_confidence)
