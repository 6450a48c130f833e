"""Who takes part in an event: the actors a parse puts in a verb's subject, object and
prepositional positions, with pronouns, relative clauses, passives, coordination and
control followed to their actors.

:class:`Participants` works on one parsed sentence and the actors found in it (token
offsets local to the sentence). Subjects are inherited through coordination and control
("agreed to push through"), relative clauses ("Abe, who is set to hold") and passives
("a system opposed by China"); pronouns come from :class:`~tidings.coding.drafts.Salience`,
which remembers who was talked about.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tidings.coding.drafts import (
    OBJ,
    PASS_SUBJ,
    SUBJ,
    Participant,
    Salience,
    acts_on_each_other,
    held_role,
    holds_role,
    in_place_phrase,
    launched_by,
    names_two,
    passive_agents,
    plural_role,
    same_actor,
)
from tidings.coding.lexical import antecedent, beyond_border, coordinated, governing_verb, verb_done
from tidings.coding.places import Places
from tidings.extract.actors import Resolved
from tidings.extract.phrases import UNIDENTIFIED
from tidings.rules.dictionary import make_code
from tidings.rules.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from tidings.rules.conventions import Conventions

_CLAUSE_LINKS = ("conj", "xcomp", "advcl", "ccomp", "acomp")


@dataclass
class Participants:
    """The actors of one parsed sentence by syntactic position."""

    doc: Doc
    actors: Sequence[Resolved]
    sent_index: int
    salience: Salience
    lexicon: Lexicon
    place_country: dict[int, tuple[str, str]] = field(default_factory=dict)  # token -> (name, ISO3)
    patient_nouns: frozenset[str] = frozenset()  # "the bombing of Yemen": "of" names no doer
    by_token: dict[int, Resolved] = field(default_factory=dict)
    abroad: bool = False  # seeking targets of an act between states (convention ``foreign_target``)
    places: Places = field(init=False)

    def __post_init__(self) -> None:
        for a in self.actors:
            for i in range(a.tok_start, a.tok_end):
                self.by_token[i] = a
        self.places = Places(self.doc, self.by_token, self.lexicon, self.place_country, self.patient_nouns)

    def same(self, a: Resolved, b: Resolved) -> bool:
        return same_actor(a, b, self.lexicon.state_roles)

    def mutual(self, v: Token, code: str, conv: Conventions, sources: Sequence[Participant]) -> bool:
        """Whether conjoined sources of different actors act on each other: "A and B
        agreed/met" (the ``symmetric`` convention's codes), "Indian and Chinese troops
        clashed" (a verb of ``reciprocal_verbs``), "A and B accused each other" (any verb
        whose object is a reciprocal pronoun). Not sides who fought a third ("Kenyan and
        Somali troops fought the militants"), while those who exchange something
        (``exchange_verbs``: "swapped prisoners") still trade with each other."""
        if len({s.actor.code for s in sources}) < 2:
            return False
        if conv.applies("symmetric", code) or acts_on_each_other(v):
            return True
        lemma = v.lemma_.lower()
        return lemma in self.lexicon.reciprocal_verbs and (
            lemma in self.lexicon.exchange_verbs or not any(self.actors_at(o) for o in _opponents(v)))

    def placed(self, found: Sequence[Participant]) -> list[Participant]:
        """``found`` with a capital named as the place where something happens ("clashed
        with fans after the match in Cairo", "a bomb went off in Kabul") standing for its
        country as the location, not for its government ("Moscow said" keeps that)."""
        out = []
        for p in found:
            a = p.actor
            if a.how != "capital" or not a.country or p.how or not 0 <= a.head < len(self.doc):
                out.append(p)  # named elsewhere (a pronoun, an earlier sentence): no place here
                continue
            if in_place_phrase(self.doc[a.head], self.lexicon.locative_preps, self.lexicon.place_nouns):
                p = Participant.location(a.name, a.country, a.tok_start, a.tok_end, a.head)
            out.append(p)
        return out

    def itself(self, source: Participant, p: Participant) -> bool:
        """Whether ``p`` is the source itself (nobody acts on itself). A place that stands
        in for an attacker nobody named ("a grenade was thrown at an army patrol in
        Srinagar": IND) is not that country's army or police."""
        if source.how == "implicit" and source.actor.role is None:
            return source.actor.code == p.actor.code
        if self.abroad and source.actor.how == "context" and p.actor.how != "context" and not p.how:
            return False  # "the minister paid a visit to Kyiv": not a Ukrainian minister
        return self.same(source.actor, p.actor)

    def other(self, found: Sequence[Participant], sources: Sequence[Participant]) -> list[Participant]:
        """``found`` without the sources themselves."""
        return [p for p in found if not any(self.itself(s, p) for s in sources)]

    # -- noun phrases ---------------------------------------------------------------------
    def actor_after(self, i: int) -> list[Participant]:
        """The actor phrase starting within a few modifier words after token ``i``."""
        for j in range(i + 1, min(i + 5, len(self.doc))):
            a = self.by_token.get(j)
            if a is not None and a.tok_start == j:
                return [Participant(a, a.tok_start, a.tok_end, "")]
            if self.doc[j].pos_ not in ("DET", "NUM", "ADJ", "ADV"):
                return []
        return []

    def the_two(self, tok: Token) -> list[Participant]:
        """"the two leaders", "both sides", "each side": the last two actors of different countries
        named before in this sentence; failing two there, in the sentences just before
        ("Colombia's president met ELN leaders ... The two sides agreed": the government
        and the rebels, two sides of one country)."""
        if not names_two(tok):
            return []
        before = [a for a in self.actors if a.tok_end <= tok.i]
        # people first ("Yoon met Kishida in Tokyo ... the two leaders"), then the rest
        ranked = [a for a in reversed(before) if a.kind == "person"] + [
            a for a in reversed(before) if a.kind != "person"]
        seen = _two(ranked, lambda a, b: a.country != b.country)
        if len(seen) < 2:  # "The ministry said the two sides held talks": the two named before
            # not the press ("told reporters"); "the two countries" are states
            states = tok.lemma_.lower() in self.lexicon.country_nouns
            earlier = [a for a in self.salience.named_before(self.sent_index) if a.role != "MED"
                       and (not states or a.kind == "country" or a.role == "GOV")]
            seen = _two([a for a in earlier if a.kind == "person"] + [a for a in earlier if a.kind != "person"],
                        lambda a, b: not self.same(a, b) and a.code != b.code)
        return [Participant(a, tok.i, tok.i + 1, "pronoun") for a in reversed(seen)] if len(seen) == 2 else []

    def _several(self, tok: Token, depth: int) -> list[Participant]:
        """The actors a word names together: "the two leaders", "they" after "A and B"."""
        return self.the_two(tok) or (self._they_coordinated(tok) if depth == 0 else [])

    def _they_coordinated(self, tok: Token) -> list[Participant]:
        """"Obama and Putin said they would meet": "they" in the clause of a verb whose
        subject names two or more actors stands for all of them."""
        if tok.lower_ != "they":
            return []
        for v in tok.ancestors:
            subj = next((c for c in v.children if c.dep_ in SUBJ and c.i < tok.i), None)
            if subj is not None:
                found = self.actors_at(subj) if subj.conjuncts or names_two(subj) else []
                return [Participant(p.actor, tok.i, tok.i + 1, "pronoun") for p in found] if len(found) > 1 else []
        return []

    def they_two(self, sources: Sequence[Participant]) -> list[Participant]:
        """"Nigeria's president received the Ghanaian leader. They discussed trade": "they"
        doing what two sides do together stands for the two actors of different
        countries the sentence just before names, when it names exactly two."""
        if len(sources) != 1 or sources[0].how != "pronoun" or self.doc[sources[0].tok_start].lower_ != "they":
            return []
        if any(a.tok_end <= sources[0].tok_start for a in self.actors):
            return []  # named in this sentence: "they" is theirs
        last = self.salience.named_before(self.sent_index, window=1)
        by_country: dict[str, Resolved] = {}
        for a in last:
            if a.country and a.kind in ("person", "country", "group", "organisation"):
                by_country.setdefault(a.country, a)
        if len(by_country) != 2:
            return []
        tok = sources[0].tok_start
        return [Participant(a, tok, tok + 1, "pronoun") for a in reversed(list(by_country.values()))]

    def undergoers(self, noun: Token) -> list[Participant]:
        """The actors a noun naming an act was done to, in its phrases of ``undergoer_preps``
        ("the charges against the editor", "aid to the region")."""
        return [p for c in noun.children if c.dep_ == "prep" and c.lower_ in self.lexicon.undergoer_preps
                for g in c.children if g.dep_ == "pobj" for p in self.actors_at(g)]

    def actors_at(self, tok: Token, depth: int = 0) -> list[Participant]:
        """Actors that a noun phrase headed by ``tok`` denotes (with its conjuncts)."""
        if depth == 0 and self._relative_subject(tok):
            return self.actors_at(tok.head.head)  # "Kenya and Ethiopia, which hosted the negotiations": both
        both = self._several(tok, depth)
        if both:
            return both
        out: list[Participant] = []
        heads = coordinated(tok) if depth == 0 else [tok]
        heads += self._named_in(tok)
        for t in heads:
            p = self.one(t)
            two = self._role_of_the_two(t, p)
            if two:
                out += two
                continue
            if (p is not None and out and t.i != tok.i and holds_role(out[0].actor, p.actor)
                    and any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in tok.children)):
                # "the foreign ministers of Peru and Ecuador", Ecuador parsed as the
                # ministers' conjunct: a plural role shared
                p = Participant(held_role(out[0].actor, p.actor), p.tok_start, p.tok_end, p.how)
            if p is not None and all(p.actor != q.actor for q in out):
                out.append(p)
                out += [q for q in self._shared_role(t, p) if all(q.actor != r.actor for r in out)]
                out += [q for q in self._sharing_head(t) if all(q.actor != r.actor for r in out)]
        return out

    def _role_of_the_two(self, t: Token, p: Participant | None) -> list[Participant]:
        """"The defence chiefs of the two states": a plural role of no country named
        with "the two" (``names_two``) is held by each of the two named before."""
        a = p.actor if p is not None else None
        if a is None or a.country or not (a.kind == "group" and a.plural and a.role):
            return []
        sides = [s for c in t.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                 for g in c.children if g.dep_ == "pobj" for s in self.the_two(g) if s.actor.country]
        return [Participant(replace(held_role(a, s.actor), tok_start=a.tok_start, tok_end=a.tok_end, head=a.head),
                            p.tok_start, p.tok_end, p.how) for s in sides] if len(sides) == 2 else []

    def _relative_subject(self, tok: Token) -> bool:
        """``tok`` is the relative pronoun subject of a clause on a noun ("which", "who")."""
        return tok.lower_ in self.lexicon.relative and tok.dep_ in SUBJ | PASS_SUBJ \
            and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i

    def _named_in(self, tok: Token) -> list[Token]:
        """The actors a phrase that is no actor names: in apposition ("key allies South
        Korea and Japan"), or as its members ("more than a dozen countries, including
        Canada and Poland"), with their conjuncts; none when the phrase is an actor."""
        if tok.i in self.by_token:
            return []
        heads = [g for c in tok.children if c.dep_ == "appos" and c.i in self.by_token for g in (c, *c.conjuncts)]
        return heads + [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "including"
                        for p in c.children if p.dep_ == "pobj" for g in (p, *p.conjuncts)]

    def _sharing_head(self, t: Token) -> list[Participant]:
        """"Saudi and Emirati forces": the actors of two countries that share the head word."""
        return [Participant(b, b.tok_start, b.tok_end, "") for b in self.actors if b.head == t.i and b.country]

    def _shared_role(self, t: Token, p: Participant) -> list[Participant]:
        """"the foreign ministers of India and China", "officials from Kenya and Uganda":
        the role of ``p`` (named with the first country) held by each country coordinated
        with it, as actors of their own."""
        a = p.actor
        if not plural_role(a):
            return []
        out = []
        for c in t.children:
            if c.dep_ != "prep" or c.lower_ not in ("of", "from"):
                continue
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                for other in g.conjuncts:
                    b = self.by_token.get(other.i)
                    if b is not None and b.kind == "country" and b.country and b.country != a.country:
                        out.append(Participant(held_role(a, b), b.tok_start, b.tok_end, ""))
        return out

    def one(self, t: Token, depth: int = 0) -> Participant | None:
        """The actor a single noun (or pronoun) stands for."""
        a = self.by_token.get(t.i)
        if a is not None:
            return Participant(a, a.tok_start, a.tok_end, "")
        if depth > 3:
            return None
        low, lex = t.lower_, self.lexicon
        if low in lex.relative and t.dep_ in SUBJ | PASS_SUBJ and t.head.dep_ == "relcl":
            return self.one(t.head.head, depth + 1)
        if t.pos_ == "PRON" and low in lex.pronouns_person | lex.pronouns_thing | lex.pronouns_plural:
            r = self._antecedent_in_sentence(t) or self.salience.resolve(low, self.sent_index)
            if r is None and t.dep_ in SUBJ and self.salience.other_sex_only(low, self.sent_index):
                # "she met him", and only men named lately: a person we cannot code did it
                r = Resolved(t.text, "", None, None, UNIDENTIFIED, "words", t.i, t.i + 1, t.i)
                return Participant(r, t.i, t.i + 1, "unidentified")
            return Participant(r, t.i, t.i + 1, "pronoun") if r is not None else None
        return self._by_apposition(t, depth) or self._by_modifier(t) or self._by_of_phrase(t, depth)

    def _by_apposition(self, t: Token, depth: int) -> Participant | None:
        # "key allies South Korea and Japan", "Kenzo Oshima, the UN relief coordinator"
        for c in t.children:
            if c.dep_ == "appos":
                p = self.one(c, depth + 1)
                if p is not None:
                    return p
        return None

    def _by_modifier(self, t: Token) -> Participant | None:
        """"US troops", "a US missile defense system", "Mattis' tour", "US Predator
        attacks" (a modifier of a modifier)."""
        # "camps near the Afghan border": where, not who
        mods = [] if beyond_border(t, self.lexicon) else [c for c in t.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
        mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ == "compound"]
        for c in mods:
            a = self.by_token.get(c.i)
            if a is None:
                continue
            if (a.kind == "group" and a.how in ("title", "context") and a.tok_end - a.tok_start == 1
                    and t.lemma_.lower() not in self.lexicon.collective_heads | self.lexicon.installations
                    and t.pos_ != "PROPN"):
                # a bare role word as modifier: "military alliance", "police academy"; but
                # before a name it says who the name is ("the opposition BNP"), and a
                # body's posts and vehicles are the body ("attacked a police station")
                continue
            return Participant(a, a.tok_start, a.tok_end, "")
        return None

    def _by_of_phrase(self, t: Token, depth: int) -> Participant | None:
        # "the government of Japan", "officials from Serbia", "thousands of students"
        if t.pos_ not in ("NOUN", "PROPN", "NUM"):
            return None
        for c in t.children:
            if c.dep_ != "prep" or c.lower_ not in ("of", "from"):
                continue
            for g in c.children:
                if g.dep_ == "pobj" and g.lower_ not in self.lexicon.relative:
                    p = self.one(g, depth + 1)
                    if p is not None:
                        return p
        return None

    def possessor(self, t: Token) -> Participant | None:
        """Whom possessive pronoun ``t`` stands for (lexicon ``possessive_pronouns``: "its"
        as "it"), named earlier in its sentence or, failing that, before it."""
        w = _pronoun_of(self.lexicon.possessive_pronouns).get(t.lower_) if t.dep_ == "poss" else None
        if w is None:
            return None
        r = self._antecedent_in_sentence(t, w) or self.salience.resolve(w, self.sent_index)
        return Participant(r, t.i, t.i + 1, "pronoun") if r is not None else None

    def _antecedent_in_sentence(self, t: Token, word: str | None = None) -> Resolved | None:
        """A person named earlier in the same sentence, for he/she ("Trump ripped into
        ..., fuming at an accord he called dumb"); a subject for it/they."""
        return antecedent(t, word or t.lower_, self.actors, self.salience, self.lexicon)

    # -- subjects -----------------------------------------------------------------------
    def subjects(self, v: Token, hops: int = 0) -> tuple[list[Participant], bool]:
        """Source actors of verb ``v`` and whether the clause is passive."""
        agent, shared = passive_agents(v)  # "were beaten and detained by police"
        passive = shared or any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in v.children)
        if agent:
            found = self.actors_at(agent[0])
            if not found:  # "hit by a missile fired by rebels": whoever fired the means
                found = next((f for g in launched_by(agent[0]) if (f := self.actors_at(g))), [])
            return self._with_coordinated(found), True
        if passive:
            # "Abe, who is set to hold a summit": the passive subject controls the xcomp;
            # "Israel is opposed to ...": a stative participle, its subject is the actor
            ps = [c for c in v.children if c.dep_ in PASS_SUBJ]
            if ps and (hops > 0 or v.lemma_.lower() in self.lexicon.stative_passives):
                return self._with_coordinated(self.actors_at(ps[0])), False
            return [], True
        subj = self._subject(v)
        if subj is not None:
            return self._with_coordinated(self._doers(subj)) + self._headline_pair(v, subj), False
        if hops >= 3 or v.dep_ == "ROOT":
            return [], False
        return self._inherited_subjects(v, hops), False

    def _subject(self, v: Token) -> Token | None:
        """The subject of active verb ``v``; "The Red Crescent working in Sudan said": the
        parse makes the participle the subject and hangs the actor on it; "Ruto, Museveni
        meet at border": of a headline's two subjects, each parsed as one, the second."""
        subj = [c for c in v.children if c.dep_ in SUBJ]
        if subj and subj[0].tag_ == "VBG" and not self.actors_at(subj[0]):
            subj = [c for c in subj[0].children if c.dep_ in SUBJ] or subj
        if len(subj) > 1 and self._headline_pair(v, subj[-1]):
            return subj[-1]
        return subj[0] if subj else None

    def _doers(self, subj: Token) -> list[Participant]:
        """The actors a subject names as doers: for an act named as a noun whose "of"
        phrase is who suffers it ("the bombing of Yemen killed thousands"), not those,
        and its "by" phrase first ("the bombing of the market by militants killed 12")."""
        means = subj.lemma_.lower() in self.lexicon.armed_means  # "Israel said its jets struck": whose jets
        found = self.actors_at(subj) or [p for c in subj.children if means and (p := self.possessor(c)) is not None]
        if subj.lemma_.lower() not in self.patient_nouns:
            return found
        by = [p for c in subj.children if c.dep_ == "prep" and c.lower_ == "by"
              for g in c.children if g.dep_ == "pobj" for p in self.actors_at(g)]
        victims = {g.i for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.subtree}
        return by or [p for p in found if not victims & set(range(p.tok_start, p.tok_end))]

    def _headline_pair(self, v: Token, subj: Token) -> list[Participant]:
        """"Pakistan, China sign deal on rail link": a headline joins two subjects with a
        comma, and the parse hangs the first one on the verb, or on the second ("Ruto,
        Museveni meet": a modifier of Museveni); it acts too."""
        firsts = [c for c in subj.children if c.dep_ in ("nmod", "appos") and c.i < subj.i]
        first = firsts[0].i if firsts else subj.left_edge.i - 2
        if first < 0 or self.doc[first].right_edge.i + 1 >= len(self.doc) \
                or self.doc[self.doc[first].right_edge.i + 1].text != "," or self.doc[first].head not in (v, subj):
            return []
        t = self.doc[first]
        if t.left_edge.i != self.doc[0].i or t.dep_ not in ("npadvmod", "nsubj", "dep", "appos", "nmod"):
            return []
        return self.actors_at(t)

    def _inherited_subjects(self, v: Token, hops: int) -> list[Participant]:
        """A verb with no subject of its own takes one from the clause it hangs from."""
        h = governing_verb(v)
        if v.dep_ in ("xcomp", "ccomp") and h.pos_ == "VERB":
            # object control: "helping young militants join", "urged the EC to support":
            # the one who joins is the head's object; not after a verb of
            # ``purpose_verbs`` ("summoned the envoy to protest": the summoner protests)
            objs = [c for c in h.children if c.dep_ in OBJ and c.i < v.i]
            if objs and h.lemma_.lower() not in self.lexicon.purpose_verbs:
                return [p.inherited() for p in self.actors_at(objs[0])]
        if v.dep_ in _CLAUSE_LINKS and h.pos_ in ("VERB", "AUX"):
            return [p.inherited() for p in self.subjects(h, hops + 1)[0]]
        if v.dep_ == "pcomp" and v.head.dep_ == "prep":
            return self._complement_subjects(v, hops)
        if v.dep_ == "relcl":
            return self.actors_at(v.head)
        if v.dep_ == "acl" and v.tag_ == "VBG":
            return self._participle_subjects(v, hops)
        return []

    def _complement_subjects(self, v: Token, hops: int) -> list[Participant]:
        """The doers of a verb that complements a preposition: the subject of the verb the
        preposition hangs from, after a verb of resorting or a preposition of means, or of
        a copula's adjective."""
        h = v.head.head  # "protesters resorted to burning tyres": they burned them
        if v.head.lower_ == "to" and h.pos_ == "VERB" and h.lemma_.lower() in self.lexicon.resort_verbs:
            return [p.inherited() for p in self.subjects(h, hops + 1)[0]]
        if v.head.lower_ in self.lexicon.means_preps and h.pos_ == "VERB" and v.tag_ == "VBG":
            # "Moscow responded by expelling two envoys": the means is the subject's act
            found, passive = self.subjects(h, hops + 1)
            return [] if passive else [p.inherited() for p in found]
        credited = self._credited(v, h)
        if credited is not None:
            return credited
        if v.head.lower_ in self.lexicon.prior_preps and h.pos_ in ("VERB", "AUX") and v.tag_ == "VBG" \
                and verb_done(h, self.lexicon):
            # "a crowd beat a trader after accusing him of theft", "was arrested after
            # attacking an officer": the clause's subject, whatever its voice, did both (not
            # "urged Fiji to hold elections after rejoining": neither is done)
            undergoer = next((c for c in h.children if c.dep_ in PASS_SUBJ), None)
            found = self.actors_at(undergoer) if undergoer is not None else self.subjects(h, hops + 1)[0]
            return [p.inherited() for p in found]
        return self._copula_subjects(v, hops)

    def _credited(self, v: Token, h: Token) -> list[Participant] | None:
        """"Thanked Ghana for hosting the talks": whom a verb of credit (``credit_verbs``)
        names did the act it credits; None when ``v`` is no such act."""
        if v.head.lower_ != "for" or v.tag_ != "VBG" or h.lemma_.lower() not in self.lexicon.credit_verbs:
            return None
        objs = [c for c in h.children if c.dep_ in OBJ and c.i < v.i]
        return [p.inherited() for p in self.actors_at(objs[0])] if objs else []

    def _copula_subjects(self, v: Token, hops: int) -> list[Participant]:
        # "are guilty of violating the ceasefire": the copula's subject. (Not "accused
        # Iran of violating it": an accusation says nothing was done.)
        g = v.head.head
        if g.pos_ == "ADJ" and g.dep_ == "acomp" and g.head.pos_ in ("VERB", "AUX"):
            return [p.inherited() for p in self.subjects(g.head, hops + 1)[0]]
        return []

    def _participle_subjects(self, v: Token, hops: int) -> list[Participant]:
        # "demonstrators protesting election results": the noun is the doer;
        # "released a communique urging talks": else the issuer; a body's post never
        # acts ("laid siege to the police station demanding ...": the besiegers demand)
        found = [] if v.head.lemma_.lower() in self.lexicon.installations else self.actors_at(v.head)
        if found:
            return [p.inherited() for p in found]
        h = v.head
        for _ in range(4):
            if h.pos_ in ("VERB", "AUX") or h.head.i == h.i:
                break
            h = h.head
        if h.pos_ in ("VERB", "AUX") and h.i != v.i and h.lemma_.lower() not in self.lexicon.reply_verbs:
            return [p.inherited() for p in self.subjects(h, hops + 1)[0]]
        return []  # "opposed a resolution calling for sanctions": someone else's call

    def _with_coordinated(self, found: list[Participant]) -> list[Participant]:
        """Add an actor coordinated just before the subject that the parse lost:
        "On Thursday Mattis and South Korean Prime Minister Hwang agreed"."""
        if not found:
            return found
        first = min(found, key=lambda p: p.tok_start)
        i = first.tok_start - 1
        if i >= 1 and self.doc[i].lower_ == "and":
            prev = self.by_token.get(i - 1)
            if prev is not None and all(p.actor != prev for p in found):
                return [Participant(prev, prev.tok_start, prev.tok_end, ""), *found]
        return found

    # -- actors named by where it happened -------------------------------------------
    def implicit_authority(self, v: Token, origin: bool = False) -> list[Participant]:
        """"A missionary was arrested in Lebanon": an arrest, detention or ban with no
        agent is the act of the authorities of the country where it happened, named or
        known by a town of it ("were detained in Istanbul"), also when the place is said
        of the verb's phrase ("was placed under investigation in Paris"); with ``origin``,
        of the country one was sent away "from" ("was deported from Romania")."""
        preps = ("from",) if origin else ("in", "inside", "across", "throughout")
        phrases = [g for c in v.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for c in (c for h in (v, *phrases) for c in h.children):
            if c.dep_ == "prep" and c.lower_ in preps:
                for g in c.children:
                    p = self.one(g) if g.dep_ == "pobj" else None
                    if p is not None and p.actor.country and p.actor.kind == "country":
                        a = p.actor
                        gov = Resolved(a.name, a.country + "GOV", a.country, "GOV", "country",
                                       "implicit", a.tok_start, a.tok_end, a.head)
                        return [Participant(gov, a.tok_start, a.tok_end, "implicit")]
                    if p is None and g.dep_ == "pobj" and g.i in self.place_country:
                        name, iso = self.place_country[g.i]
                        start, end = self.places.place_span(g.i)
                        gov = Resolved(name, iso + "GOV", iso, "GOV", "country", "implicit", start, end, g.i)
                        return [Participant(gov, start, end, "implicit")]
        return []

    def deployed(self, v: Token) -> list[Participant]:
        """"Troops were deployed to the border": the armed force (``armed_roles``, and
        police) that a passive with no agent sends, as the doer of its own deployment."""
        if any(c.dep_ == "auxpass" and c.lower_ in ("is", "are") for c in v.children):
            return []  # "US troops are stationed in Japan": where they are, not an act
        ps = [c for c in v.children if c.dep_ in PASS_SUBJ]
        found = self.actors_at(ps[0]) if ps else []
        armed = self.lexicon.armed_roles | {"COP"}
        return [Participant(p.actor, p.tok_start, p.tok_end, "implicit") for p in found if p.actor.role in armed]

    def no_actor_subject(self, v: Token) -> bool:
        subj = [c for c in v.children if c.dep_ in SUBJ]
        passive = any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in v.children)
        if subj:
            # a thing ("a roadside bombing killed"), not people no table knows ("members of
            # the Ijaw Youth Council occupied", "Ijaw youths stormed")
            people = self.lexicon.member_heads | self.lexicon.collective_heads
            return (not self.actors_at(subj[0]) and subj[0].pos_ == "NOUN"
                    and subj[0].lemma_.lower() not in people and subj[0].lower_ not in people)
        return passive  # "were killed (by a roadside bomb)"

    def crowd(self, v: Token) -> list[Participant]:
        """"Thousands took to the streets of Dakar": a crowd named only by its size
        (``crowd_words``) is people of the country of the first place the sentence names
        (unknown without one), coded as civilians; not a place that only modifies a noun
        ("outside the US embassy in Baghdad": Iraqis)."""
        subj = [c for c in v.children if c.dep_ in SUBJ]
        if not subj or subj[0].lower_ not in self.lexicon.crowd_words or self.actors_at(subj[0]):
            return []
        t = subj[0]
        places = sorted(self.place_country)
        first = [i for i in places if self.doc[i].dep_ not in ("compound", "amod", "nmod")
                 or self.doc[i].head.lemma_.lower() in self.lexicon.place_nouns]  # "the Kenyan capital"
        iso = self.place_country[first[0]][1] if first else None
        # "hundreds of dockworkers": the crowd keeps the words that say who they are
        end = max((g.i for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.subtree),
                  default=t.i) + 1
        words = self.doc[t.i:end].text
        who = Resolved(words, make_code(iso, "CVL"), iso, "CVL", "group", "crowd", t.i, end, t.i, True)
        return [Participant(who, t.i, end, "implicit")]

    def converse(self, v: Token) -> list[Participant]:
        """"Ukraine received weapons from the US": the giver is the source; with none named,
        no one named gave what a verb of ``receiving_verbs`` names ("Nepal received relief
        supplies"), while one who accepts refugees gives them shelter."""
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                for g in c.children:
                    if g.dep_ == "pobj" and self.actors_at(g):
                        return self.actors_at(g)
        return [Participant.unnamed(v.i)] if v.lemma_.lower() in self.lexicon.receiving_verbs else []

    def in_clause(self, comp: Token, where: str, skip: Sequence[Resolved] = ()) -> list[Participant]:
        """The subject actor of a clause (``where == "subject"``), the first actor named
        anywhere in it ("any"), or the first that is none of ``skip`` ("stance": "said
        he was optimistic about talks with Seoul" is about Seoul, not the speaker)."""
        if where == "subject":
            subj = [c for c in comp.children if c.dep_ in SUBJ]
            return self.actors_at(subj[0]) if subj else []
        named = [p for t in comp.subtree if (p := self.by_token.get(t.i)) is not None]
        if where == "stance":
            others = [p for p in named if not any(self.same(p, s) for s in skip)]
            home = {s.country for s in skip}
            # a foreign actor first: "concerned about the arrest of Indian fishermen by Sri Lanka"
            named = [p for p in others if p.country not in home] or others
        return [Participant(named[0], named[0].tok_start, named[0].tok_end, "")] if named else []


def _two(ranked: Sequence[Resolved], apart: Callable[[Resolved, Resolved], bool]) -> list[Resolved]:
    """The first two coded actors of ``ranked`` that are ``apart``."""
    seen: list[Resolved] = []
    for a in ranked:
        if a.country and all(apart(a, b) for b in seen):
            seen.append(a)
        if len(seen) == 2:
            break
    return seen


def _opponents(v: Token) -> list[Token]:
    """The words that can name whom ``v`` is done against: its direct object and the
    object of its "against" phrase ("fought the militants", "fought against al Shabaab")."""
    return [c for c in v.children if c.dep_ == "dobj"] + [
        g for c in v.children if c.dep_ == "prep" and c.lower_ == "against" for g in c.children if g.dep_ == "pobj"]


@functools.cache
def _pronoun_of(pairs: frozenset[str]) -> dict[str, str]:
    """Lexicon ``possessive_pronouns`` ("its=it") as possessive -> pronoun, read once."""
    return dict(p.split("=", 1) for p in pairs)
