"""SSDA903 reference files from ../shared/reference: the validator's fake 2017/18 return, its XML form and
the liia-tools samples. Expected figures come from the reference README or were counted by hand in the
files (the arithmetic is in the comments)."""

from __future__ import annotations

from cscdash import db
from cscdash.extracts.loader import load_paths, validate_paths
from tests.extracts.conftest import FIXTURES, LA, REF, need, snapshot

FAKE = REF / "csc-validator-be-903" / "tests" / "fake_data"
GOOD_TABLES = ["header", "episodes", "reviews", "uasc", "oc2", "ad1", "missing", "previous_permanence"]


def _count(con, table: str) -> int:
    return len(con.table(table).fetchall())


def test_fake_903_csvs_load_with_readme_row_counts(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [need(FAKE / f"{t}.csv") for t in GOOD_TABLES], la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    # README: 2,675 children in the header, 5,050 episodes.
    assert _count(con, "ssda903_header") == 2675
    assert _count(con, "ssda903_episodes") == 5050
    # reviews.csv has 12,582 rows; 14 of them repeat an earlier (CHILD, REVIEW) (2 exact copies, 12 with
    # another REVIEW_CODE): one row per key is kept, 12,582 - 14 = 12,568.
    assert _count(con, "ssda903_reviews") == 12568
    assert any(p.rule == "DUPLICATE_KEY" and p.file == "reviews.csv" for p in result.warnings)
    # No year in the path: 2017-18 is inferred from the latest DECOM, 31/03/2018, and said so.
    assert any(p.rule == "YEAR_INFERRED" and "2017-18" in p.message for p in result.warnings)
    assert {r[0] for r in con.table("ssda903_episodes").select("collection_year").fetchall()} == {2018}


def test_loading_the_same_files_again_changes_nothing(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    files = [need(FAKE / f"{t}.csv") for t in ("header", "episodes")]
    first = load_paths(con, files, la_code=LA)
    before = snapshot(con)
    again = load_paths(con, files, la_code=LA)
    assert first.ok and again.ok
    assert again.load_id is None and "nothing to change" in again.note
    assert snapshot(con) == before
    assert len(con.table("loads").fetchall()) == 1


def test_whole_fake_folder_fails_on_its_invalid_codes(tmp_path):
    # The README says the fake return carries invalid codes: placed_for_adoption.csv has REASON_PLACED_CEASED
    # 'XXX' on all 29 rows (DfE rule 120) and sw_episodes.csv has SW_REASON 'SWLAZY' (rule SW13STG1).
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [need(FAKE)], la_code=LA)
    assert not result.ok
    codes = {(p.rule, p.file, p.field, p.value) for p in result.errors}
    assert ("120", "placed_for_adoption.csv", "REASON_PLACED_CEASED", "XXX") in codes
    assert ("SW13STG1", "sw_episodes.csv", "SW_REASON", "SWLAZY") in codes
    assert "ssda903_header" not in db.table_names(con)  # nothing was created either


def test_fake_903_xml_is_read_in_full():
    # fake_903.xml holds 253 <CHILD>, 459 <EPISODE> and 1,206 <AREVIEW> elements (counted with grep -c).
    result = validate_paths([need(FAKE / "fake_903.xml")], la_code=LA)
    assert result.rows["ssda903_header"] == 253
    assert result.rows["ssda903_episodes"] == 459
    assert result.rows["ssda903_reviews"] == 1206
    # Its only errors are the three AD_PLACED elements with REASON_PLACED_CEASED 'XXX' (rule 120).
    assert {(p.rule, p.value) for p in result.errors} == {("120", "XXX")}
    assert all(p.row_ref.startswith("CHILD ") and " line " in p.row_ref for p in result.errors)


def test_the_same_children_through_xml_and_csv_give_the_same_tables(tmp_path):
    def tables(paths):
        con = db.connect(tmp_path / f"{len(list(tmp_path.iterdir()))}.duckdb")
        result = load_paths(con, paths, la_code=LA)
        assert result.ok, [str(p) for p in result.problems]
        out = {}
        for t in db.table_names(con):
            if t.startswith("ssda903_"):
                rel = con.table(t)
                cols = [c for c in rel.columns if c not in ("load_id", "source_file", "source_row")]
                out[t] = sorted(rel.select(*cols).fetchall(), key=repr)
        return out

    via_xml = tables([FIXTURES / "xml_csv" / "ssda903_2024-25_SYNTHETIC.xml"])
    via_csv = tables([FIXTURES / "xml_csv" / "2024-25"])
    assert via_xml == via_csv
    # Hand count of the fixture: 2 children, 4 episodes, 3 reviews, 1 UASC child (X01, DUC 04/04/2026).
    assert (
        len(via_xml["ssda903_header"]),
        len(via_xml["ssda903_episodes"]),
        len(via_xml["ssda903_reviews"]),
    ) == (2, 4, 3)
    assert len(via_xml["ssda903_uasc"]) == 1


def test_liia_2020_samples_fail_on_duplicate_children_and_bad_codes():
    samples = need(REF / "liia-tools-pipeline" / "liiatools" / "ssda903_pipeline" / "spec" / "samples")
    result = validate_paths([samples], la_code=LA)
    assert not result.ok
    errors = {(p.rule, p.file, p.row_ref, p.field) for p in result.errors}
    # SSDA903_2020_header.csv: child 689661 on rows 1-3 with three dates of birth; 249901 on rows 4-5.
    for row in ("row 1", "row 2", "row 3", "row 4", "row 5"):
        assert ("DUPLICATE_KEY", "SSDA903_2020_header.csv", row, "CHILD") in errors
    assert ("103", "SSDA903_2020_header.csv", "row 5", "ETHNIC") in errors  # ETHNIC 'UNKN'
    # SSDA903_2020_episodes.csv (pipeline copy): LS blank on row 2, RNE '*DUMMY*' on row 5.
    assert ("REQUIRED", "SSDA903_2020_episodes.csv", "row 2", "LS") in errors
    assert ("143", "SSDA903_2020_episodes.csv", "row 5", "RNE") in errors
    assert any(p.rule == "HEADING_UNKNOWN" and p.field == "TEST_COLUMN" for p in result.warnings)


def test_dolo_table_is_accepted_where_present(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [need(FAKE / "DoLo.csv")], la_code=LA)
    assert result.ok
    # DoLo.csv: one order for CHILD10 from 01/01/2025 to 02/01/2025.
    rows = con.table("ssda903_dolo").select("CHILD", "DOLO_START", "DOLO_END").fetchall()
    assert [(r[0], str(r[1]), str(r[2])) for r in rows] == [("CHILD10", "2025-01-01", "2025-01-02")]
