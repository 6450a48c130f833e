"""Place knowledge beyond the offline gazetteer: named regions, seas and territories
(``regions.tsv``), other names of gazetteer cities (``city_aliases.tsv``), the point each
country and US state is placed at (``country_points.tsv``, ``state_points.tsv``) and the
role codes' display words (``role_codes.tsv``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.rules.tables import Row, TableError, load_table


@dataclass(frozen=True)
class Region:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class PlaceTables:
    regions: dict[str, Region]  # lower-case name -> region
    city_aliases: dict[str, tuple[str, str]]  # lower-case alias -> (gazetteer name, ISO3)
    country_points: dict[str, tuple[float, float]]  # ISO3 -> (lat, lon): the centre of its land
    state_points: dict[tuple[str, str], tuple[float, float]]  # (ISO3, lower-case name) -> (lat, lon)


def _coord(r: Row, key: str, lo: float, hi: float) -> float | None:
    if not r[key]:
        return None
    try:
        v = float(r[key])
    except ValueError:
        raise TableError(f"{r.where}: {key} {r[key]!r} is not a number") from None
    if not lo <= v <= hi:
        raise TableError(f"{r.where}: {key} {v} is outside {lo}..{hi}")
    return v


def load_place_tables(dirs: Sequence[Path] = ()) -> PlaceTables:
    regions: dict[str, Region] = {}
    for r in load_table("regions.tsv", ("name", "country", "lat", "lon"), dirs):
        regions.setdefault(r["name"].lower(), Region(r["name"], r["country"] or None,
                                                     _coord(r, "lat", -90, 90), _coord(r, "lon", -180, 180)))
    aliases: dict[str, tuple[str, str]] = {}
    for r in load_table("city_aliases.tsv", ("alias", "name", "country"), dirs):
        aliases.setdefault(r["alias"].lower(), (r["name"], r["country"]))
    points: dict[str, tuple[float, float]] = {}
    for r in load_table("country_points.tsv", ("iso3", "lat", "lon"), dirs):
        points.setdefault(r["iso3"].upper(), _point(r))
    states: dict[tuple[str, str], tuple[float, float]] = {}
    for r in load_table("state_points.tsv", ("country", "name", "lat", "lon"), dirs):
        states.setdefault((r["country"].upper(), r["name"].lower()), _point(r))
    return PlaceTables(regions, aliases, points, states)


def _point(r: Row) -> tuple[float, float]:
    lat, lon = _coord(r, "lat", -90, 90), _coord(r, "lon", -180, 180)
    if lat is None or lon is None:
        raise TableError(f"{r.where}: a point needs both lat and lon")
    return lat, lon


def load_role_codes(dirs: Sequence[Path] = ()) -> dict[str, str]:
    """Three-letter role code -> the words shown for it ("GOV" -> "government")."""
    out: dict[str, str] = {}
    for r in load_table("role_codes.tsv", ("code", "label"), dirs):
        if len(r["code"]) != 3 or not r["code"].isalpha() or not r["code"].isupper():
            raise TableError(f"{r.where}: a role code is three capital letters, not {r['code']!r}")
        out.setdefault(r["code"], r["label"])
    return out
