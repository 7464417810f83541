"""Headings, Ofsted option labels and cell formats of the Annex A list 8 and list 9 snapshot files.

Headings are exactly those of data_layouts.md section 3 (2024 template). Cells follow the shared
contract of issue 6: dates dd/mm/yyyy, Y/N for yes/no columns, Ofsted's lettered option labels
(``a) Male``, ``f) Long-term fostering``, ``a) Relevant``), and SSDA903 codes where the contract says so
(legal status, placement type, ACCOM letter and ACTIV code, each optionally followed by " - label").
Gender and ethnicity labels are the list 1 workbook's, so a child looks the same in every list.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic.annex_a_xlsx import ETHNIC_LABELS, GENDER_LABELS

FIRST_FIVE = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]

LIST8_HEADINGS = FIRST_FIVE + [
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

LIST9_HEADINGS = FIRST_FIVE + [
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

PERMANENCE_LABELS = {
    "return_home": "a) Return to family",
    "adoption": "b) Adoption",
    "sgo_cao": "c) SGO/CAO",
    "supported_living": "d) Supported living in the community",
    "long_term_residential": "e) Long-term residential placement",
    "long_term_fostering": "f) Long-term fostering",
    "other": "g) Other",
}
#: SSDA903 PLACE_PROVIDER -> list 8 Placement Provider (own council, private, anything else)
PROVIDER_LABELS = {
    "PR1": "a) Own LA",
    "PR4": "b) Private",
    "PR0": "c) Other",
    "PR2": "c) Other",
    "PR3": "c) Other",
    "PR5": "c) Other",
}
LOCATION_LABELS = {"IN": "a) In", "OUT": "b) Out"}
ELIGIBILITY_LABELS = {
    "relevant": "a) Relevant",
    "former_relevant": "b) Former relevant",
    "qualifying": "c) Qualifying",
    "eligible": "d) Eligible",
    "other": "e) Other",
}
IN_TOUCH_LABELS = {
    "in_touch": "a) In touch",
    "not_in_touch": "b) Not in touch",
    "not_recorded": "c) Not recorded",
    "exclude": "d) Exclude",
}
SUITABILITY_LABELS = {
    "suitable": "a) Suitable",
    "not_suitable": "b) Not suitable",
    "not_known": "c) Not in touch or not recorded",
    "exclude": "d) Exclude",
}
#: SSDA903 ACCOM letters (data_layouts.md 1.6) with short labels for "Type of Accommodation"
ACCOM_LABELS = {
    "B": "With parents or relatives",
    "C": "Community home or other residential care",
    "D": "Semi-independent, transitional accommodation",
    "E": "Supported lodgings",
    "G": "Gone abroad",
    "H": "Deported",
    "K": "Ordinary lodgings",
    "R": "Residence not known",
    "S": "No fixed abode / homeless",
    "T": "Foyer or similar",
    "U": "Independent living",
    "V": "Emergency accommodation",
    "W": "Bed and breakfast",
    "X": "In custody",
    "Y": "Other accommodation",
    "Z": "With former foster carers",
}
#: SSDA903 ACTIV codes with short labels for "Activity Status"
ACTIV_LABELS = {
    "F1": "Full-time higher education",
    "P1": "Part-time higher education",
    "F2": "Full-time other education",
    "P2": "Part-time other education",
    "F4": "Full-time apprenticeship",
    "P4": "Part-time apprenticeship",
    "F5": "Full-time training or employment",
    "P5": "Part-time training or employment",
    "G4": "NEET: illness or disability",
    "G5": "NEET: other",
    "G6": "NEET: pregnancy or parenting",
}


def dmy(values: object) -> np.ndarray:
    """Dates as dd/mm/yyyy text; NaT as an empty cell."""
    day = pd.to_datetime(pd.Series(np.asarray(values))).to_numpy(dtype="datetime64[D]")
    unique, where = np.unique(day, return_inverse=True)  # few distinct dates: format each once
    text = pd.Series(pd.DatetimeIndex(unique).strftime("%d/%m/%Y")).fillna("").to_numpy(dtype=object)
    return text[where.reshape(-1)] if len(day) else np.array([], dtype=object)


def yes_no(flags: np.ndarray) -> np.ndarray:
    """Booleans as Ofsted's Y/N."""
    return np.where(np.asarray(flags, dtype=bool), "Y", "N")


def with_label(codes: np.ndarray, labels: dict[str, str]) -> np.ndarray:
    """'CODE - label' for known codes; blanks stay blank and unknown codes stay bare."""
    codes = pd.Series(np.asarray(codes, dtype=object))
    text = codes + " - " + codes.map(labels)
    return text.where(codes.map(labels).notna(), codes).fillna("").to_numpy(dtype=object)


def person_columns(kids: pd.DataFrame, on: np.ndarray) -> dict[str, np.ndarray]:
    """The five columns every list starts with, for children (child_id, sex, ethnic, dob) on dates ``on``."""
    dob = pd.DatetimeIndex(pd.to_datetime(kids["dob"]).to_numpy(dtype="datetime64[D]"))
    when = pd.DatetimeIndex(np.asarray(on, dtype="datetime64[D]"))
    before = (when.month < dob.month) | ((when.month == dob.month) & (when.day < dob.day))
    age = when.year - dob.year - before.astype(int)
    return {
        "Child Unique ID": kids["child_id"].to_numpy(dtype=object),
        "Gender": kids["sex"].map(GENDER_LABELS).fillna(GENDER_LABELS["U"]).to_numpy(dtype=object),
        "Ethnicity": kids["ethnic"].map(ETHNIC_LABELS).fillna("").to_numpy(dtype=object),
        "Date of Birth": dmy(dob),
        "Age of Child (Years)": np.asarray(age).astype(str),
    }
