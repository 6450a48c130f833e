"""Events from one parsed sentence: (source, verb, target) -> CAMEO via verb patterns.

For every verb we read its subject (or passive agent), its particle and prepositions,
its object and its to-infinitive (:mod:`~tidings.coding.features`), look the combination
up in the pattern table, and code an event between the actors in those positions
(:mod:`~tidings.coding.participants`, :mod:`~tidings.coding.targets`) under the coding
conventions (:mod:`~tidings.coding.conventions`). Then the other kinds of events: reported
speech coded by its content, protests and fights named as nouns, meetings named as nouns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from tidings.coding.commands import commanded_act
from tidings.coding.conventions import Mood, draft, negated
from tidings.coding.drafts import (
    OBJ,
    PASS_SUBJ,
    SUBJ,
    DraftEvent,
    Participant,
    Salience,
    acts_on_each_other,
    dedup,
    dyad,
    is_main,
    prune,
    told_twice,
)
from tidings.coding.features import features, lookup, noun_lemma, verb_candidates
from tidings.coding.lexical import (
    asks_a_question,
    by_hazard,
    done,
    hazard_foretold,
    no_act_between,
    object_kinds,
)
from tidings.coding.nouns import NounActs
from tidings.coding.participants import Participants
from tidings.coding.partners import partner_events, said_joint, with_phrase
from tidings.coding.references import referred_sides
from tidings.coding.sources import Sources
from tidings.coding.targets import targets
from tidings.extract.actors import Resolved
from tidings.rules import RuleSet
from tidings.rules.verbs import NOT_AN_EVENT, Pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["DraftEvent", "Participant", "Salience", "SentenceCoder"]


class SentenceCoder:
    """Codes one parsed sentence. ``actors`` are in the sentence's token offsets."""

    def __init__(self, doc: Doc, actors: Sequence[Resolved], sent_index: int, salience: Salience,
                 rules: RuleSet, place_country: dict[int, tuple[str, str]] | None = None) -> None:
        self.doc = doc
        self.rules = rules
        self.conv = rules.conventions
        self.mood = Mood(rules.lexicon)
        self.parts = Participants(doc, actors, sent_index, salience, rules.lexicon, place_country or {},
                                  rules.patient_nouns)
        self.nouns = NounActs(doc, rules, self.parts)
        self.sources = Sources(doc, rules, self.parts, self.nouns)

    # what the speaker attribution borrows
    def subjects(self, v: Token) -> tuple[list[Participant], bool]:
        return self.parts.subjects(v)

    def actors_at(self, tok: Token) -> list[Participant]:
        return self.parts.actors_at(tok)

    # -- coding ----------------------------------------------------------------------------
    def code(self) -> list[DraftEvent]:
        out: list[DraftEvent] = []
        consumed: set[int] = set()
        for v in self.doc:
            if v.i not in consumed:
                out.extend(self._verb(v, consumed))
        out.extend(self._statements({e.verb_tokens[0] for e in out if e.target is not None and e.verb_tokens}))
        out = self._purpose_of_protest(out)
        out.extend(self.nouns.happening_nouns(consumed))
        # a noun event that repeats a verb event's dyad adds nothing ("met ... for talks")
        out.extend(self.nouns.noun_events(consumed, {dyad(e) for e in out}))
        dyads = {dyad(e) for e in out}
        out.extend(e for e in self.nouns.agent_nouns(consumed) if dyad(e) not in dyads)
        out.extend(self.nouns.reactions())
        out.extend(self.nouns.dispersed(out) + partner_events(self.doc, self.parts, self.rules, out))
        out.extend(self.nouns.behests())
        out = told_twice(prune(dedup([e for e in self._no_vowed_cooperation(out) if not self._not_an_attack(e)]),
                               self.doc, lambda code: self.conv.applies("side_act", code),
                               self.rules.lexicon.crowd_words), self.doc)
        # an act between two sides is its own event: it prunes no side clause's act
        used = consumed | {i for e in out for i in e.verb_tokens}
        # the fighting a truce ends ("agreed to a ceasefire after two days of fighting")
        # is told to explain the truce: reported in its own news, not coded again here
        truce = any(self.conv.applies("truce", e.code) for e in out)
        between = self.nouns.between_nouns(used) + [
            e for e in self.nouns.spell_nouns(used) if not (truce and e.code[:2] in ("18", "19"))]
        out = dedup(out + [e for e in between if not self._not_an_attack(e)])
        self._remember(out)
        return out

    def _remember(self, events: Sequence[DraftEvent]) -> None:
        """Tell the article who asked or offered something in this sentence ("rejected the
        proposal" after it), and who did which act ("condemned the strike" after it)."""
        at = self.parts.sent_index
        self.parts.salience.proposed_in(at, [e.source.actor for e in events if self.conv.applies("proposal", e.code)])
        self.parts.salience.did_in(at, [(e.code, e.source.actor) for e in events if e.source.how != "location"])

    def _no_vowed_cooperation(self, events: list[DraftEvent]) -> list[DraftEvent]:
        """"vowed to defy the ruling", "pledged to resist": a promise whose infinitive is
        coded as a conflict (CAMEO 10-20), or is a verb the pattern table knows only as
        conflict, is no intent to cooperate (03x); "vowed not to attack" is one."""
        if not any(e.code.startswith("03") for e in events):
            return events
        conflict = {e.verb_tokens[0] for e in events if e.verb_tokens and "10" <= e.code[:2] <= "20"}
        by_verb = self.rules.verbs.by_verb
        # a verb the table knows only as conflict, on any object ("vowed to resist"; not "agreed
        # to lead a police mission": "lead" is conflict only of a protest)
        conflict |= {t.i for t in self.doc if t.dep_ == "xcomp" and by_verb.get(t.lemma_.lower()) and not negated(t)
                     and all("10" <= p.code[:2] <= "20" for p in by_verb[t.lemma_.lower()])
                     and any(not p.objects for p in by_verb[t.lemma_.lower()])}
        return [e for e in events if not (e.code.startswith("03") and e.verb_tokens and any(
            c.dep_ == "xcomp" and c.i in conflict for c in self.doc[e.verb_tokens[0]].children))]

    def _not_an_attack(self, e: DraftEvent) -> bool:
        """Violence (or an evacuation: convention ``hazard_act``) a hazard did ("killed in a
        stampede", "wildfires forced thousands to evacuate") or done to animals ("villagers
        killed a leopard"; seizing livestock is still a seizure), or a match report; a
        warning of what a hazard will do ("warned that the drought would kill livestock")
        is no threat."""
        lex = self.rules.lexicon
        if e.code[:2] == "13" and e.verb_tokens:
            return hazard_foretold(self.doc[e.verb_tokens[0]], lex)
        if not self.conv.applies("hazard_act", e.code) or not e.verb_tokens:
            return False
        v = self.doc[e.verb_tokens[0]]
        violence = e.code[:2] in ("18", "19", "20")
        to_animals = violence and not e.code.startswith("192") and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lex.animals for c in v.children)
        return by_hazard(v, lex, causes=violence) or to_animals or self._a_match(e)

    def _a_match(self, e: DraftEvent) -> bool:
        """A match report on countries' teams ("Pakistan were crushed by Bangladesh by 10
        wickets", "India's cricketers were thrashed", "Nigeria crushed Ghana 3-0")."""
        lex = self.rules.lexicon
        teams = all(p.actor.kind == "country" and not p.actor.role for p in (e.source, e.target) if p is not None)
        return teams and (any(t.lower_ in lex.sports_context for t in self.doc) or _score(self.doc))

    def _pattern(self, v: Token) -> tuple[str, Pattern] | None:
        """The verb-table row verb ``v`` matches (lemma, row), from its own words, its bidding or asking."""
        verbs = self.rules.verbs
        candidates = verb_candidates(v, verbs, self.rules.lexicon)
        f = object_kinds(v, features(v, self.rules.lexicon), self.parts.by_token) if candidates else None
        matched = next(((lemma, p) for lemma in candidates
                        if (p := lookup(verbs, lemma, f, doers=lambda want: self._done_by(v, want)))), None)
        if matched is None or not (matched[1].to and matched[1].objects):
            matched = self._bidden(v) or matched
        return matched or self._asked_with_purpose(v)

    def _verb(self, v: Token, consumed: set[int]) -> list[DraftEvent]:
        """The events of one verb; marks the tokens its pattern used up."""
        matched = self._pattern(v)
        if matched is None or asks_a_question(v, self.rules.lexicon):
            return self._unmatched(v, consumed) if matched is None else []
        lemma, pattern = matched
        objects = {c.i for c in v.children if c.dep_ in OBJ}
        if lemma in self.rules.lexicon.ergative_verbs and not objects and not any(
                c.dep_ in PASS_SUBJ or c.dep_ in ("auxpass", "agent") for c in v.children):
            return []  # "the ferry sank", "the embassy burned": what befell the subject, by nobody named
        if pattern.code == NOT_AN_EVENT:
            consumed |= objects
            return []
        if pattern.specificity == 1 and self._answered_by_means(v):
            return []  # "retaliated by halting imports": the halt is the answer
        noun = self._announced(v, lemma, pattern)
        if noun is not None:
            consumed.add(noun[1].i)
            return self._events(v, noun[0], noun_token=noun[1])
        if pattern.to:
            consumed |= {c.i for c in v.children if c.dep_ == "xcomp"}
        if self.conv.applies("reported_act", pattern.code):
            # "condemned the abduction of schoolgirls by Boko Haram": the abduction happened
            objects -= self.nouns.reported_acts(v)
        consumed |= objects  # the verb's object noun is coded with the verb ("called off the strike")
        return self._events(v, pattern)

    def _announced(self, v: Token, lemma: str, pattern: Pattern) -> tuple[Pattern, Token] | None:
        """"Announced a suspension of air links with Serbia", "ordered a blockade of the port":
        after a verb of announcing the noun is the event; but "told a rally" names an
        audience, not an act. A noun row that says more than the verb's own row wins over
        it ("announced its withdrawal from the bloc" is leaving the bloc, not a retreat)."""
        if lemma not in self.rules.lexicon.announce_verbs:
            return None
        noun = self._event_object(v)
        if noun is not None and (self.conv.applies("statement", pattern.code) or pattern.specificity == 1
                                 or noun[0].specificity > pattern.specificity):
            return noun
        return None

    def _answered_by_means(self, v: Token) -> bool:
        """A verb of answering (lexicon ``response_verbs``) with a gerund of means ("responded
        by expelling", "retaliated by halting"): the gerund tells the act."""
        lex = self.rules.lexicon
        return v.lemma_.lower() in lex.response_verbs and any(
            g.dep_ == "pcomp" and g.tag_ == "VBG" for c in v.children
            if c.dep_ == "prep" and c.lower_ in lex.means_preps for g in c.children)

    def _bidden(self, v: Token) -> tuple[str, Pattern] | None:
        """"Ordered troops to fire on the crowd": after a verb of bidding (``bidding_heads``)
        a row that names the infinitive says what was ordered, whatever the row of the one
        bidden ("ordered troops to the border" is a deployment) would say; a row naming both
        ("ordered the envoy to leave") is found without it."""
        lex = self.rules.lexicon
        lemma = v.lemma_.lower()
        if lemma not in lex.bidding_heads or not any(c.dep_ == "xcomp" for c in v.children):
            return None
        p = lookup(self.rules.verbs, lemma, features(v, lex, bidding=True))
        if p is not None and p.to and p.objects:
            return lemma, p
        # "ordered them to block X", "ordered the ministry to release 50 million cedis": the
        # infinitive's own row says more than a row that names the infinitive alone
        p = commanded_act(v, self.rules) or (p if p is not None and p.to else None)
        return (lemma, p) if p is not None else None

    def _asked_with_purpose(self, v: Token) -> tuple[str, Pattern] | None:
        """"Called his Greek counterpart to assure him of support": a verb of asking whose
        infinitive no row reads is coded by a row that names its object, as without one."""
        lex = self.rules.lexicon
        lemma = v.lemma_.lower()
        if lemma not in lex.request_heads or not any(c.dep_ == "xcomp" for c in v.children):
            return None
        p = lookup(self.rules.verbs, lemma, features(v, lex, asking=False))
        return (lemma, p) if p is not None and p.objects else None

    def _unmatched(self, v: Token, consumed: set[int]) -> list[DraftEvent]:
        """The events of a verb no row of its own matches: what its subject underwent ("came
        under attack"), the act a light verb's object names ("launched a crackdown on the
        opposition": convention ``light_act``), or the act a phrase joins it to ("took part
        in the massacre")."""
        if v.lemma_.lower() in self.rules.lexicon.undergo_verbs:
            return self._undergone(v, consumed)
        noun = self._event_object(v) if v.lemma_.lower() in self.rules.lexicon.light_verbs else None
        if noun is None or not self.conv.applies("light_act", noun[0].code):
            noun = self._joined_event(v)
        if noun is None:
            return []
        consumed.add(noun[1].i)  # the noun is the event
        return self._events(v, noun[0], noun_token=noun[1])

    def _undergone(self, v: Token, consumed: set[int]) -> list[DraftEvent]:
        """"A UN convoy came under attack near Goma", "the town came under heavy
        shelling by rebels": an act of the ``agent_noun`` convention that the subject
        suffers (``undergo_verbs`` + "under"); its doer is the noun's, else the place where
        it happened, else no one named."""
        nouns = [g for c in v.children if c.dep_ == "prep" and c.lower_ == "under"
                 for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
        subj = [c for c in v.children if c.dep_ in SUBJ]
        pattern = self.nouns.noun_pattern(nouns[0], "agent_noun") if nouns and subj else None
        if pattern is None or negated(v) or not done(self.doc, v.i, self.rules):
            return []
        sufferers = self.parts.actors_at(subj[0])
        if not sufferers and subj[0].i in self.parts.place_country:  # "Kharkiv came under shelling"
            name, iso = self.parts.place_country[subj[0].i]
            sufferers = [Participant.location(name, iso, *self.parts.places.place_span(subj[0].i), subj[0].i)]
        sources = (self.nouns.noun_sources(nouns[0], inherit=False) or self.parts.places.implicit_place()
                   or [Participant.unnamed(v.i)])
        consumed.add(nouns[0].i)
        return [DraftEvent(s, t, pattern.code, (nouns[0].i,), False, 0.6, f"{pattern.rule} [came under]",
                           is_main(v, self.rules.cues.verbs))
                for s in sources for t in sufferers if not self.parts.itself(s, t)]

    def _done_by(self, v: Token, doers: frozenset[str]) -> bool:
        """Every subject of ``v`` is one of a row's doers: of a role ("protesters gathered":
        OPP) or named with one of its words ("Rwandan peacekeeping troops arrived"). "Fans
        gathered outside the stadium" is no protest."""
        subjects, passive = self.parts.subjects(v)
        if passive:
            return False
        subj = next((c for c in v.children if c.dep_ in SUBJ), None)
        said = self._words_at(subj.i) if subj is not None else set()  # "supporters of the president"
        if subjects:
            return all(_role(s.actor, self.doc) in doers or not doers.isdisjoint(
                said | self._words_at(s.actor.head) | {t.lemma_.lower() for t in self.doc[s.tok_start:s.tok_end]})
                for s in subjects)
        return not doers.isdisjoint(said)  # a doer no table knows

    def _words_at(self, head: int) -> set[str]:
        """The lemmas of a head noun and of the words before it ("peacekeeping troops")."""
        if not 0 <= head < len(self.doc):
            return set()
        h = self.doc[head]
        return {h.lemma_.lower()} | {c.lemma_.lower() for c in h.children if c.dep_ in ("compound", "amod") and c.i < h.i}

    def _event_object(self, v: Token) -> tuple[Pattern, Token] | None:
        lex = self.rules.lexicon
        for c in v.children:
            if c.dep_ not in OBJ:
                continue
            # "announced a new military aid package", "waged a campaign of bombings": the
            # modifier or the of-phrase of a light noun names the act
            mods, acts = [], []
            if c.lemma_.lower() in lex.light_nouns:
                mods = [m for m in c.children if m.dep_ == "compound" and m.i == c.i - 1]
                acts = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                        for g in p.children if g.dep_ == "pobj"]
            for n in (c, *mods, *acts):
                if noun_lemma(n) in self.rules.verbs.by_noun:
                    at = n if n in acts else c
                    p = lookup(self.rules.verbs, noun_lemma(n), object_kinds(at, features(at, lex), self.parts.by_token), nouns=True)
                    if p is not None and not self.conv.applies("statement", p.code):
                        return p, n if n in acts else c
        return None

    def _joined_event(self, v: Token) -> tuple[Pattern, Token] | None:
        """"took part in the crackdown", "were engaged in ethnic cleansing", "participated
        in the rally": a verb of ``participation_verbs`` whose "in" phrase is an event
        noun of the pattern table does that event."""
        lex = self.rules.lexicon
        lemma = v.lemma_.lower()
        if v.pos_ != "VERB" or lemma not in lex.participation_verbs:
            return None
        if lemma == "take" and not any(c.dep_ == "dobj" and c.lower_ == "part" for c in v.children):
            return None
        preps = [c for c in v.children if c.dep_ == "prep" and c.lower_ == "in"]
        preps += [g for c in v.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "prep" and g.lower_ == "in"]
        for n in (g for c in preps for g in c.children if g.dep_ == "pobj"):
            if noun_lemma(n) in self.rules.verbs.by_noun:
                p = lookup(self.rules.verbs, noun_lemma(n), features(n, lex), nouns=True)
                if p is None or self.conv.applies("statement", p.code):
                    continue
                # "took part in the strike": a word the trigger table lists for several
                # kinds of event (a strike by workers, an air strike) is left to the detector
                kinds = self.rules.triggers.types_of(n.lower_, "noun")
                if len(kinds) < 2:
                    return p, n
        return None

    def _draft(self, s: Participant, t: Participant | None, v: Token, pattern: Pattern) -> DraftEvent | None:
        own = self.mood.hypothetical(v) and self._own_word(v, s)  # only a "could" or "may" asks who says it
        d = draft(s, t, v, pattern, self.mood, self.conv, self.rules.cues.verbs, own)
        front = self.conv.recoded("sent_to_front", d.code) if d is not None else None
        if front is not None and self._to_the_front(v):  # "sent tanks to the border"
            d = replace(d, code=front, rule=f"{d.rule} [to the front -> {front}]")
        armed = self.conv.recoded("armed_source", d.code) if d is not None else None
        if armed is None or (s.actor.role or "")[:3] not in self.rules.lexicon.armed_roles:
            return d
        return replace(d, code=armed, rule=f"{d.rule} [armed -> {armed}]")  # "gunmen stormed a hotel"

    def _to_the_front(self, v: Token) -> bool:
        """Whether ``v`` sends something "to" a border or the front (lexicon ``front_words``)."""
        front = self.rules.lexicon.front_words
        return any(g.dep_ == "pobj" and g.lemma_.lower() in front
                   for c in v.children if c.dep_ in ("prep", "dative") and c.lower_ == "to" for g in c.children)

    def _own_word(self, v: Token, s: Participant) -> bool:
        """Whether the one who says the act may happen is the one who would do it: "Canada
        said it could impose sanctions", "Canada's minister said Ottawa could ..." (the
        speaker's country), not "Ukraine warned that Russia could invade"."""
        h = v.head
        if v.dep_ != "ccomp" or not (h.lower_ in self.rules.cues.forms or h.lemma_.lower() in self.rules.cues.verbs):
            return False
        if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in v.children):
            return False  # "could have stopped it": what might have been, not what may come
        speakers = self.parts.subjects(h)[0]
        # a speaker whose country was only borrowed from the article ("analysts said") is nobody's voice
        return bool(s.actor.country) and any(p.actor.country == s.actor.country and p.actor.how != "context"
                                             for p in speakers)

    def _events(self, v: Token, pattern: Pattern, noun_token: Token | None = None) -> list[DraftEvent]:
        if v.lemma_.lower() in self.rules.lexicon.converse_verbs and self.conv.applies("converse", pattern.code):
            given = self._received(v, pattern)
            if given is not None:
                return given
        sources, passive = self.sources.of(v, pattern)
        if not sources:
            return []
        if self.conv.applies("symmetric", pattern.code) and not passive:
            sources = self.parts.they_two(sources) or sources  # "They discussed trade"
        if (v.lemma_.lower() in self.rules.lexicon.reciprocal_verbs or acts_on_each_other(v)) and self.parts.mutual(
                v, pattern.code, self.conv, sources):
            # "Russia and Ukraine swapped prisoners", "accusing each other of harbouring
            # rebels": the sides act on each other; what they exchange or name is no target
            drafts = self._no_target(sources, v, pattern)
            return [d for d in drafts if d is not None and self._kept(d)]
        acted = [] if noun_token is not None else self.nouns.act_doers(v, pattern, sources)
        # an act between states: a source's borrowed country is not its target's (Participants.itself)
        self.parts.abroad = self.conv.applies("foreign_target", pattern.code)
        try:
            found = self.parts.placed(acted or targets(self.parts, noun_token or v, pattern, passive, self.conv, sources)
                                      or self._told_before(v, pattern, sources))
            joint = self._joint(v, pattern, sources, found)
            if joint is not None:
                return joint
            drafts = self._with_targets(sources, found, v, pattern) if found else self._no_target(sources, v, pattern)
            drafts += self._allied(v, pattern, sources)
        finally:
            self.parts.abroad = False
        return [d for d in drafts if d is not None and self._kept(d)]

    def _told_before(self, v: Token, pattern: Pattern, sources: list[Participant]) -> list[Participant]:
        """The targets of an act that names none, read from what was told before: the sides
        of an agreement or a fight, the doers of an act threatened, who proposed or accused."""
        return (referred_sides(self.parts, self.rules, v, pattern, sources)
                or self.nouns.threatened_doers(v, pattern, sources)
                or self.nouns.proposer(v, pattern, sources)
                or self.nouns.accuser(v, pattern, sources))

    def _joint(self, v: Token, pattern: Pattern, sources: list[Participant],
               found: list[Participant]) -> list[DraftEvent] | None:
        """"India and France held joint exercises", "Japan drilled with Australia": an act
        the ``joint_activity`` convention names (a military exercise), done together, is
        cooperation: the sides act on each other. None when the act was done alone."""
        code = self.conv.recoded("joint_activity", pattern.code)
        if code is None:
            return None
        if self.mood.intended(v):  # "will hold joint drills", "agreed to carry out joint patrols"
            code = self.conv.recoded("future_cooperation", code[:2]) or code
        partners = [t for t in found if with_phrase(self.doc, t, v)]
        several = len({s.actor.code for s in sources}) > 1
        if not (partners or several or said_joint(v, self.rules.lexicon)):
            return None
        drafts: list[DraftEvent] = []
        for s in sources:
            sides = [t for t in [*sources, *partners] if not self.parts.same(s.actor, t.actor)]
            for t in sides or [None]:
                d = self._draft(s, t, v, pattern)
                if d is not None:
                    drafts.append(replace(d, code=code, rule=f"{d.rule} [joint -> {code}]") if d.code == pattern.code else d)
        return drafts

    def _allied(self, v: Token, pattern: Pattern, sources: list[Participant]) -> list[DraftEvent | None]:
        """"French and Malian troops carried out a joint operation against jihadists": force
        used jointly by sides of different countries (convention ``joint_force``) is, beside
        the act itself, military cooperation between those sides."""
        code = self.conv.recoded("joint_force", pattern.code)
        if code is None or len({s.actor.country for s in sources if s.actor.country}) < 2 or not said_joint(v, self.rules.lexicon):
            return []
        drafts = (self._draft(s, t, v, pattern) for s in sources for t in sources
                  if s.actor.country and t.actor.country and s.actor.country != t.actor.country)
        return [replace(d, code=code, rule=f"{d.rule} [joint -> {code}]") for d in drafts if d is not None
                and d.code == pattern.code]

    def _received(self, v: Token, pattern: Pattern) -> list[DraftEvent] | None:
        """"Ukraine received weapons from the US": the giver is the source."""
        givers = self.parts.converse(v)
        receivers, _ = self.parts.subjects(v)
        if not (givers and receivers):
            return None
        drafts = (self._draft(g, r, v, pattern) for g in givers for r in receivers
                  if not self.parts.same(g.actor, r.actor))
        return [d for d in drafts if d is not None]

    def _no_target(self, sources: list[Participant], v: Token, pattern: Pattern) -> list[DraftEvent | None]:
        if self.conv.applies("home_trip", pattern.code) and self._home_trip(v, sources):
            return []  # "Somalia's president flew to Mogadishu": a trip home visits no one
        if self.parts.mutual(v, pattern.code, self.conv, sources):
            # "Mattis and Hwang agreed": conjoined actors of different countries act on each other
            return [self._draft(s, t, v, pattern) for s in sources for t in sources
                    if s.actor.code != t.actor.code]
        if self.conv.applies("statement", pattern.code):
            return []  # a statement with no target says nothing about a relation
        return [self._draft(s, None, v, pattern) for s in sources]

    def _home_trip(self, v: Token, sources: list[Participant]) -> bool:
        """The travellers themselves go to or are in a place ("to Mogadishu", "in
        Nairobi") of their own country."""
        own = {s.actor.country for s in sources if s.actor.country}
        if any(c.dep_ in OBJ for c in v.children):
            return False  # "flew the evacuees to Lisbon": a transport, not a trip
        places = [g for c in v.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "at")
                  for g in c.children if g.dep_ == "pobj"]
        return bool(own) and any(p.actor.country in own for g in places for p in self.parts.actors_at(g))

    def _with_targets(self, sources: list[Participant], found: list[Participant], v: Token,
                      pattern: Pattern) -> list[DraftEvent | None]:
        drafts: list[DraftEvent | None] = []
        for s in sources:
            # a source that borrowed its target's country from the article is not of it
            # (convention ``foreign_target``): "the government ordered the Swedish envoy to leave"
            pairs = [(self._unborrowed(s, t, pattern), t) for t in found]
            valid = [(u, t) for u, t in pairs if not self.parts.itself(u, t)
                     or (t.how in ("location", "home") and u.actor.code != t.actor.code)]
            # every target was the source itself: the act stands without a target
            drafts += [self._draft(u, t, v, pattern) for u, t in valid] or [self._draft(s, None, v, pattern)]
        return drafts

    def _unborrowed(self, s: Participant, t: Participant, pattern: Pattern) -> Participant:
        """``s`` without the country it borrowed from the article when that is its own
        target's, for acts between states (convention ``foreign_target``: "the minister
        paid a visit to Kyiv" is no Ukrainian minister)."""
        a = s.actor
        if a.how != "context" or not a.role or t.actor.how == "context" or t.how or \
                not self.conv.applies("foreign_target", pattern.code) or not self.parts.same(a, t.actor):
            return s
        return replace(s, actor=replace(a, code=a.role, country=None, how="title"))

    def _kept(self, d: DraftEvent) -> bool:
        """"troops arrived in Bosnia" is a deployment, not a visit, and refugees or freed
        hostages arriving somewhere (``arriving_roles``) pay none, while one commander does
        ("the army chief visited Riyadh"); "told reporters", "told AFP": talking to the press
        is not a relation."""
        src = d.source.actor
        if self.conv.applies("not_a_visit", d.code) and (
                (src.kind in ("group", "organisation") and src.role in ("MIL", "COP", "IGOPKO") and not src.one)
                or (src.role or "")[:3] in self.rules.lexicon.arriving_roles):
            return False
        if d.verb_tokens and no_act_between(d, self.doc[d.verb_tokens[0]], self.rules):
            return False
        return not (self.conv.applies("statement", d.code) and d.target is not None
                    and d.target.actor.role == "MED" and self._told(d))

    def _told(self, d: DraftEvent) -> bool:
        """Whether a statement's target is whom it was told to: the verb's object ("told
        reporters"), or its "to" phrase ("said to AFP"). The press as what a comment is
        about ("concern over the arrests of journalists") is a target like any other."""
        head = d.target.actor.head if d.target is not None else -1
        if not (d.verb_tokens and 0 <= head < len(self.doc)) or d.target.how:
            return True  # named elsewhere: keep the old caution
        t, v = self.doc[head], self.doc[d.verb_tokens[0]]
        return t.head == v or (t.head.dep_ == "prep" and t.head.lower_ == "to" and t.head.head == v)

    # -- other kinds of events --------------------------------------------------------------
    def _statements(self, coded: set[int]) -> list[DraftEvent]:
        """Reported speech whose content is a threat or an accusation: "X said that any
        attack by Y would trigger a response" -> X threatens Y. A verb of asking whose
        that-clause is in the bare form asks it of the clause's subject ("suggested that
        China and Japan hold a summit"), unless its own pattern (``coded``: the verbs
        that coded an event with a target) said so already ("demanded that Ukraine
        withdraw")."""
        out: list[DraftEvent] = []
        asks = self.rules.lexicon.request_heads
        for v in self.doc:
            if v.pos_ != "VERB":
                continue
            # "denied that its agents were behind the attacks": what is denied is said by no one
            cue = v.lemma_.lower() in self.rules.cues.verbs and v.lemma_.lower() not in self.rules.lexicon.denying_heads
            asking = v.lemma_.lower() in asks and v.i not in coded
            comps = [c for c in v.children if c.dep_ in ("ccomp", "xcomp") and (cue or (asking and _subjunctive(c)))]
            sources = self.parts.subjects(v)[0] if comps else []
            for comp in comps if sources else ():
                out += self._statement(v, comp, sources, asking and _subjunctive(comp))
        return out

    def _statement(self, v: Token, comp: Token, sources: list[Participant], asked: bool = False) -> list[DraftEvent]:
        lemmas = {t.lemma_.lower() for t in comp.subtree} | {t.lower_ for t in comp.subtree}
        if asked:
            lemmas.add("should")  # what the clause's subject is asked to do
        # a stance is what the clause says of the speaker: its verb ("hoped") or what that
        # verb links ("was optimistic", "there was deep concern"), not a word anywhere
        # ("to remove any doubts")
        head = [comp, *(c for c in comp.children if c.dep_ in ("acomp", "attr", "dobj", "oprd"))]
        stance = {t.lemma_.lower() for t in head} | {t.lower_ for t in head}
        modal = any(t.lower_ in self.rules.lexicon.modals for t in comp.subtree)
        for rule in self.rules.statements:
            if not (rule.cues & (stance if rule.target == "stance" else lemmas)) or (rule.needs and not rule.needs & lemmas) or (rule.modal and not modal):
                continue
            found = self.parts.in_clause(comp, rule.target, skip=[s.actor for s in sources])
            if found:
                return [DraftEvent(s, t, rule.code, (v.i,), negated(v), 0.6,
                                   f"{rule.file}:{rule.line} -> {rule.code}")
                        for s in sources for t in found if not self.parts.same(s.actor, t.actor)]
        return []

    def _purpose_of_protest(self, events: list[DraftEvent]) -> list[DraftEvent]:
        """"staged demonstrations to demand reforms": the demand is what the protest is
        about, one event, not a second one by the same protesters."""
        protests = {e.verb_tokens[0]: e for e in events if self.conv.applies("protest_purpose", e.code)}
        if not protests:
            return events
        out = []
        for e in events:
            v = self.doc[e.verb_tokens[0]]
            p = protests.get(v.head.i)
            if (p is not None and self.conv.applies("protest_demand", e.code)
                    and v.dep_ in ("advcl", "xcomp", "conj") and p.source.actor.code == e.source.actor.code):
                continue
            out.append(e)
        return out

