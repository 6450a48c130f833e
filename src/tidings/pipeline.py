"""Article in, ArticleRecord out.

``Coder.code_many`` is a pure mapping ``Iterable[Article] -> Iterable[ArticleRecord]``
(one model and one rule set per Coder, so a worker or a Spark executor makes one Coder
and maps). Work per batch of articles:

1. **prepare** each article (no parse): split sentences, tokenise them, find places,
   actors, quotes, dates and counts (:mod:`tidings.extract`), and choose the sentences
   that can hold an event or attribute a quote: an actor or pronoun plus a pattern verb,
   or a quotation mark plus a reporting verb;
2. **parse** those sentences of the whole batch at once;
3. **finish** each article in order (pronouns need it): code the events of each parsed
   sentence (:mod:`tidings.coding`), attribute its quotes (:mod:`tidings.extract.speakers`),
   attach dates and places, collect every actor's mentions.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tidings.coding import lexical
from tidings.coding.detector import EventDetector
from tidings.coding.drafts import (
    OTHER_CLAUSES,
    SUBJ,
    DraftEvent,
    Salience,
    attributive_spans,
    earlier_doer,
)
from tidings.coding.features import mend_parse
from tidings.coding.nouns import NO_TARGET
from tidings.coding.parse import Parser
from tidings.coding.prefilter import MAX_SENTENCE_TOKENS, ParseFilter
from tidings.coding.sentence import SentenceCoder
from tidings.extract import counts as counts_mod
from tidings.extract import dates as when
from tidings.extract import places as where
from tidings.extract.actors import (
    Resolved,
    fill_country_from_context,
    find_actors,
    in_states,
    name_chain,
)
from tidings.extract.anaphora import the_body, the_country, the_force, the_named
from tidings.extract.attribution import attribute_by_layout
from tidings.extract.dateline import dateline_country, dateline_prefix, without_credit
from tidings.extract.phrases import is_name
from tidings.extract.quotes import QuoteSpan, find_quote_spans, sentence_of
from tidings.extract.sentences import split_sentences
from tidings.extract.speakers import actor_ref, attribute, speaking
from tidings.extract.tone import article_tone
from tidings.model import (
    Actor,
    Article,
    ArticleRecord,
    Count,
    DateRef,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
    Tone,
)
from tidings.rules import RuleSet
from tidings.rules.calibration import Calibration

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token



@dataclass
class _Prepared:
    """One article between the stages: what needs no parse, and what to parse."""

    article: Article
    day: dt.date | None
    sentences: list[Sentence]
    docs: list[Doc]
    actors: list[list[Resolved]]
    quotes: list[QuoteSpan]
    dates: list[DateRef]
    places: list[Place]
    counts: list[Count]
    tone: Tone | None = None
    parse_idx: list[int] = field(default_factory=list)


@dataclass
class _Article:
    """What finishing one article gathers, sentence by sentence."""

    p: _Prepared
    salience: Salience
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    mentions: dict[tuple[str, str], list[Mention]] = field(default_factory=dict)
    actor_info: dict[tuple[str, str], Resolved] = field(default_factory=dict)
    quotes_at: dict[int, list[QuoteSpan]] = field(default_factory=dict)  # by sentence index
    dates_at: dict[int, list[DateRef]] = field(default_factory=dict)
    places_at: dict[int | None, list[Place]] = field(default_factory=dict)
    overlapping: dict[int, list[QuoteSpan]] = field(default_factory=dict)
    speaking: dict[int, Salience] = field(default_factory=dict)  # sentences with "we" in a quote
    speakers_at: dict[int, list[Resolved]] = field(default_factory=dict)  # who "we" is there

    def mention(self, r: Resolved, m: Mention) -> None:
        k = (r.name, r.code)
        self.actor_info.setdefault(k, r)
        self.mentions.setdefault(k, []).append(m)


@dataclass
class Coder:
    """Holds the model and the rule set for one process. Reuse it for every article.

    ``rules`` defaults to the package's tables; ``RuleSet.load("my-rules")`` adds a
    user's (see :mod:`tidings.rules`)."""

    rules: RuleSet = field(default_factory=RuleSet.default)
    parser: Parser = field(default_factory=Parser)
    parse_all: bool = False  # parse every sentence (for measuring what the filter saves)
    min_confidence: float = 0.0  # events below this confidence are left out of records
    detector: EventDetector | None = field(default_factory=EventDetector.default)  # None: patterns only

    def __post_init__(self) -> None:
        self.gazetteer = where.Gazetteer.load(self.rules)
        self.prefilter = ParseFilter(self.rules)  # which sentences are worth parsing
        self.parser.keep_whole(self.rules.lexicon.whole_words)
        self.sentences_seen = 0
        self.sentences_parsed = 0

    def code(self, article: Article) -> ArticleRecord:
        return next(iter(self.code_many([article])))

    def code_many(self, articles: Iterable[Article], batch: int = 16) -> Iterator[ArticleRecord]:
        buf: list[Article] = []
        for a in articles:
            buf.append(a)
            if len(buf) >= batch:
                yield from self._code_batch(buf)
                buf = []
        if buf:
            yield from self._code_batch(buf)

    # -- stages --------------------------------------------------------------------------
    def _code_batch(self, articles: Sequence[Article]) -> list[ArticleRecord]:
        prepared = [self._prepare(a) for a in articles]
        self.parser.parse([p.docs[i] for p in prepared for i in p.parse_idx])  # in place
        for p in prepared:
            for i in p.parse_idx:
                self._parsed(p, i)
        arts = [self._finish(p) for p in prepared]
        if self.detector is not None:
            self._detect(arts)  # one classifier pass for the whole batch
        return [_record(art, self.rules) for art in arts]

    def _parsed(self, p: _Prepared, i: int) -> None:
        """What sentence ``i``'s parse mends: a dateline read with the story (parsed apart),
        a subject noun read as an adjective (parsed again), verbs' lemmas and clauses
        (:func:`~tidings.coding.features.mend_parse`), and words its parse shows are no actors."""
        if i == 0:  # "LAGOS, May 2 (Reuters) - Nigerian troops stormed ...": the place is no subject
            p.docs[0] = self.parser.after_dateline(p.docs[0], dateline_prefix(p.docs[0].text))
        names = frozenset(a.tok_start for a in p.actors[i]  # one-word names ("ECOWAS"), not "police"
                          if a.tok_end - a.tok_start == 1 and p.docs[i][a.tok_start].text[:1].isupper())
        p.docs[i] = self.parser.reparsed(p.docs[i], self.rules.lexicon.misread_nouns, names)
        mend_parse(p.docs[i], self.rules.verbs, self.rules.lexicon)
        p.actors[i] = lexical.not_actors(p.docs[i], p.actors[i], self.rules.lexicon)

    def _prepare(self, article: Article) -> _Prepared:
        rules = self.rules
        day = _parse_day(article.date)
        text = article.text
        sentences = split_sentences(text, rules.lexicon.abbreviations)
        docs = [self.parser.tokenize(s.text) for s in sentences]
        chain = name_chain(rules)
        dates = when.find_dates(text, sentences, day)
        places = where.outside(where.find_places(text, sentences, self.gazetteer), [d.span for d in dates])
        places, states = where.states_not_countries(places, self.gazetteer)
        here, own = where.places_per_sentence(text, sentences, docs, places)
        words = [[t.text for t in d] for d in docs]
        home = where.country_tally(places)
        found = [where.outside_waters(in_states(find_actors(w, day, chain, rules, home), w, states), docs[i],
                                      sentences[i].start, places) for i, w in enumerate(words)]
        if docs:
            found[0] = without_credit(found[0], docs[0].text, [t.idx for t in docs[0]])
        lex = rules.lexicon
        found = the_named(the_body(the_country(found, words, lex.country_nouns, rules.dictionary.country_name), words,
                                   lex.bloc_nouns), words, lex.name_heads)
        actors = fill_country_from_context(the_force(found, lex.force_nouns), rules.lexicon,
            [pl.country for pl in places if pl.country and pl.kind in ("city", "region")],
            [frozenset(h) for h in here], own, words, rules.cues.forms, dateline_country(text, places))
        p = _Prepared(article, day, sentences, docs, actors, find_quote_spans(text),
                      dates, places,
                      counts_mod.find_counts(text, sentences, rules.dictionary.country_of),
                      article_tone(text, rules.tone))
        placed = frozenset(pl.sentence for pl in places)
        p.parse_idx = [i for i in range(len(docs)) if self._worth_parsing(p, i, placed)]
        self.sentences_seen += len(sentences)
        self.sentences_parsed += len(p.parse_idx)
        return p

    def _worth_parsing(self, p: _Prepared, i: int, placed: frozenset[int | None]) -> bool:
        d = p.docs[i]
        if self.parse_all:
            return len(d) <= MAX_SENTENCE_TOKENS
        return self.prefilter.worth([t.text for t in d], p.sentences[i].text, bool(p.actors[i]) or i in placed)

    def _finish(self, p: _Prepared) -> _Article:
        art = _index(p, Salience(self.rules.lexicon, self.rules.first_names), self.rules.cues.forms)
        parsed = set(p.parse_idx)
        for i, sent in enumerate(p.sentences):
            doc = p.docs[i]
            for r in p.actors[i]:
                art.mention(r, _mention(doc, sent, r, r.how))
            if i in parsed:
                self._parsed_sentence(art, i)
            else:  # no parse: an actor opening the sentence is taken to be its subject
                taken = {j for r in p.actors[i] for j in range(r.tok_start, r.tok_end)}
                _remember_people(art.salience, i, p.actors[i], _first_and_last_names(doc, taken, self.rules.first_names),
                                 lambda r, d=doc: all(t.lower_ in ("the", "a", "an") or not t.is_alpha
                                                      for t in d[: r.tok_start]))
            art.salience.named_in(i, p.actors[i])  # for "the two sides" in the next sentences
        self._speakers_at_first_person(art)
        return art

    def _detect(self, arts: Sequence[_Article]) -> None:
        """Model events in sentences where the patterns coded nothing, and of the types
        they did not code in sentences where they did."""
        todo: list[tuple[_Article, int]] = []
        for art in arts:
            p = art.p
            todo += [(art, i) for i in range(len(p.sentences))
                     if len(p.docs[i]) <= MAX_SENTENCE_TOKENS and self.detector.worth_asking(p.docs[i], self.rules, p.actors[i])]
        if not todo:
            return
        found = self.detector.detect([art.p.sentences[i].text for art, i in todo])
        # a sentence the filter did not parse (no known actor, or no pattern verb) is
        # parsed now: trigger words and their doers are read from the parse
        late = [(art, i) for art, i in todo if not art.p.docs[i].has_annotation("DEP")]
        self.parser.parse([art.p.docs[i] for art, i in late])
        for art, i in late:
            self._parsed(art.p, i)
        self.sentences_parsed += len(late)
        unseen = {(id(art), i) for art, i in late}
        coded: dict[tuple[int, int], list[Event]] = {}  # the patterns' events, by sentence
        for key, e in ((id(a), e) for a in arts for e in a.events):
            coded.setdefault((key, e.sentence), []).append(e)
        added: set[int] = set()
        for (art, i), hit in zip(todo, found, strict=True):
            here = [e for e in coded.get((id(art), i), []) if NO_TARGET not in e.rule]
            if self._add_model_events(art, i, self._model_drafts(art, i, hit, here, (id(art), i) not in unseen)):
                added.add(id(art))
        for art in arts:
            if id(art) in added:  # in sentence order; within a sentence the order stays as coded
                art.events.sort(key=lambda e: e.sentence)

    def _add_model_events(self, art: _Article, i: int, drafts: Sequence[DraftEvent]) -> bool:
        """Add the model's events of sentence ``i``; whether any was added."""
        p, added = art.p, False
        place = self._place(art, p.sentences[i], p.docs[i]) if drafts else None
        for draft in drafts:
            event = self._event(art, p.sentences[i], p.docs[i], draft, place)
            if event is not None and event.confidence >= self.min_confidence:
                art.events[:] = [e for e in art.events if not _superseded(e, event)]
                art.events.append(event)
                added = True
        return added

    def _model_drafts(self, art: _Article, i: int, cats: Mapping[str, float], here: Sequence[Event],
                      patterns_saw: bool) -> list[DraftEvent]:
        """The detector's events of sentence ``i``: of the types the patterns did not code
        there, if they coded any (``here``)."""
        p = art.p
        doc, sent = p.docs[i], p.sentences[i]
        places = _place_tokens(doc, sent, art.places_at.get(i, []))
        actors = [*p.actors[i], *art.speakers_at.get(i, [])]
        if not here:
            made = self.detector.draft(doc, actors, cats, self.rules, patterns_saw=patterns_saw, places=places)
        else:
            used = {t.i for t in doc for e in here if e.verb_span[0] <= sent.start + t.idx < e.verb_span[1]}
            made = self.detector.more(doc, actors, cats, self.rules, {e.plover for e in here}, used, places)
        return [_doer_told_before(d, art.salience, i, doc) for d in made]

    def _parsed_sentence(self, art: _Article, i: int) -> None:
        p, sent, doc = art.p, art.p.sentences[i], art.p.docs[i]
        places = [pl for pl in art.places_at.get(i, []) if pl.country]
        in_sentence = art.overlapping.get(i, [])
        if _first_person_quoted(doc, sent, in_sentence, self.rules.lexicon.pronouns_first):
            art.speaking[i] = art.salience.snapshot()  # coded again once its quotes have speakers
        coder = SentenceCoder(doc, p.actors[i], i, art.salience, self.rules, _place_tokens(doc, sent, places))
        art.events += self._events(art, i, coder.code())
        art.quotes += [attribute(q, sent, doc, coder, self.rules.cues.verbs, in_sentence, art.salience,
                                 self.rules.lexicon.inverted_cues)
                       for q in art.quotes_at.get(i, [])]
        # pronoun subjects become actor mentions too
        subjects = [t for t in doc if t.dep_ in ("nsubj", "nsubjpass")]
        subj_ids = {t.i for t in subjects}
        pronouns = self.rules.lexicon.pronouns
        for t in subjects:
            if t.lower_ in pronouns and t.lower_ not in ("who", "which"):
                r = art.salience.resolve(t.lower_, i)
                if r is not None:
                    art.mentions.setdefault((r.name, r.code), []).append(
                        Mention((sent.start + t.idx, sent.start + t.idx + len(t)), t.text, i, "pronoun"))
        # the people of the sentence in the order they are named: actors, and names no
        # dictionary knows ("Her rival, Tom Baker, disagreed"), for a later "he"
        taken = {j for r in p.actors[i] for j in range(r.tok_start, r.tok_end)}
        _remember_people(art.salience, i, p.actors[i], _uncoded_names(subjects, taken),
                         lambda r: any(j in subj_ids for j in range(r.tok_start, r.tok_end)))

    def _events(self, art: _Article, i: int, drafts: Iterable[DraftEvent]) -> list[Event]:
        sent, doc = art.p.sentences[i], art.p.docs[i]
        drafts = list(drafts)
        place = self._place(art, sent, doc) if drafts else None  # one per sentence
        return [e for e in (self._event(art, sent, doc, d, place) for d in drafts)
                if e.confidence >= self.min_confidence]

    def _place(self, art: _Article, sent: Sentence, doc: Doc) -> Place | None:
        lex = self.rules.lexicon
        return where.place_for_sentence(
            art.places_at.get(sent.index, []), sent.index, art.p.article.text,
            _actor_spans(doc, sent, art.p.actors[sent.index]), lex.locative_preps, lex.place_directions,
            attributive_spans(doc, sent.start, lex.place_nouns))

    def _speakers_at_first_person(self, art: _Article) -> None:
        """"“We will not talk to Hamas. We never have,” the prime minister said": once the
        quotes have their speakers, a sentence with "I" or "we" inside a quote is coded
        again with the speaker standing at the pronoun, as the article stood when the
        sentence was first coded."""
        p = art.p
        for i, salience in art.speaking.items():
            sent, doc = p.sentences[i], p.docs[i]
            # a quote whose speaker a reporting verb gives ("said", "told"), not one the
            # record may still give to another by the layout ("criticized the law as ...")
            quotes = [q for q in art.quotes if q.span[0] < sent.end and q.span[1] > sent.start
                      and q.cue in self.rules.cues.verbs]
            speakers = speaking(doc, sent, quotes, self.rules.lexicon.pronouns_first)
            if not speakers:
                continue
            art.speakers_at[i] = speakers
            places = _place_tokens(doc, sent, [pl for pl in art.places_at.get(i, []) if pl.country])
            coder = SentenceCoder(doc, [*p.actors[i], *speakers], i, salience, self.rules, places)
            art.events = [e for e in art.events if e.sentence != i] + self._events(art, i, coder.code())
        if art.speaking:
            art.events.sort(key=lambda e: e.sentence)

    def _event(self, art: _Article, sent: Sentence, doc: Doc, d: DraftEvent, place: Place | None) -> Event:
        info = self.rules.cameo[d.code]
        src = actor_ref(doc, sent, d.source.actor, d.source.tok_start, d.source.tok_end)
        tgt = actor_ref(doc, sent, d.target.actor, d.target.tok_start, d.target.tok_end) if d.target else None
        dates = art.dates_at.get(sent.index, [])
        date_ref = _clause_date(dates, sent, doc, d.verb_tokens[0]) or when.sentence_date(
            dates, sent.index, art.p.day)
        v0, v1 = doc[d.verb_tokens[0]], doc[d.verb_tokens[-1]]
        return Event(
            source=src, target=tgt, cameo=d.code, cameo_root=d.code[:2], cameo_name=info.name,
            plover=info.plover, quad_class=info.quad_class, goldstein=info.goldstein,
            date=date_ref.value if date_ref and date_ref.value else art.p.article.date,
            date_text=date_ref.text if date_ref else None, sentence=sent.index,
            span=(sent.start, sent.end), verb=" ".join(doc[i].text for i in d.verb_tokens),
            verb_span=(sent.start + v0.idx, sent.start + v1.idx + len(v1)),
            location=place,
            negated=d.negated, rule=d.rule,
            confidence=self.rules.calibration(Calibration.kind_of(d.rule), d.confidence),
            mode=info.plover_mode, context=info.contexts,
        )


