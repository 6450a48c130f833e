"""Event coding: a headline's present tense the parse reads as a noun, executions by
hanging, a he or she after a singular title, acts someone is only open or ready to, "the
two" as a subject, and the two sides of a clash named by "with". Invented news
sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "cameo", "src"), [
    ("Farmers storm parliament in Kathmandu.", "145", "NPLAGR"),
    ("Students storm campus in Dhaka.", "145", "BGDEDU"),
])
def test_a_headline_verb_tagged_as_a_noun_is_still_the_verb(run, text, cameo, src):
    rec = run(text)
    assert find_events(rec, cameo=cameo, src=src), _rows(rec)


def test_a_present_tense_read_as_a_noun_after_a_name_is_the_names_act(run):
    rec = run("The Arab League rejects and condemns the Israeli decision.")
    assert find_events(rec, cameo="111", src="IGOMEAARL", tgt="ISR"), _rows(rec)
    assert find_events(rec, plover="REJECT", src="IGOMEAARL"), _rows(rec)


def test_hanging_people_is_an_execution_and_hanging_flags_is_nothing(run):
    rec = run("Iran hangs two men convicted of spying.")
    assert find_events(rec, cameo="180", src="IRN"), _rows(rec)
    assert run("Residents hung flags from their balconies.").events == ()


@pytest.mark.parametrize("text", [
    "Kenya's president flew to London on Sunday. He met the British prime minister on Monday.",
    "The Kenyan president flew to London on Sunday. He met the British prime minister on Monday.",
])
def test_he_after_a_singular_title_is_that_title(run, text):
    rec = run(text)
    assert find_events(rec, cameo="040", src="KENGOV", tgt="GBRGOV"), _rows(rec)


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("Iran is open to talks with the European Union.", "IRN", "IGOEUREEC"),
    ("Seoul says it is open to dialogue with Pyongyang at any time.", "KORGOV", "PRKGOV"),
    ("The junta is ready for talks with the rebels, a spokesman said.", None, None),
])
def test_talks_one_is_open_or_ready_to_are_an_intent_not_talks_held(run, text, src, tgt):
    rec = run(text)
    assert find_events(rec, cameo="036", src=src, tgt=tgt), _rows(rec)
    assert not find_events(rec, cameo="046"), _rows(rec)


def test_the_two_as_a_subject_are_the_two_named_before(run):
    rec = run("Ghana's president met his Togolese counterpart in Lome, where the two agreed "
              "to hold talks on the border.")
    assert find_events(rec, cameo="036", src="GHAGOV", tgt="TGOGOV"), _rows(rec)
    assert find_events(rec, cameo="036", src="TGOGOV", tgt="GHAGOV"), _rows(rec)


@pytest.mark.parametrize(("text", "a", "b"), [
    ("Four policemen died in a clash with bandits in Zamfara.", "NGACOP", "NGACRM"),
    ("Maoist insurgents overran a police camp in Bijapur after a long battle with paramilitary troops.",
     "INDREB", "INDUAF"),
])
def test_a_clash_with_someone_is_the_clauses_subjects_act(run, text, a, b):
    rec = run(text)
    assert find_events(rec, cameo="190", src=a, tgt=b), _rows(rec)


def test_counter_protesters_are_no_opposition(run):
    rec = run("Kenyan police clashed with counter-protesters in Nairobi.")
    assert find_events(rec, cameo="190", src="KENCOP", tgt="KENCVL"), _rows(rec)


def test_a_missile_battery_sent_is_military_aid(run):
    rec = run("Norway sent Poland a missile battery in March.")
    assert find_events(rec, cameo="072", src="NOR", tgt="POL"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The militia has carried out similar attacks on markets in Borno.",
    "Separatists have staged such bombings in the region for years.",
])
def test_a_kind_of_act_a_group_has_done_is_no_event_now(run, text):
    rec = run(text)
    assert not [e for e in rec.events if e.cameo.startswith(("18", "19"))], _rows(rec)


def test_a_similar_act_done_once_is_still_an_event(run):
    rec = run("The militia carried out a similar attack on a market in Borno on Tuesday.")
    assert [e for e in rec.events if e.cameo.startswith(("18", "19"))], _rows(rec)


def test_an_act_described_as_the_biggest_such_is_done(run):
    rec = run("Indian and French warships began joint naval drills off Goa on Monday, "
              "the biggest such exercises in a decade.")
    assert find_events(rec, plover="COOPERATE"), _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "src"), [
    ("Mali's takeover of the gold mine was condemned.", "192", "MLI"),
    ("The raid by Ugandan police drew criticism from lawyers.", "1711", "UGACOP"),
])
def test_an_act_noun_whose_doer_is_named_is_coded_without_a_target(run, text, cameo, src):
    rec = run(text)
    assert find_events(rec, cameo=cameo, src=src), _rows(rec)


def test_a_blockade_by_civilians_is_no_act_of_force(run):
    rec = run("The blockade of the highway by farmers entered its third day on Friday.")
    assert not find_events(rec, cameo="191", src="AGR"), _rows(rec)


def test_attacks_troops_protect_people_from_are_not_told_as_done(run):
    rec = run("The troops were sent to protect villagers from attacks by bandits.")
    assert not [e for e in rec.events if e.cameo.startswith("19")], _rows(rec)


@pytest.mark.parametrize(("text", "mediator", "party"), [
    ("Armenia and Azerbaijan agreed to exchange prisoners after talks mediated by Qatar.", "QAT", "ARM"),
    ("Under an accord brokered by Kenya, the rebel commander pulled his fighters back from the capital.",
     "KEN", None),
])
def test_a_mediator_named_on_the_talks_mediates_between_the_clauses_parties(run, text, mediator, party):
    rec = run(text)
    found = find_events(rec, cameo="045", src=mediator)
    assert found and all(e.target is not None for e in found), _rows(rec)
    if party is not None:
        assert find_events(rec, cameo="045", src=mediator, tgt=party), _rows(rec)


def test_a_claim_denied_in_the_same_sentence_answers_its_maker(run):
    rec = run("Guyana accused Venezuela of massing troops on the border, an allegation Caracas denied.")
    assert find_events(rec, cameo="016", src="VEN", tgt="GUY"), _rows(rec)


def test_an_act_condemned_is_the_first_doer_of_the_sentence_before(run):
    rec = run("Ethiopian soldiers and their Eritrean allies pushed into eastern Sudan overnight. "
              "The African Union condemned the incursion.")
    assert find_events(rec, cameo="111", src="IGOAFRAFU", tgt="ETH"), _rows(rec)


def test_a_war_of_attrition_is_fighting_and_a_war_of_words_is_not(run):
    rec = run("Russia's war of attrition against Ukraine ground on through the winter.")
    assert find_events(rec, cameo="190", src="RUS"), _rows(rec)
    rec = run("The war of words between Seoul and Pyongyang escalated.")
    assert not find_events(rec, root="19"), _rows(rec)
