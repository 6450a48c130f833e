"""The coding conventions applied to one verb's event: negated cooperation is a
rejection, announced cooperation an intent, announced or conditional conflict a threat,
and acts under must/should, acts someone demands of another, and acts with a "no"
object are not coded as done. What recodes to what is data (``conventions.tsv``); the
grammar that finds negation, modality and intent is here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.coding.drafts import OBJ, PASS_SUBJ, DraftEvent, Participant, has_to, is_main
from tidings.rules.conventions import Conventions
from tidings.rules.lexicon import Lexicon
from tidings.rules.verbs import Pattern

if TYPE_CHECKING:
    from spacy.tokens import Token

BASE_CONFIDENCE = 0.9


def negated(v: Token) -> bool:
    """"did not attack", "has not met"."""
    return any(c.dep_ == "neg" for c in v.children) or any(
        c.dep_ == "neg" for a in v.children if a.dep_ in ("aux", "auxpass") for c in a.children)


def nothing_done(v: Token) -> bool:
    """"provided no evidence", "saw no progress", "no protests were held": the object (or
    the passive subject) says nothing happened."""
    return any(d.dep_ == "det" and d.lower_ == "no" for c in v.children if c.dep_ in OBJ or c.dep_ in PASS_SUBJ
               for d in c.children)


def awaited(v: Token, mood: Mood) -> bool:
    """An "until" clause under an act not done: what it waits for has not happened ("would
    not negotiate until every soldier had left"; "fought until the rebels withdrew" did)."""
    h = v.head
    return v.dep_ == "advcl" and h.i != v.i and any(c.dep_ == "mark" and c.lower_ in ("until", "till")
                                                    for c in v.children) and (
        mood.negated(h) or mood.intended(h) or mood.hypothetical(h) or mood.requested(h))


def conditional(v: Token, marks: tuple[str, ...] = ("unless",)) -> bool:
    """An "unless ..." clause hangs from the verb: a condition set. ("if" only counts
    where the caller says: "would meet the mediator if ..." is an offer.)"""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for c in v.children)


