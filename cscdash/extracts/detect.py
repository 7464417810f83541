"""Recognising what a file is, and which collection year it belongs to.

Councils name their files however their case management system names them ("SSDA903_2020_episodes.csv",
"episodes (2).csv", "Export_LAC_Header.csv"), so a CSV is recognised by its header row, never by its name;
an XML return by its root element and collection; a workbook by its Annex A list 1, 8 and 9 sheets.

The collection year comes from the file itself where it says (CIN and workforce XML headers), else from
the path (``2024-25``, ``202425`` or ``2025`` in a file or folder name), else it is inferred by the reader
from the dates in the file (reported as a warning).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from cscdash.extracts import annex_a, annex_a_snapshots, local
from cscdash.extracts.spec import load_spec

DATA_SUFFIXES = {".csv", ".xml", ".xlsx", ".xlsm"}
#: CSV layouts of the workforce census: (layout, spec name, table). Local sources are added from their
#: specifications (cscdash.extracts.local): layout and table are the source's name.
OTHER_CSV = [
    ("csww_worker_csv", "csww", "worker"),
    ("csww_la_csv", "csww", "la"),
]
#: Columns a 903 file may carry beyond the specification: the stitching samples add the return's LA and year.
EXTRA_903_COLUMNS = {"LA", "YEAR"}
_YEAR_SPAN = re.compile(r"(?<!\d)(20\d\d)[-_/ ]?(\d\d)(?!\d)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass(frozen=True)
class FileInfo:
    """A recognised file."""

    path: Path
    layout: str  # ssda903_csv, ssda903_xml, cin_xml, csww_xml, csww_worker_csv, annex_a, annex_a_list8, ...
    table: str | None = None  # the SSDA903 table of a per-table CSV
    sha256: str = ""
    path_year: int | None = None
    path_year_bare: bool = False  # the path said "2017" (which some tools use for 2017-18), not "2016-17"
    root: Path | None = None  # the folder (or file) given to the load: names above it say nothing


def sha256_of(path: Path) -> str:
    """Hex digest of a file's bytes (recorded in the load log)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def year_from_path(path: Path, root: Path | None = None) -> int | None:
    """The collection year named in the file name or a folder name (nearest first), by its end year."""
    return year_in_path(path, root)[0]


def year_in_path(path: Path, root: Path | None = None) -> tuple[int | None, bool]:
    """(year, bare): the year named in the path and whether it was a bare ``YYYY`` rather than a span."""
    parts = [path.name] + [p.name for p in path.parents]
    if root is not None and root != path:
        parts = [path.name] + [p.name for p in path.parents if p == root or root in p.parents]
    for part in parts:
        for first, second in _YEAR_SPAN.findall(part):
            if int(second) == (int(first) + 1) % 100:
                return int(first) + 1, False
        match = _YEAR.search(part)
        if match:
            return int(match.group(1)), True
    return None, False


def find_files(paths: list[Path]) -> list[tuple[Path, Path]]:
    """Every (file, root) under ``paths``: folders are searched recursively for data files."""
    found: list[tuple[Path, Path]] = []
    for root in paths:
        root = Path(root)
        if root.is_dir():
            found += [
                (p, root)
                for p in sorted(root.rglob("*"))
                if p.is_file() and p.suffix.lower() in DATA_SUFFIXES and not p.name.startswith((".", "~$"))
            ]
        else:
            found.append((root, root.parent))
    return found


def csv_layout(headings: list[str]) -> tuple[str, str | None, list[str]]:
    """Best layout for a CSV header row: (layout, table, missing required headings); ('unknown', None, [])."""
    norm = {h.strip().upper() for h in headings}
    if "GENDERCURRENT" in norm:
        norm = (norm - {"GENDERCURRENT"}) | {"SEX"}  # the CIN child table before 2024-25
    best: tuple[float, str, str | None, list[str]] = (0.0, "unknown", None, [])
    statutory = [(layout, table, load_spec(name).tables[table]) for layout, name, table in _statutory_csv()]
    local_csv = [(name, name, src.table_spec) for name, src in local.sources().items()]
    # SSDA903 and workforce census, local sources, then the CIN census CSVs: the first of equal scores wins
    candidates = [c for c in statutory if c[0] != "cin_csv"] + local_csv
    candidates += [c for c in statutory if c[0] == "cin_csv"]
    for layout, table, tspec in candidates:
        if layout == "cin_csv":
            expected = {c.upper() for c in load_spec("cin_census").raw["csv"][table]}
        else:
            expected = {
                c.upper()
                for c, f in zip(tspec.file_columns, tspec.fields.values(), strict=True)
                if not f.optional_column
            }
        extra = EXTRA_903_COLUMNS if layout == "ssda903_csv" else set()
        matched = len(expected & norm)
        score = matched / len(expected | (norm - extra))
        if score > best[0] and layout == "cin_csv":
            best = (score, layout, table, [])
        elif score > best[0]:
            required = [
                c
                for c, f in zip(tspec.file_columns, tspec.fields.values(), strict=True)
                if f.required and c.upper() not in norm
            ]
            best = (score, layout, table, required)
    snapshot_list = annex_a_snapshots.csv_list(headings) if best[0] < 0.9 else None
    # Before list 1: list 9's "Latest Date of Contact" looks like a contact date.
    if snapshot_list is not None:
        return f"annex_a_list{snapshot_list}", None, []
    if annex_a.looks_like_list1(headings) and best[0] < 0.9:
        return "annex_a", None, []
    if best[0] < 0.5:
        return "unknown", None, []
    return best[1], best[2], best[3]


def _statutory_csv() -> list[tuple[str, str, str]]:
    """(layout, spec name, table) of every statutory CSV layout: SSDA903 tables, CIN census CSVs, CSWW."""
    found = [("ssda903_csv", "ssda903", t) for t in load_spec("ssda903").tables] + OTHER_CSV
    return found + [("cin_csv", "cin_census", t) for t in load_spec("cin_census").raw["csv"]]


def xml_layout(head: str) -> str:
    """'ssda903_xml', 'cin_xml', 'csww_xml' or 'unknown', from the start of the document."""
    root = re.search(r"<([A-Za-z_][\w.-]*)[\s>/]", re.sub(r"<\?.*?\?>|<!--.*?-->", "", head, flags=re.S))
    if root is None:
        return "unknown"
    if root.group(1) == "EXPSSDA903":
        return "ssda903_xml"
    collection = re.search(r"<Collection>\s*([A-Za-z]+)\s*</Collection>", head)
    if root.group(1) == "Message" and collection:
        return {"CIN": "cin_xml", "CSWW": "csww_xml"}.get(collection.group(1).upper(), "unknown")
    if root.group(1) == "Message" and "<CSWWWorker>" in head:
        return "csww_xml"
    if root.group(1) == "Message" and "<Children>" in head:
        return "cin_xml"
    return "unknown"
