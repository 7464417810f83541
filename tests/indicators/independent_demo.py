"""A generated demo authority for the independent March cross-checks (children in care, care leavers,
workforce): the extract files on disk, read by the tests with plain pandas, and a database built from
the same files through the loaders and the SQL views. Generated once per test session (about a minute).
"""

from __future__ import annotations

import functools
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from cscdash import db, reference
from cscdash.extracts.loader import load_paths
from cscdash.settings import DEMO_LA_CODE
from cscdash.synthetic.generate import generate

END_MONTH = date(2025, 9, 30)
MARCH = date(2025, 3, 31)


@dataclass(frozen=True)
class Demo:
    """Where the demo's extract files are, and an open database built from them."""

    extracts: Path
    con: duckdb.DuckDBPyConnection


@functools.cache
def demo() -> Demo:
    """Generate, load and build once; later calls return the same Demo."""
    root = Path(tempfile.mkdtemp(prefix="cla_independent_"))
    extracts = generate(root / "demo", seed=1, end_month=END_MONTH)[0]
    con = db.connect(root / "demo.duckdb")
    paths = [
        extracts / "ssda903",
        extracts / "csww",
        extracts / "local" / "workforce_monthly_SYNTHETIC.csv",
        extracts / "population_SYNTHETIC.csv",
    ]
    result = load_paths(con, [p for p in paths if p.exists()], la_code=DEMO_LA_CODE, as_at=END_MONTH)
    assert result.ok, [str(p) for p in result.problems][:5]
    reference.load_reference(con)
    db.build_views(con, materialise=True)
    return Demo(extracts, con)


def read_ssda903(extracts: Path, table: str) -> pd.DataFrame:
    """Every year's ``<table>_*.csv`` with its collection_year (folder 2024-25 -> 2025), dates parsed."""
    frames = []
    for path in sorted((extracts / "ssda903").glob(f"*/{table}_*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False).replace("", None)
        frame["collection_year"] = int(path.parent.name[:4]) + 1
        frames.append(frame)
    data = pd.concat(frames, ignore_index=True)
    for column in data.columns:
        if column in ("DOB", "DECOM", "DEC", "DUC", "MIS_START", "MIS_END"):
            parsed = pd.to_datetime(data[column], format="%d/%m/%Y")
            data[column] = pd.Series(
                [None if pd.isna(v) else v.date() for v in parsed], index=data.index, dtype=object
            )
    return data


def indicator_value(con: duckdb.DuckDBPyConnection, indicator: str, period_end: date) -> tuple:
    """(numerator, denominator, value) of the 'all' row of ``indicator`` at ``period_end``."""
    rel = (
        con.table(indicator)
        .filter(duckdb.ColumnExpression("breakdown") == duckdb.ConstantExpression("all"))
        .filter(duckdb.ColumnExpression("period_end") == duckdb.ConstantExpression(period_end))
    )
    rows = rel.select("numerator", "denominator", "value").fetchall()
    assert len(rows) == 1, f"{indicator} has {len(rows)} rows at {period_end}"
    return rows[0]
