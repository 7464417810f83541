"""The front door's files follow their layouts: each CIN return validates against its year's DfE schema
(XSDs copied from Social Finance's liia-tools-pipeline, MIT), the Annex A workbook has the exact 2024
template headings plus the local extension columns, and the in-year extract shows undecided contacts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from lxml import etree
from openpyxl import load_workbook

pytestmark = pytest.mark.slow

SCHEMAS = Path(__file__).parent / "cin_schemas"
LIST1 = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Date of Contact",
    "Contact Source",
]
EXTENSION = ["Contact ID", "Contact Date Time", "Contact Outcome", "Decision Date Time", "BRAG Rating"]


def test_every_cin_return_validates_against_its_schema(demo_extracts: Path) -> None:
    files = sorted((demo_extracts / "cin").glob("cin_census_*_SYNTHETIC.xml"))
    assert [f.name[11:18] for f in files] == [f"{y - 1}-{y % 100:02d}" for y in range(2019, 2028)]
    for path in files:
        year = int(path.name[11:15]) + 1
        schema = etree.XMLSchema(etree.parse(str(SCHEMAS / f"CIN_schema_{min(year, 2026)}.xsd")))
        doc = etree.parse(str(path), etree.XMLParser(huge_tree=True))
        assert schema.validate(doc), f"{path.name}: {schema.error_log.filter_from_errors()[:3]}"
        sex_tag = "Sex" if year >= 2025 else "GenderCurrent"
        assert doc.find(f"Children/Child/ChildIdentifiers/{sex_tag}") is not None


def test_annex_a_headings_and_properties(demo_extracts: Path) -> None:
    path = demo_extracts / "annex_a" / "annex_a_list1_contacts_2024-25_SYNTHETIC.xlsx"
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == ["List 1"]
    headings = next(wb["List 1"].iter_rows(max_row=1, values_only=True))
    assert list(headings) == LIST1 + EXTENSION
    assert "SYNTHETIC" in (wb.properties.title or "") and "SYNTHETIC" in (wb.properties.subject or "")


def test_annex_a_values_use_ofsted_labels(contacts: pd.DataFrame) -> None:
    assert set(contacts["Gender"]) <= {"a) Male", "b) Female", "c) Not stated/recorded"}
    assert contacts["Ethnicity"].str.match(r"^[a-t]\) [A-Z]{4}$").all()
    assert contacts["Contact Source"].str.match(r"^[a-u]\) \d+[A-F]?: ").all()
    assert set(contacts["Contact Outcome"]) <= {"NFA", "ADVICE", "EH", "REFERRAL", "STRAT", "OTHER", "OPEN"}
    decided = contacts[contacts["Contact Outcome"] != "OPEN"]
    assert (decided["Decision Date Time"] >= decided["Contact Date Time"]).all()
    police = contacts["Contact Source"] == "q) 6: Police"
    assert contacts.loc[police, "BRAG Rating"].isin(["B", "R", "A", "G"]).all()
    assert contacts.loc[~police, "BRAG Rating"].isna().all()


def test_in_year_extract_stops_at_the_end_month(demo_extracts: Path) -> None:
    df = pd.read_excel(demo_extracts / "annex_a" / "annex_a_list1_contacts_2026-27_SYNTHETIC.xlsx")
    assert pd.to_datetime(df["Date of Contact"]).max() <= pd.Timestamp("2026-10-31")
    opened = df[df["Contact Outcome"] == "OPEN"]
    assert opened["Decision Date Time"].isna().all()


def test_visits_layout(demo_extracts: Path) -> None:
    v = pd.read_csv(demo_extracts / "local" / "visits_SYNTHETIC.csv")
    assert list(v.columns) == ["Child Unique ID", "Visit Date", "Visit Type", "Child Seen", "Seen Alone"]
    assert {"CP", "CIN"} <= set(v["Visit Type"])
    assert not v.duplicated(["Child Unique ID", "Visit Date", "Visit Type"]).any()
    assert v["Visit Date"].str.match(r"^\d{2}/\d{2}/\d{4}$").all()
