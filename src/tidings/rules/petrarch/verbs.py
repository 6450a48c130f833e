"""PETRARCH2 verb dictionary -> verbs.tsv: the verbs of each ``--- NAME [code] ---`` block
and, for each of them, the patterns our columns can express (at most one particle or
preposition and one object noun); the rest is refused with the reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.rules.petrarch.codes import cameo_codes
from tidings.rules.petrarch.output import Row, Tables
from tidings.rules.petrarch.reading import HEADER, Line
from tidings.rules.petrarch.report import Tally

# particles and prepositions a verb row's prep may hold
PREPS = frozenset("""
aboard about above across after against ahead along alongside amid among around as aside at away
back before behind below beneath beside between beyond by despite down during for forward from
in inside into near of off on onto out outside over past round since through throughout to
together toward towards under until up upon with within without
""".split())
FUNCTION_WORDS = frozenset("if that whether when while because than so not no yet".split())
NOT_ADVERBS = {"assembly", "anomaly", "monopoly", "homily", "family", "rally", "supply", "reply"}


@dataclass(frozen=True)
class _Verb:
    lemma: str
    prep: str


@dataclass
class _VerbBlock:
    code: str
    verbs: list[_Verb]


@dataclass(frozen=True)
class _Slots:
    """What a pattern says in our columns."""

    prep: str
    object: str


def _lemma(word: str) -> str:
    """A plural noun -> its singular ("clashes" -> "clash"); other words unchanged."""
    w = word.lower()
    if w.endswith(("ss", "us", "is", "ics", "news", "series")) or len(w) < 4:
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    return w[:-1] if w.endswith("s") else w


def _code_problem(code: str) -> str | None:
    if ":" in code:
        return "paired code [x:y] (an event each way)"
    if code != "---" and code not in cameo_codes():
        return "CAMEO code not in cameo.tsv"
    return None


CONFLICT = "same verb, prep and object as an earlier row with another code"
PATTERN_SYMBOLS = (("$", "source/target position ($ +)"), ("&", "synset (&)"),
                   ("%", "compound actor (%)"), ("^", "skip marker (^)"),
                   ("/", "alternative prepositions (a/b)"))


@dataclass
class _Group:
    """Words of a pattern after the verb: a ``(PREP ...)`` phrase, a ``{...}`` noun phrase or a word."""

    kind: str  # pp, np or word
    words: list[str]


def _groups(text: str) -> list[_Group] | str:
    tokens = re.sub(r"([(){}])", r" \1 ", text).split()
    out: list[_Group] = []
    stack: list[_Group] = []
    for tok in tokens:
        if tok in ("(", "{"):
            stack.append(_Group("pp" if tok == "(" else "np", []))
        elif tok in (")", "}"):
            if not stack:
                return "unbalanced ( ) or { }"
            group = stack.pop()
            if stack:  # {...} inside (...): the preposition's object
                stack[-1].words += group.words
            else:
                out.append(group)
        elif stack:
            stack[-1].words += tok.lower().split("_")
        else:
            out.append(_Group("word", tok.lower().split("_")))
    return "unbalanced ( ) or { }" if stack else out


def _unexpressible(body: str) -> str | None:
    """What our columns cannot say in a pattern, if anything."""
    reason = next((r for symbol, r in PATTERN_SYMBOLS if symbol in body), None)
    if reason or "*" not in body:
        return reason or "pattern without the verb (*)"
    before, after = body.split("*", 1)
    if "+" in after.split() or after.strip().startswith("+"):
        return "source/target position ($ +)"
    return "words before the verb" if before.strip() else None


def _slots(body: str) -> _Slots | str:
    """The words of a pattern (between ``-`` and ``[code]``) -> our columns, or a reason."""
    problem = _unexpressible(body)
    if problem:
        return problem
    groups = _groups(body.split("*", 1)[1])
    if isinstance(groups, str):
        return groups
    preps: list[str] = []
    nouns: list[list[str]] = []
    for g in groups:
        words = [w for w in g.words if w]
        if g.kind == "pp" and (not words or words[0] not in PREPS):
            return "prepositional phrase without a preposition"
        if g.kind == "pp" or (g.kind == "word" and len(words) == 1 and words[0] in PREPS):
            preps.append(words[0])
            words = words[1:]
        if words:
            nouns.append(words)
    return _fill(preps, nouns)


def _fill(preps: list[str], nouns: list[list[str]]) -> _Slots | str:
    if len(preps) > 1:
        return "more than one particle or preposition"
    if len(nouns) > 1:
        return "more than one object word"
    words = nouns[0] if nouns else []
    problem = _object_problem(words)
    if problem:
        return problem
    obj = " ".join([*words[:-1], _lemma(words[-1])]) if words else ""
    return _Slots(preps[0] if preps else "", obj)


def _object_problem(words: list[str]) -> str | None:
    """Why the words after the verb cannot be our object column, if they cannot."""
    if len(words) > 2:
        return "noun phrase of more than two words"
    if words and not all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words):
        return "object is not a word"
    head = words[-1] if words else ""
    if head in FUNCTION_WORDS:
        return "function word after the verb (no column for it)"
    if head.endswith("ly") and len(head) >= 7 and head not in NOT_ADVERBS:
        return "adverb after the verb (no column for it)"
    return None


class VerbImport:
    """A verb dictionary, line by line: block headers, verbs and patterns."""

    def __init__(self, tables: Tables, tally: Tally) -> None:
        self.t = tables
        self.tally = tally
        self.block: _VerbBlock | None = None
        self.synset = False

    def line(self, ln: Line, fname: str) -> None:
        where, text = f"{fname}:{ln.n}", ln.text
        header = HEADER.match(text)
        if header:
            self.block = _VerbBlock((header["code"] or "---").strip(), [])
            self.synset = False
        elif text.startswith("&"):
            self.synset = True
        elif text.startswith("+") and self.synset:
            return  # a synset member: only patterns use them
        elif text.startswith("~"):
            self.tally.refuse("transformation (~ rule)", where, text)
        elif self.block is None:
            self.tally.refuse("verb or pattern outside a --- block ---", where, text)
        elif text.startswith("-"):
            self._pattern(text, where, fname)
        else:
            self._verb(text, where, fname)

    def _verb(self, text: str, where: str, fname: str) -> None:
        assert self.block is not None
        code = m[1].strip() if (m := re.search(r"\[([^\]]*)\]\s*$", text)) else self.block.code
        word = text.split()[0]
        verb = _verb_word(word, text)
        if isinstance(verb, str):
            self.tally.refuse(verb, where, text)
            return
        self.block.verbs.append(verb)
        if code == "---":
            self.tally.caveat("verb without an event code of its own: only its patterns written",
                              where, text)
            return
        problem = _code_problem(code)
        if problem:
            self.tally.refuse(problem, where, text)
            return
        note = f"imported from {where}"
        if code == "010":
            note = f"statement; {note}"  # VERBS.md: a reporting verb's note starts "statement"
        problem = self._row(code, verb, _Slots("", ""), note, fname, where)
        if problem:
            self._left_out(problem, where, text, written=False)

    def _pattern(self, text: str, where: str, fname: str) -> None:
        """One pattern gives a row for each verb of its block (one entry in the report)."""
        assert self.block is not None
        m = re.match(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*$", text)
        code = m["code"].strip() if m else ""
        slots = "pattern without a [code]" if m is None else _code_problem(code) or _slots(m["body"])
        if not self.block.verbs and not isinstance(slots, str):
            slots = "pattern of a block with no convertible verb"
        if isinstance(slots, str):
            self.tally.refuse(slots, where, text)
            return
        problems = [self._pattern_row(code, verb, slots, fname, where) for verb in self.block.verbs]
        written = [p for p in problems if p is None]
        for problem in dict.fromkeys(p for p in problems if p):
            self._left_out(problem, where, text, bool(written))

    def _pattern_row(self, code: str, verb: _Verb, slots: _Slots, fname: str,
                     where: str) -> str | None:
        """A pattern's row for one verb of its block; the reason it is left out, if it is."""
        if verb.prep and slots.prep and verb.prep != slots.prep:
            return "pattern preposition clashes with the verb's own"
        both = _Slots(verb.prep or slots.prep, slots.object)
        return self._row(code, verb, both, f"imported from {where}", fname, where)

    def _left_out(self, problem: str, where: str, text: str, written: bool) -> None:
        if problem == "duplicate row":
            self.tally.caveat("duplicate row left out", where, text)
        elif written:
            self.tally.caveat(f"{problem}: left out for some verbs of the block", where, text)
        else:
            self.tally.refuse(problem, where, text)

    def _row(self, code: str, verb: _Verb, slots: _Slots, note: str, fname: str,
             where: str) -> str | None:
        """Add a verbs.tsv row; the reason it is left out, if it is."""
        key = (verb.lemma, verb.prep or slots.prep, slots.object)
        known = self.t.verbs.get(key)
        if known is not None:
            return "duplicate row" if known == code else CONFLICT
        self.t.verbs[key] = code
        row: Row = {"code": code, "verb": verb.lemma, "prep": key[1], "object": slots.object,
                    "to": "", "note": note}
        self.t.add("verbs.tsv", row, fname, where)
        return None


def _verb_word(word: str, text: str) -> _Verb | str:
    if re.search(r"\{\s*\}", text):
        return "verb form fixed by {} (no inflections)"
    if "_" in word or "+" in word:
        parts = word.split("_")
        if not (len(parts) == 2 and parts[0].startswith("+") and parts[1].lower() in PREPS):
            return "multi-word verb"
        lemma, prep = parts[0][1:].lower(), parts[1].lower()
    else:
        lemma, prep = word.lower(), ""
    if not re.fullmatch(r"[a-z][a-z'-]*", lemma):
        return "not a verb word"
    return _Verb(lemma, prep)
