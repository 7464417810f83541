"""Hand-worked indicator cases: ``tests/cases/<indicator_id>.yml`` run against the real SQL views.

A case file is YAML with these keys (the format suits every page's indicators, not only this one's):

``indicator``   optional; the view to read (defaults to the file stem, which is the indicator id).
``la_code``     optional; the LA code filled into every given row without one (default: the demo's).
``given``       raw table name -> list of rows. Columns are the raw table's own (statutory) names, any
                case; a column left out is null. ``ref_bank_holidays`` is preloaded from
                data/reference/bank_holidays.csv unless the case gives its own rows.
``expected``    list of rows of the view, matched on ``period_end`` plus ``breakdown`` and
                ``breakdown_value`` (both default to ``all``) and ``la_code`` (default: the
                case's). Each of ``numerator``, ``denominator``,
                ``value`` that is present is compared (null means null), with ``tolerance`` (default
                0.05, so a hand-worked 33.3 matches 33.333...). ``reason`` is compared with
                ``value_note``. Any other keys (extra view columns such as ``lower_quartile``) are
                compared too.
``absent``      optional list of {period_end, breakdown, breakdown_value} rows that must not exist.
``tolerance``   optional, for the whole file.

The arithmetic goes in YAML comments next to each expected row: the expected values are worked by
hand from the given rows, never copied from the view's output.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import yaml

from cscdash import db, reference
from cscdash.settings import DEMO_LA_CODE, QUERIES_DIR

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"
MATCH_KEYS = ("la_code", "period_end", "breakdown", "breakdown_value")
CONTRACT = (
    "la_code",
    "period_start",
    "period_end",
    "numerator",
    "denominator",
    "value",
    "breakdown",
    "breakdown_value",
    "value_note",
)


@dataclass
class Case:
    """One parsed case file."""

    path: Path
    indicator: str
    la_code: str
    given: dict[str, list[dict[str, Any]]]
    expected: list[dict[str, Any]]
    absent: list[dict[str, Any]] = field(default_factory=list)
    tolerance: float = 0.05


def load_case(path: Path) -> Case:
    """Parse one case file; a malformed file fails with its name and the key at fault."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: a case file is a mapping")
    unknown = set(data) - {"indicator", "la_code", "given", "expected", "absent", "tolerance", "description"}
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
    if not data.get("expected"):
        raise ValueError(f"{path.name}: 'expected' must list at least one row")
    return Case(
        path=path,
        indicator=data.get("indicator", path.stem),
        la_code=data.get("la_code", DEMO_LA_CODE),
        given=data.get("given") or {},
        expected=list(data["expected"]),
        absent=list(data.get("absent") or []),
        tolerance=float(data.get("tolerance", 0.05)),
    )


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], la_code: str) -> None:
    """Insert ``rows`` into raw table ``table`` by column name (any case); missing columns are null."""
    rel = con.table(table)
    columns = {c.lower(): c for c in rel.columns}
    for i, row in enumerate(rows, start=1):
        lowered = {str(k).lower(): v for k, v in row.items()}
        unknown = set(lowered) - set(columns)
        if unknown:
            raise ValueError(f"{table} row {i}: no such column(s) {sorted(unknown)}")
        if "la_code" in columns and lowered.get("la_code") is None and table != "ref_bank_holidays":
            lowered["la_code"] = la_code
        rel.insert([lowered.get(c) for c in columns])


def build_case_database(
    case: Case, materialise: bool = False, queries_dir: Path = QUERIES_DIR
) -> duckdb.DuckDBPyConnection:
    """An in-memory database holding the case's given rows and every view (of ``queries_dir``)."""
    con = db.connect()
    db.ensure_schema(con)
    reference.load_reference(con)
    for table, rows in case.given.items():
        if table == "ref_bank_holidays":
            con.execute(db.read_sql(Path(__file__).with_name("clear_bank_holidays.sql")))
        insert_rows(con, table, rows or [], case.la_code)
    db.build_views(con, queries_dir, materialise=materialise, only=[case.indicator])
    return con


def _same(expected: Any, actual: Any, tolerance: float) -> bool:
    if expected is None or actual is None:
        return expected is None and (actual is None or (isinstance(actual, float) and math.isnan(actual)))
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return isinstance(actual, (int, float)) and math.isclose(
            float(actual), float(expected), abs_tol=tolerance
        )
    return expected == actual


def _key(row: dict[str, Any], la_code: str) -> tuple[Any, ...]:
    period_end = row["period_end"]
    if isinstance(period_end, str):
        period_end = date.fromisoformat(period_end)
    return (
        row.get("la_code") or la_code,
        period_end,
        row.get("breakdown", "all"),
        str(row.get("breakdown_value", "all")),
    )


def check_case(case: Case, materialise: bool = False, queries_dir: Path = QUERIES_DIR) -> list[str]:
    """Differences between the view and the case's expected rows (empty when the case passes)."""
    con = build_case_database(case, materialise=materialise, queries_dir=queries_dir)
    rel = con.table(case.indicator)
    missing = [c for c in CONTRACT if c not in rel.columns]
    problems = [f"view lacks contract column(s) {missing}"] if missing else []
    names = rel.columns
    rows = {}
    for values in rel.fetchall():
        row = dict(zip(names, values, strict=True))
        rows[_key(row, case.la_code)] = row
    for exp in case.expected:
        key = _key(exp, case.la_code)
        actual = rows.get(key)
        if actual is None:
            problems.append(f"no row for {key}")
            continue
        for name, want in exp.items():
            if name in MATCH_KEYS:
                continue
            column = "value_note" if name == "reason" else name
            if not _same(want, actual.get(column), case.tolerance):
                problems.append(f"{key} {column}: expected {want!r}, got {actual.get(column)!r}")
    for gone in case.absent:
        if _key(gone, case.la_code) in rows:
            problems.append(f"row {_key(gone, case.la_code)} should not exist")
    con.close()
    return problems


def case_files() -> list[Path]:
    """Every case file, sorted."""
    return sorted(CASES_DIR.glob("*.yml"))
