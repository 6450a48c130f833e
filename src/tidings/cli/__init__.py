"""The ``tidings`` command: thin Typer wrappers over the library."""

from __future__ import annotations

import json
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tidings import __version__
from tidings.errors import MissingDependency
from tidings.run.budget import DEFAULT_ARTICLE_TIMEOUT, ArticleTimeout, time_budget

app = typer.Typer(
    help="tidings: news articles in, event data out (who did what to whom, when, where, "
    "in whose words).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
DEFAULT_GOLD = Path("../shared/eval/plover_gsr/PLOVER_GSR_CAMEO.txt")
FORMATS = ("json", "jsonl", "csv", "tsv")
DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]


def _version(value: bool) -> None:
    if value:
        print(f"tidings {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """tidings: news articles in, event data out (who did what to whom, when, where, in
    whose words)."""


class CliError(Exception):
    """A user-facing failure: printed as one line, exit code 2."""


def fail(message: str) -> None:
    raise CliError(message)


def _refuse_clobber(path: Path, inputs: list[str] = (), db: Path | None = None) -> None:
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


@contextmanager
def _output(path: Path | None, inputs: list[str] = (), db: Path | None = None):  # noqa: ANN202
    """Standard output for None or ``-``; else a file written whole or not at all: to a
    temporary file beside it, renamed into place when the command succeeds."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    _refuse_clobber(path, inputs, db)
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


@app.command()
def code(
    input: Annotated[str, typer.Argument(help="Article file (.txt, .html, .jsonl, .rss, .warc/.warc.gz web archive), a folder of them, or - for stdin.")],
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD: resolves 'on Thursday', 'last year'.")] = None,
    url: Annotated[str | None, typer.Option(help="Source URL to record.")] = None,
    id: Annotated[str | None, typer.Option("--id", help="Article id (default: a hash of the cleaned text).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json (one article, pretty), jsonl (one record per line), csv or tsv (one row per event).")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    min_confidence: Annotated[float, typer.Option(help="Drop events below this confidence (0-1); 0.8 keeps main-clause events with named actors.")] = 0.0,
    max_bytes: Annotated[int, typer.Option(help="Refuse input files larger than this many bytes.")] = 20_000_000,
    max_chars: Annotated[int, typer.Option(help="Refuse articles whose cleaned text is longer than this.")] = 2_000_000,
    article_timeout: Annotated[float, typer.Option(help="Seconds one article may take to code; a slower one is an error (0: no limit).")] = DEFAULT_ARTICLE_TIMEOUT,
) -> None:
    """Code news articles into events, quotes, actors, dates, places and counts.

    Input errors stop the run with one line on stderr (exit 2); in JSONL input a bad
    line becomes an error record {"id", "error"} and the run continues.
    """
    from tidings.ingest import InputError, read_path
    from tidings.model import Article
    from tidings.output import (
        EventTableWriter,
        error_dict,
        record_dict,
        write_json,
        write_jsonl_line,
    )
    from tidings.pipeline import Coder

    if format not in FORMATS:
        fail(f"unknown --format {format!r}: choose one of {', '.join(FORMATS)}")
    if date is not None:
        from tidings.ingest import normalize_date

        try:
            date = normalize_date(date, field="--date")
        except InputError as exc:
            fail(str(exc))
    if not 0.0 <= min_confidence <= 1.0:
        fail(f"--min-confidence takes a number from 0 to 1, not {min_confidence}")
    coder = Coder(min_confidence=min_confidence)
    items = read_path(input, date=date, url=url, max_bytes=max_bytes, max_chars=max_chars)
    errors = 0
    n = 0
    multi = _is_multi(input)
    as_array = format == "json" and multi  # many articles in --format json: one JSON array
    with _output(output, [input]) as out:
        writer = EventTableWriter(out, "," if format == "csv" else "\t") if format in ("csv", "tsv") else None
        if as_array:
            out.write("[\n")
        for item in _stream(items, id):
            if isinstance(item, InputError):
                errors += 1
                if format == "jsonl":
                    write_jsonl_line(error_dict(getattr(item, "article_id", None), str(item)), out)
                    continue
                if not multi:
                    fail(str(item))
                err.print(f"skipped: {item}", markup=False)
                continue
            assert isinstance(item, Article)
            try:
                with time_budget(article_timeout or None):
                    rec = coder.code(item)
            except Exception as exc:  # a bug of ours must not kill a run of many articles
                errors += 1
                message = (f"article {item.id}: {exc}" if isinstance(exc, ArticleTimeout) else
                           f"internal error coding article {item.id}: {type(exc).__name__}: {exc} (please report it)")
                if format == "jsonl" or multi:
                    if format == "jsonl":
                        write_jsonl_line(error_dict(item.id, message), out)
                    else:
                        err.print(f"skipped: {message}", markup=False)
                    continue
                fail(message)
            n += 1
            if as_array:
                out.write((",\n" if n > 1 else "") + json.dumps(record_dict(rec), ensure_ascii=False, indent=2))
            elif format == "json":
                write_json(rec, out)
            elif format == "jsonl":
                write_jsonl_line(record_dict(rec), out)
            else:
                assert writer is not None
                writer.write(rec)
        if as_array:
            out.write("\n]\n")
    if n == 0 and errors:
        raise typer.Exit(2)


def _is_multi(input: str) -> bool:
    """Inputs that hold many articles: folders, JSONL, feeds and web archives."""
    from tidings.ingest.warc import is_warc_name

    p = Path(input)
    return p.is_dir() or p.suffix in (".jsonl", ".ndjson", ".rss", ".atom", ".xml") or is_warc_name(p)


def _stream(items, forced_id: str | None):  # noqa: ANN001, ANN202
    from dataclasses import replace

    from tidings.model import Article

    for it in items:
        if forced_id and isinstance(it, Article):
            it = replace(it, id=forced_id)
        yield it


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Option(help="Gold file in the PLOVER GSR JSON format.")] = DEFAULT_GOLD,
    as_json: Annotated[bool, typer.Option("--json", help="Print only the summary as JSON.")] = False,
    misses: Annotated[Path | None, typer.Option(help="Write every sentence coded wrong (JSONL) here.")] = None,
    min_confidence: Annotated[float, typer.Option(help="Score only events with at least this confidence (0-1).")] = 0.0,
) -> None:
    """Score the event coder against a gold set: type, source, target accuracy and event F1."""
    from tidings.evaluate import GoldError, gold_articles, load_gold, score
    from tidings.pipeline import Coder

    try:
        items = load_gold(gold)
    except GoldError as exc:
        fail(str(exc))
    coder = Coder(min_confidence=min_confidence)
    records = {r.id: r for r in coder.code_many(gold_articles(items))}
    rep = score(items, records)
    summary = rep.summary()
    if misses is not None:
        with _output(misses) as out:
            for m in rep.misses:
                out.write(json.dumps(m, ensure_ascii=False) + "\n")
    if as_json:
        print(json.dumps(summary))
        return
    con = Console(highlight=False)
    t = Table(title=f"{gold.name}: {summary['n']} gold sentences")
    for col in ("type", "n", "type acc", "source acc", "event acc"):
        t.add_column(col, justify="right" if col != "type" else "left")
    for typ in sorted(rep.per_type):
        c = rep.per_type[typ]
        t.add_row(typ, str(c["n"]), f"{c['type'] / c['n']:.2f}", f"{c['source'] / c['n']:.2f}",
                  f"{c['event'] / c['n']:.2f}")
    con.print(t)
    conf = Table(title="confusion (gold type -> type of first coded event when wrong)")
    conf.add_column("gold")
    conf.add_column("coded as")
    for typ in sorted(rep.confusion):
        conf.add_row(typ, ", ".join(f"{k or 'nothing'}:{v}" for k, v in rep.confusion[typ].most_common()))
    con.print(conf)
    con.print(" ".join(f"{k}={v}" for k, v in summary.items()))


