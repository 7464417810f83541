"""Plotly figure builders: trend, SPC, breakdown and benchmark charts (pure functions, no Streamlit).

Why these choices: the charts are read by boards on a shared screen, so one message per chart (the
title states it), large type (16 px base, 22 px titles), the DfE analytical palette, direct labels
instead of legends where a label will do, light horizontal gridlines only, and the y axis titled
from the unit's format token. Suppressed values follow disclosure.md S9: a gap with a hollow marker
in a line, a hatched bar labelled ``c`` in a bar chart, and the footnote beneath.

Every builder stores the tidy table behind the chart in ``fig.layout.meta["table"]``, so the
"view as table" and the CSV download show exactly what the chart shows (S6: the same suppression
decisions): read it back with :func:`figure_table` / :func:`table_csv`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cscdash.formatting import SUPPRESSED, footnotes, format_value, unit_of
from cscdash.spc import ASSURANCE_LABELS, VARIATION_LABELS, SpcResult

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
BASE_FONT = 16
TITLE_FONT = 22
FONT_FAMILY = "Arial, Helvetica, sans-serif"
#: Top margins (px) for the title block, and the extra room a legend under it needs.
TOP_PLAIN = 60
TOP_WITH_SUBTITLE = 90
LEGEND_ROOM = 60
#: Characters per title line: Plotly never wraps a title, and a board member must read all of it in a
#: half-width chart (22 px Arial is about 11 px a character; the chart column is about 650 px).
TITLE_LINE_CHARS = 56
TITLE_LINE_PX = 28


# ---------------------------------------------------------------- shared layout and the table


def wrap_title(title: str, width: int = TITLE_LINE_CHARS) -> str:
    """The title broken into lines of at most ``width`` characters at spaces, joined with ``<br>``."""
    return "<br>".join(textwrap.wrap(title, width=width, break_long_words=False)) or title


def _base_figure(title: str, unit: str, subtitle: str | None = None, height: int = 500) -> go.Figure:
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
        "pad": {"t": 8},
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


def _horizontal_legend(fig: go.Figure) -> None:
    """A one- or two-row legend between the title block and the plot (the margin grows to fit)."""
    fig.update_layout(
        margin={"t": fig.layout.margin.t + LEGEND_ROOM},
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "font": {"size": BASE_FONT}},
    )


def _attach_table(fig: go.Figure, table: pd.DataFrame, unit: str, notes: Sequence[str] = ()) -> None:
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
        return _spc_table(fig_or_data)
    meta = fig_or_data.layout.meta
    if not meta or "table" not in meta:
        raise ValueError("this figure was not built by cscdash.charts and carries no table")
    return pd.DataFrame(meta["table"]["records"], columns=meta["table"]["columns"])


def table_csv(fig_or_data: go.Figure | pd.DataFrame | SpcResult) -> bytes:
    """The chart's table as UTF-8 CSV; suppressed cells are written ``c`` (S9), footnotes appended."""
    table = figure_table(fig_or_data)
    text = table.to_csv(index=False)
    notes = fig_or_data.layout.meta.get("notes", []) if isinstance(fig_or_data, go.Figure) else []
    return (text + "".join(f'"{n}"\n' for n in notes)).encode("utf-8")


