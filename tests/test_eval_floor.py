"""Accuracy floors on the PLOVER GSR. Floors may only go up (raise them when we improve)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import shared_file
from tidings.evaluate import OLD_LABELS, GoldItem, load_gold, score
from tidings.model import ActorRef, ArticleRecord, Event

# measured 2026-12-03: type 0.829, source 0.873, target 0.819, F1 0.642 (n=322); on
# 2026-12-04: type 0.829, source 0.879, target 0.819, F1 0.647; on 2026-12-05: type
# 0.832, source 0.885, target 0.823, F1 0.647; on 2026-12-05 (fourteenth session): type
# 0.832, source 0.888, target 0.844, F1 0.659; on 2026-12-05 (fifteenth session): type 0.835,
# source 0.888, target 0.847, F1 0.658; on 2026-12-05 (eighteenth session): type 0.842, source
# 0.891, target 0.854, F1 0.657; on 2026-12-05 (nineteenth session): type 0.848, source 0.888,
# target 0.854, F1 0.655; on 2026-12-05 (twentieth session): unchanged; on 2026-12-06
# (twenty-first session): type 0.857, source 0.888, target 0.861, F1 0.664; on 2026-12-06
# (twenty-third session): type 0.866, source 0.891, target 0.858, F1 0.666; on 2026-12-06
# (twenty-fourth session): type 0.873, source 0.891, target 0.875, F1 0.665; on 2026-12-06
# (twenty-fifth session): type 0.873, source 0.894, target 0.875, F1 0.665; on 2026-12-06
# (twenty-sixth session): unchanged; on 2026-12-06 (twenty-seventh session): type 0.876,
# source 0.898, target 0.878, F1 0.667; on 2026-12-06 (twenty-eighth session): type 0.879,
# source 0.898, target 0.878, F1 0.666 (one more right event in a story, beside the gold one);
# on 2026-12-07 (thirty-fifth session): type 0.879, source 0.901, target 0.878, F1 0.668;
# on 2026-12-07 (thirty-sixth session): F1 0.667 (two more events beside gold ones, one wrong);
# on 2026-12-07 (thirty-seventh session): type 0.882, target 0.875 (an order to a newspaper to
# stop publishing is now the commander's censorship, with no target), F1 0.667; on 2026-12-07
# (thirty-eighth session): unchanged;
# floors sit a hair below so a patch release of the parser cannot fail CI by a sentence
FLOORS = {
    "type_accuracy": 0.881,
    "source_accuracy": 0.898,
    "target_accuracy": 0.875,
    "event_f1": 0.667,
}


@pytest.fixture(scope="module")
def summary():
    gold = shared_file("eval/plover_gsr/PLOVER_GSR_CAMEO.txt")
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "eval", "--gold", str(gold), "--json"],
                         capture_output=True, timeout=900)
    assert res.returncode == 0, res.stderr.decode()
    return json.loads(res.stdout)


@pytest.mark.shared
def test_json_has_exactly_the_documented_keys(summary):
    assert set(summary) == {"type_accuracy", "source_accuracy", "target_accuracy",
                            "event_precision", "event_recall", "event_f1", "n"}
    assert summary["n"] == 322


@pytest.mark.shared
@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(summary, metric):
    assert summary[metric] >= FLOORS[metric], f"{metric} fell to {summary[metric]}"


def test_old_labels_are_mapped_to_current_plover_types():
    from tidings.rules.cameo import PLOVER_TYPES

    assert set(OLD_LABELS.values()) <= set(PLOVER_TYPES)


@pytest.mark.shared
def test_gsr_reads_with_current_plover_types():
    from tidings.rules.cameo import PLOVER_TYPES

    gold = load_gold(shared_file("eval/plover_gsr/PLOVER_GSR_CAMEO.txt"))
    assert {g.type for g in gold} <= set(PLOVER_TYPES)
    assert not any(g.sources & {"JAP", "ITL"} for g in gold)  # legacy codes read as ISO


def _ev(plover, src, tgt):
    def ref(c):
        return ActorRef(c, c, c, c, None, (0, 1))

    return Event(ref(src), ref(tgt) if tgt else None, "111", "11", "x", plover, 3, -2.0, None, None,
                 0, (0, 1), "v", (0, 1), None, False, 0.9, "test")


def test_scoring_counts_what_it_should():
    gold = [GoldItem("a", "t", "2000-01-01", "ACCUSE", frozenset({"USA"}), frozenset({"IRN"})),
            GoldItem("b", "t", "2000-01-01", "AGREE", frozenset({"FRA"}), frozenset())]
    recs = {
        "a": ArticleRecord("a", None, None, None, "t", events=(_ev("ACCUSE", "USA", "IRN"), _ev("REJECT", "USA", "IRQ"))),
        "b": ArticleRecord("b", None, None, None, "t", events=(_ev("REJECT", "FRA", None),)),
    }
    s = score(gold, recs).summary()
    assert s["type_accuracy"] == 0.5 and s["source_accuracy"] == 1.0 and s["target_accuracy"] == 1.0
    assert s["event_precision"] == round(1 / 3, 3) and s["event_recall"] == 0.5


# Development sets (../shared/eval), measured 2026-12-03 with `tidings eval DIR --json`:
# patterns alone rams_dev P 0.321 R 0.189 F1 0.238, multicoped_dev P 0.814 R 0.786 F1 0.799;
# with the event detector rams_dev 0.328 / 0.197 / 0.246, multicoped_dev 0.814 / 0.788 / 0.801;
# with trigger words and unidentified doers rams_dev 0.380 / 0.337 / 0.357, multicoped_dev
# 0.810 / 0.818 / 0.814. Floors only rise, with one exception, said where it was made: rams_dev
# source accuracy (0.950 on 40 matched events) is 0.821 on 56 since events whose doer no
# dictionary knows are matched too (the reference figure counts "unidentified" as wrong);
# its floor went from 0.9 to 0.8. On 2026-12-05 (fourteenth session): rams_dev 0.391 / 0.346 /
# 0.367, multicoped_dev 0.816 / 0.838 / 0.827. On 2026-12-05 (fifteenth session): rams_dev
# unchanged, multicoped_dev 0.819 / 0.845 / 0.832. On 2026-12-05 (sixteenth session): rams_dev
# 0.391 / 0.346 / 0.367, source accuracy 0.847; multicoped_dev 0.819 / 0.848 / 0.833. On
# 2026-12-05 (seventeenth session): rams_dev 0.390 / 0.349 / 0.368; multicoped_dev unchanged. On
# 2026-12-05 (eighteenth session): rams_dev 0.388 / 0.351 / 0.369; multicoped_dev 0.815 / 0.848 /
# 0.831 (real events the set does not label: fighting between two named sides). On 2026-12-05
# (nineteenth session): rams_dev 0.389 / 0.351 / 0.369, source accuracy 0.852; multicoped_dev
# 0.820 / 0.850 / 0.835. On 2026-12-05 (twentieth session): rams_dev 0.389 / 0.356 / 0.372,
# source accuracy 0.850, target 0.773; multicoped_dev 0.818 / 0.850 / 0.834, source 0.964,
# target 0.907 (a real threat the set labels a statement: "A and B said they will attack C").
# On 2026-12-06 (twenty-first session): rams_dev 0.388 / 0.359 / 0.373, source 0.852, target
# 0.773; multicoped_dev 0.819 / 0.858 / 0.838, source 0.964, target 0.915. On 2026-12-06
# (twenty-second session): rams_dev 0.393 / 0.361 / 0.376, source 0.852, target 0.773;
# multicoped_dev unchanged. On 2026-12-06 (twenty-third session): rams_dev 0.394 / 0.361 /
# 0.377, source 0.855, target 0.773; multicoped_dev 0.822 / 0.863 / 0.842, source 0.964,
# target 0.916. On 2026-12-06 (twenty-fourth session): rams_dev 0.404 / 0.391 / 0.397, source
# 0.812, target 0.783, source where a country is given (source_accuracy_known) 0.945;
# multicoped_dev 0.824 / 0.873 / 0.847, source 0.961, target 0.923, known 0.968. The second
# exception, for the same reason as the first: a pattern verb whose doer no table codes, and
# a protest or fight named as the subject of a verb of happening with no doer named, now keep
# their events with the doer's words or no doer ("a rights group condemned ...", "two
# opposition leaders were detained", "demonstrations continued"), which the reference figure
# counts as a wrong source (14% of rams_dev's matched events with a gold source country have
# none, from 10%); source floors went from 0.853 to 0.810 (rams_dev) and 0.963 to 0.960
# (multicoped_dev), and the accuracy of the sources that name a country has floors of its own.
# On 2026-12-06 (twenty-fifth session): rams_dev 0.406 / 0.396 / 0.400, source 0.815, target
# 0.787, known 0.946; multicoped_dev unchanged. On 2026-12-06 (twenty-sixth session): rams_dev
# 0.406 / 0.398 / 0.402, source 0.833, target 0.812, known 0.965; multicoped_dev unchanged. On
# 2026-12-06 (twenty-seventh session): rams_dev unchanged; multicoped_dev R 0.875, F1 0.849,
# known 0.968. On 2026-12-06 (twenty-eighth session): rams_dev 0.411 / 0.408 / 0.409, source
# 0.836, target 0.816, known 0.966; multicoped_dev unchanged. On 2026-12-07 (thirtieth
# session): rams_dev 0.415 / 0.408 / 0.411, source, target and known unchanged; multicoped_dev
# unchanged. On 2026-12-07 (thirty-first session): rams_dev 0.415 / 0.410 / 0.413, source,
# target and known unchanged; multicoped_dev unchanged. On 2026-12-07 (thirty-third session):
# rams_dev 0.417 / 0.413 / 0.415, source 0.838, target 0.820, known 0.966; multicoped_dev
# unchanged. On 2026-12-07 (thirty-fourth session): rams_dev 0.418 / 0.413 / 0.415, the rest
# unchanged; multicoped_dev 0.826 / 0.875 / 0.850, source, target and known unchanged. On
# 2026-12-07 (thirty-fifth session): rams_dev unchanged; multicoped_dev target 0.927, the rest
# unchanged. On 2026-12-07 (thirty-sixth session): rams_dev 0.419 / 0.415 / 0.417, source 0.855,
# target 0.820, known 0.967; multicoped_dev unchanged. On 2026-12-07 (thirty-seventh session):
# rams_dev unchanged; multicoped_dev 0.828 / 0.878 / 0.852, source, target and known unchanged.
DEV_FLOORS = {
    "rams_dev": {"precision": 0.418, "recall": 0.414, "f1": 0.416, "source_accuracy": 0.853,
                 "target_accuracy": 0.819, "source_accuracy_known": 0.966},
    "multicoped_dev": {"precision": 0.827, "recall": 0.877, "f1": 0.851, "source_accuracy": 0.960,
                       "target_accuracy": 0.925, "source_accuracy_known": 0.967},
}


def _eval_json(names) -> dict:  # noqa: ANN001
    """``tidings eval --json`` of the development sets ``names``."""
    sets = [str(shared_file(f"eval/{name}")) for name in names]
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "eval", *sets, "--json"],
                         capture_output=True, timeout=1800)
    assert res.returncode == 0, res.stderr.decode()
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def dev_summary():
    return _eval_json(DEV_FLOORS)


@pytest.mark.shared
@pytest.mark.parametrize("name,metric", [(n, m) for n in DEV_FLOORS for m in DEV_FLOORS[n]])
def test_dev_floor(dev_summary, name, metric):
    got = dev_summary[name]["events"][metric]
    assert got >= DEV_FLOORS[name][metric], f"{name} {metric} fell to {got}"


# quotes, places and dates, measured 2026-12-03: speaker accuracy 0.861, quote recall 0.986;
# places within 161 km 0.784 (end to end 0.609), country accuracy 0.974, mention recall
# 0.777; dates value accuracy 0.933, relaxed extent F1 0.862, right of all gold 0.841
SPAN_FLOORS = {
    "polnear_dev": ("quotes", {"speaker_accuracy": 0.865, "recall": 0.98}),
    "geowebnews_dev": ("places", {"acc161": 0.78, "e2e_acc161": 0.61, "country_accuracy": 0.97,
                                  "mention_recall": 0.78, "precision": 0.935}),
    "tbaq_dev": ("dates", {"value_accuracy": 0.93, "relaxed_f1": 0.86, "value_found_right": 0.845}),
}


@pytest.fixture(scope="module")
def span_summary():
    return _eval_json(SPAN_FLOORS)


@pytest.mark.shared
@pytest.mark.parametrize("name,metric", [(n, m) for n in SPAN_FLOORS for m in SPAN_FLOORS[n][1]])
def test_span_floor(span_summary, name, metric):
    part, floors = SPAN_FLOORS[name]
    got = span_summary[name][part][metric]
    assert got >= floors[metric], f"{name} {metric} fell to {got}"
