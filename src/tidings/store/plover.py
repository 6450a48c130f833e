"""PLOVER JSON events: ``export --format plover``, one JSON object per line for every
stored event mention, with the field names of the PLOVER manual's "Data Fields" chapter
(its tables for the event record, entity, location, text and citation objects).

An event's ``mode`` and ``context`` come from its CAMEO code's row of the rule set's
``cameo.tsv`` (the PLOVER 2021 CAMEO table, with the manual's own readings), ``link`` is
the event cluster (the same event in every article that reports it), ``event_text`` the
sentence it was coded from, and ``text_info`` where that sentence is in the article. The
article's own text is not written (the manual fills ``text`` only where the coder holds
the rights to it). A partial date ("2017-02", "2017") starts on its first day and gives
its last as ``enddate``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from tidings.model import UNIDENTIFIED
from tidings.rules import RuleSet
from tidings.store.rows import period

# every field the manual names, by object; the tests hold our records to these
EVENT_FIELDS = ("id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event",
                "event_loc", "event_text", "quad_code", "event_scale", "mode", "context", "link", "text",
                "text_info", "cite_info", "coder", "coded_date", "coded_time", "comment")
REQUIRED = ("id", "date", "actor", "event")
ENTITY_FIELDS = ("code", "sector", "entity_text", "identifier_id", "identifier_text", "religion",
                 "ethnicity", "office", "gender", "age")
LOCATION_FIELDS = ("extracted_place", "resolved_place", "geonameid", "lat", "lon", "city", "district",
                   "province", "country", "country_code", "feature_class", "feature_code", "resolution")
TEXT_FIELDS = ("sequence", "start", "end", "text_story")
CITE_FIELDS = ("corpus", "citation", "url", "title", "language", "publication", "license", "copyright",
               "coder", "codebook", "version")

QUERY = (
    "SELECT e.*, substr(a.text, e.span_start + 1, e.span_end - e.span_start) AS sentence_text, "
    "a.title AS article_title, a.url AS article_url, a.date AS article_date, "
    "a.ingested_at AS ingested_at, a.site AS site "
    "FROM events e JOIN articles a ON a.id = e.article_id "
    "ORDER BY e.date NULLS LAST, e.article_id, e.idx"
)

# GeoNames feature class and the manual's resolution (4 city, 2 province, 1 country)
_KINDS = {"city": ("P", 4), "region": ("A", 2), "country": ("A", 1)}


def write_plover(rows: Iterable[Mapping[str, Any]], fh: IO[str], rules: RuleSet | None = None,
                 coder: str = "tidings") -> int:
    """Write one PLOVER record per row of :data:`QUERY`; returns how many."""
    codes = (rules or RuleSet.default()).cameo
    n = 0
    for row in rows:
        fh.write(json.dumps(plover_record(row, codes, coder), ensure_ascii=False) + "\n")
        n += 1
    return n


def plover_record(row: Mapping[str, Any], codes: Mapping[str, Any], coder: str = "tidings") -> dict[str, Any]:
    """One stored event mention as a PLOVER record (fields left out when we have nothing
    for them, as the manual allows for every optional field)."""
    code = codes.get(row.get("cameo") or "")
    start, end = _dates(row)
    rec: dict[str, Any] = {
        "id": f"{row['article_id']}-{row['idx']}",
        "has_event": True,
        "date": start,
        "enddate": end,
        "actor": [_entity(row, "source")],
        "recipient": [_entity(row, "target")] if row.get("target_code") or row.get("target_name") else None,
        "event": [row["plover"]] if row.get("plover") else [],
        "event_loc": _location(row),
        "event_text": [row["sentence_text"]] if row.get("sentence_text") else None,
        "quad_code": row.get("quad_class"),
        "event_scale": row.get("goldstein"),
        "mode": [code.plover_mode] if code is not None and code.plover_mode else None,
        "context": list(code.contexts) if code is not None and code.contexts else None,
        "link": str(row["cluster_id"]) if row.get("cluster_id") is not None else None,
        "text_info": {"sequence": row.get("sentence"), "start": row.get("span_start"), "end": row.get("span_end")},
        "cite_info": _cite(row, coder),
        "coder": coder,
        "coded_date": _day(row.get("ingested_at")),
        "comment": f"CAMEO {row.get('cameo')} by {row.get('rule')}; confidence {row.get('confidence')}",
    }
    return {k: v for k, v in rec.items() if v is not None}


def _entity(row: Mapping[str, Any], side: str) -> dict[str, Any]:
    code, country, name = row.get(f"{side}_code"), row.get(f"{side}_country"), row.get(f"{side}_name")
    top = country or (code[:3] if code and code != UNIDENTIFIED else None)
    sector = code[len(top):] if code and top and code.startswith(top) else None
    ent = {"code": top, "sector": sector or None, "entity_text": row.get(f"{side}_text") or name,
           "identifier_text": name if name and name != UNIDENTIFIED else None}
    return {k: v for k, v in ent.items() if v}


def _location(row: Mapping[str, Any]) -> dict[str, Any] | None:
    place = row.get("location")
    if not place:
        return None
    fclass, resolution = _KINDS.get(row.get("location_kind") or "", (None, None))
    if not row.get("location_country"):  # a region across countries ("the Middle East")
        resolution = None
    loc = {"extracted_place": place, "resolved_place": place, "geonameid": row.get("location_geonames_id"),
           "lat": row.get("lat"), "lon": row.get("lon"),
           "city": place if row.get("location_kind") == "city" else None,
           "province": row.get("location_admin1"), "country_code": row.get("location_country"),
           "feature_class": fclass, "resolution": resolution}
    return {k: v for k, v in loc.items() if v is not None}


def _cite(row: Mapping[str, Any], coder: str) -> dict[str, Any]:
    cite = {"url": row.get("article_url"), "title": row.get("article_title"), "publication": row.get("site"),
            "citation": row.get("article_id"), "language": "en", "coder": coder,
            "codebook": "CAMEO coded by tidings, PLOVER types by the PLOVER 2021 CAMEO table"}
    return {k: v for k, v in cite.items() if v}


def _dates(row: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The event's first day and, for a partial date, its last ("2017-02": 02-01, 02-28;
    "2017-Q3": 07-01, 09-30); an event without its own date takes its article's."""
    span = period(row.get("date_value") or None)
    if span is None:
        return _day(row.get("date") or row.get("article_date")), None
    first, last = span
    return first.isoformat(), (last.isoformat() if last != first else None)


def _day(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10] or None
