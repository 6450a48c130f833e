"""``tidings rules``: check rule tables, import PETRARCH dictionaries."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tidings.cli.app import app, err, fail

rules_app = typer.Typer(help="The coder's rule tables: check them, import PETRARCH dictionaries.",
                        no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def check(
    dirs: Annotated[list[Path] | None, typer.Argument(help="Rules folders to check over the package's tables (none: the package's alone).", show_default=False)] = None,
) -> None:
    """Check the rule tables row by row: types and allowed values, CAMEO codes that exist,
    country and role codes, dates, conflicting or repeated verb patterns, one name for two
    countries. Prints file:line messages; exits 1 when there is an error."""
    from tidings.rules.check import check_rules, tables_in

    problems = check_rules(dirs or [])
    for p in problems:
        print(p)
    errors = sum(p.error for p in problems)
    read = tables_in(dirs or [])
    err.print(f"{len(read)} tables checked: {errors} error(s), {len(problems) - errors} note(s)", markup=False)
    if errors:
        raise typer.Exit(1)


@rules_app.command("import-petrarch")
def import_petrarch(
    files: Annotated[list[Path], typer.Argument(help="PETRARCH/TABARI dictionary files: .actors (countries, international, non-state groups), agents, verbs.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="New rules folder to write (must not exist or be empty).", show_default=False)],
) -> None:
    """Convert PETRARCH-format actor, agent and verb dictionaries into a rules folder for
    --rules, and report what could not be converted."""
    from tidings.rules.petrarch import PetrarchError
    from tidings.rules.petrarch import import_petrarch as convert

    for f in files:
        if not f.is_file():
            fail(f"no such file: {f}")
    try:
        report = convert(files, output)
    except PetrarchError as exc:
        fail(str(exc))
    err.print(report.summary(), markup=False)
    err.print(f"use it with: tidings code ... --rules {output}   (check it: tidings rules check {output})",
              markup=False)
