"""Scoring quotes, places and dates against development records (tidings.evaluate.spans).

Every fixture is an invented news text written here; the gold is a DevRecord and the
prediction an ArticleRecord built by hand, so each figure can be counted on paper."""

from __future__ import annotations

import pytest

from tidings.evaluate.devset import DevRecord, GoldDate, GoldPlace, GoldQuote
from tidings.evaluate.spans import (
    haversine_km,
    last_name_word,
    match_one_to_one,
    note_group,
    score_dates,
    score_places,
    score_quotes,
    trim,
)
from tidings.model import ActorRef, ArticleRecord, DateRef, Place, Quote


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Span of the nth occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return (start, start + len(phrase))


def coded(rid: str, text: str, **items) -> ArticleRecord:
    return ArticleRecord(id=rid, title=None, date="2021-03-01", url=None, text=text, **items)


def speaker(text: str, name: str, span: tuple[int, int]) -> ActorRef:
    return ActorRef(text=text, name=name, code=None, country=None, role=None, span=span)


def quote(text: str, span: tuple[int, int], who: ActorRef | None) -> Quote:
    return Quote(text=text[span[0]:span[1]], span=span, speaker=who, cue="said", sentence=0)


# ----------------------------------------------------------------------------- quotes
QUOTE_TEXT = ('Mayor Ana Ruiz said "the bridge will open in May." Critics were unconvinced. '
              '"It is far too late," said Dr. Tom Ellis. The council, she added, "has no money left." '
              'A union leader warned: "Strikes will follow."')


def quote_record(annotates: frozenset[str] = frozenset({"quotes"})) -> DevRecord:
    t = QUOTE_TEXT
    return DevRecord(
        id="q1", date="2021-03-01", text=t, annotates=annotates,
        quotes=(
            GoldQuote(at(t, "the bridge will open in May."), "Ana Ruiz", (at(t, "Ana Ruiz"),)),
            GoldQuote(at(t, "It is far too late,"), "Tom Ellis", (at(t, "Tom Ellis"),)),
            GoldQuote(at(t, "has no money left."), "Ana Ruiz", (at(t, "she"),)),
            GoldQuote(at(t, "Strikes will follow."), None, ()),
        ))


def quote_output() -> ArticleRecord:
    t = QUOTE_TEXT
    return coded("q1", t, quotes=(
        # speaker span overlaps the gold mention: right
        quote(t, at(t, "the bridge will open in May."), speaker(t, "Ana Ruiz", at(t, "Mayor Ana Ruiz"))),
        # speaker span elsewhere, but the last name word matches: right
        quote(t, at(t, "It is far too late,"), speaker("Dr. Tom Ellis", "Dr. Tom Ellis", (0, 5))),
        # no speaker: wrong
        quote(t, at(t, "has no money left."), None),
        # matches no gold quote
        quote(t, at(t, "Critics were unconvinced."), None),
    ))


def test_quote_precision_recall_and_speakers_counted_by_hand():
    s = score_quotes([quote_record()], {"q1": quote_output()})
    assert (s.gold, s.predicted, s.predicted_right, s.recalled) == (4, 4, 3, 3)
    # the fourth gold quote was missed; the three recalled ones all have a speaker
    assert (s.speaker_n, s.speaker_right, s.no_speaker) == (3, 2, 1)
    summary = s.summary()
    assert summary["precision"] == 0.75
    assert summary["recall"] == 0.75
    assert summary["f1"] == 0.75
    assert summary["speaker_accuracy"] == 0.667
    assert summary["speaker_accuracy_when_given"] == 1.0
    assert summary["records"] == 1


def test_quote_errors_name_each_kind_and_respect_the_limit():
    s = score_quotes([quote_record()], {"q1": quote_output()})
    kinds = [e["kind"] for e in s.errors()]
    assert kinds == ["spurious quote", "no speaker", "missed quote"]
    missed = next(e for e in s.errors() if e["kind"] == "missed quote")
    assert missed["id"] == "q1"
    assert "[[Strikes will follow.]]" in missed["text"]
    assert set(missed) == {"id", "kind", "gold", "coded", "text"}
    assert len(s.errors(limit=0)) == 0


def test_speaker_is_taken_from_the_best_overlapping_quote():
    t = QUOTE_TEXT
    gold_span = at(t, "It is far too late,")
    small = (gold_span[0], gold_span[0] + 3)
    out = coded("q1", t, quotes=(
        quote(t, small, speaker("Ana Ruiz", "Ana Ruiz", at(t, "Ana Ruiz"))),
        quote(t, gold_span, speaker("Tom Ellis", "Tom Ellis", at(t, "Tom Ellis"))),
    ))
    s = score_quotes([quote_record()], {"q1": out})
    assert (s.speaker_n, s.speaker_right) == (1, 1)


