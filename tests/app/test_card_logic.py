"""What a card, the overview ordering and the distance-travelled table say, worked by hand on tiny series.

Pure functions (no Streamlit, no database): cscdash.indicator_summary, cscdash.overview.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from cscdash import benchmark_bars, indicator_series, indicator_spc, indicator_summary, overview, targets
from cscdash.catalogue import Indicator
from cscdash.settings import Settings

BOARD = Settings(display_mode="board")
INTERNAL = Settings(display_mode="internal")


def _indicator(**changes) -> Indicator:
    base = Indicator(
        id="assessments_within_45wd_pct",
        page="front_door",
        title="Assessments completed within 45 working days",
        unit="percent",
        decimals=1,
        polarity="higher_is_better",
        period_type="rolling_12m",
        source_return="CIN census",
        definition="Share of assessments completed within 45 working days.",
        numerator="assessments completed within 45 working days",
        denominator="assessments completed",
        headline=True,
        small_number_rule="proportion",
        benchmark_measure="assessments_within_45wd_pct",
        charts=("trend", "spc"),
        breakdowns=(),
    )
    return replace(base, **changes)


def _months(first: str, last: str) -> list[date]:
    return [d.date() for d in pd.date_range(first, last, freq="ME")]


def _frame(rows: list[tuple[date, float | None, float | None]]) -> pd.DataFrame:
    """(period_end, numerator, denominator) -> an indicator frame with value = 100 n / N."""
    return pd.DataFrame(
        {
            "indicator_id": "x",
            "period_end": [r[0] for r in rows],
            "numerator": [r[1] for r in rows],
            "denominator": [r[2] for r in rows],
            "value": [None if r[1] is None else 100.0 * r[1] / r[2] for r in rows],
            "value_note": None,
            "breakdown": "all",
            "breakdown_value": "all",
        }
    )


def _percent_series() -> pd.DataFrame:
    # 36 months, Nov 2023 - Oct 2026, every month 176 of 200 = 88.0%, except:
    #   Oct 2025 (a year before the latest): 190 of 200 = 95.0%
    #   Sep 2026 (the month before):         170 of 200 = 85.0%
    #   Oct 2026 (latest):                   180 of 200 = 90.0%
    special = {date(2025, 10, 31): 190, date(2026, 9, 30): 170, date(2026, 10, 31): 180}
    return _frame([(m, special.get(m, 176), 200) for m in _months("2023-11-01", "2026-10-31")])


def test_card_value_period_n_of_n_and_changes_judged_by_polarity():
    f = indicator_summary.facts(_indicator(), _percent_series(), date(2026, 10, 31), BOARD)
    assert f.text == "90.0%"  # 180 / 200
    assert f.n_of_n == "180 of 200"
    assert f.period == "12 months to 31 Oct 2026"
    # 90.0 - 85.0 = +5.0 points; higher is better -> better
    assert f.vs_previous.text == "up 5.0 points on last month"
    assert f.vs_previous.judgement == "better"
    # 90.0 - 95.0 = -5.0 points -> worse
    assert f.vs_year.text == "down 5.0 points on the same month last year"
    assert f.vs_year.judgement == "worse"
    assert f.change_1y == pytest.approx(-5.0)
    # three years before Oct 2026 is Oct 2023: outside the series, so not comparable
    assert f.value_3y is None and f.change_3y is None


def test_a_march_figure_is_labelled_as_the_year():
    f = indicator_summary.facts(_indicator(), _percent_series(), date(2026, 3, 31), BOARD)
    assert f.period == "year to 31 Mar 2026"
    assert f.text == "88.0%"  # 176 / 200


def test_rag_uses_the_target_in_force():
    stored = pd.DataFrame(
        [
            # before Apr 2026 the target was 95 (intervention 92): 90.0 would be red
            {"indicator_id": "assessments_within_45wd_pct", "from_date": date(2024, 4, 1), "target": 95.0,
             "intervention": 92.0, "target_upper": None, "intervention_upper": None, "source": "t"},
            # from Apr 2026: target 88, intervention 83 -> 90.0 meets it: green
            {"indicator_id": "assessments_within_45wd_pct", "from_date": date(2026, 4, 1), "target": 88.0,
             "intervention": 83.0, "target_upper": None, "intervention_upper": None, "source": "t"},
        ]
    )  # fmt: skip
    f = indicator_summary.facts(_indicator(), _percent_series(), date(2026, 10, 31), BOARD, stored)
    assert (f.rag.status, f.rag.symbol, f.rag.label) == ("green", "✓", "On target")
    # Mar 2026: 88.0 against target 95 / intervention 92 -> below the intervention level: red
    march = indicator_summary.facts(_indicator(), _percent_series(), date(2026, 3, 31), BOARD, stored)
    assert march.rag.status == "red"


def test_small_counts_are_suppressed_in_board_mode_and_shown_internally():
    count = _indicator(
        id="uasc_count", unit="count", decimals=0, polarity="neutral", denominator=None,
        small_number_rule="count",
    )  # fmt: skip
    rows = pd.DataFrame(
        {
            "period_end": [date(2026, 9, 30), date(2026, 10, 31)],
            "numerator": [12.0, 4.0],
            "denominator": [None, None],
            "value": [12.0, 4.0],
            "value_note": None,
        }
    )
    board = indicator_summary.facts(count, rows, date(2026, 10, 31), BOARD)
    assert board.text == "c"  # 4 is in 1..5 (S2)
    assert board.value is None
    # never a change against (or from) a suppressed figure (S6)
    assert board.vs_previous.text == "no comparison with last month"
    internal = indicator_summary.facts(count, rows, date(2026, 10, 31), INTERNAL)
    assert internal.text == "4"
    # 4 - 12 = -8, more than the threshold of 5, so given exactly; neutral polarity -> not judged
    assert internal.vs_previous.text == "down 8 on last month"
    assert internal.vs_previous.judgement == "not_judged"


def test_a_month_before_the_data_says_why():
    f = indicator_summary.facts(_indicator(), _percent_series(), date(2020, 1, 31), BOARD)
    assert f.text == "x"
    assert f.note == "no data for this month"


def test_a_month_after_the_returns_end_shows_the_latest_figure_dated():
    # The series ends at Oct 2026 (180 of 200 = 90.0%); a council's other sources may run later, so
    # January 2030 shows October's figure, dated, and compared with the month before *it* (Sep 2026,
    # 85.0%: up 5.0 points) rather than a blank.
    f = indicator_summary.facts(_indicator(), _percent_series(), date(2030, 1, 31), BOARD)
    assert f.text == "90.0%"
    assert f.period == "12 months to 31 Oct 2026, the latest available"
    assert f.vs_previous.text == "up 5.0 points on last month"
    assert f.as_at == date(2026, 10, 31)


def test_a_month_no_return_covers_shows_the_latest_covered_figure():
    # Nov 2026 is in the calendar (another source runs on) but no CIN census covers it: its row is null
    # with the coverage note, so the card shows Oct 2026 instead; a null for another reason does not.
    series = _percent_series()
    gap = series.iloc[[-1]].assign(
        period_end=date(2026, 11, 30),
        numerator=None,
        denominator=None,
        value=None,
        value_note="no CIN census return covers this month",
    )
    f = indicator_summary.facts(
        _indicator(), pd.concat([series, gap], ignore_index=True), date(2026, 11, 30), BOARD
    )
    assert (f.text, f.as_at) == ("90.0%", date(2026, 10, 31))
    no_cases = gap.assign(value_note="no cases")
    g = indicator_summary.facts(
        _indicator(), pd.concat([series, no_cases], ignore_index=True), date(2026, 11, 30), BOARD
    )
    assert (g.text, g.note) == ("x", "no cases")


def test_spc_flags_a_point_beyond_the_upper_limit_as_improvement():
    # 36 months: 50, 52, 50, 52 ... for 35 months, then 70.
    # Moving ranges: 34 of 2 and one of 18; MR-bar 86/35 = 2.457, screen 3.267 x 2.457 = 8.03 drops
    # the 18, so MR-bar = 2. Mean = (18 x 50 + 17 x 52 + 70) / 36 = 1854 / 36 = 51.5.
    # Upper limit 51.5 + 2.66 x 2 = 56.82 < 70: the latest point is beyond the limit, high, and
    # higher is better -> special cause improving (high).
    months = _months("2023-11-01", "2026-10-31")
    values = [50.0 if i % 2 == 0 else 52.0 for i in range(35)] + [70.0]
    frame = pd.DataFrame({"period_end": months, "numerator": values, "denominator": 100.0, "value": values})
    f = indicator_summary.facts(_indicator(), frame, date(2026, 10, 31), INTERNAL)
    assert f.variation == "special_cause_improving_high"
    assert f.special_cause
    result = indicator_spc.spc_result(_indicator(), indicator_series.shown_series(
        _indicator(), frame, INTERNAL), date(2026, 10, 31))  # fmt: skip
    assert result.segments[-1].mean == pytest.approx(51.5)
    assert result.segments[-1].upper == pytest.approx(56.82)


# ----------------------------------------------------------------------------- overview


def _facts(title: str, rag: str = "grey", variation: str = "common_cause", now=50.0, year=50.0, three=50.0):
    f = indicator_summary.facts(_indicator(title=title), _percent_series(), date(2026, 10, 31), BOARD)
    rags = {
        "red": targets.Rag("red", "Beyond intervention level", "✗", ""),
        "amber": targets.Rag("amber", "Short of target", "!", ""),
        "green": targets.Rag("green", "On target", "✓", ""),
        "grey": targets.Rag("grey", "No target", "–", ""),
    }
    return replace(
        f,
        rag=rags[rag],
        variation=variation,
        variation_label=variation.replace("_", " "),
        value=now,
        value_1y=year,
        value_3y=three,
        change_1y=None if year is None else now - year,
        change_3y=None if three is None else now - three,
    )


def test_attention_order_puts_red_then_spc_concern_then_amber_then_big_changes():
    quiet = _facts("Quiet", rag="green")
    amber = _facts("Amber", rag="amber")
    red = _facts("Red", rag="red")
    concern = _facts("Concern", variation="special_cause_concerning_low")
    # 60 vs 50 a year ago: |10| / 50 = 20% change >= 10%, so listed as a big change
    moved = _facts("Moved", now=60.0, year=50.0)
    # 52 vs 50: 4% change, not listed
    small = _facts("Small move", now=52.0, year=50.0)
    order = overview.attention_order([quiet, amber, moved, small, concern, red])
    assert [f.indicator.title for f in order] == ["Red", "Concern", "Amber", "Moved"]
    assert overview.attention_reasons(quiet) == []
    assert overview.attention_reasons(red)[0] == "beyond the intervention level"


def test_distance_travelled_judges_one_and_three_year_changes_by_polarity():
    # now 90.0, a year before 95.0 (down 5.0 = worsened), three years before 80.0 (up 10.0 = improved)
    f = _facts("Assessments in 45 days", now=90.0, year=95.0, three=80.0)
    table = overview.distance_travelled([f], {"front_door": "Front door"})
    row = table.iloc[0]
    assert row["Service"] == "Front door"
    assert row["A year before"] == "95.0%"
    assert row["Over 1 year"] == "▼ worsened: down 5.0 points"
    assert row["Three years before"] == "80.0%"
    assert row["Over 3 years"] == "▲ improved: up 10.0 points"


def test_distance_travelled_says_not_comparable_without_history():
    f = _facts("New measure", now=90.0, year=None, three=None)
    row = overview.distance_travelled([f], {}).iloc[0]
    assert row["Over 1 year"] == "– not comparable"
    assert row["Three years before"] == "x"


# ----------------------------------------------------------------------------- benchmark bars


def test_benchmark_bars_add_the_synthetic_authority_beside_dorsets_neighbours():
    ind = _indicator(
        id="rereferrals_12m_pct",
        title="Re-referrals within 12 months",
        polarity="lower_is_better",
        benchmark_measure="rereferrals_12m_pct",
    )
    # the synthetic authority's year to 31 Mar 2025: 173 of 1,000 = 17.3%
    frame = _frame([(date(2025, 2, 28), 170, 1000), (date(2025, 3, 31), 173, 1000)])
    frame["indicator_id"] = "rereferrals_12m_pct"
    published = pd.DataFrame({"year": [2025], "la_name": ["Dorset"]})
    bars = benchmark_bars.bar_data(ind, published, frame, 2025, BOARD, neighbours_only=True)
    names = list(bars.frame["la_name"])
    # Dorset's ten 2025 statistical neighbours (domain README) + Dorset itself + the synthetic authority
    assert len(names) == 12
    assert {"Somerset", "Devon", "Shropshire", "Suffolk", "Worcestershire", "Essex", "Derbyshire", "Kent",
            "West Sussex", "North Yorkshire", "Dorset"} <= set(names)  # fmt: skip
    own = bars.frame[bars.frame["la_name"] == bars.own_label].iloc[0]
    assert bars.own_label == "Wessex Vale (synthetic data)"
    assert own["value"] == pytest.approx(17.3)
    assert bars.title == "Re-referrals within 12 months, 2024-25"
    assert bars.scope.startswith("Wessex Vale (synthetic data) among Dorset's statistical neighbours")


def test_the_trend_line_is_the_last_24_shown_months_with_suppressed_months_as_gaps():
    series = _percent_series()  # Nov 2023 - Oct 2026, 36 months
    f = indicator_summary.facts(_indicator(), series, date(2026, 10, 31), BOARD)
    assert len(f.sparkline) == 24  # Nov 2024 - Oct 2026
    assert f.sparkline[-1] == 90.0 and f.sparkline[-2] == 85.0 and f.sparkline[-13] == 95.0
    # a month whose complement is small is suppressed in board mode: a gap, never its hidden value
    small = series.copy()
    small.loc[small["period_end"] == date(2026, 9, 30), "numerator"] = 197  # 197 of 200: complement 3
    small.loc[small["period_end"] == date(2026, 9, 30), "value"] = 98.5
    g = indicator_summary.facts(_indicator(), small, date(2026, 10, 31), BOARD)
    assert g.sparkline[-2] is None
    # an earlier month chosen: the line ends at that month
    h = indicator_summary.facts(_indicator(), series, date(2025, 10, 31), BOARD)
    assert h.sparkline[-1] == 95.0 and len(h.sparkline) == 24
