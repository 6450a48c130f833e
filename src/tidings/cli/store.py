"""The store's commands: ``ingest`` and the readers ``stats``, ``events``, ``dyads``,
``actors``, ``export``."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tidings.cli.app import app, err, fail
from tidings.cli.common import (
    DbOption,
    RulesOption,
    checked_inputs,
    is_special,
    load_rules,
    open_store,
    print_rows,
    refuse_clobber,
)
from tidings.cli.tables import ColumnsOption, FormatOption
from tidings.rules.cameo import PLOVER_TYPES
from tidings.run.budget import DEFAULT_ARTICLE_TIMEOUT

if TYPE_CHECKING:
    from rich.progress import Progress

    from tidings.run.ingest import IngestStats


@app.command()
def ingest(
    inputs: Annotated[list[str] | None, typer.Argument(help="Files or folders of articles (.txt, .html, .jsonl, .rss, .warc/.warc.gz web archives), or output folders of tidings spark.")] = None,
    db: DbOption = Path("tidings.duckdb"),
    workers: Annotated[int, typer.Option(help="Worker processes that code articles (one model each).")] = 1,
    batch: Annotated[int, typer.Option(help="Articles per stored transaction.")] = 64,
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for articles that carry none.")] = None,
    sample: Annotated[bool, typer.Option("--sample", help="Also ingest the built-in sample news (ours: Korean peninsula, 2024).")] = False,
    rules: RulesOption = None,
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
    from tidings.run.ingest import ingest as run_ingest
    from tidings.run.signals import Interrupted
    from tidings.store import StoreError

    if workers < 1 or batch < 1:
        fail("--workers and --batch take numbers of at least 1")
    if article_timeout < 0 or wait < 0 or snapshot_every < 0 or max_bytes < 1 or max_chars < 1:
        fail("--article-timeout, --wait and --snapshot-every take numbers of at least 0, "
             "--max-bytes and --max-chars of at least 1")
    if rules:
        load_rules(rules)  # a bad rules folder is one line now, not an error in every worker
    inputs = _ingest_inputs(inputs, sample)
    date = checked_inputs(inputs, date, stdin=True)
    progress, update = _ingest_progress(inputs)
    try:  # the bar starts once the store is open, so a refusal is one line
        stats = run_ingest(inputs, db, workers=workers, batch=batch, date=date,
                           article_timeout=article_timeout or None, wait=wait,
                           snapshot=snapshot, snapshot_every=snapshot_every,
                           max_bytes=max_bytes, max_chars=max_chars, on_batch=update,
                           on_start=progress.start, rules_dirs=tuple(rules or ()))
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
    _report_ingest(stats, db)


def _ingest_inputs(inputs: list[str] | None, sample: bool) -> list[str]:
    """The inputs named on the command line, plus the built-in sample news with --sample."""
    inputs = list(inputs or [])
    if sample:
        from tidings.rules.tables import data_path

        inputs.append(str(data_path("sample_news.jsonl")))
    if not inputs:
        fail("nothing to ingest: give files or folders, or --sample for the built-in sample news")
    return inputs


def _ingest_progress(inputs: list[str]) -> tuple[Progress, Callable[[IngestStats], None]]:
    """A progress bar with an ETA when the inputs can be counted without reading them all,
    and the callback that updates it after each stored batch."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from tidings.ingest.readers import count_items
    from tidings.ingest.spark_output import is_spark_output, output_items

    spark_outputs = [i for i in inputs if i != "-" and is_spark_output(i)]
    total = count_items([i for i in inputs if i not in spark_outputs])  # None (no ETA) for feeds, web archives, stdin
    if total is not None:
        total += sum(output_items(i) for i in spark_outputs)
    if not err.is_terminal:  # a log file or a pipe: whole lines, not a bar cut to 80 columns
        return Progress(console=err, disable=True), _progress_lines(total)
    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.description}"), TimeElapsedColumn(), TextColumn("ETA"),
                        TimeRemainingColumn(), console=err, transient=False)
    task = progress.add_task("starting…", total=total)

    def update(st: IngestStats) -> None:
        rate = st.read / max(progress.tasks[0].elapsed or 1e-9, 1e-9)
        progress.update(task, completed=st.read, description=_progress_text(st, rate))

    return progress, update


def _progress_text(st: IngestStats, rate: float) -> str:
    return (f"{rate:.1f} articles/s, {st.added} added, {st.duplicates} duplicates, "
            f"{st.skipped} already stored, {st.events} events, {st.errors} errors")


def _progress_lines(total: int | None, every: float = 30.0) -> Callable[[IngestStats], None]:
    """For standard error that is not a terminal: one whole line at most every ``every``
    seconds ("ingest: 1200 of 4000 read, 41.0 articles/s, ..."); the summary ends the run."""
    import time

    start = last = time.monotonic()

    def update(st: IngestStats) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < every:
            return
        last = now
        read = f"{st.read} of {total}" if total is not None else str(st.read)
        err.print(f"ingest: {read} read, {_progress_text(st, st.read / max(now - start, 1e-9))}",
                  markup=False, soft_wrap=True)

    return update