@dataclass(frozen=True)
class Mood:
    """How a verb's act is reported: done, denied, asked for, supposed, announced."""

    lexicon: Lexicon

    def requested(self, v: Token) -> bool:
        """The act is what someone asks for: "demanded that the US cancel plans",
        "urged the EC to support the PLO", "pressured workers to cancel the strike", "urged
        them to spare civilians and allow aid in" (a conjoined infinitive)."""
        t = _first_conjunct(v)
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in self.lexicon.bidding_heads:
            return True  # "told the parties to negotiate" (but "told reporters the army had shelled")
        if t.dep_ == "ccomp" and t.tag_ == "VBD":
            return False  # "findings suggest the attackers opened fire": a finding, not a request
        for _ in range(3):
            to_clause = t.dep_ == "advcl" and has_to(t)
            if to_clause and _noun_infinitive(t, self.lexicon.request_heads):
                return True  # "ignored demands by the unions to raise wages"
            if not (t.dep_ in ("ccomp", "xcomp", "acl") or to_clause) or t.head.i == t.i:
                return False
            t = t.head  # a verb ("demanded that") or a noun ("its demand that Israel ease")
            if t.lemma_.lower() in self.lexicon.request_heads:
                return True
        return False

    def hearsay(self, v: Token) -> bool:
        """The act is only what a report or a claim says: "denied reports that troops had
        crossed the border", "rejected accusations that it had carried out arrests"; or
        what someone denies doing ("denied backing the rebels", "denied that it had
        shelled the town": ``denying_heads``)."""
        if v.dep_ in ("xcomp", "ccomp", "pcomp") and v.head.lemma_.lower() in self.lexicon.denying_heads and \
                not any(v.i < c.i < v.head.i and c.lemma_.lower() in self.lexicon.hearsay_heads for c in v.head.children):
            return True  # not "X accused Y of arming rebels, a charge Y denied": that clause is told
        t = v
        for _ in range(2):
            if t.dep_ not in ("acl", "ccomp") or t.head.i == t.i:
                return False
            t = t.head
            if t.pos_ == "NOUN" and t.lemma_.lower() in self.lexicon.hearsay_heads:
                return True
        return False

    def undone(self, v: Token) -> bool:
        """The act stops, is kept from or is still being weighed: the gerund of
        ``ceasing_heads`` ("urged both sides to stop shelling", "refrain from attacking"),
        or an infinitive after "whether" ("has not decided whether to strike"), or an
        infinitive only planned or under a negated verb (:meth:`_undone_infinitive`)."""
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in v.children):
            return True
        if has_to(v) and self._undone_infinitive(v):
            return True
        if v.tag_ != "VBG":
            return False
        h = v.head
        if v.dep_ == "pcomp" and h.dep_ == "prep" and h.lower_ == "from":
            h = h.head
        # "did not stop shelling the city": the shelling went on
        return v.dep_ in ("xcomp", "pcomp") and h.lemma_.lower() in self.lexicon.ceasing_heads and not negated(h)

    def _undone_infinitive(self, v: Token) -> bool:
        """To-infinitive ``v`` is the purpose of an act not done ("have not met since 2019 to
        discuss the border"), only planned or agreed ("a plan to attack", "a deal to build a
        pipeline", "foiled a plot to bomb the embassy"), or under a negated verb ("would not
        allow refugees to be deported"; not "did not hesitate to strike", "did not stop
        shelling")."""
        h, irrealis = v.head, self.lexicon.irrealis_heads | self.lexicon.accord_nouns
        if v.dep_ == "advcl" and h.pos_ == "VERB" and negated(h):
            return True
        if (v.dep_ == "acl" and h.pos_ == "NOUN" and h.lemma_.lower() in irrealis) or \
                (v.dep_ == "advcl" and _noun_infinitive(v, irrealis)):
            return True
        return v.dep_ in ("xcomp", "ccomp") and h.pos_ == "VERB" and negated(h) and \
            h.lemma_.lower() not in self.lexicon.undeterred_heads | self.lexicon.ceasing_heads

    def generic(self, v: Token) -> bool:
        """The object names a kind of act, not one done (lexicon ``kind_modifiers``: "has
        carried out similar attacks", "has staged such protests before")."""
        def kind(c: Token) -> bool:  # not "began joint drills, the biggest such exercises in a decade"
            mods = [d for d in c.children if d.dep_ in ("amod", "det", "predet")]
            return c.tag_ == "NNS" and any(d.lower_ in self.lexicon.kind_modifiers for d in mods) and \
                not any(d.lower_ in self.lexicon.definite_words for d in mods)
        objects = [c for c in v.children if c.dep_ in OBJ]
        return bool(objects) and all(kind(c) for c in objects)

    def hypothetical(self, v: Token) -> bool:
        """Under must/should/could ("the US must allocate resources to help"), also
        through the to-clauses that hang from such a verb; or the condition of another
        act ("would close the strait if attacked", "unless troops withdraw")."""
        if v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in v.children):
            return True
        t = v
        for _ in range(3):
            if any(c.dep_ == "aux" and c.lower_ in self.lexicon.hypothetical_aux
                   and not (c.lower_ in self.lexicon.ability_aux and negated(t)) for c in t.children):
                return True  # not "could not support it": as "cannot", a refusal
            if t.dep_ not in ("xcomp", "advcl") or t.head.i == t.i:
                return False
            t = t.head
        return False

    def intended(self, v: Token, depth: int = 0) -> bool:
        """Future or intended: "will support", "is ready to send", "plans to visit", and
        the purpose of such an act ("is willing to send material to help defend X")."""
        lex = self.lexicon
        if any(c.dep_ == "aux" and c.lower_ in lex.future_aux for c in v.children):
            return True
        if depth == 0 and v.tag_ == "VB":
            v = _first_conjunct(v)  # "pledged to rebuild the road and fund clinics"
        h = v.head
        if v.dep_ == "xcomp" and h.lemma_.lower() in lex.aspect_verbs and h.dep_ == "xcomp":
            v, h = h, h.head  # "vowed to keep attacking": what is kept on is vowed
        to_clause = has_to(v)
        if (v.dep_ == "xcomp" or (v.dep_ == "advcl" and to_clause)) and h.lemma_.lower() in lex.intent_heads:
            return True  # also an adjective head: "is willing to"; "offered troops to help him"
        if depth < 2 and to_clause and v.dep_ in ("advcl", "xcomp") and h.pos_ == "VERB":
            return self.intended(h, depth + 1)
        return False

    def negated(self, v: Token) -> bool:
        """Negated, or what a refusal is about, through infinitives and their conjuncts:
        "refused to allow the planes to land and evacuate the observers"."""
        if negated(v):
            return True
        t = _first_conjunct(v)
        for _ in range(3):
            infinitive = t.dep_ == "ccomp" and has_to(t)
            if not (t.dep_ == "xcomp" or infinitive) or t.head.i == t.i:
                return False
            if t.head.lemma_.lower() in self.lexicon.negating_heads:
                return True
            t = _first_conjunct(t.head)
        return False


def confidence(s: Participant, t: Participant | None) -> float:
    conf = BASE_CONFIDENCE
    if s.how == "pronoun" or (t is not None and t.how == "pronoun"):
        conf -= 0.15
    if s.how == "inherited":
        conf -= 0.1
    if s.how == "implicit":
        conf -= 0.3
    if t is None:
        conf -= 0.2
    return conf


