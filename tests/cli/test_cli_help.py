"""Every command has complete help (sqlite-utils style)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tidings.cli import app

COMMANDS = ["code", "eval", "bench", "bench-ingest", "bench-store", "demo", "ingest", "stats", "events",
            "dyads", "actors", "export", "spark", "serve", "bench-api", "bench-faults"]


def test_top_level_help_lists_every_command():
    res = CliRunner().invoke(app, ["--help"])
    assert res.exit_code == 0
    for c in COMMANDS:
        assert c in res.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    res = CliRunner().invoke(app, [command, "--help"])
    assert res.exit_code == 0, res.output
    body = res.output.split("Options")[0]
    # a real description, not just the usage line
    assert len(body.strip().splitlines()) >= 3, res.output


def test_registered_commands_are_all_tested():
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert names == set(COMMANDS)
