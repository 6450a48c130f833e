"""Calibrated confidence: the table, fitting it, and the coder using it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tidings.ingest import from_text
from tidings.pipeline import Coder
from tidings.rules import RuleSet
from tidings.rules.calibration import Band, Calibration, fit, load_calibration, to_tsv
from tidings.rules.tables import TableError

TEXT = "Brazil criticised Argentina over the new tariffs on Monday."


def test_lookup_by_kind_and_range():
    cal = Calibration({"patterns": (Band(0.5, 0.8, 0.55, 40), Band(0.8, 1.0001, 0.93, 200))})
    assert cal("patterns", 0.6) == 0.55 and cal("patterns", 0.9) == 0.93 and cal("patterns", 1.0) == 0.93
    assert cal("patterns", 0.3) == 0.3  # outside every band: the raw score stays
    assert cal("model", 0.6) == 0.6
    assert Calibration.kind_of("model:tidings_events-1.0.0 ASSAULT p=0.91") == "model"
    assert Calibration.kind_of("verbs.tsv:12 meet -> 040") == "patterns"


def test_fit_is_smoothed_monotone_and_covers_up_to_one():
    pairs = ([("patterns", 0.9, True)] * 45 + [("patterns", 0.9, False)] * 5
             + [("patterns", 0.7, True)] * 20 + [("patterns", 0.7, False)] * 20
             + [("patterns", 0.6, True)] * 15 + [("patterns", 0.6, False)] * 5)  # 0.6 beats 0.7: pooled
    cal = fit(pairs)
    bands = cal.bands["patterns"]
    assert [b.confidence for b in bands] == sorted(b.confidence for b in bands)
    assert bands[-1].high > 1.0 and bands[0].low == 0.6
    assert len(bands) == 2 and bands[0].n == 60 and bands[0].confidence == round(36 / 62, 3)
    assert bands[1].confidence == round(46 / 52, 3)
    assert all(a.high == b.low for a, b in zip(bands, bands[1:], strict=False))  # contiguous
    assert "model" not in fit([("model", 0.9, True)] * 5).bands  # too few to say anything


def test_table_round_trip_and_a_users_table_comes_first(tmp_path):
    cal = fit([("patterns", 0.9, True)] * 30 + [("patterns", 0.6, False)] * 30)
    (tmp_path / "calibration.tsv").write_text(to_tsv(cal, "test"), encoding="utf-8")
    loaded = load_calibration([tmp_path])
    assert loaded.bands["patterns"][: len(cal.bands["patterns"])] == cal.bands["patterns"]
    assert loaded("patterns", 0.95) == cal("patterns", 0.95)


def test_a_broken_row_names_file_and_line(tmp_path):
    (tmp_path / "calibration.tsv").write_text("kind\tlow\thigh\tconfidence\tn\nrules\t0.1\t0.5\t0.3\t9\n")
    with pytest.raises(TableError, match=r"calibration.tsv:2: kind must be one of"):
        load_calibration([tmp_path])
    (tmp_path / "calibration.tsv").write_text("kind\tlow\thigh\tconfidence\tn\npatterns\t0.6\t0.5\t0.3\t9\n")
    with pytest.raises(TableError, match=r"calibration.tsv:2: need 0 <= low < high"):
        load_calibration([tmp_path])


def test_the_coder_reports_calibrated_confidence_and_filters_on_it():
    rules = RuleSet.default()
    low = replace(rules, calibration=Calibration({"patterns": (Band(0.0, 1.0001, 0.42, 100),)}))
    (e,) = Coder(rules=low, detector=None).code(from_text(TEXT, id="t")).events
    assert e.confidence == 0.42
    assert not Coder(rules=low, detector=None, min_confidence=0.5).code(from_text(TEXT, id="t")).events
    raw = replace(rules, calibration=Calibration.identity())
    (r,) = Coder(rules=raw, detector=None).code(from_text(TEXT, id="t")).events
    assert r.confidence in (0.5, 0.6, 0.7, 0.75, 0.8, 0.9)  # the patterns' own score
