"""Actor blocks -> tidings rows: each block's principal code, whether it names a person or
an organisation, people.tsv rows (one per code and date range) and organisations.tsv rows
(kind from the code, acronyms as aliases, one code per name); country blocks go to
:class:`~tidings.rules.petrarch.countries.CountryImport` first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tidings.rules.petrarch.codes import INTERNATIONAL, ROLE_CODES, Actor, Code, our_countries
from tidings.rules.petrarch.countries import CountryImport
from tidings.rules.petrarch.names import clean, stem_caveats, surface, text_problem, word_set
from tidings.rules.petrarch.output import Row, Tables
from tidings.rules.petrarch.reading import ARMED_GROUP_ACTORS, Block, Form
from tidings.rules.petrarch.report import Tally

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

CONNECTORS = {"OF", "THE", "AND", "FOR", "&"}  # in a name: not a person
NOT_PERSON_NAME = ORG_WORDS | CONNECTORS

_NAME_WORD = re.compile(r"^[^\W\d_][\w.'-]*$")


def _principal(codes: Sequence[Code]) -> Code | None:
    """The block's default code: the first undated one, else the one valid last."""
    real = [c for c in codes if c.code != "---"]
    undated = [c for c in real if not c.dated]
    if undated:
        return undated[0]
    return max(real, key=lambda c: (c.end or "9999", c.start), default=None)


def _is_person(block: Block, main: Code) -> bool:
    """See the module docstring: organisation words, then dates, then the name's shape."""
    words = clean(block.name.raw).upper().split()
    if main.code.startswith(("MNC", "NGO", "NGM")) or word_set(block.name.raw) & NOT_PERSON_NAME:
        return False
    if any(c.dated for c in block.codes):
        return True
    if block.kind == ARMED_GROUP_ACTORS or any(word_set(f.raw) & ORG_WORDS for f in block.synonyms):
        return False
    return 2 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words)


def _org_kind(actor: Actor, names: set[str]) -> str | None:
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


def _org_role(actor: Actor) -> str:
    if actor.country:
        return actor.role[:3]
    if actor.code[:3] in ("INT", "UIS") and actor.code[3:6] in ROLE_CODES:
        return actor.code[3:6]  # INTREB: an international rebel group
    return actor.code[:3]


def _same_org(a: Row, b: Row) -> bool:
    return a["code"] == b["code"] and a["country"] == b["country"]


def _with_acronym(name: Form) -> list[Form]:
    """``ANIMAL_LIBERATION_FRONT_(ALF)_`` -> the name and, as a form of its own, the acronym."""
    m = re.match(r"^(.*\S)\s*\(([^()]+)\)$", clean(name.raw))
    return [Form(m[1], name.where), Form(m[2], name.where)] if m else [name]


class ActorImport:
    """Actor blocks -> countries.tsv (by :class:`CountryImport`), people.tsv and
    organisations.tsv."""

    def __init__(self, tables: Tables, tally: Tally) -> None:
        self.t = tables
        self.tally = tally
        self.ours = our_countries()
        self.known = self.ours.iso  # the countries a person or organisation row may name
        self.countries = CountryImport(tables, tally, self.ours)

    def run(self, blocks: Sequence[Block]) -> None:
        """Countries first (their rows are what the other rows may name), then the rest."""
        entries = [(b, main) for b in blocks if (main := self._main(b))]
        rest = []
        for b, main in entries:
            if len(main.code) == 3 and main.code not in INTERNATIONAL and main.code not in ROLE_CODES:
                self.countries.add(b, main)
            else:
                rest.append(b)
        self.countries.add_rows()
        self.known = self.ours.iso | {str(r["iso3"]) for r in self.t.rows["countries.tsv"]}
        for b in rest:
            main = _principal(b.codes)
            assert main is not None
            if _is_person(b, main):
                self._person(b)
            else:
                self._organisation(b, main)

    def _main(self, b: Block) -> Code | None:
        """The block's principal code; None (and the reason counted) for an unusable block."""
        main = _principal(b.codes)
        if main is None and not any(c.code == "---" for c in b.codes):
            self.tally.refuse("entry without a code", b.name.where, b.name.raw)
        problem = text_problem(clean(b.name.raw))
        if main is not None and problem:
            self.tally.refuse(problem, b.name.where, b.name.raw)
            return None
        return main

    def _forms(self, forms: Iterable[Form], kind: str) -> list[str]:
        out: list[str] = []
        for f in forms:
            s = surface(f.raw, kind)
            problem = text_problem(s)
            if problem:
                self.tally.refuse(problem, f.where, f.raw)
            elif s.lower() not in {x.lower() for x in out}:
                out.append(s)
        return out

    # -- people
    def _person(self, b: Block) -> None:
        forms = self._forms(b.forms, "person")
        stem_caveats(b.forms, self.tally)
        if not forms:
            return
        codes = sorted((c for c in b.codes if c.code != "---"), key=lambda c: (not c.dated, c.start))
        for c in codes:
            actor = self.ours.resolve(c.code, self.known)
            if not isinstance(actor, str) and not actor.role:
                actor = "a bare country code for a person"
            if isinstance(actor, str):
                self.tally.refuse(actor, c.where, f"{clean(b.name.raw)} {c.text}")
                continue
            key = (forms[0], actor.country, actor.role, c.start, c.end)
            if key in self.t.people:
                self.tally.caveat("duplicate row left out", c.where, c.text)
                continue
            self.t.people.add(key)
            row: Row = {"name": forms[0], "aliases": forms[1:], "country": actor.country,
                        "role": actor.role, "title": "", "start": c.start, "end": c.end}
            self.t.add("people.tsv", row, b.file, c.where)

    # -- organisations
    def _organisation(self, b: Block, main: Code) -> None:
        actor = self.ours.resolve(main.code, self.known)
        if isinstance(actor, str):
            self.tally.refuse(actor, main.where, f"{clean(b.name.raw)} {main.text}")
            return
        names = set().union(*(word_set(f.raw) for f in b.forms))
        kind = _org_kind(actor, names)
        if kind is None:
            self.tally.refuse("no organisation kind for this code", main.where, main.text)
            return
        self._code_caveats(b, main)
        named = _with_acronym(b.name)
        forms = self._forms([named[0], *b.synonyms, *named[1:]], "organisation")
        stem_caveats(b.forms, self.tally)
        code, country, role = actor.code, actor.country, _org_role(actor)
        home = self.ours.iso3(code[3:6], self.known) if code[:3] == "MNC" else None
        if home:  # MNCUSA: a company at home in the USA; our table writes code MNC, country USA
            code, country = ("MNC" if len(code) == 6 else code), home
        self._add_org(b, forms, {"code": code, "country": country, "role": role, "kind": kind})

    def _code_caveats(self, b: Block, main: Code) -> None:
        others = [c for c in b.codes if c is not main and c.code != "---"]
        if main.dated or any(c.dated for c in others):
            self.tally.caveat("organisation dates dropped (organisations.tsv has none)", main.where,
                              f"{clean(b.name.raw)} {main.text}")
        elif others:
            self.tally.caveat("organisation's other codes dropped", main.where, others[0].text)
        if main.code.startswith("IMGMUS"):
            self.tally.caveat("IMGMUS written as the CAMEO manual's IMGMOS", main.where, main.text)

    def _add_org(self, b: Block, forms: list[str], values: Row) -> None:
        same = self.t.orgs.get(forms[0].lower())
        if same is not None and not _same_org(same, values):
            self.tally.refuse("name already used by an organisation with another code",
                              b.name.where, b.name.raw)
            return
        row: Row = same or {"name": forms[0], "aliases": [], **values}
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
