"""Annex A lists 8 and 9: option labels to codes, snapshot dates, replacement, workbooks (by hand)."""

from __future__ import annotations

import csv
import shutil
from datetime import date, datetime

import pytest
import xlsxwriter

from cscdash import db
from cscdash.extracts import annex_a_snapshots, detect
from cscdash.extracts.loader import load_paths
from tests.extracts.conftest import FIXTURES, LA, REF, need, snapshot

SNAPS = FIXTURES / "snapshots"
LIST8 = SNAPS / "annex_a_list8_2025-03-31.csv"
LIST9 = SNAPS / "annex_a_list9_2025-03-31.csv"
ANNEX = REF / "liia-tools" / "liiatools" / "spec" / "annex_a" / "samples" / "Annex_A.xlsx"
CLA_COLS = (
    "child_id", "sex", "ethnicity", "age_years", "uasc", "disability", "category_of_need",
    "second_period_12m", "legal_status", "permanence_plan", "date_ceased", "reason_ceased",
    "placement_type", "placement_provider", "placement_location", "placement_la",
    "missing_episodes_12m", "absent_episodes_12m", "rhi_offered_last", "rhi_accepted_last",
)  # fmt: skip
CL_COLS = (
    "child_id", "sex", "ethnicity", "uasc", "allocated_pa", "eligibility", "latest_pathway_plan_review",
    "in_touch", "accommodation", "suitability", "activity",
)  # fmt: skip
BOOKKEEPING = {"load_id", "source_file", "source_row"}


