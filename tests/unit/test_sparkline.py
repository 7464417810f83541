"""The card's trend line (charts/sparkline.py): worked by hand on a 40-unit-high drawing with 4 units of
padding, 10 units between months, each series scaled to its own range."""

from __future__ import annotations

import re

from cscdash.charts import sparkline_svg


def _marks(svg: str) -> tuple[list[str], list[str]]:
    """(the polylines' point lists, the dots' 'x,y')."""
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    dots = [f"{x},{y}" for x, y in re.findall(r'<line x1="([^"]+)" y1="([^"]+)" x2="[^"]+" y2="[^"]+"', svg)]
    return lines, dots


def test_a_rising_series_is_one_line_from_the_bottom_to_the_top() -> None:
    # 1, 2, 3: low 1, high 3, span 2. y = 4 + (3 - v) / 2 * 32: 1 -> 36, 2 -> 20, 3 -> 4 (SVG's y grows down)
    svg = sparkline_svg([1, 2, 3], "Trend of the last 3 months")
    assert 'viewBox="0 0 20 40"' in svg  # two steps of 10 units
    assert _marks(svg) == (["0,36.00 10,20.00 20,4.00"], [])


def test_a_gap_breaks_the_line_and_a_lone_month_is_a_dot() -> None:
    # 1, gap, 3, 5, gap, 2: low 1, high 5, span 4.
    # y = 4 + (5 - v) / 4 * 32: 1 -> 36, 3 -> 20, 5 -> 4, 2 -> 28.
    # Runs: month 0 alone (a dot at x 0), months 2-3 (a line from x 20 to 30), month 5 alone (a dot at x 50).
    # A suppressed month is never drawn as a zero.
    svg = sparkline_svg([1, None, 3, 5, float("nan"), 2], "t")
    assert _marks(svg) == (["20,20.00 30,4.00"], ["0,36.00", "50,28.00"])


def test_a_flat_series_runs_across_the_middle() -> None:
    assert _marks(sparkline_svg([7, 7, 7], "t")) == (["0,20.00 10,20.00 20,20.00"], [])


def test_fewer_than_two_figures_shown_draw_nothing() -> None:
    assert sparkline_svg([None, 4.0, None], "t") is None
    assert sparkline_svg([], "t") is None


def test_the_label_is_its_accessible_name_and_is_escaped() -> None:
    svg = sparkline_svg([1, 2], 'Trend <of> "x"')
    assert 'role="img" aria-label="Trend &lt;of&gt; &quot;x&quot;"' in svg
    assert "<title>Trend &lt;of&gt; &quot;x&quot;</title>" in svg