def _actor_spans(doc: Doc, sent: Sentence, actors: Sequence[Resolved]) -> list[tuple[int, int]]:
    """Article character spans of the actor phrases of a sentence."""
    out = []
    for r in actors:
        if 0 <= r.tok_start < r.tok_end <= len(doc):
            last = doc[r.tok_end - 1]
            out.append((sent.start + doc[r.tok_start].idx, sent.start + last.idx + len(last)))
    return out


def _index(p: _Prepared, salience: Salience, cue_forms: frozenset[str]) -> _Article:
    """Quotes, dates and places by sentence index. A quote belongs to the sentence it ends
    in ("“...,” she said."), unless it runs over several sentences after a cue in the one
    it starts in ("He defended the remark, saying, “I don't ... Why is he unstable?”")."""
    art = _Article(p, salience)
    for q in p.quotes:
        end_sent = sentence_of(p.sentences, max(q.end - 1, q.start))
        start_sent = sentence_of(p.sentences, q.start)
        key = end_sent if end_sent is not None else start_sent
        if start_sent is not None and key is not None and start_sent < key:
            lead = p.sentences[start_sent]
            before = lead.text[: max(0, q.start - lead.start)].lower().split()
            if any(w.strip(",:;") in cue_forms for w in before):
                key = start_sent
        if key is not None:
            art.quotes_at.setdefault(key, []).append(q)
    for pl in p.places:
        art.places_at.setdefault(pl.sentence, []).append(pl)
    for dref in p.dates:
        art.dates_at.setdefault(dref.sentence, []).append(dref)
    art.overlapping = _quotes_overlapping(p.sentences, p.quotes)  # per sentence, linear
    return art


