"""Coding conventions as data (``conventions.tsv``): which CAMEO codes a negated,
announced or conditional act becomes, and which code families a coding rule applies to.

Six conventions recode: ``negated_cooperation`` (refused cooperation is a rejection),
``future_cooperation`` (announced cooperation is an intent), ``future_conflict``
(announced conflict is a threat), ``joint_activity`` (a show of force done together, as
a joint exercise, is cooperation), ``armed_source`` (storming done by armed men is an
attack, not a protest), ``sent_to_front`` (arms sent to a border or the front are a
deployment, not military aid), each from a root or code prefix to a code. The others
name the roots or code prefixes a rule of the coder applies to (see the ``note`` of each
row in the package's table).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.rules.cameo import CameoCode
from tidings.rules.tables import TableError, load_table

COLUMNS = ("convention", "when", "code")
RECODING = ("negated_cooperation", "future_cooperation", "future_conflict", "joint_activity", "joint_force", "armed_source",
            "sent_to_front")
FAMILIES = ("symmetric", "location_target", "noun_event", "converse", "implicit_authority",
            "implicit_place", "statement", "not_a_visit", "home_trip", "happening_noun", "conditional_target",
            "protest_purpose", "protest_demand", "from_is_target", "of_target_noun",
            "no_conditional_threat", "crowd_source", "domestic_target", "agent_noun", "deployed_force",
            "act_doer_target", "reported_act", "between_noun", "spell_noun", "when_doer",
            "proposal", "answers_proposal", "victim_modifier", "truce", "side_act", "light_act",
            "complaint_topic", "shared_topic", "agentless_passive", "foreign_target", "given_people", "sent_away", "bidden_act", "stoppage",
            "agentless_main", "dispersed", "dispersed_noun", "announced_mobilization", "answers_accusation",
            "agreed_measure", "mediated_parties", "meeting_venue", "hazard_act", "sent_from",
            "agentless_thing", "struck_thing", "agreement_act", "calm_call", "purpose_not_said", "own_command",
            "reported_by_force", "joined_appeal")


@dataclass(frozen=True)
class Conventions:
    recode: dict[str, dict[str, str]]  # convention -> root or prefix -> code
    families: dict[str, tuple[str, ...]]  # convention -> roots / code prefixes

    def applies(self, convention: str, code: str) -> bool:
        """Whether a CAMEO code falls under a convention's roots or prefixes."""
        return code.startswith(self.families[convention])

    def recoded(self, convention: str, code: str) -> str | None:
        """The code ``code`` becomes under a recoding convention: the entry of its longest
        matching prefix (3 digits before the root), None when none applies."""
        table = self.recode[convention]
        for n in (4, 3, 2):
            if code[:n] in table:
                return table[code[:n]]
        return None


def load_conventions(cameo: Mapping[str, CameoCode], dirs: Sequence[Path] = ()) -> Conventions:
    recode: dict[str, dict[str, str]] = {n: {} for n in RECODING}
    families: dict[str, list[str]] = {n: [] for n in FAMILIES}
    for r in load_table("conventions.tsv", COLUMNS, dirs):
        name, when, code = r["convention"], r["when"], r["code"]
        if name not in recode and name not in families:
            raise TableError(f"{r.where}: no convention named {name!r} (the conventions: "
                             f"{', '.join(RECODING + FAMILIES)})")
        if not any(c.startswith(when) for c in cameo) or not when.isdigit():
            raise TableError(f"{r.where}: {when!r} is not a CAMEO root or code prefix")
        if name in recode:
            if code not in cameo:
                raise TableError(f"{r.where}: {name} needs a CAMEO code to recode to, not {code!r}")
            recode[name].setdefault(when, code)  # a user's row (first) wins
        elif when not in families[name]:
            families[name].append(when)
    return Conventions(recode, {k: tuple(v) for k, v in families.items()})
