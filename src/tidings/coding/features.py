"""What a verb (or an event noun) carries into the pattern lookup: its particles and
prepositions, its object lemmas and its to-infinitive; and the lookup itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tidings.coding.conventions import negated
from tidings.coding.drafts import OBJ, PASS_SUBJ, borrowed_patient, has_to
from tidings.coding.lexical import people_participle
from tidings.rules.lexicon import Lexicon
from tidings.rules.verbs import Pattern, VerbTable

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class Features:
    preps: set[str] = field(default_factory=set)
    objs: set[str] = field(default_factory=set)
    direct: set[str] = field(default_factory=set)  # the direct object's (or passive subject's) lemma
    heads: set[str] = field(default_factory=set)  # of those, the object's own head, not its of-phrase
    xcomp: str | None = None  # lemma of the to-infinitive / xcomp verb, with its particle ("step down")
    xcomp_object: str | None = None  # "agreed to hold *talks*": the object of a light infinitive


def is_temporal(prep: Token, lexicon: Lexicon) -> bool:
    """A prepositional phrase that only says when: "on Tuesday", "in March", "in 2019"."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objs) and all(
        g.lower_ in lexicon.time_words or (g.like_num and len(g.text) == 4) or g.ent_type_ == "DATE"
        for g in objs
    )


def _prep_features(c: Token, f: Features, lexicon: Lexicon) -> None:
    f.preps.add(c.lower_)
    if c.lower_ in lexicon.prior_preps:
        return  # "opened a border post after talks": an act before, not what is acted on
    # "accused X of rigging", "walk out of talks": the prepositional objects
    for g in c.children:
        if g.dep_ in ("pobj", "pcomp"):
            f.objs.add(g.lemma_.lower())
            # "accused X of human rights violations": the compound as one object too
            mod = next((m.lower_ for m in g.children if m.dep_ == "compound" and m.i == g.i - 1), None)
            if mod:
                f.objs.add(f"{mod} {g.lemma_.lower()}")
        elif g.dep_ == "prep":
            f.preps.add(g.lower_)
            f.objs.update(x.lemma_.lower() for x in g.children if x.dep_ in ("pobj", "pcomp"))


def noun_lemma(n: Token) -> str:
    """A noun's lemma, with the word a hyphen joins to it before ("sit-in": the parse
    makes "in" the noun and "sit" its compound)."""
    lemma = n.lemma_.lower()
    i = n.i
    if i >= 2 and n.doc[i - 1].text == "-" and n.doc[i - 2].head.i == i and n.doc[i - 2].dep_ == "compound":
        return f"{n.doc[i - 2].lower_}-{lemma}"
    return lemma


def _object_features(c: Token, f: Features, lexicon: Lexicon) -> None:
    lemma = c.lemma_.lower()
    f.objs.add(lemma)
    joined = noun_lemma(c)
    if joined != lemma:
        f.objs.add(joined)  # "held a sit-in"
    _of_objects(c, f, lexicon)
    # "set several houses ablaze": the parse may hang the result on the object
    f.objs.update(m.lower_ for m in c.children if m.i > c.i and m.lower_ in lexicon.result_words)
    f.objs.update(m.lower_ for m in c.children if m.dep_ == "nummod" and m.lower_ in lexicon.large_numbers)
    if c.pos_ == "PROPN":  # "fired Defence Minister Yoav Gallant": the title says who
        f.objs.update(m.lemma_.lower() for m in c.children if m.dep_ == "compound")
    # "a hunger strike", "an air strike": the compound as one object; "search and rescue
    # teams": the modifier's conjunct right before the noun too
    mods = [m.lower_ for m in c.children if m.dep_ in ("compound", "amod") and m.i == c.i - 1] + [
        x.lower_ for m in c.children if m.dep_ in ("compound", "amod", "nmod") for x in m.conjuncts if x.i == c.i - 1]
    if lemma in lexicon.body_nouns and any(m.dep_ == "amod" and m.lower_ in lexicon.joint_words for m in c.children):
        f.objs.add(f"joint {lemma}")  # "a joint border commission", "a joint task force"
    if mods:
        f.objs.add(f"{mods[0]} {lemma}")
        if lemma in lexicon.light_nouns:  # "mediation efforts" -> mediation
            f.objs.add(mods[0])


