"""Exporting every event: Parquet, CSV (formula-safe) and JSONL rows of the events with
their sentence and article, or GDELT 2.0 Event rows of the event clusters."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tidings.store.schema import EXPORT_QUERY


def export_arrow(con: Any):  # noqa: ANN201
    """Every event with its sentence and article title/URL, as a pyarrow Table (the
    rows of ``export --format parquet``)."""
    rel = con.sql(EXPORT_QUERY)  # DuckDB 2 renamed arrow() (now a reader) to to_arrow_table()
    return rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()

def export(con: Any, fmt: str, out: str | Path) -> int:
    """Write every event (with its sentence) as parquet, csv, jsonl or PLOVER JSON lines
    (``plover``, see :mod:`tidings.store.plover`), or every event cluster as GDELT 2.0
    Event rows (``gdelt``); returns the rows written. CSV and
    GDELT cells are formula-safe (see :func:`tidings.output.csv_safe`)."""
    out = str(out)
    if fmt == "plover":
        from tidings import __version__
        from tidings.store.plover import QUERY, write_plover

        with open(out, "w", encoding="utf-8") as fh:
            return write_plover(_rows(con, QUERY), fh, coder=f"tidings-{__version__}")
    if fmt == "gdelt":
        from tidings.store.gdelt import write_gdelt

        with open(out, "w", encoding="utf-8", newline="") as fh:
            return write_gdelt(_rows(con, "SELECT * FROM clusters ORDER BY date NULLS LAST, cluster_id"), fh)
    n = con.execute("SELECT count(*) FROM events").fetchone()[0]
    if fmt == "parquet":
        con.execute(f"COPY ({EXPORT_QUERY}) TO '{_quote_path(out)}' (FORMAT PARQUET)")
    elif fmt == "csv":
        safe = formula_safe(con, EXPORT_QUERY)
        con.execute(f"COPY ({safe}) TO '{_quote_path(out)}' (HEADER, DELIMITER ',')")
    elif fmt == "jsonl":
        with open(out, "w", encoding="utf-8") as fh:
            for row in _rows(con, EXPORT_QUERY):
                fh.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    else:
        raise ValueError(f"unknown export format {fmt!r}: choose parquet, gdelt, plover, csv or jsonl")
    return n

def _rows(con: Any, query: str) -> Iterator[dict[str, Any]]:
    """The rows of ``query`` by column name, fetched ten thousand at a time."""
    cur = con.execute(query)
    cols = [d[0] for d in cur.description]
    while chunk := cur.fetchmany(10_000):
        for row in chunk:
            yield dict(zip(cols, row, strict=True))


def formula_safe(con: Any, query: str) -> str:
    """``query`` with every text column that starts like a spreadsheet formula (and is
    not a number) prefixed with an apostrophe."""
    parts = []
    for name, typ, *_ in con.execute(f"DESCRIBE {query}").fetchall():
        q = '"' + name.replace('"', '""') + '"'
        if typ == "VARCHAR":
            parts.append(f"CASE WHEN regexp_matches({q}, '^[=+\\-@\\t\\r]') AND "
                         f"TRY_CAST({q} AS DOUBLE) IS NULL THEN chr(39) || {q} ELSE {q} END AS {q}")
        else:
            parts.append(q)
    return f"SELECT {', '.join(parts)} FROM ({query})"


def _quote_path(p: str) -> str:
    return p.replace("'", "''")
