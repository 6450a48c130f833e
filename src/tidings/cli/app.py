"""The ``tidings`` command's application object, its error handling and entry point."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from tidings import __version__
from tidings.errors import MissingDependency

app = typer.Typer(
    help="tidings: news articles in, event data out (who did what to whom, when, where, "
    "in whose words).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


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


PLUGIN_GROUP = "tidings.commands"


def load_plugins() -> list[str]:
    """Import every module registered under the ``tidings.commands`` entry-point group;
    each adds its commands to :data:`app` (tidings' own benchmarks come this way, so the
    core never imports them; another package can add commands the same way). Returns one
    line for each plugin that could not be imported; those are left out."""
    from importlib.metadata import entry_points

    problems = []
    for ep in entry_points(group=PLUGIN_GROUP):
        try:
            ep.load()
        except Exception as exc:  # a broken plugin must not take the core commands down
            problems.append(f"the commands of {ep.name} ({ep.value}) are left out: "
                            f"{type(exc).__name__}: {exc}")
    return problems


def main() -> None:
    import logging

    from tidings import cli

    for problem in cli.PLUGIN_PROBLEMS:
        err.print(f"warning: {problem}", markup=False)

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
    finally:
        _end_helper_processes()


def _end_helper_processes() -> None:
    """End the helper process multiprocessing starts beside spawned workers (its resource
    tracker) while this process can still reap it. Left to notice our exit on its own, it
    is orphaned, and where PID 1 does not reap orphans (some containers) it stays a zombie."""
    tracker = sys.modules.get("multiprocessing.resource_tracker")
    stop = getattr(getattr(tracker, "_resource_tracker", None), "_stop", None)
    if stop is None:
        return
    try:
        stop()
    except Exception:  # noqa: BLE001 - a helper we could not end ends with us anyway
        pass
