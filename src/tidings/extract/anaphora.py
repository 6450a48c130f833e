"""Phrases that stand for an actor named before them: "the country" or "the kingdom" for a
country ("Kenya's parliament passed the bill. The country will send police to Haiti"),
"the North" for North Korea, "the bloc" or "the alliance" for an international body
("The AU's commission chief said the bloc stood ready to help"), "officers" for the
police named before them, "the association" for the Zambia Association of Junior Doctors
named before it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from tidings.extract.phrases import Resolved, is_name


def _the_noun(ws: Sequence[str], j: int, nouns: frozenset[str], taken: set[int]) -> int | None:
    """Where "the" opens a phrase whose head, at ``j``, is one of ``nouns`` ("the
    country", "the Gulf nation"), with at most two words between that are no actor's and
    no name after it; else None."""
    if ws[j].lower() not in nouns or j in taken or (j + 1 < len(ws) and is_name(ws[j + 1])):
        return None
    k = next((k for k in range(j - 1, max(j - 4, -1), -1) if ws[k].lower() == "the"), None)
    if k is None or any(t in taken or not ws[t].replace("-", "").isalpha() for t in range(k, j)):
        return None
    return k


def _compass(ws: Sequence[str], j: int, taken: set[int], seen: Sequence[str | None],
             named: Sequence[Resolved], name_of: Callable[[str], str | None]) -> str | None:
    """The country that "the North" or "the South" at ``j`` stands for: the one named
    before it (``seen`` in the sentences before, ``named`` in its own) whose name begins
    with that word ("North Korea ... the North"), if just one."""
    if ws[j] not in ("North", "South") or j == 0 or ws[j - 1].lower() != "the" or j in taken \
            or (j + 1 < len(ws) and is_name(ws[j + 1])):
        return None
    before = [*seen, *(r.country for r in named if r.tok_end <= j)]
    found = {c for c in before if c and (name_of(c) or "").startswith(ws[j] + " ")}
    return found.pop() if len(found) == 1 else None


def the_country(per_sentence: list[list[Resolved]], words: Sequence[Sequence[str]],
                nouns: frozenset[str], name_of: Callable[[str], str | None],
                window: int = 2) -> list[list[Resolved]]:
    """"Kenya's parliament passed the bill. The country will send police to Haiti": "the
    country", "the kingdom", "the island nation" (``nouns``: lexicon ``country_nouns``,
    after "the" and at most two words that name no actor) is a country named before it:
    the nearest before it in its own sentence, else the first named in the latest of the
    ``window`` sentences before that names one (news names its subject first). A country
    counts when named alone or as an actor's ("Kenya's parliament"); ``name_of`` gives
    its name."""
    out: list[list[Resolved]] = []
    latest: tuple[int, Resolved] | None = None  # (sentence, the first country it names)
    seen: list[str] = []  # the countries named so far, in order
    for i, (found, ws) in enumerate(zip(per_sentence, words, strict=False)):
        taken = {t for r in found for t in range(r.tok_start, r.tok_end)}
        named = [r for r in found if r.country and r.how != "anaphor"]
        added: list[Resolved] = []
        for j in range(len(ws)):
            iso = _compass(ws, j, taken, seen, named, name_of) if ws[j] in ("North", "South") else None
            if iso is not None:  # "the North", "the South"
                added.append(Resolved(name_of(iso) or iso, iso, iso, None, "country", "anaphor", j - 1, j + 1, j))
                continue
            k = _the_noun(ws, j, nouns, taken)
            if k is None:
                continue
            r = _referent(named, k, latest, i, window)
            if r is not None and r.country is not None:
                iso = r.country
                added.append(Resolved(name_of(iso) or iso, iso, iso, None, "country", "anaphor", k, j + 1, j))
        seen += [r.country for r in named if r.country]
        if named:
            latest = (i, named[0])
        out.append(sorted([*found, *added], key=lambda r: r.tok_start))
    return out


def the_body(per_sentence: list[list[Resolved]], words: Sequence[Sequence[str]], nouns: frozenset[str],
             window: int = 2) -> list[list[Resolved]]:
    """"the bloc", "the regional bloc", "the military alliance" (``nouns``: lexicon
    ``bloc_nouns``, after "the" and at most two words that name no actor): the
    international body named before it, the nearest in its own sentence, else the
    first named in the latest of the ``window`` sentences before that names one."""
    out: list[list[Resolved]] = []
    latest: tuple[int, Resolved] | None = None
    for i, (found, ws) in enumerate(zip(per_sentence, words, strict=False)):
        taken = {t for r in found for t in range(r.tok_start, r.tok_end)}
        bodies = [r for r in found if r.kind == "organisation" and r.code.startswith("IGO") and r.how != "anaphor"]
        added: list[Resolved] = []
        for j in range(len(ws)):
            k = _the_noun(ws, j, nouns, taken)
            if k is None:
                continue
            body = _referent(bodies, k, latest, i, window)
            if body is not None:
                added.append(Resolved(body.name, body.code, body.country, body.role, body.kind, "anaphor", k, j + 1, j))
        if bodies:
            latest = (i, bodies[0])
        out.append(sorted([*found, *added], key=lambda r: r.tok_start))
    return out


def _referent(named: Sequence[Resolved], k: int, latest: tuple[int, Resolved] | None, i: int,
              window: int) -> Resolved | None:
    """What a phrase starting at ``k`` in sentence ``i`` refers back to: the nearest of
    ``named`` before it in its sentence, else ``latest`` (the first named in the latest
    sentence that names one) when it is at most ``window`` sentences back."""
    before = [r for r in named if r.tok_end <= k]
    if before:
        return before[-1]
    return latest[1] if latest and 0 < i - latest[0] <= window else None


def the_force(per_sentence: list[list[Resolved]], nouns: frozenset[str]) -> list[list[Resolved]]:
    """"Protesters clashed with police ... Three officers were taken to hospital": a bare "officers"
    (``nouns``: lexicon ``force_nouns``, the phrase's whole name) belongs to the force named
    last before it, police or the military; with neither named before, the dictionary's
    reading stands (a military officer)."""
    last: str | None = None
    out: list[list[Resolved]] = []
    for found in per_sentence:
        row: list[Resolved] = []
        for r in found:
            if r.role in ("MIL", "COP") and r.name.lower() in nouns:
                if last == "COP" and r.role == "MIL" and r.code.endswith("MIL"):
                    r = replace(r, code=r.code[:-3] + "COP", role="COP")
            elif r.role in ("MIL", "COP") and r.how != "anaphor":
                last = r.role
            row.append(r)
        out.append(row)
    return out


def the_named(per_sentence: list[list[Resolved]], words: Sequence[Sequence[str]], nouns: frozenset[str],
              window: int = 2) -> list[list[Resolved]]:
    """"The Zambia Association of Junior Doctors ended its strike on Friday. The association
    said ...": "the association", "the movement" (``nouns``: lexicon ``name_heads``, after
    "the" and at most two words that name no actor) is the actor whose name, told in its own
    sentence or the ``window`` before, had that word capitalised in it."""
    out: list[list[Resolved]] = []
    for i, (found, ws) in enumerate(zip(per_sentence, words, strict=False)):
        taken = {t for r in found for t in range(r.tok_start, r.tok_end)}
        added: list[Resolved] = []
        for j in range(len(ws)):
            k = _the_noun(ws, j, nouns, taken)
            if k is None:
                continue
            named = _bearer(per_sentence, words, i, k, ws[j].capitalize(), window)
            if named is not None:
                added.append(replace(named, how="anaphor", tok_start=k, tok_end=j + 1, head=j))
        out.append(sorted([*found, *added], key=lambda r: r.tok_start))
    return out


def _bearer(per_sentence: Sequence[Sequence[Resolved]], words: Sequence[Sequence[str]], i: int, k: int,
            word: str, window: int) -> Resolved | None:
    """The actor whose name has ``word`` in it, the latest told before token ``k`` of
    sentence ``i`` within ``window`` sentences: one that spans the word, or that the word's
    name runs on to or from ("the Zambia Association of Junior Doctors": the doctors)."""
    for s in range(i, max(i - window, 0) - 1, -1):
        ws = words[s]
        for m in range(min(k, len(ws)) - 1 if s == i else len(ws) - 1, -1, -1):
            if ws[m] != word:
                continue
            near = [r for r in per_sentence[s] if r.how != "anaphor" and r.code and r.kind != "country"
                    and all(is_name(w) or w in _NAME_LINKS for w in ws[min(r.tok_start, m):max(r.tok_end, m + 1)])]
            if near:
                return min(near, key=lambda r: (not r.tok_start <= m < r.tok_end, r.tok_start < m))
    return None


_NAME_LINKS = frozenset({"of", "for", "and", "&"})
