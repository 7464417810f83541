"""Streamlit building blocks that pages lay out. The other module allowed to import streamlit.

Pages hold no SQL, arithmetic or Plotly calls: they call these components.
"""

from __future__ import annotations

import base64
import html
import importlib
import json
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cscdash import cache, charts, formatting, indicator_data, indicator_summary, overview, pipeline, targets
from cscdash.benchmarks import comparators
from cscdash.catalogue import Indicator
from cscdash.navigation import PAGES
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


def page_frame(title: str) -> Settings:
    """The frame every page starts with: the demo check, the title, the synthetic banner and the
    data-as-at line. Returns the settings the page should use."""
    current = cache.settings()
    cache.ensure_database(current)
    current = _la_filter(current)
    st.html(PAGE_STYLE)
    st.title(title)
    if current.is_demo:
        st.warning(SYNTHETIC_BANNER, icon=":material/science:")
    st.caption(_as_at_line(current))
    if not cache.database_is_current(cache.database(current)):
        st.info(
            "This database was built by another version of the dashboard's SQL: figures may be out of date. "
            f"Run `python -m cscdash rebuild --db {current.db_path}` (the app can stay open).",
            icon=":material/update:",
        )
    return current


def la_name(current: Settings, la_code: str | None = None) -> str:
    """The LA's name as the DfE spells it (data/reference/la_codes.csv); its code when it has none."""
    code = la_code or current.la_code
    if code == DEMO_LA_CODE:
        return DEMO_LA_NAME
    return cache.la_names(cache.database(current)).get(code, code)


def _as_at_line(current: Settings) -> str:
    """'Wessex Vale Council (synthetic data) · data to 31 Oct 2026 · loaded … · board mode'."""
    data_month_end, last_load = cache.data_as_at(cache.database(current), current.la_code)
    parts = [la_name(current)]
    parts.append(f"data to {data_month_end:%-d %b %Y}" if data_month_end else "no data loaded yet")
    if last_load:
        parts.append(f"extracts loaded {last_load:%-d %b %Y %H:%M}")
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


# ----------------------------------------------------------------------------- Data quality page
def load_log(current: Settings) -> None:
    """The load log: every load, newest first, with its outcome and counts."""
    log = cache.app_query(cache.database(current), "load_log")
    if log.empty:
        st.info("Nothing has been loaded yet.")
        return
    st.dataframe(
        log[["load_id", "finished_at", "outcome", "n_errors", "n_warnings", "note"]],
        hide_index=True,
        width="stretch",
        column_config={
            "load_id": "Load",
            "finished_at": st.column_config.DatetimeColumn("Finished"),
            "outcome": "Outcome",
            "n_errors": "Errors",
            "n_warnings": "Warnings",
            "note": "Note",
        },
    )
    latest = log.iloc[0]
    files = _files_of(latest["files_json"])
    with st.expander(f"Files in load {latest['load_id']} ({len(files)})"):
        st.dataframe(files, hide_index=True, width="stretch")


def _files_of(files_json: str | None) -> pd.DataFrame:
    """The files list stored with a load, as a table."""
    try:
        return pd.DataFrame(json.loads(files_json or "[]"))
    except ValueError:
        return pd.DataFrame()


def load_warnings(current: Settings) -> None:
    """Warnings recorded by the latest load (errors never load, so these are all warnings)."""
    log = cache.app_query(cache.database(current), "load_log")
    if log.empty:
        return
    load_id = int(log.iloc[0]["load_id"])
    problems = cache.app_query(cache.database(current), "load_problems", (("load_id", load_id),))
    st.subheader(f"Warnings from the latest load ({len(problems):,})")
    if problems.empty:
        st.success("The latest load raised no warnings.")
        return
    problem_table(problems, key=f"warnings-{load_id}")


