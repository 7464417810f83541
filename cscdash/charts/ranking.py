"""The partnership ranking: every loaded authority's figure for one month as horizontal bars, best first,
the user's own authority in dark blue, and the partnership total and the published England and region
figures as bars of their own set into the order where they fall (so a board sees at a glance who is
above England). Suppressed authorities are hatched stubs labelled ``c`` at the bottom."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from cscdash.charts.style import (
    OTHER_BAR,
    PALETTE,
    attach_table,
    base_figure,
    horizontal_bar_axes,
    suppressed_stubs,
)
from cscdash.disclosure import footnotes
from cscdash.formatting import SUPPRESSED, format_value

#: Colours of the reference bars: the partnership total, England, the region.
TOTAL_BAR = PALETTE["turquoise"]
ENGLAND_BAR = PALETTE["dark_grey"]
REGION_BAR = "#8C8C8C"


def ranking_chart(
    data: pd.DataFrame,
    unit: str,
    title: str,
    references: Sequence[tuple[str, float, str]] = (),
    subtitle: str | None = None,
) -> go.Figure:
    """Horizontal bars, best first as ``data`` is ordered (``la_name, shown_value, suppressed, own,
    rank``: :func:`cscdash.partnership.ranked`), with ``references`` (label, value, kind = 'total',
    'england' or 'region') placed among them by value in the same direction."""
    shown = data[~data["suppressed"].astype(bool) & data["shown_value"].notna()]
    hidden = data[data["suppressed"].astype(bool)]
    rows = [
        {
            "label": _label(r.la_name, r.rank, r.own),
            "name": r.la_name,
            "value": float(r.shown_value),
            "kind": "own" if r.own else "authority",
        }
        for r in shown.itertuples()
    ]
    descending = _descending(shown)
    for label, value, kind in references:
        rows.append({"label": f"<i>{label}</i>", "name": label, "value": float(value), "kind": kind})
    bars = pd.DataFrame(rows, columns=["label", "name", "value", "kind"])
    bars = bars.sort_values("value", ascending=not descending, kind="stable") if len(bars) else bars
    order = list(bars["label"]) + [
        _label(n, None, o) for n, o in zip(hidden["la_name"], hidden["own"], strict=True)
    ]
    fig = base_figure(title, unit, subtitle, height=max(300, 110 + 46 * len(order)))
    colours = {
        "own": PALETTE["dark_blue"],
        "authority": OTHER_BAR,
        "total": TOTAL_BAR,
        "england": ENGLAND_BAR,
        "region": REGION_BAR,
    }
    fig.add_trace(
        go.Bar(
            y=bars["label"],
            x=bars["value"],
            orientation="h",
            marker={"color": [colours[k] for k in bars["kind"]]},
            text=[format_value(v, unit) for v in bars["value"]],
            textposition="outside",
            textfont={"size": 16},
            cliponaxis=False,
            customdata=bars["name"],
            hovertemplate="%{customdata}: %{text}<extra></extra>",
        )
    )
    if not hidden.empty:
        top = float(bars["value"].max()) if len(bars) and bars["value"].max() > 0 else 1.0
        fig.add_trace(suppressed_stubs(order[len(bars) :], 0.03 * top))
    horizontal_bar_axes(fig, order, unit, label_gap="  ")
    fig.update_layout(bargap=0.25, margin={"r": 90})
    attach_table(
        fig, _table(data, references, unit), unit, footnotes([SUPPRESSED] if not hidden.empty else [])
    )
    return fig


def _descending(shown: pd.DataFrame) -> bool:
    """True when the authorities run from the highest value down (rank 1 has the highest)."""
    if len(shown) < 2:
        return True
    first, last = shown["shown_value"].iloc[0], shown["shown_value"].iloc[-1]
    return bool(first >= last)


def _label(name: str, rank: object, own: bool) -> str:
    """'1. Wessex Vale Council (your authority)' in bold for the user's own authority."""
    text = f"{int(rank)}. {name}" if rank is not None and not pd.isna(rank) else name
    return f"<b>{text} (your authority)</b>" if own else text


def _table(data: pd.DataFrame, references: Sequence[tuple[str, float, str]], unit: str) -> pd.DataFrame:
    """The chart's table: each authority with its rank and n of n, then the reference figures."""
    rows = [
        {
            "rank": "" if pd.isna(r.rank) else str(int(r.rank)),
            "authority": r.la_name + (" (your authority)" if r.own else ""),
            "value": None if r.suppressed else r.shown_value,
            "shown": r.text,
            "numerator": None if r.suppressed else r.shown_numerator,
            "denominator": None if r.suppressed else r.shown_denominator,
        }
        for r in data.itertuples()
    ]
    rows += [
        {"rank": "", "authority": label, "value": value, "shown": format_value(value, unit)}
        for label, value, _ in references
    ]
    return pd.DataFrame(rows, columns=["rank", "authority", "value", "shown", "numerator", "denominator"])
