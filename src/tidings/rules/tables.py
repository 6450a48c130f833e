"""Our data tables: TSV files in ``tidings/data``, schema-checked on load.

Every table is UTF-8 TSV with ``#`` comment lines and one header line. A file whose
header or rows do not fit its schema raises :class:`TableError` naming the file and
line, so a broken dictionary edit is caught at load time, not by odd output.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


class TableError(ValueError):
    """A data table is malformed."""


def data_path(name: str) -> Path:
    return Path(str(resources.files("tidings.rules") / "data" / name))


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key, default) or default

    def many(self, key: str) -> list[str]:
        return [v.strip() for v in self.values.get(key, "").split("|") if v.strip()]


def read_tsv(path: str | Path, required: tuple[str, ...]) -> list[Row]:
    """Read a TSV table, checking that ``required`` columns exist and rows are complete."""
    p = Path(path) if isinstance(path, Path) or "/" in str(path) else data_path(str(path))
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise TableError(f"data table missing: {p}") from exc
    header: list[str] | None = None
    rows: list[Row] = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise TableError(f"{p.name}:{n}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise TableError(f"{p.name}:{n}: {len(cells)} cells, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append(Row(n, {h: c.strip() for h, c in zip(header, cells, strict=False)}))
    if header is None:
        raise TableError(f"{p.name}: no header line")
    return rows


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


@functools.lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """CAMEO code -> names, Goldstein, PLOVER type and quad class (``data/cameo.tsv``)."""
    table: dict[str, CameoCode] = {}
    for r in read_tsv("cameo.tsv", ("code", "name", "goldstein", "plover", "quad_class")):
        try:
            table[r["code"]] = CameoCode(
                r["code"], r["name"], float(r["goldstein"]), r["plover"] or None,
                r.get("plover_mode") or None, r.get("plover_context") or None,
                int(r["quad_class"]),
            )
        except ValueError as exc:
            raise TableError(f"cameo.tsv:{r.line}: {exc}") from exc
    return table


PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
