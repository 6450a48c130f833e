"""The tone lexicon (``tone.tsv``): words and how positive (up to +4) or negative (down
to -4) they are, from which an article gets its tone (GDELT's AvgTone)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from tidings.rules.tables import TableError, load_table


def load_tone(dirs: Sequence[Path] = ()) -> dict[str, float]:
    """Lower-case word -> valence in [-4, 4] (a user's row first; a valence of 0 takes
    a package word out)."""
    out: dict[str, float] = {}
    for r in load_table("tone.tsv", ("word", "valence"), dirs):
        try:
            v = float(r["valence"])
        except ValueError:
            raise TableError(f"{r.where}: valence is a number from -4 to 4, not {r['valence']!r}") from None
        if not (math.isfinite(v) and -4 <= v <= 4):
            raise TableError(f"{r.where}: valence is a number from -4 to 4, not {r['valence']!r}")
        out.setdefault(r["word"].strip().lower(), v)
    return {w: v for w, v in out.items() if v}
