"""The JSON API and the app's safety: every endpoint on a store built from our fixture
articles, paging caps, JSON errors, hostile parameters, path traversal, read-only."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from urllib.parse import quote

import duckdb
import pytest

from tests.webstore import HOSTILE_ID, fixture_ids, get, raw_get, serving
from tidings.store import Store, queries
from tidings.web.app import MAX_LIMIT

# Starlette now prefers the httpx2 fork for its TestClient; httpx still works.
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

QUAD_KEYS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
HOSTILE = ["' OR 1=1 --", "KOR'; DROP TABLE events; --", "\" OR \"\"=\"", "%", "_", "\\", "%' --",
           "1; SELECT * FROM articles", "KOR) OR (1=1", "<script>alert(1)</script>", "../../etc/passwd",
           "\x00", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "x" * 5000, "2024-01-01' OR '1'='1", "0x7fffffffffffffff",
           "-1", "99999999999999999999999", "NaN", "null"]




def test_stats(client, db):
    s = get(client, "/api/stats")
    with Store(db, read_only=True) as store:
        assert s == store.stats()
    assert s["articles"] == len(fixture_ids()) and s["events"] > 20 and s["quotes"] >= 4


def test_dyads_is_the_store_list(client, db):
    rows = get(client, "/api/dyads?a=KOR&b=PRK&by=month")
    with Store(db, read_only=True) as store:
        assert rows == store.dyads("KOR", "PRK", by="month")
    assert isinstance(rows, list) and {r["direction"] for r in rows} == {"KOR->PRK", "PRK->KOR"}
    for r in rows:
        assert set(r) == {"period", "direction", "events", "mentions", "mean_goldstein", *QUAD_KEYS}
        assert r["events"] == sum(r[k] for k in QUAD_KEYS)
    assert get(client, "/api/dyads?a=kor&b=prk&by=week")  # codes are case-insensitive
    assert get(client, "/api/dyads?a=KOR&b=ZZZ") == []
    spring = get(client, "/api/dyads?a=KOR&b=PRK&by=month&since=2024-03-15&until=2024-06-30")
    assert {r["period"] for r in spring} == {"2024-03-01", "2024-06-01"}  # April: no KOR-PRK event (artillery is no target)
    assert spring == [r for r in rows if "2024-03-01" <= r["period"] <= "2024-06-01"]
    weeks = get(client, "/api/dyads?a=KOR&b=PRK&by=week&since=2024-03-03")  # a Sunday
    assert weeks[0]["period"] == "2024-02-26"  # its week, from Monday


def test_the_events_behind_each_bar_add_up_to_the_bar(client):
    for by in ("month", "week", "day"):
        for row in get(client, f"/api/dyads?a=KOR&b=PRK&by={by}"):
            res = get(client, f"/api/dyads/events?a=KOR&b=PRK&by={by}&period={row['period']}"
                              f"&direction={quote(row['direction'])}")
            assert res["total"] == row["events"] == len(res["items"])
            assert sum(e["mentions"] for e in res["items"]) == row["mentions"]
            src = row["direction"].split("->")[0]
            assert all(e["source_code"].startswith(src) for e in res["items"])
            assert all(e["sentence_text"] for e in res["items"])
    err = get(client, "/api/dyads/events?a=KOR&b=PRK&period=2024-03-01&direction=USA->PRK", 400)
    assert "direction takes KOR->PRK or PRK->KOR" in err["error"]


def test_dyads_bad_parameters_are_400_with_a_reason(client):
    assert "by takes one of day, week" in get(client, "/api/dyads?a=KOR&b=PRK&by=fortnight", 400)["error"]
    assert "actor code" in get(client, "/api/dyads?a=K O R&b=PRK", 400)["error"]
    assert "since takes a date" in get(client, "/api/dyads?a=KOR&b=PRK&since=March", 400)["error"]
    assert "a: Field required" in get(client, "/api/dyads?b=PRK", 422)["error"]


def test_events_filters_sort_and_pages(client):
    everything = get(client, "/api/events?limit=500")
    n = everything["total"]
    assert n == len(everything["items"]) > 20
    paged = []
    for offset in range(0, n, 7):
        page = get(client, f"/api/events?limit=7&offset={offset}")
        assert page["total"] == n and page["limit"] == 7 and page["offset"] == offset
        paged += page["items"]
    assert paged == everything["items"]
    assert get(client, f"/api/events?offset={n + 10}")["items"] == []
    big = [e["cluster_id"] for e in everything["items"] if e.get("cluster_id") is not None]
    assert big and all(isinstance(c, str) for c in big)  # 60-bit ids as text, never rounded

    threats = get(client, "/api/events?source=PRK&target=KOR&plover=threaten")
    assert threats["total"] and all(e["plover"] == "THREATEN" for e in threats["items"])
    assert all(e["cameo"].startswith("13") for e in get(client, "/api/events?cameo=13")["items"])
    july = get(client, "/api/events?since=2024-07-01&until=2024-07-31")["items"]
    assert july and all("2024-07-01" <= e["date"] <= "2024-07-31" for e in july)
    g = [e["goldstein"] for e in get(client, "/api/events?sort=goldstein&order=desc&limit=500")["items"]]
    assert g == sorted(g, reverse=True)
    codes = [e["source_code"] for e in get(client, "/api/events?sort=source&limit=500")["items"]]
    assert codes == sorted(codes)


def test_limits_are_capped_and_checked(client):
    assert get(client, "/api/events?limit=100000")["limit"] == MAX_LIMIT
    assert get(client, "/api/quotes?limit=100000")["limit"] == MAX_LIMIT
    assert get(client, "/api/actors?limit=100000")["limit"] == MAX_LIMIT
    assert "limit takes a number from 1" in get(client, "/api/events?limit=0", 400)["error"]
    assert "offset takes" in get(client, "/api/events?offset=-1", 400)["error"]
    assert "offset takes" in get(client, "/api/quotes?offset=99999999999999999999", 400)["error"]
    assert "limit: Input should be a valid integer" in get(client, "/api/events?limit=ten", 422)["error"]
    assert "sort takes one of" in get(client, "/api/events?sort=sentence_text", 400)["error"]
    assert "since takes a date" in get(client, "/api/events?since=2024-02-30", 400)["error"]
    assert "plover takes one of" in get(client, "/api/events?plover=HUG", 400)["error"]
    assert "cameo takes" in get(client, "/api/events?cameo=13%25", 400)["error"]


def test_actors_typeahead(client):
    kor = get(client, "/api/actors?q=kor")["items"]
    assert kor[0]["code"] == "KOR" and kor[0]["name"] == "South Korea"
    assert {"KORGOV", "KORMIL"} <= {a["code"] for a in kor}
    assert get(client, "/api/actors?q=south kor")["items"][0]["code"] == "KOR"
    shin = get(client, "/api/actors?q=shin")["items"]
    assert shin and shin[0]["name"] == "Shin Won-sik" and shin[0]["code"] == "KORGOV"
    assert len(get(client, "/api/actors?limit=2")["items"]) == 2
    assert get(client, "/api/actors?q=nobody-at-all")["items"] == []


def test_article_with_everything_that_points_into_it(client):
    for article_id in fixture_ids():
        art = get(client, "/api/article?id=" + quote(article_id, safe=""))
        text = art["text"]
        assert art["id"] == article_id and len(art["events"]) == art["n_events"]
        assert len(art["quotes"]) == art["n_quotes"]
        assert isinstance(art["tone"], float) and -100 <= art["tone"] <= 100  # every fixture article has a tone
        for e in art["events"]:
            assert text[e["verb_start"]:e["verb_end"]] == e["verb"]
            assert text[e["source_start"]:e["source_end"]]
            assert e["rule"] and e["cameo_name"] and e["quad_name"]
        for q in art["quotes"]:
            assert text[q["span_start"]:q["span_end"]] == q["text"]
        for a in art["actors"]:
            assert a["mentions"] and all(0 <= m["span_start"] < m["span_end"] <= len(text)
                                         for m in a["mentions"])
    hostile = get(client, "/api/articles/" + quote(HOSTILE_ID, safe=""))
    assert "<script>" in hostile["text"] and hostile["url"].startswith("javascript:")


def test_unknown_article_and_route_are_404_json(client):
    assert "no article with id" in get(client, "/api/articles/nope", 404)["error"]
    assert "no such page or endpoint" in get(client, "/api/nothing", 404)["error"]
    assert "no such page or endpoint" in get(client, "/no/such/page", 404)["error"]
    res = client.get("/articles/nope")  # the page shell, with the API's error shown by its script
    assert res.status_code == 404 and res.headers["content-type"].startswith("text/html")
    res = client.post("/api/events")
    assert res.status_code == 405 and "error" in res.json()


def test_a_bug_is_500_json_without_traceback(app, client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /home/someone/store.duckdb")

    monkeypatch.setattr(queries, "article", broken)
    res = client.get("/api/articles/sample-2024-01-10")
    assert res.status_code == 500
    assert res.json() == {"error": "internal error: the server log has the details"}
    assert "Traceback" not in res.text and "secret" not in res.text


def test_quotes_search_escapes_wildcards(client):
    everything = get(client, "/api/quotes")
    assert everything["total"] >= 4
    kim = get(client, "/api/quotes?speaker=kim yo")["items"]
    assert len(kim) == 1 and kim[0]["speaker_name"] == "Kim Yo Jong"
    assert get(client, "/api/quotes?speaker=korgov")["total"] >= 2  # by code too
    assert [q["text"] for q in get(client, "/api/quotes?q=100%25")["items"]] == [
        "We won 100% of the vote_share in the north"]
    assert get(client, "/api/quotes?q=%25")["total"] == 1  # % is a character, not "anything"
    assert get(client, "/api/quotes?q=_")["total"] == 1
    assert get(client, "/api/quotes?q=vote%5Fshare")["total"] == 1
    assert get(client, "/api/quotes?q=vote%25share")["total"] == 0
    assert get(client, "/api/quotes?q=PROVOCATIONS")["total"] == 1  # case-insensitive
    assert "at most 200 characters" in get(client, "/api/quotes?q=" + "a" * 201, 400)["error"]


def test_network(client):
    net = get(client, "/api/network")
    codes = {n["code"] for n in net["nodes"]}
    assert {"KOR", "PRK", "USA", "RUS", "UKR", "CHN"} <= codes
    names = {n["code"]: n["name"] for n in net["nodes"]}
    assert names["PRK"] == "North Korea"
    kp = next(e for e in net["edges"] if (e["a"], e["b"]) == ("KOR", "PRK"))
    assert kp["events"] == kp["a_to_b"] + kp["b_to_a"] and -10 <= kp["mean_goldstein"] <= 10
    assert all(e["a"] < e["b"] and e["a"] in codes and e["b"] in codes for e in net["edges"])
    early = get(client, "/api/network?until=2024-03-31")
    assert {n["code"] for n in early["nodes"]} == {"KOR", "PRK"}
    assert len(get(client, "/api/network?nodes=2")["nodes"]) == 2
    assert "nodes takes" in get(client, "/api/network?nodes=0", 400)["error"]


def test_openapi_lists_the_api(client):
    spec = get(client, "/openapi.json")
    for path in ("/api/events", "/api/dyads", "/api/dyads/events", "/api/actors",
                 "/api/articles/{article_id}", "/api/quotes", "/api/stats", "/api/network"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 404  # the docs page would load a CDN


ENDPOINT_PARAMS = {
    "/api/events": ["source", "target", "since", "until", "cameo", "plover", "sort", "order"],
    "/api/dyads?a=KOR&b=PRK": ["by", "since", "until"],
    "/api/dyads?b=PRK": ["a"],
    "/api/dyads/events?b=PRK&period=2024-03-01&direction=KOR-%3EPRK": ["a"],
    "/api/dyads/events?a=KOR&b=PRK&direction=KOR-%3EPRK": ["period"],
    "/api/dyads/events?a=KOR&b=PRK&period=2024-03-01": ["direction"],
    "/api/actors": ["q"],
    "/api/quotes": ["speaker", "q"],
    "/api/network": ["since", "until"],
}


@pytest.mark.parametrize("endpoint", list(ENDPOINT_PARAMS))
def test_hostile_parameters_are_400_or_empty_never_500(client, endpoint):
    for name in [*ENDPOINT_PARAMS[endpoint], "limit", "offset"]:
        for value in HOSTILE:
            sep = "&" if "?" in endpoint else "?"
            res = client.get(f"{endpoint}{sep}{name}={quote(value, safe='')}")
            assert res.status_code in (200, 400, 422), (endpoint, name, value, res.status_code, res.text[:200])
            body = res.json()
            if res.status_code == 200:
                items = body if isinstance(body, list) else body.get("items", body.get("edges"))
                if name not in ("order", "sort", "limit", "offset"):
                    assert items == [] or name in ("q", "speaker") and value in ("%", "_"), (endpoint, name, value)
            else:
                assert set(body) == {"error"}
    for value in HOSTILE:
        res = client.get("/api/articles/" + quote(value, safe=""))
        assert res.status_code == 404 and set(res.json()) == {"error"}
    with Store(client.app.state.db, read_only=True) as store:
        assert store.stats()["events"] > 20  # nothing dropped


TRAVERSAL = ["/static/../../etc/passwd", "/static/..%2f..%2fetc%2fpasswd", "/static/%2e%2e/%2e%2e/etc/passwd",
             "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static/..%5c..%5cetc%5cpasswd",
             "/static/%252e%252e%252fetc%252fpasswd", "/static//etc/passwd", "/static/style.css/../../../etc/passwd",
             "/static/..", "/static/.%2e/.%2e/pyproject.toml", "/static/%00style.css", "/static/STYLE.CSS",
             "/static/../app.py", "/static/../queries.py", "/static/index.html", "/etc/passwd",
             "/static/./style.css/..%2F..%2Fapp.py"]


@pytest.fixture(scope="module")
def live(app):
    with serving(app) as port:
        yield port


def test_path_traversal_is_refused(live, client):
    for path in TRAVERSAL:  # sent byte for byte: no client normalises the dots away
        status, data = raw_get(live, path)
        assert status in (400, 404), (path, status)
        assert b"root:" not in data and b"[project]" not in data and b"create_app" not in data, path
    status, data = raw_get(live, "/static/style.css")
    assert status == 200 and b"text/css" in data
    for name in ("common.js", "dyads.js", "article.js", "events.js", "network.js", "quotes.js", "overview.js",
                 "favicon.svg", "world.geojson", "vendor/echarts.min.js"):
        res = client.get(f"/static/{name}")
        assert res.status_code == 200 and res.content, name


def test_security_headers_and_no_external_resources(client):
    for path in ("/", "/dyads", "/events", "/network", "/quotes", "/articles/sample-2024-01-10"):
        res = client.get(path)
        assert res.status_code == 200
        csp = res.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert res.headers["x-content-type-options"] == "nosniff"
        assert "http://" not in res.text and "https://" not in res.text
    for name in ("style.css", "common.js", "article.js", "dyads.js", "overview.js"):
        body = client.get(f"/static/{name}").text
        assert "innerHTML" not in body and "insertAdjacentHTML" not in body and "eval(" not in body
        assert "@import" not in body and "url(" not in body


def test_the_app_cannot_write(app, db):
    cur = app.state.reader.connection().cursor()
    for sql in ("INSERT INTO meta VALUES ('x', 'y')", "DELETE FROM events",
                "CREATE TABLE evil (x INTEGER)", "DROP TABLE articles",
                "UPDATE articles SET title = 'x'",
                f"COPY events TO '{db.parent / 'leak.csv'}'",
                f"ATTACH '{db.parent / 'other.duckdb'}' AS other",
                "SET enable_external_access = true",
                "SELECT * FROM read_csv('/etc/passwd')"):
        with pytest.raises(duckdb.Error):
            cur.execute(sql)
    cur.close()
    assert not (db.parent / "leak.csv").exists() and not (db.parent / "other.duckdb").exists()


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_serve_missing_store_is_one_line_exit_2(tmp_path):
    res = _cli("serve", "--db", str(tmp_path / "missing.duckdb"))
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "tidings ingest" in res.stderr


def test_serve_port_in_use_is_one_line_exit_2(db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        res = _cli("serve", "--db", str(db), "--port", str(s.getsockname()[1]))
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "cannot listen" in res.stderr


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_on_loopback(db, workers):
    import urllib.request

    from tidings.bench.api import free_port, stop

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tidings.cli", "serve", "--db", str(db), "--port",
                             str(port), "--workers", str(workers)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/dyads?a=KOR&b=PRK", timeout=5) as res:
                    rows = json.loads(res.read())
                break
            except OSError:
                assert time.monotonic() < deadline, "tidings serve did not answer"
                time.sleep(0.2)
        assert rows and rows[0]["period"].startswith("2024-")
    finally:
        stop(proc)
    assert proc.returncode is not None


WRK_OUT = """Running 10s test @ http://127.0.0.1:8765
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    23.51ms    3.14ms   1.24s    76.29%
    Req/Sec   315.20     52.03   360.00     90.00%
  Latency Distribution
     50%  850.00us
     75%    7.42ms
     90%   10.20ms
     99%    1.02s
  6315 requests in 10.00s, 6.78MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    631.47
