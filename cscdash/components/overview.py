"""The Overview page: every headline indicator as a card grouped by service, what needs attention
listed first, and the distance travelled. The ordering and tables: :mod:`cscdash.overview`."""

from __future__ import annotations

import streamlit as st

from cscdash import board_sets, cache, indicator_summary
from cscdash.components.board import pack_button
from cscdash.components.cards import card_grid
from cscdash.components.frame import comparison_note, filters, month_choice, page_frame
from cscdash.navigation import in_navigation_order
from cscdash.overview import attention_order, attention_reasons, distance_travelled


def overview_page(title: str) -> None:
    """Every headline indicator as a card grouped by service; what needs attention listed first; the
    distance travelled over one and three years."""
    current = page_frame(title)
    catalogue = cache.catalogue()
    headlines = catalogue.headlines()
    ids = tuple(i.id for i in headlines)
    selection = filters(month_choice(current, ids), [])
    items = cache.card_facts(cache.database(current), ids, selection.period_end, current)
    st.caption(comparison_note(current))
    pack_button(current, selection.period_end, board_sets.HEADLINES, "overview")
    st.subheader("Needs attention")
    flagged = attention_order(items)
    if not flagged:
        st.success("No headline indicator is off target, flagged by SPC or much changed on last year.")
    st.markdown(_attention_list(flagged[:ATTENTION_SHOWN]))
    if len(flagged) > ATTENTION_SHOWN:
        with st.expander(f"{len(flagged) - ATTENTION_SHOWN} more flagged"):
            st.markdown(_attention_list(flagged[ATTENTION_SHOWN:]))
    titles = {p.key: p.title for p in catalogue.pages}
    for page in in_navigation_order(catalogue.pages):
        group = [f for f in items if f.indicator.page == page.key]
        if group:
            st.subheader(page.title)
            card_grid(group)
    st.subheader("Distance travelled")
    st.caption("Each headline figure now, a year before and three years before, judged by its polarity.")
    st.dataframe(distance_travelled(items, titles), hide_index=True, width="stretch")


#: How many flagged indicators the overview lists before "N more" (a board reads the first few).
ATTENTION_SHOWN = 5


def _attention_list(items: list[indicator_summary.Facts]) -> str:
    return "\n".join(
        f"- **{f.indicator.title}**: {f.text} ({f.period}) — {'; '.join(attention_reasons(f))}" for f in items
    )
