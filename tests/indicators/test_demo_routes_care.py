"""The demo authority end to end for sections 4-6 (children in care, care leavers, workforce): every
catalogue id of those pages has a value for the year to 31 March 2025, and the figures with a 'good'
target in calibration.md (sections 2 and 3) lie in its band.

Bands: calibration.md's own tolerance where it gives one; otherwise about ±15% of the target for counts,
rates and means, and ±3 percentage points for percentages (the rule of issue 6).
"""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stdout

import pytest

from cscdash.cli import main

pytestmark = pytest.mark.slow

PAGES = ("children_in_care", "care_leavers", "workforce")

#: ids of those pages that may be null on 31 March 2025, with the reason
MAY_BE_NULL: dict[str, str] = {}

#: (low, high) for 31 March 2025; the comment gives calibration.md's target and where the band comes from
BANDS = {
    # --- section 4: children in care
    "cla_rate_per_10k": (60, 70),  # 65 (60-70), section 3
    "cla_count": (387, 523),  # 455 ±15%, section 2
    "cla_uasc_count": (35, 47),  # 41 ±15%, section 2
    "cla_starts_count": (132, 178),  # 155 ±15%, section 2
    "cla_starts_rate_per_10k": (18.7, 25.3),  # 22 ±15%, section 3
    "cla_ceased_count": (132, 178),  # 155 ±15%, section 2
    "adoptions_count": (17, 23),  # 20 ±15%, section 2
    "cla_ceased_adoption_pct": (10, 16),  # 13 ±3
    "cla_ceased_sgo_pct": (6, 12),  # 9 ±3
    "cla_in_foster_pct": (67, 73),  # 70 ±3
    "cla_in_childrens_homes_pct": (10, 16),  # 13 ±3
    "cla_independent_supported_pct": (4, 10),  # 7 ±3
    "cla_placed_with_parents_pct": (1, 7),  # 4 ±3
    "cla_other_placements_pct": (0, 5),  # 2 ±3
    "cla_3plus_placements_pct": (7, 12),  # 10 (7-12)
    "cla_3plus_placements_2y_pct": (19, 25),  # 22 ±3
    "cla_longterm_stability_pct": (70, 80),  # 75 (70-80)
    "cla_outside_la_over_20_miles_pct": (22, 28),  # 25 ±3
    "cla_health_assessment_pct": (87, 93),  # 90 ±3
    "cla_dental_check_pct": (76, 82),  # 79 ±3
    "cla_immunisations_pct": (72, 78),  # 75 ±3
    "cla_sdq_average": (13.2, 17.8),  # 15.5 ±15%
    "cla_sdq_concern_pct": (44, 50),  # 47 ±3
    "cla_sdq_returned_pct": (62, 68),  # 65 ±3
    "cla_missing_pct": (10, 16),  # 13 ±3
    "cla_missing_incidents_per_child": (3.8, 5.2),  # 4.5 ±15%
    "cla_reviews_on_time_pct": (92, 98),  # 95 ±3 [L]
    "cla_visits_6wk_pct": (85, 91),  # 88 ±3 [L]
    "cla_sw_changes_3plus_pct": (18, 24),  # 21 ±3
    "cla_permanence_plan_pct": (90, 96),  # 93 ±3 [L]
    "cla_rhi_offered_pct": (89, 95),  # 92 ±3 [L]
    # 55, no tolerance given: ±5 because about 150 starts a year give a binomial standard error of 4 points
    "cla_iha_20wd_pct": (50, 60),
    "adoption_entry_to_placed_days": (450, 560),  # 500 (450-560)
    # --- section 5: care leavers
    "cl_count": (468, 632),  # 550 ±15%, section 2 (care leavers receiving a service, 16-25)
    "cl_17_18_cohort_count": (75, 101),  # 88 ±15%, section 2
    "cl_19_21_cohort_count": (185, 251),  # 218 ±15%, section 2
    "cl_in_touch_17_18_pct": (94, 100),  # 97 ±3
    "cl_in_touch_19_21_pct": (91, 97),  # 94 ±3
    "cl_eet_17_18_pct": (67, 73),  # 70 ±3
    "cl_eet_19_21_pct": (55, 61),  # 58 ±3
    "cl_suitable_accom_17_18_pct": (92, 98),  # 95 ±3
    "cl_suitable_accom_19_21_pct": (90, 96),  # 93 ±3
    # 33, no tolerance given: ±6 because about 38 young people a year leave care at 18 from foster care,
    # a binomial standard error of 7.6 points (±3 would fail on one young person either way)
    "cl_staying_put_pct": (27, 39),
    "cl_pathway_plan_in_date_pct": (87, 93),  # 90 ±3 [L]
    # --- section 6: workforce (CSWW scope, section 2 volumes and section 3 rates)
    "wf_sw_fte_in_post": (191, 259),  # 225 ±15%
    "wf_vacancy_fte": (42.5, 57.5),  # 50 ±15%
    "wf_agency_fte": (26, 36),  # 31 ±15%
    "wf_starters_fte": (23, 31),  # 27 ±15%
    "wf_leavers_fte": (19.5, 26.5),  # 23 ±15%
    "wf_vacancy_rate_pct": (13, 22),  # 18 (13-22)
    "wf_agency_rate_pct": (10, 19),  # 12 (10-19)
    "wf_turnover_rate_pct": (8, 20),  # 10 (8-20)
    "wf_avg_caseload": (13, 16),  # 14 (13-16)
    "wf_sickness_days_per_fte": (9.35, 12.65),  # 11 ±15%
}


