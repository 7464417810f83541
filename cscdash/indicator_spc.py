"""What SPC judges for one indicator: which series (a flow's single months, else the shown series), over
which window, against which target. :mod:`cscdash.spc` does the XmR arithmetic; the card
(:mod:`cscdash.indicator_summary`), the SPC tab and ``python -m cscdash spc`` all call these.

Choices written down:

* SPC runs only for indicators whose catalogue ``charts`` list 'spc'. It runs on the 36 months up to
  the selected month (at least 15 points, spc.SpcRules), so a change of process years ago does not set
  today's limits; the SPC tab can recalculate from a chosen month.
* For a flow (a total over the 12 months to the month end) SPC judges the **single-month** figures, not
  the 12-month totals: consecutive 12-month totals share eleven months, so they barely move, the moving
  range collapses and the runs rules fire nearly every month (NHS England's Making Data Count says not
  to chart rolling figures). The single-month figures come from the same view (its month_* columns) and
  pass through the same disclosure control; a 'share' flow (a count, or a rate over a stock) is compared
  with a twelfth of its target (:func:`spc_target`). Stocks keep their month-end values, annual figures
  one point a year.
* The SPC target is the stored target in force (a band for band indicators), else the catalogue's band.
* An annual indicator's SPC uses one point a year and never runs on fewer annual points than
  spc.SpcRules.min_points (15, i.e. 15 years), because monthly copies of one yearly figure are not
  independent points and collapse the limits.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from cscdash import spc, targets
from cscdash.catalogue import Indicator
from cscdash.indicator_data import has_months, months_before, single_months
from cscdash.indicator_series import annual_points, shown_series
from cscdash.settings import Settings

SPC_MONTHS = 36


def spc_on_single_months(indicator: Indicator, frame: pd.DataFrame) -> bool:
    """True when SPC judges the indicator's single-month figures (a flow whose view carries them)."""
    return indicator.is_flow and has_months(frame)


def spc_series(indicator: Indicator, frame: pd.DataFrame, current: Settings) -> pd.DataFrame:
    """The series SPC judges, after disclosure control in the settings' mode: a flow's single months (so
    more of them are suppressed in board mode: a suppressed month is a gap), else the card's series."""
    if spc_on_single_months(indicator, frame):
        return shown_series(indicator, single_months(frame), current)
    return shown_series(indicator, frame, current)


#: Fewer cases (or events) than this in a month and the month-to-month variation is wide (the SPC tab
#: says so): a binomial proportion over 20 cases has a standard error of up to 11 points.
SMALL_MONTH = 20


def small_months(indicator: Indicator, months: pd.DataFrame, period_end: date) -> int:
    """How many of the SPC window's single months rest on fewer than SMALL_MONTH cases: the month's
    denominator for a rate-like flow (a percentage of the month's cases), its count for a share."""
    window = spc_window(indicator, months, period_end)
    size = window["denominator"] if indicator.single_month_kind == "rate" else window["numerator"]
    size = pd.to_numeric(size, errors="coerce")
    return int((size.notna() & (size < SMALL_MONTH)).sum())


def spc_basis(indicator: Indicator, frame: pd.DataFrame) -> str:
    """What the SPC points are, in words for the chart and the CLI."""
    if spc_on_single_months(indicator, frame):
        return "single months"
    return "years" if indicator.is_annual else "month ends"


def spc_target(
    indicator: Indicator, target: targets.Target | None, single_month: bool = False
) -> float | tuple[float, float] | None:
    """What the SPC assurance icon (and a target line) compares with: the stored target (a band as a
    pair), else the catalogue band. For a flow's single months of kind 'share' (a count, or a rate over a
    stock) a twelfth of it: a month holds about a twelfth of the year's referrals."""
    if target is not None:
        found: float | tuple[float, float] = (
            (target.target, target.target_upper) if target.target_upper is not None else target.target
        )
    elif indicator.band is not None:
        found = (indicator.band.lower, indicator.band.upper)
    else:
        return None
    if single_month and indicator.single_month_kind == "share":
        return tuple(v / 12 for v in found) if isinstance(found, tuple) else found / 12
    return found


def spc_applies(indicator: Indicator) -> bool:
    """True when the catalogue lists an SPC chart for the indicator (cards and the SPC tab obey it)."""
    return "spc" in indicator.charts


def spc_points_needed() -> int:
    """The fewest available points SPC judges (spc.SpcRules.min_points)."""
    return spc.SpcRules().min_points


def spc_window(indicator: Indicator, shown: pd.DataFrame, period_end: date) -> pd.DataFrame:
    """The points SPC runs on: the ``SPC_MONTHS`` months to ``period_end``, or for an annual indicator
    every annual figure on or before it (36 months would hold three)."""
    if indicator.is_annual:
        points = annual_points(indicator, shown)
        return points[points["period_end"] <= period_end]
    start = months_before(period_end, SPC_MONTHS - 1)
    return shown[(shown["period_end"] >= start) & (shown["period_end"] <= period_end)]


def spc_result(
    indicator: Indicator,
    shown: pd.DataFrame,
    period_end: date,
    target: float | tuple[float, float] | None = None,
    break_dates: tuple[date, ...] = (),
) -> spc.SpcResult | None:
    """XmR over :func:`spc_window` of the shown values (suppressed months are gaps).

    None when SPC does not apply: the catalogue lists no 'spc' chart for the indicator, or it is annual
    with fewer available yearly figures than SPC needs (then it is not run at all).
    """
    if not spc_applies(indicator):
        return None
    window = spc_window(indicator, shown, period_end)
    if indicator.is_annual and int(window["shown_value"].notna().sum()) < spc_points_needed():
        return None
    first = window["period_end"].min() if not window.empty else period_end
    polarity = indicator.polarity
    if polarity == "band" and not isinstance(target, tuple):
        target = None
    return spc.xmr(
        window[["period_end", "shown_value"]],
        polarity=polarity,
        target=target,
        break_dates=[d for d in break_dates if first < d <= period_end],
    )
