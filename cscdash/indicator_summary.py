"""What an indicator card says for one month: the figure as it may be shown, its period, the change
against last month (the year before, for an annual figure) and the same month last year, the SPC icons
and the RAG rating.

Why here and not in the components: every judgement a card makes (suppression, change by polarity,
special cause, on target) is worked out by pure functions that tests can check by hand; the components
only lay the result out. Every comparison uses the *shown* figures (after disclosure control), so a
card never reveals a suppressed value through its change (disclosure.md S6, S10). The series a card
reads and its periods are in :mod:`cscdash.indicator_series`; what SPC judges is in
:mod:`cscdash.indicator_spc`.

Choices written down:

* Annual indicators (catalogue period types ``annual_31_mar`` and ``snapshot_30_sep``) have one figure
  a year. At any month end the card shows the latest annual figure on or before it, labelled by its own
  date ("year to 31 Mar 2026", "at 30 Sep 2026 (census)"), and compares it with the figure a year
  before ("on last year", "on last census"), never with last month: a census carried
  to each month end would otherwise read "no change on last month" eleven months in twelve. Their
  trend and SPC use one point a year; SPC never runs on fewer annual points than spc.SpcRules
  .min_points (15, i.e. 15 years), because monthly copies of one yearly figure are not independent
  points and collapse the limits.
* A view that says which census or snapshot a month's figure comes from (a ``census_date`` or
  ``snapshot_date`` column, see AS_AT_COLUMNS) dates the card by that column, not by the month end.
* A council's sources end in different months (the returns at 31 March, an in-year Annex A list later).
  When the chosen month is after the last month an indicator's returns cover (no row, or a row whose
  note says no return covers it), the card shows the indicator's latest figure, dated and marked "the
  latest available", compared with the months before *that* figure, rather than a blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from cscdash import formatting, targets
from cscdash.catalogue import Indicator
from cscdash.indicator_data import months_before, row_at
from cscdash.indicator_series import (
    AS_AT_COLUMNS,
    PERIODS,
    annual_points,
    as_at_column,
    period_text,
    shown_series,
    year_end_on_or_before,
)
from cscdash.indicator_spc import (
    spc_applies,
    spc_basis,
    spc_on_single_months,
    spc_points_needed,
    spc_result,
    spc_series,
    spc_target,
)
from cscdash.settings import Settings

#: An annual figure within this many days of "a year before" counts as the year before (census dates
#: need not fall on the same day each year).
YEAR_SLACK_DAYS = 45


def target_in_force(indicator: Indicator, stored: pd.DataFrame, on: date) -> targets.Target | None:
    """The stored target in force on ``on``, or None."""
    if stored is None or stored.empty:
        return None
    return targets.target_for(stored, indicator.id, on)


@dataclass(frozen=True)
class Facts:
    """Everything a card shows for one indicator and month."""

    indicator: Indicator
    period_end: date  # the chosen month end
    period: str  # the period of the figure shown ('year to 31 Mar 2026', 'at 30 Sep 2026 (census)')
    value: float | None  # the shown value (None when suppressed or missing)
    text: str  # '88.3%', 'c' or 'x'
    n_of_n: str
    marker: str
    note: str  # why there is no value ('insufficient history', 'no cases', 'no data for this month')
    vs_previous: formatting.Change  # against last month, or for an annual figure the year before
    previous_label: str  # "last month", "last year" or "last census" (short: the card's delta line)
    vs_year: formatting.Change
    variation: str  # a spc.VARIATION_LABELS key, or NO_SPC when SPC does not apply
    variation_label: str
    assurance: str | None
    assurance_label: str | None
    rag: targets.Rag
    change_1y: float | None
    change_3y: float | None
    value_1y: float | None
    value_3y: float | None
    as_at: date | None = None  # the date the figure is for (the year end, census or snapshot date)
    spc_points: str = "month ends"  # what SPC judged: "single months" (a flow), "month ends" or "years"
    #: The card's trend at a glance: the shown figures of the SPARKLINE_POINTS months to the figure's date
    #: (years for an annual figure), oldest first; None where a month is suppressed or missing.
    sparkline: tuple[float | None, ...] = ()

    @property
    def special_cause(self) -> bool:
        """True when the latest point is a special cause (any direction)."""
        return self.variation.startswith("special_cause")

    @property
    def spc_shown(self) -> bool:
        """True when the card carries SPC icons (the catalogue lists SPC and it could run)."""
        return self.variation != NO_SPC


#: Facts.variation when SPC does not apply (not in the catalogue's charts, or too few annual points).
NO_SPC = "not_applicable"


def _shown_at(shown: pd.DataFrame, period_end: date) -> float | None:
    row = row_at(shown, period_end)
    if row is None or pd.isna(row["shown_value"]):
        return None
    return float(row["shown_value"])


def _shown_near(points: pd.DataFrame, when: date) -> float | None:
    """The shown value of the annual point closest to ``when`` within YEAR_SLACK_DAYS, else None."""
    if points.empty:
        return None
    gaps = (pd.to_datetime(points["period_end"]) - pd.Timestamp(when)).abs()
    nearest = gaps.idxmin()
    if gaps[nearest] > pd.Timedelta(days=YEAR_SLACK_DAYS) or pd.isna(points.loc[nearest, "shown_value"]):
        return None
    return float(points.loc[nearest, "shown_value"])


def _diff(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


@dataclass(frozen=True)
class _Reading:
    """Which row a card reads, the date and words of its period, and the values it is compared with."""

    row: pd.Series | None
    as_at: date | None
    period: str
    missing_note: str
    previous_label: str
    previous: float | None
    year_ago: float | None
    three_years: float | None
    latest: bool = False  # the month is after the indicator's returns end: its latest figure instead


#: The end of a value_note that says no loaded return covers the month (int_calendar__month_ends).
NOT_COVERED = "covers this month"


def _not_covered(row: pd.Series | None) -> bool:
    """True when there is no row for the month, or its note says no loaded return covers it."""
    return row is None or str(row.get("value_note") or "").endswith(NOT_COVERED)


def latest_covered(shown: pd.DataFrame, period_end: date) -> date | None:
    """The latest month end before ``period_end`` with a figure (or a suppressed one), if any."""
    earlier = shown[shown["period_end"] < period_end]
    has_figure = earlier["shown_value"].notna() | earlier["suppressed"].fillna(False).astype(bool)
    earlier = earlier[has_figure.to_numpy()]
    return None if earlier.empty else earlier["period_end"].max()


def _monthly_reading(indicator: Indicator, shown: pd.DataFrame, period_end: date) -> _Reading:
    """A monthly indicator: the row at the month end, dated by its census/snapshot column if it has one;
    when the indicator's returns end before the month, its latest figure, dated and marked 'the latest
    available'."""
    row = row_at(shown, period_end)
    latest = latest_covered(shown, period_end) if _not_covered(row) else None
    if latest is not None:
        reading = _monthly_reading(indicator, shown, latest)
        return _Reading(
            reading.row,
            reading.as_at,
            f"{reading.period}, the latest available",
            reading.missing_note,
            reading.previous_label,
            reading.previous,
            reading.year_ago,
            reading.three_years,
            latest=True,
        )
    as_at, period = period_end, period_text(indicator, period_end)
    column = as_at_column(shown)
    if row is not None and column is not None and pd.notna(row[column]):
        as_at = pd.Timestamp(row[column]).date()
        _, year_end = PERIODS[indicator.period_type]
        period = formatting.period_label(as_at, AS_AT_COLUMNS[column], year_end)
    return _Reading(
        row=row,
        as_at=as_at,
        period=period,
        missing_note="no data for this month",
        previous_label="last month",
        previous=_shown_at(shown, months_before(period_end, 1)),
        year_ago=_shown_at(shown, months_before(period_end, 12)),
        three_years=_shown_at(shown, months_before(period_end, 36)),
    )


