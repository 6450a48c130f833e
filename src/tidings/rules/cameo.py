"""The CAMEO code table (``cameo.tsv``): names, Goldstein weights, PLOVER type, mode and
context, quad class."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.rules.tables import Row, TableError, load_table

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
COLUMNS = ("code", "name", "goldstein", "plover", "quad_class")


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover: str | None
    plover_mode: str | None
    plover_context: str | None
    quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def contexts(self) -> tuple[str, ...]:
        """The PLOVER contexts, ``plover_context`` split at semicolons."""
        return tuple(c.strip() for c in (self.plover_context or "").split(";") if c.strip())


def cameo_code(r: Row) -> CameoCode:
    """One row of ``cameo.tsv``; :class:`TableError` naming the line when it is wrong."""
    code = r["code"]
    if not (code.isdigit() and 2 <= len(code) <= 4):
        raise TableError(f"{r.where}: CAMEO code {code!r} is not 2 to 4 digits")
    plover = r["plover"] or None
    if plover is not None and plover not in PLOVER_TYPES:
        raise TableError(f"{r.where}: unknown PLOVER type {plover!r} (one of {', '.join(PLOVER_TYPES)})")
    try:
        goldstein, quad = float(r["goldstein"]), int(r["quad_class"])
    except ValueError as exc:
        raise TableError(f"{r.where}: {exc}") from None
    if not -10.0 <= goldstein <= 10.0 or quad not in (1, 2, 3, 4):
        raise TableError(f"{r.where}: Goldstein {goldstein} must be within -10..10 and quad class 1-4")
    return CameoCode(code, r["name"], goldstein, plover, r.get("plover_mode") or None,
                     r.get("plover_context") or None, quad)


def load_cameo(dirs: Sequence[Path] = ()) -> dict[str, CameoCode]:
    """CAMEO code -> its entry; a user's row for a code replaces the package's."""
    table: dict[str, CameoCode] = {}
    for r in reversed(load_table("cameo.tsv", COLUMNS, dirs)):  # the first row of a code wins
        table[r["code"]] = cameo_code(r)
    return dict(sorted(table.items()))
