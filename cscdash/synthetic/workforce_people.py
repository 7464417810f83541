"""Who the synthetic social workers are: ids, roles, dates, personal and career fields of the CSWW.

Drawn after the roster (``workforce_roster.py``) so that attributes never change how many people are
hired. Codes follow data_layouts.md 4.1 and the DfE 2022 CSWW schema (liia-tools copy); ethnicity uses
only codes that schema allows (it has no WIRT or WROM). SWE numbers are invented: 'SW' and 10 digits.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from cscdash.synthetic.workforce_roster import STILL_IN_POST, Roster

#: OrgRole mix of employed staff: 1 senior manager ... 5 case holder, 6 qualified without cases.
_ROLES = np.array([1, 2, 3, 4, 5, 6])
_EMPLOYED_ROLE_P = np.array([0.015, 0.04, 0.11, 0.13, 0.635, 0.07])
_AGENCY_ROLE_P = np.array([0.0, 0.02, 0.05, 0.08, 0.85, 0.0])

_ORIGINS = np.array(["2", "3", "4", "5", "6", "7", "8", "9"])  # '1' (newly qualified) drawn separately
_ORIGIN_P = np.array([0.40, 0.04, 0.22, 0.08, 0.07, 0.07, 0.03, 0.09])

_REASONS = np.array(["1", "2", "4", "7", "8", "9"])
_REASON_P = np.array([0.76, 0.01, 0.02, 0.06, 0.06, 0.09])
_DESTINATIONS = np.array(["1", "2", "3", "4", "5", "6", "7", "8"])
_DESTINATION_P = np.array([0.27, 0.02, 0.20, 0.09, 0.05, 0.13, 0.04, 0.20])

_ETHNICITY = np.array(
    [
        "WBRI",
        "WOTH",
        "WIRI",
        "MWBC",
        "MWAS",
        "MOTH",
        "AIND",
        "AOTH",
        "BAFR",
        "BCRB",
        "CHNE",
        "OOTH",
        "REFU",
        "NOBT",
    ]
)
_ETHNICITY_P = np.array(
    [0.80, 0.05, 0.01, 0.012, 0.008, 0.01, 0.015, 0.01, 0.04, 0.015, 0.003, 0.007, 0.01, 0.01]
)
#: Fictional qualifying institutions (the census asks for a name; real ones are not needed).
_INSTITUTIONS = np.array(
    [
        "University of Wessex",
        "Vale Metropolitan University",
        "Southern Coast University",
        "Midshires University",
        "Northern City University",
        "Institution outside England",
    ]
)
_INSTITUTION_P = np.array([0.34, 0.22, 0.18, 0.1, 0.1, 0.06])


def month_start(first_month: date, index: np.ndarray) -> np.ndarray:
    """First day (datetime64[D]) of month ``index`` counted from ``first_month`` (0 = that month)."""
    base = np.datetime64(f"{first_month.year:04d}-{first_month.month:02d}", "M")
    return (base + index.astype("timedelta64[M]")).astype("datetime64[D]")


def day_in_month(rng: np.random.Generator, first_month: date, index: np.ndarray) -> np.ndarray:
    """A uniformly random day (datetime64[D]) within each month ``index``."""
    start = month_start(first_month, index)
    length = (month_start(first_month, index + 1) - start).astype(np.int64)
    return start + np.floor(rng.random(len(index)) * length).astype("timedelta64[D]")


def swe_numbers(rng: np.random.Generator, n: int) -> np.ndarray:
    """Unique pseudonymous SWE registration numbers: 'SW' + 10 digits (schema pattern [A-Za-z]{2}\\d{10})."""
    digits = rng.choice(9 * 10**9, size=n, replace=False) + 10**9
    return np.array([f"SW{d}" for d in digits], dtype=object)


def describe_workers(
    rng: np.random.Generator,
    roster: Roster,
    teams: list[str],
    first_month: date,
    newly_qualified_share: float,
) -> pd.DataFrame:
    """One row per worker ever on the roster, with the CSWW person and career fields.

    Dates are datetime64; ``RoleEndDate`` is NaT while in post. ``start_m``/``end_m`` keep the month
    indices the other workforce modules use; ``newly_qualified`` marks ASYE starters.
    """
    n = len(roster.fte)
    agency = roster.agency
    started_in_sim = roster.start_m >= 0
    nq = ~agency & started_in_sim & (rng.random(n) < newly_qualified_share)
    role = np.where(
        agency, rng.choice(_ROLES, size=n, p=_AGENCY_ROLE_P), rng.choice(_ROLES, size=n, p=_EMPLOYED_ROLE_P)
    )
    role = np.where(nq, 5, role)  # an ASYE social worker holds cases
    origin = np.where(nq, "1", rng.choice(_ORIGINS, size=n, p=_ORIGIN_P))

    start = day_in_month(rng, first_month, roster.start_m)
    left = roster.end_m < STILL_IN_POST
    end = day_in_month(rng, first_month, np.where(left, roster.end_m, 0))
    end = np.where(left, end, np.datetime64("NaT"))

    age_at_start = np.where(nq, 22.0 + rng.gamma(2.0, 2.5, size=n), rng.normal(38.0, 8.5, size=n))
    age_at_start = np.clip(age_at_start, 21.5, 61.0)
    birth = start - (age_at_start * 365.25).astype("timedelta64[D]")
    age_at_end = (end - birth).astype("timedelta64[D]").astype(float) / 365.25
    retired = left & (age_at_end >= 60) & (rng.random(n) < 0.75)
    reason = np.where(retired, "5", rng.choice(_REASONS, size=n, p=_REASON_P))
    destination = np.where(retired, "6", rng.choice(_DESTINATIONS, size=n, p=_DESTINATION_P))
    reason = np.where(roster.forced, "1", reason)  # the E6 exodus: resignations, mostly to agency work
    destination = np.where(roster.forced & (rng.random(n) < 0.6), "3", destination)

    gender = rng.choice(np.array(["2", "1", "9"]), size=n, p=[0.84, 0.15, 0.01])
    postgraduate = rng.random(n) < np.where(nq, 0.45, 0.40)
    level = np.where(rng.random(n) < 0.05, "3", np.where(postgraduate, "2", "1"))
    start_year = start.astype("datetime64[Y]").astype(int) + 1970
    step_up = nq & postgraduate & (start_year >= 2011) & (rng.random(n) < 0.15)
    frontline = nq & postgraduate & ~step_up & (start_year >= 2015) & (rng.random(n) < 0.25)

    workers = pd.DataFrame(
        {
            "SWENo": swe_numbers(rng, n),
            "team": np.array(teams, dtype=object)[roster.team],
            "AgencyWorker": agency.astype(np.int64),
            "OrgRole": role.astype(np.int64),
            "FTE": roster.fte,
            "RoleStartDate": pd.to_datetime(start),
            "RoleEndDate": pd.to_datetime(end),
            "StartOrigin": origin,
            "ReasonLeave": np.where(left, reason, None),
            "LeaverDestination": np.where(left, destination, None),
            "PersonBirthDate": pd.to_datetime(birth),
            "GenderCurrent": gender,
            "Ethnicity": rng.choice(_ETHNICITY, size=n, p=_ETHNICITY_P / _ETHNICITY_P.sum()),
            "QualInst": rng.choice(_INSTITUTIONS, size=n, p=_INSTITUTION_P),
            "QualLevel": level,
            "StepUpGrad": step_up.astype(np.int64),
            "FrontlineGrad": frontline.astype(np.int64),
            "newly_qualified": nq,
            "start_m": roster.start_m,
            "end_m": roster.end_m,
        }
    )
    return workers
