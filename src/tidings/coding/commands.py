"""Acts done by command: "the junta ordered mobile operators to block Facebook" is the
junta's blocking, as the table's own "order to=arrest" rows say for the acts they name."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tidings.coding.conventions import negated
from tidings.coding.drafts import has_to
from tidings.coding.features import features, lookup, verb_candidates
from tidings.rules.verbs import Pattern

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tidings.rules import RuleSet


def commanded_act(v: Token, rules: RuleSet) -> Pattern | None:
    """The row of the coercion or force (convention ``bidden_act``) that a verb of commanding
    (lexicon ``command_heads``) bids someone do, read from its infinitive's own words
    ("ordered operators to shut down the internet": the row of "shut down the internet"), as
    the commander's act; none when the infinitive is negated ("ordered troops not to fire")
    or its row names no object or preposition (the command rows name those acts)."""
    lex = rules.lexicon
    if v.lemma_.lower() not in lex.command_heads:
        return None
    x = next((c for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and has_to(c)), None)
    if x is None or negated(x):
        return None
    f = features(x, lex)
    p = next((p for lemma in verb_candidates(x, rules.verbs, lex) if (p := lookup(rules.verbs, lemma, f))), None)
    if p is None or p.doers or not (p.objects or p.prep) or not rules.conventions.applies("bidden_act", p.code):
        return None
    return replace(p, verb=f"{v.lemma_.lower()} to {p.verb}", to=frozenset({x.lemma_.lower()}))
