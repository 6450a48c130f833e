"""Unit tests of two small decisions every event passes through: which verb pattern wins
(``VerbTable.best``) and when two actors are one (``same_actor``, which drops events of
an actor on itself). Built from rows written here, not the package tables."""

from __future__ import annotations

import pytest

from tidings.coding.drafts import same_actor
from tidings.extract.phrases import Resolved
from tidings.rules.cameo import load_cameo
from tidings.rules.tables import Row, TableError
from tidings.rules.verbs import VERB_COLUMNS, build_verbs

COLUMNS = (*VERB_COLUMNS, "note")

STATE_ROLES = {"GOV", "MIL", "LEG", "JUD"}


def table(*rows: str):
    made = []
    for line, text in enumerate(rows, start=1):
        cells = text.split("\t")
        values = dict(zip(COLUMNS, cells + [""] * (len(COLUMNS) - len(cells)), strict=True))
        made.append(Row(line, values, "test.tsv"))
    return build_verbs(made, load_cameo(), {})


def test_the_most_specific_matching_pattern_wins():
    t = table("040\tmeet", "043\tmeet\twith", "036\tmeet\twith\tdemand")
    assert t.best("meet", set(), set(), None).code == "040"
    assert t.best("meet", {"with"}, set(), None).code == "043"
    assert t.best("meet", {"with"}, {"demand"}, None).code == "036"
    # the object alone does not satisfy a row that also asks for the preposition
    assert t.best("meet", set(), {"demand"}, None).code == "040"


def test_a_tie_goes_to_the_earlier_row_so_user_rows_override():
    t = table("111\tslam", "120\tslam")
    assert t.best("slam", set(), set(), None).code == "111"
    t = table("120\tslam", "111\tslam")
    assert t.best("slam", set(), set(), None).code == "120"


def test_compound_objects_beat_their_head_and_modifiers_beat_heads():
    t = table("145\tstage\t\tstrike", "141\tstage\t\thunger strike")
    assert t.best("stage", set(), {"hunger strike", "strike"}, None).code == "141"
    assert t.best("stage", set(), {"strike"}, None).code == "145"
    t = table("070\tannounce\t\tprogram", "073\tannounce\t\taid")
    # "an aid program" (a light noun: its modifier is an object too): the modifier says
    # more than the head
    assert t.best("announce", set(), {"aid program", "program", "aid"}, None).code == "073"
    assert t.best("announce", set(), {"program"}, None).code == "070"


def test_to_infinitive_rows_need_the_infinitive():
    t = table("030\tagree", "057\tagree\t\t\tsign")
    assert t.best("agree", set(), set(), "sign").code == "057"
    assert t.best("agree", set(), set(), "talk").code == "030"
    assert t.best("agree", set(), set(), None).code == "030"


def test_no_pattern_for_an_unknown_verb_or_unmatched_rows():
    t = table("043\tmeet\twith")
    assert t.best("meet", set(), set(), None) is None
    assert t.best("sing", set(), set(), None) is None


def test_nouns_are_looked_up_apart_from_verbs():
    t = table("043\ttalk\twith\t\t\tnoun: talks with")
    assert t.best("talk", {"with"}, set(), None) is None
    assert t.best("talk", {"with"}, set(), None, nouns=True).code == "043"


def test_an_unknown_code_is_an_error_that_names_the_row():
    with pytest.raises(TableError, match="test.tsv:1"):
        table("999\tmeet")


def actor(code: str, country: str | None, role: str | None = None, kind: str = "country",
          how: str = "dictionary", name: str | None = None) -> Resolved:
    return Resolved(name or code, code, country, role, kind, how, 0, 1, 0)


def test_a_country_and_its_state_organs_are_one_actor():
    usa, usagov, usamil = actor("USA", "USA"), actor("USAGOV", "USA", "GOV"), actor("USAMIL", "USA", "MIL")
    assert same_actor(usa, usagov, STATE_ROLES)
    assert same_actor(usamil, usa, STATE_ROLES)
    assert same_actor(usa, actor("USA", "USA"), STATE_ROLES)


def test_a_state_and_its_people_or_two_organs_are_a_domestic_event():
    tur, turref = actor("TUR", "TUR"), actor("TURREF", "TUR", "REF", kind="group")
    assert not same_actor(tur, turref, STATE_ROLES)
    chljud, chlgov = actor("CHLJUD", "CHL", "JUD"), actor("CHLGOV", "CHL", "GOV")
    assert not same_actor(chljud, chlgov, STATE_ROLES)


def test_different_countries_are_never_one_actor():
    assert not same_actor(actor("USA", "USA"), actor("CAN", "CAN"), STATE_ROLES)
    assert not same_actor(actor("USAGOV", "USA", "GOV"), actor("CANGOV", "CAN", "GOV"), STATE_ROLES)


def test_ethnic_groups_are_not_the_state_they_live_in():
    serbs = actor("SRB", "SRB", how="ethnic", kind="group", name="ethnic Serbs")
    albanians = actor("SRB", "SRB", how="ethnic", kind="group", name="ethnic Albanians")
    assert not same_actor(serbs, actor("SRB", "SRB"), STATE_ROLES)
    assert not same_actor(serbs, albanians, STATE_ROLES)
    assert same_actor(serbs, serbs, STATE_ROLES)


def test_an_international_body_and_its_unnamed_staff_are_one():
    un = actor("IGOUNO", None, kind="organisation")
    peacekeepers = actor("IGOUNOPKO", None, kind="group")
    assert same_actor(un, peacekeepers, STATE_ROLES)
    assert not same_actor(un, actor("IGOWTO", None, kind="organisation"), STATE_ROLES)


def test_a_lemma_missing_its_final_e_is_mended_to_the_pattern_verb():
    """spaCy lemmatizes "waged" as "wag" and "staged" as "stag"; a verb spelled as the
    lemma plus "e" whose form that is takes its place, and nothing else changes."""
    import spacy
    from spacy.tokens import Doc

    from tidings.coding.features import mend_lemmas

    t = table("190\twage\t\twar", "141\tstage", "010\tsay")
    doc = Doc(spacy.blank("en").vocab, words=["waged", "staged", "wags", "said", "waged"],
              pos=["VERB", "VERB", "VERB", "VERB", "NOUN"], lemmas=["wag", "stag", "wag", "say", "wag"])
    mend_lemmas(doc, t)
    assert [w.lemma_ for w in doc] == ["wage", "stage", "wag", "say", "wag"]
