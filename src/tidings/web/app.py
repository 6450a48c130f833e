"""The dashboard and JSON API: ``create_app(db_path)`` gives a FastAPI app over a store.

The store is opened read-only, with DuckDB's file access switched off and its
configuration locked, so no request can write to it or reach other files through
it; each request gets its own cursor (DuckDB connections are not thread-safe). Every
query is parameterised, every list is paged with a capped ``limit``, and the static
files are a fixed mapping of names loaded at start (no path from a request is ever
opened). Errors are JSON ``{"error": "..."}``: 400 for a bad parameter, 404 for an
unknown article or route, 422 for a parameter of the wrong type, 500 without a
traceback. Pages are plain HTML shells; their own JavaScript (``static/``) draws
everything from the API, writing article text only as text nodes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from tidings.output import text_ids
from tidings.rules.cameo import PLOVER_TYPES
from tidings.store import StoreBusy, StoreError, queries
from tidings.store.schema import PERIODS
from tidings.store.snapshot import SnapshotError, SnapshotReader, is_current, refresh, snapshot_path

MAX_LIMIT = 500
MAX_OFFSET = 100_000_000
MAX_TEXT = 200
DB_ENV = "TIDINGS_DB"
THREADS_ENV = "TIDINGS_DUCKDB_THREADS"
ALLOW_HOSTS_ENV = "TIDINGS_ALLOW_HOSTS"  # comma-separated names besides addresses and localhost
MAX_QUERIES_ENV = "TIDINGS_MAX_QUERIES"
QUERY_WAIT = 5.0  # seconds a heavy query waits for a free slot before a 503
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml", ".html": "text/html; charset=utf-8",
                ".geojson": "application/geo+json"}
VENDOR = "vendor/echarts.min.js"  # the one chart library (see static/vendor/README.md)
STATIC_FILES = ("style.css", "common.js", "dyads.js", "events.js", "article.js", "network.js",
                "quotes.js", "overview.js", "favicon.svg", "world.geojson", VENDOR)
PAGES = {"/": "overview.html", "/dyads": "dyads.html", "/events": "events.html",
         "/network": "network.html", "/quotes": "quotes.html"}
# each page file holds its <main>; _layout.html wraps it: (title, data-page, scripts)
PAGE_PARTS = {"overview.html": ("Overview", "overview", (VENDOR, "overview.js")),
              "dyads.html": ("Dyad explorer", "dyads", ("dyads.js",)),
              "events.html": ("Events", "events", ("events.js",)),
              "network.html": ("Network", "network", ("network.js",)),
              "quotes.html": ("Quotes", "quotes", ("quotes.js",)),
              "article.html": ("Article", "article", ("article.js",))}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
_CODE = re.compile(r"[A-Za-z0-9]{2,24}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CAMEO = re.compile(r"[0-9]{1,4}")  # ASCII digits: \d takes "١٣" too


class ApiError(BaseModel):
    """The body of every error answer: one line saying what is wrong."""

    error: str


# documented for every operation, so /openapi.json says what errors look like (FastAPI's
# default 422 body, {"detail": [...]}, is not what the handlers below send)
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ApiError, "description": "A parameter the API cannot use"},
    404: {"model": ApiError, "description": "No such article, page or endpoint"},
    422: {"model": ApiError, "description": "A parameter of the wrong type, or a required one left out"},
}


class BadParameter(Exception):
    """A request parameter the API cannot use: answered 400 with the message."""


class Json(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(text_ids(content), ensure_ascii=False, separators=(",", ":"),
                          default=str).encode()


def _error(status: int, message: str) -> Json:
    return Json({"error": message}, status_code=status)


class _HostCheck:
    """Pure ASGI middleware refusing a Host header that is neither an IP address nor
    ``localhost`` nor a name given with ``--allow-host``: a page on a DNS-rebinding
    domain reaches the server under its own name, and is refused."""

    def __init__(self, app: Any, names: frozenset[str]) -> None:
        self.app, self.names = app, names

    def allowed(self, host: str) -> bool:
        import ipaddress

        name = host.strip().lower()
        if name.startswith("["):  # [::1]:8000
            name = name[1:].split("]", 1)[0]
        elif name.count(":") == 1:
            name = name.split(":", 1)[0]
        name = name.rstrip(".")
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return name == "localhost" or name in self.names

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            host = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"host"), "")
            if not self.allowed(host):
                body = json.dumps({"error": f"Host {host[:100]!r} is not served here: open the "
                                            f"dashboard by its address, or start tidings serve "
                                            f"with --allow-host NAME"}).encode()
                await send({"type": "http.response.start", "status": 400,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


class _SecurityHeaders:
    """Pure ASGI middleware adding the CSP and friends to every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- parameters ----------------------------------------------------------------------------
