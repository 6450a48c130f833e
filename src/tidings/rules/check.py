"""``tidings rules check``: every rule table checked row by row, with ``file:line`` messages.

What is checked: each table's header and cells (types, allowed values, CAMEO codes that
exist, ISO country codes, role codes, dates and their order, coordinates); verb patterns
that conflict (same verb, preposition, objects and to-infinitive at the same specificity
with different codes) or repeat; a surface form that names two countries; and, last,
that the whole rule set loads. A user's row that overrides a package row is a note, not
an error: that is what a rules folder is for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.rules import TABLES, RulesError, RuleSet, check_folder
from tidings.rules.cameo import COLUMNS as CAMEO_COLUMNS
from tidings.rules.cameo import CameoCode, cameo_code
from tidings.rules.conventions import COLUMNS as CONVENTION_COLUMNS
from tidings.rules.conventions import FAMILIES, RECODING
from tidings.rules.countries import COLUMNS as COUNTRY_COLUMNS
from tidings.rules.dictionary import ORG_COLUMNS, PEOPLE_COLUMNS, ROLE_COLUMNS, STANDALONE
from tidings.rules.lexicon import COLUMNS as LEXICON_COLUMNS
from tidings.rules.lexicon import LISTS
from tidings.rules.places import load_role_codes
from tidings.rules.tables import Row, TableError, load_table, package_data
from tidings.rules.verbs import (
    NOT_AN_EVENT,
    STATEMENT_COLUMNS,
    VERB_COLUMNS,
    Pattern,
    check_statement,
    pattern,
)

_ISO3 = re.compile(r"[A-Z]{3}")
_CODE = re.compile(r"(?:[A-Z]{3})+")
_ACTOR_CODE = re.compile(r"[A-Z][A-Z0-9]{2,}")  # also the KEDS codes of chapter 7 (ARBTH)
ORG_KINDS = frozenset({"igo", "ngo", "government", "ministry", "legislature", "court", "military", "police",
                       "intelligence", "party", "armed_group", "rebel", "company", "media", "religious",
                       "union", "education", "health", "other"})


@dataclass(frozen=True)
class Problem:
    where: str  # file:line (or file)
    message: str
    error: bool = True

    def __str__(self) -> str:
        return f"{self.where}: {'' if self.error else 'note: '}{self.message}"


@dataclass
class _Checker:
    dirs: tuple[Path, ...]
    problems: list[Problem]
    cameo: dict[str, CameoCode]
    countries: set[str]
    roles: set[str]

    def add(self, where: str, message: str, error: bool = True) -> None:
        self.problems.append(Problem(where, message, error))

    def rows(self, name: str, required: tuple[str, ...]) -> list[Row]:
        try:
            return load_table(name, required, self.dirs)
        except TableError as exc:
            where, _, msg = str(exc).partition(": ")
            self.add(where, msg)
            return []

    def each(self, rows: Sequence[Row], check: Callable[[Row], None]) -> None:
        for r in rows:
            try:
                check(r)
            except TableError as exc:
                self.add(r.where, str(exc).split(": ", 1)[-1])

    def country(self, r: Row, key: str) -> None:
        v = r.get(key)
        if v and v not in self.countries:
            self.add(r.where, f"{key} {v!r} is not an ISO alpha-3 code of countries.tsv")

    def role(self, r: Row, key: str) -> None:
        v = r.get(key)
        if v and not (v.startswith(STANDALONE) or (_CODE.fullmatch(v) and v[:3] in self.roles)):
            self.add(r.where, f"{key} {v!r}: its first three letters are not a role of role_codes.tsv")


def check_rules(dirs: Sequence[str | Path] = ()) -> list[Problem]:
    """Every problem of the package's tables with ``dirs`` over them, in file order."""
    problems: list[Problem] = []
    try:
        folders = tuple(check_folder(d) for d in dirs)
    except RulesError as exc:
        return [Problem(str(dirs[0]) if dirs else "rules", str(exc))]
    base = _Checker(folders, problems, {}, set(), set())
    cameo_rows = base.rows("cameo.tsv", CAMEO_COLUMNS)
    base.each(cameo_rows, cameo_code)
    base.cameo = {r["code"]: cameo_code(r) for r in cameo_rows if _ok(cameo_code, r)}
    base.countries = {r["iso3"] for r in base.rows("countries.tsv", COUNTRY_COLUMNS) if _ISO3.fullmatch(r["iso3"])}
    try:
        base.roles = set(load_role_codes(folders))
    except TableError as exc:
        base.add("role_codes.tsv", str(exc))
    for check in (_verbs, _statements, _countries, _organisations, _people, _roles, _lexicon, _conventions):
        check(base)
    if not any(p.error for p in problems):
        try:
            RuleSet.load(*folders)
        except (TableError, RulesError) as exc:
            base.add("rules", str(exc))
    return problems


def _ok(fn: Callable[[Row], object], r: Row) -> bool:
    try:
        fn(r)
        return True
    except TableError:
        return False


def _verbs(c: _Checker) -> None:
    rows = c.rows("verbs.tsv", VERB_COLUMNS)
    seen: dict[tuple, Pattern] = {}
    for r in rows:
        try:
            p = pattern(r, c.cameo) if r["code"] == NOT_AN_EVENT or r["code"] in c.cameo else None
        except TableError as exc:
            c.add(r.where, str(exc).split(": ", 1)[-1])
            continue
        if p is None:
            c.add(r.where, f"unknown CAMEO code {r['code']!r}")
            continue
        for role in sorted(d for d in p.doers if d.isupper() and d not in c.roles):
            c.add(r.where, f"doer {role!r} in the note is not a role of role_codes.tsv; write a role code "
                           f"(OPP) or a lowercase word of the doer's name")
        for key in _pattern_keys(p):
            other = seen.get(key)
            if other is None:
                seen[key] = p
                continue
            _compare(c, p, other)
            break


