"""Tests for tidings.extract.places: places with ISO alpha-3 country and coordinates."""

from __future__ import annotations

import functools
import random

import pytest

from tidings.extract.places import Gazetteer, place_for_sentence
from tidings.extract.places import find_places as _find_places
from tidings.model import Place, Sentence
from tidings.rules import RuleSet


@functools.cache
def gazetteer() -> Gazetteer:
    return Gazetteer.build(RuleSet.default())


def find_places(text, sentences, **kw):
    return _find_places(text, sentences, gazetteer(), **kw)


def country_of(name: str) -> str | None:
    return gazetteer().country_of(name)


def names(text: str, **kw: object) -> list[tuple[str, str | None, str, str]]:
    found = find_places(text, [], **kw)  # type: ignore[arg-type]
    for p in found:
        assert p.span is not None
        assert p.sentence == 0
    return [(text[p.span[0] : p.span[1]], p.country, p.kind, p.name) for p in found if p.span]


def test_countries_and_aliases() -> None:
    got = names("The United States, the U.S., the US, South Korea, North Korea and Britain.")
    assert [(s, c, k) for s, c, k, _ in got] == [
        ("United States", "USA", "country"),
        ("U.S.", "USA", "country"),
        ("US", "USA", "country"),
        ("South Korea", "KOR", "country"),
        ("North Korea", "PRK", "country"),
        ("Britain", "GBR", "country"),
    ]
    assert {n for *_, n in got[:3]} == {"United States"}


def test_a_country_is_placed_at_the_centre_of_its_land_not_its_capital() -> None:
    (japan,) = find_places("Japan protested.", [])
    assert japan.kind == "country" and japan.country == "JPN"
    assert 36 < japan.lat < 37.5 and 137 < japan.lon < 139  # central Honshu, not Tokyo
    (canada,) = find_places("Canada protested.", [])
    assert 50 < canada.lat < 65 and -115 < canada.lon < -90  # not Ottawa (45.4, -75.7)
    (russia,) = find_places("Russia protested.", [])
    assert 55 < russia.lat < 66 and 85 < russia.lon < 110  # one shape across the antimeridian


def test_city_with_country() -> None:
    text = "Mattis arrived in Tokyo, Japan on Friday."
    found = find_places(text, [])
    assert [(p.name, p.country, p.kind) for p in found] == [
        ("Tokyo", "JPN", "city"),
        ("Japan", "JPN", "country"),
    ]
    tokyo = found[0]
    assert tokyo.lat is not None and abs(tokyo.lat - 35.69) < 0.1
    assert tokyo.span is not None and text[tokyo.span[0] : tokyo.span[1]] == "Tokyo"


def test_follower_disambiguates_city() -> None:
    got = names("He lived in Paris, Texas and later moved to Paris.")
    assert got[0][:3] == ("Paris", "USA", "city")
    assert got[1][:3] == ("Texas", "USA", "region")
    # the article has said which Paris it means: the bare name later is the same town
    assert got[2][:3] == ("Paris", "USA", "city")
    assert names("He later moved to Paris.")[0][:3] == ("Paris", "FRA", "city")


def test_regions() -> None:
    got = names("Tension is rising in Northeast Asia and the Middle East.")
    assert [(s, c, k) for s, c, k, _ in got] == [
        ("Northeast Asia", None, "region"),
        ("Middle East", None, "region"),
    ]
    (asia,) = find_places("Northeast Asia", [])
    assert asia.lat is None and asia.lon is None


def test_a_demonym_that_names_another_countrys_region_is_the_demonym() -> None:
    """Ethiopia's Somali Region is named so only with "region" after it."""
    assert [(s, c) for s, c, _, _ in names("Kenyan and Somali police arrested six suspects.")] == [
        ("Kenyan", "KEN"), ("Somali", "SOM")]
    assert [(s, c) for s, c, _, _ in names("Fighting spread across the Somali region on Monday.")] == [
        ("Somali", "ETH")]


@pytest.mark.parametrize(("text", "sea"), [
    ("Drones struck two tankers in the Red Sea on Friday.", "Red Sea"),
    ("Pirates seized a cargo ship in the Gulf of Aden.", "Gulf of Aden"),
    ("Warships gathered in the Black Sea off the coast.", "Black Sea"),
])
def test_a_sea_belongs_to_no_country(text: str, sea: str) -> None:
    """Not the province or the port it shares a name with (Sudan's Red Sea state, Aden)."""
    assert [(s, c) for s, c, _, _ in names(text)] == [(sea, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Police said the plan was sound.",
        "Much of the city was spared.",
        "Split decisions are common. Says who?",
        "Mobile phones were banned.",
        "President Trump spoke to Prime Minister Shinzo Abe.",
        "Kim Jong Un watched the launch.",
        "Michael Jordan and Chad Smith played.",
        "Jackson said no.",
        "IT IS OR ME",
    ],
)
def test_common_words_and_names_are_not_places(text: str) -> None:
    assert find_places(text, []) == []


