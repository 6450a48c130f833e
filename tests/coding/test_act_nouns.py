"""Event coding: acts named as nouns and who did them. A doer's "by" phrase the parse
hangs on the act's own object, an act coded both with and without its target, a reaction
("condemned", "protested against") to an act whose doer is named, and the civilians
such acts are done to. Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "cameo", "src", "tgt"), [
    ("The kidnapping of nine aid workers by gunmen linked to al-Shabaab alarmed donors.", "181", None, None),
    ("The detention of an opposition lawmaker by Egyptian police angered his party.", "173", "EGYCOP", "EGY"),
    ("The expulsion of twelve Iranian diplomats by Albania drew a protest from Tehran.", "166", "ALB", "IRN"),
    ("The beating of a journalist by soldiers in Kinshasa was filmed by a bystander.", "182", None, "COD"),
])
def test_a_doer_the_parse_hangs_on_the_acts_object_is_the_doer(run, text, cameo, src, tgt):
    rec = run(text)
    found = find_events(rec, cameo=cameo, tgt=tgt)
    assert found and all(e.source is not None and e.source.country for e in found), _rows(rec)
    if src is not None:
        assert find_events(rec, cameo=cameo, src=src, tgt=tgt), _rows(rec)


def test_an_act_coded_with_its_target_is_not_also_coded_without_it(run):
    rec = run("Russia's shelling of Kherson went on through the night.")
    shelling = find_events(rec, cameo="194")
    assert shelling and all(e.target is not None for e in shelling), _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "src", "tgt"), [
    ("Bangladesh condemned the shooting of two villagers by Indian border guards.", "111", "BGD", "IND"),
    ("The United Nations criticised the arrest of the poet by Belarusian police.", "111", "IGOUNO", "BLR"),
    ("Students protested against the expulsion of their classmates by the university in Lagos.", "140", "NGA", "NGA"),
    ("The storming of the radio station by rebel fighters was denounced by Chad.", "111", "TCD", None),
])
def test_a_reaction_to_an_act_is_aimed_at_whoever_did_it(run, text, cameo, src, tgt):
    rec = run(text)
    found = find_events(rec, cameo=cameo, src=src)
    assert found, _rows(rec)
    if tgt is not None:
        assert find_events(rec, cameo=cameo, src=src, tgt=tgt), _rows(rec)
    # not whoever suffered it: the villagers, the poet, the classmates
    assert not [e for e in found if e.target is not None and (e.target.role or "") in ("CVL", "EDU", "MED")], _rows(rec)


def test_the_act_a_condemnation_names_is_coded_too(run):
    rec = run("Nigeria condemned the abduction of 40 pupils by bandits in Zamfara state.")
    assert find_events(rec, cameo="111", src="NGA"), _rows(rec)
    assert find_events(rec, cameo="181", tgt="NGA"), _rows(rec)


def test_an_act_demanded_is_not_coded_as_done(run):
    rec = run("Qatar demanded the release of the fishermen by Bahrain.")
    assert find_events(rec, root="10", src="QAT", tgt="BHR"), _rows(rec)
    assert not [e for e in rec.events if e.cameo_root != "10"], _rows(rec)


@pytest.mark.parametrize(("text", "word"), [
    ("Gunmen abducted dozens of schoolgirls in Katsina on Friday.", "schoolgirls"),
    ("Soldiers fired on worshippers outside a mosque in Mandalay.", "worshippers"),
    ("A car bomb killed six shoppers at a market in Mogadishu.", "shoppers"),
])
def test_civilians_named_by_who_they_are_are_targets(run, text, word):
    rec = run(text)
    found = [e for e in rec.events if e.target is not None and e.target.role == "CVL"
             and word in (e.target.text or "")]
    assert found, _rows(rec)
