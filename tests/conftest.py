from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# db, app and client: the dashboard API tests' store, app and TestClient
pytest_plugins = ["tests.webstore"]

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def coder():
    from tidings.pipeline import Coder

    return Coder()


def shared_file(rel: str) -> Path:
    p = SHARED / rel
    if not p.exists():
        pytest.skip(f"../shared/{rel} not present")
    return p


TEST_DATE = "2020-05-14"  # a Thursday


@pytest.fixture(scope="session")
def run(coder):
    """Code invented news text as one article: ``run(text, date=...)``."""
    from tidings.ingest import from_text

    def _run(text: str, date: str = TEST_DATE):
        return coder.code(from_text(text, id="t", date=date))

    return _run


def find_events(rec, *, src=None, root=None, tgt=None, src_code=None, tgt_code=None,
                plover=None, cameo=None):
    """Events matching every given constraint. ``src``/``tgt`` match a country or an
    actor code; ``tgt=""`` asks for no target; ``*_code`` match the code exactly."""

    def country(ref):
        return None if ref is None else ref.country

    out = []
    for e in rec.events:
        if src is not None and country(e.source) != src and e.source.code != src:
            continue
        if src_code is not None and e.source.code != src_code:
            continue
        if root is not None and e.cameo_root != root:
            continue
        if cameo is not None and e.cameo != cameo:
            continue
        if plover is not None and e.plover != plover:
            continue
        if tgt == "" and e.target is not None:
            continue
        if tgt and (e.target is None or (country(e.target) != tgt and e.target.code != tgt)):
            continue
        if tgt_code is not None and (e.target is None or e.target.code != tgt_code):
            continue
        out.append(e)
    return out
