"""Quotes and speakers, places, dates: the coder's spans scored on development sets.

Each scorer takes the development records and the coder's output records by id (a record
with no output is an empty prediction) and scores only the records whose ``annotates``
lists its capability. Gold offsets are carried to the coded text by an
:class:`~tidings.evaluate.devset.Alignment`; gold material the cleaning removed counts as
missed.

- :func:`score_quotes`: span precision (predicted quotes overlapping a gold quote), recall
  (gold quotes overlapped by a predicted quote), F1; speaker accuracy on the recalled gold
  quotes that name a speaker, judged on the best-overlapping predicted quote: right when
  its speaker's span overlaps a gold speaker mention or the last word of its name (titles
  and pronouns aside) is a word of the gold speaker's name; no speaker is wrong.
- :func:`score_places`: gold places matched one-to-one to predicted places, largest
  overlap first (a predicted place without a span matches an unmatched gold place of the
  same name or text); mention recall, indicative precision, country accuracy, acc@161km
  (great-circle distance, no coordinates = wrong), end-to-end acc@161, acc@161 by the
  coder's kind of place and recall by the gold note.
- :func:`score_dates`: gold items of type DATE; a predicted date overlapping only other
  types (TIME, DURATION, SET) is ignored. Strict extent (same span once surrounding
  whitespace is trimmed) and relaxed extent (overlap, one-to-one, largest first) P/R/F1;
  value accuracy on relaxed matches with a gold value, and the share of valued gold dates
  found with the right value.

Every score has ``summary()`` (figures rounded to 3 decimals, None where nothing was
there to count) and ``errors(limit)``: examples of each kind of error as dicts with
``id``, ``kind``, ``gold``, ``coded`` and ``text`` (a snippet with the span in [[ ]]).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tidings.evaluate.devset import Alignment, DevRecord, GoldDate, GoldPlace, GoldQuote, overlaps
from tidings.model import ActorRef, ArticleRecord, DateRef, Place, Quote

Span = tuple[int, int]

EARTH_RADIUS_KM = 6371.0
NEAR_KM = 161.0  # 100 miles: the usual threshold of toponym resolution
SNIPPET_WIDTH = 50

# Words that are never the speaker's name: titles, articles and pronouns.
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "president", "jr", "sr",
                    "prof", "gen", "lt", "col", "the", "a", "an", "of", "and"})
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us",
                      "me", "his", "their", "its"})
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


# ----------------------------------------------------------------------------- shared parts
@dataclass(frozen=True)
class Miss:
    """One example of an error, for a --misses file."""

    id: str
    kind: str
    gold: Any
    coded: Any
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "gold": self.gold, "coded": self.coded,
                "text": self.text}


@dataclass(frozen=True)
class _Case:
    """One scored record: the gold, the coder's record (None when missing) and the text
    the coder's offsets refer to."""

    gold: DevRecord
    coded: ArticleRecord | None
    text: str
    align: Alignment


def _cases(records: Sequence[DevRecord], outputs: Mapping[str, ArticleRecord],
           capability: str) -> Iterator[_Case]:
    for rec in records:
        if capability not in rec.annotates:
            continue
        coded = outputs.get(rec.id)
        text = coded.text if coded is not None and coded.text else rec.text
        yield _Case(rec, coded, text, Alignment(rec.text, text))


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _prf(right_predicted: int, predicted: int, right_gold: int, gold: int) -> tuple[float, float, float]:
    p = right_predicted / predicted if predicted else 0.0
    r = right_gold / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def _snippet(text: str, span: Span | None) -> str:
    if span is None:
        return "(removed by cleaning)"
    start, end = span
    left, right = max(0, start - SNIPPET_WIDTH), min(len(text), end + SNIPPET_WIDTH)
    inside = text[start:end]
    if len(inside) > 3 * SNIPPET_WIDTH:  # a long quote: its start and its end
        inside = inside[:SNIPPET_WIDTH] + " … " + inside[-SNIPPET_WIDTH:]
    out = (("…" if left else "") + text[left:start] + "[[" + inside + "]]"
           + text[end:right] + ("…" if right < len(text) else ""))
    return out.replace("\n", " ")