def _doer_told_before(d: DraftEvent, salience: Salience, i: int, doc: Doc) -> DraftEvent:
    """A detected act of no one named, named by a definite noun ("the strikes killed 12"):
    the doer of the act of its kind told just before (:func:`earlier_doer`)."""
    if d.source.how != "unidentified" or d.source.actor.code or not d.verb_tokens:
        return d
    doer = earlier_doer(salience, i, doc[d.verb_tokens[0]], d.code)
    if doer is None or (d.target is not None and d.target.actor.code == doer.actor.code):
        return d
    return replace(d, source=doer, confidence=round(d.confidence * 0.85, 3),
                   rule=f"{d.rule} [the act told before -> its doer]")


def _superseded(e: Event, by: Event) -> bool:
    """An act noun coded with its doer and no target ("the raid by police") gives way to
    the model's event on the same words, which reads the target too."""
    return NO_TARGET in e.rule and e.sentence == by.sentence and \
        e.verb_span[0] < by.verb_span[1] and by.verb_span[0] < e.verb_span[1]


def _remember_people(salience: Salience, i: int, actors: Sequence[Resolved], uncoded: Sequence[tuple[int, str]],
                     is_subject: Callable[[Resolved], bool]) -> None:
    """Tell ``salience`` the people of sentence ``i`` in the order they are named: its
    actors, and names no dictionary knows ("Tom Okello objected"), for a later "he"."""
    named: list[tuple[int, Resolved | str]] = [(r.tok_start, r) for r in actors]
    for _, who in sorted([*named, *uncoded], key=lambda x: x[0]):
        if isinstance(who, str):
            salience.unnamed_person(i, who)
        else:
            salience.mention(i, who, subject=is_subject(who))


