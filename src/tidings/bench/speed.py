"""``tidings bench``: throughput and memory of tidings against bare spaCy on the same text.

Each measurement runs in fresh worker processes (so peak memory is per process and the
model load is excluded from the timed part, as it is once per worker in real use).
"""

from __future__ import annotations

import csv
import multiprocessing as mp
import os
import re
import resource
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from tidings.model import Article


class BenchError(ValueError):
    """The benchmark corpus cannot be built."""


@dataclass(frozen=True)
class Measurement:
    system: str
    processes: int
    articles: int
    words: int
    seconds: float
    words_per_s: float
    articles_per_s: float
    peak_rss_mb: float  # highest peak resident memory of any one process
    sentences_parsed_share: float | None = None
    parse_all: bool = False  # tidings told to parse every sentence (no filter)

    def as_dict(self) -> dict:
        return asdict(self)


def corpus_articles(path: str | Path, limit: int | None = None) -> list[Article]:
    """Build articles from a corpus folder or file.

    Understands the CSV files of ``causal_news`` (sentences grouped into articles by
    their index prefix), the PETRARCH Gigaword XML sample (grouped by story id), JSONL
    (via :mod:`tidings.ingest`) and plain text files (one article each).
    """
    p = Path(path)
    if not p.exists():
        raise BenchError(f"no such corpus: {p}")
    if p.is_dir():  # in a folder, plain .txt files are licences and READMEs: skipped
        files = sorted(x for x in p.rglob("*") if x.is_file() and x.suffix in (".csv", ".xml", ".jsonl", ".ndjson"))
    else:
        files = [p]
    out: list[Article] = []
    for f in files:
        if f.suffix == ".csv":
            out.extend(_csv_articles(f))
        elif f.suffix == ".xml":
            out.extend(_petr_articles(f))
        elif f.suffix in (".jsonl", ".ndjson", ".txt", ".html", ".htm"):
            from tidings.ingest import read_path

            out.extend(a for a in read_path(f) if isinstance(a, Article))
        if limit and len(out) >= limit:
            return out[:limit]
    if not out:
        raise BenchError(f"no articles found in {p} (expected .csv, .xml, .jsonl or .txt files)")
    return out


ARTICLE_SENTENCES = 12  # sentence-per-row corpora are cut into articles of this size


def _csv_articles(f: Path) -> Iterator[Article]:
    """One sentence per row (causal_news): unique sentences, in file order, cut into
    articles of ``ARTICLE_SENTENCES`` sentences (about the length of a news story)."""
    seen: set[str] = set()
    sents: list[str] = []
    with f.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            text = (row.get("text") or "").strip()
            if text and text not in seen:
                seen.add(text)
                sents.append(_detok(text))
    for i in range(0, len(sents), ARTICLE_SENTENCES):
        chunk = sents[i : i + ARTICLE_SENTENCES]
        yield Article(id=f"{f.stem}:{i // ARTICLE_SENTENCES}", text=" ".join(chunk), date="2016-06-01")


def _detok(s: str) -> str:
    s = re.sub(r"\s+([,.;:!?%)])", r"\1", s)
    return re.sub(r"([($])\s+", r"\1", s)


def _petr_articles(f: Path) -> Iterator[Article]:
    raw = f.read_text(encoding="utf-8", errors="replace")
    groups: dict[str, list[str]] = {}
    dates: dict[str, str] = {}
    for m in re.finditer(r'<Sentence date\s*=\s*"(\d{8})"\s+id\s*=\s*"([^"_]+)_\d+"[^>]*>\s*<Text>(.*?)</Text>',
                         raw, re.S):
        d, sid, text = m.groups()
        groups.setdefault(sid, []).append(" ".join(text.split()))
        dates[sid] = f"{d[:4]}-{d[4:6]}-{d[6:]}"
    for sid, sents in groups.items():
        yield Article(id=sid, text=" ".join(sents), date=dates[sid])


def count_words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


# -- workers ---------------------------------------------------------------------------
_WARM = Article(id="warm", text="Japan and China agreed to hold talks.", date="2017-01-01")
_RUN: dict = {}  # the worker's ready system, made once by ``_start``


def _start(system: str, parse_all: bool, ready_all) -> None:  # noqa: ANN001
    """Pool initializer: load and warm ``system``, then wait until every worker has, so
    that no model load falls inside the timed part. A failure is kept for the first
    batch to raise (an initializer that raises makes the pool start workers forever)."""
    try:
        _load(system, parse_all)
    except Exception as exc:  # noqa: BLE001
        _RUN["error"] = exc
    ready_all.wait()


