"""Near-duplicate linking (syndicated copies) and event clusters (one event, many reports)."""

from __future__ import annotations

import json

from tidings.run.ingest import ingest
from tidings.store import Store
from tidings.store.dedup import THRESHOLD, fingerprint, jaccard, link, shingles
from tidings.store.rows import cluster_id, site_of

STORY = (
    "Russia threatened Ukraine with military action on Monday, days after talks in Geneva "
    "ended without agreement. Ukrainian President Volodymyr Zelensky accused Russia of "
    "massing troops on the border and asked European leaders for help. The foreign "
    "ministers of France and Germany said they would travel to Kyiv next week to meet "
    "officials there. Analysts in Brussels said the build-up was the largest since the "
    "spring, when tens of thousands of soldiers gathered near the frontier. Moscow denied "
    "any plan to invade and said the exercises were routine. Washington urged both sides "
    "to return to the negotiating table and warned of sanctions if fighting resumed."
)
COPY_A = "World news | Subscribe to our newsletter\n\n" + STORY + "\n\nRead more: markets, sport and weather."
COPY_B = STORY + "\n\nThis story was syndicated by a wire service. Share this article on social media."
OTHER = (
    "China and Japan held talks in Beijing on Tuesday about fishing rights in the East China "
    "Sea. The two governments agreed to set up a hotline between their coast guards and to "
    "meet again in the autumn. Officials from both sides described the meeting as frank. "
    "Fishermen from Okinawa have complained for years about patrol boats near the islands, "
    "and a trade group welcomed the agreement as a first step toward calmer waters."
)


def test_copies_with_different_boilerplate_link_and_other_news_does_not():
    a, b, c = (fingerprint(i, t) for i, t in (("a", COPY_A), ("b", COPY_B), ("c", OTHER)))
    assert jaccard(a.shingles, b.shingles) >= THRESHOLD
    assert jaccard(a.shingles, c.shingles) < 0.05
    assert link([a, b, c], {}, {}) == {"b": "a"}
    # against the store: the canonical is found through a shared band
    stored = {(band, h): ["a"] for band, h in enumerate(a.bands)}
    assert link([b, c], stored, {"a": COPY_A}) == {"b": "a"}
    # a band collision alone does not link: the exact check rejects it
    fake = {(band, h): ["c"] for band, h in enumerate(b.bands)}
    assert link([b], fake, {"c": OTHER}) == {}


def test_short_texts_are_not_linked_and_shingles_are_stable():
    short = fingerprint("s", "Police arrested five people.")
    assert short.bands == ()
    assert list(shingles("One two three four five six")) == list(shingles("one, two; THREE four five six"))


def test_site_of_and_cluster_id():
    assert site_of("https://www.example.com/news/1", None) == "example.com"
    assert site_of(None, "AFP") == "AFP"
    assert site_of(None, "/data/news.jsonl:3") is None
    one = cluster_id("2021-03-01", "RUS", "UKR", "138", "x#0")
    assert one == cluster_id("2021-03-01", "RUS", "UKR", "138", "y#5") and one > 0
    assert one != cluster_id("2021-03-02", "RUS", "UKR", "138", "x#0")
    assert cluster_id(None, "RUS", "UKR", "138", "x#0") != cluster_id(None, "RUS", "UKR", "138", "y#0")


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_ingest_links_syndicated_copy_without_coding_it_again(tmp_path):
    src = _write(tmp_path / "n.jsonl", [
        {"id": "orig", "date": "2021-03-02", "url": "https://wire.example/orig", "text": COPY_A},
        {"id": "copy", "date": "2021-03-02", "url": "https://paper.example/copy", "text": COPY_B},
        {"id": "other", "date": "2021-03-03", "url": "https://paper.example/other", "text": OTHER},
    ])
    db = tmp_path / "t.duckdb"
    st = ingest([src], db, batch=2)  # the copy is linked to the original of the same batch
    assert (st.added, st.duplicates) == (3, 1)
    with Store(db, read_only=True) as s:
        rows = dict(s.con.execute("SELECT id, duplicate_of FROM articles").fetchall())
        assert rows == {"orig": None, "copy": "orig", "other": None}
        assert s.con.execute("SELECT count(*) FROM events WHERE article_id = 'copy'").fetchone()[0] == 0
        assert s.stats()["duplicates"] == 1
    # a later copy in another run is linked against the store
    later = _write(tmp_path / "later.jsonl", [
        {"id": "copy2", "date": "2021-03-04", "url": "https://third.example/c", "text": COPY_B + " Updated."}])
    st2 = ingest([later, src], db)
    assert (st2.added, st2.duplicates, st2.skipped) == (1, 1, 3)
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT duplicate_of FROM articles WHERE id = 'copy2'").fetchone()[0] == "orig"


REPORT_1 = ("Border tension\n\nRussia threatened Ukraine with military action on Monday. "
            "Officials in Kyiv said the army was on alert.")
REPORT_2 = ("Markets fall\n\nShares in Moscow fell sharply. Russia threatened Ukraine with military "
            "action on Monday, traders said, and the rouble weakened against the dollar.")
REPORT_3 = ("Ukraine alarmed\n\nIn Kyiv, ministers met late into the night. Russia threatened Ukraine "
            "with military action on Monday, according to a statement from the foreign ministry.")


def test_one_event_reported_by_two_outlets_is_one_cluster(tmp_path):
    src = _write(tmp_path / "n.jsonl", [
        {"id": "r1", "date": "2021-03-02", "url": "https://one.example/a", "text": REPORT_1},
        {"id": "r2", "date": "2021-03-02", "url": "https://two.example/b", "text": REPORT_2},
        {"id": "r3", "date": "2021-03-02", "url": "https://one.example/c", "text": REPORT_3},
    ])
    db = tmp_path / "t.duckdb"
    st = ingest([src], db)
    assert st.duplicates == 0  # three different stories: all are coded
    with Store(db, read_only=True) as s:
        threats = s.clusters(source="RUS", target="UKR", cameo="13")
        assert len(threats) == 1
        c = threats[0]
        assert (c["num_mentions"], c["num_articles"], c["num_sources"]) == (3, 3, 2)
        assert str(c["date"]) == "2021-03-01" and c["first_article_id"] == "r1"
        rows = [r for r in s.dyads("RUS", "UKR", by="month") if r["direction"] == "RUS->UKR"]
        assert rows and rows[0]["events"] < rows[0]["mentions"]
        assert s.stats()["event_clusters"] < s.stats()["events"]


def test_copy_of_an_article_still_being_coded_is_linked(tmp_path):
    """With workers, the original may be in flight (not stored) when its copy is read."""
    src = _write(tmp_path / "n.jsonl", [
        {"id": "orig", "date": "2021-03-02", "text": COPY_A},
        {"id": "other", "date": "2021-03-03", "text": OTHER},
        {"id": "copy", "date": "2021-03-02", "text": COPY_B},
    ])
    db = tmp_path / "t.duckdb"
    st = ingest([src], db, workers=2, batch=1)
    assert (st.added, st.duplicates, st.errors) == (3, 1, 0)
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT duplicate_of FROM articles WHERE id = 'copy'").fetchone()[0] == "orig"
        per_article = dict(s.con.execute("SELECT id, n_events FROM articles").fetchall())
    assert per_article["orig"] > 0 and per_article["copy"] == 0
