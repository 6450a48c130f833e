from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# Tests that read ../shared carry @pytest.mark.shared. Without ../shared they skip; with
# TIDINGS_REQUIRE_SHARED=1 (set by .ci/run when ../shared is there) a skip of one is a failure,
# so accuracy floors and the example article never skip silently in CI.
REQUIRE_SHARED = os.environ.get("TIDINGS_REQUIRE_SHARED") == "1"
_shared_outcomes: Counter[str] = Counter()
_current: list[pytest.Item] = []
# db, app and client: the dashboard API tests' store, app and TestClient
pytest_plugins = ["tests.webstore"]

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def rules():
    """The package's own rule set."""
    from tidings.rules import RuleSet

    return RuleSet.default()


@pytest.fixture(scope="session")
def gazetteer(rules):
    from tidings.extract.places import Gazetteer

    return Gazetteer.build(rules)


@pytest.fixture(scope="session")
def coder():
    from tidings.pipeline import Coder

    return Coder()


def shared_file(rel: str) -> Path:
    """A file of ../shared for a test marked ``shared``: skips when ../shared is absent,
    fails when ../shared is there without the file or the test is not marked."""
    item = _current[-1] if _current else None
    if item is not None and item.get_closest_marker("shared") is None:
        pytest.fail(f"{item.nodeid} reads ../shared/{rel}: mark it @pytest.mark.shared")
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    p = SHARED / rel
    if not p.exists():
        pytest.fail(f"../shared is present but ../shared/{rel} is not")
    return p


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _current.append(item)


def pytest_runtest_teardown(item: pytest.Item) -> None:
    if _current and _current[-1] is item:
        _current.pop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if item.get_closest_marker("shared") is None:
        return report
    if report.skipped and REQUIRE_SHARED:
        report.outcome = "failed"
        report.longrepr = (f"{item.nodeid} needs ../shared and skipped, but TIDINGS_REQUIRE_SHARED=1: "
                           f"{report.longrepr}")
    if report.when == "call" or (report.when == "setup" and not report.passed):
        _shared_outcomes[report.outcome] += 1
    return report


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    counts = ", ".join(f"{n} {k}" for k, n in sorted(_shared_outcomes.items())) or "none ran"
    terminalreporter.write_line(f"tests that read ../shared: {counts}"
                                + ("" if SHARED.is_dir() else " (../shared is not present)"))
    out = os.environ.get("TIDINGS_SHARED_REPORT")
    if out:
        Path(out).write_text(json.dumps({"shared_present": SHARED.is_dir(), **_shared_outcomes}))


TEST_DATE = "2020-05-14"  # a Thursday


@pytest.fixture(scope="session")
def patterns_only(rules):
    """A coder with the verb patterns only (no event detector)."""
    from tidings.pipeline import Coder

    return Coder(rules=rules, detector=None)


@pytest.fixture(scope="session")
def run(coder):
    """Code invented news text as one article: ``run(text, date=...)``."""
    from tidings.ingest import from_text

    def _run(text: str, date: str = TEST_DATE):
        return coder.code(from_text(text, id="t", date=date))

    return _run


def event_rows(rec):
    """What a test failure shows of a record's events: code, source, target, rule."""
    return [(e.cameo, e.source.code, e.target.code if e.target else None, e.rule) for e in rec.events]


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
