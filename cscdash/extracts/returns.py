"""Reading every recognised file into typed, checked tables grouped by return (no database involved).

A return is what one collection year of one layout says: the SSDA903 CSVs in one folder (or one XML
file), one CIN census file, one workforce census, one Annex A list (list 1 of a year; list 8 or 9 of one
snapshot date, from the file name), one local file. Each return gets
its collection year (file, path, YEAR column or dates, in that order), its LA, the field checks of its
year's specification and the row-level checks of :mod:`cscdash.extracts.integrity`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
from lxml import etree

from cscdash.extracts import (
    annex_a,
    annex_a_snapshots,
    cin_census,
    integrity,
    local,
    ssda903,
    workforce,
    xlsx_reader,
)
from cscdash.extracts.coverage import ReturnRead, date_range, latest_event_date
from cscdash.extracts.detect import FileInfo, csv_layout, find_files, sha256_of, xml_layout, year_in_path
from cscdash.extracts.fields import check_table, clean_text, parse_dates, year_label
from cscdash.extracts.problems import ERROR, WARNING, ProblemLog
from cscdash.extracts.safe_xml import UnsafeXML, head_text, parse
from cscdash.extracts.spec import Spec, load_spec
from cscdash.extracts.text_files import headings, read_csv_text
from cscdash.settings import REFERENCE_DIR

Progress = Callable[[str, float], None]
CIN_TABLES = {
    "child": "cin_child",
    "disability": "cin_disability",
    "details": "cin_details",
    "assessment": "cin_assessment",
    "assessment_factor": "cin_assessment_factor",
    "plan": "cin_plan",
    "s47": "cin_s47",
    "cpp": "cin_cpp",
    "cpp_review": "cin_cpp_review",
}
CSWW_TABLES = {"worker": "csww_worker", "la": "csww_la"}
#: What goes wrong opening a file that claims to be a workbook.
WORKBOOK_ERRORS = xlsx_reader.ERRORS


@dataclass
class Staged:
    """Everything read from one call's files: typed rows per raw table, and what each file held."""

    tables: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)
    #: Annex A list 8 / 9 rows as read (text), per list: typed together at the end (annex_a_snapshots.typed).
    snapshots: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    #: Every return read, for the period it covers (cscdash.extracts.coverage).
    returns: list[ReturnRead] = field(default_factory=list)

    def add(self, raw_table: str, df: pd.DataFrame, key: list[str]) -> None:
        """Queue typed rows for a raw table."""
        if len(df):
            self.tables.setdefault(raw_table, []).append(df)
            self.keys[raw_table] = key

    def n_rows(self) -> int:
        """Rows queued so far, all tables (Annex A snapshot rows waiting to be typed included)."""
        frames = [*self.tables.values(), *self.snapshots.values()]
        return sum(len(df) for group in frames for df in group)

    def frame(self, raw_table: str) -> pd.DataFrame:
        """All queued rows of a raw table."""
        return pd.concat(self.tables[raw_table], ignore_index=True)


def table_key(raw_table: str) -> list[str]:
    """The natural key (without la_code) of a raw table, from its return's specification."""
    if raw_table.startswith("ssda903_"):
        return list(load_spec("ssda903").tables[raw_table.removeprefix("ssda903_")].key)
    cin = {raw: short for short, raw in CIN_TABLES.items()}
    if raw_table in cin:
        return list(load_spec("cin_census").tables[cin[raw_table]].key)
    csww = {raw: short for short, raw in CSWW_TABLES.items()}
    if raw_table in csww:
        return list(load_spec("csww").tables[csww[raw_table]].key)
    if raw_table == "annexa_contacts":
        return ["contact_id"]
    if raw_table in annex_a_snapshots.RAW_TABLES.values():
        return ["snapshot_date", "child_id"]
    local_tables = {raw: layout for layout, raw in local.RAW_TABLES.items()}
    return list(load_spec("local").tables[local_tables[raw_table]].key)


