"""A possessive pronoun stands for whom it names: "its jets" act for the country that
spoke of them, "their demand" is the demand of the workers named before; funds allocated
or set aside for someone are aid; a suspect handed over goes to whom the to-phrase names;
troops training alongside others cooperate. Invented news sentences, one construction per test."""

from __future__ import annotations

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


def test_its_jets_act_for_the_country_that_spoke_of_them(run):
    rec = run("Turkey said its jets bombed PKK hideouts in the Qandil mountains of northern Iraq.")
    assert find_events(rec, plover="ASSAULT", src="TUR"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT", src="IRQ"), _rows(rec)


def test_their_demand_is_the_demand_of_those_named_before(run):
    rec = run("Bus drivers in Accra called off their strike after the transport ministry accepted their demand "
              "for higher wages.")
    assert find_events(rec, plover="CONCEDE", src="GHAGOV", tgt="GHALAB"), _rows(rec)


def test_their_own_troops_are_no_target(run):
    rec = run("Chad pulled its soldiers back from the frontier with Sudan on Friday.")
    assert not find_events(rec, tgt="TCD"), _rows(rec)


def test_funds_allocated_for_refugees_are_aid(run):
    rec = run("The European Union allocated 40 million euros for Rohingya refugees in Bangladesh.")
    assert find_events(rec, plover="AID", src="IGOEUREEC"), _rows(rec)


def test_funds_set_aside_for_relief_are_aid(run):
    rec = run("Zambia's treasury set aside 200 million kwacha for families displaced by the floods.")
    assert find_events(rec, plover="AID"), _rows(rec)


def test_a_suspect_handed_over_goes_to_whom_the_to_phrase_names(run):
    rec = run("Paraguay handed over the suspect to Brazilian police on Tuesday.")
    assert find_events(rec, plover="COOPERATE", src="PRY", tgt="BRA"), _rows(rec)


def test_troops_training_alongside_others_cooperate(run):
    rec = run("Mongolian troops trained alongside Indian soldiers in a peacekeeping exercise.")
    assert find_events(rec, plover="COOPERATE", src="MNG", tgt="IND"), _rows(rec)
    assert not find_events(rec, plover="AID"), _rows(rec)
