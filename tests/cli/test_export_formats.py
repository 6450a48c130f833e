"""`tidings export --format icews|polecat` as a user runs it: standard output, a header
alone for an empty store, whole files, help that names the columns left empty."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.store import Store
from tidings.store.icews import ICEWS_COLUMNS
from tidings.store.polecat import POLECAT_COLUMNS

HEADERS = {"icews": "\t".join(ICEWS_COLUMNS), "polecat": "\t".join(POLECAT_COLUMNS)}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings.cli", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("exports")
    src = work / "news.jsonl"
    src.write_text(json.dumps({"id": "j1", "date": "2024-02-01", "url": "https://news.example/j1", "text": (
        "Japan criticised China on Monday over fishing in disputed waters, officials said.")}) + "\n",
        encoding="utf-8")
    path = work / "s.duckdb"
    res = run("ingest", str(src), "--db", str(path))
    assert res.returncode == 0, res.stderr
    return path


@pytest.mark.parametrize("fmt", ["icews", "polecat"])
def test_export_to_standard_output_matches_the_file(db, tmp_path, fmt):
    res = run("export", "-f", fmt, "-o", "-", "--db", str(db))
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == HEADERS[fmt] and len(lines) >= 2
    assert "written to standard output" in res.stderr and not Path("-").exists()
    out = tmp_path / f"x.{fmt}.tsv"
    assert run("export", "-f", fmt, "-o", str(out), "--db", str(db)).returncode == 0
    assert out.read_text(encoding="utf-8") == res.stdout
    assert not list(tmp_path.glob(".tidings-export-*"))


@pytest.mark.parametrize("fmt", ["icews", "polecat"])
def test_an_empty_store_exports_the_header_alone(tmp_path, fmt):
    empty = tmp_path / "empty.duckdb"
    Store(empty).close()
    res = run("export", "-f", fmt, "-o", "-", "--db", str(empty))
    assert res.returncode == 0, res.stderr
    assert res.stdout == HEADERS[fmt] + "\n"


def test_help_names_the_formats_and_what_they_leave_empty():
    res = run("export", "--help")
    text = " ".join(res.stdout.replace("│", " ").split())  # the help panel wraps lines
    for word in ("icews", "polecat", "one row per event mention", "one row per event cluster",
                 "District", "Event Intensity", "Feature Type"):
        assert word in text, word
    bad = run("export", "-f", "acled", "-o", "-")
    assert bad.returncode == 2 and "icews" in bad.stderr and "polecat" in bad.stderr