@cache
def la_lookup() -> dict[str, str]:
    """DfE LA number -> ONS-style code from data/reference/la_codes.csv, plus the synthetic authorities."""
    lookup = {"999": "E06999999", **{f"{n:03d}": f"E06999{n:03d}" for n in range(1, 150)}}
    path = REFERENCE_DIR / "la_codes.csv"
    if path.exists():
        ref = pd.read_csv(path, dtype=str)
        lookup.update(
            dict(zip(ref["la_number"].str.strip().str.zfill(3), ref["la_code"].str.strip(), strict=True))
        )
    return lookup


_LA_FOLDER = re.compile(r"^[EWSN]\d{8}$")


def la_from_path(path: Path) -> str | None:
    """An ONS-style LA code named by a folder of the path (the demo's ``<la_code>/extracts/...``)."""
    return next((p.name for p in path.parents if _LA_FOLDER.match(p.name)), None)


def resolve_la(
    file: str, own_number: str | None, la_code: str | None, log: ProblemLog, path: Path | None = None
) -> str | None:
    """The LA of a file: its own LA number (mapped to the ONS code) checked against ``la_code``.

    A file that does not name its LA takes ``la_code``, else an LA code that a folder of its path is
    named after (reported), else it is an error.
    """
    if la_code is None and path is not None and la_from_path(path):
        la_code = la_from_path(path)
        if own_number is None:
            log.add(WARNING, "LA_FROM_PATH", file, f"LA {la_code} taken from the folder name")
    if own_number is None:
        if la_code is None:
            log.add(ERROR, "LA_REQUIRED", file, "this file does not name its LA: give the LA code (--la)")
        return la_code
    own = la_lookup().get(own_number.strip().zfill(3))
    if own is None:
        if la_code is None:
            log.add(
                ERROR,
                "LA_UNKNOWN",
                file,
                f"LA number {own_number} is not in data/reference/la_codes.csv",
                field="LEA",
                value=own_number,
            )
            return None
        log.add(
            WARNING,
            "LA_UNMAPPED",
            file,
            f"LA number {own_number} is not in la_codes.csv; taken as {la_code}",
            field="LEA",
            value=own_number,
        )
        return la_code
    if la_code is not None and own != la_code:
        log.add(
            ERROR,
            "LA_MISMATCH",
            file,
            f"the file is for LA {own_number} ({own}), not {la_code}",
            field="LEA",
            value=own_number,
        )
        return None
    return own


def _year_note(log: ProblemLog, file: str, year: int | None, how: str, why: str) -> None:
    if year is None:
        log.add(
            ERROR,
            "YEAR_UNKNOWN",
            file,
            "cannot tell the collection year: put it in the folder or file name (e.g. 2024-25)",
        )
    elif how == "dates":
        log.add(
            WARNING,
            "YEAR_INFERRED",
            file,
            f"collection year {year_label(year)} inferred from the dates "
            f"({why}); put the year in the folder or file name to be sure",
        )


def _typed(
    raw: pd.DataFrame,
    spec: Spec,
    table: str,
    file: str,
    la: str,
    log: ProblemLog,
    year_end: tuple[int, int] | None = (3, 31),
) -> pd.DataFrame:
    typed = check_table(raw, spec.tables[table], spec, file=file, log=log, year_end=year_end)
    return typed.assign(la_code=la, source_file=file)


def _latest_date_year(raw: pd.DataFrame, column: str, formats: tuple[str, ...], end_month: int = 3):
    dates = parse_dates(clean_text(raw[column]), formats).dropna() if column in raw else pd.Series([])
    if not len(dates):
        return None, ""
    latest = dates.max()
    return latest.year + (latest.month > end_month), f"latest {column} is {latest:%d/%m/%Y}"