def _of_objects(c: Token, f: Features, lexicon: Lexicon) -> None:
    """"allow the return of inspectors": the of-object names what is meant; "suspended
    part of a food aid programme": with its own compound. So does the to-phrase of an
    ``access_nouns`` word ("blocked access to news sites")."""
    preps = ("of", "to") if c.lemma_.lower() in lexicon.access_nouns else ("of",)
    for g in (g for p in c.children if p.dep_ == "prep" and p.lower_ in preps
              for g in p.children if g.dep_ == "pobj"):
        lemma = g.lemma_.lower()
        f.objs.add(lemma)
        f.direct.add(lemma)
        mods = [m.lower_ for m in g.children if m.dep_ == "compound" and m.i == g.i - 1]
        if mods:
            f.objs.add(f"{mods[0]} {lemma}")
            if lemma in lexicon.light_nouns:
                f.objs.add(mods[0])


def _direct_features(v: Token, c: Token, f: Features, lexicon: Lexicon) -> None:
    """What the object (or passive subject, or attribute) ``c`` of ``v`` carries; a
    relative pronoun object or passive subject stands for the noun its clause is on ("the
    weapons that the army seized", "a nurse who was kidnapped by rebels")."""
    if v.dep_ == "relcl" and c.dep_ in ("dobj", "nsubjpass") and c.tag_ in ("WDT", "WP"):
        c = v.head
    head = _shared_head(c)
    _object_features(head, f, lexicon)
    f.direct.add(head.lemma_.lower())
    f.heads.add(head.lemma_.lower())
    if head.i != c.i:  # "a missile and drone attack": an attack, by missile and drone
        f.objs.add(c.lemma_.lower())
    # "set free two engineers": the parse hangs the verb's particle on its object
    f.preps.update(m.lower_ for m in c.children if m.dep_ == "amod" and m.i == v.i + 1 < c.i)


def _light_object(v: Token, lexicon: Lexicon) -> str | None:
    """The object of a light infinitive ("agreed to hold *talks*", "to hold a new round of
    *talks*", "to return to *talks*"), which says what the intent is about."""
    light = next((c for c in v.children if c.dep_ == "xcomp" and c.lemma_.lower() in lexicon.light_infinitives),
                 None)
    obj = next((g for g in light.children if g.dep_ in OBJ), None) if light is not None else None
    if light is not None and obj is None:  # "urged them to return to talks"
        obj = next((g for p in light.children if p.dep_ == "prep" and p.lower_ == "to"
                    for g in p.children if g.dep_ == "pobj"), None)
    if obj is not None and obj.lemma_.lower() in lexicon.light_nouns:  # "a new round of talks"
        obj = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"), obj)
    return obj.lemma_.lower() if obj is not None else None


def for_clause(v: Token) -> Token | None:
    """"called for Iran to release ...": the parse makes "for" the mark of a clause with its
    own subject, which asks for that clause's act as "call for" + infinitive does."""
    return next((c for c in v.children if c.dep_ in ("advcl", "ccomp") and c.pos_ == "VERB" and c.i > v.i
                 and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children) and has_to(c)), None)


def wished_clause(v: Token) -> Token | None:
    """"wants Russia to withdraw its troops": the parse hangs a to-clause that has its own
    subject on the verb as a clausal complement."""
    return next((c for c in v.children if c.dep_ == "ccomp" and c.pos_ == "VERB" and c.i > v.i and has_to(c)
                 and any(s.dep_ == "nsubj" and s.i < c.i for s in c.children)), None)


def _phrasal(v: Token, lexicon: Lexicon) -> str:
    """A verb's lemma with its particle: "step down", "step up" (which differ), "resign"."""
    prt = next((c.lower_ for c in v.children if c.i > v.i and (
        c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in lexicon.particles))), None)
    return f"{v.lemma_.lower()} {prt}" if prt else v.lemma_.lower()


