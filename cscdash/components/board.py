"""The board pages' shared parts: the running-order picker, the one-click board pack (with a progress
bar and the four files to download), and the quarterly scorecard page with its exception reports."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from cscdash import board_sets, cache, exception_reports
from cscdash.board_pack.content import NOT_IN_TABLES, PackContent, build_content, pack_settings
from cscdash.board_pack.files import file_stem, write_pack
from cscdash.board_pack.workbooks import write_scorecard
from cscdash.components.frame import filters, month_choice, page_frame
from cscdash.roles import permissions
from cscdash.settings import Settings

#: Light RAG fills (black words on them pass contrast), by targets.Rag.status.
RAG_FILL = {"green": "#CCE2D8", "amber": "#FFE9B3", "red": "#F6D7D2", "grey": "#E5E6E7"}
MIME = {
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def running_order_picker(current: Settings, key: str) -> str:
    """The running order chosen in the sidebar (the Overview headlines by default)."""
    names = list(board_sets.all_sets(cache.catalogue(), current.app_store))
    return st.sidebar.selectbox("Running order", names, index=0, key=key)


def pack_button(current: Settings, period_end: date, set_name: str, key: str) -> None:
    """Make the board pack (PowerPoint, PDF, Excel scorecard and data) with a progress bar, then offer
    each file for download. Board mode is forced, whatever the app's mode."""
    if not st.button("Make the board pack", icon=":material/slideshow:", key=f"pack-{key}"):
        return
    bar = st.progress(0.0, text="Starting the board pack")
    con = cache.cursor(current)
    content = build_content(
        con,
        cache.catalogue(),
        pack_settings(current),
        current.app_store,
        period_end,
        set_name,
        progress=lambda share, text: bar.progress(min(0.8 * share, 1.0), text=text),
    )
    with tempfile.TemporaryDirectory() as folder:
        files = write_pack(
            content, Path(folder), lambda share, text: bar.progress(0.8 + 0.2 * share, text=text)
        )
        bar.progress(1.0, text="Board pack ready")
        for kind, path in files.items():
            st.download_button(
                f"Download the {kind.lower()} ({path.name})",
                path.read_bytes(),
                file_name=path.name,
                mime=MIME[path.suffix],
                key=f"download-{key}-{kind}",
                on_click="ignore",
            )


def _styled(table: pd.DataFrame, statuses: pd.Series):
    """The scorecard with its RAG cells coloured (the words stay in the cell)."""
    fills = [f"background-color: {RAG_FILL[s]}; color: #0B0C0C" for s in statuses]
    return table.style.apply(lambda _column: fills, subset=["RAG"])


def scorecard_page(title: str) -> None:
    """The quarterly scorecard in the papers' layout, its exception reports, and the board pack."""
    current = page_frame(title, board_mode=True)
    set_name = running_order_picker(current, "scorecard-set")
    ids = tuple(board_sets.running_order(cache.catalogue(), current.app_store, set_name))
    selection = filters(month_choice(current, ids), [])
    board = pack_settings(current)
    content = cache.pack_content(
        cache.database(current), selection.period_end, set_name, board, cache.store_stamp(current)
    )
    st.caption(
        f"Outturns at each quarter end to {content.quarter_label} and the latest month; RAG and direction of "
        f"travel for {content.quarter_label}. {content.mode_statement} (always, for a board paper). "
        "England and SN average: DfE's latest published year. Reason and actions come from each "
        "indicator's commentary."
    )
    shown = content.scorecard.drop(columns=list(NOT_IN_TABLES))
    st.dataframe(
        _styled(shown, content.scorecard["RAG status"]),
        hide_index=True,
        width="stretch",
        height=36 * (len(shown) + 1) + 4,  # every row on screen: a board reads the whole card
        column_config={
            "Service": st.column_config.Column(pinned=True),
            "Indicator": st.column_config.Column(pinned=True, width="medium"),
        },
    )
    left, right = st.columns(2)
    with left:
        st.download_button(
            "Download the scorecard (Excel)",
            partial(_scorecard_workbook, content),  # made when clicked (see panels.chart_with_table)
            file_name=f"{file_stem(content)}_scorecard.xlsx",
            mime=MIME[".xlsx"],
            icon=":material/download:",
            on_click="ignore",
        )
    with right:
        pack_button(current, selection.period_end, set_name, "scorecard")
    save_running_order(current, set_name)
    exception_section(content, replace(current, display_mode=board.display_mode))


def _scorecard_workbook(content: PackContent) -> bytes:
    """The formatted scorecard workbook (the pack's, without making the rest of the pack)."""
    with tempfile.TemporaryDirectory() as folder:
        return write_scorecard(content, Path(folder) / "scorecard.xlsx").read_bytes()


def save_running_order(current: Settings, set_name: str) -> None:
    """A form to save a board's own running order (its indicators in its order) under a name."""
    if not permissions(current.role).saves_running_orders:
        return
    catalogue = cache.catalogue()
    with st.expander("Save a running order for a board"), st.form("save-running-order"):
        st.caption(
            "Choose the indicators in the order the board goes through them. Saving under an existing "
            "name replaces that order (earlier versions are kept in the app store)."
        )
        start = board_sets.running_order(catalogue, current.app_store, set_name)
        chosen = st.multiselect(
            "Indicators, in order",
            catalogue.ids(),
            default=start,
            format_func=lambda i: f"{catalogue[i].title} ({catalogue.page(catalogue[i].page).title})",
        )
        name = st.text_input("Name of the running order", value=set_name)
        who = st.text_input("Your name", key="running-order-author")
        if st.form_submit_button("Save the running order"):
            try:
                board_sets.save_set(catalogue, current.app_store, name, chosen, who)
            except ValueError as exc:
                st.error(str(exc))
            else:
                st.success(f"Saved '{name}' ({len(chosen)} indicators).")


def exception_section(content: PackContent, current: Settings) -> None:
    """Every exception report of the quarter, each with its approval form."""
    st.subheader(f"Exception reports, {content.quarter_label}")
    if not content.exceptions:
        st.success("No indicator is beyond its intervention level this quarter.")
        return
    for report in content.exceptions:
        ind = report.row.indicator
        with st.expander(f"{ind.title}: {report.outturn}", expanded=len(content.exceptions) <= 2):
            for field, text in report.fields.items():
                st.markdown(f"**{field}**")
                st.text(text)
            if not permissions(current.role).approves_reports:
                continue
            with st.form(f"approve-{ind.id}"):
                who = st.text_input("Service head", key=f"approver-{ind.id}")
                when = st.date_input("Approved on", value=date.today(), key=f"approved-on-{ind.id}")
                if st.form_submit_button("Record the approval"):
                    try:
                        exception_reports.approve(
                            current.app_store, ind.id, current.la_code or "", content.quarter_end, who, when
                        )
                    except ValueError as exc:
                        st.error(str(exc))
                    else:
                        st.success("Approval recorded.")
