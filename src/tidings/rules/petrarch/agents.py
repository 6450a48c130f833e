"""Agents file -> roles.tsv: ``[~GOV]``/``[IGO~]`` codes to roles, ``!MACRO!`` lines
expanded, ``{plural}`` forms as rows of their own, and whether a phrase names one human
(its head word: a title, a person noun or an agent-noun ending)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from tidings.rules.petrarch.codes import CODE, ROLE_CODES
from tidings.rules.petrarch.names import clean, text_problem
from tidings.rules.petrarch.output import Tables
from tidings.rules.petrarch.reading import AGENT, MACRO, Line
from tidings.rules.petrarch.report import Tally

PERSON_WORDS = frozenset("""
admiral aide ally ayatollah bishop boss boy candidate captain cardinal ceo chief child citizen
civilian cleric colonel corporal criminal delegate deputy diplomat doctor emir envoy executive
expert general girl guerrilla head hostage imam individual insurgent judge king lawyer
magistrate major marshal medic migrant militant minister monk mp mullah national nominee nun
official pope priest prince princess queen rabbi rebel refugee resident sheikh spy student
sultan surgeon thief tycoon victim youth
""".split())
COLLECTIVE_WORDS = frozenset("""
agency army assembly authority bank business clan committee community company corporation
council court crew family firm force forces government group industry media military ministry
navy office parliament party people personnel police press public sector staff tribe troops
union
""".split())
NOT_PERSON = frozenset("""
bomber border carrier center centre chamber computer container corridor cruiser destroyer
freighter headquarter helicopter launcher maker manufacturer motor order paper power quarter
reactor sector tanker trawler water
""".split())
PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "woman", "person", "ant", "ent", "ee", "eer")
HEAD_ENDS = ("of", "for", "on", "in", "at", "to", "with")  # the head of a phrase comes before these


def _role_of(code: str) -> str | None:
    """``~GOV`` -> GOV, ``IGO~`` -> IGO; None when it is no agent code."""
    if code.count("~") != 1 or not (code.startswith("~") or code.endswith("~")):
        return None
    return code.replace("~", "")


def _expand(phrase: str, macros: Mapping[str, list[str]]) -> list[str] | str:
    names = re.findall(r"!(\w+)!", phrase)
    phrases = [phrase]
    for name in names:
        if name.upper() not in macros:
            return f"undefined !{name}! macro"
        phrases = [p.replace(f"!{name}!", v, 1) for p in phrases for v in macros[name.upper()]]
    return phrases


def _plural(word: str) -> str:
    """The regular plural, as our actor loader makes it."""
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word[:-3] + "men" if word.endswith("man") else word + "s"


def _plural_phrase(phrase: str) -> str:
    """The plural the loader makes: of the last word ("fisher man" -> "fisher mans")."""
    words = phrase.split()
    return " ".join([*words[:-1], _plural(words[-1])]) if words else phrase


def _is_person_title(phrase: str) -> bool:
    """Does the phrase name one human? Its head word decides ("minister" in "minister of x")."""
    words = phrase.split()
    cut = next((i for i, w in enumerate(words) if i and w in HEAD_ENDS), len(words))
    last = words[cut - 1]
    if last in COLLECTIVE_WORDS or last in NOT_PERSON or last.endswith("ment"):
        return False
    if last in PERSON_WORDS:
        return True
    if last.endswith(("men", "people")) or (last.endswith("s") and not last.endswith("ss")):
        return False
    return last.endswith(PERSON_ENDINGS)


class AgentImport:
    """An agents file, line by line: macro definitions and agent phrases."""

    def __init__(self, tables: Tables, tally: Tally) -> None:
        self.t = tables
        self.tally = tally
        self.macros: dict[str, list[str]] = {}

    def line(self, ln: Line, fname: str) -> None:
        where = f"{fname}:{ln.n}"
        m = MACRO.match(ln.text)
        if m:
            values = [v.strip().replace(" ", "_") for v in m[2].split(",")]
            self.macros[m[1].upper()] = [v for v in values if v]
            return
        a = AGENT.match(ln.text)
        if a is None:
            reason = "malformed code" if "[" in ln.text else "agent without a code"
            self.tally.refuse(reason, where, ln.text)
            return
        role = _role_of(a["code"].strip())
        if role is None or not CODE.match(role):
            self.tally.refuse("agent code without ~ (not [~ROLE] or [ROLE~])", where, ln.text)
        elif role[:3] not in ROLE_CODES:
            self.tally.refuse("not a CAMEO role code (religion, ethnic group or other)", where, ln.text)
        else:
            self._phrases(a["phrase"], a["plural"], role, where, fname)

    def _phrases(self, raw: str, plural: str | None, role: str, where: str, fname: str) -> None:
        expanded = _expand(raw.strip(), self.macros)
        if isinstance(expanded, str):
            self.tally.refuse(expanded, where, raw)
            return
        phrases = [clean(p).lower() for p in expanded]
        for p, original in zip(phrases, expanded, strict=True):
            if any(p == _plural_phrase(q) for q in phrases if q != p):
                self.tally.caveat("regular plural left to the loader", where, p)
                continue
            if " " in original.strip().rstrip("_"):
                self.tally.caveat("gap between words read as adjacent words", where, original)
            self._add(p, role, _is_person_title(p), where, fname)
        for p in (plural or "").split():
            self._add(clean(p).lower(), role, False, where, fname)

    def _add(self, phrase: str, role: str, person: bool, where: str, fname: str) -> None:
        problem = text_problem(phrase)
        if problem:
            self.tally.refuse(problem, where, phrase)
            return
        known = self.t.roles.get(phrase)
        if known is not None:
            if known != role:
                self.tally.refuse("phrase already has another role", where, phrase)
            else:
                self.tally.caveat("duplicate row left out", where, phrase)
            return
        self.t.roles[phrase] = role
        self.t.add("roles.tsv", {"phrase": phrase, "role": role, "person": "yes" if person else "no",
                                 "note": f"imported from {where}"}, fname, where)
