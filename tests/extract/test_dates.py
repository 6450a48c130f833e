"""Tests for tidings.extract.dates: time expressions resolved against the article date."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from tidings.extract.dates import Resolved, find_dates, resolve, sentence_date
from tidings.model import DateRef, Sentence

ARTICLE = dt.date(2017, 2, 3)  # a Friday


def one(text: str, ref: dt.date | None = ARTICLE) -> DateRef:
    found = find_dates(text, [], ref)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.span[0] : d.span[1]] == d.text
    return d


def test_article_date_is_a_friday() -> None:
    assert ARTICLE.weekday() == 4


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Mattis arrived in Tokyo on Thursday.", "Thursday", "2017-02-02"),
        ("He spoke Friday.", "Friday", "2017-02-03"),
        ("The missile was fired late Wednesday.", "late Wednesday", "2017-02-01"),
        ("It happened early Monday.", "early Monday", "2017-01-30"),
        ("Talks resume next Monday.", "next Monday", "2017-02-06"),
        ("They met last Friday.", "last Friday", "2017-01-27"),
        ("They met last Thursday.", "last Thursday", "2017-02-02"),
        ("The vote is this Sunday.", "this Sunday", "2017-02-05"),
        ("Police said on Saturday.", "Saturday", "2017-01-28"),
        ("Clashes broke out Thursday night.", "Thursday night", "2017-02-02"),
    ],
)
def test_weekdays(text: str, expr: str, value: str) -> None:
    d = one(text)
    assert d.text == expr
    assert d.value == value
    assert d.granularity == "day"
    assert d.start == d.end == value


def test_weekday_future_cue() -> None:
    assert one("Mattis will visit Seoul on Monday.").value == "2017-02-06"
    assert one("The meeting is scheduled to take place Thursday.").value == "2017-02-09"
    # a reporting verb between the cue and the weekday keeps the past reading
    found = find_dates("He said on Monday that he will go.", [], ARTICLE)
    assert found[0].value == "2017-01-30"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The test came on Feb. 3.", "Feb. 3", "2017-02-03"),
        ("Signed February 3, 2017 in Seoul.", "February 3, 2017", "2017-02-03"),
        ("Signed on 3 February 2017.", "3 February 2017", "2017-02-03"),
        ("Signed on 3 February.", "3 February", "2017-02-03"),
        ("It was Jan 5 when", "Jan 5", "2017-01-05"),
        ("Released on Dec. 24.", "Dec. 24", "2016-12-24"),
        ("Attacks of Sept. 11, 2001 changed", "Sept. 11, 2001", "2001-09-11"),
        ("Filed 2017-02-01 by", "2017-02-01", "2017-02-01"),
        ("On Friday, Feb. 3, 2017, he said", "Friday, Feb. 3, 2017", "2017-02-03"),
        ("Talks will be held on Feb. 10.", "Feb. 10", "2017-02-10"),
    ],
)
def test_absolute_days(text: str, expr: str, value: str) -> None:
    d = one(text)
    assert (d.text, d.value, d.granularity) == (expr, value, "day")


@pytest.mark.parametrize(
    ("text", "expr", "value", "start", "end"),
    [
        ("It began in March 2016.", "March 2016", "2016-03", "2016-03-01", "2016-03-31"),
        ("It began in December.", "December", "2016-12", "2016-12-01", "2016-12-31"),
        ("It began in February.", "February", "2017-02", "2017-02-01", "2017-02-28"),
        ("It ends next December.", "next December", "2017-12", "2017-12-01", "2017-12-31"),
        ("It ends in early March.", "early March", "2016-03", "2016-03-01", "2016-03-31"),
        ("Talks will resume in March.", "March", "2017-03", "2017-03-01", "2017-03-31"),
        ("It began mid-March.", "mid-March", "2016-03", "2016-03-01", "2016-03-31"),
    ],
)
def test_months(text: str, expr: str, value: str, start: str, end: str) -> None:
    d = one(text)
    assert (d.text, d.value, d.start, d.end, d.granularity) == (expr, value, start, end, "month")


@pytest.mark.parametrize(
    "text",
    ["He may go.", "May I ask?", "Theresa May said.", "Jan Smith said.", "troops march on"],
)
def test_not_months(text: str) -> None:
    assert find_dates(text, [], ARTICLE) == []


def test_may_as_month() -> None:
    assert one("The vote is due by May 2017.").value == "2017-05"
    assert one("It happened in May.").value == "2016-05"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("It happened in 2016.", "2016", "2016"),
        ("Sanctions since 1999 have", "1999", "1999"),
        ("By early 2016 the", "early 2016", "2016"),
        ("from the end of 2015 on", "2015", "2015"),
        ("up from $3 million a year earlier.", "a year earlier", "2016"),
        ("The 2010 raid killed four people.", "2010", "2010"),
    ],
)
def test_years(text: str, expr: str, value: str) -> None:
    d = one(text)
    assert (d.text, d.value, d.granularity) == (expr, value, "year")
    assert d.start == f"{value}-01-01" and d.end == f"{value}-12-31"


def test_year_lists_and_non_years() -> None:
    assert find_dates("The 2000 people who fled came back.", [], ARTICLE) == []
    assert [d.value for d in find_dates("in 2015 and 2016", [], ARTICLE)] == ["2015", "2016"]
    assert find_dates("Some 47,000 troops and 2016 votes", [], ARTICLE) == []
    assert find_dates("won by 2000 votes", [], ARTICLE) == []
    assert find_dates("It has 1999 members and 2,016 staff.", [], ARTICLE) == []


def test_decade() -> None:
    d = one("Famine struck in the 1990s.")
    assert d.text == "1990s"
    assert (d.value, d.start, d.end, d.granularity) == (None, "1990-01-01", "1999-12-31", "year")
    assert sentence_date([d], 0, ARTICLE) is None  # a decade is not an event date


@pytest.mark.parametrize(
    ("text", "value", "granularity", "start", "end"),
    [
        ("today", "2017-02-03", "day", "2017-02-03", "2017-02-03"),
        ("yesterday", "2017-02-02", "day", "2017-02-02", "2017-02-02"),
        ("tomorrow", "2017-02-04", "day", "2017-02-04", "2017-02-04"),
        ("tonight", "2017-02-03", "day", "2017-02-03", "2017-02-03"),
        ("last night", "2017-02-02", "day", "2017-02-02", "2017-02-02"),
        ("last week", "2017-01-23", "week", "2017-01-23", "2017-01-29"),
        ("this week", "2017-01-30", "week", "2017-01-30", "2017-02-05"),
        ("next week", "2017-02-06", "week", "2017-02-06", "2017-02-12"),
        ("last month", "2017-01", "month", "2017-01-01", "2017-01-31"),
        ("next month", "2017-03", "month", "2017-03-01", "2017-03-31"),
        ("earlier this month", "2017-02", "month", "2017-02-01", "2017-02-28"),
        ("last year", "2016", "year", "2016-01-01", "2016-12-31"),
        ("this year", "2017", "year", "2017-01-01", "2017-12-31"),
        ("next year", "2018", "year", "2018-01-01", "2018-12-31"),
        ("late last year", "2016", "year", "2016-01-01", "2016-12-31"),
        ("two days ago", "2017-02-01", "day", "2017-02-01", "2017-02-01"),
        ("3 weeks ago", "2017-01-09", "week", "2017-01-09", "2017-01-15"),
        ("five years ago", "2012", "year", "2012-01-01", "2012-12-31"),
        ("six months ago", "2016-08", "month", "2016-08-01", "2016-08-31"),
        ("10 years from now", "2027", "year", "2027-01-01", "2027-12-31"),
        ("in 10 days", "2017-02-13", "day", "2017-02-13", "2017-02-13"),
        ("last weekend", "2017-01-28", "week", "2017-01-28", "2017-01-29"),
        ("this weekend", "2017-02-04", "week", "2017-02-04", "2017-02-05"),
    ],
)
def test_relative(text: str, value: str, granularity: str, start: str, end: str) -> None:
    d = one(f"It was said {text}.")
    assert (d.value, d.granularity, d.start, d.end) == (value, granularity, start, end)


def test_relative_span_excludes_preposition() -> None:
    assert one("The test will come in 10 days.").text == "10 days"


def test_durations_are_not_dates() -> None:
    assert find_dates("the first such test in two years", [], ARTICLE) == []
    assert find_dates("the highest level in 10 years", [], ARTICLE) == []


def test_usa_today_is_not_today() -> None:
    assert find_dates("USA Today reported it.", [], ARTICLE) == []


@pytest.mark.parametrize(
    "text",
    ["It was Feb. 30.", "on February 30, 2017", "on 31 April", "on Feb. 3, 9999", "on Feb. 3, 0999"],
)
def test_invalid_dates(text: str) -> None:
    d = one(text)
    assert d.value is None and d.granularity == "unknown"
    assert d.start is None and d.end is None


def test_leap_day() -> None:
    assert one("on Feb. 29, 2016").value == "2016-02-29"
    # no year: the most recent Feb 29 not after the article date
    assert one("on Feb. 29").value == "2016-02-29"


def test_without_article_date() -> None:
    rel = one("He left on Thursday.", None)
    assert rel.value is None and rel.granularity == "unknown"
    assert one("He left last year.", None).value is None
    assert one("He left on Feb. 3.", None).value is None
    assert one("He left on Feb. 3, 2017.", None).value == "2017-02-03"
    assert one("He left in 2016.", None).value == "2016"
    assert one("He left in March 2016.", None).value == "2016-03"


def test_article_date_as_string_or_datetime() -> None:
    assert one("on Thursday", "2017-02-03").value == "2017-02-02"
    assert one("on Thursday", dt.datetime(2017, 2, 3, 12, 0)).value == "2017-02-02"
    assert one("on Thursday", "not a date").value is None


def test_sentences_and_spans() -> None:
    text = "North Korea fired a missile late Wednesday. Mattis arrived in Seoul on Thursday."
    s1 = text.index("Mattis")
    sents = [Sentence(0, 0, s1 - 1, text[: s1 - 1]), Sentence(1, s1, len(text), text[s1:])]
    found = find_dates(text, sents, ARTICLE)
    assert [(d.text, d.sentence, d.value) for d in found] == [
        ("late Wednesday", 0, "2017-02-01"),
        ("Thursday", 1, "2017-02-02"),
    ]
    for d in found:
        assert text[d.span[0] : d.span[1]] == d.text
    assert sentence_date(found, 1, ARTICLE) == found[1]
    assert sentence_date(found, 0, ARTICLE) == found[0]
    assert sentence_date(found, 2, ARTICLE) is None


def test_sentence_date_skips_unresolved() -> None:
    text = "On Feb. 30 and on Thursday"
    found = find_dates(text, [], ARTICLE)
    assert [d.value for d in found] == [None, "2017-02-02"]
    assert sentence_date(found, 0, ARTICLE) == found[1]


def test_resolve_helper() -> None:
    assert resolve("late Wednesday", ARTICLE) == Resolved("2017-02-01", "2017-02-01", "2017-02-01", "day")
    assert resolve("last year", ARTICLE) == Resolved("2016", "2016-01-01", "2016-12-31", "year")
    assert resolve("nothing here", ARTICLE) is None
    assert resolve("", ARTICLE) is None


def test_no_exceptions_on_garbage() -> None:
    rng = random.Random(7)
    assert find_dates("", [], ARTICLE) == []
    alphabet = "abc XYZ 0123456789,.;:-/()'\"\n\téü中文😀 May Friday Feb. 1999s"
    garbage = "".join(rng.choice(alphabet) for _ in range(10_000))
    for d in find_dates(garbage, [], ARTICLE):
        assert garbage[d.span[0] : d.span[1]] == d.text
    uni = "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(10_000))
    find_dates(uni, [], ARTICLE)
    digits = " ".join(str(rng.randrange(0, 10**6)) for _ in range(2000))
    find_dates(digits + " Feb. 99 9999-99-99 in 0000 the 9990s", [], ARTICLE)
    # sentence offsets outside the text must not raise
    find_dates("short", [Sentence(0, 0, 500, "x"), Sentence(1, 400, 300, "")], ARTICLE)


@pytest.mark.parametrize(
    ("text", "ref", "value"),
    [
        # a date a few weeks ahead, with no year and no future cue, is this year's
        ("The vote on Nov. 16 decides the matter.", dt.date(1989, 11, 1), "1989-11-16"),
        # further ahead it is last year's, whatever the verb
        ("He was shot to death on Oct. 23 at his home.", dt.date(1999, 1, 22), "1998-10-23"),
        # the first days of next year, written at the end of this one
        ("The new law applies from Jan. 5.", dt.date(2023, 12, 28), "2024-01-05"),
        ("The deadline is Feb. 10.", dt.date(2017, 2, 3), "2017-02-10"),
    ],
)
def test_month_day_without_a_year(text: str, ref: dt.date, value: str) -> None:
    assert one(text, ref).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # ARTICLE is Friday 3 February 2017
        ("The minister said she would travel to Lagos Monday.", "2017-02-06"),
        ("The ruling is to be published in March.", "2017-03"),
        ("The company expects to release its results in January.", "2018-01"),
        ("The dividend is payable March 15 to holders of record.", "2017-03-15"),
        ("The two sides must reach a deal by Tuesday.", "2017-02-07"),
        ("The court gave the city until Wednesday to answer.", "2017-02-08"),
        ("The envoy could arrive as soon as Sunday.", "2017-02-05"),
        ("Closing is expected in December.", "2017-12"),
    ],
)
def test_future_forms(text: str, value: str) -> None:
    assert one(text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the past perfect keeps a deadline in the past
        ("Rebels had taken the town by Tuesday.", "2017-01-31"),
        ("Until Thursday, police had named no suspect.", "2017-02-02"),
        ("He would have voted on Monday.", "2017-01-30"),
        # "that" opens another clause: its "would" does not reach back
        ("The cabinet decided on Wednesday that the talks would resume.", "2017-02-01"),
    ],
)
def test_past_forms_stay_past(text: str, value: str) -> None:
    assert one(text).value == value


def test_a_date_up_to_three_months_ahead_is_this_years() -> None:
    assert one("Holders of record on March 21 get the payment.").value == "2017-03-21"
    assert one("He was shot on June 2 at his home.").value == "2016-06-02"


def test_a_future_cue_after_the_date_counts() -> None:
    assert one("On Saturday, the council will vote on the budget.").value == "2017-02-04"
    assert one("On Saturday, the council voted on the budget.").value == "2017-01-28"
    assert one("A summit set for Washington in April will weigh it.").value == "2017-04"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        # ARTICLE is 3 February 2017: the first quarter has begun, the fourth was last year's
        ("Sales rose in the first quarter.", "first quarter", "2017-Q1"),
        ("Fourth-quarter profit fell 8 percent.", "Fourth-quarter", "2016-Q4"),
        ("The plant will reopen in the third quarter.", "third quarter", "2017-Q3"),
        ("Output fell in the second quarter of 2015.", "second quarter of 2015", "2015-Q2"),
        ("Output fell in the final quarter of last year.", "final quarter of last year", "2016-Q4"),
        ("Margins narrowed last quarter.", "last quarter", "2016-Q4"),
        ("Revenue in Q3 2014 was flat.", "Q3 2014", "2014-Q3"),
    ],
)
def test_quarters(text: str, expr: str, value: str) -> None:
    d = one(text)
    assert (d.text, d.value, d.granularity) == (expr, value, "quarter")
    assert d.start is not None and d.end is not None and d.start[:7] <= d.end[:7]
