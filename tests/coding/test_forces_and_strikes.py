"""Forces the dictionary names by a word of their own (gardaí, rangers, a joint task force),
"officers" that belong to the police named before them, "major" as an adjective, resident
doctors, an association and "the association" after it, "the group" that is no international
body, and a strike called industrial action. Invented news sentences, one construction per test."""

from __future__ import annotations

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


def test_gardai_are_the_irish_police(run):
    rec = run("Gardaí in Cork seized cannabis worth two million euros and detained two men.")
    assert find_events(rec, plover="COERCE", src="IRLCOP"), _rows(rec)


def test_rangers_are_a_force(run):
    rec = run("Rangers raided a hideout in Quetta and seized weapons.")
    assert find_events(rec, src="PAKMIL"), _rows(rec)


def test_a_joint_task_force_is_a_force(run):
    rec = run("The joint task force in Plateau State detained 15 suspected cattle rustlers.")
    assert find_events(rec, plover="COERCE", src="NGAMIL"), _rows(rec)


def test_a_lower_case_major_is_an_adjective(run):
    rec = run("Protesters blocked a major Kenyan highway near Nakuru.")
    assert find_events(rec, plover="PROTEST", src="KENOPP"), _rows(rec)
    assert not find_events(rec, tgt="KENMIL"), _rows(rec)


def test_an_army_major_is_military(run):
    rec = run("An army major was shot dead by gunmen in Manipur on Sunday.")
    assert find_events(rec, plover="ASSAULT", tgt="INDMIL"), _rows(rec)


def test_officers_after_police_are_police(run):
    rec = run("Protesters clashed with police outside parliament in Nairobi. Three officers were taken to hospital.")
    officers = [a.code for a in rec.actors if a.name.lower() == "officers"]
    assert officers and all(c == "KENCOP" for c in officers), [(a.name, a.code) for a in rec.actors]


def test_officers_with_no_force_named_before_stay_military(run):
    rec = run("Two officers were killed when insurgents ambushed a convoy in Mali.")
    officers = [a.code for a in rec.actors if a.name.lower() == "officers"]
    assert officers and all(c.endswith("MIL") for c in officers), [(a.name, a.code) for a in rec.actors]


def test_industrial_action_taken_is_a_strike(run):
    rec = run("Junior doctors in England took industrial action over pay on Tuesday.")
    assert find_events(rec, plover="PROTEST", src="GBRHLH"), _rows(rec)


def test_industrial_action_suspended_is_a_concession(run):
    rec = run("The nurses' union suspended its industrial action after talks with ministers in Wellington.")
    assert find_events(rec, plover="CONCEDE"), _rows(rec)


def test_a_party_headquarters_sealed_is_coercion(run):
    rec = run("Soldiers sealed the ruling party's headquarters in Niamey after the coup.")
    assert find_events(rec, plover="COERCE", src="NERMIL"), _rows(rec)


def test_resident_doctors_are_doctors(run):
    rec = run("Resident doctors at public hospitals in Ghana went on strike over pay.")
    assert find_events(rec, plover="PROTEST", src="GHAHLH"), _rows(rec)


def test_an_association_of_doctors_is_the_doctors(run):
    rec = run("The Malawi Association of Junior Doctors accused the health ministry of ignoring its members.")
    assert find_events(rec, plover="ACCUSE", src="MWIHLH"), _rows(rec)


def test_the_association_stands_for_the_one_named_before(run):
    rec = run("The Ghana National Association of Teachers met ministers in Accra on Monday. "
              "The association later rejected the government's pay offer.")
    assert find_events(rec, plover="REJECT", src="GHAEDU"), _rows(rec)


def test_the_group_after_a_un_agency_is_no_un_body(run):
    # only "the bloc", "the alliance" and "the grouping" stand for an international body named before
    rec = run("UN agencies warned of hunger in Chad. The group of aid workers in Abeche urged donors to act.")
    assert not find_events(rec, plover="REQUEST", src="IGOUNO"), _rows(rec)


def test_the_strike_of_unions_named_in_its_sentence_is_a_protest(run):
    rec = run("Talks between the government and the nurses' unions broke down in Harare on Monday, "
              "and the strike continued.")
    assert find_events(rec, plover="PROTEST"), _rows(rec)
    assert not find_events(rec, plover="ASSAULT"), _rows(rec)


def test_the_strike_that_killed_workers_stays_an_attack(run):
    rec = run("The strike on a fuel depot in Kharkiv killed four workers, Ukrainian officials said.")
    assert not find_events(rec, plover="PROTEST"), _rows(rec)


def test_local_police_are_of_the_country_of_the_story_s_towns(run):
    rec = run("The Afghan embassy said on Monday that two Afghan traders had been detained in Peshawar and "
              "Quetta. Police said they had been arrested for carrying forged documents. Afghanistan's foreign "
              "ministry summoned Pakistan's envoy in Kabul.")
    police = [a.code for a in rec.actors if a.name == "Police"]
    assert police == ["PAKCOP"], [(a.name, a.code) for a in rec.actors]