def _examples(misses: Sequence[Miss], limit: int | None) -> list[dict[str, Any]]:
    """Up to ``limit`` misses of each kind (all with None), in the order they were found."""
    taken: Counter[str] = Counter()
    out = []
    for m in misses:
        if limit is not None and taken[m.kind] >= limit:
            continue
        taken[m.kind] += 1
        out.append(m.as_dict())
    return out


def match_one_to_one(gold: Sequence[Span | None], predicted: Sequence[Span | None]) -> dict[int, int]:
    """Pairs ``{gold index: predicted index}`` by character overlap, the largest overlap
    first (ties: earlier gold, then earlier prediction); each side is used once."""
    candidates = sorted(
        (-overlaps(g, p), gi, pi)
        for gi, g in enumerate(gold) for pi, p in enumerate(predicted)
        if overlaps(g, p) > 0)
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in pairs and pi not in used:
            pairs[gi] = pi
            used.add(pi)
    return pairs


# ----------------------------------------------------------------------------- quotes
@dataclass(frozen=True)
class QuoteScore:
    records: int = 0
    gold: int = 0
    predicted: int = 0
    predicted_right: int = 0  # predicted quotes overlapping some gold quote
    recalled: int = 0  # gold quotes overlapped by some predicted quote
    speaker_n: int = 0  # recalled gold quotes with a speaker
    speaker_right: int = 0
    no_speaker: int = 0  # ... whose best predicted quote has no speaker
    misses: tuple[Miss, ...] = field(default=(), repr=False)

    def summary(self) -> dict[str, Any]:
        p, r, f = _prf(self.predicted_right, self.predicted, self.recalled, self.gold)
        return {"records": self.records, "gold": self.gold, "predicted": self.predicted,
                "precision": p, "recall": r, "f1": f,
                "speaker_accuracy": _ratio(self.speaker_right, self.speaker_n),
                "speaker_n": self.speaker_n, "no_speaker": self.no_speaker,
                "speaker_accuracy_when_given": _ratio(self.speaker_right,
                                                      self.speaker_n - self.no_speaker)}

    def errors(self, limit: int | None = 10) -> list[dict[str, Any]]:
        return _examples(self.misses, limit)


def _words(name: str) -> list[str]:
    """Lower-case words of a name, without full stops or a possessive ending."""
    out = []
    for w in _WORD.findall(name):
        w = _POSSESSIVE.sub("", w.lower()).strip(".'’-")
        if w:
            out.append(w)
    return out


def last_name_word(name: str) -> str | None:
    """The last word of a speaker's name that is neither a title nor a pronoun."""
    words = [w for w in _words(name) if w not in TITLES]
    if not words or words[-1] in PRONOUNS:
        return None
    return words[-1]


def speaker_right(speaker: ActorRef | None, gold: GoldQuote, gold_text: str,
                  align: Alignment) -> bool:
    """Whether a predicted speaker is the gold quote's speaker (see the module doc)."""
    if speaker is None:
        return False
    if any(overlaps(speaker.span, align.span(s)) for s in gold.speaker_spans):
        return True
    name = gold.speaker or " ".join(gold_text[a:b] for a, b in gold.speaker_spans)
    gold_words = set(_words(name)) - TITLES
    return any(last_name_word(n) in gold_words for n in (speaker.name, speaker.text) if n)


def _best_quote(span: Span | None, predicted: Sequence[Quote]) -> Quote | None:
    """The predicted quote sharing most characters with ``span`` (the first on a tie)."""
    best, most = None, 0
    for q in predicted:
        shared = overlaps(q.span, span)
        if shared > most:
            best, most = q, shared
    return best


def _speaker_name(speaker: ActorRef | None) -> str | None:
    return None if speaker is None else (speaker.name or speaker.text)


