"""Targets the synthetic social work roster steers towards, month by month (calibration.md 2, 3, 5.3, 6).

The roster simulation (``workforce.py``) does not draw vacancy or agency rates directly: it hires and
loses individual workers, and these targets say how fast. Keeping them here as plain anchor points
(month, value) means the 'good' and 'improving' profiles are the same code with different numbers,
and a reader can check every shape against calibration.md without reading the simulation.

Rates are DfE-style: vacancy = vacancies / (vacancies + employed); agency = agency / (agency + employed);
turnover = employed leavers in a year / employed at its end. FTE figures are for 70,000 children and
are multiplied by ``Context.size_factor``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

#: (YYYY-MM, value): linear between anchors, flat before the first and after the last.
Anchors = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class WorkforceProfile:
    """One profile's anchors. Months are month ends; a value holds at that month end."""

    establishment_fte: Anchors  # funded posts (before E6's extra posts)
    vacancy_rate: Anchors
    agency_rate: Anchors  # before E6's extra agency and E7's cut
    turnover_rate: Anchors  # annual rate; the monthly leaving hazard is a twelfth of it
    caseload: Anchors  # cases per case-holder FTE (before the E6 and E7 bumps)
    sickness_days_per_fte: Anchors  # annual working days lost per FTE
    newly_qualified_share: float  # share of starters straight from qualifying (ASYE)
    e6_leavers_fte: float = 4.0  # extra employed leavers, half in Nov and half in Dec 2022
    e6_new_posts_fte: float = 8.0  # posts funded in Nov-Dec 2022 that stay vacant at first
    e6_agency_fte: float = 5.0  # extra agency cover from Nov 2022, fading out by Sep 2023
    e6_caseload: float = 1.5  # added to caseload in Nov 2022 - Jan 2023
    e7_agency_cut: float = 0.30  # agency FTE falls by this share over Oct 2024 - Mar 2025
    e7_caseload: float = 0.5  # added to caseload from Oct 2024 (ramped over 3 months)


GOOD = WorkforceProfile(
    establishment_fte=(
        ("2003-04", 236.0),
        ("2018-04", 261.0),
        ("2021-12", 264.0),
        ("2022-10", 270.0),
        ("2026-10", 273.0),
    ),
    vacancy_rate=(
        ("2003-04", 0.15),
        ("2018-04", 0.17),
        ("2019-09", 0.19),
        ("2020-09", 0.163),
        ("2021-09", 0.09),
        ("2022-01", 0.13),
        ("2022-10", 0.17),
        ("2022-11", 0.19),
        ("2022-12", 0.21),
        ("2023-09", 0.205),
        ("2024-09", 0.195),
        ("2025-09", 0.182),
        ("2026-10", 0.175),
    ),
    agency_rate=(
        ("2003-04", 0.10),
        ("2018-04", 0.11),
        ("2019-09", 0.108),
        ("2020-09", 0.15),
        ("2021-09", 0.127),
        ("2022-09", 0.113),
        ("2023-09", 0.16),
        ("2024-09", 0.175),
        ("2026-10", 0.175),
    ),
    turnover_rate=(
        ("2003-04", 0.12),
        ("2018-04", 0.13),
        ("2019-09", 0.135),
        ("2020-03", 0.11),
        ("2020-06", 0.05),
        ("2020-09", 0.06),
        ("2021-03", 0.11),
        ("2022-09", 0.11),
        ("2022-10", 0.16),
        ("2023-09", 0.16),
        ("2023-12", 0.12),
        ("2024-09", 0.115),
        ("2025-03", 0.10),
        ("2026-10", 0.10),
    ),
    caseload=(
        ("2003-04", 17.0),
        ("2018-04", 17.2),
        ("2019-09", 17.6),
        ("2020-03", 18.6),
        ("2020-09", 14.8),
        ("2021-09", 14.2),
        ("2022-09", 14.8),
        ("2023-09", 15.2),
        ("2024-03", 13.5),
        ("2024-09", 13.4),
        ("2025-09", 13.6),
        ("2026-10", 13.6),
    ),
    sickness_days_per_fte=(("2003-04", 10.0), ("2018-04", 10.5), ("2022-12", 11.8), ("2026-10", 11.0)),
    newly_qualified_share=0.32,
)

#: BCP-like: weak in 2021-22, improving by 2025 (calibration.md 2-3, 'improving' columns).
IMPROVING = WorkforceProfile(
    establishment_fte=(("2003-04", 250.0), ("2018-04", 262.0), ("2022-10", 275.0), ("2026-10", 285.0)),
    vacancy_rate=(
        ("2003-04", 0.12),
        ("2018-04", 0.10),
        ("2019-09", 0.101),
        ("2020-09", 0.134),
        ("2021-09", 0.27),
        ("2022-10", 0.31),
        ("2022-11", 0.32),
        ("2022-12", 0.33),
        ("2023-09", 0.30),
        ("2024-09", 0.28),
        ("2025-09", 0.24),
        ("2026-10", 0.22),
    ),
    agency_rate=(
        ("2003-04", 0.08),
        ("2018-04", 0.08),
        ("2019-09", 0.08),
        ("2020-09", 0.17),
        ("2021-09", 0.37),
        ("2022-09", 0.37),
        ("2023-09", 0.37),
        ("2024-09", 0.37),
        ("2026-10", 0.37),
    ),
    turnover_rate=(
        ("2003-04", 0.12),
        ("2018-04", 0.10),
        ("2019-09", 0.10),
        ("2020-09", 0.11),
        ("2021-09", 0.30),
        ("2022-09", 0.22),
        ("2023-09", 0.15),
        ("2024-09", 0.11),
        ("2025-09", 0.12),
        ("2026-10", 0.12),
    ),
    caseload=(
        ("2003-04", 16.0),
        ("2019-09", 16.2),
        ("2020-09", 14.3),
        ("2022-09", 16.0),
        ("2023-09", 15.9),
        ("2024-09", 15.0),
        ("2025-09", 14.1),
        ("2026-10", 14.0),
    ),
    sickness_days_per_fte=(("2003-04", 7.0), ("2026-10", 7.0)),
    newly_qualified_share=0.38,
)

