"""The store benchmarks build what they claim and measure real runs."""

from __future__ import annotations

import json

from tidings.bench.store import (
    FLOOR_SQL,
    bench_queries,
    build_synthetic,
    corpus_sentences,
    ingest_corpus,
    time_ingest,
)
from tidings.model import Article
from tidings.store import Store

SENTENCES = [
    f"Country {c} accused country {d} of violating the border agreement on day {i}."
    for i, (c, d) in enumerate([("A", "B"), ("C", "D"), ("E", "F"), ("G", "H")] * 10)
]


def test_ingest_corpus_makes_distinct_articles_and_marked_copies(tmp_path):
    arts = [Article(id=str(i), text=" ".join(SENTENCES[i:i + 4])) for i in range(0, 40, 4)]
    assert len(corpus_sentences(arts)) == 40
    out = tmp_path / "c.jsonl"
    made = ingest_corpus(arts, 200, out, per_article=5, dup_share=0.1)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 200 and len({r["id"] for r in rows}) == 200
    copies = [r for r in rows if r["text"].startswith("Breaking news")]
    assert len(copies) == made["copies"] > 5
    originals = {r["text"] for r in rows if not r["text"].startswith("Breaking news")}
    assert len(originals) > 150  # sentences drawn at random: distinct stories


def test_time_ingest_links_the_copies_and_samples_memory(tmp_path):
    arts = [Article(id="x", text=" ".join(
        f"Russia accused Ukraine of shelling the village number {i} near the border on Monday."
        for i in range(60)))]
    src = tmp_path / "c.jsonl"
    made = ingest_corpus(arts, 30, src, per_article=6, dup_share=0.2, seed=3)
    run = time_ingest(src, tmp_path / "s.duckdb", workers=1)
    assert run.articles == 30 and run.duplicates == made["copies"] > 0
    assert 0 < run.store_share < 1 and run.events > 0


def test_synthetic_store_uses_the_real_schema_and_queries_answer(tmp_path):
    db = tmp_path / "syn.duckdb"
    assert build_synthetic(db, 5000) == {"articles": 1000, "events": 5000}
    with Store(db, read_only=True) as s:
        assert s.stats()["events"] == 5000
        rows = s.dyads("USA", "CHN", by="year")
        assert rows and all(r["events"] <= r["mentions"] for r in rows)
        bad = s.con.execute("SELECT count(*) FROM events WHERE source_country = target_country "
                            "OR goldstein NOT BETWEEN -10 AND 10 OR quad_class NOT BETWEEN 1 AND 4").fetchone()[0]
        assert bad == 0
    timings = bench_queries(db, repeats=1)
    assert {t["query"] for t in timings} >= {"dyads USA CHN by month", "stats"}
    assert all(t["median_s"] >= 0 for t in timings)
    floored = {t["query"] for t in timings if t["ratio_to_floor"] is not None}
    assert floored == {"dyads USA CHN by month", "dyads KOR PRK by week", "dyads RUS UKR by day",
                       "dyads CUB PER by year", "network (dashboard)"}
    # the synthetic store's clusters are nearly all single reports: the floor is the same answer
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT count(*) FROM events WHERE NOT lead").fetchone()[0] == 0
        ours = [tuple(r.values()) for r in s.dyads("USA", "CHN", by="month")]
        floor = s.con.execute(FLOOR_SQL.replace("{by}", "month"), ["USA", "CHN", "CHN", "USA"]).fetchall()
    assert [(p.isoformat(), *rest) for p, _, *rest in floor] == [(p, *rest) for p, _, *rest in ours]


def test_store_memory_stores_distinct_articles_and_samples(tmp_path):
    from tidings.bench.store import store_memory

    arts = [Article(id="x", text=" ".join(
        f"Russia accused Ukraine of shelling the village number {i} near the border on Monday."
        for i in range(60)))]
    src = tmp_path / "c.jsonl"
    ingest_corpus(arts, 20, src, per_article=6, dup_share=0)
    samples = store_memory(src, tmp_path / "m.duckdb", 300, memory_limit="64MB", batch=50,
                           template_count=8, every=100)
    assert [n for n, _ in samples] == [0, 100, 200, 300] and all(mb > 0 for _, mb in samples)
    with Store(tmp_path / "m.duckdb", read_only=True) as s:
        st = s.stats()
    assert st["articles"] == 300 and st["events"] > 0
