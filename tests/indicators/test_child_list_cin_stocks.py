"""Hand-worked child lists of the cin_stocks family (children in need, CIN plans, assessments open past 45
working days and CP plans open at the month end; one row per episode, plan or assessment).

A tiny authority is given as raw rows (the case files' format, built by case_runner), the family's views
and its child-list macro are built on it, and the tests check who is listed, in or out, the why text, the
exception flags, and that the list adds up to every breakdown value's figure. The expected rows are worked
by hand in the comments. The month end is Mon 31 Mar 2025; January to March 2025 have no bank holiday, so
March has 21 working days (3-31) and February 20 (3-28).
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

FAMILY = "cin_stocks"
MACRO = f"children_{FAMILY}"
MONTH_END = "2025-03-31"


def _referral(child: str, day: str, source: str = "6", **more: str) -> dict:
    return {
        "LAchildID": child,
        "CINreferralDate": day,
        "ReferralSource": source,
        "collection_year": 2025,
        **more,
    }


def _assessment(child: str, start: str, authorised: str | None = None) -> dict:
    return {
        "LAchildID": child,
        "CINreferralDate": start,
        "AssessmentActualStartDate": start,
        "AssessmentAuthorisationDate": authorised,
    }


def _plan(child: str, referral: str, start: str, **more: str) -> dict:
    return {"LAchildID": child, "CINreferralDate": referral, "CPPstartDate": start, **more}


def _review(child: str, start: str, review: str) -> dict:
    return {"LAchildID": child, "CPPstartDate": start, "CPPreviewDate": review}


# wd(start, 31 Mar 2025) = 21 (March) + the working days after the start in January and February:
# Fri 24 Jan -> 46, Mon 27 Jan -> 45, Mon 3 Feb -> 40, Tue 4 Feb -> 39.
GIVEN = {
    "ref_population": [{"year": 2024, "age_0_17": 10000}],
    "cin_details": [
        # P: two overlapping episodes (the first closes 31 Dec, the second began 15 Nov): one CIN episode
        # from 3 Jun 2024, counted once, its referral source the first referral's (police)
        _referral("P", "2024-06-03", "6", CINclosureDate="2024-12-31", ReasonForClosure="RC7"),
        _referral("P", "2024-11-15", "3A"),
        _referral("Q1", "2025-01-27"),
        _referral("Q2", "2025-01-24"),
        _referral("Q3", "2025-02-03"),
        _referral("Q4", "2025-02-04"),
        _referral("Q5", "2025-01-24"),
        _referral("C1", "2024-06-01"),
        _referral("C2", "2024-06-01"),
        _referral("C3", "2024-06-01"),
        _referral("C4", "2023-03-01"),
        _referral("C5", "2023-03-01"),
    ],
    "cin_plan": [{"LAchildID": "P", "CINreferralDate": "2024-11-15", "CINPlanStartDate": "2024-12-02"}],
    "cin_assessment": [
        _assessment("Q1", "2025-01-27"),  # working day 45 at the month end: due that day, not late
        _assessment("Q2", "2025-01-24"),  # working day 46: late (day 45 was Fri 28 Mar)
        _assessment("Q3", "2025-02-03"),  # working day 40: day 45 is Mon 7 Apr, 5 working days on
        _assessment("Q4", "2025-02-04"),  # working day 39: day 45 is Tue 8 Apr, 6 working days on
        _assessment("Q5", "2025-01-24", "2025-03-31"),  # authorised on the month end: not open
    ],
    "cin_cpp": [
        _plan("C1", "2024-06-01", "2024-06-10", LatestCategoryOfAbuse="NEG"),
        _plan("C2", "2024-06-01", "2024-06-10", LatestCategoryOfAbuse="NEG"),
        _plan("C3", "2024-06-01", "2024-06-10", LatestCategoryOfAbuse="EMO"),
        # C4 began exactly two years before the month end; C5 a day later
        _plan("C4", "2023-03-01", "2023-03-31", LatestCategoryOfAbuse="PHY"),
        _plan("C5", "2023-03-01", "2023-04-01", InitialCategoryOfAbuse="SAB"),
    ],
    "cin_cpp_review": [
        # C1: first due 10 Sep 2024, held that day; next due 10 Mar 2025, held that day; next due 10 Sep
        _review("C1", "2024-06-10", "2024-09-10"),
        _review("C1", "2024-06-10", "2025-03-10"),
        # C2: first held 11 Sep, a day late; the next (due 11 Mar 2025) held early on 1 Mar: nothing is
        # overdue at the month end, but the plan's reviews have not all been on time
        _review("C2", "2024-06-10", "2024-09-11"),
        _review("C2", "2024-06-10", "2025-03-01"),
        # C3: first on time; the second, due 10 Mar 2025, not held by 31 Mar: overdue
        _review("C3", "2024-06-10", "2024-09-10"),
        # C4 and C5: no review at all (first due 30 Jun and 1 Jul 2023): overdue
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


def _listed(con: duckdb.DuckDBPyConnection, indicator_id: str, **where: str) -> dict[str, dict]:
    shown = child_lists.child_list(con, indicator_id, date.fromisoformat(MONTH_END), **where)
    return {r["child_id"]: r for r in shown.to_dict("records")}


def _all_rows(con: duckdb.DuckDBPyConnection) -> list[dict]:
    return con.execute(f"select * from {MACRO}(date '{MONTH_END}')").df().to_dict("records")


def test_every_list_of_the_family_adds_up(con: duckdb.DuckDBPyConnection) -> None:
    assert len([e for e in child_lists.entries().values() if e.family == FAMILY]) == 9
    for period_end in ("2025-02-28", MONTH_END):
        assert assert_family_adds_up(con, FAMILY, period_end) >= 9


def test_a_child_with_overlapping_episodes_is_one_child_in_need(con: duckdb.DuckDBPyConnection) -> None:
    p = [r for r in _all_rows(con) if r["child_id"] == "P"]
    assert sorted(r["record"] for r in p) == ["CIN episode", "CIN plan"]
    listed = _listed(con, "cin_count")
    assert listed["P"]["why"] == (
        "a child in need since the referral on 2024-06-03, the episode not closed by the month end"
    )
    assert listed["P"]["referrals_merged"] == 2
    # 11 children: P, the five assessed children (their referrals are open) and the five on CP plans
    assert len(listed) == 11
    # the merged episode takes its first referral's source, as int_stocks__deltas does
    police = _listed(con, "cin_count", breakdown="referral_source", value="Police")
    assert "P" in police
    assert _listed(con, "cin_plans_count")["P"]["why"] == (
        "on a child in need plan since 2024-12-02, not ended by the month end"
    )


def test_assessment_on_working_day_45_is_due_and_46_late(con: duckdb.DuckDBPyConnection) -> None:
    listed = _listed(con, "assessments_open_over_45wd_count")
    assert list(listed) == ["Q2"]
    assert listed["Q2"]["why"] == (
        "assessment started 2025-01-24 and not authorised by the month end, on working day 46 "
        "(due by 2025-03-28, working day 45)"
    )
    assessments = {r["child_id"]: r for r in _all_rows(con) if r["record"] == "Assessment"}
    # Q4 (day 39) is neither late nor due within 5 working days; Q5 was authorised on the month end
    assert {
        c: (r["working_days_open"], r["x_assessment_over_45wd"], r["x_assessment_due_5wd"])
        for c, r in assessments.items()
    } == {"Q1": (45, 0, 1), "Q2": (46, 1, 0), "Q3": (40, 0, 1)}
    assert assessments["Q1"]["assessment_due_date"].date() == date(2025, 3, 31)
    assert assessments["Q3"]["assessment_due_date"].date() == date(2025, 4, 7)
    # the due-soon rows count in no figure
    assert assessments["Q1"]["n_assessments_open_over_45wd"] == 0


def test_reviews_late_once_are_out_but_only_an_outstanding_review_is_overdue(
    con: duckdb.DuckDBPyConnection,
) -> None:
    listed = _listed(con, "cpp_reviews_on_time_pct")
    assert {c: r["in_numerator"] for c, r in listed.items()} == {
        "C1": True,
        "C2": False,
        "C3": False,
        "C4": False,
        "C5": False,
    }
    assert listed["C1"]["why"] == (
        "every review on time since the plan started on 2024-06-10 "
        "(last review held 2025-03-10, next due by 2025-09-10)"
    )
    assert listed["C2"]["why"] == (
        "the review due by 2024-09-10 was not held by then "
        "(plan started 2024-06-10, last review held 2025-03-01)"
    )
    assert listed["C4"]["why"] == (
        "the review due by 2023-06-30 was not held by then (plan started 2023-03-31, last review held none)"
    )
    plans = {r["child_id"]: r for r in _all_rows(con) if r["record"] == "CP plan"}
    assert {c: r["x_cpp_review_overdue"] for c, r in plans.items()} == {
        "C1": 0,
        "C2": 0,
        "C3": 1,
        "C4": 1,
        "C5": 1,
    }
    assert plans["C3"]["next_review_due_date"].date() == date(2025, 3, 10)


def test_two_years_on_the_month_end_counts(con: duckdb.DuckDBPyConnection) -> None:
    listed = _listed(con, "cpp_open_2y_plus_pct")
    assert [c for c, r in listed.items() if r["in_numerator"]] == ["C4"]
    assert listed["C4"]["why"] == (
        "on a child protection plan since 2023-03-31, two years or more by the month end "
        "(two years on 2025-03-31)"
    )
    assert listed["C5"]["why"] == (
        "on a child protection plan since 2023-04-01, under two years at the month end "
        "(two years on 2025-04-01)"
    )
    # the category mix lists a category's plans; C5 has only an initial category
    assert sorted(_listed(con, "cpp_category_mix", breakdown="abuse_category", value="NEG")) == ["C1", "C2"]
    assert list(_listed(con, "cpp_category_mix", breakdown="abuse_category", value="SAB")) == ["C5"]
