"""Write ``src/tidings/rules/data/tone.tsv``: the words whose use gives an article its
tone (GDELT's AvgTone), with how positive or negative each is.

Input: the VADER sentiment lexicon (C.J. Hutto, MIT licence), as shipped in the PyPI
package vaderSentiment 3.3.2:

    pip download --no-deps vaderSentiment==3.3.2
    unzip -o vaderSentiment-3.3.2-py2.py3-none-any.whl 'vaderSentiment/*'
    python tools/tone_lexicon.py vaderSentiment/vader_lexicon.txt > src/tidings/rules/data/tone.tsv

Standard library only. Each lexicon line is ``token, mean rating, standard deviation,
ten raters' ratings``; kept are lower-case words (letters, inner hyphens and
apostrophes: no emoticons, no slang abbreviations such as "lol"), other than words
whose common sense in news is no feeling (``_NEUTRAL_IN_NEWS``: "parties", "shares",
"security"), whose mean rating is at least ``THRESHOLD`` away from neutral, with that
mean. Ratings run from -4 (most
negative) to +4 (most positive).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

THRESHOLD = 0.5
_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
# slang, chat abbreviations and interjections of the lexicon that are no news vocabulary
_NOT_NEWS = {"lol", "lmao", "rofl", "wtf", "omg", "omfg", "stfu", "haha", "hahaha", "yay", "ugh", "meh",
             "xd", "xoxo", "bff", "fml", "ily", "luv", "smh", "sux", "ya", "yah", "yeah", "nah", "kewl",
             "w00t", "woot", "lmfao", "wth", "gtfo", "imo", "idk", "jk", "ty", "thx", "bs", "ffs"}
# words whose common sense in news is no feeling: grammar ("like", "no", "well"), names
# and institutions ("United Nations", "security forces", "political parties", "justice
# minister"), markets ("interest rates", "shares", "credit"), medicine ("tested
# positive", "novel coronavirus", "health care")
_NEUTRAL_IN_NEWS = {"like", "no", "yes", "well", "pretty", "kind", "ok", "okay", "sure", "certain",
                    "fine", "party", "parties", "interest", "interests", "share", "shares", "security",
                    "intelligence", "justice", "defense", "defence", "united", "novel", "care", "credit",
                    "grant", "grants", "top", "value", "values", "god", "dear", "positive", "negative"}

HEADER = """\
# The words that give an article its tone (GDELT's AvgTone: the share of positive words
# minus the share of negative ones, in per cent of the article's words), with their mean
# rating from -4 (most negative) to +4 (most positive).
# From the VADER sentiment lexicon, Copyright (c) 2016 C.J. Hutto, MIT licence (below),
# as shipped in vaderSentiment 3.3.2; written by tools/tone_lexicon.py: lower-case words
# rated at least {threshold} from neutral, without slang and words whose news sense is no
# feeling ("parties", "shares", "security"; the list is in the tool).
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files (the "Software"), to deal in the Software
# without restriction, including without limitation the rights to use, copy, modify,
# merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
# permit persons to whom the Software is furnished to do so, subject to the following
# conditions: The above copyright notice and this permission notice shall be included in
# all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS",
# WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
# WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
# NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR
# OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
# OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
word\tvalence"""


def rows(lines: list[str]) -> list[tuple[str, float]]:
    out: dict[str, float] = {}
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2:
            continue
        word = parts[0].strip()
        try:
            mean = float(parts[1])
        except ValueError:
            continue
        if _WORD.fullmatch(word) and word not in _NOT_NEWS | _NEUTRAL_IN_NEWS and abs(mean) >= THRESHOLD:
            out.setdefault(word, mean)
    return sorted(out.items())


def main(path: str) -> None:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    print(HEADER.format(threshold=THRESHOLD))
    for word, mean in rows(lines):
        print(f"{word}\t{mean:g}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/tone_lexicon.py vader_lexicon.txt > src/tidings/rules/data/tone.tsv")
    main(sys.argv[1])
