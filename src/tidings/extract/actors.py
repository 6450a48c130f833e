"""Actors: dictionaries, titles and in-document name chains -> CAMEO actor codes.

We never trust spaCy's NER label for names. An actor phrase is recognised from our own
tables (``countries.tsv``, ``organisations.tsv``, ``people.tsv``, ``roles.tsv``) on the
tokens of a sentence, then composed: "US Defense Secretary James Mattis" is a country
word, a title and a name -> James Mattis, USAGOV. A person first named with a title
("South Korean counterpart Han Min-koo") is added to the article's name chain, so that
a later "Han" resolves to the same person.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tidings.rules.tables import TableError, read_tsv

# kinds of dictionary entries
COUNTRY, DEMONYM, CAPITAL, CITY, ORG, PERSON, ROLE = (
    "country", "demonym", "capital", "city", "organisation", "person", "role",
)
# a capitalised name word, any script with case: "Mattis", "Kyo-ahn", "Dvořák", "O'Brien"
_NAME_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’\-])*$")
_NOT_NAMES = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "On", "In", "But", "And", "When", "After", "Before", "Meanwhile",
}
# organisation kinds that every country has: a country word before them names whose
NATIONAL_BODIES = {"legislature", "government", "military", "police", "intelligence", "court",
                   "party", "media"}
_PARTICLES = {"al", "bin", "ben", "de", "van", "von", "da", "del", "der", "la", "le", "el", "abu", "ibn"}


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


@dataclass(frozen=True)
class Resolved:
    """One actor phrase found in a sentence (token offsets are sentence-local)."""

    name: str
    code: str
    country: str | None
    role: str | None
    kind: str  # country | person | organisation | group
    how: str  # dictionary | title | name_chain | demonym | capital | pronoun
    tok_start: int
    tok_end: int  # exclusive
    head: int  # token index of the phrase's head word
    plural: bool = False


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise TableError(f"{where}: bad date {value!r}") from exc


# roles that are whole codes and take no country prefix ("peacekeepers" -> IGOPKO)
_STANDALONE = ("IGO", "NGO", "INT", "UIS", "MNC", "IMG")


def primary_role(role: str | None) -> str | None:
    """The first role of a compound role: GOVMIL (defence minister) -> GOV. Whole
    international codes (IGOUNO) are kept."""
    if not role or role.startswith(_STANDALONE):
        return role or None
    return role[:3]


def make_code(country: str | None, role: str | None) -> str:
    """Country + role ("USAGOV"). International roles stand alone ("IGOPKO"), but a
    national NGO or company keeps its country ("American aid groups" -> USANGO)."""
    if role and role.startswith(_STANDALONE):
        return f"{country}{role}" if country and role in ("NGO", "MNC") else role
    return f"{country or ''}{role or ''}" or "UNK"


@dataclass
class Dictionary:
    """All surface forms -> entries, indexed by first token for longest-match lookup."""

    exact: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    lower: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    max_len: int = 1
    surnames: dict[str, list[Entry]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> canonical name
    names_to_iso: dict[str, str] = field(default_factory=dict)  # lower surface -> ISO3
    legacy: dict[str, str] = field(default_factory=dict)  # old CAMEO country code -> ISO3

    def add(self, surface: str, entry: Entry, *, case_sensitive: bool = True) -> None:
        toks = tuple(_tokenize(surface))
        if not toks:
            return
        target = self.exact if case_sensitive else self.lower
        key = toks if case_sensitive else tuple(t.lower() for t in toks)
        bucket = target.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.max_len = max(self.max_len, len(toks))

    def lookup(self, words: Sequence[str], i: int) -> tuple[int, list[Entry]]:
        """Longest entry starting at ``words[i]``: (length, entries) or (0, [])."""
        for n in range(min(self.max_len, len(words) - i), 0, -1):
            key = tuple(words[i : i + n])
            hit = self.exact.get(key)
            if hit:
                return n, hit
            hit = self.lower.get(tuple(w.lower() for w in key))
            if hit:
                return n, hit
        return 0, []

    def country_of(self, text: str) -> str | None:
        return self.names_to_iso.get(text.lower().strip())


@functools.lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202
    """spaCy's English tokenizer rules (no model): dictionary phrases are split exactly
    as the text will be ("People's" -> "People", "'s")."""
    import spacy

    return spacy.blank("en").tokenizer


def _tokenize(text: str) -> list[str]:
    return [t.text for t in _tokenizer()(text) if not t.is_space]


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


@functools.lru_cache(maxsize=1)
def load_dictionary() -> Dictionary:
    d = Dictionary()
    for r in read_tsv("countries.tsv", ("iso3", "name", "aliases", "demonyms", "capitals")):
        iso = r["iso3"]
        d.country_names[iso] = r["name"]
        if r.get("cameo"):
            d.legacy[r["cameo"]] = iso
        for s in [r["name"], *r.many("aliases")]:
            d.add(s, Entry(r["name"], COUNTRY, iso, None))
            d.names_to_iso.setdefault(s.lower(), iso)
            if s.lower().startswith("the "):
                d.add(s[4:], Entry(r["name"], COUNTRY, iso, None))
        for s in r.many("demonyms"):
            d.add(s, Entry(r["name"], DEMONYM, iso, None))
            d.names_to_iso.setdefault(s.lower(), iso)
        for s in r.many("capitals"):
            d.add(s, Entry(r["name"], CAPITAL, iso, "GOV"))
            d.names_to_iso.setdefault(s.lower(), iso)
        for s in r.many("cities"):
            d.add(s, Entry(s, CITY, iso, None))
            d.names_to_iso.setdefault(s.lower(), iso)
    for r in read_tsv("organisations.tsv", ("name", "aliases", "code", "country", "role", "kind")):
        e = Entry(r["name"], ORG, r["country"] or None, r["role"] or None, r["code"],
                  org_kind=r["kind"] or None)
        for s in [r["name"], *r.many("aliases")]:
            d.add(s, e)
            if s.lower().startswith("the "):
                d.add(s[4:], e)
    for r in read_tsv("people.tsv", ("name", "aliases", "country", "role", "title", "start", "end")):
        where = f"people.tsv:{r.line}"
        e = Entry(r["name"], PERSON, r["country"] or None, primary_role(r["role"]),
                  start=_date(r["start"], where), end=_date(r["end"], where), title=r["title"] or None)
        d.add(r["name"], e)
        for s in r.many("aliases"):
            if " " in s or "-" in s:
                d.add(s, e)
            else:  # a lone surname only counts when the date fits or the chain has it
                d.surnames.setdefault(s, []).append(e)
        last = r["name"].split()[-1]
        if last != r["name"]:
            d.surnames.setdefault(last, [])
            if e not in d.surnames[last]:
                d.surnames[last].append(e)
    for r in read_tsv("roles.tsv", ("phrase", "role", "person")):
        phrase = r["phrase"].lower()
        e = Entry(phrase, ROLE, None, primary_role(r["role"]) or None,
                  person_title=r["person"].lower() == "yes")
        d.add(phrase, e, case_sensitive=False)
        words = phrase.split()
        if not phrase.endswith("s") and words:
            d.add(" ".join([*words[:-1], _plural(words[-1])]), e, case_sensitive=False)
    return d


def _same_country_only(entries: Sequence[Entry]) -> bool:
    """Every holder of this surname is of one country (Bush, Assad): the country is
    safe to use even when the date fits none of their terms."""
    people = [e for e in entries if e.kind == PERSON]
    return len({e.name for e in people}) > 1 and len({e.country for e in people}) == 1


def _pick_person(entries: Sequence[Entry], day: dt.date | None) -> tuple[Entry | None, bool]:
    """The entry valid on ``day``; else the closest in time (same person, other role)."""
    people = [e for e in entries if e.kind == PERSON]
    if not people:
        return None, False
    valid = [e for e in people if e.valid_on(day)]
    if valid:
        return valid[0], True
    if day is None:
        return people[-1], False
    names = {e.name for e in people}
    if len(names) > 1 and len({e.country for e in people}) > 1:
        return None, False  # an ambiguous surname outside every date range: no guess

    def distance(e: Entry) -> int:
        s = e.start or dt.date.min
        en = e.end or dt.date.max
        return min(abs((day - s).days), abs((day - en).days))

    return min(people, key=distance), False


@dataclass
class NameChain:
    """People named so far in one article: full name and surname -> resolved person."""

    by_key: dict[str, Resolved] = field(default_factory=dict)

    def add(self, r: Resolved, words: Sequence[str]) -> None:
        name_words = r.name.split()
        self.by_key[r.name] = r
        if name_words:
            self.by_key[name_words[-1]] = r
            if len(name_words) >= 2 and name_words[0] in {"Kim", "Park", "Moon", "Lee", "Xi", "Li", "Wang", "Hwang", "Han"}:
                self.by_key[name_words[0]] = r  # East Asian family name first

    def get(self, word: str) -> Resolved | None:
        return self.by_key.get(word)


def find_actors(words: Sequence[str], day: dt.date | None, chain: NameChain,
                d: Dictionary | None = None) -> list[Resolved]:
    """Actor phrases in one sentence's tokens, composed from country, title and name."""
    d = d or load_dictionary()
    items: list[tuple[int, int, list[Entry]]] = []
    i = 0
    while i < len(words):
        n, entries = d.lookup(words, i)
        if n and i >= 2 and words[i - 1] == "-" and words[i - 2].lower() in ("anti", "pro", "non"):
            i += n  # "anti-Syria journalist": about Syria, not Syria
            continue
        if n:
            items.append((i, i + n, entries))
            i += n
        else:
            i += 1
    out: list[Resolved] = []
    used_until = -1
    for idx, (s, _e, _entries) in enumerate(items):
        if s < used_until:
            continue
        res, end = _compose(words, items, idx, day, chain, d)
        if res is not None:
            out.extend(res)
            used_until = end
    out = _merge_role_of_country(out, words)
    out = _ethnic_residence(out, words)
    # lone surnames / chained names not in the dictionary tables
    taken = {t for r in out for t in range(r.tok_start, r.tok_end)}
    for j, w in enumerate(words):
        if j in taken or not _is_name(w):
            continue
        prev_cap = (j > 0 and _is_name(words[j - 1]) and (j - 1) not in taken
                    and words[j - 1] not in _NOT_NAMES and j - 1 > 0)
        if prev_cap:
            continue
        hit = chain.get(w)
        if hit is not None:
            out.append(Resolved(hit.name, hit.code, hit.country, hit.role, hit.kind, "name_chain",
                                j, j + 1, j))
            continue
        if w in d.surnames:
            person, fits = _pick_person(d.surnames[w], day)
            followed_by_name = j + 1 < len(words) and bool(_is_name(words[j + 1]))
            if person is not None and not followed_by_name:
                r = Resolved(person.name, make_code(person.country, person.role), person.country,
                             person.role, "person", "dictionary", j, j + 1, j)
                out.append(r)
                chain.add(r, words)
    out.sort(key=lambda r: r.tok_start)
    return out


