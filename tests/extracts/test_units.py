"""Small pieces: years from paths, layout recognition, field typing, the problem report, XML safety."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cscdash.extracts import detect
from cscdash.extracts.fields import check_table, parse_dates
from cscdash.extracts.problems import ERROR, WARNING, Problem, ProblemLog, format_csv, format_text
from cscdash.extracts.safe_xml import UnsafeXML, parse
from cscdash.extracts.spec import load_spec


@pytest.mark.parametrize(
    ("path", "year"),
    [
        ("E06999999/extracts/ssda903/2024-25/header_SYNTHETIC.csv", 2025),  # a span names its end year
        ("returns/202324/episodes.csv", 2024),
        ("csww/csww_worker_2025_SYNTHETIC.csv", 2025),  # a bare year is taken as it stands
        ("cin/cin_census_2019-20_SYNTHETIC.xml", 2020),
        ("E06000059/extracts/episodes.csv", None),  # 0000 and 0059 inside an LA code are not years
    ],
)
def test_year_from_path(path, year):
    assert detect.year_from_path(Path("/data") / path) == year


def test_csv_layout_by_heading_row_whatever_the_file_name():
    assert detect.csv_layout(["CHILD", "SEX", "DOB", "DUC"])[:2] == ("ssda903_csv", "uasc")
    assert detect.csv_layout(["child", "sex", "dob", "ethnic", "upn", "mother", "mc_dob"])[:2] == (
        "ssda903_csv",
        "header",
    )
    assert detect.csv_layout(["Child Unique ID", "Locality", "Team"])[:2] == (
        "child_attributes",
        "child_attributes",
    )
    assert (
        detect.csv_layout(
            ["CHILD ID", "Sex", "Ethnic group", "DOB", "Age", "Contact date", "Source of contact"]
        )[0]
        == "annex_a"
    )
    assert detect.csv_layout(["Name", "Colour"])[0] == "unknown"


def test_dates_in_both_accepted_forms_and_nothing_else():
    s = pd.Series(["31/03/2025", "2025-03-31", "31-03-2025", None], dtype="string")
    got = parse_dates(s, ("%d/%m/%Y", "%Y-%m-%d"))
    assert list(got[:2]) == [pd.Timestamp("2025-03-31")] * 2
    assert got[2:].isna().all()


def test_code_lists_follow_the_year():
    # K3 (supported accommodation) exists from 2024-25, H5 until 2023-24: each is a warning in the other's
    # years and not an error; Z99 is in no year's list and is an error.
    spec = load_spec("ssda903")
    raw = pd.DataFrame(
        {
            "CHILD": ["A", "B", "C", "D"],
            "DECOM": ["01/05/2023"] * 4,
            "RNE": ["S"] * 4,
            "LS": ["C2"] * 4,
            "CIN": ["N1"] * 4,
            "PLACE": ["K3", "H5", "Z99", "U4"],
            "collection_year": [2024, 2025, 2025, 2025],
            "source_row": [1, 2, 3, 4],
        }
    )
    log = ProblemLog()
    out = check_table(raw, spec.tables["episodes"], spec, file="episodes.csv", log=log)
    got = {(p.severity, p.rule, p.row_ref, p.value) for p in log.items if p.field == "PLACE"}
    assert got == {
        (WARNING, "CODE_YEAR", "row 1", "K3"),
        (WARNING, "CODE_YEAR", "row 2", "H5"),
        (ERROR, "146", "row 3", "Z99"),
    }
    assert list(out["PLACE"]) == ["K3", "H5", "Z99", "U4"]


def test_sex_aliases_normalise_the_2024_25_change():
    spec = load_spec("cin_census")
    raw = pd.DataFrame(
        {
            "LAchildID": ["a", "b", "c", "d"],
            "Sex": ["1", "2", "0", "F"],
            "Ethnicity": ["WBRI"] * 4,
            "collection_year": [2024, 2024, 2024, 2025],
            "source_row": [1, 2, 3, 4],
        }
    )
    out = check_table(raw, spec.tables["child"], spec, file="cin.xml", log=ProblemLog())
    assert list(out["Sex"]) == ["M", "F", "U", "F"]


def test_report_formats():
    problems = [
        Problem(WARNING, "501", "episodes.csv", "row 4", "DEC", "", "overlap"),
        Problem(ERROR, "101", "header.csv", "row 2", "SEX", "Q", "Gender code is not valid."),
    ]
    text = format_text(problems)
    assert text.splitlines()[0] == "1 error(s), 1 warning(s)"
    assert text.splitlines()[1] == "ERROR [101] header.csv, row 2, SEX: Gender code is not valid. (value 'Q')"
    csv_lines = format_csv(problems).splitlines()
    assert csv_lines[0] == "severity,rule,file,row_ref,field,value,message"
    assert len(csv_lines) == 3


def test_many_problems_of_one_kind_are_summarised():
    log = ProblemLog()
    log.add_rows(WARNING, "X", "f.csv", "m", range(1, 121), "F")
    # 50 listed one by one, then one line for the other 70
    assert len(log.items) == 51 and log.items[-1].row_ref == "70 more rows"


def test_xml_with_a_doctype_is_refused(tmp_path):
    path = tmp_path / "x.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE a SYSTEM "file:///etc/passwd"><a>&xxe;</a>')
    with pytest.raises(UnsafeXML):
        parse(path)
