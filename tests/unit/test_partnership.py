"""The partnership total: numerators and denominators added, never rates averaged (cscdash.partnership),
on small hand-made series with the arithmetic worked in the comments."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from cscdash import partnership
from cscdash.catalogue import load_catalogue
from cscdash.settings import Settings

CATALOGUE = load_catalogue()
MAR, APR = date(2025, 3, 31), date(2025, 4, 30)
INTERNAL = Settings(display_mode="internal")
BOARD = Settings(display_mode="board", suppression_threshold=5)


def _series(la_code: str, rows: list[tuple], flow: bool = False) -> pd.DataFrame:
    """A whole-LA series: (period_end, numerator, denominator, value[, month_num, month_den, month_value])."""
    frame = pd.DataFrame(
        {
            "indicator_id": "x",
            "la_code": la_code,
            "period_start": [date(d.year - 1, d.month, 1) for d, *_ in rows],
            "period_end": [r[0] for r in rows],
            "numerator": [float(r[1]) if r[1] is not None else None for r in rows],
            "denominator": [float(r[2]) if r[2] is not None else None for r in rows],
            "value": [float(r[3]) if r[3] is not None else None for r in rows],
            "value_note": None,
            "breakdown": "all",
            "breakdown_value": "all",
        }
    )
    if flow:
        frame["month_numerator"] = [float(r[4]) for r in rows]
        frame["month_denominator"] = [float(r[5]) for r in rows]
        frame["month_value"] = [float(r[6]) for r in rows]
        frame["month_value_note"] = None
    return frame


def _at(pooled: pd.DataFrame, when: date) -> pd.Series:
    return pooled[pooled["period_end"] == when].iloc[0]


def test_percentages_pool_numerators_and_denominators_not_rates():
    ind = CATALOGUE["rereferrals_12m_pct"]
    # A: 3 of 10 = 30%; B: 5 of 20 = 25%. Pooled: (3 + 5) of (10 + 20) = 8 of 30 = 26.67%,
    # not the mean of the two rates (27.5%).
    series = {"A": _series("A", [(MAR, 3, 10, 30.0)]), "B": _series("B", [(MAR, 5, 20, 25.0)])}
    row = _at(partnership.pool(ind, series), MAR)
    assert (row["numerator"], row["denominator"]) == (8, 30)
    assert row["value"] == pytest.approx(100 * 8 / 30)  # 26.666...
    assert row["value"] != pytest.approx(27.5)
    assert row["la_code"] == partnership.PARTNERSHIP


def test_rates_per_10k_add_the_populations():
    ind = CATALOGUE["cla_rate_per_10k"]
    # A: 465 children of 70,000 = 66.43 per 10,000; B: 256 of 40,600 = 63.05.
    # Pooled: 721 of 110,600 = 10,000 x 721 / 110,600 = 65.19 (the mean of the rates would be 64.74).
    series = {
        "A": _series("A", [(MAR, 465, 70_000, 66.428571)]),
        "B": _series("B", [(MAR, 256, 40_600, 63.054187)]),
    }
    row = _at(partnership.pool(ind, series), MAR)
    assert (row["numerator"], row["denominator"]) == (721, 110_600)
    assert row["value"] == pytest.approx(65.19, abs=0.005)


def test_counts_and_fte_are_summed():
    # counts: 465 + 1,619 + 256 = 2,340
    count = CATALOGUE["cla_count"]
    series = {c: _series(c, [(MAR, n, None, n)]) for c, n in (("A", 465), ("B", 1619), ("C", 256))}
    assert _at(partnership.pool(count, series), MAR)["value"] == 2340
    # FTE: 131.5 + 227.6 = 359.1
    fte = CATALOGUE["wf_sw_fte_in_post"]
    series = {"A": _series("A", [(MAR, 131.5, None, 131.5)]), "B": _series("B", [(MAR, 227.6, None, 227.6)])}
    assert _at(partnership.pool(fte, series), MAR)["value"] == pytest.approx(359.1)


def test_cases_per_fte_is_total_cases_over_total_fte():
    ind = CATALOGUE["wf_avg_caseload"]
    # A: 200 cases / 10 FTE = 20.0; B: 90 cases / 5 FTE = 18.0. Pooled: 290 / 15 = 19.33 (mean: 19.0).
    series = {"A": _series("A", [(MAR, 200, 10, 20.0)]), "B": _series("B", [(MAR, 90, 5, 18.0)])}
    assert _at(partnership.pool(ind, series), MAR)["value"] == pytest.approx(290 / 15)


def test_medians_and_averages_are_not_pooled():
    for indicator_id in ("assessment_median_wd", "cla_sdq_average", "adoption_entry_to_placed_days"):
        ind = CATALOGUE[indicator_id]
        series = {"A": _series("A", [(MAR, 100, 4, 25.0)]), "B": _series("B", [(MAR, 90, 3, 30.0)])}
        assert not partnership.can_pool(ind)
        assert partnership.pool(ind, series).empty
        assert "cannot be pooled" in partnership.pooling_note(ind)
    assert "a median" in partnership.pooling_note(CATALOGUE["assessment_median_wd"])


def test_a_month_without_every_authority_has_no_total():
    ind = CATALOGUE["rereferrals_12m_pct"]
    # March: both authorities (3/10 and 5/20 -> 8/30); April: B has no figure, so no total in April
    # (2 of 10 alone would read as the partnership falling to 20%).
    series = {
        "A": _series("A", [(MAR, 3, 10, 30.0), (APR, 2, 10, 20.0)]),
        "B": _series("B", [(MAR, 5, 20, 25.0), (APR, None, None, None)]),
    }
    pooled = partnership.pool(ind, series)
    assert list(pooled["period_end"]) == [MAR]


def test_single_months_of_a_flow_are_pooled_too():
    ind = CATALOGUE["rereferrals_12m_pct"]
    # 12 months: 3/10 + 5/20 = 8/30; the month alone: 1/4 + 2/6 = 3/10 = 30%.
    series = {
        "A": _series("A", [(MAR, 3, 10, 30.0, 1, 4, 25.0)], flow=True),
        "B": _series("B", [(MAR, 5, 20, 25.0, 2, 6, 33.3)], flow=True),
    }
    row = _at(partnership.pool(ind, series), MAR)
    assert (row["month_numerator"], row["month_denominator"]) == (3, 10)
    assert row["month_value"] == pytest.approx(30.0)


def test_pooled_series_feeds_spc():
    from cscdash import indicator_spc

    ind = CATALOGUE["cla_rate_per_10k"]  # a stock: SPC judges the month ends
    months = pd.date_range("2022-04-30", periods=24, freq="ME").date
    # A: 400 + m of 70,000; B: 250 of 40,000 each month: pooled (650 + m) of 110,000.
    series = {
        "A": _series("A", [(d, 400 + m, 70_000, 10_000 * (400 + m) / 70_000) for m, d in enumerate(months)]),
        "B": _series("B", [(d, 250, 40_000, 62.5) for d in months]),
    }
    pooled = partnership.pool(ind, series)
    assert pooled["numerator"].tolist() == [650 + m for m in range(24)]
    points = indicator_spc.spc_series(ind, pooled, INTERNAL)
    result = indicator_spc.spc_result(ind, points, months[-1])
    assert result is not None and len(result.points) == 24
    assert result.points["value"].iloc[0] == pytest.approx(10_000 * 650 / 110_000)


def test_one_suppressed_authority_beside_a_total_suppresses_the_next_smallest():
    ind = CATALOGUE["cla_count"]
    # A 3 (suppressed, 1-5), B 40, C 900, total 943 shown: 943 - 40 - 900 would give A away, so the
    # smallest other (B, 40) is suppressed too (S5). Internal mode suppresses nothing.
    series = {c: _series(c, [(MAR, n, None, n)]) for c, n in (("A", 3), ("B", 40), ("C", 900))}
    board = partnership.disclosed(ind, series, BOARD)
    month = partnership.at_month(board.authorities, MAR).set_index("la_code")
    assert month["suppressed"].to_dict() == {"A": True, "B": True, "C": False}
    assert month.loc["C", "shown_value"] == 900
    assert partnership.at_month(board.total, MAR)["shown_value"].iloc[0] == 943
    internal = partnership.disclosed(ind, series, INTERNAL)
    assert not partnership.at_month(internal.authorities, MAR)["suppressed"].any()


def test_ranking_follows_polarity_and_leaves_suppressed_unranked():
    ind = CATALOGUE["rereferrals_12m_pct"]  # lower is better
    names = {"A": "Avon", "B": "Bath", "C": "Cheddar"}
    month = pd.DataFrame(
        {
            "la_code": ["A", "B", "C"],
            "value": [30.0, 25.0, 40.0],
            "shown_value": [30.0, 25.0, None],
            "text": ["30.0%", "25.0%", "c"],
            "suppressed": [False, False, True],
            "shown_numerator": [3.0, 5.0, None],
            "shown_denominator": [10.0, 20.0, None],
        }
    )
    table = partnership.ranked(ind, month, names, own="A")
    assert table["la_name"].tolist() == ["Bath", "Avon", "Cheddar"]
    assert table["rank"].tolist()[:2] == [1, 2] and pd.isna(table["rank"].iloc[2])
    assert table["own"].tolist() == [False, True, False]
    higher = replace(ind, polarity="higher_is_better")
    assert partnership.ranked(higher, month, names, own="A")["la_name"].tolist()[:2] == ["Avon", "Bath"]


def test_month_choice_defaults_to_the_latest_month_every_authority_covers():
    series = {
        "A": _series("A", [(MAR, 3, 10, 30.0), (APR, 2, 10, 20.0)]),
        "B": _series("B", [(MAR, 5, 20, 25.0)]),
    }
    choice = partnership.month_choice(series)
    assert choice.months == (APR, MAR) and choice.default == MAR


def test_the_view_keeps_the_months_the_disclosed_series_and_the_pooled_total():
    ind = CATALOGUE["cla_count"]
    # A 3 in March only, B 40 and 42, C 900 and 910: April has no total (A has no figure), March's is
    # 943; the view's parts are the module's own functions' results, worked out once
    series = {
        "A": _series("A", [(MAR, 3, None, 3)]),
        "B": _series("B", [(MAR, 40, None, 40), (APR, 42, None, 42)]),
        "C": _series("C", [(MAR, 900, None, 900), (APR, 910, None, 910)]),
    }
    view = partnership.view(ind, series, BOARD)
    assert view.choice.months == (APR, MAR) and view.choice.default == MAR
    assert view.pooled["period_end"].tolist() == [MAR] and view.pooled["value"].tolist() == [943]
    pd.testing.assert_frame_equal(view.shown.total, partnership.disclosed(ind, series, BOARD).total)
    # A (3) is suppressed in board mode, so B, the next smallest, is too (S5), as disclosed() alone does
    month = partnership.at_month(view.shown.authorities, MAR).set_index("la_code")
    assert month["suppressed"].to_dict() == {"A": True, "B": True, "C": False}


def test_references_are_england_and_the_region_published_on_or_before_the_month():
    bench = pd.DataFrame(
        {
            "geography": ["England", "South West", "SN average", "England", "South West"],
            "period_end": pd.to_datetime(["2024-03-31"] * 3 + ["2025-03-31"] * 2),
            "value": [70.0, 63.0, 54.0, 67.0, 62.0],
        }
    )
    found = partnership.references(bench, date(2024, 10, 31))
    assert [(r.name, r.value, r.year) for r in found] == [("England", 70.0, 2024), ("South West", 63.0, 2024)]
    assert [r.label for r in partnership.references(bench, APR)] == ["England (2025)", "South West (2025)"]
