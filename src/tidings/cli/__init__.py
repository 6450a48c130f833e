"""The ``tidings`` command: thin Typer wrappers over the library, one module per group
of commands (``code``, ``store``, ``serve``, ``rules``), registered on one app; the
benchmark commands come from :mod:`tidings.bench.cli`."""

from tidings.bench import cli as _bench  # noqa: F401  (registers the bench-* commands)
from tidings.cli import code, rules, serve, store  # noqa: F401  (register their commands)
from tidings.cli.app import app, main

__all__ = ["app", "main"]
