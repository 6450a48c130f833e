"""Import PETRARCH/TABARI dictionaries into a tidings rules folder.

Users coming from PETRARCH2 own dictionaries in the TABARI/PETRARCH formats: actor files
(``.actors``: a country file, an international file, a file of non-state armed groups),
an agents file and a PETRARCH2 verb dictionary (``CAMEO.2.0.txt`` style).
:func:`import_petrarch` turns them into tidings tables (``people.tsv``,
``organisations.tsv``, ``roles.tsv``, ``countries.tsv``, ``verbs.tsv``; formats in
``data/ACTORS.md`` and ``data/VERBS.md``) in a new folder and returns an
:class:`ImportReport`: the rows written per table, the entries refused per reason (with
examples) and the entries converted with a caveat.

The kind of a file is read from its content, not its name: ``--- NAME [code] ---`` blocks
with ``- * ...`` patterns are a verb dictionary; ``[~GOV]``/``[IGO~]`` codes or
``!MACRO! = ...`` lines an agents file; ``[CODE]``/``[CODE date-date]`` codes an actor
file (international when most codes start with IGO/NGO/MNC..., armed groups when most
are rebels or militant groups, else a country file). Discard lists, issue dictionaries,
preposition lists and TABARI (PETRARCH 1) verb files have no tidings table: they are
refused as a whole. Anything else raises :class:`PetrarchError`.

Conventions
-----------
* Surface forms: ``_`` becomes a space, the trailing ``_`` (word ends here) is dropped.
  A form without it is a TABARI stem ("KURD" also matched "KURDISH"); tidings matches
  whole words, so it is kept as a word and counted as "stem matched as a whole word".
  PETRARCH writes capitals: names get title case ("of", "the", "al-" ... stay lower inside
  a name). A word stays in capitals when it has dots between letters ("U.N."), has no
  vowel (a e i o u y: "DPRK", "BBC"), is a common acronym (UN, US, UK, EU, NATO ...), is
  the whole name of an organisation with up to 4 letters, or 5 with one vowel ("NATO",
  "ANSF", "UNHCR", but "Hamas"), or the whole name of a place with up to 3 letters ("UAE").
* Dates: ``YYMMDD`` and ``YYYYMMDD`` become ISO dates. A two-digit year 00-30 is 20xx,
  31-99 is 19xx; where that puts a start after its end the start moves a century back.
  ``<D`` (until D) leaves ``start`` empty, ``>D`` (from D) leaves ``end`` empty; an
  undated code gives a row with both empty (PETRARCH's default outside the ranges).
* Codes: a code starts with a country (ISO alpha-3; older CAMEO codes such as KSV, JAP,
  ITL, ROM, USR, SCG are mapped to the codes our countries.tsv uses) or an international
  prefix (IGO NGO NGM IMG MNC INT UIS). The three letters after a country must be a CAMEO
  role code (GOV, MIL, REB ...); religion, ethnic or region codes cannot be held by our
  tables and are refused. Phoenix's IMGMUS (al-Qaeda ...) becomes the manual's IMGMOS.
* People vs organisations: a block is an organisation when its code starts with MNC, NGO
  or NGM, or its name holds an organisation word (army, party, ministry, front, council,
  ...) or "of"/"the"/"and"/"for". Otherwise it is a person when it has dated codes; an
  undated block is a person when it is not in an armed-groups file, no synonym holds an
  organisation word and its name looks like a personal name (2-5 words). A person gives
  one row per code and date range (dated rows first, the undated default last). An
  organisation takes its undated code (failing that, the code valid last: organisations.tsv
  has no dates) and its ``kind`` from the code: IGO -> igo, NGO/NGM -> ngo, MNC -> company,
  IMG -> armed_group, else from the roles (LEG legislature, SPY intelligence, COP police,
  MED media, MIL military before GOV government; PTY/OPP party; REB UAF INS SEP RAD CRM
  armed_group; BUS company; civil-society roles ngo). An MNC code with a country
  (MNCUSA) becomes code MNC with that country, as our organisations.tsv writes companies.
  A ``(XYZ)`` at the end of an organisation's name becomes an alias; a name or alias that
  another organisation (other code) already has is refused, a repeated name is merged.
* Country blocks (the code is a bare country, ``AFGHANISTAN_ [AFG]``) give countries.tsv
  rows, one per country (several blocks of one code are merged; the one named as our
  countries.tsv names the country gives the name): ``name`` is the block's name,
  ``cameo`` the Phoenix code where it differs from iso3. A synonym that our own
  countries.tsv lists for that country goes to the same column; else a form with a state
  word (republic, kingdom, union ...), containing the name or spelled like it (difflib
  ratio >= 0.8) goes to ``aliases``, one that starts like the name and ends like a
  demonym (-an, -ian, -ese, -ish, -i) to ``demonyms``, and the rest (cities, provinces,
  rivers, epithets) to ``cities``. A form never points to two countries, here or in our
  countries.tsv. Where a row would pass 1000 characters its last cities (then aliases)
  are left out and counted.
* Agents -> roles.tsv: phrase in lower case, role = the code without ``~`` (its first
  three letters a CAMEO role code), ``!X!`` macros expanded, ``{plural}`` a row of its
  own (person no). An expansion that is the plural our loader makes of another one
  ("men" of "man") is left to the loader. ``person`` is yes when the head word (the last
  one, or the one before "of"/"for"/...) names one human: a title or person noun
  (minister, envoy, chief ...) or an agent-noun ending (-er, -or, -ist, -ian, -man, -ant,
  -ent) that is not a collective, a thing (bomber, carrier ...) or a plural.
* Verbs -> verbs.tsv: the verbs of a ``--- NAME [code] ---`` block with their own or the
  block's code (``---``, no event, writes nothing; a 010 row's note starts "statement",
  as VERBS.md asks), ``+VERB_PREP`` multi-word verbs as verb + prep, and for each verb
  of the block every pattern our format can express: at most one particle or
  preposition (bare, or as ``(PREP ...)``) and at most one object noun (a word or a
  two-word ``{MODIFIER HEAD}``; plurals reduced to the lemma). Our format has no slot for
  source/target markers, synsets, ``%``, ``^``, words before the verb, paired codes
  ``[x:y]`` or transformations; PETRARCH2 patterns have no to-infinitive, so ``to`` stays
  empty. A row with the verb, prep and object of an earlier row but another code is
  refused (the first one would always win).
* The report counts what was refused, per reason, and what was converted with a caveat:
  actors per code or name form, agents per line or expansion, verbs per verb or pattern
  line, unconvertible files per line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tidings.rules.tables import data_path, read_tsv

_Row = dict[str, "str | list[str]"]  # one table row: column -> cell (a list is |-joined)

TABLES = ("people.tsv", "organisations.tsv", "roles.tsv", "countries.tsv", "verbs.tsv")
# cells that must not be empty, per table
REQUIRED = {
    "people.tsv": ("name", "role"),
    "organisations.tsv": ("name", "code", "role", "kind"),
    "roles.tsv": ("phrase", "role", "person"),
    "countries.tsv": ("iso3", "name"),
    "verbs.tsv": ("code", "verb"),
}
MAX_LINE = 999  # ACTORS.md: every line shorter than 1000 characters
# the |-separated cells whose last forms go first when a row is too long
TRIM = {"countries.tsv": ("cities", "aliases", "demonyms", "capitals")}
WHERE = "#where"
TOO_LONG = "form left out: the row would pass 1000 characters"
EXAMPLES = 5

COUNTRY_ACTORS = "actors (country file)"
INTERNATIONAL_ACTORS = "actors (international file)"
ARMED_GROUP_ACTORS = "actors (non-state armed groups file)"
AGENTS = "agents"
VERBS = "verbs (PETRARCH2)"
# formats with no tidings table: refused as a whole, with this reason
UNCONVERTIBLE = {
    "discards": "discard list: tidings has no table of sentences to skip",
    "issues": "issue dictionary: tidings does no issue coding",
    "prepositions": "preposition list: tidings takes prepositions from the parse",
    "TABARI verbs": "TABARI/PETRARCH 1 verb dictionary: convert it to the PETRARCH2 format first",
}

# the three-letter CAMEO role (sector) codes a role may start with
ROLE_CODES = frozenset(
    "GOV MIL COP SPY JUD LEG PTY OPP REB UAF SEP RAD INS CVL MED BUS MNC NGO IGO IMG ELI "
    "EDU HLH LAB REF CRM AGR HRI ENV INT UIS MOD NGM PKO".split())
INTERNATIONAL = ("IGO", "NGO", "NGM", "IMG", "MNC", "INT", "UIS")
# CAMEO/KEDS/Phoenix country codes that are not the iso3 our countries.tsv uses
LEGACY = {"ROM": "ROU", "USR": "SUN", "CZA": "CSK", "GME": "DDR", "GMW": "DEU", "TMP": "TLS",
          "SCG": "YUG", "ZAR": "COD", "BUR": "MMR"}
KIND_BY_PREFIX = {"IGO": "igo", "NGO": "ngo", "NGM": "ngo", "MNC": "company", "IMG": "armed_group"}
SPECIFIC_ROLES = ("LEG", "SPY", "COP", "MED", "MIL")  # a parliament is GOVLEG: LEG decides
KIND_BY_ROLE = {
    "LEG": "legislature", "SPY": "intelligence", "COP": "police", "MED": "media", "MIL": "military",
    "GOV": "government", "JUD": "government", "ELI": "government", "PTY": "party", "OPP": "party",
    "REB": "armed_group", "UAF": "armed_group", "INS": "armed_group", "SEP": "armed_group",
    "RAD": "armed_group", "CRM": "armed_group", "IMG": "armed_group", "BUS": "company",
    "MNC": "company", "IGO": "igo", "PKO": "igo", "NGO": "ngo", "NGM": "ngo", "LAB": "ngo",
    "HRI": "ngo", "ENV": "ngo", "EDU": "ngo", "HLH": "ngo", "REF": "ngo", "AGR": "ngo",
    "CVL": "ngo", "MOD": "ngo",
}
LEGISLATURE_WORDS = {"PARLIAMENT", "ASSEMBLY", "CONGRESS", "SENATE", "LEGISLATURE", "DUMA",
                     "KNESSET", "MAJLIS"}
ARMED_ROLES = {"REB", "UAF", "INS", "SEP", "RAD"}

ORG_WORDS = frozenset("""
ADMINISTRATION AGENCY AIRLINES AIRWAYS ALLIANCE ARMIES ARMY ASSEMBLY ASSOCIATION AUTHORITY BANK
BATTALION BATTALIONS BLOC BOARD BODIES BRIGADE BRIGADES BROADCASTING BROTHERHOOD BUREAU CABINET
CELL CELLS CENTER CENTRE CHANNEL CLUB COALITION COLLEGE COMMAND COMMISSION COMMITTEE COMMITTEES
COMMUNITY COMPANY CONFERENCE CONGRESS CONTINGENT CORP CORPORATION CORPS COUNCIL COURT DELEGATION
DEPARTMENT DIRECTORATE DIVISION EMBASSY ENVOY FACTION FEDERATION FIRM FORCE FORCES FORUM
FOUNDATION FRONT FUND GAZETTE GOVERNMENT GROUP GROUPS GUARD GUARDS HERALD HOLDINGS HOUSE
INC INDUSTRIES INITIATIVE INSTITUTE INTERNATIONAL JOURNAL LEAGUE LEGION LTD MILITARY MILITIA
MILITIAS MINISTRY MISSION MONITOR MONITORS MOVEMENT NATIONS NAVY NETWORK NETWORKS NEWS NEWSPAPER
OFFICE OFFICIALS ORGANISATION ORGANIZATION PANEL PARLIAMENT PARTY PEACEKEEPER PEACEKEEPERS
PETROLEUM POLICE PRESS PROGRAM PROGRAMME RADIO REGIME REGIMENT RIGHTS SECRETARIAT SENATE SERVICE
SERVICES SOCIETY SOLDIERS SQUAD SYSTEMS TELEVISION TIMES TRIBUNAL TRIBUNE TROOPS TRUST UNION
UNIT UNITS UNIVERSITY WATCH
""".split())
STATE_WORDS = frozenset("""
COMMONWEALTH CONFEDERATION DEMOCRATIC DUCHY EMIRATE EMIRATES FEDERAL FEDERATION ISLAMIC KINGDOM
PEOPLE'S PRINCIPALITY REPUBLIC SOCIALIST SULTANATE UNION
""".split())
DEMONYM_ENDINGS = ("AN", "ANS", "IAN", "IANS", "ESE", "ISH", "I", "IS", "ER", "ERS")
LOWER_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "by", "with", "de", "du",
               "des", "da", "do", "dos", "das", "del", "della", "di", "der", "den", "van", "von",
               "la", "le", "les", "y", "bin", "ibn", "al", "el", "ul"}
LOWER_SEGMENTS = {"i", "e", "ul", "ud", "ad", "o", "a", "de", "du", "des", "la", "le", "sur", "en"}
KNOWN_ACRONYMS = {"UN", "US", "UK", "EU", "AU", "UAE", "USA", "USSR", "NATO", "OPEC", "ASEAN", "IMF"}
ABBREVIATIONS = {"MR", "MRS", "MS", "DR", "JR", "SR", "ST", "MT", "FT", "LT", "SGT", "PT"}
CONNECTORS = {"OF", "THE", "AND", "FOR", "&"}  # in a name: not a person
NOT_PERSON_NAME = ORG_WORDS | CONNECTORS

# particles and prepositions a verb row's prep may hold
PREPS = frozenset("""
aboard about above across after against ahead along alongside amid among around as aside at away
back before behind below beneath beside between beyond by despite down during for forward from
in inside into near of off on onto out outside over past round since through throughout to
together toward towards under until up upon with within without
""".split())
FUNCTION_WORDS = frozenset("if that whether when while because than so not no yet".split())
NOT_ADVERBS = {"assembly", "anomaly", "monopoly", "homily", "family", "rally", "supply", "reply"}

PERSON_WORDS = frozenset("""
admiral aide ally ayatollah bishop boss boy candidate captain cardinal ceo chief child citizen
civilian cleric colonel corporal criminal delegate deputy diplomat doctor emir envoy executive
expert general girl guerrilla head hostage imam individual insurgent judge king lawyer
magistrate major marshal medic migrant militant minister monk mp mullah national nominee nun
official pope priest prince princess queen rabbi rebel refugee resident sheikh spy student
sultan surgeon thief tycoon victim youth
""".split())
COLLECTIVE_WORDS = frozenset("""
agency army assembly authority bank business clan committee community company corporation
council court crew family firm force forces government group industry media military ministry
navy office parliament party people personnel police press public sector staff tribe troops
union
""".split())
NOT_PERSON = frozenset("""
bomber border carrier center centre chamber computer container corridor cruiser destroyer
freighter headquarter helicopter launcher maker manufacturer motor order paper power quarter
reactor sector tanker trawler water
""".split())
PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "woman", "person", "ant", "ent", "ee", "eer")
HEAD_ENDS = ("of", "for", "on", "in", "at", "to", "with")  # the head of a phrase comes before these

_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_RANGE = re.compile(r"^(?:<(?P<before>\d+)|>(?P<after>\d+)|(?P<start>\d+)-(?P<end>\d+))?$")
_CODE = re.compile(r"^(?:[A-Z]{3})+$")
_HEADER = re.compile(r"^---\s*(?P<name>[^\[]*?)\s*(?:\[(?P<code>[^\]]*)\])?\s*---\s*$")
_MACRO = re.compile(r"^!(\w+)!\s*=\s*(.*)$")
_ISSUE = re.compile(r"^~|^[^\[]*[a-z][^\[]*\[[A-Z][A-Z0-9_]*\]$")  # "n:drought [WATER]", "~exclusion"
_AGENT = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]$")
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'-]*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f|]")
_BAD_CELL = re.compile(r"[\x00-\x1f\x7f]")


class PetrarchError(ValueError):
    """An input that cannot be used at all: unreadable, or in no PETRARCH format."""


@dataclass(frozen=True)
class Example:
    where: str  # file:line
    text: str


@dataclass(frozen=True)
class InputFile:
    path: str
    kind: str


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_petrarch` wrote (rows per table) and left out (per reason)."""

    out: Path
    files: tuple[InputFile, ...]
    rows: Mapping[str, int]
    refused: Mapping[str, int]
    examples: Mapping[str, tuple[Example, ...]]
    caveats: Mapping[str, int] = field(default_factory=dict)
    caveat_examples: Mapping[str, tuple[Example, ...]] = field(default_factory=dict)

    @property
    def refused_total(self) -> int:
        return sum(self.refused.values())

    def summary(self) -> str:
        lines = [f"PETRARCH import into {self.out}: {sum(self.rows.values())} rows"]
        lines += [f"  {f.path}: {f.kind}" for f in self.files]
        lines.append("rows written: " + (", ".join(f"{t} {n}" for t, n in self.rows.items()) or "none"))
        lines.append(f"refused: {self.refused_total} entries")
        lines += _counted(self.refused, self.examples)
        if self.caveats:
            lines.append("converted with a caveat:")
            lines += _counted(self.caveats, self.caveat_examples)
        return "\n".join(lines)


