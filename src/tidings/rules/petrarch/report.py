"""What the import tells its user: :class:`PetrarchError` for an input it cannot use at all,
the :class:`Tally` of refused entries and caveats (with a few examples each) and the
:class:`ImportReport` made from it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

EXAMPLES = 5


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
class Tally:
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
