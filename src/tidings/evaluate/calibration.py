"""Does an event's confidence say how often such events are right?

Every scored event gives a pair (confidence, right). Pairs fall in ten bins of confidence;
a calibrated coder's share of right events in each bin is near the bin's mean confidence.
The expected calibration error (ECE) is the mean gap, weighted by how many events fall in
each bin. On development sets that label one main event per sentence, "right" is a lower
bound (an event the annotators did not label counts as wrong), and so is each bin's share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    n: int
    mean_confidence: float
    right: float  # share of the bin's events that were right

    def as_dict(self) -> dict[str, float | int | str]:
        return {"bin": f"{self.low:.1f}-{self.high:.1f}", "n": self.n,
                "confidence": round(self.mean_confidence, 3), "right": round(self.right, 3)}


@dataclass(frozen=True)
class Reliability:
    bins: tuple[Bin, ...]
    n: int
    ece: float  # expected calibration error

    def as_dict(self) -> dict[str, object]:
        return {"n": self.n, "ece": round(self.ece, 3), "bins": [b.as_dict() for b in self.bins]}


def reliability(pairs: Iterable[tuple[float, bool]], bins: int = 10) -> Reliability:
    """Bin (confidence, right) pairs; only bins that hold events are listed."""
    groups: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for conf, right in pairs:
        c = min(max(float(conf), 0.0), 1.0)
        groups[min(int(c * bins), bins - 1)].append((c, bool(right)))
    n = sum(len(g) for g in groups)
    out = []
    gap = 0.0
    for i, g in enumerate(groups):
        if not g:
            continue
        mean = sum(c for c, _ in g) / len(g)
        share = sum(r for _, r in g) / len(g)
        gap += len(g) * abs(mean - share)
        out.append(Bin(i / bins, (i + 1) / bins, len(g), mean, share))
    return Reliability(tuple(out), n, gap / n if n else 0.0)
