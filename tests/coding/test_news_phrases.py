"""Set phrases of news copy that read as acts they are not, or that are acts the table did
not know: a source who asked not to be named, a report released, a break with custom, a
baton charge, a response in tariffs. Invented news sentences, one phrase per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize("text", [
    "A security official, who asked not to be named, said the attackers escaped.",
    "The party voted against the budget, breaking with tradition.",
    "The finance ministry released a study of the bank's losses on Monday.",
])
def test_a_set_phrase_is_no_act(run, text):
    rec = run(text)
    assert not find_events(rec, plover="REQUEST"), _rows(rec)
    assert not find_events(rec, plover="SANCTION"), _rows(rec)
    assert not find_events(rec, plover="RETREAT"), _rows(rec)


def test_asking_someone_to_name_a_thing_is_still_asked(run):
    rec = run("Hamas asked Egypt to identify the bodies.")
    assert find_events(rec, plover="REQUEST", src="PSE", tgt="EGY"), _rows(rec)


def test_breaking_with_a_country_still_cuts_ties(run):
    rec = run("Nicaragua broke with Taiwan on Thursday.")
    assert find_events(rec, cameo="160", src="NIC"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Police in Nairobi charged protesters with batons on Monday.",
    "Police charged the students with truncheons outside the university.",
    "Police charged at the crowd outside the stadium in Lagos.",
])
def test_a_baton_charge_is_repression_not_a_charge_in_court(run, text):
    rec = run(text)
    assert find_events(rec, cameo="175"), _rows(rec)
    assert not find_events(rec, plover="ACCUSE"), _rows(rec)


def test_responding_with_tariffs_is_a_sanction(run):
    rec = run("China responded with sanctions on American defence firms.")
    assert find_events(rec, cameo="163", src="CHN", tgt="USA"), _rows(rec)


def test_saying_one_will_respond_with_duties_is_a_threat(run):
    rec = run("Mexico's economy minister said the country would respond with tariffs on goods from the United States.")
    assert find_events(rec, plover="THREATEN", src="MEX", tgt="USA"), _rows(rec)


@pytest.mark.parametrize("text", [
    "Nurses at the county hospital laid down their tools on Monday over unpaid allowances.",
    "Teachers in Harare went on a sickout on Friday.",
    "Lecturers in Abuja laid down their tools on Monday.",
])
def test_a_stoppage_of_work_is_a_strike(run, text):
    rec = run(text)
    assert find_events(rec, cameo="143"), _rows(rec)


def test_laying_down_arms_is_still_a_surrender(run):
    rec = run("The rebels laid down their arms on Sunday.")
    assert find_events(rec, plover="RETREAT"), _rows(rec)


@pytest.mark.parametrize(("text", "tgt"), [
    ("Lithuania declared the Russian ambassador persona non grata on Friday.", "RUS"),
    ("Hungary declared two Dutch diplomats personae non gratae.", "NLD"),
])
def test_persona_non_grata_is_a_cut_in_relations(run, text, tgt):
    rec = run(text)
    assert find_events(rec, cameo="161", tgt=tgt), _rows(rec)


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("Washington placed the Chinese drone maker on a trade blacklist on Monday.", "USA", "CHN"),
    ("Nicaraguan police chief put on blacklist by Washington.", "USA", "NIC"),
])
def test_being_put_on_a_list_is_a_sanction(run, text, src, tgt):
    rec = run(text)
    assert find_events(rec, cameo="163", src=src, tgt=tgt), _rows(rec)


@pytest.mark.parametrize(("text", "tgt"), [
    ("Turkey shut its airspace to Israeli planes on Saturday.", "ISR"),
    ("Poland sealed its border with Belarus overnight.", "BLR"),
])
def test_closing_a_border_to_a_country_cuts_relations(run, text, tgt):
    rec = run(text)
    assert find_events(rec, cameo="160", tgt=tgt), _rows(rec)


@pytest.mark.parametrize(("text", "plover"), [
    ("Lithuania will send 500 more troops to its border with Belarus.", "MOBILIZE"),
    ("Japan said it would send search and rescue teams to Morocco.", "AGREE"),
])
def test_a_deployment_announced_is_a_mobilization_and_rescuers_are_aid(run, text, plover):
    rec = run(text)
    assert find_events(rec, plover=plover), _rows(rec)
    assert not find_events(rec, plover="THREATEN"), _rows(rec)


@pytest.mark.parametrize("text", [
    "The Ghanaian government scrapped the fuel price hike after two days of protests.",
    "Colombia withdrew the tax increase that had sparked weeks of unrest.",
])
def test_calling_off_a_rise_in_prices_or_taxes_is_a_concession(run, text):
    rec = run(text)
    assert find_events(rec, plover="CONCEDE"), _rows(rec)
    assert not find_events(rec, plover="SANCTION"), _rows(rec)


@pytest.mark.parametrize(("text", "plover"), [
    ("Moscow blocked imports of Moldovan wine and fruit.", "SANCTION"),
    ("The World Bank approved 300 million dollars for Malawi's roads.", "AID"),
    ("The defence minister ordered the activation of two reserve brigades.", "MOBILIZE"),
])
def test_more_set_phrases_of_news(run, text, plover):
    rec = run(text)
    assert find_events(rec, plover=plover), _rows(rec)


def test_insisting_on_the_radio_is_no_demand(run):
    rec = run("The Kenyan interior minister insisted on state radio that the vote had been fair.")
    assert not find_events(rec, plover="REQUEST"), _rows(rec)



@pytest.mark.parametrize("text", [
    "The Dutch prime minister, on a visit to Nairobi, urged Kenya to speed up reforms.",
    "On a two-day visit to Nairobi, the Dutch prime minister urged Kenya to speed up reforms.",
])
def test_a_visit_set_apart_went_on_and_is_no_appeal_to_meet(run, text):
    rec = run(text)
    got = {(e.cameo, e.source.country, e.target.country if e.target else None) for e in rec.events}
    assert ("042", "NLD", "KEN") in got, got
    assert not [c for c, _, _ in got if c == "026"], got  # not "urged a visit"


def test_a_visit_agreed_on_is_no_visit_done(run):
    rec = run("The two ministers agreed on a visit by the Dutch king to Nairobi.")
    assert not [e for e in rec.events if e.cameo == "042"], rec.events


@pytest.mark.parametrize(("text", "plover"), [
    ("Ferries stopped running on Monday because of a strike by port workers in Piraeus.", "PROTEST"),
    ("A 48-hour strike closed hospitals across Portugal on Tuesday.", "PROTEST"),
])
def test_a_strike_by_workers_is_a_stoppage_not_an_attack(run, text, plover):
    rec = run(text)
    assert [e.plover for e in rec.events] == [plover], _rows(rec)


@pytest.mark.parametrize(("text", "cameo"), [
    ("The farmers' union attacked the new water rules as unfair and costly.", "111"),
    ("Caracas rejected the allegations as groundless on Friday.", "016"),
])
def test_what_a_thing_is_called_leaves_the_thing_named(run, text, cameo):
    rec = run(text)
    assert [e.cameo for e in rec.events] == [cameo], _rows(rec)


@pytest.mark.parametrize("text", [
    "Meteorologists warned that the drought would destroy harvests across Kenya.",
    "Bankers warned that the recession would hit Italian firms hard this winter.",
])
def test_a_warning_of_what_a_hazard_will_do_is_no_threat(run, text):
    rec = run(text)
    assert not [e for e in rec.events if e.plover in ("THREATEN", "ASSAULT")], _rows(rec)


@pytest.mark.parametrize(("text", "cameo", "src", "tgt"), [
    ("The Qatari emir assured the Sudanese prime minister of continued support.", "051", "QAT", "SDN"),
    ("Ghana accused the Togolese interior minister of corruption on Monday.", "1121", "GHA", "TGO"),
])
def test_an_of_phrase_the_parse_gives_the_object_is_the_verbs(run, text, cameo, src, tgt):
    rec = run(text)
    assert [(e.cameo, e.source.country, e.target.country if e.target else None) for e in rec.events] == [
        (cameo, src, tgt)], _rows(rec)


def test_put_under_investigation_where_is_investigated_by_that_country(run):
    rec = run("A Ghanaian businessman was placed under investigation in Spain over tax fraud.")
    assert [(e.cameo, e.source.code, e.target.country if e.target else None) for e in rec.events] == [
        ("090", "ESPGOV", "GHA")], _rows(rec)


def test_confirming_a_nominee_is_no_statement(run):
    rec = run("The Kenyan senate confirmed the new army chief on Tuesday.")
    assert not rec.events, _rows(rec)
