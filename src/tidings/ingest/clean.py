"""Plain-text cleaning of scraped articles: title, boilerplate, doubled captions."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from importlib import resources

from tidings.extract.dateline import is_dateline

BOILERPLATE_FILE = "rules/data/boilerplate.txt"
MAX_TITLE_CHARS = 200
MAX_BOILERPLATE_LINE = 200
MIN_CAPTION_HALF = 8

_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# C0/C1 controls except \n (tabs are handled as spaces), zero-width and bidi marks,
# soft hyphen, word joiners, BOM, interlinear annotation marks, lone surrogates.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb]"
)
# what no parser should see: C0 controls other than tab/newlines, lone surrogates
_UNPARSABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
# A run of punctuation marks or symbols (quotes, commas, emoji, underscores...) with no
# letter, digit or space is cut to MAX_MARK_RUN marks: spaCy's tokenizer splits such a
# run one mark at a time in time that grows with the square of its length (10,000
# quotation marks in a row take 20 s), and no sentence needs more than a few.
MAX_MARK_RUN = 10
_MARK_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_MARK_RUN + 1},}}")
# A run of more than MAX_RUN characters without a space (base64, a URL gone wrong, a
# chain of "'s's's") gets a space every MAX_RUN characters, for the same reason.
MAX_RUN = 200
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CLOSERS = "\"'”’»)]*"
_TERMINAL = ".!?:;…"


@functools.lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """The compiled regexes of ``tidings/data/boilerplate.txt`` (case-insensitive)."""
    text = resources.files("tidings").joinpath(BOILERPLATE_FILE).read_text(encoding="utf-8")
    return parse_boilerplate(text)


def parse_boilerplate(text: str) -> tuple[re.Pattern[str], ...]:
    """Compile a boilerplate file: one regex per line, '#' comments and blanks ignored."""
    patterns: list[re.Pattern[str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            patterns.append(re.compile(stripped, re.IGNORECASE))
        except re.error as exc:
            raise ValueError(f"{BOILERPLATE_FILE} line {number}: bad regex: {exc}") from exc
    return tuple(patterns)


def strip_unparsable(text: str) -> str:
    """``text`` without C0 control characters (except tab and newlines) and lone surrogates."""
    return _UNPARSABLE.sub("", text)


def _break_run(m: re.Match[str]) -> str:
    run = m.group()
    return " ".join(run[i : i + MAX_RUN] for i in range(0, len(run), MAX_RUN))


def _scrub(raw: str) -> list[str]:
    """Normalised lines: NFC, one newline style, no invisibles, runs of marks cut and
    overlong runs without spaces broken, single spaces, stripped."""
    text = unicodedata.normalize("NFC", _NEWLINES.sub("\n", raw))
    text = _MARK_RUN.sub(lambda m: m.group()[:MAX_MARK_RUN], _INVISIBLE.sub("", text))
    text = _LONG_RUN.sub(_break_run, text)
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def is_boilerplate(line: str, patterns: Sequence[re.Pattern[str]] | None = None) -> bool:
    """True when a (stripped) line is page furniture: comment box, share bar, ad, etc."""
    if not line or len(line) > MAX_BOILERPLATE_LINE:
        return False
    pats = boilerplate_patterns() if patterns is None else patterns
    return any(p.search(line) for p in pats)


def is_doubled(line: str) -> bool:
    """True when the line is some string printed twice (S+S or S+' '+S): a photo caption."""
    n = len(line)
    half = n // 2
    if half < MIN_CAPTION_HALF:
        return False
    if n % 2 == 0 and line[:half] == line[half:]:
        return True
    return n % 2 == 1 and line[half] == " " and line[:half] == line[half + 1 :]


def _key(line: str) -> str:
    return line.casefold()


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(tuple(_TERMINAL))


def _title_like(line: str) -> bool:
    return (
        len(line) < MAX_TITLE_CHARS
        and not line.rstrip(_CLOSERS).endswith(".")
        and any(ch.isalpha() for ch in line)
        and not is_dateline(line)  # "WASHINGTON, Nov. 1 (AP)" opens the story: its place and date
    )


def _hard_wrap_width(blocks: list[list[str]]) -> int | None:
    """The wrap width when the text is hard-wrapped (lines broken inside paragraphs)."""
    inner = [line for block in blocks for line in block[:-1]]
    if len(inner) < 4:
        return None
    lengths = sorted(len(line) for line in inner)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > 100:
        return None
    open_ended = sum(1 for line in inner if not _ends_sentence(line))
    long_enough = sum(1 for n in lengths if n >= 0.6 * width)
    if open_ended >= 0.5 * len(inner) and long_enough >= 0.7 * len(inner):
        return width
    return None


def _paragraphs(blocks: list[list[str]], unwrap: bool) -> list[str]:
    width = _hard_wrap_width(blocks) if unwrap else None
    if width is None:
        return [line for block in blocks for line in block]
    paragraphs: list[str] = []
    for block in blocks:
        current: list[str] = []
        for line in block:
            current.append(line)
            # a short line ends its paragraph (last line, or a sub-heading)
            if len(line) < 0.6 * width:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs


def clean_text(
    raw: str, *, known_title: str | None = None, unwrap: bool = True
) -> tuple[str | None, str]:
    """Split a scraped plain-text article into ``(title, body)``.

    The body has one paragraph per line (hard-wrapped paragraphs re-joined when
    ``unwrap``), paragraphs separated by one blank line, with boilerplate lines,
    doubled photo captions and repeated lines removed. The title is the first line
    when it is short, has no final period and is followed by a blank line; it is
    removed from the body. ``known_title`` (from metadata) is returned instead of a
    detected one, and a body line repeating it is dropped.
    """
    lines = _scrub(raw)
    patterns = boilerplate_patterns()
    # None marks a dropped line; "" a blank line.
    kept: list[str | None] = []
    seen: set[str] = set()
    title_key = None
    if known_title is not None:
        known_title = " ".join(_INVISIBLE.sub("", known_title).split()) or None
        if known_title:
            title_key = _key(known_title)
            seen.add(title_key)
    for line in lines:
        if not line:
            kept.append("")
        elif is_boilerplate(line, patterns) or is_doubled(line) or _key(line) in seen:
            kept.append(None)
        else:
            seen.add(_key(line))
            kept.append(line)

    title: str | None = None
    at = _title_index(kept)
    if at is not None:
        title, kept[at] = kept[at], None

    blocks: list[list[str]] = [[]]
    for item in kept:
        if item == "":
            if blocks[-1]:
                blocks.append([])
        elif item is not None:
            blocks[-1].append(item)
    blocks = [block for block in blocks if block]
    body = "\n\n".join(_paragraphs(blocks, unwrap))
    if title_key is not None:
        return known_title, body
    return title, body


def _title_index(kept: list[str | None]) -> int | None:
    """Index of the title line in ``kept``, or None."""
    first = next((i for i, item in enumerate(kept) if item), None)
    if first is None:
        return None
    line = kept[first]
    if not line or not _title_like(line):
        return None
    rest = kept[first + 1 :]
    if not rest or rest[0] is not None and rest[0] != "":
        return None  # must be followed by a blank (or dropped) line
    if not any(rest):
        return None  # nothing but the title: keep it as the body
    return first
