"""One event-table layout: `code --format csv`, `events` and `export --format csv` write the
same columns in the same order (the store's own columns after code's), with the same
values for the same event."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tidings.output import EVENT_COLUMNS

ARTICLE = {"id": "k1", "date": "2022-05-10", "url": "https://news.example/k1", "title": "Clashes", "text": (
    "Kenyan police arrested 40 protesters in Nairobi on Monday. The United States criticised "
    "Kenya over the arrests.")}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings.cli", *args], capture_output=True,
                          text=True, timeout=300)


def table(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    work = tmp_path_factory.mktemp("layout")
    src = work / "news.jsonl"
    src.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    db = work / "s.duckdb"
    assert run("ingest", str(src), "--db", str(db)).returncode == 0
    got = {"code": run("code", str(src), "--format", "csv"),
           "events": run("events", "--db", str(db), "--format", "csv"),
           "export": run("export", "-f", "csv", "-o", "-", "--db", str(db)),
           "jsonl": run("export", "-f", "jsonl", "-o", "-", "--db", str(db))}
    for name, res in got.items():
        assert res.returncode == 0, (name, res.stderr)
    lines = [json.loads(x) for x in got.pop("jsonl").stdout.splitlines()]
    return {"jsonl": (list(lines[0]), lines), **{name: table(res.stdout) for name, res in got.items()}}


def test_one_layout_for_code_events_and_export(outputs):
    code_cols, _ = outputs["code"]
    events_cols, _ = outputs["events"]
    export_cols, _ = outputs["export"]
    assert code_cols == list(EVENT_COLUMNS)
    assert events_cols == export_cols == outputs["jsonl"][0]
    assert export_cols[:len(code_cols)] == code_cols
    assert {"idx", "cluster_id", "article_title", "article_url"} <= set(export_cols[len(code_cols):])


def test_the_same_event_has_the_same_values_everywhere(outputs):
    def arrest(name: str) -> dict[str, str]:
        return next(r for r in outputs[name][1] if r["cameo"] == "173")

    coded, listed, exported = arrest("code"), arrest("events"), arrest("export")
    assert listed == exported
    assert {c: coded[c] for c in EVENT_COLUMNS} == {c: exported[c] for c in EVENT_COLUMNS}
    assert exported["negated"] == "False" and exported["sentence_text"].startswith("Kenyan police")