Transfer/sec:    694.22KB
"""


def test_bench_api_reads_wrk_and_rotates_dyads():
    from tidings.bench.api import DYAD_PATHS, lua_script, parse_wrk

    r = parse_wrk(WRK_OUT)
    assert r["requests_per_s"] == 631.47 and r["requests"] == 6315
    assert r["latency_ms"] == {"p50": 0.85, "p75": 7.42, "p90": 10.2, "p99": 1020.0}
    assert r["errors"] == 7 and r["non_2xx"] == 4 and r["transfer_per_s"] == "694.22KB"
    script = lua_script()
    assert all(f'"{p}"' in script for p in DYAD_PATHS) and "wrk.format" in script
    assert {p.split("by=")[1] for p in DYAD_PATHS} >= {"day", "week", "month", "quarter", "year"}


def test_bench_api_without_wrk_says_how_to_install_it(tmp_path):
    import os

    env = {**os.environ, "PATH": str(tmp_path)}  # no wrk on it
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "bench-api", "--db", str(tmp_path / "b.duckdb")],
                         capture_output=True, text=True, timeout=120, env=env)
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "apt-get install wrk" in res.stderr
    assert not (tmp_path / "b.duckdb").exists()


def test_concurrent_requests_each_get_their_own_cursor(live):
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/api/dyads?a=KOR&b=PRK&by=week", "/api/events?limit=5&sort=goldstein",
             "/api/articles/sample-2024-03-28", "/api/network", "/api/quotes?speaker=kim",
             "/api/actors?q=kor", "/api/stats"]

    def fetch(path: str) -> tuple[str, bytes]:
        with urllib.request.urlopen(f"http://127.0.0.1:{live}{path}", timeout=30) as res:
            assert res.status == 200
            return path, res.read()

    with ThreadPoolExecutor(12) as pool:
        first = dict(pool.map(fetch, paths))
        for path, body in pool.map(fetch, paths * 15):
            assert body == first[path], path
