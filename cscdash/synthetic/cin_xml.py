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


def _s(values: pd.Series) -> list[str]:
    """Dates as ISO strings ('' when missing), vectorised."""
    d = values.to_numpy().astype("datetime64[D]")
    out = np.datetime_as_string(d, unit="D")
    return np.where(np.isnat(d), "", out).tolist()


def _rows_by(df: pd.DataFrame, key: str, cols: list[str], dates: list[str]) -> dict:
    """key -> list of row tuples (dates as strings), in the frame's order."""
    out: dict = {}
    if not len(df):
        return out
    values = [(_s(df[c]) if c in dates else df[c].tolist()) for c in cols]
    for k, *row in zip(df[key].tolist(), *values, strict=True):
        out.setdefault(k, []).append(row)
    return out


def _sub(parent: etree._Element, tag: str, text: str) -> None:
    etree.SubElement(parent, tag).text = text


def build_return(ctx: Context, fd: FrontDoor, year: int) -> etree._ElementTree:
    """The XML tree of the ``year`` return."""
    as_at = as_at_date(ctx, year)
    at = np.datetime64(as_at)
    parts = cohort(fd, year, as_at)
    eps = parts["episodes"].sort_values(["child_no", "ref_date", "ref_id"])
    asmts = _rows_by(
        parts["assessments"].sort_values("start"), "ref_id", ["start", "end", "factors"], ["start", "end"]
    )
    plans = _rows_by(parts["plans"].sort_values("start"), "ref_id", ["start", "end"], ["start", "end"])
    s47s = _rows_by(
        parts["s47"].sort_values("start"),
        "ref_id",
        ["start", "icpc_target", "icpc_date", "not_required"],
        ["start", "icpc_target", "icpc_date"],
    )
    cpps = _rows_by(
        parts["cpp"].sort_values("cpp_start"),
        "ref_id",
        ["cpp_id", "cpp_start", "cpp_end", "initial_cat", "latest_cat", "n_previous"],
        ["cpp_start", "cpp_end"],
    )
    reviews = _rows_by(
        parts["reviews"].sort_values("review_date"), "cpp_id", ["review_date"], ["review_date"]
    )
    kids = fd.children.set_index("child_no").loc[eps["child_no"].unique()]
    dob = kids["dob"].to_numpy().astype("datetime64[D]")
    kid_rows = dict(
        zip(
            kids.index.tolist(),
            zip(
                kids["child_id"].tolist(),
                kids["upn"].tolist(),
                _s(kids["dob"]),
                (dob > at).tolist(),
                ((at - dob).astype(int) >= 5 * 365).tolist(),
                kids["sex"].tolist(),
                kids["ethnic"].tolist(),
                kids["disabilities"].tolist(),
                strict=True,
            ),
            strict=True,
        )
    )

    root = etree.Element("Message")
    root.append(etree.Comment(SYNTHETIC_NOTE))
    header = etree.SubElement(root, "Header")
    details = etree.SubElement(header, "CollectionDetails")
    _sub(details, "Collection", "CIN")
    _sub(details, "Year", str(year))
    _sub(details, "ReferenceDate", as_at.isoformat())
    source = etree.SubElement(header, "Source")
    for tag, text in (
        ("SourceLevel", "L"),
        ("LEA", ctx.la_number),
        ("SoftwareCode", "SYNTHETIC demo generator"),
        ("Release", "cscdash"),
        ("SerialNo", "001"),
        ("DateTime", f"{as_at.isoformat()}T00:00:00"),
    ):
        _sub(source, tag, text)
    children = etree.SubElement(root, "Children")
    plan_dates = year >= 2022
    ep_cols = zip(
        eps["child_no"].tolist(),
        eps["ref_id"].tolist(),
        _s(eps["ref_date"]),
        eps["source"].tolist(),
        eps["nfa"].tolist(),
        eps["need"].tolist(),
        _s(eps["closure"]),
        eps["reason"].tolist(),
        strict=True,
    )
    current = None
    el = None
    for child_no, ref_id, ref_date, source_code, nfa, need, closure, reason in ep_cols:
        if child_no != current:
            current = child_no
            el = _child(children, kid_rows[child_no], year)
        det = etree.SubElement(el, "CINdetails")
        _sub(det, "CINreferralDate", ref_date)
        _sub(det, "ReferralSource", source_code)
        if not nfa:
            _sub(det, "PrimaryNeedCode", need)
        if closure:
            _sub(det, "CINclosureDate", closure)
            _sub(det, "ReasonForClosure", reason)
        for start, end, factors in asmts.get(ref_id, ()):
            ael = etree.SubElement(det, "Assessments")
            _sub(ael, "AssessmentActualStartDate", start)
            if end:
                _sub(ael, "AssessmentAuthorisationDate", end)
                fel = etree.SubElement(ael, "FactorsIdentifiedAtAssessment")
                for code in factors.split(";"):
                    _sub(fel, "AssessmentFactors", _factor(code, year))
        if plan_dates:
            for start, end in plans.get(ref_id, ()):
                pel = etree.SubElement(det, "CINPlanDates")
                _sub(pel, "CINPlanStartDate", start)
                if end:
                    _sub(pel, "CINPlanEndDate", end)
        for start, target, icpc, not_required in s47s.get(ref_id, ()):
            sel = etree.SubElement(det, "Section47")
            _sub(sel, "S47ActualStartDate", start)
            _sub(sel, "InitialCPCtarget", target)
            if icpc:
                _sub(sel, "DateOfInitialCPC", icpc)
            _sub(sel, "ICPCnotRequired", "1" if not_required else "0")
        _sub(det, "ReferralNFA", "1" if nfa else "0")
        for cpp_id, start, end, initial, latest, n_prev in cpps.get(ref_id, ()):
            cel = etree.SubElement(det, "ChildProtectionPlans")
            _sub(cel, "CPPstartDate", start)
            if end:
                _sub(cel, "CPPendDate", end)
            _sub(cel, "InitialCategoryOfAbuse", initial)
            _sub(cel, "LatestCategoryOfAbuse", latest)
            _sub(cel, "NumberOfPreviousCPP", str(int(n_prev)))
            revs = reviews.get(cpp_id)
            if revs:
                rel = etree.SubElement(cel, "Reviews")
                for (day,) in revs:
                    _sub(rel, "CPPreviewDate", day)
    return etree.ElementTree(root)