def _values(data: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The plottable values (``shown_value`` from formatting.apply_disclosure, else ``value``) and
    the suppressed flags."""
    values = data["shown_value"] if "shown_value" in data else data["value"]
    suppressed = (
        data["suppressed"].astype(bool) if "suppressed" in data else pd.Series(False, index=data.index)
    )
    return values.astype(float), suppressed


def _cell_text(values: pd.Series, suppressed: pd.Series, unit: str) -> list[str]:
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
    values, suppressed = _values(frame)
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


# ---------------------------------------------------------------- trend chart


def _benchmark_style(geography: str) -> tuple[str, str]:
    if geography == "England":
        return BENCHMARK_STYLE["England"]
    if "SN" in geography or "neighbour" in geography.lower():
        return BENCHMARK_STYLE["SN"]
    if geography in REGIONS or "region" in geography.lower():
        return BENCHMARK_STYLE["region"]
    return ("x", PALETTE["dark_grey"])


def _add_target(fig: go.Figure, target: float | tuple[float, float], x: Sequence, unit: str) -> None:
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
    :func:`cscdash.formatting.apply_disclosure`). ``benchmarks``: ``geography, period_end, value``
    (the benchmarks.csv shape), drawn as one marker style per geography. ``single_months``: a flow's
    figures for each calendar month on its own (same columns), drawn first, lighter, behind the 12-month
    line, so the reader sees the variation the SPC chart judges; ``months_on_own_axis`` puts them on a
    right-hand axis (a month's referrals are a twelfth of the year's: on the same axis they would lie
    flat along the bottom). Suppressed months are gaps.
    """
    frame = data.sort_values("period_end").reset_index(drop=True)
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    values, suppressed = _values(frame)
    x = frame["period_end"]
    text = _cell_text(values, suppressed, unit)
    fig = _base_figure(title, unit)
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
        _horizontal_legend(fig)
    if target is not None:
        _add_target(fig, target, list(x), unit)
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
        _horizontal_legend(fig)
    notes = footnotes([SUPPRESSED] if any_suppressed else [])
    _attach_table(fig, table, unit, notes)
    return fig


def _add_single_months(fig: go.Figure, months: pd.DataFrame, unit: str, own_axis: bool) -> pd.DataFrame:
    """Draw a flow's single-month figures behind the 12-month line; return their table columns."""
    frame = months.sort_values("period_end").reset_index(drop=True)
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    values, suppressed = _values(frame)
    text = _cell_text(values, suppressed, unit)
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


# ---------------------------------------------------------------- SPC chart


def _spc_table(result: SpcResult) -> pd.DataFrame:
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
    fig = _base_figure(title, unit, subtitle=subtitle)
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
        _add_target(fig, result.target, list(pts["period_end"]), unit)
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
    _horizontal_legend(fig)
    fig.update_xaxes(title_text=None, tickformat="%b %Y")
    fig.update_yaxes(tickformat=None)
    _attach_table(fig, _spc_table(result), unit)
    return fig


# ---------------------------------------------------------------- bar charts


#: Categories with a natural order are drawn in it (youngest first), not by size.
ORDINAL_CATEGORIES: tuple[str, ...] = ("Unborn", "Under 1", "1-4", "5-9", "10-15", "16-17", "16 and over")


def breakdown_chart(data: pd.DataFrame, unit: str, title: str, total_label: str = "Total") -> go.Figure:
    """Horizontal bars, largest first (age bands in age order); suppressed categories last, as hatched
    stubs labelled ``c``.

    ``data``: ``category`` and ``shown_value`` (+ ``suppressed``), as :func:`formatting.suppress_breakdown`
    returns (its total row is left out of the bars but kept in the table).
    """
    frame = data[data["category"] != total_label].copy()
    values, suppressed = _values(frame)
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
    fig = _base_figure(title, unit, height=max(320, 120 + 48 * len(order)))
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
        fig.add_trace(
            go.Bar(
                y=hidden["category"].astype(str),
                x=[stub] * len(hidden),
                orientation="h",
                name="Suppressed (c)",
                marker={
                    "color": "white",
                    "line": {"color": "#7F7F7F", "width": 1},
                    "pattern": {"shape": "/", "fgcolor": "#7F7F7F", "solidity": 0.3},
                },
                text=[SUPPRESSED] * len(hidden),
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: c (not shown)<extra></extra>",
            )
        )
    u = unit_of(unit)
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=order,
        autorange="reversed",
        title_text=None,
        showgrid=False,
        ticksuffix="",
        tickformat=None,
    )
    fig.update_xaxes(
        title_text=u.axis_title,
        showgrid=True,
        gridcolor=GRID,
        ticksuffix="%" if u.token == "percent" else "",
        rangemode="tozero",
    )
    fig.update_layout(bargap=0.3)
    table = pd.DataFrame(
        {
            "category": data["category"].astype(str),
            "value": _values(data)[0].where(~_values(data)[1]),
            "shown": _cell_text(*_values(data), unit),
        }
    )
    _attach_table(fig, table, unit, footnotes([SUPPRESSED] if suppressed.any() else []))
    return fig


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
    values, suppressed = _values(data)
    table = pd.DataFrame(
        {
            "la_name": data["la_name"].astype(str),
            "value": values.where(~suppressed),
            "shown": _cell_text(values, suppressed, unit),
        }
    )
    bars = table.dropna(subset=["value"]).sort_values("value", kind="stable")
    label_bars = len(bars) <= 20 if label_bars is None else label_bars
    colours = [PALETTE["dark_blue"] if n == own_la else OTHER_BAR for n in bars["la_name"]]
    fig = _base_figure(title, unit)
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
    _attach_table(fig, table, unit, notes)
    return fig


# ---------------------------------------------------------------- MDC-style icons (inline SVG)

#: Ring colour and letter of each variation icon (MDC: grey common cause, blue improving, orange
#: concerning, purple neither; H/L = higher/lower).
VARIATION_ICON = {
    "common_cause": (SPC_COLOURS["common_cause"], ""),
    "special_cause_improving_high": (SPC_COLOURS["improvement"], "H"),
    "special_cause_improving_low": (SPC_COLOURS["improvement"], "L"),
    "special_cause_concerning_high": (SPC_COLOURS["concern"], "H"),
    "special_cause_concerning_low": (SPC_COLOURS["concern"], "L"),
    "special_cause_neither_high": (SPC_COLOURS["neither"], "H"),
    "special_cause_neither_low": (SPC_COLOURS["neither"], "L"),
    "insufficient_data": ("#BFBFBF", "?"),
}
#: Assurance: P = consistently pass (blue), F = consistently fail (orange), ? = hit or miss (grey).
ASSURANCE_ICON = {
    "consistently_pass": (SPC_COLOURS["improvement"], "P"),
    "consistently_fail": (SPC_COLOURS["concern"], "F"),
    "hit_or_miss": (SPC_COLOURS["common_cause"], "?"),
}


def _icon_svg(colour: str, letter: str, label: str, size: int) -> str:
    mark = (
        f'<text x="24" y="31" text-anchor="middle" font-family="Arial" font-size="20" '
        f'font-weight="bold" fill="{colour}">{letter}</text>'
        if letter
        else f'<path d="M10 26 L18 20 L24 28 L30 18 L38 24" fill="none" stroke="{colour}" stroke-width="3"/>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 48 48" '
        f'role="img" aria-label="{label}"><title>{label}</title>'
        f'<circle cx="24" cy="24" r="21" fill="white" stroke="{colour}" stroke-width="4"/>{mark}</svg>'
    )


def variation_icon_svg(code: str, size: int = 48) -> str:
    """A small circular icon for a variation code (spc.VARIATION_LABELS), labelled for screen readers."""
    colour, letter = VARIATION_ICON[code]
    return _icon_svg(colour, letter, VARIATION_LABELS[code], size)


def assurance_icon_svg(code: str, size: int = 48) -> str:
    """A small circular icon for an assurance code (spc.ASSURANCE_LABELS), labelled for screen readers."""
    colour, letter = ASSURANCE_ICON[code]
    return _icon_svg(colour, letter, ASSURANCE_LABELS[code], size)
