"""Scoring events against a development set, calibration, and ``tidings eval`` on a set
we wrote (the sentences here are invented for these tests)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tidings.evaluate.calibration import reliability
from tidings.evaluate.devset import Alignment, DevRecord, GoldEvent, load_devset
from tidings.evaluate.events import score_events
from tidings.model import ActorRef, ArticleRecord, Event, Sentence

S1 = "Rebels shelled the border town of Kessa on Monday."
S2 = "The ministry accused the rebels of lying."
S3 = "The storm flooded three villages."
TEXT = f"{S1} {S2} {S3}"
A = (0, len(S1))
B = (len(S1) + 1, len(S1) + 1 + len(S2))
C = (B[1] + 1, len(TEXT))


def _ref(country):
    return ActorRef(country or "x", country or "x", country, country, None, (0, 1))


def _ev(plover, span, sentence, src="SYR", tgt=None, conf=0.9, cameo="190"):
    return Event(_ref(src), _ref(tgt) if tgt else None, cameo, cameo[:2], "x", plover, 4, -10.0, None,
                 None, sentence, span, "v", span, None, False, conf, "test")


def _record(*events, text=TEXT):
    sents = (Sentence(0, *A, S1), Sentence(1, *B, S2), Sentence(2, *C, S3))
    return ArticleRecord("r", None, None, None, text, sentences=sents, events=events)


def _gold(*events):
    return DevRecord("r", None, TEXT, frozenset({"events"}), events)


def _trigger(word, sentence_start=0):
    i = TEXT.index(word, sentence_start)
    return (i, i + len(word))


SHELL = GoldEvent(("ASSAULT",), None, ("SYR",), ("SYR",), _trigger("shelled"))
FLOOD = GoldEvent((), None, None, None, _trigger("flooded"))  # annotated, not political


def test_a_found_event_an_event_in_an_unlabelled_sentence_and_a_false_alarm():
    out = _record(_ev("ASSAULT", A, 0), _ev("ACCUSE", B, 1), _ev("COERCE", C, 2, conf=0.5))
    s = score_events([_gold(SHELL, FLOOD)], {"r": out})
    # sentence 2 is not labelled (no gold trigger there): its ACCUSE is not scored;
    # the coded event in the storm sentence is a false alarm and a spurious COERCE
    assert (s.tp, s.fn, s.fp) == (1, 0, 1)
    assert s.summary()["false_alarms"] == 1.0 and s.non_political == 1
    assert s.source["right"] == 1 and s.source["n"] == 1
    assert sorted(s.pairs) == [(0.5, False), (0.9, True)]


def test_wrong_type_is_missed_and_spurious_once_per_sentence_and_type():
    out = _record(_ev("ACCUSE", A, 0), _ev("ACCUSE", A, 0))
    s = score_events([_gold(SHELL)], {"r": out})
    assert (s.tp, s.fn, s.fp) == (0, 1, 1)
    assert s.per_type["ASSAULT"]["fn"] == 1 and s.per_type["ACCUSE"]["fp"] == 1
    assert s.misses[0]["error"] == "missed" and s.misses[0]["trigger"] == "shelled"


def test_missing_output_counts_every_gold_event_as_missed():
    s = score_events([_gold(SHELL)], {})
    assert (s.tp, s.fn, s.fp) == (0, 1, 0)


def test_symmetric_gold_lets_either_actor_give_the_country():
    talks = GoldEvent(("CONSULT",), None, ("TUR", "GRC"), ("TUR", "GRC"), None)
    out = _record(_ev("CONSULT", A, 0, src="FRA", tgt="GRC"))
    s = score_events([_gold(talks)], {"r": out})
    assert s.tp == 1 and s.source["right"] == 1 and s.target["right"] == 1
    one_way = GoldEvent(("CONSULT",), None, ("TUR",), ("GRC",), None)
    s = score_events([_gold(one_way)], {"r": out})
    assert s.source["right"] == 0 and s.target["right"] == 1


def test_a_found_event_with_a_wrong_side_is_listed_with_what_was_coded():
    one_way = GoldEvent(("CONSULT",), None, ("TUR",), ("GRC",), None)
    out = _record(_ev("CONSULT", A, 0, src="FRA", tgt="GRC"))
    s = score_events([_gold(one_way)], {"r": out})
    wrong = [m for m in s.misses if m["error"].startswith("wrong")]
    assert [(m["error"], m["wanted"], m["coded"][0][3]) for m in wrong] == [("wrong source", ["TUR"], "FRA")]


def test_cameo_labelled_gold_matches_on_the_root_and_rows_group_roots():
    verbal = GoldEvent(("ACCUSE",), ("09", "10", "11", "12"), None, None, None)
    out = _record(_ev("ACCUSE", B, 1, cameo="112"), _ev("ASSAULT", A, 0, cameo="190"))
    s = score_events([_gold(verbal)], {"r": out})
    assert s.tp == 1 and s.fp == 1
    rows = {r["type"]: r for r in s.type_rows()}
    assert rows["CAMEO 09/10/11/12"]["tp"] == 1 and rows["CAMEO 19"]["fp"] == 1


def test_gold_offsets_follow_a_cleaned_text():
    cleaned = "  " + TEXT.replace("Monday", "Mon.")
    shift = 2
    a2 = (A[0] + shift, A[1] + shift - 2)
    out = ArticleRecord("r", None, None, None, cleaned, sentences=(Sentence(0, *a2, cleaned[a2[0]:a2[1]]),),
                        events=(_ev("ASSAULT", a2, 0),))
    s = score_events([_gold(SHELL)], {"r": out})
    assert s.tp == 1
    al = Alignment(TEXT, cleaned)
    assert cleaned[slice(*al.span(_trigger("shelled")))] == "shelled"


def test_reliability_bins_and_expected_calibration_error():
    pairs = [(0.95, True)] * 9 + [(0.95, False)] + [(0.55, True)] * 2 + [(0.55, False)] * 8
    rel = reliability(pairs)
    assert [(b.n, round(b.right, 2)) for b in rel.bins] == [(10, 0.2), (10, 0.9)]
    assert rel.ece == pytest.approx((10 * 0.35 + 10 * 0.05) / 20)
    assert reliability([]).n == 0 and reliability([]).ece == 0.0


def _write_set(folder):
    lines = [
        ("t1", "Syrian government troops shelled rebel positions near Idlib on Tuesday.",
         [{"plover": ["ASSAULT"], "cameo_root": None, "source_country": ["SYR"], "target_country": None,
           "trigger": "shelled"}]),
        ("t2", "Heavy rain closed the coastal highway for a day.",
         [{"plover": [], "cameo_root": None, "source_country": None, "target_country": None,
           "trigger": "closed"}]),
    ]
    folder.mkdir()
    with open(folder / "data.jsonl", "w", encoding="utf-8") as f:
        for rid, text, events in lines:
            for e in events:
                i = text.index(e["trigger"])
                e["trigger"] = [i, i + len(e["trigger"])]
            f.write(json.dumps({"id": rid, "date": "2021-05-04", "text": text, "annotates": ["events"],
                                "events": events}) + "\n")


def test_eval_reads_a_development_set_folder(tmp_path):
    from tidings.cli import app

    _write_set(tmp_path / "mini_dev")
    assert len(load_devset(tmp_path / "mini_dev").records) == 2
    res = CliRunner().invoke(app, ["eval", str(tmp_path / "mini_dev"), "--json",
                                   "--misses", str(tmp_path / "misses.jsonl")])
    assert res.exit_code == 0, res.output
    got = json.loads(res.stdout)["mini_dev"]
    assert got["records"] == 2
    assert got["events"]["gold"] == 1 and got["events"]["tp"] == 1, got
    assert got["events"]["source_accuracy"] == 1.0
    assert got["events"]["false_alarms"] == 0.0 and got["events"]["non_political"] == 1
    assert got["calibration"]["n"] >= 1 and got["reliability"]
    assert got["events by type"][0]["type"] == "ASSAULT"


def _eval(*args):
    return subprocess.run([sys.executable, "-m", "tidings.cli", "eval", *args], capture_output=True,
                          text=True, timeout=300)


def test_eval_refuses_a_broken_set_in_one_line(tmp_path):
    bad = tmp_path / "bad_dev"
    bad.mkdir()
    (bad / "data.jsonl").write_text('{"id": "x", "text": "A.", "events": [{"trigger": [5, 1]}]}\n')
    for args, words in (([str(bad)], "data.jsonl:1: not a development record"),
                        ([str(tmp_path / "nowhere")], "not found"), ([], "give a gold set")):
        res = _eval(*args)
        lines = res.stderr.strip().splitlines()
        assert res.returncode == 2 and len(lines) == 1 and words in lines[0], res.stderr


def test_a_text_the_coder_fails_on_is_counted_and_the_rest_still_scored(tmp_path, coder):
    from tidings.evaluate.run import evaluate_path

    class Flaky:  # a coder with a fault on one text
        def code(self, article):
            if article.id == "t2":
                raise IndexError("a fault inside the coder")
            return coder.code(article)

        def code_many(self, articles, batch=16):
            return (self.code(a) for a in articles)

    _write_set(tmp_path / "mini_dev")
    got = evaluate_path(tmp_path / "mini_dev", Flaky()).as_dict()
    assert got["uncoded"] == {"internal_errors": 1}, got
    assert got["events"]["tp"] == 1, got
