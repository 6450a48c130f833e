"""First names and the sex most of their bearers have (``first_names.tsv``), so that "she"
is not taken for the last man named."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from tidings.rules.tables import TableError, load_table


def load_first_names(dirs: Sequence[Path] = ()) -> dict[str, str]:
    """Lower-case first name -> "m" or "f" (a user's row first)."""
    out: dict[str, str] = {}
    for r in load_table("first_names.tsv", ("name", "sex"), dirs):
        sex = r["sex"].strip().lower()
        if sex not in ("m", "f"):
            raise TableError(f"{r.where}: sex is m or f, not {r['sex']!r}")
        out.setdefault(r["name"].strip().lower(), sex)
    return out


def sex_of(name: str, first_names: Mapping[str, str], family_first: Collection[str] = ()) -> str | None:
    """"m", "f" or None (unknown) for a person's full name: by its first word, when the
    name has two words or more and does not open with a family name ("Kim Jong Un")."""
    words = name.split()
    if len(words) < 2 or words[0] in family_first:
        return None
    return first_names.get(words[0].lower().rstrip("."))
