"""Events from a dependency parse: (source, verb, target) -> CAMEO via verb patterns.

For every verb in a parsed sentence we read its subject (or passive agent), its
particle and prepositions, its object and its to-infinitive, look the combination up
in ``data/verbs.tsv``, and code an event between the actors found in those positions.
Subjects are inherited through coordination and control ("agreed to push through"),
relative clauses ("Abe, who is set to hold") and passives ("a system opposed by
China"); pronouns come from :class:`~tidings.coding.clauses.Salience`, which remembers who
was talked about. Word lists and coding conventions live in :mod:`tidings.coding.clauses`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tidings.coding.clauses import (
    ANNOUNCE_VERBS,
    COLLECTIVE_HEADS,
    CONVERSE_VERBS,
    FUTURE_AUX,
    FUTURE_CONFLICT,
    FUTURE_COOPERATION,
    HAPPENING_VERBS,
    HYPOTHETICAL_AUX,
    INSTRUMENTS,
    INTENT_HEADS,
    LIGHT_NOUNS,
    LOCATION_TARGET_ROOTS,
    LOCATIVE_PREPS,
    MODALS,
    NEGATED_COOPERATION,
    NEGATING_HEADS,
    NOUN_EVENT_ROOTS,
    NOUN_TARGET_PREPS,
    OBJ,
    OWN_PRONOUNS,
    PARTICLES,
    PASS_SUBJ,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PRONOUNS_THING,
    RE_PRODUCTIVE,
    RELATIVE,
    REQUEST_HEADS,
    STATIVE_PASSIVES,
    SUBJ,
    SYMMETRIC,
    TARGET_PREPS,
    TIME_WORDS,
    DraftEvent,
    Participant,
    Salience,
    dedup,
    is_main,
    participle_lemma,
    prune,
    same_actor,
    statement_rules,
)
from tidings.extract.actors import Resolved
from tidings.rules.verbs import NOT_AN_EVENT, Pattern, VerbTable, cue_verbs

__all__ = ["DraftEvent", "Participant", "Salience", "SentenceCoder", "statement_rules"]


@dataclass
class SentenceCoder:
    """Codes one parsed sentence. ``actors`` are in the sentence's token offsets."""

    doc: object  # spaCy Doc of the sentence
    actors: Sequence[Resolved]
    sent_index: int
    salience: Salience
    verbs: VerbTable
    place_country: dict[int, tuple[str, str]] = field(default_factory=dict)  # token -> (name, ISO3)
    _by_token: dict[int, Resolved] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for a in self.actors:
            for i in range(a.tok_start, a.tok_end):
                self._by_token[i] = a

    # -- actors in syntactic positions ---------------------------------------------
    def _actor_after(self, i: int) -> list[Participant]:
        """The actor phrase starting within a few modifier words after token ``i``."""
        for j in range(i + 1, min(i + 5, len(self.doc))):
            a = self._by_token.get(j)
            if a is not None and a.tok_start == j:
                return [Participant(a, a.tok_start, a.tok_end, "")]
            if self.doc[j].pos_ not in ("DET", "NUM", "ADJ", "ADV"):
                return []
        return []

    def _the_two(self, tok) -> list[Participant]:  # noqa: ANN001
        """"the two leaders", "both sides": the last two actors of different countries
        named before in this sentence."""
        if not any((c.dep_ == "nummod" and c.lower_ == "two") or (c.lower_ == "both" and c.dep_ in ("det", "predet"))
                   for c in tok.children):
            return []
        seen: list[Resolved] = []
        before = [a for a in self.actors if a.tok_end <= tok.i]
        # people first ("Yoon met Kishida in Tokyo ... the two leaders"), then the rest
        ranked = [a for a in reversed(before) if a.kind == "person"] + [
            a for a in reversed(before) if a.kind != "person"]
        for a in ranked:
            if a.country and all(a.country != b.country for b in seen):
                seen.append(a)
            if len(seen) == 2:
                return [Participant(a, tok.i, tok.i + 1, "pronoun") for a in reversed(seen)]
        return []

    def actors_at(self, tok, depth: int = 0) -> list[Participant]:  # noqa: ANN001
        """Actors that a noun phrase headed by ``tok`` denotes (with its conjuncts)."""
        both = self._the_two(tok)
        if both:
            return both
        out: list[Participant] = []
        heads = [tok, *tok.conjuncts] if depth == 0 else [tok]
        if tok.i not in self._by_token:
            # "key allies South Korea and Japan": actors in apposition, with their conjuncts
            for c in tok.children:
                if c.dep_ == "appos" and c.i in self._by_token:
                    heads += [c, *c.conjuncts]
        for t in heads:
            p = self._one(t)
            if p is not None and all(p.actor != q.actor for q in out):
                out.append(p)
        return out

    def _one(self, t, depth: int = 0) -> Participant | None:  # noqa: ANN001
        a = self._by_token.get(t.i)
        if a is not None:
            return Participant(a, a.tok_start, a.tok_end, "")
        if depth > 3:
            return None
        low = t.lower_
        if low in RELATIVE and t.dep_ in SUBJ | PASS_SUBJ and t.head.dep_ == "relcl":
            return self._one(t.head.head, depth + 1)
        if t.pos_ == "PRON" and low in PRONOUNS_PERSON | PRONOUNS_THING | PRONOUNS_PLURAL:
            r = self._antecedent_in_sentence(t) or self.salience.resolve(low, self.sent_index)
            if r is not None:
                return Participant(r, t.i, t.i + 1, "pronoun")
            return None
        # "key allies South Korea and Japan", "Kenzo Oshima, the UN relief coordinator"
        for c in t.children:
            if c.dep_ == "appos":
                p = self._one(c, depth + 1)
                if p is not None:
                    return p
        # modifiers of the head: "US troops", "a US missile defense system", "Mattis' tour",
        # "US Predator attacks" (a modifier of a modifier)
        mods = [c for c in t.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
        mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ == "compound"]
        for c in mods:
            if c.i in self._by_token:
                a = self._by_token[c.i]
                if (a.kind == "group" and a.how in ("title", "context") and a.tok_end - a.tok_start == 1
                        and t.lemma_.lower() not in COLLECTIVE_HEADS):
                    continue  # a bare role word as modifier: "military alliance", "police station"
                return Participant(a, a.tok_start, a.tok_end, "")
        # "the government of Japan", "officials from Serbia", "thousands of students"
        if t.pos_ in ("NOUN", "PROPN", "NUM"):
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                    for g in c.children:
                        if g.dep_ == "pobj" and g.lower_ not in RELATIVE:
                            p = self._one(g, depth + 1)
                            if p is not None:
                                return p
        return None

    def _antecedent_in_sentence(self, t) -> Resolved | None:  # noqa: ANN001
        """A person named earlier in the same sentence, for he/she ("Trump ripped into
        ..., fuming at an accord he called dumb")."""
        w = t.lower_
        if w in PRONOUNS_PERSON:
            cands = [a for a in self.actors if a.kind == "person" and a.tok_end <= t.i]
        elif w in PRONOUNS_THING:  # "Syria says it will withdraw"
            cands = [a for a in self.actors if a.kind != "person" and not a.plural and a.tok_end <= t.i]
        elif w in PRONOUNS_PLURAL:  # "Palestinian leaders said they would boycott"
            cands = [a for a in self.actors if a.kind in ("group", "country", "organisation")
                     and a.tok_end <= t.i]
        else:
            return None
        subj = [a for a in cands if self.doc[a.head].dep_ in SUBJ]
        if w in PRONOUNS_PERSON:
            pick = subj or cands
        else:  # only a subject is a safe antecedent for it/they
            pick = subj
        return pick[-1] if pick else None

    def subjects(self, v, hops: int = 0) -> tuple[list[Participant], bool]:  # noqa: ANN001
        """Source actors of verb ``v`` and whether the clause is passive."""
        passive = any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in v.children)
        agent = [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return self._with_coordinated(self.actors_at(agent[0])), True
        if passive:
            # "Abe, who is set to hold a summit": the passive subject controls the xcomp;
            # "Israel is opposed to ...": a stative participle, its subject is the actor
            ps = [c for c in v.children if c.dep_ in PASS_SUBJ]
            if ps and (hops > 0 or v.lemma_.lower() in STATIVE_PASSIVES):
                return self._with_coordinated(self.actors_at(ps[0])), False
            return [], True
        subj = [c for c in v.children if c.dep_ in SUBJ]
        if subj:
            return self._with_coordinated(self.actors_at(subj[0])), False
        if hops >= 3 or v.dep_ == "ROOT":
            return [], False
        h = v.head
        # "... arming themselves ..., and accused Seoul": a conjunct mis-attached under a
        # prepositional complement belongs to the main clause
        if v.dep_ == "xcomp" and h.pos_ == "ADJ" and h.head.i != h.i:
            h = h.head  # "Syria is willing to withdraw": the copula carries the subject
        if v.dep_ == "conj":
            while h.dep_ in ("pcomp", "pobj", "prep", "dobj", "acl") and h.head.i != h.i:
                h = h.head
                if h.pos_ in ("VERB", "AUX") and h.dep_ not in ("pcomp", "acl"):
                    break
        if v.dep_ in ("xcomp", "ccomp") and h.pos_ == "VERB":
            # object control: "helping young militants join", "urged the EC to support":
            # the one who joins is the head's object
            objs = [c for c in h.children if c.dep_ in OBJ and c.i < v.i]
            if objs:
                found = self.actors_at(objs[0])
                return [Participant(p.actor, p.tok_start, p.tok_end, "inherited") for p in found], False
        if v.dep_ in ("conj", "xcomp", "advcl", "ccomp", "acomp") and h.pos_ in ("VERB", "AUX"):
            found, _ = self.subjects(h, hops + 1)
            return [Participant(p.actor, p.tok_start, p.tok_end, "inherited") for p in found], False
        if v.dep_ == "pcomp" and v.head.dep_ == "prep":
            # "are guilty of violating the ceasefire": the copula's subject. (Not "accused
            # Iran of violating it": an accusation says nothing was done.)
            g = v.head.head
            if g.pos_ == "ADJ" and g.dep_ == "acomp" and g.head.pos_ in ("VERB", "AUX"):
                found, _ = self.subjects(g.head, hops + 1)
                return [Participant(p.actor, p.tok_start, p.tok_end, "inherited") for p in found], False
            return [], False
        if v.dep_ == "relcl":
            return self.actors_at(v.head), False
        if v.dep_ == "acl" and v.tag_ == "VBG":
            # "demonstrators protesting election results": the noun is the doer;
            # "issued a declaration demanding that ...": else the issuer
            found = self.actors_at(v.head)
            if found:
                return [Participant(p.actor, p.tok_start, p.tok_end, "inherited") for p in found], False
            h = v.head
            for _ in range(4):
                if h.pos_ in ("VERB", "AUX") or h.head.i == h.i:
                    break
                h = h.head
            if h.pos_ in ("VERB", "AUX") and h.i != v.i:
                found, _ = self.subjects(h, hops + 1)
                return [Participant(p.actor, p.tok_start, p.tok_end, "inherited") for p in found], False
        return [], False

    def _with_coordinated(self, found: list[Participant]) -> list[Participant]:
        """Add an actor coordinated just before the subject that the parse lost:
        "On Thursday Mattis and South Korean Prime Minister Hwang agreed"."""
        if not found:
            return found
        first = min(found, key=lambda p: p.tok_start)
        i = first.tok_start - 1
        if i >= 1 and self.doc[i].lower_ == "and":
            prev = self._by_token.get(i - 1)
            if prev is not None and all(p.actor != prev for p in found):
                return [Participant(prev, prev.tok_start, prev.tok_end, ""), *found]
        return found

    def objects(self, v, pattern: Pattern | None, passive: bool,  # noqa: ANN001
                sources: Sequence[Participant] = ()) -> list[Participant]:
        """Target actors of verb ``v``, in the order a coder would look for them. The
        sources themselves are skipped ("withdrew its troops from Georgia": Georgia)."""

        def other(found: list[Participant]) -> list[Participant]:
            return [p for p in found if not any(same_actor(s.actor, p.actor) for s in sources)]

        if passive:
            ps = [c for c in v.children if c.dep_ in PASS_SUBJ]
            if ps:
                found = other(self.actors_at(ps[0]))
                if found:
                    return found
            if v.dep_ == "acl":
                found = other(self.actors_at(v.head))
                if found:
                    return found
        for c in v.children:
            if c.dep_ in OBJ or c.dep_ == "dative":
                if any(p.dep_ == "poss" and p.lower_ in OWN_PRONOUNS for p in c.children):
                    continue  # "withdraw their force from Chad": the force is the source's own
                found = other(self.actors_at(c))
                if found:
                    return found
        preps = sorted((c for c in v.children if c.dep_ in ("prep", "prt")),
                       key=lambda c: (pattern is None or c.lower_ != pattern.prep, c.i))
        for c in preps:
            if c.lower_ not in TARGET_PREPS or (c.lower_ == "from" and not _from_is_target(pattern)):
                continue
            for g in c.children:
                if g.dep_ == "pobj":
                    found = other(self.actors_at(g))
                    if found:
                        return found
            if not any(g.dep_ in ("pobj", "pcomp") for g in c.children):
                # the parse lost the preposition's object ("granted asylum to five
                # Panamanian officers holed up ..."): take the actor that follows it
                found = other(self._actor_after(c.i))
                if found:
                    return found
        # inside the object: "made a trip to Japan", "imposed measures seen as economic
        # retaliation in South Korea" -- the nearest actor governed by a target preposition
        for c in v.children:
            if c.dep_ in OBJ:
                for g in c.subtree:
                    if (g.dep_ == "pobj" and g.head.lower_ in TARGET_PREPS and g.head.lower_ != "from"
                            and self._one(g) is not None):
                        found = other(self.actors_at(g))
                        if found:
                            return found
        return []

    # -- features ----------------------------------------------------------------------
    @staticmethod
    def features(v) -> tuple[set[str], set[str], str | None]:  # noqa: ANN001
        """Particles/prepositions, object lemmas and to-infinitive of a verb or noun."""
        preps: set[str] = set()
        objs: set[str] = set()
        xc = next((c.i for c in v.children if c.dep_ == "xcomp"), None)
        for c in v.children:
            dep = c.dep_
            if dep == "prep" and _temporal(c):
                continue  # "called China on Tuesday": a date, not "call on"
            if dep == "prep" and xc is not None and c.i > xc:
                continue  # "agreed to lift embargoes ... with strings attached": not "agree with"
            if dep in ("prt", "prep", "agent") or (dep == "advmod" and c.lower_ in PARTICLES):
                preps.add(c.lower_)
                # "accused X of rigging", "walk out of talks": the prepositional objects
                for g in c.children:
                    if g.dep_ in ("pobj", "pcomp"):
                        objs.add(g.lemma_.lower())
                    elif g.dep_ == "prep":
                        preps.add(g.lower_)
                        objs |= {x.lemma_.lower() for x in g.children if x.dep_ in ("pobj", "pcomp")}
            elif dep in OBJ or dep in PASS_SUBJ or dep == "attr":
                objs.add(c.lemma_.lower())
                # "allow the return of inspectors": the of-object names what is meant
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        objs |= {g.lemma_.lower() for g in p.children if g.dep_ == "pobj"}
                # "a hunger strike", "an air strike": the compound as one object
                mods = [m.lower_ for m in c.children if m.dep_ in ("compound", "amod") and m.i == c.i - 1]
                if mods:
                    objs.add(f"{mods[0]} {c.lemma_.lower()}")
                    if c.lemma_.lower() in LIGHT_NOUNS:  # "mediation efforts" -> mediation
                        objs.add(mods[0])
                        objs.add(f"{mods[0]} {c.lemma_.lower()}")  # counts as the compound
        xcomp = None
        for c in v.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                xcomp = c.lemma_.lower()
                break
        return preps, objs, xcomp

    @staticmethod
    def negated(v) -> bool:  # noqa: ANN001
        """"did not attack", "has not met"."""
        return any(c.dep_ == "neg" for c in v.children) or any(
            c.dep_ == "neg" for a in v.children if a.dep_ in ("aux", "auxpass") for c in a.children)

    @staticmethod
    def nothing_done(v) -> bool:  # noqa: ANN001
        """"provided no evidence", "saw no progress": the object says nothing happened."""
        return any(d.dep_ == "det" and d.lower_ == "no" for c in v.children if c.dep_ in OBJ
                   for d in c.children)

    # -- coding ----------------------------------------------------------------------------
    def code(self) -> list[DraftEvent]:
        out: list[DraftEvent] = []
        consumed: set[int] = set()
        for v in self.doc:
            if v.i in consumed:
                continue
            lemma = v.lemma_.lower()
            if v.pos_ == "ADJ" and v.dep_ == "acomp":
                # "Israel is opposed to French mediation": a participle as predicate
                lemma = participle_lemma(v.lower_, self.verbs)
            elif v.pos_ != "VERB":
                continue
            candidates = self.verbs.lemma_candidates(v.lower_, lemma) if lemma else []
            # "reimposed", "re-open": also the verb without its prefix
            bare = lemma[3:] if lemma.startswith("re-") else lemma[2:] if lemma.startswith("re") else ""
            if bare in RE_PRODUCTIVE and bare in self.verbs.by_verb and bare not in candidates:
                candidates.append(bare)
            if not candidates:
                continue
            preps, objs, xcomp = self.features(v)
            pattern = None
            for lemma in candidates:
                pattern = self.verbs.best(lemma, preps, objs, xcomp)
                if pattern is not None:
                    break
            if pattern is None:
                continue
            if pattern.code == NOT_AN_EVENT:
                consumed |= {c.i for c in v.children if c.dep_ in OBJ}
                continue
            if pattern.code.startswith("01") and lemma in ANNOUNCE_VERBS:
                # "announced a suspension of air links with Serbia": the noun is the event;
                # but "told a rally" names an audience, not an act
                noun = self._event_object(v)
                if noun is not None:
                    pattern, v_noun = noun
                    out.extend(self._events(v, pattern, noun_token=v_noun))
                    consumed.add(v_noun.i)
                    continue
            if pattern.to:
                consumed |= {c.i for c in v.children if c.dep_ == "xcomp"}
            # the verb's object noun is coded with the verb ("called off the strike")
            consumed |= {c.i for c in v.children if c.dep_ in OBJ}
            out.extend(self._events(v, pattern))
        out.extend(self._statements())
        out = self._purpose_of_protest(out)
        out.extend(self._happening_nouns(consumed))
        nouns = self._noun_events(consumed)
        # a noun event that repeats a verb event's dyad adds nothing ("met ... for talks")
        dyads = {(e.source.actor.code, e.target.actor.code if e.target else None) for e in out}
        out.extend(e for e in nouns if (e.source.actor.code, e.target.actor.code if e.target else None) not in dyads)
        return prune(dedup(out))

    def _happening_nouns(self, consumed: set[int]) -> list[DraftEvent]:
        """"Palestinian riots against Israeli policies are continuing", "clashes erupted":
        a protest or a fight named as the subject of a verb of happening is the event;
        its actor is the noun's modifier, its target the against/with phrase."""
        out: list[DraftEvent] = []
        for n in self.doc:
            lemma = n.lemma_.lower()
            if (n.i in consumed or n.dep_ not in SUBJ or n.head.lemma_.lower() not in HAPPENING_VERBS
                    or lemma not in self.verbs.by_noun):
                continue
            preps, objs, _ = self.features(n)
            pattern = self.verbs.best(lemma, preps, objs, None, nouns=True)
            if pattern is None or pattern.code[:2] not in ("14", "18", "19", "20"):
                continue
            mods = [c for c in n.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                    and c.i in self._by_token]
            if not mods:
                continue
            src = self._by_token[mods[0].i]
            source = Participant(src, src.tok_start, src.tok_end, "")
            targets = [p for c in n.children if c.dep_ == "prep" and c.lower_ in ("against", "with", "on")
                       for g in c.children if g.dep_ == "pobj" for p in self.actors_at(g)]
            for t in targets or [None]:
                if t is None or not same_actor(src, t.actor):
                    out.append(DraftEvent(source, t, pattern.code, (n.i,), False, 0.7, pattern.rule,
                                          is_main(n.head)))
        return out

    def _purpose_of_protest(self, events: list[DraftEvent]) -> list[DraftEvent]:
        """"staged demonstrations to demand reforms": the demand is what the protest is
        about, one event, not a second one by the same protesters."""
        protests = {e.verb_tokens[0]: e for e in events if e.code.startswith("14")}
        if not protests:
            return events
        out = []
        for e in events:
            v = self.doc[e.verb_tokens[0]]
            p = protests.get(v.head.i)
            if (p is not None and e.code[:2] in ("02", "10") and v.dep_ in ("advcl", "xcomp", "conj")
                    and p.source.actor.code == e.source.actor.code):
                continue
            out.append(e)
        return out

    def _noun_events(self, consumed: set[int]) -> list[DraftEvent]:
        """"ahead of a meeting with his counterpart Han" -> source meets Han. Coded only
        when both actors are found."""
        out: list[DraftEvent] = []
        for n in self.doc:
            lemma = n.lemma_.lower()
            if n.pos_ not in ("NOUN", "PROPN") or n.i in consumed or lemma not in self.verbs.by_noun:
                continue
            preps, objs, _ = self.features(n)
            pattern = self.verbs.best(lemma, preps, objs, None, nouns=True)
            if pattern is None or pattern.code[:2] not in NOUN_EVENT_ROOTS:
                continue
            allowed = (pattern.prep,) if pattern.prep else NOUN_TARGET_PREPS
            if not pattern.prep and pattern.code[:2] in ("11", "12"):
                allowed = (*allowed, "of")  # "criticism of X"; elsewhere "of" is the theme
            targets = [p for c in n.children if c.dep_ == "prep" and c.lower_ in allowed
                       for g in c.children if g.dep_ == "pobj" for p in self.actors_at(g)]
            if not targets:
                continue
            poss = [c for c in n.children if c.dep_ == "poss"]
            sources = self.actors_at(poss[0]) if poss else []
            if not sources:
                # "told reporters ahead of a meeting with Han": the noun hangs, through
                # prepositions and adverbs only, from the verb whose subject meets;
                # not "mediation in talks with X" (a noun inside another noun's phrase)
                h = n.head
                for _ in range(5):
                    if h.pos_ in ("VERB", "AUX") or h.head.i == h.i or h.pos_ in ("NOUN", "PROPN"):
                        break
                    h = h.head
                if h.pos_ in ("VERB", "AUX"):
                    sources, _ = self.subjects(h)
            for s in sources:
                for t in targets:
                    if not same_actor(s.actor, t.actor):
                        out.append(DraftEvent(s, t, pattern.code, (n.i,), False, 0.6, pattern.rule))
        return out

    def _targets(self, v, pattern: Pattern, passive: bool,  # noqa: ANN001
                 sources: list[Participant]) -> list[Participant]:
        """Targets of ``v``; failing the verb's own objects, the clause it governs:
        "refused to meet X" (xcomp object), "demanded that X cancel" (ccomp subject),
        "rejected calls by X" (the object's agent). The source itself ("withdraw its
        troops") is never its own target."""

        def other(found: list[Participant]) -> list[Participant]:
            return [p for p in found if not any(same_actor(s.actor, p.actor) for s in sources)]

        # "fired artillery shells": a weapon as the object is the means, not a target
        found = [p for p in self.objects(v, pattern, passive, sources)
                 if passive or p.actor.name.lower() not in INSTRUMENTS]
        if found:
            return found
        for c in v.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                found = other(self.objects(c, None, False))
                if found:
                    return found
        for c in v.children:
            if c.dep_ == "ccomp" and not pattern.code.startswith("01"):
                subj = [g for g in c.children if g.dep_ in SUBJ | PASS_SUBJ]
                if subj:
                    found = other(self.actors_at(subj[0]))
                    if found:
                        return found
        for c in v.children:
            if c.dep_ in OBJ:
                for p in c.children:
                    if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from"):
                        for g in p.children:
                            if g.dep_ == "pobj" and other(self.actors_at(g)):
                                return other(self.actors_at(g))
        if v.dep_ == "xcomp":
            found = other(self.objects(v.head, None, False))
            if found:
                return found
        if pattern.code[:2] == "13":
            # threats are conditional: "... unless Baghdad accepted its conditions"
            for c in v.subtree:
                if c.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in c.children):
                    subj = [g for g in c.children if g.dep_ in SUBJ]
                    if subj and other(self.actors_at(subj[0])):
                        return other(self.actors_at(subj[0]))
        if pattern.code[:2] == "14":
            # "staged demonstrations to demand reforms by Suharto's government"
            for c in v.children:
                if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB":
                    found = other(self.objects(c, None, False)) or other(self._nearest_in_phrases(c, sources))
                    if found:
                        return found
        if pattern.code.startswith("01"):
            return []
        if len({s.actor.code for s in sources}) > 1 and pattern.code[:2] in SYMMETRIC:
            return []  # "Mattis and Hwang agreed": they are each other's targets
        found = other(self._nearest_in_phrases(v, sources))
        if found or pattern.code[:2] not in LOCATION_TARGET_ROOTS:
            return found
        return self._location_target(v)

    def _location_target(self, v) -> list[Participant]:  # noqa: ANN001
        """"imposed a curfew in the town of Cizre in southeastern Turkey": a domestic act
        with no named target falls on the country where it happens."""
        heads = [v, *(c for c in v.children if c.dep_ in OBJ)]
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at", "outside", "near", "across", "throughout"):
                    for g in c.subtree:
                        a = self._by_token.get(g.i)
                        if a is not None and a.country and a.kind in ("country", "organisation", "group"):
                            loc = Resolved(a.name, a.country, a.country, None, "country", "location",
                                           a.tok_start, a.tok_end, a.head)
                            return [Participant(loc, a.tok_start, a.tok_end, "location")]
                        if g.i in self.place_country:  # a city from the gazetteer
                            name, iso = self.place_country[g.i]
                            loc = Resolved(name, iso, iso, None, "country", "location", g.i, g.i + 1, g.i)
                            return [Participant(loc, g.i, g.i + 1, "location")]
        return []

    def _nearest_in_phrases(self, v, sources: list[Participant]) -> list[Participant]:  # noqa: ANN001
        """Last resort: the first actor inside the verb's object and prepositional
        phrases ("denounced as a crime Serbia's suppression of ...")."""
        skip = SUBJ | PASS_SUBJ | {"ccomp", "advcl", "conj", "cc", "parataxis", "relcl", "agent", "punct"}
        for c in v.children:
            if c.dep_ in skip or c.i < v.i and c.dep_ != "dobj":
                continue
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):
                continue  # "arrived from South Korea": an origin, not a target
            for g in c.subtree:
                if g.dep_ == "pobj" and g.head.lower_ in ("from", "by"):
                    continue  # an origin or an agent, not a target
                if g.head.dep_ == "agent":
                    continue
                if g.i in self._by_token and g.dep_ in ("poss", "pobj", "dobj", "appos", "compound", "conj", "nsubj"):
                    p = self._one(g)
                    if p is not None and not any(same_actor(x.actor, p.actor) for x in sources):
                        return [p]
        return []

    def _event_object(self, v):  # noqa: ANN001, ANN202
        for c in v.children:
            if c.dep_ in OBJ and c.lemma_.lower() in self.verbs.by_noun:
                preps, objs, _ = self.features(c)
                p = self.verbs.best(c.lemma_.lower(), preps, objs, None, nouns=True)
                if p is not None and not p.code.startswith("01"):
                    return p, c
        return None

    def _implicit_authority(self, v) -> list[Participant]:  # noqa: ANN001
        """"A missionary was arrested in Lebanon": an arrest, detention or ban with no
        agent is the act of the authorities of the country where it happened."""
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "inside"):
                for g in c.children:
                    p = self._one(g) if g.dep_ == "pobj" else None
                    if p is not None and p.actor.country and p.actor.kind == "country":
                        a = p.actor
                        gov = Resolved(a.name, a.country + "GOV", a.country, "GOV", "country",
                                       "implicit", a.tok_start, a.tok_end, a.head)
                        return [Participant(gov, a.tok_start, a.tok_end, "implicit")]
        return []

    def _no_actor_subject(self, v) -> bool:  # noqa: ANN001
        subj = [c for c in v.children if c.dep_ in SUBJ]
        passive = any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in v.children)
        if subj:
            return not self.actors_at(subj[0]) and subj[0].pos_ in ("NOUN", "PROPN")
        return passive  # "were killed (by a roadside bomb)"

    def _implicit_place(self, v) -> list[Participant]:  # noqa: ANN001
        for t in self.doc:
            # "in Baghdad", "near the town of Samarra", "outside of the Iraqi city of Basra"
            if t.dep_ == "pobj" and any(a.dep_ == "prep" and a.lower_ in LOCATIVE_PREPS
                                        for a in [t.head, *t.head.ancestors][:4]):
                for g in t.subtree:
                    a = self._by_token.get(g.i)
                    iso = a.country if a is not None and a.kind == "country" else None
                    name = a.name if a is not None else None
                    if iso is None and g.i in self.place_country:
                        name, iso = self.place_country[g.i]
                    if iso:
                        loc = Resolved(name or iso, iso, iso, None, "country", "implicit", g.i, g.i + 1, g.i)
                        return [Participant(loc, g.i, g.i + 1, "implicit")]
        return []

    def _converse(self, v) -> list[Participant]:  # noqa: ANN001
        """"Ukraine received weapons from the US": the giver is the source."""
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                for g in c.children:
                    if g.dep_ == "pobj" and self.actors_at(g):
                        return self.actors_at(g)
        return []

    def _events(self, v, pattern: Pattern, noun_token=None) -> list[DraftEvent]:  # noqa: ANN001
        if v.lemma_.lower() in CONVERSE_VERBS and pattern.code[:2] in ("06", "07"):
            givers = self._converse(v)
            receivers, _ = self.subjects(v)
            if givers and receivers:
                return [d for d in (self._draft(g, r, v, pattern) for g in givers for r in receivers
                                    if not same_actor(g.actor, r.actor)) if d is not None]
        sources, passive = self.subjects(v)
        if not sources and passive and pattern.code[:2] == "17":
            sources = self._implicit_authority(v)
        if (not sources and pattern.code[:2] in ("18", "19", "20") and is_main(v)
                and self._no_actor_subject(v)):
            # "a roadside bombing near Samarra killed one U.S. soldier": the attacker is
            # unnamed; CAMEO codes the place where it happened
            sources = self._implicit_place(v)
        if not sources:
            return []
        targets = self._targets(noun_token or v, pattern, passive, sources)
        if not targets:
            # "Mattis and Hwang agreed": conjoined actors of different countries act on each other
            if len({s.actor.code for s in sources}) > 1 and pattern.code[:2] in SYMMETRIC:
                pairs = [(s, t) for s in sources for t in sources if s.actor.code != t.actor.code]
                drafts = [self._draft(s, t, v, pattern) for s, t in pairs]
            elif pattern.code.startswith("01"):
                return []  # a statement with no target says nothing about a relation
            else:
                drafts = [self._draft(s, None, v, pattern) for s in sources]
        else:
            drafts = []
            for s in sources:
                valid = [t for t in targets if not same_actor(s.actor, t.actor)
                         or (t.how == "location" and s.actor.code != t.actor.code)]
                # every target was the source itself: the act stands without a target
                drafts += [self._draft(s, t, v, pattern) for t in valid] or [self._draft(s, None, v, pattern)]
        # "told reporters", "told AFP": talking to the press is not a relation;
        # "troops arrived in Bosnia" is a deployment, not a visit
        drafts = [d for d in drafts if d is None or not (
            d.code.startswith("042") and d.source.actor.kind in ("group", "organisation")
            and d.source.actor.role in ("MIL", "IGOPKO"))]
        return [d for d in drafts if d is not None
                and not (d.code.startswith("01") and d.target is not None and d.target.actor.role == "MED")]

    def _draft(self, s: Participant, t: Participant | None, v, pattern: Pattern) -> DraftEvent | None:  # noqa: ANN001
        conf = 0.9
        if s.how == "pronoun" or (t is not None and t.how == "pronoun"):
            conf -= 0.15
        if s.how == "inherited":
            conf -= 0.1
        if s.how == "implicit":
            conf -= 0.3
        if t is None:
            conf -= 0.2
        toks = tuple(sorted({v.i, *(c.i for c in v.children if c.dep_ == "prt")}))
        code, rule = pattern.code, pattern.rule
        negated = self.negated(v) or (v.dep_ == "xcomp" and v.head.lemma_.lower() in NEGATING_HEADS)
        root = code[:2]
        if (self.hypothetical(v) and self.conditional(v, ("if", "unless"))
                and root in FUTURE_CONFLICT and not negated):
            # "the EC may halt mediation efforts if cooperation founders": a threat
            code = FUTURE_CONFLICT.get(code[:3], FUTURE_CONFLICT[root])
            return DraftEvent(s, t, code, toks, negated, round(conf - 0.1, 2),
                              rule + " [conditional -> threat]", is_main(v))
        if self.hypothetical(v) or self.requested(v) or self.nothing_done(v):
            return None  # "Libya must hand over ...", "demanded that the US cancel ...": not done
        if negated:
            # "would not meet", "failed to reach agreement": refusing cooperation is REJECT;
            # a conflict that did not happen is no event
            if root not in NEGATED_COOPERATION:
                return None
            code, rule = NEGATED_COOPERATION[root], rule + " [negated -> reject]"
        elif self.intended(v) and self.conditional(v) and root not in ("01", "02", "13"):
            # "will withdraw its force from Chad unless Oueddei arranges a ceasefire"
            code = FUTURE_CONFLICT.get(code[:3], FUTURE_CONFLICT.get(root, "130"))
            rule += " [conditional -> threat]"
        elif root in FUTURE_COOPERATION and self.intended(v):
            # PLOVER: CONSULT/SUPPORT/COOPERATE/AID reported as future or intent are AGREE;
            # CAMEO 035: intent to yield (release, ease, withdraw)
            code, rule = FUTURE_COOPERATION[root], rule + " [future -> intent]"
        elif root in FUTURE_CONFLICT and self.intended(v):
            # CAMEO 13: a conflictual act announced, not done, is a threat
            code = FUTURE_CONFLICT.get(code[:3], FUTURE_CONFLICT[root])
            rule += " [future -> threat]"
        main = is_main(v)
        if not main:
            conf -= 0.1  # a side clause ("a system opposed by China") is less often the news
        return DraftEvent(s, t, code, toks, negated, round(conf, 2), rule, main)

    @staticmethod
    def requested(v) -> bool:  # noqa: ANN001
        """The act is what someone asks for: "demanded that the US cancel plans",
        "urged the EC to support the PLO", "pressured workers to cancel the strike"."""
        t = v
        for _ in range(3):
            to_clause = t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            if not (t.dep_ in ("ccomp", "xcomp", "acl") or to_clause) or t.head.i == t.i:
                return False
            t = t.head  # a verb ("demanded that") or a noun ("its demand that Israel ease")
            if t.lemma_.lower() in REQUEST_HEADS:
                return True
        return False

    @staticmethod
    def conditional(v, marks: tuple[str, ...] = ("unless",)) -> bool:  # noqa: ANN001
        """An "unless ..." clause hangs from the verb: a condition set. ("if" only counts
        where the caller says: "would meet the mediator if ..." is an offer.)"""
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks
                                             for m in c.children) for c in v.children)

    @staticmethod
    def hypothetical(v) -> bool:  # noqa: ANN001
        """Under must/should/could ("the US must allocate resources to help"), also
        through the to-clauses that hang from such a verb."""
        t = v
        for _ in range(3):
            if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in t.children):
                return True
            if t.dep_ not in ("xcomp", "advcl") or t.head.i == t.i:
                return False
            t = t.head
        return False

    @staticmethod
    def intended(v, depth: int = 0) -> bool:  # noqa: ANN001
        """Future or intended: "will support", "is ready to send", "plans to visit", and
        the purpose of such an act ("is willing to send material to help defend X")."""
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in v.children):
            return True
        h = v.head
        if v.dep_ == "xcomp" and h.lemma_.lower() in INTENT_HEADS:
            return True
        if v.dep_ == "xcomp" and h.pos_ == "ADJ" and h.lemma_.lower() in INTENT_HEADS:
            return True
        to_clause = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        if depth < 2 and to_clause and v.dep_ in ("advcl", "xcomp") and h.pos_ == "VERB":
            return SentenceCoder.intended(h, depth + 1)
        return False

    def _statements(self) -> list[DraftEvent]:
        """Reported speech whose content is a threat or an accusation: "X said that any
        attack by Y would trigger a response" -> X threatens Y."""
        out: list[DraftEvent] = []
        cues = cue_verbs()
        for v in self.doc:
            if v.pos_ != "VERB" or v.lemma_.lower() not in cues:
                continue
            comps = [c for c in v.children if c.dep_ in ("ccomp", "xcomp")]
            if not comps:
                continue
            sources, _ = self.subjects(v)
            if not sources:
                continue
            for comp in comps:
                lemmas = {t.lemma_.lower() for t in comp.subtree} | {t.lower_ for t in comp.subtree}
                modal = any(t.lower_ in MODALS for t in comp.subtree)
                for rule in statement_rules():
                    if not (rule.cues & lemmas) or (rule.needs and not rule.needs & lemmas):
                        continue
                    if rule.modal and not modal:
                        continue
                    targets = self._statement_targets(comp, rule.target)
                    for s in sources:
                        for t in targets:
                            if not same_actor(s.actor, t.actor):
                                out.append(DraftEvent(s, t, rule.code, (v.i,), self.negated(v), 0.6,
                                                      f"statements.tsv:{rule.line} -> {rule.code}"))
                    if targets:
                        break
        return out

    def _statement_targets(self, comp, where: str) -> list[Participant]:  # noqa: ANN001
        if where == "subject":
            subj = [c for c in comp.children if c.dep_ in SUBJ]
            return self.actors_at(subj[0]) if subj else []
        found: list[Participant] = []
        for t in comp.subtree:
            p = self._by_token.get(t.i)
            if p is not None and all(q.actor != p for q in found):
                found.append(Participant(p, p.tok_start, p.tok_end, ""))
        return found[:1]


# collective heads whose role modifier is the actor: "opposition groups", "rebel leaders"


def _temporal(prep) -> bool:  # noqa: ANN001
    """A prepositional phrase that only says when: "on Tuesday", "in March", "in 2019"."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objs) and all(
        g.lower_ in TIME_WORDS or (g.like_num and len(g.text) == 4) or g.ent_type_ == "DATE"
        for g in objs
    )


def _from_is_target(pattern: Pattern | None) -> bool:
    """"from X" names the target of a withdrawal or a cut ("withdrew its troops from
    Georgia", "pulled out of"), elsewhere only an origin ("arrived from Seoul")."""
    return pattern is not None and (pattern.prep == "from" or pattern.code.startswith(("087", "16")))
