"""The learned event detector: events the verb patterns do not see.

Patterns code what a verb and its arguments say ("Russia accused Ukraine of ..."). News
also reports events in nouns and light verbs ("carried out air strikes", "a raid on"),
in passives and in forms no table lists. The detector is a small spaCy text classifier
shipped in the package (``coding/models/events``, trained by
``training/train_detector.py`` on sentences we wrote): for a sentence it gives, for each
PLOVER type, how likely the sentence reports such an event as having happened.

A sentence where the patterns coded nothing gets a model event when

- the detector's best type scores at least the threshold;
- a word of that type's trigger list (learned from the training triggers, shipped beside
  the model) is in the sentence: it is the event's ``verb``;
- the trigger is not inside reported speech (the statement rules code that), nor a verb
  the pattern table knows used as a verb (the patterns saw it and chose);
- an actor stands before the trigger (the source; for a passive "X was attacked by Y",
  the agent); the first other actor after it is the target. The press ("told
  reporters") is never a participant of a model event.

The event's CAMEO code is the one most often given to its type in the training data
(``codes.tsv`` beside the model; else the lowest general code of the type), its confidence the detector's score, and ``rule`` names the model and score, so
every event still says what made it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tidings.coding import lexical
from tidings.coding.doers import doer, uncoded_doer, unidentified
from tidings.coding.drafts import (
    DraftEvent,
    Participant,
    home_venue,
    in_place_phrase,
    passive_chain,
)
from tidings.coding.features import features, lookup, verb_candidates
from tidings.coding.parse import blas_pools, built_with, choose_gemm, one_thread
from tidings.errors import MissingDependency
from tidings.extract.phrases import Resolved

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from tidings.rules import RuleSet
    from tidings.rules.verbs import Pattern

MODEL_DIR = Path(__file__).resolve().parent / "models" / "events"
DEFAULT_THRESHOLD = 0.35
VETO = 0.5  # a trigger event is dropped when the model gives another type at least this
MORE = 0.7  # a type the patterns did not code, in a sentence they coded, needs this score
LISTED = 0.2  # ... or this, on a noun a pattern row names as the object of its verb


class EventDetector:
    """One loaded detector (load once per process: :meth:`default`)."""

    def __init__(self, path: Path = MODEL_DIR, threshold: float = DEFAULT_THRESHOLD,
                 gemm: str | None = None) -> None:
        import spacy

        if not (path / "meta.json").is_file():
            raise MissingDependency("tidings (its event detector model)", "coding events with the detector",
                                    "pip install --force-reinstall tidings, or from a clone: "
                                    "python training/train_detector.py")
        self.gemm = gemm or choose_gemm()  # as the parser's: see coding/parse.py
        with built_with(self.gemm):
            self.nlp: Language = spacy.load(path)
        self._pools = blas_pools(self.gemm)
        self.name = f"{self.nlp.meta.get('name', 'events')}-{self.nlp.meta.get('version', '0')}"
        self.threshold = threshold
        self.triggers = _read_pairs(path / "triggers.tsv")
        self.codes = {label: min(codes) for label, codes in _read_pairs(path / "codes.tsv").items()}
        self.any_trigger = frozenset().union(*self.triggers.values()) if self.triggers else frozenset()

    @classmethod
    @functools.lru_cache(maxsize=2)
    def default(cls, threshold: float = DEFAULT_THRESHOLD) -> EventDetector:
        return cls(MODEL_DIR, threshold)

    def worth_asking(self, doc: Doc, rules: RuleSet, actors: Sequence[Resolved] = ()) -> bool:
        """Whether :meth:`draft` could make an event of this sentence for some type: a
        trigger word of any type stands in it, and not as a verb the patterns decided on.
        Checked before the classifier runs, so most sentences never reach it."""
        def known(w: str) -> bool:
            return w in self.any_trigger or w in rules.triggers.any

        for i, t in enumerate(doc):
            if (known(t.lower_) or (t.lemma_ and known(t.lemma_.lower()))) and \
                    not _patterns_decided(doc, i, rules, actors):
                return True
        return False

    def detect(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each sentence, the detector's score for every PLOVER type."""
        with one_thread(self._pools):
            return [dict(doc.cats) for doc in self.nlp.pipe(texts, batch_size=256)]

    def draft(self, doc: Doc, actors: Sequence[Resolved], cats: Mapping[str, float], rules: RuleSet,
              patterns_saw: bool = True, places: Mapping[int, tuple[str, str]] | None = None) -> list[DraftEvent]:
        """The event the detector finds in a sentence (parsed), or None. A sentence
        ``patterns_saw`` was parsed and coded by the patterns before the detector ran.
        Two events when the sides act on each other ("fighting between A and B").

        The model's best type when it reaches the threshold and a trigger word of the
        type stands in the sentence (a *model* event); else the main trigger word of
        ``triggers.tsv`` reported as done, typed by the model among the types listing
        the word, unless the model is sure the sentence reports another type (a
        *trigger* event). ``places`` (token -> place name and country) give an act
        that falls where it happens its target there ("homes were set ablaze in an
        attack on a village in Plateau State": NGA)."""
        made = self._draft(doc, actors, cats, rules, patterns_saw)
        return [_placed_target(doc, d, places, rules) if d.target is None and places else d for d in made]

    def more(self, doc: Doc, actors: Sequence[Resolved], cats: Mapping[str, float], rules: RuleSet,
             kinds: set[str], used: set[int], places: Mapping[int, tuple[str, str]] | None = None) -> list[DraftEvent]:
        """Model events of a sentence the patterns coded: each type the model gives at least
        :data:`MORE` that no coded event has ("police fired tear gas, and several arrests
        were made": the firing coded, the arrests not), on a trigger word of its own. ``kinds``
        are the coded events' PLOVER types, ``used`` their verb tokens. Not on what those
        verbs speak of ("rejected accusations by Amnesty"), nor in a clause that describes
        a noun, which tells the background ("raids in which 20 people were killed")."""
        skip = _actor_words(doc, actors) | used
        skip |= {t.i for t in doc if _spoken_of(t, used)}
        # not in a clause that describes a noun, nor a participle that modifies one ("rescued
        # 20 kidnapped children": done before, by others)
        skip |= {t.i for t in doc if t.dep_ == "amod" or any(a.dep_ in ("relcl", "acl") for a in (t, *t.ancestors))}
        out: list[DraftEvent] = []
        for label, score in sorted(cats.items(), key=lambda kv: -kv[1]):
            if score >= LISTED and label not in kinds:
                # below MORE only on a noun a row of its verb names as that type's act ("...,
                # and a curfew has since been imposed": a row the patterns matched with no one to code)
                out += self._model_event(doc, actors, label, score, rules, True, skip, listed=score < MORE)
        return [_placed_target(doc, d, places, rules) if d.target is None and places else d for d in out]

    def _draft(self, doc: Doc, actors: Sequence[Resolved], cats: Mapping[str, float], rules: RuleSet,
               patterns_saw: bool) -> list[DraftEvent]:
        if not cats:
            return []
        label, score = max(cats.items(), key=lambda kv: kv[1])
        named = _actor_words(doc, actors)
        if score >= self.threshold:
            made = self._model_event(doc, actors, label, score, rules, patterns_saw, named)
            if made:
                return made
        for trig in lexical.triggers(doc, rules):
            if trig.token in named or (patterns_saw and _patterns_decided(doc, trig.token, rules, actors)):
                continue
            if _reported(doc, trig.token, rules.cues.forms):
                if not _past(doc[trig.token], rules.lexicon.modals):
                    continue
                # what a source reports: its doers are in the report, not the one telling it
                actors = _within(doc, trig.token, actors, rules.cues.forms)
            kind = max(trig.types, key=lambda p: cats.get(p, 0.0))
            if score >= VETO and label not in trig.types and not lexical.stoppage(doc[trig.token], rules.lexicon):
                return []  # the model reads another kind of event in the sentence (not in "a general strike")
            if cats.get(kind, 0.0) < self.threshold and _awaits_doers(doc, trig.token, rules):
                continue  # "fans gathered outside the stadium": its rows wait for protesters, the model saw none
            p = cats.get(kind, 0.0)
            return self._make(doc, actors, trig.token, kind, p, rules,
                              f"triggers.tsv {trig.word} -> {kind} p={p:.2f}")
        return []

    def _model_event(self, doc: Doc, actors: Sequence[Resolved], label: str, score: float,
                     rules: RuleSet, patterns_saw: bool, named: set[int], listed: bool = False) -> list[DraftEvent]:
        """The model's event of type ``label`` on its first trigger word that is done; with
        ``listed`` only on a noun a row of its verb names as an act of that type."""
        learned, words_of = self.triggers.get(label, frozenset()), rules.triggers.of(label)

        def is_trigger(w: str) -> bool:
            return w in learned or w in words_of

        if lexical.off_topic(doc, rules):
            return []
        words = [t for t in doc if (is_trigger(t.lower_) or (t.lemma_ and is_trigger(t.lemma_.lower())))
                 and not lexical.hyphen_modifier(t) and not (label != "PROTEST" and lexical.stoppage(t, rules.lexicon))
                 and not any(c.dep_ == "compound" and c.lower_ in rules.lexicon.press_modifiers for c in t.children)]
        if any(lexical.charged_with(t, rules.lexicon.charge_heads) for t in words):
            return []  # "a guard was convicted of killing inmates": the kind the model reads is a charge
        if listed:
            words = [t for t in words if _row_type(doc, t.i, rules) == label]
        trigger = next((t.i for t in words if t.i not in named and lexical.done(doc, t.i, rules)
                        and not (patterns_saw and _patterns_decided(doc, t.i, rules, actors))), None)
        if trigger is None:
            return []
        if _reported(doc, trigger, rules.cues.forms):
            if not _past(doc[trigger], rules.lexicon.modals):
                return []
            actors = _within(doc, trigger, actors, rules.cues.forms)  # "fighting has left 20 dead, police said"
        return self._make(doc, actors, trigger, label, score, rules, f"model:{self.name} {label} p={score:.2f}")

    def _make(self, doc: Doc, actors: Sequence[Resolved], trigger: int, label: str, score: float,
              rules: RuleSet, rule: str) -> list[DraftEvent]:
        if lexical.by_hazard(doc[trigger], rules.lexicon, violence=label == "ASSAULT"):
            return []  # "landslides buried villages, killing 150", "the earthquake struck": no one acted
        if label == "THREATEN" and lexical.hazard_foretold(doc[trigger], rules.lexicon):
            return []  # "warned that the drought would destroy harvests": a forecast
        # the press is where news is told, rarely who acts in it ("told reporters")
        actors = [a for a in actors if a.role != "MED"]
        source, target = _participants(doc, actors, trigger, rules.lexicon.locative_preps, rules.lexicon.victim_verbs,
                                       givers=(rules.lexicon.reaction_verbs | rules.lexicon.converse_verbs)
                                       if label in rules.lexicon.giver_types else frozenset())
        if source is None and target is not None and label in rules.lexicon.self_acting_types:
            source, target = target, None  # "fighters have been demobilized": they stood down
        if label in rules.lexicon.giver_types and lexical.thing_agent(doc[trigger], rules.lexicon):
            return []  # "shares rose, helped by lower costs": what helped is no one
        if source is None:
            if target is None and label not in rules.lexicon.actorless_types:
                return []  # "the deal", "talks were held": an agreement of nobody is no event
            source = unidentified(doc, trigger, actors, rules)
        code = self.codes.get(label) or base_code(rules, label)
        known = _pattern_of_object(doc, trigger, rules)
        if known is not None:  # "the talks were postponed": the verb says what befell the talks
            code, rule = known.code, f"{rule} [{known.where} -> {known.code}]"
        if code is None or code not in rules.cameo:
            return []
        target = _not_a_venue(source, target, code, rules)
        sides = _between(doc, trigger, actors)
        if sides is not None and (source.actor.code is None or source.how == "unidentified"
                                  or source.actor.code in (sides[0].actor.code, sides[1].actor.code)):
            # "fighting between the army and the RSF", "talks between A and B": each side
            # acts on the other
            a, b, rule = *sides, f"{rule} [between -> both ways]"
            return [DraftEvent(s, t, code, (trigger,), False, round(score, 3), rule) for s, t in ((a, b), (b, a))]
        return [DraftEvent(source, target, code, (trigger,), negated=False, confidence=round(score, 3), rule=rule)]


