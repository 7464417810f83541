"""Fixtures for the synthetic generator's tests: the full default demo, generated once per session,
and its files read straight back with lxml / pandas (never through the project's own loader), so
that the calibration tests check the files themselves."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import holidays
import numpy as np
import pandas as pd
import pytest
from lxml import etree

from tests.synthetic import care_snapshot_files

DEMO_LA = "E06999999"
DEMO_END = date(2026, 10, 31)


@pytest.fixture(scope="session")
def demo_out(demo_env: dict[str, str]) -> Path:
    """The full default demo (seed 1, end month October 2026): the files the session's demo database
    (``tests/conftest.py::demo_env``) was built from, so the suite generates the demo only once."""
    return Path(demo_env["CSCDASH_DEMO_DIR"])


@pytest.fixture(scope="session")
def demo_extracts(demo_out: Path) -> Path:
    """The demo authority's extracts folder."""
    return demo_out / DEMO_LA / "extracts"


@pytest.fixture(scope="session", autouse=True)
def _share_demo_files(demo_extracts: Path) -> None:
    """The file-level snapshot tests (care_snapshot_files) read the session's demo instead of
    generating a second copy of the same seed."""
    care_snapshot_files.SHARED = demo_extracts


def working_days(start: pd.Series, end: pd.Series) -> np.ndarray:
    """Working days d with start < d <= end (rule R3), computed here from the ``holidays`` package."""
    hols = np.array(
        sorted(holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2031))), dtype="datetime64[D]"
    )
    s = start.to_numpy().astype("datetime64[D]") + 1
    e = end.to_numpy().astype("datetime64[D]") + 1
    return np.busday_count(s, e, holidays=hols)


@pytest.fixture(scope="session")
def count_working_days():
    """The test's own working-day counter (see ``working_days``)."""
    return working_days


def _text(el: etree._Element, tag: str) -> str | None:
    found = el.find(tag)
    return found.text if found is not None else None


def read_cin_return(path: Path) -> dict[str, list[dict]]:
    """One CIN census XML as lists of flat rows (dates left as ISO strings)."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, huge_tree=True))
    year = int(tree.findtext("Header/CollectionDetails/ReferenceDate")[:4])
    ref_month = int(tree.findtext("Header/CollectionDetails/ReferenceDate")[5:7])
    if ref_month >= 4:  # the in-year extract: its collection year ends the next March
        year += 1
    out: dict[str, list[dict]] = {
        k: [] for k in ("children", "episodes", "assessments", "plans", "s47", "cpp", "reviews")
    }
    for child in tree.iterfind("Children/Child"):
        ids = child.find("ChildIdentifiers")
        cid = ids.findtext("LAchildID")
        sex = ids.findtext("Sex") or ids.findtext("GenderCurrent")
        out["children"].append(
            {
                "year": year,
                "child_id": cid,
                "dob": _text(ids, "PersonBirthDate"),
                "expected_dob": _text(ids, "ExpectedPersonBirthDate"),
                "sex": sex,
                "upn": _text(ids, "UPN"),
                "upn_unknown": _text(ids, "UPNunknown"),
            }
        )
        for det in child.iterfind("CINdetails"):
            ref = det.findtext("CINreferralDate")
            key = {"year": year, "child_id": cid, "ref_date": ref}
            out["episodes"].append(
                {
                    **key,
                    "source": det.findtext("ReferralSource"),
                    "need": _text(det, "PrimaryNeedCode"),
                    "closure": _text(det, "CINclosureDate"),
                    "reason": _text(det, "ReasonForClosure"),
                    "nfa": det.findtext("ReferralNFA") in ("1", "true"),
                }
            )
            for a in det.iterfind("Assessments"):
                out["assessments"].append(
                    {
                        **key,
                        "start": a.findtext("AssessmentActualStartDate"),
                        "auth": _text(a, "AssessmentAuthorisationDate"),
                    }
                )
            for p in det.iterfind("CINPlanDates"):
                out["plans"].append(
                    {**key, "start": p.findtext("CINPlanStartDate"), "end": _text(p, "CINPlanEndDate")}
                )
            for s in det.iterfind("Section47"):
                out["s47"].append(
                    {
                        **key,
                        "start": s.findtext("S47ActualStartDate"),
                        "target": _text(s, "InitialCPCtarget"),
                        "icpc": _text(s, "DateOfInitialCPC"),
                        "not_required": s.findtext("ICPCnotRequired") in ("1", "true"),
                    }
                )
            for c in det.iterfind("ChildProtectionPlans"):
                start = c.findtext("CPPstartDate")
                out["cpp"].append(
                    {
                        **key,
                        "start": start,
                        "end": _text(c, "CPPendDate"),
                        "initial": c.findtext("InitialCategoryOfAbuse"),
                        "latest": c.findtext("LatestCategoryOfAbuse"),
                        "n_prev": int(c.findtext("NumberOfPreviousCPP")),
                    }
                )
                for r in c.iterfind("Reviews/CPPreviewDate"):
                    out["reviews"].append(
                        {"year": year, "child_id": cid, "cpp_start": start, "review": r.text}
                    )
    return out


DATE_COLUMNS = {
    "children": ["dob", "expected_dob"],
    "episodes": ["ref_date", "closure"],
    "assessments": ["ref_date", "start", "auth"],
    "plans": ["ref_date", "start", "end"],
    "s47": ["ref_date", "start", "target", "icpc"],
    "cpp": ["ref_date", "start", "end"],
    "reviews": ["cpp_start", "review"],
}


@pytest.fixture(scope="session")
def cin_returns(demo_extracts: Path) -> dict[str, pd.DataFrame]:
    """Every CIN census return of the demo, one DataFrame per module, with a ``year`` column."""
    rows: dict[str, list[dict]] = {k: [] for k in DATE_COLUMNS}
    for path in sorted((demo_extracts / "cin").glob("cin_census_*_SYNTHETIC.xml")):
        for k, v in read_cin_return(path).items():
            rows[k].extend(v)
    frames = {}
    for k, cols in DATE_COLUMNS.items():
        df = pd.DataFrame(rows[k])
        for c in cols:
            df[c] = pd.to_datetime(df[c])
        frames[k] = df
    return frames


@pytest.fixture(scope="session")
def contacts(demo_extracts: Path) -> pd.DataFrame:
    """Every Annex A list 1 row of the demo, de-duplicated on Contact ID."""
    frames = [
        pd.read_excel(p, sheet_name="List 1") for p in sorted((demo_extracts / "annex_a").glob("*.xlsx"))
    ]
    df = pd.concat(frames, ignore_index=True).drop_duplicates("Contact ID")
    for c in ("Date of Contact", "Date of Birth", "Contact Date Time", "Decision Date Time"):
        df[c] = pd.to_datetime(df[c])
    return df


@pytest.fixture(scope="session")
def population(demo_extracts: Path) -> pd.DataFrame:
    """The demo's population file."""
    return pd.read_csv(demo_extracts / "population_SYNTHETIC.csv")
