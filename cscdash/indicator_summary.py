"""What an indicator card says for one month: the figure as it may be shown, its period, the change
against last month and the same month last year, the SPC icons and the RAG rating.

Why here and not in the components: every judgement a card makes (suppression, change by polarity,
special cause, on target) is worked out by pure functions that tests can check by hand; the components
only lay the result out. Every comparison uses the *shown* figures (after disclosure control), so a
card never reveals a suppressed value through its change (disclosure.md S6, S10).

Choices written down:

* SPC runs on the 36 months up to the selected month (at least 15 points, spc.SpcRules), so a change of
  process years ago does not set today's limits; the SPC tab can recalculate from a chosen month.
* The SPC target is the stored target in force (a band for band indicators), else the catalogue's band.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from cscdash import formatting, spc, targets
from cscdash.catalogue import Indicator
from cscdash.indicator_data import months_before, row_at
from cscdash.settings import Settings

SPC_MONTHS = 36

#: catalogue period types -> (formatting period kind, reporting year end month)
_PERIODS = {
    "rolling_12m": ("flow", 3),
    "snapshot": ("stock", 3),
    "year_to_30_sep": ("flow", 9),
    "snapshot_30_sep": ("stock", 9),
}


def period_text(indicator: Indicator, period_end: date) -> str:
    """'12 months to 31 Oct 2026', 'year to 31 Mar 2025' or 'at 31 Oct 2026'."""
    kind, year_end = _PERIODS[indicator.period_type]
    return formatting.period_label(period_end, kind, year_end)


def shown_series(indicator: Indicator, frame: pd.DataFrame, current: Settings) -> pd.DataFrame:
    """The series after disclosure control in the settings' mode (adds ``shown_value``, ``text`` ...)."""
    if frame.empty:
        return frame.assign(shown_value=[], text=[], marker=[], suppressed=[], small_number=[])
    return formatting.apply_disclosure(
        frame,
        indicator.unit,
        current.display_mode,
        current.suppression_threshold,
        decimals=indicator.decimals,
    )


def target_in_force(indicator: Indicator, stored: pd.DataFrame, on: date) -> targets.Target | None:
    """The stored target in force on ``on``, or None."""
    if stored is None or stored.empty:
        return None
    return targets.target_for(stored, indicator.id, on)


def spc_target(indicator: Indicator, target: targets.Target | None) -> float | tuple[float, float] | None:
    """What the SPC assurance icon compares with: the stored target (a band as a pair), else the
    catalogue band."""
    if target is not None:
        if target.target_upper is not None:
            return (target.target, target.target_upper)
        return target.target
    if indicator.band is not None:
        return (indicator.band.lower, indicator.band.upper)
    return None


def spc_result(
    indicator: Indicator,
    shown: pd.DataFrame,
    period_end: date,
    target: float | tuple[float, float] | None = None,
    break_dates: tuple[date, ...] = (),
    months: int = SPC_MONTHS,
) -> spc.SpcResult:
    """XmR over the ``months`` months to ``period_end`` of the shown values (suppressed months are gaps)."""
    start = months_before(period_end, months - 1)
    window = shown[(shown["period_end"] >= start) & (shown["period_end"] <= period_end)]
    polarity = indicator.polarity
    if polarity == "band" and not isinstance(target, tuple):
        target = None
    return spc.xmr(
        window[["period_end", "shown_value"]],
        polarity=polarity,
        target=target,
        break_dates=[d for d in break_dates if start < d <= period_end],
    )


@dataclass(frozen=True)
class Facts:
    """Everything a card shows for one indicator and month."""

    indicator: Indicator
    period_end: date
    period: str
    value: float | None  # the shown value (None when suppressed or missing)
    text: str  # '88.3%', 'c' or 'x'
    n_of_n: str
    marker: str
    note: str  # why there is no value ('insufficient history', 'no cases', 'no data for this month')
    vs_month: formatting.Change
    vs_year: formatting.Change
    variation: str
    variation_label: str
    assurance: str | None
    assurance_label: str | None
    rag: targets.Rag
    change_1y: float | None
    change_3y: float | None
    value_1y: float | None
    value_3y: float | None

    @property
    def special_cause(self) -> bool:
        """True when the latest point is a special cause (any direction)."""
        return self.variation.startswith("special_cause")


def _shown_at(shown: pd.DataFrame, period_end: date) -> float | None:
    row = row_at(shown, period_end)
    if row is None or pd.isna(row["shown_value"]):
        return None
    return float(row["shown_value"])


def _diff(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def facts(
    indicator: Indicator,
    frame: pd.DataFrame,
    period_end: date,
    current: Settings,
    stored_targets: pd.DataFrame | None = None,
) -> Facts:
    """The card of ``indicator`` for ``period_end`` from its whole-LA series ``frame``."""
    shown = shown_series(indicator, frame, current)
    row = row_at(shown, period_end)
    if row is None:
        value, text, n_of, marker, note = None, formatting.NOT_AVAILABLE, "", "", "no data for this month"
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
    previous = _shown_at(shown, months_before(period_end, 1))
    year_ago = _shown_at(shown, months_before(period_end, 12))
    three_years = _shown_at(shown, months_before(period_end, 36))
    change = {
        "unit": indicator.unit,
        "polarity": indicator.polarity,
        "mode": current.display_mode,
        "threshold": current.suppression_threshold,
    }
    target = target_in_force(indicator, stored_targets, period_end)
    result = spc_result(indicator, shown, period_end, spc_target(indicator, target))
    return Facts(
        indicator=indicator,
        period_end=period_end,
        period=period_text(indicator, period_end),
        value=value,
        text=text,
        n_of_n=n_of,
        marker=marker,
        note=note,
        vs_month=formatting.change_text(value, previous, against="last month", **change),
        vs_year=formatting.change_text(value, year_ago, against="the same month last year", **change),
        variation=result.variation,
        variation_label=result.variation_label,
        assurance=result.assurance,
        assurance_label=result.assurance_label,
        rag=targets.rag(value, target, indicator.decimals),
        change_1y=_diff(value, year_ago),
        change_3y=_diff(value, three_years),
        value_1y=year_ago,
        value_3y=three_years,
    )


def relative_change(f: Facts) -> float:
    """|change over a year| / |value a year ago| (0 when not comparable): 'what changed most'."""
    if f.change_1y is None or f.value_1y is None:
        return 0.0
    base = abs(f.value_1y) if f.value_1y else 1.0
    return float(abs(f.change_1y) / base) if not np.isnan(f.change_1y) else 0.0