def _score_quote_case(case: _Case, tally: Counter[str], misses: list[Miss]) -> None:
    rid, text = case.gold.id, case.text
    predicted = case.coded.quotes if case.coded else ()
    golds = case.gold.quotes
    spans = [case.align.span(g.span) for g in golds]
    tally["gold"] += len(golds)
    tally["predicted"] += len(predicted)
    for q in predicted:
        if any(overlaps(q.span, s) for s in spans):
            tally["predicted_right"] += 1
        else:
            misses.append(Miss(rid, "spurious quote", None, _speaker_name(q.speaker),
                               _snippet(text, q.span)))
    for g, span in zip(golds, spans, strict=True):
        best = _best_quote(span, predicted)
        if best is None:
            misses.append(Miss(rid, "missed quote", g.speaker, None, _snippet(text, span)))
            continue
        tally["recalled"] += 1
        if not (g.speaker or g.speaker_spans):
            continue
        tally["speaker_n"] += 1
        if best.speaker is None:
            tally["no_speaker"] += 1
            misses.append(Miss(rid, "no speaker", g.speaker, None, _snippet(text, span)))
        elif speaker_right(best.speaker, g, case.gold.text, case.align):
            tally["speaker_right"] += 1
        else:
            misses.append(Miss(rid, "wrong speaker", g.speaker, _speaker_name(best.speaker),
                               _snippet(text, span)))


def score_quotes(records: Sequence[DevRecord], outputs: Mapping[str, ArticleRecord]) -> QuoteScore:
    tally: Counter[str] = Counter()
    misses: list[Miss] = []
    for case in _cases(records, outputs, "quotes"):
        tally["records"] += 1
        _score_quote_case(case, tally, misses)
    return QuoteScore(**tally, misses=tuple(misses))


# ----------------------------------------------------------------------------- places
@dataclass(frozen=True)
class PlaceScore:
    records: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0  # one-to-one pairs of a gold and a predicted place
    country_n: int = 0  # matched pairs whose gold place has a country
    country_right: int = 0
    geo: int = 0  # gold places with coordinates
    distance_n: int = 0  # matched pairs whose gold place has coordinates
    near: int = 0  # ... with the prediction within 161 km
    no_coordinates: int = 0  # ... with a prediction without coordinates
    # kind of the predicted place -> [pairs with gold coordinates, near]
    by_kind: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    # gold note group -> [gold places, matched]
    by_note: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    misses: tuple[Miss, ...] = field(default=(), repr=False)

    def summary(self) -> dict[str, Any]:
        return {"records": self.records, "gold": self.gold, "predicted": self.predicted,
                "mention_recall": _ratio(self.matched, self.gold),
                "precision": _ratio(self.matched, self.predicted),
                "country_accuracy": _ratio(self.country_right, self.country_n),
                "country_n": self.country_n,
                "acc161": _ratio(self.near, self.distance_n), "acc161_n": self.distance_n,
                "no_coordinates": self.no_coordinates,
                "e2e_acc161": _ratio(self.near, self.geo), "geo_n": self.geo,
                "acc161_by_kind": {k: {"acc161": _ratio(ok, n), "n": n}
                                   for k, (n, ok) in sorted(self.by_kind.items())},
                "recall_by_note": {k: {"recall": _ratio(hit, n), "n": n}
                                   for k, (n, hit) in sorted(self.by_note.items())}}

    def errors(self, limit: int | None = 10) -> list[dict[str, Any]]:
        return _examples(self.misses, limit)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def note_group(note: str) -> str:
    """The label a gold note is counted under: its first ``;`` part without
    parentheses ("GeoWebNews Literal; GeoNames 123" -> "GeoWebNews Literal")."""
    head = re.sub(r"\s*\([^)]*\)", "", note.split(";")[0]).strip()
    return head or "(no note)"


def _match_places(case: _Case, gold_spans: Sequence[Span | None],
                  predicted: Sequence[Place]) -> dict[int, int]:
    """One-to-one by overlap; then a predicted place without a span takes the first
    unmatched gold place with its name or text."""
    pairs = match_one_to_one(gold_spans, [p.span for p in predicted])
    for pi, p in enumerate(predicted):
        if p.span is not None or not p.name:
            continue
        name = p.name.strip().lower()
        for gi, g in enumerate(case.gold.places):
            span = gold_spans[gi]
            written = case.text[span[0]:span[1]].strip().lower() if span else ""
            if gi not in pairs and name in (g.name.strip().lower(), written):
                pairs[gi] = pi
                break
    return pairs


