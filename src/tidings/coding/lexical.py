"""Trigger words reported as done: where a sentence the patterns could not code reports
an event in a word of ``triggers.tsv`` ("Shops were looted", "staged a sit-in", "an air
strike hit the market").

A trigger counts only when the sentence reports its act as having happened: not negated
("did not attack", "no protest was held"), not announced, intended, asked for or
supposed ("will march", "plans to strike", "urged them to withdraw", "could attack"),
not in a question or an if-clause, and for a noun, not the thing feared, threatened or
planned ("the threat of an attack", "warned of strikes") nor a modifier ("attack
helicopters"). What is left is ranked by how close it stands to the head of the
sentence: the main event first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.coding.conventions import Mood, awaited, conditional
from tidings.coding.drafts import OBJ, PASS_SUBJ, SUBJ, DraftEvent, has_to
from tidings.extract.actors import Resolved

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from spacy.tokens import Doc, Token

    from tidings.coding.drafts import Salience
    from tidings.coding.features import Features
    from tidings.rules import RuleSet
    from tidings.rules.lexicon import Lexicon

NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos", "ROOT", "oprd"})


@dataclass(frozen=True)
class Trigger:
    token: int
    word: str  # the listed form that matched (lower case)
    types: tuple[str, ...]  # PLOVER types whose lists hold it
    depth: int  # steps to the sentence head


def triggers(doc: Doc, rules: RuleSet) -> list[Trigger]:
    """The trigger words of ``doc`` (parsed) reported as done, main clause first."""
    mood = Mood(rules.lexicon)
    if off_topic(doc, rules):
        return []
    out = []
    for t in doc:
        if t.pos_ not in ("VERB", "NOUN") or hyphen_modifier(t):
            continue
        word, pos = t.lower_, t.pos_.lower()
        types = rules.triggers.types_of(word, pos) or rules.triggers.types_of(t.lemma_.lower(), pos)
        if not types or not _done(t, mood, rules):
            continue
        if "PROTEST" in types and stoppage(t, rules.lexicon):
            types = ("PROTEST",)  # "a general strike", "a teachers' strike": a stoppage, not an attack
        out.append(Trigger(t.i, word, types, _depth(t)))
    return sorted(out, key=lambda x: (x.depth, x.token))


def stoppage(t: Token, lexicon: Lexicon) -> bool:
    """A noun that a word of lexicon ``stoppage_words`` makes a stoppage of work ("a general
    strike", "the teachers' strike", "the strike by air traffic controllers"): a protest,
    never an attack."""
    words = lexicon.stoppage_words
    return t.pos_ == "NOUN" and (any(
        (c.dep_ in ("amod", "compound", "poss", "nummod") and c.lower_ in words)
        or (c.dep_ == "prep" and c.lower_ in ("by", "of") and any(g.dep_ == "pobj" and g.lower_ in words for g in c.children))
        for c in t.children) or _bare_stoppage(t, words))


def _bare_stoppage(t: Token, words: frozenset[str]) -> bool:
    """"Talks with the nurses' unions broke down, and the strike continued": "the strike" with no
    word of its own, in a sentence whose workers or unions act or own something (``words`` as
    a subject noun there: not "killed three workers"), and aimed at no one ("the strike on a
    depot" is an attack)."""
    kids = list(t.children)
    return (any(c.dep_ == "det" and c.lower_ == "the" for c in kids)
            and not any(c.dep_ in ("amod", "compound", "prep", "poss", "nummod") for c in kids)
            and any(w.i != t.i and w.pos_ == "NOUN" and w.lower_ in words and w.dep_ in ("nsubj", "conj", "poss")
                    for w in t.sent))


def people_participle(t: Token) -> bool:
    """A participle with "the" as a subject or object ("the house of the accused", "the
    wounded reached a clinic", "relatives of the detained"): it names people, not an act
    done to them here."""
    return t.tag_ == "VBN" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and any(
        c.dep_ == "det" and c.lower_ == "the" and c.i == t.i - 1 for c in t.children)


def hyphen_modifier(t: Token) -> bool:
    """A participle joined by a hyphen to the word before it ("the Russian-occupied city",
    "a Saudi-funded school"): it describes a noun; it tells no act of the sentence."""
    return t.tag_ == "VBN" and t.i > 0 and t.doc[t.i - 1].text in ("-", "–") and t.dep_ in ("amod", "compound")


def off_topic(doc: Doc, rules: RuleSet) -> bool:
    """A question, or a match report ("raided the Tigers' half", "beats Alcaraz")."""
    return doc.text.rstrip().endswith("?") or any(t.lower_ in rules.lexicon.sports_context for t in doc)


def beyond_border(t: Token, lexicon: Lexicon) -> bool:
    """``t`` is a border after a preposition of place ("camps near the Afghan border", "on
    Syria's frontier"): the country that names it is beyond where the act happens, and
    does not undergo it."""
    return (t.lemma_.lower() in lexicon.border_words or t.lower_ in lexicon.border_words) and \
        t.dep_ == "pobj" and t.head.lower_ in lexicon.border_preps


def by_hazard(t: Token, lexicon: Lexicon, violence: bool = True, causes: bool = True) -> bool:
    """The act of token ``t`` is done by a natural hazard, an accident or an illness
    (``hazards``), not by anyone: the subject of its verb ("landslides buried villages,
    killing 150": through the participle to the verb it hangs on; "Cyclone Freddy
    struck"), the accident its verb tells (``accident_verbs``: "a helicopter crashed,
    killing five"), or the cause its verb names ("killed in a stampede", "destroyed by fire").
    For an act of ``violence``, a measure or hard times too (``economic_forces``:
    "tariffs hit exporters" is no attack; "the embargo began" is still an embargo). Without
    ``causes``, only a hazard that does the act counts ("floods forced thousands to
    evacuate"; relief sent "after the floods" is still aid)."""
    hazards = lexicon.hazards | lexicon.economic_forces if violence else lexicon.hazards

    def hazard(n: Token) -> bool:
        return n.lemma_.lower() in hazards or n.lower_ in hazards or any(
            c.dep_ == "compound" and c.lower_ in hazards for c in n.children)

    v = t.head if t.pos_ in ("NOUN", "PROPN") and t.head.pos_ in ("VERB", "AUX") else t
    if v is not t and _accident(v, lexicon):
        return True  # "the minibus burst into flames after crashing into a lorry"
    for _ in range(3):
        if not (v.dep_ in ("advcl", "xcomp", "conj", "acl") and (v.tag_ == "VBG" or v.dep_ == "xcomp")
                and v.head.i != v.i):
            break  # "..., killing 150", "floods forced 20,000 people to evacuate"
        if v.dep_ == "acl" and hazard(v.head):
            return True  # "two trains collided ..., killing 13", parsed as hanging on the trains
        v = v.head  # "..., killing 150": what killed is the subject of the verb above
        if _accident(v, lexicon):
            return True  # "a helicopter crashed, killing five": an accident
    # "dozens injured" after "nine were killed": a passive without its auxiliary
    elided = v.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
    if (elided or not any(c.dep_ == "nsubj" for c in v.children)) and any(
            c.dep_ == "advcl" and _accident(c, lexicon) for w in (v, *v.conjuncts) for c in w.children):
        return True  # "nine were killed (and 14 hurt) when their minibus overturned"
    return _hazard_did(v, hazard, lexicon.cause_preps if causes else frozenset())


def _accident(v: Token, lexicon: Lexicon) -> bool:
    """Verb ``v`` tells an accident (``accident_verbs``), done to nothing by no one, or
    what followed one ("a minibus burst into flames after crashing into a lorry")."""
    if v.lemma_.lower() in lexicon.accident_verbs and not any(c.dep_ in ("dobj", "agent") for c in v.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in lexicon.prior_preps and any(
        g.dep_ == "pcomp" and g.lemma_.lower() in lexicon.accident_verbs for g in c.children) for c in v.children)


def _hazard_did(v: Token, hazard: Callable[[Token], bool], cause_preps: frozenset[str]) -> bool:
    """A hazard is the subject of verb ``v`` ("landslides that buried a village") or the
    cause one of ``cause_preps`` names ("killed in a stampede")."""
    for c in v.children:
        if c.dep_ == "nsubj" and (hazard(c) or (c.lower_ in ("that", "which") and v.dep_ == "relcl"
                                                and hazard(v.head))):
            return True
        if c.dep_ in ("agent", "prep") and c.lower_ in cause_preps:
            if any(g.dep_ == "pobj" and hazard(g) for g in c.children):
                return True
    return False


def hazard_foretold(t: Token, lexicon: Lexicon) -> bool:
    """Verb ``t`` tells what a hazard or hard times will do ("warned that the drought would
    destroy harvests"): a forecast, no threat."""
    return any(c.dep_ == "ccomp" and by_hazard(c, lexicon) for c in t.children)


def done(doc: Doc, i: int, rules: RuleSet, reported: bool = False) -> bool:
    """Token ``i`` (a verb or noun naming an act) is reported as done; ``reported``: a
    reaction names it as done ("protested against the arrest of ...")."""
    t = doc[i]
    return t.pos_ in ("VERB", "NOUN") and _done(t, Mood(rules.lexicon), rules, reported)


def _done(t: Token, mood: Mood, rules: RuleSet, reported: bool = False) -> bool:
    if charged_with(t, rules.lexicon.charge_heads):
        return False  # "charged with attempted murder": what he is charged with, not done here
    if t.pos_ == "VERB":
        return not people_participle(t) and _verb_done(t, mood, own=True)
    if t.dep_ not in NOUN_ROLES or any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in t.children):
        return False  # "attack helicopters", "no protest", "to repel any attacks"
    lex = rules.lexicon
    if any(c.dep_ in ("amod", "compound") and (c.lower_ in lex.irrealis_modifiers or c.lower_ in lex.figurative_modifiers)
           for c in t.children):
        return False  # "a possible attack", "the planned strike", "a verbal attack", "a charm offensive"
    if t.dep_ == "pobj" and t.head.lower_ in ("without", "against", "as", "about") and not (
            reported and t.head.lower_ == "against"):
        # "a weekend without demonstrations", "a warning against strikes", "denounced the
        # sanctions as an attack on us": what an act is called, not another act; "concerns
        # about the arrests": what is talked about, by no one this sentence names
        return False
    h = t.head
    if h.lower_ in rules.cues.forms or h.lemma_.lower() in rules.cues.forms:
        return False  # "told a rally", "said in an interview": an audience, not an act
    for _ in range(3):  # "the threat of an attack", "plans for a strike"
        if h.lemma_.lower() in rules.lexicon.irrealis_heads:
            return False
        if h.pos_ == "VERB" or h.i == h.head.i:
            break
        h = h.head
    if h.pos_ != "VERB":
        return True
    if h.tag_ in ("VBZ", "VBP") and h.lemma_.lower() not in rules.lexicon.happening_verbs | rules.lexicon.light_verbs:
        return False  # "the security treaty commits each side", "the deal remains": a description
    return _verb_done(h, mood)


def charged_with(t: Token, heads: frozenset[str]) -> bool:
    """The act is what someone is charged with, accused or suspected of: "charged with
    attempted murder", "convicted of killing two officers", "arrested on suspicion of
    spying". The charge may be true, but the sentence does not report the act."""
    for _ in range(4):
        h = t.head
        if h.i == t.i:
            return False
        if t.dep_ in ("pobj", "pcomp") and h.dep_ == "prep" and h.lower_ in ("of", "with", "for"):
            return h.head.lemma_.lower() in heads or h.head.lower_ in heads
        if t.dep_ not in ("amod", "compound", "pobj", "pcomp", "prep", "conj"):
            return False
        t = h
    return False


def verb_done(v: Token, lexicon: Lexicon) -> bool:
    """Verb ``v``'s own act is reported as done (not negated, intended, asked for, ...)."""
    return _verb_done(v, Mood(lexicon), own=True)


def _verb_done(v: Token, mood: Mood, own: bool = False) -> bool:
    """The act of verb ``v`` (the trigger itself when ``own``, else the verb governing a
    trigger noun) is reported as done."""
    lex = mood.lexicon
    if not own and v.lemma_.lower() in lex.irrealis_heads:
        return False  # "warned of strikes", "feared an attack"
    if mood.negated(v) or mood.intended(v) or mood.hypothetical(v) or mood.requested(v) or mood.hearsay(v) \
            or mood.undone(v) or mood.generic(v):
        return False
    if _present_state(v):
        return False
    if v.dep_ == "xcomp" and v.head.lemma_.lower() in lex.request_heads:
        return False
    if awaited(v, mood):
        return False  # "would not negotiate until every soldier had left": a condition, not done
    return not any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in v.children) \
        and not conditional(v, ("if", "unless"))