def _annual_reading(indicator: Indicator, shown: pd.DataFrame, period_end: date) -> _Reading:
    """An annual indicator: the latest annual figure on or before the month end, against the year before."""
    points = annual_points(indicator, shown)
    kind, year_end = PERIODS[indicator.period_type]
    column = as_at_column(shown)
    if column is not None:
        kind = AS_AT_COLUMNS[column] if indicator.period_type != "annual_31_mar" else kind
        earlier = points[points["period_end"] <= period_end]
        as_at = earlier["period_end"].max() if not earlier.empty else None
    else:
        as_at = year_end_on_or_before(period_end, year_end)
    row = row_at(points, as_at) if as_at is not None else None
    period = formatting.period_label(as_at, kind, year_end) if as_at else period_text(indicator, period_end)
    if as_at is None:
        month_row = row_at(shown, period_end)
        note = month_row["value_note"] if month_row is not None and month_row["value_note"] else None
        missing = str(note or "no figure on or before this month")
    else:
        missing = f"no figure for the {period}" if kind == "year" else f"no figure {period}"
    previous_label = "last year" if kind == "year" else "last census"
    year_ago = None if as_at is None else _shown_near(points, months_before(as_at, 12))
    three_years = None if as_at is None else _shown_near(points, months_before(as_at, 36))
    return _Reading(row, as_at, period, missing, previous_label, year_ago, year_ago, three_years)


