"""CLA reviews and social worker visits to children in care.

Reviews follow the Care Planning Regulations timetable (first within 20 working days of the start of
care, the second within 3 months, then every 6 months), about 95% on time. Visits are due every six
weeks; the share of visits made within 42 days of the last drifts month to month (a bounded random
walk, calibration.md 5.2), and in November 2022 the case-system migration (event E3) pushes 40% of
visits into the first half of December (a dip, then a catch-up spike).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic.care_dates import DAY, add_months, age_years, as_days, days
from cscdash.synthetic.care_params import CareParams
from cscdash.synthetic.care_periods import draw_codes
from cscdash.synthetic.context import HISTORY_START, Context
from cscdash.synthetic.working_days import add_working_days

PARTICIPATION = (
    ["PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"],
    [0.45, 0.08, 0.05, 0.05, 0.16, 0.13, 0.08],
)
E3_MONTH = np.datetime64("2022-11", "M")


def reviews(ctx: Context, periods: pd.DataFrame, params: CareParams) -> pd.DataFrame:
    """CLA reviews: child_id, review_date, review_code (none for short breaks, rule 399)."""
    rng = ctx.rng("care.reviews")
    cut = as_days([ctx.end_month])[0]
    care = periods[~periods["short_breaks"]].reset_index(drop=True)
    n = len(care)
    start = care["period_start"].to_numpy(dtype="datetime64[D]")
    end = np.minimum(care["natural_end"].to_numpy(dtype="datetime64[D]"), cut + DAY)
    due = add_working_days(start, 20)
    rows, dates = [], []
    prev = start
    for k in range(40):
        if k == 1:
            due = add_months(prev, 3)
        elif k > 1:
            due = add_months(prev, 6)
        on_time = rng.random(n) < params.reviews_on_time_pct
        early = rng.integers(0, 15 if k == 0 else 30, n)
        date = np.where(
            on_time,
            np.maximum(due - days(early), prev + days(7 if k == 0 else 30)),
            due + days(rng.integers(1, 40, n)),
        )
        alive = date < end
        if not alive.any():
            break
        rows.append(np.flatnonzero(alive))
        dates.append(date[alive])
        prev = np.where(alive, date, prev)
        end = np.where(alive, end, np.datetime64("1900-01-01"))
    idx = np.concatenate(rows)
    out = pd.DataFrame({"child_id": care["child_id"].to_numpy()[idx], "review_date": np.concatenate(dates)})
    age = age_years(care["dob_d"].to_numpy()[idx], out["review_date"].to_numpy())
    out["review_code"] = np.where(age < 4, "PN0", draw_codes(rng, *PARTICIPATION, len(out)))
    out["review_date"] = pd.to_datetime(out["review_date"])
    return out.sort_values(["child_id", "review_date"], kind="stable").reset_index(drop=True)


def _on_time_walk(ctx: Context, rng: np.random.Generator, params: CareParams) -> pd.Series:
    """Monthly share of visit intervals within 42 days: a random walk (SD 0.5 points) around the target."""
    months = pd.period_range("2016-01", ctx.end_month, freq="M")
    steps = rng.normal(0, 0.005, len(months))
    walk = np.empty(len(months))
    level = params.visits_on_time_pct
    for i, step in enumerate(steps):
        level = float(
            np.clip(
                level + step - 0.1 * (level - params.visits_on_time_pct),
                params.visits_on_time_pct - 0.05,
                params.visits_on_time_pct + 0.05,
            )
        )
        walk[i] = level
    return pd.Series(walk, index=months.to_timestamp().to_numpy(dtype="datetime64[M]"))


def cla_visits(ctx: Context, periods: pd.DataFrame, params: CareParams) -> pd.DataFrame:
    """Statutory visits to children in care from April 2018: child_id, visit_date, visit_type 'CLA', ..."""
    rng = ctx.rng("care.visits")
    cut = as_days([ctx.end_month])[0]
    first_day = np.datetime64(HISTORY_START)
    care = periods[~periods["short_breaks"]].reset_index(drop=True)
    start = care["period_start"].to_numpy(dtype="datetime64[D]")
    end = np.minimum(care["natural_end"].to_numpy(dtype="datetime64[D]"), cut + DAY)
    live = end > first_day
    care, start, end = care[live].reset_index(drop=True), start[live], end[live]
    n = len(care)
    walk = _on_time_walk(ctx, rng, params)
    date = np.where(
        start >= first_day - days(42),
        start + days(rng.integers(1, 8, n)),
        first_day - days(rng.integers(0, 42, n)),
    )
    rows, dates = [], []
    for _ in range(200):
        alive = date < end
        if not alive.any():
            break
        rows.append(np.flatnonzero(alive))
        dates.append(date[alive])
        p_on_time = walk.reindex(date.astype("datetime64[M]")).fillna(params.visits_on_time_pct).to_numpy()
        gap = np.where(rng.random(n) < p_on_time, rng.integers(20, 43, n), rng.integers(43, 80, n))
        date = np.where(alive, date + days(gap), date)
    idx = np.concatenate(rows)
    visit = np.concatenate(dates)
    late_e3 = (visit.astype("datetime64[M]") == E3_MONTH) & (rng.random(len(visit)) < 0.4)
    visit = np.where(late_e3, np.datetime64("2022-12-01") + days(rng.integers(0, 15, len(visit))), visit)
    keep = (visit >= first_day) & (visit < end[idx]) & (visit <= cut)
    idx, visit = idx[keep], visit[keep]
    m = len(idx)
    age = age_years(care["dob_d"].to_numpy()[idx], visit)
    seen = rng.random(m) < 0.97
    alone_p = np.select([age < 4, age < 8], [0.0, 0.3], 0.7)
    out = pd.DataFrame(
        {
            "child_id": care["child_id"].to_numpy()[idx],
            "visit_date": pd.to_datetime(visit),
            "visit_type": "CLA",
            "child_seen": seen,
            "seen_alone": seen & (rng.random(m) < alone_p),
        }
    )
    return out.sort_values(["child_id", "visit_date"], kind="stable").reset_index(drop=True)
