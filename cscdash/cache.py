"""Everything the app caches: settings, the database connection and query results.

One of the two modules allowed to import streamlit (with components.py). ``st.cache_resource`` holds
the DuckDB connection (one per database file, shared by every session); ``st.cache_data`` holds query
results, keyed on their arguments. On a fresh clone the first visitor sees the synthetic demo being
built with a progress bar (``ensure_database``).
"""

from __future__ import annotations

import threading
from datetime import date, datetime

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cscdash import benchmark_bars, bootstrap, charts, db, indicator_data, indicator_summary, targets
from cscdash.benchmarks import comparators
from cscdash.catalogue import Catalogue, Indicator, load_catalogue
from cscdash.settings import QUERIES_DIR, Settings, load_settings

APP_QUERIES = QUERIES_DIR / "app"


def settings() -> Settings:
    """Settings from the environment and, when a secrets file exists, ``st.secrets``.

    Reading ``st.secrets`` raises when there is no secrets file: the app must run without one.
    """
    try:
        secrets = dict(st.secrets)
    except Exception:  # no secrets.toml, or an unreadable one: defaults and environment only
        secrets = {}
    return load_settings(secrets)


@st.cache_resource(show_spinner=False)
def _build_lock() -> threading.Lock:
    """One lock per server process, so two first visitors do not build the demo twice at once."""
    return threading.Lock()


def ensure_database(current: Settings) -> None:
    """Build the synthetic demo database on first run, showing progress; otherwise do nothing."""
    if bootstrap.database_is_ready(current.db_path):
        return
    with _build_lock():
        if bootstrap.database_is_ready(current.db_path):
            return
        with st.status(
            "First run: building the synthetic demo authority (about a minute)…", expanded=True
        ) as status:
            st.write(
                "Generating fictional child-level extracts for Wessex Vale Council, loading them "
                "through the same checks as a council's own files, and computing every indicator."
            )
            bar = st.progress(0.0, text="Starting")

            def progress(message: str, fraction: float) -> None:
                bar.progress(min(max(fraction, 0.0), 1.0), text=message)

            bootstrap.ensure_database(current, progress)
            status.update(label="Synthetic demo authority ready", state="complete", expanded=False)


@st.cache_resource(show_spinner=False)
def connection(db_path: str) -> duckdb.DuckDBPyConnection:
    """The app's connection to one database file, shared across sessions (DuckDB is thread-safe
    through cursors: use :func:`cursor` for each query)."""
    return db.connect(db_path)


def cursor(current: Settings) -> duckdb.DuckDBPyConnection:
    """A cursor on the shared connection, for one thread's queries."""
    return connection(str(current.db_path)).cursor()


@st.cache_data(show_spinner=False, ttl=600)
def data_as_at(db_path: str, la_code: str) -> tuple[date | None, datetime | None]:
    """(latest month end in the loaded extracts, time of the last load) for the page header."""
    cur = connection(db_path).cursor()
    row = cur.execute(db.read_sql(APP_QUERIES / "data_as_at.sql"), {"la_code": la_code}).fetchall()
    return (row[0][0], row[0][1]) if row else (None, None)


@st.cache_data(show_spinner=False, ttl=600)
def app_query(db_path: str, name: str, params: tuple[tuple[str, object], ...] = ()) -> pd.DataFrame:
    """The result of ``queries/app/<name>.sql`` with named parameters (a tuple of pairs, so it hashes)."""
    cur = connection(db_path).cursor()
    return cur.execute(db.read_sql(APP_QUERIES / f"{name}.sql"), dict(params)).df()


@st.cache_resource(show_spinner=False)
def catalogue() -> Catalogue:
    """The indicator catalogue, loaded (and checked) once per server process."""
    return load_catalogue()


@st.cache_data(show_spinner=False, max_entries=500)
def indicator_frame(db_path: str, indicator_id: str, la_code: str) -> pd.DataFrame:
    """Every row of one indicator view for one LA (cached per indicator, so the overview and the
    service pages share the reads; cleared after a load)."""
    return indicator_data.read_indicator(connection(db_path).cursor(), indicator_id, la_code)