def read_all(
    paths: list[Path], la_code: str | None, log: ProblemLog, progress: Progress | None = None
) -> Staged:
    """Recognise, read and check every file; problems go to ``log``."""
    staged = Staged()
    found = find_files([Path(p) for p in paths])
    if not found:
        log.add(ERROR, "NO_FILES", ", ".join(str(p) for p in paths), "no extract files found")
    groups: dict[tuple[str, Path, int | None], list[tuple[FileInfo, pd.DataFrame]]] = {}
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
    for (layout, _folder, path_year), members in groups.items():
        stage = _stage_903_return if layout == "ssda903_csv" else _stage_cin_csv_return
        try:
            stage(members, path_year, la_code, staged, log)
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
        if raw is not None:
            groups.setdefault((info.layout, path.parent, info.path_year), []).append((info, raw))
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
            _stage_903_return(
                [(info, tables[t].assign(_table=t)) for t in tables], info.path_year, la_code, staged, log
            )
    elif info.layout in ("cin_xml", "csww_xml"):
        tree = _parse_xml(info, log)
        if tree is not None:
            _stage_census(info, tree, la_code, staged, log)
    elif info.layout == "annex_a" and info.path.suffix.lower() in (".xlsx", ".xlsm"):
        _stage_workbook(info, la_code, staged, log)
    elif info.layout == "annex_a":
        _stage_annex_a(info, la_code, staged, log)
    elif info.layout.startswith("annex_a_list"):
        _stage_snapshot_csv(info, la_code, staged, log)
    else:
        _stage_local(info, la_code, staged, log)


def _stage_903_return(
    members: list[tuple[FileInfo, pd.DataFrame]],
    path_year: int | None,
    la_code: str | None,
    staged: Staged,
    log: ProblemLog,
) -> None:
    """One SSDA903 return: its year, LA, field checks per file, then the cross-table checks."""
    spec = load_spec("ssda903")
    by_table: dict[str, list[tuple[FileInfo, pd.DataFrame]]] = {}
    for info, raw in members:
        table = info.table or raw["_table"].iloc[0]
        by_table.setdefault(table, []).append((info, raw.drop(columns=["_table"], errors="ignore")))
    first = members[0][0].path.name
    year, how, why = path_year, "path", ""
    has_year_col = all("YEAR" in raw for _, raw in members)
    if year is not None and members[0][0].path_year_bare:
        year = _check_bare_year(year, by_table, first, log)
    if year is None and not has_year_col:
        year, why = ssda903.infer_year({t: pd.concat([r for _, r in v]) for t, v in by_table.items()})
        how = "dates"
        _year_note(log, first, year, how, why)
        if year is None:
            return
    la = resolve_la(first, None, la_code, log, members[0][0].path)
    if la is None:
        return
    typed: dict[str, pd.DataFrame] = {}
    dobs: dict[str, pd.Series] = {}
    for table, parts in by_table.items():
        frames = []
        for info, raw in parts:
            raw = raw.copy()
            if year is not None and "YEAR" not in raw:
                raw["collection_year"] = year
            else:
                raw["collection_year"] = (
                    pd.to_numeric(raw["YEAR"], errors="coerce").fillna(year or 0).astype(int)
                )
            if year is not None and year < spec.tables[table].from_year:
                log.add(
                    WARNING,
                    "TABLE_YEAR",
                    info.path.name,
                    f"{table} is not part of the {year_label(year)} return "
                    f"(from {year_label(spec.tables[table].from_year)}); loaded as found",
                )
            frames.append(_typed(raw, spec, table, info.path.name, la, log))
        df = pd.concat(frames, ignore_index=True)
        tspec = spec.tables[table]
        df = integrity.drop_duplicates(df, tspec, log)
        if "DOB" in df and table != "header":
            dobs[table] = df["DOB"]
        typed[table] = df
    integrity.check_903(typed, dobs, log)
    for table, df in typed.items():
        cols = [c for c in df.columns if not (c == "DOB" and table != "header")]
        staged.add(f"ssda903_{table}", df[cols], ["la_code", *spec.tables[table].key])
    info = members[0][0]
    years = sorted({int(y) for df in typed.values() for y in df["collection_year"].dropna().unique()})
    for each in years:
        in_year = [df[df["collection_year"] == each] for df in typed.values()]
        staged.returns.append(
            ReturnRead(
                "ssda903", la, first, info.path, info.root, each, latest_date=latest_event_date(in_year)
            )
        )


