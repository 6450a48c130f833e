"""The rule set: the package's tables load and check clean, and a user's rules folder
teaches the coder without touching the package (a verb pattern, a person with dates, an
organisation, a role word, a word of the lexicon, a convention)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.ingest import from_text
from tidings.pipeline import Coder
from tidings.rules import RulesError, RuleSet, TableError
from tidings.rules.check import check_rules
from tidings.rules.tables import REPLACE_MARKER

DATE = "2020-05-14"


def write(folder: Path, name: str, header: str, *rows: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text("\n".join(["# written by a test", header, *rows]) + "\n", encoding="utf-8")
    return p


def events(coder: Coder, text: str, date: str = DATE) -> list[tuple]:
    rec = coder.code(from_text(text, id="t", date=date))
    return [(e.source.code, e.cameo, e.target.code if e.target else None, e.rule) for e in rec.events]


def test_the_package_tables_check_clean():
    problems = check_rules()
    assert not [p for p in problems if p.error], "\n".join(map(str, problems))


def test_cli_rules_check_runs_on_the_package(tmp_path):
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "rules", "check"], capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "0 error(s)" in res.stderr


def test_a_user_verb_pattern_codes_a_sentence_it_did_not_code_before(tmp_path):
    text = "Chile grudged Peru over the fishing quota on Monday."
    assert events(Coder(), text) == []
    rules = tmp_path / "rules"
    write(rules, "verbs.tsv", "code\tverb\tprep\tobject\tto\tnote", "111\tgrudge\t\t\t\tcriticise (a user's word)")
    coded = events(Coder(rules=RuleSet.load(rules)), text)
    assert [(s, c, t) for s, c, t, _ in coded] == [("CHL", "111", "PER")]
    assert coded[0][3].startswith(f"{rules / 'verbs.tsv'}:3 grudge")  # provenance: the user's file


def test_a_person_added_with_dates_resolves_by_the_date(tmp_path):
    rules = tmp_path / "rules"
    write(rules, "people.tsv", "name\taliases\tcountry\trole\ttitle\tstart\tend",
          "Ana Zorbanovic\tZorbanovic\tSRB\tGOV\tForeign Minister\t2019-01-01\t2021-12-31",
          "Ana Zorbanovic\tZorbanovic\tSRB\tOPP\t\t2022-01-01\t")
    coder = Coder(rules=RuleSet.load(rules))
    text = "Zorbanovic criticised Croatia over the border dispute."
    assert [(s, c) for s, c, _, _ in events(coder, text, "2020-05-14")] == [("SRBGOV", "111")]
    assert [(s, c) for s, c, _, _ in events(coder, text, "2023-05-14")] == [("SRBOPP", "111")]
    # the package does not know her: an event of hers has no actor code
    assert all(s is None for s, _, _, _ in events(Coder(), text, "2020-05-14"))


def test_an_organisation_a_role_word_and_a_lexicon_word(tmp_path):
    rules = tmp_path / "rules"
    write(rules, "organisations.tsv", "name\taliases\tcode\tcountry\trole\tkind",
          "Free Fishers Front\tFFF\tCHLREB\tCHL\tREB\tarmed_group")
    write(rules, "roles.tsv", "phrase\trole\tperson\tnote", "trawlermen\tLAB\tno\tfishing crews")
    coder = Coder(rules=RuleSet.load(rules))
    coded = events(coder, "The FFF attacked Peruvian trawlermen near Arica on Monday.")
    assert ("CHLREB", "PERLAB") in {(s, t) for s, _, t, _ in coded}, coded


def test_replace_marker_and_removing_a_lexicon_word(tmp_path):
    rules = tmp_path / "rules"
    (rules).mkdir()
    (rules / "cue_verbs.txt").write_text(f"{REPLACE_MARKER}\nsay\n", encoding="utf-8")
    write(rules, "lexicon.tsv", "list\twords\tnote", "request_heads\t-urge\tno longer a request head")
    rs = RuleSet.load(rules)
    assert rs.cues.verbs == frozenset({"say"})
    assert "urge" not in rs.lexicon.request_heads and "demand" in rs.lexicon.request_heads
    assert "tell" in RuleSet.default().cues.verbs  # the package's rule set is untouched


def test_a_list_noun_from_a_rules_folder(tmp_path):
    """A headline's passive without "was" is read as one only for the nouns of lexicon
    ``list_nouns``: a folder's row and list word make "put on watchlist by" a sanction with
    the one put on it as the target."""
    text = "Ruritanian police chief put on watchlist by Washington."
    rules = tmp_path / "rules"
    write(rules, "verbs.tsv", "code\tverb\tprep\tobject\tto\tnote", "163\tput\ton\twatchlist\t\tmine")
    assert ("USAGOV", "163") not in {(s, c) for s, c, _, _ in events(Coder(rules=RuleSet.load(rules)), text)}
    write(rules, "lexicon.tsv", "list\twords\tnote", "list_nouns\twatchlist\tmine")
    coded = events(Coder(rules=RuleSet.load(rules)), text)
    assert [(s, c) for s, c, _, _ in coded] == [("USAGOV", "163")], coded


def test_a_convention_from_a_rules_folder(tmp_path):
    """Refused cooperation is a rejection by default (125 for a meeting); a folder can
    make refused meetings 120 instead."""
    text = "Chile would not meet Peru on Monday."
    assert [c for _, c, _, _ in events(Coder(), text)] == ["125"]
    rules = tmp_path / "rules"
    write(rules, "conventions.tsv", "convention\twhen\tcode\tnote", "negated_cooperation\t04\t120\tmine")
    assert [c for _, c, _, _ in events(Coder(rules=RuleSet.load(rules)), text)] == ["120"]


def test_rules_check_catches_a_planted_conflict_and_bad_cells(tmp_path):
    rules = tmp_path / "rules"
    write(rules, "verbs.tsv", "code\tverb\tprep\tobject\tto\tnote",
          "111\tgrudge\t\t\t\tmine", "172\tgrudge\t\t\t\tmine too", "999\tfret\t\t\t\tno such code")
    write(rules, "people.tsv", "name\taliases\tcountry\trole\ttitle\tstart\tend",
          "A Person\t\tXXQ\tGOV\t\t2020-01-01\t2019-01-01")
    write(rules, "countries.tsv", "iso3\tname\taliases\tdemonyms\tcapitals\tcities\tcameo",
          "PER\tPeru\tChile\t\t\t\t")
    problems = [str(p) for p in check_rules([rules])]
    verbs = str(rules / "verbs.tsv")
    assert any(p.startswith(f"{verbs}:4: conflicts with {verbs}:3") for p in problems), problems
    assert any(p.startswith(f"{verbs}:5: unknown CAMEO code '999'") for p in problems), problems
    assert any("end 2019-01-01 is before start 2020-01-01" in p for p in problems)
    assert any("country 'XXQ' is not an ISO alpha-3 code" in p for p in problems)
    assert any("'chile' names" in p and "two countries" in p for p in problems), problems
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "rules", "check", str(rules)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 1 and f"{verbs}:4:" in res.stdout and "Traceback" not in res.stderr


def test_a_row_for_certain_doers_repeats_no_row_for_anyone(tmp_path):
    rules = tmp_path / "rules"
    write(rules, "verbs.tsv", "code\tverb\tprep\tobject\tto\tnote",
          "142\tbrood\t\tfast\t\tmine", "142\tbrood\t\tfast\t\tby LAB: workers",
          "142\tbrood\t\tfast\t\tagain")
    verbs = str(rules / "verbs.tsv")
    problems = [str(p) for p in check_rules([rules])]
    assert not any(p.startswith(f"{verbs}:4:") for p in problems), problems
    assert any(p.startswith(f"{verbs}:5: repeats {verbs}:3") for p in problems), problems


def test_a_user_row_that_overrides_a_package_row_is_a_note_not_an_error(tmp_path):
    rules = tmp_path / "rules"
    write(rules, "verbs.tsv", "code\tverb\tprep\tobject\tto\tnote", "112\tcondemn\t\t\t\tmine: an accusation")
    problems = check_rules([rules])
    assert problems and not any(p.error for p in problems)
    assert any("overridden by" in str(p) for p in problems)
    coder = Coder(rules=RuleSet.load(rules))
    assert [c for _, c, _, _ in events(coder, "Chile condemned Peru on Monday.")] == ["112"]


def test_a_user_row_for_certain_doers_applies_to_them_only(tmp_path):
    rules = tmp_path / "rules"
    write(rules, "verbs.tsv", "code\tverb\tprep\tobject\tto\tnote",
          "145\tloiter\t\t\t\tby OPP|farmer: protesters loitering", "141\tamble\t\t\t\tby XYZ: no such role")
    problems = [str(p) for p in check_rules([rules])]
    assert any(":4: doer 'XYZ'" in p for p in problems) and not any(":3:" in p for p in problems), problems
    (rules / "verbs.tsv").write_text("code\tverb\tprep\tobject\tto\tnote\n"
                                     "145\tloiter\t\t\t\tby OPP|farmer: protesters loitering\n")
    coder = Coder(rules=RuleSet.load(rules))
    for doers, want in (("Protesters", ["145"]), ("Farmers", ["145"]), ("Tourists", []), ("Chilean officials", [])):
        got = [c for _, c, _, _ in events(coder, f"{doers} loitered outside the palace in Santiago.")]
        assert got == want, (doers, got)


def test_a_star_object_row_needs_a_direct_object_and_loses_to_a_named_one(tmp_path):
    rules = tmp_path / "rules"
    write(rules, "verbs.tsv", "code\tverb\tprep\tobject\tto\tnote",
          "145\tloiter\t\t\t\tprotest (a user's word)", "---\tloiter\t\t*\t\tnot an event: loitering something",
          "111\tloiter\t\tpolicy\t\tcriticise (a user's word)")
    assert not [p for p in check_rules([rules]) if p.error]
    coder = Coder(rules=RuleSet.load(rules))
    got = {text: [c for _, c, _, _ in events(coder, text)] for text in (
        "Protesters loitered outside the palace in Santiago.",
        "Chilean students loitered the afternoon away in Santiago.",
        "Chilean students loitered the new policy of Peru.")}
    assert got == {"Protesters loitered outside the palace in Santiago.": ["145"],
                   "Chilean students loitered the afternoon away in Santiago.": [],
                   "Chilean students loitered the new policy of Peru.": ["111"]}, got


def test_unusable_folders_and_tables_are_one_clear_error(tmp_path):
    with pytest.raises(RulesError, match="no such folder"):
        RuleSet.load(tmp_path / "missing")
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "verb.tsv").write_text("x\n")
    with pytest.raises(RulesError, match="verb.tsv is not a rule table"):
        RuleSet.load(tmp_path / "odd")
    bad = tmp_path / "bad"
    write(bad, "verbs.tsv", "code\tverb", "111\tgrudge")
    with pytest.raises(TableError, match=r"verbs.tsv:2: header lacks column\(s\) prep, object, to"):
        RuleSet.load(bad)
    src = tmp_path / "a.txt"
    src.write_text("Chile criticised Peru on Monday.\n")
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "code", str(src), "--rules", str(bad)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 2 and "header lacks" in res.stderr and "Traceback" not in res.stderr


def test_code_and_ingest_take_rules_folders(tmp_path):
    rules = tmp_path / "rules"
    write(rules, "verbs.tsv", "code\tverb\tprep\tobject\tto\tnote", "111\tgrudge\t\t\t\tmine")
    src = tmp_path / "news.jsonl"
    src.write_text(json.dumps({"id": "g1", "date": DATE, "text": "Chile grudged Peru over the quota."}) + "\n")
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "code", str(src), "-f", "jsonl", "--rules", str(rules)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert [e["cameo"] for e in json.loads(res.stdout)["events"]] == ["111"]
    db = tmp_path / "s.duckdb"
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "ingest", str(src), "--db", str(db), "--rules", str(rules)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0 and "1 events" in res.stderr, res.stderr


def test_a_province_and_a_region_word_from_a_rules_folder(tmp_path):
    from tidings.extract.places import Gazetteer, find_places

    rules = tmp_path / "rules"
    write(rules, "admin_areas.tsv", "country\tlevel\tname\twithin\tlat\tlon\tpopulation",
          "NOR\t1\tFinnmarka\t\t69.5\t25.0\t70000")
    write(rules, "region_words.tsv", "word\tregion\tas", "Nordic\tscandinavia\tmodifier")
    g = Gazetteer.build(RuleSet.load(rules))
    got = [(p.name, p.country, p.kind, p.lat) for p in find_places("Nordic envoys flew to Finnmarka.", [], g)]
    assert got == [("Scandinavia", None, "demonym", None), ("Finnmarka", "NOR", "region", 69.5)]
    bad = tmp_path / "bad"
    write(bad, "admin_areas.tsv", "country\tlevel\tname\twithin\tlat\tlon\tpopulation",
          "NOR\t3\tFinnmarka\t\t69.5\t25.0\tmany")
    with pytest.raises(TableError, match=r"admin_areas.tsv:3: level is 1 or 2"):
        RuleSet.load(bad)
    write(bad, "admin_areas.tsv", "country\tlevel\tname\twithin\tlat\tlon\tpopulation",
          "NOR\t1\tFinnmarka\t\t\t25.0\t1")
    with pytest.raises(TableError, match="needs both lat and lon"):
        RuleSet.load(bad)