def _not_a_venue(source: Participant, target: Participant | None, code: str,
                 rules: RuleSet) -> Participant | None:
    """"Mediators met in Nairobi": the place of a meeting is no side of it for those at
    home there (``home_venue``)."""
    if (target is not None and target.how == "location" and rules.conventions.applies("meeting_venue", code)
            and home_venue(target.actor.country, [source.actor.country])):
        return None
    return target


def _placed_target(doc: Doc, d: DraftEvent, places: Mapping[int, tuple[str, str]], rules: RuleSet) -> DraftEvent:
    """The country where an act with no target happened, as its target, for the codes of
    the convention ``location_target``: the places named after a preposition of place,
    when they are all in one country."""
    if not rules.conventions.applies("location_target", d.code) or not doc.has_annotation("DEP"):
        return d
    lex = rules.lexicon
    at = [i for i in sorted(places) if in_place_phrase(doc[i], lex.locative_preps, lex.place_nouns)]
    if not at or len({places[i][1] for i in at}) != 1:
        return d
    start = end = at[0]
    while end + 1 in places and places[end + 1] == places[start]:
        end += 1
    name, iso3 = places[start]
    return replace(d, target=Participant.location(name, iso3, start, end + 1, end))


def _pattern_of_object(doc: Doc, trigger: int, rules: RuleSet) -> Pattern | None:
    """The pattern row of the verb whose object (or passive subject) the trigger noun is,
    when that row names the noun: "the talks were postponed" is a halt to negotiations
    (164), not a consultation; "carried out an attack" keeps what the noun says."""
    t = doc[trigger]
    if not doc.has_annotation("DEP") or t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in ("dobj", "nsubjpass"):
        return None
    v = t.head
    f = features(v, rules.lexicon)
    noun = t.lemma_.lower()
    for lemma in verb_candidates(v, rules.verbs, rules.lexicon):
        p = lookup(rules.verbs, lemma, f)
        if p is not None and noun in p.objects and p.code in rules.cameo and not p.note.startswith("light"):
            return p
    return None


