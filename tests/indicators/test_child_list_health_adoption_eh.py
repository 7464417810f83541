"""Hand-worked child lists of the cla_health, cla_iha, cla_adoptions, cla_permanence and early_help families.

Each test takes the given rows of an indicator's case file (tests/cases/<id>.yml, read and built by
case_runner), sometimes with a few rows added for an edge the case does not have, builds the family's
child-list macro on that tiny database, and checks who is listed, in or out, the why text, and that the
list adds up to the view's figure. The expected rows are worked by hand in the comments.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import duckdb
import pytest

from cscdash import child_lists, db
from tests.indicators.case_runner import CASES_DIR, build_case_database, load_case
from tests.indicators.child_list_checks import assert_adds_up


def _family_database(
    case_id: str, macro: str, also: tuple[str, ...] = (), extra: dict | None = None
) -> duckdb.DuckDBPyConnection:
    """The case's given rows (plus ``extra`` rows per raw table) with its view, the views ``also`` and the
    family's child-list macro built."""
    case = load_case(CASES_DIR / f"{case_id}.yml")
    given = {table: list(rows or []) for table, rows in case.given.items()}
    for table, rows in (extra or {}).items():
        given[table] = given.get(table, []) + rows
    con = build_case_database(replace(case, given=given))
    db.build_views(con, only=["int_children__attributes", *also, macro])
    return con


def _listed(con: duckdb.DuckDBPyConnection, indicator_id: str, period_end: str) -> dict[str, list[dict]]:
    """child_id -> the presented rows of that child (a child can be listed twice)."""
    shown = child_lists.child_list(con, indicator_id, date.fromisoformat(period_end))
    found: dict[str, list[dict]] = {}
    for row in shown.to_dict("records"):
        found.setdefault(row["child_id"], []).append(row)
    return found


def test_iha_lists_each_period_of_care_and_day_20_is_in_time() -> None:
    # K (added) starts care twice in the year to 31 Mar 2025, each a period of care with its own due date:
    # Mon 2 Sep 2024 = day 0; 3-6 Sep = 1-4, 9-13 = 5-9, 16-20 = 10-14, 23-27 = 15-19, Mon 30 Sep = day 20.
    # IHA 20 Sep 2024: in time. Left 14 Oct 2024; back Mon 4 Nov 2024 = day 0; 5-8 Nov = 1-4, 11-15 = 5-9,
    # 18-22 = 10-14, 25-29 = 15-19, Mon 2 Dec = day 20; the first IHA of that period is Tue 3 Dec: late.
    extra = {
        "ssda903_header": [{"CHILD": "K", "SEX": "M", "DOB": "2012-01-01", "ETHNIC": "WBRI"}],
        "ssda903_episodes": [
            {"CHILD": "K", "DECOM": "2024-09-02", "RNE": "S", "LS": "C2", "PLACE": "U4", "DEC": "2024-10-14",
             "REC": "E4A", "collection_year": 2025},
            {"CHILD": "K", "DECOM": "2024-11-04", "RNE": "S", "LS": "C2", "PLACE": "U4",
             "collection_year": 2025},
        ],
        "local_health_assessments": [
            {"child_id": "K", "assessment_date": "2024-09-20", "assessment_type": "IHA"},
            {"child_id": "K", "assessment_date": "2024-12-03", "assessment_type": "IHA"},
        ],
    }  # fmt: skip
    con = _family_database("cla_iha_20wd_pct", "children_cla_iha", extra=extra)
    listed = _listed(con, "cla_iha_20wd_pct", "2025-03-31")
    # The case's A, B, E, F (due 21 May 2024) and K twice; C left on day 13 and I on day 20 itself:
    # not listed.
    assert sorted(listed) == ["A", "B", "E", "F", "K"]
    assert len(listed["K"]) == 2
    (a,) = listed["A"]
    assert a["in_numerator"]
    assert a["why"] == (
        "initial health assessment on 2024-05-21, by the due date 2024-05-21 "
        "(20 working days after entering care on 2024-04-22)"
    )
    (b,) = listed["B"]  # IHA on day 21 (22 May 2024): late
    assert not b["in_numerator"]
    assert b["why"].startswith("no initial health assessment between entering care on 2024-04-22 and the due")
    assert b["why"].endswith("first one recorded: 2024-05-22")
    (e,) = listed["E"]  # no IHA at all
    assert e["why"].endswith("first one recorded: none")
    k_first, k_second = sorted(listed["K"], key=lambda r: r["start_date"])
    assert (k_first["in_numerator"], k_second["in_numerator"]) == (True, False)
    assert "due date 2024-12-02" in k_second["why"]
    # In time: A and K's first period -> 2 of 6; by sex Male A, E, K, K -> 2 of 4
    counted = con.execute(
        "select sum(n_in_time), sum(n_cohort) from children_cla_iha(date '2025-03-31')"
    ).fetchone()
    assert counted == (2, 6)
    assert_adds_up(con, "cla_iha_20wd_pct", "2025-03-31")
    # 28 Feb 2025: the window starts before the SSDA903 history, the figure is withheld: nobody is listed
    assert _listed(con, "cla_iha_20wd_pct", "2025-02-28") == {}


