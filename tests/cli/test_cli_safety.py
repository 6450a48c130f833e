"""Commands never destroy what they read, never run formulas in a spreadsheet, and answer
bad arguments and damaged stores with one line (reliability round two)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tidings.store import Store, StoreError

FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings.cli", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd)


def one_line_error(res: subprocess.CompletedProcess) -> str:
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    return lines[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A store with an article whose actor names and id start like spreadsheet formulas."""
    work = tmp_path_factory.mktemp("safety")
    src = work / "news.jsonl"
    rows = [{"id": "=cmd|' /C calc'!A0", "date": "2024-02-01",
             "text": "Japan criticised China on Monday over fishing in disputed waters, officials said."},
            {"id": "plain\tid\nwith breaks", "date": "2024-02-02",
             "text": "France and Germany agreed on Tuesday to hold talks on energy prices."}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = work / "s.duckdb"
    res = run("ingest", str(src), "--db", str(db))
    assert res.returncode == 0, res.stderr
    return db


def test_code_refuses_to_write_over_its_own_input(tmp_path):
    src = tmp_path / "x.jsonl"
    body = json.dumps({"id": "a", "text": "Japan criticised China on Monday."}) + "\n"
    src.write_text(body, encoding="utf-8")
    line = one_line_error(run("code", str(src), "--format", "jsonl", "-o", str(src)))
    assert "is an input" in line
    assert src.read_text(encoding="utf-8") == body
    inside = one_line_error(run("code", str(tmp_path), "--format", "jsonl", "-o", str(tmp_path / "out.jsonl")))
    assert "inside the input folder" in inside and not (tmp_path / "out.jsonl").exists()


def test_export_checks_its_output_and_writes_whole_files(store, tmp_path):
    assert "does not exist" in one_line_error(
        run("export", "-o", str(tmp_path / "missing" / "x.csv"), "-f", "csv", "--db", str(store)))
    before = store.read_bytes()
    for victim in (store, store.with_name(store.name + ".snapshot")):
        assert "is the store" in one_line_error(run("export", "-o", str(victim), "-f", "csv", "--db", str(store)))
    assert store.read_bytes() == before
    res = run("export", "-o", "-", "-f", "jsonl", "--db", str(store))
    assert res.returncode == 0 and not Path("-").exists()
    assert len([json.loads(x) for x in res.stdout.splitlines()]) >= 2
    assert "parquet" in one_line_error(run("export", "-o", "-", "-f", "parquet", "--db", str(store)))
    assert not list(tmp_path.glob(".tidings-export-*"))


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_no_csv_cell_starts_like_a_formula(store, tmp_path):
    """All three CSV outputs (code, events, export) prefix formula-like text with an
    apostrophe; numbers such as a negative Goldstein score stay numbers."""
    out = tmp_path / "e.csv"
    assert run("export", "-o", str(out), "-f", "csv", "--db", str(store)).returncode == 0
    exported = _cells(out.read_text(encoding="utf-8"))
    listed = _cells(run("events", "--db", str(store), "--format", "csv").stdout)
    art = tmp_path / "a.jsonl"
    art.write_text(json.dumps({"id": FORMULA, "text": "Japan criticised China on Monday over fishing, "
                                                      "officials said."}) + "\n", encoding="utf-8")
    coded = _cells(run("code", str(art), "--format", "csv").stdout)
    for cells in (exported, listed, coded):
        risky = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")
                 or (c[:1] == "-" and not _number(c))]
        assert not risky, risky
        assert any(c.startswith("'=") for c in cells)
    assert any(_number(c) and c.startswith("-") for c in exported)  # a Goldstein score


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def test_tsv_rows_are_never_split_by_tabs_or_line_breaks(store, tmp_path):
    out = tmp_path / "g.tsv"
    assert run("export", "-o", str(out), "-f", "gdelt", "--db", str(store)).returncode == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows and all(len(r.split("\t")) == 61 for r in rows)
    src = tmp_path / "t.jsonl"
    src.write_text(json.dumps({"id": "tab\there", "text": "Japan criticised China on Monday."}) + "\n")
    lines = run("code", str(src), "--format", "tsv").stdout.splitlines()
    assert len(lines) >= 2 and len({len(x.split("\t")) for x in lines}) == 1


def test_actors_since_garbage_is_one_line(store):
    assert "--since" in one_line_error(run("actors", "--since", "garbage", "--db", str(store)))


def test_a_damaged_store_is_one_line_for_every_read_command(store, tmp_path):
    full = store.read_bytes()
    failed = 0
    for cut in (len(full) // 10, len(full) // 3, len(full) * 4 // 5):
        bad = tmp_path / f"cut{cut}.duckdb"
        bad.write_bytes(full[:cut])
        for cmd in (["stats"], ["events"], ["dyads", "JPN", "CHN"], ["actors"],
                    ["export", "-o", str(tmp_path / "x.csv"), "-f", "csv"]):
            res = run(*cmd, "--db", str(bad))
            if res.returncode != 0:  # some cuts leave every page these read intact
                one_line_error(res)
                failed += 1
    assert failed >= 5


def test_another_applications_duckdb_file_is_never_taken_over(tmp_path):
    import duckdb

    other = tmp_path / "crm.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE customers (id INTEGER, name VARCHAR)")
    con.execute("INSERT INTO customers VALUES (1, 'Ada')")
    con.close()
    before = other.read_bytes()
    src = tmp_path / "n.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Japan criticised China on Monday."}) + "\n")
    line = one_line_error(run("ingest", str(src), "--db", str(other)))
    assert "another application" in line and "customers" in line
    assert "free disk space" not in line
    assert other.read_bytes() == before
    with pytest.raises(StoreError, match="another application"):
        Store(other, read_only=True)
    con = duckdb.connect(str(other), read_only=True)
    assert {r[0] for r in con.execute("SHOW TABLES").fetchall()} == {"customers"}
    con.close()


def _read_fifo(fifo: Path, got: list) -> threading.Thread:
    def reader() -> None:
        with open(fifo, encoding="utf-8") as fh:
            got.append(fh.read())
    t = threading.Thread(target=reader, daemon=True)
    t.start()
    return t


def test_an_output_that_is_a_device_or_a_fifo_is_written_to_never_replaced(store, tmp_path):
    """`-o /dev/null` once renamed a temporary file over /dev/null (as root, that replaces
    the machine's /dev/null with a regular file); a FIFO output was replaced the same way."""
    src = tmp_path / "a.txt"
    src.write_text("Japan criticised China on Monday over fishing.", encoding="utf-8")
    for args in (["code", str(src), "--format", "jsonl"], ["export", "--db", str(store), "--format", "jsonl"]):
        fifo = tmp_path / "out.fifo"
        fifo.unlink(missing_ok=True)
        os.mkfifo(fifo)
        got: list[str] = []
        reader = _read_fifo(fifo, got)
        res = run(*args, "-o", str(fifo))
        reader.join(timeout=60)
        assert res.returncode == 0, res.stderr
        assert stat.S_ISFIFO(fifo.stat().st_mode), f"{args[0]} replaced the FIFO with a file"
        assert got and '"Japan"' in got[0] or "JPN" in got[0], got
    null = Path(os.devnull)
    if stat.S_ISCHR(null.stat().st_mode):
        assert run("code", str(src), "-o", os.devnull).returncode == 0
        assert stat.S_ISCHR(null.stat().st_mode), "/dev/null is no longer a device"
