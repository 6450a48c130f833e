"""Acts named as nouns in one parsed sentence ("Russia's annexation of Crimea", "clashes
between police and protesters", "drew condemnation from Turkey"), who did them and whom
they were done to; and the nouns that say whom a verb's act is aimed at ("condemned the
killing of three civilians by Indian troops", "rejected the idea"). Used by
:class:`~tidings.coding.sentence.SentenceCoder`."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from tidings.coding.doers import led_by
from tidings.coding.drafts import (
    OBJ,
    PASS_SUBJ,
    SUBJ,
    DraftEvent,
    Participant,
    dyad,
    earlier_doer,
    is_main,
    told_before,
)
from tidings.coding.features import features, lookup, noun_lemma, set_apart
from tidings.coding.lexical import (
    acted_on,
    awaited_noun,
    done,
    happens,
    indefinite,
    set_in_time,
    stoppage,
)
from tidings.coding.participants import Participants
from tidings.coding.partners import clause_sides
from tidings.coding.references import beside_doers, protested_rulers
from tidings.rules import RuleSet
from tidings.rules.verbs import Pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from tidings.extract.actors import Resolved


NO_TARGET = "[agent noun, no target]"  # such an event gives way to the model's reading of its words


class NounActs:
    """The acts named as nouns in ``doc``, read with the sentence's participants."""

    def __init__(self, doc: Doc, rules: RuleSet, parts: Participants) -> None:
        self.doc = doc
        self.rules = rules
        self.conv = rules.conventions
        self.parts = parts
        self.reported: set[int] = set()  # acts a reaction reports as done (reported_acts)

    def act_subject_doers(self, v: Token) -> list[Participant]:
        """"Airstrikes by the coalition killed twelve", "a Russian missile strike hit a
        school": a verb whose subject is an act named as a noun is done by whoever did
        that act."""
        return [p for c in v.children if c.dep_ == "nsubj" and self._is_act(c) for p in self.noun_sources(c, inherit=False)]

    def acts_reacted_to(self, v: Token) -> list[Token]:
        """The acts named as nouns that verb ``v`` reacts to: its object ("condemned the
        killing of ..."), or what it is against ("protested against the arrest of ...")."""
        nouns = [c for c in v.children if c.dep_ in OBJ or c.dep_ in PASS_SUBJ]  # "the raid ... was condemned"
        nouns += [g for c in v.children if c.dep_ == "prep" and c.lower_ in ("against", "over")
                  for g in c.children if g.dep_ == "pobj"]
        return [n for n in nouns if self._is_act(n)]

    def reported_acts(self, v: Token) -> set[int]:
        """The acts verb ``v`` reacts to, remembered as reported done: "protested against the
        arrest of journalists by police" tells of an arrest, where "warned against attacks"
        tells of none."""
        acts = {n.i for n in self.acts_reacted_to(v)}
        self.reported |= acts
        return acts

    def _is_act(self, n: Token) -> bool:
        """A noun the pattern table names an act with ("killing", "visit", "siege"), or a
        light noun that such a noun modifies ("the bombing campaign")."""
        by_noun = self.rules.verbs.by_noun
        if n.pos_ != "NOUN":
            return False
        return noun_lemma(n) in by_noun or (n.lemma_.lower() in self.rules.lexicon.light_nouns and any(
            m.dep_ == "compound" and m.i == n.i - 1 and noun_lemma(m) in by_noun for m in n.children))

    def _first_doers(self, acts: Iterable[Token], sources: list[Participant]) -> list[Participant]:
        """Who did the first of ``acts`` that names its doer (possessor or "by" phrase),
        other than ``sources``."""
        for n in acts:
            found = self.parts.other(self.noun_sources(n, inherit=False, modifiers=False), sources)
            if found:
                return found
        return []

    def act_doers(self, v: Token, pattern: Pattern, sources: list[Participant]) -> list[Participant]:
        """"Pakistan condemned the killing of civilians by Indian troops": for the codes of
        ``act_doer_target``, who did the act the verb reacts to is the target, not who suffered it."""
        if not self.conv.applies("act_doer_target", pattern.code):
            return []
        acts = self.acts_reacted_to(v)
        return (self._first_doers(acts, sources) or self._told_doers(acts, sources)
                or beside_doers(self.parts, self.rules, v, sources) or self._referred_doers(v, sources))

    def _referred_doers(self, v: Token, sources: list[Participant]) -> list[Participant]:
        """"Kenya expelled two Somali diplomats. Mogadishu condemned the move": "the
        move", "the decision" (lexicon ``act_references``) with no actor in it is the act
        told in the sentences just before (no statement or appeal), and its doer the target."""
        lex = self.rules.lexicon
        for n in (c for c in v.children if c.dep_ in OBJ or c.dep_ in PASS_SUBJ):
            if (n.lemma_.lower() in lex.act_references and told_before(n, self.rules.lexicon.definite_words)
                    and not any(t.i in self.parts.by_token for t in n.subtree)):
                return self._named_before(self.parts.salience.act_before(self.parts.sent_index), n, sources)
        return []

    def _told_doers(self, acts: Sequence[Token], sources: list[Participant]) -> list[Participant]:
        """"Israeli jets struck a camp in Gaza. Egypt condemned the strike": an act named
        with "the" or "this" and no doer is the one told in the sentences just before, and
        its doer there is the target."""
        for n in acts:
            if not told_before(n, self.rules.lexicon.definite_words):
                continue
            pattern = lookup(self.rules.verbs, noun_lemma(n), features(n, self.rules.lexicon), nouns=True)
            found = [] if pattern is None else self._named_before(
                self.parts.salience.doer_before(self.parts.sent_index, pattern.code), n, sources)
            if found:
                return found
        return []

    def _named_before(self, actors: Iterable[Resolved], at: Token, sources: list[Participant]) -> list[Participant]:
        """The first of ``actors`` (named in sentences before) that is not one of ``sources``,
        standing at the words ``at`` that refer to it ("the strike", "the idea")."""
        for a in actors:
            p = Participant(a, at.i, at.i + 1, "pronoun")
            if self.parts.other([p], sources):
                return [p]
        return []

    def proposer(self, v: Token, pattern: Pattern, sources: list[Participant]) -> list[Participant]:
        """"Orban urged Zelensky to consider a ceasefire. The Ukrainian leader rejected the
        idea": an answer (convention ``answers_proposal``) to a proposal named only as
        "the idea", "the offer" (lexicon ``proposal_nouns``) is aimed at who made one in
        the sentences just before."""
        if not self.conv.applies("answers_proposal", pattern.code):
            return []
        lex = self.rules.lexicon
        obj = next((c for c in v.children if c.dep_ in OBJ or c.dep_ in PASS_SUBJ), None)
        if obj is None or obj.lemma_.lower() not in lex.proposal_nouns or not any(
                c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "his", "her", "their", "its")
                for c in obj.children) or any(t.i in self.parts.by_token for t in obj.subtree):
            return []
        return self._named_before(self.parts.salience.proposer_before(self.parts.sent_index), obj, sources)

    def accuser(self, v: Token, pattern: Pattern, sources: list[Participant]) -> list[Participant]:
        """"Kenya accused Somalia of arming the militia. Mogadishu denied it": a denial
        (convention ``answers_accusation``) with no target is aimed at who accused someone
        in the sentences just before."""
        if not self.conv.applies("answers_accusation", pattern.code):
            return []
        claim = v.head  # "Guyana accused Venezuela of massing troops, an allegation Caracas denied"
        if v.dep_ == "relcl" and claim.lemma_.lower() in self.rules.lexicon.hearsay_heads and claim.head.pos_ == "VERB":
            said = self.parts.other(self.parts.subjects(claim.head)[0], sources)
            if said:
                return said
        at = next((c for c in v.children if c.dep_ in OBJ), v)  # "the charge"; else the denial itself
        return self._named_before(self.parts.salience.doer_before(self.parts.sent_index, "11"), at, sources)

    def threatened_doers(self, v: Token, pattern: Pattern, sources: list[Participant]) -> list[Participant]:
        """"China warned it would respond firmly to any visit by the Taiwanese leader": a
        threat (convention ``conditional_target``) with no target named is aimed at whoever
        would do the act its clause answers."""
        if not self.conv.applies("conditional_target", pattern.code):
            return []
        clauses = [c for c in v.children if c.dep_ in ("ccomp", "xcomp")]
        heads = [h for c in clauses for h in (c, *(o for o in c.children if o.dep_ in OBJ))]  # "take measures against"
        acts = (g for h in heads for p in h.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj")
        return self._first_doers((n for n in acts if self._is_act(n)), sources)

    def happening_nouns(self, consumed: set[int]) -> list[DraftEvent]:
        """"Palestinian riots against Israeli policies are continuing", "clashes erupted":
        a protest or a fight named as the subject of a verb of happening is the event;
        its actor is the noun's modifier (else no one named, on the country where it
        happened), its target the against/with phrase."""
        out: list[DraftEvent] = []
        lex = self.rules.lexicon
        for n in self.doc:
            h = happens(n)
            verb = h.lemma_.lower() if h is not None else ""
            reported = n.dep_ == "nsubjpass" and verb in lex.reported_happenings
            if n.i in consumed or h is None or not (
                    verb in lex.happening_verbs or verb in lex.truce_verbs or reported):
                continue
            pattern = self.noun_pattern(n, "happening_noun")
            if pattern is None or not (reported or verb in (
                    lex.truce_verbs if self.conv.applies("truce", pattern.code) else lex.happening_verbs)):
                continue  # a truce takes effect or holds ("the ceasefire broke down" is no truce)
            if done(self.doc, h.i, self.rules):
                out += self._happening(n, h, pattern)  # not "if war breaks out", "fears that protests will spread"
        return out

    def _happening(self, n: Token, h: Token, pattern: Pattern) -> list[DraftEvent]:
        """The events of act noun ``n``, the subject of ``h``, a verb of happening."""
        main = is_main(h, self.rules.cues.verbs)
        sides = self._between(n, h)
        if len(sides) == 2:  # "clashes between police and protesters erupted": each on the other
            return [DraftEvent(a, b, pattern.code, (n.i,), False, 0.7, f"{pattern.rule} [between -> both ways]", main)
                    for a, b in (sides, sides[::-1])]
        mods = [c for c in n.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                and c.i in self.parts.by_token]
        if mods and self.conv.applies("victim_modifier", pattern.code) and mods[0].dep_ != "poss":
            return []  # "the Rwandan genocide": the victims'; "Serbia's genocide": the doer's
        found = self._noun_targets(n, ("against", "with", "on"))
        if not mods:  # "demonstrations continued in Colombo": by no one named, where it happened
            # ("the strike by dockers went on": by them; "the strike continued": by whoever struck before)
            doer = next(iter(self.noun_sources(n, inherit=False, modifiers=False)
                             or self._earlier_doers(n, pattern.code)), Participant.unnamed(n.i))
            return [DraftEvent(doer, t, pattern.code, (n.i,), False, 0.6, f"{pattern.rule} [went on]", main)
                    for t in found or self.parts.places.implicit_place() or [None]]
        src = self.parts.by_token[mods[0].i]
        source = Participant(src, src.tok_start, src.tok_end, "")
        return [DraftEvent(source, t, pattern.code, (n.i,), False, 0.7, pattern.rule, main)
                for t in found or [None] if t is None or not self.parts.same(src, t.actor)]

    def between_nouns(self, used: set[int]) -> list[DraftEvent]:
        """"fled the fighting between the army and the RSF", "a phone call between Macron
        and Scholz": an act named as a noun (convention ``between_noun``) between two
        actors, reported as done, is each one's act on the other; "soldiers died in a clash
        with militants": the clause subject's act on the other side."""
        out: list[DraftEvent] = []
        if not any(t.lower_ in ("between", "with") for t in self.doc):
            return out
        for n in self.doc:
            if n.pos_ != "NOUN" or n.i in used:
                continue
            sides = self._between(n)
            # "clashed with": the subject's act, as a verb's would be; "between": both ways
            pairs, note = ((sides, sides[::-1]), "between -> both ways") if sides else (
                (self._fought_with(n),), "with -> the subject's")
            pattern = self.noun_pattern(n, "between_noun") if len(pairs[0]) == 2 else None
            if pattern is not None and done(self.doc, n.i, self.rules):
                out += [DraftEvent(a, b, pattern.code, (n.i,), False, 0.6, f"{pattern.rule} [{note}]",
                                   is_main(n.head, self.rules.cues.verbs)) for a, b in pairs]
        return out

    def spell_nouns(self, used: set[int]) -> list[DraftEvent]:
        """"agreed after six hours of talks", "resigned after weeks of street protests",
        "a third night of rioting", "schools closed amid protests", "detained at a march":
        an act (convention ``spell_noun``) that a stretch of time measures (lexicon
        ``spell_words``), or amid or during which something was done, or whose dead are
        counted ("the death toll from the bombing rose": ``toll_words``), went on."""
        out: list[DraftEvent] = []
        for n in self.doc:
            # "detained nine students following a march": the parse makes "following" a verb
            pobj = n.dep_ == "pobj" or (n.dep_ == "dobj" and n.head.dep_ == "prep")
            spell = self._spell(n) if n.i not in used and n.pos_ == "NOUN" and pobj else None
            if spell is None:
                continue
            span, how = spell
            pattern = self.noun_pattern(n, "spell_noun")
            if how in ("on", "after", "at") and (pattern is None or not pattern.code.startswith(
                    {"on": "04", "after": ("14", "04"), "at": "14"}[how])):
                continue  # visits went on; protests and talks were held before; protests where it was done
            if pattern is not None and self._went_on(n, span.head):
                rule = f"{pattern.rule} [{how} -> went on]"
                out += [DraftEvent(s, t, pattern.code, (n.i,), False, 0.5, rule, False)
                        for s, t in self._spell_sides(n, span, pattern)]
        return out

    def _spell(self, n: Token) -> tuple[Token, str] | None:
        """The word that says act noun ``n`` went on, and how: a stretch of time ("hours" of
        "hours of talks"), a preposition of time ("amid", "during"; "after", "despite", "in
        the face of" protests), "on" a visit, a toll "from" it."""
        span, prep, lex = n.head.head, n.head.lower_, self.rules.lexicon
        if prep == "of" and span.lower_ in lex.spell_words and span.i < n.i:
            # not "after decades of war": how long things have stood, no act
            return None if n.lemma_.lower() in lex.lasting_nouns else (span, f"{span.lower_} of")
        if prep in ("amid", "amidst", "during") or (  # "arrested 300 people at protests": an act of the table
                prep == "at" and span.pos_ == "VERB" and span.lemma_.lower() in self.rules.verbs.by_verb):
            return n, prep
        if prep in lex.preceding_preps or (prep == "of" and span.lower_ in lex.preceding_preps):
            return n, "after"  # "after mass protests", "in the face of protests"
        if prep == "on" and indefinite(n) and set_apart(n.head, n.head.head):
            return n, "on"  # "the envoy, on a visit to Lusaka, said": the visit went on
        if prep in ("from", "in", "of") and span.lower_ in lex.toll_words:
            return n, "toll"  # "the death toll from the bombing rose to 100"
        return None

    def _went_on(self, n: Token, prep: Token) -> bool:
        """The act was done; "agreed to restore links after hours of talks": the parse
        hangs the "after" phrase on the infinitive, but the talks came before the
        agreeing."""
        if done(self.doc, n.i, self.rules):
            return True
        return (prep.lower_ in ("after", "following", "amid", "during") and prep.head.dep_ == "xcomp"
                and done(self.doc, prep.head.head.i, self.rules))

    def _spell_sides(self, n: Token, span: Token, pattern: Pattern) -> list[tuple[Participant, Participant | None]]:
        """Who did an act that went on, and to whom: the two sides of its "between"; its own
        doer (possessor, "by" phrase, modifier) and target (with/against); for talks and
        fights (convention ``between_noun``) the sides the clause names ("A and B agreed
        after hours of talks": each with the other); else, but for talks, no one named,
        on the country where it happened."""
        sides = self._between(n)
        if sides:
            return [(sides[0], sides[1]), (sides[1], sides[0])]
        targets = self._spell_targets(n, pattern)
        sources = self.noun_sources(n, inherit=False)
        if not sources and self.conv.applies("between_noun", pattern.code):
            clause = clause_sides(span, self.noun_sources(span), self.parts)  # "A and B agreed after talks"
            if not targets and len(clause) >= 2 and not self.parts.same(clause[0].actor, clause[1].actor):
                return [(clause[0], clause[1]), (clause[1], clause[0])]
            sources = clause if targets else []  # "Iran agreed after months of talks with the EU"
        if self.conv.applies("symmetric", pattern.code) and not targets:
            return []  # talks of no one named, or of one side only ("during a G8 summit")
        if not sources and pattern.code.startswith("14") and not self.conv.applies("stoppage", pattern.code):
            # "youths threw stones during demonstrations": people of the roles that protest
            # (lexicon ``protest_roles``) who do something during a protest are protesting
            # (not during a strike: "commuters walked to work during the general strike")
            sources = [p for p in self.noun_sources(span) if p.actor.role in self.rules.lexicon.protest_roles]
        sources = sources or [Participant.unnamed(n.i)]
        targets = targets or self.parts.places.implicit_place() or protested_rulers(self.noun_sources(span), pattern,
                                                                                    self.rules)
        return [(s, t) for s in sources for t in targets or [None]
                if t is None or t.how in ("location", "implicit") or not self.parts.same(s.actor, t.actor)]

    def _spell_targets(self, n: Token, pattern: Pattern) -> list[Participant]:
        """Whom an act that went on was aimed at: its with/against phrase, "strikes on
        Gaza" for attacks, and the place its own preposition names ("signed deals during a
        visit to Nairobi")."""
        onto = ("on", "into") if self.conv.applies("agent_noun", pattern.code) else ()
        own = (pattern.prep,) if pattern.prep else ()
        return self._noun_targets(n, ("with", "against", "among", *onto, *own)) or (
            self._noun_places(n, own) if own else [])

    def _between(self, n: Token, verb: Token | None = None) -> list[Participant]:
        """The two sides of "between A and B" on an event noun or on the verb it is the
        subject of ("clashes broke out between herders and farmers"), when they differ."""
        for prep in (c for h in (n, verb or n.head) for c in h.children if c.dep_ == "prep" and c.lower_ == "between"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                sides = [p for x in (obj, *obj.conjuncts) for p in self.parts.actors_at(x)]
                if len(sides) >= 2 and not self.parts.same(sides[0].actor, sides[1].actor):
                    return sides[:2]
        return []

    def _fought_with(self, n: Token) -> list[Participant]:
        """The two sides of "soldiers died in a clash with militants", "rebels took the town
        after fighting with the army": the noun's "with" phrase, and the subject of the verb
        whose in/after/amid/during phrase the noun is."""
        prep = n.head
        if n.dep_ != "pobj" or prep.lower_ not in ("in", "after", "amid", "during") or prep.head.pos_ not in ("VERB", "AUX"):
            return []
        others = [p for c in n.children if c.dep_ == "prep" and c.lower_ == "with"
                  for g in c.children if g.dep_ == "pobj" for p in self.parts.actors_at(g)]
        subjects = [p for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass") for p in self.parts.actors_at(c)]
        if others and subjects and not self.parts.same(subjects[0].actor, others[0].actor):
            return [subjects[0], others[0]]
        return []

    def noun_pattern(self, n: Token, convention: str) -> Pattern | None:
        lemma = noun_lemma(n)
        if lemma not in self.rules.verbs.by_noun:
            return None
        p = lookup(self.rules.verbs, lemma, features(n, self.rules.lexicon), nouns=True)
        if p is not None and not self.conv.applies("stoppage", p.code):
            # "the general strike continued", "the teachers' strike", or "the strike" after
            # nurses went on strike: the noun's row for a stoppage of work (convention
            # ``stoppage``), not for an attack
            stop = next((r for r in self.rules.verbs.by_noun[lemma] if self.conv.applies("stoppage", r.code)), None)
            if stop is not None and (stoppage(n, self.rules.lexicon) or self._stoppage_before(n, stop, p)):
                p = stop
        return p if p is not None and self.conv.applies(convention, p.code) else None

    def _stoppage_before(self, n: Token, stop: Pattern, other: Pattern) -> bool:
        """"The strike" after a stoppage was told, and no act of the other reading (an attack)."""
        sent = self.parts.sent_index
        return earlier_doer(self.parts.salience, sent, n, stop.code) is not None and \
            earlier_doer(self.parts.salience, sent, n, other.code) is None

    def _noun_targets(self, n: Token, preps: Sequence[str]) -> list[Participant]:
        return [p for c in n.children if c.dep_ == "prep" and c.lower_ in preps
                for g in c.children if g.dep_ == "pobj" for p in self.parts.actors_at(g)]

    def noun_events(self, consumed: set[int], told: Collection[tuple[str, str | None]] = ()) -> list[DraftEvent]:
        """"ahead of a meeting with his counterpart Han" -> source meets Han. Coded only
        when both actors are found, and not again for a dyad ``told`` by a verb ("met Han
        for talks"), unless the noun says when that verb's act was done ("signed a pact
        during talks in Lomé": the two met)."""
        out: list[DraftEvent] = []
        for n in self.doc:
            if n.pos_ not in ("NOUN", "PROPN") or n.i in consumed:
                continue
            pattern = self.noun_pattern(n, "noun_event")
            if pattern is None or self._between(n):  # "talks between A and B": between_nouns
                continue
            allowed = (pattern.prep,) if pattern.prep else tuple(self.rules.lexicon.noun_target_preps)
            if not pattern.prep and self.conv.applies("of_target_noun", pattern.code):
                allowed = (*allowed, "of")  # "criticism of X"; elsewhere "of" is the theme
            found = self._noun_targets(n, allowed)
            sources = self.noun_sources(n) if found else []
            occasion = self._on_occasion(n)
            if not found and occasion and self.conv.applies("symmetric", pattern.code):
                # "A and B signed it at talks", "A restored ties with B at a summit"
                sources = found = clause_sides(n, self.noun_sources(n), self.parts, two=True, rules=self.rules)
            code, rule = pattern.code, pattern.rule
            if awaited_noun(n, self.rules.lexicon):  # "Iran is open to talks with Washington": an intent
                code, rule = self.conv.recoded("future_cooperation", code[:2]) or "", rule + " [ready for -> intent]"
            made = [DraftEvent(s, t, code, (n.i,), False, 0.6, rule)
                    for s in sources for t in found if code and not self.parts.same(s.actor, t.actor)]
            out += [e for e in made if occasion or dyad(e) not in told]
        return out

    def _on_occasion(self, n: Token) -> bool:
        """Noun ``n`` says when an act was done ("at talks": ``occasion_preps``)."""
        return n.head.lower_ in self.rules.lexicon.occasion_preps

    def agent_nouns(self, consumed: set[int]) -> list[DraftEvent]:
        """"Russia's annexation of Crimea", "the shelling of Kharkiv by Russian forces": an
        act named as a noun (convention ``agent_noun``) whose doer is its possessor or its
        by-phrase and whose sufferer follows it, reported as done; not "a possible
        invasion" (``irrealis_modifiers``) nor "fears of an invasion"."""
        out: list[DraftEvent] = []
        lex = self.rules.lexicon
        for n in self.doc:
            if n.pos_ != "NOUN" or n.i in consumed:
                continue
            pattern = self.noun_pattern(n, "agent_noun") or self._light_pattern(n)
            if pattern is None or not done(self.doc, n.i, self.rules, reported=n.i in self.reported):
                continue
            preps = (pattern.prep,) if pattern.prep else ("of", *lex.noun_target_preps)
            named = self._noun_targets(n, preps) or self._noun_places(n, preps)
            sources = self._act_doers(n, pattern, bool(named))
            found = named if sources else []
            if sources and not found and self.conv.applies("location_target", pattern.code):
                at = tuple(lex.locative_preps)  # "the army's coup in Thailand"
                found = self._noun_targets(n, at) or self._noun_places(n, at)
            if sources and not found and n.head.lemma_.lower() not in lex.happening_verbs:
                # "Russia's invasion", "the raid by police": the doer's, on no one named (a
                # "shelling by the army continued" is a happening noun's)
                out += [DraftEvent(s, None, pattern.code, (n.i,), False, 0.5, f"{pattern.rule} {NO_TARGET}")
                        for s in sources if self._a_power(s.actor)]
            out += [DraftEvent(s, t, pattern.code, (n.i,), False, 0.6, f"{pattern.rule} [agent noun]")
                    for s in sources for t in found if t.how == "location" or not self.parts.same(s.actor, t.actor)]
        return out

    def _act_doers(self, n: Token, pattern: Pattern, named: bool) -> list[Participant]:
        """Who did act noun ``n``: its possessor or "by" phrase; a modifier when the noun
        ``named`` its sufferer ("the US invasion of Iraq") or is force not set in time ("a
        Turkish offensive"; not "a military invasion", nor "after years of occupation"), and
        never of mass violence, whose modifier names the victims (``victim_modifier``)."""
        modifiers = named and not self.conv.applies("victim_modifier", pattern.code)
        found = self.noun_sources(n, inherit=False, modifiers=modifiers)
        if found or pattern.code[:2] != "19" or set_in_time(n, self.rules.lexicon):
            return found
        return [p for p in self.noun_sources(n, inherit=False) if p.actor.kind != "group"]

    def _a_power(self, a: Resolved) -> bool:
        """A state, its organs or armed men (lexicon ``state_roles``, ``armed_roles``): whose
        acts of force named as nouns are theirs on someone ("the blockade by truckers" is a
        protest, and not told here)."""
        role = (a.role or "")[:3]
        return a.kind == "country" or role in self.rules.lexicon.state_roles | self.rules.lexicon.armed_roles

    def behests(self) -> list[DraftEvent]:
        """"Rwanda deployed troops at the request of the Malian government", "at the behest
        of Washington": who asked (the noun's "of" phrase or possessor; lexicon
        ``behest_nouns``) asked the clause's doer."""
        out: list[DraftEvent] = []
        for n in self.doc:
            if (n.lemma_.lower() not in self.rules.lexicon.behest_nouns or n.dep_ != "pobj"
                    or n.head.lower_ != "at" or n.head.head.pos_ not in ("VERB", "AUX")):
                continue
            pattern = lookup(self.rules.verbs, noun_lemma(n), features(n, self.rules.lexicon), nouns=True)
            askers = self.noun_sources(n, inherit=False, modifiers=False) or self._noun_targets(n, ("of",))
            asked, passive = self.parts.subjects(n.head.head)
            if pattern is None or passive:
                continue
            out += [DraftEvent(a, t, pattern.code, (n.i,), False, 0.6, f"{pattern.rule} [at the {n.lower_} of]",
                               False)
                    for a in askers for t in asked if not self.parts.same(a.actor, t.actor)]
        return out

    def _light_pattern(self, n: Token) -> Pattern | None:
        """"the bombing campaign against the rebels", "the air operation over Idlib": a
        light noun whose modifier names the act is that act."""
        lex = self.rules.lexicon
        if n.lemma_.lower() not in lex.light_nouns:
            return None
        mod = next((m for m in n.children if m.dep_ == "compound" and m.i == n.i - 1), None)
        if mod is None or noun_lemma(mod) not in self.rules.verbs.by_noun:
            return None
        p = lookup(self.rules.verbs, noun_lemma(mod), features(n, lex), nouns=True)
        return p if p is not None and self.conv.applies("agent_noun", p.code) else None

    def _noun_places(self, n: Token, preps: Sequence[str]) -> list[Participant]:
        """The country of a place named in a phrase of noun ``n`` ("the annexation of
        Crimea"), as the target of what the noun names."""
        at = self.parts.place_country
        return [Participant.location(*at[g.i], *self.parts.places.place_span(g.i), g.i)
                for c in n.children if c.dep_ == "prep" and c.lower_ in preps
                for g in c.children if g.dep_ == "pobj" and g.i in at][:1]

    def reactions(self) -> list[DraftEvent]:
        """"Israel's decision drew condemnation from Turkey", "the drills drew a sharp
        rebuke from Washington": a reaction noun of the pattern table (criticism, praise,
        a protest) as the object of a ``reaction_verbs`` verb is an act of whoever it came
        "from", on whoever did what the verb's subject names; with no such doer ("the deal
        won praise from Kenya") it is no event."""
        out: list[DraftEvent] = []
        for v in self.doc:
            if v.lemma_.lower() not in self.rules.lexicon.reaction_verbs:
                continue
            subj = next((c for c in v.children if c.dep_ in SUBJ), None)
            if subj is None and v.tag_ == "VBG" and v.dep_ in ("advcl", "conj"):
                # "dissolved parliament, drawing criticism from the EU": the
                # participle's subject is the clause's
                subj = next((c for c in v.head.children if c.dep_ in SUBJ), None)
            if subj is None:
                continue
            for n in (c for c in v.children if c.dep_ in OBJ and noun_lemma(c) in self.rules.verbs.by_noun):
                pattern = lookup(self.rules.verbs, noun_lemma(n), features(n, self.rules.lexicon), nouns=True)
                sources = self._noun_targets(n, ("from",)) or self._noun_targets(v, ("from",))
                if pattern is None or not sources:
                    continue
                targets = self.parts.actors_at(subj) or self.noun_sources(subj, inherit=False) or \
                    self._earlier_doers(subj)  # "The arrests drew condemnation from Amnesty"
                out += [DraftEvent(s, t, pattern.code, (n.i,), False, 0.6,
                                   f"{pattern.rule} [{v.lemma_.lower()} ... from -> reaction]",
                                   is_main(v, self.rules.cues.verbs))
                        for s in sources for t in targets if not self.parts.same(s.actor, t.actor)]
        return out

    def dispersed(self, events: Sequence[DraftEvent]) -> list[DraftEvent]:
        """"Police used water cannon to break up the rally", "troops opened fire on a march":
        a protest named as the object of repression or force (convention ``dispersed``,
        the noun's code of ``dispersed_noun``) was held; by its modifier, or no one named."""
        out: list[DraftEvent] = []
        done_at = {i for e in events for i in e.verb_tokens}
        for e in events:
            if not e.verb_tokens or not self.conv.applies("dispersed", e.code):
                continue
            v = self.doc[e.verb_tokens[0]]
            for n in acted_on(v):
                pattern = self.noun_pattern(n, "dispersed_noun")
                if pattern is None or n.i in done_at:
                    continue
                done_at.add(n.i)
                doers = self.noun_sources(n, inherit=False) or [  # "a rally of opposition supporters"
                    p for p in self._noun_targets(n, ("of",)) if p.actor.role in self.rules.lexicon.protest_roles
                ] or [Participant.unnamed(n.i)]
                out += [DraftEvent(s, t, pattern.code, (n.i,), False, 0.6, f"{pattern.rule} [{v.lower_} -> held]",
                                   is_main(v, self.rules.cues.verbs))
                        for s in doers for t in self.parts.places.implicit_place() or [None]]
        return out

    def _earlier_doers(self, n: Token, code: str | None = None) -> list[Participant]:
        """The doer of the act a definite act noun refers back to ("the arrests", "the strike
        continued"): :func:`~tidings.coding.drafts.earlier_doer`, of the noun's own code."""
        if code is None and noun_lemma(n) in self.rules.verbs.by_noun:
            pattern = lookup(self.rules.verbs, noun_lemma(n), features(n, self.rules.lexicon), nouns=True)
            code = pattern.code if pattern is not None else None
        doer = earlier_doer(self.parts.salience, self.parts.sent_index, n, code) if code else None
        return [doer] if doer is not None else []

    def _nested_by(self, n: Token) -> list[Participant]:
        """"the abduction of 276 schoolgirls by Boko Haram": the parse hangs the doer's
        "by" phrase on the noun's own object, where it can only name who did the act; or,
        the noun being an active verb's object or the object of its preposition, on the verb
        right after the noun's phrase ("condemned the abduction of pupils by bandits",
        "marched over the killing of a student by police")."""
        # not "protests against abuses by the army": the army's abuses, not its protests
        found = [p for c in n.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "upon", "in", "at")
                 for g in c.children if g.dep_ == "pobj" and not self._is_act(g)  # "violations by X": X's own
                 for p in self._noun_targets(g, ("by",))]
        v = n.head.head if n.dep_ == "pobj" else n.head
        if found or not (n.dep_ == "dobj" or (n.dep_ == "pobj" and v.pos_ == "VERB")) or any(
                c.dep_ in ("auxpass", "nsubjpass") for c in v.children):
            return found
        end = max(t.i for t in n.subtree)
        return [p for c in v.children if c.dep_ == "prep" and c.lower_ == "by" and c.i == end + 1
                for g in c.children if g.dep_ == "pobj" for p in self.parts.actors_at(g)]

    def noun_sources(self, n: Token, inherit: bool = True, modifiers: bool = True) -> list[Participant]:
        """Who does what noun ``n`` names: its possessor ("Israel's decision"), its "by"
        phrase ("the visit by the Indian prime minister"), with ``modifiers`` a modifier
        naming an actor ("the Chinese military drills"); with ``inherit``, else the
        subject of the verb it hangs from."""
        poss = [c for c in n.children if c.dep_ == "poss"]
        sources = self.parts.actors_at(poss[0]) if poss else []
        sources = sources or self._noun_targets(n, ("by",)) or self._nested_by(n) or led_by(n, self.parts, self.rules.lexicon)
        if not sources and modifiers:
            mods = [c for c in n.children if c.dep_ in ("amod", "compound", "nmod") and c.i in self.parts.by_token]
            sources = self.parts.actors_at(mods[0]) if mods else []
        return sources if sources or not inherit else self._inherited_doers(n)

    def _inherited_doers(self, n: Token) -> list[Participant]:
        """"told reporters ahead of a meeting with Han": the noun hangs, through prepositions
        and adverbs only (and "following" parsed as a verb), from the verb whose subject
        meets; not "mediation in talks with X" (a noun inside another noun's phrase), unless
        the noun says when the act was done (``occasion_preps``: "rebuffed criticism at talks
        with X")."""
        h = n.head
        occasion = self._on_occasion(n)
        for _ in range(5):
            if (h.pos_ in ("VERB", "AUX") and h.dep_ != "prep") or h.head.i == h.i or (
                    h.pos_ in ("NOUN", "PROPN") and not occasion):
                break
            h = h.head
        if n.dep_ == "nsubj" and h.dep_ == "advcl" and h.tag_ == "VBD" and n.head.i == h.i:
            h = h.head  # "lifted the curfew as talks with the rebels resumed": the clause's doer talked
        return self.parts.subjects(h)[0] if h.pos_ in ("VERB", "AUX") else []

