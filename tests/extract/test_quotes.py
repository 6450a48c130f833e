"""Quotes and their speakers, one construction per test, on invented news sentences."""

from __future__ import annotations

import pytest

DATE = "2020-05-14"


def _quote(rec, words):
    hits = [q for q in rec.quotes if words in q.text]
    assert len(hits) == 1, rec.quotes
    q = hits[0]
    assert rec.text[q.span[0]:q.span[1]] == q.text  # the span points at the quoted words
    return q


def test_speaker_before_the_quote(run):
    rec = run("Kenyan President William Ruto said: “We will not back down.”")
    q = _quote(rec, "back down")
    assert q.speaker is not None and q.speaker.code == "KENGOV"
    assert q.speaker.name == "William Ruto" and q.cue == "say"


def test_speaker_after_the_quote(run):
    rec = run("“We will not back down,” Kenyan President William Ruto said.")
    q = _quote(rec, "back down")
    assert q.speaker is not None and q.speaker.code == "KENGOV" and q.cue == "say"


def test_inverted_speaker_after_the_quote(run):
    rec = run("“They promised the border would stay open,” complained Armenian Foreign "
              "Minister Aram Sargsyan.")
    q = _quote(rec, "border")
    assert q.speaker is not None and q.speaker.code == "ARMGOV"
    assert q.speaker.name == "Aram Sargsyan" and q.cue == "complain"


def test_he_said_resolves_to_the_person_named_before(run):
    rec = run("Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala. "
              "“Our region needs calm,” he said.")
    q = _quote(rec, "calm")
    assert q.speaker is not None and q.speaker.text == "he"
    assert q.speaker.name == "William Ruto" and q.speaker.code == "KENGOV"  # the subject, not Museveni


def test_surname_speaker_resolved_through_name_chain(run):
    rec = run("Brazilian Foreign Minister Carlos Almeida arrived in Lima on Monday. "
              "“The border must stay open,” Almeida said.")
    q = _quote(rec, "border")
    assert q.speaker is not None and q.speaker.text == "Almeida"
    assert q.speaker.name == "Carlos Almeida" and q.speaker.code == "BRAGOV"


def test_quote_inside_reported_speech(run):
    rec = run("Polish Defence Minister Tomasz Nowak said the attack would meet an "
              "“overwhelming” response.")
    q = _quote(rec, "overwhelming")
    assert q.text == "overwhelming"
    assert q.speaker is not None and q.speaker.code == "POLGOV" and q.cue == "say"


def test_unattributed_quote_has_no_speaker(run):
    # the person named just before must not be taken as the speaker
    rec = run("Belarusian President Alexander Lukashenko claimed victory on Sunday. "
              "“This is a dark day for democracy.”")
    q = _quote(rec, "dark day")
    assert q.speaker is None and q.cue is None


def test_verb_inside_the_quote_is_not_the_cue(run):
    rec = run("“Our neighbours said they wanted peace, and then they invaded,” Georgian "
              "Prime Minister Levan Beridze added.")
    q = _quote(rec, "neighbours")
    assert q.cue == "add"
    assert q.speaker is not None and q.speaker.code == "GEOGOV"


def test_only_cue_inside_a_quote_gives_no_speaker(run):
    rec = run("“They told us the border would stay open.” Armenian Foreign Minister Aram "
              "Sargsyan arrived in Tbilisi on Monday.")
    q = _quote(rec, "border")
    assert q.speaker is None and q.cue is None


def test_verb_inside_another_quote_is_not_the_cue(run):
    rec = run("Georgian Prime Minister Levan Beridze called the talks “a room where everyone "
              "said nothing” and “a waste of time”.")
    for words in ("a room", "a waste"):
        q = _quote(rec, words)
        assert q.cue == "call", q
        assert q.speaker is not None and q.speaker.code == "GEOGOV"


def test_uncoded_speaker_keeps_its_words(run):
    rec = run("“The market will recover,” one analyst said.")
    q = _quote(rec, "market")
    assert q.speaker is not None and q.speaker.text.endswith("analyst") and q.cue == "say"


def test_quote_text_drops_the_comma_before_the_closing_mark(run):
    rec = run("“Dialogue is the only way forward,” a Chinese foreign ministry spokesman said.")
    assert len(rec.quotes) == 1
    q = rec.quotes[0]
    assert q.text == "Dialogue is the only way forward"
    assert rec.text[q.span[0]:q.span[1]] == q.text
    # an indefinite title names no particular person
    assert q.speaker is not None and q.speaker.code == "CHNGOV"
    assert "spokesman" in q.speaker.name


def test_a_quote_going_on_in_the_next_paragraph_keeps_its_speaker(run):
    rec = run("“We will not back down,” Kenyan President William Ruto said.\n\n"
              "“Our soldiers will stay until the job is done.”")
    q = _quote(rec, "soldiers")
    assert q.speaker is not None and q.speaker.name == "William Ruto" and q.cue is None


