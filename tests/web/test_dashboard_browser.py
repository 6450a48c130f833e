"""The dashboard in a real browser: Playwright drives Debian's chromium (never a
downloaded one) against `tidings serve`'s app on a free loopback port, on a store
built from our fixture articles.

Skips when chromium or playwright is missing, unless TIDINGS_REQUIRE_BROWSER=1 (CI),
where that fails. Screenshots of every page go to $TIDINGS_ARTIFACTS (CI:
artifacts/screenshots) or the test's tmp folder.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.webstore import HOSTILE_ID, PRONOUN_ID, build_web_store

CHROMIUM = os.environ.get("TIDINGS_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable(reason: str) -> None:
    if os.environ.get("TIDINGS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (TIDINGS_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    out = os.environ.get("TIDINGS_ARTIFACTS")
    path = Path(out) if out else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app over the fixture store, served by uvicorn in a background thread."""
    import uvicorn

    from tidings.web.app import create_app

    db = build_web_store(tmp_path_factory.mktemp("web") / "web.duckdb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                        log_level="warning", access_log=False))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"no chromium at {CHROMIUM} (apt-get install chromium, or set TIDINGS_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    """A fresh page that records script errors and console errors."""
    ctx = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=server)
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(f"pageerror: {exc} at {pg.url}\n{exc.stack}"))
    pg.on("console", lambda msg: pg.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    yield pg
    ctx.close()


def api(page, path: str):
    res = page.request.get(path)
    assert res.ok, (path, res.status, res.text())
    return res.json()


def shot(page, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def test_every_page_loads_without_script_errors(page, artifacts):
    for path, ready, name in (("/", "#overview[data-ready]", "overview"),
                              ("/dyads?a=KOR&b=PRK&by=month", "#chart .bar", "dyads"),
                              ("/events", "#events-table tbody tr", "events"),
                              ("/articles/sample-2024-01-10", "#a-text .hl", "article"),
                              ("/network", "#network .node", "network"),
                              ("/quotes", "#quotes li", "quotes")):
        page.goto(path)
        page.wait_for_selector(ready)
        page.wait_for_selector("#store-stats:not(:empty)")
        assert not page.errors, (path, page.errors)
        assert page.locator("#message.error:visible").count() == 0, path
        shot(page, artifacts, name)


def test_pick_a_dyad_draw_it_click_a_bar_and_open_an_article(page, artifacts):
    page.goto("/dyads")
    page.fill("#actor-a", "south kor")
    page.click("#actor-a ~ .suggest li[data-code='KOR']")
    assert page.input_value("#actor-a") == "KOR"
    assert page.text_content("#actor-a-name") == "South Korea"
    page.fill("#actor-b", "PRK")
    page.click("#actor-b ~ .suggest li[data-code='PRK']")
    page.click("#dyad-form button[type=submit]")
    page.wait_for_selector("#chart .bar")
    assert page.url.endswith("/dyads?a=KOR&b=PRK&by=month")

    rows = api(page, "/api/dyads?a=KOR&b=PRK&by=month")
    bars = page.locator("#chart .bar")
    assert bars.count() == len(rows)
    for d in ("KOR->PRK", "PRK->KOR"):
        drawn = page.locator(f"#chart .panel[data-direction='{d}'] .bar")
        assert drawn.count() == sum(1 for r in rows if r["direction"] == d)
    segments = page.locator("#chart rect.seg").count()
    assert segments == sum(sum(1 for k in ("verbal_coop", "material_coop", "verbal_conflict",
                                           "material_conflict") if r[k]) for r in rows)
    # one Goldstein point per bar
    assert page.locator("#chart .gdot").count() == len(rows)
    shot(page, artifacts, "dyads-picked")

    busiest = max(rows, key=lambda r: (r["events"], r["period"]))
    bar = page.locator(f"#chart .bar[data-period='{busiest['period']}'][data-direction='{busiest['direction']}']")
    bar.hover()
    assert page.locator("#tooltip").is_visible()
    assert "mean Goldstein" in page.text_content("#tooltip")
    bar.click()
    page.wait_for_selector("#bar-table tbody tr")
    listed = page.locator("#bar-table tbody tr")
    assert listed.count() == busiest["events"]
    behind = api(page, f"/api/dyads/events?a=KOR&b=PRK&by=month&period={busiest['period']}"
                       f"&direction={quote(busiest['direction'])}")
    assert behind["total"] == busiest["events"]
    assert page.locator("#chart .bar.selected").count() == 1
    shot(page, artifacts, "dyads-bar-events")

    first = behind["items"][0]
    listed.first.locator("a").click()
    page.wait_for_url(f"**/article?id={quote(first['article_id'], safe='')}#event-{first['idx']}")
    page.wait_for_selector("#a-text .hl")
    check_highlights(page, first["article_id"])
    assert not page.errors, page.errors


def check_highlights(page, article_id: str) -> dict:
    art = api(page, "/api/article?id=" + quote(article_id, safe=""))
    text = page.locator("#a-text")
    # the highlighted text is exactly the article text, in order
    assert text.evaluate("n => n.textContent") == art["text"]
    # a pronoun standing for an actor ("It") is not highlighted as an actor
    mentions = sum(1 for a in art["actors"] for m in a["mentions"] if m["how"] != "pronoun")
    assert text.locator(".hl-actor:not(.cont)").count() == mentions
    assert text.locator(".hl-verb:not(.cont)").count() == len(art["events"])
    assert text.locator(".hl-quote:not(.cont)").count() == len(art["quotes"])
    for q in art["quotes"]:
        last = text.locator(f".hl-quote.last[data-quote='{q['idx']}']")
        assert last.get_attribute("data-speaker") == (q["speaker_name"] or q["speaker_code"] or "unknown speaker")
    assert page.locator("#a-events li").count() == len(art["events"])
    # every highlight covers exactly its characters (spans count code points: an emoji
    # before a span used to shift it by one UTF-16 unit per emoji)
    for e in art["events"]:
        shown = text.locator(f".hl-verb[data-event='{e['idx']}']").evaluate_all(
            "ns => ns.map(n => n.textContent).join('')")
        assert shown == art["text"][e["verb_start"]:e["verb_end"]], (article_id, e["verb"], shown)
    for a in art["actors"]:
        shown = text.locator(f".hl-actor[data-actor='{a['idx']}']:not(.cont)").evaluate_all(
            "ns => ns.map(n => n.textContent)")
        want = [art["text"][m["span_start"]:m["span_end"]] for m in a["mentions"] if m["how"] != "pronoun"]
        # (a piece cut where another span crosses it holds the start of its mention)
        assert len(shown) == len(want) and all(any(w.startswith(x) for w in want) for x in shown), (
            article_id, want, shown)
    return art


def test_article_highlights_and_event_hover(page, artifacts):
    page.goto("/articles/web-kor-2024-07")
    page.wait_for_selector("#a-text .hl")
    art = check_highlights(page, "web-kor-2024-07")
    assert art["quotes"] and art["events"]
    shown = re.search(r"tone ([+-]?\d+\.\d)", page.text_content("#a-meta"))  # the article's tone, as GDELT's
    assert shown and abs(float(shown.group(1)) - art["tone"]) <= 0.051, page.text_content("#a-meta")
    # the quote holds actors and an event: they are nested inside it
    quote_el = page.locator("#a-text .hl-quote").first
    assert quote_el.locator(".hl-actor").count() >= 2 and quote_el.locator(".hl-verb").count() == 1

    event = art["events"][1]
    page.locator(f"#event-{event['idx']}").hover()
    tip = page.locator("#tooltip")
    assert tip.is_visible()
    body = tip.text_content()
    assert event["cameo"] in body and event["cameo_name"] in body and event["rule"] in body
    assert event["plover"] in body and "quad class" in body
    # its source and target light up with it
    assert page.locator(f"#a-text .hl-src.active[data-event='{event['idx']}']").count() == 1
    assert page.locator(f"#a-text .hl-tgt.active[data-event='{event['idx']}']").count() == 1
    shot(page, artifacts, "article-hover")


def test_every_fixture_article_highlights_every_span(page):
    ids = [a["article_id"] for a in api(page, "/api/events?limit=500")["items"]]
    assert "." in ids  # an id no path can carry, in a text full of emoji
    for article_id in dict.fromkeys(ids):
        page.goto("/article?id=" + quote(article_id, safe=""))
        page.wait_for_selector("#a-text .hl")
        check_highlights(page, article_id)
    assert not page.errors, page.errors


def test_pronoun_actors_are_not_highlighted_as_actors(page, artifacts):
    page.goto("/article?id=" + quote(PRONOUN_ID, safe=""))
    page.wait_for_selector("#a-text .hl")
    art = check_highlights(page, PRONOUN_ID)
    iran = next(a for a in art["actors"] if a["code"] == "IRN")
    assert {m["how"] for m in iran["mentions"]} >= {"pronoun", "dictionary"}  # "It" stands for Iran
    actors = page.locator("#a-text .hl-actor").all_text_contents()
    assert "Iran" in actors and "It" not in actors
    # "It" is still the source of its event: it lights up with the event, as an argument
    event = next(e for e in art["events"] if e["source_text"] == "It")
    assert page.locator(f"#a-text .hl-src[data-event='{event['idx']}']").text_content() == "It"
    shot(page, artifacts, "article-pronoun")


def test_hostile_article_is_text_only(page, artifacts):
    page.goto("/articles/" + quote(HOSTILE_ID, safe=""))
    page.wait_for_selector("#a-text .hl")
    art = check_highlights(page, HOSTILE_ID)
    assert "<script>" in art["text"] and "<img" in art["title"]
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#a-text script, #a-text img, #a-text b, h1 img").count() == 0
    assert "<script>" in page.text_content("#a-text")
    assert "<img" in page.text_content("#a-title")
    # a javascript: URL never becomes a link
    assert page.locator("#a-meta a").count() == 0
    shot(page, artifacts, "article-hostile")


def test_crossing_spans_are_cut_not_lost(page):
    page.goto("/quotes")
    page.wait_for_selector("#quotes li")
    result = page.evaluate("""() => {
        const box = document.createElement('div');
        const text = 'abcdefghijklmnop';
        const spans = [{start: 0, end: 8, k: 'a'}, {start: 2, end: 12, k: 'b'}, {start: 2, end: 12, k: 'c'},
                       {start: 4, end: 6, k: 'd'}, {start: 10, end: 16, k: 'e'}];
        T.highlight(box, text, spans, (s, cont) => {
            const n = document.createElement('span');
            n.className = s.k + (cont ? ' cont' : '');
            return n;
        });
        const count = (sel) => box.querySelectorAll(sel).length;
        return {text: box.textContent, a: count('.a:not(.cont)'), b: count('.b:not(.cont)'),
                c: count('.c:not(.cont)'), d: count('.d:not(.cont)'), e: count('.e:not(.cont)'),
                conts: count('.cont'), lasts: count('.last'),
                bText: [...box.querySelectorAll('.b')].map(n => n.textContent).join(''),
                eText: [...box.querySelectorAll('.e')].map(n => n.textContent).join('')};
    }""")
    assert result["text"] == "abcdefghijklmnop"
    assert all(result[k] == 1 for k in "abcde") and result["lasts"] == 5
    assert result["conts"] >= 2
    assert result["bText"] == "cdefghijkl" and result["eText"] == "klmnop"


def test_events_page_filters_sort_and_links(page, artifacts):
    page.goto("/events?source=PRK&target=KOR&sort=goldstein&order=desc")
    page.wait_for_selector("#events-table tbody tr")
    want = api(page, "/api/events?source=PRK&target=KOR&sort=goldstein&order=desc")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == want["total"] > 1
    assert page.input_value("#f-source") == "PRK" and page.input_value("#f-target") == "KOR"
    assert rows.first.locator("td").nth(3).text_content().startswith(want["items"][0]["cameo"])
    shot(page, artifacts, "events-filtered")

    page.click("#events-table th a[data-sort='date']")
    page.wait_for_url("**/events?*sort=date*")
    assert "source=PRK" in page.url and "order=asc" in page.url
    page.wait_for_selector("#events-table tbody tr")

    page.fill("#f-cameo", "13")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**cameo=13**")
    page.wait_for_selector("#events-table tbody tr")
    for cell in page.locator("#events-table tbody tr td:nth-child(4) .code").all_text_contents():
        assert cell.startswith("13")
    page.locator("#events-table tbody tr a").first.click()
    page.wait_for_selector("#a-text .hl")
    assert "/article?id=" in page.url
    assert not page.errors, page.errors


def test_events_page_bad_filter_says_why(page):
    page.goto("/events?since=2024-02-30")
    page.wait_for_selector("#message.error")
    assert "YYYY-MM-DD" in page.text_content("#message")


def test_network_page(page, artifacts):
    page.goto("/network?since=2024-01-01&until=2024-12-31")
    page.wait_for_selector("#network .node")
    net = api(page, "/api/network?since=2024-01-01&until=2024-12-31&edges=200")
    assert page.locator("#network .node").count() == len(net["nodes"]) >= 4
    assert page.locator("#network .edge").count() == len(net["edges"])
    # nodes are named by country, not by code
    labels = page.locator("#network .node text").all_text_contents()
    assert {"North Korea", "South Korea", "United States"} <= set(labels) and "PRK" not in labels
    busiest = page.locator("#network .edge").last  # drawn last, on top
    busiest.scroll_into_view_if_needed()
    # a curve's box centre is off the stroke: hover its midpoint
    mid = busiest.evaluate("""p => { const q = p.getPointAtLength(p.getTotalLength() / 2);
        const m = p.getScreenCTM(); return {x: q.x * m.a + m.e, y: q.y * m.d + m.f}; }""")
    page.mouse.move(mid["x"], mid["y"])
    assert "events" in page.text_content("#tooltip")
    shot(page, artifacts, "network-period")


def test_quotes_search(page, artifacts):
    page.goto("/quotes?speaker=kim")
    page.wait_for_selector("#quotes li")
    assert page.locator("#quotes li").count() == 1
    assert "Kim Yo Jong" in page.text_content("#quotes li")
    # a short quote comes with its sentence
    assert page.text_content("#quotes li .sentence") == (
        '"North Korea will crush any attack by South Korea," said Kim Yo Jong, the sister of the North '
        'Korean leader.')
    page.goto("/quotes?q=" + quote("100%"))
    page.wait_for_selector("#quotes li")
    assert page.locator("#quotes li").count() == 1
    page.goto("/quotes?q=_")  # _ is a literal underscore, not a wildcard
    page.wait_for_selector("#quotes li")
    assert page.locator("#quotes li").count() == 1
    page.fill("#q-words", "nothing like this was ever said")
    page.click("#q-form button[type=submit]")
    page.wait_for_selector("#message:not([hidden])")
    assert page.locator("#quotes li").count() == 0
    page.goto("/quotes")
    page.wait_for_selector("#quotes li")
    shot(page, artifacts, "quotes")


# -- the overview ----------------------------------------------------------------------------
def wait_overview(page, since: str = "", until: str = "") -> None:
    """Wait until the overview has drawn everything for the range since..until."""
    page.wait_for_selector(f"#overview[data-ready][data-since='{since}'][data-until='{until}']")


def latest_dates(page) -> list[str]:
    return page.locator("#latest tbody tr").evaluate_all("rs => rs.map(r => r.dataset.date)")


def test_overview_draws_volume_tables_and_latest_events(page, artifacts):
    page.goto("/")
    wait_overview(page)
    vol = api(page, "/api/overview/volume?by=week")  # the fixture spans most of a year: weeks
    assert page.get_attribute("#volume", "data-by") == "week"
    assert page.get_attribute("#volume", "data-periods") == str(len(vol["items"]))
    # the stacked bars are drawn: one SVG path per non-empty quad-class segment
    assert page.locator("#volume svg").count() == 1
    segments = sum(1 for r in vol["items"] for k in ("verbal_coop", "material_coop", "verbal_conflict",
                                                     "material_conflict") if r[k])
    assert page.locator("#volume svg path").count() >= segments
    ov = api(page, "/api/overview?min_events=5")
    rows = page.locator("#top-dyads tbody tr")
    assert rows.count() == len(ov["top_dyads"])
    assert rows.first.locator("a").text_content() == "South Korea – North Korea"
    assert rows.first.locator("a").get_attribute("href").startswith("/dyads?a=KOR&b=PRK")
    assert page.locator("#hostile tbody tr").count() == len(ov["hostile"]) == 1
    assert latest_dates(page) == [e["date"] for e in ov["latest"]]
    first = ov["latest"][0]
    link = page.locator("#latest tbody tr").first.locator("a.source-url")
    assert link.get_attribute("href") == first["url"] and first["url"].startswith("https://")
    # the hostile article's javascript: URL never becomes a link
    assert page.locator("#latest a[href^='javascript']").count() == 0
    assert not page.errors, page.errors
    shot(page, artifacts, "overview")


def test_overview_map_draws_countries_and_a_marker_per_place(page, artifacts):
    page.goto("/")
    wait_overview(page)
    points = api(page, "/api/overview")["map"]
    assert page.get_attribute("#map", "data-markers") == str(len(points["points"])) == "6"
    assert page.get_attribute("#map", "data-countries") == str(len(points["countries"]))
    drawn = page.evaluate("""() => {
        const opt = echarts.getInstanceByDom(document.getElementById('map')).getOption();
        const scatter = opt.series.find(s => s.type === 'scatter');
        return {markers: scatter.data.map(d => d.value), paths: document.querySelectorAll('#map svg path').length};
    }""")
    assert sorted(drawn["markers"]) == sorted([p["lon"], p["lat"], p["events"]] for p in points["points"])
    assert drawn["paths"] > 170  # the country shapes (shipped with the app) and the markers
    shot(page, artifacts, "overview-map")


def brush(page, start: float, end: float) -> None:
    """Drag across the volume chart's plot from fraction ``start`` to ``end`` of its width."""
    box = page.locator("#volume").bounding_box()
    left, right = box["x"] + 48, box["x"] + box["width"] - 16  # the chart's grid margins
    y = box["y"] + box["height"] / 2
    page.mouse.move(left + (right - left) * start, y)
    page.mouse.down()
    page.mouse.move(left + (right - left) * (start + end) / 2, y, steps=5)
    page.mouse.move(left + (right - left) * end, y, steps=5)
    page.mouse.up()


def test_brushing_the_volume_chart_filters_every_view_and_the_address(page, artifacts):
    page.goto("/")
    wait_overview(page)
    before = latest_dates(page)
    brush(page, 0.02, 0.35)
    page.wait_for_selector("#overview[data-ready][data-since]:not([data-since=''])")
    since = page.get_attribute("#overview", "data-since")
    until = page.get_attribute("#overview", "data-until")
    wait_overview(page, since, until)
    assert since < until < "2024-07-01", (since, until)
    assert f"since={since}" in page.url and f"until={until}" in page.url
    ov = api(page, f"/api/overview?since={since}&until={until}")
    after = latest_dates(page)
    assert after != before and after == [e["date"] for e in ov["latest"]]
    assert all(since <= d <= until for d in after)
    assert page.locator("#top-dyads tbody tr").count() == len(ov["top_dyads"])
    assert page.get_attribute("#map", "data-markers") == str(len(ov["map"]["points"]))
    assert page.input_value("#o-since") == since and page.input_value("#o-until") == until
    shot(page, artifacts, "overview-brushed")

    page.goto(page.url)  # the address is the view: a reload shows the same period
    wait_overview(page, since, until)
    assert latest_dates(page) == after
    page.click("#o-clear")
    wait_overview(page)
    assert latest_dates(page) == before and "since=" not in page.url
    assert not page.errors, page.errors


def test_download_links_carry_the_brushed_range(page):
    import csv
    import io

    page.goto("/?since=2024-10-01&until=2024-10-31")
    wait_overview(page, "2024-10-01", "2024-10-31")
    shown = latest_dates(page)
    assert shown and all(d.startswith("2024-10") for d in shown)
    href = page.get_attribute(".dl[data-table='latest'] a[data-format='csv']", "href")
    assert "since=2024-10-01" in href and "until=2024-10-31" in href and "table=latest" in href
    res = page.request.get(href)
    assert res.ok and res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.text())))
    assert [r["date"] for r in rows] == shown
    parquet = page.get_attribute(".dl[data-table='latest'] a[data-format='parquet']", "href")
    assert "since=2024-10-01" in parquet and "format=parquet" in parquet
    res = page.request.get(parquet)
    assert res.ok and res.body()[:4] == b"PAR1"
    places = page.request.get(page.get_attribute(".dl[data-table='places'] a[data-format='csv']", "href"))
    assert [r["place"] for r in csv.DictReader(io.StringIO(places.text()))] == ["Islamabad", "Srinagar", "Paris"]
    # a real click downloads the file
    with page.expect_download() as info:
        page.click(".dl[data-table='dyads'] a[data-format='csv']")
    assert info.value.suggested_filename == "tidings-dyads-2024-10-01-2024-10-31.csv"
    assert not page.errors, page.errors
