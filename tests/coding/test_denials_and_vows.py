"""Event coding: denials, vows, and acts whose object says what they are. A denial of
responsibility is reported as PLOVER REJECT and what is denied is not coded as done; a
vow to defy is no intent to cooperate; what is released or seized decides the code; an
arrest with no agent in a named town is the act of that country's authorities. Invented
news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("Uganda denied accusations by Kenya that its troops had crossed the border.", "UGA", "KEN"),
    ("The Kremlin denied any role in the crash of the plane.", "RUS", None),
])
def test_a_denial_is_a_rejection(run, text, src, tgt):
    rec = run(text)
    found = find_events(rec, cameo="016", src=src)
    assert found and all(e.plover == "REJECT" for e in found), _rows(rec)
    if tgt is not None:
        assert find_events(rec, cameo="016", src=src, tgt=tgt), _rows(rec)


@pytest.mark.parametrize("text", [
    "Iran denied arming the rebels in Yemen.",
    "Pakistan denied that its soldiers had fired on the post.",
])
def test_what_is_denied_is_not_coded_as_done_or_refused(run, text):
    rec = run(text)
    assert [e for e in rec.events if e.cameo == "016"], _rows(rec)
    assert not [e for e in rec.events if e.cameo != "016"], _rows(rec)


def test_a_vow_to_defy_is_no_intent_to_cooperate(run):
    rec = run("The governor vowed to defy the federal order on Monday.")
    assert find_events(rec, root="12"), _rows(rec)
    assert not find_events(rec, root="03"), _rows(rec)


def test_a_vow_of_revenge_is_a_threat(run):
    rec = run("Hezbollah vowed revenge for the killing of its commander.")
    assert find_events(rec, cameo="138", src="LBN"), _rows(rec)


def test_released_money_is_aid(run):
    rec = run("The European Union released 50 million euros in aid to Jordan.")
    assert find_events(rec, cameo="071", tgt="JOR"), _rows(rec)
    assert not find_events(rec, root="08"), _rows(rec)


def test_seized_drugs_are_confiscated_not_occupied(run):
    rec = run("Customs officers seized 90 kg of cocaine at the port in Guayaquil.")
    assert find_events(rec, cameo="1711"), _rows(rec)
    assert not find_events(rec, cameo="192"), _rows(rec)


def test_a_party_named_a_league_dissolved_is_banned(run):
    rec = run("The court dissolved the Awami League in a ruling on Friday.")
    assert find_events(rec, cameo="1722"), _rows(rec)


@pytest.mark.parametrize(("text", "src"), [
    ("Four students were detained in Karachi on Sunday.", "PAKGOV"),
    ("Two reporters were taken into custody in Ankara.", "TURGOV"),
])
def test_an_arrest_in_a_named_town_is_by_its_countrys_authorities(run, text, src):
    rec = run(text)
    assert find_events(rec, root="17", src_code=src), _rows(rec)


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("The opposition called the referendum a sham.", None, None),
    ("Tehran called the drills a provocation by Washington.", "IRN", "USA"),
])
def test_calling_something_a_sham_is_criticism(run, text, src, tgt):
    rec = run(text)
    assert find_events(rec, cameo="111", src=src, tgt=tgt), _rows(rec)
    assert not find_events(rec, root="03"), _rows(rec)


def test_what_a_condemnation_calls_the_act_is_no_target(run):
    rec = run("Human rights groups condemned the hangings as a mockery of justice.")
    found = find_events(rec, cameo="111")
    assert found and not [e for e in found if e.target is not None and e.target.role == "JUD"], _rows(rec)


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("Baghdad said Ankara was responsible for the drone strike on the camp.", "IRQ", "TUR"),
    ("Caracas said Bogota was behind the attack on the power grid.", "VEN", "COL"),
])
def test_saying_someone_was_behind_an_attack_is_an_accusation(run, text, src, tgt):
    rec = run(text)
    assert find_events(rec, cameo="112", src=src, tgt=tgt), _rows(rec)


def test_saying_who_is_responsible_for_a_task_is_none(run):
    rec = run("Manila said the coast guard was responsible for search and rescue in the area.")
    assert not find_events(rec, cameo="112"), _rows(rec)


def test_a_pledge_to_resist_is_no_intent_to_cooperate(run):
    rec = run("The militia pledged to resist the government offensive in the north.")
    assert not find_events(rec, root="03"), _rows(rec)


def test_they_after_two_sides_are_both_sides(run):
    rec = run("Kenya's president received his Tanzanian counterpart in Nairobi on Monday. "
              "They discussed the border dispute.")
    assert find_events(rec, root="04", src="KEN", tgt="TZA"), _rows(rec)
    assert find_events(rec, root="04", src="TZA", tgt="KEN"), _rows(rec)
    assert [e for e in rec.events if e.sentence == 1], _rows(rec)


def test_denying_that_someone_was_behind_an_attack_accuses_no_one(run):
    rec = run("Tehran denied that its Revolutionary Guards were behind the attack on the tanker.")
    assert not find_events(rec, cameo="112"), _rows(rec)


def test_police_arriving_is_no_visit(run):
    rec = run("The gunmen fled when a police patrol from Colombo arrived in the village.")
    assert not find_events(rec, root="04"), _rows(rec)


# -- what an act is called ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Japan's foreign minister called the missile launch reckless.",
    "Brazil's government called the court ruling deeply regrettable.",
    "The Kenyan foreign ministry described the expulsion as unjustified.",
])
def test_calling_an_act_a_condemning_word_criticises_it(run, text):
    rec = run(text)
    assert [e for e in rec.events if e.cameo == "111"], _rows(rec)


def test_calling_an_act_a_neutral_word_is_no_criticism(run):
    rec = run("Japan's foreign minister described the talks as lengthy.")
    assert not [e for e in rec.events if e.cameo == "111"], _rows(rec)


def test_sides_accusing_each_other_in_a_participle_accuse_each_other(run):
    rec = run("Rwanda and Burundi closed their border on Friday, accusing each other of harbouring rebels.")
    accusations = {(e.source.country, e.target.country if e.target else None) for e in rec.events
                   if e.plover == "ACCUSE"}
    assert accusations == {("RWA", "BDI"), ("BDI", "RWA")}, _rows(rec)


@pytest.mark.parametrize("text", [
    "Kenya's president called the peace accord a breakthrough for the region.",
    "Viktor Orban called Erdogan a great friend of Hungary.",
])
def test_calling_someone_or_something_a_praising_word_praises_it(run, text):
    rec = run(text)
    assert [e for e in rec.events if e.cameo == "051" and e.verb == "called"], _rows(rec)


def test_vowing_that_ones_side_will_retaliate_is_a_threat(run):
    rec = run("Pakistan's army chief vowed that the country would retaliate against any aggression.")
    assert [e for e in rec.events if e.plover == "THREATEN"] and not [
        e for e in rec.events if e.plover == "AGREE"], _rows(rec)


def test_vowing_to_keep_attacking_is_a_threat_not_an_attack(run):
    rec = run("The militia vowed to keep attacking government convoys in Darfur.")
    assert [e for e in rec.events if e.plover == "THREATEN"], _rows(rec)
    assert not [e for e in rec.events if e.plover in ("ASSAULT", "AGREE")], _rows(rec)


def test_saying_one_is_disappointed_by_a_decision_disapproves_of_it(run):
    rec = run("New Zealand said it was deeply disappointed by Fiji's decision.")
    assert [e for e in rec.events if e.cameo == "110" and e.target and e.target.country == "FJI"], _rows(rec)
    rec = run("New Zealand said it was deeply concerned about Fiji's decision.")
    assert not [e for e in rec.events if e.cameo == "110"], _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "tgt"), [
    ("Canberra said Beijing's tariffs on Australian wine were unjustified.", "111", "CHN"),
    ("Lithuania said the Belarusian decision was unacceptable.", "111", "BLR"),
    ("Athens said the Turkish drilling was a breach of international law.", "112", "TUR"),
])
def test_saying_an_act_is_wrong_criticises_its_doer(run, text, cameo, tgt):
    rec = run(text)
    assert [e for e in rec.events if e.cameo == cameo and e.target and e.target.country == tgt], _rows(rec)


def test_saying_a_claim_is_baseless_criticises_no_one(run):
    rec = run("Lithuania said the claims were baseless.")
    assert not [e for e in rec.events if e.cameo in ("111", "112")], _rows(rec)


def test_having_sworn_to_fight_is_a_threat_not_a_fight(run):
    """The parse can hang the infinitive of "have sworn to" on it as a clause of purpose."""
    rec = run("Separatist rebels in the north have sworn to fight until the army leaves their villages.")
    assert find_events(rec, plover="THREATEN"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Kenya's cabinet approved the new budget on Tuesday.",
    "Hamas set off a new round of violence in Gaza.",
])
def test_approving_ones_own_budget_or_setting_off_a_wave_is_no_event(run, text):
    rec = run(text)
    assert not find_events(rec, plover="SUPPORT") and not find_events(rec, plover="CONSULT"), _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "country"), [
    ("Kenya's vice-president declined to resign on Monday despite growing pressure.", "1231", "KEN"),
    ("Ghana's finance minister has agreed to step down, his office said on Friday.", "0341", "GHA"),
])
def test_a_promise_or_refusal_to_yield_at_home_is_aimed_at_home(run, text, cameo, country):
    """Conventions ``location_target`` and ``domestic_target`` for 034, 035 and 123."""
    rec = run(text)
    assert [e for e in rec.events if e.cameo == cameo and e.target is not None and e.target.country == country], _rows(rec)


@pytest.mark.parametrize("text", [
    "Ethiopian and Sudanese officials have not met since 2019 to discuss the border.",
    "Armenia and Azerbaijan have not held direct talks for a decade.",
    "The Indian prime minister has not spoken to his Pakistani counterpart in years.",
])
def test_not_having_met_for_a_while_is_no_refusal(run, text):
    """A perfect not done "since" a time or "for" a span tells how long; it is not a
    rejection (CAMEO 12), and no meeting happened."""
    rec = run(text)
    assert not find_events(rec, plover="REJECT") and not find_events(rec, plover="CONSULT"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Armenia has refused to hold talks with Azerbaijan since the war.",
    "Iran has not agreed to the proposal from the European Union.",
])
def test_a_refusal_stays_a_rejection(run, text):
    rec = run(text)
    assert find_events(rec, plover="REJECT"), _rows(rec)