def test_another_person_named_in_between_stops_the_run(run):
    rec = run("“We will not back down,” Kenyan President William Ruto said. Ugandan President "
              "Yoweri Museveni arrived later.\n\n“Our soldiers will stay until the job is done.”")
    assert _quote(rec, "soldiers").speaker is None


def test_newer_reporting_verbs_are_cues(run):
    rec = run("Kenyan President William Ruto sighed: “Our soldiers will stay.”")
    q = _quote(rec, "soldiers")
    assert q.speaker is not None and q.speaker.name == "William Ruto" and q.cue == "sigh"


def test_continuing_to_act_is_no_cue(run):
    rec = run("“We will not back down,” Kenyan President William Ruto said. Somalia continues to "
              "“provoke its neighbours,” he added.")
    q = _quote(rec, "provoke")
    assert q.speaker is not None and q.speaker.name == "William Ruto", q


# -- speakers the layout names: the next sentence, an introduction, a transcript label ----------


def test_a_question_quote_takes_the_speaker_of_the_next_sentence(run):
    # the ? ends the sentence, so "Ruto asked." stands alone
    rec = run("Kenyan President William Ruto spoke in Nairobi. “Who would pay for that?” Ruto asked.")
    q = _quote(rec, "pay for that")
    assert q.speaker is not None and q.speaker.name == "William Ruto" and q.cue == "asked"


def test_a_long_next_sentence_is_no_attribution(run):
    rec = run("“Who would pay for that?” Kenyan President William Ruto told reporters on Tuesday, "
              "“Nobody will.”")
    q = _quote(rec, "pay for that")
    assert q.speaker is None


def test_an_introduction_ending_in_a_colon_names_the_speaker(run):
    rec = run("Kenyan President William Ruto spoke for an hour.\n\nRuto continued: “The budget is fair. "
              "It protects farmers and it protects teachers.”")
    q = _quote(rec, "budget is fair")
    assert q.speaker is not None and q.speaker.name == "William Ruto"


def test_a_speaker_before_a_quote_of_several_sentences(run):
    rec = run("Kenyan President William Ruto told farmers in Eldoret on Monday, “The budget is fair. "
              "It protects you and it protects teachers.”")
    q = _quote(rec, "budget is fair")
    assert q.speaker is not None and q.speaker.name == "William Ruto" and q.speaker.text != "farmers"


def test_according_to_names_the_speaker(run):
    rec = run("According to Ugandan President Yoweri Museveni, “the border will stay open. Trade must go on.”")
    q = _quote(rec, "border will stay open")
    assert q.speaker is not None and q.speaker.name == "Yoweri Museveni"


def test_an_unknown_name_introducing_a_quote_keeps_its_words(run):
    rec = run("The pollster spoke after the vote.\n\nOkonkwo continued: “Turnout was the lowest in "
              "twenty years. Young voters stayed at home.”")
    q = _quote(rec, "Turnout")
    assert q.speaker is not None and q.speaker.text == "Okonkwo" and q.speaker.code is None


def test_a_transcript_label_is_the_speaker_not_the_quote(run):
    rec = run("Kenyan President William Ruto spoke on the radio.\n\n“RUTO: We have paid every teacher "
              "this month and we will pay them next month.”")
    q = _quote(rec, "paid every teacher")
    assert not q.text.startswith("RUTO")
    assert q.speaker is not None and q.speaker.text == "RUTO" and q.speaker.name == "William Ruto"


@pytest.mark.parametrize(("text", "words"), [
    # a partial quote under a verb that is no reporting verb: its subject's words
    ("Kenyan President William Ruto criticized the tax plan as a “reckless gamble” on Tuesday.",
     "reckless gamble"),
    # a cue with no subject of its own takes the subject of the clause above
    ("Kenyan President William Ruto began by saying he would “never” raise fuel taxes.", "never"),
    # a quote of several sentences after its cue is attributed where it starts
    ("Kenyan President William Ruto defended the budget on Monday, saying, “We had no choice. The "
     "markets were falling and the shilling with them. Who would pay for that?”", "no choice"),
    # quoted words are never the speaker, even when the parse makes them the subject
    ("“The campaign is in panic mode. Full panic mode,” said Kenyan President William Ruto.",
     "Full panic mode"),
])
def test_speakers_the_parse_finds_beyond_a_cues_subject(run, text, words):
    q = _quote(run(text), words)
    assert q.speaker is not None and q.speaker.name == "William Ruto"


def test_a_quoted_title_is_nobodys_words(run):
    rec = run("Kenyan President William Ruto watched “Meet the Press” with his aides on Sunday.")
    assert _quote(rec, "Meet the Press").speaker is None


