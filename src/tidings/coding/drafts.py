"""The pieces every part of the event coder shares: who takes part in an event
(:class:`Participant`), an event before dates and places are attached
(:class:`DraftEvent`), who has been talked about (:class:`Salience`, for pronouns), and
the clean-up of a sentence's events.

spaCy types are annotated as ``Token`` / ``Doc`` (imported for type checking only).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from tidings.extract.actors import Resolved
from tidings.extract.phrases import nobody
from tidings.rules.lexicon import Lexicon
from tidings.rules.names import sex_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# dependency labels (spaCy's English scheme)
SUBJ = frozenset({"nsubj", "csubj"})
PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
OBJ = frozenset({"dobj", "obj"})
OTHER_CLAUSES = frozenset({"relcl", "advcl", "ccomp", "acl", "conj", "parataxis", "xcomp"})


@dataclass(frozen=True)
class Participant:
    actor: Resolved
    tok_start: int
    tok_end: int
    how: str  # "", pronoun, inherited, implicit, location

    def inherited(self) -> Participant:
        return Participant(self.actor, self.tok_start, self.tok_end, "inherited")

    @staticmethod
    def unnamed(at: int) -> Participant:
        """The doer of an act whose sentence names none ("shops were looted", "two leaders
        were detained"): empty, at token ``at``, coded as nothing."""
        return Participant(nobody(at), at, at, "unidentified")

    @staticmethod
    def location(name: str, iso3: str, start: int, end: int, head: int) -> Participant:
        """The country where an act happens, standing as its target ("shelled Goma": COD;
        "looted the market in Bamako": MLI, not its government)."""
        where = Resolved(name, iso3, iso3, None, "country", "location", start, end, head)
        return Participant(where, start, end, "location")

    @staticmethod
    def home(iso3: str, at: int) -> Participant:
        """The country of a domestic act's doers, standing as its target where no words
        name one ("teachers went on strike": their country): an empty span at the verb."""
        where = Resolved(iso3, iso3, iso3, None, "country", "home", at, at, at)
        return Participant(where, at, at, "home")


def in_place_phrase(t: Token, locative: Collection[str], place_nouns: Collection[str] = ()) -> bool:
    """Whether token ``t`` (or the name it belongs to) is the object of a preposition of
    place ("in Kabul"), or names the place of a place noun (``place_nouns``: "near the
    town of Goma", "took to the streets of Dakar")."""
    while t.dep_ in ("compound", "conj", "appos") and t.head.i != t.i:
        t = t.head
    if t.dep_ != "pobj":
        return False
    prep = t.head
    return prep.lower_ in locative or (prep.lower_ == "of" and prep.head.lower_ in place_nouns)


def _bare_participle(v: Token) -> bool:
    return v.tag_ == "VBN" and not any(
        c.dep_ in SUBJ or c.dep_ in PASS_SUBJ or c.dep_ in ("aux", "auxpass") for c in v.children)


def passive_chain(v: Token) -> list[Token]:
    """The passive verbs that share one subject and auxiliary with ``v`` ("were beaten and
    detained": both; "was arrested, charged and jailed": all three, and the parse often
    hangs the second as an adverbial clause), the first one first;
    empty when ``v`` is in no such chain."""
    top = v
    while top.dep_ in ("conj", "advcl") and _bare_participle(top) and top.head.i != top.i:
        top = top.head
    if not any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in top.children):
        return []
    chain, todo = [top], [top]
    while todo:
        for c in todo.pop().children:
            if c.dep_ in ("conj", "advcl") and _bare_participle(c):
                chain.append(c)
                todo.append(c)
    return sorted(chain, key=lambda t: t.i) if v in chain and len(chain) > 1 else []