def _row_type(doc: Doc, trigger: int, rules: RuleSet) -> str | None:
    """The PLOVER type of the row of the verb that names the trigger noun as its object."""
    p = _pattern_of_object(doc, trigger, rules)
    return rules.cameo[p.code].plover if p is not None else None


def _patterns_decided(doc: Doc, trigger: int, rules: RuleSet, actors: Sequence[Resolved] = ()) -> bool:
    """A verb the pattern table knows, used as a verb with a doer the patterns could code
    (a known actor or a pronoun): the patterns saw it and chose not to code it ("Japan
    called China" is not "called on"), so the detector does not either. Without such a
    doer ("shops were looted", "fans torched cars") the patterns could not code it."""
    rows = _verb_rows(doc, trigger, rules)
    if rows is None:  # not a pattern verb used as a verb, or a sentence the patterns never parsed
        return _object_decided(doc, trigger, rules, actors)
    if rows and all(p.doers for p in rows):
        return False  # "residents gathered to protest": the rows wait for protesters; the model may still see one
    t = doc[trigger]
    if rows and all(p.objects for p in rows):
        # every row wants its own objects ("lob" shells): decided only when one was there
        # ("expressed concern about the economy": a comment with no target, left uncoded)
        there = {c.lemma_.lower() for c in t.children if c.dep_ in ("dobj", "nsubjpass")}
        if not any(there & p.objects for p in rows):
            return False
    return _codable_doer(doc, t, rules, actors)


