"""Speakers found beyond the quote's own sentence: what news layout says about who speaks.

The parse of a quote's sentence finds most speakers (:mod:`tidings.extract.speakers`).
What it cannot see, because the sentence splitter or the paragraph put the speaker
elsewhere:

- the cue right after a quote that ends in ? or ! ("“Who would have believed it?” Trump
  said.", "“Why not?” asked Vitter."): the splitter makes the cue a sentence of its own;
- an introduction that ends in a colon ("Caddell continued:", "The Times reports:")
  before a quote that opens the next sentence or paragraph;
- a transcript label ("PENCE: Well, look, ..."; "Jane Doe, Reuters: ..."), inside the
  quote marks or before them: the label names the speaker and is no part of the quote.

Each pass gives a speaker only to a quote that has none, and only from an actor named
at that place (a label may be words no dictionary knows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tidings.extract.phrases import Resolved
from tidings.extract.quotes import sentence_of
from tidings.extract.speakers import actor_ref
from tidings.model import ActorRef, Quote, Sentence
from tidings.rules.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«([ "
# "PENCE:", "Mr. Wallace:", "Jane Doe, Reuters:" at the head of a quote or a paragraph
_LABEL = re.compile(r"([A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,3})(?:, [A-Z][\w .&'-]{1,40})?: +")


def attribute_by_layout(quotes: Sequence[Quote], text: str, sentences: Sequence[Sentence],
                        docs: Sequence[Doc], actors: Sequence[Sequence[Resolved]],
                        cue_forms: frozenset[str], lexicon: Lexicon) -> list[Quote]:
    """``quotes`` with speakers added (and transcript labels cut off) where the layout
    around a quote names its speaker; ``cue_forms`` are the reporting verbs' forms."""
    out = []
    for q in quotes:
        if q.speaker is None and 0 <= q.sentence < len(sentences):
            q = (_labelled(q, text, actors, lexicon.not_speakers)
                 or _label_before(q, text, sentences, actors, lexicon.not_speakers)
                 or _according_after(q, text, sentences, docs, actors)
                 or _cue_after(q, text, sentences, docs, actors, cue_forms)
                 or _introduced(q, text, sentences, docs, actors, cue_forms, lexicon.colon_cues)
                 or q)
        out.append(q)
    return out


def _ref(i: int, r: Resolved, sentences: Sequence[Sentence], docs: Sequence[Doc]) -> ActorRef:
    return actor_ref(docs[i], sentences[i], r, r.tok_start, r.tok_end)


def _according_after(q: Quote, text: str, sentences: Sequence[Sentence], docs: Sequence[Doc],
                     actors: Sequence[Sequence[Resolved]]) -> Quote | None:
    """"“...,” according to the World Bank.", "..., according to a report by the
    ministry": the source named right after the quote, within its sentence."""
    i = sentence_of(sentences, max(q.span[1] - 1, q.span[0]))
    if i is None:
        return None
    sent = sentences[i]
    rest = text[q.span[1]:sent.end]
    lead = len(rest) - len(rest.lstrip(_CLOSERS + " ,"))
    if not rest[lead:].lower().startswith("according to "):
        return None
    at = q.span[1] + lead + len("according to ") - sent.start  # where the source's words begin
    doc = docs[i]
    first = next((t.i for t in doc if t.idx >= at), None)
    if first is None:
        return None
    for r in actors[i]:
        if first <= r.tok_start <= first + 5 and not any(t.is_punct for t in doc[first:r.tok_start]):
            return Quote(q.text, q.span, _ref(i, r, sentences, docs), "according to", q.sentence)
    return None


def _cue_after(q: Quote, text: str, sentences: Sequence[Sentence], docs: Sequence[Doc],
               actors: Sequence[Sequence[Resolved]], cues: frozenset[str]) -> Quote | None:
    """The next sentence opens with "<actor> <cue>" or "<cue> <actor>", and nothing but
    closing marks stands between the quote and it."""
    end = sentence_of(sentences, max(q.span[1] - 1, q.span[0]))
    if end is None or end + 1 >= len(sentences):
        return None
    if text[q.span[1]:sentences[end].end].strip(_CLOSERS + " .,?!"):
        return None
    i = end + 1
    doc = docs[i]
    if len(doc) < 2:
        return None
    def closes(k: int) -> bool:  # the attribution ends there: "Cruz asked." "Trump said, looking on"
        return k >= len(doc) or doc[k].is_punct and doc[k].text in ".,;!?"

    for r in actors[i]:
        if r.tok_start == 0 and r.tok_end < len(doc) and doc[r.tok_end].lower_ in cues and closes(r.tok_end + 1):
            return Quote(q.text, q.span, _ref(i, r, sentences, docs), doc[r.tok_end].lower_, q.sentence)
        if r.tok_start == 1 and doc[0].lower_ in cues and closes(r.tok_end):
            return Quote(q.text, q.span, _ref(i, r, sentences, docs), doc[0].lower_, q.sentence)
    return None


