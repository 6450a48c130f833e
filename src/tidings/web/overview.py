"""The overview's API: volume over time by quad class, the busiest, most hostile and most
cooperative country pairs, the latest events and the map of located events, each for
a date range (the range brushed on the volume chart), and every one of them as a CSV
or Parquet download with the same filters (``/api/overview/download``).

Counts are of events (clusters: each counted once, by its first report, ``lead``);
the queries aggregate in the store (see :mod:`tidings.store.queries`) and return a
bounded number of rows, so the overview stays quick on a store of millions of events.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from tidings.output import csv_safe
from tidings.store import queries
from tidings.web.app import BadParameter, Cur, Heavy, Json, _by, _date

TABLES = ("volume", "dyads", "hostile", "cooperative", "latest", "places", "countries")
FORMATS = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}
MAX_TOP = 100
MAX_LATEST = 500
MAX_POINTS = 5000
MAX_DOWNLOAD = 10_000
CACHED = 64  # answers kept per snapshot: the landing page and recent ranges cost nothing
_cache_lock = threading.Lock()
VOLUME_COLUMNS = ["period", "events", "mentions", "mean_goldstein", "verbal_coop", "material_coop",
                  "verbal_conflict", "material_conflict"]
PAIR_COLUMNS = ["a", "a_name", "b", "b_name", "events", "mean_goldstein", "conflict_events"]
COLUMNS = {  # what each table holds, in order: also the header of an empty download
    "volume": VOLUME_COLUMNS, "dyads": PAIR_COLUMNS, "hostile": PAIR_COLUMNS, "cooperative": PAIR_COLUMNS,
    "latest": ["date", "source_code", "source_name", "target_code", "target_name", "cameo", "cameo_name",
               "plover", "quad_class", "goldstein", "location", "location_country", "article_id", "idx",
               "cluster_id", "title", "url"],
    "places": ["lat", "lon", "events", "place", "country", "mean_goldstein"],
    "countries": ["code", "name", "events"],
}

router = APIRouter()


def cached(request: Request, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """``compute()``, or its answer for ``key`` from this snapshot's cache (a snapshot never
    changes, so neither does the answer; a new snapshot starts with an empty cache). The
    least recently used of more than CACHED answers is dropped."""
    store = request.state.generation.cache
    with _cache_lock:
        answers = store.setdefault("overview", OrderedDict())
        if key in answers:
            answers.move_to_end(key)
            return answers[key]
    value = compute()
    with _cache_lock:
        answers[key] = value
        while len(answers) > CACHED:
            answers.popitem(last=False)
    return value


def _range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    first, last = _date("since", since), _date("until", until)
    if first and last and first > last:
        raise BadParameter(f"since ({first}) is after until ({last})")
    return first, last


def _count(name: str, value: int, most: int) -> int:
    if not 1 <= value <= most:
        raise BadParameter(f"{name} takes a number from 1 to {most}, not {value}")
    return value


@router.get("/api/overview/volume", dependencies=[Heavy])
def api_volume(request: Request, cur: Cur, by: str = "month", since: str | None = None,
               until: str | None = None) -> Json:
    """Events per period (day ... year) and quad class, with mentions and mean Goldstein:
    the overview's volume chart (since/until keep the events of those days)."""
    first, last = _range(since, until)
    items = cached(request, ("volume", _by(by), first, last),
                   lambda: queries.volume(cur, by=by, since=first, until=last))
    return Json({"by": by, "since": first, "until": last, "items": items})


@router.get("/api/overview", dependencies=[Heavy])
def api_overview(request: Request, cur: Cur, since: str | None = None, until: str | None = None,
                 top: int = 10, min_events: int = 5, latest: int = 20, points: int = 2000) -> Json:
    """For the events from since to until: the `top` busiest country pairs, the most
    hostile and most cooperative pairs (mean Goldstein, among pairs with at least
    `min_events` events), the `latest` newest events with their article's URL, and
    the map: events per place (rounded to 0.1 degree, the busiest `points`) and per
    country of location."""
    first, last = _range(since, until)
    top, latest = _count("top", top, MAX_TOP), _count("latest", latest, MAX_LATEST)
    points, min_events = _count("points", points, MAX_POINTS), _count("min_events", min_events, 1_000_000)
    return Json(cached(request, ("overview", first, last, top, min_events, latest, points),
                       lambda: overview(cur, first, last, top, min_events, latest, points)))


