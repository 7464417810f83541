"""Hand-worked child lists of the cla_flows, cla_reviews and cla_rhi families (children in care over the
12 months to the month end: starts, leavers, missing, placements and reviews; reviews on time; return
home interviews).

Each test takes the given rows of an indicator's case file (tests/cases/<id>.yml, read and built by
case_runner), with a few rows added for an edge the case does not have, builds the family's views and
child-list macro on that tiny database, and checks who is listed, in or out, the why text, the detail
columns, and that the list adds up to every breakdown value's figure. The expected rows are worked by
hand in the comments.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import duckdb
import pandas as pd

from cscdash import child_lists, db
from tests.indicators.case_runner import CASES_DIR, build_case_database, load_case
from tests.indicators.child_list_checks import assert_family_adds_up

FAMILIES = ("cla_flows", "cla_reviews", "cla_rhi")


def _database(case_id: str, family: str, extra: dict | None = None) -> duckdb.DuckDBPyConnection:
    """The case's given rows (plus ``extra`` rows per raw table), every indicator view of the family and
    its child-list macro."""
    case = load_case(CASES_DIR / f"{case_id}.yml")
    given = {table: list(rows or []) for table, rows in case.given.items()}
    for table, rows in (extra or {}).items():
        given[table] = given.get(table, []) + rows
    con = build_case_database(replace(case, given=given))
    family_views = [i for i, e in child_lists.entries().items() if e.family == family]
    db.build_views(con, only=[*family_views, f"children_{family}"])  # the macro with what it reads
    return con


def _listed(con: duckdb.DuckDBPyConnection, indicator_id: str, period_end: str) -> list[dict]:
    """The presented rows of the indicator's list, in child order."""
    return child_lists.child_list(con, indicator_id, date.fromisoformat(period_end)).to_dict("records")


def _by_child(rows: list[dict]) -> dict[str, dict]:
    found = {row["child_id"]: row for row in rows}
    assert len(found) == len(rows), "a child listed twice"
    return found


RETURNED_AFTER_ADOPTION = {
    "ssda903_header": [{"CHILD": "M", "SEX": "F", "DOB": "2012-05-05", "ETHNIC": "WBRI"}],
    "ssda903_episodes": [
        {"CHILD": "M", "DECOM": "2024-04-10", "RNE": "S", "LS": "C2", "PLACE": "U4", "DEC": "2024-06-01",
         "REC": "E11", "collection_year": 2025},
        {"CHILD": "M", "DECOM": "2024-09-01", "RNE": "S", "LS": "C2", "PLACE": "U4", "DEC": "2025-01-15",
         "REC": "E4A", "collection_year": 2025},
    ],
}  # fmt: skip


