"""The frame every page shares: the title, the synthetic banner, the data-as-at line, the LA picker
and the month and breakdown filters in the sidebar (:class:`Selection`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import streamlit as st

from cscdash import cache, indicator_data
from cscdash.benchmarks import comparators
from cscdash.components.identity import signed_in
from cscdash.components.warm_up import start_warming
from cscdash.navigation import PAGES
from cscdash.roles import permissions, role_line
from cscdash.settings import DEMO_LA_CODE, DEMO_LA_NAME, Settings

SYNTHETIC_BANNER = (
    "**SYNTHETIC DATA** — Wessex Vale Council is a fictional authority. Every child, worker and figure "
    "on this page is made up by the demo generator; no real child's data is shown."
)


#: Less empty space above the title, so more of the page fits a shared 1080p screen.
PAGE_STYLE = (
    "<style>[data-testid='stMainBlockContainer']{padding-top:2.5rem;}"
    "[data-testid='stMetricValue']{font-size:2.4rem;}</style>"
)


def page_frame(title: str, board_mode: bool = False) -> Settings:
    """The frame every page starts with: the demo check, the title, the synthetic banner and the
    data-as-at line. Returns the settings the page should use. ``board_mode``: the page shows only
    board-mode figures (present mode, the scorecard), so its header says so whatever the setting."""
    current, who = signed_in(cache.settings())
    if board_mode and current.display_mode == "internal":
        current = replace(current, display_mode="board")
    cache.ensure_database(current)
    current = _la_filter(current)
    start_warming()
    st.html(PAGE_STYLE)
    st.title(title)
    if current.is_demo:
        st.warning(SYNTHETIC_BANNER, icon=":material/science:")
    st.caption(_as_at_line(current, who))
    if not cache.database_is_current(cache.database(current)):
        st.info(
            "This database was built by another version of the dashboard's SQL: figures may be out of date. "
            f"Run `python -m cscdash rebuild --db {current.db_path}` (the app can stay open).",
            icon=":material/update:",
        )
    return current


def visible_pages() -> tuple:
    """The pages this session's role may open, in navigation order: a page that lists children (My teams)
    only for roles that may see children. Signs in first when sign-in is set up (app.py calls this before
    st.navigation)."""
    current, _ = signed_in(cache.settings())
    sees_children = permissions(current.role).sees_children
    return tuple(spec for spec in PAGES if sees_children or not spec.shows_children)


def _la_names(current: Settings) -> dict[str, str]:
    """Every LA's name by code as the DfE spells it (data/reference/la_codes.csv), the demo's included.
    One cached read: each is a copy, so a caller naming many LAs takes this once."""
    return {**cache.la_names(cache.database(current)), DEMO_LA_CODE: DEMO_LA_NAME}


def la_name(current: Settings, la_code: str | None = None) -> str:
    """The LA's name; its code when it has none."""
    code = la_code or current.la_code
    return _la_names(current).get(code, code)


def _as_at_line(current: Settings, who: str | None = None) -> str:
    """'Wessex Vale Council (synthetic data) · data to 31 Oct 2026 · loaded … · board mode'."""
    data_month_end, last_load = cache.data_as_at(cache.database(current), current.la_code)
    parts = [la_name(current)]
    parts.append(f"data to {data_month_end:%-d %b %Y}" if data_month_end else "no data loaded yet")
    if last_load:
        parts.append(f"extracts loaded {last_load:%-d %b %Y %H:%M}")
    parts.append(role_line(current.role, who))
    mode = current.display_mode
    parts.append(
        f"{mode} mode"
        + (
            f" (counts 1-{current.suppression_threshold} suppressed)"
            if mode != "internal"
            else " (small numbers shown)"
        )
    )
    return " · ".join(parts)


@dataclass(frozen=True)
class Selection:
    """What the sidebar filters chose: the month, the breakdown for charts (or 'all')."""

    period_end: date
    breakdown: str


def _la_filter(current: Settings) -> Settings:
    """When several LAs are loaded, let the user pick one (kept across pages and in the URL); when the
    configured LA is not among those loaded, the first loaded one."""
    codes = cache.loaded_las(cache.database(current))
    current = cache.shown_la(current, codes)
    if len(codes) <= 1:
        return current
    if current.la_code in codes:
        codes = [current.la_code] + [c for c in codes if c != current.la_code]
    # the names read once, not once per option: 150 cached reads on every rerun were a tenth of the page
    # switch at 150 authorities
    names = _la_names(current)
    chosen = st.sidebar.selectbox(
        "Local authority",
        codes,
        key="la",
        bind="query-params",
        persist_state="session",
        format_func=lambda code: names.get(code, code),
    )
    return replace(current, la_code=chosen or current.la_code)


def month_choice(current: Settings, page_ids: tuple[str, ...]) -> indicator_data.MonthChoice:
    """The month filter of a page: the months of its own indicators and of the Overview's headlines, and
    the headlines' default, so a month chosen on one page stays chosen on the next (a page whose sources
    end earlier shows each figure's latest month on its card, dated)."""
    return cache.page_months(cache.database(current), page_ids, current.la_code)


def filters(months: indicator_data.MonthChoice, breakdowns: list[str]) -> Selection:
    """The month and breakdown filters in the sidebar; both persist across pages and in the URL.

    ``months``: the month ends with data, newest first, and the default (the latest month most of the
    page's figures cover). With no data at all the only option is the data-as-at month, never today.
    """
    options = [m.isoformat() for m in months.months]
    if not options:
        as_at, _ = cache.data_as_at(cache.database(cache.settings()), cache.settings().la_code)
        options = [(as_at or date.today()).isoformat()]
    default = months.default.isoformat() if months.default else options[0]
    chosen = st.sidebar.selectbox(
        "Month ending",
        options,
        index=options.index(default),
        key="period",
        format_func=lambda iso: f"{date.fromisoformat(iso):%-d %b %Y}",
        help="Every figure is for the 12 months to, or the position at, the end of this month.",
        bind="query-params",
        persist_state="session",
    )
    names = ["all", *breakdowns]
    breakdown = st.sidebar.selectbox(
        "Breakdown for charts",
        names,
        key="breakdown",
        format_func=breakdown_label,
        bind="query-params",
        persist_state="session",
    )
    return Selection(date.fromisoformat(chosen or options[0]), breakdown or "all")


def breakdown_label(name: str) -> str:
    """'age_band' -> 'Age band'; 'all' -> 'None (whole LA)'."""
    return "None (whole LA)" if name == "all" else name.replace("_", " ").capitalize()


def comparison_note(current: Settings) -> str:
    """Which published comparators this LA is set beside (its statistical neighbours, region, England)."""
    try:
        return comparators.comparison_note(current.la_code, current.comparator_la_code)
    except KeyError:
        return "No published comparators for this LA."
