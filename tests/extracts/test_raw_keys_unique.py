"""The loader's promise the staging views stand on: every raw table holds one row per natural key.

``stg_cin__child`` and ``stg_local__child_attributes`` no longer de-duplicate with a window (at 150
authorities that cost seconds of every build and removed nothing), because the loader keeps one row per
(la_code, key), the latest return's (``store.plan_changes``). This holds it to that on the demo, whose
six CIN censuses and 903 returns repeat most children year after year.
"""

from __future__ import annotations

import duckdb
import pytest

from cscdash import db
from cscdash.extracts import returns


def _keyed_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Raw table -> its key columns as stored (la_code first where the table has one)."""
    keyed = {}
    for table in db.table_names(con):
        try:
            key = returns.table_key(table)
        except KeyError:
            continue  # not a raw table of a return or local source (reference, bookkeeping, stored views)
        stored = {c.lower(): c for c in con.table(table).columns}
        columns = [stored[c.lower()] for c in key]
        keyed[table] = (["la_code"] if "la_code" in stored else []) + columns
    return keyed


def _rows_and_keys(rel: duckdb.DuckDBPyRelation, key: list[str]) -> tuple[int, int]:
    """The table's rows and its distinct keys."""
    rows = rel.aggregate("count(*)").fetchall()[0][0]
    keys = rel.project(", ".join(f'"{c}"' for c in key)).distinct().aggregate("count(*)").fetchall()[0][0]
    return rows, keys


def test_every_raw_table_has_one_row_per_key(demo_env: dict[str, str]) -> None:
    con = db.connect(demo_env["CSCDASH_DB"], read_only=True)
    try:
        keyed = _keyed_tables(con)
        # the two tables whose staging relies on it, and the multi-year ones, must be among those checked
        assert {"cin_child", "local_child_attributes", "cin_details", "ssda903_episodes"} <= set(keyed)
        repeated = {}
        for table, key in keyed.items():
            rows, keys = _rows_and_keys(con.table(table), key)
            if rows != keys:
                repeated[table] = rows - keys
        # the demo loads several years of each: a loader that appended a return's rows would repeat keys
        assert con.table("cin_child").aggregate("count(distinct collection_year)").fetchall()[0][0] > 1
    finally:
        con.close()
    assert repeated == {}, f"raw tables with repeated keys (extra rows): {repeated}"


@pytest.mark.parametrize("table", ["cin_child", "local_child_attributes"])
def test_a_repeated_key_would_be_seen(table: str, tmp_path) -> None:
    """The check above can fail: a second row for a child is counted as a repeated key."""
    con = db.connect(tmp_path / "x.duckdb")
    try:
        db.ensure_schema(con)
        key = _keyed_tables(con)[table]
        rel = con.table(table)
        row = {c: None for c in rel.columns} | {k: "A" for k in key} | {"la_code": "E06999999"}
        for _ in range(2):
            rel.insert([row[c] for c in rel.columns])
        assert _rows_and_keys(rel, key) == (2, 1)
    finally:
        con.close()
