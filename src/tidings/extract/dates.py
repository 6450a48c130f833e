"""Time expressions in news text, resolved against the article date.

Regexes plus a little calendar arithmetic: no spaCy parse and no dateparser (dateparser
misreads "late Wednesday" and bare weekdays, and is slow), so this runs on every sentence.

Conventions (news style):

* A bare weekday ("Thursday", "late Wednesday", "on Friday") is the most recent such day
  on or before the article date, unless a future cue ("will", "would", "is due to",
  "scheduled", "expects to", "to be", "payable", "effective", ...) stands shortly before it
  in the same clause, or a deadline right before it ("by", "until", "as soon as", "as
  early as") in a clause not in the past perfect, in which case it is the next such day
  on or after the article date. "last Friday" is strictly before, "next Friday" strictly
  after, "this Friday" is the Friday of the article's ISO week.
* A month without a year is the nearest one not after the article date ("in December"
  in a 2017-02-03 article is "2016-12"); with "next" or a future cue (before the
  expression in its clause, or just after it: "On Saturday, the council will vote"), the
  nearest one not before it. A month and day without a year is the coming one with a
  future cue; otherwise this year's when it is at most 90 days ahead ("Nov. 16" in an
  article of Nov. 1: news style gives the year only for another year's dates), last
  year's when further ahead, and next year's when this year's
  is more than 300 days back and next year's within 45 days ("Jan. 5" on Dec. 28).
* Prepositions ("on", "in", "since", ...) are not part of the expression's text and span;
  modifiers ("last", "next", "this", "early", "late", "mid", "earlier this") are.
* Weeks are ISO weeks (Monday to Sunday): value is the Monday, start/end the range.
  Weekends ("last weekend") use granularity "week" with start/end Saturday to Sunday.
* Quarters ("the third quarter", "Q3 2014", "fourth-quarter") are this year's when they
  have begun by the article date, else last year's, unless a future cue says otherwise;
  value "2017-Q3", granularity "quarter". "last quarter" is the one before the article's.
* "a year (month, week) earlier" is the period one unit before the article's, at that
  granularity. A year before a noun is a date ("the 2010 raid"), a count not ("the 2000
  people"). "The following year" counts from a date in the story: not attempted.
* Decades ("the 1990s") get value None, start 1990-01-01, end 1999-12-31, granularity
  "year": a range of years with no single year value.
* Every resolved expression has start and end filled (a day's start and end are the day).
* Unresolvable expressions (no article date for a relative one, impossible dates such as
  "Feb. 30") are still reported, with value None and granularity "unknown".
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence

from tidings.extract.periods import (
    MONTHS,
    NUMBER_WORDS,
    UNKNOWN,
    WEEKDAYS,
    Resolved,
    _day,
    _month,
    _number,
    _plus,
    _quarter,
    _relative_n,
    _safe_date,
    _shift_month,
    _week,
    _weekend,
    _year,
)
from tidings.model import DateRef, Sentence

__all__ = ["Resolved", "find_dates", "resolve", "sentence_date"]


# Month names are matched case-sensitively: lowercase "may" / "march" are never months.
_MON_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON_DOT = r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\."
_MON_ANY = rf"(?:{_MON_FULL}|{_MON_DOT}|Jan|Feb|Apr|Aug|Sept|Sep|Oct|Nov|Dec)(?![A-Za-z])"
_MON_BARE = rf"(?:(?:{_MON_FULL})\b|(?:{_MON_DOT}))"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:\d{1,3}|" + "|".join(NUMBER_WORDS) + ")"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

_RE_ISO = re.compile(r"(?<![\d/-])(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?![\d/]|-\d)")
_RE_MDY = re.compile(
    rf"(?:\b(?P<wd>{_WD}),?\s+)?\b(?P<mon>{_MON_ANY})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?!,\d|\.\d|:)(?:,?\s+(?P<year>\d{{4}})\b(?!,\d))?"
)
_RE_DMY = re.compile(
    rf"(?:\b(?P<wd>{_WD}),?\s+)?(?<![\d,.])\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<mon>{_MON_ANY})(?:,?\s+(?P<year>\d{{4}})\b(?!,\d))?"
)
_RE_MY = re.compile(
    rf"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+|\bmid-)?\b(?P<mon>{_MON_BARE}),?\s+(?P<year>\d{{4}})\b(?!,\d)"
)
_RE_MONTH = re.compile(
    r"(?:\b(?P<prep>(?i:in|of|since|until|till|by|from|before|after|during|through|"
    r"throughout|to|around|between|and|or))\s+)?"
    r"(?:\b(?P<mod>(?i:last|next|this|early|late|mid|earlier\s+in|later\s+in|the\s+end\s+of|"
    r"the\s+beginning\s+of|the\s+start\s+of|end\s+of|beginning\s+of|start\s+of))(?:\s+|-))?"
    rf"\b(?P<mon>{_MON_BARE})(?!\s*\d)"
)
_RE_WEEKDAY = re.compile(
    r"(?:\b(?P<mod>(?i:last|next|this|late|early|coming|past))\s+)?"
    rf"(?<!Good )(?<!Black )(?<!Holy )(?<!Cyber )\b(?P<wd>{_WD})\b{_PART}"
)
_RE_REL_DAY = re.compile(
    r"(?<!USA )\b(?P<w>(?i:today|yesterday|tomorrow|tonight|last\s+night|this\s+morning|"
    r"this\s+afternoon|this\s+evening))\b" + _PART
)
_RE_REL_UNIT = re.compile(
    r"\b(?:(?P<mod>(?i:earlier|later|early|late|mid|the\s+end\s+of|end\s+of|the\s+beginning\s+of|"
    r"beginning\s+of|the\s+start\s+of|start\s+of))\s+)?"
    r"(?P<dir>(?i:last|next|this|coming))\s+(?P<unit>(?i:week|month|year|weekend))\b"
)
_RE_AGO = re.compile(
    rf"\b(?P<n>(?i:{_NUM}))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?P<dir>(?i:ago|from\s+now))\b"
)
_RE_IN_N = re.compile(
    rf"\b(?i:in)\s+(?P<e>(?P<n>(?i:{_NUM}))\s+(?P<unit>(?i:day|week|month|year))s?"
    r"(?:['’]?\s+time)?)\b"
)
_RE_YEAR = re.compile(
    r"(?:\b(?P<prep>(?i:in|since|by|until|till|of|from|before|after|during|through|throughout|"
    r"between|year|and|or|to|around|circa|fiscal|early|late|mid|summer|spring|autumn|fall|"
    r"winter))\s+|\b(?P<mid>(?i:mid))-)(?P<year>\d{4})\b(?![,.]\d|\s*%|\s+percent|\s+per\s+cent)"
)
_RE_DECADE = re.compile(
    r"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+)?\b(?P<dec>1\d\d|20\d)0['’]?s\b"
)
_RE_TRAILING_YEAR = re.compile(r"\d{4}\s*$")
_RE_QUARTER = re.compile(
    r"\b(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))[\s-]+(?i:quarter)"
    r"(?:\s+(?:(?i:of)\s+)?(?P<year>\d{4}|(?i:this|last|next)\s+year))?\b"
    r"|\b(?:Q(?P<q>[1-4])|(?P<y1>\d{4})[\s-]Q(?P<q2>[1-4]))(?:\s+(?P<y2>\d{4}))?\b"
)
_RE_EARLIER = re.compile(
    r"\b(?i:a|one)\s+(?P<unit>(?i:year|month|week))\s+(?P<dir>(?i:earlier|before))\b"
    r"(?!\s+(?:the|a|an|his|her|its|their)\b)"
)
# "the 2010 raid", "a 2016 report", "its 2019 budget": a year as a modifier of a noun
_RE_YEAR_MODIFIER = re.compile(
    r"\b(?i:the|a|an|its|their|his|her|our|this|that)\s+(?P<year>(?:19|20)\d\d)\s+(?=[a-z])"
)
_QUARTER_OF = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
               "final": 4}
_RE_SUPERLATIVE = re.compile(
    r"\b(?:first|last|highest|lowest|biggest|largest|worst|best|most|least|ever|greatest|"
    r"strongest|longest|deadliest|heaviest|latest|fastest|slowest|sharpest|weakest)\b"
    r"[^.;:]{0,25}$",
    re.IGNORECASE,
)

# Future cues: a word from this set in the few words before an expression flips bare
# weekdays and year-less months to "on or after the article date".
_FUTURE_CUES = frozenset(
    "will 'll ’ll shall would scheduled slated due set expected expects expect plans planning "
    "plan planned upcoming going intends intend payable effective".split()
)
# A deadline right before the expression looks ahead ("by May", "until Tuesday", "as soon
# as Tuesday", "as early as next week") unless the clause is in the past perfect ("had
# filed reports by Wednesday", "Until Thursday, they had not called him a suspect").
_DEADLINE_WORDS = frozenset({"by", "until", "till"})
_CUE_BREAKERS = frozenset(
    "said says told added announced reported stated wrote claimed noted explained "
    "confirmed warned but after when because since while although though that".split()
)
_NOT_FUTURE_AFTER = frozenset({"set", "due", "going", "plan", "planned", "expected", "expects", "expect"})
_RE_WINDOW_WORDS = re.compile(r"[\w'’]+|[;:,]")

_COUNT_UNITS = frozenset(
    "people persons votes troops soldiers men women children residents refugees workers "
    "units cases deaths times km miles meters metres feet tons tonnes barrels".split()
)


def _future_context(text: str, sent_start: int, pos: int, end: int | None = None) -> bool:
    """True when a future cue stands in the few words before ``pos`` in the same clause,
    or (given the expression's ``end``) in the few words after it: "On Saturday, the
    council will vote", "Nov. 16 is when the talks are due to open"."""
    window = text[max(sent_start, pos - 90) : pos]
    words = [w.lower() for w in _RE_WINDOW_WORDS.findall(window)][-8:]
    stop = text.find(".", end) if end is not None else -1
    after = [] if end is None else \
        [w.lower() for w in _RE_WINDOW_WORDS.findall(text[end : min(end + 60, stop if stop >= 0 else end + 60)])][:7]
    if words and (words[-1] in _DEADLINE_WORDS or words[-3:] in (["as", "soon", "as"], ["as", "early", "as"])):
        return "had" not in words and "had" not in after
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w in _CUE_BREAKERS or w in {";", ":"}:
            return False
        if _is_cue(words, i) or (w == "be" and i > 0 and words[i - 1] == "to"):
            return True  # "to be published in early November"
    for i, w in enumerate(after):
        if w in _CUE_BREAKERS or w in {";", ":"}:
            return False
        if _is_cue(after, i):
            return True
    return False


def _is_cue(words: list[str], i: int) -> bool:
    """``words[i]`` is a future cue ("set", "due", "going", "plan" only as "set to", "set
    for", ...)."""
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if w not in _FUTURE_CUES:
        return False
    if w == "would":
        return nxt != "have"  # "would have voted on Tuesday" looks back
    return w not in _NOT_FUTURE_AFTER or nxt in ("to", "for") or (w in ("due", "expected") and nxt == "in")


def _weekday_date(weekday: int, ref: dt.date, mode: str) -> dt.date | None:
    """The weekday meant, or None when it falls outside the calendar (year 1 or 9999)."""
    back = (ref.weekday() - weekday) % 7
    if mode == "past":
        return _plus(ref, -back)
    if mode == "last":
        return _plus(ref, -(back or 7))
    fwd = (weekday - ref.weekday()) % 7
    if mode == "future":
        return _plus(ref, fwd)
    if mode == "next":
        return _plus(ref, fwd or 7)
    # "this": the day in the article's ISO week
    return _plus(ref, weekday - ref.weekday())


def _month_year(month: int, ref: dt.date, mode: str) -> int:
    if mode == "next":
        return ref.year if month > ref.month else ref.year + 1
    if mode == "last":
        return ref.year if month < ref.month else ref.year - 1
    if mode == "future":
        return ref.year if month >= ref.month else ref.year + 1
    if mode == "this":
        return ref.year
    return ref.year if month <= ref.month else ref.year - 1


def _month_day(month: int, day: int, ref: dt.date, future: bool) -> Resolved:
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: Feb 29 passes
        return UNKNOWN
    year = ref.year
    cand = _safe_date(year, month, day)
    if future:
        if cand is None or cand < ref:
            year += 1
    elif cand is None:
        year -= 1
    elif (cand - ref).days > 90:
        # a date up to three months ahead without a year is this year's ("Nov. 16" in an
        # article of Nov. 1, whatever the tense); further ahead it is last year's ("was shot on
        # Oct. 23" in an article of January)
        year -= 1
    elif (ref - cand).days > 300:
        nxt = _safe_date(year + 1, month, day)
        if nxt is not None and (nxt - ref).days <= 45:
            year += 1  # "Jan. 5" in an article of Dec. 28: the coming one
    found = _safe_date(year, month, day)
    return _day(found) if found else UNKNOWN


def _mode(mod: str | None, future: bool) -> str:
    m = (mod or "").lower().split()
    if "last" in m or "past" in m:
        return "last"
    if "next" in m or "coming" in m:
        return "next"
    if "this" in m:
        return "this"
    return "future" if future else "past"


# --- per-pattern resolvers --------------------------------------------------------------
# Each returns (span_start, span_end, Resolved) or None to drop the match.

_Hit = tuple[int, int, Resolved]


def _r_iso(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    d = _safe_date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    return m.start(), m.end(), _day(d) if d else UNKNOWN


def _r_month_day(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    month = MONTHS[m.group("mon").rstrip(".").lower()]
    day = int(m.group("day"))
    if m.group("year"):
        year = int(m.group("year"))
        d = _safe_date(year, month, day)
        return m.start(), m.end(), _day(d) if d else UNKNOWN
    if day < 1 or day > 31:
        return None  # "Feb 47": not a day number, leave it alone
    if ref is None:
        return m.start(), m.end(), UNKNOWN
    res = _month_day(month, day, ref, _future_context(text, s0, m.start(), m.end()))
    return m.start(), m.end(), res


def _r_month_year(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    month = MONTHS[m.group("mon").rstrip(".").lower()]
    return m.start(), m.end(), _month(int(m.group("year")), month)


def _r_month(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    prep, mod = m.group("prep"), m.group("mod")
    if not prep and not mod:
        return None  # a bare month name: could be the modal "May", a name, a verb
    if prep and not mod and prep.lower() in {"and", "or", "to"}:
        before = text[max(s0, m.start() - 40) : m.start("prep")]
        if not re.search(rf"(?:{_MON_FULL})(?:\s+\d{{1,2}})?,?\s*$", before):
            return None  # "and May" only right after another month ("April and May")
    start = m.start("mod") if mod else m.start("mon")
    return start, m.end(), _bare_month(m.group("mon"), mod, ref, text, s0, start)


def _bare_month(
    mon_text: str, mod: str | None, ref: dt.date | None, text: str, s0: int, pos: int
) -> Resolved:
    if ref is None:
        return UNKNOWN
    month = MONTHS[mon_text.rstrip(".").lower()]
    mode = _mode(mod, _future_context(text, s0, pos))
    return _month(_month_year(month, ref, mode), month)


def _r_weekday(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    mod = m.group("mod")
    mode = _mode(mod, False)
    start = m.start() if mod else m.start("wd")
    if ref is None:
        return start, m.end(), UNKNOWN
    if mode == "past" and _future_context(text, s0, start, m.end()):
        mode = "future"
    return start, m.end(), _day(_weekday_date(WEEKDAYS[m.group("wd").lower()], ref, mode))


def _r_rel_day(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    w = " ".join(m.group("w").lower().split())
    if ref is None:
        return m.start(), m.end(), UNKNOWN
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(w, 0)
    return m.start(), m.end(), _day(_plus(ref, offset))


def _r_rel_unit(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    if ref is None:
        return m.start(), m.end(), UNKNOWN
    direction = m.group("dir").lower()
    shift = {"last": -1, "next": 1, "coming": 1}.get(direction, 0)
    unit = m.group("unit").lower()
    if unit == "week":
        res = _week(_plus(ref, 7 * shift - ref.weekday()))
    elif unit == "weekend":
        res = _weekend(ref, shift)
    elif unit == "month":
        res = _month(*_shift_month(ref.year, ref.month, shift))
    else:
        res = _year(ref.year + shift)
    return m.start(), m.end(), res


def _r_ago(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    n = _number(m.group("n"))
    if n is None:
        return None
    if ref is None:
        return m.start(), m.end(), UNKNOWN
    sign = -1 if m.group("dir").lower() == "ago" else 1
    return m.start(), m.end(), _relative_n(sign * n, m.group("unit").lower(), ref)


def _r_in_n(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    n = _number(m.group("n"))
    if n is None:
        return None
    if _RE_SUPERLATIVE.search(text[max(s0, m.start() - 40) : m.start()]):
        return None  # "the first test in two years" is a duration, not a future date
    if ref is None:
        return m.start("e"), m.end("e"), UNKNOWN
    return m.start("e"), m.end("e"), _relative_n(n, m.group("unit").lower(), ref)


def _r_year(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    year = int(m.group("year"))
    if not 1000 <= year <= 2099:
        return None
    after = text[m.end() : m.end() + 20].split()
    if after and after[0].lower().strip(".,;:") in _COUNT_UNITS:
        return None  # "by 2000 votes"
    prep = (m.group("prep") or "").lower()
    if prep in {"and", "or", "to"} and not _RE_TRAILING_YEAR.search(text[s0 : m.start("prep")]):
        return None  # "and 2016" only in "2015 and 2016"
    start = m.start("year")
    if m.group("mid") or prep in {"early", "late", "mid"}:
        start = m.start()
    return start, m.end(), _year(year)


def _r_quarter(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    """"the third quarter" is this year's when it has begun by the article date, else last
    year's ("fourth-quarter results" in February), unless the clause speaks of the future;
    "last quarter" alone is the one before the article's."""
    year_txt = m.group("year") or m.group("y1") or m.group("y2")
    word = (m.group("ord") or "").lower()
    q = int(m.group("q") or m.group("q2") or 0) or _QUARTER_OF.get(word, 0)
    if year_txt and year_txt[:1].isdigit():
        return m.start(), m.end(), _quarter(int(year_txt), q or 4)
    if ref is None:
        return m.start(), m.end(), UNKNOWN
    now_q = (ref.month - 1) // 3 + 1
    if year_txt:  # "this year", "last year", "next year"
        shift = {"this": 0, "last": -1, "next": 1}[year_txt.split()[0].lower()]
        return m.start(), m.end(), _quarter(ref.year + shift, q or 4)
    if word == "last":
        return m.start(), m.end(), _quarter(ref.year - (now_q == 1), now_q - 1 or 4)
    future = _future_context(text, s0, m.start(), m.end())
    year = ref.year if q <= now_q or future else ref.year - 1
    return m.start(), m.end(), _quarter(year, q)


def _r_earlier(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    """"up from $4 million a year earlier": the period one year (month, week) before the
    article's, at that granularity: news compares a period with the same one a year
    before, which the article date alone does not pin to a day. ("The following year"
    counts from a date in the story, not the article's: not attempted.)"""
    if ref is None:
        return m.start(), m.end(), UNKNOWN
    return m.start(), m.end(), _relative_n(-1, m.group("unit").lower(), ref)


def _r_year_modifier(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    after = text[m.end() : m.end() + 20].split()
    if after and after[0].lower().strip(".,;:") in _COUNT_UNITS:
        return None  # "the 2000 people"
    return m.start("year"), m.end("year"), _year(int(m.group("year")))


def _r_decade(m: re.Match[str], ref: dt.date | None, text: str, s0: int) -> _Hit | None:
    first = int(m.group("dec")) * 10
    if not 1000 <= first <= 2090:
        return None
    return m.start(), m.end(), Resolved(None, f"{first:04d}-01-01", f"{first + 9:04d}-12-31", "year")


_PATTERNS = (
    (_RE_ISO, _r_iso),
    (_RE_MDY, _r_month_day),
    (_RE_DMY, _r_month_day),
    (_RE_MY, _r_month_year),
    (_RE_MONTH, _r_month),
    (_RE_WEEKDAY, _r_weekday),
    (_RE_REL_DAY, _r_rel_day),
    (_RE_REL_UNIT, _r_rel_unit),
    (_RE_AGO, _r_ago),
    (_RE_IN_N, _r_in_n),
    (_RE_YEAR, _r_year),
    (_RE_DECADE, _r_decade),
    (_RE_QUARTER, _r_quarter),
    (_RE_EARLIER, _r_earlier),
    (_RE_YEAR_MODIFIER, _r_year_modifier),
)
# Cheap prefilter: a sentence without a digit or any of these words has no date.
_RE_PREFILTER = re.compile(
    r"\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day|\b(?i:today|yesterday|"
    r"tomorrow|tonight|night|morning|afternoon|evening|week|month|year|quarter|Q[1-4]|one|two|three|four|"
    r"five|six|seven|eight|nine|ten)"
)


def _sentences_or_whole(text: str, sentences: Sequence[Sentence]) -> Sequence[Sentence]:
    if sentences:
        return sentences
    return [Sentence(0, 0, len(text), text)] if text else []


def _find_in_sentence(text: str, sent: Sentence, ref: dt.date | None) -> list[DateRef]:
    s0, s1 = max(0, sent.start), min(len(text), sent.end)
    if s1 <= s0 or not _RE_PREFILTER.search(text, s0, s1):
        return []
    hits: list[_Hit] = []
    for pattern, handler in _PATTERNS:
        for m in pattern.finditer(text, s0, s1):
            hit = handler(m, ref, text, s0)
            if hit is not None and hit[1] > hit[0]:
                hits.append(hit)
    # keep the longest of overlapping matches; ties go to the earlier pattern/start
    hits.sort(key=lambda h: (h[0] - h[1], h[0]))
    kept: list[_Hit] = []  # sorted by start, never overlapping: bisect, not a scan
    for hit in hits:
        j = bisect.bisect_left(kept, hit[0], key=lambda k: k[0])
        if (j == 0 or kept[j - 1][1] <= hit[0]) and (j == len(kept) or hit[1] <= kept[j][0]):
            kept.insert(j, hit)
    return [
        DateRef(text=text[a:b], span=(a, b), sentence=sent.index, value=r.value,
                start=r.start, end=r.end, granularity=r.granularity)  # fmt: skip
        for a, b, r in kept
    ]


def _as_date(article_date: dt.date | dt.datetime | str | None) -> dt.date | None:
    if article_date is None:
        return None
    if isinstance(article_date, dt.datetime):
        return article_date.date()
    if isinstance(article_date, dt.date):
        return article_date
    try:
        return dt.date.fromisoformat(str(article_date)[:10])
    except ValueError:
        return None


def find_dates(
    text: str,
    sentences: Sequence[Sentence],
    article_date: dt.date | dt.datetime | str | None,
) -> list[DateRef]:
    """All time expressions in ``text``, in order, with spans into ``text``.

    ``sentences`` give the sentence index of each expression; when empty, the whole text
    is treated as sentence 0. ``article_date`` anchors relative expressions ("Thursday",
    "last year"); without it they are reported with value None and granularity
    "unknown", while absolute dates ("Feb. 3, 2017", "in 2016") are still resolved.
    """
    if not text:
        return []
    ref = _as_date(article_date)
    out: list[DateRef] = []
    for sent in _sentences_or_whole(text, sentences):
        out.extend(_find_in_sentence(text, sent, ref))
    return out


def resolve(expr: str, article_date: dt.date | dt.datetime | str | None) -> Resolved | None:
    """Resolve one time expression ("late Wednesday", "Feb. 3", "last year").

    Returns the value of the longest expression found in ``expr``, or None if it holds
    none.
    """
    found = find_dates(expr, (), article_date)
    if not found:
        return None
    best = max(found, key=lambda d: d.span[1] - d.span[0])
    return Resolved(best.value, best.start, best.end, best.granularity)


def sentence_date(
    dates: Sequence[DateRef],
    sentence_index: int,
    article_date: dt.date | dt.datetime | str | None = None,
) -> DateRef | None:
    """The date an event in sentence ``sentence_index`` gets: the first resolved date
    expression (value not None) inside that sentence, else None (the caller falls back
    to the article date). ``article_date`` is accepted for symmetry and not needed."""
    for d in dates:
        if d.sentence == sentence_index and d.value is not None:
            return d
    return None
