"""The Partnership page: every loaded authority side by side for one indicator and month (a ranked bar
chart with the partnership total, England and the region), a small trend panel per authority, and the
partnership total's own SPC chart. The arithmetic is in :mod:`cscdash.partnership`."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from cscdash import cache, charts, indicator_data, indicator_series, indicator_spc, partnership
from cscdash.catalogue import Indicator
from cscdash.components.frame import la_name, page_frame
from cscdash.components.panels import chart_with_table
from cscdash.formatting import format_value, n_of_n
from cscdash.settings import Settings

TITLE = "Partnership"
NEEDS_SEVERAL = (
    "The partnership view needs several authorities: this database holds one. Load each partner "
    "authority's extracts into the same database (`python -m cscdash load exports/ --la CODE`, once per "
    "authority) to see them side by side."
)


#: Up to this many authorities are named in the line under the title; more go in an expander.
NAMED_INLINE = 12


def partnership_page() -> None:
    """Every loaded authority for one chosen indicator and month; with one authority loaded, only a
    message saying the view needs several."""
    current = page_frame(TITLE)
    key = cache.database(current)
    codes = cache.loaded_las(key)
    if len(codes) < 2:
        st.info(NEEDS_SEVERAL, icon=":material/groups:")
        return
    names = {code: la_name(current, code) for code in codes}
    own = current.la_code if current.la_code in codes else codes[0]
    listed = ", ".join(sorted(names.values()))
    if len(codes) <= NAMED_INLINE:
        st.caption(f"{len(codes)} authorities loaded: {listed}. Yours: {names[own]}.")
    else:  # a region or England: the names would fill the screen
        st.caption(f"{len(codes)} authorities loaded. Yours: {names[own]}.")
        with st.expander(f"The {len(codes)} authorities loaded"):
            st.caption(listed)
    left, right = st.columns([3, 1])
    with left:
        ind = _indicator_choice()
    view = cache.partnership_view(key, ind.id, current)
    shown, choice = view.shown, view.choice
    if not choice.months:
        st.info(f"No authority has figures for {ind.title} yet.")
        return
    with right:
        month = _month_choice(choice)
    period = indicator_series.period_text(ind, month)
    table = partnership.ranked(ind, partnership.at_month(shown.authorities, month), names, own)
    refs = partnership.references(
        cache.benchmark_points(ind.benchmark_measure, current.la_code, current.comparator_la_code), month
    )
    total = partnership.at_month(shown.total, month)
    _headline(ind, table, total, refs, own, names)
    st.subheader("Every authority side by side")
    _ranking(ind, table, total, refs, period)
    st.subheader("Each authority's trend")
    _small_multiples(ind, shown, month, names, own)
    st.subheader("The partnership total over time")
    _total_spc(ind, view.pooled, month, current)


def _indicator_choice() -> Indicator:
    """Any catalogue indicator, grouped by page in navigation order (the first headline by default)."""
    catalogue = cache.catalogue()
    entries = partnership.indicator_options(catalogue)
    default = partnership.default_indicator(catalogue)
    if st.session_state.get("partnership-indicator") not in entries:
        st.session_state["partnership-indicator"] = default
    chosen = st.selectbox(
        "Indicator",
        list(entries),
        key="partnership-indicator",
        format_func=lambda i: f"{entries[i][0]}: {entries[i][1].title}",
    )
    return entries[chosen][1]


def _month_choice(choice: indicator_data.MonthChoice) -> date:
    """The month, newest first; the default is the latest month every authority covers."""
    options = [m.isoformat() for m in choice.months]
    if st.session_state.get("partnership-month") not in options:
        st.session_state["partnership-month"] = choice.default.isoformat()
    chosen = st.selectbox(
        "Month ending",
        options,
        key="partnership-month",
        format_func=lambda iso: f"{date.fromisoformat(iso):%-d %b %Y}",
        help="Months at which any authority has a figure; the first offered is the latest all of them cover.",
    )
    return date.fromisoformat(chosen)


def _total_text(ind: Indicator, total: pd.DataFrame) -> tuple[str, str]:
    """The partnership total as shown ('26.7%', 'c' or 'none') and its n of n."""
    if not partnership.can_pool(ind):
        return "none", ""
    if total.empty:
        return "x", "not every authority has a figure this month"
    row = total.iloc[0]
    basis = (
        n_of_n(row["shown_numerator"], row["shown_denominator"]) if ind.unit not in partnership.SUMMED else ""
    )
    return str(row["text"]), basis


def _headline(
    ind: Indicator,
    table: pd.DataFrame,
    total: pd.DataFrame,
    refs: list[partnership.Reference],
    own: str,
    names: dict[str, str],
) -> None:
    """Four figures in a row: the partnership total, your authority and its rank, England, the region."""
    text, basis = _total_text(ind, total)
    mine = table[table["la_code"] == own]
    ranked_n = int(table["rank"].notna().sum())
    columns = st.columns(4)
    columns[0].metric("Partnership total", text, help=partnership.pooling_note(ind), border=True)
    if basis:
        columns[0].caption(basis)
    if not mine.empty:
        row = mine.iloc[0]
        rank = f"ranked {int(row['rank'])} of {ranked_n}" if pd.notna(row["rank"]) else "not ranked"
        columns[1].metric("Your authority", row["text"], border=True)
        columns[1].caption(f"{names[own]}: {rank}, {partnership.ranking_words(ind)}")
    for column, ref in zip(columns[2:], refs, strict=False):
        column.metric(ref.name, format_value(ref.value, ind.unit), border=True)
        column.caption(f"published, year to 31 March {ref.year}")
    if not refs:
        columns[2].caption("No published England or regional figure for this indicator.")


def _ranking(
    ind: Indicator, table: pd.DataFrame, total: pd.DataFrame, refs: list[partnership.Reference], period: str
) -> None:
    """The ranked bar chart with its table and CSV."""
    references = [(r.label, r.value, "england" if r.name == "England" else "region") for r in refs]
    if not total.empty and pd.notna(total["shown_value"].iloc[0]):
        references.insert(0, (partnership.PARTNERSHIP_NAME, float(total["shown_value"].iloc[0]), "total"))
    title = f"{ind.title}, {period}: {partnership.ranking_words(ind)}"
    fig = cache.figure(
        "ranking_chart",
        data=table,
        unit=ind.unit,
        title=title,
        references=tuple(references),
    )
    chart_with_table(fig, f"partnership-{ind.id}-{table.shape[0]}")
    notes = [partnership.pooling_note(ind)]
    if refs:
        notes.append(
            "England and the region are the latest published DfE figures (year to 31 March) on or before "
            "the month."
        )
    st.caption(" ".join(notes))


def _small_multiples(
    ind: Indicator, shown: partnership.Disclosed, month: date, names: dict[str, str], own: str
) -> None:
    """A small trend panel per authority (yours first), the partnership total dashed where comparable."""
    window = partnership.trend_window(ind, shown.authorities, month)
    if window.empty:
        st.info("No trend to draw for this month.")
        return
    order = [own] + sorted((c for c in names if c != own), key=lambda c: names[c])
    labels = {c: names[c] + (" (your authority)" if c == own else "") for c in names}
    data = window.assign(la_name=window["la_code"].map(labels), own=window["la_code"] == own)
    data = data.assign(_o=data["la_code"].map({c: n for n, c in enumerate(order)})).sort_values(
        ["_o", "period_end"]
    )
    summed = ind.unit in partnership.SUMMED
    total = None if summed else partnership.trend_window(ind, shown.total.assign(la_code="total"), month)
    span = "every yearly figure" if ind.is_annual else f"the {partnership.TREND_MONTHS} months"
    title = f"{ind.title}: {span} to {month:%b %Y}, one panel per authority"
    chart = charts.small_multiples(
        data[["la_name", "own", "period_end", "shown_value"]], ind.unit, title, total, independent_y=summed
    )
    st.altair_chart(chart, theme=None)
    if summed:
        st.caption(
            "Each panel has its own scale (authorities differ in size); the total is not drawn in them."
        )
    st.caption("A gap in a line is a month not shown (suppressed or no figure).")
    # one row per authority (yours first), one column per month: a column per authority was 150 columns
    # wide at 150 authorities, unreadable and a third of the page's time to send
    table = data.pivot_table(
        index="la_name", columns="period_end", values="text", aggfunc="first", sort=False
    )
    table = table[sorted(table.columns)].rename(columns=lambda m: f"{m:%b %Y}")
    with st.expander("View as table"):
        st.dataframe(table.rename_axis("Authority").reset_index(), hide_index=True, width="stretch")


def _total_spc(ind: Indicator, pooled: pd.DataFrame, month: date, current: Settings) -> None:
    """The XmR chart of the partnership total (``pooled``, before disclosure; its single months for a
    flow), or why there is none."""
    if not partnership.can_pool(ind):
        st.info(partnership.pooling_note(ind))
        return
    if not indicator_spc.spc_applies(ind):
        st.info("No SPC chart for this indicator: the catalogue does not list one.")
        return
    points = indicator_spc.spc_series(ind, pooled, current)
    single = indicator_spc.spc_on_single_months(ind, pooled)
    target = indicator_spc.spc_target(ind, None, single_month=single)
    result = indicator_spc.spc_result(ind, points, month, target)
    available = int(indicator_spc.spc_window(ind, points, month)["shown_value"].notna().sum())
    if result is None or available < indicator_spc.spc_points_needed():
        st.info(
            f"No SPC chart: the partnership total has {available} point(s) to {month:%b %Y} and SPC needs at "
            f"least {indicator_spc.spc_points_needed()}."
        )
        return
    what = "each calendar month on its own" if single else indicator_spc.spc_basis(ind, pooled)
    title = f"Partnership total, {ind.title} ({what}): statistical process control"
    fig = cache.figure("spc_chart", result=result, unit=ind.unit, title=title)
    chart_with_table(fig, f"partnership-spc-{ind.id}")
    st.caption(
        "XmR chart (NHS England Making Data Count) of the partnership total, pooled from every authority's "
        "numerators and denominators each month. Blue = improvement, orange = concern, grey = common cause."
        + (" Each point is one calendar month on its own, not the 12 months to it." if single else "")
    )
