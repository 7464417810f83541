"""Reading one worksheet of an .xlsx workbook as text, with python-calamine.

A thin adapter: calamine (a maintained Rust reader, much faster than openpyxl) parses the workbook; this
only turns its typed cells back into the text the Annex A loaders check, so nothing is guessed from a
cell's look (``007`` stays ``007``):

- text as stored; empty cells, and error cells such as ``#N/A``, as ``''``;
- numbers as written, without a float's ``.0`` (an age of 9 is ``9``, 19.08 is ``19.08``);
- cells Excel formats as dates or times as ISO ``yyyy-mm-dd hh:mm:ss`` (a date alone ends ``00:00:00``,
  a time alone is on Excel's day zero, 1899-12-30), rounded to the second, so the common date checks
  read them;
- TRUE / FALSE as ``1`` / ``0``;
- formulas as their last calculated value.

A file that is not a readable workbook raises one of :data:`ERRORS`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

#: What goes wrong reading a file that claims to be a workbook (not a zip, broken XML, no such sheet).
ERRORS: tuple[type[Exception], ...] = (CalamineError,)
#: Excel's day zero: times without a date are on this day.
EPOCH = datetime(1899, 12, 30)
#: Beyond this a whole number is written as Python writes a float (1e+16), not as a long run of digits.
WHOLE_LIMIT = 1e16


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names in order."""
    with CalamineWorkbook.from_path(str(path)) as book:
        return list(book.sheet_names)


def read_sheet(path: Path, sheet: str) -> list[tuple[int, list[str]]]:
    """Every non-blank row of ``sheet``: (spreadsheet row number, cell texts from column A, '' for empty).

    A row whose cells are all empty or spaces is left out; trailing empty cells are dropped.
    """
    with CalamineWorkbook.from_path(str(path)) as book:
        # From A1 (skip_empty_area=False), so list positions are row and column numbers.
        values = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    rows: list[tuple[int, list[str]]] = []
    for number, row in enumerate(values, start=1):
        cells = [v if type(v) is str else _text(v) for v in row]
        if any(t.strip() for t in cells):
            while not cells[-1]:
                cells.pop()
            rows.append((number, cells))
    return rows


def _number(value: float) -> str:
    if value.is_integer() and abs(value) < WHOLE_LIMIT:
        return str(int(value))
    return repr(value)


def _stamp(value: datetime) -> str:
    if value.microsecond:  # Excel keeps times as fractions of a day: 10:00 may come back as 09:59:59.999
        value = EPOCH + timedelta(seconds=round((value - EPOCH).total_seconds()))
    return value.isoformat(sep=" ")


_CONVERT: dict[type, Callable[[object], str]] = {
    float: _number,
    int: str,
    bool: lambda v: "1" if v else "0",
    datetime: _stamp,
    date: lambda v: f"{v.isoformat()} 00:00:00",
    time: lambda v: _stamp(datetime.combine(EPOCH.date(), v)),
    timedelta: lambda v: _stamp(EPOCH + v),  # durations ([h]:mm) from day zero, as Excel counts them
}


@lru_cache(maxsize=1 << 16, typed=True)  # typed: True, 1 and 1.0 are equal keys otherwise
def _text(value: object) -> str:
    """One non-text cell as text (cached: a sheet repeats the same dates and numbers many times)."""
    convert = _CONVERT.get(type(value))
    return convert(value) if convert is not None else str(value)