def _introduced(q: Quote, text: str, sentences: Sequence[Sentence], docs: Sequence[Doc],
                actors: Sequence[Sequence[Resolved]], cues: frozenset[str],
                colon_cues: frozenset[str]) -> Quote | None:
    """What stands right before the quote introduces it and names the speaker: "<actor>
    <cue>:" or "<actor> <cue> <audience>," ("Caddell continued:", "Limbaugh told his
    audience on Monday,"), "<cue> <actor>:" ("Said Ellis:"), or "according to <actor>,".
    The introduction ends the previous sentence when the quote opens its own."""
    first = sentence_of(sentences, q.span[0])
    if first is None:
        return None
    i, cut = first, q.span[0] - sentences[first].start  # the introduction: sentence i up to cut
    if not text[sentences[first].start:q.span[0]].strip(_OPENERS):
        if first == 0:
            return None
        i, cut = first - 1, len(sentences[first - 1].text)
    intro = sentences[i].text[:cut].rstrip(_OPENERS)
    if not intro.endswith((":", ",")):
        return None
    doc = docs[i]
    end = next((t.i for t in reversed(doc) if t.idx < len(intro) - 1), None)  # last token before the mark
    if end is None:
        return None
    near = [r for r in actors[i] if r.tok_end - 1 <= end and r.tok_start >= end - 10]
    cues = cues | colon_cues  # "Caddell continued:", "Limbaugh continued,"
    for r in sorted(near, key=lambda r: -r.tok_start):  # "<actor> <cue> ...,": the nearest first
        after = doc[r.tok_end].lower_ if r.tok_end <= end else ""
        if after in cues:
            return Quote(q.text, q.span, _ref(i, r, sentences, docs), after, q.sentence)
    for r in near:  # "According to <actor>,", "Said <actor>:", ", said <actor>,"
        before = doc[r.tok_start - 1].lower_ if r.tok_start > 0 else ""
        ahead = doc[r.tok_start - 2].lower_ if r.tok_start > 1 else ""
        k = r.tok_start - 1
        while k > 0 and doc[k].lower_ in ("the", "a", "an"):
            k -= 1  # "According to the World Bank,"
        if k >= 1 and (doc[k - 1].lower_, doc[k].lower_) == ("according", "to"):
            return Quote(q.text, q.span, _ref(i, r, sentences, docs), "according to", q.sentence)
        if before in cues and (r.tok_start == 1 or ahead in (",", ";")) and r.tok_end == end + 1:
            return Quote(q.text, q.span, _ref(i, r, sentences, docs), before, q.sentence)
    return _named(q, sentences[i], doc, end, cues)


def _named(q: Quote, sent: Sentence, doc: Doc, end: int, cues: frozenset[str]) -> Quote | None:
    """An introduction that is a name no dictionary knows and a cue, and nothing else
    ("Caddell continued:", "Jane Okafor said:"): the name's words, with no code."""
    cue = doc[end]
    if end == 0 or cue.lower_ not in cues:
        return None
    names = list(doc[:end])
    if not (1 <= len(names) <= 3) or not all(t.is_title and t.is_alpha for t in names):
        return None
    s, e = sent.start + names[0].idx, sent.start + names[-1].idx + len(names[-1])
    words = sent.text[names[0].idx:names[-1].idx + len(names[-1])]
    return Quote(q.text, q.span, ActorRef(words, words, None, None, None, (s, e)), cue.lower_, q.sentence)


def _labelled(q: Quote, text: str, actors: Sequence[Sequence[Resolved]],
              not_speakers: frozenset[str]) -> Quote | None:
    """A transcript label at the head of the quote: the speaker is the label (an actor of
    the article whose surname it is, when there is one), the quote what follows it."""
    m = _LABEL.match(q.text)
    if m is None or len(q.text) - m.end() < 10:
        return None
    words = m.group(1)
    if words.lower() in not_speakers:
        return None
    start = q.span[0] + m.end()
    span = (q.span[0] + m.start(1), q.span[0] + m.end(1))
    return Quote(text[start:q.span[1]], (start, q.span[1]), _label_speaker(words, span, actors), None, q.sentence)


def _label_before(q: Quote, text: str, sentences: Sequence[Sentence], actors: Sequence[Sequence[Resolved]],
                  not_speakers: frozenset[str]) -> Quote | None:
    """A label that opens the line before the quote marks ("Jane Doe, Reuters: “...”",
    "PENCE: “...”"): the label is the speaker."""
    first = sentence_of(sentences, q.span[0])
    if first is None:
        return None
    start = sentences[first].start
    intro = text[start:q.span[0]].rstrip(_OPENERS)
    m = _LABEL.fullmatch(intro + " ")
    if m is None or m.group(1).lower() in not_speakers:
        return None
    span = (start + m.start(1), start + m.end(1))
    return Quote(q.text, q.span, _label_speaker(m.group(1), span, actors), None, q.sentence)


def _label_speaker(words: str, span: tuple[int, int], actors: Sequence[Sequence[Resolved]]) -> ActorRef:
    """The speaker a label names: a person of the article whose surname it is, else its words."""
    last = words.split()[-1].lower()
    hit = next((r for rs in actors for r in rs if r.kind == "person" and r.name.split()[-1].lower() == last),
               None)
    if hit is not None:
        return ActorRef(words, hit.name, hit.code, hit.country, hit.role, span)
    return ActorRef(words, words, None, None, None, span)
