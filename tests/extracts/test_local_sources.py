"""Local sources declared in data (cscdash/extracts/specs/local/<source>.yml): a new source is one YAML file.

A family-support source is declared only by a specification dropped into a temporary folder given to the
loader: its CSV is recognised by its headings, checked (field checks, duplicates, its declared order
check), staged into its own raw table (created from the spec) with its coverage, and a newer file replaces
the rows of the period it covers. The shipped specifications' own checks (workforce sums) and the
template writes are tested here too. Expected values are worked by hand from the files written below.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
import yaml

from cscdash import db
from cscdash.extracts import coverage, detect, local, store
from cscdash.extracts.loader import load_paths, validate_paths
from cscdash.extracts.templates import UnsafeIdentifier
from tests.extracts.conftest import LA, snapshot

FAMILY_SUPPORT_SPEC = """\
source: family_support
title: Family support
description: Family support episodes (a test source).
key: [child_id, start_date]
period_date: start_date
columns:
  Child ID: {field: child_id, type: id, required: true, max_length: 20}
  Start Date: {field: start_date, type: date, required: true}
  End Date: {field: end_date, type: date}
  Outcome: {field: outcome, type: code, codes: FamilySupportOutcome}
  Hours: {field: hours, type: decimal, range: [0, 1000]}
codes:
  FamilySupportOutcome:
    aliases: {STEP-UP: STEP_UP}
    years: {2017: [STEP_UP, CLOSED, ONGOING]}
checks:
  - {type: order, first: start_date, then: end_date, rule: EH_ORDER, message: End Date is before Start Date}
