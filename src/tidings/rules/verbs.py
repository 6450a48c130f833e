"""Verb patterns (``verbs.tsv``), irregular verb forms (``irregular_verbs.tsv``), reporting
verbs (``cue_verbs.txt``) and statement rules (``statements.tsv``).

A pattern row is ``code verb prep object to``: the verb lemma, an optional particle or
preposition attached to it, optional object lemmas, optional to-infinitive lemmas. The
most specific matching row wins (more filled columns), ties go to the earlier row (a
user's rows come before the package's). The surface forms of every pattern verb tell
the pipeline, before it pays for a parse, that a sentence may hold an event.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tidings.rules.cameo import CameoCode
from tidings.rules.tables import Row, TableError, load_list, load_table

# a row coded "---" says that use of the verb is no event ("meet a response")
NOT_AN_EVENT = "---"
ANY_OBJECT = frozenset({"*"})  # an object cell "*": the verb has a direct object, any one
VERB_COLUMNS = ("code", "verb", "prep", "object", "to")
IRREGULAR_COLUMNS = ("lemma", "past", "past_participle", "third", "ing")
STATEMENT_COLUMNS = ("code", "cues", "needs", "modal", "target")


@dataclass(frozen=True)
class Pattern:
    line: int
    code: str
    verb: str
    prep: str | None
    objects: frozenset[str]
    to: frozenset[str]
    note: str
    file: str = "verbs.tsv"

    @property
    def specificity(self) -> int:
        return 1 + bool(self.prep) + bool(self.objects) + bool(self.to) + bool(self.doers)

    @functools.cached_property
    def doers(self) -> frozenset[str]:
        """Who must do it, from a note "by OPP: ..." or "by PKO|peacekeeping: ...": role
        codes (capitals) or words of the doer's name; empty when anyone may."""
        if not self.note.startswith("by "):
            return frozenset()
        head, colon, _ = self.note[3:].partition(":")
        return frozenset(w for w in head.split("|") if w) if colon and " " not in head else frozenset()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def rule(self) -> str:
        parts = [self.verb]
        if self.prep:
            parts.append(f"+{self.prep}")
        if self.objects:
            parts.append("obj=" + "|".join(sorted(self.objects)))
        if self.to:
            parts.append("to=" + "|".join(sorted(self.to)))
        return f"{self.where} {' '.join(parts)} -> {self.code}"

    @property
    def is_noun(self) -> bool:
        return self.note.startswith("noun")

    def matches(self, preps: set[str], objs: set[str], xcomp: str | None) -> bool:
        if self.prep and self.prep not in preps:
            return False
        if self.objects and not (objs & self.objects) and self.objects != ANY_OBJECT:
            return False
        # a phrasal infinitive ("step down") matches itself, or its verb alone ("pull out": pull)
        return not (self.to and (xcomp is None or (xcomp not in self.to and xcomp.split(" ", 1)[0] not in self.to)))


@dataclass(frozen=True)
class VerbTable:
    by_verb: dict[str, tuple[Pattern, ...]]
    by_noun: dict[str, tuple[Pattern, ...]]  # event nouns ("talks with", "criticism of")
    forms: frozenset[str]  # every inflected surface form of every pattern verb (lowercase)
    lemmas_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # form -> pattern verbs
    object_words: frozenset[str] = frozenset()  # every one-word object a row names

    def lemma_candidates(self, word: str, lemma: str) -> list[str]:
        """spaCy's lemma, then the pattern verbs this surface form inflects ("staged" ->
        "stage" where the lemmatizer says "stag")."""
        out = [lemma] if lemma in self.by_verb else []
        out += [x for x in self.lemmas_of.get(word.lower(), ()) if x not in out]
        return out

    def best(self, lemma: str, preps: set[str], objs: set[str], xcomp: str | None,
             nouns: bool = False, direct: Iterable[str] = (),
             doers: Callable[[frozenset[str]], bool] | None = None, heads: Iterable[str] = ()) -> Pattern | None:
        """The most specific pattern of ``lemma`` that matches; the earlier one on a tie.
        A row whose object is the direct one (``direct``) beats one whose object only
        stands in a phrase ("suspended financing over the law" is about the financing),
        and the object's own head (``heads``) beats its of-phrase ("announced the
        withdrawal of troops" is a withdrawal, not troops announced).
        ``doers`` says whether the verb's doers are a row's doers; a row that names
        doers is left out when they are not (without ``doers`` nobody is asked)."""
        best: Pattern | None = None
        best_score = -1.0
        table = self.by_noun if nouns else self.by_verb
        compounds = {o for o in objs if " " in o}
        # the modifier of a compound ("aid" in "aid program") says more than the head
        modifiers = {o.split(" ", 1)[0] for o in compounds}
        for p in table.get(lemma, ()):
            if not p.matches(preps, objs, xcomp) or (doers is not None and p.doers and not doers(p.doers)):
                continue
            if p.objects == ANY_OBJECT and not direct:
                continue  # "*": some direct object, whatever it is
            # a compound object ("hunger strike") is more specific than its head ("strike")
            score = p.specificity - (0.5 if p.objects == ANY_OBJECT else 0.0) + (0.5 if p.objects & compounds else 0.0) + (
                0.25 if p.objects & modifiers else 0.0) + (0.1 if p.objects.intersection(direct) else 0.0) + (
                0.05 if p.objects.intersection(heads) else 0.0)
            if score > best_score:
                best, best_score = p, score
        return best

    def has_form(self, words: Iterable[str]) -> bool:
        """Some word is an inflection of a pattern verb (also "re"-prefixed: "reimposed")."""
        for w in words:
            low = w.lower()
            if low in self.forms or (low.startswith("re") and low[2:].lstrip("-") in self.forms):
                return True
        return False