@pytest.mark.parametrize("name", ["Okonkwo", "Ellison", "Nakamura", "Ochieng"])  # parsed four ways
def test_said_before_a_name_and_a_colon(run, name):
    rec = run(f"Critics piled on. Said {name}: “I don’t get the sense she is interested in tax reform.”")
    q = _quote(rec, "tax reform")
    assert q.speaker is not None and q.speaker.text == name and q.cue == "say"


@pytest.mark.parametrize("text", [
    # a pronoun inside the quote is nobody named in between
    "Kenyan President William Ruto spoke to farmers in Eldoret on Monday. “We will not raise fuel "
    "taxes,” he said. “He who attacks the farmers attacks Kenya. They have suffered enough. We will "
    "protect them.”",
    # the distance counts from where the quote starts, not where it ends
    "Kenyan President William Ruto met traders on Monday. “The budget is fair,” Ruto said. “She told "
    "me the markets were falling. I listened. We will help them.”",
])
def test_a_quote_of_several_sentences_goes_on_in_the_last_speakers_words(run, text):
    rec = run(text)
    assert [q.speaker.name if q.speaker else None for q in rec.quotes] == ["William Ruto", "William Ruto"]


def test_a_person_named_in_the_cues_own_sentence_does_not_break_the_quote(run):
    rec = run("“It is over,” said Kenyan President William Ruto, who was sure Museveni would agree. "
              "“We have a deal.”")
    assert [q.speaker.name if q.speaker else None for q in rec.quotes] == ["William Ruto", "William Ruto"]


def test_she_is_not_the_last_man_named(run):
    # the resident's name says she is a woman: "she" is hers, not the president's
    rec = run("Grace Wanjiru, a trader, spoke to Kenyan President William Ruto in Eldoret. "
              "“The market is empty,” she said.")
    q = _quote(rec, "market is empty")
    assert q.speaker is not None and q.speaker.text == "she" and q.speaker.code is None
    rec = run("Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan. "
              "“We talked about the border,” she said. “It went well,” he said.")
    assert [q.speaker.name for q in rec.quotes] == ["Samia Suluhu Hassan", "William Ruto"]


def test_he_goes_to_the_person_named_before_whom_no_dictionary_knows(run):
    rec = run("The council met on Monday. Its treasurer, Tom Okello, criticised the plan. "
              "“The money is not there,” he said.")
    q = _quote(rec, "money is not there")
    assert (q.speaker.text, q.speaker.name, q.speaker.code) == ("he", "Tom Okello", None)


@pytest.mark.parametrize("text", [
    "“Growth will slow sharply,” according to the International Monetary Fund.",
    "Growth “will slow sharply”, according to a report by the International Monetary Fund.",
    "According to the International Monetary Fund, “growth will slow sharply.”",
])
def test_according_to_names_the_source_before_or_after_the_quote(run, text):
    q = _quote(run(text), "slow sharply")
    assert q.speaker is not None and q.speaker.code == "IGOBUSIMF" and q.cue == "according to", q


def test_a_title_before_a_surname_picks_the_person_of_that_sex(run):
    rec = run("Mrs. Clinton met Kenyan President William Ruto in Nairobi.", date="2016-05-02")
    assert "Hillary Clinton" in [a.name for a in rec.actors]
    rec = run("Mr. Clinton met Kenyan President William Ruto in Nairobi.", date="2016-05-02")
    assert "Bill Clinton" in [a.name for a in rec.actors]


@pytest.mark.parametrize(("text", "code"), [
    ("“We will respond,” a spokesman for the Russian Foreign Ministry said.", "RUSGOV"),
    ("“We will respond,” a Pentagon spokesperson said.", "USAMIL"),
    ("“We will respond,” an aide to the Iraqi prime minister said.", "IRQGOV"),
    ("“We will respond,” the Chinese embassy said in a statement.", "CHNGOV"),
    # "in Lagos" is the city, not the Chilean president of that surname
    ("“We will respond,” a police spokeswoman in Lagos said.", "NGACOP"),
])
def test_speaker_roles_are_coded_like_actors(run, text, code):
    q = _quote(run(text), "respond")
    assert q.speaker is not None and q.speaker.code == code


def test_a_name_with_an_apposition_speaks_and_the_apposition_codes_it(run):
    rec = run("“The water came in the night,” said Amina Yusuf, a local farmer.")
    (q,) = rec.quotes
    assert q.speaker is not None and q.speaker.name == "Amina Yusuf" and q.speaker.role == "AGR", q.speaker


def test_a_label_before_the_quote_marks_names_the_speaker(run):
    rec = run("Tom Mbeki, Daily Nation: “Nobody in the county has seen the money yet.”")
    (q,) = rec.quotes
    assert q.speaker is not None and q.speaker.name == "Tom Mbeki", q.speaker
    assert q.text.startswith("Nobody")