def _uncoded_names(subjects: Sequence[Token], taken: set[int]) -> list[tuple[int, str]]:
    """The proper names of people no dictionary knows among a sentence's subjects (or
    set beside them: "Her rival, Tom Baker, disagreed"), as written, with where they start."""
    out = []
    for t in subjects:
        for c in [t] if t.pos_ == "PROPN" else [a for a in t.children if a.dep_ == "appos" and a.pos_ == "PROPN"]:
            toks = [w for w in c.children if w.dep_ == "compound" and w.pos_ == "PROPN" and w.i < c.i] + [c]
            if not any(w.i in taken for w in toks):
                out.append((toks[0].i, " ".join(w.text for w in toks)))
    return out


def _first_and_last_names(doc: Doc, taken: set[int], first_names: Mapping[str, str]) -> list[tuple[int, str]]:
    """Names no dictionary knows in an unparsed sentence: a known first name and the
    capitalised words after it ("Tom Okello"), with where they start."""
    out = []
    j, n = 0, len(doc)
    while j < n - 1:
        w = doc[j]
        if j not in taken and w.text[:1].isupper() and w.lower_ in first_names and is_name(doc[j + 1].text) \
                and j + 1 not in taken:
            k = j + 1
            while k + 1 < n and is_name(doc[k + 1].text) and k + 1 not in taken:
                k += 1
            out.append((j, " ".join(t.text for t in doc[j : k + 1])))
            j = k + 1
            continue
        j += 1
    return out