def test_on_equal_overlap_the_earlier_predicted_quote_gives_the_speaker():
    t = QUOTE_TEXT
    start, end = at(t, "It is far too late,")
    out = coded("q1", t, quotes=(
        quote(t, (start, start + 5), speaker("Tom Ellis", "Tom Ellis", at(t, "Tom Ellis"))),
        quote(t, (end - 5, end), None),
    ))
    s = score_quotes([quote_record()], {"q1": out})
    assert (s.speaker_n, s.speaker_right, s.no_speaker) == (1, 1, 0)


@pytest.mark.parametrize(("name", "right"), [
    ("Ellis", True),
    ("Sen. Tom Ellis Jr.", True),
    ("ELLIS", True),
    ("Tom Ellis's", True),
    ("he", False),  # a pronoun never names the speaker
    ("Dr.", False),  # nor does a title alone
    ("Ana Ruiz", False),
])
def test_speaker_name_match(name, right):
    t = QUOTE_TEXT
    out = coded("q1", t, quotes=(
        quote(t, at(t, "It is far too late,"), speaker(name, name, (0, 1))),))
    s = score_quotes([quote_record()], {"q1": out})
    assert s.speaker_right == int(right)
    assert s.no_speaker == 0


def test_last_name_word_skips_titles_possessives_and_pronouns():
    assert last_name_word("Sen. Elizabeth Warren's") == "warren"
    assert last_name_word("President Obama") == "obama"
    assert last_name_word("Mr.") is None
    assert last_name_word("she") is None
    assert last_name_word("") is None


def test_missing_output_record_is_an_empty_prediction():
    s = score_quotes([quote_record()], {})
    assert (s.gold, s.predicted, s.recalled) == (4, 0, 0)
    assert s.summary()["precision"] == 0.0
    assert s.summary()["speaker_accuracy"] is None  # nothing to count


def test_records_that_do_not_annotate_quotes_are_not_scored():
    s = score_quotes([quote_record(frozenset({"events"}))], {"q1": quote_output()})
    assert (s.records, s.gold, s.predicted) == (0, 0, 0)


def test_quote_offsets_are_aligned_when_the_coder_cleaned_the_text():
    # the gold text has curly quotes and a run of spaces that the coder's text has not
    gold = "Officials met on Monday.            “We will rebuild the school,” said Lena Berg, the minister."
    clean = 'Officials met on Monday. "We will rebuild the school," said Lena Berg, the minister.'
    rec = DevRecord(id="a1", date=None, text=gold, annotates=frozenset({"quotes"}),
                    quotes=(GoldQuote(at(gold, "We will rebuild the school,"), "the minister",
                                      (at(gold, "Lena Berg"),)),))
    # the name gives no match ("the minister"): only the aligned speaker span can
    out = coded("a1", clean, quotes=(
        quote(clean, at(clean, "We will rebuild the school,"),
              speaker("the minister", "the minister", at(clean, "Lena Berg"))),))
    s = score_quotes([rec], {"a1": out})
    assert (s.predicted_right, s.recalled, s.speaker_right) == (1, 1, 1)
    # the coded speaker span, read as a gold offset, would not overlap the gold mention
    assert at(clean, "Lena Berg")[1] <= at(gold, "Lena Berg")[0]


# ----------------------------------------------------------------------------- places
PLACE_TEXT = ("Floods hit Paris and Lyon on Monday, while Springfield stayed dry. "
              "Officials in France blamed the swollen Rhine.")

PARIS = (48.8566, 2.3522)
LYON = (45.7640, 4.8357)
SPRINGFIELD_IL = (39.7817, -89.6501)
SPRINGFIELD_MA = (42.1015, -72.5898)


def place_record(rid: str = "p1") -> DevRecord:
    t = PLACE_TEXT
    return DevRecord(id=rid, date=None, text=t, annotates=frozenset({"places"}), places=(
        GoldPlace(at(t, "Paris"), "Paris", "FRA", *PARIS, note="Literal; GeoNames 1"),
        GoldPlace(at(t, "Lyon"), "Lyon", "FRA", *LYON, note="Literal"),
        GoldPlace(at(t, "Springfield"), "Springfield", "USA", *SPRINGFIELD_IL, note="Literal"),
        GoldPlace(at(t, "France"), "France", "FRA", 46.0, 2.0, note="Metonymic (Noun); GeoNames 2"),
        GoldPlace(at(t, "Rhine"), "Rhine", "DEU", 50.0, 7.6),
    ))


