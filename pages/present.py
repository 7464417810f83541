"""Present mode: one indicator per screen for screen-sharing in a meeting (arrow keys step through)."""

from cscdash.components import present_page

present_page("Present mode")
