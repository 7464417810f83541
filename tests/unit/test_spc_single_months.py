"""Why SPC judges a flow's single months and not its 12-month totals, as statistics.

Simulated stable processes (a constant rate with binomial noise, a constant count with Poisson noise,
many seeds) are judged by cscdash.spc as the app judges them, 36 points at a time:

* on the single-month series the share of special-cause points stays near the rules' own false-alarm
  rate, which is measured here on independent normal points with the same code (the four Making Data
  Count rules together flag about 6% of the points of a stable 36-point series: beyond the limits,
  runs of 7, trends of 6 and two of three beyond 2 sigma). The bound is that rate plus 3 points: a
  binomial or Poisson month is nearly normal at these sizes, so its rate should be the same within
  simulation error (300 seeds x 36 points: a standard error under 1 point);
* on the 12-month totals of the same months the share is many times higher (they share eleven months:
  the moving range collapses and the runs rules fire), which is what the issue measured on the demo;
* a real step change (a rate from 20% to 28% on 200 cases a month, about 2.8 sigma) is found on the
  single months within six months of the step in at least 95% of seeds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash import spc

SEEDS = 300
POINTS = 36
MONTHS = pd.date_range("2020-01-31", periods=POINTS, freq="ME").date
JUDGED = ("common_cause", "improvement", "concern", "neither")


def _special(values: np.ndarray) -> np.ndarray:
    """The special-cause flag of each judged point of a 36-point series."""
    points = spc.xmr(
        pd.DataFrame({"period_end": MONTHS, "value": values}), polarity="higher_is_better"
    ).points
    return points.loc[points["point_type"].isin(JUDGED), "special_cause"].to_numpy(dtype=bool)


def _share(series: list[np.ndarray]) -> float:
    return float(np.mean([_special(values).mean() for values in series]))


def _normal_rate() -> float:
    """The rules' false-alarm rate on independent normal points (the reference)."""
    return _share([np.random.default_rng(seed).normal(0, 1, POINTS) for seed in range(SEEDS)])


def _binomial_months(seed: int, months: int, n: int = 200, p: float = 0.2) -> np.ndarray:
    return np.random.default_rng(seed).binomial(n, p, size=months) / n * 100


def _rolling(monthly_counts: np.ndarray) -> np.ndarray:
    """12-month totals of a monthly series (one per month end once 12 months exist)."""
    return np.convolve(monthly_counts, np.ones(12), "valid")


def test_single_months_of_a_stable_rate_flag_no_more_than_the_rules_false_alarm_rate():
    reference = _normal_rate()
    assert 0.02 < reference < 0.10  # the rules' own rate: a sanity check on the reference itself
    single = _share([_binomial_months(seed, POINTS) for seed in range(SEEDS)])
    assert single < reference + 0.03, (single, reference)


def test_twelve_month_totals_of_the_same_process_flag_most_points():
    reference = _normal_rate()
    rolled = []
    for seed in range(SEEDS):
        counts = np.random.default_rng(seed).binomial(200, 0.2, size=POINTS + 11)
        rolled.append(_rolling(counts) / (12 * 200) * 100)
    share = _share(rolled)
    assert share > 5 * reference, (share, reference)  # measured: about 77% against about 6%


def test_single_months_of_a_stable_count_flag_no_more_than_the_false_alarm_rate():
    reference = _normal_rate()
    counts = [np.random.default_rng(seed).poisson(50, POINTS).astype(float) for seed in range(SEEDS)]
    assert _share(counts) < reference + 0.03


def test_a_step_change_is_found_within_six_months():
    step = 24  # months 25-36 run at 28% instead of 20%
    found = 0
    for seed in range(200):
        rate = np.where(np.arange(POINTS) >= step, 0.28, 0.20)
        values = np.random.default_rng(seed).binomial(200, rate) / 200 * 100
        flags = _special(values)
        hits = np.flatnonzero(flags[step:])
        found += bool(hits.size) and hits[0] <= 6
    assert found / 200 >= 0.95, found
