"""Quartile bands A-D and ranks, worked by hand for both polarities, ties and gaps."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cscdash.benchmarks.measures import HIGHER, LOWER, NEUTRAL, polarity_of
from cscdash.benchmarks.ranking import (
    band_words,
    quartile_band,
    quartile_cuts,
    quartile_position,
    rank_of,
    rank_table,
)

EIGHT = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]


def test_quartile_cuts_by_linear_interpolation():
    # n = 8, positions (n - 1) x p on the sorted values (0-based):
    # Q1 at 1.75 -> 2 + 0.75 x (3 - 2) = 2.75; median at 3.5 -> 4.5; Q3 at 5.25 -> 6 + 0.25 = 6.25
    assert quartile_cuts(EIGHT) == (2.75, 4.5, 6.25)


@pytest.mark.parametrize(
    ("value", "higher", "lower"),
    [
        (8, "A", "D"),
        (7, "A", "D"),  # >= Q3 6.25: best quarter when high is good, worst when low is good
        (6, "B", "C"),
        (5, "B", "C"),  # between the median 4.5 and Q3 6.25
        (4, "C", "B"),
        (3, "C", "B"),  # between Q1 2.75 and the median
        (2, "D", "A"),
        (1, "D", "A"),  # <= Q1
    ],
)
def test_band_by_polarity(value, higher, lower):
    assert quartile_band(value, EIGHT, HIGHER) == higher
    assert quartile_band(value, EIGHT, LOWER) == lower


def test_value_on_a_cut_point_goes_to_the_better_band():
    values = [10.0, 20.0, 20.0, 30.0, 40.0]
    # n = 5: Q1 at position 1 -> 20; median at 2 -> 20; Q3 at 3 -> 30
    assert quartile_cuts(values) == (20.0, 20.0, 30.0)
    assert quartile_band(30.0, values, HIGHER) == "A"  # on Q3, high is good: A not B
    assert quartile_band(20.0, values, HIGHER) == "B"  # on the median: B not C
    assert quartile_band(20.0, values, LOWER) == "A"  # on Q1, low is good: A not B
    assert quartile_band(30.0, values, LOWER) == "C"  # on Q3, low is good: C not D


def test_ranks_share_the_best_place_on_ties():
    values = [10.0, 20.0, 20.0, 30.0, 40.0]
    # high is good: 40 first, 30 second, the two 20s share third, 10 is fifth (fourth is skipped)
    assert [rank_of(v, values, HIGHER) for v in (40, 30, 20, 10)] == [1, 2, 3, 5]
    # low is good: 10 first, the 20s share second, 30 fourth, 40 fifth
    assert [rank_of(v, values, LOWER) for v in (10, 20, 30, 40)] == [1, 2, 4, 5]


def test_rank_table_skips_missing_values_and_ranks_ties():
    frame = pd.DataFrame({"la_code": list("ABCDEF"), "value": [10.0, None, 20.0, 20.0, 30.0, 40.0]})
    out = rank_table(frame, LOWER).set_index("la_code")
    # B is suppressed: not ranked, and the other five are ranked out of 5 (not 6)
    assert pd.isna(out.loc["B", "rank"]) and pd.isna(out.loc["B", "band"])
    assert out["n_ranked"].iat[0] == 5
    assert out.loc[["A", "C", "D", "E", "F"], "rank"].tolist() == [1, 2, 2, 4, 5]
    assert out.loc[["A", "C", "E", "F"], "band"].tolist() == ["A", "A", "C", "D"]


def test_neutral_indicators_are_not_ranked_but_keep_their_quarter():
    assert quartile_band(8, EIGHT, NEUTRAL) is None
    assert rank_of(8, EIGHT, NEUTRAL) is None
    assert band_words(None, NEUTRAL) == "not ranked"
    # quarter from the lowest value: 1 (<= 2.75), 2 (<= 4.5), 3 (<= 6.25), 4 above
    assert [quartile_position(v, EIGHT) for v in (2, 3, 5, 7)] == [1, 2, 3, 4]
    out = rank_table(pd.DataFrame({"value": EIGHT}), NEUTRAL)
    assert out["rank"].isna().all() and out["band"].isna().all()


def test_missing_value_gets_no_band_and_words_say_so():
    assert quartile_band(math.nan, EIGHT, HIGHER) is None
    assert band_words(None, HIGHER) == "no band (no published value)"
    assert band_words("A", HIGHER) == "A (best quarter)"


def test_polarity_table_follows_indicators_md():
    assert polarity_of("rereferrals_12m_pct") == LOWER  # ↓
    assert polarity_of("assessments_within_45wd_pct") == HIGHER  # ↑
    assert polarity_of("cla_rate_per_10k") == NEUTRAL  # ↔
    assert polarity_of("wf_avg_caseload") == "band"  # ◇
