"""``tidings code`` and ``demo``: coding articles into records."""

from __future__ import annotations

import signal
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tidings.cli.app import app, err, fail
from tidings.cli.common import RulesOption, load_rules, output
from tidings.model import Failure
from tidings.run.budget import DEFAULT_ARTICLE_TIMEOUT

FORMATS = ("json", "jsonl", "csv", "tsv")


@app.command()
def code(
    input: Annotated[str, typer.Argument(help="Article file (.txt, .html, .jsonl, .rss, .warc/.warc.gz web archive), a folder of them, or - for stdin.")],
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD of articles that carry none of their own (a page's or record's date wins): resolves 'on Thursday', 'last year'.")] = None,
    url: Annotated[str | None, typer.Option(help="Source URL to record.")] = None,
    id: Annotated[str | None, typer.Option("--id", help="Article id (default: a hash of the cleaned text).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json (one article, pretty), jsonl (one record per line), csv or tsv (one row per event).")] = "json",
    output_path: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    min_confidence: Annotated[float, typer.Option(help="Drop events below this confidence (0-1); 0.8 keeps main-clause events with named actors.")] = 0.0,
    max_bytes: Annotated[int, typer.Option(help="Refuse input files larger than this many bytes.")] = 20_000_000,
    max_chars: Annotated[int, typer.Option(help="Refuse articles whose cleaned text is longer than this.")] = 2_000_000,
    article_timeout: Annotated[float, typer.Option(help="Seconds one article may take to code; a slower one is an error (0: no limit).")] = DEFAULT_ARTICLE_TIMEOUT,
    workers: Annotated[int, typer.Option(help="Processes that code articles (one model each); output keeps the input's order.")] = 1,
    rules: RulesOption = None,
) -> None:
    """Code news articles into events, quotes, actors, dates, places and counts.

    Input errors stop the run with one line on stderr (exit 2); in JSONL input a bad
    line becomes an error record {"id", "error"} and the run continues.
    """
    from tidings.ingest import InputError, normalize_date, read_path
    from tidings.output import RecordWriter
    from tidings.pipeline import Coder
    from tidings.run.code import code_articles, ready
    from tidings.run.signals import Interrupted, StopSignals
    from tidings.run.workers import code_in_order

    if format not in FORMATS:
        fail(f"unknown --format {format!r}: choose one of {', '.join(FORMATS)}")
    if not 0.0 <= min_confidence <= 1.0:
        fail(f"--min-confidence takes a number from 0 to 1, not {min_confidence}")
    try:
        date = normalize_date(date, field="--date")
    except InputError as exc:
        fail(str(exc))
    if workers < 1:
        fail(f"--workers takes a number of at least 1, not {workers}")
    # a bad rules folder stops here, before any worker starts; the package's own rules
    # are only loaded where they are used
    multi = _is_multi(input)
    parallel = workers > 1 and multi
    ruleset = load_rules(rules) if rules or not parallel else None
    items = _articles(read_path(input, date=date, url=url, max_bytes=max_bytes, max_chars=max_chars), id)
    if parallel:
        dirs = tuple(str(d) for d in rules or ())
        coded = code_in_order(items, workers, article_timeout or None, dirs, min_confidence)
    else:
        coded = code_articles(items, ready(Coder(rules=ruleset, min_confidence=min_confidence)), article_timeout or None)
    writer = None
    try:
        with StopSignals() as signals, closing(coded), output(output_path, [input]) as out:
            writer = RecordWriter(out, format, many=multi)
            for item in coded:
                if not isinstance(item, Failure):
                    with signals.held():  # a record is written whole or not at all
                        writer.write(item)
                    continue
                writer.failures += 1
                message = item.reason if item.stage == "input" else f"article {item.article_id}: {item.reason}"
                if format == "jsonl":
                    writer.write_failure(item.article_id, message)
                elif not multi:
                    fail(message)
                else:
                    err.print(f"skipped: {message}", markup=False)
            writer.close()
    except Interrupted as exc:  # Ctrl-C or SIGTERM: the workers are ended first
        name, written = signal.Signals(exc.signum).name, writer.records if writer else 0
        if output_path is None or str(output_path) == "-":
            err.print(f"interrupted ({name}) after {written} articles written to standard output",
                      markup=False)
        else:
            err.print(f"interrupted ({name}) after {written} articles: {output_path} was not "
                      f"written (it is written whole or not at all); run the same command again",
                      markup=False)
        raise typer.Exit(128 + exc.signum) from None
    if writer.failures:
        err.print(f"{writer.records} articles coded, {writer.failures} could not be", markup=False)
    if writer.records == 0 and writer.failures:
        raise typer.Exit(2)


def _is_multi(input: str) -> bool:
    """Inputs that hold many articles: folders, JSONL, feeds and web archives."""
    from tidings.ingest.warc import is_warc_name

    p = Path(input)
    return p.is_dir() or p.suffix in (".jsonl", ".ndjson", ".rss", ".atom", ".xml") or is_warc_name(p)


def _articles(items, forced_id: str | None):  # noqa: ANN001, ANN202
    """Read items as articles and Failures (the one error type), with a forced --id."""
    from dataclasses import replace

    from tidings.ingest import InputError

    for it in items:
        if isinstance(it, InputError):
            yield Failure(it.article_id, it.source, str(it))
        else:
            yield replace(it, id=forced_id) if forced_id else it


@app.command()
def demo() -> None:
    """Code the built-in sample article and show its events and quotes as tables."""
    from tidings.ingest import from_text
    from tidings.pipeline import Coder
    from tidings.rules.tables import data_path

    raw = data_path("sample_article.txt").read_text(encoding="utf-8")
    rec = Coder().code(from_text(raw, id="sample", date="2024-03-15"))
    show(rec, Console(highlight=False))


def _who(a) -> str:  # noqa: ANN001 - ActorRef
    """"Name (CODE)", or the words alone for a doer no dictionary knows."""
    return f"{a.name} ({a.code})" if a.code else a.name


def show(rec, con: Console) -> None:  # noqa: ANN001
    con.print(f"[bold]{rec.title or rec.id}[/bold]  ({rec.date})")
    t = Table(title="events", show_lines=False)
    for col in ("date", "source", "event", "target", "CAMEO", "PLOVER", "Goldstein", "where", "sentence"):
        t.add_column(col, overflow="fold")
    for e in rec.events:
        t.add_row(e.date or "", _who(e.source), e.verb, _who(e.target) if e.target else "-",
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