def _present_state(v: Token) -> bool:
    """A present passive describes how things stand, not something that happened: "47,000
    troops are stationed in Japan", "the city is held by rebels" ("are being shelled" is
    happening, and stays an event)."""
    aux = [c for c in v.children if c.dep_ in ("auxpass", "aux")]
    return v.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("is", "are", "am") for c in aux) \
        and not any(c.lower_ == "being" for c in aux)


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 20:
        t = t.head
        d += 1
    return d


def asks_a_question(v: Token, lexicon: Lexicon) -> bool:
    """"Asked the minister whether troops would be sent", "asked him how to solve it": a
    verb of ``question_heads`` whose clause opens with one of ``question_words`` puts a
    question, which asks for an answer, not for an act."""
    return v.lemma_.lower() in lexicon.question_heads and any(
        c.dep_ in ("ccomp", "xcomp", "advcl") and c.i > v.i and c.left_edge.lower_ in lexicon.question_words
        for c in v.children)


def acted_on(v: Token) -> list[Token]:
    """The nouns ``v`` is done to: its object, its prepositional object ("fired on a
    rally"), and those of the clause that tells its purpose ("to break up protests")."""
    found: list[Token] = []
    for w in (v, *(c for c in v.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB")):
        for c in w.children:
            if c.dep_ in OBJ:
                found.append(c)
            elif c.dep_ == "prep":
                found += [x for x in c.children if x.dep_ == "pobj"]
    return [n for n in found if n.pos_ == "NOUN"]


def happens(n: Token) -> Token | None:
    """The verb whose subject noun ``n`` is: its head ("clashes erupted"), its participle
    ("with clashes breaking out"), or the verb of a relative clause whose subject stands
    for it ("the riots that erupted")."""
    if n.dep_ in SUBJ | PASS_SUBJ:
        return n.head
    for c in n.children:
        if (c.dep_ == "acl" and c.tag_ == "VBG") or (c.dep_ == "relcl" and any(
                g.dep_ == "nsubj" and g.lower_ in ("that", "which") for g in c.children)):
            return c
    return None


def thing_agent(t: Token, lexicon: Lexicon) -> bool:
    """A participle whose agent is a thing, no one who acts ("profits rose, helped by lower
    fuel costs"): a common noun none of the lexicon's words for doers or their members."""
    people = lexicon.doer_nouns | lexicon.member_heads | lexicon.collective_heads
    return t.tag_ == "VBN" and any(
        g.dep_ == "pobj" and g.pos_ == "NOUN" and g.lemma_.lower() not in people and g.lower_ not in people
        for c in t.children if c.dep_ == "agent" for g in c.children)


def purpose_of_act(v: Token, lexicon: Lexicon, cues: frozenset[str]) -> bool:
    """To-infinitive ``v`` tells what another act was done for ("sent troops north to support
    the army", "approved a loan to support reforms"): a clause of purpose of a verb that
    neither says (``cues``) nor vows (``vow_heads``: the parse can hang a vow's infinitive
    as a purpose)."""
    head = v.head
    return (v.dep_ in ("advcl", "acl") and has_to(v) and head.i != v.i and head.pos_ in ("VERB", "NOUN")
            and head.lemma_.lower() not in lexicon.vow_heads and head.lemma_.lower() not in cues)


def own_command(source: Resolved, target: Resolved | None, v: Token, lexicon: Lexicon) -> bool:
    """"The president ordered the army chief to reopen the roads": a command (a verb of
    ``command_heads``) that a government (or the state itself) gives an organ of its own
    (``commanded_roles``: its police, army, agencies) is how the state works, no demand
    between actors; what it bids is coded on its own where convention ``bidden_act`` says
    so. A court's order is a demand ("a judge ordered the former president to appear")."""
    return (target is not None and v.lemma_.lower() in lexicon.command_heads and bool(source.country)
            and source.country == target.country and (target.role or "")[:3] in lexicon.commanded_roles
            and ((source.role or "")[:3] == "GOV" or (source.kind == "country" and not source.role)))


def no_act_between(d: DraftEvent, v: Token, rules: RuleSet) -> bool:
    """Draft ``d`` of verb ``v`` tells no act between actors: support that is only the
    purpose of another act (convention ``purpose_not_said``), a government's command to
    its own organs (``own_command``)."""
    conv, lex = rules.conventions, rules.lexicon
    return ((conv.applies("purpose_not_said", d.code) and purpose_of_act(v, lex, rules.cues.verbs))
            or (conv.applies("own_command", d.code)
                and own_command(d.source.actor, d.target.actor if d.target else None, v, lex)))


def set_in_time(n: Token, lexicon: Lexicon) -> bool:
    """Act noun ``n`` tells when the clause's act was done, or how long something has
    stood: the object of "after", "since", "following" (``sequence_preps``) or a stretch
    of time ("after years of occupation", "since last month's invasion")."""
    h = n.head
    if n.dep_ in ("pobj", "dobj") and h.lower_ == "of" and h.head.lower_ in lexicon.spell_words:
        n, h = h.head, h.head.head
    return n.dep_ in ("pobj", "dobj") and h.lower_ in lexicon.sequence_preps


def awaited_noun(n: Token, lexicon: Lexicon) -> bool:
    """Noun ``n`` is what someone is ready or open to (lexicon ``readiness_words``: "ready
    for talks", "open to dialogue"): not done, at most intended."""
    prep = n.head
    return n.dep_ == "pobj" and prep.lower_ in ("to", "for") and prep.head.pos_ == "ADJ" and \
        prep.head.lower_ in lexicon.readiness_words


def indefinite(n: Token) -> bool:
    """Noun ``n`` has "a" or "an": "on a visit to Kyiv", not "on the visit"."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in n.children)


def not_actors(doc: Doc, actors: list[Resolved], lex: Lexicon) -> list[Resolved]:
    """Without a rank word the parse reads as an adjective ("a general strike", "a
    major offensive"): ``adjective_ranks`` are officers only as nouns or titles; a bare
    ``theme_roles`` word as an object is a thing ("shared intelligence"); a
    ``stance_roles`` word opposed "to" something is a stance ("voiced opposition to")."""

    def thing(t: Token) -> bool:
        return (t.is_lower and ((t.lower_ in lex.adjective_ranks and t.dep_ == "amod") or (
            t.lower_ in lex.theme_roles and t.dep_ in ("dobj", "pobj", "nsubjpass")
            and not any(c.dep_ in ("amod", "compound", "poss") for c in t.children))))

    def stance(t: Token) -> bool:  # "its firm opposition to the plan": no firm, no party
        return t.lower_ in lex.stance_roles and any(c.dep_ == "prep" and c.lower_ == "to" for c in t.children)

    return [a for a in actors if not ((a.tok_end - a.tok_start == 1 and thing(doc[a.tok_start]))
                                      or (0 <= a.head < len(doc) and stance(doc[a.head])))]


def object_kinds(v: Token, f: Features, by_token: Mapping[int, Resolved]) -> Features:
    """``f`` with the kind of actor the verb's object names among the objects: rows list
    the kind, not every name. "organisation" when the object, or the object of its
    preposition, is an international body ("withdrew from ECOWAS", "quit NATO"; the body
    itself, not its troops or staff: "leaving 100 UN troops"); "person" when the object or
    the passive subject is one person ("the junta is holding Bazoum", "Bazoum has been
    held since Wednesday")."""
    heads = [c for c in v.children if c.dep_ in OBJ] + [
        g for c in v.children if c.dep_ in ("prep", "prt", "advmod")
        for g in (*c.children, *(x for p in c.children if p.dep_ == "prep" for x in p.children))
        if g.dep_ == "pobj"]
    if any((a := by_token.get(g.i)) is not None and a.code.startswith("IGO") and a.role == "IGO" for g in heads):
        f.objs.add("organisation")
    people = [c for c in v.children if c.dep_ in OBJ or c.dep_ in PASS_SUBJ]
    if any((a := by_token.get(g.i)) is not None and (a.kind == "person" or a.one) for g in people):
        f.objs.add("person")
    return f


def coordinated(tok: Token) -> list[Token]:
    """A noun and its conjuncts; "Kenya's President Ruto and Uganda's President Museveni":
    the parse may hang the second on the first's name, an apposition of the title."""
    return [tok, *tok.conjuncts, *(x for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                                   for x in c.conjuncts if x.pos_ == "PROPN")]


def governing_verb(v: Token) -> Token:
    """The verb a clause with no subject of its own takes one from."""
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
    return h


def antecedent(t: Token, w: str, actors: Sequence[Resolved], salience: Salience, lex: Lexicon) -> Resolved | None:
    """The actor named earlier in ``t``'s sentence that pronoun ``w`` at ``t`` stands for:
    for he/she the latest person (or title of one) of a fitting sex; for it/they only a
    subject, the latest; for an object "them", the latest plural object before it."""
    cands = _pronoun_candidates(t, w, actors, salience, lex)
    if cands is None:
        return None
    if w in lex.pronouns_plural and t.dep_ == "dobj":
        # "police detained the journalists and beat them": an object "them" is the object
        # before it, never its own clause's doer
        done_to = [a for a in cands if a.plural and t.doc[a.head].dep_ in OBJ and t.doc[a.head].head.i != t.head.i]
        if done_to:
            return done_to[-1]
    # the name's own head may be its first word ("the Border Police of Moldova")
    subj = [a for a in cands if any(t.doc[i].dep_ in SUBJ for i in {a.head, *range(a.tok_start, a.tok_end)})]
    # only a subject is a safe antecedent for it/they
    pick = (subj or cands) if w in lex.pronouns_person else subj
    return pick[-1] if pick else None


def _pronoun_candidates(t: Token, w: str, actors: Sequence[Resolved], salience: Salience,
                        lex: Lexicon) -> list[Resolved] | None:
    before = [a for a in actors if a.tok_end <= t.i]
    if w in lex.pronouns_person:
        want = salience.wants(w)
        # a person, or the title of one ("the Malian president said he would resign")
        return [a for a in before if (a.kind == "person" or a.one)
                and (want is None or salience.sex(a.name) in (None, want))]
    if w in lex.pronouns_thing:  # "Syria says it will withdraw"
        return [a for a in before if a.kind != "person" and not a.plural]
    if w in lex.pronouns_plural:  # "Kurdish leaders said they would stay away"
        cands = [a for a in before if a.kind in ("group", "country", "organisation")]
        # "workers went home after the authority accepted their demand": a plural first
        return [a for a in cands if a.plural] or cands
    return None

