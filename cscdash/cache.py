"""Everything the app caches: settings, the database connection and query results.

With the components package, the only code allowed to import streamlit. ``st.cache_resource`` holds
the DuckDB connection (read-only: one per database file version, shared by every session);
``st.cache_data`` holds query results, keyed on their arguments. On a fresh clone the first visitor sees
the synthetic demo being built with a progress bar (``ensure_database``).

**A load while the app runs.** A load never writes the file the app reads: it builds a new file and
renames it over the old one (:mod:`cscdash.pipeline`). Every cached read is keyed on :func:`database`,
the path *and* the identity of the file now at that path (inode and modification time), checked at each
call. After a load the key changes, so the next interaction opens the new file and reads fresh results:
never a half-loaded state, never a restart. What people write goes to the app store
(:mod:`cscdash.app_store`), read with a short time-to-live so that other app processes see edits within
a minute.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cscdash import (
    app_store,
    benchmark_bars,
    bootstrap,
    charts,
    child_lists,
    db,
    exception_lists,
    indicator_data,
    indicator_figures,
    indicator_summary,
    partnership,
    pipeline,
    targets,
)
from cscdash.benchmarks import comparators
from cscdash.board_pack.content import PackContent, build_content
from cscdash.catalogue import Catalogue, Indicator, load_catalogue
from cscdash.roles import permissions
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


@st.cache_data(show_spinner=False, max_entries=20)
def _nothing_to_build(key: str, is_demo: bool) -> bool:
    """True when the database file (this version of it) is loaded and, for the demo, built by this
    version's SQL; checked once per file version, not on every page run."""
    path = Path(_path_of(key))
    if not bootstrap.database_is_ready(path):
        return False
    return not is_demo or bootstrap.database_is_current(path)


def ensure_database(current: Settings) -> None:
    """Build the synthetic demo database on first run (or rebuild its views after an upgrade), showing
    progress; otherwise do nothing. A council's database is never written here."""
    if _nothing_to_build(database(current), current.is_demo):
        return
    if not current.is_demo:  # a council's database that has not been loaded yet: say how, never build
        st.error(
            f"No extracts are loaded in {current.db_path} yet. Load your returns with "
            f"`python -m cscdash load exports/ --la {current.la_code} --db {current.db_path}` "
            '(see the README\'s "Loading your own extracts"), then reload this page.'
        )
        st.stop()
    with _build_lock():
        if _nothing_to_build(database(current), current.is_demo):
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