def _counted(counts: Mapping[str, int], examples: Mapping[str, tuple[Example, ...]]) -> list[str]:
    out = []
    for reason, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        ex = examples.get(reason, ())
        hint = f" (e.g. {ex[0].where} {ex[0].text})" if ex else ""
        out.append(f"  {reason}: {n}{hint}")
    return out


@dataclass
class _Tally:
    refused: Counter[str] = field(default_factory=Counter)
    caveats: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[Example]] = field(default_factory=dict)
    caveat_examples: dict[str, list[Example]] = field(default_factory=dict)

    def refuse(self, reason: str, where: str, text: str, n: int = 1) -> None:
        self.refused[reason] += n
        _keep(self.examples, reason, where, text)

    def caveat(self, reason: str, where: str, text: str, n: int = 1) -> None:
        self.caveats[reason] += n
        _keep(self.caveat_examples, reason, where, text)


def _keep(examples: dict[str, list[Example]], reason: str, where: str, text: str) -> None:
    kept = examples.setdefault(reason, [])
    if len(kept) < EXAMPLES:
        kept.append(Example(where, " ".join(text.split())[:100]))


# ---------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Line:
    n: int
    text: str  # without its comment, stripped


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PetrarchError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise PetrarchError(f"{path} is a binary file, not a PETRARCH dictionary (plain text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # old TABARI files are Latin-1/cp1252


def _lines(text: str) -> list[_Line]:
    """Content lines: ``<!-- -->``, ``#`` and legacy ``;`` comments and blank lines dropped."""
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m[0].count("\n"), text, flags=re.S)
    out: list[_Line] = []
    for n, line in enumerate(text.splitlines(), 1):
        body = re.split(r"[#;]", line, maxsplit=1)[0].strip()
        if body:
            out.append(_Line(n, body))
    return out