def _shared_head(c: Token) -> Token:
    """"launched a large missile and drone attack": the parse makes "missile" the object
    and "attack" its conjunct; one article before both, and none before the second, say
    that the nouns before "and" modify the last one, which is the object."""
    if not any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children) or c.tag_ != "NN":
        return c
    k = next((k for k in c.children if k.dep_ == "conj" and k.tag_ == "NN"), None)
    if k is None or any(d.dep_ == "det" for d in k.children) or not any(
            m.dep_ == "compound" for m in k.children):
        return c
    return k


def features(v: Token, lexicon: Lexicon, asking: bool = True, bidding: bool = False) -> Features:
    """Particles/prepositions, object lemmas and to-infinitive of a verb or noun. With
    ``asking`` the object of a verb of asking before its infinitive is whom it asks, not
    what ("urged federal forces to spare civilians"); with ``bidding`` also that of a verb
    of bidding ("ordered troops to fire on the crowd")."""
    xc = next((c.i for c in v.children if c.dep_ == "xcomp"), None)
    asked = for_clause(v)
    f = Features(xcomp=_infinitive(v, asked, lexicon), xcomp_object=_light_object(v, lexicon))
    if asked is not None:
        f.preps.add("for")
    for c in v.children:
        dep = c.dep_
        if dep == "prep" and (is_temporal(c, lexicon) or (xc is not None and c.i > xc) or set_apart(c, v)):
            # "called China on Tuesday": a date, not "call on"; "agreed to lift embargoes
            # ... with strings attached": not "agree with"; "the envoy, on a visit to
            # Lusaka, urged talks": the frame of the act, not what it is about
            continue
        if dep in ("prt", "prep", "agent") or (dep == "advmod" and c.lower_ in lexicon.particles):
            _prep_features(c, f, lexicon)
        elif (dep in OBJ and xc is not None and c.i < xc and c.pos_ in ("NOUN", "PROPN", "PRON")
              and asking and (v.lemma_.lower() in lexicon.request_heads
                              or (bidding and v.lemma_.lower() in lexicon.bidding_heads))):
            continue  # "urged federal forces to spare civilians": whom it asks, not what
        elif dep in OBJ or dep in PASS_SUBJ or dep == "attr":
            _direct_features(v, c, f, lexicon)
        else:
            _kind_features(v, c, f, lexicon)
    patient = borrowed_patient(v)
    if patient is not None:
        _direct_features(v, patient, f, lexicon)
    _relative_features(v, f, lexicon)
    _named_as(v, f, lexicon)
    return f


def _kind_features(v: Token, c: Token, f: Features, lexicon: Lexicon) -> None:
    """What a word beside the verb or noun says its act is: "houses were set ablaze" (the
    result, as an object says it); "a trade war" (of a noun, the kind its modifier names);
    whom a stretch of time is given to do an act ("gave the ambassador 72 hours to leave")."""
    if c.lower_ in lexicon.result_words and c.i > v.i:
        f.objs.add(c.lower_)
    elif c.dep_ == "dative" and v.lemma_.lower() in lexicon.deadline_verbs and _allowed_time(v, lexicon) is not None:
        f.objs.add(c.lemma_.lower())  # "gave the ambassador 72 hours to leave": who must go
    elif v.pos_ in ("NOUN", "PROPN") and c.dep_ in ("compound", "amod") and c.i == v.i - 1:
        f.objs.add(c.lemma_.lower())


def set_apart(c: Token, v: Token) -> bool:
    """Phrase ``c`` stands before its verb ``v`` with a comma between them."""
    return c.i < v.i and any(t.text == "," for t in v.doc[c.right_edge.i + 1: v.i])


