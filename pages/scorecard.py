"""Quarterly scorecard page: the scrutiny layout, exception reports, and the board pack."""

from cscdash.components import scorecard_page

scorecard_page("Quarterly scorecard")
