"""Definitions: the Definitions page (every catalogue indicator, searchable) and the definition tab of
one indicator, each with the SQL view's header that computes the figure."""

from __future__ import annotations

import streamlit as st

from cscdash import cache, formatting, indicator_series
from cscdash.catalogue import Indicator
from cscdash.components.frame import page_frame
from cscdash.navigation import in_navigation_order
from cscdash.settings import Settings


def definitions_page(title: str) -> None:
    """Every catalogue indicator's definition, searchable, with the SQL header that computes it."""
    current = page_frame(title)
    catalogue = cache.catalogue()
    query = st.text_input("Search the definitions", key="definition-search", placeholder="e.g. re-referral")
    headers = cache.view_headers(cache.database(current))
    words = query.lower().split()
    shown = 0
    for page in in_navigation_order(catalogue.pages):
        matches = [
            ind
            for ind in page.indicators
            if all(w in _searchable(ind, headers.get(ind.id, "")) for w in words)
        ]
        if not matches:
            continue
        st.subheader(page.title)
        for ind in matches:
            shown += 1
            with st.expander(f"{ind.title} ({ind.id})"):
                st.markdown(definition_markdown(ind))
                if headers.get(ind.id):
                    st.caption("How the figure is computed (the SQL view's header):")
                    st.code(headers[ind.id], language="text")
    st.caption(f"{shown} of {len(catalogue.ids())} indicators shown.")


def _searchable(ind: Indicator, header: str) -> str:
    return " ".join(
        [ind.id, ind.title, ind.definition, ind.numerator, ind.denominator or "", ind.source_return, header]
    ).lower()


def definition_panel(ind: Indicator, current: Settings) -> None:
    """The catalogue definition beside the SQL view's header, so the board reads what computes the figure."""
    st.markdown(definition_markdown(ind))
    header = cache.view_headers(cache.database(current)).get(ind.id)
    if header:
        st.caption("How the figure is computed (the SQL view's header):")
        st.code(header, language="text")


def definition_markdown(ind: Indicator) -> str:
    """The definition panel's text."""
    lines = [
        f"**{ind.title}** (`{ind.id}`)",
        "",
        ind.definition,
        "",
        f"- **Counted (numerator):** {ind.numerator}",
    ]
    if ind.denominator:
        lines.append(f"- **Out of (denominator):** {ind.denominator}")
    polarity = {
        "higher_is_better": "higher is better",
        "lower_is_better": "lower is better",
        "neutral": "neither higher nor lower is better",
        "band": "best inside a range" + (f" ({ind.band.lower:g} to {ind.band.upper:g})" if ind.band else ""),
    }[ind.polarity]
    lines += [
        f"- **Unit:** {formatting.unit_of(ind.unit).axis_title.lower()}; {polarity}",
        f"- **Period:** {_period_kind(ind)}",
        f"- **Source:** {ind.source_return}",
        f"- **Published comparator:** {ind.benchmark_measure or 'none'}",
    ]
    if ind.notes:
        lines.append(f"- **Notes:** {ind.notes}")
    return "\n".join(lines)


def _period_kind(ind: Indicator) -> str:
    return indicator_series.period_description(ind)
