"""Check the hand-written event training sentences (training/events/*.jsonl).

Usage: python training/validate.py [FILE ...]   (default: every file in training/events)
Prints one line per problem (file:line: message) and a per-type tally; exit 1 on a problem.
Standard library only, so it runs before tidings is installed.
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking"}
ROLES = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "UAF", "IMG", "CVL", "MED",
         "BUS", "MNC", "NGO", "IGO", "LAB", "EDU", "HLH", "REF", "CRM", "ELI", "REL", "ETH",
         "AGR", "HRI", "PRM", "SEP", "RAD", "JOURN"}
REGISTERS = {"wire", "local", "broadcast", "press-release", "feature", "headline"}
KEYS = {"plover", "cameo", "mode", "context", "trigger", "source", "source_country", "source_role",
        "target", "target_country", "target_role", "negated", "future", "hypothetical", "reported"}


def cameo_table() -> dict[str, str]:
    out = {}
    for line in (ROOT / "src/tidings/rules/data/cameo.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("code\t"):
            continue
        cells = line.split("\t")
        out[cells[0]] = cells[3].strip() if len(cells) > 3 else ""
    return out


def plover_modes() -> dict[str, set[str]]:
    ref = ROOT.parent / "shared/reference/plover/plover_ontology_v0.8.json"
    if not ref.exists():
        return {}
    d = json.loads(ref.read_text(encoding="utf-8"))
    return {k: {m["mode"] for m in v.get("modes", [])} for k, v in d["event_types"].items()}


def check_event(e: dict, text: str, cameo: dict[str, str], modes: dict[str, set[str]]) -> list[str]:
    bad = []
    extra = set(e) - KEYS
    if extra:
        bad.append(f"unknown keys {sorted(extra)}")
    code = e.get("cameo")
    if code not in cameo:
        bad.append(f"unknown CAMEO code {code!r}")
    plover = e.get("plover")
    if plover is not None and plover not in PLOVER:
        bad.append(f"unknown PLOVER type {plover!r}")
    if code in cameo and (cameo[code] or None) != plover:
        bad.append(f"CAMEO {code} is PLOVER {cameo[code] or None}, not {plover}")
    mode = e.get("mode")
    if mode is not None and modes and plover in modes and mode not in modes[plover]:
        bad.append(f"mode {mode!r} is not a mode of {plover} ({sorted(modes[plover])})")
    for c in e.get("context") or []:
        if c not in CONTEXTS:
            bad.append(f"unknown context {c!r}")
    for k in ("trigger", "source", "target"):
        v = e.get(k)
        if v is not None and (not isinstance(v, str) or v not in text):
            bad.append(f"{k} {v!r} is not in the text")
    if not e.get("trigger"):
        bad.append("trigger missing")
    for k in ("source_country", "target_country"):
        v = e.get(k)
        if v is not None and not (isinstance(v, str) and (v == "IGO" or (len(v) == 3 and v.isupper()))):
            bad.append(f"{k} {v!r} is not an ISO alpha-3 code, IGO or null")
    for k in ("source_role", "target_role"):
        v = e.get(k)
        if v is not None and v not in ROLES:
            bad.append(f"{k} {v!r} is not one of {sorted(ROLES)}")
    for k in ("negated", "future", "hypothetical", "reported"):
        if not isinstance(e.get(k, False), bool):
            bad.append(f"{k} must be true or false")
    return bad


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((ROOT / "training/events").glob("*.jsonl"))
    cameo, modes = cameo_table(), plover_modes()
    tally: collections.Counter[str] = collections.Counter()
    texts: dict[str, str] = {}
    problems = 0
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{f.name}:{n}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{where}: not JSON: {exc}")
                problems += 1
                continue
            text = rec.get("text")
            if not isinstance(text, str) or not text.strip():
                print(f"{where}: no text")
                problems += 1
                continue
            key = " ".join(text.lower().split())
            if key in texts:
                print(f"{where}: same text as {texts[key]}")
                problems += 1
            texts[key] = where
            if rec.get("register") not in REGISTERS:
                print(f"{where}: register {rec.get('register')!r} not one of {sorted(REGISTERS)}")
                problems += 1
            if not isinstance(rec.get("id"), str):
                print(f"{where}: no id")
                problems += 1
            events = rec.get("events")
            if not isinstance(events, list):
                print(f"{where}: events must be a list ([] for a sentence with no political event)")
                problems += 1
                continue
            if not events:
                tally["(none)"] += 1
            for e in events:
                for msg in check_event(e, text, cameo, modes):
                    print(f"{where}: {msg}")
                    problems += 1
                tally[e.get("plover") or f"CAMEO {str(e.get('cameo'))[:2]}"] += 1
    for k, v in sorted(tally.items()):
        print(f"  {k:12} {v}")
    print(f"{sum(1 for _ in texts)} sentences, {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