def test_sdq_cohort_by_age_at_31_march_and_the_reason_without_a_score() -> None:
    con = _family_database(
        "cla_sdq_returned_pct",
        "children_cla_health",
        also=("cla_sdq_average", "cla_sdq_concern_pct", "cla_health_assessment_pct"),
    )
    listed = _listed(con, "cla_sdq_returned_pct", "2025-03-31")
    # Aged 5-16 at 31 Mar 2025: P1 (15), P4 (6), P5 (12); P2 is 4, P3 turned 17 on 31 March itself
    assert sorted(listed) == ["P1", "P4", "P5"]
    assert listed["P1"][0]["why"] == "SDQ score 20 recorded (aged 15 at 2025-03-31)"
    assert (
        listed["P5"][0]["why"] == "no SDQ score recorded though aged 12 at 2025-03-31 (reason: carer refused)"
    )
    # Average: P1 20 + P4 14 = 34 over 2 scored; concern (17 or more): P1 only
    concern = _listed(con, "cla_sdq_concern_pct", "2025-03-31")
    assert {c: r[0]["in_numerator"] for c, r in concern.items()} == {"P1": True, "P4": False}
    assert concern["P4"][0]["why"] == "SDQ score 14, under 17 (normal or borderline)"
    # every OC2 child is in the health assessment list; P3 had none
    health = _listed(con, "cla_health_assessment_pct", "2025-03-31")
    assert sorted(health) == ["P1", "P2", "P3", "P4", "P5"]
    assert health["P3"][0]["why"] == (
        "no health assessment recorded in the year to 2025-03-31, though looked after all year"
    )
    for indicator_id in ("cla_sdq_returned_pct", "cla_sdq_average", "cla_sdq_concern_pct"):
        assert_adds_up(con, indicator_id, "2025-03-31")
    # annual: no figure and nobody listed at another month end
    assert _listed(con, "cla_sdq_average", "2025-04-30") == {}


def test_adoptions_list_both_timescales_with_days() -> None:
    con = _family_database(
        "adoption_po_to_match_days", "children_cla_adoptions", also=("adoption_entry_to_placed_days",)
    )
    listed = _listed(con, "adoption_po_to_match_days", "2025-03-31")
    # AD_A: 1 Sep 2022 -> 1 Dec 2022 = 91 days; AD_B: 1 Sep 2023 -> 15 Mar 2024 = 196 days
    assert listed["AD_A"][0]["why"] == (
        "91 days from the placement order on 2022-09-01 to the match with the adopters on 2022-12-01 "
        "(adopted 2024-10-01)"
    )
    assert listed["AD_B"][0]["why"].startswith("196 days from the placement order on 2023-09-01")
    # AD_A was adopted by the foster carers she lived with from entering care: 0 days, so not above 0
    entry = _listed(con, "adoption_entry_to_placed_days", "2025-03-31")
    assert not entry["AD_A"][0]["in_numerator"]
    assert entry["AD_A"][0]["why"].startswith(
        "moved in with the adoptive family on 2022-01-01, no later than entering care on 2022-01-01 (0 days"
    )
    for indicator_id in ("adoption_po_to_match_days", "adoption_entry_to_placed_days"):
        assert_adds_up(con, indicator_id, "2025-03-31")
        assert_adds_up(con, indicator_id, "2024-10-31")


