"""The one table of ``tidings bench-faults``: every measure of the hostile inputs, the
kill trials, the full disk and round two, with totals over all of them."""

from __future__ import annotations

from tidings.bench.fault_classes import Trial
from tidings.bench.faults import DiskFullResult, TrialResult
from tidings.bench.hostile_run import HostileReport

# Measures that are zero when tidings holds up; bench-faults exits 1 when any is not.
FAILURE_MEASURES = ("crashes", "hangs", "articles_lost", "duplicates", "hostile_wrong_outcomes",
                    "kill_inconsistent", "kill_failed_open", "disk_full_inconsistent",
                    "workers_left", "round_two_wrong_outcomes")


def _hostile_summary(report: HostileReport | None) -> dict[str, int]:
    fields = ("inputs_tried", "crashes", "hangs", "wrong", "articles_lost", "duplicates")
    got = {f: getattr(report, f) if report else 0 for f in fields}
    got["wrong_outcomes"] = got.pop("wrong")
    return {f"hostile_{k}": v for k, v in got.items()}


def _disk_full_summary(full: DiskFullResult | None) -> dict[str, int | str]:
    if full is None:
        state = "not run"
    elif full.skipped:
        state = f"skipped: {full.skipped}"
    else:
        state = f"full after {full.stored_at_full} articles"
    return {"disk_full": state,
            "disk_full_lost": full.lost if full else 0,
            "disk_full_duplicates": full.duplicates if full else 0,
            "disk_full_inconsistent": (full.inconsistent + (not full.opened)) if full else 0}


def fault_summary(report: HostileReport | None, results: list[TrialResult],
                  full: DiskFullResult | None, two: list[Trial]) -> dict[str, int | str]:
    """One flat table of every bench-faults measure, with totals over all trial kinds."""
    s: dict = {
        "round_two_inputs": sum(tr.inputs for tr in two),
        "round_two_trials": len(two),
        "workers_left": sum(tr.workers_left for tr in two),
        "round_two_wrong_outcomes": sum(tr.wrong for tr in two),
        **_hostile_summary(report),
        "kill_trials": len(results),
        "kill_articles_lost": sum(r.lost for r in results),
        "kill_duplicates": sum(r.duplicates for r in results),
        "kill_inconsistent": sum(r.inconsistent for r in results),
        "kill_failed_open": sum(not r.opened for r in results),
        "kill_rerun_crashes": sum(r.crashed for r in results),
        **_disk_full_summary(full),
    }
    ran_full = full is not None and not full.skipped
    s["inputs_tried"] = s["hostile_inputs_tried"] + len(results) + ran_full + s["round_two_inputs"]
    s["crashes"] = s["hostile_crashes"] + s["kill_rerun_crashes"] + sum(tr.crashes for tr in two)
    s["hangs"] = s["hostile_hangs"] + sum(tr.hangs for tr in two)
    s["articles_lost"] = (s["hostile_articles_lost"] + s["kill_articles_lost"]
                          + s["disk_full_lost"] + sum(tr.lost for tr in two))
    s["duplicates"] = (s["hostile_duplicates"] + s["kill_duplicates"]
                       + s["disk_full_duplicates"] + sum(tr.duplicates for tr in two))
    return s
