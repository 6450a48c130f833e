"""Calibrated confidence (``calibration.tsv``): what an event's raw score means.

The coder scores each event as it codes it: the patterns start at 0.9 and take off for
a pronoun, a missing target, a side clause; the event detector gives its probability.
Those raw scores rank events but do not say how often such events are right. The table
maps a raw score, by what made the event (``patterns`` or ``model``), to the share of
such events that were right on gold data, so that an event at 0.9 is right about 90 %
of the time. ``tidings eval SETS --fit-calibration FILE`` writes the table from gold
sets; a user's table in a ``--rules`` folder takes the package's place.

Columns: ``kind`` (patterns | model), ``low`` and ``high`` (the raw range, low
inclusive), ``confidence`` (the calibrated value), ``n`` (gold events behind it).
A raw score outside every row of its kind keeps its value.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.rules.tables import TableError, load_table

COLUMNS = ("kind", "low", "high", "confidence", "n")
KINDS = ("patterns", "model", "trigger")


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    confidence: float
    n: int


@dataclass(frozen=True)
class Calibration:
    bands: dict[str, tuple[Band, ...]]  # kind -> bands sorted by low

    def __call__(self, kind: str, raw: float) -> float:
        bands = self.bands.get(kind, ())
        i = bisect.bisect_right([b.low for b in bands], raw) - 1
        if i >= 0 and raw < bands[i].high:
            return bands[i].confidence
        return raw

    @staticmethod
    def identity() -> Calibration:
        return Calibration({})

    @staticmethod
    def kind_of(rule: str) -> str:
        if rule.startswith("model:"):
            return "model"
        return "trigger" if rule.startswith("triggers.tsv ") else "patterns"


def load_calibration(dirs: Sequence[Path] = ()) -> Calibration:
    bands: dict[str, list[Band]] = {k: [] for k in KINDS}
    for r in load_table("calibration.tsv", COLUMNS, dirs):
        if r["kind"] not in KINDS:
            raise TableError(f"{r.where}: kind must be one of {', '.join(KINDS)}, not {r['kind']!r}")
        try:
            band = Band(float(r["low"]), float(r["high"]), float(r["confidence"]), int(r["n"]))
        except ValueError as exc:
            raise TableError(f"{r.where}: low, high and confidence are numbers, n a count ({exc})") from None
        if not (0.0 <= band.low < band.high <= 1.0001 and 0.0 <= band.confidence <= 1.0):
            raise TableError(f"{r.where}: need 0 <= low < high <= 1 and a confidence from 0 to 1")
        if any(b.low < band.high and band.low < b.high for b in bands[r["kind"]]):
            continue  # a user's row (read first) covers this range already
        bands[r["kind"]].append(band)
    return Calibration({k: tuple(sorted(v, key=lambda b: b.low)) for k, v in bands.items()})


def fit(pairs: Iterable[tuple[str, float, bool]], width: float = 0.05, min_n: int = 10) -> Calibration:
    """Bands from (kind, raw score, right) triples: raw scores in bins of ``width``, bins
    with fewer than ``min_n`` events merged into their neighbour, the share right
    smoothed ((right + 1) / (n + 2)) and made non-decreasing (pool adjacent violators),
    so a higher raw score never means a lower confidence."""
    by_kind: dict[str, dict[int, list[int]]] = {}
    for kind, raw, right in pairs:
        b = min(int(raw / width + 1e-9), int(round(1 / width)) - 1)
        cell = by_kind.setdefault(kind, {}).setdefault(b, [0, 0])
        cell[0] += 1
        cell[1] += bool(right)
    out: dict[str, tuple[Band, ...]] = {}
    for kind, cells in by_kind.items():
        if sum(n for n, _ in cells.values()) < 3 * min_n:
            continue  # too few events of this kind to say anything: their raw scores stay
        groups = _merge_small([(b * width, (b + 1) * width, n, r) for b, (n, r) in sorted(cells.items())],
                              min_n)
        out[kind] = tuple(_monotone(groups))
    return Calibration(out)


def _merge_small(groups: list[tuple[float, float, int, int]], min_n: int) -> list[tuple[float, float, int, int]]:
    merged: list[tuple[float, float, int, int]] = []
    for g in groups:
        if merged and (merged[-1][2] < min_n or g[2] < min_n):
            lo, _, n, r = merged.pop()
            g = (lo, g[1], n + g[2], r + g[3])
        merged.append(g)
    return merged


def _monotone(groups: list[tuple[float, float, int, int]]) -> list[Band]:
    blocks: list[list] = []  # [low, high, n, right]
    for lo, hi, n, r in groups:
        blocks.append([lo, hi, n, r])
        while len(blocks) > 1 and _share(blocks[-2]) > _share(blocks[-1]):
            last = blocks.pop()
            blocks[-1] = [blocks[-1][0], last[1], blocks[-1][2] + last[2], blocks[-1][3] + last[3]]
    # contiguous bands: each reaches the next one's low; the last one reaches 1
    highs = [nxt[0] for nxt in blocks[1:]] + [1.0001]
    return [Band(round(b[0], 4), round(h, 4), round(_share(b), 3), b[2]) for b, h in zip(blocks, highs, strict=True)]


def _share(block: Sequence) -> float:
    return (block[3] + 1) / (block[2] + 2)


def to_tsv(cal: Calibration, note: str = "") -> str:
    lines = ["# calibrated confidence: raw score range of an event -> share right on gold data",
             *(f"# {line}" for line in note.splitlines() if line),
             "\t".join(COLUMNS)]
    for kind in KINDS:
        for b in cal.bands.get(kind, ()):
            lines.append(f"{kind}\t{b.low:g}\t{b.high:g}\t{b.confidence:g}\t{b.n}")
    return "\n".join(lines) + "\n"