def _relative_features(v: Token, f: Features, lexicon: Lexicon) -> None:
    """"The charges that Minsk rejected", "charges Minsk rejected": a
    clause on a noun with a subject of its own (the parse may call it a complement clause)
    acts on that noun (its relative pronoun object stands for it: ``_direct_features``)."""
    on_noun = v.dep_ == "relcl" or (v.dep_ in ("ccomp", "acl") and v.head.pos_ in ("NOUN", "PROPN") and v.head.i < v.i)
    if not on_noun or not any(c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT") for c in v.children):
        return
    if not f.direct:
        _direct_features(v, v.head, f, lexicon)


def _infinitive(v: Token, asked: Token | None, lexicon: Lexicon) -> str | None:
    """The verb's to-infinitive ("agreed to lift"), through a verb of aspect ("vowed to
    keep attacking"); the clause a "call for" asks for; what a promise's "that ... would"
    clause says its side will do."""
    # "vowed not to attack": a negated infinitive is "not attack", which no row of the act matches
    xcomp = next((("not " if negated(c) else "") + _phrasal(_through_aspect(c, lexicon), lexicon)
                  for c in v.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if asked is not None and xcomp is None:
        xcomp = asked.lemma_.lower()
    if xcomp is None and v.lemma_.lower() in lexicon.wish_heads:
        wished = wished_clause(v)
        xcomp = _phrasal(wished, lexicon) if wished is not None else None
    if xcomp is None and v.lemma_.lower() in lexicon.vow_heads:
        # "have sworn to fight": the parse can hang a vow's infinitive on it as a clause of purpose
        purpose = next((c for c in v.children if c.dep_ == "advcl" and c.pos_ == "VERB" and c.i > v.i and has_to(c)), None)
        xcomp = _phrasal(purpose, lexicon) if purpose is not None else _vowed_clause(v, lexicon)
    if xcomp is None and v.lemma_.lower() in lexicon.deadline_verbs:
        allowed = _allowed_time(v, lexicon)
        xcomp = _phrasal(allowed, lexicon) if allowed is not None else None
    return xcomp


def _allowed_time(v: Token, lexicon: Lexicon) -> Token | None:
    """"gave the troops 48 hours to leave": the infinitive a stretch of time is given for,
    hung on the verb or on the time."""
    times = [c for c in v.children if c.dep_ in ("npadvmod", "dobj") and c.lower_ in lexicon.spell_words]
    if not times:
        return None
    return next((c for h in (v, *times) for c in h.children if c.dep_ in ("advcl", "acl", "relcl")
                 and c.pos_ == "VERB" and c.i > times[0].i and has_to(c)), None)


def _through_aspect(c: Token, lexicon: Lexicon) -> Token:
    """"vowed to keep attacking ships": a verb of ``aspect_verbs`` (keep, continue,
    resume) before a verb says only when; the act is that verb."""
    if c.lemma_.lower() in lexicon.aspect_verbs:
        return next((g for g in c.children if g.dep_ == "xcomp" and g.pos_ == "VERB"), c)
    return c


def _vowed_clause(v: Token, lexicon: Lexicon) -> str | None:
    """"vowed that the United States would respond": what a promise or a threat says its
    side will do (a clause with will, would or shall) stands for its to-infinitive."""
    for c in v.children:
        if c.dep_ == "ccomp" and c.pos_ == "VERB" and any(
                a.dep_ == "aux" and a.lower_ in lexicon.future_aux for a in c.children):
            return _phrasal(c, lexicon)
    return None


def _named_as(v: Token, f: Features, lexicon: Lexicon) -> None:
    """"called the election a sham", "called the decision outrageous", "described the
    move as illegal": what the object is called says what the act is."""
    naming = v.lemma_.lower() in lexicon.naming_verbs
    named = [c for c in v.children if c.dep_ == "oprd" and c.pos_ in ("NOUN", "ADJ")] or (
        _after_object(v) + _latin_name(v, lexicon) if naming else [])
    keep = False
    if not named and any(c.dep_ in OBJ for c in v.children):
        named = [g for c in v.children if c.dep_ == "prep" and c.lower_ == "as"
                 for g in c.children if g.dep_ in ("pobj", "amod", "acomp") and g.pos_ in ("NOUN", "ADJ")]
        keep = not naming  # "rejected the charges as baseless": still the charges
    if named:
        for words in (f.objs, f.direct, f.heads):
            if not keep:
                words.clear()
            words.update(c.lemma_.lower() for c in named)


def _latin_name(v: Token, lexicon: Lexicon) -> list[Token]:
    """"declared the Bolivian consul persona non grata": the parse scatters a Latin name
    over the clause (a subject, a compound, an object); its last word (lexicon
    ``latin_name_ends``) within the verb's own words is what the object is called."""
    words = [t for t in v.subtree if t.lower_ in lexicon.latin_name_ends and t.i > v.i and t.i - v.i < 12]
    return words[:1]


def _after_object(v: Token) -> list[Token]:
    """"called the decision unacceptable", "called the charges politically motivated": after
    a verb of naming (lexicon ``naming_verbs``), the parse hangs what the object is called
    on the object, as an adjective after it (not "announced a package worth $1 billion")."""
    named = [a for c in v.children if c.dep_ == "dobj" for a in c.children
             if a.dep_ in ("amod", "acl") and a.tag_ == "JJ" and a.i > c.i]
    return named + [g for a in named for g in a.children if g.dep_ == "conj" and g.pos_ == "ADJ"]


def lookup(verbs: VerbTable, lemma: str, f: Features, *, nouns: bool = False,
           doers: Callable[[frozenset[str]], bool] | None = None) -> Pattern | None:
    """The pattern of a verb (or event noun) with these features. After a light infinitive
    ("agreed to hold talks", "vowed to stage elections") its object says what is meant,
    so a row whose `to` list holds that object wins over the row of the light verb."""
    if f.xcomp_object and not nouns:
        through = verbs.best(lemma, f.preps, f.objs, f.xcomp_object, doers=doers)
        if through is not None and through.to:
            return through
    return verbs.best(lemma, f.preps, f.objs, None if nouns else f.xcomp, nouns=nouns, direct=f.direct,
                      doers=doers, heads=f.heads)


def participle_lemma(word: str, verbs: VerbTable) -> str:
    """opposed -> oppose, committed -> commit; "" when no pattern verb fits."""
    if not word.endswith("ed"):
        return ""
    for cand in (word[:-1], word[:-2], word[:-3]):
        if cand in verbs.by_verb:
            return cand
    return ""


def mend_parse(doc: Doc, verbs: VerbTable, lexicon: Lexicon) -> None:
    """What a parse gets wrong that can be mended in place: verbs' lemmas, a verb joined
    to the wrong clause, a verb read as a participle after a relative clause or as an
    adjective after a preposition of means, a headline's verb read as a noun, a particle
    read as part of a number."""
    mend_lemmas(doc, verbs)
    mend_coordination(doc)
    mend_interrupted(doc)
    mend_listed(doc, lexicon)
    mend_means(doc, lexicon)
    mend_of_phrase(doc, verbs)
    mend_protest_verb(doc, verbs)
    mend_headline_verb(doc, verbs)
    mend_particle(doc)
    mend_aspect_participle(doc, verbs, lexicon)
    mend_absolute(doc)


def mend_aspect_participle(doc: Doc, verbs: VerbTable, lexicon: Lexicon) -> None:
    """"Moscow continued massing troops": after a verb of ``aspect_verbs`` the parse may read
    the gerund as an adjective of the object ("massing troops" as troops that mass); the
    gerund is the verb the aspect verb goes on with, and the noun its object."""
    for t in doc:
        if t.tag_ != "VBG" or t.dep_ not in ("amod", "compound") or t.i == 0 or t.head.dep_ != "dobj" or t.head.i <= t.i:
            continue
        v = doc[t.i - 1]
        if t.head.head.i == v.i and v.lemma_.lower() in lexicon.aspect_verbs and \
                verbs.lemma_candidates(t.lower_, t.lemma_.lower()):
            n = t.head
            t.head, t.dep_, t.pos_ = v, "xcomp", "VERB"
            n.head, n.dep_ = t, "dobj"


def mend_absolute(doc: Doc) -> None:
    """"..., with scores of marchers beaten and detained": the parse makes the noun after
    "with" the subject of the participle; it is what was done to."""
    for t in doc:
        if t.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("aux", "auxpass") for c in t.children) and (
                (t.dep_ == "pcomp" and t.head.lower_ == "with")
                or (t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "with" for c in t.children))):
            for c in t.children:
                if c.dep_ == "nsubj":
                    c.dep_ = "nsubjpass"


def mend_particle(doc: Doc) -> None:
    """"Handed over 10,000 doses": the tagger knows "over" is the verb's particle (RP) but the
    parse hangs it on the number after it as "over 10,000"; it goes back to the verb."""
    for t in doc:
        if t.tag_ == "RP" and t.dep_ == "quantmod" and t.i > 0 and doc[t.i - 1].pos_ == "VERB":
            t.head, t.dep_ = doc[t.i - 1], "prt"


def mend_headline_verb(doc: Doc, verbs: VerbTable) -> None:
    """"Protesters storm parliament", "Rebels shell the city": a present tense may be
    tagged as a noun that still heads the sentence, with a subject before it and an object
    after it, or with the name before it as its compound and a verb joined to it ("The
    Arab League rejects and condemns the decision"). Such a word, if its form inflects a
    pattern verb, is that verb. So is a noun the parse makes a compound of the head noun
    after it while giving it a subject ("Protesters torch police station": torch, with the
    station its object). Changes ``doc`` in place."""
    for t in doc:
        _mend_compound_verb(t, verbs)
        if t.dep_ != "ROOT" or t.pos_ != "NOUN" or t.tag_ not in ("NN", "NNS"):
            continue
        kids = list(t.children)
        lemma = next(iter(verbs.lemma_candidates(t.lower_, t.lemma_.lower())), "")
        if lemma not in verbs.by_verb:
            continue
        subject = next((c for c in kids if c.dep_ == "nsubj" and c.i < t.i), None)
        if subject is not None and any(c.dep_ == "dobj" and c.i > t.i for c in kids):
            t.pos_, t.tag_, t.lemma_ = "VERB", "VBZ" if t.tag_ == "NNS" else "VBP", lemma
        elif t.tag_ == "NNS" and t.i > 0 and doc[t.i - 1].dep_ == "compound" and doc[t.i - 1].head.i == t.i and any(
                c.dep_ == "conj" and c.tag_ == "VBZ" and not any(g.dep_ == "nsubj" for g in c.children) for c in kids):
            # "The Arab League rejects and condemns the decision": the name before is the subject
            subject = doc[t.i - 1]
            for c in kids:
                if c.i < subject.i:
                    c.head = subject
            subject.head, subject.dep_ = t, "nsubj"
            t.pos_, t.tag_, t.lemma_ = "VERB", "VBZ", lemma


def _mend_compound_verb(t: Token, verbs: VerbTable) -> None:
    """"Protesters torch police station": ``t`` is a noun compound of the sentence's head
    noun after it, yet has a subject of its own before it (or a plural opens the sentence
    right before it: "Militants torch school"); if its form inflects a pattern verb it
    heads the sentence and that noun is its object."""
    if t.dep_ != "compound" or t.tag_ not in ("NN", "NNS"):
        return
    h = t.head
    while h.dep_ == "compound" and h.head.i > h.i:  # "torch bus depot": the depot
        h = h.head
    if h.dep_ != "ROOT" or h.i <= t.i:
        return
    lemma = next(iter(verbs.lemma_candidates(t.lower_, t.lemma_.lower())), "")
    if lemma not in verbs.by_verb:
        return
    subject = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
    before = t.doc[t.i - 1] if t.i > t.sent.start else None
    if subject is None and before is not None and before.tag_ == "NNS" and before.dep_ == "compound" \
            and before.head.i in (t.i, h.i) and before.i == t.sent.start:
        subject = before  # "Militants torch school in Swat": the plural that opens the headline
        subject.head, subject.dep_ = t, "nsubj"
    if subject is None:
        return
    t.head, t.dep_ = t, "ROOT"
    h.head, h.dep_ = t, "dobj"
    t.pos_, t.tag_, t.lemma_ = "VERB", "VBZ" if t.tag_ == "NNS" else "VBP", lemma


def mend_lemmas(doc: Doc, verbs: VerbTable) -> None:
    """spaCy's lemmatizer drops the final "e" of some verbs' stems ("waged" -> wag,
    "staged" -> stag, "hoped" -> hop, "fined" -> fin): a verb whose lemma is no pattern
    verb, and whose form inflects the pattern verb spelled as that lemma plus "e", takes
    that verb as its lemma, so every word list that names it ("wage" a light verb,
    "hope" a wish) reads it. So does a plural noun lemmatised to a stem no row names when
    the word less its "s" is one a row does ("doses" -> dos: dose). Changes the parsed
    ``doc`` in place."""
    for t in doc:
        if t.tag_ == "NNS" and t.lemma_.lower() not in verbs.object_words and t.lower_[:-1] in verbs.object_words:
            t.lemma_ = t.lower_[:-1]  # "doses" -> dos: the plural of a word the rows name, less its "s"
        if t.pos_ != "VERB":
            continue
        lemma = t.lemma_.lower()
        if lemma in verbs.by_verb:
            continue
        if lemma + "e" in verbs.lemmas_of.get(t.lower_, ()):
            t.lemma_ = lemma + "e"


def mend_coordination(doc: Doc) -> None:
    """"Officials insisted that no soldier had been captured and vowed to retaliate": spaCy joins the
    second verb to the reported clause ("captured ... and vowed"). A past-tense verb with no
    subject, joined to a clause verb that has one of its own and is not in the past tense
    itself, while the verb reporting that clause (before it) is, is joined to that verb
    instead: both say what the subject did. Changes the parsed ``doc`` in place."""
    for t in doc:
        h = t.head
        if not (t.dep_ == "conj" and t.tag_ == "VBD" and h.dep_ == "ccomp" and h.tag_ != "VBD"):
            continue
        main = h.head
        if main.tag_ == "VBD" and main.i < h.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) and \
                any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children) and \
                any(c.dep_ == "nsubj" for c in main.children):
            t.head = main


