"""Streamlit building blocks that pages lay out. The other module allowed to import streamlit.

Pages hold no SQL, arithmetic or Plotly calls: they call these components.
"""

from __future__ import annotations

import streamlit as st

from cscdash import cache
from cscdash.settings import DEMO_LA_NAME, Settings

SYNTHETIC_BANNER = (
    "**SYNTHETIC DATA** — Wessex Vale Council is a fictional authority. Every child, worker and figure "
    "on this page is made up by the demo generator; no real child's data is shown."
)


def page_frame(title: str) -> Settings:
    """The frame every page starts with: the demo check, the title, the synthetic banner and the
    data-as-at line. Returns the settings the page should use."""
    current = cache.settings()
    cache.ensure_database(current)
    st.title(title)
    if current.is_demo:
        st.warning(SYNTHETIC_BANNER, icon=":material/science:")
    st.caption(_as_at_line(current))
    return current


def _as_at_line(current: Settings) -> str:
    """'Wessex Vale Council (synthetic data) · data to 31 Oct 2026 · loaded 23 Nov 2026 14:50 · board mode'."""
    data_month_end, last_load = cache.data_as_at(str(current.db_path), current.la_code)
    la_name = DEMO_LA_NAME if current.is_demo else current.la_code
    parts = [la_name]
    parts.append(f"data to {data_month_end:%-d %b %Y}" if data_month_end else "no data loaded yet")
    if last_load:
        parts.append(f"extracts loaded {last_load:%-d %b %Y %H:%M}")
    mode = current.display_mode
    parts.append(f"{mode} mode" + (f" (counts 1-{current.suppression_threshold} suppressed)"
                                   if mode != "internal" else " (small numbers shown)"))
    return " · ".join(parts)
