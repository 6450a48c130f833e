"""Events found by trigger words and events without a known doer (sentences invented)."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from tidings.ingest import from_text
from tidings.output import to_dict
from tidings.pipeline import Coder
from tidings.rules import RuleSet
from tidings.rules.calibration import Calibration
from tidings.rules.tables import TableError


def _events(coder, text):
    return coder.code(from_text(text, id="t", date="2024-05-02")).events


def test_an_event_nobody_is_named_for_keeps_an_unidentified_doer(coder, patterns_only):
    text = "Shops were looted and torched in the market town overnight."
    assert not patterns_only.code(from_text(text, id="t")).events
    (e,) = _events(coder, text)
    assert e.plover == "ASSAULT"
    assert e.source.code is None and e.source.name == "unidentified" and e.source.text == ""
    assert e.source.span[0] == e.source.span[1] == e.verb_span[0]


def test_a_doer_the_dictionaries_lack_keeps_its_words(coder):
    (e,) = _events(coder, "Masked intruders torched a row of shops in the old town on Friday.")
    assert e.plover == "ASSAULT" and e.source.code is None
    assert e.source.text == e.source.name == "Masked intruders"
    (e,) = _events(coder, "Hundreds of stevedores marched through the port city on Monday.")
    assert e.plover == "PROTEST" and e.source.text == "Hundreds of stevedores"
    (e,) = _events(coder, "Hundreds of dockworkers marched through the port city on Monday.")
    assert e.plover == "PROTEST" and e.source.role == "LAB"  # a role the table knows


def test_an_event_of_a_known_doer_in_a_passive_without_agent(coder):
    (e,) = _events(coder, "A grenade attack was carried out on a police post near the border.")
    assert e.plover == "ASSAULT" and e.source.code is None and e.target is not None


@pytest.mark.parametrize("text", [
    "No protests were held in the capital on Sunday.",
    "The threat of an attack forced schools in the district to close.",
    "The visitors attacked down the left wing throughout the match.",
    "Did the rioters torch the shops?",
    "The deal was signed on Tuesday.",  # an agreement of nobody
    "Opposition leaders warned of strikes across the country.",
    "The capital braced for a general strike on Monday.",
    "Residents stocked up on food ahead of the protest march.",
])
def test_acts_not_reported_as_done_or_without_anyone_are_not_events(coder, text):
    found = [e for e in _events(coder, text) if e.rule.startswith(("model:", "triggers.tsv"))]
    assert not found, found


def test_an_event_without_a_doer_is_valid_output(coder):
    rec = coder.code(from_text("Shops were looted and torched in the market town overnight.", id="t"))
    schema = json.loads((resources.files("tidings") / "schema" / "record.schema.json").read_text())
    jsonschema.validate(to_dict(rec), schema)


def test_a_trigger_event_names_its_rule_and_is_calibrated(coder):
    (e,) = _events(coder, "Masked intruders torched a row of shops in the old town on Friday.")
    assert e.rule.startswith(("triggers.tsv torched -> ASSAULT", "model:"))
    assert Calibration.kind_of("triggers.tsv torched -> ASSAULT p=0.02") == "trigger"
    assert 0.0 < e.confidence <= 1.0


def test_the_trigger_table_inflects_its_words(rules):
    assert {"torch", "torched", "torches", "torching"} <= rules.triggers.of("ASSAULT")
    assert {"airstrike", "airstrikes"} <= rules.triggers.nouns["ASSAULT"]
    assert "PROTEST" in rules.triggers.types_of("rallied", "verb")
    assert rules.triggers.types_of("rallied", "noun") == ()


def test_a_users_trigger_word_finds_an_event(tmp_path, coder):
    text = "Thousands of pensioners ululated outside the ministry on Monday."
    assert not [e for e in _events(coder, text) if e.plover == "PROTEST"]
    (tmp_path / "triggers.tsv").write_text("plover\tpos\tword\nPROTEST\tverb\tululate\n")
    mine = Coder(rules=RuleSet.load(tmp_path))
    assert [e for e in _events(mine, text) if e.plover == "PROTEST"]


def test_a_bad_trigger_row_is_a_clear_error(tmp_path):
    (tmp_path / "triggers.tsv").write_text("plover\tpos\tword\nPROTEST\tadverb\tloudly\n")
    with pytest.raises(TableError, match=r"triggers.tsv:2.*verb or noun"):
        RuleSet.load(tmp_path)
    (tmp_path / "triggers.tsv").write_text("plover\tpos\tword\nRIOT\tverb\triot\n")
    with pytest.raises(TableError, match="unknown PLOVER type 'RIOT'"):
        RuleSet.load(tmp_path)


def test_every_event_carries_its_plover_mode_and_context(coder):
    (e,) = _events(coder, "Kenyan police arrested twenty protesters in Nairobi on Tuesday.")
    assert (e.cameo, e.mode, e.context) == ("173", "arrest", ("legal",))
    rec = coder.code(from_text("Masked intruders torched a row of shops in the old town.", id="t"))
    assert to_dict(rec)["events"][0].keys() >= {"mode", "context"}


def test_contexts_are_split_at_semicolons(rules):
    assert rules.cameo["091"].contexts == ("crime", "corruption")
    assert rules.cameo["14"].contexts == ()


def test_a_capital_named_as_the_place_is_the_country_not_its_government(coder):
    # the detector's event: "in Kabul" says where, it is no act of the Afghan government;
    # the people killed there are the target, Kabul the place
    events = _events(coder, "A car bomb exploded near a busy market in Kabul, killing nine people.")
    assert events and all(e.source.code is None for e in events), events
    assert {e.target.code for e in events if e.target} == {"AFGCVL"}, events
    assert {e.location.name for e in events if e.location} == {"Kabul"}, events
    events = _events(coder, "A car bomb exploded near a busy market in Kabul.")
    assert {e.target.code for e in events if e.target} <= {"AFG"}, events


def test_a_verb_that_says_what_befell_the_trigger_noun_types_the_event(coder):
    # "talks" alone reads as a consultation; postponed talks are a halt to negotiations
    events = _events(coder, "The talks between Nepal's rival parties were postponed indefinitely.")
    # Nepal's rival parties are Nepal's parties, as "Nepal's parties" are
    assert [(e.cameo, e.target.code if e.target else None) for e in events] == [("164", "NPLPTY")], events
    assert "-> 164]" in events[0].rule  # the model's event says which pattern row typed it


def test_a_rank_word_used_as_an_adjective_is_no_officer(coder):
    rec = coder.code(from_text("Rebels launched a major offensive against the army near Goma.", id="t"))
    assert "major" not in {a.name for a in rec.actors}
    assert rec.events and all(e.source.code != "MIL" for e in rec.events), rec.events
    rec = coder.code(from_text("The general accused the defence minister of treason.", id="t"))
    assert "general" in {a.name for a in rec.actors}  # a noun: the officer


def test_a_verb_that_waits_for_protesters_leaves_the_sentence_to_the_detector(coder):
    # "gather" codes a protest only when protesters gather; with residents the patterns
    # have not decided, so a trigger word or the model may still find one
    from tidings.coding.detector import _patterns_decided
    from tidings.extract.actors import find_actors, name_chain

    doc = coder.parser.tokenize("Residents gathered outside the mayor's office in Osh.")
    coder.parser.parse([doc])
    actors = find_actors([t.text for t in doc], None, name_chain(coder.rules), coder.rules)
    assert actors and not _patterns_decided(doc, 1, coder.rules, actors)
