"""Child protection plan details: categories of abuse, previous plans and review conferences.

Review conferences follow Working Together: the first within 3 months of the plan start, then at
most 6 months apart; a small, drifting share is late, so that about 95% of children on a plan at
31 March have had every review on time (calibration.md section 3). Siblings share their conferences.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CATEGORIES = np.array(["NEG", "EMO", "PHY", "SAB", "MUL"])
CATEGORY_P = np.array([0.50, 0.38, 0.05, 0.04, 0.03])
#: Most plans keep their initial category; the rest are re-categorised at a review.
CATEGORY_CHANGE_P = 0.10
MAX_REVIEWS = 9


def categories(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Initial and latest category of abuse for ``n`` plans."""
    initial = rng.choice(CATEGORIES, size=n, p=CATEGORY_P)
    latest = np.where(
        rng.random(n) < CATEGORY_CHANGE_P, rng.choice(CATEGORIES, size=n, p=CATEGORY_P), initial
    )
    return initial, latest


def previous_plans(plans: pd.DataFrame) -> np.ndarray:
    """NumberOfPreviousCPP: how many plans the same child started before this one (own history)."""
    order = plans.sort_values(["child_no", "cpp_start", "cpp_id"])
    counts = order.groupby("child_no").cumcount()
    return counts.reindex(plans.index).to_numpy()


def review_dates(rng: np.random.Generator, fam_plans: pd.DataFrame, late_p: float) -> pd.DataFrame:
    """Review conference dates for each family plan (fam_id, cpp_start, cpp_end).

    Returns fam_id, review_date for reviews strictly inside the plan (the plan's end is decided at
    its last review, which is recorded as the end, not as a further review).
    """
    n = len(fam_plans)
    late = rng.random((n, MAX_REVIEWS)) < late_p
    first = np.where(late[:, 0], rng.integers(95, 120, n), rng.integers(55, 89, n))
    later = np.where(
        late[:, 1:],
        rng.integers(186, 215, (n, MAX_REVIEWS - 1)),
        rng.integers(140, 180, (n, MAX_REVIEWS - 1)),
    )
    offsets = np.cumsum(np.column_stack([first, later]), axis=1).astype("timedelta64[D]")
    start = fam_plans["cpp_start"].to_numpy().astype("datetime64[D]")
    end = fam_plans["cpp_end"].to_numpy().astype("datetime64[D]")
    dates = start[:, None] + offsets
    inside = dates < end[:, None]
    fam = np.repeat(fam_plans["fam_id"].to_numpy(), MAX_REVIEWS).reshape(n, MAX_REVIEWS)
    return pd.DataFrame({"fam_id": fam[inside], "review_date": dates[inside]})
