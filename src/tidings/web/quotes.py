"""Short quotes with their sentence: "This is a small step" says little alone, so the
quotes list shows the sentence around it (cut from the article's text at the sentence
ends before and after the quote)."""

from __future__ import annotations

import re
from typing import Any

from tidings.store import queries

SHORT = 60  # characters: a quote shorter than this comes with its sentence
MOST = 400  # characters of sentence shown at most
_END = re.compile(r"[.!?][\"”’')\]]*(?=\s|$)|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding the span start..end (code points)."""
    begin = 0
    for m in _END.finditer(text, 0, start):
        begin = m.end()
    m = _END.search(text, end)
    return text[begin:m.end() if m else len(text)].strip()[:MOST]


def with_sentences(con: Any, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``items`` (quotes) with ``sentence_text`` for the short ones (None for the others)."""
    short = [(q["article_id"], q["idx"]) for q in items if len(q.get("text") or "") < SHORT]
    spans = queries.quote_spans(con, short) if short else {}
    for q in items:
        found = spans.get((q["article_id"], q["idx"]))
        q["sentence_text"] = sentence_around(*found) if found and found[0] else None
    return items