PROFILES: dict[str, WorkforceProfile] = {"good": GOOD, "improving": IMPROVING}

#: E6 and E7 dates (calibration.md section 6).
E6_START, E6_END = date(2022, 11, 1), date(2022, 12, 31)
E6_CASELOAD_END = date(2023, 1, 31)
E6_AGENCY_FADE_END = date(2023, 9, 30)
E7_START, E7_CUT_END = date(2024, 10, 1), date(2025, 3, 31)


def _month_number(month: str | date) -> int:
    """Months since year 0, so anchors and month ends share one axis."""
    if isinstance(month, str):
        year, mon = (int(part) for part in month.split("-"))
    else:
        year, mon = month.year, month.month
    return year * 12 + mon - 1


def interpolate(anchors: Anchors, months: list[date]) -> np.ndarray:
    """The anchor path at each month: linear between anchors, flat outside them."""
    xs = np.array([_month_number(m) for m, _ in anchors], dtype=float)
    ys = np.array([v for _, v in anchors], dtype=float)
    return np.interp([_month_number(m) for m in months], xs, ys)


def _ramp(months: list[date], start: date, end: date) -> np.ndarray:
    """0 before ``start``'s month, rising linearly to 1 at ``end``'s month, 1 after."""
    axis = np.array([_month_number(m) for m in months], dtype=float)
    first, last = _month_number(start), _month_number(end)
    return np.clip((axis - first + 1) / (last - first + 1), 0.0, 1.0)


def monthly_targets(profile: WorkforceProfile, months: list[date], size_factor: float) -> pd.DataFrame:
    """One row per month end: the totals the roster steers towards, events included.

    Columns: month_end, establishment_fte, vacancy_rate, agency_factor (multiplies the agency FTE implied
    by agency_rate), agency_extra_fte, monthly_leave_hazard, e6_forced_leavers_fte, caseload,
    sickness_days_per_fte.
    """
    m = pd.DataFrame({"month_end": months})
    in_e6 = np.array([E6_START <= d <= E6_END for d in months])
    e6_posts = profile.e6_new_posts_fte * _ramp(months, E6_START, E6_END)
    m["establishment_fte"] = (interpolate(profile.establishment_fte, months) + e6_posts) * size_factor
    m["vacancy_rate"] = interpolate(profile.vacancy_rate, months)
    cut = _ramp(months, E7_START, E7_CUT_END)
    m["agency_rate"] = interpolate(profile.agency_rate, months)
    m["agency_factor"] = 1.0 - profile.e7_agency_cut * cut
    e6_agency = _ramp(months, E6_START, E6_START) - _ramp(months, date(2023, 1, 1), E6_AGENCY_FADE_END)
    m["agency_extra_fte"] = profile.e6_agency_fte * e6_agency * size_factor
    m["monthly_leave_hazard"] = interpolate(profile.turnover_rate, months) / 12.0
    m["e6_forced_leavers_fte"] = np.where(in_e6, profile.e6_leavers_fte / 2.0, 0.0) * size_factor
    e6_cases = np.array([E6_START <= d <= E6_CASELOAD_END for d in months]) * profile.e6_caseload
    e7_cases = _ramp(months, E7_START, date(2024, 12, 31)) * profile.e7_caseload
    m["caseload"] = interpolate(profile.caseload, months) + e6_cases + e7_cases
    m["sickness_days_per_fte"] = interpolate(profile.sickness_days_per_fte, months)
    return m


def workforce_events(profile: WorkforceProfile, end_month: date) -> pd.DataFrame:
    """The injected workforce events (E6, E7) in the events.csv shape: id, series, start, end, effect.

    ``series`` names the indicator id the effect shows in; an event still running at ``end_month`` has
    ``end`` = ``end_month``.
    """
    e7_end = end_month
    rows = [
        (
            "E6",
            "wf_sw_fte_in_post",
            E6_START,
            E6_END,
            f"employed social workers -{profile.e6_leavers_fte:g} FTE (extra leavers)",
        ),
        (
            "E6",
            "wf_vacancy_rate_pct",
            E6_START,
            E6_END,
            f"vacancy rate up about 4 points; +{profile.e6_new_posts_fte:g} FTE funded posts",
        ),
        ("E6", "wf_avg_caseload", E6_START, E6_CASELOAD_END, f"caseload +{profile.e6_caseload:g}"),
        (
            "E6",
            "wf_agency_fte",
            E6_START,
            E6_AGENCY_FADE_END,
            f"agency +{profile.e6_agency_fte:g} FTE, fading",
        ),
        ("E6", "wf_turnover_rate_pct", E6_START, date(2023, 9, 30), "turnover spike in the year to Sep 2023"),
        (
            "E7",
            "wf_agency_fte",
            E7_START,
            E7_CUT_END,
            f"agency FTE -{profile.e7_agency_cut:.0%} over 6 months",
        ),
        ("E7", "wf_agency_rate_pct", E7_START, e7_end, "agency rate falls; vacancies unchanged"),
        ("E7", "wf_avg_caseload", E7_START, e7_end, f"caseload +{profile.e7_caseload:g}"),
    ]
    events = pd.DataFrame(rows, columns=["id", "series", "start", "end", "effect"])
    return events[events["start"] <= end_month].reset_index(drop=True)
