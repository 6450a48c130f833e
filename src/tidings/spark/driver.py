"""``tidings spark``: code many articles on Spark (a cluster, or ``local[N]`` on a laptop).

The driver cuts the inputs into pieces (byte ranges of whole lines of JSONL files,
row ranges of Parquet files) and hands them to the executors in input order. Each
executor Python worker reads its pieces with the same line parser ``tidings ingest``
uses (same validation, error messages, line numbers and sources), codes them with
one model per worker process (``tidings.run.code.process_coder`` is cached), and returns one
row per article: its record as JSON, or the reason it could not be coded, and its event
rows made there and then by the store's own row builder (``tidings.store.rows``) in the
schema of ``tidings export --format parquet`` (carried as Arrow IPC bytes, so no record is
parsed again). See
:mod:`tidings.ingest.spark_output` for the output layout; ``tidings ingest OUTPUT`` loads it.

Every article is coded: near-duplicate linking and the skipping of ids already
stored happen when the output is ingested.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from tidings.ingest.spark_output import (
    ERROR_COLUMNS,
    ERRORS,
    EVENTS,
    MARKER,
    RECORD_COLUMNS,
    RECORDS,
    is_spark_output,
    parquet_files,
)
from tidings.spark.classdata import JVM_WAIT, Archive, archive_for, finish
from tidings.spark.plan import PIECE_DDL, Piece, SparkError, input_files, piece_items, plan
from tidings.store.rows import event_rows

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import SparkSession

    from tidings.model import ArticleRecord

CODED_TEXT = (*RECORD_COLUMNS, "reason")  # then "events": the record's event rows, nested
INSTALL_PYSPARK = 'pyspark is not installed: pip install "tidings[spark]"'
LOG_LEVEL_ENV = "TIDINGS_SPARK_LOG_LEVEL"  # e.g. warn, to see Spark's own log; default fatal
LOG4J = """rootLogger.level = {level}
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %p %c{{1}}: %m%n
logger.spark.name = org.apache.spark
logger.spark.level = {level}
logger.hadoop.name = org.apache.hadoop
logger.hadoop.level = {level}
"""  # quiet from the JVM's start (a failed job is reported as one line by run_spark);
#      Spark's loggers at the root's level also stop the "Setting default log level" banner
SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.execution.arrow.maxRecordsPerBatch": "512",  # records carry their text
    "spark.sql.session.timeZone": "UTC",
    # the executors' Python daemon loads the coder once, before it forks the workers
    "spark.python.daemon.module": "tidings.spark.daemon",
}
# With a local master the driver's JVM only moves rows between the Python workers and
# the output files: C2 compilation cost it more CPU than it ever saved (on 1,000
# articles about 15 s of 35), so local runs compile with C1 alone. A cluster's executors
# keep the JVM's defaults; `--conf spark.driver.extraJavaOptions=...` replaces these.
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1"
OUT_BATCH = 32  # output rows per Arrow batch (records are large: they carry the text)


@dataclass
class SparkStats:
    output: str
    articles: int = 0  # coded, in records/
    events: int = 0
    errors: int = 0
    pieces: int = 0
    partitions: int = 0
    seconds: float = 0.0


# --------------------------------------------------------------------------- environment


def check_environment() -> str:
    """Raise SparkError when pyspark (with pandas and pyarrow) or Java 17+ is missing;
    else return what ``java -version`` says."""
    try:
        import pandas  # noqa: F401  (mapInArrow needs it)
        import pyarrow  # noqa: F401
        import pyspark
    except ImportError:
        raise SparkError(INSTALL_PYSPARK) from None
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        raise SparkError("Java not found: install Java 17 (e.g. apt-get install "
                         "openjdk-17-jre-headless) or set JAVA_HOME")
    need = 17 if int(pyspark.__version__.split(".")[0]) >= 4 else 8
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.SubprocessError) as exc:
        raise SparkError(f"cannot run {java}: {exc}: install Java 17") from None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    major = (int(m.group(2)) if m.group(1) == "1" else int(m.group(1))) if m else 0
    if major < need:
        raise SparkError(f"Spark {pyspark.__version__} needs Java {need} or newer, {java} is "
                         f"{major or 'unknown'}: install Java 17 or set JAVA_HOME")
    return out


def start_session(master: str = "local[2]", tmp: str | Path | None = None,
                  conf: dict[str, str] | None = None) -> SparkSession:
    """A quiet Spark session (see :func:`_start`)."""
    return _start(master, tmp, conf)[0]


def _start(master: str = "local[2]", tmp: str | Path | None = None,
           conf: dict[str, str] | None = None, *, archive: bool = False) -> tuple[SparkSession, Archive]:
    """A quiet Spark session: no UI, Arrow on, executors on this Python unless ``conf``
    names another (``spark.pyspark.python``: the Python of an environment shipped with
    ``spark.archives``), scratch space and log config under ``tmp`` (a new temporary
    folder if None; it must outlive the session). ``conf`` (Spark properties such as
    ``spark.executor.memory``) is applied over these defaults. Spark logs nothing below
    FATAL unless the environment variable TIDINGS_SPARK_LOG_LEVEL says otherwise. With
    ``archive``, a local master and no JVM running yet, the driver's JVM starts from
    (or, the first time, writes) a class-data archive: see :mod:`tidings.spark.classdata`;
    the Archive returned says which, for :func:`~tidings.spark.classdata.finish`."""
    java = check_environment()
    import pyspark
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    tmp = Path(tmp or tempfile.mkdtemp(prefix="tidings-spark-"))
    tmp.mkdir(parents=True, exist_ok=True)
    log4j = tmp / "log4j2.properties"
    level = os.environ.get(LOG_LEVEL_ENV, "fatal").lower()
    if level not in ("off", "fatal", "error", "warn", "info", "debug", "trace", "all"):
        level = "fatal"
    log4j.write_text(LOG4J.format(level=level))
    jvm = f"-Dlog4j2.configurationFile=file:{log4j} -Djava.io.tmpdir={tmp}"
    classes = Archive("")
    if master.startswith("local"):
        jvm = f"{jvm} {LOCAL_JVM_OPTIONS}"
        if archive and SparkContext._gateway is None:  # else the JVM's options are set already
            home = os.environ.get("SPARK_HOME") or Path(pyspark.__file__).parent
            classes = archive_for(java, home, pyspark.__version__)
            jvm = f"{jvm} {classes.options}".strip()
    conf = {**SPARK_CONF, "spark.pyspark.python": sys.executable, "spark.local.dir": str(tmp),
            "spark.sql.warehouse.dir": str(tmp / "warehouse"), "spark.driver.extraJavaOptions": jvm,
            **(conf or {})}
    os.environ["PYSPARK_PYTHON"] = conf["spark.pyspark.python"]
    builder = SparkSession.builder.master(master).appName("tidings")
    for key, value in conf.items():
        builder = builder.config(key, value)
    try:
        with _quiet():
            spark = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: Java missing or broken
        raise SparkError(f"cannot start Spark ({_summary(exc)}): check Java 17 and --master") from None
    spark.sparkContext.setLogLevel(level.upper())
    return spark, classes


def end_jvm(timeout: float = JVM_WAIT) -> bool:
    """End the JVM this process started for Spark (after its session stopped) and wait
    for it to exit; True if it exited cleanly. A later session starts a new one."""
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    proc = getattr(gateway, "proc", None)
    if gateway is None or proc is None:
        return False
    with contextlib.suppress(Exception):
        gateway.shutdown()
    SparkContext._gateway = SparkContext._jvm = None
    try:
        if proc.stdin:
            proc.stdin.close()  # the gateway exits when its standard input ends
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return False
    return proc.returncode == 0


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas")
        yield


def _summary(exc: BaseException) -> str:
    """One line out of a Spark exception (the Python error, not the JVM stack)."""
    text = str(exc).split("JVM stacktrace:")[0]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    named = [ln for ln in lines if re.match(r"[\w.]*(Error|Exception)\b", ln)]
    return (named or lines or [type(exc).__name__])[-1][:300]


# --------------------------------------------------------------------------- executors


def _code_pieces(batches: Iterator[pa.RecordBatch], date: str | None,
                 rules_dirs: tuple[str, ...] = ()) -> Iterator[pa.RecordBatch]:
    """mapInArrow: pieces in, one row per article out (its record, or why not). The
    executor's coder loads the package's rules plus ``rules_dirs`` (paths every node sees)."""
    import pyarrow as pa

    from tidings.model import Article, Failure
    from tidings.output import record_dict
    from tidings.run.code import code_articles, process_coder

    names = [*CODED_TEXT, "events"]
    rows: list[tuple] = []

    def flush() -> pa.RecordBatch:
        n = len(names) - 1
        columns = [pa.array([r[i] for r in rows], pa.string()) for i in range(n)]
        batch = pa.RecordBatch.from_arrays([*columns, events_column([r[n] for r in rows])], names=names)
        rows.clear()
        return batch

    for batch in batches:
        for piece in batch.to_pylist():
            if piece["kind"] == "error":
                rows.append((None, None, None, None, piece["input"], None, piece["path"], None))
                continue
            todo: list[Article] = []
            items = piece_items(piece, date)
            while True:
                item = next(items, None)
                if isinstance(item, Article):
                    todo.append(item)
                elif item is not None:
                    rows.append((item.article_id, None, None, None, piece["input"], None,
                                 piece["prefix"] + str(item), None))
                if todo and (item is None or len(todo) >= OUT_BATCH):
                    coded = code_articles(todo, process_coder(rules_dirs))
                    for a, r in zip(todo, coded, strict=True):
                        if isinstance(r, Failure):
                            rows.append((r.article_id, None, None, None, r.source or "coder", None,
                                         r.reason, None))
                        else:
                            rows.append((a.id, a.title, a.date, a.url, a.source, json.dumps(
                                record_dict(r, with_sentences=True), ensure_ascii=False), None,
                                export_rows(r)))
                    todo = []
                if len(rows) >= OUT_BATCH:
                    yield flush()
                if item is None:
                    break
    if rows:
        yield flush()


def export_rows(r: ArticleRecord) -> list[dict]:
    """The rows ``tidings export --format parquet`` gives for the events of ``r`` once it
    is stored: the store's own event rows (``event_rows``) with the sentence, title and
    URL the export query joins in and the ids as text."""
    rows = event_rows(r)
    for row in rows:
        row["cluster_id"] = str(row["cluster_id"])
        row["sentence_text"] = r.text[row["span_start"]:row["span_end"]]
        row["article_title"], row["article_url"] = r.title, r.url
    return rows


def events_column(per_record: list[list[dict] | None]) -> pa.Array:
    """One Arrow list of export rows per record (null for an error row), so Spark explodes
    them into the events output without a second pass through Python. A record whose
    rows a value cannot be held in (the store would refuse that article too: ingest of
    the output logs it as an error) gets null; the others keep theirs."""
    import pyarrow as pa

    kind = pa.list_(pa.struct(list(export_schema())))
    try:
        return pa.array(per_record, kind)
    except (pa.ArrowException, ValueError, TypeError, OverflowError):
        pass
    held: list[list[dict] | None] = []
    for rows in per_record:
        try:
            pa.array([rows], kind)
        except (pa.ArrowException, ValueError, TypeError, OverflowError):
            rows = None
        held.append(rows)
    return pa.array(held, kind)


def coded_schema():  # noqa: ANN201 - a pyspark StructType, imported lazily
    """The Spark schema of the coding step's rows: the record's text columns, then its
    event rows nested (the export schema's fields)."""
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    events = ArrayType(from_arrow_schema(export_schema()))
    return StructType([*(StructField(c, StringType()) for c in CODED_TEXT), StructField("events", events)])


@functools.lru_cache(maxsize=1)
def export_schema() -> pa.Schema:
    """The Arrow schema of ``tidings export --format parquet``."""
    from tidings.store import Store

    with Store(":memory:") as store:
        return store.export_arrow().schema


# --------------------------------------------------------------------------- driver


def check_output(output: str | Path, inputs: Sequence[str], overwrite: bool) -> None:
    """Raise SparkError unless ``output`` can be written (new, empty, or an earlier
    tidings spark output and ``overwrite``)."""
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise SparkError(f"{out} is a file: give a folder for the output")
    if out.is_dir() and any(out.iterdir()):
        if not overwrite:
            raise SparkError(f"{out} exists and is not empty: give a new folder, or --overwrite "
                             "to replace an earlier tidings spark output")
        if not is_spark_output(out):
            raise SparkError(f"{out} is not a tidings spark output: will not overwrite it")
        inside = [i for i in inputs if Path(i).resolve().is_relative_to(out.resolve())]
        if inside:
            raise SparkError(f"input {inside[0]} is inside the output folder {out}")


def _clear_output(out: Path) -> None:
    if out.is_dir():
        (out / MARKER).unlink(missing_ok=True)  # first: a crash leaves it unfinished
        shutil.rmtree(out)


def _rows_in(folder: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(f).metadata.num_rows for f in parquet_files(folder))


def run_spark(inputs: list[str], output: str, master: str = "local[2]",
              partitions: int | None = None, date: str | None = None, *,
              overwrite: bool = False, spark: SparkSession | None = None,
              rules_dirs: Sequence[str | Path] = (), conf: dict[str, str] | None = None) -> SparkStats:
    """Code ``inputs`` (JSONL files, Parquet files or folders) on Spark into the folder
    ``output`` (see :mod:`tidings.ingest.spark_output`). ``partitions`` defaults to three per
    core; ``date`` is the publication date for articles without one; ``rules_dirs`` are
    rules folders over the package's tables (absolute paths, on a file system every
    executor sees). Uses ``spark`` when given, else starts (and stops) its own session on
    ``master`` with the Spark properties ``conf``."""
    from tidings import __version__
    from tidings.ingest import normalize_date

    t0 = time.perf_counter()
    out = Path(output)
    check_output(out, inputs, overwrite)
    iso_date = normalize_date(date, field="--date")
    files = input_files(inputs, iso_date)
    with tempfile.TemporaryDirectory(prefix="tidings-spark-") as tmp:
        session, classes = (spark, Archive("")) if spark else _start(master, tmp, conf, archive=True)
        used_master = session.sparkContext.master
        try:
            wanted = partitions or 3 * session.sparkContext.defaultParallelism
            pieces = plan(files, wanted)
            n_parts = max(1, min(wanted, len(pieces)))
            _clear_output(out)
            dirs = tuple(str(Path(d).resolve()) for d in rules_dirs)
            with _job_conf(session, n_parts):
                _write(session, pieces, n_parts, out, iso_date, dirs)
        except SparkError:
            raise
        except Exception as exc:
            if not type(exc).__module__.startswith(("py4j", "pyspark")):
                raise
            raise SparkError(f"the Spark job failed: {_summary(exc)}") from None
        finally:
            if spark is None:
                session.stop()
                finish(classes, end_jvm)
    stats = SparkStats(str(out), _rows_in(out / RECORDS), _rows_in(out / EVENTS),
                       _rows_in(out / ERRORS), len(pieces), n_parts)
    stats.seconds = round(time.perf_counter() - t0, 3)
    marker = {"tidings": __version__, "created": dt.datetime.now(dt.timezone.utc).isoformat(),
              "master": used_master, "inputs": list(inputs), "date": iso_date,
              "articles": stats.articles, "events": stats.events, "errors": stats.errors,
              "pieces": stats.pieces, "partitions": stats.partitions, "seconds": stats.seconds}
    part = out / (MARKER + ".part")
    part.write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    part.replace(out / MARKER)
    return stats


@contextlib.contextmanager
def _job_conf(spark: SparkSession, n_parts: int) -> Iterator[None]:
    """SQL settings for this job, the session's own restored after it. The shuffles of
    the job carry only ids and positions (and error rows), so they get as many
    partitions as the input and no adaptive re-planning, which cost more CPU than it
    saved (on 8 articles about 0.7 s of ~13)."""
    values = {"spark.sql.adaptive.enabled": "false", "spark.sql.shuffle.partitions": str(n_parts)}
    before = {key: spark.conf.get(key, None) for key in values}
    for key, value in values.items():
        spark.conf.set(key, value)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                spark.conf.unset(key)
            else:
                spark.conf.set(key, value)


def _first_of_each_id(coded, F):  # noqa: ANN001, ANN202, N803
    """(records, errors): of articles with the same id only the first in input order is a
    record (with its event rows); each later one is an error row, as in ``tidings ingest``."""
    from pyspark.sql import Window

    seq = coded.withColumn("_seq", F.monotonically_increasing_id())  # input order
    ok = seq.where(F.col("reason").isNull())
    # which articles repeat an earlier id: a window over ids and positions only (the
    # records, with their text, never cross the cluster), usually nothing
    by_id = Window.partitionBy("id").orderBy("_seq")
    ranked = (ok.select("id", "source", "_seq")
              .withColumn("_rank", F.row_number().over(by_id))
              .withColumn("_first", F.first("source").over(by_id))
              .where(F.col("_rank") > 1))
    # the rest keep their partitions and order: a broadcast anti join streams them as they are
    records = ok.join(F.broadcast(ranked.select("_seq")), "_seq", "left_anti").select(
        *RECORD_COLUMNS, "events")
    dup_reason = F.concat(F.lit("duplicate id '"), F.col("id"),
                          F.lit("': an earlier input of this run ("), F.coalesce(F.col("_first"), F.lit("?")),
                          F.lit(") has the same id (after trimming spaces and control characters), "
                                "so this one was not stored: give each article its own id"))
    dups = ranked.select(F.col("id").alias(ERROR_COLUMNS[0]), "source", dup_reason.alias("reason"), "_seq")
    failed = seq.where(F.col("reason").isNotNull()).select(
        F.col("id").alias(ERROR_COLUMNS[0]), "source", "reason", "_seq")
    errors = failed.unionByName(dups).orderBy("_seq").select(*ERROR_COLUMNS)
    return records, errors


def pieces_frame(spark: SparkSession, pieces: list[Piece], n_parts: int):  # noqa: ANN201
    """The pieces as a DataFrame of ``n_parts`` partitions, in input order. Made from an
    Arrow table (a Python list or RDD would need Python workers just to turn the rows
    into Spark's, and they would load a second daemon beside the coding one) and cut by
    ranges of the pieces' positions (a shuffle of a few rows that stays in the JVM)."""
    import pyarrow as pa

    names = [f.name for f in fields(Piece)]
    table = pa.table({"_i": range(len(pieces)),
                      **{n: [getattr(p, n) for p in pieces] for n in names}})
    with _quiet():
        frame = spark.createDataFrame(table.to_pandas(), f"_i long, {PIECE_DDL}")
    return frame.repartitionByRange(n_parts, "_i").sortWithinPartitions("_i").drop("_i")


def _write(spark: SparkSession, pieces: list[Piece], n_parts: int, out: Path,
           date: str | None, rules_dirs: tuple[str, ...] = ()) -> None:
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    with _quiet():
        coded = (pieces_frame(spark, pieces, n_parts)
                 .mapInArrow(functools.partial(_code_pieces, date=date, rules_dirs=rules_dirs), coded_schema())
                 .persist(StorageLevel.MEMORY_AND_DISK))
        try:
            records, errors = _first_of_each_id(coded, F)
            records.select(*RECORD_COLUMNS).write.parquet(str(out / RECORDS))
            errors.write.parquet(str(out / ERRORS))
            (records.select(F.explode("events").alias("e")).select("e.*")
             .write.parquet(str(out / EVENTS)))
        finally:
            coded.unpersist()
