"""Writing records: JSON, JSONL (one record per article) and CSV/TSV (one row per event)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from tidings.model import ArticleRecord, Event, to_dict

EVENT_COLUMNS = (
    "article_id", "date", "source_code", "source_name", "source_text", "target_code",
    "target_name", "target_text", "cameo", "cameo_root", "cameo_name", "plover", "quad_class",
    "goldstein", "negated", "confidence", "location", "location_country", "lat", "lon",
    "sentence", "span_start", "span_end", "verb", "date_text", "rule", "sentence_text",
)


# a cell a spreadsheet would run as a formula (=, +, -, @) or that hides one (tab, CR)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A CSV/TSV cell that no spreadsheet runs as a formula: text starting with = + - @
    (or a tab or carriage return) gets a leading apostrophe. Numbers, also written as
    text ("-2.5" in a GDELT row), stay as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
            return value
        except ValueError:
            return "'" + value
    return value


def tsv_cell(value: Any) -> str:
    """A TSV cell: formula-safe, and one line with no tab (they would split the row)."""
    text = "" if value is None else str(csv_safe(value))
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def text_ids(value: Any, key: str = "") -> Any:
    """Rows for JSON readers with ids as text: an ``*_id`` integer (``cluster_id``) and any
    integer beyond 2**53, which JavaScript and R would round. Dicts and lists all the way down."""
    if isinstance(value, dict):
        return {k: text_ids(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [text_ids(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and (key.endswith("_id") or abs(value) >= 2**53):
        return str(value)
    return value


def record_dict(rec: ArticleRecord, *, with_sentences: bool = False) -> dict[str, Any]:
    d = to_dict(rec)
    if not with_sentences:
        d.pop("sentences", None)
    if not d.get("warnings"):
        d.pop("warnings", None)
    return d


def error_dict(article_id: str | None, message: str) -> dict[str, Any]:
    return {"id": article_id, "error": message}


def write_json(rec: ArticleRecord, out: IO[str]) -> None:
    json.dump(record_dict(rec), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl_line(obj: dict[str, Any], out: IO[str]) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")


def event_row(rec: ArticleRecord, e: Event) -> dict[str, Any]:
    loc = e.location
    return {
        "article_id": rec.id, "date": e.date, "source_code": e.source.code,
        "source_name": e.source.name, "source_text": e.source.text,
        "target_code": e.target.code if e.target else "", "target_name": e.target.name if e.target else "",
        "target_text": e.target.text if e.target else "", "cameo": e.cameo, "cameo_root": e.cameo_root,
        "cameo_name": e.cameo_name, "plover": e.plover or "", "quad_class": e.quad_class,
        "goldstein": e.goldstein, "negated": e.negated, "confidence": e.confidence,
        "location": loc.name if loc else "", "location_country": (loc.country or "") if loc else "",
        "lat": loc.lat if loc and loc.lat is not None else "", "lon": loc.lon if loc and loc.lon is not None else "",
        "sentence": e.sentence, "span_start": e.span[0], "span_end": e.span[1], "verb": e.verb,
        "date_text": e.date_text or "", "rule": e.rule,
        "sentence_text": rec.text[e.span[0] : e.span[1]].replace("\n", " "),
    }


def events_table(records: Iterable[ArticleRecord]):  # noqa: ANN201 - pyarrow.Table
    """One row per event of ``records``, in the columns of ``code --format csv``
    (:data:`EVENT_COLUMNS`), as a pyarrow Table (``.to_pandas()`` for a DataFrame)."""
    import pyarrow as pa

    kinds = {"quad_class": pa.int8(), "sentence": pa.int32(), "span_start": pa.int64(),
             "span_end": pa.int64(), "goldstein": pa.float64(), "confidence": pa.float64(),
             "lat": pa.float64(), "lon": pa.float64(), "negated": pa.bool_()}
    rows = [event_row(rec, e) for rec in records for e in rec.events]
    schema = pa.schema([(c, kinds.get(c, pa.string())) for c in EVENT_COLUMNS])
    # the CSV writes "" for nothing; a table says null
    return pa.table({c: [None if r[c] == "" else r[c] for r in rows] for c in EVENT_COLUMNS}, schema=schema)


class EventTableWriter:
    """CSV or TSV, one row per event, header written once. Cells are formula-safe
    (:func:`csv_safe`); TSV cells hold no tab or line break (:func:`tsv_cell`)."""

    def __init__(self, out: IO[str], delimiter: str = ",") -> None:
        self._tsv = delimiter == "\t"
        self._out = out
        if self._tsv:
            out.write("\t".join(EVENT_COLUMNS) + "\n")
        else:
            self._w = csv.DictWriter(out, fieldnames=list(EVENT_COLUMNS), delimiter=delimiter,
                                     lineterminator="\n", extrasaction="ignore")
            self._w.writeheader()

    def write(self, rec: ArticleRecord) -> None:
        for e in rec.events:
            row = event_row(rec, e)
            if self._tsv:
                self._out.write("\t".join(tsv_cell(row[c]) for c in EVENT_COLUMNS) + "\n")
            else:
                self._w.writerow({k: csv_safe(v) for k, v in row.items()})

    def write_many(self, recs: Iterable[ArticleRecord]) -> None:
        for r in recs:
            self.write(r)


class RecordWriter:
    """Records of ``tidings code`` in one format: ``json`` (one pretty object, or a JSON
    array when the input holds ``many`` articles), ``jsonl`` (one record or error per
    line), ``csv``/``tsv`` (one row per event). Counts what it wrote."""

    def __init__(self, out: IO[str], fmt: str, *, many: bool) -> None:
        self.out, self.fmt = out, fmt
        self.array = fmt == "json" and many
        self.table = EventTableWriter(out, "," if fmt == "csv" else "\t") if fmt in ("csv", "tsv") else None
        self.records = self.failures = 0
        if self.array:
            out.write("[\n")

    def write(self, rec: ArticleRecord) -> None:
        self.records += 1
        if self.array:
            self.out.write((",\n" if self.records > 1 else "")
                           + json.dumps(record_dict(rec), ensure_ascii=False, indent=2))
        elif self.fmt == "json":
            write_json(rec, self.out)
        elif self.fmt == "jsonl":
            write_jsonl_line(record_dict(rec), self.out)
        elif self.table is not None:
            self.table.write(rec)

    def write_failure(self, article_id: str | None, message: str) -> None:
        write_jsonl_line(error_dict(article_id, message), self.out)

    def close(self) -> None:
        if self.array:
            self.out.write("\n]\n")
