"""The rows one coded article adds to the store, built by column name (pure functions:
Spark executors use them too), and the values they derive (event dates, sites, event
clusters)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any
from urllib.parse import urlsplit

from tidings.model import Article, ArticleRecord

Row = dict[str, Any]


def clean(value: str | None) -> str | None:
    """A string the store can hold: lone surrogates (from broken input) replaced."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")



def period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a partial ISO date covers: a day ("2017-02-02"), a month
    ("2017-02"), a quarter ("2017-Q3") or a year ("2017"); None when it is none of them."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if parts[1][:1] in ("Q", "q") and len(parts) == 2:
            q = int(parts[1][1:])
            if not 1 <= q <= 4:
                return None
            first = dt.date(year, 3 * q - 2, 1)
            return first, _month_end(year, 3 * q)
        month = int(parts[1])
        if len(parts) == 2:
            return dt.date(year, month, 1), _month_end(year, month)
        day = dt.date(year, month, int(parts[2][:2]))
        return day, day
    except (ValueError, IndexError):
        return None


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))


def event_date(value: str | None) -> dt.date | None:
    """A partial ISO date ("2017", "2017-Q3", "2017-02", "2017-02-02") as the first day it covers."""
    p = period(value)
    return p[0] if p else None


def _day_of(reported: Any) -> dt.date | None:
    """A report's day from a date, a datetime or ISO text ("2024-03-12T09:30")."""
    if isinstance(reported, dt.datetime):
        return reported.date()
    if isinstance(reported, dt.date):
        return reported
    p = period(str(reported)[:10]) if reported else None
    return p[0] if p else None


def _in(p: tuple[dt.date, dt.date], day: dt.date | None) -> bool:
    return day is not None and p[0] <= day <= p[1]


def event_day(value: str | None, reported: Any) -> dt.date | None:
    """The day an event is filed under (the store's ``date``, so every series and filter
    uses it): its own day; for one known only by its year, quarter or month ("earlier
    this year") the day it was reported (a date, datetime or ISO text) when that day falls
    inside the period, so such events do not pile up on the period's first day; otherwise
    the period's first day ("in 1941": 1941-01-01)."""
    p = period(value)
    if p is None:
        return None
    seen = _day_of(reported)
    return seen if p[0] != p[1] and _in(p, seen) else p[0]


def day_unknown(value: str | None, reported: Any) -> bool:
    """Whether an event's day is not known: it is dated only by a month, quarter or year
    ("in 1941", "last March") that its report does not fall in, so :func:`event_day`
    can only give the period's first day. Formats with day dates only (GDELT, ICEWS,
    POLECAT) leave such events out unless asked. An undated event, or one with a day, is
    not unknown."""
    p = period(value)
    return p is not None and p[0] != p[1] and not _in(p, _day_of(reported))


def site_of(url: str | None, source: str | None) -> str | None:
    """The outlet an article came from: its URL's host (without "www."), else a source
    name given with it ("AFP"), else None (file paths and feed positions are not outlets)."""
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:  # "http://[badipv6/x": not a URL we can read a host from
            host = None
        if host:
            return host.removeprefix("www.")
    if source and not any(ch in source for ch in "/\\:") and not source.startswith("<"):
        return source
    return None


def cluster_id(date_value: str | None, source_code: str | None, target_code: str | None,
               cameo: str, fallback: str) -> int:
    """The event cluster of a mention: same date (as precise as it was resolved), source,
    target and CAMEO code. Undated events, and events whose doer is unidentified, get
    their own cluster (``fallback``). A
    positive 60-bit integer, stable across runs and machines."""
    if not date_value or not source_code:  # undated, or done by someone unidentified
        key = f"#{fallback}"
    else:
        key = f"{date_value}|{source_code}|{target_code or ''}|{cameo}"
    return int(hashlib.md5(key.encode()).hexdigest()[:15], 16)


