"""CIN census, workforce census and Annex A reference files (counts taken by hand from the files)."""

from __future__ import annotations

from datetime import date

from cscdash import db
from cscdash.extracts.loader import load_paths, validate_paths
from tests.extracts.conftest import LA, REF, need

CIN = REF / "csc-validator-be-cin" / "fake_data"
SWW = (
    REF
    / "liia-tools"
    / "liiatools"
    / "spec"
    / "social_work_workforce"
    / "samples"
    / "social_work_workforce_2022.xml"
)
ANNEX = REF / "liia-tools" / "liiatools" / "spec" / "annex_a" / "samples" / "Annex_A.xlsx"
ANNEX_2024 = (
    REF
    / "liia-tools-pipeline"
    / "liiatools"
    / "annex_a_pipeline"
    / "spec"
    / "samples"
    / "Annex_A_2024_Jan.xlsx"
)


def test_fake_cin_data_at_volume():
    # README: 332 children, 402 CIN episodes (grep -c "<Child>" = 332, "<CINdetails>" = 402). Its LEA, 975,
    # is no real LA, so the LA is given and the mismatch with la_codes.csv reported as a warning.
    result = validate_paths([need(CIN / "fake_CIN_data.xml")], la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    assert result.rows["cin_child"] == 332
    assert result.rows["cin_details"] == 402
    assert any(p.rule == "LA_UNMAPPED" and p.value == "975" for p in result.warnings)


def test_cin_2021_full_structure_and_own_la(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [need(CIN / "CIN_Census_2021.xml")])  # LEA 201 names the LA itself
    assert result.ok, [str(p) for p in result.errors]
    # One child: 2 disabilities, 1 CIN episode with 1 assessment (2 factors), 1 CIN plan, 1 S47, 1 CP plan
    # with 1 review (counted in the file).
    expected = {
        "cin_child": 1,
        "cin_disability": 2,
        "cin_details": 1,
        "cin_assessment": 1,
        "cin_assessment_factor": 2,
        "cin_plan": 1,
        "cin_s47": 1,
        "cin_cpp": 1,
        "cin_cpp_review": 1,
    }
    assert {t: len(con.table(t).fetchall()) for t in expected} == expected
    # LEA 201 is the City of London in la_codes.csv.
    assert con.table("cin_child").select("la_code").fetchall() == [("E09000001",)]


def test_cin_2024_fake_is_refused_with_its_deliberate_errors():
    result = validate_paths([need(CIN / "CIN_Census_2024.xml")])
    errors = {(p.rule, p.field, p.value) for p in result.errors}
    assert ("ID_LENGTH", "LAchildID", "child_fails_assessments") in errors  # 23 characters > 20
    assert ("CODE", "AssessmentFactor", "RB") in errors
    # authorised 2020-09-19 before the start 2028-04-28
    assert ("CIN_ORDER", "AssessmentAuthorisationDate", "19/09/2020") in errors


def test_gender_current_before_2025_and_sex_after_both_become_m_f_u(tmp_path):
    # fake_CIN_data.xml (2022) uses GenderCurrent (1/2/0/9); it lands in Sex as M/F/U.
    con = db.connect(tmp_path / "t.duckdb")
    assert load_paths(con, [need(CIN / "fake_CIN_data.xml")], la_code=LA).ok
    sexes = {r[0] for r in con.table("cin_child").select("Sex").fetchall()}
    assert sexes <= {"M", "F", "U"} and len(sexes) > 1


def test_workforce_census_xml(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [need(SWW)])
    assert result.ok, [str(p) for p in result.errors]
    # 30 <CSWWWorker> elements; one LALevelVacancies: 79.68 vacancies, 59.82 agency FTE, 71 agency headcount.
    assert len(con.table("csww_worker").fetchall()) == 30
    row = (
        con.table("csww_la")
        .select("la_code", "collection_year", "NumberOfVacancies", "NoAgencyFTE", "NoAgencyHeadcount")
        .fetchall()
    )
    assert row == [
        ("E09000002", 2022, 79.68, 59.82, 71)
    ]  # LEA 301 = Barking and Dagenham; ReferenceDate 2022-09-30


def test_annex_a_list1_with_messy_values(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [need(ANNEX)], la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    rows = sorted(
        con.table("annexa_contacts")
        .select(
            "child_id", "sex", "ethnicity", "date_of_birth", "age_years", "contact_date", "contact_source"
        )
        .fetchall()
    )
    # List 1 has 5 rows; 'Female' and 'b) Female' -> F, 'a) Male' -> M; 'k) APKN' -> APKN; the heading 'Age'
    # is matched to 'Age of Child (Years)' and 6.14 years floored to 6; 'q) 6: Police' -> 6,
    # 'b) 1B: Individual' -> 1B.
    assert len(rows) == 5
    assert ("9212044", "F", "WBRI", date(2015, 1, 25), 6, date(2020, 9, 16), "6") in rows
    assert ("11973218", "F", "APKN", None, 8, date(2020, 9, 16), "6") in rows
    assert ("6217392", "M", "NOBT", date(2009, 8, 2), 11, date(2020, 9, 16), "1B") in rows


def test_annex_a_2024_template():
    result = validate_paths([need(ANNEX_2024)], la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    assert result.rows["annexa_contacts"] == 5


def test_cin_xml_and_flat_csvs_give_the_same_tables(tmp_path):
    from tests.extracts.conftest import FIXTURES

    def tables(name, paths):
        con = db.connect(tmp_path / f"{name}.duckdb")
        result = load_paths(con, paths, la_code=LA)
        assert result.ok, [str(p) for p in result.problems]
        out = {}
        for t in db.table_names(con):
            if t.startswith("cin_"):
                rel = con.table(t)
                cols = [c for c in rel.columns if c not in ("load_id", "source_file", "source_row")]
                out[t] = sorted(rel.select(*cols).fetchall(), key=repr)
        return out

    via_xml = tables("xml", [FIXTURES / "baseline" / "cin"])
    via_csv = tables("csv", [FIXTURES / "cin_csv"])
    assert via_xml == via_csv
    # by hand: child C001's assessment started 2 May 2024 on the referral of 1 May, with factors 3A and 16A
    assert sorted(via_csv["cin_assessment_factor"]) == [
        ("E06999999", "C001", date(2024, 5, 1), date(2024, 5, 2), "16A", 2025),
        ("E06999999", "C001", date(2024, 5, 1), date(2024, 5, 2), "3A", 2025),
    ]
