"""``tidings bench-api``: wrk against ``tidings serve`` on a loopback port.

The server runs in its own process group (so its uvicorn workers stop with it); a Lua
script written at run time rotates the requests over several dyads and periods, so
the store's dyad query is measured, not one cached plan of one pair. wrk's --latency
report gives the percentiles.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

DYAD_PATHS = (
    "/api/dyads?a=USA&b=CHN&by=month",
    "/api/dyads?a=KOR&b=PRK&by=week",
    "/api/dyads?a=RUS&b=UKR&by=day",
    "/api/dyads?a=IND&b=PAK&by=quarter",
    "/api/dyads?a=ISR&b=PSE&by=month",
    "/api/dyads?a=IRN&b=SAU&by=year",
    "/api/dyads?a=USA&b=RUS&by=week",
    "/api/dyads?a=CHN&b=JPN&by=month",
    "/api/dyads?a=TUR&b=SYR&by=day",
    "/api/dyads?a=CUB&b=PER&by=quarter",
)
# the overview: every view for each month and each year of the synthetic store's ten years
# (2015-2024), and the volume chart by week and by day from each year on: 142 distinct
# requests, more than the server keeps answers for (web/overview.py, CACHED), so each one
# is computed, as a brushed range is
OVERVIEW_PATHS = (
    "/api/overview", "/api/overview/volume?by=month",
    *(f"/api/overview?since={y}-{m:02d}-01&until={y}-{m:02d}-28" for y in range(2015, 2025)
      for m in range(1, 13)),
    *(f"/api/overview/volume?by={by}&since={y}-01-01" for y in range(2015, 2025) for by in ("week", "day")),
)
TARGETS = {"dyads": DYAD_PATHS, "overview": OVERVIEW_PATHS}
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class BenchApiError(RuntimeError):
    """The load test could not run; the message says why and what to do."""


def lua_script(paths: tuple[str, ...] = DYAD_PATHS) -> str:
    """A wrk script that sends ``paths`` in turn (each wrk thread keeps its own turn,
    starting 71 paths after the thread before it)."""
    quoted = ",\n  ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    return (
        "local paths = {\n  " + quoted + "\n}\n"
        "local threads = 0\n"
        "setup = function(thread)\n"  # threads start far apart on the list, not in step
        "  thread:set(\"offset\", threads * 71)\n"
        "  threads = threads + 1\n"
        "end\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  return wrk.format(\"GET\", paths[((i + (offset or 0)) % #paths) + 1])\n"
        "end\n"
    )


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


def parse_wrk(out: str) -> dict[str, Any]:
    """Requests/s, request and error counts and the latency percentiles of wrk --latency."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read", out)
    if not rps or not total:
        raise BenchApiError("could not read wrk's report:\n" + out[-2000:])
    latency = {f"p{m.group(1)}": round(_ms(m.group(2)), 3)
               for m in re.finditer(r"^\s+(50|75|90|99)(?:\.0+)?%\s+(\S+)\s*$", out, re.M)}
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    transfer = re.search(r"Transfer/sec:\s+(\S+)", out)
    errors = (sum(int(x) for x in socket_errors.groups()) if socket_errors else 0) + (
        int(non2xx.group(1)) if non2xx else 0)
    return {"requests_per_s": float(rps.group(1)), "requests": int(total.group(1)),
            "latency_ms": latency, "errors": errors, "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "transfer_per_s": transfer.group(1) if transfer else ""}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen, log: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-1500:]
            raise BenchApiError(f"tidings serve stopped (exit {proc.returncode}) before answering:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=5) as res:
                if res.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise BenchApiError(f"tidings serve did not answer {url} within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    """Stop the server and its workers (its own process group)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)
    except ProcessLookupError:
        pass


def run_bench(db: Path, *, workers: int, duration: int, connections: int, threads: int = 2,
              duckdb_threads: int | None = None,
              paths: tuple[str, ...] = DYAD_PATHS) -> dict[str, Any]:
    """Serve ``db`` with ``workers`` processes on a free loopback port and load it
    with wrk for ``duration`` seconds; returns wrk's figures."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="tidings-bench-api-") as tmp:
        log = Path(tmp) / "serve.log"
        script = Path(tmp) / "paths.lua"
        script.write_text(lua_script(paths), encoding="utf-8")
        cmd = [sys.executable, "-c", "from tidings.cli import main; main()", "serve", "--db", str(db),
               "--port", str(port), "--workers", str(workers), "--no-access-log"]
        if duckdb_threads:
            cmd += ["--duckdb-threads", str(duckdb_threads)]
        with log.open("w") as fh:
            proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_ready(base + "/api/stats", proc, log)
            for p in paths * 2:  # warm every worker's plans and caches
                with urllib.request.urlopen(base + p, timeout=30) as res:
                    res.read()
            res = subprocess.run(
                ["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{duration}s",
                 "--latency", "--timeout", "10s", "-s", str(script), base],
                capture_output=True, text=True, timeout=duration + 60)
        finally:
            stop(proc)
        if res.returncode != 0:
            raise BenchApiError(f"wrk failed (exit {res.returncode}): {res.stderr.strip()[:500]}")
        figures = parse_wrk(res.stdout)
    return {"workers": workers, "duckdb_threads": duckdb_threads, "connections": connections,
            "duration_s": duration,
            "paths": list(paths), **figures}


def bench(db: Path, *, events: int, workers: list[int], duration: int, connections: int,
          threads: int = 2, duckdb_threads: int | None = None, target: str = "dyads",
          say: Callable[[str], None] = lambda m: None) -> dict[str, Any]:
    """Build the synthetic store unless ``db`` exists, then one wrk run per worker count
    against the paths of ``target`` (see :data:`TARGETS`)."""
    if target not in TARGETS:
        raise BenchApiError(f"--target takes one of {', '.join(TARGETS)}, not {target!r}")
    from tidings.bench.store import build_synthetic
    from tidings.store import Store

    if shutil.which("wrk") is None:
        raise BenchApiError("wrk is not installed: apt-get install wrk (Debian/Ubuntu), then run "
                            "bench-api again")
    built = None
    if not db.exists():
        say(f"building {events:,} synthetic events in {db}…")
        t0 = time.perf_counter()
        built = build_synthetic(db, events)
        built["seconds"] = round(time.perf_counter() - t0, 1)
    with Store(db, read_only=True) as store:
        size = store.stats()
    runs = []
    for k in workers:
        say(f"wrk: {duration} s, {connections} connections against tidings serve --workers {k}…")
        runs.append(run_bench(db, workers=k, duration=duration, connections=connections,
                              threads=threads, duckdb_threads=duckdb_threads, paths=TARGETS[target]))
    return {"built": built, "store": size, "runs": runs}
