"""Crash trials: ``kill -9`` an ingest at a random moment, run the same command again,
and check the store against a clean run of the same input.

Used by ``tidings bench-faults`` (20 or more trials) and by the tests (a few). A trial
passes when, after the rerun, every article is stored exactly once, every article's
events, quotes and actors are the ones a clean run stores, nothing refers to an article
that is not stored, no error row is doubled, and the store and its snapshot open
cleanly.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

_COUNTRIES = ("France", "Germany", "Japan", "China", "Brazil", "Kenya", "Egypt", "India",
              "Mexico", "Turkey", "Poland", "Chile")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LINES = (
    "{a} criticised {b} on {day} over its trade policy.",
    "{b} rejected the criticism and said it would hold talks with {a} within {n} days.",
    "Officials from {a} met envoys from {b} on {day} in {a}'s capital.",
    "\u201cWe will not accept threats from {a},\u201d the foreign minister of {b} said on {day}.",
    "{a} accused {b} of violating the ceasefire and threatened sanctions.",
    "{b} promised economic aid to {a} after the floods, which killed {n} people.",
    "Police in {a} arrested {n} protesters near the embassy of {b} on {day}.",
    "{a} and {b} signed an agreement on {n} new border crossings.",
    "The president of {b} visited {a} on {day} and praised its government.",
    "{a} expelled {n} diplomats from {b} on {day}, accusing them of spying.",
)


def kill_corpus(n: int, *, bad_every: int = 25) -> bytes:
    """JSONL of ``n`` distinct short articles of our own (no two near-duplicates), every
    ``bad_every``-th line broken, so error rows are part of what must not be doubled."""
    out = []
    for i in range(n):
        if bad_every and i % bad_every == bad_every - 1:
            out.append(f'{{"id": "broken-{i}", "text": ')  # not JSON: an error row
            continue
        rng = random.Random(i)
        a, b = rng.sample(_COUNTRIES, 2)
        picked = rng.sample(_LINES, 3 + i % 3)
        text = " ".join(line.format(a=a, b=b, day=rng.choice(_DAYS), n=rng.randint(2, 900))
                        for line in picked)
        out.append(json.dumps({"id": f"k{i}", "date": f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}",
                               "text": text}))
    return ("\n".join(out) + "\n").encode()


@dataclass
class TrialResult:
    trial: int
    workers: int
    kill_after: float  # seconds after the ingest started
    stored_at_kill: int  # articles in the store right after the kill
    lost: int  # articles of the input missing after the rerun
    duplicates: int  # articles (or error rows) stored more than once
    inconsistent: int  # articles whose events/quotes/actors differ from a clean run
    opened: bool  # the store and its snapshot open cleanly
    crashed: bool  # the rerun failed (non-zero exit or a traceback)
    seconds: float


def _ingest_cmd(src: Path, db: Path, workers: int, batch: int) -> list[str]:
    return [sys.executable, "-m", "tidings.cli", "ingest", str(src), "--db", str(db),
            "--workers", str(workers), "--batch", str(batch), "--snapshot-every", "1"]


_EVENT_KEY = ("SELECT article_id, idx, cameo, source_code, target_code, sentence, span_start, "
              "span_end FROM events ORDER BY 1, 2")
_QUOTE_KEY = "SELECT article_id, idx, text, speaker_name FROM quotes ORDER BY 1, 2"
_ACTOR_KEY = "SELECT article_id, idx, code, name FROM actors ORDER BY 1, 2"


def _by_article(rows: list[tuple]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for r in rows:
        out.setdefault(r[0], []).append(r[1:])
    return out


def snapshot_of(db: Path) -> dict:
    """What a check compares: article ids with counts, per-article rows, error rows."""
    from tidings.store import Store

    with Store(db, read_only=True) as s:
        con = s.con
        return {
            "articles": con.execute("SELECT id, n_events, n_quotes FROM articles ORDER BY id").fetchall(),
            "events": _by_article(con.execute(_EVENT_KEY).fetchall()),
            "quotes": _by_article(con.execute(_QUOTE_KEY).fetchall()),
            "actors": _by_article(con.execute(_ACTOR_KEY).fetchall()),
            "errors": con.execute("SELECT article_id, source, reason, count(*) FROM errors "
                                  "GROUP BY ALL").fetchall(),
            "orphans": con.execute(
                "SELECT (SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles))"
                " + (SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles))"
                " + (SELECT count(*) FROM actors WHERE article_id NOT IN (SELECT id FROM articles))"
                " + (SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles))"
            ).fetchone()[0],
        }


def compare(db: Path, reference: dict) -> tuple[int, int, int, bool]:
    """(lost, duplicates, inconsistent, opened) of ``db`` against a clean run's
    :func:`snapshot_of`."""
    from tidings.store import Store, StoreError
    from tidings.store.snapshot import snapshot_path

    try:
        with Store(db) as s:  # opens for writing: replays any WAL, checkpoints
            s.con.execute("CHECKPOINT")
        got = snapshot_of(db)
        snap = snapshot_path(db)
        if snap.exists():
            with Store(snap, read_only=True) as s:
                s.stats()
    except StoreError:
        return len(reference["articles"]), 0, 0, False
    ref_ids = {a[0] for a in reference["articles"]}
    ids = [a[0] for a in got["articles"]]
    lost = len(ref_ids - set(ids))
    duplicates = len(ids) - len(set(ids)) + sum(1 for e in got["errors"] if e[3] > 1)
    inconsistent = got["orphans"]
    ref_counts = {a[0]: a[1:] for a in reference["articles"]}
    for aid, *counts in got["articles"]:
        if aid not in ref_counts or tuple(counts) != ref_counts[aid]:
            inconsistent += 1
            continue
        for table in ("events", "quotes", "actors"):
            if got[table].get(aid, []) != reference[table].get(aid, []):
                inconsistent += 1
                break
    if {e[:3] for e in got["errors"]} != {e[:3] for e in reference["errors"]}:
        inconsistent += 1
    return lost, duplicates, inconsistent, True


def _stored(db: Path) -> int:
    from tidings.store import Store, StoreError

    try:
        with Store(db, read_only=True) as s:
            return s.con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except StoreError:
        return -1


def _run(cmd: list[str], timeout: float) -> tuple[int, str]:
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return -9, "timed out"
    return p.returncode, p.stderr


def reference_run(src: Path, workdir: Path, *, workers: int = 1, batch: int = 4,
                  timeout: float = 900) -> tuple[dict, float]:
    """A clean ingest of ``src``: what every trial must end up with, and its seconds."""
    db = workdir / "reference.duckdb"
    for p in workdir.glob("reference.duckdb*"):
        p.unlink()
    t0 = time.perf_counter()
    code, err = _run(_ingest_cmd(src, db, workers, batch), timeout)
    if code != 0:
        raise RuntimeError(f"the clean reference ingest failed: {err.strip()[-300:]}")
    return snapshot_of(db), time.perf_counter() - t0


def kill_trial(trial: int, src: Path, workdir: Path, reference: dict, duration: float, *,
               rng: random.Random, workers: int = 1, batch: int = 4,
               timeout: float = 900) -> TrialResult:
    """Start an ingest, SIGKILL it (and its workers) after a random share of a clean
    run's ``duration``, run the same command again, and compare."""
    db = workdir / f"trial-{trial}.duckdb"
    for p in workdir.glob(f"trial-{trial}.duckdb*"):
        p.unlink()
    cmd = _ingest_cmd(src, db, workers, batch)
    t0 = time.perf_counter()
    kill_after = rng.uniform(0.05, 1.0) * duration
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        proc.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        pass
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    stored = _stored(db)
    code, err = _run(cmd, timeout)
    crashed = code != 0 or "Traceback" in err
    lost, dups, bad, opened = compare(db, reference)
    for p in workdir.glob(f"trial-{trial}.duckdb*"):
        p.unlink()
    return TrialResult(trial, workers, round(kill_after, 2), stored, lost, dups, bad, opened,
                       crashed, round(time.perf_counter() - t0, 1))