def _place_label(p: Place) -> list[Any]:
    return [p.name, p.country, p.lat, p.lon, p.kind]


def _gold_label(g: GoldPlace) -> list[Any]:
    return [g.name, g.country, g.lat, g.lon]


def _score_distance(lat: float, lon: float, p: Place, tally: Counter[str],
                    kinds: dict[str, list[int]]) -> float | None:
    """Count a matched pair whose gold place is at (lat, lon); the distance, or None
    when the prediction has no coordinates."""
    kind = kinds.setdefault(p.kind or "?", [0, 0])
    tally["distance_n"] += 1
    kind[0] += 1
    if p.lat is None or p.lon is None:
        tally["no_coordinates"] += 1
        return None
    km = haversine_km(lat, lon, p.lat, p.lon)
    if km <= NEAR_KM:
        tally["near"] += 1
        kind[1] += 1
    return km


def _score_pair(case: _Case, g: GoldPlace, p: Place, snippet: str, tally: Counter[str],
                kinds: dict[str, list[int]], misses: list[Miss]) -> None:
    rid = case.gold.id
    if g.country:
        tally["country_n"] += 1
        if (p.country or "").upper() == g.country.upper():
            tally["country_right"] += 1
        else:
            misses.append(Miss(rid, "wrong country", _gold_label(g), _place_label(p), snippet))
    if g.lat is None or g.lon is None:
        return
    km = _score_distance(g.lat, g.lon, p, tally, kinds)
    if km is None:
        misses.append(Miss(rid, "no coordinates", _gold_label(g), _place_label(p), snippet))
    elif km > NEAR_KM:
        misses.append(Miss(rid, f"far (>{NEAR_KM:.0f} km)", _gold_label(g),
                           _place_label(p) + [round(km)], snippet))


def _score_place_case(case: _Case, tally: Counter[str], kinds: dict[str, list[int]],
                      notes: dict[str, list[int]], misses: list[Miss]) -> None:
    predicted = case.coded.places if case.coded else ()
    golds = case.gold.places
    spans = [case.align.span(g.span) for g in golds]
    pairs = _match_places(case, spans, predicted)
    tally["gold"] += len(golds)
    tally["predicted"] += len(predicted)
    tally["matched"] += len(pairs)
    for gi, g in enumerate(golds):
        note = notes.setdefault(note_group(g.note), [0, 0])
        note[0] += 1
        tally["geo"] += g.lat is not None and g.lon is not None
        snippet = _snippet(case.text, spans[gi])
        if gi not in pairs:
            misses.append(Miss(case.gold.id, "missed place", _gold_label(g), None, snippet))
            continue
        note[1] += 1
        _score_pair(case, g, predicted[pairs[gi]], snippet, tally, kinds, misses)


def score_places(records: Sequence[DevRecord], outputs: Mapping[str, ArticleRecord]) -> PlaceScore:
    tally: Counter[str] = Counter()
    kinds: dict[str, list[int]] = {}
    notes: dict[str, list[int]] = {}
    misses: list[Miss] = []
    for case in _cases(records, outputs, "places"):
        tally["records"] += 1
        _score_place_case(case, tally, kinds, notes, misses)
    return PlaceScore(**tally, by_kind={k: (n, ok) for k, (n, ok) in kinds.items()},
                      by_note={k: (n, hit) for k, (n, hit) in notes.items()},
                      misses=tuple(misses))


# ----------------------------------------------------------------------------- dates
@dataclass(frozen=True)
class DateScore:
    records: int = 0
    gold: int = 0  # gold DATE items
    removed: int = 0  # ... whose text the coder's cleaning removed
    predicted: int = 0  # predicted dates, less those overlapping only non-DATE gold items
    strict: int = 0  # pairs with the same trimmed span
    relaxed: int = 0  # pairs by overlap
    value_n: int = 0  # relaxed pairs whose gold has a value
    value_right: int = 0
    value_gold: int = 0  # gold DATEs with a value
    misses: tuple[Miss, ...] = field(default=(), repr=False)

    def summary(self) -> dict[str, Any]:
        sp, sr, sf = _prf(self.strict, self.predicted, self.strict, self.gold)
        rp, rr, rf = _prf(self.relaxed, self.predicted, self.relaxed, self.gold)
        return {"records": self.records, "gold": self.gold, "predicted": self.predicted,
                "removed": self.removed,
                "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
                "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
                "value_accuracy": _ratio(self.value_right, self.value_n), "value_n": self.value_n,
                "value_found_right": _ratio(self.value_right, self.value_gold),
                "value_gold": self.value_gold}

    def errors(self, limit: int | None = 10) -> list[dict[str, Any]]:
        return _examples(self.misses, limit)


