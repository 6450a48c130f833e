"""Where an act happens: the country of a place a sentence names, as the target of an act
done there ("imposed a curfew in the town of Cizre"), as the side that stands for an
event no one is named doing ("clashes broke out in Goma"), or as the home of those who
act at home ("teachers across Malawi went on strike").

:class:`Places` works on one parsed sentence: the actors found in it by token, and the
gazetteer's places by token (``place_country``). :class:`~tidings.coding.participants.Participants`
holds one as ``places``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.coding.drafts import OBJ, Participant
from tidings.coding.lexical import beyond_border
from tidings.extract.actors import Resolved
from tidings.rules.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class Places:
    """The places of one parsed sentence, and the countries they stand for."""

    doc: Doc
    by_token: dict[int, Resolved]
    lexicon: Lexicon
    place_country: dict[int, tuple[str, str]]  # token -> (name, ISO3)
    patient_nouns: frozenset[str]  # "killed in Israeli strikes": whose strikes, not where

    def implicit_place(self) -> list[Participant]:
        """"in Baghdad", "near the town of Samarra", "outside of the Iraqi city of Basra":
        the country of the first place the sentence names after a locative preposition."""
        for t in self.doc:
            if not (t.dep_ == "pobj" and any(a.dep_ == "prep" and a.lower_ in self.lexicon.locative_preps
                                            for a in [t.head, *t.head.ancestors][:4])):
                continue
            for g in t.subtree:
                if (g.dep_ == "amod" and g.head.lemma_.lower() in self.patient_nouns) or beyond_border(g.head, self.lexicon):
                    continue  # "killed in Israeli strikes": whose strikes, not where; "near the Afghan border"
                loc = self._country_at(g, "implicit")
                if loc is not None:
                    return [loc]
        return []

    def _country_at(self, g: Token, how: str) -> Participant | None:
        a = self.by_token.get(g.i)
        iso = a.country if a is not None and a.kind == "country" else None
        name = a.name if a is not None else None
        start, end = g.i, g.i + 1
        if iso is None and g.i in self.place_country:
            name, iso = self.place_country[g.i]
            start, end = self.place_span(g.i)
        if not iso:
            return None
        loc = Resolved(name or iso, iso, iso, None, "country", how, start, end, g.i)
        return Participant(loc, start, end, how)

    def place_span(self, i: int) -> tuple[int, int]:
        """The tokens of the whole place name token ``i`` belongs to ("North Kivu")."""
        here = self.place_country[i]
        start, end = i, i + 1
        while self.place_country.get(start - 1) == here:
            start -= 1
        while self.place_country.get(end) == here:
            end += 1
        return start, end

    def location_target(self, v: Token, left: bool = False) -> list[Participant]:
        """"imposed a curfew in the town of Cizre in southeastern Turkey": a domestic act
        with no named target falls on the country where it happens; so does an act on a
        place ("shelled Goma", "bombed the town of Kharkiv", "launched an attack on
        Kharkiv", "fired on Sloviansk"), also when the parse takes the name right after the
        verb for an adverb ("shelled Bakhmut overnight"); with ``left``, a place left ("pulled
        out of Bakhmut", "withdrew from Bakhmut")."""
        for c in v.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":  # "threatened to expand its offensive into Rafah"
                found = self.location_target(c)
                if found:
                    return found
            for g in [*self._acted_on(v, c), *(_left(c) if left else [])]:
                if g.i in self.place_country:
                    name, iso = self.place_country[g.i]
                    return [Participant.location(name, iso, *self.place_span(g.i), g.i)]
        return self._where(v)

    def _acted_on(self, v: Token, c: Token) -> list[Token]:
        """The words of verb ``v``'s child ``c`` that may name a place acted on: the object
        (and its of- or on-phrase), the object of on/against/at/into (and "to" after a
        light verb's object: "laid siege to Mariupol"), a name parsed as an adverb."""
        aimed = ("on", "against", "at", "into", "to")
        light = any(k.dep_ == "dobj" for k in v.children)
        if c.dep_ == "prep" and c.lower_ in aimed[:4 + light]:
            return [g for g in c.children if g.dep_ == "pobj"]
        if c.dep_ in OBJ:
            return [c, *(g for p in c.children if p.dep_ == "prep" and (p.lower_ == "of" or p.lower_ in aimed)
                         for g in p.children if g.dep_ == "pobj")]
        return [c] if c.dep_ == "advmod" and c.i == v.i + 1 else []

    def _where(self, v: Token) -> list[Participant]:
        """The country where verb ``v``'s act happens: a place after in/at/near... on the
        verb or on its object."""
        for h in [v, *(c for c in v.children if c.dep_ in OBJ)]:
            for c in h.children:
                if c.dep_ != "prep" or c.lower_ not in ("in", "at", "outside", "near", "across", "throughout"):
                    continue
                for g in (g for g in c.subtree if not beyond_border(g.head, self.lexicon)):  # not "near the Afghan border"
                    a = self.by_token.get(g.i)
                    if a is not None and a.country and a.kind in ("country", "organisation", "group"):
                        return [Participant.location(a.name, a.country, a.tok_start, a.tok_end, a.head)]
                    if g.i in self.place_country:  # a city from the gazetteer
                        name, iso = self.place_country[g.i]
                        return [Participant.location(name, iso, *self.place_span(g.i), g.i)]
        return []

    def home(self, v: Token, sources: Sequence[Participant]) -> list[Participant]:
        """"Teachers across Malawi went on strike", "Jamaica's government declared a state
        of emergency": a domestic act with no target and no place named falls on the
        country of those who do it, when they all have one, are no international body,
        and are not soldiers or spies (whose acts may fall abroad). No words name it: its
        span is empty, at the verb."""
        homes = {s.actor.country for s in sources}
        if len(homes) != 1 or None in homes or any(
                s.actor.code.startswith("IGO") or (s.actor.role or "")[:3] in self.lexicon.abroad_roles for s in sources):
            return []
        return [Participant.home(homes.pop(), v.i)]


def _left(c: Token) -> list[Token]:
    """The words of a verb's child ``c`` that may name a place left: the object of "from" or
    "out of", and its of-phrase ("pulled out of the town of Bakhmut")."""
    if c.dep_ != "prep" or c.lower_ not in ("from", "of", "out"):
        return []
    objs = [g for h in (c, *(p for p in c.children if p.dep_ == "prep" and p.lower_ == "of"))
            for g in h.children if g.dep_ == "pobj"]
    return objs + [g for o in objs for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                   for g in p.children if g.dep_ == "pobj"]
