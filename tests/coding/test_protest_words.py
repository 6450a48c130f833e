"""Event coding: the words of protest news in South Asian English (a dharna, a bandh, a
hartal, a gherao, a lathicharge, an agitation, taking out a march), the people who do
them (agitators, miscreants, Maoists), and a name borne by organisations of several
countries read as the one of the country the article is set in. Invented news
sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "cameo", "src"), [
    ("Hundreds of teachers staged a dharna outside the district office in Madurai.", "141", "INDEDU"),
    ("Traders observed a bandh in Srinagar on Friday.", "143", "INDBUS"),
    ("Opposition parties called a nationwide hartal in Dhaka on Sunday.", "143", "BGDOPP"),
    ("Students gheraoed the registrar for three hours at the university in Kolkata.", "144", "INDEDU"),
    ("Police lathicharged the farmers near the toll plaza in Ludhiana.", "175", "INDCOP"),
    ("Sanitation workers are agitating for higher wages in Bengaluru.", "140", "INDLAB"),
    ("Textile workers took out a protest march in Faisalabad on Monday.", "141", "PAKLAB"),
    ("The agitators damaged a police jeep in Kochi.", "171", "INDOPP"),
    ("Miscreants set fire to a bus in Chittagong on Tuesday.", "1712", "BGDCRM"),
    ("Maoists blew up a school building in Gaya district of Bihar.", "1712", "INDREB"),
])
def test_protest_and_unrest_words_of_south_asian_news(run, text, cameo, src):
    rec = run(text)
    assert find_events(rec, cameo=cameo, src_code=src), _rows(rec)


@pytest.mark.parametrize("text", [
    "A dharna outside the collectorate would be unwise, the collector said in Salem.",
    "Shops reopened in Srinagar after the bandh was withdrawn.",
])
def test_a_protest_word_that_reports_no_protest_codes_none(run, text):
    rec = run(text)
    assert not [e for e in rec.events if e.cameo in ("141", "143")], _rows(rec)


def test_congress_in_an_article_set_in_india_is_the_congress_party(run):
    rec = run("BHOPAL: Congress workers took out a march in Bhopal on Monday. They later blocked a road "
              "near Indore and burnt an effigy of the chief minister in Gwalior.")
    assert find_events(rec, cameo="141", src_code="INDPTY"), _rows(rec)


def test_congress_in_an_article_set_in_washington_is_the_us_congress(run):
    rec = run("WASHINGTON: Congress approved new sanctions on Iran on Thursday after a vote in Washington.")
    assert find_events(rec, root="16", src_code="USALEG", tgt="IRN"), _rows(rec)


def test_a_role_word_before_an_unknown_name_says_who_it_is(run):
    rec = run("DHAKA: The opposition BNP staged a rally in Dhaka on Friday.")
    assert find_events(rec, cameo="141", src_code="BGDOPP"), _rows(rec)


def test_a_crowd_named_by_its_size_in_a_city_that_is_no_capital_protests(run):
    # no actor and no pronoun: the crowd word alone has the sentence read
    rec = run("Thousands took to the streets of Karachi on Sunday.")
    assert find_events(rec, cameo="141", src_code="PAKCVL"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Residents of Mopti held a sit-in in front of the town hall on Monday.",
    "Hundreds of Moroccan teachers staged sit-ins outside the education ministry in Rabat.",
])
def test_a_sit_in_written_with_its_hyphen_is_a_protest(run, text):
    rec = run(text)
    assert find_events(rec, cameo="141"), _rows(rec)


@pytest.mark.parametrize(("text", "cameo"), [
    ("The teachers' union threatened a nationwide strike if the government did not raise wages.", "133"),
    ("Nigerian doctors warned of a nationwide strike over unpaid salaries.", "133"),
    ("Russia threatened a strike on the government quarter of Kyiv.", "1384"),
])
def test_workers_threaten_a_strike_armies_an_attack(run, text, cameo):
    rec = run(text)
    assert find_events(rec, cameo=cameo), _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "src"), [
    ("Bangladeshi opposition leaders flayed the government over the fuel price hike.", "111", "BGDOPP"),
    ("Opposition leaders led a fast in Lucknow against the new farm laws.", "142", "INDOPP"),
])
def test_criticism_and_a_fast_in_south_asian_news(run, text, cameo, src):
    rec = run(text)
    assert find_events(rec, cameo=cameo, src_code=src), _rows(rec)


@pytest.mark.parametrize("text", [
    "Processions were taken out across Kolkata on Friday.",
    "Candlelight marches were organised in several towns of Kerala.",
])
def test_a_protest_held_by_no_one_named_is_coded_where_it_was_held(run, text):
    rec = run(text)
    hits = find_events(rec, cameo="141", tgt="IND")
    assert hits and hits[0].source.code is None, _rows(rec)


def test_someone_who_will_be_booed_is_no_protest_by_no_one(run):
    rec = run("“If she speaks in Lagos, she is going to be booed,” a delegate said.")
    assert not find_events(rec, root="14"), _rows(rec)


def test_no_protests_held_is_no_protest(run):
    rec = run("No protests were held in Minsk on Sunday, the first weekend without demonstrations.")
    assert not find_events(rec, root="14"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Teachers in Malawi have suspended their sit-in after the government agreed to pay their arrears.",
    "Junior doctors called off their dharna in Patna after talks with the health minister.",
])
def test_ending_a_sit_in_or_a_dharna_eases_dissent(run, text):
    rec = run(text)
    assert find_events(rec, cameo="082"), _rows(rec)


def test_blocking_depots_and_shops_is_obstruction_not_a_veto(run):
    rec = run("Truckers blocked fuel depots and supermarket warehouses across Chile on Monday.")
    assert [e for e in rec.events if e.cameo == "144"] and not [e for e in rec.events if e.plover == "REJECT"], \
        [(e.cameo, e.rule) for e in rec.events]


def test_a_crowd_massing_protests_and_fighters_massing_mobilise(run):
    rec = run("Thousands of protesters massed outside the parliament in Tbilisi on Sunday.")
    assert [e for e in rec.events if e.plover == "PROTEST"], [(e.cameo, e.rule) for e in rec.events]
    rec = run("Rebel fighters massed on the outskirts of Goma on Sunday.")
    assert [e for e in rec.events if e.plover == "MOBILIZE"], [(e.cameo, e.rule) for e in rec.events]


def test_protesters_doing_something_during_a_protest_are_protesting(run):
    rec = run("Kenyan students threw stones at police during protests over fees in Nairobi.")
    during = [e for e in rec.events if "went on" in e.rule]
    assert during and during[0].source.country == "KEN" and during[0].source.role == "EDU", \
        [(e.cameo, e.rule, e.source) for e in rec.events]


@pytest.mark.parametrize(("text", "cameo"), [
    ("Vietnam protested the Chinese survey ship's entry into its waters.", "111"),
    ("Greenpeace protested the Norwegian drilling licences.", "111"),
    ("Hundreds of nurses protested outside the hospital in Lyon.", "140"),
    ("Thousands of Chileans protested against the pension reform in Santiago.", "140"),
])
def test_a_state_protesting_complains_where_people_demonstrate(run, text, cameo):
    rec = run(text)
    assert [e for e in rec.events if e.cameo == cameo], _rows(rec)


@pytest.mark.parametrize(("text", "cameo"), [
    ("Riot police pushed back hundreds of protesters near the palace.", "175"),
    ("Government troops pushed back the rebels from the outskirts of the town.", "190"),
    ("The finance minister pushed back against the criticism.", "110"),
])
def test_pushing_back_people_is_force_and_pushing_back_words_is_disapproval(run, text, cameo):
    rec = run(text)
    assert [e for e in rec.events if e.cameo == cameo], _rows(rec)


@pytest.mark.parametrize(("text", "cameo"), [
    ("Police in Dhaka baton-charged a rally of garment workers on Sunday.", "175"),
    ("Mounted police charged a procession of striking dockers in Lagos.", "175"),
    ("Riot police teargassed supporters of the opposition candidate in Harare.", "175"),
    ("Prosecutors charged the organisers of the rally with inciting violence.", "112"),
])
def test_police_charging_a_rally_is_force_and_charging_its_organisers_accuses(run, text, cameo):
    rec = run(text)
    assert [e for e in rec.events if e.cameo[:3] == cameo], _rows(rec)


def test_people_hitting_the_streets_protest_and_shells_hitting_them_attack(run):
    rec = run("Thousands of nurses hit the streets of Lagos on Monday over unpaid wages.")
    assert find_events(rec, plover="PROTEST") and not find_events(rec, plover="ASSAULT"), _rows(rec)
    rec = run("Artillery shells fired by Russian forces hit the streets of Kherson overnight.")
    assert find_events(rec, plover="ASSAULT") and not find_events(rec, plover="PROTEST"), _rows(rec)


@pytest.mark.parametrize(("text", "plover"), [
    ("Hundreds of students occupied the lawn outside the library on Monday.", "PROTEST"),
    ("Striking miners occupied the mine for three days.", "PROTEST"),
    ("Hundreds of teachers breached the barriers outside parliament on Tuesday.", "PROTEST"),
    ("Government troops besieged the rebel-held town for three months.", "COERCE"),
    ("Angry students stormed the prime minister's residence in Colombo on Saturday.", "PROTEST"),
    ("Special forces stormed the compound where the kidnappers were hiding.", "ASSAULT"),
    ("Supporters of the ousted governor stormed the state broadcaster in Kano.", "PROTEST"),
])
def test_crowds_occupying_or_breaching_protest_and_troops_besieging_coerce(run, text, plover):
    rec = run(text)
    assert find_events(rec, plover=plover), _rows(rec)


def test_a_protest_told_in_a_side_clause_is_kept_beside_the_main_dyad(run):
    """Convention ``side_act``: the act of a side clause is kept without a target when it
    is told in its own right, as a protest is."""
    rec = run("Police arrested the opposition leader in Dhaka on Monday, hours after thousands "
              "of his supporters marched through the capital.")
    assert find_events(rec, plover="COERCE") and find_events(rec, plover="PROTEST"), _rows(rec)



@pytest.mark.parametrize(("text", "target"), [
    ("Thousands of people marched in Lusaka on Saturday to demand the resignation of President Edgar Lungu.", "ZMBGOV"),
    ("Hundreds of students rallied in Dhaka to demand the removal of Prime Minister Sheikh Hasina.", "BGDGOV"),
])
def test_whom_a_protest_is_against_comes_from_its_purpose_before_its_city(run, text, target):
    """The city named with "in" is where the march was; the one whose resignation it
    demands is its target."""
    rec = run(text)
    assert [e for e in rec.events if e.plover == "PROTEST" and e.target is not None and e.target.code == target], \
        _rows(rec)


@pytest.mark.parametrize("text", [
    "On 4 May 2023, around 150 shopkeepers protested in front of the municipal office in Sialkot.",
    "About 300 fishermen demonstrated outside the port authority in Chittagong.",
])
def test_a_protest_verb_read_as_a_participle_is_still_the_protest(run, text):
    rec = run(text)
    assert [e for e in rec.events if e.plover == "PROTEST" and e.source.code and e.rule.startswith("verbs.tsv")], \
        _rows(rec)
