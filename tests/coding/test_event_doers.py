"""Event coding: appeals with a for-clause, rows that hold only for certain doers, a
particle the parse hangs on the object, and the people a participle says were acted on.
Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "cameo", "src", "tgt"), [
    ("The European Union called for Iran to release the detained journalists.", "0253", "IGO", "IRN"),
    ("Germany called for Israel to withdraw its troops from Gaza.", "0256", "DEU", "ISR"),
    ("The opposition pressed for Kenya to hold new elections.", "020", "KEN", "KEN"),
])
def test_calling_for_someone_to_act_is_an_appeal_to_them(run, text, cameo, src, tgt):
    rec = run(text)
    assert find_events(rec, src=src, cameo=cameo, tgt=tgt) or find_events(
        rec, src_code="IGOEUREEC", cameo=cameo, tgt=tgt), _rows(rec)


def test_calling_for_a_thing_keeps_its_object_row(run):
    rec = run("Germany called for a ceasefire in Sudan.")
    assert [e for e in rec.events if e.cameo == "0256"], _rows(rec)


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("The first Rwandan peacekeeping troops arrived in the Central African Republic on Monday.", "RWA", "CAF"),
    ("A contingent of 300 Kenyan peacekeepers arrived in Haiti on Tuesday.", "IGOPKO", "HTI"),
    ("UN peacekeepers arrived in the town of Bunia on Friday.", "IGOUNO", "COD"),
])
def test_peacekeepers_arriving_provide_peacekeeping(run, text, src, tgt):
    rec = run(text)
    assert find_events(rec, src=src, cameo="074", tgt=tgt), _rows(rec)


def test_a_minister_arriving_still_visits(run):
    rec = run("The Turkish foreign minister arrived in Baghdad on Sunday.")
    assert find_events(rec, src="TUR", cameo="042", tgt="IRQ"), _rows(rec)
    assert not [e for e in rec.events if e.cameo == "074"], _rows(rec)


def test_a_row_for_protesters_waits_for_protesters(run):
    assert find_events(run("Protesters gathered outside parliament in Nairobi."), root="14")
    rec = run("Fans gathered outside the stadium in Madrid.")
    assert not [e for e in rec.events if e.rule.startswith("verbs.tsv")], _rows(rec)


def test_setting_captives_free_is_a_release(run):
    rec = run("Rebels set free two Chinese engineers in the Niger Delta.")
    assert find_events(rec, cameo="0841", tgt="CHN"), _rows(rec)


def test_people_a_participle_says_were_taken_are_the_target(run):
    rec = run("Police are searching for two Chinese engineers abducted last month.")
    taken = [e for e in rec.events if e.cameo_root == "18"]
    assert taken and all(e.source.country != "CHN" and e.target and e.target.country == "CHN" for e in taken), \
        _rows(rec)


@pytest.mark.parametrize(("text", "want"), [
    # resorting to an act is doing it
    ("Police resorted to firing tear gas at the crowd in Nairobi.", {"src": "KEN", "root": "17"}),
    ("The opposition turned to boycotting parliament in Harare.", {"src": "ZWE", "root": "14"}),
    # strikers named by their trade, and strikes that go on
    ("Truck drivers went on strike in Colombia against rising diesel prices.", {"src_code": "COLLAB", "cameo": "143"}),
    ("Doctors in Nigeria remained on strike for a third week.", {"src_code": "NGAHLH", "cameo": "143"}),
    ("The jailed activist stayed on hunger strike in Cairo.", {"src_code": "EGYOPP", "cameo": "142"}),
])
def test_acts_said_in_other_words_are_done(run, text, want):
    rec = run(text)
    assert find_events(rec, **want), _rows(rec)


def test_objecting_to_an_act_is_not_doing_it(run):
    rec = run("The minister objected to releasing the prisoners in Lima.")
    assert not [e for e in rec.events if e.cameo_root == "08"], _rows(rec)


def test_a_missile_and_drone_attack_is_an_attack(run):
    rec = run("Iran launched a large missile and drone attack on Israel overnight.")
    assert find_events(rec, src="IRN", root="19", tgt="ISR"), _rows(rec)


def test_cutting_the_internet_restricts_freedoms(run):
    rec = run("Authorities in Ethiopia cut internet access in the Amhara region.")
    assert find_events(rec, src="ETH", cameo="1721"), _rows(rec)


def test_an_aid_package_announced_is_about_aid(run):
    rec = run("Germany announced a new military aid package for Ukraine worth 500 million euros.")
    assert [e for e in rec.events if e.plover in ("AGREE", "AID") and e.target and e.target.country == "UKR"], \
        _rows(rec)


def test_beating_a_lawmaker_is_an_assault(run):
    rec = run("Masked men beat an opposition lawmaker with iron bars in Tbilisi.")
    assert find_events(rec, root="18", tgt="GEO"), _rows(rec)


def test_stepping_up_is_not_stepping_down(run):
    rec = run("Ghana and Togo agreed to step up security cooperation along their border.")
    assert not [e for e in rec.events if e.cameo == "0341"], _rows(rec)
    rec = run("The opposition urged the president of Peru to step down.")
    assert [e for e in rec.events if e.cameo == "0241"], _rows(rec)
    rec = run("The UN urged Russia to pull out its troops from Georgia.")
    assert [e for e in rec.events if e.cameo == "0256"], _rows(rec)


def test_an_attack_the_model_finds_falls_on_the_country_where_it_happened(run):
    rec = run("Shops were looted in the town of Goma overnight.")
    found = [e for e in rec.events if e.rule.startswith(("model:", "triggers.tsv"))]
    assert found and all(e.target is not None and e.target.country == "COD" for e in found), _rows(rec)


def test_who_made_what_is_rejected_is_the_target(run):
    rec = run("Colombia rejected the allegations made by Venezuela as baseless.")
    assert rec.events and all(e.target is not None and e.target.country == "VEN" for e in rec.events), _rows(rec)


def test_a_package_announced_is_what_its_modifier_names(run):
    # "package" is a light noun: the announcement is of sanctions, coded as the noun's row
    rec = run("The United States announced a new sanctions package against Russia.")
    assert find_events(rec, src="USA", root="16", tgt="RUS"), _rows(rec)


def test_a_lender_approving_a_loan_provides_aid_and_one_that_will_intends_to(run):
    rec = run("The World Bank approved a 500 million dollar loan for Ghana on Friday.")
    assert [e for e in rec.events if e.cameo == "071" and e.target and e.target.country == "GHA"], _rows(rec)
    rec = run("The World Bank will approve a 500 million dollar loan for Ghana next month.")
    assert [e for e in rec.events if e.cameo.startswith("033")] and not [
        e for e in rec.events if e.cameo == "071"], _rows(rec)


@pytest.mark.parametrize(("text", "not_done"), [
    ("The Red Cross urged both armies to spare civilians and allow medics into the city.", "CONCEDE"),
    ("Amnesty called on Egypt to repeal the law and to release every detained blogger.", "RETREAT"),
])
def test_an_act_conjoined_to_an_appeal_is_asked_for_not_done(run, text, not_done):
    rec = run(text)
    assert [e for e in rec.events if e.plover == "REQUEST"], _rows(rec)
    assert not [e for e in rec.events if e.plover == not_done], _rows(rec)


def test_whom_an_appeal_is_made_to_does_not_choose_its_row(run):
    rec = run("The UN envoy urged government forces to halt the shelling of Idlib.")
    assert not [e for e in rec.events if e.cameo == "0234"], _rows(rec)


def test_what_findings_suggest_happened_is_done(run):
    rec = run("Early findings suggest the gunmen opened fire and then detonated explosives at the Kabul airport gate.")
    assert [e for e in rec.events if e.plover == "ASSAULT"], _rows(rec)


def test_receiving_papers_or_threats_is_no_hosting(run):
    rec = run("Thousands of Russian men received call-up papers on Thursday.")
    assert not [e for e in rec.events if e.cameo == "043"], _rows(rec)
    rec = run("Kenya's president received the Ethiopian prime minister in Nairobi on Thursday.")
    assert [e for e in rec.events if e.cameo == "043"], _rows(rec)


def test_the_title_before_a_name_says_whom_a_verb_acts_on(run):
    rec = run("Peru's president fired Interior Minister Juan Santivanez on Friday.")
    assert [e for e in rec.events if e.cameo == "172"], _rows(rec)


def test_what_a_refusal_would_allow_is_not_done(run):
    rec = run("The rebels refused to allow UN planes to land and evacuate the wounded observers.")
    assert not [e for e in rec.events if e.plover == "AID"], _rows(rec)


def test_an_offer_to_help_is_no_help_given(run):
    rec = run("Syria offered its troops to Lebanon's president to help him defeat the rebels.")
    assert not [e for e in rec.events if e.cameo.startswith("07")], _rows(rec)


def test_mobilising_pressure_groups_rallies_support_not_troops(run):
    rec = run("Qatar has mobilized pressure groups in Washington to lobby Congress.")
    assert not [e for e in rec.events if e.plover == "MOBILIZE"], _rows(rec)


def test_two_people_of_one_code_are_two_actors(run):
    rec = run("Colin Powell advised Hillary Clinton to use a private email server.")
    assert [e for e in rec.events if e.plover == "REQUEST" and e.target is not None
            and e.target.text and "Clinton" in e.target.text], _rows(rec)


def test_a_measure_after_by_is_no_doer(run):
    rec = run("The governor on Friday shortened by two hours the nightly curfew in Kaduna.")
    assert [e for e in rec.events if e.cameo == "0813" and e.source.role == "GOV"], _rows(rec)


def test_people_no_table_knows_are_not_the_place_where_they_acted(run):
    """Convention ``implicit_place`` is for an attacker left unnamed ("a roadside bombing
    near Samarra killed"), not for people named by words no table knows."""
    rec = run("Members of the Ijaw Youth Council occupied an oil platform in Bayelsa on Sunday.")
    assert not [e for e in rec.events if e.source is not None and e.source.code == "NGA"], _rows(rec)
    rec = run("A roadside bombing near Samarra killed two soldiers.")
    assert [e for e in rec.events if e.source is not None and e.source.code == "IRQ"], _rows(rec)


@pytest.mark.parametrize(("text", "src"), [
    ("Ethnic Tajik fighters laid down their arms on Friday under a Russian-brokered accord.", "TJK"),
    ("Ethnic Uzbek militias agreed to withdraw under a Turkish-brokered truce.", "UZB"),
])
def test_an_ethnic_group_does_not_live_in_the_country_that_brokered_a_deal(run, text, src):
    """A country in a compound modifier ("Russian-brokered") is not where an ethnic
    group named without its residence lives."""
    rec = run(text)
    assert rec.events and all(e.source.code.startswith(src) for e in rec.events), _rows(rec)


def test_a_missile_slamming_into_a_building_is_no_criticism(run):
    rec = run("A Russian missile slammed into an apartment block in Kharkiv on Sunday, officials said.")
    assert not find_events(rec, plover="ACCUSE"), _rows(rec)


def test_members_named_of_a_group_that_is_no_actor_are_the_doers(run):
    rec = run("More than a dozen countries, including Canada and Poland, expelled Russian diplomats on Tuesday.")
    sources = {e.source.code for e in rec.events if e.cameo_root == "16"}
    assert {"CAN", "POL"} <= sources, _rows(rec)
