"""PETRARCH/TABARI dictionaries -> a tidings rules folder (tidings.rules.petrarch).

The fixtures in tests/fixtures/petrarch are small dictionaries written for these tests in
the PETRARCH formats (invented people and groups; real countries)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, shared_file
from tidings.rules import petrarch
from tidings.rules.petrarch import ImportReport, PetrarchError, import_petrarch
from tidings.rules.tables import data_path, read_tsv

DICTS = FIXTURES / "petrarch"


def header(path: Path) -> list[str]:
    line = next(ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#"))
    return line.split("\t")


def load(out: Path, table: str) -> list[dict[str, str]]:
    """A written table, read by our own loader with every column of the package's header."""
    assert header(out / table) == header(data_path(table))
    return [r.values for r in read_tsv(out / table, tuple(header(data_path(table))))]


def run(tmp_path: Path, *names: str) -> tuple[ImportReport, Path]:
    out = tmp_path / "rules"
    return import_petrarch([DICTS / n for n in names], out), out


def by(rows: list[dict[str, str]], key: str, value: str) -> list[dict[str, str]]:
    return [r for r in rows if r[key] == value]


# ------------------------------------------------------------------ actor dictionaries


def test_country_block(tmp_path):
    report, out = run(tmp_path, "countries.actors.txt")
    rows = {r["iso3"]: r for r in load(out, "countries.tsv")}
    assert set(rows) == {"NOR", "XKX"}
    nor = rows["NOR"]
    assert nor["name"] == "Norway"
    assert nor["aliases"].split("|") == ["Kingdom of Norway", "Norwayy"]  # state word; a misspelling
    assert nor["demonyms"] == "Norwegian"
    assert nor["capitals"] == "Oslo"  # our countries.tsv knows Oslo is the capital
    # the rest (a city), then the second [NOR] block, merged into the one row
    assert nor["cities"].split("|") == ["Tromso", "Svalbard", "Longyearbyen"]
    assert nor["cameo"] == ""
    assert rows["XKX"]["cameo"] == "KSV"  # Phoenix's code for Kosovo, iso3 XKX
    reason = "three-letter code is not a country (a region or unknown)"
    assert report.refused[reason] == 1
    assert report.examples[reason][0].where == "countries.actors.txt:18"
    # Stockholm names Sweden in our countries.tsv: a form never points to two countries
    assert report.refused["form already names another country"] == 1
    assert "Stockholm" not in (out / "countries.tsv").read_text(encoding="utf-8")


def test_long_country_row_is_trimmed(tmp_path):
    synonyms = "".join(f"+SMALL_TOWN_NUMBER_{chr(65 + i // 26)}{chr(65 + i % 26)}_\n" for i in range(80))
    (tmp_path / "big.actors.txt").write_text(f"NORWAY_ [NOR]\n{synonyms}", encoding="utf-8")
    report = import_petrarch([tmp_path / "big.actors.txt"], tmp_path / "out")
    line = (tmp_path / "out" / "countries.tsv").read_text(encoding="utf-8").splitlines()[2]
    assert len(line) < 1000
    kept = len(line.split("\t")[5].split("|"))
    assert kept + report.refused["form left out: the row would pass 1000 characters"] == 80