def _pattern_keys(p: Pattern) -> list[tuple]:
    """The lookups a pattern answers: (kind, verb, prep, one object, one to-lemma, its
    doers); a row naming its doers answers only for them, so it repeats no other row."""
    objs = sorted(p.objects) or [""]
    tos = sorted(p.to) or [""]
    doers = tuple(sorted(p.doers))
    return [(p.is_noun, p.verb, p.prep or "", o, t, doers) for o in objs for t in tos]


def _compare(c: _Checker, p: Pattern, other: Pattern) -> None:
    """``p`` answers a lookup ``other`` (an earlier row) already answers."""
    same = (p.code, p.objects, p.to) == (other.code, other.objects, other.to)
    user_over_package = other.file != p.file and "/" in other.file and "/" not in p.file
    if same:
        c.add(p.where, f"repeats {other.where} ({other.rule})", error=not user_over_package)
    elif p.code != other.code and p.specificity == other.specificity:
        if user_over_package:
            c.add(p.where, f"overridden by {other.where}: {other.rule} wins over {p.rule}", error=False)
        else:
            c.add(p.where, f"conflicts with {other.where}: the same verb, preposition and objects coded "
                           f"{other.code} there and {p.code} here; the earlier row always wins, so give "
                           f"one a narrower object or remove it")


def _statements(c: _Checker) -> None:
    c.each(c.rows("statements.tsv", STATEMENT_COLUMNS), lambda r: check_statement(r, c.cameo))


def _countries(c: _Checker) -> None:
    """One surface form naming two countries makes "X" mean whichever comes first."""
    owner: dict[str, tuple[str, str]] = {}
    for r in c.rows("countries.tsv", COUNTRY_COLUMNS):
        if not _ISO3.fullmatch(r["iso3"]):
            c.add(r.where, f"iso3 {r['iso3']!r} is not three capital letters")
            continue
        for form in {f.casefold() for f in (r["name"], *r.many("aliases"), *r.many("demonyms"), *r.many("capitals"))}:
            first = owner.setdefault(form, (r["iso3"], r.where))
            if first[0] != r["iso3"]:
                c.add(r.where, f"{form!r} names {r['iso3']} here and {first[0]} at {first[1]}: one "
                               f"surface form, two countries")


def _organisations(c: _Checker) -> None:
    def check(r: Row) -> None:
        if not _ACTOR_CODE.fullmatch(r["code"] or "X"):
            raise TableError(f"{r.where}: code {r['code']!r} is not a CAMEO actor code (capital letters)")
        if r["kind"] and r["kind"] not in ORG_KINDS:
            raise TableError(f"{r.where}: kind {r['kind']!r} is not one of {', '.join(sorted(ORG_KINDS))}")

    rows = c.rows("organisations.tsv", ORG_COLUMNS)
    c.each(rows, check)
    for r in rows:
        c.country(r, "country")


def _people(c: _Checker) -> None:
    def check(r: Row) -> None:
        start, end = (_date(r, k) for k in ("start", "end"))
        if start and end and end < start:
            raise TableError(f"{r.where}: end {end} is before start {start}")
        if not r["name"].strip():
            raise TableError(f"{r.where}: a person needs a name")

    rows = c.rows("people.tsv", PEOPLE_COLUMNS)
    c.each(rows, check)
    for r in rows:
        c.country(r, "country")
        c.role(r, "role")


def _date(r: Row, key: str) -> dt.date | None:
    if not r.get(key):
        return None
    try:
        return dt.date.fromisoformat(r[key])
    except ValueError:
        raise TableError(f"{r.where}: {key} {r[key]!r} is not a date written YYYY-MM-DD") from None


def _roles(c: _Checker) -> None:
    rows = c.rows("roles.tsv", ROLE_COLUMNS)
    for r in rows:
        c.role(r, "role")
        if r["person"].lower() not in ("yes", "no", ""):
            c.add(r.where, f"person takes yes or no, not {r['person']!r}")


def _lexicon(c: _Checker) -> None:
    for r in c.rows("lexicon.tsv", LEXICON_COLUMNS):
        if r["list"] not in LISTS:
            c.add(r.where, f"no word list named {r['list']!r} (the lists: {', '.join(LISTS)})")


def _conventions(c: _Checker) -> None:
    for r in c.rows("conventions.tsv", CONVENTION_COLUMNS):
        name, when, code = r["convention"], r["when"], r["code"]
        if name not in RECODING and name not in FAMILIES:
            c.add(r.where, f"no convention named {name!r}")
        elif not when.isdigit() or not any(k.startswith(when) for k in c.cameo):
            c.add(r.where, f"{when!r} is not a CAMEO root or code prefix")
        elif name in RECODING and code not in c.cameo:
            c.add(r.where, f"{name} needs a CAMEO code to recode to, not {code!r}")


def tables_in(dirs: Sequence[Path]) -> list[str]:
    """The table files the check read: the package's and the users'."""
    names = [n for n in TABLES if (package_data() / n).exists()]
    return names + [str(Path(d) / n) for d in dirs for n in TABLES if (Path(d) / n).exists()]
