"""The Data quality page's blocks: what the loaded returns cover, the load log and its warnings, the
completeness of key fields, and the upload that checks or loads a council's own files."""

from __future__ import annotations

import importlib
import json
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from cscdash import cache, pipeline
from cscdash.extracts import local
from cscdash.roles import permissions
from cscdash.safe_export import safe_csv
from cscdash.settings import Settings


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
        safe_csv(problems).encode("utf-8"),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"download-{key}",
        on_click="ignore",
    )


#: The statutory sources of load_coverage, as a performance team names them (local sources are named by
#: their specs: cscdash.extracts.local.source_titles).
SOURCE_NAMES = {
    "ssda903": "SSDA903 (children in care, care leavers)",
    "cin_census": "CIN census",
    "annex_a_list1": "Annex A list 1 (contacts)",
    "annex_a_list8": "Annex A list 8 (children in care)",
    "annex_a_list9": "Annex A list 9 (care leavers)",
    "csww": "Children's social work workforce census",
}


def coverage_table(current: Settings) -> None:
    """What the loaded returns cover: each source's indicators run to its 'covered to' date."""
    table = cache.app_query(cache.database(current), "coverage", (("la_code", current.la_code),))
    if table.empty:
        st.info("No return is loaded for this authority yet.")
        return
    names = {**SOURCE_NAMES, **local.source_titles()}
    table = table.assign(source=table["source"].map(lambda s: names.get(s, s)))
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
    if not permissions(current.role).loads_extracts:
        st.info(f"Loading extracts is for analysts; this session's role is {current.role}.")
        return
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
