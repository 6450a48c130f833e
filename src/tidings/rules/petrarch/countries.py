"""Country blocks (a bare country code, ``AFGHANISTAN_ [AFG]``) -> countries.tsv: one row
per country, each synonym in the column it reads as (aliases, demonyms, capitals, cities),
and no form pointing to two countries, here or in our countries.tsv."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from tidings.rules.petrarch.codes import Code, Countries
from tidings.rules.petrarch.names import clean, stem_caveats, surface, text_problem, word_set
from tidings.rules.petrarch.output import Row, Tables
from tidings.rules.petrarch.reading import Block, Form
from tidings.rules.petrarch.report import Tally

STATE_WORDS = frozenset("""
COMMONWEALTH CONFEDERATION DEMOCRATIC DUCHY EMIRATE EMIRATES FEDERAL FEDERATION ISLAMIC KINGDOM
PEOPLE'S PRINCIPALITY REPUBLIC SOCIALIST SULTANATE UNION
""".split())
DEMONYM_ENDINGS = ("AN", "ANS", "IAN", "IANS", "ESE", "ISH", "I", "IS", "ER", "ERS")


@dataclass(frozen=True)
class _CountryBlock:
    block: Block
    code: str  # as the dictionary writes it (KSV), for the cameo column


class CountryImport:
    """Collects the country blocks of all actor files, then makes their rows."""

    def __init__(self, tables: Tables, tally: Tally, ours: Countries) -> None:
        self.t = tables
        self.tally = tally
        self.ours = ours
        self.country_blocks: dict[str, list[_CountryBlock]] = {}

    def add(self, b: Block, main: Code) -> None:
        """A block whose principal code is three letters (not a role or international code)."""
        iso = self.ours.iso3(main.code)
        if iso is None:
            self.tally.refuse("three-letter code is not a country (a region or unknown)",
                              main.where, f"{clean(b.name.raw)} {main.text}")
            return
        if any(c.dated for c in b.codes):
            self.tally.caveat("country dates dropped (countries.tsv has none)", main.where, main.text)
        self.country_blocks.setdefault(iso, []).append(_CountryBlock(b, main.code))

    def add_rows(self) -> None:
        owner: dict[str, str] = {}
        for iso, country in self.country_blocks.items():
            self._country_row(iso, country, owner)

    def _country_row(self, iso: str, blocks: list[_CountryBlock], owner: dict[str, str]) -> None:
        """All blocks of one country make one row; the block named as our countries.tsv names
        the country (else the first) gives the name."""
        ours = self.ours.names.get(iso, "").lower()
        blocks = sorted(blocks, key=lambda cb: surface(cb.block.name.raw, "place").lower() != ours)
        first, code = blocks[0].block, blocks[0].code
        name = self._claim(surface(first.name.raw, "place"), iso, owner, first.name)
        if name is None:
            name = self.ours.names.get(iso)
            if name is None or not self._claim_ok(name, iso, owner):
                self.tally.refuse("country name already names another country", first.name.where,
                                  first.name.raw)
                return
            owner[name.lower()] = iso
        row: Row = {"iso3": iso, "name": name, "aliases": [], "demonyms": [], "capitals": [],
                    "cities": [], "cameo": code if code != iso else ""}
        forms = [f for cb in blocks for f in cb.block.forms][1:]
        stem_caveats([first.name, *forms], self.tally)
        for f in forms:
            self._country_form(f, row, owner)
        self.t.add("countries.tsv", row, first.file, first.name.where)

    def _claim_ok(self, form: str, iso: str, owner: dict[str, str]) -> bool:
        low = form.lower()
        return owner.get(low, iso) == iso and self.ours.owner.get(low, iso) == iso

    def _claim(self, form: str, iso: str, owner: dict[str, str], f: Form) -> str | None:
        problem = text_problem(form)
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

    def _country_form(self, f: Form, row: Row, owner: dict[str, str]) -> None:
        iso = str(row["iso3"])
        form = self._claim(surface(f.raw, "place"), iso, owner, f)
        if form:
            column = self.ours.column.get((iso, form.lower())) or _place_column(form, str(row["name"]))
            values = row[column]
            assert isinstance(values, list)
            values.append(form)


def _place_column(form: str, name: str) -> str:
    up, main = form.upper(), name.upper()
    if word_set(up) & STATE_WORDS or main in up or difflib.SequenceMatcher(None, up, main).ratio() >= 0.8:
        return "aliases"
    if up[:4] == main[:4] and up.endswith(DEMONYM_ENDINGS):
        return "demonyms"
    return "cities"
