"""The tables the training command writes beside the detector: which words of a
training trigger carry its type (sentences here are invented)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

TRAIN = Path(__file__).resolve().parents[2] / "training" / "train_detector.py"


@pytest.fixture(scope="module")
def train():
    spec = importlib.util.spec_from_file_location("train_detector", TRAIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(folder: Path, rows: list[tuple[str, str, str]]) -> Path:
    folder.mkdir()
    with open(folder / "events.jsonl", "w", encoding="utf-8") as f:
        for i, (text, plover, trigger) in enumerate(rows):
            f.write(json.dumps({"id": f"t{i}", "text": text, "events": [
                {"plover": plover, "cameo": "190", "trigger": trigger}]}) + "\n")
    return folder


def test_the_object_of_a_light_verb_carries_the_event(train, tmp_path):
    rows = [("Rebels carried out three raids on army posts in the north.", "ASSAULT", "carried out three raids"),
            ("Militants carried out two raids on a police camp overnight.", "ASSAULT", "carried out two raids"),
            ("Teachers staged a protest outside the ministry on Monday.", "PROTEST", "staged a protest"),
            ("Nurses staged a protest at the main hospital in the capital.", "PROTEST", "staged a protest")]
    words = train.trigger_words(_write(tmp_path / "d", rows))
    assert "raid" in words["ASSAULT"] and "protest" in words["PROTEST"]


def test_what_an_act_is_done_to_is_no_trigger_word(train, tmp_path):
    """"A bomb struck a vehicle", "took guards hostage": the object is what the act was
    done to, so the verb carries the event, not the vehicle."""
    rows = [("A roadside bomb struck a vehicle carrying soldiers near the border.", "ASSAULT",
             "A roadside bomb struck a vehicle"),
            ("A car bomb struck a vehicle of the governor's convoy in the city.", "ASSAULT",
             "A car bomb struck a vehicle"),
            ("Inmates took six guards hostage during a riot at the prison.", "ASSAULT", "took six guards hostage"),
            ("Rioting prisoners took two guards hostage on Sunday night.", "ASSAULT", "took two guards hostage")]
    words = train.trigger_words(_write(tmp_path / "d", rows))["ASSAULT"]
    assert "vehicle" not in words and "guard" not in words and "guards" not in words
    assert "strike" in words or "struck" in words


def test_the_shipped_tables_hold_no_object_words(train):
    from tidings.coding.detector import MODEL_DIR

    shipped = {tuple(line.split("\t")) for line in (MODEL_DIR / "triggers.tsv").read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")}
    assert not {("ASSAULT", "vehicle"), ("ASSAULT", "depot"), ("ASSAULT", "guard"), ("THREATEN", "government"),
                ("MOBILIZE", "forces")} & shipped
