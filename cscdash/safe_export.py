"""Files the app writes for people to open in a spreadsheet: a text cell that a spreadsheet would read as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
apostrophe, so it stays text (CSV injection). A child id such as ``=cmd|calc!A1`` is refused at load
(``cscdash.extracts``), but free text (a file name, a problem message quoting a value, a category from a
local file) can still start that way. Numbers are never touched: only strings are.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value`` as a spreadsheet will take it as text: strings that start like a formula get a leading
    apostrophe; everything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (no index) with every text cell and heading neutralised."""
    safe = frame.map(neutralise).rename(columns=lambda c: neutralise(str(c)))
    return safe.to_csv(index=False)


def safe_xlsx(frame: pd.DataFrame, sheet: str = "Rows") -> bytes:
    """``frame`` as an Excel workbook (one sheet, no index). The writer is told never to turn a string
    into a formula or a link, so every cell is stored as text or a number, exactly as in the frame (no
    apostrophe needed: a workbook, unlike a CSV, says which cells are formulas)."""
    buffer = io.BytesIO()
    safe = frame.rename(columns=str)
    options = {"strings_to_formulas": False, "strings_to_urls": False, "remove_timezone": True}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        safe.to_excel(writer, sheet_name=sheet[:31], index=False)
        writer.sheets[sheet[:31]].autofit()
    return buffer.getvalue()