def test_people_rows_and_dates(tmp_path):
    report, out = run(tmp_path, "countries.actors.txt")
    people = load(out, "people.tsv")
    ingrid = by(people, "name", "Ingrid Testdottir")
    spans = [(r["role"], r["start"], r["end"]) for r in ingrid]
    # one row per (person, code, date range): dated rows first, the undated default last
    assert spans == [("ELI", "1960-01-01", "1989-12-31"), ("GOV", "1990-01-01", "1997-06-30"),
                     ("GOV", "2020-01-01", ""), ("ELI", "", "")]
    assert {r["country"] for r in ingrid} == {"NOR"}
    assert ingrid[0]["aliases"] == "I. Testdottir"
    olav = by(people, "name", "Olav Examplesen")[0]
    assert (olav["role"], olav["start"], olav["end"]) == ("GOVMIL", "", "1999-12-31")  # <YYMMDD
    harald = by(people, "name", "Harald O'Century")[0]
    assert (harald["start"], harald["end"]) == ("1928-01-01", "1945-01-01")  # 28 > 45: a century back
    liv = by(people, "name", "Liv Future")[0]
    assert (liv["start"], liv["end"]) == ("2025-03-01", "")  # >YYMMDD; 00-30 is 20xx
    kari = by(people, "name", "Kari Normann")
    assert [(r["role"], r["start"], r["end"]) for r in kari] == [("LEG", "1995-01-01", "2001-09-30")]
    assert report.refused["bad date"] == 1  # [NORGOV 950101-9501]
    not_a_role = "not a CAMEO role code after the country (religion, ethnic group or other)"
    assert report.refused[not_a_role] == 1  # [NORMUS]
    assert report.refused["code starts with neither a country nor IGO/NGO/NGM/IMG/MNC/INT/UIS"] == 1
    # the XML comment hid a code; the ; comment did not hide the entry
    assert not by(people, "name", "Erik Undated")
    assert report.rows["people.tsv"] == len(people) == 8


def test_stems_are_whole_words(tmp_path):
    report, out = run(tmp_path, "countries.actors.txt")
    # KARI_NORMANN and +TROMSO lack the final _: TABARI stems, kept as words and counted
    assert report.caveats["stem matched as a whole word"] == 2
    stems = {e.text for e in report.caveat_examples["stem matched as a whole word"]}
    assert stems == {"KARI_NORMANN", "TROMSO"}
    assert by(load(out, "people.tsv"), "name", "Kari Normann")


def test_organisations(tmp_path):
    report, out = run(tmp_path, "countries.actors.txt", "international.actors.txt", "groups.actors.txt")
    orgs = {r["name"]: r for r in load(out, "organisations.tsv")}
    assert orgs["Norwegian Armed Forces"] == {
        "name": "Norwegian Armed Forces", "aliases": "NAF", "code": "NORMIL", "country": "NOR",
        "role": "MIL", "kind": "military"}
    assert orgs["Storting"]["kind"] == "legislature"  # NORGOVLEG: LEG decides over GOV
    assert orgs["Nordic Peace Front"]["aliases"] == "NPF"  # "(NPF)" in the name is an acronym
    assert orgs["Nordic Peace Front"]["kind"] == "armed_group"
    assert orgs["United Nations"]["aliases"] == "UN|U.N."  # acronyms stay in capitals
    assert orgs["North Atlantic Treaty Organization"]["aliases"] == "NATO"
    fund = orgs["Example Relief Fund"]
    assert (fund["code"], fund["kind"]) == ("NGOHLH", "ngo")
    acme = orgs["Acme Widgets Inc"]
    assert (acme["code"], acme["country"], acme["kind"]) == ("MNC", "USA", "company")  # MNCUSA
    assert report.refused["alias already names an organisation with another code"] == 1
    assert orgs["Blue Hand"]["kind"] == "armed_group"  # a two-word name in an armed-groups file
    assert orgs["Sample Jihad Network"]["code"] == "IMGMOSSJN"  # Phoenix IMGMUS -> IMGMOS
    ours = {r["kind"] for r in read_tsv("organisations.tsv", ("kind",))}
    assert {r["kind"] for r in orgs.values()} <= ours
    people = load(out, "people.tsv")
    john = by(people, "name", "John Q Public")
    assert [(r["country"], r["role"], r["start"], r["end"]) for r in john] == [
        ("", "IGOUNO", "2005-01-01", "2009-12-31")]
    assert report.refused["role code without a country"] == 1  # his [ELI]
    assert report.refused["three-letter code is not a country (a region or unknown)"] == 2  # FRD, WEU


