"""The model's attribute rules applied by table lookup.

``en_core_web_sm`` sets part of speech, morphology and some lemmas with an
``attribute_ruler``: about 180 token patterns run through spaCy's ``Matcher`` on every
doc, which cost as much CPU as the parser here. Nearly every pattern looks at one
token's tag, lower-case form, dependency label or whether it is a space, so the rules
that fit a token depend only on those four values: :class:`TableAttributes` works that
out once per distinct combination and remembers it, and checks the few patterns of two
tokens ("gon na", "ai n't") directly. It is built from the loaded model's own rules (no
copy of them here), applies them in the same order as the ruler (later rules win), and
sets the same attributes; ``tests/coding/test_attributes.py`` holds it equal to the
ruler token by token on a corpus. A model whose rules use anything else (operators,
other token attributes) keeps its own ruler: :func:`tableable` says which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

FACTORY = "tidings_attributes"
# the token values a rule may test, in the order of a token's key
KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}

Key = tuple  # (tag, lower, dep, is_space) of one token
Check = Callable[[Key], bool]


def _key(t: Token) -> Key:
    return (t.tag_, t.lower_, t.dep_, t.is_space)


def _value_check(i: int, spec: Any) -> Check | None:
    if isinstance(spec, dict):
        if set(spec) == {"IN"}:
            allowed = frozenset(spec["IN"])
            return lambda k: k[i] in allowed
        if set(spec) == {"NOT_IN"}:
            refused = frozenset(spec["NOT_IN"])
            return lambda k: k[i] not in refused
        if set(spec) == {"REGEX"}:
            rx = re.compile(spec["REGEX"])
            return lambda k: rx.search(k[i]) is not None
        return None
    return lambda k: k[i] == spec


def _token_check(spec: dict) -> Check | None:
    checks = []
    for name, value in spec.items():
        c = _value_check(KEYS[name], value) if name in KEYS else None
        if c is None:
            return None
        checks.append(c)
    return lambda k: all(c(k) for c in checks)


def _exact(spec: dict, name: str) -> frozenset | None:
    """The values a token must have for ``name`` (a value or IN), else None."""
    v = spec.get(name)
    if isinstance(v, str):
        return frozenset((v,))
    if isinstance(v, dict) and set(v) == {"IN"}:
        return frozenset(v["IN"])
    return None


def tableable(ruler: Any) -> bool:
    """Every pattern of ``ruler`` is a fixed sequence of tokens tested on TAG, LOWER, DEP
    or IS_SPACE with a value, IN, NOT_IN or REGEX."""
    return all(_token_check(tok) is not None for p in ruler.patterns for pat in p["patterns"] for tok in pat)


class TableAttributes:
    """A drop-in for the model's ``attribute_ruler`` (see the module docstring)."""

    def __init__(self, ruler: Any) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self.attrs = list(ruler.attrs)  # normalised, by rule id
        self.by_lower: dict[str, list[tuple[int, Check]]] = {}
        self.by_tag: dict[str, list[tuple[int, Check]]] = {}
        self.other: list[tuple[int, Check]] = []
        # patterns of several tokens: (rule id, index, checks, lower-case forms the first may have)
        self.multi: list[tuple[int, int, list[Check], frozenset | None]] = []
        for rule_id, p in enumerate(ruler.patterns):
            for pat in p["patterns"]:
                checks = [_token_check(tok) for tok in pat]
                if any(c is None for c in checks):
                    raise ValueError("a pattern the table cannot hold: keep the model's attribute_ruler")
                if len(pat) > 1:
                    self.multi.append((rule_id, p["index"], checks, _exact(pat[0], "LOWER")))  # type: ignore[arg-type]
                    continue
                rule = (rule_id, checks[0])
                lowers, tags = _exact(pat[0], "LOWER"), _exact(pat[0], "TAG")
                if lowers is not None:
                    for w in lowers:
                        self.by_lower.setdefault(w, []).append(rule)
                elif tags is not None:
                    for tag in tags:
                        self.by_tag.setdefault(tag, []).append(rule)
                else:
                    self.other.append(rule)
        self._cache: dict[Key, tuple[int, ...]] = {}
        self._first_cache: dict[Key, tuple[int, ...]] = {}

    def _rules_for(self, key: Key) -> tuple[int, ...]:
        hit = self._cache.get(key)
        if hit is None:
            rules = (*self.by_tag.get(key[0], ()), *self.by_lower.get(key[1], ()), *self.other)
            hit = tuple(sorted({rid for rid, check in rules if check(key)}))
            if len(self._cache) < 500_000:
                self._cache[key] = hit
        return hit

    def _multi_for(self, key: Key) -> tuple[int, ...]:
        """The patterns of several tokens (by position in ``multi``) whose first token
        ``key`` fits, worked out once per distinct key."""
        hit = self._first_cache.get(key)
        if hit is None:
            hit = tuple(m for m, (_, _, checks, first) in enumerate(self.multi)
                        if (first is None or key[1] in first) and checks[0](key))
            if len(self._first_cache) < 500_000:
                self._first_cache[key] = hit
        return hit

    def matches(self, doc: Doc) -> list[tuple[int, int]]:
        """(rule id, token index) for every rule that applies, in the ruler's order."""
        keys = [_key(t) for t in doc]
        found = [(rid, i) for i, k in enumerate(keys) for rid in self._rules_for(k)]
        n = len(keys)
        for s, key in enumerate(keys):
            for m in self._multi_for(key):
                rid, index, checks, _ = self.multi[m]
                k = len(checks)
                if s + k <= n and all(c(keys[s + j]) for j, c in enumerate(checks) if j):
                    found.append((rid, s + (index if index >= 0 else k + index)))
        found.sort()
        return found

    def __call__(self, doc: Doc) -> Doc:
        for rid, i in self.matches(doc):
            self._set(doc[i], self.attrs[rid])
        return doc

    def pipe(self, docs: Sequence[Doc], batch_size: int = 128):  # noqa: ANN201, ARG002
        for doc in docs:
            yield self(doc)


def make_table_attributes(nlp: Language, name: str) -> TableAttributes:  # noqa: ARG001
    return TableAttributes(nlp.get_pipe("attribute_ruler"))


def register() -> None:
    """Make ``tidings_attributes`` a spaCy factory (once per process)."""
    from spacy.language import Language

    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY)(make_table_attributes)
