"""The store's commands as an analyst sees them: tables that fit 100 columns, CSV when
piped, names accepted where codes are, one clear line for what cannot be read."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.cli.tables import table, widths

ARTICLE = (
    "Japan and China agree to hold talks\n\n"
    "Japanese Prime Minister Fumio Kishida met Chinese President Xi Jinping in Beijing on "
    "Tuesday. The two leaders agreed to resume talks on trade. South Korean police arrested "
    "dozens of protesters in Seoul on Monday, and the North Korean army fired artillery "
    "shells near the border with South Korea.\n"
)


def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return subprocess.run([sys.executable, "-m", "tidings.cli", *args], capture_output=True,
                          text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("desk")
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    store = folder / "s.duckdb"
    res = run("ingest", str(folder / "a.txt"), "--db", str(store), "--date", "2024-05-03")
    assert res.returncode == 0, res.stderr
    return store


COMMANDS = [
    ("events",), ("events", "--clusters"), ("events", "--columns", "all"),
    ("dyads", "Japan", "China"), ("dyads", "JPN", "CHN", "--by", "day"), ("actors",), ("stats",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_every_table_fits_100_columns(db, args):
    res = run(*args, "--db", str(db), *(("-f", "table") if args[0] != "stats" else ()))
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert len(lines) >= 4
    assert max(len(x) for x in lines) <= 100


def test_piped_output_is_csv_with_every_column(db):
    res = run("events", "--db", str(db))
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and {"source_code", "cameo", "sentence_text", "rule"} <= set(rows[0])


def test_names_work_where_codes_do(db):
    by_code = run("dyads", "JPN", "CHN", "--db", str(db), "-f", "json")
    by_name = run("dyads", "Japan", "china", "--db", str(db), "-f", "json")
    assert json.loads(by_code.stdout) == json.loads(by_name.stdout) != []
    person = json.loads(run("events", "--db", str(db), "--source", "Fumio Kishida", "-f", "json").stdout)
    assert person and all(e["source_name"] == "Fumio Kishida" for e in person)
    korea = json.loads(run("events", "--db", str(db), "--source", "South Korea", "-f", "json").stdout)
    assert korea and all(e["source_code"].startswith("KOR") for e in korea)


@pytest.mark.parametrize("args, needle", [
    (("dyads", "Atlantis", "China"), "no actor 'Atlantis'"),
    (("events", "--cameo", "abc"), "--cameo"),
    (("events", "--cameo", "99"), "no CAMEO code starts with '99'"),  # not "(no rows)"
    (("events", "--clusters", "--cameo", "21"), "no CAMEO code starts with '21'"),
    (("dyads", "QQQ", "China"), "no actor 'QQQ'"),
    (("events", "--source", "ZZZ"), "no actor 'ZZZ'"),
    (("events", "--plover", "fight"), "--plover"),
    (("events", "--columns", "date,nope"), "no column 'nope'"),
    (("actors", "--since", "yesterday"), "--since"),
    (("events", "-f", "xml"), "--format"),
])
def test_bad_filters_are_one_line(db, args, needle):
    res = run(*args, "--db", str(db))
    assert res.returncode == 2 and needle in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_big_ids_leave_as_strings(db):
    rows = json.loads(run("events", "--db", str(db), "-f", "json").stdout)
    assert rows and all(isinstance(r["cluster_id"], str) and r["cluster_id"].lstrip("-").isdigit()
                        for r in rows)


def test_widths_fit_any_total():
    cols = ["date", "source", "event", "target", "goldstein", "sentence"]
    cells = [["2024-05-01", "x" * 60, "y" * 40, "z" * 50, "-10.0", "w" * 300]]
    for total in (60, 80, 100, 160):
        assert sum(widths(cols, cells, total)) + 3 * len(cols) + 1 <= total
    assert widths(cols, cells, 100)[0] == len("2024-05-01")  # a short column stays whole
    assert table([], "t").columns[0].header == "(no rows)"


def test_rows_of_different_columns_make_one_table():
    from rich.console import Console

    con = Console(width=60, file=io.StringIO(), record=True)
    con.print(table([{"query": "a", "s": 1.5, "ratio": 1.1}, {"query": "b", "s": 2}], width=60))
    text = con.export_text()
    assert "ratio" in text and "1.1" in text and "b" in text


def test_a_long_sentence_does_not_starve_the_names_beside_it():
    cols = ["date", "source", "event", "target", "goldstein", "sentence"]
    cells = [["2024-05-01", "Kenyan police (KENCOP)", "173 Arrest, detain, or charge with legal action",
              "protesters (KENOPP)", "-5.0", "w" * 400]]
    w = dict(zip(cols, widths(cols, cells, 100), strict=True))
    assert sum(w.values()) + 3 * len(cols) + 1 <= 100
    assert w["source"] >= 12 and w["target"] >= 11 and w["sentence"] >= 16
    short = [["2024-05-01", "France (FRA)", "046 Engage in negotiation", "Germany (DEU)", "7.0", "w" * 400]]
    w = dict(zip(cols, widths(cols, short, 100), strict=True))
    assert (w["source"], w["target"]) == (len("France (FRA)"), len("Germany (DEU)"))  # whole when they fit