def test_small_city_needs_context() -> None:
    assert names("He flew from Mobile to Reading.")[0][:3] == ("Mobile", "USA", "city")
    assert names("In Jackson, Mississippi, officials met.")[0][:3] == ("Jackson", "USA", "city")


def test_a_town_people_reach_or_flee_is_a_place() -> None:
    assert names("Relief trucks reached Kadugli late on Sunday.")[0][:3] == ("Kadugli", "SDN", "city")
    assert names("Thousands of families fled Nyala overnight.")[0][:3] == ("Nyala", "SDN", "city")


@pytest.mark.parametrize(("text", "town", "iso"), [
    ("Nyeri police arrested two traders on Sunday.", "Nyeri", "KEN"),
    ("The Kericho governor criticised the Treasury on Monday.", "Kericho", "KEN"),
    ("Machakos Governor Alfred Mutua spoke on Monday.", "Machakos", "KEN"),
])
def test_a_town_named_before_its_officials_is_a_place(text: str, town: str, iso: str) -> None:
    assert names(text)[0][:2] == (town, iso)


def test_a_town_before_a_comma_and_an_official_needs_other_context() -> None:
    assert names("After Nyeri, police arrested two traders.") == []


def test_dateline() -> None:
    got = names("SEOUL (Reuters) - South Korea's military said")
    assert got == [("SEOUL", "KOR", "city", "Seoul"), ("South Korea", "KOR", "country", "South Korea")]


def test_possessive_and_hyphen() -> None:
    got = names("Japan's premier and the U.S.-led coalition met Seoul-based envoys.")
    assert [(s, c) for s, c, *_ in got] == [("Japan", "JPN"), ("U.S.", "USA"), ("Seoul", "KOR")]


def test_multiword_and_accents() -> None:
    got = names("Talks in Côte d'Ivoire, Bosnia and Herzegovina, Sao Paulo and Ho Chi Minh City.")
    assert [(s, c) for s, c, *_ in got] == [
        ("Côte d'Ivoire", "CIV"),
        ("Bosnia and Herzegovina", "BIH"),
        ("Sao Paulo", "BRA"),
        ("Ho Chi Minh City", "VNM"),
    ]


def test_country_preferred_over_city() -> None:
    (p,) = find_places("He visited Mexico.", [])
    assert p.kind == "country" and p.country == "MEX"


def test_extra_country_names() -> None:
    text = "Officials of the Hermit Kingdom met."
    assert find_places(text, []) == []
    (p,) = find_places(text, [], extra_country_names={"Hermit Kingdom": "PRK"})
    assert (p.kind, p.country) == ("country", "PRK")
    assert p.lat is not None  # coordinates of Pyongyang


def test_sentences_and_place_for_sentence() -> None:
    text = "Japan and the U.S. talked. Troops in Okinawa, near Naha, stayed. Nothing here."
    b1 = text.index("Troops")
    b2 = text.index("Nothing")
    sents = [
        Sentence(0, 0, b1 - 1, text[: b1 - 1]),
        Sentence(1, b1, b2 - 1, text[b1 : b2 - 1]),
        Sentence(2, b2, len(text), text[b2:]),
    ]
    found = find_places(text, sents)
    for p in found:
        assert p.span is not None and text[p.span[0] : p.span[1]] in {"Japan", "U.S.", "Okinawa", "Naha"}
    first = place_for_sentence(found, 0)
    assert first is not None and first.country == "JPN" and first.kind == "country"
    second = place_for_sentence(found, 1)
    assert second is not None and second.name == "Naha" and second.kind == "city"
    assert place_for_sentence(found, 2) is None


def test_place_for_sentence_prefers_city() -> None:
    ps = [
        Place("Japan", "JPN", 1.0, 2.0, "country", (0, 5), 3),
        Place("Asia", None, None, None, "region", (6, 10), 3),
        Place("Osaka", "JPN", 3.0, 4.0, "city", (11, 16), 3),
    ]
    assert place_for_sentence(ps, 3) == ps[2]
    assert place_for_sentence(ps[:2], 3) == ps[0]
    assert place_for_sentence(ps[1:2], 3) is None