def problem_table(problems: pd.DataFrame, key: str) -> None:
    """A problems report as a table, summarised by rule, with a CSV download of every row."""
    summary = (
        problems.groupby(["severity", "rule", "message"], dropna=False)
        .size()
        .rename("count")
        .reset_index()
        .sort_values("count", ascending=False)
    )
    labels = {
        "severity": "Severity",
        "rule": "Rule",
        "message": "What is wrong",
        "count": "Rows",
        "file": "File",
        "row_ref": "Row",
        "field": "Field",
        "value": "Value",
    }
    st.dataframe(summary, hide_index=True, width="stretch", column_config=labels)
    with st.expander("Every problem (file, row, field, value)"):
        st.dataframe(problems, hide_index=True, width="stretch", column_config=labels)
    st.download_button(
        "Download the report (CSV)",
        problems.to_csv(index=False).encode("utf-8"),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"download-{key}",
        on_click="ignore",
    )


#: The sources of load_coverage, as a performance team names them.
SOURCE_NAMES = {
    "ssda903": "SSDA903 (children in care, care leavers)",
    "cin_census": "CIN census",
    "annex_a_list1": "Annex A list 1 (contacts)",
    "annex_a_list8": "Annex A list 8 (children in care)",
    "annex_a_list9": "Annex A list 9 (care leavers)",
    "csww": "Children's social work workforce census",
    "visits": "Visits (local file)",
    "rhi": "Return home interviews (local file)",
    "health_assessments": "Health assessments (local file)",
    "workforce_monthly": "Monthly workforce extract (local file)",
    "child_attributes": "Child attributes (local file)",
}


def coverage_table(current: Settings) -> None:
    """What the loaded returns cover: each source's indicators run to its 'covered to' date."""
    table = cache.app_query(cache.database(current), "coverage", (("la_code", current.la_code),))
    if table.empty:
        st.info("No return is loaded for this authority yet.")
        return
    table = table.assign(source=table["source"].map(lambda s: SOURCE_NAMES.get(s, s)))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "source": "Return",
            "returns": st.column_config.NumberColumn("Loaded", help="years, snapshots, censuses or files"),
            "covers_from": st.column_config.DateColumn("Covers from", format="D MMM YYYY"),
            "covers_to": st.column_config.DateColumn("Covered to", format="D MMM YYYY"),
            "latest_kind": "Latest is a",
            "as_at_from": "Its date came from",
            "latest_file": "Latest file",
        },
    )
    st.caption(
        "Each indicator runs to the last month end its own returns cover; a later month shows its latest "
        "figure, dated. An in-year extract's date comes from `--as-at`, else a date in its file or folder "
        "name, else its latest date (the load warns)."
    )


def field_completeness(current: Settings) -> None:
    """Completeness of the key fields the indicators depend on."""
    table = cache.app_query(cache.database(current), "field_completeness", (("la_code", current.la_code),))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "return_table": "Return and table",
            "field": "Field",
            "n_rows": st.column_config.NumberColumn("Rows"),
            "n_filled": st.column_config.NumberColumn("With a value"),
            "pct_complete": st.column_config.ProgressColumn(
                "Complete", format="%.1f%%", min_value=0, max_value=100
            ),
        },
    )


