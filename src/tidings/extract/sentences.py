"""Our own sentence splitter: exact character spans, decided before any parse, so that the
pipeline can choose which sentences are worth parsing."""

from __future__ import annotations

import re
from collections.abc import Collection

from tidings.model import Sentence

# a sentence ends at . ! ? (plus closing quotes/brackets) followed by space and a capital,
# digit or opening quote; or at a line break.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_NEWLINE = re.compile(r"\n+")
_COUNTRY_INITIALS = frozenset({"us", "un", "uk", "eu"})


def split_sentences(text: str, abbreviations: Collection[str]) -> list[Sentence]:
    """Split ``text`` into sentences with exact character spans.

    Lines are always boundaries (paragraphs, headings). Inside a line a boundary is
    sentence-final punctuation followed by whitespace and an upper-case letter, a digit
    or an opening quote, unless the word before the period is one of ``abbreviations``
    (the rule set's lexicon) or a single capital letter ("N. Korea", "U.S. troops").
    """
    out: list[Sentence] = []
    pos = 0
    for line in _NEWLINE.split(text):
        start = text.find(line, pos) if line else pos
        pos = start + len(line)
        if not line.strip():
            continue
        cut = 0
        for m in _END.finditer(line):
            if m.group().startswith(".") and _is_abbreviation(line, m.start(), abbreviations):
                continue
            _add(out, text, start + cut, start + m.end())
            cut = m.end()
        _add(out, text, start + cut, start + len(line))
    return out


def _is_abbreviation(line: str, dot: int, abbreviations: Collection[str]) -> bool:
    word = re.search(r"([A-Za-z.]+)$", line[max(0, dot - 64):dot])  # a window: linear per line
    if not word:
        return False
    w = word.group(1).lower().rstrip(".")
    if len(w) == 1:
        return True
    return w in abbreviations or w.replace(".", "") in _COUNTRY_INITIALS


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end]))
