"""What the commands share: output files written whole, the store opened for reading
(its snapshot while an ingest writes), checked inputs, tables of rows, rules folders."""

from __future__ import annotations

import os
import stat
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from tidings.cli.app import err, fail
from tidings.cli.tables import print_rows

__all__ = ["DbOption", "RulesOption", "checked_inputs", "is_special", "load_rules", "open_store", "output",
           "print_rows", "refuse_clobber"]

DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]
RulesOption = Annotated[list[Path] | None, typer.Option(
    "--rules", help="A folder of rule tables to add to (or, with '#! replace', replace) the "
                    "package's: verbs.tsv, people.tsv, organisations.tsv, roles.tsv, lexicon.tsv, "
                    "conventions.tsv ... Repeat for several; see `tidings rules check`.")]


def load_rules(dirs: list[Path] | None):  # noqa: ANN201 - RuleSet
    """The package's rule set with the given folders over it; one line when unusable."""
    from tidings.rules import RulesError, RuleSet, TableError

    try:
        return RuleSet.load(*(dirs or ())) if dirs else RuleSet.default()
    except (RulesError, TableError) as exc:
        fail(str(exc))


def refuse_clobber(path: Path, inputs: list[str] = (), db: Path | None = None) -> None:
    """Refuse an output that would destroy what is being read: an input file, a file
    inside an input folder, or the store (and its WAL, snapshot and lock files)."""
    if not path.parent.is_dir():
        fail(f"cannot write {path}: the folder {path.parent} does not exist")
    if path.is_dir():
        fail(f"{path} is a folder: give a file name with -o")
    target = path.resolve()
    for i in inputs:
        if i == "-":
            continue
        src = Path(i).resolve()
        if target == src or (src.is_dir() and target.is_relative_to(src)):
            fail(f"the output {path} is {'an input' if target == src else 'inside the input folder ' + i}: "
                 f"give another -o, or it would be overwritten while it is read")
    if db is not None:
        store = db.resolve()
        guarded = {store, *(store.with_name(store.name + x) for x in (".wal", ".snapshot", ".lock"))}
        if target in guarded:
            fail(f"the output {path} is the store {db} (or one of its files): give another -o")


def is_special(path: Path) -> bool:
    """An existing output that is not a regular file (a device such as /dev/null, a FIFO,
    a socket): written to as it is, since renaming a file over it would replace it."""
    try:
        return not stat.S_ISREG(path.stat().st_mode) and not path.is_dir()
    except OSError:
        return False


@contextmanager
def output(path: Path | None, inputs: list[str] = (), db: Path | None = None):  # noqa: ANN202
    """Standard output for None or ``-``; else a file written whole or not at all: to a
    temporary file beside it, renamed into place when the command succeeds."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    refuse_clobber(path, inputs, db)
    if is_special(path):  # /dev/null, a FIFO, a terminal: write to it, never rename over it
        try:
            fh = path.open("w", encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {path}: {exc.strerror}")
        with fh:
            yield fh
        return
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fh = tmp.open("w", encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror}")
    ok = False
    try:
        with fh:
            yield fh
        ok = True
    finally:
        if ok:
            os.replace(tmp, path)
        else:
            tmp.unlink(missing_ok=True)


def open_store(db: Path, read_only: bool = True):  # noqa: ANN202
    """The store; for reading, its snapshot while an ingest holds the store's lock."""
    from tidings.store import Store, StoreBusy, StoreError
    from tidings.store.snapshot import snapshot_path

    try:
        return Store(db, read_only=read_only)
    except StoreBusy as exc:
        snap = snapshot_path(db)
        if not read_only or not snap.exists():
            fail(str(exc))
        import datetime as dt

        taken = dt.datetime.fromtimestamp(snap.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
        err.print(f"note: {db} is being written by another process; reading its snapshot "
                  f"of {taken}", markup=False)
        try:
            return Store(snap, read_only=True)
        except StoreError as exc2:
            fail(str(exc2))
    except StoreError as exc:
        fail(str(exc))


def checked_inputs(inputs: list[str], date: str | None, *, stdin: bool) -> str | None:
    """Every input exists (``-`` is stdin where allowed); returns --date normalised."""
    if date is not None:
        from tidings.ingest import InputError, normalize_date

        try:
            date = normalize_date(date, field="--date")
        except InputError as exc:
            fail(str(exc))
    for i in inputs:
        if not (stdin and i == "-") and not Path(i).exists():
            fail(f"no such file or folder: {i}")
    return date
