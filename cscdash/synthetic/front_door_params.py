"""Calibration of the front door: volumes, probabilities, their trends, seasonality and events.

Every number here comes from calibration.md (good profile unless the profile says otherwise); the
simulation code in ``front_door`` reads them through :class:`FrontDoorParams`, so the 'improving'
profile is a different parameter set run through the same code. Monthly values are looked up by the
first day of the month, as ``datetime64[M]``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: calibration.md 5.1, April first.
SEASON_CONTACTS = np.array([0.94, 1.06, 1.05, 1.02, 0.80, 0.98, 1.08, 1.09, 0.88, 1.04, 1.00, 1.06])
SEASON_SCHOOLS = np.array([0.75, 1.20, 1.20, 1.00, 0.15, 0.95, 1.25, 1.25, 0.80, 1.15, 1.05, 1.25])

#: Referral / contact sources (CIN ReferralSource codes) and their shares, calibration.md section 4.
SOURCES = np.array(
    [
        "6",
        "2A",
        "3A",
        "3B",
        "3C",
        "3E",
        "3F",
        "1A",
        "1B",
        "1C",
        "1D",
        "5A",
        "5B",
        "5C",
        "7",
        "8",
        "9",
        "10",
        "2B",
        "4",
    ]
)
SOURCE_SHARES = np.array(
    [
        0.27,
        0.15,
        0.03,
        0.04,
        0.02,
        0.04,
        0.02,
        0.04,
        0.02,
        0.01,
        0.01,
        0.04,
        0.06,
        0.02,
        0.03,
        0.07,
        0.03,
        0.02,
        0.01,
        0.01,
    ]
)


def knots(months: np.ndarray, points: list[tuple[str, float]]) -> np.ndarray:
    """Piecewise-linear value at each month from (YYYY-MM, value) knots, flat beyond the ends."""
    x = np.array([np.datetime64(p[0], "M").astype(int) for p in points], dtype=float)
    y = np.array([p[1] for p in points], dtype=float)
    return np.interp(months.astype("datetime64[M]").astype(int).astype(float), x, y)


def drifting(
    rng: np.random.Generator, base: np.ndarray, sd: float = 0.005, bound: float = 0.03
) -> np.ndarray:
    """A probability that wanders around ``base`` (calibration 5.2: SD 0.5 points a month, bounded).

    A mean-reverting walk: each month keeps 90% of last month's deviation and adds N(0, sd); the
    deviation is clipped to +/- ``bound`` so the calibration bands hold.
    """
    steps = rng.normal(0.0, sd, size=len(base))
    dev = np.zeros(len(base))
    for i in range(1, len(base)):
        dev[i] = np.clip(0.9 * dev[i - 1] + steps[i], -bound, bound)
    return np.clip(base + dev, 0.001, 0.999)


@dataclass(frozen=True)
class FrontDoorParams:
    """Levels at the year to 31 March 2025 (the calibration year) for one profile."""

    contacts_per_year: float = 7700.0
    conversion: float = 0.36  # contacts whose outcome is REFERRAL (E2 raises it from 0.30)
    strat_share: float = 0.02  # contacts that go straight to a strategy discussion (also referrals)
    rereferral: float = 0.16
    referral_nfa: float = 0.12
    s47_given_assessed: float = 0.45
    icpc_given_s47: float = 0.32
    cpp_given_icpc: float = 0.86
    icpc_in_15wd: float = 0.91
    assessment_late: float = 0.12
    close_after_assessment: float = 0.55  # of assessed referrals with no S47 (RC8/RC9)
    cpp_repeat: float = 0.26  # CP plans for a child with an earlier plan
    cpp_review_late: float = 0.02
    cp_visit_lapse: float = 0.07
    uasc_per_year: float = 30.0  # about 41 UASC in care at 31 March, ~20% of CLA starts (issue 6)
    care_starts_per_year: float = 155.0  # all CLA starts (UASC included) the entry stream aims at
    care_route_scale: float = 0.97  # tunes the non-UASC routes into care to land on care_starts_per_year
    short_breaks_per_year: float = 12.0
    cin_plan_mean_days: float = 300.0
    # trend shapes (multipliers at the month, 1.0 = the 2024-25 level)
    referral_trend: tuple = (("2003-04", 1.063), ("2023-04", 1.063), ("2026-12", 0.97**3.7))
    s47_trend: tuple = (
        ("2003-04", 0.80),
        ("2018-04", 0.80),
        ("2022-03", 1.12),
        ("2025-03", 0.97),
        ("2027-03", 0.92),
    )
    # CIN plans shorten from 2019-20 so the CIN count falls about 5% a year 2021-2024 (calibration.md
    # 5.3 "Falling CIN"), then lengthen a little so that it stays flat after Family Help (E8) in 2024.
    cin_duration_trend: tuple = (
        ("2003-04", 1.75),
        ("2018-10", 1.75),
        ("2021-10", 1.05),
        ("2023-04", 1.0),
        ("2024-04", 1.25),
        ("2025-04", 1.45),
        ("2027-03", 1.45),
    )


PROFILES: dict[str, FrontDoorParams] = {
    "good": FrontDoorParams(),
    "improving": FrontDoorParams(
        contacts_per_year=12000.0,
        conversion=0.33,
        rereferral=0.26,
        referral_nfa=0.10,
        s47_given_assessed=0.50,
        icpc_given_s47=0.42,
        icpc_in_15wd=0.84,
        assessment_late=0.20,
        close_after_assessment=0.20,
        cpp_repeat=0.24,
        cpp_review_late=0.04,
        cp_visit_lapse=0.10,
        uasc_per_year=30.0,
        care_starts_per_year=240.0,
        short_breaks_per_year=14.0,
        referral_trend=(
            ("2003-04", 1.0),
            ("2019-04", 1.05),
            ("2022-04", 1.25),
            ("2025-03", 1.0),
            ("2027-03", 0.9),
        ),
    ),
}


def contact_volume(p: FrontDoorParams, months: np.ndarray) -> np.ndarray:
    """Expected contacts in each month: level x trend x E2 step x seasonality x Covid (E1)."""
    level = p.contacts_per_year / 12 * knots(months, list(p.referral_trend))
    front_door = np.where(months < np.datetime64("2021-10", "M"), 1 / 0.85, 1.0)  # E2 step -15%
    month_no = months.astype(int) % 12  # 0 = January
    season = SEASON_CONTACTS[(month_no - 3) % 12]
    covid = np.ones(len(months))
    covid[(months >= np.datetime64("2020-04", "M")) & (months <= np.datetime64("2020-06", "M"))] = 0.70
    covid[(months >= np.datetime64("2020-09", "M")) & (months <= np.datetime64("2020-11", "M"))] = 1.15
    return level * front_door * season * covid


def conversion(p: FrontDoorParams, months: np.ndarray) -> np.ndarray:
    """Share of contacts becoming referrals: 30% before the new front door (E2), ``p.conversion`` after."""
    before = p.conversion * 0.30 / 0.37
    return np.where(months < np.datetime64("2021-10", "M"), before, p.conversion)


def school_share(months: np.ndarray) -> np.ndarray:
    """Share of contacts from schools (2A): seasonal, and -70% in the Covid lockdown (E1)."""
    month_no = months.astype(int) % 12
    share = 0.15 * SEASON_SCHOOLS[(month_no - 3) % 12] / SEASON_CONTACTS[(month_no - 3) % 12]
    lockdown = (months >= np.datetime64("2020-04", "M")) & (months <= np.datetime64("2020-06", "M"))
    return np.where(lockdown, share * 0.3 / 0.7, share)


def rereferral_target(p: FrontDoorParams, months: np.ndarray) -> np.ndarray:
    """Re-referral probability: E2 takes 3 points off over the 12 months after October 2021."""
    drop = knots(months, [("2021-10", 0.0), ("2022-10", 0.03)])
    return (p.rereferral + 0.03 - drop) * 1.15


def assessment_late(p: FrontDoorParams, months: np.ndarray) -> np.ndarray:
    """Share of assessments over 45 working days by start month; E3 adds 10 points (Oct-Nov 2022 starts)."""
    late = np.full(len(months), p.assessment_late)
    e3 = (months >= np.datetime64("2022-10", "M")) & (months <= np.datetime64("2022-11", "M"))
    return np.where(e3, late + 0.10, late)


def family_help_no_assessment(months: np.ndarray) -> np.ndarray:
    """E8 (April 2024): share of referrals kept open under Family Help with no statutory assessment."""
    return np.where(months >= np.datetime64("2024-04", "M"), 0.12, 0.0)


def _uasc_knots(p: FrontDoorParams) -> list[tuple[str, float]]:
    """UASC arrivals a year: low before the National Transfer Scheme, ``p.uasc_per_year`` from 2022-23."""
    before = p.uasc_per_year * 0.45
    return [
        ("2003-04", before * 0.3),
        ("2015-04", before * 0.5),
        ("2016-04", before),
        ("2021-12", before),
        ("2022-04", p.uasc_per_year),
        ("2027-03", p.uasc_per_year),
    ]


def uasc_volume(p: FrontDoorParams, months: np.ndarray) -> np.ndarray:
    """Expected UASC care entries a month: low before the NTS, higher from 2022, +10 in Apr-May 2022 (E5)."""
    per_year = knots(months, _uasc_knots(p))
    extra = np.where(
        (months >= np.datetime64("2022-04", "M")) & (months <= np.datetime64("2022-05", "M")), 5.0, 0.0
    )
    return per_year / 12 + extra


def care_keep_chance(
    p: FrontDoorParams, months: np.ndarray, month_idx: np.ndarray, candidates: np.ndarray
) -> np.ndarray:
    """Chance that each referral family that is a candidate for care really goes into care.

    Children in care are a flat series (calibration.md 5.3) with no seasonality (5.1), although the
    referrals and S47s that feed care rise and fall. ``candidates`` holds each family's children if it
    is a candidate (else 0); the candidates of each referral month, smoothed over two years so the
    month-to-month noise survives, are thinned to the non-UASC share of ``care_starts_per_year``
    (UASC arrivals come on top, so the total stays level as they grow).
    """
    counts = np.bincount(month_idx, weights=candidates, minlength=len(months)).astype(float)
    window = np.ones(25)
    smooth = np.convolve(counts, window, "same") / np.convolve(np.ones(len(months)), window, "same")
    uasc = knots(months, _uasc_knots(p))
    target = (p.care_starts_per_year - uasc) / 12 * p.care_route_scale
    return np.clip(target / np.maximum(smooth, 1e-9), 0.0, 1.0)[month_idx]
