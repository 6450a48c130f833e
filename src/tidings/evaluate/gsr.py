"""``tidings eval``: accuracy against a gold set in the PLOVER GSR format.

The PLOVER GSR (v0.5b1) uses some event labels that PLOVER later renamed or merged.
We score against the current 16 types with this documented mapping:

    DEMAND      -> REQUEST   (PLOVER 0.8 folds demands into REQUEST)
    DISAPPROVE  -> ACCUSE    (criticism and accusation are one type now)
    INVESTIGATE -> ACCUSE    (CAMEO 09 "investigate" maps to ACCUSE in CAMEO2PLOVER)
    FIGHT       -> ASSAULT   (conventional military force is ASSAULT now)

Other labels are unchanged. Old CAMEO country codes (JAP, ITL, ...) are read as their
ISO 3166 equivalents via ``countries.tsv``; IGO/NGO/... gold codes match any
international-body actor.

Metrics (the same definitions as the independent scorer in ``../shared/tools``):
- type accuracy: share of gold sentences where some coded event has the gold type;
- source accuracy: share where some event's source country is a gold source;
- target accuracy: over sentences with a gold target, share where some event's target
  country is a gold target;
- event precision/recall/F1: an event is correct when type, source and target (if the
  gold has one) all match; precision = correct sentences / all coded events,
  recall = correct sentences / gold sentences.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tidings.model import Article, ArticleRecord, Event
from tidings.rules import RuleSet
from tidings.rules.calibration import Calibration

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
INTERNATIONAL = {"IGO", "NGO", "UNO", "EUR", "NAT", "AFR", "ASN", "ARL", "IMG", "ISM", "MNC", "INT"}


class GoldError(ValueError):
    """The gold file cannot be read."""


@dataclass(frozen=True)
class GoldItem:
    id: str
    text: str
    date: str
    type: str
    sources: frozenset[str]
    targets: frozenset[str]


@dataclass
class Report:
    n: int = 0
    type_hits: int = 0
    source_hits: int = 0
    target_hits: int = 0
    n_target: int = 0
    event_hits: int = 0
    n_predicted: int = 0
    per_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    confusion: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[dict] = field(default_factory=list)
    pairs: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, type right)
    triples: list[tuple[str, float, bool]] = field(default_factory=list)  # (kind, confidence, right)

    def type_rows(self) -> list[dict[str, float | int | str]]:
        """Per PLOVER type: gold sentences, found (tp), types coded where the gold is
        another (fp, one per sentence and type), P/R/F1 of the type alone."""
        rows = []
        for typ in sorted(self.per_type):
            c = self.per_type[typ]
            tp, fp, n = c["type"], c["fp"], c["n"]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / n if n else 0.0
            rows.append({"type": typ, "gold": n, "tp": tp, "fp": fp, "precision": round(p, 3),
                         "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
                         "source": round(c["source"] / n, 3) if n else 0.0,
                         "event": round(c["event"] / n, 3) if n else 0.0})
        return rows

    def summary(self) -> dict[str, float | int]:
        p = self.event_hits / self.n_predicted if self.n_predicted else 0.0
        r = self.event_hits / self.n if self.n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "type_accuracy": round(self.type_hits / self.n, 3) if self.n else 0.0,
            "source_accuracy": round(self.source_hits / self.n, 3) if self.n else 0.0,
            "target_accuracy": round(self.target_hits / self.n_target, 3) if self.n_target else 0.0,
            "event_precision": round(p, 3),
            "event_recall": round(r, 3),
            "event_f1": round(f1, 3),
            "n": self.n,
        }


def normalise_code(code: str) -> str:
    c = code[:3].upper()
    legacy = RuleSet.default().countries.legacy
    if c in INTERNATIONAL:
        return "IGO"
    return legacy.get(c, c)


def _countries(value: object) -> frozenset[str]:
    if not value or isinstance(value, str):
        return frozenset()
    items = [value] if isinstance(value, Mapping) else value
    out = set()
    for a in items:
        if isinstance(a, Mapping) and a.get("code"):
            out.add(normalise_code(str(a["code"])))
    return frozenset(out)


def load_gold(path: str | Path) -> list[GoldItem]:
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldError(f"gold file not found: {path}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GoldError(f"gold file is not a JSON list of PLOVER GSR records: {path} ({exc})") from exc
    if not isinstance(records, list):
        raise GoldError(f"gold file is not a JSON list of PLOVER GSR records: {path}")
    items = []
    seen: dict[str, int] = {}
    for r in records:
        if not isinstance(r, Mapping) or not r.get("text") or r.get("event") == "DOCUMENT":
            continue
        label = str(r.get("event", "")).upper()
        gid = str(r.get("id") or f"gold-{len(items)}")
        seen[gid] = seen.get(gid, 0) + 1
        if seen[gid] > 1:  # the GSR reuses one id for two sentences: keep both, apart
            gid = f"{gid}#{seen[gid]}"
        items.append(GoldItem(gid, str(r["text"]), str(r.get("date") or "2000-01-01"),
                              OLD_LABELS.get(label, label), _countries(r.get("source")),
                              _countries(r.get("target"))))
    if not items:
        raise GoldError(f"no gold sentences in {path}")
    return items


def gold_articles(items: Iterable[GoldItem]) -> list[Article]:
    return [Article(id=g.id, text=g.text, date=g.date[:10]) for g in items]


def actor_country(ref) -> str | None:  # noqa: ANN001 - ActorRef or dict
    if ref is None:
        return None
    country = ref.country if not isinstance(ref, Mapping) else ref.get("country")
    code = ref.code if not isinstance(ref, Mapping) else ref.get("code")
    if country:
        return country
    if code:
        return "IGO" if code[:3] in INTERNATIONAL else code[:3]
    return None


def _match(pred: str | None, gold: frozenset[str]) -> bool:
    return pred is not None and pred in gold


def score(gold: Iterable[GoldItem], records: Mapping[str, ArticleRecord]) -> Report:
    rep = Report()
    for g in gold:
        events: tuple[Event, ...] = records[g.id].events if g.id in records else ()
        rep.n += 1
        rep.n_predicted += len(events)
        typed = [e for e in events if e.plover == g.type]
        type_ok = bool(typed)
        src_ok = any(_match(actor_country(e.source), g.sources) for e in events)
        tgt_ok = any(_match(actor_country(e.target), g.targets) for e in events) if g.targets else None
        ev_ok = any(
            _match(actor_country(e.source), g.sources)
            and (not g.targets or _match(actor_country(e.target), g.targets))
            for e in typed
        )
        rep.type_hits += type_ok
        rep.source_hits += src_ok
        if g.targets:
            rep.n_target += 1
            rep.target_hits += bool(tgt_ok)
        rep.event_hits += ev_ok
        t = rep.per_type[g.type]
        t["n"] += 1
        t["type"] += type_ok
        t["source"] += src_ok
        t["event"] += ev_ok
        for other in {e.plover for e in events if e.plover and e.plover != g.type}:
            rep.per_type[other]["fp"] += 1
        rep.pairs.extend((e.confidence, e.plover == g.type) for e in events if e.plover)
        rep.triples.extend((Calibration.kind_of(e.rule), e.confidence, e.plover == g.type)
                           for e in events if e.plover)
        predicted = events[0].plover if events else None
        rep.confusion[g.type][predicted if type_ok is False else g.type] += 1
        if not ev_ok:
            rep.misses.append({
                "id": g.id, "gold": [g.type, sorted(g.sources), sorted(g.targets)],
                "coded": [[e.plover, e.cameo, actor_country(e.source), actor_country(e.target), e.rule]
                          for e in events],
                "text": g.text,
            })
    return rep
