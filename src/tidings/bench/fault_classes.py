"""More fault classes for ``tidings bench-faults`` (reliability round two): two writers on
one store, interrupts by SIGINT, SIGTERM and a SIGKILL of the ingest alone (its workers
must end with it), poison records in every input format, and pipes and devices.

Each trial returns a :class:`Trial`: what was tried and what went wrong (a crash is a
traceback or an unexpected exit code, a hang a command that had to be killed, lost and
duplicate articles are counted against what the input holds, ``workers_left`` are
worker processes still alive 30 s after their ingest ended).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CLI = [sys.executable, "-m", "tidings.cli"]
GOOD_URL = "https://news.example.org/{i}"


@dataclass
class Trial:
    name: str
    inputs: int = 1
    crashes: int = 0
    hangs: int = 0
    lost: int = 0
    duplicates: int = 0
    workers_left: int = 0
    wrong: int = 0  # an outcome other than the one expected (exit code, message)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.hangs or self.lost or self.duplicates or self.workers_left
                    or self.wrong)


def _run(args: list[str], timeout: float, **kw) -> tuple[int | None, str]:  # noqa: ANN003
    """Exit code (None for a hang) and stderr, which starts with the command it ran."""
    shown = "tidings " + " ".join(args)
    try:
        p = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        return None, f"[{shown}] timed out"
    return p.returncode, f"[{shown}] {p.stderr}"


def _judge(t: Trial, code: int | None, err: str, want: int, needle: str = "") -> None:
    if code is None:
        t.hangs += 1
    elif "Traceback" in err:
        t.crashes += 1
    elif code != want or (needle and needle not in err):
        t.wrong += 1
        t.notes.append(f"exit {code}: {err.strip()[:300]}")


def _ids(db: Path) -> list[str]:
    from tidings.store import Store

    with Store(db, read_only=True) as s:
        return [r[0] for r in s.con.execute("SELECT id FROM articles").fetchall()]


def _count(t: Trial, db: Path, expected: set[str]) -> None:
    try:
        ids = _ids(db)
    except Exception as exc:  # noqa: BLE001 - a store that will not open is lost work
        t.lost += len(expected)
        t.notes.append(f"store did not open: {exc}")
        return
    t.lost += len(expected - set(ids))
    t.duplicates += len(ids) - len(set(ids))


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
            state = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(p)
    return alive


def _corpus(path: Path, n: int, prefix: str = "g") -> set[str]:
    from tidings.bench.faults import kill_corpus

    lines = [json.loads(x) for x in kill_corpus(n, bad_every=0).decode().splitlines()]
    for i, r in enumerate(lines):
        r["id"] = f"{prefix}{i}"
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return {r["id"] for r in lines}


def _start(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _wait_workers(proc: subprocess.Popen, n: int, timeout: float = 240) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        found = set()
        for c in _children(proc.pid):
            try:
                if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes():
                    found.add(c)
            except OSError:
                pass
        if len(found) >= n:
            return found
        time.sleep(0.3)
    return set()


# --------------------------------------------------------------------------- two writers


def two_writers(work: Path, timeout: float) -> Trial:
    """A second ingest while one writes: refused in one line, a reader reads the snapshot,
    and after both the store holds each article once."""
    t = Trial("two writers", inputs=3)
    work.mkdir(parents=True, exist_ok=True)
    db = work / "two.duckdb"
    a_ids = _corpus(work / "a.jsonl", 600, "a")
    b_ids = _corpus(work / "b.jsonl", 20, "b")
    a = _start(["ingest", str(work / "a.jsonl"), "--db", str(db), "--batch", "4", "--snapshot-every", "1"])
    from tidings.store.snapshot import snapshot_path

    deadline = time.monotonic() + timeout
    while not snapshot_path(db).exists() and a.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)
    if a.poll() is not None:
        t.notes.append("the first ingest ended before the second started")
    code, err = _run(["ingest", str(work / "b.jsonl"), "--db", str(db)], timeout)
    _judge(t, code, err, 2, "in use by another process")
    code, err = _run(["stats", "--db", str(db), "--json"], timeout)
    _judge(t, code, err, 0, "snapshot")
    try:
        _, err = a.communicate(timeout=timeout)
        _judge(t, a.returncode, err, 0)
    except subprocess.TimeoutExpired:
        a.kill()
        t.hangs += 1
    code, err = _run(["ingest", str(work / "b.jsonl"), "--db", str(db)], timeout)
    _judge(t, code, err, 0)
    _count(t, db, a_ids | b_ids)
    return t


# --------------------------------------------------------------------------- interrupts


def interrupt(work: Path, sig: signal.Signals, workers: int, timeout: float) -> Trial:
    """An ingest stopped by ``sig`` while its workers code: SIGINT and SIGTERM say so in
    one line with exit 128+N; a SIGKILL of the ingest alone (not its process group)
    takes the workers with it. Then the same command stores the rest, once each."""
    t = Trial(f"{sig.name} with {workers} worker(s)")
    db = work / f"int-{sig.name}-{workers}.duckdb"
    src = work / f"int-{sig.name}-{workers}.jsonl"
    ids = _corpus(src, 1000, f"i{sig.value}w{workers}-")
    proc = _start(["ingest", str(src), "--db", str(db), "--workers", str(workers), "--batch", "8"])
    pids = _wait_workers(proc, workers)
    time.sleep(4)
    if proc.poll() is not None:
        t.notes.append("the ingest ended before the signal")
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        t.hangs += 1
        err = ""
    if sig != signal.SIGKILL:
        _judge(t, proc.returncode, err, 128 + sig.value, "interrupted")
    deadline = time.monotonic() + 30
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.5)
    left = _alive(pids)
    t.workers_left = len(left)
    for p in left:  # do not leave them behind for the next trial
        os.kill(p, signal.SIGKILL)
    code, err = _run(["ingest", str(src), "--db", str(db)], timeout)
    _judge(t, code, err, 0)
    _count(t, db, ids)
    return t


# --------------------------------------------------------------------------- poison records


def _poison_inputs(folder: Path) -> tuple[list[Path], set[str]]:
    """One file per input format, each with good articles and poison records (malformed
    URLs, lone surrogates, duplicate ids, formula-like ids, tabs in ids); returns the
    files and the ids of the good articles, which must all be stored."""
    from tidings.bench.faults import kill_corpus

    texts = [json.loads(x)["text"] for x in kill_corpus(40, bad_every=0).decode().splitlines()]
    folder.mkdir(parents=True, exist_ok=True)
    good: set[str] = set()
    rows = []
    for i in range(8):
        rows.append({"id": f"pj{i}", "text": texts[i], "url": GOOD_URL.format(i=i)})
        good.add(f"pj{i}")
    rows += [{"id": "pj-badurl", "text": texts[8], "url": "http://[badipv6/x"},
             {"id": "pj-surrogate", "text": texts[9], "source": "wire \ud800"},
             {"id": "pj0", "text": texts[10]}, {"id": " pj1\u0000", "text": texts[11]},
             {"id": "=cmd|' /C calc'!A0", "text": texts[12]}, {"id": "tab\tid", "text": texts[13]}]
    good |= {"pj-badurl", "pj-surrogate", "=cmd|' /C calc'!A0", "tab\tid"}
    (folder / "poison.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    page = ("<html><head><title>{t}</title><link rel='canonical' href='http://[bad'>"
            "<meta property='og:url' content='http://[::1'></head><body><article><p>{b}</p></article></body></html>")
    (folder / "page.html").write_text(page.format(t="Talks", b=texts[14]), encoding="utf-8")
    (folder / "text.txt").write_text("Headline =HYPERLINK(\"x\")\n\n" + texts[15] + "\n", encoding="utf-8")
    items = "".join(f"<item><title>t{i}</title><link>http://[bad{i}</link><guid>rss-{i}</guid>"
                    f"<description>{texts[16 + i]}</description></item>" for i in range(3))
    items += f"<item><title>dup</title><guid>rss-0</guid><description>{texts[19]}</description></item>"
    (folder / "feed.rss").write_text(f"<rss version='2.0'><channel>{items}</channel></rss>", encoding="utf-8")
    entries = "".join(f"<entry><title>e{i}</title><id>atom-{i}</id><link rel='self' href='http://[x'/>"
                      f"<summary>{texts[20 + i]}</summary></entry>" for i in range(2))
    (folder / "feed.atom").write_text(f"<feed xmlns='http://www.w3.org/2005/Atom'>{entries}</feed>",
                                      encoding="utf-8")
    good |= {"rss-0", "rss-1", "rss-2", "atom-0", "atom-1"}
    warc = b""
    for i, uri in enumerate(("http://[badipv6/w", "https://ok.example/w1", "not a uri at all")):
        html = f"<html><body><article><p>{texts[22 + i]}</p></article></body></html>".encode()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:warc-{i}>\r\n"
                f"WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode()
        warc += head + http + b"\r\n\r\n"
        good.add(f"urn:uuid:warc-{i}")  # the record id, without its angle brackets
    (folder / "crawl.warc").write_bytes(warc)
    return sorted(folder.iterdir()), good


def poison(work: Path, timeout: float) -> Trial:
    """Poison records in every input format, ingested twice: nothing crashes, every good
    article is stored once, the poison ones are stored or are error rows."""
    work.mkdir(parents=True, exist_ok=True)
    files, good = _poison_inputs(work / "poison")
    t = Trial("poison records", inputs=len(files))
    db = work / "poison.duckdb"
    for _ in range(2):
        code, err = _run(["ingest", *map(str, files), "--db", str(db)], timeout)
        _judge(t, code, err, 0)
    try:
        ids = _ids(db)
    except Exception as exc:  # noqa: BLE001
        t.lost += len(good)
        t.notes.append(str(exc))
        return t
    t.duplicates += len(ids) - len(set(ids))
    # the HTML and text files get ids made from their text: count them by source
    t.lost += len(good - set(ids))
    if len(ids) < len(good) + 2:
        t.lost += len(good) + 2 - len(ids)
    for f in files:  # and each format through `code`
        code, err = _run(["code", str(f), "--format", "jsonl"], timeout)
        _judge(t, code, err, 0)
    return t


# --------------------------------------------------------------------------- pipes and devices


def pipes_and_devices(work: Path, timeout: float) -> Trial:
    """/dev/zero and /dev/urandom stop at --max-bytes, a FIFO nobody writes to is an error
    after the idle time (not a hang), a FIFO in a folder is skipped with an error, process
    substitution is read once, whole, and an empty standard input is one clear line."""
    t = Trial("pipes and devices", inputs=6)
    work.mkdir(parents=True, exist_ok=True)
    for dev in ("/dev/zero", "/dev/urandom"):
        code, err = _run(["code", dev, "--max-bytes", "100000"], timeout)
        _judge(t, code, err, 2, "gave more than")
    fifo = work / "nobody.txt"
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    code, err = _run(["code", str(fifo)], timeout, env={**os.environ, "TIDINGS_READ_IDLE": "2"})
    _judge(t, code, err, 2, "nothing arrived for 2 s")
    folder = work / "with-fifo"
    folder.mkdir(exist_ok=True)
    ids = _corpus(folder / "good.jsonl", 6, "f")
    (folder / "pipe.txt").unlink(missing_ok=True)
    os.mkfifo(folder / "pipe.txt")
    db = work / "fifo.duckdb"
    code, err = _run(["ingest", str(folder), "--db", str(db)], timeout)
    _judge(t, code, err, 0)
    _count(t, db, ids)
    src = work / "subst.jsonl"
    sub_ids = _corpus(src, 12, "s")
    db2 = work / "subst.duckdb"
    cmd = f"{' '.join(CLI)} ingest <(cat {src}) --db {db2}"
    try:
        p = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=timeout)
        _judge(t, p.returncode, f"[{cmd}] {p.stderr}", 0)
    except subprocess.TimeoutExpired:
        t.hangs += 1
    _count(t, db2, sub_ids)
    code, err = _run(["code", "-", "--format", "jsonl"], timeout, stdin=subprocess.DEVNULL)
    _judge(t, code, err, 2, "empty")
    return t


def run_round_two(work: Path, *, timeout: float = 600,
                  say: Callable[[str], None] = lambda m: None) -> list[Trial]:
    """Every class above, in order; the trials."""
    work.mkdir(parents=True, exist_ok=True)
    trials = []
    say("two writers on one store…")
    trials.append(two_writers(work, timeout))
    for sig, workers in ((signal.SIGINT, 2), (signal.SIGTERM, 2), (signal.SIGINT, 1),
                         (signal.SIGTERM, 1), (signal.SIGKILL, 2)):
        say(f"{sig.name} during an ingest with {workers} worker(s)…")
        trials.append(interrupt(work, sig, workers, timeout))
    say("poison records in every input format…")
    trials.append(poison(work, timeout))
    say("pipes and devices…")
    trials.append(pipes_and_devices(work, timeout))
    return trials
