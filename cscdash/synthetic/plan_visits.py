"""Statutory visits to children on CP plans (about every 10 working days) and CIN plans (about 20).

Visits are generated per family (the social worker visits the household) and recorded per child.
A few gaps are lapses, so that about 90% of children on a plan have been seen in the last 4 weeks
(calibration.md: cpp_visits_4wk_pct). Event E3 (case-system migration, November 2022) loses 40% of
that month's recorded visits, which are back-recorded in December.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic.working_days import add_working_days

E3_MONTH = np.datetime64("2022-11", "M")


def family_visits(
    rng: np.random.Generator,
    starts: np.ndarray,
    ends: np.ndarray,
    fam_ids: np.ndarray,
    gap_wd: tuple[int, int],
    lapse_p: float,
    lapse_wd: tuple[int, int],
    first_day: np.datetime64,
) -> pd.DataFrame:
    """Visit dates (fam_id, visit_date) from plan start to end, gaps in working days.

    Only visits on or after ``first_day`` are kept (the extracts start in April 2018).
    """
    starts = starts.astype("datetime64[D]")
    ends = ends.astype("datetime64[D]")
    length = (ends - starts).astype(int)
    per_plan = np.maximum(1, length // 7 + 2)
    total = int(per_plan.sum())
    plan = np.repeat(np.arange(len(starts)), per_plan)
    gaps = np.where(
        rng.random(total) < lapse_p,
        rng.integers(lapse_wd[0], lapse_wd[1] + 1, total),
        rng.integers(gap_wd[0], gap_wd[1] + 1, total),
    )
    # the first visit comes within a few working days of the plan start
    first = np.zeros(total, dtype=bool)
    first[np.concatenate([[0], np.cumsum(per_plan)[:-1]])] = True
    gaps = np.where(first, rng.integers(1, 5, total), gaps)
    cum = np.cumsum(gaps)
    base = np.repeat(cum[first] - gaps[first], per_plan)
    offset_wd = cum - base
    dates = add_working_days(starts[plan], offset_wd)
    keep = (dates <= ends[plan]) & (dates >= first_day)
    return pd.DataFrame({"fam_id": fam_ids[plan[keep]], "visit_date": dates[keep]})


def apply_migration_gap(rng: np.random.Generator, visits: pd.DataFrame) -> pd.DataFrame:
    """E3: drop 40% of November 2022 visits from the record and back-record them in December 2022."""
    month = visits["visit_date"].to_numpy().astype("datetime64[M]")
    hit = (month == E3_MONTH) & (rng.random(len(visits)) < 0.4)
    moved = visits.loc[hit].copy()
    december = np.datetime64("2022-12-01") + rng.integers(0, 20, len(moved)).astype("timedelta64[D]")
    moved["visit_date"] = add_working_days(december, 0)
    return pd.concat([visits.loc[~hit], moved], ignore_index=True)