def test_file_kinds_from_content(tmp_path):
    # names that say nothing: the content decides
    for src, name in [("international.actors.txt", "a.txt"), ("groups.actors.txt", "b.dat"),
                      ("agents.txt", "c.actors.txt"), ("verbs.txt", "d.txt")]:
        shutil.copy(DICTS / src, tmp_path / name)
    report = import_petrarch([tmp_path / n for n in ("a.txt", "b.dat", "c.actors.txt", "d.txt")],
                             tmp_path / "out")
    assert [f.kind for f in report.files] == [
        petrarch.INTERNATIONAL_ACTORS, petrarch.ARMED_GROUP_ACTORS, petrarch.AGENTS, petrarch.VERBS]


# ------------------------------------------------------------------ agents


def test_agents(tmp_path):
    report, out = run(tmp_path, "agents.txt")
    roles = {r["phrase"]: r for r in load(out, "roles.tsv")}
    # !FOLK! = MAN, MEN, WOMAN, PERSON: "men" is the loader's own plural of "man"
    assert {p for p in roles if p.startswith("fisher")} == {"fisherman", "fisherwoman", "fisherperson"}
    assert report.caveats["regular plural left to the loader"] == 1
    assert (roles["fisherman"]["role"], roles["fisherman"]["person"]) == ("AGR", "yes")
    # !MINST! in front: the loader cannot make "ministers of fisheries", so it has its row
    assert roles["minister of fisheries"]["person"] == "yes"
    assert roles["ministers of fisheries"]["person"] == "no"
    assert roles["ministry of fisheries"]["person"] == "no"
    assert roles["ministry of fisheries"]["role"] == "GOVAGR"
    assert (roles["border guard"]["role"], roles["border guard"]["person"]) == ("MIL", "no")
    assert roles["townsfolk"]["person"] == "no"  # {TOWNSFOLK}: an irregular plural of its own
    assert roles["peace monitor"]["role"] == "IGO"  # [IGO~]
    assert roles["spokesperson"]["person"] == "yes"
    assert roles["chief executive"]["role"] == "BUS"
    assert report.caveats["gap between words read as adjacent words"] == 1
    assert roles["spokesperson"]["note"] == "imported from agents.txt:10"
    assert all(p == p.lower() for p in roles)
    assert report.refused["not a CAMEO role code (religion, ethnic group or other)"] == 1  # MONK [~BUD]
    assert report.refused["agent without a code"] == 1
    assert report.refused["malformed code"] == 1  # [~XYZ}
    assert report.refused["undefined !UNKNOWN! macro"] == 1
    assert "commented out" not in roles


# ------------------------------------------------------------------ verbs


def test_verbs_simple_patterns(tmp_path):
    report, out = run(tmp_path, "verbs.txt")
    rows = [(r["code"], r["verb"], r["prep"], r["object"], r["to"]) for r in load(out, "verbs.tsv")]
    assert ("040", "convene", "", "", "") in rows  # the verb with the block's code
    assert ("040", "meet", "with", "", "") in rows  # +MEET_WITH: verb and particle
    assert not [r for r in rows if r[1] == "gather" and not r[3]]  # GATHER [---]: no bare row
    assert ("040", "gather", "", "delegate", "") in rows  # a pattern holds for every verb of the block
    assert ("046", "convene", "for", "talk", "") in rows  # (FOR TALKS): preposition and its object
    assert ("046", "convene", "", "peace talk", "") in rows  # {PEACE TALKS}: a two-word object
    assert ("164", "walk", "out", "", "") in rows
    remark = by(load(out, "verbs.tsv"), "verb", "remark")[0]
    assert (remark["code"], remark["note"]) == ("010", "statement; imported from verbs.txt:30")
    assert {r[0] for r in rows} <= {r["code"] for r in read_tsv("cameo.tsv", ("code",))}
    note = by(load(out, "verbs.tsv"), "verb", "convene")[0]["note"]
    assert note == "imported from verbs.txt:11"


