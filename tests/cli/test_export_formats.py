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


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """A report of 12 March 2024 that tells of a war in 1941, a meeting last month and an
    attack on Monday: only the attack has a day."""
    work = tmp_path_factory.mktemp("history")
    src = work / "h.jsonl"
    src.write_text(json.dumps({"id": "h1", "date": "2024-03-12", "text": (
        "In 1941, German forces invaded the Soviet Union. On Monday, Russian forces attacked "
        "Ukrainian positions near Kharkiv. Last month, Polish officials met Ukrainian officials "
        "in Warsaw.")}) + "\n", encoding="utf-8")
    path = work / "h.duckdb"
    assert run("ingest", str(src), "--db", str(path), "--no-snapshot").returncode == 0
    return path


@pytest.mark.parametrize(("fmt", "col"), [("gdelt", 1), ("icews", 1), ("polecat", 1)])
def test_day_formats_leave_out_events_with_no_known_day(history, tmp_path, fmt, col):
    out = tmp_path / f"{fmt}.tsv"
    res = run("export", "-f", fmt, "-o", str(out), "--db", str(history))
    assert res.returncode == 0, res.stderr
    assert "2 left out" in res.stderr and "--coarse-dates" in res.stderr
    rows = [ln.split("\t") for ln in out.read_text(encoding="utf-8").splitlines()[(fmt != "gdelt"):]]
    day = (lambda r: r[col]) if fmt == "gdelt" else (lambda r: r[col].replace("-", ""))
    assert [day(r) for r in rows] == ["20240311"]  # Monday; not 19410101, not 20240201
    everything = tmp_path / f"{fmt}-all.tsv"
    res = run("export", "-f", fmt, "-o", str(everything), "--db", str(history), "--coarse-dates")
    assert res.returncode == 0 and "left out" not in res.stderr, res.stderr
    rows = [ln.split("\t") for ln in everything.read_text(encoding="utf-8").splitlines()[(fmt != "gdelt"):]]
    assert sorted(day(r) for r in rows) == ["19410101", "20240201", "20240311"]


def test_formats_with_partial_dates_keep_every_event(history, tmp_path):
    out = tmp_path / "h.plover.jsonl"
    res = run("export", "-f", "plover", "-o", str(out), "--db", str(history))
    assert res.returncode == 0 and "left out" not in res.stderr, res.stderr
    spans = sorted((r["date"], r.get("enddate")) for r in map(json.loads, out.read_text().splitlines()))
    assert spans == [("1941-01-01", "1941-12-31"), ("2024-02-01", "2024-02-29"), ("2024-03-11", None)]
