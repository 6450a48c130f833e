"""What the ICEWS and POLECAT exports share: an actor's sectors from its CAMEO code (the
rule set's ``sectors.tsv``), country names from the one country authority, ISO days,
numbers and tab-separated lines.

An actor's sectors are the role codes among the three-letter chunks of its code, in
order: the chunks after its country (KENCOP -> Police; USAGOVMIL -> Government,
Military), and the first chunk as well when it is a role, not a country (IGOUNO ->
Intergovernmental Organizations; NGOHRIAMN -> Nongovernmental Organizations, Human
Rights). A country on its own (USA) has no sector.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Mapping
from typing import IO, Any

from tidings.model import UNIDENTIFIED
from tidings.output import tsv_cell
from tidings.rules import RuleSet
from tidings.rules.tables import data_path, read_tsv


@functools.cache
def sector_names() -> dict[str, str]:
    """Three-letter role code -> readable sector name ("COP" -> "Police")."""
    return {r["code"]: r["sector"] for r in read_tsv(data_path("sectors.tsv"), ("code", "sector"))}


def actor_sectors(code: str | None) -> list[str]:
    """The sector names of an actor code, in the order its role chunks come."""
    code = (code or "").strip().upper()
    if not code or code.lower() == UNIDENTIFIED:
        return []
    names = sector_names()
    chunks = [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    out: list[str] = []
    for chunk in chunks:  # a country code is never a role code, so the first chunk may be either
        if chunk in names and names[chunk] not in out:
            out.append(names[chunk])
    return out


def country_name(code: str | None) -> str:
    """A country code's full English name from the rule set's country table ("" if none)."""
    return (RuleSet.default().countries.name_of(code) or "") if code else ""


def actor_name(row: Mapping[str, Any], side: str) -> str:
    """The actor's name as stored; an actor its sentence does not name is empty."""
    name = row.get(f"{side}_name")
    return "" if not name or name == UNIDENTIFIED else str(name)


def day(value: Any) -> str:
    """A date as ISO YYYY-MM-DD ("" for none)."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def event_day(row: Mapping[str, Any]) -> str:
    """The event's day; an event without its own date takes its article's."""
    return day(row.get("date")) or day(row.get("article_date"))


def number(value: Any, places: int = 4) -> str:
    """A number with at most ``places`` decimals, written as Python writes a float ("-5.0")."""
    if value is None or value == "":
        return ""
    x = float(value)
    return "" if math.isnan(x) else str(round(x, places))


def text(value: Any) -> str:
    return "" if value is None else str(value)


def location_kind(row: Mapping[str, Any], also: Iterable[str] = ()) -> str | None:
    """city, region or country; older rows without a kind: a place named like its
    country (or like one of the names ``also`` gives it) is the country, any other place
    a city."""
    kind = row.get("location_kind")
    place, country = row.get("location"), row.get("location_country")
    if kind or not place:
        return kind or None
    own = {country_name(country).casefold(), *(n.casefold() for n in also)} if country else set()
    return "country" if place.casefold() in own else "city"


def write_tsv(header: Iterable[str], rows: Iterable[list[str]], out: IO[str]) -> int:
    """A header line, then one formula-safe tab-separated line per row; returns the rows."""
    out.write("\t".join(header) + "\n")
    n = 0
    for row in rows:
        out.write("\t".join(tsv_cell(v) for v in row) + "\n")
        n += 1
    return n
