"""``tidings serve`` (the dashboard and API) and ``tidings spark``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tidings.cli.app import app, err, fail
from tidings.cli.common import DbOption, RulesOption, checked_inputs, load_rules


@app.command()
def spark(
    inputs: Annotated[list[str], typer.Argument(help="JSONL files (.jsonl/.ndjson, like ingest) and Parquet files or folders with id, text or html, date, url, title, source columns.", show_default=False)],
    output: Annotated[Path, typer.Argument(help="Output folder (new or empty): records/, events/ and errors/ Parquet, and _tidings_spark.json written last.", show_default=False)],
    master: Annotated[str, typer.Option(help="Spark master: local[N] uses N cores of this machine; or a cluster URL.")] = "local[2]",
    partitions: Annotated[int | None, typer.Option(help="Spark partitions to cut the input into (default: three per core).")] = None,
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for articles that carry none.")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an earlier tidings spark output in OUTPUT.")] = False,
    conf: Annotated[list[str] | None, typer.Option("--conf", help="A Spark property KEY=VALUE (repeat for several), e.g. spark.executor.memory=2g, or spark.archives=env.tar.gz#env with spark.pyspark.python=./env/bin/python to ship tidings to a cluster (see the README).")] = None,
    rules: RulesOption = None,
) -> None:
    """Code articles on Spark (local[N] on a laptop, or a cluster) into a Parquet folder:
    OUTPUT/records has one row per article with its full record as JSON, OUTPUT/events the
    rows of `tidings export --format parquet`, OUTPUT/errors the inputs that could not be
    coded. `tidings ingest OUTPUT` stores it without coding again. Needs Java 17 and
    pip install "tidings\\[spark]"; executors run this Python."""
    from tidings.spark.driver import SparkError, check_environment, check_output, run_spark

    if partitions is not None and partitions < 1:
        fail("--partitions takes a number of at least 1")
    props = {}
    for item in conf or ():
        key, eq, value = item.partition("=")
        if not eq or not key.strip().startswith("spark.") or not value.strip():
            fail(f"--conf takes a Spark property as KEY=VALUE (spark.executor.memory=2g), not {item!r}")
        props[key.strip()] = value.strip()
    date = checked_inputs(inputs, date, stdin=False)
    if rules:
        load_rules(rules)
    try:
        check_output(output, inputs, overwrite)
        check_environment()
        err.print(f"coding {len(inputs)} input(s) on Spark {master}…", markup=False)
        st = run_spark(list(inputs), str(output), master=master, partitions=partitions, date=date,
                       overwrite=overwrite, rules_dirs=tuple(rules or ()), conf=props)
    except SparkError as exc:
        fail(str(exc))
    err.print(f"{st.articles} articles coded ({st.events} events, {st.errors} errors) into {output} "
              f"in {st.seconds:.1f} s on {st.partitions} partitions; store them with: "
              f"tidings ingest {output}", markup=False)


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
    from tidings.store import StoreError
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