def draft(s: Participant, t: Participant | None, v: Token, pattern: Pattern, mood: Mood,
          conv: Conventions, cue_verbs: frozenset[str], own_word: bool = False) -> DraftEvent | None:
    """The event of ``pattern`` from ``s`` to ``t`` on verb ``v``, with the conventions
    applied; None when the act is not reported as done (and is no threat or rejection).
    ``own_word``: the source itself says it may do the act ("said it could impose
    sanctions"), which for a conflictual act is a threat."""
    conf = confidence(s, t)
    toks = tuple(sorted({v.i, *(c.i for c in v.children if c.dep_ == "prt")}))
    no = mood.negated(v)
    code, rule = pattern.code, pattern.rule
    if mood.hypothetical(v) and _threatens(code, conv) and not no:
        # "the EC may halt mediation efforts if cooperation founders", "Canada said it
        # could impose sanctions on Iran": a threat
        why = ("conditional" if conditional(v, ("if", "unless"))
               else "may, in its own words" if own_word else None)
        if why:
            return DraftEvent(s, t, _threat(code, conv), toks, no, round(conf - 0.1, 2),
                              f"{rule} [{why} -> threat]", is_main(v, cue_verbs))
    if mood.hypothetical(v) or mood.requested(v) or mood.hearsay(v) or mood.undone(v) or nothing_done(v) \
            or mood.generic(v) or awaited(v, mood):
        return None  # "Libya must hand over ...", "demanded that the US cancel ...": not done
    recoded = _recode(code, v, no, mood, conv)
    if recoded is None:
        return None
    code, note = recoded
    main = is_main(v, cue_verbs)
    if not main:
        conf -= 0.1  # a side clause ("a system opposed by China") is less often the news
    return DraftEvent(s, t, code, toks, no, round(conf, 2), rule + note, main)


def _not_for_a_while(v: Token, spans: frozenset[str]) -> bool:
    """A perfect not done since a time or for a span (lexicon ``spell_words``: "has not met
    since 2019", "have not spoken in years", "had not talked for months"), or never ("have
    never signed a peace treaty"): it tells how long, not a refusal."""
    if not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in v.children):
        return False
    if any(c.dep_ == "neg" and c.lower_ == "never" for c in v.children):
        return True
    heads = [v, *(c for c in v.children if c.dep_ == "dobj")]  # "held talks for a decade"
    for c in (c for h in heads for c in h.children):
        if c.dep_ == "prep" and c.lower_ == "since":
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "for") and any(
                g.dep_ == "pobj" and g.lower_ in spans for g in c.children):
            return True
    return False


def _threatens(code: str, conv: Conventions) -> bool:
    return conv.recoded("future_conflict", code) is not None


def _threat(code: str, conv: Conventions) -> str:
    return conv.recoded("future_conflict", code) or "130"


def _recode(code: str, v: Token, no: bool, mood: Mood, conv: Conventions) -> tuple[str, str] | None:
    """(code, rule note) after the negation and future conventions; None for a conflict
    that did not happen."""
    if no:
        # "would not meet", "failed to reach agreement": refusing cooperation is REJECT;
        # a conflict that did not happen is no event
        if _not_for_a_while(v, mood.lexicon.spell_words):
            return None  # "the council has not met since 2019": an absence, not a refusal
        rejected = conv.recoded("negated_cooperation", code[:2])
        return (rejected, " [negated -> reject]") if rejected else None
    if mood.intended(v) and conditional(v) and not conv.applies("no_conditional_threat", code):
        # "will withdraw its force from Chad unless Oueddei arranges a ceasefire"
        return _threat(code, conv), " [conditional -> threat]"
    if mood.intended(v):
        intent = conv.recoded("future_cooperation", code[:2])
        if intent:
            # PLOVER: CONSULT/SUPPORT/COOPERATE/AID reported as future or intent are AGREE;
            # CAMEO 035: intent to yield (release, ease, withdraw)
            return intent, " [future -> intent]"
        if conv.applies("announced_mobilization", code):
            return code, " [announced]"  # "will send troops to the border": the posturing itself
        agreed = _agreed(v, mood) if conv.applies("agreed_measure", code) else None
        if agreed is not None:
            # "EU ministers agreed to extend sanctions": taken; "did not agree to": not
            return (code, " [agreed -> decided]") if agreed else None
        if _threatens(code, conv):
            # CAMEO 13: a conflictual act announced, not done, is a threat
            return _threat(code, conv), " [future -> threat]"
    return code, ""


def _noun_infinitive(v: Token, nouns: frozenset[str]) -> bool:
    """To-infinitive ``v``, which the parse hangs on its verb, belongs to that verb's object
    of ``nouns`` before it ("rejected calls by donors to expel", "foiled a plot to bomb")."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.i < v.i and c.lemma_.lower() in nouns for c in v.head.children)


def _agreed(v: Token, mood: Mood) -> bool | None:
    """Whether ``v`` is what a body agreed or voted to do, said as done ("agreed to impose
    sanctions"), or not ("did not agree to"); None when no agreement or vote is said as
    done ("will agree to", "may vote to", "threatened to")."""
    v = _first_conjunct(v)
    h = v.head
    said_done = h.tag_ in ("VBD", "VBN", "VBZ") or any(c.dep_ == "aux" and c.lemma_ == "do" for c in h.children)
    if not (v.dep_ == "xcomp" and h.lemma_.lower() in mood.lexicon.decision_heads and said_done
            and not mood.intended(h) and not mood.hypothetical(h)):
        return None
    return not mood.negated(h)


def _first_conjunct(v: Token) -> Token:
    """The first of coordinated verbs ("to spare civilians and allow aid in": spare),
    whose clause the others share."""
    while v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    return v
