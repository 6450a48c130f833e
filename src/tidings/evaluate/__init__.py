"""Scoring the coder against gold data: ``tidings eval``.

- :mod:`.gsr`: the PLOVER gold standard records (one JSON list, one event per sentence);
- :mod:`.devset`: development sets in the uniform JSONL format (events, quotes, places,
  dates), read and aligned to the coder's text;
- :mod:`.events`: event type P/R/F1 per type, actor country accuracy, false alarms;
- :mod:`.spans`: quotes and speakers, places, dates;
- :mod:`.calibration`: does an event's confidence say how often it is right?
"""

from tidings.evaluate.gsr import (
    OLD_LABELS,
    GoldError,
    GoldItem,
    Report,
    gold_articles,
    load_gold,
    score,
)

__all__ = ["OLD_LABELS", "GoldError", "GoldItem", "Report", "gold_articles", "load_gold", "score"]
