"""March value of cl_eet_19_21_pct equals an independent computation from the demo's OC3, header and
episode CSV files in plain pandas (cohort rules of indicators.md section 5), not through the views."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tests.indicators.independent_demo import MARCH, demo, indicator_value, read_ssda903

EET = {"F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5"}


def _birthday(born: date, age: int) -> date:
    return (pd.Timestamp(born) + pd.DateOffset(years=age)).date()


def test_eet_19_21_march() -> None:
    extracts = demo().extracts
    oc3 = read_ssda903(extracts, "oc3")
    oc3 = oc3[oc3["collection_year"] == 2025]
    header = (
        read_ssda903(extracts, "header").sort_values("collection_year").drop_duplicates("CHILD", keep="last")
    )
    born = header.set_index("CHILD")["DOB"].to_dict()
    episodes = read_ssda903(extracts, "episodes").sort_values("collection_year")
    episodes = episodes.drop_duplicates(["CHILD", "DECOM"], keep="last")
    # young people whose last care episode before a date ended with a transfer to another LA (E3)
    exits = episodes[episodes["REC"].notna() & (episodes["REC"] != "X1")]
    cohort = eet = 0
    for row in oc3.itertuples(index=False):
        birthdays = [_birthday(born[row.CHILD], age) for age in (19, 20, 21)]
        day = next((b for b in birthdays if date(2024, 4, 1) <= b <= MARCH), None)
        if day is None or row.IN_TOUCH in ("DIED", "RHOM"):
            continue
        before = exits[(exits["CHILD"] == row.CHILD) & (exits["DEC"] <= day)].sort_values("DECOM")
        if len(before) and before.iloc[-1]["REC"] == "E3":
            continue
        cohort += 1
        eet += row.ACTIV in EET
    numerator, denominator, value = indicator_value(demo().con, "cl_eet_19_21_pct", MARCH)
    assert (numerator, denominator) == (eet, cohort)
    assert value == pytest.approx(100 * eet / cohort)
    assert cohort > 100
