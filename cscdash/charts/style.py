"""The look every chart shares, and the table behind it (pure functions, no Streamlit).

Why these choices: the charts are read by boards on a shared screen, so one message per chart (the
title states it: :func:`message_title`), large type (16 px base, 22 px titles), the DfE analytical
palette, direct labels instead of legends where a label will do, light horizontal gridlines only, and the
y axis titled from the unit's format token. Suppressed values follow disclosure.md S9: a gap with a
hollow marker in a line, a hatched bar labelled ``c`` in a bar chart, and the footnote beneath.

Every builder stores the tidy table behind the chart in ``fig.layout.meta["table"]`` (:func:`attach_table`),
so the "view as table" and the CSV download show exactly what the chart shows (S6: the same suppression
decisions): read it back with :func:`figure_table` / :func:`table_csv`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cscdash.formatting import SUPPRESSED, format_value, unit_of
from cscdash.safe_export import safe_csv
from cscdash.spc import SpcResult

#: DfE / GOV.UK analytical palette (accessible, colour-blind safe in this order).
PALETTE = {
    "dark_blue": "#12436D",
    "turquoise": "#28A197",
    "dark_pink": "#801650",
    "orange": "#F46A25",
    "dark_grey": "#3D3D3D",
    "light_purple": "#A285D1",
    # a lighter tint of the dark blue: each month on its own, drawn behind the 12-month line
    "light_blue": "#7A9BC0",
}
#: Bars for other LAs in a benchmark chart: a tint of the dark blue, so the own LA stands out.
OTHER_BAR = "#A9BCD0"
GRID = "#E5E5E5"
TEXT = "#0B0C0C"
#: Making Data Count point colours (grey common cause, orange concern, blue improvement, purple neither).
SPC_COLOURS = {
    "common_cause": "#7F7F7F",
    "improvement": PALETTE["dark_blue"],
    "concern": PALETTE["orange"],
    "neither": PALETTE["light_purple"],
    "not_judged": "#7F7F7F",
}
SPC_NAMES = {
    "common_cause": "Common cause",
    "improvement": "Improvement",
    "concern": "Concern",
    "neither": "Special cause (neither)",
    "not_judged": "Not judged (too few points)",
}
BASE_FONT = 16
TITLE_FONT = 22
FONT_FAMILY = "Arial, Helvetica, sans-serif"
#: Top margins (px) for the title block, and the extra room a legend under it needs.
TOP_PLAIN = 72
TOP_WITH_SUBTITLE = 102
LEGEND_ROOM = 60
#: Characters per title line: Plotly never wraps a title, and a board member must read all of it in a
#: half-width chart (22 px Arial is about 11 px a character; the chart column is about 650 px).
TITLE_LINE_CHARS = 56
TITLE_LINE_PX = 28


# ---------------------------------------------------------------- shared layout and the table


def wrap_title(title: str, width: int = TITLE_LINE_CHARS) -> str:
    """The title broken into lines of at most ``width`` characters at spaces, joined with ``<br>``."""
    return "<br>".join(textwrap.wrap(title, width=width, break_long_words=False)) or title


def base_figure(title: str, unit: str, subtitle: str | None = None, height: int = 500) -> go.Figure:
    """An empty figure in the shared style: the wrapped title (and subtitle), fonts, margins, the y axis
    titled and ticked from the unit."""
    fig = go.Figure()
    u = unit_of(unit)
    wrapped = wrap_title(title)
    extra = TITLE_LINE_PX * wrapped.count("<br>")
    title_spec: dict = {
        "text": wrapped,
        "x": 0.01,
        "xanchor": "left",
        "xref": "container",
        "y": 0.99,
        "yanchor": "top",
        "yref": "container",
        "pad": {"t": 20},  # room above the first line: a wrapped title is anchored by its middle lines
        "font": {"size": TITLE_FONT},
    }
    if subtitle:
        title_spec["subtitle"] = {"text": subtitle, "font": {"size": BASE_FONT}}
    fig.update_layout(
        template="simple_white",
        title=title_spec,
        font={"family": FONT_FAMILY, "size": BASE_FONT, "color": TEXT},
        height=height + extra,
        margin={"l": 80, "r": 150, "t": (TOP_WITH_SUBTITLE if subtitle else TOP_PLAIN) + extra, "b": 60},
        showlegend=False,
        hoverlabel={"font": {"size": BASE_FONT}},
    )
    fig.update_yaxes(
        title_text=u.axis_title,
        showgrid=True,
        gridcolor=GRID,
        zeroline=False,
        ticksuffix="%" if u.token == "percent" else "",
        # "~" drops a zero decimal: whole numbers where the ticks are whole ("6%"), one decimal where
        # a narrow range puts them at halves ("5.5%"), never "6%, 6%, 5%" from rounding 5.5 and 6.5
        tickformat=",.0f" if u.decimals == 0 and u.token != "percent" else ",.1~f",
    )
    fig.update_xaxes(showgrid=False, ticks="outside")
    return fig


def horizontal_legend(fig: go.Figure) -> None:
    """A one- or two-row legend between the title block and the plot (the margin grows to fit)."""
    fig.update_layout(
        margin={"t": fig.layout.margin.t + LEGEND_ROOM},
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "font": {"size": BASE_FONT}},
    )


def attach_table(fig: go.Figure, table: pd.DataFrame, unit: str, notes: Sequence[str] = ()) -> None:
    """Keep the chart's data (JSON-safe) and footnotes on the figure; print the footnotes under it."""
    safe = table.copy()
    for col in safe.columns:
        if pd.api.types.is_datetime64_any_dtype(safe[col]):
            safe[col] = safe[col].dt.strftime("%Y-%m-%d")
    records = [[None if _is_nan(v) else _plain(v) for v in row] for row in safe.itertuples(index=False)]
    fig.update_layout(
        meta={
            "table": {"columns": [str(c) for c in safe.columns], "records": records},
            "unit": unit,
            "notes": list(notes),
        }
    )
    if notes:
        fig.add_annotation(
            text="<br>".join(notes),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-70,
            xanchor="left",
            yanchor="top",
            showarrow=False,
            align="left",
            font={"size": BASE_FONT - 2},
        )
        fig.update_layout(margin={"b": 80 + 22 * len(notes)})


