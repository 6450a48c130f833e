"""The store the dashboard tests run on: the built-in sample news plus our own web
fixtures (a hostile article with markup in its text, title and URL and an id with a
slash; quotes holding actors and events; a quote with % and _ in it; more Korean
months, with a gap)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

WEB_NEWS = Path(__file__).resolve().parent / "fixtures" / "web" / "news.jsonl"
HOSTILE_ID = "web/hostile <1>"


def build_web_store(db: Path) -> Path:
    from tidings.rules.tables import data_path
    from tidings.run.ingest import ingest

    stats = ingest([data_path("sample_news.jsonl"), WEB_NEWS], db)
    assert stats.errors == 0 and stats.added == 8 + len(WEB_NEWS.read_text().splitlines())
    return db


def fixture_ids() -> list[str]:
    from tidings.rules.tables import data_path

    ids = []
    for path in (data_path("sample_news.jsonl"), WEB_NEWS):
        ids += [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return ids


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
