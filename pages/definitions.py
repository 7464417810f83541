"""Definitions page: every catalogue indicator, searchable, with the SQL header that computes it."""

from cscdash.components import definitions_page

definitions_page("Definitions")