def _is_nan(v: object) -> bool:
    return v is None or (isinstance(v, float | np.floating) and np.isnan(v))


def _plain(v: object) -> object:
    """numpy scalars to Python ones, so the figure serialises as JSON."""
    return v.item() if isinstance(v, np.generic) else v


def figure_table(fig_or_data: go.Figure | pd.DataFrame | SpcResult) -> pd.DataFrame:
    """The tidy table behind a chart, for "view as table" and the CSV download."""
    if isinstance(fig_or_data, pd.DataFrame):
        return fig_or_data.copy()
    if isinstance(fig_or_data, SpcResult):
        return spc_table(fig_or_data)
    meta = fig_or_data.layout.meta
    if not meta or "table" not in meta:
        raise ValueError("this figure was not built by cscdash.charts and carries no table")
    return pd.DataFrame(meta["table"]["records"], columns=meta["table"]["columns"])


def table_csv(fig_or_data: go.Figure | pd.DataFrame | SpcResult) -> bytes:
    """The chart's table as UTF-8 CSV; suppressed cells are written ``c`` (S9), footnotes appended."""
    table = figure_table(fig_or_data)
    text = safe_csv(table)  # text cells that look like formulas stay text (cscdash.safe_export)
    notes = fig_or_data.layout.meta.get("notes", []) if isinstance(fig_or_data, go.Figure) else []
    return (text + "".join(f'"{n}"\n' for n in notes)).encode("utf-8")


def spc_table(result: SpcResult) -> pd.DataFrame:
    """The points an SPC chart draws, with each rule's flag (its "view as table")."""
    cols = [
        "period_end",
        "value",
        "mean",
        "lower_limit",
        "upper_limit",
        "point_type",
        "beyond_limits",
        "shift",
        "trend",
        "two_of_three",
    ]
    return result.points.loc[:, cols].copy()