def _load(tmp_path, *paths, name="t"):
    con = db.connect(tmp_path / f"{name}.duckdb")
    result = load_paths(con, list(paths), la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    return con, result


def _rows(con, table, cols):
    return sorted(con.table(table).select(*cols).fetchall())


def _data(con, table):
    rel = con.table(table)
    return sorted(rel.select(*[c for c in rel.columns if c not in BOOKKEEPING]).fetchall(), key=repr)


def test_list8_rows_land_with_the_ofsted_options_as_codes(tmp_path):
    con, _ = _load(tmp_path, LIST8)
    # Row by row from the fixture: 'a) Male' -> M, 'APKN' -> APKN, 'N4 - Family in acute stress' -> N4,
    # 'V2: Single period under S20' -> V2, 'f) Long-term fostering' -> long_term_fostering, 'K2 - Children's
    # home' -> K2, 'b) Private' -> private, 'b) Out' -> out, 'c) Unknown' disability -> blank,
    # 'a) E11: Adopted ...' -> E11, 'i) A5: ...' -> A5, 'e) PR4 - Private provision' -> private.
    assert _rows(con, "annexa_cla", CLA_COLS) == [
        ("S001", "M", "WBRI", 12, False, False, "N1", False, "C2", "long_term_fostering", None, None,
         "U4", "own_la", "in", None, 0, 0, None, None),
        ("S002", "F", "APKN", 16, False, True, "N4", True, "V2", "return_home", None, None,
         "K2", "private", "out", "Somerset", 3, 1, True, False),
        ("S003", "F", "WBRI", 17, False, None, "N1", False, "E1", "adoption", date(2025, 2, 28), "E11",
         "A5", "private", "in", None, 0, 0, None, None),
    ]  # fmt: skip
    # The snapshot date is the file name's; 31 March 2025 is in the DfE year April 2024 - March 2025.
    assert set(con.table("annexa_cla").select("snapshot_date", "collection_year").fetchall()) == {
        (date(2025, 3, 31), 2025)
    }


def test_list9_rows_land_with_the_ofsted_options_as_codes(tmp_path):
    con, _ = _load(tmp_path, LIST9)
    # 'a) Relevant' -> relevant, 'b) Former relevant' -> former_relevant (not relevant),
    # 'D - Semi-independent' -> D, 'W' -> W (bed and breakfast), 'U: Independent living' -> U,
    # 'c) Not in touch or not recorded' -> not_known, 'F2 - Full time ...' -> F2, '0' -> 0 (not known).
    assert _rows(con, "annexa_care_leavers", CL_COLS) == [
        ("L001", "M", "BAFR", True, "PA One", "relevant", date(2025, 2, 1), "in_touch", "D", "suitable",
         "F2"),
        ("L002", "F", "WBRI", False, "PA Two", "former_relevant", date(2024, 9, 15), "not_in_touch", "W",
         "not_suitable", "G5"),
        ("L003", "M", "WBRI", False, None, "qualifying", None, "not_recorded", "U", "not_known", "0"),
    ]  # fmt: skip


def test_reloading_the_same_snapshots_changes_nothing(tmp_path):
    con, first = _load(tmp_path, SNAPS)
    before = snapshot(con)
    again = load_paths(con, [SNAPS], la_code=LA)
    assert again.ok and again.load_id is None
    assert snapshot(con) == before
    assert first.changes["annexa_cla"] == {"inserted": 3, "updated": 0, "deleted": 0}


def _csv_rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return path


def test_a_reloaded_snapshot_replaces_the_whole_snapshot(tmp_path):
    rows = _csv_rows(LIST9)
    head = rows[0]
    april = _write_csv(tmp_path / "annex_a_list9_2025-04-30.csv", rows)  # another date, left alone
    con, _ = _load(tmp_path, LIST9, april)
    # The corrected March file: L002 removed, L001 now in bed and breakfast, L003 as before.
    fixed = [head, rows[1][:], rows[3]]
    fixed[1][head.index("Type of Accommodation")] = "W - Bed and breakfast"
    folder = tmp_path / "fix"
    folder.mkdir()
    result = load_paths(con, [_write_csv(folder / "annex_a_list9_2025-03-31.csv", fixed)], la_code=LA)
    assert result.ok
    # L001 updated, L002 deleted, L003 untouched (keeps load 1); April's three rows untouched.
    assert result.changes["annexa_care_leavers"] == {"inserted": 0, "updated": 1, "deleted": 1}
    got = con.table("annexa_care_leavers").select("snapshot_date", "child_id", "accommodation", "load_id")
    assert sorted(got.fetchall()) == [
        (date(2025, 3, 31), "L001", "W", 2),
        (date(2025, 3, 31), "L003", "U", 1),
        (date(2025, 4, 30), "L001", "D", 1),
        (date(2025, 4, 30), "L002", "W", 1),
        (date(2025, 4, 30), "L003", "U", 1),
    ]
    # 30 April 2025 falls in April 2025 - March 2026: collection year 2026.
    years = con.table("annexa_care_leavers").select("snapshot_date", "collection_year").distinct().fetchall()
    assert sorted(years) == [(date(2025, 3, 31), 2025), (date(2025, 4, 30), 2026)]


def _workbook(path, sheets):
    """The fixture CSVs as worksheets; date cells written as real Excel dates (as councils' exports are)."""
    wb = xlsxwriter.Workbook(path)
    date_format = wb.add_format({"num_format": "dd/mm/yyyy"})
    for sheet, source in sheets.items():
        ws = wb.add_worksheet(sheet)
        for r, row in enumerate(_csv_rows(source)):
            for c, value in enumerate(row):
                if r and len(value) == 10 and value[2] == "/" and value[5] == "/":
                    ws.write_datetime(r, c, datetime.strptime(value, "%d/%m/%Y"), date_format)
                elif value:
                    ws.write_string(r, c, value)
    wb.close()
    return path


def test_xlsx_and_csv_give_the_same_tables(tmp_path):
    xlsx = _workbook(
        tmp_path / "annex_a_2025-03-31.xlsx", {"List 8 - Children in care": LIST8, "List 9": LIST9}
    )
    via_xlsx, result = _load(tmp_path, xlsx, name="xlsx")
    via_csv, _ = _load(tmp_path, LIST8, LIST9, name="csv")
    assert result.rows == {"annexa_cla": 3, "annexa_care_leavers": 3}
    for table in ("annexa_cla", "annexa_care_leavers"):
        assert _data(via_xlsx, table) == _data(via_csv, table)
    rows = via_xlsx.table("annexa_cla").select("child_id", "source_row").order("child_id").fetchall()
    assert rows == [("S001", 1), ("S002", 2), ("S003", 3)]


def test_a_workbook_with_only_snapshot_lists_needs_its_date(tmp_path):
    xlsx = _workbook(tmp_path / "annex_a_march.xlsx", {"List 9": LIST9})
    result = load_paths(db.connect(None), [xlsx], la_code=LA)
    assert not result.ok
    assert [p.rule for p in result.errors] == ["SNAPSHOT_DATE"]
    assert "annex_a_list9_2025-03-31.csv" in result.errors[0].message


def test_the_full_reference_workbook_loads_list1_and_warns_about_the_missing_date(tmp_path):
    con, result = _load(tmp_path, need(ANNEX))
    assert result.rows == {"annexa_contacts": 5}
    assert any(p.rule == "SNAPSHOT_DATE" and p.severity == "warning" for p in result.problems)


def test_the_reference_workbook_lists_8_and_9_with_a_date_in_its_name(tmp_path):
    dated = tmp_path / "Annex_A_2021-03-31.xlsx"
    shutil.copy(need(ANNEX), dated)
    con, result = _load(tmp_path, dated)
    # liia-tools sample: List 8 has 5 children, List 9 6 care leavers, List 1 5 contacts (counted in Excel).
    assert result.rows == {"annexa_contacts": 5, "annexa_cla": 5, "annexa_care_leavers": 6}
    cols = ("child_id", "age_years", "legal_status", "date_ceased", "reason_ceased", "placement_type",
            "placement_provider", "category_of_need")  # fmt: skip
    # Child 3623204: 'C1: ICO', ceased 22/09/2020 'k) E47: Special Guardianship ...', 'n) H5: Residential
    # accommodation', 'e) PR4 - Private provision', 'N1 - Abuse or Neglect', age 17.637... -> 17.
    assert ("3623204", 17, "C1", date(2020, 9, 22), "E47", "H5", "private", "N1") in _rows(
        con, "annexa_cla", cols
    )
    # Child 7961370: 'b) Former relevant child', LA in touch 'a) Yes', 'Y: Other accommodation',
    # 'a) Suitable', 'F1: Full time in higher education'.
    leavers = _rows(con, "annexa_care_leavers", ("child_id", "eligibility", "in_touch", "accommodation",
                                                 "suitability", "activity"))  # fmt: skip
    assert ("7961370", "former_relevant", "in_touch", "Y", "suitable", "F1") in leavers
    assert ("4939073", "former_relevant", "in_touch", None, None, None) in leavers


def test_csvs_are_recognised_by_their_headings_whatever_their_name():
    head8 = _csv_rows(LIST8)[0]
    head9 = _csv_rows(LIST9)[0]
    assert detect.csv_layout(head8)[0] == "annex_a_list8"
    # List 9 has 'Latest Date of Contact', which list 1's patterns would take for a contact date.
    assert detect.csv_layout(head9)[0] == "annex_a_list9"
    assert (
        detect.csv_layout(["CHILD ID", "Gender", "Placement Type", "Date started to be looked after"])[0]
        == "annex_a_list8"
    )
    assert (
        detect.csv_layout(["Child Unique ID", "Gender", "Date of Contact", "Contact Source"])[0] == "annex_a"
    )


@pytest.mark.parametrize(
    ("name", "day", "year"),
    [
        ("annex_a_list8_2025-03-31.csv", date(2025, 3, 31), 2025),  # 31 March ends the 2024-25 year
        ("annex_a_list9_2025-04-01_SYNTHETIC.csv", date(2025, 4, 1), 2026),  # 1 April starts 2025-26
        ("list9_20240229.csv", date(2024, 2, 29), 2024),  # YYYYMMDD, a leap day
        ("list9_2025-02-30_or_2025-01-31.csv", date(2025, 1, 31), 2025),  # 30 Feb is no date: the next one
        ("list9_march.csv", None, None),
    ],
)
def test_snapshot_date_from_the_file_name(name, day, year):
    assert annex_a_snapshots.snapshot_date(name) == day
    if day is not None:
        assert annex_a_snapshots.collection_year(day) == year


def test_dates_after_the_snapshot_are_warnings_and_loaded(tmp_path):
    rows = _csv_rows(LIST9)
    # L002's pathway plan review dated 2 April, two days after the 31 March snapshot: a warning, loaded.
    rows[2][rows[0].index("Latest Pathway Plan Review Date")] = "02/04/2025"
    con, result = _load(tmp_path, _write_csv(tmp_path / "annex_a_list9_2025-03-31.csv", rows))
    (warning,) = [p for p in result.warnings if p.rule == "DATE_AFTER_SNAPSHOT"]
    assert (warning.row_ref, warning.field, warning.value) == (
        "row 2",
        "latest_pathway_plan_review",
        "02/04/2025",
    )
    assert _rows(con, "annexa_care_leavers", ("child_id", "latest_pathway_plan_review"))[1] == (
        "L002",
        date(2025, 4, 2),
    )