def _detect(lines: Sequence[_Line]) -> str | None:
    """The format of a file from its content lines (None: no PETRARCH format)."""
    texts = [ln.text for ln in lines]
    if not texts:
        return None
    if any(_HEADER.match(t) for t in texts):
        return VERBS
    if any(t.startswith("###") and t.endswith("###") for t in texts) and any(
            t.startswith("-") and "**" in t for t in texts):
        return "TABARI verbs"
    share = functools.partial(_share, texts)
    if any(t.upper().startswith("<ISSUE") for t in texts) or share(_ISSUE.match) > 0.5:
        return "issues"
    if share(lambda t: _MACRO.match(t) or ((a := _AGENT.match(t)) and "~" in a["code"])) > 0.5:
        return AGENTS
    coded = [t for t in texts if _BRACKET.search(t)]
    if coded and _share(coded, lambda t: _looks_like_code(_BRACKET.findall(t)[0])) > 0.5 and share(
            lambda t: not re.search(r"[a-z]", t.split("[", 1)[0])) >= 0.8:
        return "actors"  # [CODE] lines under upper-case names
    return None if coded else _list_kind(texts)


def _share(texts: Sequence[str], test: Callable[[str], object]) -> float:
    return sum(1 for t in texts if test(t)) / len(texts)


def _looks_like_code(inner: str) -> bool:
    first = (inner.split() or [""])[0]
    return first == "---" or bool(_CODE.match(first))


def _list_kind(texts: Sequence[str]) -> str | None:
    if all(" " not in t and t == t.lower() and re.search(r"[a-z]", t) for t in texts):
        return "prepositions"  # one lower-case word a line ("vis-à-vis" too)
    upper = sum(1 for t in texts if not re.search(r"[a-z]", t) and re.search(r"[A-Z0-9]", t))
    return "discards" if upper >= 0.8 * len(texts) else None


EXPECTED = ("actors ([CODE] lines under upper-case names), agents ([~CODE]), a PETRARCH2 verb "
            "dictionary (--- NAME [code] --- blocks), or a discard, issue or preposition list")


# ---------------------------------------------------------------------------- names


def _clean(raw: str) -> str:
    return " ".join(raw.replace("’", "'").replace("_", " ").split())


def _is_stem(raw: str) -> bool:
    return not raw.rstrip().endswith("_")


def _text_problem(text: str) -> str | None:
    if not text:
        return "empty name"
    return "control character or | in a name" if _CONTROL.search(text) else None


