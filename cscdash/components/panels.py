"""The "look closer" panels of one indicator: trend, SPC, breakdown and comparison with other LAs, each a
chart with its table and CSV (:func:`chart_with_table`). The definition tab is in ``definitions.py``,
the target tab in ``targets.py``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cscdash import (
    cache,
    charts,
    disclosure,
    formatting,
    indicator_data,
    indicator_figures,
    indicator_series,
    indicator_spc,
    indicator_summary,
)
from cscdash.catalogue import Indicator
from cscdash.components.frame import Selection, breakdown_label, comparison_note
from cscdash.settings import Settings


def chart_with_table(fig: go.Figure, key: str, on_point: Callable[[dict], None] | None = None) -> None:
    """A chart, its 'view as table' and the CSV of the data behind it (same suppression as the chart).
    ``on_point``: clicking a point calls it with the point (the children behind that month or group)."""
    # no mode bar: it sits over the title, and a board reading a shared screen does not zoom;
    # theme=None: the figure's own type (16 px, charts/style.py), not Streamlit's smaller chart theme
    chart_key = f"chart-{key}"
    if on_point is None:
        st.plotly_chart(fig, width="stretch", theme=None, key=chart_key, config={"displayModeBar": False})
    else:
        st.plotly_chart(
            fig,
            width="stretch",
            theme=None,
            key=chart_key,
            config={"displayModeBar": False},
            on_select=lambda: _clicked(chart_key, on_point),
            selection_mode="points",
        )
        st.caption("Click a point or bar to list the children behind it.")
    with st.expander("View as table"):
        st.dataframe(charts.figure_table(fig), hide_index=True, width="stretch")
    st.download_button(
        "Download the data (CSV)",
        # made when clicked, not on every draw: a page has a dozen charts, and a file made at draw time
        # is dropped when the page reruns, so a button still on screen after a page switch found none (404)
        partial(charts.table_csv, fig),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"csv-{key}",
        on_click="ignore",
    )


def _clicked(chart_key: str, on_point: Callable[[dict], None]) -> None:
    """A chart's point was clicked: hand the point (Plotly's x, y ...) to ``on_point``."""
    state = st.session_state.get(chart_key) or {}
    points = (state.get("selection") or {}).get("points") or []
    if points:
        on_point(dict(points[0]))


def trend_arguments(
    ind: Indicator, shown: pd.DataFrame, current: Settings, months: pd.DataFrame | None = None
) -> dict | None:
    """The trend chart's arguments (published points and targets read through the caches), or None
    when there is no figure: shared by the trend tab and present mode."""
    bench = cache.benchmark_points(ind.benchmark_measure, current.la_code, current.comparator_la_code)
    stored = cache.stored_targets(cache.database(current), str(current.app_store))
    return indicator_figures.trend_arguments(ind, shown, bench, stored, months)


def trend_panel(
    ind: Indicator,
    shown: pd.DataFrame,
    current: Settings,
    months: pd.DataFrame | None = None,
    on_point: Callable[[dict], None] | None = None,
) -> None:
    """The monthly trend with the year-end points and the published England/region/SN points (one
    point a year for an annual indicator). For a flow, ``months`` are its single-month figures, drawn
    lighter behind the 12-month line (the variation the SPC tab judges)."""
    arguments = trend_arguments(ind, shown, current, months)
    if arguments is None:
        st.info("No figures for this indicator yet.")
        return
    fig = cache.figure("trend_chart", **arguments)
    chart_with_table(fig, f"trend-{ind.id}", on_point)
    if not arguments["benchmarks"].empty:
        st.caption(comparison_note(current) + " Published annual figures; SN = statistical neighbours.")


def spc_panel(
    ind: Indicator,
    shown: pd.DataFrame,
    selection: Selection,
    stored: pd.DataFrame,
    single: bool = False,
    on_point: Callable[[dict], None] | None = None,
) -> None:
    """The XmR chart of the 36 months to the chosen month (every year for an annual indicator); limits
    can be recalculated from a month. Says why instead when SPC does not apply. ``single``: ``shown`` holds
    a flow's single-month figures (what SPC judges for a flow), and the chart and caption say so."""
    if not indicator_spc.spc_applies(ind):
        st.info("No SPC chart for this indicator: the catalogue does not list one.")
        return
    window = indicator_spc.spc_window(ind, shown, selection.period_end)
    needed = indicator_spc.spc_points_needed()
    available = int(window["shown_value"].notna().sum())
    if ind.is_annual and available < needed:
        st.info(
            f"No SPC chart: this is an annual figure with {available} yearly point(s) so far, and SPC "
            f"needs at least {needed}. Repeating a yearly figure every month would make the limits "
            "meaningless, so the trend tab shows the yearly points instead."
        )
        return
    months = [m for m in sorted(window["period_end"], reverse=True) if m < selection.period_end]
    recalc = st.selectbox(
        "Recalculate the limits from (a known change of process)",
        ["none", *[m.isoformat() for m in months]],
        key=f"spc-break-{ind.id}",
        format_func=lambda iso: "No recalculation" if iso == "none" else f"{date.fromisoformat(iso):%b %Y}",
    )
    breaks = () if recalc in (None, "none") else (date.fromisoformat(recalc),)
    target = indicator_spc.spc_target(
        ind, indicator_summary.target_in_force(ind, stored, selection.period_end), single_month=single
    )
    result = indicator_spc.spc_result(ind, shown, selection.period_end, target, breaks)
    if result is None:  # guarded above; kept so a change of rule cannot draw a chart of nothing
        st.info("No SPC chart for this indicator.")
        return
    title = f"{ind.title}: statistical process control"
    if single:
        title = f"{ind.title}, each calendar month on its own: statistical process control"
    fig = cache.figure("spc_chart", result=result, unit=ind.unit, title=title)
    chart_with_table(fig, f"spc-{ind.id}", on_point)
    if single:
        st.caption(
            "Each point is one calendar month on its own, not the 12 months to it: consecutive 12-month "
            "figures share eleven months, so they cannot vary independently and SPC would flag almost "
            "every month. The trend tab shows both."
            + (
                " The target line is a twelfth of the year's target."
                if target is not None and ind.single_month_kind == "share"
                else ""
            )
        )
        small = indicator_spc.small_months(ind, shown, selection.period_end)
        if small:
            st.info(
                f"In {small} of these months there were fewer than {indicator_spc.SMALL_MONTH} "
                f"{'cases' if ind.single_month_kind == 'rate' else 'events'} in the month: with so few, one "
                "month can differ from the next by chance alone, so the limits are wide and a real change "
                "takes longer to show.",
                icon=":material/info:",
            )
    st.caption(
        "XmR chart (NHS England Making Data Count): mean and process limits (mean ± 2.66 × average moving "
        "range), with a point beyond the limits, a run of 7 on one side, a trend of 6, or 2 of 3 beyond "
        "2 sigma flagged. Blue = improvement, orange = concern, grey = common cause."
    )


