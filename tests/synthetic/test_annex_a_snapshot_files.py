"""Annex A list 8 and list 9 snapshot files of the demo: names, headings, labels, and agreement with
the SSDA903 episodes and OC3 rows written for the same children (issue 6 shared contract)."""

from __future__ import annotations

import calendar
from datetime import date

import numpy as np
import pandas as pd
import pytest

from tests.synthetic.care_snapshot_files import (
    END_MONTH,
    episodes,
    missing,
    parse_dates,
    read_903,
    snapshot_files,
    snapshots,
)

pytestmark = pytest.mark.slow

# Headings copied from data_layouts.md section 3 (Ofsted 2024 template), in template order.
LIST8 = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
    "Does the Child have a Disability",
    "Date Started to be Looked After",
    "Child's Category of Need",
    "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
    "Start date of current legal status",
    "Child's Legal Status",
    "Date of Latest Statutory Review",
    "Date of Last Social Work Visit",
    "What is the permanence plan for this child?",
    "Date of Last IRO Visit / Contact to the Child",
    "Date of Last Health Assessment",
    "Date of Last Dental Check",
    "Number of Placements in the Last 12 months",
    "Date Ceased to be Looked After",
    "Reason Ceased to be Looked After",
    "Start Date of Most Recent Placement",
    "Placement Type",
    "Placement Provider",
    "Placement postcode",
    "URN of Placement",
    "Placement Location",
    "LA of Placement",
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
    "Was the child offered a Return Interview after their last missing episode (Y/N)?",
    "Did the child accept a Return Interview after their last missing episode (Y/N)?",
    "Allocated Team",
    "Allocated Worker",
]
LIST9 = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
    "Does the Child have a Disability",
    "Allocated Team",
    "Allocated Worker",
    "Allocated Personal Advisor",
    "Eligibility Category",
    "Latest Pathway Plan Review Date",
    "LA in Touch",
    "Latest Date of Contact",
    "Type of Accommodation",
    "Suitability of Accommodation",
    "Activity Status",
]
PERMANENCE = {
    "a) Return to family",
    "b) Adoption",
    "c) SGO/CAO",
    "d) Supported living in the community",
    "e) Long-term residential placement",
    "f) Long-term fostering",
    "g) Other",
}


def expected_month_ends() -> list[date]:
    """The 36 month ends to October 2026, counted by hand: November 2023 ... October 2026."""
    out, year, month = [], 2023, 11
    while len(out) < 36:
        out.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def looked_after(on: pd.Timestamp) -> pd.DataFrame:
    """Episodes open on ``on`` (DECOM <= on < DEC or DEC blank), short breaks V3/V4 excluded."""
    eps = episodes()
    eps = eps[~eps["LS"].isin(["V3", "V4"])]
    return eps[(eps["DECOM"] <= on) & (eps["DEC"].isna() | (eps["DEC"] > on))]


def completed_age(dob: pd.Series, on: pd.Series) -> np.ndarray:
    before = (on.dt.month < dob.dt.month) | ((on.dt.month == dob.dt.month) & (on.dt.day < dob.dt.day))
    return (on.dt.year - dob.dt.year - before.astype(int)).to_numpy()


def test_snapshot_dates_are_the_last_36_month_ends() -> None:
    months = expected_month_ends()
    assert months[0] == date(2023, 11, 30) and months[3] == date(2024, 2, 29) and months[-1] == END_MONTH
    assert list(snapshot_files(8)) == months
    assert list(snapshot_files(9)) == months


@pytest.mark.parametrize(("list_no", "headings"), [(8, LIST8), (9, LIST9)])
def test_headings_are_exactly_the_template(list_no: int, headings: list[str]) -> None:
    for path in snapshot_files(list_no).values():
        assert list(pd.read_csv(path, nrows=0).columns) == headings, path.name


def test_list8_cells_use_the_contract_formats() -> None:
    l8 = snapshots(8)
    assert set(l8["Gender"]) <= {"a) Male", "b) Female", "c) Not stated/recorded"}
    for col in (LIST8[5], LIST8[6], LIST8[9]):
        assert set(l8[col]) <= {"Y", "N"}, col
    assert set(l8[LIST8[30]]) <= {"Y", "N", ""} and set(l8[LIST8[31]]) <= {"Y", "N", ""}
    assert set(l8[LIST8[14]]) <= PERMANENCE | {""}
    assert set(l8["Placement Provider"]) <= {"a) Own LA", "b) Private", "c) Other", ""}
    assert set(l8["Placement Location"]) <= {"a) In", "b) Out", ""}
    assert l8["Child's Category of Need"].str.fullmatch(r"N[1-8]").all()
    dates = [LIST8[i] for i in (3, 7, 10, 12, 13, 15, 16, 17, 21)]
    parse_dates(l8, dates)  # raises unless every date is dd/mm/yyyy or blank
    for col in dates:
        assert l8[col].replace("", "01/01/2000").str.fullmatch(r"\d\d/\d\d/\d{4}").all(), col
    # children still in care have not ceased
    assert (l8["Date Ceased to be Looked After"] == "").all()


