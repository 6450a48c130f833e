"""Reactions and appeals aimed at the sides of an act told before: "Egypt and Sudan signed a
water deal. The African Union welcomed the deal" (welcomed Egypt and Sudan); "Eritrean and
Ethiopian troops fought on the frontier. Russia called for restraint" (an appeal to both
armies); "accused Togo of harbouring rebels and called for talks" (with Togo); protests
around what a government did (aimed at it). Which acts such words refer back to is data:
conventions ``agreement_act``, ``calm_call`` and ``joined_appeal``, lexicon ``accord_nouns``,
``settlement_nouns`` and ``governing_roles``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tidings.coding.drafts import FORCE_ROOTS, OBJ, PASS_SUBJ, Participant, told_before, verb_above
from tidings.coding.participants import Participants
from tidings.extract.actors import Resolved
from tidings.rules import RuleSet
from tidings.rules.verbs import Pattern

if TYPE_CHECKING:
    from spacy.tokens import Token

def referred_sides(parts: Participants, rules: RuleSet, v: Token, pattern: Pattern,
                   sources: Sequence[Participant]) -> list[Participant]:
    """The targets of reaction or appeal ``v`` that names no one: the sides of the agreement
    its object refers back to (``agreed_sides``), or of the fighting an appeal for calm
    answers (``fighting_sides``)."""
    return (agreed_sides(parts, rules, v, pattern, sources) or fighting_sides(parts, rules, v, pattern, sources)
            or _joined_object(parts, rules, v, pattern, sources))


def beside_doers(parts: Participants, rules: RuleSet, v: Token, sources: Sequence[Participant]) -> list[Participant]:
    """"Ghana expelled two envoys, a move Togo condemned": a reaction in a clause on a noun
    that refers to an act (lexicon ``act_references``) set beside the sentence's clause is
    aimed at that clause's doers."""
    h = v.head
    if v.dep_ != "relcl" or h.lemma_.lower() not in rules.lexicon.act_references or h.dep_ not in ("appos", "npadvmod"):
        return []
    beside = verb_above(h)
    return parts.other(parts.subjects(beside)[0], sources) if beside is not None else []


def _joined_object(parts: Participants, rules: RuleSet, v: Token, pattern: Pattern,
                   sources: Sequence[Participant]) -> list[Participant]:
    """"Ghana accused Togo of harbouring rebels and called for talks": an appeal
    (convention ``joined_appeal``) joined to a verb done to an actor, naming no one itself,
    is addressed to that actor."""
    if v.dep_ != "conj" or v.head.pos_ != "VERB" or not rules.conventions.applies("joined_appeal", pattern.code):
        return []
    objs = [c for c in v.head.children if c.dep_ in OBJ]
    return parts.other([p for o in objs for p in parts.actors_at(o)], sources)


def agreed_sides(parts: Participants, rules: RuleSet, v: Token, pattern: Pattern,
                 sources: Sequence[Participant]) -> list[Participant]:
    """"Egypt and Sudan signed a water deal. The African Union welcomed the deal": a
    reaction (convention ``act_doer_target``) to an agreement named only as "the deal", "the
    accord", "the rapprochement" (lexicon ``accord_nouns`` and ``settlement_nouns``, with a
    determiner of ``definite_words`` and no actor in its phrase) is aimed at every side of
    the agreement (an act of convention ``agreement_act``) told in the sentences just
    before."""
    conv, lex = rules.conventions, rules.lexicon
    if not conv.applies("act_doer_target", pattern.code):
        return []
    nouns = lex.accord_nouns | lex.settlement_nouns
    for n in (c for c in v.children if c.dep_ in OBJ or c.dep_ in PASS_SUBJ):
        if (n.lemma_.lower() in nouns and told_before(n, lex.definite_words)
                and not any(t.i in parts.by_token for t in n.subtree)):
            sides = parts.salience.sides_before(parts.sent_index, lambda c: conv.applies("agreement_act", c))
            return _at(parts, sides, n, sources)
    return []


def fighting_sides(parts: Participants, rules: RuleSet, v: Token, pattern: Pattern,
                   sources: Sequence[Participant]) -> list[Participant]:
    """"Eritrean and Ethiopian troops fought on the frontier. Russia called for restraint": an
    appeal for calm or a ceasefire (convention ``calm_call``) that names no one is aimed at
    every side that fought (CAMEO 18, 19, 20) in the newest of the sentences just before."""
    if not rules.conventions.applies("calm_call", pattern.code):
        return []
    sides = parts.salience.sides_before(parts.sent_index, lambda c: c[:2] in FORCE_ROOTS)
    asked = next((g for c in v.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), v)
    return _at(parts, sides, asked, sources)  # standing at "restraint", "a ceasefire"


def _at(parts: Participants, sides: Sequence[Resolved], at: Token, sources: Sequence[Participant]) -> list[Participant]:
    """The sides other than ``sources``, standing at the words ``at`` that refer to them."""
    return parts.other([Participant(a, at.i, at.i + 1, "pronoun") for a in sides], sources)


def protested_rulers(clause: Sequence[Participant], pattern: Pattern, rules: RuleSet) -> list[Participant]:
    """"Peru's president resigned after weeks of protests", "the government withdrew the levy
    amid protests": a protest (CAMEO 14) that no phrase aims at anyone, told as what went on
    before or around an act of a government or a state (``clause``: the subjects of the
    clause; lexicon ``governing_roles``), was aimed at it."""
    if not pattern.code.startswith("14"):
        return []
    return [p for p in clause if p.actor.country and (
        p.actor.role in rules.lexicon.governing_roles or (p.actor.kind == "country" and not p.actor.role))]