def _surface(raw: str, kind: str) -> str:
    """A news-case surface form of a PETRARCH phrase; kind is person, organisation or place."""
    words = _clean(raw).split(" ")
    alone = len(words) == 1
    return " ".join(_case(w, i, alone, kind) for i, w in enumerate(words))


def _case(word: str, i: int, alone: bool, kind: str) -> str:
    if _keep_capitals(word, alone, kind):
        return word.upper()
    low = word.lower()
    if i > 0 and low in LOWER_WORDS:
        return low
    segments = low.split("-")
    out = []
    for k, seg in enumerate(segments):
        lower = (k > 0 and seg in LOWER_SEGMENTS) or (k == 0 and i > 0 and seg in ("al", "el")
                                                      and len(segments) > 1)
        out.append(seg if lower else _capital(seg))
    return "-".join(out)


def _capital(seg: str) -> str:
    if seg.startswith("mc") and len(seg) > 3:
        return "Mc" + seg[2:].capitalize()
    head, apostrophe, tail = seg.partition("'")
    if apostrophe and len(head) == 1 and tail:
        return head.upper() + "'" + tail.capitalize()  # O'Brien, D'Escoto
    first = next((i for i, c in enumerate(head) if c.isalpha()), 0)  # "(kinshasa)"
    return head[:first] + head[first:first + 1].upper() + head[first + 1:] + apostrophe + tail


def _keep_capitals(word: str, alone: bool, kind: str) -> bool:
    letters = [c for c in word.upper() if c.isalpha()]
    if not letters or re.search(r"\w\.\w", word) or word.upper() in KNOWN_ACRONYMS:
        return True
    vowels = sum(1 for c in letters if c in "AEIOUY")
    ascii_only = all(c.isascii() for c in letters)
    if len(letters) >= 2 and vowels == 0 and ascii_only and word.upper().strip(".") not in ABBREVIATIONS:
        return True
    if alone and kind == "organisation" and (len(letters) <= 4 or (len(letters) == 5 and vowels <= 1)):
        return True
    return alone and kind == "place" and len(letters) <= 3


def _words(raw: str) -> set[str]:
    return set(re.split(r"[\s_\-]+", raw.upper().replace("’", "'")))


# ---------------------------------------------------------------------------- codes


@dataclass(frozen=True)
class _Code:
    code: str
    start: str
    end: str
    where: str
    text: str

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)


@dataclass(frozen=True)
class _Actor:
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
    if start and end and start > end and len(start_digits) == 6:
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


def _parse_code(inner: str, where: str) -> _Code | str:
    parts = inner.split(None, 1)
    if not parts:
        return "empty code []"
    code = parts[0]
    if code != "---" and not _CODE.match(code):
        return "malformed code"
    span = _range(re.sub(r"\s+", "", parts[1]) if len(parts) > 1 else "")
    if isinstance(span, str):
        return span
    return _Code(code, span.start, span.end, where, f"[{inner.strip()}]")


@functools.lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    import pycountry

    codes = {c.alpha_3 for c in pycountry.countries}
    codes |= {c.alpha_3 for c in pycountry.historic_countries}
    return frozenset(codes)


@dataclass(frozen=True)
class _Countries:
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

    def resolve(self, code: str, known: frozenset[str]) -> _Actor | str:
        """An actor code for our tables; ``known``: the countries a row may name."""
        prefix = code[:3]
        if prefix in INTERNATIONAL:
            if code.startswith("IMGMUS"):
                code = "IMGMOS" + code[6:]
            return _Actor(code, "", code)
        iso = self.iso3(prefix, known)
        if iso is None and prefix in ROLE_CODES:
            return "role code without a country"
        if iso is None and self.iso3(prefix):
            return "country not in countries.tsv (ours or imported)"
        if iso is None:
            return "code starts with neither a country nor IGO/NGO/NGM/IMG/MNC/INT/UIS"
        if len(code) > 3 and code[3:6] not in ROLE_CODES:
            return "not a CAMEO role code after the country (religion, ethnic group or other)"
        return _Actor(iso + code[3:], iso, code[3:])


@functools.lru_cache(maxsize=1)
def _our_countries() -> _Countries:
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
    return _Countries(legacy, frozenset(names), names, column, owner)


@functools.lru_cache(maxsize=1)
def _cameo_codes() -> frozenset[str]:
    return frozenset(r["code"] for r in read_tsv("cameo.tsv", ("code",)))


# ---------------------------------------------------------------------------- actors


@dataclass(frozen=True)
class _Form:
    raw: str
    where: str


@dataclass
class _Block:
    name: _Form
    synonyms: list[_Form]
    codes: list[_Code]
    file: str
    kind: str = COUNTRY_ACTORS  # the kind of actor file it comes from

    @property
    def forms(self) -> list[_Form]:
        return [self.name, *self.synonyms]


@dataclass(frozen=True)
class _CountryBlock:
    block: _Block
    code: str  # as the dictionary writes it (KSV), for the cameo column


def _codes_of(text: str, where: str, tally: _Tally) -> list[_Code]:
    found = _BRACKET.findall(text)
    if text.count("[") != len(found) or text.count("]") != len(found):
        tally.refuse("malformed code", where, text)
    codes = []
    for inner in found:
        c = _parse_code(inner, where)
        if isinstance(c, str):
            tally.refuse(c, where, f"[{inner}]")
        else:
            codes.append(c)
    return codes


def _actor_blocks(lines: Sequence[_Line], fname: str, tally: _Tally) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for ln in lines:
        where = f"{fname}:{ln.n}"
        head = ln.text.split("[", 1)[0].strip()
        codes = _codes_of(ln.text, where, tally)
        if not ln.text.startswith(("[", "+")):  # a new entry (its codes may follow on the line)
            current = _Block(_Form(head, where), [], codes, fname)
            blocks.append(current)
        elif current is None:
            tally.refuse("code or synonym before any entry", where, ln.text)
        else:
            if head.startswith("+"):
                current.synonyms.append(_Form(head[1:], where))
            current.codes += codes
    return blocks


def _actor_kind(blocks: Sequence[_Block]) -> str:
    codes = [c.code for b in blocks for c in b.codes if c.code != "---"]
    if not codes:
        return COUNTRY_ACTORS
    intl = sum(1 for c in codes if c.startswith(INTERNATIONAL) and not c.startswith(("IMG", "INT")))
    armed = sum(1 for c in codes if c.startswith("IMG") or c[3:6] in ARMED_ROLES)
    if intl > len(codes) / 2:
        return INTERNATIONAL_ACTORS
    return ARMED_GROUP_ACTORS if armed > len(codes) / 2 else COUNTRY_ACTORS


def _principal(codes: Sequence[_Code]) -> _Code | None:
    """The block's default code: the first undated one, else the one valid last."""
    real = [c for c in codes if c.code != "---"]
    undated = [c for c in real if not c.dated]
    if undated:
        return undated[0]
    return max(real, key=lambda c: (c.end or "9999", c.start), default=None)


