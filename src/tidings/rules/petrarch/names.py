"""Names: the news-case surface form of a PETRARCH phrase (``KOFI_ANNAN_`` -> "Kofi Annan",
acronyms kept in capitals), the words of a name, and what makes a name unusable."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tidings.rules.petrarch.reading import Form
from tidings.rules.petrarch.report import Tally

LOWER_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "by", "with", "de", "du",
               "des", "da", "do", "dos", "das", "del", "della", "di", "der", "den", "van", "von",
               "la", "le", "les", "y", "bin", "ibn", "al", "el", "ul"}
LOWER_SEGMENTS = {"i", "e", "ul", "ud", "ad", "o", "a", "de", "du", "des", "la", "le", "sur", "en"}
KNOWN_ACRONYMS = {"UN", "US", "UK", "EU", "AU", "UAE", "USA", "USSR", "NATO", "OPEC", "ASEAN", "IMF"}
ABBREVIATIONS = {"MR", "MRS", "MS", "DR", "JR", "SR", "ST", "MT", "FT", "LT", "SGT", "PT"}

_CONTROL = re.compile(r"[\x00-\x1f\x7f|]")


def clean(raw: str) -> str:
    return " ".join(raw.replace("’", "'").replace("_", " ").split())


def _is_stem(raw: str) -> bool:
    return not raw.rstrip().endswith("_")


def stem_caveats(forms: Iterable[Form], tally: Tally) -> None:
    """Count the TABARI stems ("KURD" also matched "KURDISH") that tidings matches as words."""
    for f in forms:
        if _is_stem(f.raw):
            tally.caveat("stem matched as a whole word", f.where, f.raw)


def text_problem(text: str) -> str | None:
    if not text:
        return "empty name"
    return "control character or | in a name" if _CONTROL.search(text) else None


def surface(raw: str, kind: str) -> str:
    """A news-case surface form of a PETRARCH phrase; kind is person, organisation or place."""
    words = clean(raw).split(" ")
    alone = len(words) == 1
    return " ".join(_case(w, i, alone, kind) for i, w in enumerate(words))


def _case(word: str, i: int, alone: bool, kind: str) -> str:
    if _keep_capitals(word, alone, kind):
        return word.upper()
    low = word.lower()
    if i > 0 and low in LOWER_WORDS:
        return low
    segments = low.split("-")
    out = []
    for k, seg in enumerate(segments):
        lower = (k > 0 and seg in LOWER_SEGMENTS) or (k == 0 and i > 0 and seg in ("al", "el")
                                                      and len(segments) > 1)
        out.append(seg if lower else _capital(seg))
    return "-".join(out)


def _capital(seg: str) -> str:
    if seg.startswith("mc") and len(seg) > 3:
        return "Mc" + seg[2:].capitalize()
    head, apostrophe, tail = seg.partition("'")
    if apostrophe and len(head) == 1 and tail:
        return head.upper() + "'" + tail.capitalize()  # O'Brien, D'Escoto
    first = next((i for i, c in enumerate(head) if c.isalpha()), 0)  # "(kinshasa)"
    return head[:first] + head[first:first + 1].upper() + head[first + 1:] + apostrophe + tail


def _keep_capitals(word: str, alone: bool, kind: str) -> bool:
    letters = [c for c in word.upper() if c.isalpha()]
    if not letters or re.search(r"\w\.\w", word) or word.upper() in KNOWN_ACRONYMS:
        return True
    vowels = sum(1 for c in letters if c in "AEIOUY")
    if _no_vowel(word, letters, vowels):
        return True
    return alone and _short_name(len(letters), vowels, kind)


def _no_vowel(word: str, letters: list[str], vowels: int) -> bool:
    """Two or more letters, none a vowel ("DPRK", "BBC"), and not an abbreviation ("Mr")."""
    ascii_only = all(c.isascii() for c in letters)
    return (len(letters) >= 2 and vowels == 0 and ascii_only
            and word.upper().strip(".") not in ABBREVIATIONS)


def _short_name(n: int, vowels: int, kind: str) -> bool:
    """A whole name short enough to be an acronym: NATO, UNHCR (not Hamas), UAE."""
    if kind == "organisation":
        return n <= 4 or (n == 5 and vowels <= 1)
    return kind == "place" and n <= 3


def word_set(raw: str) -> set[str]:
    return set(re.split(r"[\s_\-]+", raw.upper().replace("’", "'")))