"""
HEAD = "Child ID,Start Date,End Date,Outcome,Hours\n"
# April to June 2024: three episodes, one a day in each month.
GOOD = HEAD + "EH1,01/04/2024,30/04/2024,CLOSED,12.5\nEH2,15/05/2024,,ONGOING,\nEH3,20/06/2024,,step-up,3\n"


@pytest.fixture
def specs(tmp_path):
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "family_support.yml").write_text(FAMILY_SUPPORT_SPEC, encoding="utf-8")
    return folder


def _write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _rows(con):
    return sorted(
        con.table("local_family_support")
        .select("la_code", "child_id", "start_date", "end_date", "outcome", "hours", "collection_year")
        .fetchall()
    )


def test_a_new_source_is_recognised_only_through_its_spec(specs):
    heads = HEAD.strip().split(",")
    assert detect.csv_layout(heads)[:2] == ("unknown", None)
    with local.specs_from(specs):
        assert detect.csv_layout(heads)[:2] == ("family_support", "family_support")
        assert local.source_titles()["family_support"] == "Family support (local file)"
        assert coverage.local_sources()["family_support"] == ("local_family_support", "start_date")
    assert "family_support" not in local.sources()  # only while the folder is given


def test_a_new_source_loads_into_its_own_raw_table(specs, tmp_path):
    path = _write(tmp_path / "files", "eh_export.csv", GOOD)
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [path], la_code=LA, local_specs=specs)
    assert result.ok, [str(p) for p in result.errors]
    assert result.problems == []
    # The table, created from the spec: la_code, the fields in order, then the bookkeeping columns.
    columns = con.table("local_family_support").columns
    assert columns == [
        "la_code",
        "child_id",
        "start_date",
        "end_date",
        "outcome",
        "hours",
        "collection_year",
        "load_id",
        "source_file",
        "source_row",
    ]
    # 'step-up' is upper-cased and taken as STEP_UP (an alias); every start is in April 2024 - March 2025.
    assert _rows(con) == [
        (LA, "EH1", date(2024, 4, 1), date(2024, 4, 30), "CLOSED", 12.5, 2025),
        (LA, "EH2", date(2024, 5, 15), None, "ONGOING", None, 2025),
        (LA, "EH3", date(2024, 6, 20), None, "STEP_UP", 3.0, 2025),
    ]
    assert sorted(con.table("local_family_support").select("source_file", "source_row").fetchall()) == [
        ("eh_export.csv", 1),
        ("eh_export.csv", 2),
        ("eh_export.csv", 3),
    ]
    # It covers its earliest to its latest start date.
    cover = con.table("load_coverage").select("source", "period_start", "period_end", "kind").fetchall()
    assert cover == [("family_support", date(2024, 4, 1), date(2024, 6, 20), "local file")]


BAD_CASES = [
    # (case, file text, rule, row, field)
    (
        "missing required column",
        "Child ID,End Date,Outcome,Hours\nEH1,30/04/2024,CLOSED,1\n",
        "MISSING_COLUMN",
        "heading row",
        "Start Date",
    ),
    ("bad code", HEAD + "EH1,01/04/2024,,CLOSED,\nEH2,02/04/2024,,ADOPTED,\n", "CODE", "row 2", "outcome"),
    (
        "duplicate key",
        HEAD + "EH1,01/04/2024,,CLOSED,\nEH1,01/04/2024,,ONGOING,\n",
        "DUPLICATE_KEY",
        "row 2",
        "child_id,start_date",
    ),
    (
        "order check",
        HEAD + "EH1,01/04/2024,02/04/2024,,\nEH2,10/04/2024,09/04/2024,,\n",
        "EH_ORDER",
        "row 2",
        "end_date",
    ),
]


@pytest.mark.parametrize("case", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_a_new_sources_checks_refuse_the_file_and_leave_the_database_unchanged(case, specs, tmp_path):
    _, text, rule, row, field = case
    con = db.connect(tmp_path / "t.duckdb")
    assert load_paths(con, [_write(tmp_path / "good", "eh.csv", GOOD)], la_code=LA, local_specs=specs).ok
    before = snapshot(con)
    result = load_paths(con, [_write(tmp_path / "bad", "eh_bad.csv", text)], la_code=LA, local_specs=specs)
    assert not result.ok and result.load_id is None
    found = [(p.rule, p.file, p.row_ref, p.field) for p in result.errors]
    assert (rule, "eh_bad.csv", row, field) in found, found
    assert snapshot(con) == before
    # validate says the same and writes nothing anywhere
    checked = validate_paths([tmp_path / "bad" / "eh_bad.csv"], la_code=LA, local_specs=specs)
    assert (rule, "eh_bad.csv", row, field) in [(p.rule, p.file, p.row_ref, p.field) for p in checked.errors]


def test_a_newer_file_replaces_the_rows_of_the_period_it_covers(specs, tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    assert load_paths(con, [_write(tmp_path / "may", "eh.csv", GOOD)], la_code=LA, local_specs=specs).ok
    # The June file covers 15 May to 30 June (its first and last start dates): EH2 of 15 May is closed,
    # EH3 of 20 June is gone (deleted in the system), EH4 is new. EH1 (1 April) is outside the period: kept.
    june = HEAD + "EH2,15/05/2024,01/06/2024,CLOSED,4\nEH4,30/06/2024,,ONGOING,\n"
    result = load_paths(con, [_write(tmp_path / "june", "eh.csv", june)], la_code=LA, local_specs=specs)
    assert result.ok, [str(p) for p in result.errors]
    assert result.changes["local_family_support"] == {"inserted": 1, "updated": 1, "deleted": 1}
    assert _rows(con) == [
        (LA, "EH1", date(2024, 4, 1), date(2024, 4, 30), "CLOSED", 12.5, 2025),
        (LA, "EH2", date(2024, 5, 15), date(2024, 6, 1), "CLOSED", 4.0, 2025),
        (LA, "EH4", date(2024, 6, 30), None, "ONGOING", None, 2025),
    ]
    # One coverage row for the source: the earliest start to the latest end of what is loaded.
    cover = con.table("load_coverage").select("source", "period_start", "period_end").fetchall()
    assert cover == [("family_support", date(2024, 4, 1), date(2024, 6, 30))]
    # Loading the June file again changes nothing.
    again = load_paths(con, [tmp_path / "june" / "eh.csv"], la_code=LA, local_specs=specs)
    assert again.ok and again.load_id is None


def test_covers_from_starts_the_coverage_at_its_earliest_date(specs, tmp_path):
    # An export of every episode open at any time since 15 April: EH0 started 1 March, still open then,
    # and ended 15 April. By start dates it would cover from 1 March (only EH0 is in the file for March,
    # so March's open count would be too low); by its first end date it covers from 15 April.
    raw = yaml.safe_load(FAMILY_SUPPORT_SPEC) | {"covers_from": "end_date"}
    (specs / "family_support.yml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    text = HEAD + "EH0,01/03/2024,15/04/2024,CLOSED,\nEH2,15/05/2024,,ONGOING,\nEH3,20/06/2024,,ONGOING,\n"
    path = _write(tmp_path / "files", "eh_export.csv", text)
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [path], la_code=LA, local_specs=specs)
    assert result.ok, [str(p) for p in result.errors]
    cover = con.table("load_coverage").select("period_start", "period_end").fetchall()
    assert cover == [(date(2024, 4, 15), date(2024, 6, 20))]
    # every row is loaded, EH0 included (it is open in April)
    assert len(_rows(con)) == 3


def test_a_current_list_is_replaced_whole_by_the_newest_file(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    head = "Child Unique ID,Locality,Team\n"
    first = _write(tmp_path / "a", "attributes.csv", head + "C1,North,N1\nC2,South,S1\n")
    assert load_paths(con, [first], la_code=LA).ok
    second = _write(tmp_path / "b", "attributes.csv", head + "C2,South,S2\nC3,East,E1\n")
    assert load_paths(con, [second], la_code=LA).ok
    # C1 is no longer in the list: gone; C2 moved team; C3 is new.
    rows = sorted(con.table("local_child_attributes").select("child_id", "locality", "team").fetchall())
    assert rows == [("C2", "South", "S2"), ("C3", "East", "E1")]


WORKFORCE_HEAD = (
    "month_end,team,establishment_fte,employed_fte,agency_fte,vacancy_fte,starters_headcount,"
    "leavers_headcount,sickness_days,case_holders_fte,cases,asye_headcount\n"
)


def test_workforce_rows_add_up_or_the_file_is_refused(tmp_path):
    # April (rows 1-3): ALL = A + B in every figure (20 = 12 + 8 establishment, 2 = 1 + 1 starters ...).
    # May (rows 4-6): ALL holds 150 cases but the teams hold 90 + 50 = 140: WF_TOTAL on the ALL row's cases.
    # June (row 7, an ALL row alone, so no sum of teams): establishment 10 but employed 7 + vacancies 2 = 9.
    text = WORKFORCE_HEAD + (
        "30/04/2024,ALL,20,17,2,3,2,1,10.5,15,150,1\n"
        "30/04/2024,A,12,10,1,2,1,1,6.5,9,90,1\n"
        "30/04/2024,B,8,7,1,1,1,0,4,6,60,0\n"
        "31/05/2024,B,9,7,1,2,0,0,4,6,50,0\n"
        "31/05/2024,ALL,21,17,2,4,0,0,10,15,150,1\n"
        "31/05/2024,A,12,10,1,2,0,0,6,9,90,1\n"
        "30/06/2024,ALL,10,7,1,2,0,0,5,6,40,0\n"
    )
    con = db.connect(tmp_path / "t.duckdb")
    db.ensure_schema(con)
    result = load_paths(con, [_write(tmp_path, "workforce_monthly.csv", text)], la_code=LA)
    assert not result.ok
    found = sorted((p.rule, p.row_ref, p.field, p.value) for p in result.errors)
    assert found == [
        ("WF_ESTABLISHMENT", "row 7", "establishment_fte", "10.0"),
        ("WF_TOTAL", "row 5", "cases", "150"),
    ]
    assert con.table("workforce_monthly").count("*").fetchall() == [(0,)]


def test_a_row_naming_its_la_by_number_is_mapped(tmp_path):
    # The population file names each row's LA (la_field): a DfE number is taken as its ONS code.
    path = _write(tmp_path, "population.csv", "la_code,year,age_0_17\n999,2024,70000\nE06000059,2024,80000\n")
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [path])
    assert result.ok, [str(p) for p in result.errors]
    assert sorted(con.table("local_population").fetchall()) == [
        ("E06000059", 2024, 80000, "population.csv"),
        ("E06999999", 2024, 70000, "population.csv"),
    ]
    assert con.table("load_coverage").fetchall() == []  # reference figures cover no period


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"table": "cin_child"}, "statutory"),
        ({"table": "x; drop table loads"}, "identifier"),
        ({"period_date": "hours"}, "required date"),
        ({"key": ["nobody"]}, "not a field"),
        ({"covers_from": "hours"}, "covers_from hours must be a date field"),
        ({"covers_from": "nobody"}, "not a field"),
    ],
)
def test_a_spec_that_cannot_be_used_is_refused_with_its_file(change, complaint, specs):
    raw = yaml.safe_load(FAMILY_SUPPORT_SPEC) | change
    (specs / "family_support.yml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    with local.specs_from(specs), pytest.raises(local.LocalSpecError, match=complaint) as caught:
        local.sources()
    assert "family_support.yml" in str(caught.value)


def test_the_write_template_takes_only_a_safe_table_name():
    con = duckdb.connect()
    with pytest.raises(UnsafeIdentifier):
        store.write_changes(con, "local_visits; drop table loads", store.TableChange(), 1)
