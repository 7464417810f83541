"""The xlsx adapter over python-calamine: each cell as the text the Annex A checks read (hand-made books)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
import xlsxwriter

from cscdash.extracts import annex_a, xlsx_reader
from cscdash.extracts.problems import ProblemLog
from cscdash.extracts.returns import WORKBOOK_ERRORS
from tests.extracts.conftest import BAD_FILES


@pytest.fixture
def workbook(tmp_path):
    """A workbook with a list 1 sheet whose heading row is row 3 from column B, and a second sheet."""
    path = tmp_path / "book.xlsx"
    wb = xlsxwriter.Workbook(path)
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    stamp = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    clock = wb.add_format({"num_format": "hh:mm"})
    hours = wb.add_format({"num_format": "[h]:mm"})
    ws = wb.add_worksheet("List 1")
    wb.add_worksheet("Notes").write(0, 0, "x")
    ws.write_row(2, 1, ["Child ID", "Age of Child (Years)", "Date of Birth", "Contact Date", "Time", "Flag"])
    ws.write_string(3, 1, "007")
    ws.write_number(3, 2, 9)
    ws.write_datetime(3, 3, date(2015, 5, 3), day)
    ws.write_datetime(3, 4, datetime(2024, 1, 2, 10, 0), stamp)
    ws.write_datetime(3, 5, time(10, 30), clock)
    ws.write_boolean(3, 6, True)
    ws.write_number(4, 1, 123456789012)
    ws.write_number(4, 2, 19.08)
    ws.write_string(4, 3, "03/05/2015")  # a date typed as text stays as typed
    ws.write_datetime(4, 4, datetime(2024, 1, 2, 10, 0, 0, 600000), stamp)  # to the nearest second
    ws.write_number(4, 5, 1.5, hours)
    ws.write_boolean(4, 6, False)
    ws.write_string(6, 1, "   ")  # row 7: spaces only, left out like an empty row
    ws.write_formula(7, 2, "=C4*2", None, 18)
    ws.write_string(7, 9, "")  # a written empty string past the last value does not widen the row
    wb.close()
    return path


def test_sheet_names_in_order(workbook):
    assert xlsx_reader.sheet_names(workbook) == ["List 1", "Notes"]


def test_cells_as_text_with_spreadsheet_row_numbers(workbook):
    rows = xlsx_reader.read_sheet(workbook, "List 1")
    assert rows == [
        (3, ["", "Child ID", "Age of Child (Years)", "Date of Birth", "Contact Date", "Time", "Flag"]),
        (4, ["", "007", "9", "2015-05-03 00:00:00", "2024-01-02 10:00:00", "1899-12-30 10:30:00", "1"]),
        (5, ["", "123456789012", "19.08", "03/05/2015", "2024-01-02 10:00:01", "1899-12-31 12:00:00", "0"]),
        (8, ["", "", "18"]),
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (9.0, "9"),
        (-3.0, "-3"),
        (0.125, "0.125"),
        (1e20, "1e+20"),
        (7, "7"),
        (True, "1"),
        (False, "0"),
        (date(2024, 3, 31), "2024-03-31 00:00:00"),
        (datetime(2024, 3, 31, 23, 59, 59, 700000), "2024-04-01 00:00:00"),
        (datetime(2024, 3, 31, 9, 59, 59, 999000), "2024-03-31 10:00:00"),
        (time(0, 0), "1899-12-30 00:00:00"),
    ],
)
def test_calamine_values_to_text(value, text):
    assert xlsx_reader._text(value) == text


def test_not_a_workbook_is_a_workbook_error():
    path = BAD_FILES / "xlsx_not_a_workbook" / "annex_a_list1_contacts_2024-25.xlsx"
    with pytest.raises(WORKBOOK_ERRORS):
        xlsx_reader.sheet_names(path)


def test_annex_a_read_refuses_a_file_that_is_not_a_workbook():
    log = ProblemLog()
    path = BAD_FILES / "xlsx_not_a_workbook" / "annex_a_list1_contacts_2024-25.xlsx"
    assert annex_a.read(path, log) is None
    assert [p.rule for p in log.items] == ["FILE_MALFORMED"]
