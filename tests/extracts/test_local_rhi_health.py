"""rhi.csv and health_assessments.csv: local layouts recognised by their heading row (expected by hand)."""

from __future__ import annotations

from datetime import date

from cscdash import db
from cscdash.extracts import detect
from cscdash.extracts.loader import load_paths
from tests.extracts.conftest import FIXTURES, LA, snapshot

SNAPS = FIXTURES / "snapshots"
RHI_HEAD = "Child Unique ID,MIS_START,RHI Offered Date,RHI Completed Date,RHI Accepted\n"


def _load(tmp_path, *paths):
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, list(paths), la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    return con, result


def test_recognised_by_heading_row():
    assert detect.csv_layout(RHI_HEAD.strip().split(","))[:2] == ("rhi", "rhi")
    heads = ["Child Unique ID", "Assessment Date", "Assessment Type"]
    assert detect.csv_layout(heads)[:2] == ("health_assessments", "health_assessments")


def test_rhi_rows_land(tmp_path):
    con, _ = _load(tmp_path, SNAPS / "rhi.csv")
    rows = con.table("local_rhi").select(
        "child_id", "mis_start", "rhi_offered_date", "rhi_completed_date", "rhi_accepted", "collection_year"
    )
    # Collection year by MIS_START: May and June 2024 and March 2025 all fall in April 2024 - March 2025.
    assert sorted(rows.fetchall()) == [
        ("R001", date(2024, 5, 3), date(2024, 5, 4), date(2024, 5, 5), True, 2025),
        ("R001", date(2024, 6, 20), date(2024, 6, 21), None, False, 2025),
        ("R002", date(2025, 3, 1), None, None, None, 2025),
    ]


def test_health_assessment_rows_land(tmp_path):
    con, _ = _load(tmp_path, SNAPS / "health_assessments.csv")
    rows = con.table("local_health_assessments").select(
        "child_id", "assessment_date", "assessment_type", "collection_year"
    )
    # 'Initial' is taken as IHA; 2 April 2025 (ISO in the file) is in the year to March 2026.
    assert sorted(rows.fetchall()) == [
        ("R001", date(2024, 5, 10), "IHA", 2025),
        ("R001", date(2024, 11, 9), "RHA", 2025),
        ("R002", date(2025, 4, 2), "IHA", 2026),
    ]


def test_reloading_changes_nothing(tmp_path):
    con, _ = _load(tmp_path, SNAPS / "rhi.csv", SNAPS / "health_assessments.csv")
    before = snapshot(con)
    again = load_paths(con, [SNAPS / "rhi.csv", SNAPS / "health_assessments.csv"], la_code=LA)
    assert again.ok and again.load_id is None
    assert snapshot(con) == before


def test_completed_without_an_offer_is_a_warning_and_loaded(tmp_path):
    path = tmp_path / "rhi.csv"
    path.write_text(RHI_HEAD + "R001,03/05/2024,,05/05/2024,Y\nR002,03/05/2024,,,N\n", encoding="utf-8")
    con, result = _load(tmp_path, path)
    # Row 1 was completed (and accepted) with no offer date; row 2 has nothing and is fine.
    assert [(p.rule, p.row_ref) for p in result.warnings] == [("RHI_NOT_OFFERED", "row 1")]
    assert con.table("local_rhi").count("*").fetchall() == [(2,)]


def test_same_day_offer_and_completion_is_fine(tmp_path):
    path = tmp_path / "rhi.csv"
    # Offered and completed on the day the child went missing: not before, so no error.
    path.write_text(RHI_HEAD + "R001,03/05/2024,03/05/2024,03/05/2024,Y\n", encoding="utf-8")
    _, result = _load(tmp_path, path)
    assert not result.problems
