from tidings.extract.sentences import split_sentences as _split
from tidings.rules import RuleSet


def split_sentences(text):
    return _split(text, RuleSet.default().lexicon.abbreviations)


def test_sentences_have_exact_spans():
    text = "Mr. Smith met U.S. officials on Feb. 3 in Washington. They agreed.\n\nN. Korea Threat\nIt fired a missile."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Mr. Smith met U.S. officials on Feb. 3 in Washington.",
        "They agreed.",
        "N. Korea Threat",
        "It fired a missile.",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text
    assert [s.index for s in sents] == [0, 1, 2, 3]


def test_quote_ending_sentence_splits_after_closing_mark():
    text = "“We stand firm,” he said. “We will not yield.” Abe agreed."
    assert [s.text for s in split_sentences(text)] == [
        "“We stand firm,” he said.",
        "“We will not yield.”",
        "Abe agreed.",
    ]


def test_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []
