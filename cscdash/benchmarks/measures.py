"""Polarity and display precision of every indicator that has a published benchmark.

Polarity decides which end of the distribution is "best" for the quartile band and rank, and which way
a change counts as an improvement. It is copied from ../shared/domain/indicators.md (↑ higher is
better, ↓ lower is better, ↔ neutral, ◇ best inside a band). The catalogue (cscdash/catalogue) is
the home of polarity for the app; this table lets the benchmarks work (and be tested) on their own.
Keep the two in step (the catalogue did not exist when this was written).
"""

from __future__ import annotations

HIGHER = "higher_is_better"
LOWER = "lower_is_better"
NEUTRAL = "neutral"
BAND = "band"
POLARITIES = (HIGHER, LOWER, NEUTRAL, BAND)

_HIGHER = """assessments_within_45wd_pct icpc_within_15wd_pct cpp_reviews_on_time_pct cla_ceased_adoption_pct
cla_ceased_sgo_pct cla_longterm_stability_pct cla_health_assessment_pct cla_dental_check_pct
cla_immunisations_pct cla_sdq_returned_pct cl_suitable_accom_17_18_pct cl_suitable_accom_19_21_pct
cl_eet_17_18_pct cl_eet_19_21_pct cl_staying_put_pct cl_in_touch_17_18_pct cl_in_touch_19_21_pct
cla_permanence_plan_pct"""
_LOWER = """rereferrals_12m_pct cpp_second_subsequent_pct cpp_ended_2y_plus_pct cpp_open_2y_plus_pct
cla_other_placements_pct cla_3plus_placements_pct cla_3plus_placements_2y_pct cla_outside_la_over_20_miles_pct
cla_new_placements_over_20_miles_pct cla_new_placements_outside_la_pct cla_sdq_average cla_sdq_concern_pct
cla_missing_pct cla_away_pct cla_sw_changes_3plus_pct cl_not_in_touch_19_21_pct wf_vacancy_rate_pct
wf_agency_rate_pct wf_vacancy_fte wf_agency_fte wf_turnover_rate_pct wf_sickness_days_per_fte
wf_absence_rate_pct"""
_BAND = "wf_avg_caseload icpc_to_cpp_pct cpp_ended_under_3m_pct contact_to_referral_pct"

POLARITY: dict[str, str] = {
    **{i: HIGHER for i in _HIGHER.split()},
    **{i: LOWER for i in _LOWER.split()},
    **{i: BAND for i in _BAND.split()},
}

#: Decimal places the DfE publishes (SSDA903 percentages and rates are whole numbers; CIN 1 dp).
_WHOLE = """cla_rate_per_10k cla_starts_rate_per_10k cla_starts_uasc_pct cla_ceased_adoption_pct
cla_ceased_sgo_pct cla_in_foster_pct cla_in_childrens_homes_pct cla_independent_supported_pct
cla_placed_with_parents_pct cla_other_placements_pct cla_3plus_placements_pct
cla_3plus_placements_2y_pct cla_longterm_stability_pct
cla_outside_la_over_20_miles_pct cla_new_placements_over_20_miles_pct cla_new_placements_outside_la_pct
cla_health_assessment_pct cla_dental_check_pct cla_immunisations_pct cla_sdq_concern_pct cla_sdq_returned_pct
cla_missing_pct cla_away_pct cla_sw_changes_3plus_pct cl_suitable_accom_17_18_pct cl_suitable_accom_19_21_pct
cl_eet_17_18_pct cl_eet_19_21_pct cl_staying_put_pct cl_not_in_touch_19_21_pct"""
DECIMALS: dict[str, int] = {i: 0 for i in _WHOLE.split()}


def polarity_of(indicator_id: str) -> str:
    """The indicator's polarity; anything not listed is neutral (a count or a context measure)."""
    return POLARITY.get(indicator_id, NEUTRAL)


def decimals_of(indicator_id: str) -> int:
    """Decimal places to show: counts 0, SSDA903 percentages 0, the rest 1."""
    if indicator_id.endswith("_count"):
        return 0
    return DECIMALS.get(indicator_id, 1)


def is_ranked(polarity: str) -> bool:
    """Only indicators with a good direction get a band A-D and a rank; the rest say 'not ranked'."""
    return polarity in (HIGHER, LOWER)
