"""Acts a protest or a condemnation reports, coded on their own; a "by" phrase the parse
hangs on the verb after the act's phrase; participles that name people; funds sanctioned
or handed over; bans withdrawn; slogans raised; flag marches; assets attached; national
investigating and anti-graft agencies by name. Invented news sentences, one construction
per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize("text, plover", [
    ("Hundreds marched in Nairobi against the shooting of two traders by police.", "ASSAULT"),
    ("Students in Dhaka protested against the arrest of a classmate by the police.", "COERCE"),
])
def test_an_act_a_protest_is_against_happened(run, text, plover):
    rec = run(text)
    assert find_events(rec, plover="PROTEST"), _rows(rec)
    assert find_events(rec, plover=plover, src_code="COP") or find_events(rec, plover=plover, src="KEN") or \
        find_events(rec, plover=plover, src="BGD"), _rows(rec)


def test_a_warning_against_attacks_tells_of_no_attack(run):
    rec = run("The Kenyan police warned against attacks by the gangs on traders.")
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_a_by_phrase_after_the_act_names_its_doer(run):
    rec = run("Students marched over the killing of a classmate by police.")
    assert any(e.plover == "ASSAULT" and e.source is not None and e.source.role == "COP" for e in rec.events), _rows(rec)


@pytest.mark.parametrize("text", [
    "The shop of the accused was demolished by the district administration.",
    "Relatives of the arrested waited outside the court in Peshawar.",
])
def test_a_participle_naming_people_is_no_act(run, text):
    rec = run(text)
    assert not find_events(rec, plover="ACCUSE"), _rows(rec)
    assert not find_events(rec, plover="COERCE"), _rows(rec)


def test_a_charge_made_by_a_verb_is_still_coded(run):
    rec = run("The Indian police accused the shopkeeper of hoarding rice.")
    assert find_events(rec, plover="ACCUSE", src="IND"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The chief minister sanctioned Rs 2 crore for the victims of the fire in Cuttack.",
    "The district collector handed over compensation cheques to miners' widows.",
])
def test_funds_sanctioned_or_handed_over_are_aid(run, text):
    rec = run(text)
    assert find_events(rec, plover="AID"), _rows(rec)
    assert not find_events(rec, plover="SANCTION"), _rows(rec)
    assert not find_events(rec, plover="COOPERATE"), _rows(rec)


def test_sanctions_by_a_state_stay_sanctions(run):
    rec = run("The United States sanctioned three Iranian officials on Tuesday.")
    assert find_events(rec, plover="SANCTION", src="USA"), _rows(rec)


def test_a_ban_withdrawn_is_eased(run):
    rec = run("The state government withdrew the ban on the students' union.")
    assert find_events(rec, cameo="081"), _rows(rec)


def test_troops_withdrawn_still_retreat(run):
    rec = run("Russia withdrew troops from two border regions.")
    assert find_events(rec, plover="RETREAT", src="RUS"), _rows(rec)


def test_slogans_raised_against_a_leader_are_dissent(run):
    rec = run("Party workers raised slogans against the chief minister outside the assembly.")
    assert find_events(rec, plover="PROTEST"), _rows(rec)


def test_a_question_raised_is_no_protest(run):
    rec = run("The senator raised questions about the budget.")
    assert not find_events(rec, plover="PROTEST"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Paramilitary troops held a flag march in the old city of Hyderabad.",
    "The army took out a flag march in the tense town of Bhadarwah.",
])
def test_a_flag_march_shows_force_and_is_no_protest(run, text):
    rec = run(text)
    assert find_events(rec, cameo="150"), _rows(rec)
    assert not find_events(rec, plover="PROTEST"), _rows(rec)


def test_assets_attached_by_an_agency_are_seized(run):
    rec = run("The Enforcement Directorate attached two flats of the former minister in Mumbai.")
    assert find_events(rec, cameo="1711", src_code="INDCOP"), _rows(rec)


@pytest.mark.parametrize("text, code", [
    ("The CBI arrested a customs officer in Chennai on Friday.", "INDCOP"),
    ("The EFCC arraigned the former governor in Abuja.", "NGACOP"),
    ("The Ethics and Anti-Corruption Commission questioned the county governor.", "KENCOP"),
    ("The Federal Investigation Agency detained a travel agent in Karachi.", "PAKCOP"),
])
def test_investigating_and_anti_graft_agencies_act_for_their_state(run, text, code):
    rec = run(text)
    assert any(e.source is not None and e.source.code == code for e in rec.events), _rows(rec)


def test_a_vice_chancellor_is_a_university_head(run):
    rec = run("The vice-chancellor suspended four students for a week.")
    assert rec.events and all(e.source.role == "EDU" for e in rec.events), _rows(rec)


@pytest.mark.parametrize("text", [
    "Argentina extradited the drug lord to the United States.",
    "The drug lord was extradited from Argentina to the United States.",
])
def test_an_extradition_is_cooperation_with_the_state_that_receives(run, text):
    rec = run(text)
    assert find_events(rec, cameo="063", src="ARG", tgt="USA"), _rows(rec)


@pytest.mark.parametrize("text, src, cameo", [
    ("The blogger was deported from Malaysia on Tuesday.", "MYS", "174"),
    ("Four Iranian diplomats were expelled from Albania.", "ALB", "161"),
])
def test_one_sent_away_from_a_country_by_no_one_named_was_sent_by_it(run, text, src, cameo):
    rec = run(text)
    assert find_events(rec, cameo=cameo, src=src), _rows(rec)


def test_one_who_arrived_from_a_country_was_not_sent_by_it(run):
    rec = run("The blogger was arrested after he arrived from Malaysia.")
    assert not find_events(rec, plover="COERCE", src="MYS"), _rows(rec)


def test_aid_given_to_victims_by_their_government_stays_theirs(run):
    rec = run("Flood victims in Kenya were given food by the government.")
    assert find_events(rec, plover="AID", tgt_code="KENCVL"), _rows(rec)


def test_it_in_what_an_uncoded_body_said_is_that_body(run):
    rec = run("The Kano State Hisbah Board said it had detained 20 young men at a wedding.")
    assert any(e.plover == "COERCE" and e.source is not None and "Hisbah" in e.source.text for e in rec.events), \
        _rows(rec)


def test_it_refers_to_a_body_named_with_an_of_phrase(run):
    rec = run("The Security Service of Ukraine said it detained a priest in Odesa this week.")
    assert find_events(rec, plover="COERCE", src_code="UKRSPY"), _rows(rec)


def test_a_storm_that_said_nothing_is_no_doer(run):
    rec = run("The hurricane destroyed 300 homes, officials said.")
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Police lathi-charged the agitating teachers outside the assembly in Patna.",
    "Police baton-charged opposition workers marching towards the parliament in Dhaka.",
    "Riot police tear-gassed hundreds of students in Nairobi on Monday.",
    "Officers in Ranchi resorted to lathi-charge against the crowd.",
])
def test_hyphenated_verbs_of_repression_are_read_whole(run, text):
    rec = run(text)
    assert find_events(rec, cameo="175"), _rows(rec)


def test_tear_gas_shells_fired_are_repression_not_shelling(run):
    rec = run("In Srinagar police fired several tear gas shells at students.")
    assert find_events(rec, cameo="175"), _rows(rec)
    assert not find_events(rec, cameo="194"), _rows(rec)


def test_a_hyphenated_noun_that_is_no_act_stays_none(run):
    rec = run("The station house officer in-charge was transferred to Ranchi.")
    assert not find_events(rec, cameo="175"), _rows(rec)


@pytest.mark.parametrize("text, plover", [
    ("Riot police stormed the headquarters of the opposition party in Harare.", "ASSAULT"),
    ("Hundreds of protesters stormed the provincial assembly building in Quetta.", "PROTEST"),
])
def test_who_storms_a_building_decides_attack_or_protest(run, text, plover):
    rec = run(text)
    assert find_events(rec, plover=plover), _rows(rec)
    assert len({e.plover for e in rec.events if e.verb == "stormed"}) == 1, _rows(rec)


@pytest.mark.parametrize("text, cameo", [
    ("The governor handed out food packs to families displaced by the floods in Cebu.", "073"),
    ("The Korean government turned over ten ambulances to the health ministry of Laos.", "070"),
    ("Taipei received two air defence systems from Washington last week.", "072"),
])
def test_aid_handed_out_turned_over_or_received(run, text, cameo):
    rec = run(text)
    assert find_events(rec, cameo=cameo), _rows(rec)


@pytest.mark.parametrize("text", [
    "The interior minister vowed action against the smugglers.",
    "The interior minister vowed to take action against the smugglers.",
    "Moscow threatened to take retaliatory measures against Helsinki.",
])
def test_action_vowed_or_threatened_is_a_threat_not_a_seizure(run, text):
    rec = run(text)
    assert find_events(rec, cameo="130"), _rows(rec)


def test_vowing_to_take_a_city_still_threatens_to_occupy_it(run):
    rec = run("The rebels vowed to take the city of Goma.")
    assert find_events(rec, cameo="1382"), _rows(rec)


def test_a_boat_rammed_by_a_vessel_is_an_attack(run):
    rec = run("A Chinese coast guard ship rammed a Philippine supply boat on Sunday.")
    assert find_events(rec, plover="ASSAULT", src="CHN"), _rows(rec)


def test_a_bill_rammed_through_parliament_is_no_attack(run):
    rec = run("The ruling coalition rammed the budget bill through parliament.")
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Nigerian traders called off the nationwide shutdown on Monday.",
    "The Kenyan transport union suspended its stayaway after the talks.",
])
def test_a_shutdown_or_stayaway_called_off_eases_dissent(run, text):
    rec = run(text)
    assert find_events(rec, cameo="082"), _rows(rec)
    assert not find_events(rec, plover="PROTEST"), _rows(rec)


def test_a_vessel_driven_away_has_its_movement_restricted(run):
    rec = run("The Japanese coast guard drove away a Chinese fishing vessel near the Senkaku Islands.")
    assert find_events(rec, cameo="191", src="JPN"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Canada banned Russian airlines from its airspace on Sunday.",
    "Brussels cut seven Russian lenders off from SWIFT.",
])
def test_foreign_airlines_banned_or_banks_cut_off_are_sanctions(run, text):
    rec = run(text)
    assert find_events(rec, cameo="163", tgt="RUS"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The United Arab Emirates deposited $2 billion in the central bank of Egypt.",
    "The World Bank disbursed $300 million to Kenya on Thursday.",
])
def test_money_deposited_or_disbursed_is_economic_aid(run, text):
    rec = run(text)
    assert find_events(rec, cameo="071"), _rows(rec)


def test_social_networks_blocked_by_a_state_restrict_the_press(run):
    rec = run("The Ethiopian government blocked Facebook and Telegram in the Amhara region.")
    assert find_events(rec, cameo="1721", src="ETH"), _rows(rec)
    assert not find_events(rec, plover="REJECT"), _rows(rec)


def test_police_pelting_a_crowd_repress_it(run):
    rec = run("Riot police pelted the marchers with rubber pellets in Caracas.")
    assert find_events(rec, cameo="175", src="VEN"), _rows(rec)
    assert not find_events(rec, plover="PROTEST", src="VEN"), _rows(rec)


def test_a_transport_strike_launched_by_groups_is_a_stoppage(run):
    rec = run("Jeepney operator groups launched a transport strike across Manila on Monday.")
    assert find_events(rec, cameo="143"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_a_strike_that_hit_a_bus_at_a_market_is_an_attack(run):
    rec = run("A Saudi air strike hit a bus at a crowded market in Saada on Thursday.")
    assert find_events(rec, plover="ASSAULT"), _rows(rec)
    assert not find_events(rec, plover="ACCUSE"), _rows(rec)


def test_tourists_welcomed_are_no_endorsement(run):
    rec = run("Vietnam welcomed 12 million foreign tourists last year.")
    assert not find_events(rec, plover="SUPPORT"), _rows(rec)


@pytest.mark.parametrize("text, cameo", [
    ("Police in Minsk took several marchers away in vans.", "173"),
    ("The two teenagers were handcuffed by police in Ohio.", "173"),
    ("Greek coast guards pushed back a boat of migrants towards Turkey.", "174"),
])
def test_people_taken_away_handcuffed_or_pushed_back(run, text, cameo):
    rec = run(text)
    assert find_events(rec, cameo=cameo), _rows(rec)


def test_pushing_back_against_criticism_is_no_expulsion(run):
    rec = run("The Greek minister pushed back against the criticism from Ankara.")
    assert not find_events(rec, cameo="174"), _rows(rec)


def test_a_squad_the_tables_do_not_name_is_a_doer(run):
    rec = run("An anti-terrorism squad arrested three suspects in Surabaya.")
    assert find_events(rec, plover="COERCE"), _rows(rec)
    assert all(e.source is not None and "squad" in e.source.text for e in rec.events), _rows(rec)


@pytest.mark.parametrize("text, tgt", [
    ("Japanese and Australian warships held drills across the South China Sea.", "CHN"),
    ("A US destroyer sailed through the Gulf of Mexico on Monday.", "MEX"),
])
def test_a_country_in_the_name_of_a_sea_is_no_actor(run, text, tgt):
    rec = run(text)
    assert not find_events(rec, tgt=tgt), _rows(rec)
    assert not find_events(rec, src=tgt), _rows(rec)


def test_joint_patrols_begun_are_cooperation(run):
    rec = run("Indonesia and Malaysia began joint patrols of the Malacca Strait.")
    assert find_events(rec, cameo="062", src="IDN", tgt="MYS"), _rows(rec)


def test_a_joint_commission_to_demarcate_a_border_is_no_probe(run):
    rec = run("The two governments set up a joint commission to mark the border.")
    assert not find_events(rec, plover="ACCUSE"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The European Union earmarked 20 million euros for flood victims in Libya.",
    "India gifted 100,000 vaccine doses to Nepal.",
])
def test_funds_earmarked_or_vaccines_gifted_are_aid(run, text):
    rec = run(text)
    assert find_events(rec, plover="AID"), _rows(rec)


def test_an_accusation_followed_by_the_denial_it_met_is_still_told(run):
    rec = run("The African Union accused Rwanda of backing a rebel offensive in eastern Congo, a charge Kigali denied.")
    assert find_events(rec, plover="ACCUSE", tgt="RWA"), _rows(rec)
    assert find_events(rec, plover="REJECT", src="RWA"), _rows(rec)


def test_a_clause_before_a_bare_denial_is_still_denied(run):
    rec = run("Its soldiers had crossed into Congo, Rwanda denied.")
    assert not find_events(rec, plover="MOBILIZE"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_what_a_denial_denies_is_still_not_done(run):
    rec = run("Rwanda denied that its soldiers had crossed into Congo.")
    assert not find_events(rec, plover="MOBILIZE"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_millions_of_dollars_suspended_are_aid_cut(run):
    rec = run("Washington suspended 60 million dollars meant for Mali over the coup.")
    assert find_events(rec, cameo="1621", src="USA", tgt="MLI"), _rows(rec)


@pytest.mark.parametrize("text, cameo", [
    ("The army continued massing tanks near the frontier.", "154"),
])
def test_a_gerund_after_continue_or_keep_is_the_act(run, text, cameo):
    rec = run(text)
    assert any(e.cameo == cameo and e.rule.startswith("verbs.tsv") for e in rec.events), _rows(rec)
