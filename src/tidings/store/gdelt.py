"""Event clusters as GDELT 2.0 Event rows.

:func:`gdelt_row` turns one event cluster (a row of the store's ``clusters`` view, as a
dict) into the 61 fields of the GDELT 2.0 Event table; :func:`write_gdelt` writes them
tab-separated, one event per line and no header line, like GDELT's own export files.
Field meanings follow the GDELT Event Codebook V2.0. Where we know less than GDELT, or
know something else, this is what we write:

* GLOBALEVENTID is our cluster number (``cluster_num``, else ``cluster_id``): stable
  across runs, but not a GDELT id.
* SQLDATE, MonthYear, Year are the event date. The codebook has day dates only. An
  event known only by a month, quarter or year is written on the day of its first
  report when that day falls in the period ("earlier this year"); one whose period the
  report does not fall in ("in 1941") has no true day, and ``export`` leaves it out
  unless asked to write it on the period's first day (``--coarse-dates``). No date at
  all gives empty date fields.
* FractionDate is year + day of year / 365 to 4 decimals, capped at .9999 so that it
  stays in its year. The codebook's formula, (MONTH * 30 + DAY) / 365, does not match
  published GDELT rows (20240322 is written 2024.2247 = 82/365, not 112/365).
* Actor fields come from the CAMEO actor code split into 3-character chunks: the first
  chunk is the country (CountryCode, or a CAMEO region such as EUR or WST for an
  international body), role chunks are Type1-3 (GOV, MIL, IGO, ...), religion chunks
  (MOS, CHR, ...) are Religion1-2, and the last chunk that is none of these is the
  KnownGroupCode (IGOUNO -> UNO, IGOWSTNAT -> NAT, NGOHRIAMN -> AMN). CountryCode is the
  actor's ISO alpha-3 country, which is also the prefix of our codes (JPN, not the old
  KEDS JAP). EthnicCode is always empty: we code no ethnic groups.
* IsRootEvent is ``is_root`` when given, else 1 if the event's first mention is in the
  first three sentences (``sentence`` < 3, 0-based), else 0.
* GoldsteinScale and QuadClass are the CAMEO table's when the cluster lacks them.
* AvgTone is the mean tone of the articles that report the event (``avg_tone``: each
  article's per cent of positive words minus per cent of negative ones, from the tone
  lexicon, as GDELT measures it); 0 when none has a tone (stores from before tidings
  measured it).
* Actor1Geo/Actor2Geo: GDELT puts the place named nearest each actor here; we write the
  actor's country affiliation as a country match (type 1: FIPS code as CountryCode,
  ADM1Code and FeatureID, the country name as FullName) at the centre of the country's
  land (``country_points.tsv``), and leave the block empty when the actor has no country
  with a FIPS code.
* ActionGeo is the event location: a country is type 1 (FeatureID = FIPS code, as GDELT
  does for countries); a city is 3 (US) or 4 (elsewhere) and a region 2 (US state) or 5,
  with FullName "Place, State or Province, Country". We know no FIPS ADM1/ADM2 codes, so
  ADM1Code is the FIPS country code and ADM2Code is empty; FeatureID is the place's
  GeoNames id when the gazetteer has one (cities), else empty. A place with no country
  (a region spanning countries) leaves the block empty.
* SQLDATE is the event's day; an event known only by its year or month takes the day of
  its first report when that day is in that year or month (not the period's first day);
  one further back (a year long past) keeps the period's first day.
* DATEADDED is when the cluster's first article was stored (UTC), to the second, not
  rounded to GDELT's 15-minute updates. SOURCEURL is that article's URL, or its id
  when it has none (as GDELT names a source that has no URL), so a row always leads
  back to its report.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import IO, Any

from tidings.model import UNIDENTIFIED
from tidings.output import tsv_cell
from tidings.rules import RuleSet
from tidings.rules.dictionary import REGIONS
from tidings.store.eventdata import location_kind
from tidings.store.rows import event_date, event_day

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR),
    *(f"Actor2{f}" for f in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in _GEO),
    "DATEADDED", "SOURCEURL",
)

# CAMEO 1.1b3 actor type (role) codes, including the organisation types, plus PTY.
_TYPES = frozenset(
    "COP GOV INS JUD MIL OPP PTY REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI "
    "LAB LEG MED MOD RAD REF IGO IMG INT MNC NGM NGO UIS".split())
# CAMEO religion codes (SUN, Sunni, only after the first chunk: first it is the USSR).
_RELIGIONS = frozenset("ALE BAH BUD CHR CTH DRZ HIN JEW MOS ORT PRO SFI SHI SIK SUN".split())
# CAMEO regional codes (rules.dictionary.REGIONS) are written as the CountryCode of bodies
# that have no country.
# characters that end a line for some reader (str.splitlines, csv): never inside a field
_BREAKS = re.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _country_names() -> Mapping[str, str]:
    """Country-like codes we use (ISO alpha-3 and CAMEO variants) -> our display name."""
    return RuleSet.default().countries.display_names


def iso3_to_fips(iso3: str | None) -> str | None:
    """The FIPS 10-4 country code GDELT uses for an ISO alpha-3 code ("KOR" -> "KS")."""
    return RuleSet.default().countries.fips_of(iso3)


def _fips(iso3: str) -> tuple[str, str] | None:
    """(FIPS code, GDELT's country name) of an ISO alpha-3 code, None if it has none."""
    countries = RuleSet.default().countries
    code = countries.fips_codes.get(iso3)
    return (code, countries.fips_names[iso3]) if code else None


def _text(value: Any) -> str:
    return "" if value is None else _BREAKS.sub(" ", str(value)).strip()


def _int(value: Any) -> str:
    return "" if value is None or value == "" else str(int(value))


def _num(value: Any, places: int = 4) -> str:
    """A float as GDELT writes it: at most ``places`` decimals, no trailing zeros."""
    if value is None or value == "":
        return ""
    x = float(value)
    if math.isnan(x):
        return ""
    s = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s


def _as_date(d: Any) -> dt.date | None:
    if isinstance(d, dt.datetime):
        return d.date()
    if isinstance(d, dt.date):
        return d
    return event_date(str(d)) if d else None


def _day(c: Mapping[str, Any]) -> dt.date | None:
    """The day of the event: its own, or for an event known only by its year, quarter or
    month ("earlier this year") the day of its first report when that day falls in it,
    not the first day of the period (:func:`tidings.store.rows.event_day`)."""
    value = _text(c.get("date_value"))
    return (event_day(value, c.get("report_date")) if value else None) or _as_date(c.get("date"))


def _dates(c: Mapping[str, Any]) -> list[str]:
    day = _day(c)
    if day is None:
        return ["", "", "", ""]
    frac = min(round(day.timetuple().tm_yday / 365 * 10000), 9999)
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{day.year}.{frac:04d}"]


def _stamp(value: Any) -> str:
    """YYYYMMDDHHMMSS in UTC (naive datetimes are taken to be UTC, as the store writes)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return ""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc)
    return value.strftime("%Y%m%d%H%M%S")


def _chunks(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]


def _actor(code: Any, name: Any, country: Any, role: Any) -> list[str]:
    """The 10 actor fields (see the module docstring for how a code is split)."""
    code, country = _text(code).upper(), _text(country).upper()
    if not code and not country and (not name or name == UNIDENTIFIED):
        return [""] * len(_ACTOR)  # no actor, or one its sentence does not name
    group, religions, types = "", [], []
    for i, chunk in enumerate(_chunks(code)):
        if i == 0 and chunk in _country_names():
            country = country or chunk
        elif chunk in _TYPES:
            types.append(chunk)
        elif chunk in _RELIGIONS:
            religions.append(chunk)
        elif chunk in REGIONS:
            country = country or chunk
        elif i > 0:
            group = chunk  # UNO, NAT, ALQ, AMN ...: the last such chunk is the group
    if not types:
        types = [c for c in _chunks(_text(role).upper()) if c in _TYPES]
    religions, types = (religions + ["", ""])[:2], (types + ["", "", ""])[:3]
    return [code, _text(name).upper(), country, group, "", *religions, *types]


def _actor_geo(iso3: Any) -> list[str]:
    """A country match for the actor's country, at the centre of its land (GDELT gives
    country matches its centroid)."""
    iso3 = _text(iso3).upper()
    hit = _fips(iso3)
    if not hit:
        return [""] * len(_GEO)
    fips, name = hit
    lat, lon = RuleSet.default().places.country_points.get(iso3, (None, None))
    return ["1", name, fips, fips, "", _num(lat), _num(lon), fips]


def _action_geo(c: Mapping[str, Any]) -> list[str]:
    iso3 = _text(c.get("location_country")).upper()
    hit = _fips(iso3)
    if not hit:
        return [""] * len(_GEO)
    fips, country_name = hit
    place = _text(c.get("location"))
    row = {**c, "location": place, "location_country": iso3}
    kind = location_kind(row, also=(country_name, _country_names().get(iso3, ""))) or "country"
    lat, lon = _num(c.get("lat")), _num(c.get("lon"))
    if kind == "country":
        return ["1", place or country_name, fips, fips, "", lat, lon, fips]
    us = iso3 == "USA"
    geo_type = (3 if us else 4) if kind == "city" else (2 if us else 5)
    admin1 = _text(c.get("location_admin1"))
    inside = [place] + ([admin1] if admin1 and admin1 != place else []) if place else []
    full = ", ".join([*inside, country_name])  # "Kingston, Ontario, Canada", as GDELT writes it
    gid = c.get("location_geonames_id")
    return [str(geo_type), full, fips, fips, "", lat, lon, str(gid) if gid else ""]


def _is_root(c: Mapping[str, Any]) -> str:
    root = c.get("is_root")
    if root is None and c.get("sentence") is not None:
        root = int(c["sentence"]) < 3
    return "1" if root else "0"


def gdelt_row(cluster: Mapping[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 Event fields of one event cluster, as strings."""
    c = cluster
    cameo = _text(c.get("cameo"))
    info = RuleSet.default().cameo.get(cameo)
    quad = c.get("quad_class")
    goldstein = c.get("goldstein")
    event_id = c.get("cluster_num")
    if event_id is None:
        event_id = c.get("cluster_id")  # the store's column name
    return [
        _int(event_id), *_dates(c),
        *_actor(c.get("source_code"), c.get("source_name"), c.get("source_country"),
                c.get("source_role")),
        *_actor(c.get("target_code"), c.get("target_name"), c.get("target_country"),
                c.get("target_role")),
        _is_root(c), cameo, cameo[:3], cameo[:2] or _text(c.get("cameo_root")),
        _int(quad if quad is not None else (info.quad_class if info else None)),
        _num(goldstein if goldstein is not None else (info.goldstein if info else None)),
        _int(c.get("num_mentions")), _int(c.get("num_sources")), _int(c.get("num_articles")),
        _num(c.get("avg_tone")) or "0",
        *_actor_geo(c.get("source_country")),
        *_actor_geo(c.get("target_country")),
        *_action_geo(c),
        _stamp(c.get("first_ingested")), _text(c.get("url")) or _text(c.get("first_article_id")),
    ]


def write_gdelt(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write each cluster as one tab-separated GDELT 2.0 Event line; returns the count."""
    n = 0
    for cluster in rows:
        out.write("\t".join(tsv_cell(v) for v in gdelt_row(cluster)) + "\n")
        n += 1
    return n