def upload_extracts(current: Settings) -> None:
    """Upload extract files; check them, or load them all-or-nothing, through the same loaders as the CLI."""
    st.subheader("Check or load extract files")
    st.write(
        "Upload SSDA903 CSVs or XML, CIN census XML, Annex A list 1 (xlsx or csv) or workforce census "
        "files. **Check** runs every load check and writes nothing; **Load** loads them in one "
        "transaction: one error and nothing changes."
    )
    files = st.file_uploader("Extract files", accept_multiple_files=True, key="extract-upload")
    la_code = st.text_input(
        "LA code for files that do not name their LA (SSDA903 CSV, Annex A)",
        value=current.la_code,
        key="upload-la",
    )
    as_at_given = st.date_input(
        "As-at date of an in-year extract (leave empty for full returns, or when the file names carry it)",
        value=None,
        key="upload-as-at",
        format="DD/MM/YYYY",
    )
    as_at = as_at_given if isinstance(as_at_given, date) else None
    check, load = st.columns(2)
    do_check = check.button("Check files", disabled=not files, width="stretch")
    do_load = load.button("Load files", type="primary", disabled=not files, width="stretch")
    if not files or not (do_check or do_load):
        return
    loader = importlib.import_module("cscdash.extracts.loader")
    problems_module = importlib.import_module("cscdash.extracts.problems")
    with tempfile.TemporaryDirectory(prefix="cscdash-upload-") as folder:
        paths = []
        for uploaded in files:
            path = Path(folder) / Path(uploaded.name).name
            path.write_bytes(uploaded.getvalue())
            paths.append(path)
        if do_check:
            with st.spinner("Checking…"):
                result = loader.validate_paths(paths, la_code=la_code or None, as_at=as_at)
        else:
            bar = st.progress(0.0, text="Loading…")

            def progress(message: str, fraction: float) -> None:
                bar.progress(min(max(fraction, 0.0), 1.0), text=message)

            try:
                # the same function as `python -m cscdash load`: a new database file swapped in when done
                result = pipeline.load(
                    current.db_path,
                    paths,
                    la_code=la_code or None,
                    as_at=as_at,
                    progress=progress,
                    store=current.app_store,
                )
            except pipeline.LoadBusy as exc:
                bar.empty()
                st.error(str(exc))
                return
            bar.empty()
    problems = problems_module.problems_frame(result.problems)
    n_errors = int((problems["severity"] == "error").sum()) if not problems.empty else 0
    if result.ok and do_load and result.load_id is None:
        st.info("Nothing to change: every row of these files was already loaded.")
    elif result.ok and do_load:
        cache.clear_query_caches()
        st.success(
            f"Loaded {len(paths)} file(s) as load {result.load_id}, with {len(problems)} warning(s). "
            "Every page now shows the new figures."
        )
    elif result.ok:
        st.success(
            f"{len(paths)} file(s) pass every check ({len(problems)} warning(s)). Nothing was written."
        )
    else:
        st.error(f"{n_errors} error(s): nothing was loaded; the database is exactly as it was.")
    if not problems.empty:
        problem_table(problems, key="upload-report")


# ----------------------------------------------------------------------------- filters
@dataclass(frozen=True)
class Selection:
    """What the sidebar filters chose: the month, the breakdown for charts (or 'all')."""

    period_end: date
    breakdown: str


def _la_filter(current: Settings) -> Settings:
    """When several LAs are loaded, let the user pick one (kept across pages and in the URL); when the
    configured LA is not among those loaded, the first loaded one."""
    codes = cache.loaded_las(cache.database(current))
    if codes and current.la_code not in codes:  # CSCDASH_LA not set (or another LA's): show what is loaded
        current = replace(current, la_code=codes[0])
    if len(codes) <= 1:
        return current
    if current.la_code in codes:
        codes = [current.la_code] + [c for c in codes if c != current.la_code]
    chosen = st.sidebar.selectbox(
        "Local authority",
        codes,
        key="la",
        bind="query-params",
        persist_state="session",
        format_func=lambda code: la_name(current, code),
    )
    return replace(current, la_code=chosen or current.la_code)


def month_choice(current: Settings, page_ids: tuple[str, ...]) -> indicator_data.MonthChoice:
    """The month filter of a page: the months of its own indicators and of the Overview's headlines, and
    the headlines' default, so a month chosen on one page stays chosen on the next (a page whose sources
    end earlier shows each figure's latest month on its card, dated)."""
    key = cache.database(current)
    headline_ids = tuple(i.id for i in cache.catalogue().headlines())
    headlines = cache.indicator_months(key, headline_ids, current.la_code)
    own = cache.indicator_months(key, page_ids, current.la_code)
    months = tuple(sorted(set(headlines.months) | set(own.months), reverse=True))
    return indicator_data.MonthChoice(months, headlines.default or own.default)


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