def trim(text: str, span: Span | None) -> Span | None:
    """The span without surrounding whitespace, or None when nothing is left."""
    if span is None:
        return None
    start, end = max(0, span[0]), min(len(text), span[1])
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _same_spans(gold: Sequence[Span | None], predicted: Sequence[Span | None]) -> dict[int, int]:
    """One-to-one pairs with identical spans."""
    free: dict[Span, list[int]] = {}
    for pi, p in enumerate(predicted):
        if p is not None:
            free.setdefault(p, []).append(pi)
    pairs = {}
    for gi, g in enumerate(gold):
        if g is not None and free.get(g):
            pairs[gi] = free[g].pop(0)
    return pairs


def _scored_dates(case: _Case) -> tuple[list[GoldDate], list[Span | None], list[DateRef], list[Span | None]]:
    """Gold DATEs with their trimmed coded spans, and the predicted dates that count with
    theirs (not those overlapping only non-DATE gold items)."""
    golds, gold_spans, others = [], [], []
    for g in case.gold.dates:
        span = trim(case.text, case.align.span(g.span))
        if g.type == "DATE":
            golds.append(g)
            gold_spans.append(span)
        elif span is not None:
            others.append(span)
    preds, pred_spans = [], []
    for d in case.coded.dates if case.coded else ():
        span = trim(case.text, d.span)
        on_date = any(overlaps(span, s) for s in gold_spans)
        if not on_date and any(overlaps(span, s) for s in others):
            continue
        preds.append(d)
        pred_spans.append(span)
    return golds, gold_spans, preds, pred_spans


def _score_date_case(case: _Case, tally: Counter[str], misses: list[Miss]) -> None:
    rid, text = case.gold.id, case.text
    golds, gold_spans, preds, pred_spans = _scored_dates(case)
    strict = _same_spans(gold_spans, pred_spans)
    relaxed = match_one_to_one(gold_spans, pred_spans)
    tally["gold"] += len(golds)
    tally["removed"] += sum(s is None for s in gold_spans)
    tally["predicted"] += len(preds)
    tally["strict"] += len(strict)
    tally["relaxed"] += len(relaxed)
    for gi, g in enumerate(golds):
        span = gold_spans[gi]
        tally["value_gold"] += bool(g.value)
        if gi not in relaxed:
            misses.append(Miss(rid, "missed date", g.value, None, _snippet(text, span)))
            continue
        p, pspan = preds[relaxed[gi]], pred_spans[relaxed[gi]]
        if gi not in strict and span is not None and pspan is not None:
            misses.append(Miss(rid, "extent", text[span[0]:span[1]], text[pspan[0]:pspan[1]],
                               _snippet(text, span)))
        if not g.value:
            continue
        tally["value_n"] += 1
        if p.value == g.value:
            tally["value_right"] += 1
        else:
            misses.append(Miss(rid, "wrong value", g.value, [p.value, p.text], _snippet(text, span)))
    matched = set(relaxed.values())
    for pi, p in enumerate(preds):
        if pi not in matched:
            misses.append(Miss(rid, "spurious date", None, p.value, _snippet(text, pred_spans[pi])))


def score_dates(records: Sequence[DevRecord], outputs: Mapping[str, ArticleRecord]) -> DateScore:
    tally: Counter[str] = Counter()
    misses: list[Miss] = []
    for case in _cases(records, outputs, "dates"):
        tally["records"] += 1
        _score_date_case(case, tally, misses)
    return DateScore(**tally, misses=tuple(misses))
