"""Hand-worked child lists of the cin_flows family (contacts, referrals, assessments, S47s, ICPCs and CP
plans of the 12 months to the month end; one row per event).

A tiny authority is given as raw rows (the case files' format, built by case_runner), the family's views
and its child-list macro are built on it, and the tests check who is listed, in or out, the why text, and
that the list adds up to every breakdown value's figure. The expected rows are worked by hand in the
comments.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from cscdash import child_lists, db
from cscdash.settings import DEMO_LA_CODE
from tests.indicators.case_runner import Case, build_case_database
from tests.indicators.child_list_checks import assert_adds_up

FAMILY = "cin_flows"
MACRO = f"children_{FAMILY}"

# Z's referrals of June 2023 (return 2024) and April 2025 (return 2026) only start the CIN history on
# 1 Apr 2023 and extend the loaded months to 30 Apr 2025; everyone else is in the 2025 return.
GIVEN = {
    "ref_population": [{"year": 2024, "age_0_17": 35000}],
    "cin_child": [{"LAchildID": c, "Sex": "F"} for c in "ABEFZ"],
    "cin_details": [
        # A is referred twice in the year: 2 Oct 2024 is within 12 months of 2 Apr 2024 (a re-referral)
        {"LAchildID": "A", "CINreferralDate": "2024-04-02", "ReferralSource": "6", "collection_year": 2025},
        {"LAchildID": "A", "CINreferralDate": "2024-10-02", "ReferralSource": "3A", "collection_year": 2025},
        # B: assessed, then closed RC8 with nothing else (assessed, not in need)
        {
            "LAchildID": "B",
            "CINreferralDate": "2024-04-02",
            "ReferralSource": "2A",
            "CINclosureDate": "2024-06-10",
            "ReasonForClosure": "RC8",
            "collection_year": 2025,
        },
        {"LAchildID": "E", "CINreferralDate": "2025-03-18", "ReferralSource": "6", "collection_year": 2025},
        {"LAchildID": "F", "CINreferralDate": "2025-02-25", "ReferralSource": "6", "collection_year": 2025},
        {"LAchildID": "Z", "CINreferralDate": "2025-04-15", "ReferralSource": "6", "collection_year": 2026},
        # Z's referral of the 2024 return starts the CIN history on 1 Apr 2023: the re-referral and repeat
        # plan figures, which look back a further 12 months, have one at 31 Mar 2025 too
        {"LAchildID": "Z", "CINreferralDate": "2023-06-01", "ReferralSource": "6", "collection_year": 2024},
    ],
    "cin_assessment": [
        # Working days after Tue 2 Apr 2024: Apr 3-30 = 20; May 1-3 = 23; Mon 6 May bank holiday; 7-10 =
        # 27; 13-24 = 37; Mon 27 May bank holiday; 28-31 = 41; Jun 3-5 = 44; Thu 6 = 45; Fri 7 = 46
        {
            "LAchildID": "A",
            "CINreferralDate": "2024-04-02",
            "AssessmentActualStartDate": "2024-04-02",
            "AssessmentAuthorisationDate": "2024-06-06",
        },
        {
            "LAchildID": "B",
            "CINreferralDate": "2024-04-02",
            "AssessmentActualStartDate": "2024-04-02",
            "AssessmentAuthorisationDate": "2024-06-07",
        },
    ],
    "cin_s47": [
        # E: Thu 20 Mar 2025, 7 working days before 31 Mar and no conference: outcome not yet known then
        {"LAchildID": "E", "CINreferralDate": "2025-03-18", "S47ActualStartDate": "2025-03-20"},
        # F: Mon 3 Mar 2025 -> Mon 24 Mar 2025 = working day 15 (Mar 4-7 = 4, 10-14 = 9, 17-21 = 14, 24 = 15)
        {
            "LAchildID": "F",
            "CINreferralDate": "2025-02-25",
            "S47ActualStartDate": "2025-03-03",
            "DateOfInitialCPC": "2025-03-24",
        },
    ],
    # F's plan starts the day after the conference: not "led to a plan" (the plan must start that day)
    "cin_cpp": [
        {
            "LAchildID": "F",
            "CINreferralDate": "2025-02-25",
            "CPPstartDate": "2025-03-25",
            "LatestCategoryOfAbuse": "NEG",
        }
    ],
    "annexa_contacts": [
        # K0 starts the contacts history in April 2024
        {
            "contact_id": "K0",
            "child_id": "Z",
            "contact_date": "2024-04-02",
            "contact_source": "6",
            "contact_outcome": "NFA",
        },
        # Fri 3 May 2024 16:00; Mon 6 May is a bank holiday, so Tue 7 May is working day 1: K1 decided at
        # 15:00 (in time), K2 at 16:30 (half an hour late)
        {
            "contact_id": "K1",
            "child_id": "A",
            "contact_date": "2024-05-03",
            "contact_datetime": "2024-05-03 16:00:00",
            "decision_datetime": "2024-05-07 15:00:00",
            "contact_source": "6",
            "contact_outcome": "REFERRAL",
        },
        {
            "contact_id": "K2",
            "child_id": "B",
            "contact_date": "2024-05-03",
            "contact_datetime": "2024-05-03 16:00:00",
            "decision_datetime": "2024-05-07 16:30:00",
            "contact_source": "6",
            "contact_outcome": "ADVICE",
        },
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


def _listed(con: duckdb.DuckDBPyConnection, indicator_id: str, period_end: str) -> list[dict]:
    return child_lists.child_list(con, indicator_id, date.fromisoformat(period_end)).to_dict("records")


def test_every_list_of_the_familyassert_adds_up(con: duckdb.DuckDBPyConnection) -> None:
    family = [i for i, e in child_lists.entries().items() if e.family == FAMILY]
    assert len(family) == 29
    for indicator_id in family:
        for period_end in ("2025-03-31", "2025-04-30"):
            assert_adds_up(con, indicator_id, period_end)


def test_assessment_on_working_day_45_is_in_time_and_46_late(con: duckdb.DuckDBPyConnection) -> None:
    rows = {r["child_id"]: r for r in _listed(con, "assessments_within_45wd_pct", "2025-03-31")}
    assert {c: r["in_numerator"] for c, r in rows.items()} == {"A": True, "B": False}
    assert (
        rows["A"]["why"]
        == "authorised on 2024-06-06, working day 45 after the start on 2024-04-02 (45 or fewer)"
    )
    assert (
        rows["B"]["why"] == "authorised on 2024-06-07, working day 46 after the start on 2024-04-02, over 45"
    )
    # the median is over the same two assessments (45 and 46 working days): no in or out
    median = _listed(con, "assessment_median_wd", "2025-03-31")
    assert sorted(r["assessment_working_days"] for r in median) == [45, 46]
    assert all(pd.isna(r["in_numerator"]) for r in median)
    # B's episode closed RC8 after the assessment with nothing else: assessed, not in need
    referrals = _listed(con, "referrals_assessed_not_in_need_pct", "2025-03-31")
    b = [r for r in referrals if r["child_id"] == "B"]
    assert [r["in_numerator"] for r in b] == [True]
    assert b[0]["why"] == (
        "referred on 2024-04-02, assessed and closed with no further help "
        "(no CIN plan, S47, CP plan or care): assessed; closed 2024-06-10 (RC8)"
    )


def test_a_child_referred_twice_is_listed_twice(con: duckdb.DuckDBPyConnection) -> None:
    # A: 2 Apr 2024 (no earlier referral) and 2 Oct 2024 (6 months later: a re-referral); one row each
    rows = [r for r in _listed(con, "rereferrals_12m_pct", "2025-03-31") if r["child_id"] == "A"]
    assert [(r["referral_date"].isoformat(), r["in_numerator"]) for r in rows] == [
        ("2024-04-02", False),
        ("2024-10-02", True),
    ]
    assert rows[0]["why"] == (
        "referred on 2024-04-02, no referral in the 12 months before (previous referral: none recorded)"
    )
    assert rows[1]["why"] == "referred on 2024-10-02, within 12 months of the previous referral on 2024-04-02"
    # the second referral came from health (3A), the first from the police (6)
    health = {
        r["referral_date"].isoformat(): r for r in _listed(con, "referral_source_health_pct", "2025-03-31")
    }
    assert health["2024-10-02"]["why"] == "referred on 2024-10-02 by Health (3A), a health service"
    assert not health["2024-04-02"]["in_numerator"]


def test_s47_outcome_unknown_in_its_own_month_is_left_out_until_known(con: duckdb.DuckDBPyConnection) -> None:
    # 31 Mar 2025: E (started 20 Mar, 7 working days, no conference) is not yet known: only F is listed
    march = {r["child_id"]: r for r in _listed(con, "s47_to_icpc_pct", "2025-03-31")}
    assert {c: r["in_numerator"] for c, r in march.items()} == {"F": True}
    assert march["F"]["why"] == "enquiry started on 2025-03-03: ICPC held 2025-03-24"
    # but it is an S47 of the year all the same
    assert sorted(r["child_id"] for r in _listed(con, "s47_count", "2025-03-31")) == ["E", "F"]
    # 30 Apr 2025: E started in an earlier month of the window, so its outcome counts as known: no ICPC
    april = {r["child_id"]: r for r in _listed(con, "s47_to_icpc_pct", "2025-04-30")}
    assert {c: r["in_numerator"] for c, r in april.items()} == {"E": False, "F": True}
    assert april["E"]["why"] == "enquiry started on 2025-03-20, no ICPC: no ICPC after 15 working days"


def test_conference_on_working_day_15_without_a_plan_that_day(con: duckdb.DuckDBPyConnection) -> None:
    (timely,) = _listed(con, "icpc_within_15wd_pct", "2025-03-31")
    assert timely["why"] == (
        "conference held on 2025-03-24, working day 15 after the enquiry started on 2025-03-03 (15 or fewer)"
    )
    (to_plan,) = _listed(con, "icpc_to_cpp_pct", "2025-03-31")
    assert not to_plan["in_numerator"]
    assert to_plan["why"] == "no CP plan started on the day of the conference, 2025-03-24"


def test_contact_decided_half_an_hour_late_the_next_working_day(con: duckdb.DuckDBPyConnection) -> None:
    rows = {r["child_id"]: r for r in _listed(con, "mash_decision_1wd_pct", "2025-03-31")}
    assert {c: r["in_numerator"] for c, r in rows.items()} == {"A": True, "B": False}
    assert rows["A"]["why"] == (
        "received 2024-05-03 16:00 and decided 2024-05-07 15:00: the next working day, no later in the day "
        "than it was received, within one working day"
    )
    assert rows["B"]["why"] == (
        "received 2024-05-03 16:00 but decided 2024-05-07 16:30: the next working day, later in the day than "
        "it was received, over one working day"
    )
    # contacts with an outcome recorded: the referral outcome is the numerator (K0 NFA, K2 advice)
    contacts = {r["child_id"]: r for r in _listed(con, "contact_to_referral_pct", "2025-03-31")}
    assert {c: r["in_numerator"] for c, r in contacts.items()} == {"Z": False, "A": True, "B": False}
    assert (
        contacts["B"]["why"] == "the contact received on 2024-05-03 ended with outcome ADVICE, not a referral"
    )


def test_a_group_without_contacts_counts_referrals_the_list_cannot_show(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # contact_to_referral_pct chooses per breakdown value: a group with no contact outcome in the window
    # shows referrals to contacts instead. The schools group (B's referral, source 2A) has no contacts at
    # all: the view says 1 referral over 0 contacts ('no cases'); the list, made of contacts, has no row
    # there. The 'all' figure uses the outcomes (the LA has them), and its list adds up (test above).
    figure = con.execute(
        "select numerator, denominator, value, value_note from contact_to_referral_pct "
        "where period_end = date '2025-03-31' and breakdown = 'referral_source' "
        "and breakdown_value = 'Schools'"
    ).fetchall()
    assert figure == [(1, 0, None, "no cases")]
    shown = child_lists.child_list(
        con, "contact_to_referral_pct", date(2025, 3, 31), breakdown="referral_source", value="Schools"
    )
    assert shown.empty