def borrowed_patient(v: Token) -> Token | None:
    """Whom a passive verb with no subject of its own was done to: the subject its chain
    shares ("were beaten and dispersed"), or that of the clause a passive gerund after a
    preposition hangs from ("students marched before being dispersed by police": the
    students); None for any other verb."""
    if any(c.dep_ in PASS_SUBJ for c in v.children):
        return None
    chain = passive_chain(v)
    if chain:
        return next((c for t in chain for c in t.children if c.dep_ in PASS_SUBJ), None)
    if v.dep_ != "pcomp" or v.tag_ != "VBN" or v.head.dep_ != "prep" or not any(
            c.dep_ == "auxpass" and c.lower_ == "being" for c in v.children):
        return None
    h = v.head.head
    if h.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in h.children if c.dep_ in SUBJ or c.dep_ in PASS_SUBJ), None)


FORCE_ROOTS = ("18", "19", "20")  # the CAMEO roots of force: one kind of act for "the strike"


def _same_kind(a: str, b: str) -> bool:
    return a[:2] == b[:2] or (a[:2] in FORCE_ROOTS and b[:2] in FORCE_ROOTS)


def earlier_doer(salience: Salience, sent: int, n: Token, code: str) -> Participant | None:
    """"Israeli jets bombed Gaza. The strikes killed 12": an act named by a definite noun
    (a determiner of lexicon ``definite_words``) with no doer of its own is the act of the
    same kind told in the few sentences before; its doer, as if named by a pronoun."""
    if n.pos_ != "NOUN" or not told_before(n, salience.lexicon.definite_words):
        return None
    doers = salience.doer_before(sent, code)
    return Participant(doers[0], n.i, n.i + 1, "pronoun") if doers else None


def told_before(n: Token, definite: frozenset[str]) -> bool:
    """A noun with "the", "this", "that" or "these" (lexicon ``definite_words``): a thing the
    reader was told of."""
    return any(c.dep_ == "det" and c.lower_ in definite for c in n.children)


def passive_agents(v: Token) -> tuple[list[Token], bool]:
    """The "by" phrases naming who did passive ``v`` — its own, or one that a verb of its
    chain carries ("were beaten and detained by police": police did both) — and whether
    ``v`` is a passive by sharing one ("were detained and deported": deported too)."""
    def agents(t: Token) -> list[Token]:  # not a measure: "shortened by one hour the curfew"
        return [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                and not (g.like_num or any(k.dep_ == "nummod" for k in g.children))]
    own = agents(v)
    chain = passive_chain(v)
    if own or not chain:
        return own, bool(chain)
    return next((a for t in chain if (a := agents(t))), []), True


