"""The benchmark commands of ``tidings`` (bench, bench-ingest, bench-store, bench-api,
bench-faults), registered on the main Typer app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from tidings.cli.app import app, err, fail
from tidings.cli.common import open_store, print_rows

if TYPE_CHECKING:
    from tidings.bench.speed import Measurement


@app.command()
def bench(
    corpus: Annotated[list[Path] | None, typer.Argument(help="Corpus files or folders (default: ../shared/corpus).")] = None,
    limit: Annotated[int, typer.Option(help="Use at most this many articles.")] = 2000,
    processes: Annotated[str, typer.Option(help="Comma-separated process counts to measure.")] = "1,2",
    as_json: Annotated[bool, typer.Option("--json", help="Print the measurements as JSON.")] = False,
    parse_all_baseline: Annotated[bool, typer.Option(help="Also time tidings parsing every sentence.")] = True,
    startup: Annotated[bool, typer.Option(help="Also time start-up (new process to first article), apart.")] = True,
) -> None:
    """Throughput (words/s, articles/s) and peak memory: tidings vs bare spaCy nlp.pipe.

    Builds articles from the corpus (CSV sentence files are cut into 12-sentence
    articles, the PETRARCH Gigaword XML is grouped by story), then times the bare spaCy
    full pipeline and tidings end to end with each process count: tidings as `tidings
    code` runs it (articles in batches under the time budget), the model loaded before
    the clock starts; start-up (new process to first article) is timed apart.
    """
    from tidings.bench.speed import BenchError, corpus_articles, measure, measure_startup

    paths = corpus or [Path("../shared/corpus")]
    try:
        arts = [a for p in paths for a in corpus_articles(p)][:limit]
        procs = [int(x) for x in processes.split(",") if x.strip()]
    except BenchError as exc:
        fail(str(exc))
    except ValueError:
        fail(f"--processes takes numbers like 1,2, not {processes!r}")
    if not arts:
        fail("no articles in the corpus")
    results = []
    for k in procs:
        for system in ("tokenizer", "spacy", "tidings"):
            if not as_json:
                err.print(f"measuring {system} with {k} process(es) on {len(arts)} articles…")
            results.append(measure(system, arts, k))
    if parse_all_baseline:
        if not as_json:
            err.print("measuring tidings parsing every sentence (what the sentence filter saves)…")
        results.append(measure("tidings", arts, procs[0], parse_all=True))
    ratios = _speed_ratios(results, procs)
    floor = _speed_ratios(results, procs, "tokenizer")
    starts = {}
    if startup:
        if not as_json:
            err.print("measuring start-up, three new processes each…")
        starts = {system: measure_startup(system) for system in ("spacy", "tidings")}
    if as_json:
        print(json.dumps({"measurements": [r.as_dict() for r in results], "speed_ratio": ratios,
                          "tokenizer_ratio": floor, "startup": starts}))
        return
    _print_speed(results, ratios, len(arts))
    Console(highlight=False).print("tidings/spaCy tokenizer alone (the floor): " + ", ".join(
        f"{k} proc: {v}" for k, v in floor.items()))
    for system, st in starts.items():
        Console(highlight=False).print(f"start-up of {system} (new process to first article, median of 3): "
                                       f"{st['seconds']:.2f} s, {st['cpu_seconds']:.2f} s CPU")


def _speed_ratios(results: list[Measurement], procs: list[int], base: str = "spacy") -> dict[str, float]:
    """tidings words/s over ``base``'s words/s (bare spaCy, or its tokenizer alone), for
    each process count."""
    ratios = {}
    for k in procs:
        s = next(r for r in results if r.system == base and r.processes == k)
        t = next(r for r in results if r.system == "tidings" and r.processes == k
                 and not r.parse_all)
        ratios[str(k)] = round(t.words_per_s / s.words_per_s, 2)
    return ratios


def _print_speed(results: list[Measurement], ratios: dict[str, float], n_articles: int) -> None:
    t = Table(title=f"{n_articles} articles, {results[0].words} words")
    for col in ("system", "procs", "seconds", "words/s", "articles/s", "peak MB/proc", "parsed share"):
        t.add_column(col)
    for r in results:
        t.add_row(r.system + (" (parse all)" if r.parse_all else ""), str(r.processes), f"{r.seconds:.1f}", f"{r.words_per_s:,.0f}",
                  f"{r.articles_per_s:.1f}", f"{r.peak_rss_mb:.0f}",
                  "" if r.sentences_parsed_share is None else f"{r.sentences_parsed_share:.2f}")
    Console(highlight=False).print(t)
    Console(highlight=False).print("tidings/spaCy speed ratio: " + ", ".join(f"{k} proc: {v}" for k, v in ratios.items()))


@app.command("bench-ingest")
def bench_ingest(
    corpus: Annotated[list[Path] | None, typer.Argument(help="Corpus files or folders (default: ../shared/corpus).")] = None,
    articles: Annotated[int, typer.Option(help="Articles to build from the corpus's sentences.")] = 20_000,
    workers: Annotated[str, typer.Option(help="Comma-separated worker counts to measure.")] = "1,2",
    dup_share: Annotated[float, typer.Option(help="Share of syndicated copies among the articles.")] = 0.05,
    workdir: Annotated[Path, typer.Option(help="Folder for the corpus and the stores.")] = Path("bench-ingest"),
    code_baseline: Annotated[bool, typer.Option(help="Also time `tidings code` alone on the same file.")] = True,
    store_only: Annotated[int, typer.Option(help=(
        "Instead: the memory of linking and storing this many articles without coding them "
        "(records coded once and stored again under new ids and texts)."))] = 0,
    memory_limit: Annotated[str, typer.Option(help="DuckDB buffer memory for --store-only.")] = "512MB",
    as_json: Annotated[bool, typer.Option("--json", help="Print the measurements as JSON.")] = False,
) -> None:
    """Ingest throughput and memory: N distinct articles drawn from the real corpora's
    sentences (plus syndicated copies to link), ingested with each worker count, against
    `tidings code` alone on the same file."""
    from tidings.bench.speed import BenchError, corpus_articles
    from tidings.bench.store import as_dict, ingest_corpus, time_code, time_ingest

    try:
        counts = [int(x) for x in workers.split(",") if x.strip()]
    except ValueError:
        fail(f"--workers takes numbers like 1,2, not {workers!r}")
    if articles < 1 or not counts or min(counts) < 1 or not 0 <= dup_share < 1:
        fail("--articles and --workers take positive numbers, --dup-share a share below 1")
    try:
        arts = [a for p in (corpus or [Path("../shared/corpus")]) for a in corpus_articles(p)]
    except BenchError as exc:
        fail(str(exc))
    workdir.mkdir(parents=True, exist_ok=True)
    src = workdir / "corpus.jsonl"
    if store_only:
        from tidings.bench.store import store_memory

        ingest_corpus(arts, 2000, src, dup_share=0)
        db = workdir / "store-only.duckdb"
        for f in (db, Path(str(db) + ".wal")):
            f.unlink(missing_ok=True)
        samples = store_memory(src, db, store_only, memory_limit=memory_limit,
                               progress=lambda n, mb: err.print(f"{n} articles stored, RSS {mb} MB"))
        if as_json:
            print(json.dumps({"memory_limit": memory_limit, "rss_mb": samples}))
        else:
            print_rows([{"articles stored": n, "RSS MB": mb} for n, mb in samples], "table",
                        title=f"store-only memory, DuckDB buffer {memory_limit}")
        return
    made = ingest_corpus(arts, articles, src, dup_share=dup_share)
    result: dict = {"corpus": made, "code_seconds": None, "runs": []}
    if code_baseline:
        err.print(f"timing `tidings code` on {articles} articles…")
        result["code_seconds"] = round(time_code(src), 2)
    for k in counts:
        db = workdir / f"ingest-{k}.duckdb"
        for f in (db, Path(str(db) + ".wal")):
            f.unlink(missing_ok=True)
        err.print(f"timing `tidings ingest` with {k} worker(s)…")
        run = as_dict(time_ingest(src, db, k))
        if result["code_seconds"]:
            run["ratio_to_code"] = round(run["seconds"] / result["code_seconds"], 3)
        result["runs"].append(run)
    if as_json:
        print(json.dumps(result))
        return
    t = Table(title=f"{articles} articles ({made['copies']} syndicated copies); code alone: "
              f"{result['code_seconds']} s")
    for col in ("workers", "seconds", "articles/s", "store share", "ratio to code", "duplicates",
                "events", "RSS main/workers MB (first → last)"):
        t.add_column(col)
    for r in result["runs"]:
        mem = r["rss_mb"]
        span = f"{mem[0][1]:.0f}/{mem[0][2]:.0f} → {mem[-1][1]:.0f}/{mem[-1][2]:.0f}" if mem else ""
        t.add_row(str(r["workers"]), f"{r['seconds']:.1f}", f"{r['articles_per_s']:.1f}",
                  f"{r['store_share']:.1%}", str(r.get("ratio_to_code", "")), str(r["duplicates"]),
                  str(r["events"]), span)
    Console(highlight=False).print(t)


@app.command("bench-store")
def bench_store(
    db: Annotated[Path, typer.Option("--db", help="Synthetic store to build (or reuse if it exists).")] = Path("bench-store.duckdb"),
    events: Annotated[int, typer.Option(help="Synthetic events to generate through the real schema.")] = 5_000_000,
    repeats: Annotated[int, typer.Option(help="Times to run each query.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the timings as JSON.")] = False,
) -> None:
    """Query latency on a big store: builds EVENTS synthetic events (our CAMEO codes, a
    skewed mix of countries, ten years of dates) unless --db exists, then times dyads,
    event filters, clusters, actors and stats."""
    import time

    from tidings.bench.store import bench_queries, build_synthetic

    built = None
    if not db.exists():
        if events < 1:
            fail("--events takes a positive number")
        err.print(f"building {events:,} synthetic events in {db}…")
        t0 = time.perf_counter()
        built = build_synthetic(db, events)
        built["seconds"] = round(time.perf_counter() - t0, 1)
    with open_store(db) as store:
        size = store.stats()
    rows = bench_queries(db, repeats=max(1, repeats))
    if as_json:
        print(json.dumps({"built": built, "store": size, "queries": rows}))
        return
    print_rows(rows, "table", title=f"{size['events']:,} events, {size['articles']:,} articles in {db}")


@app.command("bench-api")
def bench_api(
    db: Annotated[Path, typer.Option("--db", help="Synthetic store to build (or reuse if it exists).")] = Path("bench-api.duckdb"),
    events: Annotated[int, typer.Option(help="Synthetic events to generate when --db does not exist.")] = 1_000_000,
    duration: Annotated[int, typer.Option(help="Seconds of load per run.")] = 10,
    connections: Annotated[int, typer.Option(help="Open HTTP connections (wrk -c).")] = 16,
    workers: Annotated[str, typer.Option(help="Comma-separated server process counts to measure.")] = "1,2",
    threads: Annotated[int, typer.Option(help="wrk threads.")] = 2,
    duckdb_threads: Annotated[int | None, typer.Option(help="Passed to serve: DuckDB threads per server process.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the measurements as JSON.")] = False,
    target: Annotated[str, typer.Option(help="What to load: dyads (/api/dyads) or overview "
                                             "(/api/overview and its volume chart).")] = "dyads",
) -> None:
    """Load test of the API: builds a synthetic store with EVENTS events unless --db
    exists, starts `tidings serve` on a free loopback port for each worker count, and
    runs wrk against /api/dyads (a Lua script rotates dyads and periods) or, with
    --target overview, the overview's endpoints; reports requests/s and latency
    percentiles. Needs wrk (apt-get install wrk)."""
    from tidings.bench.api import BenchApiError, bench

    try:
        counts = [int(x) for x in workers.split(",") if x.strip()]
    except ValueError:
        fail(f"--workers takes numbers like 1,2, not {workers!r}")
    if not counts or min(counts) < 1 or duration < 1 or connections < 1 or threads < 1 or events < 1 or (
            duckdb_threads is not None and duckdb_threads < 1):
        fail("--events, --workers, --duration, --connections and --threads take positive numbers")
    try:
        result = bench(db, events=events, workers=counts, duration=duration, connections=connections,
                       threads=threads, duckdb_threads=duckdb_threads, target=target,
                       say=lambda m: err.print(m, markup=False))
    except BenchApiError as exc:
        fail(str(exc))
    built, size, runs = result["built"], result["store"], result["runs"]
    if as_json:
        print(json.dumps({"built": built, "store": size, "runs": runs}))
        return
    t = Table(title=f"{'/api/dyads' if target == 'dyads' else '/api/overview'} on {size['events']:,} events ({db}), {connections} connections, "
              f"{duration} s" + (f", {duckdb_threads} DuckDB thread(s) per process" if duckdb_threads else ""))
    for col in ("workers", "req/s", "p50 ms", "p75 ms", "p90 ms", "p99 ms", "requests", "errors"):
        t.add_column(col, justify="right")
    for r in runs:
        lat = r["latency_ms"]
        t.add_row(str(r["workers"]), f"{r['requests_per_s']:,.1f}", *(f"{lat[p]:.1f}" for p in
                  ("p50", "p75", "p90", "p99")), f"{r['requests']:,}", str(r["errors"]))
    Console(highlight=False).print(t)


@app.command("bench-faults")
def bench_faults(
    trials: Annotated[int, typer.Option(help="kill -9 trials (each: start an ingest, kill it at a random moment, run it again, compare with a clean run).")] = 20,
    articles: Annotated[int, typer.Option(help="Articles in the corpus of the kill trials.")] = 600,
    big: Annotated[bool, typer.Option(help="Hostile corpus at full size (a 50 MB article, a 5-million-character line); --no-big keeps them just over the limits.")] = True,
    workdir: Annotated[Path, typer.Option(help="Folder for the corpora and stores (kept).")] = Path("bench-faults"),
    timeout: Annotated[float, typer.Option(help="Seconds after which a command counts as hung.")] = 600.0,
    seed: Annotated[int, typer.Option(help="Seed for the kill moments.")] = 0,
    skip_hostile: Annotated[bool, typer.Option("--skip-hostile", help="Only the kill trials (and the full disk).")] = False,
    skip_disk_full: Annotated[bool, typer.Option("--skip-disk-full", help="Leave out the full-disk trial (it mounts a small tmpfs, which needs root).")] = False,
    skip_round_two: Annotated[bool, typer.Option("--skip-round-two", help="Leave out two writers, SIGINT/SIGTERM/SIGKILL interrupts, poison records and pipes/devices.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Hostile input and crash trials: prints inputs tried, crashes, hangs, articles
    lost and duplicates (all zero but the first when tidings holds up).

    Every hostile file (empty, binary, bad encodings, 50 MB, nested HTML, quote floods,
    broken JSONL/WARC, entity bombs, impossible dates) goes through `tidings code` and,
    all together with good articles, through `tidings ingest` with 1 and 2 workers and
    again. Then each kill trial kills an ingest (1 or 2 workers, alternating) at a random
    moment, reruns it, and compares every article's events, quotes and actors with a
    clean run. Last, an ingest fills a 1 MB tmpfs (a real full disk; skipped where a
    tmpfs cannot be mounted), gets room, and runs again. Then: two ingests and a reader on
    one store; SIGINT and SIGTERM during ingests with 1 and 2 workers and a SIGKILL of the
    ingest alone (worker processes left afterwards are counted); poison records in every
    input format; /dev/zero, /dev/urandom, FIFOs and process substitution."""
    from tidings.bench.faults import as_rows, run_kill_trials
    from tidings.bench.hostile_run import run_hostile
    from tidings.bench.summary import FAILURE_MEASURES, fault_summary

    if trials < 0 or articles < 10 or timeout <= 0:
        fail("--trials takes 0 or more, --articles at least 10, --timeout more than 0")
    say = (lambda m: err.print(m, markup=False)) if not as_json else (lambda m: None)
    report = None
    if not skip_hostile:
        say(f"hostile corpus ({'full size' if big else 'small'}) through code and ingest…")
        report = run_hostile(workdir / "hostile", big=big, timeout=timeout, say=say)
    results = run_kill_trials(trials, workdir / "kill", articles=articles, seed=seed, say=say) if trials else []
    full = None
    if trials and not skip_disk_full:
        from tidings.bench.faults import disk_full_trial, snapshot_of

        say("full disk (a small tmpfs): ingest until it is full, make room, run again…")
        full = disk_full_trial(workdir / "kill" / "kill-corpus.jsonl", workdir / "kill",
                               snapshot_of(workdir / "kill" / "reference.duckdb"))
        say(f"full disk: {full.skipped or full.error}")
    two = []
    if not skip_round_two:
        from tidings.bench.fault_classes import run_round_two

        two = run_round_two(workdir / "round-two", timeout=timeout, say=say)
        for tr in two:
            say(f"{tr.name}: {'ok' if tr.ok else 'FAILED ' + '; '.join(tr.notes)}")
    summary = fault_summary(report, results, full, two)
    if as_json:
        from dataclasses import asdict

        print(json.dumps({"summary": summary, "hostile": [asdict(r) for r in report.runs] if report else [],
                          "kill_trials": as_rows(results), "round_two": [asdict(tr) for tr in two]}))
    else:
        t = Table(title="tidings bench-faults")
        t.add_column("measure")
        t.add_column("count", justify="right")
        for k in ("inputs_tried", "crashes", "hangs", "articles_lost", "duplicates",
                  "hostile_wrong_outcomes", "kill_trials", "kill_inconsistent", "kill_failed_open",
                  "disk_full", "disk_full_inconsistent", "round_two_trials", "round_two_wrong_outcomes",
                  "workers_left"):
            t.add_row(k.replace("_", " "), str(summary[k]))
        Console(highlight=False).print(t)
    if any(summary[k] for k in FAILURE_MEASURES):
        raise typer.Exit(1)
