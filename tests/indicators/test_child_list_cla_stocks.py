"""Hand-worked child lists of the cla_stocks family (children in care at the month end).

Each test takes the given rows of an indicator's case file (tests/cases/<id>.yml, read and built by
case_runner), sometimes with a few rows added for an edge the case does not have, builds the family's
views and child-list macro on that tiny database, and checks who is listed, in or out, the why text, and
that the list adds up to every breakdown value's figure. The expected rows are worked by hand in the
comments.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import duckdb

from cscdash import child_lists, db
from tests.indicators.case_runner import CASES_DIR, build_case_database, load_case
from tests.indicators.child_list_checks import assert_adds_up

FAMILY = "cla_stocks"
MACRO = f"children_{FAMILY}"


def _stocks_database(case_id: str, extra: dict | None = None) -> duckdb.DuckDBPyConnection:
    """The case's given rows (plus ``extra`` rows per raw table), every indicator view of the family and
    its child-list macro."""
    case = load_case(CASES_DIR / f"{case_id}.yml")
    given = {table: list(rows or []) for table, rows in case.given.items()}
    for table, rows in (extra or {}).items():
        given[table] = given.get(table, []) + rows
    con = build_case_database(replace(case, given=given))
    family = [i for i, e in child_lists.entries().items() if e.family == FAMILY]
    db.build_views(con, only=[*family, MACRO])
    return con


def _listed(con: duckdb.DuckDBPyConnection, indicator_id: str, period_end: str) -> dict[str, dict]:
    """child_id -> the presented row of that child (one row per child in care)."""
    shown = child_lists.child_list(con, indicator_id, date.fromisoformat(period_end))
    rows = shown.to_dict("records")
    found = {row["child_id"]: row for row in rows}
    assert len(found) == len(rows), f"{indicator_id}: a child listed twice"
    return found


def test_shared_authority_stability_distance_placements_and_unregistered() -> None:
    # The shared hand-made authority A-L (tests/cases/cla_longterm_stability_pct.yml). At 31 Mar 2025 in
    # care: A, B, D, E, F, G, J, K, L (C short breaks only, H adopted 1 Dec 2024, I left 1 Nov 2024).
    con = _stocks_database("cla_longterm_stability_pct")
    assert sorted(_listed(con, "cla_count", "2025-03-31")) == ["A", "B", "D", "E", "F", "G", "J", "K", "L"]

    # Long-term stability: under 16 and in care since 30 Sep 2022 or before: A, B, D (exactly 2.5 years),
    # L; E (1 Oct 2022) is a day short and is not listed. Same carer since 31 Mar 2023 or before: A (the L
    # episode keeps the carer), B (U into A5 keeps the carer: from 1 Mar 2022), D; L moved in January 2024.
    stability = _listed(con, "cla_longterm_stability_pct", "2025-03-31")
    in_or_out = {c: r["in_numerator"] for c, r in stability.items()}
    assert in_or_out == {"A": True, "B": True, "D": True, "L": False}
    assert stability["D"]["why"] == (
        "aged 11, in care since 2022-09-30 and living with the same carer since 2022-09-30 (2 years or more)"
    )
    assert stability["L"]["why"] == (
        "aged 13, in care since 2021-06-01 but with the current carer only since 2024-01-01 (under 2 years)"
    )
    assert stability["B"]["same_carer_since"] == date(2022, 3, 1)

    # Over 20 miles: only the children with a known distance are listed (A 20.0, B 20.1, D 20.1, E 20.0,
    # F 35.0); 20.0 is not over 20, 20.1 is.
    distance = _listed(con, "cla_over_20_miles_pct", "2025-03-31")
    assert {c: r["in_numerator"] for c, r in distance.items()} == {
        "A": False, "B": True, "D": True, "E": False, "F": True,
    }  # fmt: skip
    assert distance["A"]["why"] == "placed 20 miles from home (20 or fewer), this placement from 2020-01-10"
    # B went from U6 into A5 with the same carer on 10 Jun 2024: still the placement that began 1 Mar 2022
    assert distance["B"]["why"] == "placed 20.1 miles from home (over 20), this placement from 2022-03-01"
    assert distance["B"]["placement_type"] == "A5"

    # 3+ placements in the 12 months to 31 Mar 2025: F (U6 open on 1 Apr 2024, K2, U4); G's temporary T4
    # move and return are one placement, then K2: 2.
    moves = _listed(con, "cla_3plus_placements_pct", "2025-03-31")
    assert moves["F"]["in_numerator"]
    assert moves["F"]["why"] == "3 placements in the 12 months to the month end (3 or more)"
    assert moves["G"]["why"] == "2 placements in the 12 months to the month end (fewer than 3)"
    assert sum(r["in_numerator"] for r in moves.values()) == 1

    # Under 16 in an unregistered setting: K (15, Z1); J is 16 in K3 and is not listed.
    (k,) = _listed(con, "cla_under16_unregistered_count", "2025-03-31").values()
    assert k["child_id"] == "K"
    assert k["why"].startswith("aged 15 (under 16) and placed in Z1 (Other)")

    # UASC: J only, and a child the local attributes file does not know has 'Not recorded' team and worker
    (j,) = _listed(con, "cla_uasc_count", "2025-03-31").values()
    assert (j["child_id"], j["team"], j["worker"]) == ("J", "Not recorded", "Not recorded")

    # no postcode is ever shown
    columns = con.sql(f"select * from {MACRO}(date '2025-03-31')").columns
    assert not [c for c in columns if "post" in c]
    # every figure of the family adds up (this authority has no social-worker or visits file: those two
    # figures are withheld here and checked in the tests below)
    for indicator_id, entry in child_lists.entries().items():
        if entry.family == FAMILY and indicator_id not in ("cla_sw_changes_3plus_pct", "cla_visits_6wk_pct"):
            assert_adds_up(con, indicator_id, "2025-03-31")


def test_visits_day_42_is_too_old_and_a_child_never_seen() -> None:
    # 31 Mar 2025: 42 days back is 17 Feb 2025, so a visit counts from 18 Feb. Cohort: in care since
    # 17 Feb 2025 or before: V1, V2, V4 and V5 (added, never visited); V3 (since 1 Mar) is not listed.
    never_seen = {
        "CHILD": "V5",
        "DECOM": "2024-01-01",
        "RNE": "S",
        "LS": "C2",
        "PLACE": "U4",
        "collection_year": 2025,
    }
    con = _stocks_database("cla_visits_6wk_pct", extra={"ssda903_episodes": [never_seen]})
    visits = _listed(con, "cla_visits_6wk_pct", "2025-03-31")
    in_or_out = {c: r["in_numerator"] for c, r in visits.items()}
    assert in_or_out == {"V1": True, "V2": False, "V4": False, "V5": False}
    assert visits["V1"]["why"] == (
        "seen on a visit on 2025-02-20, within the 6 weeks to the month end (from 2025-02-18)"
    )
    # V2 seen on 17 Feb: exactly 42 days before the month end, one day too old
    assert visits["V2"]["why"] == (
        "no visit with the child seen between 2025-02-18 and the month end "
        "(last seen on a visit: 2025-02-17); in care since 2024-01-01"
    )
    # V4's visit on 30 Mar did not see the child: the last seen is 10 Jan
    assert "(last seen on a visit: 2025-01-10)" in visits["V4"]["why"]
    assert "(last seen on a visit: none)" in visits["V5"]["why"]
    assert_adds_up(con, "cla_visits_6wk_pct", "2025-03-31")


def test_social_workers_a_returning_worker_counts_once() -> None:
    # 12 months to 31 Mar 2025: S1 SWA, SWB, SWA again = 2; S2 SWC (ends on 1 Apr 2024, the first day),
    # SWD, SWE = 3; S3 SWF = 1.
    con = _stocks_database("cla_sw_changes_3plus_pct")
    workers = _listed(con, "cla_sw_changes_3plus_pct", "2025-03-31")
    assert {c: r["in_numerator"] for c, r in workers.items()} == {"S1": False, "S2": True, "S3": False}
    assert workers["S1"]["why"] == (
        "2 different social workers in the 12 months to the month end (fewer than 3)"
    )
    assert workers["S2"]["social_workers_in_last_12_months"] == 3
    assert_adds_up(con, "cla_sw_changes_3plus_pct", "2025-03-31")


def test_the_yaml_names_only_columns_the_macro_has() -> None:
    """Every column a YAML entry names (measures, details, why placeholders) is one the macro gives."""
    entries = {i: e for i, e in child_lists.entries().items() if e.family == FAMILY}
    assert len(entries) == 18
    con = _stocks_database("cla_count")
    columns = set(con.sql(f"select * from {MACRO}(date '2025-03-31')").columns)
    for indicator_id, entry in entries.items():
        named = {entry.numerator, entry.denominator, *entry.columns} - {None}
        named |= {
            part.split("}")[0] for text in (entry.why_in, entry.why_out or "") for part in text.split("{")[1:]
        }
        assert named <= columns, (indicator_id, sorted(named - columns))
