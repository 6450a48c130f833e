"""The target of an event: the actor a verb acts on, looked for in the order a human
coder would (its object, its prepositional phrases, the clause it governs, the place
where it happens), never the source itself ("withdrew its troops from Georgia": Georgia).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from tidings.coding.drafts import (
    OBJ,
    PASS_SUBJ,
    SUBJ,
    Participant,
    borrowed_patient,
    home_venue,
    in_place_phrase,
    passive_chain,
)
from tidings.coding.features import for_clause
from tidings.coding.lexical import beyond_border
from tidings.coding.participants import Participants
from tidings.coding.partners import with_phrase
from tidings.rules.conventions import Conventions
from tidings.rules.verbs import Pattern

if TYPE_CHECKING:
    from spacy.tokens import Token

_NOT_PHRASES = SUBJ | PASS_SUBJ | {"ccomp", "advcl", "conj", "cc", "parataxis", "relcl", "agent", "punct"}
_NOT_TARGETS = ("from", "by")  # an origin or a passive agent


def _from_is_target(pattern: Pattern | None, conv: Conventions) -> bool:
    """"from X" names the target of a withdrawal or a cut ("withdrew its troops from
    Georgia", "pulled out of"), elsewhere only an origin ("arrived from Seoul")."""
    return pattern is not None and (pattern.prep == "from" or conv.applies("from_is_target", pattern.code))


def objects(parts: Participants, v: Token, pattern: Pattern | None, passive: bool, conv: Conventions,
            sources: Sequence[Participant] = ()) -> list[Participant]:
    """Target actors of verb ``v`` in its own positions: the passive subject, the object,
    the prepositional objects (the pattern's preposition first), inside the object."""
    given = pattern is not None and conv.applies("given_people", pattern.code)
    if pattern is not None and conv.applies("shared_topic", pattern.code):
        # information shared goes to a partner, never to whom it is about
        return parts.other(_object_targets(parts, v, sources) or _partners(parts, v, sources), sources)
    # "the suspect was extradited from Spain to France": whom one is given to, first
    for found in (_prep_targets(parts, v, pattern, conv, sources) if passive and given else [],
                  _passive_targets(parts, v, sources) if passive else [],
                  _object_targets(parts, v, sources, given),
                  _prep_targets(parts, v, pattern, conv, sources),
                  _inside_object(parts, v, sources)):
        found = parts.other(found, sources)
        if found:
            return found
    return []


def _whose(parts: Participants, c: Token, sources: Sequence[Participant]) -> list[Participant] | None:
    """Whom a possessive pronoun on object ``c`` names: None when it names the doers only
    ("withdrew their troops": their own, no target); the others it names ("accepted their
    demand" after "the workers struck": the workers); [] when it has none, names no one, or
    ``c`` is the other side ("met his counterpart")."""
    poss = [p for p in c.children if p.dep_ == "poss" and p.lower_ in parts.lexicon.own_pronouns]
    if not poss or c.lemma_.lower() in parts.lexicon.other_side_nouns:
        return []
    whose = parts.possessor(poss[0])
    return (parts.other([whose], sources) if whose is not None else []) or None


def _passive_targets(parts: Participants, v: Token, sources: Sequence[Participant]) -> list[Participant]:
    chain = passive_chain(v)  # "were detained and deported": who was deported
    ps = [c for t in (chain or [v]) for c in t.children if c.dep_ in PASS_SUBJ]
    found = parts.other(parts.actors_at(ps[0]), sources) if ps else []
    if not found and ps:  # "the charges against the editor were dropped": whom the act was on
        found = parts.other(parts.undergoers(ps[0]), sources)
    if not found and v.dep_ == "acl":
        found = parts.other(parts.actors_at(v.head), sources)
    patient = None if ps else borrowed_patient(v)
    if not found and patient is not None:  # "students marched before being dispersed"
        found = parts.other(parts.subjects(patient.head, 1)[0], sources)
    return found


def _object_targets(parts: Participants, v: Token, sources: Sequence[Participant],
                    given: bool = False) -> list[Participant]:
    """The object's actors; with ``given`` (convention ``given_people``) not people of the
    doers' own country or of none named, who are what is sent ("Kenya sent doctors to
    Somalia", "handed over the suspect to Italy")."""
    homes = {s.actor.country for s in sources} | {None} if given else set()
    for c in v.children:
        if c.dep_ in OBJ or c.dep_ == "dative":
            whose = _whose(parts, c, sources)
            if whose is None:
                continue  # "withdraw their force from Chad": the force is the source's own; not "met his counterpart"
            found = [p for p in parts.other(parts.actors_at(c), sources) if p.actor.country not in homes] or (
                whose if c.pos_ == "NOUN" else [])  # "accepted their demand": of the workers named before
            if found:
                return found
    return []


def _prep_targets(parts: Participants, v: Token, pattern: Pattern | None, conv: Conventions,
                  sources: Sequence[Participant]) -> list[Participant]:
    # "sent troops to Mali": the parse can make "to" a dative
    preps = sorted((c for c in v.children if c.dep_ in ("prep", "prt") or (c.dep_ == "dative" and c.pos_ == "ADP")),
                   key=lambda c: (pattern is None or c.lower_ != pattern.prep, c.i))
    for c in preps:
        if c.lower_ not in parts.lexicon.target_preps or (
                c.lower_ == "from" and not _from_is_target(pattern, conv)) or _behest(parts, c):
            continue
        for g in c.children:
            if g.dep_ == "pobj":
                found = parts.other(parts.actors_at(g), sources)
                if found:
                    return found
        if c.dep_ != "prt" and not any(g.dep_ in ("pobj", "pcomp") for g in c.children):
            # (a particle has none: "handed over the suspect to Italy")
            # the parse lost the preposition's object ("granted asylum to five
            # Panamanian officers holed up ..."): take the actor that follows it
            found = parts.other(parts.actor_after(c.i), sources)
            if found:
                return found
    return []


def _partners(parts: Participants, v: Token, sources: Sequence[Participant]) -> list[Participant]:
    """Whom a with- or to-phrase of ``v``'s own clause names, wherever the parse hung it
    ("shared intelligence with Somalia", "passed intelligence to Chile", "shared intelligence
    on the movements of the jihadists with Togo")."""
    return parts.other([p for g in v.subtree if g.dep_ == "pobj" and g.head.lower_ in ("with", "to")
                        and next((a.i for a in g.ancestors if a.pos_ in ("VERB", "AUX")), None) == v.i
                        for p in parts.actors_at(g)], sources)


def _behest(parts: Participants, prep: Token) -> bool:
    """"at the request of Interpol": a phrase that names who asked, not a target."""
    return any(g.lemma_.lower() in parts.lexicon.behest_nouns for g in prep.children)


def _inside_object(parts: Participants, v: Token, sources: Sequence[Participant]) -> list[Participant]:
    """"made a trip to Japan", "imposed measures seen as economic retaliation in South
    Korea": the nearest actor inside the object governed by a target preposition."""
    preps = parts.lexicon.target_preps
    for c in v.children:
        if c.dep_ not in OBJ:
            continue
        for g in c.subtree:
            if (g.dep_ == "pobj" and g.head.lower_ in preps and g.head.lower_ != "from"
                    and parts.one(g) is not None):
                found = parts.other(parts.actors_at(g), sources)
                if found:
                    return found
    return []


def nearest_in_phrases(parts: Participants, v: Token, sources: Sequence[Participant]) -> list[Participant]:
    """Last resort: the first actor inside the verb's object and prepositional phrases
    ("denounced as a crime Serbia's suppression of ...")."""
    sequence = parts.lexicon.sequence_preps
    skip = (*_skipped_preps(v), *sequence)
    # "accused both sides of using child soldiers": the of-phrase of a charge's object names the act
    charged = sequence | {"of"} if v.lemma_.lower() in parts.lexicon.charge_heads else sequence
    for c in v.children:
        if c.dep_ in _NOT_PHRASES or (c.i < v.i and c.dep_ != "dobj"):
            continue
        if c.dep_ == "prep" and c.lower_ in skip:
            continue  # "arrived from South Korea": an origin; "after fighting with troops": another act
        if c.dep_ == "prep" and _behest(parts, c):
            continue  # "arrested him at the request of Interpol": who asked, not the target
        own = _asides(c, charged if c.dep_ == "dobj" else sequence)
        for g in c.subtree:
            if (g.dep_ == "pobj" and g.head.lower_ in _NOT_TARGETS) or g.head.dep_ == "agent" or g.i in own \
                    or beyond_border(g.head, parts.lexicon):
                continue
            if g.i in parts.by_token and g.dep_ in ("poss", "pobj", "dobj", "appos", "compound", "conj", "nsubj"):
                p = parts.one(g)
                if p is not None and not _instrument(parts, p) and parts.other([p], sources):
                    return [p]
    return []


def _skipped_preps(v: Token) -> tuple[str, ...]:
    """Prepositions whose phrase names no target of ``v``: an origin or an agent; after an
    object, "as", which describes it ("denounced the executions as a travesty of justice";
    with none, the parse may hang the object there: "denounced as a crime Serbia's ...")."""
    return (*_NOT_TARGETS, "as") if any(c.dep_ == "dobj" for c in v.children) else _NOT_TARGETS


def _asides(c: Token, preps: Collection[str]) -> set[int]:
    """The tokens of phrase ``c`` that tell of other acts: a relative clause ("declared a
    truce after clashes that killed 200 people"), a phrase of ``preps`` inside it ("on a
    visit since X's inauguration"); their actors are not the verb's target."""
    return {x.i for r in c.subtree if r.dep_ == "relcl" or (r.dep_ == "prep" and r.lower_ in preps)
            for x in r.subtree}


def targets(parts: Participants, v: Token, pattern: Pattern, passive: bool, conv: Conventions,
            sources: list[Participant]) -> list[Participant]:
    """Targets of ``v``; failing the verb's own positions, the clause it governs:
    "refused to meet X" (xcomp object), "demanded that X cancel" (ccomp subject),
    "rejected calls by X" (the object's agent), and the code's own conventions."""
    bidden = _bidden_targets(parts, v, pattern, conv, sources)
    if bidden is not None:
        return bidden
    authors = _authors(parts, v, sources)
    if authors:
        return authors
    # "fired artillery shells": a weapon as the object is the means, not a target
    found = _sent_forces([p for p in objects(parts, v, pattern, passive, conv, sources)
                          if passive or not _instrument(parts, p)], parts, v, pattern, passive, conv, sources)
    if found and all(_venue(parts, p) for p in found) and conv.applies("protest_purpose", pattern.code):
        # "marched in Lusaka to demand the president's resignation": the purpose names whom the
        # protest is against; the city is where it was
        found = _purpose_targets(parts, v, conv, sources) or found
    if found and conv.applies("complaint_topic", pattern.code) and _addressed(parts, v, found):
        found = _topic(parts, v, sources) or found  # "protested to the EU about Turkish drilling"
    if found:
        return _not_venues(parts, v, pattern, conv, sources, found)
    asked = _asked(parts, v)
    if asked:  # the one asked is the target, or none when it is the source itself
        return parts.other(asked, sources)
    for search in (_xcomp_objects, _ccomp_subject, _object_agent, _head_objects, _shared_object, _after_agent):
        found = search(parts, v, pattern, conv, sources)
        if found:
            return _not_venues(parts, v, pattern, conv, sources, found)
    return _by_convention(parts, v, pattern, conv, sources)


def _bidden_targets(parts: Participants, v: Token, pattern: Pattern, conv: Conventions,
                    sources: list[Participant]) -> list[Participant] | None:
    """"Ordered the army to attack the rebels" (convention ``bidden_act``): whom the act
    ordered is done to, never who is bidden (the means): else where it is to be done."""
    if (pattern.to and v.lemma_.lower() in parts.lexicon.bidding_heads and conv.applies("bidden_act", pattern.code)
            and not conv.applies("sent_away", pattern.code)):  # "ordered the reporters to leave": them
        x = next((c for c in v.children if c.dep_ == "xcomp"), v)
        return _xcomp_objects(parts, v, pattern, conv, sources) or (
            parts.places.location_target(x) if conv.applies("location_target", pattern.code) else [])
    return None


def _sent_forces(found: list[Participant], parts: Participants, v: Token, pattern: Pattern, passive: bool,
                 conv: Conventions, sources: list[Participant]) -> list[Participant]:
    """"France sent troops to Mali": troops of no country named are the sender's own, the
    means; where they went is the target (convention ``deployed_force``)."""
    if found and not passive and conv.applies("deployed_force", pattern.code) and all(
            p.actor.how == "context" and (p.actor.role or "")[:3] in parts.lexicon.armed_roles for p in found):
        return _prep_targets(parts, v, pattern, conv, sources) or _inside_object(parts, v, sources)
    return found


def _addressed(parts: Participants, v: Token, found: Sequence[Participant]) -> bool:
    """Every target found is whom ``v`` is said to ("to the UN", "with Ghana")."""
    def addressee(p: Participant) -> bool:
        at = p.tok_start if p.how == "pronoun" else p.actor.head  # a pronoun's actor may be named before
        if not 0 <= at < len(parts.doc):
            return False
        prep = parts.doc[at].head
        return prep.head.i == v.i and prep.lower_ in parts.lexicon.addressee_preps

    return all(addressee(p) for p in found)


def _topic(parts: Participants, v: Token, sources: Sequence[Participant]) -> list[Participant]:
    """The actors of what ``v`` is about ("over Turkish drilling", "about Ethiopia's dam")."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in parts.lexicon.topic_preps:
            for g in c.children:
                found = parts.other(parts.actors_at(g), sources) if g.dep_ == "pobj" else []
                if found:
                    return found
    return []


def _asked(parts: Participants, v: Token) -> list[Participant]:
    """The actors a verb with an infinitive asks ("urged the federal government to halt
    deportations", "urged its citizens to avoid the country"): its object, even the
    source's own state or people; the infinitive's object (the refugees, the country) is
    not the target."""
    if not any(c.dep_ == "xcomp" for c in v.children):
        return []
    return [a for c in v.children if c.dep_ in ("dobj", "dative") for a in parts.actors_at(c)]


def _not_venues(parts: Participants, v: Token, pattern: Pattern, conv: Conventions,
                sources: list[Participant], found: list[Participant]) -> list[Participant]:
    """"Iran and the US agreed to hold talks in Oman": when conjoined sources act on each
    other, a country named as the place ("in", "at") is where, not a target; nor is the
    place of a meeting held by those at home there (``home_venue``)."""
    if parts.mutual(v, pattern.code, conv, sources):
        return [p for p in found if not _venue(parts, p)]
    if conv.applies("meeting_venue", pattern.code):
        doers = [s.actor.country for s in sources]
        return [p for p in found if not (_venue(parts, p) and home_venue(p.actor.country, doers))]
    return found


def _venue(parts: Participants, p: Participant) -> bool:
    """Whether an actor is named as a place ("in Oman", "at the embassy")."""
    return 0 <= p.actor.head < len(parts.doc) and in_place_phrase(parts.doc[p.actor.head], parts.lexicon.locative_preps)


def _instrument(parts: Participants, p: Participant) -> bool:
    """A weapon named by a role word ("artillery", "drones"): by the actor's name or by
    the mention's own words (the article's name chain can give the word another name)."""
    words = parts.doc[p.tok_start:p.tok_end].text.lower()
    return bool({p.actor.name.lower(), words} & parts.lexicon.instruments)


def _xcomp_objects(parts: Participants, v: Token, pattern: Pattern, conv: Conventions,
                   sources: Sequence[Participant]) -> list[Participant]:
    # "Kenya and Ethiopia agreed to pool what they know about al-Shabaab": with each other, but
    # "Egypt and Sudan agreed to hold talks with Ethiopia"
    sides = conv.applies("symmetric", pattern.code) and len({s.actor.country for s in sources}) > 1
    for c in v.children:
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            found = [p for p in parts.other(objects(parts, c, None, False, conv), sources)
                     if not sides or with_phrase(parts.doc, p, c)]
            if found:
                return found
    return []


def _ccomp_subject(parts: Participants, v: Token, pattern: Pattern, conv: Conventions,
                   sources: Sequence[Participant]) -> list[Participant]:
    if conv.applies("statement", pattern.code):
        return []
    asked = for_clause(v)  # "called for Iran to release them"
    for c in v.children:
        if c.dep_ == "ccomp" or (asked is not None and c.i == asked.i):
            subj = [g for g in c.children if g.dep_ in SUBJ | PASS_SUBJ]
            if subj:
                found = parts.other(parts.actors_at(subj[0]), sources)
                if found:
                    return found
    return []


def _authors(parts: Participants, v: Token, sources: Sequence[Participant]) -> list[Participant]:
    """"vetoed a US-drafted resolution", "rejected the Egyptian-proposed truce": a reply
    (lexicon ``reply_verbs``) to a text whose author its participle names (``author_participles``)
    is aimed at the author, not at what the text is about."""
    lex = parts.lexicon
    if v.lemma_.lower() not in lex.reply_verbs:
        return []
    return [p for c in v.children if c.dep_ in OBJ for a in c.children
            if a.dep_ == "amod" and a.tag_ == "VBN" and a.lemma_.lower() in lex.author_participles
            for g in a.children if g.dep_ in ("npadvmod", "compound", "nmod", "amod") and g.i < a.i
            for p in parts.other(parts.actors_at(g), sources)][:1]


def _object_agent(parts: Participants, v: Token, pattern: Pattern, conv: Conventions,
                  sources: Sequence[Participant]) -> list[Participant]:
    objects = [c for c in v.children if c.dep_ in OBJ or c.dep_ == "oprd"]  # "called the drills a provocation by X"
    # "took exception to remarks by X": the object's own phrase names what was done
    objects += [g for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "over", "about")
                for g in p.children if g.dep_ == "pobj"]
    for c in objects:
        # "rejected calls by X", "rejected the allegations made by X"
        made = [a for a in c.children if a.dep_ == "acl" and a.tag_ == "VBN"]
        for p in (*c.children, *(p for a in made for p in a.children)):
            if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from"):
                for g in p.children:
                    found = parts.other(parts.actors_at(g), sources) if g.dep_ == "pobj" else []
                    if found:
                        return found
    return _misplaced_agent(parts, v, objects, sources)


def _misplaced_agent(parts: Participants, v: Token, objects: Sequence[Token],
                     sources: Sequence[Participant]) -> list[Participant]:
    """"turned down a proposal by Egypt", parsed with "by Egypt" on the verb: an active
    verb's "by" phrase right after its object names who made the object."""
    if not objects or any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children):
        return []
    end = max(t.i for t in objects[0].subtree)
    for p in v.children:
        if p.dep_ == "prep" and p.lower_ == "by" and p.i == end + 1:
            return [f for g in p.children if g.dep_ == "pobj" for f in parts.other(parts.actors_at(g), sources)]
    return []


