"""The chart builders: the right traces, colours per SPC flag, hollow markers for suppressed points,
axis units from the format token, large type, and the table behind each chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from cscdash import charts
from cscdash.disclosure import apply_disclosure, suppress_breakdown
from cscdash.spc import xmr


def decoded(fig: go.Figure) -> go.Figure:
    """Check the figure serialises as the browser will receive it, then return it to inspect.

    (plotly 7 packs numpy arrays as base64 ``bdata`` in JSON, and ``from_json`` keeps them packed, so
    the traces are read from the figure object itself.)
    """
    assert pio.from_json(pio.to_json(fig)).layout.title.text == fig.layout.title.text
    return fig


def trace(fig: go.Figure, name: str):
    matches = [t for t in fig.data if t.name == name]
    assert matches, f"no trace {name!r} in {[t.name for t in fig.data]}"
    return matches[0]


@pytest.fixture
def rereferrals() -> pd.DataFrame:
    # 13 month ends, Oct 2025 back to Oct 2024; Jan 2025 has 3 of 100 -> c in board mode (S3).
    ends = pd.date_range("2024-10-31", periods=13, freq="ME")
    num = [23, 22, 24, 3, 22, 21, 23, 22, 21, 22, 20, 21, 21]
    frame = pd.DataFrame({"period_end": ends, "numerator": num, "denominator": [100] * 13})
    frame["value"] = frame["numerator"] / frame["denominator"] * 100
    return apply_disclosure(frame, "percent")


# ---------------------------------------------------------------- titles


def test_message_title_states_the_change(rereferrals):
    # latest Oct 2025 21.0% against Oct 2024 23.0%: fell; England 22.4% is higher: below England.
    assert charts.message_title("Re-referrals", rereferrals, "percent") == "Re-referrals fell to 21.0%"
    assert charts.message_title("Re-referrals", rereferrals, "percent", benchmark=22.4) == (
        "Re-referrals fell to 21.0%, below England (22.4%)"
    )
    flat = rereferrals.assign(shown_value=21.0)
    assert charts.message_title("Re-referrals", flat, "percent", benchmark=21.0) == (
        "Re-referrals was unchanged at 21.0%, in line with England (21.0%)"
    )
    assert charts.message_title("Re-referrals", rereferrals.iloc[1:], "percent") == "Re-referrals was 21.0%"


def test_message_title_when_latest_is_suppressed(rereferrals):
    assert charts.message_title("Re-referrals", rereferrals.iloc[:4], "percent") == (
        "Re-referrals: latest figure not shown"
    )


# ---------------------------------------------------------------- trend chart


def test_trend_chart_traces_gaps_and_year_end(rereferrals):
    fig = decoded(charts.trend_chart(rereferrals, "percent", "Re-referrals fell to 21.0%"))
    line = trace(fig, "12 months to month end")
    y = list(line.y)
    assert y[3] is None or np.isnan(y[3])  # Jan 2025 suppressed: a gap in the line
    assert line.connectgaps is False
    march = trace(fig, "Year to 31 March")
    assert [pd.Timestamp(x).strftime("%Y-%m") for x in march.x] == ["2025-03"]
    assert list(march.y) == [21.0]
    hollow = trace(fig, "Suppressed (c)")
    assert hollow.marker.symbol == "circle-open"
    assert [pd.Timestamp(x).strftime("%Y-%m") for x in hollow.x] == ["2025-01"]
    # interpolated between Dec 2024 (24) and Feb 2025 (22): 23, not the real 3%
    assert list(hollow.y) == [pytest.approx(23.0)]
    assert list(hollow.text) == ["c"]


def test_census_year_end_markers_are_named_for_30_september(rereferrals):
    # a year ending in September ends on the 30th (the CSWW census date), not "31 September"
    fig = decoded(charts.trend_chart(rereferrals, "percent", "t", year_end_month=9))
    assert "Year to 30 September" in [t.name for t in fig.data]


def test_percent_ticks_keep_a_decimal_only_where_needed(rereferrals):
    # ",.0f" printed ticks at 5.5 and 6.5 as "6%" and "6%"; "~" keeps 5.5 and drops the ".0" of 6
    fig = decoded(charts.trend_chart(rereferrals, "percent", "t"))
    assert fig.layout.yaxis.tickformat == ",.1~f"
    counts = decoded(charts.trend_chart(rereferrals.assign(value=rereferrals["value"] * 10), "count", "t"))
    assert counts.layout.yaxis.tickformat == ",.0f"


def test_trend_chart_layout_units_and_type_size(rereferrals):
    fig = decoded(charts.trend_chart(rereferrals, "percent", "Re-referrals fell to 21.0%"))
    assert fig.layout.yaxis.title.text == "Per cent"
    assert fig.layout.yaxis.ticksuffix == "%"
    assert fig.layout.title.text == "Re-referrals fell to 21.0%"
    assert fig.layout.font.size >= 16 and fig.layout.title.font.size >= 20
    assert fig.layout.xaxis.showgrid is False
    assert fig.layout.showlegend is False  # no benchmarks: the line is labelled, no legend
    notes = [a.text for a in fig.layout.annotations]
    assert "c = fewer than 6 children; not shown to protect confidentiality" in notes
    assert "<b>21.0%</b>" in notes  # the latest value labelled directly


def test_long_titles_wrap_and_the_title_block_grows(rereferrals):
    # Plotly never wraps a title: a long message was cut off at the chart's edge on a board screen
    title = (
        "Care leavers aged 19-21 in education, employment or training rose to 65.7%, above England (54.0%)"
    )
    short = decoded(charts.trend_chart(rereferrals, "percent", "Re-referrals fell to 21.0%"))
    long = decoded(charts.trend_chart(rereferrals, "percent", title))
    lines = long.layout.title.text.split("<br>")
    assert len(lines) == 2 and " ".join(lines) == title  # nothing lost, broken at a space
    assert all(len(line) <= charts.TITLE_LINE_CHARS for line in lines)
    assert long.layout.margin.t == short.layout.margin.t + charts.TITLE_LINE_PX
    assert long.layout.height == short.layout.height + charts.TITLE_LINE_PX


def test_trend_chart_benchmarks_and_target(rereferrals):
    bench = pd.DataFrame(
        {
            "geography": ["England", "South West", "Dorset SN avg"],
            "period_end": ["2025-03-31"] * 3,
            "value": [22.4, 21.0, 23.5],
        }
    )
    fig = decoded(charts.trend_chart(rereferrals, "percent", "t", benchmarks=bench, target=22.0))
    assert trace(fig, "England").marker.symbol == "diamond"
    assert trace(fig, "South West").marker.symbol == "square"
    assert trace(fig, "Dorset SN avg").marker.symbol == "triangle-up"
    assert list(trace(fig, "Target").y) == [22.0, 22.0]
    assert fig.layout.showlegend is True


def test_trend_table_keeps_suppression(rereferrals):
    fig = charts.trend_chart(rereferrals, "percent", "t")
    table = charts.figure_table(fig)
    assert list(table.columns) == ["period_end", "value", "shown", "year_end"]
    assert table.loc[3, "shown"] == "c" and pd.isna(table.loc[3, "value"])
    assert table.loc[3, "period_end"] == "2025-01-31"
    assert table["year_end"].sum() == 1
    csv = charts.table_csv(fig).decode()
    assert "2025-01-31,,c,False" in csv
    assert csv.rstrip().endswith('"c = fewer than 6 children; not shown to protect confidentiality"')


# ---------------------------------------------------------------- SPC chart


@pytest.fixture
def spc_result():
    # 16 alternating 10/12 (mean 11, UPL 16.32, LPL 5.68) as baseline, then 17 (beyond, high) and 5
    # (beyond, low). Higher is better: 17 is an improvement, 5 a concern.
    ends = pd.date_range("2024-01-31", periods=18, freq="ME")
    values = [10.0, 12.0] * 8 + [17.0, 5.0]
    return xmr(
        pd.DataFrame({"period_end": ends, "value": values}), "higher_is_better", 9.0, baseline_points=16
    )


def test_spc_chart_colours_by_flag(spc_result):
    fig = decoded(charts.spc_chart(spc_result, "count", "Referrals: SPC"))
    assert trace(fig, "Improvement").marker.color == "#12436D"
    assert list(trace(fig, "Improvement").y) == [17.0]
    assert trace(fig, "Concern").marker.color == "#F46A25"
    assert list(trace(fig, "Concern").y) == [5.0]
    common = trace(fig, "Common cause")
    assert common.marker.color == "#7F7F7F" and len(common.y) == 16


def test_spc_chart_lines_target_and_subtitle(spc_result):
    fig = decoded(charts.spc_chart(spc_result, "count", "Referrals: SPC"))
    assert list(trace(fig, "Mean").y) == [pytest.approx(11.0)] * 2
    assert list(trace(fig, "Upper process limit").y) == [pytest.approx(16.32)] * 2
    assert list(trace(fig, "Lower process limit").y) == [pytest.approx(5.68)] * 2
    assert list(trace(fig, "Target").y) == [9.0, 9.0]
    # latest point 5 is low and higher is better: concerning low; target 9 inside 5.68..16.32
    subtitle = fig.layout.title.subtitle.text
    assert subtitle == (
        "Special cause variation: concerning (lower) · The process will hit or miss the target at random"
    )
    legend_names = {t.name for t in fig.data if t.showlegend}
    assert legend_names == {"Common cause", "Improvement", "Concern"}


def test_spc_chart_breaks_draw_a_marker_and_separate_limits():
    ends = pd.date_range("2024-01-31", periods=30, freq="ME")
    values = [10.0, 12.0] * 7 + [10.0] + [20.0, 22.0] * 7 + [20.0]
    res = xmr(pd.DataFrame({"period_end": ends, "value": values}), "neutral", break_dates=["2025-04-01"])
    fig = decoded(charts.spc_chart(res, "count", "t"))
    mean = trace(fig, "Mean")
    assert mean.y[2] is None  # the line breaks between segments
    # 15 points each: (8*10 + 7*12)/15 = 10.933 and (8*20 + 7*22)/15 = 20.933
    assert [round(v, 3) for v in mean.y if v is not None] == [10.933, 10.933, 20.933, 20.933]
    assert len(fig.layout.shapes) == 1 and fig.layout.shapes[0].line.dash == "dot"
    table = charts.figure_table(fig)
    assert list(table.columns[:5]) == ["period_end", "value", "mean", "lower_limit", "upper_limit"]
    assert len(table) == 30


def test_spc_table_from_result_directly(spc_result):
    table = charts.figure_table(spc_result)
    assert table["point_type"].tolist()[-2:] == ["improvement", "concern"]


# ---------------------------------------------------------------- breakdown and benchmark bars


def test_age_band_breakdown_keeps_age_order_even_with_a_suppressed_band():
    # board mode: 'Under 1' = 3 is suppressed (1-5); the bars must still read youngest to oldest,
    # not largest first, with the suppressed band in its own place and 'Not known' last
    counts = pd.Series({"10-15": 40, "1-4": 25, "Under 1": 3, "16 and over": 12, "5-9": 30, "Not known": 7})
    data = suppress_breakdown(counts, collapse=False)
    fig = decoded(charts.breakdown_chart(data, "count", "Referrals by age band"))
    assert list(fig.layout.yaxis.categoryarray) == [
        "Under 1",
        "1-4",
        "5-9",
        "10-15",
        "16 and over",
        "Not known",
    ]


def test_breakdown_chart_sorted_hatched_and_labelled():
    data = suppress_breakdown(pd.Series({"White": 70, "Mixed": 6, "Black": 2, "Other": 3, "Asian": 14}))
    fig = decoded(charts.breakdown_chart(data, "count", "Most children missing were White"))
    shown = trace(fig, "Shown")
    assert list(shown.y) == ["White", "Asian"] and list(shown.x) == [70, 14]
    hidden = trace(fig, "Suppressed (c)")
    assert hidden.marker.pattern.shape == "/"
    assert list(hidden.text) == ["c", "c"]
    assert set(hidden.y) == {"Mixed", "Black + Other (combined)"}
    assert list(fig.layout.yaxis.categoryarray)[:2] == ["White", "Asian"]
    assert fig.layout.xaxis.title.text == "Number"
    table = charts.figure_table(fig)
    assert table["shown"].tolist() == ["70", "c", "14", "c", "95"]  # total 70+6+14+5 = 95


def test_benchmark_chart_highlights_own_la():
    # 25 LAs valued 1..25, "Own" = 10.5; "Hidden" suppressed.
    names = [f"LA {i:02d}" for i in range(1, 26)] + ["Own", "Hidden"]
    values = [float(i) for i in range(1, 26)] + [10.5, 3.0]
    data = pd.DataFrame({"la_name": names, "value": values, "suppressed": [False] * 26 + [True]})
    fig = decoded(charts.benchmark_chart(data, "Own", "rate_per_10k", "t", england=12.0))
    bars = fig.data[0]
    assert list(bars.x)[9:12] == ["LA 10", "Own", "LA 11"]  # sorted ascending
    colours = list(bars.marker.color)
    assert colours[10] == "#12436D" and colours.count("#12436D") == 1 and colours[0] == charts.OTHER_BAR
    assert "Hidden" not in list(bars.x)
    assert fig.layout.shapes[0].y0 == 12.0  # England line
    assert fig.layout.xaxis.showticklabels is False  # 26 bars: names not printed
    assert fig.layout.yaxis.title.text == "Rate per 10,000 children"
    table = charts.figure_table(fig)
    assert table.loc[table["la_name"] == "Hidden", "shown"].item() == "c"


def test_figure_table_needs_our_figure():
    with pytest.raises(ValueError):
        charts.figure_table(go.Figure())
    frame = pd.DataFrame({"a": [1]})
    assert charts.figure_table(frame).equals(frame)


# ---------------------------------------------------------------- icons


def test_icons_carry_colour_letter_and_label():
    svg = charts.variation_icon_svg("special_cause_concerning_high")
    assert 'stroke="#F46A25"' in svg and ">H</text>" in svg
    assert "<title>Special cause variation: concerning (higher)</title>" in svg
    assert ">L</text>" in charts.variation_icon_svg("special_cause_improving_low")
    assert "#12436D" in charts.variation_icon_svg("special_cause_improving_low")
    assert "<text" not in charts.variation_icon_svg("common_cause")  # a flat squiggle, no letter
    assert ">P</text>" in charts.assurance_icon_svg("consistently_pass")
    assert ">F</text>" in charts.assurance_icon_svg("consistently_fail")
    assert ">?</text>" in charts.assurance_icon_svg("hit_or_miss")


def test_small_multiples_draw_lines_and_a_dot_only_for_a_month_alone_between_gaps() -> None:
    # Two authorities over five months. A: 1, 2, gap, 4, gap -> month 4 is alone (gaps both sides); months
    # 1-2 are a line. B: gap, 5, gap, gap, 6 -> month 2 alone and month 5 alone (a gap before, nothing after).
    months = pd.date_range("2026-01-31", periods=5, freq="ME").date
    a = [1.0, 2.0, None, 4.0, None]
    b = [None, 5.0, None, None, 6.0]
    data = pd.DataFrame(
        {
            "la_name": ["A"] * 5 + ["B"] * 5,
            "own": [True] * 5 + [False] * 5,
            "period_end": list(months) * 2,
            "shown_value": a + b,
        }
    )
    spec = charts.small_multiples(data, "percent", "t").to_dict()
    rows = next(iter(spec["datasets"].values()))
    alone = [(r["panel"], r["month"][:7]) for r in rows if r["alone"]]
    assert alone == [("A", "2026-04"), ("B", "2026-02"), ("B", "2026-05")]
    marks = [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    assert marks == ["line", "point"]  # no point on every month of every line
    assert spec["spec"]["layer"][1]["transform"] == [{"filter": "datum.alone"}]
    # with no month alone there is no layer of dots to draw in every panel
    whole = data.assign(shown_value=[1.0, 2.0, 3.0, 4.0, 5.0] * 2)
    marks = [
        layer["mark"]["type"]
        for layer in charts.small_multiples(whole, "percent", "t").to_dict()["spec"]["layer"]
    ]
    assert marks == ["line"]


def test_small_multiples_of_many_authorities_are_compact() -> None:
    # 3 authorities (a partnership): three roomy panels a row, months labelled. 13 (past a dozen): five
    # smaller panels a row and no month labels, so 150 authorities are 30 rows, not 50.
    def spec(authorities: int) -> dict:
        months = pd.date_range("2026-01-31", periods=3, freq="ME").date
        data = pd.DataFrame(
            {
                "la_name": [f"LA {n:03d}" for n in range(authorities) for _ in months],
                "own": [n == 0 for n in range(authorities) for _ in months],
                "period_end": list(months) * authorities,
                "shown_value": [1.0, 2.0, 3.0] * authorities,
            }
        )
        return charts.small_multiples(data, "percent", "t").to_dict()

    few, many = spec(3), spec(13)
    assert few["columns"] == 3 and many["columns"] == 5
    assert few["spec"]["width"] == 230 and many["spec"]["width"] == 150
    month_axis = [s["spec"]["layer"][0]["encoding"]["x"]["axis"] for s in (few, many)]
    assert month_axis[0].get("labels", True) is True and month_axis[1]["labels"] is False