def event_rows(r: ArticleRecord) -> list[Row]:
    """The rows of ``r``'s events in the events table, by column name (pure: Spark
    executors use it too; the store computes its own columns on insert)."""
    events: list[Row] = []
    for i, e in enumerate(r.events):
        loc, t = e.location, e.target
        events.append({
            "article_id": r.id, "idx": i, "date": event_day(e.date, r.date), "date_value": e.date,
            "date_text": e.date_text, "source_code": e.source.code, "source_country": e.source.country,
            "source_name": e.source.name, "source_text": e.source.text,
            "target_code": t.code if t else None, "target_country": t.country if t else None,
            "target_name": t.name if t else None, "target_text": t.text if t else None,
            "cameo": e.cameo, "cameo_root": e.cameo_root, "cameo_name": e.cameo_name,
            "plover": e.plover, "quad_class": e.quad_class, "goldstein": e.goldstein,
            "negated": e.negated, "confidence": e.confidence, "rule": e.rule, "verb": e.verb,
            "sentence": e.sentence, "span_start": e.span[0], "span_end": e.span[1],
            "location": loc.name if loc else None, "location_country": loc.country if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "cluster_id": cluster_id(e.date, e.source.code, t.code if t else None, e.cameo, f"{r.id}#{i}"),
            "verb_start": e.verb_span[0], "verb_end": e.verb_span[1],
            "source_start": e.source.span[0], "source_end": e.source.span[1],
            "target_start": t.span[0] if t else None, "target_end": t.span[1] if t else None,
            "location_kind": loc.kind if loc else None,
            "location_geonames_id": loc.geonames_id if loc else None,
            "location_admin1": loc.admin1 if loc else None,
        })
    return events


def record_rows(r: ArticleRecord, source: str | None, now: dt.datetime) -> dict[str, list[Row]]:
    """The rows one coded article adds to each table, each a dict by column name (pure:
    Spark executors use it too). A column the table lacks is an error; one left out is
    NULL."""
    quotes = [{"article_id": r.id, "idx": i, "text": q.text,
               "speaker_name": q.speaker.name if q.speaker else None,
               "speaker_code": q.speaker.code if q.speaker else None,
               "speaker_country": q.speaker.country if q.speaker else None,
               "cue": q.cue, "sentence": q.sentence, "span_start": q.span[0], "span_end": q.span[1]}
              for i, q in enumerate(r.quotes)]
    return {
        "articles": [{"id": r.id, "title": r.title, "date": event_date(r.date), "url": r.url,
                      "source": source, "text": r.text, "n_events": len(r.events),
                      "n_quotes": len(r.quotes), "ingested_at": now, "site": site_of(r.url, source),
                      "duplicate_of": None, **_tone_columns(r)}],
        "events": event_rows(r),
        "quotes": quotes,
        "actors": [{"article_id": r.id, "idx": i, "name": a.name, "code": a.code, "country": a.country,
                    "role": a.role, "kind": a.kind, "resolved_by": a.resolved_by,
                    "mentions": len(a.mentions)} for i, a in enumerate(r.actors)],
        "mentions": [{"article_id": r.id, "actor_idx": i, "span_start": m.span[0], "span_end": m.span[1],
                      "sentence": m.sentence, "how": m.how}
                     for i, a in enumerate(r.actors) for m in a.mentions],
        "counts": [{"article_id": r.id, "value": c.value, "text": c.text, "what": c.what,
                    "location": c.location, "sentence": c.sentence} for c in r.counts],
        "places": [{"article_id": r.id, "name": p.name, "country": p.country, "lat": p.lat,
                    "lon": p.lon, "kind": p.kind, "sentence": p.sentence, "geonames_id": p.geonames_id,
                    "admin1": p.admin1} for p in r.places],
    }


def _tone_columns(r: ArticleRecord) -> Row:
    t = r.tone
    return {"tone": t.score, "tone_positive": t.positive, "tone_negative": t.negative,
            "word_count": t.words} if t else {}


def duplicate_rows(a: Article, canonical: str, now: dt.datetime) -> dict[str, list[Row]]:
    """The article row of a near-duplicate linked to ``canonical`` (it is not coded)."""
    return {"articles": [{"id": a.id, "title": a.title, "date": event_date(a.date), "url": a.url,
                          "source": a.source, "text": a.text, "n_events": 0, "n_quotes": 0,
                          "ingested_at": now, "site": site_of(a.url, a.source),
                          "duplicate_of": canonical}]}
