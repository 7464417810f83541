"""The breakdown chart: one indicator by age band, ethnicity, ... as horizontal bars, suppressed
categories as hatched stubs labelled ``c``."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cscdash.charts.style import (
    PALETTE,
    attach_table,
    base_figure,
    cell_text,
    horizontal_bar_axes,
    shown_values,
    suppressed_stubs,
)
from cscdash.disclosure import footnotes
from cscdash.formatting import SUPPRESSED, format_value

#: Categories with a natural order are drawn in it (youngest first), not by size.
ORDINAL_CATEGORIES: tuple[str, ...] = ("Unborn", "Under 1", "1-4", "5-9", "10-15", "16-17", "16 and over")


def breakdown_chart(data: pd.DataFrame, unit: str, title: str, total_label: str = "Total") -> go.Figure:
    """Horizontal bars, largest first (age bands in age order); suppressed categories last, as hatched
    stubs labelled ``c``.

    ``data``: ``category`` and ``shown_value`` (+ ``suppressed``), as :func:`disclosure.suppress_breakdown`
    returns (its total row is left out of the bars but kept in the table).
    """
    frame = data[data["category"] != total_label].copy()
    values, suppressed = shown_values(frame)
    frame = frame.assign(_v=values, _s=suppressed)
    categories = frame["category"].astype(str)
    if categories.isin(ORDINAL_CATEGORIES).mean() >= 0.5:  # an age-band breakdown: keep age order
        rank = {c: i for i, c in enumerate(ORDINAL_CATEGORIES)}
        frame = frame.assign(_o=categories.map(rank).fillna(len(rank))).sort_values("_o", kind="stable")
    else:
        frame = frame.sort_values(["_s", "_v"], ascending=[True, False])
    shown = frame[~frame["_s"]]
    hidden = frame[frame["_s"]]
    order = list(frame["category"].astype(str))
    fig = base_figure(title, unit, height=max(320, 120 + 48 * len(order)))
    fig.add_trace(
        go.Bar(
            y=shown["category"].astype(str),
            x=shown["_v"],
            orientation="h",
            name="Shown",
            marker={"color": PALETTE["dark_blue"]},
            text=[format_value(v, unit) for v in shown["_v"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    if not hidden.empty:
        stub = 0.04 * (float(shown["_v"].max()) if not shown.empty and shown["_v"].max() > 0 else 1.0)
        fig.add_trace(suppressed_stubs(hidden["category"].astype(str), stub, name="Suppressed (c)"))
    horizontal_bar_axes(fig, order, unit)
    fig.update_layout(bargap=0.3)
    table = pd.DataFrame(
        {
            "category": data["category"].astype(str),
            "value": shown_values(data)[0].where(~shown_values(data)[1]),
            "shown": cell_text(*shown_values(data), unit),
        }
    )
    attach_table(fig, table, unit, footnotes([SUPPRESSED] if suppressed.any() else []))
    return fig
