"""Exporting every event: Parquet, CSV (formula-safe) and JSONL rows of the events with
their sentence and article, PLOVER JSON records or ICEWS rows of the event mentions, or
GDELT 2.0 Event and POLECAT rows of the event clusters."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.store.layout import layout_query
from tidings.store.rows import day_unknown
from tidings.store.schema import EXPORT_QUERY


def export_arrow(con: Any):  # noqa: ANN201
    """Every event with its sentence and article title/URL, as a pyarrow Table (the
    rows of ``export --format parquet``)."""
    rel = con.sql(EXPORT_QUERY)  # DuckDB 2 renamed arrow() (now a reader) to to_arrow_table()
    return rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()


FORMATS = ("parquet", "gdelt", "plover", "icews", "polecat", "csv", "jsonl")
DAY_FORMATS = ("gdelt", "icews", "polecat")  # day dates only: no room for "1941" or "2024-03"


@dataclass(frozen=True)
class Exported:
    """What an export wrote: ``written`` rows, and ``left_out`` events (or clusters) of a
    day-dates-only format whose day is not known (see :func:`tidings.store.rows.day_unknown`)."""

    written: int
    left_out: int = 0


def export(con: Any, fmt: str, out: str | Path, *, coarse_dates: bool = False) -> Exported:
    """Write every event (with its sentence) as parquet, csv, jsonl, PLOVER JSON lines
    (``plover``, see :mod:`tidings.store.plover`) or ICEWS rows (``icews``, see
    :mod:`tidings.store.icews`), or every event cluster as GDELT 2.0 Event rows
    (``gdelt``) or POLECAT rows (``polecat``, see :mod:`tidings.store.polecat`). CSV,
    GDELT, ICEWS and POLECAT cells are formula-safe (see :func:`tidings.output.csv_safe`).

    GDELT, ICEWS and POLECAT have day dates only. An event known only by a month, quarter
    or year that its report does not fall in ("in 1941", "last March") has no true day
    there: it is left out and counted, unless ``coarse_dates`` writes it on its period's
    first day. The other formats keep every event, with its date as precise as it was
    found (``date_value``; PLOVER's ``date`` to ``enddate``)."""
    out = str(out)
    if fmt in DAY_FORMATS:
        return _day_dated(con, fmt, out, coarse_dates)
    if fmt == "plover":
        from tidings import __version__
        from tidings.store.plover import QUERY, write_plover

        with open(out, "w", encoding="utf-8") as fh:
            return Exported(write_plover(_rows(con, QUERY), fh, coder=f"tidings-{__version__}"))
    n = con.execute("SELECT count(*) FROM events").fetchone()[0]
    if fmt == "parquet":
        con.execute(f"COPY ({EXPORT_QUERY}) TO '{_quote_path(out)}' (FORMAT PARQUET)")
    elif fmt == "csv":  # the event-table layout of `code --format csv` and `events`
        safe = formula_safe(con, layout_query(con))
        con.execute(f"COPY ({safe}) TO '{_quote_path(out)}' (HEADER, DELIMITER ',')")
    elif fmt == "jsonl":
        with open(out, "w", encoding="utf-8") as fh:
            for row in _rows(con, layout_query(con)):
                fh.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    else:
        raise ValueError(f"unknown export format {fmt!r}: choose {', '.join(FORMATS)}")
    return Exported(n)


class _Known:
    """The rows whose day is known (all of them with ``keep_all``), counting the others."""

    def __init__(self, rows: Iterable[dict[str, Any]], reported: str, keep_all: bool) -> None:
        self.rows, self.reported, self.keep_all, self.left_out = rows, reported, keep_all, 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            if self.keep_all or not day_unknown(row.get("date_value"), row.get(self.reported)):
                yield row
            else:
                self.left_out += 1


def _day_dated(con: Any, fmt: str, out: str, coarse_dates: bool) -> Exported:
    """GDELT rows of every event cluster, ICEWS rows of every event mention, or POLECAT
    rows of every event cluster: those whose day is known, or all with ``coarse_dates``."""
    from tidings import __version__

    with open(out, "w", encoding="utf-8", newline="") as fh:
        if fmt == "gdelt":
            from tidings.store.gdelt import write_gdelt

            rows = _Known(_rows(con, GDELT_QUERY), "report_date", coarse_dates)
            return Exported(write_gdelt(rows, fh), rows.left_out)
        if fmt == "icews":
            from tidings.store.icews import QUERY, write_icews

            rows = _Known(_rows(con, QUERY), "article_date", coarse_dates)
            return Exported(write_icews(rows, fh), rows.left_out)
        from tidings.store.polecat import QUERY as POLECAT_QUERY
        from tidings.store.polecat import write_polecat

        rows = _Known(_rows(con, POLECAT_QUERY), "article_date", coarse_dates)
        return Exported(write_polecat(rows, fh, version=f"tidings-{__version__}"), rows.left_out)


# each cluster with the date of its first report (a year or month alone is dated by it)
# and the mean tone of the articles that report it
GDELT_QUERY = ("SELECT c.*, a.date AS report_date, t.avg_tone FROM clusters c LEFT JOIN articles a "
               "ON a.id = c.first_article_id LEFT JOIN (SELECT e.cluster_id, avg(r.tone) AS avg_tone "
               "FROM (SELECT DISTINCT cluster_id, article_id FROM events) e JOIN articles r "
               "ON r.id = e.article_id GROUP BY e.cluster_id) t ON t.cluster_id = c.cluster_id "
               "ORDER BY c.date NULLS LAST, c.cluster_id")


def _rows(con: Any, query: str) -> Iterator[dict[str, Any]]:
    """The rows of ``query`` by column name, fetched ten thousand at a time."""
    cur = con.execute(query)
    cols = [d[0] for d in cur.description]
    while chunk := cur.fetchmany(10_000):
        for row in chunk:
            yield dict(zip(cols, row, strict=True))


def formula_safe(con: Any, query: str) -> str:
    """``query`` with every text column that starts like a spreadsheet formula (and is
    not a number) prefixed with an apostrophe, and yes/no written True/False as Python's
    CSV writer (``code --format csv``, ``events``) writes them."""
    parts = []
    for name, typ, *_ in con.execute(f"DESCRIBE {query}").fetchall():
        q = '"' + name.replace('"', '""') + '"'
        if typ == "VARCHAR":
            parts.append(f"CASE WHEN regexp_matches({q}, '^[=+\\-@\\t\\r]') AND "
                         f"TRY_CAST({q} AS DOUBLE) IS NULL THEN chr(39) || {q} ELSE {q} END AS {q}")
        elif typ == "BOOLEAN":
            parts.append(f"CASE WHEN {q} THEN 'True' WHEN NOT {q} THEN 'False' END AS {q}")
        else:
            parts.append(q)
    return f"SELECT {', '.join(parts)} FROM ({query})"


def _quote_path(p: str) -> str:
    return p.replace("'", "''")
