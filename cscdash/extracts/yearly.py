"""Staging the yearly returns and the workforce census: SSDA903, the CIN census (XML or CSV), the CSWW.

A return is what one collection year says: the SSDA903 CSVs in one folder (or one XML file), one CIN
census file (or its flat CSVs), one workforce census (XML, or its worker and LA CSVs). Each gets its
collection year (file, path, YEAR column or dates, in that order), its LA, the field checks of its year's
specification and the row-level and cross-table checks of :mod:`cscdash.extracts.integrity`.
"""

from __future__ import annotations

import pandas as pd
from lxml import etree

from cscdash.extracts import cin_census, integrity, ssda903, workforce
from cscdash.extracts.coverage import ReturnRead, latest_event_date
from cscdash.extracts.detect import FileInfo
from cscdash.extracts.fields import year_label
from cscdash.extracts.problems import ERROR, WARNING, ProblemLog
from cscdash.extracts.spec import load_spec
from cscdash.extracts.staging import (
    Staged,
    check_rows,
    latest_date_year,
    read_table,
    resolve_la,
    year_note,
)

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
#: The workforce census CSV layouts (detect.csv_layout) and their tables.
CSWW_CSV = {"csww_worker_csv": "worker", "csww_la_csv": "la"}


def stage_903_return(
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
        year_note(log, first, year, how, why)
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
            frames.append(check_rows(raw, spec, table, info.path.name, la, log))
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
            f"the path (or YEAR column) says {year} but the {why}: taken as "
            f"{year_label(inferred)} (a year named by its start)",
        )
        return inferred
    return year


def stage_census(
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
        year, why = latest_date_year(ret.tables["details"], "CINreferralDate", spec.date_formats)
        how = "dates"
    year_note(log, name, year, how, why)
    la = resolve_la(name, ret.la_number, la_code, log, info.path)
    if year is None or la is None:
        return
    typed = {}
    for table, raw in ret.tables.items():
        t = check_rows(
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


def stage_cin_csv_return(
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
        year, why = latest_date_year(by_table["details"], "CINreferralDate", spec.date_formats)
        how = "dates"
    year_note(log, first, year, how, why)
    la = resolve_la(first, None, la_code, log, members[0][0].path)
    if year is None or la is None:
        return
    typed = {}
    for table, raw in cin_census.link_csv_tables(by_table, log).items():
        frames = [
            check_rows(part.assign(collection_year=year), spec, table, str(file), la, log)
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


def stage_csww_csv(info: FileInfo, la_code: str | None, staged: Staged, log: ProblemLog) -> None:
    """One CSV of the workforce census (``csww_worker_<YYYY>.csv``, ``csww_la_<YYYY>.csv``): its census year
    from the path, the LA from --la (or the folder)."""
    name = info.path.name
    table = CSWW_CSV[info.layout]
    spec = load_spec("csww")
    raw = read_table(info.path, spec.tables[table], log)
    if raw is None:
        return
    la = resolve_la(name, None, la_code, log, info.path)
    if la is None:
        return
    if info.path_year is None:
        year_note(log, name, None, "path", "")
        return
    raw = raw.assign(collection_year=info.path_year)
    typed = check_rows(raw, spec, table, name, la, log, year_end=(9, 30))
    typed = integrity.drop_duplicates(typed, spec.tables[table], log)
    staged.add(CSWW_TABLES[table], typed, ["la_code", *spec.tables[table].key])
    year = int(typed["collection_year"].iloc[0]) if len(typed) else info.path_year
    staged.returns.append(ReturnRead("csww", la, name, info.path, info.root, year))
