"""``python -m cscdash new-indicator``: the three files, valid at once, with every field to fill marked,
written into temporary copies of the catalogue, queries and cases folders."""

from __future__ import annotations

import shutil

import pytest

from cscdash import db, indicator_data, scaffold
from cscdash.catalogue import CATALOGUE_DIR, load_catalogue
from cscdash.settings import QUERIES_DIR
from tests.indicators.case_runner import check_case, load_case


@pytest.fixture
def project(tmp_path):
    """Copies of the folders the scaffolder writes to."""
    catalogue, queries, cases = tmp_path / "catalogue", tmp_path / "queries", tmp_path / "cases"
    shutil.copytree(CATALOGUE_DIR, catalogue)
    shutil.copytree(QUERIES_DIR, queries)
    cases.mkdir()
    return {"catalogue_dir": catalogue, "queries_dir": queries, "cases_dir": cases}


def test_a_new_flow_indicator_is_valid_at_once_and_its_case_fails_until_filled(project):
    written = scaffold.new_indicator(
        "referrals_from_housing_pct",
        "front_door",
        "Referrals from housing",
        reads="int_flows__rolling",
        **project,
    )
    sql, page_file, case = written
    catalogue = load_catalogue(project["catalogue_dir"])
    entry = catalogue["referrals_from_housing_pct"]
    assert (entry.title, entry.unit, entry.period_type) == (
        "Referrals from housing",
        "percent",
        "rolling_12m",
    )
    assert "TODO" in entry.definition and "TODO" in entry.numerator
    front_door = catalogue.page("front_door")
    assert front_door.sections[-1].indicator_ids[-1] == "referrals_from_housing_pct"  # in the last section
    # the view builds from the template and has the contract's columns, single months included
    con = db.connect()
    db.build_views(con, project["queries_dir"], only=["referrals_from_housing_pct"])
    columns = con.table("referrals_from_housing_pct").columns
    assert set(indicator_data.CONTRACT_COLUMNS) | set(indicator_data.MONTH_COLUMNS) <= set(columns)
    assert "-- Rules:" in sql.read_text() and "TODO" in sql.read_text()
    # the case skeleton is a case file, and it fails until the hand-worked figures replace its TODOs
    parsed = load_case(case)
    assert parsed.indicator == "referrals_from_housing_pct"
    assert "TODO" in case.read_text()
    assert page_file == project["catalogue_dir"] / "front_door.yml"


def test_the_case_skeleton_fails_its_check_until_it_is_filled(project):
    scaffold.new_indicator(
        "cin_over_a_year_count",
        "front_door",
        "CIN over a year",
        unit="count",
        flow=False,
        reads="int_stocks__monthly",
        **project,
    )
    case = load_case(project["cases_dir"] / "cin_over_a_year_count.yml")
    problems = check_case(case, queries_dir=project["queries_dir"])
    # the skeleton's given rows make no month ends and its expected values are 'TODO': it cannot pass
    assert problems and "datetime.date(2025, 3, 31)" in problems[0], problems


def test_a_new_page_and_its_first_indicator(project):
    scaffold.new_indicator(
        "audit_good_pct", "audits", "Audits rated good", new_page_title="Case file audits", **project
    )
    page = load_catalogue(project["catalogue_dir"]).page("audits")
    assert page.title == "Case file audits" and [i.id for i in page.indicators] == ["audit_good_pct"]
    others = [p.navigation.position for p in load_catalogue(CATALOGUE_DIR).pages if p.navigation]
    assert page.navigation.position > max(others)  # after every existing page
    assert page.navigation.url_path == "audits"


def test_nothing_is_overwritten(project):
    with pytest.raises(scaffold.ScaffoldError, match="in the catalogue already"):
        scaffold.new_indicator("referrals_count", "front_door", "Referrals", **project)
    with pytest.raises(scaffold.ScaffoldError, match="no page"):
        scaffold.new_indicator("x_count", "no_such_page", "X", **project)
    with pytest.raises(scaffold.ScaffoldError, match="lower-case"):
        scaffold.new_indicator("Bad-Id", "front_door", "X", **project)
