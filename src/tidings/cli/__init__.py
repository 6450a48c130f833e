"""The ``tidings`` command: thin Typer wrappers over the library, one module per group
of commands (``code``, ``eval``, ``store``, ``serve``, ``rules``), registered on one app. Commands
from the ``tidings.commands`` entry-point group (the ``bench-*`` commands of
:mod:`tidings.bench.cli`, and any a user's package adds) are loaded last."""

from tidings.cli import code, evaluate, rules, serve, store  # noqa: F401  (register their commands)
from tidings.cli.app import app, load_plugins, main

PLUGIN_PROBLEMS = load_plugins()

__all__ = ["app", "main"]
