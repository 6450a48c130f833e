"""An article's tone, as GDELT measures it: the share of its words that are positive
minus the share that are negative, in per cent (so -100 to +100; news mostly falls
between -10 and +5).

A word counts by the tone lexicon (``rules/data/tone.tsv``), as written in lower case:
capitalised words are names or open a sentence ("United Nations", "Hope, Arkansas",
"Justice Department"), and names carry no tone. Words are the tokens that hold a letter.
No negation or intensity: like GDELT's, the measure is a word count, so a long article
of mixed tone comes out near zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tidings.model import Tone


def article_tone(words: Iterable[str], lexicon: Mapping[str, float]) -> Tone:
    """The tone of an article given as its words (tokens, in order)."""
    n = pos = neg = 0
    for w in words:
        if not any(c.isalpha() for c in w):
            continue
        n += 1
        v = lexicon.get(w) if w.islower() else None
        if v is None:
            continue
        if v > 0:
            pos += 1
        else:
            neg += 1
    if not n:
        return Tone(0.0, 0.0, 0.0, 0)
    positive, negative = 100 * pos / n, 100 * neg / n
    return Tone(round(positive - negative, 3), round(positive, 3), round(negative, 3), n)
