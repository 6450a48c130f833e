"""The output folder of ``tidings spark``, and reading it back (no Spark needed).

Layout::

    OUTPUT/records/*.parquet   one row per coded article: id, title, date, url, source,
                               record (the full record with sentences, as JSON)
    OUTPUT/events/*.parquet    the rows of ``tidings export --format parquet``
    OUTPUT/errors/*.parquet    article_id, source, reason for inputs that were not coded
    OUTPUT/_tidings_spark.json written last: version, counts, inputs

``tidings ingest OUTPUT`` stores the records without coding them again: see
:func:`read_spark_output`, used by :func:`tidings.run.ingest.read_inputs`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tidings.ingest import InputError
from tidings.model import Article, Coded, record_from_dict

MARKER = "_tidings_spark.json"
RECORDS, EVENTS, ERRORS = "records", "events", "errors"
RECORD_COLUMNS = ("id", "title", "date", "url", "source", "record")
ERROR_COLUMNS = ("article_id", "source", "reason")


class OutputError(Exception):
    """An error row of a Spark output, passed on to the errors table as it is."""

    def __init__(self, article_id: str | None, reason: str) -> None:
        super().__init__(reason)
        self.article_id = article_id


def is_spark_output(path: str | Path) -> bool:
    """A folder written by ``tidings spark`` (finished, or half-written: no marker yet)."""
    p = Path(path)
    return p.is_dir() and ((p / MARKER).is_file() or (p / RECORDS).is_dir())


def parquet_files(folder: Path) -> list[Path]:
    """The data files of a Parquet folder, in part order (= input order for records)."""
    if not folder.is_dir():
        return []
    return sorted(f for f in folder.glob("*.parquet") if not f.name.startswith((".", "_")))


def read_marker(path: str | Path) -> dict[str, Any]:
    return json.loads((Path(path) / MARKER).read_text(encoding="utf-8"))


def output_items(path: str | Path) -> int:
    """How many items :func:`read_spark_output` gives for ``path`` (from the marker)."""
    try:
        marker = read_marker(path)
        return int(marker["articles"]) + int(marker["errors"])
    except (OSError, ValueError, KeyError, TypeError):
        return 1  # unfinished or unreadable: one error


def read_spark_output(path: str | Path, batch_size: int = 256
                      ) -> Iterator[tuple[str, Coded | OutputError | InputError]]:
    """(source, item) for every article and error of a Spark output, streamed in
    batches: a :class:`Coded` per record, an :class:`OutputError` per error row. A
    folder without the marker file (the run did not finish) is one InputError."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    top = Path(path)
    if not (top / MARKER).is_file():
        yield str(path), InputError(
            f"{path} is an unfinished `tidings spark` output (no {MARKER}): "
            "run tidings spark again with --overwrite")
        return
    for folder, columns in ((RECORDS, ["source", "record"]), (ERRORS, list(ERROR_COLUMNS))):
        for f in parquet_files(top / folder):
            try:
                for batch in pq.ParquetFile(f).iter_batches(batch_size=batch_size, columns=columns):
                    for row in batch.to_pylist():
                        yield _record_item(f, row) if folder == RECORDS else (
                            row["source"], OutputError(row["article_id"], row["reason"]))
            except (OSError, pa.ArrowException) as exc:
                yield str(f), InputError(f"cannot read {f}: {exc}")


def _record_item(f: Path, row: dict[str, Any]) -> tuple[str, Coded | OutputError]:
    source = row["source"]
    try:
        rec = record_from_dict(json.loads(row["record"]))
    except (ValueError, TypeError, KeyError) as exc:
        return str(f), OutputError(None, f"cannot rebuild a record of {f} (made by another "
                                         f"tidings version?): {type(exc).__name__}: {exc}")
    return source, Coded(Article(rec.id, rec.text, rec.title, rec.date, rec.url, source), rec)
