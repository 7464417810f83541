"""An indicator's series as shown: after disclosure control, with its periods in words, and one point a
year for an annual indicator. The first step of every card, trend and SPC chart.

Choices written down:

* Every figure is read after disclosure control in the settings' display mode (:func:`shown_series`), so
  no chart or card reveals a suppressed value (disclosure.md S6, S10).
* Annual indicators (catalogue period types ``annual_31_mar`` and ``snapshot_30_sep``) have one figure a
  year: their trend and SPC use one point a year (:func:`annual_points`), never monthly copies of it.
* A view that says which census or snapshot a month's figure comes from (a ``census_date`` or
  ``snapshot_date`` column, see AS_AT_COLUMNS) dates the figure by that column, not by the month end.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from cscdash import disclosure, formatting
from cscdash.catalogue import Indicator
from cscdash.settings import Settings

#: catalogue period types -> (formatting period kind, reporting year end month)
PERIODS = {
    "rolling_12m": ("flow", 3),
    "snapshot": ("stock", 3),
    "year_to_30_sep": ("flow", 9),
    "snapshot_30_sep": ("census", 9),
    "annual_31_mar": ("year", 3),
}
#: View columns that date a month's figure by the census or snapshot it comes from -> period kind.
AS_AT_COLUMNS = {"census_date": "census", "snapshot_date": "dated_snapshot"}


def year_end_on_or_before(period_end: date, month: int) -> date:
    """The last day of ``month`` in the latest year on or before ``period_end``: 31 Mar 2026 for 31 Oct
    2026 and for 31 Mar 2026 itself, 31 Mar 2025 for 28 Feb 2026."""
    year = period_end.year if period_end.month >= month else period_end.year - 1
    return (pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)).date()


def period_text(indicator: Indicator, period_end: date) -> str:
    """'12 months to 31 Oct 2026', 'year to 31 Mar 2025', 'at 31 Oct 2026', or for an annual indicator
    the latest annual figure's period on or before ``period_end`` ('year to 31 Mar 2026' at 31 Oct 2026,
    'at 30 Sep 2026 (census)')."""
    kind, year_end = PERIODS[indicator.period_type]
    if indicator.is_annual:
        period_end = year_end_on_or_before(period_end, year_end)
    return formatting.period_label(period_end, kind, year_end)


def period_description(indicator: Indicator) -> str:
    """What period a figure covers, in words for the definition panel."""
    if indicator.period_type == "annual_31_mar":
        return "the year to 31 March (an annual figure: every month shows the latest year to 31 March)"
    if indicator.period_type == "snapshot_30_sep":
        return "the census at 30 September (an annual figure: every month shows the latest census)"
    example = period_text(indicator, date(2025, 1, 31))
    return example.replace("31 Jan 2025", "the chosen month end")


def as_at_column(frame: pd.DataFrame) -> str | None:
    """The census/snapshot date column a view carries (with at least one date), if any."""
    for column in AS_AT_COLUMNS:
        if column in frame.columns and frame[column].notna().any():
            return column
    return None


def annual_points(indicator: Indicator, shown: pd.DataFrame) -> pd.DataFrame:
    """One row a year, oldest first, ``period_end`` set to the date the figure is for.

    With a census/snapshot date column, one row per distinct date (the first month that carries it);
    otherwise the rows at the indicator's year end (31 March, or 30 September for the census).
    """
    column = as_at_column(shown)
    if column is not None:
        rows = shown[shown[column].notna()].sort_values("period_end")
        rows = rows.drop_duplicates(subset=column, keep="first")
        dates = pd.to_datetime(rows[column]).dt.date
        return rows.assign(period_end=dates.to_numpy()).reset_index(drop=True)
    ends = pd.to_datetime(shown["period_end"])
    rows = shown[((ends.dt.month == indicator.year_end_month) & ends.dt.is_month_end).to_numpy()]
    return rows.sort_values("period_end").reset_index(drop=True)


def trend_points(indicator: Indicator, shown: pd.DataFrame) -> pd.DataFrame:
    """The points a trend chart draws: one a year for an annual indicator, else every month."""
    return annual_points(indicator, shown) if indicator.is_annual else shown


def shown_series(indicator: Indicator, frame: pd.DataFrame, current: Settings) -> pd.DataFrame:
    """The series after disclosure control in the settings' mode (adds ``shown_value``, ``text`` ...)."""
    if frame.empty:
        return frame.assign(shown_value=[], text=[], marker=[], suppressed=[], small_number=[])
    return disclosure.apply_disclosure(
        frame,
        indicator.unit,
        current.display_mode,
        current.suppression_threshold,
        decimals=indicator.decimals,
    )
