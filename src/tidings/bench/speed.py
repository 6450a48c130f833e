"""``tidings bench``: throughput and memory of tidings against bare spaCy on the same text.

Each measurement runs in fresh worker processes (so peak memory is per process and the
model load is excluded from the timed part, as it is once per worker in real use).
"""

from __future__ import annotations

import csv
import multiprocessing as mp
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


def _tidings_worker(args: tuple[list[Article], bool]) -> tuple[float, int, int, float]:
    """The production path: what `tidings code`, ingest workers and Spark executors run
    (a ready coder, articles in batches under the default time budget)."""
    from tidings.pipeline import Coder
    from tidings.run.budget import DEFAULT_ARTICLE_TIMEOUT
    from tidings.run.code import code_articles, ready

    articles, parse_all = args
    coder = ready(Coder(parse_all=parse_all))
    coder.code(_WARM)
    t0 = time.perf_counter()
    n = sum(1 for _ in code_articles(articles, coder, DEFAULT_ARTICLE_TIMEOUT))
    dt = time.perf_counter() - t0
    share = coder.sentences_parsed / coder.sentences_seen if coder.sentences_seen else 0.0
    return dt, n, _peak_mb(), share


def _spacy_worker(texts: list[str]) -> tuple[float, int, int, float]:
    from tidings.coding.parse import Parser

    parser = Parser(speedups=False)  # spaCy as it comes
    list(parser.pipe_full(["Japan and China agreed to hold talks."]))
    t0 = time.perf_counter()
    n = sum(1 for _ in parser.pipe_full(texts))
    return time.perf_counter() - t0, n, _peak_mb(), 0.0


def _tokenizer_worker(texts: list[str]) -> tuple[float, int, int, float]:
    """The floor: spaCy's tokenizer alone over the same texts (no model run at all)."""
    from tidings.coding.parse import Parser

    tokenizer = Parser(speedups=False).nlp.tokenizer
    list(tokenizer.pipe(["Japan and China agreed to hold talks."]))
    t0 = time.perf_counter()
    n = sum(1 for _ in tokenizer.pipe(texts))
    return time.perf_counter() - t0, n, _peak_mb(), 0.0


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


def _split(items: list, k: int) -> list[list]:
    return [items[i::k] for i in range(k)]


def measure(system: str, articles: list[Article], processes: int, parse_all: bool = False) -> Measurement:
    """Time ``system`` ("tidings", "spacy" or "tokenizer": spaCy's tokenizer alone) over
    ``articles`` with ``processes`` workers.

    Workers run in parallel; the wall time is that of the slowest worker (the model
    load, once per worker, is not timed).
    """
    ctx = mp.get_context("spawn")
    parts = _split(articles, processes)
    with ctx.Pool(processes) as pool:
        if system == "tidings":
            results = pool.map(_tidings_worker, [(p, parse_all) for p in parts])
        else:
            worker = _tokenizer_worker if system == "tokenizer" else _spacy_worker
            results = pool.map(worker, [[a.text for a in p] for p in parts])
    seconds = max(r[0] for r in results)
    words = count_words(articles)
    share = None
    if system == "tidings":
        share = round(sum(r[3] for r in results) / len(results), 3)
    return Measurement(system, processes, len(articles), words, round(seconds, 3),
                       round(words / seconds, 1), round(len(articles) / seconds, 2),
                       round(max(r[2] for r in results), 1), share, parse_all)
