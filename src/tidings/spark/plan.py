"""Cutting the inputs of ``tidings spark`` into pieces, and reading a piece.

Runs without Spark: the driver plans (:func:`input_files`, :func:`plan`), each
executor reads its pieces (:func:`piece_items`) with the line parser of ``tidings
ingest``, so articles, error messages, line numbers and sources are the same.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

JSONL_SUFFIXES = (".jsonl", ".ndjson")
ROW_FIELDS = ("id", "text", "html", "date", "url", "title", "source")
PIECE_DDL = ("kind string, input string, path string, start long, first long, count long, "
             "at_end boolean, prefix string")


class SparkError(RuntimeError):
    """``tidings spark`` cannot run; the one-line message says what to do."""


@dataclass(frozen=True)
class Piece:
    """Part of one input file, coded as a unit. ``kind`` is jsonl, parquet, or error
    (a whole input that cannot be read: ``path`` holds the reason)."""

    kind: str
    input: str  # the input as given: the source of its error rows
    path: str
    start: int = 0  # jsonl: byte offset; parquet: row offset
    first: int = 1  # number of the first line or row
    count: int = 0
    at_end: bool = True  # the piece ends the file
    prefix: str = ""  # error-message prefix for files found in a folder


# --------------------------------------------------------------------------- planning


def input_files(inputs: Sequence[str], date: str | None) -> list[Piece]:
    """One unsplit piece per input file (``count`` 0), or an error piece for a file
    that cannot be read at all. Raises SparkError for a missing or unsupported input."""
    import pyarrow.parquet as pq

    from tidings.ingest import InputError, read_jsonl

    files: list[Piece] = []
    for inp in inputs:
        p = Path(inp)
        if not p.exists():
            raise SparkError(f"no such file or folder: {inp}")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*.parquet")
                           if not any(part.startswith((".", "_")) for part in f.relative_to(p).parts))
            if not found:
                raise SparkError(f"no .parquet files in folder {inp}: tidings spark reads "
                                 "JSONL files and Parquet files or folders")
            files += [Piece("parquet", inp, str(f), prefix=f"{f}: ") for f in found]
        elif p.suffix.lower() in JSONL_SUFFIXES:
            try:
                read_jsonl(p, date=date)  # checks the file as a whole (binary, UTF-16) now
                files.append(Piece("jsonl", inp, str(p)))
            except InputError as exc:
                files.append(Piece("error", inp, str(exc)))
        elif p.suffix.lower() == ".parquet":
            files.append(Piece("parquet", inp, str(p)))
        else:
            raise SparkError(f"tidings spark reads .jsonl/.ndjson and .parquet inputs, not {inp}: "
                             "use tidings ingest for other files")
    for i, f in enumerate(files):
        if f.kind == "parquet":
            try:
                names = set(pq.ParquetFile(f.path).schema_arrow.names)
            except Exception as exc:  # any unreadable file is an error row
                files[i] = Piece("error", f.input, f"{f.prefix}cannot read Parquet file: {exc}")
                continue
            if not names & {"text", "html"}:
                files[i] = Piece("error", f.input, f'{f.prefix}no "text" or "html" column: '
                                 "give the article body in one of them")
    return files


def plan(files: Sequence[Piece], wanted: int) -> list[Piece]:
    """Cut the files into about ``wanted`` pieces of similar size, in input order."""
    import pyarrow.parquet as pq

    sizes = [_size(f) for f in files]
    target = max(1, math.ceil(sum(sizes) / max(1, wanted)))
    pieces: list[Piece] = []
    for f, size in zip(files, sizes, strict=True):
        if f.kind == "jsonl":
            pieces += [Piece("jsonl", f.input, f.path, s, first, n, end, f.prefix)
                       for s, first, n, end in _jsonl_ranges(Path(f.path), target)]
        elif f.kind == "parquet":
            rows = pq.ParquetFile(f.path).metadata.num_rows
            step = max(1, math.ceil(target / max(1.0, size / max(1, rows))))
            pieces += [Piece("parquet", f.input, f.path, s, s + 1, min(step, rows - s),
                             s + step >= rows, f.prefix) for s in range(0, rows, step)]
        else:
            pieces.append(f)
    return pieces


def _size(f: Piece) -> int:
    """Bytes of a file to code (uncompressed, for Parquet)."""
    import pyarrow.parquet as pq

    if f.kind == "jsonl":
        return Path(f.path).stat().st_size
    if f.kind == "parquet":
        meta = pq.ParquetFile(f.path).metadata
        return sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    return 0


def _jsonl_ranges(path: Path, target: int) -> Iterator[tuple[int, int, int, bool]]:
    """(start byte, first line number, lines, ends the file) of whole-line ranges of
    about ``target`` bytes."""
    size = path.stat().st_size
    start, first = 0, 1
    with path.open("rb") as fh:
        while start < size:
            fh.seek(min(start + target, size) - 1)
            end = size
            pos = fh.tell()
            while chunk := fh.read(1 << 16):
                nl = chunk.find(b"\n")
                if nl >= 0:
                    end = pos + nl + 1
                    break
                pos += len(chunk)
            fh.seek(start)
            lines, left, last = 0, end - start, b""
            while left > 0:
                chunk = fh.read(min(left, 1 << 22))
                lines += chunk.count(b"\n")
                left -= len(chunk)
                last = chunk[-1:]
            lines += 1 if end == size and last != b"\n" else 0
            yield start, first, lines, end >= size
            start, first = end, first + lines


# --------------------------------------------------------------------------- executors


def piece_items(piece: dict[str, Any], date: str | None) -> Iterator[Any]:
    """The Articles and InputErrors of one piece (runs on an executor); a file that
    fails while being read ends its piece with an InputError."""
    import pyarrow as pa

    from tidings.ingest import InputError

    try:
        yield from _read_piece(piece, date)
    except InputError as exc:
        yield exc
    except (OSError, pa.ArrowException) as exc:
        yield InputError(f"cannot read {piece['path']}: {exc}")


def _read_piece(piece: dict[str, Any], date: str | None) -> Iterator[Any]:
    from tidings.ingest.readers import article_from_row, read_jsonl_piece

    if piece["kind"] == "jsonl":
        yield from read_jsonl_piece(piece["path"], piece["start"], piece["first"], piece["count"],
                                    at_end=piece["at_end"], date=date)
        return
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(piece["path"])
    cols = [c for c in ROW_FIELDS if c in pf.schema_arrow.names]
    lo, hi, offset = piece["start"], piece["start"] + piece["count"], 0
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        if offset + n > lo and offset < hi:
            table = pf.read_row_group(g, columns=cols)
            a, b = max(lo, offset) - offset, min(hi, offset + n) - offset
            for k, row in enumerate(table.slice(a, b - a).to_pylist()):
                d = row.get("date")
                if isinstance(d, (dt.date, dt.datetime)):
                    row["date"] = d.isoformat()
                yield article_from_row(row, offset + a + k + 1, source=piece["path"], date=date)
        offset += n