def _object_decided(doc: Doc, trigger: int, rules: RuleSet, actors: Sequence[Resolved]) -> bool:
    """A noun that a row of its verb for a public statement (convention ``statement``) names
    as the object, the verb with a doer the patterns could code ("the embassy released a
    statement": a statement about no one, left uncoded; not an act the model may type anew)."""
    t = doc[trigger]
    if not doc.has_annotation("DEP") or t.pos_ != "NOUN" or t.dep_ != "dobj" or t.head.pos_ != "VERB":
        return False
    v, noun = t.head, t.lemma_.lower()
    f = features(v, rules.lexicon)
    named = any(p is not None and noun in p.objects and rules.conventions.applies("statement", p.code)
                for p in (lookup(rules.verbs, lemma, f) for lemma in verb_candidates(v, rules.verbs, rules.lexicon)))
    return named and _codable_doer(doc, v, rules, actors)


def _codable_doer(doc: Doc, t: Token, rules: RuleSet, actors: Sequence[Resolved]) -> bool:
    who = doer(t)
    if who is None:
        return False
    return who.pos_ == "PRON" or any(a.tok_start <= who.i < a.tok_end for a in actors) or \
        uncoded_doer(doc, t, actors, rules) is not None


def _verb_rows(doc: Doc, trigger: int, rules: RuleSet) -> list[Pattern] | None:
    """The verb-table rows of the trigger, a pattern verb used as a verb in a parsed
    sentence; None when it is not one."""
    t = doc[trigger]
    if t.lower_ not in rules.verbs.forms or not doc.has_annotation("DEP") or t.pos_ not in ("VERB", "AUX"):
        return None
    return [p for v in rules.verbs.lemmas_of.get(t.lower_, ()) for p in rules.verbs.by_verb.get(v, ())]


