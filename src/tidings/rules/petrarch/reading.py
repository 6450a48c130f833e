"""Reading the input files: their text and content lines, the kind of each file (read from
its content, not its name) and, for actor files, their blocks (a name, its ``+synonyms``
and ``[CODE date-date]`` codes) and which kind of actor file they make."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.rules.petrarch.codes import CODE, INTERNATIONAL, Code, parse_code
from tidings.rules.petrarch.report import PetrarchError, Tally

COUNTRY_ACTORS = "actors (country file)"
INTERNATIONAL_ACTORS = "actors (international file)"
ARMED_GROUP_ACTORS = "actors (non-state armed groups file)"
AGENTS = "agents"
VERBS = "verbs (PETRARCH2)"
# formats with no tidings table: refused as a whole, with this reason
UNCONVERTIBLE = {
    "discards": "discard list: tidings has no table of sentences to skip",
    "issues": "issue dictionary: tidings does no issue coding",
    "prepositions": "preposition list: tidings takes prepositions from the parse",
    "TABARI verbs": "TABARI/PETRARCH 1 verb dictionary: convert it to the PETRARCH2 format first",
}

ARMED_ROLES = {"REB", "UAF", "INS", "SEP", "RAD"}  # rebels, militants: an armed-groups file

# the shapes of the formats' lines
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
HEADER = re.compile(r"^---\s*(?P<name>[^\[]*?)\s*(?:\[(?P<code>[^\]]*)\])?\s*---\s*$")
MACRO = re.compile(r"^!(\w+)!\s*=\s*(.*)$")
_ISSUE = re.compile(r"^~|^[^\[]*[a-z][^\[]*\[[A-Z][A-Z0-9_]*\]$")  # "n:drought [WATER]", "~exclusion"
AGENT = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]$")


@dataclass(frozen=True)
class Line:
    n: int
    text: str  # without its comment, stripped


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PetrarchError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise PetrarchError(f"{path} is a binary file, not a PETRARCH dictionary (plain text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # old TABARI files are Latin-1/cp1252


def _lines(text: str) -> list[Line]:
    """Content lines: ``<!-- -->``, ``#`` and legacy ``;`` comments and blank lines dropped."""
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m[0].count("\n"), text, flags=re.S)
    out: list[Line] = []
    for n, line in enumerate(text.splitlines(), 1):
        body = re.split(r"[#;]", line, maxsplit=1)[0].strip()
        if body:
            out.append(Line(n, body))
    return out


def _detect(lines: Sequence[Line]) -> str | None:
    """The format of a file from its content lines (None: no PETRARCH format)."""
    texts = [ln.text for ln in lines]
    if not texts:
        return None
    kind = _verbs_kind(texts) or _issues_or_agents_kind(texts)
    if kind:
        return kind
    coded = [t for t in texts if _BRACKET.search(t)]
    if coded and _share(coded, lambda t: _looks_like_code(_BRACKET.findall(t)[0])) > 0.5 and _share(
            texts, _upper_case_head) >= 0.8:
        return "actors"  # [CODE] lines under upper-case names
    return None if coded else _list_kind(texts)


def _verbs_kind(texts: Sequence[str]) -> str | None:
    if any(HEADER.match(t) for t in texts):
        return VERBS
    if any(t.startswith("###") and t.endswith("###") for t in texts) and any(
            t.startswith("-") and "**" in t for t in texts):
        return "TABARI verbs"
    return None


def _issues_or_agents_kind(texts: Sequence[str]) -> str | None:
    share = functools.partial(_share, texts)
    if any(t.upper().startswith("<ISSUE") for t in texts) or share(_ISSUE.match) > 0.5:
        return "issues"
    if share(lambda t: MACRO.match(t) or ((a := AGENT.match(t)) and "~" in a["code"])) > 0.5:
        return AGENTS
    return None


def _upper_case_head(text: str) -> bool:
    return not re.search(r"[a-z]", text.split("[", 1)[0])


def _share(texts: Sequence[str], test: Callable[[str], object]) -> float:
    return sum(1 for t in texts if test(t)) / len(texts)


def _looks_like_code(inner: str) -> bool:
    first = (inner.split() or [""])[0]
    return first == "---" or bool(CODE.match(first))


def _list_kind(texts: Sequence[str]) -> str | None:
    if all(" " not in t and t == t.lower() and re.search(r"[a-z]", t) for t in texts):
        return "prepositions"  # one lower-case word a line ("vis-à-vis" too)
    upper = sum(1 for t in texts if not re.search(r"[a-z]", t) and re.search(r"[A-Z0-9]", t))
    return "discards" if upper >= 0.8 * len(texts) else None


EXPECTED = ("actors ([CODE] lines under upper-case names), agents ([~CODE]), a PETRARCH2 verb "
            "dictionary (--- NAME [code] --- blocks), or a discard, issue or preposition list")


@dataclass(frozen=True)
class Input:
    path: Path
    kind: str
    lines: tuple[Line, ...]


def read_inputs(paths: Sequence[Path]) -> list[Input]:
    if not paths:
        raise PetrarchError("no dictionary files given: name the PETRARCH files to import")
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            raise PetrarchError(f"{p} is a folder: give the dictionary files themselves")
        lines = _lines(_read(p))
        kind = _detect(lines)
        if kind is None:
            raise PetrarchError(f"{p} is in no PETRARCH dictionary format: expected {EXPECTED}")
        out.append(Input(p, kind, tuple(lines)))
    return out


@dataclass(frozen=True)
class Form:
    raw: str
    where: str


@dataclass
class Block:
    name: Form
    synonyms: list[Form]
    codes: list[Code]
    file: str
    kind: str = COUNTRY_ACTORS  # the kind of actor file it comes from

    @property
    def forms(self) -> list[Form]:
        return [self.name, *self.synonyms]


def _codes_of(text: str, where: str, tally: Tally) -> list[Code]:
    found = _BRACKET.findall(text)
    if text.count("[") != len(found) or text.count("]") != len(found):
        tally.refuse("malformed code", where, text)
    codes = []
    for inner in found:
        c = parse_code(inner, where)
        if isinstance(c, str):
            tally.refuse(c, where, f"[{inner}]")
        else:
            codes.append(c)
    return codes


def actor_blocks(lines: Sequence[Line], fname: str, tally: Tally) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for ln in lines:
        where = f"{fname}:{ln.n}"
        head = ln.text.split("[", 1)[0].strip()
        codes = _codes_of(ln.text, where, tally)
        if not ln.text.startswith(("[", "+")):  # a new entry (its codes may follow on the line)
            current = Block(Form(head, where), [], codes, fname)
            blocks.append(current)
        elif current is None:
            tally.refuse("code or synonym before any entry", where, ln.text)
        else:
            if head.startswith("+"):
                current.synonyms.append(Form(head[1:], where))
            current.codes += codes
    return blocks


def actor_kind(blocks: Sequence[Block]) -> str:
    codes = [c.code for b in blocks for c in b.codes if c.code != "---"]
    if not codes:
        return COUNTRY_ACTORS
    intl = sum(1 for c in codes if c.startswith(INTERNATIONAL) and not c.startswith(("IMG", "INT")))
    armed = sum(1 for c in codes if c.startswith("IMG") or c[3:6] in ARMED_ROLES)
    if intl > len(codes) / 2:
        return INTERNATIONAL_ACTORS
    return ARMED_GROUP_ACTORS if armed > len(codes) / 2 else COUNTRY_ACTORS