# ----------------------------------------------------------------------------- indicator cards
_RAG_STYLE = {
    "green": ("#00703C", "#FFFFFF"),
    "amber": ("#FFDD00", "#0B0C0C"),
    "red": ("#D4351C", "#FFFFFF"),
    "grey": ("#F3F2F1", "#0B0C0C"),
}
_JUDGEMENT_COLOUR = {"better": "green", "worse": "red"}


def _delta(change: formatting.Change, against: str = "last month") -> tuple[str | None, str, str]:
    """(delta text, colour, arrow) for st.metric: 'down 0.3 points, worse'. The words say better or
    worse, so the colour is never the only signal; 'on last month' (or 'on last year') goes in
    the delta's description."""
    if change.judgement == "not_judged" and change.text.startswith("no comparison"):
        return None, "off", "off"
    words = {"better": ", better", "worse": ", worse"}.get(change.judgement, "")
    text = change.text.removesuffix(f" on {against}").replace(" points", " pts")
    arrow = "up" if text.startswith("up") else "down" if text.startswith("down") else "off"
    return text + words, _JUDGEMENT_COLOUR.get(change.judgement, "gray"), arrow


def rag_badge_html(rag: targets.Rag) -> str:
    """The RAG rating as a coloured pill with its symbol and words (never colour alone)."""
    background, text = _RAG_STYLE.get(rag.status, _RAG_STYLE["grey"])
    return (
        f'<span title="{html.escape(rag.detail)}" style="background:{background};color:{text};'
        f'border:1px solid #B1B4B6;border-radius:4px;padding:2px 8px;font-size:15px;white-space:nowrap">'
        f"{html.escape(rag.symbol)} {html.escape(rag.label)}</span>"
    )


