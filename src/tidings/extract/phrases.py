"""Composing one actor phrase from dictionary hits: ``[country|demonym] [org|role]* [name]``.

"US Defense Secretary James Mattis" is a country word, a title and a name -> James
Mattis, USAGOV; "Hungarian and Romanian officials" two groups; "Bosnian Serbs" an ethnic
group of Bosnia; "Rwanda's Senate" Rwanda's legislature, not the US Senate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tidings.model import UNIDENTIFIED
from tidings.rules import RuleSet
from tidings.rules.dictionary import (
    CAPITAL,
    CITY,
    COUNTRY,
    DEMONYM,
    ORG,
    PERSON,
    ROLE,
    Dictionary,
    Entry,
    make_code,
    primary_role,
)

# a capitalised name word, any script with case: "Mattis", "Kyo-ahn", "Dvořák", "O'Brien"
_NAME_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’\-])*$")
_PLACE_KINDS = {COUNTRY, DEMONYM, CAPITAL, CITY}


@dataclass(frozen=True)
class Resolved:
    """One actor phrase found in a sentence (token offsets are sentence-local)."""

    name: str
    code: str
    country: str | None
    role: str | None
    kind: str  # country | person | organisation | group
    how: str  # dictionary | title | name_chain | demonym | capital | ethnic | context | ...
    tok_start: int
    tok_end: int  # exclusive
    head: int  # token index of the phrase's head word
    plural: bool = False
    one: bool = False  # a title of one individual ("the Malian president"): he or she may stand for it




def nobody(at: int) -> Resolved:
    """The source of an event whose sentence names no doer ("shops were looted"): empty,
    placed at token ``at``, coded as nothing (its ActorRef has no code)."""
    return Resolved(UNIDENTIFIED, "", None, None, UNIDENTIFIED, "none", at, at, at)


@dataclass(frozen=True)
class Hit:
    """A dictionary entry found at tokens [start, end)."""

    start: int
    end: int
    entries: list[Entry]

    @property
    def kinds(self) -> set[str]:
        return {x.kind for x in self.entries}


def is_name(w: str) -> bool:
    return bool(_NAME_TOKEN.match(w)) and w[0].isupper() and (len(w) == 1 or any(c.islower() for c in w))


def name_run(words: Sequence[str], j: int, particles: frozenset[str]) -> int:
    """End of a run of capitalised name tokens starting at j ("Han Min-koo", "Kyo-ahn")."""
    k = j
    while k < len(words):
        w = words[k]
        if is_name(w) or (w.lower() in particles and k > j):
            k += 1
        elif w == "-" and k > j and k + 1 < len(words) and words[k + 1][:1].isalpha():
            k += 2
        else:
            break
    while k > j and words[k - 1].lower() in particles:
        k -= 1
    return k


def join_name(tokens: Sequence[str]) -> str:
    return re.sub(r"\s*-\s*", "-", " ".join(tokens))


def pick_person(entries: Sequence[Entry], day: dt.date | None) -> tuple[Entry | None, bool]:
    """The entry valid on ``day``; else the closest in time (same person, other role)."""
    people = [e for e in entries if e.kind == PERSON]
    if not people:
        return None, False
    if day is None:  # an undated text: the office held now, else the one held longest
        return max(people, key=_known_for), True
    valid = [e for e in people if e.valid_on(day)]
    if valid:
        return valid[0], True
    if len({e.name for e in people}) > 1 and len({e.country for e in people}) > 1:
        return None, False  # an ambiguous surname outside every date range: no guess

    def distance(e: Entry) -> int:
        s = e.start or dt.date.min
        en = e.end or dt.date.max
        return min(abs((day - s).days), abs((day - en).days))

    return min(people, key=distance), False


def _known_for(e: Entry) -> tuple[bool, int]:
    """How much an office is what its holder is known for, in a text with no date: one
    still held first, then the longest held (not the first one listed, often the earliest)."""
    if e.end is None:
        return True, 0
    return False, (e.end - e.start).days if e.start else 0


def same_country_only(entries: Sequence[Entry]) -> bool:
    """Every holder of this surname is of one country (Bush, Assad): the country is
    safe to use even when the date fits none of their terms."""
    people = [e for e in entries if e.kind == PERSON]
    return len({e.name for e in people}) > 1 and len({e.country for e in people}) == 1


def leader_by_title(tokens: Sequence[str], country: str | None, day: dt.date | None,
                    d: Dictionary) -> Entry | None:
    """"the US president" on a day: the person who held that title then."""
    if country is None or day is None or len(tokens) < 2:
        return None
    title = " ".join(t.lower() for t in tokens[1:])
    for entries in d.surnames.values():
        for e in entries:
            if e.country == country and e.title and e.title.lower() == title and e.valid_on(day):
                return e
    return None


@dataclass
class NameChain:
    """People named so far in one article: full name and surname -> resolved person."""

    family_first: frozenset[str] = frozenset()
    by_key: dict[str, Resolved] = field(default_factory=dict)

    def add(self, r: Resolved) -> None:
        name_words = r.name.split()
        self.by_key[r.name] = r
        if name_words:
            self.by_key[name_words[-1]] = r
            if len(name_words) >= 2 and name_words[0] in self.family_first:
                self.by_key[name_words[0]] = r  # East Asian family name first

    def get(self, word: str) -> Resolved | None:
        return self.by_key.get(word)


@dataclass
class Composer:
    """Composes the phrase that starts at ``hits[idx]``; :meth:`compose` returns the
    actors and the token where the phrase ends."""

    words: Sequence[str]
    hits: Sequence[Hit]
    idx: int
    day: dt.date | None
    chain: NameChain
    rules: RuleSet
    start: int = 0
    country: str | None = None
    country_how: str = "dictionary"
    role: str | None = None
    person_title: bool = False
    org: Entry | None = None
    head_end: int = 0
    extra_countries: list[tuple[str, int, int]] = field(default_factory=list)
    done: tuple[list[Resolved] | None, int] | None = None  # a result reached mid-phrase

    def __post_init__(self) -> None:
        self.start = self.head_end = self.hits[self.idx].start

    def compose(self) -> tuple[list[Resolved] | None, int]:
        k = self.idx
        while k < len(self.hits) and self._adjacent(self.hits[k]):
            step = self._absorb(k)
            if self.done is not None:
                return self.done
            if step == 0:
                break
            k += step
        return self._finish()

    # -- reading the hits ----------------------------------------------------------------
    def _adjacent(self, h: Hit) -> bool:
        """Whether ``h`` continues the phrase (moving past one modifier word or a
        possessive 's when that is what lies between)."""
        words, lex = self.words, self.rules.lexicon
        if (h.start == self.head_end + 1 and (self.country is not None or self.org is not None)
                and self.role is None and words[self.head_end].isalpha() and words[self.head_end].islower()
                and words[self.head_end] not in lex.function_words and ROLE in h.kinds
                and not self._past_verb(words[self.head_end])):
            self.head_end += 1  # "NATO peacekeeping troops", "Israeli riot police": one modifier word
        if h.start == self.head_end:
            return True
        # "Iran's religious leader", "Montenegro's prime minister": a possessive country,
        # also past one adjective before a role ("China's top diplomat"; not a participle,
        # "Russia's growing military presence")
        if (self.country is not None and self.role is None and self.org is None
                and self.head_end < len(words) and words[self.head_end] in ("'s", "’s", "'", "’")
                and h.kinds & {ROLE, PERSON, ORG}):
            gap = words[self.head_end + 1:h.start]
            if not gap or (len(gap) == 1 and ROLE in h.kinds and gap[0].isalpha() and gap[0].islower()
                           and gap[0] not in lex.function_words and not gap[0].endswith(("ing", "ed"))):
                self.head_end = h.start
                return True
        return False

    def _past_verb(self, w: str) -> bool:
        """"South Korea scrambled fighter jets", "Russia sent troops": a past form of a
        pattern verb between a country and a role is the sentence's verb, not a modifier of
        the role (base and -ing forms may be: "riot police", "peacekeeping troops"). A
        participle that modifies roles (``modifier_participles``) does so after a demonym
        ("Afghan armed men"); after a country's or a body's name it is the verb ("Russia
        detained protesters", "Hezbollah banned journalists")."""
        verbs = self.rules.verbs
        if w in self.rules.lexicon.modifier_participles:
            return self.org is not None or self.country_how not in ("demonym", "ethnic")
        named = self.country_how not in ("demonym", "ethnic")
        if w in verbs.by_verb and w in self.rules.irregular.get(w, ()):
            # "the United States cut military aid", "Russia hit military targets": a verb
            # whose past is its base, after a country or a body's name, is the verb
            return named
        if w.endswith("s") and not w.endswith("ss") and w in verbs.forms and w not in verbs.by_verb:
            # a headline's present tense ("Kenya recalls envoy", "Junta expels diplomats"),
            # not a plural that names what the people deal in ("US arms inspectors")
            return named and w not in self.rules.lexicon.plural_modifiers
        return w in verbs.forms and w not in verbs.by_verb and not w.endswith(("ing", "s"))

    def _absorb(self, k: int) -> int:
        """Take hit ``k`` into the phrase; how many hits were taken (0: the phrase ends)."""
        h = self.hits[k]
        if PERSON in h.kinds:
            self.done = self._person(h)
            return 0
        if h.kinds & _PLACE_KINDS and self.country is None and self.org is None and self.role is None:
            return self._place(k)
        if ORG in h.kinds and self.org is None and self.role is None:
            self._organisation(h)
            return 1
        if ROLE in h.kinds:
            r = next(x for x in h.entries if x.kind == ROLE)
            ranked = (self.role is not None and h.start == self.head_end and h.start > 0
                      and self.words[h.start - 1].lower() in self.rules.lexicon.rank_prefixes)
            self.role = r.role if ranked else self.role or r.role  # "deputy foreign minister": GOV
            self.person_title = self.person_title or r.person_title
            self.head_end = h.end
            return 1
        return 0

    def _person(self, h: Hit) -> tuple[list[Resolved] | None, int] | None:
        # "Jordan's King Abdullah": a country before the title picks the namesake of that
        # country, and holds the title for it where the dictionary knows none of it
        own = [e for e in h.entries if e.country == self.country] if self.country else []
        person, _ = pick_person(own or h.entries, self.day)
        if person is None:
            return None  # not a result: the phrase ends here and is finished as it is
        titled = self.country is not None and not own and person.country not in (None, self.country)
        country, role = (self.country if titled else person.country or self.country), person.role or self.role
        res = Resolved(person.name, make_code(country, role), country, role, "person", "dictionary",
                       self.start, h.end, h.end - 1)
        self.chain.add(res)
        return [res], h.end

    def _place(self, k: int) -> int:
        h = self.hits[k]
        pick = next((x for x in h.entries if x.kind in (COUNTRY, CAPITAL, DEMONYM)), h.entries[0])
        self.country = pick.country
        self.country_how = {CAPITAL: "capital", DEMONYM: "demonym"}.get(pick.kind, "dictionary")
        if pick.kind == CITY:
            self.done = (None, h.end)
            return 0
        self.head_end = h.end
        if self._coordinated_demonym(k):
            return 2  # the role after the second country word comes next
        if (self.country_how == "demonym" and k + 1 < len(self.hits) and self.hits[k + 1].start == self.head_end
                and DEMONYM in self.hits[k + 1].kinds):
            # "Bosnian Serbs", "Iraqi Kurds", "Turkish Kurd refugees": an ethnic group is
            # coded by the country it lives in, the first demonym
            self.head_end = self.hits[k + 1].end
            self.country_how = "ethnic"
            return 2
        return 1

    def _coordinated_demonym(self, k: int) -> bool:
        """"Hungarian and Romanian officials": a second country word joined by "and"
        before a role word; takes hit k+1 and leaves the role (k+2) to the loop."""
        words, hits, e = self.words, self.hits, self.hits[k].end
        if not (e + 1 < len(words) and words[e] == "and" and k + 2 < len(hits)
                and hits[k + 1].start == e + 1 and hits[k + 1].entries[0].kind == DEMONYM
                and hits[k + 2].entries[0].kind == ROLE and hits[k + 2].start == hits[k + 1].end):
            return False
        self.extra_countries.append((hits[k + 1].entries[0].country, e + 1, hits[k + 1].end))
        self.head_end = hits[k + 1].end
        return True

    def _organisation(self, h: Hit) -> None:
        org = next(x for x in h.entries if x.kind == ORG)
        self.head_end = h.end
        if (self.country is not None and org.country and org.country != self.country
                and org.org_kind in self.rules.lexicon.national_bodies and org.role):
            # "Rwanda's Senate", "the Kenyan parliament": that country's body, not the
            # one the bare name means by default
            self.role = primary_role(org.role)
            return
        self.org = org

    # -- the phrase as an actor ------------------------------------------------------------
    def _finish(self) -> tuple[list[Resolved] | None, int]:
        if self.org is not None:
            return self._finish_organisation(self.org)
        if self.role is not None and self.person_title:
            titled = self._titled_person()
            if titled is not None:
                return titled
        if self.country is None and self.role is None:
            return None, self.head_end
        if self.role is None and not self._led_force():
            return [self._country_actor()], self.head_end
        return self._group(), self.head_end

    def _led_force(self) -> bool:
        """"the Saudi-led coalition", "US-led forces": what a country leads (lexicon
        ``led_forces``) is that country's armed force."""
        j = self.head_end
        w = [x.lower() for x in self.words[j:j + 3]]
        if self.country is None or w[:2] != ["-", "led"] or len(w) < 3 or w[2] not in self.rules.lexicon.led_forces:
            return False
        self.role, self.head_end = "MIL", j + 3
        return True

    def _finish_organisation(self, org: Entry) -> tuple[list[Resolved], int]:
        code = org.code or make_code(org.country, org.role)
        if self.role and org.country and not org.code:
            code = make_code(org.country, self.role)
        particles = self.rules.lexicon.name_particles
        end = name_run(self.words, self.head_end, particles) if self.role is not None and self.person_title \
            else self.head_end
        if end > self.head_end:
            # "Hamas leader Khalil Haddad": a person who speaks and acts for the body
            res = Resolved(join_name(self.words[self.head_end:end]), code, org.country, primary_role(org.role),
                           "person", "title", self.start, end, end - 1)
            self.chain.add(res)
            return [res], end
        # "the UN envoy", "the NATO chief": one person's title, whom a later he or she is
        one = self.role is not None and self.person_title and not self.words[self.head_end - 1].lower().endswith("s")
        return [Resolved(org.name, code, org.country, primary_role(self.role or org.role), "organisation",
                         "dictionary", self.start, self.head_end, self.head_end - 1, one=one)], self.head_end

    def _titled_person(self) -> tuple[list[Resolved], int] | None:
        """A name after a title: "Defense Secretary James Mattis", "counterpart Han Min-koo"."""
        j = self.head_end
        end = name_run(self.words, j, self.rules.lexicon.name_particles)
        if end <= j:
            return None
        full = join_name(self.words[j:end])
        known = self.chain.get(full) or self._surname_by_title(full, end, end - j)
        if known is not None:  # "President Trump" after "Donald Trump"
            return [Resolved(known.name, known.code, known.country, known.role, "person", "name_chain",
                             self.start, end, end - 1)], end
        country, role = self.country, self.role
        n, entries = self.rules.dictionary.lookup(self.words, j)
        person = pick_person(entries, self.day)[0] if n else None
        if person is not None:
            country, role, full = person.country or country, person.role or role, person.name
        res = Resolved(full, make_code(country, role), country, role, "person", "title", self.start, end, end - 1)
        self.chain.add(res)
        return [res], end

    def _surname_by_title(self, full: str, end: int, length: int) -> Resolved | None:
        """"President Bush": a lone surname after a title, when the date (or the one
        country every holder of it has) says who."""
        d = self.rules.dictionary
        if length != 1 or full not in d.surnames:
            return None
        person, fits = pick_person(d.surnames[full], self.day)
        if person is None or not (fits or self.day is None or same_country_only(d.surnames[full])):
            return None
        known = Resolved(person.name, make_code(person.country, person.role), person.country, person.role,
                         "person", "title", self.start, end, end - 1)
        self.chain.add(known)
        return known

    def _country_actor(self) -> Resolved:
        how = self.country_how
        ethnic = how == "ethnic"
        name = (" ".join(self.words[self.start:self.head_end]) if ethnic
                else self.rules.countries.name_of(self.country) or self.country)
        role = "GOV" if how == "capital" else None
        return Resolved(name, make_code(self.country, role), self.country, role,
                        "group" if ethnic else "country", how, self.start, self.head_end, self.head_end - 1)

    def _group(self) -> list[Resolved]:
        words, start, end = self.words, self.start, self.head_end
        indefinite = start > 0 and words[start - 1].lower() in ("a", "an", "one", "another")
        if self.country is not None and self.person_title and not indefinite:
            # "the US president" -> the person who held that title then, when we know them
            # (not "a Chinese foreign ministry spokesman": one of several)
            leader = leader_by_title(words[start:end], self.country, self.day, self.rules.dictionary)
            if leader is not None:
                role = leader.role or self.role
                res = Resolved(leader.name, make_code(self.country, role), self.country, role, "person",
                               "title", start, end, end - 1)
                self.chain.add(res)
                return [res]
        plural = words[end - 1].lower().endswith("s")
        phrase = " ".join(w for w in words[start:end] if w.lower() not in ("the", "a", "an"))
        out = [Resolved(phrase, make_code(self.country, self.role), self.country, self.role, "group",
                        "title", start, end, end - 1, plural, self.person_title and not plural)]
        for c, s2, _e2 in self.extra_countries:
            out.append(Resolved(f"{self.rules.countries.name_of(c) or c} {words[end - 1]}",
                                make_code(c, self.role), c, self.role, "group", "title", s2, end, end - 1, plural))
        return out
