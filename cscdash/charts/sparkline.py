"""The small trend line of a card (its last 24 months, or every yearly figure), as a static SVG.

Why not st.metric's own ``chart_data``: Streamlit draws that line as a Vega-Lite chart, one per card, and
a page has up to 44 cards. In a browser those charts were half of what a page switch cost the client
(Children in care: 1.6 browser CPU seconds a switch with the charts, 0.7 without them,
bench/bench_client_cost.py),
which is what twenty people opening the dashboard together on modest laptops (and the load test, whose
browsers share the server's machine) wait for. A line needs no chart engine: this is a few hundred bytes
of SVG the browser paints at once. Suppressed or missing months are gaps (disclosure.md S9), never zeros;
a point with no neighbour is a dot.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from cscdash.charts.style import PALETTE

#: Drawing units: the SVG is stretched to the card's width (preserveAspectRatio="none"); the stroke keeps
#: its width whatever the stretch (vector-effect="non-scaling-stroke").
STEP, HEIGHT, PAD = 10.0, 40.0, 4.0


def _runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """The unbroken runs of (position, value): a None ends a run."""
    runs: list[list[tuple[int, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None or value != value:  # None or NaN: a gap
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((i, float(value)))
    return [run for run in runs if run]


def sparkline_svg(
    values: Sequence[float | None], label: str, colour: str = PALETTE["dark_blue"]
) -> str | None:
    """An SVG line of ``values`` (oldest first; None = a gap), scaled to their own range; None when fewer
    than two values are shown (no direction to see). ``label`` is its accessible name."""
    runs = _runs(values)
    shown = [v for run in runs for _, v in run]
    if len(shown) < 2:
        return None
    low, high = min(shown), max(shown)
    span = high - low

    def y(value: float) -> float:  # a flat series is drawn across the middle
        return HEIGHT / 2 if span == 0 else PAD + (high - value) / span * (HEIGHT - 2 * PAD)

    width = max(STEP * (len(values) - 1), STEP)
    stroke = f'fill="none" stroke="{colour}" stroke-width="2.5" vector-effect="non-scaling-stroke"'
    marks = []
    for run in runs:
        if len(run) == 1:  # a lone month between gaps: a dot (a zero-length line with round ends)
            x, value = run[0][0] * STEP, y(run[0][1])
            ends = f'x1="{x:g}" y1="{value:.2f}" x2="{x:g}" y2="{value:.2f}"'
            marks.append(f'<line {ends} {stroke} stroke-linecap="round"/>')
        else:
            points = " ".join(f"{i * STEP:g},{y(v):.2f}" for i, v in run)
            marks.append(f'<polyline points="{points}" {stroke} stroke-linejoin="round"/>')
    safe = escape(label)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {HEIGHT:g}" '
        f'preserveAspectRatio="none" role="img" aria-label="{safe}"><title>{safe}</title>'
        f"{''.join(marks)}</svg>"
    )
