"""Published DfE percentages are reproduced from their published components (issue 8, "done when").

For 2025, every LA's re-referral, repeat-plan and workforce figure must equal numerator / denominator
within 0.1, and England's must be the published headline. The components are carried verbatim from
the DfE files into data/benchmarks/published.parquet; a second test reads the raw reference files
themselves when they are on the machine (../shared/reference).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cscdash.benchmarks import files

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"
RAW = REFERENCE / "CSC_outcomes_and_enablers" / "data-raw"

# indicator_id -> multiplier turning numerator / denominator into the published unit.
# Denominators as stored: vacancy = vacancies + in post; agency = agency + in post; turnover = in post;
# caseload = case-holding FTE; absence = in-post FTE x 253 working days.
MEASURES = {
    "rereferrals_12m_pct": 100,
    "cpp_second_subsequent_pct": 100,
    "wf_turnover_rate_pct": 100,
    "wf_vacancy_rate_pct": 100,
    "wf_agency_rate_pct": 100,
    "wf_avg_caseload": 1,
    "wf_absence_rate_pct": 100,
}

# England 2025, worked by hand from the DfE files:
ENGLAND_2025 = {
    "rereferrals_12m_pct": 22.6,  # 142,900 / 632,830 = 22.58%
    "cpp_second_subsequent_pct": 24.5,  # 15,130 / 61,840 = 24.47%
    "wf_turnover_rate_pct": 11.8,  # 4,276.3 leavers FTE / 36,186.3 in post = 11.82%
    "wf_vacancy_rate_pct": 14.2,  # 5,965.4 / (5,965.4 + 36,186.3 = 42,151.7) = 14.15%
    "wf_agency_rate_pct": 13.0,  # 5,415.9 / (5,415.9 + 36,186.3 = 41,602.2) = 13.02%
    "wf_avg_caseload": 15.2,  # 321,661 cases / 21,105.4 case-holding FTE = 15.24
    "wf_absence_rate_pct": 3.5,  # 322,786.3 days / (36,186.3 x 253 = 9,155,133.9) = 3.53%
}


@pytest.fixture(scope="module")
def published_2025() -> pd.DataFrame:
    p = files.published()
    return p[(p["year"] == 2025) & p["indicator_id"].isin(MEASURES)]


@pytest.mark.parametrize("indicator_id", sorted(MEASURES))
def test_every_la_reproduces_from_components(published_2025: pd.DataFrame, indicator_id: str) -> None:
    rows = published_2025[
        (published_2025["indicator_id"] == indicator_id)
        & (published_2025["geographic_level"] == "Local authority")
    ]
    published = rows[rows["status"] == "published"]
    # 153 LAs publish CIN figures; CSWW covers 151 (the smallest two are combined with neighbours).
    assert len(published) >= 145
    with_parts = published.dropna(subset=["numerator", "denominator"])
    with_parts = with_parts[with_parts["denominator"] > 0]
    assert len(with_parts) >= len(published) - 2  # only Scilly / City of London may lack a denominator
    recomputed = with_parts["numerator"] / with_parts["denominator"] * MEASURES[indicator_id]
    worst = (recomputed - with_parts["value"]).abs().max()
    assert worst <= 0.1, f"{indicator_id}: worst difference {worst:.3f}"


@pytest.mark.parametrize(("indicator_id", "expected"), sorted(ENGLAND_2025.items()))
def test_england_2025_headline(published_2025: pd.DataFrame, indicator_id: str, expected: float) -> None:
    row = published_2025[
        (published_2025["indicator_id"] == indicator_id) & (published_2025["la_code"] == "E92000001")
    ].iloc[0]
    assert row["value"] == pytest.approx(expected, abs=1e-9)
    recomputed = row["numerator"] / row["denominator"] * MEASURES[indicator_id]
    assert round(recomputed, 1) == pytest.approx(expected, abs=1e-9)


def test_raw_reference_components_reproduce_every_la() -> None:
    """The same arithmetic straight from the raw DfE CSVs, independent of the build script."""
    if not RAW.exists():
        pytest.skip(f"raw reference files not on this machine ({RAW})")
    c1 = pd.read_csv(RAW / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", dtype=str)
    d3 = pd.read_csv(RAW / "d3_cpps_subsequent_plan_2013_to_2025.csv", dtype=str)
    wf = pd.read_csv(RAW / "csww_indicators_2017_to_2025.csv", dtype=str)
    checks = [
        (c1, "rereferral_percent", ["rereferral_count"], ["referral_count"], 100),
        (d3, "CPP_subsequent_percent", ["CPP_subsequent"], ["CPP_start"], 100),
        (wf, "turnover_rate_fte", ["leavers_fte"], ["inpost_fte"], 100),
        (wf, "vacancy_rate_fte", ["vacancy_fte"], ["vacancy_fte", "inpost_fte"], 100),
        (wf, "agency_rate_fte", ["agency_fte"], ["agency_fte", "inpost_fte"], 100),
        (wf, "caseload_fte", ["cases"], ["case_holders_fte"], 1),
        (wf, "absence_rate_fte", ["working_days_lost_fte"], ["inpost_fte"], 100 / 253),
    ]
    for table, published, num, den, scale in checks:
        las = table[(table["time_period"] == "2025") & (table["geographic_level"] == "Local authority")]
        columns = list(dict.fromkeys([published, *num, *den]))  # vacancy_fte is in both parts
        numeric = las[columns].apply(pd.to_numeric, errors="coerce").dropna()
        numeric = numeric[numeric[den].sum(axis=1) > 0]
        assert len(numeric) >= 145, published
        recomputed = numeric[num].sum(axis=1) / numeric[den].sum(axis=1) * scale
        assert (recomputed - numeric[published]).abs().max() <= 0.1, published