def _check_bare_year(year: int, by_table: dict, file: str, log: ProblemLog) -> int:
    """A bare ``2017`` in a path is the year ending March 2017 (the DfE's label) unless the episodes start as
    late as the year after: some tools label 2017-18 by its first year. Then the dates decide, with a
    warning."""
    inferred, why = ssda903.infer_year({t: pd.concat([r for _, r in v]) for t, v in by_table.items()})
    if inferred == year + 1:
        log.add(
            WARNING,
            "YEAR_PATH_START",
            file,
            f"the path says {year} but the {why}: taken as "
            f"{year_label(inferred)} (a year named by its start)",
        )
        return inferred
    return year


def _stage_census(
    info: FileInfo, tree: etree._ElementTree, la_code: str | None, staged: Staged, log: ProblemLog
) -> None:
    """A CIN census or workforce census XML file."""
    name = info.path.name
    is_cin = info.layout == "cin_xml"
    ret = cin_census.read_xml(tree) if is_cin else workforce.read_xml(tree)
    spec = load_spec("cin_census" if is_cin else "csww")
    names = CIN_TABLES if is_cin else CSWW_TABLES
    if not ret.tables:
        log.add(ERROR, "FILE_NO_ROWS", name, "the XML return holds no children" if is_cin else "no workers")
        return
    year, how, why = ret.year, "file", ret.year_note
    if year is None:
        year, how = info.path_year, "path"
    if year is None and is_cin:
        year, why = _latest_date_year(ret.tables["details"], "CINreferralDate", spec.date_formats)
        how = "dates"
    _year_note(log, name, year, how, why)
    la = resolve_la(name, ret.la_number, la_code, log, info.path)
    if year is None or la is None:
        return
    typed = {}
    for table, raw in ret.tables.items():
        t = _typed(
            raw.assign(collection_year=year),
            spec,
            table,
            name,
            la,
            log,
            year_end=(3, 31) if is_cin else (9, 30),
        )
        typed[table] = integrity.drop_duplicates(t, spec.tables[table], log)
    if is_cin:
        integrity.check_cin(typed, log)
    for table, df in typed.items():
        staged.add(names[table], df, ["la_code", *spec.tables[table].key])
    latest = latest_event_date(list(typed.values()))
    source = "cin_census" if is_cin else "csww"
    staged.returns.append(ReturnRead(source, la, name, info.path, info.root, year, latest_date=latest))


def _stage_cin_csv_return(
    members: list[tuple[FileInfo, pd.DataFrame]],
    path_year: int | None,
    la_code: str | None,
    staged: Staged,
    log: ProblemLog,
) -> None:
    """The flat CSV form of one CIN census: linked by its ids, then checked like the XML."""
    spec = load_spec("cin_census")
    first = members[0][0].path.name
    by_table: dict[str, pd.DataFrame] = {}
    for info, raw in members:
        part = raw.assign(source_file=info.path.name)
        by_table[info.table] = pd.concat([by_table[info.table], part]) if info.table in by_table else part
    year, how, why = path_year, "path", ""
    if year is None and "details" in by_table:
        year, why = _latest_date_year(by_table["details"], "CINreferralDate", spec.date_formats)
        how = "dates"
    _year_note(log, first, year, how, why)
    la = resolve_la(first, None, la_code, log, members[0][0].path)
    if year is None or la is None:
        return
    typed = {}
    for table, raw in cin_census.link_csv_tables(by_table, log).items():
        frames = [
            _typed(part.assign(collection_year=year), spec, table, str(file), la, log)
            for file, part in raw.groupby("source_file", sort=False)
        ]
        typed[table] = integrity.drop_duplicates(
            pd.concat(frames, ignore_index=True), spec.tables[table], log
        )
    integrity.check_cin(typed, log)
    for table, df in typed.items():
        staged.add(CIN_TABLES[table], df, ["la_code", *spec.tables[table].key])
    info = members[0][0]
    latest = latest_event_date(list(typed.values()))
    staged.returns.append(ReturnRead("cin_census", la, first, info.path, info.root, year, latest_date=latest))


