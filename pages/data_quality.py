"""Data quality page: what the loaded returns cover, what was loaded, what the checks said, how complete
the key fields are, the target audit log (and, for an administrator, who opened which children), and an
upload that loads a council's own files the way `python -m cscdash load` does."""

import streamlit as st

from cscdash import components

current = components.page_frame("Data quality")
st.subheader("What the loaded returns cover")
components.coverage_table(current)
st.subheader("Load log")
components.load_log(current)
components.load_warnings(current)
st.subheader("Completeness of key fields")
components.field_completeness(current)
st.subheader("Target changes (audit log)")
components.target_audit_log(current)
components.list_audit_log(current)
components.upload_extracts(current)
