"""The learned event detector: events the verb patterns do not see.

Patterns code what a verb and its arguments say ("Russia accused Ukraine of ..."). News
also reports events in nouns and light verbs ("carried out air strikes", "a raid on"),
in passives and in forms no table lists. The detector is a small spaCy text classifier
shipped in the package (``coding/models/events``, trained by
``training/train_detector.py`` on sentences we wrote): for a sentence it gives, for each
PLOVER type, how likely the sentence reports such an event as having happened.

A sentence where the patterns coded nothing gets a model event when

- the detector's best type scores at least the threshold;
- a word of that type's trigger list (learned from the training triggers, shipped beside
  the model) is in the sentence: it is the event's ``verb``;
- the trigger is not inside reported speech (the statement rules code that), nor a verb
  the pattern table knows used as a verb (the patterns saw it and chose);
- an actor stands before the trigger (the source; for a passive "X was attacked by Y",
  the agent); the first other actor after it is the target. The press ("told
  reporters") is never a participant of a model event.

The event's CAMEO code is the one most often given to its type in the training data
(``codes.tsv`` beside the model; else the lowest general code of the type), its confidence the detector's score, and ``rule`` names the model and score, so
every event still says what made it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tidings.coding.drafts import DraftEvent, Participant
from tidings.errors import MissingDependency

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from tidings.extract.phrases import Resolved
    from tidings.rules import RuleSet

MODEL_DIR = Path(__file__).resolve().parent / "models" / "events"
DEFAULT_THRESHOLD = 0.35


@dataclass(frozen=True)
class Detection:
    label: str  # PLOVER type
    score: float


class EventDetector:
    """One loaded detector (load once per process: :meth:`default`)."""

    def __init__(self, path: Path = MODEL_DIR, threshold: float = DEFAULT_THRESHOLD) -> None:
        import spacy

        if not (path / "meta.json").is_file():
            raise MissingDependency("tidings (its event detector model)", "coding events with the detector",
                                    "pip install --force-reinstall tidings, or from a clone: "
                                    "python training/train_detector.py")
        self.nlp: Language = spacy.load(path)
        self.name = f"{self.nlp.meta.get('name', 'events')}-{self.nlp.meta.get('version', '0')}"
        self.threshold = threshold
        self.triggers = _read_pairs(path / "triggers.tsv")
        self.codes = {label: min(codes) for label, codes in _read_pairs(path / "codes.tsv").items()}
        self.any_trigger = frozenset().union(*self.triggers.values()) if self.triggers else frozenset()

    @classmethod
    @functools.lru_cache(maxsize=2)
    def default(cls, threshold: float = DEFAULT_THRESHOLD) -> EventDetector:
        return cls(MODEL_DIR, threshold)

    def worth_asking(self, doc: Doc, rules: RuleSet) -> bool:
        """Whether :meth:`draft` could make an event of this sentence for some type: a
        trigger word of any type stands in it, and not as a verb the patterns decided on.
        Checked before the classifier runs, so most sentences never reach it."""
        words = self.any_trigger
        for i, t in enumerate(doc):
            if (t.lower_ in words or (t.lemma_ and t.lemma_.lower() in words)) and \
                    not _patterns_decided(doc, i, rules):
                return True
        return False

    def detect(self, texts: Sequence[str]) -> list[Detection | None]:
        """For each sentence, its best PLOVER type if it reaches the threshold."""
        out: list[Detection | None] = []
        for doc in self.nlp.pipe(texts, batch_size=256):
            if not doc.cats:
                out.append(None)
                continue
            label, score = max(doc.cats.items(), key=lambda kv: kv[1])
            out.append(Detection(label, float(score)) if score >= self.threshold else None)
        return out

    def draft(self, doc: Doc, actors: Sequence[Resolved], found: Detection, rules: RuleSet
              ) -> DraftEvent | None:
        """The event a detection makes in a sentence, or None without a trigger or source."""
        words = self.triggers.get(found.label, frozenset())
        trigger = next((t.i for t in doc if t.lower_ in words or (t.lemma_ and t.lemma_.lower() in words)), None)
        if trigger is None or _reported(doc, trigger, rules.cues.forms) or _patterns_decided(doc, trigger, rules):
            return None
        # the press is where news is told, rarely who acts in it ("told reporters")
        actors = [a for a in actors if a.role != "MED"]
        source, target = _participants(doc, actors, trigger)
        if source is None:
            return None
        code = self.codes.get(found.label) or base_code(rules, found.label)
        if code is None or code not in rules.cameo:
            return None
        return DraftEvent(source, target, code, (trigger,), negated=False,
                          confidence=round(found.score, 3),
                          rule=f"model:{self.name} {found.label} p={found.score:.2f}")


def _patterns_decided(doc: Doc, trigger: int, rules: RuleSet) -> bool:
    """A verb the pattern table knows, used as a verb: the patterns saw it and chose not
    to code it ("Japan called China" is not "called on"), so the model does not either."""
    t = doc[trigger]
    if t.lower_ not in rules.verbs.forms:
        return False
    return not doc.has_annotation("POS") or t.pos_ in ("VERB", "AUX")


def _reported(doc: Doc, trigger: int, cues: frozenset[str]) -> bool:
    """The trigger stands in what someone says ("X told reporters that the talks ..."):
    reported speech is coded by the statement rules, not as an event that happened."""
    if doc.has_annotation("DEP"):
        return any(t.lower_ in cues or t.lemma_.lower() in cues for t in doc[trigger].ancestors)
    return any(t.lower_ in cues for t in doc[:trigger])


def _participants(doc: Doc, actors: Sequence[Resolved], trigger: int
                  ) -> tuple[Participant | None, Participant | None]:
    before = [a for a in actors if a.tok_end <= trigger]
    after = [a for a in actors if a.tok_start > trigger]
    if doc.has_annotation("DEP"):
        passive = [a for a in before if doc[a.head].dep_ == "nsubjpass"]
        agent = [a for a in after if doc[a.head].head.dep_ == "agent"]
        if passive:
            src = agent[0] if agent else None
            return (_part(src) if src else None), _part(passive[-1])
    if not before:
        return None, None
    src = before[-1]
    tgt = next((a for a in after if a.code != src.code), None)
    return _part(src), (_part(tgt) if tgt else None)


def _part(r: Resolved) -> Participant:
    return Participant(r, r.tok_start, r.tok_end, "")


@functools.lru_cache(maxsize=64)
def _base_codes(cameo_items: tuple[tuple[str, str | None], ...]) -> Mapping[str, str]:
    out: dict[str, str] = {}
    # a root's general code (180, 110, ...) first, then any three-digit code
    for code, plover in sorted(cameo_items, key=lambda cp: (not cp[0].endswith("0"), cp[0])):
        if plover and len(code) == 3 and plover not in out:
            out[plover] = code
    return out


def base_code(rules: RuleSet, plover: str) -> str | None:
    """The CAMEO code a model event of a PLOVER type gets: the lowest general code of a
    root (ending in 0) of that type, else its lowest three-digit code (ASSAULT -> 180)."""
    items = tuple((c.code, c.plover) for c in rules.cameo.values())
    return _base_codes(items).get(plover)


def _read_pairs(path: Path) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#") and "\t" in line:
                label, word = line.split("\t")[:2]
                out.setdefault(label, set()).add(word.strip().lower())
    return {k: frozenset(v) for k, v in out.items()}