def _is_name(w: str) -> bool:
    return bool(_NAME_TOKEN.match(w)) and w[0].isupper() and (len(w) == 1 or any(c.islower() for c in w))


def _name_run(words: Sequence[str], j: int) -> int:
    """End of a run of capitalised name tokens starting at j ("Han Min-koo", "Kyo-ahn")."""
    k = j
    while k < len(words):
        w = words[k]
        if _is_name(w) or (w.lower() in _PARTICLES and k > j):
            k += 1
        elif w == "-" and k > j and k + 1 < len(words) and words[k + 1][:1].isalpha():
            k += 2
        else:
            break
    while k > j and words[k - 1].lower() in _PARTICLES:
        k -= 1
    return k


_FUNCTION_WORDS = frozenset(
    "a an the and or but nor with without on in at for to from of by against over under after before "
    "as about into onto upon than via per during since until among between toward towards near "
    "amid across through around behind beyond despite".split())


def _compose(words, items, idx, day, chain, d):  # noqa: ANN001, ANN202
    """Compose a phrase starting at items[idx]: [country|demonym] [org|role]* [name]."""
    start = items[idx][0]
    country: str | None = None
    country_how = "dictionary"
    role: str | None = None
    person_title = False
    org: Entry | None = None
    head_end = start
    k = idx
    extra_countries: list[tuple[str, int, int]] = []
    while k < len(items):
        if (items[k][0] == head_end + 1 and (country is not None or org is not None) and role is None
                and words[head_end].isalpha() and words[head_end].islower()
                and words[head_end] not in _FUNCTION_WORDS  # "threatened South Korea with military action"
                and any(x.kind == ROLE for x in items[k][2])):
            head_end += 1  # "NATO peacekeeping troops", "Israeli riot police": one modifier word
        if items[k][0] != head_end:
            # "Iran's religious leader", "Montenegro's prime minister": a possessive country
            if not (country is not None and role is None and org is None and head_end < len(words)
                    and words[head_end] in ("'s", "’s", "'", "’") and items[k][0] == head_end + 1
                    and any(x.kind in (ROLE, PERSON, ORG) for x in items[k][2])):
                break
            head_end += 1
        s, e, entries = items[k]
        kinds = {x.kind for x in entries}
        first = entries[0]
        if kinds & {PERSON}:
            person, fits = _pick_person(entries, day)
            if person is None:
                break
            name_end = e
            res = Resolved(person.name, make_code(person.country or country, person.role or role),
                           person.country or country, person.role or role, "person",
                           "dictionary", start, name_end, name_end - 1)
            chain.add(res, words)
            return [res], name_end
        if kinds & {COUNTRY, DEMONYM, CAPITAL, CITY} and country is None and org is None and role is None:
            pick = next((x for x in entries if x.kind in (COUNTRY, CAPITAL, DEMONYM)), first)
            country = pick.country
            country_how = "capital" if pick.kind == CAPITAL else "demonym" if pick.kind == DEMONYM else "dictionary"
            if pick.kind == CITY:
                return None, e
            head_end = e
            # "Hungarian and Romanian officials": a coordinated country modifier
            if (e + 1 < len(words) and words[e] == "and" and k + 1 < len(items)
                    and items[k + 1][0] == e + 1 and items[k + 1][2][0].kind == DEMONYM
                    and k + 2 < len(items) and items[k + 2][2][0].kind == ROLE
                    and items[k + 2][0] == items[k + 1][1]):
                extra_countries.append((items[k + 1][2][0].country, e + 1, items[k + 1][1]))
                head_end = items[k + 1][1]
                k += 2
                continue
            k += 1
            # "Bosnian Serbs", "Iraqi Kurds", "Turkish Kurd refugees": an ethnic group
            # is coded by the country it lives in, the first demonym
            if (country_how == "demonym" and k < len(items) and items[k][0] == head_end
                    and any(x.kind == DEMONYM for x in items[k][2])):
                head_end = items[k][1]
                country_how = "ethnic"
                k += 1
            continue
        if kinds & {ORG} and org is None and role is None:
            org = next(x for x in entries if x.kind == ORG)
            if (country is not None and org.country and org.country != country
                    and org.org_kind in NATIONAL_BODIES and org.role):
                # "Rwanda's Senate", "the Kenyan parliament": that country's body, not the
                # one the bare name means by default
                role = primary_role(org.role)
                org = None
                head_end = e
                k += 1
                continue
            head_end = e
            k += 1
            continue
        if kinds & {ROLE}:
            r = next(x for x in entries if x.kind == ROLE)
            role = role or r.role
            person_title = person_title or r.person_title
            head_end = e
            k += 1
            continue
        break
    if org is not None:
        code = org.code or make_code(org.country, org.role)
        if role and org.country and not org.code:
            code = make_code(org.country, role)
        name_end = _name_run(words, head_end) if role is not None and person_title else head_end
        if name_end > head_end:
            # "Hamas leader Khalil Haddad": a person who speaks and acts for the body
            full = _join_name(words[head_end:name_end])
            res = Resolved(full, code, org.country, primary_role(org.role), "person", "title",
                           start, name_end, name_end - 1)
            chain.add(res, words)
            return [res], name_end
        res = Resolved(org.name, code, org.country, primary_role(role or org.role), "organisation",
                       "dictionary", start, head_end, head_end - 1)
        return [res], head_end
    # a name after a title: "Defense Secretary James Mattis", "counterpart Han Min-koo"
    if role is not None and person_title:
        j = head_end
        name_end = _name_run(words, j)
        if name_end > j:
            full = _join_name(words[j:name_end])
            known = chain.get(full)
            if known is None and name_end - j == 1 and full in d.surnames:
                person, fits = _pick_person(d.surnames[full], day)  # "President Bush"
                if person is not None and (fits or day is None or _same_country_only(d.surnames[full])):
                    known = Resolved(person.name, make_code(person.country, person.role),
                                     person.country, person.role, "person", "title", start,
                                     name_end, name_end - 1)
                    chain.add(known, words)
            if known is not None:  # "President Trump" after "Donald Trump"
                res = Resolved(known.name, known.code, known.country, known.role, "person",
                               "name_chain", start, name_end, name_end - 1)
                return [res], name_end
            if known is None:
                n, entries = d.lookup(words, j)
                person = _pick_person(entries, day)[0] if n else None
                if person is not None:
                    country = person.country or country
                    role = person.role or role
                    full = person.name
            res = Resolved(full, make_code(country, role), country, role, "person", "title",
                           start, name_end, name_end - 1)
            chain.add(res, words)
            return [res], name_end
    if country is None and role is None:
        return None, head_end
    if role is None:
        kind = "group" if country_how == "ethnic" else "country"
        name = (" ".join(words[start:head_end]) if country_how == "ethnic"
                else d.country_names.get(country, country))
        how = country_how
        res = [Resolved(name, make_code(country, "GOV" if how == "capital" else None), country,
                        "GOV" if how == "capital" else None, kind, how, start, head_end, head_end - 1)]
        return res, head_end
    indefinite = start > 0 and words[start - 1].lower() in ("a", "an", "one", "another")
    if country is not None and person_title and not indefinite:
        # "the US president" -> the person who held that title then, when we know them
        # (not "a Chinese foreign ministry spokesman": one of several)
        leader = _leader_by_title(words[start:head_end], country, day, d)
        if leader is not None:
            res = Resolved(leader.name, make_code(country, leader.role or role), country,
                           leader.role or role, "person", "title", start, head_end, head_end - 1)
            chain.add(res, words)
            return [res], head_end
    plural = words[head_end - 1].lower().endswith("s")
    phrase = " ".join(w for w in words[start:head_end] if w.lower() not in ("the", "a", "an"))
    out = [Resolved(phrase,
                    make_code(country, role), country, role, "group", "title", start, head_end,
                    head_end - 1, plural)]
    for c, s2, _e2 in extra_countries:
        out.append(Resolved(f"{d.country_names.get(c, c)} {words[head_end - 1]}", make_code(c, role), c, role,
                            "group", "title", s2, head_end, head_end - 1, plural))
    return out, head_end