def _head_objects(parts: Participants, v: Token, pattern: Pattern, conv: Conventions,
                  sources: Sequence[Participant]) -> list[Participant]:
    return parts.other(objects(parts, v.head, None, False, conv), sources) if v.dep_ == "xcomp" else []


def _shared_object(parts: Participants, v: Token, pattern: Pattern, conv: Conventions,
                   sources: Sequence[Participant]) -> list[Participant]:
    """"rejected and condemned the ruling", "attacked and captured the town": a verb with
    no object of its own shares the object of the verb coordinated after it, when that
    verb has no subject of its own (else it is another clause: "X left and Y attacked Z")."""
    if any(c.dep_ in OBJ for c in v.children):
        return []
    for c in v.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and not any(g.dep_ in SUBJ | PASS_SUBJ for g in c.children):
            found = _object_targets(parts, c, sources) or _object_agent(parts, c, pattern, conv, sources)
            if found:
                return found
    return []


def _after_agent(parts: Participants, v: Token, pattern: Pattern, conv: Conventions,
                 sources: Sequence[Participant]) -> list[Participant]:
    """"the sanctions imposed by the EU on Belarus": the parse may hang the target's
    phrase on the agent."""
    for c in v.children:
        if c.dep_ != "agent":
            continue
        for g in (g for g in c.children if g.dep_ == "pobj"):
            for p in g.children:
                if p.dep_ == "prep" and p.lower_ in ("on", "against", "to"):
                    found = [x for h in p.children if h.dep_ == "pobj" for x in parts.other(parts.actors_at(h), sources)]
                    if found:
                        return found
    return []


