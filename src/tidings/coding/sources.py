"""Who did an act: the verb's subject or passive agent, and failing that the doer the
coding conventions read from elsewhere in the sentence: the authority of the country where
an arrest happened, the force a passive deploys, the crowd that took to the streets, the
doer of a when-clause or of the act named after "in", the place where an attack happened,
or no one named, for coercion and violence done to a named actor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidings.coding.doers import uncoded_doer
from tidings.coding.drafts import PASS_SUBJ, SUBJ, Participant, borrowed_patient, is_main
from tidings.coding.features import features, lookup
from tidings.coding.nouns import NounActs
from tidings.coding.participants import Participants
from tidings.rules import RuleSet
from tidings.rules.verbs import Pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class Sources:
    """The doers of one sentence's acts, under its rule set's conventions."""

    def __init__(self, doc: Doc, rules: RuleSet, parts: Participants, nouns: NounActs) -> None:
        self.doc = doc
        self.rules = rules
        self.conv = rules.conventions
        self.parts = parts
        self.nouns = nouns

    def of(self, v: Token, pattern: Pattern) -> tuple[list[Participant], bool]:
        """The verb's sources; failing a named one, the authority or place the
        conventions name for acts with no agent."""
        sources, passive = self.parts.subjects(v)
        if not sources and passive:
            sources = self._authority(v, pattern)
        if not sources and passive and self.conv.applies("deployed_force", pattern.code):
            sources = self.parts.deployed(v)  # "thousands of soldiers were sent to the border"
        if not sources and self.conv.applies("crowd_source", pattern.code):
            sources = self.parts.crowd(v)  # "thousands took to the streets"
            if not sources and passive and pattern.objects and not any(c.dep_ == "agent" for c in v.children):
                # "rallies were taken out across the state": the protest itself, named by the
                # row's object, held by people no one names (not "she will be booed")
                sources = [Participant.unnamed(v.i)]
        if not sources and not passive:
            sources = self.nouns.act_subject_doers(v)  # "airstrikes by the coalition killed 12"
        if not sources and passive and self.conv.applies("when_doer", pattern.code):
            # "two people were killed when police opened fire", "killed in Israeli strikes"
            sources = self._when_doers(v) or self._cause_doers(v)
        if (not sources and (self.conv.applies("implicit_place", pattern.code) or self._struck(v, pattern))
                and is_main(v, self.rules.cues.verbs) and self.parts.no_actor_subject(v)):
            # "a roadside bombing near Samarra killed one U.S. soldier": the attacker is
            # unnamed; CAMEO codes the place where it happened
            sources = self.parts.places.implicit_place()
        return sources or self._unnamed_doers(v, pattern, passive), passive

    def _struck(self, v: Token, pattern: Pattern) -> bool:
        """Property damaged or destroyed by an attack or a weapon named as the subject
        (convention ``struck_thing``: "shelling damaged a hospital", "missile strikes set
        ablaze a grain terminal"), whose attacker no one names."""
        subj = [c for c in v.children if c.dep_ in SUBJ]
        return self.conv.applies("struck_thing", pattern.code) and bool(subj) and \
            self.nouns.noun_pattern(subj[0], "implicit_place") is not None

    def _reporting_force(self, v: Token, pattern: Pattern) -> list[Participant]:
        """"Police said dozens of men had been detained": coercion with no agent
        (convention ``reported_by_force``) in the clause that a force or an authority
        (lexicon ``enforcing_roles``) reports was done by it."""
        if not self.conv.applies("reported_by_force", pattern.code) or v.dep_ != "ccomp" or not any(
                c.dep_ in PASS_SUBJ and c.pos_ != "PRON" for c in v.children):  # not "it is banned to ..."
            return []
        said = v.head
        if said.lemma_.lower() not in self.rules.cues.verbs:
            return []
        return [s.inherited() for s in self.parts.subjects(said)[0]
                if (s.actor.role or "")[:3] in self.rules.lexicon.enforcing_roles and s.actor.country]

    def _authority(self, v: Token, pattern: Pattern) -> list[Participant]:
        """The force that reports a passive act with no agent (``_reporting_force``); else
        the authorities of the place it was done in (convention ``implicit_authority``), or
        that one was sent away from (``sent_from``)."""
        reported = self._reporting_force(v, pattern)
        if reported:
            return reported
        origin = self.conv.applies("sent_from", pattern.code)
        if origin or self.conv.applies("implicit_authority", pattern.code):
            return self.parts.implicit_authority(v, origin=origin)
        return []

    def _unnamed_doers(self, v: Token, pattern: Pattern, passive: bool) -> list[Participant]:
        """Who did an act that no actor table names the doer of: no one named, for coercion
        or violence done to a named actor ("two opposition leaders were detained"; not in a
        clause that describes a noun, "the town where 28 were killed", nor to one told to
        act, "troops were ordered to fire"); the subject's own words, for a body or person
        no table codes ("a rights group condemned ...", "Petrosyan refused ...")."""
        if passive and self.conv.applies("agentless_passive", pattern.code) and \
                not any(c.dep_ == "agent" or (c.dep_ == "xcomp" and not self._sent_away(pattern)) for c in v.children) and \
                not any(a.dep_ in ("relcl", "acl") for a in (v, *v.ancestors)) and self._done_to(v, pattern) and \
                (is_main(v, self.rules.cues.verbs) or not self.conv.applies("agentless_main", pattern.code)):
            return [Participant.unnamed(v.i)]
        doer = uncoded_doer(self.doc, v, self.parts.actors, self.rules, self.parts.place_country)
        return [doer] if doer is not None else []

    def _sent_away(self, pattern: Pattern) -> bool:
        """"Three diplomats were ordered to leave": the row's infinitive sends its passive
        subject away (convention ``sent_away``); the one told to go is the target, not a
        doer (unlike "troops were ordered to fire")."""
        return bool(pattern.to) and self.conv.applies("sent_away", pattern.code)

    def _done_to(self, v: Token, pattern: Pattern) -> bool:
        """A passive act is done to a named actor: its subject ("two leaders were detained"),
        or, when the subject is the act the row names, the object of a preposition on the verb
        or on the subject ("sanctions were imposed on three banks", "the charges against the
        editor were dropped")."""
        # "were beaten and detained", "shops were looted and set alight": the chain's subject
        subj = [c for c in v.children if c.dep_ in PASS_SUBJ] or [
            b for b in (borrowed_patient(v),) if b is not None]
        if any(self.parts.actors_at(c) for c in subj):
            return True
        if subj and subj[0].pos_ == "NOUN" and self.conv.applies("agentless_thing", pattern.code):
            return True  # "three churches were torched": property destroyed, by no one named
        if not subj or subj[0].lemma_.lower() not in pattern.objects:
            return False
        return bool(self.parts.undergoers(subj[0])) or any(
            self.parts.actors_at(g) for c in v.children if c.dep_ == "prep"
            and c.lower_ in self.rules.lexicon.target_preps for g in c.children if g.dep_ == "pobj")

    def _when_doers(self, v: Token) -> list[Participant]:
        """"Two people were killed when police opened fire", "were wounded after gunmen
        stormed the hotel": a passive act with no agent (convention ``when_doer``) was done
        by whoever did what its when-clause tells."""
        for c in v.children:
            if c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "after")
                                           for m in c.children):
                subj = next((g for g in c.children if g.dep_ in SUBJ), None)
                found = self.parts.actors_at(subj) if subj is not None else []
                if found:
                    return [p.inherited() for p in found]
        return []

    def _cause_doers(self, v: Token) -> list[Participant]:
        """"Three people were killed in Israeli strikes", "wounded in shelling by rebels":
        a passive act with no agent (convention ``when_doer``) was done by the doer of the
        act named after "in", "during" or "by" (lexicon ``cause_preps``)."""
        for c in v.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in self.rules.lexicon.cause_preps:
                for n in (g for g in c.children if g.dep_ in ("pobj", "pcomp")):
                    if self._cause_pattern(n) is not None:
                        found = self.nouns.noun_sources(n, inherit=False)
                        if found:
                            return [p.inherited() for p in found]
        return []

    def _cause_pattern(self, n: Token) -> Pattern | None:
        """The pattern of an act named as a noun ("in Israeli strikes") or a gerund ("in
        shelling by Russian forces"), of the ``when_doer`` convention."""
        if n.tag_ != "VBG":
            return self.nouns.noun_pattern(n, "when_doer")
        p = lookup(self.rules.verbs, n.lemma_.lower(), features(n, self.rules.lexicon))
        return p if p is not None and self.conv.applies("when_doer", p.code) else None