def launched_by(means: Token) -> list[Token]:
    """Who a thing named as a passive's agent was fired, planted or sent by: "rebels" of
    "hit by a missile (believed to be) fired by rebels"."""
    out: list[Token] = []
    for c in means.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for t in (c, *(x for x in c.children if x.dep_ == "xcomp" and x.tag_ == "VBN")):
                out += [g for a in t.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    return out


def attributive_spans(doc: Sequence[Token], offset: int, place_nouns: Collection[str]) -> list[tuple[int, int]]:
    """Article character spans of the words that modify a noun after them ("U.S." of "in
    U.S. drone strikes", "Gaza" of "the Gaza ceasefire"): a place named there describes
    the thing, not where it happened. A place noun keeps its name ("Kabul province")."""
    out = []
    for t in doc:
        head = t.head
        if (t.dep_ in ("compound", "amod", "nmod") and head.i > t.i and head.pos_ == "NOUN"
                and head.lower_ not in place_nouns):
            out.append((offset + t.idx, offset + t.idx + len(t)))
    return out


@dataclass(frozen=True)
class DraftEvent:
    """An event before dates, places and codes tables are attached (token offsets)."""

    source: Participant
    target: Participant | None
    code: str
    verb_tokens: tuple[int, ...]
    negated: bool
    confidence: float
    rule: str
    main: bool = True  # the verb heads the sentence (or a clause coordinated with it)


_PEOPLE_KEPT = 12  # people remembered for he/she, the most recent


class _Seen(NamedTuple):
    """A person mentioned, for he/she."""

    sentence: int
    person: Resolved | None  # None: a person we cannot code ("Jane Okafor said")
    sex: str | None  # of an uncoded person; a coded one's is looked up when needed
    subject: bool
    words: str = ""  # an uncoded person's name as written ("Tom Baker")


@dataclass
class Salience:
    """Who has been talked about so far in the article, for pronouns. "he" and "she" go to
    the most recent person (a subject first) whose first name does not say otherwise
    (``first_names``, or a pronoun that referred to them before), within a few
    sentences; a person the dictionaries cannot code but whose sex is known ("Jane Okafor
    said") stands in the way of an older one."""

    lexicon: Lexicon
    first_names: Mapping[str, str] = field(default_factory=dict)
    last_person_subject: tuple[int, Resolved] | None = None
    last_person: tuple[int, Resolved] | None = None
    last_thing_subject: tuple[int, Resolved] | None = None
    last_thing: tuple[int, Resolved] | None = None
    last_plural: tuple[int, Resolved] | None = None
    people: list[_Seen] = field(default_factory=list)  # newest last
    learned: dict[str, str] = field(default_factory=dict)  # name -> sex a pronoun showed
    named: list[tuple[int, Resolved]] = field(default_factory=list)  # coded actors, newest last
    proposers: list[tuple[int, Resolved]] = field(default_factory=list)  # who asked or offered, newest last
    doers: list[tuple[int, str, Resolved]] = field(default_factory=list)  # (sentence, CAMEO code, doer), newest last

    def snapshot(self) -> Salience:
        """A copy that later mentions leave as it is."""
        return replace(self, people=list(self.people), learned=dict(self.learned), named=list(self.named),
                       proposers=list(self.proposers), doers=list(self.doers))

    def named_in(self, sent: int, actors: Sequence[Resolved]) -> None:
        """The coded actors sentence ``sent`` names, for "the two sides" after it."""
        # a capital is mostly where things happen ("met in Havana"), not a side
        self.named += [(sent, a) for a in actors if a.code and a.how != "capital"]
        del self.named[:-_PEOPLE_KEPT]

    def proposed_in(self, sent: int, actors: Sequence[Resolved]) -> None:
        """Who asked, offered or demanded something in sentence ``sent``, for "rejected the
        proposal" after it."""
        self.proposers += [(sent, a) for a in actors if a.code]
        del self.proposers[:-_PEOPLE_KEPT]

    def proposer_before(self, sent: int, window: int = 2) -> list[Resolved]:
        """Who asked or offered something in the few sentences before ``sent``, newest first."""
        return [a for i, a in reversed(self.proposers) if 0 < sent - i <= window]

    def did_in(self, sent: int, acts: Sequence[tuple[str, Resolved]]) -> None:
        """Who did which act (CAMEO code) in sentence ``sent``, for "condemned the strike"
        after it."""
        self.doers += [(sent, code, a) for code, a in acts if a.code]
        del self.doers[:-_PEOPLE_KEPT]

    def doer_before(self, sent: int, code: str, window: int = 2) -> list[Resolved]:
        """Who did an act of the kind of ``code`` in the few sentences before ``sent``, newest
        first: the same CAMEO root, or force of any kind (18, 19, 20) for force."""
        return [a for i, c, a in self._newest_first() if 0 < sent - i <= window and _same_kind(c, code)]

    def act_before(self, sent: int, window: int = 2) -> list[Resolved]:
        """Who did an act other than a statement or an appeal (CAMEO 01, 02) in the few
        sentences before ``sent``, newest first: the doer of "the move"."""
        return [a for i, c, a in self._newest_first() if 0 < sent - i <= window and c[:2] not in ("01", "02")]

    def sides_before(self, sent: int, kind: Callable[[str], bool], window: int = 2) -> list[Resolved]:
        """The doers of the acts of ``kind`` (a test of CAMEO codes) told in the newest of the
        few sentences before ``sent`` that tells one, in the order told: both sides of "Peru
        and Chile signed a deal" for "the deal" after it."""
        told = [(i, a) for i, c, a in self.doers if 0 < sent - i <= window and kind(c)]
        newest = max((i for i, _ in told), default=None)
        out: list[Resolved] = []
        for i, a in told:
            if i == newest and not any(b.code == a.code for b in out):
                out.append(a)
        return out

    def _newest_first(self) -> list[tuple[int, str, Resolved]]:
        """The doers, the newest sentence first, and in a sentence in the order told
        ("Ethiopian soldiers and their Eritrean allies pushed into Sudan": the soldiers first)."""
        return sorted(self.doers, key=lambda d: -d[0])

    def named_before(self, sent: int, window: int = 2) -> list[Resolved]:
        """The coded actors of the few sentences before ``sent``, the newest first."""
        return [a for i, a in reversed(self.named) if 0 < sent - i <= window]

    def sex(self, name: str) -> str | None:
        return self.learned.get(name) or sex_of(name, self.first_names, self.lexicon.family_name_first)

    def _seen_sex(self, p: _Seen) -> str | None:
        """The sex of one seen: told, or known of the person; of a role ("Kenya's
        president"), only what a he or she has taught (not the first names in its words)."""
        if p.person is None:
            return p.sex
        return self.sex(p.person.name) if p.person.kind == "person" else self.learned.get(p.person.name)

    def wants(self, pronoun: str) -> str | None:
        """"m" for he/him/his, "f" for she/her, else None."""
        w = pronoun.lower()
        return "m" if w in self.lexicon.pronouns_male else "f" if w in self.lexicon.pronouns_female else None

    def unnamed_person(self, sent: int, words: str) -> None:
        """A person the dictionaries do not know speaks or acts ("Jane Okafor said"): when
        the name tells the sex, a later he/she of that sex is not an older person's."""
        sex = self.sex(words)
        if sex is not None:
            self._remember(sent, None, sex, True, words)

    def unnamed_for(self, pronoun: str, sent: int, window: int = 3) -> str | None:
        """The name of the uncoded person a he/she goes to ("Tom Baker ... he said"),
        when the person it goes to is one; else None."""
        want = self.wants(pronoun)
        if want is None:
            return None
        recent = [p for p in reversed(self.people) if sent - p.sentence <= window
                  and self._seen_sex(p) in (None, want)]
        for pick in ([p for p in recent if p.subject], recent):
            if pick:
                nearest = pick[0]
                return (nearest.words or None) if nearest.person is None else None
        return None

    def _remember(self, sent: int, r: Resolved | None, sex: str | None, subject: bool, words: str = "") -> None:
        self.people.append(_Seen(sent, r, sex, subject, words))
        del self.people[:-_PEOPLE_KEPT]

    def mention(self, sent: int, r: Resolved, subject: bool = False) -> None:
        if r.kind == "person":
            self.last_person = (sent, r)
            if subject:
                self.last_person_subject = (sent, r)
            self._remember(sent, r, None, subject)
            return
        if r.one:
            self._remember(sent, r, None, subject)  # "Kenya's president ... he said"
        if r.plural or r.kind == "group":
            self.last_plural = (sent, r)
        if not r.plural:
            self.last_thing = (sent, r)
            if subject:
                self.last_thing_subject = (sent, r)

    def resolve(self, word: str, sent: int, window: int = 3) -> Resolved | None:
        w = word.lower()
        lex = self.lexicon
        want = self.wants(w)
        if want is not None and w in lex.pronouns_person:
            return self._person(want, sent, window)
        if w in lex.pronouns_person:
            order = (self.last_person_subject, self.last_person)
        elif w in lex.pronouns_thing:
            order = (self.last_thing_subject, self.last_thing)
        elif w in lex.pronouns_plural:
            order = (self.last_plural, self.last_thing_subject)
        else:
            return None
        for cand in order:
            if cand is not None and sent - cand[0] <= window:
                return cand[1]
        return None

    def other_sex_only(self, word: str, sent: int, window: int = 3) -> bool:
        """Everyone named lately is of the other sex than he/she ``word`` wants: the
        pronoun is someone the article names without a code, or not at all."""
        want = self.wants(word)
        recent = [p for p in self.people if sent - p.sentence <= window]
        return want is not None and bool(recent) and all(
            self._seen_sex(p) not in (None, want) for p in recent)

    def _person(self, want: str, sent: int, window: int) -> Resolved | None:
        """The most recent person of sex ``want`` (or unknown sex), a subject first."""
        recent = [p for p in reversed(self.people) if sent - p.sentence <= window
                  and self._seen_sex(p) in (None, want)]
        for pick in ([p for p in recent if p.subject], recent):
            if pick:
                r = pick[0].person  # None when the nearest is a person we cannot code
                if r is not None:
                    self.learned.setdefault(r.name, want)  # "she" said it: Samia Suluhu Hassan is a woman
                return r
        return None


def same_actor(a: Resolved, b: Resolved, state_roles: Collection[str]) -> bool:
    """Same actor, or a country and one of its state organs (USAGOV -> USA). A state
    and its people or other parts (TUR -> TURREF, CHLJUD -> CHLGOV) are a domestic
    event, kept."""
    if a.kind == "person" and b.kind == "person" and a.name.split()[-1:] != b.name.split()[-1:]:
        return False  # "Powell advised Clinton": two people, though of one code (USAGOV)
    if a.code == b.code:
        return a.how != "ethnic" and b.how != "ethnic" or a.name == b.name
    if a.country is None and b.country is None and a.code.startswith("IGO") and b.code.startswith("IGO"):
        # "the UN rejected a call for its peacekeeping forces": peacekeepers, observers
        # and inspectors named only by their role are the body's own
        return a.kind == "group" or b.kind == "group"
    if a.country is None or a.country != b.country:
        return False
    if a.how == "ethnic" or b.how == "ethnic":
        return False  # "ethnic Albanians in Serbia protested against the government"

    def state(role: str | None) -> bool:
        return role is None or role in state_roles

    return (a.role is None and state(b.role)) or (b.role is None and state(a.role))


def is_main(v: Token, cue_verbs: Collection[str]) -> bool:
    """The verb heads the sentence, a clause coordinated with the head, the head's
    to-infinitive ("agreed to lift"), or what a reporting head reports."""
    for _ in range(4):
        while v.dep_ == "conj" and v.head.i != v.i:
            v = v.head
        if v.dep_ == "ROOT":
            return True
        if v.dep_ == "xcomp" or (v.dep_ == "ccomp" and v.head.lemma_.lower() in cue_verbs):
            v = v.head
            continue
        return False
    return False


def prune(events: list[DraftEvent], doc: Doc, side_act: Callable[[str], bool],
          crowds: frozenset[str] = frozenset()) -> list[DraftEvent]:
    """When a sentence codes a dyad, its target-less events from side clauses are mostly
    the same act seen without its object: keep the dyads, the main clause's events, and
    the side clauses' acts that are told in their own right (``side_act``: a statement, an
    appeal, a threat, a protest, a bombing: "..., after protesters stormed the residence");
    and one act coded both with and without its object ("Israel's bombardment of Gaza
    continued") is the one with it."""
    aimed = {(e.verb_tokens, e.source.actor.code, e.code) for e in events if _named(e.target)}
    events = [e for e in events if e.target is not None or (e.verb_tokens, e.source.actor.code, e.code) not in aimed]
    if any(_named(e.target) for e in events):
        doers = {e.source.actor.country for e in events if _named(e.target)}
        events = [e for e in events if _named(e.target) or e.main or (side_act(e.code) and _told(e, doc))
                  or _counted(e, doc, crowds) or (_another(e, doers, doc) and _told(e, doc))]
    return events


def _another(e: DraftEvent, doers: set[str | None], doc: Doc) -> bool:
    """A side clause's act done by its own subject, a coded actor of a country none of the
    dyads' doers is of ("..., a move Tehran called hostile", "the rebels, who had
    occupied it"), told as done in a verb of its own tense (not "the possibility of
    Japan arming itself"), or by the agent of a participle ("under a ceasefire brokered by
    Kenya") or the one credited with it ("thanked Ghana for hosting the talks"): not the
    dyad's act seen without its object, but another side's."""
    country = e.source.actor.country
    if not country or country in doers or not e.verb_tokens:
        return False
    doer = _clause_doer(doc[e.verb_tokens[0]])
    return len(doer) == 1 and any(e.source.tok_start <= d.i < e.source.tok_end for d in (doer[0], *doer[0].conjuncts))


def _clause_doer(v: Token) -> list[Token]:
    """The words a side clause's verb ``v`` names as its doer (see :func:`_another`)."""
    if v.dep_ == "acl" and v.tag_ == "VBN":
        return [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.lower_ == "for":  # "thanked Ghana for hosting"
        return [c for c in v.head.head.children if c.dep_ == "dobj"]
    finite = v.tag_ in ("VBD", "VBZ", "VBP") or (v.tag_ == "VBN" and any(c.dep_ == "aux" for c in v.children))
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
    doer = [c for c in v.children if c.dep_ == "nsubj"] if finite and not passive else []
    if len(doer) == 1 and doer[0].tag_ in ("WP", "WDT") and v.dep_ == "relcl":
        return [v.head]  # "the rebels, who had occupied it": the noun the clause is on
    return doer


def told_twice(events: list[DraftEvent], doc: Doc) -> list[DraftEvent]:
    """"Pakistan warned it would close its airspace": the warning (130, of no target) and
    the threat its clause tells (a closure announced: 131) are one act; the root's
    unspecified code of a verb goes when a clause it governs codes the same kind of act
    by the same side, on no target or the same one ("Kenya agreed to build a pipeline
    with Tanzania": one promise)."""
    def told(e: DraftEvent, by: DraftEvent) -> bool:
        aimed = e.target is None or (by.target is not None and by.target.actor.code == e.target.actor.code)
        if not (e.code == by.code[:2] + "0" and by.code != e.code and aimed and e.verb_tokens
                and by.verb_tokens and e.source.actor.country == by.source.actor.country):
            return False
        v, w = doc[e.verb_tokens[0]], doc[by.verb_tokens[0]]
        return w in v.subtree and w not in v.conjuncts  # "stormed the camp and captured six": two acts
    return [e for e in events if not any(told(e, other) for other in events if other is not e)]


def _counted(e: DraftEvent, doc: Doc, crowds: frozenset[str]) -> bool:
    """A side clause's act done to people counted by a bare number or a word for a crowd's
    size (``crowds``: "killing two people and arresting 40", "arresting at least 30",
    "detaining dozens"): told in its own right, though no actor is named."""
    if not e.verb_tokens:
        return False
    v = doc[e.verb_tokens[0]]
    return v.pos_ == "VERB" and any(c.dep_ in ("dobj", "npadvmod") and (c.tag_ == "CD" or c.lower_ in crowds)
                                    for c in v.children)


def _told(e: DraftEvent, doc: Doc) -> bool:
    """A side clause's verb tells an act, not its purpose or what someone set out to do
    ("sent experts to investigate", "trying to broker a pact")."""
    if not e.verb_tokens:
        return False
    v = doc[e.verb_tokens[0]]
    return v.dep_ != "xcomp" and not has_to(v)


def verb_above(t: Token, hops: int = 6) -> Token | None:
    """The nearest verb at or above ``t`` in the parse, within ``hops`` steps up."""
    for _ in range(hops):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    return t if t.pos_ in ("VERB", "AUX") else None


def has_to(v: Token) -> bool:
    """The verb is a to-infinitive ("to spare", "to help him")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _named(t: Participant | None) -> bool:
    """A target words name (not the home country of a domestic act's doers)."""
    return t is not None and t.how != "home"


def home_venue(place: str | None, doers: Iterable[str | None]) -> bool:
    """The place of a meeting (convention ``meeting_venue``) is where, not a side of it, for
    doers at home there or of no known country ("negotiators met in Doha"); a visitor's
    talks "in Moscow" are with its hosts."""
    homes = set(doers)
    return place in homes or None in homes


def dyad(e: DraftEvent) -> tuple[str, str | None]:
    """Who acts on whom in an event (actor codes)."""
    return e.source.actor.code, e.target.actor.code if e.target else None


def dedup(events: list[DraftEvent]) -> list[DraftEvent]:
    seen: set[tuple] = set()
    out: list[DraftEvent] = []
    for e in events:
        key = (e.source.actor.code, e.target.actor.code if e.target else None, e.code)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


RECIPROCALS = ({"each", "other"}, {"one", "another"})
OBJECT_PATH = frozenset({"dobj", "dative", "prep", "pobj", "poss"})


def acts_on_each_other(v: Token) -> bool:
    """Whether the object of ``v`` (direct, or of a preposition on the verb or on its
    object) is "each other" or "one another": "accused each other of ...", "imposed
    sanctions on one another", "praised each other's efforts". Looks only along object
    and preposition arcs, at most three words down, so a huge sentence costs no more."""
    each = any(d.lower_ == "each" for c in v.children if c.dep_ in SUBJ for d in c.children)
    pairs = (*RECIPROCALS, {"the", "other"}) if each else RECIPROCALS  # "each side accused the other"
    level = [c for c in v.children if c.dep_ in OBJECT_PATH]
    for _ in range(3):
        for t in level:
            if t.lower_ in ("other", "another", "one"):
                words = {t.lower_, *(c.lower_ for c in t.children)}
                if any(r <= words for r in pairs):
                    return True
        level = [c for t in level for c in t.children if c.dep_ in OBJECT_PATH]
    return False


def plural_role(a: Resolved) -> bool:
    """A plural role word named with its country ("ministers of India": INDGOV), which
    other countries coordinated with it may share."""
    return (a.kind == "group" and a.plural and bool(a.country) and bool(a.role)
            and a.code == f"{a.country}{a.role}")


def holds_role(first: Resolved, b: Resolved) -> bool:
    """Whether the bare country ``b``, coordinated with the plural role ``first`` ("the
    ministers of Peru and Ecuador"), holds that role too."""
    return plural_role(first) and b.kind == "country" and not b.role and bool(b.country) and b.country != first.country


def names_two(tok: Token) -> bool:
    """"the two leaders", "both sides", "each side" (not "killed two soldiers")."""
    kids = list(tok.children)
    two = any(c.dep_ == "nummod" and c.lower_ == "two" for c in kids) and any(
        c.dep_ == "det" and c.lower_ == "the" for c in kids)
    each = tok.lemma_.lower() in ("side", "party", "camp") and any(c.lower_ == "each" for c in kids)
    alone = tok.dep_ in ("nsubj", "nsubjpass") and (tok.lower_ == "both" or (  # "the two agreed", "both said"
        tok.lower_ == "two" and any(c.dep_ == "det" and c.lower_ == "the" for c in kids)))
    return two or each or alone or any(c.lower_ == "both" and c.dep_ in ("det", "predet") for c in kids)


def held_role(a: Resolved, b: Resolved) -> Resolved:
    """The role of ``a`` held by the country ``b``, at ``b``'s words."""
    return replace(a, name=f"{a.name} ({b.name})", code=f"{b.country}{a.role}", country=b.country,
                   tok_start=b.tok_start, tok_end=b.tok_end, head=b.head)
