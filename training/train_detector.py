"""Train the event detector shipped in the package from training/events/*.jsonl.

Usage (from the project root, with tidings installed):

    python training/train_detector.py [--out src/tidings/coding/models/events] [--epochs 10] [--arch ensemble]

The detector is a spaCy ``textcat_multilabel`` pipeline (bag of words and word pairs, no
vectors): for a sentence it gives, for each PLOVER type, how likely the sentence reports
such an event as having happened. Positives are the events a sentence reports as done
(see ``happened``: not future, hypothetical or negated, except that a promise, a threat or
a refusal is done when it is made); a sentence with no such event is negative for every
type. One in ten sentences (by a hash of its id) is held out and scored at the end, so a
change to the data or the settings shows its effect. The run is deterministic: the same
data and settings write the same model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def read(folder: Path) -> list[tuple[str, str, dict[str, float]]]:
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            cats = dict.fromkeys(PLOVER, 0.0)
            for e in rec.get("events") or ():
                if e.get("plover") in cats and happened(e):
                    cats[e["plover"]] = 1.0
            out.append((rec["id"], rec["text"], cats))
    return out


def happened(e: dict) -> bool:
    """Whether the sentence reports the event as done. The flags describe the act an
    event is about, so for three types they say nothing about the event itself: a promise
    or offer (AGREE) and a threat (THREATEN) are about a future, often conditional act, and
    were made all the same; a refusal (REJECT) is a "no" to an act, and was given."""
    kind = e.get("plover")
    if kind in ("AGREE", "THREATEN"):
        return not e.get("negated")
    if kind == "REJECT":
        return not (e.get("future") or e.get("hypothetical"))
    return not (e.get("future") or e.get("hypothetical") or e.get("negated"))


# verbs whose object names the event itself ("carried out air strikes", "staged a protest",
# "held talks", "opened fire"). Verbs such as "strike", "take", "give" or "set" also form
# phrases ("struck a deal", "took part"), but their object is more often what the act is
# done to ("a bomb struck a vehicle", "took 17 guards hostage"), which is no trigger word.
LIGHT = {"carry", "launch", "stage", "hold", "make", "conduct", "mount", "issue", "open", "reach",
         "sign"}


# reporting verbs and time words stand beside events but do not carry them; "force" names
# the troops ("Russian forces") as often as the act ("used force")
NOT_TRIGGERS = {"say", "tell", "add", "state", "report", "day", "week", "month", "year", "time",
                "force"}


def trigger_words(folder: Path) -> dict[str, list[str]]:
    """The words that carry each training trigger, by PLOVER type: the trigger phrase's head
    (its root in the parse of the sentence), and for a light verb ("carried out air
    strikes", "staged a protest") the noun it governs. Kept when seen at least twice for a
    type and at least half the time for that type; both the lemma and the form seen."""
    import collections

    from tidings.coding.parse import Parser
    from tidings.rules import RuleSet

    nlp = Parser().nlp
    rules = RuleSet.default()
    verbs, spells = rules.verbs, rules.lexicon.spell_words
    by_label: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    total: collections.Counter = collections.Counter()
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                rows.append((rec["text"], [e for e in rec.get("events") or ()
                                           if e.get("plover") in PLOVER and e.get("trigger")]))
    for doc, (text, events) in zip(nlp.pipe(t for t, _ in rows), rows, strict=True):
        for e in events:
            at = text.find(e["trigger"])
            span = doc.char_span(at, at + len(e["trigger"]), alignment_mode="expand") if at >= 0 else None
            if span is None:
                continue
            root = span.root
            light = LIGHT.intersection([root.lemma_.lower(), *verbs.lemmas_of.get(root.lower_, ())])  # "staged": "stag"
            heads = [root] + ([c for c in root.children if c.dep_ in ("dobj", "pobj", "attr") and c.i in range(span.start, span.end)]
                              if light else [])
            # "a night of shelling": a stretch of time (lexicon spell_words) measures the act
            # its of-phrase names, and is no trigger word itself
            heads = [g for t in heads for g in ([t] if t.lemma_.lower() not in spells else [
                x for p in t.children if p.dep_ == "prep" and p.lower_ == "of" for x in p.children if x.dep_ == "pobj"])]
            for t in heads:
                if t.is_alpha and not t.is_stop and t.lemma_.lower() not in NOT_TRIGGERS:
                    for w in {t.lemma_.lower(), t.lower_}:
                        by_label[e["plover"]][w] += 1
                        total[w] += 1
    return {label: sorted(w for w, n in c.items() if n >= 2 and n / total[w] >= 0.5)
            for label, c in sorted(by_label.items())}


def usual_codes(folder: Path) -> dict[str, str]:
    """The CAMEO code most often given to each PLOVER type in the training events (cut to
    three digits): the code a model event of that type gets."""
    import collections

    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for e in (json.loads(line).get("events") or ()) if line.strip() else ():
                if e.get("plover") in PLOVER and e.get("cameo"):
                    counts[e["plover"]][str(e["cameo"])[:3]] += 1
    return {label: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for label, c in sorted(counts.items())}


def held_out(rid: str) -> bool:
    return int(hashlib.sha1(rid.encode()).hexdigest(), 16) % 10 == 0


def write_held_out(folder: Path, out: Path, date: str = "2024-05-02") -> int:
    """The held-out sentences as an evaluation file: each event reported as done, with its
    PLOVER type, countries and trigger span; a sentence with none has no events."""
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for path in sorted(folder.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line) if line.strip() else None
                if not rec or not held_out(rec["id"]):
                    continue
                events = []
                for e in rec.get("events") or ():
                    if e.get("plover") and happened(e):
                        start = rec["text"].find(e["trigger"])
                        events.append({"plover": [e["plover"]], "cameo_root": None,
                                       "source_country": [e["source_country"]] if e.get("source_country") else [],
                                       "target_country": [e["target_country"]] if e.get("target_country") else [],
                                       "trigger": [start, start + len(e["trigger"])]})
                f.write(json.dumps({"id": rec["id"], "date": date, "text": rec["text"],
                                    "annotates": ["events"], "events": events}) + "\n")
                n += 1
    return n


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "training" / "events")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "tidings" / "coding" / "models" / "events")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--arch", choices=("bow", "ensemble"), default="ensemble",
                    help="bow: words and word pairs (fast); ensemble: bow plus a small CNN over words")
    ap.add_argument("--write-held-out", type=Path, metavar="FILE",
                    help="write the held-out sentences as a `tidings eval` file (events in the "
                         "development sets' format) and stop")
    ap.add_argument("--tables-only", action="store_true",
                    help="write only triggers.tsv and codes.tsv beside the model (they come from a "
                         "parse of the data, not from training) and stop")
    args = ap.parse_args(argv)
    if args.tables_only:
        write_tables(args.data, args.out)
        print(f"wrote {args.out / 'triggers.tsv'} and {args.out / 'codes.tsv'}", file=sys.stderr)
        return 0
    if args.write_held_out:
        n = write_held_out(args.data, args.write_held_out)
        print(f"wrote {args.write_held_out} ({n} held-out sentences)", file=sys.stderr)
        return 0

    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(args.seed)
    rows = read(args.data)
    train = [r for r in rows if not held_out(r[0])]
    test = [r for r in rows if held_out(r[0])]
    nlp = spacy.blank("en")
    bow = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
           "no_output_layer": False, "length": 1 << 17}
    if args.arch == "ensemble":
        model = {"@architectures": "spacy.TextCatEnsemble.v2", "linear_model": bow, "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64,
                      "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [5000, 1000, 2500, 500],
                      "include_static_vectors": False},
            "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64, "depth": 2,
                       "window_size": 1, "maxout_pieces": 3}}}
    else:
        model = bow
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": model})
    for label in PLOVER:
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": cats}) for _, text, cats in train]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(args.seed)
    for epoch in range(args.epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        print(f"epoch {epoch + 1}: loss {losses['textcat_multilabel']:.3f}", file=sys.stderr)
    report(nlp, test)
    nlp.meta.update({"name": "tidings_events", "version": "1.0.0",
                     "description": "tidings event detector: PLOVER types a sentence reports "
                                    "(trained on tidings' own written sentences)",
                     "license": "MIT"})
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    write_tables(args.data, args.out)
    print(f"wrote {args.out} ({len(train)} training sentences, {len(test)} held out)", file=sys.stderr)
    return 0


def write_tables(data: Path, out: Path) -> None:
    """Write the two tables that sit beside the model: ``triggers.tsv`` (the words that
    carry each type's triggers) and ``codes.tsv`` (the CAMEO code each type's events get)."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "triggers.tsv", "w", encoding="utf-8") as f:
        f.write("# PLOVER type, trigger word (from training/events; see train_detector.py)\n")
        for label, words in trigger_words(data).items():
            f.writelines(f"{label}\t{w}\n" for w in words)
    with open(out / "codes.tsv", "w", encoding="utf-8") as f:
        f.write("# PLOVER type, the CAMEO code its model events get (the most usual in training/events)\n")
        f.writelines(f"{label}\t{code}\n" for label, code in usual_codes(data).items())


def report(nlp, test: list[tuple[str, str, dict[str, float]]]) -> None:  # noqa: ANN001
    tp = fp = fn = 0
    for (_, _, cats), doc in zip(test, nlp.pipe(t for _, t, _ in test), strict=True):
        for label, gold in cats.items():
            guess = doc.cats[label] >= 0.5
            tp += guess and gold == 1.0
            fp += guess and gold == 0.0
            fn += (not guess) and gold == 1.0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    print(f"held out: {len(test)} sentences, P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0:.3f}",
          file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
