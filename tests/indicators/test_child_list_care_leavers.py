"""Hand-worked child lists of the care_leavers (OC3 cohorts) and care_leavers_monthly (Annex A list 9)
families.

Each test takes the given rows of an indicator's case file (tests/cases/<id>.yml, read and built by
case_runner), with a few rows added for an edge the case does not have, builds the family's views and
child-list macro on that tiny database, and checks who is listed, in or out, the why text, the exception
flags, and that the list adds up to every breakdown value's figure. The expected rows are worked by hand
in the comments.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import duckdb

from cscdash import child_lists, db
from tests.indicators.case_runner import CASES_DIR, build_case_database, load_case
from tests.indicators.child_list_checks import assert_family_adds_up


def _database(family: str, case_id: str, extra: dict | None = None) -> duckdb.DuckDBPyConnection:
    """The case's given rows (plus ``extra`` rows per raw table), every indicator view of ``family`` and
    its child-list macro."""
    case = load_case(CASES_DIR / f"{case_id}.yml")
    given = {table: list(rows or []) for table, rows in case.given.items()}
    for table, rows in (extra or {}).items():
        given[table] = given.get(table, []) + rows
    con = build_case_database(replace(case, given=given))
    family_views = [i for i, e in child_lists.entries().items() if e.family == family]
    db.build_views(con, only=[*family_views, f"children_{family}"])  # the macro with what it reads
    return con


def _listed(con: duckdb.DuckDBPyConnection, indicator_id: str, period_end: str) -> dict[str, dict]:
    """child_id -> the presented row of that young person (one row each)."""
    rows = child_lists.child_list(con, indicator_id, date.fromisoformat(period_end)).to_dict("records")
    found = {row["child_id"]: row for row in rows}
    assert len(found) == len(rows), f"{indicator_id}: a young person listed twice"
    return found


def _in_or_out(listed: dict[str, dict]) -> dict[str, bool]:
    """child_id -> whether the row is in the numerator."""
    return {child: bool(row["in_numerator"]) for child, row in listed.items()}


def test_oc3_cohorts_birthdays_exclusions_and_why() -> None:
    # tests/cases/cl_staying_put_pct.yml: Q1-Q9, OC3 of 2024-25 (birthdays 1 Apr 2024 - 31 Mar 2025).
    con = _database("care_leavers", "cl_staying_put_pct")

    # 17-18 cohort at 31 Mar 2025: Q1 (18th birthday on the month end itself, leaving care that day: not
    # looked after on it) and Q9 (17th, 9 Sep 2024). Q2 is still looked after on his 18th birthday and
    # Q8's care went to another LA (E3): neither is listed.
    young = _listed(con, "cl_17_18_cohort_count", "2025-03-31")
    assert sorted(young) == ["Q1", "Q9"]
    assert young["Q1"]["why"] == (
        "a care leaver whose 18th birthday fell on 2025-03-31 (OC3 return for the year to March 2025)"
    )
    # A month earlier Q1's birthday (31 Mar 2025) is outside the window 1 Mar 2024 - 28 Feb 2025.
    assert sorted(_listed(con, "cl_17_18_cohort_count", "2025-02-28")) == ["Q9"]

    # 19-21 cohort: Q3 (19th), Q4 (20th), Q5 (21st: not '21th'), Q7 (20th); Q6 died (not listed).
    old = _listed(con, "cl_19_21_cohort_count", "2025-03-31")
    assert sorted(old) == ["Q3", "Q4", "Q5", "Q7"]
    assert old["Q5"]["which_birthday"] == "21st"

    # In touch, 19-21: Q5's IN_TOUCH is NO; everyone else YES.
    touch = _listed(con, "cl_in_touch_19_21_pct", "2025-03-31")
    assert _in_or_out(touch) == {"Q3": True, "Q4": True, "Q5": False, "Q7": True}
    assert touch["Q5"]["why"] == (
        "the council was not recorded as in touch around the 21st birthday on 2024-12-01 (NO: not in touch)"
    )
    # In touch, 17-18: Q9 refuses contact (REFU stays in the cohort and counts against the figure).
    assert _listed(con, "cl_in_touch_17_18_pct", "2025-03-31")["Q9"]["why"] == (
        "the council was not recorded as in touch around the 17th birthday on 2024-09-09 "
        "(REFU: refuses contact)"
    )

    # EET, 19-21: Q3 F5, Q7 P5 in; Q4 G5 and Q5 '0' (not known) out.
    eet = _listed(con, "cl_eet_19_21_pct", "2025-03-31")
    assert _in_or_out(eet) == {"Q3": True, "Q4": False, "Q5": False, "Q7": True}
    assert eet["Q7"]["why"] == (
        "in education, employment or training around the 20th birthday on 2025-01-20 "
        "(P5: training or employment, part time)"
    )
    assert eet["Q5"]["activity"] == "0: not known"

    # Suitable accommodation, 19-21: Q7 is abroad (G1) and leaves the denominator; Q3 Z1 in; Q4 U2 and Q5
    # '0' out.
    accom = _listed(con, "cl_suitable_accom_19_21_pct", "2025-03-31")
    assert _in_or_out(accom) == {"Q3": True, "Q4": False, "Q5": False}
    assert accom["Q4"]["why"] == (
        "accommodation not recorded as suitable around the 20th birthday on 2024-10-10 "
        "(U2: independent living, not suitable)"
    )

    # Staying put: Q3 (left U4 on her 18th birthday, Z1 at 19) in; Q7 (left U6, abroad at 20) out; Q4
    # left a children's home (K2) and is not listed.
    put = _listed(con, "cl_staying_put_pct", "2025-03-31")
    assert _in_or_out(put) == {"Q3": True, "Q7": False}
    assert put["Q3"]["why"] == (
        "left foster care on the 18th birthday and still living with the former foster carers at the 19th "
        "birthday on 2024-05-01 (Z1: with former foster carers, suitable)"
    )
    assert put["Q7"]["why"] == (
        "left foster care on the 18th birthday, but not living with the former foster carers at the 20th "
        "birthday on 2025-01-20 (G1: gone abroad, suitable)"
    )
    # nobody in the attributes file: team and worker 'Not recorded'
    assert (put["Q3"]["team"], put["Q3"]["worker"]) == ("Not recorded", "Not recorded")

    # every figure (all, by sex, by age) adds up at 31 Mar 2025 (earlier windows touch 2023-24, which has
    # no OC3 rows: those figures are withheld)
    assert assert_family_adds_up(con, "care_leavers", "2025-03-31") > 9


# L9 is listed twice on the 31 Mar 2025 snapshot: the last row (source_row 10, not in touch, no personal
# adviser) is the one counted and shown; the earlier row says in touch with PA9.
LISTED_TWICE = [
    {
        "snapshot_date": "2025-03-31", "child_id": "L9", "sex": "F", "date_of_birth": "2005-01-01",
        "eligibility": "former_relevant", "allocated_pa": "PA9", "in_touch": "in_touch",
        "latest_pathway_plan_review": "2025-03-31", "accommodation": "U", "suitability": "suitable",
        "source_row": 9,
    },
    {
        "snapshot_date": "2025-03-31", "child_id": "L9", "sex": "F", "date_of_birth": "2005-01-01",
        "eligibility": "former_relevant", "in_touch": "not_in_touch", "latest_contact_date": "2024-11-02",
        "latest_pathway_plan_review": "2025-03-31", "accommodation": "W", "suitability": "not_known",
        "source_row": 10,
    },
]  # fmt: skip


def test_list9_snapshot_pathway_plans_flags_and_listed_twice() -> None:
    # tests/cases/cl_pathway_plan_in_date_pct.yml (L1-L8 on 31 Mar 2025) plus L9, listed twice.
    extra = {"annexa_care_leavers": LISTED_TWICE}
    con = _database("care_leavers_monthly", "cl_pathway_plan_in_date_pct", extra)
    every_row = con.sql("select * from children_care_leavers_monthly(date '2025-03-31')").df()
    rows = {r["child_id"]: r for r in every_row.to_dict("records")}
    assert sorted(rows) == ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"]

    # Pathway plan in date: L1 (exactly 183 days), L4, L5, L6, L7, L9 (reviewed on the snapshot date: 0
    # days) in; L2 (184 days), L3 (none), L8 (dated after the snapshot) out.
    plans = _listed(con, "cl_pathway_plan_in_date_pct", "2025-03-31")
    assert sorted(c for c, r in plans.items() if not r["in_numerator"]) == ["L2", "L3", "L8"]
    assert plans["L1"]["why"] == (
        "pathway plan in date on the list of 2025-03-31, last reviewed 2024-09-29, 183 days before the "
        "snapshot (183 or fewer)"
    )
    assert plans["L2"]["why"] == (
        "pathway plan out of date on the list of 2025-03-31, last reviewed 2024-09-28, 184 days before the "
        "snapshot (over 183: 6 months)"
    )
    assert plans["L3"]["why"] == (
        "pathway plan out of date on the list of 2025-03-31, no pathway plan review recorded"
    )
    assert plans["L8"]["why"] == (
        "pathway plan out of date on the list of 2025-03-31, the latest review is dated 2025-04-05, 5 days "
        "after the snapshot"
    )
    assert {c for c, r in rows.items() if r["x_pathway_plan_out_of_date"]} == {"L2", "L3", "L8"}

    # Personal adviser, 18+ only: L1 (18 on the day), L3, L4, L6, L7 (list age 21), L8, L9; L2 (17) and L5
    # (17) are not listed. L3 and L9 (its last row has no PA) are out.
    pa = _listed(con, "cl_pa_allocated_pct", "2025-03-31")
    assert sorted(pa) == ["L1", "L3", "L4", "L6", "L7", "L8", "L9"]
    assert sorted(c for c, r in pa.items() if not r["in_numerator"]) == ["L3", "L9"]
    assert pa["L9"]["why"] == "aged 20 on the list of 2025-03-31, and no personal adviser recorded"
    assert pa["L1"]["why"] == "aged 18 on the list of 2025-03-31, with personal adviser PA1"

    # Not suitable: L1, L4, L5 (the list's judgement); L7 is in B&B recorded as suitable and L9 in B&B with
    # suitability not known: both in the B&B count, neither unsuitable.
    unsuitable = _listed(con, "cl_unsuitable_accom_count", "2025-03-31")
    assert sorted(unsuitable) == ["L1", "L4", "L5"]
    assert unsuitable["L4"]["why"] == (
        "accommodation (T: foyer or similar) recorded as not suitable on the list of 2025-03-31"
    )
    assert {c for c, r in rows.items() if r["x_unsuitable_accommodation"]} == {"L1", "L4", "L5"}
    bnb = _listed(con, "cl_in_bnb_count", "2025-03-31")
    assert sorted(bnb) == ["L1", "L5", "L7", "L9"]
    assert bnb["L7"]["why"] == (
        "living in bed and breakfast (W: bed and breakfast) on the list of 2025-03-31, its suitability "
        "recorded as suitable"
    )

    # Not in touch: only L9's counted (last) row says b) Not in touch; the others left it blank, which is
    # not recorded, not 'not in touch'.
    assert {c for c, r in rows.items() if r["x_not_in_touch"]} == {"L9"}
    assert (rows["L9"]["in_touch"], rows["L9"]["personal_adviser"]) == ("not in touch", "none recorded")
    assert rows["L9"]["latest_contact_date"].date() == date(2024, 11, 2)
    assert rows["L1"]["in_touch"] == "not recorded"

    # February uses the later snapshot (28 Feb: X1, X2; X3 was only on 14 Feb); January has none.
    assert sorted(_listed(con, "cl_count", "2025-02-28")) == ["X1", "X2"]
    assert _listed(con, "cl_count", "2025-01-31") == {}
    # December: Y1, still looked after at 16 (eligible), counts
    assert _listed(con, "cl_count", "2024-12-31")["Y1"]["why"] == (
        "on the care leavers list (Annex A list 9) of 2024-12-31, eligibility Eligible"
    )

    # every figure of the family, at every breakdown value, adds up
    assert assert_family_adds_up(con, "care_leavers_monthly", "2025-03-31") > 5
    assert assert_family_adds_up(con, "care_leavers_monthly", "2025-02-28") > 5
