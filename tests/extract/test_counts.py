"""Tests for tidings.extract.counts: numbers about things, what is counted, and where."""

from __future__ import annotations

import random

import pytest

from tidings.extract.counts import find_counts as _find_counts
from tidings.model import Count, Sentence
from tidings.rules import RuleSet


def find_counts(text, sentences, country_of=None):
    """With the rule set's country authority unless a test gives its own lookup."""
    return _find_counts(text, sentences, country_of or RuleSet.default().dictionary.country_of)


TROOPS = "Some 47,000 US troops are stationed in Japan, and another 28,500 in South Korea."


def counts(text: str) -> list[Count]:
    found = find_counts(text, [])
    for c in found:
        assert text[c.span[0] : c.span[1]] == c.text
    return found


def simple(text: str) -> list[tuple[float, str, str]]:
    return [(c.value, c.text, c.what) for c in counts(text)]


def test_troops_example_with_fallback_country_names() -> None:
    first, second = counts(TROOPS)
    assert (first.value, first.text, first.what, first.location) == (
        47000,
        "Some 47,000",
        "US troops",
        "JPN",
    )
    assert (second.value, second.text, second.what, second.location) == (
        28500,
        "another 28,500",
        "US troops",  # elliptical: inherited from the previous count
        "KOR",
    )
    assert first.sentence == second.sentence == 0


def test_country_of_callable_is_used() -> None:
    seen: list[str] = []

    def lookup(name: str) -> str | None:
        seen.append(name)
        return {"Japan": "XJP", "South Korea": "XKR"}.get(name)

    found = find_counts(TROOPS, [], lookup)
    assert [c.location for c in found] == ["XJP", "XKR"]
    assert "Japan" in seen


def test_city_location_through_callable() -> None:
    from tests.extract.test_places import country_of

    (c,) = find_counts("At least 12 people were killed in Kabul.", [], country_of)
    assert (c.value, c.text, c.what, c.location) == (12, "At least 12", "people", "AFG")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("North Korea has carried out two atomic tests.", [(2, "two", "atomic tests")]),
        ("at least 12 people were killed", [(12, "at least 12", "people")]),
        ("hundreds of protesters gathered", [(100, "hundreds", "protesters")]),
        ("thousands of people fled", [(1000, "thousands", "people")]),
        ("dozens of missile launches", [(24, "dozens", "missile launches")]),
        ("tens of thousands of workers", [(10000, "tens of thousands", "workers")]),
        ("1.5 million refugees crossed", [(1_500_000, "1.5 million", "refugees")]),
        ("a dozen countries signed", [(12, "a dozen", "countries")]),
        ("half a dozen ships", [(6, "half a dozen", "ships")]),
        ("several thousand workers", [(3000, "several thousand", "workers")]),
        ("a few hundred soldiers", [(200, "a few hundred", "soldiers")]),
        ("twenty-five journalists were held", [(25, "twenty-five", "journalists")]),
        ("nearly 2,000 riot police", [(2000, "nearly 2,000", "riot police")]),
        ("three North Korean soldiers defected", [(3, "three", "North Korean soldiers")]),
        ("with 3 Chinese nationals aboard", [(3, "3", "Chinese nationals")]),
        ("5 Americans were freed", [(5, "5", "Americans")]),
        ("10 to 15 people", [(10, "10 to 15", "people")]),
        ("10-15 people", [(10, "10-15", "people")]),
        ("12 armed men stormed", [(12, "12", "armed men")]),
        ("more than 1500 people came", [(1500, "more than 1500", "people")]),
    ],
)
def test_counts(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert simple(text) == expected


def test_inherits_counted_noun_in_same_sentence_only() -> None:
    assert simple("12 people were killed and 30 wounded.") == [
        (12, "12", "people"),
        (30, "30", "people"),
    ]
    text = "12 people were killed. 30 were wounded."
    b = text.index("30")
    sents = [Sentence(0, 0, b - 1, text[: b - 1]), Sentence(1, b, len(text), text[b:])]
    assert [c.what for c in find_counts(text, sents)] == ["people"]


def test_one() -> None:
    assert simple("One person was killed.") == [(1, "One", "person")]
    assert simple("No one was hurt and one of the soldiers left.") == []


@pytest.mark.parametrize(
    "text",
    [
        "It happened in 2016 and since 1999.",
        "The 2016 elections were close.",
        "On Feb. 3 and 3 February and Sept. 11 they met.",
        "The meeting began at 10 a.m. and ended at 10:30.",
        "Prices rose 5% and 100 percent and 3 per cent.",
        "It cost $5 million and 3 million dollars and 200 euros.",
        "a year ago, five years ago, 10 years from now, for two weeks",
        "a 35-year-old man took a 10-day trip",
        "Article Five and Article 5 of Resolution 2270.",
        "F-35 jets, G20 leaders, COVID-19 cases, a Boeing 747 and No. 2 official.",
        "The quake measured 7.1 magnitude, 50 km away, with 3 tonnes of debris.",
        "The score was 3-1.",
    ],
)
def test_not_counts(text: str) -> None:
    assert counts(text) == []


def test_spans_with_sentences() -> None:
    text = "Mattis arrived. " + TROOPS
    b = text.index("Some")
    sents = [Sentence(0, 0, b - 1, text[: b - 1]), Sentence(1, b, len(text), text[b:])]
    found = find_counts(text, sents)
    assert [c.sentence for c in found] == [1, 1]
    assert [text[c.span[0] : c.span[1]] for c in found] == ["Some 47,000", "another 28,500"]


def test_location_before_count_in_clause() -> None:
    (c,) = counts("In Syria, 400 civilians died")
    assert c.location == "SYR"
    (c,) = counts("400 civilians died in Syria")
    assert c.location == "SYR"
    (c,) = counts("Over 400 civilians died, officials in Syria said")
    assert c.location is None  # a different clause


def test_no_exceptions_on_garbage() -> None:
    rng = random.Random(3)
    assert find_counts("", []) == []
    alphabet = "abc XYZ 0123456789,.;:-/()%$'\"\n\téü中文😀 of hundreds dozen troops in Japan "
    garbage = "".join(rng.choice(alphabet) for _ in range(10_000))
    for c in find_counts(garbage, []):
        assert garbage[c.span[0] : c.span[1]] == c.text
        assert c.value > 0
    uni = "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(10_000))
    find_counts(uni, [])
    find_counts("9" * 5000 + " people", [])
    find_counts("short", [Sentence(0, 0, 500, "x"), Sentence(1, 400, 300, "")])
