"""The children behind a number, on screen: the "Children" tab of an indicator and the lists of the "My
teams" page. Only for roles that may see children (never a board member: the tab and the page are not
drawn, and :func:`cscdash.cache.child_rows` refuses the read); a manager sees only their own teams.
Every opening and download is written to the app store's audit log."""

from __future__ import annotations

import getpass
from datetime import date, datetime
from functools import partial

import duckdb
import pandas as pd
import streamlit as st

from cscdash import app_store, cache, child_lists, exception_lists
from cscdash.catalogue import Indicator
from cscdash.components.frame import breakdown_label
from cscdash.components.identity import role_table
from cscdash.roles import permissions
from cscdash.safe_export import safe_csv, safe_xlsx
from cscdash.settings import Settings

#: The session key of the Children tab's month (a click on a chart's point sets it).
MONTH_KEY = "children-month-{indicator}"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOW = {"all": "Every row", "in": "In the numerator", "out": "Not in the numerator"}


def who(current: Settings) -> str:
    """Who is reading, for the audit log: the signed-in account, else the local install's user."""
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("name"))
    except Exception:  # no sign-in configured: a local install
        pass
    return f"{getpass.getuser()} (local install)"


def audit(
    current: Settings, action: str, list_id: str, period_end: date, count: int, **where: object
) -> None:
    """Write one opening or download to the audit log (an opening once per session and selection)."""
    record = {
        "at": datetime.now().isoformat(timespec="seconds"),
        "who": who(current),
        "role": current.role,
        "action": action,
        "list_id": list_id,
        "la_code": current.la_code,
        "period_end": period_end,
        "breakdown": where.get("breakdown"),
        "breakdown_value": where.get("value"),
        "teams": None if permissions(current.role).sees_every_child else ", ".join(current.teams),
        "row_count": count,
    }
    if action == "opened":
        seen = st.session_state.setdefault("audited-openings", set())
        key = (
            list_id,
            str(period_end),
            str(where.get("breakdown")),
            str(where.get("value")),
            current.la_code,
        )
        if key in seen:
            return
        seen.add(key)
    app_store.add_list_audit(current.app_store, record)


def _headings(frame: pd.DataFrame) -> dict[str, str]:
    """Column headings as words: 'authorised_date' -> 'Authorised date'."""
    return {c: c.replace("_", " ").capitalize() for c in frame.columns}


def table_and_downloads(
    current: Settings, rows: pd.DataFrame, list_id: str, period_end: date, name: str, **where: object
) -> None:
    """The rows (sortable by any column heading), then CSV and Excel downloads that are audited."""
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.Column(label) for c, label in _headings(rows).items()},
        # the LA's code is in the header already; the downloads keep it (a file can travel)
        column_order=[c for c in rows.columns if c != "la_code"],
        key=f"rows-{name}",
    )
    stem = f"{name}-{current.la_code}-{period_end.isoformat()}"
    left, right = st.columns(2)
    # the files are made when clicked (the click still reruns, so the audit callback runs): an Excel
    # workbook made on every draw was half the "My teams" page's time, and a file made at draw time is
    # dropped by the next rerun (see panels.chart_with_table)
    for column, (fmt, data, mime) in zip(
        (left, right),
        (
            ("csv", partial(safe_csv, rows), "text/csv"),
            ("xlsx", partial(safe_xlsx, rows, "Children"), XLSX),
        ),
        strict=True,
    ):
        with column:
            st.download_button(
                f"Download these {len(rows)} rows ({'CSV' if fmt == 'csv' else 'Excel'})",
                data,
                file_name=f"{stem}.{fmt}",
                mime=mime,
                key=f"{fmt}-{name}",
                on_click=audit,
                args=(current, f"downloaded {fmt}", list_id, period_end, len(rows)),
                kwargs=where,
            )


def read_rows(current: Settings, list_id: str, period_end: date, **where: object) -> pd.DataFrame | None:
    """The rows, or None with a message when the database has no list yet (built by an older version)."""
    try:
        return cache.child_rows(
            cache.database(current),
            current.role,
            current.teams,
            list_id,
            period_end,
            current.la_code,
            where.get("breakdown"),
            where.get("value"),
        )
    except duckdb.CatalogException:
        st.info(
            "This database was built before child lists existed: run "
            f"`python -m cscdash rebuild --db {current.db_path}` to add them."
        )
        return None


