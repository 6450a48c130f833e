"""The overview's API: volume by quad class, top/hostile/cooperative pairs, latest events
with their article's URL, the map of located events, and the CSV/Parquet downloads of
each, with the same filters; bad parameters are a one-line 400."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pyarrow.parquet as pq
import pytest

from tests.webstore import MAP_NEWS, get
from tidings.store import Store

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

QUAD_KEYS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
TABLES = ("volume", "dyads", "hostile", "cooperative", "latest", "places", "countries")


def test_volume_counts_every_event_once_by_quad_class(client, db):
    vol = get(client, "/api/overview/volume?by=month")
    assert vol["by"] == "month" and vol["since"] is None
    with Store(db, read_only=True) as store:
        clusters = store.stats()["event_clusters"]
    assert sum(r["events"] for r in vol["items"]) == clusters
    periods = [r["period"] for r in vol["items"]]
    assert periods == sorted(periods) and periods[0] == "2024-01-01" and periods[-1] == "2024-11-01"
    for r in vol["items"]:
        assert r["events"] == sum(r[k] for k in QUAD_KEYS) and r["mentions"] >= r["events"]
    weeks = get(client, "/api/overview/volume?by=week")["items"]
    assert sum(r["events"] for r in weeks) == clusters
    autumn = get(client, "/api/overview/volume?by=month&since=2024-10-01&until=2024-11-30")
    assert [r["period"] for r in autumn["items"]] == ["2024-10-01", "2024-11-01"]
    assert autumn["items"] == vol["items"][-2:]


def test_pairs_are_ranked_by_events_and_by_mean_goldstein(client):
    ov = get(client, "/api/overview?min_events=2&top=20")
    top = ov["top_dyads"]
    assert [p["events"] for p in top] == sorted((p["events"] for p in top), reverse=True)
    assert (top[0]["a"], top[0]["b"], top[0]["a_name"], top[0]["b_name"]) == (
        "KOR", "PRK", "South Korea", "North Korea")
    assert all(p["a"] < p["b"] for p in top)
    hostile, coop = ov["hostile"], ov["cooperative"]
    assert hostile and coop and all(p["events"] >= 2 for p in hostile + coop)
    assert [p["mean_goldstein"] for p in hostile] == sorted(p["mean_goldstein"] for p in hostile)
    assert [p["mean_goldstein"] for p in coop] == sorted((p["mean_goldstein"] for p in coop), reverse=True)
    assert (hostile[0]["a"], hostile[0]["b"], hostile[0]["mean_goldstein"]) == ("IRN", "ISR", -8.0)
    assert coop[0]["a"] == "DEU" and coop[0]["b"] == "FRA"
    # a pair with fewer events than min_events is never ranked
    assert all(p["events"] >= 5 for p in get(client, "/api/overview")["hostile"])
    assert len(get(client, "/api/overview?top=2")["top_dyads"]) == 2


def test_latest_events_carry_their_article_url_and_follow_the_range(client):
    ov = get(client, "/api/overview?latest=5")
    latest = ov["latest"]
    assert len(latest) == 5
    dates = [e["date"] for e in latest]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2024-11-19"
    assert latest[0]["url"] == next(a["url"] for a in MAP_NEWS if a["id"] == latest[0]["article_id"])
    assert {"title", "cameo_name", "location", "source_code", "target_code", "idx"} <= set(latest[0])
    july = get(client, "/api/overview?since=2024-07-01&until=2024-07-31&latest=100&top=100&min_events=1")
    assert july["latest"] and all("2024-07-01" <= e["date"] <= "2024-07-31" for e in july["latest"])
    assert {(p["a"], p["b"]) for p in july["top_dyads"]} == {("KOR", "PRK"), ("RUS", "UKR")}
    assert july["since"] == "2024-07-01" and july["until"] == "2024-07-31"


def test_map_places_and_countries(client):
    m = get(client, "/api/overview")["map"]
    places = {p["place"]: p for p in m["points"]}
    assert set(places) == {"Kharkiv", "Paris", "Srinagar", "Islamabad", "Brasília", "Israel"}
    assert places["Kharkiv"]["events"] == 4 and places["Kharkiv"]["country"] == "UKR"
    assert places["Paris"]["lat"] == 48.9 and places["Paris"]["lon"] == 2.3  # rounded to 0.1 degree
    assert [p["events"] for p in m["points"]] == sorted((p["events"] for p in m["points"]), reverse=True)
    countries = {c["code"]: c for c in m["countries"]}
    assert countries["UKR"] == {"code": "UKR", "name": "Ukraine", "events": 4}
    assert set(countries) == {"UKR", "FRA", "IND", "PAK", "BRA", "ISR"}
    autumn = get(client, "/api/overview?since=2024-10-01")["map"]
    assert {p["place"] for p in autumn["points"]} == {"Paris", "Srinagar", "Islamabad", "Brasília"}
    assert len(get(client, "/api/overview?points=1")["map"]["points"]) == 1


@pytest.mark.parametrize("path, says", [
    ("/api/overview?since=2024-02-30", "since takes a date"),
    ("/api/overview?until=yesterday", "until takes a date"),
    ("/api/overview?since=2024-10-01&until=2024-01-01", "is after until"),
    ("/api/overview?top=0", "top takes a number from 1"),
    ("/api/overview?latest=100000", "latest takes a number from 1"),
    ("/api/overview?points=-1", "points takes a number from 1"),
    ("/api/overview?min_events=0", "min_events takes a number from 1"),
    ("/api/overview/volume?by=fortnight", "by takes one of"),
    ("/api/overview/download?table=volume&by=decade", "by takes one of"),
    ("/api/overview/download?table=events", "table takes one of"),
    ("/api/overview/download?table=latest&format=xlsx", "format takes csv or parquet"),
    ("/api/overview/download?table=latest&limit=10001", "limit takes a number from 1"),
    ("/api/overview/download?table=latest&since=2024-13-01", "since takes a date"),
])
def test_bad_parameters_are_one_line_400(client, path, says):
    body = get(client, path, 400)
    assert set(body) == {"error"} and says in body["error"] and "\n" not in body["error"]


def test_hostile_values_are_400_never_500(client):
    hostile = ["' OR 1=1 --", "%", "\\", "<script>", "\x00", "x" * 5000, "99999999999999999999", "NaN"]
    for endpoint in ("/api/overview", "/api/overview/volume", "/api/overview/download?table=latest"):
        for name in ("since", "until", "by", "top", "min_events", "latest", "points", "format", "table", "limit"):
            for value in hostile:
                sep = "&" if "?" in endpoint else "?"
                res = client.get(f"{endpoint}{sep}{name}={quote(value, safe='')}")
                assert res.status_code in (200, 400, 422), (endpoint, name, value, res.status_code)
                if res.status_code != 200:
                    assert set(res.json()) == {"error"}


def _csv(res) -> list[dict[str, str]]:
    assert res.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(res.text)))


def test_download_csv_holds_the_rows_of_the_view(client):
    ov = get(client, "/api/overview?since=2024-07-01&until=2024-10-31&latest=20&min_events=2")
    res = client.get("/api/overview/download?table=latest&format=csv&since=2024-07-01&until=2024-10-31&limit=20")
    assert res.status_code == 200
    assert res.headers["content-disposition"] == 'attachment; filename="tidings-latest-2024-07-01-2024-10-31.csv"'
    rows = _csv(res)
    assert [(r["date"], r["article_id"], r["idx"]) for r in rows] == [
        (e["date"], e["article_id"], str(e["idx"])) for e in ov["latest"]]
    assert rows[0]["url"] == ov["latest"][0]["url"] and all("2024-07-01" <= r["date"] <= "2024-10-31" for r in rows)
    for table, key in (("dyads", "top_dyads"), ("hostile", "hostile"), ("cooperative", "cooperative")):
        got = _csv(client.get(f"/api/overview/download?table={table}&since=2024-07-01&until=2024-10-31&min_events=2"))
        assert [(r["a"], r["b"], int(r["events"])) for r in got] == [(p["a"], p["b"], p["events"]) for p in ov[key]]
    places = _csv(client.get("/api/overview/download?table=places&since=2024-07-01&until=2024-10-31"))
    assert [r["place"] for r in places] == [p["place"] for p in ov["map"]["points"]]
    countries = _csv(client.get("/api/overview/download?table=countries&since=2024-07-01&until=2024-10-31"))
    assert [r["code"] for r in countries] == [c["code"] for c in ov["map"]["countries"]]
    vol = _csv(client.get("/api/overview/download?table=volume&by=month&since=2024-07-01&until=2024-10-31"))
    assert [r["period"] for r in vol] == ["2024-07-01", "2024-08-01", "2024-09-01", "2024-10-01"]
    empty = client.get("/api/overview/download?table=latest&since=2030-01-01")
    assert empty.status_code == 200 and empty.text.startswith("date,source_code,") and _csv(empty) == []


def test_download_parquet_holds_the_rows_of_the_view(client):
    import datetime as dt

    ov = get(client, "/api/overview?since=2024-10-01&latest=50")
    res = client.get("/api/overview/download?table=latest&format=parquet&since=2024-10-01&limit=50")
    assert res.status_code == 200 and res.headers["content-type"] == "application/vnd.apache.parquet"
    assert res.headers["content-disposition"].endswith('-2024-10-01.parquet"')
    table = pq.read_table(io.BytesIO(res.content))
    rows = table.to_pylist()
    assert [(r["date"], r["article_id"], r["idx"], r["url"]) for r in rows] == [
        (dt.date.fromisoformat(e["date"]), e["article_id"], e["idx"], e["url"]) for e in ov["latest"]]
    assert table.column_names[0] == "date"
    places = pq.read_table(io.BytesIO(client.get(
        "/api/overview/download?table=places&format=parquet&since=2024-10-01").content)).to_pylist()
    assert places == ov["map"]["points"]
    for table_name in TABLES:  # every table, also empty ones, is a readable file
        res = client.get(f"/api/overview/download?table={table_name}&format=parquet&since=2031-01-01")
        assert res.status_code == 200 and pq.read_table(io.BytesIO(res.content)).num_rows == 0


def test_csv_download_defuses_formulas():
    from tidings.web.overview import to_csv

    body = to_csv([{"title": "=HYPERLINK(\"http://x\")", "goldstein": -2.5, "place": "-2.5", "url": None}],
                  ["title", "goldstein", "place", "url"]).decode()
    row = next(csv.DictReader(io.StringIO(body)))
    assert row == {"title": "'=HYPERLINK(\"http://x\")", "goldstein": "-2.5", "place": "-2.5", "url": ""}


def test_overview_in_openapi_and_the_pages_are_served(client):
    spec = get(client, "/openapi.json")
    for path in ("/api/overview", "/api/overview/volume", "/api/overview/download"):
        assert path in spec["paths"], path
    for path, title in (("/", "Overview"), ("/dyads", "Dyad explorer")):
        res = client.get(path)
        assert res.status_code == 200 and f"<title>{title} · tidings</title>" in res.text
    assert 'src="/static/vendor/echarts.min.js"' in client.get("/").text
    assert client.get("/static/vendor/echarts.min.js").status_code == 200
    assert client.get("/static/vendor/nothing.js").status_code == 404
    geo = client.get("/static/world.geojson")
    assert geo.headers["content-type"] == "application/geo+json"
    ids = {f["id"] for f in geo.json()["features"]}
    assert {"USA", "PRK", "KOR", "UKR", "BRA", "XKX"} <= ids and len(ids) > 170


def test_bench_api_loads_the_overview(client):
    from tidings.bench.api import OVERVIEW_PATHS, TARGETS, lua_script

    assert TARGETS["overview"] == OVERVIEW_PATHS
    script = lua_script(OVERVIEW_PATHS)
    assert all(f'"{p}"' in script for p in OVERVIEW_PATHS)
    for path in OVERVIEW_PATHS:  # every path the load test sends is a good request
        res = client.get(path)
        assert res.status_code == 200, (path, res.text[:200])


def test_answers_are_kept_per_snapshot_and_bounded(client, monkeypatch):
    from tidings.store import queries
    from tidings.web import overview

    calls = []
    real = queries.pair_rankings

    def counted(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(queries, "pair_rankings", counted)
    first = get(client, "/api/overview?since=2024-02-01&until=2024-02-29&top=3")
    assert get(client, "/api/overview?since=2024-02-01&until=2024-02-29&top=3") == first
    assert len(calls) == 1  # the second answer was kept, not computed again
    get(client, "/api/overview?since=2024-02-01&until=2024-02-29&top=4")  # another question
    assert len(calls) == 2
    monkeypatch.setattr(overview, "CACHED", 3)
    for day in range(1, 7):
        get(client, f"/api/overview?since=2024-03-0{day}")
    reader = client.app.state.reader
    gen = reader.acquire()
    try:
        assert len(gen.cache["overview"]) == 3
    finally:
        reader.release(gen)
