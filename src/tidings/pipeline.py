"""Article in, ArticleRecord out.

``Coder.code_many`` is a pure mapping ``Iterable[Article] -> Iterable[ArticleRecord]``
(one model per Coder, so a worker or a Spark executor makes one Coder and maps). Work
per batch of articles:

1. split sentences and tokenise every sentence (cheap);
2. find actors, quotes, dates, places and counts on the tokens/text (no parse);
3. parse only the sentences that can hold an event or attribute a quote: at least one
   actor or pronoun plus a pattern verb, or a quotation mark plus a reporting verb;
4. code events and speakers on those parses, in article order (pronouns need it).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from tidings.coding.clauses import PRONOUNS_PERSON, PRONOUNS_PLURAL, PRONOUNS_THING, Salience
from tidings.coding.parse import Parser, split_sentences
from tidings.coding.sentence import SentenceCoder
from tidings.extract import counts as counts_mod
from tidings.extract import dates as when
from tidings.extract import places as where
from tidings.extract.actors import (
    Dictionary,
    NameChain,
    Resolved,
    fill_country_from_context,
    find_actors,
    load_dictionary,
)
from tidings.extract.quotes import QuoteSpan, find_cue, find_quote_spans, sentence_of
from tidings.model import (
    Actor,
    ActorRef,
    Article,
    ArticleRecord,
    DateRef,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
)
from tidings.rules.tables import cameo_table
from tidings.rules.verbs import cue_forms, cue_verbs, verb_table

_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_THING | PRONOUNS_PLURAL | {"who", "which"}
_QUOTE_MARKS = ("“", "”", '"', "«")
MAX_SENTENCE_TOKENS = 300  # longer "sentences" are lists or garbage: not parsed


@dataclass
class _Prepared:
    article: Article
    day: dt.date | None
    sentences: list[Sentence]
    docs: list
    actors: list[list[Resolved]]
    quotes: list[QuoteSpan]
    dates: list[DateRef]
    places: list[Place]
    counts: list
    parse_idx: list[int] = field(default_factory=list)
    dates_at: dict[int, list[DateRef]] = field(default_factory=dict)  # by sentence index
    places_at: dict[int, list[Place]] = field(default_factory=dict)


@dataclass
class Coder:
    """Holds the model and tables for one process. Reuse it for every article."""

    parser: Parser = field(default_factory=Parser)
    parse_all: bool = False  # parse every sentence (for measuring what the filter saves)
    min_confidence: float = 0.0  # events below this confidence are left out of records

    def __post_init__(self) -> None:
        self.dictionary: Dictionary = load_dictionary()
        self.verbs = verb_table()
        self.cameo = cameo_table()
        self.cue_forms = cue_forms()
        self.cues = cue_verbs()
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
        to_parse = [p.docs[i] for p in prepared for i in p.parse_idx]
        self.parser.parse(to_parse)  # annotates the Doc objects in place
        return [self._finish(p) for p in prepared]

    def _prepare(self, article: Article) -> _Prepared:
        day = _parse_day(article.date)
        text = article.text
        sentences = split_sentences(text)
        docs = [self.parser.tokenize(s.text) for s in sentences]
        chain = NameChain()
        places = where.find_places(text, sentences)
        actors = fill_country_from_context(
            [find_actors([t.text for t in d], day, chain, self.dictionary) for d in docs],
            [pl.country for pl in places if pl.country and pl.kind == "city"])
        quotes = find_quote_spans(text)
        dates = when.find_dates(text, sentences, day)
        counts = counts_mod.find_counts(text, sentences, self.dictionary.country_of)
        p = _Prepared(article, day, sentences, docs, actors, quotes, dates, places, counts)
        for i, d in enumerate(docs):
            if len(d) > MAX_SENTENCE_TOKENS:
                continue
            words = [t.text for t in d]
            has_actor = bool(actors[i]) or any(w.lower() in _PRONOUNS for w in words)
            has_verb = self.verbs.has_form(words)
            has_quote = any(m in sentences[i].text for m in _QUOTE_MARKS) and any(
                w.lower() in self.cue_forms for w in words)
            if self.parse_all or (has_actor and (has_verb or has_quote)) or has_quote:
                p.parse_idx.append(i)
        self.sentences_seen += len(sentences)
        self.sentences_parsed += len(p.parse_idx)
        return p

    def _finish(self, p: _Prepared) -> ArticleRecord:
        text = p.article.text
        parsed = set(p.parse_idx)
        salience = Salience()
        events: list[Event] = []
        quotes: list[Quote] = []
        mentions: dict[tuple[str, str], list[Mention]] = {}
        actor_info: dict[tuple[str, str], Resolved] = {}
        quotes_by_sentence: dict[int, list[QuoteSpan]] = {}
        for q in p.quotes:
            end_sent = sentence_of(p.sentences, max(q.end - 1, q.start))
            start_sent = sentence_of(p.sentences, q.start)
            key = end_sent if end_sent is not None else start_sent
            if key is not None:
                quotes_by_sentence.setdefault(key, []).append(q)
        places_by_sentence: dict[int, list[Place]] = {}
        for pl in p.places:
            if pl.country and pl.sentence is not None:
                places_by_sentence.setdefault(pl.sentence, []).append(pl)
            p.places_at.setdefault(pl.sentence, []).append(pl)
        for dref in p.dates:
            p.dates_at.setdefault(dref.sentence, []).append(dref)
        overlapping = _quotes_overlapping(p.sentences, p.quotes)  # per sentence, linear
        for i, sent in enumerate(p.sentences):
            doc = p.docs[i]
            sent_actors = p.actors[i]
            for r in sent_actors:
                k = (r.name, r.code)
                actor_info.setdefault(k, r)
                mentions.setdefault(k, []).append(self._mention(doc, sent, r, r.how))
            if i not in parsed:
                # no parse: an actor opening the sentence is taken to be its subject
                for r in sent_actors:
                    opening = all(t.lower_ in ("the", "a", "an") or not t.is_alpha
                                  for t in doc[: r.tok_start])
                    salience.mention(i, r, subject=opening)
                continue
            coder = SentenceCoder(doc, sent_actors, i, salience, self.verbs,
                                  _place_tokens(doc, sent, places_by_sentence.get(i, ())))
            for d in coder.code():
                if d.confidence >= self.min_confidence:
                    events.append(self._event(p, sent, doc, d))
            in_sentence = overlapping.get(i, [])
            for q in quotes_by_sentence.get(i, []):
                quotes.append(self._quote(p, sent, doc, coder, q, in_sentence, salience))
            # pronoun mentions become actor mentions too
            subj_ids = {t.i for t in doc if t.dep_ in ("nsubj", "nsubjpass")}
            for t in doc:
                if t.i in subj_ids and t.lower_ in _PRONOUNS - {"who", "which"}:
                    r = salience.resolve(t.lower_, i)
                    if r is not None:
                        k = (r.name, r.code)
                        mentions.setdefault(k, []).append(
                            Mention((sent.start + t.idx, sent.start + t.idx + len(t)), t.text, i, "pronoun"))
            for r in sent_actors:
                salience.mention(i, r, subject=any(j in subj_ids for j in range(r.tok_start, r.tok_end)))
        attributed = {x.span for x in quotes}
        for q in p.quotes:  # quotes in sentences we could not attribute
            if (q.start, q.end) not in attributed:
                s = sentence_of(p.sentences, q.start)
                quotes.append(Quote(q.text, (q.start, q.end), None, None, s if s is not None else 0))
        quotes.sort(key=lambda q: q.span)
        actors = tuple(
            Actor(r.name, r.code, r.country, r.role, r.kind, r.how, tuple(mentions[k]))
            for k, r in actor_info.items()
        )
        return ArticleRecord(
            id=p.article.id, title=p.article.title, date=p.article.date, url=p.article.url,
            text=text, sentences=tuple(p.sentences), events=tuple(events), quotes=tuple(quotes),
            actors=actors, counts=tuple(p.counts), dates=tuple(p.dates), places=tuple(p.places),
        )

    # -- builders ------------------------------------------------------------------------
    @staticmethod
    def _mention(doc, sent: Sentence, r: Resolved, how: str) -> Mention:  # noqa: ANN001
        s = sent.start + doc[r.tok_start].idx
        last = doc[r.tok_end - 1]
        e = sent.start + last.idx + len(last)
        return Mention((s, e), sent.text[s - sent.start : e - sent.start], sent.index, how)

    @staticmethod
    def _ref(doc, sent: Sentence, r: Resolved, tok_start: int, tok_end: int) -> ActorRef:  # noqa: ANN001
        s = sent.start + doc[tok_start].idx
        last = doc[tok_end - 1]
        e = sent.start + last.idx + len(last)
        return ActorRef(sent.text[s - sent.start : e - sent.start], r.name, r.code, r.country,
                        r.role, (s, e))

    def _event(self, p: _Prepared, sent: Sentence, doc, d) -> Event:  # noqa: ANN001
        info = self.cameo[d.code]
        src = self._ref(doc, sent, d.source.actor, d.source.tok_start, d.source.tok_end)
        tgt = (self._ref(doc, sent, d.target.actor, d.target.tok_start, d.target.tok_end)
               if d.target else None)
        dates = p.dates_at.get(sent.index, [])
        date_ref = _clause_date(dates, sent, doc, d.verb_tokens[0]) or when.sentence_date(
            dates, sent.index, p.day)
        date = date_ref.value if date_ref and date_ref.value else p.article.date
        v0, v1 = doc[d.verb_tokens[0]], doc[d.verb_tokens[-1]]
        vs, ve = sent.start + v0.idx, sent.start + v1.idx + len(v1)
        verb = " ".join(doc[i].text for i in d.verb_tokens)
        return Event(
            source=src, target=tgt, cameo=d.code, cameo_root=d.code[:2], cameo_name=info.name,
            plover=info.plover, quad_class=info.quad_class, goldstein=info.goldstein,
            date=date, date_text=date_ref.text if date_ref else None, sentence=sent.index,
            span=(sent.start, sent.end), verb=verb, verb_span=(vs, ve),
            location=where.place_for_sentence(p.places_at.get(sent.index, []), sent.index),
            negated=d.negated,
            confidence=d.confidence, rule=d.rule,
        )

    def _quote(self, p: _Prepared, sent: Sentence, doc, coder: SentenceCoder, q: QuoteSpan,  # noqa: ANN001
               in_sentence: list[QuoteSpan], salience: Salience) -> Quote:
        def local(x: QuoteSpan) -> tuple[int, int]:
            return max(x.start, sent.start) - sent.start, min(x.end, sent.end) - sent.start

        qs, qe = local(q)
        cue = find_cue(doc, qs, qe, self.cues, [local(x) for x in in_sentence])
        speaker = None
        if cue is not None:
            subj = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj and cue.dep_ in ("relcl", "conj", "advcl", "xcomp"):
                found, _ = coder.subjects(cue)
                if found:
                    f = found[0]
                    speaker = self._ref(doc, sent, f.actor, f.tok_start, f.tok_end)
            elif subj:
                found = coder.actors_at(subj[0])
                if found:
                    f = found[0]
                    speaker = self._ref(doc, sent, f.actor, f.tok_start, f.tok_end)
                    if f.actor.kind == "person":
                        salience.mention(sent.index, f.actor, subject=True)
                else:
                    t = subj[0]
                    toks = [c for c in t.subtree if c.i <= t.i and c.dep_ in ("compound",)] + [t]
                    s = sent.start + toks[0].idx
                    e = sent.start + t.idx + len(t)
                    words = p.article.text[s:e]
                    speaker = ActorRef(words, words, None, None, None, (s, e))
        return Quote(q.text, (q.start, q.end), speaker, cue.lemma_.lower() if cue is not None else None,
                     sent.index)


_OTHER_CLAUSES = {"relcl", "advcl", "ccomp", "acl", "conj", "parataxis", "xcomp"}


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


def _clause_date(dates: Sequence[DateRef], sent: Sentence, doc, verb_i: int) -> DateRef | None:  # noqa: ANN001
    """The date said in the verb's own clause: in "Germany, which criticised Poland last
    week, met French officials on Monday", the meeting is on Monday."""
    own: set[int] = set()
    stack = [doc[verb_i]]
    while stack:
        t = stack.pop()
        own.add(t.i)
        stack.extend(c for c in t.children if not (c.dep_ in _OTHER_CLAUSES and c.pos_ in ("VERB", "AUX")))
    for dref in dates:
        if dref.sentence != sent.index or dref.value is None:
            continue
        span = doc.char_span(dref.span[0] - sent.start, dref.span[1] - sent.start, alignment_mode="expand")
        if span is not None and span[0].i in own:
            return dref
    return None


def _place_tokens(doc, sent: Sentence, places) -> dict[int, tuple[str, str]]:  # noqa: ANN001
    """Token index -> (place name, ISO3) for the gazetteer places of one sentence."""
    out: dict[int, tuple[str, str]] = {}
    for pl in places:
        if pl.span is None:
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
