"""`tidings bench` runs end to end on a small corpus of ours: both systems, the ratio,
and start-up apart (figures are for the note; no test asserts a time)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tidings.cli import app
from tidings.rules.tables import data_path


def test_bench_measures_both_systems_and_startup_apart():
    res = CliRunner().invoke(app, ["bench", str(data_path("sample_news.jsonl")), "--limit", "3",
                                   "--processes", "1", "--no-parse-all-baseline", "--json"])
    assert res.exit_code == 0, res.output
    got = json.loads(res.stdout)
    systems = {(m["system"], m["processes"]) for m in got["measurements"]}
    assert systems == {("tokenizer", 1), ("spacy", 1), ("tidings", 1)}
    assert all(m["articles"] == 3 and m["seconds"] > 0 for m in got["measurements"])
    assert got["speed_ratio"]["1"] > 0
    assert 0 < got["tokenizer_ratio"]["1"] < got["speed_ratio"]["1"]  # the tokenizer alone is the floor
    assert set(got["startup"]) == {"spacy", "tidings"}
    assert all(s["seconds"] > 0 and s["cpu_seconds"] > 0 for s in got["startup"].values())


def test_two_workers_share_the_batches_and_code_every_article_once():
    from dataclasses import replace

    from tidings.bench.speed import corpus_articles, measure

    base = corpus_articles(data_path("sample_news.jsonl"))
    articles = [replace(a, id=f"{a.id}-{k}") for k in range(3) for a in base]  # three batches or more
    got = measure("tokenizer", articles, 2)
    assert got.processes == 2 and got.articles == len(articles) >= 3 * len(base) > 8
    assert got.seconds > 0 and got.peak_rss_mb > 0
