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


def actor_ref(doc: Doc, sent: Sentence, r: Resolved, tok_start: int, tok_end: int) -> ActorRef:
    """An actor as it stands in the text: its words and their span in the article. A doer
    the dictionaries do not know keeps its words and no code; an event whose sentence
    names no doer at all gets an empty source at its trigger, named "unidentified"."""
    if tok_end <= tok_start:
        s = sent.start + (doc[tok_start].idx if tok_start < len(doc) else len(sent.text))
        return ActorRef("", r.name, None, None, None, (s, s))
    s = sent.start + doc[tok_start].idx
    last = doc[tok_end - 1]
    e = sent.start + last.idx + len(last)
    text = sent.text[s - sent.start : e - sent.start]
    if r.kind == UNIDENTIFIED:
        return ActorRef(text, text, None, None, None, (s, e))
    return ActorRef(text, r.name, r.code, r.country, r.role, (s, e))


def attribute(q: QuoteSpan, sent: Sentence, doc: Doc, finder: ParticipantFinder, cues: frozenset[str],
              in_sentence: Sequence[QuoteSpan], salience: Mentioner) -> Quote:
    """The quote ``q`` (in sentence ``sent``, parsed as ``doc``) with its cue and speaker."""

    def local(x: QuoteSpan) -> tuple[int, int]:
        return max(x.start, sent.start) - sent.start, min(x.end, sent.end) - sent.start

    qs, qe = local(q)
    cue = find_cue(doc, qs, qe, cues, [local(x) for x in in_sentence])
    speaker = _speaker(cue, sent, doc, finder, salience) if cue is not None else None
    return Quote(q.text, (q.start, q.end), speaker, cue.lemma_.lower() if cue is not None else None,
                 sent.index)


def _speaker(cue: Token, sent: Sentence, doc: Doc, finder: ParticipantFinder,
             salience: Mentioner) -> ActorRef | None:
    subj = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        if cue.dep_ not in _LINKED:
            return None
        found, _ = finder.subjects(cue)  # "..., said Kim, who added"
        return actor_ref(doc, sent, found[0].actor, found[0].tok_start, found[0].tok_end) if found else None
    found = finder.actors_at(subj[0])
    if found:
        f = found[0]
        if f.actor.kind == "person":
            salience.mention(sent.index, f.actor, subject=True)
        return actor_ref(doc, sent, f.actor, f.tok_start, f.tok_end)
    # a speaker we cannot code ("analysts", "a resident"): its words, no code
    t = subj[0]
    toks = [c for c in t.subtree if c.i <= t.i and c.dep_ == "compound"] + [t]
    s = sent.start + toks[0].idx
    e = sent.start + t.idx + len(t)
    words = sent.text[s - sent.start : e - sent.start]
    return ActorRef(words, words, None, None, None, (s, e))
