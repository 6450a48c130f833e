"""Datelines: the place and date a news story opens with ("WASHINGTON, Nov. 1 (AP) —",
"LONDON (Reuters) -", a line "Published: 3 March 2019").

Two uses while an article is read: a line that is only a dateline is no title (cleaning
keeps it in the body, where its place and date are found), and an article whose source
gives no publication date takes the full date (day, month and year) of its dateline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tidings.extract.dates import find_dates
from tidings.extract.phrases import Resolved
from tidings.model import Place

# "WASHINGTON", "NEW YORK", "ST. LOUIS", "WASHINGTON, D.C.", "KYIV, Ukraine", then an
# optional date, an optional agency in parentheses and an optional dash or colon
_PLACE = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]*){0,3}(?:,\s*[A-Z][A-Za-z.'’\-]*(?:\s+[A-Z][A-Za-z.'’\-]*){0,2})?"
_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)"
_RE_DATELINE = re.compile(
    rf"^\s*(?P<place>{_PLACE})(?P<date>,\s*{_DATE})?\s*(?P<agency>\([A-Za-z][\w .&'’-]{{0,30}}\))?"
    rf"\s*(?P<dash>[-—–:]+\s*)?$"
)
# a place in title case counts when an agency is credited: "Jakarta (ANTARA) -",
# "Islamabad, March 3 (APP):"
_RE_CREDITED = re.compile(
    rf"^\s*(?!By\s)(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}})(?P<date>,\s*{_DATE})?\s*"
    rf"(?P<agency>\([A-Za-z][\w .&'’-]{{0,30}}\))\s*(?P<dash>[-—–:]+\s*)?$"
)
# a bare capitalised line is a headline, not a place, when it has these ("US AND CHINA AGREE")
_HEADLINE_WORDS = frozenset({"AND", "TO", "FOR", "IN", "ON", "AT", "A", "THE", "WITH", "OVER", "AFTER"})
# words a date line carries besides the date: "Published: 3 March 2019, 10:42 GMT"
_DATE_LINE_WORDS = re.compile(
    r"(?i)\b(?:published|updated|posted|last|modified|on|at|am|pm|a\.m\.|p\.m\.|gmt|utc|bst|"
    r"est|edt|cet|cest|pst|pdt|et|local|time|date|first)\b"
)
_DASH_PREFIX = re.compile(r"^(?P<head>.{3,80}?)\s(?:—|–|--|-)\s")
_COLON_PREFIX = re.compile(r"^(?P<head>[^:]{3,80}?):\s")
MAX_DATE_LINE = 100


def is_dateline(line: str) -> bool:
    """``line`` is a dateline and nothing else: "WASHINGTON, Nov. 1 (AP)", "LONDON —",
    "Published: 3 March 2019 10:42 GMT"."""
    line = line.strip()
    if not line or len(line) > MAX_DATE_LINE:
        return False
    m = _RE_DATELINE.match(line) or _RE_CREDITED.match(line)
    if m is not None and (_place_like(m.group("place")) or m.re is _RE_CREDITED):
        words = m.group("place").split(",")[0].split()
        bare = not (m.group("date") or m.group("agency") or m.group("dash") or "," in m.group("place"))
        if not bare or (len(words) <= 3 and not _HEADLINE_WORDS.intersection(words)):
            return True
    return _only_a_date(line)


def _place_like(place: str) -> bool:
    """An upper-case place name ("WASHINGTON", "ST. LOUIS", "KYIV, Ukraine")."""
    first = place.split(",")[0]
    return sum(ch.isupper() for ch in first) >= 2 and not any(ch.islower() for ch in first)


def _only_a_date(line: str) -> bool:
    dates = [d for d in find_dates(line, [], None) if d.value is not None]
    if not dates:
        return False
    rest = line
    for d in sorted(dates, key=lambda d: -d.span[0]):
        rest = rest[: d.span[0]] + " " + rest[d.span[1] :]
    rest = _DATE_LINE_WORDS.sub(" ", rest)
    return not any(ch.isalpha() for ch in rest)


def dateline_prefix(text: str) -> int:
    """How many characters of ``text`` a dateline takes up to its dash and the space after
    ("LAGOS, May 2 (Reuters) - Nigerian troops ...": up to "Nigerian"; "NEW DELHI: The
    army ..."); 0 without one."""
    m = _DASH_PREFIX.match(text)
    if m is not None and is_dateline(m.group("head")):
        return m.end()
    m = _COLON_PREFIX.match(text)  # not "Updated: 3 March" (a date is no place)
    return m.end() if m is not None and is_dateline(m.group("head")) and not _only_a_date(m.group("head")) else 0


def dateline_date(body: str, paragraphs: int = 3) -> str | None:
    """The full date (ISO day) of the dateline among the first ``paragraphs`` of
    ``body``: a dateline paragraph of its own, or the dateline that opens a paragraph up
    to its dash ("LONDON, March 3, 2019 (Reuters) - ..."). A date without a year is not
    enough, nor a date in the story's first sentence ("On Nov. 9, 1989, the wall fell")."""
    for para in [p for p in body.split("\n") if p.strip()][:paragraphs]:
        head = para.strip()
        if not is_dateline(head):
            m = _DASH_PREFIX.match(head)
            if m is None or not is_dateline(m.group("head")):
                continue
            head = m.group("head")
        for d in find_dates(head, [], None):
            if d.value is not None and d.granularity == "day":
                return d.value
    return None


def dateline_country(text: str, places: Sequence[Place]) -> str | None:
    """The country of the place that opens the article's dateline ("LIMA, March 3
    (Reuters) -": PER), if it has one."""
    end = dateline_prefix(text)
    return next((pl.country for pl in places if pl.country and pl.span is not None and pl.span[0] < end), None) \
        if end else None


def without_credit(actors: list[Resolved], text: str, starts: Sequence[int]) -> list[Resolved]:
    """The actors of an article's first sentence (``text``, its tokens starting at
    ``starts``) but the news agency its dateline credits ("LIMA, March 3 (Reuters) -"): who
    filed the story is no one in it."""
    end = dateline_prefix(text)
    if not end:
        return actors
    opened, closed = text.find("(", 0, end), text.rfind(")", 0, end)

    def credited(a: Resolved) -> bool:
        at = starts[a.tok_start]
        return at < end and ((a.role == "MED" and a.kind == "organisation") or opened < at < closed)

    return [a for a in actors if not credited(a)]
