"""Calendar arithmetic for :mod:`tidings.extract.dates`: what a resolved time expression
holds (:class:`Resolved`) and the days, weeks, months, quarters and years it can be."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

__all__ = ["MONTHS", "NUMBER_WORDS", "UNKNOWN", "WEEKDAYS", "Resolved"]


class Resolved(NamedTuple):
    """What a time expression means: the value fields of a DateRef."""

    value: str | None
    start: str | None
    end: str | None
    granularity: str


UNKNOWN = Resolved(None, None, None, "unknown")


MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip


WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip


NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _plus(d: dt.date | None, days: int) -> dt.date | None:
    """``d`` moved by ``days``, or None past the ends of the calendar (years 1 and 9999)."""
    if d is None:
        return None
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        return None


def _day(d: dt.date | None) -> Resolved:
    if d is None:
        return UNKNOWN
    return Resolved(_iso(d), _iso(d), _iso(d), "day")


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not (1000 <= year <= 2099 and 1 <= month <= 12):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month(year: int, month: int) -> Resolved:
    if not (1000 <= year <= 2099 and 1 <= month <= 12):
        return UNKNOWN
    last = calendar.monthrange(year, month)[1]
    return Resolved(f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}-01",
                    f"{year:04d}-{month:02d}-{last:02d}", "month")  # fmt: skip


def _quarter(year: int, q: int) -> Resolved:
    if not (1000 <= year <= 2099 and 1 <= q <= 4):
        return UNKNOWN
    last = calendar.monthrange(year, 3 * q)[1]
    return Resolved(f"{year:04d}-Q{q}", f"{year:04d}-{3 * q - 2:02d}-01", f"{year:04d}-{3 * q:02d}-{last:02d}",
                    "quarter")


def _year(year: int) -> Resolved:
    if not 1000 <= year <= 2099:
        return UNKNOWN
    return Resolved(f"{year:04d}", f"{year:04d}-01-01", f"{year:04d}-12-31", "year")


def _week(monday: dt.date | None) -> Resolved:
    sunday = _plus(monday, 6)
    if monday is None or sunday is None:
        return UNKNOWN
    return Resolved(_iso(monday), _iso(monday), _iso(sunday), "week")


def _weekend(ref: dt.date, shift_weeks: int) -> Resolved:
    saturday = _plus(ref, 5 + 7 * shift_weeks - ref.weekday())
    sunday = _plus(saturday, 1)
    if saturday is None or sunday is None:
        return UNKNOWN
    return Resolved(_iso(saturday), _iso(saturday), _iso(sunday), "week")


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _relative_n(n: int, unit: str, ref: dt.date) -> Resolved:
    if unit == "day":
        return _day(_plus(ref, n))
    if unit == "week":
        d = _plus(ref, 7 * n)
        return _week(None if d is None else _plus(d, -d.weekday()))
    if unit == "month":
        return _month(*_shift_month(ref.year, ref.month, n))
    return _year(ref.year + n)
