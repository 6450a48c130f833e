"""Stored events in the layout of the ICEWS coded event data: ``export --format icews``.

The Dataverse release of ICEWS (doi:10.7910/DVN/28075) comes as tab-separated
``events.YYYY.tab`` files with a header line of 20 columns (:data:`ICEWS_COLUMNS`), one
row per event record coded from one sentence of one story. We write one row per stored
event mention (the ``events`` table, not its clusters), in the same columns:

* Event ID is ``<article id>-<event index>`` (text: ICEWS's are integers, ours are not).
* Event Date is the event's ISO day (an event with no date of its own takes its
  article's; one known only by a month, quarter or year is written on its report's day
  when that falls in the period; ``export`` leaves out the others, "in 1941", unless
  asked to write them on the period's first day).
* Source/Target Name is the actor's name as stored ("Kenyan police", "Fumio Kishida");
  empty for a doer its sentence does not name. Sectors are readable names of the role
  codes in the actor's CAMEO code (``rules/data/sectors.tsv``), comma-separated; a
  country on its own has none. Country is the full English name of the actor's country
  from the rule set's country table; empty for a body that has none (the UN).
* Event Text is the CAMEO code's name from ``cameo.tsv``; CAMEO Code is the code as
  text, leading zero kept ("046"). Intensity is the event's Goldstein score (ICEWS's
  intensity is the CAMEO Goldstein weight), else the CAMEO table's.
* Story ID is the article id. Sentence Number counts the story's sentences from 1.
  Publisher is the host name of the article's URL (tidings keeps no outlet names);
  empty for an article without a URL.
* City, Province, Country, Latitude, Longitude are where the event happened: a city
  gives City (and its first-level area as Province), a region gives Province, a
  country only Country. District is always empty: tidings resolves no second-level
  areas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO, Any

from tidings.rules import RuleSet
from tidings.store.eventdata import (
    actor_name,
    actor_sectors,
    country_name,
    event_day,
    location_kind,
    number,
    text,
    write_tsv,
)

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)
# the columns tidings cannot fill: always empty
ICEWS_EMPTY: tuple[str, ...] = ("District",)

QUERY = (
    "SELECT e.*, a.site, a.date AS article_date "
    "FROM events e JOIN articles a ON a.id = e.article_id "
    "ORDER BY e.date NULLS LAST, e.article_id, e.idx"
)


def _actor(row: Mapping[str, Any], side: str) -> list[str]:
    """Name, Sectors, Country of the source or target."""
    code = row.get(f"{side}_code")
    country = row.get(f"{side}_country")
    name = actor_name(row, side)
    if not code and not name and not country:
        return ["", "", ""]
    return [name, ",".join(actor_sectors(code)), country_name(country)]


def _place(row: Mapping[str, Any]) -> list[str]:
    """City, District, Province, Country, Latitude, Longitude of the event."""
    kind = location_kind(row)
    if kind is None:
        return [""] * 6
    place, admin1 = text(row.get("location")), text(row.get("location_admin1"))
    city = place if kind == "city" else ""
    province = admin1 if kind == "city" else (place if kind == "region" else "")
    return [city, "", province, country_name(row.get("location_country")),
            number(row.get("lat"), 5), number(row.get("lon"), 5)]


def icews_row(row: Mapping[str, Any], codes: Mapping[str, Any] | None = None) -> list[str]:
    """The 20 ICEWS fields of one stored event (a row of :data:`QUERY`), as strings."""
    codes = RuleSet.default().cameo if codes is None else codes
    cameo = text(row.get("cameo"))
    info = codes.get(cameo)
    goldstein = row.get("goldstein")
    if goldstein is None and info is not None:
        goldstein = info.goldstein
    sentence = row.get("sentence")
    return [
        f"{row['article_id']}-{row['idx']}", event_day(row), *_actor(row, "source"),
        text(row.get("cameo_name")) or (info.name if info else ""), cameo, number(goldstein),
        *_actor(row, "target"), text(row["article_id"]),
        "" if sentence is None else str(int(sentence) + 1), text(row.get("site")), *_place(row),
    ]


def write_icews(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """The header line and one ICEWS line per stored event; returns how many events."""
    codes = RuleSet.default().cameo
    return write_tsv(ICEWS_COLUMNS, (icews_row(r, codes) for r in rows), out)