def breakdown_panel(
    ind: Indicator,
    frame: pd.DataFrame,
    selection: Selection,
    current: Settings,
    on_bar: Callable[[str, str], None] | None = None,
) -> None:
    """The chosen breakdown at the chosen month, suppressed by the display mode. ``on_bar``: clicking a bar
    calls it with the breakdown and the bar's value (the children of that group)."""
    if not ind.breakdowns:
        st.info("This indicator has no breakdown.")
        return
    name = selection.breakdown if selection.breakdown in ind.breakdowns else ind.breakdowns[0]
    if selection.breakdown not in ind.breakdowns:
        st.caption(f"Showing {breakdown_label(name).lower()}: choose a breakdown in the sidebar.")
    rows = indicator_data.breakdown_at(frame, ind.id, name, selection.period_end)
    if rows.empty:
        st.info("No breakdown rows for this month.")
        return
    if formatting.unit_of(ind.unit).kind == "count":
        counts = rows.set_index("category")["value"].fillna(0)
        data = disclosure.suppress_breakdown(counts, current.display_mode, current.suppression_threshold)
    else:
        data = indicator_series.shown_series(ind, rows, current)
    period = indicator_series.period_text(ind, selection.period_end)
    title = f"{ind.title} by {breakdown_label(name).lower()}, {period}"
    on_point = None if on_bar is None else (lambda point: on_bar(name, str(point.get("y"))))
    chart_with_table(
        cache.figure("breakdown_chart", data=data, unit=ind.unit, title=title),
        f"breakdown-{ind.id}-{name}",
        on_point,
    )


def benchmark_panel(ind: Indicator, frame: pd.DataFrame, selection: Selection, current: Settings) -> None:
    """Every LA's (or the neighbours') published figure for one year, the comparator LA and this LA
    highlighted, England as a line."""
    if not ind.benchmark_measure:
        st.info("No national comparator is published for this indicator.")
        return
    try:
        table = cache.comparator_table(ind.benchmark_measure, current.la_code, current.comparator_la_code)
    except KeyError:
        st.info("No published figures for this indicator.")
        return
    years = sorted(int(y) for y in table["year"].dropna().unique())
    if not years:
        st.info("No published figures for this indicator.")
        return
    scope = st.radio(
        "Compare with",
        ["Statistical neighbours", "All local authorities"],
        horizontal=True,
        key="bench-scope",
    )
    year = st.selectbox("Published year", years[::-1], key=f"bench-year-{ind.id}")
    own_series = indicator_data.series(frame, ind.id)
    data = cache.benchmark_bar_data(ind, table, own_series, year, current, scope == "Statistical neighbours")
    england = table.loc[table["year"] == year, "england_value"]
    fig = cache.figure(
        "benchmark_chart",
        data=data.frame,
        own_la=data.own_label,
        unit=ind.unit,
        title=data.title,
        england=float(england.iloc[0]) if not england.empty and pd.notna(england.iloc[0]) else None,
    )
    chart_with_table(fig, f"benchmark-{ind.id}-{year}")
    st.caption(f"{data.scope}. {comparison_note(current)}")