def overview(cur: Any, first: str | None, last: str | None, top: int, min_events: int, latest: int,
             points: int) -> dict[str, Any]:
    pairs = queries.pair_rankings(cur, since=first, until=last, top=top, min_events=min_events)
    return {
        "since": first, "until": last, "min_events": min_events,
        "top_dyads": pairs["events"], "hostile": pairs["hostile"], "cooperative": pairs["cooperative"],
        "latest": queries.latest_events(cur, since=first, until=last, limit=latest),
        "map": queries.event_map(cur, since=first, until=last, limit=points),
    }


def table_rows(cur: Any, table: str, *, by: str, since: str | None, until: str | None, top: int,
               min_events: int, limit: int) -> list[dict[str, Any]]:
    """The rows of one of the overview's tables, as the page shows them."""
    if table == "volume":
        return queries.volume(cur, by=by, since=since, until=until)
    if table in ("dyads", "hostile", "cooperative"):
        pairs = queries.pair_rankings(cur, since=since, until=until, top=top, min_events=min_events)
        return pairs["events" if table == "dyads" else table]
    if table == "latest":
        return queries.latest_events(cur, since=since, until=until, limit=limit)
    found = queries.event_map(cur, since=since, until=until, limit=limit)
    return found["points"] if table == "places" else found["countries"]


def to_csv(rows: list[dict[str, Any]], columns: list[str]) -> bytes:
    """CSV with a header; text that a spreadsheet would run as a formula is defused."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow(["" if r.get(c) is None else csv_safe(r.get(c)) for c in columns])
    return out.getvalue().encode("utf-8")


def to_parquet(rows: list[dict[str, Any]], columns: list[str]) -> bytes:
    """Parquet of the rows; ``date`` and ``period`` as dates."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = {}
    for c in columns:
        values = [r.get(c) for r in rows]
        if c in ("date", "period"):
            data[c] = pa.array([dt.date.fromisoformat(v) if v else None for v in values], pa.date32())
        else:
            data[c] = pa.array(values, pa.string()) if not rows else pa.array(values)
    sink = io.BytesIO()
    pq.write_table(pa.table(data), sink)
    return sink.getvalue()


@router.get("/api/overview/download", dependencies=[Heavy])
def api_download(cur: Cur, table: str, format: str = "csv", by: str = "month",
                 since: str | None = None, until: str | None = None, top: int = 10,
                 min_events: int = 5, limit: int = 1000) -> Response:
    """One of the overview's tables (volume, dyads, hostile, cooperative, latest, places,
    countries) for since..until as a CSV (formula-safe) or Parquet file; the same
    filters as /api/overview and /api/overview/volume, `limit` rows of latest events
    or places (at most 10,000)."""
    if table not in TABLES:
        raise BadParameter(f"table takes one of {', '.join(TABLES)}, not {table[:40]!r}")
    if format not in FORMATS:
        raise BadParameter(f"format takes csv or parquet, not {format[:40]!r}")
    first, last = _range(since, until)
    found = table_rows(cur, table, by=_by(by), since=first, until=last, top=_count("top", top, MAX_TOP),
                       min_events=_count("min_events", min_events, 1_000_000),
                       limit=_count("limit", limit, MAX_DOWNLOAD))
    body = (to_csv if format == "csv" else to_parquet)(found, COLUMNS[table])
    name = "-".join(["tidings", table, *(x for x in (first, last) if x)]) + "." + format
    return Response(body, media_type=FORMATS[format],
                    headers={"content-disposition": f'attachment; filename="{name}"',
                             "cache-control": "no-store"})