def mend_interrupted(doc: Doc) -> None:
    """"Turkey, which hosts millions of refugees, called on Germany to share the burden", "The
    rebels handed over their weapons": spaCy may read the verb as describing the subject
    (an ``acl``), leaving the sentence no verb at its root. Such a verb, if tagged as a
    past tense or, after a relative clause or an apposition and a comma, as a participle,
    with no by-phrase and with an object or phrase of its own, is made the sentence's
    verb, and the noun its subject. Changes ``doc`` in place."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("NOUN", "PROPN"):
        return
    for v in root.children:
        if v.dep_ != "acl" or v.i < root.i or any(c.dep_ == "agent" for c in v.children) or \
                not any(c.dep_ in ("dobj", "prep", "prt", "xcomp", "ccomp") for c in v.children):
            continue
        interrupted = v.tag_ == "VBN" and doc[v.i - 1].text == "," and any(
            c.dep_ in ("relcl", "appos") and root.i < c.i < v.i for c in root.children)
        if v.tag_ == "VBD" or interrupted:
            v.head, v.dep_, v.tag_ = v, "ROOT", "VBD"
            root.head, root.dep_ = v, "nsubj"
            return


def mend_means(doc: Doc, lexicon: Lexicon) -> None:
    """"retaliated by halting imports": spaCy may read the gerund right after a preposition
    of means (lexicon ``means_preps``) as an adjective of the noun after it; the gerund is
    the preposition's complement, the noun its object. Changes ``doc`` in place."""
    for g in doc:
        n = g.head
        if g.tag_ != "VBG" or g.pos_ != "VERB" or g.dep_ != "amod" or n.dep_ != "pobj" or n.i <= g.i:
            continue
        prep = n.head
        if prep.i == g.i - 1 and prep.lower_ in lexicon.means_preps:
            g.head, g.dep_ = prep, "pcomp"
            n.head, n.dep_ = g, "dobj"