def _awaits_doers(doc: Doc, trigger: int, rules: RuleSet) -> bool:
    """A pattern verb, used as a verb, whose every row names its doers ("gather" by
    protesters): an event only with those doers, or when the model reads one."""
    rows = _verb_rows(doc, trigger, rules)
    return bool(rows) and all(p.doers for p in rows)


def _actor_words(doc: Doc, actors: Sequence[Resolved]) -> set[int]:
    """Tokens of actor names that cannot be an event's trigger: "clashes between police and
    protesters" is no protest by the police. A verb's object stays one ("scrambled
    fighter jets": what was sent is the act), and so does a verb a name ran over."""
    parsed = doc.has_annotation("DEP")
    return {i for a in actors if not (parsed and 0 <= a.head < len(doc) and doc[a.head].dep_ == "dobj")
            for i in range(a.tok_start, a.tok_end) if not (parsed and doc[i].pos_ == "VERB")}


def _past(t: Token, modals: frozenset[str] = frozenset()) -> bool:
    """A trigger told as past ("police said gunmen attacked"; "fighting has left 20 dead,
    police said": a noun, by the verb it is the subject or object of): what a source
    reports as done is news; what it says will or should happen is not."""
    if (t.pos_ in ("NOUN", "PROPN") or t.tag_ == "VBG") and t.dep_ in ("nsubj", "csubj", "nsubjpass", "dobj"):
        v = t.head
        return v.tag_ in ("VBD", "VBN") and not any(c.dep_ == "aux" and c.lower_ in modals for c in v.children)
    return t.pos_ == "VERB" and t.tag_ in ("VBD", "VBN")


