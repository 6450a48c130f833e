"""Reading rule tables: the package's own (``tidings/rules/data``) and, over them, the
files of a user's rules folders.

Every table is UTF-8 TSV with ``#`` comment lines and one header line; a word list is a
``.txt`` file with one entry per line. A user's folder holds files of the same names:
its rows come *before* the package's (so they win where the coder picks the first of
equals), unless the file's first line is ``#! replace``, which drops the package's rows
(and those of earlier folders) for that table. A file whose header or rows do not fit
raises :class:`TableError` naming the file and line, so a broken edit is caught at
load time, not by odd output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

REPLACE_MARKER = "#! replace"


class TableError(ValueError):
    """A rule table is malformed; the message names the file and line."""


def package_data() -> Path:
    """The folder of the package's own tables."""
    return Path(str(resources.files("tidings.rules") / "data"))


def data_path(name: str) -> Path:
    """A file of the package's data folder (tables, samples)."""
    return package_data() / name


@dataclass(frozen=True)
class Row:
    """One data row of a table, with where it comes from (for messages and provenance)."""

    line: int
    values: dict[str, str]
    file: str = ""  # the table's name for package rows, the path for a user's rows

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key, default) or default

    def many(self, key: str) -> list[str]:
        return [v.strip() for v in self.values.get(key, "").split("|") if v.strip()]

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise TableError(f"rule table missing: {path}") from exc
    except UnicodeDecodeError as exc:
        raise TableError(f"{path}: not UTF-8 (byte {exc.start}): save it as UTF-8") from exc


def parse_tsv(lines: Sequence[str], label: str, required: tuple[str, ...]) -> list[Row]:
    """Rows of TSV ``lines``; ``label`` names the file in rows and messages."""
    header: list[str] | None = None
    rows: list[Row] = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise TableError(f"{label}:{n}: header lacks column(s) {', '.join(missing)} "
                                 f"(it needs {', '.join(required)})")
            continue
        if len(cells) > len(header):
            raise TableError(f"{label}:{n}: {len(cells)} cells, the header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append(Row(n, {h: c.strip() for h, c in zip(header, cells, strict=False)}, label))
    if header is None:
        raise TableError(f"{label}: no header line")
    return rows


def read_tsv(path: str | Path, required: tuple[str, ...]) -> list[Row]:
    """One TSV file: a path, or the name of a table in the package's data folder."""
    p = Path(path) if isinstance(path, Path) or "/" in str(path) else data_path(str(path))
    label = p.name if p.parent == package_data() else str(p)
    return parse_tsv(_lines(p), label, required)


def _user_files(name: str, dirs: Sequence[Path]) -> list[Path]:
    return [Path(d) / name for d in dirs if (Path(d) / name).is_file()]


def _replaces(path: Path) -> bool:
    first = next((ln for ln in _lines(path) if ln.strip()), "")
    return first.strip().lower() == REPLACE_MARKER


def load_table(name: str, required: tuple[str, ...], dirs: Sequence[Path] = ()) -> list[Row]:
    """The rows of table ``name``: the users' files in ``dirs`` (the last folder first),
    then the package's, unless a user's file replaces what comes before it."""
    rows = read_tsv(name, required)
    for path in _user_files(name, dirs):
        extra = parse_tsv(_lines(path), str(path), required)
        rows = extra if _replaces(path) else extra + rows
    return rows


@dataclass(frozen=True)
class Entry:
    """One entry of a word list file."""

    text: str
    line: int
    file: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def load_list(name: str, dirs: Sequence[Path] = ()) -> list[Entry]:
    """The entries of word list ``name`` (one per line, ``#`` comments), users' first."""
    def entries(path: Path, label: str) -> list[Entry]:
        return [Entry(line.strip(), n, label) for n, line in enumerate(_lines(path), 1)
                if line.strip() and not line.startswith("#")]

    out = entries(data_path(name), name)
    for path in _user_files(name, dirs):
        extra = entries(path, str(path))
        out = extra if _replaces(path) else extra + out
    return out
