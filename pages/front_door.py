"""Front door page."""

from cscdash.components import page_frame

page_frame("Front door")
