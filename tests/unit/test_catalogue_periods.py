"""Catalogue period types: the annual ones are declared, not guessed from the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscdash.catalogue import PERIOD_TYPES, CatalogueError, load_catalogue, load_page

#: The SSDA903 OC2 measures whose views return 31 March rows only ("Annual: 31 March only").
OC2_ANNUAL = (
    "cla_health_assessment_pct",
    "cla_dental_check_pct",
    "cla_immunisations_pct",
    "cla_sdq_average",
    "cla_sdq_concern_pct",
    "cla_sdq_returned_pct",
)


@pytest.mark.parametrize("indicator_id", OC2_ANNUAL)
def test_oc2_measures_are_annual_to_31_march_without_spc(indicator_id):
    ind = load_catalogue()[indicator_id]
    assert ind.period_type == "annual_31_mar"
    assert ind.is_annual and not ind.is_flow
    assert ind.year_end_month == 3
    # one point a year: SPC would need 15 years (spc.SpcRules.min_points)
    assert "spc" not in ind.charts


def test_the_census_measure_is_annual_at_30_september():
    ind = load_catalogue()["wf_asye_pct"]
    assert (ind.period_type, ind.is_annual, ind.year_end_month) == ("snapshot_30_sep", True, 9)
    assert "spc" not in ind.charts


def test_monthly_period_types_are_not_annual():
    catalogue = load_catalogue()
    assert not catalogue["rereferrals_12m_pct"].is_annual
    assert catalogue["rereferrals_12m_pct"].is_flow
    assert not catalogue["cla_count"].is_annual


def _page(tmp_path: Path, period_type: str) -> Path:
    path = tmp_path / "demo_page.yml"
    path.write_text(
        f"""page: demo_page
title: Demo
indicators:
- id: demo_pct
  title: Demo
  unit: percent
  decimals: 1
  polarity: higher_is_better
  period_type: {period_type}
  source_return: SSDA903 OC2
  definition: A demo entry.
  numerator: children counted
  denominator: children
  headline: false
  small_number_rule: proportion
  benchmark_measure: null
  charts: [trend]
  breakdowns: []
""",
        encoding="utf-8",
    )
    return path


def test_the_loader_accepts_annual_31_mar(tmp_path):
    assert "annual_31_mar" in PERIOD_TYPES
    page = load_page(_page(tmp_path, "annual_31_mar"))
    assert page.indicators[0].is_annual


def test_the_loader_names_file_entry_and_field_for_an_unknown_period_type(tmp_path):
    with pytest.raises(CatalogueError) as error:
        load_page(_page(tmp_path, "annual"))
    message = str(error.value)
    assert "demo_page.yml, entry 1 (demo_pct)" in message
    assert "field 'period_type' is 'annual'" in message
