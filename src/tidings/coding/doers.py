"""Doers the dictionaries do not code: the words of a verb's subject, kept as an uncoded
actor so that an event whose doer has no code is still told ("a rights group condemned
the arrest", "Petrosyan refused to testify").

Two readers use them. The learned detector gives its events such a doer whenever the
subject is a noun (:func:`unidentified`); the verb patterns, which code any verb they
know, take one only when the subject is a name (a person, a body, a people) or a noun of
the lexicon's ``doer_nouns`` ("group", "panel", "hackers"), so that "the report
criticised", "the storm destroyed" or "no one questioned" make no event
(:func:`uncoded_doer`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from tidings.coding.drafts import Participant
from tidings.coding.lexical import by_hazard
from tidings.extract.phrases import UNIDENTIFIED, Resolved

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from tidings.coding.participants import Participants
    from tidings.rules import RuleSet
    from tidings.rules.lexicon import Lexicon

# entity types of spaCy's recogniser that a name acting in a clause may carry (its
# entities are not trusted for coding, only to tell a name of someone from a name of a
# thing: "the Patriot battery intercepted", "Hurricane Ian destroyed")
NAME_TYPES = frozenset({"PERSON", "ORG", "NORP", ""})


def unidentified(doc: Doc, trigger: int, actors: Sequence[Resolved], rules: RuleSet) -> Participant:
    """The source of an event whose doer the dictionaries do not know: the words of the
    trigger verb's subject ("Fans skirmished", "Rakhine vigilantes torched ..."), or for
    a noun, of the light verb that carries it ("Gunmen carried out an attack"), uncoded;
    nothing at all for a passive without an agent ("shops were looted") or a noun that is
    not done by the verb's subject ("a monitoring group put the toll of the strike at 28")."""
    t = doc[trigger]
    verb = t
    if t.pos_ != "VERB":
        if not (t.dep_ in ("dobj", "pobj") and t.head.lemma_.lower() in rules.lexicon.light_verbs):
            verb = None
        else:
            verb = t.head if t.dep_ == "dobj" else t.head.head  # "launched an attack", "took part in protests"
    head = speaker_meant(doer(verb), verb, rules) if verb is not None else None
    taken = {i for a in actors for i in range(a.tok_start, a.tok_end)}
    if head is None or head.pos_ not in ("NOUN", "PROPN") or head.i in taken or \
            head.lower_ in rules.triggers.any or head.lemma_.lower() in rules.triggers.any:
        return Participant.unnamed(trigger)
    return _words(doc, head)


def uncoded_doer(doc: Doc, v: Token, actors: Sequence[Resolved], rules: RuleSet,
                 places: Collection[int] = ()) -> Participant | None:
    """The doer of pattern verb ``v`` when its subject (or agent) is no coded actor but
    names someone: a name that is no place (``places``: its tokens) or thing ("Petrosyan
    refused", "the MoD warned"; a dateline is parsed apart, ``Parser.after_dateline``),
    or a noun of ``doer_nouns`` ("a rights group condemned", "hackers leaked"). None for
    any other noun ("the report", "the storm"), for "no one" and "no group", and for a
    hazard's act."""
    head = speaker_meant(doer(v), v, rules)
    if head is None or head.i in places or any(a.tok_start <= head.i < a.tok_end for a in actors):
        return None
    lex = rules.lexicon
    if head.pos_ == "PROPN":  # not a lower-case word the tagger took for a name ("the march")
        named = head.ent_type_ in NAME_TYPES and head.lower_ not in lex.hazards and head.text[:1].isupper()
    else:
        named = head.pos_ == "NOUN" and head.lemma_.lower() in lex.doer_nouns
    if not named or any(c.dep_ == "det" and c.lower_ == "no" for c in head.children) or by_hazard(v, lex, violence=False):
        return None
    return _words(doc, head)


def _words(doc: Doc, head: Token) -> Participant:
    """The doer named by noun ``head``: its words up to the head, with an of-phrase right
    after it ("thousands of supporters", "members of the committee"), uncoded."""
    end = head.i + 1
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == end), None)
    if of is not None:
        end = max(w.i for w in of.subtree) + 1
    words = [w for w in head.subtree if w.dep_ not in ("relcl", "acl", "punct", "appos", "cc", "conj", "prep")
             and w.i <= head.i]
    start = min(w.i for w in words)
    while start < end and doc[start].lower_ in ("the", "a", "an", "some"):
        start += 1
    r = Resolved(doc[start:end].text, "", None, None, UNIDENTIFIED, "words", start, end, head.i,
                 plural=head.tag_ in ("NNS", "NNPS"))
    return Participant(r, start, end, "unidentified")


def speaker_meant(head: Token | None, verb: Token, rules: RuleSet) -> Token | None:
    """``head``, or for "it" or "they" in what someone said, the one who said it: "a
    vigilance board said it detained two officials" (a body the tables may not know, so
    that no pronoun resolution points at it)."""
    if head is None or head.pos_ != "PRON" or head.lower_ not in ("it", "they"):
        return head
    clause = verb
    while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in rules.cues.verbs:
        return head
    said = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return said if said is not None and said.pos_ in ("NOUN", "PROPN") else head


def doer(verb: Token) -> Token | None:
    """The subject (or passive agent) of ``verb``, through the clauses it shares one with
    ("began to shell", "gathered and marched")."""
    for _ in range(3):
        agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if agent or subj:
            return (agent or subj)[0]
        if any(c.dep_ == "nsubjpass" for c in verb.children) or verb.dep_ not in ("xcomp", "conj") \
                or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def led_by(n: Token, parts: Participants, lexicon: Lexicon) -> list[Participant]:
    """"the Saudi-led bombing campaign", "a US-led offensive": who leads it does it; "exercises
    conducted by Turkish forces" (a participle of ``light_verbs``): who conducts them."""
    led = [p for c in n.children if c.dep_ == "amod" and c.lower_ == "led"
           for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod", "amod") and g.i < c.i
           for p in parts.actors_at(g)][:1]
    return led or [p for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN"
                   and c.lemma_.lower() in lexicon.light_verbs
                   for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"
                   for p in parts.actors_at(g)][:1]