def _is_person(block: _Block, main: _Code) -> bool:
    """See the module docstring: organisation words, then dates, then the name's shape."""
    words = _clean(block.name.raw).upper().split()
    if main.code.startswith(("MNC", "NGO", "NGM")) or _words(block.name.raw) & NOT_PERSON_NAME:
        return False
    if any(c.dated for c in block.codes):
        return True
    if block.kind == ARMED_GROUP_ACTORS or any(_words(f.raw) & ORG_WORDS for f in block.synonyms):
        return False
    return 2 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words)


def _org_kind(actor: _Actor, names: set[str]) -> str | None:
    prefix = actor.code[:3]
    if prefix in KIND_BY_PREFIX:
        return KIND_BY_PREFIX[prefix]
    roles = actor.role if actor.country else actor.code[3:]
    chunks = [roles[i:i + 3] for i in range(0, len(roles), 3)]
    kind = next((KIND_BY_ROLE[c] for c in chunks if c in SPECIFIC_ROLES), None)
    kind = kind or next((KIND_BY_ROLE[c] for c in chunks if c in KIND_BY_ROLE), None)
    if kind == "government" and names & LEGISLATURE_WORDS:
        return "legislature"
    return kind


def _org_role(actor: _Actor) -> str:
    if actor.country:
        return actor.role[:3]
    if actor.code[:3] in ("INT", "UIS") and actor.code[3:6] in ROLE_CODES:
        return actor.code[3:6]  # INTREB: an international rebel group
    return actor.code[:3]


def _same_org(a: _Row, b: _Row) -> bool:
    return a["code"] == b["code"] and a["country"] == b["country"]


def _with_acronym(name: _Form) -> list[_Form]:
    """``ANIMAL_LIBERATION_FRONT_(ALF)_`` -> the name and, as a form of its own, the acronym."""
    m = re.match(r"^(.*\S)\s*\(([^()]+)\)$", _clean(name.raw))
    return [_Form(m[1], name.where), _Form(m[2], name.where)] if m else [name]


class _Tables:
    """The rows being built, with the indexes that keep them consistent."""

    def __init__(self, tally: _Tally) -> None:
        self.tally = tally
        self.rows: dict[str, list[_Row]] = {t: [] for t in TABLES}
        self.sources: dict[str, set[str]] = {t: set() for t in TABLES}
        self.orgs: dict[str, _Row] = {}  # lower form -> its row
        self.people: set[tuple[str, ...]] = set()
        self.roles: dict[str, str] = {}
        self.verbs: dict[tuple[str, str, str], str] = {}

    def add(self, table: str, row: _Row, file: str, where: str) -> None:
        """Keep a row whose required cells are filled and whose cells are clean."""
        if any(not _cell(row.get(c, "")) for c in REQUIRED[table]) or any(
                _BAD_CELL.search(_cell(v)) for v in row.values()):
            self.tally.refuse(f"{table} row with an empty or unusable cell", where, str(row))
            return
        row[WHERE] = where  # not a column: for messages about the row
        self.rows[table].append(row)
        self.sources[table].add(file)


class _ActorImport:
    def __init__(self, tables: _Tables, tally: _Tally) -> None:
        self.t = tables
        self.tally = tally
        self.ours = _our_countries()
        self.known = self.ours.iso  # the countries a person or organisation row may name
        self.country_blocks: dict[str, list[_CountryBlock]] = {}

    def run(self, blocks: Sequence[_Block]) -> None:
        """Countries first (their rows are what the other rows may name), then the rest."""
        entries = [(b, main) for b in blocks if (main := self._main(b))]
        rest = []
        for b, main in entries:
            if len(main.code) == 3 and main.code not in INTERNATIONAL and main.code not in ROLE_CODES:
                self._country(b, main)
            else:
                rest.append(b)
        owner: dict[str, str] = {}
        for iso, country in self.country_blocks.items():
            self._country_row(iso, country, owner)
        self.known = self.ours.iso | {str(r["iso3"]) for r in self.t.rows["countries.tsv"]}
        for b in rest:
            main = _principal(b.codes)
            assert main is not None
            if _is_person(b, main):
                self._person(b)
            else:
                self._organisation(b, main)

    def _main(self, b: _Block) -> _Code | None:
        """The block's principal code; None (and the reason counted) for an unusable block."""
        main = _principal(b.codes)
        if main is None and not any(c.code == "---" for c in b.codes):
            self.tally.refuse("entry without a code", b.name.where, b.name.raw)
        problem = _text_problem(_clean(b.name.raw))
        if main is not None and problem:
            self.tally.refuse(problem, b.name.where, b.name.raw)
            return None
        return main

    def _stems(self, forms: Iterable[_Form]) -> None:
        for f in forms:
            if _is_stem(f.raw):
                self.tally.caveat("stem matched as a whole word", f.where, f.raw)

    def _forms(self, forms: Iterable[_Form], kind: str) -> list[str]:
        out: list[str] = []
        for f in forms:
            s = _surface(f.raw, kind)
            problem = _text_problem(s)
            if problem:
                self.tally.refuse(problem, f.where, f.raw)
            elif s.lower() not in {x.lower() for x in out}:
                out.append(s)
        return out

    # -- people
    def _person(self, b: _Block) -> None:
        forms = self._forms(b.forms, "person")
        self._stems(b.forms)
        if not forms:
            return
        codes = sorted((c for c in b.codes if c.code != "---"), key=lambda c: (not c.dated, c.start))
        for c in codes:
            actor = self.ours.resolve(c.code, self.known)
            if not isinstance(actor, str) and not actor.role:
                actor = "a bare country code for a person"
            if isinstance(actor, str):
                self.tally.refuse(actor, c.where, f"{_clean(b.name.raw)} {c.text}")
                continue
            key = (forms[0], actor.country, actor.role, c.start, c.end)
            if key in self.t.people:
                self.tally.caveat("duplicate row left out", c.where, c.text)
                continue
            self.t.people.add(key)
            row: _Row = {"name": forms[0], "aliases": forms[1:], "country": actor.country,
                         "role": actor.role, "title": "", "start": c.start, "end": c.end}
            self.t.add("people.tsv", row, b.file, c.where)

    # -- organisations
    def _organisation(self, b: _Block, main: _Code) -> None:
        actor = self.ours.resolve(main.code, self.known)
        if isinstance(actor, str):
            self.tally.refuse(actor, main.where, f"{_clean(b.name.raw)} {main.text}")
            return
        names = set().union(*(_words(f.raw) for f in b.forms))
        kind = _org_kind(actor, names)
        if kind is None:
            self.tally.refuse("no organisation kind for this code", main.where, main.text)
            return
        self._code_caveats(b, main)
        named = _with_acronym(b.name)
        forms = self._forms([named[0], *b.synonyms, *named[1:]], "organisation")
        self._stems(b.forms)
        code, country, role = actor.code, actor.country, _org_role(actor)
        home = self.ours.iso3(code[3:6], self.known) if code[:3] == "MNC" else None
        if home:  # MNCUSA: a company at home in the USA; our table writes code MNC, country USA
            code, country = ("MNC" if len(code) == 6 else code), home
        self._add_org(b, forms, {"code": code, "country": country, "role": role, "kind": kind})

    def _code_caveats(self, b: _Block, main: _Code) -> None:
        others = [c for c in b.codes if c is not main and c.code != "---"]
        if main.dated or any(c.dated for c in others):
            self.tally.caveat("organisation dates dropped (organisations.tsv has none)", main.where,
                              f"{_clean(b.name.raw)} {main.text}")
        elif others:
            self.tally.caveat("organisation's other codes dropped", main.where, others[0].text)
        if main.code.startswith("IMGMUS"):
            self.tally.caveat("IMGMUS written as the CAMEO manual's IMGMOS", main.where, main.text)

    def _add_org(self, b: _Block, forms: list[str], values: _Row) -> None:
        same = self.t.orgs.get(forms[0].lower())
        if same is not None and not _same_org(same, values):
            self.tally.refuse("name already used by an organisation with another code",
                              b.name.where, b.name.raw)
            return
        row: _Row = same or {"name": forms[0], "aliases": [], **values}
        if same is not None:
            self.tally.caveat("merged with an earlier entry of the same name", b.name.where, b.name.raw)
        aliases = row["aliases"]
        assert isinstance(aliases, list)
        for form in forms[1:]:
            other = self.t.orgs.get(form.lower())
            if other is not None and other is not row:
                if not _same_org(other, values):
                    self.tally.refuse("alias already names an organisation with another code",
                                      b.name.where, form)
                continue
            if other is None and form != row["name"]:
                aliases.append(form)
                self.t.orgs[form.lower()] = row
        if same is None:
            self.t.orgs[forms[0].lower()] = row
            self.t.add("organisations.tsv", row, b.file, b.name.where)

    # -- countries
    def _country(self, b: _Block, main: _Code) -> None:
        iso = self.ours.iso3(main.code)
        if iso is None:
            self.tally.refuse("three-letter code is not a country (a region or unknown)",
                              main.where, f"{_clean(b.name.raw)} {main.text}")
            return
        if any(c.dated for c in b.codes):
            self.tally.caveat("country dates dropped (countries.tsv has none)", main.where, main.text)
        self.country_blocks.setdefault(iso, []).append(_CountryBlock(b, main.code))

    def _country_row(self, iso: str, blocks: list[_CountryBlock], owner: dict[str, str]) -> None:
        """All blocks of one country make one row; the block named as our countries.tsv names
        the country (else the first) gives the name."""
        ours = self.ours.names.get(iso, "").lower()
        blocks = sorted(blocks, key=lambda cb: _surface(cb.block.name.raw, "place").lower() != ours)
        first, code = blocks[0].block, blocks[0].code
        name = self._claim(_surface(first.name.raw, "place"), iso, owner, first.name)
        if name is None:
            name = self.ours.names.get(iso)
            if name is None or not self._claim_ok(name, iso, owner):
                self.tally.refuse("country name already names another country", first.name.where,
                                  first.name.raw)
                return
            owner[name.lower()] = iso
        row: _Row = {"iso3": iso, "name": name, "aliases": [], "demonyms": [], "capitals": [],
                     "cities": [], "cameo": code if code != iso else ""}
        forms = [f for cb in blocks for f in cb.block.forms][1:]
        self._stems([first.name, *forms])
        for f in forms:
            self._country_form(f, row, owner)
        self.t.add("countries.tsv", row, first.file, first.name.where)

    def _claim_ok(self, form: str, iso: str, owner: dict[str, str]) -> bool:
        low = form.lower()
        return owner.get(low, iso) == iso and self.ours.owner.get(low, iso) == iso

    def _claim(self, form: str, iso: str, owner: dict[str, str], f: _Form) -> str | None:
        problem = _text_problem(form)
        if problem:
            self.tally.refuse(problem, f.where, f.raw)
            return None
        if not self._claim_ok(form, iso, owner):
            self.tally.refuse("form already names another country", f.where, f.raw)
            return None
        if form.lower() in owner:
            return ""  # already in this country's row
        owner[form.lower()] = iso
        return form

    def _country_form(self, f: _Form, row: _Row, owner: dict[str, str]) -> None:
        iso = str(row["iso3"])
        form = self._claim(_surface(f.raw, "place"), iso, owner, f)
        if form:
            column = self.ours.column.get((iso, form.lower())) or _place_column(form, str(row["name"]))
            values = row[column]
            assert isinstance(values, list)
            values.append(form)


