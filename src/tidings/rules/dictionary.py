"""The actor dictionary: every surface form of a country, organisation, person or role
word, indexed for longest-match lookup on a sentence's tokens (``countries.tsv``,
``organisations.tsv``, ``people.tsv``, ``roles.tsv``; see ``data/ACTORS.md``)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tidings import cache
from tidings.rules.countries import Countries
from tidings.rules.tables import Row, TableError, load_table

# kinds of dictionary entries
COUNTRY, DEMONYM, CAPITAL, CITY, ORG, PERSON, ROLE = (
    "country", "demonym", "capital", "city", "organisation", "person", "role",
)
ORG_COLUMNS = ("name", "aliases", "code", "country", "role", "kind")
PEOPLE_COLUMNS = ("name", "aliases", "country", "role", "title", "start", "end")
ROLE_COLUMNS = ("phrase", "role", "person")
# roles that are whole codes and take no country prefix ("peacekeepers" -> IGOPKO)
STANDALONE = ("IGO", "NGO", "INT", "UIS", "MNC", "IMG")
# the CAMEO manual's region codes (table 3.3): a group of states named only by its region
# ("Gulf states": PGS, "Western powers": WST) has one for a code and no country
REGIONS = frozenset(
    "AFR ASA BLK CAS CAU CEU CFR CRB EAF EEU EIN EUR LAM MDT MEA NAF NMR PGS SAF SAM SAS "
    "SCN SEA WAF WST".split())


@dataclass(frozen=True)
class Entry:
    """What one surface form in a dictionary stands for."""

    name: str
    kind: str
    country: str | None
    role: str | None
    code: str | None = None  # explicit CAMEO code for organisations
    person_title: bool = False  # role phrase that titles one person
    start: dt.date | None = None
    end: dt.date | None = None
    title: str | None = None
    org_kind: str | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def primary_role(role: str | None) -> str | None:
    """The first role of a compound role: GOVMIL (defence minister) -> GOV. Whole
    international codes (IGOUNO) are kept."""
    if not role or role.startswith(STANDALONE):
        return role or None
    return role[:3]


def make_code(country: str | None, role: str | None) -> str:
    """Country + role ("USAGOV"). International roles stand alone ("IGOPKO"), but a
    national NGO or company keeps its country ("American aid groups" -> USANGO)."""
    if role and role.startswith(STANDALONE):
        return f"{country}{role}" if country and role in ("NGO", "MNC") else role
    return f"{country or ''}{role or ''}" or "UNK"


@functools.lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202
    """spaCy's English tokenizer rules (no model): dictionary phrases are split exactly
    as the text will be ("People's" -> "People", "'s")."""
    import spacy

    return spacy.blank("en").tokenizer


def tokenize(text: str) -> list[str]:
    return [t.text for t in _tokenizer()(text) if not t.is_space]


class Forms:
    """Dictionary forms split into words (:func:`tokenize`), remembered between runs in
    the cache folder (``forms-*.pickle``, keyed by the versions of tidings and spaCy,
    whose English tokenizer rules decide the split): a process whose forms are all
    known never builds a tokenizer (0.18 s less CPU at start, measured on one article)."""

    def __init__(self) -> None:
        folder = cache.cache_dir()
        self.path = folder / f"forms-{_forms_key()}.pickle" if folder else None
        known = cache.read(self.path) if self.path else None
        self.known: dict[str, tuple[str, ...]] = known if isinstance(known, dict) else {}
        self.new = 0

    def split(self, surface: str) -> tuple[str, ...]:
        got = self.known.get(surface)
        if got is None:
            got = self.known[surface] = tuple(tokenize(surface))
            self.new += 1
        return got

    def save(self) -> None:
        if self.path is not None and self.new:
            cache.write(self.path, self.known)


def _forms_key() -> str:
    from importlib.metadata import version

    import tidings

    return f"{tidings.__version__}-{version('spacy')}".replace("/", "_")


def plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


@dataclass
class Dictionary:
    """All surface forms -> entries, indexed for longest-match lookup."""

    exact: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    lower: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    max_len: int = 1
    surnames: dict[str, list[Entry]] = field(default_factory=dict)
    countries: Countries | None = None
    split: Callable[[str], Sequence[str]] = field(default=tokenize, repr=False, compare=False)
    # the first word of every form, lowercased -> the most words of a form it opens: a
    # word that opens none (most words of a text) is answered at once
    first: dict[str, int] = field(default_factory=dict)

    def add(self, surface: str, entry: Entry, *, case_sensitive: bool = True) -> None:
        toks = tuple(self.split(surface))
        if not toks:
            return
        target = self.exact if case_sensitive else self.lower
        key = toks if case_sensitive else tuple(t.lower() for t in toks)
        bucket = target.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.max_len = max(self.max_len, len(toks))
        head = toks[0].lower()
        self.first[head] = max(self.first.get(head, 0), len(toks))

    def lookup(self, words: Sequence[str], i: int) -> tuple[int, list[Entry]]:
        """Longest entry starting at ``words[i]``: (length, entries) or (0, [])."""
        if i >= len(words):
            return 0, []
        longest = self.first.get(words[i].lower(), 0)
        for n in range(min(longest, len(words) - i), 0, -1):
            key = tuple(words[i : i + n])
            hit = self.exact.get(key)
            if hit:
                return n, hit
            hit = self.lower.get(tuple(w.lower() for w in key))
            if hit:
                return n, hit
        return 0, []

    def country_of(self, text: str) -> str | None:
        """The country a place or country name means ("Mombasa" -> "KEN")."""
        return self.countries.iso3_of(text, cities=True) if self.countries else None

    def country_name(self, iso3: str | None) -> str | None:
        return self.countries.name_of(iso3) if self.countries else None


def _date(value: str, r: Row) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TableError(f"{r.where}: bad date {value!r} (write YYYY-MM-DD)") from None


def _add_countries(d: Dictionary, countries: Countries) -> None:
    for c in countries.by_iso3.values():
        for s in [c.name, *c.aliases]:
            d.add(s, Entry(c.name, COUNTRY, c.iso3, None))
            if s.lower().startswith("the "):
                d.add(s[4:], Entry(c.name, COUNTRY, c.iso3, None))
        for s in c.demonyms:
            d.add(s, Entry(c.name, DEMONYM, c.iso3, None))
        for s in c.capitals:
            d.add(s, Entry(c.name, CAPITAL, c.iso3, "GOV"))
        for s in c.cities:
            d.add(s, Entry(s, CITY, c.iso3, None))


def _add_organisations(d: Dictionary, rows: Sequence[Row]) -> None:
    for r in rows:
        e = Entry(r["name"], ORG, r["country"] or None, r["role"] or None, r["code"],
                  org_kind=r["kind"] or None)
        for s in [r["name"], *r.many("aliases")]:
            d.add(s, e)
            if s.lower().startswith("the "):
                d.add(s[4:], e)


def _add_people(d: Dictionary, rows: Sequence[Row]) -> None:
    for r in rows:
        e = Entry(r["name"], PERSON, r["country"] or None, primary_role(r["role"]),
                  start=_date(r["start"], r), end=_date(r["end"], r), title=r["title"] or None)
        d.add(r["name"], e)
        for s in r.many("aliases"):
            if " " in s or "-" in s:
                d.add(s, e)
            else:  # a lone surname only counts when the date fits or the chain has it
                d.surnames.setdefault(s, []).append(e)
        last = r["name"].split()[-1]
        if last != r["name"]:
            bucket = d.surnames.setdefault(last, [])
            if e not in bucket:
                bucket.append(e)


def _add_roles(d: Dictionary, rows: Sequence[Row]) -> None:
    for r in rows:
        phrase = r["phrase"].lower()
        e = Entry(phrase, ROLE, None, primary_role(r["role"]) or None,
                  person_title=r["person"].lower() == "yes")
        d.add(phrase, e, case_sensitive=False)
        words = phrase.split()
        if not phrase.endswith("s") and words:
            d.add(" ".join([*words[:-1], plural(words[-1])]), e, case_sensitive=False)


def load_dictionary(countries: Countries, dirs: Sequence[Path] = ()) -> Dictionary:
    forms = Forms()
    d = Dictionary(countries=countries, split=forms.split)
    _add_countries(d, countries)
    _add_organisations(d, load_table("organisations.tsv", ORG_COLUMNS, dirs))
    _add_people(d, load_table("people.tsv", PEOPLE_COLUMNS, dirs))
    _add_roles(d, load_table("roles.tsv", ROLE_COLUMNS, dirs))
    forms.save()
    d.split = tokenize  # what is added later is split afresh
    return d
