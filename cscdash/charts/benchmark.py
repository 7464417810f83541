"""The benchmark chart: every LA's (or the statistical neighbours') published figure as sorted bars,
this LA highlighted, England as a line."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cscdash.charts.style import OTHER_BAR, PALETTE, attach_table, base_figure, cell_text, shown_values
from cscdash.disclosure import footnotes
from cscdash.formatting import SUPPRESSED, format_value


def benchmark_chart(
    data: pd.DataFrame,
    own_la: str,
    unit: str,
    title: str,
    england: float | None = None,
    label_bars: bool | None = None,
) -> go.Figure:
    """Every LA (or the statistical neighbours) as sorted bars, the own LA highlighted, England a line.

    ``data``: ``la_name, value`` (+ ``suppressed``). LAs with a suppressed or missing value are left
    out of the bars and kept in the table as ``c``/``x`` (S11: published markers are not imputed).
    With more than 20 bars the names are not printed (only the own LA is labelled) unless
    ``label_bars`` says otherwise.
    """
    values, suppressed = shown_values(data)
    table = pd.DataFrame(
        {
            "la_name": data["la_name"].astype(str),
            "value": values.where(~suppressed),
            "shown": cell_text(values, suppressed, unit),
        }
    )
    bars = table.dropna(subset=["value"]).sort_values("value", kind="stable")
    label_bars = len(bars) <= 20 if label_bars is None else label_bars
    colours = [PALETTE["dark_blue"] if n == own_la else OTHER_BAR for n in bars["la_name"]]
    fig = base_figure(title, unit)
    fig.add_trace(
        go.Bar(
            x=bars["la_name"],
            y=bars["value"],
            name="Local authorities",
            marker={"color": colours},
            text=bars["shown"],
            hovertemplate="%{x}: %{text}<extra></extra>",
            textposition="none",
        )
    )
    if own_la in set(bars["la_name"]):
        own_value = float(bars.loc[bars["la_name"] == own_la, "value"].iloc[0])
        fig.add_annotation(
            x=own_la,
            y=own_value,
            text=f"<b>{own_la}</b><br>{format_value(own_value, unit)}",
            showarrow=True,
            arrowhead=0,
            ay=-50,
            font={"color": PALETTE["dark_blue"]},
        )
    if england is not None:
        fig.add_hline(y=england, line={"color": PALETTE["dark_grey"], "dash": "dash", "width": 2})
        fig.add_annotation(
            text=f"England {format_value(england, unit)}",
            x=1,
            xref="paper",
            xanchor="left",
            y=england,
            showarrow=False,
            font={"color": PALETTE["dark_grey"]},
        )
    fig.update_xaxes(
        showticklabels=label_bars,
        tickangle=-45 if label_bars else 0,
        title_text=None,
        categoryorder="array",
        categoryarray=list(bars["la_name"]),
        ticks="",
    )
    fig.update_layout(bargap=0.15)
    notes = footnotes([SUPPRESSED] if suppressed.any() else [])
    attach_table(fig, table, unit, notes)
    return fig
