"""Development sets in the uniform JSONL format, read into typed records.

One JSON object per line: ``id``, ``date``, ``text``, ``annotates`` (the capabilities the
record labels exhaustively) and any of ``events``, ``quotes``, ``places``, ``dates``, each a
list of items whose spans are ``[start, end)`` character offsets into ``text``. A set is a
folder holding ``data.jsonl`` or the ``.jsonl`` file itself.

The coder may clean a text (quotes, spaces) before coding it, so offsets are carried from
the gold text to the coded text by an :class:`Alignment`; gold material the cleaning
removed stays in the gold and counts as missed.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.evaluate.gsr import GoldError
from tidings.model import Article, ArticleRecord

Span = tuple[int, int]
CAPABILITIES = ("events", "quotes", "places", "dates")


@dataclass(frozen=True)
class GoldEvent:
    plover: tuple[str, ...]  # acceptable PLOVER types; empty with no cameo = not political
    cameo_roots: tuple[str, ...] | None  # acceptable CAMEO roots; when given, match on these
    sources: tuple[str, ...] | None  # acceptable source countries (ISO alpha-3 or IGO)
    targets: tuple[str, ...] | None
    trigger: Span | None
    note: str = ""

    @property
    def political(self) -> bool:
        return bool(self.plover) or bool(self.cameo_roots)

    @property
    def symmetric(self) -> bool:
        """Equal lists on both sides: a meeting or talks, where either actor may match."""
        return bool(self.sources) and set(self.sources) == set(self.targets or ())

    @property
    def label(self) -> str:
        """The name this event is counted under in per-type tables."""
        if self.cameo_roots:
            return "CAMEO " + "/".join(self.cameo_roots)
        return self.plover[0] if self.plover else "not political"


@dataclass(frozen=True)
class GoldQuote:
    span: Span
    speaker: str | None
    speaker_spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class GoldPlace:
    span: Span
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    note: str = ""


@dataclass(frozen=True)
class GoldDate:
    span: Span
    value: str | None
    type: str  # DATE is scored; TIME, DURATION, SET are listed so overlaps are ignored
    note: str = ""


@dataclass(frozen=True)
class DevRecord:
    id: str
    date: str | None
    text: str
    annotates: frozenset[str]
    events: tuple[GoldEvent, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    places: tuple[GoldPlace, ...] = ()
    dates: tuple[GoldDate, ...] = ()

    def article(self) -> Article:
        return Article(id=self.id, text=self.text, date=self.date)


@dataclass(frozen=True)
class DevSet:
    name: str
    path: Path
    records: tuple[DevRecord, ...]

    @property
    def capabilities(self) -> tuple[str, ...]:
        found = set().union(*(r.annotates for r in self.records)) if self.records else set()
        return tuple(c for c in CAPABILITIES if c in found)


def is_devset(path: Path) -> bool:
    """A folder with data.jsonl, or a JSONL file (the GSR is one JSON list instead)."""
    if path.is_dir():
        return (path / "data.jsonl").is_file()
    return path.suffix in (".jsonl", ".ndjson")


def load_devset(path: str | Path) -> DevSet:
    p = Path(path)
    data = p / "data.jsonl" if p.is_dir() else p
    name = p.name if p.is_dir() else (p.parent.name if p.stem == "data" else p.stem)
    try:
        lines = data.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise GoldError(f"development set not found: {data} (give a folder holding data.jsonl "
                        "or the .jsonl file)") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"development set cannot be read: {data} ({exc})") from exc
    records = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = _record(json.loads(line))
        except (json.JSONDecodeError, GoldError, TypeError, ValueError, KeyError) as exc:
            raise GoldError(f"{data}:{n}: not a development record ({exc}); see the format in "
                            "the set's README") from exc
        if rec.id in seen:
            raise GoldError(f"{data}:{n}: id {rec.id!r} appears twice: ids must be unique")
        seen.add(rec.id)
        records.append(rec)
    if not records:
        raise GoldError(f"no records in {data}")
    return DevSet(name, p, tuple(records))


def _span(value: object) -> Span | None:
    if value is None:
        return None
    if (not isinstance(value, Sequence) or len(value) != 2
            or not all(isinstance(x, int) for x in value) or value[0] > value[1]):
        raise GoldError(f"a span must be [start, end], got {value!r}")
    return (value[0], value[1])


def _codes(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _record(obj: object) -> DevRecord:
    if not isinstance(obj, Mapping):
        raise GoldError("each line must be a JSON object")
    text = obj["text"]
    if not isinstance(text, str):
        raise GoldError('"text" must be a string')
    events = tuple(
        GoldEvent(tuple(e.get("plover") or ()), _codes(e.get("cameo_root")) or None,
                  _codes(e.get("source_country")), _codes(e.get("target_country")),
                  _span(e.get("trigger")), str(e.get("note") or ""))
        for e in obj.get("events") or ())
    quotes = tuple(
        GoldQuote(_span(q["span"]), q.get("speaker"),
                  tuple(s for s in (_span(x) for x in q.get("speaker_spans") or ()) if s))
        for q in obj.get("quotes") or ())
    places = tuple(
        GoldPlace(_span(p["span"]), str(p.get("name") or ""), p.get("country"),
                  _float(p.get("lat")), _float(p.get("lon")), str(p.get("note") or ""))
        for p in obj.get("places") or ())
    dates = tuple(
        GoldDate(_span(d["span"]), d.get("value"), str(d.get("type") or "DATE"), str(d.get("note") or ""))
        for d in obj.get("dates") or ())
    return DevRecord(str(obj["id"]), obj.get("date"), text, frozenset(obj.get("annotates") or ()),
                     events, quotes, places, dates)


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


class Alignment:
    """Offsets in the gold text carried to the coded text (identity when they are equal)."""

    def __init__(self, gold: str, coded: str) -> None:
        self._same = gold == coded
        self._len = len(gold)
        if self._same:
            return
        table: list[int | None] = [None] * (len(gold) + 1)
        matcher = difflib.SequenceMatcher(None, gold, coded, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                table[i1:i2] = range(j1, j1 + (i2 - i1))
            elif tag == "replace":  # a changed character (a curly quote made straight) keeps its place
                table[i1:i2] = [j1 + min(k, j2 - j1 - 1) for k in range(i2 - i1)]
        table[len(gold)] = len(coded)
        self._table = table

    def offset(self, i: int) -> int | None:
        if self._same:
            return i
        return self._table[max(0, min(i, self._len))]

    def span(self, span: Span | None) -> Span | None:
        """The coded span of a gold span, or None when the cleaning removed all of it."""
        if span is None:
            return None
        if self._same:
            return span
        start, end = self.offset(span[0]), self.offset(span[1])
        if start is not None and end is not None and end > start:
            return (start, end)
        kept = [o for o in (self.offset(i) for i in range(*span)) if o is not None]
        return (kept[0], kept[-1] + 1) if kept else None


def sentence_of(record: ArticleRecord, offset: int) -> int | None:
    """Index of the coded sentence holding a character offset."""
    for s in record.sentences:
        if s.start <= offset < s.end:
            return s.index
    return None


def overlaps(a: Span | None, b: Span | None) -> int:
    """Characters two spans share (0 when either is missing)."""
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
