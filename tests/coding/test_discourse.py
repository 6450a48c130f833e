"""Event coding across sentences: "the two sides" are the two actors named just before,
even when both are of one country (a government and its rebels); several doers who
welcome a thing do not welcome each other; forces sent with no sender named
are their own side's deployment. Invented news sentences."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


def test_the_two_sides_are_the_actors_of_the_sentence_before(run):
    rec = run("Colombia's president met leaders of the ELN rebel group in Havana on Monday. "
              "The two sides agreed to extend a ceasefire by six months.")
    # one promise: the intent to extend the truce (035), not also a bare agreement (030)
    agreed = [e for e in rec.events if e.sentence == 1 and e.cameo.startswith("03")]
    assert {(e.source.code, e.target.code) for e in agreed} == {("COLGOV", "COLREB"), ("COLREB", "COLGOV")}, _rows(rec)
    assert not [e for e in agreed if e.cameo == "030"], _rows(rec)


def test_the_two_leaders_of_the_sentence_before_are_of_two_countries(run):
    rec = run("Kenyan President William Ruto hosted Tanzanian President Samia Suluhu Hassan in Nairobi. "
              "The two leaders signed a border agreement on Tuesday.")
    assert find_events(rec, cameo="057", src="KEN", tgt="TZA") and find_events(rec, cameo="057", src="TZA", tgt="KEN"), \
        _rows(rec)


def test_actors_who_welcome_a_deal_do_not_welcome_each_other(run):
    rec = run("Qatar and Egypt, which mediated the talks, welcomed the deal on Sunday.")
    assert not [e for e in rec.events if e.target is not None and {e.source.code, e.target.code} == {"QAT", "EGY"}], \
        _rows(rec)


def test_forces_sent_with_no_one_named_to_send_them_are_their_own_side_s_deployment(run):
    rec = run("Thousands of Indian soldiers were sent to the border with China after the clashes.")
    assert find_events(rec, root="15", src_code="INDMIL"), _rows(rec)


def test_people_sent_to_prison_are_no_deployment(run):
    rec = run("Three Indian activists were sent to prison in Delhi for sedition.")
    assert not find_events(rec, root="15"), _rows(rec)


def test_forces_that_are_stationed_somewhere_do_nothing(run):
    rec = run("Some 28,000 American troops are stationed in South Korea.")
    assert not find_events(rec, root="15"), _rows(rec)


@pytest.mark.parametrize(("text", "root", "src", "tgt"), [
    ("Qatar offered to host talks between the two sides. Khartoum accepted the offer on Sunday.", "03", "SDN", "QAT"),
    ("Paris proposed a joint patrol of the border. Algiers rejected the idea.", "12", "DZA", "FRA"),
])
def test_an_answer_to_the_offer_is_aimed_at_who_made_it(run, text, root, src, tgt):
    rec = run(text)
    assert [e for e in rec.events if e.sentence == 1 and e.target is not None
            and tgt in (e.target.country, e.target.code) and src in (e.source.country, e.source.code)], _rows(rec)


def test_each_side_accusing_the_other_is_each_sides_accusation(run):
    rec = run("Ethiopian and Eritrean troops clashed near Badme on Friday. "
              "Each side accused the other of firing first.")
    accusations = {(e.source.country, e.target.country if e.target else None) for e in rec.events
                   if e.plover == "ACCUSE"}
    assert accusations == {("ETH", "ERI"), ("ERI", "ETH")}, [(e.cameo, e.source, e.target) for e in rec.events]


@pytest.mark.parametrize(("text", "root", "src", "tgt"), [
    ("Kenya expelled two Somali diplomats on Tuesday. Mogadishu criticised the move.", "11", "SOM", "KEN"),
    ("Turkey imposed tariffs on Greek olive oil on Friday. Greece called the decision unjustified.", "11", "GRC", "TUR"),
    ("Poland will send fighter jets to Ukraine, the president said. Moscow condemned the decision.", "11", "RUS", "POL"),
])
def test_a_reaction_to_the_move_is_aimed_at_who_made_it(run, text, root, src, tgt):
    """"The move", "the decision" is the act told just before; its doer is the target."""
    rec = run(text)
    assert [e for e in rec.events if e.sentence == 1 and e.cameo_root == root and e.target is not None
            and tgt in (e.target.country, e.target.code) and src in (e.source.country, e.source.code)], _rows(rec)


def test_the_move_is_no_statement_made_before(run):
    rec = run("The Kenyan foreign minister said on Monday that talks would resume. Uganda welcomed the move.")
    assert not [e for e in rec.events if e.sentence == 1 and e.target is not None], _rows(rec)


@pytest.mark.parametrize(("text", "src"), [
    ("Kenya's parliament approved the mission on Thursday. The country will send 1,000 police officers to Haiti.", "KEN"),
    ("Morocco signed a gas deal with Nigeria on Monday. The kingdom also signed a security pact with Senegal.", "MAR"),
    ("Sri Lanka defaulted on its debt in 2022. The island nation received a bailout from the IMF in March.", "LKA"),
])
def test_the_country_is_the_country_named_first_just_before(run, text, src):
    """"The country", "the kingdom", "the island nation" stand for the country the
    sentences before name first (lexicon ``country_nouns``)."""
    rec = run(text)
    assert [e for e in rec.events if e.sentence == 1 and e.source.code.startswith(src)], _rows(rec)


def test_the_country_with_no_country_named_before_is_nobody(run):
    rec = run("The country will send 1,000 police officers to Haiti, the minister said.")
    assert not [e for e in rec.events if e.source.text.lower() == "the country"], _rows(rec)


def test_the_two_countries_are_never_the_press(run):
    rec = run("Ghana's foreign minister told reporters that Accra would not accept the ruling. "
              "The two countries have clashed repeatedly over the border.")
    assert not [e for e in rec.events if "MED" in (e.source.code or "") or (e.target and "MED" in (e.target.code or ""))], \
        [(e.cameo, e.source.code, e.target.code if e.target else None) for e in rec.events]

