"""The "My teams" page: the children whose case needs something now, by team and worker, for managers
(their own teams) and analysts. Each list is a filter on the same child-level rows the figures are counted
from (:mod:`cscdash.exception_lists`); a board member never reaches it (not in their navigation, and the
page and the read both refuse)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from cscdash import cache, exception_lists
from cscdash.components.child_list import audit, read_rows, table_and_downloads
from cscdash.components.frame import page_frame
from cscdash.roles import permissions
from cscdash.settings import Settings


def my_teams_page() -> None:
    """Counts per team for every exception list, then each list with its children, why each is on it and
    audited downloads."""
    current = page_frame("My teams")
    allowed = permissions(current.role)
    if not allowed.sees_children:
        st.error(f"The {current.role} role sees figures only, never a child: this page is for managers.")
        st.stop()
    month, _ = cache.data_as_at(cache.database(current), current.la_code)
    if month is None:
        st.info("No data loaded yet.")
        return
    if allowed.sees_every_child:
        st.caption(f"Every team's children as at {month:%-d %b %Y} (your role, {current.role}, sees all).")
    else:
        st.caption(
            f"The children of your teams as at {month:%-d %b %Y}: "
            + (", ".join(current.teams) or "no team set for you: ask an administrator")
            + "."
        )
    found = {list_id: read_rows(current, list_id, month) for list_id in exception_lists.lists()}
    if any(rows is None for rows in found.values()):
        return
    teams = sorted({t for rows in found.values() for t in rows["team"]})  # type: ignore[union-attr]
    team = st.selectbox("Team", ["Every team", *teams], key="my-teams-team")
    if team != "Every team":
        found = {i: rows[rows["team"] == team] for i, rows in found.items()}  # type: ignore[index]
    st.subheader("Children on each list" + ("" if team == "Every team" else f": {team}"))
    st.dataframe(_summary(found), hide_index=True, width="stretch", key="my-teams-summary")
    for list_id, spec in exception_lists.lists().items():
        _one_list(current, list_id, spec.title, found[list_id], month)  # type: ignore[arg-type]


def _summary(found: dict[str, pd.DataFrame | None]) -> pd.DataFrame:
    """One line per list: how many children are on it, and in how many teams and workers' caseloads."""
    lines = []
    for list_id, spec in exception_lists.lists().items():
        rows = found[list_id]
        assert rows is not None
        lines.append(
            {
                "List": spec.title,
                "Children": rows["child_id"].nunique(),
                "Teams": rows["team"].nunique(),
                "Workers": rows[["team", "worker"]].drop_duplicates().shape[0],
            }
        )
    return pd.DataFrame(lines)


def _one_list(current: Settings, list_id: str, title: str, rows: pd.DataFrame, month: date) -> None:
    children = rows["child_id"].nunique()
    with st.expander(f"{title}: {children} {'child' if children == 1 else 'children'}", expanded=False):
        if rows.empty:
            st.caption("No child on this list.")
            return
        audit(current, "opened", list_id, month, len(rows))
        st.caption("By worker")
        counts = exception_lists.team_counts(rows).rename(columns=str.capitalize)
        st.dataframe(counts, hide_index=True, width="stretch", key=f"by-worker-{list_id}")
        table_and_downloads(current, rows, list_id, month, f"my-teams-{list_id}")