def test_list8_is_exactly_the_children_looked_after_at_each_date() -> None:
    l8 = snapshots(8)
    for snap, rows in l8.groupby("snapshot"):
        open_eps = looked_after(snap)
        assert set(rows["Child Unique ID"]) == set(open_eps["CHILD"]), snap
        assert rows["Child Unique ID"].is_unique
        merged = rows.merge(open_eps, left_on="Child Unique ID", right_on="CHILD")
        assert (merged["Child's Legal Status"] == merged["LS"]).all()
        assert (merged["Placement Type"] == merged["PLACE"]).all()
        started = pd.to_datetime(merged["Date Started to be Looked After"], format="%d/%m/%Y")
        assert (started <= merged["DECOM"]).all()


def test_list8_missing_counts_match_the_missing_file() -> None:
    """Missing ('M') episodes starting in the 12 months to one snapshot, counted from missing.csv."""
    snap = pd.Timestamp("2025-07-31")
    ms = missing()
    window = ms[(ms["MISSING"] == "M") & (ms["MIS_START"] > snap - pd.Timedelta(days=365))]
    counts = window[window["MIS_START"] <= snap].groupby("CHILD").size()
    l8 = snapshots(8)
    rows = l8[l8["snapshot"] == snap].set_index("Child Unique ID")
    listed = rows[LIST8[28]].astype(int)
    assert listed.sum() > 0
    assert (listed == counts.reindex(listed.index).fillna(0).astype(int)).all()
    # the RHI question is answered exactly for children with a missing episode in the 12 months
    assert ((rows[LIST8[30]] != "") == (listed > 0)).all()


def test_list9_young_people_have_left_care_or_are_eligible() -> None:
    """Nobody on list 9 but the eligible is looked after at the date, and each of the others has left
    care: an episode ended by the date, or (for those who left before April 2018, when the written
    episodes begin) an OC3 row. The eligible are all looked after at the date."""
    l9 = snapshots(9)
    eps = episodes()
    eps = eps[~eps["LS"].isin(["V3", "V4"])]
    oc3 = set(read_903("oc3")["CHILD"])
    early = 0
    for snap, rows in l9.groupby("snapshot"):
        assert rows["Child Unique ID"].is_unique
        still = rows["Eligibility Category"] == "d) Eligible"
        ids = set(rows.loc[~still, "Child Unique ID"])
        in_care = set(looked_after(snap)["CHILD"])
        assert not ids & in_care, snap
        assert set(rows.loc[still, "Child Unique ID"]) <= in_care, snap
        left = set(eps.loc[eps["DEC"] <= snap, "CHILD"])
        assert ids - left <= oc3, snap
        early += len(ids - left)
    # those who left before April 2018 were 18 by then, so at most a few years' worth of 22-24s
    assert early < 0.15 * len(l9)


def days_looked_after_since_14(eps: pd.DataFrame, dob: pd.Series, on: pd.Timestamp) -> pd.Series:
    """Days each child in ``dob`` (by CHILD) was looked after from their 14th birthday to ``on``,
    summed over ``eps`` (episodes, short breaks already left out; an open episode runs to ``on``)."""
    eps = eps[eps["CHILD"].isin(dob.index) & (eps["DECOM"] <= on)]
    born = dob.reindex(eps["CHILD"].to_numpy())
    leap_day = (born.dt.month == 2) & (born.dt.day == 29)  # a 29 February birthday falls on 1 March
    d14 = (born + pd.DateOffset(years=14) + pd.to_timedelta(leap_day.astype(int), unit="D")).to_numpy()
    start = np.maximum(eps["DECOM"].to_numpy(), d14)
    end = eps["DEC"].fillna(on).clip(upper=on).to_numpy()
    overlap = pd.Series((end - start) / pd.Timedelta(days=1)).clip(lower=0)
    return overlap.groupby(eps["CHILD"].to_numpy()).sum().reindex(dob.index, fill_value=0)


def test_list9_eligible_are_the_16_17s_in_care_13_weeks_since_14() -> None:
    """Eligible (still looked after, 16-17, 13 weeks = 91 days looked after since the 14th birthday,
    short breaks left out): exactly those children of list 8 on two snapshots, counted from the episodes."""
    l8, l9 = snapshots(8), snapshots(9)
    eps = episodes()
    eps = eps[~eps["LS"].isin(["V3", "V4"])]
    for snap in (pd.Timestamp("2024-06-30"), pd.Timestamp("2025-03-31")):
        cla = l8[l8["snapshot"] == snap].set_index("Child Unique ID")
        cla = cla[cla["Age of Child (Years)"].isin(["16", "17"])]
        dob = pd.to_datetime(cla["Date of Birth"], format="%d/%m/%Y")
        looked = days_looked_after_since_14(eps, dob, snap)
        expected = set(looked.index[looked >= 91])
        rows = l9[l9["snapshot"] == snap]
        eligible = set(rows.loc[rows["Eligibility Category"] == "d) Eligible", "Child Unique ID"])
        assert len(expected) > 50  # ~100 at 31 March 2025 (~97 16-17-year-olds in care, most 13 weeks+)
        assert eligible == expected, snap


