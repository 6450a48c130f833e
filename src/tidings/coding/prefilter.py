"""Which sentences are worth parsing. The parse is the coder's costliest step, and many
news sentences hold nothing the rules could code, so before any parse a sentence's words
are asked two things: does it name someone who could act, and does it hold a word that
can carry an act? A quotation with a verb of saying is parsed too (its speaker).

Words only, from the rule tables: what the lexicon, the verb patterns and the conventions
list (a user's ``--rules`` folder included), so a word taught to the coder is also a word
the filter lets through.
"""

from __future__ import annotations

from collections.abc import Sequence

from tidings.rules import RuleSet
from tidings.rules.dictionary import plural
from tidings.rules.verbs import inflections

QUOTE_MARKS = ("“", "”", '"', "«")
MAX_SENTENCE_TOKENS = 300  # longer "sentences" are lists or garbage: not parsed
_OWNERS = frozenset({"'s", "’s", "'", "’", "by"})


class ParseFilter:
    """The words that make a sentence worth parsing, built once from a rule set."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        lex, conv = rules.lexicon, rules.conventions

        def verb_forms(verbs: frozenset[str]) -> frozenset[str]:
            return frozenset(f for v in verbs for f in inflections(v, rules.irregular))

        def noun_forms(convention: str) -> frozenset[str]:
            return frozenset(n + end for n, rows in rules.verbs.by_noun.items()
                             if any(conv.applies(convention, r.code) for r in rows) for end in ("", "s", "es"))

        self.reaction_forms = verb_forms(lex.reaction_verbs)  # "drew condemnation from Turkey"
        self.participation_forms = verb_forms(lex.participation_verbs)  # "took part in the crackdown"
        self.happening_forms = verb_forms(lex.happening_verbs)  # "demonstrations continued"
        # "Russia's annexation of Crimea", "the shelling of Kharkiv by Russian forces"
        self.agent_noun_forms = noun_forms("agent_noun")
        self.between_noun_forms = noun_forms("between_noun")  # "a phone call between Macron and Scholz"
        self.happening_noun_forms = noun_forms("happening_noun")
        # who may act though no actor is named: a pronoun, a crowd named by its size
        # ("thousands took to the streets"), the two sides named before ("the two sides
        # agreed"), a body or person no table codes ("a rights group condemned ...")
        self.people_words = lex.pronouns | lex.crowd_words | {"two", "both", "each"} | {
            f for w in lex.doer_nouns for f in (w, plural(w))}

    def worth(self, words: Sequence[str], text: str, named: bool) -> bool:
        """Whether a sentence of these ``words`` (``text`` as written) is worth parsing;
        ``named``: it names an actor, or a place where something may have been done by no
        one named ("rallies were taken out across Kolkata")."""
        if len(words) > MAX_SENTENCE_TOKENS:
            return False
        low = {w.lower() for w in words}
        if any(m in text for m in QUOTE_MARKS) and bool(low & self.rules.cues.forms):
            return True
        return (named or bool(low & self.people_words)) and self.may_hold_an_act(words, low)

    def may_hold_an_act(self, words: Sequence[str], low: set[str]) -> bool:
        """A pattern verb, a verb of reaction or taking part, or an act named as a noun
        with a doer, two sides, or a verb of happening."""
        return (self.rules.verbs.has_form(words) or bool(low & self.reaction_forms)
                or ("in" in low and bool(low & self.participation_forms))
                or (bool(low & _OWNERS) and bool(low & self.agent_noun_forms))
                or ("between" in low and bool(low & self.between_noun_forms))
                or (bool(low & self.happening_forms) and bool(low & self.happening_noun_forms)))
