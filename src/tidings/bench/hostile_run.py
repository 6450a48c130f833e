"""Run the hostile corpus (:mod:`tidings.bench.hostile`) through ``tidings code`` and
``tidings ingest`` in separate processes, as a user would, and count what went wrong.

Per case, ``tidings code FILE`` must exit 0 (a case that codes) or 2 with one
``error:`` line naming the expected reason, never die from a signal, print a traceback
or outlast the timeout. Then one ``tidings ingest`` of every case plus good articles
(with 1 and with 2 workers) must store every good article once, leave each case's
reason in the ``errors`` table, and add nothing when run again.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GOOD_ARTICLES = 20


@dataclass
class CaseRun:
    case: str
    command: str  # "code" or "ingest"
    exit_code: int | None
    seconds: float
    crashed: bool = False  # killed by a signal, or a traceback
    hung: bool = False  # over the timeout
    wrong: str = ""  # what did not match the expectation, if anything
    reason: str = ""  # the error line, if any


@dataclass
class HostileReport:
    runs: list[CaseRun] = field(default_factory=list)
    articles_expected: int = 0
    articles_lost: int = 0
    duplicates: int = 0

    @property
    def inputs_tried(self) -> int:
        return len(self.runs)

    @property
    def crashes(self) -> int:
        return sum(r.crashed for r in self.runs)

    @property
    def hangs(self) -> int:
        return sum(r.hung for r in self.runs)

    @property
    def wrong(self) -> int:
        return sum(bool(r.wrong) for r in self.runs)


def _run(cmd: list[str], timeout: float) -> tuple[int | None, str, float, bool]:
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "", time.perf_counter() - t0, True
    return p.returncode, p.stderr, time.perf_counter() - t0, False


def _crashed(code: int | None, stderr: str) -> bool:
    return (code is not None and code < 0) or "Traceback (most recent call last)" in stderr


def code_case(case, path: Path, timeout: float) -> CaseRun:  # noqa: ANN001
    """``tidings code`` on one hostile file, checked against the case's expectation."""
    code, stderr, secs, hung = _run([sys.executable, "-m", "tidings.cli", "code", str(path),
                                     "--format", "jsonl", "-o", "/dev/null"], timeout)
    errors = [ln for ln in stderr.splitlines() if ln.startswith("error:")]
    run = CaseRun(case.name, "code", code, round(secs, 2), _crashed(code, stderr), hung,
                  reason=errors[0] if errors else "")
    if hung or run.crashed:
        return run
    if case.expect and not case.good:  # nothing in it codes: one reason, exit 2
        if code != 2 or len(errors) != 1 or case.expect not in errors[0].lower():
            run.wrong = f"expected exit 2 and one error line with {case.expect!r}"
    elif code != 0:
        run.wrong = f"expected exit 0, got {code}"
    return run


def ingest_run(cases, paths: list[Path], good: Path, db: Path, *, workers: int,  # noqa: ANN001
               timeout: float) -> tuple[list[CaseRun], int, int, int]:
    """One ingest of all cases and the good articles, then the same again. Returns the
    per-case checks, articles expected, lost, and duplicates."""
    from tidings.store import Store

    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    cmd = [sys.executable, "-m", "tidings.cli", "ingest", str(good), *map(str, paths),
           "--db", str(db), "--workers", str(workers)]
    code, stderr, secs, hung = _run(cmd, timeout)
    crashed = _crashed(code, stderr)
    expected = GOOD_ARTICLES + sum(c.good for c in cases)
    if hung or crashed or code != 0 or not db.exists():
        runs = [CaseRun(c.name, f"ingest --workers {workers}", code, round(secs, 2), crashed, hung,
                        wrong="" if hung or crashed else f"ingest exited {code}")
                for c in cases]
        return runs, expected, expected, 0
    with Store(db, read_only=True) as s:
        n, distinct = s.con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        n_errors = s.con.execute("SELECT count(*) FROM errors").fetchone()[0]
        good_ids = {r[0] for r in s.con.execute("SELECT id FROM articles WHERE id LIKE 'good-%'").fetchall()}
        runs = []
        for c, p in zip(cases, paths, strict=True):
            rows = [r[0] for r in s.con.execute(
                "SELECT reason FROM errors WHERE source = ? OR source LIKE ?",
                [str(p), str(p) + "%"]).fetchall()]
            wrong = ""
            if len(rows) < c.errors:
                wrong = f"{len(rows)} error rows, expected {c.errors}"
            elif c.expect and not any(c.expect in r.lower() for r in rows):
                wrong = f"no error row says {c.expect!r}"
            runs.append(CaseRun(c.name, f"ingest --workers {workers}", code, round(secs, 2),
                                wrong=wrong, reason=rows[0] if rows else ""))
    lost = max(0, expected - distinct) + (GOOD_ARTICLES - len(good_ids))
    duplicates = n - distinct
    code2, stderr2, _, hung2 = _run(cmd, timeout)  # the same run again adds nothing
    with Store(db, read_only=True) as s:
        n2 = s.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        e2 = s.con.execute("SELECT count(*) FROM errors").fetchone()[0]
    duplicates += max(0, n2 - n) + max(0, e2 - n_errors)
    if hung2 or _crashed(code2, stderr2) or code2 != 0:
        runs.append(CaseRun("(rerun)", f"ingest --workers {workers}", code2, 0.0,
                            _crashed(code2, stderr2), hung2, wrong="" if code2 == 0 else "rerun failed"))
    return runs, expected, lost, duplicates


def run_hostile(workdir: Path, *, big: bool = True, timeout: float = 600,
                workers: tuple[int, ...] = (1, 2),
                say: Callable[[str], None] = lambda _: None) -> HostileReport:
    from tidings.bench.hostile import good_articles, hostile_cases, write_corpus

    workdir.mkdir(parents=True, exist_ok=True)
    cases = hostile_cases(big=big)
    paths = write_corpus(workdir / "hostile", cases)
    good = workdir / "good.jsonl"
    good.write_bytes(good_articles(GOOD_ARTICLES))
    report = HostileReport()
    for case, path in zip(cases, paths, strict=True):
        r = code_case(case, path, timeout)
        say(f"code {case.name}: exit {r.exit_code} in {r.seconds:.1f} s"
            + (" CRASH" if r.crashed else "") + (" HANG" if r.hung else "")
            + (f" WRONG: {r.wrong}" if r.wrong else ""))
        report.runs.append(r)
    for w in workers:
        runs, expected, lost, dups = ingest_run(cases, paths, good, workdir / f"hostile-{w}.duckdb",
                                                workers=w, timeout=timeout)
        say(f"ingest --workers {w}: {len(cases)} hostile files + {GOOD_ARTICLES} good articles "
            f"in {runs[0].seconds:.1f} s; lost {lost}, duplicates {dups}, "
            f"wrong {sum(bool(r.wrong) for r in runs)}")
        report.runs.extend(runs)
        report.articles_expected += expected
        report.articles_lost += lost
        report.duplicates += dups
    return report
