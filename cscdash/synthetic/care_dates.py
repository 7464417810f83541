"""Date arithmetic for the care part: birthdays, ages and random durations, on numpy day arrays.

The care simulation works on ``datetime64[D]`` arrays (one element per period, placement or visit)
so that it stays vectorised; these helpers keep the few calendar rules (a 29 February birthday falls
on 1 March in other years, ages are completed years) in one place.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DAY = np.timedelta64(1, "D")


def as_days(values: object) -> np.ndarray:
    """Any dates (python dates, Timestamps, strings, a Series) as a ``datetime64[D]`` array."""
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    return pd.to_datetime(series).to_numpy(dtype="datetime64[D]")


def add_years(dates: np.ndarray, years: int | np.ndarray) -> np.ndarray:
    """``dates`` plus whole years (29 February goes to 1 March, as in English law), e.g. the 18th birthday."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    years = np.broadcast_to(np.asarray(years, dtype=int), dates.shape)
    ymd = pd.DatetimeIndex(dates)
    year = ymd.year.to_numpy() + years
    month = ymd.month.to_numpy()
    day = ymd.day.to_numpy()
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    bump = (month == 2) & (day == 29) & ~leap
    month = np.where(bump, 3, month)
    day = np.where(bump, 1, day)
    text = [f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in zip(year, month, day, strict=True)]
    return np.array(text, dtype="datetime64[D]")


def age_years(dob: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Completed years of age on a date (rule R9 of indicators.md)."""
    dob = pd.DatetimeIndex(np.asarray(dob, dtype="datetime64[D]"))
    on = pd.DatetimeIndex(np.broadcast_to(np.asarray(on, dtype="datetime64[D]"), dob.shape))
    before_birthday = (on.month < dob.month) | ((on.month == dob.month) & (on.day < dob.day))
    return (on.year - dob.year - before_birthday.astype(int)).to_numpy()


def age_fraction(dob: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Age in (fractional) years, good enough for choosing rates by age band."""
    days = (np.asarray(on, dtype="datetime64[D]") - np.asarray(dob, dtype="datetime64[D]")) / DAY
    return days / 365.25


def lognormal_days(rng: np.random.Generator, median: float, sigma: float, size: int) -> np.ndarray:
    """Whole-day durations from a log-normal with the given median, at least one day."""
    return np.maximum(1, np.round(median * np.exp(sigma * rng.standard_normal(size)))).astype(int)


def days(n: np.ndarray | int) -> np.ndarray:
    """Whole days as ``timedelta64[D]``."""
    return np.asarray(n, dtype=int).astype("timedelta64[D]")


def to_date_series(values: np.ndarray) -> pd.Series:
    """A day array as a pandas datetime Series (NaT stays NaT)."""
    return pd.Series(pd.to_datetime(np.asarray(values, dtype="datetime64[D]")))


def add_months(dates: np.ndarray, months: int | np.ndarray) -> np.ndarray:
    """``dates`` plus calendar months, the day capped at the month's length (31 Jan + 1 month = 28 Feb)."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    month = dates.astype("datetime64[M]")
    day = (dates - month.astype("datetime64[D]")).astype(int)
    target = month + np.asarray(months, dtype=int).astype("timedelta64[M]")
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(int)
    return target.astype("datetime64[D]") + np.minimum(day, length - 1).astype("timedelta64[D]")
