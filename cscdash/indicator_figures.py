"""What an indicator's trend chart is drawn from: its points, the published England, region and
statistical-neighbour points, the target, and the message title.

Shared by the trend tab (through the Streamlit cache) and the board pack (present mode's chart and the
PowerPoint and PDF images), so a chart in a pack is the chart on screen.
"""

from __future__ import annotations

import pandas as pd

from cscdash import charts, indicator_series, indicator_spc, indicator_summary
from cscdash.benchmarks import comparators
from cscdash.catalogue import Indicator

BENCHMARK_COLUMNS = ["geography", "period_end", "value"]


def benchmark_points(measure: str | None, la_code: str, comparator_la_code: str) -> pd.DataFrame:
    """Published annual England/region/SN-average points of a benchmark measure (no SN median: the
    chart shows the mean); empty when there is no measure or nothing is published."""
    if not measure:
        return pd.DataFrame(columns=BENCHMARK_COLUMNS)
    try:
        points = comparators.benchmark_points(measure, la_code, demo_comparator=comparator_la_code)
    except KeyError:
        return pd.DataFrame(columns=BENCHMARK_COLUMNS)
    points = points[points["series"] != "SN median"].dropna(subset=["value"])
    return points.rename(columns={"series": "geography"})[BENCHMARK_COLUMNS]


def series_name(ind: Indicator) -> str:
    """The trend line's legend entry."""
    if ind.is_annual:  # the year-end markers carry 'Year to 31 March'; the line joins the years
        return "Annual figures"
    return "12 months to month end" if ind.is_flow else "At month end"


def england_name(england: pd.DataFrame) -> str:
    """'England 2025' for the latest published England point ('' when there is none)."""
    return f"England {pd.Timestamp(england['period_end'].iloc[-1]):%Y}" if not england.empty else ""


def trend_arguments(
    ind: Indicator,
    shown: pd.DataFrame,
    bench: pd.DataFrame,
    stored_targets: pd.DataFrame | None,
    months: pd.DataFrame | None = None,
) -> dict | None:
    """The arguments of ``charts.trend_chart`` for ``shown`` (the series after disclosure control), or
    None when there is no figure to draw. ``months``: a flow's single months, drawn behind the line."""
    points = indicator_series.trend_points(ind, shown)
    data = points.dropna(subset=["value"]) if points["suppressed"].sum() == 0 else points
    if data.empty:
        return None
    england = bench[bench["geography"] == "England"].sort_values("period_end")
    bench = bench[pd.to_datetime(bench["period_end"]) >= pd.Timestamp(data["period_end"].min())]
    title = charts.message_title(
        ind.title,
        data,
        ind.unit,
        benchmark=float(england["value"].iloc[-1]) if not england.empty else None,
        benchmark_name=england_name(england),
    )
    target = indicator_spc.spc_target(
        ind, indicator_summary.target_in_force(ind, stored_targets, data["period_end"].max())
    )
    return {
        "data": data,
        "unit": ind.unit,
        "title": title,
        "benchmarks": bench,
        "target": target,
        "series_name": series_name(ind),
        "year_end_month": ind.year_end_month,
        "single_months": months,
        "months_on_own_axis": ind.single_month_kind == "share",
    }
