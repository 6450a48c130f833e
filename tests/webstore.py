"""The store the dashboard tests run on: the built-in sample news plus our own web
fixtures (a hostile article with markup in its text, title and URL and an id with a
slash; quotes holding actors and events; a quote with % and _ in it; more Korean
months, with a gap)."""

from __future__ import annotations

import json
from pathlib import Path

WEB_NEWS = Path(__file__).resolve().parent / "fixtures" / "web" / "news.jsonl"
HOSTILE_ID = "web/hostile <1>"


def build_web_store(db: Path) -> Path:
    from tidings.runner import ingest
    from tidings.tables import data_path

    stats = ingest([data_path("sample_news.jsonl"), WEB_NEWS], db)
    assert stats.errors == 0 and stats.added == 8 + len(WEB_NEWS.read_text().splitlines())
    return db


def fixture_ids() -> list[str]:
    from tidings.tables import data_path

    ids = []
    for path in (data_path("sample_news.jsonl"), WEB_NEWS):
        ids += [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return ids
