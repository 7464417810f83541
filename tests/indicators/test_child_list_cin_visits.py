"""Hand-worked child lists of the cin_visits family (children on a CP or CIN plan at the month end and
whether their latest visit with the child seen was in time; one row per child and plan type).

A tiny authority is given as raw rows (the case files' format, built by case_runner), the family's views
and its child-list macro are built on it, and the tests check who is listed, in or out, the why text, the
exception flag, and that the list adds up to every breakdown value's figure. The expected rows are worked
by hand in the comments. The month end is Mon 31 Mar 2025 (no bank holiday in February or March 2025):
Mon 17 Mar is 10 working days before it, Fri 14 Mar 11, Mon 3 Mar 20, Fri 28 Feb 21.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from cscdash import child_lists, db
from cscdash.settings import DEMO_LA_CODE
from tests.indicators.case_runner import Case, build_case_database
from tests.indicators.child_list_checks import assert_family_adds_up

FAMILY = "cin_visits"
MACRO = f"children_{FAMILY}"
MONTH_END = "2025-03-31"


def _visit(child: str, day: str, kind: str, seen: bool = True) -> dict:
    return {"child_id": child, "visit_date": day, "visit_type": kind, "child_seen": seen}


GIVEN = {
    "cin_details": [
        {"LAchildID": c, "CINreferralDate": "2025-01-02", "ReferralSource": "6", "collection_year": 2025}
        for c in ("A", "B", "C", "D", "E", "F", "G", "H", "J")
    ],
    "local_child_attributes": [
        {"child_id": "A", "locality": "Harbourtown", "team": "Harbourtown CP"},
        {"child_id": "B", "locality": "Northvale", "team": "Northvale CP"},
    ],
    "cin_cpp": [
        {"LAchildID": c, "CINreferralDate": "2025-01-02", "CPPstartDate": "2025-02-03"}
        for c in ("A", "B", "C")
    ]
    + [
        # D: 5 working days on the plan, in no cohort; E: on the plan since 3 Mar, exactly 28 days
        {"LAchildID": "D", "CINreferralDate": "2025-01-02", "CPPstartDate": "2025-03-24"},
        {"LAchildID": "E", "CINreferralDate": "2025-01-02", "CPPstartDate": "2025-03-03"},
    ],
    "cin_plan": [
        {"LAchildID": c, "CINreferralDate": "2025-01-02", "CINPlanStartDate": "2025-01-06"}
        for c in ("F", "G", "H")
    ]
    + [
        # J's plan ends on the month end: not open that day
        {
            "LAchildID": "J",
            "CINreferralDate": "2025-01-02",
            "CINPlanStartDate": "2025-01-06",
            "CINPlanEndDate": "2025-03-31",
        }
    ],
    "local_visits": [
        _visit("A", "2025-03-17", "CP"),  # working day 10 before the month end, 14 days: in time for both
        # B: working day 11, 17 days: late by 10 working days, in time by 28 days
        _visit("B", "2025-03-14", "CP"),
        # C: never seen on a CP visit (a CIN-type visit does not count for a CP plan)
        _visit("C", "2025-03-20", "CIN"),
        # E: seen on the plan's first day: 28 days (in time by 4 weeks), 20 working days (late by 10)
        _visit("E", "2025-03-03", "CP"),
        _visit("F", "2025-03-03", "CIN"),  # working day 20: in time
        _visit("G", "2025-02-28", "CIN"),  # working day 21: late
        # H: the last CIN visit with the child seen was 28 Feb; the one on 20 Mar did not see the child
        _visit("H", "2025-02-28", "CIN"),
        _visit("H", "2025-03-20", "CIN", seen=False),
        _visit("J", "2025-03-20", "CIN"),
    ],
}


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    """The tiny authority with every view of the family and its child-list macro."""
    family = sorted(i for i, e in child_lists.entries().items() if e.family == FAMILY)
    case = Case(
        path=Path(f"{FAMILY}.yml"), indicator=family[0], la_code=DEMO_LA_CODE, given=GIVEN, expected=[]
    )
    connection = build_case_database(case, materialise=True)
    db.build_views(connection, materialise=True, only=[*family, MACRO])
    yield connection
    connection.close()


def _listed(
    con: duckdb.DuckDBPyConnection, indicator_id: str, period_end: str = MONTH_END
) -> dict[str, dict]:
    shown = child_lists.child_list(con, indicator_id, date.fromisoformat(period_end))
    return {r["child_id"]: r for r in shown.to_dict("records")}


def test_every_list_of_the_family_adds_up(con: duckdb.DuckDBPyConnection) -> None:
    assert len([e for e in child_lists.entries().values() if e.family == FAMILY]) == 3
    for period_end in ("2025-02-28", MONTH_END):
        assert assert_family_adds_up(con, FAMILY, period_end) >= 3


def test_cp_visit_on_working_day_10_is_in_time_and_11_late(con: duckdb.DuckDBPyConnection) -> None:
    listed = _listed(con, "cpp_visits_10wd_pct")
    # D has been on its plan only 5 working days: not in the cohort
    assert {c: r["in_numerator"] for c, r in listed.items()} == {
        "A": True,
        "B": False,
        "C": False,
        "E": False,
    }
    assert (
        listed["A"]["why"]
        == "seen on a CP visit on 2025-03-17, 10 working days before the month end (10 or fewer)"
    )
    # 10 working days after Fri 14 Mar is Fri 28 Mar
    assert listed["B"]["why"] == (
        "not seen on a CP visit since 2025-03-14 (last visit 2025-03-14, plan started 2025-02-03); "
        "the next visit was due by 2025-03-28"
    )
    # never seen: the clock runs from the plan's start (10 working days after Mon 3 Feb is Mon 17 Feb)
    assert listed["C"]["why"] == (
        "not seen on a CP visit since 2025-02-03 (last visit none, plan started 2025-02-03); "
        "the next visit was due by 2025-02-17"
    )
    assert listed["A"]["team"] == "Harbourtown CP"


def test_cp_visit_28_days_before_is_in_time_by_4_weeks(con: duckdb.DuckDBPyConnection) -> None:
    listed = _listed(con, "cpp_visits_4wk_pct")
    assert {c: r["in_numerator"] for c, r in listed.items()} == {"A": True, "B": True, "C": False, "E": True}
    assert (
        listed["E"]["why"] == "seen on a CP visit on 2025-03-03, 28 days before the month end (28 or fewer)"
    )
    assert listed["C"]["why"] == (
        "not seen on a CP visit since 2025-02-03 (last visit none, plan started 2025-02-03); "
        "the next visit was due by 2025-03-03"
    )


def test_cin_visits_and_the_exception_flag(con: duckdb.DuckDBPyConnection) -> None:
    listed = _listed(con, "cin_visits_in_timescale_pct")
    # J's plan ended on the month end; H's visit of 20 Mar did not see the child
    assert {c: r["in_numerator"] for c, r in listed.items()} == {"F": True, "G": False, "H": False}
    assert listed["H"]["why"] == (
        "not seen on a CIN visit since 2025-02-28 (last visit 2025-02-28, plan started 2025-01-06); "
        "the next visit was due by 2025-03-28"
    )
    rows = con.execute(
        f"select child_id, record, x_not_seen_in_time from {MACRO}(date '{MONTH_END}')"
    ).fetchall()
    # B and E are late by 10 working days though in time by 4 weeks: flagged
    assert sorted(rows) == [
        ("A", "CP plan", 0),
        ("B", "CP plan", 1),
        ("C", "CP plan", 1),
        ("E", "CP plan", 1),
        ("F", "CIN plan", 0),
        ("G", "CIN plan", 1),
        ("H", "CIN plan", 1),
    ]
