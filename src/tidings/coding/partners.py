"""Acts done together: with a partner a phrase of means names ("arrested the suspect in
collaboration with Interpol", "killed 12 militants in a joint operation with Kenyan
forces"), beside the act itself the doer and the partner cooperate; what makes an act one
done together ("joint drills", "drilled with Japan")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tidings.coding.drafts import OBJ, DraftEvent, Participant, is_main, verb_above
from tidings.coding.participants import Participants
from tidings.rules import RuleSet
from tidings.rules.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

COOPERATION = "060"  # the code of cooperation when convention joint_force names none


def partner_events(doc: Doc, parts: Participants, rules: RuleSet, events: Sequence[DraftEvent]) -> list[DraftEvent]:
    """For each event whose verb has an "in" phrase of partnership (lexicon
    ``partnership_nouns``: "in collaboration with", "in conjunction with") or of an act
    called joint (``joint_words``: "in a joint operation with"), the doer's cooperation with
    the actor its "with" phrase names: the code convention ``joint_force`` gives the act
    (military cooperation for force), else 060."""
    out: list[DraftEvent] = []
    for e in events:
        if not e.verb_tokens or not e.source.actor.code or e.source.how == "location":
            continue
        v = doc[e.verb_tokens[0]]
        for n in _means(v, rules):
            code = rules.conventions.recoded("joint_force", e.code) or COOPERATION
            out += [DraftEvent(e.source, t, code, (n.i,), False, 0.6, f"{e.rule} [in {n.lower_} with -> {code}]",
                               is_main(v, rules.cues.verbs))
                    for t in _partners(n, parts) if not parts.same(e.source.actor, t.actor)]
    return out


def _means(v: Token, rules: RuleSet) -> list[Token]:
    lex = rules.lexicon
    nouns = [g for c in v.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
    return [n for n in nouns if n.lemma_.lower() in lex.partnership_nouns or any(
        m.dep_ in ("amod", "compound") and m.lower_ in lex.joint_words for m in n.children)]


def _partners(n: Token, parts: Participants) -> list[Participant]:
    return [p for c in n.children if c.dep_ == "prep" and c.lower_ == "with"
            for g in c.children if g.dep_ == "pobj" for p in parts.actors_at(g) if p.how != "location"]


def clause_sides(n: Token, found: list[Participant], parts: Participants, two: bool = False,
                 rules: RuleSet | None = None) -> list[Participant]:
    """The sides of talks that tell when or after what a clause's act was done: the
    clause's doers ``found``, and when they are one actor, the actor the clause's verb or
    its object is done "with" ("Ghana restored ties with Togo at a summit", "reached a deal
    with the EU after hours of talks"); with ``two``, only two actors of different codes.
    Given the ``rules``, talks of two sides (lexicon ``bilateral_nouns``) are also held with
    whom a word the verb table knows short of force and protest (CAMEO 01-13) is aimed at
    ("appealed to the IMF for a loan during talks in Washington")."""
    sides = _clause_sides(n, found, parts, rules)
    return sides if not two or (len(sides) == 2 and sides[0].actor.code != sides[1].actor.code) else []


def _clause_sides(n: Token, found: list[Participant], parts: Participants, rules: RuleSet | None) -> list[Participant]:
    v = verb_above(n)
    if len(found) != 1 or v is None:
        return found
    sides = [p for h in (v, *(c for c in v.children if c.dep_ in OBJ)) for p in _partners(h, parts)]
    if not sides and rules is not None and _talked_to(n, v, rules):
        heads = [c for c in v.children if c.dep_ in ("dobj", "dative")] + [
            g for c in v.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
        sides = [p for h in heads for p in parts.actors_at(h) if p.how != "location"]
    return found + sides


def _talked_to(n: Token, v: Token, rules: RuleSet) -> bool:
    """Talks of two sides, beside a verb of word or deed short of protest and force."""
    rows = rules.verbs.by_verb.get(v.lemma_.lower(), ())
    return n.lemma_.lower() in rules.lexicon.bilateral_nouns and bool(rows) and all(p.code < "14" for p in rows)


def said_joint(v: Token, lexicon: Lexicon) -> bool:
    """The act or its object is called joint ("joint drills", "drilled jointly")."""
    words = lexicon.joint_words
    heads = [v, *(c for c in v.children if c.dep_ in OBJ or c.dep_ == "prep")]
    heads += [g for h in heads[1:] if h.dep_ == "prep" for g in h.children if g.dep_ == "pobj"]
    return any(c.lower_ in words for h in heads for c in h.children if c.dep_ in ("amod", "advmod", "compound"))


def with_phrase(doc: Doc, p: Participant, v: Token) -> bool:
    """Whether a participant is the object of "with" (or conjoined to one) said of the act
    ``v`` or its object: a partner ("drilled with Japan", "exercises with Japan"), not a
    place's ("near its border with Pakistan")."""
    t = doc[p.tok_end - 1]
    while t.head.i != t.i and p.tok_start <= t.head.i < p.tok_end:
        t = t.head
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if not (t.dep_ == "pobj" and t.head.lower_ == "with"):
        return False
    said_of = t.head.head
    return said_of.i == v.i or (said_of.head.i == v.i and said_of.dep_ in OBJ)
