"""Evaluate the coder on one gold set, whatever its format: the library behind
``tidings eval``. A folder holding ``data.jsonl`` (or a ``.jsonl`` file) is a development
set in the uniform format; any other file is read as PLOVER gold standard records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tidings.evaluate.calibration import reliability
from tidings.evaluate.devset import DevRecord, DevSet, is_devset, load_devset
from tidings.evaluate.events import score_events
from tidings.evaluate.gsr import GoldItem, gold_articles, load_gold, score
from tidings.ingest import InputError, from_text
from tidings.model import Article, ArticleRecord
from tidings.pipeline import Coder

Progress = Callable[[int, int], None]


@dataclass
class SetResult:
    """What one set measured: summaries by capability, tables to print, examples of errors."""

    name: str
    kind: str  # "gsr" | "devset"
    records: int
    summary: dict[str, dict] = field(default_factory=dict)  # capability -> figures
    tables: dict[str, list[dict]] = field(default_factory=dict)  # title -> rows
    misses: list[dict] = field(default_factory=list)
    triples: list[tuple[str, float, bool]] = field(default_factory=list)  # (kind, confidence, right)

    def as_dict(self) -> dict[str, object]:
        return {"records": self.records, **self.summary, **self.tables}


@dataclass(frozen=True)
class GoldSet:
    """A gold set read and checked, before any coding."""

    name: str
    devset: DevSet | None = None
    gsr: tuple[GoldItem, ...] = ()


def open_set(path: str | Path) -> GoldSet:
    """Read a gold set; raises :class:`tidings.evaluate.GoldError` when it cannot be read."""
    p = Path(path)
    if is_devset(p):
        ds = load_devset(p)
        return GoldSet(ds.name, devset=ds)
    return GoldSet(p.parent.name or p.stem, gsr=tuple(load_gold(p)))


def evaluate_set(gold: GoldSet, coder: Coder, progress: Progress | None = None) -> SetResult:
    """Code every text of the set and score what came out."""
    if gold.devset is not None:
        return evaluate_devset(gold.devset, coder, progress)
    return evaluate_gsr(gold.name, gold.gsr, coder, progress)


def evaluate_path(path: str | Path, coder: Coder, progress: Progress | None = None) -> SetResult:
    return evaluate_set(open_set(path), coder, progress)


_BATCH = 16


def _code(coder: Coder, articles: list, progress: Progress | None) -> dict[str, ArticleRecord]:
    """The records of ``articles``, coded in batches; a text the coder fails on (an internal
    error) is coded alone and, failing again, has no record: scored as coding nothing, and
    counted by :func:`uncoded`, never stopping the evaluation."""
    out: dict[str, ArticleRecord] = {}
    for start in range(0, len(articles), _BATCH):
        chunk = articles[start:start + _BATCH]
        try:
            recs = list(coder.code_many(chunk, batch=_BATCH))
        except Exception:  # noqa: BLE001 - one text's internal error is that text's, not the set's
            recs = [r for r in (_code_alone(coder, a) for a in chunk) if r is not None]
        out.update((r.id, r) for r in recs)
        if progress is not None:
            progress(min(start + _BATCH, len(articles)), len(articles))
    return out


def _code_alone(coder: Coder, article: Article) -> ArticleRecord | None:
    try:
        return coder.code(article)
    except Exception:  # noqa: BLE001
        return None


def uncoded(articles: Sequence[Article], records: dict[str, ArticleRecord]) -> dict[str, int]:
    """How many texts the coder failed on, as a summary entry (empty when none)."""
    failed = sum(1 for a in articles if a.id not in records)
    return {"uncoded": {"internal_errors": failed}} if failed else {}


def evaluate_gsr(name: str, items: Sequence[GoldItem], coder: Coder,
                 progress: Progress | None = None) -> SetResult:
    articles = gold_articles(items)
    records = _code(coder, articles, progress)
    rep = score(items, records)
    res = SetResult(name, "gsr", len(items), {"events": rep.summary(), **uncoded(articles, records)})
    res.tables["events by type"] = rep.type_rows()
    rel = reliability(rep.pairs)
    res.summary["calibration"] = {"n": rel.n, "ece": round(rel.ece, 3)}
    res.tables["reliability"] = [b.as_dict() for b in rel.bins]
    res.misses = rep.misses
    res.triples = rep.triples
    return res


def evaluate_devset(ds: DevSet, coder: Coder, progress: Progress | None = None) -> SetResult:
    articles = [a for a in (_article(r) for r in ds.records) if a is not None]
    records = _code(coder, articles, progress)
    res = SetResult(ds.name, "devset", len(ds.records), uncoded(articles, records))
    if len(articles) < len(ds.records):
        res.summary["input"] = {"unreadable": len(ds.records) - len(articles)}
    caps = ds.capabilities
    if "events" in caps:
        ev = score_events(ds.records, records)
        res.summary["events"] = ev.summary()
        res.tables["events by type"] = ev.type_rows()
        rel = ev.reliability()
        res.summary["calibration"] = {"n": rel.n, "ece": round(rel.ece, 3)}
        res.tables["reliability"] = [b.as_dict() for b in rel.bins]
        res.misses.extend(ev.misses)
        res.triples = ev.triples
    for cap in ("quotes", "places", "dates"):
        if cap in caps:
            _score_spans(res, cap, ds, records)
    return res


def _article(rec: DevRecord) -> Article | None:
    """The article as `tidings code` would read it from a JSONL line (cleaned the same
    way); None when it would be refused, which scores as an empty prediction."""
    try:
        return from_text(rec.text, id=rec.id, date=rec.date)
    except InputError:
        return None


def _score_spans(res: SetResult, cap: str, ds: DevSet, records: dict[str, ArticleRecord]) -> None:
    from tidings.evaluate import spans

    scorer = {"quotes": spans.score_quotes, "places": spans.score_places, "dates": spans.score_dates}[cap]
    sc = scorer(ds.records, records)
    res.summary[cap] = sc.summary()
    res.misses.extend(sc.errors(2000))