def _within(doc: Doc, trigger: int, actors: Sequence[Resolved], cues: frozenset[str]) -> list[Resolved]:
    """The actors inside the reported clause that holds ``trigger``."""
    clause = doc[trigger]
    while clause.head.i != clause.i and not (clause.head.lower_ in cues or clause.head.lemma_.lower() in cues):
        clause = clause.head
    inside = {t.i for t in clause.subtree}
    return [a for a in actors if a.head in inside]


def _reported(doc: Doc, trigger: int, cues: frozenset[str]) -> bool:
    """The trigger stands in what someone says ("X told reporters that the talks ..."):
    reported speech is coded by the statement rules, not as an event that happened."""
    if doc.has_annotation("DEP"):
        child = doc[trigger]
        for t in doc[trigger].ancestors:
            # "fighting was reported near Oicha": what is reported as a passive subject is
            # the news itself, not someone's words
            if (t.lower_ in cues or t.lemma_.lower() in cues) and child.dep_ != "nsubjpass":
                return True
            child = t
        return False
    return any(t.lower_ in cues for t in doc[:trigger])


def _participants(doc: Doc, actors: Sequence[Resolved], trigger: int, locative: frozenset[str] = frozenset(),
                  victim_verbs: frozenset[str] = frozenset(), givers: frozenset[str] = frozenset(),
                  ) -> tuple[Participant | None, Participant | None]:
    """Source and target around the trigger. An actor named as a place ("in Mogadishu",
    "near Kyiv": the object of a preposition of ``locative``) never acts; as the target
    it stands for the country where the event happened, not its government. For the kinds
    of act one side gives another (``givers``: the verbs a reaction or a gift is had by),
    a noun's "from" phrase names the doer and the clause's subject is the target ("the
    decree drew criticism from the EU")."""
    placed = {id(a) for a in actors if doc.has_annotation("DEP") and _placed(doc, a, locative)}
    scope = _clause(doc, trigger)
    before = [a for a in actors if a.tok_end <= trigger and id(a) not in placed and (scope is None or a.head in scope)]
    after = [a for a in actors if a.tok_start > trigger]
    by = _noun_agent(doc, trigger, after)
    if by is not None:  # "the shelling of Donetsk by Ukrainian forces"
        return _part(by), _first_target([a for a in after if a is not by], placed)
    given = _given(doc, trigger, before, after, givers)
    if given is not None:
        return given
    passive = _undergoers(doc, trigger, before, victim_verbs)
    if passive:
        agent = [a for a in after if doc[a.head].head.dep_ == "agent"]
        return (_part(agent[0]) if agent else None), _part(passive[-1])
    if not before or _agentless_passive(doc, trigger):
        # "returned home after the curfew was lifted": nobody named lifted it
        return None, _first_target(after, placed)
    src = before[-1]
    tgt = next((a for a in after if (a.country if id(a) in placed else a.code) != src.code), None)
    return _part(src), (_target(tgt, placed) if tgt else None)


def _agentless_passive(doc: Doc, trigger: int) -> bool:
    """The trigger is a passive verb whose clause names no doer ("the curfew was lifted")."""
    t = doc[trigger]
    return (doc.has_annotation("DEP") and t.pos_ == "VERB"
            and any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
            and not any(c.dep_ == "agent" for c in t.children))


def _noun_agent(doc: Doc, trigger: int, after: Sequence[Resolved], prep: str = "by") -> Resolved | None:
    """The actor a trigger noun's "by" phrase (or ``prep``'s) names, or that of a participle
    on it or that is it ("a bomb planted by militants"): who did it."""
    t = doc[trigger]
    if not doc.has_annotation("DEP") or not (t.pos_ == "NOUN" or (t.tag_ == "VBN" and prep == "by")):
        return None
    heads = [t, *(c for c in t.children if prep == "by" and c.dep_ == "acl" and c.tag_ == "VBN")]
    agents = {g.i for h in heads for c in h.children if (c.dep_ == "prep" and c.lower_ == prep) or c.dep_ == "agent"
              for g in c.children if g.dep_ == "pobj"}
    return next((a for a in after if a.head in agents), None)


