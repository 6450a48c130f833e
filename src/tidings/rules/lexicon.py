"""The coder's word lists (``lexicon.tsv``): one named list per grammatical or coding
notion, so a user can teach the coder a word without touching code.

A row is ``list words note`` with ``|``-separated words; a list may go on over several
rows. A user's file adds words, or removes one written with a leading minus
(``request_heads	-invite``). Only the names below exist; an unknown name is an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.rules.tables import Row, TableError, load_table

COLUMNS = ("list", "words")
LISTS = (
    "target_preps", "noun_target_preps", "undergoer_preps", "locative_preps", "particles", "pronouns_person",
    "pronouns_thing", "pronouns_plural", "pronouns_male", "pronouns_female", "pronouns_first", "honorifics_male", "honorifics_female", "own_pronouns", "relative", "modals", "future_aux",
    "hypothetical_aux", "ability_aux", "time_words", "time_preps", "sequence_preps", "prior_preps", "preceding_preps", "partnership_nouns", "announce_verbs", "happening_verbs", "truce_verbs", "receiving_verbs", "occasion_preps", "reply_verbs", "re_productive",
    "converse_verbs", "reciprocal_verbs", "exchange_verbs", "joint_words", "intent_heads", "readiness_words", "decision_heads", "request_heads", "question_heads", "question_words", "bidding_heads", "wish_heads", "wish_reading", "negating_heads", "undeterred_heads", "denying_heads", "ceasing_heads", "irrealis_heads", "irrealis_modifiers", "kind_modifiers", "figurative_modifiers", "hearsay_heads", "charge_heads", "colon_cues", "not_speakers", "inverted_cues",
    "actorless_types", "self_acting_types", "giver_types", "local_roles", "visiting_roles", "outsider_words", "many_origin_words", "arriving_roles", "adjective_ranks", "theme_roles", "stance_roles", "bilateral_nouns", "large_numbers", "body_nouns", "force_nouns", "author_participles", "possessive_pronouns", "armed_means", "press_modifiers", "credit_verbs", "rank_prefixes", "result_words", "crowd_words", "doer_nouns", "definite_words", "naming_verbs", "other_side_nouns", "envoy_nouns", "stoppage_words", "reaction_verbs", "ergative_verbs", "reported_happenings", "modifier_participles", "plural_modifiers",
    "sports_context", "hazards", "economic_forces", "animals", "accident_verbs", "cause_preps", "collective_heads", "member_heads", "installations", "undergo_verbs", "victim_verbs", "proposal_nouns", "accord_nouns", "settlement_nouns", "act_references", "behest_nouns", "spell_words", "lasting_nouns", "toll_words", "vow_heads", "deadline_verbs", "aspect_verbs", "protest_roles", "governing_roles", "command_heads", "commanded_roles", "enforcing_roles", "bloc_nouns", "name_heads",
    "light_nouns", "access_nouns", "misread_nouns", "whole_words", "light_infinitives", "participation_verbs", "purpose_verbs", "resort_verbs", "means_preps", "response_verbs", "light_verbs", "stative_passives", "state_roles", "armed_roles", "front_words", "border_preps", "border_words", "topic_preps", "addressee_preps", "led_forces", "abroad_roles", "instruments", "not_names", "title_only_roles",
    "national_bodies", "country_nouns", "name_particles", "function_words", "region_words",
    "person_like_countries", "common_city_words", "place_context", "place_followers", "portfolio_heads", "place_nouns", "province_words", "street_words", "name_titles", "place_directions",
    "place_connectors", "landform_roles", "land_directions", "holding_participles", "latin_name_ends", "list_nouns", "outlet_words", "sentence_openers", "generic_area_words", "abbreviations", "family_name_first",
)


@dataclass(frozen=True)
class Lexicon:
    """Named word lists: ``lexicon.request_heads`` is a frozenset of words."""

    lists: dict[str, frozenset[str]]

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.__dict__["lists"][name]
        except KeyError:
            raise AttributeError(f"the lexicon has no list {name!r}") from None

    @property
    def pronouns(self) -> frozenset[str]:
        """Every pronoun that may stand for an actor (and who/which)."""
        return self.pronouns_person | self.pronouns_thing | self.pronouns_plural | {"who", "which"}


def _check(r: Row) -> None:
    if r["list"] not in LISTS:
        raise TableError(f"{r.where}: no word list named {r['list']!r} (the lists: {', '.join(LISTS)})")


def build_lexicon(rows: Sequence[Row]) -> Lexicon:
    """The lists of ``rows`` (a user's first): package words, plus added, minus removed."""
    added: dict[str, set[str]] = {n: set() for n in LISTS}
    removed: dict[str, set[str]] = {n: set() for n in LISTS}
    for r in rows:
        _check(r)
        for w in r.many("words"):
            if w.startswith("-") and len(w) > 1:
                removed[r["list"]].add(w[1:])
            else:
                added[r["list"]].add(w)
    return Lexicon({n: frozenset(added[n] - removed[n]) for n in LISTS})


def load_lexicon(dirs: Sequence[Path] = ()) -> Lexicon:
    return build_lexicon(load_table("lexicon.tsv", COLUMNS, dirs))
