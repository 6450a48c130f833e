"""Typed records passed between pipeline stages.

Every stage takes and returns these frozen dataclasses; nothing passes tuples or
nested dicts around. ``to_dict`` turns any of them into the JSON shape published in
``tidings/schema/record.schema.json``. Spans are ``(start, end)`` character offsets
into ``ArticleRecord.text`` (end exclusive).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

Span = tuple[int, int]
T = TypeVar("T")


@dataclass(frozen=True)
class Article:
    """One article as it enters the pipeline: cleaned text plus metadata."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date of publication, "YYYY-MM-DD"
    url: str | None = None
    source: str | None = None  # where it came from: file name, feed, WARC URI


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """One place in the text where an actor is named or referred to."""

    span: Span
    text: str
    sentence: int
    how: str  # dictionary | title | name_chain | pronoun | demonym | capital


@dataclass(frozen=True)
class Actor:
    """An actor of the article with all its mentions."""

    name: str  # canonical name: "James Mattis", "Japan", "North Korea"
    code: str  # CAMEO actor code: country + role, e.g. USAGOV, PRKMIL, IGOUNO
    country: str | None  # ISO 3166 alpha-3, or None for international bodies
    role: str | None  # GOV, MIL, REB, COP, ...
    kind: str  # country | person | organisation | group
    resolved_by: str  # dictionary | title | name_chain | demonym | capital
    mentions: tuple[Mention, ...] = ()


UNIDENTIFIED = "unidentified"  # ActorRef.name of an event's doer that its sentence does not name


@dataclass(frozen=True)
class ActorRef:
    """An actor as it takes part in one event or speaks one quote."""

    text: str  # the words in the sentence
    name: str
    code: str | None  # None only for a quote speaker we could not code ("analysts")
    country: str | None
    role: str | None
    span: Span


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    kind: str  # country | city | region | demonym | embedded (in an outlet's name: "Washington Post")
    span: Span | None = None
    sentence: int | None = None
    geonames_id: int | None = None  # GeoNames id of towns, countries and US states
    admin1: str | None = None  # the province or state it lies in (or is): "Ontario", "Texas"
    admin1_code: str | None = None  # GeoNames' key of that province or state: "CA.08", "US.TX"


@dataclass(frozen=True)
class DateRef:
    """A time expression and what it means relative to the article date."""

    text: str
    span: Span
    sentence: int
    value: str | None  # ISO, partial allowed: "2017-02-02", "2017-01", "2016"
    start: str | None = None  # range start (ISO day) for weeks, months, years
    end: str | None = None  # range end, inclusive
    granularity: str = "day"  # day | week | month | quarter | year | decade | unknown


@dataclass(frozen=True)
class Tone:
    """How positive the article's words are, as GDELT's tone: per cent of its words that
    are positive minus per cent that are negative (``tidings/extract/tone.py``)."""

    score: float  # positive - negative
    positive: float  # per cent of the words
    negative: float
    words: int


@dataclass(frozen=True)
class Count:
    value: float
    text: str  # the number as written: "Some 47,000"
    what: str  # what is counted: "US troops"
    location: str | None  # ISO alpha-3 of where, when the sentence says
    span: Span
    sentence: int


@dataclass(frozen=True)
class Quote:
    text: str  # the words inside the quotation marks
    span: Span  # span of the quoted words (without the marks)
    speaker: ActorRef | None
    cue: str | None  # said, told, added, warned...
    sentence: int


@dataclass(frozen=True)
class Event:
    source: ActorRef
    target: ActorRef | None
    cameo: str
    cameo_root: str
    cameo_name: str
    plover: str | None
    quad_class: int
    goldstein: float
    date: str | None
    date_text: str | None
    sentence: int
    span: Span  # the sentence span in the text
    verb: str  # the event words as written, e.g. "accused ... of"
    verb_span: Span
    location: Place | None
    negated: bool
    confidence: float
    rule: str  # the pattern that fired, e.g. "verbs.tsv:123 accuse+of"
    mode: str | None = None  # PLOVER mode of the event's code: "demo", "arrest", "visit" ...
    context: tuple[str, ...] = ()  # PLOVER contexts of the code: "legal", "military" ...


@dataclass(frozen=True, repr=False)
class ArticleRecord:
    id: str
    title: str | None
    date: str | None
    url: str | None
    text: str
    sentences: tuple[Sentence, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    counts: tuple[Count, ...] = ()
    dates: tuple[DateRef, ...] = ()
    places: tuple[Place, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    tone: Tone | None = None

    def __repr__(self) -> str:  # a record holds the whole article: show what it is, not all of it
        title = (self.title or "")[:60]
        return (f"ArticleRecord(id={self.id!r}, date={self.date!r}, title={title!r}, "
                f"{len(self.events)} events, {len(self.quotes)} quotes, {len(self.actors)} actors, "
                f"{len(self.places)} places, {len(self.dates)} dates, {len(self.sentences)} sentences)")

    def to_dict(self) -> dict[str, Any]:
        """Every field as JSON-ready values (nested dicts and lists), sentences included;
        ``record_from_dict`` turns it back into the record."""
        return to_dict(self)

    def to_json(self, indent: int | None = None) -> str:
        """The record as JSON (see :meth:`to_dict`)."""
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


@dataclass(frozen=True)
class Failure:
    """One input or article that could not be read, coded or stored, and why: the one
    type every stage uses for a per-article error (the run goes on)."""

    article_id: str | None
    source: str | None  # the input it came from: file, file:line, feed, WARC URI
    reason: str  # one line saying what is wrong and what to do
    stage: str = "input"  # input | coder | store


@dataclass(frozen=True)
class Coded:
    """An article that was coded elsewhere (a ``tidings spark`` output), with its record:
    the store takes it as it is, without coding it again."""

    article: Article
    record: ArticleRecord


_PLAIN = frozenset({str, int, float, bool, type(None)})


def to_dict(obj: Any) -> Any:
    """Turn a record (or any dataclass / tuple of them) into JSON-ready values."""
    cls = type(obj)
    if cls in _PLAIN:
        return obj
    if cls is tuple or cls is list:
        return [to_dict(x) for x in obj]
    names = _field_names(cls)
    if names is not None:
        return {n: to_dict(getattr(obj, n)) for n in names}
    if isinstance(obj, (tuple, list)):
        return [to_dict(x) for x in obj]
    return obj


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names in order (None for any other type), once per class."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def record_from_dict(d: dict[str, Any]) -> ArticleRecord:
    """The inverse of ``to_dict`` / ``output.record_dict(rec, with_sentences=True)``:
    nested dicts become the frozen dataclasses again, lists tuples (spans too). A field
    left out (``record_dict`` drops empty warnings) takes its default."""
    return from_dict(ArticleRecord, d)


def from_dict(cls: type[T], d: dict[str, Any]) -> T:
    """A dataclass of type ``cls`` from ``to_dict`` output, by the fields' type hints."""
    hints = _hints(cls)
    return cls(**{k: _build(hints[k], v) for k, v in d.items()})


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):  # X | None
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(args[0], value) if len(args) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], v) for v in value)
        return tuple(_build(a, v) for a, v in zip(args, value, strict=True))
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return from_dict(tp, value)
    return value