@pytest.fixture(scope="module")
def march_2025(demo_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The command's JSON for 31 Mar 2025 on a copy of the session's demo database, by indicator id
    (a copy, because DuckDB refuses a second connection with another configuration to an open file)."""
    copy = tmp_path_factory.mktemp("routes_care") / "cscdash.duckdb"
    shutil.copyfile(demo_env["CSCDASH_DB"], copy)
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(
            [
                "indicators",
                "--db",
                str(copy),
                "--period-end",
                "2025-03-31",
                "--la",
                "E06999999",
                "--format",
                "json",
            ]
        )
    assert code == 0
    return {row["indicator_id"]: row for row in json.loads(out.getvalue())}


def test_every_care_and_workforce_id_has_a_value(march_2025: dict[str, dict]) -> None:
    from cscdash.catalogue import load_catalogue

    catalogue = load_catalogue()
    missing = [
        indicator.id
        for page in PAGES
        for indicator in catalogue.page(page).indicators
        if indicator.id not in MAY_BE_NULL and march_2025[indicator.id]["value"] is None
    ]
    assert missing == []


def test_bands_cover_only_catalogue_ids_of_these_pages() -> None:
    from cscdash.catalogue import load_catalogue

    catalogue = load_catalogue()
    ids = {indicator.id for page in PAGES for indicator in catalogue.page(page).indicators}
    assert set(BANDS) <= ids
    assert set(MAY_BE_NULL) <= ids


#: ids still outside their band after the issue 6 calibration, with the reason; strict, so the test
#: reports when one lands in band and the entry can go
NOT_YET_IN_BAND: dict[str, str] = {}


@pytest.mark.parametrize(
    "indicator_id",
    [
        pytest.param(i, marks=pytest.mark.xfail(strict=True, reason=NOT_YET_IN_BAND[i]))
        if i in NOT_YET_IN_BAND
        else i
        for i in sorted(BANDS)
    ],
)
def test_calibration_band(march_2025: dict[str, dict], indicator_id: str) -> None:
    low, high = BANDS[indicator_id]
    value = march_2025[indicator_id]["value"]
    assert value is not None and low <= value <= high, f"{indicator_id} = {value}, outside {low}-{high}"