def test_permanence_exactly_four_months_counts_and_no_snapshot_lists_nobody() -> None:
    con = _family_database("cla_permanence_plan_pct", "children_cla_permanence")
    listed = _listed(con, "cla_permanence_plan_pct", "2025-03-31")
    # P1 in care exactly 4 months (30 Nov 2024): listed; P2 a day less, P4 short break, P5/P7 ceased: not
    assert sorted(listed) == ["P1", "P3", "P6"]
    assert (
        listed["P6"][0]["why"]
        == "permanence plan recorded on the 2025-03-31 list: SGO/CAO (in care since 2020-02-01)"
    )
    assert listed["P3"][0]["why"] == (
        "no permanence plan recorded on the 2025-03-31 list, though in care since 2023-05-01 "
        "(4 months or more)"
    )
    assert_adds_up(con, "cla_permanence_plan_pct", "2025-03-31")
    # January 2025 has no list 8 snapshot: no figure, nobody listed
    assert _listed(con, "cla_permanence_plan_pct", "2025-01-31") == {}


def test_early_help_step_up_exactly_12_months_after_counts() -> None:
    # B7 (added) ended 1 Oct 2024 with no outcome recorded: in the closed list of the year to 31 Mar 2025
    extra = {
        "local_early_help": [
            {
                "child_id": "B7",
                "episode_start": "2024-05-01",
                "episode_end": "2024-10-01",
                "lead_service": "YOUTH",
            },
        ]
    }
    con = _family_database(
        "eh_step_up_12m_pct", "children_early_help", also=("eh_closed_outcomes_achieved_pct",), extra=extra
    )
    listed = _listed(con, "eh_step_up_12m_pct", "2025-03-31")
    # cohort: ended 1 Apr 2023 - 31 Mar 2024: B1-B4 (B5 a day before, B6 a day after)
    assert sorted(listed) == ["B1", "B2", "B3", "B4"]
    assert listed["B2"][0]["in_numerator"]  # stepped up 30 Jun 2024, exactly 12 months after 30 Jun 2023
    assert listed["B2"][0]["why"] == (
        "stepped up to children's social care on 2024-06-30, within a year of the episode ending on "
        "2023-06-30"
    )
    assert not listed["B3"][0]["in_numerator"]  # 16 Sep 2024: 12 months and a day after 15 Sep 2023
    assert listed["B3"][0]["why"] == (
        "not stepped up to children's social care from the start on 2023-05-01 to 2024-09-15, "
        "a year after the episode ended on 2023-09-15"
    )
    closed = _listed(con, "eh_closed_outcomes_achieved_pct", "2025-03-31")
    # ended 1 Apr 2024 - 31 Mar 2025: B6 (achieved) and B7 (no outcome)
    assert {c: r[0]["in_numerator"] for c, r in closed.items()} == {"B6": True, "B7": False}
    assert (
        closed["B7"][0]["why"]
        == "ended on 2024-10-01 without its outcomes achieved (outcome: No outcome recorded)"
    )
    for indicator_id in ("eh_step_up_12m_pct", "eh_closed_outcomes_achieved_pct"):
        assert_adds_up(con, indicator_id, "2025-03-31")
    # 29 Feb 2024: the step-up cohort would start before the file covers: no step-up list
    assert _listed(con, "eh_step_up_12m_pct", "2024-02-29") == {}


@pytest.mark.parametrize("family", ["cla_health", "cla_iha", "cla_adoptions", "cla_permanence", "early_help"])
def test_each_family_yaml_names_columns_its_macro_has(family: str) -> None:
    """Every column a YAML entry names (measures, details, why placeholders) is one its macro gives."""
    entries = {i: e for i, e in child_lists.entries().items() if e.family == family}
    assert entries, f"no entries in {family}.yml"
    con = db.connect()
    db.ensure_schema(con)
    db.build_views(con, only=[*entries, "int_children__attributes", f"children_{family}"])
    columns = set(con.sql(f"select * from children_{family}(date '2025-03-31')").columns)
    for indicator_id, entry in entries.items():
        named = {entry.numerator, entry.denominator, *entry.columns} - {None}
        named |= {
            part.split("}")[0] for text in (entry.why_in, entry.why_out or "") for part in text.split("{")[1:]
        }
        assert named <= columns, (indicator_id, sorted(named - columns))
