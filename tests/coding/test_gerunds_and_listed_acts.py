"""Gerunds after a preposition of time and passive verbs with no subject of their own take
their people from the clause they hang from; an act a pattern row names, with no one to
code it, is kept when the detector reads it too; talks "between" two sides are each
side's act on the other. Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


def _roles(rec, plover):
    return {(e.source.role if e.source else None, e.target.role if e.target else None)
            for e in rec.events if e.plover == plover}


@pytest.mark.parametrize("text, source, target", [
    ("Farmers rallied outside the ministry in Lima before being dispersed by riot police.", "COP", "AGR"),
    ("Two nurses were later freed after being detained by soldiers at a roadblock outside Juba.", "MIL", "HLH"),
])
def test_a_passive_gerund_after_a_preposition_is_done_to_the_clause_subject(run, text, source, target):
    rec = run(text)
    assert any(e.source is not None and e.source.role == source and e.target is not None and e.target.role == target
               and e.plover in ("ASSAULT", "COERCE") for e in rec.events), _rows(rec)


def test_a_passive_chain_shares_its_subject_with_each_verb(run):
    rec = run("Demonstrators in Harare were beaten and dispersed by police.")
    assert find_events(rec, cameo="175", tgt="ZWE"), _rows(rec)
    assert find_events(rec, cameo="182", tgt="ZWE"), _rows(rec)


def test_an_active_gerund_after_a_preposition_is_no_passive(run):
    rec = run("Farmers rallied outside the ministry in Lima before dispersing peacefully.")
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)
    assert not find_events(rec, plover="COERCE"), _rows(rec)


@pytest.mark.parametrize("text, source, target", [
    ("Rebels captured Kalehe after attacking an army base nearby.", "REB", "MIL"),
    ("The suspect was arrested in Accra after stabbing a police officer.", "CRM", "COP"),
    ("A crowd beat a trader in Kano after accusing the police of protecting thieves.", "CVL", "COP"),
])
def test_a_gerund_after_a_preposition_of_time_is_the_clause_subjects_act(run, text, source, target):
    rec = run(text)
    assert (source, target) in _roles(rec, "ASSAULT") | _roles(rec, "ACCUSE"), _rows(rec)


def test_a_gerund_after_a_preposition_of_time_keeps_its_own_negation(run):
    rec = run("The army withdrew from the valley after failing to capture the town.")
    assert not find_events(rec, plover="COERCE"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_a_listed_act_with_no_one_named_is_kept_beside_a_coded_one(run):
    rec = run("Rioters burned a bus station in Kisumu, and a curfew has since been imposed on the town.")
    assert find_events(rec, plover="ASSAULT"), _rows(rec)
    assert find_events(rec, cameo="1723"), _rows(rec)
    assert all("verbs.tsv" in e.rule for e in find_events(rec, cameo="1723")), _rows(rec)


def test_a_listed_act_only_foreseen_is_not_kept(run):
    rec = run("Rioters burned a bus station in Kisumu, and a curfew may be imposed in the town.")
    assert find_events(rec, plover="ASSAULT"), _rows(rec)
    assert not find_events(rec, cameo="1723"), _rows(rec)


def test_talks_between_two_states_are_theirs_not_the_clause_subjects(run):
    rec = run("The foreign ministers met in Geneva after talks between Armenia and Azerbaijan.")
    assert find_events(rec, plover="CONSULT", src="ARM", tgt="AZE"), _rows(rec)
    assert find_events(rec, plover="CONSULT", src="AZE", tgt="ARM"), _rows(rec)
    assert not [e for e in rec.events if e.plover == "CONSULT" and e.source is not None
                and e.source.role == "GOV" and e.target is not None and e.target.country == "AZE"], _rows(rec)


def test_a_gerund_after_an_act_asked_for_is_not_done(run):
    rec = run("The ministers had urged Fiji to hold elections before rejoining the Commonwealth.")
    assert not find_events(rec, plover="COOPERATE"), _rows(rec)
    assert not find_events(rec, plover="AGREE", src="FJI"), _rows(rec)


def test_a_gerund_after_before_may_be_only_a_condition(run):
    rec = run("The rebels demanded a ceasefire with the army before allowing relief convoys into Kalehe.")
    assert not find_events(rec, plover="CONCEDE"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Armenia vowed not to attack Azerbaijani villages along the border.",
    "The two presidents agreed not to use force in their border dispute.",
])
def test_a_pledge_not_to_use_force_is_an_intent_to_de_escalate(run, text):
    rec = run(text)
    assert find_events(rec, cameo="0356"), _rows(rec)
    assert not find_events(rec, plover="THREATEN"), _rows(rec)


def test_an_appeal_not_to_use_force_asks_for_de_escalation(run):
    rec = run("The African Union urged Ethiopia not to invade Eritrea.")
    assert find_events(rec, cameo="0256", src="IGOAFRAU", tgt="ETH") or find_events(rec, cameo="0256", tgt="ETH"), \
        _rows(rec)


def test_a_vow_to_use_force_is_still_a_threat(run):
    rec = run("Armenia vowed to attack Azerbaijani villages along the border.")
    assert find_events(rec, plover="THREATEN"), _rows(rec)
    assert not find_events(rec, cameo="0356"), _rows(rec)


def test_an_order_not_to_fire_is_no_attack(run):
    rec = run("The general ordered his soldiers in Bamako not to fire on the crowd.")
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_each_verb_of_a_passive_chain_is_done_to_its_subject(run):
    rec = run("Dozens of protesters in Harare were beaten and detained on Tuesday.")
    assert find_events(rec, cameo="182"), _rows(rec)
    assert find_events(rec, cameo="173", tgt="ZWE"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Three mosques were torched in Meiktila on Wednesday.",
    "Shops in Kabul have been looted and set alight.",
])
def test_property_destroyed_by_no_one_named_is_told(run, text):
    rec = run(text)
    assert find_events(rec, cameo="1712"), _rows(rec)


def test_property_a_clause_describes_is_no_new_act(run):
    rec = run("The bridge in Mostar, which was destroyed in 1993, has been rebuilt.")
    assert not find_events(rec, cameo="1712"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Police in Kisumu launched an operation against cattle rustlers on Monday.",
    "Police carried out a swoop on illegal brew dens in Nakuru.",
])
def test_a_police_operation_is_coercion_not_an_attack(run, text):
    rec = run(text)
    assert find_events(rec, cameo="1711", src="KEN"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_an_army_operation_is_still_an_attack(run):
    rec = run("The Kenyan army launched an operation against al-Shabaab militants in Lamu.")
    assert find_events(rec, plover="ASSAULT", src="KEN"), _rows(rec)


def test_a_governor_activating_the_guard_mobilizes_it(run):
    rec = run("The governor of Oregon activated the National Guard on Thursday.")
    assert find_events(rec, cameo="154", src="USA"), _rows(rec)


def test_drills_carried_out_by_a_force_are_that_forces(run):
    rec = run("Greece protested against naval exercises conducted by Turkish forces near Rhodes.")
    assert find_events(rec, plover="ACCUSE", src="GRC", tgt="TUR"), _rows(rec)


def test_forces_deployed_by_no_one_named_mobilize_themselves(run):
    rec = run("Paramilitary troops had been deployed around the party headquarters in Lucknow.")
    assert all(e.source is not None and e.source.role == "UAF" for e in find_events(rec, plover="MOBILIZE")), _rows(rec)
    assert find_events(rec, plover="MOBILIZE"), _rows(rec)


@pytest.mark.parametrize("text, cameo", [
    ("The regulator in Lagos reinstated the broadcaster's licence after a court ruling.", "081"),
    ("The county government in Nairobi suspended the eviction of 300 traders.", "080"),
])
def test_a_licence_given_back_or_an_eviction_halted_is_a_concession(run, text, cameo):
    rec = run(text)
    assert find_events(rec, cameo=cameo), _rows(rec)
    assert not find_events(rec, plover="SANCTION"), _rows(rec)


def test_a_lower_case_word_the_tagger_takes_for_a_name_is_no_doer(run):
    rec = run("Police in Accra allowed the march to go ahead after talks with organisers.")
    assert not find_events(rec, plover="REJECT"), _rows(rec)


def test_deaths_an_accident_clause_explains_are_no_attack(run):
    rec = run("Nine passengers were killed when their minibus overturned on a hill road near Nyeri.")
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_deaths_a_shooting_clause_explains_are_still_an_attack(run):
    rec = run("Nine people were killed when police opened fire on a crowd near Nyeri.")
    assert find_events(rec, plover="ASSAULT", src="KEN"), _rows(rec)


def test_what_a_concern_is_about_is_no_act_of_the_one_concerned(run):
    rec = run("The Chinese envoy conveyed concerns about the arrests to the foreign ministry in Manila.")
    assert not [e for e in find_events(rec, plover="COERCE") if e.source is not None and e.source.country == "CHN"], \
        _rows(rec)


def test_a_question_about_an_act_is_no_request(run):
    rec = run("Reporters in Cairo asked the minister about the airstrikes on Gaza.")
    assert not find_events(rec, plover="REQUEST"), _rows(rec)


def test_access_to_a_platform_restored_is_an_easing(run):
    rec = run("Pakistan's media regulator restored access to YouTube on Friday after a three-day block.")
    assert find_events(rec, cameo="0811", src="PAK"), _rows(rec)


def test_the_act_a_charge_names_holds_no_target(run):
    rec = run("The UN accused both sides in South Sudan of using child soldiers.")
    assert find_events(rec, plover="ACCUSE"), _rows(rec)
    assert not [e for e in find_events(rec, plover="ACCUSE") if e.target is not None and e.target.role == "CVL"], \
        _rows(rec)


def test_a_people_deported_from_a_country_were_sent_away_by_its_authorities(run):
    rec = run("Thousands of Afghans were deported from Iran last month.")
    assert find_events(rec, cameo="201", src="IRN", tgt="AFG"), _rows(rec)


@pytest.mark.parametrize("text, src, tgt", [
    ("Somali troops killed 12 militants in a joint operation with Kenyan forces near Kismayo.", "SOM", "KEN"),
    ("Thai police arrested a British fugitive in Pattaya in cooperation with Britain's National Crime Agency.",
     "THA", "GBR"),
])
def test_an_act_done_with_a_partner_is_also_cooperation(run, text, src, tgt):
    rec = run(text)
    assert find_events(rec, plover="COOPERATE", src=src, tgt=tgt), _rows(rec)


def test_cooperation_only_called_for_is_no_joint_act(run):
    rec = run("Somalia's president called for greater cooperation with Kenya against al-Shabaab.")
    assert not find_events(rec, plover="COOPERATE"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Kenya and Somalia agreed to conduct coordinated patrols on their shared frontier.",
    "Kenya and Somalia will hold joint military exercises next month.",
])
def test_joint_drills_only_intended_are_an_intent(run, text):
    rec = run(text)
    assert find_events(rec, plover="AGREE", src="KEN", tgt="SOM"), _rows(rec)
    assert not find_events(rec, plover="COOPERATE"), _rows(rec)


def test_joint_drills_held_are_cooperation(run):
    rec = run("Kenya and Somalia held joint military exercises near Kismayo on Monday.")
    assert find_events(rec, plover="COOPERATE", src="KEN", tgt="SOM"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Peru's cabinet chief stepped down in the face of mass protests across Lima.",
    "Police in Nairobi arrested 20 people after the protest outside parliament.",
])
def test_protests_an_act_came_after_were_held(run, text):
    rec = run(text)
    assert find_events(rec, plover="PROTEST"), _rows(rec)


def test_talks_after_which_one_acted_are_not_protests(run):
    rec = run("The government of Kenya lifted the curfew after talks with opposition leaders.")
    assert not find_events(rec, plover="PROTEST"), _rows(rec)


@pytest.mark.parametrize("text, cameo", [
    ("Prosecutors in Harare withdrew the charges against the activists.", "080"),
    ("Qatar withdrew its charge d'affaires from Cairo.", "161"),
    ("Egypt summoned the Qatari charge d'affaires in Cairo.", "114"),
])
def test_charges_withdrawn_are_not_a_charge_d_affaires(run, text, cameo):
    rec = run(text)
    assert find_events(rec, cameo=cameo), _rows(rec)
