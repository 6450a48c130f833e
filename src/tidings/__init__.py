"""tidings: news in, event data out.

>>> import tidings
>>> rec = tidings.code("Japan and China agreed to hold talks.", date="2017-02-03")
>>> coder = tidings.Coder(rules=tidings.RuleSet.load("my-rules"))   # with a user's rules
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    import datetime as dt

    from tidings.model import ArticleRecord
    from tidings.pipeline import Coder
    from tidings.rules import RuleSet

__all__ = ["Coder", "RuleSet", "code", "events_frame", "__version__"]


def __getattr__(name: str) -> Any:
    """``tidings.Coder`` and ``tidings.RuleSet`` without importing spaCy at ``import tidings``."""
    if name == "Coder":
        from tidings.pipeline import Coder

        return Coder
    if name == "RuleSet":
        from tidings.rules import RuleSet

        return RuleSet
    raise AttributeError(f"module 'tidings' has no attribute {name!r}")


def code(text: str, date: str | dt.date | None = None, *, url: str | None = None, id: str | None = None,
         title: str | None = None, coder: Coder | None = None) -> ArticleRecord:
    """Code one article given as plain text or HTML (with ``coder``, or one shared coder of
    the package's rules). Raises ``tidings.ingest.InputError`` with a one-line message
    when the input cannot be coded."""
    from tidings.ingest import from_html, from_text, looks_like_html
    from tidings.run.code import process_coder

    make = from_html if looks_like_html(text) else from_text
    article = make(text, id=id, date=date, url=url, title=title)
    return (coder or process_coder()).code(article)


def events_frame(records: Iterable[ArticleRecord]):  # noqa: ANN201 - pyarrow.Table
    """The events of ``records`` as a table, one row per event in the columns of
    ``tidings code --format csv``: a ``pyarrow.Table`` (``.to_pandas()`` gives a
    DataFrame when pandas is installed)."""
    from tidings.output import events_table

    return events_table(records)
