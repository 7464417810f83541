"""Where the gap is (cscdash.exception_reports.gap_breakdown) on hand-made breakdown rows: the group with
the most cases short of the target is named, with its numbers unless they would reveal a small count of
the rest of the LA by difference."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from cscdash.catalogue import load_catalogue
from cscdash.exception_reports import gap_breakdown
from cscdash.settings import load_settings
from cscdash.targets import Target

Q = date(2026, 9, 30)
IND = load_catalogue()["assessments_within_45wd_pct"]  # higher is better
TARGET = Target(IND.id, date(2024, 4, 1), 88, 83)


def _frame(rows: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "indicator_id": IND.id,
                "la_code": "E06999999",
                "period_start": date(2025, 10, 1),
                "period_end": Q,
                "breakdown": b,
                "breakdown_value": v,
                "numerator": float(n),
                "denominator": float(d),
                "value": 100 * n / d,
                "value_note": None,
            }
            for b, v, n, d in rows
        ]
    )


def _board():
    return replace(load_settings(), display_mode="board")


def test_the_group_with_most_cases_short_of_target_is_named_with_its_numbers():
    # all 80/100. Short of 88% at each group's size (0.88 x denominator - numerator):
    #   locality North 30/50 -> 44.0 - 30 = 14.0; South 50/50 -> 44.0 - 50 = -6 (not short)
    #   sex F 45/60 -> 52.8 - 45 = 7.8; M 35/40 -> 35.2 - 35 = 0.2
    # North has the most (14); of locality's shortfall (14) it is all of it: 100%.
    frame = _frame(
        [("all", "all", 80, 100), ("locality", "North", 30, 50), ("locality", "South", 50, 50)]
        + [("sex", "F", 45, 60), ("sex", "M", 35, 40)]
    )
    text = gap_breakdown(IND, TARGET, frame, Q, _board())
    expected = "By locality 'North': 60.0% (30 of 50), 100% of the cases short of the target"
    assert text == expected + " across that breakdown."


def test_numbers_that_would_reveal_the_rest_by_difference_are_withheld():
    # all 40/50; North 36/46 -> 40.48 - 36 = 4.48 short; South 4/4 -> 3.52 - 4 (not short).
    # North's own counts are not small, but 40 - 36 = 4 and 50 - 46 = 4 would give South's 4 of 4.
    frame = _frame([("all", "all", 40, 50), ("locality", "North", 36, 46), ("locality", "South", 4, 4)])
    text = gap_breakdown(IND, TARGET, frame, Q, _board())
    assert text == "By locality 'North': c (small numbers); it holds the largest part of the gap."


def test_nothing_short_and_other_kinds_are_said_so():
    frame = _frame([("all", "all", 95, 100), ("locality", "North", 45, 50), ("locality", "South", 50, 50)])
    assert gap_breakdown(IND, TARGET, frame, Q, _board()) == "No breakdown group is short of the target."
    count = load_catalogue()["cla_count"]
    assert gap_breakdown(count, None, frame, Q, _board()).startswith("Not worked out for this kind")
