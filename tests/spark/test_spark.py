"""`tidings spark` on local[2] gives what the local pipeline gives: the same event rows
as `export --format parquet`, and through `tidings ingest OUTPUT` the same store.

Skipped as a whole when pyspark (the `spark` extra) or Java 17 is not installed. One
Spark session (one JVM) for the module; the news below is made up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pandas")

from tidings.spark.driver import SparkError, check_environment  # noqa: E402

try:
    check_environment()
except SparkError as exc:  # no Java 17
    pytest.skip(str(exc), allow_module_level=True)

import duckdb  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from tidings.ingest import InputError, read_jsonl  # noqa: E402
from tidings.ingest.spark_output import MARKER, read_marker  # noqa: E402
from tidings.run.ingest import ingest  # noqa: E402
from tidings.spark.driver import run_spark, start_session  # noqa: E402
from tidings.spark.plan import input_files, piece_items, plan  # noqa: E402
from tidings.store import Store  # noqa: E402

SUDAN = ("Germany pledged 200 million euros in humanitarian aid to Sudan on Thursday. German "
         "Foreign Minister Annalena Baerbock announced the package at a donor conference in "
         "Berlin. The United Nations welcomed the pledge and called on other donors to follow.")
NEWS = [
    {"id": "ke-tz-trade", "date": "2025-03-04", "url": "https://www.eastafricawire.example/ke-tz",
     "title": "Kenya and Tanzania agree to reopen border trade",
     "text": "Kenya and Tanzania agreed on Monday to reopen three border crossings that were "
             "closed in January. Kenyan President William Ruto met Tanzanian President Samia "
             "Suluhu Hassan in Arusha. \"Our traders have waited long enough,\" Ruto told "
             "reporters after the meeting. The two governments also pledged to cut customs fees "
             "for small farmers by half."},
    {"id": "br-protest", "date": "2025-03-05", "source": "AFP",
     "title": "Police arrest protesters in Sao Paulo",
     "text": "Brazilian police arrested 40 protesters in Sao Paulo on Tuesday after a march "
             "against fuel prices turned violent. Officers fired tear gas at demonstrators near "
             "the city hall. The governor of Sao Paulo state condemned the violence and urged calm."},
    {"id": "in-pk-kashmir", "date": "2025-03-06",
     "title": "India accuses Pakistan of ceasefire violation",
     "text": "India accused Pakistan on Wednesday of violating the ceasefire along the Line of "
             "Control in Kashmir. The Indian army said Pakistani troops fired on two border posts "
             "overnight. Pakistan denied the accusation and said its forces had acted in "
             "self-defence. \"We remain committed to peace,\" a Pakistani foreign ministry "
             "spokesperson said."},
    {"id": "de-sd-aid", "date": "2025-03-07", "url": "https://news.example.org/germany-sudan-aid",
     "title": "Germany pledges aid to Sudan", "text": SUDAN},
    {"id": "bad-1", "title": "a record without a body"},  # -> errors
    {"id": "jp-kr-talks", "date": "2025-03-10", "title": "Japan and South Korea hold talks in Tokyo",
     "text": "The foreign ministers of Japan and South Korea met in Tokyo on Monday to discuss "
             "security cooperation. Japan and South Korea agreed to resume regular defence talks "
             "next month. North Korea criticised the meeting and threatened to respond."},
    {"id": "ng-borno", "date": "2025-03-11", "title": "Nigerian troops kill militants in Borno",
     "text": "Nigerian troops killed 12 militants in an attack on a camp in Borno state on Sunday, "
             "the army said. Two soldiers were wounded in the fighting near the town of Bama. The "
             "army said it seized weapons and ammunition from the camp."},
    {"id": "fr-ml-envoy", "title": "France recalls ambassador from Mali",  # no date
     "text": "France recalled its ambassador from Mali on Friday after the military government in "
             "Bamako expelled two French diplomats. The French foreign ministry said the "
             "expulsions were unjustified. Mali accused France of interfering in its internal "
             "affairs."},
    # a syndicated copy of the Sudan story: linked on ingest, not stored as coded
    {"id": "de-sd-aid-copy", "date": "2025-03-07", "source": "Wire",
     "text": "World news | Subscribe to our newsletter\n\n" + SUDAN + "\n\nShare this article."},
    {"id": "cl-pe-fish", "date": "2025-03-12", "title": "Chile and Peru sign fisheries deal",
     "text": "Chile and Peru signed an agreement on Wednesday to share data on fish stocks in the "
             "Pacific. Chilean officials said the deal would help protect anchovy catches. Peru "
             "promised to host the next meeting of the joint commission in Lima in June."},
]
TABLES = {  # what must be equal, and its order
    "articles": "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id",
    "events": "SELECT * FROM events ORDER BY article_id, idx",
    "quotes": "SELECT * FROM quotes ORDER BY article_id, idx",
    "actors": "SELECT * FROM actors ORDER BY ALL",
    "counts": "SELECT * FROM counts ORDER BY ALL",
    "places": "SELECT * FROM places ORDER BY ALL",
    "article_bands": "SELECT * FROM article_bands ORDER BY ALL",
    "errors": "SELECT article_id, source, reason FROM errors ORDER BY ALL",
}


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("spark")


@pytest.fixture(scope="module")
def news(work) -> str:
    path = work / "news.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in NEWS), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def spark(work):
    session = start_session("local[2]", work / "spark-tmp")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def out(spark, news, work) -> Path:
    output = work / "out"
    stats = run_spark([news], str(output), partitions=4, spark=spark)
    assert (stats.articles, stats.errors) == (len(NEWS) - 1, 1)
    return output


@pytest.fixture(scope="module")
def local_db(news, work) -> Path:
    db = work / "local.duckdb"
    ingest([news], db)
    return db


def _rows(table) -> list[dict]:  # noqa: ANN001
    return sorted(table.to_pylist(), key=lambda r: (r["article_id"], r["idx"]))


def test_events_equal_the_local_export(out, local_db, work):
    exported = work / "local-events.parquet"
    with Store(local_db, read_only=True) as store:
        store.export("parquet", exported)
    local = pq.read_table(exported)
    spark_events = pq.read_table(out / "events")
    # same names and types (DuckDB marks a column "required" when this data has no null in it)
    assert [(f.name, f.type) for f in spark_events.schema] == [(f.name, f.type) for f in local.schema]
    # Spark codes every article; the local store links the copy and codes nothing for it
    spark_rows = [r for r in _rows(spark_events) if r["article_id"] != "de-sd-aid-copy"]
    assert spark_rows == _rows(local) and len(spark_rows) >= 10
    assert any(r["article_id"] == "de-sd-aid-copy" for r in _rows(spark_events))


def test_ingest_of_the_output_equals_the_local_ingest(out, local_db, work):
    db = work / "from-spark.duckdb"
    stats = ingest([str(out)], db)
    assert (stats.added, stats.duplicates, stats.errors) == (len(NEWS) - 1, 1, 1)
    with duckdb.connect(str(local_db), read_only=True) as a, duckdb.connect(str(db), read_only=True) as b:
        for table, sql in TABLES.items():
            assert b.execute(sql).fetchall() == a.execute(sql).fetchall(), table
        dup = b.execute("SELECT duplicate_of, n_events FROM articles WHERE id = 'de-sd-aid-copy'").fetchall()
        assert dup == [("de-sd-aid", 0)]
    again = ingest([str(out)], db)  # idempotent, like any input
    assert (again.added, again.skipped) == (0, len(NEWS) - 1)


def test_bad_line_lands_in_errors(out, news):
    errors = pq.read_table(out / "errors").to_pylist()
    assert errors == [{"article_id": "bad-1", "source": news,
                       "reason": 'line 5: the record has no "text" or "html" field: every line needs one'}]
    marker = read_marker(out)
    assert (marker["articles"], marker["errors"], marker["inputs"]) == (len(NEWS) - 1, 1, [news])
    records = pq.read_table(out / "records")
    assert records.column_names == ["id", "title", "date", "url", "source", "record"]
    assert records.column("id").to_pylist() == [a["id"] for a in NEWS if a["id"] != "bad-1"]


def test_unfinished_output_is_an_error_not_data(out, work):
    half = work / "half"
    (half / "records").mkdir(parents=True)
    for f in (out / "records").glob("*.parquet"):
        (half / "records" / f.name).write_bytes(f.read_bytes())
    stats = ingest([str(half)], work / "half.duckdb")
    assert (stats.added, stats.errors) == (0, 1)
    assert not (half / MARKER).exists()


def test_parquet_input_codes_like_jsonl(spark, out, work):
    import datetime as dt

    import pyarrow as pa

    rows = [{k: a.get(k) for k in ("id", "title", "text", "url", "source")} for a in NEWS]
    for r, a in zip(rows, NEWS, strict=True):
        r["date"] = dt.date.fromisoformat(a["date"]) if a.get("date") else None
    folder = work / "pq-in"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist(rows), folder / "news.parquet", row_group_size=4)
    stats = run_spark([str(folder)], str(work / "pq-out"), partitions=3, spark=spark)
    assert (stats.articles, stats.errors) == (len(NEWS) - 1, 1)
    assert _rows(pq.read_table(work / "pq-out" / "events")) == _rows(pq.read_table(out / "events"))
    (error,) = pq.read_table(work / "pq-out" / "errors").to_pylist()
    assert error["source"] == str(folder) and error["reason"].startswith(f"{folder / 'news.parquet'}: row 5: ")
    sources = pq.read_table(work / "pq-out" / "records").column("source").to_pylist()
    assert sources[:2] == [f"{folder / 'news.parquet'}:1", "AFP"]


def test_pieces_read_exactly_what_read_jsonl_reads(work):
    path = work / "tricky.jsonl"
    lines = [b"\xef\xbb\xbf" + json.dumps(NEWS[0]).encode(), b"", b"  ", b"{not json",
             json.dumps(NEWS[1]).encode(), b"[1, 2]", b'{"id": "cut", "text": "the end is mis']
    path.write_bytes(b"\n".join(lines))  # no newline at the end: the last record is cut off

    def key(item):  # noqa: ANN001, ANN202
        if isinstance(item, InputError):
            return ("error", str(item), item.article_id, item.line, item.source)
        return item

    expected = [key(i) for i in read_jsonl(path)]
    assert len(expected) == 5 and "truncated JSON at the end of the file" in expected[-1][1]
    for wanted in (1, 2, 3, 5, 8, 50):
        pieces = plan(input_files([str(path)], None), wanted)
        got = [key(i) for p in pieces for i in piece_items(asdict(p), None)]
        assert got == expected, wanted


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings.cli", *args], capture_output=True,
                          text=True, timeout=120)


def test_cli_refuses_an_existing_output(out, news, work):
    res = _cli("spark", news, str(out))
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0 and "exists and is not empty" in res.stderr
    assert "Traceback" not in res.stderr
    other = work / "not-ours"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    res = _cli("spark", news, str(other), "--overwrite")
    assert res.returncode == 2 and "not a tidings spark output" in res.stderr
    assert (other / "notes.txt").exists()
    res = _cli("spark", str(work / "missing.jsonl"), str(work / "new-out"))
    assert res.returncode == 2 and res.stderr.strip() == f"error: no such file or folder: {work / 'missing.jsonl'}"


def test_poison_records_and_duplicate_ids_on_spark_match_ingest(spark, work):
    """A malformed URL no longer aborts the Spark job, and a second article with an id
    already read is an error row there exactly as in a local ingest; storing the output
    gives the same store."""
    import pyarrow as pa

    rows = [dict(NEWS[0], url="http://[badipv6/x"), dict(NEWS[3]),
            dict(NEWS[6], id=NEWS[3]["id"]), dict(NEWS[9], id=f" {NEWS[3]['id']}\u0000")]
    folder = work / "poison-in"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist([{k: r.get(k) for k in ("id", "title", "text", "url", "source", "date")}
                                         for r in rows]), folder / "p.parquet")
    jsonl = work / "poison.jsonl"
    jsonl.write_text("".join(json.dumps({k: v for k, v in r.items() if v is not None}) + "\n"
                             for r in rows), encoding="utf-8")
    stats = run_spark([str(jsonl)], str(work / "poison-out"), partitions=3, spark=spark)
    assert (stats.articles, stats.errors) == (2, 2)
    reasons = pq.read_table(work / "poison-out" / "errors").column("reason").to_pylist()
    assert all(r.startswith(f"duplicate id '{NEWS[3]['id']}'") for r in reasons)
    via_spark, local = work / "poison-spark.duckdb", work / "poison-local.duckdb"
    ingest([str(work / "poison-out")], via_spark)
    ingest([str(jsonl)], local)
    with Store(via_spark, read_only=True) as a, Store(local, read_only=True) as b:
        for table in ("articles", "events", "errors"):
            sql = TABLES[table]
            if table == "errors":
                sql = "SELECT article_id, reason FROM errors ORDER BY ALL"
            assert a.con.execute(sql).fetchall() == b.con.execute(sql).fetchall(), table
    stats = run_spark([str(folder)], str(work / "poison-pq-out"), partitions=2, spark=spark)
    assert (stats.articles, stats.errors) == (2, 2)


def test_local_driver_compiles_with_c1_only(spark, work):
    from tidings.spark.driver import LOCAL_JVM_OPTIONS

    assert LOCAL_JVM_OPTIONS in spark.sparkContext.getConf().get("spark.driver.extraJavaOptions")


def test_events_column_nulls_only_the_record_whose_rows_cannot_be_held():
    import pyarrow as pa

    from tidings.model import Article
    from tidings.pipeline import Coder
    from tidings.spark.driver import events_column, export_rows

    coder = Coder()
    recs = [coder.code(Article(id=a["id"], text=a["text"], date=a["date"])) for a in NEWS[5:7]]
    good, bad = export_rows(recs[0]), export_rows(recs[1])
    assert good and bad
    bad[0]["quad_class"] = 1000  # the store's column is a TINYINT: the article would be refused
    col = events_column([good, None, bad])
    assert col.type == pa.list_(pa.struct(list(_export_schema())))
    assert col.to_pylist()[1:] == [None, None]
    assert [r["article_id"] for r in col.to_pylist()[0]] == [r["article_id"] for r in good]
    assert len(events_column([good, good])) == 2


def _export_schema():
    from tidings.spark.driver import export_schema

    return export_schema()


def test_pieces_keep_their_order_in_the_partitions_asked_for(spark, work):
    """The pieces go to the executors in input order, cut into the partitions asked for,
    without a Python worker to make the rows."""
    from pyspark.sql import functions as F

    from tidings.spark.driver import pieces_frame
    from tidings.spark.plan import Piece

    pieces = [Piece("jsonl", "in.jsonl", "in.jsonl", start=100 * i, first=10 * i + 1, count=10,
                    at_end=i == 16) for i in range(17)]
    for n in (1, 3, 6):
        frame = pieces_frame(spark, pieces, n)
        rows = frame.withColumn("part", F.spark_partition_id()).collect()
        assert [r["start"] for r in rows] == [p.start for p in pieces]
        parts = [r["part"] for r in rows]
        assert parts == sorted(parts) and len(set(parts)) == n
        assert rows[-1]["at_end"] and not rows[0]["at_end"] and rows[0]["kind"] == "jsonl"


def test_a_local_run_writes_the_class_archive_once_then_starts_from_it(news, work):
    """The first local run's driver JVM leaves a class-data archive in the cache folder;
    the next run starts from it and codes the same. Nothing of the JVM's on stdout."""
    cache = work / "jvm-cache"
    env = {**os.environ, "TIDINGS_CACHE_DIR": str(cache)}
    runs = []
    for name in ("first", "second"):
        res = subprocess.run([sys.executable, "-m", "tidings.cli", "spark", news, str(work / name)],
                             capture_output=True, text=True, timeout=600, env=env)
        assert res.returncode == 0, res.stderr[-2000:]
        assert "cds" not in res.stdout.lower() and "cds" not in res.stderr.lower()
        runs.append(_rows(pq.read_table(work / name / "events")))
        if name == "first":
            archives = sorted(p.name for p in cache.iterdir() if p.suffix in (".jsa", ".tmp"))
            assert len(archives) == 1 and archives[0].endswith(".jsa"), archives
            written = (cache / archives[0]).stat().st_mtime_ns
    assert (cache / archives[0]).stat().st_mtime_ns == written  # read, not written again
    assert runs[0] == runs[1] and runs[0]
