"""Shared fixtures for the loader tests: reference paths, a baseline database, a row-for-row snapshot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cscdash import db
from cscdash.extracts.loader import load_paths

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
BAD_FILES = HERE / "bad_files"
REF = Path(__file__).resolve().parents[3] / "shared" / "reference"
LA = "E06999999"


def snapshot(con) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: equal snapshots mean the same database, row for row."""
    return {t: sorted(con.table(t).fetchall(), key=repr) for t in db.table_names(con)}


@pytest.fixture(scope="session")
def baseline_db(tmp_path_factory) -> Path:
    """A database with the baseline fixtures loaded once (SSDA903 2024-25 CSVs and a CIN census XML)."""
    path = tmp_path_factory.mktemp("baseline") / "baseline.duckdb"
    con = db.connect(path)
    result = load_paths(con, [FIXTURES / "baseline"], la_code=LA)
    con.close()
    assert result.ok, result.problems
    return path


@pytest.fixture
def loaded_con(baseline_db, tmp_path):
    """A fresh copy of the baseline database, open."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(baseline_db, path)
    con = db.connect(path)
    yield con
    con.close()


def need(path: Path) -> Path:
    """Reference files live outside the repository (../shared/reference); skip cleanly where absent."""
    if not path.exists():
        pytest.skip(f"reference file not present: {path}")
    return path
