"""The board pack's Excel files (xlsxwriter): the formatted scorecard, and the data behind the pack.

Text is written with ``write_string`` and the workbook is opened with ``strings_to_formulas`` and
``strings_to_urls`` off, so commentary such as ``=HYPERLINK(...)`` is a string in its cell, never a
formula or a link. Suppressed figures are the text 'c' (never the number).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import xlsxwriter

from cscdash.board_pack.content import NOT_IN_TABLES, PackContent
from cscdash.catalogue import Indicator

#: RAG fills (light, with the words in the cell too), by targets.Rag.status.
RAG_FILL = {"green": "#CCE2D8", "amber": "#FFE9B3", "red": "#F6D7D2", "grey": "#E5E6E7"}
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def _write_cell(sheet, row: int, col: int, value: object, fmt=None, number_fmt=None) -> None:
    """Numbers as numbers (with ``number_fmt``), everything else as a literal string."""
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float) and not pd.isna(value):
        sheet.write_number(row, col, float(value), number_fmt or fmt)
    elif value is None or (isinstance(value, float) and pd.isna(value)):
        sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def number_format(ind: Indicator) -> str:
    """The Excel number format of an indicator's figures: its decimals, and '%' for a percentage (the
    values are percentages already, 19.3 not 0.193, so the sign is literal text)."""
    digits = "0" if ind.decimals == 0 else "0." + "0" * ind.decimals
    return f'#,##{digits}"%"' if ind.unit == "percent" else f"#,##{digits}"


def _row_height(record: pd.Series, widths: dict[str, int], default_width: int = 14) -> float:
    """A row tall enough for its longest wrapped cell (15 points a line): spreadsheets do not always grow
    a row for wrapped text they did not write themselves."""
    lines = 1
    for name, value in record.items():
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        width = widths.get(str(name), default_width)
        lines = max(lines, sum(max(1, -(-len(part) // width)) for part in text.split("\n")))
    return 15.0 * lines


def _cover_lines(content: PackContent) -> list[str]:
    lines = [content.title, f"Running order: {content.set_name}", content.mode_statement]
    if content.synthetic:
        lines.insert(1, "SYNTHETIC DATA: not a real authority's figures")
    return lines


def write_scorecard(content: PackContent, path: Path) -> Path:
    """The quarterly scorecard as a formatted workbook: frozen header, RAG colours with words, figures as
    numbers with their units, and a Notes sheet of definitions and sources."""
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    header = book.add_format(
        {"bold": True, "bg_color": "#F3F2F1", "border": 1, "text_wrap": True, "valign": "top"}
    )
    wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    rag = {
        status: book.add_format({"bg_color": fill, "border": 1, "valign": "top"})
        for status, fill in RAG_FILL.items()
    }
    sheet = book.add_worksheet("Scorecard")
    for n, line in enumerate(_cover_lines(content)):
        sheet.write_string(n, 0, line, book.add_format({"bold": n == 0}))
    top = len(_cover_lines(content)) + 1
    table = content.scorecard.drop(columns=[c for c in NOT_IN_TABLES if c != "Published"])
    for col, name in enumerate(table.columns):
        sheet.write_string(top, col, str(name), header)
    widths = {
        "Service": 16,
        "Indicator": 40,
        "Reason for level of performance": 50,
        "Actions taken or planned": 50,
    }
    for r, (index, record) in enumerate(table.iterrows(), start=top + 1):
        row = content.rows[index]
        sheet.set_row(r, _row_height(record, widths))
        status = str(content.scorecard.loc[index, "RAG status"])
        number = book.add_format({"num_format": number_format(row.indicator), "border": 1, "valign": "top"})
        for col, name in enumerate(table.columns):
            value = record[name]
            card = row.outturns.get(name)
            if card is not None and card.value is not None:
                value = card.value  # a figure shown on the dashboard: a number with the indicator's format
            _write_cell(sheet, r, col, value, rag[status] if name == "RAG" else wrap, number)
    sheet.freeze_panes(top + 1, 2)
    widths = {
        "Service": 16,
        "Indicator": 40,
        "Reason for level of performance": 50,
        "Actions taken or planned": 50,
    }
    for col, name in enumerate(table.columns):
        sheet.set_column(col, col, widths.get(name, 14))
    sheet.autofilter(top, 0, top + len(table), len(table.columns) - 1)
    notes = book.add_worksheet("Notes")
    notes.write_string(0, 0, "Definitions and sources", book.add_format({"bold": True}))
    for col, name in enumerate(content.definitions.columns):
        notes.write_string(2, col, name, header)
        notes.set_column(col, col, 60 if name == "Definition" else 24)
    for r, record in enumerate(content.definitions.itertuples(index=False), start=3):
        for col, value in enumerate(record):
            _write_cell(notes, r, col, value, wrap)
    after = 4 + len(content.definitions)
    for n, line in enumerate(
        [
            content.mode_statement
            + ": counts of 1 to 5 and anything that would reveal them are shown as 'c'.",
            "x: not available (no return covers the period, too little history, or no cases).",
            "Outturns are the dashboard's own figures at each quarter end; England and SN averages are DfE's "
            "latest published figures for the year named in 'Published'.",
        ]
    ):
        notes.write_string(after + n, 0, line)
    book.close()
    return path


def write_data(content: PackContent, path: Path) -> Path:
    """Every figure in the pack, one row each, with numerator, denominator, period and suppression flag."""
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    header = book.add_format({"bold": True, "bg_color": "#F3F2F1", "border": 1})
    sheet = book.add_worksheet("Figures")
    for n, line in enumerate(_cover_lines(content)):
        sheet.write_string(n, 0, line)
    top = len(_cover_lines(content)) + 1
    for col, name in enumerate(content.data.columns):
        sheet.write_string(top, col, name, header)
    for r, record in enumerate(content.data.itertuples(index=False), start=top + 1):
        for col, value in enumerate(record):
            _write_cell(sheet, r, col, value)
    sheet.freeze_panes(top + 1, 0)
    sheet.autofit()
    book.close()
    return path