def test_country_of() -> None:
    assert country_of("Tokyo") == "JPN"
    assert country_of("the U.S.") == "USA"
    assert country_of("South Korea's") == "KOR"
    assert country_of("Nowhere Land") is None
    assert country_of("Much") is None  # a town in Germany, but a common word
    assert country_of("Police") is None


def test_no_exceptions_on_garbage() -> None:
    rng = random.Random(11)
    assert find_places("", []) == []
    alphabet = "abc XYZ Tokyo Japan U.S. ,.'’-()\n\téü中文😀 Of The And "
    garbage = "".join(rng.choice(alphabet) for _ in range(10_000))
    for p in find_places(garbage, []):
        assert p.span is not None
        assert _strip(garbage[p.span[0] : p.span[1]])
    uni = "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(10_000))
    find_places(uni, [])
    find_places("short", [Sentence(0, 0, 500, "x"), Sentence(1, 400, 300, "")])


def _strip(s: str) -> str:
    return s.strip()


def test_a_name_opening_with_a_capitalised_connector():
    found = {(p.name, p.country, p.kind) for p in find_places("Troops went to El Salvador, then to La Paz.", [])}
    assert ("El Salvador", "SLV", "country") in found and ("La Paz", "BOL", "city") in found
    assert not [p for p in find_places("Troops went to El Salvador.", []) if p.country == "BRA"]
    assert [p.name for p in find_places("The bishop of Rome spoke.", [])] == ["Rome"]


def test_an_organisation_is_no_alternate_name_of_a_city():
    assert find_places("The White House said on Monday it would respond.", []) == []
    assert [p.name for p in find_places("He moved to Bombay in 1990.", [])] == ["Mumbai"]


def test_a_us_state_has_the_centre_of_its_land() -> None:
    (ca,) = find_places("Wildfires spread across California on Monday.", [])
    assert ca.kind == "region" and ca.country == "USA"
    assert ca.lat is not None and 35 < ca.lat < 39 and -122 < ca.lon < -117


def test_a_demonym_names_its_country_but_is_no_event_location() -> None:
    from tidings.extract.places import place_for_sentence

    places = find_places("Russian jets struck the town.", [])
    assert [(p.kind, p.country, p.name) for p in places] == [("demonym", "RUS", "Russia")]
    assert places[0].lat is not None
    assert place_for_sentence(places, 0) is None  # where it happened is not said


def test_provinces_and_states_of_other_countries() -> None:
    got = find_places("Floods hit Tamil Nadu and Karnataka; schools in Ontario reopened.", [], )
    assert [(p.name, p.country, p.kind) for p in got] == [
        ("Tamil Nadu", "IND", "region"), ("Karnataka", "IND", "region"), ("Ontario", "CAN", "region")]
    assert all(p.lat is not None and p.lon is not None for p in got)
    tn = got[0]
    assert 8 < tn.lat < 14 and 76 < tn.lon < 81  # type: ignore[operator]


def test_county_resolved_by_the_state_the_article_names() -> None:
    text = "Deputies in Orange County said the fire began near Anaheim, California."
    county = find_places(text, [])[0]
    assert (county.name, county.country) == ("Orange County", "USA")
    assert 33 < county.lat < 34.5  # type: ignore[operator]  # California's, not Florida's (28.5)
    florida = find_places("Orange County deputies said the storm hit Orlando, Florida.", [])[0]
    assert 28 < florida.lat < 29.5  # type: ignore[operator]


def test_state_abbreviation_after_a_town() -> None:
    got = names("OCEANSIDE, Calif. — The council met on Tuesday.")
    assert [(s, c, k, n) for s, c, k, n in got][:2] == [
        ("OCEANSIDE", "USA", "city", "Oceanside"), ("Calif", "USA", "region", "California")]
    assert names("Call Mass. General on Monday.") == []  # not after "Town, "


def test_region_words() -> None:
    got = names("EU ministers met European and African envoys in Brussels.")
    assert [(s, k, n) for s, _, k, n in got] == [
        ("EU", "region", "Europe"), ("European", "demonym", "Europe"),
        ("African", "demonym", "Africa"), ("Brussels", "city", "Brussels")]
    eu = got[0]
    assert eu[1] is None


def test_generic_area_names_are_not_places() -> None:
    assert names("Central and Western officials met the North West team.") == []