_REGION_WORDS = {"south", "southern", "north", "northern", "east", "eastern", "west", "western",
                 "central", "northeast", "northeastern", "northwest", "northwestern", "southeast",
                 "southeastern", "southwest", "southwestern", "occupied", "neighbouring", "neighboring"}


def _merge_role_of_country(found: list[Resolved], words: Sequence[str]) -> list[Resolved]:
    """"the president of Armenia", "officials from Serbia": a role named without a
    country takes the country that follows it; "ethnic Albanians in south Serbia" live
    in, and are coded by, Serbia."""
    out: list[Resolved] = []
    i = 0
    while i < len(found):
        r = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        ethnic = r.how == "ethnic" or (r.tok_start > 0 and words[r.tok_start - 1].lower() == "ethnic")
        gap = [w.lower() for w in words[r.tok_end : nxt.tok_start]] if nxt is not None else []
        # "the Albanians of southern Serbia": a people of a place lives there
        people_of = (r.how == "demonym" and r.role is None and words[r.tok_end - 1].endswith("s")
                     and gap[:1] == ["of"])
        if (ethnic or people_of) and nxt is not None and nxt.country and nxt.role is None:
            if gap and gap[0] in ("in", "of", "from", "inside") and all(
                    w in _REGION_WORDS or w in ("in", "of", "from", "inside", "the") for w in gap):
                name = " ".join(words[max(r.tok_start - 1, 0) if words[r.tok_start - 1].lower() == "ethnic"
                                      else r.tok_start : r.tok_end])
                out.append(Resolved(name, make_code(nxt.country, r.role), nxt.country, r.role, "group",
                                    "ethnic", r.tok_start, r.tok_end, r.head, True))
                i += 1
                continue
        owned = r.tok_start > 0 and words[r.tok_start - 1].lower() in ("its", "their", "his", "her", "our")
        if (nxt is not None and r.country is None and r.role and not r.code.startswith(_STANDALONE)
                and not owned  # "withdrew its troops from Georgia": not Georgia's troops
                and nxt.country and nxt.role is None and nxt.tok_start == r.tok_end + 1
                and words[r.tok_end].lower() in ("of", "from", "in")):
            out.append(Resolved(f"{r.name} of {nxt.name}", make_code(nxt.country, r.role), nxt.country,
                                r.role, r.kind, r.how, r.tok_start, nxt.tok_end, r.head, r.plural))
            i += 2
            continue
        out.append(r)
        i += 1
    return out