def _load(system: str, parse_all: bool) -> None:
    from tidings.coding.parse import Parser

    if system == "tidings":
        from tidings.pipeline import Coder
        from tidings.run.budget import DEFAULT_ARTICLE_TIMEOUT
        from tidings.run.code import code_articles, ready

        coder = ready(Coder(parse_all=parse_all))
        coder.code(_WARM)
        _RUN["coder"] = coder
        _RUN["run"] = lambda arts: sum(1 for _ in code_articles(arts, coder, DEFAULT_ARTICLE_TIMEOUT))
    elif system == "spacy":
        parser = Parser(speedups=False)  # spaCy as it comes
        list(parser.pipe_full([_WARM.text]))
        _RUN["run"] = lambda arts: sum(1 for _ in parser.pipe_full([a.text for a in arts]))
    else:  # the floor: spaCy's tokenizer alone (no model run at all)
        tokenizer = Parser(speedups=False).nlp.tokenizer
        list(tokenizer.pipe([_WARM.text]))
        _RUN["run"] = lambda arts: sum(1 for _ in tokenizer.pipe([a.text for a in arts]))


def _run_batch(articles: list[Article]) -> tuple[float, float, int, float, int, int, int]:
    """Code one batch: (start, end, articles, peak MB, pid, sentences parsed, seen);
    the clock is the machine's monotonic one, shared by all workers."""
    if "error" in _RUN:
        raise _RUN["error"]
    t0 = time.perf_counter()
    n = _RUN["run"](articles)
    t1 = time.perf_counter()
    coder = _RUN.get("coder")
    parsed, seen = (coder.sentences_parsed, coder.sentences_seen) if coder else (0, 0)
    return t0, t1, n, _peak_mb(), os.getpid(), parsed, seen


def _startup_worker(system: str) -> tuple[float, float]:
    """Seconds and CPU seconds from a new process to its first coded article: imports,
    model, tables and indexes (tidings), or imports and model (spaCy)."""
    t0, c0 = time.perf_counter(), time.process_time()
    if system == "tidings":
        from tidings.pipeline import Coder
        from tidings.run.code import ready

        ready(Coder()).code(_WARM)
    else:
        from tidings.coding.parse import Parser

        list(Parser(speedups=False).pipe_full([_WARM.text]))
    return time.perf_counter() - t0, time.process_time() - c0


def measure_startup(system: str, runs: int = 3) -> dict[str, float]:
    """The median of ``runs`` start-ups of ``system`` ("tidings" or "spacy"), each in a
    new process (caches as they are: the gazetteer's is kept between runs)."""
    ctx = mp.get_context("spawn")
    got = []
    for _ in range(runs):
        with ctx.Pool(1) as pool:
            got.append(pool.apply(_startup_worker, (system,)))
    got.sort(key=lambda r: r[1])
    wall, cpu = got[len(got) // 2]
    return {"seconds": round(wall, 3), "cpu_seconds": round(cpu, 3)}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _batches(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def measure(system: str, articles: list[Article], processes: int, parse_all: bool = False) -> Measurement:
    """Time ``system`` ("tidings", "spacy" or "tokenizer": spaCy's tokenizer alone) over
    ``articles`` with ``processes`` workers.

    As in production (`code --workers`, ingest), the articles go out in batches to
    whichever worker is free; every worker has loaded its model before the first batch
    starts. The time is from the first batch's start to the last one's end.
    """
    from tidings.run.code import BATCH

    ctx = mp.get_context("spawn")
    ready_all = ctx.Barrier(processes)
    with ctx.Pool(processes, initializer=_start, initargs=(system, parse_all, ready_all)) as pool:
        results = pool.map(_run_batch, _batches(articles, BATCH), chunksize=1)
    seconds = max(r[1] for r in results) - min(r[0] for r in results)
    last = {r[4]: r for r in sorted(results, key=lambda r: r[1])}  # each worker's last batch
    words = count_words(articles)
    share = None
    if system == "tidings":
        seen = sum(r[6] for r in last.values())
        share = round(sum(r[5] for r in last.values()) / seen, 3) if seen else 0.0
    done = sum(r[2] for r in results)  # articles coded, every batch counted once
    return Measurement(system, processes, done, words, round(seconds, 3),
                       round(words / seconds, 1), round(done / seconds, 2),
                       round(max(r[3] for r in results), 1), share, parse_all)