def test_a_month_is_no_place(coder) -> None:
    # "Nov" is also a town: inside a time expression it is the month
    from tidings.model import Article

    rec = coder.code(Article(id="d", text="WASHINGTON, Nov. 1 (AP) — The Senate will vote on Nov. 16.",
                             date="1989-11-01"))
    assert [p.name for p in rec.places] == ["Washington"]
    assert [d.value for d in rec.dates] == ["1989-11-01", "1989-11-16"]


def test_geonames_id_and_province() -> None:
    found = {p.name: p for p in find_places("Floods hit Kingston, Ontario, and Bavaria, and France sent help.", [])}
    assert found["Kingston"].country == "CAN" and found["Kingston"].admin1 == "Ontario"
    assert found["Kingston"].geonames_id == 5992500
    assert found["Bavaria"].admin1 == "Bavaria" and found["Bavaria"].lat is not None
    assert found["France"].geonames_id == 3017382 and found["France"].admin1 is None
    munich = find_places("Police in Munich arrested him.", [])[0]
    assert munich.admin1 == "Bavaria" and munich.geonames_id == 2867714


def test_a_province_carries_the_geonames_admin1_key() -> None:
    """GeoNames names a first-order division by country and code ("CA.08"); a town, its
    province, a county and a US state carry it, a country does not."""
    found = {p.name: p for p in find_places(
        "Floods hit Kingston, Ontario, and Bavaria; France sent help to Tamil Nadu. Fires "
        "burned in Orange County, California.", [])}
    got = {name: p.admin1_code for name, p in found.items()}
    assert got == {"Kingston": "CA.08", "Ontario": "CA.08", "Bavaria": "DE.02", "France": None,
                   "Tamil Nadu": "IN.25", "Orange County": "US.CA", "California": "US.CA"}, got


def test_town_then_province() -> None:
    # the province after the comma settles which Kingston, though Jamaica's is bigger
    (k, o) = find_places("He grew up in Kingston, Ontario.", [])
    assert (k.name, k.country, k.kind) == ("Kingston", "CAN", "city")
    assert (o.name, o.kind) == ("Ontario", "region")


@pytest.mark.parametrize(("text", "state"), [
    ("Officials in Charleston, W.Va., said.", "West Virginia"),
    ("A storm hit Charlotte, N.C., on Monday.", "North Carolina"),
    ("It happened in Columbia, S.C.", "South Carolina"),
])
def test_dotted_state_abbreviations(text: str, state: str) -> None:
    town, st = find_places(text, [])
    assert town.admin1 == state and (st.name, st.kind) == (state, "region")


def test_a_place_noun_and_of_make_a_small_town_a_place() -> None:
    assert names("Boats were sunk in the fishing town of Whitby overnight.")[0][:3] == ("Whitby", "CAN", "city")
    assert names("Jan Novak, 41, of Kutná Hora was fined.") == [("Kutná Hora", "CZE", "city", "Kutná Hora")]
    assert names("The legend of Whitby lives on.") == []  # "of" alone is no place context
    assert names("The story of Kutná Hora.") == []


def test_towns_listed_after_a_place_are_places() -> None:
    got = names("Floods hit the towns of Whitby, Scarborough and Bridlington.")
    assert [(s, c) for s, c, _, _ in got] == [("Whitby", "GBR"), ("Scarborough", "GBR"), ("Bridlington", "GBR")]
    got = names("Police in Mbale and Tororo arrested 40 people.")
    assert [s for s, *_ in got] == ["Mbale", "Tororo"]
    # a person's name, a weekday or a month after a place in a list is no town
    assert [s for s, *_ in names("Officers in Gulu, Dennis Okello said, were attacked.")] == ["Gulu"]
    assert [s for s, *_ in names("Rallies in Whitby, Mon Jan 28")] == ["Whitby"]


def test_names_opening_with_a_capital_beyond_latin_1() -> None:
    got = names("Rallies were held in Łódź and Świnoujście.")
    assert [(s, c) for s, c, _, _ in got] == [("Łódź", "POL"), ("Świnoujście", "POL")]


def test_a_province_after_a_preposition_of_place_is_the_event_location() -> None:
    from tidings.extract.places import place_for_sentence

    text = "Rebels shelled army positions in Idlib overnight."
    (idlib,) = find_places(text, [])
    assert idlib.kind == "region" and idlib.country == "SYR"
    assert place_for_sentence([idlib], 0, text, (), frozenset({"in"})) == idlib
    text = "A Florida man was arrested."  # a state as a modifier says nothing of where
    assert place_for_sentence(find_places(text, []), 0, text, (), frozenset({"in"})) is None


