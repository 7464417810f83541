"""Streamlit building blocks that pages lay out. The other module allowed to import streamlit.

Pages hold no SQL, arithmetic or Plotly calls: they call these components.
"""

from __future__ import annotations

import importlib
import json
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from cscdash import cache
from cscdash.settings import DEMO_LA_NAME, Settings

SYNTHETIC_BANNER = (
    "**SYNTHETIC DATA** — Wessex Vale Council is a fictional authority. Every child, worker and figure "
    "on this page is made up by the demo generator; no real child's data is shown."
)


def page_frame(title: str) -> Settings:
    """The frame every page starts with: the demo check, the title, the synthetic banner and the
    data-as-at line. Returns the settings the page should use."""
    current = cache.settings()
    cache.ensure_database(current)
    st.title(title)
    if current.is_demo:
        st.warning(SYNTHETIC_BANNER, icon=":material/science:")
    st.caption(_as_at_line(current))
    return current


def _as_at_line(current: Settings) -> str:
    """'Wessex Vale Council (synthetic data) · data to 31 Oct 2026 · loaded … · board mode'."""
    data_month_end, last_load = cache.data_as_at(str(current.db_path), current.la_code)
    la_name = DEMO_LA_NAME if current.is_demo else current.la_code
    parts = [la_name]
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
    log = cache.app_query(str(current.db_path), "load_log")
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
    log = cache.app_query(str(current.db_path), "load_log")
    if log.empty:
        return
    load_id = int(log.iloc[0]["load_id"])
    problems = cache.app_query(str(current.db_path), "load_problems", (("load_id", load_id),))
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
    st.dataframe(summary, hide_index=True, width="stretch")
    with st.expander("Every problem (file, row, field, value)"):
        st.dataframe(problems, hide_index=True, width="stretch")
    st.download_button(
        "Download the report (CSV)",
        problems.to_csv(index=False).encode("utf-8"),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"download-{key}",
        on_click="ignore",
    )


def field_completeness(current: Settings) -> None:
    """Completeness of the key fields the indicators depend on."""
    table = cache.app_query(str(current.db_path), "field_completeness", (("la_code", current.la_code),))
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
        with st.spinner("Checking…" if do_check else "Loading…"):
            if do_check:
                result = loader.validate_paths(paths, la_code=la_code or None)
            else:
                result = loader.load_paths(cache.cursor(current), paths, la_code=la_code or None)
    problems = problems_module.problems_frame(result.problems)
    n_errors = int((problems["severity"] == "error").sum()) if not problems.empty else 0
    if result.ok and do_load:
        cache.clear_query_caches()
        st.success(f"Loaded {len(paths)} file(s) as load {result.load_id}, with {len(problems)} warning(s).")
    elif result.ok:
        st.success(
            f"{len(paths)} file(s) pass every check ({len(problems)} warning(s)). Nothing was written."
        )
    else:
        st.error(f"{n_errors} error(s): nothing was loaded; the database is exactly as it was.")
    if not problems.empty:
        problem_table(problems, key="upload-report")
