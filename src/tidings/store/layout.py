"""The one event-table layout: the columns of ``code --format csv``
(:data:`tidings.output.EVENT_COLUMNS`, in that order), then the store's own columns
(event index, cluster id, the dated value, countries, spans, place details, the
article's title and URL) in the store's order. ``tidings events`` and
``export --format csv``/``jsonl`` write it, so a CSV of ``code`` is the first columns of
theirs and every reader of one reads the others."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tidings.output import EVENT_COLUMNS
from tidings.store.schema import EXPORT_QUERY

ORDER = "ORDER BY date NULLS LAST, article_id, idx"
_BASE = EXPORT_QUERY.rsplit(" ORDER BY ", 1)[0]  # every event with its sentence and article


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def event_columns(con: Any) -> list[str]:
    """The layout's column names for this store."""
    names = [r[0] for r in con.execute(f"DESCRIBE {_BASE}").fetchall()]
    return [*EVENT_COLUMNS, *(n for n in names if n not in EVENT_COLUMNS)]


def layout_query(con: Any) -> str:
    """Every stored event in the layout, in date order (ids as text)."""
    cols = ", ".join(_quote(c) for c in event_columns(con))
    return f"SELECT {cols} FROM ({_BASE}) {ORDER}"


def event_rows(con: Any, keys: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events named by ``keys`` (rows with ``article_id`` and ``idx``), in the layout
    and in the order of ``keys``."""
    if not keys:
        return []
    cols = event_columns(con)
    articles = sorted({str(k["article_id"]) for k in keys})
    cur = con.execute(f"SELECT {', '.join(_quote(c) for c in cols)} FROM ({_BASE}) "
                      "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [articles])
    found = {(r[0], r[cols.index("idx")]): r for r in cur.fetchall()}
    out = []
    for k in keys:
        row = found.get((k["article_id"], k["idx"]))
        if row is not None:
            out.append(dict(zip(cols, (_plain(v) for v in row), strict=True)))
    return out


def _plain(value: Any) -> Any:
    """Dates and times as ISO text, as every table of the command line shows them."""
    return value.isoformat() if hasattr(value, "isoformat") else value