def _child(children: etree._Element, kid: tuple, year: int) -> etree._Element:
    """A Child element with its identifiers and characteristics (unborn children: expected birth date)."""
    child_id, upn, dob, unborn, school_age, sex, ethnic, disabilities = kid
    el = etree.SubElement(children, "Child")
    ids = etree.SubElement(el, "ChildIdentifiers")
    _sub(ids, "LAchildID", child_id)
    if school_age and not unborn:
        _sub(ids, "UPN", upn)
    else:
        _sub(ids, "UPNunknown", "UN1")
    _sub(ids, "ExpectedPersonBirthDate" if unborn else "PersonBirthDate", dob)
    tag, value = _sex(sex, unborn, year)
    _sub(ids, tag, value)
    chars = etree.SubElement(el, "ChildCharacteristics")
    _sub(chars, "Ethnicity", ethnic)
    dis = etree.SubElement(chars, "Disabilities")
    for code in disabilities.split(";"):
        _sub(dis, "Disability", code)
    return el


def write_cin_census(ctx: Context, fd: FrontDoor, extracts_dir: Path) -> list[Path]:
    """Write ``cin/cin_census_<YYYY-YY>_SYNTHETIC.xml`` for every collection year; returns the paths."""
    folder = extracts_dir / "cin"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for year in ctx.collection_years:
        path = folder / f"cin_census_{year_label(year)}_SYNTHETIC.xml"
        build_return(ctx, fd, year).write(
            str(path), xml_declaration=True, encoding="UTF-8", pretty_print=True
        )
        paths.append(path)
    return paths
