"""Cards of annual and census indicators, worked by hand on tiny frames (no Streamlit, no database).

An annual OC2 measure has rows at 31 March only; a census measure carries one census to every month
end. The card must show the latest annual figure on or before the chosen month, dated by its own year
end or census date, compared with the year before, and never run SPC on a handful of yearly points.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from cscdash import indicator_series, indicator_spc, indicator_summary
from cscdash.catalogue import Indicator
from cscdash.settings import Settings

BOARD = Settings(display_mode="board")
INTERNAL = Settings(display_mode="internal")


def _indicator(**changes) -> Indicator:
    base = Indicator(
        id="cla_health_assessment_pct",
        page="children_in_care",
        title="Annual health assessments",
        unit="percent",
        decimals=1,
        polarity="higher_is_better",
        period_type="annual_31_mar",
        source_return="SSDA903 OC2",
        definition="Share of the OC2 cohort with an annual health assessment. Annual: 31 March only.",
        numerator="OC2 children with a health assessment",
        denominator="OC2 cohort",
        headline=True,
        small_number_rule="proportion",
        benchmark_measure=None,
        charts=("trend", "spc"),
        breakdowns=(),
    )
    return replace(base, **changes)


def _frame(rows: list[tuple[date, float, float]], **extra: list) -> pd.DataFrame:
    """(period_end, numerator, denominator) -> an indicator frame with value = 100 n / N."""
    return pd.DataFrame(
        {
            "indicator_id": "x",
            "period_end": [r[0] for r in rows],
            "numerator": [r[1] for r in rows],
            "denominator": [r[2] for r in rows],
            "value": [100.0 * r[1] / r[2] for r in rows],
            "value_note": None,
            "breakdown": "all",
            "breakdown_value": "all",
            **extra,
        }
    )


def _march_only() -> pd.DataFrame:
    # rows at 31 March only, as the OC2 views return them:
    #   year to 31 Mar 2024: 300 of 400 = 75.0%
    #   year to 31 Mar 2025: 320 of 400 = 80.0%
    #   year to 31 Mar 2026: 340 of 400 = 85.0%
    return _frame(
        [(date(2024, 3, 31), 300, 400), (date(2025, 3, 31), 320, 400), (date(2026, 3, 31), 340, 400)]
    )


def test_a_march_only_series_gives_the_latest_year_at_31_october():
    f = indicator_summary.facts(_indicator(), _march_only(), date(2026, 10, 31), BOARD)
    assert f.text == "85.0%"  # 340 / 400, the year to 31 Mar 2026 (the latest March on or before 31 Oct)
    assert f.n_of_n == "340 of 400"
    assert f.period == "year to 31 Mar 2026"
    assert f.as_at == date(2026, 3, 31)
    assert f.note == ""
    # against the year to 31 Mar 2025: 85.0 - 80.0 = +5.0 points; higher is better -> better
    assert f.previous_label == "last year"
    assert f.vs_previous.text == "up 5.0 points on last year"
    assert f.vs_previous.judgement == "better"
    assert f.vs_year.text == "up 5.0 points on last year"
    assert f.change_1y == pytest.approx(5.0)
    assert f.value_1y == pytest.approx(80.0)
    # three years before 31 Mar 2026 is 31 Mar 2023: not in the frame
    assert f.value_3y is None


def test_before_march_the_card_shows_the_previous_year():
    # 28 Feb 2026: the latest 31 March on or before it is 31 Mar 2025 (80.0%); the year before 75.0%
    f = indicator_summary.facts(_indicator(), _march_only(), date(2026, 2, 28), BOARD)
    assert (f.text, f.period) == ("80.0%", "year to 31 Mar 2025")
    assert f.vs_previous.text == "up 5.0 points on last year"


def test_a_missing_year_is_not_filled_from_an_older_one():
    # no row for 31 Mar 2026: the card at 31 Oct 2026 says so rather than showing 2025 as if current
    frame = _march_only().iloc[:2]
    f = indicator_summary.facts(_indicator(), frame, date(2026, 10, 31), BOARD)
    assert f.text == "x"
    assert f.note == "no figure for the year to 31 Mar 2026"
    assert f.period == "year to 31 Mar 2026"


def test_spc_never_runs_on_three_annual_points_even_when_listed():
    f = indicator_summary.facts(_indicator(), _march_only(), date(2026, 10, 31), BOARD)
    assert f.variation == indicator_summary.NO_SPC
    assert not f.spc_shown and not f.special_cause
    assert f.assurance is None
    # 3 yearly points < 15 (spc.SpcRules.min_points): not run at all
    shown = indicator_series.shown_series(_indicator(), _march_only(), BOARD)
    assert indicator_spc.spc_result(_indicator(), shown, date(2026, 10, 31)) is None


def test_spc_runs_on_the_yearly_points_once_there_are_fifteen():
    # 15 years, 31 Mar 2012 - 31 Mar 2026, alternating 50 of 100 and 52 of 100 (starting with 50):
    # mean = (8 x 50 + 7 x 52) / 15 = 764 / 15 = 50.933; every moving range is 2, so MR-bar = 2 and the
    # upper limit is 50.933 + 2.66 x 2 = 56.253. No rule fires: common cause.
    rows = [(date(2012 + i, 3, 31), 50.0 if i % 2 == 0 else 52.0, 100.0) for i in range(15)]
    shown = indicator_series.shown_series(_indicator(), _frame(rows), INTERNAL)
    result = indicator_spc.spc_result(_indicator(), shown, date(2026, 10, 31))
    assert result is not None
    assert len(result.points) == 15  # every year, not only the 36 months to the chosen month
    assert result.segments[-1].mean == pytest.approx(764 / 15)
    assert result.segments[-1].upper == pytest.approx(764 / 15 + 5.32)
    f = indicator_summary.facts(_indicator(), _frame(rows), date(2026, 10, 31), INTERNAL)
    assert f.variation == "common_cause" and f.spc_shown


def _census_frame() -> pd.DataFrame:
    # One CSWW census carried to every month end, as wf_asye_pct does (census_date says which):
    #   Sep 2024 - Aug 2025: census 30 Sep 2024, 20 of 400 = 5.0%
    #   Sep 2025 - Aug 2026: census 30 Sep 2025, 24 of 400 = 6.0%
    #   Sep 2026 - Oct 2026: census 30 Sep 2026, 30 of 400 = 7.5%
    months = [d.date() for d in pd.date_range("2024-09-01", "2026-10-31", freq="ME")]
    census = [date(m.year if m.month >= 9 else m.year - 1, 9, 30) for m in months]
    asye = {2024: 20, 2025: 24, 2026: 30}
    return _frame([(m, asye[c.year], 400) for m, c in zip(months, census, strict=True)], census_date=census)


def _census_indicator() -> Indicator:
    return _indicator(
        id="wf_asye_pct", page="workforce", title="Newly qualified social workers (ASYE)",
        polarity="neutral", period_type="snapshot_30_sep", charts=("trend", "spc"),
    )  # fmt: skip


def test_a_census_measure_is_dated_by_its_census_and_compared_with_the_previous_one():
    f = indicator_summary.facts(_census_indicator(), _census_frame(), date(2026, 10, 31), BOARD)
    assert f.text == "7.5%"  # 30 / 400
    assert f.period == "at 30 Sep 2026 (census)"
    assert f.as_at == date(2026, 9, 30)
    # 7.5 - 6.0 = +1.5 points on the census of 30 Sep 2025 (neutral polarity: not judged)
    assert f.vs_previous.text == "up 1.5 points on last census"
    assert f.vs_previous.judgement == "not_judged"
    # 31 Aug 2026 still shows the 2025 census: 6.0 - 5.0 = +1.0 point
    august = indicator_summary.facts(_census_indicator(), _census_frame(), date(2026, 8, 31), BOARD)
    assert (august.text, august.period) == ("6.0%", "at 30 Sep 2025 (census)")
    assert august.vs_previous.text == "up 1.0 points on last census"


def test_a_yearly_figure_repeated_monthly_never_flags_special_cause():
    # 26 monthly rows but only 3 censuses: SPC on the monthly copies would see collapsed limits;
    # on the 3 yearly points it does not run at all
    f = indicator_summary.facts(_census_indicator(), _census_frame(), date(2026, 10, 31), INTERNAL)
    assert f.variation == indicator_summary.NO_SPC and not f.special_cause
    trend = indicator_series.trend_points(_census_indicator(), _census_frame())
    assert list(trend["period_end"]) == [date(2024, 9, 30), date(2025, 9, 30), date(2026, 9, 30)]


def test_without_a_census_column_the_period_type_gives_the_census_date():
    frame = _census_frame().drop(columns="census_date")
    f = indicator_summary.facts(_census_indicator(), frame, date(2026, 10, 31), BOARD)
    assert (f.text, f.period) == ("7.5%", "at 30 Sep 2026 (census)")


def test_a_monthly_snapshot_is_dated_by_its_snapshot_date_and_compared_with_last_month():
    # Annex A list 9: one snapshot in each month, dated inside it (12 Sep, 14 Oct); a count
    ind = _indicator(
        id="cl_count", page="care_leavers", title="Care leavers", unit="count", decimals=0,
        polarity="neutral", period_type="snapshot", denominator=None, small_number_rule="count",
    )  # fmt: skip
    frame = pd.DataFrame(
        {
            "period_end": [date(2026, 9, 30), date(2026, 10, 31)],
            "numerator": [460.0, 468.0],
            "denominator": [None, None],
            "value": [460.0, 468.0],
            "value_note": None,
            "snapshot_date": [date(2026, 9, 12), date(2026, 10, 14)],
        }
    )
    f = indicator_summary.facts(ind, frame, date(2026, 10, 31), BOARD)
    assert (f.text, f.period) == ("468", "at 14 Oct 2026 (snapshot)")
    assert f.vs_previous.text == "up 8 on last month"  # 468 - 460 = 8 > 5, so given exactly


def test_no_spc_when_the_catalogue_does_not_list_it():
    # 36 months, 50/52 alternating then 70: with 'spc' this is a special cause (test_card_logic); without
    # it the card carries no SPC verdict at all
    months = [d.date() for d in pd.date_range("2023-11-01", "2026-10-31", freq="ME")]
    values = [50.0 if i % 2 == 0 else 52.0 for i in range(35)] + [70.0]
    frame = pd.DataFrame({"period_end": months, "numerator": values, "denominator": 100.0, "value": values})
    ind = _indicator(period_type="rolling_12m", charts=("trend", "table"))
    f = indicator_summary.facts(ind, frame, date(2026, 10, 31), INTERNAL)
    assert f.variation == indicator_summary.NO_SPC
    assert f.variation_label == "No SPC chart for this indicator"
    assert not f.special_cause and not f.spc_shown
    shown = indicator_series.shown_series(ind, frame, INTERNAL)
    assert indicator_spc.spc_result(ind, shown, date(2026, 10, 31)) is None
    with_spc = indicator_summary.facts(
        replace(ind, charts=("trend", "spc")), frame, date(2026, 10, 31), INTERNAL
    )
    assert with_spc.special_cause


@pytest.mark.parametrize(
    ("period_type", "month", "expected"),
    [
        ("annual_31_mar", date(2026, 10, 31), "year to 31 Mar 2026"),
        ("annual_31_mar", date(2026, 3, 31), "year to 31 Mar 2026"),
        ("annual_31_mar", date(2026, 2, 28), "year to 31 Mar 2025"),
        ("snapshot_30_sep", date(2026, 10, 31), "at 30 Sep 2026 (census)"),
        ("snapshot_30_sep", date(2026, 8, 31), "at 30 Sep 2025 (census)"),
        ("rolling_12m", date(2026, 10, 31), "12 months to 31 Oct 2026"),
    ],
)
def test_period_text_of_each_period_type(period_type, month, expected):
    assert indicator_series.period_text(_indicator(period_type=period_type), month) == expected


def test_an_annual_figure_is_judged_against_the_target_of_its_own_year():
    stored = pd.DataFrame(
        [
            # in force for the year to 31 Mar 2026: target 80, intervention 70 -> 85.0 meets it: green
            {"indicator_id": "cla_health_assessment_pct", "from_date": date(2024, 4, 1), "target": 80.0,
             "intervention": 70.0, "target_upper": None, "intervention_upper": None, "source": "t"},
            # from 1 Apr 2026 (the year to 31 Mar 2027): target 90, intervention 86 -> 85.0 would be red
            {"indicator_id": "cla_health_assessment_pct", "from_date": date(2026, 4, 1), "target": 90.0,
             "intervention": 86.0, "target_upper": None, "intervention_upper": None, "source": "t"},
        ]
    )  # fmt: skip
    f = indicator_summary.facts(_indicator(), _march_only(), date(2026, 10, 31), BOARD, stored)
    assert f.text == "85.0%"
    assert f.rag.status == "green"