def run_kill_trials(trials: int, workdir: Path, *, articles: int = 600, workers: tuple[int, ...] = (1, 2),
                    seed: int = 0, batch: int = 4,
                    say: Callable[[str], None] = lambda _: None) -> list[TrialResult]:
    """``trials`` kill-and-rerun trials over a corpus of ``articles``, alternating the
    worker counts in ``workers``."""
    workdir.mkdir(parents=True, exist_ok=True)
    src = workdir / "kill-corpus.jsonl"
    src.write_bytes(kill_corpus(articles))
    rng = random.Random(seed)
    say(f"clean reference ingest of {articles} articles…")
    reference, duration = reference_run(src, workdir, batch=batch)
    say(f"reference: {len(reference['articles'])} articles in {duration:.1f} s")
    out = []
    for t in range(trials):
        r = kill_trial(t + 1, src, workdir, reference, duration, rng=rng,
                       workers=workers[t % len(workers)], batch=batch)
        say(f"trial {r.trial}: killed after {r.kill_after:.1f} s with {r.stored_at_kill} stored; "
            f"lost {r.lost}, duplicates {r.duplicates}, inconsistent {r.inconsistent}, "
            f"opened {r.opened}, crashed {r.crashed}")
        out.append(r)
    return out


def as_rows(results: list[TrialResult]) -> list[dict]:
    return [asdict(r) for r in results]


@dataclass
class DiskFullResult:
    skipped: str  # why the trial could not run (no tmpfs mount allowed), else ""
    error: str = ""  # the line the full disk produced
    stored_at_full: int = 0
    lost: int = 0
    duplicates: int = 0
    inconsistent: int = 0
    opened: bool = True


def disk_full_trial(src: Path, workdir: Path, reference: dict, *, size_kb: int = 1024,
                    timeout: float = 900) -> DiskFullResult:
    """Ingest ``src`` into a store on a tmpfs of ``size_kb`` (a real full disk: ENOSPC),
    check the stored part, make room, run the same command again and compare. Needs
    permission to mount a tmpfs (root); otherwise says why it was skipped."""
    mnt = workdir / "full-disk"
    mnt.mkdir(parents=True, exist_ok=True)
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mnt)],
                           capture_output=True, text=True)
    if mount.returncode != 0:
        return DiskFullResult(skipped=f"cannot mount a tmpfs here: {mount.stderr.strip()[:120]}")
    try:
        db = mnt / "full.duckdb"
        cmd = _ingest_cmd(src, db, 1, 4)
        code, err = _run(cmd, timeout)
        lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
        res = DiskFullResult(skipped="", error=lines[0] if lines else f"exit {code}, no error line")
        if code != 2 or len(lines) != 1 or "Traceback" in err:
            res.inconsistent += 1  # a full disk must end the run with one clear line
        stored = snapshot_of(db)
        res.stored_at_full = len(stored["articles"])
        res.inconsistent += stored["orphans"] + sum(
            1 for aid, n_events, n_quotes in stored["articles"]
            if len(stored["events"].get(aid, [])) != n_events or len(stored["quotes"].get(aid, [])) != n_quotes)
        subprocess.run(["mount", "-o", f"remount,size={size_kb * 64}k", str(mnt)], check=True)
        code, err = _run(cmd, timeout)
        if code != 0:
            res.inconsistent += 1
        res.lost, res.duplicates, bad, res.opened = compare(db, reference)
        res.inconsistent += bad
        return res
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)