def mend_of_phrase(doc: Doc, verbs: VerbTable) -> None:
    """"assured the Pakistani prime minister of continued support": spaCy may hang a verb's
    "of" phrase on its object. When a row of the verb with "of" names the phrase's noun,
    the phrase is the verb's. Changes ``doc`` in place."""
    for v in (t for t in doc if t.pos_ == "VERB"):
        rows = [p for p in verbs.by_verb.get(v.lemma_.lower(), ()) if p.prep == "of" and p.objects]
        if not rows or any(c.dep_ == "prep" and c.lower_ == "of" for c in v.children):
            continue
        for d in (c for c in v.children if c.dep_ == "dobj"):
            of = next((p for p in d.children if p.dep_ == "prep" and p.lower_ == "of" and p.i > d.i), None)
            pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None and any(pobj.lemma_.lower() in p.objects for p in rows):
                of.head = v


def mend_protest_verb(doc: Doc, verbs: VerbTable) -> None:
    """"Around 200 residents protested in front of the office": spaCy may read a protest
    verb right after the noun of a sentence with no finite verb as a participle describing
    it. A verb whose plain row is a protest (CAMEO 14: protest, march, rally) has no passive
    to read: it is the sentence's verb and the noun its subject (not "leader arrested", a
    headline's passive). Changes ``doc`` in place."""
    if any(t.tag_ in ("VBD", "VBZ", "VBP") for t in doc):
        return
    for v in (t for t in doc if t.dep_ == "acl" and t.tag_ == "VBN"):
        n = v.head
        if not (n.i == v.i - 1 and n.pos_ in ("NOUN", "PROPN")
                and any(p.code.startswith("14") and not (p.prep or p.objects) for p in verbs.by_verb.get(v.lemma_.lower(), ()))
                and not any(c.dep_ == "agent" for c in v.children)):
            continue
        root = next(t for t in doc if t.dep_ == "ROOT")
        v.head, v.dep_, v.tag_ = v, "ROOT", "VBD"
        n.head, n.dep_ = v, "nsubj"
        if root.i != n.i:
            root.head, root.dep_ = v, "prep" if root.pos_ == "ADP" else "dep"
        return