def _svg_img(svg: str, label: str) -> str:
    """An inline SVG as an <img> (st.html sanitises bare <svg>), with its label as alt text."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    safe = html.escape(label)
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{safe}" title="{safe}" width="34" height="34">'


def _icons_html(f: indicator_summary.Facts) -> str:
    """The SPC icons (only where the catalogue lists SPC and it could run) and the RAG badge."""
    parts = ['<div style="display:flex;gap:8px;align-items:center;flex-wrap:wrap;font-size:15px">']
    if f.spc_shown:
        parts.append(_svg_img(charts.variation_icon_svg(f.variation, size=34), f.variation_label))
    if f.spc_shown and f.assurance and f.assurance_label:
        parts.append(_svg_img(charts.assurance_icon_svg(f.assurance, size=34), f.assurance_label))
    if f.rag.status != "grey":
        parts.append(rag_badge_html(f.rag))
    parts.append("</div>")
    return "".join(parts)


def indicator_card(f: indicator_summary.Facts, reasons: list[str] | None = None) -> None:
    """One indicator as a board reads it: title, value (n of N), period, changes, SPC icons, RAG."""
    with st.container(border=True):
        # the title as markdown, not the metric's label: a label is cut to one line, a board title is not
        st.markdown(f"**{f.indicator.title}**", help=f.indicator.definition)
        delta, colour, arrow = _delta(f.vs_previous, f.previous_label)
        st.metric(
            f.indicator.title,
            f.text,
            delta=delta,
            delta_color=colour,
            delta_arrow=arrow,
            delta_description=f"on {f.previous_label}" if delta else None,
            label_visibility="collapsed",
        )
        detail = [f.n_of_n] if f.n_of_n else []
        detail.append(f.period)
        if f.marker == formatting.LOW_RELIABILITY:
            detail.append("u = low reliability (fewer than 30 children)")
        if f.text == formatting.SUPPRESSED:
            detail.append(formatting.footnotes([formatting.SUPPRESSED])[0])
        elif f.note:
            detail.append(f"not available: {f.note}")
        st.caption(" · ".join(detail))
        if f.value is not None:
            if not f.indicator.is_annual:  # an annual figure's delta already compares with the year before
                year_words = {"better": " (better)", "worse": " (worse)"}.get(f.vs_year.judgement, "")
                st.caption(f"{f.vs_year.text.capitalize()}{year_words}")
            if f.spc_shown or f.rag.status != "grey":
                st.html(_icons_html(f))
        for reason in reasons or []:
            st.caption(f"Flagged: {reason}")


def card_grid(items: list[indicator_summary.Facts], columns: int = 3) -> None:
    """Cards in rows of ``columns``."""
    for start in range(0, len(items), columns):
        row = st.columns(columns, gap="small")
        for column, f in zip(row, items[start : start + columns], strict=False):
            with column:
                indicator_card(f)


# ----------------------------------------------------------------------------- service pages
def service_page(page_key: str, title: str) -> None:
    """A service page: filters, every catalogue indicator of the page as a card, then one indicator's
    charts, tables, definition and target on demand."""
    current = page_frame(title)
    try:
        page = cache.catalogue().page(page_key)
    except KeyError:
        st.info("This page's indicators are not in the catalogue yet.")
        return
    ids = tuple(i.id for i in page.indicators)
    selection = filters(
        month_choice(current, ids), sorted({b for i in page.indicators for b in i.breakdowns})
    )
    items = cache.card_facts(cache.database(current), ids, selection.period_end, current)
    st.caption(_comparison_note(current))
    card_grid(items)
    st.divider()
    indicator_explorer(list(page.indicators), items, selection, current)


def _comparison_note(current: Settings) -> str:
    try:
        return comparators.comparison_note(current.la_code, current.comparator_la_code)
    except KeyError:
        return "No published comparators for this LA."


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
    chosen = st.selectbox(
        "Indicator",
        list(by_id),
        index=list(by_id).index(first),
        key=f"explore-{indicators[0].page}",
        format_func=lambda i: by_id[i].title,
    )
    ind = by_id[chosen]
    frame = cache.indicator_frame(cache.database(current), ind.id, current.la_code)
    whole = indicator_data.series(frame, ind.id)
    shown = indicator_summary.shown_series(ind, whole, current)
    shown = shown[shown["period_end"] <= selection.period_end]
    # what SPC judges: a flow's single months (the same view's month_* columns), else the shown series
    points = indicator_summary.spc_series(ind, whole, current)
    points = points[points["period_end"] <= selection.period_end]
    single = indicator_summary.spc_on_single_months(ind, whole)
    stored = cache.stored_targets(cache.database(current), str(current.app_store))
    panels = {
        "Trend": lambda: trend_panel(ind, shown, current, points if single else None),
        "SPC": lambda: spc_panel(ind, points, selection, stored, single),
        "Breakdown": lambda: breakdown_panel(ind, frame, selection, current),
        "Compare with others": lambda: benchmark_panel(ind, frame, selection, current),
        "Definition": lambda: definition_panel(ind, current),
        "Target": lambda: target_editor(ind, current, selection),
    }
    if not indicator_summary.spc_applies(ind):  # the catalogue's charts list decides
        del panels["SPC"]
    tabs = st.tabs(list(panels), key=f"tabs-{ind.page}", on_change="rerun")
    for tab, draw in zip(tabs, panels.values(), strict=True):
        if tab.open is False:
            continue
        with tab:
            draw()


def chart_with_table(fig: go.Figure, key: str) -> None:
    """A chart, its 'view as table' and the CSV of the data behind it (same suppression as the chart)."""
    # no mode bar: it sits over the title, and a board reading a shared screen does not zoom
    st.plotly_chart(fig, width="stretch", key=f"chart-{key}", config={"displayModeBar": False})
    with st.expander("View as table"):
        st.dataframe(charts.figure_table(fig), hide_index=True, width="stretch")
    st.download_button(
        "Download the data (CSV)",
        charts.table_csv(fig),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"csv-{key}",
        on_click="ignore",
    )


def _benchmark_points(ind: Indicator, current: Settings) -> pd.DataFrame:
    if not ind.benchmark_measure:
        return pd.DataFrame(columns=["geography", "period_end", "value"])
    try:
        points = cache.benchmark_points(ind.benchmark_measure, current.la_code, current.comparator_la_code)
    except KeyError:
        return pd.DataFrame(columns=["geography", "period_end", "value"])
    points = points[points["series"] != "SN median"].dropna(subset=["value"])
    return points.rename(columns={"series": "geography"})[["geography", "period_end", "value"]]


def trend_panel(
    ind: Indicator, shown: pd.DataFrame, current: Settings, months: pd.DataFrame | None = None
) -> None:
    """The monthly trend with the year-end points and the published England/region/SN points (one
    point a year for an annual indicator). For a flow, ``months`` are its single-month figures, drawn
    lighter behind the 12-month line (the variation the SPC tab judges)."""
    points = indicator_summary.trend_points(ind, shown)
    data = points.dropna(subset=["value"]) if points["suppressed"].sum() == 0 else points
    if data.empty:
        st.info("No figures for this indicator yet.")
        return
    bench = _benchmark_points(ind, current)
    england = bench[bench["geography"] == "England"].sort_values("period_end")
    first = pd.Timestamp(data["period_end"].min())
    bench = bench[pd.to_datetime(bench["period_end"]) >= first]
    year_end = ind.year_end_month
    title = charts.message_title(
        ind.title,
        data,
        ind.unit,
        benchmark=float(england["value"].iloc[-1]) if not england.empty else None,
        benchmark_name=_england_name(england),
    )
    stored = cache.stored_targets(cache.database(current), str(current.app_store))
    target = indicator_summary.spc_target(
        ind, indicator_summary.target_in_force(ind, stored, data["period_end"].max())
    )
    fig = cache.figure(
        "trend_chart",
        data=data,
        unit=ind.unit,
        title=title,
        benchmarks=bench,
        target=target,
        series_name=_series_name(ind),
        year_end_month=year_end,
        single_months=months,
        months_on_own_axis=ind.single_month_kind == "share",
    )
    chart_with_table(fig, f"trend-{ind.id}")
    if not bench.empty:
        st.caption(_comparison_note(current) + " Published annual figures; SN = statistical neighbours.")


def _series_name(ind: Indicator) -> str:
    """The trend line's legend entry."""
    if ind.is_annual:  # the year-end markers carry 'Year to 31 March'; the line joins the years
        return "Annual figures"
    return "12 months to month end" if ind.is_flow else "At month end"


