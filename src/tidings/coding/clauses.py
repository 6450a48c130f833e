"""Shared pieces of the event coder: grammatical word lists, the coding conventions
(negation, future, hypotheticals), pronoun salience, and the per-sentence clean-up of
coded events. Kept apart from :mod:`tidings.coding.sentence`, which walks the parse.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from tidings.extract.actors import Resolved
from tidings.rules.tables import read_tsv
from tidings.rules.verbs import VerbTable, cue_verbs

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "obj"}
# prepositions that can introduce a target; "by" is the passive agent
TARGET_PREPS = ("with", "against", "to", "into", "on", "at", "for", "from", "toward", "towards", "between",
                "in", "over", "of", "upon", "onto", "about")
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_THING = {"it"}
PRONOUNS_PLURAL = {"they", "them"}
RELATIVE = {"who", "which", "that", "whom"}
MODALS = {"will", "would", "could", "might", "may", "shall", "should", "can", "must"}
PARTICLES = {"down", "back", "out", "off", "up", "away", "in", "over", "aside", "ahead", "on"}
NOUN_TARGET_PREPS = ("with", "to", "against", "on", "for", "between", "toward", "towards", "into")
# acts whose target, when none is named, is the country where they happen
LOCATION_TARGET_ROOTS = {"08", "13", "14", "15", "16", "17", "18", "19", "20"}
TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "tonight", "yesterday", "tomorrow", "weekend", "morning",
    "afternoon", "evening", "night", "day", "week", "month", "year", "dawn", "noon", "midnight",
}
# statement verbs whose object noun is the act itself ("announced a suspension of links",
# "declared a ceasefire"); not report/deny/tell, whose object is someone else's act or an
# audience ("reported ten attacks", "told a rally")
ANNOUNCE_VERBS = {"announce", "declare", "issue", "unveil", "proclaim", "order", "publish"}
# verbs that say an event happens ("riots continued", "clashes erupted")
HAPPENING_VERBS = {"continue", "erupt", "spread", "break", "rage", "flare", "escalate", "intensify",
                   "persist", "occur", "resume", "take", "grow", "begin", "start", "end", "subside"}
# verbs that take a productive "re-" ("reimpose", "redeploy", "reopen"); not "recall"
# (call), "resign" (sign) or "release" (lease), which are verbs of their own
RE_PRODUCTIVE = {"impose", "open", "deploy", "establish", "start", "launch", "arm", "take",
                 "capture", "occupy", "enter", "join", "affirm", "negotiate", "build", "group",
                 "assert", "instate", "unite", "supply", "station", "position", "route"}
OWN_PRONOUNS = {"its", "their", "his", "her", "our", "my"}
# verbs whose subject receives what the from-phrase gives
CONVERSE_VERBS = {"receive", "get", "obtain", "accept", "win", "secure"}
LOCATIVE_PREPS = {"in", "near", "outside", "at", "inside", "across", "throughout"}
SYMMETRIC = {"03", "04", "05", "06"}  # "A and B agreed/met/cooperated": each acts on the other
FUTURE_AUX = {"will", "would", "shall", "'ll"}
INTENT_HEADS = {"ready", "willing", "prepared", "committed", "set", "plan", "intend", "expect",
                "due", "likely", "eager", "determined", "going", "poised", "hope", "want", "seek",
                "agree", "promise", "pledge", "vow", "offer", "undertake", "propose", "threaten"}
REQUEST_HEADS = {"demand", "urge", "ask", "call", "request", "appeal", "press", "pressure",
                 "suggest", "recommend", "propose", "advise",
                 "want", "insist", "plead", "encourage", "invite",
                 "beg", "implore", "exhort", "challenge", "push", "lobby", "petition"}
NEGATING_HEADS = {"fail", "refuse", "decline", "reject", "deny"}
# refusing cooperation (PLOVER REJECT): by the root of the cooperative code
NEGATED_COOPERATION = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "120"}
# future/intended cooperation (PLOVER AGREE): CAMEO 03x intent codes
FUTURE_COOPERATION = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
# future/intended conflict (CAMEO 13 threats), by root or by 3-digit code
FUTURE_CONFLICT = {
    "14": "133", "15": "130", "16": "131", "163": "1312", "161": "1313", "164": "134",
    "165": "135", "166": "136", "17": "132", "175": "137", "18": "138", "19": "138", "20": "138",
}
HYPOTHETICAL_AUX = {"must", "should", "could", "might", "may", "ought"}


COLLECTIVE_HEADS = {"group", "member", "leader", "official", "supporter", "activist", "force",
                    "people", "faction", "movement", "unit", "fighter", "figure", "spokesman",
                    "spokeswoman", "source", "representative", "delegation", "commander", "chief"}
# heads whose modifier carries the meaning: "mediation efforts", "food supplies"
# event nouns coded on their own ("ahead of a meeting with Han", "during his visit to
# Seoul"); other nouns ("fighting between", "ceasefire") too often name someone else's act
NOUN_EVENT_ROOTS = {"04"}
LIGHT_NOUNS = {"effort", "mission", "process", "program", "programme", "plan", "operation",
               "campaign", "drive", "bid", "attempt", "initiative", "move", "supply", "link",
               "activity", "work", "measure", "policy", "deal", "pact", "agreement", "accord", "treaty"}
STATIVE_PASSIVES = {"oppose", "commit", "dedicate", "devote", "determine", "prepare", "resolve", "engage",
                    "dispose", "inclined", "poise", "set"}
STATE_ROLES = {None, "GOV", "MIL", "COP", "SPY", "LEG", "JUD"}



@dataclass
class Salience:
    """Who has been talked about so far in the article, for pronouns."""

    last_person_subject: tuple[int, Resolved] | None = None
    last_person: tuple[int, Resolved] | None = None
    last_thing_subject: tuple[int, Resolved] | None = None
    last_thing: tuple[int, Resolved] | None = None
    last_plural: tuple[int, Resolved] | None = None

    def mention(self, sent: int, r: Resolved, subject: bool = False) -> None:
        if r.kind == "person":
            self.last_person = (sent, r)
            if subject:
                self.last_person_subject = (sent, r)
        else:
            if r.plural or r.kind == "group":
                self.last_plural = (sent, r)
            if not r.plural:
                self.last_thing = (sent, r)
                if subject:
                    self.last_thing_subject = (sent, r)

    def resolve(self, word: str, sent: int, window: int = 3) -> Resolved | None:
        w = word.lower()
        if w in PRONOUNS_PERSON:
            order = (self.last_person_subject, self.last_person)
        elif w in PRONOUNS_THING:
            order = (self.last_thing_subject, self.last_thing)
        elif w in PRONOUNS_PLURAL:
            order = (self.last_plural, self.last_thing_subject)
        else:
            return None
        for cand in order:
            if cand is not None and sent - cand[0] <= window:
                return cand[1]
        return None


# role words that also name weapons: as a verb's object they are the means ("fired
# artillery", "deployed tanks"), not the actor acted on
INSTRUMENTS = frozenset({"artillery", "artillery shells", "tanks", "tank", "warplanes", "warplane",
                         "drones", "drone", "gunboats", "gunboat", "helicopters", "helicopter"})


@dataclass(frozen=True)
class Participant:
    actor: Resolved
    tok_start: int
    tok_end: int
    how: str  # "", "pronoun", "inherited"


@dataclass(frozen=True)
class DraftEvent:
    """An event before dates, places and codes tables are attached (token offsets)."""

    source: Participant
    target: Participant | None
    code: str
    verb_tokens: tuple[int, ...]
    negated: bool
    confidence: float
    rule: str
    main: bool = True  # the verb heads the sentence (or a clause coordinated with it)


@dataclass(frozen=True)
class StatementRule:
    line: int
    code: str
    cues: frozenset[str]
    needs: frozenset[str]
    modal: bool
    target: str


@functools.lru_cache(maxsize=1)
def statement_rules() -> tuple[StatementRule, ...]:
    rows = read_tsv("statements.tsv", ("code", "cues", "needs", "modal", "target"))
    return tuple(
        StatementRule(r.line, r["code"], frozenset(r.many("cues")), frozenset(r.many("needs")),
                      r["modal"] == "yes", r["target"])
        for r in rows
    )



def same_actor(a: Resolved, b: Resolved) -> bool:
    """Same actor, or a country and one of its state organs (USAGOV -> USA). A state
    and its people or other parts (TUR -> TURREF, CHLJUD -> CHLGOV) are a domestic
    event, kept."""
    if a.code == b.code:
        return a.how != "ethnic" and b.how != "ethnic" or a.name == b.name
    if a.country is None and b.country is None and a.code.startswith("IGO") and b.code.startswith("IGO"):
        # "the UN rejected a call for its peacekeeping forces": peacekeepers, observers
        # and inspectors named only by their role are the body's own
        return a.kind == "group" or b.kind == "group"
    if a.country is None or a.country != b.country:
        return False
    if a.how == "ethnic" or b.how == "ethnic":
        return False  # "ethnic Albanians in Serbia protested against the government"
    return (a.role is None and b.role in STATE_ROLES) or (b.role is None and a.role in STATE_ROLES)


def participle_lemma(word: str, verbs: VerbTable) -> str:
    """opposed -> oppose, committed -> commit; "" when no pattern verb fits."""
    if not word.endswith("ed"):
        return ""
    for cand in (word[:-1], word[:-2], word[:-3]):
        if cand in verbs.by_verb:
            return cand
    return ""


def is_main(v) -> bool:  # noqa: ANN001
    """The verb heads the sentence, a clause coordinated with the head, the head's
    to-infinitive ("agreed to lift"), or what a reporting head reports."""
    for _ in range(4):
        while v.dep_ == "conj" and v.head.i != v.i:
            v = v.head
        if v.dep_ == "ROOT":
            return True
        if v.dep_ == "xcomp" or (v.dep_ == "ccomp" and v.head.lemma_.lower() in cue_verbs()):
            v = v.head
            continue
        return False
    return False


def prune(events: list[DraftEvent]) -> list[DraftEvent]:
    """When a sentence codes a dyad, its target-less events from side clauses are the
    same act seen without its object: keep the dyads and the main clause's events."""
    if any(e.target is not None for e in events):
        events = [e for e in events if e.target is not None or e.main]
    return events


def dedup(events: list[DraftEvent]) -> list[DraftEvent]:
    seen: set[tuple] = set()
    out: list[DraftEvent] = []
    for e in events:
        key = (e.source.actor.code, e.target.actor.code if e.target else None, e.code)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
