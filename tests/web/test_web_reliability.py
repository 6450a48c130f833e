"""The dashboard server against hostile clients and a changing store (reliability round
two): DNS rebinding, slow headers, too many heavy queries, snapshot switches under load,
new actors after start, and a damaged store."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.webstore import raw_get, serving
from tidings.run.ingest import ingest
from tidings.web.app import create_app

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


TOPICS = ("fishing rights in the Pacific", "a copper export tax", "border crossings in the Andes",
          "the arrest of a journalist", "river water shared by both countries")


def _story(i: int, country: str) -> dict:
    """Articles different enough not to be linked as near-duplicates of each other."""
    return {"id": f"late-{i}", "date": "2024-08-0" + str(1 + i % 9),
            "text": f"{country} criticised Chile on Monday over {TOPICS[i % len(TOPICS)]}, "
                    f"officials in {country} said after a cabinet meeting number {i * 17 + 3}."}


def test_dns_rebinding_hosts_are_refused(db):
    app = create_app(db, allow_hosts=("news.example.org",))
    with serving(app) as port:
        status, _ = raw_get(port, "/api/stats")
        assert status == 200  # an address
        for host, want in (("localhost:8000", 200), ("news.example.org", 200), ("NEWS.example.org.", 200),
                           ("[::1]:8000", 200), ("attacker.example", 400), ("127.0.0.1.nip.io", 400), ("", 400)):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(f"GET /api/stats HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
                data = b""
                while chunk := s.recv(65536):
                    data += chunk
            assert int(data.split(b" ", 2)[1]) == want, (host, data[:300])
            if want == 400:
                assert b"--allow-host" in data and b"articles" not in data


def test_slow_headers_are_cut_off(db, tmp_path):
    """A client that never finishes its headers is disconnected after --header-timeout
    (it held the connection forever). A hang guard, not a speed test."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "tidings.cli", "serve", "--db", str(db), "--port", str(port),
                             "--header-timeout", "1", "--no-access-log"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
                time.sleep(0.2)
        slow = socket.create_connection(("127.0.0.1", port), timeout=30)
        slow.sendall(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never the blank line
        t0 = time.monotonic()
        for _ in range(5):
            time.sleep(0.3)
            try:
                slow.sendall(b"X-Slow: 1\r\n")
            except OSError:
                break
        assert slow.recv(1024) == b"", "the server still holds the connection"
        slow.close()
        assert time.monotonic() - t0 < 30
        status, _ = raw_get(port, "/api/stats")  # others are served as ever
        assert status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_heavy_queries_beyond_the_cap_get_503_not_a_pile_up(db):
    app = create_app(db, max_queries=1, allow_hosts=("testserver",))
    app.state.query_wait = 0.2
    client = TestClient(app)
    assert client.get("/api/dyads?a=KOR&b=PRK").status_code == 200
    app.state.heavy.acquire()  # another heavy query is running
    try:
        res = client.get("/api/dyads?a=KOR&b=PRK")
        assert res.status_code == 503 and "busy" in res.json()["error"]
        assert res.headers["retry-after"] == "5"
        assert client.get("/api/stats").status_code == 200  # light requests are not held up
    finally:
        app.state.heavy.release()
    assert client.get("/api/dyads?a=KOR&b=PRK").status_code == 200


def test_snapshot_switches_under_load_and_new_actors_show(tmp_path):
    """Requests in flight while a new snapshot is switched in never fail (a switch used to
    close the connection under them), and the dyad picker sees actors that arrived after
    the server started."""
    from tidings.store import Store

    db = tmp_path / "moving.duckdb"
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps(_story(0, "Peru")) + "\n")
    ingest([first], db)
    app = create_app(db, allow_hosts=("testserver",))
    app.state.reader.check_every = 0.0
    client = TestClient(app)
    assert not client.get("/api/actors?q=Ecuador").json()["items"]
    statuses: list[int] = []
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            for path in ("/api/stats", "/api/dyads?a=PER&b=CHL", "/api/actors?q=e", "/api/events?limit=50",
                         "/api/network"):
                statuses.append(client.get(path).status_code)

    with ThreadPoolExecutor(4) as pool:
        for _ in range(4):
            pool.submit(hammer)
        for i, country in enumerate(("Ecuador", "Bolivia", "Argentina", "Uruguay"), start=1):
            more = tmp_path / f"more{i}.jsonl"
            more.write_text(json.dumps(_story(i, country)) + "\n")
            ingest([more], db)  # publishes a new snapshot at its end
            time.sleep(0.3)
        stop.set()
    assert statuses and set(statuses) == {200}, sorted(set(statuses))
    names = {x["name"] for x in client.get("/api/actors?q=Uruguay").json()["items"]}
    assert "Uruguay" in names
    with Store(db, read_only=True) as s:
        assert client.get("/api/stats").json()["articles"] == s.stats()["articles"] == 5


def test_serve_refuses_a_damaged_store(db, tmp_path):
    full = Path(db).read_bytes()
    bad = tmp_path / "cut.duckdb"
    bad.write_bytes(full[: len(full) * 3 // 4])
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "serve", "--db", str(bad), "--port", "1"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
    assert res.stderr.startswith("error: ") and len(res.stderr.strip().splitlines()) == 1