def test_flows_a_child_in_care_twice_in_the_year_and_an_episode_open_on_the_first_day() -> None:
    # The shared authority A-L (tests/cases/cla_missing_pct.yml) and M. Year to 31 Mar 2025 (1 Apr 2024 -
    # 31 Mar 2025).
    con = _database("cla_missing_pct", "cla_flows", extra=RETURNED_AFTER_ADOPTION)

    # Starts: G (1 Jun), I (1 May), J (1 Jul, UASC), K (1 Dec) and M, once, at her first start (10 Apr)
    # although she started twice; F started in Feb 2024, C has short breaks only.
    starts = _by_child(_listed(con, "cla_starts_uasc_pct", "2025-03-31"))
    assert {c: r["in_numerator"] for c, r in starts.items()} == {
        "G": False, "I": False, "J": True, "K": False, "M": False,
    }  # fmt: skip
    assert starts["M"]["why"] == (
        "came into care on 2024-04-10, not recorded as an unaccompanied asylum-seeking child on that date"
    )
    assert starts["J"]["why"] == "came into care on 2024-07-01 as an unaccompanied asylum-seeking child"
    (m_start,) = con.sql("select periods_started from children_cla_flows(date '2025-03-31') where "
                         "child_id = 'M' and record = 'Care start'").fetchall()  # fmt: skip
    assert m_start == (2,)

    # Left care: H (1 Dec, E11), I (1 Nov, E45) and M at her LAST ending (15 Jan, E4A): so M is not an
    # adoption leaver, but she is one of the children adopted in the year (her June 2024 ending was E11).
    ceased = _by_child(_listed(con, "cla_ceased_adoption_pct", "2025-03-31"))
    assert {c: r["in_numerator"] for c, r in ceased.items()} == {"H": True, "I": False, "M": False}
    assert ceased["M"]["why"] == (
        "left care on 2025-01-15, not through adoption but returned home as part of the care plan (E4A)"
    )
    assert ceased["H"]["why"] == "left care on 2024-12-01, adopted (application unopposed) (E11)"
    adopted = _by_child(_listed(con, "adoptions_count", "2025-03-31"))
    assert sorted(adopted) == ["H", "M"]
    assert adopted["M"]["why"] == "adopted, leaving care on 2024-06-01"

    # Missing: G twice (10 Sep, 1 Nov); F's episode of 1-5 Mar 2024 ended before the year: F is listed
    # (in care in the year) but not missing. Away: H's episode 30 Mar - 2 Apr 2024 is open on 1 Apr, the
    # year's first day, so it counts.
    missing = _by_child(_listed(con, "cla_missing_pct", "2025-03-31"))
    assert len(missing) == 12  # A, B, D-M: every child looked after in the year but C (short breaks)
    assert [c for c, r in missing.items() if r["in_numerator"]] == ["G"]
    assert missing["G"]["why"] == "missing 2 time(s) in the 12 months, the latest starting on 2024-11-01"
    assert missing["F"]["why"] == (
        "looked after in the 12 months (period of care from 2024-02-01) with no missing episode recorded"
    )
    away = _by_child(_listed(con, "cla_away_pct", "2025-03-31"))
    assert [c for c, r in away.items() if r["in_numerator"]] == ["H"]
    assert away["H"]["last_away_start"] == date(2024, 3, 30)
    # the mean: 2 missing episodes over 1 missing child
    (incidents,) = _listed(con, "cla_missing_incidents_per_child", "2025-03-31")
    assert (incidents["child_id"], incidents["missing_episodes"]) == ("G", 2)

    # New placements: F's U4 of 1 Sep 2024 is 35 miles away, outside; G's T4 move and return are one
    # placement, so G has two (U6 1 Jun, K2 1 Oct); M has one per period of care. A distance not known
    # stays in the denominator.
    placements = _listed(con, "cla_new_placements_over_20_miles_pct", "2025-03-31")
    assert sorted((r["child_id"], str(r["placement_start"])) for r in placements) == [
        ("F", "2024-04-15"), ("F", "2024-09-01"), ("G", "2024-06-01"), ("G", "2024-10-01"),
        ("I", "2024-05-01"), ("J", "2024-07-01"), ("K", "2024-12-01"), ("M", "2024-04-10"),
        ("M", "2024-09-01"),
    ]  # fmt: skip
    over = [r for r in placements if r["in_numerator"]]
    assert [r["why"] for r in over] == [
        "placement (Foster, U4) started on 2024-09-01 35.0 miles from home, over 20 miles"
    ]
    g_home = next(r for r in placements if r["child_id"] == "G" and r["placement_type"] == "K2")
    assert g_home["why"] == (
        "placement (Children's homes, K2) started on 2024-10-01 an unknown distance from home "
        "(not counted as over 20 miles)"
    )

    # Reviews: A PN1, D PN7, E PN3; B's PN0 (under 4) is no review of the measure; F's is before the year.
    reviews = _by_child(_listed(con, "cla_review_participation_pct", "2025-03-31"))
    assert {c: r["in_numerator"] for c, r in reviews.items()} == {"A": True, "D": False, "E": True}
    assert reviews["D"]["why"] == (
        "at the review on 2024-08-01 the child did not attend and their views were not given (PN7)"
    )

    # each row counts only for its own kind of record
    rows = con.sql("select * from children_cla_flows(date '2025-03-31')").df()
    assert set(rows["record"]) == {"Care start", "Left care", "In care in year", "New placement", "Review"}
    assert rows.loc[rows["record"] == "Review", "n_cla_in_year"].sum() == 0
    assert rows.loc[rows["record"] != "New placement", "by_placement_type"].isna().all()
    assert_family_adds_up(con, "cla_flows", "2025-03-31")
    assert_family_adds_up(con, "cla_flows", "2024-09-30")