def place(name, country, lat, lon, kind, span) -> Place:
    return Place(name, country, lat, lon, kind, span, 0 if span else None)


def place_output(rid: str = "p1") -> ArticleRecord:
    t = PLACE_TEXT
    paris = at(t, "Paris")
    return coded(rid, t, places=(
        place("Paris", "FRA", *PARIS, "city", paris),
        place("Paris", "FRA", *PARIS, "city", (paris[0] + 2, paris[1] + 4)),  # a duplicate
        place("Lyon", "BEL", None, None, "city", at(t, "Lyon")),  # wrong country, no coordinates
        place("Springfield", "USA", *SPRINGFIELD_MA, "city", at(t, "Springfield")),  # far
        place("France", "FRA", 46.6, 1.9, "country", None),  # no span: matched by name
        place("Monday", "USA", 10.0, 10.0, "city", at(t, "Monday")),  # not a place
    ))


def test_places_counted_by_hand():
    s = score_places([place_record()], {"p1": place_output()})
    assert (s.gold, s.predicted, s.matched) == (5, 6, 4)
    assert (s.country_n, s.country_right) == (4, 3)
    assert (s.geo, s.distance_n, s.near, s.no_coordinates) == (5, 4, 2, 1)
    summary = s.summary()
    assert summary["mention_recall"] == 0.8
    assert summary["precision"] == 0.667  # the duplicate Paris is not matched one-to-one
    assert summary["country_accuracy"] == 0.75
    assert summary["acc161"] == 0.5
    assert summary["e2e_acc161"] == 0.4
    assert summary["acc161_by_kind"] == {"city": {"acc161": 0.333, "n": 3},
                                         "country": {"acc161": 1.0, "n": 1}}
    assert summary["recall_by_note"] == {"(no note)": {"recall": 0.0, "n": 1},
                                         "Literal": {"recall": 1.0, "n": 3},
                                         "Metonymic": {"recall": 1.0, "n": 1}}


def test_place_errors():
    s = score_places([place_record()], {"p1": place_output()})
    kinds = {e["kind"] for e in s.errors()}
    assert kinds == {"wrong country", "no coordinates", "far (>161 km)", "missed place"}
    far = next(e for e in s.errors() if e["kind"].startswith("far"))
    assert far["gold"][0] == "Springfield" and far["coded"][-1] > 1000


def test_missing_place_output_counts_every_gold_place_as_missed():
    s = score_places([place_record("p1"), place_record("p2")], {"p1": place_output("p1")})
    assert (s.records, s.gold, s.predicted, s.matched, s.geo) == (2, 10, 6, 4, 10)
    assert s.summary()["e2e_acc161"] == 0.2


def test_haversine_and_the_161_km_threshold():
    assert haversine_km(*PARIS, *PARIS) == 0.0
    assert 340 < haversine_km(*PARIS, 51.5074, -0.1278) < 347  # Paris - London
    # one degree of latitude is about 111 km
    assert haversine_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(111.19, abs=0.05)


def test_one_to_one_matching_takes_the_largest_overlap_first():
    # gold 0 overlaps prediction 0 by 5 and prediction 1 by 10: it takes prediction 1,
    # leaving prediction 0 to gold 1
    assert match_one_to_one([(0, 10), (8, 20)], [(5, 12), (0, 10)]) == {0: 1, 1: 0}
    assert match_one_to_one([(0, 4), None], [(4, 8), None]) == {}


def test_note_group():
    assert note_group("GeoWebNews Literal_Modifier (Noun); GeoNames 1") == "GeoWebNews Literal_Modifier"
    assert note_group("") == "(no note)"


# ----------------------------------------------------------------------------- dates
DATE_TEXT = ("On 3 March 2021 the port reopened after it had been closed for two weeks. "
             "Talks resume on Friday at 9 a.m. Every Monday, ships wait. Last year was quiet, "
             "the spring may be busy, and officials will meet again tomorrow.")


def date_record() -> DevRecord:
    t = DATE_TEXT
    return DevRecord(id="d1", date="2021-03-01", text=t, annotates=frozenset({"dates"}), dates=(
        GoldDate(at(t, "3 March 2021"), "2021-03-03", "DATE"),
        GoldDate(at(t, "two weeks"), None, "DURATION"),
        GoldDate(at(t, "Friday"), "2021-03-05", "DATE"),
        GoldDate(at(t, "at 9 a.m."), None, "TIME"),
        GoldDate(at(t, "Every Monday"), None, "SET"),
        GoldDate(at(t, "Last year"), "2020", "DATE"),
        GoldDate(at(t, "the spring"), None, "DATE"),
    ))


