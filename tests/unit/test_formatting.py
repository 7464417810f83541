"""Units, period and change text, and the disclosure rules, with the worked examples of
``../shared/domain/disclosure.md`` section 4 (board mode, threshold 5) as tests."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from cscdash.disclosure import (
    apply_disclosure,
    collapse_small_categories,
    differencing_suppression,
    disclose,
    footnotes,
    mode_statement,
    suppress_breakdown,
    suppress_table,
)
from cscdash.formatting import basis_text, change_text, format_value, n_of_n, period_label, unit_of

# ---------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1234, "count", "1,234"),
        (88.25, "percent", "88.3%"),  # half away from zero: 882.5 -> 883
        (88.25, "pct", "88.3%"),  # benchmarks.csv spelling
        (412.5, "rate_per_10k", "412.5"),
        (33, "days", "33 days"),
        (1.234, "ratio", "1.23"),
        (12.34, "fte", "12.3 FTE"),
        (17.25, "cases_per_fte", "17.3"),
        (None, "percent", "x"),
        (float("nan"), "count", "x"),
        (-0.04, "percent", "0.0%"),  # no "-0.0%"
    ],
)
def test_format_value(value, unit, expected):
    assert format_value(value, unit) == expected


def test_format_decimals_override_and_axis_titles():
    assert format_value(88.25, "percent", decimals=0) == "88%"
    assert unit_of("rate_per_10k").axis_title == "Rate per 10,000 children"
    with pytest.raises(KeyError):
        unit_of("furlongs")


@pytest.mark.parametrize(
    "token", ["count", "pct", "rate_per_10k", "score", "fte", "cases_per_fte", "days_per_fte"]
)
def test_every_benchmarks_csv_unit_is_known(token):
    assert unit_of(token).axis_title


def test_decimals_override_in_disclosure():
    # SSDA903 rates are published whole: 63.46 -> "63"
    assert disclose(63.46, "rate_per_10k", numerator=426, denominator=67149, decimals=0).text == "63"


def test_basis_text_reads_right_for_percentages_and_averages():
    assert basis_text("percent", 196, 209, "care leavers aged 19-21") == "196 of 209"
    # an average rests on its denominator, not "4,963 of 13" (the total days of 13 children)
    assert basis_text("days", 4963, 13, "children adopted in the 12 months") == (
        "over 13 children adopted in the 12 months"
    )
    assert basis_text("cases_per_fte", 2938, 213.9, "FTE of case-holding social workers") == (
        "over 213.9 FTE of case-holding social workers"
    )
    assert basis_text("days", 4963, None, "children") == ""  # suppressed or missing: nothing


def test_n_of_n():
    assert n_of_n(1196, 1209) == "1,196 of 1,209"
    assert n_of_n(None, 209) == ""


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("end", "kind", "expected"),
    [
        (date(2026, 10, 31), "flow", "12 months to 31 Oct 2026"),
        (date(2026, 10, 31), "stock", "at 31 Oct 2026"),
        (date(2025, 3, 31), "flow", "year to 31 Mar 2025"),  # the March row is the DfE year
        (date(2025, 3, 31), "year", "year to 31 Mar 2025"),
        (date(2026, 10, 31), "month", "October 2026"),
        (date(2026, 10, 31), "ytd", "1 Apr 2026 to 31 Oct 2026 (year to date)"),
        (date(2026, 2, 28), "ytd", "1 Apr 2025 to 28 Feb 2026 (year to date)"),
        ("2026-10-31", "snapshot", "at 31 Oct 2026"),
        # the census date itself, not the month end it is carried to
        (date(2026, 9, 30), "census", "at 30 Sep 2026 (census)"),
        (date(2026, 10, 14), "dated_snapshot", "at 14 Oct 2026 (snapshot)"),
    ],
)
def test_period_label(end, kind, expected):
    assert period_label(end, kind) == expected


def test_period_label_workforce_year():
    assert period_label(date(2025, 9, 30), "flow", year_end_month=9) == "year to 30 Sep 2025"
    with pytest.raises(ValueError):
        period_label(date(2025, 9, 30), "fortnight")


# ---------------------------------------------------------------- change text


def test_change_percent_lower_is_better_fall_is_better():
    # 23.1% -> 21.0%: down 2.1 points; lower is better, so better.
    c = change_text(21.0, 23.1, "percent", "lower_is_better")
    assert (c.text, c.judgement) == ("down 2.1 points on last month", "better")
    c = change_text(21.0, 23.1, "percent", "higher_is_better", against="the same month last year")
    assert (c.text, c.judgement) == ("down 2.1 points on the same month last year", "worse")


def test_change_small_count_difference_hidden_outside_internal():
    # 120 -> 123 is +3: a small number itself (S6), so not given exactly in board mode.
    assert change_text(123, 120, "count", "higher_is_better").text == "up by fewer than 6 on last month"
    assert change_text(123, 120, "count", "higher_is_better", mode="internal").text == "up 3 on last month"
    assert change_text(130, 120, "count", "higher_is_better").text == "up 10 on last month"


def test_change_no_change_neutral_and_missing():
    # 21.04 - 21.0 = 0.04 rounds to 0.0 at one decimal: no change.
    assert change_text(21.04, 21.0, "percent", "lower_is_better").judgement == "no_change"
    c = change_text(412.5, 400.0, "rate_per_10k", "neutral")
    assert (c.text, c.judgement) == ("up 12.5 on last month", "not_judged")
    c = change_text(None, 400.0, "rate_per_10k", "higher_is_better")
    assert (c.text, c.judgement) == ("no comparison with last month", "not_judged")
    assert change_text(35, 33, "days", "lower_is_better").text == "up 2 days on last month"


# ---------------------------------------------------------------- disclosure.md section 4, board mode


def test_worked_care_leavers_17_18_in_touch_complement():
    # 41 of 44: complement 44 - 41 = 3 <= 5, so c; and not in touch, 3 of 44, is c too.
    shown = disclose(41 / 44 * 100, "percent", numerator=41, denominator=44)
    assert shown.text == "c" and shown.value is None and shown.n_of_n == ""
    assert disclose(3 / 44 * 100, "percent", numerator=3, denominator=44).suppressed


def test_worked_care_leavers_19_21_in_touch_shown():
    # 196 / 209 = 0.93780 -> 93.8%; numerator 196 and complement 13 both > 5.
    shown = disclose(196 / 209 * 100, "percent", numerator=196, denominator=209)
    assert shown.text == "93.8%" and shown.n_of_n == "196 of 209" and shown.marker is None


def test_worked_cp_plans_two_years():
    # 7 of 278 = 2.518% -> 2.5%; 7 > 5.
    shown = disclose(7 / 278 * 100, "percent", numerator=7, denominator=278)
    assert (shown.text, shown.n_of_n) == ("2.5%", "7 of 278")
    # a year with 1-5 of 304 is c
    assert disclose(3 / 304 * 100, "percent", numerator=3, denominator=304).text == "c"


def test_worked_uasc_missing_and_zero():
    assert disclose(3, "count").text == "c"  # S2
    assert disclose(0, "count").text == "0"  # S1: a true zero is shown
    assert disclose(6, "count").text == "6"  # 6 > 5


def test_worked_sdq_average_four_scores():
    # an average of 4 scores: fewer than 6 -> c (S4); the same average of 6 scores is shown
    assert disclose(17.3, "score", denominator=4).text == "c"
    assert disclose(17.3, "score", denominator=6).text == "17.3"


def test_worked_missing_by_ethnicity_collapse_then_secondary():
    # White 70, Mixed 6, Black 2, Other 3 (total 81): Black + Other combined = 5 -> c (S7 then S2),
    # which leaves one c in a line with a total, so the smallest other cell, Mixed 6, is c too (S5).
    counts = pd.Series({"White": 70, "Mixed": 6, "Black": 2, "Other": 3})
    out = suppress_breakdown(counts)
    assert out["category"].tolist() == ["White", "Mixed", "Black + Other (combined)", "Total"]
    assert out["text"].tolist() == ["70", "c", "c", "81"]
    assert np.isnan(out["shown_value"].iloc[1]) and out["shown_value"].iloc[3] == 81


def test_worked_placements_by_provider_secondary():
    # own 4 (c), private 60, other 12: one c in the line, so the smallest other non-zero (12) goes too.
    counts = pd.Series({"Own provision": 4, "Private": 60, "Other": 12})
    out = suppress_breakdown(counts, collapse=False)
    assert out["text"].tolist() == ["c", "60", "c", "76"]
    assert out["suppressed"].tolist() == [True, False, True, False]


def test_worked_assessments_small_team_month():
    # 9 of 10: complement 1 -> c in board mode; internal shows 90.0% with a small-number badge and u
    # (denominator 10 is in the 10-29 low-reliability band).
    assert disclose(90.0, "percent", numerator=9, denominator=10).text == "c"
    internal = disclose(90.0, "percent", "internal", numerator=9, denominator=10)
    assert (internal.text, internal.marker, internal.small_number) == ("90.0%", "u", True)


def test_percentage_with_denominator_below_10_suppressed():
    # With N = 9 a numerator and a complement both above 5 is impossible, so test N alone: 0 of 9 has
    # numerator 0 (a true zero) and complement 9 > 5, yet is c because N < 10; 0 of 10 is shown.
    assert disclose(0.0, "percent", numerator=0, denominator=9).text == "c"
    assert disclose(0.0, "percent", numerator=0, denominator=10).text == "0.0%"


def test_zero_denominator_is_no_cases_not_suppressed():
    # R11 against S3/S4: with no child in the cohort (0 of 0, or an average over 0 children) the view
    # gives a null value noted 'no cases'. There is no child to reveal, so the figure is not withheld
    # ('c' would tell a board a small number hides there); it is shown as not available ('x') in
    # every mode, and the card's note says why. 0 of 1 is still c (N below 10).
    for mode in ("board", "public", "internal"):
        shown = disclose(None, "percent", mode, numerator=0, denominator=0)
        assert (shown.text, shown.suppressed, shown.small_number) == ("x", False, False), mode
        average = disclose(None, "days", mode, numerator=0, denominator=0)
        assert (average.text, average.suppressed) == ("x", False), mode
    assert disclose(0.0, "percent", numerator=0, denominator=1).text == "c"
    assert disclose(40.0, "days", numerator=40, denominator=1).text == "c"


def test_rate_follows_numerator():
    assert disclose(0.7, "rate_per_10k", numerator=5, denominator=70000).text == "c"
    assert disclose(0.9, "rate_per_10k", numerator=6, denominator=70000).text == "0.9"


# ---------------------------------------------------------------- public mode


def test_public_rounds_counts_below_100_to_5():
    assert disclose(37, "count", "public").text == "35"  # 37/5 = 7.4 -> 7 -> 35
    assert disclose(38, "count", "public").text == "40"  # 7.6 -> 8 -> 40
    assert disclose(120, "count", "public").text == "120"
    assert disclose(3, "count", "public").text == "c"


def test_public_small_denominator_whole_percent_and_u():
    # 13 of 27 = 48.148%: board 48.1% u; public 48% u, with n of N rounded to 5 (15 of 25).
    board = disclose(13 / 27 * 100, "percent", numerator=13, denominator=27)
    assert (board.text, board.marker) == ("48.1%", "u")
    public = disclose(13 / 27 * 100, "percent", "public", numerator=13, denominator=27)
    assert (public.text, public.marker, public.n_of_n) == ("48%", "u", "15 of 25")


def test_public_collapses_until_every_cell_is_10():
    # Black 2 + Other 3 = 5, still < 10, so merged with the next smallest, Asian 8, = 13.
    counts = pd.Series({"White": 70, "Mixed": 12, "Asian": 8, "Black": 2, "Other": 3})
    out = collapse_small_categories(counts, "public")
    assert out.to_dict() == {"White": 70.0, "Mixed": 12.0, "Asian + Black + Other (combined)": 13.0}
    shown = suppress_breakdown(counts, "public")
    # rounded to 5: 70, 12 -> 10, 13 -> 15; total 95 stays 95
    assert shown["text"].tolist() == ["70", "10", "15", "95"]


def test_internal_mode_changes_nothing_but_flags():
    counts = pd.Series({"a": 4, "b": 60})
    assert collapse_small_categories(counts, "internal").to_dict() == {"a": 4.0, "b": 60.0}
    assert suppress_breakdown(counts, "internal")["text"].tolist() == ["4", "60", "64"]
    assert disclose(4, "count", "internal").small_number


def test_bad_mode_rejected():
    with pytest.raises(ValueError):
        disclose(4, "count", "secret")


# ---------------------------------------------------------------- S5 on a two-way table, S6, S10


def test_two_way_secondary_suppression():
    #        A   B  | Total        3 is c. Column A then has one c: its smallest other non-zero, 8, goes;
    #   X    3  10  |  13          row X has one c: 10 goes; column B now has one c: 20 goes; row Y has
    #   Y    8  20  |  28          two. Totals 13, 28, 11, 30, 41 are all > 5 and stay.
    #   Tot 11  30  |  41
    table = pd.DataFrame({"A": [3, 8], "B": [10, 20]}, index=["X", "Y"])
    out = suppress_table(table)
    assert out.text.loc[["X", "Y"], ["A", "B"]].to_numpy().tolist() == [["c", "c"], ["c", "c"]]
    assert out.text.loc["Total"].tolist() == ["11", "30", "41"]
    assert out.text["Total"].tolist() == ["13", "28", "41"]


def test_differencing_keeps_latest_and_hides_small_steps():
    # 40, 43, 50, 52, 60 (rolling 12-month counts): from the latest back, 60-52 = 8 keep; 52-50 = 2 hide
    # 50; 43 is next to a hidden month, keep; 43-40 = 3 hide 40.
    assert differencing_suppression([40, 43, 50, 52, 60]) == [True, False, True, False, False]
    assert differencing_suppression([40, None, 42]) == [False, False, False]


def test_apply_disclosure_never_uses_suppressed_as_zero():
    frame = pd.DataFrame({"numerator": [41, 196], "denominator": [44, 209], "value": [93.18, 93.78]})
    out = apply_disclosure(frame, "percent")
    assert out["text"].tolist() == ["c", "93.8%"]
    assert np.isnan(out["shown_value"].iloc[0])  # NaN, not 0 (S10)
    assert out["shown_value"].mean() == pytest.approx(93.78)  # pandas skips the NaN
    assert out["suppressed"].tolist() == [True, False]
    assert out["value"].tolist() == [93.18, 93.78]  # the raw column is kept for arithmetic


def test_footnotes_and_mode_statement():
    assert footnotes(["c", "", "u"]) == [
        "c = fewer than 6 children; not shown to protect confidentiality",
        "u = low reliability: based on fewer than 30 children",
    ]
    assert footnotes([]) == []
    assert mode_statement("board") == "Suppression: board mode, threshold 5"