def mend_listed(doc: Doc, lexicon: Lexicon) -> None:
    """"Police chief put on blacklist by Washington": a headline's passive without its "was".
    A verb put on or to a list (lexicon ``list_nouns``) with no object of its own has its
    subject as what was listed; its "by" phrase is the agent. Changes ``doc`` in place."""
    for v in doc:
        if v.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in v.children):
            continue
        listed = any(c.dep_ == "prep" and c.lower_ in ("on", "to") and any(
            g.dep_ == "pobj" and g.lemma_.lower() in lexicon.list_nouns for g in c.children) for c in v.children)
        subj = [c for c in v.children if c.dep_ == "nsubj"]
        if listed and subj:
            subj[0].dep_ = "nsubjpass"
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ == "by":
                    c.dep_ = "agent"


def verb_candidates(v: Token, verbs: VerbTable, lexicon: Lexicon) -> list[str]:
    """The pattern verbs a token may be: spaCy's lemma, what its form inflects ("staged"
    -> stage), a participle used as a predicate ("is opposed to"), and the verb without a
    productive "re-" ("reimposed")."""
    lemma = v.lemma_.lower()
    if v.pos_ == "ADJ" and v.dep_ == "acomp":
        lemma = participle_lemma(v.lower_, verbs)  # "Israel is opposed to French mediation"
    elif v.pos_ != "VERB" or striking_workers(v, lexicon) or people_participle(v):
        return []
    candidates = verbs.lemma_candidates(v.lower_, lemma) if lemma else []
    if lemma in lexicon.wish_heads and wished_clause(v) is not None:
        candidates += [w for w in lexicon.wish_reading if w in verbs.by_verb and w not in candidates]
    bare = lemma[3:] if lemma.startswith("re-") else lemma[2:] if lemma.startswith("re") else ""
    if bare in lexicon.re_productive and bare in verbs.by_verb and bare not in candidates:
        candidates.append(bare)
    return candidates


def striking_workers(v: Token, lexicon: Lexicon) -> bool:
    """"Warned striking doctors": "striking" before people a word of ``stoppage_words``
    names, with no subject of its own, says they are on strike (the parse may take it for
    a verb whose object they are); not an attack on them."""
    if v.lemma_.lower() != "strike" or v.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return False
    for t in v.doc[v.i + 1:v.i + 4]:
        if t.lower_ in lexicon.stoppage_words and t.pos_ == "NOUN":
            return True
        if t.pos_ not in ("NOUN", "ADJ", "PROPN"):
            return False
    return False