def inflections(lemma: str, irregular: Mapping[str, tuple[str, ...]]) -> set[str]:
    """Regular English inflections of a verb (over-generating is harmless here)."""
    out = {lemma, *irregular.get(lemma, ())}
    if lemma.endswith("e"):
        out |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "x", "z", "ch", "sh")):
        out |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        out |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
            out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


def load_irregular(dirs: Sequence[Path] = ()) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for r in reversed(load_table("irregular_verbs.tsv", IRREGULAR_COLUMNS, dirs)):
        forms = [r["past"], r["past_participle"], r["third"], r["ing"]]
        out[r["lemma"].lower()] = tuple(f.lower() for x in forms for f in x.split("|") if f)
    return out


def pattern(r: Row, cameo: Mapping[str, CameoCode]) -> Pattern:
    """One row of ``verbs.tsv``; :class:`TableError` when its code is unknown."""
    if r["code"] != NOT_AN_EVENT and r["code"] not in cameo:
        raise TableError(f"{r.where}: unknown CAMEO code {r['code']!r}")
    if not r["verb"] or " " in r["verb"].strip():
        raise TableError(f"{r.where}: verb {r['verb']!r} must be one lower-case word")
    return Pattern(r.line, r["code"], r["verb"].lower(), r["prep"].lower() or None,
                   frozenset(x.lower() for x in r.many("object")),
                   frozenset(x.lower() for x in r.many("to")), r.get("note"), r.file)


def build_verbs(rows: Sequence[Row], cameo: Mapping[str, CameoCode],
                irregular: Mapping[str, tuple[str, ...]]) -> VerbTable:
    by_verb: dict[str, list[Pattern]] = {}
    by_noun: dict[str, list[Pattern]] = {}
    for r in rows:
        p = pattern(r, cameo)
        (by_noun if p.is_noun else by_verb).setdefault(p.verb, []).append(p)
    forms: set[str] = set()
    lemmas_of: dict[str, list[str]] = {}
    for verb in by_verb:
        for f in inflections(verb, irregular):
            forms.add(f)
            lemmas_of.setdefault(f, []).append(verb)
    objects = frozenset(o for ps in (*by_verb.values(), *by_noun.values()) for p in ps for o in p.objects
                        if " " not in o and o != "*")
    return VerbTable({k: tuple(v) for k, v in by_verb.items()},
                     {k: tuple(v) for k, v in by_noun.items()}, frozenset(forms),
                     {k: tuple(v) for k, v in lemmas_of.items()}, objects)


def load_verbs(cameo: Mapping[str, CameoCode], irregular: Mapping[str, tuple[str, ...]],
               dirs: Sequence[Path] = ()) -> VerbTable:
    return build_verbs(load_table("verbs.tsv", VERB_COLUMNS, dirs), cameo, irregular)


@dataclass(frozen=True)
class CueLexicon:
    """Reporting verbs that attribute a quote to its speaker, and all their forms."""

    verbs: frozenset[str]
    forms: frozenset[str]


def load_cues(irregular: Mapping[str, tuple[str, ...]], dirs: Sequence[Path] = ()) -> CueLexicon:
    verbs = frozenset(e.text.lower() for e in load_list("cue_verbs.txt", dirs))
    forms: set[str] = set()
    for v in verbs:
        forms |= inflections(v, irregular)
    return CueLexicon(verbs, frozenset(forms))


@dataclass(frozen=True)
class StatementRule:
    line: int
    code: str
    cues: frozenset[str]
    needs: frozenset[str]
    modal: bool
    target: str  # subject | any | stance (see statements.tsv)
    file: str = "statements.tsv"


def check_statement(r: Row, cameo: Mapping[str, CameoCode]) -> None:
    """One row of statements.tsv is usable, or TableError naming its line."""
    if r["code"] not in cameo:
        raise TableError(f"{r.where}: unknown CAMEO code {r['code']!r}")
    if r["target"] not in ("subject", "any", "stance") or r["modal"] not in ("yes", "no", ""):
        raise TableError(f"{r.where}: target takes subject, any or stance, modal yes or no")


def load_statements(cameo: Mapping[str, CameoCode], dirs: Sequence[Path] = ()) -> tuple[StatementRule, ...]:
    out = []
    for r in load_table("statements.tsv", STATEMENT_COLUMNS, dirs):
        check_statement(r, cameo)
        out.append(StatementRule(r.line, r["code"], frozenset(r.many("cues")), frozenset(r.many("needs")),
                                 r["modal"] == "yes", r["target"], r.file))
    return tuple(out)
