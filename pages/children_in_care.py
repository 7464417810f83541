"""Children in care page."""

from cscdash.components import page_frame

page_frame("Children in care")