def _spoken_of(t: Token, used: set[int]) -> bool:
    """``t`` is what a coded verb (``used``) speaks of: its object or phrase, or the phrase of
    its object ("expressed outrage at the attack")."""
    h = t.head
    if h.i in used:
        return True
    return h.dep_ == "prep" and (h.head.i in used or (h.head.dep_ in ("dobj", "pobj") and h.head.head.i in used))


def _given(doc: Doc, trigger: int, before: Sequence[Resolved], after: Sequence[Resolved],
           verbs: frozenset[str]) -> tuple[Participant, Participant | None] | None:
    """Who gave the reaction or the gift a trigger noun names (its "from" phrase), and to
    whom: the clause's subject ("the decree drew criticism from the EU"); None when the
    kind of act is none that is given (no ``verbs``)."""
    giver = _giver(doc, trigger, after, verbs) if verbs else None
    if giver is None:
        return None
    subject = next((a for a in before if doc[a.head].dep_ in ("nsubj", "nsubjpass")), None)
    return _part(giver), (_part(subject) if subject is not None and subject.code != giver.code else None)


def _giver(doc: Doc, trigger: int, after: Sequence[Resolved], verbs: frozenset[str]) -> Resolved | None:
    """The actor a trigger noun came "from" ("criticism from France"), also when the parse
    hangs the phrase on the verb the noun is had by ("drew a rebuke from France")."""
    found = _noun_agent(doc, trigger, after, "from")
    t = doc[trigger]
    if found is not None or t.dep_ != "dobj" or t.head.lemma_.lower() not in verbs:
        return found
    by = {g.i for c in t.head.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"}
    return next((a for a in after if a.head in by), None)


def _undergoers(doc: Doc, trigger: int, before: Sequence[Resolved],
                victim_verbs: frozenset[str] = frozenset()) -> list[Resolved]:
    """The actors before the trigger that it was done to: the passive subject, the noun
    a participle describes ("engineers kidnapped last month"), or the subject of a verb
    of suffering (``victim_verbs``) the act is the object or the phrase of ("20 people
    died in the attack", "thousands fled the fighting")."""
    if not doc.has_annotation("DEP"):
        return []
    t = doc[trigger]
    if t.dep_ == "acl" and t.tag_ == "VBN":
        described = [a for a in before if t.head.left_edge.i <= a.head <= t.head.i]
        if described:
            return described
    v = t.head.head if t.dep_ == "pobj" else t.head if t.dep_ == "dobj" else None
    if v is not None and v.lemma_.lower() in victim_verbs:
        subjects = {g.i for c in v.children if c.dep_ in ("nsubj", "nsubjpass") for g in c.subtree}  # "thousands of people"
        suffered = [a for a in before if a.head in subjects]
        if suffered:
            return suffered
    return [a for a in before if doc[a.head].dep_ == "nsubjpass"] or _inside_passive_subject(t, before)


def _inside_passive_subject(t: Token, before: Sequence[Resolved]) -> list[Resolved]:
    """"hundreds of villagers were massacred", "were deported and massacred": the actor
    inside the passive subject, of this verb or of the verbs it shares one with."""
    subject = {g.i for h in (passive_chain(t) or [t]) for c in h.children if c.dep_ == "nsubjpass" for g in c.subtree}
    return [a for a in before if a.head in subject]


def _between(doc: Doc, trigger: int, actors: Sequence[Resolved]) -> tuple[Participant, Participant] | None:
    """The two sides of "between A and B" (or "among") hanging on the trigger noun or on
    the trigger verb's subject ("fighting between A and B killed dozens"), when both are
    known actors of different codes."""
    if not doc.has_annotation("DEP"):
        return None
    by_head = {a.head: a for a in actors}
    t = doc[trigger]
    heads = [t, *(c for c in t.children if c.dep_ in ("nsubj", "csubj") and c.pos_ in ("NOUN", "VERB"))]
    for prep in (c for h in heads for c in h.children):
        if prep.dep_ != "prep" or prep.lower_ not in ("between", "among", "amongst"):
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            sides = [by_head[x.i] for x in (obj, *obj.conjuncts) if x.i in by_head]
            if len(sides) >= 2 and sides[0].code != sides[1].code:
                return _part(sides[0]), _part(sides[1])
    return None


def _clause(doc: Doc, trigger: int) -> set[int] | None:
    """The tokens of the clause a trigger noun stands in, where its doer is named: "people
    fled as fighting intensified" (the people did not fight). A clause without a subject
    of its own shares the one above it ("stepped up its offensive, launching strikes").
    None for a verb trigger or an unparsed sentence."""
    t = doc[trigger]
    if not doc.has_annotation("DEP") or (t.pos_ == "VERB" and t.dep_ not in ("nsubj", "nsubjpass", "csubj")):
        return None  # a verb, unless a gerund as subject ("as fighting intensified")
    h = t.head if t.pos_ == "VERB" else t
    # a participle that works as a preposition ("following the deal") heads no clause
    while h.head.i != h.i and (h.pos_ not in ("VERB", "AUX") or h.dep_ in ("prep", "agent")):
        h = h.head
    while (h.head.i != h.i and h.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl", "pcomp")
           and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in h.children)):
        h = h.head
    return {x.i for x in h.subtree}