def test_a_place_in_a_news_outlets_name_is_embedded_not_where_it_happened() -> None:
    from tidings.extract.places import place_for_sentence

    text = "The Jerusalem Post reported that talks had stalled."
    (p,) = find_places(text, [])
    assert (p.name, p.kind) == ("Jerusalem", "embedded")
    assert place_for_sentence([p], 0, text, (), frozenset({"in"})) is None
    assert [p.kind for p in find_places("Talks resumed in Jerusalem on Monday.", [])] == ["city"]


def test_a_place_in_a_named_country_is_the_one_there():
    got = {p.name: p.country for p in find_places("Clashes broke out in Tripoli in Lebanon on Sunday.", [])}
    assert got == {"Tripoli": "LBN", "Lebanon": "LBN"}


def test_a_village_in_a_state_of_another_country_is_not_that_country_s_town():
    # the gazetteer knows a Maro only in Chad: the one in Kaduna state is not it
    got = {p.name: p.country for p in find_places("Gunmen attacked the village of Maro in Kaduna state.", [])}
    assert got.get("Maro") is None and got.get("Kaduna") == "NGA", got


def test_a_province_the_gazetteer_lacks_is_no_town_abroad():
    # the gazetteer knows a Samar only in Ukraine: a province of it in a Philippine story is not it
    got = {p.name: p.country for p in find_places("Troops from Manila clashed with rebels in Samar province.", [])}
    assert got.get("Samar") is None and got.get("Manila") == "PHL", got
    # a town of the article's country keeps its place
    got = {p.name: p.country for p in find_places("Troops from Kabul attacked a camp in Kandahar province.", [])}
    assert got.get("Kandahār") == "AFG", got


@pytest.mark.parametrize(("text", "country"), [
    ("Flooding closed roads from Macon, Georgia, to Charlotte on Sunday.", "USA"),
    ("Georgia and Alabama declared emergencies as the storm came ashore.", "USA"),
    ("Georgia and Armenia signed a border deal in Tbilisi.", "GEO"),
    ("Georgia and the United States signed a defence pact in Washington.", "GEO"),
])
def test_georgia_is_the_us_state_only_among_other_us_places(text, country) -> None:
    from tidings.extract.places import states_not_countries

    places, _ = states_not_countries(find_places(text, []), gazetteer())
    assert [p.country for p in places if p.name == "Georgia"] == [country], [(p.name, p.country) for p in places]


def test_a_state_named_as_a_country_codes_its_officials_as_american(run) -> None:
    rec = run("Heavy rain flooded Atlanta on Friday. Georgia's governor declared a state of emergency.")
    assert [e for e in rec.events if e.source.code == "USAGOV"], [(e.cameo, e.source.code) for e in rec.events]


@pytest.mark.parametrize(("text", "iso"), [
    ("Drone strikes were reported in Raqqa on Thursday.", "SYR"),  # GeoNames: Ar Raqqah
    ("Militias clashed in Misrata overnight.", "LBY"),  # GeoNames: Misratah
    ("Thousands of pilgrims prayed in Mecca on Friday.", "SAU"),  # not Mecca, California
    ("Houthi fighters fired drones at ships off Hodeidah on Monday.", "YEM"),  # an alias row
])
def test_a_city_the_country_table_lists_is_that_countrys(text: str, iso: str) -> None:
    got = [(c, k) for _, c, k, _ in names(text)]
    assert (iso, "city") in got, got


@pytest.mark.parametrize("text", [
    "A car bomb exploded on Baker Street in London.",
    "Thousands gathered on Durban Road in Nairobi.",
])
def test_a_street_named_for_a_town_abroad_is_no_place(text) -> None:
    # the street is in the capital the sentence names, not in the town it is named for
    got = {p.country for p in find_places(text, [])}
    assert len(got) == 1, got


def test_a_town_before_province_stays_when_its_country_has_that_province() -> None:
    got = {p.country for p in find_places("Turkish jets bombed a village in Amedi, Duhok province, the Turkish "
                                          "ministry said.", [])}
    assert "IRQ" in got, got


@pytest.mark.parametrize("text", [
    "Protesters in Mbabane demanded reforms from King Mswati on Friday.",
    "Protesters shouted at Vice President Sara Duarte during a visit to Lima.",
])
def test_a_title_before_a_name_is_no_town(text) -> None:
    # there are towns called King and Vice; before a name the word is a title
    got = {p.name for p in find_places(text, [])}
    assert not got & {"King", "Vice"}, got


def test_a_town_whose_name_runs_on_past_a_title_word_is_found() -> None:
    got = {p.country for p in find_places("Troops arrived in General Santos on Monday.", [])}
    assert got == {"PHL"}, got