def indicators_frame(db_path: str, indicator_ids: tuple[str, ...], la_code: str) -> pd.DataFrame:
    """Several indicators' rows stacked (each read through the per-indicator cache)."""
    return indicator_data.combine(indicator_frame(db_path, i, la_code) for i in indicator_ids)


@st.cache_data(show_spinner=False, max_entries=100)
def indicator_months(db_path: str, indicator_ids: tuple[str, ...], la_code: str) -> list[date]:
    """Month ends with a whole-LA value in any of these indicators, newest first (the month filter)."""
    return indicator_data.month_ends(
        indicator_data.combine(
            indicator_data.series(indicator_frame(db_path, i, la_code), i) for i in indicator_ids
        )
    )


@st.cache_data(show_spinner=False, max_entries=200)
def card_facts(
    db_path: str, indicator_ids: tuple[str, ...], period_end: date, current: Settings
) -> list[indicator_summary.Facts]:
    """The cards of these indicators for one month, in the settings' display mode (cached, so a page
    revisited or a filter set back costs nothing)."""
    entries = catalogue()
    stored = stored_targets(db_path)
    return [
        indicator_summary.facts(
            entries[i],
            indicator_data.series(indicator_frame(db_path, i, current.la_code), i),
            period_end,
            current,
            stored,
        )
        for i in indicator_ids
    ]


@st.cache_data(show_spinner=False, max_entries=200)
def benchmark_points(measure: str, la_code: str, comparator_la_code: str) -> pd.DataFrame:
    """Published annual England/region/SN points for a trend chart (about half a second uncached)."""
    return comparators.benchmark_points(measure, la_code, demo_comparator=comparator_la_code)


@st.cache_data(show_spinner=False, max_entries=200)
def comparator_table(measure: str, la_code: str, comparator_la_code: str) -> pd.DataFrame:
    """The LA's published series beside its neighbours, region and England, one row per year."""
    return comparators.comparators(measure, la_code, demo_comparator=comparator_la_code)


@st.cache_data(show_spinner=False, max_entries=200)
def benchmark_bar_data(
    indicator: Indicator,
    published: pd.DataFrame,
    frame: pd.DataFrame,
    year: int,
    current: Settings,
    neighbours_only: bool,
) -> benchmark_bars.BarData:
    """The benchmark bar chart's rows (cached: every LA ranked for one year)."""
    return benchmark_bars.bar_data(indicator, published, frame, year, current, neighbours_only)


@st.cache_data(show_spinner=False, max_entries=300)
def figure(kind: str, **arguments: object) -> go.Figure:
    """A chart from cscdash.charts (``kind`` is the builder's name), cached on its arguments: building a
    Plotly figure costs a few hundred milliseconds, and a board flicks between the same few."""
    return getattr(charts, kind)(**arguments)


@st.cache_data(show_spinner=False, ttl=600)
def loaded_las(db_path: str) -> list[str]:
    """LA codes with loaded extracts."""
    return indicator_data.loaded_la_codes(connection(db_path).cursor())


@st.cache_data(show_spinner=False)
def view_headers(db_path: str) -> dict[str, str]:
    """View name -> its SQL header (COMMENT ON VIEW), for the definition panels."""
    return db.view_comments(connection(db_path).cursor())


@st.cache_data(show_spinner=False, ttl=600)
def stored_targets(db_path: str) -> pd.DataFrame:
    """Every stored target (cleared when an analyst edits one)."""
    cur = connection(db_path).cursor()
    if "targets" not in db.table_names(cur):
        return pd.DataFrame(columns=targets.TARGET_COLUMNS)
    return targets.targets_table(cur)


@st.cache_data(show_spinner=False, ttl=600)
def target_audit(db_path: str) -> pd.DataFrame:
    """The audit log of target edits, newest first."""
    cur = connection(db_path).cursor()
    if "target_changes" not in db.table_names(cur):
        return pd.DataFrame()
    return targets.target_changes(cur)


def clear_query_caches() -> None:
    """Forget every cached query result (after a load or a target change)."""
    st.cache_data.clear()