def database(current: Settings) -> str:
    """The key of the database as it is now: ``<path>#<inode>-<mtime>``. A load swaps in a new file, which
    changes the key, so every cached read below is fresh after a load."""
    path = Path(current.db_path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return f"{path}#missing"
    return f"{path}#{stat.st_ino}-{stat.st_mtime_ns}"


def _path_of(key: str) -> str:
    return key.rsplit("#", 1)[0]


@st.cache_resource(show_spinner=False, max_entries=3)
def connection(key: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to one version of the database file, shared across sessions (queries go
    through :func:`_cursor`, one per thread). Read-only, so a load in another process is never blocked by
    the app and the app can never write the indicator database; opened with cscdash.db.connect_reader so
    that a new file at the same path is really opened. Old versions drop out as new ones arrive."""
    return db.connect_reader(_path_of(key))


def _cursor(key: str) -> duckdb.DuckDBPyConnection:
    return db.reader_cursor(connection(key))


def cursor(current: Settings) -> duckdb.DuckDBPyConnection:
    """A cursor on the shared connection to the current database file, for one thread's queries."""
    return _cursor(database(current))


@st.cache_data(show_spinner=False)
def database_is_current(key: str) -> bool:
    """True when the database was built by this version's SQL and reference files (else the page header
    says how to rebuild it)."""
    return pipeline.is_current(_cursor(key))


@st.cache_data(show_spinner=False)
def data_as_at(key: str, la_code: str) -> tuple[date | None, datetime | None]:
    """(latest month end the loaded returns cover, time of the last load) for the page header."""
    cur = _cursor(key)
    row = cur.execute(db.read_sql(APP_QUERIES / "data_as_at.sql"), {"la_code": la_code}).fetchall()
    return (row[0][0], row[0][1]) if row else (None, None)


@st.cache_data(show_spinner=False)
def app_query(key: str, name: str, params: tuple[tuple[str, object], ...] = ()) -> pd.DataFrame:
    """The result of ``queries/app/<name>.sql`` with named parameters (a tuple of pairs, so it hashes)."""
    cur = _cursor(key)
    return cur.execute(db.read_sql(APP_QUERIES / f"{name}.sql"), dict(params)).df()


@st.cache_data(show_spinner=False, max_entries=50, ttl=900)
def child_rows(
    key: str,
    role: str,
    teams: tuple[str, ...],
    list_id: str,
    period_end: date,
    la_code: str,
    breakdown: str | None = None,
    value: str | None = None,
) -> pd.DataFrame:
    """The children behind a figure (:func:`cscdash.child_lists.child_list`) or a "My teams" list, for a
    role: checked here, where the rows are read, and part of the cache key, so a board session can never
    be handed rows cached for someone else; a manager's rows are only their own teams'."""
    allowed = permissions(role)
    if not allowed.sees_children:
        raise PermissionError(f"the {role} role sees no child-level rows")
    restrict = None if allowed.sees_every_child else teams
    cur = _cursor(key)
    if list_id in exception_lists.lists():
        return exception_lists.rows(cur, list_id, period_end, la_code, restrict)
    return child_lists.child_list(cur, list_id, period_end, la_code, breakdown, value, restrict)


@st.cache_resource(show_spinner=False)
def catalogue() -> Catalogue:
    """The indicator catalogue, loaded (and checked) once per server process."""
    return load_catalogue()


@st.cache_data(show_spinner=False, max_entries=500)
def indicator_frame(key: str, indicator_id: str, la_code: str) -> pd.DataFrame:
    """Every row of one indicator view for one LA (cached per indicator and database version, so the
    overview and the service pages share the reads, and a load's new file is read afresh)."""
    return indicator_data.read_indicator(_cursor(key), indicator_id, la_code)


@st.cache_data(show_spinner=False, max_entries=20)
def partnership_view(key: str, indicator_id: str, current: Settings) -> partnership.View:
    """What the Partnership page shows of one indicator (:class:`cscdash.partnership.View`), from one read
    of the view for every loaded LA (one read per authority was 150 queries at 150 authorities): cached
    whole, since disclosing 150 series took a second on every rerun."""
    frames = indicator_data.by_authority(indicator_data.read_indicator(_cursor(key), indicator_id, None))
    empty = indicator_data.empty_frame()  # an authority without rows stays in: the total needs every one
    series = {code: indicator_data.series(frames.get(code, empty), indicator_id) for code in loaded_las(key)}
    return partnership.view(catalogue()[indicator_id], series, current)


def indicators_frame(key: str, indicator_ids: tuple[str, ...], la_code: str) -> pd.DataFrame:
    """Several indicators' rows stacked (each read through the per-indicator cache)."""
    return indicator_data.combine(indicator_frame(key, i, la_code) for i in indicator_ids)


@st.cache_data(show_spinner=False, max_entries=100)
def indicator_months(key: str, indicator_ids: tuple[str, ...], la_code: str) -> indicator_data.MonthChoice:
    """The month filter's options (month ends with a whole-LA value in any of these indicators, newest
    first) and its default (the latest month most of them cover)."""
    return indicator_data.month_choice(
        [indicator_data.series(indicator_frame(key, i, la_code), i) for i in indicator_ids]
    )


def page_months(key: str, page_ids: tuple[str, ...], la_code: str) -> indicator_data.MonthChoice:
    """A page's month filter: the months of its own indicators and of the Overview's headlines, and the
    headlines' default, so a month chosen on one page stays chosen on the next (a page whose sources end
    earlier shows each figure's latest month on its card, dated)."""
    headline_ids = tuple(i.id for i in catalogue().headlines())
    headlines = indicator_months(key, headline_ids, la_code)
    own = indicator_months(key, page_ids, la_code)
    months = tuple(sorted(set(headlines.months) | set(own.months), reverse=True))
    return indicator_data.MonthChoice(months, headlines.default or own.default)


def shown_la(current: Settings, codes: list[str]) -> Settings:
    """The settings of the LA shown before anyone picks one: the configured LA when it is loaded, else
    the first loaded (``CSCDASH_LA`` not set, or another LA's)."""
    return replace(current, la_code=codes[0]) if codes and current.la_code not in codes else current


@st.cache_data(show_spinner=False, max_entries=200)
def card_facts(
    key: str, indicator_ids: tuple[str, ...], period_end: date, current: Settings
) -> list[indicator_summary.Facts]:
    """The cards of these indicators for one month, in the settings' display mode (cached, so a page
    revisited or a filter set back costs nothing)."""
    entries = catalogue()
    stored = stored_targets(key, str(current.app_store))
    return [
        indicator_summary.facts(
            entries[i],
            indicator_data.series(indicator_frame(key, i, current.la_code), i),
            period_end,
            current,
            stored,
        )
        for i in indicator_ids
    ]


@st.cache_data(show_spinner=False, max_entries=20)
def pack_content(
    key: str,
    period_end: date,
    set_name: str,
    current: Settings,
    store_stamp: tuple[int, ...],
    with_charts: bool = False,
) -> PackContent:
    """A board pack's content (scorecard, indicator pages, exception reports) for a month and running order
    (cached; ``store_stamp``, the app store's :func:`store_stamp`, makes new commentary show at once)."""
    return build_content(
        _cursor(key), catalogue(), current, current.app_store, period_end, set_name, charts_wanted=with_charts
    )


def store_stamp(current: Settings) -> tuple[int, ...]:
    """A cache key for what people wrote that a board pack shows (:func:`cscdash.app_store.content_stamp`).
    It was the store file's modification time, which every opening of a child list changed (the audit
    log is in the store): each one made the next scorecard visitor build the pack's content again, 25 s
    at 150 authorities with twenty people in the app."""
    return app_store.content_stamp(current.app_store)


@st.cache_data(show_spinner=False, max_entries=200)
def benchmark_points(measure: str | None, la_code: str, comparator_la_code: str) -> pd.DataFrame:
    """Published annual England/region/SN-average points for a trend chart (about half a second
    uncached)."""
    return indicator_figures.benchmark_points(measure, la_code, comparator_la_code)


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


@st.cache_data(show_spinner=False)
def loaded_las(key: str) -> list[str]:
    """LA codes with loaded extracts."""
    return indicator_data.loaded_la_codes(_cursor(key))


@st.cache_data(show_spinner=False)
def la_names(key: str) -> dict[str, str]:
    """LA code -> name (data/reference/la_codes.csv, loaded as ref_la)."""
    frame = app_query(key, "la_names")
    return dict(zip(frame["la_code"], frame["la_name"], strict=True))


@st.cache_data(show_spinner=False)
def view_headers(key: str) -> dict[str, str]:
    """View name -> its SQL header (COMMENT ON VIEW), for the definition panels."""
    return db.view_comments(_cursor(key))


@st.cache_data(show_spinner=False, ttl=60)
def stored_targets(key: str, store: str) -> pd.DataFrame:
    """Every target in force: the database's seed targets overlaid by the edits in the app store (read
    again within a minute, so edits made in another app process show; cleared at once after an edit here)."""
    seeds = targets.seed_targets(_cursor(key))
    return targets.targets_in_force(seeds, app_store.target_edits(store))


@st.cache_data(show_spinner=False, ttl=60)
def target_audit(store: str) -> pd.DataFrame:
    """The audit log of target edits, newest first."""
    return targets.target_changes(store)


def clear_query_caches() -> None:
    """Forget every cached query result (after a load or a target change)."""
    st.cache_data.clear()
