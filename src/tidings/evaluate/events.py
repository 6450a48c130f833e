"""Events against a development set: type P/R/F1 per type, actor countries, false alarms.

A gold event lists acceptable PLOVER types, or acceptable CAMEO roots (then the match is on
the coded event's CAMEO root). Gold events with a trigger are matched in the trigger's
sentence; without one, anywhere in the record.

- scope: when every gold event of a record has a trigger, only coded events in those
  sentences are scored (the rest of the record is not labelled);
- right (true positive): a political gold event with a coded event of an acceptable type
  in its sentence; missed otherwise;
- spurious: each distinct (sentence, type) among scored coded events that matches no gold
  event. The sets label one main event per sentence, so precision is a lower bound;
- source and target country accuracy on found gold events that name countries: right when
  a matching coded event has a country in the gold list (either actor when the gold is
  symmetric, as for meetings and talks);
- false alarms: annotated non-political mentions whose sentence got any coded event.

Every scored coded event also gives a (confidence, right) pair for the reliability table.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tidings.evaluate.calibration import Reliability, reliability
from tidings.evaluate.devset import Alignment, DevRecord, GoldEvent, Span
from tidings.evaluate.gsr import actor_country, normalise_code
from tidings.model import ArticleRecord, Event
from tidings.rules.calibration import Calibration


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class EventScore:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    per_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    source: Counter = field(default_factory=Counter)  # n, right
    target: Counter = field(default_factory=Counter)
    non_political: int = 0
    alarms: int = 0
    pairs: list[tuple[float, bool]] = field(default_factory=list)
    triples: list[tuple[str, float, bool]] = field(default_factory=list)  # (kind, confidence, right)
    misses: list[dict] = field(default_factory=list)

    def summary(self) -> dict[str, float | int]:
        p, r, f1 = _prf(self.tp, self.fp, self.fn)
        out: dict[str, float | int] = {
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "tp": self.tp, "fp": self.fp, "gold": self.tp + self.fn,
            "source_accuracy": _share(self.source), "source_n": self.source["n"],
            "target_accuracy": _share(self.target), "target_n": self.target["n"],
            # the same, over matched events that name a country on that side at all
            "source_accuracy_known": _share_known(self.source), "source_unknown": _unknown(self.source),
            "target_accuracy_known": _share_known(self.target), "target_unknown": _unknown(self.target),
        }
        if self.non_political:
            out["false_alarms"] = round(self.alarms / self.non_political, 3)
            out["non_political"] = self.non_political
        out["ece"] = round(self.reliability().ece, 3)
        return out

    def type_rows(self) -> list[dict[str, float | int | str]]:
        rows = []
        for label in sorted(self.per_type):
            c = self.per_type[label]
            p, r, f1 = _prf(c["tp"], c["fp"], c["fn"])
            rows.append({"type": label, "gold": c["tp"] + c["fn"], "tp": c["tp"], "fp": c["fp"],
                         "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)})
        return rows

    def reliability(self) -> Reliability:
        return reliability(self.pairs)


def _share(c: Counter) -> float:
    return round(c["right"] / c["n"], 3) if c["n"] else 0.0


def _share_known(c: Counter) -> float:
    return round(c["right"] / c["known"], 3) if c["known"] else 0.0


def _unknown(c: Counter) -> float:
    return round(1 - c["known"] / c["n"], 3) if c["n"] else 0.0


def _accepts(gold: GoldEvent, event: Event) -> bool:
    if gold.cameo_roots:
        return (event.cameo_root or event.cameo[:2]) in gold.cameo_roots
    return event.plover in gold.plover


def _countries(codes: tuple[str, ...] | None) -> set[str]:
    return {normalise_code(c) for c in codes or ()}


def _country_right(gold: GoldEvent, found: Sequence[Event], side: str) -> bool:
    wanted = _countries(gold.sources if side == "source" else gold.targets)
    for e in found:
        refs = (e.source, e.target) if gold.symmetric else ((e.source,) if side == "source" else (e.target,))
        if any(actor_country(ref) in wanted for ref in refs if ref is not None):
            return True
    return False


def _side_code(e: Event, side: str) -> str | None:
    ref = e.source if side == "source" else e.target
    return ref.code if ref is not None else None


def _country_known(gold: GoldEvent, found: Sequence[Event], side: str) -> bool:
    """Some matched event gives that side a country at all (an unidentified doer, "shops
    were looted", has none: the reference figure counts it wrong, ``*_known`` leaves it out)."""
    for e in found:
        refs = (e.source, e.target) if gold.symmetric else ((e.source,) if side == "source" else (e.target,))
        if any(actor_country(ref) for ref in refs if ref is not None):
            return True
    return False


def score_events(records: Sequence[DevRecord], outputs: Mapping[str, ArticleRecord]) -> EventScore:
    score = EventScore()
    groups = {g.cameo_roots for r in records for g in r.events if g.cameo_roots}
    label = _labeller(groups)
    for rec in records:
        if "events" in rec.annotates:
            _score_record(score, rec, outputs.get(rec.id), label)
    return score


def _labeller(groups: set[tuple[str, ...]]):  # noqa: ANN202
    """Coded events are counted under a type; on a CAMEO-labelled set, under the gold's
    group of roots that holds the event's root (e.g. 09/10/11/12/13), so rows line up."""
    home = {root: "CAMEO " + "/".join(g) for g in sorted(groups, key=len) for root in g}

    def label(event: Event) -> str:
        if not groups:
            return str(event.plover)
        root = event.cameo_root or event.cameo[:2]
        return home.get(root, f"CAMEO {root}")
    return label


def _where(out: ArticleRecord | None, align: Alignment | None, g: GoldEvent) -> Span | None:
    """The coded sentence (as a span) holding a gold trigger: None for a record-level label,
    (-1, -1) when the coder's text lost the trigger."""
    if g.trigger is None:
        return None
    span = align.span(g.trigger) if align is not None else None
    if out is None or span is None:
        return (-1, -1)
    at = span[0]
    for s in out.sentences:
        if s.start <= at < s.end:
            return (s.start, s.end)
    for e in out.events:  # a record read back from JSON has no sentences: events carry theirs
        if e.span[0] <= at < e.span[1]:
            return tuple(e.span)
    return (at, at)  # a sentence with no coded event


def _score_record(score: EventScore, rec: DevRecord, out: ArticleRecord | None, label) -> None:  # noqa: ANN001
    events = out.events if out is not None else ()
    align = Alignment(rec.text, out.text) if out is not None else None
    where = [_where(out, align, g) for g in rec.events]
    scoped = bool(rec.events) and all(g.trigger is not None for g in rec.events)
    labelled = {w for w in where if w is not None}
    scored = [e for e in events if not scoped or tuple(e.span) in labelled]
    right: set[int] = set()  # ids of coded events that match a political gold event
    for g, sent in zip(rec.events, where, strict=True):
        here = [e for e in events if sent is None or tuple(e.span) == sent]
        if not g.political:
            score.non_political += 1
            score.alarms += bool(here)
            continue
        found = [e for e in here if _accepts(g, e)]
        right.update(id(e) for e in found)
        _count_gold(score, rec, g, found, here, label)
    _count_spurious(score, rec, out, scored, right, label)


def _count_spurious(score: EventScore, rec: DevRecord, out: ArticleRecord | None, scored: list[Event],
                    right: set[int], label) -> None:  # noqa: ANN001
    by_cameo = any(g.cameo_roots for g in rec.events)
    spurious: dict[tuple[tuple[int, ...], str], Event] = {}
    for e in scored:
        kind = (e.cameo_root or e.cameo[:2]) if by_cameo else e.plover
        if not kind:  # an event with no PLOVER type cannot be judged on a PLOVER-labelled set
            continue
        score.pairs.append((e.confidence, id(e) in right))
        score.triples.append((Calibration.kind_of(e.rule), e.confidence, id(e) in right))
        if id(e) not in right:
            spurious.setdefault((tuple(e.span), kind), e)
    for (span, _), e in sorted(spurious.items(), key=lambda kv: kv[0]):
        score.fp += 1
        score.per_type[label(e)]["fp"] += 1
        if len(score.misses) < 5000 and out is not None:
            score.misses.append({"id": rec.id, "error": "spurious", "coded": label(e), "verb": e.verb,
                                 "rule": e.rule, "sentence": out.text[span[0]:span[1]]})


def _count_gold(score: EventScore, rec: DevRecord, g: GoldEvent, found: list[Event],
                here: list[Event], label) -> None:  # noqa: ANN001
    if found:
        score.tp += 1
        score.per_type[g.label]["tp"] += 1
        for side, codes, tally in (("source", g.sources, score.source), ("target", g.targets, score.target)):
            if codes:
                right = _country_right(g, found, side)
                tally["n"] += 1
                tally["right"] += right
                tally["known"] += _country_known(g, found, side)
                if not right and len(score.misses) < 5000:  # which side went wrong, and to what
                    score.misses.append({"id": rec.id, "error": f"wrong {side}", "gold": g.label,
                                         "wanted": sorted(_countries(codes)),
                                         "coded": [[label(e), e.verb, e.rule, _side_code(e, side)] for e in found]})
        return
    score.fn += 1
    score.per_type[g.label]["fn"] += 1
    if len(score.misses) < 5000:
        start, end = g.trigger or (0, 0)
        score.misses.append({"id": rec.id, "error": "missed", "gold": g.label,
                             "trigger": rec.text[start:end] or None,
                             "coded": [[label(e), e.verb, e.rule] for e in here],
                             "note": g.note})
