"""Hand-worked tests of the XmR engine: limits arithmetic, each rule on both edges, breaks, icons.

Every expected number is worked out in the comment beside it, not copied from the code's output.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cscdash import spc
from cscdash.spc import (
    SpcRules,
    assurance_icon,
    shift_flags,
    trend_flags,
    two_of_three_flags,
    xmr,
    xmr_limits,
)


def monthly(values: list[float], start: str = "2024-01-31") -> pd.DataFrame:
    """An indicator-shaped frame: one row per month end."""
    return pd.DataFrame({"period_end": pd.date_range(start, periods=len(values), freq="ME"), "value": values})


#: 16 alternating points: mean (8*10 + 8*12)/16 = 11; 15 moving ranges of 2, MR̄ = 2;
#: limits 11 ± 2.66*2 = 11 ± 5.32 -> 16.32 / 5.68; 2σ = 2*2/1.128 = 3.5461 -> 14.5461 / 7.4539.
BASELINE16 = [10.0, 12.0] * 8


# ---------------------------------------------------------------- limits


def test_limits_arithmetic():
    # x = 10 12 11 13 12: mean 58/5 = 11.6; MR = 2 1 2 1, MR̄ = 6/4 = 1.5 (none above 3.267*1.5 = 4.9).
    lim = xmr_limits([10, 12, 11, 13, 12])
    assert lim.mean == pytest.approx(11.6)
    assert lim.mr_bar == pytest.approx(1.5)
    assert lim.upper == pytest.approx(11.6 + 3.99)  # 2.66*1.5 = 3.99
    assert lim.lower == pytest.approx(11.6 - 3.99)
    assert lim.upper_2sigma == pytest.approx(11.6 + 3.0 / 1.128)  # 2*1.5/1.128 = 2.6596
    assert lim.lower_2sigma == pytest.approx(11.6 - 2.659574, abs=1e-6)
    assert lim.n_points == 5


def test_moving_range_screening():
    # x = 0 1 0 1 0 1 0 1 0 11: MR = eight 1s and one 11, MR̄ = 19/9 = 2.111;
    # screen at 3.267*2.111 = 6.897 drops the 11, so MR̄ = 8/8 = 1. Mean = 15/10 = 1.5.
    x = [0, 1, 0, 1, 0, 1, 0, 1, 0, 11]
    screened = xmr_limits(x)
    assert screened.mr_bar == pytest.approx(1.0)
    assert screened.upper == pytest.approx(1.5 + 2.66)
    unscreened = xmr_limits(x, screen_moving_ranges=False)
    assert unscreened.mr_bar == pytest.approx(19 / 9)
    assert unscreened.upper == pytest.approx(1.5 + 2.66 * 19 / 9)


def test_limits_need_two_values():
    with pytest.raises(ValueError):
        xmr_limits([3.0, np.nan])


def test_missing_month_is_skipped_not_zero():
    # 10, (suppressed), 12: the moving range joins 10 and 12 -> 2, mean 11; a zero would give mean 7.33.
    lim = xmr_limits([10, np.nan, 12])
    assert lim.mean == pytest.approx(11.0)
    assert lim.mr_bar == pytest.approx(2.0)


# ---------------------------------------------------------------- rules, on both edges


def test_shift_six_is_not_a_run_seven_is():
    assert not shift_flags(np.array([1.0] * 6 + [-1.0]), mean=0.0, length=7).any()
    assert shift_flags(np.array([1.0] * 7), mean=0.0, length=7).tolist() == [1] * 7
    assert shift_flags(np.array([-2.0] * 7 + [3.0]), mean=0.0).tolist() == [-1] * 7 + [0]


def test_shift_point_on_mean_breaks_the_run():
    # 3 above, one exactly on the mean, 4 above: runs of 3 and 4, neither reaches 7.
    assert not shift_flags(np.array([1, 1, 1, 0, 1, 1, 1, 1.0]), mean=0.0).any()


def test_shift_length_is_configurable():
    assert shift_flags(np.array([1.0] * 7), mean=0.0, length=8).tolist() == [0] * 7


def test_trend_five_is_not_a_trend_six_is():
    assert not trend_flags(np.array([1, 2, 3, 4, 5.0])).any()
    assert trend_flags(np.array([1, 2, 3, 4, 5, 6.0])).tolist() == [1] * 6
    assert trend_flags(np.array([9, 6, 5, 4, 3, 2, 1.0])).tolist() == [-1] * 7


def test_trend_equal_values_break_it():
    # 1 2 3 | 3 4 5 6: the repeated 3 is no rise, so runs of 3 and 4 points only.
    assert not trend_flags(np.array([1, 2, 3, 3, 4, 5, 6.0])).any()


def test_two_of_three_beyond_two_sigma():
    up, low = 2.0, -2.0
    # 3 _ 3 within a window of three: both 3s flagged, the middle point is not.
    assert two_of_three_flags(np.array([0, 3, 0, 3.0]), up, low).tolist() == [0, 1, 0, 1]
    # 3 _ _ 3: never two in any three consecutive points.
    assert not two_of_three_flags(np.array([3, 0, 0, 3.0]), up, low).any()
    # opposite sides do not combine
    assert not two_of_three_flags(np.array([3, -3, 0.0]), up, low).any()
    # exactly on the 2σ line is not beyond it
    assert not two_of_three_flags(np.array([0, 2, 3.0]), up, low).any()
    # a point beyond the process limit also counts as "beyond 2σ" (deviation 5)
    assert two_of_three_flags(np.array([9, 3.0]), up, low).tolist() == [0, 0]  # only 2 points: no window
    assert two_of_three_flags(np.array([9, 3, 0.0]), up, low).tolist() == [1, 1, 0]
    assert two_of_three_flags(np.array([-3, 0, -9.0]), up, low).tolist() == [-1, 0, -1]


# ---------------------------------------------------------------- the whole chart


def test_point_beyond_upper_limit_with_baseline():
    # Baseline of 16 points (BASELINE16): UPL 16.32. Then 17 > 16.32 is beyond the limit.
    res = xmr(monthly(BASELINE16 + [17.0]), polarity="higher_is_better", baseline_points=16)
    last = res.points.iloc[-1]
    assert last["upper_limit"] == pytest.approx(16.32)
    assert bool(last["beyond_limits"]) and last["point_type"] == "improvement"
    assert res.variation == "special_cause_improving_high"
    assert not res.points["special_cause"].iloc[:-1].any()
    # the same month for an indicator where lower is better is a concern
    assert xmr(monthly(BASELINE16 + [17.0]), "lower_is_better", baseline_points=16).variation == (
        "special_cause_concerning_high"
    )
    assert (
        xmr(monthly(BASELINE16 + [17.0]), "neutral", baseline_points=16).variation
        == "special_cause_neither_high"
    )


def test_point_beyond_limit_without_baseline_moves_the_limits():
    # All 17 points: mean (176 + 19)/17 = 11.4706; MRs fifteen 2s and |19-12| = 7, MR̄ = 37/16 = 2.3125
    # (7 < 3.267*2.3125 = 7.555, kept); UPL = 11.4706 + 2.66*2.3125 = 17.6218 -> 19 is beyond.
    res = xmr(monthly(BASELINE16 + [19.0]), polarity="lower_is_better")
    assert res.segments[0].mean == pytest.approx(195 / 17)
    assert res.segments[0].upper == pytest.approx(195 / 17 + 2.66 * 37 / 16)
    assert res.points["beyond_limits"].tolist() == [False] * 16 + [True]
    assert res.variation == "special_cause_concerning_high"


def test_low_point_lower_is_better_is_improvement():
    # LPL 5.68 with the baseline; 5 < 5.68.
    res = xmr(monthly(BASELINE16 + [5.0]), polarity="lower_is_better", baseline_points=16)
    assert res.variation == "special_cause_improving_low"
    assert res.points["point_type"].iloc[-1] == "improvement"
    res = xmr(monthly(BASELINE16 + [5.0]), polarity="higher_is_better", baseline_points=16)
    assert res.variation == "special_cause_concerning_low"


def test_shift_of_seven_after_baseline_and_six_is_not():
    # Baseline 15 points 10,12,...,10: mean (8*10 + 7*12)/15 = 164/15 = 10.933. 11.5 is above the mean,
    # below the 2σ line (10.933 + 4/1.128 = 14.48), and equal values make no trend.
    base15 = BASELINE16[:15]
    six = xmr(monthly(base15 + [11.5] * 6), "higher_is_better", baseline_points=15)
    assert six.segments[0].mean == pytest.approx(164 / 15)
    assert not six.points["shift"].any() and six.variation == "common_cause"
    seven = xmr(monthly(base15 + [11.5] * 7), "higher_is_better", baseline_points=15)
    assert seven.points["shift"].tolist() == [False] * 15 + [True] * 7
    assert seven.variation == "special_cause_improving_high"


def test_trend_is_judged_by_direction_not_side_of_mean():
    # Baseline 15 ends on 10 (mean 10.933); then 10.1 ... 12.1 rising: with the last baseline point that
    # is 7 points each higher than the one before. Lower is better, so a rising trend is a concern.
    rising = [10.1, 10.5, 10.9, 11.3, 11.7, 12.1]
    res = xmr(monthly(BASELINE16[:15] + rising), "lower_is_better", baseline_points=15)
    assert res.points["trend"].tolist() == [False] * 14 + [True] * 7
    assert not res.points["shift"].any() and not res.points["beyond_limits"].any()
    assert res.points["point_type"].iloc[14] == "concern"  # the baseline's 10 starts the run, below the mean
    assert res.variation == "special_cause_concerning_high"


def test_two_of_three_near_the_upper_limit():
    # Baseline 16: upper 2σ line 14.546, UPL 16.32. 15, 11, 15: two of three beyond 2σ, none beyond UPL.
    res = xmr(monthly(BASELINE16 + [15.0, 11.0, 15.0]), "higher_is_better", baseline_points=16)
    assert res.points["two_of_three"].tolist() == [False] * 16 + [True, False, True]
    assert res.points["point_type"].tolist()[-3:] == ["improvement", "common_cause", "improvement"]
    rules = SpcRules(two_of_three=False)
    off = xmr(monthly(BASELINE16 + [15.0, 11.0, 15.0]), "higher_is_better", baseline_points=16, rules=rules)
    assert off.variation == "common_cause"


def test_break_date_recalculates_limits_per_segment():
    # 15 points 10/12 (mean 164/15 = 10.933), then from Apr 2025 15 points 20/22 (mean 314/15 = 20.933).
    first = BASELINE16[:15]
    second = [v + 10 for v in first]
    data = monthly(first + second)  # Jan 2024 .. Jun 2026; point 16 is Apr 2025
    one = xmr(data, "higher_is_better")
    assert one.points["shift"].iloc[:15].all()  # one segment: all 15 early points sit below mean 15.93
    two = xmr(data, "higher_is_better", break_dates=["2025-04-01"])
    assert two.points["segment"].tolist() == [0] * 15 + [1] * 15
    assert two.segments[0].mean == pytest.approx(164 / 15)
    assert two.segments[1].mean == pytest.approx(314 / 15)
    assert two.points["upper_limit"].iloc[-1] == pytest.approx(314 / 15 + 2.66 * 2)
    assert (
        two.points["moving_range"].iloc[15] != two.points["moving_range"].iloc[15]
    )  # NaN: no MR across break
    assert not two.points["special_cause"].any()
    assert two.variation == "common_cause"


def test_insufficient_data_below_min_points():
    res14 = xmr(monthly(BASELINE16[:14]), "higher_is_better")
    assert res14.status == "insufficient_data" and res14.variation == "insufficient_data"
    assert set(res14.points["point_type"]) == {"not_judged"}
    assert xmr(monthly(BASELINE16[:15]), "higher_is_better").status == "ok"
    # a break leaving only 5 points in the latest segment: that segment is not judged
    res = xmr(monthly(BASELINE16 + [11.0] * 5), "higher_is_better", break_dates=["2025-05-01"])
    assert res.status == "insufficient_data"
    assert res.points["point_type"].tolist()[-5:] == ["not_judged"] * 5


def test_missing_values_are_marked_and_skipped():
    values = BASELINE16 + [np.nan, 17.0]
    res = xmr(monthly(values), "higher_is_better", baseline_points=16)
    assert res.points["point_type"].iloc[-2] == "missing"
    assert res.points["moving_range"].iloc[-1] == pytest.approx(5.0)  # |17 - 12|, the NaN month skipped
    assert res.variation == "special_cause_improving_high"


def test_disclosed_frame_uses_shown_values():
    # a frame from disclosure.apply_disclosure: the suppressed month (shown_value NaN) is a gap,
    # even though its raw value is still in the frame.
    frame = monthly(BASELINE16 + [3.0]).assign(shown_value=BASELINE16 + [np.nan])
    res = xmr(frame, "higher_is_better", baseline_points=16)
    assert res.points["point_type"].iloc[-1] == "missing"
    assert res.points["value"].isna().iloc[-1]


# ---------------------------------------------------------------- assurance


@pytest.fixture
def limits16() -> spc.Limits:
    # mean 11, UPL 16.32, LPL 5.68
    return xmr_limits(BASELINE16)


@pytest.mark.parametrize(
    ("polarity", "target", "expected"),
    [
        ("higher_is_better", 5.0, "consistently_pass"),  # 5 < LPL 5.68: every month clears it
        ("higher_is_better", 11.0, "hit_or_miss"),  # inside the limits
        ("higher_is_better", 20.0, "consistently_fail"),  # above UPL 16.32
        ("higher_is_better", 16.32, "consistently_fail"),  # on the limit counts as outside (deviation 10)
        ("lower_is_better", 20.0, "consistently_pass"),
        ("lower_is_better", 11.0, "hit_or_miss"),
        ("lower_is_better", 5.0, "consistently_fail"),
        ("band", (4.0, 18.0), "consistently_pass"),  # 4 <= 5.68 and 16.32 <= 18
        ("band", (12.0, 30.0), "hit_or_miss"),
        ("band", (17.0, 30.0), "consistently_fail"),  # UPL 16.32 below the band
        ("band", (1.0, 5.0), "consistently_fail"),  # LPL 5.68 above the band
        ("neutral", 11.0, None),
        ("higher_is_better", None, None),
    ],
)
def test_assurance_icon(limits16, polarity, target, expected):
    assert assurance_icon(limits16, target, polarity) == expected


def test_assurance_on_result_and_labels():
    res = xmr(monthly(BASELINE16), "higher_is_better", target=5.0)
    assert res.assurance == "consistently_pass"
    assert res.assurance_label.startswith("The process will consistently pass")
    assert res.variation_label == "Common cause variation"
    assert xmr(monthly(BASELINE16[:10]), "higher_is_better", target=5.0).assurance is None


def test_bad_polarity_rejected():
    with pytest.raises(ValueError):
        xmr(monthly(BASELINE16), "up")
