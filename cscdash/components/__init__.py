"""Streamlit building blocks that pages lay out. With ``cscdash/cache.py``, the only code that imports
streamlit; pages import only this package (the names below) and hold no SQL, arithmetic or Plotly calls.

Where to look:

``frame.py``         the frame of every page (title, synthetic banner, data-as-at line, LA picker) and the
                     sidebar's month and breakdown filters (:class:`Selection`)
``cards.py``         indicator cards, the card grid, the RAG badge and the SPC icons
``explore.py``       a service page: its cards, then one chosen indicator's panels in tabs
``panels.py``        the trend, SPC, breakdown and benchmark panels, each a chart with its table and CSV
``definitions.py``   the Definitions page and the definition tab
``targets.py``       the target tab (change a target) and the audit log of target changes
``data_quality.py``  the Data quality page: coverage, load log, warnings, field completeness, upload
``overview.py``      the Overview page and its "Needs attention" list, and the board pack button
``commentary.py``    the commentary tab (what's going well / worried about / doing about it)
``board.py``         the quarterly scorecard page, exception reports and approvals, the board pack button
``present.py``       present mode: one indicator per screen for a meeting
``child_list.py``    the children behind a figure (an indicator's Children tab), audited downloads
``my_teams.py``      the "My teams" page: exception lists by team and worker
``partnership.py``   the "Partnership" page: every loaded authority side by side, the pooled total's SPC
``identity.py``      sign-in and the role of the session
"""

from cscdash.components.board import scorecard_page
from cscdash.components.cards import indicator_card
from cscdash.components.child_list import list_audit_log
from cscdash.components.data_quality import (
    coverage_table,
    field_completeness,
    load_log,
    load_warnings,
    upload_extracts,
)
from cscdash.components.definitions import definition_panel, definitions_page
from cscdash.components.explore import service_page, service_page_for
from cscdash.components.frame import SYNTHETIC_BANNER, Selection, page_frame, visible_pages
from cscdash.components.my_teams import my_teams_page
from cscdash.components.overview import overview_page
from cscdash.components.panels import benchmark_panel, breakdown_panel, spc_panel, trend_panel
from cscdash.components.partnership import partnership_page
from cscdash.components.present import present_page
from cscdash.components.targets import target_audit_log, target_editor

__all__ = [
    "SYNTHETIC_BANNER",
    "Selection",
    "benchmark_panel",
    "breakdown_panel",
    "coverage_table",
    "definition_panel",
    "definitions_page",
    "field_completeness",
    "indicator_card",
    "load_log",
    "list_audit_log",
    "load_warnings",
    "my_teams_page",
    "overview_page",
    "page_frame",
    "partnership_page",
    "present_page",
    "scorecard_page",
    "service_page",
    "service_page_for",
    "spc_panel",
    "target_audit_log",
    "target_editor",
    "trend_panel",
    "upload_extracts",
    "visible_pages",
]