def test_list9_categories_follow_the_ages() -> None:
    l9 = snapshots(9)
    dob = pd.to_datetime(l9["Date of Birth"], format="%d/%m/%Y")
    age = completed_age(dob, l9["snapshot"])
    assert (l9["Age of Child (Years)"].astype(int).to_numpy() == age).all()
    category = l9["Eligibility Category"]
    assert set(category) <= {"a) Relevant", "b) Former relevant", "c) Qualifying", "d) Eligible"}
    assert ((age >= 16) & (age <= 24)).all()
    assert ((age[category == "d) Eligible"] >= 16) & (age[category == "d) Eligible"] <= 17)).all()
    assert (age[category == "a) Relevant"] < 18).all()
    assert (age[category == "b) Former relevant"] >= 18).all()
    assert (age[category == "c) Qualifying"] <= 20).all()
    # 22-25s are there only because they asked for support: a minority of the list. Issue 6 raised the
    # share who ask from 20% to 95% (calibration.md section 2: ~550 on the list, 94 of Dorset's 530 aged
    # 16-18), so three years of age (22-24) of ~75 each against ~300 aged 16-21: about a third.
    assert 0 < (age >= 22).mean() < 0.45


def oc3_rows() -> pd.DataFrame:
    """OC3 rows with the birthday they report on: the DOB anniversary inside the collection year."""
    oc3 = read_903("oc3")
    dob = pd.to_datetime(oc3["DOB"], format="%d/%m/%Y")
    first_year = oc3["year"].str[:4].astype(int)  # 2025-26 starts on 1 April 2025
    leap_day = (dob.dt.month == 2) & (dob.dt.day == 29)  # 1 March in other years
    this = pd.to_datetime(
        {
            "year": first_year,
            "month": dob.dt.month.where(~leap_day, 3),
            "day": dob.dt.day.where(~leap_day, 1),
        }
    )
    starts = pd.to_datetime({"year": first_year, "month": 4, "day": 1})
    birthday = this.where(this >= starts, this + pd.DateOffset(years=1))
    return oc3.assign(birthday=birthday)


def test_list9_agrees_with_oc3_near_the_birthday() -> None:
    """Where the young person has an OC3 row for a birthday in the 11 months before the snapshot (or
    up to a month after: OC3 reports 'on or around' the birthday), in touch and activity are OC3's."""
    l9 = snapshots(9)
    oc3 = oc3_rows()
    pairs = l9.merge(oc3, left_on="Child Unique ID", right_on="CHILD")
    gap = (pairs["snapshot"] - pairs["birthday"]).dt.days
    near = pairs[(gap >= -31) & (gap < 334)]
    assert len(near) > 1000
    touch = near[near["IN_TOUCH"] == "YES"]
    assert (touch["LA in Touch"] == "a) In touch").all()
    assert (touch["Activity Status"].str[:2] == touch["ACTIV"]).all()
    away = near[near["IN_TOUCH"].isin(["NO", "REFU"])]
    assert len(away) > 0 and (away["LA in Touch"] == "b) Not in touch").all()
    # off the list: no longer needs the service (the year around that birthday), or died
    assert pairs[(pairs["IN_TOUCH"] == "NREQ") & (gap >= -30) & (gap < 335)].empty
    assert pairs[(pairs["IN_TOUCH"] == "DIED") & (gap >= -60)].empty


def test_list9_cells_use_the_contract_formats() -> None:
    l9 = snapshots(9)
    assert set(l9["LA in Touch"]) <= {"a) In touch", "b) Not in touch", "c) Not recorded", "d) Exclude"}
    assert set(l9["Suitability of Accommodation"]) <= {
        "a) Suitable",
        "b) Not suitable",
        "c) Not in touch or not recorded",
        "d) Exclude",
    }
    accom = l9["Type of Accommodation"]
    assert accom.str.fullmatch(r"([BCDEGHKRSTUVWXYZ] - .+)?").all()
    assert l9["Activity Status"].str.fullmatch(r"([FP][1245]|G[456]) - .+|").all()
    # former foster carers (Z) only for 18+ (data_layouts 1.6)
    assert (l9.loc[accom.str.startswith("Z"), "Age of Child (Years)"].astype(int) >= 18).all()
    assert set(l9[LIST9[5]]) <= {"Y", "N"} and set(l9[LIST9[6]]) <= {"Y", "N"}
    for col in ("Date of Birth", "Latest Pathway Plan Review Date", "Latest Date of Contact"):
        assert l9[col].replace("", "01/01/2000").str.fullmatch(r"\d\d/\d\d/\d{4}").all(), col
    snap = l9["snapshot"]
    review = pd.to_datetime(l9["Latest Pathway Plan Review Date"].replace("", None), format="%d/%m/%Y")
    contact = pd.to_datetime(l9["Latest Date of Contact"].replace("", None), format="%d/%m/%Y")
    assert (review.dropna() <= snap[review.notna()]).all() and (
        contact.dropna() <= snap[contact.notna()]
    ).all()
