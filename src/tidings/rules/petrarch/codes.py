"""CAMEO actor codes and their dates: parsing ``[CODE date-date]``, and resolving a code
against our countries.tsv (country prefix to iso3, CAMEO role codes, international prefixes)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from tidings.rules.tables import read_tsv

# the three-letter CAMEO role (sector) codes a role may start with
ROLE_CODES = frozenset(
    "GOV MIL COP SPY JUD LEG PTY OPP REB UAF SEP RAD INS CVL MED BUS MNC NGO IGO IMG ELI "
    "EDU HLH LAB REF CRM AGR HRI ENV INT UIS MOD NGM PKO".split())
INTERNATIONAL = ("IGO", "NGO", "NGM", "IMG", "MNC", "INT", "UIS")
# CAMEO/KEDS/Phoenix country codes that are not the iso3 our countries.tsv uses
LEGACY = {"ROM": "ROU", "USR": "SUN", "CZA": "CSK", "GME": "DDR", "GMW": "DEU", "TMP": "TLS",
          "SCG": "YUG", "ZAR": "COD", "BUR": "MMR"}

_RANGE = re.compile(r"^(?:<(?P<before>\d+)|>(?P<after>\d+)|(?P<start>\d+)-(?P<end>\d+))?$")
CODE = re.compile(r"^(?:[A-Z]{3})+$")


@dataclass(frozen=True)
class Code:
    code: str
    start: str
    end: str
    where: str
    text: str

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)


@dataclass(frozen=True)
class Actor:
    """A code resolved for our tables."""

    code: str  # full code (country prefix mapped to iso3)
    country: str  # iso3 or "" for international codes
    role: str  # what follows the country; the whole code for international codes


@dataclass(frozen=True)
class _Span:
    start: str  # ISO date or "" (open)
    end: str


def _day(digits: str) -> dt.date | None:
    """YYMMDD (00-30: 20xx, else 19xx) or YYYYMMDD."""
    if len(digits) == 6:
        yy = int(digits[:2])
        digits = f"{2000 + yy if yy <= 30 else 1900 + yy}{digits[2:]}"
    if len(digits) != 8:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def _range(spec: str) -> _Span | str:
    """A date restriction (``<D``, ``>D``, ``D-D`` or nothing), or the reason it is unusable."""
    m = _RANGE.match(spec)
    if m is None:
        return "bad date"
    start_digits, end_digits = m["start"] or m["after"] or "", m["end"] or m["before"] or ""
    start, end = _day(start_digits), _day(end_digits)
    if (start_digits and start is None) or (end_digits and end is None):
        return "bad date"
    return _span(start, end, two_digit_start=len(start_digits) == 6)


def _span(start: dt.date | None, end: dt.date | None, two_digit_start: bool) -> _Span | str:
    if start and end and start > end and two_digit_start:
        start = _century_back(start)
    if start and end and start > end:
        return "date range ends before it starts"
    return _Span(start.isoformat() if start else "", end.isoformat() if end else "")


def _century_back(day: dt.date) -> dt.date:
    """A two-digit start year that falls after its end was meant a century earlier."""
    try:
        return day.replace(year=day.year - 100)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 100, day=28)


def parse_code(inner: str, where: str) -> Code | str:
    parts = inner.split(None, 1)
    if not parts:
        return "empty code []"
    code = parts[0]
    if code != "---" and not CODE.match(code):
        return "malformed code"
    span = _range(re.sub(r"\s+", "", parts[1]) if len(parts) > 1 else "")
    if isinstance(span, str):
        return span
    return Code(code, span.start, span.end, where, f"[{inner.strip()}]")


@functools.lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    import pycountry

    codes = {c.alpha_3 for c in pycountry.countries}
    codes |= {c.alpha_3 for c in pycountry.historic_countries}
    return frozenset(codes)


@dataclass(frozen=True)
class Countries:
    """Our countries.tsv, as the importer needs it."""

    legacy: Mapping[str, str]  # old code -> iso3
    iso: frozenset[str]
    names: Mapping[str, str]  # iso3 -> display name
    column: Mapping[tuple[str, str], str]  # (iso3, lower form) -> column
    owner: Mapping[str, str]  # lower form -> iso3

    def iso3(self, code: str, known: frozenset[str] | None = None) -> str | None:
        """The iso3 of a country code: any ISO 3166 code, or only those in ``known``."""
        iso = self.legacy.get(code, code)
        return iso if iso in (_iso_codes() | self.iso if known is None else known) else None

    def resolve(self, code: str, known: frozenset[str]) -> Actor | str:
        """An actor code for our tables; ``known``: the countries a row may name."""
        prefix = code[:3]
        if prefix in INTERNATIONAL:
            if code.startswith("IMGMUS"):
                code = "IMGMOS" + code[6:]
            return Actor(code, "", code)
        iso = self.iso3(prefix, known)
        if iso is None and prefix in ROLE_CODES:
            return "role code without a country"
        if iso is None and self.iso3(prefix):
            return "country not in countries.tsv (ours or imported)"
        if iso is None:
            return "code starts with neither a country nor IGO/NGO/NGM/IMG/MNC/INT/UIS"
        if len(code) > 3 and code[3:6] not in ROLE_CODES:
            return "not a CAMEO role code after the country (religion, ethnic group or other)"
        return Actor(iso + code[3:], iso, code[3:])


@functools.lru_cache(maxsize=1)
def our_countries() -> Countries:
    cols = ("aliases", "demonyms", "capitals", "cities")
    legacy, names, column, owner = dict(LEGACY), {}, {}, {}
    for r in read_tsv("countries.tsv", ("iso3", "name", *cols)):
        iso = r["iso3"]
        names[iso] = r["name"]
        if r.get("cameo"):
            legacy[r["cameo"]] = iso
        for col in ("name", *cols):
            for form in [r[col]] if col == "name" else r.many(col):
                column[(iso, form.lower())] = "aliases" if col == "name" else col
                owner.setdefault(form.lower(), iso)
    return Countries(legacy, frozenset(names), names, column, owner)


@functools.lru_cache(maxsize=1)
def cameo_codes() -> frozenset[str]:
    return frozenset(r["code"] for r in read_tsv("cameo.tsv", ("code",)))
