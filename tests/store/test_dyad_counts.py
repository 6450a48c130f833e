"""The dyad series and the network count event clusters in one pass over the events
(the ``lead`` column marks each cluster's first report, kept by ingest across batches;
``source_root``/``target_root`` keep the codes that say something other than the
country). Checked against the definition, written the slow way, on a random store of
clusters reported several times, across batches, with codes that disagree with their
country (an MNC with a home country, an IGO without one)."""

from __future__ import annotations

import random
from collections import defaultdict

import duckdb
import pytest

from tidings.model import ActorRef, ArticleRecord, Event
from tidings.store import Store
from tidings.store.queries import ActorFilter, network

ACTORS = [("USAGOV", "USA", "Joe Biden"), ("USAMIL", "USA", None), ("CHNGOV", "CHN", "Xi Jinping"),
          ("CHN", "CHN", None), ("MNCUSA", "USA", "Boeing"), ("IGOUNO", None, "United Nations"),
          ("RUSGOV", "RUS", None), ("UKRMIL", "UKR", None), ("USA", "USA", None)]
CODES = [("0231", 1, 3.4), ("0411", 1, 4.0), ("0711", 2, 7.4), ("1122", 3, -2.0), ("190", 4, -10.0)]
DATES = ["2023-01-05", "2023-01-20", "2023-02-11", "2023-03-30", "2024-06-01", "2023-02"]


def _ref(code: str, country: str | None, name: str | None) -> ActorRef:
    return ActorRef(text=name or code, name=name or code, code=code, country=country, role=None, span=(0, 3))


def _record(i: int, rng: random.Random) -> ArticleRecord:
    events = []
    for _ in range(rng.randint(1, 4)):
        s, t = rng.sample(ACTORS, 2)
        cameo, quad, g = rng.choice(CODES)
        events.append(Event(source=_ref(*s), target=_ref(*t), cameo=cameo, cameo_root=cameo[:2],
                            cameo_name="x", plover=None, quad_class=quad, goldstein=g,
                            date=rng.choice(DATES + [None]), date_text=None, sentence=0, span=(0, 10),
                            verb="met", verb_span=(4, 7), location=None, negated=False,
                            confidence=0.9, rule="test"))
    return ArticleRecord(id=f"a{i:03d}", title=None, date="2023-01-01", url=None,
                         text="Some text here.", events=tuple(events))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    rng = random.Random(5)
    db = tmp_path_factory.mktemp("dyads") / "d.duckdb"
    records = [_record(i, rng) for i in range(240)]
    with Store(db) as s:
        for k in range(0, len(records), 37):  # clusters span batches
            s.add(records[k:k + 37])
    return db


def _matches(code: str | None, country: str | None, x: ActorFilter) -> bool:
    if x.name:
        return False  # not used for names here
    return country == x.code or (code or "").startswith(x.code)


def _slow_dyads(con: duckdb.DuckDBPyConnection, a: ActorFilter, b: ActorFilter, by: str) -> list[tuple]:
    """The definition: clusters with a dated mention between a and b (either way), counted
    once; mentions counted each; mean Goldstein over clusters."""
    rows = con.execute("SELECT cluster_id, date, source_code, source_country, target_code, "
                       "target_country, goldstein, quad_class FROM events WHERE date IS NOT NULL").fetchall()
    clusters: dict[tuple, list] = {}
    for cid, date, sc, scn, tc, tcn, g, q in rows:
        if _matches(sc, scn, a) and _matches(tc, tcn, b):
            d = f"{a.label}->{b.label}"
        elif _matches(sc, scn, b) and _matches(tc, tcn, a):
            d = f"{b.label}->{a.label}"
        else:
            continue
        period = {"month": date.replace(day=1), "year": date.replace(month=1, day=1), "day": date}[by]
        c = clusters.setdefault((cid, d), [period, g, q, 0])
        c[3] += 1
    out: dict[tuple, list] = defaultdict(lambda: [0, 0, [], [0, 0, 0, 0]])
    for (_, d), (period, g, q, n) in clusters.items():
        o = out[(period.isoformat(), d)]
        o[0] += 1
        o[1] += n
        o[2].append(g)
        o[3][q - 1] += 1
    return sorted((p, d, ev, m, round(sum(gs) / len(gs), 3), *qs) for (p, d), (ev, m, gs, qs) in out.items())


@pytest.mark.parametrize(("a", "b", "by"), [("USA", "CHN", "month"), ("CHN", "USA", "year"),
                                            ("USAGOV", "CHN", "month"), ("MNC", "IGO", "day"),
                                            ("IGO", "USA", "month"), ("RUS", "UKR", "year"),
                                            ("USA", "USA", "month"), ("US", "CH", "month")])
def test_dyads_count_each_cluster_once_as_defined(store, a, b, by):
    with Store(store, read_only=True) as s:
        got = [(r["period"], r["direction"], r["events"], r["mentions"], r["mean_goldstein"],
                r["verbal_coop"], r["material_coop"], r["verbal_conflict"], r["material_conflict"])
               for r in s.dyads(a, b, by=by)]
        want = _slow_dyads(s.con, ActorFilter(a), ActorFilter(b), by)
    assert got == want
    assert got or (a, b) == ("US", "CH") or a == b  # the parametrised pairs do occur


def test_lead_marks_the_first_report_of_each_cluster_across_batches(store):
    con = duckdb.connect(str(store), read_only=True)
    try:
        per_cluster = con.execute("SELECT count(*) FILTER (WHERE lead), arg_min(lead, article_id || '#' || "
                                  "lpad(CAST(idx AS VARCHAR), 4, '0')) FROM events GROUP BY cluster_id").fetchall()
        repeated = con.execute("SELECT count(*) FROM (SELECT cluster_id FROM events GROUP BY 1 "
                               "HAVING count(DISTINCT article_id) > 1)").fetchone()[0]
        roots = con.execute("SELECT DISTINCT source_code, source_root FROM events "
                            "WHERE source_root IS NOT NULL ORDER BY 1").fetchall()
    finally:
        con.close()
    assert all(n == 1 and first for n, first in per_cluster)
    assert repeated > 20  # clusters reported by several articles, in several batches
    assert roots == [("IGOUNO", "IGO"), ("MNCUSA", "MNC")]


def test_network_counts_clusters(store):
    with Store(store, read_only=True) as s:
        net = network(s.con, since=None, until=None, nodes=10, edges=10)
        slow = s.con.execute("""SELECT least(source_country, target_country), greatest(source_country, target_country),
            count(DISTINCT cluster_id), count(*) FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL
            AND source_country <> target_country GROUP BY ALL""").fetchall()
    got = {(e["a"], e["b"]): (e["events"], e["mentions"]) for e in net["edges"]}
    assert got == {(x, y): (ev, m) for x, y, ev, m in slow}
