"""``tidings eval``: score the coder on gold sets (development sets and the PLOVER GSR)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tidings.cli.app import app, err, fail
from tidings.cli.common import RulesOption, load_rules, output

SETS_HELP = ("Gold sets: a development-set folder holding data.jsonl (events, quotes, places or "
             "dates), its .jsonl file, or a PLOVER GSR file. Several may be given.")


@app.command("eval")
def eval_cmd(
    sets: Annotated[list[Path] | None, typer.Argument(help=SETS_HELP, show_default=False)] = None,
    gold: Annotated[Path | None, typer.Option(help="A PLOVER GSR file (e.g. ../shared/eval/plover_gsr/PLOVER_GSR_CAMEO.txt); alone with --json it prints the flat summary of earlier versions.", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print only the figures, as JSON.")] = False,
    misses: Annotated[Path | None, typer.Option(help="Write the errors (missed, spurious, wrong source or target, wrong speaker...) as JSONL here.")] = None,
    min_confidence: Annotated[float, typer.Option(help="Score only events with at least this confidence (0-1).")] = 0.0,
    fit_calibration: Annotated[Path | None, typer.Option(help="Code with raw scores and write a calibration.tsv fitted on these sets here (see rules/data/calibration.tsv).", show_default=False)] = None,
    rules: RulesOption = None,
) -> None:
    """Score the coder against gold sets: per-type P/R/F1, actor countries, calibration.

    Events: precision, recall and F1 per PLOVER type (or CAMEO root group), source and
    target country accuracy, non-political false alarms and a reliability table (does
    an event's confidence match how often such events are right?). Quotes, places and
    dates sets get their own figures. The sets label one main event per sentence, so
    event precision is a lower bound.
    """
    from tidings.evaluate import GoldError
    from tidings.evaluate.run import evaluate_set, open_set
    from tidings.pipeline import Coder
    from tidings.rules.calibration import Calibration

    paths = list(sets or []) + ([gold] if gold is not None else [])
    if not paths:
        fail("give a gold set: a development-set folder (with data.jsonl) or --gold GSR_FILE")
    for p in paths:
        if not p.exists():
            fail(f"gold set not found: {p}")
    if not 0.0 <= min_confidence <= 1.0:
        fail(f"--min-confidence takes a number from 0 to 1, not {min_confidence}")
    gold_sets = []
    for p in paths:
        try:
            gold_sets.append(open_set(p))
        except GoldError as exc:
            fail(str(exc))
    rule_set = load_rules(rules)
    if fit_calibration is not None:  # fit on raw scores
        rule_set = replace(rule_set, calibration=Calibration.identity())
    coder = Coder(rules=rule_set, min_confidence=min_confidence)
    results = [evaluate_set(g, coder) for g in gold_sets]
    if fit_calibration is not None:
        _write_calibration(fit_calibration, results)
    if misses is not None:
        with output(misses) as out:
            for res in results:
                for m in res.misses:
                    out.write(json.dumps({"set": res.name, **m}, ensure_ascii=False) + "\n")
    if as_json:
        if gold is not None and not sets:  # the flat GSR summary, as before
            print(json.dumps(results[0].summary["events"]))
        else:
            print(json.dumps({r.name: r.as_dict() for r in results}))
        return
    con = Console(highlight=False)
    for res in results:
        _show(con, res)


def _write_calibration(path: Path, results: list) -> None:
    import datetime as dt

    from tidings.rules.calibration import fit, to_tsv

    cal = fit(t for r in results for t in r.triples)
    note = (f"fitted {dt.date.today().isoformat()} by `tidings eval {' '.join(r.name for r in results)} "
            f"--fit-calibration` on {sum(len(r.triples) for r in results)} coded events")
    with output(path) as out:
        out.write(to_tsv(cal, note))
    err.print(f"wrote {path}: " + "; ".join(f"{k} {len(v)} bands" for k, v in cal.bands.items()), markup=False)


def _show(con: Console, res) -> None:  # noqa: ANN001 - SetResult
    con.print(f"[bold]{res.name}[/bold]: {res.records} records")
    for title, rows in res.tables.items():
        if not rows:
            continue
        t = Table(title=f"{res.name}: {title}")
        for col in rows[0]:
            t.add_column(col, justify="left" if col in ("type", "bin") else "right")
        for row in rows:
            t.add_row(*(_cell(v) for v in row.values()))
        con.print(t)
    for cap, figures in res.summary.items():
        con.print(f"{res.name} {cap}: " + " ".join(f"{k}={_cell(v)}" for k, v in figures.items()
                                                  if not isinstance(v, (dict, list))))
    if any(cap == "events" for cap in res.summary) and res.kind == "devset":
        err.print("note: these sets label one main event per sentence: precision and the "
                  "reliability table's share right are lower bounds", markup=False)


def _cell(v: object) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)