def _record(art: _Article, rules: RuleSet) -> ArticleRecord:
    p = art.p
    attributed = {x.span for x in art.quotes}
    quotes = list(art.quotes)
    for q in p.quotes:  # quotes in sentences we could not attribute
        if (q.start, q.end) not in attributed:
            s = sentence_of(p.sentences, q.start)
            quotes.append(Quote(q.text, (q.start, q.end), None, None, s if s is not None else 0))
    quotes.sort(key=lambda q: q.span)
    # a speaker found under a verb that is no reporting verb is a guess: the layout
    # ("Caddell continued:" before the quote) speaks first
    weak = {q.span: q for q in quotes if q.speaker is not None and q.cue not in rules.cues.verbs}
    quotes = [replace(q, speaker=None, cue=None) if q.span in weak else q for q in quotes]
    quotes = attribute_by_layout(quotes, p.article.text, p.sentences, p.docs, p.actors, rules.cues.forms,
                                 rules.lexicon)
    quotes = [weak[q.span] if q.speaker is None and q.span in weak else q for q in quotes]
    quotes = _continued(quotes, art)
    actors = tuple(Actor(r.name, r.code, r.country, r.role, r.kind, r.how, tuple(art.mentions[k]))
                   for k, r in art.actor_info.items())
    a = p.article
    return ArticleRecord(id=a.id, title=a.title, date=a.date, url=a.url, text=a.text,
                         sentences=tuple(p.sentences), events=tuple(art.events), quotes=tuple(quotes),
                         actors=actors, counts=tuple(p.counts), dates=tuple(p.dates), places=tuple(p.places),
                         tone=p.tone)


