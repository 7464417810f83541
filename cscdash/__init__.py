"""cscdash: a performance dashboard for children's social care in English local authorities.

Child-level extracts in the statutory layouts are loaded into DuckDB (``cscdash.extracts``), SQL views
in ``queries/`` compute every indicator for every month end, and Streamlit pages show them.
"""

__version__ = "0.1.0"
