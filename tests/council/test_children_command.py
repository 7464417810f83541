"""``python -m cscdash children`` on a council's own database, as an analyst types it: the hand-made
Dorset returns loaded with the README's command, then the rows behind hand-worked figures
(tests/council/README.md). The list must name exactly the children the README counts by hand."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from tests.council.conftest import LA, cli, run


@pytest.fixture(scope="module")
def council_db(tmp_path_factory) -> Path:
    from tests.council.conftest import DORSET

    db_path = tmp_path_factory.mktemp("children") / "mycouncil.duckdb"
    loaded = cli("load", str(DORSET), "--la", LA, "--db", str(db_path))
    assert loaded.returncode == 0, loaded.stderr
    return db_path


def _rows(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_the_children_in_care_at_31_march_are_the_ones_counted_by_hand(council_db: Path) -> None:
    # README: cla_count at 31 March 2024 = 7 (D02, D04, D10 have left); at 31 March 2023 = 8
    march_2024 = _rows(
        cli("children", "--indicator", "cla_count", "--period-end", "2024-03-31", "--db", str(council_db))
    )
    assert sorted(r["child_id"] for r in march_2024) == ["D01", "D03", "D05", "D06", "D07", "D08", "D09"]
    assert {r["in_numerator"] for r in march_2024} == {"true"}
    assert all(r["why"] for r in march_2024)
    march_2023 = _rows(
        cli("children", "--indicator", "cla_count", "--period-end", "2023-03", "--db", str(council_db))
    )
    assert sorted(r["child_id"] for r in march_2023) == [
        "D01",
        "D02",
        "D04",
        "D05",
        "D06",
        "D07",
        "D08",
        "D10",
    ]


def test_a_fractions_list_says_who_is_in_the_numerator_and_why(council_db: Path) -> None:
    # README: rereferrals_12m_pct, year to 31 March 2024 = 1 of 10: C01 (10/05/2022, then 12/04/2023)
    result = cli(
        "children",
        "--indicator",
        "rereferrals_12m_pct",
        "--period-end",
        "2024-03-31",
        "--db",
        str(council_db),
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 10
    inside = [r for r in rows if r["in_numerator"]]
    assert [r["child_id"] for r in inside] == ["C01"]
    assert inside[0]["why"] != rows[[r["child_id"] for r in rows].index("C06")]["why"]
    assert "10 rows, 1 in the numerator" in result.stderr


def test_every_listing_is_written_to_the_audit_log(council_db: Path) -> None:
    before = _audit_rows(council_db)
    _rows(
        cli(
            "children",
            "--indicator",
            "referrals_count",
            "--period-end",
            "2024-03-31",
            "--db",
            str(council_db),
        )
    )
    after = _audit_rows(council_db)
    assert len(after) == len(before) + 1
    who, role, list_id, period_end, count = after[-1]
    assert who.endswith("(command line)") and role == "analyst"
    assert (list_id, period_end, count) == ("referrals_count", "2024-03-31", 10)


def _audit_rows(db_path: Path) -> list[tuple]:
    store = db_path.with_name(f"{db_path.stem}.store.sqlite")
    if not store.exists():
        return []
    with sqlite3.connect(store) as con:
        return con.execute(
            "select who, role, list_id, period_end, row_count from child_list_audit order by audit_id"
        ).fetchall()


def test_a_board_member_gets_no_child_rows_and_a_manager_only_their_teams(council_db: Path) -> None:
    import sys

    args = [
        sys.executable,
        "-m",
        "cscdash",
        "children",
        "--indicator",
        "cla_count",
        "--period-end",
        "2024-03-31",
    ]
    board = run([*args, "--db", str(council_db)], env={"CSCDASH_ROLE": "board"})
    assert board.returncode == 1 and "sees no child-level rows" in board.stderr and board.stdout == ""
    # the Dorset files have no child attributes file: every child's team is "Not recorded"
    manager = run(
        [*args, "--db", str(council_db)], env={"CSCDASH_ROLE": "manager", "CSCDASH_TEAMS": "Care Leavers"}
    )
    assert _rows(manager) == []


def test_a_wrong_breakdown_or_indicator_says_so(council_db: Path) -> None:
    wrong = cli(
        "children",
        "--indicator",
        "cla_count",
        "--period-end",
        "2024-03-31",
        "--db",
        str(council_db),
        "--breakdown",
        "shoe_size",
        "--value",
        "9",
    )
    assert wrong.returncode == 1 and "has no breakdown 'shoe_size'" in wrong.stderr
    staff = cli(
        "children",
        "--indicator",
        "wf_vacancy_rate_pct",
        "--period-end",
        "2023-09-30",
        "--db",
        str(council_db),
    )
    assert staff.returncode == 1 and "has no child list" in staff.stderr