#: How many months a card's trend line shows ("direction is seen before it is read").
SPARKLINE_POINTS = 24


def sparkline(indicator: Indicator, shown: pd.DataFrame, until: date) -> tuple[float | None, ...]:
    """The shown figures up to ``until``: the last SPARKLINE_POINTS months, or every yearly figure of an
    annual indicator; suppressed months are gaps (None), never their hidden value."""
    points = annual_points(indicator, shown) if indicator.is_annual else shown
    points = points[points["period_end"] <= until].sort_values("period_end").tail(SPARKLINE_POINTS)
    return tuple(None if pd.isna(v) else float(v) for v in points["shown_value"])


def facts(
    indicator: Indicator,
    frame: pd.DataFrame,
    period_end: date,
    current: Settings,
    stored_targets: pd.DataFrame | None = None,
    judge_spc: bool = True,
) -> Facts:
    """The card of ``indicator`` for ``period_end`` from its whole-LA series ``frame``. ``judge_spc``
    False leaves SPC out (as for an indicator without SPC): the scorecard's earlier quarters need
    only the figure and its RAG, and SPC is most of a card's cost."""
    shown = shown_series(indicator, frame, current)
    reading = (_annual_reading if indicator.is_annual else _monthly_reading)(indicator, shown, period_end)
    row = reading.row
    if row is None:
        value, text, n_of, marker, note = None, formatting.NOT_AVAILABLE, "", "", reading.missing_note
    else:
        value = None if pd.isna(row["shown_value"]) else float(row["shown_value"])
        text = row["text"]
        n_of = (
            ""
            if indicator.denominator is None
            else formatting.basis_text(
                indicator.unit, row["shown_numerator"], row["shown_denominator"], indicator.denominator
            )
        )
        marker = row["marker"]
        note = "" if value is not None or row["suppressed"] else str(row["value_note"] or "no value")
    change = {
        "unit": indicator.unit,
        "polarity": indicator.polarity,
        "mode": current.display_mode,
        "threshold": current.suppression_threshold,
    }
    year_label = reading.previous_label if indicator.is_annual else "the same month last year"
    # an annual figure (or a latest figure shown for a later month) is judged against the target in force
    # for its own date, and SPC on the points up to it, not the chosen month's
    judged_on = reading.as_at if (indicator.is_annual or reading.latest) and reading.as_at else period_end
    target = target_in_force(indicator, stored_targets, judged_on)
    single = spc_on_single_months(indicator, frame)
    result = None
    if judge_spc:
        points = spc_series(indicator, frame, current) if single else shown
        result = spc_result(indicator, points, judged_on, spc_target(indicator, target, single_month=single))
    return Facts(
        indicator=indicator,
        period_end=period_end,
        period=reading.period,
        value=value,
        text=text,
        n_of_n=n_of,
        marker=marker,
        note=note,
        vs_previous=formatting.change_text(value, reading.previous, against=reading.previous_label, **change),
        previous_label=reading.previous_label,
        vs_year=formatting.change_text(value, reading.year_ago, against=year_label, **change),
        variation=result.variation if result else NO_SPC,
        variation_label=result.variation_label if result else _no_spc_label(indicator),
        assurance=result.assurance if result else None,
        assurance_label=result.assurance_label if result else None,
        rag=targets.rag(value, target, indicator.decimals),
        change_1y=_diff(value, reading.year_ago),
        change_3y=_diff(value, reading.three_years),
        value_1y=reading.year_ago,
        value_3y=reading.three_years,
        as_at=reading.as_at,
        spc_points=spc_basis(indicator, frame),
        sparkline=sparkline(indicator, shown, reading.as_at or period_end) if not shown.empty else (),
    )


def _no_spc_label(indicator: Indicator) -> str:
    if not spc_applies(indicator):
        return "No SPC chart for this indicator"
    return f"Too few annual figures for SPC (it needs {spc_points_needed()})"


def relative_change(f: Facts) -> float:
    """|change over a year| / |value a year ago| (0 when not comparable): 'what changed most'."""
    if f.change_1y is None or f.value_1y is None:
        return 0.0
    base = abs(f.value_1y) if f.value_1y else 1.0
    return float(abs(f.change_1y) / base) if not np.isnan(f.change_1y) else 0.0