def test_reviews_on_time_late_missed_and_overdue_at_the_month_end() -> None:
    # tests/cases/cla_reviews_on_time_pct.yml. Year to 31 Mar 2025: P 30 Sep and 30 Dec (on time), Q 30 Sep
    # and 1 Jan (late), R 15 Sep 2024 (on time) and 15 Mar 2025 (held 16 Mar, late), T 3 Mar (never held),
    # W 1 Nov (on time): 8 due, 4 on time.
    con = _database("cla_reviews_on_time_pct", "cla_reviews")
    rows = _listed(con, "cla_reviews_on_time_pct", "2025-03-31")
    assert len(rows) == 8
    assert sum(r["in_numerator"] for r in rows) == 4
    due = {(r["child_id"], str(r["review_due_date"])): r for r in rows}

    # R: held a day late, before the month end: late but not overdue at 31 Mar
    r_late = due[("R", "2025-03-15")]
    assert r_late["why"] == "review due by 2025-03-15 was held on 2025-03-16, 1 day late"
    assert (r_late["days_overdue"], r_late["x_review_overdue"]) == (1, 0)
    assert r_late["last_review_date"] == date(2024, 9, 15)
    # T: first review due 20 working days after the start (3 Feb -> 3 Mar), never held, still in care:
    # overdue at 31 Mar by 28 days; no earlier review
    t_missed = due[("T", "2025-03-03")]
    assert t_missed["why"] == "review due by 2025-03-03 has not been held (no review recorded)"
    assert (t_missed["days_overdue"], t_missed["x_review_overdue"]) == (28, 1)
    assert pd.isna(t_missed["last_review_date"])
    assert t_missed["care_start_date"] == date(2025, 2, 3)
    # W: on time exactly 6 months after the review of 1 May 2024 (which is not judged itself)
    w_due = due[("W", "2024-11-01")]
    assert w_due["why"] == "review due by 2024-11-01 was held on 2024-11-01, on time"
    assert w_due["last_review_date"] == date(2024, 5, 1)
    assert_family_adds_up(con, "cla_reviews", "2025-03-31")

    # At 30 Sep 2024, Q's first review is due that very day and held the next: counted late, and at the
    # month end due and not held yet (0 days overdue); P's, held on the day, is on time.
    sept = {
        r["child_id"]: r
        for r in _listed(con, "cla_reviews_on_time_pct", "2024-09-30")
        if r["child_id"] in ("P", "Q")
    }
    assert sept["Q"]["why"] == "review due by 2024-09-30 was held on 2024-10-01, 1 day late"
    assert (sept["Q"]["x_review_overdue"], sept["Q"]["days_overdue"]) == (1, 0)
    assert (sept["P"]["in_numerator"], sept["P"]["x_review_overdue"]) == (True, 0)
    assert_family_adds_up(con, "cla_reviews", "2024-09-30")


#: E: back on 12 Nov 2024 with an interview dated the day before the return (a recording error) and no
#: offer date: offered (an interview was held), not within 72 hours.
COMPLETED_BEFORE_RETURN = {
    "ssda903_missing": [
        {
            "CHILD": "E",
            "MISSING": "M",
            "MIS_START": "2024-11-10",
            "MIS_END": "2024-11-12",
            "collection_year": 2025,
        }
    ],
    "local_rhi": [{"child_id": "E", "mis_start": "2024-11-10", "rhi_completed_date": "2024-11-11"}],
}


