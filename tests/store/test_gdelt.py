"""GDELT 2.0 Event rows from event clusters: every field against the codebook meaning."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from tests.conftest import shared_file
from tidings.rules.tables import read_tsv
from tidings.store.gdelt import GDELT_COLUMNS, gdelt_row, iso3_to_fips, write_gdelt

# A made-up cluster: the US threatened North Korea with military force in Tokyo.
THREAT = {
    "cluster_num": 123456789, "date": dt.date(2017, 2, 2), "date_value": "2017-02-02",
    "source_code": "USAGOV", "source_country": "USA", "source_name": "United States",
    "source_role": "GOV",
    "target_code": "PRKMIL", "target_country": "PRK", "target_name": "North Korea",
    "target_role": "MIL",
    "cameo": "138", "cameo_root": "13", "quad_class": 3, "goldstein": -7.0,
    "num_mentions": 3, "num_sources": 2, "num_articles": 2,
    "location": "Tokyo", "location_country": "JPN", "location_kind": "city",
    "lat": 35.6895, "lon": 139.69171, "sentence": 1,
    "first_ingested": dt.datetime(2017, 2, 2, 9, 30, 5),
    "url": "https://example.com/news/threat",
}


def fields(cluster: dict) -> dict[str, str]:
    row = gdelt_row(cluster)
    assert len(row) == 61 and all(isinstance(v, str) for v in row)
    return dict(zip(GDELT_COLUMNS, row, strict=True))


def block(r: dict[str, str], prefix: str) -> list[str]:
    return [v for k, v in r.items() if k.startswith(prefix)]


@pytest.mark.shared
def test_columns_match_the_gdelt_61_column_list():
    path = shared_file("reference/gdelt/gdelt_v2_events_61_columns.tsv")
    rows = read_tsv(path, ("index", "name"))
    assert [int(r["index"]) for r in rows] == list(range(61))
    assert GDELT_COLUMNS == tuple(r["name"] for r in rows)


def test_columns_are_61_unique_names():
    assert len(GDELT_COLUMNS) == 61 and len(set(GDELT_COLUMNS)) == 61
    assert GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_fips_codes():
    assert iso3_to_fips("KOR") == "KS"
    assert iso3_to_fips("PRK") == "KN"
    assert iso3_to_fips("JPN") == "JA"
    assert iso3_to_fips("USA") == "US"
    assert iso3_to_fips("deu") == "GM"
    assert iso3_to_fips("YUG") == "YI"
    assert iso3_to_fips("SUN") is None and iso3_to_fips(None) is None and iso3_to_fips("") is None


def test_fips_table_covers_our_countries():
    rows = read_tsv("fips_countries.tsv", ("iso3", "fips", "name"))
    assert all(len(r["iso3"]) == 3 and r["iso3"].isupper() for r in rows)
    assert all(len(r["fips"]) == 2 and r["fips"].isupper() and r["name"] for r in rows)
    ours = {r["iso3"] for r in read_tsv("countries.tsv", ("iso3",))}
    unmapped = {c for c in ours if iso3_to_fips(c) is None}
    assert unmapped == {"SUN", "CSK", "DDR"}  # historical states with no FIPS code


@pytest.mark.parametrize(("value", "report", "sqldate"), [
    ("2017", dt.date(2017, 5, 9), "20170509"),      # "earlier this year": the report's day
    ("2017-05", dt.date(2017, 5, 9), "20170509"),   # "this month"
    ("2017-04", dt.date(2017, 5, 9), "20170401"),   # another month: its first day
    ("1941", dt.date(2017, 5, 9), "19410101"),      # a year long past
    ("2017-02-02", dt.date(2017, 5, 9), "20170202"),  # a day is a day
    ("2017", None, "20170101"),                     # no report date known
    ("2017-Q2", dt.date(2017, 5, 9), "20170509"),   # "this quarter"
    ("2017-Q1", dt.date(2017, 5, 9), "20170101"),   # "the first quarter": its first day
])
def test_a_year_or_month_alone_is_dated_by_its_report_when_it_falls_in_it(value, report, sqldate):
    from tidings.store.rows import event_date

    r = fields(THREAT | {"date": event_date(value), "date_value": value, "report_date": report})
    assert r["SQLDATE"] == sqldate


def test_event_id_and_dates():
    r = fields(THREAT)
    assert r["GLOBALEVENTID"] == "123456789"
    assert (r["SQLDATE"], r["MonthYear"], r["Year"]) == ("20170202", "201702", "2017")
    assert r["FractionDate"] == "2017.0904"  # day 33 of 365
    assert r["DATEADDED"] == "20170202093005"
    assert r["SOURCEURL"] == "https://example.com/news/threat"
    no_url = fields(THREAT | {"url": None, "first_article_id": "wire-2017-0202-17"})
    assert no_url["SOURCEURL"] == "wire-2017-0202-17"  # never empty: the report's id


def test_store_column_name_cluster_id_is_accepted():
    c = {k: v for k, v in THREAT.items() if k != "cluster_num"} | {"cluster_id": 42}
    assert fields(c)["GLOBALEVENTID"] == "42"


def test_actors():
    r = fields(THREAT)
    assert block(r, "Actor1")[:10] == [
        "USAGOV", "UNITED STATES", "USA", "", "", "", "", "GOV", "", ""]
    assert (r["Actor2Code"], r["Actor2Name"], r["Actor2CountryCode"], r["Actor2Type1Code"]) == (
        "PRKMIL", "NORTH KOREA", "PRK", "MIL")
    assert r["Actor2KnownGroupCode"] == r["Actor2Type2Code"] == ""


@pytest.mark.parametrize(("code", "country", "expect"), [
    # code -> (CountryCode, KnownGroupCode, Religion1Code, Type1Code, Type2Code)
    ("IGOUNO", None, ("", "UNO", "", "IGO", "")),
    ("IGOWSTNAT", None, ("WST", "NAT", "", "IGO", "")),
    ("IGOEUREEC", None, ("EUR", "EEC", "", "IGO", "")),
    ("NGOHRIAMN", None, ("", "AMN", "", "NGO", "HRI")),
    ("IMGMOSALQ", None, ("", "ALQ", "MOS", "IMG", "")),
    ("IGOUNODEVWBK", None, ("", "WBK", "", "IGO", "DEV")),
    ("GBRGOVMIL", "GBR", ("GBR", "", "", "GOV", "MIL")),
    ("XKXREB", None, ("XKX", "", "", "REB", "")),
])
def test_actor_code_is_split_into_fields(code, country, expect):
    c = THREAT | {"source_code": code, "source_country": country, "source_role": None}
    r = fields(c)
    got = tuple(r[f"Actor1{f}"] for f in (
        "CountryCode", "KnownGroupCode", "Religion1Code", "Type1Code", "Type2Code"))
    assert got == expect
    assert r["Actor1Code"] == code and r["Actor1EthnicCode"] == ""


def test_role_fills_types_when_the_code_has_none():
    r = fields(THREAT | {"source_code": "USA", "source_role": "GOVMIL"})
    assert (r["Actor1Type1Code"], r["Actor1Type2Code"]) == ("GOV", "MIL")


def test_event_action_fields():
    r = fields(THREAT)
    assert (r["EventCode"], r["EventBaseCode"], r["EventRootCode"]) == ("138", "138", "13")
    assert (r["QuadClass"], r["GoldsteinScale"], r["AvgTone"]) == ("3", "-7", "0")
    assert (r["NumMentions"], r["NumSources"], r["NumArticles"]) == ("3", "2", "2")
    assert r["IsRootEvent"] == "1"
    four = fields(THREAT | {"cameo": "0871", "cameo_root": "08"})
    assert (four["EventCode"], four["EventBaseCode"], four["EventRootCode"]) == (
        "0871", "087", "08")


def test_quad_class_and_goldstein_fall_back_to_the_cameo_table():
    r = fields(THREAT | {"cameo": "0871", "quad_class": None, "goldstein": None})
    assert (r["QuadClass"], r["GoldsteinScale"]) == ("2", "9")


@pytest.mark.parametrize(("given", "root"), [
    ({"sentence": 0}, "1"), ({"sentence": 2}, "1"), ({"sentence": 3}, "0"),
    ({"sentence": 0, "is_root": False}, "0"), ({"sentence": 9, "is_root": True}, "1"),
    ({"sentence": None}, "0"),
])
def test_is_root_event(given, root):
    assert fields(THREAT | given)["IsRootEvent"] == root


def test_actor_geo_is_the_actor_country_at_the_centre_of_its_land():
    r = fields(THREAT)
    assert block(r, "Actor1Geo_") == ["1", "United States", "US", "US", "", "39.53", "-99.14", "US"]
    assert block(r, "Actor2Geo_") == ["1", "North Korea", "KN", "KN", "", "40.15", "127.19", "KN"]
    igo = fields(THREAT | {"source_code": "IGOUNO", "source_country": None})
    assert block(igo, "Actor1Geo_") == [""] * 8


def test_action_geo_world_city():
    r = fields(THREAT)
    assert block(r, "ActionGeo_") == [
        "4", "Tokyo, Japan", "JA", "JA", "", "35.6895", "139.6917", ""]


@pytest.mark.parametrize(("place", "expect"), [
    ({"location": "Chicago", "location_country": "USA", "location_kind": "city"},
     ("3", "Chicago, United States", "US")),
    ({"location": "Texas", "location_country": "USA", "location_kind": "region"},
     ("2", "Texas, United States", "US")),
    ({"location": "Hokkaido", "location_country": "JPN", "location_kind": "region"},
     ("5", "Hokkaido, Japan", "JA")),
    ({"location": "South Korea", "location_country": "KOR", "location_kind": "country"},
     ("1", "South Korea", "KS")),
    ({"location": "South Korea", "location_country": "KOR", "location_kind": None},
     ("1", "South Korea", "KS")),
    ({"location": "Busan", "location_country": "KOR", "location_kind": None},
     ("4", "Busan, South Korea", "KS")),
])
def test_action_geo_types(place, expect):
    r = fields(THREAT | place)
    assert (r["ActionGeo_Type"], r["ActionGeo_FullName"], r["ActionGeo_CountryCode"]) == expect
    assert r["ActionGeo_ADM1Code"] == expect[2]  # only the country is known
    assert r["ActionGeo_FeatureID"] == (expect[2] if expect[0] == "1" else "")


def test_action_geo_city_with_province_and_geonames_id():
    r = fields(THREAT | {"location": "Kingston", "location_country": "CAN", "location_kind": "city",
                         "location_admin1": "Ontario", "location_geonames_id": 5992500})
    assert (r["ActionGeo_FullName"], r["ActionGeo_FeatureID"]) == ("Kingston, Ontario, Canada", "5992500")
    st = fields(THREAT | {"location": "Ontario", "location_country": "CAN", "location_kind": "region",
                          "location_admin1": "Ontario"})
    assert (st["ActionGeo_Type"], st["ActionGeo_FullName"]) == ("5", "Ontario, Canada")


@pytest.mark.parametrize("place", [
    {"location": None, "location_country": None, "location_kind": None, "lat": None, "lon": None},
    {"location": "Northeast Asia", "location_country": None, "location_kind": "region"},
])
def test_action_geo_without_a_country_is_empty(place):
    assert block(fields(THREAT | place), "ActionGeo_") == [""] * 8


def test_no_target_gives_empty_actor2_columns():
    none = {"target_code": None, "target_country": None, "target_name": None, "target_role": None}
    r = fields(THREAT | none)
    assert block(r, "Actor2") == [""] * 18  # 10 actor fields + 8 Actor2Geo fields
    assert r["Actor1Code"] == "USAGOV" and r["EventCode"] == "138"


@pytest.mark.parametrize(("date", "value", "expect"), [
    (None, "2017-02", ("20170201", "201702", "2017", "2017.0877")),
    (dt.date(2017, 2, 1), "2017-02", ("20170201", "201702", "2017", "2017.0877")),
    (None, "2016", ("20160101", "201601", "2016", "2016.0027")),
    (dt.date(2016, 12, 31), "2016-12-31", ("20161231", "201612", "2016", "2016.9999")),
    (None, None, ("", "", "", "")),
])
def test_partial_and_missing_dates(date, value, expect):
    r = fields(THREAT | {"date": date, "date_value": value})
    assert (r["SQLDATE"], r["MonthYear"], r["Year"], r["FractionDate"]) == expect


def test_dateadded_is_utc():
    tokyo = dt.timezone(dt.timedelta(hours=9))
    r = fields(THREAT | {"first_ingested": dt.datetime(2017, 2, 2, 9, 0, 0, tzinfo=tokyo)})
    assert r["DATEADDED"] == "20170202000000"
    assert fields(THREAT | {"first_ingested": None})["DATEADDED"] == ""


def test_tabs_and_newlines_never_break_columns():
    c = THREAT | {"source_name": "United\tStates", "target_name": "North\nKorea",
                  "location": "To\tkyo\r", "url": "https://example.com/a\tb\nc"}
    out = io.StringIO()
    assert write_gdelt([c], out) == 1
    text = out.getvalue()
    assert text.endswith("\n") and text.count("\n") == 1 and "\r" not in text
    r = dict(zip(GDELT_COLUMNS, text.rstrip("\n").split("\t"), strict=True))
    assert (r["Actor1Name"], r["Actor2Name"]) == ("UNITED STATES", "NORTH KOREA")
    assert r["ActionGeo_FullName"] == "To kyo, Japan"
    assert r["SOURCEURL"] == "https://example.com/a b c"


def test_write_gdelt_writes_one_line_per_cluster_and_no_header():
    out = io.StringIO()
    n = write_gdelt(iter([THREAT, THREAT | {"cluster_num": 7, "target_code": None,
                                            "target_country": None, "target_name": None}]), out)
    lines = out.getvalue().splitlines()
    assert n == 2 and len(lines) == 2
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert [line.split("\t")[0] for line in lines] == ["123456789", "7"]
    assert write_gdelt([], io.StringIO()) == 0


def test_an_unidentified_doer_leaves_the_actor_blank():
    nobody = THREAT | {"source_code": None, "source_country": None, "source_name": "unidentified",
                       "source_role": None}
    assert block(fields(nobody), "Actor1")[:10] == [""] * 10
    words = nobody | {"source_name": "Masked vigilantes"}
    r = fields(words)
    assert r["Actor1Code"] == "" and r["Actor1Name"] == "MASKED VIGILANTES"


@pytest.mark.parametrize(("avg_tone", "expect"), [(-4.21875, "-4.2188"), (2.5, "2.5"), (None, "0")])
def test_avg_tone_is_the_mean_tone_of_the_reporting_articles(avg_tone, expect):
    assert fields(THREAT | {"avg_tone": avg_tone})["AvgTone"] == expect


def test_the_export_averages_the_tone_of_every_article_of_a_cluster(tmp_path):
    import json

    from tidings.run.ingest import ingest
    from tidings.store import Store

    src = tmp_path / "n.jsonl"
    stories = [("a", "Russian forces attacked Ukrainian positions, killing three soldiers."),
               ("b", "The talks were warm and friendly. Russian forces attacked Ukrainian positions.")]
    src.write_text("".join(json.dumps({"id": i, "date": "2024-11-20", "text": t}) + "\n"
                           for i, t in stories), encoding="utf-8")
    db, out = tmp_path / "t.duckdb", tmp_path / "g.tsv"
    ingest([src], db)
    with Store(db, read_only=True) as s:
        tones = [t for (t,) in s.con.execute("SELECT tone FROM articles ORDER BY id").fetchall()]
        assert s.export("gdelt", out).written == 1
    row = dict(zip(GDELT_COLUMNS, out.read_text().rstrip("\n").split("\t"), strict=True))
    assert tones[0] < tones[1]  # killing against warm and friendly
    assert float(row["AvgTone"]) == pytest.approx(sum(tones) / 2, abs=1e-4)
    assert row["NumArticles"] == "2"


@pytest.mark.parametrize(("value", "report", "unknown"), [
    ("1941", dt.date(2024, 3, 12), True),          # a year long past
    ("2024-02", dt.date(2024, 3, 12), True),       # last month
    ("2024-Q1", "2024-03-12", False),              # this quarter: the report's day
    ("2024", dt.datetime(2024, 3, 12, 9, 30), False),
    ("2024-03-11", dt.date(2024, 3, 12), False),   # a day is a day
    ("2024", None, True),                          # no report to place it by
    (None, dt.date(2024, 3, 12), False),           # undated: nothing to leave out
])
def test_which_days_are_unknown(value, report, unknown):
    from tidings.store.rows import day_unknown

    assert day_unknown(value, report) is unknown
