"""Event trigger words (``triggers.tsv``): the words that can carry an event of each
PLOVER type ("torched", "rallied", "air strikes"). The event detector codes a sentence for
a type only when one of that type's words stands in it, so this table bounds what the
model may find; the classifier still decides whether the sentence reports such an event.
Verbs are listed as lemmas and get their inflections, nouns get their plurals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tidings.rules.tables import TableError, load_table
from tidings.rules.verbs import inflections

COLUMNS = ("plover", "pos", "word")
POS = ("verb", "noun")


@dataclass(frozen=True)
class Triggers:
    by_type: dict[str, frozenset[str]]  # PLOVER type -> word forms (verbs and nouns), lower case
    any: frozenset[str]  # every form of every type
    verbs: dict[str, frozenset[str]] = field(default_factory=dict)  # PLOVER type -> verb forms
    nouns: dict[str, frozenset[str]] = field(default_factory=dict)  # PLOVER type -> noun forms

    def of(self, plover: str) -> frozenset[str]:
        return self.by_type.get(plover, frozenset())

    def types_of(self, word: str, pos: str) -> tuple[str, ...]:
        """The PLOVER types listing ``word`` (lower case) as a ``pos`` (verb | noun)."""
        if word not in self.any:
            return ()
        table = self.verbs if pos == "verb" else self.nouns
        return tuple(p for p, words in table.items() if word in words)


def plurals(noun: str) -> set[str]:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return {noun, noun + "es"}
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return {noun, noun[:-1] + "ies"}
    return {noun, noun + "s"}


def load_triggers(plover_types: Sequence[str], irregular: Mapping[str, tuple[str, ...]],
                  dirs: Sequence[Path] = ()) -> Triggers:
    out: dict[str, dict[str, set[str]]] = {"verb": {}, "noun": {}}
    for r in load_table("triggers.tsv", COLUMNS, dirs):
        where = f"{r.where}: "
        if r["plover"] not in plover_types:
            raise TableError(f"{where}unknown PLOVER type {r['plover']!r} "
                             f"(one of {', '.join(sorted(plover_types))})")
        if r["pos"] not in POS:
            raise TableError(f"{where}pos must be verb or noun, not {r['pos']!r}")
        word = r["word"].strip().lower()
        if not word or " " in word:
            raise TableError(f"{where}one word per row, not {r['word']!r}")
        forms = inflections(word, irregular) if r["pos"] == "verb" else plurals(word)
        out[r["pos"]].setdefault(r["plover"], set()).update(forms)
    verbs = {k: frozenset(v) for k, v in out["verb"].items()}
    nouns = {k: frozenset(v) for k, v in out["noun"].items()}
    by_type = {k: verbs.get(k, frozenset()) | nouns.get(k, frozenset()) for k in {*verbs, *nouns}}
    return Triggers(by_type, frozenset().union(*by_type.values()) if by_type else frozenset(), verbs, nouns)