def _purpose_targets(parts: Participants, v: Token, conv: Conventions,
                     sources: Sequence[Participant]) -> list[Participant]:
    """"staged demonstrations to demand reforms by Suharto's government": the target a
    protest's purpose clause names."""
    for c in v.children:
        if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB":
            found = (parts.other(objects(parts, c, None, False, conv), sources)
                     or parts.other(nearest_in_phrases(parts, c, sources), sources))
            if found:
                return found
    return []


def _mediated_parties(parts: Participants, v: Token, sources: Sequence[Participant]) -> list[Participant]:
    """"agreed to a truce after talks mediated by Qatar", "under an accord brokered by
    Kenya, the commander pulled his fighters back": the subjects of the clause whose phrase
    holds the mediated talks or accord."""
    n = v.head
    if v.dep_ == "advcl" and n.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return parts.other(parts.subjects(n)[0], sources)  # the parse's "after [talks mediated by Qatar]"
    if v.dep_ != "acl" or n.pos_ not in ("NOUN", "PROPN"):
        return []
    for _ in range(3):  # "after talks", "after two days of talks"
        if n.dep_ != "pobj" or n.head.dep_ != "prep":
            return []
        n = n.head.head
        if n.pos_ in ("VERB", "AUX"):
            return parts.other(parts.subjects(n)[0], sources)
    return []


