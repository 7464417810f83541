"""March values of the children-in-care views equal an independent computation.

The expected figures are worked out here in plain pandas and Python straight from the demo authority's
SSDA903 CSV files (every annual return, stitched by hand), following indicators.md rules R6-R9 and the
definitions of cla_3plus_placements_pct and cla_longterm_stability_pct. Nothing here reads a SQL view,
so a mistake in the views' joins or windows shows up as a difference.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tests.indicators.independent_demo import MARCH, demo, indicator_value, read_ssda903

TEMPORARY = {"T0", "T1", "T2", "T3", "T4"}
YEAR_START = date(2024, 4, 1)


def _years_before(day: date, years: int, months: int = 0) -> date:
    """The same day ``years`` years and ``months`` months earlier (end of month if it does not exist)."""
    stamp = pd.Timestamp(day) - pd.DateOffset(years=years, months=months)
    return stamp.date()


@pytest.fixture(scope="module")
def episodes() -> pd.DataFrame:
    """Stitched episodes: one row per (CHILD, DECOM), the latest return's version; short breaks dropped."""
    raw = read_ssda903(demo().extracts, "episodes")
    latest = raw.sort_values("collection_year").drop_duplicates(["CHILD", "DECOM"], keep="last")
    latest = latest[~latest["LS"].isin(["V3", "V4"])]
    return latest.sort_values(["CHILD", "DECOM"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def birth_dates() -> dict[str, date]:
    header = read_ssda903(demo().extracts, "header").sort_values("collection_year")
    return header.drop_duplicates("CHILD", keep="last").set_index("CHILD")["DOB"].to_dict()


def _in_care_at(episodes: pd.DataFrame, day: date) -> set[str]:
    open_ = (episodes["DECOM"] <= day) & (episodes["DEC"].isna() | (episodes["DEC"] > day))
    return set(episodes.loc[open_, "CHILD"])


def _child_placements(rows: pd.DataFrame) -> list[tuple[date, date | None]]:
    """(start, end) of each placement of one child, by R8, walking the episodes in order."""
    placements: list[list] = []
    previous = None
    before_temporary = None
    for row in rows.itertuples(index=False):
        new_period = (
            previous is None or row.RNE == "S" or previous.DEC != row.DECOM or (previous.REC or "X1") != "X1"
        )
        is_temporary = row.PLACE in TEMPORARY
        returns = (
            previous is not None
            and previous.PLACE in TEMPORARY
            and before_temporary is not None
            and before_temporary.PLACE == row.PLACE
            and before_temporary.PL_POST == row.PL_POST
        )
        adoption_same_carer = row.RNE in ("T", "U") and row.PLACE in ("A3", "A5")
        starts = new_period or (
            row.RNE in ("P", "B", "T", "U") and not is_temporary and not returns and not adoption_same_carer
        )
        if starts:
            placements.append([row.DECOM, row.DEC])
        else:
            placements[-1][1] = row.DEC
        if not is_temporary:
            before_temporary = row
        previous = row
    return [(start, end) for start, end in placements]


def test_3plus_placements_march(episodes: pd.DataFrame) -> None:
    """CLA at 31 Mar 2025 with 3+ placements in the year / CLA at 31 Mar 2025."""
    cohort = _in_care_at(episodes, MARCH)
    three_plus = 0
    for child in cohort:
        placements = _child_placements(episodes[episodes["CHILD"] == child])
        in_year = [p for p in placements if p[0] <= MARCH and (p[1] is None or p[1] >= YEAR_START)]
        three_plus += len(in_year) >= 3
    numerator, denominator, value = indicator_value(demo().con, "cla_3plus_placements_pct", MARCH)
    assert (numerator, denominator) == (three_plus, len(cohort))
    assert value == pytest.approx(100 * three_plus / len(cohort))
    assert len(cohort) > 300 and three_plus > 10  # a real test, not 0 of 0


def _period_and_carer_start(rows: pd.DataFrame, day: date) -> tuple[date, date]:
    """Start of the period of care open at ``day`` and of the run with the same carer (DfE stability)."""
    period_start = carer_start = previous_carer_start = None
    previous = before_temporary = None
    for row in rows.itertuples(index=False):
        if day < row.DECOM:
            break
        new_period = (
            previous is None or row.RNE == "S" or previous.DEC != row.DECOM or (previous.REC or "X1") != "X1"
        )
        is_temporary = row.PLACE in TEMPORARY
        returns = (
            previous is not None
            and previous.PLACE in TEMPORARY
            and before_temporary is not None
            and before_temporary.PLACE == row.PLACE
            and before_temporary.PL_POST == row.PL_POST
        )
        if new_period:
            period_start, carer_start, previous_carer_start = row.DECOM, row.DECOM, None
            run_first_place = row.PLACE
        elif row.RNE in ("P", "B") and not is_temporary and not returns:
            previous_carer_start, carer_start, run_first_place = carer_start, row.DECOM, row.PLACE
        if not is_temporary:
            before_temporary = row
        previous = row
    if run_first_place in ("A3", "A4", "A5", "A6") and previous_carer_start is not None:
        carer_start = previous_carer_start
    return period_start, carer_start


def test_longterm_stability_march(episodes: pd.DataFrame, birth_dates: dict[str, date]) -> None:
    """Under 16, looked after 2.5+ years at 31 Mar 2025: share with the same carer for 2+ years."""
    cohort = stable = 0
    for child in _in_care_at(episodes, MARCH):
        born = birth_dates[child]
        age = MARCH.year - born.year - ((MARCH.month, MARCH.day) < (born.month, born.day))
        period_start, carer_start = _period_and_carer_start(episodes[episodes["CHILD"] == child], MARCH)
        if age < 16 and period_start <= _years_before(MARCH, 2, 6):
            cohort += 1
            stable += carer_start <= _years_before(MARCH, 2)
    numerator, denominator, value = indicator_value(demo().con, "cla_longterm_stability_pct", MARCH)
    assert (numerator, denominator) == (stable, cohort)
    assert value == pytest.approx(100 * stable / cohort)
    assert cohort > 50


def test_cla_count_march(episodes: pd.DataFrame) -> None:
    """The stock itself: distinct children with an episode open at 31 March, short breaks excluded."""
    assert indicator_value(demo().con, "cla_count", MARCH)[0] == len(_in_care_at(episodes, MARCH))
