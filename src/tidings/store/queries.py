"""Every read query of the store, written once: the CLI's commands (through the
:class:`~tidings.store.Store` methods) and the dashboard's API call the same functions on
a connection or cursor. Every query is parameterised; the only SQL built from request
values are names picked from fixed whitelists (sort columns, period units)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tidings.rules import RuleSet
from tidings.store.schema import CLUSTERS_SQL, PERIODS


def raw(con: Any, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Rows as dicts, values as DuckDB gives them (dates as ``datetime.date``)."""
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def stats(con: Any) -> dict[str, Any]:
    """Counts in the store: articles, near-duplicates, events, clusters, quotes, actors,
    errors and the date range of the events."""
    one = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL), "
        "(SELECT count(*) FROM events), (SELECT count(*) FILTER (WHERE lead) FROM events), "
        "(SELECT count(*) FROM quotes), (SELECT count(DISTINCT code) FROM actors), "
        "(SELECT count(*) FROM errors), (SELECT min(date) FROM events), (SELECT max(date) FROM events)"
    ).fetchone()
    return {
        "articles": one[0], "duplicates": one[1], "events": one[2], "event_clusters": one[3],
        "quotes": one[4], "actors": one[5], "errors": one[6],
        "first_event_date": one[7].isoformat() if one[7] else None,
        "last_event_date": one[8].isoformat() if one[8] else None,
    }

