"""Small multiples: one small trend panel per authority (Altair facets, one chart for dozens of
authorities rather than dozens of Plotly figures), the user's own authority first and in dark blue, the
partnership total as a dashed line in every panel where it is comparable (a rate, not a sum of counts).
A month shown between two gaps is a dot.

Same look as the Plotly charts (charts/style.py: palette, fonts, sizes). Suppressed months are gaps in
the line (disclosure.md S9), never zeros.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from cscdash.charts.style import BASE_FONT, FONT_FAMILY, OTHER_BAR, PALETTE, TEXT, TITLE_FONT
from cscdash.formatting import unit_of

OWN = "Your authority"
OTHER = "Other authorities"
TOTAL = "Partnership total"


@dataclass(frozen=True)
class Layout:
    """Panel size (px), panels a row, whether each panel labels its months, and the heading's font size."""

    width: int
    height: int
    columns: int
    month_labels: bool
    heading_font: int


#: Up to a dozen authorities (a partnership): three panels a row with their axes, which fit the main
#: column of a wide page beside the sidebar (about 900 px on a 1400 px screen).
ROOMY = Layout(230, 150, 3, True, BASE_FONT - 1)
#: More (a region, England): five smaller panels a row, without month labels (every panel spans the same
#: months, which the title names). 150 authorities were 50 rows and an 11,000 px chart, most of the
#: Partnership page's drawing in each browser; now 30 rows. More authorities add rows, never columns.
COMPACT = Layout(150, 80, 5, False, BASE_FONT - 3)
ROOMY_UP_TO = 12


def layout(panels: int) -> Layout:
    """The layout for this many panels."""
    return ROOMY if panels <= ROOMY_UP_TO else COMPACT


#: A panel's heading on two lines when the name has a part in brackets ("... (synthetic data)"), so a
#: long name is not cut off at the panel's width.
TWO_LINES = (
    "indexof(datum.value, ' (') > 0 ? [substring(datum.value, 0, indexof(datum.value, ' (')), "
    "substring(datum.value, indexof(datum.value, ' (') + 1)] : datum.value"
)


def small_multiples(
    data: pd.DataFrame,
    unit: str,
    title: str,
    total: pd.DataFrame | None = None,
    independent_y: bool = False,
) -> alt.FacetChart:
    """One panel per authority in the order of ``data`` (``la_name, own, period_end, shown_value``; the
    own authority should come first), with ``total`` (``period_end, shown_value``) repeated in each panel.
    ``independent_y``: each panel its own y scale (counts of authorities of very different sizes)."""
    names = list(dict.fromkeys(data["la_name"]))
    # built column by column, not row by row or panel by panel: with 150 authorities a Python loop over
    # the rows and a frame per panel for the total were half of the partnership page's time
    panel = data["la_name"].astype(str).to_numpy()
    series = np.where(data["own"].astype(bool).to_numpy(), OWN, OTHER)
    months = pd.to_datetime(data["period_end"]).to_numpy()
    values = pd.to_numeric(data["shown_value"], errors="coerce").to_numpy(dtype=float)
    if total is not None and not total.empty:
        # the total's line repeated in every panel
        total_months = pd.to_datetime(total["period_end"]).to_numpy()
        total_values = pd.to_numeric(total["shown_value"], errors="coerce").to_numpy(dtype=float)
        panel = np.concatenate([panel, np.repeat(np.asarray(names, dtype=object), len(total))])
        series = np.concatenate([series, np.full(len(total) * len(names), TOTAL, dtype=object)])
        months = np.concatenate([months, np.tile(total_months, len(names))])
        values = np.concatenate([values, np.tile(total_values, len(names))])
    long = pd.DataFrame({"panel": panel, "series": series, "month": months, "value": values})
    # a month shown between two gaps has no line to be part of: it is drawn as a dot (below)
    ordered = long.sort_values("month", kind="stable")
    shown = ordered["value"].notna()
    by_line = shown.groupby([ordered["panel"], ordered["series"]], sort=False)
    long["alone"] = shown & ~by_line.shift(1, fill_value=False) & ~by_line.shift(-1, fill_value=False)
    domain = [OWN, OTHER, TOTAL] if total is not None and not total.empty else [OWN, OTHER]
    colours = [PALETTE["dark_blue"], PALETTE["light_blue"], PALETTE["turquoise"]][: len(domain)]
    u = unit_of(unit)
    size = layout(len(names))
    ticks = 4 if size.month_labels else 3
    y_axis = alt.Axis(title=None, format=",.0f" if u.decimals == 0 else ",.1~f", tickCount=ticks, grid=True)
    if u.token == "percent":
        y_axis = alt.Axis(title=None, labelExpr="datum.label + '%'", tickCount=ticks, grid=True)
    base = alt.Chart(long).encode(
        x=alt.X(
            "month:T",
            title=None,
            axis=alt.Axis(format="%b %y", tickCount=4, grid=False, labels=size.month_labels),
        ),
        y=alt.Y("value:Q", axis=y_axis, scale=alt.Scale(zero=u.kind in ("count", "rate"))),
        color=alt.Color(
            "series:N",
            scale=alt.Scale(domain=domain, range=colours),
            legend=alt.Legend(
                title=None, orient="top", labelFontSize=BASE_FONT, symbolType="stroke", symbolStrokeWidth=4
            ),
        ),
        strokeDash=alt.StrokeDash(
            "series:N",
            scale=alt.Scale(domain=domain, range=[[1, 0], [1, 0], [6, 4]][: len(domain)]),
            legend=None,
        ),
    )
    # lines without a point on every month: 150 panels of 24 points were 3,600 marks more for each browser
    # to draw (the Partnership page's browser CPU 2.3 s -> 1.5 s, bench/bench_client_cost.py); the line
    # names its authority on hover, and each month's figure is in "View as table" and the ranking
    who = [alt.Tooltip("panel:N", title="Authority"), alt.Tooltip("series:N", title="Line")]
    lines = base.mark_line(strokeWidth=3).encode(tooltip=who)
    dots = (
        base.mark_point(size=40, filled=True, opacity=1)
        .encode(
            tooltip=[
                *who,
                alt.Tooltip("month:T", title="Month", format="%b %Y"),
                alt.Tooltip("value:Q", title="Figure", format=",.1f"),
            ]
        )
        .transform_filter("datum.alone")
    )
    # the dots' layer only when a month is alone somewhere: a layer is one more mark in each of 150 panels
    layers = alt.layer(lines, dots) if long["alone"].any() else alt.layer(lines)
    chart = (
        layers.properties(width=size.width, height=size.height)
        .facet(
            facet=alt.Facet(
                "panel:N",
                sort=names,
                title=None,
                header=alt.Header(
                    labelFontSize=size.heading_font,
                    labelFontWeight="bold",
                    labelLimit=size.width + 40,
                    labelColor=TEXT,
                    labelExpr=TWO_LINES,
                ),
            ),
            columns=size.columns,
            spacing={"row": 24, "column": 28},
        )
        .properties(
            title=alt.Title(
                textwrap.wrap(title, 70) or [title], anchor="start", fontSize=TITLE_FONT, color=TEXT
            )
        )
    )
    if independent_y:
        chart = chart.resolve_scale(y="independent")
    return (
        chart.configure(font=FONT_FAMILY)
        .configure_axis(
            labelFontSize=BASE_FONT - 2, labelColor=TEXT, gridColor="#E5E5E5", domainColor="#B0B0B0"
        )
        .configure_view(stroke=OTHER_BAR)
    )
