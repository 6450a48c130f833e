"""`tidings spark` as users run it on a cluster: a Spark standalone master and two workers
started on loopback from the scripts that ship with pyspark (`bin/spark-class`), and
`tidings spark --master spark://127.0.0.1:PORT` run as a command. The executors are
processes the workers launch (not the driver's), so they must find tidings, its rules
and the model on their own; what they code, stored with `tidings ingest OUTPUT`, equals
what the local pipeline stores.

Skipped as a whole when pyspark or Java 17 is not installed."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pandas")

from tidings.spark.driver import SparkError, check_environment  # noqa: E402

try:
    check_environment()
except SparkError as exc:  # no Java 17
    pytest.skip(str(exc), allow_module_level=True)

import duckdb  # noqa: E402

from tests.spark.test_spark import NEWS, TABLES  # noqa: E402
from tidings.run.ingest import ingest  # noqa: E402

WORKERS = 2
STARTUP = 180.0  # seconds for the JVMs to come up on a slow machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _state(ui: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{ui}/json/", timeout=5) as r:
            return json.load(r)
    except (OSError, ValueError):
        return None


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A master and two one-core workers; yields (master URL, work folder)."""
    home = Path(pyspark.__file__).parent
    work = tmp_path_factory.mktemp("cluster")
    env = {**os.environ, "SPARK_HOME": str(home), "SPARK_LOCAL_IP": "127.0.0.1",
           "SPARK_LOG_DIR": str(work), "SPARK_NO_DAEMONIZE": "1",
           "SPARK_MASTER_OPTS": "-Dspark.master.rest.enabled=false"}
    spark_class = str(home / "bin" / "spark-class")
    port, ui = _free_port(), _free_port()
    url = f"spark://127.0.0.1:{port}"
    procs: list[subprocess.Popen] = []

    def start(name: str, *args: str) -> None:
        log = open(work / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        procs.append(subprocess.Popen([spark_class, *args], stdout=log, stderr=subprocess.STDOUT,
                                      env=env, start_new_session=True))

    try:
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
              "--port", str(port), "--webui-port", str(ui))
        for i in range(WORKERS):
            start(f"worker{i}", "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1",
                  "--cores", "1", "--memory", "2g", "--webui-port", str(_free_port()),
                  "--work-dir", str(work / f"worker{i}"))
        deadline = time.monotonic() + STARTUP
        while time.monotonic() < deadline:
            state = _state(ui)
            alive = [w for w in (state or {}).get("workers", []) if w.get("state") == "ALIVE"]
            if len(alive) == WORKERS:
                break
            if any(p.poll() is not None for p in procs):
                pytest.fail("a Spark daemon exited: " + "; ".join(
                    (work / f).read_text(errors="replace")[-400:] for f in os.listdir(work) if f.endswith(".log")))
            time.sleep(1)
        else:
            pytest.fail(f"the standalone cluster did not come up in {STARTUP:.0f} s")
        yield url, work
    finally:
        for p in procs:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


def test_tidings_spark_on_a_standalone_cluster_equals_the_local_ingest(cluster, tmp_path):
    url, work = cluster
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps(a) + "\n" for a in NEWS), encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "tidings.cli", "spark", str(news), str(out), "--master", url,
         "--partitions", "4", "--conf", "spark.executor.memory=1g",
         "--conf", f"spark.pyspark.python={sys.executable}"],
        capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    marker = json.loads((out / "_tidings_spark.json").read_text())
    assert marker["master"] == url and marker["articles"] == len(NEWS) - 1 and marker["errors"] == 1
    # each worker launched an executor of its own (a separate JVM with its own Python workers)
    executors = [d for w in range(WORKERS) for d in (work / f"worker{w}").glob("app-*/*") if d.is_dir()]
    assert len(executors) == WORKERS, executors

    local, from_spark = tmp_path / "local.duckdb", tmp_path / "spark.duckdb"
    ingest([str(news)], local)
    stats = ingest([str(out)], from_spark)
    assert (stats.added, stats.errors) == (len(NEWS) - 1, 1)
    with duckdb.connect(str(local), read_only=True) as a, duckdb.connect(str(from_spark), read_only=True) as b:
        for table, sql in TABLES.items():
            assert b.execute(sql).fetchall() == a.execute(sql).fetchall(), table
        assert b.execute("SELECT count(*) FROM events").fetchone()[0] >= 10