def _place_column(form: str, name: str) -> str:
    up, main = form.upper(), name.upper()
    if _words(up) & STATE_WORDS or main in up or difflib.SequenceMatcher(None, up, main).ratio() >= 0.8:
        return "aliases"
    if up[:4] == main[:4] and up.endswith(DEMONYM_ENDINGS):
        return "demonyms"
    return "cities"


def _fit(table: str, row: _Row, tally: _Tally) -> None:
    """Drop the last forms of |-separated cells until the row fits in one line of the table."""
    def length() -> int:
        return sum(len(_cell(row.get(col, ""))) + 1 for col in _header(table))

    for col in TRIM.get(table, ("aliases",)):
        values = row.get(col, [])
        while isinstance(values, list) and values and length() > MAX_LINE:
            tally.refuse(TOO_LONG, str(row[WHERE]), values.pop())


def _cell(value: str | list[str]) -> str:
    return "|".join(value) if isinstance(value, list) else value


# ---------------------------------------------------------------------------- agents


def _role_of(code: str) -> str | None:
    """``~GOV`` -> GOV, ``IGO~`` -> IGO; None when it is no agent code."""
    if code.count("~") != 1 or not (code.startswith("~") or code.endswith("~")):
        return None
    return code.replace("~", "")


def _expand(phrase: str, macros: Mapping[str, list[str]]) -> list[str] | str:
    names = re.findall(r"!(\w+)!", phrase)
    phrases = [phrase]
    for name in names:
        if name.upper() not in macros:
            return f"undefined !{name}! macro"
        phrases = [p.replace(f"!{name}!", v, 1) for p in phrases for v in macros[name.upper()]]
    return phrases


def _plural(word: str) -> str:
    """The regular plural, as our actor loader makes it."""
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word[:-3] + "men" if word.endswith("man") else word + "s"


def _plural_phrase(phrase: str) -> str:
    """The plural the loader makes: of the last word ("fisher man" -> "fisher mans")."""
    words = phrase.split()
    return " ".join([*words[:-1], _plural(words[-1])]) if words else phrase


def _is_person_title(phrase: str) -> bool:
    """Does the phrase name one human? Its head word decides ("minister" in "minister of x")."""
    words = phrase.split()
    cut = next((i for i, w in enumerate(words) if i and w in HEAD_ENDS), len(words))
    last = words[cut - 1]
    if last in COLLECTIVE_WORDS or last in NOT_PERSON or last.endswith("ment"):
        return False
    if last in PERSON_WORDS:
        return True
    if last.endswith(("men", "people")) or (last.endswith("s") and not last.endswith("ss")):
        return False
    return last.endswith(PERSON_ENDINGS)


