"""An article's tone, as GDELT measures it: the share of its words that are positive
minus the share that are negative, in per cent (so -100 to +100; news mostly falls
between -10 and +5).

A word counts by the tone lexicon (``rules/data/tone.tsv``), as written in lower case:
capitalised words are names or open a sentence ("United Nations", "Hope, Arkansas",
"Justice Department"), and names carry no tone. Words are runs of letters, with inner
apostrophes or hyphens; numbers and punctuation are not words.
No negation or intensity: like GDELT's, the measure is a word count, so a long article
of mixed tone comes out near zero.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tidings.model import Tone

# a word: letters, with inner apostrophes or hyphens ("don't", "well-being"); numbers
# and punctuation are no words
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def article_tone(text: str, lexicon: Mapping[str, float]) -> Tone:
    """The tone of an article's text."""
    words = _WORD.findall(text)
    pos = neg = 0
    for w in words:
        v = lexicon.get(w) if w.islower() else None
        if v is not None:
            if v > 0:
                pos += 1
            else:
                neg += 1
    n = len(words)
    if not n:
        return Tone(0.0, 0.0, 0.0, 0)
    positive, negative = 100 * pos / n, 100 * neg / n
    return Tone(round(positive - negative, 3), round(positive, 3), round(negative, 3), n)