def _first_target(after: Sequence[Resolved], placed: set[int]) -> Participant | None:
    """With no doer named: the first actor after the trigger that is not a place ("rallied
    in Belgrade against the government": the government), else the first place."""
    unplaced = [a for a in after if id(a) not in placed]
    first = unplaced[0] if unplaced else after[0] if after else None
    return _target(first, placed) if first is not None else None


def _placed(doc: Doc, a: Resolved, locative: frozenset[str]) -> bool:
    """A country or capital named as where something happened ("in Syria", "near
    Kyiv"); not a group in a place phrase ("in Israeli police custody")."""
    if not ((a.kind == "country" and a.how != "demonym") or a.how == "capital"):
        return False
    return in_place_phrase(doc[a.head], locative)


def _target(a: Resolved, placed: set[int]) -> Participant | None:
    if id(a) not in placed:
        return _part(a)
    return Participant.location(a.name, a.country, a.tok_start, a.tok_end, a.head) if a.country else None


def _part(r: Resolved) -> Participant:
    return Participant(r, r.tok_start, r.tok_end, "")


@functools.lru_cache(maxsize=64)
def _base_codes(cameo_items: tuple[tuple[str, str | None], ...]) -> Mapping[str, str]:
    out: dict[str, str] = {}
    # a root's general code (180, 110, ...) first, then any three-digit code
    for code, plover in sorted(cameo_items, key=lambda cp: (not cp[0].endswith("0"), cp[0])):
        if plover and len(code) == 3 and plover not in out:
            out[plover] = code
    return out


def base_code(rules: RuleSet, plover: str) -> str | None:
    """The CAMEO code a model event of a PLOVER type gets: the lowest general code of a
    root (ending in 0) of that type, else its lowest three-digit code (ASSAULT -> 180)."""
    items = tuple((c.code, c.plover) for c in rules.cameo.values())
    return _base_codes(items).get(plover)


def _read_pairs(path: Path) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#") and "\t" in line:
                label, word = line.split("\t")[:2]
                out.setdefault(label, set()).add(word.strip().lower())
    return {k: frozenset(v) for k, v in out.items()}
