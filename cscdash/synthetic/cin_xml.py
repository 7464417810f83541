"""The CIN census XML writer: one file per collection year, in that year's DfE schema.

Each return holds the year's cohort (every child referred in the year plus every case open on
1 April, including children in care and on plans), so open episodes repeat from year to year, as
they do in real returns. A return knows only what had happened by its reference date (31 March, or
end_month for the in-year extract): later dates are left out. Codes follow the schema of the year:
``GenderCurrent`` 1/2/0 to 2023-24 and ``Sex`` M/F/U from 2024-25, ``CINPlanDates`` from 2021-22,
assessment factors 18B/18C from 2020-21 (18A before), RC9 from 2022-23.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from lxml import etree

from cscdash.synthetic.context import Context
from cscdash.synthetic.front_door import FrontDoor

SYNTHETIC_NOTE = " SYNTHETIC: fictional data, not real children. Wessex Vale demo generator. "


def year_label(year: int) -> str:
    """2025 -> '2024-25' (the collection year ending 31 March ``year``)."""
    return f"{year - 1}-{year % 100:02d}"


def as_at_date(ctx: Context, year: int) -> date:
    """The reference date of the ``year`` return: 31 March, or end_month for the in-year extract."""
    return min(date(year, 3, 31), ctx.end_month)


def _d(value: object) -> str:
    return str(np.datetime64(value, "D"))


def _known(values: pd.Series, as_at: np.datetime64) -> pd.Series:
    """Dates an extract at ``as_at`` could hold: later ones become missing."""
    d = values.to_numpy().astype("datetime64[D]")
    return pd.Series(np.where(d <= as_at, d, np.datetime64("NaT")), index=values.index)


def _active(start: pd.Series, end: pd.Series, first: np.datetime64, as_at: np.datetime64) -> np.ndarray:
    """Records started by ``as_at`` and not ended before ``first`` (open at some point in the year)."""
    s = start.to_numpy().astype("datetime64[D]")
    e = end.to_numpy().astype("datetime64[D]")
    return (s <= as_at) & (np.isnat(e) | (e >= first))


def cohort(fd: FrontDoor, year: int, as_at: date) -> dict[str, pd.DataFrame]:
    """The records of one return, with dates after ``as_at`` removed."""
    first = np.datetime64(date(year - 1, 4, 1))
    at = np.datetime64(as_at)
    ref = fd.referrals
    eps = ref[_active(ref["ref_date"], ref["closure"], first, at)].copy()
    eps["closure"] = _known(eps["closure"], at)
    eps.loc[eps["closure"].isna(), "reason"] = ""
    keep = set(eps["ref_id"])

    a = fd.assessments[fd.assessments["ref_id"].isin(keep)]
    a = a[_active(a["start"], a["end"], first, at)].copy()
    a["end"] = _known(a["end"], at)
    p = fd.cin_plans[fd.cin_plans["ref_id"].isin(keep)]
    p = p[_active(p["start"], p["end"], first, at)].copy()
    p["end"] = _known(p["end"], at)
    s = fd.s47[fd.s47["ref_id"].isin(keep)].copy()
    outcome = s["icpc_date"].fillna(s["concluded"])
    s = s[_active(s["start"], outcome, first, at)].copy()
    s["icpc_date"] = _known(s["icpc_date"], at)
    s["not_required"] = s["concluded"].notna() & (s["concluded"].to_numpy().astype("datetime64[D]") <= at)
    c = fd.cpp[fd.cpp["ref_id"].isin(keep)]
    c = c[_active(c["cpp_start"], c["cpp_end"], first, at)].copy()
    c["cpp_end"] = _known(c["cpp_end"], at)
    r = fd.cpp_reviews[fd.cpp_reviews["cpp_id"].isin(set(c["cpp_id"]))]
    rd = r["review_date"].to_numpy().astype("datetime64[D]")
    r = r[(rd >= first) & (rd <= at)]
    return {"episodes": eps, "assessments": a, "plans": p, "s47": s, "cpp": c, "reviews": r}


def _sex(sex: str, unborn: bool, year: int) -> tuple[str, str]:
    if year <= 2024:
        return "GenderCurrent", "0" if unborn else {"M": "1", "F": "2"}[sex]
    return "Sex", "U" if unborn else sex


def _factor(code: str, year: int) -> str:
    if year < 2021:
        return {"18B": "18A", "18C": "18A", "19B": "19A", "19C": "19A"}.get(code, code)
    return code


def _group(df: pd.DataFrame, key: str) -> dict:
    return {k: g for k, g in df.groupby(key, sort=False)} if len(df) else {}


def build_return(ctx: Context, fd: FrontDoor, year: int) -> etree._ElementTree:
    """The XML tree of the ``year`` return."""
    as_at = as_at_date(ctx, year)
    at = np.datetime64(as_at)
    parts = cohort(fd, year, as_at)
    eps = parts["episodes"].sort_values(["child_no", "ref_date", "ref_id"])
    by_ref = {name: _group(parts[name], "ref_id") for name in ("assessments", "plans", "s47", "cpp")}
    reviews = _group(parts["reviews"].sort_values("review_date"), "cpp_id")
    kids = fd.children.set_index("child_no")

    root = etree.Element("Message")
    root.append(etree.Comment(SYNTHETIC_NOTE))
    header = etree.SubElement(root, "Header")
    details = etree.SubElement(header, "CollectionDetails")
    etree.SubElement(details, "Collection").text = "CIN"
    etree.SubElement(details, "Year").text = str(year)
    etree.SubElement(details, "ReferenceDate").text = as_at.isoformat()
    source = etree.SubElement(header, "Source")
    etree.SubElement(source, "SourceLevel").text = "L"
    etree.SubElement(source, "LEA").text = ctx.la_number
    etree.SubElement(source, "SoftwareCode").text = "SYNTHETIC demo generator"
    etree.SubElement(source, "Release").text = "cscdash"
    etree.SubElement(source, "SerialNo").text = "001"
    etree.SubElement(source, "DateTime").text = f"{as_at.isoformat()}T00:00:00"
    children = etree.SubElement(root, "Children")
    plan_dates = year >= 2022
    for child_no, episodes in eps.groupby("child_no", sort=True):
        kid = kids.loc[child_no]
        dob = np.datetime64(kid["dob"], "D")
        unborn = dob > at
        el = etree.SubElement(children, "Child")
        ids = etree.SubElement(el, "ChildIdentifiers")
        etree.SubElement(ids, "LAchildID").text = kid["child_id"]
        if not unborn and (at - dob).astype(int) >= 5 * 365:
            etree.SubElement(ids, "UPN").text = kid["upn"]
        else:
            etree.SubElement(ids, "UPNunknown").text = "UN1"
        etree.SubElement(ids, "ExpectedPersonBirthDate" if unborn else "PersonBirthDate").text = _d(dob)
        tag, value = _sex(kid["sex"], unborn, year)
        etree.SubElement(ids, tag).text = value
        chars = etree.SubElement(el, "ChildCharacteristics")
        etree.SubElement(chars, "Ethnicity").text = kid["ethnic"]
        dis = etree.SubElement(chars, "Disabilities")
        for code in kid["disabilities"].split(";"):
            etree.SubElement(dis, "Disability").text = code
        for ep in episodes.itertuples(index=False):
            _episode(el, ep, by_ref, reviews, year, plan_dates)
    return etree.ElementTree(root)


def _episode(child: etree._Element, ep, by_ref: dict, reviews: dict, year: int, plan_dates: bool) -> None:
    """One CINdetails element, in the schema's element order."""
    det = etree.SubElement(child, "CINdetails")
    etree.SubElement(det, "CINreferralDate").text = _d(ep.ref_date)
    etree.SubElement(det, "ReferralSource").text = ep.source
    if not ep.nfa:
        etree.SubElement(det, "PrimaryNeedCode").text = ep.need
    if not pd.isna(ep.closure):
        etree.SubElement(det, "CINclosureDate").text = _d(ep.closure)
        etree.SubElement(det, "ReasonForClosure").text = ep.reason
    for a in by_ref["assessments"].get(ep.ref_id, pd.DataFrame()).itertuples(index=False):
        ael = etree.SubElement(det, "Assessments")
        etree.SubElement(ael, "AssessmentActualStartDate").text = _d(a.start)
        if not pd.isna(a.end):
            etree.SubElement(ael, "AssessmentAuthorisationDate").text = _d(a.end)
            factors = etree.SubElement(ael, "FactorsIdentifiedAtAssessment")
            for code in a.factors.split(";"):
                etree.SubElement(factors, "AssessmentFactors").text = _factor(code, year)
    if plan_dates:
        for p in by_ref["plans"].get(ep.ref_id, pd.DataFrame()).itertuples(index=False):
            pel = etree.SubElement(det, "CINPlanDates")
            etree.SubElement(pel, "CINPlanStartDate").text = _d(p.start)
            if not pd.isna(p.end):
                etree.SubElement(pel, "CINPlanEndDate").text = _d(p.end)
    for s in by_ref["s47"].get(ep.ref_id, pd.DataFrame()).itertuples(index=False):
        sel = etree.SubElement(det, "Section47")
        etree.SubElement(sel, "S47ActualStartDate").text = _d(s.start)
        etree.SubElement(sel, "InitialCPCtarget").text = _d(s.icpc_target)
        if not pd.isna(s.icpc_date):
            etree.SubElement(sel, "DateOfInitialCPC").text = _d(s.icpc_date)
        etree.SubElement(sel, "ICPCnotRequired").text = "1" if s.not_required else "0"
    etree.SubElement(det, "ReferralNFA").text = "1" if ep.nfa else "0"
    for c in by_ref["cpp"].get(ep.ref_id, pd.DataFrame()).itertuples(index=False):
        cel = etree.SubElement(det, "ChildProtectionPlans")
        etree.SubElement(cel, "CPPstartDate").text = _d(c.cpp_start)
        if not pd.isna(c.cpp_end):
            etree.SubElement(cel, "CPPendDate").text = _d(c.cpp_end)
        etree.SubElement(cel, "InitialCategoryOfAbuse").text = c.initial_cat
        etree.SubElement(cel, "LatestCategoryOfAbuse").text = c.latest_cat
        etree.SubElement(cel, "NumberOfPreviousCPP").text = str(int(c.n_previous))
        revs = reviews.get(c.cpp_id)
        if revs is not None and len(revs):
            rel = etree.SubElement(cel, "Reviews")
            for day in revs["review_date"].to_numpy():
                etree.SubElement(rel, "CPPreviewDate").text = _d(day)


def write_cin_census(ctx: Context, fd: FrontDoor, extracts_dir: Path) -> list[Path]:
    """Write ``cin/cin_census_<YYYY-YY>_SYNTHETIC.xml`` for every collection year; returns the paths."""
    folder = extracts_dir / "cin"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for year in ctx.collection_years:
        path = folder / f"cin_census_{year_label(year)}_SYNTHETIC.xml"
        build_return(ctx, fd, year).write(str(path), xml_declaration=True, encoding="UTF-8", pretty_print=True)
        paths.append(path)
    return paths