def _ethnic_residence(found: list[Resolved], words: Sequence[str]) -> list[Resolved]:
    """"Serb forces killed three ethnic Albanians in ... Serbia": an ethnic group whose
    residence is not said next to it lives in the other country the sentence names."""
    out = []
    for r in found:
        if (r.how != "ethnic" and r.tok_start > 0 and words[r.tok_start - 1].lower() == "ethnic"
                and r.country):
            other = next((x.country for x in found if x.country and x.country != r.country
                          and x.kind in ("country", "group", "person")), None)
            if other:
                r = Resolved(f"ethnic {' '.join(words[r.tok_start:r.tok_end])}", make_code(other, r.role),
                             other, r.role, "group", "ethnic", r.tok_start, r.tok_end, r.head, True)
        out.append(r)
    return out


def fill_country_from_context(per_sentence: list[list[Resolved]],
                              place_countries: Sequence[str] = ()) -> list[list[Resolved]]:
    """Give role actors named without a country ("the judge", "President Dos Santos")
    the article's main country: the one its actors name most (earliest on a tie), or,
    when no actor names one, the country of the places it mentions ("in Mombasa")."""
    tally: dict[str, int] = {}
    first: dict[str, int] = {}
    pos = 0
    for sent in per_sentence:
        for r in sent:
            if r.country:
                tally[r.country] = tally.get(r.country, 0) + 1
                first.setdefault(r.country, pos)
                pos += 1
    if not tally:
        for c in place_countries:
            tally[c] = tally.get(c, 0) + 1
            first.setdefault(c, len(first))
    if not tally:
        return per_sentence
    main = max(tally, key=lambda c: (tally[c], -first[c]))
    out = []
    for sent in per_sentence:
        row = []
        for r in sent:
            if r.country is None and r.role and not r.code.startswith(_STANDALONE):
                r = Resolved(r.name, make_code(main, r.role), main, r.role, r.kind, "context",
                             r.tok_start, r.tok_end, r.head, r.plural)
            row.append(r)
        out.append(row)
    return out


def _join_name(tokens: Sequence[str]) -> str:
    return re.sub(r"\s*-\s*", "-", " ".join(tokens))


def _leader_by_title(tokens: Sequence[str], country: str | None, day: dt.date | None,
                     d: Dictionary) -> Entry | None:
    if country is None or day is None:
        return None
    title = " ".join(t.lower() for t in tokens[1:]) if len(tokens) > 1 else ""
    if not title:
        return None
    for entries in d.surnames.values():
        for e in entries:
            if e.country == country and e.title and e.title.lower() == title and e.valid_on(day):
                return e
    return None