def _by_convention(parts: Participants, v: Token, pattern: Pattern, conv: Conventions,
                   sources: list[Participant]) -> list[Participant]:
    code = pattern.code
    if conv.applies("conditional_target", code):
        # threats are conditional: "... unless Baghdad accepted its conditions"
        for c in v.subtree:
            if c.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in c.children):
                subj = [g for g in c.children if g.dep_ in SUBJ]
                if subj and parts.other(parts.actors_at(subj[0]), sources):
                    return parts.other(parts.actors_at(subj[0]), sources)
    if conv.applies("protest_purpose", code):
        found = _purpose_targets(parts, v, conv, sources)
        if found:
            return found
    if conv.applies("statement", code):
        return []
    if parts.mutual(v, code, conv, sources):
        return []  # "Mattis and Hwang agreed": they are each other's targets
    if conv.applies("mediated_parties", code) and (found := _mediated_parties(parts, v, sources)):
        return found
    if conv.applies("shared_topic", code):
        return []  # "shared intelligence on the rebels' movements": with no partner named, none
    found = parts.other(nearest_in_phrases(parts, v, sources), sources)
    if found or not conv.applies("location_target", code):
        return found
    found = parts.places.location_target(v, left=conv.applies("from_is_target", code))  # "withdrew from Bakhmut"
    if found or not conv.applies("domestic_target", code):
        return found
    return parts.places.home(v, sources)