def events(con: Any, *, source: Actor | None = None, target: Actor | None = None, since: str | None = None,
           until: str | None = None, cameo: str | None = None, plover: str | None = None,
           limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Events matching the filters; source/target match a country or an actor code
    prefix ("USA" matches USA, USAGOV, USAMIL), cameo a code prefix ("13")."""
    where, params = _event_filters(source, target, since, until, cameo, plover)
    sql = (
        "SELECT e.article_id, e.idx, e.date, e.source_code, e.source_name, e.target_code, "
        "e.target_name, e.cameo, e.cameo_name, e.plover, e.quad_class, e.goldstein, e.confidence, "
        "e.verb, e.rule, e.cluster_id, substr(a.text, e.span_start + 1, e.span_end - e.span_start) AS sentence_text "
        f"FROM events e JOIN articles a ON a.id = e.article_id {where} "
        "ORDER BY e.date NULLS LAST, e.article_id, e.idx LIMIT ? OFFSET ?"
    )
    return raw(con, sql, [*params, limit, offset])

def _dyad_clusters(a: Actor, b: Actor, extra: str = "") -> tuple[str, list[Any]]:
    """The CTE ``m``: one row per event cluster between ``a`` and ``b`` (either way) with
    its date, mentions, direction ("A->B") and ``extra`` columns; and its parameters.
    The dyad chart and the events behind one of its bars both read it."""
    a, b = actor(a), actor(b)
    sa, psa = _actor_cond("source", a)
    ta, pta = _actor_cond("target", a)
    sb, psb = _actor_cond("source", b)
    tb, ptb = _actor_cond("target", b)
    sql = f"""
        WITH m AS (
            SELECT cluster_id, any_value(date) AS date, count(*) AS mentions,
                   any_value(CASE WHEN {sa} THEN ? ELSE ? END) AS direction{extra}
            FROM events
            WHERE date IS NOT NULL AND (({sa} AND {tb}) OR ({sb} AND {ta}))
            GROUP BY cluster_id)"""
    return sql, [*psa, f"{a.label}->{b.label}", f"{b.label}->{a.label}", *psa, *ptb, *psb, *pta]


_DYAD_COUNTS = """count(*) FILTER (WHERE lead) AS events, {mentions} AS mentions,
               round(avg(goldstein) FILTER (WHERE lead), 3) AS mean_goldstein,
               count(*) FILTER (WHERE lead AND quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE lead AND quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE lead AND quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE lead AND quad_class = 4) AS material_conflict"""


def _dyad_mentions(a: ActorFilter, b: ActorFilter) -> tuple[str, list[Any]]:
    """SQL of the dated mentions between two countries or code prefixes (either way), with
    ``direction``, ``lead``, ``goldstein`` and ``quad_class``; and its parameters.

    A cluster's mentions share date, codes and CAMEO code, so counting the ``lead`` rows
    counts clusters in one pass. Two three-letter codes (the common case: countries) take
    two branches: rows whose codes agree with their countries (nearly all) are matched by
    equality on the countries, which DuckDB pushes into the scan; the few whose code says
    something else (``source_root``: "MNC", "IGO") are matched in full. Both branches give
    exactly the rows of ``country = X OR starts_with(code, X)``."""
    labels = [f"{a.label}->{b.label}", f"{b.label}->{a.label}"]
    if len(a.code) == 3 and len(b.code) == 3:
        def m(col: str) -> str:
            return f"({col}_country = ? OR {col}_root = ?)"
        full = f"(({m('source')} AND {m('target')}) OR ({m('source')} AND {m('target')}))"
        ca, cb = [a.code, a.code], [b.code, b.code]
        sql = f"""
            SELECT date, CASE WHEN source_country = ? THEN ? ELSE ? END AS direction, lead,
                   goldstein, quad_class FROM events
            WHERE date IS NOT NULL AND source_root IS NULL AND target_root IS NULL
              AND ((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))
            UNION ALL
            SELECT date, CASE WHEN {m('source')} THEN ? ELSE ? END, lead, goldstein, quad_class
            FROM events
            WHERE date IS NOT NULL AND (source_root IS NOT NULL OR target_root IS NOT NULL) AND {full}"""
        return sql, [a.code, *labels, a.code, b.code, b.code, a.code,
                     *ca, *labels, *ca, *cb, *cb, *ca]
    sa, psa = _actor_cond("source", a)
    ta, pta = _actor_cond("target", a)
    sb, psb = _actor_cond("source", b)
    tb, ptb = _actor_cond("target", b)
    sql = f"""
        SELECT date, CASE WHEN {sa} THEN ? ELSE ? END AS direction, lead, goldstein, quad_class
        FROM events WHERE date IS NOT NULL AND (({sa} AND {tb}) OR ({sb} AND {ta}))"""
    return sql, [*psa, *labels, *psa, *ptb, *psb, *pta]


def dyads(con: Any, a: Actor, b: Actor, by: str = "month") -> list[dict[str, Any]]:
    """Per period and direction (a→b, b→a): events (event clusters: one per date,
    source, target and CAMEO code however many articles report it), mentions, mean
    Goldstein over events, and the events in each quad class (1 verbal cooperation
    ... 4 material conflict). A named person or organisation is matched on every
    mention (a cluster's mentions may name different people); countries and codes in
    one pass over the events (see :func:`_dyad_mentions`)."""
    if by not in PERIODS:
        raise ValueError(f"--by takes one of {', '.join(PERIODS)}, not {by!r}")
    a, b = actor(a), actor(b)
    if a.name or b.name:
        cte, params = _dyad_clusters(a, b, ", any_value(quad_class) AS quad_class, "
                                           "any_value(goldstein) AS goldstein, true AS lead")
        source = f"{cte} SELECT * FROM m"
        mentions = "CAST(sum(mentions) AS BIGINT)"
    else:
        source, params = _dyad_mentions(a, b)
        mentions = "count(*)"
    out = raw(con, f"""
        SELECT CAST(date_trunc('{PERIODS[by]}', date) AS DATE) AS period, direction,
               {_DYAD_COUNTS.format(mentions=mentions)}
        FROM ({source}) GROUP BY ALL HAVING count(*) FILTER (WHERE lead) > 0
        ORDER BY period, direction""", params)
    for r in out:
        r["period"] = r["period"].isoformat() if r["period"] else None
    return out


def clusters(con: Any, *, source: Actor | None = None, target: Actor | None = None, since: str | None = None,
             until: str | None = None, cameo: str | None = None, limit: int = 100,
             offset: int = 0) -> list[dict[str, Any]]:
    """Event clusters (one row per event however often it was reported) with
    GDELT-style num_mentions, num_articles and num_sources."""
    where, params = _event_filters(source, target, since, until, cameo, None)
    inner = CLUSTERS_SQL.replace("{where}", where)
    sql = (f"SELECT * FROM ({inner}) "
           "ORDER BY date NULLS LAST, num_mentions DESC, cluster_id LIMIT ? OFFSET ?")
    return raw(con, sql, [*params, limit, offset])

def top_actors(con: Any, n: int = 20, since: str | None = None) -> list[dict[str, Any]]:
    """The actor codes in the most events, as source or target."""
    where, params = ("WHERE date >= ?", [since]) if since else ("", [])
    sql = (
        "SELECT code, any_value(name) AS name, count(*) AS events FROM ("
        f"SELECT source_code AS code, source_name AS name, date FROM events {where} UNION ALL "
        f"SELECT target_code, target_name, date FROM events {where}) "
        "WHERE code IS NOT NULL GROUP BY code ORDER BY events DESC, code LIMIT ?"
    )
    return raw(con, sql, [*params, *params, n])


def date_range(conds: list[str], params: list[Any], since: str | None, until: str | None,
               col: str = "date") -> None:
    """Add ``col`` between ``since`` and ``until`` (ISO dates, each optional) to a WHERE."""
    if since:
        conds.append(f"{col} >= CAST(? AS DATE)")
        params.append(since)
    if until:
        conds.append(f"{col} <= CAST(? AS DATE)")
        params.append(until)


@dataclass(frozen=True)
class ActorFilter:
    """One named person or organisation (``name`` as stored in the events) or, without a
    name, a country or actor code prefix; ``label`` names it in dyad directions."""

    code: str
    name: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.code


Actor = str | ActorFilter  # a plain string is a country or a code prefix ("USA", "USAGOV")


def actor(a: Actor) -> ActorFilter:
    return a if isinstance(a, ActorFilter) else ActorFilter(a.strip().upper())


def _actor_cond(col: str, a: Actor) -> tuple[str, list[Any]]:
    """SQL and parameters: the column's actor is ``a`` (a named person or organisation:
    that name; else the country, or a code starting with it)."""
    a = actor(a)
    if a.name:
        return f"({col}_name = ? AND {col}_code = ?)", [a.name, a.code]
    return f"({col}_country = ? OR starts_with({col}_code, ?))", [a.code, a.code]


def resolve_actor(con: Any, text: str) -> ActorFilter:
    """What a user typed for an actor, as a filter: a country code or name ("KOR",
    "South Korea", "the United States"), an actor code in the store ("USAGOV"), or a
    person or organisation named in the stored articles ("Donald Trump"; a part of the
    name when only one matches). ValueError saying what to type otherwise."""
    t = " ".join(text.split())
    if not t:
        raise ValueError("an actor is empty: give a country, an actor code, a person or an organisation")
    up = t.upper()
    countries = RuleSet.default().countries
    if up in country_names():
        return ActorFilter(countries.normalise(up) or up)
    iso = countries.iso3_of(t)
    if iso:
        return ActorFilter(iso)
    if up.isalnum() and con.execute("SELECT 1 FROM events WHERE starts_with(source_code, ?) "
                                    "OR starts_with(target_code, ?) LIMIT 1", [up, up]).fetchone():
        return ActorFilter(up)
    named = con.execute("""
        SELECT name, code, count(*) AS n, lower(name) = lower(?) AS exact FROM actors
        WHERE code IS NOT NULL AND kind IN ('person', 'organisation') AND name ILIKE ? ESCAPE '\\'
        GROUP BY name, code ORDER BY exact DESC, n DESC, name LIMIT 6""",
                        [t, f"%{escape_like(t)}%"]).fetchall()
    if named and (named[0][3] or len({(r[0], r[1]) for r in named}) == 1):
        return ActorFilter(named[0][1], named[0][0])
    if named:
        some = ", ".join(f"{r[0]} ({r[1]})" for r in named[:5])
        raise ValueError(f"{text!r} names several actors: {some}; type one of them in full")
    raise ValueError(f"no actor {text!r} in the store: give a country (name or ISO code), an actor "
                     f"code such as USAGOV, or a person or organisation named in the stored "
                     f"articles (`tidings actors` lists the busiest)")


def _event_filters(source, target, since, until, cameo, plover) -> tuple[str, list[Any]]:  # noqa: ANN001
    conds: list[str] = []
    params: list[Any] = []
    for col, a in (("e.source", source), ("e.target", target)):
        if a:
            cond, more = _actor_cond(col, a)
            conds.append(cond)
            params += more
    date_range(conds, params, since, until, "e.date")
    if cameo:
        conds.append("starts_with(e.cameo, ?)")
        params.append(cameo)
    if plover:
        conds.append("e.plover = ?")
        params.append(plover.upper())
    return ("WHERE " + " AND ".join(conds)) if conds else "", params


# -- the dashboard's pages ---------------------------------------------------------------
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
SORTS = {"date": "e.date", "source": "e.source_code", "target": "e.target_code",
         "cameo": "e.cameo", "plover": "e.plover", "goldstein": "e.goldstein"}
EVENT_COLUMNS = (
    "e.article_id, e.idx, e.date, e.source_code, e.source_name, e.target_code, e.target_name, "
    "e.cameo, e.cameo_name, e.plover, e.quad_class, e.goldstein, e.confidence, e.verb, e.rule, "
    "e.cluster_id, substr(a.text, e.span_start + 1, e.span_end - e.span_start) AS sentence_text")


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def rows(con: Any, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [{c: _plain(v) for c, v in zip(cols, row, strict=True)} for row in cur.fetchall()]


def escape_like(text: str) -> str:
    """``text`` as a literal inside ILIKE ... ESCAPE '\\': its own % _ and \\ match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def country_names() -> dict[str, str]:
    """Country codes (ISO alpha-3 and older CAMEO codes) -> short English name: the rule
    set's one country authority."""
    return RuleSet.default().countries.display_names


MAX_NAMED = 20_000  # named people and organisations kept for the typeahead


def code_label(code: str, fallback: str | None) -> str:
    """A readable name for an actor code: a country's name, a country plus its roles
    ("South Korea government"), else the name most often written for it."""
    names = country_names()
    if code in names:
        return names[code]
    head, rest = code[:3], code[3:]
    if head in names and rest and len(rest) % 3 == 0:
        roles = RuleSet.default().role_codes
        words = [roles.get(rest[i:i + 3]) for i in range(0, len(rest), 3)]
        if all(words):
            return f"{names[head]} {' '.join(w for w in words if w)}"
    return fallback or code


def actor_index(con: Any) -> list[dict[str, Any]]:
    """What the typeahead searches: every actor code and country in the store (with a
    readable label and how many events name it) and the people and organisations
    named in articles (each with the code it resolves to). Built once per app: a store
    opened read-only cannot change under it."""
    codes = rows(con, """
        WITH ev AS (
            SELECT source_code AS code, source_name AS name, source_country AS country FROM events
            WHERE source_code IS NOT NULL
            UNION ALL
            SELECT target_code, target_name, target_country FROM events WHERE target_code IS NOT NULL),
        e AS (SELECT code, count(*) AS events, mode(name) AS name, any_value(country) AS country
              FROM ev GROUP BY code
              UNION ALL
              SELECT country, count(*), NULL, country FROM ev WHERE country IS NOT NULL GROUP BY country),
        a AS (SELECT code, mode(name) AS name, any_value(country) AS country
              FROM actors WHERE code IS NOT NULL GROUP BY code)
        SELECT coalesce(e.code, a.code) AS code, coalesce(e.name, a.name) AS name,
               coalesce(e.country, a.country) AS country, max(coalesce(e.events, 0)) AS events
        FROM e FULL JOIN a ON a.code = e.code GROUP BY ALL""")
    merged: dict[str, dict[str, Any]] = {}
    for r in codes:
        code = r["code"]
        if not code:
            continue
        old = merged.get(code)
        if old is None or r["events"] > old["events"]:
            merged[code] = {"code": code, "name": code_label(code, r["name"]), "country": r["country"],
                            "kind": "country" if code in country_names() else "code",
                            "events": r["events"]}
    out = sorted(merged.values(), key=lambda r: (-r["events"], r["code"]))
    named = rows(con, """
        SELECT code, name, any_value(country) AS country, mode(kind) AS kind,
               count(DISTINCT article_id) AS articles
        FROM actors WHERE code IS NOT NULL AND kind IN ('person', 'organisation')
        GROUP BY code, name ORDER BY articles DESC, name, code LIMIT ?""", [MAX_NAMED])
    for r in named:
        if r["name"] != merged.get(r["code"], {}).get("name"):
            out.append({"code": r["code"], "name": r["name"], "country": r["country"],
                        "kind": r["kind"], "events": merged.get(r["code"], {}).get("events", 0)})
    return out


def search_actors(index: list[dict[str, Any]], q: str, limit: int) -> list[dict[str, Any]]:
    """Entries whose code starts with ``q`` or whose name contains it: exact code first,
    then code prefixes, then names starting with it, then the rest; busiest first."""
    q = q.strip().casefold()
    if not q:
        return [r for r in index if r["kind"] in ("country", "code")][:limit]
    ranked = []
    for i, r in enumerate(index):
        code, name = r["code"].casefold(), (r["name"] or "").casefold()
        if code == q and r["kind"] in ("country", "code"):
            rank = 0
        elif code.startswith(q):
            rank = 1
        elif name.startswith(q):
            rank = 2
        elif q in name:
            rank = 3
        else:
            continue
        ranked.append((rank, i, r))
    ranked.sort(key=lambda t: t[:2])
    return [t[2] for t in ranked[:limit]]


def period_start(day: str, by: str) -> str:
    """The first day of the period (as DuckDB's date_trunc gives it) holding ``day``."""
    d = dt.date.fromisoformat(day)
    if by == "week":
        d -= dt.timedelta(days=d.weekday())
    elif by == "month":
        d = d.replace(day=1)
    elif by == "quarter":
        d = d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1)
    elif by == "year":
        d = d.replace(month=1, day=1)
    return d.isoformat()


