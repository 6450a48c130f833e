"""The coder's knowledge as data: every table, word list and convention, loaded from the
package (``tidings/rules/data``) and from a user's rules folders.

>>> from tidings.rules import RuleSet
>>> rules = RuleSet.load("my-rules")          # the package's tables plus my-rules/*.tsv
>>> coder = tidings.Coder(rules=rules)

A folder holds files named like the package's (``verbs.tsv``, ``people.tsv``, ...). Each
file adds its rows to the package's table of that name, ahead of them (so on a tie a
user's row wins); a file whose first line is ``#! replace`` replaces the table. See
``tidings rules check`` for what is checked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from tidings.rules.calibration import Calibration, load_calibration
from tidings.rules.cameo import PLOVER_TYPES, CameoCode, load_cameo
from tidings.rules.conventions import Conventions, load_conventions
from tidings.rules.countries import Countries, load_countries
from tidings.rules.dictionary import Dictionary, load_dictionary
from tidings.rules.lexicon import Lexicon, load_lexicon
from tidings.rules.names import load_first_names
from tidings.rules.places import PlaceTables, load_place_tables, load_role_codes
from tidings.rules.tables import TableError
from tidings.rules.tone import load_tone
from tidings.rules.triggers import Triggers, load_triggers
from tidings.rules.verbs import (
    CueLexicon,
    StatementRule,
    VerbTable,
    load_cues,
    load_irregular,
    load_statements,
    load_verbs,
)

__all__ = ["PLOVER_TYPES", "RuleSet", "RulesError", "TableError"]


class RulesError(ValueError):
    """A rules folder that cannot be used (missing, not a folder, unknown files)."""


# the files a rules folder may hold
TABLES = ("cameo.tsv", "verbs.tsv", "irregular_verbs.tsv", "statements.tsv", "cue_verbs.txt",
          "countries.tsv", "fips_countries.tsv", "organisations.tsv", "people.tsv", "roles.tsv",
          "role_codes.tsv", "lexicon.tsv", "conventions.tsv", "regions.tsv", "city_aliases.tsv",
          "country_points.tsv", "state_points.tsv", "admin_areas.tsv", "region_words.tsv",
          "state_abbreviations.tsv", "first_names.tsv",
          "calibration.tsv", "triggers.tsv", "tone.tsv")


@dataclass(frozen=True)
class RuleSet:
    """Every table the coder uses, loaded once. Share one per process."""

    dirs: tuple[Path, ...]
    cameo: dict[str, CameoCode]
    verbs: VerbTable
    irregular: dict[str, tuple[str, ...]]
    statements: tuple[StatementRule, ...]
    cues: CueLexicon
    countries: Countries
    dictionary: Dictionary
    lexicon: Lexicon
    conventions: Conventions
    places: PlaceTables
    role_codes: dict[str, str]
    calibration: Calibration = field(default_factory=Calibration.identity)
    triggers: Triggers = field(default_factory=lambda: Triggers({}, frozenset()))
    first_names: dict[str, str] = field(default_factory=dict)  # "hillary" -> "f"
    tone: dict[str, float] = field(default_factory=dict)  # "peace" -> 2.5 (-4 to 4)

    @classmethod
    def load(cls, *dirs: str | Path) -> RuleSet:
        """The package's tables with the files of ``dirs`` over them (later folders first).
        Raises :class:`RulesError` for an unusable folder, :class:`TableError` (naming the
        file and line) for a table that does not fit its schema."""
        folders = tuple(check_folder(d) for d in dirs)
        cameo = load_cameo(folders)
        irregular = load_irregular(folders)
        countries = load_countries(folders)
        return cls(
            dirs=folders, cameo=cameo, verbs=load_verbs(cameo, irregular, folders),
            irregular=irregular, statements=load_statements(cameo, folders),
            cues=load_cues(irregular, folders), countries=countries,
            dictionary=load_dictionary(countries, folders), lexicon=load_lexicon(folders),
            conventions=load_conventions(cameo, folders), places=load_place_tables(folders),
            role_codes=load_role_codes(folders), calibration=load_calibration(folders),
            triggers=load_triggers(sorted({c.plover for c in cameo.values() if c.plover}), irregular, folders),
            first_names=load_first_names(folders), tone=load_tone(folders),
        )

    @functools.cached_property
    def patient_nouns(self) -> frozenset[str]:
        """Event nouns whose "of" phrase names who suffers the act, never who does it
        ("the bombing of Yemen", "criticism of Kenya"): convention ``of_target_noun``."""
        return frozenset(n for n, rows in self.verbs.by_noun.items()
                         if any(not p.prep and self.conventions.applies("of_target_noun", p.code) for p in rows))

    @staticmethod
    def default() -> RuleSet:
        """The package's own tables (loaded once per process)."""
        return _default()


@functools.lru_cache(maxsize=1)
def _default() -> RuleSet:
    return RuleSet.load()


def check_folder(d: str | Path) -> Path:
    """``d`` as a rules folder: it exists, is a folder, and holds only files we know."""
    p = Path(d)
    if not p.is_dir():
        raise RulesError(f"--rules {d}: no such folder: give a folder of rule tables "
                         f"({', '.join(TABLES[:4])}, ...)")
    unknown = sorted(f.name for f in p.iterdir()
                     if f.is_file() and f.suffix in (".tsv", ".txt") and f.name not in TABLES)
    if unknown:
        raise RulesError(f"--rules {d}: {', '.join(unknown)} is not a rule table tidings reads "
                         f"(the tables: {', '.join(TABLES)})")
    return p