def _england_name(england: pd.DataFrame) -> str:
    """'England 2025' for the latest published England point ('' when there is none)."""
    return f"England {pd.Timestamp(england['period_end'].iloc[-1]):%Y}" if not england.empty else ""


def spc_panel(
    ind: Indicator, shown: pd.DataFrame, selection: Selection, stored: pd.DataFrame, single: bool = False
) -> None:
    """The XmR chart of the 36 months to the chosen month (every year for an annual indicator); limits
    can be recalculated from a month. Says why instead when SPC does not apply. ``single``: ``shown`` holds
    a flow's single-month figures (what SPC judges for a flow), and the chart and caption say so."""
    if not indicator_summary.spc_applies(ind):
        st.info("No SPC chart for this indicator: the catalogue does not list one.")
        return
    window = indicator_summary.spc_window(ind, shown, selection.period_end)
    needed = indicator_summary.spc_points_needed()
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
    target = indicator_summary.spc_target(
        ind, indicator_summary.target_in_force(ind, stored, selection.period_end), single_month=single
    )
    result = indicator_summary.spc_result(ind, shown, selection.period_end, target, breaks)
    if result is None:  # guarded above; kept so a change of rule cannot draw a chart of nothing
        st.info("No SPC chart for this indicator.")
        return
    title = f"{ind.title}: statistical process control"
    if single:
        title = f"{ind.title}, each calendar month on its own: statistical process control"
    fig = cache.figure("spc_chart", result=result, unit=ind.unit, title=title)
    chart_with_table(fig, f"spc-{ind.id}")
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
        small = indicator_summary.small_months(ind, shown, selection.period_end)
        if small:
            st.info(
                f"In {small} of these months there were fewer than {indicator_summary.SMALL_MONTH} "
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


def breakdown_panel(ind: Indicator, frame: pd.DataFrame, selection: Selection, current: Settings) -> None:
    """The chosen breakdown at the chosen month, suppressed by the display mode."""
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
        data = formatting.suppress_breakdown(counts, current.display_mode, current.suppression_threshold)
    else:
        data = indicator_summary.shown_series(ind, rows, current)
    period = indicator_summary.period_text(ind, selection.period_end)
    title = f"{ind.title} by {breakdown_label(name).lower()}, {period}"
    chart_with_table(
        cache.figure("breakdown_chart", data=data, unit=ind.unit, title=title), f"breakdown-{ind.id}-{name}"
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
    st.caption(f"{data.scope}. {_comparison_note(current)}")


def definition_panel(ind: Indicator, current: Settings) -> None:
    """The catalogue definition beside the SQL view's header, so the board reads what computes the figure."""
    st.markdown(definition_markdown(ind))
    header = cache.view_headers(cache.database(current)).get(ind.id)
    if header:
        st.caption("How the figure is computed (the SQL view's header):")
        st.code(header, language="text")


def definition_markdown(ind: Indicator) -> str:
    """The definition panel's text."""
    lines = [
        f"**{ind.title}** (`{ind.id}`)",
        "",
        ind.definition,
        "",
        f"- **Counted (numerator):** {ind.numerator}",
    ]
    if ind.denominator:
        lines.append(f"- **Out of (denominator):** {ind.denominator}")
    polarity = {
        "higher_is_better": "higher is better",
        "lower_is_better": "lower is better",
        "neutral": "neither higher nor lower is better",
        "band": "best inside a range" + (f" ({ind.band.lower:g} to {ind.band.upper:g})" if ind.band else ""),
    }[ind.polarity]
    lines += [
        f"- **Unit:** {formatting.unit_of(ind.unit).axis_title.lower()}; {polarity}",
        f"- **Period:** {_period_kind(ind)}",
        f"- **Source:** {ind.source_return}",
        f"- **Published comparator:** {ind.benchmark_measure or 'none'}",
    ]
    if ind.notes:
        lines.append(f"- **Notes:** {ind.notes}")
    return "\n".join(lines)


def _period_kind(ind: Indicator) -> str:
    return indicator_summary.period_description(ind)


def target_editor(ind: Indicator, current: Settings, selection: Selection) -> None:
    """The target in force and a form for analysts to change it; each change is kept in the database
    with who, when and why (the audit log on the Data quality page)."""
    stored = cache.stored_targets(cache.database(current), str(current.app_store))
    target = indicator_summary.target_in_force(ind, stored, selection.period_end)
    if target is None:
        st.write("No target is set for this indicator.")
    else:
        band = f" to {target.target_upper:g}" if target.target_upper is not None else ""
        st.write(
            f"Target {target.target:g}{band}, intervention level {target.intervention:g}"
            + (f" to {target.intervention_upper:g}" if target.intervention_upper is not None else "")
            + f", from {target.from_date:%-d %b %Y}. Source: {target.source}"
        )
    with st.expander("Change the target (analysts)"), st.form(f"target-form-{ind.id}"):
        from_date = st.date_input("In force from", value=date(selection.period_end.year, 4, 1))
        target_value = st.number_input("Target", value=target.target if target else 0.0)
        intervention = st.number_input("Intervention level", value=target.intervention if target else 0.0)
        upper, upper_intervention = None, None
        if ind.polarity == "band":
            upper = st.number_input("Target (upper end)", value=target.target_upper if target else 0.0)
            upper_intervention = st.number_input(
                "Intervention level (upper end)", value=target.intervention_upper if target else 0.0
            )
        who = st.text_input("Your name")
        why = st.text_input("Reason for the change")
        if st.form_submit_button("Save the target"):
            try:
                change_id = targets.edit_target(
                    current.app_store,
                    targets.seed_targets(cache.cursor(current)),
                    ind.id,
                    from_date,
                    target_value,
                    intervention,
                    upper,
                    upper_intervention,
                    changed_by=who,
                    reason=why,
                )
            except ValueError as exc:
                st.error(str(exc))
            else:
                cache.clear_query_caches()
                st.success(f"Saved (change {change_id} in the audit log).")


def target_audit_log(current: Settings) -> None:
    """Every target change, newest first."""
    log = cache.target_audit(str(current.app_store))
    if log.empty:
        st.info("No target has been changed in the app yet.")
        return
    st.dataframe(log, hide_index=True, width="stretch")


# ----------------------------------------------------------------------------- overview
def overview_page(title: str) -> None:
    """Every headline indicator as a card grouped by service; what needs attention listed first; the
    distance travelled over one and three years."""
    current = page_frame(title)
    catalogue = cache.catalogue()
    headlines = catalogue.headlines()
    ids = tuple(i.id for i in headlines)
    selection = filters(month_choice(current, ids), [])
    items = cache.card_facts(cache.database(current), ids, selection.period_end, current)
    st.caption(_comparison_note(current))
    st.subheader("Needs attention")
    flagged = overview.attention_order(items)
    if not flagged:
        st.success("No headline indicator is off target, flagged by SPC or much changed on last year.")
    st.markdown(_attention_list(flagged[:ATTENTION_SHOWN]))
    if len(flagged) > ATTENTION_SHOWN:
        with st.expander(f"{len(flagged) - ATTENTION_SHOWN} more flagged"):
            st.markdown(_attention_list(flagged[ATTENTION_SHOWN:]))
    titles = {p.key: p.title for p in catalogue.pages}
    for page in _in_navigation_order(catalogue.pages):
        group = [f for f in items if f.indicator.page == page.key]
        if group:
            st.subheader(page.title)
            card_grid(group)
    st.subheader("Distance travelled")
    st.caption("Each headline figure now, a year before and three years before, judged by its polarity.")
    st.dataframe(overview.distance_travelled(items, titles), hide_index=True, width="stretch")


#: How many flagged indicators the overview lists before "N more" (a board reads the first few).
ATTENTION_SHOWN = 5


def _attention_list(items: list[indicator_summary.Facts]) -> str:
    return "\n".join(
        f"- **{f.indicator.title}**: {f.text} ({f.period}) — {'; '.join(overview.attention_reasons(f))}"
        for f in items
    )


def _in_navigation_order(pages: tuple) -> list:
    """Catalogue pages in the order the navigation lists them (then any others by name)."""
    order = {spec.catalogue: n for n, spec in enumerate(PAGES) if spec.catalogue}
    return sorted(pages, key=lambda page: (order.get(page.key, len(order)), page.key))


# ----------------------------------------------------------------------------- definitions
def definitions_page(title: str) -> None:
    """Every catalogue indicator's definition, searchable, with the SQL header that computes it."""
    current = page_frame(title)
    catalogue = cache.catalogue()
    query = st.text_input("Search the definitions", key="definition-search", placeholder="e.g. re-referral")
    headers = cache.view_headers(cache.database(current))
    words = query.lower().split()
    shown = 0
    for page in _in_navigation_order(catalogue.pages):
        matches = [
            ind
            for ind in page.indicators
            if all(w in _searchable(ind, headers.get(ind.id, "")) for w in words)
        ]
        if not matches:
            continue
        st.subheader(page.title)
        for ind in matches:
            shown += 1
            with st.expander(f"{ind.title} ({ind.id})"):
                st.markdown(definition_markdown(ind))
                if headers.get(ind.id):
                    st.caption("How the figure is computed (the SQL view's header):")
                    st.code(headers[ind.id], language="text")
    st.caption(f"{shown} of {len(catalogue.ids())} indicators shown.")


def _searchable(ind: Indicator, header: str) -> str:
    return " ".join(
        [ind.id, ind.title, ind.definition, ind.numerator, ind.denominator or "", ind.source_return, header]
    ).lower()
