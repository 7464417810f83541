"""A service page: its filters, every catalogue indicator of the page as a card, then one chosen
indicator's panels in tabs (trend, SPC, breakdown, comparison, definition, target, commentary)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from cscdash import cache, child_lists, indicator_data, indicator_series, indicator_spc, indicator_summary
from cscdash.catalogue import Indicator
from cscdash.components.cards import sections
from cscdash.components.child_list import MONTH_KEY, children_panel
from cscdash.components.commentary import commentary_panel
from cscdash.components.definitions import definition_panel
from cscdash.components.frame import Selection, comparison_note, filters, month_choice, page_frame
from cscdash.components.panels import benchmark_panel, breakdown_panel, spc_panel, trend_panel
from cscdash.components.targets import target_editor
from cscdash.roles import permissions
from cscdash.settings import Settings

#: The tab that lists the children behind the figure (only for roles that may see children).
CHILDREN_TAB = "Children"


def open_children(
    page: str, indicator_id: str, month: date | None = None, breakdown: str | None = None, value: str = ""
) -> None:
    """Open the "look closer" section on ``indicator_id``'s Children tab (a card's button, a chart's
    point): the explorer's indicator, its tab and, from a chart, the month or group clicked."""
    st.session_state[f"explore-{page}"] = indicator_id
    st.session_state[f"tabs-{page}"] = CHILDREN_TAB
    if month is not None:
        st.session_state[MONTH_KEY.format(indicator=indicator_id)] = month
    if breakdown is not None:
        st.session_state[f"children-by-{indicator_id}"] = breakdown
        st.session_state[f"children-value-{indicator_id}"] = value


def _month_of(point: dict) -> date | None:
    """The month end of a clicked trend or SPC point (its x)."""
    try:
        return pd.Timestamp(point["x"]).date()
    except (KeyError, TypeError, ValueError):
        return None


def service_page_for(page_key: str) -> Callable[[], None]:
    """The function ``st.navigation`` runs for one catalogue page (pages are declared by the catalogue,
    so they have no file of their own)."""

    def draw() -> None:
        service_page(page_key)

    draw.__name__ = f"page_{page_key}"
    return draw


def service_page(page_key: str) -> None:
    """A service page, as its catalogue file declares it: filters, the page's cards in its sections, then
    one indicator's charts, tables, definition and target on demand."""
    page = cache.catalogue().page(page_key)
    current = page_frame(page.title)
    ids = tuple(i.id for i in page.indicators)
    selection = filters(
        month_choice(current, ids), sorted({b for i in page.indicators for b in i.breakdowns})
    )
    items = cache.card_facts(cache.database(current), ids, selection.period_end, current)
    st.caption(comparison_note(current))
    listed = permissions(current.role).sees_children
    sections(page, items, on_children=(lambda i: open_children(page_key, i)) if listed else None)
    st.divider()
    indicator_explorer(list(page.indicators), items, selection, current)


def indicator_explorer(
    indicators: list[Indicator],
    items: list[indicator_summary.Facts],
    selection: Selection,
    current: Settings,
) -> None:
    """Charts for one chosen indicator (only that one is drawn, and only its open tab, to keep the page
    fast). The default is the page's first headline indicator with a figure."""
    st.subheader("Look closer at one indicator")
    by_id = {i.id: i for i in indicators}
    with_value = [f.indicator.id for f in items if f.value is not None]
    first = next(
        (i for i in with_value if by_id[i].headline), with_value[0] if with_value else indicators[0].id
    )
    key = f"explore-{indicators[0].page}"
    if st.session_state.get(key) not in by_id:  # a card's or chart's button may have chosen one already
        st.session_state[key] = first
    chosen = st.selectbox("Indicator", list(by_id), key=key, format_func=lambda i: by_id[i].title)
    ind = by_id[chosen]
    frame = cache.indicator_frame(cache.database(current), ind.id, current.la_code)
    whole = indicator_data.series(frame, ind.id)
    shown = indicator_series.shown_series(ind, whole, current)
    shown = shown[shown["period_end"] <= selection.period_end]
    # what SPC judges: a flow's single months (the same view's month_* columns), else the shown series
    points = indicator_spc.spc_series(ind, whole, current)
    points = points[points["period_end"] <= selection.period_end]
    single = indicator_spc.spc_on_single_months(ind, whole)
    stored = cache.stored_targets(cache.database(current), str(current.app_store))
    listed = permissions(current.role).sees_children and child_lists.entry_for(ind.id) is not None
    on_point = (lambda p: open_children(ind.page, ind.id, _month_of(p))) if listed else None
    on_bar = (lambda by, value: open_children(ind.page, ind.id, None, by, value)) if listed else None
    panels = {
        "Trend": lambda: trend_panel(ind, shown, current, points if single else None, on_point),
        "SPC": lambda: spc_panel(ind, points, selection, stored, single, on_point),
        "Breakdown": lambda: breakdown_panel(ind, frame, selection, current, on_bar),
        "Compare with others": lambda: benchmark_panel(ind, frame, selection, current),
        "Definition": lambda: definition_panel(ind, current),
        "Target": lambda: target_editor(ind, current, selection),
        "Commentary": lambda: commentary_panel(ind, current, selection.period_end),
        CHILDREN_TAB: lambda: children_panel(ind, frame, current, selection.period_end),
    }
    if not indicator_spc.spc_applies(ind):  # the catalogue's charts list decides
        del panels["SPC"]
    if not listed:
        del panels[CHILDREN_TAB]  # a board member never gets the tab; staff figures have no children
    key = f"tabs-{ind.page}"
    if st.session_state.get(key) not in panels:
        st.session_state.pop(key, None)
    tabs = st.tabs(list(panels), key=key, on_change="rerun")
    for tab, draw in zip(tabs, panels.values(), strict=True):
        if tab.open is False:
            continue
        with tab:
            draw()