def children_panel(ind: Indicator, frame: pd.DataFrame, current: Settings, period_end: date) -> None:
    """The rows behind ``ind``'s figure for a month and breakdown value: who is counted, who is in the
    numerator and why, sortable and filterable, with audited downloads."""
    entry = child_lists.entry_for(ind.id)
    if entry is None or not permissions(current.role).sees_children:
        st.info("No list of children behind this figure.")
        return
    months = sorted({m for m in frame.loc[frame["breakdown"] == "all", "period_end"]}, reverse=True)
    key = MONTH_KEY.format(indicator=ind.id)
    if st.session_state.get(key) not in months:  # a clicked point's month, else the page's month
        st.session_state[key] = period_end if period_end in months else (months[0] if months else None)
    month_col, by_col, value_col = st.columns(3)
    with month_col:
        month = st.selectbox("Month end", months, key=key, format_func=lambda d: f"{d:%-d %b %Y}")
    with by_col:
        breakdown = st.selectbox(
            "Breakdown", ["all", *ind.breakdowns], key=f"children-by-{ind.id}", format_func=breakdown_label
        )
    value = None
    if breakdown != "all":
        at = frame[(frame["breakdown"] == breakdown) & (frame["period_end"] == month)]
        values = sorted(at["breakdown_value"].dropna().astype(str).unique())
        key = f"children-value-{ind.id}"
        if st.session_state.get(key) not in values:  # a clicked bar's group, else the first
            st.session_state[key] = values[0] if values else None
        with value_col:
            value = st.selectbox("Value", values, key=key)
    rows = read_rows(current, ind.id, month, breakdown=None if breakdown == "all" else breakdown, value=value)
    if rows is None:
        return
    where = {"breakdown": None if breakdown == "all" else breakdown, "value": value}
    audit(current, "opened", ind.id, month, len(rows), **where)
    _say_counts(entry, rows, current)
    rows = _filtered(rows, ind.id, entry)
    table_and_downloads(current, rows, ind.id, month, f"children-{ind.id}", **where)


def _say_counts(entry: child_lists.ListEntry, rows: pd.DataFrame, current: Settings) -> None:
    kind = {"child": "children", "episode": "episodes", "event": "events"}[entry.record]
    words = f"{len(rows)} {kind} counted"
    if entry.numerator and entry.denominator:
        inside = int(rows["in_numerator"].fillna(False).sum())
        words += f"; {inside} in the numerator, {len(rows) - inside} not"
    if not permissions(current.role).sees_every_child:
        words += f". Only your teams: {', '.join(current.teams) or 'none set (ask an administrator)'}"
    st.caption(words + ". Click a column heading to sort.")


def _filtered(rows: pd.DataFrame, indicator_id: str, entry: child_lists.ListEntry) -> pd.DataFrame:
    left, right = st.columns(2)
    with left:
        text = st.text_input("Find a child, team or worker", key=f"children-find-{indicator_id}")
    show = "all"
    if entry.numerator and entry.denominator:
        with right:
            show = (
                st.segmented_control(
                    "Show",
                    list(SHOW),
                    default="all",
                    format_func=SHOW.get,
                    key=f"children-show-{indicator_id}",
                )
                or "all"
            )
    if show != "all":
        rows = rows[rows["in_numerator"].fillna(False) == (show == "in")]
    if text:
        hay = rows[["child_id", "team", "worker", "locality"]].astype(str).agg(" ".join, axis=1)
        rows = rows[hay.str.contains(text, case=False, regex=False)]
    return rows


def list_audit_log(current: Settings) -> None:
    """For an administrator: every opening and download of a list of children (who, when, which list,
    month and breakdown, how many rows). Nothing for anyone else."""
    if not permissions(current.role).sees_audit:
        return
    st.subheader("Who opened which children (audit log)")
    log = app_store.list_audit(current.app_store)
    if log.empty:
        st.caption("No list of children has been opened yet.")
        return
    st.caption(f"{len(log)} openings and downloads, newest first.")
    titles = {i.id: i.title for i in cache.catalogue()}
    titles |= {i: spec.title for i, spec in exception_lists.lists().items()}
    shown = log.drop(columns=["audit_id"]).assign(list_id=log["list_id"].map(lambda i: titles.get(i, i)))
    shown = shown.rename(columns={"list_id": "list", "row_count": "rows", "breakdown_value": "value"})
    st.dataframe(
        shown.astype(object).where(shown.notna(), ""),
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.Column(c.replace("_", " ").capitalize()) for c in shown.columns},
        key="list-audit",
    )
    roles = role_table()
    if not roles.empty:
        st.subheader("Who has which role")
        st.dataframe(roles, hide_index=True, width="stretch", key="role-table")
