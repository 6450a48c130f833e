"""Rows on the terminal: a table that fits the screen (a readable choice of columns, the
long text cut with an ellipsis, never a value folded mid-word), CSV when the output is
piped, JSON or JSON Lines on request; ``--columns`` picks columns in every format."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from tidings.cli.app import fail
from tidings.output import text_ids

FORMATS = ("auto", "table", "csv", "json", "jsonl")
FormatOption = Annotated[str, typer.Option(
    "--format", "-f", help="auto (a table on a terminal, CSV when piped), table, csv, json or jsonl.")]
ColumnsOption = Annotated[str | None, typer.Option(
    "--columns", help="Comma-separated columns to show (in any format); 'all' for every one. "
                      "A table shows a readable few by default, the other formats every column.")]
PIPED_WIDTH = 100  # a table written to a pipe or file (with -f table) is this wide
MAX_SHORT = 24  # a short column is never squeezed below its values up to this width
WIDE = {"event", "sentence", "sentence_text", "text", "name", "source", "target", "title", "rule"}


def print_rows(rows: Sequence[dict[str, Any]], fmt: str = "auto", title: str = "",
               columns: str | None = None, view: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
               out: Any = None, vertical: bool = False) -> None:
    """Print ``rows``; ``view`` turns a row into the readable columns a table shows
    by default (the full row otherwise)."""
    out = out or sys.stdout
    if fmt not in FORMATS:
        fail(f"unknown --format {fmt!r}: choose {', '.join(FORMATS)}")
    terminal = out.isatty()
    if fmt == "auto":
        fmt = "table" if terminal else "csv"
    rows = text_ids(list(rows))
    if fmt == "table" and view is not None and columns is None:
        rows = [view(r) for r in rows]
    rows = _pick(rows, columns)
    if fmt == "json":
        out.write(json.dumps(rows, default=str, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "jsonl":
        out.writelines(json.dumps(r, default=str, ensure_ascii=False) + "\n" for r in rows)
    elif fmt == "csv":
        from tidings.output import csv_safe

        if rows:
            w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows({k: csv_safe(v) for k, v in r.items()} for r in rows)
    else:
        con = Console(file=out, highlight=False, soft_wrap=False,
                      width=None if terminal else int(os.environ.get("COLUMNS") or PIPED_WIDTH))
        con.print(table(rows, title, vertical, con.width))


def _pick(rows: list[dict[str, Any]], columns: str | None) -> list[dict[str, Any]]:
    if columns is None or columns.strip() == "all" or not rows:
        return rows
    wanted = [c.strip() for c in columns.split(",") if c.strip()]
    unknown = [c for c in wanted if c not in rows[0]]
    if unknown or not wanted:
        fail(f"--columns: no column {', '.join(map(repr, unknown)) or '(none given)'}; "
             f"choose from {', '.join(rows[0])}")
    return [{c: r[c] for c in wanted} for r in rows]


def table(rows: list[dict[str, Any]], title: str = "", vertical: bool = False, width: int = 80) -> Table:
    """A table that shrinks to the console: short columns keep their values whole, the
    wide text columns share what is left and end in an ellipsis. ``vertical``: one row
    shown as name / value lines."""
    if vertical and len(rows) == 1:
        t = Table(title=title, show_header=False)
        t.add_column("", style="bold", no_wrap=True)
        t.add_column("", overflow="ellipsis")
        for k, v in rows[0].items():
            t.add_row(k, "" if v is None else str(v))
        return t
    t = Table(title=title)
    cols = list(dict.fromkeys(k for r in rows for k in r)) if rows else ["(no rows)"]
    cells = [["" if r.get(c) is None else str(r[c]) for c in cols] for r in rows]
    for c, w in zip(cols, widths(cols, cells, width), strict=True):
        t.add_column(str(c), no_wrap=True, overflow="ellipsis", width=w)
    for row in cells:
        t.add_row(*row)
    return t


def widths(cols: list[str], cells: list[list[str]], total: int) -> list[int]:
    """Column widths that fit ``total`` characters with the table's borders: each short
    column as wide as its widest value (up to MAX_SHORT), the wide text columns share
    what is left (at least 8 each), and the widest columns give way if still too wide."""
    natural = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(cols)]
    room = total - (3 * len(cols) + 1)  # "│ " before each cell, " " after, and the last "│"
    w = [n if c in WIDE else min(n, MAX_SHORT) for c, n in zip(cols, natural, strict=True)]
    wide = [i for i, c in enumerate(cols) if c in WIDE]
    left = room - sum(w[i] for i in range(len(cols)) if i not in wide)
    want = sum(w[i] for i in wide)
    if wide and want > left:
        _share_fairly(w, wide, max(left, 8 * len(wide)))
    while sum(w) > room and max(w) > 4:  # still too wide: trim the widest, a step at a time
        w[w.index(max(w))] -= 1
    return [max(1, x) for x in w]


def _share_fairly(w: list[int], wide: list[int], share: int) -> None:
    """Share ``share`` characters among the wide columns ``wide`` (``w`` holds their
    natural widths): a column narrower than an equal share keeps its width, the rest split
    what remains evenly (at least 8 each), so a long sentence does not starve the names
    beside it."""
    todo = sorted(wide, key=lambda i: w[i])
    while todo and w[todo[0]] <= share // len(todo):
        share -= w[todo.pop(0)]
    if not todo:
        return
    fair, extra = divmod(share, len(todo))
    for n, i in enumerate(sorted(todo, key=lambda i: -w[i])):  # the remainder to the widest
        w[i] = max(8, fair + (1 if n < extra else 0))
