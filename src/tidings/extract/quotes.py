"""Quotations and who said them.

Quote spans come from the quotation marks in the text (curly or straight, balanced
within a paragraph). The speaker is found on the parse: from the quoted words we walk
up the dependency tree to a reporting verb outside the quote (``data/cue_verbs.txt``)
and take its subject, resolving "he"/"she" through :class:`tidings.coding.drafts.Salience`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tidings.model import Sentence

_QUOTE_PATTERNS = (
    re.compile(r"“([^“”\n]{1,3000}?)”"),
    re.compile(r"(?<![A-Za-z0-9])\"([^\"\n]{1,3000}?)\"(?![A-Za-z0-9])"),
    re.compile(r"«([^«»\n]{1,3000}?)»"),
)
MAX_QUOTES = 2000


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first character inside the marks
    end: int  # end of the quoted words (exclusive), before the closing mark
    text: str


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted stretch of ``text`` (without the marks), in order, non-overlapping."""
    found: list[QuoteSpan] = []
    taken: list[tuple[int, int]] = []
    for pat in _QUOTE_PATTERNS:
        for m in pat.finditer(text):
            s, e = m.start(1), m.end(1)
            inner = m.group(1)
            if not inner.strip() or any(s < te and ts < e for ts, te in taken):
                continue
            lead = len(inner) - len(inner.lstrip())
            # the comma before the closing mark belongs to the reporting sentence
            trail = len(inner) - len(inner.rstrip().rstrip(",;:").rstrip())
            if lead + trail >= len(inner):
                continue
            found.append(QuoteSpan(s + lead, e - trail, inner[lead : len(inner) - trail]))
            taken.append((s, e))
            if len(found) >= MAX_QUOTES:
                break
    found.sort(key=lambda q: q.start)
    return found


def sentence_of(sentences: Sequence[Sentence], pos: int) -> int | None:
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if pos < s.start:
            hi = mid - 1
        elif pos >= s.end:
            lo = mid + 1
        else:
            return mid
    return None


def find_cue(doc, q_start: int, q_end: int, cues: frozenset[str],  # noqa: ANN001, ANN201
             quoted: Sequence[tuple[int, int]] = ()):
    """The reporting verb that governs the quote at sentence offsets [q_start, q_end).

    ``quoted`` are all quoted stretches of the sentence: a verb inside any quote is
    never the cue ("to “underscore America's commitment” and ... “full commitment”").
    """
    inside = {t.i for t in doc if q_start <= t.idx < q_end}
    in_any = {t.i for t in doc for s, e in quoted if s <= t.idx < e} | inside
    if inside:
        anchors = [doc[i] for i in sorted(inside) if doc[i].head.i not in inside or doc[i].head.i == i]
        for a in anchors:
            t = a
            for _ in range(8):
                if t.i not in in_any and t.pos_ == "VERB" and t.lemma_.lower() in cues:
                    return t
                if t.head.i == t.i:
                    break
                t = t.head
    # a cue verb elsewhere in the sentence, outside the quote, nearest to it
    outside = [t for t in doc if t.i not in in_any and t.pos_ == "VERB" and t.lemma_.lower() in cues]
    if outside:
        return min(outside, key=lambda t: min(abs(t.idx - q_start), abs(t.idx - q_end)))
    return None