@pytest.mark.parametrize("reason", [
    "source/target position ($ +)", "synset (&)", "compound actor (%)", "words before the verb",
    "paired code [x:y] (an event each way)", "CAMEO code not in cameo.tsv", "more than one object word",
    "more than one particle or preposition", "adverb after the verb (no column for it)",
    "multi-word verb", "transformation (~ rule)", "pattern preposition clashes with the verb's own",
    "same verb, prep and object as an earlier row with another code",
])
def test_verbs_complex_patterns_refused(tmp_path, reason):
    report, _ = run(tmp_path, "verbs.txt")
    assert report.refused[reason] >= 1
    assert report.examples[reason][0].where.startswith("verbs.txt:")


def test_verb_counts(tmp_path):
    report, _ = run(tmp_path, "verbs.txt")
    assert report.refused["source/target position ($ +)"] == 2  # "+ (IN CAPITAL)" and "$ *"
    assert report.refused["same verb, prep and object as an earlier row with another code"] == 1
    assert report.rows == {"verbs.tsv": 12}


# ------------------------------------------------------------------ whole files, folders, errors


def test_unconvertible_files_refused_whole(tmp_path):
    report, out = run(tmp_path, "discards.txt", "issues.txt", "prepositions.txt")
    assert [f.kind for f in report.files] == ["discards (refused)", "issues (refused)",
                                              "prepositions (refused)"]
    assert report.refused == {petrarch.UNCONVERTIBLE["discards"]: 3, petrarch.UNCONVERTIBLE["issues"]: 4,
                              petrarch.UNCONVERTIBLE["prepositions"]: 3}
    assert report.rows == {}
    assert not list(out.iterdir())


def test_unknown_file_is_an_error(tmp_path):
    out = tmp_path / "rules"
    with pytest.raises(PetrarchError) as err:
        import_petrarch([DICTS / "agents.txt", DICTS / "unknown.txt"], out)
    message = str(err.value)
    assert "\n" not in message and "unknown.txt" in message and "expected" in message
    assert not out.exists()  # nothing written


def test_unreadable_file_is_an_error(tmp_path):
    with pytest.raises(PetrarchError, match="cannot read"):
        import_petrarch([tmp_path / "missing.txt"], tmp_path / "rules")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01[ABC]")
    with pytest.raises(PetrarchError, match="binary"):
        import_petrarch([tmp_path / "bin.txt"], tmp_path / "rules")
    with pytest.raises(PetrarchError, match="no dictionary files"):
        import_petrarch([], tmp_path / "rules")


