"""CIN census XML (every year's schema, 2017-2026) to the ``cin_*`` raw tables.

The XML nests ``Child > ChildIdentifiers / ChildCharacteristics / CINdetails > Assessments /
CINPlanDates / Section47 / ChildProtectionPlans > Reviews``. It is flattened here into the tables of
data_layouts.md section 2, each sub-table keyed by the child and the referral date (the XML has no ids).
The 2024-25 change from ``GenderCurrent`` (1/2/0/9) to ``Sex`` (M/F/U) is absorbed by the code list's
aliases in ``specs/cin_census.yml``: either element is read into ``Sex``.

The header carries the LA (``LEA``, the DfE number) and the collection year. The flat CSV form (one
file per table, linked by CINdetailsID / AssessmentID / CPPID) is read too; it names no LA or year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
from lxml import etree

from cscdash.extracts.problems import ERROR, WARNING, ProblemLog
from cscdash.extracts.spec import load_spec
from cscdash.extracts.text_files import align_columns, read_csv_text

CHILD_ITEMS = [
    "LAchildID",
    "UPN",
    "FormerUPN",
    "UPNunknown",
    "PersonBirthDate",
    "ExpectedPersonBirthDate",
    "PersonDeathDate",
]
DETAIL_ITEMS = [
    "CINreferralDate",
    "ReferralSource",
    "PrimaryNeedCode",
    "CINclosureDate",
    "ReasonForClosure",
    "DateOfInitialCPC",
    "ReferralNFA",
]
ASSESSMENT_ITEMS = [
    "AssessmentActualStartDate",
    "AssessmentInternalReviewDate",
    "AssessmentAuthorisationDate",
]
PLAN_ITEMS = ["CINPlanStartDate", "CINPlanEndDate"]
S47_ITEMS = ["S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"]
CPP_ITEMS = [
    "CPPstartDate",
    "CPPendDate",
    "InitialCategoryOfAbuse",
    "LatestCategoryOfAbuse",
    "NumberOfPreviousCPP",
]


@dataclass
class CensusReturn:
    """One census XML file (CIN or workforce), flattened: its LA number, year and text tables."""

    la_number: str | None
    year: int | None
    year_note: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def _items(element: etree._Element, names: list[str]) -> dict[str, str]:
    return {n: (element.findtext(n) or "") for n in names}


def _ref(element: etree._Element, child_id: str) -> dict[str, object]:
    return {
        "source_row": element.sourceline,
        "row_ref": f"Child {child_id} {element.tag} line {element.sourceline}",
    }


def header_year(root: etree._Element) -> tuple[int | None, str]:
    """The collection year from the header: a 31 March ReferenceDate names it, else the Year element."""
    ref = (root.findtext("Header/CollectionDetails/ReferenceDate") or "").strip()
    try:
        ref_date = date.fromisoformat(ref[:10])
    except ValueError:
        ref_date = None
    if ref_date is not None and (ref_date.month, ref_date.day) == (3, 31):
        return ref_date.year, f"ReferenceDate {ref} in the file header"
    year = (root.findtext("Header/CollectionDetails/Year") or "").strip()
    if year.isdigit():
        return int(year), f"Year {year} in the file header"
    return None, ""


def read_xml(tree: etree._ElementTree) -> CensusReturn:
    """Flatten a CIN census document into text tables named as the raw tables (without ``cin_``)."""
    root = tree.getroot()
    la_number = (root.findtext("Header/Source/LEA") or "").strip() or None
    year, note = header_year(root)
    rows: dict[str, list[dict]] = {
        t: []
        for t in (
            "child",
            "disability",
            "details",
            "assessment",
            "assessment_factor",
            "plan",
            "s47",
            "cpp",
            "cpp_review",
        )
    }
    for child in root.iterfind("Children/Child"):
        ids = child.find("ChildIdentifiers")
        chars = child.find("ChildCharacteristics")
        ids_items = _items(ids, CHILD_ITEMS) if ids is not None else {n: "" for n in CHILD_ITEMS}
        cid = ids_items["LAchildID"].strip()
        sex = ids.findtext("Sex") if ids is not None else None
        if sex is None and ids is not None:
            sex = ids.findtext("GenderCurrent")
        ethnicity = chars.findtext("Ethnicity") if chars is not None else ""
        rows["child"].append(
            {**ids_items, "Sex": sex or "", "Ethnicity": ethnicity or "", **_ref(child, cid)}
        )
        if chars is not None:
            for dis in chars.iterfind("Disabilities/Disability"):
                rows["disability"].append({"LAchildID": cid, "Disability": dis.text or "", **_ref(dis, cid)})
        for det in child.iterfind("CINdetails"):
            d = _items(det, DETAIL_ITEMS)
            ref_date = d["CINreferralDate"]
            keys = {"LAchildID": cid, "CINreferralDate": ref_date}
            rows["details"].append({"LAchildID": cid, **d, **_ref(det, cid)})
            for ass in det.iterfind("Assessments"):
                a = _items(ass, ASSESSMENT_ITEMS)
                rows["assessment"].append({**keys, **a, **_ref(ass, cid)})
                for fac in ass.iterfind("FactorsIdentifiedAtAssessment/AssessmentFactors"):
                    rows["assessment_factor"].append(
                        {
                            **keys,
                            "AssessmentActualStartDate": a["AssessmentActualStartDate"],
                            "AssessmentFactor": fac.text or "",
                            **_ref(fac, cid),
                        }
                    )
            for plan in det.iterfind("CINPlanDates"):
                rows["plan"].append({**keys, **_items(plan, PLAN_ITEMS), **_ref(plan, cid)})
            for s47 in det.iterfind("Section47"):
                rows["s47"].append({**keys, **_items(s47, S47_ITEMS), **_ref(s47, cid)})
            for cpp in det.iterfind("ChildProtectionPlans"):
                c = _items(cpp, CPP_ITEMS)
                rows["cpp"].append({**keys, **c, **_ref(cpp, cid)})
                for rev in cpp.iterfind("Reviews/CPPreviewDate"):
                    rows["cpp_review"].append(
                        {
                            "LAchildID": cid,
                            "CPPstartDate": c["CPPstartDate"],
                            "CPPreviewDate": rev.text or "",
                            **_ref(rev, cid),
                        }
                    )
    tables = {t: pd.DataFrame(r, dtype=object) for t, r in rows.items() if r}
    return CensusReturn(la_number=la_number, year=year, year_note=note, tables=tables)


def read_csv_table(path: Path, table: str, log: ProblemLog) -> pd.DataFrame | None:
    """One flat CIN CSV as text, headings aligned (GenderCurrent read as Sex)."""
    raw = read_csv_text(path, log, no_rows=ERROR if table in ("child", "details") else WARNING)
    if raw is None:
        return None
    if "GenderCurrent" in raw.columns and "Sex" not in raw.columns:
        raw = raw.rename(columns={"GenderCurrent": "Sex"})
    columns = load_spec("cin_census").raw["csv"][table]
    required = [c for c in columns if c.endswith("ID") or c == "LAchildID"]
    return align_columns(raw, columns, required, path.name, log)


def link_csv_tables(tables: dict[str, pd.DataFrame], log: ProblemLog) -> dict[str, pd.DataFrame]:
    """Replace the flat files' id links with the dates the raw tables are keyed on.

    Each frame carries ``source_file``. A row whose link finds nothing is an error naming the id.
    """
    out = dict(tables)

    def attach(table: str, parent_table: str, link: str, bring: list[str]) -> None:
        df, parent = out.get(table), out.get(parent_table)
        if df is None:
            return
        on = ["LAchildID", link]
        if parent is None:
            log.add(
                ERROR,
                "INT_LINK",
                str(df["source_file"].iloc[0]),
                f"the {table} file links by {link} to a {parent_table} file, which is missing",
            )
            out.pop(table)
            return
        lookup = parent[on + bring].drop_duplicates(subset=on)
        merged = df.drop(columns=[c for c in bring if c in df]).merge(lookup, on=on, how="left")
        orphan = merged[bring[-1]].isna()
        for file, part in merged[orphan].groupby("source_file"):
            log.add_rows(
                ERROR,
                "INT_LINK",
                str(file),
                f"{link} matches no row of the {parent_table} file",
                part["source_row"],
                link,
                part[link],
            )
        out[table] = merged

    for table in ("assessment", "plan", "s47", "cpp"):
        attach(table, "details", "CINdetailsID", ["CINreferralDate"])
    attach(
        "assessment_factor", "assessment", "AssessmentID", ["CINreferralDate", "AssessmentActualStartDate"]
    )
    attach("cpp_review", "cpp", "CPPID", ["CPPstartDate"])
    return out
