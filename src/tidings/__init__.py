"""tidings: news in, event data out.

>>> import tidings
>>> rec = tidings.code("Japan and China agreed to hold talks.", date="2017-02-03")
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from tidings.model import ArticleRecord
    from tidings.pipeline import Coder

__all__ = ["code", "__version__"]


@functools.lru_cache(maxsize=1)
def default_coder() -> Coder:
    """One coder (one spaCy model) per process, made on first use."""
    from tidings.pipeline import Coder

    return Coder()


def code(text: str, date: str | None = None, *, url: str | None = None, id: str | None = None,
         title: str | None = None) -> ArticleRecord:
    """Code one article given as plain text or HTML. Raises ``tidings.ingest.InputError``
    with a one-line message when the input cannot be coded."""
    from tidings.ingest import from_html, from_text, looks_like_html

    make = from_html if looks_like_html(text) else from_text
    article = make(text, id=id, date=date, url=url, title=title)
    return default_coder().code(article)
