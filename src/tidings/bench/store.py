"""Benchmarks of the store: ingest throughput and memory on a replicated real corpus,
and query latency on a large synthetic store.

``ingest_corpus`` builds N distinct articles by drawing sentences of the real corpora
at random (so near-duplicate linking does not collapse them), dated over five years,
with a share of syndicated copies (the same story with other boilerplate, another URL)
that ingest must link rather than code. ``bench_ingest`` times ``tidings code`` alone
and ``tidings ingest`` with each worker count, sampling the resident memory of the
ingest process and its workers as the run goes. ``build_synthetic`` fills a store
with millions of events through the real schema (SQL inserts into the same tables,
codes drawn from our CAMEO table) and ``bench_queries`` times the store's queries.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tidings.model import Article
from tidings.store.queries import network
from tidings.store.schema import PERIODS

BOILER_HEAD = "Breaking news | Sign up for our daily briefing | Most read today\n\n"
BOILER_TAIL = "\n\nCopyright wire service. All rights reserved. Share this story. Related coverage below."
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def corpus_sentences(articles: list[Article]) -> list[str]:
    """Unique sentences of the corpus articles, in order."""
    seen: dict[str, None] = {}
    for a in articles:
        for s in _SENT.split(a.text):
            s = s.strip()
            if len(s.split()) >= 4:
                seen.setdefault(s, None)
    return list(seen)


def ingest_corpus(articles: list[Article], n: int, out: Path, *, per_article: int = 12,
                  dup_share: float = 0.05, seed: int = 7) -> dict[str, int]:
    """Write ``n`` JSONL articles to ``out``; returns how many are copies."""
    rng = random.Random(seed)
    pool = corpus_sentences(articles)
    if len(pool) < per_article * 2:
        raise ValueError(f"the corpus has only {len(pool)} sentences: give a bigger one")
    start = dt.date(2019, 1, 1)
    made: list[dict] = []
    copies = 0
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if made and rng.random() < dup_share:
                orig = rng.choice(made)
                row = {"id": f"bench-{i}", "date": orig["date"], "url": f"https://copy{i % 40}.example/{i}",
                       "text": BOILER_HEAD + orig["text"] + BOILER_TAIL}
                copies += 1
            else:
                day = start + dt.timedelta(days=rng.randrange(5 * 365))
                row = {"id": f"bench-{i}", "date": day.isoformat(), "url": f"https://site{i % 50}.example/{i}",
                       "text": " ".join(rng.sample(pool, per_article))}
                if len(made) < 5000:
                    made.append(row)
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {"articles": n, "copies": copies}


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(d))
            except (OSError, ValueError, IndexError):
                continue
    return out


@dataclass
class IngestRun:
    workers: int
    articles: int
    seconds: float
    articles_per_s: float
    store_seconds: float  # reading known ids, near-duplicate linking and writing
    store_share: float
    duplicates: int
    events: int
    rss_mb: list[tuple[int, float, float]] = field(default_factory=list)  # (read, main MB, workers MB)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from tidings.cli import main; main()", *args]


def time_code(corpus: Path) -> float:
    """Wall seconds of ``tidings code CORPUS --format jsonl -o /dev/null`` (model load included)."""
    t0 = time.perf_counter()
    subprocess.run(_cli("code", str(corpus), "--format", "jsonl", "-o", os.devnull), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def time_ingest(corpus: Path, db: Path, workers: int, batch: int = 64) -> IngestRun:
    """Run ingest in this process, sampling memory after every batch."""
    from tidings.run.ingest import ingest

    samples: list[tuple[int, float, float]] = []
    me = os.getpid()
    last = [0.0]

    def on_batch(st) -> None:  # noqa: ANN001
        now = time.perf_counter()
        if now - last[0] >= 2.0:
            last[0] = now
            samples.append((st.read, round(_rss_mb(me), 1),
                            round(sum(_rss_mb(c) for c in _children(me)), 1)))

    t0 = time.perf_counter()
    st = ingest([corpus], db, workers=workers, batch=batch, on_batch=on_batch)
    seconds = time.perf_counter() - t0
    return IngestRun(workers, st.read, round(seconds, 2), round(st.read / seconds, 2),
                     round(st.store_seconds, 2), round(st.store_seconds / seconds, 4), st.duplicates,
                     st.events, samples)


# -- synthetic store and query latency ---------------------------------------------------
_TOP = ("USA CHN RUS GBR FRA DEU JPN KOR PRK IND PAK IRN ISR PSE SYR IRQ TUR UKR SAU EGY AFG NGA "
        "ZAF BRA MEX CAN AUS IDN PHL VNM THA MMR BGD LKA NPL KEN ETH SOM SDN LBY YEM QAT ARE JOR LBN "
        "POL ITA ESP NLD BEL SWE NOR FIN GRC SRB VEN COL ARG CHL PER CUB").split()


PLACES = 5000  # synthetic places events happen at


def build_synthetic(db: Path, events: int, *, per_article: int = 5, seed: int = 11) -> dict[str, int]:
    """Fill a new store with ``events`` events in ``events / per_article`` articles,
    through the store's own schema. Countries follow a Zipf-like skew (the USA is in
    the most events, as in real news); CAMEO codes, Goldstein values, PLOVER types and
    quad classes come from our CAMEO table; dates span ten years. Two events in five
    happen at one of 5,000 places (skewed like the countries, each in its own country),
    so the dashboard's map has something to draw."""
    from tidings.rules import RuleSet
    from tidings.store import Store

    if db.exists():
        raise FileExistsError(f"{db} exists: give a new file for the synthetic store")
    codes = [(c, v.name, v.goldstein, v.plover, v.quad_class) for c, v in RuleSet.default().cameo.items()]
    n_articles = max(1, events // per_article)
    with Store(db) as store:
        con = store.con
        con.execute(f"SELECT setseed({(seed % 1000) / 1000})")
        con.execute("CREATE TEMP TABLE ctry AS SELECT * FROM (SELECT unnest(?) AS c, "
                    "generate_subscripts(?, 1) - 1 AS k)", [_TOP, _TOP])
        con.execute("CREATE TEMP TABLE codes (k INTEGER, cameo VARCHAR, name VARCHAR, g DOUBLE, "
                    "plover VARCHAR, quad TINYINT)")
        con.executemany("INSERT INTO codes VALUES (?, ?, ?, ?, ?, ?)",
                        [(i, *row) for i, row in enumerate(codes)])
        con.execute(f"CREATE TEMP TABLE place AS SELECT p, 'Place ' || p AS name, "
                    f"(SELECT c FROM ctry WHERE k = p % {len(_TOP)}) AS country, "
                    f"round(-55 + random() * 125, 4) AS lat, round(-180 + random() * 360, 4) AS lon "
                    f"FROM range({PLACES}) t(p)")
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "INSERT INTO articles SELECT 'syn-' || i, 'Synthetic ' || i, "
            "DATE '2015-01-01' + CAST(floor(random() * 3650) AS INTEGER), "
            "'https://site' || (i % 300) || '.example/' || i, 'synthetic', "
            "'Synthetic sentence one. Synthetic sentence two. Synthetic sentence three.', ?, 0, "
            "now()::TIMESTAMP, 'site' || (i % 300) || '.example', NULL, "
            "round(-8 + random() * 10, 3), NULL, NULL, 11 FROM range(?) t(i)",
            [per_article, n_articles])
        n_codes, n_ctry = len(codes), len(_TOP)
        con.execute(f"""
            INSERT INTO events
            WITH raw AS (
                SELECT j, 'syn-' || (j // {per_article}) AS article_id, CAST(j % {per_article} AS INTEGER) AS idx,
                       CAST(floor(pow(random(), 2.2) * {n_ctry}) AS INTEGER) AS s,
                       CAST(floor(pow(random(), 2.2) * {n_ctry}) AS INTEGER) AS t,
                       CAST(floor(random() * {n_codes}) AS INTEGER) AS k,
                       1 + CAST(floor(random() * {n_ctry - 1}) AS INTEGER) AS shift,
                       CASE WHEN random() < 0.4 THEN CAST(floor(pow(random(), 2.2) * {PLACES}) AS INTEGER) END AS p
                FROM range(?) r(j))
            SELECT r.article_id, r.idx, a.date, strftime(a.date, '%Y-%m-%d'), NULL,
                   sc.c || 'GOV', sc.c, sc.c, sc.c, tc.c, tc.c, tc.c, tc.c,
                   codes.cameo, substr(codes.cameo, 1, 2), codes.name, codes.plover, codes.quad,
                   codes.g, false, 0.8, 'synthetic', 'synthetic', r.idx % 3, 0, 25, pl.name, pl.country, pl.lat, pl.lon,
                   hash(a.date, sc.c || 'GOV', tc.c, codes.cameo) >> 4, 10, 19, 0, 9, 20, 25,
                   CASE WHEN pl.p IS NOT NULL THEN 'city' END, NULL, NULL,
                   row_number() OVER (PARTITION BY hash(a.date, sc.c || 'GOV', tc.c, codes.cameo) >> 4
                                      ORDER BY r.article_id, r.idx) = 1, NULL, NULL
            FROM raw r JOIN articles a ON a.id = r.article_id
            JOIN ctry sc ON sc.k = r.s JOIN ctry tc ON tc.k = (CASE WHEN r.t = r.s THEN (r.t + r.shift) % {n_ctry} ELSE r.t END)
            JOIN codes ON codes.k = r.k LEFT JOIN place pl ON pl.p = r.p
        """, [events])
        con.execute("COMMIT")
        n = con.execute("SELECT count(*) FROM events").fetchone()[0]
    return {"articles": n_articles, "events": n}


