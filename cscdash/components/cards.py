"""Indicator cards: the figure, its period and changes, the SPC icons and the RAG badge, laid out in a
grid. Every judgement on a card comes from :mod:`cscdash.indicator_summary`; this only draws it."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable

import streamlit as st

from cscdash import charts, child_lists, disclosure, formatting, indicator_summary, targets
from cscdash.catalogue import Page

_RAG_STYLE = {
    "green": ("#00703C", "#FFFFFF"),
    "amber": ("#FFDD00", "#0B0C0C"),
    "red": ("#D4351C", "#FFFFFF"),
    "grey": ("#F3F2F1", "#0B0C0C"),
}
_JUDGEMENT_COLOUR = {"better": "green", "worse": "red"}


def _delta(change: formatting.Change, against: str = "last month") -> tuple[str | None, str, str]:
    """(delta text, colour, arrow) for st.metric: 'down 0.3 points, worse'. The words say better or
    worse, so the colour is never the only signal; 'on last month' (or 'on last year') goes in
    the delta's description."""
    if change.judgement == "not_judged" and change.text.startswith("no comparison"):
        return None, "off", "off"
    words = {"better": ", better", "worse": ", worse"}.get(change.judgement, "")
    text = change.text.removesuffix(f" on {against}").replace(" points", " pts")
    arrow = "up" if text.startswith("up") else "down" if text.startswith("down") else "off"
    return text + words, _JUDGEMENT_COLOUR.get(change.judgement, "gray"), arrow


def rag_badge_html(rag: targets.Rag) -> str:
    """The RAG rating as a coloured pill with its symbol and words (never colour alone)."""
    background, text = _RAG_STYLE.get(rag.status, _RAG_STYLE["grey"])
    return (
        f'<span title="{html.escape(rag.detail)}" style="background:{background};color:{text};'
        f'border:1px solid #B1B4B6;border-radius:4px;padding:2px 8px;font-size:15px;white-space:nowrap">'
        f"{html.escape(rag.symbol)} {html.escape(rag.label)}</span>"
    )


def _svg_img(svg: str, label: str, style: str = "width:34px;height:34px") -> str:
    """An inline SVG as an <img> (st.html sanitises bare <svg>), with its label as alt text."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    safe = html.escape(label)
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{safe}" title="{safe}" style="{style}">'


def _icons_html(f: indicator_summary.Facts) -> str:
    """The SPC icons (only where the catalogue lists SPC and it could run) and the RAG badge."""
    parts = ['<div style="display:flex;gap:8px;align-items:center;flex-wrap:wrap;font-size:15px">']
    if f.spc_shown:
        parts.append(_svg_img(charts.variation_icon_svg(f.variation, size=34), f.variation_label))
    if f.spc_shown and f.assurance and f.assurance_label:
        parts.append(_svg_img(charts.assurance_icon_svg(f.assurance, size=34), f.assurance_label))
    if f.rag.status != "grey":
        parts.append(rag_badge_html(f.rag))
    parts.append("</div>")
    return "".join(parts)


def indicator_card(
    f: indicator_summary.Facts,
    reasons: list[str] | None = None,
    on_children: Callable[[str], None] | None = None,
) -> None:
    """One indicator as a board reads it: title, value (n of N), period, changes, SPC icons, RAG.
    ``on_children``: for someone who may see children, a button opening the children behind it."""
    with st.container(border=True):
        # the title as markdown, not the metric's label: a label is cut to one line, a board title is not
        st.markdown(f"**{f.indicator.title}**", help=f.indicator.definition)
        delta, colour, arrow = _delta(f.vs_previous, f.previous_label)
        st.metric(
            f.indicator.title,
            f.text,
            delta=delta,
            delta_color=colour,
            delta_arrow=arrow,
            delta_description=f"on {f.previous_label}" if delta else None,
            label_visibility="collapsed",
        )
        # the last 24 months (years for an annual figure) as a small line: direction seen before it is read
        # (a suppressed or missing month is a gap); a static SVG, not st.metric's chart (charts/sparkline.py)
        span = "years" if f.indicator.is_annual else "months"
        label = f"Trend of the last {len(f.sparkline)} {span}"
        trend = charts.sparkline_svg(f.sparkline, label)
        if trend is not None:
            st.html(_svg_img(trend, label, style="width:100%;height:40px;display:block"))
        detail = [f.n_of_n] if f.n_of_n else []
        detail.append(f.period)
        if f.marker == formatting.LOW_RELIABILITY:
            detail.append("u = low reliability (fewer than 30 children)")
        if f.text == formatting.SUPPRESSED:
            detail.append(disclosure.footnotes([formatting.SUPPRESSED])[0])
        elif f.note:
            detail.append(f"not available: {f.note}")
        st.caption(" · ".join(detail))
        if f.value is not None:
            if not f.indicator.is_annual:  # an annual figure's delta already compares with the year before
                year_words = {"better": " (better)", "worse": " (worse)"}.get(f.vs_year.judgement, "")
                st.caption(f"{f.vs_year.text.capitalize()}{year_words}")
            if f.spc_shown or f.rag.status != "grey":
                st.html(_icons_html(f))
        for reason in reasons or []:
            st.caption(f"Flagged: {reason}")
        if on_children is not None and child_lists.entry_for(f.indicator.id) is not None:
            st.button(
                "Children behind this figure",
                icon=":material/group:",
                type="tertiary",
                key=f"children-of-{f.indicator.id}",
                on_click=on_children,
                args=(f.indicator.id,),
            )


def section_summary(items: list[indicator_summary.Facts]) -> str:
    """One line for a section's heading: '3 of 9 off target; 1 with a special-cause signal'."""
    off = sum(f.rag.status in (targets.AMBER, targets.RED) for f in items)
    with_target = sum(f.rag.status != targets.GREY or f.rag.label == "No value" for f in items)
    special = sum(f.special_cause for f in items)
    parts = ["no target set"]
    if with_target:
        untargeted = len(items) - with_target
        parts = [
            f"{off} of {with_target} off target" + (f" ({untargeted} without a target)" if untargeted else "")
        ]
    parts.append(f"{special} with a special-cause signal" if special else "no special-cause signal")
    return "; ".join(parts)


def sections(
    page: Page,
    items: list[indicator_summary.Facts],
    columns: int = 3,
    on_children: Callable[[str], None] | None = None,
) -> None:
    """A page's cards in its catalogue sections: a heading, its one-line summary, then the cards."""
    by_id = {f.indicator.id: f for f in items}
    for section in page.sections:
        group = [by_id[i] for i in section.indicator_ids if i in by_id]
        if not group:
            continue
        if section.title:
            st.subheader(section.title, divider="gray")
        st.caption(section_summary(group))
        card_grid(group, columns, on_children)


def card_grid(
    items: list[indicator_summary.Facts],
    columns: int = 3,
    on_children: Callable[[str], None] | None = None,
) -> None:
    """Cards in rows of ``columns``."""
    for start in range(0, len(items), columns):
        row = st.columns(columns, gap="small")
        for column, f in zip(row, items[start : start + columns], strict=False):
            with column:
                indicator_card(f, on_children=on_children)
