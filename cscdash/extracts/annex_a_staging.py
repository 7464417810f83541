"""Staging Annex A: list 1 (a year's contacts, CSV or a workbook sheet) and lists 8 and 9 (snapshots).

List 1 is a return of one collection year (its year from the path, else its dates). Lists 8 and 9 are
snapshots of one date, which the file name carries; their rows wait in :attr:`Staged.snapshots` and are
typed together at the end of the read (:func:`cscdash.extracts.annex_a_snapshots.typed`). A workbook may
hold any of the three lists.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from cscdash.extracts import annex_a, annex_a_snapshots, integrity, pooled, xlsx_reader
from cscdash.extracts.coverage import ReturnRead, latest_event_date
from cscdash.extracts.detect import FileInfo
from cscdash.extracts.problems import ERROR, WARNING, ProblemLog
from cscdash.extracts.staging import Staged, check_rows, latest_date_year, resolve_la, year_note
from cscdash.extracts.text_files import read_csv_text

#: What goes wrong opening a file that claims to be a workbook.
WORKBOOK_ERRORS = xlsx_reader.ERRORS


def stage_annex_a(info: FileInfo, la_code: str | None, staged: Staged, log: ProblemLog) -> None:
    """List 1 of a CSV or workbook: one year's contacts (a pooled file's per LA and YEAR)."""
    raw = annex_a.read(info.path, log)
    if raw is None:
        return
    raw = annex_a.normalise_values(raw, info.path.name, log)
    for part_info, part, la in pooled.parts_of(info, raw, la_code, log, by_year_alone=True):
        _stage_contacts(part_info, part, la or la_code, staged, log)


def _stage_contacts(
    info: FileInfo, raw: pd.DataFrame, la_code: str | None, staged: Staged, log: ProblemLog
) -> None:
    name = info.path.name
    spec = annex_a.contacts_spec()
    year, how, why = info.path_year, "path", ""
    if year is None:
        year, why = latest_date_year(raw, "contact_date", spec.date_formats)
        how = "dates"
    year_note(log, name, year, how, why)
    la = resolve_la(name, None, la_code, log, info.path)
    if year is None or la is None:
        return
    typed = check_rows(raw.assign(collection_year=year), spec, "contacts", name, la, log, year_end=None)
    typed["contact_id"] = annex_a.contact_ids(typed)
    table = spec.tables["contacts"]
    typed = integrity.drop_duplicates(typed, table, log)
    staged.add("annexa_contacts", typed, ["la_code", "contact_id"])
    latest = latest_event_date([typed])
    staged.returns.append(
        ReturnRead("annex_a_list1", la, name, info.path, info.root, year, latest_date=latest)
    )


def stage_workbook(info: FileInfo, la_code: str | None, staged: Staged, log: ProblemLog) -> None:
    """An Annex A workbook: list 1 as a year's contacts, lists 8 and 9 as snapshots (any of the three)."""
    name = info.path.name
    try:
        sheets = annex_a_snapshots.workbook_sheets(info.path)
    except WORKBOOK_ERRORS as exc:
        log.add(
            ERROR,
            "FILE_MALFORMED",
            name,
            f"the workbook cannot be read ({type(exc).__name__}): save it again from Excel as .xlsx",
        )
        return
    if not sheets:
        log.add(ERROR, "FILE_LAYOUT", name, "the workbook has no Annex A list 1, 8 or 9 sheet")
        return
    if "1" in sheets:
        stage_annex_a(info, la_code, staged, log)
    lists = [n for n in annex_a_snapshots.LISTS if n in sheets]
    if not lists:
        return
    day = _snapshot_date(info, log, severity=WARNING if "1" in sheets else ERROR)
    for list_no in lists:
        raw = annex_a.sheet_frame(info.path, sheets[list_no], log)
        if raw is not None and day is not None:
            _stage_snapshot(info, list_no, raw, day, la_code, staged, log)


def _snapshot_date(info: FileInfo, log: ProblemLog, severity: str = ERROR) -> date | None:
    """The snapshot date from the file name. A full Annex A workbook (list 1 too) named without a date still
    loads its list 1: then lists 8 and 9 are skipped with a warning rather than the whole file refused."""
    day = annex_a_snapshots.snapshot_date(info.path.name)
    if day is None:
        skipped = "; lists 8 and 9 are not loaded" if severity == WARNING else ""
        log.add(
            severity,
            "SNAPSHOT_DATE",
            info.path.name,
            "cannot tell the snapshot date: put it in the file name, e.g. "
            f"annex_a_list9_2025-03-31.csv{skipped}",
        )
    return day


def stage_snapshot_csv(info: FileInfo, la_code: str | None, staged: Staged, log: ProblemLog) -> None:
    """One CSV of Annex A list 8 or 9."""
    day = _snapshot_date(info, log)
    raw = read_csv_text(info.path, log)
    if raw is not None and day is not None:
        _stage_snapshot(info, info.layout.removeprefix("annex_a_list"), raw, day, la_code, staged, log)


def _stage_snapshot(
    info: FileInfo,
    list_no: str,
    raw: pd.DataFrame,
    day: date,
    la_code: str | None,
    staged: Staged,
    log: ProblemLog,
) -> None:
    """Queue one file's list 8 or 9 rows (headings matched, LA and snapshot date known) for typing."""
    for _info, part, la in pooled.parts_of(info, raw, la_code, log):
        _stage_snapshot_part(info, list_no, part, day, la or la_code, staged, log)


def _stage_snapshot_part(
    info: FileInfo,
    list_no: str,
    raw: pd.DataFrame,
    day: date,
    la_code: str | None,
    staged: Staged,
    log: ProblemLog,
) -> None:
    """One LA's rows of a list 8 or 9 file (the whole file, unless it is pooled)."""
    name = info.path.name
    raw = annex_a_snapshots.match_columns(raw, list_no, name, log)
    la = resolve_la(name, None, la_code, log, info.path)
    if raw is None or la is None:
        return
    year = annex_a_snapshots.collection_year(day)
    raw = raw.assign(
        la_code=la,
        source_file=name,
        snapshot_date=pd.Timestamp(day).as_unit("us"),
        collection_year=year,
    )
    staged.snapshots.setdefault(list_no, []).append(raw)
    staged.returns.append(
        ReturnRead(f"annex_a_list{list_no}", la, name, info.path, info.root, year, fixed_date=day)
    )