class _AgentImport:
    def __init__(self, tables: _Tables, tally: _Tally) -> None:
        self.t = tables
        self.tally = tally
        self.macros: dict[str, list[str]] = {}

    def line(self, ln: _Line, fname: str) -> None:
        where = f"{fname}:{ln.n}"
        m = _MACRO.match(ln.text)
        if m:
            values = [v.strip().replace(" ", "_") for v in m[2].split(",")]
            self.macros[m[1].upper()] = [v for v in values if v]
            return
        a = _AGENT.match(ln.text)
        if a is None:
            reason = "malformed code" if "[" in ln.text else "agent without a code"
            self.tally.refuse(reason, where, ln.text)
            return
        role = _role_of(a["code"].strip())
        if role is None or not _CODE.match(role):
            self.tally.refuse("agent code without ~ (not [~ROLE] or [ROLE~])", where, ln.text)
        elif role[:3] not in ROLE_CODES:
            self.tally.refuse("not a CAMEO role code (religion, ethnic group or other)", where, ln.text)
        else:
            self._phrases(a["phrase"], a["plural"], role, where, fname)

    def _phrases(self, raw: str, plural: str | None, role: str, where: str, fname: str) -> None:
        expanded = _expand(raw.strip(), self.macros)
        if isinstance(expanded, str):
            self.tally.refuse(expanded, where, raw)
            return
        phrases = [_clean(p).lower() for p in expanded]
        for p, original in zip(phrases, expanded, strict=True):
            if any(p == _plural_phrase(q) for q in phrases if q != p):
                self.tally.caveat("regular plural left to the loader", where, p)
                continue
            if " " in original.strip().rstrip("_"):
                self.tally.caveat("gap between words read as adjacent words", where, original)
            self._add(p, role, _is_person_title(p), where, fname)
        for p in (plural or "").split():
            self._add(_clean(p).lower(), role, False, where, fname)

    def _add(self, phrase: str, role: str, person: bool, where: str, fname: str) -> None:
        problem = _text_problem(phrase)
        if problem:
            self.tally.refuse(problem, where, phrase)
            return
        known = self.t.roles.get(phrase)
        if known is not None:
            if known != role:
                self.tally.refuse("phrase already has another role", where, phrase)
            else:
                self.tally.caveat("duplicate row left out", where, phrase)
            return
        self.t.roles[phrase] = role
        self.t.add("roles.tsv", {"phrase": phrase, "role": role, "person": "yes" if person else "no",
                                 "note": f"imported from {where}"}, fname, where)


# ---------------------------------------------------------------------------- verbs


@dataclass(frozen=True)
class _Verb:
    lemma: str
    prep: str


@dataclass
class _VerbBlock:
    code: str
    verbs: list[_Verb]


@dataclass(frozen=True)
class _Slots:
    """What a pattern says in our columns."""

    prep: str
    object: str


def _lemma(word: str) -> str:
    """A plural noun -> its singular ("clashes" -> "clash"); other words unchanged."""
    w = word.lower()
    if w.endswith(("ss", "us", "is", "ics", "news", "series")) or len(w) < 4:
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    return w[:-1] if w.endswith("s") else w


def _code_problem(code: str) -> str | None:
    if ":" in code:
        return "paired code [x:y] (an event each way)"
    if code != "---" and code not in _cameo_codes():
        return "CAMEO code not in cameo.tsv"
    return None


CONFLICT = "same verb, prep and object as an earlier row with another code"
PATTERN_SYMBOLS = (("$", "source/target position ($ +)"), ("&", "synset (&)"),
                   ("%", "compound actor (%)"), ("^", "skip marker (^)"),
                   ("/", "alternative prepositions (a/b)"))


@dataclass
class _Group:
    """Words of a pattern after the verb: a ``(PREP ...)`` phrase, a ``{...}`` noun phrase or a word."""

    kind: str  # pp, np or word
    words: list[str]


def _groups(text: str) -> list[_Group] | str:
    tokens = re.sub(r"([(){}])", r" \1 ", text).split()
    out: list[_Group] = []
    stack: list[_Group] = []
    for tok in tokens:
        if tok in ("(", "{"):
            stack.append(_Group("pp" if tok == "(" else "np", []))
        elif tok in (")", "}"):
            if not stack:
                return "unbalanced ( ) or { }"
            group = stack.pop()
            if stack:  # {...} inside (...): the preposition's object
                stack[-1].words += group.words
            else:
                out.append(group)
        elif stack:
            stack[-1].words += tok.lower().split("_")
        else:
            out.append(_Group("word", tok.lower().split("_")))
    return "unbalanced ( ) or { }" if stack else out


def _unexpressible(body: str) -> str | None:
    """What our columns cannot say in a pattern, if anything."""
    reason = next((r for symbol, r in PATTERN_SYMBOLS if symbol in body), None)
    if reason or "*" not in body:
        return reason or "pattern without the verb (*)"
    before, after = body.split("*", 1)
    if "+" in after.split() or after.strip().startswith("+"):
        return "source/target position ($ +)"
    return "words before the verb" if before.strip() else None


def _slots(body: str) -> _Slots | str:
    """The words of a pattern (between ``-`` and ``[code]``) -> our columns, or a reason."""
    problem = _unexpressible(body)
    if problem:
        return problem
    groups = _groups(body.split("*", 1)[1])
    if isinstance(groups, str):
        return groups
    preps: list[str] = []
    nouns: list[list[str]] = []
    for g in groups:
        words = [w for w in g.words if w]
        if g.kind == "pp" and (not words or words[0] not in PREPS):
            return "prepositional phrase without a preposition"
        if g.kind == "pp" or (g.kind == "word" and len(words) == 1 and words[0] in PREPS):
            preps.append(words[0])
            words = words[1:]
        if words:
            nouns.append(words)
    return _fill(preps, nouns)


def _fill(preps: list[str], nouns: list[list[str]]) -> _Slots | str:
    if len(preps) > 1:
        return "more than one particle or preposition"
    if len(nouns) > 1:
        return "more than one object word"
    words = nouns[0] if nouns else []
    if len(words) > 2:
        return "noun phrase of more than two words"
    if words and not all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words):
        return "object is not a word"
    head = words[-1] if words else ""
    if head in FUNCTION_WORDS:
        return "function word after the verb (no column for it)"
    if head.endswith("ly") and len(head) >= 7 and head not in NOT_ADVERBS:
        return "adverb after the verb (no column for it)"
    obj = " ".join([*words[:-1], _lemma(head)]) if words else ""
    return _Slots(preps[0] if preps else "", obj)


