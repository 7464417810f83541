"""Postcode centroids for placement distances: ``ref_postcode_sectors`` and ``ref_postcode_districts``.

SSDA903 gives the home and placement postcodes (full postcodes, sectors such as ``DT1 1`` or districts);
the DfE measures distances between them in miles. The app cannot geocode over the network, so the
centroid tables are derived at build time from the offline ONS Postcode Directory
(``data/reference/build_postcode_sectors.py``) and loaded here from the committed parquet files.
``reference.load_reference`` calls :func:`load_postcode_centroids`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from cscdash.db import read_sql
from cscdash.settings import REFERENCE_DIR

SQL_PATH = Path(__file__).resolve().parent / "reference_geo.sql"
SECTORS_FILE = "postcode_sectors.parquet"
DISTRICTS_FILE = "postcode_districts.parquet"


def load_postcode_centroids(con: duckdb.DuckDBPyConnection, reference_dir: Path = REFERENCE_DIR) -> list[str]:
    """(Re)create the two centroid tables from ``reference_dir``; returns the tables loaded.

    Nothing is loaded (and an empty list returned) when either parquet file is missing, so a partial
    checkout still builds the other reference tables.
    """
    sectors, districts = reference_dir / SECTORS_FILE, reference_dir / DISTRICTS_FILE
    if not (sectors.exists() and districts.exists()):
        return []
    params = {"sectors": str(sectors), "districts": str(districts)}
    for statement in _statements(read_sql(SQL_PATH)):
        # DuckDB binds parameters for one statement at a time; give each only the ones it uses
        con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})
    return ["ref_postcode_sectors", "ref_postcode_districts"]


def _statements(text: str) -> list[str]:
    """The ``;``-separated statements of a .sql file, comment lines dropped (the file holds no strings)."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    return [part.strip() for part in body.split(";") if part.strip()]
