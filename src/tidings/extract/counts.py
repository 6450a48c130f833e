"""Numbers about things: "Some 47,000 US troops", "at least 12 people", "hundreds of
protesters", with what is counted and, when the clause says, where.

Regexes and word lists only (no spaCy parse). Decisions:

* ``text`` is the number as written with its qualifier: "Some 47,000", "at least 12",
  "another 28,500", "1.5 million", "a dozen", "hundreds".
* Vague quantities get documented lower-bound values: dozens = 24, scores = 40,
  hundreds = 100, thousands = 1000, tens of thousands = 10000, hundreds of thousands
  = 100000, millions = 1e6, billions = 1e9; "a few hundred" = 2 x 100, "several
  thousand" = 3 x 1000; "a dozen" = 12, "half a dozen" = 6.
* Not counts: years, dates ("Feb. 3", "3 February"), times ("10 a.m.", "10:30"),
  percentages, money ("$5 million", "5 million dollars"), durations and ages ("five
  years ago", "a 35-year-old", "10-day"), measurements ("50 km", "3 tonnes"),
  identifiers ("Article 5", "Resolution 2270", "F-35", "G20", "Article Five").
* What is counted: up to 4 following words, stopping at verbs, prepositions and
  punctuation and ending at the first plural head ("US troops", "atomic tests");
  "hundreds of protesters" reads past "of". Capitalised words are kept only as modifiers
  ("US troops", "North Korean soldiers") or as a plural head ("Americans").
* Elliptical counts inherit what the previous count in the same sentence counted
  ("another 28,500 in South Korea" -> "US troops"); a count with nothing to count and
  nothing to inherit is dropped.
* Location: the first "in/at/near/... <Capitalised place>" in the count's clause (after
  the count, else before it), mapped to ISO alpha-3 by ``country_of`` (the rule set's
  country authority).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from tidings.model import Count, Sentence

__all__ = ["find_counts"]

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
           "billion": 1_000_000_000, "trillion": 1_000_000_000_000}  # fmt: skip
_VAGUE = {"dozens": 24, "scores": 40, "tens": 10, "hundreds": 100, "thousands": 1_000,
          "millions": 1_000_000, "billions": 1_000_000_000}  # fmt: skip

_QUAL = (
    r"some|about|around|roughly|approximately|nearly|almost|over|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|at\s+most|up\s+to|as\s+many\s+as|as\s+few\s+as|close\s+to|"
    r"upwards\s+of|just\s+over|just\s+under|well\s+over|an\s+estimated|another|"
    r"an\s+additional|additional|a\s+further|a\s+total\s+of|estimated|only|just|"
    r"the\s+remaining|under|below|above|some\s+other"
)
_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_SCALE = r"hundred|thousand|million|billion|trillion"
_RE_NUMBER = re.compile(
    rf"(?:\b(?P<q>(?i:{_QUAL}))\s+)?(?P<num>"
    r"(?P<vague>\b(?i:tens|hundreds|thousands|millions|billions|dozens|scores)"
    r"(?:\s+of\s+(?i:thousands|millions))?)(?=\s+of\b)"
    rf"|(?P<fs>\b(?i:several|a\s+few))\s+(?P<fsscale>(?i:dozen|{_SCALE}))\b"
    rf"|(?P<a>\b(?i:a|an|half\s+a))\s+(?P<ascale>(?i:dozen|{_SCALE}))\b"
    r"|(?<![\w$€£¥#.,/:\-])(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?![\w%/]|[.,:]\d)(?:\s+(?P<dscale>(?i:{_SCALE}))\b)?"
    rf"|(?P<word>\b(?i:{_WORDS}))(?:-(?P<w2>(?i:one|two|three|four|five|six|seven|eight|nine)))?"
    rf"\b(?!-)(?:\s+(?P<wscale>(?i:dozen|{_SCALE}))\b)?"
    r")"
)
_RE_RANGE = re.compile(
    r"\s*(?:-|–|to|or)\s*(\d{1,3}(?:,\d{3})+|\d+)(?![\w%/]|[.,:]\d)(?:\s+(" + _SCALE + r")\b)?"
)
_RE_TAIL_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\S")
_RE_OF = re.compile(r"\s+of\s+(?:(?:the|those|these|their|its|our|whom|them)\b\s*)?")
_RE_MONTH_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*$"
)
_RE_MONTH_AFTER = re.compile(
    r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
)
_RE_TIME_AFTER = re.compile(
    r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|hrs\b|o['’]clock|local\s+time|h\b)", re.IGNORECASE
)
_RE_PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per\s+cent\b|percentage\b|pct\b)", re.I)
_RE_MONEY_BEFORE = re.compile(r"(?:[$€£¥₩]|US\$|USD|EUR|Rs\.?|RMB|HK\$|A\$|C\$)\s*$")
_RE_PLACE = re.compile(
    r"\b(?:in|inside|across|throughout|within|near|at|on|to|into)\s+(?:the\s+)?"
    r"(?P<p>(?:[A-Z]\.){2,}|[A-Z][\w'’\-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’\-]*){0,4})"
)
_RE_PREV_WORD = re.compile(r"([A-Za-z][\w.'’]*)\s$")
_RE_INTRO_PLACE = re.compile(
    r"\W*(?:In|At|Across|Throughout|Inside)\s+(?:the\s+)?"
    r"(?P<p>(?:[A-Z]\.){2,}|[A-Z][\w'’\-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’\-]*){0,4}),"
)
_RE_CLAUSE_END = re.compile(r"[;:]|,(?!\d{3})|\s[-–—]\s|\b(?:while|whereas|but)\b")

_CURRENCIES = frozenset(
    "dollar dollars euro euros yen won pound pounds yuan renminbi rupee rupees ruble rubles "
    "rouble roubles peso pesos franc francs dinar dinars riyal riyals rial rials shekel "
    "shekels lira liras usd eur gbp jpy krw cny bucks cents baht ringgit rand naira".split()
)
_TIME_UNITS = frozenset(
    "year years month months week weeks day days hour hours minute minutes second seconds "
    "decade decades century centuries night nights morning mornings weekend weekends "
    "quarter quarters term terms time times round-the-clock".split()
)
_MEASURES = frozenset(
    "km kms kilometer kilometers kilometre kilometres mile miles meter meters metre metres "
    "m cm mm ft feet foot inch inches yard yards kg kgs kilogram kilograms gram grams g lb "
    "lbs ton tons tonne tonnes degree degrees mph kph km/h acre acres hectare hectares sq "
    "square magnitude points point percent pct litre litres liter liters gallon gallons "
    "knots mw gw kw megawatts watts volts bpd kt megatons kilotons per cubic".split()
)
_STOP = frozenset(
    """a an the this that these those his her its their our my your some any each every no
    of in on at to from by with for into onto over under about around near across against
    between among during after before since until through throughout via per than as like
    without within toward towards upon off out up down including outside inside behind
    beyond beside besides along amid amidst and or but nor so yet while whereas because
    although though if when where who whom whose which what why how whether
    is are was were be been being am have has had having do does did will would shall
    should can could may might must said say says told tell according reported died
    remain remains remained stay stayed live lived lives stand stood face faced fled
    there here then now also still already only just even reportedly allegedly currently
    again ago later earlier more less most least many much few several all both either
    neither other another such same own very too not never ever they them he she it we
    you i me him us""".split()
)
_IRREGULAR_PLURALS = frozenset(
    "people men women children police personnel staff cattle sheep fish aircraft deer "
    "militia crew media livestock infantry cavalry clergy youth poultry swine".split()
)
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ics", "news")
_CAPITALISED_MODIFIERS_MAX = 2


def _to_float(digits: str) -> float:
    return float(digits.replace(",", ""))


def _value(m: re.Match[str]) -> float | None:
    """The number a match stands for; None when it is no count ("2.5") or has no finite
    value (a digit string hundreds of digits long)."""
    v = _raw_value(m)
    return v if v is not None and math.isfinite(v) else None


def _raw_value(m: re.Match[str]) -> float | None:
    if m.group("vague"):
        words = m.group("vague").lower().split()
        value = float(_VAGUE[words[0]])
        if len(words) == 3:  # "tens of thousands", "hundreds of millions"
            value *= _SCALES[words[2].rstrip("s")]
        return value
    if m.group("fs"):
        mult = 2 if m.group("fs").lower().startswith("a") else 3
        return float(mult * _SCALES[m.group("fsscale").lower()])
    if m.group("a"):
        base = float(_SCALES[m.group("ascale").lower()])
        return base / 2 if m.group("a").lower().startswith("half") else base
    if m.group("digits"):
        v = _to_float(m.group("digits"))
        scale = m.group("dscale")
        if scale:
            return v * _SCALES[scale.lower()]
        return v if v.is_integer() else None  # "2.5" alone is a measure, not a count
    v = float(_UNITS[m.group("word").lower()])
    if m.group("w2"):
        v += _UNITS[m.group("w2").lower()]
    if m.group("wscale"):
        v *= _SCALES[m.group("wscale").lower()]
    return v


def _next_words(text: str, pos: int, end: int, n: int = 8) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for t in _RE_TAIL_TOKEN.finditer(text, pos, min(end, pos + 120)):
        out.append((t.start(), t.end(), t.group(0)))
        if len(out) >= n:
            break
    return out


def _is_plural(word: str) -> bool:
    w = word.lower().rstrip("'’")
    if w in _IRREGULAR_PLURALS:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(_NOT_PLURAL_ENDINGS)


def _noun_phrase(text: str, pos: int, end: int, plural: bool) -> tuple[str, int]:
    """The counted noun phrase starting at ``pos``: (words, end offset); ("", pos) if none."""
    words: list[tuple[int, int, str]] = []
    caps = 0
    for s, e, w in _next_words(text, pos, end):
        if not (w[0].isalpha()):
            break  # punctuation or digits end the phrase
        low = w.lower()
        if w[0].isupper():
            caps += 1
            if caps > _CAPITALISED_MODIFIERS_MAX or (low in _STOP and not w.isupper()):
                break
            words.append((s, e, w))
            if _is_plural(w) and not w.isupper():
                break  # "Americans", "Marines"
            continue
        if low in _STOP or (low.endswith("ly") and len(low) > 5):
            break
        words.append((s, e, w))
        if plural and _is_plural(w):
            break
        if len(words) >= 4:
            break
    # drop a dangling tail: verbs in -ed/-ing, capitalised words without a lowercase head
    while words:
        w = words[-1][2]
        low = w.lower()
        if w[0].isupper() and not _is_plural(w):
            words.pop()
        elif len(words) > 0 and (low.endswith("ed") or low.endswith("ing")) and low not in {
            "offspring", "wedding", "building", "bombing", "shooting", "killing", "sibling",
            "dwelling", "meeting", "hearing", "uprising", "briefing", "landing", "outing",
            "ceiling", "opening", "ring", "king", "thing", "wing", "string", "spring",
        }:
            words.pop()
        else:
            break
    if not words:
        return "", pos
    return text[words[0][0] : words[-1][1]], words[-1][1]


def _skip(text: str, m: re.Match[str], s0: int, s1: int) -> bool:
    """True for numbers that are not counts: years, dates, times, money, identifiers."""
    a, b = m.start("num"), m.end("num")
    before = text[max(s0, a - 12) : a]
    after = text[b : min(s1, b + 24)]
    return (
        _is_measure(before, after)
        or _is_date_or_number_label(m, before, after)
        or _is_name_or_idiom(text, m, s0, after)
    )


def _is_measure(before: str, after: str) -> bool:
    """Money, percentages, clock times, compound modifiers and units: "$10", "10 a.m."."""
    if _RE_MONEY_BEFORE.search(before) or _RE_PERCENT_AFTER.match(after):
        return True
    if _RE_TIME_AFTER.match(after):
        return True  # "10 a.m."
    if after[:1] in {"-", "‑"} and not re.match(r"-\d+\s+[a-z]", after):
        return True  # "10-day", "35-year-old", "3-1" (but "10-15 people" is a range)
    nxt = after.split(None, 1)[0].lower().strip(".,;:()\"'’") if after.strip() else ""
    return nxt in _CURRENCIES or nxt in _TIME_UNITS or nxt in _MEASURES


def _is_date_or_number_label(m: re.Match[str], before: str, after: str) -> bool:
    """Digits that are a day of a month, a year, or a label ("No. 5", "#3")."""
    digits = m.group("digits")
    if not digits:
        return False
    if _RE_MONTH_BEFORE.search(before) or _RE_MONTH_AFTER.match(after):
        return True
    if re.fullmatch(r"\d{4}", digits) and 1000 <= int(digits) <= 2099 and not m.group("q"):
        return True  # a year
    return bool(re.search(r"(?:\bNo\.?|#|\bnumber)\s*$", before, re.IGNORECASE))


def _is_name_or_idiom(text: str, m: re.Match[str], s0: int, after: str) -> bool:
    """Numbers inside names ("Article 5", "Big Three"), idioms with "one", list markers."""
    start = m.start()
    # "Article 5", "Resolution 2270", "Boeing 747": right after a capitalised word, unless
    # that word is a function word opening the sentence ("The 12 ...", "All 12 ...")
    if not m.group("q"):
        prev = _RE_PREV_WORD.search(text, max(s0, start - 30), start)
        if prev and prev.group(1)[0].isupper() and not prev.group(1).endswith(("'s", "’s")):
            opens = not text[s0 : prev.start(1)].strip(" \"“‘'([")
            if not (opens and prev.group(1).lower() in _STOP):
                return True
    word = m.group("word") or m.group("a") or m.group("vague")
    if word and word[0].isupper() and text[s0:start].strip(" \"“‘'(["):
        return True  # a capitalised number word mid-sentence: "Big Three", "Article Five"
    if m.group("word") and m.group("word").lower() == "one":
        low_after = after.lstrip().lower()
        low_before = text[max(s0, start - 8) : start].lower()
        if low_after.startswith(("of ", "another", "'s", "’s")) or re.search(
            r"\b(?:no|the|any|every|each|which|this|that)\s+$", low_before
        ):
            return True
    return text[s0:start].strip() == "" and bool(re.match(r"[.)]\s", after))


_CLAUSE_REACH = 400  # characters: far beyond any clause of real prose


def _location(
    text: str, a: int, b: int, s0: int, s1: int, country_of: Callable[[str], str | None]
) -> str | None:
    """ISO3 of the first "in <Place>" in the clause around [a, b) (looked for within
    _CLAUSE_REACH characters each side, so a run-on "sentence" stays linear)."""
    near0, near1 = max(s0, a - _CLAUSE_REACH), min(s1, b + _CLAUSE_REACH)
    m_end = _RE_CLAUSE_END.search(text, b, near1)
    fwd_end = m_end.start() if m_end else near1
    back_start = near0
    for m in _RE_CLAUSE_END.finditer(text, near0, a):
        back_start = m.end()
    for lo, hi in ((b, fwd_end), (back_start, a)):
        for pm in _RE_PLACE.finditer(text, lo, hi):
            iso = _place_country(pm.group("p"), country_of)
            if iso:
                return iso
    # an introductory "In Syria, ..." holds for the whole sentence
    intro = _RE_INTRO_PLACE.match(text, s0, a)
    return _place_country(intro.group("p"), country_of) if intro else None


def _place_country(phrase: str, country_of: Callable[[str], str | None]) -> str | None:
    words = phrase.split()
    for k in range(len(words), 0, -1):
        cand = re.sub(r"['’]s?$", "", " ".join(words[:k]))
        if not re.fullmatch(r"(?:[A-Z]\.){2,}", cand):
            cand = cand.rstrip(".")
        if cand.lower().endswith((" of", " and")):
            continue
        iso = country_of(cand)
        if iso:
            return iso
    return None


def find_counts(
    text: str,
    sentences: Sequence[Sentence],
    country_of: Callable[[str], str | None],
) -> list[Count]:
    """Every count in ``text``, in order, with spans into ``text``.

    ``country_of`` maps a place name ("Japan", "the U.S.", a city if it knows cities) to
    ISO alpha-3: the rule set's one country authority (``rules.dictionary.country_of``).
    When ``sentences`` is empty the whole text is sentence 0.
    """
    if not text:
        return []
    resolve = country_of
    sents = sentences or [Sentence(0, 0, len(text), text)]
    out: list[Count] = []
    for sent in sents:
        s0, s1 = max(0, sent.start), min(len(text), sent.end)
        if s1 <= s0:
            continue
        previous_what: str | None = None
        last_end = s0
        for m in _RE_NUMBER.finditer(text, s0, s1):
            if m.start() < last_end:
                continue  # inside the range of the previous count ("10 to 15")
            count = _count_at(text, m, s0, s1, sent.index, previous_what, resolve)
            if count is not None:
                out.append(count)
                previous_what = count.what
                last_end = count.span[1]
    return out


def _count_at(
    text: str,
    m: re.Match[str],
    s0: int,
    s1: int,
    sent_index: int,
    previous_what: str | None,
    resolve: Callable[[str], str | None],
) -> Count | None:
    if _skip(text, m, s0, s1):
        return None
    value = _value(m)
    if value is None or value <= 0:
        return None
    end = m.end()
    rng = _RE_RANGE.match(text, end, s1) if m.group("digits") else None
    if rng:
        hi = _to_float(rng.group(1)) * (_SCALES[rng.group(2).lower()] if rng.group(2) else 1)
        if m.group("dscale") and not rng.group(2):
            hi *= _SCALES[m.group("dscale").lower()]
        if hi > value:
            end = rng.end()
    np_start = end
    of = _RE_OF.match(text, end, s1)
    if m.group("vague"):
        if not of:
            return None
        np_start = of.end()
    elif of:
        np_start = of.end()
    what, _ = _noun_phrase(text, np_start, s1, value != 1)
    nxt = text[np_start : np_start + 12].lstrip()[:1]
    if what.split() and (what.split()[0].lower() in _TIME_UNITS or what.split()[0].lower() in _MEASURES):
        return None
    if not what:
        if previous_what is None or m.group("word") == "one" or nxt.isdigit():
            return None
        what = previous_what
    a = m.start()
    return Count(
        value=value,
        text=text[a:end],
        what=what,
        location=_location(text, a, end, s0, s1, resolve),
        span=(a, end),
        sentence=sent_index,
    )
