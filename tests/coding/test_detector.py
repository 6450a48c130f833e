"""The learned event detector shipped in the package (sentences here are invented)."""

from __future__ import annotations

import pytest

from tidings.coding.detector import MODEL_DIR, EventDetector, base_code
from tidings.ingest import from_text
from tidings.pipeline import Coder
from tidings.rules.cameo import PLOVER_TYPES

LOBBED = "Venezuelan police lobbed stun grenades at students outside the university."


@pytest.fixture(scope="module")
def detector():
    return EventDetector.default()


def test_the_shipped_model_knows_every_plover_type(detector, rules):
    assert (MODEL_DIR / "meta.json").is_file()
    assert set(detector.nlp.get_pipe("textcat_multilabel").labels) == set(PLOVER_TYPES)
    assert set(detector.triggers) == set(PLOVER_TYPES)
    assert all(code in rules.cameo and rules.cameo[code].plover == label
               for label, code in detector.codes.items())


def test_a_sentence_the_patterns_miss_gets_a_model_event(coder, patterns_only):
    assert not patterns_only.code(from_text(LOBBED, id="t")).events
    (e,) = coder.code(from_text(LOBBED, id="t", date="2023-04-05")).events
    assert e.plover == "ASSAULT" and e.source.code == "VENCOP"
    assert e.rule.startswith("model:tidings_events-") and "ASSAULT p=" in e.rule
    assert 0.35 <= e.confidence <= 1.0
    assert LOBBED[slice(*e.verb_span)] == e.verb


def test_the_threshold_holds_back_detections(rules):
    strict = Coder(rules=rules, detector=EventDetector(MODEL_DIR, threshold=1.01))
    found = strict.code(from_text(LOBBED, id="t")).events
    assert not [e for e in found if e.rule.startswith("model:")]  # a trigger event may remain


def test_no_model_event_where_the_patterns_coded_one(coder):
    rec = coder.code(from_text("Turkish warplanes pounded Kurdish positions in northern Iraq.", id="t"))
    assert rec.events and not any(e.rule.startswith("model:") for e in rec.events)


def test_reported_speech_and_the_press_are_not_model_events(coder):
    for text in ("The Chilean minister told journalists that the clashes had ended.",
                 "Peruvian reporters described the raid in detail."):
        rec = coder.code(from_text(text, id="t"))
        assert not any(e.rule.startswith("model:") for e in rec.events), rec.events


def test_base_code_is_a_general_code_of_the_type(rules):
    assert base_code(rules, "ASSAULT") == "180"
    assert base_code(rules, "NOT A TYPE") is None


class _Fixed(EventDetector):
    """The shipped detector with the classifier's scores fixed, to test what is made of them."""

    def __init__(self, cats: dict[str, float]) -> None:
        super().__init__(MODEL_DIR)
        self.cats = cats

    def detect(self, texts):
        return [dict(self.cats) for _ in texts]


ARRESTS = "Police fired tear gas at the crowd in Dhaka, and several arrests were made."


def _kinds(rules, cats, text):
    rec = Coder(rules=rules, detector=_Fixed(cats)).code(from_text(text, id="t", date="2023-01-01"))
    return [(e.plover, e.verb, e.rule.startswith("model:")) for e in rec.events]


def test_a_coded_sentence_gets_a_model_event_of_a_type_the_patterns_missed(rules):
    found = _kinds(rules, {"ASSAULT": 0.99, "COERCE": 0.9}, ARRESTS)
    assert ("ASSAULT", "fired", False) in found and ("COERCE", "arrests", True) in found, found


def test_a_weaker_second_type_adds_nothing(rules):
    found = _kinds(rules, {"ASSAULT": 0.99, "COERCE": 0.6}, ARRESTS)
    assert not [k for k in found if k[2]], found


def test_no_second_model_event_in_a_clause_that_describes_a_noun(rules):
    text = "Police fired tear gas at students who had gathered after the arrests of two activists."
    found = _kinds(rules, {"ASSAULT": 0.99, "COERCE": 0.9}, text)
    assert not [k for k in found if k[2]], found


@pytest.mark.parametrize("text", [
    "A powerful earthquake struck the south of the country on Saturday, flattening homes.",
    "Hurricane Beryl slammed into the coast of Jamaica on Wednesday.",
])
def test_no_kind_of_event_is_done_by_a_natural_hazard(coder, text):
    assert not coder.code(from_text(text, id="t", date="2024-07-03")).events


def test_the_by_phrase_of_a_participle_trigger_names_the_doer(rules):
    text = "A roadside bomb planted by Maoist rebels went off near a police van in Bijapur."
    rec = Coder(rules=rules, detector=_Fixed({"ASSAULT": 0.99})).code(from_text(text, id="t", date="2023-01-01"))
    assert [(e.plover, e.source.role) for e in rec.events if e.rule.startswith("model:")] == [("ASSAULT", "REB")], \
        [(e.plover, e.source, e.target, e.rule) for e in rec.events]
