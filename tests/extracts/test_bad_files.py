"""The bad-file corpus: one hand-made file per problem the loader must catch (bad_files/expected.csv).

For each: a database holding the baseline load is offered the bad file; the load must be refused with a
problem naming the file, row and field, and the database must be exactly as before, row for row
(the ``loads`` log included).
"""

from __future__ import annotations

import csv

import pytest

from cscdash.extracts.loader import load_paths, validate_paths
from tests.extracts.conftest import BAD_FILES, snapshot

with open(BAD_FILES / "expected.csv", encoding="utf-8", newline="") as fh:
    CASES = list(csv.DictReader(fh))


def test_corpus_is_large_enough():
    # The issue asks for at least 30 hand-made bad files, each in its own folder.
    assert len(CASES) >= 30
    assert len({c["case"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_file_is_refused_and_database_unchanged(case, loaded_con):
    target = BAD_FILES / case["case"] / case["target"]
    before = snapshot(loaded_con)
    result = load_paths(loaded_con, [target], la_code=case["la"] or None)
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


@pytest.mark.parametrize("case", CASES[:5], ids=[c["case"] for c in CASES[:5]])
def test_validate_reports_the_same_error(case):
    target = BAD_FILES / case["case"] / case["target"]
    result = validate_paths([target], la_code=case["la"] or None)
    assert not result.ok
    assert any(p.rule == case["rule"] and p.file == case["file"] for p in result.errors)
