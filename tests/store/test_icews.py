"""`export --format icews` and `--format polecat`: the ICEWS coded event data and POLECAT
weekly data layouts, checked against their published column lists and, row by row, against
a known stored event."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.store.news import ARTICLES
from tidings.rules.tables import data_path, read_tsv
from tidings.run.ingest import ingest
from tidings.store import Store
from tidings.store.eventdata import actor_sectors, sector_names
from tidings.store.icews import ICEWS_COLUMNS, ICEWS_EMPTY, icews_row
from tidings.store.polecat import POLECAT_COLUMNS, POLECAT_EMPTY, polecat_row

# the header of the ICEWS Dataverse files (events.YYYY.tab), in order
ICEWS_HEADER = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
                "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
                "Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude")
# the header of the POLECAT weekly files, in order
POLECAT_HEADER = (
    "Event ID\tEvent Date\tEvent Type\tEvent Mode\tEvent Intensity\tQuad Code\tContexts\t"
    "Actor Name\tActor Country\tActor COW\tPrimary Actor Sector\tActor Sectors\tActor Title\t"
    "Actor Name Raw\tWikipedia Actor ID\tRecipient Name\tRecipient Country\tRecipient COW\t"
    "Primary Recipient Sector\tRecipient Sectors\tRecipient Title\tRecipient Name Raw\t"
    "Wikipedia Recipient ID\tPlacename\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude\tGeoNames ID\t"
    "Raw Placename\tFeature Type\tSource\tPublication Date\tStory People\tStory Organizations\t"
    "Story Locations\tLanguage\tVersion")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    work = tmp_path_factory.mktemp("eventdata")
    src = work / "news.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    path = work / "e.duckdb"
    ingest([src], path)
    return path


def export(db, fmt: str, tmp_path) -> tuple[int, list[str], list[dict[str, str]]]:
    out = tmp_path / f"events.{fmt}.tsv"
    with Store(db, read_only=True) as s:
        n = s.export(fmt, out).written
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    return n, lines, rows


def test_icews_header_is_the_dataverse_header():
    assert "\t".join(ICEWS_COLUMNS) == ICEWS_HEADER and len(ICEWS_COLUMNS) == 20


def test_polecat_header_is_the_weekly_data_header():
    assert "\t".join(POLECAT_COLUMNS) == POLECAT_HEADER and len(POLECAT_COLUMNS) == 40
    assert set(POLECAT_EMPTY) < set(POLECAT_COLUMNS) and set(ICEWS_EMPTY) < set(ICEWS_COLUMNS)


def test_icews_one_row_per_mention_with_a_known_events_values(db, tmp_path):
    n, lines, rows = export(db, "icews", tmp_path)
    with Store(db, read_only=True) as s:
        mentions = s.con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert lines[0] == ICEWS_HEADER and n == len(rows) == mentions > 0
    assert all(len(line.split("\t")) == 20 for line in lines)
    arrest = next(r for r in rows if r["CAMEO Code"] == "173")
    assert arrest == {
        "Event ID": "k1-0", "Event Date": "2022-05-09", "Source Name": "Kenyan police",
        "Source Sectors": "Police", "Source Country": "Kenya",
        "Event Text": "Arrest, detain, or charge with legal action", "CAMEO Code": "173",
        "Intensity": "-5.0", "Target Name": "protesters", "Target Sectors": "Opposition",
        "Target Country": "Kenya", "Story ID": "k1", "Sentence Number": "1", "Publisher": "news.example",
        "City": "Nairobi", "District": "", "Province": "Nairobi Area", "Country": "Kenya",
        "Latitude": "-1.28333", "Longitude": "36.81667"}
    talks = next(r for r in rows if r["Event ID"] == "k2-0")
    assert talks["CAMEO Code"] == "046" and talks["Publisher"] == ""  # leading zero kept; no URL
    assert {r["Event ID"] for r in rows} >= {"k1-0", "k1-1", "k2-0", "k2-1"}
    assert all(r["District"] == "" for r in rows)


def test_polecat_one_row_per_event_cluster_with_a_known_events_values(db, tmp_path):
    n, lines, rows = export(db, "polecat", tmp_path)
    with Store(db, read_only=True) as s:
        clusters = s.con.execute("SELECT count(*) FROM clusters").fetchone()[0]
        cid = s.con.execute("SELECT cluster_id FROM events WHERE article_id = 'k1' AND idx = 0").fetchone()[0]
    assert lines[0] == POLECAT_HEADER and n == len(rows) == clusters > 0
    assert all(len(line.split("\t")) == 40 for line in lines)
    arrest = next(r for r in rows if r["Event Type"] == "COERCE")
    assert arrest["Event ID"] == str(cid)  # the 60-bit cluster id, digit for digit
    expected = {
        "Event Date": "2022-05-09", "Event Mode": "arrest", "Quad Code": "MATERIAL CONFLICT",
        "Contexts": "legal",
        "Actor Name": "Kenyan police", "Actor Country": "KEN", "Primary Actor Sector": "Police",
        "Actor Sectors": "Police", "Actor Name Raw": "Kenyan police", "Recipient Name": "protesters",
        "Recipient Country": "KEN", "Primary Recipient Sector": "Opposition",
        "Recipient Sectors": "Opposition", "Recipient Name Raw": "protesters", "Placename": "Nairobi",
        "City": "Nairobi", "Province": "Nairobi Area", "Country": "KEN", "Latitude": "-1.28333",
        "Longitude": "36.81667", "GeoNames ID": "184745", "Source": "news.example",
        "Publication Date": "2022-05-10", "Story Locations": "Kenya; Nairobi; United States",
        "Language": "en"}
    assert {k: arrest[k] for k in expected} == expected
    assert arrest["Version"].startswith("tidings-")
    for r in rows:
        assert all(r[c] == "" for c in POLECAT_EMPTY), r


def test_ids_are_strings_never_rounded():
    row = {"article_id": "a", "idx": 3, "cluster_id": 1142862884077516881, "cameo": "046",
           "source_code": "FRA", "source_country": "FRA", "source_name": "France"}
    assert polecat_row(row)[0] == "1142862884077516881"  # a float would round it (…6800, 1.14e+18)
    assert icews_row(row)[0] == "a-3" and icews_row(row)[11] == "a"
    assert all(isinstance(v, str) for v in polecat_row(row) + icews_row(row))


def test_intensity_falls_back_to_the_cameo_table_and_names_to_countries():
    row = {"article_id": "a", "idx": 0, "cameo": "046", "source_code": "IGOUNO", "source_name": "United Nations",
           "target_code": "NGOHRIAMN", "target_name": "Amnesty International", "sentence": 4}
    r = dict(zip(ICEWS_COLUMNS, icews_row(row), strict=True))
    assert r["Intensity"] == "7.0" and r["Event Text"] == "Engage in negotiation"
    assert r["Source Sectors"] == "Intergovernmental Organizations" and r["Source Country"] == ""
    assert r["Target Sectors"] == "Nongovernmental Organizations,Human Rights"
    assert r["Sentence Number"] == "5"


@pytest.mark.parametrize("fmt, header", [("icews", ICEWS_HEADER), ("polecat", POLECAT_HEADER)])
def test_an_empty_store_gives_the_header_alone(tmp_path, fmt, header):
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    out = tmp_path / "out.tsv"
    with Store(db, read_only=True) as s:
        assert s.export(fmt, out).written == 0
    assert out.read_text(encoding="utf-8") == header + "\n"


def test_every_role_code_has_one_sector():
    roles = [r["code"] for r in read_tsv(data_path("role_codes.tsv"), ("code", "label"))]
    sectors = [r["code"] for r in read_tsv(data_path("sectors.tsv"), ("code", "sector"))]
    assert sorted(roles) == sorted(sectors) and len(set(sectors)) == len(sectors)
    assert all(sector_names()[c] and "," not in sector_names()[c] and ";" not in sector_names()[c]
               for c in sectors)  # a name never holds the lists' separators
    assert actor_sectors("USAGOVMIL") == ["Government", "Military"]
    assert actor_sectors("USA") == [] and actor_sectors("unidentified") == [] and actor_sectors(None) == []
