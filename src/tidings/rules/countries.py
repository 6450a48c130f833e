"""The one country authority: every name, alias, abbreviation, demonym and capital of a
country, its ISO alpha-3 code, the older CAMEO code Phoenix dictionaries use, and its
FIPS 10-4 code for GDELT output (``countries.tsv``, ``fips_countries.tsv``).

Actors, places, counts, the GDELT export, the dashboard and the evaluation all ask this
table, so "US", "U.S.", "the United States", "American" and "Washington" mean USA
everywhere.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.rules.tables import TableError, load_table

COLUMNS = ("iso3", "name", "aliases", "demonyms", "capitals")
FIPS_COLUMNS = ("iso3", "fips", "name")
_ISO3 = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    cameo: str | None = None  # the code Phoenix/CAMEO dictionaries use, when not iso3
    fips: str | None = None
    where: str = ""  # file:line of its row


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


@dataclass(frozen=True)
class Countries:
    by_iso3: dict[str, Country]
    names: dict[str, str]  # folded name, alias, demonym or capital -> iso3
    legacy: dict[str, str]  # older CAMEO country code -> iso3
    fips_names: dict[str, str]  # iso3 -> GDELT's short name (also for codes we do not list)
    city_names: dict[str, str]  # folded name of a city the table lists -> iso3
    fips_codes: dict[str, str]  # iso3 -> FIPS 10-4 code (every pair of fips_countries.tsv)

    def iso3_of(self, text: str, *, cities: bool = False) -> str | None:
        """"US", "the United States", "Americans", "Washington" -> "USA" (with ``cities``
        also the cities the table lists: "Mombasa" -> "KEN"); None if unknown."""
        key = _fold(text)
        if key.startswith("the ") and key not in self.names:
            key = key[4:]
        hit = self.names.get(key)
        return hit if hit is not None or not cities else self.city_names.get(key)

    def normalise(self, code: str | None) -> str | None:
        """An ISO alpha-3 code for a country code that may be an older CAMEO one (JAP)."""
        if not code:
            return None
        code = code.strip().upper()
        return self.legacy.get(code, code)

    def name_of(self, code: str | None) -> str | None:
        """The display name of a country code (ISO or older CAMEO), else None."""
        iso = self.normalise(code)
        if iso is None:
            return None
        c = self.by_iso3.get(iso)
        return c.name if c else self.fips_names.get(iso)

    def fips_of(self, iso3: str | None) -> str | None:
        """The FIPS 10-4 code GDELT uses for a country ("KOR" -> "KS")."""
        return self.fips_codes.get(self.normalise(iso3) or "")

    @functools.cached_property
    def display_names(self) -> dict[str, str]:
        """Every country code we know (ISO and older CAMEO codes) -> its display name."""
        out = dict(self.fips_names)
        for iso, c in self.by_iso3.items():
            out[iso] = c.name
            if c.cameo:
                out[c.cameo] = c.name
        return out


def load_countries(dirs: Sequence[Path] = ()) -> Countries:
    """The countries of ``countries.tsv`` (a user's row for a code adds names to it, or
    replaces it with ``#! replace``), with their FIPS codes."""
    fips: dict[str, tuple[str, str]] = {}
    for r in load_table("fips_countries.tsv", FIPS_COLUMNS, dirs):
        fips.setdefault(r["iso3"], (r["fips"], r["name"]))
    merged: dict[str, Country] = {}
    for r in load_table("countries.tsv", COLUMNS, dirs):
        iso = r["iso3"]
        if not _ISO3.fullmatch(iso):
            raise TableError(f"{r.where}: iso3 {iso!r} is not three capital letters")
        c = Country(iso, r["name"], tuple(r.many("aliases")), tuple(r.many("demonyms")),
                    tuple(r.many("capitals")), tuple(r.many("cities")), r.get("cameo") or None,
                    fips.get(iso, (None, ""))[0], r.where)
        old = merged.get(iso)
        if old is not None:  # an earlier (user's) row of the same country: names add up
            c = Country(iso, old.name, old.aliases + c.aliases, old.demonyms + c.demonyms,
                        old.capitals + c.capitals, old.cities + c.cities, old.cameo or c.cameo,
                        old.fips or c.fips, old.where)
        merged[iso] = c
    names: dict[str, str] = {}
    for c in merged.values():
        for surface in (c.name, *c.aliases, *c.demonyms, *c.capitals):
            names.setdefault(_fold(surface), c.iso3)
            if _fold(surface).startswith("the "):
                names.setdefault(_fold(surface)[4:], c.iso3)
    legacy = {c.cameo: c.iso3 for c in merged.values() if c.cameo}
    cities = {_fold(x): c.iso3 for c in reversed(list(merged.values())) for x in c.cities}
    return Countries(merged, names, legacy, {iso: n for iso, (_, n) in fips.items()}, cities,
                     {iso: f for iso, (f, _) in fips.items()})
