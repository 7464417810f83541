"""Present mode: one indicator per screen for a meeting that shares its screen.

The board's running order (the Overview headlines by default, or a saved set) is stepped through with the
Previous and Next buttons or the left and right arrow keys. Each screen holds the chart's message in
large type, the trend chart with target, England, region and statistical neighbours, the figure with its
numerator and denominator, RAG and SPC in words, and the three commentary boxes beside it. The sidebar
is hidden, and board-mode suppression is forced whatever the settings say. The URL carries the running
order, month and position (``/present?set=Corporate+parenting+board&month=2026-10-31&i=3``), so a
chair can share a link that opens on the right screen.
"""

from __future__ import annotations

import html
from datetime import date

import streamlit as st

from cscdash import board_sets, cache, charts, indicator_data
from cscdash.board_pack.content import IndicatorPage, pack_settings
from cscdash.components.frame import month_choice, page_frame
from cscdash.components.panels import trend_arguments
from cscdash.indicator_series import shown_series
from cscdash.indicator_spc import spc_on_single_months, spc_series
from cscdash.settings import Settings

#: Present mode's look: no sidebar, nothing under 16 px at 1280x720, little space lost above the chart.
PRESENT_STYLE = (
    "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
    "[data-testid='stHeader']{display:none;}"
    "[data-testid='stMainBlockContainer']{padding:2.2rem 1.5rem 1rem;max-width:100%;}"
    "[data-testid='stMain'] [data-testid='stAlertContainer']{padding:0.3rem 0.8rem;}"
    "[data-testid='stMain'] kbd{font-size:16px !important;}"
    "[data-testid='stMain'] [data-testid='stVerticalBlock']{gap:0.4rem;}"
    "[data-testid='stMain'] p,[data-testid='stMain'] li,[data-testid='stMain'] label,"
    "[data-testid='stMain'] button,[data-testid='stMain'] [data-testid='stCaptionContainer'],"
    "[data-testid='stMain'] [data-testid='stText']{font-size:18px !important;}"
    "[data-testid='stMain'] h1{font-size:20px !important;padding:0.3rem 0 0;line-height:1.5;}"
    "[data-testid='stMain'] .present-message{font-size:26px;font-weight:700;line-height:1.25;"
    "padding-bottom:10px;}"
    "[data-testid='stMain'] .present-figure{font-size:40px;font-weight:700;}</style>"
)
CHART_HEIGHT = 420


def _position(count: int) -> int:
    """The screen shown (0-based), from the session or the URL's ``i`` (1-based), kept within the set."""
    if "present-index" not in st.session_state:
        try:
            st.session_state["present-index"] = int(st.query_params.get("i", "1")) - 1
        except ValueError:
            st.session_state["present-index"] = 0
    index = min(max(st.session_state["present-index"], 0), max(count - 1, 0))
    st.session_state["present-index"] = index
    return index


def _step(by: int, count: int) -> None:
    st.session_state["present-index"] = (st.session_state.get("present-index", 0) + by) % max(count, 1)


def _choices(current: Settings) -> tuple[str, list[str], date]:
    """The running order and month, from the URL first, else the defaults (headlines, latest month)."""
    sets = board_sets.all_sets(cache.catalogue(), current.app_store)
    names = list(sets)
    wanted = st.query_params.get("set", board_sets.HEADLINES)
    with st.popover("Running order and month", icon=":material/tune:"):
        set_name = st.selectbox(
            "Running order", names, index=names.index(wanted) if wanted in names else 0, key="present-set"
        )
        months = month_choice(current, tuple(sets[set_name]))
        options = list(months.months)
        asked = _month_asked(st.query_params.get("month"))
        start = options.index(asked) if asked in options else None
        month = st.selectbox(
            "Month",
            options,
            index=start if start is not None else options.index(months.default),
            format_func=lambda d: f"{d:%-d %B %Y}",
            key="present-month",
        )
    return set_name, sets[set_name], month


def _month_asked(text: str | None) -> date | None:
    """The URL's month, or None when it has none or it is not a date."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _chart(item: IndicatorPage, current: Settings) -> None:
    ind = item.row.indicator
    frame = cache.indicator_frame(cache.database(current), ind.id, current.la_code)
    whole = indicator_data.series(frame, ind.id)
    shown = shown_series(ind, whole, current)
    shown = shown[shown["period_end"] <= item.row.latest.period_end]
    months = spc_series(ind, whole, current) if spc_on_single_months(ind, whole) else None
    if months is not None:
        months = months[months["period_end"] <= item.row.latest.period_end]
    arguments = trend_arguments(ind, shown, current, months)
    if arguments is None:
        st.info("No figures for this indicator yet.")
        return
    st.markdown(f"<div class='present-message'>{_escape(arguments['title'])}</div>", unsafe_allow_html=True)
    fig = charts.trend_chart(**{**arguments, "title": ""})
    fig.update_layout(
        height=CHART_HEIGHT,
        margin={"t": 10, "r": 130, "b": 40},
        font={"size": 16},
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top", "font": {"size": 16}},
    )
    fig.update_annotations(font_size=16)
    # theme=None: the figure's own 16 px type, not Streamlit's smaller chart theme
    st.plotly_chart(
        fig, width="stretch", theme=None, key=f"present-{ind.id}", config={"displayModeBar": False}
    )


def _escape(text: str) -> str:
    """A chart's message title (the app's own words, a line break as <br>) as HTML text on one line."""
    return html.escape(text.replace("<br>", " "))


def present_page(title: str) -> None:
    """One indicator per screen of the chosen running order, with Previous/Next and the arrow keys."""
    current = page_frame(title, board_mode=True)
    st.html(PRESENT_STYLE)
    board = pack_settings(current)  # board mode, whatever the settings say
    back, where, forward, choose = st.columns([1.1, 4, 1, 1.6], vertical_alignment="center")
    with choose:
        set_name, ids, month = _choices(current)
    if not ids:
        st.info("This running order has no indicators.")
        return
    content = cache.pack_content(cache.database(board), month, set_name, board, cache.store_stamp(board))
    count = len(content.pages)
    index = _position(count)
    back.button("Previous", icon=":material/arrow_back:", shortcut="Left", on_click=_step, args=(-1, count))
    forward.button("Next", icon=":material/arrow_forward:", shortcut="Right", on_click=_step, args=(1, count))
    where.markdown(f"**{index + 1} of {count}** · {set_name} · {month:%B %Y} · {content.mode_statement}")
    st.query_params.update({"set": set_name, "month": month.isoformat(), "i": str(index + 1)})
    item = content.pages[index]
    chart, figures = st.columns([2.2, 1])
    with chart:
        _chart(item, board)
    with figures:
        st.markdown(f"<div class='present-figure'>{_escape(item.card.text)}</div>", unsafe_allow_html=True)
        st.text(item.figure_words)
        st.text(item.rag_words)
        st.text(item.spc_words)
        st.text(item.comparison_words)
        notes = item.row.notes
        for heading, text in notes.texts().items():
            st.markdown(f"**{heading}**")
            st.text(text or "(nothing written)")
        if notes.is_draft or notes.version_id is None:
            st.caption(notes.status())