def _open_store(db: Path, read_only: bool = True):  # noqa: ANN202
    """The store; for reading, its snapshot while an ingest holds the store's lock."""
    from tidings.store.core import Store, StoreBusy, StoreError
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


def _checked_inputs(inputs: list[str], date: str | None, *, stdin: bool) -> str | None:
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


def _print_rows(rows: list[dict], fmt: str, title: str = "") -> None:
    import csv

    if fmt == "json":
        print(json.dumps(rows, default=str, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for r in rows:
            print(json.dumps(r, default=str, ensure_ascii=False))
    elif fmt == "csv":
        from tidings.output import csv_safe

        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows({k: csv_safe(v) for k, v in r.items()} for r in rows)
    elif fmt == "table":
        t = Table(title=title)
        for col in rows[0] if rows else ["(no rows)"]:
            t.add_column(str(col), overflow="fold")
        for r in rows:
            t.add_row(*("" if v is None else str(v) for v in r.values()))
        Console(highlight=False).print(t)
    else:
        fail(f"unknown --format {fmt!r}: choose table, json, jsonl or csv")


@app.command()
def ingest(
    inputs: Annotated[list[str] | None, typer.Argument(help="Files or folders of articles (.txt, .html, .jsonl, .rss, .warc/.warc.gz web archives), or output folders of tidings spark.")] = None,
    db: DbOption = Path("tidings.duckdb"),
    workers: Annotated[int, typer.Option(help="Worker processes that code articles (one model each).")] = 1,
    batch: Annotated[int, typer.Option(help="Articles per stored transaction.")] = 64,
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for articles that carry none.")] = None,
    sample: Annotated[bool, typer.Option("--sample", help="Also ingest the built-in sample news (ours: Korean peninsula, 2024).")] = False,
    article_timeout: Annotated[float, typer.Option(help="Seconds one article may take to code; a slower one is stored as an error (0: no limit).")] = DEFAULT_ARTICLE_TIMEOUT,
    max_bytes: Annotated[int, typer.Option(help="Input files (and JSONL lines) larger than this many bytes are errors.")] = 20_000_000,
    max_chars: Annotated[int, typer.Option(help="Articles whose cleaned text is longer than this are errors.")] = 2_000_000,
    wait: Annotated[float, typer.Option(help="Seconds to wait while another process writes to the store (default: refuse at once).")] = 0.0,
    snapshot: Annotated[bool, typer.Option(help="Publish <db>.snapshot for `tidings serve` and other readers while this runs.")] = True,
    snapshot_every: Annotated[float, typer.Option(help="Seconds between snapshots during the run (0: only at the start and end).")] = 60.0,
) -> None:
    """Code articles and store them in a DuckDB file. Idempotent: an article already
    stored (same id, or same cleaned text) is skipped, so the same command can be rerun
    after a crash. Bad articles go to the errors table and the run continues. The output
    folder of `tidings spark` is stored as it is, without coding again."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from tidings.run.ingest import Interrupted
    from tidings.run.ingest import ingest as run_ingest
    from tidings.store.core import StoreError

    if workers < 1 or batch < 1:
        fail("--workers and --batch take numbers of at least 1")
    if article_timeout < 0 or wait < 0 or snapshot_every < 0 or max_bytes < 1 or max_chars < 1:
        fail("--article-timeout, --wait and --snapshot-every take numbers of at least 0, "
             "--max-bytes and --max-chars of at least 1")
    inputs = list(inputs or [])
    if sample:
        from tidings.rules.tables import data_path

        inputs.append(str(data_path("sample_news.jsonl")))
    if not inputs:
        fail("nothing to ingest: give files or folders, or --sample for the built-in sample news")
    date = _checked_inputs(inputs, date, stdin=True)
    from rich.progress import MofNCompleteColumn, TimeRemainingColumn

    from tidings.ingest.readers import count_items
    from tidings.spark.output import is_spark_output, output_items

    spark_outputs = [i for i in inputs if i != "-" and is_spark_output(i)]
    total = count_items([i for i in inputs if i not in spark_outputs])  # None (no ETA) for feeds, web archives, stdin
    if total is not None:
        total += sum(output_items(i) for i in spark_outputs)
    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.description}"), TimeElapsedColumn(), TextColumn("ETA"),
                        TimeRemainingColumn(), console=err, transient=False)
    task = progress.add_task("starting…", total=total)

    def update(st) -> None:  # noqa: ANN001
        rate = st.read / max(progress.tasks[0].elapsed or 1e-9, 1e-9)
        progress.update(task, completed=st.read, description=(
            f"{rate:.1f} articles/s, {st.added} added, {st.duplicates} duplicates, "
            f"{st.skipped} already stored, {st.events} events, {st.errors} errors"))

    try:  # the bar starts once the store is open, so a refusal is one line
        stats = run_ingest(inputs, db, workers=workers, batch=batch, date=date,
                           article_timeout=article_timeout or None, wait=wait,
                           snapshot=snapshot, snapshot_every=snapshot_every,
                           max_bytes=max_bytes, max_chars=max_chars, on_batch=update,
                           on_start=progress.start)
    except StoreError as exc:
        fail(str(exc))
    except Interrupted as exc:
        progress.stop()
        done = exc.stats.added if exc.stats else 0
        err.print(f"interrupted ({signal.Signals(exc.signum).name}): {done} articles stored in "
                  f"whole batches before it; run the same command again to store the rest",
                  markup=False)
        raise typer.Exit(128 + exc.signum) from None
    finally:
        progress.stop()  # the cursor comes back whatever happened
    if stats.worker_losses:
        err.print(f"note: a worker process died or hung {stats.worker_losses} time(s); the "
                  f"articles it was coding were coded again one by one", markup=False)
    if stats.snapshot_error:
        err.print(f"warning: {stats.snapshot_error}", markup=False)
    err.print(f"{stats.added} articles added ({stats.duplicates} of them near-duplicates, linked; "
              f"{stats.skipped} already stored; {stats.errors} errors; {stats.events} events) to {db}",
              markup=False)


@app.command()
def spark(
    inputs: Annotated[list[str], typer.Argument(help="JSONL files (.jsonl/.ndjson, like ingest) and Parquet files or folders with id, text or html, date, url, title, source columns.", show_default=False)],
    output: Annotated[Path, typer.Argument(help="Output folder (new or empty): records/, events/ and errors/ Parquet, and _tidings_spark.json written last.", show_default=False)],
    master: Annotated[str, typer.Option(help="Spark master: local[N] uses N cores of this machine; or a cluster URL.")] = "local[2]",
    partitions: Annotated[int | None, typer.Option(help="Spark partitions to cut the input into (default: three per core).")] = None,
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for articles that carry none.")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an earlier tidings spark output in OUTPUT.")] = False,
) -> None:
    """Code articles on Spark (local[N] on a laptop, or a cluster) into a Parquet folder:
    OUTPUT/records has one row per article with its full record as JSON, OUTPUT/events the
    rows of `tidings export --format parquet`, OUTPUT/errors the inputs that could not be
    coded. `tidings ingest OUTPUT` stores it without coding again. Needs Java 17 and
    pip install "tidings\\[spark]"; executors run this Python."""
    from tidings.spark.driver import SparkError, check_environment, check_output, run_spark

    if partitions is not None and partitions < 1:
        fail("--partitions takes a number of at least 1")
    date = _checked_inputs(inputs, date, stdin=False)
    try:
        check_output(output, inputs, overwrite)
        check_environment()
        err.print(f"coding {len(inputs)} input(s) on Spark {master}…", markup=False)
        st = run_spark(list(inputs), str(output), master=master, partitions=partitions, date=date,
                       overwrite=overwrite)
    except SparkError as exc:
        fail(str(exc))
    err.print(f"{st.articles} articles coded ({st.events} events, {st.errors} errors) into {output} "
              f"in {st.seconds:.1f} s on {st.partitions} partitions; store them with: "
              f"tidings ingest {output}", markup=False)


@app.command()
def stats(
    db: DbOption = Path("tidings.duckdb"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Counts in the store: articles, events, quotes, actors, errors and the date range."""
    with _open_store(db) as store:
        s = store.stats()
    if as_json:
        print(json.dumps(s))
    else:
        _print_rows([s], "table", title=str(db))


@app.command()
def events(
    db: DbOption = Path("tidings.duckdb"),
    source: Annotated[str | None, typer.Option(help="Source country or actor code prefix (USA, USAGOV).")] = None,
    target: Annotated[str | None, typer.Option(help="Target country or actor code prefix.")] = None,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    cameo: Annotated[str | None, typer.Option(help="CAMEO code prefix, e.g. 13 or 138.")] = None,
    plover: Annotated[str | None, typer.Option(help="PLOVER type, e.g. THREATEN.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    format: Annotated[str, typer.Option("--format", "-f", help="table, jsonl, json or csv.")] = "table",
    clusters: Annotated[bool, typer.Option("--clusters", help=(
        "One row per event cluster (same date, source, target and CAMEO code) with "
        "num_mentions, num_articles and num_sources, instead of one row per mention."))] = False,
) -> None:
    """Events in the store, filtered by actors, dates and codes, with their sentence."""
    from tidings.ingest import InputError, normalize_date

    try:
        since = normalize_date(since, field="--since")
        until = normalize_date(until, field="--until")
    except InputError as exc:
        fail(str(exc))
    with _open_store(db) as store:
        limit = max(1, min(limit, 100_000))
        if clusters:
            if plover:
                fail("--plover does not apply to --clusters: filter by --cameo")
            rows = store.clusters(source=source, target=target, since=since, until=until, cameo=cameo,
                                  limit=limit)
        else:
            rows = store.events(source=source, target=target, since=since, until=until, cameo=cameo,
                                plover=plover, limit=limit)
    _print_rows(rows, format, title="events")


@app.command()
def dyads(
    a: Annotated[str, typer.Argument(help="First actor: a country (USA) or an actor code prefix.")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    db: DbOption = Path("tidings.duckdb"),
    by: Annotated[str, typer.Option(help="Period: day, week, month, quarter or year.")] = "month",
    format: Annotated[str, typer.Option("--format", "-f", help="table, json, jsonl or csv.")] = "table",
) -> None:
    """How relations between two actors move: events per period in both directions, mean
    Goldstein score and counts by quad class."""
    with _open_store(db) as store:
        try:
            rows = store.dyads(a, b, by=by)
        except ValueError as exc:
            fail(str(exc))
    _print_rows(rows, format, title=f"{a.upper()} and {b.upper()} by {by}")


@app.command()
def actors(
    db: DbOption = Path("tidings.duckdb"),
    top: Annotated[int, typer.Option(help="How many actors.")] = 20,
    since: Annotated[str | None, typer.Option(help="Only events from this date, YYYY-MM-DD.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json, jsonl or csv.")] = "table",
) -> None:
    """The actors in the most events (as source or target)."""
    from tidings.ingest import InputError, normalize_date

    try:
        since = normalize_date(since, field="--since")
    except InputError as exc:
        fail(str(exc))
    with _open_store(db) as store:
        rows = store.top_actors(max(1, min(top, 10_000)), since)
    _print_rows(rows, format, title="actors")


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    db: DbOption = Path("tidings.duckdb"),
    format: Annotated[str, typer.Option("--format", "-f", help=(
        "parquet, csv or jsonl (one row per event mention, with its sentence), or gdelt "
        "(the 61-column GDELT 2.0 Event TSV, one row per event cluster)."))] = "parquet",
) -> None:
    """Export every stored event (with its sentence and article) to a file (-o - for
    standard output, except parquet). The file is written whole or not at all."""
    if format not in ("parquet", "gdelt", "csv", "jsonl"):
        fail(f"unknown --format {format!r}: choose parquet, gdelt, csv or jsonl")
    to_stdout = str(output) == "-"
    if to_stdout and format == "parquet":
        fail("parquet cannot go to standard output: give a file name with -o")
    if not to_stdout:
        _refuse_clobber(output, db=db)
    import tempfile

    with _open_store(db) as store, tempfile.TemporaryDirectory(
            dir=None if to_stdout else output.parent, prefix=".tidings-export-") as tmp:
        part = Path(tmp) / "export"
        try:
            n = store.export(format, part)
            if to_stdout:
                with part.open("r", encoding="utf-8") as fh:
                    for line in fh:
                        sys.stdout.write(line)
            else:
                os.replace(part, output)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
    what = "event clusters" if format == "gdelt" else "events"
    err.print(f"{n} {what} written to {'standard output' if to_stdout else output}", markup=False)


@app.command()
def serve(
    db: DbOption = Path("tidings.duckdb"),
    host: Annotated[str, typer.Option(help="Address to listen on; the default is this machine only. The dashboard has no login: listen elsewhere only on a network you trust.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes (each opens the store read-only). One already keeps 2 cores busy (DuckDB runs outside the GIL); more pay off with more cores (see tidings bench-api).")] = 1,
    duckdb_threads: Annotated[int | None, typer.Option(help="DuckDB threads per process (default: one per core).")] = None,
    access_log: Annotated[bool, typer.Option("--access-log/--no-access-log", help="Log every request.")] = True,
    allow_host: Annotated[list[str] | None, typer.Option("--allow-host", help="A host name the dashboard may be reached under, besides IP addresses and localhost (repeat for several); other Host headers are refused, against DNS rebinding.")] = None,
    header_timeout: Annotated[float, typer.Option(help="Seconds a client may take to send a request's headers before the connection is closed.")] = 10.0,
    max_queries: Annotated[int | None, typer.Option(help="Heavy queries (dyads, events, network, quotes) run at once per process; more wait up to 5 s, then get 503 (default: two per core).")] = None,
) -> None:
    """Open the web dashboard and JSON API over the store (read-only).

    It reads the store's snapshot (<db>.snapshot, made at start when missing), so an
    ingest can write to the store meanwhile: each snapshot the ingest publishes (every
    minute, and at its end) shows within a second.

    Pages: / (dyad explorer), /events, /articles/ID, /network, /quotes.

    API: /api/dyads, /api/dyads/events, /api/events, /api/actors, /api/articles/ID, /api/quotes, /api/stats, /api/network and /openapi.json (JSON; lists paged with limit, at most 500, and offset).

    Stop it with Ctrl-C.
    """
    from tidings.web.serve import ServeError, check_address, run

    if workers < 1 or (duckdb_threads is not None and duckdb_threads < 1) or (
            max_queries is not None and max_queries < 1) or header_timeout <= 0:
        fail("--workers, --duckdb-threads and --max-queries take numbers of at least 1, "
             "--header-timeout a positive number of seconds")
    from tidings.store.core import StoreError
    from tidings.web.app import check_readable, open_reader

    if not db.exists():
        fail(f"no store at {db}: run `tidings ingest ... --db {db}` first (or give --db)")
    try:  # one clear line now rather than a traceback in each worker; makes the snapshot
        reader = open_reader(db)
        try:
            check_readable(reader)
        finally:
            reader.close()
    except StoreError as exc:
        fail(str(exc))
    try:
        loopback = check_address(host, port)
    except ServeError as exc:
        fail(str(exc))
    if not loopback:
        err.print(f"warning: listening on {host}: anyone who can reach it can read the store "
                  "(there is no login)", markup=False)
    err.print(f"tidings dashboard on http://{host}:{port}/ (store {db}, read-only); Ctrl-C stops it",
              markup=False)
    run(db, host=host, port=port, workers=workers, duckdb_threads=duckdb_threads,
        access_log=access_log, allow_hosts=tuple(allow_host or ()), header_timeout=header_timeout,
        max_queries=max_queries)


@app.command()
def demo() -> None:
    """Code the built-in sample article and show its events and quotes as tables."""
    from tidings.ingest import from_text
    from tidings.pipeline import Coder
    from tidings.rules.tables import data_path

    raw = data_path("sample_article.txt").read_text(encoding="utf-8")
    rec = Coder().code(from_text(raw, id="sample", date="2024-03-15"))
    show(rec, Console(highlight=False))


def show(rec, con: Console) -> None:  # noqa: ANN001
    con.print(f"[bold]{rec.title or rec.id}[/bold]  ({rec.date})")
    t = Table(title="events", show_lines=False)
    for col in ("date", "source", "event", "target", "CAMEO", "PLOVER", "Goldstein", "where", "sentence"):
        t.add_column(col, overflow="fold")
    for e in rec.events:
        t.add_row(e.date or "", f"{e.source.name} ({e.source.code})", e.verb,
                  f"{e.target.name} ({e.target.code})" if e.target else "-",
                  f"{e.cameo} {e.cameo_name}", e.plover or "-", f"{e.goldstein:+.1f}",
                  e.location.name if e.location else "", rec.text[e.span[0]:e.span[1]][:90])
    con.print(t)
    q = Table(title="quotes")
    q.add_column("speaker")
    q.add_column("cue")
    q.add_column("quote", overflow="fold")
    for x in rec.quotes:
        q.add_row(f"{x.speaker.name} ({x.speaker.code})" if x.speaker and x.speaker.code else
                  (x.speaker.name if x.speaker else "-"), x.cue or "", x.text[:120])
    con.print(q)


def main() -> None:
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        app()
    except (CliError, MissingDependency) as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(2)
    except (OSError, ValueError) as exc:  # TableError, InputError and I/O failures
        err.print(f"error: {exc}", markup=False)
        sys.exit(2)
    except Exception as exc:
        if not type(exc).__module__.startswith(("duckdb", "_duckdb")):
            raise
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        err.print(f"error: the store could not be read ({first}): the file may be damaged or "
                  f"cut short; ingest again into a new --db file", markup=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        sys.exit(130)


from tidings.bench import cli as _bench_cli  # noqa: E402, F401  (registers the bench-* commands)


