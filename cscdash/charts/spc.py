"""The SPC chart: an XmR chart in the NHS England Making Data Count style (cscdash.spc does the
arithmetic; this draws its result)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cscdash.charts.style import (
    BASE_FONT,
    PALETTE,
    SPC_COLOURS,
    SPC_NAMES,
    add_target,
    attach_table,
    base_figure,
    horizontal_legend,
    spc_table,
)
from cscdash.formatting import format_value
from cscdash.spc import SpcResult


def _segment_line(points: pd.DataFrame, column: str) -> tuple[list, list]:
    """x and y of a per-segment flat line, broken (None) between segments."""
    xs: list = []
    ys: list = []
    for _, rows in points.groupby("segment", sort=True):
        if rows[column].isna().all():
            continue
        if xs:
            xs.append(None)
            ys.append(None)
        xs += [rows["period_end"].iloc[0], rows["period_end"].iloc[-1]]
        ys += [rows[column].iloc[0], rows[column].iloc[-1]]
    return xs, ys


def spc_chart(result: SpcResult, unit: str, title: str) -> go.Figure:
    """An XmR chart in the Making Data Count style: points coloured by variation type, the mean, the
    process limits per segment, the target (line or band) and a marker at each recalculation."""
    pts = result.points
    subtitle = result.variation_label + (f" · {result.assurance_label}" if result.assurance_label else "")
    fig = base_figure(title, unit, subtitle=subtitle)
    fig.add_trace(
        go.Scatter(
            x=pts["period_end"],
            y=pts["value"],
            mode="lines",
            name="Monthly value",
            line={"color": "#7F7F7F", "width": 1.5},
            hoverinfo="skip",
        )
    )
    for column, name, dash, width in (
        ("mean", "Mean", "solid", 2),
        ("upper_limit", "Upper process limit", "dash", 1.5),
        ("lower_limit", "Lower process limit", "dash", 1.5),
    ):
        xs, ys = _segment_line(pts, column)
        if not xs:
            continue
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=name,
                line={"color": PALETTE["dark_grey"], "dash": dash, "width": width},
                hovertemplate=f"{name} %{{y:.1f}}<extra></extra>",
            )
        )
        fig.add_annotation(
            x=xs[-1],
            y=ys[-1],
            text=f"{name.replace(' process', '')} {format_value(ys[-1], unit)}",
            showarrow=False,
            xanchor="left",
            xshift=6,
            font={"size": BASE_FONT - 2, "color": PALETTE["dark_grey"]},
        )
    for kind in ("common_cause", "improvement", "concern", "neither", "not_judged"):
        rows = pts[pts["point_type"] == kind]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=rows["period_end"],
                y=rows["value"],
                mode="markers",
                name=SPC_NAMES[kind],
                marker={
                    "color": SPC_COLOURS[kind],
                    "size": 10,
                    "symbol": "circle-open" if kind == "not_judged" else "circle",
                    "line": {"color": "white" if kind != "not_judged" else SPC_COLOURS[kind], "width": 1},
                },
                hovertemplate=f"%{{x|%b %Y}}: %{{y}} ({SPC_NAMES[kind].lower()})<extra></extra>",
            )
        )
    if result.target is not None:
        add_target(fig, result.target, list(pts["period_end"]), unit)
    for when in result.break_dates:
        fig.add_shape(
            type="line",
            x0=pd.Timestamp(when),
            x1=pd.Timestamp(when),
            xref="x",
            y0=0,
            y1=1,
            yref="paper",
            line={"color": PALETTE["dark_grey"], "dash": "dot", "width": 1.5},
        )
        fig.add_annotation(
            x=pd.Timestamp(when),
            y=1,
            yref="paper",
            text="Limits recalculated",
            showarrow=False,
            yanchor="bottom",
        )
    if result.status != "ok":
        fig.add_annotation(
            text="Not enough points for SPC limits",
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.95,
            showarrow=False,
            font={"color": PALETTE["dark_grey"]},
        )
    for trace in fig.data:  # a legend for the point colours only; the lines are labelled directly
        trace.showlegend = trace.name in SPC_NAMES.values()
    horizontal_legend(fig)
    fig.update_xaxes(title_text=None, tickformat="%b %Y")
    fig.update_yaxes(tickformat=None)
    attach_table(fig, spc_table(result), unit)
    return fig
