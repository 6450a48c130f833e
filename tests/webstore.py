"""The store the dashboard tests run on: the built-in sample news plus our own web
fixtures (a hostile article with markup in its text, title and URL and an id with a
slash; quotes holding actors and events; a quote with % and _ in it; more Korean
months, with a gap; for the overview's map, later articles on other countries whose
events are located in cities; and an article with a pronoun actor, "It")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

WEB_NEWS = Path(__file__).resolve().parent / "fixtures" / "web" / "news.jsonl"
HOSTILE_ID = "web/hostile <1>"
PRONOUN_ID = "web-pronoun"
# events located in Paris, Srinagar, Islamabad and Brasilia (with Kharkiv in WEB_NEWS), dated after
# every other fixture, on pairs no other fixture has; and Iran and Israel in May, where
# "It" stands for Iran
MAP_NEWS = [
    {"id": "web-map-paris", "date": "2024-10-08", "url": "https://news.example.org/europe/paris-talks",
     "title": "France and Germany sign accord",
     "text": "France and Germany sign accord\n\nFrance signed a trade agreement with Germany in Paris "
             "on Tuesday. Germany praised France for the deal."},
    {"id": "web-map-delhi", "date": "2024-10-21", "url": "https://wire.example.com/asia/kashmir",
     "title": "India accuses Pakistan",
     "text": "India accuses Pakistan\n\nIndia accused Pakistan of shelling villages near Srinagar on "
             "Monday. Pakistan rejected the claim in Islamabad."},
    {"id": "web-map-nairobi", "date": "2024-11-05", "url": "https://news.example.org/africa/aid",
     "title": "Kenya sends aid to Somalia",
     "text": "Kenya sends aid to Somalia\n\nKenya sent humanitarian aid to Somalia from Nairobi on "
             "Tuesday. Somalia thanked Kenya for the help."},
    {"id": "web-map-brazil", "date": "2024-11-19", "url": "https://wire.example.com/americas/brasilia",
     "title": "Brazil and Argentina meet",
     "text": "Brazil and Argentina meet\n\nBrazil met Argentina in Brasilia on Monday to discuss trade. "
             "Argentina threatened Brazil with tariffs."},
    {"id": PRONOUN_ID, "date": "2024-05-06", "url": "https://news.example.org/mideast/drones",
     "title": "Iran warns Israel",
     "text": "Iran warns Israel\n\nIran launched drones at Israel on Sunday. It threatened Israel with "
             "more attacks on Monday."},
]


def build_web_store(db: Path) -> Path:
    from tidings.rules.tables import data_path
    from tidings.run.ingest import ingest

    map_news = db.parent / "map_news.jsonl"
    map_news.write_text("".join(json.dumps(a) + "\n" for a in MAP_NEWS), encoding="utf-8")
    stats = ingest([data_path("sample_news.jsonl"), WEB_NEWS, map_news], db)
    assert stats.errors == 0 and stats.added == 8 + len(WEB_NEWS.read_text().splitlines()) + len(MAP_NEWS)
    return db


def fixture_ids() -> list[str]:
    from tidings.rules.tables import data_path

    ids = []
    for path in (data_path("sample_news.jsonl"), WEB_NEWS):
        ids += [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return ids + [a["id"] for a in MAP_NEWS]


def get(client, path: str, status: int = 200):  # noqa: ANN001, ANN201 - a TestClient, the JSON
    """GET ``path`` from the API's test client: the status it should have, JSON back."""
    res = client.get(path)
    assert res.status_code == status, (path, res.status_code, res.text[:300])
    assert res.headers["content-type"].startswith("application/json")
    return res.json()


def raw_get(port: int, path: str) -> tuple[int, bytes]:
    """GET ``path`` byte for byte over a socket (no client normalises the dots away)."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data


@contextmanager
def serving(app) -> Iterator[int]:  # noqa: ANN001
    """``app`` under uvicorn on a free loopback port, in a thread; yields the port."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield port
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


# fixtures of the API tests (registered by tests/conftest.py)
@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:  # noqa: ANN001
    return build_web_store(tmp_path_factory.mktemp("web") / "web.duckdb")


@pytest.fixture(scope="module")
def app(db):  # noqa: ANN001, ANN201
    from tidings.web.app import create_app

    return create_app(db, allow_hosts=("testserver",))  # the name ASGI test clients send


@pytest.fixture(scope="module")
def client(app):  # noqa: ANN001, ANN201
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False, base_url="http://localhost") as c:
        yield c