def shown_values(data: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The plottable values (``shown_value`` from disclosure.apply_disclosure, else ``value``) and
    the suppressed flags."""
    values = data["shown_value"] if "shown_value" in data else data["value"]
    suppressed = (
        data["suppressed"].astype(bool) if "suppressed" in data else pd.Series(False, index=data.index)
    )
    return values.astype(float), suppressed


def cell_text(values: pd.Series, suppressed: pd.Series, unit: str) -> list[str]:
    """Each value written in its unit, ``c`` where suppressed (the table's ``shown`` column, hover text)."""
    return [SUPPRESSED if s else format_value(v, unit) for v, s in zip(values, suppressed, strict=True)]


# ---------------------------------------------------------------- titles


def message_title(
    subject: str,
    data: pd.DataFrame,
    unit: str,
    benchmark: float | None = None,
    benchmark_name: str = "England",
    months_back: int = 12,
) -> str:
    """A title that states the message: "Re-referrals fell to 21.0%, below England (22.4%)".

    Compares the latest shown month with the one ``months_back`` rows earlier (the same month last
    year), at the unit's display precision. Suppressed latest values are not described.
    """
    frame = data.sort_values("period_end")
    values, suppressed = shown_values(frame)
    if values.empty or suppressed.iloc[-1] or np.isnan(values.iloc[-1]):
        return f"{subject}: latest figure not shown"
    latest = values.iloc[-1]
    latest_text = format_value(latest, unit)
    title = f"{subject} was {latest_text}"
    if len(values) > months_back and not np.isnan(values.iloc[-1 - months_back]):
        before = values.iloc[-1 - months_back]
        decimals = unit_of(unit).decimals
        diff = round(latest - before, decimals)
        verb = "rose to" if diff > 0 else "fell to" if diff < 0 else "was unchanged at"
        title = f"{subject} {verb} {latest_text}"
    if benchmark is not None and not np.isnan(benchmark):
        gap = round(latest - benchmark, unit_of(unit).decimals)
        where = "above" if gap > 0 else "below" if gap < 0 else "in line with"
        title += f", {where} {benchmark_name} ({format_value(benchmark, unit)})"
    return title


# ---------------------------------------------------------------- the target (trend and SPC charts)


def add_target(fig: go.Figure, target: float | tuple[float, float], x: Sequence, unit: str) -> None:
    """The target as a dashed line across ``x``, or a shaded band for a (low, high) pair, labelled."""
    if isinstance(target, tuple | list):
        low, high = sorted(target)
        fig.add_hrect(
            y0=low, y1=high, fillcolor=PALETTE["turquoise"], opacity=0.12, line_width=0, layer="below"
        )
        fig.add_annotation(
            text=f"Target band {format_value(low, unit)}–{format_value(high, unit)}",
            x=1,
            xref="paper",
            xanchor="left",
            y=high,
            showarrow=False,
            font={"color": PALETTE["turquoise"]},
        )
        return
    fig.add_trace(
        go.Scatter(
            x=[x[0], x[-1]],
            y=[target, target],
            mode="lines",
            name="Target",
            line={"color": PALETTE["orange"], "dash": "dash", "width": 2},
            hovertemplate=f"Target {format_value(target, unit)}<extra></extra>",
        )
    )
    fig.add_annotation(
        text=f"Target {format_value(target, unit)}",
        x=1,
        xref="paper",
        xanchor="left",
        y=target,
        showarrow=False,
        font={"color": PALETTE["orange"]},
    )


#: A suppressed bar's look: a white stub hatched in grey, labelled "c" (no value is shown).
SUPPRESSED_MARKER = {
    "color": "white",
    "line": {"color": "#7F7F7F", "width": 1},
    "pattern": {"shape": "/", "fgcolor": "#7F7F7F", "solidity": 0.3},
}


def suppressed_stubs(labels: Sequence[str], length: float, name: str | None = None) -> go.Bar:
    """Horizontal hatched stubs of ``length`` for the suppressed categories of a bar chart (breakdown and
    ranking charts), each labelled c: the bar is there, its figure is not."""
    return go.Bar(
        y=list(labels),
        x=[length] * len(labels),
        orientation="h",
        name=name,
        marker=SUPPRESSED_MARKER,
        text=[SUPPRESSED] * len(labels),
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: c (not shown)<extra></extra>",
    )


def horizontal_bar_axes(fig: go.Figure, order: Sequence[str], unit: str, label_gap: str = "") -> None:
    """A horizontal bar chart's axes: categories top-down in ``order``, values from zero on a gridded
    axis titled by the unit (a % suffix for percentages); ``label_gap`` pads the category labels."""
    u = unit_of(unit)
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(order),
        autorange="reversed",
        title_text=None,
        showgrid=False,
        ticksuffix=label_gap,
        tickformat=None,
    )
    fig.update_xaxes(
        title_text=u.axis_title,
        showgrid=True,
        gridcolor=GRID,
        ticksuffix="%" if u.token == "percent" else "",
        rangemode="tozero",
    )
