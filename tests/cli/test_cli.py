"""The `tidings code` command end to end, in a subprocess like a user runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = (
    "Japan and China agree to hold talks\n\n"
    "Japanese Prime Minister Fumio Kishida met Chinese President Xi Jinping in Beijing on "
    "Tuesday. The two leaders agreed to resume talks on trade. \"We will work together,\" "
    "Kishida told reporters.\n"
)


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings.cli", *args], input=stdin,
                          capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("in") / "a.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    return p


def test_code_json(article):
    res = run("code", str(article), "--date", "2023-11-16")
    assert res.returncode == 0, res.stderr.decode()
    rec = json.loads(res.stdout)
    assert rec["title"] == "Japan and China agree to hold talks"
    assert rec["date"] == "2023-11-16"
    assert any(e["source"]["country"] == "JPN" and (e["target"] or {}).get("country") == "CHN"
               for e in rec["events"])
    assert any(d["text"] == "Tuesday" and d["value"] == "2023-11-14" for d in rec["dates"])


def test_code_stdin_and_csv(article):
    res = run("code", "-", "--date", "2023-11-16", "--format", "csv", stdin=SAMPLE.encode())
    assert res.returncode == 0, res.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(res.stdout.decode())))
    assert rows and {"source_code", "cameo", "plover", "goldstein", "rule"} <= set(rows[0])


def test_jsonl_bad_lines_become_error_records(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": SAMPLE, "date": "2023-11-16"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "c", "text": SAMPLE, "date": 20231116}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    res = run("code", str(src), "--format", "jsonl", "-o", str(out))
    assert res.returncode == 0, res.stderr.decode()
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 3
    assert lines[0]["id"] == "a" and lines[0]["events"]
    assert "error" in lines[1] and "line 2" in lines[1]["error"]
    assert "error" in lines[2] and "date" in lines[2]["error"]


@pytest.mark.parametrize(
    "data, word",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "binary"),
        (("两国领导人会谈\n\n" + "这是一篇中文新闻报道，讲述了两国领导人的会谈。" * 20 + "\n\n"
          + "双方同意加强合作。" * 10).encode(), "English"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, data, word):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    res = run("code", str(p))
    err = res.stderr.decode().strip()
    assert res.returncode == 2
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert word.lower() in err.lower()


def test_missing_file_and_bad_date(article):
    res = run("code", "no/such/file.txt")
    assert res.returncode == 2 and "no such file" in res.stderr.decode()
    res = run("code", str(article), "--date", "2017-02-30")
    assert res.returncode == 2 and len(res.stderr.decode().strip().splitlines()) == 1


def test_demo_runs():
    res = run("demo")
    assert res.returncode == 0, res.stderr.decode()
    out = res.stdout.decode()
    assert "events" in out and "quotes" in out


def test_an_internal_error_is_one_line_not_a_traceback(tmp_path, monkeypatch):
    """A bug in the coder on one article: one error line (or an error record in JSONL)."""
    from typer.testing import CliRunner

    import tidings.cli as cli
    from tidings.cli.app import CliError
    from tidings.pipeline import Coder

    def boom(self, article):
        raise RuntimeError("boom")

    monkeypatch.setattr(Coder, "_prepare", boom)  # alone or in a batch, every article goes through it
    p = tmp_path / "a.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    res = CliRunner().invoke(cli.app, ["code", str(p)])
    assert res.exit_code != 0
    assert isinstance(res.exception, CliError) and "internal error" in str(res.exception)
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": SAMPLE}) + "\n" + json.dumps({"id": "b", "text": SAMPLE}) + "\n")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(cli.app, ["code", str(src), "--format", "jsonl", "-o", str(out)])
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"] and all("internal error" in x["error"] for x in lines)


def test_code_json_of_many_articles_is_one_array_and_skips_bad_ones(tmp_path):
    src = tmp_path / "n.jsonl"
    src.write_text(json.dumps({"id": "a", "text": SAMPLE}) + "\nnot json\n"
                   + json.dumps({"id": "b", "text": SAMPLE.replace("Tuesday", "Monday")}) + "\n",
                   encoding="utf-8")
    res = run("code", str(src), "--date", "2023-11-16")
    assert res.returncode == 0, res.stderr.decode()
    recs = json.loads(res.stdout)
    assert [r["id"] for r in recs] == ["a", "b"]
    assert b"skipped" in res.stderr


def test_code_with_workers_gives_the_same_records_in_input_order(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = []
    for i in range(7):
        text = SAMPLE.replace("Tuesday", ("Monday", "Tuesday", "Wednesday")[i % 3])
        lines.append(json.dumps({"id": f"a{i}", "text": text, "date": "2023-11-16"}))
    lines.insert(3, "{not json")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outs = []
    for n in ("1", "2"):
        out = tmp_path / f"out{n}.jsonl"
        res = run("code", str(src), "--format", "jsonl", "--workers", n, "-o", str(out))
        assert res.returncode == 0, res.stderr.decode()
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    ids = [json.loads(x)["id"] for x in outs[1].splitlines()]
    assert ids[:3] == ["a0", "a1", "a2"] and ids[4:] == ["a3", "a4", "a5", "a6"]
    assert "error" in json.loads(outs[1].splitlines()[3])


def test_code_workers_must_be_positive(article):
    res = run("code", str(article), "--workers", "0")
    assert res.returncode == 2 and b"--workers" in res.stderr and b"Traceback" not in res.stderr
