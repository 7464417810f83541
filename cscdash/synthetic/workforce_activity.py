"""What the roster's workers do each month: sickness, long absences and the cases they hold.

Both the CSWW (days lost in the year, absent at 30 September, cases at 30 September) and the monthly
extract are sums of these worker-by-month matrices, so the two files always agree.

Sickness: short spells (Poisson, more in winter) make about 65% of days lost; long-term spells (1-6
months, about 0.55% of staff starting one each month) the rest. Maternity leave (6-12 months) makes
no sickness days but takes the worker off cases. Absent workers hold no cases.

Cases: case holders (OrgRole 5, and senior practitioners 4 at three quarters of a caseload; newly
qualified staff at 80% in their first year) hold Poisson-distributed cases scaled so the average
caseload (cases / FTE of those holding at least one) follows the month's target.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Winter (Dec-Feb) brings more short-term sickness, summer less.
_SICK_SEASON = {
    1: 1.3,
    2: 1.25,
    3: 1.05,
    4: 0.95,
    5: 0.9,
    6: 0.8,
    7: 0.75,
    8: 0.75,
    9: 0.9,
    10: 1.0,
    11: 1.1,
    12: 1.25,
}
_SHORT_SHARE = 0.65
_LONG_START_P = 0.0055
_LONG_DAYS_PER_MONTH = 17.0  # working days lost per FTE in a month of long-term sickness (about 21 x 0.8)
_MATERNITY_START_P = 0.0045


@dataclass
class Activity:
    """Worker-by-month matrices (workers, months), aligned with the workers table."""

    in_post: np.ndarray  # bool, at month end
    sickness_days: np.ndarray  # working days lost in the month (employed staff only)
    absence: np.ndarray  # object: '' or 'SIC' / 'MAT' at month end
    cases: np.ndarray  # int, at month end


def simulate_activity(
    rng: np.random.Generator, workers: pd.DataFrame, months: list, targets: pd.DataFrame
) -> Activity:
    """Draw sickness, absences and cases for every worker in every simulated month."""
    n, n_months = len(workers), len(months)
    start_m, end_m = workers["start_m"].to_numpy(), workers["end_m"].to_numpy()
    month_idx = np.arange(n_months)
    in_post = (start_m[:, None] <= month_idx[None, :]) & (end_m[:, None] > month_idx[None, :])
    during = (start_m[:, None] <= month_idx[None, :]) & (end_m[:, None] >= month_idx[None, :])
    employed = workers["AgencyWorker"].to_numpy() == 0
    fte = workers["FTE"].to_numpy()
    birth = workers["PersonBirthDate"].to_numpy()
    could_be_mother = (workers["GenderCurrent"].to_numpy() == "2") & employed

    sick = np.zeros((n, n_months))
    absence = np.full((n, n_months), "", dtype=object)
    long_left = np.zeros(n, dtype=np.int64)
    mat_left = np.zeros(n, dtype=np.int64)
    for m, month in enumerate(months):
        here = during[:, m] & employed
        annual = targets["sickness_days_per_fte"].iat[m]
        free = here & (long_left == 0) & (mat_left == 0)
        new_long = free & (rng.random(n) < _LONG_START_P * annual / 11.0)
        long_left[new_long] = rng.integers(1, 7, size=int(new_long.sum()))
        age = (np.datetime64(month) - birth).astype("timedelta64[D]").astype(float) / 365.25
        new_mat = free & ~new_long & could_be_mother & (age < 44) & (rng.random(n) < _MATERNITY_START_P)
        mat_left[new_mat] = rng.integers(6, 13, size=int(new_mat.sum()))
        short_mean = _SHORT_SHARE * annual / 12.0 * _SICK_SEASON[month.month] * fte
        days = rng.poisson(short_mean * (here & (long_left == 0) & (mat_left == 0)))
        days = days + (long_left > 0) * here * fte * _LONG_DAYS_PER_MONTH * rng.uniform(0.8, 1.2, size=n)
        sick[:, m] = np.round(days, 2)
        absence[:, m] = np.where(long_left > 0, "SIC", np.where(mat_left > 0, "MAT", ""))
        long_left = np.maximum(long_left - here, 0)
        mat_left = np.maximum(mat_left - here, 0)
    absence[~in_post] = ""

    cases = _draw_cases(rng, workers, in_post & (absence == ""), targets["caseload"].to_numpy())
    return Activity(in_post=in_post, sickness_days=sick, absence=absence, cases=cases)


def _draw_cases(
    rng: np.random.Generator, workers: pd.DataFrame, available: np.ndarray, caseload: np.ndarray
) -> np.ndarray:
    """Cases held at each month end, scaled so cases / holder FTE follows ``caseload``."""
    n, n_months = available.shape
    role = workers["OrgRole"].to_numpy()
    fte = workers["FTE"].to_numpy()
    weight = np.where(role == 5, 1.0, np.where(role == 4, 0.75, 0.0)) * rng.lognormal(0.0, 0.15, size=n)
    months_in = np.arange(n_months)[None, :] - workers["start_m"].to_numpy()[:, None]
    asye = workers["newly_qualified"].to_numpy()[:, None] & (months_in < 12)
    holders = available & (weight[:, None] > 0)
    load = np.where(holders, fte[:, None] * weight[:, None] * np.where(asye, 0.8, 1.0), 0.0)
    holder_fte = (holders * fte[:, None]).sum(axis=0)
    scale = np.divide(
        caseload * holder_fte, load.sum(axis=0), out=np.zeros(n_months), where=load.sum(axis=0) > 0
    )
    return rng.poisson(load * scale[None, :]).astype(np.int64)