def _role(a: Resolved, doc: Doc) -> str:
    """An actor's role for a verb row's doers: a country acting is its government, but
    its people named by a plural demonym are civilians ("thousands of Cubans")."""
    if a.kind == "country" and not a.role and a.how == "demonym" and 0 <= a.head < len(doc) \
            and doc[a.head].tag_ in ("NNS", "NNPS"):
        return "CVL"
    return (a.role or "")[:3] or ("GOV" if a.kind == "country" else "")


def _score(doc: Doc) -> bool:
    """A match score stands in the sentence: "3-0", "2 - 1" (two small numbers and a dash)."""
    def small(t: Token) -> bool:
        return t.text.isdigit() and int(t.text) <= 20

    return any(small(t) and doc[t.i + 1].text in ("-", "–") and small(doc[t.i + 2]) for t in doc[:-2])


def _subjunctive(comp: Token) -> bool:
    """A that-clause in the bare form, with its own subject and no auxiliary: what is
    asked of someone ("proposed that the two sides resume talks"), not what is said to
    be so ("suggested that the talks had failed")."""
    # after a past head a present plural is the bare form too ("proposed that they hold")
    bare = comp.tag_ == "VB" or (comp.tag_ == "VBP" and comp.head.tag_ in ("VBD", "VBN"))
    return (comp.dep_ == "ccomp" and bare and any(c.dep_ in SUBJ for c in comp.children)
            and not any(c.dep_ in ("aux", "auxpass") for c in comp.children))