def test_non_empty_out_refused(tmp_path):
    out = tmp_path / "rules"
    out.mkdir()
    (out / "mine.tsv").write_text("keep me\n", encoding="utf-8")
    with pytest.raises(PetrarchError, match="not empty") as err:
        import_petrarch([DICTS / "agents.txt"], out)
    assert "\n" not in str(err.value)
    assert [p.name for p in out.iterdir()] == ["mine.tsv"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert import_petrarch([DICTS / "agents.txt"], empty).rows["roles.tsv"] > 0


def test_failed_write_leaves_no_table(tmp_path, monkeypatch):
    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    out = tmp_path / "rules"
    with pytest.raises(PetrarchError, match="cannot write"):
        import_petrarch([DICTS / "agents.txt", DICTS / "verbs.txt"], out)
    assert not out.exists() or not list(out.iterdir())


def test_tables_and_comment_line(tmp_path):
    names = ["countries.actors.txt", "international.actors.txt", "groups.actors.txt", "agents.txt",
             "verbs.txt", "discards.txt"]
    report, out = run(tmp_path, *names)
    assert sorted(p.name for p in out.iterdir()) == sorted(petrarch.TABLES)
    for table in petrarch.TABLES:
        first = (out / table).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# imported from PETRARCH dictionaries")
        rows = load(out, table)
        assert report.rows[table] == len(rows)
        for row in rows:
            assert all(row[c] for c in petrarch.REQUIRED[table]), (table, row)
            assert all("\t" not in v and len(v) < 1000 for v in row.values())
    assert "agents.txt" in (out / "roles.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert "agents.txt" not in (out / "verbs.tsv").read_text(encoding="utf-8").splitlines()[0]


def test_summary(tmp_path):
    report, _ = run(tmp_path, "countries.actors.txt", "discards.txt")
    text = report.summary()
    assert f"people.tsv {report.rows['people.tsv']}" in text
    assert f"refused: {report.refused_total} entries" in text
    assert "bad date: 1 (e.g. countries.actors.txt:40" in text
    assert "stem matched as a whole word: 2" in text
    assert "discards (refused)" in text
    assert all(len(v) <= 5 for v in report.examples.values())


def test_examples_capped_at_five(tmp_path):
    lines = "\n".join(f"THING_{i}_ [ZZZ]" for i in range(8)) + "\n"
    (tmp_path / "many.actors.txt").write_text(lines, encoding="utf-8")
    report = import_petrarch([tmp_path / "many.actors.txt"], tmp_path / "out")
    reason = "three-letter code is not a country (a region or unknown)"
    assert report.refused[reason] == 8
    assert [e.where for e in report.examples[reason]] == [f"many.actors.txt:{i}" for i in range(1, 6)]


@pytest.mark.parametrize(("raw", "kind", "expected"), [
    ("MOHAMMAD_ZAHIR_SHAH_", "person", "Mohammad Zahir Shah"),
    ("MUHAMMAD_AL-BARADEI_", "person", "Muhammad al-Baradei"),
    ("JOHN_MCCLOY_", "person", "John McCloy"),
    ("D'ESCOTO_", "person", "D'Escoto"),
    ("ISLAMIC_REPUBLIC_OF_AFGHANISTAN", "place", "Islamic Republic of Afghanistan"),
    ("MAZAR-I-SHARIF_", "place", "Mazar-i-Sharif"),
    ("UAE_", "place", "UAE"),
    ("CHAD_", "place", "Chad"),
    ("U.N._SECURITY_COUNCIL", "organisation", "U.N. Security Council"),
    ("NATO_", "organisation", "NATO"),
    ("ANSF", "organisation", "ANSF"),
    ("UNHCR_", "organisation", "UNHCR"),
    ("HAMAS_", "organisation", "Hamas"),
    ("UNITED_NATIONS_CHILDREN'S_FUND_", "organisation", "United Nations Children's Fund"),
])
def test_surface_forms(raw, kind, expected):
    assert petrarch._surface(raw, kind) == expected


# ------------------------------------------------------------------ the Phoenix dictionaries


PHOENIX = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
           "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt", "Phoenix.discards.txt",
           "Phoenix.IssueCoding.txt", "Phoenix.prepositions.txt"]


@pytest.mark.shared
def test_phoenix_dictionaries(tmp_path):
    files = [shared_file(f"reference/phoenix/{name}") for name in PHOENIX]
    report = import_petrarch(files, tmp_path / "phoenix")
    assert [f.kind for f in report.files] == [
        petrarch.COUNTRY_ACTORS, petrarch.INTERNATIONAL_ACTORS, petrarch.ARMED_GROUP_ACTORS,
        petrarch.AGENTS, "discards (refused)", "issues (refused)", "prepositions (refused)"]
    assert report.rows["people.tsv"] > 20000
    assert report.rows["organisations.tsv"] > 5000
    assert report.rows["roles.tsv"] > 2500
    assert report.rows["countries.tsv"] > 190
    for table in report.rows:
        assert len(load(tmp_path / "phoenix", table)) == report.rows[table]
    countries = {r["iso3"]: r for r in load(tmp_path / "phoenix", "countries.tsv")}
    assert countries["AFG"]["name"] == "Afghanistan" and "Kabul" in countries["AFG"]["capitals"]
    assert countries["XKX"]["cameo"] == "KSV"
    columns = ("name", "aliases", "demonyms", "capitals", "cities")
    forms = [f.lower() for r in countries.values() for c in columns for f in r[c].split("|") if f]
    assert len(forms) == len(set(forms))  # a form never points to two countries