class _VerbImport:
    def __init__(self, tables: _Tables, tally: _Tally) -> None:
        self.t = tables
        self.tally = tally
        self.block: _VerbBlock | None = None
        self.synset = False

    def line(self, ln: _Line, fname: str) -> None:
        where, text = f"{fname}:{ln.n}", ln.text
        header = _HEADER.match(text)
        if header:
            self.block = _VerbBlock((header["code"] or "---").strip(), [])
            self.synset = False
        elif text.startswith("&"):
            self.synset = True
        elif text.startswith("+") and self.synset:
            return  # a synset member: only patterns use them
        elif text.startswith("~"):
            self.tally.refuse("transformation (~ rule)", where, text)
        elif self.block is None:
            self.tally.refuse("verb or pattern outside a --- block ---", where, text)
        elif text.startswith("-"):
            self._pattern(text, where, fname)
        else:
            self._verb(text, where, fname)

    def _verb(self, text: str, where: str, fname: str) -> None:
        assert self.block is not None
        code = m[1].strip() if (m := re.search(r"\[([^\]]*)\]\s*$", text)) else self.block.code
        word = text.split()[0]
        verb = _verb_word(word, text)
        if isinstance(verb, str):
            self.tally.refuse(verb, where, text)
            return
        self.block.verbs.append(verb)
        if code == "---":
            self.tally.caveat("verb without an event code of its own: only its patterns written",
                              where, text)
            return
        problem = _code_problem(code)
        if problem:
            self.tally.refuse(problem, where, text)
            return
        note = f"imported from {where}"
        if code == "010":
            note = f"statement; {note}"  # VERBS.md: a reporting verb's note starts "statement"
        problem = self._row(code, verb, _Slots("", ""), note, fname, where)
        if problem:
            self._left_out(problem, where, text, written=False)

    def _pattern(self, text: str, where: str, fname: str) -> None:
        """One pattern gives a row for each verb of its block (one entry in the report)."""
        assert self.block is not None
        m = re.match(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*$", text)
        code = m["code"].strip() if m else ""
        slots = "pattern without a [code]" if m is None else _code_problem(code) or _slots(m["body"])
        if not self.block.verbs and not isinstance(slots, str):
            slots = "pattern of a block with no convertible verb"
        if isinstance(slots, str):
            self.tally.refuse(slots, where, text)
            return
        problems = []
        for verb in self.block.verbs:
            if verb.prep and slots.prep and verb.prep != slots.prep:
                problems.append("pattern preposition clashes with the verb's own")
                continue
            both = _Slots(verb.prep or slots.prep, slots.object)
            problems.append(self._row(code, verb, both, f"imported from {where}", fname, where))
        written = [p for p in problems if p is None]
        for problem in dict.fromkeys(p for p in problems if p):
            self._left_out(problem, where, text, bool(written))

    def _left_out(self, problem: str, where: str, text: str, written: bool) -> None:
        if problem == "duplicate row":
            self.tally.caveat("duplicate row left out", where, text)
        elif written:
            self.tally.caveat(f"{problem}: left out for some verbs of the block", where, text)
        else:
            self.tally.refuse(problem, where, text)

    def _row(self, code: str, verb: _Verb, slots: _Slots, note: str, fname: str,
             where: str) -> str | None:
        """Add a verbs.tsv row; the reason it is left out, if it is."""
        key = (verb.lemma, verb.prep or slots.prep, slots.object)
        known = self.t.verbs.get(key)
        if known is not None:
            return "duplicate row" if known == code else CONFLICT
        self.t.verbs[key] = code
        row: _Row = {"code": code, "verb": verb.lemma, "prep": key[1], "object": slots.object,
                     "to": "", "note": note}
        self.t.add("verbs.tsv", row, fname, where)
        return None


def _verb_word(word: str, text: str) -> _Verb | str:
    if re.search(r"\{\s*\}", text):
        return "verb form fixed by {} (no inflections)"
    if "_" in word or "+" in word:
        parts = word.split("_")
        if not (len(parts) == 2 and parts[0].startswith("+") and parts[1].lower() in PREPS):
            return "multi-word verb"
        lemma, prep = parts[0][1:].lower(), parts[1].lower()
    else:
        lemma, prep = word.lower(), ""
    if not re.fullmatch(r"[a-z][a-z'-]*", lemma):
        return "not a verb word"
    return _Verb(lemma, prep)


# ---------------------------------------------------------------------------- writing


@functools.cache
def _header(table: str) -> tuple[str, ...]:
    for line in data_path(table).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            return tuple(c.strip() for c in line.split("\t"))
    raise PetrarchError(f"our {table} has no header line")  # pragma: no cover


def _check_out(out: Path) -> None:
    if out.is_dir() and any(out.iterdir()):
        raise PetrarchError(f"{out} is not empty: give a new or empty folder for the imported tables")
    if out.exists() and not out.is_dir():
        raise PetrarchError(f"{out} is a file: give a new or empty folder for the imported tables")


def _render(table: str, rows: Sequence[_Row], sources: Iterable[str]) -> str:
    header = _header(table)
    names = ", ".join(sorted(" ".join(s.split()) for s in sources))
    lines = [f"# imported from PETRARCH dictionaries by tidings.rules.petrarch: {names}",
             "\t".join(header)]
    for row in rows:
        cells = [_cell(row.get(col, "")) for col in header]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def _write(out: Path, tables: _Tables) -> dict[str, int]:
    created = not out.exists()
    parts: list[tuple[Path, Path]] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            rows = tables.rows[table]
            for row in rows:
                _fit(table, row, tables.tally)
            if rows:
                part = out / f".{table}.part"
                part.write_text(_render(table, rows, tables.sources[table]), encoding="utf-8")
                parts.append((part, out / table))
        for part, final in parts:
            os.replace(part, final)
    except OSError as exc:
        for part, _ in parts:
            part.unlink(missing_ok=True)
        if created and out.is_dir() and not any(out.iterdir()):
            out.rmdir()
        raise PetrarchError(f"cannot write the tables into {out}: {exc.strerror or exc}") from None
    return {final.name: len(tables.rows[final.name]) for _, final in parts}


# ---------------------------------------------------------------------------- entry point


@dataclass(frozen=True)
class _Input:
    path: Path
    kind: str
    lines: tuple[_Line, ...]


def _inputs(paths: Sequence[Path]) -> list[_Input]:
    if not paths:
        raise PetrarchError("no dictionary files given: name the PETRARCH files to import")
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            raise PetrarchError(f"{p} is a folder: give the dictionary files themselves")
        lines = _lines(_read(p))
        kind = _detect(lines)
        if kind is None:
            raise PetrarchError(f"{p} is in no PETRARCH dictionary format: expected {EXPECTED}")
        out.append(_Input(p, kind, tuple(lines)))
    return out


def import_petrarch(paths: Sequence[Path], out: Path) -> ImportReport:
    """Convert PETRARCH/TABARI dictionaries into tidings tables in the new folder ``out``."""
    out = Path(out)
    _check_out(out)
    inputs = _inputs(paths)
    tally = _Tally()
    tables = _Tables(tally)
    blocks: list[_Block] = []
    kinds = [InputFile(str(inp.path), _convert(inp, blocks, tables, tally)) for inp in inputs]
    _ActorImport(tables, tally).run(blocks)
    rows = _write(out, tables)
    return ImportReport(out, tuple(kinds), rows, dict(tally.refused),
                        {k: tuple(v) for k, v in tally.examples.items()}, dict(tally.caveats),
                        {k: tuple(v) for k, v in tally.caveat_examples.items()})


def _convert(inp: _Input, blocks: list[_Block], tables: _Tables, tally: _Tally) -> str:
    """Convert one file (actor files: add their blocks to ``blocks``); returns its kind."""
    name = inp.path.name
    if inp.kind in UNCONVERTIBLE:
        first = inp.lines[0]
        tally.refuse(UNCONVERTIBLE[inp.kind], f"{name}:{first.n}", first.text, len(inp.lines))
        return f"{inp.kind} (refused)"
    if inp.kind == "actors":
        found = _actor_blocks(inp.lines, name, tally)
        kind = _actor_kind(found)
        for b in found:
            b.kind = kind
        blocks += found
        return kind
    handler = _AgentImport(tables, tally) if inp.kind == AGENTS else _VerbImport(tables, tally)
    for ln in inp.lines:
        handler.line(ln, name)
    return inp.kind
