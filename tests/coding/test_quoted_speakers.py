"""Event coding inside quotations: "I" and "we" in a quote are whoever says it, once the
quote has a speaker; a verb with a direct object it cannot take as an event codes
nothing ("demonstrate" something); a verb of asking with a that-clause in the bare form asks it of
the clause's subject. Invented news sentences, one construction per test."""

from __future__ import annotations

import pytest

from tests.conftest import event_rows as _rows
from tests.conftest import find_events


@pytest.mark.parametrize(("text", "cameo", "src", "tgt"), [
    ("“We will never negotiate with the Taliban,” Pakistani Prime Minister Imran Khan told reporters.",
     "125", "PAKGOV", "AFG"),
    ("“I met the Egyptian foreign minister on Monday,” Turkish Foreign Minister Mevlut Cavusoglu said.",
     "040", "TURGOV", "EGYGOV"),
    ("Kenyan President William Ruto said: “We have signed a trade agreement with Ethiopia.”",
     "057", "KENGOV", "ETH"),
    ("“Russia shelled us for three hours,” the Ukrainian army spokesman said.", "194", "RUS", "UKRMIL"),
])
def test_a_first_person_pronoun_in_a_quote_is_its_speaker(run, text, cameo, src, tgt):
    rec = run(text)
    assert find_events(rec, src=src, cameo=cameo, tgt=tgt), _rows(rec)


def test_a_quote_over_several_sentences_gets_its_speaker_from_the_last(run):
    rec = run("“We have expelled two Russian diplomats. They were spies,” Polish Foreign Minister "
              "Radoslaw Sikorski said on Friday.")
    hits = find_events(rec, src="POLGOV", root="16", tgt="RUS") or find_events(rec, src="POLGOV", root="17", tgt="RUS")
    assert hits, _rows(rec)
    assert hits[0].source.text == "We"


def test_the_pronoun_keeps_its_own_words_and_span(run):
    text = "“We will not negotiate with Hamas,” Israeli Prime Minister Benjamin Netanyahu said."
    rec = run(text)
    e = find_events(rec, src="ISRGOV", tgt="PSE")[0]
    assert text[e.source.span[0]:e.source.span[1]] == "We"


@pytest.mark.parametrize("text", [
    # nobody we can code says it: "we" stays nobody's
    "“We will never negotiate with the Taliban,” a passer-by said.",
    # no quotation: the writer's "we" is no actor
    "We will never negotiate with the Taliban, the editorial argued.",
])
def test_a_first_person_pronoun_without_a_coded_speaker_is_nobody(run, text):
    rec = run(text)
    assert not [e for e in rec.events if e.cameo in ("125", "046")], _rows(rec)


def test_demonstrating_something_is_no_protest(run):
    rec = run("Kenyan opposition leader Raila Odinga demonstrated his popularity with a huge crowd in "
              "Kisumu on Saturday.")
    assert not find_events(rec, root="14"), _rows(rec)


def test_demonstrating_without_an_object_is_a_protest(run):
    rec = run("Hundreds of nurses demonstrated outside the health ministry in Nairobi on Tuesday.")
    assert find_events(rec, cameo="141", src="KEN"), _rows(rec)


@pytest.mark.parametrize(("text", "src", "tgt"), [
    ("The Japanese prime minister suggested that China and Japan hold a summit.", "JPNGOV", "CHN"),
    ("The Brazilian foreign minister proposed on Monday that Venezuela free the detained opposition leaders.",
     "BRAGOV", "VEN"),
])
def test_asking_in_a_bare_that_clause_is_an_appeal_to_its_subject(run, text, src, tgt):
    rec = run(text)
    assert find_events(rec, root="02", src=src, tgt=tgt), _rows(rec)


@pytest.mark.parametrize("text", [
    "Brazilian officials suggested that Venezuela had freed the opposition leaders.",
    "Analysts suggest that Russian forces hold the town.",
])
def test_a_that_clause_that_says_what_is_so_asks_nothing(run, text):
    rec = run(text)
    assert not find_events(rec, root="02"), _rows(rec)


def test_a_demand_its_verb_coded_is_not_coded_twice(run):
    rec = run("Russia demanded that Ukraine withdraw its troops from the region.")
    assert [e.cameo for e in rec.events if e.target is not None] == ["100"], _rows(rec)


def test_a_partial_quote_no_reporting_verb_gives_lends_no_speaker_to_us(run):
    # "denounced X as “…”": words the record may yet give to another speaker; "us" stays nobody
    rec = run("Venezuelan President Nicolas Maduro denounced the sanctions as “an attack on us by Washington”.")
    assert not find_events(rec, root="19"), _rows(rec)
