"""Reading one worksheet of an .xlsx workbook as text, quickly and safely.

An Annex A workbook of a year's contacts is tens of thousands of rows; openpyxl builds a Python object
per cell and took about six seconds per year's file, most of a demo load. A worksheet is just XML in a
zip, so this reads it with lxml's ``iterparse`` (entities not resolved, no network, no DTD), row by row,
giving every cell as text. Cells styled as dates (Excel stores them as day numbers) are written as
ISO ``yyyy-mm-dd hh:mm:ss`` so the common date checks read them.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from lxml import etree

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Excel's built-in number formats that are dates or times.
BUILTIN_DATE_FORMATS = set(range(14, 23)) | set(range(45, 48)) | set(range(27, 37)) | set(range(50, 59))
EPOCH = datetime(1899, 12, 30)
DIGITS = "0123456789"


def _xml(zf: zipfile.ZipFile, name: str) -> etree._Element | None:
    if name not in zf.namelist():
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    return etree.fromstring(zf.read(name), parser=parser)


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names in order."""
    with zipfile.ZipFile(path) as zf:
        book = _xml(zf, "xl/workbook.xml")
        return [s.get("name") for s in book.iter(f"{NS}sheet")] if book is not None else []


def _sheet_path(zf: zipfile.ZipFile, sheet: str) -> str:
    book = _xml(zf, "xl/workbook.xml")
    rels = _xml(zf, "xl/_rels/workbook.xml.rels")
    rid = next(s.get(f"{REL_NS}id") for s in book.iter(f"{NS}sheet") if s.get("name") == sheet)
    target = next(r.get("Target") for r in rels.iter(f"{PKG_REL_NS}Relationship") if r.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _shared_strings(zf: zipfile.ZipFile) -> list[str]:
    root = _xml(zf, "xl/sharedStrings.xml")
    if root is None:
        return []
    return ["".join(t.text or "" for t in si.iter(f"{NS}t")) for si in root.iter(f"{NS}si")]


def _date_styles(zf: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles whose number format is a date or time."""
    root = _xml(zf, "xl/styles.xml")
    if root is None:
        return set()
    custom = {
        int(f.get("numFmtId"))
        for f in root.iter(f"{NS}numFmt")
        if re.search(r"[dmyhs]", re.sub(r'"[^"]*"|\[[^\]]*\]', "", f.get("formatCode", "")), re.I)
    }
    xfs = root.find(f"{NS}cellXfs")
    if xfs is None:
        return set()
    return {
        i
        for i, xf in enumerate(xfs.iter(f"{NS}xf"))
        if int(xf.get("numFmtId", 0)) in BUILTIN_DATE_FORMATS | custom
    }


@cache
def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


@cache
def _as_date(serial: str) -> str:
    try:
        # Excel keeps times as fractions of a day; round to the second (10:00 is stored as 0.41666...).
        return (EPOCH + timedelta(seconds=round(float(serial) * 86400))).strftime("%Y-%m-%d %H:%M:%S")
    except (ValueError, OverflowError):
        return serial


def read_sheet(path: Path, sheet: str) -> list[tuple[int, list[str]]]:
    """Every non-empty row of ``sheet``: (spreadsheet row number, cell texts with '' for empty cells)."""
    rows: list[tuple[int, list[str]]] = []
    with zipfile.ZipFile(path) as zf:
        shared = _shared_strings(zf)
        dates = _date_styles(zf)
        cell_tag, value_tag, text_tag = f"{NS}c", f"{NS}v", f"{NS}t"
        with zf.open(_sheet_path(zf, sheet)) as fh:
            for _, row in etree.iterparse(
                fh, tag=f"{NS}row", resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
            ):
                cells: dict[int, str] = {}
                for position, c in enumerate(row):
                    if c.tag != cell_tag:
                        continue
                    kind, style = c.get("t"), c.get("s")
                    first = c[0] if len(c) else None
                    if kind == "inlineStr":
                        text = "".join(t.text or "" for t in c.iter(text_tag))
                    else:
                        text = (first.text or "") if first is not None and first.tag == value_tag else ""
                        if kind == "s" and text:
                            text = shared[int(text)]
                        elif kind in (None, "n") and text and style is not None and int(style) in dates:
                            text = _as_date(text)
                    ref = c.get("r")
                    cells[_column_index(ref.rstrip(DIGITS)) if ref else position] = text
                number = int(row.get("r", len(rows) + 1))
                row.clear()
                if any(t.strip() for t in cells.values()):
                    line = [""] * (max(cells) + 1)
                    for i, text in cells.items():
                        line[i] = text
                    rows.append((number, line))
    return rows
