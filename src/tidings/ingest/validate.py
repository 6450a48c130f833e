"""Checks on article text and metadata: English, size, non-empty, ISO dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from tidings.ingest.errors import InputError

DEFAULT_MAX_CHARS = 2_000_000
MIN_ASCII_SHARE = 0.6
MIN_FUNCTION_SHARE = 0.04
MIN_ENGLISH_ONLY_SHARE = 0.02
MIN_TOKENS_FOR_WORD_TEST = 30

# Common English function words. Some are words of other languages too (German
# "in", "was", "will"; French "a", "on"; Dutch "is"), so a second, stricter share
# counts only the ENGLISH_ONLY ones: German or Spanish news clears the first
# threshold on "in" and "a" alone but not the second.
ENGLISH_ONLY = frozenset(
    """the of and to that this for with by from its he she they his her their said says
    not but or have has had would were been which who""".split()
)
FUNCTION_WORDS = ENGLISH_ONLY | frozenset("in a an is are was be on as at it will".split())

_TOKEN = re.compile(r"\w+", re.UNICODE)
_ISO_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


@dataclass(frozen=True)
class LanguageStats:
    """What the English heuristic looked at."""

    letters: int
    ascii_share: float  # ASCII letters among all letters
    latin_share: float  # Latin-script letters (ASCII or accented) among all letters
    tokens: int
    function_share: float  # common English function words among word tokens
    english_only_share: float  # function words that are not also words of other languages


def _is_latin(ch: str) -> bool:
    if ch.isascii():
        return True
    try:
        return unicodedata.name(ch).startswith("LATIN ")
    except ValueError:
        return False


def language_stats(text: str) -> LanguageStats:
    """Letter-script and function-word shares of ``text``."""
    if text.isascii():  # most English text: every letter is an ASCII letter
        n = ascii_n = latin_n = sum(map(str.isalpha, text))
    else:
        letters = [ch for ch in text if ch.isalpha()]
        n = len(letters)
        ascii_n = sum(1 for ch in letters if ch.isascii())
        latin_n = ascii_n + sum(1 for ch in letters if not ch.isascii() and _is_latin(ch))
    tokens = [t for t in _TOKEN.findall(text.casefold()) if not t.isdigit()]
    func = sum(1 for t in tokens if t in FUNCTION_WORDS)
    strict = sum(1 for t in tokens if t in ENGLISH_ONLY)
    return LanguageStats(
        letters=n,
        ascii_share=ascii_n / n if n else 0.0,
        latin_share=latin_n / n if n else 0.0,
        tokens=len(tokens),
        function_share=func / len(tokens) if tokens else 0.0,
        english_only_share=strict / len(tokens) if tokens else 0.0,
    )


def _english_ok(stats: LanguageStats) -> bool:
    if stats.letters == 0:
        return False
    if stats.tokens < MIN_TOKENS_FOR_WORD_TEST:
        return stats.latin_share >= MIN_ASCII_SHARE
    return (
        stats.ascii_share >= MIN_ASCII_SHARE
        and stats.function_share >= MIN_FUNCTION_SHARE
        and stats.english_only_share >= MIN_ENGLISH_ONLY_SHARE
    )


def detect_language_ok(text: str) -> bool:
    """Cheap test that ``text`` is English.

    Texts of 30 or more words need at least 60% ASCII letters among letters and at
    least 4% common English function words (the, of, and, in, a, said...) among
    tokens, at least 2% of them words that are not also common in other languages
    (the, of, and, said, but in, a, was); shorter texts pass when at least 60% of
    their letters are Latin script.
    """
    return _english_ok(language_stats(text))


def validate_article_text(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> None:
    """Raise :class:`InputError` unless ``text`` is a non-empty English body of sane size."""
    if not text or not text.strip():
        raise InputError(
            "empty article: no text is left after removing boilerplate: give the article body"
        )
    if len(text) > max_chars:
        raise InputError(
            f"article is {len(text):,} characters, over the limit of {max_chars:,}: "
            f"split it or raise the limit (--max-chars)"
        )
    stats = language_stats(text)
    if not _english_ok(stats):
        if stats.letters == 0:
            detail = "no letters at all"
        elif stats.tokens < MIN_TOKENS_FOR_WORD_TEST:
            detail = f"{stats.latin_share:.0%} Latin letters"
        else:
            detail = (
                f"{stats.ascii_share:.0%} ASCII letters, "
                f"{stats.function_share:.1%} common English words, "
                f"{stats.english_only_share:.1%} of them only English"
            )
        raise InputError(f"text does not look like English ({detail}): tidings codes English news")


def normalize_date(value: object, *, field: str = "date") -> str | None:
    """``value`` as ``YYYY-MM-DD`` (a trailing ISO time is dropped; a ``datetime.date``
    or ``datetime.datetime`` is taken as it is), None for None/"".

    Raises :class:`InputError` for a non-string or a string that is not an ISO date.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # from Python: a date or a datetime is fine
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise InputError(
            f"{field} must be a string 'YYYY-MM-DD', got {json_type(value)} {value!r:.40}"
        )
    text = value.strip()
    if not text:
        return None
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        raise InputError(f"{field} {text!r:.60} is not an ISO date: write it as YYYY-MM-DD")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise InputError(
            f"{field} {text!r:.60} is not a real calendar date: write it as YYYY-MM-DD"
        ) from None


def json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    return type(value).__name__