def _report_ingest(stats: IngestStats, db: Path) -> None:
    if stats.worker_losses:
        err.print(f"note: a worker process died or hung {stats.worker_losses} time(s); the "
                  f"articles it was coding were coded again one by one", markup=False)
    if stats.snapshot_error:
        err.print(f"warning: {stats.snapshot_error}", markup=False)
    err.print(f"{stats.added} articles added ({stats.duplicates} of them near-duplicates, linked; "
              f"{stats.skipped} already stored; {stats.errors} errors; {stats.events} events) to {db}",
              markup=False)
    if stats.errors:
        _report_errors(stats.errors, db)


def _report_errors(count: int, db: Path) -> None:
    """Say that inputs were skipped (bad JSONL lines, unreadable files, articles that could
    not be coded), where they are listed, and the latest reasons."""
    latest: list[tuple[str, str]] = []
    try:
        with open_store(db) as store:
            latest = store.con.execute(
                "SELECT coalesce(source, article_id, ''), reason FROM errors ORDER BY id DESC LIMIT 3").fetchall()
    except Exception:  # noqa: BLE001 - the summary above stands without the examples
        latest = []
    err.print(f"warning: {count} inputs were skipped as errors (the run went on without them); the "
              f"errors table of {db} lists each with its reason", markup=False)
    for source, reason in reversed(latest):
        err.print(f"  skipped: {reason if source and source in reason else f'{source}: {reason}'}",
                  markup=False)