def test_return_home_interviews_72_hours_is_three_days() -> None:
    # tests/cases/cla_rhi_72h_pct.yml and E. Episodes ended in the year to 31 Mar 2025: A1 (2 Jun), A2
    # (11 Jul), B1 (1 Aug), B2 (3 Sep), E1 (12 Nov); C1 ended 2 Apr 2025, C0 is away, D1 a short break.
    con = _database("cla_rhi_72h_pct", "cla_rhi", extra=COMPLETED_BEFORE_RETURN)
    rows = _listed(con, "cla_rhi_72h_pct", "2025-03-31")
    by_return = {(r["child_id"], str(r["returned_on"])): r for r in rows}
    assert sorted(by_return) == [
        ("A", "2024-06-02"), ("A", "2024-07-11"), ("B", "2024-08-01"), ("B", "2024-09-03"),
        ("E", "2024-11-12"),
    ]  # fmt: skip
    # A1: completed 3 days after the return ("exactly 72 h"): in; A2: 4 days: out
    assert by_return[("A", "2024-06-02")]["why"] == (
        "returned on 2024-06-02; the interview was completed on 2024-06-05, 3 days after the return "
        "(within 72 hours)"
    )
    assert by_return[("A", "2024-07-11")]["why"] == (
        "returned on 2024-07-11; no interview within 72 hours (3 days): the interview was completed on "
        "2024-07-15, 4 days after the return"
    )
    assert by_return[("E", "2024-11-12")]["why"] == (
        "returned on 2024-11-12; no interview within 72 hours (3 days): the interview completion date "
        "2024-11-11 is before the return (a recording error)"
    )
    assert [k for k, r in by_return.items() if r["in_numerator"]] == [("A", "2024-06-02")]

    # offered: A1, A2, B2 (offered dates) and E1 (completed, so offered); B1 has no RHI row
    offered = {
        (r["child_id"], str(r["returned_on"])): r for r in _listed(con, "cla_rhi_offered_pct", "2025-03-31")
    }
    assert [k for k, r in offered.items() if not r["in_numerator"]] == [("B", "2024-08-01")]
    assert offered[("B", "2024-08-01")]["why"] == (
        "missing from 2024-08-01, returned on 2024-08-01; no return home interview was offered"
    )
    assert offered[("E", "2024-11-12")]["why"] == (
        "missing from 2024-11-10, returned on 2024-11-12; "
        "an interview was held on 2024-11-11 (no offer date recorded)"
    )
    # accepted, of those offered: A1 and A2; B2 declined, E1 has no answer recorded
    accepted = _listed(con, "cla_rhi_accepted_pct", "2025-03-31")
    assert sorted((r["child_id"], r["in_numerator"]) for r in accepted) == [
        ("A", True), ("A", True), ("B", False), ("E", False),
    ]  # fmt: skip
    assert_family_adds_up(con, "cla_rhi", "2025-03-31")

    # April 2025: C1 (back 2 Apr, interview the same day) is within 72 hours
    (c1,) = [r for r in _listed(con, "cla_rhi_72h_pct", "2025-04-30") if r["child_id"] == "C"]
    assert c1["why"] == (
        "returned on 2025-04-02; the interview was completed on 2025-04-02, the day of the return "
        "(within 72 hours)"
    )
    assert_family_adds_up(con, "cla_rhi", "2025-04-30")


def test_the_yaml_names_only_columns_the_macro_has() -> None:
    """Every column a YAML entry names (measures, details, why placeholders) is one the macro gives, and
    each family lists the indicators of its task."""
    cases = {
        "cla_flows": "cla_missing_pct",
        "cla_reviews": "cla_reviews_on_time_pct",
        "cla_rhi": "cla_rhi_72h_pct",
    }
    sizes = {"cla_flows": 13, "cla_reviews": 1, "cla_rhi": 3}
    for family in FAMILIES:
        entries = {i: e for i, e in child_lists.entries().items() if e.family == family}
        assert len(entries) == sizes[family], family
        con = _database(cases[family], family)
        columns = set(con.sql(f"select * from children_{family}(date '2025-03-31')").columns)
        for indicator_id, entry in entries.items():
            named = {entry.numerator, entry.denominator, *entry.columns} - {None}
            named |= {
                part.split("}")[0]
                for text in (entry.why_in, entry.why_out or "")
                for part in text.split("{")[1:]
            }
            assert named <= columns, (indicator_id, sorted(named - columns))
        con.close()
