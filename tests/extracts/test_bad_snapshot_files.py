"""Bad files for Annex A lists 8 and 9, rhi.csv and health_assessments.csv (bad_files/expected_snapshots.csv).

Each is offered to a database holding the baseline load AND the good snapshot fixtures: the load must be
refused with a problem naming the rule, file, row and field, and the database must be exactly as before,
row for row (the load log included).
"""

from __future__ import annotations

import csv

import pytest

from cscdash.extracts.loader import load_paths, validate_paths
from tests.extracts.conftest import BAD_FILES, FIXTURES, LA, snapshot

with open(BAD_FILES / "expected_snapshots.csv", encoding="utf-8", newline="") as fh:
    CASES = list(csv.DictReader(fh))


def test_every_case_has_its_own_folder():
    assert len(CASES) == 12
    assert len({c["case"] for c in CASES}) == len(CASES)
    assert all((BAD_FILES / c["case"]).is_dir() for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_file_is_refused_and_database_unchanged(case, loaded_con):
    assert load_paths(loaded_con, [FIXTURES / "snapshots"], la_code=LA).ok
    before = snapshot(loaded_con)
    result = load_paths(loaded_con, [BAD_FILES / case["case"] / case["target"]], la_code=case["la"] or None)
    assert not result.ok
    assert result.load_id is None
    matches = [
        p
        for p in result.errors
        if p.rule == case["rule"]
        and p.file == case["file"]
        and p.row_ref == case["row_ref"]
        and p.field == case["field"]
    ]
    assert matches, (
        f"expected {case['rule']} at {case['file']} {case['row_ref']} {case['field']}; got "
        + "; ".join(str(p) for p in result.errors)
    )
    assert matches[0].message
    assert snapshot(loaded_con) == before


def test_an_unknown_option_names_the_options():
    result = validate_paths([BAD_FILES / "snapshot_code"], la_code=LA)
    (problem,) = [p for p in result.errors if p.rule == "CODE"]
    assert problem.value == "z) Unknown"
    assert "a) Relevant" in problem.message and "e) Other" in problem.message
