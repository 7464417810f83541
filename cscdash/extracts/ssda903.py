"""SSDA903 (children looked after): per-table CSVs and the XML return, to the ``ssda903_*`` raw tables.

Both forms become the same text tables (the XML element names mapped to the CSV column names by the
``xml`` block of ``specs/ssda903.yml``), so one set of checks serves both: the same children through
the XML file and the CSVs give the same tables.

A return is the set of table files of one collection year: the CSVs in one folder, or one XML file.
Checks across the tables of a return (every child in the header, dates of birth agree, episodes in
order) run on the whole return in :mod:`cscdash.extracts.integrity`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from lxml import etree

from cscdash.extracts.fields import clean_text, parse_dates
from cscdash.extracts.problems import ERROR, WARNING, ProblemLog
from cscdash.extracts.spec import load_spec
from cscdash.extracts.text_files import align_columns, read_csv_text

#: Date columns that say when a table's events happened, for inferring a return's year from its dates.
#: Tables every return has rows in; the others may be empty (a heading row only is then a warning).
CORE_TABLES = ("header", "episodes")
EVENT_DATES = {
    "episodes": "DECOM",
    "reviews": "REVIEW",
    "missing": "MIS_START",
    "sw_episodes": "SW_DECOM",
    "placed_for_adoption": "DATE_PLACED",
    "ad1": "DATE_MATCH",
    "dolo": "DOLO_START",
}


def read_csv_table(path: Path, table: str, log: ProblemLog) -> pd.DataFrame | None:
    """One per-table CSV as text, headings aligned to the specification (YEAR and LA kept if present)."""
    raw = read_csv_text(path, log, no_rows=ERROR if table in CORE_TABLES else WARNING)
    if raw is None:
        return None
    tspec = load_spec("ssda903").tables[table]
    required = [n for n, f in tspec.fields.items() if f.required]
    return align_columns(raw, list(tspec.fields), required, path.name, log, frozenset({"YEAR", "LA"}))


def read_xml(tree: etree._ElementTree) -> dict[str, pd.DataFrame]:
    """The XML return as text tables (every table of the return that has rows)."""
    xml = load_spec("ssda903").raw["xml"]
    tables = load_spec("ssda903").tables
    rows: dict[str, list[dict]] = {t: [] for t in xml["tables"]}
    for child in tree.getroot().iterfind(xml["child"]):
        header = child.find("HEADER")
        child_id = (child.findtext(xml["child_id"]) or "").strip()
        dob = header.findtext("DOB") if header is not None else None
        for table, where in xml["tables"].items():
            rename = where.get("rename", {})
            for element in child.iterfind(where["path"]):
                values = {rename.get(e.tag, e.tag): (e.text or "") for e in element if len(e) == 0}
                if "when_any" in where and not _wanted(values, where):
                    continue
                row = {f: values.get(f, "") for f in tables[table].fields if f in values}
                row.update(
                    CHILD=child_id,
                    source_row=element.sourceline,
                    row_ref=f"CHILD {child_id} {element.tag} line {element.sourceline}",
                )
                if "DOB" in tables[table].fields and table != "header":
                    row["DOB"] = dob or ""
                rows[table].append(row)
    return {t: pd.DataFrame(r, dtype=object) for t, r in rows.items() if r}


def _wanted(values: dict[str, str], where: dict) -> bool:
    """A table kept in HEADER itself (OC3, AD1, UASC) exists for a child only when one of its items is set."""
    if where.get("when_flag") and values.get(where["when_flag"], "").strip() in ("1", "true", "True"):
        return True
    return any(values.get(f, "").strip() for f in where["when_any"])


def infer_year(tables: dict[str, pd.DataFrame]) -> tuple[int | None, str]:
    """A return's collection year from its dates: the year containing the latest event start.

    Uses the episodes' DECOM when the return has episodes (an episode cannot start after the year ends),
    else the latest event date of any table. Returns (year, explanation) or (None, '').
    """
    order = ["episodes"] + [t for t in EVENT_DATES if t != "episodes"]
    formats = load_spec("ssda903").date_formats
    for table in order:
        df = tables.get(table)
        col = EVENT_DATES[table]
        if df is None or col not in df.columns:
            continue
        dates = parse_dates(clean_text(df[col]), formats).dropna()
        if len(dates):
            latest = dates.max()
            year = latest.year + 1 if latest.month >= 4 else latest.year
            return year, f"latest {col} is {latest:%d/%m/%Y}"
    return None, ""