@app.command()
def stats(
    db: DbOption = Path("tidings.duckdb"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Counts in the store: articles, events, quotes, actors, errors and the date range."""
    with open_store(db) as store:
        s = store.stats()
    if as_json:
        print(json.dumps(s))
    else:
        print_rows([s], "table", title=str(db), vertical=True)


@app.command()
def events(
    db: DbOption = Path("tidings.duckdb"),
    source: Annotated[str | None, typer.Option(help="Source: a country (USA, 'South Korea'), an actor code prefix (USAGOV) or a person or organisation named in the articles.")] = None,
    target: Annotated[str | None, typer.Option(help="Target, as for --source.")] = None,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    cameo: Annotated[str | None, typer.Option(help="CAMEO code prefix, e.g. 13 or 138.")] = None,
    plover: Annotated[str | None, typer.Option(help="PLOVER type, e.g. THREATEN.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    format: FormatOption = "auto",
    columns: ColumnsOption = None,
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
    if cameo is not None and not (cameo.isdigit() and 1 <= len(cameo) <= 4):
        fail(f"--cameo takes a CAMEO code or its first digits (13, 138, 1383), not {cameo!r}")
    if cameo is not None and not _is_cameo_prefix(cameo):
        fail(f"--cameo: no CAMEO code starts with {cameo!r} (codes run from 01 to 20: 13, 138, 1383)")
    if plover is not None and plover.upper() not in PLOVER_TYPES:
        fail(f"--plover takes one of {', '.join(PLOVER_TYPES)}, not {plover!r}")
    with open_store(db) as store:
        source, target = _actor(store, source, "--source"), _actor(store, target, "--target")
        limit = max(1, min(limit, 100_000))
        if clusters:
            if plover:
                fail("--plover does not apply to --clusters: filter by --cameo")
            rows = store.clusters(source=source, target=target, since=since, until=until, cameo=cameo,
                                  limit=limit)
        else:  # in the one event-table layout of `code --format csv` and `export --format csv`
            from tidings.store.layout import event_rows

            rows = event_rows(store.con, store.events(source=source, target=target, since=since,
                                                      until=until, cameo=cameo, plover=plover, limit=limit))
    print_rows(rows, format, title="events", columns=columns, view=_cluster_view if clusters else _event_view)


@app.command()
def dyads(
    a: Annotated[str, typer.Argument(help="First actor: a country (USA, 'South Korea'), an actor code prefix (USAGOV) or a person or organisation named in the articles.")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    db: DbOption = Path("tidings.duckdb"),
    by: Annotated[str, typer.Option(help="Period: day, week, month, quarter or year.")] = "month",
    format: FormatOption = "auto",
    columns: ColumnsOption = None,
) -> None:
    """How relations between two actors move: events per period in both directions, mean
    Goldstein score and counts by quad class."""
    with open_store(db) as store:
        first, second = _actor(store, a, "the first actor"), _actor(store, b, "the second actor")
        try:
            rows = store.dyads(first, second, by=by)
        except ValueError as exc:
            fail(str(exc))
    print_rows(rows, format, title=f"{first.label} and {second.label} by {by}", columns=columns,
               view=_dyad_view)


def _is_cameo_prefix(digits: str) -> bool:
    """Whether a CAMEO code of the rule set starts with ``digits``."""
    from tidings.rules import RuleSet

    return any(code.startswith(digits) for code in RuleSet.default().cameo)


def _actor(store, text: str | None, what: str):  # noqa: ANN001, ANN202 - Store, ActorFilter
    """An actor as typed (name or code) resolved in the store; one line when unknown."""
    if text is None:
        return None
    try:
        return store.resolve_actor(text)
    except ValueError as exc:
        fail(f"{what}: {exc}")


@app.command()
def actors(
    db: DbOption = Path("tidings.duckdb"),
    top: Annotated[int, typer.Option(help="How many actors.")] = 20,
    since: Annotated[str | None, typer.Option(help="Only events from this date, YYYY-MM-DD.")] = None,
    format: FormatOption = "auto",
    columns: ColumnsOption = None,
) -> None:
    """The actors in the most events (as source or target)."""
    from tidings.ingest import InputError, normalize_date

    try:
        since = normalize_date(since, field="--since")
    except InputError as exc:
        fail(str(exc))
    with open_store(db) as store:
        rows = store.top_actors(max(1, min(top, 10_000)), since)
    print_rows(rows, format, title="actors", columns=columns)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    db: DbOption = Path("tidings.duckdb"),
    format: Annotated[str, typer.Option("--format", "-f", help=(
        "parquet, csv or jsonl (one row per event mention, with its sentence); plover (the "
        "PLOVER manual's JSON event records, one per line and mention, with mode and context); "
        "gdelt (the 61-column GDELT 2.0 Event TSV, one row per event cluster, no header); "
        "icews (the 20-column TSV of the ICEWS coded event data, with its header: one row per "
        "event mention, as ICEWS has one per event in a story sentence; District is always "
        "empty); polecat (the 40-column TSV of the POLECAT weekly data, with its header: one "
        "row per event cluster, as POLECAT has one per event; always empty: Event Intensity, "
        "Actor/Recipient COW, Title and Wikipedia ID, District, Raw Placename, Feature Type). Ids are "
        "written as text."))] = "parquet",
    coarse_dates: Annotated[bool, typer.Option("--coarse-dates", help=(
        "gdelt, icews, polecat: also write the events known only by a month, quarter or year "
        "that their article does not fall in (\"in 1941\", \"last March\"), on the period's "
        "first day. These formats have day dates only, so such events are left out and counted "
        "by default; the other formats keep them with their date as found."))] = False,
) -> None:
    """Export every stored event (with its sentence and article) to a file (-o - for
    standard output, except parquet). The file is written whole or not at all."""
    from tidings.store.export import FORMATS

    if format not in FORMATS:
        fail(f"unknown --format {format!r}: choose {', '.join(FORMATS)}")
    to_stdout = str(output) == "-"
    if to_stdout and format == "parquet":
        fail("parquet cannot go to standard output: give a file name with -o")
    if not to_stdout:
        refuse_clobber(output, db=db)
    import tempfile

    with open_store(db) as store, tempfile.TemporaryDirectory(
            dir=None if to_stdout else output.parent, prefix=".tidings-export-") as tmp:
        part = Path(tmp) / "export"
        try:
            done = store.export(format, part, coarse_dates=coarse_dates)
            if to_stdout:
                with part.open("r", encoding="utf-8", newline="") as fh:
                    for line in fh:
                        sys.stdout.write(line)
                sys.stdout.flush()
            elif is_special(output):  # /dev/null or a FIFO: copy into it, never rename over it
                with part.open("rb") as src, output.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
            else:
                os.replace(part, output)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
    what = "event clusters" if format in ("gdelt", "polecat") else "events"
    said = f"{done.written} {what} written to {'standard output' if to_stdout else output}"
    if done.left_out:
        said += (f"; {done.left_out} left out, dated only by a month, quarter or year their article "
                 "is not in (--coarse-dates writes them on the period's first day)")
    err.print(said, markup=False)


def _who(code: str | None, name: str | None) -> str:
    if not code:
        return name or ""
    return f"{name} ({code})" if name and name != code else code


def _event_view(r: dict) -> dict:
    """An event as a table shows it: when, who, what, to whom, how hostile, and where it was said."""
    return {"date": r.get("date"), "source": _who(r.get("source_code"), r.get("source_name")),
            "event": f"{r.get('cameo')} {r.get('cameo_name') or ''}".strip(),
            "target": _who(r.get("target_code"), r.get("target_name")), "goldstein": r.get("goldstein"),
            "sentence": r.get("sentence_text")}


def _cluster_view(r: dict) -> dict:
    """An event cluster as a table shows it: the event, and how often it was reported."""
    return {"date": r.get("date"), "source": _who(r.get("source_code"), r.get("source_name")),
            "event": f"{r.get('cameo')} {r.get('cameo_name') or ''}".strip(),
            "target": _who(r.get("target_code"), r.get("target_name")),
            "mentions": r.get("num_mentions"), "sources": r.get("num_sources")}


def _dyad_view(r: dict) -> dict:
    """A dyad row with short headers: quad-class counts as vc/mc/vk/mk."""
    return {"period": r["period"], "direction": r["direction"], "events": r["events"],
            "mentions": r["mentions"], "goldstein": r["mean_goldstein"], "v.coop": r["verbal_coop"],
            "m.coop": r["material_coop"], "v.confl": r["verbal_conflict"], "m.confl": r["material_conflict"]}
