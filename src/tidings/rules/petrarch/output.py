"""The output tables: the rows being built (with the indexes that keep them consistent),
then written into the new folder with our tables' headers, rows too long for one line
trimmed, and nothing left behind when the writing fails."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from tidings.rules.petrarch.report import PetrarchError, Tally
from tidings.rules.tables import data_path

Row = dict[str, "str | list[str]"]  # one table row: column -> cell (a list is |-joined)

TABLES = ("people.tsv", "organisations.tsv", "roles.tsv", "countries.tsv", "verbs.tsv")
# cells that must not be empty, per table
REQUIRED = {
    "people.tsv": ("name", "role"),
    "organisations.tsv": ("name", "code", "role", "kind"),
    "roles.tsv": ("phrase", "role", "person"),
    "countries.tsv": ("iso3", "name"),
    "verbs.tsv": ("code", "verb"),
}
MAX_LINE = 999  # ACTORS.md: every line shorter than 1000 characters
# the |-separated cells whose last forms go first when a row is too long
TRIM = {"countries.tsv": ("cities", "aliases", "demonyms", "capitals")}
WHERE = "#where"
TOO_LONG = "form left out: the row would pass 1000 characters"

_BAD_CELL = re.compile(r"[\x00-\x1f\x7f]")


class Tables:
    """The rows being built, with the indexes that keep them consistent."""

    def __init__(self, tally: Tally) -> None:
        self.tally = tally
        self.rows: dict[str, list[Row]] = {t: [] for t in TABLES}
        self.sources: dict[str, set[str]] = {t: set() for t in TABLES}
        self.orgs: dict[str, Row] = {}  # lower form -> its row
        self.people: set[tuple[str, ...]] = set()
        self.roles: dict[str, str] = {}
        self.verbs: dict[tuple[str, str, str], str] = {}

    def add(self, table: str, row: Row, file: str, where: str) -> None:
        """Keep a row whose required cells are filled and whose cells are clean."""
        if any(not _cell(row.get(c, "")) for c in REQUIRED[table]) or any(
                _BAD_CELL.search(_cell(v)) for v in row.values()):
            self.tally.refuse(f"{table} row with an empty or unusable cell", where, str(row))
            return
        row[WHERE] = where  # not a column: for messages about the row
        self.rows[table].append(row)
        self.sources[table].add(file)


def _cell(value: str | list[str]) -> str:
    return "|".join(value) if isinstance(value, list) else value


@functools.cache
def _header(table: str) -> tuple[str, ...]:
    for line in data_path(table).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            return tuple(c.strip() for c in line.split("\t"))
    raise PetrarchError(f"our {table} has no header line")  # pragma: no cover


def check_out(out: Path) -> None:
    if out.is_dir() and any(out.iterdir()):
        raise PetrarchError(f"{out} is not empty: give a new or empty folder for the imported tables")
    if out.exists() and not out.is_dir():
        raise PetrarchError(f"{out} is a file: give a new or empty folder for the imported tables")


def _render(table: str, rows: Sequence[Row], sources: Iterable[str]) -> str:
    header = _header(table)
    names = ", ".join(sorted(" ".join(s.split()) for s in sources))
    lines = [f"# imported from PETRARCH dictionaries by tidings.rules.petrarch: {names}",
             "\t".join(header)]
    for row in rows:
        cells = [_cell(row.get(col, "")) for col in header]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def _fit(table: str, row: Row, tally: Tally) -> None:
    """Drop the last forms of |-separated cells until the row fits in one line of the table."""
    def length() -> int:
        return sum(len(_cell(row.get(col, ""))) + 1 for col in _header(table))

    for col in TRIM.get(table, ("aliases",)):
        values = row.get(col, [])
        while isinstance(values, list) and values and length() > MAX_LINE:
            tally.refuse(TOO_LONG, str(row[WHERE]), values.pop())


def write_tables(out: Path, tables: Tables) -> dict[str, int]:
    created = not out.exists()
    parts: list[tuple[Path, Path]] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            rows = tables.rows[table]
            for row in rows:
                _fit(table, row, tables.tally)
            if rows:
                part = out / f".{table}.part"
                part.write_text(_render(table, rows, tables.sources[table]), encoding="utf-8")
                parts.append((part, out / table))
        for part, final in parts:
            os.replace(part, final)
    except OSError as exc:
        for part, _ in parts:
            part.unlink(missing_ok=True)
        if created and out.is_dir() and not any(out.iterdir()):
            out.rmdir()
        raise PetrarchError(f"cannot write the tables into {out}: {exc.strerror or exc}") from None
    return {final.name: len(tables.rows[final.name]) for _, final in parts}