def _stage_annex_a(info: FileInfo, la_code: str | None, staged: Staged, log: ProblemLog) -> None:
    name = info.path.name
    raw = annex_a.read(info.path, log)
    if raw is None:
        return
    spec = annex_a.contacts_spec()
    raw = annex_a.normalise_values(raw, name, log)
    year, how, why = info.path_year, "path", ""
    if year is None:
        year, why = _latest_date_year(raw, "contact_date", spec.date_formats)
        how = "dates"
    _year_note(log, name, year, how, why)
    la = resolve_la(name, None, la_code, log, info.path)
    if year is None or la is None:
        return
    typed = _typed(raw.assign(collection_year=year), spec, "contacts", name, la, log, year_end=None)
    typed["contact_id"] = annex_a.contact_ids(typed)
    table = spec.tables["contacts"]
    typed = integrity.drop_duplicates(typed, table, log)
    staged.add("annexa_contacts", typed, ["la_code", "contact_id"])
    latest = latest_event_date([typed])
    staged.returns.append(
        ReturnRead("annex_a_list1", la, name, info.path, info.root, year, latest_date=latest)
    )


def _stage_workbook(info: FileInfo, la_code: str | None, staged: Staged, log: ProblemLog) -> None:
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
        _stage_annex_a(info, la_code, staged, log)
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


def _stage_snapshot_csv(info: FileInfo, la_code: str | None, staged: Staged, log: ProblemLog) -> None:
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


def _stage_local(info: FileInfo, la_code: str | None, staged: Staged, log: ProblemLog) -> None:
    """CSWW CSVs, the monthly workforce extract, visits, child attributes and population."""
    name = info.path.name
    spec_name, table = {"csww_worker_csv": ("csww", "worker"), "csww_la_csv": ("csww", "la")}.get(
        info.layout, ("local", info.layout)
    )
    spec = load_spec(spec_name)
    raw = local.read_table(info.path, spec_name, table, log)
    if raw is None:
        return
    if info.layout == "population":
        typed = check_table(
            raw.assign(collection_year=0), spec.tables[table], spec, file=name, log=log, year_end=None
        )
        typed = typed.assign(source_file=name)
        staged.add("local_population", typed, ["la_code", "year"])
        return
    la = resolve_la(name, None, la_code, log, info.path)
    if la is None:
        return
    per_row = local.YEAR_FROM.get(table) if spec_name == "local" else None
    if per_row:
        dates = parse_dates(clean_text(raw[per_row]), spec.date_formats)
        years = (dates.dt.year + (dates.dt.month > 3)).fillna(info.path_year or 0).astype(int)
        if spec_name == "local" and table == "workforce_monthly":
            raw = local.default_team(raw)
        raw = raw.assign(collection_year=years)
    else:
        year = info.path_year
        if year is None and spec_name == "csww":
            _year_note(log, name, None, "path", "")
            return
        today = date.today()
        raw = raw.assign(collection_year=year or today.year + (today.month > 3))
    end = (9, 30) if spec_name == "csww" else None
    typed = _typed(raw, spec, table, name, la, log, year_end=end)
    typed = integrity.drop_duplicates(typed, spec.tables[table], log)
    if info.layout == "rhi":
        local.check_rhi(typed, log)
    staged.add(local.RAW_TABLES[info.layout], typed, ["la_code", *spec.tables[table].key])
    if spec_name == "csww":
        year = int(typed["collection_year"].iloc[0]) if len(typed) else info.path_year
        staged.returns.append(ReturnRead("csww", la, name, info.path, info.root, year))
        return
    earliest, latest = date_range(typed[per_row]) if per_row else (None, None)
    staged.returns.append(
        ReturnRead(info.layout, la, name, info.path, info.root, earliest_date=earliest, latest_date=latest)
    )
