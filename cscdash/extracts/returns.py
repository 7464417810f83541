"""Reading every recognised file into typed, checked tables grouped by return (no database involved).

A return is what one collection year of one layout says: the SSDA903 CSVs in one folder (or one XML
file), one CIN census file, one workforce census, one Annex A list (list 1 of a year; list 8 or 9 of one
snapshot date, from the file name), one local file. This module finds the files, recognises each
(:mod:`cscdash.extracts.detect`) and hands it to its staging: :mod:`~cscdash.extracts.yearly` (SSDA903,
CIN census, workforce census), :mod:`~cscdash.extracts.annex_a_staging` (Annex A lists 1, 8 and 9) or
:mod:`~cscdash.extracts.local_staging` (every local source declared in ``specs/local/``). A pooled file
(an ``LA`` column: several authorities, and years by ``YEAR``) is split first
(:mod:`~cscdash.extracts.pooled`) and each part staged as its LA's own return.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from lxml import etree

from cscdash.extracts import (
    annex_a_snapshots,
    annex_a_staging,
    cin_census,
    local,
    local_staging,
    pooled,
    ssda903,
    yearly,
)
from cscdash.extracts.annex_a_staging import WORKBOOK_ERRORS
from cscdash.extracts.detect import FileInfo, csv_layout, find_files, sha256_of, xml_layout, year_in_path
from cscdash.extracts.problems import ERROR, ProblemLog
from cscdash.extracts.safe_xml import UnsafeXML, head_text, parse
from cscdash.extracts.spec import load_spec
from cscdash.extracts.staging import Progress, Staged
from cscdash.extracts.text_files import headings

__all__ = ["WORKBOOK_ERRORS", "Progress", "Staged", "read_all", "table_key"]


def table_key(raw_table: str) -> list[str]:
    """The natural key (without la_code) of a raw table, from its return's or local source's specification."""
    if raw_table.startswith("ssda903_"):
        return list(load_spec("ssda903").tables[raw_table.removeprefix("ssda903_")].key)
    cin = {raw: short for short, raw in yearly.CIN_TABLES.items()}
    if raw_table in cin:
        return list(load_spec("cin_census").tables[cin[raw_table]].key)
    csww = {raw: short for short, raw in yearly.CSWW_TABLES.items()}
    if raw_table in csww:
        return list(load_spec("csww").tables[csww[raw_table]].key)
    if raw_table == "annexa_contacts":
        return ["contact_id"]
    if raw_table in annex_a_snapshots.RAW_TABLES.values():
        return ["snapshot_date", "child_id"]
    src = local.by_table(raw_table)
    if src is None:
        raise KeyError(f"no return or local source writes {raw_table}")
    return src.key[1:]


def read_all(
    paths: list[Path], la_code: str | None, log: ProblemLog, progress: Progress | None = None
) -> Staged:
    """Recognise, read and check every file; problems go to ``log``."""
    staged = Staged()
    found = find_files([Path(p) for p in paths])
    if not found:
        log.add(ERROR, "NO_FILES", ", ".join(str(p) for p in paths), "no extract files found")
    # (layout, folder, year, LA of a pooled file's part) -> the tables of one return
    groups: dict[tuple[str, Path, int | None, str | None], list[tuple[FileInfo, pd.DataFrame]]] = {}
    for i, (path, root) in enumerate(found):
        if progress:
            progress(f"reading {path.name}", i / max(len(found), 1) * 0.8)
        try:
            _read_file(path, root, la_code, staged, groups, log)
        except Exception as exc:  # a reader bug or an odd file must still give a readable report
            log.add(
                ERROR,
                "FILE_UNREADABLE",
                path.name,
                f"the file could not be read: {type(exc).__name__}: {exc}",
            )
    for list_no, frames in staged.snapshots.items():
        annex_a_snapshots.check_one_file_per_snapshot(frames, list_no, log)
        typed = annex_a_snapshots.typed(frames, list_no, log)
        staged.add(annex_a_snapshots.RAW_TABLES[list_no], typed, ["la_code", "snapshot_date", "child_id"])
    for (layout, _folder, path_year, pooled_la), members in groups.items():
        stage = yearly.stage_903_return if layout == "ssda903_csv" else yearly.stage_cin_csv_return
        try:
            stage(members, path_year, pooled_la or la_code, staged, log)
        except Exception as exc:
            log.add(
                ERROR,
                "FILE_UNREADABLE",
                members[0][0].path.name,
                f"the return could not be read: {type(exc).__name__}: {exc}",
            )
    return staged


def _read_file(
    path: Path, root: Path, la_code: str | None, staged: Staged, groups: dict, log: ProblemLog
) -> None:
    """Recognise one file; per-table CSVs wait in ``groups`` for the rest of their return."""
    if not path.exists():
        log.add(ERROR, "FILE_MISSING", str(path), "no such file")
        return
    info = _recognise(path, root, log)
    if info is None:
        return
    n_before = staged.n_rows()
    if info.layout in ("ssda903_csv", "cin_csv"):
        reader = ssda903.read_csv_table if info.layout == "ssda903_csv" else cin_census.read_csv_table
        raw = reader(path, info.table, log)
        parts = [] if raw is None else [(info, raw, None)]
        if raw is not None and info.layout == "ssda903_csv":  # a pooled file: each LA's (and year's) rows
            parts = pooled.parts_of(info, raw, la_code, log)
        for part_info, part, la in parts:
            key = (info.layout, path.parent, part_info.path_year, la)
            groups.setdefault(key, []).append((part_info, part))
        staged.files.append(_file_row(info, 0 if raw is None else len(raw)))
        return
    _read_one(info, la_code, staged, log)
    staged.files.append(_file_row(info, staged.n_rows() - n_before))


def _file_row(info: FileInfo, rows: int) -> dict:
    return {
        "file": info.path.name,
        "path": str(info.path),
        "sha256": info.sha256,
        "layout": info.layout,
        "table": info.table,
        "rows": int(rows),
    }


def _recognise(path: Path, root: Path, log: ProblemLog) -> FileInfo | None:
    suffix = path.suffix.lower()
    name = path.name
    if path.stat().st_size == 0:
        log.add(ERROR, "FILE_EMPTY", name, "the file is empty")
        return None
    layout, table = "unknown", None
    if suffix == ".csv":
        heads = headings(path)
        layout, table, _missing = csv_layout(heads)
        if layout == "unknown":
            log.add(
                ERROR,
                "FILE_LAYOUT",
                name,
                "unknown layout: the heading row matches no SSDA903 table, Annex A "
                f"list 1, 8 or 9, workforce or local layout (headings: {', '.join(heads[:8])})",
                row_ref="heading row",
            )
            return None
    elif suffix == ".xml":
        layout = xml_layout(head_text(path))
        if layout == "unknown":
            log.add(
                ERROR,
                "FILE_LAYOUT",
                name,
                "unknown layout: not an SSDA903 (EXPSSDA903), CIN census or workforce census XML document",
            )
            return None
    elif suffix in (".xlsx", ".xlsm"):
        layout = "annex_a"
    else:
        log.add(
            ERROR,
            "FILE_LAYOUT",
            name,
            f"unknown layout: {suffix or 'no'} files are not read (CSV, XML, XLSX)",
        )
        return None
    year, bare = year_in_path(path, root)
    return FileInfo(
        path=path,
        layout=layout,
        table=table,
        sha256=sha256_of(path),
        path_year=year,
        path_year_bare=bare,
        root=root,
    )


def _parse_xml(info: FileInfo, log: ProblemLog) -> etree._ElementTree | None:
    try:
        return parse(info.path)
    except UnsafeXML as exc:
        log.add(ERROR, "XML_UNSAFE", info.path.name, str(exc))
    except etree.XMLSyntaxError as exc:
        log.add(
            ERROR,
            "XML_MALFORMED",
            info.path.name,
            f"the XML is not well formed: {exc.msg}",
            row_ref=f"line {exc.lineno}",
        )
    return None


def _read_one(info: FileInfo, la_code: str | None, staged: Staged, log: ProblemLog) -> None:
    name = info.path.name
    if info.layout == "ssda903_xml":
        tree = _parse_xml(info, log)
        if tree is not None:
            tables = ssda903.read_xml(tree)
            if not tables:
                log.add(ERROR, "FILE_NO_ROWS", name, "the XML return holds no CHILD elements")
                return
            yearly.stage_903_return(
                [(info, tables[t].assign(_table=t)) for t in tables], info.path_year, la_code, staged, log
            )
    elif info.layout in ("cin_xml", "csww_xml"):
        tree = _parse_xml(info, log)
        if tree is not None:
            yearly.stage_census(info, tree, la_code, staged, log)
    elif info.layout == "annex_a" and info.path.suffix.lower() in (".xlsx", ".xlsm"):
        annex_a_staging.stage_workbook(info, la_code, staged, log)
    elif info.layout == "annex_a":
        annex_a_staging.stage_annex_a(info, la_code, staged, log)
    elif info.layout.startswith("annex_a_list"):
        annex_a_staging.stage_snapshot_csv(info, la_code, staged, log)
    elif info.layout in yearly.CSWW_CSV:
        yearly.stage_csww_csv(info, la_code, staged, log)
    elif info.layout in local.sources():
        local_staging.stage(info, local.sources()[info.layout], la_code, staged, log)
    else:
        log.add(ERROR, "FILE_LAYOUT", name, f"no reader for layout {info.layout}")
