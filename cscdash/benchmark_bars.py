"""The data behind the benchmark bar chart: every LA's (or the statistical neighbours') published
figure for one year, with this authority's own figure for the same year-end beside them.

Why the own figure is added here: the published files know nothing of the synthetic demo authority
(or of a council's latest, unpublished year), yet a board wants to see "where are we" among the bars.
For a synthetic authority its year-end value is added as its own bar and the comparator LA (Dorset)
stays in the chart as a neighbour-like reference; for a real LA its published bar is highlighted.
The own figure goes through disclosure control like every other figure on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cscdash.benchmarks import comparators
from cscdash.catalogue import Indicator
from cscdash.indicator_data import row_at, series
from cscdash.indicator_series import shown_series
from cscdash.settings import DEMO_LA_NAME, Settings

#: Published DfE markers that mean "suppressed" rather than "not available".
SUPPRESSED_STATUSES = ("c", "suppressed")


@dataclass(frozen=True)
class BarData:
    """Rows for charts.benchmark_chart, the bar to highlight, and the chart's title."""

    frame: pd.DataFrame  # la_name, value, suppressed
    own_label: str
    title: str
    scope: str  # 'Wessex Vale (synthetic data) among Dorset's statistical neighbours'


def year_end(indicator: Indicator, year: int) -> date:
    """The published year's end: 31 March, or 30 September for the workforce census."""
    return date(year, 9, 30) if indicator.period_type.endswith("30_sep") else date(year, 3, 31)


def bar_data(
    indicator: Indicator,
    published: pd.DataFrame,
    frame: pd.DataFrame,
    year: int,
    current: Settings,
    neighbours_only: bool = True,
) -> BarData:
    """Bars for ``year`` of ``indicator.benchmark_measure``; ``published`` is comparators.comparators()."""
    measure = indicator.benchmark_measure
    if measure is None:
        raise KeyError(f"{indicator.id} has no published comparator")
    dist = comparators.la_distribution(
        measure, year, current.la_code, demo_comparator=current.comparator_la_code
    )
    if neighbours_only:
        dist = dist[dist["is_neighbour"] | dist["is_own"]]
    rows = pd.DataFrame(
        {
            "la_name": dist["la_name"].astype(str),
            "value": dist["value"].astype(float),
            "suppressed": dist["status_code"].astype(str).str.lower().isin(SUPPRESSED_STATUSES)
            | dist["status"].astype(str).str.lower().isin(SUPPRESSED_STATUSES),
        }
    )
    own_rows = published[published["year"] == year]
    comparator_name = str(own_rows["la_name"].iloc[0]) if not own_rows.empty else ""
    if comparators.is_synthetic(current.la_code):
        own_label = DEMO_LA_NAME.replace(" Council", "")
        shown = shown_series(indicator, series(frame, indicator.id), current)
        row = row_at(shown, year_end(indicator, year)) if not shown.empty else None
        own_value = None if row is None or pd.isna(row["shown_value"]) else float(row["shown_value"])
        own_hidden = bool(row is not None and row["suppressed"])
        rows = pd.concat(
            [rows, pd.DataFrame({"la_name": [own_label], "value": [own_value], "suppressed": [own_hidden]})],
            ignore_index=True,
        )
    else:
        own_label = comparator_name
    among = f"{comparator_name}'s statistical neighbours" if neighbours_only else "every local authority"
    # a short title (it must fit one line at 22 px); who is compared with whom goes in the caption
    title = f"{indicator.title}, {year_label(indicator, year)}"
    return BarData(rows, own_label, title, f"{own_label} among {among}, published DfE figures")


def year_label(indicator: Indicator, year: int) -> str:
    """DfE's label of a reporting year: '2024-25' (year to 31 March), or '2025' (workforce, 30 Sep)."""
    if indicator.period_type.endswith("30_sep"):
        return f"year to 30 Sep {year}"
    return f"{year - 1}-{year % 100:02d}"
