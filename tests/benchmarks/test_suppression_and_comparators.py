"""Suppressed published values stay "not published" with their reason, and comparators skip them."""

from __future__ import annotations

import pandas as pd
import pytest

from cscdash.benchmarks import files
from cscdash.benchmarks.comparators import benchmark_points, comparators, comparison_note, la_distribution
from cscdash.benchmarks.database import VIEW_NAME
from cscdash.db import connect, read_sql
from cscdash.settings import QUERIES_DIR

DORSET = "E06000059"


def test_suppressed_values_are_not_zero():
    p = files.published()
    suppressed = p[p["status"] == "suppressed"]
    assert len(suppressed) > 100
    assert suppressed["value"].isna().all()
    assert set(suppressed["status_code"]) <= {"c", "x", "z", "k", "low", "u"}
    assert (suppressed["status_reason"] != "").all()
    assert (p[p["status"] == "published"]["status_code"] == "").all()


def test_dorset_2023_care_leavers_17_18_accommodation_is_c():
    # The DfE file gives Dorset 2023, 17 to 18 years, "Accommodation considered suitable" as c
    row = (
        files.published()
        .query("indicator_id == 'cl_suitable_accom_17_18_pct' and la_code == @DORSET and year == 2023")
        .iloc[0]
    )
    assert (row["status"], row["status_code"]) == ("suppressed", "c")
    assert pd.isna(row["value"])


def _view_over(benchmarks: pd.DataFrame, neighbours: pd.DataFrame) -> pd.DataFrame:
    con = connect(None)
    con.from_df(benchmarks).create("ref_benchmarks")
    con.from_df(neighbours).create("ref_statistical_neighbours")
    con.execute(read_sql(QUERIES_DIR / "reference" / "ref_benchmark_comparators.sql"))
    return con.table(VIEW_NAME).df()


def test_sn_mean_and_median_skip_suppressed_neighbours():
    def row(code, level, value, status="published", region="South West"):
        return {
            "indicator_id": "x_pct",
            "year": 2025,
            "period_end": pd.Timestamp("2025-03-31").date(),
            "geographic_level": level,
            "la_code": code,
            "la_number": "",
            "la_name": code,
            "region": region,
            "value": value,
            "numerator": None,
            "denominator": None,
            "status": status,
            "status_code": "" if status == "published" else "c",
            "status_reason": "",
            "method": "published",
            "source": "test",
        }

    bench = pd.DataFrame(
        [
            row("E06000001", "Local authority", 30.0),
            row("E06000002", "Local authority", 10.0),
            row("E06000003", "Local authority", None, "suppressed"),
            row("E06000004", "Local authority", 20.0),
            row("E06000005", "Local authority", 50.0),
            row("E12000009", "Regional", 25.0, region=""),
            row("E92000001", "National", 22.0, region=""),
        ]
    )
    bench.loc[5, "la_name"] = "South West"
    neighbours = pd.DataFrame(
        {
            "la_code": ["E06000001"] * 4,
            "sn_rank": [1, 2, 3, 4],
            "sn_la_code": ["E06000002", "E06000003", "E06000004", "E06000005"],
            "model": ["2025"] * 4,
        }
    )
    out = _view_over(bench, neighbours).set_index("la_code").loc["E06000001"]
    # neighbours' values 10, c, 20, 50: the c is left out, not read as 0
    assert out["sn_mean"] == pytest.approx((10 + 20 + 50) / 3)  # 26.67, not 80 / 4 = 20
    assert out["sn_median"] == 20.0
    assert (out["sn_n"], out["sn_total"]) == (3, 4)
    assert (out["region_value"], out["england_value"]) == (25.0, 22.0)


def test_dorset_comparators_match_the_curated_benchmarks():
    table = comparators("rereferrals_12m_pct", DORSET).set_index("year")
    row = table.loc[2025]
    # indicators.md: Dorset 14.7, Dorset SN avg 20.3, South West 22.1, England 22.6 (2025)
    assert row["value"] == 14.7
    assert round(row["sn_mean"], 1) == 20.3
    assert (row["region_value"], row["england_value"]) == (22.1, 22.6)
    assert (row["sn_n"], row["sn_total"]) == (10, 10)
    # 346 / 2,349 re-referrals = 14.73%
    assert (row["numerator"], row["denominator"]) == (346, 2349)
    # Rank: 1 + the LAs with a strictly lower published value that year (low is good)
    p = files.published()
    las = p.query(
        "indicator_id == 'rereferrals_12m_pct' and year == 2025 "
        "and geographic_level == 'Local authority' and status == 'published'"
    )
    assert row["rank"] == 1 + int((las["value"] < 14.7).sum())
    assert row["n_ranked"] == len(las)
    assert row["band"] == "A"  # well below England's 22.6: in the best quarter


def test_demo_authority_borrows_dorset_and_says_so():
    assert "Dorset's statistical neighbours" in comparison_note("E06999999")
    demo = comparators("rereferrals_12m_pct", "E06999999")
    assert (demo["la_code"] == DORSET).all()
    series = set(benchmark_points("rereferrals_12m_pct", "E06999999")["series"])
    assert series == {"England", "South West", "SN average", "SN median"}  # no own-LA published line


def test_distribution_flags_own_la_and_its_ten_neighbours():
    dist = la_distribution("cpp_second_subsequent_pct", 2025, DORSET)
    assert dist["is_own"].sum() == 1
    assert dist["is_neighbour"].sum() == 10
    # the 2025 DfE model (domain README): Somerset, Devon, Shropshire, Suffolk, Worcestershire, Essex,
    # Derbyshire, Kent, West Sussex, North Yorkshire
    assert set(dist[dist["is_neighbour"]]["la_name"]) == {
        "Somerset",
        "Devon",
        "Shropshire",
        "Suffolk",
        "Worcestershire",
        "Essex",
        "Derbyshire",
        "Kent",
        "West Sussex",
        "North Yorkshire",
    }


def test_unknown_indicator_and_la_are_named():
    with pytest.raises(KeyError, match="no_such_indicator"):
        comparators("no_such_indicator", DORSET)
    with pytest.raises(KeyError, match="E06000000"):
        comparators("rereferrals_12m_pct", "E06000000")