def _continued(quotes: list[Quote], art: _Article) -> list[Quote]:
    """A quote with no cue of its own that follows, within two sentences, one with a
    speaker goes on in that speaker's words ("... she said. <new paragraph> “We will
    not leave.”"), unless another person is named in between (in a sentence after the
    one the first quote ends in: "“It's over,” she said, sure Trump would win. “...”"
    goes on in her words)."""
    people = [m.span[0] for key, ms in art.mentions.items() for m in ms  # named, not "he"
              if key in art.actor_info and art.actor_info[key].kind == "person" and m.how != "pronoun"]
    out: list[Quote] = []
    last: Quote | None = None
    sents = art.p.sentences

    def gap(q: Quote, before: Quote) -> int:  # sentences from the end of one to the start of the next
        a, b = sentence_of(sents, max(before.span[0], before.span[1] - 1)), sentence_of(sents, q.span[0])
        return (b - a) if a is not None and b is not None else q.sentence - before.sentence

    for q in quotes:
        if q.speaker is None and q.cue is None and last is not None and last.speaker is not None \
                and gap(q, last) <= 2 and not any(
                    _after_sentence_of(sents, last, at) and at < q.span[0] and not _same_person(art, at, last)
                    for at in people):
            q = Quote(q.text, q.span, last.speaker, None, q.sentence)
        out.append(q)
        if q.speaker is not None:
            last = q
    return out