DYADS = [("USA", "CHN", "month"), ("KOR", "PRK", "week"), ("RUS", "UKR", "day"), ("CUB", "PER", "year")]
QUERIES = {
    **{f"dyads {a} {b} by {by}": (lambda s, a=a, b=b, by=by: s.dyads(a, b, by=by)) for a, b, by in DYADS},
    "events --source USA --target PRK --since 2017-01-01": lambda s: s.events(
        source="USA", target="PRK", since="2017-01-01"),
    "events --cameo 138 --plover THREATEN": lambda s: s.events(cameo="138", plover="THREATEN"),
    "events --source RUS --until 2015-06-30 (page 10)": lambda s: s.events(
        source="RUS", until="2015-06-30", offset=200),
    "events --clusters --source USA --target CHN": lambda s: s.clusters(source="USA", target="CHN"),
    "actors --top 20": lambda s: s.top_actors(20),
    "network (dashboard)": lambda s: network(s.con, since=None, until=None, nodes=30, edges=60),
    "stats": lambda s: s.stats(),
}
# DuckDB's floor for a dyad series: the same periods, directions and measures from the
# events table by plain equality on the two countries, one GROUP BY, no clusters (on the
# synthetic store each event is nearly always its own cluster, so the answer is the same
# but for the few repeated ones); for the network, the same pairs and measures likewise
FLOOR_SQL = """
    SELECT CAST(date_trunc('{by}', date) AS DATE) AS period, source_country AS direction,
           count(*) AS events, count(*) AS mentions, round(avg(goldstein), 3) AS mean_goldstein,
           count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
           count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4)
    FROM events WHERE date IS NOT NULL
      AND ((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))
    GROUP BY ALL ORDER BY period, direction"""
