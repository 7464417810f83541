"""Working days for the generator: weekends and England and Wales bank holidays excluded.

The statutory timescales (45 working days for an assessment, 15 for an ICPC, 10 between CP visits)
are counted in working days, so the generator must place dates on the same calendar the indicator
views use (rule R3 of domain/indicators.md: the start day is day 0, the next working day is day 1).
"""

from __future__ import annotations

from functools import lru_cache

import holidays
import numpy as np


@lru_cache(maxsize=1)
def bank_holidays() -> np.ndarray:
    """England and Wales bank holidays 2000-2030 as sorted datetime64[D] (from the ``holidays`` package)."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2031))
    return np.array(sorted(days), dtype="datetime64[D]")


def add_working_days(start: np.ndarray, n: np.ndarray | int) -> np.ndarray:
    """The date ``n`` working days after ``start`` (so that ``working_days_between`` gives back ``n``).

    A start on a weekend or holiday counts from the working day before it, which keeps
    ``working_days_between(start, result) == n`` for every start date; ``n == 0`` gives the start.
    """
    start = np.asarray(start, dtype="datetime64[D]")
    return np.maximum(np.busday_offset(start, n, roll="backward", holidays=bank_holidays()), start)


def working_days_between(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Working days d with start < d <= end (rule R3)."""
    start = np.asarray(start, dtype="datetime64[D]") + 1
    end = np.asarray(end, dtype="datetime64[D]") + 1
    return np.busday_count(start, end, holidays=bank_holidays())


def is_working_day(days: np.ndarray) -> np.ndarray:
    """True where the date is a weekday that is not a bank holiday."""
    return np.is_busday(np.asarray(days, dtype="datetime64[D]"), holidays=bank_holidays())
