"""Plotly figure builders, one module per chart kind (pure functions, no Streamlit).

``trend`` (the monthly series), ``spc`` (the XmR chart), ``breakdown`` (one indicator by category),
``benchmark`` (every LA's published figure), ``ranking`` (the partnership's authorities side by side),
``small_multiples`` (a trend panel per authority: an Altair facet chart, not Plotly), ``icons`` (the
Making Data Count icons on the cards) and ``sparkline`` (a card's trend line, a static SVG);
``style`` holds what they share: the palette, fonts and base figure, the message titles, and the table
each figure carries for its "view as table" and CSV (:func:`figure_table`, :func:`table_csv`).

``cscdash.cache.figure(kind, ...)`` builds a chart by its builder's name (``getattr(charts, kind)``), so
every builder is exported here.
"""

from cscdash.charts.benchmark import benchmark_chart
from cscdash.charts.breakdown import breakdown_chart
from cscdash.charts.icons import assurance_icon_svg, variation_icon_svg
from cscdash.charts.ranking import ranking_chart
from cscdash.charts.small_multiples import small_multiples
from cscdash.charts.sparkline import sparkline_svg
from cscdash.charts.spc import spc_chart
from cscdash.charts.style import (
    OTHER_BAR,
    PALETTE,
    TITLE_LINE_CHARS,
    TITLE_LINE_PX,
    figure_table,
    message_title,
    table_csv,
    wrap_title,
)
from cscdash.charts.trend import trend_chart

__all__ = [
    "OTHER_BAR",
    "PALETTE",
    "TITLE_LINE_CHARS",
    "TITLE_LINE_PX",
    "assurance_icon_svg",
    "benchmark_chart",
    "breakdown_chart",
    "figure_table",
    "message_title",
    "ranking_chart",
    "small_multiples",
    "sparkline_svg",
    "spc_chart",
    "table_csv",
    "trend_chart",
    "variation_icon_svg",
    "wrap_title",
]
