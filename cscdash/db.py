"""The DuckDB data layer: connections, the raw-table schema and (from the engine) the SQL views.

SQL lives in ``.sql`` files (``cscdash/extracts/raw_tables.sql``, ``queries/``); this module only
finds, reads and runs them. Connections never auto-install DuckDB extensions: nothing is fetched
from the network at run time.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

PACKAGE_DIR = Path(__file__).resolve().parent
RAW_TABLES_SQL = PACKAGE_DIR / "extracts" / "raw_tables.sql"

_NO_DOWNLOADS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (or create) a DuckDB database; ``None`` or ``":memory:"`` gives an in-memory one."""
    if path is None or str(path) == ":memory:":
        return duckdb.connect(":memory:", config=dict(_NO_DOWNLOADS))
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only, config=dict(_NO_DOWNLOADS))


def read_sql(path: str | Path) -> str:
    """The text of a ``.sql`` file."""
    return Path(path).read_text(encoding="utf-8")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every raw table, reference table and the load log if missing (idempotent)."""
    con.execute(read_sql(RAW_TABLES_SQL))


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the base tables in the main schema, sorted."""
    rel = con.table("information_schema.tables")
    rows = rel.filter("table_schema = 'main' and table_type = 'BASE TABLE'").project("table_name").fetchall()
    return sorted(r[0] for r in rows)
