from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
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
