"""Parameters of the care part of the generator, one set per calibration profile.

The care code is the same for every profile (calibration.md section 1); only these numbers change.
They were tuned by simulation so that the 'good' profile lands inside the calibration bands of
calibration.md sections 2-4 when the front door supplies about 155 entries a year with the section-4
age mix; comments give the target each one serves.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class CareParams:
    """Rates and mixes for one profile. Probabilities are per period of care unless stated."""

    # --- exit track by age band at entry: home, adopt, sgo, cao, other, to18 (calibration 4 "Exit reasons")
    track_by_age: dict[str, tuple[float, ...]] = field(
        default_factory=lambda: {
            "under1": (0.21, 0.45, 0.17, 0.03, 0.05, 0.09),
            "1to4": (0.27, 0.30, 0.16, 0.05, 0.06, 0.16),
            "5to9": (0.35, 0.02, 0.12, 0.04, 0.09, 0.38),
            "10to15": (0.32, 0.0, 0.04, 0.02, 0.17, 0.45),
            "16to17": (0.28, 0.0, 0.0, 0.0, 0.19, 0.53),
            "uasc": (0.0, 0.0, 0.0, 0.0, 0.08, 0.92),
        }
    )
    # --- durations in days (median, log-sd) of the short tracks
    home_days: tuple[float, float] = (200.0, 0.95)
    other_days: tuple[float, float] = (190.0, 1.0)
    sgo_days: tuple[float, float] = (560.0, 0.40)
    cao_days: tuple[float, float] = (420.0, 0.45)
    # --- adoption timeline (calibration: entry to placed ~500 days, 450-560). The median is above 500
    # because fostering-for-adoption children count from moving in with their carers, often near entry.
    adopt_decision_days: tuple[float, float] = (230.0, 0.30)
    adopt_entry_to_placed_days: tuple[float, float] = (600.0, 0.2)
    adopt_placed_to_order_days: tuple[float, float] = (250.0, 0.35)
    adopt_decision_reversed_pct: float = 0.35  # young to18/sgo children with a decision later reversed
    # --- placements: a minority of children are "volatile" (by age band at entry) and most of their
    # placements are short; the others rarely move. This gives both 3+ moves (~10%) and stability (~75%).
    volatile_share: dict[str, float] = field(
        default_factory=lambda: {"under5": 0.12, "5to9": 0.22, "10to15": 0.35, "16to17": 0.36}
    )
    volatile_unstable_pct: float = 0.8
    calm_unstable_pct: float = 0.125
    settle_after_days: float = 730.0  # volatile children mostly settle after two years in care
    settled_unstable_pct: float = 0.3
    unstable_mean_days: float = 120.0
    stable_mean_years: float = 15.0
    initial_move_pct: float = 0.50  # first (emergency) placement replaced by a planned one within 3 months
    temporary_moves_per_year: float = 0.04  # T0-T4 respite/hospital/holiday moves, foster placements
    long_term_conversion_pct: float = 0.45  # short-term foster becomes long-term with the same carer (RNE T)
    # teenagers on the to18 track who move on at 16-17 (a planned step to a children's home, supported
    # accommodation or another foster home), and of them those who move once more before 18: most of the
    # 22% of children looked after 2+ years with 3+ placements over 2 years are 14-17 (calibration 3)
    teen_move_pct: float = 0.9
    teen_second_move_pct: float = 0.9
    # --- where children live (calibration 3: 38% outside the LA, 25% of CLA outside and over 20 miles)
    out_of_area_by_group: dict[str, float] = field(
        default_factory=lambda: {
            "foster_la": 0.18,
            "foster_ifa": 0.55,
            "home": 0.68,
            "supported": 0.40,
            "adoption": 0.55,
            "other": 0.55,
        }
    )
    far_share_of_out_of_area: float = 0.63
    # --- reviews and visits
    reviews_on_time_pct: float = 0.955
    visits_on_time_pct: float = 0.80  # share of 6-weekly visit intervals of 42 days or less
    # --- missing (calibration: ~13% of CLA in a year, ~4.5 episodes per child who goes missing)
    missing_child_share: float = 0.34  # of looked-after children aged 11+, share with any propensity
    missing_rate_shape: float = 1.0  # gamma shape of the yearly missing rate (heavy tail)
    missing_rate_mean: float = 5.2  # episodes a year among children with a propensity
    away_pct: float = 0.15
    # --- OC2 health outcomes (calibration 3)
    health_assessment_pct: float = 0.89
    dental_pct: float = 0.80
    immunisations_pct: float = 0.75
    sdq_returned_pct: float = 0.67
    sdq_mean: float = 16.1
    sdq_sd: float = 7.5
    # --- care leavers OC3 (calibration 3 and 4)
    in_touch_pct: tuple[float, float] = (0.98, 0.96)  # 17-18, 19-21 (targets 97/94; NREQ/RHOM drop out)
    eet_pct: tuple[float, float] = (0.70, 0.58)
    suitable_pct: tuple[float, float] = (0.95, 0.95)  # 19-21 target 93: S/W are never suitable
    staying_put_to_21_pct: float = 0.5  # of E17 foster leavers, share still with carers at 20
    # former relevant care leavers who ask for support from 21 to 25 (OC3 22-25s and Annex A list 9)
    asks_for_support_pct: float = 0.95
    # --- social workers (calibration: 21% of CLA at 31 Mar with 3+ distinct SWs in the year)
    sw_changes_per_year: float = 0.65


PROFILES: dict[str, CareParams] = {
    "good": CareParams(),
    "improving": replace(
        CareParams(),
        volatile_share={"under5": 0.1, "5to9": 0.2, "10to15": 0.38, "16to17": 0.38},
        out_of_area_by_group={
            "foster_la": 0.22,
            "foster_ifa": 0.60,
            "home": 0.80,
            "supported": 0.45,
            "adoption": 0.55,
            "other": 0.60,
        },
        reviews_on_time_pct=0.90,
        visits_on_time_pct=0.76,
        missing_child_share=0.30,
        health_assessment_pct=0.95,
        dental_pct=0.77,
        immunisations_pct=0.67,
        sdq_mean=14.5,
        sdq_returned_pct=0.71,
        in_touch_pct=(0.93, 0.90),
        eet_pct=(0.58, 0.50),
        suitable_pct=(0.82, 0.84),
        staying_put_to_21_pct=0.2,
        sw_changes_per_year=0.42,
    ),
}


def params_for(profile: str) -> CareParams:
    """The care parameters of a calibration profile ('good' or 'improving')."""
    return PROFILES[profile]
