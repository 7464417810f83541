"""The synthetic demo's folder layout: every local and workforce file, and Annex A with the local columns."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from cscdash import db
from cscdash.extracts.loader import load_paths
from tests.extracts.conftest import LA


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _demo_tree(root):
    ext = root / LA / "extracts"
    _write(
        ext / "population_SYNTHETIC.csv",
        "la_code,year,age_0_17\nE06999999,2023,70100\nE06999999,2024,70050\n",
    )
    _write(
        ext / "local" / "visits_SYNTHETIC.csv",
        "Child Unique ID,Visit Date,Visit Type,Child Seen,Seen Alone\n"
        "WV1,01/04/2024,CP,Y,N\nWV1,12/04/2024,CP,Y,Y\nWV2,31/03/2024,CLA,N,N\n",
    )
    _write(
        ext / "local" / "child_attributes_SYNTHETIC.csv",
        "Child Unique ID,Locality,Team\nWV1,Harbourtown,Harbourtown Assessment\nWV2,Midvale,\n",
    )
    _write(
        ext / "local" / "workforce_monthly_SYNTHETIC.csv",
        "month_end,team,establishment_fte,employed_fte,agency_fte,vacancy_fte,starters_headcount,"
        "leavers_headcount,starters_fte,leavers_fte,sickness_days,case_holders_fte,cases,asye_headcount\n"
        "31/03/2024,ALL,261.00,216.10,26.50,44.90,2,2,2.00,1.50,184.08,195.30,3372,7\n"
        "30/04/2024,,262.00,217.10,26.00,44.90,1,0,1.00,0.00,150.00,196.00,3350,7\n",
    )
    _write(
        ext / "csww" / "csww_worker_2025_SYNTHETIC.csv",
        "AgencyWorker,SWENo,FTE,PersonBirthDate,GenderCurrent,Ethnicity,QualInst,QualLevel,StepUpGrad,OrgRole,"
        "RoleStartDate,StartOrigin,RoleEndDate,LeaverDestination,ReasonLeave,FTE30,Cases30,WorkingDaysLost,"
        "ContractWeeks,FrontlineGrad,Absat30Sept,ReasonAbsence,CFKSSstatus\n"
        "0,SW9521767035,1.000000,30/04/1962,2,WBRI,Vale University,1,0,5,21/12/1989,,,,,"
        "1.000000,0,79.41,,0,1,SIC,2\n",
    )
    _write(
        ext / "csww" / "csww_la_2025_SYNTHETIC.csv",
        "NumberOfVacancies,NoAgencyFTE,NoAgencyHeadcount\n51.50,35.00,36\n",
    )
    contacts = pd.DataFrame(
        {
            "Child Unique ID": ["WV1", "WV2"],
            "Gender": ["b) Female", "a) Male"],
            "Ethnicity": ["a) WBRI", "k) APKN"],
            "Date of Birth": [datetime(2015, 1, 25), datetime(2010, 6, 1)],
            "Age of Child (Years)": [9, 13],
            "Date of Contact": [datetime(2024, 5, 1), datetime(2024, 5, 2)],
            "Contact Source": ["q) 6: Police", "e) 2A: Schools"],
            "Contact ID": ["C1", "C2"],
            "Contact Date Time": [datetime(2024, 5, 1, 9, 30), datetime(2024, 5, 2, 16, 5)],
            "Contact Outcome": ["REFERRAL", "NFA"],
            "Decision Date Time": [datetime(2024, 5, 1, 15, 0), datetime(2024, 5, 3, 10, 0)],
            "BRAG Rating": ["R", None],
        }
    )
    xlsx = ext / "annex_a" / "annex_a_list1_contacts_2024-25_SYNTHETIC.xlsx"
    xlsx.parent.mkdir(parents=True)
    with pd.ExcelWriter(
        xlsx, engine="xlsxwriter", datetime_format="dd/mm/yyyy hh:mm", date_format="dd/mm/yyyy"
    ) as w:
        contacts.to_excel(w, sheet_name="List 1", index=False)
    return ext


def test_demo_layout_loads_into_every_table(tmp_path):
    ext = _demo_tree(tmp_path)
    con = db.connect(tmp_path / "t.duckdb")
    result = load_paths(con, [ext], la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    # a population file loaded with the extracts goes to its own table: the shipped ONS reference table
    # (ref_population) is replaced by every load and must not take the authority's own figures with it
    population = con.table("local_population").select("la_code", "year", "age_0_17").fetchall()
    assert population == [("E06999999", 2023, 70100), ("E06999999", 2024, 70050)]
    assert con.table("ref_population").fetchall() == []
    visits = sorted(
        con.table("local_visits")
        .select("child_id", "visit_date", "visit_type", "child_seen", "seen_alone", "collection_year")
        .fetchall()
    )
    # 31/03/2024 falls in 2023-24 (2024), 01/04/2024 in 2024-25 (2025)
    assert visits[0] == ("WV1", date(2024, 4, 1), "CP", True, False, 2025)
    assert visits[-1] == ("WV2", date(2024, 3, 31), "CLA", False, False, 2024)
    assert con.table("local_child_attributes").select("child_id", "locality", "team").fetchall() == [
        ("WV1", "Harbourtown", "Harbourtown Assessment"),
        ("WV2", "Midvale", None),
    ]
    monthly = con.table("workforce_monthly").select("month_end", "team", "starters_fte").fetchall()
    assert sorted(monthly) == [
        (date(2024, 3, 31), "ALL", 2.0),
        (date(2024, 4, 30), "ALL", 1.0),
    ]  # blank team = ALL
    assert con.table("csww_la").select("NumberOfVacancies", "collection_year").fetchall() == [(51.5, 2025)]
    assert con.table("csww_worker").select("SWENo", "FTE", "OrgRole").fetchall() == [
        ("SW9521767035", 1.0, "5")
    ]
    contacts = sorted(
        con.table("annexa_contacts")
        .select(
            "contact_id",
            "child_id",
            "sex",
            "ethnicity",
            "contact_date",
            "contact_source",
            "contact_datetime",
            "contact_outcome",
            "decision_datetime",
            "brag_rating",
        )
        .fetchall()
    )
    assert contacts == [
        (
            "C1",
            "WV1",
            "F",
            "WBRI",
            date(2024, 5, 1),
            "6",
            datetime(2024, 5, 1, 9, 30),
            "REFERRAL",
            datetime(2024, 5, 1, 15, 0),
            "R",
        ),
        (
            "C2",
            "WV2",
            "M",
            "APKN",
            date(2024, 5, 2),
            "2A",
            datetime(2024, 5, 2, 16, 5),
            "NFA",
            datetime(2024, 5, 3, 10, 0),
            None,
        ),
    ]


def test_contacts_without_an_id_are_all_kept(tmp_path):
    # Two contacts about one child on one day from the police, and no Contact ID column: both count.
    path = tmp_path / "annex_a_2024-25.csv"
    path.write_text(
        "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source\n"
        "A1,Female,a) WBRI,01/02/2015,9,03/05/2024,q) 6: Police\n"
        "A1,Female,a) WBRI,01/02/2015,9,03/05/2024,q) 6: Police\n",
        encoding="utf-8",
    )
    con = db.connect(tmp_path / "t.duckdb")
    assert load_paths(con, [path], la_code=LA).ok
    ids = sorted(r[0] for r in con.table("annexa_contacts").select("contact_id").fetchall())
    assert ids == ["A1|2024-05-03|6|1", "A1|2024-05-03|6|2"]
    assert load_paths(con, [path], la_code=LA).load_id is None  # the same file again changes nothing
