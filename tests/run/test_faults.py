"""Faults around the store: kill -9 mid-ingest, a full disk, a read-only store, two
ingests at once, and the dashboard answering while an ingest writes."""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tidings.bench.faults import compare, kill_corpus, kill_trial, reference_run, snapshot_of
from tidings.store import Store, StoreError
from tidings.store.snapshot import is_current, snapshot_path

INGEST = [sys.executable, "-m", "tidings.cli", "ingest"]


def _ingest(*args: str, timeout: float = 300, **kw) -> subprocess.CompletedProcess:  # noqa: ANN003
    return subprocess.run([*INGEST, *args], capture_output=True, text=True, timeout=timeout, **kw)


def _one_line_error(p: subprocess.CompletedProcess) -> str:
    assert p.returncode == 2, p.stderr
    assert "Traceback" not in p.stderr
    lines = [ln for ln in p.stderr.splitlines() if ln.startswith("error")]
    assert len(lines) == 1 and lines[0].startswith("error: "), p.stderr
    others = [ln for ln in p.stderr.splitlines() if ln.strip() and not ln.startswith("error")]
    assert all("ingest" in ln or "articles/s" in ln for ln in others), p.stderr  # the progress bar
    return lines[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("faults") / "corpus.jsonl"
    src.write_bytes(kill_corpus(60))
    return src


@pytest.fixture(scope="module")
def reference(corpus) -> tuple[dict, float]:
    return reference_run(corpus, corpus.parent, batch=4)


def test_kill_trials_store_every_article_exactly_once(corpus, reference, tmp_path):
    """Three kill -9 trials at random moments (1 and 2 workers): after the rerun every
    article is there once, with the events, quotes and actors of a clean run."""
    ref, duration = reference
    assert len(ref["articles"]) == 58 and sum(len(v) for v in ref["events"].values()) > 100
    rng = random.Random(5)
    for trial, workers in ((1, 1), (2, 2), (3, 1)):
        r = kill_trial(trial, corpus, tmp_path, ref, duration, rng=rng, workers=workers)
        assert (r.lost, r.duplicates, r.inconsistent, r.opened, r.crashed) == (0, 0, 0, True, False), r


def test_compare_notices_a_lost_and_a_changed_article(corpus, reference, tmp_path):
    """The trial check is not vacuous: a store missing an article, or with an event
    changed, fails it."""
    ref, _ = reference
    db = tmp_path / "tampered.duckdb"
    assert _ingest(str(corpus), "--db", str(db)).returncode == 0
    assert compare(db, ref) == (0, 0, 0, True)
    with Store(db) as s:
        s.con.execute("DELETE FROM articles WHERE id = 'k0'")
        s.con.execute("UPDATE events SET cameo = '999' WHERE article_id = 'k1' AND idx = 0")
    lost, dups, bad, opened = compare(db, ref)
    assert lost == 1 and bad >= 2 and opened  # k1 changed; k0's events are orphans now


def test_second_writer_is_refused_clearly_or_waits(corpus, tmp_path):
    db = tmp_path / "busy.duckdb"
    assert _ingest(str(corpus), "--db", str(db)).returncode == 0
    before = snapshot_of(db)
    holder = Store(db)  # another process-like writer: holds the file lock
    try:
        line = _one_line_error(_ingest(str(corpus), "--db", str(db), timeout=120))
        assert "in use by another process" in line and f"(PID {os.getpid()})" in line
        assert "--wait" in line
        probe = ("import sys; from tidings.store import Store, StoreBusy\n"
                 "try:\n    Store(sys.argv[1], wait=0.5)\nexcept StoreBusy:\n    sys.exit(3)")
        assert subprocess.run([sys.executable, "-c", probe, str(db)], timeout=60).returncode == 3
        # with --wait the second ingest waits for the lock and then runs
        other = tmp_path / "more.jsonl"
        other.write_text(json.dumps({"id": "late-1", "date": "2022-05-01",
                                     "text": "Kenya criticised Egypt over the dam on Monday."}) + "\n")
        waiting = subprocess.Popen([*INGEST, str(other), "--db", str(db), "--wait", "120"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert waiting.poll() is None  # still waiting
    finally:
        holder.close()
    _, err = waiting.communicate(timeout=180)
    assert waiting.returncode == 0, err
    after = snapshot_of(db)
    assert len(after["articles"]) == len(before["articles"]) + 1


FIRST_INGEST = 2000  # articles: the first ingest must still run while the second starts and the reader reads


def test_two_real_ingests_and_a_reader_on_one_store(tmp_path):
    """The writer's lock outlives the snapshot copies: publishing a snapshot copies the
    store file, and closing that copy used to drop the process's DuckDB lock, so a second
    ingest opened the store for writing and broke it. Now the second ingest is refused
    while the first runs, a reader reads the snapshot, and the store opens cleanly after."""
    from tidings.bench.hostile import good_articles

    db = tmp_path / "shared.duckdb"
    first = tmp_path / "first.jsonl"
    first.write_bytes(good_articles(FIRST_INGEST))  # long enough to outlast the others
    second = tmp_path / "second.jsonl"
    second.write_text(json.dumps({"id": "second-1", "date": "2022-05-01",
                                  "text": "Kenya criticised Egypt over the dam on Monday."}) + "\n")
    a = subprocess.Popen([*INGEST, str(first), "--db", str(db), "--batch", "4",
                          "--snapshot-every", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    try:
        deadline = time.monotonic() + 240
        while not snapshot_path(db).exists():
            assert a.poll() is None and time.monotonic() < deadline, a.stderr.read() if a.stderr else ""
            time.sleep(0.2)
        time.sleep(3)  # the first snapshot copy is done and batches are being stored
        assert a.poll() is None, "the first ingest ended before the second one started"
        b = _ingest(str(second), "--db", str(db), timeout=240)
        line = _one_line_error(b)
        assert "in use by another process" in line and f"(PID {a.pid})" in line
        reader = subprocess.run([sys.executable, "-m", "tidings.cli", "stats", "--db", str(db), "--json"],
                                capture_output=True, text=True, timeout=120)
        assert reader.returncode == 0, reader.stderr
        assert "reading its snapshot" in reader.stderr
        assert a.poll() is None, "the first ingest ended while the others ran: the test proves nothing"
    finally:
        _, err = a.communicate(timeout=600)
    assert a.returncode == 0, err
    with Store(db, read_only=True) as s:  # the store is whole: no WAL replay failure
        assert s.stats()["articles"] == FIRST_INGEST
    assert _ingest(str(second), "--db", str(db)).returncode == 0  # and writable again
    with Store(db, read_only=True) as s:
        assert s.stats()["articles"] == FIRST_INGEST + 1


def test_read_only_store_file_or_folder_is_refused_before_any_write(corpus, tmp_path):
    db = tmp_path / "ro.duckdb"
    assert _ingest(str(corpus), "--db", str(db)).returncode == 0
    digest = _digest(db)
    db.chmod(0o444)
    try:
        line = _one_line_error(_ingest(str(corpus), "--db", str(db)))
        assert "read-only" in line and str(db) in line
        with pytest.raises(StoreError, match="read-only"):
            Store(db)
    finally:
        db.chmod(0o644)
    assert _digest(db) == digest
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        line = _one_line_error(_ingest(str(corpus), "--db", str(folder / "new.duckdb")))
        assert "read-only" in line
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []
    with Store(db, read_only=True) as s:  # read-only use of a read-only file still works
        assert s.stats()["articles"] == 58


def _file_size_limit(limit: int):  # noqa: ANN202
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_disk_full_is_one_clear_error_and_nothing_half_written(corpus, reference, tmp_path):
    """Writes fail mid-run (a file-size limit stands in for a full disk): one clear line,
    exit 2, the store keeps whole articles only, and a rerun completes it."""
    ref, _ = reference
    first = tmp_path / "first.jsonl"
    lines = corpus.read_text().splitlines()
    first.write_text("\n".join(lines[:8]) + "\n")
    db = tmp_path / "full.duckdb"
    assert _ingest(str(first), "--db", str(db)).returncode == 0
    before = len(snapshot_of(db)["articles"])
    limit = 40_000  # the write-ahead log outgrows this after a few batches
    p = _ingest(str(corpus), "--db", str(db), "--batch", "2", preexec_fn=_file_size_limit(limit))
    line = _one_line_error(p)
    assert "could not write" in line and "rerun the same command" in line, line
    mid = snapshot_of(db)  # opens cleanly
    assert before <= len(mid["articles"]) < len(ref["articles"])
    assert mid["orphans"] == 0
    for aid, n_events, n_quotes in mid["articles"]:
        assert len(mid["events"].get(aid, [])) == n_events and len(mid["quotes"].get(aid, [])) == n_quotes
    assert _ingest(str(corpus), "--db", str(db)).returncode == 0
    assert compare(db, ref) == (0, 0, 0, True)


def test_snapshot_is_published_and_readers_fall_back_to_it(corpus, tmp_path):
    db = tmp_path / "snap.duckdb"
    assert _ingest(str(corpus), "--db", str(db)).returncode == 0
    assert snapshot_path(db).exists() and is_current(db)
    published = snapshot_path(db).stat().st_ino
    clean = tmp_path / "clean.jsonl"  # a rerun that stores nothing copies nothing
    clean.write_text("\n".join(ln for ln in corpus.read_text().splitlines() if "broken" not in ln) + "\n")
    assert _ingest(str(clean), "--db", str(db)).returncode == 0
    assert snapshot_path(db).stat().st_ino == published and is_current(db)
    holder = Store(db)  # an ingest is writing
    try:
        p = subprocess.run([sys.executable, "-m", "tidings.cli", "stats", "--db", str(db), "--json"],
                           capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        assert "reading its snapshot" in p.stderr
        assert json.loads(p.stdout)["articles"] == 58
    finally:
        holder.close()
    no_snap = tmp_path / "nosnap.duckdb"
    assert _ingest(str(corpus), "--db", str(no_snap), "--no-snapshot").returncode == 0
    assert not snapshot_path(no_snap).exists()


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_dashboard_answers_from_the_last_snapshot_while_ingest_writes(corpus, tmp_path):
    """The server is up first; an ingest then writes to the same store: every request
    answers (never a lock error), the counts only grow, and the new articles show
    while the ingest is still running."""
    from fastapi.testclient import TestClient

    from tidings.web.app import create_app

    db = tmp_path / "live.duckdb"
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(corpus.read_text().splitlines()[:4]) + "\n")
    assert _ingest(str(first), "--db", str(db)).returncode == 0
    big = tmp_path / "big.jsonl"
    big.write_bytes(kill_corpus(400))
    client = TestClient(create_app(db), base_url="http://localhost")
    start = client.get("/api/stats").json()["articles"]
    proc = subprocess.Popen([*INGEST, str(big), "--db", str(db), "--batch", "8",
                             "--snapshot-every", "0.5"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    seen, statuses = [start], set()
    while proc.poll() is None:
        res = client.get("/api/stats")
        statuses.add(res.status_code)
        seen.append(res.json().get("articles", -1))
        client.get("/api/dyads", params={"a": "FRA", "b": "DEU", "by": "month"})
        time.sleep(0.2)
    assert proc.returncode == 0, proc.stderr.read()
    running = seen[:]
    time.sleep(1.2)
    final = client.get("/api/stats").json()["articles"]
    assert statuses == {200}
    assert running == sorted(running)  # never goes back
    assert any(start < n < final for n in running), running  # new state during the run
    with Store(db, read_only=True) as s:
        assert final == s.stats()["articles"]


def test_time_budget_stops_a_runaway_and_restores_the_timer():
    from tidings.run.budget import ArticleTimeout, time_budget

    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(ArticleTimeout, match=r"longer than 0\.2 s.*--article-timeout"):
        with time_budget(0.2):
            end = time.monotonic() + 120  # a runaway that only the budget can stop
            while time.monotonic() < end:
                pass
            pytest.fail("the budget never fired")
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with time_budget(0):  # no budget
        time.sleep(0.01)


def test_article_over_its_time_budget_is_an_error_and_the_run_goes_on(corpus, tmp_path):
    """A budget so small that every article runs over it: `code` says so in one line,
    and ingest stores each as an error row, not a crash."""
    one = tmp_path / "one.txt"
    one.write_text("France criticised Germany on Monday over its trade policy.\n")
    p = subprocess.run([sys.executable, "-m", "tidings.cli", "code", str(one), "--article-timeout",
                        "0.000001"], capture_output=True, text=True, timeout=120)
    line = _one_line_error(p)
    assert "coding took longer than" in line and "--article-timeout" in line
    db = tmp_path / "budget.duckdb"
    p = _ingest(str(corpus), "--db", str(db), "--article-timeout", "0.000001")
    assert p.returncode == 0, p.stderr
    with Store(db, read_only=True) as s:
        assert s.stats()["articles"] == 0
        reasons = [r[0] for r in s.con.execute("SELECT reason FROM errors WHERE reason LIKE 'coding took%'").fetchall()]
    assert len(reasons) == 58 and all("coding took longer than" in r for r in reasons)
    p = _ingest(str(corpus), "--db", str(db))  # with the default budget they all go in
    assert p.returncode == 0 and "58 articles added" in p.stderr


def _worker_pids(parent: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmd = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"spawn_main" in cmd and b"resource_tracker" not in cmd:
            pids.append(int(stat.parent.name))
    return pids


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_killed_mid_run_loses_nothing(tmp_path, workers):
    """The out-of-memory killer takes a worker while batches are being coded: its
    batches are coded again and the run ends with every article, whole. (Coding always
    runs in worker processes, also with one worker.)"""
    src = tmp_path / "many.jsonl"
    src.write_bytes(kill_corpus(400, bad_every=0))
    db = tmp_path / "worker.duckdb"
    wal = db.with_name(db.name + ".wal")
    proc = subprocess.Popen([*INGEST, str(src), "--db", str(db), "--workers", str(workers), "--batch", "4"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 180
    while time.time() < deadline and proc.poll() is None and not (wal.exists() and wal.stat().st_size > 20_000):
        time.sleep(0.05)  # batches are being stored: the workers have their model
    pids = _worker_pids(proc.pid)
    assert proc.poll() is None and len(pids) == workers, "the run ended before the kill"
    os.kill(pids[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "a worker process died or hung 1 time(s)" in err
    got = snapshot_of(db)
    assert [a[0] for a in got["articles"]] == sorted(f"k{i}" for i in range(400))
    assert got["errors"] == [] and got["orphans"] == 0
    for aid, n_events, n_quotes in got["articles"]:
        assert len(got["events"].get(aid, [])) == n_events and len(got["quotes"].get(aid, [])) == n_quotes


def test_hostile_bench_counts_wrong_outcomes_and_crashes(tmp_path):
    """The benchmark's checks can fail: a file that codes fine but was expected to be
    refused is a wrong outcome; a signal death or a traceback is a crash."""
    from tidings.bench.hostile import HostileCase
    from tidings.bench.hostile_run import _crashed, code_case

    fine = HostileCase("fake", "fine.txt", b"France criticised Germany on Monday.\n", 0, 1, "binary")
    path = tmp_path / fine.filename
    path.write_bytes(fine.data)
    r = code_case(fine, path, 120)
    assert r.exit_code == 0 and "expected exit 2" in r.wrong and not (r.crashed or r.hung)
    assert _crashed(-11, "") and _crashed(1, "Traceback (most recent call last):\n  File")
    assert not _crashed(2, "error: input is binary")


def test_bench_faults_command_prints_the_counts(tmp_path):
    p = subprocess.run([sys.executable, "-m", "tidings.cli", "bench-faults", "--skip-hostile", "--skip-round-two",
                        "--trials", "1", "--articles", "30", "--workdir", str(tmp_path), "--json"],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    s = out["summary"]
    ran_full = not s["disk_full"].startswith("skipped")  # a real full disk where a tmpfs mounts
    assert s["kill_trials"] == 1 and s["inputs_tried"] == 1 + ran_full
    assert s["disk_full_inconsistent"] == 0
    assert s["crashes"] == s["hangs"] == s["articles_lost"] == s["duplicates"] == 0
    assert out["kill_trials"][0]["opened"] is True


def test_kill_while_a_snapshot_is_copied_keeps_the_previous_one(corpus, reference, tmp_path):
    """kill -9 in the middle of publishing a snapshot: the published one is still whole,
    the half copy is a temporary file that the rerun removes, and nothing is lost."""
    ref, _ = reference
    db = tmp_path / "snapkill.duckdb"
    killed = False
    for _ in range(3):  # the copy takes milliseconds: try again if the run ends first
        proc = subprocess.Popen([*INGEST, str(corpus), "--db", str(db), "--batch", "2",
                                 "--snapshot-every", "0.05"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        while proc.poll() is None:
            tmp = [e.name for e in os.scandir(tmp_path) if e.name.startswith(".snapkill.duckdb.snapshot-")]
            if tmp and snapshot_path(db).exists():
                os.killpg(proc.pid, signal.SIGKILL)
                killed = True
                break
        proc.wait(timeout=60)
        if killed:
            break
    assert killed, "no kill landed during a snapshot copy"
    # the half copy, if the kill beat the rename, and an orphan of a long-gone process
    (tmp_path / ".snapkill.duckdb.snapshot-999999999.tmp").write_bytes(b"half a copy")
    with Store(snapshot_path(db), read_only=True) as s:  # the previous snapshot is whole
        n = s.stats()["articles"]
        assert s.con.execute("SELECT count(*) FROM articles a WHERE n_events <> "
                             "(SELECT count(*) FROM events e WHERE e.article_id = a.id)").fetchone()[0] == 0
    assert 0 <= n <= len(ref["articles"])
    assert _ingest(str(corpus), "--db", str(db)).returncode == 0
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
    assert is_current(db)  # the rerun published a new one
    assert compare(db, ref) == (0, 0, 0, True)


def _children(pid: int) -> set[int]:
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.add(int(d.name))
    return out


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for p in pids:
        try:
            state = (Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0])
        except OSError:
            continue
        if state != "Z":
            alive.add(p)
    return alive


def _started_ingest(tmp_path: Path, name: str) -> tuple[subprocess.Popen, Path, set[int]]:
    """An ingest with two workers, once both workers are coding."""
    from tidings.bench.hostile import good_articles

    src = tmp_path / f"{name}.jsonl"
    src.write_bytes(good_articles(1000))
    db = tmp_path / f"{name}.duckdb"
    proc = subprocess.Popen([*INGEST, str(src), "--db", str(db), "--workers", "2", "--batch", "8"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc, db, _coding_workers(proc)


def _coding_workers(proc: subprocess.Popen) -> set[int]:
    """The two worker processes of ``proc``, once they have loaded their models and
    results are coming back."""
    deadline = time.monotonic() + 240
    workers: set[int] = set()
    while len(workers) < 2:
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[1][-2000:]
        time.sleep(0.3)
        workers = {c for c in _children(proc.pid)
                   if "spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes().decode(errors="replace")}
    time.sleep(4)
    return workers


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_says_so_ends_the_workers_and_keeps_the_store(tmp_path, sig):
    """Ctrl-C (or SIGTERM) during `ingest --workers 2` used to end in a traceback or a
    false "free disk space" error; now: one line saying it was interrupted, exit 128+N,
    no worker left, and the same command stores the rest, each article once."""
    proc, db, workers = _started_ingest(tmp_path, sig.name)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + sig, err
    assert "Traceback" not in err and "free disk space" not in err
    assert f"interrupted ({sig.name})" in err and "run the same command again" in err
    deadline = time.monotonic() + 30
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _alive(workers), "workers outlived the interrupted ingest"
    again = _ingest(str(tmp_path / f"{sig.name}.jsonl"), "--db", str(db))
    assert again.returncode == 0, again.stderr
    with Store(db, read_only=True) as s:
        n, distinct = s.con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
    assert n == distinct == 1000


def test_kill_9_of_the_ingest_takes_its_workers_with_it(tmp_path):
    proc, _, workers = _started_ingest(tmp_path, "kill9")
    proc.kill()
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _alive(workers), "workers orphaned by kill -9 of the ingest"


def _group(pgid: int) -> list[str]:
    """The processes of a process group, with their state ("Z" for a zombie)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            out.append(f"{stat.parent.name} {fields[0]}")
    return out


def test_an_ingest_with_workers_leaves_no_process_behind(tmp_path):
    """Not a worker, nor multiprocessing's helper as a zombie (where PID 1 does not reap
    orphans, as in some containers, an unreaped helper stays a zombie)."""
    src = tmp_path / "few.jsonl"
    src.write_bytes(kill_corpus(8, bad_every=0))
    proc = subprocess.Popen([*INGEST, str(src), "--db", str(tmp_path / "few.duckdb"), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    time.sleep(1.0)
    assert _group(proc.pid) == []


def test_bench_faults_round_two_classes_hold(tmp_path):
    """The poison-record and pipe/device classes of `tidings bench-faults` (the slower
    two-writer and interrupt classes are the tests above)."""
    from tidings.bench.fault_classes import pipes_and_devices, poison

    for trial in (poison(tmp_path, 300), pipes_and_devices(tmp_path, 300)):
        assert trial.ok, f"{trial.name}: " + " | ".join(trial.notes)


def _first_line(proc: subprocess.Popen, timeout: float = 120) -> str:
    """The first line ``proc`` writes to its standard output (fails after ``timeout``)."""
    got: list[str] = []

    def read() -> None:  # a byte at a time: communicate() later reads the descriptor itself
        line = bytearray()
        while not line.endswith(b"\n") and (b := os.read(proc.stdout.fileno(), 1)):
            line += b
        got.append(line.decode())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    assert got and got[0], "no record written"
    return got[0]


@pytest.mark.parametrize("to_stdout", [False, True])
def test_interrupted_code_with_workers_says_so_and_leaves_whole_output(tmp_path, to_stdout):
    """SIGTERM during `code --workers 2` used to kill it silently (exit 143, and a warning
    about leaked semaphores from the workers' tracker); now one line, exit 128+N, no
    worker left, and a file is not written at all; standard output
    holds the records written before it."""
    from tidings.bench.hostile import good_articles

    src = tmp_path / "in.jsonl"
    src.write_bytes(good_articles(1000))
    out = tmp_path / "out.jsonl"
    args = [sys.executable, "-m", "tidings.cli", "code", str(src), "-f", "jsonl", "--workers", "2"]
    proc = subprocess.Popen(args if to_stdout else [*args, "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers = _coding_workers(proc)
    first = _first_line(proc) if to_stdout else ""  # on a busy machine: a record out first
    proc.send_signal(signal.SIGTERM)
    stdout, err = proc.communicate(timeout=120)
    stdout = first + stdout
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert err.strip().startswith("interrupted (SIGTERM) after ") and "Traceback" not in err
    assert "leaked" not in err, err
    deadline = time.monotonic() + 30
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _alive(workers), "workers outlived the interrupted run"
    if to_stdout:
        # whole records before the last; the last can be cut at a pipe-buffer boundary when
        # the pipe is full as the signal comes, as here, where nothing reads it before
        # (a known gap, in the README's reliability notes)
        lines = stdout.splitlines()
        records = [json.loads(line) for line in lines[:-1]]
        assert 0 < len(lines) < 1000 and f"after {len(lines)} articles" in err
        assert all(r["id"].startswith("good-") for r in records)
    else:
        assert not out.exists() and "was not written" in err
        assert not list(tmp_path.glob(".out.jsonl.tmp-*"))
