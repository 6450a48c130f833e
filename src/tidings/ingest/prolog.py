"""Skipping the prolog of a markup document (white space, ``<?...?>`` declarations and
``<!-- -->`` comments) in linear time.

A regular expression such as ``(?:<!--.*?-->\\s*)*`` backtracks exponentially when the
document does not go on as expected (40 comment lines hung the format sniffing); this
walks the text once with ``str.find``.
"""

from __future__ import annotations

import re

_DOCTYPE = re.compile(r"<!DOCTYPE\s[^>\[]*(?:\[(.*?)\]\s*)?>", re.S | re.I)


def skip_prolog(text: str, pos: int = 0) -> int:
    """The index of the first character after the leading white space, processing
    instructions and comments of ``text`` from ``pos``. An unclosed one stops the walk
    at its start."""
    n = len(text)
    while True:
        while pos < n and text[pos] in " \t\r\n\ufeff":
            pos += 1
        if text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            if end < 0:
                return pos
            pos = end + 3
        elif text.startswith("<?", pos):
            end = text.find("?>", pos + 2)
            if end < 0:
                return pos
            pos = end + 2
        else:
            return pos


def match_doctype(text: str, pos: int) -> re.Match[str] | None:
    """The ``<!DOCTYPE ...>`` (with its internal subset in group 1) at ``pos``, if any.
    ``[^>\\[]*`` and one lazy ``.*?`` are linear: no nested repetition."""
    return _DOCTYPE.match(text, pos)
