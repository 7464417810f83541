"""``python -m cscdash indicators``: every catalogue indicator's figures from the database.

Prints ``indicator_id, la_code, period_end, numerator, denominator, value`` for the 'all' row of each
catalogue indicator (breakdowns stay in the app and the exports), for every month end or one
``--period-end``, for every LA or one ``--la``. The database is only read (a load builds the views, with
the bank holidays and population they need); a database without them is refused with the command that
builds them. Rows are read with DuckDB's relational API, so no SQL text lives here.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TextIO

import duckdb
from duckdb import ColumnExpression, ConstantExpression

from cscdash import db
from cscdash.catalogue import Catalogue, load_catalogue

COLUMNS = ("indicator_id", "la_code", "period_end", "numerator", "denominator", "value")


def missing_views(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> list[str]:
    """Catalogue indicators the database has no view for."""
    present = db.relation_kinds(con)
    return [i for i in catalogue.ids() if i not in present]


def indicator_rows(
    con: duckdb.DuckDBPyConnection,
    catalogue: Catalogue,
    period_end: date | None = None,
    la_code: str | None = None,
) -> list[tuple]:
    """(indicator_id, la_code, period_end, numerator, denominator, value) for each indicator's 'all' row."""
    rows: list[tuple] = []
    for indicator_id in catalogue.ids():
        condition = ColumnExpression("breakdown") == ConstantExpression("all")
        if period_end is not None:
            condition = condition & (ColumnExpression("period_end") == ConstantExpression(period_end))
        if la_code is not None:
            condition = condition & (ColumnExpression("la_code") == ConstantExpression(la_code))
        rel = (
            con.table(indicator_id)
            .filter(condition)
            .select(
                ConstantExpression(indicator_id).alias("indicator_id"),
                ColumnExpression("la_code"),
                ColumnExpression("period_end"),
                ColumnExpression("numerator"),
                ColumnExpression("denominator"),
                ColumnExpression("value"),
            )
            .order("la_code, period_end")
        )
        rows.extend(rel.fetchall())
    return rows


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4)
    return value


def write_rows(rows: Iterable[tuple], fmt: str, out: TextIO) -> None:
    """Write rows as CSV (with a header) or as a JSON list of objects."""
    if fmt == "json":
        json.dump([dict(zip(COLUMNS, map(_plain, row), strict=True)) for row in rows], out, indent=1)
        out.write("\n")
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if v is None else _plain(v) for v in row])


def run_indicators(args: argparse.Namespace) -> int:
    """The ``indicators`` command; returns the exit code (1 when there is no database)."""
    path = Path(args.db)
    if not path.exists():
        print(
            f"No database at {path}: run `python -m cscdash demo` or `python -m cscdash load` first.",
            file=sys.stderr,
        )
        return 1
    catalogue = load_catalogue()
    con = db.connect(path, read_only=True)
    try:
        missing = missing_views(con, catalogue)
        if missing:
            print(
                f"{path} has no indicator views ({len(missing)} missing, e.g. {missing[0]}): it was not "
                f"made by `python -m cscdash load`. Run `python -m cscdash rebuild --db {path}` to build "
                "them.",
                file=sys.stderr,
            )
            return 1
        rows = indicator_rows(con, catalogue, args.period_end, args.la)
    finally:
        con.close()
    write_rows(rows, args.format, sys.stdout)
    return 0
