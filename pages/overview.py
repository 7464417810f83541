"""Overview page."""

from cscdash.components import page_frame

page_frame("Overview")
