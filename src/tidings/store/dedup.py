"""Near-duplicate articles: syndicated copies of one story with different boilerplate.

Each article's cleaned text becomes a set of word 5-shingles; a MinHash signature of
that set is cut into bands (locality-sensitive hashing), and only the band hashes are
stored. An incoming article whose band hash equals a stored one is a candidate; the
candidate is confirmed by the exact Jaccard similarity of the two shingle sets
(``THRESHOLD``), so a band collision alone never links two articles.

With 20 bands of 3 rows, a pair at Jaccard 0.6 becomes a candidate with probability
0.99, a pair at 0.3 with 0.42 (then rejected by the exact check), unrelated news
(Jaccard < 0.05) almost never. Texts shorter than ``MIN_SHINGLES`` shingles are not
linked: a one-line item repeated is left to the id check.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

SHINGLE = 5
BANDS = 20
ROWS = 3
THRESHOLD = 0.6
MIN_SHINGLES = 8
_WORD = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)


def _params() -> tuple[np.ndarray, np.ndarray]:
    """Fixed multiply-shift hash parameters (derived from constants, not a random seed)."""
    raw = hashlib.sha256(b"tidings-minhash").digest()
    a, b = [], []
    for i in range(BANDS * ROWS):
        d = hashlib.sha256(raw + i.to_bytes(2, "big")).digest()
        a.append(int.from_bytes(d[:8], "big") | 1)
        b.append(int.from_bytes(d[8:16], "big"))
    return np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64)


_A, _B = _params()


def shingles(text: str) -> np.ndarray:
    """Distinct 64-bit hashes of the text's lower-cased word 5-grams."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(h) < SHINGLE:
        return np.unique(h)
    n = len(h) - SHINGLE + 1
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            acc = acc * np.uint64(1_000_003) + h[k:k + n]
    return np.unique(acc)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if not len(a) or not len(b):
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def band_hashes(sh: np.ndarray) -> list[int]:
    """One signed 63-bit hash per band of the MinHash signature (empty for short texts)."""
    if len(sh) < MIN_SHINGLES:
        return []
    with np.errstate(over="ignore"):
        sig = ((_A[:, None] * sh[None, :] + _B[:, None]) >> np.uint64(32)) & _MASK32
    mins = sig.min(axis=1)
    out = []
    for band in range(BANDS):
        chunk = mins[band * ROWS:(band + 1) * ROWS].tobytes()
        out.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big") >> 1)
    return out


@dataclass(frozen=True)
class Fingerprint:
    """What near-duplicate detection keeps of one article."""

    article_id: str
    shingles: np.ndarray
    bands: tuple[int, ...]


def fingerprint(article_id: str, text: str) -> Fingerprint:
    sh = shingles(text)
    return Fingerprint(article_id, sh, tuple(band_hashes(sh)))


def link(items: Sequence[Fingerprint], stored_candidates: dict[tuple[int, int], list[str]],
         stored_text: dict[str, str],
         pending: dict[tuple[int, int], list[Fingerprint]] | None = None) -> dict[str, str]:
    """Which of ``items`` duplicate an earlier article: {article id: canonical id}.

    ``stored_candidates`` maps (band, hash) to stored canonical article ids that share
    it; ``stored_text`` gives those articles' texts. Items are taken in order, so an
    item can also duplicate an earlier item of the same batch, or one in ``pending``
    (articles read but not stored yet, by band), to which the new canonical items are
    added."""
    dup_of: dict[str, str] = {}
    batch_bands = pending if pending is not None else {}
    stored_sh: dict[str, np.ndarray] = {}
    for fp in items:
        best, best_j = None, THRESHOLD
        seen: set[str] = set()
        for key in enumerate(fp.bands):
            for cid in stored_candidates.get(key, ()):
                if cid in seen or cid == fp.article_id or cid not in stored_text:
                    continue
                seen.add(cid)
                if cid not in stored_sh:
                    stored_sh[cid] = shingles(stored_text[cid])
                j = jaccard(fp.shingles, stored_sh[cid])
                if j >= best_j:
                    best, best_j = cid, j
            for other in batch_bands.get(key, ()):
                if other.article_id in seen:
                    continue
                seen.add(other.article_id)
                j = jaccard(fp.shingles, other.shingles)
                if j >= best_j:
                    best, best_j = other.article_id, j
        if best is not None:
            dup_of[fp.article_id] = best
        else:
            for key in enumerate(fp.bands):
                batch_bands.setdefault(key, []).append(fp)
    return dup_of


def band_rows(items: Iterable[Fingerprint], skip: set[str] | dict[str, str]) -> list[tuple[str, int, int]]:
    """(article id, band, hash) rows to store for the canonical articles of ``items``."""
    return [(fp.article_id, band, h) for fp in items if fp.article_id not in skip
            for band, h in enumerate(fp.bands)]
