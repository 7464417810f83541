"""Put the shipped benchmarks into DuckDB and build the comparator view over them.

``install(con)`` is idempotent: it replaces ``ref_benchmarks`` and ``ref_statistical_neighbours`` and
(re)creates the view ``ref_benchmark_comparators`` (queries/reference/ref_benchmark_comparators.sql),
so the app's database and the command line see the same numbers. ``comparator_frame()`` runs the
view once per process in an in-memory database for callers with no database at hand (the CLI, tests).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from cscdash.benchmarks import files
from cscdash.db import connect, read_sql
from cscdash.settings import QUERIES_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
INSTALL_SQL = PACKAGE_DIR / "install_tables.sql"
VIEW_SQL = QUERIES_DIR / "reference" / "ref_benchmark_comparators.sql"
VIEW_NAME = "ref_benchmark_comparators"


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Load the shipped benchmark files into ``con`` and create the comparator view."""
    published = files.published()
    neighbours = pd.concat([files.neighbours(m) for m in files.SN_MODELS], ignore_index=True)
    con.register("benchmarks_published_df", published)
    con.register("benchmarks_neighbours_df", neighbours)
    try:
        con.execute(read_sql(INSTALL_SQL))
    finally:
        con.unregister("benchmarks_published_df")
        con.unregister("benchmarks_neighbours_df")
    con.execute(read_sql(VIEW_SQL))


@lru_cache(maxsize=1)
def _comparators() -> pd.DataFrame:
    con = connect(None)
    try:
        install(con)
        return con.table(VIEW_NAME).df()
    finally:
        con.close()


def comparator_frame() -> pd.DataFrame:
    """Every row of ``ref_benchmark_comparators`` (a copy), computed once per process."""
    return _comparators().copy()
