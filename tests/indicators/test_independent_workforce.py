"""Workforce formulas: the SAME SQL file that the views use (queries/intermediate/int_workforce__rates.sql)
reproduces the DfE's published 2025 rates for every local authority from the DfE's own published
components, and the demo's March vacancy and turnover rates equal a plain-pandas computation from the
monthly extract file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from cscdash import db
from cscdash.settings import QUERIES_DIR
from tests.indicators.independent_demo import MARCH, demo, indicator_value

PUBLISHED = Path(__file__).resolve().parents[2] / "data" / "reference" / "csww_indicators_2017_to_2025.csv"
RATES_SQL = QUERIES_DIR / "intermediate" / "int_workforce__rates.sql"
#: our rate column -> the DfE's published column
PAIRS = {
    "turnover_rate": "turnover_rate_fte",
    "vacancy_rate": "vacancy_rate_fte",
    "agency_rate": "agency_rate_fte",
    "caseload": "caseload_fte",
    "absence_rate": "absence_rate_fte",
}
NUMBERS = [
    "inpost_fte",
    "starters_fte",
    "leavers_fte",
    "agency_fte",
    "vacancy_fte",
    "case_holders_fte",
    "cases",
    "working_days_lost_fte",
    *PAIRS.values(),
]


@pytest.fixture(scope="module")
def published() -> pd.DataFrame:
    if not PUBLISHED.exists():
        pytest.fail(f"{PUBLISHED} is missing: the DfE file this test reproduces")
    data = pd.read_csv(PUBLISHED, dtype=str)
    data = data[(data["time_period"] == "2025") & (data["geographic_level"] == "Local authority")].copy()
    for column in NUMBERS:  # suppressed cells (c, x, z, low) become missing, never zero
        data[column] = pd.to_numeric(data[column], errors="coerce")
    return data.reset_index(drop=True)


def test_formula_sql_reproduces_published_rates(published: pd.DataFrame) -> None:
    components = pd.DataFrame(
        {
            "la_code": published["new_la_code"],
            "period_start": date(2024, 10, 1),
            "period_end": date(2025, 9, 30),
            "breakdown": "all",
            "breakdown_value": "all",
            "source": "dfe_published",
            "flows_complete": True,
            "inpost_fte": published["inpost_fte"],
            "starters_fte": published["starters_fte"],
            "leavers_fte": published["leavers_fte"],
            "agency_fte": published["agency_fte"],
            "vacancy_fte": published["vacancy_fte"],
            "cases": published["cases"],
            "case_holders_fte": published["case_holders_fte"],
            "working_days_lost": published["working_days_lost_fte"],
            "working_days_in_year": 253,  # 1 Oct 2024 - 30 Sep 2025 holds no 29 February
            "asye_headcount": None,
            "headcount": None,
        }
    )
    con = duckdb.connect()
    con.register("int_workforce__components", components)
    ours = con.sql(db.read_sql(RATES_SQL)).df().set_index("la_code")
    compared = 0
    for row in published.itertuples(index=False):
        for ours_column, theirs_column in PAIRS.items():
            theirs = getattr(row, theirs_column)
            if pd.isna(theirs):
                continue
            mine = ours.loc[row.new_la_code, ours_column]
            assert mine is not None and not pd.isna(mine), f"{row.la_name} {ours_column}: no value"
            # published figures are rounded to 1 dp from unrounded components: within 0.1
            assert abs(float(mine) - theirs) <= 0.1, f"{row.la_name} {ours_column}: {mine} vs {theirs}"
            compared += 1
    # 151 LAs x 5 rates, less the suppressed cells (about a dozen)
    assert len(published) >= 150 and compared >= 150 * 5 - 20


def test_monthly_vacancy_and_turnover_march() -> None:
    """31 Mar 2025 from workforce_monthly_SYNTHETIC.csv (team ALL): vacancy = vacancy / (vacancy +
    employed); turnover = leavers FTE of April 2024 - March 2025 / employed FTE at 31 March 2025."""
    path = demo().extracts / "local" / "workforce_monthly_SYNTHETIC.csv"
    monthly = pd.read_csv(path, dtype={"team": str})
    monthly["month_end"] = pd.to_datetime(monthly["month_end"], format="%d/%m/%Y").dt.date
    total = monthly[monthly["team"] == "ALL"].set_index("month_end")
    march = total.loc[MARCH]
    year = total[(total.index >= date(2024, 4, 30)) & (total.index <= MARCH)]
    assert len(year) == 12

    numerator, denominator, value = indicator_value(demo().con, "wf_vacancy_rate_pct", MARCH)
    assert numerator == pytest.approx(march["vacancy_fte"])
    assert denominator == pytest.approx(march["vacancy_fte"] + march["employed_fte"])
    assert value == pytest.approx(100 * march["vacancy_fte"] / (march["vacancy_fte"] + march["employed_fte"]))

    numerator, denominator, value = indicator_value(demo().con, "wf_turnover_rate_pct", MARCH)
    assert numerator == pytest.approx(year["leavers_fte"].sum())
    assert denominator == pytest.approx(march["employed_fte"])
    assert value == pytest.approx(100 * year["leavers_fte"].sum() / march["employed_fte"])
