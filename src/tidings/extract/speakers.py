"""Who said a quote: the reporting verb that governs it (``cue_verbs.txt``) and that verb's
subject, found on the sentence's parse.

The parse-based lookups of who stands in a verb's subject position come in as a
:class:`ParticipantFinder` (the event coder's, so quotes and events agree on who is who);
this module does not depend on the coder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from tidings.extract.phrases import UNIDENTIFIED, Resolved
from tidings.extract.quotes import QuoteSpan, find_cue
from tidings.model import ActorRef, Quote, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_LINKED = ("relcl", "conj", "advcl", "xcomp")


class Found(Protocol):
    actor: Resolved
    tok_start: int
    tok_end: int


class ParticipantFinder(Protocol):
    def subjects(self, v: Token) -> tuple[Sequence[Found], bool]: ...

    def actors_at(self, tok: Token) -> Sequence[Found]: ...


class Mentioner(Protocol):
    def mention(self, sent: int, r: Resolved, subject: bool = False) -> None: ...

    def unnamed_person(self, sent: int, words: str) -> None: ...

    def unnamed_for(self, pronoun: str, sent: int, window: int = 3) -> str | None: ...


def actor_ref(doc: Doc, sent: Sentence, r: Resolved, tok_start: int, tok_end: int) -> ActorRef:
    """An actor as it stands in the text: its words and their span in the article. A doer
    the dictionaries do not know keeps its words and no code; an event whose sentence
    names no doer at all gets an empty source at its trigger, named "unidentified". A
    country no words name (the home of a domestic act's doers) keeps its code, with an
    empty span at the verb."""
    if tok_end <= tok_start:
        s = sent.start + (doc[tok_start].idx if tok_start < len(doc) else len(sent.text))
        return ActorRef("", r.name, r.code or None, r.country, r.role, (s, s))
    s = sent.start + doc[tok_start].idx
    last = doc[tok_end - 1]
    e = sent.start + last.idx + len(last)
    text = sent.text[s - sent.start : e - sent.start]
    if r.kind == UNIDENTIFIED:
        return ActorRef(text, text, None, None, None, (s, e))
    return ActorRef(text, r.name, r.code, r.country, r.role, (s, e))


def attribute(q: QuoteSpan, sent: Sentence, doc: Doc, finder: ParticipantFinder, cues: frozenset[str],
              in_sentence: Sequence[QuoteSpan], salience: Mentioner,
              inverted: frozenset[str] = frozenset()) -> Quote:
    """The quote ``q`` (in sentence ``sent``, parsed as ``doc``) with its cue and speaker.
    ``inverted`` are the verb forms that may open a sentence before the speaker's name
    (the lexicon's ``inverted_cues``: "Said Ellis: “...”")."""

    def local(x: QuoteSpan) -> tuple[int, int]:
        return max(x.start, sent.start) - sent.start, min(x.end, sent.end) - sent.start

    qs, qe = local(q)
    quoted = [local(x) for x in in_sentence]
    cue = find_cue(doc, qs, qe, cues, quoted)
    inside = {t.i for t in doc if qs <= t.idx < qe}
    in_quotes = inside | {t.i for t in doc for s, e in quoted if s <= t.idx < e}
    if cue is None and len(doc) > 2 and doc[0].lower_ in inverted and doc[1].pos_ == "PROPN" \
            and 0 not in in_quotes:
        cue = doc[0]  # "Said Okonkwo: “...”", whatever the parse made of "Said"
    if cue is None and not _title_like(q.text):
        cue = _governing_verb(doc, inside, in_quotes)  # "Clinton criticized the law as a “crazy system”"
    speaker = _speaker(cue, sent, doc, finder, salience, in_quotes, inverted) if cue is not None else None
    lemma = None
    if cue is not None:
        lemma = cue.lemma_.lower() if cue.pos_ == "VERB" else _lemma_of(cue.lower_, cues)
    return Quote(q.text, (q.start, q.end), speaker, lemma, sent.index)


def speaking(doc: Doc, sent: Sentence, quotes: Sequence[Quote], first_person: frozenset[str]) -> list[Resolved]:
    """The speaker of each quote standing at the first-person pronouns inside it: in
    "“We will not talk to Hamas,” the Israeli prime minister said", "We" is the prime
    minister (ISRGOV). Only speakers with a code; "I" is a person, "we" the body they
    speak for."""
    out: list[Resolved] = []
    for q in quotes:
        sp = q.speaker
        if sp is None or not sp.code:
            continue
        s, e = q.span[0] - sent.start, q.span[1] - sent.start
        for t in doc:
            if s <= t.idx < e and t.lower_ in first_person and t.pos_ == "PRON":
                plural = t.lower_ in ("we", "us", "our", "ours", "ourselves")
                kind = "country" if sp.role is None else "group" if plural else "person"
                out.append(Resolved(sp.name, sp.code, sp.country, sp.role, kind, "speaker", t.i, t.i + 1, t.i, plural))
    return out


def _lemma_of(word: str, cues: frozenset[str]) -> str:
    """The reporting verb a form the parse did not take for a verb belongs to ("Said" ->
    "say", "Added" -> "add"), else the word."""
    for cand in (word, word[:-1], word[:-2], word[:-2] + "y"):
        if cand in cues:
            return cand
    return word


def _title_like(text: str) -> bool:
    """A title or name in quotation marks ("Meet the Press", “American Skin (41 Shots)”):
    a few words, each significant one capitalised, no sentence end."""
    words = [w for w in text.replace("(", " ").replace(")", " ").split() if w[:1].isalpha()]
    if not words or len(words) > 8 or text.rstrip().endswith((".", "?", "!")):
        return False
    return all(w[0].isupper() for w in words if len(w) > 3)


def _governing_verb(doc: Doc, inside: set[int], in_any: set[int]) -> Token | None:
    """A partial quote that no reporting verb governs is in the words of the subject of
    the clause it stands in ("Trump attacked “the hateful ideology …”", "Protesters
    chanted “What curfew?”", "a report found that the money came from “the drug
    trade”"): the highest verb above the quote (tokens ``inside``; ``in_any`` are those of
    every quote of the sentence) that has an active subject."""
    if not inside or len(in_any) >= len(doc):
        return None
    t = next(doc[i] for i in sorted(inside) if doc[i].head.i not in inside or doc[i].head.i == i)
    best = None
    for _ in range(8):
        if t.head.i == t.i:
            break
        t = t.head
        if t.i not in in_any and t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children):
            best = t
    return best


def _speaker(cue: Token, sent: Sentence, doc: Doc, finder: ParticipantFinder,
             salience: Mentioner, in_quotes: frozenset[int] | set[int] = frozenset(),
             inverted: frozenset[str] = frozenset()) -> ActorRef | None:
    subj = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj and subj[0].i in in_quotes:
        # the parse took quoted words for the subject ("“... Full panic mode,” said Leslie
        # Wimes"): the speaker is the name after the cue, outside the quote
        subj = [c for c in cue.children if c.i > cue.i and c.i not in in_quotes
                and c.dep_ in ("nsubj", "dobj", "npadvmod", "attr", "appos") and c.pos_ in ("PROPN", "NOUN", "PRON")]
    if not subj:
        if cue.dep_ in _LINKED:
            found, _ = finder.subjects(cue)  # "..., said Kim, who added"
            if found:
                return actor_ref(doc, sent, found[0].actor, found[0].tok_start, found[0].tok_end)
        subj = _subject_above(cue)  # "Dean began by saying ...", "He defended it, saying, “...”"
        if not subj and cue.i == 0 and cue.lower_ in inverted:
            subj = _name_after(cue, in_quotes)  # "Said Ellis: “...”"
        if not subj:
            return None
    found = finder.actors_at(subj[0])
    if found:
        f = found[0]
        if subj[0].pos_ == "PROPN" and f.actor.kind != "person" and not f.tok_start <= subj[0].i < f.tok_end:
            # "said Maria Lopez, a local resident": the name speaks, her apposition codes her
            named = _uncoded(subj[0], cue, sent, salience)
            return ActorRef(named.text, named.name, f.actor.code, f.actor.country, f.actor.role, named.span)
        if f.actor.kind == "person":
            salience.mention(sent.index, f.actor, subject=True)
        return actor_ref(doc, sent, f.actor, f.tok_start, f.tok_end)
    return _uncoded(subj[0], cue, sent, salience)


def _uncoded(t: Token, cue: Token, sent: Sentence, salience: Mentioner) -> ActorRef:
    """A speaker we cannot code ("analysts", "a resident", "Jane Okafor"): its words, no
    code; a he/she that goes to such a person named before carries that name."""
    toks = [c for c in t.subtree if c.i <= t.i and c.dep_ == "compound" and c.i != cue.i] + [t]
    s = sent.start + toks[0].idx
    e = sent.start + t.idx + len(t)
    words = sent.text[s - sent.start : e - sent.start]
    if t.pos_ == "PROPN":
        salience.unnamed_person(sent.index, words)  # "Jane Okafor said": a later "she" is hers
    elif t.pos_ == "PRON":
        named = salience.unnamed_for(t.lower_, sent.index)  # "Tom Baker disagreed. ... he said"
        if named:
            return ActorRef(words, named, None, None, None, (s, e))
    return ActorRef(words, words, None, None, None, (s, e))


def _subject_above(verb: Token) -> list[Token]:
    """The subject of the nearest clause above a cue that has none of its own (a
    participle or gerund: "adding that", "by saying"), at most three steps up."""
    t = verb
    for _ in range(3):
        if t.head.i == t.i:
            break
        t = t.head
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and t.pos_ in ("VERB", "AUX"):
            return subj
    return []


def _name_after(cue: Token, in_quotes: frozenset[int] | set[int]) -> list[Token]:
    """The last word of the proper name right after ``cue`` (its head), outside quotes."""
    last = None
    for t in cue.doc[cue.i + 1 :]:
        if t.pos_ != "PROPN" or t.i in in_quotes:
            break
        last = t
    return [last] if last is not None else []
