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

from collections.abc import Sequence
from pathlib import Path

from tidings.rules.petrarch.actors import ActorImport
from tidings.rules.petrarch.agents import AgentImport
from tidings.rules.petrarch.names import surface
from tidings.rules.petrarch.output import REQUIRED, TABLES, Tables, check_out, write_tables
from tidings.rules.petrarch.reading import (
    AGENTS,
    ARMED_GROUP_ACTORS,
    COUNTRY_ACTORS,
    INTERNATIONAL_ACTORS,
    UNCONVERTIBLE,
    VERBS,
    Block,
    Input,
    actor_blocks,
    actor_kind,
    read_inputs,
)
from tidings.rules.petrarch.report import ImportReport, InputFile, PetrarchError, Tally
from tidings.rules.petrarch.verbs import VerbImport

__all__ = [
    "AGENTS", "ARMED_GROUP_ACTORS", "COUNTRY_ACTORS", "INTERNATIONAL_ACTORS", "REQUIRED", "TABLES",
    "UNCONVERTIBLE", "VERBS", "ImportReport", "PetrarchError", "import_petrarch",
]

_surface = surface  # a phrase's surface form, for the tests of the conventions above


def import_petrarch(paths: Sequence[Path], out: Path) -> ImportReport:
    """Convert PETRARCH/TABARI dictionaries into tidings tables in the new folder ``out``."""
    out = Path(out)
    check_out(out)
    inputs = read_inputs(paths)
    tally = Tally()
    tables = Tables(tally)
    blocks: list[Block] = []
    kinds = [InputFile(str(inp.path), _convert(inp, blocks, tables, tally)) for inp in inputs]
    ActorImport(tables, tally).run(blocks)
    rows = write_tables(out, tables)
    return ImportReport(out, tuple(kinds), rows, dict(tally.refused),
                        {k: tuple(v) for k, v in tally.examples.items()}, dict(tally.caveats),
                        {k: tuple(v) for k, v in tally.caveat_examples.items()})


def _convert(inp: Input, blocks: list[Block], tables: Tables, tally: Tally) -> str:
    """Convert one file (actor files: add their blocks to ``blocks``); returns its kind."""
    name = inp.path.name
    if inp.kind in UNCONVERTIBLE:
        first = inp.lines[0]
        tally.refuse(UNCONVERTIBLE[inp.kind], f"{name}:{first.n}", first.text, len(inp.lines))
        return f"{inp.kind} (refused)"
    if inp.kind == "actors":
        found = actor_blocks(inp.lines, name, tally)
        kind = actor_kind(found)
        for b in found:
            b.kind = kind
        blocks += found
        return kind
    handler = AgentImport(tables, tally) if inp.kind == AGENTS else VerbImport(tables, tally)
    for ln in inp.lines:
        handler.line(ln, name)
    return inp.kind
