"""`tidings ingest` says what it skipped: a JSONL dump with bad lines is stored without
them, and the summary says they were skipped, where they are listed and why."""

from __future__ import annotations

import json
import subprocess
import sys


def test_skipped_jsonl_lines_are_reported(tmp_path):
    src = tmp_path / "dump.jsonl"
    good = {"id": "a", "date": "2024-02-01", "text": "Japan criticised China on Monday over fishing rights."}
    src.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "ingest", str(src), "--db",
                          str(tmp_path / "s.duckdb"), "--no-snapshot"], capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stderr
    assert "1 articles added" in res.stderr and "1 errors" in res.stderr
    assert "warning: 1 inputs were skipped as errors" in res.stderr and "errors table" in res.stderr
    assert "line 2" in res.stderr and "Traceback" not in res.stderr
    assert "…" not in res.stderr  # no progress bar cut to 80 columns in a log


def test_progress_off_a_terminal_is_whole_lines(capsys):
    from tidings.cli.store import _progress_lines
    from tidings.run.ingest import IngestStats

    update = _progress_lines(4000, every=0.0)
    update(IngestStats(read=1200, added=1100, duplicates=40, skipped=60, events=9000, errors=3))
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ingest: 1200 of 4000 read, ")
    assert lines[0].endswith("1100 added, 40 duplicates, 60 already stored, 9000 events, 3 errors")
    quiet = _progress_lines(None, every=3600.0)
    quiet(IngestStats(read=5))
    assert capsys.readouterr().err == ""  # at most one line per interval


def test_date_applies_only_to_articles_without_their_own(tmp_path):
    from tidings.store import Store

    src = tmp_path / "dump.jsonl"
    src.write_text(json.dumps({"id": "dated", "date": "2022-05-10", "text": "France and Germany held talks "
                                                                            "in Berlin on Wednesday."}) + "\n"
                   + json.dumps({"id": "undated", "text": "Russia threatened Ukraine with sanctions."}) + "\n",
                   encoding="utf-8")
    db = tmp_path / "d.duckdb"
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "ingest", str(src), "--db", str(db),
                          "--date", "2020-01-01", "--no-snapshot"], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    with Store(db, read_only=True) as s:
        dates = dict(s.con.execute("SELECT id, CAST(date AS VARCHAR) FROM articles").fetchall())
    assert dates == {"dated": "2022-05-10", "undated": "2020-01-01"}
