"""The trend chart: the monthly series with its year-end points, published benchmarks as markers, the
target, and for a flow its single months drawn lighter behind the 12-month line."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cscdash.charts.style import (
    BASE_FONT,
    PALETTE,
    add_target,
    attach_table,
    base_figure,
    cell_text,
    horizontal_legend,
    shown_values,
)
from cscdash.disclosure import footnotes
from cscdash.formatting import SUPPRESSED, format_value, unit_of

#: Benchmark marker per geography kind; anything else gets a cross.
BENCHMARK_STYLE = {
    "England": ("diamond", PALETTE["dark_grey"]),
    "region": ("square", PALETTE["turquoise"]),
    "SN": ("triangle-up", PALETTE["dark_pink"]),
}
REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)


def _benchmark_style(geography: str) -> tuple[str, str]:
    if geography == "England":
        return BENCHMARK_STYLE["England"]
    if "SN" in geography or "neighbour" in geography.lower():
        return BENCHMARK_STYLE["SN"]
    if geography in REGIONS or "region" in geography.lower():
        return BENCHMARK_STYLE["region"]
    return ("x", PALETTE["dark_grey"])


def trend_chart(
    data: pd.DataFrame,
    unit: str,
    title: str,
    benchmarks: pd.DataFrame | None = None,
    target: float | tuple[float, float] | None = None,
    series_name: str = "12 months to month end",
    year_end_month: int = 3,
    single_months: pd.DataFrame | None = None,
    months_on_own_axis: bool = False,
) -> go.Figure:
    """The monthly series with the year-end (31 March) points marked.

    ``data``: ``period_end`` and ``value`` (or the ``shown_value``/``suppressed`` columns of
    :func:`cscdash.disclosure.apply_disclosure`). ``benchmarks``: ``geography, period_end, value``
    (the benchmarks.csv shape), drawn as one marker style per geography. ``single_months``: a flow's
    figures for each calendar month on its own (same columns), drawn first, lighter, behind the 12-month
    line, so the reader sees the variation the SPC chart judges; ``months_on_own_axis`` puts them on a
    right-hand axis (a month's referrals are a twelfth of the year's: on the same axis they would lie
    flat along the bottom). Suppressed months are gaps.
    """
    frame = data.sort_values("period_end").reset_index(drop=True)
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    values, suppressed = shown_values(frame)
    x = frame["period_end"]
    text = cell_text(values, suppressed, unit)
    fig = base_figure(title, unit)
    month_table = None
    if single_months is not None and not single_months.empty:
        month_table = _add_single_months(fig, single_months, unit, months_on_own_axis)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=values.where(~suppressed),
            mode="lines",
            name=series_name,
            connectgaps=False,
            line={"color": PALETTE["dark_blue"], "width": 3},
            text=text,
            hovertemplate="%{x|%b %Y}: %{text}<extra></extra>",
        )
    )
    year_end = (x.dt.month == year_end_month) & ~suppressed & values.notna()
    fig.add_trace(
        go.Scatter(
            x=x[year_end],
            y=values[year_end],
            mode="markers",
            name=f"Year to {(pd.Timestamp(2000, year_end_month, 1) + pd.offsets.MonthEnd(0)):%-d %B}",
            marker={"color": PALETTE["dark_blue"], "size": 12, "line": {"color": "white", "width": 2}},
            text=[t for t, keep in zip(text, year_end, strict=True) if keep],
            hovertemplate="Year to %{x|%-d %b %Y}: %{text}<extra></extra>",
        )
    )
    if suppressed.any():
        # the hollow marker sits where the line would run (interpolated), never at a real value
        filled = values.where(~suppressed).interpolate(limit_direction="both")
        fig.add_trace(
            go.Scatter(
                x=x[suppressed],
                y=filled[suppressed],
                mode="markers+text",
                name="Suppressed (c)",
                marker={
                    "symbol": "circle-open",
                    "size": 12,
                    "color": PALETTE["dark_blue"],
                    "line": {"width": 2},
                },
                text=[SUPPRESSED] * int(suppressed.sum()),
                textposition="top center",
                hovertemplate="%{x|%b %Y}: c (not shown)<extra></extra>",
            )
        )
    if benchmarks is not None and not benchmarks.empty:
        bench = benchmarks.assign(period_end=pd.to_datetime(benchmarks["period_end"]))
        for geography, rows in bench.groupby("geography", sort=False):
            symbol, colour = _benchmark_style(str(geography))
            fig.add_trace(
                go.Scatter(
                    x=rows["period_end"],
                    y=rows["value"].astype(float),
                    mode="markers",
                    name=str(geography),
                    marker={"symbol": symbol, "size": 12, "color": colour},
                    hovertemplate=f"{geography} %{{x|%Y}}: %{{y}}<extra></extra>",
                )
            )
        horizontal_legend(fig)
    if target is not None:
        add_target(fig, target, list(x), unit)
    shown = values.where(~suppressed).dropna()
    if not shown.empty:
        fig.add_annotation(
            x=x[shown.index[-1]],
            y=shown.iloc[-1],
            text=f"<b>{format_value(shown.iloc[-1], unit)}</b>",
            showarrow=False,
            xanchor="left",
            xshift=8,
            font={"color": PALETTE["dark_blue"], "size": BASE_FONT + 2},
        )
    fig.update_xaxes(title_text=None, tickformat="%b %Y")
    table = pd.DataFrame({"period_end": x, "value": values.where(~suppressed), "shown": text})
    table["year_end"] = year_end.to_numpy()
    any_suppressed = bool(suppressed.any())
    if month_table is not None:
        table = table.merge(month_table, on="period_end", how="left")
        any_suppressed = any_suppressed or bool((table["month_shown"] == SUPPRESSED).any())
        horizontal_legend(fig)
    notes = footnotes([SUPPRESSED] if any_suppressed else [])
    attach_table(fig, table, unit, notes)
    return fig


def _add_single_months(fig: go.Figure, months: pd.DataFrame, unit: str, own_axis: bool) -> pd.DataFrame:
    """Draw a flow's single-month figures behind the 12-month line; return their table columns."""
    frame = months.sort_values("period_end").reset_index(drop=True)
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    values, suppressed = shown_values(frame)
    text = cell_text(values, suppressed, unit)
    fig.add_trace(
        go.Scatter(
            x=frame["period_end"],
            y=values.where(~suppressed),
            mode="lines+markers",
            name="Each month on its own" + (" (right axis)" if own_axis else ""),
            connectgaps=False,
            line={"color": PALETTE["light_blue"], "width": 1.5},
            marker={"color": PALETTE["light_blue"], "size": 6},
            opacity=0.8,
            yaxis="y2" if own_axis else "y",
            text=text,
            hovertemplate="%{x|%b %Y} on its own: %{text}<extra></extra>",
        )
    )
    if own_axis:
        u = unit_of(unit)
        fig.update_layout(
            yaxis2={
                "title": {
                    "text": f"Each month: {u.axis_title.lower()}",
                    "font": {"color": PALETTE["light_blue"]},
                },
                "overlaying": "y",
                "side": "right",
                "showgrid": False,
                "rangemode": "tozero",
                "tickfont": {"color": PALETTE["light_blue"]},
                "tickformat": ",.0f" if u.decimals == 0 else ",.1~f",
            }
        )
    return pd.DataFrame(
        {"period_end": frame["period_end"], "month_value": values.where(~suppressed), "month_shown": text}
    )