def _code(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not _CODE.fullmatch(value.strip()):
        raise BadParameter(f"{name} takes an actor code of letters and digits like USA or USAGOV, "
                           f"not {value[:40]!r}")
    return value.strip().upper()


def _date(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise BadParameter(f"{name} takes a date written YYYY-MM-DD, not {text[:40]!r}") from None


def _text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise BadParameter(f"{name} takes at most {MAX_TEXT} characters")
    return value


def _page(limit: int, offset: int) -> tuple[int, int]:
    if limit < 1:
        raise BadParameter(f"limit takes a number from 1 to {MAX_LIMIT}, not {limit}")
    if not 0 <= offset <= MAX_OFFSET:
        raise BadParameter(f"offset takes a number from 0 to {MAX_OFFSET}, not {offset}")
    return min(limit, MAX_LIMIT), offset


def _by(value: str) -> str:
    if value not in PERIODS:
        raise BadParameter(f"by takes one of {', '.join(PERIODS)}, not {value[:40]!r}")
    return value


def _filters(source: str | None, target: str | None, since: str | None, until: str | None,
             cameo: str | None, plover: str | None) -> dict[str, str | None]:
    if cameo is not None and cameo.strip() and not _CAMEO.fullmatch(cameo.strip()):
        raise BadParameter(f"cameo takes a CAMEO code or its first digits (like 13 or 138), "
                           f"not {cameo[:40]!r}")
    if plover is not None and plover.strip() and plover.strip().upper() not in PLOVER_TYPES:
        raise BadParameter(f"plover takes one of {', '.join(PLOVER_TYPES)}, not {plover[:40]!r}")
    return {"source": _code("source", source), "target": _code("target", target),
            "since": _date("since", since), "until": _date("until", until),
            "cameo": (cameo or "").strip() or None, "plover": (plover or "").strip().upper() or None}


def _listing(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> Json:
    return Json({"total": total, "limit": limit, "offset": offset, "items": items})


# -- the app -------------------------------------------------------------------------------
def _cursor(request: Request) -> Iterator[Any]:
    """A cursor of the app's read-only connection for one request."""
    reader = request.app.state.reader
    gen = reader.acquire()  # an older snapshot stays open until this request is done
    request.state.generation = gen
    try:
        with request.app.state.cursor_lock:
            cur = gen.store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()
    finally:
        reader.release(gen)


Cur = Annotated[Any, Depends(_cursor)]


class Busy(Exception):
    """Every slot for heavy queries stayed taken: answered 503."""


def _heavy(request: Request) -> Iterator[None]:
    """A slot for one heavy query (scans of the events table)."""
    if not request.app.state.heavy.acquire(timeout=request.app.state.query_wait):
        raise Busy()
    try:
        yield
    finally:
        request.app.state.heavy.release()


Heavy = Depends(_heavy)


def _load_static() -> dict[str, tuple[bytes, str]]:
    root = files("tidings.web").joinpath("static")
    out = {name: (root.joinpath(name).read_bytes(), STATIC_TYPES[Path(name).suffix]) for name in STATIC_FILES}
    layout = root.joinpath("_layout.html").read_text(encoding="utf-8")
    for name, (title, page, scripts) in PAGE_PARTS.items():
        tags = "\n".join(f'<script src="/static/{s}"></script>' for s in scripts)
        html = (layout.replace("{{title}}", title).replace("{{page}}", page)
                .replace("{{scripts}}", tags)
                .replace("{{main}}", root.joinpath(name).read_text(encoding="utf-8").rstrip("\n")))
        out[name] = (html.encode("utf-8"), STATIC_TYPES[".html"])
    return out


def open_reader(db_path: str | Path, *, duckdb_threads: int | None = None) -> SnapshotReader:
    """Read-only connections on the store's snapshot (see :mod:`tidings.store.snapshot`): the
    server never holds the store's own lock, so an ingest can write while it answers
    from the last published state. A missing or stale snapshot is made first when no
    process is writing the store."""
    db = Path(db_path)
    if not db.exists() and not snapshot_path(db).exists():
        raise StoreError(f"no store at {db}: run `tidings ingest ... --db {db}` first")
    if db.exists() and not is_current(db):
        try:
            refresh(db)
        except StoreBusy:
            if not snapshot_path(db).exists():
                raise StoreError(f"{db} is being written by another process and has no snapshot "
                                 f"yet: start the server once that ingest has begun storing "
                                 f"(it publishes one when it starts)") from None
        except SnapshotError as exc:
            raise StoreError(str(exc)) from None

    def configure(con: Any) -> None:
        if duckdb_threads:
            con.execute(f"SET threads = {int(duckdb_threads)}")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")

    return SnapshotReader(db, configure=configure)


def create_app(db_path: str | Path, *, duckdb_threads: int | None = None,
               allow_hosts: tuple[str, ...] = (), max_queries: int | None = None) -> FastAPI:
    """The dashboard and API over the store at ``db_path``, read from its snapshot
    (:func:`open_reader`; raises :class:`tidings.store.core.StoreError` when there is none
    and one cannot be made, or it cannot be read). Requests under a Host that is not an
    address, localhost or one of ``allow_hosts`` get 400; at most ``max_queries`` heavy
    queries (dyads, events, network, quotes, actors) run at once (default: two per core),
    a request that waits longer than a few seconds for one gets 503."""
    reader = open_reader(db_path, duckdb_threads=duckdb_threads)
    try:
        check_readable(reader)
    except StoreError:
        reader.close()
        raise
    heavy = threading.BoundedSemaphore(max_queries or 2 * (os.cpu_count() or 1))
    static = _load_static()
    actor_lock = threading.Lock()

    app = FastAPI(title="tidings", version="1", docs_url=None, redoc_url=None, responses=ERROR_RESPONSES,
                  description="Event data from news: dyads, events, articles with their "
                              "highlighted actors, events and quotes, and a country network.")
    app.state.reader = reader
    app.state.db = reader.db
    app.state.cursor_lock = threading.Lock()
    app.state.heavy = heavy
    app.state.query_wait = QUERY_WAIT
    app.add_middleware(_SecurityHeaders)
    app.add_middleware(_HostCheck, names=frozenset(h.strip().lower().rstrip(".") for h in allow_hosts if h.strip()))

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, exc: BadParameter) -> Json:
        return _error(400, str(exc))

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy) -> Json:
        answer = _error(503, "the server is busy with other queries: retry in a few seconds")
        answer.headers["retry-after"] = "5"
        return answer

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Json:
        if exc.status_code == 404 and exc.detail == "Not Found":
            return _error(404, f"no such page or endpoint: {request.url.path[:200]}")
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Json:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x != "query")
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return _error(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Json:
        if type(exc).__module__.startswith(("duckdb", "_duckdb")):
            first = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
            return _error(500, f"the store could not be read ({first}): it may be damaged")
        return _error(500, "internal error: the server log has the details")

    def _file(name: str, status: int = 200) -> Response:
        body, media = static[name]
        return Response(body, status_code=status, media_type=media,
                        headers={"cache-control": "no-cache"})

    def page_route(page: str) -> Any:
        def serve_page() -> Response:
            return _file(page)
        return serve_page

    for route, page in PAGES.items():
        app.add_api_route(route, page_route(page), methods=["GET"], include_in_schema=False)

    @app.get("/articles/{article_id:path}", include_in_schema=False)
    def article_page(article_id: str, cur: Cur) -> Response:
        return _file("article.html", 200 if queries.article_exists(cur, article_id) else 404)

    @app.get("/article", include_in_schema=False)
    def article_page_by_query(cur: Cur, id: str = "") -> Response:
        """The article page for any id, also "." and ".." (which no path can carry)."""
        return _file("article.html", 200 if id and queries.article_exists(cur, id) else 404)

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> Response:
        if name not in STATIC_FILES:
            return _error(404, "no such static file")
        return _file(name)

    @app.get("/static/vendor/{name}", include_in_schema=False)
    def vendor_file(name: str) -> Response:
        if f"vendor/{name}" not in STATIC_FILES:
            return _error(404, "no such static file")
        return _file(f"vendor/{name}")

    from tidings.web.overview import router  # its routes use this module's helpers

    app.include_router(router)

    # -- API ------------------------------------------------------------------------------
    @app.get("/api/stats")
    def api_stats(cur: Cur) -> Json:
        """Counts in the store: articles, events, quotes, actors, errors, date range."""
        return Json(queries.stats(cur))

    @app.get("/api/dyads", dependencies=[Heavy])
    def api_dyads(cur: Cur, a: str, b: str, by: str = "month", since: str | None = None,
                  until: str | None = None) -> Json:
        """Per period and direction (A->B, B->A): events, mentions, mean Goldstein and
        events per quad class (a JSON list, as `tidings dyads`); since/until keep the
        periods that overlap those days."""
        ca, cb = _code("a", a), _code("b", b)
        if ca is None or cb is None:
            raise BadParameter("a and b take actor codes like USA and PRK")
        first, last = _date("since", since), _date("until", until)
        rows = queries.dyads(cur, ca, cb, by=_by(by))
        return Json(queries.clip_periods(rows, by, first, last) if first or last else rows)

    @app.get("/api/dyads/events", dependencies=[Heavy])
    def api_dyad_events(cur: Cur, a: str, b: str, period: str, direction: str, by: str = "month",
                        limit: int = 100, offset: int = 0) -> Json:
        """The events (clusters) behind one bar of the dyad chart: a period start as
        /api/dyads gives it and a direction "A->B"; each with its first mention."""
        ca, cb = _code("a", a), _code("b", b)
        if ca is None or cb is None:
            raise BadParameter("a and b take actor codes like USA and PRK")
        if direction.upper() not in (f"{ca}->{cb}", f"{cb}->{ca}"):
            raise BadParameter(f"direction takes {ca}->{cb} or {cb}->{ca}, not {direction[:40]!r}")
        start = _date("period", period)
        if start is None:
            raise BadParameter("period takes the start date of a period, YYYY-MM-DD")
        limit, offset = _page(limit, offset)
        total, items = queries.dyad_events(cur, ca, cb, by=_by(by), period=start,
                                           direction=direction.upper(), limit=limit, offset=offset)
        return _listing(items, total, limit, offset)

    @app.get("/api/events", dependencies=[Heavy])
    def api_events(cur: Cur, source: str | None = None, target: str | None = None,
                   since: str | None = None, until: str | None = None, cameo: str | None = None,
                   plover: str | None = None, sort: str = "date", order: str = "asc",
                   limit: int = 100, offset: int = 0) -> Json:
        """Events (one row per mention) with their sentence: filter by source/target
        (a country or an actor code prefix), since/until (YYYY-MM-DD), cameo (code
        prefix) and plover; sort by date, source, target, cameo, plover or goldstein."""
        f = _filters(source, target, since, until, cameo, plover)
        if sort not in queries.SORTS:
            raise BadParameter(f"sort takes one of {', '.join(queries.SORTS)}, not {sort[:40]!r}")
        if order not in ("asc", "desc"):
            raise BadParameter(f"order takes asc or desc, not {order[:40]!r}")
        limit, offset = _page(limit, offset)
        total, items = queries.events_page(cur, **f, sort=sort, desc=order == "desc", limit=limit,
                                           offset=offset)
        return _listing(items, total, limit, offset)

    @app.get("/api/actors", dependencies=[Heavy])
    def api_actors(request: Request, cur: Cur, q: str = "", limit: int = 20, offset: int = 0) -> Json:
        """Countries, actor codes and named people and organisations matching q (a code
        prefix or part of a name), busiest first: what the dyad picker offers."""
        text = _text("q", q) or ""
        limit, offset = _page(limit, offset)
        cache = request.state.generation.cache  # one index per snapshot: new actors show
        with actor_lock:
            if "actors" not in cache:
                cache["actors"] = queries.actor_index(cur)
        found = queries.search_actors(cache["actors"], text, offset + limit)
        return _listing(found[offset:], len(found), limit, offset)

    @app.get("/api/articles/{article_id:path}")
    def api_article(cur: Cur, article_id: str) -> Json:
        """An article's cleaned text with its events (verb, source and target spans,
        codes, rule), quotes (speaker) and actors (mention spans). Spans count Unicode
        code points (a JavaScript client converts them: see static/common.js)."""
        art = queries.article(cur, article_id)
        if art is None:
            return _error(404, f"no article with id {article_id[:100]!r} in this store")
        return Json(art)

    @app.get("/api/article")
    def api_article_by_query(cur: Cur, id: str) -> Json:
        """The same as /api/articles/{id}, with the id as a query parameter: any id,
        also "." and ".."."""
        return api_article(cur, id)

    @app.get("/api/quotes", dependencies=[Heavy])
    def api_quotes(cur: Cur, speaker: str | None = None, q: str | None = None, limit: int = 50,
                   offset: int = 0) -> Json:
        """Quotes with their speakers: speaker matches part of the speaker's name or
        code, q part of the quote (both literal text, case-insensitive); a short quote
        comes with the sentence around it (sentence_text)."""
        from tidings.web.quotes import with_sentences

        limit, offset = _page(limit, offset)
        total, items = queries.quotes_page(cur, speaker=_text("speaker", speaker), q=_text("q", q),
                                           limit=limit, offset=offset)
        return _listing(with_sentences(cur, items), total, limit, offset)

    @app.get("/api/network", dependencies=[Heavy])
    def api_network(cur: Cur, since: str | None = None, until: str | None = None,
                    nodes: int = 30, edges: int = 200) -> Json:
        """Countries (the busiest `nodes`) and the pairs between them (the busiest
        `edges`): events, mentions and mean Goldstein for the period."""
        if not 1 <= nodes <= 200 or not 1 <= edges <= 2000:
            raise BadParameter("nodes takes 1 to 200 and edges 1 to 2000")
        return Json(queries.network(cur, since=_date("since", since), until=_date("until", until),
                                    nodes=nodes, edges=edges))

    return app


def check_readable(reader: SnapshotReader) -> None:
    """Raise :class:`StoreError` unless the snapshot answers the queries every page runs
    (a cut-short file opens, then fails page by page)."""
    import duckdb

    gen = reader.acquire()
    try:
        cur = gen.store.con.cursor()
        try:
            queries.stats(cur)
            cur.execute("SELECT count(*), sum(quad_class), count(source_code), count(target_code), "
                        "count(date), count(cluster_id) FROM events").fetchone()
            cur.execute("SELECT count(id), count(date), count(site) FROM articles").fetchone()
            queries.network(cur, since=None, until=None, nodes=30, edges=200)
        finally:
            cur.close()
    except duckdb.Error as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise StoreError(f"the store {reader.db} cannot be read ({first}): the file may be "
                         f"damaged or cut short; ingest again into a new --db file") from None
    finally:
        reader.release(gen)


def app_from_env() -> FastAPI:
    """The app for the store named by $TIDINGS_DB (and the other settings ``tidings serve``
    puts in the environment); uvicorn's factory, also with --workers."""
    threads = os.environ.get(THREADS_ENV)
    limit = os.environ.get(MAX_QUERIES_ENV)
    hosts = tuple(h for h in os.environ.get(ALLOW_HOSTS_ENV, "").split(",") if h)
    return create_app(os.environ[DB_ENV], duckdb_threads=int(threads) if threads else None,
                      allow_hosts=hosts, max_queries=int(limit) if limit else None)