def clip_periods(rows: list[dict[str, Any]], by: str, since: str | None,
                 until: str | None) -> list[dict[str, Any]]:
    """The dyad rows whose period overlaps since..until (both days included)."""
    first = period_start(since, by) if since else None
    return [r for r in rows if (first is None or r["period"] >= first)
            and (until is None or r["period"] <= until)]


# -- events ------------------------------------------------------------------------------
def events_page(con: Any, *, source: Actor | None, target: Actor | None, since: str | None,
                until: str | None, cameo: str | None, plover: str | None, sort: str, desc: bool,
                limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """One page of events (mentions) matching the filters, and how many match in all."""
    where, params = _event_filters(source, target, since, until, cameo, plover)
    total = con.execute(f"SELECT count(*) FROM events e {where}", params).fetchone()[0]
    order = f"{SORTS[sort]} {'DESC' if desc else 'ASC'} NULLS LAST, e.article_id, e.idx"
    page = rows(con, f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
                     f"{where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    return total, page


def dyad_events(con: Any, a: Actor, b: Actor, *, by: str, period: str, direction: str, limit: int,
                offset: int) -> tuple[int, list[dict[str, Any]]]:
    """The events behind one bar of the dyad chart: the event clusters that
    ``Store.dyads`` counts for ``period`` and ``direction`` ("A->B"), each with its
    mentions and its first mention (article, sentence, codes, rule)."""
    cte, params = _dyad_clusters(a, b, ", min({'a': article_id, 'i': idx}) AS first")
    picked = f"""{cte},
        pick AS (SELECT * FROM m
                 WHERE CAST(date_trunc('{PERIODS[by]}', date) AS DATE) = CAST(? AS DATE)
                   AND direction = ?)"""
    params = [*params, period, direction]
    found = rows(con, f"""{picked}
        SELECT p.mentions, count(*) OVER () AS total, {EVENT_COLUMNS}
        FROM pick p JOIN events e ON e.article_id = p.first.a AND e.idx = p.first.i
        JOIN articles a ON a.id = e.article_id
        ORDER BY e.date, e.quad_class, e.cameo, e.article_id, e.idx LIMIT ? OFFSET ?""",
                 [*params, limit, offset])
    if found:
        total = found[0]["total"]
    elif offset:
        total = con.execute(f"{picked} SELECT count(*) FROM pick", params).fetchone()[0]
    else:
        total = 0
    for r in found:
        del r["total"]
    return total, found


# -- articles ----------------------------------------------------------------------------
def article(con: Any, article_id: str) -> dict[str, Any] | None:
    """An article with its text and everything that points into it: events (with verb,
    source and target spans, codes and the rule that fired), quotes with speakers, and
    actors with their mention spans."""
    head = rows(con, "SELECT id, title, date, url, site, text, duplicate_of, n_events, n_quotes, tone "
                     "FROM articles WHERE id = ?", [article_id])
    if not head:
        return None
    art = head[0]
    art["events"] = rows(con, """
        SELECT idx, date, date_text, source_code, source_name, source_text, target_code, target_name,
               target_text, cameo, cameo_name, plover, quad_class, goldstein, negated, confidence,
               rule, verb, sentence, span_start, span_end, verb_start, verb_end, source_start,
               source_end, target_start, target_end, location, cluster_id
        FROM events WHERE article_id = ? ORDER BY idx""", [article_id])
    for e in art["events"]:
        e["quad_name"] = QUAD_NAMES.get(e["quad_class"])
    art["quotes"] = rows(con, "SELECT idx, text, speaker_name, speaker_code, speaker_country, cue, "
                              "sentence, span_start, span_end FROM quotes WHERE article_id = ? "
                              "ORDER BY idx", [article_id])
    actors = rows(con, "SELECT idx, name, code, country, role, kind, resolved_by FROM actors "
                       "WHERE article_id = ? ORDER BY idx", [article_id])
    spans: dict[int, list[dict[str, Any]]] = {}
    for m in rows(con, "SELECT actor_idx, span_start, span_end, sentence, how FROM mentions "
                       "WHERE article_id = ? ORDER BY span_start, span_end", [article_id]):
        spans.setdefault(m.pop("actor_idx"), []).append(m)
    for r in actors:
        r["mentions"] = spans.get(r["idx"], [])
    art["actors"] = actors
    return art


def article_exists(con: Any, article_id: str) -> bool:
    return con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None


# -- quotes ------------------------------------------------------------------------------
def quotes_page(con: Any, *, speaker: str | None, q: str | None, limit: int,
                offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Quotes whose speaker (name or code) and text contain the given words; the
    user's % and _ are literal characters."""
    conds, params = [], []
    if speaker:
        conds.append("(q.speaker_name ILIKE ? ESCAPE '\\' OR q.speaker_code ILIKE ? ESCAPE '\\')")
        pat = f"%{escape_like(speaker.strip())}%"
        params += [pat, pat]
    if q:
        conds.append("q.text ILIKE ? ESCAPE '\\'")
        params.append(f"%{escape_like(q.strip())}%")
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    total = con.execute(f"SELECT count(*) FROM quotes q {where}", params).fetchone()[0]
    page = rows(con, "SELECT q.article_id, q.idx, q.text, q.speaker_name, q.speaker_code, "
                     "q.speaker_country, q.cue, a.date, a.title "
                     f"FROM quotes q JOIN articles a ON a.id = q.article_id {where} "
                     "ORDER BY a.date DESC NULLS LAST, q.article_id, q.idx LIMIT ? OFFSET ?",
                [*params, limit, offset])
    return total, page


# -- network -----------------------------------------------------------------------------
def network(con: Any, *, since: str | None, until: str | None, nodes: int,
            edges: int) -> dict[str, Any]:
    """Countries as nodes, country pairs as edges (both directions together): events
    (clusters), mentions and mean Goldstein over events, for the busiest ``nodes``
    countries and the ``edges`` busiest pairs among them."""
    conds = ["source_country IS NOT NULL", "target_country IS NOT NULL",
             "source_country <> target_country"]
    params: list[Any] = []
    date_range(conds, params, since, until)
    pairs = rows(con, f"""
        SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b,
               count(*) FILTER (WHERE lead) AS events, count(*) AS mentions,
               round(avg(goldstein) FILTER (WHERE lead), 3) AS mean_goldstein,
               count(*) FILTER (WHERE lead AND source_country < target_country) AS a_to_b,
               count(*) FILTER (WHERE lead AND source_country > target_country) AS b_to_a
        FROM events WHERE {' AND '.join(conds)} GROUP BY ALL HAVING count(*) FILTER (WHERE lead) > 0""",
                 params)
    volume: dict[str, int] = {}
    for p in pairs:
        volume[p["a"]] = volume.get(p["a"], 0) + p["events"]
        volume[p["b"]] = volume.get(p["b"], 0) + p["events"]
    keep = {c for c, _ in sorted(volume.items(), key=lambda kv: (-kv[1], kv[0]))[:nodes]}
    kept = sorted((p for p in pairs if p["a"] in keep and p["b"] in keep),
                  key=lambda p: (-p["events"], p["a"], p["b"]))[:edges]
    names = country_names()
    return {
        "since": since, "until": until,
        "nodes": [{"code": c, "name": names.get(c, c), "events": volume[c]} for c in sorted(keep)],
        "edges": kept,
        "countries": len(volume), "pairs": len(pairs),
    }


# -- overview ----------------------------------------------------------------------------
def _events_in(since: str | None, until: str | None, *, lead: bool = True) -> tuple[str, list[Any]]:
    """WHERE of the dated events (only each cluster's first report with ``lead``)."""
    conds, params = ["date IS NOT NULL", *(["lead"] if lead else [])], []
    date_range(conds, params, since, until)
    return "WHERE " + " AND ".join(conds), params


def volume(con: Any, *, by: str, since: str | None, until: str | None) -> list[dict[str, Any]]:
    """Per period: events (clusters), mentions, mean Goldstein and events per quad class."""
    where, params = _events_in(since, until, lead=False)
    return rows(con, f"""
        SELECT CAST(date_trunc('{PERIODS[by]}', date) AS DATE) AS period,
               {_DYAD_COUNTS.format(mentions="count(*)")}
        FROM events {where} GROUP BY 1 HAVING count(*) FILTER (WHERE lead) > 0 ORDER BY 1""", params)


def pair_rankings(con: Any, *, since: str | None, until: str | None, top: int,
                  min_events: int) -> dict[str, list[dict[str, Any]]]:
    """Country pairs (both directions together, ``a`` < ``b``) with events, mean Goldstein
    and conflict events (quad class 3 or 4): the ``top`` busiest ("events") and, among
    pairs with at least ``min_events``, the most "hostile" and "cooperative" by mean
    Goldstein. One pass over the events: directed pairs first, folded after."""
    where, params = _events_in(since, until)
    ranks = {"events": ("", "events DESC"), "hostile": ("WHERE events >= ?", "mean_goldstein, events DESC"),
             "cooperative": ("WHERE events >= ?", "mean_goldstein DESC, events DESC")}
    union = " UNION ALL ".join(f"SELECT * FROM (SELECT '{k}' AS list, * FROM p {w} ORDER BY {o}, a, b LIMIT ?)"
                               for k, (w, o) in ranks.items())
    found = rows(con, f"""
        WITH d AS (SELECT source_country AS s, target_country AS t, count(*) AS n, sum(goldstein) AS g,
                          count(*) FILTER (WHERE quad_class >= 3) AS c
                   FROM events {where} AND source_country IS NOT NULL AND target_country IS NOT NULL
                        AND source_country <> target_country GROUP BY 1, 2),
        p AS (SELECT least(s, t) AS a, greatest(s, t) AS b, CAST(sum(n) AS BIGINT) AS events,
                     round(sum(g) / sum(n), 3) AS mean_goldstein, CAST(sum(c) AS BIGINT) AS conflict_events
              FROM d GROUP BY 1, 2)
        {union}""", [*params, top, min_events, top, min_events, top])
    names = country_names()
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in ranks}
    for r in found:
        r["a_name"], r["b_name"] = names.get(r["a"], r["a"]), names.get(r["b"], r["b"])
        out[r.pop("list")].append(r)
    return out


def latest_events(con: Any, *, since: str | None, until: str | None, limit: int) -> list[dict[str, Any]]:
    """The newest events (first reports of clusters) with their article's title and URL."""
    where, params = _events_in(since, until)
    return rows(con, f"""
        WITH l AS (SELECT date, source_code, source_name, target_code, target_name, cameo, cameo_name,
                          plover, quad_class, goldstein, location, location_country, article_id, idx,
                          cluster_id
                   FROM events {where} ORDER BY date DESC, cluster_id LIMIT ?)
        SELECT l.*, a.title, a.url FROM l JOIN articles a ON a.id = l.article_id
        ORDER BY l.date DESC, l.cluster_id""", [*params, limit])


def event_map(con: Any, *, since: str | None, until: str | None, limit: int) -> dict[str, Any]:
    """Located events per place rounded to a tenth of a degree (the busiest ``limit``), and
    events per country of location."""
    where, params = _events_in(since, until)
    points = rows(con, f"""
        SELECT round(lat, 1) AS lat, round(lon, 1) AS lon, count(*) AS events,
               any_value(location) AS place, any_value(location_country) AS country,
               round(avg(goldstein), 3) AS mean_goldstein
        FROM events {where} AND lat IS NOT NULL AND lon IS NOT NULL
        GROUP BY 1, 2 ORDER BY events DESC, lat, lon LIMIT ?""", [*params, limit])
    countries = rows(con, f"""SELECT location_country AS code, count(*) AS events FROM events
        {where} AND location_country IS NOT NULL GROUP BY 1 ORDER BY events DESC, code""", params)
    names = country_names()
    for c in countries:
        c["name"] = names.get(c["code"], c["code"])
    return {"points": points, "countries": countries}


def quote_spans(con: Any, keys: list[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, int, int]]:
    """(article text, quote start, quote end) of each quote named by (article id, idx)."""
    found = con.execute("SELECT q.article_id, q.idx, a.text, q.span_start, q.span_end FROM quotes q "
                        "JOIN articles a ON a.id = q.article_id WHERE list_contains(?, q.article_id) "
                        "AND list_contains(?, q.idx)", [[k[0] for k in keys], [k[1] for k in keys]]).fetchall()
    return {(r[0], r[1]): r[2:] for r in found if (r[0], r[1]) in set(keys)}