def date(text: str, span: tuple[int, int], value: str | None) -> DateRef:
    return DateRef(text=text[span[0]:span[1]], span=span, sentence=0, value=value)


def date_output() -> ArticleRecord:
    t = DATE_TEXT
    d3 = at(t, "3 March 2021")
    return coded("d1", t, dates=(
        date(t, (d3[0] - 1, d3[1] + 1), "2021-03-03"),  # spaces on both sides: still strict
        date(t, at(t, "two weeks"), None),  # only on a DURATION: ignored
        date(t, at(t, "Friday at 9 a.m."), "2021-03-12"),  # relaxed, wrong value
        date(t, at(t, "Monday"), "2021-03-08"),  # only on a SET: ignored
        date(t, at(t, "Last year"), "2020"),  # strict, right value
        date(t, at(t, "spring"), "2021"),  # relaxed; the gold has no value
        date(t, at(t, "tomorrow"), "2021-03-02"),  # not in the gold
    ))


def test_dates_counted_by_hand():
    s = score_dates([date_record()], {"d1": date_output()})
    assert (s.gold, s.predicted, s.strict, s.relaxed) == (4, 5, 2, 4)
    assert (s.value_gold, s.value_n, s.value_right, s.removed) == (3, 3, 2, 0)
    summary = s.summary()
    assert (summary["strict_precision"], summary["strict_recall"], summary["strict_f1"]) == \
        (0.4, 0.5, 0.444)
    assert (summary["relaxed_precision"], summary["relaxed_recall"], summary["relaxed_f1"]) == \
        (0.8, 1.0, 0.889)
    assert summary["value_accuracy"] == 0.667
    assert summary["value_found_right"] == 0.667


def test_date_errors():
    s = score_dates([date_record()], {"d1": date_output()})
    by_kind = {e["kind"]: e for e in s.errors()}
    assert set(by_kind) == {"extent", "wrong value", "spurious date"}
    assert by_kind["wrong value"]["gold"] == "2021-03-05"
    assert by_kind["wrong value"]["coded"][0] == "2021-03-12"
    assert by_kind["spurious date"]["coded"] == "2021-03-02"


def test_relaxed_matching_is_one_to_one():
    t = DATE_TEXT
    out = coded("d1", t, dates=(date(t, at(t, "Last"), "2020"), date(t, at(t, "Last year"), "2020")))
    s = score_dates([date_record()], {"d1": out})
    assert (s.predicted, s.relaxed, s.strict) == (2, 1, 1)
    assert s.value_right == 1


def test_dates_removed_by_cleaning_stay_in_the_gold_as_missed():
    gold = "Updated 12 May 2020\n\nThe strike ended on Tuesday."
    clean = "The strike ended on Tuesday."
    rec = DevRecord(id="d2", date="2020-05-13", text=gold, annotates=frozenset({"dates"}), dates=(
        GoldDate(at(gold, "12 May 2020"), "2020-05-12", "DATE"),
        GoldDate(at(gold, "Tuesday"), "2020-05-12", "DATE"),
    ))
    out = coded("d2", clean, dates=(date(clean, at(clean, "Tuesday"), "2020-05-12"),))
    s = score_dates([rec], {"d2": out})
    assert (s.gold, s.removed, s.predicted, s.strict, s.relaxed) == (2, 1, 1, 1, 1)
    assert (s.value_gold, s.value_n, s.value_right) == (2, 1, 1)
    assert s.summary()["value_accuracy"] == 1.0
    assert s.summary()["value_found_right"] == 0.5
    missed = [e for e in s.errors() if e["kind"] == "missed date"]
    assert missed and missed[0]["text"] == "(removed by cleaning)"


def test_missing_date_output_and_unannotated_records():
    other = DevRecord(id="x", date=None, text=DATE_TEXT, annotates=frozenset({"places"}),
                      dates=date_record().dates)
    s = score_dates([date_record(), other], {})
    assert (s.records, s.gold, s.predicted, s.relaxed) == (1, 4, 0, 0)
    assert s.summary()["relaxed_recall"] == 0.0
    assert s.summary()["value_accuracy"] is None


def test_trim():
    assert trim("  on Friday  ", (0, 13)) == (2, 11)
    assert trim("a   b", (1, 4)) is None
    assert trim("abc", None) is None
