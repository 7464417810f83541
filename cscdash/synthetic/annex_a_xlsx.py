"""The Annex A list 1 (contacts) workbook writer: one workbook per collection year.

Headings are the exact 2024 Ofsted template headings followed by the local extension columns of
data_layouts.md 3.1; cells use Ofsted's option labels ('b) Female', 'a) WBRI', 'q) 6: Police').
Every document property that would carry a timestamp is fixed, so the same seed gives the same bytes.
Contacts whose decision came after the extract date are shown as OPEN with no decision time.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from cscdash.synthetic.cin_xml import as_at_date, year_label
from cscdash.synthetic.context import Context
from cscdash.synthetic.front_door import FrontDoor
from cscdash.synthetic.population import ETHNIC_CODES

HEADINGS = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Date of Contact",
    "Contact Source",
    "Contact ID",
    "Contact Date Time",
    "Contact Outcome",
    "Decision Date Time",
    "BRAG Rating",
]
GENDER_LABELS = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
#: Ofsted's lettered ethnicity options follow the DfE code order (a) WBRI ... t) NOBT).
ETHNIC_ORDER = [
    "WBRI",
    "WIRI",
    "WIRT",
    "WOTH",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
]
ETHNIC_LABELS = {code: f"{chr(ord('a') + i)}) {code}" for i, code in enumerate(ETHNIC_ORDER)}
SOURCE_LABELS = {
    "1A": "a) 1A: Individual",
    "1B": "b) 1B: Individual",
    "1C": "c) 1C: Individual",
    "1D": "d) 1D: Individual",
    "2A": "e) 2A: Schools",
    "2B": "f) 2B: Education services",
    "3A": "g) 3A: Health services",
    "3B": "h) 3B: Health services",
    "3C": "i) 3C: Health services",
    "3D": "j) 3D: Health services",
    "3E": "k) 3E: Health services",
    "3F": "l) 3F: Health services",
    "4": "m) 4: Housing",
    "5A": "n) 5A: LA services",
    "5B": "o) 5B: LA services",
    "5C": "p) 5C: LA services",
    "5D": "o) 5B: LA services",
    "6": "q) 6: Police",
    "7": "r) 7: Other legal agency",
    "8": "s) 8: Other",
    "9": "t) 9: Anonymous",
    "10": "u) 10: Unknown",
}
assert set(ETHNIC_ORDER) == set(ETHNIC_CODES.tolist())


def contacts_for_year(ctx: Context, fd: FrontDoor, year: int) -> pd.DataFrame:
    """List 1 rows for the collection year ``year`` as the extract at its reference date shows them."""
    as_at = np.datetime64(as_at_date(ctx, year))
    first = np.datetime64(f"{year - 1}-04-01")
    c = fd.contacts
    day = c["contact_time"].to_numpy().astype("datetime64[D]")
    c = c[(day >= first) & (day <= as_at)].copy()
    kids = fd.children.set_index("child_no").loc[c["child_no"]]
    dob = kids["dob"].to_numpy().astype("datetime64[D]")
    cday = c["contact_time"].to_numpy().astype("datetime64[D]")
    unborn = dob > cday
    born = pd.to_datetime(dob)
    when = pd.to_datetime(cday)
    age = (
        when.year
        - born.year
        - ((when.month < born.month) | ((when.month == born.month) & (when.day < born.day)))
    )
    decided = c["decision_time"].to_numpy() < (as_at + 1).astype("datetime64[m]")
    return pd.DataFrame(
        {
            "Child Unique ID": kids["child_id"].to_numpy(),
            "Gender": np.where(
                unborn, GENDER_LABELS["U"], pd.Series(kids["sex"].to_numpy()).map(GENDER_LABELS)
            ),
            "Ethnicity": pd.Series(kids["ethnic"].to_numpy()).map(ETHNIC_LABELS).to_numpy(),
            "Date of Birth": np.where(unborn, None, born.to_pydatetime()),
            "Age of Child (Years)": np.where(unborn, None, np.asarray(age, dtype=object)),
            "Date of Contact": when.to_pydatetime(),
            "Contact Source": c["source"].map(SOURCE_LABELS).to_numpy(),
            "Contact ID": c["contact_id"].to_numpy(),
            "Contact Date Time": pd.to_datetime(c["contact_time"]).dt.to_pydatetime(),
            "Contact Outcome": np.where(decided, c["outcome"].to_numpy(), "OPEN"),
            "Decision Date Time": np.where(
                decided, pd.to_datetime(c["decision_time"]).dt.to_pydatetime(), None
            ),
            "BRAG Rating": np.where(c["brag"].to_numpy() == "", None, c["brag"].to_numpy()),
        }
    )


def write_workbook(path: Path, rows: pd.DataFrame, as_at: datetime) -> Path:
    """One 'List 1' sheet; timestamps and properties fixed so that the bytes are reproducible."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    wb.set_properties(
        {
            "title": "Annex A list 1: contacts (SYNTHETIC)",
            "subject": "SYNTHETIC: fictional data, not real children",
            "author": "cscdash demo generator",
            "company": "Wessex Vale Council (synthetic data)",
            "comments": "SYNTHETIC: fictional data, not real children",
            "created": as_at,
        }
    )
    ws = wb.add_worksheet("List 1")
    bold = wb.add_format({"bold": True})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    time_fmt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    ws.write_row(0, 0, HEADINGS, bold)
    formats = {
        "Date of Birth": date_fmt,
        "Date of Contact": date_fmt,
        "Contact Date Time": time_fmt,
        "Decision Date Time": time_fmt,
    }
    columns = [rows[h].tolist() for h in HEADINGS]
    for r, values in enumerate(zip(*columns, strict=True), start=1):
        for col, (heading, value) in enumerate(zip(HEADINGS, values, strict=True)):
            if value is None or value != value:  # None, NaN and NaT are blank cells
                continue
            fmt = formats.get(heading)
            if fmt is not None:
                ws.write_datetime(r, col, value, fmt)
            elif isinstance(value, str):
                ws.write_string(r, col, value)
            else:
                ws.write_number(r, col, int(value))
    wb.close()
    return path


def write_annex_a(ctx: Context, fd: FrontDoor, extracts_dir: Path) -> list[Path]:
    """Write ``annex_a/annex_a_list1_contacts_<YYYY-YY>_SYNTHETIC.xlsx`` for every collection year."""
    folder = extracts_dir / "annex_a"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for year in ctx.collection_years:
        as_at = as_at_date(ctx, year)
        path = folder / f"annex_a_list1_contacts_{year_label(year)}_SYNTHETIC.xlsx"
        paths.append(
            write_workbook(
                path, contacts_for_year(ctx, fd, year), datetime(as_at.year, as_at.month, as_at.day)
            )
        )
    return paths
