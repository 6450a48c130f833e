"""Place knowledge beyond the offline gazetteer: named regions, seas and territories
(``regions.tsv``) and the words that name them (``region_words.tsv``: "European",
"EU"), provinces and counties (``admin_areas.tsv``), other names of gazetteer cities
(``city_aliases.tsv``), the point each country and US state is placed at
(``country_points.tsv``, ``state_points.tsv``) and the role codes' display words
(``role_codes.tsv``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tidings.rules.tables import Row, TableError, load_table


@dataclass(frozen=True)
class Region:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class AdminArea:
    """A province, state or region of a country (level 1) or a county (level 2)."""

    country: str  # ISO alpha-3
    level: int
    name: str
    within: str  # the level-1 area a county lies in ("California"), else ""
    lat: float
    lon: float
    population: int  # people in its towns: a tie-breaker between areas of one name
    code: str = ""  # GeoNames admin1 code of a province ("08" for Ontario): names a town's province


@dataclass(frozen=True)
class RegionWord:
    """A word that names a region: as its name ("EU" -> Europe) or as a modifier
    ("European" -> Europe, like a demonym)."""

    region: str  # lower-case name of a region (regions.tsv or a continent)
    modifier: bool


@dataclass(frozen=True)
class PlaceTables:
    regions: dict[str, Region]  # lower-case name -> region
    city_aliases: dict[str, tuple[str, str]]  # lower-case alias -> (gazetteer name, ISO3)
    country_points: dict[str, tuple[float, float]]  # ISO3 -> (lat, lon): the centre of its land
    state_points: dict[tuple[str, str], tuple[float, float]]  # (ISO3, lower-case name) -> (lat, lon)
    admin_areas: tuple[AdminArea, ...] = ()
    region_words: dict[str, RegionWord] = field(default_factory=dict)  # word as written ("EU", "European") -> region
    state_abbreviations: dict[str, str] = field(default_factory=dict)  # "Calif" -> "California"


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
    admins = []
    for r in load_table("admin_areas.tsv", ("country", "level", "name", "within", "lat", "lon", "population"), dirs):
        if r["level"] not in ("1", "2") or not r["population"].isdigit():
            raise TableError(f"{r.where}: level is 1 or 2 and population a whole number")
        lat, lon = _point(r)
        admins.append(AdminArea(r["country"].upper(), int(r["level"]), r["name"], r["within"], lat, lon,
                                int(r["population"]), r.get("code")))
    words: dict[str, RegionWord] = {}
    for r in load_table("region_words.tsv", ("word", "region", "as"), dirs):
        if r["as"] not in ("name", "modifier"):
            raise TableError(f"{r.where}: 'as' is name or modifier, not {r['as']!r}")
        words.setdefault(r["word"], RegionWord(r["region"].lower(), r["as"] == "modifier"))
    abbreviations: dict[str, str] = {}
    for r in load_table("state_abbreviations.tsv", ("abbreviation", "state"), dirs):
        abbreviations.setdefault(r["abbreviation"], r["state"])
    return PlaceTables(regions, aliases, points, states, tuple(admins), words, abbreviations)


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