NETWORK_FLOOR_SQL = """
    SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b,
           count(*) AS events, count(*) AS mentions, round(avg(goldstein), 3) AS mean_goldstein,
           count(*) FILTER (WHERE source_country < target_country),
           count(*) FILTER (WHERE source_country > target_country)
    FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL
      AND source_country <> target_country GROUP BY ALL"""
FLOORS: dict[str, Callable[[Any], Any]] = {
    **{f"dyads {a} {b} by {by}": (lambda con, a=a, b=b, by=by: con.execute(
        FLOOR_SQL.replace("{by}", PERIODS[by]), [a, b, b, a]).fetchall()) for a, b, by in DYADS},
    "network (dashboard)": lambda con: con.execute(NETWORK_FLOOR_SQL).fetchall(),
}


def _timed(f: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    res = f()
    return time.perf_counter() - t0, res


def bench_queries(db: Path, repeats: int = 5) -> list[dict]:
    """Median and max wall time of each query (store opened read-only, as the CLI does),
    each dyad series and the network against DuckDB's floor for it (timed in turn, A B A
    B), plus the
    whole ``tidings dyads`` command in a fresh process."""
    from tidings.store import Store

    out = []
    with Store(db, read_only=True) as store:
        for name, q in QUERIES.items():
            times, floors, rows = [], [], 0
            floor = FLOORS.get(name)
            for _ in range(repeats):
                spent, res = _timed(lambda q=q: q(store))
                rows = len(res) if isinstance(res, list) else 1
                times.append(spent)
                if floor:
                    floors.append(_timed(lambda f=floor: f(store.con))[0])
            row = {"query": name, "rows": rows, "median_s": round(statistics.median(times), 4),
                   "max_s": round(max(times), 4), "floor_median_s": None, "ratio_to_floor": None}
            if floors:
                row["floor_median_s"] = round(statistics.median(floors), 4)
                row["ratio_to_floor"] = round(statistics.median(times) / statistics.median(floors), 2)
            out.append(row)
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(_cli("dyads", "USA", "CHN", "--db", str(db), "--format", "csv"), check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    out.append({"query": "`tidings dyads USA CHN` (new process, startup included)", "rows": None,
                "median_s": round(statistics.median(times), 4), "max_s": round(max(times), 4),
                "floor_median_s": None, "ratio_to_floor": None})
    return out


def as_dict(run: IngestRun) -> dict:
    return asdict(run)


def store_memory(corpus: Path, db: Path, articles: int, *, memory_limit: str | None, batch: int = 64,
                 template_count: int = 64, every: int = 5000,
                 progress: Callable[[int, float], None] | None = None) -> list[tuple[int, float]]:
    """Resident memory of a process that links and stores ``articles`` articles, without
    the coding (so far more articles than can be coded in a benchmark run): the first
    ``template_count`` articles of ``corpus`` are coded once, and every stored article is
    one of those records with a new id and a new text drawn from the corpus's sentences
    (so near-duplicate linking sees distinct stories). Returns (articles stored, MB)."""
    import dataclasses

    from tidings.run.code import process_coder
    from tidings.run.ingest import _link_duplicates
    from tidings.store import Store

    with corpus.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    coder = process_coder()
    from tidings.ingest import from_text

    templates = [coder.code(from_text(r["text"], id=r["id"], date=r["date"])) for r in rows[:template_count]]
    # texts from every sentence of the corpus: a small pool would make stories overlap
    pool = corpus_sentences([Article(id=r["id"], text=r["text"]) for r in rows])
    rng = random.Random(5)
    out: list[tuple[int, float]] = [(0, round(_rss_mb(os.getpid()), 1))]  # model loaded, nothing stored
    done = 0
    with Store(db, memory_limit=memory_limit) as store:
        pending: dict = {}
        while done < articles:
            arts = [Article(id=f"mem-{done + i}", text=" ".join(rng.sample(pool, 12)), date="2020-01-01")
                    for i in range(min(batch, articles - done))]
            keep, dups, bands = _link_duplicates(store, arts, pending)
            recs = [dataclasses.replace(templates[i % len(templates)], id=a.id, text=a.text)
                    for i, a in enumerate(keep)]
            store.add(recs, sources={a.id: "bench" for a in keep}, duplicates=dups, bands=bands)
            pending.clear()
            done += len(arts)
            if done % every < batch or done >= articles:
                out.append((done, round(_rss_mb(os.getpid()), 1)))
                if progress is not None:
                    progress(*out[-1])
    return out