def _after_sentence_of(sents: Sequence[Sentence], quote: Quote, at: int) -> bool:
    """Offset ``at`` lies after the sentence in which ``quote`` ends."""
    if at <= quote.span[1]:
        return False
    end = sentence_of(sents, max(quote.span[0], quote.span[1] - 1))
    return end is None or at >= sents[end].end


def _same_person(art: _Article, at: int, quote: Quote) -> bool:
    """The person mentioned at offset ``at`` is the quote's speaker."""
    sp = quote.speaker
    return sp is not None and any(m.span[0] == at for (name, code), ms in art.mentions.items()
                                  if name == sp.name and code == sp.code for m in ms)


def _mention(doc: Doc, sent: Sentence, r: Resolved, how: str) -> Mention:
    ref = actor_ref(doc, sent, r, r.tok_start, r.tok_end)
    return Mention(ref.span, ref.text, sent.index, how)


def _quotes_overlapping(sentences: Sequence[Sentence], quotes: Sequence[QuoteSpan]
                        ) -> dict[int, list[QuoteSpan]]:
    """Sentence index -> the quotes that overlap it, in quote order (bisect, not a scan
    of every quote per sentence: a page of thousands of quotes stays linear)."""
    starts = [s.start for s in sentences]
    out: dict[int, list[QuoteSpan]] = {}
    for q in quotes:
        j = max(0, bisect.bisect_right(starts, q.start) - 1)
        while j < len(sentences) and sentences[j].start < q.end:
            if sentences[j].end > q.start:
                out.setdefault(j, []).append(q)
            j += 1
    return out


def _clause_date(dates: Sequence[DateRef], sent: Sentence, doc: Doc, verb_i: int) -> DateRef | None:
    """The date said in the verb's own clause: in "Germany, which criticised Poland last
    week, met French officials on Monday", the meeting is on Monday."""
    own: set[int] = set()
    stack = [doc[verb_i]]
    while stack:
        t = stack.pop()
        own.add(t.i)
        stack.extend(c for c in t.children if not (c.dep_ in OTHER_CLAUSES and c.pos_ in ("VERB", "AUX")))
    for dref in dates:
        if dref.sentence != sent.index or dref.value is None:
            continue
        span = doc.char_span(dref.span[0] - sent.start, dref.span[1] - sent.start, alignment_mode="expand")
        if span is not None and span[0].i in own:
            return dref
    return None


def _first_person_quoted(doc: Doc, sent: Sentence, quotes: Sequence[QuoteSpan], first: frozenset[str]) -> bool:
    """Whether a first-person pronoun ("I", "we", "our") stands inside a quote."""
    spans = [(q.start - sent.start, q.end - sent.start) for q in quotes]
    return any(t.lower_ in first and any(s <= t.idx < e for s, e in spans) for t in doc)


def _place_tokens(doc: Doc, sent: Sentence, places: Sequence[Place]) -> dict[int, tuple[str, str]]:
    """Token index -> (place name, ISO3) for the gazetteer places of one sentence."""
    out: dict[int, tuple[str, str]] = {}
    for pl in places:
        if pl.span is None or pl.country is None:
            continue
        span = doc.char_span(pl.span[0] - sent.start, pl.span[1] - sent.start, alignment_mode="expand")
        if span is not None:
            for t in span:
                out[t.i] = (pl.name, pl.country)
    return out


def _parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


__all__ = ["Coder", "SUBJ"]
