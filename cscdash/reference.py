"""Reference tables shipped in ``data/reference``: bank holidays, population, LA codes, postcode centroids.

The indicator views read them as ``ref_*`` tables (working days, rates per 10,000, LA names), so they
are loaded into DuckDB from the committed CSV files rather than fetched: nothing is downloaded at run
time. A file that is not there yet leaves its table as it was.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from cscdash import reference_geo
from cscdash.db import ensure_schema, read_sql
from cscdash.settings import REFERENCE_DIR

SQL_DIR = Path(__file__).resolve().parent / "reference_sql"

#: table -> (CSV file in data/reference, the .sql file that replaces the table's rows from it)
REFERENCE_FILES = {
    "ref_bank_holidays": ("bank_holidays.csv", "load_bank_holidays.sql"),
    "ref_population": ("population.csv", "load_population.sql"),
    "ref_la": ("la_codes.csv", "load_la_codes.sql"),
}


def load_reference(con: duckdb.DuckDBPyConnection, reference_dir: Path = REFERENCE_DIR) -> list[str]:
    """Fill the ``ref_*`` tables from the CSV files that exist; returns the tables loaded."""
    ensure_schema(con)
    loaded = []
    for table, (file_name, sql_name) in REFERENCE_FILES.items():
        path = reference_dir / file_name
        if not path.exists():
            continue
        con.begin()
        try:
            con.execute(read_sql(SQL_DIR / sql_name), {"path": str(path)})
            con.commit()
        except duckdb.Error:
            con.rollback()
            raise
        loaded.append(table)
    loaded += reference_geo.load_postcode_centroids(con, reference_dir)
    return loaded
